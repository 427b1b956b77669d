/*
 * multi.c — the survey questions' answers summed up: one assessment's
 * respondents (for a city report and `score`), and a cohort's entities by
 * group (for the statewide report and its CSV).  Nothing here scores: the
 * answers are counted as given (docs/scoring.md, "Survey questions").
 */
#include "assess.h"
#include "cohort_internal.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t assess_multi_tally(const assess_responses *r, size_t assessment, size_t m,
                          size_t *counts)
{
    const assess_scale *ls = &r->q->lists[r->q->multis[m].list];
    memset(counts, 0, ls->nchoices * sizeof *counts);
    const assess_assessment *as = &r->assessments[assessment];
    size_t answered = 0;
    for (size_t k = 0; k < as->nsubmissions; k++) {
        const assess_submission *sub = &r->submissions[as->submissions[k]];
        uint64_t v = sub->multi ? sub->multi[m] : 0;
        if (!(v & ASSESS_MULTI_ANSWERED))
            continue;
        answered++;
        for (size_t c = 0; c < ls->nchoices; c++)
            counts[c] += (v >> c) & 1;
    }
    return answered;
}

/* An entity's answer to multi item m of its version (ASSESS_NONE: its
 * version has no such question): the options any of its respondents
 * chose, with ASSESS_MULTI_ANSWERED when one of them answered; 0 when
 * none did. */
static uint64_t member_answer(const assess_cohort *c, size_t member, size_t m)
{
    if (m == ASSESS_NONE)
        return 0;
    const assess_cohort_member *mb = &c->members[member];
    const assess_responses *r = c->versions[mb->version].r;
    const assess_assessment *as = &r->assessments[mb->assessment];
    uint64_t set = 0;
    for (size_t k = 0; k < as->nsubmissions; k++) {
        const assess_submission *sub = &r->submissions[as->submissions[k]];
        set |= sub->multi ? sub->multi[m] : 0;
    }
    return set;
}

/* Where each version keeps multi item `id` (vm[v], or ASSESS_NONE) and,
 * found by value since versions may order a list differently, which of
 * list ls's options each of its bits is (option[v * 64 + bit], or -1). */
static void version_options(const assess_cohort *c, const char *id, const assess_scale *ls,
                            size_t *vm, int *option)
{
    for (size_t v = 0; v < c->nversions; v++) {
        const assess_questionnaire *q = c->versions[v].q;
        vm[v] = assess_questionnaire_multi_find(q, id);
        const assess_scale *vl = vm[v] != ASSESS_NONE ? &q->lists[q->multis[vm[v]].list] : NULL;
        for (size_t j = 0; j < 64; j++) {
            int *o = &option[v * 64 + j];
            *o = -1;
            for (size_t k = 0; vl && j < vl->nchoices && k < ls->nchoices && *o < 0; k++)
                if (!strcmp(vl->choices[j].value, ls->choices[k].value))
                    *o = (int)k;
        }
    }
}

assess_status assess_multi_stats_compute(const assess_cohort_stats *s, assess_multi_stats **out)
{
    *out = NULL;
    assess_arena *a = assess_arena_new();
    assess_multi_stats *ms = a ? assess_arena_alloc(a, sizeof *ms) : NULL;
    if (!ms) {
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    ms->arena = a;
    ms->stats = s;
    ms->q = s->item_q;
    ms->nmultis = ms->q->nmultis;
    ms->ngroups = s->ngroups;
    size_t n = ms->nmultis * ms->ngroups;
    ms->groups = assess_arena_alloc(a, (n ? n : 1) * sizeof *ms->groups);
    const assess_cohort *c = s->cohort;
    size_t *vm = assess_arena_alloc(a, (c->nversions ? c->nversions : 1) * sizeof *vm);
    for (size_t m = 0; ms->groups && vm && m < ms->nmultis; m++) {
        const assess_multi *mi = &ms->q->multis[m];
        const assess_scale *ls = &ms->q->lists[mi->list];
        int *option = assess_arena_alloc(a, (c->nversions ? c->nversions : 1) * 64 * sizeof *option);
        if (!option)
            break;
        version_options(c, mi->id, ls, vm, option);
        for (size_t g = 0; g < ms->ngroups; g++) {
            const assess_cohort_group *cg = &s->groups[g];
            assess_multi_group *mg = &ms->groups[m * ms->ngroups + g];
            mg->chosen = assess_arena_alloc(a, (ls->nchoices ? ls->nchoices : 1) * sizeof(size_t));
            mg->shares = assess_arena_alloc(a, (ls->nchoices ? ls->nchoices : 1) * sizeof(double));
            if (!mg->chosen || !mg->shares)
                break;
            for (size_t e = 0; e < cg->entities; e++) {
                size_t member = cg->members[e];
                size_t v = c->members[member].version;
                uint64_t set = member_answer(c, member, vm[v]);
                if (!(set & ASSESS_MULTI_ANSWERED))
                    continue;
                mg->answered++;
                /* the options chosen, a bit at a time */
                const int *vopt = &option[v * 64];
                for (uint64_t b = set & ~ASSESS_MULTI_ANSWERED; b; b &= b - 1) {
                    int k = vopt[__builtin_ctzll(b)];
                    mg->chosen[k >= 0 ? k : 0] += k >= 0;
                }
            }
            mg->suppressed = cg->suppressed || mg->answered < (size_t)s->min_group_size;
            for (size_t k = 0; k < ls->nchoices; k++)
                mg->shares[k] = mg->answered && !mg->suppressed
                                    ? 100.0 * (double)mg->chosen[k] / (double)mg->answered
                                    : 0;
        }
    }
    if (assess_arena_failed(a) || !ms->groups || !vm) {
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    *out = ms;
    return ASSESS_OK;
}

void assess_multi_stats_free(assess_multi_stats *ms)
{
    if (ms)
        assess_arena_free(ms->arena);
}

int assess_multi_stats_rows(const assess_multi_stats *ms, assess_cohort_row_fn fn, void *ud)
{
    const assess_cohort_stats *s = ms->stats;
    int rc = 0;
    char measure[600];
    for (size_t g = 0; g < ms->ngroups && !rc; g++) {
        const assess_cohort_group *cg = &s->groups[g];
        for (size_t m = 0; m < ms->nmultis && !rc; m++) {
            const assess_multi *mi = &ms->q->multis[m];
            const assess_scale *ls = &ms->q->lists[mi->list];
            const assess_multi_group *mg = &ms->groups[m * ms->ngroups + g];
            assess_cohort_row row = {.cycle = s->cycle, .group_by = cg->by, .group = cg->name};
            snprintf(measure, sizeof measure, "multi:%s", mi->id);
            row.measure = measure;
            row.label = mi->text.text;
            if (mg->suppressed) {
                row.statistic = "suppressed";
                row.value = (double)s->min_group_size;
                rc = fn(&row, ud);
                continue;
            }
            row.statistic = "answered";
            row.value = (double)mg->answered;
            rc = fn(&row, ud);
            for (size_t k = 0; k < ls->nchoices && !rc; k++) {
                snprintf(measure, sizeof measure, "option:%s/%s", mi->id, ls->choices[k].value);
                row.label = ls->choices[k].label.text;
                row.statistic = "share";
                row.value = mg->shares[k];
                rc = fn(&row, ud);
            }
        }
    }
    return rc;
}

assess_status assess_multi_stats_write_csv(const assess_multi_stats *ms, FILE *f)
{
    if (assess_multi_stats_rows(ms, assess_cohort_row_write_csv, f) != 0 || ferror(f))
        return ASSESS_ERR_IO;
    return ASSESS_OK;
}
