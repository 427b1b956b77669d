#!/usr/bin/env bash
# Installs the pinned axe-core (package-lock.json beside this script) into
# DIR/node_modules, for the HTML accessibility test (tests/html_check.py).
# Does nothing when that version is already there.  Fails, never skips,
# when npm is missing or the registry cannot be reached.
# Usage: tests/axe/install.sh DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dest=${1:?usage: install.sh DIR}
want=$(sed -n 's/^ *"axe-core": "\(.*\)"$/\1/p' "$here/package.json")
have=$(sed -n 's/^ *"version": "\(.*\)",$/\1/p' "$dest/node_modules/axe-core/package.json" 2>/dev/null | head -1 || true)
if [ -n "$want" ] && [ "$have" = "$want" ] && [ -f "$dest/node_modules/axe-core/axe.min.js" ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  echo "install.sh: npm not found: install Node.js with npm (Debian 12: the nodejs package from" \
       "NodeSource, or Debian's npm package) to run the accessibility test" >&2
  exit 1
fi
mkdir -p "$dest"
cp "$here/package.json" "$here/package-lock.json" "$dest/"
cd "$dest"
# npm ci checks the tarball against the integrity hash in package-lock.json
npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
test -f node_modules/axe-core/axe.min.js
