/*
 * pdf_toc.c — the table of contents (a DOC_TOC block): the level-1 and
 * level-2 headings after it, each with the page it starts on and a link
 * to that page.
 *
 * The pages are known only once the whole report is laid out, so the
 * contents are drawn from the first pass's record (pdf_toc_mark notes
 * where every heading lands, in both passes), and their links are made
 * after the second pass, when the pages they point to exist.  The entries
 * wrap to a width that does not depend on the numbers, so both passes
 * break them alike.  A report no longer than the block's min_pages gets
 * none: pdf.c then lays the first pass out again without it.  Tagged, the
 * contents are an H1 and a TOC of TOCI items, each a Link.  The headings
 * of a grouped table's groups are entries too when they are level 2 (the
 * plan's horizons), recorded by the group's first row.
 */
#include "pdf_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TITLE_SIZE 20.0
#define NUM_W      44.0 /* the page numbers' column */
#define INDENT     16.0 /* a level-2 entry */

int pdf_toc_setup(pdf_lay *L)
{
    size_t n = L->doc->nblocks;
    L->toc_on = false;
    for (size_t k = 0; k < n; k++)
        if (L->doc->blocks[k].kind == DOC_TOC)
            L->toc_on = true;
    if (!L->toc_on)
        return 0;
    L->head_page = calloc(n, sizeof *L->head_page);
    L->head_hpage = calloc(n, sizeof *L->head_hpage);
    L->head_y = calloc(n, sizeof *L->head_y);
    L->group_base = calloc(n, sizeof *L->group_base);
    size_t rows = 0;
    for (size_t k = 0; L->group_base && k < n; k++) {
        L->group_base[k] = rows;
        if (L->doc->blocks[k].kind == DOC_TABLE && L->doc->blocks[k].table.grouped)
            rows += L->doc->blocks[k].nrows;
    }
    L->group_page = calloc(rows + 1, sizeof *L->group_page);
    L->group_hpage = calloc(rows + 1, sizeof *L->group_hpage);
    L->group_y = calloc(rows + 1, sizeof *L->group_y);
    if (!L->head_page || !L->head_hpage || !L->head_y || !L->group_base || !L->group_page ||
        !L->group_hpage || !L->group_y)
        return pdf_fail(L, "out of memory");
    return 0;
}

void pdf_toc_free(pdf_lay *L)
{
    free(L->head_page);
    free(L->head_hpage);
    free(L->head_y);
    free(L->group_base);
    free(L->group_page);
    free(L->group_hpage);
    free(L->group_y);
    free(L->toc_links);
    L->head_page = NULL;
    L->head_hpage = NULL;
    L->head_y = NULL;
    L->group_base = NULL;
    L->group_page = NULL;
    L->group_hpage = NULL;
    L->group_y = NULL;
    L->toc_links = NULL;
    L->ntoc_links = L->toc_links_cap = 0;
}

void pdf_toc_mark(pdf_lay *L, size_t k)
{
    if (!L->head_page)
        return;
    if (L->dry)
        L->head_page[k] = L->pageno;
    L->head_hpage[k] = L->page;
    L->head_y[k] = L->y;
}

void pdf_toc_mark_group(pdf_lay *L, size_t k, size_t r)
{
    if (!L->group_base)
        return;
    size_t at = L->group_base[k] + r;
    if (L->dry)
        L->group_page[at] = L->pageno;
    L->group_hpage[at] = L->page;
    L->group_y[at] = L->y;
}

bool pdf_toc_wanted(const pdf_lay *L)
{
    for (size_t k = 0; k < L->doc->nblocks; k++)
        if (L->doc->blocks[k].kind == DOC_TOC)
            return L->pageno - L->toc_pages > L->doc->blocks[k].min_pages;
    return false;
}

static void note_link(pdf_lay *L, double x, double top, double w, double h, size_t target,
                      size_t row, pdf_elem elem)
{
    if (L->dry)
        return;
    if (L->ntoc_links == L->toc_links_cap) {
        size_t cap = L->toc_links_cap ? 2 * L->toc_links_cap : 32;
        pdf_toc_link *grown = realloc(L->toc_links, cap * sizeof *grown);
        if (!grown) {
            pdf_fail(L, "out of memory");
            return;
        }
        L->toc_links = grown;
        L->toc_links_cap = cap;
    }
    L->toc_links[L->ntoc_links++] = (pdf_toc_link){
        L->page,
        {(HPDF_REAL)x, (HPDF_REAL)pdf_y(top + h), (HPDF_REAL)(x + w), (HPDF_REAL)pdf_y(top)},
        target, row, elem};
}

/* One entry: its text wrapped, its page number, its link (to block j, or to
 * the group of block j starting at row). */
