/*
 * xlsx_chart.c — a table's native charts (doc_table_chart): radar
 * and bar charts whose series refer to the sheet's own cells, so a
 * reader who edits a score sees the chart follow.  Placed beside the
 * table, or below it when the table is wide; coloured with the brand.
 */
#include "l10n.h"
#include "xlsx_render.h"

#include <stdio.h>
#include <string.h>

#define CHART_WIDTH 480.0 /* pixels; libxlsxwriter's default is 480 × 288 */
#define CHART_GAP   16    /* pixels between charts */
#define WIDE_TABLE  110.0 /* characters: wider tables get their charts below */

/* The series colours: the brand's primary, its accent (as marks, 3:1 on
 * white), then greys that have 3:1 too. */
static lxw_color_t series_colour(const xlsx_render_ctx *x, size_t k)
{
    static const lxw_color_t greys[] = {0x767676, 0x4D4D4D};
    return k == 0 ? x->primary_mark : k == 1 ? x->accent_mark : greys[(k - 2) % 2];
}

static bool chart_ok(const doc_block *s, const doc_table_chart *c)
{
    if (c->category_column >= s->ncolumns || c->nseries == 0 || c->nseries > 4 ||
        c->first_row >= s->nrows || c->nrows == 0)
        return false;
    for (size_t k = 0; k < c->nseries; k++)
        if (c->series_columns[k] >= s->ncolumns)
            return false;
    return true;
}

static double chart_height(const doc_table_chart *c, size_t nrows)
{
    if (c->kind == DOC_TABLE_CHART_RADAR)
        return 360;
    double h = 90.0 + 26.0 * (double)nrows * (c->nseries > 1 ? 1.6 : 1.0);
    return h < 220 ? 220 : h > 640 ? 640 : h;
}

