/*
 * pdf.h — the PDF renderer: a report_doc (doc.h) laid out on US Letter
 * pages and written with libharu.
 *
 * The cover comes first, without header or footer; every other page has a
 * running header (doc->info.header, the brand's organization) and a
 * "Page N of M" footer.  Level 1 and 2 headings make the outline.  Text is
 * DejaVu Sans and DejaVu Sans Bold, embedded as subsets, so any text in
 * the Basic Multilingual Plane that the fonts cover prints as written.
 * Tables: a caption in small type above the table (not when the heading
 * above it says the same), columns of width 0 and tables marked data_only
 * left out — they are for workbooks (doc.h, "Tables").
 * The same document always gives the same bytes: nothing depends on the
 * clock (dates come from doc->info.created) or on the output path.
 */
#ifndef REPORT_PDF_H
#define REPORT_PDF_H

#include "doc.h"

#include <stddef.h>

/* ## Rendering */

/* pdf_render (assess-report.h) lays out doc and writes a PDF to path.
 * Its messages are one line, e.g. "cannot load font
 * /usr/share/…/DejaVuSans.ttf: No such file or directory", "cannot load
 * logo x.png: …" or "PDF: libharu error 0x1017 (detail 0)". */

/* ## Measuring
 *
 * Where the time goes, for benchmarks: pdf_render_timed is pdf_render
 * with the milliseconds spent in each stage added to *t (may be NULL). */
typedef struct {
    double fonts;  /* reading and parsing the two font files */
    double layout; /* the first pass: measuring, breaking lines and pages */
    double embed;  /* building the font subsets and loading them into libharu */
    double draw;   /* the second pass: drawing every page */
    double save;   /* compressing and writing the file */
} pdf_timing;

int pdf_render_timed(const report_doc *doc, const char *path, char *err, size_t errlen,
                     pdf_timing *t);

#endif
