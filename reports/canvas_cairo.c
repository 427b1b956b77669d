/*
 * canvas_cairo.c — the canvas over a cairo context (PNG, SVG or any other
 * cairo surface the caller made).  Fonts come from the DejaVu files via
 * FreeType, never from fontconfig, so output is the same on every machine
 * with the Debian font package.  It does not create or write surfaces:
 * chart_file.c does that.
 */
#include "canvas.h"

#include <cairo-ft.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <stdlib.h>

#define FONT_REGULAR "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define FONT_BOLD    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
#define PI           3.14159265358979323846

/* The FreeType library must outlive both faces, and cairo may keep a font
 * face (in its caches or an SVG surface) after the canvas is gone, so the
 * library is shared by reference count: one for the canvas, one per face. */
typedef struct {
    FT_Library lib;
    int refs;
} ft_holder;

typedef struct {
    ft_holder *holder;
    FT_Face face;
} face_owner;

typedef struct {
    canvas base;
    cairo_t *cr;
    ft_holder *holder;
    cairo_font_face_t *faces[2];
    canvas_rgb fill, stroke;
} cairo_canvas;

static const cairo_user_data_key_t face_key;

static void holder_release(ft_holder *h)
{
    if (h && --h->refs == 0) {
        FT_Done_FreeType(h->lib);
        free(h);
    }
}

static void face_destroy(void *data)
{
    face_owner *o = data;
    FT_Done_Face(o->face);
    holder_release(o->holder);
    free(o);
}

static cairo_font_face_t *load_face(ft_holder *h, const char *path)
{
    face_owner *o = malloc(sizeof *o);
    if (!o)
        return NULL;
    if (FT_New_Face(h->lib, path, 0, &o->face)) {
        free(o);
        return NULL;
    }
    o->holder = h;
    cairo_font_face_t *f = cairo_ft_font_face_create_for_ft_face(o->face, 0);
    if (cairo_font_face_set_user_data(f, &face_key, o, face_destroy)) {
        cairo_font_face_destroy(f);
        FT_Done_Face(o->face);
        free(o);
        return NULL;
    }
    h->refs++;
    return f;
}

/* cairo's own errors are sticky on the context; copy the first one over. */
static void check(canvas *c)
{
    cairo_status_t st = cairo_status(((cairo_canvas *)c)->cr);
    if (st != CAIRO_STATUS_SUCCESS)
        canvas_fail(c, (int)st);
}

static void cc_move_to(canvas *c, double x, double y)
{
    cairo_move_to(((cairo_canvas *)c)->cr, x, y);
    check(c);
}

static void cc_line_to(canvas *c, double x, double y)
{
    cairo_line_to(((cairo_canvas *)c)->cr, x, y);
    check(c);
}

static void cc_curve_to(canvas *c, double x1, double y1, double x2, double y2, double x3, double y3)
{
    cairo_curve_to(((cairo_canvas *)c)->cr, x1, y1, x2, y2, x3, y3);
    check(c);
}

static void cc_close_path(canvas *c)
{
    cairo_close_path(((cairo_canvas *)c)->cr);
    check(c);
}

/* cairo has one source colour; the canvas keeps fill and stroke apart and
 * sets the source just before painting. */
static void cc_set_fill(canvas *c, canvas_rgb rgb)
{
    ((cairo_canvas *)c)->fill = rgb;
}

static void cc_set_stroke(canvas *c, canvas_rgb rgb)
{
    ((cairo_canvas *)c)->stroke = rgb;
}

static void cc_set_line_width(canvas *c, double width)
{
    cairo_set_line_width(((cairo_canvas *)c)->cr, width);
    check(c);
}

static void cc_set_dash(canvas *c, double on, double off)
{
    double d[2] = {on, off};
    cairo_set_dash(((cairo_canvas *)c)->cr, d, on > 0 || off > 0 ? 2 : 0, 0);
    check(c);
}

