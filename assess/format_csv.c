/*
 * format_csv.c — `assess score --format csv`: one row per entity, the
 * shape a statewide spreadsheet wants: entity, cycle, the
 * metadata columns, overall, overall_stage, then DIM and DIM_stage for
 * each dimension, scores rounded to one decimal, undefined ones empty.
 * With --benchmark, the percentile ranks follow as MEASURE_rank columns.
 */
#include "format.h"

#include <math.h>
#include <string.h>

/* A row is put together in a buffer and written with one call: a
 * statewide file has a million rows of some twenty fields, and stdio's
 * per-call locking and bookkeeping cost more than the formatting. */
typedef struct {
    FILE *f;
    size_t n;
    char b[4096];
} row_buf;

static void row_put(row_buf *o, const char *s, size_t n)
{
    if (o->n + n > sizeof o->b) {
        fwrite(o->b, 1, o->n, o->f);
        o->n = 0;
        if (n > sizeof o->b) {
            fwrite(s, 1, n, o->f);
            return;
        }
    }
    memcpy(o->b + o->n, s, n);
    o->n += n;
}

static void row_char(row_buf *o, char c)
{
    if (o->n == sizeof o->b) {
        fwrite(o->b, 1, o->n, o->f);
        o->n = 0;
    }
    o->b[o->n++] = c;
}

/* The field as assess_csv_put_text writes it: quoted only when it must
 * be, and a leading = + - @ tab or CR (a formula to a spreadsheet)
 * quoted after an apostrophe. */
static void row_text(row_buf *o, const char *s)
{
    size_t n = strlen(s);
    bool formula = n && strchr("=+-@\t\r", s[0]);
    if (!formula && !strpbrk(s, ",\"\r\n")) {
        row_put(o, s, n);
        return;
    }
    row_put(o, formula ? "\"'" : "\"", formula ? 2 : 1);
    for (; *s; s++) {
        if (*s == '"')
            row_char(o, '"');
        row_char(o, *s);
    }
    row_char(o, '"');
}

/* A rounded score as "61.3", or "18" for 18.0: every CSV of the project
 * writes numbers without trailing zeros (as the benchmark CSV does).
 * From whole tenths, without printf's floating-point machinery (a
 * statewide file prints a million of them). */
static void put_tenths(row_buf *o, double rounded)
{
    long t = lround(rounded * 10.0);
    char buf[32];
    char *p = buf + sizeof buf;
    bool neg = t < 0;
    unsigned long u = neg ? (unsigned long)-t : (unsigned long)t;
    if (u % 10) {
        *--p = (char)('0' + u % 10);
        *--p = '.';
    }
    u /= 10;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--p = '-';
    row_put(o, p, (size_t)(buf + sizeof buf - p));
}

static void put_score(row_buf *o, const assess_score *s)
{
    row_char(o, ',');
    if (s->defined)
        put_tenths(o, s->rounded);
    row_char(o, ',');
    if (s->defined && s->stage)
        row_text(o, s->stage->id);
}

void format_csv_begin(format_writer *w)
{
    FILE *f = w->f;
    const assess_questionnaire *q = w->r->q;
    fputs("entity,cycle", f);
    for (size_t k = 0; k < w->r->nmeta_keys; k++) {
        fputc(',', f);
        assess_csv_put_text(f, w->r->meta_keys[k]);
    }
    fputs(",overall,overall_stage", f);
    for (size_t d = 0; d < q->ndimensions; d++) {
        fputc(',', f);
        assess_csv_put_text(f, q->dimensions[d].id);
        fputc(',', f);
        fprintf(f, "%s_stage", q->dimensions[d].id);
    }
    if (w->benchmark) {
        fputs(",overall_rank", f);
        for (size_t d = 0; d < q->ndimensions; d++)
            fprintf(f, ",%s_rank", q->dimensions[d].id);
    }
    fputc('\n', f);
}

void format_csv_entity(format_writer *w, const assess_result *res,
                       const assess_cohort_rank *ranks)
{
    row_buf o;
    o.f = w->f;
    o.n = 0;
    const assess_assessment *a = res->assessment;
    row_text(&o, a->entity);
    row_char(&o, ',');
    row_text(&o, a->cycle);
    /* a->meta holds only the keys this entity has; a key read from the
     * file is the very string meta_keys holds, so pointers are compared
     * first */
    for (size_t k = 0; k < w->r->nmeta_keys; k++) {
        row_char(&o, ',');
        const char *key = w->r->meta_keys[k];
        for (size_t m = 0; m < a->nmeta; m++)
            if (a->meta[m].key == key || strcmp(a->meta[m].key, key) == 0) {
                row_text(&o, a->meta[m].value);
                break;
            }
    }
    put_score(&o, &res->overall);
    for (size_t d = 0; d < res->q->ndimensions; d++)
        put_score(&o, &res->dimensions[d].score);
    if (w->benchmark && ranks)
        for (size_t d = 0; d <= res->q->ndimensions; d++) {
            row_char(&o, ',');
            if (ranks[d].defined)
                put_tenths(&o, ranks[d].rank);
        }
    row_char(&o, '\n');
    fwrite(o.b, 1, o.n, o.f);
}
