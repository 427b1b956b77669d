/*
 * cairo_mod.c — the cairo module (cairo_mod.h): a chart drawn into a PNG or
 * SVG, the canvas that measures a web page's chart text, the check of a
 * brand's logo.  Built with canvas_cairo.c as assess/cairo.so, opened by
 * module.c; it uses none of the library's own symbols.
 */
#include "cairo_mod.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PNG_SCALE 2.0

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    if (err && errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static cairo_status_t write_fp(void *closure, const unsigned char *data, unsigned int len)
{
    return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static const char *draw_error(int e)
{
    switch (e) {
    case CANVAS_ERROR_INPUT:
        return "invalid chart description, or the box is too small for it";
    case CANVAS_ERROR_NOMEM:
        return "out of memory";
    case CANVAS_ERROR_STATE:
        return "drawing calls out of order";
    default:
        return cairo_status_to_string((cairo_status_t)e);
    }
}

/* cairo names the SVG's top group after a process-wide surface counter
 * ("surface595"), so the SVG is collected in memory and those numbers are
 * renumbered in order of appearance before it is written. */
typedef struct {
    char *data;
    size_t len, cap;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data, unsigned int len)
{
    membuf *m = closure;
    if (m->cap - m->len < len) {
        size_t cap = (m->cap + len) * 2;
        char *p = realloc(m->data, cap);
        if (!p)
            return CAIRO_STATUS_NO_MEMORY;
        m->data = p;
        m->cap = cap;
    }
    memcpy(m->data + m->len, data, len);
    m->len += len;
    return CAIRO_STATUS_SUCCESS;
}

static bool write_svg_stable(FILE *fp, const membuf *m)
{
    static const char key[] = "surface";
    unsigned long seen[16];
    size_t nseen = 0, i = 0, from = 0;
    bool ok = true;
    while (i + sizeof key - 1 < m->len) {
        if (memcmp(m->data + i, key, sizeof key - 1) != 0 ||
            !(m->data[i + sizeof key - 1] >= '0' && m->data[i + sizeof key - 1] <= '9')) {
            i++;
            continue;
        }
        size_t j = i + sizeof key - 1;
        unsigned long num = 0;
        while (j < m->len && m->data[j] >= '0' && m->data[j] <= '9')
            num = num * 10 + (unsigned long)(m->data[j++] - '0');
        size_t k = 0;
        while (k < nseen && seen[k] != num)
            k++;
        if (k == nseen && nseen < sizeof seen / sizeof seen[0])
            seen[nseen++] = num;
        ok &= fwrite(m->data + from, 1, i - from, fp) == i - from;
        ok &= fprintf(fp, "surface%zu", k + 1) > 0;
        from = i = j;
    }
    ok &= fwrite(m->data + from, 1, m->len - from, fp) == m->len - from;
    return ok;
}

/* Draws on white into `cr`; returns 0 or the drawing's error. */
static int draw_on(cairo_t *cr, cairo_mod_draw_fn draw, const void *what, double w, double h)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    canvas *cv = canvas_cairo_new(cr);
    if (!cv)
        return CANVAS_ERROR_NOMEM;
    int e = draw(what, cv, w, h);
    if (!e && cairo_status(cr))
        e = (int)cairo_status(cr);
    return e;
}

/* cairo_mod.write */
static int write_chart(FILE *fp, bool png, double w, double h, cairo_mod_draw_fn draw,
                       const void *what, char *err, size_t errlen)
{
    cairo_surface_t *s;
    membuf svg = {NULL, 0, 0};
    if (png)
        s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(w * PNG_SCALE),
                                       (int)ceil(h * PNG_SCALE));
    else
        s = cairo_svg_surface_create_for_stream(write_mem, &svg, w, h);
    if (cairo_surface_status(s)) {
        int r = fail(err, errlen, "cannot create the surface: %s",
                     cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return r;
    }
    if (!png)
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
    cairo_t *cr = cairo_create(s);
    if (png)
        cairo_scale(cr, PNG_SCALE, PNG_SCALE);
    int e = draw_on(cr, draw, what, w, h);
    cairo_destroy(cr);
    if (e) {
        cairo_surface_destroy(s);
        free(svg.data);
        return fail(err, errlen, "cannot draw the chart: %s", draw_error(e));
    }
    cairo_status_t st;
    if (png) {
        st = cairo_surface_write_to_png_stream(s, write_fp, fp);
    } else {
        cairo_surface_finish(s); /* the SVG is written here */
        st = cairo_surface_status(s);
        if (!st && !write_svg_stable(fp, &svg))
            st = CAIRO_STATUS_WRITE_ERROR;
    }
    cairo_surface_destroy(s);
    free(svg.data);
    if (st)
        return fail(err, errlen, "cannot write the %s: %s", png ? "PNG" : "SVG",
                    cairo_status_to_string(st));
    return 0;
}

static canvas *measure_new(void)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(s);
    canvas *c = canvas_cairo_new(cr);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return c;
}

static const char *png_problem(const char *path)
{
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    cairo_status_t st = cairo_surface_status(img);
    cairo_surface_destroy(img);
    return st == CAIRO_STATUS_SUCCESS ? NULL : cairo_status_to_string(st);
}

__attribute__((visibility("default"))) const cairo_mod assess_report_cairo = {
    .measure_new = measure_new,
    .write = write_chart,
    .png_problem = png_problem,
};
