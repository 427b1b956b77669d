/*
 * canvas.c — the backend-independent part of the canvas: freeing, and the
 * text calls, which check UTF-8 once here so that no backend ever sees a
 * malformed string.  Drawing itself lives in canvas_cairo.c, canvas_hpdf.c
 * and canvas_trace.c.
 */
#include "canvas.h"
#include "assess.h"

#include <string.h>

static bool text_ok(canvas *c, const char *utf8, double size)
{
    if (c->error)
        return false;
    if (!utf8 || !assess_utf8_valid(utf8, strlen(utf8)) || !(size > 0 && size < 1e4)) {
        canvas_fail(c, CANVAS_ERROR_INPUT);
        return false;
    }
    return utf8[0] != '\0';
}

void canvas_text(canvas *c, double x, double y, const char *utf8, double size, canvas_font font,
                 canvas_align align, double angle)
{
    if (canvas_ok_(c, x, y) && canvas_ok_(c, angle, 0) && text_ok(c, utf8, size))
        c->ops->text(c, x, y, utf8, size, font, align, angle);
}

double canvas_text_width(canvas *c, const char *utf8, double size, canvas_font font)
{
    if (!text_ok(c, utf8, size))
        return 0;
    double w = c->ops->text_width(c, utf8, size, font);
    return c->error ? 0 : w;
}

void canvas_free(canvas *c)
{
    if (c)
        c->ops->free(c);
}
