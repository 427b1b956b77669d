#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the main job on the
# shipped examples: every example city is scored; the results are printed
# and written to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
for f in examples/riverton.csv examples/lakeside-long.csv examples/cedar-falls-team.csv; do
  build/assess score "$f"
  echo
done
build/assess score examples/riverton.csv examples/lakeside-long.csv \
  examples/cedar-falls-team.csv -o out/scores.csv
build/assess score examples/riverton.csv examples/lakeside-long.csv \
  examples/cedar-falls-team.csv -o out/scores.json
echo "Wrote out/scores.csv and out/scores.json"
