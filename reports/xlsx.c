/*
 * xlsx.c — the XLSX renderer (see xlsx.h): the workbook and its
 * properties, formats, names Excel accepts, and each table's worksheet: cells,
 * drop-downs, colour scales, table, protection and print setup.  Charts are
 * in xlsx_chart.c.  It writes what the document says and computes no
 * figure of its own.  Texts, names and links are made safe in
 * xlsx_text.c.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "xlsx_render.h"
#include "theme.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_STRING_MAX 32767 /* characters in a cell */
#define XLSX_HEADER_MAX 255   /* a table column's title */
#define XLSX_LIST_MAX   255   /* a drop-down list written inline, commas included */
#define XLSX_WIDE_WRAP  40    /* columns this wide wrap their text */

/* ## Errors */

bool xlsx_render_check(xlsx_render_ctx *x, lxw_error e, const char *sheet, lxw_row_t row,
                       lxw_col_t col)
{
    if (e == LXW_NO_ERROR)
        return true;
    if (x->error == LXW_NO_ERROR) {
        x->error = e;
        char cell[16] = "";
        if (sheet && col != (lxw_col_t)-1)
            lxw_rowcol_to_cell(cell, row, col);
        snprintf(x->where, sizeof x->where, "%s%s%s%s", sheet ? "sheet " : "", sheet ? sheet : "",
                 cell[0] ? " cell " : "", cell);
    }
    return false;
}

void xlsx_render_nomem(xlsx_render_ctx *x)
{
    x->nomem = true;
    xlsx_render_check(x, LXW_ERROR_MEMORY_MALLOC_FAILED, NULL, 0, 0);
}

/* ## Formats */

static lxw_color_t rgb(canvas_rgb c)
{
    return xlsx_render_colour((doc_rgb){c.r, c.g, c.b});
}

