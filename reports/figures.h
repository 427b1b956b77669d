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

#include "assess.h"
#include "chart.h"
#include "cohort.h"

typedef struct {
    chart ch;
    void **blocks; /* memory the chart points into */
    size_t nblocks;
    int failed;
} report_figure;

/* A comparison polygon for the radar, e.g. a state median or last cycle:
 * one value per dimension (NaN where there is none). */
typedef struct {
    const char *name;
    const double *values;
} report_compare;

typedef enum {
    REPORT_FIGURE_RADAR,  /* dimension scores on a radar */
    REPORT_FIGURE_THEMES, /* theme scores as bars, coloured by stage */
    REPORT_FIGURE_ITEMS,  /* item scores of one dimension as bars */
    REPORT_FIGURE_LEVELS, /* per dimension, the share of items at each level */
    REPORT_FIGURE_BENCHMARK,    /* dimension bars with the cohort's median and middle half */
    REPORT_FIGURE_DISTRIBUTION, /* box plots of the cohort per dimension, the entity a point */
    REPORT_FIGURE_TREND,        /* the entity's scores across its cycles */
    REPORT_FIGURE_KIND_COUNT
} report_figure_kind;

/* "radar", "themes", "items", "levels"; and back (-1 if unknown). */
const char *report_figure_kind_name(report_figure_kind kind);
int report_figure_kind_parse(const char *name);

/* The figure functions return 0, -1 when memory runs out, or this when
 * there is nothing to draw (no theme or item with a score): the caller
 * leaves the chart out. */
#define REPORT_FIGURE_EMPTY 1

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

/* Against a cohort's statistics (their "all" group): the entity's
 * dimension scores as bars with the median as a tick and p25–p75 as a
 * band; or box plots of the overall index and every dimension with the
 * entity's score as a point.  Groups' suppression is respected. */
int report_figure_benchmark(report_figure *f, const assess_result *res,
                            const assess_cohort_stats *s, const char *lang);
int report_figure_distribution(report_figure *f, const assess_result *res,
                               const assess_cohort_stats *s, const char *lang);
/* A line per measure (the overall index, then each dimension) across
 * the n results of one entity, oldest first (n ≥ 2). */
int report_figure_trend(report_figure *f, const assess_result *const *results, size_t n,
                        const char *lang);

/* Fills the figure of the given kind (dimension for THEMES and ITEMS);
 * the last three kinds need their own calls above. */
int report_figure_build(report_figure *f, report_figure_kind kind, const assess_result *res,
                        size_t dimension, const char *lang);

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