void xlsx_render_charts(xlsx_render_ctx *x, lxw_worksheet *ws, const char *name, const doc_block *s,
                        lxw_row_t header)
{
    double width = 0;
    for (size_t c = 0; c < s->ncolumns; c++)
        width += s->columns[c].chars > 0 ? s->columns[c].chars : 12;
    bool beside = s->ncolumns <= 8 && width <= WIDE_TABLE;
    lxw_row_t at_row = beside ? header : header + (lxw_row_t)s->nrows + 2;
    lxw_col_t at_col = beside ? (lxw_col_t)s->ncolumns + 1 : 0;
    double offset = 0;

    for (size_t k = 0; k < s->ncharts && x->error == LXW_NO_ERROR; k++) {
        const doc_table_chart *c = &s->charts[k];
        if (!chart_ok(s, c))
            continue;
        size_t n = s->nrows - c->first_row < c->nrows ? s->nrows - c->first_row : c->nrows;
        bool radar = c->kind == DOC_TABLE_CHART_RADAR;
        lxw_chart *ch = workbook_add_chart(
            x->wb,
            radar ? (c->nseries == 1 ? LXW_CHART_RADAR_FILLED : LXW_CHART_RADAR) : LXW_CHART_BAR);
        if (!ch) {
            xlsx_render_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, name, 0, (lxw_col_t)-1);
            return;
        }
        lxw_row_t r0 = header + 1 + (lxw_row_t)c->first_row, r1 = r0 + (lxw_row_t)n - 1;
        lxw_col_t cat = (lxw_col_t)c->category_column;
        const doc_column *first = &s->columns[c->series_columns[0]];
        bool percent = first->type == DOC_CELL_SHARE;
        for (size_t j = 0; j < c->nseries; j++) {
            lxw_col_t col = (lxw_col_t)c->series_columns[j];
            lxw_chart_series *se = chart_add_series(ch, NULL, NULL);
            if (!se) {
                xlsx_render_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, name, 0, (lxw_col_t)-1);
                return;
            }
            chart_series_set_categories(se, name, r0, cat, r1, cat);
            chart_series_set_values(se, name, r0, col, r1, col);
            chart_series_set_name_range(se, name, header, col);
            lxw_color_t colour = series_colour(x, j);
            if (radar && c->nseries == 1) {
                chart_series_set_fill(se, &(lxw_chart_fill){.color = colour, .transparency = 45});
                chart_series_set_line(se, &(lxw_chart_line){.color = colour, .width = 2});
            } else if (radar) {
                chart_series_set_line(se, &(lxw_chart_line){.color = colour, .width = 2.25});
                chart_series_set_marker_type(se, LXW_CHART_MARKER_CIRCLE);
                chart_series_set_marker_fill(se, &(lxw_chart_fill){.color = colour});
                chart_series_set_marker_line(se, &(lxw_chart_line){.color = colour});
            } else {
                chart_series_set_fill(se, &(lxw_chart_fill){.color = colour});
                chart_series_set_line(se, &(lxw_chart_line){.none = LXW_TRUE});
                chart_series_set_labels(se);
                chart_series_set_labels_num_format(se, percent ? "0%" : "0.0");
            }
        }
        const char *title = xlsx_render_text(x, c->title, 250, true);
        char buf[1100];
        /* a title starting with "=" would be read as a formula */
        snprintf(buf, sizeof buf, "%s%s", title && title[0] == '=' ? " " : "", title ? title : "");
        if (buf[0]) {
            chart_title_set_name(ch, buf);
            chart_title_set_name_font(ch, &(lxw_chart_font){.size = 12, .bold = LXW_TRUE});
        }
        if (c->nseries == 1)
            chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
        else
            chart_legend_set_position(ch, LXW_CHART_LEGEND_BOTTOM);

        /* the value axis: y on a radar, x on a bar chart (libxlsxwriter
         * names a bar chart's axes as drawn) */
        lxw_chart_axis *value = radar ? ch->y_axis : ch->x_axis;
        chart_axis_set_min(value, 0);
        if (first->level_max > 0) {
            chart_axis_set_max(value, first->level_max);
            chart_axis_set_major_unit(value, first->level_max / 5);
        }
        chart_axis_set_num_format(value, percent ? "0%" : "0");
        if (!radar) {
            /* rows top to bottom as in the table, the values along the foot */
            chart_axis_set_reverse(ch->y_axis);
            chart_axis_set_crossing_max(ch->y_axis);
            chart_set_series_gap(ch, 60);
        }

        /* the chart's text alternative, from the same rows it draws: "Title:
         * Normalize 28.8, Organize 18.9, …" (one value per series) */
        char alt[1100];
        size_t at = (size_t)snprintf(alt, sizeof alt, "%s",
                                     buf[0] ? buf : l10n_get(x->doc->info.lang, "Chart"));
        for (size_t r = 0; r < n && at < sizeof alt; r++) {
            const doc_cell *cc = doc_table_cell(s, c->first_row + r, c->category_column);
            at += (size_t)snprintf(alt + at, sizeof alt - at, "%s %s", r ? "," : ":",
                                   cc->text ? cc->text : "");
            for (size_t j = 0; j < c->nseries && at < sizeof alt; j++) {
                const doc_cell *v = doc_table_cell(s, c->first_row + r, c->series_columns[j]);
                at += (size_t)snprintf(alt + at, sizeof alt - at, "%s%s", j ? " / " : " ",
                                       v->text && v->text[0] ? v->text : "–");
            }
        }
        double h = chart_height(c, n);
        lxw_chart_options opt = {.x_offset = beside ? 8 : (int32_t)offset,
                                 .y_offset = beside ? (int32_t)offset : 8,
                                 .x_scale = 1,
                                 .y_scale = h / 288.0,
                                 .object_position = LXW_OBJECT_MOVE_DONT_SIZE,
                                 .description = alt};
        offset += (beside ? h : CHART_WIDTH) + CHART_GAP;
        xlsx_render_check(x, worksheet_insert_chart_opt(ws, at_row, at_col, ch, &opt), name, at_row,
                          at_col);
    }
}
