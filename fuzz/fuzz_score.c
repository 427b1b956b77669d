/*
 * fuzz_score.c — see fuzz_score.h.
 */
#include "fuzz_score.h"
#include "assess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static void check_score(const assess_score *s)
{
    if (!s->defined)
        return;
    if (!isfinite(s->value) || s->value < -1e-9 || s->value > 100 + 1e-9)
        abort();
    if (s->rounded != assess_round1(s->value))
        abort();
}

static void check_result(const assess_responses *r, const assess_result *res, bool full)
{
    const assess_questionnaire *q = r->q;
    check_score(&res->overall);
    for (size_t k = 0; k < q->ndimensions; k++) {
        const assess_group_result *g = &res->dimensions[k];
        check_score(&g->score);
        if (g->has_coverage && (!isfinite(g->coverage) || g->coverage < -1e-9 ||
                                g->coverage > 1 + 1e-9))
            abort();
    }
    for (size_t k = 0; k < q->nthemes; k++)
        check_score(&res->themes[k].score);
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_item_result *it = &res->items[i];
        if (it->status == ASSESS_ITEM_SCORED &&
            (!isfinite(it->score) || it->score < -1e-9 || it->score > 1 + 1e-9))
            abort();
        if (it->has_gain && (!isfinite(it->gain) || it->gain < 0 || it->gain > 100 + 1e-9))
            abort();
    }
    if (!full) {
        if (res->npriorities || res->nstrengths)
            abort();
        return;
    }
    if (res->ngaps > res->npriorities || res->npriorities > q->nitems ||
        res->nstrengths > q->nitems)
        abort();
    for (size_t k = 0; k < res->npriorities; k++) {
        size_t i = res->priorities[k];
        if (i >= q->nitems || res->items[i].priority != (int)k + 1)
            abort();
    }
    for (size_t k = 0; k < res->nstrengths; k++) {
        size_t i = res->strengths[k];
        if (i >= q->nitems || !res->items[i].top)
            abort();
    }
}

void fuzz_score_all(const assess_responses *r, const char *by)
{
    assess_result res;
    if (assess_result_init(&res, r->q) != ASSESS_OK)
        return;
    for (size_t k = 0; k < r->nassessments; k++) {
        assess_score_compute(r, k, &res);
        check_result(r, &res, true);
        assess_score_compute_scores(r, k, &res);
        check_result(r, &res, false);
    }
    assess_result_cleanup(&res);

    assess_diags d;
    assess_diags_init(&d);
    assess_cohort *c = NULL;
    if (assess_cohort_build(r, &c, &d) == ASSESS_OK && c) {
        const char *bys[1] = {by};
        assess_cohort_spec spec = {.nby = by ? 1 : 0, .by = bys};
        assess_cohort_stats *stats = NULL;
        if (assess_cohort_stats_compute(c, &spec, &stats, &d) == ASSESS_OK) {
            FILE *null = fopen("/dev/null", "w");
            if (null) {
                assess_cohort_stats_write_csv(stats, null);
                fclose(null);
            }
            assess_cohort_stats_free(stats);
        }
    }
    assess_cohort_free(c);
    assess_diags_cleanup(&d);
}
