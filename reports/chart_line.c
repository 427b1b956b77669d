/*
 * chart_line.c — scores across assessment cycles: one line per series on
 * a 0–100 scale, distinct marker, dash and colour per series, and direct
 * labels at the right end instead of a legend.  Missing cycles (NaN) leave
 * gaps; lines never bridge them.
 */
#include "chart_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_CYCLES 30

bool chart_line_ok(const chart_line *l)
{
    if (l->n_cycles < 2 || l->n_cycles > MAX_CYCLES || !l->cycles || l->n_series < 1 ||
        l->n_series > CHART_LINE_MAX_SERIES || !l->series)
        return false;
    for (size_t i = 0; i < l->n_cycles; i++)
        if (!l->cycles[i] || !chart_text_ok(l->cycles[i]))
            return false;
    for (size_t s = 0; s < l->n_series; s++) {
        if (!l->series[s].values || !chart_text_ok(l->series[s].name))
            return false;
        for (size_t i = 0; i < l->n_cycles; i++) {
            double v = l->series[s].values[i];
            if (!isnan(v) && !chart_score_ok(v))
                return false;
        }
    }
    return true;
}

typedef struct {
    size_t series;
    size_t last;   /* index of the last cycle with a value */
    double want_y; /* the last point's y */
    double y;      /* where the label goes after spreading */
} end_label;

static int by_want(const void *a, const void *b)
{
    const end_label *p = a, *q = b;
    if (p->want_y != q->want_y)
        return p->want_y < q->want_y ? -1 : 1;
    return p->series < q->series ? -1 : p->series > q->series;
}

/* Spreads label centres at least `gap` apart inside [lo, hi], moving each
 * as little as possible: push down in order, then push back up from the
 * bottom. */
static void spread(end_label *e, size_t n, double gap, double lo, double hi)
{
    for (size_t i = 0; i < n; i++) {
        e[i].y = fmax(e[i].want_y, lo);
        if (i > 0 && e[i].y < e[i - 1].y + gap)
            e[i].y = e[i - 1].y + gap;
    }
    for (size_t i = n; i-- > 0;) {
        double limit = i + 1 < n ? e[i + 1].y - gap : hi;
        if (e[i].y > limit)
            e[i].y = limit;
    }
}

