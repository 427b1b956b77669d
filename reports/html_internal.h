/*
 * html_internal.h — what the HTML renderer's files share: the state of one
 * rendering, the colours, and the helpers the chart code borrows from the
 * page code.  Not a public interface.
 */
#ifndef REPORT_HTML_INTERNAL_H
#define REPORT_HTML_INTERNAL_H

#include "canvas.h"
#include "doc.h"
#include "xmlbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* The page's colours, each checked against its background (html_style.c). */
typedef struct {
    doc_rgb primary;  /* the brand's, as given: bands and rules */
    doc_rgb head;     /* headings and links: primary darkened to 4.5:1 on the tint */
    doc_rgb on_band;  /* text on the primary band: black or white, the clearer */
    doc_rgb band_dim; /* the lighter text on the band, still 4.5:1 */
    doc_rgb accent;   /* the stripe under the cover band */
    doc_rgb tint;     /* table header rows */
    doc_rgb wash;     /* cards and notes */
} html_colours;

typedef struct {
    const report_doc *doc;
    xmlbuf out;
    canvas *measure; /* measures chart text (cairo, DejaVu); see html_measure */
    html_colours col;
    int level;           /* the HTML level of the latest section heading (1 = the cover's h1) */
    const char *section; /* the latest heading's text, to name tables and charts */
    char *err;
    size_t errlen;
    bool failed;
} html_ctx;

/* Records the first failure as a one-line message; returns -1. */
int html_fail(html_ctx *x, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* The canvas that measures chart text, made at the first chart (fonts
 * are read only for a page with charts); NULL after a failure. */
canvas *html_measure(html_ctx *x);
/* Done with the page's measurer: freed, or kept for the next page
 * (report_share_begin, html_measure.c). */
void html_measure_done(html_ctx *x);

/* ## Colours and the stylesheet (html_style.c) */
double html_contrast(doc_rgb a, doc_rgb b);
/* c darkened (same hue) until it has `ratio` contrast against bg. */
doc_rgb html_darken_for(doc_rgb c, doc_rgb bg, double ratio);
/* Black or white, whichever reads better on bg (at least 4.58:1 on any bg). */
doc_rgb html_ink_on(doc_rgb bg);
void html_colours_init(html_colours *c, const doc_brand *brand);
/* " #rrggbb" into b, after the given prefix. */
void html_hex(xmlbuf *b, doc_rgb c);
/* The <style> element. */
void html_style(html_ctx *x);

/* ## Tables (html.c): a table in its scrolling region, with a caption,
 * a header row of column titles and the first column as row headers;
 * `wide`: a table of text that keeps a readable width and scrolls. */
void html_table_open(html_ctx *x, const char *caption, const char *const *titles,
                     const doc_align *aligns, size_t ncolumns, bool wide);
/* One cell of the body; column 0 is the row's header. */
void html_table_cell(html_ctx *x, size_t column, doc_align align, const doc_cell *cell);
void html_table_row_open(html_ctx *x);
void html_table_row_close(html_ctx *x);
void html_table_close(html_ctx *x);

/* ## Charts (html_chart.c): a DOC_CHART block as a figure: inline SVG,
 * the hidden PNG copy, the description and the numbers as a table.
 * `index` makes its ids unique. */
void html_chart(html_ctx *x, const doc_block *b, size_t index);

#endif
