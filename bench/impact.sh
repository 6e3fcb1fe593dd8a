#!/usr/bin/env bash
#===--- impact.sh - heap allocations of the example before/after fix-its ---===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: bench/impact.sh [MAJOR]          (default MAJOR: 14)
#
# Measures what escape-tidy's fix-its change in the bundled example: builds the
# plugin like tools/run-example.sh (build/llvm-MAJOR), copies
# examples/order_router.cpp to a temporary directory, applies ALL escape-*
# fix-its there with clang-tidy-MAJOR --fix (with
# escape-owning-return.FixSignatures=true), shows the diff, builds the workload
# driver bench/impact/driver.cpp against the original and the fixed copy with
# the same flags (-std=c++17 -O2), runs both, checks that the checksums match,
# and prints allocations, bytes allocated, run times (best of N runs) and the
# instructions executed (callgrind; unlike time, independent of the machine's
# load) before and after. Then, per check that has fix-its, the same counts
# with only that check's fix-its, and a heaptrack cross-check of the counts.
# Allocations are counted by a replacement of the global operator new/delete
# (bench/impact/counting_new.cpp), for the workload only.
#
# Exit status: 0; 1 when the fixed copy does not compile, a checksum differs or
# a count is not reproducible; 2 on a usage error; other non-zero when a tool
# fails (install, plugin build, clang-tidy, the original does not compile).
#
# Environment: ESCAPE_JOBS, ESCAPE_BUILD_TYPE, ESCAPE_BUILD_ROOT as for
#   tools/run-example.sh; ESCAPE_PLUGIN: use this plugin .so (no install, no
#   build); IMPACT_CXX (default: clang++-MAJOR); IMPACT_CXXFLAGS (default:
#   "-std=c++17 -O2"); IMPACT_ORDERS (200000), IMPACT_BATCH (1000) and
#   IMPACT_SESSION (0: one Router for the whole run; K: a new Router, with
#   empty books, every K batches), the workload (bench/impact/driver.cpp);
#   IMPACT_RUNS (5); IMPACT_CALLGRIND and IMPACT_HEAPTRACK (auto: when valgrind
#   or heaptrack is installed; 1: required; 0: off); IMPACT_BY_CHECK (1; 0: skip
#   the per-check variants); IMPACT_KEEP=1 keeps the temporary directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ $# -gt 1 ]; then
  echo "usage: bench/impact.sh [MAJOR]" >&2
  exit 2
fi
N=${1:-14}
case "$N" in
-h | --help)
  sed -n '9,37p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
*[!0-9]* | '')
  echo "impact.sh: error: '$N' is not an LLVM major" >&2
  exit 2
  ;;
esac

CHECKS=(escape-heap-to-stack escape-owning-return escape-hot-type-erasure escape-unreserved-growth)
JOBS=${ESCAPE_JOBS:-$(nproc 2>/dev/null || echo 2)}
BUILD_TYPE=${ESCAPE_BUILD_TYPE:-Release}
BUILD_ROOT=${ESCAPE_BUILD_ROOT:-build}
CXX=${IMPACT_CXX:-clang++-$N}
read -r -a CXXFLAGS <<<"${IMPACT_CXXFLAGS:--std=c++17 -O2}"
ORDERS=${IMPACT_ORDERS:-200000}
BATCH=${IMPACT_BATCH:-1000}
SESSION=${IMPACT_SESSION:-0}
RUNS=${IMPACT_RUNS:-5}
HEAPTRACK=${IMPACT_HEAPTRACK:-auto}
CALLGRIND=${IMPACT_CALLGRIND:-auto}
BY_CHECK=${IMPACT_BY_CHECK:-1}
for V in ORDERS BATCH RUNS; do
  case "${!V}" in
  *[!0-9]* | '' | 0)
    echo "impact.sh: error: IMPACT_$V='${!V}' is not a positive integer" >&2
    exit 2
    ;;
  esac
done
case "$SESSION" in
*[!0-9]* | '')
  echo "impact.sh: error: IMPACT_SESSION='$SESSION' is not a number" >&2
  exit 2
  ;;
