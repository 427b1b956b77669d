/*
 * xlsx_text.c — texts, names and links as Excel takes them, for the XLSX
 * renderer: UTF-8 mended and cut to length, sheet and table names made
 * valid and unique, hyperlinks checked, colours, and how many lines a
 * wrapped text takes.
 */
#include "xlsx_render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define XLSX_URL_MAX 2079 /* Excel's longest hyperlink */

/* ## Texts */

/* The length of the UTF-8 character at p (up to end), or 0 when it is
 * not a valid one or is U+FFFE or U+FFFF, which XML forbids. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
    if (*p < 0x80) /* ASCII, most of every text: asking the engine is slow */
        return 1;
    uint32_t cp;
    size_t n = assess_utf8_decode((const char *)p, (size_t)(end - p), &cp);
    if (!assess_utf8_valid((const char *)p, n) || cp == 0xFFFE || cp == 0xFFFF)
        return 0;
    return n;
}

static bool reserve(xlsx_render_ctx *x, size_t need)
{
    if (need <= x->cap)
        return true;
    size_t cap = x->cap ? x->cap : 256;
    while (cap < need)
        cap *= 2;
    char *b = realloc(x->buf, cap);
    if (!b) {
        xlsx_render_nomem(x);
        return false;
    }
    x->buf = b;
    x->cap = cap;
    return true;
}

const char *xlsx_render_text(xlsx_render_ctx *x, const char *s, size_t max, bool names)
{
    if (!s)
        return NULL;
    const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
    size_t chars = 0;
    bool fine = true;
    for (const unsigned char *q = p; q < end && fine; chars++) {
        size_t n = utf8_len(q, end);
        fine = n > 0 && chars < max && !(names && *q < 0x20);
        q += n ? n : 1;
    }
    if (fine)
        return s;
    /* every input byte gives at most 3 output bytes (U+FFFD) */
    if (!reserve(x, 3 * (size_t)(end - p) + 4))
        return NULL;
    char *o = x->buf;
    chars = 0;
    for (const unsigned char *q = p; q < end && chars < max; chars++) {
        size_t n = utf8_len(q, end);
        if (n == 0) {
            memcpy(o, "\xEF\xBF\xBD", 3);
            o += 3;
            q++;
        } else if (names && *q < 0x20) {
            *o++ = ' ';
            q++;
        } else {
            memcpy(o, q, n);
            o += n;
            q += n;
        }
    }
    *o = '\0';
    return x->buf;
}

/* ## Colours */

static double clamp01(double v)
{
    return v < 0 || v != v ? 0 : v > 1 ? 1 : v;
}

lxw_color_t xlsx_render_colour(doc_rgb c)
{
    unsigned r = (unsigned)lround(clamp01(c.r) * 255), g = (unsigned)lround(clamp01(c.g) * 255),
             b = (unsigned)lround(clamp01(c.b) * 255);
    return (lxw_color_t)(r << 16 | g << 8 | b);
}

lxw_color_t xlsx_render_tint(doc_rgb c, double t)
{
    return xlsx_render_colour((doc_rgb){clamp01(c.r) + (1 - clamp01(c.r)) * t,
                                        clamp01(c.g) + (1 - clamp01(c.g)) * t,
                                        clamp01(c.b) + (1 - clamp01(c.b)) * t});
}

/* ## Names */

int xlsx_render_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = (unsigned char)*a, cb = (unsigned char)*b;
        if (ca >= 'A' && ca <= 'Z')
            ca += 'a' - 'A';
        if (cb >= 'A' && cb <= 'Z')
            cb += 'a' - 'A';
        if (ca != cb || !ca)
            return ca - cb;
    }
}

static bool name_taken(char (*list)[XLSX_NAME_MAX], size_t n, const char *name)
{
    for (size_t k = 0; k < n; k++)
        if (!xlsx_render_casecmp(list[k], name))
            return true;
    return false;
}

/* Copies at most `chars` characters (UTF-16 units, as Excel counts) of a
 * valid UTF-8 string. */
static void copy_chars(char *out, size_t size, const char *s, size_t chars)
{
    size_t n = 0, units = 0, end = strlen(s);
    while (n < end) {
        uint32_t cp;
        size_t len = assess_utf8_decode(s + n, end - n, &cp);
        size_t u = cp > 0xFFFF ? 2 : 1; /* beyond the BMP: a surrogate pair */
        if (units + u > chars || n + len >= size)
            break;
        units += u;
        n += len;
    }
    memcpy(out, s, n);
    out[n] = '\0';
}

/* A worksheet name Excel accepts, unique in the workbook. */
void xlsx_render_sheet_name(xlsx_render_ctx *x, const char *want, char *out)
{
    char base[XLSX_NAME_MAX];
    const char *s = xlsx_render_text(x, want, 64, true);
    if (!s || !s[0])
        snprintf(base, sizeof base, "Sheet%zu", x->nnames + 1);
    else
        copy_chars(base, sizeof base, s, 31);
    for (char *p = base; *p; p++)
        if (strchr("[]:*?/\\", *p))
            *p = '_';
    size_t len = strlen(base);
    if (base[0] == '\'')
        base[0] = '_';
    if (len && base[len - 1] == '\'')
        base[len - 1] = '_';
    if (!xlsx_render_casecmp(base, "History"))
        strcpy(base, "History_");
    snprintf(out, XLSX_NAME_MAX, "%s", base);
    for (int k = 2; name_taken(x->names, x->nnames, out); k++) {
        char suffix[16];
        int n = snprintf(suffix, sizeof suffix, " (%d)", k);
        copy_chars(out, XLSX_NAME_MAX, base, 31 - (size_t)n);
        strcat(out, suffix);
    }
}

