/*
 * pdf_table.c — tables: columns as shares of the text width, a column of
 * numbers as wide as its widest number (numbers never break), a bold header
 * on a tinted band repeated on every page the table reaches, wrapped
 * cells with their own fill, weight and link, and a thin rule under each
 * row.  Columns of width 0 are for workbooks and are not drawn.  A row stays on one page unless it
 * is taller than a page; then it is split between lines.
 */
#include "pdf_internal.h"

#include <string.h>

#define PAD_X  5.0
#define PAD_Y  4.0
#define SIZE   9.0
#define LEAD   12.5
#define H_SIZE 8.5
#define H_LEAD 11.5
#define H_MAX  3 /* header titles are cut after this many lines */

typedef struct {
    const char *s;
    pdf_line *ln;
    size_t n;
    double size;
} cell_text;

typedef struct {
    const doc_block *b;
    double *cw;      /* column widths */
    cell_text *head; /* the header cells */
    double head_h;
    cell_text *cells; /* the current row */
    pdf_elem tab;     /* the Table element (NULL in the measuring pass) */
    pdf_elem *td;     /* the current row's cells (or their Link) */
    bool head_tagged; /* the header drawn once as TH; repeats are artifacts */
} table;

/* The header size at which the longest word of title fits in width
 * ("Operationalize" over a narrow column), down to 6.5 points. */
static double header_size(pdf_lay *L, const char *title, double width)
{
    size_t n;
    const char *s = pdf_clean(L, title, &n);
    double widest = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\n')
            j++;
        double w = pdf_width(L, 1, H_SIZE, s + i, j - i);
        widest = w > widest ? w : widest;
        i = j + 1;
    }
    if (widest <= width || widest <= 0)
        return H_SIZE;
    double size = H_SIZE * width / widest;
    return size < 6.5 ? 6.5 : size;
}

/* True when text reads as a number ("72.9", "+1.2", "45.0 %",
 * "61.3–80.4"): digits, signs, separators and a percent sign, at least one
 * digit, no letters.  Such a cell is never broken across lines. */
static bool numeric_text(const char *s)
{
    bool digit = false;
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (!strchr("+-.,% ", *p) && *p < 0x80)
            return false;
        else if (*p >= 0x80 && !(p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0x93 || p[2] == 0x94)) &&
                 !(p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92))
            return false; /* only the en and em dash and the minus sign */
        else if (*p >= 0x80)
            p += 2;
    }
    return digit;
}

/* The width column c needs so that no number in it breaks, or 0 for a
 * column of words (one whose cells are not all numbers). */
static double number_width(pdf_lay *L, const doc_block *b, size_t c)
{
    double need = 0;
    for (size_t r = 0; r < b->nrows; r++) {
        const doc_cell *cell = doc_table_cell(b, r, c);
        if (!cell->text || !cell->text[0])
            continue;
        if (!numeric_text(cell->text))
            return 0;
        size_t n;
        const char *s = pdf_clean(L, cell->text, &n);
        double w = pdf_width(L, cell->bold, SIZE, s, n);
        need = w > need ? w : need;
    }
    return need > 0 ? need + 2 * PAD_X : 0;
}

/* The width the longest word of a narrow column of words needs (links
 * aside: an address breaks anywhere), so that no word breaks inside:
 * Spanish words run longer ("herramientas").  0 for a column wide enough
 * for any word, or one of numbers. */
#define NARROW 100.0 /* pt: wider columns are not measured */
static double word_width(pdf_lay *L, const doc_block *b, size_t c, double width)
{
    if (width >= NARROW)
        return 0;
    double need = 0;
    for (size_t r = 0; r < b->nrows; r++) {
        const doc_cell *cell = doc_table_cell(b, r, c);
        if (!cell->text || !cell->text[0] || (cell->link && cell->link[0]) ||
            strstr(cell->text, "://"))
            continue;
        size_t n;
        const char *s = pdf_clean(L, cell->text, &n);
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j < n && s[j] != ' ' && s[j] != '\n')
                j++;
            double w = pdf_width(L, cell->bold, SIZE, s + i, j - i);
            need = w > need ? w : need;
            i = j + 1;
        }
    }
    need += 2 * PAD_X;
    return need > NARROW ? NARROW : need;
}

