/*
 * pdf_layout.c — the blocks of a report on the page: headings (and the
 * outline), paragraphs, bullet lists, key figures, charts, cards and page
 * breaks.  Tables are in pdf_table.c.
 *
 * Text blocks become rows (a line of text, perhaps with a second span such
 * as a bullet or a badge) that "flow" onto pages: a row marked keep stays
 * on the page of the next one when they fit together, which keeps the
 * first and last two lines of a paragraph together, a card's title with
 * its first field, and a field's label with its text.  A heading asks for
 * room for itself and the least of the next block (pdf_block_min).
 */
#include "pdf_internal.h"

#include "chart.h"
#include "figures.h"

#include <string.h>

/* ## Rows and flow */

typedef struct {
    const char *s;
    size_t n;
    double x, w; /* from the flow's left edge; the width aligned in */
    doc_align align;
    double size;
    int bold;
    doc_rgb colour;
    int tag; /* the block's element it belongs to (see block_tags); -1: an artifact */
} span;

typedef struct {
    double h, base; /* height; baseline below the row's top */
    bool keep;      /* on the same page as the next row */
    double y;       /* top, once placed */
    int nspans;
    span sp[2];
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

static void draw_rows(pdf_lay *L, const rows *R, const row *v, size_t n, double x)
{
    for (size_t k = 0; k < n; k++)
        for (int s = 0; s < v[k].nspans; s++) {
            const span *sp = &v[k].sp[s];
            bool tagged = sp->tag >= 0 && (size_t)sp->tag < R->nelems;
            pdf_tag_use(L, tagged ? R->elems[sp->tag] : NULL);
            pdf_text_in(L, x + sp->x, sp->w, sp->align, v[k].y + v[k].base, sp->bold, sp->size,
                        sp->colour, sp->s, sp->n);
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

static void build_paragraph(pdf_lay *L, const doc_block *b, rows *R, box *bx)
{
    text_style st = style_of(b->style);
    bool note = b->style == DOC_STYLE_NOTE;
    double w = note ? PDF_TEXT_W - NOTE_INSET - NOTE_RIGHT : PDF_TEXT_W;
    const char *s;
    size_t n;
    pdf_line *ln = pdf_wrap_text(L, b->text, &s, L->face[0], st.size, w, 0, &n);
    if (ln)
        add_lines(L, R, s, ln, n, note ? NOTE_INSET : 0, w, DOC_ALIGN_LEFT, st.size, st.leading,
                  0, b->style == DOC_STYLE_SMALL ? L->grey : L->ink);
    *bx = (box){note ? BOX_NOTE : BOX_NONE, L->primary, L->tint_note, 3, note ? 8 : 0,
                note ? 8 : 0, NULL};
}

static const double BULLET_INDENT = 16;

static void build_bullets(pdf_lay *L, const doc_block *b, rows *R)
{
    text_style st = style_of(DOC_STYLE_BODY);
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
    static const char more[] = " (continued)";
    const double cs = 8.5;
    double mw = pdf_width(L, 0, cs, more, sizeof more - 1);
    ln = pdf_wrap_text(L, b->text && b->text[0] ? b->text : "", &s, L->face[0], cs, w - mw, 1, &n);
    char *t = pdf_alloc(L, (n ? ln[0].len : 0) + sizeof more);
    row *cont = pdf_alloc(L, sizeof *cont);
    if (!t || !cont)
        return;
    size_t tn = n ? ln[0].len : 0;
    memcpy(t, s + (n ? ln[0].off : 0), tn);
    memcpy(t + tn, n ? more : more + 1, sizeof more - (n ? 0 : 1));
    tn += n ? sizeof more - 1 : sizeof more - 2;
    *cont = (row){.h = 16, .base = pdf_baseline(0, 12, cs), .nspans = 1};
    /* repeated on each page: an artifact */
    cont->sp[0] = (span){t, tn, x, w, DOC_ALIGN_LEFT, cs, 0, L->grey, -1};
    bx->cont = cont;
}

/* ## Key figures */

typedef struct {
    const char *vs, *cs, *ds;
    pdf_line *v, *c, *d;
    size_t nv, nc, nd;
    double h;
} figure_box;

static const double FIG_GAP = 10, FIG_PAD = 11, FIG_BAND = 5;

static size_t figure_cols(size_t n)
{
    size_t nrows = (n + 3) / 4;
    return (n + nrows - 1) / nrows;
}

static figure_box measure_figure(pdf_lay *L, const doc_figure *f, double bw)
{
    figure_box fb = {0};
    double w = bw - 2 * FIG_PAD - (f->has_fill ? FIG_BAND : 0);
    fb.v = pdf_wrap_text(L, f->value, &fb.vs, L->face[1], 22, w, 2, &fb.nv);
    fb.c = pdf_wrap_text(L, f->caption, &fb.cs, L->face[1], 9, w, 3, &fb.nc);
    fb.d = pdf_wrap_text(L, f->detail, &fb.ds, L->face[0], 8, w, 3, &fb.nd);
    fb.h = 2 * FIG_PAD - 2 + fb.nv * 26 + (fb.nc ? 3 + fb.nc * 12 : 0) + (fb.nd ? 2 + fb.nd * 11 : 0);
    return fb;
}

/* The height of row r (figures r*cols …) of a figures block. */
static double figure_row(pdf_lay *L, const doc_block *b, size_t r, figure_box *out)
{
    size_t cols = figure_cols(b->nfigures);
    double bw = (PDF_TEXT_W - FIG_GAP * (double)(cols - 1)) / (double)cols, h = 0;
    for (size_t k = r * cols; k < b->nfigures && k < (r + 1) * cols; k++) {
        figure_box fb = measure_figure(L, &b->figures[k], bw);
        if (out)
            out[k - r * cols] = fb;
        h = fb.h > h ? fb.h : h;
    }
    return h;
}

static void draw_lines_at(pdf_lay *L, const char *s, const pdf_line *ln, size_t n, double x,
                          double *y, int bold, double size, double leading, doc_rgb colour)
{
    for (size_t k = 0; k < n; k++, *y += leading)
        pdf_text(L, x, pdf_baseline(*y, leading, size), bold, size, colour, s + ln[k].off,
                 ln[k].len);
}

static void figures(pdf_lay *L, const doc_block *b)
{
    if (!b->nfigures)
        return;
    size_t cols = figure_cols(b->nfigures), nrows = (b->nfigures + cols - 1) / cols;
    double bw = (PDF_TEXT_W - FIG_GAP * (double)(cols - 1)) / (double)cols;
    figure_box fb[4];
    for (size_t r = 0; r < nrows && !L->failed; r++) {
        double h = figure_row(L, b, r, fb);
        if (r)
            pdf_space(L, FIG_GAP);
        pdf_ensure(L, h);
        for (size_t k = r * cols; k < b->nfigures && k < (r + 1) * cols; k++) {
            const doc_figure *f = &b->figures[k];
            const figure_box *m = &fb[k - r * cols];
            pdf_tag_use(L, pdf_tag_elem(L, NULL, "P"));
            double x = PDF_LEFT + (double)(k - r * cols) * (bw + FIG_GAP), y = L->y + FIG_PAD - 2;
            pdf_rect(L, x, L->y, bw, h, L->tint_note);
            if (f->has_fill) {
                pdf_rect(L, x, L->y, FIG_BAND, h, f->fill);
                x += FIG_BAND;
            }
            x += FIG_PAD;
            draw_lines_at(L, m->vs, m->v, m->nv, x, &y, 1, 22, 26, L->ink);
            y += 3;
            draw_lines_at(L, m->cs, m->c, m->nc, x, &y, 1, 9, 12, L->ink);
            y += 2;
            draw_lines_at(L, m->ds, m->d, m->nd, x, &y, 0, 8, 11, L->grey);
        }
        L->y += h;
        L->fresh = false;
    }
}

/* ## Charts */

/* The measuring pass draws charts on this canvas: it draws nothing,
 * measures with the faces' widths and notes every character measured or
 * drawn, so the subsets hold whatever the chart shows in the second pass,
 * where libharu measures with the same widths. */
typedef struct {
    canvas base;
    pdf_lay *L;
} measure_canvas;

static void mc_xy(canvas *c, double x, double y)
{
    (void)c, (void)x, (void)y;
}
static void mc_curve(canvas *c, double a, double b, double d, double e, double f, double g)
{
    (void)c, (void)a, (void)b, (void)d, (void)e, (void)f, (void)g;
}
static void mc_none(canvas *c)
{
    (void)c;
}
static void mc_rgb(canvas *c, canvas_rgb rgb)
{
    (void)c, (void)rgb;
}
static void mc_width(canvas *c, double w)
{
    (void)c, (void)w;
}
static double mc_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    pdf_face *f = ((measure_canvas *)c)->L->face[font == CANVAS_FONT_BOLD];
    size_t n = strlen(utf8);
    pdf_face_mark(f, utf8, n);
    return pdf_face_width(f, utf8, n, size);
}
static void mc_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    (void)x, (void)y, (void)align, (void)angle;
    mc_text_width(c, utf8, size, font);
}

static const canvas_ops measure_ops = {
    .move_to = mc_xy,
    .line_to = mc_xy,
    .curve_to = mc_curve,
    .close_path = mc_none,
    .set_fill = mc_rgb,
    .set_stroke = mc_rgb,
    .set_line_width = mc_width,
    .set_dash = mc_xy,
    .fill = mc_none,
    .stroke = mc_none,
    .fill_stroke = mc_none,
    .text = mc_text,
    .text_width = mc_text_width,
    .free = mc_none,
};

static void chart_size(const doc_block *b, double *w, double *h)
{
    *w = b->width > 0 && b->width < PDF_TEXT_W ? b->width : PDF_TEXT_W;
    *h = b->height > 0 ? b->height : *w * 0.6;
    if (*h > PDF_CONTENT_H)
        *h = PDF_CONTENT_H;
}

static void chart_block(pdf_lay *L, const doc_block *b)
{
    if (!b->chart)
        return;
    double w, h;
    chart_size(b, &w, &h);
    pdf_ensure(L, h);
    double x = PDF_LEFT + (PDF_TEXT_W - w) / 2;
    int rc;
    if (L->dry) {
        measure_canvas mc = {{&measure_ops, 0}, L};
        rc = chart_draw(&b->chart->ch, &mc.base, w, h);
    } else {
        char alt[1024];
        pdf_elem fig = pdf_tag_elem(L, NULL, "Figure");
        chart_describe(&b->chart->ch, alt, sizeof alt);
        pdf_tag_alt(L, fig, alt);
        pdf_tag_mark(L, fig);
        pdf_text_end(L);
        canvas *cv = canvas_hpdf_new(L->pdf, L->page, x, pdf_y(L->y), w, h, L->font[0], L->font[1]);
        if (!cv) {
            pdf_fail(L, "out of memory");
            return;
        }
        rc = chart_draw(&b->chart->ch, cv, w, h);
        cv->ops->free(cv);
        pdf_state_reset(L); /* the canvas restores the state; forget it anyway */
    }
    if (rc)
        pdf_fail(L, "PDF: cannot draw the chart%s%s on page %d (error %d)",
                 b->chart->ch.title ? " " : "", b->chart->ch.title ? b->chart->ch.title : "",
                 L->pageno, rc);
    L->y += h;
    L->fresh = false;
}

/* ## Headings */

typedef struct {
    double size, leading, before, after;
} heading_style;

static const heading_style heading_styles[3] = {
    {20, 25, 0, 16}, /* + a rule under it */
    {13.5, 18, 16, 6},
    {10.5, 14.5, 10, 3},
};

static pdf_line *heading_lines(pdf_lay *L, const doc_block *b, const char **s, size_t *n)
{
    const heading_style *hs = &heading_styles[b->level < 1 ? 0 : b->level > 3 ? 2 : b->level - 1];
    return pdf_wrap_text(L, b->text, s, L->face[1], hs->size, PDF_TEXT_W, 0, n);
}

static double heading_height(pdf_lay *L, const doc_block *b)
{
    const heading_style *hs = &heading_styles[b->level < 1 ? 0 : b->level > 3 ? 2 : b->level - 1];
    const char *s;
    size_t n;
    heading_lines(L, b, &s, &n);
    return (double)n * hs->leading + (b->level <= 1 ? 8 : 0) + hs->after;
}

/* The space above heading k: none right under another heading. */
static double heading_before(const pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    if (k > 0 && L->doc->blocks[k - 1].kind == DOC_HEADING)
        return 0;
    return heading_styles[b->level < 1 ? 0 : b->level > 3 ? 2 : b->level - 1].before;
}

static void outline(pdf_lay *L, const doc_block *b)
{
    if (L->dry || b->level > 2)
        return;
    size_t n;
    const char *title = pdf_clean(L, b->text, &n);
    HPDF_Outline parent = b->level == 1 || !L->outline_h1 ? NULL : L->outline_h1;
    HPDF_Outline o = HPDF_CreateOutline(L->pdf, parent, title, L->utf8);
    if (!o)
        return;
    HPDF_Destination dst = HPDF_Page_CreateDestination(L->page);
    if (dst) {
        double top = pdf_y(L->y) + 6;
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(top > PDF_PAGE_H ? PDF_PAGE_H : top));
        HPDF_Outline_SetDestination(o, dst);
    }
    if (b->level == 1) {
        HPDF_Outline_SetOpened(o, HPDF_TRUE);
        L->outline_h1 = o;
    }
}

