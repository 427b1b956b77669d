/*
 * html_measure.c — the canvas that measures a web page's chart text: cairo's
 * (the cairo module, DejaVu through FreeType, hinted metrics), with each
 * width remembered for the rest of the page.
 *
 * A chart measures the same labels again and again (to fit them, then to
 * place them), and a page's charts share most of theirs (the themes'
 * names, the ticks); cairo_text_extents costs about 50,000 instructions a
 * call, two thirds of what a city's web page took.  A width looked up here
 * is the one cairo gave for the same text, size and face, so the page is
 * the same bytes.  Between report_share_begin and report_share_end (a
 * batch worker) the canvas outlives the page: the next city's page finds
 * the fonts loaded, cairo's glyphs cached and most labels measured.
 */
#include "html_internal.h"
#include "cairo_mod.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    char *text; /* NULL: an empty slot */
    double size, w;
    canvas_font font;
    uint64_t hash;
} memo;

typedef struct {
    canvas base;
    canvas *cairo;
    memo *slots;
    size_t cap, n; /* cap: a power of two, or 0 */
} memo_canvas;

static uint64_t hash_of(const char *s, double size, canvas_font font)
{
    uint64_t h = 14695981039346656037u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 1099511628211u;
    uint64_t bits;
    memcpy(&bits, &size, sizeof bits);
    h = (h ^ bits) * 1099511628211u;
    return (h ^ (uint64_t)font) * 1099511628211u;
}

/* The slot of (s, size, font), or the empty slot where it would go. */
static memo *find(memo_canvas *m, const char *s, double size, canvas_font font, uint64_t h)
{
    for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        memo *e = &m->slots[i];
        if (!e->text || (e->hash == h && e->size == size && e->font == font &&
                         strcmp(e->text, s) == 0))
            return e;
    }
}

/* Keeps a width; nothing when memory runs out (it is measured again). */
static void keep(memo_canvas *m, const char *s, double size, canvas_font font, uint64_t h,
                 double w)
{
    if (2 * (m->n + 1) > m->cap) {
        size_t cap = m->cap ? 2 * m->cap : 256;
        memo *grown = calloc(cap, sizeof *grown);
        if (!grown)
            return;
        memo *old = m->slots;
        size_t oldcap = m->cap;
        m->slots = grown;
        m->cap = cap;
        for (size_t k = 0; k < oldcap; k++)
            if (old[k].text)
                *find(m, old[k].text, old[k].size, old[k].font, old[k].hash) = old[k];
        free(old);
    }
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (!copy)
        return;
    memcpy(copy, s, n);
    *find(m, s, size, font, h) = (memo){copy, size, w, font, h};
    m->n++;
}

static double mm_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    memo_canvas *m = (memo_canvas *)c;
    uint64_t h = hash_of(utf8, size, font);
    if (m->cap) {
        memo *e = find(m, utf8, size, font, h);
        if (e->text)
            return e->w;
    }
    double w = canvas_text_width(m->cairo, utf8, size, font);
    if (m->cairo->error)
        return canvas_fail(c, m->cairo->error), 0;
    keep(m, utf8, size, font, h, w);
    return w;
}

/* (the canvas only measures: what it would draw goes nowhere) */
static void mm_xy(canvas *c, double x, double y)
{
    (void)c, (void)x, (void)y;
}
static void mm_curve(canvas *c, double a, double b, double d, double e, double f, double g)
{
    (void)c, (void)a, (void)b, (void)d, (void)e, (void)f, (void)g;
}
static void mm_none(canvas *c)
{
    (void)c;
}
static void mm_rgb(canvas *c, canvas_rgb rgb)
{
    (void)c, (void)rgb;
}
static void mm_width(canvas *c, double w)
{
    (void)c, (void)w;
}
static void mm_dash(canvas *c, double on, double off)
{
    (void)c, (void)on, (void)off;
}
static void mm_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    (void)x, (void)y, (void)align, (void)angle;
    mm_text_width(c, utf8, size, font);
}

static void mm_free(canvas *c)
{
    memo_canvas *m = (memo_canvas *)c;
    for (size_t k = 0; k < m->cap; k++)
        free(m->slots[k].text);
    free(m->slots);
    canvas_free(m->cairo);
    free(m);
}

static const canvas_ops memo_ops = {
    .move_to = mm_xy,
    .line_to = mm_xy,
    .curve_to = mm_curve,
    .close_path = mm_none,
    .set_fill = mm_rgb,
    .set_stroke = mm_rgb,
    .set_line_width = mm_width,
    .set_dash = mm_dash,
    .fill = mm_none,
    .stroke = mm_none,
    .fill_stroke = mm_none,
    .text = mm_text,
    .text_width = mm_text_width,
    .free = mm_free,
};

/* The measurer kept for the thread's next page (report_share_begin). */
static _Thread_local bool sharing;
static _Thread_local canvas *kept;

void report_share_begin(void)
{
    sharing = true;
}

void report_share_end(void)
{
    sharing = false;
    canvas_free(kept);
    kept = NULL;
}

void html_measure_done(html_ctx *x)
{
    if (x->measure && x->measure == kept && !kept->error)
        return; /* for the next page */
    if (x->measure == kept)
        kept = NULL;
    canvas_free(x->measure);
    x->measure = NULL;
}

canvas *html_measure(html_ctx *x)
{
    if (!x->measure && !x->failed && kept)
        x->measure = kept;
    if (!x->measure && !x->failed) {
        char why[512];
        const cairo_mod *mod = cairo_mod_get(why, sizeof why);
        memo_canvas *m = mod ? calloc(1, sizeof *m) : NULL;
        if (!mod)
            html_fail(x, "%s", why);
        else if (!m)
            html_fail(x, "out of memory");
        else if (!(m->cairo = mod->measure_new())) {
            free(m);
            html_fail(x, "cannot load the fonts in /usr/share/fonts/truetype/dejavu");
        } else {
            m->base.ops = &memo_ops;
            x->measure = &m->base;
            if (sharing)
                kept = x->measure;
        }
    }
    return x->measure;
}
