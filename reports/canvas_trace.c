/*
 * canvas_trace.c — a canvas that draws nothing and writes each call as a
 * line of text, so tests can check chart layout number by number.  It
 * measures text with fixed widths (no font files) and enforces libharu's
 * path rules, so a chart that passes here cannot trip libharu's state
 * checks.  It is for tests; reports never use it.
 */
#include "canvas.h"
#include "assess.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    canvas base;
    char *buf;
    size_t len, cap;
    bool path_open;
} trace_canvas;

static void emit(canvas *c, const char *fmt, ...)
{
    trace_canvas *t = (trace_canvas *)c;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(t->buf + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
        if (n < 0) {
            canvas_fail(c, CANVAS_ERROR_INPUT);
            return;
        }
        if ((size_t)n < t->cap - t->len) {
            t->len += (size_t)n;
            return;
        }
        size_t cap = t->cap * 2 + (size_t)n;
        char *p = realloc(t->buf, cap);
        if (!p) {
            canvas_fail(c, CANVAS_ERROR_NOMEM);
            return;
        }
        t->buf = p;
        t->cap = cap;
    }
}

/* Path construction and painting must alternate the way PDF demands. */
static bool want_path(canvas *c, bool open)
{
    if (((trace_canvas *)c)->path_open != open) {
        canvas_fail(c, CANVAS_ERROR_STATE);
        return false;
    }
    return true;
}

static void tr_move_to(canvas *c, double x, double y)
{
    ((trace_canvas *)c)->path_open = true;
    emit(c, "move %.2f %.2f\n", x, y);
}

static void tr_line_to(canvas *c, double x, double y)
{
    if (want_path(c, true))
        emit(c, "line %.2f %.2f\n", x, y);
}

static void tr_curve_to(canvas *c, double x1, double y1, double x2, double y2, double x3, double y3)
{
    if (want_path(c, true))
        emit(c, "curve %.2f %.2f %.2f %.2f %.2f %.2f\n", x1, y1, x2, y2, x3, y3);
}

static void tr_close_path(canvas *c)
{
    if (want_path(c, true))
        emit(c, "close\n");
}

static void tr_set_fill(canvas *c, canvas_rgb rgb)
{
    if (want_path(c, false))
        emit(c, "fill_rgb %.3f %.3f %.3f\n", rgb.r, rgb.g, rgb.b);
}

static void tr_set_stroke(canvas *c, canvas_rgb rgb)
{
    if (want_path(c, false))
        emit(c, "stroke_rgb %.3f %.3f %.3f\n", rgb.r, rgb.g, rgb.b);
}

static void tr_set_line_width(canvas *c, double width)
{
    if (want_path(c, false))
        emit(c, "width %.2f\n", width);
}

static void tr_set_dash(canvas *c, double on, double off)
{
    if (want_path(c, false))
        emit(c, "dash %.2f %.2f\n", on, off);
}

static void paint(canvas *c, const char *what)
{
    if (want_path(c, true)) {
        ((trace_canvas *)c)->path_open = false;
        emit(c, "%s\n", what);
    }
}

static void tr_fill(canvas *c)
{
    paint(c, "fill");
}

static void tr_stroke(canvas *c)
{
    paint(c, "stroke");
}

static void tr_fill_stroke(canvas *c)
{
    paint(c, "fill_stroke");
}

static double tr_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    (void)c;
    /* a monospaced font: wide (East Asian) characters take two cells */
    size_t cells = assess_utf8_width(utf8, strlen(utf8));
    return (double)cells * size * (font == CANVAS_FONT_BOLD ? 0.60 : 0.55);
}

static void tr_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                    canvas_align align, double angle)
{
    static const char *const aligns[] = {"left", "center", "right"};
    if (want_path(c, false))
        emit(c, "text %.2f %.2f %.2f %s %s %.2f %.2f |%s|\n", x, y, size,
             font == CANVAS_FONT_BOLD ? "bold" : "regular", aligns[align], angle,
             tr_text_width(c, utf8, size, font), utf8);
}

static void tr_free(canvas *c)
{
    trace_canvas *t = (trace_canvas *)c;
    free(t->buf);
    free(t);
}

static const canvas_ops trace_ops = {
    .move_to = tr_move_to,
    .line_to = tr_line_to,
    .curve_to = tr_curve_to,
    .close_path = tr_close_path,
    .set_fill = tr_set_fill,
    .set_stroke = tr_set_stroke,
    .set_line_width = tr_set_line_width,
    .set_dash = tr_set_dash,
    .fill = tr_fill,
    .stroke = tr_stroke,
    .fill_stroke = tr_fill_stroke,
    .text = tr_text,
    .text_width = tr_text_width,
    .free = tr_free,
};

canvas *canvas_trace_new(void)
{
    trace_canvas *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cap = 4096;
    t->buf = malloc(t->cap);
    if (!t->buf) {
        free(t);
        return NULL;
    }
    t->buf[0] = '\0';
    t->base.ops = &trace_ops;
    return &t->base;
}

const char *canvas_trace_text(const canvas *c)
{
    return ((const trace_canvas *)c)->buf;
}
