/*
 * html_chart.c — a chart in the page: a <figure> holding the chart as
 * inline SVG (drawn by chart_draw on the SVG canvas, text as <text>), the
 * same SVG as an image for word processors (`hidden`, so browsers and
 * screen readers skip it; LibreOffice drops inline SVG but keeps an image
 * and adds its own PNG rendering of it), the sentence that describes it,
 * and its numbers as a table.  Nothing is rasterised: a page costs about
 * what the PDF does.
 */
#include "html_internal.h"
#include "l10n.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define TEXT_W 468.0 /* the PDF's text width, in points: charts are laid out for it */

/* ## The numbers as a table, one kind at a time */

static void num_cell(html_ctx *x, size_t c, double v, bool percent)
{
    char s[32];
    if (v != v)
        snprintf(s, sizeof s, "–");
    else
        snprintf(s, sizeof s, percent ? "%.1f %%" : "%.1f", percent ? v * 100 : v);
    html_table_cell(x, c, DOC_ALIGN_RIGHT, &(doc_cell){.text = s});
}

static void label_cell(html_ctx *x, size_t c, const char *s)
{
    html_table_cell(x, c, DOC_ALIGN_LEFT, &(doc_cell){.text = s});
}

#define MAX_COLS 8

static void open_table(html_ctx *x, const char *caption, const char *const *titles, size_t n)
{
    doc_align al[MAX_COLS];
    for (size_t c = 0; c < n; c++)
        al[c] = c ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT;
    html_table_open(x, caption, titles, al, n, false);
}

static void radar_table(html_ctx *x, const chart_radar *r, const char *caption)
{
    const char *lang = x->doc->info.lang;
    const char *t[MAX_COLS] = {l10n_get(lang, "Measure"),
                               r->main.name ? r->main.name : l10n_get(lang, "Score")};
    size_t n = 2;
    for (size_t k = 0; k < r->n_compare && n < MAX_COLS; k++)
        t[n++] = r->compare[k].name ? r->compare[k].name : l10n_get(lang, "Comparison");
    open_table(x, caption, t, n);
    for (size_t a = 0; a < r->n_axes; a++) {
        html_table_row_open(x);
        label_cell(x, 0, r->axes[a]);
        num_cell(x, 1, r->main.values[a], false);
        for (size_t k = 2; k < n; k++)
            num_cell(x, k, r->compare[k - 2].values[a], false);
        html_table_row_close(x);
    }
    html_table_close(x);
}

static void bars_table(html_ctx *x, const chart *ch, const char *caption)
{
    const chart_bars *c = &ch->bars;
    bool marker = false, band = false;
    for (size_t k = 0; k < c->n_rows; k++) {
        marker |= c->rows[k].has_marker;
        band |= c->rows[k].has_band;
    }
    const char *lang = x->doc->info.lang;
    const char *t[MAX_COLS] = {l10n_get(lang, "Measure"), c->series_name    ? c->series_name
                                                          : ch->value_label ? ch->value_label
                                                                            : l10n_get(lang, "Score")};
    size_t n = 2, key_col = 0, marker_col = 0, band_col = 0;
    if (c->n_keys)
        t[key_col = n++] = l10n_get(lang, "Stage");
    if (marker)
        t[marker_col = n++] = c->marker_name ? c->marker_name : l10n_get(lang, "Marker");
    if (band)
        t[band_col = n++] = c->band_name ? c->band_name : l10n_get(lang, "Range");
    open_table(x, caption, t, n);
    for (size_t k = 0; k < c->n_rows; k++) {
        const chart_bar *r = &c->rows[k];
        html_table_row_open(x);
        label_cell(x, 0, r->label);
        num_cell(x, 1, r->value, false);
        if (key_col)
            html_table_cell(x, key_col, DOC_ALIGN_RIGHT,
                            &(doc_cell){.text = r->key < c->n_keys ? c->keys[r->key] : ""});
        if (marker_col)
            num_cell(x, marker_col, r->has_marker ? r->marker : NAN, false);
        if (band_col) {
            char s[64] = "–";
            if (r->has_band)
                snprintf(s, sizeof s, "%.1f–%.1f", r->band_lo, r->band_hi);
            html_table_cell(x, band_col, DOC_ALIGN_RIGHT, &(doc_cell){.text = s});
        }
        html_table_row_close(x);
    }
    html_table_close(x);
}

static void stacked_table(html_ctx *x, const chart_stacked *c, const char *caption)
{
    const char *t[MAX_COLS] = {l10n_get(x->doc->info.lang, "Measure")};
    size_t n = 1 + (c->n_levels < MAX_COLS - 1 ? c->n_levels : MAX_COLS - 1);
    for (size_t l = 1; l < n; l++)
        t[l] = c->levels[l - 1];
    open_table(x, caption, t, n);
    for (size_t r = 0; r < c->n_rows; r++) {
        html_table_row_open(x);
        label_cell(x, 0, c->rows[r].label);
        for (size_t l = 1; l < n; l++)
            num_cell(x, l, c->rows[r].shares[l - 1], true);
        html_table_row_close(x);
    }
    html_table_close(x);
}

