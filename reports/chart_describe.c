/*
 * chart_describe.c — a chart in one sentence, from its own numbers: the
 * text alternative a reader who cannot see the chart gets (the PDF
 * Figure's /Alt; meant too for an SVG's description and a workbook
 * chart's alt text).  It says what the chart shows, with the values the
 * chart prints, in the order the chart draws them, in the chart's language
 * (the labels are the caller's, the words between them the catalogue's).
 */
#include "chart.h"
#include "assess.h"
#include "l10n.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct {
    char *buf;
    size_t size, len; /* len may pass size: the text is then cut */
    const char *lang;
} out;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
put(out *o, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0)
        o->len += (size_t)n;
}

/* One decimal, as the chart labels print it. */
static double one(double v)
{
    return floor(v * 10 + 0.5 + 1e-7) / 10;
}

static void label(out *o, const char *s)
{
    put(o, "%s", s && s[0] ? s : l10n_get(o->lang, "(unnamed)"));
}

/* Opens the sentence with the chart's summary or title, or what it is. */
static void opening(out *o, const chart *ch, const char *what)
{
    if (ch->summary && ch->summary[0])
        put(o, "%s; ", ch->summary);
    else if (ch->title && ch->title[0])
        put(o, "%s: ", ch->title);
    else
        put(o, "%s: ", what);
}

static void radar(out *o, const chart *ch)
{
    const chart_radar *r = &ch->radar;
    opening(o, ch, l10n_get(o->lang, "Scores of 100 by dimension"));
    for (size_t k = 0; k < r->n_axes; k++)
        put(o, "%s%s %.1f", k ? ", " : "", r->axes[k], one(r->main.values[k]));
    for (size_t c = 0; c < r->n_compare; c++) {
        put(o, "; ");
        label(o, r->compare[c].name);
        for (size_t k = 0; k < r->n_axes; k++)
            put(o, "%s %.1f", k ? "," : "", one(r->compare[c].values[k]));
    }
}

static void bars(out *o, const chart *ch)
{
    const chart_bars *b = &ch->bars;
    opening(o, ch,
            b->series_name && b->series_name[0] ? b->series_name : l10n_get(o->lang, "Scores of 100"));
    for (size_t k = 0; k < b->n_rows; k++) {
        const chart_bar *r = &b->rows[k];
        put(o, "%s", k ? ", " : "");
        label(o, r->label);
        put(o, " %.1f", one(r->value));
        bool key = b->keys && r->key < b->n_keys;
        if (key || r->has_marker) {
            put(o, " (");
            if (key)
                put(o, "%s", b->keys[r->key]);
            if (r->has_marker)
                put(o, "%s%s %.1f", key ? "; " : "",
                    b->marker_name ? b->marker_name : l10n_get(o->lang, "marker"), one(r->marker));
            put(o, ")");
        }
    }
}

static void stacked(out *o, const chart *ch)
{
    const chart_stacked *s = &ch->stacked;
    opening(o, ch, l10n_get(o->lang, "Share of answers at each level"));
    for (size_t r = 0; r < s->n_rows; r++) {
        put(o, "%s", r ? "; " : "");
        label(o, s->rows[r].label);
        double sum = 0;
        for (size_t k = 0; k < s->n_levels; k++)
            sum += s->rows[r].shares[k];
        bool first = true;
        for (size_t k = 0; k < s->n_levels; k++) {
            double v = s->rows[r].shares[k];
            if (v <= 0)
                continue;
            put(o, "%s %s ", first ? "" : ",", s->levels[k]);
            /* TRANSLATORS: a share of answers in a chart's description, "19%" */
            put(o, l10n_get(o->lang, "%.0f%%"), floor(v / (sum > 0 ? sum : 1) * 100 + 0.5));
            first = false;
        }
    }
}

static void boxplot(out *o, const chart *ch)
{
    const chart_boxplot *b = &ch->boxplot;
    opening(o, ch, l10n_get(o->lang, "Scores of 100 across cities"));
    for (size_t g = 0; g < b->n_groups; g++) {
        const chart_box *x = &b->groups[g];
        put(o, "%s", g ? "; " : "");
        label(o, x->label);
        put(o, " %s %.1f", b->median_name ? b->median_name : l10n_get(o->lang, "median"),
            one(x->median));
        /* TRANSLATORS: a box plot's box and whiskers in words, after its
           median: ", middle half 33.5 to 84.5, range 0.0 to 100.0" */
        put(o, l10n_get(o->lang, ", middle half %.1f to %.1f, range %.1f to %.1f"), one(x->p25),
            one(x->p75), one(x->min), one(x->max));
        if (x->has_point)
            put(o, ", %s %.1f", b->point_name ? b->point_name : l10n_get(o->lang, "point"),
                one(x->point));
    }
}

static void line(out *o, const chart *ch)
{
    const chart_line *l = &ch->line;
    opening(o, ch, l10n_get(o->lang, "Scores of 100 by cycle"));
    for (size_t s = 0; s < l->n_series; s++) {
        put(o, "%s", s ? "; " : "");
        label(o, l->series[s].name);
        for (size_t c = 0; c < l->n_cycles; c++) {
            double v = l->series[s].values[c];
            if (isnan(v))
                put(o, "%s %s %s", c ? "," : "", l->cycles[c], l10n_get(o->lang, "no score"));
            else
                put(o, "%s %s %.1f", c ? "," : "", l->cycles[c], one(v));
        }
    }
}

size_t chart_describe(const chart *ch, char *buf, size_t size)
{
    out o = {buf, size, 0, ch->lang};
    if (size)
        buf[0] = '\0';
    switch (ch->kind) {
    case CHART_RADAR:
        radar(&o, ch);
        break;
    case CHART_BARS:
        bars(&o, ch);
        break;
    case CHART_STACKED:
        stacked(&o, ch);
        break;
    case CHART_BOXPLOT:
        boxplot(&o, ch);
        break;
    case CHART_LINE:
        line(&o, ch);
        break;
    }
    put(&o, ".");
    if (o.len >= size && size >= 4) { /* cut at a character: end with an ellipsis */
        size_t at = assess_utf8_cut(buf, size - 1, size - 4);
        memcpy(buf + at, "...", 4);
    }
    return o.len;
}
