#!/usr/bin/env bash
#===--- pre-commit.sh - the escape-tidy hook through the real pre-commit ---===#
#
# Part of escape-tidy, under the Apache License v2.0 with LLVM Exceptions.
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#
#===------------------------------------------------------------------------===#
#
# Usage: pre-commit.sh <plugin libEscapeTidy-N.so> <work dir>
#
# End to end, with the real `pre-commit` (Debian's package) and git, offline:
#  1. a throw-away hook repository holding this checkout's .pre-commit-hooks.yaml
#     and tools/escape-pre-commit, committed and tagged;
#  2. a throw-away project repository whose .pre-commit-config.yaml names the
#     hook repository by path and tag, with a build/compile_commands.json;
#  3. `pre-commit install`, then `git commit` of a file with a finding must be
#     refused with the finding shown, and a clean commit (a clean source, a
#     header, a source not in the compile database) must pass.
# HOME, PRE_COMMIT_HOME and git's global config point into <work dir>, so the
# user's own caches and settings are neither used nor touched.
set -euo pipefail
Plugin=$1
Work=$2
Src=$(cd "$(dirname "$0")/../.." && pwd)

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
command -v pre-commit >/dev/null || fail "pre-commit is not installed (tools/install-deps.sh installs it)"
command -v git >/dev/null || fail "git is not installed (tools/install-deps.sh installs it)"
[ -f "$Plugin" ] || fail "no plugin $Plugin"

rm -rf "$Work" && mkdir -p "$Work/home"
export HOME="$Work/home" PRE_COMMIT_HOME="$Work/pre-commit-cache"
export GIT_CONFIG_GLOBAL="$Work/home/.gitconfig" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Test GIT_AUTHOR_EMAIL=test@example.invalid
export GIT_COMMITTER_NAME=Test GIT_COMMITTER_EMAIL=test@example.invalid
unset ESCAPE_TIDY_PLUGIN ESCAPE_LLVM_MAJOR ESCAPE_CLANG_TIDY GIT_DIR GIT_WORK_TREE
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# 1. The hook repository: exactly the files a user's pre-commit clones.
Hooks="$Work/escape-tidy-hooks"
mkdir -p "$Hooks/tools"
cp "$Src/.pre-commit-hooks.yaml" "$Hooks/"
cp "$Src/tools/escape-pre-commit" "$Hooks/tools/"
git -C "$Hooks" init -q
git -C "$Hooks" add -A
git -C "$Hooks" commit -q -m "escape-tidy hooks"
git -C "$Hooks" tag v0.1.0

# 2. The project repository.
Proj="$Work/project"
mkdir -p "$Proj/src" "$Proj/build"
cd "$Proj"
git init -q
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $Hooks
    rev: v0.1.0
    hooks:
      - id: escape-tidy
        args: [-p, build, --plugin=$Plugin]
YAML
cat > src/point.h <<'CPP'
#pragma once
struct Point {
  double x, y;
};
CPP
cat > src/norm.cpp <<'CPP'
#include "point.h"
#include <memory>

double norm(double a) {
  auto p = std::make_unique<Point>();
  p->x = a;
  return p->x;
}
CPP
cat > src/clean.cpp <<'CPP'
#include "point.h"

double clean(double a) {
  Point p{a, a};
  return p.x + p.y;
}
CPP
cat > src/scratch.cpp <<'CPP'
#include <memory>
int scratch() { return *std::make_unique<int>(1); }
CPP
cat > build/compile_commands.json <<JSON
[
  {"directory": "$Proj/build", "file": "$Proj/src/norm.cpp",
   "command": "c++ -std=c++17 -I$Proj/src -c $Proj/src/norm.cpp -o norm.o"},
  {"directory": "$Proj/build", "file": "$Proj/src/clean.cpp",
   "command": "c++ -std=c++17 -I$Proj/src -c $Proj/src/clean.cpp -o clean.o"}
]
JSON
printf 'build/\n' > .gitignore
# The project's own .clang-tidy, so that no .clang-tidy above the work dir
# (e.g. escape-tidy's own, when the test runs in its build tree) applies.
printf "Checks: '-*,escape-*'\n" > .clang-tidy
pre-commit install > "$Work/install.log" 2>&1 || { cat "$Work/install.log"; fail "pre-commit install failed"; }
grep -q "pre-commit installed at .git/hooks/pre-commit" "$Work/install.log" ||
  { cat "$Work/install.log"; fail "pre-commit install did not install the git hook"; }

