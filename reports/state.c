/*
 * state.c — the statewide benchmark report (see state.h): the cohort at
 * a glance, stages and dimensions by group, the items where the state is
 * weakest (its training needs), change since the previous cycle, the
 * full tables per group, and the method.
 */
#include "state.h"

#include "l10n.h"
#include "state_internal.h"
#include "text_fmt.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


typedef struct {
    report_doc *doc;
    const assess_cohort_stats *s;
    const assess_cohort *c;
    const assess_questionnaire *q;
    const state_options *opt;
    const char *lang;
    char num[8][48]; /* scratch for number texts, used round-robin */
    int next;
} state_ctx;

/* A number text that stays valid until eight more are asked for. */
static const char *num(state_ctx *x, double v)
{
    char *buf = x->num[x->next++ % 8];
    return report_fmt_stat(v, buf, sizeof x->num[0]);
}

static const char *tr(const state_ctx *x, const assess_text *t)
{
    return assess_text_get(t, x->lang);
}

static const assess_cohort_group *all_group(const state_ctx *x)
{
    return &x->s->groups[0];
}

static const char *measure_label(const state_ctx *x, size_t m)
{
    return report_fmt_measure(x->doc, x->q, x->lang, m);
}

/* The groupings after "all", as runs of groups with one `by`. */
typedef struct {
    const char *by;
    size_t first, count;
} grouping;

static size_t groupings(const state_ctx *x, grouping *out, size_t max)
{
    size_t n = 0;
    for (size_t k = 1; k < x->s->ngroups; k++) {
        const char *by = x->s->groups[k].by;
        if (n && !strcmp(out[n - 1].by, by)) {
            out[n - 1].count++;
        } else if (n < max) {
            out[n++] = (grouping){by, k, 1};
        }
    }
    return n;
}

/* A grouping's name in a title: the size bands and the usual region
 * column in lang, any other column as it is named in the files. */
static const char *grouping_title(const char *lang, const char *by)
{
    if (!strcmp(by, "size"))
        return l10n_get(lang, "population size");
    return !strcmp(by, "region") ? l10n_get(lang, "region") : by;
}

/* ## Charts */

/* Adds a filled figure; one with nothing in it is dropped (a chart with
 * no rows draws nothing useful); one whose filling ran out of memory
 * fails the document. */
static void add_chart(state_ctx *x, report_figure *fig, size_t nrows, double height)
{
    chart_palette pal = {{x->doc->brand.primary.r, x->doc->brand.primary.g,
                          x->doc->brand.primary.b},
                         {x->doc->brand.accent.r, x->doc->brand.accent.g,
                          x->doc->brand.accent.b}};
    if (nrows == 0 || fig->failed || report_figure_set_palette(fig, &pal) != 0) {
        bool failed = fig->failed;
        report_figure_cleanup(fig);
        free(fig);
        if (failed)
            doc_chart(x->doc, NULL, height);
        return;
    }
    doc_chart(x->doc, fig, height);
}

/* Stacked bars of the share of entities at each stage, for "all" and
 * each unsuppressed group of one grouping (or only "all"). */
