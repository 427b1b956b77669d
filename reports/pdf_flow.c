/*
 * pdf_flow.c — the text blocks of a report on the page: paragraphs, bullet
 * lists, cards and a table's caption.  Headings, key figures, charts and
 * the dispatch over block kinds are in pdf_layout.c, tables in pdf_table.c.
 *
 * A text block becomes rows (a line of text, perhaps with a second span
 * such as a bullet or a badge) that "flow" onto pages: a row marked keep
 * stays on the page of the next one when they fit together, which keeps
 * the first and last two lines of a paragraph together, a card's title
 * with its first field, and a field's label with its text.
 */
#include "pdf_flow.h"

#include <stdio.h>
#include <string.h>

/* ## Rows and flow */

typedef struct {
    const char *s;
    size_t n;
    double x, w; /* from the flow's left edge; the width aligned in */
    doc_align align;
    double size;
    int bold; /* the face: 0 regular, 1 bold, 2 oblique, 3 bold oblique */
    doc_rgb colour;
    int tag; /* the block's element it belongs to (see block_tags); -1: an artifact */
} span;

/* A piece of a line of inline runs: a span, perhaps a link. */
typedef struct {
    span sp;
    const char *link; /* a link annotation over it, or NULL */
} run_span;

typedef struct {
    double h, base; /* height; baseline below the row's top */
    bool keep;      /* on the same page as the next row */
    double y;       /* top, once placed */
    int nspans;
    span sp[2];
    int nmore; /* a line of inline runs: its pieces, after sp */
    const run_span *more;
} row;

typedef struct {
    row *v;
    size_t n, cap;
    int tag;         /* the element of the lines add_lines adds */
    pdf_elem *elems; /* the block's elements, by tag (second pass) */
    size_t nelems;
} rows;

typedef enum { BOX_NONE, BOX_NOTE, BOX_CARD } box_kind;

typedef struct {
    box_kind kind;
    doc_rgb bar, bg;
    double bar_w, pad_top, pad_bottom;
    const row *cont; /* a row heading each later page's part, or NULL */
} box;

static row *push_row(pdf_lay *L, rows *R)
{
    if (R->n == R->cap) {
        size_t cap = R->cap ? 2 * R->cap : 32;
        row *grown = pdf_alloc(L, cap * sizeof *grown);
        if (!grown)
            return NULL;
        if (R->n)
            memcpy(grown, R->v, R->n * sizeof *grown);
        R->v = grown;
        R->cap = cap;
    }
    row *r = &R->v[R->n++];
    memset(r, 0, sizeof *r);
    return r;
}

/* Adds wrapped lines as rows; the first two and the last two lines keep
 * together (no orphan, no widow). */
static row *add_lines(pdf_lay *L, rows *R, const char *s, const pdf_line *ln, size_t n, double x,
                      double w, doc_align align, double size, double leading, int bold,
                      doc_rgb colour)
{
    row *last = NULL;
    for (size_t k = 0; k < n; k++) {
        row *r = push_row(L, R);
        if (!r)
            return NULL;
        r->h = leading;
        r->base = pdf_baseline(0, leading, size);
        r->keep = (k == 0 && n >= 2) || (n >= 2 && k == n - 2);
        r->nspans = 1;
        r->sp[0] = (span){s + ln[k].off, ln[k].len, x, w, align, size, bold, colour, R->tag};
        last = r;
    }
    return last;
}

static void draw_box(pdf_lay *L, const box *bx, double top, double bottom)
{
    if (bx->kind == BOX_NONE)
        return;
    pdf_rect(L, PDF_LEFT, top, PDF_TEXT_W, bottom - top, bx->bg);
    pdf_rect(L, PDF_LEFT, top, bx->bar_w, bottom - top, bx->bar);
}

/* Draws a span as content of its block's element (its tag); a span that
 * links gets a /Link element of its own under that one, tied to its
 * annotation, and an underline (an artifact). */