static bool table_taken(const xlsx_render_ctx *x, const char *name)
{
    for (size_t k = 0; k < x->ntables; k++)
        if (!xlsx_render_casecmp(x->tables[k], name))
            return true;
    return false;
}

/* A table name from a sheet name: letters, digits, "_" and "."; not
 * starting with a digit or looking like a cell ("AB12", "R1C1"); unique. */
const char *xlsx_render_table_name(xlsx_render_ctx *x, const char *sheet)
{
    char base[XLSX_NAME_MAX];
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)sheet, *end = p + strlen(sheet);
    while (p < end && n + 4 < sizeof base) {
        size_t len = utf8_len(p, end);
        if (len == 0)
            len = 1;
        if (len > 1) {
            /* Latin letters with accents are kept (é, ß, ł); other
             * characters, which Excel may not take in a name, are not */
            uint32_t cp;
            assess_utf8_decode((const char *)p, len, &cp);
            bool letter = cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7;
            if (letter) {
                memcpy(base + n, p, len);
                n += len;
            } else {
                base[n++] = '_';
            }
        } else {
            bool keep = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                        (*p >= '0' && *p <= '9') || *p == '_' || *p == '.';
            base[n++] = keep ? (char)*p : '_';
        }
        p += len;
    }
    base[n] = '\0';
    size_t letters = strspn(base, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    bool cell_like = letters >= 1 && letters <= 3 && base[letters] &&
                     strspn(base + letters, "0123456789") == strlen(base + letters);
    bool rc_like = (base[0] == 'R' || base[0] == 'r' || base[0] == 'C' || base[0] == 'c') &&
                   strspn(base + 1, "0123456789RrCc") == strlen(base + 1);
    bool bad_start = !((base[0] >= 'A' && base[0] <= 'Z') || (base[0] >= 'a' && base[0] <= 'z') ||
                       base[0] == '_' || (unsigned char)base[0] >= 0x80);
    char *out = x->tables[x->ntables];
    snprintf(out, XLSX_TABLE_MAX, "%s%s", cell_like || rc_like || bad_start ? "T_" : "", base);
    char first[XLSX_TABLE_MAX];
    snprintf(first, sizeof first, "%s", out);
    for (int k = 2; table_taken(x, out); k++)
        snprintf(out, XLSX_TABLE_MAX, "%.120s_%d", first, k);
    return x->tables[x->ntables++];
}

/* ## Links */

static bool starts_with_nocase(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++) {
        int c = (unsigned char)*s;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c != *prefix)
            return false;
    }
    return true;
}

/* True for a plain web, ftp or mail address that Excel takes as a link:
 * no spaces or control characters, none of libxlsxwriter's special
 * "internal:" and "external:" forms, and at most 2079 characters once
 * escaped. */
bool xlsx_render_link_ok(const char *u)
{
    if (!u || !(starts_with_nocase(u, "http://") || starts_with_nocase(u, "https://") ||
                starts_with_nocase(u, "ftp://") || starts_with_nocase(u, "mailto:")))
        return false;
    if (strstr(u, "internal:") || strstr(u, "external:"))
        return false;
    const unsigned char *p = (const unsigned char *)u, *end = p + strlen(u);
    size_t n = 0;
    while (p < end) {
        size_t len = utf8_len(p, end);
        if (len == 0 || *p <= 0x20 || *p == 0x7F)
            return false;
        n += strchr("\"<>[]`^{}%", *p) ? 3 : 1;
        p += len;
    }
    return n <= XLSX_URL_MAX && u[strlen(u) - 1] != '#';
}

/* ## Wrapping */

double xlsx_render_wrapped_lines(const char *t, double width, double narrow)
{
    double cap = width * narrow - 1, col = 0, lines = 1;
    if (cap < 4)
        cap = 4;
    for (const char *p = t; *p;) {
        if (*p == '\n') {
            lines++;
            col = 0;
            p++;
            continue;
        }
        if (*p == ' ') {
            p++;
            continue;
        }
        /* the word; printable ASCII is one column a byte */
        size_t n = 0;
        bool ascii = true;
        for (; p[n] && p[n] != ' ' && p[n] != '\n'; n++)
            ascii = ascii && p[n] >= 0x20 && p[n] < 0x7F;
        /* else wide East Asian characters are 2 */
        double w = (double)(ascii ? n : assess_utf8_width(p, n));
        if (col > 0 && col + 1 + w > cap) {
            lines++;
            col = 0;
        }
        col += (col > 0) + w;
        while (col > cap) { /* a word longer than the line breaks anywhere */
            lines++;
            col -= cap;
        }
        p += n;
    }
    return lines;
}