static void stage_chart(state_ctx *x, const grouping *g)
{
    const assess_questionnaire *q = x->q;
    const assess_cohort *c = x->c;
    size_t nst = q->nstages < CHART_MAX_LEVELS - 1 ? q->nstages : CHART_MAX_LEVELS - 1;
    report_figure *fig = calloc(1, sizeof *fig);
    if (!fig)
        return;
    size_t cap = 1 + (g ? g->count : 0);
    chart_stack_row *rows = report_figure_alloc(fig, cap * sizeof *rows);
    const char **levels = report_figure_alloc(fig, (nst + 1) * sizeof *levels);
    if (!rows || !levels) {
        add_chart(x, fig, 0, 0);
        return;
    }
    for (size_t k = 0; k < nst; k++)
        levels[k] = report_figure_str(fig, tr(x, &q->stages[k].label));
    levels[nst] = l10n_get(x->lang, "No score");
    size_t n = 0;
    for (size_t k = 0; k < cap; k++) {
        const assess_cohort_group *grp = k == 0 ? all_group(x) : &x->s->groups[g->first + k - 1];
        if (grp->suppressed || grp->entities == 0)
            continue;
        double *shares = report_figure_alloc(fig, (nst + 1) * sizeof *shares);
        if (!shares)
            break;
        for (size_t i = 0; i < grp->entities; i++) {
            int32_t t = c->tenths[grp->members[i] * c->nmeasures + ASSESS_COHORT_OVERALL];
            const assess_stage *st =
                t == ASSESS_COHORT_UNDEFINED ? NULL : assess_questionnaire_stage(q, t / 10.0);
            size_t at = st ? (size_t)(st - q->stages) : nst;
            shares[at < nst ? at : (st ? nst - 1 : nst)] += 1.0 / (double)grp->entities;
        }
        rows[n++] = (chart_stack_row){
            k == 0 ? l10n_get(x->lang, "All") : report_figure_str(fig, report_fmt_group(x->doc, x->lang, x->s, grp)), shares};
    }
    fig->ch.kind = CHART_STACKED;
    fig->ch.lang = x->lang;
    fig->ch.title = g ? report_figure_str(fig, doc_strf(x->doc, l10n_get(x->lang, "Stages by %s"),
                                                        grouping_title(x->lang, g->by)))
                      : l10n_get(x->lang, "Stages");
    fig->ch.stacked = (chart_stacked){
        .levels = levels, .n_levels = nst + 1, .rows = rows, .n_rows = n, .last_is_gap = true};
    add_chart(x, fig, n, 60.0 + 22.0 * (double)n);
}

/* Box plots of one measure: "all" and each unsuppressed group. */
static void box_chart(state_ctx *x, const grouping *g, size_t m)
{
    report_figure *fig = calloc(1, sizeof *fig);
    if (!fig)
        return;
    chart_box *rows = report_figure_alloc(fig, (1 + g->count) * sizeof *rows);
    if (!rows) {
        add_chart(x, fig, 0, 0);
        return;
    }
    size_t n = 0;
    for (size_t k = 0; k <= g->count; k++) {
        const assess_cohort_group *grp = k == 0 ? all_group(x) : &x->s->groups[g->first + k - 1];
        const assess_cohort_summary *sm = &grp->scores[m];
        if (sm->suppressed || sm->n == 0)
            continue;
        rows[n++] = (chart_box){.label = k == 0 ? l10n_get(x->lang, "All")
                                                : report_figure_str(fig, report_fmt_group(x->doc, x->lang, x->s, grp)),
                                .min = sm->min,
                                .p25 = sm->p25,
                                .median = sm->median,
                                .p75 = sm->p75,
                                .max = sm->max,
                                .n = (int)sm->n};
    }
    fig->ch.kind = CHART_BOXPLOT;
    fig->ch.lang = x->lang;
    fig->ch.title =
        report_figure_str(fig, doc_strf(x->doc, l10n_get(x->lang, "%s by %s"), measure_label(x, m),
                                        grouping_title(x->lang, g->by)));
    fig->ch.value_label = l10n_get(x->lang, "Score (0–100)");
    fig->ch.boxplot = (chart_boxplot){.groups = rows,
                                      .n_groups = n,
                                      .box_name = l10n_get(x->lang, "Middle half (p25–p75)"),
                                      .median_name = l10n_get(x->lang, "Median"),
                                      .range_name = l10n_get(x->lang, "Lowest to highest")};
    add_chart(x, fig, n, 80.0 + 22.0 * (double)n);
}

/* ## Cover and overview */

static void cover(state_ctx *x)
{
    report_doc *doc = x->doc;
    char date[64];
    const char *title = x->opt->title ? x->opt->title : l10n_get(x->lang, "Statewide benchmark");
    doc->cover = (doc_cover){
        .title = doc_str(doc, tr(x, &x->q->title)),
        .subtitle = l10n_get(x->lang, "Statewide benchmark report"),
        .entity = doc_str(doc, title),
        .cycle = {l10n_get(x->lang, "Cycle"),
                  x->s->previous ? doc_strf(doc, l10n_get(x->lang, "%s, compared with %s"),
                                            x->s->cycle, x->s->previous)
                                 : doc_str(doc, x->s->cycle)},
        .date = doc_str(doc, report_fmt_date(x->lang, x->opt->created, date, sizeof date)),
        .questionnaire = {l10n_get(x->lang, "Questionnaire"),
                          doc_strf(doc, l10n_get(x->lang, "%s, version %s"), x->q->id,
                                   x->q->version)},
        .prepared_by =
            doc_str(doc, x->opt->prepared_by ? x->opt->prepared_by : doc->brand.organization),
        .contact = doc_str(doc, doc->brand.contact),
    };
    doc->cover.formats = report_fmt_formats(doc, x->lang, doc->cover.prepared_by ? doc->cover.prepared_by
                                                                        : x->opt->title);
    doc->info = (doc_info){
        .title = doc_strf(doc, l10n_get(x->lang, "%s — statewide benchmark report, cycle %s"),
                          title, x->s->cycle),
        .author = doc->cover.prepared_by,
        .subject = doc_strf(doc, l10n_get(x->lang, "%s: statistics of %zu entities"),
                            tr(x, &x->q->title), all_group(x)->entities),
        .keywords =
            l10n_get(x->lang, "racial equity, benchmark, statewide, cohort, training needs"),
        .created = x->opt->created,
        .header = doc_strf(doc, l10n_get(x->lang, "%s · cycle %s — statewide benchmark"), title,
                           x->s->cycle),
        .lang = x->lang,
    };
}

