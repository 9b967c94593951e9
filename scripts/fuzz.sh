#!/usr/bin/env bash
# Fuzzes the library for SECONDS in total, shared equally by the surfaces named (all five by
# default): the CSV reader (csv), the post record reader and rules (records), the title coder
# (title), the whole pipeline with all four projections and their renderers (render), and the
# CSV and XML writers (writers). Not run by CI. See Fuzz/README.md.
#
#   scripts/fuzz.sh SECONDS [SURFACE ...]
#
# FUZZ_ENGINE=libfuzzer (swiftc -sanitize=fuzzer,address; the default where it works) or
# random (the seeded mutator in Fuzz/RandomDriver.swift, for toolchains without libFuzzer).
# FUZZ_SEED fixes the random engine's seed. Work files go to .build-fuzz/ (ignored by git):
# the binaries, the growing corpus per surface, logs, and any failing input in artifacts/.
# Exit status 1 when a check failed or the engine found a crash, leak or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:?usage: scripts/fuzz.sh SECONDS [csv|records|title|render|writers ...]}
shift
surfaces=("$@")
[ ${#surfaces[@]} -eq 0 ] && surfaces=(csv records title render writers runs)
per=$(( seconds / ${#surfaces[@]} ))
[ "$per" -lt 1 ] && per=1

work=.build-fuzz
mkdir -p "$work/artifacts"
sources=$(find Sources/WorkforceStandards -name '*.swift' | sort)
shared="Tests/WorkforceStandardsTests/Safety/OutputChecks.swift Fuzz/FuzzTargets.swift"
flags=(-swift-version 6 -module-name WorkforceStandards -parse-as-library -O -suppress-warnings)

# Builds $1 from the library, the shared checks and $2 with the extra flags, when a source is newer.
build() {
  local binary=$1 entry=$2
  shift 2
  if [ -x "$binary" ] && [ -z "$(find Sources/WorkforceStandards Fuzz Tests/WorkforceStandardsTests/Safety/OutputChecks.swift -name '*.swift' -newer "$binary" | head -1)" ]; then
    return 0
  fi
  echo "building $binary (the library in one module, optimised; a few minutes)" >&2
  # shellcheck disable=SC2086
  swiftc "${flags[@]}" "$@" $sources $shared "$entry" -o "$binary" 2> "$binary.build-log" || { cat "$binary.build-log" >&2; return 1; }
}

engine=${FUZZ_ENGINE:-}
if [ -z "$engine" ]; then
  if build "$work/wds-fuzz" Fuzz/LibFuzzerEntry.swift -sanitize=fuzzer,address; then engine=libfuzzer; else
    echo "swiftc -sanitize=fuzzer does not work here; using the random engine" >&2
    engine=random
  fi
fi
case "$engine" in
  libfuzzer) build "$work/wds-fuzz" Fuzz/LibFuzzerEntry.swift -sanitize=fuzzer,address ;;
  random) build "$work/wds-fuzz-random" Fuzz/RandomDriver.swift ;;
  *) echo "FUZZ_ENGINE must be libfuzzer or random" >&2; exit 64 ;;
esac

# Seeds, per surface, from Examples/posts.csv, the title evaluation set and Fuzz/seeds/.
seeds="$work/seeds"
rm -rf "$seeds"
mkdir -p "$seeds"/{csv,records,title,render,writers,runs}
header=$(head -1 Examples/posts.csv)
tail -n +2 Examples/posts.csv | split -l 3 - "$seeds/records/posts-"
for file in "$seeds"/records/posts-*; do
  cp "$file" "$seeds/render/"
  { echo "$header"; cat "$file"; } > "$seeds/csv/$(basename "$file").csv"
done
cp Fuzz/seeds/* "$seeds/render/"
cp Fuzz/seeds/* "$seeds/csv/"
for file in Fuzz/seeds/*.csv; do tail -n +2 "$file" > "$seeds/records/$(basename "$file")"; done
python3 - "$seeds" <<'PY' 2>/dev/null || true
import csv, sys, os
out = sys.argv[1]
titles = [r["job_title"] for r in csv.DictReader(open("Examples/posts.csv")) if r["job_title"]]
try:
    rows = list(csv.reader(open("Tests/WorkforceStandardsTests/Fixtures/title-evaluation.csv")))
    titles += [r[0] for r in rows[1:] if r and not r[0].startswith("#")]
except OSError:
    pass
for i, t in enumerate(sorted(set(titles))[:400]):
    open(os.path.join(out, "title", "t%03d" % i), "w").write(t)
hostile = ["=1+2", "+cmd|' /C calc'!A0", "-nan(x)", "@SUM(A1)", "\t=1", "\r=1", "<b>&amp;]]>", "O'Brien \"Sons\"", "a,b\nc", "\ufeffx", "\ufffe\uffff", "\x7f\x1b"]
for i in range(len(hostile)):
    open(os.path.join(out, "writers", "w%02d" % i), "w").write("\x1f".join(hostile[i:] + hostile[:i]))
PY

# The runs surface drives the built tool: a release build of wds.
for surface in "${surfaces[@]}"; do
  if [ "$surface" = runs ]; then
    [ -x .build/release/wds ] && [ -z "$(find Sources -name '*.swift' -newer .build/release/wds | head -1)" ] || swift build -c release --product wds >&2
    export WDS_FUZZ_TOOL="$PWD/.build/release/wds"
    # Seeds: the first byte picks the scenario, the second the delay before a signal.
    i=0
    for file in "$seeds"/records/posts-a*; do
      { printf "\\x$(printf %02x $((i % 8)))\\x$(printf %02x $((i * 37 % 256)))"; cat "$file"; } > "$seeds/runs/run-$i"
      i=$((i + 1))
    done
  fi
done

status=0
summary="$work/summary.txt"
: > "$summary"
for surface in "${surfaces[@]}"; do
  log="$work/log-$surface.txt"
  corpus="$work/corpus/$surface"
  mkdir -p "$corpus"
  echo "== $surface: $per s ($engine)" >&2
  set +e
  if [ "$engine" = libfuzzer ]; then
    SWIFT_BACKTRACE=enable=no WDS_FUZZ_SURFACE=$surface ASAN_OPTIONS=detect_leaks=0 "$work/wds-fuzz" \
      -max_total_time="$per" -timeout=20 -rss_limit_mb=4096 -max_len=131072 -dict=Fuzz/wds.dict -print_final_stats=1 \
      -artifact_prefix="$work/artifacts/$surface-" "$corpus" "$seeds/$surface" > "$log" 2>&1
  else
    SWIFT_BACKTRACE=enable=no "$work/wds-fuzz-random" --surface "$surface" --seconds "$per" --seed "${FUZZ_SEED:-1}" \
      --artifacts "$work/artifacts" "$seeds/$surface" > "$log" 2>&1
  fi
  code=$?
  set -e
  runs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | grep -Eo '[0-9]+' | head -1 || true)
  secs=$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | grep -Eo '[0-9]+' | tail -1 || true)
  if [ "$code" -ne 0 ]; then
    status=1
    echo "$surface: FAILED (exit $code) after ${runs:-?} runs; see $log" | tee -a "$summary" >&2
    grep -E 'wds-fuzz \[|ERROR: |Test unit written|input saved' "$log" | head -5 >&2 || true
  else
    echo "$surface: ${runs:-?} runs in ${secs:-?} s, no failure" | tee -a "$summary" >&2
  fi
done
echo "summary in $summary" >&2
exit "$status"
