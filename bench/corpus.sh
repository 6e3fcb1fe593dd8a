#!/usr/bin/env bash
#===--- corpus.sh - fetch the benchmark code bases, write compile databases -===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: bench/corpus.sh [--size N] [--jobs J] [--major M] [CODEBASE...]
#
# CODEBASE is one of googletest llama.cpp duckdb rocksdb qt5-examples libsass
# leveldb (default: all seven).
# For each code base: fetches the pinned sources (npm pack or apt-get download,
# sha256-checked; googletest comes from Debian's `googletest` package in
# /usr/src/googletest; qt5-examples needs Debian's qtbase5-dev installed),
# unpacks them once into the cache, lists the candidate translation units by
# a fixed rule, picks N of them by a fixed stride over the byte-sorted list,
# keeps those that compile (clang++-M -fsyntax-only, exit 0), and writes
# CACHE/db/CODEBASE/compile_commands.json ("directory" = the code base root,
# flags relative to it) plus candidates.txt, sample.txt and rejected.txt.
#
#   --size N   TUs picked per code base (default 40; 0 = every candidate)
#   --jobs J   parallel compile checks (default 2)
#   --major M  LLVM major of the clang++ that checks the TUs (default 14)
#
# CACHE is $ESCAPE_BENCH_CACHE or bench/.cache (gitignored). Tarballs and
# unpacked trees are kept there; a database is rewritten only when its
# parameters (size, major) change. No network is used for googletest; the
# npm code bases need the npm registry once.
#
# Subset rule: candidates sorted with LC_ALL=C; with M candidates and N < M,
# the picks are the items at index floor(i*M/N), i = 0..N-1 (an even stride
# from the first item). The same N, the same pinned version: the same TUs.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${ESCAPE_BENCH_CACHE:-$ROOT/bench/.cache}
SIZE=40
JOBS=2
MAJOR=14
ALL=(googletest llama.cpp duckdb rocksdb qt5-examples libsass leveldb)
SELECTED=()

die() {
  echo "corpus.sh: error: $*" >&2
  exit 1
}
note() { echo "corpus.sh: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
  --size) SIZE=${2:?}; shift 2 ;;
  --jobs) JOBS=${2:?}; shift 2 ;;
  --major) MAJOR=${2:?}; shift 2 ;;
  -h | --help)
    sed -n '9,34p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  googletest | llama.cpp | duckdb | rocksdb | qt5-examples | libsass | leveldb) SELECTED+=("$1"); shift ;;
  *) die "unknown argument '$1' (code bases: ${ALL[*]})" ;;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ALL[@]}")
case "$SIZE$JOBS$MAJOR" in *[!0-9]*) die "--size, --jobs and --major take numbers" ;; esac
CXX=clang++-$MAJOR
command -v "$CXX" >/dev/null 2>&1 || die "$CXX is not installed (tools/install-deps.sh $MAJOR)"

# Pinned npm tarballs: package@version and the sha256 of `npm pack`'s output.
declare -A NPM_SPEC=(
  [llama.cpp]=node-llama-cpp@3.22.1
  [duckdb]=duckdb@1.4.4
  [rocksdb]=rocksdb@5.2.1
  [libsass]=node-sass@9.0.0
  [leveldb]=classic-level@3.0.0
)
declare -A NPM_SHA256=(
  [llama.cpp]=a0d9dd80eacd2ab1cfe71aee57ac8a806487fd70b3d2a38fbec637752d9e5c5f
  [duckdb]=5bb967dcbcd517670ba5f169f238fb9d6787e53752c60ebe24386169d76941ed
  [rocksdb]=cde1bf7a6641030ea988c50b6d452ef93e3a9dc92baa953505b23c68406f29d9
  [libsass]=5d28db5f71284fb2ef2ec8e1fa66de7ff5e3d62bad4a514141d3a660cd1a159d
  [leveldb]=d9e6af24197bcc8a4575c89df3d6d3aab8be0b182d26d0ee80355d4c8ee442d7
)

# Pinned Debian packages (apt-get download): package=version and the sha256
# of the .deb. The Qt examples are parsed against the installed qtbase5-dev,
# which must be the same version.
declare -A DEB_SPEC=(
  [qt5-examples]=qtbase5-examples=5.15.8+dfsg-11+deb12u3
)
declare -A DEB_SHA256=(
  [qt5-examples]=5d4ccd7f761ff34d806c06c0ae770824517b6ad8092fb4de6ebd25c2728ded08 # amd64
)

