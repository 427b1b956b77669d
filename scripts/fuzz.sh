#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/) with clang, ASan and UBSan in
# build-fuzz and runs each for SECONDS (default 60) on its saved corpus
# (fuzz/corpus/NAME: seeds and every past finding) plus what it finds on
# the way (build-fuzz/corpus/NAME).  Fails on any crash, leak, undefined
# behaviour, timeout or out-of-memory; the input that did it is saved as
# build-fuzz/NAME-crash-… (add it to fuzz/corpus/NAME with the fix).
# ASSESS_FUZZ_SEED fixes libFuzzer's seed and makes each run a fixed
# number of inputs (about SECONDS' worth on a 2-core machine, with three
# times SECONDS as a cap), so CI replays exactly what passed on a fresh
# clone here; unset, every run explores anew for SECONDS.
# Usage: scripts/fuzz.sh [SECONDS] [HARNESS...]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(csv questionnaire responses xlsx report)
build=${ASSESS_FUZZ_BUILD_DIR:-build-fuzz}

CC=clang cmake -S . -B "$build" -DASSESS_FUZZ=ON -DBUILD_TESTING=OFF -DASSESS_WERROR=ON \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz >/dev/null

declare -A maxlen=([csv]=8192 [questionnaire]=65536 [responses]=8192 [xlsx]=65536 [report]=16384)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
# inputs per 60 s here, for the fixed runs (fuzz_csv reads each input twice)
declare -A per_minute=([csv]=500000 [questionnaire]=80000 [responses]=300000 [xlsx]=30000
                       [report]=4000)
seed=()
[ -n "${ASSESS_FUZZ_SEED:-}" ] && seed=(-seed="$ASSESS_FUZZ_SEED")
status=0
for h in "${harnesses[@]}"; do
  mkdir -p "$build/corpus/$h"
  dict=()
  [ -f "fuzz/$h.dict" ] && dict=(-dict="fuzz/$h.dict")
  log="$build/fuzz_$h.log"
  limit=(-max_total_time="$secs")
  [ ${#seed[@]} -gt 0 ] && limit=(-runs=$((per_minute[$h] * secs / 60)) -max_total_time=$((secs * 3)))
  start=$SECONDS
  if "$build/fuzz/fuzz_$h" "${dict[@]}" "${seed[@]}" -max_len="${maxlen[$h]}" -timeout=30 \
      -rss_limit_mb=2560 "${limit[@]}" -print_final_stats=1 \
      -artifact_prefix="$build/$h-" "$build/corpus/$h" "fuzz/corpus/$h" >"$log" 2>&1; then
    runs=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
    echo "fuzz_$h: ${runs:-?} runs in $((SECONDS - start)) s, nothing found"
  else
    echo "fuzz_$h: FOUND A PROBLEM (log: $log)"
    grep -E "ERROR|SUMMARY|runtime error|Test unit written|^fuzz_" "$log" | head -20 || true
    # The input itself, so a finding on a machine that is gone (CI) can be
    # replayed: base64 -d > x && "$build/fuzz/fuzz_$h" x
    for a in "$build/$h"-crash-* "$build/$h"-leak-* "$build/$h"-timeout-* "$build/$h"-oom-*; do
      [ -f "$a" ] || continue
      echo "input $(basename "$a") ($(stat -c %s "$a") bytes), base64:"
      head -c 65536 "$a" | base64 -w 120
    done
    status=1
  fi
done
exit $status
