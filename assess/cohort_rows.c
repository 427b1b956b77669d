/*
 * cohort_rows.c — the statistics of a statewide cohort as tidy rows
 * (assess_cohort_stats_rows) and as the statewide CSV: one row per cycle,
 * grouping, group, measure and statistic.  The figures are computed in
 * cohort_stats.c; this file only lists them.
 */
#include "assess.h"
#include "cohort_internal.h"
#include "intl.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const assess_cohort_stats *s;
    assess_cohort_row row;
    assess_cohort_row_fn fn;
    void *ud;
} emitter;

/* The measure's name as a reader knows it: the dimension, theme or item
 * text, in the questionnaire's language. */
static const char *measure_label(const assess_cohort *c, size_t m)
{
    const assess_questionnaire *q = c->q;
    if (m == 0)
        return "Overall index";
    if (m <= q->ndimensions)
        return q->dimensions[m - 1].label.text;
    return q->themes[m - 1 - q->ndimensions].name.text;
}

static int emit(emitter *e, const char *statistic, double value)
{
    e->row.statistic = statistic;
    e->row.value = value;
    e->row.text = NULL;
    return e->fn(&e->row, e->ud);
}

static int emit_text(emitter *e, const char *statistic, const char *text)
{
    e->row.statistic = statistic;
    e->row.value = 0;
    e->row.text = text;
    return e->fn(&e->row, e->ud);
}

static int emit_summary(emitter *e, const assess_cohort_summary *sm, bool change)
{
    static const char *const plain[] = {"min", "p10", "p25", "median", "p75", "p90", "max",
                                        "mean"};
    static const char *const chg[] = {"change:min", "change:p10", "change:p25",
                                      "change:median", "change:p75", "change:p90",
                                      "change:max", "change:mean"};
    const char *const *names = change ? chg : plain;
    int rc = emit(e, change ? "change:n" : "n", (double)sm->n);
    if (rc)
        return rc;
    if (sm->suppressed)
        return emit(e, change ? "change:suppressed" : "suppressed",
                    (double)e->s->min_group_size);
    const double v[] = {sm->min, sm->p10, sm->p25, sm->median,
                        sm->p75, sm->p90, sm->max, sm->mean};
    for (size_t k = 0; k < 8 && !rc; k++)
        rc = emit(e, names[k], v[k]);
    if (change && !rc)
        rc = emit(e, "change:rose", (double)sm->rose);
    if (change && !rc)
        rc = emit(e, "change:fell", (double)sm->fell);
    if (change && !rc)
        rc = emit(e, "change:same", (double)sm->same);
    return rc;
}

int assess_cohort_stats_rows(const assess_cohort_stats *s, assess_cohort_row_fn fn, void *ud)
{
    const assess_cohort *c = s->cohort;
    emitter e = {.s = s, .fn = fn, .ud = ud};
    e.row.cycle = s->cycle;
    int rc = 0;
    if (s->previous) {
        /* no number to give: the cycle is the label */
        e.row.group_by = e.row.group = "all";
        e.row.measure = "overall";
        e.row.label = s->previous;
        rc = emit_text(&e, "previous_cycle", s->previous);
    }
    /* a cycle that mixes versions, or a change across them, says so */
    char name[600];
    for (size_t v = 0; c->nversions > 1 && v < c->nversions && !rc; v++) {
        if (!s->version_entities[v])
            continue;
        e.row.group_by = e.row.group = "all";
        e.row.measure = "overall";
        snprintf(name, sizeof name, "version:%s@%s", c->versions[v].q->id,
                 c->versions[v].q->version);
        e.row.label = c->versions[v].q->title.text; /* the version's own title */
        rc = emit(&e, name, (double)s->version_entities[v]);
    }
    if (s->change_shared_items && !rc) {
        e.row.group_by = e.row.group = "all";
        e.row.measure = "overall";
        e.row.label = measure_label(c, ASSESS_COHORT_OVERALL);
        rc = emit(&e, "change:shared_items", (double)s->change_shared_items);
    }
    for (size_t k = 0; k < s->ngroups && !rc; k++) {
        const assess_cohort_group *g = &s->groups[k];
        e.row.group_by = g->by;
        e.row.group = g->name;
        for (size_t m = 0; m < c->nmeasures && !rc; m++) {
            e.row.measure = c->measures[m];
            e.row.label = measure_label(c, m);
            if (g->suppressed) {
                rc = emit(&e, "suppressed", (double)s->min_group_size);
                continue;
            }
            rc = emit(&e, "entities", (double)g->entities);
            if (!rc)
                rc = emit_summary(&e, &g->scores[m], false);
            if (!rc && g->change) {
                rc = emit(&e, "change:entities", (double)g->paired);
                if (!rc)
                    rc = emit_summary(&e, &g->change[m], true);
            }
        }
        for (size_t i = 0; i < s->item_q->nitems && !rc; i++) {
            const assess_cohort_item *it = &s->items[i];
            e.row.measure = it->measure;
            e.row.label = s->item_q->items[i].text.text;
            if (g->suppressed) {
                rc = emit(&e, "suppressed", (double)s->min_group_size);
                continue;
            }
            rc = emit(&e, "entities", (double)g->item_entities);
            for (size_t x = 0; x < it->ncategories && !rc; x++)
                rc = emit(&e, it->statistics[x], g->shares[s->share_offset[i] + x]);
        }
    }
    return rc;
}

const char *assess_cohort_value_format(const assess_cohort_row *row, char *buf, size_t size)
{
    if (row->text) {
        snprintf(buf, size, "%s", row->text);
        return buf;
    }
    long long k = llround(row->value * 1000.0);
    const char *sign = k < 0 ? "-" : "";
    if (k < 0)
        k = -k;
    char frac[8];
    snprintf(frac, sizeof frac, "%03lld", k % 1000);
    int n = 3;
    while (n > 0 && frac[n - 1] == '0')
        frac[--n] = '\0';
    snprintf(buf, size, "%s%lld%s%s", sign, k / 1000, n ? "." : "", frac);
    return buf;
}

/* ## The CSV */

/* One row of the statewide CSV; the survey's shares (multi.c) are written
 * with it too, so the two parts of one file quote alike. */
int assess_cohort_row_write_csv(const assess_cohort_row *row, void *ud)
{
    FILE *f = ud;
    char value[64];
    /* value is always a number, or empty: the previous cycle's name is its label */
    const char *fields[] = {row->cycle,     row->group_by,
                            row->group,     row->measure,
                            row->statistic, row->text ? "" : assess_cohort_value_format(row, value, sizeof value),
                            row->label};
    for (size_t k = 0; k < 7; k++) {
        if (k)
            fputc(',', f);
        if (k == 5)
            assess_csv_put_raw(f, fields[k]);
        else
            assess_csv_put_text(f, fields[k]);
    }
    fputc('\n', f);
    return ferror(f) ? 1 : 0;
}

assess_status assess_cohort_stats_write_csv(const assess_cohort_stats *s, FILE *f)
{
    fputs("cycle,group_by,group,measure,statistic,value,label\n", f);
    if (assess_cohort_stats_rows(s, assess_cohort_row_write_csv, f) != 0 || ferror(f))
        return ASSESS_ERR_IO;
    return ASSESS_OK;
}

