/*
 * pdf_text.c — text for the PDF renderer: cleaning UTF-8, breaking lines
 * with the faces' own widths, and the few drawing calls layout uses (text,
 * rectangles, rules), which in the measuring pass only note characters.
 * Scratch memory for one block lives here too.
 */
#include "pdf_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ## Scratch memory */

struct pdf_chunk {
    pdf_chunk *next;
    size_t used, size;
    max_align_t data[];
};

void *pdf_alloc(pdf_lay *L, size_t n)
{
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    pdf_chunk *c = L->arena;
    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        pdf_chunk *fresh = malloc(sizeof *fresh + size);
        if (!fresh) {
            pdf_fail(L, "out of memory");
            return NULL;
        }
        fresh->used = 0;
        fresh->size = size;
        fresh->next = c;
        L->arena = c = fresh;
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    return p;
}

/* Keeps the newest chunk (usually the only one) for the next block. */
void pdf_arena_reset(pdf_lay *L)
{
    pdf_chunk *c = L->arena;
    if (!c)
        return;
    for (pdf_chunk *old = c->next, *next; old; old = next) {
        next = old->next;
        free(old);
    }
    c->next = NULL;
    c->used = 0;
}

void pdf_arena_free(pdf_lay *L)
{
    for (pdf_chunk *c = L->arena, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    L->arena = NULL;
    free(L->lines);
    L->lines = NULL;
    for (size_t k = 0; k < L->wrapped_cap; k++)
        free(L->wrapped[k]);
    free(L->wrapped);
    L->wrapped = NULL;
    L->wrapped_cap = L->nwrapped = 0;
}

const char *pdf_clean(pdf_lay *L, const char *s, size_t *n)
{
    size_t len = s ? strlen(s) : 0;
    /* Every input byte gives at most 3 output bytes (U+FFFD for one). */
    char *o = pdf_alloc(L, 3 * len + 4); /* + room for pdf_wrap_text's "…" */
    if (!o) {
        *n = 0;
        return "";
    }
    size_t k = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* plain ASCII, the bulk */
            o[k++] = (char)b;
            i++;
            continue;
        }
        uint32_t c;
        i += assess_utf8_decode(s + i, len - i, &c);
        if (c == '\t')
            c = ' ';
        else if (c == '\n')
            ;
        else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xAD)
            continue; /* control characters, soft hyphen */
        else if (c > 0xFFFF)
            c = 0xFFFD; /* libharu's UTF-8 fonts stop at U+FFFF */
        k += assess_utf8_encode(c, o + k);
    }
    o[k] = '\0';
    *n = k;
    return o;
}

/* ## Measuring and breaking */

double pdf_width(const pdf_lay *L, int bold, double size, const char *s, size_t n)
{
    return pdf_face_width(L->face[bold & 3], s, n, size);
}

/* Adds the line s[start, end) without its trailing spaces; with
 * space_after, one space is kept in the drawn text but not in the width:
 * it is invisible at the line's end, but text extraction and a screen
 * reader (the tagged structure joins the lines of a paragraph) then read
 * "at the" rather than "atthe" across the break. */
static bool push_line(pdf_lay *L, size_t *count, const char *s, size_t start, size_t end,
                      const pdf_face *face, double size, bool space_after)
{
    while (end > start && s[end - 1] == ' ')
        end--;
    size_t drawn = end - start + (space_after && end > start);
    if (*count == L->lines_cap) {
        size_t cap = L->lines_cap ? 2 * L->lines_cap : 64;
        pdf_line *grown = realloc(L->lines, cap * sizeof *grown);
        if (!grown) {
            pdf_fail(L, "out of memory");
            return false;
        }
        L->lines = grown;
        L->lines_cap = cap;
    }
    L->lines[(*count)++] =
        (pdf_line){start, drawn, pdf_face_width(face, s + start, end - start, size)};
    return true;
}

/* Inside a word a line may break after these: "long-term", "and/or",
 * "2020–2024", "part_engagement". */
static bool breaks_after(uint32_t c)
{
    return c == '-' || c == '/' || c == '_' || c == 0x2013 || c == 0x2014;
}

