#!/usr/bin/env bash
#===--- test.sh - build escape-tidy and run its test suite -----------------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: tools/test.sh [MAJOR...]
#
# For each LLVM major: configures build/llvm-N (Ninja), builds the engine, the
# plugin lib/libEscapeTidy-N.so and the tests, checks that clang-tidy-N loads
# the plugin and lists the five escape-* checks, then runs ctest. Without
# arguments it does this for every supported major (14 15 16 19 22) that is
# installed. Prints a per-major summary; exits non-zero when any major failed
# or when none was built.
#
# Environment: ESCAPE_JOBS (parallel jobs, default: nproc),
#   ESCAPE_BUILD_TYPE (default: Release, with assertions kept on),
#   ESCAPE_BUILD_ROOT (default: build), ccache is used when installed.
set -euo pipefail

SUPPORTED_MAJORS="14 15 16 19 22"
CHECKS=(escape-heap-to-stack escape-hot-type-erasure escape-owning-return escape-reusable-buffer escape-unreserved-growth)

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
JOBS=${ESCAPE_JOBS:-$(nproc 2>/dev/null || echo 2)}
BUILD_TYPE=${ESCAPE_BUILD_TYPE:-Release}
BUILD_ROOT=${ESCAPE_BUILD_ROOT:-build}

isInstalled() {
  [ -f "/usr/lib/llvm-$1/lib/cmake/clang/ClangConfig.cmake" ] && command -v "clang-tidy-$1" >/dev/null 2>&1
}

MAJORS=()
if [ $# -gt 0 ]; then
  for Arg in "$@"; do
    case "$Arg" in
    -h | --help)
      sed -n '9,20p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *[!0-9]* | '')
      echo "test.sh: error: '$Arg' is not an LLVM major (supported: $SUPPORTED_MAJORS)" >&2
      exit 2
      ;;
    esac
    MAJORS+=("$Arg")
  done
else
  for N in $SUPPORTED_MAJORS; do
    if isInstalled "$N"; then MAJORS+=("$N"); fi
  done
  if [ ${#MAJORS[@]} -eq 0 ]; then
    echo "test.sh: error: no supported LLVM major is installed (looked for $SUPPORTED_MAJORS)." >&2
    echo "test.sh: install one with: tools/install-deps.sh 14" >&2
    exit 1
  fi
fi

CMAKE_EXTRA=()
if command -v ccache >/dev/null 2>&1; then
  CMAKE_EXTRA+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
  export CCACHE_BASEDIR="$ROOT"
fi
if [ "$BUILD_TYPE" = Release ]; then
  # Keep assert() on: the invariants are part of what the tests exercise.
  CMAKE_EXTRA+=(-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DCMAKE_C_FLAGS_RELEASE=-O2)
fi

fmtTime() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }
section() { printf '\n==== %s ====\n' "$*"; }

declare -A RESULT
FAILED=0
BUILT=0

# Runs the whole pipeline for one major; sets RESULT[N]. Returns non-zero on failure.
testMajor() {
  local N=$1 Dir="$BUILD_ROOT/llvm-$1" Start Cfg Bld Tst Plugin Listed Missing Tail
  if ! isInstalled "$N"; then
    RESULT[$N]="FAIL: LLVM $N is not installed (run tools/install-deps.sh $N)"
    return 1
  fi
  Start=$SECONDS
  section "LLVM $N: configure ($Dir, $BUILD_TYPE)"
  if ! cmake -S . -B "$Dir" -G Ninja -DESCAPE_LLVM_VERSION="$N" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    "${CMAKE_EXTRA[@]}"; then
    RESULT[$N]="FAIL at configure"
    return 1
  fi
  Cfg=$((SECONDS - Start))

  section "LLVM $N: build (-j$JOBS)"
  Start=$SECONDS
  if ! cmake --build "$Dir" -j "$JOBS"; then
    RESULT[$N]="FAIL at build"
    return 1
  fi
  Bld=$((SECONDS - Start))
  BUILT=$((BUILT + 1))

  section "LLVM $N: clang-tidy-$N --load lists the checks"
  Plugin="$Dir/lib/libEscapeTidy-$N.so"
  if [ ! -f "$Plugin" ]; then
    RESULT[$N]="FAIL: $Plugin was not built"
    return 1
  fi
  if ! Listed=$("clang-tidy-$N" --load="$Plugin" --list-checks -checks='-*,escape-*' 2>&1); then
    echo "$Listed"
    RESULT[$N]="FAIL: clang-tidy-$N cannot load $Plugin"
    return 1
  fi
  echo "$Listed"
  Missing=()
  for C in "${CHECKS[@]}"; do
    grep -qx "[[:space:]]*$C" <<<"$Listed" || Missing+=("$C")
  done
  if [ ${#Missing[@]} -gt 0 ]; then
    RESULT[$N]="FAIL: --list-checks lacks ${Missing[*]}"
    return 1
  fi

  section "LLVM $N: ctest"
  Start=$SECONDS
  if ! ctest --test-dir "$Dir" --output-on-failure -j "$JOBS" 2>&1 | tee "$Dir/ctest.log"; then
    Tst=$((SECONDS - Start))
    Tail=$(grep -E 'tests passed|tests failed' "$Dir/ctest.log" | tail -1 || true)
    RESULT[$N]="FAIL at ctest: ${Tail:-see output} (build $(fmtTime "$Bld"), tests $(fmtTime "$Tst"))"
    return 1
  fi
  Tst=$((SECONDS - Start))
  Tail=$(grep -E 'tests passed' "$Dir/ctest.log" | tail -1 || true)
  if grep -q 'No tests were found' "$Dir/ctest.log"; then
    RESULT[$N]="FAIL: ctest found no tests"
    return 1
  fi
  RESULT[$N]="PASS: ${Tail:-ctest passed} (configure $(fmtTime "$Cfg"), build $(fmtTime "$Bld"), tests $(fmtTime "$Tst"))"
}

for N in "${MAJORS[@]}"; do
  if ! testMajor "$N"; then FAILED=$((FAILED + 1)); fi
done

section "summary"
for N in "${MAJORS[@]}"; do
  printf 'LLVM %-3s %s\n' "$N" "${RESULT[$N]}"
done
if [ "$BUILT" -eq 0 ]; then
  echo "test.sh: error: no major was built" >&2
  exit 1
fi
if [ "$FAILED" -gt 0 ]; then
  echo "test.sh: $FAILED of ${#MAJORS[@]} majors failed" >&2
  exit 1
fi
echo "test.sh: all ${#MAJORS[@]} majors passed"
