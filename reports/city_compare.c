/*
 * city_compare.c — "How you compare": the entity beside the whole cohort,
 * its region and its population size band (medians, middle halves,
 * percentile ranks), one chosen peer, and its own previous cycle.  The
 * figures are the cohort's (assess.h, "Benchmark cohorts"); nothing is recomputed.
 */
#include "city_internal.h"
#include "state.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One column of comparison: a group of the cohort, or one entity. */
typedef struct {
    const char *name;                 /* "State median", "Lakes median", … */
    const assess_cohort_group *group; /* NULL for an entity */
    const assess_result *entity;
} peer;

static const char *stat_text(city_ctx *c, double v)
{
    char buf[48];
    return doc_str(c->doc, state_number_text(v, buf, sizeof buf));
}

/* The value a peer shows for measure m (0 overall, 1… dimensions), or
 * NaN when it has none to show. */
static double peer_value(const peer *p, size_t m)
{
    if (p->entity) {
        const assess_score *s = m == 0 ? &p->entity->overall : &p->entity->dimensions[m - 1].score;
        return s->defined ? s->rounded : NAN;
    }
    const assess_cohort_summary *sm = &p->group->scores[m];
    return p->group->suppressed || sm->suppressed || sm->n == 0 ? NAN : sm->median;
}

static size_t peers(city_ctx *c, peer *out)
{
    const city_options *o = c->opt;
    const assess_assessment *a = c->res->assessment;
    size_t n = 0;
    if (o->benchmark) {
        out[n++] = (peer){"State median", &o->benchmark->groups[0], NULL};
        const assess_cohort_group *g;
        if (o->region_column &&
            (g = assess_cohort_stats_group_of(o->benchmark, o->region_column, a->meta,
                                              a->nmeta)) != NULL)
            out[n++] = (peer){doc_strf(c->doc, "%s median", g->name), g, NULL};
        if ((g = assess_cohort_stats_group_of(o->benchmark, "size", a->meta, a->nmeta)) != NULL)
            out[n++] = (peer){doc_strf(c->doc, "Size %s median", g->name), g, NULL};
    }
    if (o->peer)
        out[n++] = (peer){doc_str(c->doc, o->peer->assessment->entity), NULL, o->peer};
    return n;
}

/* Plain words for a group too small to show. */
static void suppressed_notes(city_ctx *c, const peer *p, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (!p[k].group || !p[k].group->suppressed)
            continue;
        doc_paragraph(c->doc, DOC_STYLE_NOTE,
                      doc_strf(c->doc,
                               "%s “%s”: %s entities took part, so its figures are not shown. "
                               "Small groups are left out so that no single entity can be "
                               "picked out of them.",
                               !strcmp(p[k].group->by, "size") ? "Size band" : "Group",
                               p[k].group->name, c->opt->benchmark->suppressed_text));
    }
}

static void radar(city_ctx *c, const peer *p, size_t n)
{
    size_t nd = c->q->ndimensions;
    report_compare cmp[CHART_MAX_COMPARE];
    double *values = calloc((n ? n : 1) * (nd ? nd : 1), sizeof *values);
    size_t ncmp = 0;
    for (size_t k = 0; values && k < n && ncmp < CHART_MAX_COMPARE; k++) {
        double *v = values + ncmp * nd;
        bool all = true;
        for (size_t d = 0; d < nd; d++)
            all &= !isnan(v[d] = peer_value(&p[k], 1 + d));
        if (all) /* a polygon with holes would mislead: leave it out */
            cmp[ncmp++] = (report_compare){p[k].name, v};
    }
    report_figure *fig = calloc(1, sizeof *fig);
    city_add_chart(c, fig, fig && values ? report_figure_radar(fig, c->res, c->lang, cmp, ncmp) : -1,
                   270);
    free(values);
}

/* Dimension bars with the state's median as a tick and its middle half
 * as a band. */
static void bars(city_ctx *c)
{
    report_figure *fig = calloc(1, sizeof *fig);
    int built = fig ? report_figure_benchmark(fig, c->res, c->opt->benchmark, c->lang) : -1;
    if (fig && built == 0)
        fig->ch.title = "Your scores against the state";
    city_add_chart(c, fig, built, 60.0 + 30.0 * (double)c->q->ndimensions);
}

