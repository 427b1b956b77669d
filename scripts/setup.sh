#!/usr/bin/env bash
# Installs the Debian 12 packages assess needs (only those missing; apt-get
# runs as root or through sudo), then configures and builds in build/, with
# compiler warnings as errors (ASSESS_WERROR).
# Usage: scripts/setup.sh [--tests] [extra cmake options]
#   without --tests: what building and running need, and the tests are not built;
#   with --tests:    also what the test suite, the sanitizers and valgrind need.
set -euo pipefail
cd "$(dirname "$0")/.."

tests=OFF
if [ "${1:-}" = "--tests" ]; then
  tests=ON
  shift
fi

# building and running
packages=(
  build-essential cmake pkg-config
  libcsv-dev libcairo2-dev libfreetype-dev libhpdf-dev libxlsxwriter-dev
  libzip-dev libexpat1-dev libcjson-dev zlib1g-dev libunistring-dev libcmark-dev
  fonts-dejavu-core
  scdoc
  gettext
)
# testing: cmocka, the tools that read outputs back, the sanitizers' runtime, valgrind;
# locales: the sources localedef makes a Spanish locale from (messages_locale)
test_packages=(
  libcmocka-dev
  locales
  poppler-utils qpdf python3-openpyxl
  man-db
  libreoffice-calc-nogui libreoffice-writer-nogui
  chromium chromium-driver python3-selenium
  clang libclang-rt-14-dev valgrind
  strace
)
if [ "$tests" = ON ]; then
  packages+=("${test_packages[@]}")
  # npm installs the pinned axe-core for the HTML accessibility test
  # (tests/axe/install.sh); Debian's npm only where no npm is on PATH (it
  # conflicts with the nodejs package from NodeSource, which brings its own)
  command -v npm >/dev/null || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

build=${ASSESS_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DASSESS_WERROR=ON \
  -DBUILD_TESTING="$tests" "$@" >/dev/null
cmake --build "$build" -j"$(nproc)"