/* The width a column's title needs at the header size: its longest word,
 * and half of the whole title, so that it wraps to no more than about
 * three lines. */
static double title_width(pdf_lay *L, const char *title)
{
    size_t n;
    const char *s = pdf_clean(L, title, &n);
    double widest = pdf_width(L, 1, H_SIZE, s, n) / 2;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\n')
            j++;
        double w = pdf_width(L, 1, H_SIZE, s + i, j - i);
        widest = w > widest ? w : widest;
        i = j + 1;
    }
    return widest + 2 * PAD_X;
}

/* Column widths that fit their content: a column of numbers is as wide as
 * its widest number (or its title's longest word), and the columns of
 * words share what is left in proportion to their shares.  With no column
 * of words, a column too narrow for its numbers is widened at the expense
 * of those with room to spare. */
static void fit_columns(pdf_lay *L, const doc_block *b, double *cw)
{
    size_t nc = b->ncolumns;
    double *fit = pdf_alloc(L, nc * sizeof *fit);
    if (!fit)
        return;
    double words = 0, numbers = 0, short_by = 0, spare = 0;
    for (size_t c = 0; c < nc; c++) {
        fit[c] = 0;
        if (cw[c] <= 0)
            continue;
        double need = number_width(L, b, c);
        if (need > 0) {
            double tw = title_width(L, b->columns[c].title);
            fit[c] = need > tw ? need : tw;
            if (fit[c] > PDF_TEXT_W / 2)
                fit[c] = PDF_TEXT_W / 2;
            numbers += fit[c];
            short_by += fit[c] > cw[c] ? fit[c] - cw[c] : 0;
            spare += fit[c] < cw[c] ? cw[c] - fit[c] : 0;
        } else {
            words += cw[c];
        }
    }
    if (words > 0 && numbers > 0 && numbers < PDF_TEXT_W - 72) {
        double left = PDF_TEXT_W - numbers;
        for (size_t c = 0; c < nc; c++)
            if (cw[c] > 0)
                cw[c] = fit[c] > 0 ? fit[c] : cw[c] * left / words;
    }
    if (words > 0) {
        /* a narrow column of words too narrow for its longest word takes
         * what it lacks from the wider columns of words, in proportion */
        double lack = 0, wide = 0;
        for (size_t c = 0; c < nc; c++) {
            if (cw[c] <= 0 || fit[c] > 0)
                continue;
            double need = word_width(L, b, c, cw[c]);
            if (need > cw[c]) {
                lack += need - cw[c];
                fit[c] = -need; /* marks the column as one to widen */
            } else if (cw[c] >= NARROW) {
                wide += cw[c];
            }
        }
        if (lack > 0 && wide > 4 * lack) {
            for (size_t c = 0; c < nc; c++) {
                if (fit[c] < 0)
                    cw[c] = -fit[c];
                else if (cw[c] >= NARROW && fit[c] == 0)
                    cw[c] -= lack * cw[c] / wide;
            }
        }
    } else if (words <= 0 && short_by > 0 && spare > 0) {
        double give = short_by < spare ? short_by / spare : 1; /* of each one's spare */
        double get = spare < short_by ? spare / short_by : 1;  /* of each shortfall */
        for (size_t c = 0; c < nc; c++) {
            if (cw[c] <= 0)
                continue;
            if (fit[c] > cw[c])
                cw[c] += (fit[c] - cw[c]) * get;
            else if (fit[c] > 0)
                cw[c] -= (cw[c] - fit[c]) * give;
        }
    }
}

