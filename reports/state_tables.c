/*
 * state_tables.c — the statewide report's tables of figures by group:
 * Overview (every group of every grouping, with a chart) and Change (with
 * a previous cycle), on pages and in the workbook, their rows grouped (a
 * table per grouping or measure on pages, one sortable table in the
 * workbook); Scores (every figure of every measure and group) and Items
 * (the share of entities at each answer) for the workbook only, whose
 * facts the pages show as the tables by group (state.c).  Every figure is
 * the engine's (assess_cohort_stats).
 */
#include "state_internal.h"
#include "text_fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    report_doc *doc;
    const assess_cohort_stats *s;
    const assess_cohort *c;
    const assess_questionnaire *q;
    const char *lang;
} tables_ctx;

static const char *tr(const tables_ctx *x, const assess_text *t)
{
    return assess_text_get(t, x->lang);
}

static const assess_cohort_group *all_group(const tables_ctx *x)
{
    return &x->s->groups[0];
}

static const char *measure_label(const tables_ctx *x, size_t m)
{
    return report_fmt_measure(x->doc, x->q, x->lang, m);
}

static double answered_share(const tables_ctx *x, const assess_cohort_group *g)
{
    return state_answered_share(x->s, g);
}

static doc_cell number_or_blank(bool show, double v)
{
    return show ? doc_cell_value(v) : doc_cell_text(NULL);
}

static doc_cell count_cell(const tables_ctx *x, bool suppressed, size_t n)
{
    return suppressed ? doc_cell_text(report_fmt_suppressed(x->doc, x->lang, x->s)) : doc_cell_value((double)n);
}

/* The text of a figure the engine rounded to 0.001, with one decimal. */
static const char *stat_text(const tables_ctx *x, double v)
{
    char buf[48];
    return doc_str(x->doc, report_fmt_stat(v, buf, sizeof buf));
}

static doc_cell stat_cell(const tables_ctx *x, bool show, double v, bool sign)
{
    if (!show)
        return doc_cell_text(NULL);
    return (doc_cell){.text = sign && v > 0 ? doc_strf(x->doc, "+%s", stat_text(x, v))
                                            : stat_text(x, v),
                      .has_number = true,
                      .number = v};
}

static doc_cell count_text_cell(const tables_ctx *x, bool suppressed, size_t n)
{
    return suppressed ? doc_cell_text(report_fmt_suppressed(x->doc, x->lang, x->s))
                      : doc_cell_count(x->doc, (double)n);
}

/* A grouping as its rows' group: "All", "By region", "By population size". */
static const char *grouping_text(const tables_ctx *x, const assess_cohort_group *g)
{
    if (g == all_group(x))
        return l10n_get(x->lang, "All");
    return doc_strf(x->doc, l10n_get(x->lang, "By %s"),
                    !strcmp(g->by, "size") ? l10n_get(x->lang, "population size") : g->by);
}

static const char *group_text(const tables_ctx *x, const assess_cohort_group *g)
{
    return g == all_group(x) ? l10n_get(x->lang, "All")
                             : report_fmt_group(x->doc, x->lang, x->s, g);
}

/* ## Overview */

