/*
 * city_compare.c — "How you compare": the entity beside the whole cohort,
 * its region and its population size band (medians, middle halves,
 * percentile ranks), one chosen peer, and its own previous cycle.  The
 * figures are the cohort's (assess.h, "Benchmark cohorts"); nothing is recomputed.
 */
#include "city_internal.h"

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
    return doc_str(c->doc, report_fmt_stat(v, buf, sizeof buf));
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
        out[n++] = (peer){l10n_get(c->lang, "State median"), &o->benchmark->groups[0], NULL};
        const assess_cohort_group *g;
        if (o->region_column &&
            (g = assess_cohort_stats_group_of(o->benchmark, o->region_column, a->meta,
                                              a->nmeta)) != NULL)
            out[n++] = (peer){doc_strf(c->doc, l10n_get(c->lang, "%s median"),
                                       report_fmt_group(c->doc, c->lang, o->benchmark, g)), g, NULL};
        if ((g = assess_cohort_stats_group_of(o->benchmark, "size", a->meta, a->nmeta)) != NULL)
            out[n++] =
                (peer){doc_strf(c->doc, l10n_get(c->lang, "Size %s median"),
                                        report_fmt_group(c->doc, c->lang, o->benchmark, g)), g, NULL};
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
        doc_paragraph(
            c->doc, DOC_STYLE_NOTE,
            doc_strf(c->doc,
                     l10n_get(c->lang,
                              "%s “%s”: %s entities took part, so its figures are not shown. "
                              "Small groups are left out so that no single entity can be "
                              "picked out of them."),
                     !strcmp(p[k].group->by, "size") ? l10n_get(c->lang, "Size band")
                                                     : l10n_get(c->lang, "Group"),
                     report_fmt_group(c->doc, c->lang, c->opt->benchmark, p[k].group),
                     report_fmt_suppressed(c->doc, c->lang, c->opt->benchmark)));
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
        fig->ch.title = l10n_get(c->lang, "Your scores against the state");
    city_add_chart(c, fig, built, 60.0 + 30.0 * (double)c->q->ndimensions);
}

/* The scores beside the peers' medians, as one table: on pages when there
 * are peers, and the workbook's Comparison sheet, which also carries the
 * previous cycle and the change (pages show those in their own table
 * below, with a line chart). */
static void table(city_ctx *c, const peer *p, size_t np, const assess_change *ch)
{
    const city_options *o = c->opt;
    report_doc *doc = c->doc;
    const assess_result *prev = ch ? &ch->before : NULL;
    /* across versions, the previous cycle and the change are on the
     * shared questions (the entity's own column stays its full score) */
    const char *shared =
        ch && !ch->whole ? doc_strf(doc,
                                    l10n_nget(c->lang, ", %zu shared question",
                                              ", %zu shared questions", ch->nshared),
                                    ch->nshared)
                         : "";
    doc_column cols[12];
    size_t n = 0;
    cols[n++] = (doc_column){
        .title = l10n_get(c->lang, "Measure"), .width = 0.28, .type = DOC_CELL_TEXT, .chars = 24};
    cols[n++] = (doc_column){.title = c->res->assessment->entity,
                             .width = 0.12,
                             .align = DOC_ALIGN_RIGHT,
                             .type = DOC_CELL_SCORE,
                             .chars = 14,
                             .level_max = 100};
    size_t rank_col = n;
    if (o->ranks)
        cols[n++] = (doc_column){.title = l10n_get(c->lang, "Percentile rank"),
                                 .width = 0.14,
                                 .align = DOC_ALIGN_RIGHT,
                                 .type = DOC_CELL_SCORE,
                                 .chars = 15};
    size_t peer_col = n;
    for (size_t k = 0; k < np && n < 8; k++)
        cols[n++] = (doc_column){.title = p[k].name,
                                 .width = (1.0 - 0.54) / (double)np,
                                 .align = DOC_ALIGN_RIGHT,
                                 .type = DOC_CELL_SCORE,
                                 .chars = 16};
    size_t prev_col = n;
    if (prev) { /* width 0: in the workbook only */
        cols[n++] = (doc_column){
            .title = doc_strf(doc, "%s%s",
                              doc_strf(doc, l10n_get(c->lang, "Cycle %s"),
                                       prev->assessment->cycle[0] ? prev->assessment->cycle
                                                                  : l10n_get(c->lang, "before")),
                              shared),
            .type = DOC_CELL_SCORE,
            .chars = 12};
        cols[n++] = (doc_column){.title = doc_strf(doc, "%s%s", l10n_get(c->lang, "Change"), shared),
                                 .type = DOC_CELL_SCORE,
                                 .chars = 10};
    }
    doc_table_open(
        doc,
        &(doc_table_opts){
            .caption = l10n_get(c->lang, "How you compare"),
            .note = o->benchmark
                        ? doc_strf(doc,
                                   l10n_get(c->lang, "Medians of the benchmark's cycle %s; groups "
                                                     "with fewer than %d entities show no figure."),
                                   o->benchmark->cycle, o->benchmark->min_group_size)
                        : NULL,
            .sheet = l10n_get(c->lang, "Comparison"),
            .data_only = np == 0},
        cols, n);
    char buf[32];
    for (size_t m = 0; m <= c->q->ndimensions; m++) {
        doc_cell cells[12] = {{0}};
        const assess_score *s = m == 0 ? &c->res->overall : &c->res->dimensions[m - 1].score;
        cells[0] = (doc_cell){.text = report_fmt_measure(doc, c->q, c->lang, m), .bold = m == 0};
        cells[1] = (doc_cell){.text = doc_str(doc, report_fmt_score(s, buf, sizeof buf)),
                              .bold = true,
                              .has_number = s->defined,
                              .number = s->rounded};
        if (o->ranks)
            cells[rank_col] =
                o->ranks[m].defined ? doc_cell_score(doc, o->ranks[m].rank) : doc_cell_text("–");
        for (size_t k = 0; k < np && peer_col + k < prev_col; k++) {
            double v = peer_value(&p[k], m);
            cells[peer_col + k] =
                isnan(v) ? doc_cell_text("–")
                         : (doc_cell){.text = stat_text(c, v), .has_number = true, .number = v};
        }
        if (prev) {
            const assess_score *t = m == 0 ? &prev->overall : &prev->dimensions[m - 1].score;
            const assess_score *u = m == 0 ? &ch->after.overall : &ch->after.dimensions[m - 1].score;
            if (t->defined)
                cells[prev_col] = doc_cell_value(t->rounded);
            if (t->defined && u->defined)
                cells[prev_col + 1] = doc_cell_value(assess_round1(u->rounded - t->rounded));
        }
        doc_table_row(doc, cells);
    }
    if (np > 0)
        doc_table_add_chart(
            doc,
            &(doc_table_chart){.kind = DOC_TABLE_CHART_BARS,
                               .title = l10n_get(c->lang, "Dimension scores beside the medians"),
                               .category_column = 0,
                               .nseries = 2,
                               .series_columns = {1, peer_col},
                               .first_row = 1,
                               .nrows = c->q->ndimensions});
}

