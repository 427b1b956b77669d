/*
 * xlsx_sheet.c — turns a worksheet's XML, streamed through expat, into
 * rows handed to a callback the way the CSV reader hands them: cells are
 * placed by their reference (or after the previous cell when they have
 * none), values are what a spreadsheet shows, empty rows are skipped and
 * the first non-empty row is the header.  One row is held at a time.
 */
#include "xlsx_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CELL_ERRORS_MAX 200 /* error cells reported before reading stops */

typedef struct {
    int col;
    size_t off; /* into the row buffer */
} cell;

typedef struct {
    xlsx_parse x;
    xlsx_book *b;
    const char *name; /* the sheet's */
    assess_row_fn fn;
    void *ud;

    bool in_data, in_row, in_cell, in_is;
    long row, last_row;
    int col, last_col;
    char type; /* n s i(nline) t(ext result) b e d */
    bool has_formula;
    bool collect; /* inside <v>, or a <t> of <is> */
    int phonetic; /* inside <rPh> */
    char *text;   /* the cell's raw text */
    size_t tlen, tcap;

    cell *cells; /* the row being read: its non-empty cells */
    size_t ncells, ccap;
    char *rbuf;
    size_t rlen, rcap;
    const char **fields;
    size_t fcap;

    long rows; /* handed over, the header included */
    long header_line;
    size_t header_fields;
    bool delivering; /* false after an error cell: look for more, hand over nothing */
    bool fn_stopped;
    size_t cell_errors;
    bool warned_extra;
    size_t formulas; /* formula cells without a saved value */
    long formula_line;
    int formula_col;
} sheet_reader;

static void nomem(sheet_reader *r)
{
    r->x.status = ASSESS_ERR_NOMEM;
    assess_xlsx_parse_stop(&r->x);
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *np = realloc(*p, c * elem);
    if (!np)
        return false;
    *p = np;
    *cap = c;
    return true;
}

/* "C12" → column 2, row 12; false when it is not a cell reference.  A
 * column past XFD or a row past 1,048,576 comes back as one past the
 * limit, for the caller to report. */
static bool parse_ref(const char *s, int *col, long *row)
{
    long c = 0, r = 0;
    size_t i = 0;
    for (; (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z'); i++) {
        if (c <= ASSESS_XLSX_COLS_MAX)
            c = c * 26 + ((s[i] | 0x20) - 'a' + 1);
    }
    if (i == 0 || s[i] < '1' || s[i] > '9')
        return false;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (r <= ASSESS_XLSX_ROWS_MAX)
            r = r * 10 + (s[i] - '0');
    }
    if (s[i])
        return false;
    *col = c > ASSESS_XLSX_COLS_MAX ? ASSESS_XLSX_COLS_MAX : (int)(c - 1);
    *row = r > ASSESS_XLSX_ROWS_MAX ? ASSESS_XLSX_ROWS_MAX + 1 : r;
    return true;
}

static bool parse_row_number(const char *s, long *row)
{
    long r = 0;
    if (!s[0] || s[0] == '0')
        return false;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        if (r <= ASSESS_XLSX_ROWS_MAX)
            r = r * 10 + (s[i] - '0');
    }
    *row = r > ASSESS_XLSX_ROWS_MAX ? ASSESS_XLSX_ROWS_MAX + 1 : r;
    return true;
}

static bool check_row(sheet_reader *r, long row)
{
    if (row > ASSESS_XLSX_ROWS_MAX) {
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_LIMIT, "a sheet has at most %d rows",
                               ASSESS_XLSX_ROWS_MAX);
        return false;
    }
    return true;
}

static void start_row(sheet_reader *r, const char **atts)
{
    const char *ref = assess_xlsx_attr(atts, "r");
    long row = r->last_row + 1;
    r->x.line = r->last_row + 1;
    r->x.column = 0;
    if (ref && !parse_row_number(ref, &row)) {
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID, "a row's number \"%s\" is not a number",
                               ref);
        return;
    }
    r->x.line = row;
    if (!check_row(r, row))
        return;
    if (row <= r->last_row) {
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID,
                               "row %ld comes after row %ld in the file: the rows are out of order "
                               "(open and save the workbook in a spreadsheet program)",
                               row, r->last_row);
        return;
    }
    r->row = r->last_row = row;
    r->in_row = true;
    r->last_col = -1;
    r->ncells = r->rlen = 0;
}