static void overview(tables_ctx *x)
{
    report_doc *doc = x->doc;
    const doc_column cols[] = {
        {l10n_get(x->lang, "Grouping"), 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 20, false, 0, NULL, 0},
        {l10n_get(x->lang, "Group"), 0.36, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 26, false, 0, NULL, 0},
        {l10n_get(x->lang, "Entities"), 0.14, DOC_ALIGN_RIGHT, DOC_CELL_COUNT, 12, false, 0, NULL,
         0},
        {l10n_get(x->lang, "Answers given"), 0.14, DOC_ALIGN_RIGHT, DOC_CELL_SHARE, 10, false, 0,
         NULL, 0},
        {l10n_get(x->lang, "Median overall"), 0.14, DOC_ALIGN_RIGHT, DOC_CELL_SCORE, 10, false, 0,
         NULL, 100},
        {"p25", 0.11, DOC_ALIGN_RIGHT, DOC_CELL_SCORE, 8, false, 0, NULL, 0},
        {"p75", 0.11, DOC_ALIGN_RIGHT, DOC_CELL_SCORE, 8, false, 0, NULL, 0},
    };
    const char *title = doc_strf(doc, l10n_get(x->lang, "Statewide benchmark, cycle %s%s%s"),
                                 x->s->cycle,
                                 x->s->previous ? l10n_get(x->lang, ", compared with ") : "",
                                 x->s->previous ? x->s->previous : "");
    doc_table_open(
        doc,
        &(doc_table_opts){
            .caption = l10n_get(x->lang, "Entities by group"),
            .sheet = l10n_get(x->lang, "Overview"),
            .note = doc_strf(
                doc, "%s. %s %s", title,
                doc_strf(doc,
                         l10n_get(x->lang, "%zu entities. Figures are computed from the printed "
                                           "one-decimal scores; groups with fewer than %d "
                                           "entities show “%s” and no figures."),
                         all_group(x)->entities, x->s->min_group_size,
                         report_fmt_suppressed(x->doc, x->lang, x->s)),
                doc->cover.formats ? doc->cover.formats : ""),
            .filter = true,
            .grouped = true,
            .group_column = 0},
        cols, sizeof cols / sizeof *cols);
    for (size_t k = 0; k < x->s->ngroups; k++) {
        const assess_cohort_group *g = &x->s->groups[k];
        const assess_cohort_summary *sm = &g->scores[ASSESS_COHORT_OVERALL];
        bool show = !g->suppressed && !sm->suppressed && sm->n > 0;
        double share = g->suppressed || g->entities == 0 ? 0 : answered_share(x, g);
        doc_cell cells[7] = {
            doc_cell_text(grouping_text(x, g)),
            {.text = group_text(x, g), .bold = k == 0},
            count_text_cell(x, g->suppressed, g->entities),
            /* one decimal, as in the key figure: a description, not a
             * statistic a reader redoes (the cell keeps it exact) */
            g->suppressed || g->entities == 0
                ? doc_cell_text(NULL)
                : (doc_cell){.text = doc_strf(doc, "%.1f %%", assess_round1(share)),
                             .has_number = true,
                             .number = share / 100.0},
            stat_cell(x, show, sm->median, false),
            stat_cell(x, show, sm->p25, false),
            stat_cell(x, show, sm->p75, false),
        };
        doc_table_row(doc, cells);
    }
    /* the first grouping after "all": the run of groups with its `by` */
    size_t first = 1, count = 0, shown = 0;
    while (first + count < x->s->ngroups &&
           !strcmp(x->s->groups[first + count].by, x->s->groups[first].by)) {
        const assess_cohort_group *g = &x->s->groups[first + count++];
        shown += !g->suppressed && !g->scores[ASSESS_COHORT_OVERALL].suppressed &&
                 g->scores[ASSESS_COHORT_OVERALL].n > 0;
    }
    if (shown) /* a chart of nothing but hidden groups says nothing */
        doc_table_add_chart(
            doc, &(doc_table_chart){
                     .kind = DOC_TABLE_CHART_BARS,
                     .title = doc_strf(doc, l10n_get(x->lang, "Median overall index by %s"),
                                       !strcmp(x->s->groups[first].by, "size")
                                           ? l10n_get(x->lang, "population size")
                                           : x->s->groups[first].by),
                     .category_column = 1,
                     .nseries = 1,
                     .series_columns = {4},
                     .first_row = first,
                     .nrows = count});
}

/* ## Scores */

static void scores(tables_ctx *x)
{
    report_doc *doc = x->doc;
    doc_column cols[13] = {
        {"group_by", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 12, false, 0, NULL, 0},
        {"group", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 20, false, 0, NULL, 0},
        {"measure", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 22, false, 0, NULL, 0},
        {"label", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 30, false, 0, NULL, 0},
        {"n", 0, DOC_ALIGN_LEFT, DOC_CELL_COUNT, 12, false, 0, NULL, 0},
    };
    /* the tidy table's column names, as in the benchmark CSV */
    static const char *const stat[] = {"min", "p10", "p25", "median", "p75", "p90", "max", "mean"};
    for (int k = 0; k < 8; k++)
        cols[5 + k] = (doc_column){stat[k], 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE,  8,
                                   false,   0, NULL,           k == 3 ? 100 : 0};
    doc_table_open(
        doc,
        &(doc_table_opts){.sheet = l10n_get(x->lang, "Scores"), .data_only = true, .filter = true},
        cols, 13);
    for (size_t k = 0; k < x->s->ngroups; k++) {
        const assess_cohort_group *g = &x->s->groups[k];
        for (size_t m = 0; m < x->c->nmeasures; m++) {
            const assess_cohort_summary *sm = &g->scores[m];
            bool show = !g->suppressed && !sm->suppressed && sm->n > 0;
            const double v[8] = {sm->min, sm->p10, sm->p25, sm->median,
                                 sm->p75, sm->p90, sm->max, sm->mean};
            doc_cell cells[13] = {
                doc_cell_text(g->by),
                doc_cell_text(report_fmt_group(x->doc, x->lang, x->s, g)),
                doc_cell_text(x->c->measures[m]),
                doc_cell_text(measure_label(x, m)),
                count_cell(x, g->suppressed, sm->n),
            };
            for (int j = 0; j < 8; j++)
                cells[5 + j] = number_or_blank(show, v[j]);
            doc_table_row(doc, cells);
        }
    }
}