/* 100 · k / n rounded to 0.001, half away from zero, in integers. */
static double percent(size_t k, size_t n)
{
    if (n == 0)
        return 0;
    unsigned long long num = 200000ULL * k + n, den = 2ULL * n;
    return (double)(num / den) / 1000.0;
}

static bool is_gap(const char *name)
{
    return !strcmp(name, "unknown") || !strcmp(name, "missing");
}

/* Counted from the members' levels, not summed from rounded shares: two
 * shares of 16.667 % would add up to 33.334 %, not 2/6. */
double state_answered_share(const assess_cohort_stats *s, const assess_cohort_group *g)
{
    /* item figures are those of the cycle's main version, over its members */
    const assess_cohort *c = s->cohort;
    const uint8_t *cat = c->versions[s->item_version].categories;
    size_t answered = 0, n = s->item_q->nitems;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < g->entities; k++)
            if (c->members[g->members[k]].version == s->item_version)
                answered += !is_gap(s->items[i].names[cat[g->members[k] * n + i]]);
    return percent(answered, g->item_entities * n);
}

const char *state_na_label(report_doc *doc, const char *lang, const assess_questionnaire *q,
                           const size_t *items, size_t n)
{
    const char *out = NULL;
    for (size_t i = 0; i < n; i++) {
        const assess_scale *sc = &q->scales[q->items[items[i]].scale];
        for (size_t k = 0; k < sc->nchoices; k++) {
            if (sc->choices[k].kind != ASSESS_CHOICE_NA)
                continue;
            const char *label = assess_text_get(&sc->choices[k].label, lang);
            if (!out) {
                out = label;
                continue;
            }
            /* each label once: look for it between the separators */
            size_t len = strlen(label);
            bool seen = false;
            for (const char *p = out; !seen && (p = strstr(p, label)) != NULL; p += len)
                seen = (p == out || (p - out >= 3 && !strncmp(p - 3, " / ", 3))) &&
                       (p[len] == '\0' || !strncmp(p + len, " / ", 3));
            if (!seen)
                out = doc_strf(doc, "%s / %s", out, label);
        }
    }
    return out ? out : l10n_get(lang, "Not applicable");
}

static double answered_share(const state_ctx *x, const assess_cohort_group *g)
{
    return state_answered_share(x->s, g);
}

/* A cycle answered on several versions of the questionnaire: how many
 * entities answered each, and what is pooled. */
static void versions_note(state_ctx *x)
{
    const assess_cohort *c = x->c;
    size_t used = 0;
    for (size_t v = 0; v < c->nversions; v++)
        used += x->s->version_entities[v] > 0;
    if (used < 2)
        return;
    report_doc *doc = x->doc;
    const char *list = doc_strf(doc, "%s", "");
    for (size_t v = 0, k = 0; v < c->nversions; v++) {
        size_t n = x->s->version_entities[v];
        if (!n)
            continue;
        /* TRANSLATORS: one item of a list: "412 answered version 1.1.0" */
        const char *item = doc_strf(doc, l10n_nget(x->lang, "%zu answered version %s",
                                                   "%zu answered version %s", n),
                                    n, c->versions[v].q->version);
        list = doc_strf(doc, "%s%s%s", list,
                        k == 0 ? "" : k + 1 == used ? l10n_get(x->lang, " and ") : ", ", item);
        k++;
    }
    doc_paragraph(doc, DOC_STYLE_BODY,
                  doc_strf(doc,
                           l10n_get(x->lang,
                                    "This cycle was answered on %zu versions of the "
                                    "questionnaire: %s. Overall and dimension scores are on the "
                                    "same 0–100 scale and are taken together; the figures on "
                                    "single questions are those of the %zu entities that "
                                    "answered version %s."),
                           used, list, x->s->version_entities[x->s->item_version],
                           x->s->item_q->version));
}

