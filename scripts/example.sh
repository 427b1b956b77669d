#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the main job on the
# shipped examples, writing everything into out/:
#   - the three example cities scored (printed), scores.csv and scores.json;
#   - each city's improvement report (PDF), Cedar Falls' branded, compared
#     with the synthetic statewide cohort and with a consultant's commentary;
#   - the statewide benchmark of the 482-city cohort (PDF, web page and CSV) and a
#     handful of member cities' reports with comparisons;
#   - charts as PNG, and the blank forms (workbook and PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh # what building and running need; scripts/test.sh adds the test tools
A=${ASSESS_BUILD_DIR:-build}/assess
CITIES=(examples/cities/riverton.csv examples/cities/lakeside-long.csv
        examples/cities/cedar-falls-team.csv)
# the cohort's two files: 2025 answers gare-local 1.0.0, 2026 answers 1.1.0
COHORT=examples/cohort
mkdir -p out out/members
for f in "${CITIES[@]}"; do
  "$A" score "$f"
  echo
done
"$A" score "${CITIES[@]}" -o out/scores.csv
"$A" score "${CITIES[@]}" -o out/scores.json
"$A" report examples/cities/riverton.csv -o out/riverton.pdf
"$A" report examples/cities/lakeside-long.csv -o out/lakeside.pdf
"$A" report examples/cities/lakeside-long.csv -o out/lakeside.xlsx
"$A" report examples/cities/lakeside-long.csv -o out/lakeside.html
"$A" report examples/cities/cedar-falls-team.csv -o out/cedar-falls.pdf \
  --brand examples/brand/northwind.brand --benchmark "$COHORT" \
  --prepared-for "Cedar Falls City Council" \
  --commentary examples/commentary/cedar-falls.md
for f in "${CITIES[@]}"; do
  name=$(basename "$f" .csv)
  "$A" chart "$f" --kind radar -o "out/$name-radar.png"
  "$A" chart "$f" --kind themes -o "out/$name-themes.png"
done
# the league publishes no figures for a group of fewer than 10 cities: the
# 250,000-and-over band (9 cities in 2026) shows "fewer than 10" in every table
"$A" benchmark "$COHORT" --by region --min-group 10 -o out/state.csv
"$A" benchmark "$COHORT" --by region --min-group 10 -o out/state.pdf \
  --title "League of Example Cities (synthetic)"
"$A" benchmark "$COHORT" --by region --min-group 10 -o out/state.xlsx \
  --title "League of Example Cities (synthetic)"
"$A" benchmark "$COHORT" --by region --min-group 10 -o out/state.html \
  --title "League of Example Cities (synthetic)"
# the blank forms a city team fills in
"$A" template -o out/assessment-form.xlsx
"$A" template -o out/assessment-form.pdf
# a handful of member cities, each beside the state, its region and its size band,
# and its change since 2025 (answered on 1.0.0: the change is on the shared questions)
for city in Elmholm Finchton Ambervale Ashgate; do
  "$A" report "$COHORT/state-2026.csv" --entity "$city" --previous "$COHORT/state-2025.csv" \
    --benchmark "$COHORT" -o "out/members/$city.pdf"
done
echo
echo "Wrote into out/: scores.csv, scores.json, riverton.pdf, lakeside.pdf, lakeside.xlsx,"
echo "lakeside.html (the web page), state.html,"
echo "cedar-falls.pdf, state.pdf, state.xlsx, state.csv, members/*.pdf, charts (*.png) and"
echo "the blank forms assessment-form.xlsx and assessment-form.pdf."