static void formats_init(xlsx_render_ctx *x)
{
    const doc_brand *b = &x->doc->brand;
    theme t;
    theme_make(&t, (canvas_rgb){b->primary.r, b->primary.g, b->primary.b},
               (canvas_rgb){b->accent.r, b->accent.g, b->accent.b});
    x->primary = rgb(t.primary);
    x->accent = rgb(t.accent);
    x->primary_mark = rgb(t.primary_mark);
    x->accent_mark = rgb(t.accent_mark);
    x->header_text = rgb(t.on_primary); /* on the primary fill */
    x->title_colour = rgb(t.primary_text);
    x->input_fill = rgb(t.input_fill);

    x->title = workbook_add_format(x->wb);
    format_set_bold(x->title);
    format_set_font_size(x->title, 14);
    format_set_font_color(x->title, x->title_colour);

    x->note = workbook_add_format(x->wb);
    format_set_italic(x->note);
    format_set_font_color(x->note, 0x595959);

    x->header = workbook_add_format(x->wb);
    format_set_bold(x->header);
    format_set_font_color(x->header, x->header_text);
    format_set_bg_color(x->header, x->primary);
    format_set_text_wrap(x->header);
    format_set_align(x->header, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(x->header, LXW_BORDER_THIN);
    format_set_border_color(x->header, 0xFFFFFF);
}

/* The format of a cell: made on first use, shared after.  Scores and
 * shares show one decimal, as every page does; the cell keeps the value. */
static lxw_format *cell_format(xlsx_render_ctx *x, doc_cell_type type, bool wrap, int role,
                               bool link)
{
    if ((unsigned)type >= XLSX_TYPES)
        type = DOC_CELL_TEXT;
    lxw_format **slot = &x->cell[type][wrap][role][link];
    if (*slot)
        return *slot;
    lxw_format *f = workbook_add_format(x->wb);
    if (!f) {
        xlsx_render_nomem(x);
        return NULL;
    }
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    static const char *const numfmt[XLSX_TYPES] = {NULL, "0.0", "0", "0.0%", "yyyy-mm-dd"};
    if (numfmt[type])
        format_set_num_format(f, numfmt[type]);
    else if (role != XLSX_LOCKED)
        format_set_num_format(f, "@"); /* what a reader types stays text */
    if (wrap)
        format_set_text_wrap(f);
    if (role != XLSX_LOCKED)
        format_set_unlocked(f);
    if (role == XLSX_INPUT) {
        format_set_bg_color(f, x->input_fill);
        format_set_border(f, LXW_BORDER_HAIR);
        format_set_border_color(f, 0xBFBFBF);
    }
    if (link) {
        format_set_font_color(f, 0x0563C1);
        format_set_underline(f, LXW_UNDERLINE_SINGLE);
    }
    return *slot = f;
}

/* ## Sheets */

typedef struct {
    xlsx_render_ctx *x;
    lxw_worksheet *ws;
    const char *name;
    const doc_block *s;
    lxw_row_t header; /* the header row */
    bool protect;     /* the sheet has input columns */
    size_t links;
} sheet_ctx;

static bool column_wraps(const doc_column *c)
{
    /* links and choices are texts too */
    bool text = c->type == DOC_CELL_TEXT || c->type >= DOC_CELL_LINK;
    return text && c->chars >= XLSX_WIDE_WRAP;
}

static double column_width(const doc_column *c)
{
    static const double fallback[XLSX_TYPES] = {18, 10, 9, 10, 12};
    if (c->chars > 0)
        return c->chars > 255 ? 255 : c->chars;
    return fallback[(unsigned)c->type < XLSX_TYPES ? c->type : 0];
}

/* A text wraps in a wide column, when it has a line break, or when it is
 * longer than its column: it would otherwise run over the next cell when
 * that is empty (an input, say) and be cut off when it is not. */
static bool cell_wraps(const doc_column *c, const char *text)
{
    if (!text || !text[0])
        return column_wraps(c);
    if (column_wraps(c) || strchr(text, '\n'))
        return true;
    /* a wide East Asian character takes two of a column's characters, and
     * no character more columns than its bytes: a short text fits */
    size_t len = strlen(text);
    return (double)len > column_width(c) && (double)assess_utf8_width(text, len) > column_width(c);
}

/* ## Row heights
 *
 * A row of wrapped text is as tall as its longest cell.  Excel fits such
 * rows when it opens a file, LibreOffice does not, so the height is
 * estimated here (xlsx_render_wrapped_lines): words wrapped at the
 * column's width, in characters (a width unit is about one digit; prose
 * runs a little narrower). */

#define LINE_HEIGHT 15.0  /* points, of the default 11-point font */
#define ROW_MAX     409.0 /* Excel's tallest row */

static void fit_row(sheet_ctx *sc, lxw_row_t row, double lines)
{
    if (lines <= 1)
        return;
    double h = lines * LINE_HEIGHT + 2;
    xlsx_render_check(sc->x, worksheet_set_row(sc->ws, row, h < ROW_MAX ? h : ROW_MAX, NULL),
                      sc->name, row, 0);
}

/* The lines of data row r: its cells of text in wrapping columns, and
 * any text with a line break. */
static double row_lines(const doc_block *s, size_t r)
{
    double most = 1;
    for (size_t c = 0; c < s->ncolumns; c++) {
        const doc_cell *cell = doc_table_cell(s, r, c);
        if (cell->has_number || !cell->text || !cell->text[0])
            continue;
        if (!cell_wraps(&s->columns[c], cell->text))
            continue;
        double n = xlsx_render_wrapped_lines(cell->text, column_width(&s->columns[c]), 1.1);
        if (n > most)
            most = n;
        if (most * LINE_HEIGHT >= ROW_MAX)
            break;
    }
    return most;
}

static void write_cell(sheet_ctx *sc, lxw_row_t row, lxw_col_t col, const doc_column *c,
                       const doc_cell *cell)
{
    xlsx_render_ctx *x = sc->x;
    int role = c->input ? XLSX_INPUT : XLSX_LOCKED;
    bool number = cell->has_number && isfinite(cell->number);
    const char *text = number ? NULL : xlsx_render_text(x, cell->text, XLSX_STRING_MAX, false);
    bool wrap = cell_wraps(c, text);
    bool link =
        text && text[0] && xlsx_render_link_ok(cell->link) && sc->links < LXW_MAX_NUMBER_URLS;
    doc_cell_type type = number ? c->type : (text && text[0]) ? DOC_CELL_TEXT : c->type;
    if (type == DOC_CELL_TEXT && number) /* a number in a text column */
        type = DOC_CELL_SCORE;
    lxw_format *f = cell_format(x, type, wrap, role, link);
    lxw_error e;
    if (number) {
        e = worksheet_write_number(sc->ws, row, col, cell->number, f);
    } else if (link) {
        char *copy = strdup(text); /* text may sit in the scratch buffer */
        if (!copy) {
            xlsx_render_nomem(x);
            return;
        }
        e = worksheet_write_url_opt(sc->ws, row, col, cell->link, f, copy, NULL);
        free(copy);
        sc->links++;
    } else if (text && text[0]) {
        e = worksheet_write_string(sc->ws, row, col, text, f);
    } else {
        e = worksheet_write_blank(sc->ws, row, col, f);
    }
    xlsx_render_check(x, e, sc->name, row, col);
}

/* The table's column titles: Excel wants them unique (ignoring case),
 * not empty, and at most 255 characters. */
static void add_table(sheet_ctx *sc)
{
    xlsx_render_ctx *x = sc->x;
    const doc_block *s = sc->s;
    size_t nc = s->ncolumns;
    lxw_table_column *cols = calloc(nc, sizeof *cols);
    lxw_table_column **list = calloc(nc + 1, sizeof *list);
    char(*titles)[XLSX_HEADER_MAX * 4 + 16] = calloc(nc, sizeof *titles);
    if (!cols || !list || !titles) {
        xlsx_render_nomem(x);
        free(cols);
        free(list);
        free(titles);
        return;
    }
    for (size_t c = 0; c < nc; c++) {
        const char *t = xlsx_render_text(x, s->columns[c].title, XLSX_HEADER_MAX - 8, true);
        if (!t || !t[0])
            snprintf(titles[c], sizeof titles[c], "Column %zu", c + 1);
        else
            snprintf(titles[c], sizeof titles[c], "%s", t);
        char base[sizeof titles[c]];
        memcpy(base, titles[c], sizeof base);
        for (int k = 2;; k++) {
            bool dup = false;
            for (size_t j = 0; j < c && !dup; j++)
                dup = !xlsx_render_casecmp(titles[j], titles[c]);
            if (!dup)
                break;
            snprintf(titles[c], sizeof titles[c], "%.1000s %d", base, k);
        }
        cols[c] = (lxw_table_column){.header = titles[c], .header_format = x->header};
        list[c] = &cols[c];
    }
    lxw_table_options opt = {.name = (char *)xlsx_render_table_name(x, sc->name),
                             .style_type = LXW_TABLE_STYLE_TYPE_LIGHT,
                             .style_type_number = 1,
                             .columns = list};
    lxw_row_t last = sc->header + (lxw_row_t)(s->nrows ? s->nrows : 1);
    xlsx_render_check(x,
                      worksheet_add_table(sc->ws, sc->header, 0, last, (lxw_col_t)(nc - 1), &opt),
                      sc->name, sc->header, 0);
    free(cols);
    free(list);
    free(titles);
}

/* A drop-down over the data rows and the spare rows below.  A list too
 * long to write inline (or with commas or quotes in it) goes to a hidden
 * sheet and is referred to. */
static void add_dropdown(sheet_ctx *sc, lxw_col_t col, const doc_column *c)
{
    xlsx_render_ctx *x = sc->x;
    size_t n = c->nchoices, total = 0;
    bool inline_ok = n < 255;
    char **list = calloc(n + 1, sizeof *list);
    if (!list) {
        xlsx_render_nomem(x);
        return;
    }
    for (size_t k = 0; k < n; k++) {
        const char *t = xlsx_render_text(x, c->choices[k] ? c->choices[k] : "", 255, true);
        list[k] = t ? strdup(t) : NULL;
        if (!list[k]) {
            xlsx_render_nomem(x);
            goto done;
        }
        total += strlen(list[k]) + (k ? 1 : 0);
        if (strpbrk(list[k], ",\"") || !list[k][0])
            inline_ok = false;
    }
    lxw_data_validation dv = {.validate = LXW_VALIDATION_TYPE_LIST, .ignore_blank = LXW_TRUE};
    char formula[2 * XLSX_NAME_MAX + 48];
    if (inline_ok && total <= XLSX_LIST_MAX) {
        dv.value_list = list;
    } else {
        if (!x->lists) {
            xlsx_render_sheet_name(x, "Lists", x->lists_name);
            x->lists = workbook_add_worksheet(x->wb, x->lists_name);
            if (!x->lists) {
                xlsx_render_check(x, LXW_ERROR_PARAMETER_VALIDATION, x->lists_name, 0,
                                  (lxw_col_t)-1);
                goto done;
            }
            memcpy(x->names[x->nnames++], x->lists_name, sizeof x->lists_name);
            worksheet_hide(x->lists);
        }
        lxw_col_t lc = (lxw_col_t)x->lists_columns++;
        for (size_t k = 0; k < n; k++)
            xlsx_render_check(x, worksheet_write_string(x->lists, (lxw_row_t)k, lc, list[k], NULL),
                              x->lists_name, (lxw_row_t)k, lc);
        char range[LXW_MAX_CELL_RANGE_LENGTH];
        lxw_rowcol_to_range_abs(range, 0, lc, (lxw_row_t)(n ? n - 1 : 0), lc);
        char quoted[2 * XLSX_NAME_MAX];
        size_t q = 0;
        for (const char *p = x->lists_name; *p && q + 2 < sizeof quoted; p++) {
            if (*p == '\'')
                quoted[q++] = '\'';
            quoted[q++] = *p;
        }
        quoted[q] = '\0';
        snprintf(formula, sizeof formula, "='%s'!%s", quoted, range);
        dv = (lxw_data_validation){.validate = LXW_VALIDATION_TYPE_LIST_FORMULA,
                                   .ignore_blank = LXW_TRUE,
                                   .value_formula = formula};
    }
    lxw_row_t first = sc->header + 1;
    lxw_row_t last = sc->header + (lxw_row_t)sc->s->nrows + XLSX_SPARE_ROWS;
    xlsx_render_check(x, worksheet_data_validation_range(sc->ws, first, col, last, col, &dv),
                      sc->name, first, col);
done:
    for (size_t k = 0; k < n; k++)
        free(list[k]);
    free(list);
}

/* A colour scale from 0 (nearly white) to level_max (a tint of the brand's
 * primary colour, light enough that the text on it stays legible). */
static void add_colour_scale(sheet_ctx *sc, lxw_col_t col, double level_max)
{
    if (sc->s->nrows == 0 || !isfinite(level_max))
        return;
    doc_rgb p = sc->x->doc->brand.primary;
    lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                 .min_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .min_value = 0,
                                 .min_color = xlsx_render_tint(p, 0.94),
                                 .mid_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .mid_value = level_max / 2,
                                 .mid_color = xlsx_render_tint(p, 0.7),
                                 .max_rule_type = LXW_CONDITIONAL_RULE_TYPE_NUMBER,
                                 .max_value = level_max,
                                 .max_color = xlsx_render_tint(p, 0.4)};
    lxw_row_t first = sc->header + 1, last = sc->header + (lxw_row_t)sc->s->nrows;
    xlsx_render_check(sc->x, worksheet_conditional_format_range(sc->ws, first, col, last, col, &cf),
                      sc->name, first, col);
}

