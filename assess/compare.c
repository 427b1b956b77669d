/*
 * compare.c — change between two results, possibly on two versions of a
 * questionnaire (docs/scoring.md): the items the versions share, and both
 * results scored again on those items alone with the later version's
 * weights, so that a change measures answers, not a changed questionnaire.
 */
#include "score_internal.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

/* The choice of scale b with the value of choice c of scale a, or
 * ASSESS_NONE. */
static size_t choice_by_value(const assess_scale *b, const char *value)
{
    for (size_t k = 0; k < b->nchoices; k++) {
        if (strcmp(b->choices[k].value, value) == 0)
            return k;
    }
    return ASSESS_NONE;
}

/* Same scored choices: every scored value of one is scored in the other
 * with the same points.  Unscored choices do not matter. */
static bool same_scored(const assess_scale *a, const assess_scale *b)
{
    if (a->nlevels != b->nlevels)
        return false;
    for (size_t l = 0; l < a->nlevels; l++) {
        const assess_choice *c = &a->choices[a->levels[l]];
        size_t k = choice_by_value(b, c->value);
        if (k == ASSESS_NONE || b->choices[k].kind != ASSESS_CHOICE_SCORED ||
            b->choices[k].points != c->points)
            return false;
    }
    return true;
}

size_t assess_questionnaire_shared(const assess_questionnaire *a, const assess_questionnaire *b,
                                   size_t *map)
{
    size_t n = 0;
    for (size_t i = 0; i < a->nitems; i++) {
        size_t j = assess_questionnaire_item_find(b, a->items[i].id);
        if (j != ASSESS_NONE &&
            !same_scored(&a->scales[a->items[i].scale], &b->scales[b->items[j].scale]))
            j = ASSESS_NONE;
        if (map)
            map[i] = j;
        n += j != ASSESS_NONE;
    }
    return n;
}

void assess_change_cleanup(assess_change *c)
{
    assess_result_cleanup(&c->before);
    assess_result_cleanup(&c->after);
    memset(c, 0, sizeof *c);
}

/* An item result of the earlier version read on the later one: the
 * same answer, its level the choice with the same value (an unscored
 * choice the later scale lacks keeps its status and loses its level). */
static assess_item_result carry(const assess_item_result *ir, const assess_scale *from,
                                const assess_scale *to)
{
    assess_item_result out = *ir;
    out.gain = 0;
    out.has_gain = false;
    out.priority = 0;
    if (ir->level != ASSESS_NONE)
        out.level = choice_by_value(to, from->choices[ir->level].value);
    return out;
}

assess_status assess_change_compute(const assess_result *before, const assess_result *after,
                                    assess_change *c)
{
    memset(c, 0, sizeof *c);
    const assess_questionnaire *qa = before->q, *q = after->q;
    size_t *map = calloc(q->nitems ? q->nitems : 1, sizeof *map);
    bool *include = calloc(q->nitems ? q->nitems : 1, sizeof *include);
    assess_status st = map && include ? assess_result_init(&c->before, q) : ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK)
        st = assess_result_init(&c->after, q);
    if (st != ASSESS_OK) {
        free(map);
        free(include);
        assess_change_cleanup(c);
        return ASSESS_ERR_NOMEM;
    }
    c->whole = qa == q || (strcmp(qa->id, q->id) == 0 && strcmp(qa->version, q->version) == 0);
    c->nshared = assess_questionnaire_shared(q, qa, map);
    c->before.assessment = before->assessment;
    c->before.nrespondents = before->nrespondents;
    c->after.assessment = after->assessment;
    c->after.nrespondents = after->nrespondents;
    for (size_t j = 0; j < q->nitems; j++) {
        size_t i = map[j];
        include[j] = i != ASSESS_NONE;
        assess_item_result missing = {.status = ASSESS_ITEM_MISSING, .level = ASSESS_NONE};
        c->after.items[j] = include[j] ? after->items[j] : missing;
        c->before.items[j] = include[j] ? carry(&before->items[i], &qa->scales[qa->items[i].scale],
                                                &q->scales[q->items[j].scale])
                                        : missing;
    }
    assess_score_groups(q, &c->before, include);
    assess_score_groups(q, &c->after, include);
    free(map);
    free(include);
    return ASSESS_OK;
}
