/*
 * cohort.c — builds a cohort (docs/benchmark.md): one assessment per entity and
 * cycle, duplicates across files resolved by the latest `submitted`,
 * every assessment scored once and kept as printed scores in tenths, so
 * that every later figure is exact integer arithmetic on what a reader
 * sees.  Also the primitives on sorted values: type-7 quantiles and
 * percentile ranks.  Statistics by group live in cohort_stats.c.
 */
#define _POSIX_C_SOURCE 200809L /* sysconf */

#include "assess.h"
#include "cohort_internal.h"
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ## Cycles */

int assess_cohort_cycle_cmp(const char *a, const char *b)
{
    const char *p = a, *q = b;
    while (*p && *q) {
        if (isdigit((unsigned char)*p) && isdigit((unsigned char)*q)) {
            while (*p == '0' && isdigit((unsigned char)p[1]))
                p++;
            while (*q == '0' && isdigit((unsigned char)q[1]))
                q++;
            size_t np = 0, nq = 0;
            while (isdigit((unsigned char)p[np]))
                np++;
            while (isdigit((unsigned char)q[nq]))
                nq++;
            if (np != nq)
                return np < nq ? -1 : 1;
            int c = memcmp(p, q, np);
            if (c)
                return c < 0 ? -1 : 1;
            p += np;
            q += nq;
            continue;
        }
        if (*p != *q)
            return (unsigned char)*p < (unsigned char)*q ? -1 : 1;
        p++;
        q++;
    }
    if (*p || *q)
        return *p ? 1 : -1;
    /* "01" and "1" are the same number but different cycles. */
    int c = strcmp(a, b);
    return c < 0 ? -1 : c > 0;
}

static int cmp_cycle_ptr(const void *x, const void *y)
{
    return assess_cohort_cycle_cmp(*(const char *const *)x, *(const char *const *)y);
}

size_t assess_cohort_cycle_find(const assess_cohort *c, const char *cycle)
{
    if (!cycle)
        return c->ncycles ? c->ncycles - 1 : ASSESS_NONE;
    for (size_t k = 0; k < c->ncycles; k++) {
        if (strcmp(c->cycles[k], cycle) == 0)
            return k;
    }
    return ASSESS_NONE;
}

/* ## Sorted values: quantiles and ranks */

static int cmp_i32(const void *x, const void *y)
{
    int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
    return (a > b) - (a < b);
}

/* Scores in tenths span 0–1000 and changes −1000–1000, so a counting
 * sort is linear; anything wider falls back to qsort. */
void assess_cohort_sort(int32_t *v, size_t n)
{
    if (n < 2)
        return;
    int32_t lo = v[0], hi = v[0];
    for (size_t i = 1; i < n; i++) {
        lo = v[i] < lo ? v[i] : lo;
        hi = v[i] > hi ? v[i] : hi;
    }
    uint64_t range = (uint64_t)((int64_t)hi - lo) + 1;
    size_t *count = n >= 64 && range <= 4096 ? calloc((size_t)range, sizeof *count) : NULL;
    if (!count) {
        qsort(v, n, sizeof *v, cmp_i32);
        return;
    }
    for (size_t i = 0; i < n; i++)
        count[v[i] - lo]++;
    size_t at = 0;
    for (uint64_t k = 0; k < range; k++) {
        for (size_t c = count[k]; c > 0; c--)
            v[at++] = (int32_t)(lo + (int64_t)k);
    }
    free(count);
}

int64_t assess_cohort_quantile(const int32_t *sorted, size_t n, int percent)
{
    if (n == 0)
        return 0;
    /* h = (n − 1)·p = t / 100 exactly; the fraction is r / 100. */
    int64_t t = (int64_t)(n - 1) * percent;
    size_t j = (size_t)(t / 100);
    int64_t r = t % 100;
    int64_t v = (int64_t)sorted[j] * 100;
    if (r && j + 1 < n)
        v += r * ((int64_t)sorted[j + 1] - sorted[j]);
    return v;
}

