/*
 * chart.c — chart_draw: checks what every chart shares, sets up the box
 * and the palette, draws the title and hands over to the chart kind.  The
 * kinds (and their input checks) live in chart_radar.c, chart_rows.c and chart_line.c.
 */
#include "chart_internal.h"

int chart_draw(const chart *ch, canvas *cv, double w, double h)
{
    if (!cv)
        return CANVAS_ERROR_INPUT;
    if (cv->error)
        return cv->error;
    if (!ch || !(w >= 40 && w <= 1e5) || !(h >= 40 && h <= 1e5) || !chart_text_ok(ch->title) ||
        !chart_text_ok(ch->value_label))
        return canvas_fail(cv, CANVAS_ERROR_INPUT);
    bool ok = false;
    switch (ch->kind) {
    case CHART_RADAR:
        ok = chart_radar_ok(&ch->radar);
        break;
    case CHART_BARS:
        ok = chart_bars_ok(&ch->bars);
        break;
    case CHART_STACKED:
        ok = chart_stacked_ok(&ch->stacked);
        break;
    case CHART_BOXPLOT:
        ok = chart_boxplot_ok(&ch->boxplot);
        break;
    case CHART_LINE:
        ok = chart_line_ok(&ch->line);
        break;
    }
    /* Check everything before drawing anything, so a bad description
     * leaves the canvas (and a PDF page) untouched. */
    if (!ok)
        return canvas_fail(cv, CANVAS_ERROR_INPUT);
    chart_ctx x = {cv, chart_palette_marks(ch->palette), w, h};
    chart_rect area = {PAD, PAD, w - 2 * PAD, h - 2 * PAD};
    chart_title(&x, ch->title, &area);
    switch (ch->kind) {
    case CHART_RADAR:
        return chart_draw_radar(&x, ch, area);
    case CHART_BARS:
        return chart_draw_bars(&x, ch, area);
    case CHART_STACKED:
        return chart_draw_stacked(&x, ch, area);
    case CHART_BOXPLOT:
        return chart_draw_boxplot(&x, ch, area);
    case CHART_LINE:
        return chart_draw_line(&x, ch, area);
    }
    return canvas_fail(cv, CANVAS_ERROR_INPUT);
}