# 3a. A commit introducing a finding is refused, and the finding is shown.
git add .pre-commit-config.yaml .gitignore .clang-tidy src/point.h src/norm.cpp
if git commit -m "add norm" > "$Work/refused.log" 2>&1; then
  cat "$Work/refused.log"
  fail "the commit of src/norm.cpp (a finding) was accepted"
fi
echo "---- git commit with a finding (refused) ----"
cat "$Work/refused.log"
Expected=(
  "escape-tidy..............................................................Failed"
  "- hook id: escape-tidy"
  "- exit code: 1"
  "src/norm.cpp:5:12: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'norm'; consider a local variable [escape-heap-to-stack]"
  "src/norm.cpp:5:8: note: 'p' owns the object and no use of it lets the object escape"
  "escape-pre-commit: 1 escape-tidy finding(s) in the staged files; fix them, or suppress one with // NOLINT(<check>)"
)
for Line in "${Expected[@]}"; do
  grep -qxF -- "$Line" "$Work/refused.log" || fail "the refusal does not show the line: $Line"
done
if git rev-parse -q --verify HEAD >/dev/null; then
  fail "a commit was created although the hook failed"
fi

# 3b. A clean commit passes: a clean source, a header, and a source that is
# not in the compile database (listed as skipped, not checked).
git rm -q --cached src/norm.cpp
git add src/clean.cpp src/scratch.cpp
git commit -m "add clean" > "$Work/clean.log" 2>&1 || { cat "$Work/clean.log"; fail "the clean commit was refused"; }
echo "---- git commit without a finding (passes) ----"
cat "$Work/clean.log"
grep -qx "escape-tidy..............................................................Passed" "$Work/clean.log" ||
  fail "the hook did not run (or not pass) on the clean commit"
[ "$(git log --format=%s)" = "add clean" ] || fail "the clean commit is not in the history"
[ "$(git show --name-only --format= HEAD | sort | tr '\n' ' ')" = ".clang-tidy .gitignore .pre-commit-config.yaml src/clean.cpp src/point.h src/scratch.cpp " ] ||
  fail "the clean commit does not hold the expected files: $(git show --name-only --format= HEAD | tr '\n' ' ')"

# 3c. A later commit of the finding, suppressed with NOLINT, passes.
sed -i 's|auto p = std::make_unique<Point>();|auto p = std::make_unique<Point>(); // NOLINT(escape-heap-to-stack)|' src/norm.cpp
git add src/norm.cpp
git commit -m "add norm (suppressed)" > "$Work/nolint.log" 2>&1 || { cat "$Work/nolint.log"; fail "the commit with NOLINT was refused"; }
grep -qx "escape-tidy..............................................................Passed" "$Work/nolint.log" ||
  fail "the hook did not pass on the NOLINT commit"
# 3d. A finding in a staged header is shown when a staged source that
# includes it is checked (the hook's --header-filter is the staged headers).
cat >> src/point.h <<'CPP'
inline double heapNorm(double a) {
  Point *q = new Point{a, a};
  double r = q->x;
  delete q;
  return r;
}
CPP
printf '// uses heapNorm\n' >> src/clean.cpp
git add src/point.h src/clean.cpp
if git commit -m "header finding" > "$Work/header.log" 2>&1; then
  cat "$Work/header.log"
  fail "the commit of a header with a finding was accepted"
fi
grep -qxF "src/point.h:6:14: warning: 'Point' (16 bytes) is heap-allocated but never escapes 'heapNorm'; consider a local variable [escape-heap-to-stack]" "$Work/header.log" ||
  { cat "$Work/header.log"; fail "the refusal does not show the finding in the staged header"; }
