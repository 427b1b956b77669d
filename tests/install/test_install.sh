#!/usr/bin/env bash
# What `cmake --install` gives, used as a stranger would use it: the
# command, both libraries (SONAMEs), their headers, assess.pc, the
# questionnaires and the man page, installed into a temporary prefix.
#  - `man -l` renders the page, and it names every option of every
#    command's --help;
#  - the installed command finds the installed questionnaires, never the
#    source tree's, also after the whole prefix has moved; the build's
#    own command finds the source tree's; the same for the catalogues of
#    the program's words;
#  - a program compiled outside the source tree with
#    `cc $(pkg-config --cflags --libs assess)` scores a responses file and
#    writes a PDF report, read back with pdftotext.
# Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
src=$2
work=$(mktemp -d /tmp/assess-install-XXXXXX)
trap 'rm -rf "$work"' EXIT
fail() { echo "test_install: $*" >&2; exit 1; }
unset ASSESS_QUESTIONNAIRE_PATH

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name assess.pc)")
libdir=$(pkg-config --variable=libdir assess)
includedir=$(pkg-config --variable=includedir assess)
qdir=$(pkg-config --variable=questionnairedir assess)
mandir=$prefix/share/man/man1

for f in "$prefix/bin/assess" "$includedir/assess.h" "$includedir/assess-report.h" \
         "$qdir/gare-local/settings.csv" "$mandir/assess.1"; do
  [ -e "$f" ] || fail "not installed: $f"
done
version=$(pkg-config --modversion assess)
grep -q "#define ASSESS_VERSION \"$version\"" "$includedir/assess.h" ||
  fail "assess.pc says $version, assess.h does not"
