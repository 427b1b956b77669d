/*
 * cohort_stats.c — the statistics of docs/benchmark.md for one cycle of a cohort:
 * groups (all, each `by` column, population size bands), summaries of the
 * printed scores, shares of item levels, paired change since the previous
 * cycle, suppression of small groups, and the tidy row form.  Everything
 * is integer arithmetic on tenths, so every figure is exact to 0.001.
 */
#include "assess.h"
#include "intl.h"
#include "cohort_internal.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BANDS_MAX        ASSESS_COHORT_BANDS_MAX
#define DEFAULT_BANDS    "10000,50000,100000,250000"
#define NOT_GIVEN        "(not given)"
#define POPULATION       "population"

/* ## Summaries */

/* Sorts v and summarises it; min_n is the suppression threshold. */
static void summarise(int32_t *v, size_t n, size_t min_n, assess_cohort_summary *out)
{
    out->n = n;
    out->suppressed = n < min_n || n == 0;
    if (out->suppressed)
        return;
    assess_cohort_sort(v, n);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += v[i];
    out->min = v[0] / 10.0;
    out->max = v[n - 1] / 10.0;
    out->p10 = (double)assess_cohort_quantile(v, n, 10) / 1000.0;
    out->p25 = (double)assess_cohort_quantile(v, n, 25) / 1000.0;
    out->median = (double)assess_cohort_quantile(v, n, 50) / 1000.0;
    out->p75 = (double)assess_cohort_quantile(v, n, 75) / 1000.0;
    out->p90 = (double)assess_cohort_quantile(v, n, 90) / 1000.0;
    /* mean of tenths, in thousandths: sum·100 / n */
    out->mean = (double)assess_cohort_div_round(sum * 100, (int64_t)n) / 1000.0;
}

/* The value of rank j (from 0) among the n values a histogram counts. */
static int64_t hist_value(const uint32_t *h, size_t bins, int32_t lo, size_t j)
{
    size_t seen = 0;
    for (size_t k = 0; k < bins; k++) {
        seen += h[k];
        if (seen > j)
            return lo + (int64_t)k;
    }
    return lo + (int64_t)bins - 1;
}

/* assess_cohort_quantile on the sorted values a histogram counts. */
static int64_t hist_quantile(const uint32_t *h, size_t bins, int32_t lo, size_t n, int percent)
{
    int64_t t = (int64_t)(n - 1) * percent;
    size_t j = (size_t)(t / 100);
    int64_t r = t % 100;
    int64_t x = hist_value(h, bins, lo, j);
    int64_t v = x * 100;
    if (r && j + 1 < n)
        v += r * (hist_value(h, bins, lo, j + 1) - x);
    return v;
}

/* summarise, from the histogram of n values (bin k counts value lo + k):
 * the same figures without sorting anything. */
static void summarise_hist(const uint32_t *h, size_t bins, int32_t lo, size_t n, size_t min_n,
                           assess_cohort_summary *out)
{
    out->n = n;
    out->suppressed = n < min_n || n == 0;
    if (out->suppressed)
        return;
    int64_t sum = 0;
    size_t first = bins, last = 0;
    for (size_t k = 0; k < bins; k++) {
        if (!h[k])
            continue;
        sum += (int64_t)h[k] * (lo + (int64_t)k);
        if (first == bins)
            first = k;
        last = k;
    }
    out->min = (double)(lo + (int64_t)first) / 10.0;
    out->max = (double)(lo + (int64_t)last) / 10.0;
    out->p10 = (double)hist_quantile(h, bins, lo, n, 10) / 1000.0;
    out->p25 = (double)hist_quantile(h, bins, lo, n, 25) / 1000.0;
    out->median = (double)hist_quantile(h, bins, lo, n, 50) / 1000.0;
    out->p75 = (double)hist_quantile(h, bins, lo, n, 75) / 1000.0;
    out->p90 = (double)hist_quantile(h, bins, lo, n, 90) / 1000.0;
    out->mean = (double)assess_cohort_div_round(sum * 100, (int64_t)n) / 1000.0;
}