int64_t assess_cohort_div_round(int64_t num, int64_t den)
{
    int64_t a = num < 0 ? -num : num;
    int64_t q = (2 * a + den) / (2 * den);
    return num < 0 ? -q : q;
}

/* The first index whose value is not less than x. */
static size_t lower_bound(const int32_t *v, size_t n, int32_t x)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The rank of a value with `less` values below it and `eq` equal to it
 * among n. */
static double rank_from_counts(size_t less, size_t eq, size_t n)
{
    /* 100·(less + eq/2)/n in tenths: 1000·(2·less + eq) / (2n), rounded
     * half away from zero in integers so 62.45 never becomes 62.4. */
    int64_t num = 1000 * (2 * (int64_t)less + (int64_t)eq);
    return (double)assess_cohort_div_round(num, 2 * (int64_t)n) / 10.0;
}

double assess_cohort_rank_of(const int32_t *sorted, size_t n, int32_t x)
{
    if (n == 0)
        return 0;
    size_t less = lower_bound(sorted, n, x);
    size_t upto = x == INT32_MAX ? n : lower_bound(sorted, n, x + 1);
    return rank_from_counts(less, upto - less, n);
}

/* ## Building */

/* malloc(0) may return NULL; every array gets at least one element. */
static size_t at_least1(size_t n)
{
    return n ? n : 1;
}

struct assess_cohort_state {
    assess_arena *a;
    size_t **measure_map; /* per version: q's measure m → the version's, or ASSESS_NONE */
    /* For ranks, per cycle and measure (ncycles × nmeasures cells): how
     * many defined values, and either how many lie below each tenth
     * (a cycle of at least RANK_COUNTS members whose values are all
     * 0–1000: `below` + below_at[cell], RANK_COUNTS + 1 counts) or the
     * values sorted (`sorted` + sorted_at[cell]).  A statewide cycle so
     * costs 4 KB a measure, not 4 bytes a member. */
    int32_t *sorted;
    uint32_t *below;
    size_t *nsorted;
    size_t *sorted_at, *below_at; /* ASSESS_NONE: the other form */
};

enum { RANK_COUNTS = 1001 };

void assess_cohort_free(assess_cohort *c)
{
    if (!c)
        return;
    if (c->state) {
        free(c->state->sorted);
        free(c->state->below);
        free(c->state->nsorted);
        free(c->state->sorted_at);
        free(c->state->below_at);
        for (size_t v = 0; c->state->measure_map && v < c->nversions; v++)
            free(c->state->measure_map[v]);
        free(c->state->measure_map);
        assess_arena_free(c->state->a);
        free(c->state);
    }
    free(c->tenths);
    for (size_t v = 0; c->versions && v < c->nversions; v++)
        free(c->versions[v].categories);
    free(c->versions);
    free(c);
}

int32_t assess_cohort_result_tenths(const assess_result *res, size_t m)
{
    const assess_questionnaire *q = res->q;
    const assess_score *s;
    if (m == ASSESS_COHORT_OVERALL)
        s = &res->overall;
    else if (m <= q->ndimensions)
        s = &res->dimensions[m - 1].score;
    else
        s = &res->themes[m - 1 - q->ndimensions].score;
    if (!s->defined)
        return ASSESS_COHORT_UNDEFINED;
    /* rounded is a one-decimal value; its tenths are a whole number. */
    double t = s->rounded * 10.0;
    return (int32_t)(t < 0 ? t - 0.5 : t + 0.5);
}

