/*
 * utf8.c — UTF-8 and Unicode for the engine, on GNU libunistring
 * (utf8.h).  Only what libunistring does not offer directly lives here:
 * which characters count as spaces when trimming, and the fold that
 * makes "Don’t know", "don't KNOW" and "Dón't know" one answer.
 */
#include "utf8.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>
#include <uniwidth.h>

/* Whether eight bytes at p are ASCII without a NUL. */
static bool plain8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    return ((w | ((w - ones) & ~w)) & high) == 0;
}

/* Well-formed UTF-8 as RFC 3629 has it (u8_check's rule: no overlong
 * form, no surrogate, nothing above U+10FFFF), in one pass that takes
 * runs of ASCII eight bytes at a time: every field of every file read
 * goes through it, and most of their text is ASCII. */
bool assess_utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        if (end - p >= 8 && plain8(p)) {
            p += 8;
            continue;
        }
        unsigned c = *p;
        if (c < 0x80) {
            p++;
            continue;
        }
        size_t more;
        unsigned lo = 0x80, hi = 0xBF; /* the range of the byte after c */
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            lo = c == 0xE0 ? 0xA0 : 0x80; /* not overlong */
            hi = c == 0xED ? 0x9F : 0xBF; /* not a surrogate */
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            lo = c == 0xF0 ? 0x90 : 0x80; /* not overlong */
            hi = c == 0xF4 ? 0x8F : 0xBF; /* not above U+10FFFF */
        } else {
            return false;
        }
        if ((size_t)(end - p) <= more || p[1] < lo || p[1] > hi)
            return false;
        for (size_t k = 2; k <= more; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return false;
        }
        p += more + 1;
    }
    return true;
}

size_t assess_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    ucs4_t uc;
    int n = u8_mbtouc(&uc, (const uint8_t *)s, len);
    *cp = uc;
    /* u8_mbtouc passes over a whole malformed sequence (a cut-off
     * character, a surrogate) at once; as utf8.h promises, each bad byte
     * gives its own U+FFFD instead, as the renderers have always shown it */
    if (n <= 0 || (uc == 0xFFFD && u8_check((const uint8_t *)s, (size_t)n) != NULL))
        return 1;
    return (size_t)n;
}

size_t assess_utf8_encode(uint32_t cp, char out[4])
{
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    int n = u8_uctomb((uint8_t *)out, cp, 4);
    return n > 0 ? (size_t)n : 0;
}

size_t assess_utf8_width(const char *s, size_t len)
{
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        unsigned char b = (unsigned char)s[i];
        if (b >= 0x20 && b < 0x7F) { /* printable ASCII, the usual case: one column */
            w++;
            i++;
            continue;
        }
        uint32_t cp;
        i += assess_utf8_decode(s + i, len - i, &cp);
        /* "UTF-8" as the encoding: East Asian ambiguous characters are
         * narrow, as on a terminal outside a CJK locale */
        int cw = uc_width(cp, "UTF-8");
        w += cw > 0 ? (size_t)cw : 0;
    }
    return w;
}

size_t assess_utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    size_t n = max;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

bool assess_utf8_is_space(uint32_t cp)
{
    if (cp < 0x80) /* most text, asked without a table look-up */
        return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return cp == 0x85 || uc_is_property_white_space(cp) || cp == 0x200B || cp == 0x2060 ||
           cp == 0xFEFF;
}

/* An ASCII byte that is no space: a text that starts and ends with one
 * (nearly every field of a file) has nothing to trim. */
static bool ascii_solid(unsigned char c)
{
    return c < 0x80 && c != ' ' && (c < '\t' || c > '\r');
}

