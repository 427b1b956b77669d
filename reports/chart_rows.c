/*
 * chart_rows.c — the three horizontal row charts on a 0–100 axis: score
 * bars (with median ticks and p25–p75 bands), 100 % stacked bars of level
 * shares, and box plots by group.  They share one row layout: wrapped
 * labels at the left, the axis at the bottom, the legend under it.
 */
#include "chart_internal.h"
#include "theme.h"

#include <math.h>
#include <stdio.h>

#define MAX_ROWS 200

/* The shared frame: label column, plot rectangle and row pitch. */
typedef struct {
    chart_row_labels rl;
    chart_rect plot;
    double row_h;
} rows_frame;

static rows_frame frame(chart_ctx *x, chart_rect area, const void *rows, size_t stride, size_t n,
                        const char *value_label, double right, int sub_lines)
{
    rows_frame f;
    double plot_h = area.h - chart_value_axis_height(value_label);
    f.row_h = plot_h / (double)n;
    double max_label = fmin(area.w * 0.38, area.w - right - 80);
    f.rl = chart_row_labels_fit(x->cv, rows, stride, n, f.row_h, fmax(max_label, 20), sub_lines);
    f.plot.x = area.x + f.rl.col_w + 8;
    f.plot.y = area.y;
    f.plot.w = area.x + area.w - right - f.plot.x;
    f.plot.h = plot_h;
    return f;
}

static double vx(const rows_frame *f, double v)
{
    return f->plot.x + f->plot.w * chart_clamp(v, 0, 100) / 100.0;
}

static double row_cy(const rows_frame *f, size_t i)
{
    return f->plot.y + ((double)i + 0.5) * f->row_h;
}

static bool rows_fit(chart_ctx *x, const rows_frame *f)
{
    /* Too small to draw honestly: fail rather than draw overlapping rows. */
    if (f->plot.w < 30 || f->row_h < 6) {
        canvas_fail(x->cv, CANVAS_ERROR_INPUT);
        return false;
    }
    return true;
}

/* ## Bars */

bool chart_bars_ok(const chart_bars *b)
{
    if (b->n_rows < 1 || b->n_rows > MAX_ROWS || !b->rows || b->n_keys > 6 ||
        (b->n_keys && !b->keys) || !chart_text_ok(b->marker_name) || !chart_text_ok(b->band_name) ||
        !chart_text_ok(b->series_name))
        return false;
    for (size_t i = 0; i < b->n_keys; i++)
        if (!b->keys[i] || !chart_text_ok(b->keys[i]))
            return false;
    for (size_t i = 0; i < b->n_rows; i++) {
        const chart_bar *r = &b->rows[i];
        if (!chart_text_ok(r->label) || !chart_score_ok(r->value) ||
            (r->has_marker && !chart_score_ok(r->marker)) ||
            (r->has_band && (!chart_score_ok(r->band_lo) || !chart_score_ok(r->band_hi) ||
                             r->band_lo > r->band_hi)) ||
            (b->n_keys && r->key >= b->n_keys))
            return false;
    }
    return true;
}

static canvas_rgb key_rgb(const chart_ctx *x, size_t k, size_t n)
{
    return n <= 1 ? x->pal.primary : chart_ramp_rgb(x, k, n);
}

canvas_rgb chart_key_colour(const chart_palette *pal, size_t k, size_t n)
{
    chart_ctx x = {0};
    x.pal = chart_palette_marks(pal);
    return key_rgb(&x, k, n);
}

