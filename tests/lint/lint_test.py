#!/usr/bin/env python3
# ===--- lint_test.py - escape-lint end to end -----------------------------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
#
# Runs the real escape-lint (which runs the real clang-tidy-N --load=<plugin>)
# over a small project whose compile_commands.json is written at test time,
# and asserts exact values: the SARIF fields, the text output, the exit codes
# 0/1/2, the baseline round trip and the error text of every bad input. The
# `validate` group runs Microsoft's SARIF validator (Sarif.Multitool, from
# npm; tools/install-deps.sh installs it) over the SARIF of the README's
# example and of the test project; a missing validator is a failure.
#
# Usage: lint_test.py GROUP --tool escape-lint --source-dir <checkout>
#                     --work DIR [--validator EXE --validator-version V]
# GROUP: sarif | baseline | bad-input | validate | faults
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

FAILURES = []


def check(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what, file=sys.stderr)


def equal(actual, expected, what):
    check(actual == expected,
          "%s:\n  expected: %r\n  actual:   %r" % (what, expected, actual))


class Project:
    """The test project: tests/lint/project/*.cpp copied to WORK/src."""

    def __init__(self, args, name="src"):
        self.args = args
        self.dir = os.path.join(args.work, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.dir)
        here = os.path.dirname(os.path.abspath(__file__))
        for f in ("a.cpp", "b.cpp"):
            shutil.copy(os.path.join(here, "project", f), self.dir)
        self.write_db(["a.cpp", "b.cpp"])

    def flags(self):
        std = os.path.join(self.args.source_dir, "test-inputs", "Inputs", "std")
        return "-std=c++17 -nostdinc++ -isystem " + std

    def write_db(self, files, name="compile_commands.json"):
        # "file" relative to "directory" for a.cpp, absolute for the others:
        # both forms occur in real databases.
        entries = []
        for f in files:
            entries.append({
                "directory": self.dir,
                "file": f if f == "a.cpp" else os.path.join(self.dir, f),
                "command": "clang++ %s -c %s" % (self.flags(), f),
            })
        with open(os.path.join(self.dir, name), "w") as out:
            json.dump(entries, out, indent=1)

    def path(self, name):
        return os.path.join(self.dir, name)

    def run(self, *extra, cwd=None):
        cmd = [self.args.tool, "-p", self.dir, "-j", "2"] + list(extra)
        p = subprocess.run(cmd, cwd=cwd or self.dir, capture_output=True,
                           text=True, timeout=600)
        return p.returncode, p.stdout, p.stderr


# ---------------------------------------------------------------------------
# sarif: exact SARIF fields and text output
# ---------------------------------------------------------------------------

NORM_MSG = ("'Point' (16 bytes) is heap-allocated but never escapes 'norm'; "
            "consider a local variable")
TWICE_MSG = ("'Point' (16 bytes) is heap-allocated but never escapes "
             "'twice'; consider a local variable")