esac
WORKLOAD=("$ORDERS" "$BATCH" "$SESSION")
EXAMPLE=examples/order_router.cpp
DRIVER=(bench/impact/driver.cpp bench/impact/counting_new.cpp)

if [ -n "${ESCAPE_PLUGIN:-}" ]; then
  PLUGIN=$ESCAPE_PLUGIN
  echo "==== plugin ($PLUGIN, from ESCAPE_PLUGIN) ===="
  if [ ! -f "$PLUGIN" ]; then
    echo "impact.sh: error: ESCAPE_PLUGIN='$PLUGIN' does not exist" >&2
    exit 1
  fi
else
  # The same steps as tools/run-example.sh.
  DIR="$BUILD_ROOT/llvm-$N"
  PLUGIN="$DIR/lib/libEscapeTidy-$N.so"
  echo "==== dependencies (LLVM $N) ===="
  tools/install-deps.sh "$N"
  echo "==== plugin ($PLUGIN) ===="
  if [ ! -f "$DIR/CMakeCache.txt" ]; then
    CMAKE_EXTRA=()
    if command -v ccache >/dev/null 2>&1; then
      CMAKE_EXTRA+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
    fi
    if [ "$BUILD_TYPE" = Release ]; then
      CMAKE_EXTRA+=(-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DCMAKE_C_FLAGS_RELEASE=-O2)
    fi
    cmake -S . -B "$DIR" -G Ninja -DESCAPE_LLVM_VERSION="$N" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
      "${CMAKE_EXTRA[@]}"
  fi
  CCACHE_BASEDIR="$ROOT" cmake --build "$DIR" --target EscapeTidy -j "$JOBS"
fi
PLUGIN=$(cd "$(dirname "$PLUGIN")" && pwd)/$(basename "$PLUGIN")
for T in "clang-tidy-$N" "$CXX"; do
  if ! command -v "$T" >/dev/null 2>&1; then
    echo "impact.sh: error: '$T' not found (tools/install-deps.sh $N installs clang-tidy-$N and clang-$N)" >&2
    exit 1
  fi
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/escape-impact.XXXXXX")
if [ "${IMPACT_KEEP:-0}" = 1 ]; then
  echo "(keeping $TMP)"
else
  trap 'rm -rf "$TMP"' EXIT
fi

# Every check, FixSignatures on: whatever the plugin can fix gets fixed.
CONFIG="{Checks: '-*,escape-*', CheckOptions: [{key: escape-owning-return.FixSignatures, value: 'true'}]}"

# applyFixes NAME CHECKS: copies the example to $TMP/NAME and applies the
# fix-its of CHECKS there; the exported fixes go to $TMP/NAME/fixes.yaml.
applyFixes() {
  local Name=$1 Checks=$2 Rc=0
  mkdir -p "$TMP/$Name"
  cp "$EXAMPLE" "$TMP/$Name/order_router.cpp"
  "clang-tidy-$N" --load="$PLUGIN" -config="$CONFIG" -checks="$Checks" --fix \
    --export-fixes="$TMP/$Name/fixes.yaml" "$TMP/$Name/order_router.cpp" -- -std=c++17 \
    >"$TMP/$Name/clang-tidy.log" 2>&1 || Rc=$?
  if [ "$Rc" -ne 0 ]; then
    cat "$TMP/$Name/clang-tidy.log" >&2
    echo "impact.sh: error: clang-tidy-$N exited with status $Rc ($Name)" >&2
    exit "$Rc"
  fi
  touch "$TMP/$Name/fixes.yaml" # clang-tidy writes none when nothing is found.
}