int chart_draw_bars(chart_ctx *x, const chart *ch, chart_rect area)
{
    const chart_bars *b = &ch->bars;
    canvas *cv = x->cv;
    const canvas_rgb band_rgb = {0.88, 0.88, 0.88};
    bool any_marker = false, any_band = false;
    for (size_t i = 0; i < b->n_rows; i++) {
        any_marker |= b->rows[i].has_marker;
        any_band |= b->rows[i].has_band;
    }

    chart_leg leg[CHART_LEG_MAX];
    size_t nleg = 0;
    if (b->n_keys) {
        for (size_t k = 0; k < b->n_keys && nleg < CHART_LEG_MAX - 2; k++)
            leg[nleg++] = (chart_leg){LEG_BOX,     b->keys[k],  key_rgb(x, k, b->n_keys),
                                      chart_white, MARK_SQUARE, 0, 0};
    } else if (any_marker || any_band || b->series_name) {
        leg[nleg++] = (chart_leg){LEG_BOX,        b->series_name ? b->series_name : "",
                                  x->pal.primary, chart_white,
                                  MARK_SQUARE,    0, 0};
    }
    if (any_marker && b->marker_name)
        leg[nleg++] =
            (chart_leg){LEG_TICK, b->marker_name, chart_text_rgb, chart_white, MARK_SQUARE, 0, 0};
    if (any_band && b->band_name)
        leg[nleg++] = (chart_leg){LEG_BAND, b->band_name, band_rgb, chart_white, MARK_SQUARE, 0, 0};
    chart_legend(x, leg, nleg, &area);

    /* Room right of the 100 line for a value label pushed past a tick. */
    double right = canvas_text_width(cv, "100", FS_SMALL, CANVAS_FONT_BOLD) + 12;
    /* with keys, each row names its key under its label: never by colour alone */
    rows_frame f = frame(x, area, b->rows, sizeof b->rows[0], b->n_rows, ch->value_label, right,
                         b->n_keys > 0);
    if (!rows_fit(x, &f))
        return cv->error;
    chart_value_axis(x, f.plot, ch->value_label, false);

    double bt = fmin(f.row_h * 0.6, 16);
    double band_h = fmin(bt + 6, f.row_h * 0.92);
    for (size_t i = 0; i < b->n_rows; i++) {
        const chart_bar *r = &b->rows[i];
        double cy = row_cy(&f, i), x0 = f.plot.x, x1 = vx(&f, r->value);
        const char *key = b->n_keys && r->key < b->n_keys ? b->keys[r->key] : NULL;
        chart_row_label(cv, &f.rl, r->label, key, f.plot.x - 8, cy);
        if (r->has_band) {
            canvas_set_fill(cv, band_rgb);
            chart_rect_path(cv, vx(&f, r->band_lo), cy - band_h / 2,
                            vx(&f, r->band_hi) - vx(&f, r->band_lo), band_h);
            canvas_fill(cv);
        }
        if (x1 > x0) {
            canvas_rgb fill = b->n_keys ? key_rgb(x, r->key, b->n_keys) : x->pal.primary;
            /* a light key's bar: its outline gives the mark its contrast */
            bool outline = theme_contrast(fill, chart_white) < THEME_MARK_CONTRAST;
            canvas_set_fill(cv, fill);
            if (outline) { /* (set before the path: PDF allows no state change inside one) */
                canvas_set_stroke(cv, chart_axis_rgb);
                canvas_set_line_width(cv, 0.75);
            }
            chart_rect_path(cv, x0, cy - bt / 2, x1 - x0, bt);
            if (outline)
                canvas_fill_stroke(cv);
            else
                canvas_fill(cv);
        }
        double tx = x1 + 3;
        char buf[8];
        chart_format_score(r->value, buf, sizeof buf);
        double tw = canvas_text_width(cv, buf, FS_SMALL, CANVAS_FONT_BOLD);
        if (r->has_marker) {
            double mx = vx(&f, r->marker);
            double half = fmin(bt / 2 + 3.5, f.row_h / 2 - 0.5);
            chart_stroke_line(cv, mx, cy - half, mx, cy + half, chart_text_rgb, 2);
            /* Keep the value clear of the tick. */
            if (mx > x1 - 2 && mx < tx + tw + 2)
                tx = mx + 4;
        }
        canvas_set_fill(cv, chart_text_rgb);
        canvas_text(cv, tx, cy + 0.36 * FS_SMALL, buf, FS_SMALL, CANVAS_FONT_BOLD,
                    CANVAS_ALIGN_LEFT, 0);
    }
    return cv->error;
}

/* ## 100 % stacked bars */

bool chart_stacked_ok(const chart_stacked *s)
{
    if (s->n_levels < 2 || s->n_levels > CHART_MAX_LEVELS || !s->levels || s->n_rows < 1 ||
        s->n_rows > MAX_ROWS || !s->rows)
        return false;
    for (size_t i = 0; i < s->n_levels; i++)
        if (!s->levels[i] || !chart_text_ok(s->levels[i]))
            return false;
    for (size_t i = 0; i < s->n_rows; i++) {
        const chart_stack_row *r = &s->rows[i];
        if (!chart_text_ok(r->label) || !r->shares)
            return false;
        double sum = 0;
        for (size_t k = 0; k < s->n_levels; k++) {
            if (!(r->shares[k] >= 0 && r->shares[k] <= 1))
                return false;
            sum += r->shares[k];
        }
        if (fabs(sum - 1) > 0.01)
            return false;
    }
    return true;
}

static const canvas_rgb gap_rgb = {0.86, 0.86, 0.86};

/* The colour of level k: the ramp over the real levels, grey for a gap. */
static canvas_rgb stack_rgb(const chart_ctx *x, const chart_stacked *s, size_t k)
{
    size_t levels = s->last_is_gap ? s->n_levels - 1 : s->n_levels;
    if (k >= levels)
        return gap_rgb;
    return chart_ramp_rgb(x, k, levels);
}

