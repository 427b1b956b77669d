#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the main job on the
# shipped examples, writing everything into out/:
#   - each example city scored (printed), scores.csv and scores.json;
#   - each city's charts as PNG;
#   - the statewide benchmark of the synthetic 482-city cohort (CSV).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
A=${ASSESS_BUILD_DIR:-build}/assess
CITIES=(examples/cities/riverton.csv examples/cities/lakeside-long.csv
        examples/cities/cedar-falls-team.csv)
COHORT=examples/cohort/state-2025-2026.csv
mkdir -p out
for f in "${CITIES[@]}"; do
  "$A" score "$f"
  echo
done
"$A" score "${CITIES[@]}" -o out/scores.csv
"$A" score "${CITIES[@]}" -o out/scores.json
for f in "${CITIES[@]}"; do
  name=$(basename "$f" .csv)
  "$A" chart "$f" --kind radar -o "out/$name-radar.png"
  "$A" chart "$f" --kind themes -o "out/$name-themes.png"
done
"$A" benchmark "$COHORT" --by region -o out/state.csv
echo "Wrote out/scores.csv, out/scores.json, out/*-radar.png, out/*-themes.png, out/state.csv"
