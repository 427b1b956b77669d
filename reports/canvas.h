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

/* Frees any canvas (NULL is fine). */
void canvas_free(canvas *c);

#endif
