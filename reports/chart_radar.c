/*
 * chart_radar.c — the radar (spider) chart: 3–12 axes on a 0–100 scale,
 * circular rings at 25/50/75/100, a filled main series with values and
 * outlined comparison series told apart by dash and marker.  The radius is
 * the largest that leaves every axis label whole inside the box.
 */
#include "chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LABEL_GAP 10.0 /* outer ring to axis label (values near 100 go inside) */

static bool series_ok(const chart_series *s, size_t n)
{
    if (!s->values || !chart_text_ok(s->name))
        return false;
    for (size_t i = 0; i < n; i++)
        if (!chart_score_ok(s->values[i]))
            return false;
    return true;
}

bool chart_radar_ok(const chart_radar *r)
{
    if (r->n_axes < 3 || r->n_axes > CHART_RADAR_MAX_AXES || !r->axes ||
        r->n_compare > CHART_MAX_COMPARE || (r->n_compare && !r->compare))
        return false;
    for (size_t i = 0; i < r->n_axes; i++)
        if (!r->axes[i] || !chart_text_ok(r->axes[i]))
            return false;
    if (!series_ok(&r->main, r->n_axes))
        return false;
    for (size_t i = 0; i < r->n_compare; i++)
        if (!series_ok(&r->compare[i], r->n_axes))
            return false;
    return true;
}

typedef struct {
    chart_lines lines;
    int n;
    double w, h; /* block size */
    double c, s; /* direction of the axis (y down) */
} axis_label;

/* The label block's centre sits beyond the anchor by half its size along
 * the axis direction, so labels at the top sit above, at the bottom below
 * and at the sides beside the ring, with smooth steps in between. */
static void label_box(const axis_label *a, double radius, double *x0, double *y0, double *x1,
                      double *y1)
{
    double ax = (radius + LABEL_GAP) * a->c, ay = (radius + LABEL_GAP) * a->s;
    double cx = ax + a->c * a->w / 2, cy = ay + a->s * a->h / 2;
    *x0 = cx - a->w / 2;
    *x1 = cx + a->w / 2;
    *y0 = cy - a->h / 2;
    *y1 = cy + a->h / 2;
}

/* The drawing's extent around the centre for a given radius. */
static void extents(const axis_label *labels, size_t n, double radius, double e[4])
{
    e[0] = e[1] = e[2] = e[3] = radius; /* left, top, right, bottom */
    for (size_t i = 0; i < n; i++) {
        double x0, y0, x1, y1;
        label_box(&labels[i], radius, &x0, &y0, &x1, &y1);
        e[0] = fmax(e[0], -x0);
        e[1] = fmax(e[1], -y0);
        e[2] = fmax(e[2], x1);
        e[3] = fmax(e[3], y1);
    }
}