# Prints the path of the verified .deb of code base $1 (fetched once).
fetchDeb() {
  local Name=$1 Spec=${DEB_SPEC[$1]} Deb Got
  Deb="$CACHE/deb/${Spec%%=*}_${Spec#*=}.deb"
  if [ ! -f "$Deb" ]; then
    mkdir -p "$CACHE/deb"
    note "apt-get download $Spec"
    # apt-get download fetches as the _apt user when it can write the directory.
    local Tmp
    Tmp=$(mktemp -d)
    if id _apt >/dev/null 2>&1; then chown _apt "$Tmp" 2>/dev/null || true; fi
    (cd "$Tmp" && apt-get download "$Spec" >/dev/null) || die "apt-get download $Spec failed"
    mv "$Tmp"/*.deb "$Deb"
    rm -rf "$Tmp"
  fi
  Got=$(sha256sum "$Deb" | cut -d' ' -f1)
  [ "$Got" = "${DEB_SHA256[$Name]}" ] ||
    die "$Deb: sha256 $Got, expected ${DEB_SHA256[$Name]} (delete it to fetch again)"
  echo "$Deb"
}

# Prints the path of the verified tarball of code base $1 (fetched once).
fetchNpm() {
  local Name=$1 Spec=${NPM_SPEC[$1]} Tgz Got
  Tgz="$CACHE/npm/$(echo "${Spec/@/-}").tgz"
  if [ ! -f "$Tgz" ]; then
    command -v npm >/dev/null 2>&1 || die "npm is needed to fetch $Spec (apt-get install npm)"
    mkdir -p "$CACHE/npm"
    note "npm pack $Spec"
    (cd "$CACHE/npm" && npm pack --silent "$Spec" >/dev/null) || die "npm pack $Spec failed"
  fi
  Got=$(sha256sum "$Tgz" | cut -d' ' -f1)
  [ "$Got" = "${NPM_SHA256[$Name]}" ] ||
    die "$Tgz: sha256 $Got, expected ${NPM_SHA256[$Name]} (delete it to fetch again)"
  echo "$Tgz"
}

# Unpacks code base $1 into $CACHE/src/$1 once; prints the code base root.
unpack() {
  local Name=$1 Dir="$CACHE/src/$1" Tgz Tmp
  if [ "$Name" = googletest ]; then
    [ -d /usr/src/googletest/googletest/src ] ||
      die "/usr/src/googletest is missing (apt-get install googletest)"
    echo /usr/src/googletest
    return
  fi
  if [ "$Name" = qt5-examples ]; then
    command -v pkg-config >/dev/null 2>&1 && pkg-config --exists Qt5Widgets Qt5Network ||
      die "the Qt 5 headers are missing (apt-get install qtbase5-dev pkg-config)"
  fi
  if [ ! -f "$Dir/.unpacked" ]; then
    if [ "$Name" = qt5-examples ]; then
      Tgz=$(fetchDeb "$Name")
    else
      Tgz=$(fetchNpm "$Name")
    fi
    rm -rf "$Dir" "$Dir.tmp"
    mkdir -p "$Dir.tmp"
    note "unpacking $(basename "$Tgz")"
    case "$Name" in
    llama.cpp)
      # The package holds the llama.cpp tree as a git bundle.
      tar -xzf "$Tgz" -C "$Dir.tmp" package/llama/gitRelease.bundle
      git clone -q "$Dir.tmp/package/llama/gitRelease.bundle" "$Dir.tmp/tree" 2>/dev/null ||
        die "git clone of the llama.cpp bundle failed"
      rm -rf "$Dir.tmp/tree/.git"
      mkdir -p "$Dir.tmp/tree/gen"
      sed -e 's/@LLAMA_VERSION@/0.0.0-node-llama-cpp-3.22.1/' -e 's/@LLAMA_BUILD_COMMIT@/bundle/' \
        "$Dir.tmp/tree/src/llama-version.h.in" >"$Dir.tmp/tree/gen/llama-version.h"
      mv "$Dir.tmp/tree" "$Dir"
      ;;
    duckdb)
      tar -xzf "$Tgz" -C "$Dir.tmp" package/src package/binding.gyp
      mv "$Dir.tmp/package" "$Dir"
      ;;
    rocksdb)
      tar -xzf "$Tgz" -C "$Dir.tmp" package/deps
      mv "$Dir.tmp/package/deps" "$Dir"
      ;;
    libsass)
      tar -xzf "$Tgz" -C "$Dir.tmp" package/src/libsass
      mv "$Dir.tmp/package/src/libsass" "$Dir"
      ;;
    leveldb)
      tar -xzf "$Tgz" -C "$Dir.tmp" package/deps/leveldb
      mv "$Dir.tmp"/package/deps/leveldb/leveldb-* "$Dir"
      ;;
    qt5-examples)
      dpkg-deb -x "$Tgz" "$Dir.tmp/root" || die "cannot unpack $Tgz"
      mv "$Dir.tmp"/root/usr/lib/*/qt5/examples "$Dir"
      ;;
    esac
    rm -rf "$Dir.tmp"
    touch "$Dir/.unpacked"
  fi
  case "$Name" in
  rocksdb) echo "$Dir/rocksdb" ;;
  *) echo "$Dir" ;;
  esac
}

