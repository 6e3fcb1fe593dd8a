#!/usr/bin/env python3
# ===--- review_table.py - judged findings as the tables of bench/REVIEW.md ---===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-------------------------------------------------------------------------===#
"""Reads judged findings (one JSON file per code base: a list of findings, each
with loc, col, check, message, notes, judgment = true|false|debatable, kind,
reason) and prints the summary table and one table per code base and check,
as bench/REVIEW.md shows them.

The count per check and code base is capped (--cap, default 25): when a check
has more findings in a code base, the counted ones are picked by an even
stride over the findings sorted by location (index floor(i*M/cap)), the same
rule bench/corpus.sh uses for TUs; the others are listed as "not counted".

Usage: bench/review_table.py [--cap 25] DIR NAME...   (reads DIR/NAME.json)
"""
import argparse, json, os
from collections import OrderedDict


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cap", type=int, default=25)
    ap.add_argument("dir")
    ap.add_argument("names", nargs="+")
    a = ap.parse_args()
    rows, sections, tot = [], [], {"true": 0, "false": 0, "debatable": 0}
    for name in a.names:
        fs = json.load(open(os.path.join(a.dir, name + ".json")))
        by = OrderedDict()
        for f in sorted(fs, key=lambda f: (f["check"], f["loc"], f["col"])):
            if f["judgment"] not in tot:
                raise SystemExit("%s: %s is not judged" % (name, f["loc"]))
            by.setdefault(f["check"], []).append(f)
        for check, items in by.items():
            m = len(items)
            counted = set(range(m)) if m <= a.cap else {i * m // a.cap for i in range(a.cap)}
            c = {"true": 0, "false": 0, "debatable": 0}
            for i in counted:
                c[items[i]["judgment"]] += 1
            for k in c:
                tot[k] += c[k]
            n = sum(c.values())
            rows.append("| %s | %s | %d | %d | %d | %d%s | %d %% |" % (
                name, check[len("escape-"):], c["true"], c["false"], c["debatable"], n,
                "" if m == n else " (of %d)" % m, round(100.0 * c["true"] / n)))
            lines = ["### %s: %s (%d)" % (name, check[len("escape-"):], m), "",
                     "| # | location | judgment | kind | reason |", "|---:|---|---|---|---|"]
            for i, f in enumerate(items):
                j = f["judgment"] if f["judgment"] == "true" else "**%s**" % f["judgment"]
                if i not in counted:
                    j += " (not counted)"
                lines.append("| %d | `%s` | %s | %s | %s |" % (i + 1, f["loc"], j, f.get("kind", ""),
                                                              f["reason"]))
            sections.append("\n".join(lines))
    n = sum(tot.values())
    print("| code base | check | true | false | debatable | counted | true share |")
    print("|---|---|---:|---:|---:|---:|---:|")
    print("\n".join(rows))
    print("| **all** | | %d | %d | %d | %d | %d %% |" % (tot["true"], tot["false"], tot["debatable"], n,
                                                        round(100.0 * tot["true"] / max(n, 1))))
    print()
    print("\n\n".join(sections))


if __name__ == "__main__":
    main()