static void ring(canvas *cv, double cx, double cy, double r)
{
    const double k = 0.5523 * r;
    canvas_move_to(cv, cx + r, cy);
    canvas_curve_to(cv, cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    canvas_curve_to(cv, cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    canvas_curve_to(cv, cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    canvas_curve_to(cv, cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    canvas_close_path(cv);
}

static void series_path(canvas *cv, const chart_series *s, const axis_label *ax, size_t n,
                        double cx, double cy, double radius)
{
    for (size_t i = 0; i < n; i++) {
        double r = radius * chart_clamp(s->values[i], 0, 100) / 100.0;
        if (i == 0)
            canvas_move_to(cv, cx + r * ax[i].c, cy + r * ax[i].s);
        else
            canvas_line_to(cv, cx + r * ax[i].c, cy + r * ax[i].s);
    }
    canvas_close_path(cv);
}

/* Wraps the axis labels at type size fs and width frac × the box, and
 * returns the largest radius at which the drawing fits (by bisection: the
 * extents grow with the radius).  *cut tells whether a label lost text. */
static double layout(canvas *cv, const chart_radar *rd, axis_label *labels, chart_rect area,
                     double fs, double frac, bool *cut)
{
    size_t n = rd->n_axes;
    double max_w = fmax(40, area.w * frac);
    *cut = false;
    for (size_t i = 0; i < n; i++) {
        axis_label *a = &labels[i];
        double t = -CHART_PI / 2 + 2 * CHART_PI * (double)i / (double)n;
        a->c = cos(t);
        a->s = sin(t);
        /* Exact zeros keep symmetric layouts symmetric. */
        if (fabs(a->c) < 1e-9)
            a->c = 0;
        if (fabs(a->s) < 1e-9)
            a->s = 0;
        a->n = chart_wrap(cv, rd->axes[i], fs, CANVAS_FONT_BOLD, max_w, 3, a->lines, &a->w);
        a->h = a->n > 0 ? (a->n - 1) * LINE_GAP * fs + (ASCENT + DESCENT) * fs : 0;
        if (a->n > 0 && strstr(a->lines[a->n - 1], "\xE2\x80\xA6") &&
            !strstr(rd->axes[i], "\xE2\x80\xA6"))
            *cut = true;
    }
    double lo = 0, hi = fmin(area.w, area.h) / 2, e[4];
    for (int it = 0; it < 40; it++) {
        double mid = (lo + hi) / 2;
        extents(labels, n, mid, e);
        if (e[0] + e[2] <= area.w && e[1] + e[3] <= area.h)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* True if any two axis labels' boxes come within 2 pt of each other. */
static bool overlaps(const axis_label *labels, size_t n, double radius)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            double a[4], b[4];
            label_box(&labels[i], radius, &a[0], &a[1], &a[2], &a[3]);
            label_box(&labels[j], radius, &b[0], &b[1], &b[2], &b[3]);
            if (a[0] < b[2] + 2 && b[0] < a[2] + 2 && a[1] < b[3] + 2 && b[1] < a[3] + 2)
                return true;
        }
    return false;
}

int chart_draw_radar(chart_ctx *x, const chart *ch, chart_rect area)
{
    const chart_radar *rd = &ch->radar;
    canvas *cv = x->cv;
    size_t n = rd->n_axes;

    chart_leg leg[1 + CHART_MAX_COMPARE];
    size_t nleg = 0;
    if (rd->main.name || rd->n_compare)
        leg[nleg++] =
            (chart_leg){LEG_LINE, rd->main.name, x->pal.primary, chart_white, MARK_CIRCLE, 0, 0};
    for (size_t i = 0; i < rd->n_compare; i++)
        leg[nleg++] =
            (chart_leg){LEG_LINE,    rd->compare[i].name,           chart_series_rgb(x, i + 1),
                        chart_white, (chart_mark)(MARK_SQUARE + i), i + 1, 0};
    chart_legend(x, leg, nleg, &area);

    /* Try label sizes and widths from the most to the least generous and
     * keep the first layout whose labels neither overlap nor are cut and
     * that leaves a fair radius; failing that, the first without overlaps,
     * failing that the last tried. */
    static const double tries[][2] = {{9, 0.24}, {9, 0.32}, {8, 0.24},  {8, 0.32},
                                      {7, 0.22}, {7, 0.3},  {6.5, 0.18}};
    const size_t ntries = sizeof tries / sizeof tries[0];
    axis_label labels[CHART_RADAR_MAX_AXES];
    double radius = 0, fs = FS_LABEL, e[4];
    int best = -1, fallback = -1;
    for (size_t t = 0; t < ntries && best < 0; t++) {
        bool cut = false;
        double r = layout(cv, rd, labels, area, tries[t][0], tries[t][1], &cut);
        bool overlap = overlaps(labels, n, r);
        if (!overlap && !cut && r >= 0.28 * fmin(area.w, area.h))
            best = (int)t;
        else if (!overlap && fallback < 0)
            fallback = (int)t;
    }
    int pick = best >= 0 ? best : fallback >= 0 ? fallback : (int)ntries - 1;
    fs = tries[pick][0];
    bool cut_unused;
    radius = layout(cv, rd, labels, area, fs, tries[pick][1], &cut_unused);
    if (radius < 10)
        return canvas_fail(cv, CANVAS_ERROR_INPUT); /* box too small to mean anything */
    extents(labels, n, radius, e);
    double cx = area.x + e[0] + (area.w - e[0] - e[2]) / 2;
    double cy = area.y + e[1] + (area.h - e[1] - e[3]) / 2;

    /* The main fill goes first so the grid stays visible through it. */
    canvas_set_fill(cv, chart_mix(chart_white, x->pal.primary, 0.2));
    series_path(cv, &rd->main, labels, n, cx, cy, radius);
    canvas_fill(cv);

    canvas_set_dash(cv, 0, 0);
    for (int k = 1; k <= 4; k++) {
        canvas_set_stroke(cv, k == 4 ? chart_axis_rgb : chart_grid_rgb);
        canvas_set_line_width(cv, k == 4 ? 0.9 : 0.7);
        ring(cv, cx, cy, radius * k / 4.0);
        canvas_stroke(cv);
    }
    for (size_t i = 0; i < n; i++)
        chart_stroke_line(cv, cx, cy, cx + radius * labels[i].c, cy + radius * labels[i].s,
                          chart_grid_rgb, 0.7);
    /* Ring values midway between the first two spokes, where the series
     * lines cross at an angle rather than run along them. */
    double mid = -CHART_PI / 2 + CHART_PI / (double)n, mc = cos(mid), ms = sin(mid);
    for (int k = 1; k <= 4; k++) {
        char buf[8];
        double rr = radius * k / 4.0 - 5;
        snprintf(buf, sizeof buf, "%d", k * 25);
        canvas_set_fill(cv, chart_muted_rgb);
        canvas_text(cv, cx + rr * mc, cy + rr * ms + 0.36 * 7, buf, 7, CANVAS_FONT_REGULAR,
                    CANVAS_ALIGN_CENTER, 0);
    }

    for (size_t s = 0; s < rd->n_compare; s++) {
        double on, off;
        canvas_rgb rgb = chart_series_rgb(x, s + 1);
        chart_series_dash(s + 1, &on, &off);
        canvas_set_dash(cv, on, off);
        canvas_set_stroke(cv, rgb);
        canvas_set_line_width(cv, 1.6);
        series_path(cv, &rd->compare[s], labels, n, cx, cy, radius);
        canvas_stroke(cv);
        canvas_set_dash(cv, 0, 0);
        for (size_t i = 0; i < n; i++) {
            double r = radius * chart_clamp(rd->compare[s].values[i], 0, 100) / 100.0;
            chart_marker(cv, (chart_mark)(MARK_SQUARE + s), cx + r * labels[i].c,
                         cy + r * labels[i].s, 3.0, rgb, chart_white);
        }
    }

    canvas_set_dash(cv, 0, 0);
    canvas_set_stroke(cv, x->pal.primary);
    canvas_set_line_width(cv, 2.2);
    series_path(cv, &rd->main, labels, n, cx, cy, radius);
    canvas_stroke(cv);
    canvas_rgb dark = chart_mix(x->pal.primary, (canvas_rgb){0, 0, 0}, 0.35);
    for (size_t i = 0; i < n; i++) {
        double v = chart_clamp(rd->main.values[i], 0, 100), r = radius * v / 100.0;
        chart_marker(cv, MARK_CIRCLE, cx + r * labels[i].c, cy + r * labels[i].s, 3.6,
                     x->pal.primary, chart_white);
    }
    /* Values last, on white, so no line runs through them; outside the
     * vertex, or inside it near the outer ring where the axis label is. */
    for (size_t i = 0; i < n; i++) {
        double v = chart_clamp(rd->main.values[i], 0, 100);
        double r = radius * v / 100.0 + (v >= 85 ? -11 : 10);
        char buf[8];
        chart_format_score(v, buf, sizeof buf);
        chart_text_halo(cv, cx + r * labels[i].c, cy + r * labels[i].s + 0.36 * FS_SMALL, buf,
                        FS_SMALL, CANVAS_FONT_BOLD, CANVAS_ALIGN_CENTER, dark);
    }

    for (size_t i = 0; i < n; i++) {
        const axis_label *a = &labels[i];
        double x0, y0, x1, y1;
        label_box(a, radius, &x0, &y0, &x1, &y1);
        canvas_align al = a->c > 0.2    ? CANVAS_ALIGN_LEFT
                          : a->c < -0.2 ? CANVAS_ALIGN_RIGHT
                                        : CANVAS_ALIGN_CENTER;
        double tx = al == CANVAS_ALIGN_LEFT ? x0 : al == CANVAS_ALIGN_RIGHT ? x1 : (x0 + x1) / 2;
        canvas_set_fill(cv, chart_text_rgb);
        for (int l = 0; l < a->n; l++)
            canvas_text(cv, cx + tx, cy + y0 + ASCENT * fs + l * LINE_GAP * fs, a->lines[l], fs,
                        CANVAS_FONT_BOLD, al, 0);
    }
    return cv->error;
}
