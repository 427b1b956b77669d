/*
 * chart_file.c — chart_write_file: one chart to a PNG or SVG file through
 * cairo.  The file appears whole or not at all (temporary file beside the
 * target, then rename).  Nothing here lays out anything; chart_draw does.
 */
#define _POSIX_C_SOURCE 200809L

#include "chart.h"

#include <cairo-svg.h>
#include <cairo.h>

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* Draws the chart on white into `cr`; returns 0 or the chart's error. */
static int draw_on(cairo_t *cr, const chart *ch, double w, double h)
{
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    canvas *cv = canvas_cairo_new(cr);
    if (!cv)
        return CANVAS_ERROR_NOMEM;
    int e = chart_draw(ch, cv, w, h);
    canvas_free(cv);
    if (!e && cairo_status(cr))
        e = (int)cairo_status(cr);
    return e;
}

/* Writes the chart to fp; returns 0 or -1 with err set. */
static int write_chart(FILE *fp, bool png, const chart *ch, double w, double h, char *err,
                       size_t errlen)
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
    int e = draw_on(cr, ch, w, h);
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

int chart_write_file(const chart *ch, const char *path, double w, double h, char *err,
                     size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    if (!ch || !path)
        return fail(err, errlen, "no chart or no path");
    const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');
    bool png = dot && (!slash || dot > slash) && strcasecmp(dot, ".png") == 0;
    bool svg = dot && (!slash || dot > slash) && strcasecmp(dot, ".svg") == 0;
    if (!png && !svg)
        return fail(err, errlen, "%s: the name must end in .png or .svg", path);
    if (!(w >= 40 && w <= 10000 && h >= 40 && h <= 10000))
        return fail(err, errlen, "chart size %g x %g pt is out of range (40-10000)", w, h);

    /* A hidden temporary in the same directory, so rename is atomic. */
    size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
    size_t need = strlen(path) + 16;
    char *tmp = malloc(need);
    if (!tmp)
        return fail(err, errlen, "out of memory");
    snprintf(tmp, need, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int r = fail(err, errlen, "%s: cannot create a temporary file: %s", path, strerror(errno));
        free(tmp);
        return r;
    }
    /* mkstemp makes the file private; a chart is an ordinary document.
     * (Reading the umask would mean changing it, which races threads.) */
    fchmod(fd, 0644);
    FILE *fp = fdopen(fd, "wb");
    if (!fp) {
        int r = fail(err, errlen, "%s: %s", tmp, strerror(errno));
        close(fd);
        unlink(tmp);
        free(tmp);
        return r;
    }
    int r = write_chart(fp, png, ch, w, h, err, errlen);
    if (fclose(fp) != 0 && r == 0)
        r = fail(err, errlen, "%s: %s", tmp, strerror(errno));
    if (r == 0 && rename(tmp, path) != 0)
        r = fail(err, errlen, "%s: cannot rename into place: %s", path, strerror(errno));
    if (r != 0)
        unlink(tmp);
    free(tmp);
    return r;
}
