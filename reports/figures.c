/*
 * figures.c — turns one city's scores into chart descriptions.  Labels
 * come from the questionnaire (in the report's language), numbers from
 * the result's unrounded scores; nothing is recomputed beyond shares.
 */
#include "figures.h"

#include "text_fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *fig_alloc(report_figure *f, size_t size)
{
    if (f->failed)
        return NULL;
    void **blocks = realloc(f->blocks, (f->nblocks + 1) * sizeof *blocks);
    void *p = blocks ? calloc(1, size ? size : 1) : NULL;
    if (blocks)
        f->blocks = blocks;
    if (!p) {
        f->failed = 1;
        return NULL;
    }
    f->blocks[f->nblocks++] = p;
    return p;
}

static const char *fig_printf(report_figure *f, const char *fmt, const char *a)
{
    size_t n = strlen(fmt) + strlen(a) + 1;
    char *s = fig_alloc(f, n);
    if (s)
        snprintf(s, n, fmt, a);
    return s ? s : "";
}

void *report_figure_alloc(report_figure *f, size_t size)
{
    return fig_alloc(f, size);
}

const char *report_figure_str(report_figure *f, const char *s)
{
    return fig_printf(f, "%s", s);
}

int report_figure_set_palette(report_figure *f, const chart_palette *palette)
{
    chart_palette *p = fig_alloc(f, sizeof *p);
    if (!p)
        return -1;
    *p = *palette;
    f->ch.palette = p;
    return 0;
}

void report_figure_cleanup(report_figure *f)
{
    for (size_t i = 0; i < f->nblocks; i++)
        free(f->blocks[i]);
    free(f->blocks);
    memset(f, 0, sizeof *f);
}

report_figure *report_figure_new(void)
{
    return calloc(1, sizeof(report_figure));
}

void report_figure_free(report_figure *f)
{
    if (f)
        report_figure_cleanup(f);
    free(f);
}

int report_figure_set_brand(report_figure *f, const doc_brand *look)
{
    chart_palette pal = {{look->primary.r, look->primary.g, look->primary.b},
                         {look->accent.r, look->accent.g, look->accent.b}};
    return report_figure_set_palette(f, &pal);
}

int report_figure_write(const report_figure *f, const char *path, double w, double h,
                        char *err, size_t errlen)
{
    return chart_write_file(&f->ch, path, w, h, err, errlen);
}

static const char *const kind_names[REPORT_FIGURE_KIND_COUNT] = {
    "radar", "themes", "items", "levels", "benchmark", "distribution", "trend"};

const char *report_figure_kind_name(report_figure_kind kind)
{
    return (unsigned)kind < REPORT_FIGURE_KIND_COUNT ? kind_names[kind] : "";
}

int report_figure_kind_parse(const char *name)
{
    for (int k = 0; k < REPORT_FIGURE_KIND_COUNT; k++) {
        if (strcmp(kind_names[k], name) == 0)
            return k;
    }
    return -1;
}

static double score_or_zero(const assess_score *s)
{
    /* the printed value, so a chart's label agrees with every table */
    return s->defined ? fmin(100.0, fmax(0.0, s->rounded)) : 0.0;
}

int report_figure_radar(report_figure *f, const assess_result *res, const char *lang,
                        const report_compare *compare, size_t ncompare)
{
    const assess_questionnaire *q = res->q;
    memset(f, 0, sizeof *f);
    size_t n = q->ndimensions;
    const char **axes = fig_alloc(f, n * sizeof *axes);
    double *values = fig_alloc(f, n * sizeof *values);
    if (ncompare > CHART_MAX_COMPARE)
        ncompare = CHART_MAX_COMPARE;
    chart_series *cmp = fig_alloc(f, ncompare * sizeof *cmp);
    if (!axes || !values || !cmp)
        return -1;
    for (size_t d = 0; d < n; d++) {
        const char *label = assess_text_get(&q->dimensions[d].label, lang);
        axes[d] = res->dimensions[d].score.defined
                      ? label
                      : fig_printf(f, l10n_get(lang, "%s (no score)"), label);
        values[d] = score_or_zero(&res->dimensions[d].score);
    }
    for (size_t c = 0; c < ncompare; c++) {
        double *v = fig_alloc(f, n * sizeof *v);
        if (!v)
            return -1;
        for (size_t d = 0; d < n; d++)
            v[d] = isnan(compare[c].values[d]) ? 0 : compare[c].values[d];
        cmp[c] = (chart_series){.name = compare[c].name, .values = v};
    }
    f->ch.value_label = l10n_get(lang, "Score (0–100)");
    if (res->overall.defined) {
        char num[32];
        snprintf(num, sizeof num, "%.1f", res->overall.rounded);
        f->ch.summary = fig_printf(f, l10n_get(lang, "Overall index %s of 100"), num);
    }
    if (n < 3 || n > CHART_RADAR_MAX_AXES) {
        /* A radar needs three axes to enclose an area, and more than a
         * dozen crowd it: show the same scores as bars instead. */
        chart_bar *rows = fig_alloc(f, n * sizeof *rows);
        if (!rows)
            return -1;
        for (size_t d = 0; d < n; d++)
            rows[d] = (chart_bar){.label = axes[d], .value = values[d]};
        f->ch.kind = CHART_BARS;
        f->ch.lang = lang;
        f->ch.bars = (chart_bars){
            .rows = rows, .n_rows = n, .series_name = l10n_get(lang, "Dimension score")};
        return f->failed ? -1 : 0;
    }
    f->ch.kind = CHART_RADAR;
    f->ch.lang = lang;
    f->ch.radar = (chart_radar){
        .axes = axes,
        .n_axes = n,
        .main = {.name = res->assessment ? res->assessment->entity : l10n_get(lang, "Score"),
                 .values = values},
        .compare = ncompare ? cmp : NULL,
        .n_compare = ncompare};
    return f->failed ? -1 : 0;
}

