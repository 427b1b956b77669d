/*
 * l10n.h — the program's own words in the reader's language: the headings,
 * footers, dates, chart labels and instructions of reports, workbooks and
 * forms.  The look-ups (l10n_set_dir, l10n_get, l10n_pget, l10n_nget,
 * l10n_date, l10n_speaks, l10n_cleanup) are public: assess-report.h.
 *
 * The words come from the program's GNU gettext catalogues (po/LANG.po,
 * compiled by msgfmt to DIR/LANG/LC_MESSAGES/assess.mo).  A report is
 * asked for in a language (--lang, else the questionnaire's), not in the
 * process locale, so l10n.c reads the compiled catalogues itself, in the
 * MO format the GNU gettext manual documents ("The Format of GNU MO
 * Files"), instead of calling gettext(3): glibc picks a catalogue from the
 * process locale and ignores LANGUAGE under LC_ALL=C, where a Spanish
 * report would come out in English.  The same catalogues give the
 * command's messages on standard error through gettext(3), which follow
 * the user's locale.
 *
 * The strings in these calls are found by xgettext (po/CMakeLists.txt
 * names the keywords): write the English text literally in the call, or
 * mark a table of texts with L10N_NOOP and look each up later.
 */
#ifndef REPORT_L10N_H
#define REPORT_L10N_H

#include "assess-report.h"

/* Marks a text for translation where it is defined (a static table);
 * l10n_get translates it where it is used. */
#define L10N_NOOP(text) (text)

/* The same for a text with a context, looked up with l10n_pget. */
#define L10N_NOOP_CTX(context, text) (text)

#endif
