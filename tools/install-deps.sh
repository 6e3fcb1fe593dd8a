#!/usr/bin/env bash
#===--- install-deps.sh - install what escape-tidy needs (Debian 12) -------===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: tools/install-deps.sh [--check] [MAJOR...]      (default MAJOR: 14)
#
# Installs, with apt, everything needed to build escape-tidy for each LLVM
# major and to run its test suite: llvm-N-dev libclang-N-dev clang-tidy-N
# clang-N libclang-rt-N-dev, the headers of the real libc++ of that major
# (see below), and cmake ninja-build g++ libgtest-dev libgmock-dev googletest
# python3, git pre-commit python3-yaml for the integration tests (ccache when
# available).
#
# Idempotent: when everything is already there, apt-get is not run at all.
# Runs as root, or through sudo when not root. --check only reports what is
# missing (exit 1 when something is).
#
# libc++: the tests parse inputs against the real libc++ of each major (only
# parsing: nothing is linked). Debian's libc++-N-dev packages conflict with
# each other (all ship /usr/include/c++/v1), so apt can hold only one of them,
# and libc++-22-dev pulls in libc++abi-22-dev, whose
# /usr/lib/llvm-22/include/cxxabi.h shadows libstdc++'s <cxxabi.h> in any g++
# build that has LLVM's include directory on its path (like escape-tidy's).
# So for each major whose /usr/lib/llvm-N/include/c++/v1 is missing, the
# libc++-N-dev package is fetched with `apt-get download` and only its
# usr/lib/llvm-N/include/c++/v1 is unpacked, exactly where the package would
# put it and where clang-N -stdlib=libc++ looks first. A stamp file
# (.escape-tidy-unpacked) marks such a copy. An installed libc++-N-dev is
# left alone.
#
# Debian 12 (bookworm) offers majors 14, 15, 16 and 19 in bookworm/main and
# 22 in bookworm-security (`apt-cache policy clang-tidy-22`).
set -euo pipefail

SUPPORTED_MAJORS="14 15 16 19 22"
STAMP_NAME=.escape-tidy-unpacked

die() {
  echo "install-deps.sh: error: $*" >&2
  exit 1
}
note() { echo "install-deps.sh: $*"; }

CHECK_ONLY=0
MAJORS=()
for Arg in "$@"; do
  case "$Arg" in
  --check) CHECK_ONLY=1 ;;
  -h | --help)
    sed -n '9,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *[!0-9]* | '') die "'$Arg' is not an LLVM major (supported: $SUPPORTED_MAJORS)" ;;
  *)
    case " $SUPPORTED_MAJORS " in
    *" $Arg "*) MAJORS+=("$Arg") ;;
    *) die "LLVM major $Arg is not supported on Debian 12 (supported: $SUPPORTED_MAJORS)" ;;
    esac
    ;;
  esac
done
[ ${#MAJORS[@]} -gt 0 ] || MAJORS=(14)

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  die "this script needs a Debian-based system with apt (Debian 12 bookworm is the reference)"
fi

isInstalled() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# The libc++ headers of major N are present (package or unpacked copy).
hasLibcxx() {
  [ -f "/usr/lib/llvm-$1/include/c++/v1/vector" ] && [ -f "/usr/lib/llvm-$1/include/c++/v1/__config" ]
}

REQUIRED=(cmake ninja-build g++ libgtest-dev libgmock-dev googletest python3)
# The integration tests (tests/integration/) drive the real pre-commit and git,
# and read clang-tidy's --export-fixes YAML with python3-yaml.
REQUIRED+=(git pre-commit python3-yaml)
# tests/lint/ validates escape-lint's SARIF with the real SARIF validator,
# Microsoft's Sarif.Multitool (a self-contained .NET binary), installed from
# npm at a pinned version into <checkout>/.cache/ (npm comes from apt when
# missing). Keep the version in step with tests/lint/CMakeLists.txt.
SARIF_MULTITOOL_VERSION=5.7.0
SARIF_MULTITOOL_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache/sarif-multitool-$SARIF_MULTITOOL_VERSION"
SARIF_MULTITOOL_EXE="$SARIF_MULTITOOL_DIR/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
hasSarifMultitool() { [ -x "$SARIF_MULTITOOL_EXE" ]; }
installSarifMultitool() {
  hasSarifMultitool && return 0
  command -v npm >/dev/null 2>&1 || die "npm is missing (apt-get install npm)"
  note "npm install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION into $SARIF_MULTITOOL_DIR"
  mkdir -p "$SARIF_MULTITOOL_DIR"
  npm install --prefix "$SARIF_MULTITOOL_DIR" --no-audit --no-fund \
    "@microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION" \
    "@microsoft/sarif-multitool-linux@$SARIF_MULTITOOL_VERSION" ||
    die "npm install @microsoft/sarif-multitool@$SARIF_MULTITOOL_VERSION failed (is the npm registry reachable?)"
  chmod a+rx "$SARIF_MULTITOOL_EXE" 2>/dev/null || true
  hasSarifMultitool || die "the SARIF validator is missing after install: $SARIF_MULTITOOL_EXE"
}
command -v npm >/dev/null 2>&1 || REQUIRED+=(npm)
OPTIONAL=(ccache)
for N in "${MAJORS[@]}"; do
  REQUIRED+=("llvm-$N-dev" "libclang-$N-dev" "clang-tidy-$N" "clang-$N")
  # The ASan/UBSan runtimes for the fix-it oracle (tools/oracle/): clang-N
  # only recommends libclang-rt-N-dev, and recommends are not installed here.
  # LLVM 15 ships them in libclang-common-15-dev (a dependency of clang-15).
  case "$N" in
  15) ;;
  *) REQUIRED+=("libclang-rt-$N-dev") ;;
  esac