/* The entity's own change since its previous cycle. */
static void since_previous(city_ctx *c, const assess_change *ch)
{
    const assess_result *prev = &ch->before, *res = &ch->after;
    const assess_assessment *was = prev->assessment;
    doc_heading(c->doc, 2, "compare:previous",
                doc_strf(c->doc, l10n_get(c->lang, "Change since %s%s"),
                         was->cycle[0] ? l10n_get(c->lang, "cycle ")
                                       : l10n_get(c->lang, "the last assessment"),
                         was->cycle));
    if (!ch->whole) {
        const assess_questionnaire *qb = c->opt->previous->q;
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            doc_strf(c->doc,
                     l10n_nget(c->lang,
                               "The earlier assessment answered version %s of the questionnaire "
                               "and this one version %s. So that the change measures your "
                               "answers rather than a changed questionnaire, both are scored "
                               "here on the %zu question the two versions share (the same "
                               "question with the same scored answers), weighted as in version "
                               "%s; the scores elsewhere in this report use all %zu questions "
                               "of version %s.",
                               "The earlier assessment answered version %s of the questionnaire "
                               "and this one version %s. So that the change measures your "
                               "answers rather than a changed questionnaire, both are scored "
                               "here on the %zu questions the two versions share (the same "
                               "question with the same scored answers), weighted as in version "
                               "%s; the scores elsewhere in this report use all %zu questions "
                               "of version %s.",
                               ch->nshared),
                     qb->version, c->q->version, ch->nshared, c->q->version, c->q->nitems,
                     c->q->version));
    }
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Measure"), .width = 0.4, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Before"), .width = 0.2, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "Now"), .width = 0.2, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "Change"), .width = 0.2, .align = DOC_ALIGN_RIGHT}};
    doc_table(c->doc, cols, 4);
    char a[32], b[32];
    size_t nd = c->q->ndimensions;
    for (size_t m = 0; m <= nd; m++) {
        const assess_score *now = m == 0 ? &res->overall : &res->dimensions[m - 1].score;
        const assess_score *then = m == 0 ? &prev->overall : &prev->dimensions[m - 1].score;
        const char *change = "–";
        if (now->defined && then->defined) {
            /* printed minus printed, so the column adds up for a reader */
            double d = assess_round1(now->rounded - then->rounded);
            change = doc_strf(c->doc, "%s%.1f", d > 0 ? "+" : "", d);
        }
        doc_cell cells[4] = {{.text = report_fmt_measure(c->doc, c->q, c->lang, m), .bold = m == 0},
                             {.text = doc_str(c->doc, report_fmt_score(then, a, sizeof a))},
                             {.text = doc_str(c->doc, report_fmt_score(now, b, sizeof b))},
                             {.text = change, .bold = true}};
        doc_table_row(c->doc, cells);
    }
    /* the same as a line across the two cycles */
    const assess_result *both[2] = {prev, res};
    report_figure *fig = calloc(1, sizeof *fig);
    city_add_chart(c, fig, fig ? report_figure_trend(fig, both, 2, c->lang) : -1, 220);
}

void city_compare(city_ctx *c)
{
    const city_options *o = c->opt;
    peer p[6];
    size_t n = peers(c, p);
    doc_heading(c->doc, 1, "compare", l10n_get(c->lang, "How you compare"));
    if (o->benchmark) {
        const assess_cohort_stats *s = o->benchmark;
        doc_paragraph(
            c->doc, DOC_STYLE_LEAD,
            doc_strf(
                c->doc,
                l10n_get(c->lang,
                         "%s beside the %zu entities of the benchmark's cycle %s: the median of "
                         "all of them, of its own group and of entities of its size. A percentile "
                         "rank of 60 means the score is higher than that of 60 %% of the entities "
                         "(ties count half)."),
                c->res->assessment->entity, s->groups[0].entities, s->cycle));
        suppressed_notes(c, p, n);
    }
    /* the change on the questions both assessments share: all of them
     * when they answered one version (docs/scoring.md) */
    assess_change ch;
    bool has_change = o->previous && assess_change_compute(o->previous, c->res, &ch) == ASSESS_OK;
    if (n > 0)
        radar(c, p, n);
    table(c, p, n, has_change ? &ch : NULL);
    if (o->benchmark)
        bars(c);
    if (has_change) {
        since_previous(c, &ch);
        assess_change_cleanup(&ch);
    }
}