static void table(city_ctx *c, const peer *p, size_t n)
{
    const assess_cohort_rank *ranks = c->opt->ranks;
    size_t ncols = 2 + (ranks ? 1 : 0) + n;
    doc_column cols[8];
    size_t k = 0;
    cols[k++] = (doc_column){"Measure", 0.28, DOC_ALIGN_LEFT};
    cols[k++] = (doc_column){c->res->assessment->entity, 0.12, DOC_ALIGN_RIGHT};
    if (ranks)
        cols[k++] = (doc_column){"Percentile rank", 0.14, DOC_ALIGN_RIGHT};
    for (size_t j = 0; j < n && k < 8; j++)
        cols[k++] = (doc_column){p[j].name, (1.0 - 0.54) / (double)(n ? n : 1), DOC_ALIGN_RIGHT};
    doc_table(c->doc, cols, k);
    char buf[32];
    for (size_t m = 0; m <= c->q->ndimensions; m++) {
        doc_cell cells[8] = {{0}};
        const assess_score *s = m == 0 ? &c->res->overall : &c->res->dimensions[m - 1].score;
        size_t j = 0;
        cells[j++] = (doc_cell){.text = m == 0 ? "Overall index"
                                               : city_t(c, &c->q->dimensions[m - 1].label),
                                .bold = m == 0};
        cells[j++] = (doc_cell){.text = doc_str(c->doc, city_score_text(s, buf, sizeof buf)),
                                .bold = true};
        if (ranks)
            cells[j++] = (doc_cell){.text = ranks[m].defined ? doc_strf(c->doc, "%.1f", ranks[m].rank)
                                                              : "–"};
        for (size_t q = 0; q < n && j < ncols && j < 8; q++) {
            double v = peer_value(&p[q], m);
            cells[j++] = (doc_cell){.text = isnan(v) ? "–" : stat_text(c, v)};
        }
        doc_table_row(c->doc, cells);
    }
}

/* The entity's own change since its previous cycle. */
static void since_previous(city_ctx *c)
{
    const assess_result *prev = c->opt->previous;
    const assess_assessment *was = prev->assessment;
    doc_heading(c->doc, 2, "compare:previous",
                doc_strf(c->doc, "Change since %s%s", was->cycle[0] ? "cycle " : "the last assessment",
                         was->cycle));
    static const doc_column cols[] = {{"Measure", 0.4, DOC_ALIGN_LEFT},
                                      {"Before", 0.2, DOC_ALIGN_RIGHT},
                                      {"Now", 0.2, DOC_ALIGN_RIGHT},
                                      {"Change", 0.2, DOC_ALIGN_RIGHT}};
    doc_table(c->doc, cols, 4);
    char a[32], b[32];
    size_t nd = c->q->ndimensions;
    for (size_t m = 0; m <= nd; m++) {
        const assess_score *now = m == 0 ? &c->res->overall : &c->res->dimensions[m - 1].score;
        const assess_score *then = m == 0 ? &prev->overall : &prev->dimensions[m - 1].score;
        const char *change = "–";
        if (now->defined && then->defined) {
            /* printed minus printed, so the column adds up for a reader */
            double d = assess_round1(now->rounded - then->rounded);
            change = doc_strf(c->doc, "%s%.1f", d > 0 ? "+" : "", d);
        }
        doc_cell cells[4] = {
            {.text = m == 0 ? "Overall index" : city_t(c, &c->q->dimensions[m - 1].label),
             .bold = m == 0},
            {.text = doc_str(c->doc, city_score_text(then, a, sizeof a))},
            {.text = doc_str(c->doc, city_score_text(now, b, sizeof b))},
            {.text = change, .bold = true}};
        doc_table_row(c->doc, cells);
    }
    /* the same as a line across the two cycles */
    const assess_result *both[2] = {prev, c->res};
    report_figure *fig = calloc(1, sizeof *fig);
    city_add_chart(c, fig, fig ? report_figure_trend(fig, both, 2, c->lang) : -1, 220);
}