static void overview(state_ctx *x)
{
    report_doc *doc = x->doc;
    const assess_cohort_group *all = all_group(x);
    const assess_cohort_summary *ov = &all->scores[ASSESS_COHORT_OVERALL];
    const char *label = tr(x, &x->q->entity_label);
    doc_heading(doc, 1, "overview", l10n_get(x->lang, "The cohort at a glance"));
    if (ov->suppressed || ov->n == 0) {
        doc_paragraph(
            doc, DOC_STYLE_NOTE,
            doc_strf(doc,
                     l10n_nget(x->lang,
                               "Cycle %s has %zu entity with an overall score, fewer than "
                               "the %d this report needs before it shows any figure.",
                               "Cycle %s has %zu entities with an overall score, fewer than "
                               "the %d this report needs before it shows any figure.",
                               ov->n),
                     x->s->cycle, ov->n, x->s->min_group_size));
        if (x->s->ngroups > 0) /* every group shows "fewer than N" */
            state_overview_table(doc, x->s, x->lang);
        return;
    }
    doc_paragraph(
        doc, DOC_STYLE_LEAD,
        doc_strf(doc,
                 l10n_get(x->lang, "%zu entities (%s) took part in cycle %s. Their median overall "
                                   "index is %s; the middle half of them score between %s and %s, "
                                   "and the range runs from %s to %s."),
                 all->entities, label, x->s->cycle, num(x, ov->median), num(x, ov->p25),
                 num(x, ov->p75), num(x, ov->min), num(x, ov->max)));
    versions_note(x);
    doc_figures(doc);
    doc_figure_add(doc, doc_strf(doc, "%zu", all->entities), l10n_get(x->lang, "Entities"),
                   doc_strf(doc, l10n_get(x->lang, "cycle %s"), x->s->cycle), NULL);
    const assess_stage *st = assess_questionnaire_stage(x->q, assess_round1(ov->median));
    doc_rgb fill = report_fmt_stage_colour(x->q, st, &doc->brand);
    doc_figure_add(doc, num(x, ov->median), l10n_get(x->lang, "Median overall index"),
                   st ? tr(x, &st->label) : NULL, &fill);
    doc_figure_add(doc, doc_strf(doc, "%.1f %%", assess_round1(answered_share(x, all))),
                   l10n_get(x->lang, "Answers given"),
                   l10n_get(x->lang, "not “don't know” or blank"), NULL);
    if (all->change && !all->change[0].suppressed)
        doc_figure_add(doc,
                       doc_strf(doc, "%s%s", all->change[0].median > 0 ? "+" : "",
                                num(x, all->change[0].median)),
                       l10n_get(x->lang, "Median change"),
                       doc_strf(doc,
                                l10n_nget(x->lang, "%zu entity in both cycles",
                                          "%zu entities in both cycles", all->paired),
                                all->paired),
                       NULL);
    for (size_t d = 0; d < x->q->ndimensions; d++) {
        const assess_cohort_summary *sm = &all->scores[1 + d];
        doc_figure_add(doc, sm->suppressed || !sm->n ? "–" : num(x, sm->median),
                       measure_label(x, 1 + d), l10n_get(x->lang, "median"), NULL);
    }
    stage_chart(x, NULL);

    doc_heading(doc, 2, "overview:groups", l10n_get(x->lang, "Entities by group"));
    if (x->s->ngroups > 0)
        state_overview_table(doc, x->s, x->lang);
    grouping gs[16];
    size_t ng = groupings(x, gs, 16);
    for (size_t k = 0; k < ng; k++)
        stage_chart(x, &gs[k]);
}

/* ## Dimensions by group */