/* Stage labels as the bars' colour key; a bar's key is its stage. */
static const char **stage_keys(report_figure *f, const assess_questionnaire *q, const char *lang,
                               size_t *nkeys)
{
    size_t n = q->nstages < 6 ? q->nstages : 6;
    const char **keys = fig_alloc(f, n * sizeof *keys);
    if (keys) {
        for (size_t k = 0; k < n; k++)
            keys[k] = assess_text_get(&q->stages[k].label, lang);
    }
    *nkeys = n;
    return keys;
}

static size_t stage_key(const assess_questionnaire *q, const assess_score *s, size_t nkeys)
{
    if (!s->stage)
        return 0;
    size_t k = (size_t)(s->stage - q->stages);
    return k < nkeys ? k : nkeys - 1;
}

int report_figure_themes(report_figure *f, const assess_result *res, size_t dimension,
                         const char *lang)
{
    const assess_questionnaire *q = res->q;
    memset(f, 0, sizeof *f);
    chart_bar *rows = fig_alloc(f, q->nthemes * sizeof *rows);
    size_t nkeys;
    const char **keys = stage_keys(f, q, lang, &nkeys);
    if (!rows || !keys)
        return -1;
    size_t n = 0;
    for (size_t t = 0; t < q->nthemes; t++) {
        const assess_theme *th = &q->themes[t];
        const assess_score *s = &res->themes[t].score;
        if ((dimension != ASSESS_NONE && th->dimension != dimension) || !s->defined)
            continue;
        rows[n++] = (chart_bar){.label = assess_text_get(&th->name, lang),
                                .value = score_or_zero(s),
                                .key = stage_key(q, s, nkeys)};
    }
    f->ch.kind = CHART_BARS;
    f->ch.lang = lang;
    f->ch.value_label = l10n_get(lang, "Score (0–100)");
    f->ch.bars = (chart_bars){.rows = rows, .n_rows = n, .keys = keys, .n_keys = nkeys};
    return f->failed ? -1 : n == 0 ? REPORT_FIGURE_EMPTY : 0;
}

int report_figure_items(report_figure *f, const assess_result *res, size_t dimension,
                        const char *lang)
{
    const assess_questionnaire *q = res->q;
    memset(f, 0, sizeof *f);
    const assess_dimension *dim = &q->dimensions[dimension];
    chart_bar *rows = fig_alloc(f, dim->nitems * sizeof *rows);
    if (!rows)
        return -1;
    size_t n = 0;
    for (size_t k = 0; k < dim->nitems; k++) {
        size_t i = dim->items[k];
        const assess_item_result *ir = &res->items[i];
        if (ir->status != ASSESS_ITEM_SCORED)
            continue;
        rows[n++] = (chart_bar){.label = assess_text_get(&q->items[i].text, lang),
                                .value = fmin(100.0, fmax(0.0, 100.0 * ir->score))};
    }
    f->ch.kind = CHART_BARS;
    f->ch.lang = lang;
    f->ch.value_label = l10n_get(lang, "Item score (0–100)");
    f->ch.bars =
        (chart_bars){.rows = rows, .n_rows = n, .series_name = l10n_get(lang, "Item score")};
    return f->failed ? -1 : n == 0 ? REPORT_FIGURE_EMPTY : 0;
}