static bool table_init(pdf_lay *L, table *t, const doc_block *b)
{
    size_t nc = b->ncolumns;
    t->b = b;
    t->cw = pdf_alloc(L, nc * sizeof *t->cw);
    t->head = pdf_alloc(L, nc * sizeof *t->head);
    t->cells = pdf_alloc(L, nc * sizeof *t->cells);
    t->td = pdf_alloc(L, nc * sizeof *t->td);
    t->tab = NULL;
    t->head_tagged = false;
    if (!t->cw || !t->head || !t->cells || !t->td)
        return false;
    double sum = 0;
    for (size_t c = 0; c < nc; c++)
        sum += b->columns[c].width > 0 ? b->columns[c].width : 0;
    for (size_t c = 0; c < nc; c++) {
        double share = b->columns[c].width > 0 ? b->columns[c].width : 0;
        t->cw[c] = sum > 0 ? PDF_TEXT_W * share / sum : PDF_TEXT_W / (double)nc;
    }
    fit_columns(L, b, t->cw);
    size_t lines = 1;
    for (size_t c = 0; c < nc; c++) {
        cell_text *h = &t->head[c];
        if (t->cw[c] <= 0) /* a column for the workbook only */
            continue;
        h->size = header_size(L, b->columns[c].title, t->cw[c] - 2 * PAD_X);
        h->ln = pdf_wrap_text(L, b->columns[c].title, &h->s, L->face[1], h->size,
                              t->cw[c] - 2 * PAD_X, H_MAX, &h->n);
        if (h->n > lines)
            lines = h->n;
    }
    t->head_h = (double)lines * H_LEAD + 2 * PAD_Y;
    return !L->failed;
}

/* Wraps row r into t->cells; returns its number of lines (at least 1). */
static size_t measure_row(pdf_lay *L, table *t, size_t r)
{
    size_t lines = 1;
    for (size_t c = 0; c < t->b->ncolumns; c++) {
        const doc_cell *cell = doc_table_cell(t->b, r, c);
        cell_text *ct = &t->cells[c];
        if (t->cw[c] <= 0) {
            ct->ln = NULL;
            ct->n = 0;
            continue;
        }
        ct->ln = pdf_wrap_text(L, cell->text, &ct->s, L->face[cell->bold], SIZE,
                               t->cw[c] - 2 * PAD_X, 0, &ct->n);
        if (!ct->ln)
            ct->n = 0;
        if (ct->n > lines)
            lines = ct->n;
    }
    return lines;
}

static double row_height(size_t lines)
{
    return (double)lines * LEAD + 2 * PAD_Y;
}

static void draw_header(pdf_lay *L, table *t)
{
    pdf_rect(L, PDF_LEFT, L->y, PDF_TEXT_W, t->head_h, L->tint_head);
    pdf_elem tr = t->head_tagged ? NULL : pdf_tag_elem(L, t->tab, "TR");
    double x = PDF_LEFT;
    for (size_t c = 0; c < t->b->ncolumns; c++) {
        const cell_text *h = &t->head[c];
        if (t->cw[c] <= 0) /* a column for the workbook only: no cell on pages */
            continue;
        pdf_elem th = tr ? pdf_tag_elem(L, tr, "TH") : NULL;
        pdf_tag_scope(L, th, "Column");
        pdf_tag_use(L, th);
        for (size_t k = 0; t->cw[c] > 0 && h->ln && k < h->n; k++)
            pdf_text_in(L, x + PAD_X, t->cw[c] - 2 * PAD_X, t->b->columns[c].align,
                        pdf_baseline(L->y + PAD_Y + (double)k * H_LEAD, H_LEAD, h->size), 1,
                        h->size, L->ink, h->s + h->ln[k].off, h->ln[k].len);
        x += t->cw[c];
    }
    pdf_tag_use(L, NULL);
    t->head_tagged = true;
    pdf_hline(L, PDF_LEFT, PDF_LEFT + PDF_TEXT_W, L->y + t->head_h, 0.8, L->primary);
    L->y += t->head_h;
    L->fresh = false;
}

static void new_page_with_header(pdf_lay *L, table *t)
{
    pdf_new_page(L);
    draw_header(L, t);
}

