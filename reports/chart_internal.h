/*
 * chart_internal.h — layout pieces shared by the chart kinds: palette
 * ramps, markers, text fitting and wrapping, titles, legends and the
 * 0–100 value axis.  Private to reports/chart*.c; everything is measured
 * through the canvas so every backend gets the same layout.
 */
#ifndef REPORT_CHART_INTERNAL_H
#define REPORT_CHART_INTERNAL_H

#include "chart.h"

#define CHART_PI 3.14159265358979323846

/* Type sizes in points, and vertical metrics as fractions of the size
 * (DejaVu Sans: cap height 0.73, descent 0.24). */
#define FS_TITLE  11.5
#define FS_LABEL  9.0
#define FS_SMALL  8.0
#define FS_LEGEND 8.5
#define ASCENT    0.78
#define DESCENT   0.26
#define LINE_GAP  1.22
#define PAD       4.0

typedef enum {
    MARK_CIRCLE,
    MARK_SQUARE,
    MARK_TRIANGLE,
    MARK_DIAMOND,
    MARK_TRIANGLE_DOWN,
    MARK_CROSS,
    MARK_COUNT
} chart_mark;

/* One drawing job: the canvas, the palette in force and the box. */
typedef struct {
    canvas *cv;
    chart_palette pal;
    double w, h;
} chart_ctx;

/* A rectangle in canvas space. */
typedef struct {
    double x, y, w, h;
} chart_rect;

extern const canvas_rgb chart_text_rgb, chart_muted_rgb, chart_grid_rgb, chart_axis_rgb,
    chart_white;

canvas_rgb chart_mix(canvas_rgb a, canvas_rgb b, double t); /* t = 0 → a, 1 → b */
/* The colour of series i, where series 0 is the primary colour. */
canvas_rgb chart_series_rgb(const chart_ctx *x, size_t i);
/* The palette charts draw with: the theme's marks (theme.h), each brand
 * colour darkened, if it must be, to 3:1 on white. NULL: the default. */
chart_palette chart_palette_marks(const chart_palette *pal);
/* Step i of an n-step light-to-dark ramp on the primary colour
 * (theme_key: steps at least 15 apart in L*). */
canvas_rgb chart_ramp_rgb(const chart_ctx *x, size_t i, size_t n);
/* Dash of series i: solid for 0, then distinct patterns (whole points). */
void chart_series_dash(size_t i, double *on, double *off);

void chart_rect_path(canvas *cv, double x, double y, double w, double h);
/* Hatches the rectangle over its fill colour `fill` with pattern p (0
 * none, 1 "/", 2 "\\", 3 both, 4 horizontal, 5 vertical, 6 dense "/"),
 * so that levels differ by more than colour; lines anchored to the page,
 * so neighbouring boxes line up. */
void chart_hatch(canvas *cv, double x, double y, double w, double h, int p, canvas_rgb fill);
void chart_stroke_line(canvas *cv, double x1, double y1, double x2, double y2, canvas_rgb rgb,
                       double width);
/* A marker of radius r centred on (x, y), filled and outlined. */
void chart_marker(canvas *cv, chart_mark m, double x, double y, double r, canvas_rgb fill,
                  canvas_rgb edge);

/* Copies s into buf, cut at a code point with "…" added so that it is at
 * most maxw wide; returns the width of what was copied. */
double chart_fit(canvas *cv, const char *s, double size, canvas_font font, double maxw, char *buf,
                 size_t bufsize);

/* Wraps s at spaces into at most max_lines lines of at most maxw, the last
 * cut with "…" if needed.  Returns the line count; *widest gets the widest
 * line's width. */
#define CHART_WRAP_MAX   3
#define CHART_LINE_BYTES 512
typedef char chart_lines[CHART_WRAP_MAX][CHART_LINE_BYTES];
int chart_wrap(canvas *cv, const char *s, double size, canvas_font font, double maxw, int max_lines,
               chart_lines out, double *widest);

/* Draws lines of text centred vertically on cy (baselines spaced by
 * LINE_GAP × size). */
