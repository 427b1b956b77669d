#!/bin/sh
# The command's messages follow the user's locale as GNU programs' do, and
# its numbers never do:
#  - LANGUAGE=es under C.UTF-8 gives Spanish messages; under C (and POSIX)
#    LANGUAGE is ignored and they stay English;
#  - a real Spanish locale (made here with localedef from the `locales`
#    package's sources when they are there: this machine has no other
#    locale) gives Spanish messages from LC_MESSAGES alone and Spanish
#    under LC_ALL too, while JSON and CSV numbers keep the point.
# Usage: messages_check.sh ASSESS WORKDIR SOURCE_DIR
set -eu
assess=$1 work=$2 src=$3
mkdir -p "$work"
cd "$work"
fail() { echo "FAIL: $*" >&2; exit 1; }

"$assess" template --quiet -o blank.xlsx 2>/dev/null || "$assess" template -o blank.xlsx
spanish='falta el nombre'
english='is not named'

out=$(LC_ALL=C.UTF-8 LANGUAGE=es "$assess" score blank.xlsx 2>&1) && fail "an unnamed workbook scored"
case "$out" in *"$spanish"*) ;; *) fail "C.UTF-8, LANGUAGE=es: not Spanish: $out" ;; esac
for loc in C POSIX; do
  out=$(LC_ALL=$loc LANGUAGE=es "$assess" score blank.xlsx 2>&1) && fail "an unnamed workbook scored"
  case "$out" in *"$english"*) ;; *) fail "$loc, LANGUAGE=es: not English: $out" ;; esac
done
out=$(env -u LANGUAGE LC_ALL=C.UTF-8 "$assess" score blank.xlsx 2>&1) && fail "an unnamed workbook scored"
case "$out" in *"$english"*) ;; *) fail "C.UTF-8: not English: $out" ;; esac

if [ -f /usr/share/i18n/locales/es_ES ] && command -v localedef >/dev/null; then
  mkdir -p locales
  [ -d locales/es_ES.UTF-8 ] ||
    localedef -i es_ES -f UTF-8 locales/es_ES.UTF-8 >/dev/null 2>&1 || [ -d locales/es_ES.UTF-8 ] ||
    fail "localedef could not make es_ES.UTF-8"
  export LOCPATH="$work/locales"
  out=$(env -u LANGUAGE -u LC_ALL LANG=C.UTF-8 LC_MESSAGES=es_ES.UTF-8 "$assess" score blank.xlsx 2>&1) &&
    fail "an unnamed workbook scored"
  case "$out" in *"$spanish"*) ;; *) fail "LC_MESSAGES=es_ES.UTF-8: not Spanish: $out" ;; esac
  # es_ES writes 20,4: the command never takes LC_NUMERIC from the locale
  riverton="$src/examples/cities/riverton.csv"
  for fmt in json csv; do
    LC_ALL=C "$assess" score -q gare-local@1.1.0 "$riverton" --format $fmt > c.$fmt
    env -u LANGUAGE LC_ALL=es_ES.UTF-8 "$assess" score -q gare-local@1.1.0 "$riverton" --format $fmt > es.$fmt
    cmp c.$fmt es.$fmt || fail "score --format $fmt differs under es_ES.UTF-8"
  done
  grep -q '"rounded": 18.5' es.json || fail "JSON lost its point: $(head -c 300 es.json)"
  grep -q ',18.5,' es.csv || fail "CSV lost its point: $(cat es.csv)"
  echo "es_ES.UTF-8 (localedef): Spanish messages, numbers with a point"
else
  echo "no locale sources: the es_ES check is skipped (install the locales package)"
fi
echo "messages follow the locale; LANGUAGE is ignored under C and POSIX"