/* Draws lines [l0, l1) of row r at L->y, in a band h high. */
static void draw_row(pdf_lay *L, table *t, size_t r, size_t l0, size_t l1, double h)
{
    double x = PDF_LEFT;
    /* a row's cells are made when its first lines are drawn */
    pdf_elem tr = l0 == 0 ? pdf_tag_elem(L, t->tab, "TR") : NULL;
    for (size_t c = 0; c < t->b->ncolumns; c++) {
        const doc_cell *cell = doc_table_cell(t->b, r, c);
        if (t->cw[c] <= 0)
            continue;
        if (l0 == 0) {
            t->td[c] = pdf_tag_elem(L, tr, "TD");
            if (cell->link && cell->link[0])
                t->td[c] = pdf_tag_elem(L, t->td[c], "Link");
        }
        pdf_tag_use(L, t->td[c]);
        const cell_text *ct = &t->cells[c];
        double inner = t->cw[c] - 2 * PAD_X;
        doc_rgb colour = cell->link ? L->head : L->ink;
        if (cell->has_fill) {
            pdf_rect(L, x, L->y, t->cw[c], h, cell->fill);
            colour = pdf_doc_rgb(theme_text_on(pdf_canvas_rgb(cell->fill)));
        }
        for (size_t k = l0; k < l1 && k < ct->n; k++) {
            const pdf_line *ln = &ct->ln[k];
            double top = L->y + PAD_Y + (double)(k - l0) * LEAD;
            pdf_text_in(L, x + PAD_X, inner, t->b->columns[c].align,
                        pdf_baseline(top, LEAD, SIZE), cell->bold, SIZE, colour, ct->s + ln->off,
                        ln->len);
            if (cell->link && cell->link[0]) {
                doc_align al = t->b->columns[c].align;
                double lx = x + PAD_X + (al == DOC_ALIGN_RIGHT    ? inner - ln->w
                                         : al == DOC_ALIGN_CENTER ? (inner - ln->w) / 2
                                                                  : 0);
                pdf_link(L, lx, top, ln->w, LEAD, cell->link, t->td[c], cell->text);
            }
        }
        x += t->cw[c];
    }
    pdf_tag_use(L, NULL);
    pdf_hline(L, PDF_LEFT, PDF_LEFT + PDF_TEXT_W, L->y + h, 0.5, L->rule);
    L->y += h;
    L->fresh = false;
}

double pdf_table_min(pdf_lay *L, const doc_block *b, size_t first)
{
    table t;
    if (!b->ncolumns || !table_init(L, &t, b))
        return 0;
    if (first >= b->nrows)
        return t.head_h;
    /* the header with its whole first row, which the table never splits
     * when it fits on a page (a taller one shows three lines under it) */
    size_t lines = measure_row(L, &t, first);
    double h = row_height(lines);
    return t.head_h + (h <= PDF_CONTENT_H - t.head_h ? h : row_height(3));
}

void pdf_table(pdf_lay *L, const doc_block *b, size_t first, size_t end, pdf_elem tab)
{
    table t;
    if (!b->ncolumns || !table_init(L, &t, b))
        return;
    pdf_ensure(L, pdf_table_min(L, b, first));
    t.tab = tab ? tab : pdf_tag_elem(L, NULL, "Table");
    draw_header(L, &t);
    for (size_t r = first; r < end && r < b->nrows && !L->failed; r++) {
        size_t lines = measure_row(L, &t, r);
        double h = row_height(lines);
        if (L->y + h <= PDF_BOTTOM + 1e-6) {
            draw_row(L, &t, r, 0, lines, h);
            continue;
        }
        if (h <= PDF_CONTENT_H - t.head_h) {
            new_page_with_header(L, &t);
            draw_row(L, &t, r, 0, lines, h);
            continue;
        }
        /* Taller than a page: as many lines as fit, at least two at the
         * foot of a page. */
        size_t l0 = 0;
        while (l0 < lines && !L->failed) {
            double room = PDF_BOTTOM - L->y - 2 * PAD_Y;
            size_t fit = room > 0 ? (size_t)((room + 1e-6) / LEAD) : 0;
            if (fit < 2 && fit < lines - l0) {
                new_page_with_header(L, &t);
                continue;
            }
            size_t l1 = l0 + fit < lines ? l0 + fit : lines;
            draw_row(L, &t, r, l0, l1, row_height(l1 - l0));
            l0 = l1;
            if (l0 < lines)
                new_page_with_header(L, &t);
        }
    }
}
