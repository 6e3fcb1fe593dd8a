#!/usr/bin/env bash
#===--- oracle.sh - the fix-it oracle at scale -----------------------------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: bench/oracle.sh [MAJOR] [COUNT] [SEED]     (defaults: 14 5000 1)
#
# Runs tools/oracle/oracle.py over COUNT generated cases (50 per TU) plus the
# bundled programs, with the plugin of build/llvm-MAJOR, and writes
# bench/results/DATE-llvmMAJOR-oracle.{md,json}: programs, TUs, fix-its
# applied (by check), divergences by kind and each divergence with its
# evidence. Environment: ESCAPE_JOBS (default 2), ORACLE_ARGS (more options
# for oracle.py, e.g. --isolate). Exits with oracle.py's status (1 when
# something diverged).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MAJOR=${1:-14}
COUNT=${2:-5000}
SEED=${3:-1}
JOBS=${ESCAPE_JOBS:-2}
PLUGIN="$ROOT/build/llvm-$MAJOR/lib/libEscapeTidy-$MAJOR.so"
[ -f "$PLUGIN" ] || { echo "oracle.sh: error: $PLUGIN is missing (tools/test.sh $MAJOR builds it)" >&2; exit 2; }
OUT="$ROOT/bench/results/$(date -u +%F)-llvm$MAJOR-oracle"
mkdir -p "$ROOT/bench/results"

Start=$SECONDS
# shellcheck disable=SC2086
python3 "$ROOT/tools/oracle/oracle.py" --seed "$SEED" --count "$COUNT" --per-tu 50 \
  --jobs "$JOBS" --clang-tidy "clang-tidy-$MAJOR" --clangxx "clang++-$MAJOR" \
  --plugin "$PLUGIN" --work "$ROOT/build/oracle-bench" --keep \
  --json "$OUT.json" ${ORACLE_ARGS:-} | tee "$OUT.txt"
Status=${PIPESTATUS[0]}
Secs=$((SECONDS - Start))

{
  echo "# Fix-it oracle: LLVM $MAJOR, seed $SEED, $COUNT generated cases"
  echo
  echo "\`bench/oracle.sh $MAJOR $COUNT $SEED\` on $(date -u '+%F %H:%M UTC'), $JOBS jobs,"
  echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end;"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'); wall time ${Secs} s."
  echo
  python3 - "$OUT.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"| Programs | TUs | Fix-its applied | Programs with fix-its | Divergences | Broken originals |")
print(f"|---|---|---|---|---|---|")
print(f"| {d['programs']} | {d['tus']} | {d['fixits']} | {d['fixed_programs']} | "
      f"{len(d['divergences'])} | {len(d['broken'])} |")
print()
print("Fix-its by check: " + (", ".join(f"`{k}` {v}" for k, v in sorted(d['checks'].items())) or "none"))
print()
print("## Divergences by kind")
print()
for k, v in sorted(d['kinds'].items()):
    print(f"- {k}: {v}")
if not d['kinds']:
    print("none")
print()
if d.get('isolation'):
    iso = {}
    for r in d['isolation']:
        for dv in r['divergences']:
            iso[(dv.get('snippet', '?'), dv['kind'])] = iso.get((dv.get('snippet', '?'), dv['kind']), 0) + 1
    print("## Snippets that diverge alone (--isolate)")
    print()
    for (s, k), n in sorted(iso.items()):
        print(f"- `{s}`: {k} x{n}")
    print()
print("## Each divergence")
print()
for dv in d['divergences']:
    print(f"- `{dv['case']}` ({dv['unit']}): **{dv['kind']}**: {dv['evidence']}")
for dv in d['broken']:
    print(f"- generator bug `{dv['case']}`: {dv['kind']}: {dv['evidence'][:300]}")
PY
} >"$OUT.md"
echo "oracle.sh: wrote $OUT.md, $OUT.json and $OUT.txt (${Secs} s)"
exit "$Status"