static void draw_span(pdf_lay *L, const rows *R, const row *r, const span *sp, const char *link,
                      double x)
{
    bool tagged = sp->tag >= 0 && (size_t)sp->tag < R->nelems;
    pdf_elem e = tagged ? R->elems[sp->tag] : NULL;
    if (link && e)
        e = pdf_tag_elem(L, e, "Link");
    pdf_tag_use(L, e);
    pdf_text_in(L, x + sp->x, sp->w, sp->align, r->y + r->base, sp->bold, sp->size, sp->colour,
                sp->s, sp->n);
    if (link && !L->dry) {
        double w = pdf_width(L, sp->bold, sp->size, sp->s, sp->n);
        char *text = pdf_alloc(L, sp->n + 1);
        if (text) {
            memcpy(text, sp->s, sp->n);
            text[sp->n] = '\0';
        }
        pdf_link(L, x + sp->x, r->y, w, r->h, link, e, text);
        pdf_tag_use(L, NULL);
        pdf_hline(L, x + sp->x, x + sp->x + w, r->y + r->base + 1.5, 0.5, sp->colour);
    }
}

static void draw_rows(pdf_lay *L, const rows *R, const row *v, size_t n, double x)
{
    for (size_t k = 0; k < n; k++) {
        for (int s = 0; s < v[k].nspans; s++)
            draw_span(L, R, &v[k], &v[k].sp[s], NULL, x);
        for (int s = 0; s < v[k].nmore; s++)
            draw_span(L, R, &v[k], &v[k].more[s].sp, v[k].more[s].link, x);
    }
}

/* The height of the rows that must open the block on its first page. */
static double first_chain(const rows *R, const box *bx)
{
    double h = bx ? bx->pad_top + bx->pad_bottom : 0;
    for (size_t k = 0; k < R->n; k++) {
        h += R->v[k].h;
        if (!R->v[k].keep)
            break;
    }
    return h;
}

/* Places rows on as many pages as they need, x being their left edge;
 * each page's part gets its own box. */
static void flow(pdf_lay *L, rows *R, const box *bx, double x)
{
    double pt = bx ? bx->pad_top : 0, pb = bx ? bx->pad_bottom : 0;
    size_t i = 0;
    while (i < R->n && !L->failed) {
        const row *cont = i > 0 && bx ? bx->cont : NULL;
        double ct = cont ? cont->h : 0;
        double y = L->y + pt + ct, limit = PDF_BOTTOM - pb, full = PDF_CONTENT_H - pt - pb - ct;
        size_t first = i;
        while (i < R->n) {
            size_t j = i;
            double ch = R->v[i].h;
            while (R->v[j].keep && j + 1 < R->n)
                ch += R->v[++j].h;
            if (y + ch <= limit + 1e-6) {
                for (; i <= j; i++) {
                    R->v[i].y = y;
                    y += R->v[i].h;
                }
                continue;
            }
            /* A chain taller than a page is split wherever the page ends,
             * as is anything on a page that holds nothing else. */
            bool alone = i == first && L->fresh;
            if ((ch > full || alone) && (y + R->v[i].h <= limit + 1e-6 || alone)) {
                R->v[i].y = y;
                y += R->v[i].h;
                i++;
                continue;
            }
            break;
        }
        if (i == first) {
            pdf_new_page(L);
            continue;
        }
        if (bx)
            draw_box(L, bx, L->y, y + pb);
        if (cont) {
            row r = *cont;
            r.y = L->y + pt;
            draw_rows(L, R, &r, 1, x);
        }
        draw_rows(L, R, R->v + first, i - first, x);
        L->y = y + pb;
        L->fresh = false;
        if (i < R->n)
            pdf_new_page(L);
    }
}

/* ## Paragraphs and bullets */

typedef struct {
    double size, leading;
} text_style;