/* The pattern of level k: each real level its own, none for a gap. */
static int stack_pattern(const chart_stacked *s, size_t k)
{
    size_t levels = s->last_is_gap ? s->n_levels - 1 : s->n_levels;
    return k >= levels ? 0 : (int)(k % 7);
}

int chart_draw_stacked(chart_ctx *x, const chart *ch, chart_rect area)
{
    const chart_stacked *s = &ch->stacked;
    canvas *cv = x->cv;
    size_t nl = s->n_levels;

    chart_leg leg[CHART_MAX_LEVELS];
    for (size_t k = 0; k < nl; k++)
        leg[k] = (chart_leg){LEG_BOX,        s->levels[k], stack_rgb(x, s, k),
                             chart_axis_rgb, MARK_SQUARE,  0, stack_pattern(s, k)};
    chart_legend(x, leg, nl, &area);

    double right = canvas_text_width(cv, "100%", FS_SMALL, CANVAS_FONT_REGULAR) / 2 + 2;
    rows_frame f = frame(x, area, s->rows, sizeof s->rows[0], s->n_rows, ch->value_label, right, 0);
    if (!rows_fit(x, &f))
        return cv->error;
    chart_value_axis(x, f.plot, ch->value_label, true);

    double bt = fmin(f.row_h * 0.7, 22);
    for (size_t i = 0; i < s->n_rows; i++) {
        const chart_stack_row *r = &s->rows[i];
        double cy = row_cy(&f, i), top = cy - bt / 2, sum = 0, acc = 0;
        chart_row_label(cv, &f.rl, r->label, NULL, f.plot.x - 8, cy);
        for (size_t k = 0; k < nl; k++)
            sum += r->shares[k];
        /* Segment edges come from the running total, so the last edge is
         * exactly the right end of the axis. */
        double edge[CHART_MAX_LEVELS + 1];
        edge[0] = f.plot.x;
        for (size_t k = 0; k < nl; k++) {
            acc += r->shares[k];
            edge[k + 1] = k + 1 == nl ? f.plot.x + f.plot.w : f.plot.x + f.plot.w * acc / sum;
        }
        /* Direct labels only where they fit with some air around them. */
        double label_w[CHART_MAX_LEVELS] = {0};
        for (size_t k = 0; k < nl && bt >= FS_SMALL + 2; k++) {
            char buf[8];
            snprintf(buf, sizeof buf, "%.0f%%", floor(r->shares[k] / sum * 100 + 0.5));
            double tw = canvas_text_width(cv, buf, FS_SMALL, CANVAS_FONT_REGULAR);
            if (r->shares[k] > 0 && edge[k + 1] - edge[k] >= tw + 6)
                label_w[k] = tw;
        }
        for (size_t k = 0; k < nl; k++) {
            if (edge[k + 1] <= edge[k])
                continue;
            canvas_set_fill(cv, stack_rgb(x, s, k));
            chart_rect_path(cv, edge[k], top, edge[k + 1] - edge[k], bt);
            canvas_fill(cv);
            /* hatched, except behind its label */
            double lw = label_w[k] > 0 ? label_w[k] + 4 : 0, mid = (edge[k] + edge[k + 1]) / 2;
            double a = lw ? mid - lw / 2 : edge[k + 1], b = lw ? mid + lw / 2 : edge[k + 1];
            chart_hatch(cv, edge[k], top, a - edge[k], bt, stack_pattern(s, k), stack_rgb(x, s, k));
            chart_hatch(cv, b, top, edge[k + 1] - b, bt, stack_pattern(s, k), stack_rgb(x, s, k));
        }
        for (size_t k = 1; k < nl; k++)
            if (edge[k] > f.plot.x && edge[k] < f.plot.x + f.plot.w)
                chart_stroke_line(cv, edge[k], top, edge[k], top + bt, chart_white, 1);
        canvas_set_stroke(cv, chart_axis_rgb);
        canvas_set_line_width(cv, 0.5);
        chart_rect_path(cv, f.plot.x, top, f.plot.w, bt);
        canvas_stroke(cv);
        for (size_t k = 0; k < nl; k++) {
            if (label_w[k] <= 0)
                continue;
            char buf[8];
            snprintf(buf, sizeof buf, "%.0f%%", floor(r->shares[k] / sum * 100 + 0.5));
            canvas_rgb bg = stack_rgb(x, s, k);
            canvas_set_fill(cv, theme_text_on(bg));
            canvas_text(cv, (edge[k] + edge[k + 1]) / 2, cy + 0.36 * FS_SMALL, buf, FS_SMALL,
                        CANVAS_FONT_REGULAR, CANVAS_ALIGN_CENTER, 0);
        }
    }
    return cv->error;
}

/* ## Box plots */