# 3e. Non-canonical paths (issue 18): the project is reached through a
# symlinked directory and the compile database includes the headers with
# -I../include from the build directory, so clang-tidy names the header
# <link>/build/../include/shape.h. A finding in the staged header must still
# refuse the commit; one in a header that is not staged must not.
mkdir -p "$Work/real/shapes/include" "$Work/real/shapes/src" "$Work/real/shapes/build"
ln -s "$Work/real" "$Work/link"
Shapes="$Work/link/shapes"
cat > "$Shapes/include/shape.h" <<'CPP'
#pragma once
struct Square {
  double side;
};
inline double heapArea(double s) {
  Square *q = new Square{s};
  double r = q->side * q->side;
  delete q;
  return r;
}
CPP
cat > "$Shapes/include/other.h" <<'CPP'
#pragma once
struct Circle {
  double radius;
};
inline double heapRadius(double r) {
  Circle *c = new Circle{r};
  double v = c->radius;
  delete c;
  return v;
}
CPP
cat > "$Shapes/src/area.cpp" <<'CPP'
#include "shape.h"
#include "other.h"

double area(double s) { return heapArea(s) + heapRadius(s); }
CPP
cat > "$Shapes/build/compile_commands.json" <<JSON
[
  {"directory": "$Shapes/build", "file": "../src/area.cpp",
   "command": "c++ -std=c++17 -I../include -c ../src/area.cpp -o area.o"}
]
JSON
printf "Checks: '-*,escape-*'\n" > "$Shapes/.clang-tidy"
set +e
(cd "$Shapes" && "$Hooks/tools/escape-pre-commit" -p build --plugin="$Plugin" include/shape.h src/area.cpp) > "$Work/symlink.log" 2>&1
Status=$?
set -e
[ "$Status" = 1 ] || { cat "$Work/symlink.log"; fail "a finding in a header reached through a symlink and -I../include gave status $Status, not 1"; }
Expected=(
  "include/shape.h:6:15: warning: 'Square' (8 bytes) is heap-allocated but never escapes 'heapArea'; consider a local variable [escape-heap-to-stack]"
  "escape-pre-commit: 1 escape-tidy finding(s) in the staged files; fix them, or suppress one with // NOLINT(<check>)"
)
for Line in "${Expected[@]}"; do
  grep -qxF -- "$Line" "$Work/symlink.log" || { cat "$Work/symlink.log"; fail "non-canonical paths: the output does not show the line: $Line"; }
done
! grep -q "heapRadius" "$Work/symlink.log" || { cat "$Work/symlink.log"; fail "a finding in a header that is not staged was shown"; }
# Through the real path, with the source staged alone: no header is staged,
# so no header finding is shown, and the commit passes.
set +e
(cd "$Work/real/shapes" && "$Hooks/tools/escape-pre-commit" -p build --plugin="$Plugin" src/area.cpp) > "$Work/symlink-source.log" 2>&1
Status=$?
set -e
[ "$Status" = 0 ] || { cat "$Work/symlink-source.log"; fail "the source alone (its headers not staged) gave status $Status, not 0"; }
[ ! -s "$Work/symlink-source.log" ] || { cat "$Work/symlink-source.log"; fail "the source alone printed output"; }

# 4. Setup errors: status 2 and a message that says what to do.
set +e
Msg=$("$Hooks/tools/escape-pre-commit" -p no-such-dir --plugin="$Plugin" src/clean.cpp 2>&1)
Status=$?
set -e
[ "$Status" = 2 ] || fail "a missing compile database gave status $Status, not 2"
[ "$Msg" = "escape-pre-commit: error: no compile database 'no-such-dir/compile_commands.json': configure the project with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON, or pass -p <build dir> in the hook's args" ] ||
  fail "unexpected message for a missing compile database: $Msg"
set +e
Msg=$(ESCAPE_TIDY_PREFIX=/nonexistent HOME=/nonexistent "$Hooks/tools/escape-pre-commit" --llvm-major=99 src/clean.cpp 2>&1)
Status=$?
set -e
[ "$Status" = 2 ] || fail "a missing plugin gave status $Status, not 2"
case "$Msg" in
"escape-pre-commit: error: no escape-tidy plugin found: set ESCAPE_TIDY_PLUGIN, pass --plugin=<path>/libEscapeTidy-N.so"*) ;;
*) fail "unexpected message for a missing plugin: $Msg" ;;
esac
echo "pre-commit hook: OK"
