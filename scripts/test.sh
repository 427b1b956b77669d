#!/usr/bin/env bash
# Sets everything up (scripts/setup.sh) and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --tests "$@"
ctest --test-dir "${ASSESS_BUILD_DIR:-build}" --output-on-failure -j"$(nproc)"