def test_sarif(args):
    prj = Project(args)
    sarif = os.path.join(args.work, "out.sarif")
    rc, out, err = prj.run("--sarif", sarif)
    equal(rc, 1, "exit status with new findings")
    equal(err, "", "stderr")
    equal(out.splitlines(), [
        "a.cpp:9:12: warning: %s [escape-heap-to-stack]" % NORM_MSG,
        "a.cpp:9:8: note: 'p' owns the object and no use of it lets the "
        "object escape",
        "a.cpp:18:14: warning: %s [escape-heap-to-stack]" % TWICE_MSG,
        "a.cpp:18:10: note: 'q' owns the object and no use of it lets the "
        "object escape",
        "a.cpp:23:14: warning: %s [escape-heap-to-stack]" % TWICE_MSG,
        "a.cpp:23:10: note: 'q' owns the object and no use of it lets the "
        "object escape",
        "escape-lint: 3 findings, 3 new, 0 in baseline",
    ], "text output")

    doc = json.load(open(sarif))
    equal(doc["version"], "2.1.0", "version")
    equal(doc["$schema"], "https://json.schemastore.org/sarif-2.1.0.json",
          "$schema")
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    equal(driver["name"], "escape-tidy", "driver name")
    rules = driver["rules"]
    equal([r["id"] for r in rules], [
        "escape-heap-to-stack", "escape-hot-type-erasure",
        "escape-owning-return", "escape-reusable-buffer",
        "escape-unreserved-growth"
    ], "rule ids (the enabled checks)")
    docs = os.path.join(args.source_dir, "checks", "docs")
    equal(rules[0]["helpUri"], "file://%s/escape-heap-to-stack.rst" % docs,
          "default helpUri")
    check(os.path.exists(os.path.join(docs, "escape-heap-to-stack.rst")),
          "the default helpUri names an existing doc")
    check(rules[0]["shortDescription"]["text"].startswith(
        "Finds heap allocations whose object never outlives"),
          "shortDescription: %r" % rules[0]["shortDescription"])
    equal(run["originalUriBaseIds"], {"%SRCROOT%": {"uri": "file://%s/" %
                                                    prj.dir}},
          "originalUriBaseIds (default source root: the current directory)")
    equal(run["columnKind"], "unicodeCodePoints", "columnKind")
    equal(run["invocations"], [{"executionSuccessful": True,
                                "toolExecutionNotifications": []}],
          "invocations")
    results = run["results"]
    equal(len(results), 3, "number of results")
    r = results[0]
    equal(r["ruleId"], "escape-heap-to-stack", "ruleId")
    equal(r["ruleIndex"], 0, "ruleIndex")
    equal(r["level"], "warning", "level")
    equal(r["message"], {"text": NORM_MSG}, "message")
    check("baselineState" not in r, "no baselineState without --baseline")
    loc = {"uri": "a.cpp", "uriBaseId": "%SRCROOT%"}
    equal(r["locations"], [{"physicalLocation": {
        "artifactLocation": loc,
        "region": {"startLine": 9, "startColumn": 12}}}], "locations")
    equal(r["relatedLocations"], [{
        "id": 0,
        "message": {"text": "'p' owns the object and no use of it lets the "
                            "object escape"},
        "physicalLocation": {"artifactLocation": loc,
                             "region": {"startLine": 9, "startColumn": 8}}
    }], "relatedLocations (the note)")

    def repl(line, col, end_col, text):
        return {"deletedRegion": {"startLine": line, "startColumn": col,
                                  "endLine": line, "endColumn": end_col},
                "insertedContent": {"text": text}}

    equal(r["fixes"], [{
        "description": {"text": NORM_MSG},
        "artifactChanges": [{
            "artifactLocation": loc,
            "replacements": [
                repl(9, 3, 37, "Point p{}"),   # auto p = std::make_unique..
                repl(10, 4, 6, "."),           # p->x = a;
                repl(11, 4, 6, "."),           # p->y = b;
                repl(12, 11, 13, "."),         # return p->x * p->x ...
                repl(12, 18, 20, "."),
                repl(12, 25, 27, "."),
                repl(12, 32, 34, "."),
            ]}]}], "fixes")
    equal([x["locations"][0]["physicalLocation"]["region"] for x in
           results[1:]], [{"startLine": 18, "startColumn": 14},
                          {"startLine": 23, "startColumn": 14}],
          "regions of the other results")

    # Paths relative to --source-root; files outside it get a file:// URI.
    rc, out, err = prj.run("--sarif", sarif, "--source-root", args.work)
    equal(rc, 1, "exit status with --source-root")
    doc = json.load(open(sarif))
    equal(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
          ["artifactLocation"], {"uri": "src/a.cpp", "uriBaseId": "%SRCROOT%"},
          "uri relative to --source-root")
    check(out.startswith("src/a.cpp:9:12: warning: "),
          "text paths relative to --source-root: %r" % out[:40])
    rc, out, err = prj.run("--sarif", sarif, "--source-root", "/usr")
    doc = json.load(open(sarif))
    equal(doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
          ["artifactLocation"], {"uri": "file://" + prj.path("a.cpp")},
          "absolute uri outside the source root")

    # --help-uri pattern; one file given; a clean file exits 0.
    rc, out, err = prj.run("--sarif", sarif, "--help-uri",
                           "https://example.org/docs/{check}.html", "b.cpp")
    equal(rc, 0, "exit status without findings")
    equal(out, "escape-lint: 0 findings, 0 new, 0 in baseline\n",
          "output without findings")
    doc = json.load(open(sarif))
    equal([r["helpUri"] for r in doc["runs"][0]["tool"]["driver"]["rules"]
           if r["id"] == "escape-unreserved-growth"][0],
          "https://example.org/docs/escape-unreserved-growth.html",
          "--help-uri pattern")
    equal(doc["runs"][0]["results"], [], "no results for b.cpp")

    # Columns: bytes in the text output (as clang), code points in SARIF.
    with open(prj.path("u.cpp"), "w", encoding="utf-8") as f:
        f.write("#include <memory>\nstruct P {\n  int v;\n};\nint f() {\n"
                "  /* \u00e9 */ auto p = std::make_unique<P>();\n"
                "  return p->v;\n}\n")
    prj.write_db(["u.cpp"])
    rc, out, err = prj.run("--sarif", sarif)
    equal(rc, 1, "u.cpp: exit status")
    check(out.startswith("u.cpp:6:21: warning: 'P' (4 bytes)"),
          "u.cpp: byte column in the text output: %r" % out[:60])
    r = json.load(open(sarif))["runs"][0]["results"][0]
    equal(r["locations"][0]["physicalLocation"]["region"],
          {"startLine": 6, "startColumn": 20}, "u.cpp: code point column")
    equal(r["fixes"][0]["artifactChanges"][0]["replacements"][0]
          ["deletedRegion"], {"startLine": 6, "startColumn": 11,
                              "endLine": 6, "endColumn": 41},
          "u.cpp: fix-it region in code points")
    prj.write_db(["a.cpp", "b.cpp"])

    # -checks selects the rules.
    rc, out, err = prj.run("--sarif", sarif, "-checks=-*,escape-owning-return")
    equal(rc, 0, "exit status with only escape-owning-return")
    doc = json.load(open(sarif))
    equal([x["id"] for x in doc["runs"][0]["tool"]["driver"]["rules"]],
          ["escape-owning-return"], "rules follow -checks")


