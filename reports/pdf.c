/*
 * pdf.c — pdf_render: the two layout passes, the pages with their header
 * and footer, the cover, the document information and the file.  Blocks
 * are laid out in pdf_layout.c, pdf_flow.c and pdf_table.c, text in pdf_text.c, fonts
 * in pdf_font.c.  libharu's error handler only records the first error;
 * every stage checks it and stops.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r, clock_gettime */

#include "pdf_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* libharu allocates through these, so its allocations are ours: a test
 * can make them fail (tests/test_oom.c).  A report makes tens of
 * thousands of small objects, and a malloc and a free for each were a
 * tenth of its instructions: they come from blocks of POOL_BLOCK bytes
 * instead, all freed with the document (libharu's own pool would hand out
 * memory unaligned for its structures).  libharu gives these functions no
 * context, so the blocks of the document being written hang off a
 * thread-local list, set for the length of pdf_render_timed. */
#define POOL_BLOCK (64 * 1024)

typedef struct pool_block {
    struct pool_block *next;
    size_t used, size;
    max_align_t data[];
} pool_block;

static _Thread_local pool_block *pool;

static void *hpdf_alloc(HPDF_UINT size)
{
    const size_t align = _Alignof(max_align_t);
    size_t n = ((size_t)size + align - 1) / align * align;
    if (!pool || pool->size - pool->used < n) {
        size_t cap = n > POOL_BLOCK / 4 ? n : POOL_BLOCK;
        pool_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->size = cap;
        if (pool && cap != POOL_BLOCK) { /* a large one: the current block stays current */
            b->next = pool->next;
            pool->next = b;
            b->used = n;
            return b->data;
        }
        b->next = pool;
        pool = b;
    }
    void *p = (char *)pool->data + pool->used;
    pool->used += n;
    return p;
}

static void hpdf_free(void *p)
{
    (void)p; /* with the document, in pool_free */
}

static void pool_free(void)
{
    while (pool) {
        pool_block *next = pool->next;
        free(pool);
        pool = next;
    }
}

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
    pdf_hpdf_error *e = data;
    if (!e->code) {
        e->code = code;
        e->detail = detail;
    }
}

/* ## Pages */

/* The running header and the footer, in the top and bottom margins. */
static void header_footer(pdf_lay *L)
{
    const report_doc *d = L->doc;
    const double size = 8, base = 38, rule = 44, foot = PDF_PAGE_H - 32;
    pdf_elem was = pdf_tag_use(L, NULL); /* running text: an artifact */
    size_t nl = 0, nr = 0;
    const char *ls = "", *rs = "";
    pdf_line *r = NULL, *l = NULL;
    if (d->brand.organization)
        r = pdf_wrap_text(L, d->brand.organization, &rs, L->face[0], size, PDF_TEXT_W * 0.45, 1,
                          &nr);
    double rw = nr ? r[0].w + 18 : 0;
    if (d->info.header)
        l = pdf_wrap_text(L, d->info.header, &ls, L->face[0], size, PDF_TEXT_W - rw, 1, &nl);
    if (nl)
        pdf_text(L, PDF_LEFT, base, 0, size, L->grey, ls + l[0].off, l[0].len);
    if (nr)
        pdf_text(L, PDF_LEFT + PDF_TEXT_W - r[0].w, base, 0, size, L->grey, rs + r[0].off,
                 r[0].len);
    pdf_hline(L, PDF_LEFT, PDF_LEFT + PDF_TEXT_W, rule, 0.6, L->primary);

    char page[64];
    int n = snprintf(page, sizeof page, l10n_get(L->doc->info.lang, "Page %d of %d"), L->pageno,
                     L->dry ? L->pageno : L->npages);
    n = n < 0 ? 0 : n < (int)sizeof page ? n : (int)sizeof page - 1;
    pdf_text_in(L, PDF_LEFT, PDF_TEXT_W, DOC_ALIGN_RIGHT, foot, 0, size, L->grey, page,
                (size_t)n);
    pdf_tag_use(L, was);
}

