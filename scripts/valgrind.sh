#!/usr/bin/env bash
# Runs the C unit tests and the fuzz replays under valgrind (memcheck): no
# invalid read or write, no use of uninitialised memory, no definite leak.
# The end-to-end tests (which run the command in child processes, and
# LibreOffice) are left to the sanitizer build.  Builds in build-valgrind.
# Usage: scripts/valgrind.sh
set -euo pipefail
cd "$(dirname "$0")/.."
build=${ASSESS_VALGRIND_BUILD_DIR:-build-valgrind}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
vg=(valgrind --quiet --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1
    --track-origins=yes)
status=0
for t in test_csv test_questionnaire test_responses test_score test_cohort test_chart \
         test_city test_state test_pdf test_xlsx; do
  [ -x "$build/tests/$t" ] || continue
  if (cd "$build/tests" && ASSESS_QUESTIONNAIRE_PATH="$PWD/../../questionnaires" \
      "${vg[@]}" "./$t" >"$t.valgrind.log" 2>&1); then
    echo "valgrind $t: clean"
  else
    echo "valgrind $t: FAILED"; tail -40 "$build/tests/$t.valgrind.log"; status=1
  fi
done
for h in csv questionnaire responses xlsx; do
  if "${vg[@]}" "$build/tests/fuzz_replay_$h" "fuzz/corpus/$h" \
      >"$build/tests/fuzz_replay_$h.valgrind.log" 2>&1; then
    echo "valgrind fuzz_replay_$h: clean"
  else
    echo "valgrind fuzz_replay_$h: FAILED"; tail -40 "$build/tests/fuzz_replay_$h.valgrind.log"
    status=1
  fi
done
exit $status