static void dimensions(state_ctx *x)
{
    grouping gs[16];
    size_t ng = groupings(x, gs, 16);
    doc_heading(x->doc, 1, "dimensions", l10n_get(x->lang, "Dimensions by group"));
    doc_paragraph(
        x->doc, DOC_STYLE_BODY,
        l10n_get(x->lang,
                 "Each box spans the middle half of the entities (from the 25th to the 75th "
                 "percentile), the line inside it is the median, and the whiskers reach the "
                 "lowest and highest score. Groups smaller than the minimum size are left "
                 "out."));
    for (size_t d = 0; d <= x->q->ndimensions; d++) {
        doc_heading(x->doc, 2, doc_strf(x->doc, "dimensions:%s", x->c->measures[d]),
                    measure_label(x, d));
        for (size_t k = 0; k < ng; k++)
            box_chart(x, &gs[k], d);
        if (ng == 0)
            doc_paragraph(x->doc, DOC_STYLE_SMALL,
                          l10n_get(x->lang,
                                   "No grouping was asked for: add --by region (or another column) "
                                   "to compare groups."));
    }
}

/* ## Training needs */

static int cmp_weakness(const void *a, const void *b)
{
    const state_weakness *x = a, *y = b;
    if (x->low != y->low)
        return x->low > y->low ? -1 : 1;
    return x->item < y->item ? -1 : x->item > y->item;
}

state_weakness *state_weakest_items(const assess_cohort_stats *s, const assess_cohort_group *g)
{
    const assess_cohort *c = s->cohort;
    const assess_questionnaire *q = s->item_q;
    const uint8_t *cats = c->versions[s->item_version].categories;
    state_weakness *w = calloc(q->nitems ? q->nitems : 1, sizeof *w);
    for (size_t i = 0; w && i < q->nitems; i++) {
        const assess_cohort_item *it = &s->items[i];
        size_t nscored = q->scales[q->items[i].scale].nlevels;
        size_t low = 0, high = 0, gap = 0;
        for (size_t k = 0; k < g->entities; k++) {
            if (c->members[g->members[k]].version != s->item_version)
                continue;
            size_t cat = cats[g->members[k] * q->nitems + i];
            if (cat < nscored)
                *(cat < 2 ? &low : &high) += 1;
            else
                gap += is_gap(it->names[cat]);
        }
        w[i] = (state_weakness){i, percent(low, g->item_entities),
                                percent(high, g->item_entities), percent(gap, g->item_entities)};
    }
    if (w)
        qsort(w, q->nitems, sizeof *w, cmp_weakness);
    return w;
}