void pdf_new_page(pdf_lay *L)
{
    if (L->failed)
        return;
    pdf_text_end(L);
    pdf_tag_page_end(L);
    pdf_state_reset(L);
    L->pageno++;
    L->y = PDF_TOP;
    L->fresh = true;
    if (!L->dry) {
        if (L->page) /* done with: deflated while the next is drawn */
            pdf_zip_add(L, ((HPDF_PageAttr)L->page->attr)->contents);
        L->page = HPDF_AddPage(L->pdf);
        L->page_fonts = 0;
        if (pdf_check(L))
            return;
        HPDF_Page_SetWidth(L->page, (HPDF_REAL)PDF_PAGE_W);
        HPDF_Page_SetHeight(L->page, (HPDF_REAL)PDF_PAGE_H);
        pdf_tag_page_begin(L);
    }
    if (L->pageno > 1)
        header_footer(L);
}

void pdf_ensure(pdf_lay *L, double h)
{
    if (!L->fresh && L->y + h > PDF_BOTTOM + 1e-6)
        pdf_new_page(L);
}

void pdf_space(pdf_lay *L, double h)
{
    if (!L->fresh)
        L->y += h;
}

/* ## The cover */

typedef struct {
    const char *s;
    pdf_line *lines;
    size_t n;
} wrapped;

static wrapped wrap(pdf_lay *L, const char *text, int bold, double size, double width, size_t max)
{
    wrapped w = {"", NULL, 0};
    if (text && text[0])
        w.lines = pdf_wrap_text(L, text, &w.s, L->face[bold], size, width, max, &w.n);
    return w;
}

/* Makes the text drawn next a new element of the document. */
static void tag_next(pdf_lay *L, const char *type)
{
    pdf_tag_use(L, pdf_tag_elem(L, NULL, type));
}

/* Draws w's lines from top as a new element of the given type; returns
 * the y below them. */
static double draw_lines(pdf_lay *L, const wrapped *w, const char *type, double x, double top,
                         int bold, double size, double leading, doc_rgb colour)
{
    if (w->n && type) /* NULL: the text goes on in the current element */
        tag_next(L, type);
    for (size_t k = 0; k < w->n; k++) {
        pdf_text(L, x, pdf_baseline(top, leading, size), bold, size, colour,
                 w->s + w->lines[k].off, w->lines[k].len);
        top += leading;
    }
    return top;
}

/* A cover line as pages print it, "label value", in scratch memory. */
static const char *item_line(pdf_lay *L, const doc_cover_item *it)
{
    if (!it->value || !it->value[0])
        return NULL;
    const char *label = it->label ? it->label : "";
    size_t n = strlen(label) + strlen(it->value) + 2;
    char *s = pdf_alloc(L, n);
    if (s)
        snprintf(s, n, "%s%s%s", label, label[0] ? " " : "", it->value);
    return s;
}