/* "&" is a code in headers and footers: "&&" prints one. */
static void print_setup(sheet_ctx *sc)
{
    xlsx_render_ctx *x = sc->x;
    worksheet_set_landscape(sc->ws);
    worksheet_set_paper(sc->ws, 1); /* US Letter, as the PDF */
    worksheet_fit_to_pages(sc->ws, 1, 0);
    worksheet_set_margins(sc->ws, 0.5, 0.5, 0.75, 0.75);
    xlsx_render_check(x, worksheet_repeat_rows(sc->ws, sc->header, sc->header), sc->name,
                      sc->header, 0);
    char header[LXW_HEADER_FOOTER_MAX + 1] = "&L&8";
    const char *h = xlsx_render_text(x, x->doc->info.header, 150, true);
    size_t n = strlen(header);
    /* whole characters only: a header cut inside one is invalid XML */
    const char *p = h ? h : "", *end = p + strlen(p);
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        uint32_t cp;
        size_t len = c == '&' ? 2 : assess_utf8_decode(p, (size_t)(end - p), &cp);
        if (n + len >= 200)
            break;
        if (c == '&') {
            header[n++] = '&';
            header[n++] = '&';
            p++;
        } else {
            memcpy(header + n, p, len); /* p is valid UTF-8 (xlsx_render_text) */
            n += len;
            p += len;
        }
    }
    header[n] = '\0';
    strcat(header, "&R&8&A");
    xlsx_render_check(x, worksheet_set_header(sc->ws, header), sc->name, 0, (lxw_col_t)-1);
    xlsx_render_check(x, worksheet_set_footer(sc->ws, "&C&8Page &P of &N"), sc->name, 0,
                      (lxw_col_t)-1);
}