# fixSummary YAML CHECK: prints "WARNINGS FIXABLE REPLACEMENTS" for CHECK, from
# clang-tidy's --export-fixes file: the items of the `Replacements:` lists of a
# diagnostic and of its notes (not those of `Ranges:`, LLVM 15+).
fixSummary() {
  awk -v Check="$2" '
    NF { match($0, /^ */); Ind = RLENGTH; if (InRep && Ind <= RepInd) InRep = 0 }
    /^  - DiagnosticName:/ { flush(); Name = $3; gsub(/\047/, "", Name); Reps = 0; next }
    /^ *Replacements:/ { InRep = 1; RepInd = Ind; next }
    InRep && /^ *- / { Reps++ }
    function flush() {
      if (Name == Check) { Warnings++; if (Reps > 0) Fixable++; Total += Reps }
      Name = ""
    }
    END { flush(); printf "%d %d %d\n", Warnings, Fixable, Total }' "$1"
}

echo "==== fix-its: clang-tidy-$N --load=$PLUGIN -config=\"$CONFIG\" --fix ===="
mkdir -p "$TMP/before"
cp "$EXAMPLE" "$TMP/before/order_router.cpp"
applyFixes after '-*,escape-*'
grep -E '^clang-tidy applied|suggested fixes' "$TMP/after/clang-tidy.log" || true
printf '%-26s %8s %12s %12s  %s\n' check findings "with fix-it" replacements "fix-its applied"
FIXED_CHECKS=()
for C in "${CHECKS[@]}"; do
  read -r W F R < <(fixSummary "$TMP/after/fixes.yaml" "$C")
  if [ "$F" -gt 0 ]; then
    Applied=yes
    FIXED_CHECKS+=("$C")
  elif [ "$W" -gt 0 ]; then
    Applied="no (no fix-it offered)"
  else
    Applied="no (no finding)"
  fi
  printf '%-26s %8s %12s %12s  %s\n' "$C" "$W" "$F" "$R" "$Applied"
done

echo "==== diff: $EXAMPLE -> fixed ===="
diff -u --label "a/$EXAMPLE" --label "b/$EXAMPLE (all fix-its)" \
  "$TMP/before/order_router.cpp" "$TMP/after/order_router.cpp" || true

echo "==== build: $CXX ${CXXFLAGS[*]} -I<variant> ${DRIVER[*]} ===="
"$CXX" --version | head -n 1
# build NAME: compiles the driver against $TMP/NAME/order_router.cpp.
build() {
  "$CXX" "${CXXFLAGS[@]}" -I"$TMP/$1" -o "$TMP/$1/driver" "${DRIVER[@]}"
}
if ! build before; then
  echo "impact.sh: error: the original example does not compile with the driver" >&2
  exit 3
fi
if ! build after; then
  echo "impact.sh: error: the example does not compile after the fix-its (see the diff above)" >&2
  exit 1
fi
echo "built before and after"

# field LINE KEY: the value of KEY=... in a driver output line.
field() {
  sed -n "s/.* $2=\([^ ]*\).*/\1/p; s/^$2=\([^ ]*\).*/\1/p" <<<"$1" | head -n 1
}

# Runs before and after alternately, RUNS times each, so that load from other
# processes hits both alike; keeps the best (lowest) wall and CPU time and
# checks that the counts and the checksum never change.
declare -A OUT BEST_WALL BEST_CPU FIRST_KEY
FAIL=0
echo "==== run: driver ${WORKLOAD[*]} (orders, batch, session), $RUNS times each, alternating ===="
for ((I = 1; I <= RUNS; ++I)); do
  for V in before after; do
    Line=$("$TMP/$V/driver" "${WORKLOAD[@]}")
    echo "$V #$I: $Line"
    Wall=$(field "$Line" time_ns)
    Cpu=$(field "$Line" cpu_ns)
    Key="$(field "$Line" checksum) $(field "$Line" allocations) $(field "$Line" bytes)"
    if [ -z "${OUT[$V]:-}" ]; then
      OUT[$V]=$Line
      BEST_WALL[$V]=$Wall
      BEST_CPU[$V]=$Cpu
      FIRST_KEY[$V]=$Key
    else
      if [ "$Key" != "${FIRST_KEY[$V]}" ]; then
        echo "impact.sh: error: $V: checksum or counts changed between runs ($Key vs ${FIRST_KEY[$V]})" >&2
        FAIL=1
      fi
      [ "$Wall" -lt "${BEST_WALL[$V]}" ] && BEST_WALL[$V]=$Wall
      [ "$Cpu" -lt "${BEST_CPU[$V]}" ] && BEST_CPU[$V]=$Cpu
    fi
  done