"$prefix/bin/assess" --version | grep -qx "assess $version" || fail "assess --version"
for lib in assess assess-report; do
  so=$(readlink -f "$libdir/lib$lib.so")
  soname=$(readelf -d "$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
  [ "$soname" = "lib$lib.so.${version%.*}" ] || fail "lib$lib: SONAME \"$soname\""
  [ -e "$libdir/$soname" ] || fail "no $libdir/$soname"
done
# each library exports what its header declares, and nothing of its internals
for pair in "assess:assess.h" "assess-report:assess-report.h"; do
  lib=${pair%%:*} header=$includedir/${pair#*:}
  n=0
  for sym in $(nm -D --defined-only "$libdir/lib$lib.so" | awk '$2 == "T" {print $3}' | sed 's/@.*//'); do
    grep -qE "[ *]$sym\(" "$header" || fail "lib$lib exports $sym, which ${pair#*:} does not declare"
    n=$((n + 1))
  done
  [ $n -ge 15 ] || fail "lib$lib exports only $n functions"
done
# no internal header is installed
[ "$(ls "$includedir")" = "$(printf 'assess-report.h\nassess.h')" ] ||
  fail "headers installed: $(ls "$includedir" | tr '\n' ' ')"

# The man page renders, without hyphenation so that options stay whole.
page=$(MANWIDTH=200 MANROFFOPT=-rHY=0 man -l "$mandir/assess.1" 2>&1 | col -bx)
grep -q '^NAME' <<<"$page" || fail "man -l shows no NAME section"
grep -q 'ASSESS_QUESTIONNAIRE_PATH' <<<"$page" || fail "the man page names no ASSESS_QUESTIONNAIRE_PATH"
for cmd in validate score report "report --batch" benchmark chart template; do
  # shellcheck disable=SC2086
  help=$("$prefix/bin/assess" $cmd --help)
  for opt in $(grep -oE '(^|[][ ,|])--?[a-z][a-z-]*' <<<"$help" | grep -oE -- '--?[a-z][a-z-]*' | sort -u); do
    grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" <<<"$page" ||
      fail "assess $cmd --help has $opt; the man page does not"
  done
done

# The installed command uses the installed questionnaires ...
out=$("$prefix/bin/assess" validate gare-local)
[[ $out == "$qdir/gare-local: "* || $out == "$prefix/bin/../share/assess/questionnaires/gare-local: "* ]] ||
  fail "installed assess validate gare-local: $out"
# ... every version of one questionnaire, each by its settings
out=$("$prefix/bin/assess" validate gare-local@1.0.0)
[[ $out == *"gare-local-1.0: gare-local 1.0.0 is valid"* ]] || fail "installed gare-local@1.0.0: $out"
# ... and never the source tree's, even with them gone
mv "$qdir" "$work/moved"
set +e
err=$("$prefix/bin/assess" validate gare-local 2>&1 >/dev/null)
status=$?
set -e
[ $status -eq 2 ] || fail "without installed questionnaires: status $status"
grep -q 'no questionnaire "gare-local" is installed' <<<"$err" || fail "message: $err"
grep -q 'ASSESS_QUESTIONNAIRE_PATH' <<<"$err" || fail "the message names no ASSESS_QUESTIONNAIRE_PATH: $err"
grep -q "$src/questionnaires" <<<"$err" && fail "the installed command searched the source tree: $err"
mv "$work/moved" "$qdir"
# ... also when the whole installation moves
mv "$prefix" "$work/elsewhere"
out=$("$work/elsewhere/bin/assess" validate gare-local)
[[ $out == "$work/elsewhere/"* ]] || fail "moved installation: $out"
mv "$work/elsewhere" "$prefix"
# The installed command's messages and report words come from the installed
# catalogues (share/locale beside it), never the build's: in Spanish with
# them, also moved; in English without them.
mo=$prefix/share/locale/es/LC_MESSAGES/assess.mo
[ -f "$mo" ] || fail "not installed: $mo"
mv "$prefix" "$work/elsewhere"
out=$(LC_ALL=C.UTF-8 LANGUAGE=es "$work/elsewhere/bin/assess" validate gare-local)
grep -q '^idiomas: en ' <<<"$out" || fail "moved installation, LANGUAGE=es: $out"
mv "$work/elsewhere" "$prefix"
mv "$mo" "$work/assess.mo"
out=$(LC_ALL=C.UTF-8 LANGUAGE=es "$prefix/bin/assess" validate gare-local)
grep -q '^languages: en ' <<<"$out" || fail "without the installed catalogue: $out"
mv "$work/assess.mo" "$mo"
# ASSESS_QUESTIONNAIRE_PATH comes first
out=$(ASSESS_QUESTIONNAIRE_PATH=$src/questionnaires "$prefix/bin/assess" validate gare-local)
[[ $out == "$src/questionnaires/gare-local: "* ]] || fail "ASSESS_QUESTIONNAIRE_PATH: $out"
# The command in the build folder uses its source tree's.
out=$("$build/assess" validate gare-local)
[[ $out == "$src/questionnaires/gare-local: "* ]] || fail "build's assess validate gare-local: $out"

# The command starts without cairo, libzip, libxlsxwriter and what they
# bring, and without the project's own libraries: the modules that use them
# are found in lib/assess beside
# the installed libraries, also after the prefix has moved; a missing one
# is an error naming it.
for m in cairo zip xlsx; do
  [ -f "$libdir/assess/$m.so" ] || fail "not installed: $libdir/assess/$m.so"
done
deps=$(ldd "$prefix/bin/assess")
grep -qE 'libcairo|libzip|libfreetype|libfontconfig|libX11|libbz2|libxlsxwriter|libminizip|libcrypto' <<<"$deps" &&
  fail "assess loads at start: $deps"
# the command has the code of libassess and libassess-report linked in
grep -qE 'libassess|libunistring|libcsv|libexpat|libcmark' <<<"$deps" &&
  fail "assess loads the project's libraries at start: $deps"
readelf -d "$prefix/bin/assess" | grep -qE 'R(UN)?PATH' && fail "assess has a library search path"
moved_cairo=$work/elsewhere/$(realpath --relative-to="$prefix" "$libdir")/assess/cairo.so
moved_xlsx=${moved_cairo%/cairo.so}/xlsx.so
mv "$prefix" "$work/elsewhere"
(cd "$work" && "$work/elsewhere/bin/assess" chart "$src/examples/cities/riverton.csv" --kind radar \
  -o moved.png --quiet) || fail "moved installation: assess chart"
[ "$(head -c 8 "$work/moved.png" | od -An -tx1 | tr -d ' ')" = 89504e470d0a1a0a ] ||
  fail "moved installation: moved.png is no PNG"
(cd "$work" && "$work/elsewhere/bin/assess" template -o blank.xlsx --quiet)
set +e
err=$("$work/elsewhere/bin/assess" score "$work/blank.xlsx" 2>&1 >/dev/null)
set -e
grep -q 'Cover!B4.*the City is not named' <<<"$err" || fail "moved installation, reading a workbook: $err"
mv "$moved_cairo" "$work/cairo.so"
set +e
err=$("$work/elsewhere/bin/assess" chart "$src/examples/cities/riverton.csv" --kind radar \
  -o "$work/none.png" 2>&1 >/dev/null)
status=$?
set -e
[ $status -ne 0 ] && grep -q "cannot load the module $work/elsewhere/.*/assess/cairo.so" <<<"$err" ||
  fail "without the cairo module: status $status, $err"
[ -e "$work/none.png" ] && fail "without the cairo module: none.png written"
mv "$work/cairo.so" "$moved_cairo"
mv "$moved_xlsx" "$work/xlsx.so"
set +e
err=$("$work/elsewhere/bin/assess" report "$src/examples/cities/riverton.csv" -o "$work/none.xlsx" 2>&1 >/dev/null)
status=$?
set -e
[ $status -ne 0 ] && grep -q "cannot load the module $work/elsewhere/.*/assess/xlsx.so" <<<"$err" ||
  fail "without the workbook module: status $status, $err"
compgen -G "$work/*none.xlsx*" >/dev/null && fail "without the workbook module: $(ls -a "$work")"
mv "$work/xlsx.so" "$moved_xlsx"
mv "$work/elsewhere" "$prefix"

# A program of one's own, outside the source tree.
mkdir "$work/prog"
cp "$src/tests/install/score_report.c" "$work/prog/"
cd "$work/prog"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Wpedantic -Werror score_report.c $(pkg-config --cflags --libs assess) \
  -Wl,-rpath,"$libdir" -o score_report
line=$(./score_report "$qdir" "$src/examples/cities/riverton.csv" riverton.pdf)
csv=$("$prefix/bin/assess" score "$src/examples/cities/riverton.csv" --format csv | tail -1)
IFS=, read -r entity _ _ _ _ overall stage _ <<<"$csv"
[ "$line" = "$entity $overall $stage" ] || fail "the program says \"$line\"; assess score says \"$entity $overall $stage\""
text=$(pdftotext riverton.pdf - | tr -s ' \n' '  ')
grep -q "Riverton" <<<"$text" || fail "the PDF does not name Riverton"
grep -q "An outside program" <<<"$text" || fail "the PDF has no prepared-by line"
grep -q "Overall index" <<<"$text" || fail "the PDF has no overall index"
grep -q "$overall" <<<"$text" || fail "the PDF does not show the overall score $overall"
pages=$(pdfinfo riverton.pdf | sed -n 's/^Pages: *//p')
[ "$pages" -ge 10 ] || fail "the PDF has $pages pages"
echo "test_install: installed, man page, questionnaires and an outside program: all good ($pages pages)"