static void write_sheet(xlsx_render_ctx *x, lxw_worksheet *ws, const char *name, const doc_block *s)
{
    sheet_ctx sc = {.x = x, .ws = ws, .name = name, .s = s};
    if (s->ncolumns == 0 || s->ncolumns > LXW_COL_MAX ||
        s->nrows > (size_t)LXW_ROW_MAX - XLSX_SPARE_ROWS - 4) {
        xlsx_render_check(x, LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, name, 0, (lxw_col_t)-1);
        return;
    }
    for (size_t c = 0; c < s->ncolumns; c++)
        sc.protect |= s->columns[c].input;

    lxw_row_t row = 0;
    if (s->table.caption) {
        worksheet_set_row(ws, row, 21, NULL);
        xlsx_render_check(x,
                          worksheet_write_string(ws, row, 0,
                                                 xlsx_render_text(x, s->table.caption, 2000, false),
                                                 x->title),
                          name, row, 0);
        row++;
    }
    if (s->table.note) {
        xlsx_render_check(x,
                          worksheet_write_string(
                              ws, row, 0, xlsx_render_text(x, s->table.note, 2000, false), x->note),
                          name, row, 0);
        row++;
    }
    sc.header = row;

    for (size_t c = 0; c < s->ncolumns; c++) {
        const doc_column *col = &s->columns[c];
        /* blank cells keep the column's format: unlocked on a protected
         * sheet, so rows can be added below the data */
        lxw_format *f = cell_format(x, col->type, column_wraps(col),
                                    sc.protect ? XLSX_SPARE : XLSX_LOCKED, false);
        xlsx_render_check(
            x, worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, column_width(col), f), name, 0,
            (lxw_col_t)c);
        const char *t = xlsx_render_text(x, col->title, XLSX_HEADER_MAX, false);
        xlsx_render_check(x, worksheet_write_string(ws, row, (lxw_col_t)c, t ? t : "", x->header),
                          name, row, (lxw_col_t)c);
    }
    double header_lines = 1;
    for (size_t c = 0; c < s->ncolumns; c++) {
        double n =
            s->columns[c].title
                ? xlsx_render_wrapped_lines(s->columns[c].title, column_width(&s->columns[c]), 0.95)
                : 1;
        header_lines = n > header_lines ? n : header_lines;
    }
    fit_row(&sc, sc.header, header_lines);
    for (size_t r = 0; r < s->nrows && x->error == LXW_NO_ERROR; r++) {
        for (size_t c = 0; c < s->ncolumns; c++)
            write_cell(&sc, sc.header + 1 + (lxw_row_t)r, (lxw_col_t)c, &s->columns[c],
                       doc_table_cell(s, r, c));
        fit_row(&sc, sc.header + 1 + (lxw_row_t)r, row_lines(s, r));
    }
    if (x->error != LXW_NO_ERROR)
        return;

    worksheet_freeze_panes(ws, sc.header + 1, 0);
    for (size_t c = 0; c < s->ncolumns; c++) {
        const doc_column *col = &s->columns[c];
        if (col->nchoices && col->choices)
            add_dropdown(&sc, (lxw_col_t)c, col);
        if (col->level_max > 0)
            add_colour_scale(&sc, (lxw_col_t)c, col->level_max);
    }
    if (s->table.filter)
        add_table(&sc);
    if (sc.protect) {
        lxw_protection allow = {.sort = 1, .autofilter = 1, .format_columns = 1, .format_rows = 1};
        worksheet_protect(ws, NULL, &allow);
    }
    print_setup(&sc);
    xlsx_render_charts(x, ws, name, s, sc.header);
}