pdf_line *pdf_wrap(pdf_lay *L, const char *s, size_t n, const pdf_face *face, double size,
                   double width, size_t *nlines)
{
    size_t count = 0;
    /* Widths are summed in 1/1000 em and compared in the same unit. */
    double limit = width * 1000.0 / size + 1e-6;
    size_t i = 0;
    *nlines = 0;
    while (i < n) {
        size_t start = i;
        unsigned long w = 0;
        size_t brk = start, brk_next = start; /* the last break: line end, next start */
        bool ended = false;
        while (i < n) {
            size_t at = i;
            uint32_t c = (unsigned char)s[i];
            if (c < 0x80) /* the common case, without a call */
                i++;
            else
                i += assess_utf8_decode(s + i, n - i, &c);
            if (c == '\n') {
                if (!push_line(L, &count, s, start, at, face, size, false))
                    return NULL;
                ended = true;
                break;
            }
            unsigned cw = pdf_face_cwidth(face, c);
            if (c == ' ') {
                if (at > start && brk_next != at)
                    brk = at; /* the first space of a run */
                brk_next = i;
                w += cw;
                continue;
            }
            if (w + cw > limit && at > start) {
                size_t end = brk > start ? brk : at; /* else a word wider than the line */
                size_t next = brk > start ? brk_next : at;
                if (!push_line(L, &count, s, start, end, face, size,
                               end < n && s[end] == ' '))
                    return NULL;
                i = next;
                while (i < n && s[i] == ' ')
                    i++;
                ended = true;
                break;
            }
            w += cw;
            if (breaks_after(c) && at > start && i < n && s[i] != ' ' && s[i] != '\n')
                brk = brk_next = i; /* after a hyphen, slash or underscore inside a word */
        }
        if (!ended && !push_line(L, &count, s, start, n, face, size, false))
            return NULL;
    }
    pdf_line *out = pdf_alloc(L, (count ? count : 1) * sizeof *out);
    if (!out)
        return NULL;
    memcpy(out, L->lines, count * sizeof *out);
    *nlines = count;
    return out;
}

static pdf_line *wrap_text(pdf_lay *L, const char *raw, const char **clean, const pdf_face *face,
                        double size, double width, size_t max, size_t *nlines)
{
    size_t n;
    const char *s = pdf_clean(L, raw, &n);
    pdf_line *lines = pdf_wrap(L, s, n, face, size, width, nlines);
    *clean = s;
    if (!lines || !max || *nlines <= max)
        return lines;
    /* The last kept line ends in "…", with characters dropped to fit.  The
     * ellipsis overwrites the text after it, which is not shown anyway;
     * pdf_clean leaves room for it. */
    static const char ell[] = "\xE2\x80\xA6";
    pdf_line *last = &lines[max - 1];
    char *o = (char *)s + last->off;
    double ew = pdf_face_width(face, ell, 3, size);
    size_t len = last->len;
    while (len > 0 && pdf_face_width(face, o, len, size) + ew > width) {
        len = assess_utf8_cut(o, last->len, len - 1);
    }
    while (len > 0 && o[len - 1] == ' ')
        len--;
    memcpy(o + len, ell, 4);
    last->len = len + 3;
    last->w = pdf_face_width(face, o, len + 3, size);
    *nlines = max;
    return lines;
}

/* ## Lines kept
 *
 * The measuring pass and the drawing pass break the same texts into the
 * same lines, and every page's header breaks the same line again: each
 * result of wrap_text is kept, by the text and what it depends on (face,
 * size, width, line limit), for the rest of the document. */
struct pdf_wrapped {
    uint64_t hash;
    const pdf_face *face;
    double size, width;
    size_t max, rawlen, cleanlen, nlines;
    pdf_line *lines; /* then the clean text, then the raw text, in this block */
};

static uint64_t wrap_hash(const char *raw, size_t n, const pdf_face *face, double size,
                          double width, size_t max)
{
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)raw[i]) * 1099511628211u;
    uint64_t v[4] = {(uint64_t)(uintptr_t)face, 0, 0, (uint64_t)max};
    memcpy(&v[1], &size, sizeof size);
    memcpy(&v[2], &width, sizeof width);
    for (int k = 0; k < 4; k++)
        h = (h ^ v[k]) * 1099511628211u;
    return h;
}

