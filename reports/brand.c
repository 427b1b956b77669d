/*
 * brand.c — reading a consultant's brand file (see brand.h).
 */
#define _POSIX_C_SOURCE 200809L /* strdup, getline */

#include "brand.h"
#include "intl.h"
#include "assess.h"
#include "theme.h"

#include <cairo.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LINE_MAX_BYTES 4096
#define LOGO_SIDE_MAX 8192 /* pixels; docs/limits.md */

void brand_init(report_brand *b)
{
    memset(b, 0, sizeof *b);
    canvas_rgb p = theme_default_primary(), a = theme_default_accent();
    b->look.primary = (doc_rgb){p.r, p.g, p.b};
    b->look.accent = (doc_rgb){a.r, a.g, a.b};
}

void brand_cleanup(report_brand *b)
{
    free(b->organization);
    free(b->contact);
    free(b->logo);
    free(b->alternate_formats);
    brand_init(b);
}

static int hex(int ch)
{
    return isdigit(ch) ? ch - '0' : isxdigit(ch) ? tolower(ch) - 'a' + 10 : -1;
}

bool brand_colour_parse(const char *s, doc_rgb *out)
{
    if (*s == '#')
        s++;
    if (strlen(s) != 6)
        return false;
    double v[3];
    for (int k = 0; k < 3; k++) {
        int hi = hex((unsigned char)s[2 * k]), lo = hex((unsigned char)s[2 * k + 1]);
        if (hi < 0 || lo < 0)
            return false;
        v[k] = (hi * 16 + lo) / 255.0;
    }
    *out = (doc_rgb){v[0], v[1], v[2]};
    return true;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *end = s + strlen(s);
    while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
        *--end = '\0';
    return s;
}

/* The logo path as given, or relative to the brand file's folder. */
static char *logo_path(const char *brand_path, const char *value)
{
    const char *slash = strrchr(brand_path, '/');
    if (value[0] == '/' || !slash)
        return strdup(value);
    size_t dir = (size_t)(slash - brand_path) + 1;
    char *p = malloc(dir + strlen(value) + 1);
    if (p) {
        memcpy(p, brand_path, dir);
        strcpy(p + dir, value);
    }
    return p;
}

/* A PNG starts with these eight bytes; anything else would fail later,
 * inside the PDF writer, with a less helpful message. */
static bool is_png(const char *path, char *why, size_t size)
{
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char head[8];
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, size, _("cannot open the logo \"%s\": %s"), path, strerror(errno));
        return false;
    }
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n != sizeof head || memcmp(head, sig, sizeof sig) != 0) {
        snprintf(why, size, _("the logo \"%s\" is not a PNG file"), path);
        return false;
    }
    /* Decoded once here, where a broken file is an error: libharu's PNG
     * reader lets libpng abort the process on one (a truncated file, a
     * bad checksum).  Its size is checked first, so that a small file
     * declaring a huge image is refused before it is unpacked. */
    unsigned char ihdr[24];
    f = fopen(path, "rb");
    n = f ? fread(ihdr, 1, sizeof ihdr, f) : 0;
    if (f)
        fclose(f);
    unsigned long w = n == sizeof ihdr ? (unsigned long)ihdr[16] << 24 | ihdr[17] << 16 |
                                             ihdr[18] << 8 | ihdr[19]
                                       : 0;
    unsigned long h = n == sizeof ihdr ? (unsigned long)ihdr[20] << 24 | ihdr[21] << 16 |
                                             ihdr[22] << 8 | ihdr[23]
                                       : 0;
    if (w > LOGO_SIDE_MAX || h > LOGO_SIDE_MAX) {
        snprintf(why, size, _("the logo \"%s\" is %lu by %lu pixels; at most %d by %d"), path, w,
                 h, LOGO_SIDE_MAX, LOGO_SIDE_MAX);
        return false;
    }
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    cairo_status_t st = cairo_surface_status(img);
    cairo_surface_destroy(img);
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(why, size, _("the logo \"%s\" is a broken PNG file (%s)"), path,
                 cairo_status_to_string(st));
        return false;
    }
    return true;
}

