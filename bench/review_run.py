#!/usr/bin/env python3
# ===--- review_run.py - collect escape-* findings with notes for a review --===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Runs clang-tidy-N with the plugin (all escape-* checks, default options)
over the compile databases that bench/corpus.sh writes, keeps every warning
with its notes, also in the code base's own headers (--header-filter = the
code base root), and dedupes findings that several TUs report in the same
header. Writes WORK/NAME/findings.json (one entry per distinct finding: file,
line, col, check, message, notes, fix-its, the TUs that report it).

Usage: bench/review_run.py --plugin SO --work DIR [--jobs 2] [--limit K] [--reuse] [--no-run] NAME...
"""
import argparse, json, os, re, subprocess, sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
DIAG = re.compile(r"^(?P<file>/.+?):(?P<line>\d+):(?P<col>\d+): (?P<level>warning|error|note): "
                  r"(?P<msg>.*?)(?: \[(?P<check>[\w.,-]+)\])?$")


def run_tu(plugin, major, root, entry, outdir, reuse):
    f = entry["file"]
    tag = os.path.relpath(f, root).replace("/", "_")
    fixes = os.path.join(outdir, tag + ".fixes.yaml")
    outfile = os.path.join(outdir, tag + ".out")
    if reuse and os.path.exists(outfile):
        stdout, rc = open(outfile).read().split("\n--- stderr\n")[0], 0
    else:
        stdout, rc = run_tidy(plugin, major, root, entry, fixes, outfile)
    return parse(f, root, stdout, fixes, rc)


def run_tidy(plugin, major, root, entry, fixes, outfile):
    f = entry["file"]
    argv = ["clang-tidy-%d" % major, "--load=" + plugin, "--checks=-*,escape-*", "--config={}",
            "--header-filter=^" + re.escape(root) + "/", "--export-fixes=" + fixes,
            f, "--"] + entry["arguments"][1:-2]
    p = subprocess.run(argv, cwd=entry["directory"], capture_output=True, text=True,
                       errors="replace")
    with open(outfile, "w") as o:
        o.write(p.stdout + "\n--- stderr\n" + p.stderr)
    return p.stdout, p.returncode


def parse(f, root, stdout, fixes, rc):
    diags, cur = [], None
    for line in stdout.splitlines():
        m = DIAG.match(line)
        if not m:
            continue
        d = m.groupdict()
        d["file"] = os.path.normpath(d["file"])
        if d["level"] == "warning" and (d["check"] or "").startswith("escape-"):
            cur = {"file": os.path.relpath(d["file"], root), "line": int(d["line"]),
                   "col": int(d["col"]), "check": d["check"], "message": d["msg"], "notes": []}
            diags.append(cur)
        elif d["level"] == "note" and cur is not None:
            cur["notes"].append("%s:%s:%s: %s" % (os.path.relpath(d["file"], root), d["line"],
                                                  d["col"], d["msg"]))
        elif d["level"] == "error":
            cur = None
            print("error in %s: %s" % (f, line), file=sys.stderr)
    fixtext = open(fixes).read() if os.path.exists(fixes) else ""
    return os.path.relpath(f, root), diags, fixtext, rc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--plugin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--major", type=int, default=14)
    ap.add_argument("--reuse", action="store_true",
                    help="parse a TU's saved output from an earlier run instead of running it")
    ap.add_argument("--cache", default=os.environ.get("ESCAPE_BENCH_CACHE",
                                                      os.path.join(HERE, ".cache")))
    ap.add_argument("--no-run", action="store_true",
                    help="with --reuse: only parse saved outputs; TUs without one are left out")
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    plugin = os.path.abspath(a.plugin)
    for name in a.names:
        db = json.load(open(os.path.join(a.cache, "db", name, "compile_commands.json")))
        if a.limit:
            db = db[:a.limit]
        if a.no_run:
            a.reuse = True
            done = lambda e: os.path.exists(os.path.join(
                os.path.abspath(os.path.join(a.work, name)),
                os.path.relpath(e["file"], e["directory"]).replace("/", "_") + ".out"))
            left = [e for e in db if not done(e)]
            db = [e for e in db if done(e)]
            if left:
                print("%s: %d TUs without saved output left out" % (name, len(left)))
        root = db[0]["directory"]
        outdir = os.path.abspath(os.path.join(a.work, name))
        os.makedirs(outdir, exist_ok=True)
        with ThreadPoolExecutor(a.jobs) as ex:
            res = list(ex.map(lambda e: run_tu(plugin, a.major, root, e, outdir, a.reuse), db))
        seen = {}
        for tu, diags, fixtext, rc in res:
            for d in diags:
                key = (d["file"], d["line"], d["col"], d["check"], d["message"])
                if key in seen:
                    seen[key]["tus"].append(tu)
                else:
                    d["tus"] = [tu]
                    seen[key] = d
        out = sorted(seen.values(), key=lambda d: (d["check"], d["file"], d["line"], d["col"]))
        json.dump({"root": root, "tus": [r[0] for r in res], "findings": out},
                  open(os.path.join(outdir, "findings.json"), "w"), indent=1)
        print("%s: %d TUs, %d distinct findings" % (name, len(res), len(out)))


if __name__ == "__main__":
    main()