static void cover(pdf_lay *L)
{
    const report_doc *d = L->doc;
    const doc_cover *c = &d->cover;
    const double x = PDF_LEFT, W = PDF_TEXT_W;
    pdf_new_page(L);

    /* The logo at the top left, the organization at the top right. */
    if (!L->dry && L->logo) {
        double iw = HPDF_Image_GetWidth(L->logo), ih = HPDF_Image_GetHeight(L->logo);
        if (iw > 0 && ih > 0) {
            pdf_elem fig = NULL;
            if (d->brand.organization && d->brand.organization[0]) {
                fig = pdf_tag_elem(L, NULL, "Figure");
                char alt[512];
                snprintf(alt, sizeof alt, l10n_get(d->info.lang, "Logo of %s"),
                         d->brand.organization);
                pdf_tag_alt(L, fig, alt);
            }
            pdf_tag_mark(L, fig);
            pdf_text_end(L);
            double s = 120 / iw < 60 / ih ? 120 / iw : 60 / ih;
            HPDF_Page_DrawImage(L->page, L->logo, (HPDF_REAL)x, (HPDF_REAL)pdf_y(PDF_TOP + ih * s),
                                (HPDF_REAL)(iw * s), (HPDF_REAL)(ih * s));
        }
    }
    /* (with a logo, which names it, the organization shows only below) */
    wrapped org = L->has_logo ? (wrapped){"", NULL, 0} : wrap(L, d->brand.organization, 1, 10, W, 2);
    double oy = PDF_TOP;
    if (org.n)
        tag_next(L, "P");
    for (size_t k = 0; k < org.n; k++, oy += 14)
        pdf_text(L, x + W - org.lines[k].w, pdf_baseline(oy, 14, 10), 1, 10, L->grey,
                 org.s + org.lines[k].off, org.lines[k].len);

    /* The band: title, the entity very large, subtitle. */
    doc_rgb ink = L->on_primary, soft = L->on_primary_soft;
    wrapped title = wrap(L, c->title, 1, 13, W, 3);
    static const double sizes[] = {40, 32, 26, 22};
    static const size_t fits[] = {2, 3, 4, 6};
    wrapped entity = {"", NULL, 0};
    double es = sizes[0];
    for (size_t k = 0; k < 4; k++) {
        es = sizes[k];
        entity = wrap(L, c->entity, 1, es, W, k == 3 ? fits[k] : 0);
        if (entity.n <= fits[k])
            break;
    }
    double el = es * 1.18;
    wrapped sub = wrap(L, c->subtitle, 0, 16, W, 3);
    const double band_top = 186, pad = 34;
    double band_h = pad + title.n * 18 + (title.n ? 12 : 0) + entity.n * el +
                    (sub.n ? 10 + sub.n * 21 : 0) + pad;
    pdf_rect(L, 0, band_top, PDF_PAGE_W, band_h, L->primary);
    pdf_rect(L, 0, band_top + band_h, PDF_PAGE_W, 5, L->accent);
    double y = band_top + pad;
    y = draw_lines(L, &title, "P", x, y, 1, 13, 18, soft);
    if (title.n)
        y += 12;
    y = draw_lines(L, &entity, "H1", x, y, 1, es, el, ink);
    if (sub.n)
        draw_lines(L, &sub, "P", x, y + 10, 0, 16, 21, ink);

    /* Cycle, date, questionnaire under the band. */
    y = band_top + band_h + 5 + 30;
    wrapped cyc = wrap(L, item_line(L, &c->cycle), 1, 12, W, 2);
    y = draw_lines(L, &cyc, "P", x, y, 1, 12, 18, L->ink);
    wrapped date = wrap(L, c->date, 0, 12, W, 2);
    y = draw_lines(L, &date, "P", x, y, 0, 12, 18, L->ink);
    wrapped q = wrap(L, item_line(L, &c->questionnaire), 0, 9.5, W, 3);
    y = draw_lines(L, &q, "P", x, y + 4, 0, 9.5, 13.5, L->grey);
    /* Which edition, and how to ask for another format. */
    wrapped ed = wrap(L, c->edition, 1, 10.5, W, 2);
    y = draw_lines(L, &ed, "P", x, y + 10, 1, 10.5, 15, L->head);
    wrapped fm = wrap(L, c->formats, 0, 9.5, W, 4);
    y = draw_lines(L, &fm, "P", x, y + 4, 0, 9.5, 13.5, L->ink);

    /* Prepared for / by, organization, contact at the foot of the page. */
    const char *labels[4] = {l10n_get(d->info.lang, "PREPARED FOR"),
                             l10n_get(d->info.lang, "PREPARED BY"),
                             l10n_get(d->info.lang, "ORGANIZATION"),
                             l10n_get(d->info.lang, "CONTACT")};
    const char *values[4] = {c->prepared_for, c->prepared_by, d->brand.organization, c->contact};
    if (values[1] && values[2] && strcmp(values[1], values[2]) == 0)
        values[2] = NULL;
    wrapped v[4];
    double h = 0;
    for (int k = 0; k < 4; k++) {
        v[k] = wrap(L, values[k], 0, 11, W, 2);
        if (v[k].n)
            h += 12 + v[k].n * 15 + 9;
    }
    if (h > 0) {
        double top = PDF_BOTTOM - h;
        if (top < y + 36)
            top = y + 36;
        pdf_hline(L, x, x + W, top - 14, 0.75, L->primary);
        for (int k = 0; k < 4; k++) {
            if (!v[k].n)
                continue;
            tag_next(L, "P");
            pdf_text(L, x, pdf_baseline(top, 12, 7.5), 1, 7.5, L->grey, labels[k],
                     strlen(labels[k]));
            top = draw_lines(L, &v[k], NULL, x, top + 12, 0, 11, 15, L->ink) + 9;
        }
    }
    pdf_tag_use(L, NULL);
    pdf_arena_reset(L);
}

/* ## The passes */

