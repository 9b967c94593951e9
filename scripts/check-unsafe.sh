#!/usr/bin/env bash
# Keeps unsafe code where it is allowed (issue 20, item 6): lists the Swift files under Sources/
# that use Unsafe*Pointer types, withUnsafe..., unsafeBitCast/unsafeDowncast, nonisolated(unsafe)
# or @unchecked Sendable, and fails when one of them is not in scripts/unsafe-allowed.txt.
# Line comments (// ...) are ignored, so a comment may mention the words. A listed file that no
# longer uses unsafe code is reported, without failing, so that the list can shrink.
#   scripts/check-unsafe.sh          check (CI runs it)
#   scripts/check-unsafe.sh --list   list the files that use unsafe code, with a count each
set -euo pipefail
cd "$(dirname "$0")/.."
allowed=scripts/unsafe-allowed.txt
pattern='[Uu]nsafe|@unchecked[[:space:]]+Sendable'

# The files using unsafe code, each with its count of matching lines (comments stripped).
users=$(find Sources -name '*.swift' | LC_ALL=C sort | while read -r file; do
  count=$(sed 's|//.*$||' "$file" | grep -cE "$pattern" || true)
  if [ "$count" -gt 0 ]; then echo "$file $count"; fi
done)

if [ "${1:-}" = "--list" ]; then echo "$users"; exit 0; fi

listed=$(grep -vE '^[[:space:]]*(#|$)' "$allowed" | sed 's|:.*$||' | LC_ALL=C sort)
status=0
# Every entry gives its reason.
while read -r line; do
  echo "error: $allowed: '$line' has no reason (write \`path: why\`)" >&2; status=1
done < <(grep -vE '^[[:space:]]*(#|$)' "$allowed" | grep -vE '^[^:]+:[[:space:]]*[^[:space:]]' || true)
while read -r file count; do
  [ -n "$file" ] || continue
  if ! grep -qxF "$file" <<<"$listed"; then
    echo "error: $file uses unsafe code ($count lines) but is not in $allowed:" >&2
    sed 's|//.*$||' "$file" | grep -nE "$pattern" | head -5 | sed 's|^|  |' >&2
    status=1
  fi
done <<<"$users"
while read -r file; do
  [ -n "$file" ] || continue
  if ! grep -q "^$file " <<<"$users"; then
    if [ -f "$file" ]; then echo "note: $file no longer uses unsafe code; remove it from $allowed"
    else echo "note: $file is in $allowed but does not exist; remove it"; fi
  fi
done <<<"$listed"
files=$(grep -c . <<<"$users" || true)
if [ "$status" -eq 0 ]; then echo "unsafe code: $files files under Sources/, all in $allowed"; fi
exit "$status"