/* The level names for the stacked chart: a shared scale's labels when
 * every item's scale has the same number of levels, else score bands. */
static size_t level_names(report_figure *f, const assess_questionnaire *q, const char *lang,
                          const char **names, bool *by_level)
{
    size_t nlevels = 0;
    const assess_scale *first = NULL;
    *by_level = true;
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_scale *sc = &q->scales[q->items[i].scale];
        if (!first)
            first = sc;
        if (sc->nlevels != first->nlevels)
            *by_level = false;
    }
    if (first && *by_level && first->nlevels + 1 <= CHART_MAX_LEVELS) {
        nlevels = first->nlevels;
        for (size_t k = 0; k < nlevels; k++)
            names[k] = assess_text_get(&first->choices[first->levels[k]].label, lang);
    } else {
        static const char *const bands[] = {"0–24", "25–49", "50–74", "75–100"};
        *by_level = false;
        nlevels = 4;
        for (size_t k = 0; k < nlevels; k++)
            names[k] = bands[k];
    }
    (void)f;
    names[nlevels] = l10n_get(lang, "Don't know or blank");
    return nlevels + 1;
}

int report_figure_levels(report_figure *f, const assess_result *res, const char *lang)
{
    const assess_questionnaire *q = res->q;
    memset(f, 0, sizeof *f);
    const char **names = fig_alloc(f, (CHART_MAX_LEVELS + 1) * sizeof *names);
    chart_stack_row *rows = fig_alloc(f, q->ndimensions * sizeof *rows);
    if (!names || !rows)
        return -1;
    bool by_level;
    size_t nl = level_names(f, q, lang, names, &by_level);
    size_t n = 0;
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        double *shares = fig_alloc(f, nl * sizeof *shares);
        if (!shares)
            return -1;
        size_t counted = 0;
        for (size_t k = 0; k < dim->nitems; k++) {
            size_t i = dim->items[k];
            const assess_item_result *ir = &res->items[i];
            size_t slot;
            if (ir->status == ASSESS_ITEM_NA)
                continue;
            if (ir->status != ASSESS_ITEM_SCORED) {
                slot = nl - 1;
            } else if (by_level) {
                const assess_scale *sc = &q->scales[q->items[i].scale];
                slot = (size_t)sc->choices[ir->level].level;
            } else {
                double s = 100.0 * ir->score;
                slot = s >= 75 ? 3 : s >= 50 ? 2 : s >= 25 ? 1 : 0;
            }
            shares[slot] += 1;
            counted++;
        }
        if (counted == 0)
            continue;
        for (size_t k = 0; k < nl; k++)
            shares[k] /= (double)counted;
        rows[n++] = (chart_stack_row){.label = assess_text_get(&dim->label, lang),
                                      .shares = shares};
    }
    f->ch.kind = CHART_STACKED;
    f->ch.lang = lang;
    f->ch.stacked = (chart_stacked){
        .levels = names, .n_levels = nl, .rows = rows, .n_rows = n, .last_is_gap = true};
    return f->failed ? -1 : 0;
}

int report_figure_build(report_figure *f, report_figure_kind kind, const assess_result *res,
                        size_t dimension, const char *lang)
{
    switch (kind) {
    case REPORT_FIGURE_RADAR:
        return report_figure_radar(f, res, lang, NULL, 0);
    case REPORT_FIGURE_THEMES:
        return report_figure_themes(f, res, dimension, lang);
    case REPORT_FIGURE_ITEMS:
        return report_figure_items(f, res, dimension == ASSESS_NONE ? 0 : dimension, lang);
    case REPORT_FIGURE_LEVELS:
        return report_figure_levels(f, res, lang);
    default:
        memset(f, 0, sizeof *f);
        return -1;
    }
}

size_t report_figure_rows(const report_figure *f)
{
    switch (f->ch.kind) {
    case CHART_BARS:
        return f->ch.bars.n_rows;
    case CHART_STACKED:
        return f->ch.stacked.n_rows;
    default:
        return 0;
    }
}

/* ## Against a cohort, and across cycles */

static const char *dimension_label(const assess_questionnaire *q, size_t m, const char *lang)
{
    return m == 0 ? report_fmt_overall(lang) : assess_text_get(&q->dimensions[m - 1].label, lang);
}

static const assess_score *measure_score(const assess_result *res, size_t m)
{
    return m == 0 ? &res->overall : &res->dimensions[m - 1].score;
}

