#!/usr/bin/env python3
# ===--- googletest_smoke.py - escape-* over googletest's own sources ------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Smoke test on real code: runs clang-tidy-N --load=PLUGIN -checks=-*,escape-*
over the googletest and googlemock sources that Debian's `googletest` package
installs (/usr/src/googletest), and fails on

  * a crash of clang-tidy (signal, assertion, stack dump, timeout);
  * an error line that the same clang-tidy without the plugin does not print
    for the same TU (errors of the code base itself, e.g. a file that clang
    does not compile, are told apart this way);
  * a fix-it that does not compile: every TU that gets fix-its is fixed
    (clang-tidy --fix) in a copy of the sources and compiled with
    clang++-N -fsyntax-only and the same flags (only when the unfixed TU
    compiles).

The TUs are every .cc file below googletest/ and googlemock/, sorted, but the
four that only #include the others (gtest-all.cc, gmock-all.cc,
gtest_all_test.cc, gmock_all_test.cc): 101 of googletest 1.12.1's 105, with
the same code. --shard K/M takes those at index K, K+M, K+2M, ... so that
ctest runs the shards in parallel. Flags: -std=c++14 and the include dirs
that googletest's CMake build uses.

Usage: googletest_smoke.py --clang-tidy BIN --clangxx BIN --plugin SO
                           --work DIR [--shard K/M] [--sources DIR]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "bench"))
import run as bench  # noqa: E402  (bench/run.py: parsing helpers)

FLAGS = ["-std=c++14", "-I", "googletest", "-I", "googletest/include",
         "-I", "googlemock", "-I", "googlemock/include"]
# Per clang-tidy run, in wall seconds; generous because a shared machine may
# give a run a small share of a core (a TU takes 1-10 s of CPU).
TIMEOUT = 1800
# The TUs that #include the other .cc files of their folder.
AGGREGATE = re.compile(r"(-all|_all_test)\.cc$")


def tidy(opts, file, cwd, out_base, plugin, extra=()):
    argv = [opts.clang_tidy, "--config={}", "--quiet"]
    if plugin:
        argv += ["--load=" + opts.plugin, "-checks=-*,escape-*"]
    else:
        argv += ["-checks=-*,misc-unused-alias-decls"]
    argv += list(extra) + [file, "--"] + FLAGS
    run = bench.run_measured(argv, cwd, out_base + ".out", out_base + ".err",
                             timeout=TIMEOUT)
    text = bench.read_text(out_base + ".out") + bench.read_text(out_base + ".err")
    return run, text


def compiles(opts, file, cwd):
    p = subprocess.run([opts.clangxx, "-fsyntax-only"] + FLAGS + [file], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=TIMEOUT)
    return p.returncode == 0, p.stdout.decode("utf-8", "replace")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--shard", default="0/1")
    ap.add_argument("--sources", default="/usr/src/googletest")
    opts = ap.parse_args()
    k, m = (int(x) for x in opts.shard.split("/"))
    opts.plugin = os.path.abspath(opts.plugin)
    opts.work = os.path.abspath(opts.work)
    src = os.path.abspath(opts.sources)
    if not os.path.isdir(os.path.join(src, "googletest", "src")):
        print("FAIL: %s has no googletest sources; install Debian's googletest "
              "package (tools/install-deps.sh)" % src)
        return 1
    files = sorted(os.path.relpath(os.path.join(d, f), src)
                   for top in ("googletest", "googlemock")
                   for d, _, names in os.walk(os.path.join(src, top))
                   for f in names if f.endswith(".cc") and not AGGREGATE.search(f))
    mine = files[k::m]
    shutil.rmtree(opts.work, ignore_errors=True)
    os.makedirs(opts.work)
    copy = os.path.join(opts.work, "copy")
    shutil.copytree(src, copy, symlinks=True)
    start = time.monotonic()
    failures, stats = [], {"findings": 0, "fixed": 0, "code-base errors": 0,
                           "cpu": 0.0}
    for n, rel in enumerate(mine):
        out = os.path.join(opts.work, "tu%03d" % n)
        fixes = out + ".yaml"
        run, text = tidy(opts, rel, src, out, True, ["--export-fixes=" + fixes])
        crash = bench.crash_info(run, text)
        stats["cpu"] += run["cpu"]
        findings = [d for d in bench.parse_diags(bench.read_text(out + ".out"))
                    if d["level"] == "warning" and (d["check"] or "").startswith("escape-")]
        stats["findings"] += len(findings)
        status = "%d findings" % len(findings)
        if crash:
            failures.append("%s: clang-tidy crashed (status %s, in %s): %s" % (
                rel, crash["status"], ", ".join(crash["checks"]) or "?",
                " | ".join(crash["excerpt"][:4])))
            status = "CRASH"
        errors = bench.error_lines(text)
        if errors and not crash:
            _, base_text = tidy(opts, rel, src, out + "-base", False)
            ours = list(errors)
            for e in bench.error_lines(base_text):
                if e in ours:
                    ours.remove(e)
            stats["code-base errors"] += len(errors) - len(ours)
            if ours:
                failures.append("%s: errors that clang-tidy without the plugin "
                                "does not print:\n    %s" % (rel, "\n    ".join(ours[:10])))
                status += ", PLUGIN ERRORS"
            else:
                status += ", %d code-base errors (also without the plugin)" % len(errors)
        fixed, _ = bench.parse_fixes_yaml(fixes)
        if fixed and not crash:
            ok_before, _ = compiles(opts, rel, src)
            if not ok_before:
                status += ", fix-its not checked (the TU does not compile unfixed)"
            else:
                run2, text2 = tidy(opts, rel, copy, out + "-fix", True, ["--fix"])
                ok_after, diag = compiles(opts, rel, copy)
                stats["fixed"] += 1
                changed = []
                for d, _, names in os.walk(copy):
                    for f in names:
                        p = os.path.join(d, f)
                        o = os.path.join(src, os.path.relpath(p, copy))
                        if os.path.isfile(o) and bench.read_text(o) != bench.read_text(p):
                            changed.append(os.path.relpath(p, copy))
                if not ok_after:
                    failures.append("%s: the fixed code does not compile (checks %s; "
                                    "changed %s):\n    %s" % (
                                        rel, ", ".join(sorted({c for c, _ in fixed})),
                                        ", ".join(changed), "\n    ".join(
                                            l for l in diag.splitlines()
                                            if ": error: " in l)[:2000]))
                    status += ", FIX-ITS DO NOT COMPILE"
                else:
                    status += ", fix-its compile"
                for c in changed:  # restore the copy
                    shutil.copyfile(os.path.join(src, c), os.path.join(copy, c))
        print("[%d/%d] %s: %s (%.1f s CPU, %.1f s wall)" % (
            n + 1, len(mine), rel, status, run["cpu"], run["wall"]), flush=True)
    print("shard %s: %d TUs, %d findings, %d TUs fixed and compiled, %d code-base "
          "errors ignored; clang-tidy CPU %.0f s, wall %.0f s" % (
              opts.shard, len(mine), stats["findings"], stats["fixed"],
              stats["code-base errors"], stats["cpu"], time.monotonic() - start))
    if failures:
        print("FAIL:\n  " + "\n  ".join(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