void assess_utf8_trim(const char *s, size_t len, const char **start, size_t *n)
{
    if (len == 0 || (ascii_solid((unsigned char)s[0]) && ascii_solid((unsigned char)s[len - 1]))) {
        *start = s;
        *n = len;
        return;
    }
    size_t b = 0, e = len;
    while (b < e) {
        uint32_t cp;
        size_t k = assess_utf8_decode(s + b, e - b, &cp);
        if (!assess_utf8_is_space(cp))
            break;
        b += k;
    }
    while (e > b) {
        /* step back to the start of the last character */
        size_t k = e - 1;
        while (k > b && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        uint32_t cp;
        assess_utf8_decode(s + k, e - k, &cp);
        if (!assess_utf8_is_space(cp))
            break;
        e = k;
    }
    *start = s + b;
    *n = e - b;
}

/* A libunistring result (not terminated) as a NUL-terminated string. */
static char *terminate(uint8_t *u, size_t n, size_t *outlen)
{
    char *c = realloc(u, n + 1);
    if (!c) {
        free(u);
        return NULL;
    }
    c[n] = '\0';
    if (outlen)
        *outlen = n;
    return c;
}

static char *copy(const char *s, size_t len, size_t *outlen)
{
    char *c = malloc(len + 1);
    if (!c)
        return NULL;
    memcpy(c, s, len);
    c[len] = '\0';
    if (outlen)
        *outlen = len;
    return c;
}

static bool ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] >= 0x80)
            return false;
    }
    return true;
}

char *assess_utf8_nfc(const char *s, size_t len, size_t *outlen)
{
    /* ASCII is in every normal form: the common case costs a copy */
    if (len == 0 || ascii(s, len))
        return copy(s, len, outlen);
    size_t n = 0;
    uint8_t *u = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
    if (!u)
        /* invalid UTF-8 has no normal form: it stays as it is */
        return errno == ENOMEM ? NULL : copy(s, len, outlen);
    return terminate(u, n, outlen);
}

/* The straight character a quote or dash stands for, or 0. */
static char straight(uint32_t cp)
{
    switch (cp) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: /* ‘ ’ ‚ ‛ */
    case 0x2032: case 0x02BC: case 0x00B4: case 0x0060: /* ′ ʼ ´ ` */
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: /* “ ” „ ‟ */
    case 0x2033: case 0x00AB: case 0x00BB:              /* ″ « » */
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: /* ‐ ‑ ‒ – */
    case 0x2014: case 0x2015: case 0x2212:              /* — ― − */
        return '-';
    default:
        return 0;
    }
}

/* What folding leaves of u[0..n) once case and accents are done: spaces
 * and punctuation as `how` asks, marks dropped and NFC again for
 * ASSESS_FOLD_ACCENTS.  Takes u (malloc'd). */