/* The answer categories of each item of a version. */
static bool name_items(assess_cohort_version *v, assess_arena *a)
{
    const assess_questionnaire *q = v->q;
    char buf[1024];
    v->items = assess_arena_alloc(a, (q->nitems ? q->nitems : 1) * sizeof *v->items);
    if (!v->items)
        return false;
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_scale *sc = &q->scales[q->items[i].scale];
        assess_cohort_item *it = &v->items[i];
        bool has_na = false, has_unknown = false;
        for (size_t k = 0; k < sc->nchoices; k++) {
            has_na |= sc->choices[k].kind == ASSESS_CHOICE_NA;
            has_unknown |= sc->choices[k].kind == ASSESS_CHOICE_UNKNOWN;
        }
        it->ncategories = sc->nlevels + has_na + has_unknown + 1;
        it->names = assess_arena_alloc(a, it->ncategories * sizeof *it->names);
        it->statistics = assess_arena_alloc(a, it->ncategories * sizeof *it->statistics);
        if (!it->names || !it->statistics)
            return false;
        size_t n = 0;
        for (size_t l = 0; l < sc->nlevels; l++)
            it->names[n++] = sc->choices[sc->levels[l]].value;
        if (has_na)
            it->names[n++] = "na";
        if (has_unknown)
            it->names[n++] = "unknown";
        it->names[n++] = "missing";
        for (size_t k = 0; k < n; k++) {
            snprintf(buf, sizeof buf, "share:%s", it->names[k]);
            it->statistics[k] = assess_arena_strdup(a, buf);
        }
        snprintf(buf, sizeof buf, "item:%s", q->items[i].id);
        it->measure = assess_arena_strdup(a, buf);
    }
    return !assess_arena_failed(a);
}

/* The names of q's score measures into out (1 + ndimensions + nthemes). */
static bool measure_names(const assess_questionnaire *q, assess_arena *a, const char **out)
{
    char buf[1024];
    out[0] = "overall";
    for (size_t d = 0; d < q->ndimensions; d++) {
        snprintf(buf, sizeof buf, "dimension:%s", q->dimensions[d].id);
        out[1 + d] = assess_arena_strdup(a, buf);
    }
    for (size_t t = 0; t < q->nthemes; t++) {
        const assess_theme *th = &q->themes[t];
        snprintf(buf, sizeof buf, "theme:%s/%s", q->dimensions[th->dimension].id,
                 th->name.text);
        out[1 + q->ndimensions + t] = assess_arena_strdup(a, buf);
    }
    return !assess_arena_failed(a);
}

/* Names of measures and of each version's item categories, made once;
 * each version's measures mapped onto q's by name. */
static bool name_measures(assess_cohort *c, assess_arena *a)
{
    const assess_questionnaire *q = c->q;
    c->nmeasures = 1 + q->ndimensions + q->nthemes;
    c->measures = assess_arena_alloc(a, c->nmeasures * sizeof *c->measures);
    if (!c->measures || !measure_names(q, a, c->measures))
        return false;
    c->state->measure_map = calloc(c->nversions, sizeof *c->state->measure_map);
    if (!c->state->measure_map)
        return false;
    for (size_t v = 0; v < c->nversions; v++) {
        const assess_questionnaire *qv = c->versions[v].q;
        size_t nm = 1 + qv->ndimensions + qv->nthemes;
        const char **names = assess_arena_alloc(a, nm * sizeof *names);
        size_t *map = malloc(c->nmeasures * sizeof *map);
        c->state->measure_map[v] = map;
        if (!names || !map || !measure_names(qv, a, names))
            return false;
        for (size_t m = 0; m < c->nmeasures; m++) {
            map[m] = ASSESS_NONE;
            for (size_t x = 0; x < nm && map[m] == ASSESS_NONE; x++)
                if (strcmp(names[x], c->measures[m]) == 0)
                    map[m] = x;
        }
        if (!name_items(&c->versions[v], a))
            return false;
    }
    c->items = c->versions[0].items;
    return true;
}

/* The category of an item result, in the order of name_measures. */
static uint8_t category_of(const assess_questionnaire *q, size_t i, const assess_cohort_item *it,
                            const assess_item_result *ir)
{
    const assess_scale *sc = &q->scales[q->items[i].scale];
    size_t last = it->ncategories - 1;
    switch (ir->status) {
    case ASSESS_ITEM_SCORED:
        return (uint8_t)sc->choices[ir->level].level;
    case ASSESS_ITEM_NA:
        return (uint8_t)sc->nlevels;
    case ASSESS_ITEM_UNKNOWN:
        /* unknown follows na when the scale has na */
        return (uint8_t)(last - 1);
    default:
        return (uint8_t)last;
    }
}