static void boxplot_table(html_ctx *x, const chart_boxplot *c, const char *caption)
{
    bool point = false;
    for (size_t g = 0; g < c->n_groups; g++)
        point |= c->groups[g].has_point;
    const char *lang = x->doc->info.lang;
    const char *t[MAX_COLS] = {l10n_get(lang, "Measure"),
                               l10n_get(lang, "Entities"),
                               l10n_get(lang, "Lowest"),
                               l10n_get(lang, "Lower quartile"),
                               c->median_name ? c->median_name : l10n_get(lang, "Median"),
                               l10n_get(lang, "Upper quartile"),
                               l10n_get(lang, "Highest"),
                               c->point_name ? c->point_name : l10n_get(lang, "Point")};
    open_table(x, caption, t, point ? 8 : 7);
    for (size_t g = 0; g < c->n_groups; g++) {
        const chart_box *b = &c->groups[g];
        char n[24] = "–";
        if (b->n > 0)
            snprintf(n, sizeof n, "%d", b->n);
        html_table_row_open(x);
        label_cell(x, 0, b->label);
        html_table_cell(x, 1, DOC_ALIGN_RIGHT, &(doc_cell){.text = n});
        double v[5] = {b->min, b->p25, b->median, b->p75, b->max};
        for (size_t k = 0; k < 5; k++)
            num_cell(x, 2 + k, v[k], false);
        if (point)
            num_cell(x, 7, b->has_point ? b->point : NAN, false);
        html_table_row_close(x);
    }
    html_table_close(x);
}

static void line_table(html_ctx *x, const chart_line *c, const char *caption)
{
    const char *lang = x->doc->info.lang;
    const char *t[MAX_COLS] = {l10n_get(lang, "Cycle")};
    size_t n = 1 + (c->n_series < MAX_COLS - 1 ? c->n_series : MAX_COLS - 1);
    for (size_t s = 1; s < n; s++)
        t[s] = c->series[s - 1].name ? c->series[s - 1].name : l10n_get(lang, "Series");
    open_table(x, caption, t, n);
    for (size_t k = 0; k < c->n_cycles; k++) {
        html_table_row_open(x);
        label_cell(x, 0, c->cycles[k]);
        for (size_t s = 1; s < n; s++)
            num_cell(x, s, c->series[s - 1].values[k], false);
        html_table_row_close(x);
    }
    html_table_close(x);
}

static void data_table(html_ctx *x, const chart *ch, const char *caption)
{
    switch (ch->kind) {
    case CHART_RADAR:
        radar_table(x, &ch->radar, caption);
        break;
    case CHART_BARS:
        bars_table(x, ch, caption);
        break;
    case CHART_STACKED:
        stacked_table(x, &ch->stacked, caption);
        break;
    case CHART_BOXPLOT:
        boxplot_table(x, &ch->boxplot, caption);
        break;
    case CHART_LINE:
        line_table(x, &ch->line, caption);
        break;
    }
}

/* ## The figure */

#define SVG_FONTS "DejaVu Sans, Verdana, sans-serif"

void html_chart(html_ctx *x, const doc_block *b, size_t index)
{
    if (!b->chart)
        return;
    const chart *ch = &b->chart->ch;
    double w = b->width > 0 && b->width < TEXT_W ? b->width : TEXT_W;
    double h = b->height > 0 ? b->height : w * 0.6;
    const char *name = ch->title && ch->title[0]     ? ch->title
                       : x->section && x->section[0] ? x->section
                                                     : l10n_get(x->doc->info.lang, "Chart");
    if (!html_measure(x))
        return;
    size_t dlen = chart_describe(ch, NULL, 0);
    char *desc = malloc(dlen + 1);
    if (desc)
        chart_describe(ch, desc, dlen + 1);
    canvas *cv = canvas_svg_new(x->measure);
    int rc = desc && cv ? chart_draw(ch, cv, w, h) : CANVAS_ERROR_NOMEM;
    if (rc) {
        html_fail(x, "HTML: cannot draw the chart \"%s\" (error %d)", name, rc);
        canvas_free(cv);
        free(desc);
        return;
    }
    xmlbuf *o = &x->out;
    size_t len;
    const char *body = canvas_svg_text(cv, &len);
    char open[256];
    snprintf(open, sizeof open,
             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
             "height=\"%.0f\" font-family=\"" SVG_FONTS "\"",
             w, h, w, h);
    static const char white[] = "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>";

    xb_printf(o,
              "<figure class=\"chart\" id=\"fig%zu\">%s role=\"img\" aria-labelledby=\"fig%zu-t\" "
              "aria-describedby=\"fig%zu-d\" style=\"--w:%.0fpx\"><title id=\"fig%zu-t\">",
              index, open, index, index, w * 1.25, index);
    xb_text(o, name);
    xb_printf(o, "</title><desc id=\"fig%zu-d\">", index);
    xb_text(o, desc);
    xb_printf(o, "</desc>%s", white);
    xb_put(o, body, len);
    xb_puts(o, "</svg>");

    /* the copy for word processors: the same drawing as a standalone file */
    xmlbuf copy = {0};
    xb_printf(&copy, "%s>%s", open, white);
    xb_put(&copy, body, len);
    xb_puts(&copy, "</svg>");
    xb_printf(o, "<img hidden=\"hidden\" width=\"%.0f\" height=\"%.0f\" alt=\"", w, h);
    xb_text(o, desc);
    xb_puts(o, "\" src=\"data:image/svg+xml;base64,");
    xb_base64(o, (const unsigned char *)copy.data, copy.len);
    if (copy.failed)
        o->failed = true;
    xb_free(&copy);
    xb_puts(o, "\"/><figcaption>");
    xb_text(o, desc);
    xb_puts(o, "</figcaption>\n");
    char caption[256];
    snprintf(caption, sizeof caption, l10n_get(x->doc->info.lang, "%s: the numbers in the chart"),
             name);
    data_table(x, ch, caption);
    xb_puts(o, "</figure>\n");
    canvas_free(cv);
    free(desc);
}