done

# The majors whose libc++ headers must be unpacked.
UNPACK_MAJORS=()
for N in "${MAJORS[@]}"; do
  hasLibcxx "$N" || UNPACK_MAJORS+=("$N")
done

MISSING=()
for P in "${REQUIRED[@]}"; do
  isInstalled "$P" || MISSING+=("$P")
done
MISSING_OPTIONAL=()
for P in "${OPTIONAL[@]}"; do
  isInstalled "$P" || MISSING_OPTIONAL+=("$P")
done

if [ ${#MISSING[@]} -eq 0 ] && [ ${#UNPACK_MAJORS[@]} -eq 0 ]; then
  if [ "$CHECK_ONLY" = 1 ] && ! hasSarifMultitool; then
    note "missing: the SARIF validator ($SARIF_MULTITOOL_EXE)"
    exit 1
  fi
  installSarifMultitool
  note "everything for LLVM ${MAJORS[*]} is installed"
  exit 0
fi

if [ "$CHECK_ONLY" = 1 ]; then
  [ ${#MISSING[@]} -eq 0 ] || note "missing packages: ${MISSING[*]}"
  [ ${#UNPACK_MAJORS[@]} -eq 0 ] || note "missing libc++ headers for LLVM ${UNPACK_MAJORS[*]}"
  hasSarifMultitool || note "missing: the SARIF validator ($SARIF_MULTITOOL_EXE)"
  exit 1
fi

SUDO=()
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 ||
    die "not root and sudo is not available; run this script as root (missing: ${MISSING[*]}${UNPACK_MAJORS:+ and the libc++ headers of LLVM ${UNPACK_MAJORS[*]}})"
  SUDO=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive

note "apt-get update"
"${SUDO[@]}" apt-get update ||
  die "apt-get update failed (network or sources.list problem)"

# A package apt has no candidate for fails here, before anything is installed.
candidate() {
  apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}'
}
UNAVAILABLE=()
for P in "${MISSING[@]}"; do
  C=$(candidate "$P")
  [ -n "$C" ] && [ "$C" != "(none)" ] || UNAVAILABLE+=("$P")
done
for N in "${UNPACK_MAJORS[@]}"; do
  C=$(candidate "libc++-$N-dev")
  [ -n "$C" ] && [ "$C" != "(none)" ] || UNAVAILABLE+=("libc++-$N-dev")
done
if [ ${#UNAVAILABLE[@]} -gt 0 ]; then
  die "apt has no installation candidate for: ${UNAVAILABLE[*]}
  On Debian 12, majors 14, 15, 16 and 19 come from 'bookworm' and 22 from
  'bookworm-security': make sure /etc/apt/sources.list(.d) enables bookworm,
  bookworm-updates and bookworm-security (main), then re-run."
fi

INSTALL=("${MISSING[@]}")
for P in "${MISSING_OPTIONAL[@]}"; do
  C=$(candidate "$P")
  if [ -n "$C" ] && [ "$C" != "(none)" ]; then
    INSTALL+=("$P")
  else
    note "optional package $P is not available; continuing without it"
  fi
done

if [ ${#INSTALL[@]} -gt 0 ]; then
  note "apt-get install ${INSTALL[*]}"
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${INSTALL[@]}" ||
    die "apt-get install failed for: ${INSTALL[*]}"
fi

# Header-only copies of the libc++ of each major that lacks one.
if [ ${#UNPACK_MAJORS[@]} -gt 0 ]; then
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  # apt-get download fetches as the _apt user when it can write the directory.
  if id _apt >/dev/null 2>&1; then chown _apt "$WORK" 2>/dev/null || true; fi
  for N in "${UNPACK_MAJORS[@]}"; do
    note "unpacking the headers of libc++-$N-dev to /usr/lib/llvm-$N/include/c++/v1"
    (cd "$WORK" && apt-get download "libc++-$N-dev") || die "apt-get download libc++-$N-dev failed"
    Deb=$(ls "$WORK"/libc++-"$N"-dev_*.deb)
    mkdir -p "$WORK/root-$N"
    dpkg-deb -x "$Deb" "$WORK/root-$N" || die "cannot unpack $Deb"
    Src="$WORK/root-$N/usr/lib/llvm-$N/include/c++/v1"
    [ -f "$Src/vector" ] || die "libc++-$N-dev does not contain usr/lib/llvm-$N/include/c++/v1"
    "${SUDO[@]}" mkdir -p "/usr/lib/llvm-$N/include/c++/v1"
    "${SUDO[@]}" cp -a "$Src/." "/usr/lib/llvm-$N/include/c++/v1/"
    Version=$(dpkg-deb -f "$Deb" Version)
    echo "libc++-$N-dev $Version headers unpacked by escape-tidy tools/install-deps.sh" |
      "${SUDO[@]}" tee "/usr/lib/llvm-$N/include/c++/v1/$STAMP_NAME" >/dev/null
  done
fi

# Verify the result, so that a half-installed system fails here and not later.
for N in "${MAJORS[@]}"; do
  [ -f "/usr/lib/llvm-$N/lib/cmake/clang/ClangConfig.cmake" ] ||
    die "LLVM $N: /usr/lib/llvm-$N/lib/cmake/clang/ClangConfig.cmake is missing after install"
  command -v "clang-tidy-$N" >/dev/null 2>&1 || die "LLVM $N: clang-tidy-$N is missing after install"
  hasLibcxx "$N" || die "LLVM $N: the libc++ headers are missing after install"
done
installSarifMultitool
note "done: LLVM ${MAJORS[*]} ready"
