/*
 * intl.h — the command's and the engine's messages in the user's language
 * (GNU gettext, domain "assess").
 *
 * Messages for a person at a terminal — diagnostics, usage errors, what was
 * written — follow the user's locale as GNU programs' do (LANGUAGE,
 * LC_ALL, LC_MESSAGES; LANGUAGE is ignored under the C locale).  A
 * report's own words are another matter: they follow --lang, whatever the
 * locale (reports/l10n.h reads the same catalogues for them).
 *
 * Mark a message with _("…") where it is used, or N_("…") in a static
 * table and _(table[k]) where it is used; a count's message is
 * _n("%zu answer", "%zu answers", n), the form the language needs for n.
 */
#ifndef ASSESS_INTL_H
#define ASSESS_INTL_H

#include <libintl.h>

#define ASSESS_TEXTDOMAIN "assess"

#define _(msgid)                dgettext(ASSESS_TEXTDOMAIN, msgid)
#define N_(msgid)               (msgid)
#define _n(singular, plural, n) dngettext(ASSESS_TEXTDOMAIN, singular, plural, (unsigned long)(n))

/* The command's start: the user's locale for messages and character type —
 * never LC_NUMERIC, so JSON and CSV numbers keep the point — and the
 * catalogues found from the command's own place: the build folder's when
 * it runs from its build, else those installed beside it.  Report words
 * (reports/l10n.h) are pointed at the same catalogues. */
void intl_init(void);

/* The folder intl_init found the catalogues in. */
const char *intl_localedir(void);

#endif