# The candidate TUs of code base $1 (paths relative to its root), one a line.
candidates() {
  case "$1" in
  googletest)
    find googletest googlemock -name '*.cc'
    ;;
  llama.cpp)
    { find src common tools examples -name '*.cpp'
      find ggml/src ggml/src/ggml-cpu -maxdepth 1 -name '*.cpp'; } |
      grep -Ev 'server-http\.cpp|/tuning/|/ui/|android|llguidance'
    ;;
  duckdb)
    find src/duckdb/src src/duckdb/extension/core_functions src/duckdb/extension/parquet \
      src/duckdb/extension/json -name '*.cpp'
    ;;
  rocksdb)
    find rocksdb -name '*.cc' |
      grep -Ev '(_test|_bench|test_|bench|/tools/|/win/|hdfs|/java/|db_stress|third-party|/testutil|mock_)'
    ;;
  qt5-examples)
    find . -name '*.cpp' | sed 's|^\./||'
    ;;
  libsass)
    find src -name '*.cpp'
    ;;
  leveldb)
    # The library, without tests, benchmarks and the Windows port.
    find . -name '*.cc' | sed 's|^\./||' |
      grep -Ev '(_test|_bench|test_|bench|testutil|testharness|/win|windows|_main\.cc)'
    ;;
  esac
}

# The flags of code base $1 (relative to its root), one a line.
flags() {
  case "$1" in
  googletest)
    printf '%s\n' -std=c++14 -I googletest -I googletest/include -I googlemock -I googlemock/include
    ;;
  llama.cpp)
    printf '%s\n' -std=c++17 -Iinclude -Iggml/include -Icommon -Isrc -Ivendor -Iggml/src \
      -Iggml/src/ggml-cpu -Itools/mtmd -Igen -D_GNU_SOURCE -D_XOPEN_SOURCE=600 -DGGML_USE_CPU
    ;;
  duckdb)
    # binding.gyp's include_dirs and defines, without node-addon-api.
    printf '%s\n' -std=c++17
    python3 - <<'EOF'
d = eval(open("binding.gyp").read())["targets"][0]
seen = set()
for i in d["include_dirs"]:
    if i.startswith("src/duckdb") and i not in seen:
        seen.add(i)
        print("-I" + i)
for x in d["defines"]:
    if not x.startswith("NAPI_"):
        print("-D" + x)
EOF
    ;;
  rocksdb)
    printf '%s\n' -std=c++17 -Irocksdb -Irocksdb/include -I../snappy/snappy-1.1.7 -I../snappy/linux \
      -DSNAPPY=1 -DROCKSDB_PLATFORM_POSIX=1 -DOS_LINUX=1 -DROCKSDB_LIB_IO_POSIX=1
    ;;
  qt5-examples)
    # As users have them: pkg-config's -I (not -isystem), so Qt's own headers
    # are not system headers.
    # shellcheck disable=SC2046
    printf '%s\n' -std=c++17 -fPIC $(pkg-config --cflags Qt5Widgets Qt5Network Qt5Gui Qt5Core)
    ;;
  libsass)
    printf '%s\n' -std=c++17 -Iinclude -Isrc
    ;;
  leveldb)
    printf '%s\n' -std=c++17 -I. -Iinclude -DLEVELDB_PLATFORM_POSIX -DOS_LINUX
    ;;
  esac
}