static void entry(pdf_lay *L, pdf_elem toc, const char *text, int level, int page, size_t j,
                  size_t row)
{
    bool top = level <= 1;
    double size = top ? 10.5 : 10, lead = top ? 15.5 : 14.5, before = top ? 6 : 0;
    double x = PDF_LEFT + (top ? 0 : INDENT), w = PDF_TEXT_W - NUM_W - (top ? 0 : INDENT);
    const char *s;
    size_t n;
    pdf_line *ln = pdf_wrap_text(L, text, &s, L->face[top], size, w, 0, &n);
    if (!ln || !n)
        return;
    if (!L->fresh)
        L->y += before;
    pdf_ensure(L, (double)n * lead);
    pdf_elem link = pdf_tag_elem(L, pdf_tag_elem(L, toc, "TOCI"), "Link");
    pdf_tag_use(L, link);
    double y0 = L->y;
    for (size_t i = 0; i < n; i++, L->y += lead)
        pdf_text(L, x, pdf_baseline(L->y, lead, size), top, size, L->ink, s + ln[i].off,
                 ln[i].len);
    char num[16];
    /* a space first, so that the entry reads "At a glance 3" as text */
    int len = snprintf(num, sizeof num, " %d", page);
    pdf_text_in(L, PDF_LEFT + PDF_TEXT_W - NUM_W, NUM_W, DOC_ALIGN_RIGHT,
                pdf_baseline(L->y - lead, lead, size), top, size, L->ink, num, (size_t)len);
    pdf_tag_use(L, NULL);
    note_link(L, x, y0, PDF_LEFT + PDF_TEXT_W - x, L->y - y0, j, row, link);
    L->fresh = false;
}

void pdf_toc(pdf_lay *L, size_t k)
{
    const doc_block *b = &L->doc->blocks[k];
    L->toc_pages = 0;
    if (!L->toc_on)
        return;
    if (!L->fresh)
        pdf_new_page(L);
    int first = L->pageno;
    const char *s;
    size_t n;
    pdf_line *ln = pdf_wrap_text(L, b->text, &s, L->face[1], TITLE_SIZE, PDF_TEXT_W, 0, &n);
    pdf_tag_use(L, pdf_tag_elem(L, NULL, "H1"));
    for (size_t i = 0; ln && i < n; i++, L->y += 25)
        pdf_text(L, PDF_LEFT, pdf_baseline(L->y, 25, TITLE_SIZE), 1, TITLE_SIZE, L->head,
                 s + ln[i].off, ln[i].len);
    pdf_tag_use(L, NULL);
    pdf_hline(L, PDF_LEFT, PDF_LEFT + PDF_TEXT_W, L->y + 5, 0.75, L->primary);
    pdf_elem toc = pdf_tag_elem(L, NULL, "TOC");
    L->y += 8 + 16;
    L->fresh = false;

    for (size_t j = k + 1; j < L->doc->nblocks && !L->failed; j++) {
        const doc_block *h = &L->doc->blocks[j];
        if (h->kind == DOC_HEADING && h->level <= 2)
            entry(L, toc, h->text, h->level, L->head_page[j], j, (size_t)-1);
        if (h->kind != DOC_TABLE || !h->table.grouped || h->table.data_only ||
            pdf_group_level(L, j) > 2)
            continue;
        for (size_t r = 0; r < doc_table_page_rows(h) && !L->failed;
             r = doc_table_group_end(h, r))
            entry(L, toc, doc_table_group_text(h, r), 2, L->group_page[L->group_base[j] + r], j,
                  r);
    }
    L->toc_pages = L->pageno - first + 1;
    pdf_new_page(L); /* what follows starts on a page of its own */
}

void pdf_toc_links(pdf_lay *L)
{
    for (size_t k = 0; k < L->ntoc_links && !L->failed; k++) {
        const pdf_toc_link *t = &L->toc_links[k];
        bool group = t->row != (size_t)-1;
        size_t at = group ? L->group_base[t->target] + t->row : t->target;
        HPDF_Page to = group ? L->group_hpage[at] : L->head_hpage[at];
        if (!to)
            continue;
        HPDF_Destination dst = HPDF_Page_CreateDestination(to);
        if (!dst)
            break;
        double top = pdf_y(group ? L->group_y[at] : L->head_y[at]) + 6;
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(top > PDF_PAGE_H ? PDF_PAGE_H : top));
        HPDF_Annotation a = HPDF_Page_CreateLinkAnnot(t->page, t->rect, dst);
        if (a) {
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
            /* the annotation's structure ties it to its page, which is the
             * contents' page, not the last one drawn */
            HPDF_Page last = L->page;
            L->page = t->page;
            const doc_block *b = &L->doc->blocks[t->target];
            pdf_tag_link(L, t->elem, a, group ? doc_table_group_text(b, t->row) : b->text);
            L->page = last;
        }
        pdf_check(L);
    }
}
