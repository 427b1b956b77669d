/*
 * canvas.h — the few drawing calls every chart is made of.
 *
 * Charts are laid out once, in points, against this interface; each
 * backend (cairo for PNG and SVG, libharu for vector graphics inside a PDF
 * page) implements it.  Coordinates: origin at the top left of the chart
 * box, y grows downwards; a backend that needs y upwards flips it in one
 * place.  Errors are sticky, as in cairo: a canvas remembers its first
 * failure, later calls do nothing, and the caller asks once at the end.
 */
#ifndef REPORT_CANVAS_H
#define REPORT_CANVAS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    double r, g, b; /* 0–1 */
} canvas_rgb;

typedef enum {
    CANVAS_ALIGN_LEFT,
    CANVAS_ALIGN_CENTER,
    CANVAS_ALIGN_RIGHT
} canvas_align;

typedef enum {
    CANVAS_FONT_REGULAR,
    CANVAS_FONT_BOLD
} canvas_font;

typedef struct canvas canvas;

/* The operations a backend provides; a canvas is a pointer to these plus
 * the backend's own state. */
typedef struct {
    void (*move_to)(canvas *c, double x, double y);
    void (*line_to)(canvas *c, double x, double y);
    void (*curve_to)(canvas *c, double x1, double y1, double x2, double y2, double x3,
                     double y3);
    void (*close_path)(canvas *c);
    void (*set_fill)(canvas *c, canvas_rgb rgb);
    void (*set_stroke)(canvas *c, canvas_rgb rgb);
    void (*set_line_width)(canvas *c, double width);
    void (*set_dash)(canvas *c, double on, double off); /* 0, 0 = solid */
    void (*fill)(canvas *c);        /* fills and clears the path */
    void (*stroke)(canvas *c);      /* strokes and clears the path */
    void (*fill_stroke)(canvas *c); /* both, then clears the path */
    /* Draws text with its baseline at y, aligned on x, rotated by angle
     * degrees counter-clockwise around (x, y). */
    void (*text)(canvas *c, double x, double y, const char *utf8, double size,
                 canvas_font font, canvas_align align, double angle);
    double (*text_width)(canvas *c, const char *utf8, double size, canvas_font font);
    void (*free)(canvas *c);
} canvas_ops;

struct canvas {
    const canvas_ops *ops;
    int error; /* 0 = fine; the first failure otherwise */
};

/* ## Backends (each in its own file)
 *
 * libharu: draws vector graphics into `page`, in the box whose top-left
 * corner is (x, y_top) in PDF user space (points, origin bottom-left), so
 * canvas point (cx, cy) lands at (x + cx, y_top - cy).  The fonts are the
 * document's, loaded by the caller (UTF-8 TrueType).  Declared here with
 * void pointers so that chart code need not include hpdf.h:
 *   pdf = HPDF_Doc, page = HPDF_Page, regular / bold = HPDF_Font.
 */
canvas *canvas_hpdf_new(void *pdf, void *page, double x, double y_top, double w, double h,
                        void *regular, void *bold);
/* The same with text measured and drawn by the caller, whose fonts libharu
 * does not know (the PDF renderer writes its fonts itself): width returns
 * points; show draws in a text object of its own, with the text matrix m
 * (PDF user space). */
typedef struct {
    void *ctx;
    double (*width)(void *ctx, const char *utf8, double size, int bold);
    void (*show)(void *ctx, const double m[6], const char *utf8, double size, int bold);
} canvas_hpdf_text;
canvas *canvas_hpdf_new_text(void *pdf, void *page, double x, double y_top, double w, double h,
                             const canvas_hpdf_text *text);

/* cairo: draws on `cr` (a cairo_t *) in its current user space, so the
 * caller chooses the surface (PNG, SVG, PDF) and any scale.  Fonts are
 * DejaVu Sans and DejaVu Sans Bold, loaded from their files through
 * FreeType so that output does not depend on fontconfig.  Returns NULL if
 * memory runs out or the fonts cannot be loaded.  The canvas takes its own
 * reference to `cr`.  Declared with cairo's struct tag so that chart code
 * need not include cairo.h. */
struct _cairo;
canvas *canvas_cairo_new(struct _cairo *cr);

/* SVG: writes each path and text as an SVG element (text as <text>,
 * escaped; colours as #rrggbb; coordinates in points) into memory, for a
 * chart inlined in a page; the caller writes the <svg> element around it.
 * Text is measured by `measure` (e.g. a cairo canvas), which the caller
 * keeps alive and frees.  NULL if memory runs out. */