static void start_cell(sheet_reader *r, const char **atts)
{
    const char *ref = assess_xlsx_attr(atts, "r"), *t = assess_xlsx_attr(atts, "t");
    int col = r->last_col + 1;
    long row = r->row;
    if (ref && !parse_ref(ref, &col, &row)) {
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID, "\"%s\" is not a cell reference", ref);
        return;
    }
    r->x.line = r->row;
    r->x.column = col;
    if (col >= ASSESS_XLSX_COLS_MAX) {
        assess_xlsx_parse_fail(
            &r->x, ASSESS_ERR_LIMIT, "%s%s%s is beyond column XFD: a row has at most %d columns",
            ref ? "cell " : "the cell", ref ? ref : "", "", ASSESS_XLSX_COLS_MAX);
        return;
    }
    if (row != r->row) {
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID, "cell %s is inside row %ld", ref, r->row);
        return;
    }
    r->col = r->last_col = col;
    r->in_cell = true;
    r->in_is = r->collect = r->has_formula = false;
    r->phonetic = 0;
    r->tlen = 0;
    r->type = !t || strcmp(t, "n") == 0     ? 'n'
              : strcmp(t, "s") == 0         ? 's'
              : strcmp(t, "inlineStr") == 0 ? 'i'
              : strcmp(t, "str") == 0       ? 't'
              : strcmp(t, "b") == 0         ? 'b'
              : strcmp(t, "e") == 0         ? 'e'
              : strcmp(t, "d") == 0         ? 'd'
                                            : '?';
    if (r->type == '?')
        assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID, "the cell's type \"%s\" is unknown", t);
}

static void on_start(xlsx_parse *x, const char *name, const char **atts)
{
    sheet_reader *r = x->ud;
    if (r->in_cell) {
        if (strcmp(name, "v") == 0)
            r->collect = true;
        else if (strcmp(name, "f") == 0)
            r->has_formula = true;
        else if (strcmp(name, "is") == 0)
            r->in_is = true;
        else if (r->in_is && strcmp(name, "rPh") == 0)
            r->phonetic++;
        else if (r->in_is && strcmp(name, "t") == 0)
            r->collect = r->phonetic == 0;
    } else if (r->in_row) {
        if (strcmp(name, "c") == 0)
            start_cell(r, atts);
    } else if (r->in_data) {
        if (strcmp(name, "row") == 0)
            start_row(r, atts);
    } else if (strcmp(name, "sheetData") == 0) {
        r->in_data = true;
    }
}

static void on_text(xlsx_parse *x, const char *s, int len)
{
    sheet_reader *r = x->ud;
    if (!r->collect)
        return;
    if (r->tlen + (size_t)len > ASSESS_FIELD_MAX) {
        /* the start of the value says which text it is */
        size_t have = r->tlen < 40 ? r->tlen : 40;
        have = assess_utf8_valid(r->text, r->tlen) ? assess_utf8_cut(r->text, r->tlen, have) : 0;
        assess_xlsx_parse_fail(x, ASSESS_ERR_LIMIT,
                               "the cell holds more than 1 MiB of text (it starts \"%.*s…\")",
                               (int)have, r->tlen ? r->text : "");
        return;
    }
    if (!grow((void **)&r->text, &r->tcap, r->tlen + (size_t)len + 1, 1)) {
        nomem(r);
        return;
    }
    memcpy(r->text + r->tlen, s, (size_t)len);
    r->tlen += (size_t)len;
}

/* A number as a spreadsheet shows it: integers as written, anything
 * else to 15 significant digits, which drops binary noise such as
 * 2.0000000000000001 or 0.30000000000000004. */
static const char *number_text(const char *v, size_t n, char out[32])
{
    size_t i = v[0] == '-';
    if (i < n && strspn(v + i, "0123456789") == n - i)
        return v;
    char *end;
    errno = 0;
    double d = strtod(v, &end);
    if (end == v || *end || !isfinite(d))
        return v;
    snprintf(out, 32, "%.15g", d);
    return out;
}