static bool set_text(char **slot, const char *value)
{
    free(*slot);
    *slot = strdup(value);
    return *slot != NULL;
}

assess_status brand_load(report_brand *b, const char *path, assess_diags *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), _("cannot open: %s"),
                         strerror(errno));
        return ASSESS_ERR_IO;
    }
    report_brand nb;
    brand_init(&nb);
    size_t errors = d->errors;
    bool nomem = false;
    char line[LINE_MAX_BYTES];
    long lineno = 0;
    bool long_line = false;
    while (fgets(line, sizeof line, f)) {
        bool whole = strchr(line, '\n') || feof(f);
        if (long_line) { /* the rest of a line already reported */
            long_line = !whole;
            continue;
        }
        lineno++;
        if (!whole) {
            assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, lineno),
                             _("the line is longer than %d bytes"), LINE_MAX_BYTES - 2);
            long_line = true;
            continue;
        }
        if (!assess_utf8_valid(line, strlen(line))) {
            assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, lineno),
                             _("the text is not valid UTF-8 (save the file as UTF-8)"));
            continue;
        }
        char *s = trim(line);
        if (lineno == 1 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
            (unsigned char)s[2] == 0xBF)
            s = trim(s + 3);
        if (!s[0] || s[0] == '#')
            continue;
        char *eq = strchr(s, '=');
        if (!eq) {
            assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, lineno),
                             _("expected KEY = VALUE, found \"%.60s\""), s);
            continue;
        }
        *eq = '\0';
        char *key = trim(s), *value = trim(eq + 1);
        assess_loc loc = assess_loc_line(path, lineno);
        if (!strcasecmp(key, "organization") || !strcasecmp(key, "organisation")) {
            nomem |= !set_text(&nb.organization, value);
        } else if (!strcasecmp(key, "contact")) {
            nomem |= !set_text(&nb.contact, value);
        } else if (!strcasecmp(key, "alternate_formats")) {
            nomem |= !set_text(&nb.alternate_formats, value);
        } else if (!strcasecmp(key, "primary") || !strcasecmp(key, "accent")) {
            bool primary = !strcasecmp(key, "primary");
            doc_rgb *slot = primary ? &nb.look.primary : &nb.look.accent;
            char why[400];
            if (!brand_colour_parse(value, slot))
                assess_diags_add(d, ASSESS_ERROR, loc,
                                 _("%s: \"%s\" is not a colour like #1B4F72"), key, value);
            /* the primary colour is drawn as text (headings, links), the
             * accent only as marks */
            else if (theme_explain((canvas_rgb){slot->r, slot->g, slot->b}, primary, why,
                                   sizeof why))
                assess_diags_add(d, ASSESS_WARNING, loc, "%s: %s", key, why);
        } else if (!strcasecmp(key, "logo")) {
            char why[512];
            free(nb.logo);
            nb.logo = logo_path(path, value);
            if (!nb.logo)
                nomem = true;
            else if (!is_png(nb.logo, why, sizeof why))
                assess_diags_add(d, ASSESS_ERROR, loc, "%s", why);
        } else {
            assess_diags_add(d, ASSESS_ERROR, loc,
                             _("unknown key \"%s\" (use organization, contact, "
                             "alternate_formats, primary, accent or logo)"),
                             key);
        }
    }
    bool read_error = ferror(f) != 0;
    fclose(f);
    if (nomem || read_error || d->errors > errors) {
        brand_cleanup(&nb);
        if (read_error)
            assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), _("cannot read the file"));
        return nomem ? ASSESS_ERR_NOMEM : read_error ? ASSESS_ERR_IO : ASSESS_ERR_INVALID;
    }
    brand_cleanup(b);
    *b = nb;
    b->look.organization = b->organization;
    b->look.contact = b->contact;
    b->look.logo_png = b->logo;
    b->look.alternate_formats = b->alternate_formats;
    return ASSESS_OK;
}
