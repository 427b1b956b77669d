/*
 * cairo_mod.h — what the cairo module offers the report library.  cairo
 * brings some twenty shared libraries (pixman, fontconfig, FreeType, X11
 * and xcb), which a PDF or XLSX report, `assess score` or `--version` never
 * use; so everything that draws or reads through cairo is built as a
 * module (assess/cairo.so beside the library) that module.c opens the
 * first time a chart file, a web page or a logo needs it.
 */
#ifndef REPORT_CAIRO_MOD_H
#define REPORT_CAIRO_MOD_H

#include "canvas.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Draws `what` on `cv` in a w x h box and frees `cv`; returns 0 or the
 * canvas error.  The module knows nothing of charts: the library passes
 * this, so the module needs none of its symbols. */
typedef int (*cairo_mod_draw_fn)(const void *what, canvas *cv, double w, double h);

typedef struct {
    /* A canvas that only measures text (DejaVu through FreeType), or NULL
     * when the fonts cannot be loaded. */
    canvas *(*measure_new)(void);
    /* Draws on white and writes a PNG (at twice the size) or an SVG to fp;
     * returns 0, or -1 with a message in err. */
    int (*write)(FILE *fp, bool png, double w, double h, cairo_mod_draw_fn draw,
                 const void *what, char *err, size_t errlen);
    /* NULL when cairo decodes the file at path as a PNG image, else why not. */
    const char *(*png_problem)(const char *path);
} cairo_mod;

/* The module's one exported symbol, a cairo_mod. */
#define CAIRO_MOD_SYMBOL "assess_report_cairo"

/* The cairo module, opened once; NULL with a message in err (the file
 * looked for and why it could not be opened) when it cannot be. */
const cairo_mod *cairo_mod_get(char *err, size_t errlen);

#endif