# Writes the compile database of code base $1.
makeDb() {
  local Name=$1 Root Db="$CACHE/db/$1" Stamp
  Root=$(unpack "$Name")
  Stamp="size=$SIZE major=$MAJOR root=$Root"
  if [ -f "$Db/compile_commands.json" ] && [ "$(cat "$Db/stamp" 2>/dev/null)" = "$Stamp" ]; then
    note "$Name: $Db/compile_commands.json is up to date"
    return
  fi
  mkdir -p "$Db"
  (cd "$Root" && candidates "$Name") | LC_ALL=C sort -u >"$Db/candidates.txt"
  (cd "$Root" && flags "$Name") >"$Db/flags.txt"
  python3 - "$SIZE" "$Db/candidates.txt" >"$Db/sample.txt" <<'EOF'
import sys
n = int(sys.argv[1])
items = [l.rstrip("\n") for l in open(sys.argv[2]) if l.strip()]
m = len(items)
if n == 0 or n >= m:
    picks = items
else:
    picks = [items[(i * m) // n] for i in range(n)]
print("\n".join(picks))
EOF
  note "$Name: $(wc -l <"$Db/sample.txt") of $(wc -l <"$Db/candidates.txt") candidates picked; checking that they compile with $CXX ($JOBS jobs)"
  # Compile results are kept per file in checked-MAJOR.txt ("ok FILE" or
  # "fail FILE"), so that a new --size only checks the TUs not seen before.
  mkdir -p "$Db/check"
  local Known="$Db/checked-$MAJOR.txt"
  touch "$Known"
  if [ "$(cat "$Db/flags.stamp" 2>/dev/null)" != "$(cat "$Db/flags.txt")" ]; then
    : >"$Known" # the flags changed: check everything again
    cp "$Db/flags.txt" "$Db/flags.stamp"
  fi
  cut -d' ' -f2- "$Known" | LC_ALL=C sort -u >"$Db/known.tmp"
  LC_ALL=C sort -u "$Db/sample.txt" | LC_ALL=C comm -23 - "$Db/known.tmp" >"$Db/tocheck.txt"
  rm -f "$Db/known.tmp"
  export CXX Root Db
  # shellcheck disable=SC2016
  xargs -a "$Db/tocheck.txt" -d '\n' -P "$JOBS" -I{} bash -c '
    F="$1"; Log="$Db/check/$(echo "$F" | tr / _).log"
    mapfile -t Flags <"$Db/flags.txt"
    if (cd "$Root" && "$CXX" -fsyntax-only "${Flags[@]}" "$F") >"$Log" 2>&1; then
      echo "ok $F"; rm -f "$Log"
    else
      echo "fail $F"
    fi' _ {} >>"$Known"
  python3 - "$Known" "$Db/sample.txt" >"$Db/check.txt" <<'EOF2'
import sys
known = {}
for l in open(sys.argv[1]):
    if " " in l:
        status, f = l.rstrip("\n").split(" ", 1)
        known[f] = status
for f in (l.rstrip("\n") for l in open(sys.argv[2]) if l.strip()):
    print(known.get(f, "fail"), f)
EOF2
  grep '^fail ' "$Db/check.txt" | cut -d' ' -f2- | LC_ALL=C sort >"$Db/rejected.txt" || true
  python3 - "$Root" "$CXX" "$Db" >"$Db/compile_commands.json" <<'EOF'
import json, os, sys
root, cxx, db = sys.argv[1:4]
ok = {l.split(" ", 1)[1].rstrip("\n") for l in open(os.path.join(db, "check.txt"))
      if l.startswith("ok ")}
flags = [l.rstrip("\n") for l in open(os.path.join(db, "flags.txt")) if l.strip()]
entries = []
for f in (l.rstrip("\n") for l in open(os.path.join(db, "sample.txt"))):
    if f in ok:
        entries.append({"directory": root, "file": os.path.join(root, f),
                        "arguments": [cxx] + flags + ["-c", f]})
json.dump(entries, sys.stdout, indent=1)
print()
EOF
  echo "$Stamp" >"$Db/stamp"
  note "$Name: $(grep -c '^ok ' "$Db/check.txt" || true) TUs compile, $(wc -l <"$Db/rejected.txt") rejected (logs in $Db/check/)"
}

for Name in "${SELECTED[@]}"; do
  makeDb "$Name"
done
echo "$CACHE/db"