/* ## Size bands */

size_t assess_cohort_bands_parse(const char *list, double *bounds, size_t max)
{
    size_t n = 0;
    const char *p = list;
    while (*p) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char buf[64];
        if (len == 0 || len >= sizeof buf || n == max)
            return 0;
        memcpy(buf, p, len);
        buf[len] = '\0';
        double x;
        if (!assess_str_number(buf, &x) || x <= 0 || x != floor(x) || x > 1e15)
            return 0;
        if (n > 0 && x <= bounds[n - 1])
            return 0;
        bounds[n++] = x;
        p += len;
        if (*p == ',')
            p++;
        if (end && !*p)
            return 0; /* a trailing comma */
    }
    return n;
}

static const char *band_label(assess_arena *a, const double *b, size_t nb, size_t k)
{
    char lo[32], hi[32], out[96];
    if (k == 0) {
        assess_format_thousands(b[0], hi, sizeof hi);
        snprintf(out, sizeof out, "under %s", hi);
    } else if (k == nb) {
        assess_format_thousands(b[nb - 1], lo, sizeof lo);
        snprintf(out, sizeof out, "%s and over", lo);
    } else {
        assess_format_thousands(b[k - 1], lo, sizeof lo);
        assess_format_thousands(b[k] - 1, hi, sizeof hi);
        snprintf(out, sizeof out, "%s\xE2\x80\x93%s", lo, hi); /* en dash */
    }
    return assess_arena_strdup(a, out);
}

static const char *meta_find(const assess_meta *meta, size_t n, const char *key)
{
    for (size_t k = 0; k < n; k++) {
        if (strcmp(meta[k].key, key) == 0)
            return meta[k].value;
    }
    for (size_t k = 0; k < n; k++) {
        if (assess_str_ieq(meta[k].key, key))
            return meta[k].value;
    }
    return NULL;
}

static const char *meta_get(const assess_cohort_member *m, const char *key)
{
    return meta_find(m->meta, m->nmeta, key);
}

/* A population as written by people (assess_str_grouped_number):
 * "48210", "48,210", "48 210", "48.210", "48210,0". */
static bool parse_population(const char *v, double *out)
{
    return assess_str_grouped_number(v, out) && *out >= 0;
}

/* ## Groups */

typedef struct {
    const char *by, *name;
    size_t *members; /* member indices into the cohort */
    size_t n;
} proto;

typedef struct {
    const assess_cohort *c;
    assess_cohort_stats *s;
    assess_arena *a;
    assess_vec protos; /* proto */
    size_t first, count; /* the cycle's members */
    assess_diags *d;
    /* members of the cycle paired with one on another version: both
     * printed scores on the shared items (count × nmeasures), else NULL */
    int32_t *xnow, *xthen;
} builder;

static proto *add_proto(builder *b, const char *by, const char *name, size_t cap)
{
    proto *p = assess_vec_push(&b->protos);
    size_t *m = assess_arena_alloc(b->a, (cap ? cap : 1) * sizeof *m);
    if (!p || !m)
        return NULL;
    *p = (proto){.by = by, .name = name, .members = m, .n = 0};
    return p;
}

static int cmp_str_ptr(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

const char *assess_cohort_near_column(const assess_cohort *c, const char *column)
{
    for (size_t i = 0; i < c->nmembers; i++) {
        const assess_cohort_member *m = &c->members[i];
        for (size_t k = 0; k < m->nmeta; k++) {
            if (assess_str_idistance(column, m->meta[k].key, 2) <= 2)
                return m->meta[k].key;
        }
    }
    return NULL;
}

/* A column of numbers (a population, a budget) groups nothing: nearly
 * every value is its own group.  Past this many distinct numbers, the
 * caller is pointed to the size bands. */
#define NUMERIC_GROUPS_MAX 12

static bool all_numbers(const char *const *values, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char *end;
        (void)strtod(values[k], &end);
        if (end == values[k] || *end)
            return false;
    }
    return true;
}