static struct pdf_wrapped **wrap_slot(pdf_lay *L, uint64_t h, const char *raw, size_t n,
                                      const pdf_face *face, double size, double width, size_t max)
{
    for (size_t i = (size_t)h & (L->wrapped_cap - 1);; i = (i + 1) & (L->wrapped_cap - 1)) {
        struct pdf_wrapped *w = L->wrapped[i];
        if (!w || (w->hash == h && w->face == face && w->size == size && w->width == width &&
                   w->max == max && w->rawlen == n &&
                   memcmp((const char *)(w->lines + w->nlines) + w->cleanlen, raw, n) == 0))
            return &L->wrapped[i];
    }
}

/* Keeps a result (nothing when memory runs out: it is worked out again). */
static void wrap_keep(pdf_lay *L, uint64_t h, const char *raw, size_t n, const pdf_face *face,
                      double size, double width, size_t max, const char *clean, size_t cleanlen,
                      const pdf_line *lines, size_t nlines)
{
    if (2 * (L->nwrapped + 1) > L->wrapped_cap) {
        size_t cap = L->wrapped_cap ? 2 * L->wrapped_cap : 1024;
        struct pdf_wrapped **grown = calloc(cap, sizeof *grown);
        if (!grown)
            return;
        struct pdf_wrapped **old = L->wrapped;
        size_t oldcap = L->wrapped_cap;
        L->wrapped = grown;
        L->wrapped_cap = cap;
        for (size_t k = 0; k < oldcap; k++) {
            struct pdf_wrapped *w = old[k];
            if (w)
                *wrap_slot(L, w->hash, (const char *)(w->lines + w->nlines) + w->cleanlen,
                           w->rawlen, w->face, w->size, w->width, w->max) = w;
        }
        free(old);
    }
    struct pdf_wrapped *w =
        malloc(sizeof *w + nlines * sizeof *lines + cleanlen + n);
    if (!w)
        return;
    *w = (struct pdf_wrapped){h, face, size, width, max, n, cleanlen, nlines, (pdf_line *)(w + 1)};
    memcpy(w->lines, lines, nlines * sizeof *lines);
    memcpy(w->lines + nlines, clean, cleanlen);
    memcpy((char *)(w->lines + nlines) + cleanlen, raw, n);
    *wrap_slot(L, h, raw, n, face, size, width, max) = w;
    L->nwrapped++;
}

pdf_line *pdf_wrap_text(pdf_lay *L, const char *raw, const char **clean, const pdf_face *face,
                        double size, double width, size_t max, size_t *nlines)
{
    size_t n = raw ? strlen(raw) : 0;
    uint64_t h = wrap_hash(raw ? raw : "", n, face, size, width, max);
    struct pdf_wrapped *w =
        L->wrapped_cap ? *wrap_slot(L, h, raw ? raw : "", n, face, size, width, max) : NULL;
    if (w) { /* a copy in scratch memory, as if worked out again */
        char *s = pdf_alloc(L, w->cleanlen + 1);
        pdf_line *lines = pdf_alloc(L, (w->nlines ? w->nlines : 1) * sizeof *lines);
        if (s && lines) {
            memcpy(s, w->lines + w->nlines, w->cleanlen);
            s[w->cleanlen] = '\0';
            memcpy(lines, w->lines, w->nlines * sizeof *lines);
            *clean = s;
            *nlines = w->nlines;
            return lines;
        }
    }
    pdf_line *lines = wrap_text(L, raw, clean, face, size, width, max, nlines);
    if (lines) {
        /* the lines reach into the clean text by at most its "…" */
        size_t used = 0;
        for (size_t k = 0; k < *nlines; k++)
            if (lines[k].off + lines[k].len > used)
                used = lines[k].off + lines[k].len;
        size_t cn = strlen(*clean);
        wrap_keep(L, h, raw ? raw : "", n, face, size, width, max, *clean,
                  used > cn ? used : cn, lines, *nlines);
    }
    return lines;
}

/* ## Drawing */

static HPDF_REAL unit(double v)
{
    return (HPDF_REAL)(v < 0 ? 0 : v > 1 ? 1 : v);
}

