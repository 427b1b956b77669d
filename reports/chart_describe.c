/*
 * chart_describe.c — one sentence that says what a chart shows, computed
 * from the chart's own numbers, for readers who cannot see it: the SVG
 * <desc> in HTML, a figure's alternative text elsewhere.  Numbers print
 * with one decimal, as everywhere a reader looks.
 */
#include "chart.h"
#include "xmlbuf.h"

#include <stdlib.h>
#include <string.h>

/* More rows than this are summarised (lowest and highest) rather than
 * listed: a sentence a screen reader reads in one go. */
#define LIST_MAX 12

static void series(xmlbuf *b, const chart_series *s, const char *const *labels, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (k)
            xb_puts(b, ", ");
        if (s->values[k] == s->values[k])
            xb_printf(b, "%s %.1f", labels[k], s->values[k]);
        else
            xb_printf(b, "%s no score", labels[k]);
    }
}

static void radar(xmlbuf *b, const chart_radar *r)
{
    if (r->main.name)
        xb_printf(b, "%s: ", r->main.name);
    series(b, &r->main, r->axes, r->n_axes);
    xb_puts(b, " out of 100");
    for (size_t k = 0; k < r->n_compare; k++) {
        xb_printf(b, "; %s: ", r->compare[k].name ? r->compare[k].name : "comparison");
        series(b, &r->compare[k], r->axes, r->n_axes);
    }
}

static void bar(xmlbuf *b, const chart_bars *c, const chart_bar *r)
{
    xb_printf(b, "%s %.1f", r->label, r->value);
    if (c->n_keys && r->key < c->n_keys)
        xb_printf(b, " (%s)", c->keys[r->key]);
    if (r->has_marker)
        xb_printf(b, ", %s %.1f", c->marker_name ? c->marker_name : "marker", r->marker);
    if (r->has_band)
        xb_printf(b, ", %s %.1f to %.1f", c->band_name ? c->band_name : "range", r->band_lo,
                  r->band_hi);
}

static void bars(xmlbuf *b, const chart_bars *c)
{
    if (c->series_name)
        xb_printf(b, "%s out of 100: ", c->series_name);
    if (c->n_rows <= LIST_MAX) {
        for (size_t k = 0; k < c->n_rows; k++) {
            if (k)
                xb_puts(b, "; ");
            bar(b, c, &c->rows[k]);
        }
        return;
    }
    size_t lo = 0, hi = 0;
    for (size_t k = 1; k < c->n_rows; k++) {
        if (c->rows[k].value < c->rows[lo].value)
            lo = k;
        if (c->rows[k].value > c->rows[hi].value)
            hi = k;
    }
    xb_printf(b, "%zu bars, lowest ", c->n_rows);
    bar(b, c, &c->rows[lo]);
    xb_puts(b, "; highest ");
    bar(b, c, &c->rows[hi]);
}

static void stacked(xmlbuf *b, const chart_stacked *c)
{
    for (size_t r = 0; r < c->n_rows && r < LIST_MAX; r++) {
        if (r)
            xb_puts(b, "; ");
        xb_printf(b, "%s: ", c->rows[r].label);
        bool first = true;
        for (size_t l = 0; l < c->n_levels; l++) {
            double s = c->rows[r].shares[l];
            if (s <= 0)
                continue;
            xb_printf(b, "%s%s %.1f %%", first ? "" : ", ", c->levels[l], s * 100);
            first = false;
        }
    }
    if (c->n_rows > LIST_MAX)
        xb_printf(b, "; and %zu more rows", c->n_rows - LIST_MAX);
}

static void boxplot(xmlbuf *b, const chart_boxplot *c)
{
    for (size_t g = 0; g < c->n_groups && g < LIST_MAX; g++) {
        const chart_box *x = &c->groups[g];
        if (g)
            xb_puts(b, "; ");
        xb_printf(b, "%s: %s %.1f, %s %.1f to %.1f, %s %.1f to %.1f", x->label,
                  c->median_name ? c->median_name : "median", x->median,
                  c->box_name ? c->box_name : "middle half", x->p25, x->p75,
                  c->range_name ? c->range_name : "range", x->min, x->max);
        if (x->n > 0)
            xb_printf(b, " (%d)", x->n);
        if (x->has_point)
            xb_printf(b, ", %s %.1f", c->point_name ? c->point_name : "point", x->point);
    }
    if (c->n_groups > LIST_MAX)
        xb_printf(b, "; and %zu more groups", c->n_groups - LIST_MAX);
}

static void line(xmlbuf *b, const chart_line *c)
{
    for (size_t s = 0; s < c->n_series; s++) {
        if (s)
            xb_puts(b, "; ");
        xb_printf(b, "%s: ", c->series[s].name ? c->series[s].name : "series");
        series(b, &c->series[s], c->cycles, c->n_cycles);
    }
}

char *chart_describe(const chart *ch)
{
    xmlbuf b = {0};
    if (ch->title && ch->title[0])
        xb_printf(&b, "%s. ", ch->title);
    size_t start = b.len;
    switch (ch->kind) {
    case CHART_RADAR:
        radar(&b, &ch->radar);
        break;
    case CHART_BARS:
        bars(&b, &ch->bars);
        break;
    case CHART_STACKED:
        stacked(&b, &ch->stacked);
        break;
    case CHART_BOXPLOT:
        boxplot(&b, &ch->boxplot);
        break;
    case CHART_LINE:
        line(&b, &ch->line);
        break;
    }
    if (b.len > start)
        xb_puts(&b, ".");
    if (b.failed || !b.data) {
        xb_free(&b);
        return NULL;
    }
    return b.data;
}