/* One group per distinct value, in byte order; members keep their order.
 * Values are numbered through a hash index first, so only the distinct
 * values are sorted, not every member. */
static assess_status group_by_column(builder *b, const char *column)
{
    size_t *id = malloc((b->count ? b->count : 1) * sizeof *id);
    const char **values = malloc((b->count ? b->count : 1) * sizeof *values);
    size_t *rank = NULL, *count = NULL;
    assess_index ix;
    assess_index_init(&ix);
    assess_status st = id && values ? ASSESS_OK : ASSESS_ERR_NOMEM;
    size_t nvalues = 0, missing = 0;
    for (size_t i = 0; i < b->count && st == ASSESS_OK; i++) {
        const char *v = meta_get(&b->c->members[b->first + i], column);
        id[i] = ASSESS_NONE;
        if (!v || !v[0]) {
            missing++;
            continue;
        }
        id[i] = assess_index_get(&ix, v);
        if (id[i] == ASSESS_NONE) {
            id[i] = nvalues;
            values[nvalues++] = v;
            st = assess_index_put(&ix, v, id[i]);
        }
    }
    if (st == ASSESS_OK && nvalues == 0) {
        const char *near = assess_cohort_near_column(b->c, column);
        assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(NULL),
                         _("--by %s: no %s of cycle %s has a \"%s\" column%s%s%s"), column,
                         b->c->q->entity_label.text, b->s->cycle[0] ? b->s->cycle : _("(none)"),
                         column, near ? _("; did you mean \"") : "", near ? near : "",
                         near ? "\"?" : "");
        st = ASSESS_ERR_USAGE;
    }
    if (st == ASSESS_OK && nvalues > NUMERIC_GROUPS_MAX && all_numbers(values, nvalues))
        assess_diags_add(b->d, ASSESS_WARNING, assess_loc_file(NULL),
                         _("grouping by \"%s\" makes one group for each of its %zu numbers; "
                         "the population size bands (the \"size\" groups, set with "
                         "--bands) group by size instead"),
                         column, nvalues);
    if (st == ASSESS_OK) {
        rank = malloc(nvalues * sizeof *rank);
        count = calloc(nvalues + 1, sizeof *count);
        if (!rank || !count)
            st = ASSESS_ERR_NOMEM;
    }
    if (st == ASSESS_OK) {
        /* values[] is sorted in place; ids stay those of the index */
        const char **sorted = values;
        qsort(sorted, nvalues, sizeof *sorted, cmp_str_ptr);
        for (size_t k = 0; k < nvalues; k++)
            rank[assess_index_get(&ix, sorted[k])] = k;
        for (size_t i = 0; i < b->count; i++)
            count[id[i] == ASSESS_NONE ? nvalues : rank[id[i]]]++;
        const char *by = assess_arena_strdup(b->a, column);
        size_t first = b->protos.count;
        for (size_t k = 0; k <= nvalues && st == ASSESS_OK; k++) {
            if (k == nvalues && missing == 0)
                break;
            const char *name = k < nvalues ? sorted[k] : NOT_GIVEN;
            if (!by || !add_proto(b, by, name, count[k]))
                st = ASSESS_ERR_NOMEM;
        }
        proto *p = (proto *)b->protos.data + first;
        for (size_t i = 0; i < b->count && st == ASSESS_OK; i++) {
            proto *g = &p[id[i] == ASSESS_NONE ? nvalues : rank[id[i]]];
            g->members[g->n++] = b->first + i;
        }
    }
    assess_index_cleanup(&ix);
    free(id);
    free(values);
    free(rank);
    free(count);
    return st;
}

