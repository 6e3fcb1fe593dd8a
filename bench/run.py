#!/usr/bin/env python3
# ===--- run.py - run escape-tidy over real code bases, write a report -----===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Runs clang-tidy-N with the escape-tidy plugin over the compile databases
that bench/corpus.sh writes, and writes a Markdown + JSON report.

For every translation unit (TU), four clang-tidy runs go back to back, in an
order that rotates from one TU to the next, so that the load other people put
on the machine hits them alike:

  base    -checks=-*,misc-unused-alias-decls           (the parse floor)
  escape  --load=PLUGIN -checks=-*,escape-*            (findings, fix-its)
  anchor  -checks=-*,performance-inefficient-vector-operation
  prof    --load=PLUGIN -checks=-*,escape-*,performance-inefficient-vector-
          operation,misc-unused-alias-decls --enable-check-profile

Times are the user+sys CPU seconds of each clang-tidy process (os.wait4),
memory is its peak resident set (ru_maxrss). CPU time on a shared machine is
noisy by several per cent, so the base and escape runs of the scaling inputs
(and of --instructions-tus TUs per code base) are also counted in
instructions: `perf stat -e instructions:u` where the kernel allows it, else
valgrind's callgrind (about 50 times slower, exact and repeatable). Every run gets --config={} so
that the code base's own .clang-tidy files do not apply.

Then every TU whose escape run offered fix-its gets them applied (clang-tidy
--fix) in a copy of the code base, and the changed TU is compiled with
clang++-N -fsyntax-only and the TU's flags; the copy is restored afterwards.

