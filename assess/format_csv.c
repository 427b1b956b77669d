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

/* A rounded score as "61.3", or "18" for 18.0: every CSV of the project
 * writes numbers without trailing zeros (as the benchmark CSV does).
 * From whole tenths, without printf's floating-point machinery (a
 * statewide file prints a million of them). */
static void put_tenths(FILE *f, double rounded)
{
    long t = lround(rounded * 10.0);
    char buf[32];
    char *p = buf + sizeof buf;
    *--p = '\0';
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
    fputs(p, f);
}

static void put_score(FILE *f, const assess_score *s)
{
    fputc(',', f);
    if (s->defined)
        put_tenths(f, s->rounded);
    fputc(',', f);
    if (s->defined && s->stage)
        assess_csv_put_text(f, s->stage->id);
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
    FILE *f = w->f;
    const assess_assessment *a = res->assessment;
    assess_csv_put_text(f, a->entity);
    fputc(',', f);
    assess_csv_put_text(f, a->cycle);
    /* a->meta holds only the keys this entity has */
    for (size_t k = 0; k < w->r->nmeta_keys; k++) {
        fputc(',', f);
        for (size_t m = 0; m < a->nmeta; m++)
            if (strcmp(a->meta[m].key, w->r->meta_keys[k]) == 0) {
                assess_csv_put_text(f, a->meta[m].value);
                break;
            }
    }
    put_score(f, &res->overall);
    for (size_t d = 0; d < res->q->ndimensions; d++)
        put_score(f, &res->dimensions[d].score);
    if (w->benchmark && ranks)
        for (size_t d = 0; d <= res->q->ndimensions; d++) {
            fputc(',', f);
            if (ranks[d].defined)
                put_tenths(f, ranks[d].rank);
        }
    fputc('\n', f);
}