canvas *canvas_svg_new(canvas *measure);
/* The elements written so far (len bytes); owned by the canvas. */
const char *canvas_svg_text(const canvas *c, size_t *len);

/* trace: records every call as one line of text ("move 12.00 30.50",
 * "text 10.00 20.00 9.00 regular left 0.00 46.80 |Équité|", …) so that
 * tests can check layout exactly.  Text width is a fixed 0.55 em per code
 * point (0.60 em bold).  It also enforces the strictest backend's path
 * rules (libharu): colours, widths, dashes and text only while no path is
 * open; fill and stroke only with one open.  A breach sets
 * CANVAS_ERROR_STATE.  Returns NULL if memory runs out. */
canvas *canvas_trace_new(void);
/* The lines recorded so far, NUL-terminated; owned by the canvas. */
const char *canvas_trace_text(const canvas *c);

/* Frees any canvas (NULL is fine). */
void canvas_free(canvas *c);

/* ## Errors
 *
 * `error` holds the backend's own code (a cairo_status_t for cairo, an
 * HPDF error number 0x1001… for libharu) or one of these: */
enum {
    CANVAS_ERROR_INPUT = -1, /* a non-finite coordinate, invalid UTF-8, a bad chart */
    CANVAS_ERROR_STATE = -2, /* a call out of order (trace canvas) */
    CANVAS_ERROR_NOMEM = -3
};

/* Marks `c` failed with `error` unless it has failed already; returns the
 * error that sticks. */
static inline int canvas_fail(canvas *c, int error)
{
    if (!c->error)
        c->error = error;
    return c->error;
}

/* ## Drawing
 *
 * Call through these rather than through ops: each does nothing once the
 * canvas has failed, and rejects non-finite numbers (which would otherwise
 * reach a backend as "nan" in a PDF or SVG) by failing the canvas.  Text is
 * drawn in the fill colour.  Set colours, widths and dashes only while no
 * path is open (libharu requires it). */
static inline bool canvas_ok_(canvas *c, double a, double b)
{
    if (c->error)
        return false;
    /* a - a is 0 for finite a and NaN for NaN or ±inf; no <math.h> needed. */
    if (a - a != 0 || b - b != 0) {
        canvas_fail(c, CANVAS_ERROR_INPUT);
        return false;
    }
    return true;
}

static inline void canvas_move_to(canvas *c, double x, double y)
{
    if (canvas_ok_(c, x, y))
        c->ops->move_to(c, x, y);
}

static inline void canvas_line_to(canvas *c, double x, double y)
{
    if (canvas_ok_(c, x, y))
        c->ops->line_to(c, x, y);
}

static inline void canvas_curve_to(canvas *c, double x1, double y1, double x2, double y2, double x3,
                                   double y3)
{
    if (canvas_ok_(c, x1, y1) && canvas_ok_(c, x2, y2) && canvas_ok_(c, x3, y3))
        c->ops->curve_to(c, x1, y1, x2, y2, x3, y3);
}

static inline void canvas_close_path(canvas *c)
{
    if (!c->error)
        c->ops->close_path(c);
}

static inline void canvas_set_fill(canvas *c, canvas_rgb rgb)
{
    if (canvas_ok_(c, rgb.r + rgb.g, rgb.b))
        c->ops->set_fill(c, rgb);
}

static inline void canvas_set_stroke(canvas *c, canvas_rgb rgb)
{
    if (canvas_ok_(c, rgb.r + rgb.g, rgb.b))
        c->ops->set_stroke(c, rgb);
}

static inline void canvas_set_line_width(canvas *c, double width)
{
    if (canvas_ok_(c, width, 0))
        c->ops->set_line_width(c, width);
}

/* Dash lengths are whole points: libharu 2.3.0 takes them as integers. */
static inline void canvas_set_dash(canvas *c, double on, double off)
{
    if (canvas_ok_(c, on, off))
        c->ops->set_dash(c, on, off);
}

static inline void canvas_fill(canvas *c)
{
    if (!c->error)
        c->ops->fill(c);
}

static inline void canvas_stroke(canvas *c)
{
    if (!c->error)
        c->ops->stroke(c);
}

static inline void canvas_fill_stroke(canvas *c)
{
    if (!c->error)
        c->ops->fill_stroke(c);
}

/* Text must be valid UTF-8; anything else fails the canvas with
 * CANVAS_ERROR_INPUT before it reaches a backend.  Empty text draws
 * nothing and measures 0.  A failed canvas measures everything as 0. */
void canvas_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                 canvas_align align, double angle);
double canvas_text_width(canvas *c, const char *utf8, double size, canvas_font font);

#endif