Python 3 standard library only. See bench/README.md.
"""

import argparse
import datetime
import difflib
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TRIVIAL = "misc-unused-alias-decls"
ANCHOR = "performance-inefficient-vector-operation"
CONFIGS = ("base", "escape", "anchor", "prof")
SAMPLE_PER_CHECK = 25
TIMEOUT = 900

DIAG_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error): "
    r"(?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")
CRASH_MARKERS = ("Stack dump:", "PLEASE submit a bug report",
                 "LLVM ERROR:", "Assertion `", "symbol lookup error")
PROCESSING_RE = re.compile(r"Processing '([\w.-]+)'")


def log(msg):
    print("run.py: " + msg, file=sys.stderr, flush=True)


# --- running one process ------------------------------------------------------


def run_measured(argv, cwd, out_path, err_path, timeout=TIMEOUT):
    """Runs argv; returns a dict with status, cpu (user+sys s), user, wall,
    maxrss_kib. stdout and stderr go to files (no pipes to drain)."""
    start = time.monotonic()
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - start
    return {
        "status": proc.returncode,
        "timed_out": wall >= timeout,
        "user": ru.ru_utime,
        "cpu": ru.ru_utime + ru.ru_stime,
        "wall": wall,
        "maxrss_kib": ru.ru_maxrss,
    }


_COUNTER = []


def instruction_counter():
    """'perf' when perf can count user instructions here, else 'callgrind'
    when valgrind is installed, else None."""
    if not _COUNTER:
        kind = None
        try:
            r = subprocess.run(["perf", "stat", "-x,", "-e", "instructions:u", "true"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, timeout=60)
            if re.search(r"^\d+,", r.stderr, re.M):
                kind = "perf"
        except (OSError, subprocess.SubprocessError):
            pass
        if kind is None and shutil.which("valgrind"):
            kind = "callgrind"
        _COUNTER.append(kind)
    return _COUNTER[0]


def count_instructions(argv, cwd, out_path, err_path, timeout=TIMEOUT * 60):
    """Runs argv under the instruction counter; returns the user-space
    instructions it executed, or None."""
    kind = instruction_counter()
    if kind == "perf":
        data = err_path + ".perf"
        wrapped = ["perf", "stat", "-x,", "-e", "instructions:u", "-o", data] + argv
    elif kind == "callgrind":
        data = err_path + ".callgrind"
        wrapped = ["valgrind", "--tool=callgrind", "--callgrind-out-file=" + data] + argv
    else:
        return None
    run = run_measured(wrapped, cwd, out_path, err_path, timeout)
    if run["timed_out"]:
        return None
    if kind == "perf":
        m = re.search(r"^(\d+),[^,]*,instructions", read_text(data), re.M)
    else:
        m = re.search(r"Collected : (\d+)", read_text(err_path))
        if os.path.exists(data):
            os.remove(data)  # the profile itself is large and not needed
    return int(m.group(1)) if m else None


def read_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "replace")


# --- parsing clang-tidy output --------------------------------------------------


def parse_diags(text):
    """file:line:col: warning|error: message [check] lines."""
    diags = []
    for line in text.splitlines():
        m = DIAG_RE.match(line)
        if m:
            d = m.groupdict()
            d["line"] = int(d["line"])
            d["col"] = int(d["col"])
            diags.append(d)
    return diags


def error_lines(text):
    """Every line that reports an error (compile errors, configuration errors,
    'error: ...' from the driver), for comparing two runs of the same TU."""
    out = []
    for line in text.splitlines():
        if re.search(r"(^|: )(fatal )?error: ", line) or line.startswith(
                "Error "):
            out.append(line.strip())
    return out


def crash_info(run, text):
    """None, or a dict describing a crash: a signal, an assertion, a stack
    dump, an unresolved symbol of the plugin, a timeout, or an exit status
    that clang-tidy does not use (0: fine, 1: with compiler errors)."""
    abnormal = run["status"] not in (0, 1) or (run["status"] == 1
                                                and not error_lines(text))
    markers = [m for m in CRASH_MARKERS if m in text]
    if not abnormal and not markers and not run["timed_out"]:
        return None
    checks = sorted(set(PROCESSING_RE.findall(text)))
    first = [l for l in text.splitlines()
             if any(m in l for m in ("Assertion", "LLVM ERROR", "Stack dump",
                                     "Processing '", "symbol lookup"))][:6]
    return {"status": run["status"], "timed_out": run["timed_out"],
            "checks": checks, "excerpt": first}


def parse_fixes_yaml(path):
    """Counts the replacements of each diagnostic in an --export-fixes file;
    only the diagnostic's own fix-its (the ones --fix applies), not the notes'.
    Returns (list of (check, count), set of files touched)."""
    if not os.path.exists(path):
        return [], set()
    diags, files = [], set()
    cur, in_main = None, False
    for line in read_text(path).splitlines():
        m = re.match(r"^  - DiagnosticName:\s+(\S+)", line)
        if m:
            cur = [m.group(1), 0]
            diags.append(cur)
            in_main = False
            continue
        if line.startswith("    DiagnosticMessage:"):
            in_main = True
        elif line.startswith("    ") and not line.startswith("     "):
            in_main = False  # Notes:, Level:, BuildDirectory:
        m = re.match(r"^        - FilePath:\s+'(.*)'$", line)
        if m and in_main and cur is not None:
            cur[1] += 1
            files.add(m.group(1).replace("''", "'"))
    return [(d[0], d[1]) for d in diags if d[1] > 0], files


def read_profile(prof_dir):
    """{check: user+sys seconds} from the --store-check-profile JSON files."""
    times = {}
    if not os.path.isdir(prof_dir):
        return times
    for name in os.listdir(prof_dir):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(prof_dir, name)) as f:
            data = json.load(f)
        for key, value in data.get("profile", {}).items():
            m = re.match(r"time\.clang-tidy\.(.+)\.(user|sys)$", key)
            if m:
                times[m.group(1)] = times.get(m.group(1), 0.0) + value
    return times


# --- one TU ---------------------------------------------------------------------


class CodeBase:
    def __init__(self, name, db_path):
        self.name = name
        with open(db_path) as f:
            self.entries = json.load(f)
        self.fix_lock = threading.Lock()
        self.copy_root = None  # (original top, copy top)


def tu_args(entry):
    """(compiler, flags without -c/-o/the file) of a compile-database entry."""
    args = entry.get("arguments")
    if args is None:
        args = entry["command"].split()
    compiler, rest, flags, skip = args[0], args[1:], [], False
    for a in rest:
        if skip:
            skip = False
            continue
        if a == "-o":
            skip = True
            continue
        if a == "-c" or os.path.normpath(os.path.join(
                entry["directory"], a)) == os.path.normpath(entry["file"]):
            continue
        flags.append(a)
    return compiler, flags


class Runner:
    def __init__(self, opts):
        self.opts = opts
        self.tidy = "clang-tidy-%d" % opts.major
        self.cxx = "clang++-%d" % opts.major
        self.plugin = os.path.abspath(opts.plugin)

    def tidy_argv(self, config, file, flags, extra=()):
        argv = [self.tidy, "--config={}", "--quiet"]
        if config == "base":
            argv.append("-checks=-*," + TRIVIAL)
        elif config == "escape":
            argv += ["--load=" + self.plugin, "-checks=-*,escape-*"]
        elif config == "anchor":
            argv.append("-checks=-*," + ANCHOR)
        elif config == "prof":
            argv += ["--load=" + self.plugin,
                     "-checks=-*,escape-*,%s,%s" % (ANCHOR, TRIVIAL)]
        argv += list(extra)
        return argv + [file, "--"] + flags

    def run_tu(self, cb, index, entry, work, timed, counted=False):
        file, cwd = entry["file"], entry["directory"]
        _, flags = tu_args(entry)
        tag = "%04d" % index
        tudir = os.path.join(work, tag)
        shutil.rmtree(tudir, ignore_errors=True)
        os.makedirs(tudir)
        rel = os.path.relpath(file, cwd)
        result = {"file": rel, "runs": {}}
        order = CONFIGS[index % 4:] + CONFIGS[:index % 4]
        if not timed:
            order = ("escape",)
        texts = {}
        for config in order:
            extra = []
            if config == "escape":
                extra.append("--export-fixes=" + os.path.join(tudir, "fixes.yaml"))
            if config == "prof":
                extra += ["--enable-check-profile",
                          "--store-check-profile=" + os.path.join(tudir, "prof")]
            out = os.path.join(tudir, config + ".out")
            err = os.path.join(tudir, config + ".err")
            run = run_measured(self.tidy_argv(config, file, flags, extra), cwd,
                               out, err)
            texts[config] = read_text(out) + read_text(err)
            result["runs"][config] = run
        esc = texts["escape"]
        if "base" not in texts and error_lines(esc):
            # An untimed TU with errors: the base run tells ours from the
            # code base's own.
            out = os.path.join(tudir, "base.out")
            err = os.path.join(tudir, "base.err")
            result["runs"]["base"] = run_measured(
                self.tidy_argv("base", file, flags), cwd, out, err)
            texts["base"] = read_text(out) + read_text(err)
        result["timed"] = timed
        if counted:
            result["instructions"] = {
                config: count_instructions(
                    self.tidy_argv(config, file, flags), cwd,
                    os.path.join(tudir, config + ".ir.out"),
                    os.path.join(tudir, config + ".ir.err"))
                for config in ("base", "escape")}
        # Findings and errors of the escape run, against the base run.
        diags = parse_diags(read_text(os.path.join(tudir, "escape.out")))
        result["findings"] = [
            {"file": os.path.relpath(os.path.join(cwd, d["file"]), cwd), "line": d["line"],
             "col": d["col"], "check": d["check"], "message": d["msg"]}
            for d in diags if d["level"] == "warning" and d["check"]
            and d["check"].startswith("escape-")]
        base_errors = error_lines(texts.get("base", ""))
        ours = list(error_lines(esc))
        for e in base_errors:
            if e in ours:
                ours.remove(e)
        result["our_errors"] = ours
        result["base_errors"] = len(base_errors)
        crashes = {c: crash_info(result["runs"][c], texts[c]) for c in texts}
        result["crash"] = {c: v for c, v in crashes.items() if v}
        if "prof" in texts:
            result["profile"] = read_profile(os.path.join(tudir, "prof"))
        fixes, touched = parse_fixes_yaml(os.path.join(tudir, "fixes.yaml"))
        result["fixits"] = fixes
        if fixes and self.opts.fixits:
            with cb.fix_lock:
                result["fix_check"] = self.check_fixes(cb, entry, flags, tudir,
                                                       touched)
        if not self.opts.keep:
            for config in texts:
                for ext in (".out", ".err"):
                    p = os.path.join(tudir, config + ext)
                    if config != "escape" and not result["crash"].get(config):
                        os.remove(p)
        return result

    # --- fix-its ------------------------------------------------------------

    def copy_of(self, cb, entry):
        """The copy of the code base (made once): (orig top, copy top)."""
        if cb.copy_root is None:
            orig = os.path.abspath(self.opts.copy_top.get(cb.name)
                                   or entry["directory"])
            dst = os.path.join(self.opts.work, "copies", cb.name)
            if not os.path.isdir(dst):
                log("%s: copying %s for the fix-its" % (cb.name, orig))
                shutil.copytree(orig, dst + ".tmp", symlinks=True,
                                ignore=shutil.ignore_patterns(".git"))
                os.rename(dst + ".tmp", dst)
            cb.copy_root = (orig, dst)
        return cb.copy_root

    def check_fixes(self, cb, entry, flags, tudir, touched):
        orig, copy = self.copy_of(cb, entry)

        def in_copy(p):
            return os.path.join(copy, os.path.relpath(p, orig))

        file, cwd = in_copy(entry["file"]), in_copy(entry["directory"])
        touched = {os.path.abspath(t) for t in touched}
        outside = sorted(t for t in touched if not t.startswith(orig + os.sep))
        res = {"touched": sorted(os.path.relpath(t, orig) for t in touched
                                 if t not in outside),
               "outside_copy": outside}
        fix_yaml = os.path.join(tudir, "fix-run.yaml")
        run = run_measured(self.tidy_argv("escape", file, flags, [
            "--fix", "--export-fixes=" + fix_yaml]), cwd,
            os.path.join(tudir, "fix.out"), os.path.join(tudir, "fix.err"))
        res["tidy_status"] = run["status"]
        _, touched2 = parse_fixes_yaml(fix_yaml)
        changed = []
        for t in sorted(touched | {os.path.abspath(os.path.join(orig, os.path.relpath(x, copy)))
                                   for x in touched2 if x.startswith(copy + os.sep)}):
            if not t.startswith(orig + os.sep):
                continue
            a, b = read_text(t), read_text(in_copy(t))
            if a != b:
                changed.append((t, a, b))
        res["diff"] = "".join(
            "".join(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                         os.path.relpath(t, orig),
                                         os.path.relpath(t, orig) + " (fixed)",
                                         n=1))
            for t, a, b in changed)
        cc = subprocess.run([self.cxx, "-fsyntax-only"] + flags + [file],
                            cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, timeout=TIMEOUT)
        res["compiles"] = cc.returncode == 0
        res["compiler_output"] = [
            l for l in cc.stdout.decode("utf-8", "replace").splitlines()
            if ": error: " in l or ": note: " in l][:20]
        for t, _, _ in changed:  # restore the copy
            shutil.copyfile(t, in_copy(t))
        return res


# --- report ---------------------------------------------------------------------


def ratio(a, b):
    return a / b if b else float("nan")


def summarize(name, results, checks):
    ok = [r for r in results if "base" in r["runs"] and "escape" in r["runs"]]
    s = {"codebase": name, "tus": len(results)}
    def blank():
        return {"findings": 0, "fixits": 0, "fixits_not_compiling": 0,
                "crashes": 0, "our_errors": 0, "profile_s": 0.0}

    per_check = {c: blank() for c in checks}
    for r in results:
        for f in r["findings"]:
            per_check.setdefault(f["check"], blank())
            per_check[f["check"]]["findings"] += 1
        for c, n in r["fixits"]:
            if c in per_check:
                per_check[c]["fixits"] += n
        fc = r.get("fix_check")
        if fc and not fc["compiles"]:
            for c, _ in r["fixits"]:
                if c in per_check:
                    per_check[c]["fixits_not_compiling"] += 1
        for config, crash in r["crash"].items():
            if config in ("escape", "prof") and not crash["timed_out"]:
                named = [c for c in crash["checks"] if c in per_check]
                for c in named or ["(plugin)"]:
                    per_check.setdefault(c, blank())
                    per_check[c]["crashes"] += 1
        for e in r["our_errors"]:
            named = [c for c in checks if c in e] or ["(plugin)"]
            for c in named:
                per_check.setdefault(c, blank())
                per_check[c]["our_errors"] += 1
        for c, t in r.get("profile", {}).items():
            if c in per_check:
                per_check[c]["profile_s"] += t
    s["per_check"] = per_check
    s["crashes"] = sum(1 for r in results for c in r["crash"].values()
                       if not c["timed_out"])
    s["timeouts"] = sum(1 for r in results for c in r["crash"].values()
                        if c["timed_out"])
    s["our_errors"] = sum(len(r["our_errors"]) for r in results)
    s["tus_with_base_errors"] = sum(1 for r in results if r["base_errors"])
    s["fix_checked_tus"] = sum(1 for r in results if r.get("fix_check"))
    s["fix_broken_tus"] = sum(1 for r in results
                              if r.get("fix_check") and not r["fix_check"]["compiles"])
    timed = [r for r in ok if all(c in r["runs"] for c in CONFIGS)]
    s["timed_tus"] = len(timed)
    if timed:
        tot = {c: sum(r["runs"][c]["cpu"] for r in timed) for c in CONFIGS}
        s["cpu_s"] = tot
        s["escape_over_base"] = ratio(tot["escape"], tot["base"])
        s["anchor_over_base"] = ratio(tot["anchor"], tot["base"])
        s["escape_over_base_median_tu"] = statistics.median(
            ratio(r["runs"]["escape"]["cpu"], r["runs"]["base"]["cpu"]) for r in timed)
        s["anchor_over_base_median_tu"] = statistics.median(
            ratio(r["runs"]["anchor"]["cpu"], r["runs"]["base"]["cpu"]) for r in timed)
        esc_prof = sum(t for r in timed for c, t in r.get("profile", {}).items()
                       if c.startswith("escape-"))
        anc_prof = sum(r.get("profile", {}).get(ANCHOR, 0.0) for r in timed)
        s["profile_s"] = {"escape": esc_prof, "anchor": anc_prof,
                          "prof_run_cpu": tot["prof"]}
        s["escape_profile_share"] = ratio(esc_prof, tot["prof"])
        s["anchor_profile_share"] = ratio(anc_prof, tot["prof"])
        s["escape_profile_over_base"] = ratio(esc_prof, tot["base"])
        s["anchor_profile_over_base"] = ratio(anc_prof, tot["base"])
        rss = {c: [r["runs"][c]["maxrss_kib"] for r in timed] for c in CONFIGS}
        s["maxrss_kib_max"] = {c: max(v) for c, v in rss.items()}
        s["maxrss_escape_over_base_median_tu"] = statistics.median(
            ratio(e, b) for e, b in zip(rss["escape"], rss["base"]))
        s["maxrss_escape_over_base_max_tu"] = max(
            ratio(e, b) for e, b in zip(rss["escape"], rss["base"]))
        s["maxrss_anchor_over_base_median_tu"] = statistics.median(
            ratio(e, b) for e, b in zip(rss["anchor"], rss["base"]))
        s["maxrss_escape_over_base_of_max"] = ratio(
            s["maxrss_kib_max"]["escape"], s["maxrss_kib_max"]["base"])
    counted = [r["instructions"] for r in ok if r.get("instructions") and
               r["instructions"].get("base") and r["instructions"].get("escape")]
    if counted:
        s["instructions"] = {
            "tus": len(counted),
            "base": sum(c["base"] for c in counted),
            "escape": sum(c["escape"] for c in counted),
            "escape_over_base_median_tu": statistics.median(
                ratio(c["escape"], c["base"]) for c in counted),
            "escape_over_base_max_tu": max(
                ratio(c["escape"], c["base"]) for c in counted)}
    return s


def pct(x):
    return "n/a" if x != x else "%+.1f %%" % ((x - 1.0) * 100.0)


def share(x):
    return "n/a" if x != x else "%.2f %%" % (x * 100.0)


def sample_findings(results, checks):
    """Up to SAMPLE_PER_CHECK findings per check, by an even stride over the
    findings sorted by (file, line, col)."""
    out = {}
    lines_cache = {}
    for c in checks:
        allf = sorted(((r_root, f) for r_root, r in results for f in r["findings"]
                       if f["check"] == c),
                      key=lambda x: (x[1]["file"], x[1]["line"], x[1]["col"]))
        n = len(allf)
        picks = allf if n <= SAMPLE_PER_CHECK else [
            allf[(i * n) // SAMPLE_PER_CHECK] for i in range(SAMPLE_PER_CHECK)]
        rows = []
        for root, f in picks:
            path = os.path.join(root, f["file"])
            if path not in lines_cache:
                try:
                    lines_cache[path] = read_text(path).splitlines()
                except OSError:
                    lines_cache[path] = []
            src = lines_cache[path]
            text = src[f["line"] - 1].strip() if 0 < f["line"] <= len(src) else ""
            rows.append(dict(f, source=text))
        out[c] = {"total": n, "sample": rows}
    return out


def md_escape(s):
    return s.replace("|", "\\|").replace("`", "'")


def write_report(opts, meta, summaries, samples, fix_failures, crashes,
                 scaling):
    stem = os.path.join(opts.out_dir, opts.stem)
    os.makedirs(opts.out_dir, exist_ok=True)
    data = {"meta": meta, "codebases": summaries, "fix_failures": fix_failures,
            "crashes": crashes, "scaling": scaling, "findings_sample": samples}
    with open(stem + ".json", "w") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.write("\n")
    L = []
    L.append("# escape-tidy on real code: %s, LLVM %d" % (meta["date"], meta["llvm_major"]))
    L.append("")
    L.append("Machine: %d cores (`nproc`), %.1f GiB RAM, %s; load average %s at the "
             "start, %s at the end (the machine is shared). clang-tidy: `%s`. "
             "Tree: `%s`." % (meta["nproc"], meta["ram_gib"], meta["platform"],
                              meta["load_start"], meta.get("load_end", "?"),
                              meta["clang_tidy"], meta["tree"]))
    L.append("")
    L.append("Plugin: `%s` (md5 %s, built %s)." % (
        os.path.relpath(meta["plugin"], ROOT), meta["plugin_md5"], meta["plugin_mtime"]))
    if meta.get("note"):
        L.append("")
        L.append(meta["note"])
    L.append("")
    L.append("Command: `%s`. Subsets: bench/corpus.sh, rule in bench/README.md "
             "(TUs = picked − rejected; the candidates are listed per code base "
             "below). Times are user+sys CPU seconds per clang-tidy process; see "
             "bench/README.md for what each figure means." % meta["command"])
    L.append("")
    L.append("## Correctness")
    L.append("")
    L.append("| code base | candidates | picked | rejected | TUs | findings | crashes | "
             "timeouts (%d s) | errors caused by the plugin | TUs with fix-its | TUs "
             "whose fixed code does not compile |" % TIMEOUT)
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in summaries:
        c = s.get("corpus", {})
        L.append("| %s | %s | %s | %s | %d | %d | %d | %d | %d | %d | %d |" % (
            s["codebase"], c.get("candidates", "?"), c.get("picked", "?"),
            c.get("rejected", "?"), s["tus"],
            sum(v["findings"] for v in s["per_check"].values()),
            s["crashes"], s.get("timeouts", 0), s["our_errors"], s["fix_checked_tus"],
            s["fix_broken_tus"]))
    L.append("")
    L.append("Per check (all code bases):")
    L.append("")
    L.append("| check | findings | fix-its | TUs with a fix-it that breaks the build "
             "| crashes | errors caused by it | profiled CPU s |")
    L.append("|---|---:|---:|---:|---:|---:|---:|")
    checks = sorted({c for s in summaries for c in s["per_check"]})
    for c in checks:
        tot = {k: sum(s["per_check"].get(c, {}).get(k, 0) for s in summaries)
               for k in ("findings", "fixits", "fixits_not_compiling", "crashes",
                         "our_errors", "profile_s")}
        L.append("| %s | %d | %d | %d | %d | %d | %.2f |" % (
            c, tot["findings"], tot["fixits"], tot["fixits_not_compiling"],
            tot["crashes"], tot["our_errors"], tot["profile_s"]))
    L.append("")
    L.append("Per code base and check: findings (fix-its):")
    L.append("")
    L.append("| code base | " + " | ".join(c for c in checks) + " |")
    L.append("|---|" + "---:|" * len(checks))
    for s in summaries:
        L.append("| %s | " % s["codebase"] + " | ".join(
            "%d (%d)" % (s["per_check"].get(c, {}).get("findings", 0),
                         s["per_check"].get(c, {}).get("fixits", 0)) for c in checks) + " |")
    L.append("")
    if crashes:
        L.append("### Crashes and timeouts")
        L.append("")
        for c in crashes:
            L.append("- `%s` (%s, %s run): %s, checks %s; %s" % (
                c["file"], c["codebase"], c["config"],
                "timeout after %d s wall (killed)" % TIMEOUT if c["timed_out"]
                else "status %s" % c["status"], ", ".join(c["checks"]) or "?",
                " / ".join("`%s`" % md_escape(x) for x in c["excerpt"][:3])))
        L.append("")
    if fix_failures:
        L.append("### Fix-its that do not compile")
        L.append("")
        for f in fix_failures:
            L.append("- `%s` (%s): checks %s" % (f["file"], f["codebase"],
                                                ", ".join(f["checks"])))
            L.append("")
            L.append("  ```")
            for l in f["compiler_output"][:6]:
                L.append("  " + l)
            L.append("  ```")
            L.append("")
    L.append("## Cost")
    L.append("")
    L.append("Sums over the TUs of each code base. *added time* = escape run / base "
             "run − 1 (goal ≤ +3 %%); *profile share* = the checks' own time from "
             "`--enable-check-profile` / the whole profiled run; *profile / base* = "
             "the checks' own time / the base run. The anchor is clang-tidy's "
             "`%s`." % ANCHOR)
    L.append("")
    L.append("| code base | timed TUs | base CPU s | escape: added time (sum) | "
             "(median TU) | escape: profile share | profile / base | anchor: added "
             "time (sum) | (median TU) | anchor: profile share | profile / base |")
    L.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in summaries:
        if "cpu_s" not in s:
            continue
        L.append("| %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            s["codebase"], s["timed_tus"], s["cpu_s"]["base"], pct(s["escape_over_base"]),
            pct(s["escape_over_base_median_tu"]), share(s["escape_profile_share"]),
            share(s["escape_profile_over_base"]),
            pct(s["anchor_over_base"]), pct(s["anchor_over_base_median_tu"]),
            share(s["anchor_profile_share"]), share(s["anchor_profile_over_base"])))
    L.append("")
    if any("instructions" in s for s in summaries):
        L.append("Instructions of the base and escape runs of the counted TUs "
                 "(exact, unlike CPU time; goal ≤ +3 %):")
        L.append("")
        L.append("| code base | counted TUs | base instructions | escape: added (sum) "
                 "| (median TU) | (worst TU) |")
        L.append("|---|---:|---:|---:|---:|---:|")
        for s in summaries:
            ins = s.get("instructions")
            if not ins:
                continue
            L.append("| %s | %d | %s | %s | %s | %s |" % (
                s["codebase"], ins["tus"], "{:,}".format(ins["base"]),
                pct(ratio(ins["escape"], ins["base"])),
                pct(ins["escape_over_base_median_tu"]),
                pct(ins["escape_over_base_max_tu"])))
        L.append("")
    L.append("Peak memory (ru_maxrss), goal ≤ +3 %:")
    L.append("")
    L.append("| code base | base max MiB | escape max MiB | escape/base (median TU) "
             "| (worst TU) | anchor/base (median TU) |")
    L.append("|---|---:|---:|---:|---:|---:|")
    for s in summaries:
        if "cpu_s" not in s:
            continue
        L.append("| %s | %.0f | %.0f | %s | %s | %s |" % (
            s["codebase"], s["maxrss_kib_max"]["base"] / 1024.0,
            s["maxrss_kib_max"]["escape"] / 1024.0,
            pct(s["maxrss_escape_over_base_median_tu"]),
            pct(s["maxrss_escape_over_base_max_tu"]),
            pct(s["maxrss_anchor_over_base_median_tu"])))
    L.append("")
    for key, what in (("functions", "one generated TU with N functions that "
                       "exercise the four checks"),
                      ("long", "one generated function of N statements "
                       "(small allocations, counted loops, branches, "
                       "std::function in loops)")):
        data = (scaling or {}).get(key)
        if data:
            L.extend(scaling_table(data, what))
    with open(stem + ".md", "w") as f:
        f.write("\n".join(L) + "\n")
    # The findings sample, for the precision review (bench/REVIEW.md).
    F = ["# Findings sample: %s, LLVM %d" % (meta["date"], meta["llvm_major"]), "",
         "Up to %d findings per code base and check, by an even stride over the "
         "findings sorted by file, line, column. Written by bench/run.py." % SAMPLE_PER_CHECK,
         ""]
    for cbname, per in samples.items():
        for c, v in per.items():
            if not v["total"]:
                continue
            F.append("## %s: %s (%d findings, %d shown)" % (cbname, c, v["total"],
                                                           len(v["sample"])))
            F.append("")
            F.append("| # | location | message | source line |")
            F.append("|---:|---|---|---|")
            for i, row in enumerate(v["sample"], 1):
                F.append("| %d | `%s:%d:%d` | %s | `%s` |" % (
                    i, row["file"], row["line"], row["col"], md_escape(row["message"]),
                    md_escape(row["source"][:160])))
            F.append("")
    with open(stem + "-findings.md", "w") as f:
        f.write("\n".join(F) + "\n")
    log("wrote %s.md, %s.json, %s-findings.md" % (stem, stem, stem))


# --- scaling ----------------------------------------------------------------------


def scaling_table(data, what):
    """The Markdown lines of one scaling test."""
    L = ["## Scaling (bench/gen_scaling.py%s)" % (" --long" if data.get("long") else ""),
         "",
         "%s. CPU seconds are the minimum of %d runs; instructions (%s) are one "
         "run of the base and of the escape configuration. *added* = escape / base "
         "− 1; goals: the escape-* profile time and the added instructions grow "
         "≤ 2.1× per doubling." % (what[0].upper() + what[1:], data["repeat"],
                                  data.get("counter") or "not counted"),
         "",
         "| N | base CPU s | escape CPU s | added CPU | base instructions | escape "
         "instructions | added instructions | ×/doubling | escape-* profile s | "
         "×/doubling | findings |",
         "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    prev = None
    for row in data["rows"]:
        b, e = row.get("base_ir"), row.get("escape_ir")
        added = e - b if b and e else None
        padded = None
        if prev and prev.get("base_ir") and prev.get("escape_ir"):
            padded = prev["escape_ir"] - prev["base_ir"]
        L.append("| %d | %.2f | %s | %s | %s | %s | %s | %s | %.3f | %s | %d |" % (
            row["n"], row["base_cpu"],
            "%.2f" % row["escape_cpu"] if "escape_cpu" in row else "",
            pct(row["escape_cpu"] / row["base_cpu"])
            if row.get("escape_cpu") and row["base_cpu"] else "",
            "{:,}".format(b) if b else "", "{:,}".format(e) if e else "",
            "%+.1f %%" % (100.0 * added / b) if added is not None else "",
            "%.2f" % (added / padded) if added is not None and padded else "",
            row["escape_profile"],
            "%.2f" % (row["escape_profile"] / prev["escape_profile"])
            if prev and prev["escape_profile"] else "",
            row["findings"]))
        prev = row
    L.append("")
    L.append("Per check (profile CPU s): " + "; ".join(
        "N=%d: %s" % (row["n"], ", ".join("%s %.3f" % (c[len("escape-"):], t)
                                           for c, t in sorted(row["per_check"].items())))
        for row in data["rows"]))
    L.append("")
    return L



def run_scaling(runner, opts, sizes, long):
    """The generated TU of bench/gen_scaling.py at each N of sizes (N
    functions, or one function of N statements when long): the minimum CPU
    time of opts.repeat runs, and one instruction count of the base and escape
    runs."""
    rows = []
    work = os.path.join(opts.work, "scaling-long" if long else "scaling")
    os.makedirs(work, exist_ok=True)
    saved = os.path.join(work, "scaling.json")
    if opts.reuse and os.path.exists(saved):
        with open(saved) as f:
            data = json.load(f)
        if [r["n"] for r in data["rows"]] == sizes and data["repeat"] == opts.repeat:
            log("scaling: reusing %s" % saved)
            for row in data["rows"]:
                if "trivial_profile" not in row:  # older runs: from the raw files
                    row["trivial_profile"] = min(read_profile(os.path.join(
                        work, "n%d-%d" % (row["n"], rep), "prof")).get(TRIVIAL, 0.0)
                        for rep in range(data["repeat"]))
            return data
    for n in sizes:
        src = os.path.join(work, "scale_%d.cpp" % n)
        subprocess.run([sys.executable, os.path.join(HERE, "gen_scaling.py")] +
                       (["--long"] if long else []) + [str(n), "-o", src], check=True)
        best = None
        for rep in range(opts.repeat):
            tudir = os.path.join(work, "n%d-%d" % (n, rep))
            shutil.rmtree(tudir, ignore_errors=True)
            os.makedirs(tudir)
            runs = {}
            for config in ("base", "escape", "prof"):
                extra = []
                if config == "prof":
                    extra = ["--enable-check-profile",
                             "--store-check-profile=" + os.path.join(tudir, "prof")]
                runs[config] = run_measured(
                    runner.tidy_argv(config, src, ["-std=c++17"], extra), work,
                    os.path.join(tudir, config + ".out"),
                    os.path.join(tudir, config + ".err"))
            prof = read_profile(os.path.join(tudir, "prof"))
            findings = sum(1 for d in parse_diags(read_text(os.path.join(tudir, "prof.out")))
                           if d["check"] and d["check"].startswith("escape-"))
            row = {"n": n, "base_cpu": runs["base"]["cpu"],
                   "escape_cpu": runs["escape"]["cpu"],
                   "prof_cpu": runs["prof"]["cpu"],
                   "escape_profile": sum(t for c, t in prof.items() if c.startswith("escape-")),
                   "anchor_profile": prof.get(ANCHOR, 0.0),
                   "trivial_profile": prof.get(TRIVIAL, 0.0),
                   "per_check": {c: t for c, t in prof.items() if c.startswith("escape-")},
                   "findings": findings}
            log("scaling N=%d rep %d: escape profile %.3f s, base %.2f s" % (
                n, rep, row["escape_profile"], row["base_cpu"]))
            if best is None:
                best = row
            else:
                for k in ("base_cpu", "escape_cpu", "prof_cpu", "escape_profile",
                          "anchor_profile", "trivial_profile"):
                    best[k] = min(best[k], row[k])
                for c, t in row["per_check"].items():
                    best["per_check"][c] = min(best["per_check"].get(c, t), t)
        if opts.instructions:
            for config in ("base", "escape"):
                best[config + "_ir"] = count_instructions(
                    runner.tidy_argv(config, src, ["-std=c++17"]), work,
                    os.path.join(work, "n%d-%s.ir.out" % (n, config)),
                    os.path.join(work, "n%d-%s.ir.err" % (n, config)))
            log("scaling N=%d: instructions base %s, escape %s" % (
                n, best["base_ir"], best["escape_ir"]))
        rows.append(best)
    data = {"repeat": opts.repeat, "rows": rows, "long": long,
            "counter": instruction_counter() if opts.instructions else None}
    with open(saved, "w") as f:
        json.dump(data, f, indent=1)
    return data


# --- main -------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("codebases", nargs="*",
                    default=["googletest", "llama.cpp", "duckdb", "rocksdb"])
    ap.add_argument("--major", type=int, default=14)
    ap.add_argument("--plugin", help="default: build/llvm-N/lib/libEscapeTidy-N.so")
    ap.add_argument("--db-dir", default=os.path.join(
        os.environ.get("ESCAPE_BENCH_CACHE", os.path.join(HERE, ".cache")), "db"))
    ap.add_argument("--jobs", "-j", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0,
                    help="only the first K TUs of each database (0: all)")
    ap.add_argument("--work", default=None, help="scratch dir (default: a temp dir)")
    ap.add_argument("--out-dir", default=os.path.join(HERE, "results"))
    ap.add_argument("--stem", default=None,
                    help="report file name without extension (default: DATE-llvmN)")
    ap.add_argument("--timed", type=int, default=-1,
                    help="run the four timed configurations on K TUs per code "
                    "base, picked by an even stride (-1: all, 0: none); the "
                    "others get the escape run only")
    ap.add_argument("--no-fixits", dest="fixits", action="store_false")
    ap.add_argument("--scaling", default="1000,2000,4000,8000",
                    help="comma-separated N for the scaling test ('' to skip)")
    ap.add_argument("--scaling-only", action="store_true")
    ap.add_argument("--scaling-long", default="1000,2000,4000,8000",
                    help="comma-separated N for the long-function scaling test "
                    "(one function of N statements; '' to skip)")
    ap.add_argument("--repeat", type=int, default=3, help="runs per scaling N")
    ap.add_argument("--instructions-tus", type=int, default=0,
                    help="also count the instructions of the base and escape runs "
                    "of K timed TUs per code base (perf or callgrind; see above)")
    ap.add_argument("--no-instructions", dest="instructions", action="store_false",
                    help="no instruction counts in the scaling tests")
    ap.add_argument("--keep", action="store_true", help="keep every run's output")
    ap.add_argument("--note", default="", help="a sentence for the report's header")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse WORK/CODEBASE/results.json of an earlier run with "
                    "the same --work and the same TUs")
    opts = ap.parse_args()
    opts.plugin = opts.plugin or os.path.join(
        ROOT, "build", "llvm-%d" % opts.major, "lib", "libEscapeTidy-%d.so" % opts.major)
    if not os.path.isfile(opts.plugin):
        sys.exit("run.py: error: plugin %s not found (--plugin)" % opts.plugin)
    opts.scaling = [int(x) for x in opts.scaling.split(",") if x.strip()]
    opts.scaling_long = [int(x) for x in opts.scaling_long.split(",") if x.strip()]
    opts.work = os.path.abspath(opts.work or tempfile.mkdtemp(prefix="escape-bench-"))
    opts.out_dir = os.path.abspath(opts.out_dir)
    os.makedirs(opts.work, exist_ok=True)
    cache = os.path.dirname(os.path.abspath(opts.db_dir))
    # Fix-its are applied in a copy of the whole unpacked tree (RocksDB's flags
    # reach ../snappy).
    opts.copy_top = {"rocksdb": os.path.join(cache, "src", "rocksdb")}
    now = datetime.datetime.now(datetime.timezone.utc)
    opts.stem = opts.stem or "%s-llvm%d" % (now.strftime("%Y-%m-%d"), opts.major)
    runner = Runner(opts)
    version = subprocess.run([runner.tidy, "--version"], stdout=subprocess.PIPE,
                             text=True).stdout
    vline = next((l.strip() for l in version.splitlines() if "version" in l), "?")
    tree = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                          stdout=subprocess.PIPE, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--",
                            "analyzer", "checks"], stdout=subprocess.PIPE,
                           text=True).stdout.strip()
    with open("/proc/meminfo") as f:
        ram_kib = int(next(l for l in f if l.startswith("MemTotal")).split()[1])
    meta = {"date": now.strftime("%Y-%m-%d %H:%M UTC"), "llvm_major": opts.major,
            "nproc": os.cpu_count(), "ram_gib": ram_kib / 1048576.0,
            "platform": platform.platform(terse=True),
            "load_start": "%.1f %.1f %.1f" % os.getloadavg(), "clang_tidy": vline,
            "tree": tree + (" + uncommitted changes in analyzer/ or checks/" if dirty else ""),
            "plugin": opts.plugin, "jobs": opts.jobs, "note": opts.note,
            "plugin_md5": hashlib.md5(open(opts.plugin, "rb").read()).hexdigest(),
            "plugin_mtime": datetime.datetime.fromtimestamp(
                os.path.getmtime(opts.plugin), datetime.timezone.utc).strftime("%H:%M UTC"),
            "command": " ".join(["bench/run.py"] + [
                a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--note")
                and sys.argv[i - 1] != "--note"])}
    summaries, samples, fix_failures, crashes = [], {}, [], []
    allchecks = ["escape-heap-to-stack", "escape-hot-type-erasure",
                 "escape-owning-return", "escape-unreserved-growth"]
    if not opts.scaling_only:
        for name in opts.codebases:
            db = os.path.join(opts.db_dir, name, "compile_commands.json")
            if not os.path.isfile(db):
                sys.exit("run.py: error: %s is missing; run bench/corpus.sh %s" % (db, name))
            corpus = {}
            for key, fname in (("candidates", "candidates.txt"), ("picked", "sample.txt"),
                               ("rejected", "rejected.txt")):
                path = os.path.join(opts.db_dir, name, fname)
                if os.path.exists(path):
                    corpus[key] = len([l for l in read_text(path).splitlines() if l.strip()])
            cb = CodeBase(name, db)
            entries = cb.entries[:opts.limit] if opts.limit else cb.entries
            work = os.path.join(opts.work, name)
            os.makedirs(work, exist_ok=True)
            log("%s: %d TUs, %d jobs" % (name, len(entries), opts.jobs))
            start = time.monotonic()
            done = [0]

            n, k = len(entries), opts.timed
            timed = set(range(n)) if k < 0 or k >= n else {(j * n) // k for j in range(k)}
            order = sorted(timed)
            ki = min(opts.instructions_tus, len(order))
            counted = {order[(j * len(order)) // ki] for j in range(ki)} if ki else set()

            def one(ie):
                i, e = ie
                r = runner.run_tu(cb, i, e, work, i in timed, i in counted)
                done[0] += 1
                runs = r["runs"]
                log("%s [%d/%d] %s%s: %d findings%s%s%s" % (
                    name, done[0], len(entries), r["file"],
                    " (timed)" if r["timed"] else "", len(r["findings"]),
                    " CRASH" if r["crash"] else "",
                    " ERRORS(%d)" % len(r["our_errors"]) if r["our_errors"] else "",
                    " fix:%s" % ("ok" if r["fix_check"]["compiles"] else "BROKEN")
                    if r.get("fix_check") else ""))
                return r

            saved = os.path.join(work, "results.json")
            results = None
            if opts.reuse and os.path.exists(saved):
                with open(saved) as f:
                    results = json.load(f)
                if [r["file"] for r in results] != [
                        os.path.relpath(e["file"], e["directory"]) for e in entries]:
                    results = None
                else:
                    log("%s: reusing %s" % (name, saved))
            if results is None:
                with ThreadPoolExecutor(opts.jobs) as ex:
                    results = list(ex.map(one, enumerate(entries)))
                log("%s: done in %.0f s" % (name, time.monotonic() - start))
                with open(saved, "w") as f:
                    json.dump(results, f, indent=1)
            summaries.append(summarize(name, results, allchecks))
            summaries[-1]["corpus"] = corpus
            root = entries[0]["directory"] if entries else ""
            samples[name] = sample_findings([(root, r) for r in results], allchecks)
            for r in results:
                for config, c in r["crash"].items():
                    crashes.append(dict(c, file=r["file"], config=config, codebase=name))
                fc = r.get("fix_check")
                if fc and not fc["compiles"]:
                    fix_failures.append({"codebase": name, "file": r["file"],
                                         "checks": sorted({c for c, _ in r["fixits"]}),
                                         "compiler_output": fc["compiler_output"],
                                         "diff": fc["diff"]})
    scaling = {}
    if opts.scaling:
        scaling["functions"] = run_scaling(runner, opts, opts.scaling, long=False)
    if opts.scaling_long:
        scaling["long"] = run_scaling(runner, opts, opts.scaling_long, long=True)
    meta["load_end"] = "%.1f %.1f %.1f" % os.getloadavg()
    write_report(opts, meta, summaries, samples, fix_failures, crashes, scaling)
    bad = sum(s["crashes"] + s["timeouts"] + s["our_errors"] + s["fix_broken_tus"]
              for s in summaries)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