static void source(cairo_t *cr, canvas_rgb rgb)
{
    cairo_set_source_rgb(cr, rgb.r, rgb.g, rgb.b);
}

static void cc_fill(canvas *c)
{
    cairo_canvas *k = (cairo_canvas *)c;
    source(k->cr, k->fill);
    cairo_fill(k->cr);
    check(c);
}

static void cc_stroke(canvas *c)
{
    cairo_canvas *k = (cairo_canvas *)c;
    source(k->cr, k->stroke);
    cairo_stroke(k->cr);
    check(c);
}

static void cc_fill_stroke(canvas *c)
{
    cairo_canvas *k = (cairo_canvas *)c;
    source(k->cr, k->fill);
    cairo_fill_preserve(k->cr);
    source(k->cr, k->stroke);
    cairo_stroke(k->cr);
    check(c);
}

static void use_font(cairo_canvas *k, double size, canvas_font font)
{
    cairo_set_font_face(k->cr, k->faces[font == CANVAS_FONT_BOLD]);
    cairo_set_font_size(k->cr, size);
}

static double cc_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    cairo_canvas *k = (cairo_canvas *)c;
    cairo_text_extents_t e;
    use_font(k, size, font);
    cairo_text_extents(k->cr, utf8, &e);
    check(c);
    return e.x_advance;
}

static void cc_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    cairo_canvas *k = (cairo_canvas *)c;
    double w = align == CANVAS_ALIGN_LEFT ? 0 : cc_text_width(c, utf8, size, font);
    double shift = align == CANVAS_ALIGN_CENTER ? w / 2 : align == CANVAS_ALIGN_RIGHT ? w : 0;
    cairo_save(k->cr);
    use_font(k, size, font);
    source(k->cr, k->fill);
    cairo_translate(k->cr, x, y);
    /* Counter-clockwise on the page is a negative angle when y is down. */
    if (angle != 0)
        cairo_rotate(k->cr, -angle * PI / 180.0);
    cairo_move_to(k->cr, -shift, 0);
    cairo_show_text(k->cr, utf8);
    cairo_new_path(k->cr); /* show_text leaves a current point behind */
    cairo_restore(k->cr);
    check(c);
}

static void cc_free(canvas *c)
{
    cairo_canvas *k = (cairo_canvas *)c;
    cairo_font_face_destroy(k->faces[0]);
    cairo_font_face_destroy(k->faces[1]);
    holder_release(k->holder);
    cairo_destroy(k->cr);
    free(k);
}

static const canvas_ops cairo_ops = {
    .move_to = cc_move_to,
    .line_to = cc_line_to,
    .curve_to = cc_curve_to,
    .close_path = cc_close_path,
    .set_fill = cc_set_fill,
    .set_stroke = cc_set_stroke,
    .set_line_width = cc_set_line_width,
    .set_dash = cc_set_dash,
    .fill = cc_fill,
    .stroke = cc_stroke,
    .fill_stroke = cc_fill_stroke,
    .text = cc_text,
    .text_width = cc_text_width,
    .free = cc_free,
};

canvas *canvas_cairo_new(struct _cairo *cr)
{
    cairo_canvas *k = calloc(1, sizeof *k);
    ft_holder *h = calloc(1, sizeof *h);
    if (!k || !h || FT_Init_FreeType(&h->lib)) {
        free(k);
        free(h);
        return NULL;
    }
    h->refs = 1;
    k->holder = h;
    k->faces[0] = load_face(h, FONT_REGULAR);
    k->faces[1] = load_face(h, FONT_BOLD);
    k->base.ops = &cairo_ops;
    k->cr = cairo_reference(cr);
    if (!k->faces[0] || !k->faces[1]) {
        cc_free(&k->base);
        return NULL;
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    k->stroke = (canvas_rgb){0, 0, 0};
    k->fill = (canvas_rgb){0, 0, 0};
    check(&k->base);
    return &k->base;
}