/* ## The workbook */

static void set_properties(xlsx_render_ctx *x)
{
    const report_doc *d = x->doc;
    /* xlsx_render_text may hand back its one scratch buffer: copies */
    char *p[5] = {0};
    const char *src[5] = {d->info.title, d->info.subject, d->info.author, d->info.keywords,
                          d->brand.organization};
    for (int k = 0; k < 5; k++) {
        const char *t = xlsx_render_text(x, src[k], 1000, true);
        if (t && !(p[k] = strdup(t)))
            xlsx_render_nomem(x);
    }
    lxw_doc_properties props = {.title = p[0],
                                .subject = p[1],
                                .author = p[2],
                                .keywords = p[3],
                                .company = p[4],
                                /* 0 would mean "now": one second in keeps a
                                 * SOURCE_DATE_EPOCH of 0 reproducible */
                                .created = d->info.created ? d->info.created : 1};
    xlsx_render_check(x, workbook_set_properties(x->wb, &props), NULL, 0, 0);
    for (int k = 0; k < 5; k++)
        free(p[k]);
}

/* Whether table b continues table prev (the last that names a sheet). */
static bool continues(const doc_block *prev, const doc_block *b)
{
    return prev && b->table.continues && prev->ncolumns == b->ncolumns && prev->table.sheet &&
           !strcmp(prev->table.sheet, b->table.sheet);
}

