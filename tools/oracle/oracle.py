#!/usr/bin/env python3
# ===--- oracle.py - the fix-it oracle: do escape-* fix-its keep behaviour? -===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
# ===-----------------------------------------------------------------------===#
"""The fix-it oracle (issue 12): generated programs must behave the same
before and after all escape-* fix-its are applied.

For each TU (a pack of generated cases, see gen.py, plus the bundled
programs that have a main, e.g. examples/order_router.cpp):

  1. build the original with CLANGXX -std=c++17 -O0 and run it: the expected
     stdout and exit code;
  2. build the original with -fsanitize=address,undefined and run it with
     ASAN_OPTIONS=detect_stack_use_after_return=1:detect_leaks=0: any report
     or other output is a generator bug (the original must be clean);
  3. apply every fix-it of every escape-* check (clang-tidy --fix, with
     escape-owning-return.FixSignatures: true, given with --config-file);
  4. build the fixed TU with the sanitizers and run it.

A divergence is: the fixed code does not compile (compile-error), a sanitizer
report (sanitizer), a different stdout (output), a different exit code
(exit-code) or a hang (timeout); a clang-tidy crash is reported as
tidy-crash. A TU that diverges is bisected by running its cases one by one
(main(argc, argv) runs only the case named by argv[1]); cases whose fixed
text does not compile are put back to their original text so the other
cases of the TU are still checked. Leaks are not divergences: heap-to-stack
fixes remove leaks.

Exit status: 0 when no case diverged, no original was broken and at least
one fix-it was applied; 1 otherwise; 2 on a usage or tool error.

The summary line is
  oracle: N programs in T TUs, F fix-its applied in K programs, D divergences
followed by one line per divergence: case, seed, kind, first line of the
evidence, and the command that reproduces it.
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import gen  # noqa: E402

SAN_FLAGS = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer"]
SAN_ENV = {"ASAN_OPTIONS": "detect_stack_use_after_return=1:detect_leaks=0",
           "UBSAN_OPTIONS": "print_stacktrace=1"}
TIDY_CONFIG = """Checks: '-*,escape-*'
CheckOptions:
  - key: escape-owning-return.FixSignatures
    value: 'true'
