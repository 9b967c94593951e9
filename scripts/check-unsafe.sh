#!/usr/bin/env bash
# Keeps unsafe code in its place (issue 20, item 6): the Swift files under Sources/ that use
# Unsafe*Pointer types, withUnsafe..., unsafeBitCast/unsafeDowncast, nonisolated(unsafe) or
# @unchecked Sendable must lie in one of the places below, or be one of the few exceptions named
# in scripts/unsafe-allowed.txt, each with its reason. Everywhere else (the domain code) reads
# bytes through the safe views those places offer (LentBuffer, the byte tables, the writers).
# Line comments (// ...) and the contents of multi-line string literals (data such as the
# title coder's English word list, which has "unsafe" in it) are ignored, so a comment or data may
# mention the words. An exception that no
# longer uses unsafe code is reported, without failing, so that the list can shrink.
#   scripts/check-unsafe.sh          check (CI runs it)
#   scripts/check-unsafe.sh --list   list the files that use unsafe code, with a count each
set -euo pipefail
cd "$(dirname "$0")/.."
exceptions=scripts/unsafe-allowed.txt
pattern='[Uu]nsafe|@unchecked[[:space:]]+Sendable'
# The places: the library's speed machinery, the tool's system calls, the benchmark's harness.
places=(
  Sources/WorkforceStandards/Performance/
  Sources/WDSCommandLine/System/
  Sources/wds-benchmark/
)

# A file's code: line comments stripped, and the lines inside a multi-line string literal
# (between lines with an odd number of `"""`) left out, line numbers kept.
code() {
  sed 's|//.*$||' "$1" | awk '{ n = gsub(/"""/, "&"); if (inside) { if (n % 2 == 1) inside = 0; print ""; next } if (n % 2 == 1) inside = 1; print }'
}

# The files using unsafe code, each with its count of matching lines (comments stripped).
users=$(find Sources -name '*.swift' | LC_ALL=C sort | while read -r file; do
  count=$(code "$file" | grep -cE "$pattern" || true)
  if [ "$count" -gt 0 ]; then echo "$file $count"; fi
done)

if [ "${1:-}" = "--list" ]; then echo "$users"; exit 0; fi

inPlace() {
  local place
  for place in "${places[@]}"; do [[ "$1" == "$place"* ]] && return 0; done
  return 1
}

listed=$(grep -vE '^[[:space:]]*(#|$)' "$exceptions" | sed 's|:.*$||' | LC_ALL=C sort || true)
status=0
# Every exception gives its reason.
while read -r line; do
  echo "error: $exceptions: '$line' has no reason (write \`path: why\`)" >&2; status=1
done < <(grep -vE '^[[:space:]]*(#|$)' "$exceptions" | grep -vE '^[^:]+:[[:space:]]*[^[:space:]]' || true)
inside=0
outside=0
while read -r file count; do
  [ -n "$file" ] || continue
  if inPlace "$file"; then inside=$((inside + 1)); continue; fi
  if grep -qxF "$file" <<<"$listed"; then outside=$((outside + 1)); continue; fi
  echo "error: $file uses unsafe code ($count lines) outside ${places[*]}:" >&2
  code "$file" | grep -nE "$pattern" | head -5 | sed 's|^|  |' >&2
  echo "  move it behind a safe API in Sources/WorkforceStandards/Performance/ (or Sources/WDSCommandLine/System/)" >&2
  status=1
done <<<"$users"
while read -r file; do
  [ -n "$file" ] || continue
  if inPlace "$file"; then echo "note: $file is in $exceptions but lies in an allowed place; remove it"
  elif ! grep -q "^$file " <<<"$users"; then
    if [ -f "$file" ]; then echo "note: $file no longer uses unsafe code; remove it from $exceptions"
    else echo "note: $file is in $exceptions but does not exist; remove it"; fi
  fi
done <<<"$listed"
if [ "$status" -eq 0 ]; then
  echo "unsafe code: $inside files in ${places[*]}; $outside named exceptions in $exceptions"
fi
exit "$status"