/* ## Items: the share of the cohort at each answer */

/* The column title of an item's category c: the choice's label for a
 * scored choice, else a fixed name. */
static const char *category_title(const tables_ctx *x, size_t item, size_t c)
{
    const assess_questionnaire *q = x->s->item_q;
    const assess_scale *sc = &q->scales[q->items[item].scale];
    if (c < sc->nlevels)
        return tr(x, &sc->choices[sc->levels[c]].label);
    const char *name = x->s->items[item].names[c];
    return !strcmp(name, "na")        ? state_na_label(x->doc, x->lang, q, &item, 1)
           : !strcmp(name, "unknown") ? l10n_get(x->lang, "Don't know")
                                      : l10n_get(x->lang, "Left blank");
}

static size_t title_index(const char **titles, size_t n, const char *t)
{
    for (size_t k = 0; k < n; k++)
        if (!strcmp(titles[k], t))
            return k;
    return n;
}

static void items(tables_ctx *x)
{
    report_doc *doc = x->doc;
    const assess_questionnaire *q = x->s->item_q; /* the cycle's main version */
    const assess_cohort_group *all = all_group(x);
    /* the columns: every scored label in order of first appearance, then
     * not applicable, don't know and blank */
    size_t cap = 3;
    for (size_t i = 0; i < q->nitems; i++)
        cap += x->s->items[i].ncategories;
    const char **titles = calloc(cap, sizeof *titles);
    doc_column *cols = calloc(cap + 3, sizeof *cols);
    doc_cell *cells = calloc(cap + 3, sizeof *cells);
    if (!titles || !cols || !cells)
        goto done;
    size_t nt = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < q->nitems; i++) {
            size_t nl = q->scales[q->items[i].scale].nlevels;
            for (size_t c = 0; c < x->s->items[i].ncategories; c++) {
                if ((pass == 0) != (c < nl))
                    continue;
                const char *t = category_title(x, i, c);
                if (title_index(titles, nt, t) == nt)
                    titles[nt++] = t;
            }
        }
    cols[0] = (doc_column){
        l10n_get(x->lang, "Item"), 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 10, false, 0, NULL, 0};
    cols[1] = (doc_column){
        l10n_get(x->lang, "Question"), 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 50, false, 0, NULL, 0};
    cols[2] = (doc_column){
        l10n_get(x->lang, "Dimension"), 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 16, false, 0, NULL, 0};
    for (size_t k = 0; k < nt; k++)
        cols[3 + k] =
            (doc_column){titles[k], 0, DOC_ALIGN_LEFT, DOC_CELL_SHARE, 11, false, 0, NULL, 1};
    bool hide = all->suppressed || all->entities == 0;
    doc_table_open(
        doc,
        &(doc_table_opts){
            .caption = l10n_get(x->lang, "The share of entities at each answer"),
            .sheet = l10n_get(x->lang, "Items"),
            .note = hide
                        ? doc_strf(doc,
                                   l10n_get(x->lang, "Too few entities to show item figures (%s)."),
                                   report_fmt_suppressed(x->doc, x->lang, x->s))
                    : x->c->nversions > 1
                        ? doc_strf(doc,
                                   l10n_nget(x->lang,
                                             "The %zu entity of cycle %s that answered version %s.",
                                             "All %zu entities of cycle %s that answered version "
                                             "%s.",
                                             all->item_entities),
                                   all->item_entities, x->s->cycle, q->version)
                        : doc_strf(doc,
                                   l10n_nget(x->lang, "The %zu entity of cycle %s.",
                                             "All %zu entities of cycle %s.", all->item_entities),
                                   all->item_entities, x->s->cycle),
            .data_only = true,
            .filter = true},
        cols, 3 + nt);
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_item *it = &q->items[i];
        cells[0] = doc_cell_text(it->id);
        cells[1] = doc_cell_text(tr(x, &it->text));
        cells[2] = doc_cell_text(tr(x, &q->dimensions[it->dimension].label));
        for (size_t k = 0; k < nt; k++)
            cells[3 + k] = doc_cell_text(NULL);
        for (size_t c = 0; !hide && c < x->s->items[i].ncategories; c++) {
            size_t k = title_index(titles, nt, category_title(x, i, c));
            if (k < nt)
                cells[3 + k] = doc_cell_value(all->shares[x->s->share_offset[i] + c] / 100.0);
        }
        doc_table_row(doc, cells);
    }
