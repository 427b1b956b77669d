/*
 * xlsx_render.h — what the XLSX renderer's files share: the rendering
 * context, texts made safe for Excel, and the chart writer.  Private to
 * xlsx*.c.
 */
#ifndef REPORT_XLSX_RENDER_H
#define REPORT_XLSX_RENDER_H

#include "xlsx.h"

#include <stdbool.h>
#include <xlsxwriter.h>

#if !defined(LXW_VERSION_ID) || LXW_VERSION_ID < 114
#error "libxlsxwriter 1.1.4 or later is needed"
#endif

#define XLSX_TYPES     5                    /* doc_cell_type values */
#define XLSX_NAME_MAX  (31 * 4 + 1)         /* a sheet name in UTF-8, with its NUL */
#define XLSX_TABLE_MAX (XLSX_NAME_MAX + 16) /* a table name made from one */

/* A cell's role: written data (locked), an input (unlocked, tinted), or
 * the blank rows below the data of a protected sheet (unlocked). */
enum { XLSX_LOCKED, XLSX_INPUT, XLSX_SPARE, XLSX_ROLES };

typedef struct {
    lxw_workbook *wb;
    const report_doc *doc;
    lxw_error error; /* the first failure, or LXW_NO_ERROR */
    char where[192]; /* where it happened */
    bool nomem;      /* our own allocation failed */
    char *buf;       /* scratch for mended texts */
    size_t cap;

    lxw_color_t primary, accent, header_text, title_colour, input_fill; /* from the theme */
    lxw_color_t primary_mark, accent_mark; /* chart series (theme.h: 3:1 on white) */
    lxw_format *title, *note, *header;
    /* type, wrap, role, link */
    lxw_format *cell[XLSX_TYPES][2][XLSX_ROLES][2];

    char (*names)[XLSX_NAME_MAX]; /* the worksheets' names */
    size_t nnames;
    char (*tables)[XLSX_TABLE_MAX]; /* table names used */
    size_t ntables;
    lxw_worksheet *lists; /* the hidden sheet of long drop-down lists */
    char lists_name[XLSX_NAME_MAX];
    size_t lists_columns;
} xlsx_render_ctx;

/* Records the first error e (when it is one) with where it happened;
 * true when e is LXW_NO_ERROR. */
bool xlsx_render_check(xlsx_render_ctx *x, lxw_error e, const char *sheet, lxw_row_t row,
                       lxw_col_t col);

/* s as Excel can hold it: valid UTF-8 (bad bytes become U+FFFD), at most
 * max characters, and with no control characters when `names` (for
 * names, titles and other XML attributes).  Returns s itself when it is
 * fine, else a copy in the context's scratch buffer valid until the next
 * call; NULL for NULL, or when memory runs out (recorded). */
const char *xlsx_render_text(xlsx_render_ctx *x, const char *s, size_t max, bool names);

/* Records that our own allocation failed. */
void xlsx_render_nomem(xlsx_render_ctx *x);

/* 0–1 colour to 0xRRGGBB, and a mix with white (t = 1 is white). */
lxw_color_t xlsx_render_colour(doc_rgb c);
lxw_color_t xlsx_render_tint(doc_rgb c, double t);

/* ASCII case-insensitive strcmp, as Excel compares sheet and table names. */
int xlsx_render_casecmp(const char *a, const char *b);

/* A worksheet name Excel accepts, unique in x->names[0 … nnames): bad
 * characters become "_", at most 31 characters, " (2)" … for a repeat.
 * out holds XLSX_NAME_MAX bytes. */
void xlsx_render_sheet_name(xlsx_render_ctx *x, const char *want, char *out);

/* A table name made from a sheet name: letters, digits, "_" and "."; not
 * like a cell ("A1", "R1C1") or starting with a digit ("T_" in front);
 * unique.  Kept in x->tables. */
const char *xlsx_render_table_name(xlsx_render_ctx *x, const char *sheet);

/* True for a plain http(s), ftp or mailto address Excel takes as a link. */
bool xlsx_render_link_ok(const char *url);

/* How many lines a text takes wrapped at `width` characters, each
 * character counted as `narrow` of a width unit's share (prose ≈ 1.1). */
double xlsx_render_wrapped_lines(const char *t, double width, double narrow);

/* Adds sheet s's charts (xlsx_chart.c); the header is at row `header`
 * of the worksheet named `name`. */
void xlsx_render_charts(xlsx_render_ctx *x, lxw_worksheet *ws, const char *name, const doc_block *s,
                        lxw_row_t header);

#endif
