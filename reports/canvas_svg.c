/*
 * canvas_svg.c — a canvas that writes SVG elements as text, for charts
 * inlined in an HTML page.  Text stays text (<text>, escaped), so a page
 * holding many charts has no glyph ids to collide, readers can select and
 * search it, and it scales with the page.  Text is measured by another
 * canvas the caller lends (cairo with the DejaVu files), so a chart lays
 * out exactly as in PNG and PDF; the SVG names DejaVu Sans first.
 */
#include "canvas.h"
#include "xmlbuf.h"

#include <stdlib.h>

typedef struct {
    canvas base;
    canvas *measure;
    xmlbuf out;
    xmlbuf path; /* the open path's data */
    canvas_rgb fill, stroke;
    double line_width, dash_on, dash_off;
} svg_canvas;

static svg_canvas *S(canvas *c)
{
    return (svg_canvas *)c;
}

/* Copies a buffer failure onto the canvas. */
static void check(canvas *c)
{
    if (S(c)->out.failed || S(c)->path.failed)
        canvas_fail(c, CANVAS_ERROR_NOMEM);
}

static void sv_move_to(canvas *c, double x, double y)
{
    xb_printf(&S(c)->path, "M%.2f %.2f", x, y);
    check(c);
}

static void sv_line_to(canvas *c, double x, double y)
{
    xb_printf(&S(c)->path, "L%.2f %.2f", x, y);
    check(c);
}

static void sv_curve_to(canvas *c, double x1, double y1, double x2, double y2, double x3, double y3)
{
    xb_printf(&S(c)->path, "C%.2f %.2f %.2f %.2f %.2f %.2f", x1, y1, x2, y2, x3, y3);
    check(c);
}

static void sv_close_path(canvas *c)
{
    xb_puts(&S(c)->path, "Z");
    check(c);
}

static void sv_set_fill(canvas *c, canvas_rgb rgb)
{
    S(c)->fill = rgb;
}

static void sv_set_stroke(canvas *c, canvas_rgb rgb)
{
    S(c)->stroke = rgb;
}

static void sv_set_line_width(canvas *c, double width)
{
    S(c)->line_width = width;
}

static void sv_set_dash(canvas *c, double on, double off)
{
    S(c)->dash_on = on;
    S(c)->dash_off = off;
}

static int byte(double v)
{
    return v <= 0 ? 0 : v >= 1 ? 255 : (int)(v * 255 + 0.5);
}

static void colour(xmlbuf *b, const char *attr, canvas_rgb rgb)
{
    xb_printf(b, " %s=\"#%02x%02x%02x\"", attr, byte(rgb.r), byte(rgb.g), byte(rgb.b));
}

static void paint(canvas *c, bool fill, bool stroke)
{
    svg_canvas *k = S(c);
    if (k->path.len) {
        xb_puts(&k->out, "<path d=\"");
        xb_put(&k->out, k->path.data, k->path.len);
        xb_puts(&k->out, "\"");
        if (fill)
            colour(&k->out, "fill", k->fill);
        else
            xb_puts(&k->out, " fill=\"none\"");
        if (stroke) {
            colour(&k->out, "stroke", k->stroke);
            xb_printf(&k->out, " stroke-width=\"%.2f\"", k->line_width);
            if (k->dash_on > 0 || k->dash_off > 0)
                xb_printf(&k->out, " stroke-dasharray=\"%.2f %.2f\"", k->dash_on, k->dash_off);
        }
        xb_puts(&k->out, "/>");
    }
    k->path.len = 0;
    check(c);
}

static void sv_fill(canvas *c)
{
    paint(c, true, false);
}

static void sv_stroke(canvas *c)
{
    paint(c, false, true);
}

static void sv_fill_stroke(canvas *c)
{
    paint(c, true, true);
}

static double sv_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    double w = canvas_text_width(S(c)->measure, utf8, size, font);
    if (S(c)->measure->error)
        canvas_fail(c, S(c)->measure->error);
    return w;
}

static void sv_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    static const char *const anchor[] = {"start", "middle", "end"};
    xmlbuf *b = &S(c)->out;
    xb_printf(b, "<text x=\"%.2f\" y=\"%.2f\" font-size=\"%.2f\"", x, y, size);
    if (font == CANVAS_FONT_BOLD)
        xb_puts(b, " font-weight=\"bold\"");
    if (align != CANVAS_ALIGN_LEFT)
        xb_printf(b, " text-anchor=\"%s\"", anchor[align]);
    /* counter-clockwise on the page is a negative SVG rotation (y down) */
    if (angle != 0)
        xb_printf(b, " transform=\"rotate(%.2f %.2f %.2f)\"", -angle, x, y);
    colour(b, "fill", S(c)->fill);
    xb_puts(b, ">");
    xb_text(b, utf8);
    /* a line break between texts: a word processor that drops the SVG but
     * keeps its text (LibreOffice) shows separate words, not one run */
    xb_puts(b, "</text>\n");
    check(c);
}

static void sv_free(canvas *c)
{
    xb_free(&S(c)->out);
    xb_free(&S(c)->path);
    free(c);
}

static const canvas_ops svg_ops = {
    .move_to = sv_move_to,
    .line_to = sv_line_to,
    .curve_to = sv_curve_to,
    .close_path = sv_close_path,
    .set_fill = sv_set_fill,
    .set_stroke = sv_set_stroke,
    .set_line_width = sv_set_line_width,
    .set_dash = sv_set_dash,
    .fill = sv_fill,
    .stroke = sv_stroke,
    .fill_stroke = sv_fill_stroke,
    .text = sv_text,
    .text_width = sv_text_width,
    .free = sv_free,
};

canvas *canvas_svg_new(canvas *measure)
{
    if (!measure)
        return NULL;
    svg_canvas *k = calloc(1, sizeof *k);
    if (!k)
        return NULL;
    k->base.ops = &svg_ops;
    k->measure = measure;
    k->line_width = 1;
    return &k->base;
}

const char *canvas_svg_text(const canvas *c, size_t *len)
{
    const svg_canvas *k = (const svg_canvas *)c;
    *len = k->out.len;
    return k->out.data ? k->out.data : "";
}