static assess_status choose_bands(builder *b, const assess_cohort_spec *spec, double *bounds,
                                  size_t *nb)
{
    const assess_questionnaire *q = b->c->q;
    if (spec->bands) {
        *nb = assess_cohort_bands_parse(spec->bands, bounds, BANDS_MAX);
        if (*nb == 0) {
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(NULL),
                             _("--bands \"%s\": expected ascending whole numbers separated by "
                               "commas, such as %s"),
                             spec->bands, DEFAULT_BANDS);
            return ASSESS_ERR_USAGE;
        }
        return ASSESS_OK;
    }
    for (size_t k = 0; k < q->nsettings; k++) {
        if (strcmp(q->settings[k].key, "population_bands") != 0)
            continue;
        const char *v = q->settings[k].value.text;
        *nb = assess_cohort_bands_parse(v, bounds, BANDS_MAX);
        if (*nb == 0) {
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(q->path),
                             _("setting population_bands \"%s\": expected ascending whole "
                               "numbers separated by commas, such as %s"),
                             v, DEFAULT_BANDS);
            return ASSESS_ERR_INVALID;
        }
        return ASSESS_OK;
    }
    *nb = assess_cohort_bands_parse(DEFAULT_BANDS, bounds, BANDS_MAX);
    return ASSESS_OK;
}

static assess_status group_by_size(builder *b, const assess_cohort_spec *spec)
{
    bool any = false;
    for (size_t i = b->first; i < b->first + b->count && !any; i++)
        any = meta_get(&b->c->members[i], POPULATION) != NULL;
    if (!any && !spec->bands)
        return ASSESS_OK; /* no populations: no size bands, unless asked */
    double bounds[BANDS_MAX];
    size_t nb = 0;
    assess_status st = choose_bands(b, spec, bounds, &nb);
    if (st != ASSESS_OK)
        return st;
    memcpy(b->s->bands, bounds, nb * sizeof *bounds);
    b->s->nbands = nb;
    if (!any) {
        assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(NULL),
                         _("--bands: no %s of cycle %s has a \"%s\" column"),
                         b->c->q->entity_label.text, b->s->cycle[0] ? b->s->cycle : _("(none)"),
                         POPULATION);
        return ASSESS_ERR_USAGE;
    }
    size_t *band = malloc((b->count ? b->count : 1) * sizeof *band);
    size_t *count = calloc(nb + 2, sizeof *count);
    if (!band || !count) {
        free(band);
        free(count);
        return ASSESS_ERR_NOMEM;
    }
    for (size_t i = 0; i < b->count; i++) {
        const assess_cohort_member *m = &b->c->members[b->first + i];
        const char *v = meta_get(m, POPULATION);
        double pop;
        size_t k = nb + 1; /* not given */
        if (v && parse_population(v, &pop)) {
            k = 0;
            while (k < nb && pop >= bounds[k])
                k++;
        } else if (v) {
            assess_diags_add(b->d, ASSESS_WARNING, assess_loc_file(m->file),
                             _("%s, cycle %s: population \"%s\" is not a number; counted as "
                               "\"%s\" in the size bands"),
                             m->entity, m->cycle[0] ? m->cycle : _("(none)"), v, NOT_GIVEN);
        }
        band[i] = k;
        count[k]++;
    }
    for (size_t k = 0; k <= nb + 1; k++) {
        if (k == nb + 1 && count[k] == 0)
            break;
        const char *name = k <= nb ? band_label(b->a, bounds, nb, k) : NOT_GIVEN;
        proto *p = name ? add_proto(b, "size", name, count[k]) : NULL;
        if (!p) {
            free(band);
            free(count);
            return ASSESS_ERR_NOMEM;
        }
        for (size_t i = 0; i < b->count; i++) {
            if (band[i] == k)
                p->members[p->n++] = b->first + i;
        }
    }
    free(band);
    free(count);
    return ASSESS_OK;
}

/* ## Figures of one group */

/* Histograms of printed scores in tenths (0–1000) and of changes
 * (−1000–1000), per measure, and counts per item category: a group's
 * figures come from these, whatever its size. */
enum { HIST_SCORES = 1001, HIST_CHANGE = 2 * HIST_SCORES - 1 };

