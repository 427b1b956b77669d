/*
 * canvas_hpdf.c — the canvas over a libharu page: vector paths and text
 * straight into the page's content stream.  It flips y in one place
 * (to_pdf) and wraps everything it draws in GSave/GRestore.  It neither
 * creates documents nor loads fonts: the caller passes both in, and owns
 * the document's error handler (which must return, not longjmp).
 */
#include "canvas.h"

#include <hpdf.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

typedef struct {
    canvas base;
    HPDF_Doc pdf;
    HPDF_Page page;
    double x, y_top;
    HPDF_Font fonts[2];
    canvas_hpdf_text text; /* its width set: text measured and drawn by the caller */
    bool saved; /* GSave succeeded, so free owes a GRestore */
} hpdf_canvas;

/* The single place where canvas space (top-left, y down) becomes PDF user
 * space (bottom-left, y up). */
static void to_pdf(const hpdf_canvas *k, double x, double y, HPDF_REAL *px, HPDF_REAL *py)
{
    *px = (HPDF_REAL)(k->x + x);
    *py = (HPDF_REAL)(k->y_top - y);
}

/* libharu reports failure both through the handler and the return value;
 * the return value is enough to make the error sticky here. */
static void check(canvas *c, HPDF_STATUS st)
{
    if (st != HPDF_OK)
        canvas_fail(c, (int)st);
}

static void hc_move_to(canvas *c, double x, double y)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    HPDF_REAL px, py;
    to_pdf(k, x, y, &px, &py);
    check(c, HPDF_Page_MoveTo(k->page, px, py));
}

static void hc_line_to(canvas *c, double x, double y)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    HPDF_REAL px, py;
    to_pdf(k, x, y, &px, &py);
    check(c, HPDF_Page_LineTo(k->page, px, py));
}

static void hc_curve_to(canvas *c, double x1, double y1, double x2, double y2, double x3, double y3)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    HPDF_REAL p[6];
    to_pdf(k, x1, y1, &p[0], &p[1]);
    to_pdf(k, x2, y2, &p[2], &p[3]);
    to_pdf(k, x3, y3, &p[4], &p[5]);
    check(c, HPDF_Page_CurveTo(k->page, p[0], p[1], p[2], p[3], p[4], p[5]));
}

static void hc_close_path(canvas *c)
{
    check(c, HPDF_Page_ClosePath(((hpdf_canvas *)c)->page));
}

static HPDF_REAL unit(double v)
{
    return (HPDF_REAL)(v < 0 ? 0 : v > 1 ? 1 : v);
}

static void hc_set_fill(canvas *c, canvas_rgb rgb)
{
    check(c, HPDF_Page_SetRGBFill(((hpdf_canvas *)c)->page, unit(rgb.r), unit(rgb.g), unit(rgb.b)));
}

static void hc_set_stroke(canvas *c, canvas_rgb rgb)
{
    check(c,
          HPDF_Page_SetRGBStroke(((hpdf_canvas *)c)->page, unit(rgb.r), unit(rgb.g), unit(rgb.b)));
}

static void hc_set_line_width(canvas *c, double width)
{
    check(c, HPDF_Page_SetLineWidth(((hpdf_canvas *)c)->page, (HPDF_REAL)width));
}

/* libharu 2.3.0 takes whole-point dash lengths (1–300). */
static HPDF_UINT16 dash_len(double v)
{
    long n = lround(v);
    return (HPDF_UINT16)(n < 1 ? 1 : n > 300 ? 300 : n);
}

static void hc_set_dash(canvas *c, double on, double off)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    if (on <= 0 && off <= 0) {
        check(c, HPDF_Page_SetDash(k->page, NULL, 0, 0));
        return;
    }
    HPDF_UINT16 d[2] = {dash_len(on), dash_len(off)};
    check(c, HPDF_Page_SetDash(k->page, d, 2, 0));
}

static void hc_fill(canvas *c)
{
    check(c, HPDF_Page_Fill(((hpdf_canvas *)c)->page));
}

static void hc_stroke(canvas *c)
{
    check(c, HPDF_Page_Stroke(((hpdf_canvas *)c)->page));
}

static void hc_fill_stroke(canvas *c)
{
    check(c, HPDF_Page_FillStroke(((hpdf_canvas *)c)->page));
}

static double hc_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    if (k->text.width)
        return k->text.width(k->text.ctx, utf8, size, font == CANVAS_FONT_BOLD);
    HPDF_STATUS before = HPDF_GetError(k->pdf);
    HPDF_TextWidth tw = HPDF_Font_TextWidth(k->fonts[font == CANVAS_FONT_BOLD],
                                            (const HPDF_BYTE *)utf8, (HPDF_UINT)strlen(utf8));
    HPDF_STATUS after = HPDF_GetError(k->pdf);
    if (after != HPDF_OK && after != before)
        canvas_fail(c, (int)after);
    return tw.width * size / 1000.0;
}

