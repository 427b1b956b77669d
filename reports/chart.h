/*
 * chart.h — chart descriptions and the one call that draws them.
 *
 * A report builder fills one of these plain structs with labels and
 * numbers (scores 0–100; shares 0–1) and hands it to chart_draw with any
 * canvas, or to chart_write_file for a PNG or SVG.  Nothing here knows the
 * scoring engine or an output format.  The chart never owns the strings or
 * arrays it points to; they need only outlive the call.  All text is UTF-8.
 */
#ifndef REPORT_CHART_H
#define REPORT_CHART_H

#include "canvas.h"

#include <stdbool.h>
#include <stddef.h>

/* ## Colours
 *
 * The default palette is Okabe–Ito (safe for the common colour-vision
 * deficiencies).  Charts never tell things apart by colour alone: series
 * differ also by marker shape and dash pattern, levels by lightness step
 * and direct labels.  A consultant's branding can replace the two colours
 * that matter most. */
typedef struct {
    canvas_rgb primary; /* the city's own series, bars, boxes; level ramps */
    canvas_rgb accent;  /* the highlighted point in box plots; first comparison */
} chart_palette;

/* The default palette: primary Okabe–Ito blue, accent vermillion. */
chart_palette chart_palette_default(void);

/* The colour of key k of n in a bar chart (e.g. a stage), so that a
 * table or a card can use the colour the chart uses. */
canvas_rgb chart_key_colour(const chart_palette *pal, size_t k, size_t n);

/* A named series of values 0–100, one per axis (radar) or per cycle
 * (line).  In a line chart a NaN value means "no score that cycle" and
 * leaves a gap; elsewhere every value must be a number. */
typedef struct {
    const char *name;
    const double *values;
} chart_series;

/* ## Radar: 3–12 axes around a 0–100 scale (rings at 25, 50, 75, 100).
 * The main series is filled, marked and labelled with its values; up to 4
 * comparison series are outlined with their own dash and marker. */
#define CHART_RADAR_MAX_AXES 12
#define CHART_MAX_COMPARE    4
typedef struct {
    const char *const *axes; /* n_axes labels, clockwise from the top */
    size_t n_axes;
    chart_series main;
    const chart_series *compare; /* n_compare, may be NULL */
    size_t n_compare;
} chart_radar;

/* ## Horizontal bars: one row per theme or item. */
typedef struct {
    const char *label; /* wrapped to two lines, then cut with "…" */
    double value;      /* 0–100, printed at the bar end */
    bool has_marker;   /* e.g. the median of all cities: a tick */
    double marker;
    bool has_band; /* e.g. p25–p75 of all cities: a light box behind the bar */
    double band_lo, band_hi;
    size_t key; /* index into chart_bars.keys when there are keys */
} chart_bar;

typedef struct {
    const chart_bar *rows;
    size_t n_rows;
    const char *marker_name; /* legend text for the tick, e.g. "State median" */
    const char *band_name;   /* legend text for the band, e.g. "Middle half of cities" */
    const char *series_name; /* legend text for the bars when there are no keys */
    const char *const *keys; /* optional colour key, e.g. stage names; n_keys ≤ 6 */
    size_t n_keys;
} chart_bars;

/* ## 100 % stacked bars: per row, the share of answers at each level. */
#define CHART_MAX_LEVELS 7
typedef struct {
    const char *label;
    const double *shares; /* n_levels shares, each 0–1, summing to 1 */
} chart_stack_row;

typedef struct {
    const char *const *levels; /* n_levels names, lowest first; n_levels 2–7 */
    size_t n_levels;
    const chart_stack_row *rows;
    size_t n_rows;
    bool last_is_gap; /* the last level is "no answer": drawn in neutral
                         grey outside the level ramp, so it never reads as
                         the highest level */
} chart_stacked;

/* ## Box plots, one row per group. */
typedef struct {
    const char *label;
    double min, p25, median, p75, max; /* 0–100, in this order */
    int n;                             /* number of cities; shown when > 0 */
    bool has_point;                    /* e.g. "your city" */
    double point;
} chart_box;

/* Legend texts are the caller's, so reports can be in any language; a
 * NULL name leaves its entry out of the legend. */
typedef struct {
    const chart_box *groups;
    size_t n_groups;
    const char *point_name;  /* e.g. "Your city" */
    const char *box_name;    /* e.g. "Middle half of cities (p25–p75)" */
    const char *median_name; /* e.g. "Median" */
    const char *range_name;  /* e.g. "Lowest to highest" */
} chart_boxplot;

/* ## Line chart across assessment cycles. */
#define CHART_LINE_MAX_SERIES 6
typedef struct {
    const char *const *cycles; /* n_cycles x labels, oldest first; n_cycles ≥ 2 */
    size_t n_cycles;
    const chart_series *series; /* n_series, each with n_cycles values */
    size_t n_series;
} chart_line;

typedef enum { CHART_RADAR, CHART_BARS, CHART_STACKED, CHART_BOXPLOT, CHART_LINE } chart_kind;

typedef struct {
    chart_kind kind;
    const char *title;            /* optional, bold, at the top */
    const char *summary;          /* optional, not drawn: what chart_describe says first,
                                     e.g. "Overall index 20.4 of 100" */
    const char *value_label;      /* optional axis title for the 0–100 scale */
    const chart_palette *palette; /* NULL = chart_palette_default() */
    const char *lang;             /* the language of chart_describe's own words
                                     ("es"; NULL or "en": English), as l10n_get */
    union {
        chart_radar radar;
        chart_bars bars;
        chart_stacked stacked;
        chart_boxplot boxplot;
        chart_line line;
    };
} chart;

/* ## Drawing */

/* Lays out and draws `ch` inside the box (0, 0)–(w, h), in points, using
 * only canvas calls.  Returns 0, or the canvas's error: CANVAS_ERROR_INPUT
 * when the description is invalid (counts out of range, values outside
 * 0–100, shares not summing to 1 within 1 %, invalid UTF-8), or the
 * backend's own failure.  A box too small for the text still draws: labels
 * are cut with "…". */
int chart_draw(const chart *ch, canvas *cv, double w, double h);

/* A one-sentence description of `ch` from its own numbers, for readers
 * who cannot see it (a PDF figure's /Alt, an SVG's description, a
 * workbook chart's alt text), e.g. "Overall index 20.4 of 100; Normalize
 * 28.8, Organize 18.9, Operationalize 13.5."  Writes at most size bytes
 * (cut with "..." when longer) and returns the length the whole
 * description needs, like snprintf. */
size_t chart_describe(const chart *ch, char *buf, size_t size);

/* Writes `ch` as a w×h-point chart to `path`: ".png" (opaque RGB on white,
 * two pixels per point) or ".svg", chosen by the extension.  The file is
 * written beside the target under a temporary name and renamed into place,
 * so a failure leaves any existing file untouched.  Output is byte-for-byte
 * the same on every run.  Returns 0, or -1 with a message in err. */
int chart_write_file(const chart *ch, const char *path, double w, double h, char *err,
                     size_t errlen);

#endif