typedef struct {
    uint32_t *scores; /* nmeasures × HIST_SCORES */
    uint32_t *change; /* nmeasures × HIST_CHANGE */
    size_t *nscores, *nchange; /* per measure: values counted */
    bool *wide;       /* per measure: a value outside the histogram */
    size_t *counts;   /* nshares: entities per item category */
} histograms;

static assess_status figures(builder *b, const proto *p, const size_t *prev_of,
                             assess_cohort_group *g, int32_t *scratch, histograms *h)
{
    const assess_cohort *c = b->c;
    assess_cohort_stats *s = b->s;
    const assess_questionnaire *q = s->item_q;
    const assess_cohort_version *iv = &c->versions[s->item_version];
    size_t min = (size_t)s->min_group_size;
    *g = (assess_cohort_group){
        .by = p->by, .name = p->name, .entities = p->n, .members = p->members};
    for (size_t k = 0; k < p->n; k++)
        g->item_entities += c->members[p->members[k]].version == s->item_version;
    g->suppressed = p->n < min;
    g->scores = assess_arena_alloc(b->a, c->nmeasures * sizeof *g->scores);
    g->shares = assess_arena_alloc(b->a, (s->nshares ? s->nshares : 1) * sizeof *g->shares);
    if (s->previous)
        g->change = assess_arena_alloc(b->a, c->nmeasures * sizeof *g->change);
    if (!g->scores || !g->shares || (s->previous && !g->change))
        return ASSESS_ERR_NOMEM;
    if (prev_of) {
        for (size_t k = 0; k < p->n; k++)
            g->paired += prev_of[p->members[k] - b->first] != ASSESS_NONE;
    }
    if (g->suppressed) {
        /* Not even a count leaves a group this small. */
        for (size_t m = 0; m < c->nmeasures; m++) {
            g->scores[m].suppressed = true;
            if (g->change)
                g->change[m].suppressed = true;
        }
        g->paired = 0;
        return ASSESS_OK;
    }
    /* One pass over the group's members, row by row (a member's scores
     * and levels lie side by side): each measure's values and changes
     * counted into histograms, each item's categories counted. */
    size_t nm = c->nmeasures;
    uint32_t *hs = h->scores, *hc = h->change;
    memset(hs, 0, nm * HIST_SCORES * sizeof *hs);
    if (g->change)
        memset(hc, 0, nm * HIST_CHANGE * sizeof *hc);
    memset(h->wide, 0, nm * sizeof *h->wide);
    memset(h->counts, 0, (s->nshares ? s->nshares : 1) * sizeof *h->counts);
    for (size_t m = 0; m < nm; m++)
        h->nscores[m] = h->nchange[m] = 0;
    for (size_t k = 0; k < p->n; k++) {
        size_t mem = p->members[k];
        const int32_t *row = c->tenths + mem * nm;
        for (size_t m = 0; m < nm; m++) {
            int32_t v = row[m];
            if (v == ASSESS_COHORT_UNDEFINED)
                continue;
            h->nscores[m]++;
            if (v >= 0 && v < HIST_SCORES)
                hs[m * HIST_SCORES + (size_t)v]++;
            else
                h->wide[m] = true;
        }
        if (g->change) {
            size_t was = prev_of[mem - b->first];
            if (was != ASSESS_NONE) {
                size_t at = mem - b->first;
                bool cross = b->xnow && c->members[was].version != c->members[mem].version;
                const int32_t *now = cross ? b->xnow + at * nm : row;
                const int32_t *then = cross ? b->xthen + at * nm : c->tenths + was * nm;
                for (size_t m = 0; m < nm; m++) {
                    if (now[m] == ASSESS_COHORT_UNDEFINED || then[m] == ASSESS_COHORT_UNDEFINED)
                        continue;
                    int32_t diff = now[m] - then[m];
                    assess_cohort_summary *ch = &g->change[m];
                    ch->rose += diff > 0;
                    ch->fell += diff < 0;
                    ch->same += diff == 0;
                    h->nchange[m]++;
                    if (diff > -HIST_SCORES && diff < HIST_SCORES)
                        hc[m * HIST_CHANGE + (size_t)(diff + HIST_SCORES - 1)]++;
                    else
                        h->wide[m] = true;
                }
            }
        }
        if (c->members[mem].version == s->item_version) {
            const uint8_t *cat = iv->categories + mem * q->nitems;
            for (size_t i = 0; i < q->nitems; i++)
                h->counts[s->share_offset[i] + cat[i]]++;
        }
    }
    for (size_t m = 0; m < nm; m++) {
        if (h->wide[m]) {
            /* a score outside 0–100: sorted the long way */
            size_t n = 0;
            for (size_t k = 0; k < p->n; k++) {
                int32_t v = c->tenths[p->members[k] * nm + m];
                if (v != ASSESS_COHORT_UNDEFINED)
                    scratch[n++] = v;
            }
            summarise(scratch, n, min, &g->scores[m]);
        } else {
            summarise_hist(hs + m * HIST_SCORES, HIST_SCORES, 0, h->nscores[m], min,
                           &g->scores[m]);
        }
        if (!g->change)
            continue;
        assess_cohort_summary *ch = &g->change[m];
        if (h->wide[m]) {
            size_t n = 0;
            for (size_t k = 0; k < p->n; k++) {
                size_t mem = p->members[k];
                size_t was = prev_of[mem - b->first];
                if (was == ASSESS_NONE)
                    continue;
                size_t at = mem - b->first;
                bool cross = b->xnow && c->members[was].version != c->members[mem].version;
                int32_t now = cross ? b->xnow[at * nm + m] : c->tenths[mem * nm + m];
                int32_t then = cross ? b->xthen[at * nm + m] : c->tenths[was * nm + m];
                if (now != ASSESS_COHORT_UNDEFINED && then != ASSESS_COHORT_UNDEFINED)
                    scratch[n++] = now - then;
            }
            summarise(scratch, n, min, ch);
        } else {
            summarise_hist(hc + m * HIST_CHANGE, HIST_CHANGE, -(HIST_SCORES - 1), h->nchange[m],
                           min, ch);
        }
        if (ch->suppressed)
            ch->rose = ch->fell = ch->same = 0;
    }
    for (size_t i = 0; i < q->nitems; i++) {
        double *share = g->shares + s->share_offset[i];
        const size_t *cnt = h->counts + s->share_offset[i];
        for (size_t x = 0; x < s->items[i].ncategories; x++)
            share[x] = g->item_entities
                           ? (double)assess_cohort_div_round(100000 * (int64_t)cnt[x],
                                                             (int64_t)g->item_entities) /
                                 1000.0
                           : 0;
    }
    return ASSESS_OK;
}