bool chart_boxplot_ok(const chart_boxplot *b)
{
    if (b->n_groups < 1 || b->n_groups > MAX_ROWS || !b->groups || !chart_text_ok(b->point_name) ||
        !chart_text_ok(b->box_name) || !chart_text_ok(b->median_name) ||
        !chart_text_ok(b->range_name))
        return false;
    for (size_t i = 0; i < b->n_groups; i++) {
        const chart_box *g = &b->groups[i];
        const double v[5] = {g->min, g->p25, g->median, g->p75, g->max};
        if (!chart_text_ok(g->label) || (g->has_point && !chart_score_ok(g->point)))
            return false;
        for (int k = 0; k < 5; k++)
            if (!chart_score_ok(v[k]) || (k > 0 && v[k] < v[k - 1]))
                return false;
    }
    return true;
}

int chart_draw_boxplot(chart_ctx *x, const chart *ch, chart_rect area)
{
    const chart_boxplot *b = &ch->boxplot;
    canvas *cv = x->cv;
    canvas_rgb box_rgb = chart_mix(chart_white, x->pal.primary, 0.3);
    canvas_rgb dark = chart_mix(x->pal.primary, (canvas_rgb){0, 0, 0}, 0.45);
    bool any_point = false, any_n = false;
    for (size_t i = 0; i < b->n_groups; i++) {
        any_point |= b->groups[i].has_point;
        any_n |= b->groups[i].n > 0;
    }

    chart_leg leg[4];
    size_t nleg = 0;
    if (b->box_name)
        leg[nleg++] = (chart_leg){LEG_BOX, b->box_name, box_rgb, dark, MARK_SQUARE, 0, 0};
    if (b->median_name)
        leg[nleg++] = (chart_leg){LEG_TICK, b->median_name, dark, dark, MARK_SQUARE, 0, 0};
    if (b->range_name)
        leg[nleg++] = (chart_leg){LEG_WHISKER, b->range_name, dark, dark, MARK_SQUARE, 0, 0};
    if (any_point && b->point_name)
        leg[nleg++] =
            (chart_leg){LEG_MARKER, b->point_name, x->pal.accent, chart_white, MARK_DIAMOND, 0, 0};
    chart_legend(x, leg, nleg, &area);

    double right = canvas_text_width(cv, "100", FS_SMALL, CANVAS_FONT_BOLD) + 10;
    rows_frame f =
        frame(x, area, b->groups, sizeof b->groups[0], b->n_groups, ch->value_label, right, any_n);
    if (!rows_fit(x, &f))
        return cv->error;
    chart_value_axis(x, f.plot, ch->value_label, false);

    double bh = fmin(f.row_h * 0.55, 18);
    for (size_t i = 0; i < b->n_groups; i++) {
        const chart_box *g = &b->groups[i];
        double cy = row_cy(&f, i);
        char sub[32];
        snprintf(sub, sizeof sub, "n = %d", g->n);
        chart_row_label(cv, &f.rl, g->label, g->n > 0 ? sub : NULL, f.plot.x - 8, cy);

        double xmin = vx(&f, g->min), x25 = vx(&f, g->p25), xmed = vx(&f, g->median);
        double x75 = vx(&f, g->p75), xmax = vx(&f, g->max);
        chart_stroke_line(cv, xmin, cy, x25, cy, dark, 1);
        chart_stroke_line(cv, x75, cy, xmax, cy, dark, 1);
        chart_stroke_line(cv, xmin, cy - bh / 4, xmin, cy + bh / 4, dark, 1);
        chart_stroke_line(cv, xmax, cy - bh / 4, xmax, cy + bh / 4, dark, 1);
        canvas_set_fill(cv, box_rgb);
        canvas_set_stroke(cv, dark);
        canvas_set_line_width(cv, 0.9);
        chart_rect_path(cv, x25, cy - bh / 2, x75 - x25, bh);
        canvas_fill_stroke(cv);
        chart_stroke_line(cv, xmed, cy - bh / 2, xmed, cy + bh / 2, dark, 2.4);
        if (g->has_point) {
            double px = vx(&f, g->point);
            chart_marker(cv, MARK_DIAMOND, px, cy, fmin(5, bh / 2.5), x->pal.accent, chart_white);
            /* The value right beside the point, on white over the box. */
            char buf[8];
            chart_format_score(g->point, buf, sizeof buf);
            chart_text_halo(cv, px + fmin(5, bh / 2.5) + 3, cy + 0.36 * FS_SMALL, buf, FS_SMALL,
                            CANVAS_FONT_BOLD, CANVAS_ALIGN_LEFT,
                            chart_mix(x->pal.accent, (canvas_rgb){0, 0, 0}, 0.25));
        }
    }
    return cv->error;
}
