#!/usr/bin/env bash
# The library's public API documentation, checked (issue 20):
# - every public declaration has a doc comment and none mentions an unsafe type
#   (scripts/public-api-report.py, from the compiler's symbol graph);
# - the DocC catalogue (Sources/WorkforceStandards/WorkforceStandards.docc) and every doc comment
#   convert with no warning: each ``link`` resolves, each parameter is documented.
# The toolchain's own `docc` is used (no package plugin). Exit 0 when all hold, 1 otherwise,
# 2 when the toolchain has no docc (CI then only warns).
set -uo pipefail
cd "$(dirname "$0")/.."
swift package dump-symbol-graph >/dev/null 2>&1 || { echo "dump-symbol-graph failed"; exit 1; }
python3 scripts/public-api-report.py || exit 1
command -v docc >/dev/null 2>&1 || { echo "no docc in the toolchain"; exit 2; }
graphs=$(mktemp -d); out=$(mktemp -d)
trap 'rm -rf "$graphs" "$out"' EXIT
cp .build/*/symbolgraph/WorkforceStandards.symbols.json "$graphs"/
docc convert Sources/WorkforceStandards/WorkforceStandards.docc --additional-symbol-graph-dir "$graphs" \
  --output-path "$out" --fallback-display-name WorkforceStandards \
  --fallback-bundle-identifier org.harmonised-workforce.WorkforceStandards --warnings-as-errors >"$out.log" 2>&1
status=$?
if [ $status -ne 0 ]; then grep -E -A4 '^(warning|error)' "$out.log" | head -60; rm -f "$out.log"; echo "DocC: the catalogue or a doc comment has warnings"; exit 1; fi
rm -f "$out.log"
echo "DocC: the catalogue and every doc comment convert with no warning"