void city_compare(city_ctx *c)
{
    const city_options *o = c->opt;
    peer p[6];
    size_t n = peers(c, p);
    doc_heading(c->doc, 1, "compare", "How you compare");
    if (o->benchmark) {
        const assess_cohort_stats *s = o->benchmark;
        doc_paragraph(
            c->doc, DOC_STYLE_LEAD,
            doc_strf(c->doc,
                     "%s beside the %zu entities of the benchmark's cycle %s: the median of "
                     "all of them, of its own group and of entities of its size. A percentile "
                     "rank of 60 means the score is higher than that of 60 %% of the entities "
                     "(ties count half).",
                     c->res->assessment->entity, s->groups[0].entities, s->cycle));
        suppressed_notes(c, p, n);
    }
    if (n > 0) {
        radar(c, p, n);
        table(c, p, n);
    }
    if (o->benchmark)
        bars(c);
    if (o->previous)
        since_previous(c);
}

/* The comparison as a data sheet: the same figures as the table above,
 * typed, with the change since the previous cycle when there is one. */
void city_compare_sheet(city_ctx *c)
{
    const city_options *o = c->opt;
    peer p[6];
    size_t np = peers(c, p);
    const assess_result *prev = o->previous;
    doc_data_column cols[12];
    size_t n = 0;
    cols[n++] = (doc_data_column){.title = "Measure", .type = DOC_DATA_TEXT, .width = 24};
    cols[n++] = (doc_data_column){.title = c->res->assessment->entity, .type = DOC_DATA_NUMBER,
                                  .width = 14, .level_max = 100};
    size_t rank_col = n;
    if (o->ranks)
        cols[n++] = (doc_data_column){.title = "Percentile rank", .type = DOC_DATA_NUMBER,
                                      .width = 15};
    size_t peer_col = n;
    for (size_t k = 0; k < np && n < 9; k++)
        cols[n++] = (doc_data_column){.title = p[k].name, .type = DOC_DATA_NUMBER, .width = 16};
    size_t prev_col = n;
    if (prev) {
        cols[n++] = (doc_data_column){
            .title = doc_strf(c->doc, "Cycle %s", prev->assessment->cycle[0]
                                                      ? prev->assessment->cycle
                                                      : "before"),
            .type = DOC_DATA_NUMBER,
            .width = 12};
        cols[n++] = (doc_data_column){.title = "Change", .type = DOC_DATA_NUMBER, .width = 10};
    }
    doc_sheet_begin(c->doc, "Comparison", "How you compare",
                    o->benchmark ? doc_strf(c->doc,
                                            "Medians of the benchmark's cycle %s; groups with "
                                            "fewer than %d entities show no figure.",
                                            o->benchmark->cycle, o->benchmark->min_group_size)
                                 : NULL,
                    false, cols, n);
    for (size_t m = 0; m <= c->q->ndimensions; m++) {
        doc_data_cell cells[12] = {{0}};
        const assess_score *s = m == 0 ? &c->res->overall : &c->res->dimensions[m - 1].score;
        cells[0] = doc_data_text(m == 0 ? "Overall index"
                                        : city_t(c, &c->q->dimensions[m - 1].label));
        if (s->defined)
            cells[1] = doc_data_number(s->rounded);
        if (o->ranks && o->ranks[m].defined)
            cells[rank_col] = doc_data_number(o->ranks[m].rank);
        for (size_t k = 0; k < np && peer_col + k < prev_col; k++) {
            double v = peer_value(&p[k], m);
            if (!isnan(v))
                cells[peer_col + k] = doc_data_number(v);
        }
        if (prev) {
            const assess_score *t = m == 0 ? &prev->overall : &prev->dimensions[m - 1].score;
            if (t->defined)
                cells[prev_col] = doc_data_number(t->rounded);
            if (t->defined && s->defined)
                cells[prev_col + 1] = doc_data_number(assess_round1(s->rounded - t->rounded));
        }
        doc_sheet_row(c->doc, cells);
    }
    if (np > 0)
        doc_sheet_chart(c->doc, &(doc_data_chart){.kind = DOC_DATA_CHART_BARS,
                                                  .title = "Dimension scores beside the medians",
                                                  .category_column = 0,
                                                  .nseries = 2,
                                                  .series_columns = {1, peer_col},
                                                  .first_row = 1,
                                                  .nrows = c->q->ndimensions});
}