/* Each member of the cycle → the same entity's member in the previous
 * cycle, or ASSESS_NONE. */
static size_t *pair_previous(builder *b, size_t prev)
{
    const assess_cohort *c = b->c;
    size_t *out = malloc((b->count ? b->count : 1) * sizeof *out);
    assess_index ix;
    assess_index_init(&ix);
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < c->cycle_count[prev]; i++) {
        size_t m = c->cycle_first[prev] + i;
        ok = assess_index_put(&ix, c->members[m].entity, m) == ASSESS_OK;
    }
    for (size_t i = 0; ok && i < b->count; i++)
        out[i] = assess_index_get(&ix, c->members[b->first + i].entity);
    assess_index_cleanup(&ix);
    if (!ok) {
        free(out);
        return NULL;
    }
    return out;
}

/* The pairs that cross versions, scored on their shared items. */
static assess_status cross_pairs(builder *b, const size_t *prev_of)
{
    const assess_cohort *c = b->c;
    for (size_t i = 0; i < b->count; i++) {
        size_t was = prev_of[i];
        if (was == ASSESS_NONE || c->members[was].version == c->members[b->first + i].version)
            continue;
        if (!b->xnow) {
            b->xnow = malloc(b->count * c->nmeasures * sizeof *b->xnow);
            b->xthen = malloc(b->count * c->nmeasures * sizeof *b->xthen);
            if (!b->xnow || !b->xthen)
                return ASSESS_ERR_NOMEM;
        }
        assess_status st = assess_cohort_pair_tenths(c, b->first + i, was,
                                                     b->xnow + i * c->nmeasures,
                                                     b->xthen + i * c->nmeasures);
        if (st != ASSESS_OK)
            return st;
    }
    return ASSESS_OK;
}