int report_figure_benchmark(report_figure *f, const assess_result *res,
                            const assess_cohort_stats *s, const char *lang)
{
    const assess_questionnaire *q = res->q;
    const assess_cohort_group *all = &s->groups[0];
    memset(f, 0, sizeof *f);
    size_t nd = q->ndimensions;
    chart_bar *rows = fig_alloc(f, nd * sizeof *rows);
    if (!rows)
        return -1;
    for (size_t d = 0; d < nd; d++) {
        const assess_cohort_summary *sm = &all->scores[1 + d];
        bool show = !all->suppressed && !sm->suppressed && sm->n > 0;
        rows[d] = (chart_bar){.label = dimension_label(q, 1 + d, lang),
                              .value = score_or_zero(&res->dimensions[d].score),
                              .has_marker = show,
                              .marker = sm->median,
                              .has_band = show,
                              .band_lo = sm->p25,
                              .band_hi = sm->p75};
    }
    f->ch.kind = CHART_BARS;
    f->ch.lang = lang;
    f->ch.value_label = l10n_get(lang, "Score (0–100)");
    f->ch.bars = (chart_bars){.rows = rows,
                              .n_rows = nd,
                              .series_name = fig_printf(f, "%s", res->assessment->entity),
                              .marker_name = l10n_get(lang, "Median of all entities"),
                              .band_name = l10n_get(lang, "Middle half of all entities (p25–p75)")};
    return f->failed ? -1 : nd == 0 ? REPORT_FIGURE_EMPTY : 0;
}

int report_figure_distribution(report_figure *f, const assess_result *res,
                               const assess_cohort_stats *s, const char *lang)
{
    const assess_questionnaire *q = res->q;
    const assess_cohort_group *all = &s->groups[0];
    memset(f, 0, sizeof *f);
    chart_box *rows = fig_alloc(f, (q->ndimensions + 1) * sizeof *rows);
    if (!rows)
        return -1;
    size_t n = 0;
    for (size_t m = 0; m <= q->ndimensions; m++) {
        const assess_cohort_summary *sm = &all->scores[m];
        if (all->suppressed || sm->suppressed || sm->n == 0)
            continue;
        const assess_score *own = measure_score(res, m);
        rows[n++] = (chart_box){.label = dimension_label(q, m, lang),
                                .min = sm->min,
                                .p25 = sm->p25,
                                .median = sm->median,
                                .p75 = sm->p75,
                                .max = sm->max,
                                .n = (int)sm->n,
                                .has_point = own->defined,
                                .point = score_or_zero(own)};
    }
    f->ch.kind = CHART_BOXPLOT;
    f->ch.lang = lang;
    f->ch.value_label = l10n_get(lang, "Score (0–100)");
    f->ch.boxplot = (chart_boxplot){.groups = rows,
                                    .n_groups = n,
                                    .point_name = fig_printf(f, "%s", res->assessment->entity),
                                    .box_name = l10n_get(lang, "Middle half (p25–p75)"),
                                    .median_name = l10n_get(lang, "Median"),
                                    .range_name = l10n_get(lang, "Lowest to highest")};
    return f->failed ? -1 : n == 0 ? REPORT_FIGURE_EMPTY : 0;
}

int report_figure_trend(report_figure *f, const assess_result *const *results, size_t n,
                        const char *lang)
{
    memset(f, 0, sizeof *f);
    if (n < 2)
        return REPORT_FIGURE_EMPTY;
    const assess_questionnaire *q = results[0]->q;
    size_t nm = q->ndimensions + 1 < CHART_LINE_MAX_SERIES ? q->ndimensions + 1
                                                            : CHART_LINE_MAX_SERIES;
    const char **cycles = fig_alloc(f, n * sizeof *cycles);
    chart_series *series = fig_alloc(f, nm * sizeof *series);
    if (!cycles || !series)
        return -1;
    for (size_t k = 0; k < n; k++) {
        const char *cycle = results[k]->assessment->cycle;
        cycles[k] = fig_printf(f, "%s",
                               cycle[0]     ? cycle
                               : k + 1 == n ? l10n_get(lang, "Now")
                                            : l10n_get(lang, "Before"));
    }
    for (size_t m = 0; m < nm; m++) {
        double *v = fig_alloc(f, n * sizeof *v);
        if (!v)
            return -1;
        for (size_t k = 0; k < n; k++) {
            const assess_score *sc = measure_score(results[k], m);
            v[k] = sc->defined ? score_or_zero(sc) : NAN;
        }
        series[m] = (chart_series){dimension_label(q, m, lang), v};
    }
    f->ch.kind = CHART_LINE;
    f->ch.lang = lang;
    f->ch.value_label = l10n_get(lang, "Score (0–100)");
    f->ch.line = (chart_line){.cycles = cycles, .n_cycles = n, .series = series, .n_series = nm};
    return f->failed ? -1 : 0;
}