static text_style style_of(doc_style s)
{
    switch (s) {
    case DOC_STYLE_LEAD:
        return (text_style){12, 17};
    case DOC_STYLE_SMALL:
        return (text_style){8.5, 12};
    case DOC_STYLE_NOTE:
        return (text_style){9.5, 13.5};
    default:
        return (text_style){10, 14.5};
    }
}

static const double NOTE_INSET = 3 + 11, NOTE_RIGHT = 11;

/* Inline runs as rows, x and w their place: a span per piece, links in
 * the heading colour.  Returns the last row, or NULL. */
static row *add_runs(pdf_lay *L, rows *R, const doc_run *runs, size_t nruns, double x, double w,
                     text_style st, doc_rgb colour)
{
    pdf_piece *pc;
    size_t n;
    pdf_rline *ln = pdf_wrap_runs(L, runs, nruns, st.size, w, &pc, &n);
    if (!ln)
        return NULL;
    row *last = NULL;
    for (size_t k = 0; k < n; k++) {
        run_span *sp = pdf_alloc(L, (ln[k].n ? ln[k].n : 1) * sizeof *sp);
        row *r = sp ? push_row(L, R) : NULL;
        if (!r)
            return NULL;
        for (size_t p = 0; p < ln[k].n; p++) {
            const pdf_piece *q = &pc[ln[k].first + p];
            sp[p].sp = (span){.s = q->s, .n = q->n, .x = x + q->x, .w = q->w,
                              .align = DOC_ALIGN_LEFT, .size = st.size, .bold = q->face,
                              .colour = q->link ? L->head : colour, .tag = R->tag};
            sp[p].link = q->link;
        }
        r->h = st.leading;
        r->base = pdf_baseline(0, st.leading, st.size);
        r->keep = (k == 0 && n >= 2) || (n >= 2 && k == n - 2);
        r->more = sp;
        r->nmore = (int)ln[k].n;
        last = r;
    }
    return last;
}

static void build_paragraph(pdf_lay *L, const doc_block *b, rows *R, box *bx)
{
    text_style st = style_of(b->style);
    bool note = b->style == DOC_STYLE_NOTE;
    double w = note ? PDF_TEXT_W - NOTE_INSET - NOTE_RIGHT : PDF_TEXT_W;
    const char *s;
    size_t n;
    doc_rgb colour = b->style == DOC_STYLE_SMALL ? L->grey : L->ink;
    pdf_line *ln = b->nruns ? NULL : pdf_wrap_text(L, b->text, &s, L->face[0], st.size, w, 0, &n);
    if (b->nruns)
        add_runs(L, R, b->runs, b->nruns, note ? NOTE_INSET : 0, w, st, colour);
    else if (ln)
        add_lines(L, R, s, ln, n, note ? NOTE_INSET : 0, w, DOC_ALIGN_LEFT, st.size, st.leading,
                  0, colour);
    *bx = (box){note ? BOX_NOTE : BOX_NONE, L->primary, L->tint_note, 3, note ? 8 : 0,
                note ? 8 : 0, NULL};
}

static const double BULLET_INDENT = 16;

/* A list of items with runs: a bullet or a number before each, a nested
 * item indented one step further. */
static void build_items(pdf_lay *L, const doc_block *b, rows *R)
{
    const double step = 20;
    text_style st = style_of(DOC_STYLE_BODY);
    for (size_t k = 0; k < b->nbullets; k++) {
        const doc_item *it = &b->items[k];
        double x = step * (1 + it->depth);
        size_t at = R->n;
        R->tag = 2 * (int)k + 1; /* the item's body; 2k its marker (block_tags) */
        doc_run plain = {b->bullets[k], 0, NULL};
        row *last = add_runs(L, R, it->runs ? it->runs : &plain, it->runs ? it->nruns : 1, x,
                             PDF_TEXT_W - x, st, L->ink);
        if (!last)
            continue;
        char *mark = pdf_alloc(L, 16);
        if (!mark)
            return;
        if (it->ordered)
            snprintf(mark, 16, "%d.", it->number);
        else
            strcpy(mark, it->depth ? "\xE2\x80\x93" : "\xE2\x80\xA2"); /* – nested, • */
        row *r = &R->v[at];
        r->sp[0] = (span){mark,        strlen(mark),
                          x - step,    step - 5,
                          it->ordered ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT,
                          st.size,     0,
                          L->head,     2 * (int)k};
        if (!it->ordered)
            r->sp[0].x += 4;
        r->nspans = 1;
        if (k + 1 < b->nbullets)
            last->h += 3.5; /* between items */
    }
}