static char *fold_finish(uint8_t *u, size_t n, int how, size_t *outlen)
{
    /* Every replacement is no longer than what it replaces: in place. */
    size_t w = 0;
    bool space = false;
    for (size_t i = 0; i < n;) {
        uint8_t c = u[i];
        if (c < 0x80 && c != ' ' && (c < '\t' || c > '\r')) {
            /* ASCII but a space, the usual case: no mark, no decoding */
            if (space)
                u[w++] = ' ';
            space = false;
            u[w++] = (how & ASSESS_FOLD_PUNCT) && c == '`' ? '\'' : c;
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = assess_utf8_decode((const char *)u + i, n - i, &cp);
        char st = how & ASSESS_FOLD_PUNCT ? straight(cp) : 0;
        if ((how & ASSESS_FOLD_SPACE) && assess_utf8_is_space(cp)) {
            space = w > 0;
        } else if ((how & ASSESS_FOLD_ACCENTS) && uc_is_general_category(cp, UC_CATEGORY_M)) {
            /* a combining mark: dropped */
        } else {
            if (space)
                u[w++] = ' ';
            space = false;
            if (st) {
                u[w++] = (uint8_t)st;
            } else {
                memmove(u + w, u + i, k);
                w += k;
            }
        }
        i += k;
    }
    if (!(how & ASSESS_FOLD_ACCENTS))
        return terminate(u, w, outlen);
    size_t m = 0;
    uint8_t *c = w ? u8_normalize(UNINORM_NFC, u, w, NULL, &m) : NULL;
    if (w && !c) {
        free(u);
        return NULL;
    }
    free(u);
    return c ? terminate(c, m, outlen) : copy("", 0, outlen);
}

char *assess_utf8_fold_unicode(const char *s, size_t len, int how, size_t *outlen)
{
    uninorm_t form = how & ASSESS_FOLD_ACCENTS ? UNINORM_NFD : UNINORM_NFC;
    size_t n = 0;
    uint8_t *u;
    if (len == 0)
        return copy(s, 0, outlen);
    if (how & ASSESS_FOLD_CASE)
        u = u8_casefold((const uint8_t *)s, len, NULL, form, NULL, &n);
    else
        u = u8_normalize(form, (const uint8_t *)s, len, NULL, &n);
    if (!u)
        return errno == ENOMEM ? NULL : copy(s, len, outlen);
    return fold_finish(u, n, how, outlen);
}

/* The base letter of U+00C0 + i once its accent is taken off (NFD without
 * the combining mark), or 0 when it has none: Æ Ð × Ø Þ ß æ ð ÷ ø þ. */
static const char latin1_base[64] = "AAAAAA\0CEEEEIIII\0NOOOOO\0\0UUUUY\0\0"
                                    "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";

/* The fold of a text of ASCII and Latin-1 letters (Spanish, French,
 * German, Portuguese: U+0000 to U+00FF), which have no combining marks
 * and no context in their case folding, a character at a time into *out
 * (at most len bytes): 1, or 0 when s holds anything else (left to
 * libunistring), -1 when memory ran out. */
static int fold_latin1(const char *s, size_t len, int how, uint8_t **out, size_t *n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len; i++) {
        if (p[i] >= 0x80) {
            if ((p[i] != 0xC2 && p[i] != 0xC3) || i + 1 == len || (p[i + 1] & 0xC0) != 0x80)
                return 0;
            i++;
        }
    }
    uint8_t *u = malloc(len + 1);
    if (!u)
        return -1;
    size_t w = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = p[i];
        if (c < 0x80) {
            u[w++] = (uint8_t)((how & ASSESS_FOLD_CASE) && c >= 'A' && c <= 'Z' ? c + 32 : c);
            continue;
        }
        c = ((c & 0x1F) << 6) | (p[++i] & 0x3F);
        if (how & ASSESS_FOLD_CASE) {
            if (c == 0xDF) { /* ß: "ss" */
                u[w++] = 's';
                u[w++] = 's';
                continue;
            }
            if (c == 0xB5) { /* µ: Greek μ, U+03BC */
                u[w++] = 0xCE;
                u[w++] = 0xBC;
                continue;
            }
            if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
                c += 0x20;
        }
        if ((how & ASSESS_FOLD_ACCENTS) && c >= 0xC0 && latin1_base[c - 0xC0]) {
            u[w++] = (uint8_t)latin1_base[c - 0xC0];
            continue;
        }
        u[w++] = (uint8_t)(0xC0 | (c >> 6));
        u[w++] = (uint8_t)(0x80 | (c & 0x3F));
    }
    *out = u;
    *n = w;
    return 1;
}

char *assess_utf8_fold(const char *s, size_t len, int how, size_t *outlen)
{
    uint8_t *u;
    size_t n;
    if (len == 0)
        return copy(s, 0, outlen);
    int latin1 = fold_latin1(s, len, how, &u, &n);
    if (latin1 < 0)
        return NULL;
    if (latin1 == 0)
        return assess_utf8_fold_unicode(s, len, how, outlen);
    /* no combining mark is left and none was taken off a letter that
     * could recompose: the text is in NFC already */
    return fold_finish(u, n, how & ~ASSESS_FOLD_ACCENTS, outlen);
}

size_t assess_utf8_letters(const char *s, size_t len)
{
    size_t count = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        i += assess_utf8_decode(s + i, len - i, &cp);
        count += uc_is_general_category(cp, UC_CATEGORY_L);
    }
    return count;
}
