/*
 * l10n.c — the program's words in a language given by code (l10n.h): a
 * reader of GNU MO catalogues, the catalogues' plural rule, and dates.
 *
 * The MO format (GNU gettext manual, "The Format of GNU MO Files"): a
 * header of 32-bit words in the writer's byte order — magic 0x950412de,
 * revision, N, the offsets of the tables of originals and translations —
 * then two tables of N (length, offset) pairs.  Strings end with NUL; a
 * plural entry holds its forms one after another, NUL between; a
 * context is "CONTEXT\004MSGID".  The entry for "" is the catalogue's
 * header, with its charset and Plural-Forms.
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "l10n.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef ASSESS_LOCALEDIR
#define ASSESS_LOCALEDIR "/usr/local/share/locale"
#endif

#define DOMAIN        "assess"
#define CATALOGUE_MAX (4u << 20) /* far above the program's words (about 60 KB) */
#define LANGS_MAX     16         /* languages asked for in one process */
#define CODE_MAX      16         /* "ll_TT" and a little more */

typedef struct {
    const char *orig; /* a plural entry's singular, then NUL and its plural */
    const char *trans;
    size_t len; /* bytes of every form of trans, with the NULs between */
} entry;

typedef struct {
    char *data; /* the whole file */
    size_t size;
    uint32_t n;
    entry *e;           /* sorted by orig, for bsearch */
    const char *plural; /* the Plural-Forms expression, or NULL: n != 1 */
    unsigned nplurals;
} catalogue;

typedef struct {
    char code[CODE_MAX]; /* the code looked for, "es_MX" or "es" */
    catalogue *cat;      /* NULL: no (valid) catalogue for it */
} cached;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char *dir_set;
static cached cache[LANGS_MAX];
static size_t ncached;

/* ## Reading a catalogue */

static uint32_t word(const unsigned char *p, bool swap)
{
    return swap ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
                : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const entry *)a)->orig, ((const entry *)b)->orig);
}

static void catalogue_free(catalogue *c)
{
    if (!c)
        return;
    free(c->e);
    free(c->data);
    free(c);
}

/* Reads one string table: n (length, offset) pairs at off, each string
 * inside the file and followed by its NUL. */
static bool read_table(catalogue *c, bool swap, uint32_t off, bool translations)
{
    const unsigned char *d = (const unsigned char *)c->data;
    if (off > c->size || (c->size - off) / 8 < c->n)
        return false;
    for (uint32_t k = 0; k < c->n; k++) {
        uint32_t l = word(d + off + 8 * k, swap), o = word(d + off + 8 * k + 4, swap);
        if (o > c->size || l >= c->size - o || c->data[o + l] != '\0')
            return false;
        if (translations) {
            c->e[k].trans = c->data + o;
            c->e[k].len = l;
        } else {
            c->e[k].orig = c->data + o;
        }
    }
    return true;
}

/* A header field's value ("Plural-Forms: nplurals=2; plural=(n != 1);"). */
static const char *header_field(const char *header, const char *name)
{
    size_t len = strlen(name);
    for (const char *line = header; *line;) {
        if (strncmp(line, name, len) == 0)
            return line + len;
        const char *nl = strchr(line, '\n');
        if (!nl)
            break;
        line = nl + 1;
    }
    return NULL;
}

/* The translation of key, or NULL. */
static const entry *lookup(const catalogue *c, const char *key)
{
    entry want = {.orig = key};
    const entry *e = c->n ? bsearch(&want, c->e, c->n, sizeof *c->e, entry_cmp) : NULL;
    /* an empty translation is an untranslated entry (msgfmt keeps none) */
    return e && e->trans[0] ? e : NULL;
}

static void read_header(catalogue *c)
{
    const entry *h = lookup(c, "");
    const char *forms = h ? header_field(h->trans, "Plural-Forms:") : NULL;
    const char *np = forms ? strstr(forms, "nplurals=") : NULL;
    const char *pl = np ? strstr(np + 9, "plural=") : NULL;
    if (np && pl) {
        c->nplurals = (unsigned)strtoul(np + 9, NULL, 10);
        c->plural = pl + 7;
    }
}