static void heading(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    int level = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;
    const heading_style *hs = &heading_styles[level - 1];
    if (level == 1 && !L->fresh)
        pdf_new_page(L);
    pdf_space(L, heading_before(L, k));
    double need = heading_height(L, b) + pdf_block_min(L, k + 1);
    pdf_ensure(L, need > PDF_CONTENT_H ? PDF_CONTENT_H : need);
    pdf_toc_mark(L, k);
    outline(L, b);
    const char *s;
    size_t n;
    pdf_line *ln = heading_lines(L, b, &s, &n);
    doc_rgb colour = level == 3 ? L->ink : L->head;
    static const char *const h[3] = {"H1", "H2", "H3"};
    pdf_tag_use(L, pdf_tag_elem(L, NULL, h[level - 1]));
    for (size_t i = 0; ln && i < n; i++, L->y += hs->leading)
        pdf_text(L, PDF_LEFT, pdf_baseline(L->y, hs->leading, hs->size), 1, hs->size, colour,
                 s + ln[i].off, ln[i].len);
    if (level == 1) {
        pdf_hline(L, PDF_LEFT, PDF_LEFT + PDF_TEXT_W, L->y + 5, 0.75, L->primary);
        L->y += 8;
    }
    L->y += hs->after;
    L->fresh = false;
}

