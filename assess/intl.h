/*
 * intl.h — the engine's messages in the user's language (GNU gettext,
 * domain ASSESS_TEXTDOMAIN of assess.h).  Private to the engine; the
 * command marks its own messages the same way (cli.h).
 *
 * Messages for a person at a terminal — diagnostics, status strings —
 * follow the user's locale as GNU programs' do (LANGUAGE, LC_ALL,
 * LC_MESSAGES; LANGUAGE is ignored under the C locale) once the program
 * has bound the domain.  A report's own words are another matter: they
 * follow --lang, whatever the locale (reports/l10n.h reads the same
 * catalogues for them).
 *
 * Mark a message with _("…") where it is used, or N_("…") in a static
 * table and _(table[k]) where it is used; a count's message is
 * _n("%zu answer", "%zu answers", n), the form the language needs for n.
 */
#ifndef ASSESS_INTL_H
#define ASSESS_INTL_H

#include "assess.h"

#include <libintl.h>

#define _(msgid)                dgettext(ASSESS_TEXTDOMAIN, msgid)
#define N_(msgid)               (msgid)
#define _n(singular, plural, n) dngettext(ASSESS_TEXTDOMAIN, singular, plural, (unsigned long)(n))

#endif