/* Per cycle and measure, what ranks are read from (the state's
 * comment): a large cycle is counted member by member, row by row, and
 * a measure with a value outside 0–1000 falls back to sorting. */
static bool sort_cycles(assess_cohort *c)
{
    struct assess_cohort_state *s = c->state;
    size_t nm = c->nmeasures, cells = c->ncycles * nm;
    s->nsorted = calloc(at_least1(cells), sizeof *s->nsorted);
    s->sorted_at = malloc(at_least1(cells) * sizeof *s->sorted_at);
    s->below_at = malloc(at_least1(cells) * sizeof *s->below_at);
    if (!s->nsorted || !s->sorted_at || !s->below_at)
        return false;
    size_t ncounted = 0, nvalues = 0;
    for (size_t k = 0; k < c->ncycles; k++) {
        if (c->cycle_count[k] >= RANK_COUNTS)
            ncounted++;
        else
            nvalues += c->cycle_count[k] * nm;
    }
    /* values of wide measures in counted cycles go to `sorted` too */
    bool *wide = calloc(at_least1(cells), sizeof *wide);
    s->below = calloc(at_least1(ncounted * nm * (RANK_COUNTS + 1)), sizeof *s->below);
    if (!wide || !s->below) {
        free(wide);
        return false;
    }
    size_t counted = 0;
    for (size_t k = 0; k < c->ncycles; k++) {
        size_t first = c->cycle_first[k], end = first + c->cycle_count[k];
        for (size_t m = 0; m < nm; m++)
            s->below_at[k * nm + m] = s->sorted_at[k * nm + m] = ASSESS_NONE;
        if (c->cycle_count[k] < RANK_COUNTS)
            continue;
        uint32_t *base = s->below + counted++ * nm * (RANK_COUNTS + 1);
        for (size_t i = first; i < end; i++) {
            const int32_t *row = c->tenths + i * nm;
            for (size_t m = 0; m < nm; m++) {
                int32_t v = row[m];
                if (v == ASSESS_COHORT_UNDEFINED)
                    continue;
                s->nsorted[k * nm + m]++;
                if (v >= 0 && v < RANK_COUNTS)
                    base[m * (RANK_COUNTS + 1) + (size_t)v + 1]++;
                else
                    wide[k * nm + m] = true;
            }
        }
        for (size_t m = 0; m < nm; m++) {
            if (wide[k * nm + m]) {
                nvalues += s->nsorted[k * nm + m];
                continue;
            }
            uint32_t *b = base + m * (RANK_COUNTS + 1);
            for (size_t x = 1; x <= RANK_COUNTS; x++)
                b[x] += b[x - 1]; /* b[x]: values below x */
            s->below_at[k * nm + m] = (size_t)(b - s->below);
        }
    }
    s->sorted = malloc(at_least1(nvalues) * sizeof *s->sorted);
    if (!s->sorted) {
        free(wide);
        return false;
    }
    size_t at = 0;
    for (size_t k = 0; k < c->ncycles; k++) {
        for (size_t m = 0; m < nm; m++) {
            size_t cell = k * nm + m, n = 0;
            if (s->below_at[cell] != ASSESS_NONE)
                continue;
            s->sorted_at[cell] = at;
            for (size_t i = c->cycle_first[k]; i < c->cycle_first[k] + c->cycle_count[k]; i++) {
                int32_t v = c->tenths[i * nm + m];
                if (v != ASSESS_COHORT_UNDEFINED)
                    s->sorted[at + n++] = v;
            }
            assess_cohort_sort(s->sorted + at, n);
            s->nsorted[cell] = n;
            at += n;
        }
    }
    free(wide);
    return true;
}

/* The tenths of a result on version v as q's measures. */
static void member_tenths(const assess_cohort *c, size_t v, const assess_result *res,
                          int32_t *out)
{
    const size_t *map = c->state->measure_map[v];
    for (size_t m = 0; m < c->nmeasures; m++)
        out[m] = map[m] == ASSESS_NONE ? ASSESS_COHORT_UNDEFINED
                                       : assess_cohort_result_tenths(res, map[m]);
}