/* Whether the header says the catalogue is UTF-8, as every report is. */
static bool is_utf8(const catalogue *c)
{
    const entry *h = lookup(c, "");
    const char *type = h ? header_field(h->trans, "Content-Type:") : NULL;
    const char *cs = type ? strstr(type, "charset=") : NULL;
    return cs && (strncmp(cs + 8, "UTF-8", 5) == 0 || strncmp(cs + 8, "utf-8", 5) == 0);
}

/* The catalogue at path; NULL when there is none or it is not a valid
 * UTF-8 MO file (the words are then the source's). */
static catalogue *catalogue_read(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    catalogue *c = calloc(1, sizeof *c);
    bool ok = c && fseek(f, 0, SEEK_END) == 0;
    long size = ok ? ftell(f) : -1;
    ok = ok && size >= 28 && (unsigned long)size <= CATALOGUE_MAX && fseek(f, 0, SEEK_SET) == 0;
    if (ok) {
        c->size = (size_t)size;
        c->data = malloc(c->size);
        ok = c->data && fread(c->data, 1, c->size, f) == c->size;
    }
    fclose(f);
    const unsigned char *d = ok ? (const unsigned char *)c->data : NULL;
    bool swap = ok && word(d, true) == 0x950412de;
    ok = ok && (swap || word(d, false) == 0x950412de) && word(d + 4, swap) >> 16 <= 1;
    if (ok) {
        c->n = word(d + 8, swap);
        ok = c->n <= c->size / 16 && (c->e = calloc(c->n + 1, sizeof *c->e)) &&
             read_table(c, swap, word(d + 12, swap), false) &&
             read_table(c, swap, word(d + 16, swap), true);
    }
    if (ok) {
        /* msgfmt writes the originals sorted; sorting here keeps the
         * look-up right for any writer */
        qsort(c->e, c->n, sizeof *c->e, entry_cmp);
        ok = is_utf8(c);
    }
    if (!ok) {
        catalogue_free(c);
        return NULL;
    }
    read_header(c);
    return c;
}

/* ## Languages */

/* "es-MX", "es_mx.UTF-8@x" → "es_MX" in code and "es" in base; false when
 * the code is not a language code. */
static bool split_code(const char *lang, char code[CODE_MAX], char base[CODE_MAX])
{
    size_t n = 0;
    while (isalpha((unsigned char)lang[n]) && n < 8)
        n++;
    if (n < 2 || n > 3)
        return false;
    for (size_t k = 0; k < n; k++)
        base[k] = (char)tolower((unsigned char)lang[k]);
    base[n] = '\0';
    memcpy(code, base, n + 1);
    if (lang[n] == '-' || lang[n] == '_') {
        size_t t = 0;
        while (isalnum((unsigned char)lang[n + 1 + t]) && t < 8)
            t++;
        if (t >= 2 && t <= 3) {
            code[n] = '_';
            for (size_t k = 0; k < t; k++)
                code[n + 1 + k] = (char)toupper((unsigned char)lang[n + 1 + k]);
            code[n + 1 + t] = '\0';
        }
    }
    return true;
}

/* The catalogue for one exact code, read at its first use. */
static catalogue *catalogue_for(const char *code)
{
    for (size_t k = 0; k < ncached; k++) {
        if (strcmp(cache[k].code, code) == 0)
            return cache[k].cat;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", dir_set ? dir_set : ASSESS_LOCALEDIR,
             code, DOMAIN);
    catalogue *cat = catalogue_read(path);
    if (ncached < LANGS_MAX) {
        snprintf(cache[ncached].code, sizeof cache[ncached].code, "%s", code);
        cache[ncached++].cat = cat;
    } else {
        catalogue_free(cat); /* more languages than any run asks for: words stay English */
        cat = NULL;
    }
    return cat;
}

static const catalogue *catalogue_of(const char *lang)
{
    char code[CODE_MAX], base[CODE_MAX];
    if (!lang || !split_code(lang, code, base))
        return NULL;
    pthread_mutex_lock(&lock);
    catalogue *cat = strcmp(code, base) ? catalogue_for(code) : NULL;
    if (!cat)
        cat = catalogue_for(base);
    pthread_mutex_unlock(&lock);
    return cat;
}

