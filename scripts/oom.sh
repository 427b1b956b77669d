#!/usr/bin/env bash
# Runs test_oom's whole loop (docs/hardening.md): loading, scoring,
# composing and rendering a city report with its N-th allocation failing,
# for every N (CI tries every 997th), under AddressSanitizer and
# LeakSanitizer, in build-asan.  About 25,700 allocations a run and two
# runs per N: hours on two cores.  Arguments are passed to the test's
# environment, e.g. ASSESS_OOM_STEP=7 or ASSESS_OOM_ONLY=612 (one N, with
# where it is allocated).
# Usage: scripts/oom.sh [NAME=VALUE...]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${ASSESS_BUILD_DIR:-build-asan}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Debug -DASSESS_SANITIZE=ON -DASSESS_WERROR=ON \
  -DBUILD_TESTING=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target test_oom >/dev/null
cd "$build/tests"
env ASSESS_OOM_STEP=1 ASSESS_OOM_VERBOSE=1 \
  ASAN_OPTIONS=fast_unwind_on_malloc=0:abort_on_error=1 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS="suppressions=$root/tests/lsan-libxlsxwriter.supp:print_suppressions=0" \
  "$@" ./test_oom