# ---------------------------------------------------------------------------
# baseline: write, move code, add a finding
# ---------------------------------------------------------------------------

def test_baseline(args):
    prj = Project(args)
    base = os.path.join(args.work, "baseline.json")
    rc, out, err = prj.run("--write-baseline", base)
    equal(rc, 0, "exit status of --write-baseline")
    check(out.endswith("escape-lint: 3 findings, 3 new, 0 in baseline; "
                       "baseline written to '%s'\n" % base),
          "summary of --write-baseline: %r" % out[-120:])
    stmt = "auto q = std::make_unique<Point>();"
    equal(json.load(open(base)), {
        "version": 1,
        "tool": "escape-tidy",
        "findings": [
            {"check": "escape-heap-to-stack", "file": "a.cpp",
             "function": "geo::norm",
             "statement": "auto p = std::make_unique<Point>();", "count": 1},
            {"check": "escape-heap-to-stack", "file": "a.cpp",
             "function": "geo::twice", "statement": stmt, "count": 2},
        ]}, "baseline content (counted, keyed by function and statement)")

    # The same baseline from another working directory, with --source-root.
    again = os.path.join(args.work, "again.json")
    rc, out, err = prj.run("--write-baseline", again, "--source-root",
                           prj.dir, cwd="/")
    equal(rc, 0, "exit status of --write-baseline from /")
    equal(open(again).read(), open(base).read(),
          "baseline written from another working directory")

    # A finding in a header found through a relative -I, run from another
    # directory: the function is still found.
    hdr = Project(args, "hdr")
    os.makedirs(hdr.path("inc"))
    with open(hdr.path("inc/h.h"), "w") as f:
        f.write("#include <memory>\nstruct H {\n  int v;\n};\nnamespace hdr "
                "{\ninline int make() {\n  auto h = std::make_unique<H>();\n"
                "  return h->v;\n}\n} // namespace hdr\n")
    with open(hdr.path("c.cpp"), "w") as f:
        f.write('#include "h.h"\nint use() { return hdr::make(); }\n')
    with open(hdr.path("compile_commands.json"), "w") as f:
        json.dump([{"directory": hdr.dir, "file": "c.cpp", "command":
                    "clang++ %s -Iinc -c c.cpp" % hdr.flags()}], f)
    hbase = os.path.join(args.work, "hdr.json")
    rc, out, err = hdr.run("--write-baseline", hbase, "--source-root",
                           hdr.dir, "--tidy-arg=--header-filter=.*",
                           cwd=args.work)
    equal(rc, 0, "header finding: exit status")
    equal(json.load(open(hbase))["findings"], [{
        "check": "escape-heap-to-stack", "file": "inc/h.h",
        "function": "hdr::make", "statement":
        "auto h = std::make_unique<H>();", "count": 1}],
          "header finding: baseline entry")

    sarif = os.path.join(args.work, "base.sarif")
    rc, out, err = prj.run("--baseline", base, "--sarif", sarif)
    equal(rc, 0, "exit status against its own baseline")
    equal(out, "escape-lint: 3 findings, 0 new, 3 in baseline\n",
          "output against its own baseline")
    doc = json.load(open(sarif))
    equal([r["baselineState"] for r in doc["runs"][0]["results"]],
          ["unchanged"] * 3, "baselineState")

    # Move everything down: still no new finding.
    a = prj.path("a.cpp")
    text = open(a).read()
    with open(a, "w") as f:
        f.write("// moved\n\n\n" + text.replace("  double sum = 0;",
                                                 "  double sum = 0;\n\n"))
    rc, out, err = prj.run("--baseline", base)
    equal(rc, 0, "exit status after moving code down")
    equal(out, "escape-lint: 3 findings, 0 new, 3 in baseline\n",
          "output after moving code down")

    # A third identical block in twice(): exactly one new finding.
    text = open(a).read()
    block = "  {\n    auto q = std::make_unique<Point>();\n    q->x = a;\n" \
            "    sum += q->x;\n  }\n"
    check(text.count(block) == 2, "test setup: two blocks")
    with open(a, "w") as f:
        f.write(text.replace("  return sum;", block + "  return sum;"))
    rc, out, err = prj.run("--baseline", base, "--sarif", sarif)
    equal(rc, 1, "exit status with one new finding")
    equal(out.splitlines(), [
        "a.cpp:33:14: warning: %s [escape-heap-to-stack]" % TWICE_MSG,
        "a.cpp:33:10: note: 'q' owns the object and no use of it lets the "
        "object escape",
        "escape-lint: 4 findings, 1 new, 3 in baseline",
    ], "output with one new finding")
    doc = json.load(open(sarif))
    equal([r["baselineState"] for r in doc["runs"][0]["results"]],
          ["unchanged", "unchanged", "unchanged", "new"],
          "baselineState with one new finding")