void l10n_set_dir(const char *dir)
{
    pthread_mutex_lock(&lock);
    free(dir_set);
    dir_set = dir ? strdup(dir) : NULL;
    for (size_t k = 0; k < ncached; k++)
        catalogue_free(cache[k].cat);
    ncached = 0;
    pthread_mutex_unlock(&lock);
}

void l10n_cleanup(void)
{
    l10n_set_dir(NULL);
}

bool l10n_speaks(const char *lang)
{
    char code[CODE_MAX], base[CODE_MAX];
    if (!lang || !lang[0])
        return true;
    return (split_code(lang, code, base) && strcmp(base, "en") == 0) || catalogue_of(lang);
}

/* ## Look-ups */

const char *l10n_get(const char *lang, const char *msgid)
{
    const catalogue *c = catalogue_of(lang);
    const entry *e = c ? lookup(c, msgid) : NULL;
    return e ? e->trans : msgid;
}

const char *l10n_pget(const char *lang, const char *context, const char *msgid)
{
    const catalogue *c = catalogue_of(lang);
    if (!c)
        return msgid;
    char stack[256];
    size_t nc = strlen(context), nm = strlen(msgid);
    char *key = nc + nm + 2 <= sizeof stack ? stack : malloc(nc + nm + 2);
    if (!key)
        return msgid;
    memcpy(key, context, nc);
    key[nc] = '\004';
    memcpy(key + nc + 1, msgid, nm + 1);
    const entry *e = lookup(c, key);
    if (key != stack)
        free(key);
    return e ? e->trans : msgid;
}

/* The plural rule: a C expression in n (GNU gettext manual, "Additional
 * functions for plural forms"), evaluated as it is parsed.  A malformed
 * rule sets bad and the caller uses n != 1. */
typedef struct {
    const char *p;
    unsigned long n;
    bool bad;
} rule;

static unsigned long rule_expr(rule *r);

static void rule_space(rule *r)
{
    while (*r->p == ' ' || *r->p == '\t')
        r->p++;
}

static bool rule_take(rule *r, const char *op)
{
    rule_space(r);
    size_t len = strlen(op);
    if (strncmp(r->p, op, len) != 0)
        return false;
    if (len == 1 && (op[0] == '<' || op[0] == '>' || op[0] == '!') && r->p[1] == '=')
        return false; /* "<" is not the start of "<=" */
    r->p += len;
    return true;
}

static unsigned long rule_primary(rule *r)
{
    rule_space(r);
    if (rule_take(r, "!"))
        return !rule_primary(r);
    if (rule_take(r, "(")) {
        unsigned long v = rule_expr(r);
        if (!rule_take(r, ")"))
            r->bad = true;
        return v;
    }
    if (*r->p == 'n') {
        r->p++;
        return r->n;
    }
    if (isdigit((unsigned char)*r->p)) {
        char *end;
        unsigned long v = strtoul(r->p, &end, 10);
        r->p = end;
        return v;
    }
    r->bad = true;
    return 0;
}

static unsigned long rule_mul(rule *r)
{
    unsigned long v = rule_primary(r);
    for (;;) {
        if (rule_take(r, "*")) {
            v *= rule_primary(r);
        } else if (rule_take(r, "/") || rule_take(r, "%")) {
            bool mod = r->p[-1] == '%';
            unsigned long d = rule_primary(r);
            if (d == 0) {
                r->bad = true;
                return 0;
            }
            v = mod ? v % d : v / d;
        } else {
            return v;
        }
    }
}

static unsigned long rule_add(rule *r)
{
    unsigned long v = rule_mul(r);
    for (;;) {
        if (rule_take(r, "+"))
            v += rule_mul(r);
        else if (rule_take(r, "-"))
            v -= rule_mul(r);
        else
            return v;
    }
}

static unsigned long rule_rel(rule *r)
{
    unsigned long v = rule_add(r);
    for (;;) {
        if (rule_take(r, "<="))
            v = v <= rule_add(r);
        else if (rule_take(r, ">="))
            v = v >= rule_add(r);
        else if (rule_take(r, "<"))
            v = v < rule_add(r);
        else if (rule_take(r, ">"))
            v = v > rule_add(r);
        else
            return v;
    }
}

