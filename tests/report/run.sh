#!/usr/bin/env bash
# Runs escape-analyzer over a two-file project through a compile_commands.json
# and compares its report with expected.txt (text) and checks the JSON form.
# Usage: run.sh <escape-analyzer> <work dir>
set -euo pipefail
tool=$1
work=$2
src=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"
cp "$src"/a.cpp "$src"/b.cpp "$src"/c.cpp "$src"/shared.h "$work"/
cat > "$work/compile_commands.json" <<JSON
[
  {"directory": "$work", "file": "$work/a.cpp", "command": "c++ -std=c++17 -c a.cpp"},
  {"directory": "$work", "file": "$work/b.cpp", "command": "c++ -std=c++17 -c b.cpp"},
  {"directory": "$work", "file": "$work/c.cpp", "command": "c++ -std=c++17 -c c.cpp"}
]
JSON
cd "$work"
"$tool" -p "$work" a.cpp b.cpp c.cpp | sed "s|$work/||g" > actual.txt
if ! diff -u "$src/expected.txt" actual.txt; then
  echo "FAIL: escape-analyzer text report differs from expected.txt" >&2
  exit 1
fi
"$tool" -p "$work" --format=json a.cpp b.cpp c.cpp > actual.json
python3 - "$work/actual.json" <<'PY'
import json, sys
data = json.load(open(sys.argv[1]))
assert len(data) == 8, data
first = data[0]
assert first["escapes"] is True and first["allocation"] == "make_unique<Config>", first
assert first["reason"].startswith("passed to 'keep' whose parameter 'c' escapes"), first
assert data[1]["escapes"] is False and data[1]["size"] == 8, data[1]
# Sizes that overflow 64 bits: no size, and flagged too large.
for d in data[4:]:
    assert d["escapes"] is False and "size" not in d and d["sizeTooLarge"] is True, d
PY
if "$tool" --format=xml a.cpp -- -std=c++17 2> err.txt; then
  echo "FAIL: --format=xml was accepted" >&2; exit 1
fi
grep -q "invalid value 'xml' for --format" err.txt || { echo "FAIL: no clear error for --format=xml" >&2; cat err.txt; exit 1; }
# A -p without a compile database is an error, not a run without flags.
if "$tool" -p /nonexistent/escape-build a.cpp > out.txt 2> err.txt; then
  echo "FAIL: -p of a missing directory was accepted" >&2; cat err.txt; exit 1
fi
Expected="escape-analyzer: no compile database in '/nonexistent/escape-build' or any parent directory (pass the build directory that holds compile_commands.json)"
[ "$(cat err.txt)" = "$Expected" ] || { echo "FAIL: unexpected message for -p of a missing directory:" >&2; cat err.txt; exit 1; }
[ ! -s out.txt ] || { echo "FAIL: -p of a missing directory printed a report" >&2; exit 1; }
echo "escape-analyzer report: OK"