static void run_pass(pdf_lay *L)
{
    L->pageno = 0;
    L->outline_h1 = NULL;
    if (L->dry) {
        /* page numbers are known only later: every digit may be drawn */
        pdf_face_mark(L->face[0], "0123456789", 10);
    }
    cover(L);
    if (L->doc->nblocks)
        pdf_new_page(L);
    for (size_t k = 0; k < L->doc->nblocks && !L->failed; k++) {
        pdf_block(L, k);
        pdf_arena_reset(L);
        if (!L->dry)
            pdf_check(L);
    }
    pdf_text_end(L);
    pdf_tag_page_end(L);
    pdf_tag_use(L, NULL);
    if (!L->dry && L->page && !L->failed)
        pdf_zip_add(L, ((HPDF_PageAttr)L->page->attr)->contents);
}

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void set_info(pdf_lay *L)
{
    const doc_info *in = &L->doc->info;
    const struct {
        HPDF_InfoType type;
        const char *text;
    } attrs[] = {{HPDF_INFO_TITLE, in->title},
                 {HPDF_INFO_AUTHOR, in->author},
                 {HPDF_INFO_SUBJECT, in->subject},
                 {HPDF_INFO_KEYWORDS, in->keywords},
                 {HPDF_INFO_CREATOR, "assess"}};
    for (size_t k = 0; k < sizeof attrs / sizeof attrs[0]; k++) {
        if (!attrs[k].text || !attrs[k].text[0])
            continue;
        size_t n;
        const char *s = pdf_clean(L, attrs[k].text, &n);
        HPDF_SetInfoAttr(L->pdf, attrs[k].type, s);
    }
    struct tm tm;
    time_t t = in->created;
    if (t > 0 && gmtime_r(&t, &tm)) {
        HPDF_Date date = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                          tm.tm_sec > 59 ? 59 : tm.tm_sec, 'Z', 0, 0};
        HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_CREATION_DATE, date);
        HPDF_SetInfoDateAttr(L->pdf, HPDF_INFO_MOD_DATE, date);
    }
    pdf_arena_reset(L);
    pdf_check(L);
}

static bool load_logo(pdf_lay *L, const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        pdf_fail(L, "cannot load logo %s: %s", path, strerror(errno));
        return false;
    }
    fclose(fp);
    L->logo = HPDF_LoadPngImageFromFile(L->pdf, path);
    if (!L->logo || L->hpdf_err->code) {
        pdf_fail(L, "cannot load logo %s: not a PNG image libharu can read (error 0x%04X)", path,
                 (unsigned)L->hpdf_err->code);
        return false;
    }
    return true;
}

/* Whether a run of the document is emphasised: only then are the oblique
 * faces loaded. */
static bool uses_emphasis(const report_doc *doc)
{
    for (size_t k = 0; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        for (size_t r = 0; r < b->nruns; r++)
            if (b->runs[r].style & DOC_RUN_EMPHASIS)
                return true;
        for (size_t i = 0; b->items && i < b->nbullets; i++)
            for (size_t r = 0; r < b->items[i].nruns; r++)
                if (b->items[i].runs[r].style & DOC_RUN_EMPHASIS)
                    return true;
    }
    return false;
}

/* Whether any character of a face is drawn (an unused oblique face is not
 * embedded). */
static bool face_used(const pdf_face *f)
{
    for (size_t k = 0; k < sizeof f->used; k++)
        if (f->used[k])
            return true;
    return false;
}