static unsigned long rule_eq(rule *r)
{
    unsigned long v = rule_rel(r);
    for (;;) {
        if (rule_take(r, "=="))
            v = v == rule_rel(r);
        else if (rule_take(r, "!="))
            v = v != rule_rel(r);
        else
            return v;
    }
}

static unsigned long rule_and(rule *r)
{
    unsigned long v = rule_eq(r);
    while (rule_take(r, "&&")) {
        unsigned long w = rule_eq(r); /* both sides parsed: no side effects to skip */
        v = v && w;
    }
    return v;
}

static unsigned long rule_or(rule *r)
{
    unsigned long v = rule_and(r);
    while (rule_take(r, "||")) {
        unsigned long w = rule_and(r);
        v = v || w;
    }
    return v;
}

static unsigned long rule_expr(rule *r)
{
    unsigned long v = rule_or(r);
    if (rule_take(r, "?")) {
        unsigned long a = rule_expr(r);
        if (!rule_take(r, ":"))
            r->bad = true;
        unsigned long b = rule_expr(r);
        return v ? a : b;
    }
    return v;
}

static unsigned long plural_index(const catalogue *c, unsigned long n)
{
    if (c->plural) {
        rule r = {.p = c->plural, .n = n};
        unsigned long v = rule_expr(&r);
        rule_space(&r);
        if (!r.bad && (*r.p == ';' || *r.p == '\n' || *r.p == '\0') && v < c->nplurals)
            return v;
    }
    return n != 1;
}

const char *l10n_nget(const char *lang, const char *singular, const char *plural, unsigned long n)
{
    const catalogue *c = catalogue_of(lang);
    const entry *e = c ? lookup(c, singular) : NULL;
    if (!e)
        return n == 1 ? singular : plural;
    unsigned long want = plural_index(c, n);
    const char *form = e->trans, *end = e->trans + e->len;
    for (unsigned long k = 0; k < want; k++) {
        form += strlen(form) + 1;
        if (form >= end)
            return n == 1 ? singular : plural; /* fewer forms than the rule names */
    }
    return form;
}

/* ## Dates */

/* Whether a translated date format has the three directives of the
 * English one and nothing else a printf could misread. */
static bool date_format_ok(const char *fmt)
{
    int seen = 0;
    for (const char *p = strchr(fmt, '%'); p; p = strchr(p, '%')) {
        if (p[1] == '%') {
            p += 2;
            continue;
        }
        if (!strncmp(p, "%1$d", 4))
            seen |= 1;
        else if (!strncmp(p, "%2$s", 4))
            seen |= 2;
        else if (!strncmp(p, "%3$d", 4))
            seen |= 4;
        else
            return false;
        p += 4;
    }
    return seen == 7;
}

const char *l10n_date(const char *lang, time_t t, char *buf, size_t size)
{
    static const char *const months[] = {
        L10N_NOOP_CTX("month", "January"),   L10N_NOOP_CTX("month", "February"),
        L10N_NOOP_CTX("month", "March"),     L10N_NOOP_CTX("month", "April"),
        L10N_NOOP_CTX("month", "May"),       L10N_NOOP_CTX("month", "June"),
        L10N_NOOP_CTX("month", "July"),      L10N_NOOP_CTX("month", "August"),
        L10N_NOOP_CTX("month", "September"), L10N_NOOP_CTX("month", "October"),
        L10N_NOOP_CTX("month", "November"),  L10N_NOOP_CTX("month", "December")};
    static const char english[] = "%1$d %2$s %3$d";
    struct tm tm;
    if (!gmtime_r(&t, &tm)) {
        snprintf(buf, size, "%s", "");
        return buf;
    }
    /* TRANSLATORS: a date: %1$d the day, %2$s the month's name, %3$d the
     * year ("1 December 2026"). */
    const char *fmt = l10n_pget(lang, "date", "%1$d %2$s %3$d");
    if (!date_format_ok(fmt))
        fmt = english;
    snprintf(buf, size, fmt, tm.tm_mday, l10n_pget(lang, "month", months[tm.tm_mon]),
             tm.tm_year + 1900);
    return buf;
}