static void cell_error(sheet_reader *r, const char *value)
{
    assess_diags_add(r->b->d, ASSESS_ERROR, assess_xlsx_parse_loc(&r->x),
                     "the cell holds the error %s (a formula that failed?): correct or clear it",
                     value);
    r->delivering = false;
    if (++r->cell_errors >= CELL_ERRORS_MAX)
        assess_xlsx_parse_stop(&r->x);
}

static void end_cell(sheet_reader *r)
{
    r->in_cell = false;
    if (!grow((void **)&r->text, &r->tcap, r->tlen + 1, 1)) {
        nomem(r);
        return;
    }
    r->text[r->tlen] = '\0';
    const char *v = r->text;
    size_t n = r->tlen;
    char num[32];
    switch (r->type) {
    case 'e':
        if (n)
            cell_error(r, v);
        return;
    case 's': {
        if (n == 0)
            break;
        const xlsx_book *b = r->b;
        char *end;
        errno = 0;
        unsigned long long k = strtoull(v, &end, 10);
        if (!b->strings_present) {
            assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID,
                                   "the cell refers to shared string %s, but the workbook has no "
                                   "shared strings part (%s): the file is damaged",
                                   v, b->strings_part);
            return;
        }
        if (end == v || *end || v[0] == '-' || errno || k >= b->nstrings) {
            assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID,
                                   "the cell refers to shared string %s, but the workbook has %zu: "
                                   "the file is damaged",
                                   v, b->nstrings);
            return;
        }
        v = b->strings + b->offset[k];
        n = b->offset[k + 1] - b->offset[k] - 1;
        break;
    }
    case 'i':
    case 't':
        n = assess_xlsx_unescape(r->text, n);
        break;
    case 'b':
        v = n == 0 ? "" : strcmp(v, "0") == 0 ? "FALSE" : "TRUE";
        n = strlen(v);
        break;
    case 'd':
        break;
    default:
        if (n == 0 && r->has_formula && r->formulas++ == 0) {
            r->formula_line = r->row;
            r->formula_col = r->col;
        }
        if (n) {
            v = number_text(v, n, num);
            n = strlen(v);
        }
        break;
    }
    if (n == 0)
        return;
    if (!grow((void **)&r->cells, &r->ccap, r->ncells + 1, sizeof *r->cells) ||
        !grow((void **)&r->rbuf, &r->rcap, r->rlen + n + 1, 1)) {
        nomem(r);
        return;
    }
    r->cells[r->ncells++] = (cell){.col = r->col, .off = r->rlen};
    memcpy(r->rbuf + r->rlen, v, n);
    r->rlen += n;
    r->rbuf[r->rlen++] = '\0';
}

static int by_col(const void *a, const void *b)
{
    int x = ((const cell *)a)->col, y = ((const cell *)b)->col;
    return (x > y) - (x < y);
}

static bool blank(const char *s)
{
    return s[strspn(s, " \t")] == '\0';
}

/* Whether the first k cells of the row are all blank. */
static bool blank_prefix(const sheet_reader *r, size_t k)
{
    for (size_t i = 0; i < k; i++) {
        if (!blank(r->rbuf + r->cells[i].off))
            return false;
    }
    return true;
}

