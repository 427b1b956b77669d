/*
 * l10n.h — the program's own words in the reader's language: the headings,
 * footers, dates, chart labels and instructions of reports, workbooks and
 * forms.
 *
 * The words come from the program's GNU gettext catalogues (po/LANG.po,
 * compiled by msgfmt to DIR/LANG/LC_MESSAGES/assess.mo).  A report is
 * asked for in a language (--lang, else the questionnaire's), not in the
 * process locale, so this module reads the compiled catalogues itself, in
 * the MO format the GNU gettext manual documents ("The Format of GNU MO
 * Files"), instead of calling gettext(3): glibc picks a catalogue from the
 * process locale and ignores LANGUAGE under LC_ALL=C, where a Spanish
 * report would come out in English.  The same catalogues give the
 * command's messages on standard error through gettext(3), which follow
 * the user's locale.
 *
 * A code "es-MX", "es_US" or "es_MX.UTF-8" uses the catalogue of es_MX
 * when there is one, else the one of es.  English, or a language without
 * a catalogue, gives the words as the source writes them.
 *
 * The strings in these calls are found by xgettext (po/CMakeLists.txt
 * names the keywords): write the English text literally in the call, or
 * mark a table of texts with L10N_NOOP and look each up later.
 *
 * Thread-safe.  A catalogue is read once, at its first use, and kept until
 * l10n_cleanup; the strings returned stay valid until then.
 */
#ifndef REPORT_L10N_H
#define REPORT_L10N_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* Marks a text for translation where it is defined (a static table);
 * l10n_get translates it where it is used. */
#define L10N_NOOP(text) (text)

/* Where the catalogues are: DIR/LANG/LC_MESSAGES/assess.mo.  The command
 * sets it from its own location (the build tree's or the installed ones);
 * without a call, the installed directory this library was built for.
 * Call it before the first look-up; NULL restores the default. */
void l10n_set_dir(const char *dir);

#if defined(__GNUC__)
#define L10N_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define L10N_FORMAT_ARG(n)
#endif

/* msgid in lang.  A printf format keeps its conversions (the compiler
 * checks the English one against the arguments, msgfmt --check each
 * translation against the English). */
const char *l10n_get(const char *lang, const char *msgid) L10N_FORMAT_ARG(2);

/* msgid in lang where the same English word needs telling apart
 * (msgctxt), as "May" the month. */
const char *l10n_pget(const char *lang, const char *context, const char *msgid) L10N_FORMAT_ARG(3);

/* The singular or plural form for count n, by the catalogue's Plural-Forms
 * (English: singular when n is 1). */
const char *l10n_nget(const char *lang, const char *singular, const char *plural, unsigned long n)
    L10N_FORMAT_ARG(2) L10N_FORMAT_ARG(3);

/* A date (UTC) as the language writes it: "1 December 2026",
 * "1 de diciembre de 2026". */
const char *l10n_date(const char *lang, time_t t, char *buf, size_t size);

/* Whether the program has words in lang: English, or a catalogue found
 * for the code or its language. */
bool l10n_speaks(const char *lang);

/* Frees every catalogue read (at exit; strings returned before become
 * invalid). */
void l10n_cleanup(void);

#endif
