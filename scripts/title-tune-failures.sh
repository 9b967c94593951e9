#!/usr/bin/env bash
# Prints the title coder's misses on the TUNE titles of both evaluation sets, one per line, for
# tuning the coder (issue 18): the written titles (title-evaluation.csv, all tune) and the tune
# split of the advert titles (title-evaluation-adverts.csv), since the eighth round the fresh
# titles (title-evaluation-fresh.csv, role only) and since the ninth the second fresh titles
# (title-evaluation-fresh-2.csv, role only), by their label's confidence. The advert titles' held-out split is
# never printed title by title: its figures are measured only in aggregate, by RoleTests
# (`swift test --filter TitleCoderTests`).
#
#   scripts/title-tune-failures.sh [WDS_BINARY]
#
# Each line: the set, what missed (role, top3, soc, marked-wrong = unmarked but wrong), the title,
# the expected role and SOC2000, and the coder's answer (role, SOC2000, score, needs_review,
# runner-up role and score, the best three roles). TITLE_TUNE_QUIET=1 prints the figures only.
set -eu
cd "$(dirname "$0")/.."
wds=${1:-}
if [ -z "$wds" ]; then swift build --product wds >/dev/null; wds=.build/debug/wds; fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fixtures=Tests/WorkforceStandardsTests/Fixtures
python3 - "$fixtures/title-evaluation.csv" "$fixtures/title-evaluation-adverts.csv" "$work/tune.csv" "$fixtures/title-evaluation-fresh.csv" "$fixtures/title-evaluation-fresh-2.csv" <<'PY'
import csv, sys
with open(sys.argv[3], "w", encoding="utf-8", newline="") as out:
    w = csv.writer(out)
    w.writerow(["title", "expected_role", "expected_soc2000", "set"])
    for path, name in ((sys.argv[1], "written"), (sys.argv[2], "adverts")):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            if r["split"] == "tune": w.writerow([r["title"], r["expected_role"], r["expected_soc2000"], name])
    # The fresh titles have been tuning titles since the eighth round (their role only; no SOC label).
    for r in csv.DictReader(open(sys.argv[4], encoding="utf-8")):
        w.writerow([r["title"], r["expected_role"], "", "fresh-" + r["confidence"]])
    # The second fresh titles have been tuning titles since the ninth round.
    for r in csv.DictReader(open(sys.argv[5], encoding="utf-8")):
        w.writerow([r["title"], r["expected_role"], "", "fresh2-" + r["confidence"]])
PY
"$wds" code-title --column title "$work/tune.csv" --top 3 -o "$work/coded.csv" 2>/dev/null
python3 - "$work/coded.csv" "${TITLE_TUNE_QUIET:+quiet}" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
quiet = len(sys.argv) > 2 and sys.argv[2] == "quiet"
# Each set's own halves (its even and odd tune rows, "A" and "B"): a change is kept only when it
# helps, or does not hurt, both halves, a guard against fitting the tune titles one by one.
figures = {}
for r in rows:
    s = r["set"]
    f = figures.setdefault(s, {"all": [0] * 6, "A": [0] * 6, "B": [0] * 6, "n": 0})
    top = [r["role"], r.get("role_2", ""), r.get("role_3", "")]
    ok1 = r["role"] == r["expected_role"]; ok3 = r["expected_role"] in top; oks = r["soc2000"] == r["expected_soc2000"] or not r["expected_soc2000"]
    review = r["needs_review"] == "true"
    for key in ("all", "A" if f["n"] % 2 == 0 else "B"):
        for k, v in enumerate((1, ok1, ok3, oks, review, not review and ok1)): f[key][k] += v
    f["n"] += 1
    kinds = [k for k, bad in (("role", not ok1), ("top3", not ok3), ("soc", not oks), ("unmarked-wrong", not review and not ok1),
                              ("marked-right", review and ok1)) if bad]
    if kinds and not quiet:
        print(f"{s:8} {','.join(kinds):28} {r['title']!r}: want {r['expected_role']} {r['expected_soc2000']}; got {r['role']} {r['soc2000']} "
              f"{r['score']} review={r['needs_review']} runner-up {r['runner_up_role']} {r['runner_up_score']}; top {top}")
for s, f in figures.items():
    for name in ("all", "A", "B"):
        c, a1, a3, s_, m, u = f[name]
        label = f"{s} tune" if name == "all" else f"  half {name}"
        print(f"{label}: {c} titles: role top-1 {a1} ({100*a1/c:.1f}%), top-3 {a3} ({100*a3/c:.1f}%); SOC2000 top-1 {s_} ({100*s_/c:.1f}%); "
              f"needs_review {m} ({100*m/c:.1f}%), unmarked right {u}/{c-m} ({100*u/max(c-m,1):.1f}%)")
PY
