/*
 * diag.c — status strings, the diagnostics list and the small name tables
 * of the public header.  Formatting a diagnostic lives here so that every
 * message the command prints has one shape (docs/cli.md).
 */
#include "assess.h"
#include "intl.h"
#include "read.h"

#include <ctype.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_strings[] = {
    [ASSESS_OK] = N_("no error"),
    [ASSESS_ERR_INVALID] = N_("the input is invalid"),
    [ASSESS_ERR_IO] = N_("input/output error"),
    [ASSESS_ERR_NOMEM] = N_("out of memory"),
    [ASSESS_ERR_LIMIT] = N_("a limit was reached"),
    [ASSESS_ERR_USAGE] = N_("usage error"),
};
_Static_assert(sizeof status_strings / sizeof *status_strings == ASSESS_STATUS_COUNT,
               "one string per status");

const char *assess_status_string(assess_status status)
{
    if ((unsigned)status >= ASSESS_STATUS_COUNT)
        return _("unknown status");
    return _(status_strings[status]);
}

void assess_diags_init(assess_diags *d)
{
    memset(d, 0, sizeof *d);
}

void assess_diags_cleanup(assess_diags *d)
{
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].sheet);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

assess_status assess_diags_addv(assess_diags *d, assess_severity sev, assess_loc loc,
                                const char *fmt, va_list ap)
{
    assess_status result = sev == ASSESS_ERROR ? ASSESS_ERR_INVALID : ASSESS_OK;
    if (sev == ASSESS_ERROR)
        d->errors++;
    size_t max = d->max ? d->max : 1000;
    if (d->count >= max) {
        d->dropped++;
        return result;
    }
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        assess_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items) {
            d->dropped++;
            return result;
        }
        d->items = items;
        d->cap = cap;
    }
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!msg) {
        d->dropped++;
        return result;
    }
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    assess_diag *g = &d->items[d->count++];
    g->severity = sev;
    g->file = dup_or_null(loc.file);
    g->line = loc.line;
    g->sheet = dup_or_null(loc.sheet);
    g->column = loc.column;
    g->message = msg;
    return result;
}

assess_status assess_diags_add(assess_diags *d, assess_severity sev, assess_loc loc,
                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    assess_status st = assess_diags_addv(d, sev, loc, fmt, ap);
    va_end(ap);
    return st;
}

/* Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
static void column_letters(int col, char out[8])
{
    char tmp[8];
    int n = 0;
    col++;
    while (col > 0 && n < 7) {
        int rem = (col - 1) % 26;
        tmp[n++] = (char)('A' + rem);
        col = (col - 1) / 26;
    }
    for (int i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

int assess_diag_format(const assess_diag *g, char *buf, size_t size)
{
    /* TRANSLATORS: the severities in "FILE:LINE: error: MESSAGE" */
    const char *sev = g->severity == ASSESS_ERROR ? _("error") : _("warning");
    const char *file = g->file ? g->file : "assess";
    if (g->sheet) {
        char col[8] = "";
        if (g->column >= 0)
            column_letters(g->column, col);
        if (g->line > 0)
            return snprintf(buf, size, "%s[%s!%s%ld]: %s: %s", file, g->sheet, col, g->line,
                            sev, g->message);
        return snprintf(buf, size, "%s[%s]: %s: %s", file, g->sheet, sev, g->message);
    }
    if (g->line > 0)
        return snprintf(buf, size, "%s:%ld: %s: %s", file, g->line, sev, g->message);
    return snprintf(buf, size, "%s: %s: %s", file, sev, g->message);
}

assess_loc assess_loc_file(const char *file)
{
    return (assess_loc){.file = file, .line = 0, .sheet = NULL, .column = -1};
}

assess_loc assess_loc_line(const char *file, long line)
{
    return (assess_loc){.file = file, .line = line, .sheet = NULL, .column = -1};
}

assess_loc assess_row_loc(const assess_row *row, size_t col)
{
    return (assess_loc){.file = row->file,
                        .line = row->line,
                        .sheet = row->sheet,
                        .column = row->sheet ? (int)col : -1};
}

/* The length of a code's language part: "es" of "es-MX", "es_US.UTF-8". */
static size_t language_part(const char *code)
{
    return strcspn(code, "-_.@");
}

/* Whether two codes name the same language, by their language parts
 * compared without case. */
static bool same_language(const char *a, const char *b)
{
    size_t n = language_part(a);
    if (n != language_part(b))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
            return false;
    }
    return true;
}

const char *assess_text_get(const assess_text *text, const char *lang)
{
    if (!lang)
        return text->text;
    for (size_t i = 0; i < text->ntranslations; i++) {
        const assess_translation *t = &text->translations[i];
        if (strcmp(t->lang, lang) == 0 && t->text[0])
            return t->text;
    }
    /* es-MX, es_US: the language's own texts (es) */
    for (size_t i = 0; i < text->ntranslations; i++) {
        const assess_translation *t = &text->translations[i];
        if (same_language(t->lang, lang) && t->text[0])
            return t->text;
    }
    return text->text;
}

const char *assess_horizon_name(assess_horizon h)
{
    static const char *const names[] = {"", "short", "medium", "long"};
    return (unsigned)h < 4 ? names[h] : "";
}

const char *assess_effort_name(assess_effort e)
{
    static const char *const names[] = {"", "low", "medium", "high"};
    return (unsigned)e < 4 ? names[e] : "";
}

const char *assess_item_status_name(assess_item_status s)
{
    static const char *const names[] = {"missing", "scored", "na", "unknown"};
    return (unsigned)s < 4 ? names[s] : "missing";
}

/* Half away from zero on the decimal the double stands for.  Scores are
 * sums of small decimals, so a true tie like 12.35 may arrive as
 * 12.3499999999; a relative tolerance far above double noise and far
 * below any real difference (1e-9) treats it as the tie it is. */
double assess_round1(double x)
{
    double t = fabs(x) * 10.0;
    /* a score's tenths fit a 64-bit integer, whose conversion truncates
     * exactly as floor does for t ≥ 0 and costs no call to libm */
    double f = t < 4e15 ? (double)(int64_t)t : floor(t);
    double frac = t - f;
    double tol = 1e-9 * (t > 1.0 ? t : 1.0);
    if (frac >= 0.5 - tol)
        f += 1.0;
    double r = f / 10.0;
    return x < 0 ? -r : r;
}