# ---------------------------------------------------------------------------
# bad-input: exact error text, exit 2, never a crash or an empty report
# ---------------------------------------------------------------------------

def test_bad_input(args):
    prj = Project(args)
    tool = args.tool
    E = "escape-lint: error: "

    def run(*cmd, cwd=None):
        p = subprocess.run([tool] + list(cmd), cwd=cwd or prj.dir,
                           capture_output=True, text=True, timeout=600)
        return p.returncode, p.stdout, p.stderr

    def expect(result, stderr, what, stdout=""):
        rc, out, err = result
        equal(rc, 2, what + ": exit status")
        equal(err, stderr, what + ": stderr")
        equal(out, stdout, what + ": stdout")

    nodb = os.path.join(args.work, "nodb")
    os.makedirs(nodb, exist_ok=True)
    stale = os.path.join(args.work, "stale.sarif")
    with open(stale, "w") as f:
        f.write("{}")
    expect(run("-p", nodb, "--sarif", stale),
           E + "no compile database '%s/compile_commands.json' (pass the "
           "build directory with -p; CMake writes it with "
           "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON)\n" % nodb, "missing database")
    check(not os.path.exists(stale), "no stale SARIF after an input error")

    bad = os.path.join(args.work, "bad")
    os.makedirs(bad, exist_ok=True)
    db = os.path.join(bad, "compile_commands.json")
    with open(db, "w") as f:
        f.write('[{"directory": "/x", "file": ')
    rc, out, err = run("-p", bad)
    equal(rc, 2, "malformed database: exit status")
    check(err.startswith(E + "cannot load compile database '%s': " % db) and
          err.count("\n") == 1 and len(err) > len(E) + 40,
          "malformed database: stderr %r" % err)
    with open(db, "w") as f:
        f.write('{"not": "a list"}')
    rc, out, err = run("-p", bad)
    equal(rc, 2, "database not a list: exit status")
    check(err.startswith(E + "cannot load compile database '%s': " % db),
          "database not a list: stderr %r" % err)
    with open(db, "w") as f:
        f.write("[]")
    expect(run("-p", bad), E + "compile database '%s' lists no files\n" % db,
           "empty database")

    dbfile = prj.path("compile_commands.json")
    with open(prj.path("c.cpp"), "w") as f:
        f.write("int c;\n")
    expect(run("-p", prj.dir, "c.cpp"),
           E + "'c.cpp' is not in the compile database '%s'\n" % dbfile,
           "file not in the database")

    # Listed in the database, but gone (root reads any file, so a missing
    # file stands for an unreadable one); and a directory.
    prj.write_db(["a.cpp", "gone.cpp"])
    expect(run("-p", prj.dir),
           E + "cannot read '%s': No such file or directory\n" %
           prj.path("gone.cpp"), "unreadable file")
    os.makedirs(prj.path("dir.cpp"), exist_ok=True)
    prj.write_db(["dir.cpp"])
    expect(run("-p", prj.dir),
           E + "cannot read '%s': it is a directory\n" % prj.path("dir.cpp"),
           "directory instead of a file")
    prj.write_db(["a.cpp", "b.cpp"])

    base = os.path.join(args.work, "b.json")

    def baseline(text, stderr, what):
        with open(base, "w") as f:
            f.write(text)
        expect(run("-p", prj.dir, "--baseline", base), stderr, what)

    baseline("{not json", E + "baseline '%s' is not valid JSON: [1:2, byte=2]: "
             "Expected object key\n" % base, "corrupt baseline")
    baseline('{"version": 999, "tool": "escape-tidy", "findings": []}',
             E + "baseline '%s' has version 999; this escape-lint reads "
             "version 1 (re-create it with --write-baseline)\n" % base,
             "baseline of another version")
    baseline('{"tool": "escape-tidy", "findings": []}',
             E + "baseline '%s' has no integer 'version'\n" % base,
             "baseline without a version")
    baseline('{"version": 1, "tool": "other", "findings": []}',
             E + "baseline '%s' is not an escape-tidy baseline ('tool' is "
             "'other', expected 'escape-tidy')\n" % base,
             "baseline of another tool")
    baseline('{"version": 1, "tool": "escape-tidy", "findings": [{"check": '
             '"c", "file": "f", "function": "g", "count": 1}]}',
             E + "baseline '%s': findings[0] has no string 'statement'\n" %
             base, "baseline entry without a statement")
    baseline('[1, 2]', E + "baseline '%s' is not a JSON object\n" % base,
             "baseline not an object")
    expect(run("-p", prj.dir, "--baseline", os.path.join(args.work, "none")),
           E + "cannot read baseline '%s': No such file or directory\n" %
           os.path.join(args.work, "none"), "missing baseline")

    # A compile error: reported on stderr and in the SARIF, exit 2.
    with open(prj.path("broken.cpp"), "w") as f:
        f.write("int f() {\n  return undeclared;\n}\n")
    prj.write_db(["a.cpp", "broken.cpp"])
    sarif = os.path.join(args.work, "broken.sarif")
    rc, out, err = run("-p", prj.dir, "--sarif", sarif)
    equal(rc, 2, "compile error: exit status")
    msg = ("clang-tidy reported an error: broken.cpp:2:10: use of undeclared "
           "identifier 'undeclared' [clang-diagnostic-error]")
    equal(err, E + msg + "\n", "compile error: stderr")
    check(out.endswith("escape-lint: 3 findings, 3 new, 0 in baseline; "
                       "1 tool error\n"), "compile error: summary %r" % out)
    doc = json.load(open(sarif))
    equal(doc["runs"][0]["invocations"], [{
        "executionSuccessful": False,
        "toolExecutionNotifications": [{
            "level": "error", "message": {"text": msg},
            "locations": [{"physicalLocation": {"artifactLocation": {
                "uri": "broken.cpp", "uriBaseId": "%SRCROOT%"}}}]}]}],
          "compile error: SARIF notification")
    equal(len(doc["runs"][0]["results"]), 3,
          "compile error: the other file's results are kept")

    # A check option that does not parse: one error for both files.
    prj.write_db(["a.cpp", "b.cpp"])
    rc, out, err = run("-p", prj.dir, "--config", "{CheckOptions: [{key: "
                       "escape-heap-to-stack.MaxObjectSize, value: '-1'}]}")
    equal(rc, 2, "bad option value: exit status")
    equal(err, E + "clang-tidy reported an error: invalid value '-1' for "
          "option 'escape-heap-to-stack.MaxObjectSize'; expected a "
          "non-negative integer (bytes) [clang-tidy-config]\n",
          "bad option value: stderr")

    # clang-tidy crashing on a file (a stand-in that lists the checks, then
    # dies of SIGSEGV).
    fake = os.path.join(args.work, "crashing-clang-tidy")
    with open(fake, "w") as f:
        f.write('#!/bin/sh\ncase "$*" in *--list-checks*) exec "%s" "$@";; '
                'esac\nkill -SEGV $$\n' % args.clang_tidy)
    os.chmod(fake, 0o755)
    prj.write_db(["a.cpp", "b.cpp"])
    rc, out, err = run("-p", prj.dir, "--clang-tidy", fake, "b.cpp",
                       "--sarif", sarif)
    equal(rc, 2, "crash: exit status")
    equal(err, E + "clang-tidy crashed on 'b.cpp': Segmentation fault\n",
          "crash: stderr")
    doc = json.load(open(sarif))
    equal(doc["runs"][0]["invocations"][0]["executionSuccessful"], False,
          "crash: executionSuccessful")

    # Bad tools and options.
    expect(run("-p", prj.dir, "--clang-tidy", "/nonexistent/clang-tidy"),
           E + "clang-tidy '/nonexistent/clang-tidy' is not an executable "
           "(use --clang-tidy=PATH)\n", "missing clang-tidy")
    expect(run("-p", prj.dir, "--plugin", "/nonexistent/p.so"),
           E + "plugin '/nonexistent/p.so' does not exist (use "
           "--plugin=PATH)\n", "missing plugin")
    rc, out, err = run("-p", prj.dir, "-checks=-*,no-such-check")
    equal(rc, 2, "no enabled check: exit status")
    check(err.startswith(E + "no check is enabled by '-*,no-such-check'"),
          "no enabled check: stderr %r" % err)
    rc, out, err = run("--no-such-option")
    equal(rc, 2, "unknown option: exit status")
    check("Unknown command line argument '--no-such-option'" in err,
          "unknown option: stderr %r" % err)


