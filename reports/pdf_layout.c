/*
 * pdf_layout.c — the blocks of a report on the page: headings (and the
 * outline), key figures, charts and page breaks, and the dispatch over
 * block kinds.  Paragraphs, bullet lists, cards and table captions are in
 * pdf_flow.c, tables in pdf_table.c.
 *
 * A heading asks for room for itself and the least of the next block
 * (pdf_block_min), so that it never ends a page.
 */
#include "pdf_flow.h"

#include "chart.h"
#include "figures.h"

#include <stdio.h>
#include <string.h>

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

/* A chart's text, in the document's fonts (pdf_embed.c). */
static double chart_text_width(void *ctx, const char *utf8, double size, int bold)
{
    pdf_lay *L = ctx;
    return pdf_face_width(L->face[bold != 0], utf8, strlen(utf8), size);
}

static void chart_text_show(void *ctx, const double m[6], const char *utf8, double size, int bold)
{
    pdf_raw_text_at(ctx, bold != 0, size, m, utf8, strlen(utf8));
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
        if (pdf_check(L)) /* libharu failed (out of memory): draw nothing more */
            return;
        canvas_hpdf_text text = {L, chart_text_width, chart_text_show};
        canvas *cv = canvas_hpdf_new_text(L->pdf, L->page, x, pdf_y(L->y), w, h, &text);
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

/* Draws heading b with `before` points above it, on the page where `next`
 * more points of what follows fit; k is its block, for the contents (or the
 * table whose group starting at `row` it heads; else row is (size_t)-1). */
static void draw_heading(pdf_lay *L, const doc_block *b, size_t k, size_t row, double before,
                         double next, pdf_elem parent)
{
    int level = b->level < 1 ? 1 : b->level > 3 ? 3 : b->level;
    const heading_style *hs = &heading_styles[level - 1];
    if (level == 1 && !L->fresh)
        pdf_new_page(L);
    pdf_space(L, before);
    double need = heading_height(L, b) + next;
    pdf_ensure(L, need > PDF_CONTENT_H ? PDF_CONTENT_H : need);
    if (row != (size_t)-1)
        pdf_toc_mark_group(L, k, row);
    else
        pdf_toc_mark(L, k);
    outline(L, b);
    const char *s;
    size_t n;
    pdf_line *ln = heading_lines(L, b, &s, &n);
    doc_rgb colour = level == 3 ? L->ink : L->head;
    static const char *const h[3] = {"H1", "H2", "H3"};
    pdf_tag_use(L, pdf_tag_elem(L, parent, h[level - 1]));
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

static void heading(pdf_lay *L, size_t k)
{
    draw_heading(L, &L->doc->blocks[k], k, (size_t)-1, heading_before(L, k),
                 pdf_block_min(L, k + 1), NULL);
}

/* ## Blocks */

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

int pdf_group_level(const pdf_lay *L, size_t k)
{
    int level = 2;
    while (k-- > 0)
        if (L->doc->blocks[k].kind == DOC_HEADING) {
            level = L->doc->blocks[k].level + 1;
            break;
        }
    return level < 2 ? 2 : level > 3 ? 3 : level;
}

/* The heading of the group of a grouped table that starts at row r. */
static doc_block group_heading(const pdf_lay *L, size_t k, const doc_block *b, size_t r)
{
    return (doc_block){.kind = DOC_HEADING, .level = pdf_group_level(L, k),
                       .text = doc_table_group_text(b, r)};
}

/* What a table needs on the page of its caption or of a heading before
 * it: its first group's heading, header and first row. */
static double table_min(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    double h = pdf_table_min(L, b, 0);
    if (b->table.grouped && b->nrows) {
        doc_block g = group_heading(L, k, b, 0);
        h += heading_styles[g.level - 1].before + heading_height(L, &g);
    }
    return h;
}

/* A table with its caption, kept on one page with the table's header and
 * first rows; a grouped table as a table per group under its heading.
 * The caption is the Caption of the Table, or of a Div holding a grouped
 * table's headings and tables. */
static void table_block(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    const char *cap = table_caption(L, k);
    pdf_elem tab = NULL, div = NULL;
    if (cap) {
        if (b->table.grouped)
            div = pdf_tag_elem(L, NULL, "Div");
        else
            tab = pdf_tag_elem(L, NULL, "Table");
        pdf_flow_caption(L, cap, 4 + table_min(L, k), tab ? tab : div);
        pdf_space(L, 4);
    }
    size_t shown = doc_table_page_rows(b);
    if (!b->table.grouped) {
        pdf_table(L, b, 0, shown, tab);
        return;
    }
    for (size_t r = 0, end; r < shown && !L->failed; r = end) {
        end = doc_table_group_end(b, r);
        end = end < shown ? end : shown;
        doc_block g = group_heading(L, k, b, r);
        if (r > 0)
            pdf_space(L, 14);
        draw_heading(L, &g, k, r, heading_styles[g.level - 1].before, pdf_table_min(L, b, r),
                     div);
        pdf_tag_use(L, NULL);
        pdf_table(L, b, r, end, div ? pdf_tag_elem(L, div, "Table") : NULL);
    }
}

/* A table shown as cards (its caption is the workbook's): a card a row,
 * laid out as a card block. */
static double cards_min(pdf_lay *L, const doc_block *b)
{
    doc_field *fields = pdf_alloc(L, (b->ncolumns ? b->ncolumns : 1) * sizeof *fields);
    if (!fields || doc_table_page_rows(b) == 0)
        return 0;
    doc_block card = doc_table_card(b, 0, fields);
    return pdf_flow_min(L, &card);
}

static void cards(pdf_lay *L, const doc_block *b)
{
    doc_field *fields = pdf_alloc(L, (b->ncolumns ? b->ncolumns : 1) * sizeof *fields);
    for (size_t r = 0; fields && r < doc_table_page_rows(b) && !L->failed; r++) {
        doc_block card = doc_table_card(b, r, fields);
        pdf_flow_block(L, &card);
        pdf_tag_use(L, NULL);
    }
}

double pdf_block_min(pdf_lay *L, size_t k)
{
    if (k >= L->doc->nblocks)
        return 0;
    const doc_block *b = &L->doc->blocks[k];
    double w, h;
    switch (b->kind) {
    case DOC_HEADING:
        if (b->level <= 1)
            return 0;
        return heading_before(L, k) + heading_height(L, b) + pdf_block_min(L, k + 1);
    case DOC_PARAGRAPH:
    case DOC_BULLETS:
    case DOC_CARD:
        return pdf_flow_min(L, b);
    case DOC_FIGURES:
        return b->nfigures ? figure_row(L, b, 0, NULL) : 0;
    case DOC_TABLE:
        if (b->table.data_only) /* not on pages: what follows it is next */
            return pdf_block_min(L, k + 1);
        if (b->table.cards)
            return cards_min(L, b);
        if (table_caption(L, k))
            return pdf_flow_caption_min(L, table_caption(L, k)) + 4 + table_min(L, k);
        return table_min(L, k);
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
    switch (b->kind) {
    case DOC_HEADING:
        heading(L, k);
        break;
    case DOC_PARAGRAPH:
    case DOC_BULLETS:
    case DOC_CARD:
        pdf_flow_block(L, b);
        break;
    case DOC_FIGURES:
        figures(L, b);
        pdf_space(L, 16);
        break;
    case DOC_TABLE:
        if (b->table.data_only)
            break;
        if (b->table.cards) {
            cards(L, b);
            break;
        }
        table_block(L, k);
        pdf_space(L, 14);
        break;
    case DOC_CHART:
        chart_block(L, b);
        pdf_space(L, 14);
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
