/*
 * html.h — the HTML renderer: a report_doc (doc.h) as one self-contained
 * web page.
 *
 * The page holds everything it shows (styles, the logo and every chart as
 * data), loads nothing from anywhere and runs no script, so it works from
 * a USB stick as well as on a city's website.  Its shape follows WCAG 2.1
 * AA: `lang` from doc->info.lang, a skip link, landmarks (header for the
 * cover, nav for the contents, main, footer), one h1 (the cover) and
 * section headings below it without skipped levels, tables with a caption,
 * column headers (`th scope="col"`) and the first column as row headers
 * (`th scope="row"`), each inside a labelled region that scrolls sideways
 * and takes the keyboard focus when the screen is narrower than the
 * table, and charts as inline SVG (`role="img"`, a <title> and a <desc>
 * that says the chart's numbers in a sentence, real <text>) followed by
 * the same numbers in a table.  Every chart also comes as an SVG image
 * that browsers do not show but word processors keep (LibreOffice drops
 * inline SVG when it opens the page, and keeps an image).  A print stylesheet starts each section
 * on a new page and keeps rows, figures and cards whole.
 *
 * Every text from the document is escaped, control characters dropped and
 * bad UTF-8 replaced; links are kept only for http, https and mailto.  The
 * markup is also well-formed XML (void elements closed, only the five XML
 * entities), so an XML parser can check it.  The same document always
 * gives the same bytes.
 */
#ifndef REPORT_HTML_H
#define REPORT_HTML_H

#include "doc.h"

#include <stddef.h>

/* Writes doc as HTML to path (created or truncated).  Returns 0, or -1
 * with a one-line message in err (errlen bytes, may be 0), e.g. "cannot
 * load logo x.png: No such file or directory".  On failure path may hold
 * a partial file; the caller writes to a temporary name and renames it. */
int html_render(const report_doc *doc, const char *path, char *err, size_t errlen);

#endif