static void hc_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    double w = align == CANVAS_ALIGN_LEFT ? 0 : hc_text_width(c, utf8, size, font);
    double shift = align == CANVAS_ALIGN_CENTER ? w / 2 : align == CANVAS_ALIGN_RIGHT ? w : 0;
    double a = angle * PI / 180.0, ca = cos(a), sa = sin(a);
    HPDF_REAL px, py;
    to_pdf(k, x, y, &px, &py);
    /* In PDF space (y up) a counter-clockwise angle is positive, so the
     * baseline runs along (cos a, sin a) from the aligned start point. */
    /* (px, py are points as libharu keeps them, in floats: volatile, or
     * GCC 12 at -O2 computes with the doubles they were made from) */
    volatile HPDF_REAL fx = px, fy = py;
    HPDF_REAL sx = (HPDF_REAL)(fx - shift * ca), sy = (HPDF_REAL)(fy - shift * sa);
    HPDF_Page page = k->page;
    if (k->text.show) {
        const double m[6] = {(HPDF_REAL)ca, (HPDF_REAL)sa, (HPDF_REAL)-sa, (HPDF_REAL)ca, sx, sy};
        k->text.show(k->text.ctx, m, utf8, size, font == CANVAS_FONT_BOLD);
        return;
    }
    check(c, HPDF_Page_BeginText(page));
    if (c->error)
        return;
    check(c, HPDF_Page_SetFontAndSize(page, k->fonts[font == CANVAS_FONT_BOLD], (HPDF_REAL)size));
    if (!c->error)
        check(c, HPDF_Page_SetTextMatrix(page, (HPDF_REAL)ca, (HPDF_REAL)sa, (HPDF_REAL)-sa,
                                         (HPDF_REAL)ca, sx, sy));
    if (!c->error)
        check(c, HPDF_Page_ShowText(page, utf8));
    /* End the text object even after a failure so the page stays valid. */
    check(c, HPDF_Page_EndText(page));
}

static void hc_free(canvas *c)
{
    hpdf_canvas *k = (hpdf_canvas *)c;
    if (k->saved) {
        /* A path left open by a failed chart must be ended before Q. */
        if (HPDF_Page_GetGMode(k->page) == HPDF_GMODE_PATH_OBJECT)
            HPDF_Page_EndPath(k->page);
        else if (HPDF_Page_GetGMode(k->page) == HPDF_GMODE_TEXT_OBJECT)
            HPDF_Page_EndText(k->page);
        HPDF_Page_GRestore(k->page);
    }
    free(k);
}

static const canvas_ops hpdf_ops = {
    .move_to = hc_move_to,
    .line_to = hc_line_to,
    .curve_to = hc_curve_to,
    .close_path = hc_close_path,
    .set_fill = hc_set_fill,
    .set_stroke = hc_set_stroke,
    .set_line_width = hc_set_line_width,
    .set_dash = hc_set_dash,
    .fill = hc_fill,
    .stroke = hc_stroke,
    .fill_stroke = hc_fill_stroke,
    .text = hc_text,
    .text_width = hc_text_width,
    .free = hc_free,
};

static canvas *make(void *pdf, void *page, double x, double y_top, void *regular, void *bold,
                    const canvas_hpdf_text *text)
{
    hpdf_canvas *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->base.ops = &hpdf_ops;
    k->pdf = pdf;
    k->page = page;
    k->x = x;
    k->y_top = y_top;
    k->fonts[0] = regular;
    k->fonts[1] = bold;
    if (text)
        k->text = *text;
    check(&k->base, HPDF_Page_GSave(k->page));
    k->saved = !k->base.error;
    /* Matches the cairo canvas: round joins, butt caps, solid black. */
    check(&k->base, HPDF_Page_SetLineJoin(k->page, HPDF_ROUND_JOIN));
    check(&k->base, HPDF_Page_SetLineCap(k->page, HPDF_BUTT_END));
    return &k->base;
}

canvas *canvas_hpdf_new(void *pdf, void *page, double x, double y_top, double w, double h,
                        void *regular, void *bold)
{
    (void)w, (void)h; /* the chart keeps inside the box; nothing to clip */
    if (!pdf || !page || !regular || !bold)
        return NULL;
    return make(pdf, page, x, y_top, regular, bold, NULL);
}

canvas *canvas_hpdf_new_text(void *pdf, void *page, double x, double y_top, double w, double h,
                             const canvas_hpdf_text *text)
{
    (void)w, (void)h;
    if (!pdf || !page || !text || !text->width || !text->show)
        return NULL;
    return make(pdf, page, x, y_top, NULL, NULL, text);
}
