/*
 * canvas.c — the backend-independent part of the canvas: freeing, and the
 * text calls, which check UTF-8 once here so that no backend ever sees a
 * malformed string.  Drawing itself lives in canvas_cairo.c, canvas_hpdf.c
 * and canvas_trace.c.
 */
#include "canvas.h"

#include <string.h>

bool canvas_utf8_valid(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        size_t len;
        unsigned cp, min;
        if (c < 0x80) {
            i++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (n - i < len)
            return false;
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

static bool text_ok(canvas *c, const char *utf8, double size)
{
    if (c->error)
        return false;
    if (!utf8 || !canvas_utf8_valid(utf8, strlen(utf8)) || !(size > 0 && size < 1e4)) {
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