/* The tables that name a sheet, each with the rows of the tables that
 * continue it: a copy of the first piece whose cells, when there are
 * several pieces, are the pieces' rows joined (memory of its own).
 * Returns 0, or -1 when memory runs out. */
static int join_tables(const report_doc *doc, doc_block *joined)
{
    size_t n = 0;
    const doc_block *last = NULL;
    for (size_t k = 0; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind != DOC_TABLE || !b->table.sheet)
            continue;
        if (!continues(last, b)) {
            joined[n++] = *b;
            last = b;
            continue;
        }
        doc_block *j = &joined[n - 1];
        doc_cell *cells = malloc((j->nrows + b->nrows) * j->ncolumns * sizeof *cells + 1);
        if (!cells)
            return -1;
        if (j->nrows)
            memcpy(cells, j->cells, j->nrows * j->ncolumns * sizeof *cells);
        if (b->nrows)
            memcpy(cells + j->nrows * j->ncolumns, b->cells,
                   b->nrows * b->ncolumns * sizeof *cells);
        if (j->cells != last->cells)
            free(j->cells);
        j->cells = cells;
        j->nrows += b->nrows;
        last = b;
    }
    return 0;
}

/* Frees the joined cells (those that are not a block's own). */
static void free_joined(const report_doc *doc, doc_block *joined, size_t n)
{
    for (size_t k = 0; joined && k < n; k++) {
        bool own = true;
        for (size_t b = 0; b < doc->nblocks && own; b++)
            own = doc->blocks[b].cells != joined[k].cells;
        if (own)
            free(joined[k].cells);
    }
    free(joined);
}

