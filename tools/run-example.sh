#!/usr/bin/env bash
#===--- run-example.sh - escape-tidy over the bundled example --------------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: tools/run-example.sh [MAJOR]          (default MAJOR: 14)
#
# Installs what is missing (tools/install-deps.sh MAJOR), builds the plugin in
# build/llvm-MAJOR when needed, then runs
#   clang-tidy-MAJOR --load=build/llvm-MAJOR/lib/libEscapeTidy-MAJOR.so \
#     -checks='-*,escape-*' examples/*.cpp -- -std=c++17
# and prints the findings with a count per check. Findings are the expected
# result: the exit status is non-zero only when a tool fails (install, build,
# clang-tidy crash or a compiler error in the example).
#
# Environment: ESCAPE_JOBS, ESCAPE_BUILD_TYPE, ESCAPE_BUILD_ROOT as for
# tools/test.sh; ESCAPE_EXAMPLE_FLAGS (default: -std=c++17) replaces the
# compiler flags after `--`, e.g. "-std=c++17 -stdlib=libc++".
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

if [ $# -gt 1 ]; then
  echo "usage: tools/run-example.sh [MAJOR]" >&2
  exit 2
fi
N=${1:-14}
case "$N" in
-h | --help)
  sed -n '9,21p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
  ;;
*[!0-9]* | '')
  echo "run-example.sh: error: '$N' is not an LLVM major" >&2
  exit 2
  ;;
esac

JOBS=${ESCAPE_JOBS:-$(nproc 2>/dev/null || echo 2)}
BUILD_TYPE=${ESCAPE_BUILD_TYPE:-Release}
BUILD_ROOT=${ESCAPE_BUILD_ROOT:-build}
DIR="$BUILD_ROOT/llvm-$N"
PLUGIN="$DIR/lib/libEscapeTidy-$N.so"
read -r -a FLAGS <<<"${ESCAPE_EXAMPLE_FLAGS:--std=c++17}"

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
# Only the plugin: the tests are tools/test.sh's business.
CCACHE_BASEDIR="$ROOT" cmake --build "$DIR" --target EscapeTidy -j "$JOBS"

shopt -s nullglob
SOURCES=(examples/*.cpp)
if [ ${#SOURCES[@]} -eq 0 ]; then
  echo "run-example.sh: error: no examples/*.cpp" >&2
  exit 1
fi

echo "==== clang-tidy-$N --load=$PLUGIN -checks='-*,escape-*' ${SOURCES[*]} -- ${FLAGS[*]} ===="
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
set +e
"clang-tidy-$N" --load="$PLUGIN" -checks='-*,escape-*' "${SOURCES[@]}" -- "${FLAGS[@]}" >"$OUT" 2>&1
RC=$?
set -e
cat "$OUT"

echo "==== findings ===="
TOTAL=0
for C in escape-heap-to-stack escape-owning-return escape-hot-type-erasure escape-reusable-buffer escape-unreserved-growth; do
  Count=$(grep -c "warning: .*\[$C\]\$" "$OUT" || true)
  printf '%-28s %s\n' "$C" "$Count"
  TOTAL=$((TOTAL + Count))
done
printf '%-28s %s\n' total "$TOTAL"

if [ "$RC" -ne 0 ]; then
  echo "run-example.sh: error: clang-tidy-$N exited with status $RC (see the output above)" >&2
  exit "$RC"
fi
