#!/usr/bin/env python3
# ===--- fake_tidy.py - a clang-tidy stand-in with known-bad fix-its ------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""Used by `oracle.py --self-test`: accepts clang-tidy's command line, and
with --fix rewrites the places marked /*SELFTEST-DANGLE*/ (heap object made
a local that then dangles), /*SELFTEST-OUTPUT*/ (changes a printed value) and
/*SELFTEST-COMPILE*/ (breaks the syntax); --export-fixes gets one diagnostic
with a replacement per rewrite, like clang-tidy writes it."""

import re
import sys

EDITS = [
    ("DANGLE", "int *p = /*SELFTEST-DANGLE*/new int(7);", "int v = 7; int *p = &v;"),
    ("OUTPUT", "/*SELFTEST-OUTPUT*/1", "2"),
    ("COMPILE", "/*SELFTEST-COMPILE*/k;", ";"),
]


def main():
  args = sys.argv[1:]
  if "--" in args:
    args = args[:args.index("--")]
  files = [a for a in args if not a.startswith("-")]
  export = next((a.split("=", 1)[1] for a in args if a.startswith("--export-fixes=")), None)
  if len(files) != 1:
    print("fake_tidy: expected one source file", file=sys.stderr)
    return 2
  path = files[0]
  text = open(path).read()
  diags = []
  for tag, old, new in EDITS:
    off = text.find(old)
    if off >= 0:
      diags.append((tag, off, len(old), new))
  if "--fix" in args:
    for tag, off, n, new in sorted(diags, key=lambda d: -d[1]):
      text = text[:off] + new + text[off + n:]
    open(path, "w").write(text)
  if export:
    with open(export, "w") as f:
      f.write(f"---\nMainSourceFile:  '{path}'\nDiagnostics:\n")
      for tag, off, n, new in diags:
        f.write(f"  - DiagnosticName:  selftest-{tag.lower()}\n"
                f"    DiagnosticMessage:\n"
                f"      Message:         'known-bad fix-it ({tag})'\n"
                f"      FilePath:        '{path}'\n"
                f"      FileOffset:      {off}\n"
                f"      Replacements:\n"
                f"        - FilePath:        '{path}'\n"
                f"          Offset:          {off}\n"
                f"          Length:          {n}\n"
                f"          ReplacementText: '{new}'\n"
                f"    Level:           Warning\n")
      f.write("...\n")
  for tag, off, n, new in diags:
    print(f"{path}: warning: known-bad fix-it ({tag}) [selftest-{tag.lower()}]")
  return 0


if __name__ == "__main__":
  sys.exit(main())