int xlsx_render(const report_doc *doc, const char *path, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    /* libxlsxwriter opens the file only when closing, and then prints
     * its own complaint: find out first whether it can be written */
    FILE *probe = fopen(path, "wb");
    if (!probe) {
        if (err)
            snprintf(err, errlen, "XLSX: cannot write %s: %s", path, strerror(errno));
        return -1;
    }
    fclose(probe);

    xlsx_render_ctx x = {.doc = doc};
    /* one worksheet per table that names one, in the document's order (a
     * table in pieces as one) */
    size_t nsheets = 0;
    const doc_block *last = NULL;
    for (size_t k = 0; k < doc->nblocks; k++)
        if (doc->blocks[k].kind == DOC_TABLE && doc->blocks[k].table.sheet) {
            nsheets += !continues(last, &doc->blocks[k]);
            last = &doc->blocks[k];
        }
    doc_block *joined = calloc(nsheets + 1, sizeof *joined);
    const doc_block **tables = calloc(nsheets + 1, sizeof *tables);
    if (!joined || (tables && join_tables(doc, joined) != 0)) {
        free(tables);
        tables = NULL;
    }
    for (size_t k = 0; tables && k < nsheets; k++)
        tables[k] = &joined[k];
    x.names = calloc(nsheets + 2, sizeof *x.names);
    x.tables = calloc(nsheets + 1, sizeof *x.tables);
    lxw_worksheet **ws = calloc(nsheets + 1, sizeof *ws);
    lxw_workbook_options wopt = {0};
    x.wb = tables && x.names && x.tables && ws ? workbook_new_opt(path, &wopt) : NULL;
    if (!x.wb) {
        free_joined(doc, joined, nsheets);
        free(tables);
        free(x.names);
        free(x.tables);
        free(ws);
        remove(path);
        if (err)
            snprintf(err, errlen, "XLSX: cannot write %s: %s", path,
                     lxw_strerror(LXW_ERROR_MEMORY_MALLOC_FAILED));
        return -1;
    }
    formats_init(&x);
    set_properties(&x);
    /* all worksheets first, so that a hidden list sheet comes last */
    for (size_t k = 0; k < nsheets && x.error == LXW_NO_ERROR; k++) {
        xlsx_render_sheet_name(&x, tables[k]->table.sheet, x.names[k]);
        x.nnames = k + 1;
        ws[k] = workbook_add_worksheet(x.wb, x.names[k]);
        if (!ws[k])
            xlsx_render_check(&x, LXW_ERROR_PARAMETER_VALIDATION, x.names[k], 0, (lxw_col_t)-1);
    }
    if (nsheets == 0) /* a workbook needs a sheet */
        xlsx_render_check(
            &x, workbook_add_worksheet(x.wb, NULL) ? LXW_NO_ERROR : LXW_ERROR_MEMORY_MALLOC_FAILED,
            NULL, 0, 0);
    for (size_t k = 0; k < nsheets && x.error == LXW_NO_ERROR; k++)
        write_sheet(&x, ws[k], x.names[k], tables[k]);

    lxw_error closed = workbook_close(x.wb);
    lxw_error e = x.error != LXW_NO_ERROR ? x.error : closed;
    if (e != LXW_NO_ERROR && err)
        snprintf(err, errlen, "XLSX: cannot write %s: %s%s%s", path, lxw_strerror(e),
                 x.where[0] ? " at " : "", x.where);
    free(x.buf);
    free_joined(doc, joined, nsheets);
    free(tables);
    free(x.names);
    free(x.tables);
    free(ws);
    if (e != LXW_NO_ERROR) {
        remove(path);
        return -1;
    }
    return 0;
}