/* The version most members of cycle k answered (on a tie the first);
 * counts, when not NULL, gets how many answered each. */
static size_t main_version(const assess_cohort *c, size_t k, size_t *counts)
{
    size_t local[8] = {0};
    size_t *n = counts ? counts : c->nversions <= 8 ? local : NULL;
    if (!n)
        return 0;
    for (size_t i = c->cycle_first[k]; i < c->cycle_first[k] + c->cycle_count[k]; i++)
        n[c->members[i].version]++;
    size_t best = 0;
    for (size_t v = 1; v < c->nversions; v++)
        if (n[v] > n[best])
            best = v;
    return best;
}

static assess_status compute(builder *b, const assess_cohort_spec *spec)
{
    assess_cohort_stats *s = b->s;
    assess_status st = ASSESS_OK;
    proto *all = add_proto(b, "all", "all", b->count);
    if (!all)
        return ASSESS_ERR_NOMEM;
    for (size_t i = 0; i < b->count; i++)
        all->members[all->n++] = b->first + i;
    for (size_t k = 0; k < spec->nby && st == ASSESS_OK; k++)
        st = group_by_column(b, spec->by[k]);
    if (st == ASSESS_OK)
        st = group_by_size(b, spec);
    if (st != ASSESS_OK)
        return st;

    s->share_offset = assess_arena_alloc(b->a, (s->item_q->nitems ? s->item_q->nitems : 1) *
                                                   sizeof *s->share_offset);
    if (!s->share_offset)
        return ASSESS_ERR_NOMEM;
    for (size_t i = 0; i < s->item_q->nitems; i++) {
        s->share_offset[i] = s->nshares;
        s->nshares += s->items[i].ncategories;
    }
    size_t *prev_of = NULL;
    if (s->previous && !(prev_of = pair_previous(b, s->previous_index)))
        return ASSESS_ERR_NOMEM;
    if (prev_of && (st = cross_pairs(b, prev_of)) != ASSESS_OK) {
        free(prev_of);
        return st;
    }
    int32_t *scratch = malloc((b->count ? b->count : 1) * sizeof *scratch);
    size_t nm = b->c->nmeasures ? b->c->nmeasures : 1;
    histograms h = {
        .scores = malloc(nm * HIST_SCORES * sizeof *h.scores),
        .change = malloc(nm * HIST_CHANGE * sizeof *h.change),
        .nscores = malloc(nm * sizeof *h.nscores),
        .nchange = malloc(nm * sizeof *h.nchange),
        .wide = malloc(nm * sizeof *h.wide),
        .counts = malloc((s->nshares ? s->nshares : 1) * sizeof *h.counts)};
    s->ngroups = b->protos.count;
    s->groups = assess_arena_alloc(b->a, (s->ngroups ? s->ngroups : 1) * sizeof *s->groups);
    if (!scratch || !s->groups || !h.scores || !h.change || !h.nscores || !h.nchange ||
        !h.wide || !h.counts)
        st = ASSESS_ERR_NOMEM;
    const proto *protos = b->protos.data;
    for (size_t k = 0; k < s->ngroups && st == ASSESS_OK; k++)
        st = figures(b, &protos[k], prev_of, &s->groups[k], scratch, &h);
    free(scratch);
    free(h.scores);
    free(h.change);
    free(h.nscores);
    free(h.nchange);
    free(h.wide);
    free(h.counts);
    free(prev_of);
    free(b->xnow);
    free(b->xthen);
    return st;
}