static void build_bullets(pdf_lay *L, const doc_block *b, rows *R)
{
    text_style st = style_of(DOC_STYLE_BODY);
    if (b->items) {
        build_items(L, b, R);
        return;
    }
    for (size_t k = 0; k < b->nbullets; k++) {
        const char *s;
        size_t n;
        pdf_line *ln = pdf_wrap_text(L, b->bullets[k], &s, L->face[0], st.size,
                                     PDF_TEXT_W - BULLET_INDENT, 0, &n);
        if (!ln || !n)
            continue;
        size_t at = R->n;
        R->tag = 2 * (int)k + 1; /* the item's body; 2k its bullet */
        row *last = add_lines(L, R, s, ln, n, BULLET_INDENT, PDF_TEXT_W - BULLET_INDENT,
                              DOC_ALIGN_LEFT, st.size, st.leading, 0, L->ink);
        if (!last)
            return;
        row *r = &R->v[at];
        r->sp[1] = (span){"\xE2\x80\xA2", 3, 4, 10, DOC_ALIGN_LEFT, st.size, 0, L->head,
                          2 * (int)k};
        r->nspans = 2;
        if (k + 1 < b->nbullets)
            last->h += 3.5; /* between items */
    }
}

/* ## Cards */

static const double CARD_BAR = 4, CARD_PAD = 12;

