#!/usr/bin/env bash
#===--- cmake-consumer.sh - find_package(EscapeTidy) + CMAKE_CXX_CLANG_TIDY ===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: cmake-consumer.sh <escape-tidy build dir> <LLVM major> <work dir>
#
# 1. `cmake --install <build dir> --prefix <work>/prefix` and checks the layout;
# 2. configures tests/integration/cmake-consumer (find_package(EscapeTidy)
#    with CMAKE_PREFIX_PATH=<work>/prefix, CMAKE_CXX_CLANG_TIDY = clang-tidy-N
#    --load=${ESCAPE_TIDY_PLUGIN}), builds it, and asserts the exact warning
#    lines in the build output;
# 3. asks for a major that is not installed and expects a clear failure.
set -euo pipefail
Build=$(cd "$1" && pwd)
Major=$2
Work=$3
Src=$(cd "$(dirname "$0")" && pwd)/cmake-consumer

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
rm -rf "$Work" && mkdir -p "$Work"
Prefix="$Work/prefix"

# 1. Install layout.
cmake --install "$Build" --prefix "$Prefix" > "$Work/install.log" 2>&1 ||
  { cat "$Work/install.log"; fail "cmake --install failed"; }
for F in "lib/escape-tidy/libEscapeTidy-$Major.so" bin/escape-analyzer \
  lib/cmake/EscapeTidy/EscapeTidyConfig.cmake \
  lib/cmake/EscapeTidy/EscapeTidyConfigVersion.cmake \
  "lib/cmake/EscapeTidy/EscapeTidyPlugin-$Major.cmake"; do
  [ -f "$Prefix/$F" ] || fail "cmake --install did not install $F"
done
# docs/cmake.md's table names every installed file (the plugin and package
# files of major 14 stand for any major; the check docs by their glob).
Doc="$Src/../../../docs/cmake.md"
while IFS= read -r F; do
  Rel=${F#"$Prefix"/}
  Named=${Rel//-$Major./-14.}
  case "$Named" in share/doc/escape-tidy/checks/*.rst) Named='share/doc/escape-tidy/checks/*.rst' ;; esac
  grep -qF -- "\`$Named\`" "$Doc" || grep -qF -- "\`$(basename "$Named")\`" "$Doc" ||
    fail "docs/cmake.md does not list the installed file $Rel"
done < <(find "$Prefix" -type f | sort)
# The installed package must not point back into the build tree.
if grep -rqF "$Build" "$Prefix/lib/cmake/EscapeTidy"; then
  fail "the installed package refers to the build tree: $(grep -rlF "$Build" "$Prefix/lib/cmake/EscapeTidy")"
fi

# 2. The consumer project; the package is found through CMAKE_PREFIX_PATH only.
Out="$Work/consumer-build"
cmake -S "$Src" -B "$Out" -G Ninja -DCMAKE_PREFIX_PATH="$Prefix" \
  > "$Work/configure.log" 2>&1 || { cat "$Work/configure.log"; fail "configuring the consumer failed"; }
grep -qxF -- "-- consumer: ESCAPE_TIDY_PLUGIN=$Prefix/lib/escape-tidy/libEscapeTidy-$Major.so" "$Work/configure.log" ||
  { cat "$Work/configure.log"; fail "find_package(EscapeTidy) did not give the installed plugin"; }
grep -qxF -- "-- consumer: ESCAPE_TIDY_LLVM_MAJOR=$Major" "$Work/configure.log" ||
  { cat "$Work/configure.log"; fail "find_package(EscapeTidy) did not give LLVM major $Major"; }
cmake --build "$Out" > "$Work/build.log" 2>&1 || { cat "$Work/build.log"; fail "building the consumer failed"; }
echo "---- consumer build output ----"
cat "$Work/build.log"
Expected=(
  "$Src/norm.cpp:8:12: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'norm'; consider a local variable [escape-heap-to-stack]"
  "$Src/norm.cpp:8:8: note: 'p' owns the object and no use of it lets the object escape"
  "$Src/growth.cpp:6:9: warning: 'out' grows by 'push_back' on each of 'n' iterations without reserve; consider 'out.reserve(n)' [escape-unreserved-growth]"
  "$Src/growth.cpp:5:3: note: loop runs 'n' times"
)
for Line in "${Expected[@]}"; do
  grep -qxF -- "$Line" "$Work/build.log" || fail "the build output does not show: $Line"
done
[ "$(grep -c ': warning: ' "$Work/build.log")" = 2 ] || fail "expected exactly 2 warnings in the build output"

# 3. A major that is not in the package fails with a message naming it.
Other=$((Major == 99 ? 98 : 99))
if cmake -S "$Src" -B "$Work/consumer-other" -G Ninja -DCMAKE_PREFIX_PATH="$Prefix" \
  -DESCAPE_TIDY_LLVM_MAJOR=$Other > "$Work/other.log" 2>&1; then
  fail "find_package(EscapeTidy) accepted LLVM major $Other"
fi
# CMake wraps the package's message: compare with line breaks as spaces.
joined() { tr -s ' \n' '  ' < "$1"; }
joined "$Work/other.log" | grep -qF "escape-tidy was not built for LLVM $Other here (available: $Major); build it with -DESCAPE_LLVM_VERSION=$Other" ||
  { cat "$Work/other.log"; fail "no clear message for a missing major"; }
# With two majors in the package, the message lists both, comma separated
# (a CMake list printed as is used to read "(available: 15;22); ;build it").
Second=$((Major == 98 ? 97 : Major + 1))
cp "$Prefix/lib/cmake/EscapeTidy/EscapeTidyPlugin-$Major.cmake" "$Prefix/lib/cmake/EscapeTidy/EscapeTidyPlugin-$Second.cmake"
if cmake -S "$Src" -B "$Work/consumer-two" -G Ninja -DCMAKE_PREFIX_PATH="$Prefix" \
  -DESCAPE_TIDY_LLVM_MAJOR=$Other > "$Work/two.log" 2>&1; then
  fail "find_package(EscapeTidy) accepted LLVM major $Other"
fi
rm "$Prefix/lib/cmake/EscapeTidy/EscapeTidyPlugin-$Second.cmake"
joined "$Work/two.log" | grep -qF "escape-tidy was not built for LLVM $Other here (available: $Major, $Second); build it with -DESCAPE_LLVM_VERSION=$Other" ||
  { cat "$Work/two.log"; fail "the message for a missing major does not list the available majors"; }
echo "CMake package and CMAKE_CXX_CLANG_TIDY: OK"
