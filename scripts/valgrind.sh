#!/usr/bin/env bash
# Runs the C unit tests and the fuzz replays under valgrind (memcheck): no
# invalid read or write, no use of uninitialised memory, no definite leak.
# Then `assess score` on a file large enough to be scored on several
# threads, `assess report` of a PDF (deflated on a second thread) and
# `assess benchmark` on a cohort large enough to be scored on several,
# under memcheck and under helgrind (no data race).
# The end-to-end tests (which run the command in child processes, and
# LibreOffice) are left to the sanitizer build.  Builds in build-valgrind.
# Usage: scripts/valgrind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ASSESS_VALGRIND_BUILD_DIR:-build-valgrind}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DASSESS_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1
    --track-origins=yes)
status=0
for t in test_csv test_questionnaire test_responses test_inputs test_score test_cohort test_chart \
         test_model test_city test_state test_pdf test_xlsx test_theme test_pages test_l10n test_versions; do
  [ -x "$build/tests/$t" ] || continue
  if (cd "$build/tests" && ASSESS_QUESTIONNAIRE_PATH="$PWD/../../questionnaires" \
      "${vg[@]}" "./$t" >"$t.valgrind.log" 2>&1); then
    echo "valgrind $t: clean"
  else
    echo "valgrind $t: FAILED"; tail -40 "$build/tests/$t.valgrind.log"; status=1
  fi
done
for h in csv questionnaire responses xlsx report; do
  if "${vg[@]}" "$build/tests/fuzz_replay_$h" "fuzz/corpus/$h" \
      >"$build/tests/fuzz_replay_$h.valgrind.log" 2>&1; then
    echo "valgrind fuzz_replay_$h: clean"
  else
    echo "valgrind fuzz_replay_$h: FAILED"; tail -40 "$build/tests/fuzz_replay_$h.valgrind.log"
    status=1
  fi
done
# the responses harness against gare-local's survey questions (tests/CMakeLists.txt)
if FUZZ_QUESTIONNAIRE="$PWD/questionnaires/gare-local" "${vg[@]}" \
    "$build/tests/fuzz_replay_responses" fuzz/corpus/survey \
    >"$build/tests/fuzz_replay_survey.valgrind.log" 2>&1; then
  echo "valgrind fuzz_replay_survey: clean"
else
  echo "valgrind fuzz_replay_survey: FAILED"; tail -40 "$build/tests/fuzz_replay_survey.valgrind.log"
  status=1
fi
# A run of the command under memcheck and under helgrind (no data race).
# Usage: both NAME LOG_STEM COMMAND_ARGS...
both() {
  local name=$1 stem=$2 tool log
  shift 2
  for tool in memcheck helgrind; do
    log="$build/tests/$stem-$tool.valgrind.log"
    opts=("${vg[@]}")
    [ $tool = helgrind ] && opts=(valgrind --quiet --tool=helgrind --error-exitcode=1)
    if "${opts[@]}" "$build/assess" "$@" >"$log" 2>&1; then
      echo "valgrind ($tool) $name: clean"
    else
      echo "valgrind ($tool) $name: FAILED"; tail -40 "$log"; status=1
    fi
  done
}
# 9,000 entities: more than one round of slices (assess/cmd_score.c)
many="$build/tests/many-entities.csv"
{ echo "entity,cycle,a1,a2,b1"
  for ((k = 0; k < 9000; k++)); do echo "E$k,2026,$((k % 5)),$((k / 5 % 5)),$((k % 4))"; done
} >"$many"
for fmt in csv json; do
  both "assess score --format $fmt, 9,000 entities" "score-threads-$fmt" \
    score -q tests/data/cohort/q "$many" --format $fmt -o "$build/tests/many.$fmt"
done
# a PDF report: its streams are deflated on a second thread (reports/pdf_zip.c)
both "assess report, PDF" report-pdf \
  report examples/cities/riverton.csv -o "$build/tests/riverton-threads.pdf" --quiet
# 70,000 entities (1.6 MB): a file that large, of plain lines, is read in
# parts on several threads (assess/csv_parts.c, assess/responses_parts.c)
parts="$build/tests/parts.csv"
{ echo "entity,cycle,region,a1,a2,b1"
  for ((k = 0; k < 70000; k++)); do
    echo "Entity$k,2026,Region$((k % 7)),$((k % 5)),$((k / 5 % 5)),$((k % 4))"
  done
} >"$parts"
both "assess score, a file read in parts" parts \
  score -q tests/data/cohort/q "$parts" --format csv -o "$build/tests/parts-scores.csv"
# 40,000 entities: a cohort that large is scored on several threads
# (assess/cohort.c), and its statistics come from histograms
cohort="$build/tests/large-cohort.csv"
{ echo "entity,cycle,region,a1,a2,b1"
  for ((k = 0; k < 40000; k++)); do
    echo "E$k,2026,R$((k % 7)),$((k % 5)),$((k / 5 % 5)),$((k % 4))"
  done
} >"$cohort"
both "assess benchmark, 40,000 entities" benchmark-threads \
  benchmark -q tests/data/cohort/q "$cohort" --by region -o "$build/tests/large-cohort-stats.csv"
exit $status