static void build_card(pdf_lay *L, const doc_block *b, rows *R, box *bx)
{
    const double x = CARD_BAR + CARD_PAD, w = PDF_TEXT_W - CARD_BAR - 2 * CARD_PAD;
    const double ts = 10.5, tl = 14.5, bs = 8.5;
    doc_rgb accent = b->has_accent ? b->accent : L->primary;
    *bx = (box){BOX_CARD, accent, L->card_bg, CARD_BAR, 10, 8, NULL};

    /* The title, with the badge right-aligned on its first line when
     * there is room, else on a line of its own. */
    const char *bsrc = "";
    size_t bn = 0;
    double bw = 0;
    if (b->badge && b->badge[0]) {
        bsrc = pdf_clean(L, b->badge, &bn);
        bw = pdf_width(L, 1, bs, bsrc, bn);
    }
    bool beside = bn && bw <= w * 0.42;
    const char *s;
    size_t n = 0;
    pdf_line *ln = NULL;
    if (b->text && b->text[0])
        ln = pdf_wrap_text(L, b->text, &s, L->face[1], ts, beside ? w - bw - 14 : w, 0, &n);
    size_t at = R->n;
    R->tag = 0; /* the title; 1 the badge; 2 + 2f, 3 + 2f field f's label and text */
    row *last = ln && n ? add_lines(L, R, s, ln, n, x, w, DOC_ALIGN_LEFT, ts, tl, 1, L->ink)
                        : NULL;
    R->tag = 1;
    if (bn && bw > w) { /* a badge wider than the card wraps too */
        pdf_line *bl = pdf_wrap(L, bsrc, bn, L->face[1], bs, w, &n);
        row *r = bl ? add_lines(L, R, bsrc, bl, n, x, w, DOC_ALIGN_LEFT, bs, 12, 1, L->grey)
                    : NULL;
        last = r ? r : last;
    } else if (bn && (!beside || !last)) {
        row *r = push_row(L, R);
        if (!r)
            return;
        *r = (row){.h = 13, .base = pdf_baseline(0, 13, bs), .nspans = 1};
        r->sp[0] = (span){bsrc, bn, x, w, DOC_ALIGN_LEFT, bs, 1, L->grey, 1};
        last = r;
    } else if (bn) {
        row *first = &R->v[at];
        first->sp[1] = (span){bsrc, bn, x, w, DOC_ALIGN_RIGHT, bs, 1, L->grey, 1};
        first->nspans = 2;
    }
    for (size_t k = at; k < R->n; k++)
        R->v[k].keep = true; /* the title stays whole and with what follows */
    if (last)
        last->h += 5;

    for (size_t f = 0; f < b->nfields; f++) {
        const doc_field *fd = &b->fields[f];
        if (fd->label && fd->label[0]) {
            const char *ls;
            size_t ln_n;
            pdf_line *ll = pdf_wrap_text(L, fd->label, &ls, L->face[1], 8, w, 0, &ln_n);
            R->tag = 2 + 2 * (int)f;
            if (ll && ln_n) {
                size_t a = R->n;
                add_lines(L, R, ls, ll, ln_n, x, w, DOC_ALIGN_LEFT, 8, 11.5, 1, L->grey);
                for (size_t k = a; k < R->n; k++)
                    R->v[k].keep = true;
            }
        }
        ln = pdf_wrap_text(L, fd->text, &s, L->face[0], 9.5, w, 0, &n);
        R->tag = 3 + 2 * (int)f;
        row *end = ln ? add_lines(L, R, s, ln, n, x, w, DOC_ALIGN_LEFT, 9.5, 13.5, 0, L->ink)
                      : NULL;
        if (end && f + 1 < b->nfields)
            end->h += 6;
    }
    if (R->n)
        R->v[R->n - 1].keep = false;

    /* On later pages: "Title (continued)", on one line. */
    /* TRANSLATORS: after a title repeated on the next page; starts with a space */
    const char *more = l10n_get(L->doc->info.lang, " (continued)");
    size_t ml = strlen(more);
    const double cs = 8.5;
    double mw = pdf_width(L, 0, cs, more, ml);
    ln = pdf_wrap_text(L, b->text && b->text[0] ? b->text : "", &s, L->face[0], cs, w - mw, 1, &n);
    char *t = pdf_alloc(L, (n ? ln[0].len : 0) + ml + 1);
    row *cont = pdf_alloc(L, sizeof *cont);
    if (!t || !cont)
        return;
    size_t tn = n ? ln[0].len : 0;
    memcpy(t, s + (n ? ln[0].off : 0), tn);
    /* without a title, the words alone, without their leading space */
    const char *m = n || more[0] != ' ' ? more : more + 1;
    memcpy(t + tn, m, strlen(m) + 1);
    tn += strlen(m);
    *cont = (row){.h = 16, .base = pdf_baseline(0, 12, cs), .nspans = 1};
    /* repeated on each page: an artifact */
    cont->sp[0] = (span){t, tn, x, w, DOC_ALIGN_LEFT, cs, 0, L->grey, -1};
    bx->cont = cont;
}

/* The elements of a text block, by the tags its spans carry: a paragraph
 * is one P; a list an L of LI, each a Lbl (its bullet, tag 2k) and an
 * LBody (tag 2k + 1), and a nested list an L inside its item's LI; a card
 * a Div of P: title, badge, then each field's label and text. */