"""
SAN_REPORT = re.compile(r"(ERROR: (AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer)"
                        r"|runtime error:|AddressSanitizer:DEADLYSIGNAL)")
CASE_BEGIN = re.compile(r"^namespace (case_\w+) \{", re.M)


class Tool:
  def __init__(self, opts):
    self.o = opts

  def run(self, argv, cwd, timeout, env=None, stdin=None):
    e = dict(os.environ)
    if env:
      e.update(env)
    t0 = time.time()
    try:
      p = subprocess.run(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=timeout, env=e)
      return dict(rc=p.returncode, out=p.stdout.decode("utf-8", "replace"),
                  err=p.stderr.decode("utf-8", "replace"), timeout=False,
                  secs=time.time() - t0)
    except subprocess.TimeoutExpired as x:
      return dict(rc=None, out=(x.stdout or b"").decode("utf-8", "replace"),
                  err=(x.stderr or b"").decode("utf-8", "replace"), timeout=True,
                  secs=time.time() - t0)


# ---- the export-fixes YAML of clang-tidy ------------------------------------

def parse_fixes(path):
  """Returns [(check, message, offset)] for diagnostics with a fix-it of
  their own (notes' fix-its are not applied by --fix)."""
  if not os.path.exists(path):
    return []
  out = []
  cur = None
  in_notes = False
  for line in open(path, encoding="utf-8", errors="replace"):
    m = re.match(r"^  - DiagnosticName:\s+(\S+)", line)
    if m:
      if cur and cur["offsets"]:
        out.append(cur)
      cur = dict(check=m.group(1), message="", offsets=[])
      in_notes = False
      continue
    if cur is None:
      continue
    if re.match(r"^    Notes:", line) or re.match(r"^    Level:", line):
      in_notes = True
    if in_notes:
      continue
    m = re.match(r"^      Message:\s+(.*)$", line)
    if m and not cur["message"]:
      msg = m.group(1).strip()
      if msg.startswith("'") and msg.endswith("'"):
        msg = msg[1:-1].replace("''", "'")
      cur["message"] = msg
    m = re.match(r"^\s+Offset:\s+(\d+)", line)
    if m:
      cur["offsets"].append(int(m.group(1)))
  if cur and cur["offsets"]:
    out.append(cur)
  return out


# ---- one TU ------------------------------------------------------------------

class Unit:
  """A TU: either generated cases, or a bundled program (one 'case')."""

  def __init__(self, name, text, cases, seed=None, bundled=None):
    self.name = name
    self.text = text
    self.cases = cases          # names, in order
    self.seed = seed
    self.bundled = bundled      # source path of a bundled program


def case_regions(text, names):
  """{case: (begin, end)} character ranges of each case namespace."""
  regions = {}
  for m in CASE_BEGIN.finditer(text):
    name = m.group(1)
    end_marker = f"}} // namespace {name}\n"
    e = text.find(end_marker, m.start())
    if e >= 0 and name in names:
      regions[name] = (m.start(), e + len(end_marker))
  return regions


def split_output(out, names):
  """{case: its lines of stdout} from a full run (markers '== case')."""
  res = {}
  cur = None
  for line in out.splitlines(True):
    m = re.match(r"^== (case_\w+)$", line.rstrip("\n"))
    if m:
      cur = m.group(1) if m.group(1) in names else None
      if cur:
        res[cur] = ""
    if cur:
      res[cur] += line
  return res


def first_san_line(err):
  """The first line of a sanitizer report, with the SUMMARY's location
  (function) when there is one; None when there is no report."""
  first = None
  for line in err.splitlines():
    if SAN_REPORT.search(line):
      first = re.sub(r"^==\d+==", "", line.strip())
      first = re.sub(r" on (unknown )?address 0x[0-9a-f]+.*$", "", first)
      break
  if first is None:
    return None
  m = re.search(r"^SUMMARY: \w+Sanitizer: (\S+) .*? in (.+)$", err, re.M)
  if m and "runtime error" not in first:
    return f"{first} (in {m.group(2).strip()})"
  return first


def evidence_of(exp_out, exp_rc, got):
  """(kind, first line) of a divergence, or None when the runs agree."""
  if got["timeout"]:
    return "timeout", "no exit within the time limit"
  s = first_san_line(got["err"])
  if s:
    return "sanitizer", s
  if got["rc"] != exp_rc:
    err = [l for l in got["err"].strip().splitlines() if l.strip()]
    why = next((l for l in err if "terminate" in l or "what()" in l), err[-1] if err else "")
    return "exit-code", f"expected exit {exp_rc}, got {got['rc']}: {why.strip()[:200]}"
  if got["out"] != exp_out:
    a, b = exp_out.splitlines(), got["out"].splitlines()
    for i in range(max(len(a), len(b))):
      x = a[i] if i < len(a) else "<missing>"
      y = b[i] if i < len(b) else "<missing>"
      if x != y:
        return "output", f"line {i + 1}: expected '{x}', got '{y}'"
  return None


class Oracle:
  def __init__(self, opts):
    self.o = opts
    self.t = Tool(opts)
    self.common = os.path.join(opts.work, "common")

  def prepare(self):
    os.makedirs(self.common, exist_ok=True)
    with open(os.path.join(self.common, "oracle_common.h"), "w") as f:
      f.write(gen.COMMON_HEADER)
    with open(os.path.join(self.common, "oracle_opaque.cpp"), "w") as f:
      f.write(gen.OPAQUE_SOURCE)
    with open(os.path.join(self.common, "tidy-config.yaml"), "w") as f:
      f.write(TIDY_CONFIG)
    self.check_sanitizers()
    for flavor, flags in (("plain", []), ("san", SAN_FLAGS)):
      r = self.t.run([self.o.clangxx, "-std=c++17", "-O0", "-c"] + flags +
                     ["oracle_opaque.cpp", "-o", f"opaque_{flavor}.o"], self.common, 600)
      if r["rc"] != 0:
        raise SystemExit(f"oracle: error: cannot build the opaque TU:\n{r['err']}")

  def check_sanitizers(self):
    """The oracle is only as good as its sanitizers: check that a dangling
    stack pointer is reported, and tell whether LeakSanitizer runs here
    (it is not used: heap-to-stack fixes remove leaks)."""
    src = os.path.join(self.common, "sancheck.cpp")
    with open(src, "w") as f:
      f.write("#include <cstdio>\n#include <cstdlib>\nint *G;\n"
              "__attribute__((noinline)) void f() { int x[4] = {1, 2, 3, 4}; G = x; }\n"
              "int main(int argc, char **) { f(); void *L = std::malloc(64); L = nullptr;\n"
              "  if (argc > 1) std::printf(\"%d\\n\", G[1]); return 0; }\n")
    exe = os.path.join(self.common, "sancheck")
    b = self.t.run([self.o.clangxx, "-std=c++17", "-O0"] + SAN_FLAGS + [src, "-o", exe],
                   self.common, 300)
    if b["rc"] != 0:
      raise SystemExit("oracle: error: cannot link with -fsanitize=address,undefined "
                       "(install libclang-rt-N-dev: tools/install-deps.sh):\n" + b["err"][-2000:])
    r = self.t.run([exe, "read"], self.common, 60, env=SAN_ENV)
    if "stack-use-after-return" not in r["err"]:
      raise SystemExit("oracle: error: ASan does not report a stack-use-after-return here; "
                       "the oracle could not see dangling fix-its:\n" + r["err"][-2000:])
    lk = self.t.run([exe], self.common, 60, env={"ASAN_OPTIONS": "detect_leaks=1"})
    self.lsan = "works" if "LeakSanitizer: detected memory leaks" in lk["err"] else \
        "does not run here"
    print(f"oracle: sanitizers: ASan reports stack-use-after-return; LeakSanitizer {self.lsan} "
          "(not used: leaks are not divergences)", flush=True)

  def build(self, unit, src, exe, san, cwd):
    argv = [self.o.clangxx, "-std=c++17", "-O0", "-pthread", "-w"]
    if san:
      argv += SAN_FLAGS
    argv += ["-I", self.common, src]
    if not unit.bundled:
      argv.append(os.path.join(self.common, "opaque_san.o" if san else "opaque_plain.o"))
    argv += ["-o", exe]
    return self.t.run(argv, cwd, 900)

  def exec(self, exe, cwd, san, case=None):
    argv = [exe] + ([case] if case else [])
    return self.t.run(argv, cwd, self.o.timeout, env=SAN_ENV if san else None)

  def tidy(self, src, cwd):
    fixes = os.path.join(cwd, "fixes.yaml")
    argv = [self.o.clang_tidy, "--load=" + self.o.plugin,
            "--config-file=" + os.path.join(self.common, "tidy-config.yaml"),
            "--checks=-*,escape-*", "--quiet", "--fix", "--export-fixes=" + fixes,
            src, "--", "-std=c++17", "-I", self.common]
    r = self.t.run(argv, cwd, 900)
    return r, parse_fixes(fixes)

  def process(self, unit):
    """Runs the whole pipeline on one unit; returns a result dict."""
    d = os.path.join(self.o.work, unit.name)
    os.makedirs(d, exist_ok=True)
    res = dict(unit=unit.name, seed=unit.seed, cases=list(unit.cases),
               bundled=unit.bundled, fixes=[], fixes_by_case={}, divergences=[],
               broken=[], secs=0.0)
    t0 = time.time()
    orig = os.path.join(d, "orig.cpp")
    with open(orig, "w") as f:
      f.write(unit.text)
    regions = case_regions(unit.text, unit.cases)
    whole = not regions  # a bundled program: one case, no markers

    def report(kind, case, text, where):
      where.append(dict(case=case, kind=kind, evidence=text))

    # 1-2: the original, plain and sanitized.
    b = self.build(unit, orig, os.path.join(d, "orig"), False, d)
    if b["rc"] != 0:
      report("original-compile-error", unit.name, b["err"].strip()[:2000], res["broken"])
      return self.finish(res, t0, d, keep=True)
    plain = self.exec(os.path.join(d, "orig"), d, False)
    b = self.build(unit, orig, os.path.join(d, "orig-san"), True, d)
    if b["rc"] != 0:
      report("original-compile-error", unit.name, b["err"].strip()[:2000], res["broken"])
      return self.finish(res, t0, d, keep=True)
    osan = self.exec(os.path.join(d, "orig-san"), d, True)
    if plain["timeout"] or plain["rc"] != 0:
      report("original-exit", unit.name, f"exit {plain['rc']}: {plain['err'][-300:]}",
             res["broken"])
    ev = evidence_of(plain["out"], plain["rc"], osan)
    if ev:
      culprits = unit.cases if whole else [
          c for c in unit.cases
          if evidence_of(split_output(plain["out"], [c]).get(c, ""), 0,
                         self.exec(os.path.join(d, "orig-san"), d, True, c))]
      for c in culprits or [unit.name]:
        report("original-" + ev[0], c, ev[1], res["broken"])
    if res["broken"]:
      return self.finish(res, t0, d, keep=True)
    expected = plain["out"]
    expected_by_case = split_output(expected, unit.cases)

    # 3: the fix-its.
    fixed = os.path.join(d, "fixed.cpp")
    shutil.copyfile(orig, fixed)
    tr, fixes = self.tidy(fixed, d)
    if tr["timeout"] or tr["rc"] is None or tr["rc"] < 0 or "Stack dump" in tr["err"]:
      report("tidy-crash", unit.name, (tr["err"].strip().splitlines() or ["?"])[-1],
             res["divergences"])
      return self.finish(res, t0, d, keep=True)
    for fx in fixes:
      case = unit.name if whole else next(
          (c for c, (bg, en) in regions.items() if bg <= min(fx["offsets"]) < en), "main")
      fx["case"] = case
      res["fixes"].append(dict(case=case, check=fx["check"], message=fx["message"]))
      res["fixes_by_case"].setdefault(case, []).append(fx["check"])
    fixed_text = open(fixed, encoding="utf-8").read()
    if fixed_text == unit.text:
      return self.finish(res, t0, d, keep=False)

    # 4: the fixed TU; cases that do not compile go back to their original.
    reverted = set()
    for attempt in range(4):
      b = self.build(unit, fixed, os.path.join(d, "fixed-san"), True, d)
      if b["rc"] == 0:
        break
      errs = [m for m in re.finditer(r"^[^\n:]*fixed\.cpp:(\d+):\d+: error: (.*)$",
                                     b["err"], re.M)]
      fregions = case_regions(fixed_text, unit.cases)
      bad = {}
      for m in errs:
        off = sum(len(l) + 1 for l in fixed_text.split("\n")[:int(m.group(1)) - 1])
        c = next((c for c, (bg, en) in fregions.items() if bg <= off < en), None)
        bad.setdefault(c, f"fixed.cpp:{m.group(1)}: error: {m.group(2)}")
      if not errs:
        bad[None] = (b["err"].strip().splitlines() or ["link error"])[-1]
      for c, msg in bad.items():
        report("compile-error", c or unit.name, msg, res["divergences"])
      if None in bad or whole or attempt == 3:
        return self.finish(res, t0, d, keep=True)
      for c in bad:
        reverted.add(c)
        bg, en = case_regions(fixed_text, unit.cases)[c]
        obg, oen = regions[c]
        fixed_text = fixed_text[:bg] + unit.text[obg:oen] + fixed_text[en:]
      with open(fixed, "w") as f:
        f.write(fixed_text)

    got = self.exec(os.path.join(d, "fixed-san"), d, True)
    ev = evidence_of(expected, plain["rc"], got)
    if ev is None:
      return self.finish(res, t0, d, keep=bool(res["divergences"]))
    if whole:
      report(ev[0], unit.name, ev[1], res["divergences"])
      return self.finish(res, t0, d, keep=True)
    # Bisect: each changed case alone.
    fregions = case_regions(fixed_text, unit.cases)
    found = False
    for c in unit.cases:
      if c in reverted:
        continue
      ob, oe = regions[c]
      fb, fe = fregions[c]
      if unit.text[ob:oe] == fixed_text[fb:fe]:
        continue
      one = self.exec(os.path.join(d, "fixed-san"), d, True, c)
      cev = evidence_of(expected_by_case.get(c, ""), 0, one)
      if cev:
        found = True
        report(cev[0], c, cev[1], res["divergences"])
    if not found:
      report(ev[0], unit.name, ev[1] + " (only when the cases run together)",
             res["divergences"])
    return self.finish(res, t0, d, keep=True)

  def finish(self, res, t0, d, keep):
    res["secs"] = round(time.time() - t0, 2)
    if not (keep and self.o.keep) and not self.o.keep_all:
      shutil.rmtree(d, ignore_errors=True)
    else:
      res["dir"] = d
    return res


# ---- units -------------------------------------------------------------------

def generated_units(seed, ids, per_tu):
  units = []
  for i in range(0, len(ids), per_tu):
    chunk = [gen.Case(seed, cid) for cid in ids[i:i + per_tu]]
    name = f"tu_s{seed}_{chunk[0].cid:06d}"
    units.append((Unit(name, gen.tu_source(chunk), [c.name for c in chunk], seed=seed),
                  {c.name: c for c in chunk}))
  return units


def isolation_units(seed, cases, per_tu):
  """Each snippet of each given case alone (a minimal reproducer)."""
  singles = [gen.Case(seed, c.cid, only_slot=j) for c in cases for j in range(len(c.slots))]
  units = []
  for i in range(0, len(singles), per_tu):
    chunk = singles[i:i + per_tu]
    units.append((Unit(f"iso_s{seed}_{i:06d}", gen.tu_source(chunk),
                       [c.name for c in chunk], seed=seed), {c.name: c for c in chunk}))
  return units


def bundled_units(extra=(), scan=True):
  """Complete programs shipped with the project (examples/*.cpp and
  test-inputs/**/*.cpp that define main) and the --program files."""
  units = []
  paths = []
  for base in ("examples", "test-inputs") if scan else ():
    for dp, _, fs in os.walk(os.path.join(ROOT, base)):
      for fn in sorted(fs):
        if fn.endswith(".cpp"):
          paths.append(os.path.join(dp, fn))
  for p in sorted(paths) + [os.path.abspath(e) for e in extra]:
    text = open(p, encoding="utf-8", errors="replace").read()
    if re.search(r"^\s*int\s+main\s*\(", text, re.M):
      rel = os.path.relpath(p, ROOT) if p.startswith(ROOT + os.sep) else p
      units.append((Unit("bundled_" + re.sub(r"\W", "_", rel), text, [rel], bundled=rel), {}))
  return units


def selftest_units():
  """A TU whose 'fix-its' come from fake_tidy.py: one dangles, one changes
  the output, one does not compile, one is left alone."""
  class Fixed:
    def __init__(self, name, body):
      self.name, self.k, self.body = name, 1, body

    def source(self):
      return f"namespace {self.name} {{\n{self.body}\n}} // namespace {self.name}\n"
  cases = [
      Fixed("case_self_ok", "long run(int k) { int *p = new int(k); long r = *p; delete p; return r; }"),
      Fixed("case_self_dangle", "int *G;\nstatic void f() { int *p = /*SELFTEST-DANGLE*/new int(7); G = p; }\n"
            "long run(int k) { f(); return *G + k; }"),
      Fixed("case_self_output", 'long run(int k) { std::printf("self %d\\n", /*SELFTEST-OUTPUT*/1); return k; }'),
      Fixed("case_self_compile", "long run(int k) { int y = /*SELFTEST-COMPILE*/k; return y; }"),
  ]
  return [(Unit("selftest", gen.tu_source(cases), [c.name for c in cases], seed=0), {})]


# ---- main --------------------------------------------------------------------

def default_tool(names):
  for n in names:
    p = shutil.which(n)
    if p:
      return p
  return names[0]


def main():
  ap = argparse.ArgumentParser(description=__doc__,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
  ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
  ap.add_argument("--count", type=int, default=200, help="generated cases (default 200)")
  ap.add_argument("--first", type=int, default=0, help="id of the first case (default 0)")
  ap.add_argument("--per-tu", type=int, default=20, help="cases per TU (default 20)")
  ap.add_argument("--jobs", type=int, default=2, help="TUs in parallel (default 2)")
  ap.add_argument("--clang-tidy", default=default_tool(["clang-tidy-14", "clang-tidy"]))
  ap.add_argument("--clangxx", default=default_tool(["clang++-14", "clang++"]))
  ap.add_argument("--plugin", default=os.path.join(ROOT, "build", "llvm-14", "lib",
                                                   "libEscapeTidy-14.so"))
  ap.add_argument("--work", default=os.path.join(ROOT, "build", "oracle"),
                  help="scratch directory (default build/oracle)")
  ap.add_argument("--keep", action="store_true", help="keep the files of failing TUs")
  ap.add_argument("--keep-all", action="store_true", help=argparse.SUPPRESS)
  ap.add_argument("--timeout", type=int, default=60, help="seconds per program run")
  ap.add_argument("--cases", help="only these case ids (comma-separated) instead of "
                  "--first/--count")
  ap.add_argument("--no-bundled", action="store_true",
                  help="skip examples/ and test-inputs/ programs that have a main")
  ap.add_argument("--program", action="append", default=[], metavar="FILE",
                  help="also check this complete program (one TU with main); repeatable")
  ap.add_argument("--isolate", action="store_true",
                  help="re-run each snippet of a diverging case alone (minimal reproducers)")
  ap.add_argument("--json", help="write the full results as JSON to this file")
  ap.add_argument("--print", dest="print_case", metavar="ID",
                  help="print the source of generated case ID (with --seed) and exit")
  ap.add_argument("--self-test", action="store_true",
                  help="check that the runner reports bad fix-its (uses fake_tidy.py)")
  o = ap.parse_args()

  if o.print_case is not None:
    cid, _, slot = o.print_case.partition(":")
    c = gen.Case(o.seed, int(cid), only_slot=int(slot) if slot else None)
    sys.stdout.write(gen.tu_source([c]))
    return 0

  if o.self_test:
    o.clang_tidy = os.path.join(HERE, "fake_tidy.py")
    o.work = os.path.join(o.work, "self-test")
  for tool in (o.clang_tidy, o.clangxx):
    if not shutil.which(tool) and not os.access(tool, os.X_OK):
      print(f"oracle: error: '{tool}' not found", file=sys.stderr)
      return 2
  # The tools run in per-TU work directories: a relative plugin path would
  # not load there (clang-tidy then applies no fix-it at all).
  o.plugin = os.path.abspath(o.plugin)
  if not o.self_test and not os.path.isfile(o.plugin):
    print(f"oracle: error: plugin '{o.plugin}' not found (build it first)", file=sys.stderr)
    return 2
  if o.per_tu < 1 or o.count < 0 or o.jobs < 1:
    print("oracle: error: --per-tu and --jobs must be >= 1, --count >= 0", file=sys.stderr)
    return 2
  shutil.rmtree(o.work, ignore_errors=True)
  os.makedirs(o.work)
  orc = Oracle(o)
  orc.prepare()
  t0 = time.time()

  if o.self_test:
    units = selftest_units()
  else:
    ids = ([int(x) for x in o.cases.split(",") if x] if o.cases
           else list(range(o.first, o.first + o.count)))
    units = generated_units(o.seed, ids, o.per_tu)
    units += bundled_units(o.program, scan=not o.no_bundled)
  results = run_units(orc, units, o.jobs)

  iso = []
  if o.isolate and not o.self_test:
    by_name = {}
    for u, cases in units:
      by_name.update(cases)
    div_cases = sorted({d["case"] for r in results for d in r["divergences"]
                        if d["case"] in by_name}, key=lambda n: by_name[n].cid)
    multi = [by_name[n] for n in div_cases if len(by_name[n].slots) > 1]
    single = {by_name[n].name: by_name[n] for n in div_cases if len(by_name[n].slots) == 1}
    iso = run_units(orc, isolation_units(o.seed, multi, o.per_tu), o.jobs)
    for n, c in single.items():
      for r in results:
        for dv in r["divergences"]:
          if dv["case"] == n:
            dv["snippet"] = c.snippet_names[0]
    snippet_of = {}
    for c in multi:
      for j, s in enumerate(c.snippet_names):
        snippet_of[f"{c.name}_s{j}"] = s
    for r in iso:
      for dv in r["divergences"]:
        dv["snippet"] = snippet_of.get(dv["case"], "?")

  elapsed = time.time() - t0
  status = summarize(o, units, results, iso, elapsed)
  return status


def run_units(orc, units, jobs):
  """Processes the units, jobs at a time; a progress line per finished unit
  goes to stderr (cumulative counts and the elapsed time)."""
  t0 = time.time()
  done = cases = divs = 0
  with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as ex:
    futs = [ex.submit(orc.process, u) for u, _ in units]
    for f in concurrent.futures.as_completed(futs):
      r = f.result()
      done += 1
      cases += len(r["cases"])
      divs += len(r["divergences"])
      print(f"oracle: [{done}/{len(units)} TUs] {cases} programs, {divs} divergences, "
            f"{time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    return [f.result() for f in futs]


def summarize(o, units, results, iso, elapsed):
  n_programs = sum(len(r["cases"]) for r in results)
  n_fixes = sum(len(r["fixes"]) for r in results)
  fixed_progs = sum(len([c for c in r["fixes_by_case"] if c != "main"]) for r in results)
  divs = [dict(d, unit=r["unit"], seed=r["seed"], dir=r.get("dir")) for r in results
          for d in r["divergences"]]
  broken = [dict(d, unit=r["unit"], seed=r["seed"], dir=r.get("dir")) for r in results
            for d in r["broken"]]
  kinds = {}
  for d in divs:
    kinds[d["kind"]] = kinds.get(d["kind"], 0) + 1
  checks = {}
  for r in results:
    for fx in r["fixes"]:
      checks[fx["check"]] = checks.get(fx["check"], 0) + 1
  print(f"oracle: {n_programs} programs in {len(results)} TUs, {n_fixes} fix-its applied "
        f"in {fixed_progs} programs, {len(divs)} divergences"
        + (f", {len(broken)} broken originals (generator bugs)" if broken else "")
        + f" ({elapsed:.0f} s, --jobs {o.jobs})")
  print("oracle: fix-its by check: " + (", ".join(f"{k} {v}" for k, v in sorted(checks.items()))
                                        or "none"))
  if kinds:
    print("oracle: divergences by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
  me = "tools/oracle/oracle.py"
  for d in divs:
    fx = [f["check"] + ": " + f["message"] for r in results if r["unit"] == d["unit"]
          for f in r["fixes"] if f["case"] == d["case"]]
    repro = ""
    m = re.match(r"case_(\d+)$", d["case"])
    if m and d["seed"] is not None:
      repro = f" [regenerate: {me} --seed {d['seed']} --print {m.group(1)}]"
    print(f"DIVERGENCE {d['case']} (seed {d['seed']}, {d['unit']}): {d['kind']}: "
          f"{d['evidence']}{repro}")
    for f in fx:
      print(f"    fix-it: {f}")
    if d.get("dir"):
      print(f"    files: {d['dir']}")
  for d in broken:
    print(f"GENERATOR BUG {d['case']} (seed {d['seed']}, {d['unit']}): {d['kind']}: "
          f"{d['evidence'][:500]}")
  if iso:
    ikinds = {}
    for r in iso:
      for d in r["divergences"]:
        key = (d["snippet"], d["kind"])
        ikinds[key] = ikinds.get(key, 0) + 1
    print(f"oracle: isolation: {sum(len(r['cases']) for r in iso)} single-snippet cases, "
          f"{sum(ikinds.values())} diverge alone")
    for (s, k), n in sorted(ikinds.items()):
      print(f"    {s}: {k} x{n}")
  if o.json:
    with open(o.json, "w") as f:
      json.dump(dict(programs=n_programs, tus=len(results), fixits=n_fixes,
                     fixed_programs=fixed_progs, divergences=divs, broken=broken,
                     kinds=kinds, checks=checks, seconds=round(elapsed, 1),
                     results=results, isolation=iso, seed=o.seed, count=o.count,
                     per_tu=o.per_tu, jobs=o.jobs), f, indent=1)

  if o.self_test:
    want = {("case_self_dangle", "sanitizer"), ("case_self_output", "output"),
            ("case_self_compile", "compile-error")}
    got = {(d["case"], d["kind"]) for d in divs}
    if got == want and n_fixes == 3 and not broken:
      print("oracle: self-test passed: the three bad fix-its were reported, the good case was not")
      return 0
    print(f"oracle: self-test FAILED: expected {sorted(want)}, got {sorted(got)}, "
          f"{n_fixes} fix-its", file=sys.stderr)
    return 1
  status = 0
  if divs:
    print(f"oracle: FAIL: {len(divs)} divergences", file=sys.stderr)
    status = 1
  if broken:
    print(f"oracle: FAIL: {len(broken)} originals are broken (generator bugs)", file=sys.stderr)
    status = 1
  if n_fixes == 0:
    print("oracle: FAIL: no fix-it was applied at all: the oracle tested nothing "
          "(is the plugin loaded? are the checks on?)", file=sys.stderr)
    status = 1
  return status


if __name__ == "__main__":
  sys.exit(main())