/* ## Blocks */

/* The elements of a text block, by the tags its spans carry: a paragraph
 * is one P; a list an L of LI, each a Lbl (its bullet, tag 2k) and an
 * LBody (tag 2k + 1); a card a Div of P: title, badge, then each field's
 * label and text. */
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
        pdf_elem list = pdf_tag_elem(L, NULL, "L");
        for (size_t k = 0; k < b->nbullets; k++) {
            pdf_elem li = pdf_tag_elem(L, list, "LI");
            R->elems[2 * k] = pdf_tag_elem(L, li, "Lbl");
            R->elems[2 * k + 1] = pdf_tag_elem(L, li, "LBody");
        }
    } else {
        pdf_elem div = pdf_tag_elem(L, NULL, "Div");
        for (size_t k = 0; k < n; k++)
            R->elems[k] = pdf_tag_elem(L, div, "P");
    }
}

/* A table's caption shows above it unless the nearest heading before it
 * says the same (the heading then is its caption). */
static const char *table_caption(const pdf_lay *L, size_t k)
{
    const char *cap = L->doc->blocks[k].table.caption;
    if (!cap || !cap[0])
        return NULL;
    while (k-- > 0)
        if (L->doc->blocks[k].kind == DOC_HEADING)
            return strcmp(L->doc->blocks[k].text, cap) ? cap : NULL;
    return cap;
}

