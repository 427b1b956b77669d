#!/bin/sh
# Every text the program marks for translation (the template xgettext made
# in the build) has a translation, neither empty nor fuzzy, in each
# catalogue, and each catalogue passes msgfmt's checks (format strings that
# match their msgid, plural forms, header).
# Usage: po_check.sh TEMPLATE.pot LANG.po...
set -eu
pot=$1
shift
status=0
for po in "$@"; do
  if ! msgcmp "$po" "$pot"; then
    echo "$po: the texts above have no translation: add them (cmake --build build --target update-po)" >&2
    status=1
  fi
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1) || { echo "$stats" >&2; status=1; }
  case "$stats" in
    *untranslated*|*fuzzy*) echo "$po: $stats" >&2; status=1 ;;
  esac
  echo "$po: $stats"
done
exit $status