static void block_tags(pdf_lay *L, const doc_block *b, rows *R)
{
    if (L->dry)
        return;
    size_t n = b->kind == DOC_BULLETS ? 2 * b->nbullets
               : b->kind == DOC_CARD  ? 2 + 2 * b->nfields
                                      : 1;
    R->elems = pdf_alloc(L, n * sizeof *R->elems);
    if (!R->elems)
        return;
    R->nelems = n;
    if (b->kind == DOC_PARAGRAPH) {
        R->elems[0] = pdf_tag_elem(L, NULL, "P");
    } else if (b->kind == DOC_BULLETS) {
        /* a nested list is an L in the LI of the item it belongs to */
        pdf_elem list[DOC_ITEM_MAX_DEPTH + 1] = {0}, li[DOC_ITEM_MAX_DEPTH + 1] = {0};
        list[0] = pdf_tag_elem(L, NULL, "L");
        for (size_t k = 0; k < b->nbullets; k++) {
            int d = b->items ? b->items[k].depth : 0;
            d = d < 0 || d > DOC_ITEM_MAX_DEPTH || (d > 0 && !li[d - 1]) ? 0 : d;
            if (!list[d])
                list[d] = pdf_tag_elem(L, li[d - 1], "L");
            li[d] = pdf_tag_elem(L, list[d], "LI");
            for (int j = d + 1; j <= DOC_ITEM_MAX_DEPTH; j++)
                list[j] = li[j] = NULL; /* the lists nested in the item before end */
            R->elems[2 * k] = pdf_tag_elem(L, li[d], "Lbl");
            R->elems[2 * k + 1] = pdf_tag_elem(L, li[d], "LBody");
        }
    } else {
        pdf_elem div = pdf_tag_elem(L, NULL, "Div");
        for (size_t k = 0; k < n; k++)
            R->elems[k] = pdf_tag_elem(L, div, "P");
    }
}


/* ## Entry points */

void pdf_flow_block(pdf_lay *L, const doc_block *b)
{
    rows R = {0};
    box bx = {BOX_NONE, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, NULL};
    switch (b->kind) {
    case DOC_PARAGRAPH:
        build_paragraph(L, b, &R, &bx);
        if (!R.n)
            return;
        block_tags(L, b, &R);
        flow(L, &R, &bx, PDF_LEFT);
        pdf_space(L, b->style == DOC_STYLE_NOTE ? 12 : 8);
        break;
    case DOC_BULLETS:
        build_bullets(L, b, &R);
        block_tags(L, b, &R);
        flow(L, &R, NULL, PDF_LEFT);
        pdf_space(L, 8);
        break;
    case DOC_CARD:
        build_card(L, b, &R, &bx);
        block_tags(L, b, &R);
        flow(L, &R, &bx, PDF_LEFT);
        pdf_space(L, 10);
        break;
    default:
        break;
    }
}

double pdf_flow_min(pdf_lay *L, const doc_block *b)
{
    rows R = {0};
    box bx = {BOX_NONE, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, NULL};
    switch (b->kind) {
    case DOC_PARAGRAPH:
        build_paragraph(L, b, &R, &bx);
        return R.n ? first_chain(&R, &bx) : 0;
    case DOC_BULLETS:
        build_bullets(L, b, &R);
        return first_chain(&R, NULL);
    case DOC_CARD:
        build_card(L, b, &R, &bx);
        return first_chain(&R, &bx);
    default:
        return 0;
    }
}

/* A caption is a small paragraph. */
static void build_caption(pdf_lay *L, const char *cap, rows *R, box *bx)
{
    doc_block p = {.kind = DOC_PARAGRAPH, .style = DOC_STYLE_SMALL, .text = cap};
    build_paragraph(L, &p, R, bx);
}

double pdf_flow_caption_min(pdf_lay *L, const char *cap)
{
    rows R = {0};
    box bx;
    build_caption(L, cap, &R, &bx);
    return first_chain(&R, &bx);
}

void pdf_flow_caption(pdf_lay *L, const char *cap, double keep, pdf_elem parent)
{
    rows R = {0};
    box bx;
    build_caption(L, cap, &R, &bx);
    pdf_ensure(L, first_chain(&R, &bx) + keep);
    if (!L->dry) {
        R.elems = pdf_alloc(L, sizeof *R.elems);
        R.nelems = R.elems ? 1 : 0;
        if (R.elems)
            R.elems[0] = pdf_tag_elem(L, parent, "Caption");
    }
    flow(L, &R, &bx, PDF_LEFT);
}
