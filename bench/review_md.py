#!/usr/bin/env python3
# ===--- review_md.py - the findings of a review run as one Markdown file ---===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Writes the findings that bench/review_run.py collected (WORK/NAME/findings.json)
as one Markdown table per code base, numbered, with their notes, for the
judgments of bench/REVIEW.md.

Usage: bench/review_md.py --work DIR --title TITLE [--plugin-commit C] NAME... > FILE.md
"""
import argparse, json, os, sys


def cell(s):
    return s.replace("|", "\\|").replace("\n", " ")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--title", required=True)
    ap.add_argument("--plugin-commit", default="(unknown)")
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    out = sys.stdout
    out.write("# %s\n\n" % a.title)
    out.write("Every escape-* warning with its notes, all four checks with default options, "
              "`--header-filter` = the code base root, deduped across TUs (a header finding is "
              "listed once). Collected with `bench/review_run.py` on the databases of "
              "`bench/corpus.sh`. Plugin commit: %s. Paths are relative to each code base root.\n"
              % a.plugin_commit)
    for name in a.names:
        data = json.load(open(os.path.join(a.work, name, "findings.json")))
        fs = data["findings"]
        out.write("\n## %s (%d TUs, %d findings)\n\n" % (name, len(data["tus"]), len(fs)))
        if not fs:
            continue
        out.write("| # | location | check | message | notes |\n|---:|---|---|---|---|\n")
        for i, f in enumerate(fs):
            out.write("| %d | `%s:%d:%d` | %s | %s | %s |\n" % (
                i, f["file"], f["line"], f["col"], f["check"], cell(f["message"]),
                cell("<br>".join(f["notes"]))))


if __name__ == "__main__":
    main()