assess_status assess_cohort_stats_compute(const assess_cohort *c, const assess_cohort_spec *spec,
                                          assess_cohort_stats **out, assess_diags *d)
{
    *out = NULL;
    size_t ci = assess_cohort_cycle_find(c, spec->cycle);
    if (ci == ASSESS_NONE) {
        if (!spec->cycle) {
            assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL),
                             _("the responses hold no assessment to benchmark"));
            return ASSESS_ERR_USAGE;
        }
        char list[512] = "";
        size_t used = 0;
        for (size_t k = 0; k < c->ncycles && used + 64 < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "",
                             c->cycles[k][0] ? c->cycles[k] : _("(none)"));
            if (w > 0)
                used += (size_t)w;
        }
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL),
                         _("--cycle %s: no assessment has this cycle (the responses have: %s)"),
                         spec->cycle, list);
        return ASSESS_ERR_USAGE;
    }
    assess_cohort_stats *s = calloc(1, sizeof *s);
    assess_arena *a = assess_arena_new();
    if (!s || !a) {
        free(s);
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    s->arena = a;
    s->cohort = c;
    s->cycle_index = ci;
    s->cycle = c->cycles[ci];
    s->previous_index = ci > 0 ? ci - 1 : ASSESS_NONE;
    s->previous = ci > 0 ? c->cycles[ci - 1] : NULL;
    s->min_group_size = assess_cohort_min_group(c, spec->min_group_size);
    s->version_entities = assess_arena_alloc(a, c->nversions * sizeof *s->version_entities);
    if (s->version_entities) {
        memset(s->version_entities, 0, c->nversions * sizeof *s->version_entities);
        s->item_version = main_version(c, ci, s->version_entities);
    }
    s->item_q = c->versions[s->item_version].q;
    s->items = c->versions[s->item_version].items;
    s->previous_version = s->previous ? main_version(c, ci - 1, NULL) : s->item_version;
    if (s->previous_version != s->item_version)
        s->change_shared_items =
            assess_questionnaire_shared(s->item_q, c->versions[s->previous_version].q, NULL);
    snprintf(s->suppressed_text, sizeof s->suppressed_text, "fewer than %d", s->min_group_size);
    builder b = {.c = c, .s = s, .a = a, .first = c->cycle_first[ci],
                 .count = c->cycle_count[ci], .d = d};
    assess_vec_init(&b.protos, sizeof(proto));
    assess_status st = compute(&b, spec);
    assess_vec_cleanup(&b.protos);
    if (st == ASSESS_OK && assess_arena_failed(a))
        st = ASSESS_ERR_NOMEM;
    if (st != ASSESS_OK) {
        assess_cohort_stats_free(s);
        return st;
    }
    *out = s;
    return ASSESS_OK;
}

void assess_cohort_stats_free(assess_cohort_stats *s)
{
    if (!s)
        return;
    assess_arena_free(s->arena);
    free(s);
}

const assess_cohort_group *assess_cohort_stats_group_of(const assess_cohort_stats *s,
                                                        const char *by,
                                                        const assess_meta *meta, size_t nmeta)
{
    bool size = strcmp(by, "size") == 0;
    const char *v = meta_find(meta, nmeta, size ? POPULATION : by);
    double pop = 0;
    if (!v || !v[0] || (size && !parse_population(v, &pop)))
        return NULL;
    size_t band = 0;
    while (size && band < s->nbands && pop >= s->bands[band])
        band++;
    /* size groups come in band order, every band listed */
    size_t seen = 0;
    for (size_t k = 0; k < s->ngroups; k++) {
        const assess_cohort_group *g = &s->groups[k];
        if (strcmp(g->by, by) != 0)
            continue;
        if (size ? seen++ == band : strcmp(g->name, v) == 0)
            return g;
    }
    return NULL;
}