void chart_text_block(canvas *cv, chart_lines lines, int n, double x, double cy, double size,
                      canvas_font font, canvas_align align, canvas_rgb rgb);

/* Text on a white box, so it stays legible over grid lines and fills. */
void chart_text_halo(canvas *cv, double x, double y, const char *s, double size, canvas_font font,
                     canvas_align align, canvas_rgb rgb);

/* Draws the title (if any) at the top of *area and removes its height. */
void chart_title(chart_ctx *x, const char *title, chart_rect *area);

/* ## Legend: entries flow left to right in centred lines at the bottom
 * of the box, below the plot and never over the data. */
typedef enum {
    LEG_LINE,    /* a line segment with its dash and marker */
    LEG_BOX,     /* a filled square */
    LEG_TICK,    /* a vertical tick (median marks) */
    LEG_BAND,    /* a light box (p25–p75 bands) */
    LEG_MARKER,  /* a marker alone */
    LEG_WHISKER, /* a range line with end caps */
    LEG_BOXPLOT  /* a small box with its median line */
} chart_leg_kind;

typedef struct {
    chart_leg_kind kind;
    const char *label;
    canvas_rgb rgb, edge;
    chart_mark mark;
    size_t dash; /* series index for chart_series_dash */
    int pattern; /* LEG_BOX: chart_hatch's pattern over the fill */
} chart_leg;

#define CHART_LEG_MAX 12
/* Draws the legend at the bottom of *area and removes its height. */
void chart_legend(chart_ctx *x, const chart_leg *items, size_t n, chart_rect *area);

/* ## The horizontal 0–100 axis under bars, stacked bars and box plots. */
/* Height the axis needs below the plot: tick labels and the axis title. */
double chart_value_axis_height(const char *value_label);
/* Grid lines at 0, 25, … 100 across plot, tick labels below, title under
 * them; percent adds "%" to the tick labels. */
void chart_value_axis(chart_ctx *x, chart_rect plot, const char *value_label, bool percent);

/* Formats a 0–100 score for printing ("72"). */
void chart_format_score(double v, char *buf, size_t n);

/* Row labels at the left of horizontal charts. */
typedef struct {
    double size;   /* type size used */
    int max_lines; /* 1 or 2 */
    double col_w;  /* width of the label column */
} chart_row_labels;

/* Chooses the label column for n rows of height row_h, at most max_w wide.
 * Rows are structs of `stride` bytes whose first member is the label
 * (chart_bar, chart_stack_row, chart_box all are).  sub_lines reserves
 * room for a smaller line under each label. */
chart_row_labels chart_row_labels_fit(canvas *cv, const void *rows, size_t stride, size_t n,
                                      double row_h, double max_w, int sub_lines);
/* Draws one row label right-aligned at x_right, centred on cy; a second,
 * smaller muted line (sub, may be NULL) goes under it. */
void chart_row_label(canvas *cv, const chart_row_labels *rl, const char *label, const char *sub,
                     double x_right, double cy);

/* Per kind, in chart_*.c: the description check, then the drawing, which
 * may assume the check passed. */
bool chart_radar_ok(const chart_radar *r);
bool chart_bars_ok(const chart_bars *b);
bool chart_stacked_ok(const chart_stacked *s);
bool chart_boxplot_ok(const chart_boxplot *b);
bool chart_line_ok(const chart_line *l);
int chart_draw_radar(chart_ctx *x, const chart *ch, chart_rect area);
int chart_draw_bars(chart_ctx *x, const chart *ch, chart_rect area);
int chart_draw_stacked(chart_ctx *x, const chart *ch, chart_rect area);
int chart_draw_boxplot(chart_ctx *x, const chart *ch, chart_rect area);
int chart_draw_line(chart_ctx *x, const chart *ch, chart_rect area);

/* Input checks shared by the kinds. */
bool chart_score_ok(double v);
bool chart_text_ok(const char *s); /* NULL or valid UTF-8 */
double chart_clamp(double v, double lo, double hi);

#endif