static void build_caption(pdf_lay *L, const char *cap, rows *R, box *bx)
{
    doc_block p = {.kind = DOC_PARAGRAPH, .style = DOC_STYLE_SMALL, .text = cap};
    build_paragraph(L, &p, R, bx);
}

/* A table with its caption, kept on one page with the table's header and
 * first rows. */
static void table_block(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    const char *cap = table_caption(L, k);
    if (cap) {
        rows R = {0};
        box bx;
        build_caption(L, cap, &R, &bx);
        pdf_ensure(L, first_chain(&R, &bx) + 4 + pdf_table_min(L, b));
        doc_block p = {.kind = DOC_PARAGRAPH}; /* tagged as a paragraph before the table */
        block_tags(L, &p, &R);
        flow(L, &R, &bx, PDF_LEFT);
        pdf_space(L, 4);
    }
    pdf_table(L, b);
}

double pdf_block_min(pdf_lay *L, size_t k)
{
    if (k >= L->doc->nblocks)
        return 0;
    const doc_block *b = &L->doc->blocks[k];
    rows R = {0};
    box bx = {BOX_NONE, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, NULL};
    double w, h;
    switch (b->kind) {
    case DOC_HEADING:
        if (b->level <= 1)
            return 0;
        return heading_before(L, k) + heading_height(L, b) + pdf_block_min(L, k + 1);
    case DOC_PARAGRAPH:
        build_paragraph(L, b, &R, &bx);
        return R.n ? first_chain(&R, &bx) : 0;
    case DOC_BULLETS:
        build_bullets(L, b, &R);
        return first_chain(&R, NULL);
    case DOC_CARD:
        build_card(L, b, &R, &bx);
        return first_chain(&R, &bx);
    case DOC_FIGURES:
        return b->nfigures ? figure_row(L, b, 0, NULL) : 0;
    case DOC_TABLE:
        if (b->table.data_only) /* not on pages: what follows it is next */
            return pdf_block_min(L, k + 1);
        if (table_caption(L, k)) {
            build_caption(L, table_caption(L, k), &R, &bx);
            return first_chain(&R, &bx) + 4 + pdf_table_min(L, b);
        }
        return pdf_table_min(L, b);
    case DOC_CHART:
        chart_size(b, &w, &h);
        return b->chart ? h : 0;
    default:
        return 0;
    }
}

void pdf_block(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    rows R = {0};
    box bx = {BOX_NONE, {0, 0, 0}, {0, 0, 0}, 0, 0, 0, NULL};
    switch (b->kind) {
    case DOC_HEADING:
        heading(L, k);
        break;
    case DOC_PARAGRAPH:
        build_paragraph(L, b, &R, &bx);
        if (!R.n)
            break;
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
    case DOC_FIGURES:
        figures(L, b);
        pdf_space(L, 16);
        break;
    case DOC_TABLE:
        if (b->table.data_only)
            break;
        table_block(L, k);
        pdf_space(L, 14);
        break;
    case DOC_CHART:
        chart_block(L, b);
        pdf_space(L, 14);
        break;
    case DOC_CARD:
        build_card(L, b, &R, &bx);
        block_tags(L, b, &R);
        flow(L, &R, &bx, PDF_LEFT);
        pdf_space(L, 10);
        break;
    case DOC_PAGE_BREAK:
        if (!L->fresh)
            pdf_new_page(L);
        break;
    case DOC_TOC:
        pdf_toc(L, k);
        break;
    default:
        break;
    }
    pdf_tag_use(L, NULL);
}
