/*
 * score.c — the scoring method of docs/scoring.md: respondents combined per
 * item, item, theme and dimension scores, coverage and its flags, the
 * overall index, stages from rounded scores, next-step gains, priorities
 * and strengths.  Reads the model; writes only the result it is given.
 */
#include "responses_internal.h"
#include "score_internal.h"
#include "util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Points and weights are short decimals, so sums of them agree with the
 * exact arithmetic to far better than this; anything closer is equal. */
#define EPS 1e-9

static inline double abs_d(double x)
{
    return x < 0 ? -x : x;
}

/* Written without fmax: glibc's is an out-of-line call, and this runs a
 * few hundred times per assessment (a statewide file has 100,000). */
static inline bool near_equal(double a, double b)
{
    double fa = abs_d(a), fb = abs_d(b);
    double scale = fa > fb ? fa : fb;
    if (scale < 1.0)
        scale = 1.0;
    return abs_d(a - b) <= EPS * scale;
}

assess_status assess_result_init(assess_result *res, const assess_questionnaire *q)
{
    memset(res, 0, sizeof *res);
    res->q = q;
    res->dimensions = calloc(q->ndimensions ? q->ndimensions : 1, sizeof *res->dimensions);
    res->themes = calloc(q->nthemes ? q->nthemes : 1, sizeof *res->themes);
    res->items = calloc(q->nitems ? q->nitems : 1, sizeof *res->items);
    res->priorities = calloc(q->nitems ? q->nitems : 1, sizeof *res->priorities);
    res->strengths = calloc(q->nitems ? q->nitems : 1, sizeof *res->strengths);
    if (!res->dimensions || !res->themes || !res->items || !res->priorities ||
        !res->strengths) {
        assess_result_cleanup(res);
        return ASSESS_ERR_NOMEM;
    }
    return ASSESS_OK;
}

void assess_result_cleanup(assess_result *res)
{
    free(res->dimensions);
    free(res->themes);
    free(res->items);
    free(res->priorities);
    free(res->strengths);
    memset(res, 0, sizeof *res);
}

static assess_score make_score(const assess_questionnaire *q, double value)
{
    assess_score s = {.defined = true, .value = value, .rounded = assess_round1(value)};
    s.stage = assess_questionnaire_stage(q, s.rounded);
    return s;
}

/* The reported level for mean points p: the highest choice at or below
 * it.  Levels ascend by points, so the first match from the top is it. */
static size_t level_at(const assess_scale *sc, double p)
{
    for (size_t k = sc->nlevels; k-- > 0;) {
        const assess_choice *c = &sc->choices[sc->levels[k]];
        if (c->points <= p || near_equal(c->points, p))
            return sc->levels[k];
    }
    return ASSESS_NONE;
}

/* One respondent, the statewide common case: the answer is the result. */
static void combine_one(const assess_scale *sc, unsigned a, assess_item_result *ir)
{
    /* field by field: a struct-wide clear is a `rep stos` that costs more
     * than the rest of this function, a million times over */
    ir->points = ir->score = ir->gain = 0;
    ir->top = ir->has_gain = ir->disagreement = false;
    ir->nscored = ir->nna = ir->nunknown = ir->nempty = 0;
    ir->priority = 0;
    ir->level = ASSESS_NONE;
    if (a == 0) {
        ir->nempty = 1;
        ir->status = ASSESS_ITEM_MISSING;
        return;
    }
    const assess_choice *c = &sc->choices[a - 1];
    ir->level = (size_t)(a - 1);
    if (c->kind == ASSESS_CHOICE_NA) {
        ir->nna = 1;
        ir->status = ASSESS_ITEM_NA;
    } else if (c->kind == ASSESS_CHOICE_UNKNOWN) {
        ir->nunknown = 1;
        ir->status = ASSESS_ITEM_UNKNOWN;
    } else {
        ir->nscored = 1;
        ir->status = ASSESS_ITEM_SCORED;
        ir->points = c->points;
        ir->score = c->points / sc->max_points;
        /* the answer is its own level unless the next level has the same
         * points (a questionnaire may, with a warning) */
        size_t up = (size_t)c->level + 1;
        if (up < sc->nlevels && near_equal(sc->choices[sc->levels[up]].points, c->points))
            ir->level = level_at(sc, c->points);
        ir->top = up == sc->nlevels || near_equal(c->points, sc->max_points);
    }
}