/* An assessment of one of the sets. */
typedef struct {
    size_t set, index;
} ref;

static const assess_assessment *assessment_of(const assess_responses *const *sets, ref x)
{
    return &sets[x.set]->assessments[x.index];
}

/* The cohort's versions, the set most of the latest cycle answered first
 * (on a tie the first given), the others in the order given. */
static bool order_versions(assess_cohort *c, const assess_responses *const *sets, size_t nsets,
                           const char *latest, size_t *version_of_set)
{
    size_t best = 0, best_n = 0;
    for (size_t k = 0; k < nsets; k++) {
        size_t n = 0;
        for (size_t i = 0; latest && i < sets[k]->nassessments; i++)
            n += strcmp(sets[k]->assessments[i].cycle, latest) == 0;
        if (n > best_n) {
            best = k;
            best_n = n;
        }
    }
    c->nversions = nsets;
    c->versions = calloc(nsets ? nsets : 1, sizeof *c->versions);
    if (!c->versions)
        return false;
    size_t at = 0;
    version_of_set[best] = at++;
    for (size_t k = 0; k < nsets; k++)
        if (k != best)
            version_of_set[k] = at++;
    for (size_t k = 0; k < nsets; k++) {
        c->versions[version_of_set[k]].q = sets[k]->q;
        c->versions[version_of_set[k]].r = sets[k];
    }
    c->q = c->versions[0].q;
    return true;
}

/* ## Scoring the members
 *
 * Every member is scored once, on its own; a statewide cohort's members
 * are shared out among threads, each with results of its own, that
 * write only their members' rows. */

enum { MEMBERS_PER_THREAD_MIN = 16384, MEMBER_THREADS_MAX = 8 };

typedef struct {
    assess_cohort *c;
    const assess_responses *const *sets;
    const ref *refs;
    const size_t *order, *cyc, *version_of_set;
    size_t nsets;
    size_t from, to; /* members */
    assess_result *res; /* nsets results, one per version */
} member_job;

static void *score_member_range(void *arg)
{
    const member_job *j = arg;
    assess_cohort *c = j->c;
    for (size_t k = j->from; k < j->to; k++) {
        size_t f = j->order[k];
        const assess_responses *r = j->sets[j->refs[f].set];
        size_t v = j->version_of_set[j->refs[f].set];
        size_t i = j->refs[f].index;
        const assess_assessment *as = &r->assessments[i];
        assess_cohort_member *m = &c->members[k];
        *m = (assess_cohort_member){.entity = as->entity,
                                    .cycle = as->cycle,
                                    .cycle_index = j->cyc[f],
                                    .assessment = i,
                                    .nrespondents = as->nsubmissions,
                                    .nmeta = as->nmeta,
                                    .meta = as->meta,
                                    .version = v};
        m->file = as->nsubmissions ? r->submissions[as->submissions[0]].file : "";
        assess_result *res = &j->res[v];
        assess_score_compute_scores(r, i, res);
        member_tenths(c, v, res, c->tenths + k * c->nmeasures);
        const assess_questionnaire *qv = c->versions[v].q;
        for (size_t it = 0; it < qv->nitems; it++)
            c->versions[v].categories[k * qv->nitems + it] =
                category_of(qv, it, &c->versions[v].items[it], &res->items[it]);
    }
    return NULL;
}

/* Scores members 0 … n − 1 with res (one result per version) on this
 * thread and, for a statewide cohort, on as many more as there are
 * cores (at most 8), each given results of its own. */