static void end_row(sheet_reader *r)
{
    r->in_row = false;
    if (!r->delivering || r->ncells == 0)
        return;
    bool empty = true, sorted = true;
    for (size_t i = 0; i < r->ncells; i++) {
        empty = empty && blank(r->rbuf + r->cells[i].off);
        sorted = sorted && (i == 0 || r->cells[i].col > r->cells[i - 1].col);
    }
    if (empty)
        return;
    if (!sorted) {
        qsort(r->cells, r->ncells, sizeof *r->cells, by_col);
        for (size_t i = 1; i < r->ncells; i++) {
            if (r->cells[i].col == r->cells[i - 1].col) {
                r->x.column = r->cells[i].col;
                assess_xlsx_parse_fail(&r->x, ASSESS_ERR_INVALID, "the cell is given twice");
                return;
            }
        }
    }
    size_t nf = (size_t)r->cells[r->ncells - 1].col + 1;
    if (r->rows == 0) {
        r->header_line = r->row;
        r->header_fields = nf;
    } else if (nf > r->header_fields) {
        /* keep the cells under the header, trailing gaps trimmed */
        size_t k = 0;
        while (r->cells[k].col < (int)r->header_fields)
            k++;
        if (!r->warned_extra) {
            r->warned_extra = true;
            r->x.column = r->cells[k].col;
            assess_diags_add(r->b->d, ASSESS_WARNING, assess_xlsx_parse_loc(&r->x),
                             "the cell is right of the header row's last column: it is "
                             "ignored (and so is any other cell there)");
        }
        nf = k ? (size_t)r->cells[k - 1].col + 1 : 0;
        if (nf == 0 || blank_prefix(r, k))
            return;
    }
    if (!grow((void **)&r->fields, &r->fcap, nf ? nf : 1, sizeof *r->fields)) {
        nomem(r);
        return;
    }
    for (size_t i = 0; i < nf; i++)
        r->fields[i] = "";
    for (size_t i = 0; i < r->ncells && r->cells[i].col < (int)nf; i++)
        r->fields[r->cells[i].col] = r->rbuf + r->cells[i].off;
    assess_row row = {
        .file = r->b->path, .sheet = r->name, .line = r->row, .nfields = nf, .fields = r->fields};
    r->rows++;
    if (r->fn(&row, r->ud) != 0) {
        r->fn_stopped = true;
        assess_xlsx_parse_stop(&r->x);
    }
}

static void on_end(xlsx_parse *x, const char *name)
{
    sheet_reader *r = x->ud;
    if (r->in_cell) {
        if (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)
            r->collect = false;
        else if (strcmp(name, "rPh") == 0)
            r->phonetic--;
        else if (strcmp(name, "is") == 0)
            r->in_is = false;
        else if (strcmp(name, "c") == 0)
            end_cell(r);
    } else if (r->in_row) {
        if (strcmp(name, "row") == 0)
            end_row(r);
    } else if (r->in_data && strcmp(name, "sheetData") == 0) {
        r->in_data = false;
        r->x.line = 0;
    }
}

assess_status assess_xlsx_sheet_read(xlsx_book *b, size_t index, assess_row_fn fn, void *ud)
{
    const xlsx_sheet *sh = &b->sheets[index];
    if (!sh->part) {
        assess_diags_add(b->d, ASSESS_ERROR,
                         (assess_loc){.file = b->path, .sheet = sh->name, .column = -1},
                         "the workbook is damaged: the sheet has no part");
        return ASSESS_ERR_INVALID;
    }
    assess_status st = assess_xlsx_book_strings(b);
    if (st != ASSESS_OK)
        return st;
    sheet_reader r = {.b = b, .name = sh->name, .fn = fn, .ud = ud, .delivering = true};
    r.x = (xlsx_parse){.book = b,
                       .part = sh->part,
                       .sheet = sh->name,
                       .start = on_start,
                       .end = on_end,
                       .text = on_text,
                       .ud = &r};
    st = assess_xlsx_parse_run(&r.x, NULL);
    free(r.text);
    free(r.cells);
    free(r.rbuf);
    free(r.fields);
    if (st == ASSESS_OK && r.cell_errors)
        st = ASSESS_ERR_INVALID;
    assess_loc at = {.file = b->path, .sheet = sh->name, .column = -1};
    if (r.formulas) {
        at.line = r.formula_line;
        at.column = r.formula_col;
        assess_diags_add(b->d, ASSESS_WARNING, at,
                         "the cell holds a formula whose result was never saved (%zu such "
                         "cell%s in the sheet): read as empty; open and save the workbook in a "
                         "spreadsheet program to compute them",
                         r.formulas, r.formulas == 1 ? "" : "s");
    }
    if (st != ASSESS_OK || r.fn_stopped)
        return st;
    if (r.rows == 0) {
        at.line = 0;
        at.column = -1;
        assess_diags_add(b->d, ASSESS_ERROR, at, "the sheet is empty (expected a header row)");
        return ASSESS_ERR_INVALID;
    }
    if (r.rows == 1) {
        at.line = r.header_line;
        at.column = 0;
        assess_diags_add(b->d, ASSESS_ERROR, at, "the sheet has a header row but no data rows");
        return ASSESS_ERR_INVALID;
    }
    return ASSESS_OK;
}