# ---------------------------------------------------------------------------
# faults: signals, a file size limit, outputs that cannot be written, two
# runs writing one output (issue 18)
# ---------------------------------------------------------------------------

FAKE_TIDY = """#!/bin/sh
# clang-tidy as escape-lint sees it, with faults on demand: LINT_HANG makes
# each per-file run record its pid and hang; LINT_RAN records each per-file
# run. The file size limit of the test applies to escape-lint only.
ulimit -S -f unlimited 2>/dev/null
case " $* " in *" --list-checks "*) exec %(real)s "$@";; esac
if [ -n "$LINT_RAN" ]; then echo ran >> "$LINT_RAN"; fi
if [ -n "$LINT_EMPTY_DB" ]; then echo '[]' > "$LINT_EMPTY_DB"; fi
if [ -n "$LINT_HANG" ]; then echo $$ >> "$LINT_HANG"; exec sleep 120; fi
exec %(real)s "$@"
"""


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead: only its parent has not reaped it yet.
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().split(") ")[-1][:1] != "Z"
    except OSError:
        return False


def test_faults(args):
    import resource
    import signal
    import time
    prj = Project(args)
    fake = os.path.join(args.work, "fake-clang-tidy")
    with open(fake, "w") as f:
        f.write(FAKE_TIDY % {"real": args.clang_tidy})
    os.chmod(fake, 0o755)
    tmp = os.path.join(args.work, "tmp")
    os.makedirs(tmp)
    out_dir = os.path.join(args.work, "out")
    os.makedirs(out_dir)
    sarif = os.path.join(out_dir, "lint.sarif")
    base = os.path.join(out_dir, "baseline.json")

    def env(**extra):
        e = dict(os.environ, TMPDIR=tmp)
        e.update(extra)
        return e

    def leftovers():
        return sorted(os.listdir(tmp)) + sorted(
            f for f in os.listdir(out_dir) if f not in ("lint.sarif",))

    def start(*extra, **kw):
        cmd = [args.tool, "-p", prj.dir, "-j", "2", "--clang-tidy", fake,
               "--sarif", sarif] + list(extra)
        return subprocess.Popen(cmd, cwd=prj.dir, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, **kw)

    # 1. A signal while clang-tidy runs: exit 128 + signal, no SARIF, no
    # temporary file left (the run's directory under TMPDIR, the temporary
    # beside the SARIF), and the clang-tidy processes stopped.
    for sig, status in ((signal.SIGTERM, 143), (signal.SIGINT, 130)):
        hang = os.path.join(args.work, "hang-%d" % sig)
        p = start("--write-baseline", base, env=env(LINT_HANG=hang))
        deadline = time.time() + 60
        while time.time() < deadline and not (
                os.path.exists(hang) and
                len(open(hang).read().split()) == 2):
            time.sleep(0.05)
        pids = [int(x) for x in open(hang).read().split()]
        equal(len(pids), 2, "signal %d: two clang-tidy runs started" % sig)
        p.send_signal(sig)
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
        equal(p.returncode, status, "signal %d: exit status" % sig)
        equal(err, "", "signal %d: stderr" % sig)
        check(not os.path.exists(sarif), "signal %d: no SARIF" % sig)
        check(not os.path.exists(base), "signal %d: no baseline" % sig)
        equal(leftovers(), [], "signal %d: temporaries left" % sig)
        time.sleep(0.2)
        equal([x for x in pids if alive(x)], [],
              "signal %d: clang-tidy processes still running" % sig)
        for x in pids:
            if alive(x):
                os.kill(x, signal.SIGKILL)
        for f in os.listdir(tmp):
            shutil.rmtree(os.path.join(tmp, f), ignore_errors=True)

    # 2. A file size limit (ulimit -f; a full disk behaves alike) hit while
    # the SARIF is written: the kernel's SIGXFSZ used to kill escape-lint
    # halfway through the file. Now: an error, exit 2, no SARIF, no
    # temporary. clang-tidy itself runs without the limit (FAKE_TIDY).
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE,
                           (2048, resource.RLIM_INFINITY))
    p = start(env=env(), preexec_fn=limit)
    out, err = p.communicate(timeout=600)
    equal(p.returncode, 2, "file size limit: exit status")
    equal(err, "escape-lint: error: cannot write SARIF '%s': File too large\n"
          % sarif, "file size limit: stderr")
    check(not os.path.exists(sarif), "file size limit: no SARIF")
    equal(leftovers(), [], "file size limit: temporaries left")

    # 3. An output that cannot be written is found before any file is
    # checked; an empty output name is an error.
    ran = os.path.join(args.work, "ran")
    missing = os.path.join(args.work, "missing", "x.sarif")
    cmd = [args.tool, "-p", prj.dir, "--clang-tidy", fake]
    r = subprocess.run(cmd + ["--sarif", missing], env=env(LINT_RAN=ran),
                       capture_output=True, text=True, timeout=600)
    equal(r.returncode, 2, "unwritable SARIF: exit status")
    equal(r.stderr, "escape-lint: error: cannot write SARIF '%s': No such "
          "file or directory\n" % missing, "unwritable SARIF: stderr")
    check(not os.path.exists(ran), "unwritable SARIF: no file was checked")
    r = subprocess.run(cmd + ["--write-baseline", out_dir],
                       env=env(LINT_RAN=ran), capture_output=True, text=True,
                       timeout=600)
    equal(r.returncode, 2, "baseline is a directory: exit status")
    equal(r.stderr, "escape-lint: error: cannot write baseline '%s': it is a "
          "directory\n" % out_dir, "baseline is a directory: stderr")
    check(not os.path.exists(ran), "baseline is a directory: no file checked")
    for opt in ("--sarif", "--write-baseline"):
        r = subprocess.run(cmd + [opt, ""], env=env(), capture_output=True,
                           text=True, timeout=600)
        equal((r.returncode, r.stderr),
              (2, "escape-lint: error: %s needs a file name\n" % opt),
              "%s '': exit status and stderr" % opt)
    equal(leftovers(), [], "unwritable outputs: temporaries left")

    # 4. Two runs writing the same SARIF at once: each writes its own
    # temporary and renames it; the result is one complete document.
    if os.path.exists(sarif):
        os.remove(sarif)
    ps = [start(env=env()) for _ in range(2)]
    for p in ps:
        p.communicate(timeout=600)
        equal(p.returncode, 1, "two runs: exit status")
    doc = json.load(open(sarif))
    equal(len(doc["runs"][0]["results"]), 3, "two runs: one complete SARIF")
    equal(leftovers(), [], "two runs: temporaries left")
    if args.validator and os.path.exists(args.validator):
        equal(validate(args, sarif), [], "two runs: validator errors")

    # 4b. Small input faults: -j2 is -j 2; a --help-uri that is not an
    # absolute URI never reaches the SARIF; a plugin that does not load says
    # why.
    r = subprocess.run([args.tool, "-p", prj.dir, "-j2", "b.cpp"], env=env(),
                       cwd=prj.dir, capture_output=True, text=True,
                       timeout=600)
    equal((r.returncode, r.stdout, r.stderr),
          (0, "escape-lint: 0 findings, 0 new, 0 in baseline\n", ""), "-j2")
    r = subprocess.run([args.tool, "-p", prj.dir, "--sarif", sarif,
                        "--help-uri", "docs/{check}.rst", "b.cpp"], env=env(),
                       cwd=prj.dir, capture_output=True, text=True,
                       timeout=600)
    equal((r.returncode, r.stderr),
          (2, "escape-lint: error: --help-uri 'docs/{check}.rst' is not an "
              "absolute URI (SARIF requires one, e.g. "
              "https://example.com/docs/{check}.rst)\n"),
          "relative --help-uri")
    check(not os.path.exists(sarif), "relative --help-uri: no SARIF")
    bogus = os.path.join(args.work, "libEscapeTidy-bogus.so")
    with open(bogus, "w") as f:
        f.write("not a shared object\n")
    r = subprocess.run([args.tool, "-p", prj.dir, "--plugin", bogus, "b.cpp"],
                       env=env(), cwd=prj.dir, capture_output=True, text=True,
                       timeout=600)
    equal((r.returncode, r.stderr),
          (2, "escape-lint: error: the plugin '%s' does not load: %s: file "
              "too short\n" % (bogus, bogus)), "plugin that does not load")
    equal(leftovers(), [], "small input faults: temporaries left")

    # 4c. The compile database changes during the run (here: emptied before
    # clang-tidy reads it): clang-tidy skips the files with status 0, which
    # must not pass as a clean run.
    chg = Project(args, "dbchange")
    r = subprocess.run([args.tool, "-p", chg.dir, "-j", "1", "--clang-tidy",
                        fake], cwd=chg.dir, capture_output=True, text=True,
                       timeout=600,
                       env=env(LINT_EMPTY_DB=chg.path("compile_commands.json")))
    equal((r.returncode, r.stderr),
          (2, "escape-lint: error: clang-tidy found no compile command for "
              "'a.cpp' (the compile database changed during the run?)\n"
              "escape-lint: error: clang-tidy found no compile command for "
              "'b.cpp' (the compile database changed during the run?)\n"),
          "compile database emptied during the run")

    # 5. WarningsAsErrors in the project's .clang-tidy promotes findings to
    # errors: they stay findings (baseline, status 0/1), and only compiler
    # and tool errors make status 2.
    werr = Project(args, "werror")
    with open(werr.path(".clang-tidy"), "w") as f:
        f.write("WarningsAsErrors: '*'\n")
    wsarif = os.path.join(args.work, "werror.sarif")
    wbase = os.path.join(args.work, "werror-baseline.json")
    rc, out, err = werr.run("--write-baseline", wbase)
    equal((rc, err), (0, ""), "WarningsAsErrors: --write-baseline")
    equal(out.splitlines()[-1], "escape-lint: 3 findings, 3 new, 0 in "
          "baseline; baseline written to '%s'" % wbase,
          "WarningsAsErrors: --write-baseline summary")
    rc, out, err = werr.run("--baseline", wbase, "--sarif", wsarif)
    equal((rc, out, err), (0, "escape-lint: 3 findings, 0 new, 3 in "
                              "baseline\n", ""),
          "WarningsAsErrors: every finding in the baseline")
    doc = json.load(open(wsarif))
    equal(doc["runs"][0]["invocations"], [{
        "executionSuccessful": True, "toolExecutionNotifications": []}],
        "WarningsAsErrors: SARIF invocations")
    equal(len(doc["runs"][0]["results"]), 3, "WarningsAsErrors: results")
    rc, out, err = werr.run()
    equal((rc, err), (1, ""), "WarningsAsErrors: new findings")
    equal(out.splitlines()[-1], "escape-lint: 3 findings, 3 new, 0 in "
          "baseline", "WarningsAsErrors: summary")
    # A compile error is still a tool error.
    with open(werr.path("broken.cpp"), "w") as f:
        f.write("int f() { return undeclared; }\n")
    werr.write_db(["a.cpp", "b.cpp", "broken.cpp"])
    rc, out, err = werr.run("--baseline", wbase)
    equal(rc, 2, "WarningsAsErrors and a compile error: exit status")
    equal(err, "escape-lint: error: clang-tidy reported an error: "
          "broken.cpp:1:18: use of undeclared identifier 'undeclared' "
          "[clang-diagnostic-error]\n",
          "WarningsAsErrors and a compile error: stderr")