/* Combines the respondents' answers to one item (docs/formats.md). */
static void combine_item(const assess_responses *r, const assess_assessment *as, size_t i,
                         assess_item_result *ir)
{
    const assess_questionnaire *q = r->q;
    const assess_scale *sc = &q->scales[q->items[i].scale];
    if (as->nsubmissions == 1) {
        combine_one(sc, r->submissions[as->submissions[0]].answers[i], ir);
        return;
    }
    double sum = 0;
    int lo = -1, hi = -1;
    size_t na_choice = ASSESS_NONE, unknown_choice = ASSESS_NONE;
    memset(ir, 0, sizeof *ir);
    ir->level = ASSESS_NONE;
    for (size_t k = 0; k < as->nsubmissions; k++) {
        unsigned a = r->submissions[as->submissions[k]].answers[i];
        if (a == 0) {
            ir->nempty++;
            continue;
        }
        const assess_choice *c = &sc->choices[a - 1];
        switch (c->kind) {
        case ASSESS_CHOICE_SCORED:
            ir->nscored++;
            sum += c->points;
            if (lo < 0 || c->level < lo)
                lo = c->level;
            if (c->level > hi)
                hi = c->level;
            break;
        case ASSESS_CHOICE_NA:
            ir->nna++;
            if (na_choice == ASSESS_NONE)
                na_choice = (size_t)(a - 1);
            break;
        case ASSESS_CHOICE_UNKNOWN:
            ir->nunknown++;
            if (unknown_choice == ASSESS_NONE)
                unknown_choice = (size_t)(a - 1);
            break;
        }
    }
    ir->disagreement = ir->nscored > 1 && hi - lo >= 2;
    if (ir->nna * 2 > as->nsubmissions) {
        ir->status = ASSESS_ITEM_NA;
        ir->level = na_choice;
        return;
    }
    if (ir->nscored == 0) {
        /* A minority `na` is left out like `unknown` (docs/formats.md): with no
         * `unknown` beside it, nothing usable is left and the item is
         * missing; either way it is a data gap. */
        bool unknown = ir->nunknown > 0;
        ir->status = unknown ? ASSESS_ITEM_UNKNOWN : ASSESS_ITEM_MISSING;
        ir->level = unknown ? unknown_choice : ASSESS_NONE;
        return;
    }
    ir->status = ASSESS_ITEM_SCORED;
    ir->points = sum / (double)ir->nscored;
    ir->score = ir->points / sc->max_points;
    ir->level = level_at(sc, ir->points);
    ir->top = near_equal(ir->points, sc->max_points) || ir->points > sc->max_points;
}

typedef struct {
    double w_scored; /* Σ w over scored items */
    double w_s;      /* Σ w·s over scored items */
    double w_counted; /* Σ w over items not answered na */
} sums;

static void add_item(sums *s, const assess_item *it, const assess_item_result *ir)
{
    if (ir->status == ASSESS_ITEM_NA)
        return;
    s->w_counted += it->weight;
    if (ir->status == ASSESS_ITEM_SCORED) {
        s->w_scored += it->weight;
        s->w_s += it->weight * ir->score;
    }
}

static void finish_group(const assess_questionnaire *q, const sums *s, assess_group_result *g)
{
    memset(g, 0, sizeof *g);
    if (s->w_counted <= 0)
        return; /* every item na: no score, no coverage, not insufficient */
    g->has_coverage = true;
    g->coverage = s->w_scored / s->w_counted;
    /* a dimension with no scored item is insufficient even when the
     * questionnaire asks for no coverage at all (docs/scoring.md) */
    g->insufficient = s->w_scored <= 0 ||
                      (g->coverage < q->min_coverage && !near_equal(g->coverage, q->min_coverage));
    if (s->w_scored > 0)
        g->score = make_score(q, 100.0 * s->w_s / s->w_scored);
}

/* Higher gain first; equal gains (to the tolerance) keep item order.
 * Insertion sort: stable, and priority lists are a few dozen items. */
static void sort_by_gain(const assess_result *res, size_t *v, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        size_t x = v[i];
        double gx = res->items[x].gain;
        size_t j = i;
        while (j > 0) {
            double gp = res->items[v[j - 1]].gain;
            if (near_equal(gp, gx) || gp > gx)
                break;
            v[j] = v[j - 1];
            j--;
        }
        v[j] = x;
    }
}

/* Dimensions and the overall index from the item results, then the
 * themes when asked for; an item left out by `include` (NULL: none is)
 * counts as if the questionnaire did not have it. */
static void score_groups(const assess_questionnaire *q, assess_result *res, const bool *include,
                         bool themes)
{
    res->provisional = false;
    memset(&res->overall, 0, sizeof res->overall);
    double sum_w = 0, sum_ws = 0;
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        sums s = {0};
        for (size_t k = 0; k < dim->nitems; k++) {
            size_t i = dim->items[k];
            if (!include || include[i])
                add_item(&s, &q->items[i], &res->items[i]);
        }
        finish_group(q, &s, &res->dimensions[d]);
        const assess_group_result *g = &res->dimensions[d];
        if (g->insufficient)
            res->provisional = true;
        if (g->score.defined) {
            sum_w += dim->weight;
            sum_ws += dim->weight * g->score.value;
        }
    }
    if (sum_w > 0)
        res->overall = make_score(q, sum_ws / sum_w);
    for (size_t t = 0; themes && t < q->nthemes; t++) {
        const assess_theme *th = &q->themes[t];
        sums s = {0};
        for (size_t k = 0; k < th->nitems; k++) {
            size_t i = th->items[k];
            if (!include || include[i])
                add_item(&s, &q->items[i], &res->items[i]);
        }
        finish_group(q, &s, &res->themes[t]);
    }
}