static assess_status score_members(const member_job *proto, size_t n, assess_result *res)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t nthreads = cores > 1 ? (size_t)cores : 1;
    if (nthreads > MEMBER_THREADS_MAX)
        nthreads = MEMBER_THREADS_MAX;
    if (nthreads > n / MEMBERS_PER_THREAD_MIN)
        nthreads = n / MEMBERS_PER_THREAD_MIN ? n / MEMBERS_PER_THREAD_MIN : 1;
    if (nthreads == 1) {
        member_job job = *proto;
        job.from = 0;
        job.to = n;
        job.res = res;
        score_member_range(&job);
        return ASSESS_OK;
    }
    member_job jobs[MEMBER_THREADS_MAX];
    pthread_t tid[MEMBER_THREADS_MAX];
    bool started[MEMBER_THREADS_MAX] = {false};
    assess_result *more = calloc(nthreads * proto->nsets, sizeof *more);
    size_t ready = 0; /* results of `more` initialised */
    assess_status st = more ? ASSESS_OK : ASSESS_ERR_NOMEM;
    for (size_t t = 1; t < nthreads && st == ASSESS_OK; t++) {
        for (size_t v = 0; v < proto->nsets && st == ASSESS_OK; v++) {
            st = assess_result_init(&more[t * proto->nsets + v], proto->c->versions[v].q);
            ready += st == ASSESS_OK;
        }
    }
    if (st == ASSESS_OK) {
        for (size_t t = 0; t < nthreads; t++) {
            jobs[t] = *proto;
            jobs[t].from = n * t / nthreads;
            jobs[t].to = n * (t + 1) / nthreads;
            jobs[t].res = t == 0 ? res : &more[t * proto->nsets];
            if (t > 0)
                started[t] = pthread_create(&tid[t], NULL, score_member_range, &jobs[t]) == 0;
        }
        score_member_range(&jobs[0]);
        for (size_t t = 1; t < nthreads; t++) {
            if (started[t])
                pthread_join(tid[t], NULL);
            else
                score_member_range(&jobs[t]); /* no thread to be had: here */
        }
    }
    for (size_t k = 0; k < ready; k++)
        assess_result_cleanup(&more[proto->nsets + k]);
    free(more);
    return st;
}