# ---------------------------------------------------------------------------
# validate: the real SARIF validator
# ---------------------------------------------------------------------------

def validate(args, path):
    """Runs Sarif.Multitool validate; returns its error lines."""
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               DOTNET_CLI_TELEMETRY_OPTOUT="1")
    p = subprocess.run([args.validator, "validate", path],
                       capture_output=True, text=True, env=env, timeout=600)
    print(p.stdout)
    check(p.returncode == 0, "validator exit status %d: %s" %
          (p.returncode, p.stderr))
    check("Analysis completed successfully" in p.stdout,
          "validator did not complete: %r" % p.stdout[-300:])
    return [l for l in p.stdout.splitlines() if re.search(r": error ", l)]


def test_validate(args):
    exe = args.validator
    if not (os.path.isfile(exe) and os.access(exe, os.X_OK)):
        check(False, "the SARIF validator is not installed at %s; run "
              "tools/install-deps.sh" % exe)
        return
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1")
    v = subprocess.run([exe, "--version"], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True, env=env,
                       timeout=120)
    check(v.stdout.startswith("SARIF Multitool %s+" % args.validator_version),
          "validator version: %r" % v.stdout)

    # Control: the validator does report a bad region.
    os.makedirs(args.work, exist_ok=True)
    bad = os.path.join(args.work, "control.sarif")
    with open(bad, "w") as f:
        json.dump({"version": "2.1.0", "runs": [{
            "tool": {"driver": {"name": "x"}},
            "results": [{"message": {"text": "m"}, "ruleId": "r",
                         "locations": [{"physicalLocation": {
                             "artifactLocation": {"uri": "a.cpp"},
                             "region": {"startLine": 0}}}]}]}]}, f)
    check(any("JSON1008" in l for l in validate(args, bad)),
          "the validator reports startLine 0 as an error")

    # The README's example, through a compile database.
    ex = os.path.join(args.work, "example")
    os.makedirs(ex, exist_ok=True)
    src = os.path.join(args.source_dir, "examples", "order_router.cpp")
    with open(os.path.join(ex, "compile_commands.json"), "w") as f:
        json.dump([{"directory": os.path.dirname(src), "file": src,
                    "command": "c++ -std=c++17 -c order_router.cpp"}], f)
    sarif = os.path.join(args.work, "example.sarif")
    p = subprocess.run([args.tool, "-p", ex, "--sarif", sarif, "--source-root",
                        args.source_dir], capture_output=True, text=True,
                       timeout=600)
    print(p.stdout)
    equal(p.returncode, 1, "example: exit status (it has findings)")
    equal(p.stderr, "", "example: stderr")
    doc = json.load(open(sarif))
    results = doc["runs"][0]["results"]
    check(len(results) >= 4, "example: at least one result per check")
    equal(sorted({r["ruleId"] for r in results}),
          ["escape-heap-to-stack", "escape-hot-type-erasure",
           "escape-owning-return", "escape-unreserved-growth"],
          "example: every check reports")
    equal({r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
           for r in results}, {"examples/order_router.cpp"}, "example: uri")
    check(any("fixes" in r for r in results), "example: some fix-its")
    check(any("relatedLocations" in r for r in results), "example: notes")
    errors = validate(args, sarif)
    equal(errors, [], "validator errors on the example's SARIF")

    # The test project: fixes, notes, baseline states, a tool error.
    prj = Project(args)
    base = os.path.join(args.work, "baseline.json")
    subprocess.run([args.tool, "-p", prj.dir, "--write-baseline", base, "b.cpp"],
                   cwd=prj.dir, capture_output=True, timeout=600)
    sarif = os.path.join(args.work, "project.sarif")
    with open(prj.path("broken.cpp"), "w") as f:
        f.write("int f() { return undeclared; }\n")
    prj.write_db(["a.cpp", "b.cpp", "broken.cpp"])
    rc, _, _ = prj.run("--sarif", sarif, "--baseline", base)
    equal(rc, 2, "project with a compile error: exit status")
    errors = validate(args, sarif)
    equal(errors, [], "validator errors on the test project's SARIF")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("group", choices=["sarif", "baseline", "bad-input",
                                      "validate", "faults"])
    ap.add_argument("--tool", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--clang-tidy", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--validator")
    ap.add_argument("--validator-version")
    args = ap.parse_args()
    args.work = os.path.realpath(args.work)
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    {"sarif": test_sarif, "baseline": test_baseline,
     "bad-input": test_bad_input, "validate": test_validate,
     "faults": test_faults}[args.group](args)
    if FAILURES:
        print("%d check(s) failed" % len(FAILURES), file=sys.stderr)
        return 1
    print("escape-lint %s: OK" % args.group)
    return 0


if __name__ == "__main__":
    sys.exit(main())