static void weakest(state_ctx *x)
{
    const assess_questionnaire *q = x->s->item_q;
    const assess_cohort_group *all = all_group(x);
    report_doc *doc = x->doc;
    doc_heading(doc, 1, "weakest", l10n_get(x->lang, "Training needs: where the state is weakest"));
    /* counted from the members' levels (not summed from rounded shares) */
    state_weakness *w = all->suppressed ? NULL : state_weakest_items(x->s, all);
    size_t n = !w ? 0 : q->nitems < STATE_WEAKEST_ITEMS ? q->nitems : STATE_WEAKEST_ITEMS;
    if (all->suppressed)
        doc_paragraph(doc, DOC_STYLE_NOTE,
                      l10n_get(x->lang, "Too few entities to show item figures."));
    else if (w)
        doc_paragraph(
            doc, DOC_STYLE_LEAD,
            doc_strf(doc,
                     l10n_get(x->lang,
                              "The %zu items where the most entities stand at one of the two "
                              "lowest levels of the scale. They are where shared training, "
                              "templates and peer learning would reach the most members."),
                     n));
    const doc_column cols[] = {
        {.title = l10n_get(x->lang, "Rank"),
         .width = 0.06,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_COUNT,
         .chars = 6},
        {.title = l10n_get(x->lang, "Item"), .width = 0.07, .type = DOC_CELL_TEXT, .chars = 10},
        {.title = l10n_get(x->lang, "Question"), .width = 0.46, .type = DOC_CELL_TEXT, .chars = 60},
        {.title = l10n_get(x->lang, "Dimension"),
         .width = 0.14,
         .type = DOC_CELL_TEXT,
         .chars = 16},
        {.title = l10n_get(x->lang, "Two lowest levels"),
         .width = 0.14,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SHARE,
         .chars = 12,
         .level_max = 1},
        {.title = l10n_get(x->lang, "Don't know or blank"),
         .width = 0.13,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SHARE,
         .chars = 12},
    };
    doc_table_open(doc,
                   &(doc_table_opts){
                       .caption = l10n_get(x->lang, "Training needs: where the state is weakest"),
                       .note = all->suppressed
                                   ? l10n_get(x->lang, "Too few entities to show item figures.")
                                   : doc_strf(doc,
                                              l10n_get(x->lang, "The %zu items where the most "
                                                                "entities stand at one of the two "
                                                                "lowest levels of the scale."),
                                              n),
                       .sheet = l10n_get(x->lang, "Training needs"),
                       .data_only = !w,
                       .filter = true},
                   cols, sizeof cols / sizeof *cols);
    for (size_t k = 0; k < n; k++) {
        const assess_item *it = &q->items[w[k].item];
        doc_cell cells[6] = {
            doc_cell_count(doc, (double)(k + 1)),
            doc_cell_text(it->number),
            doc_cell_text(tr(x, &it->text)),
            doc_cell_text(tr(x, &q->dimensions[it->dimension].label)),
            {.text = doc_strf(doc, "%s %%", num(x, w[k].low)),
             .bold = true,
             .has_number = true,
             .number = w[k].low / 100.0},
            {.text = doc_strf(doc, "%s %%", num(x, w[k].gap)),
             .has_number = true,
             .number = w[k].gap / 100.0},
        };
        doc_table_row(doc, cells);
    }
    if (!w)
        return;
    report_figure *fig = calloc(1, sizeof *fig);
    chart_stack_row *rows = fig ? report_figure_alloc(fig, (n ? n : 1) * sizeof *rows) : NULL;
    static const char *const english[] = {L10N_NOOP("Two lowest levels"),
                                          L10N_NOOP("Higher levels"), L10N_NOOP("Not applicable"),
                                          L10N_NOOP("Don't know or blank")};
    /* the chart keeps the names until it is drawn: in the figure's memory */
    const char **levels = fig ? report_figure_alloc(fig, 4 * sizeof *levels) : NULL;
    for (size_t k = 0; levels && k < 4; k++)
        levels[k] = l10n_get(x->lang, english[k]);
    /* the not-applicable share holds every such choice of the items shown */
    size_t *shown = calloc(n ? n : 1, sizeof *shown);
    for (size_t k = 0; shown && k < n; k++)
        shown[k] = w[k].item;
    if (levels && shown)
        levels[2] = state_na_label(doc, x->lang, q, shown, n);
    free(shown);
    for (size_t k = 0; rows && k < n; k++) {
        double *sh = report_figure_alloc(fig, 4 * sizeof *sh);
        if (!sh)
            break;
        sh[0] = w[k].low / 100.0;
        sh[1] = w[k].high / 100.0;
        sh[3] = w[k].gap / 100.0;
        sh[2] = fmax(0.0, 1.0 - sh[0] - sh[1] - sh[3]);
        rows[k] = (chart_stack_row){q->items[w[k].item].number, sh};
    }
    free(w);
    if (fig && levels) {
        fig->ch.kind = CHART_STACKED;
        fig->ch.lang = x->lang;
        fig->ch.title = l10n_get(x->lang, "Where the entities stand on these items");
        fig->ch.stacked = (chart_stacked){
            .levels = levels, .n_levels = 4, .rows = rows, .n_rows = n, .last_is_gap = true};
        add_chart(x, fig, n, 60.0 + 22.0 * (double)n);
    }
}

/* ## Change since the previous cycle */

static void change(state_ctx *x)
{
    if (!x->s->previous)
        return;
    report_doc *doc = x->doc;
    const assess_cohort_group *all = all_group(x);
    doc_heading(doc, 1, "change",
                doc_strf(doc, l10n_get(x->lang, "Change since cycle %s"), x->s->previous));
    doc_paragraph(
        doc, DOC_STYLE_LEAD,
        doc_strf(doc,
                 l10n_nget(x->lang,
                           "%zu entity took part in both cycles. Change is worked out for "
                           "each of them — this cycle's printed score minus the last one's — "
                           "and then summarised, so entities that joined or left do not move "
                           "the figures.",
                           "%zu entities took part in both cycles. Change is worked out for "
                           "each of them — this cycle's printed score minus the last one's — "
                           "and then summarised, so entities that joined or left do not move "
                           "the figures.",
                           all->paired),
                 all->paired));
    if (x->s->change_shared_items)
        doc_paragraph(
            doc, DOC_STYLE_BODY,
            doc_strf(doc,
                     l10n_nget(x->lang,
                               "Cycle %s was answered on version %s of the questionnaire and "
                               "cycle %s on version %s. So that the change measures answers "
                               "rather than a changed questionnaire, both cycles' scores here "
                               "are worked out again on the %zu question the two versions "
                               "share — the same question with the same scored answers — "
                               "weighted as in version %s. The other sections show each "
                               "cycle's full scores.",
                               "Cycle %s was answered on version %s of the questionnaire and "
                               "cycle %s on version %s. So that the change measures answers "
                               "rather than a changed questionnaire, both cycles' scores here "
                               "are worked out again on the %zu questions the two versions "
                               "share — the same question with the same scored answers — "
                               "weighted as in version %s. The other sections show each "
                               "cycle's full scores.",
                               x->s->change_shared_items),
                     x->s->previous, x->c->versions[x->s->previous_version].q->version,
                     x->s->cycle, x->s->item_q->version, x->s->change_shared_items,
                     x->s->item_q->version));
    if (x->s->ngroups > 0)
        state_change_table(doc, x->s, x->lang);
}

