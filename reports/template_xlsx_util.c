/*
 * template_xlsx_util.c — the workbook writer's small helpers
 * (template_xlsx_internal.h).
 */
#include "template_xlsx_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tx_note(tx *t, lxw_error e)
{
    if (e != LXW_NO_ERROR && t->err == LXW_NO_ERROR)
        t->err = e;
}

const char *tx_text(const tx *t, const assess_text *text)
{
    return assess_text_get(text, t->lang);
}

char *tx_fmt(tx *t, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s) {
        t->nomem = true;
        return NULL;
    }
    va_start(ap, f);
    vsnprintf(s, (size_t)n + 1, f, ap);
    va_end(ap);
    return s;
}

/* A copy of s of at most max bytes, ending in "…" when it was cut. */
char *tx_clip(tx *t, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return tx_fmt(t, "%s", s);
    n = assess_utf8_cut(s, n, max - 3);
    return tx_fmt(t, "%.*s\xE2\x80\xA6", (int)n, s);
}

void tx_put(tx *t, lxw_worksheet *ws, size_t row, size_t col, const char *s, lxw_format *f)
{
    if (!s || !s[0]) {
        if (f)
            tx_note(t, worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f));
        return;
    }
    if (strlen(s) <= CELL_TEXT_MAX) {
        tx_note(t, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, f));
        return;
    }
    char *c = tx_clip(t, s, CELL_TEXT_MAX);
    if (c)
        tx_note(t, worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, c, f));
    free(c);
}

void tx_put_number(tx *t, lxw_worksheet *ws, size_t row, size_t col, double v)
{
    tx_note(t, worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, NULL));
}

/* 'Sheet name' for a formula, with apostrophes doubled. */
char *tx_quoted_sheet(tx *t, const char *name)
{
    size_t n = strlen(name), extra = 0;
    for (size_t k = 0; k < n; k++)
        extra += name[k] == '\'';
    char *s = malloc(n + extra + 3);
    if (!s) {
        t->nomem = true;
        return NULL;
    }
    size_t o = 0;
    s[o++] = '\'';
    for (size_t k = 0; k < n; k++) {
        s[o++] = name[k];
        if (name[k] == '\'')
            s[o++] = '\'';
    }
    s[o++] = '\'';
    s[o] = '\0';
    return s;
}
/* ## Shared sheet set-up */

lxw_worksheet *tx_add_sheet(tx *t, const char *name)
{
    lxw_worksheet *ws = workbook_add_worksheet(t->wb, name);
    if (!ws)
        tx_note(t, LXW_ERROR_SHEETNAME_ALREADY_USED); /* the library said why on stderr */
    return ws;
}

void tx_protect(lxw_worksheet *ws)
{
    /* no password: it guards against accidents, not people */
    lxw_protection p = {.format_columns = 1, .format_rows = 1};
    worksheet_protect(ws, NULL, &p);
}

void tx_print_setup(tx *t, lxw_worksheet *ws, bool landscape)
{
    if (landscape)
        worksheet_set_landscape(ws);
    else
        worksheet_set_portrait(ws);
    worksheet_set_paper(ws, 1); /* US Letter */
    worksheet_set_margins(ws, 0.4, 0.4, 0.6, 0.6);
    worksheet_fit_to_pages(ws, 1, 0);
    tx_note(t, worksheet_set_footer(ws, "&L&A&RPage &P of &N"));
}

void tx_set_column(tx *t, lxw_worksheet *ws, size_t col, double width, bool hidden)
{
    lxw_row_col_options o = {.hidden = hidden};
    tx_note(t, worksheet_set_column_opt(ws, (lxw_col_t)col, (lxw_col_t)col, width, NULL, &o));
}

/* ## Row heights (template_xlsx_internal.h); the estimate errs on the
 * generous side, since a cut-off answer prompt is worse than a tall row */

/* Lines s takes when wrapped at `capacity` columns, by words (a wide
 * East Asian character takes two). */
double tx_text_lines(const char *s, double capacity)
{
    size_t cap = capacity < 4 ? 4 : (size_t)capacity;
    size_t lines = 0, col = 0, word = 0;
    bool para = true;
    for (const char *p = s;; p++) {
        char c = *p;
        if (c && c != ' ' && c != '\n') {
            /* printable ASCII is one column a byte, without asking */
            size_t n = 0;
            bool ascii = true;
            for (; p[n] && p[n] != ' ' && p[n] != '\n'; n++)
                ascii = ascii && p[n] >= 0x20 && p[n] < 0x7F;
            word = ascii ? n : assess_utf8_width(p, n);
            p += n - 1; /* to the word's last byte: the loop steps past it */
            continue;
        }
        if (para) {
            lines++;
            para = false;
            col = 0;
        }
        if (word) {
            if (col && col + 1 + word <= cap) {
                col += 1 + word;
            } else {
                if (col)
                    lines++;
                col = word;
                while (col > cap) {
                    lines++;
                    col -= cap;
                }
            }
            word = 0;
        }
        if (!c)
            break;
        if (c == '\n')
            para = true;
    }
    return lines ? (double)lines : 1.0;
}

/* Sets a row's height to fit `points` of text, at least min points. */
void tx_fit_row(tx *t, lxw_worksheet *ws, size_t row, double points, double min)
{
    double h = points + 4;
    if (h < min)
        h = min;
    if (h > 409) /* Excel's limit */
        h = 409;
    tx_note(t, worksheet_set_row(ws, (lxw_row_t)row, h, NULL));
}

/* How many items use scale s; *first is the first of them. */
size_t tx_scale_uses(const assess_questionnaire *q, size_t s, size_t *first)
{
    size_t n = 0;
    *first = SIZE_MAX;
    for (size_t i = 0; i < q->nitems; i++) {
        if (q->items[i].scale == s) {
            if (!n)
                *first = i;
            n++;
        }
    }
    return n;
}

char *tx_formula_string(tx *t, const char *s)
{
    size_t n = strlen(s), quotes = 0;
    for (size_t i = 0; i < n; i++)
        quotes += s[i] == '"';
    char *out = malloc(n + quotes + 1);
    if (!out) {
        t->nomem = true;
        return NULL;
    }
    char *o = out;
    for (size_t i = 0; i < n; i++) {
        *o++ = s[i];
        if (s[i] == '"')
            *o++ = '"';
    }
    *o = '\0';
    return out;
}
