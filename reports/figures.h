/*
 * figures.h — the charts of a city report, described from its scores.
 *
 * Each function fills a report_figure: a chart description (chart.h) plus
 * the memory its labels and numbers live in.  The same figure is drawn
 * into the PDF, written as PNG/SVG by `assess chart`, and mapped to a
 * native chart in XLSX.  Nothing here scores: it reads assess_result.
 */
#ifndef REPORT_FIGURES_H
#define REPORT_FIGURES_H

#include "assess-report.h"
#include "chart.h"

/* report_figure is opaque in assess-report.h; composers fill its chart
 * themselves and hand it to the document (doc_chart). */
struct report_figure {
    chart ch;
    void **blocks; /* memory the chart points into */
    size_t nblocks;
    int failed;
};

/* A comparison polygon for the radar, e.g. a state median or last cycle:
 * one value per dimension (NaN where there is none). */
typedef struct {
    const char *name;
    const double *values;
} report_compare;

/* report_figure_kind, its names, REPORT_FIGURE_EMPTY and the figures a
 * program can build (report_figure_build, _benchmark, _distribution,
 * _trend) are public: assess-report.h.  A figure on the stack starts
 * zeroed and ends with report_figure_cleanup. */

/* Radar of dimension scores (an undefined score is drawn at 0 and its
 * axis label says "no score"); compare may be NULL.  With fewer than 3 or
 * more than 12 dimensions the same scores are drawn as bars. */
int report_figure_radar(report_figure *f, const assess_result *res, const char *lang,
                        const report_compare *compare, size_t ncompare);
/* Bars of theme scores; dimension = ASSESS_NONE for every theme. */
int report_figure_themes(report_figure *f, const assess_result *res, size_t dimension,
                         const char *lang);
/* Bars of the scored items of one dimension. */
int report_figure_items(report_figure *f, const assess_result *res, size_t dimension,
                        const char *lang);
/* Stacked bars: per dimension, the share of its items at each level of
 * the first scale it uses, plus "Don't know / blank". */
int report_figure_levels(report_figure *f, const assess_result *res, const char *lang);

/* Zeroed memory that lives as long as the figure (freed by
 * report_figure_cleanup), for composers that fill a chart themselves.
 * NULL when memory runs out; the figure then remembers the failure. */
void *report_figure_alloc(report_figure *f, size_t size);
/* A copy of s owned by the figure ("" when memory runs out). */
const char *report_figure_str(report_figure *f, const char *s);

/* Draws the figure in a consultant's colours (copied into the figure). */
int report_figure_set_palette(report_figure *f, const chart_palette *palette);

/* The number of rows a bar figure has (to size it on a page). */
size_t report_figure_rows(const report_figure *f);

void report_figure_cleanup(report_figure *f);

#endif