static assess_status build(assess_cohort *c, const assess_responses *const *sets, size_t nsets)
{
    struct assess_cohort_state *s = c->state;
    size_t nas = 0;
    for (size_t k = 0; k < nsets; k++)
        nas += sets[k]->nassessments;
    ref *refs = malloc((nas ? nas : 1) * sizeof *refs);
    size_t *version_of_set = calloc(nsets ? nsets : 1, sizeof *version_of_set);
    if (!refs || !version_of_set) {
        free(refs);
        free(version_of_set);
        return ASSESS_ERR_NOMEM;
    }
    size_t nref = 0;
    for (size_t k = 0; k < nsets; k++)
        for (size_t i = 0; i < sets[k]->nassessments; i++)
            refs[nref++] = (ref){k, i};

    /* Cycles, ascending. */
    assess_index seen;
    assess_index_init(&seen);
    /* a few cycles among a million members: kept in a growing array,
     * then in the arena at their number */
    assess_vec cyv;
    assess_vec_init(&cyv, sizeof(const char *));
    assess_status st = ASSESS_OK;
    for (size_t f = 0; f < nas && st == ASSESS_OK; f++) {
        const char *cy = assessment_of(sets, refs[f])->cycle;
        if (assess_index_get(&seen, cy) == ASSESS_NONE) {
            const char **slot = assess_vec_push(&cyv);
            st = slot ? assess_index_put(&seen, cy, cyv.count - 1) : ASSESS_ERR_NOMEM;
            if (slot)
                *slot = cy;
        }
    }
    size_t ncycles = cyv.count;
    const char **cycles = assess_arena_alloc(s->a, (ncycles ? ncycles : 1) * sizeof *cycles);
    if (cycles && ncycles)
        memcpy(cycles, cyv.data, ncycles * sizeof *cycles);
    assess_vec_cleanup(&cyv);
    if (st == ASSESS_OK && !cycles)
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK) {
        qsort(cycles, ncycles, sizeof *cycles, cmp_cycle_ptr);
        for (size_t k = 0; k < ncycles && st == ASSESS_OK; k++)
            st = assess_index_put(&seen, cycles[k], k);
    }
    c->cycles = cycles;
    c->ncycles = ncycles;
    c->cycle_first = assess_arena_alloc(s->a, (ncycles ? ncycles : 1) * sizeof(size_t));
    c->cycle_count = assess_arena_alloc(s->a, (ncycles ? ncycles : 1) * sizeof(size_t));
    if (st == ASSESS_OK && (!c->cycle_first || !c->cycle_count))
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK &&
        !order_versions(c, sets, nsets, ncycles ? cycles[ncycles - 1] : NULL, version_of_set))
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK && !name_measures(c, s->a))
        st = ASSESS_ERR_NOMEM;

    /* Members by cycle, then in order of appearance. */
    size_t *order = malloc((nas ? nas : 1) * sizeof *order);
    size_t *cyc = malloc((nas ? nas : 1) * sizeof *cyc);
    if (st == ASSESS_OK && (!order || !cyc))
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK) {
        for (size_t f = 0; f < nas; f++) {
            cyc[f] = assess_index_get(&seen, assessment_of(sets, refs[f])->cycle);
            c->cycle_count[cyc[f]]++;
        }
        size_t at = 0;
        for (size_t k = 0; k < ncycles; k++) {
            c->cycle_first[k] = at;
            at += c->cycle_count[k];
        }
        size_t *fill = calloc(ncycles ? ncycles : 1, sizeof *fill);
        if (!fill)
            st = ASSESS_ERR_NOMEM;
        for (size_t f = 0; f < nas && fill; f++)
            order[c->cycle_first[cyc[f]] + fill[cyc[f]]++] = f;
        free(fill);
    }
    assess_index_cleanup(&seen);

    c->nmembers = nas;
    c->members = assess_arena_alloc(s->a, (nas ? nas : 1) * sizeof *c->members);
    c->tenths = malloc(at_least1(nas * c->nmeasures) * sizeof *c->tenths);
    assess_result *res = calloc(nsets ? nsets : 1, sizeof *res);
    size_t have_res = 0;
    if (st == ASSESS_OK && (!c->members || !c->tenths || !res))
        st = ASSESS_ERR_NOMEM;
    for (size_t v = 0; v < c->nversions && st == ASSESS_OK; v++) {
        const assess_questionnaire *qv = c->versions[v].q;
        c->versions[v].categories =
            calloc(at_least1(nas * qv->nitems), sizeof *c->versions[v].categories);
        if (!c->versions[v].categories)
            st = ASSESS_ERR_NOMEM;
        if (st == ASSESS_OK && (st = assess_result_init(&res[v], qv)) == ASSESS_OK)
            have_res++;
    }
    if (st == ASSESS_OK)
        c->categories = c->versions[0].categories;

    /* An entity's submissions of a cycle are its respondents, from one
     * file or several, exactly as `assess score` combines them. */
    for (size_t k = 0; k < nas && st == ASSESS_OK; k++)
        c->versions[version_of_set[refs[order[k]].set]].nmembers++;
    if (st == ASSESS_OK) {
        const member_job job = {.c = c, .sets = sets, .refs = refs, .order = order, .cyc = cyc,
                                .version_of_set = version_of_set, .nsets = nsets};
        st = score_members(&job, nas, res);
    }
    for (size_t v = 0; v < have_res; v++)
        assess_result_cleanup(&res[v]);
    free(res);
    free(order);
    free(cyc);
    free(refs);
    free(version_of_set);
    if (st == ASSESS_OK && !sort_cycles(c))
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK && assess_arena_failed(s->a))
        st = ASSESS_ERR_NOMEM;
    return st;
}

assess_status assess_cohort_build_sets(const assess_responses *const *sets, size_t nsets,
                                       assess_cohort **out, assess_diags *d)
{
    (void)d; /* kept for problems a cohort may find; reading finds them all today */
    *out = NULL;
    assess_cohort *c = calloc(1, sizeof *c);
    struct assess_cohort_state *s = calloc(1, sizeof *s);
    assess_arena *a = assess_arena_new();
    if (!c || !s || !a || nsets == 0) {
        free(c);
        free(s);
        assess_arena_free(a);
        return nsets ? ASSESS_ERR_NOMEM : ASSESS_ERR_USAGE;
    }
    c->q = sets[0]->q;
    c->state = s;
    s->a = a;
    assess_status st = build(c, sets, nsets);
    if (st != ASSESS_OK) {
        assess_cohort_free(c);
        return st;
    }
    *out = c;
    return ASSESS_OK;
}