int chart_draw_line(chart_ctx *x, const chart *ch, chart_rect area)
{
    const chart_line *l = &ch->line;
    canvas *cv = x->cv;
    size_t nc = l->n_cycles;

    /* End labels: name and last score; the column is as wide as the
     * widest, up to 30 % of the box. */
    end_label ends[CHART_LINE_MAX_SERIES];
    size_t nends = 0;
    double col = 0;
    for (size_t s = 0; s < l->n_series; s++) {
        size_t last = nc;
        for (size_t i = nc; i-- > 0;)
            if (!isnan(l->series[s].values[i])) {
                last = i;
                break;
            }
        if (last == nc)
            continue; /* no values at all: nothing to draw or label */
        ends[nends++] = (end_label){s, last, 0, 0};
        char buf[8];
        chart_format_score(l->series[s].values[last], buf, sizeof buf);
        double w = canvas_text_width(cv, buf, FS_LABEL, CANVAS_FONT_BOLD) + 4 +
                   canvas_text_width(cv, l->series[s].name ? l->series[s].name : "", FS_LABEL,
                                     CANVAS_FONT_REGULAR);
        col = fmax(col, w + 14);
    }
    col = fmin(col, area.w * 0.3);

    bool has_title = ch->value_label && *ch->value_label;
    double left = canvas_text_width(cv, "100", FS_SMALL, CANVAS_FONT_REGULAR) + 6 +
                  (has_title ? (ASCENT + DESCENT) * FS_LABEL + 4 : 0);
    double bottom = 5 + (ASCENT + DESCENT) * FS_LABEL;
    chart_rect plot = {area.x + left, area.y + 0.5 * FS_SMALL, area.w - left - col - 8,
                       area.h - bottom - 0.5 * FS_SMALL};
    if (plot.w < 40 || plot.h < 40)
        return canvas_fail(cv, CANVAS_ERROR_INPUT);

    /* Horizontal grid with score labels; the rotated axis title outside. */
    for (int k = 0; k <= 4; k++) {
        double gy = plot.y + plot.h * (1 - k / 4.0);
        chart_stroke_line(cv, plot.x, gy, plot.x + plot.w, gy,
                          k == 0 ? chart_axis_rgb : chart_grid_rgb, k == 0 ? 0.8 : 0.6);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", k * 25);
        canvas_set_fill(cv, chart_muted_rgb);
        canvas_text(cv, plot.x - 4, gy + 0.36 * FS_SMALL, buf, FS_SMALL, CANVAS_FONT_REGULAR,
                    CANVAS_ALIGN_RIGHT, 0);
    }
    if (has_title) {
        char buf[CHART_LINE_BYTES];
        chart_fit(cv, ch->value_label, FS_LABEL, CANVAS_FONT_REGULAR, plot.h, buf, sizeof buf);
        canvas_set_fill(cv, chart_muted_rgb);
        canvas_text(cv, area.x + ASCENT * FS_LABEL, plot.y + plot.h / 2, buf, FS_LABEL,
                    CANVAS_FONT_REGULAR, CANVAS_ALIGN_CENTER, 90);
    }

    /* Cycles sit half a step in from the plot edges so end markers do not
     * touch the frame. */
    double step = plot.w / (double)nc;
    for (size_t i = 0; i < nc; i++) {
        char buf[CHART_LINE_BYTES];
        double cxp = plot.x + step * (i + 0.5);
        chart_fit(cv, l->cycles[i], FS_LABEL, CANVAS_FONT_REGULAR, step - 4, buf, sizeof buf);
        canvas_set_fill(cv, chart_text_rgb);
        canvas_text(cv, cxp, plot.y + plot.h + 5 + ASCENT * FS_LABEL, buf, FS_LABEL,
                    CANVAS_FONT_REGULAR, CANVAS_ALIGN_CENTER, 0);
    }

    for (size_t s = 0; s < l->n_series; s++) {
        const double *v = l->series[s].values;
        canvas_rgb rgb = chart_series_rgb(x, s);
        double on, off;
        chart_series_dash(s, &on, &off);
        canvas_set_dash(cv, on, off);
        canvas_set_stroke(cv, rgb);
        canvas_set_line_width(cv, 2);
        /* One stroke per run of consecutive values. */
        size_t i = 0;
        while (i < nc) {
            while (i < nc && isnan(v[i]))
                i++;
            size_t j = i;
            while (j < nc && !isnan(v[j]))
                j++;
            if (j - i >= 2) {
                for (size_t k = i; k < j; k++) {
                    double px = plot.x + step * (k + 0.5);
                    double py = plot.y + plot.h * (1 - chart_clamp(v[k], 0, 100) / 100);
                    if (k == i)
                        canvas_move_to(cv, px, py);
                    else
                        canvas_line_to(cv, px, py);
                }
                canvas_stroke(cv);
            }
            i = j;
        }
        canvas_set_dash(cv, 0, 0);
        for (size_t k = 0; k < nc; k++)
            if (!isnan(v[k]))
                chart_marker(cv, (chart_mark)(s % MARK_COUNT), plot.x + step * (k + 0.5),
                             plot.y + plot.h * (1 - chart_clamp(v[k], 0, 100) / 100), 3.4, rgb,
                             chart_white);
    }

    for (size_t e = 0; e < nends; e++)
        ends[e].want_y =
            plot.y +
            plot.h *
                (1 - chart_clamp(l->series[ends[e].series].values[ends[e].last], 0, 100) / 100);
    qsort(ends, nends, sizeof ends[0], by_want);
    spread(ends, nends, LINE_GAP * FS_LABEL + 1, area.y + FS_LABEL * 0.6,
           area.y + area.h - FS_LABEL * 0.6);
    double lx = plot.x + plot.w + 8;
    for (size_t e = 0; e < nends; e++) {
        const end_label *el = &ends[e];
        const chart_series *sr = &l->series[el->series];
        canvas_rgb rgb = chart_series_rgb(x, el->series);
        double px = plot.x + step * (el->last + 0.5);
        /* A leader when the label had to move or the series ended early. */
        if (fabs(el->y - el->want_y) > 1.5 || el->last + 1 < nc)
            chart_stroke_line(cv, px + 5, el->want_y, lx - 2, el->y, chart_axis_rgb, 0.5);
        chart_marker(cv, (chart_mark)(el->series % MARK_COUNT), lx + 4, el->y, 3, rgb, chart_white);
        char val[8];
        chart_format_score(sr->values[el->last], val, sizeof val);
        double vw = canvas_text_width(cv, val, FS_LABEL, CANVAS_FONT_BOLD);
        double base = el->y + 0.36 * FS_LABEL;
        canvas_set_fill(cv, chart_text_rgb);
        canvas_text(cv, lx + 11, base, val, FS_LABEL, CANVAS_FONT_BOLD, CANVAS_ALIGN_LEFT, 0);
        char name[CHART_LINE_BYTES];
        chart_fit(cv, sr->name ? sr->name : "", FS_LABEL, CANVAS_FONT_REGULAR,
                  area.x + area.w - (lx + 15 + vw), name, sizeof name);
        canvas_text(cv, lx + 15 + vw, base, name, FS_LABEL, CANVAS_FONT_REGULAR, CANVAS_ALIGN_LEFT,
                    0);
    }
    return cv->error;
}