done

# Instructions executed in user space, counted by callgrind (whole process):
# unlike time, this does not depend on what else the machine is doing.
declare -A INSNS
if [ "$CALLGRIND" != 0 ]; then
  if command -v valgrind >/dev/null 2>&1; then
    echo "==== instructions: valgrind --tool=callgrind, one run each ===="
    for V in before after; do
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$TMP/$V/driver" "${WORKLOAD[@]}" \
        >"$TMP/$V/callgrind.out" 2>"$TMP/$V/callgrind.log"
      INSNS[$V]=$(sed -n 's/^==[0-9]*== Collected : \([0-9]*\).*/\1/p' "$TMP/$V/callgrind.log")
      Line=$(cat "$TMP/$V/callgrind.out")
      if [ -z "${INSNS[$V]}" ] || [ "$(field "$Line" checksum)" != "$(field "${OUT[$V]}" checksum)" ]; then
        cat "$TMP/$V/callgrind.log" >&2
        echo "impact.sh: error: $V under callgrind: no instruction count or a different checksum" >&2
        exit 1
      fi
      echo "$V: ${INSNS[$V]} instructions"
    done
  elif [ "$CALLGRIND" != auto ]; then
    echo "impact.sh: error: valgrind not installed (apt-get install valgrind)" >&2
    exit 1
  else
    echo "(valgrind not installed: instruction counts skipped; apt-get install valgrind)"
  fi
fi

# ratio A B: B/A with 3 decimals.
ratio() { awk -v A="$1" -v B="$2" 'BEGIN { if (A == 0) print "-"; else printf "%.3f\n", B / A }'; }
ms() { awk -v Ns="$1" 'BEGIN { printf "%.1f\n", Ns / 1e6 }'; }

SUM_B=$(field "${OUT[before]}" checksum)
SUM_A=$(field "${OUT[after]}" checksum)
echo "==== result (LLVM $N plugin; $("$CXX" --version | head -n 1); ${CXXFLAGS[*]}; $ORDERS orders in batches of $BATCH, session $SESSION; $(date -u '+%Y-%m-%d %H:%M UTC')) ===="
MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
LOAD=$(cut -d ' ' -f 1-3 /proc/loadavg 2>/dev/null || true)
echo "machine: $(uname -sm), ${MODEL:-unknown CPU}, $(nproc) CPUs, load average ${LOAD:-?}"
printf 'fix-its applied: %s\n' "${FIXED_CHECKS[*]:-none}"
printf '%-30s %18s %18s %12s\n' "" before after after/before
for K in allocations bytes deallocations; do
  case $K in
  allocations) Label="heap allocations" ;;
  bytes) Label="bytes allocated" ;;
  deallocations) Label="heap deallocations" ;;
  esac
  B=$(field "${OUT[before]}" "$K")
  A=$(field "${OUT[after]}" "$K")
  printf '%-30s %18s %18s %12s\n' "$Label" "$B" "$A" "$(ratio "$B" "$A")"
done
printf '%-30s %18s %18s %12s\n' "wall time, ms (best of $RUNS)" "$(ms "${BEST_WALL[before]}")" \
  "$(ms "${BEST_WALL[after]}")" "$(ratio "${BEST_WALL[before]}" "${BEST_WALL[after]}")"
printf '%-30s %18s %18s %12s\n' "CPU time, ms (best of $RUNS)" "$(ms "${BEST_CPU[before]}")" \
  "$(ms "${BEST_CPU[after]}")" "$(ratio "${BEST_CPU[before]}" "${BEST_CPU[after]}")"
if [ -n "${INSNS[before]:-}" ]; then
  printf '%-30s %18s %18s %12s\n' "instructions (callgrind)" "${INSNS[before]}" "${INSNS[after]}" \
    "$(ratio "${INSNS[before]}" "${INSNS[after]}")"