void assess_score_groups(const assess_questionnaire *q, assess_result *res, const bool *include)
{
    score_groups(q, res, include, true);
}

bool assess_score_one_table(const assess_questionnaire *q, struct assess_arena *a,
                            assess_item_result **table, size_t **at)
{
    size_t rows = 0;
    for (size_t k = 0; k < q->nscales; k++)
        rows += q->scales[k].nchoices + 1;
    size_t *first = assess_arena_alloc(a, (q->nscales ? q->nscales : 1) * sizeof *first);
    *at = assess_arena_alloc(a, (q->nitems ? q->nitems : 1) * sizeof **at);
    *table = assess_arena_alloc(a, (rows ? rows : 1) * sizeof **table);
    if (!first || !*at || !*table)
        return false;
    size_t row = 0;
    for (size_t k = 0; k < q->nscales; k++) {
        first[k] = row;
        for (size_t c = 0; c <= q->scales[k].nchoices; c++)
            combine_one(&q->scales[k], (unsigned)c, &(*table)[row++]);
    }
    for (size_t i = 0; i < q->nitems; i++)
        (*at)[i] = first[q->items[i].scale];
    return true;
}

static void score_items(const assess_responses *r, size_t assessment, assess_result *res)
{
    const assess_questionnaire *q = r->q;
    const assess_assessment *as = &r->assessments[assessment];
    const struct assess_responses_state *st = r->state;
    res->assessment = as;
    res->nrespondents = as->nsubmissions;
    res->npriorities = res->ngaps = res->nstrengths = 0;
    if (as->nsubmissions == 1) {
        const uint8_t *answers = r->submissions[as->submissions[0]].answers;
        for (size_t i = 0; i < q->nitems; i++)
            res->items[i] = st->one[st->one_at[i] + answers[i]];
        return;
    }
    for (size_t i = 0; i < q->nitems; i++)
        combine_item(r, as, i, &res->items[i]);
}

void assess_score_compute_scores(const assess_responses *r, size_t assessment,
                                 assess_result *res)
{
    score_items(r, assessment, res);
    score_groups(r->q, res, NULL, true);
}

void assess_score_compute_dimensions(const assess_responses *r, size_t assessment,
                                     assess_result *res)
{
    score_items(r, assessment, res);
    for (size_t t = 0; t < r->q->nthemes; t++)
        memset(&res->themes[t], 0, sizeof res->themes[t]);
    score_groups(r->q, res, NULL, false);
}

void assess_score_compute(const assess_responses *r, size_t assessment, assess_result *res)
{
    assess_score_compute_scores(r, assessment, res);
    const assess_questionnaire *q = r->q;
    double sum_w = 0;
    for (size_t d = 0; d < q->ndimensions; d++) {
        if (res->dimensions[d].score.defined)
            sum_w += q->dimensions[d].weight;
    }

    /* Next-step gains: the rise of the index if the item moved up one
     * level, all else equal. */
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        if (!res->dimensions[d].score.defined)
            continue;
        double w_scored = 0;
        for (size_t k = 0; k < dim->nitems; k++) {
            if (res->items[dim->items[k]].status == ASSESS_ITEM_SCORED)
                w_scored += q->items[dim->items[k]].weight;
        }
        for (size_t k = 0; k < dim->nitems; k++) {
            size_t i = dim->items[k];
            assess_item_result *ir = &res->items[i];
            if (ir->status != ASSESS_ITEM_SCORED || ir->top)
                continue;
            const assess_scale *sc = &q->scales[q->items[i].scale];
            /* the smallest points above: levels ascend, so the first */
            double next = sc->max_points;
            for (size_t l = 0; l < sc->nlevels; l++) {
                double p = sc->choices[sc->levels[l]].points;
                if (p > ir->points && !near_equal(p, ir->points)) {
                    if (p < next)
                        next = p;
                    break;
                }
            }
            ir->has_gain = true;
            ir->gain = 100.0 * (dim->weight / sum_w) * q->items[i].weight *
                       (next - ir->points) / sc->max_points / w_scored;
        }
    }

    /* Priorities: data gaps in item order, then by gain. */
    for (size_t i = 0; i < q->nitems; i++) {
        assess_item_status st = res->items[i].status;
        if (st == ASSESS_ITEM_UNKNOWN || st == ASSESS_ITEM_MISSING)
            res->priorities[res->npriorities++] = i;
    }
    res->ngaps = res->npriorities;
    for (size_t i = 0; i < q->nitems; i++) {
        if (res->items[i].has_gain)
            res->priorities[res->npriorities++] = i;
        if (res->items[i].status == ASSESS_ITEM_SCORED && res->items[i].top)
            res->strengths[res->nstrengths++] = i;
    }
    sort_by_gain(res, res->priorities + res->ngaps, res->npriorities - res->ngaps);
    for (size_t k = 0; k < res->npriorities; k++)
        res->items[res->priorities[k]].priority = (int)k + 1;
}