assess_status assess_cohort_build(const assess_responses *r, assess_cohort **out,
                                  assess_diags *d)
{
    return assess_cohort_build_sets(&r, 1, out, d);
}

/* ## Change between versions */

assess_status assess_cohort_pair_tenths(const assess_cohort *c, size_t now, size_t then,
                                        int32_t *tnow, int32_t *tthen)
{
    const assess_cohort_member *mn = &c->members[now], *mt = &c->members[then];
    const assess_cohort_version *vn = &c->versions[mn->version], *vt = &c->versions[mt->version];
    assess_result a, b;
    if (assess_result_init(&a, vt->q) != ASSESS_OK)
        return ASSESS_ERR_NOMEM;
    if (assess_result_init(&b, vn->q) != ASSESS_OK) {
        assess_result_cleanup(&a);
        return ASSESS_ERR_NOMEM;
    }
    assess_score_compute_scores(vt->r, mt->assessment, &a);
    assess_score_compute_scores(vn->r, mn->assessment, &b);
    assess_change ch;
    assess_status st = assess_change_compute(&a, &b, &ch);
    if (st == ASSESS_OK) {
        member_tenths(c, mn->version, &ch.before, tthen);
        member_tenths(c, mn->version, &ch.after, tnow);
        assess_change_cleanup(&ch);
    }
    assess_result_cleanup(&a);
    assess_result_cleanup(&b);
    return st;
}

/* ## Percentile ranks */

int assess_cohort_min_group(const assess_cohort *c, int requested)
{
    if (requested > 0)
        return requested;
    return c->q->min_group_size > 0 ? c->q->min_group_size : 5;
}

void assess_cohort_ranks(const assess_cohort *c, size_t cycle_index, const assess_result *res,
                         int min_group_size, assess_cohort_rank *ranks)
{
    const struct assess_cohort_state *s = c->state;
    size_t min = (size_t)assess_cohort_min_group(c, min_group_size);
    /* a result on one of the cohort's versions (the same id and version)
     * is ranked on the measures it shares with q; on another
     * questionnaire, measure by measure when it has q's shape */
    size_t v = 0;
    while (v < c->nversions && c->versions[v].q != res->q &&
           !(strcmp(c->versions[v].q->id, res->q->id) == 0 &&
             strcmp(c->versions[v].q->version, res->q->version) == 0))
        v++;
    for (size_t m = 0; m < c->nmeasures; m++) {
        ranks[m] = (assess_cohort_rank){.defined = false, .rank = 0};
        if (cycle_index >= c->ncycles)
            continue;
        int32_t x = ASSESS_COHORT_UNDEFINED;
        if (v < c->nversions && s->measure_map[v][m] != ASSESS_NONE)
            x = assess_cohort_result_tenths(res, s->measure_map[v][m]);
        else if (v == c->nversions && res->q->ndimensions == c->q->ndimensions &&
                 res->q->nthemes == c->q->nthemes)
            x = assess_cohort_result_tenths(res, m);
        size_t cell = cycle_index * c->nmeasures + m;
        size_t n = s->nsorted[cell];
        if (x == ASSESS_COHORT_UNDEFINED || n < min)
            continue;
        ranks[m].defined = true;
        if (s->below_at[cell] == ASSESS_NONE) {
            ranks[m].rank = assess_cohort_rank_of(s->sorted + s->sorted_at[cell], n, x);
            continue;
        }
        const uint32_t *below = s->below + s->below_at[cell];
        size_t less = x < 0 ? 0 : x >= RANK_COUNTS ? n : below[x];
        size_t upto = x < 0 ? 0 : x >= RANK_COUNTS ? n : below[x + 1];
        ranks[m].rank = rank_from_counts(less, upto - less, n);
    }
}