fi
printf '%-30s %18s %18s %12s\n' checksum "$SUM_B" "$SUM_A" \
  "$([ "$SUM_B" = "$SUM_A" ] && echo equal || echo DIFFERENT)"
if [ "$SUM_B" != "$SUM_A" ]; then
  echo "impact.sh: error: the fixed example computes a different checksum" >&2
  FAIL=1
fi
NOFIX=()
for C in "${CHECKS[@]}"; do
  read -r W F R < <(fixSummary "$TMP/after/fixes.yaml" "$C")
  if [ "$W" -gt "$F" ]; then
    NOFIX+=("$C: $((W - F)) of $W")
  fi
done
if [ ${#NOFIX[@]} -gt 0 ]; then
  NOFIX_TEXT=$(printf '%s; ' "${NOFIX[@]}")
  printf 'not in "after" (findings without a fix-it, their allocations remain): %s\n' "${NOFIX_TEXT%; }"
fi

if [ "$BY_CHECK" != 0 ] && [ ${#FIXED_CHECKS[@]} -gt 0 ]; then
  echo "==== by check: only that check's fix-its (one run each) ===="
  printf '%-30s %14s %14s %14s %9s\n' "fix-its of" allocations "saved" bytes checksum
  BA=$(field "${OUT[before]}" allocations)
  BB=$(field "${OUT[before]}" bytes)
  printf '%-30s %14s %14s %14s %9s\n' "(none)" "$BA" 0 "$BB" "-"
  for C in "${FIXED_CHECKS[@]}"; do
    applyFixes "only-$C" "-*,$C"
    if ! build "only-$C"; then
      echo "impact.sh: error: the example does not compile after the fix-its of $C alone" >&2
      FAIL=1
      continue
    fi
    Line=$("$TMP/only-$C/driver" "${WORKLOAD[@]}")
    CA=$(field "$Line" allocations)
    Same=$([ "$(field "$Line" checksum)" = "$SUM_B" ] && echo equal || echo DIFFERENT)
    [ "$Same" = equal ] || FAIL=1
    printf '%-30s %14s %14s %14s %9s\n' "$C" "$CA" "$((BA - CA))" "$(field "$Line" bytes)" "$Same"
  done
fi

if [ "$HEAPTRACK" != 0 ]; then
  if command -v heaptrack >/dev/null 2>&1 && command -v heaptrack_print >/dev/null 2>&1; then
    echo "==== heaptrack cross-check (one run each; heaptrack counts every malloc of the whole process) ===="
    printf '%-8s %22s %22s %10s %22s\n' "" "heaptrack calls" "operator new (process)" difference "heaptrack temporary"
    for V in before after; do
      heaptrack -o "$TMP/$V/ht" "$TMP/$V/driver" "${WORKLOAD[@]}" >"$TMP/$V/heaptrack.log" 2>&1
      HtFiles=("$TMP/$V"/ht.*) # heaptrack appends .zst or .gz.
      HtFile=${HtFiles[0]}
      heaptrack_print "$HtFile" >"$TMP/$V/heaptrack.txt" 2>/dev/null
      Calls=$(sed -n 's/^calls to allocation functions: \([0-9]*\).*/\1/p' "$TMP/$V/heaptrack.txt")
      Temp=$(sed -n 's/^temporary memory allocations: \([0-9]*\).*/\1/p' "$TMP/$V/heaptrack.txt")
      Ours=$(field "${OUT[$V]}" total_allocations)
      printf '%-8s %22s %22s %10s %22s\n' "$V" "$Calls" "$Ours" "$((Calls - Ours))" "$Temp"
    done
  elif [ "$HEAPTRACK" != auto ]; then
    echo "impact.sh: error: heaptrack/heaptrack_print not installed (apt-get install heaptrack)" >&2
    exit 1
  else
    echo "(heaptrack not installed: cross-check skipped; apt-get install heaptrack)"
  fi
fi

exit "$FAIL"