static void set_fill(pdf_lay *L, doc_rgb c)
{
    if (L->fill_ok && L->fill_cur.r == c.r && L->fill_cur.g == c.g && L->fill_cur.b == c.b)
        return;
    pdf_raw_fill(L, c);
    L->fill_cur = c;
    L->fill_ok = true;
}

void pdf_text(pdf_lay *L, double x, double base, int bold, double size, doc_rgb colour,
              const char *s, size_t n)
{
    if (n == 0 || L->failed)
        return;
    if (L->dry) {
        pdf_face_mark(L->face[bold & 3], s, n);
        return;
    }
    pdf_tag_mark(L, L->tag_cur);
    HPDF_Page p = L->page;
    set_fill(L, colour);
    if (!L->in_text) {
        HPDF_Page_BeginText(p);
        pdf_raw_text_begin(L);
        L->in_text = true;
    }
    if (L->font_cur != (bold & 3) || L->size_cur != size) {
        pdf_raw_font(L, bold & 3, size);
        L->font_cur = bold & 3;
        L->size_cur = size;
    }
    pdf_raw_show(L, x, pdf_y(base), s, n);
}

void pdf_text_end(pdf_lay *L)
{
    if (L->in_text && !L->dry)
        HPDF_Page_EndText(L->page);
    L->in_text = false;
}

void pdf_state_reset(pdf_lay *L)
{
    L->in_text = false;
    L->font_cur = -1;
    L->size_cur = 0;
    L->fill_ok = false;
}

void pdf_text_in(pdf_lay *L, double x, double w, doc_align align, double base, int bold,
                 double size, doc_rgb colour, const char *s, size_t n)
{
    if (align != DOC_ALIGN_LEFT) {
        double tw = pdf_width(L, bold, size, s, n);
        x += align == DOC_ALIGN_RIGHT ? w - tw : (w - tw) / 2;
    }
    pdf_text(L, x, base, bold, size, colour, s, n);
}

void pdf_link(pdf_lay *L, double x, double top, double w, double h, const char *uri, pdf_elem elem,
              const char *text)
{
    if (L->dry || L->failed || w <= 0 || !uri)
        return;
    HPDF_Rect rect = {(HPDF_REAL)x, (HPDF_REAL)pdf_y(top + h), (HPDF_REAL)(x + w),
                      (HPDF_REAL)pdf_y(top)};
    HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(L->page, rect, uri);
    if (a) {
        HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        pdf_tag_link(L, elem, a, text);
    }
    pdf_check(L);
}

void pdf_rect(pdf_lay *L, double x, double y, double w, double h, doc_rgb fill)
{
    if (L->dry || L->failed || w <= 0 || h <= 0)
        return;
    pdf_text_end(L);
    pdf_tag_mark(L, NULL);
    set_fill(L, fill);
    const double v[4] = {x, pdf_y(y + h), w, h};
    pdf_raw_path(L, v, 4, " re\012f\012");
}

void pdf_hline(pdf_lay *L, double x0, double x1, double y, double width, doc_rgb colour)
{
    if (L->dry || L->failed)
        return;
    pdf_text_end(L);
    pdf_tag_mark(L, NULL);
    const double rgb[3] = {unit(colour.r), unit(colour.g), unit(colour.b)};
    pdf_raw_path(L, rgb, 3, " RG\012");
    pdf_raw_path(L, &width, 1, " w\012");
    const double from[2] = {x0, pdf_y(y)}, to[2] = {x1, pdf_y(y)};
    pdf_raw_path(L, from, 2, " m\012");
    pdf_raw_path(L, to, 2, " l\012S\012");
}

int pdf_fail(pdf_lay *L, const char *fmt, ...)
{
    if (!L->failed) {
        L->failed = true;
        if (L->errlen) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(L->err, L->errlen, fmt, ap);
            va_end(ap);
        }
    }
    return -1;
}

bool pdf_check(pdf_lay *L)
{
    if (!L->failed && L->hpdf_err && L->hpdf_err->code)
        pdf_fail(L, "PDF: libharu error 0x%04X (detail %u)", (unsigned)L->hpdf_err->code,
                 (unsigned)L->hpdf_err->detail);
    return L->failed;
}
