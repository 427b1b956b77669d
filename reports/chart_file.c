/*
 * chart_file.c — chart_write_file: one chart to a PNG or SVG file through
 * the cairo module (cairo_mod.h), opened here when first needed.  The file appears whole or not at all (temporary file beside the
 * target, then rename).  Nothing here lays out anything; chart_draw does.
 */
#define _POSIX_C_SOURCE 200809L

#include "cairo_mod.h"
#include "chart.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* The library's side of cairo_mod.write: the chart drawn, the canvas freed. */
static int draw_chart(const void *what, canvas *cv, double w, double h)
{
    int e = chart_draw(what, cv, w, h);
    canvas_free(cv);
    return e;
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

    const cairo_mod *mod = cairo_mod_get(err, errlen);
    if (!mod)
        return -1;

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
    int r = mod->write(fp, png, w, h, draw_chart, ch, err, errlen);
    if (fclose(fp) != 0 && r == 0)
        r = fail(err, errlen, "%s: %s", tmp, strerror(errno));
    if (r == 0 && rename(tmp, path) != 0)
        r = fail(err, errlen, "%s: cannot rename into place: %s", path, strerror(errno));
    if (r != 0)
        unlink(tmp);
    free(tmp);
    return r;
}