/* ## Tables per group */

static void summary_table(state_ctx *x, const grouping *g, size_t m)
{
    report_doc *doc = x->doc;
    const doc_column cols[] = {
        {.title = l10n_get(x->lang, "Group"), .width = 0.25, .align = DOC_ALIGN_LEFT},
        {.title = "n", .width = 0.07, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(x->lang, "Min"), .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = "p10", .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = "p25", .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(x->lang, "Median"), .width = 0.1, .align = DOC_ALIGN_RIGHT},
        {.title = "p75", .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = "p90", .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(x->lang, "Max"), .width = 0.08, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(x->lang, "Mean"), .width = 0.1, .align = DOC_ALIGN_RIGHT}};
    doc_table(doc, cols, 10);
    for (size_t k = 0; k <= (g ? g->count : 0); k++) {
        const assess_cohort_group *grp = k == 0 ? all_group(x) : &x->s->groups[g->first + k - 1];
        const assess_cohort_summary *sm = &grp->scores[m];
        doc_cell cells[10] = {
            {.text = k == 0 ? l10n_get(x->lang, "All") : report_fmt_group(doc, x->lang, x->s, grp), .bold = k == 0}};
        if (sm->suppressed || sm->n == 0) {
            cells[1].text = grp->suppressed ? report_fmt_suppressed(x->doc, x->lang, x->s) : doc_strf(doc, "%zu", sm->n);
            for (int c = 2; c < 10; c++)
                cells[c].text = "";
        } else {
            const double v[] = {sm->min, sm->p10,  sm->p25, sm->median,
                                sm->p75, sm->p90,  sm->max, sm->mean};
            cells[1].text = doc_strf(doc, "%zu", sm->n);
            for (int c = 0; c < 8; c++)
                cells[2 + c].text = doc_str(doc, num(x, v[c]));
        }
        doc_table_row(doc, cells);
    }
}

static void tables(state_ctx *x)
{
    grouping gs[16];
    size_t ng = groupings(x, gs, 16);
    doc_heading(x->doc, 1, "tables", l10n_get(x->lang, "Tables by group"));
    doc_paragraph(
        x->doc, DOC_STYLE_BODY,
        doc_strf(x->doc,
                 l10n_get(x->lang,
                          "Every figure is computed from the printed (one-decimal) scores. "
                          "A group, or a measure, with fewer than %d values shows “%s” and no "
                          "figures, so that no small group's entities can be singled out."),
                 x->s->min_group_size, report_fmt_suppressed(x->doc, x->lang, x->s)));
    for (size_t m = 0; m <= x->q->ndimensions; m++) {
        doc_heading(x->doc, 2, doc_strf(x->doc, "tables:%s", x->c->measures[m]),
                    measure_label(x, m));
        if (ng == 0)
            summary_table(x, NULL, m);
        for (size_t k = 0; k < ng; k++) {
            doc_heading(
                x->doc, 3, NULL,
                doc_strf(x->doc, l10n_get(x->lang, "By %s"), grouping_title(x->lang, gs[k].by)));
            summary_table(x, &gs[k], m);
        }
    }
}

/* ## Members and method */