int pdf_render_timed(const report_doc *doc, const char *path, char *err, size_t errlen,
                     pdf_timing *t)
{
    pdf_timing tm = {0};
    if (errlen)
        err[0] = '\0';
    if (!doc || !path) {
        if (errlen)
            snprintf(err, errlen, "PDF: no document or no path");
        return -1;
    }
    pdf_face faces[4];
    pdf_hpdf_error herr = {0, 0};
    pdf_lay L = {.doc = doc, .err = err, .errlen = errlen, .hpdf_err = &herr};
    int nfaces = uses_emphasis(doc) ? 4 : 2;
    for (int k = 0; k < 4; k++)
        L.face[k] = &faces[k < nfaces ? k : k - 2];
    theme th;
    theme_make(&th, pdf_canvas_rgb(doc->brand.primary), pdf_canvas_rgb(doc->brand.accent));
    L.primary = pdf_doc_rgb(th.primary);
    L.accent = pdf_doc_rgb(th.accent);
    L.head = pdf_doc_rgb(th.primary_text);
    L.on_primary = pdf_doc_rgb(th.on_primary);
    L.on_primary_soft = pdf_doc_rgb(th.on_primary_soft);
    L.ink = pdf_doc_rgb(th.ink);
    L.grey = pdf_doc_rgb(th.muted);
    L.rule = pdf_doc_rgb(th.rule);
    L.tint_head = pdf_doc_rgb(th.tint_head);
    L.tint_note = pdf_doc_rgb(th.tint_note);
    L.card_bg = pdf_doc_rgb(th.card_bg);

    double t0 = now_ms();
    static const char *const paths[4] = {PDF_FONT_REGULAR, PDF_FONT_BOLD, PDF_FONT_OBLIQUE,
                                         PDF_FONT_BOLD_OBLIQUE};
    for (int k = 0; k < nfaces; k++)
        if (pdf_face_load(&faces[k], paths[k], err, errlen) != 0) {
            while (k-- > 0)
                pdf_face_free(&faces[k]);
            return -1;
        }
    double t1 = now_ms();
    tm.fonts = t1 - t0;

    /* Pass 1: measure, count pages, note the characters. */
    L.dry = true;
    bool has_logo = doc->brand.logo_png && doc->brand.logo_png[0];
    L.has_logo = has_logo;
    pdf_toc_setup(&L);
    run_pass(&L);
    if (!L.failed && L.toc_on && !pdf_toc_wanted(&L)) {
        L.toc_on = false; /* a short report: laid out again without */
        run_pass(&L);
    }
    L.npages = L.pageno;
    double t2 = now_ms();
    tm.layout = t2 - t1;

    /* The document, the logo, the font subsets. */
    if (!L.failed) {
        L.pdf = HPDF_NewEx(on_error, hpdf_alloc, hpdf_free, 0, &herr);
        if (!L.pdf)
            pdf_fail(&L, "out of memory");
    }
    if (!L.failed) {
        HPDF_SetCompressionMode(L.pdf, HPDF_COMP_ALL);
        HPDF_UseUTFEncodings(L.pdf);
        HPDF_SetCurrentEncoder(L.pdf, "UTF-8");
        HPDF_SetPageMode(L.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
        L.utf8 = HPDF_GetEncoder(L.pdf, "UTF-8");
        if (!pdf_check(&L))
            pdf_tag_start(&L);
        pdf_zip_start(&L);
    }
    if (!L.failed && has_logo)
        load_logo(&L, doc->brand.logo_png);
    /* PostScript names of the faces of PDF_FONT_* */
    static const char *const names[4] = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique",
                                         "DejaVuSans-BoldOblique"};
    static const char *const tags[4] = {"AAAAAA", "AAAAAB", "AAAAAC", "AAAAAD"};
    for (int k = 0; k < 4 && !L.failed; k++)
        L.font[k] = k >= nfaces ? L.font[k - 2]
                    : face_used(&faces[k]) || k < 2
                        ? pdf_embed_font(&L, &faces[k], names[k], tags[k])
                        : L.font[k - 2];
    double t3 = now_ms();
    tm.embed = t3 - t2;

    /* Pass 2: draw. */
    if (!L.failed) {
        L.dry = false;
        run_pass(&L);
        if (!L.failed && L.pageno != L.npages)
            pdf_fail(&L, "PDF: the two layout passes disagree (%d and %d pages)", L.npages,
                     L.pageno);
    }
    if (!L.failed)
        pdf_toc_links(&L);
    if (!L.failed)
        set_info(&L);
    if (!L.failed)
        pdf_tag_finish(&L);
    double t4 = now_ms();
    tm.draw = t4 - t3;
    pdf_raw_compress(&L);
    pdf_save_file(&L, path);
    tm.save = now_ms() - t4;

    if (L.pdf)
        HPDF_Free(L.pdf);
    pool_free();
    pdf_tag_free(&L);
    pdf_arena_free(&L);
    pdf_toc_free(&L);
    for (int k = 0; k < nfaces; k++)
        pdf_face_free(&faces[k]);
    if (t)
        *t = tm;
    return L.failed ? -1 : 0;
}

int pdf_render(const report_doc *doc, const char *path, char *err, size_t errlen)
{
    return pdf_render_timed(doc, path, err, errlen, NULL);
}