done:
    free(titles);
    free(cols);
    free(cells);
}

/* ## Change since the previous cycle */

/* Every measure (a table each on pages) for every group. */
static void change(tables_ctx *x)
{
    report_doc *doc = x->doc;
    size_t groups = 0;
    for (size_t k = 0; k < x->s->ngroups; k++)
        groups += x->s->groups[k].change != NULL;
    const doc_column cols[] = {
        {"measure", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 16, false, 0, NULL, 0},
        {"label", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 26, false, 0, NULL, 0},
        {l10n_get(x->lang, "Grouping"), 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 20, false, 0, NULL, 0},
        {l10n_get(x->lang, "Group"), 0.34, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 22, false, 0, NULL, 0},
        {l10n_get(x->lang, "In both cycles"), 0.16, DOC_ALIGN_RIGHT, DOC_CELL_COUNT, 12, false, 0,
         NULL, 0},
        {l10n_get(x->lang, "Median change"), 0.12, DOC_ALIGN_RIGHT, DOC_CELL_SCORE, 10, false, 0,
         NULL, 0},
        {l10n_get(x->lang, "Mean change"), 0.12, DOC_ALIGN_RIGHT, DOC_CELL_SCORE, 10, false, 0,
         NULL, 0},
        {l10n_get(x->lang, "Rose"), 0.09, DOC_ALIGN_RIGHT, DOC_CELL_COUNT, 7, false, 0, NULL, 0},
        {l10n_get(x->lang, "Fell"), 0.09, DOC_ALIGN_RIGHT, DOC_CELL_COUNT, 7, false, 0, NULL, 0},
        {l10n_get(x->lang, "Same"), 0.08, DOC_ALIGN_RIGHT, DOC_CELL_COUNT, 7, false, 0, NULL, 0},
    };
    doc_table_open(
        doc,
        &(doc_table_opts){
            .caption = doc_strf(doc, l10n_get(x->lang, "Change since cycle %s"), x->s->previous),
            .sheet = l10n_get(x->lang, "Change"),
            .note = l10n_get(
                x->lang, "Each entity in both cycles: this cycle's printed score minus the last "
                         "one's, then summarised."),
            .filter = true,
            .grouped = true,
            .group_column = 1,
            /* pages: the overall index and the dimensions (the measures
             * come in that order, then the themes) */
            .page_rows = (1 + x->q->ndimensions) * groups},
        cols, sizeof cols / sizeof *cols);
    for (size_t m = 0; m < x->c->nmeasures; m++) {
        for (size_t k = 0; k < x->s->ngroups; k++) {
            const assess_cohort_group *g = &x->s->groups[k];
            if (!g->change)
                continue;
            const assess_cohort_summary *ch = &g->change[m];
            bool hide = g->suppressed || ch->suppressed;
            doc_cell cells[10] = {
                doc_cell_text(x->c->measures[m]),
                doc_cell_text(measure_label(x, m)),
                doc_cell_text(grouping_text(x, g)),
                {.text = group_text(x, g), .bold = k == 0},
                count_text_cell(x, hide, ch->n),
                stat_cell(x, !hide, ch->median, true),
                stat_cell(x, !hide, ch->mean, true),
                hide ? doc_cell_text(NULL) : doc_cell_count(doc, (double)ch->rose),
                hide ? doc_cell_text(NULL) : doc_cell_count(doc, (double)ch->fell),
                hide ? doc_cell_text(NULL) : doc_cell_count(doc, (double)ch->same),
            };
            doc_table_row(doc, cells);
        }
    }
}

void state_overview_table(report_doc *doc, const assess_cohort_stats *s, const char *lang)
{
    tables_ctx x = {.doc = doc, .s = s, .c = s->cohort, .q = s->cohort->q, .lang = lang};
    overview(&x);
}

void state_data_tables(report_doc *doc, const assess_cohort_stats *s, const char *lang)
{
    tables_ctx x = {.doc = doc, .s = s, .c = s->cohort, .q = s->cohort->q, .lang = lang};
    scores(&x);
    items(&x);
}

void state_change_table(report_doc *doc, const assess_cohort_stats *s, const char *lang)
{
    tables_ctx x = {.doc = doc, .s = s, .c = s->cohort, .q = s->cohort->q, .lang = lang};
    if (s->previous)
        change(&x);
}