static void members(state_ctx *x)
{
    const assess_cohort *c = x->c;
    const assess_questionnaire *q = x->q;
    report_doc *doc = x->doc;
    const assess_cohort_group *all = all_group(x);
    doc_heading(doc, 1, "members", l10n_get(x->lang, "Appendix: every entity's scores"));
    size_t ncols = 2 + q->ndimensions;
    doc_column *cols = calloc(ncols, sizeof *cols);
    doc_cell *cells = calloc(ncols, sizeof *cells);
    if (!cols || !cells) {
        free(cols);
        free(cells);
        return;
    }
    double w = 0.55 / (double)(q->ndimensions + 1);
    cols[0] = (doc_column){
        .title = l10n_get(x->lang, "Entity"), .width = 0.45, .type = DOC_CELL_TEXT, .chars = 30};
    for (size_t m = 0; m <= q->ndimensions; m++)
        cols[1 + m] = (doc_column){.title = m ? tr(x, &q->dimensions[m - 1].label)
                                              : l10n_get(x->lang, "Overall"),
                                   .width = w,
                                   .align = DOC_ALIGN_RIGHT,
                                   .type = DOC_CELL_SCORE,
                                   .chars = m ? 12 : 10,
                                   .level_max = 100};
    doc_table_open(doc,
                   &(doc_table_opts){.caption = l10n_get(x->lang, "Every entity's scores"),
                                     .sheet = l10n_get(x->lang, "Members"),
                                     .filter = true},
                   cols, ncols);
    for (size_t k = 0; k < all->entities; k++) {
        size_t mi = all->members[k];
        cells[0] = (doc_cell){.text = c->members[mi].entity};
        for (size_t m = 0; m <= q->ndimensions; m++) {
            int32_t t = c->tenths[mi * c->nmeasures + m];
            cells[1 + m] =
                t == ASSESS_COHORT_UNDEFINED ? doc_cell_text("–") : doc_cell_score(doc, t / 10.0);
        }
        doc_table_row(doc, cells);
    }
    free(cols);
    free(cells);
}

static void method(state_ctx *x)
{
    report_doc *doc = x->doc;
    doc_heading(doc, 1, "method", l10n_get(x->lang, "Appendix: method"));
    doc_paragraph(doc, DOC_STYLE_BODY,
                  l10n_get(x->lang,
                           "One assessment counts per entity and cycle: several respondents of one "
                           "entity are combined first, and when an entity sent its form twice the "
                           "latest submission counts. Each assessment is scored as in the city "
                           "reports, and every statistic here is computed from the printed, "
                           "one-decimal scores."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(x->lang,
                 "Percentiles interpolate linearly between the sorted scores (the method of "
                 "Excel's PERCENTILE.INC and R's default): for n sorted scores x₀ … xₙ₋₁ "
                 "and h = (n − 1) × p, the p-th quantile is x⌊h⌋ + (h − ⌊h⌋) × (x⌊h⌋₊₁ − "
                 "x⌊h⌋). A city's percentile rank is 100 × (number below + half the number "
                 "equal) ÷ n."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        doc_strf(doc,
                 l10n_get(x->lang,
                          "Groups with fewer than %d entities, and measures with fewer than "
                          "%d scores in a group, show no figures. Change since the previous "
                          "cycle pairs each entity with itself."),
                 x->s->min_group_size, x->s->min_group_size));
}

report_doc *state_report_new(const assess_cohort_stats *s, const state_options *opt)
{
    report_doc *doc = doc_new();
    if (!doc)
        return NULL;
    state_ctx x = {.doc = doc,
                   .s = s,
                   .c = s->cohort,
                   .q = s->cohort->q,
                   .opt = opt,
                   .lang = opt->lang ? opt->lang : s->cohort->q->language};
    if (opt->brand) {
        doc->brand = *opt->brand;
        doc->brand.organization = doc_str(doc, opt->brand->organization);
        doc->brand.contact = doc_str(doc, opt->brand->contact);
        doc->brand.logo_png = doc_str(doc, opt->brand->logo_png);
        doc->brand.alternate_formats = doc_str(doc, opt->brand->alternate_formats);
    }
    cover(&x);
    doc_toc(doc, l10n_get(x.lang, "Contents"), REPORT_TOC_MIN_PAGES);
    overview(&x);
    if (s->ngroups > 0)
        state_data_tables(doc, s, x.lang);
    dimensions(&x);
    weakest(&x);
    bool survey = state_survey(doc, s, x.lang);
    change(&x);
    tables(&x);
    if (opt->list_members)
        members(&x);
    method(&x);
    if (!survey || doc_failed(doc)) {
        doc_free(doc);
        return NULL;
    }
    return doc;
}
