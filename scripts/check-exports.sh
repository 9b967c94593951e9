#!/usr/bin/env bash
# Checks `wds export fhir` and `wds export sssom` with independent code: every FHIR resource
# against the R5 models of the PyPI package fhir.resources, every SSSOM mapping set through
# `sssom validate` (PyPI sssom), and both against the standard's own files (scripts/check-exports.py).
# Also checks that two runs write byte-identical files.
#
# The Python packages are test tools only (the Swift package has no dependencies); they are
# installed, at pinned versions, into a virtual environment outside git (default
# .build-venv/exports, about 75 s the first time, then reused).
#
# Usage: scripts/check-exports.sh [--venv DIR] [--out DIR]
#   --venv DIR  the virtual environment to make or reuse
#   --out DIR   where to write the exports (default: a fresh temporary folder)
# Exit status: 0 all checks passed, 1 a check failed, 2 the tools could not be installed (no
# python3 with venv, or PyPI unreachable).
set -euo pipefail
cd "$(dirname "$0")/.."

FHIR_RESOURCES_VERSION=8.3.0   # R5 (5.0.0) models as fhir.resources.<resource>
SSSOM_VERSION=0.4.21
venv=".build-venv/exports"
out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --venv) venv="$2"; shift ;;
    --out) out="$2"; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "check-exports: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

started=$SECONDS
stamp="$venv/.installed-fhir.resources-$FHIR_RESOURCES_VERSION-sssom-$SSSOM_VERSION"
if [ ! -f "$stamp" ]; then
  if ! command -v python3 >/dev/null 2>&1 || ! python3 -m venv --help >/dev/null 2>&1; then
    echo "check-exports: python3 with venv is needed (apt-get install python3-venv)" >&2
    exit 2
  fi
  echo "check-exports: installing fhir.resources $FHIR_RESOURCES_VERSION and sssom $SSSOM_VERSION into $venv" >&2
  rm -rf "$venv"
  if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q --disable-pip-version-check \
        "fhir.resources==$FHIR_RESOURCES_VERSION" "sssom==$SSSOM_VERSION"; }; then
    echo "check-exports: could not install the validators from PyPI" >&2
    rm -rf "$venv"
    exit 2
  fi
  touch "$stamp"
  echo "check-exports: installed in $((SECONDS - started)) s" >&2
fi

swift build --product wds >/dev/null
wds="$(swift build --show-bin-path)/wds"
if [ -z "$out" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi
rm -rf "$out/first" "$out/second"
for run in first second; do
  "$wds" export fhir --out-dir "$out/$run/fhir" >/dev/null
  "$wds" export sssom --out-dir "$out/$run/sssom" >/dev/null
done
if ! diff -r -q "$out/first" "$out/second" >&2; then
  echo "check-exports: two runs wrote different files" >&2
  exit 1
fi
echo "check-exports: two runs wrote the same $(find "$out/first" -type f | wc -l) files ($(du -sh "$out/first/fhir" | cut -f1) FHIR, $(du -sh "$out/first/sssom" | cut -f1) SSSOM)"

validated=$SECONDS
status=0
"$venv/bin/python" scripts/check-exports.py . "$out/first/fhir" "$out/first/sssom" || status=$?
echo "check-exports: validation took $((SECONDS - validated)) s, $((SECONDS - started)) s in all"
exit "$status"
