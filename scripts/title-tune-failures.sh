#!/usr/bin/env bash
# Prints the title coder's misses on the TUNE split of the evaluation set, one per line, for
# tuning the coder (issue 18). The held-out split is never printed title by title: its
# figures are measured only in aggregate, by RoleTests (`swift test --filter TitleCoderTests`).
#
#   scripts/title-tune-failures.sh [WDS_BINARY]
#
# Each line: what missed (role, top3, soc, marked-wrong = unmarked but wrong), the title, the
# expected role and SOC2000, and the coder's answer (role, SOC2000, score, needs_review,
# runner-up role and score, the best three roles).
set -eu
cd "$(dirname "$0")/.."
wds=${1:-}
if [ -z "$wds" ]; then swift build --product wds >/dev/null; wds=.build/debug/wds; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - Tests/WorkforceStandardsTests/Fixtures/title-evaluation.csv "$work/tune.csv" <<'PY'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")) if r["split"] == "tune"]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out)
    w.writerow(["title", "expected_role", "expected_soc2000"])
    for r in rows: w.writerow([r["title"], r["expected_role"], r["expected_soc2000"]])
PY
"$wds" code-title --column title "$work/tune.csv" --top 3 -o "$work/coded.csv"
python3 - "$work/coded.csv" "${TITLE_TUNE_QUIET:+quiet}" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
quiet = len(sys.argv) > 2 and sys.argv[2] == "quiet"
# The tune split's own halves (its even and odd rows, "A" and "B"): a change is kept only when
# it helps, or does not hurt, both halves, a guard against fitting the tune titles one by one.
halves = {"A": [0] * 6, "B": [0] * 6}
n = len(rows); top1 = top3 = soc = marked = unmarked_right = 0
for index, r in enumerate(rows):
    top = [r["role"], r.get("role_2", ""), r.get("role_3", "")]
    ok1 = r["role"] == r["expected_role"]; ok3 = r["expected_role"] in top; oks = r["soc2000"] == r["expected_soc2000"]
    review = r["needs_review"] == "true"
    top1 += ok1; top3 += ok3; soc += oks; marked += review; unmarked_right += (not review and ok1)
    half = halves["A" if index % 2 == 0 else "B"]
    for k, v in enumerate((1, ok1, ok3, oks, review, not review and ok1)): half[k] += v
    kinds = [k for k, bad in (("role", not ok1), ("top3", not ok3), ("soc", not oks), ("unmarked-wrong", not review and not ok1),
                              ("marked-right", review and ok1)) if bad]
    if kinds and not quiet:
        print(f"{','.join(kinds):28} {r['title']!r}: want {r['expected_role']} {r['expected_soc2000']}; got {r['role']} {r['soc2000']} "
              f"{r['score']} review={r['needs_review']} runner-up {r['runner_up_role']} {r['runner_up_score']}; top {top}")
print(f"tune: {n} titles: role top-1 {100*top1/n:.1f}%, top-3 {100*top3/n:.1f}%; SOC2000 top-1 {100*soc/n:.1f}%; "
      f"needs_review {100*marked/n:.1f}%, unmarked right {100*unmarked_right/max(n-marked,1):.1f}%")
for name, (c, a1, a3, s_, m, u) in halves.items():
    print(f"  half {name}: {c} titles: role top-1 {a1} ({100*a1/c:.1f}%), top-3 {a3} ({100*a3/c:.1f}%); SOC2000 top-1 {s_} ({100*s_/c:.1f}%); "
          f"needs_review {m} ({100*m/c:.1f}%), unmarked right {u}/{c-m} ({100*u/max(c-m,1):.1f}%)")
PY
