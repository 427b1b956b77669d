/*
 * city.c — the city improvement report: cover, at a glance and one
 * section per dimension.  The plan, data gaps and appendix are in
 * city_plan.c.  Every number comes from assess_result as the engine
 * computed it; printed scores use the engine's rounding.
 */
#include "city_internal.h"

#include "commentary.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOP_PRIORITIES 5
#define TOP_STRENGTHS  3

static const doc_rgb grey = {0.62, 0.62, 0.62};

/* ## Small texts */

/* The colour of an answer level, on the same ramp as the stages. */
static doc_rgb level_colour(const city_ctx *c, size_t item)
{
    const assess_choice *ch = city_item_choice(c, item);
    const assess_scale *sc = &c->q->scales[c->q->items[item].scale];
    if (!ch || ch->kind != ASSESS_CHOICE_SCORED)
        return grey;
    return report_fmt_level_colour((size_t)ch->level, sc->nlevels, &c->doc->brand);
}

const assess_choice *city_item_choice(const city_ctx *c, size_t item)
{
    const assess_item_result *ir = &c->res->items[item];
    if (ir->level == ASSESS_NONE)
        return NULL;
    return &c->q->scales[c->q->items[item].scale].choices[ir->level];
}

const char *city_answer_text(const city_ctx *c, size_t item)
{
    const assess_choice *ch = city_item_choice(c, item);
    const assess_scale *sc = &c->q->scales[c->q->items[item].scale];
    if (!ch)
        return l10n_get(c->lang, "Not answered");
    if (ch->kind != ASSESS_CHOICE_SCORED)
        return city_t(c, &ch->label);
    return doc_strf(c->doc, l10n_get(c->lang, "%s (level %d of %zu)"), city_t(c, &ch->label),
                    ch->level, sc->nlevels - 1);
}

const assess_recommendation *city_item_advice(const city_ctx *c, size_t item)
{
    const assess_item_result *ir = &c->res->items[item];
    if (ir->status != ASSESS_ITEM_SCORED || ir->top)
        return NULL;
    return assess_questionnaire_advice(c->q, item, ir->level);
}

const char *city_resources_text(const city_ctx *c, const assess_recommendation *rec)
{
    if (!rec || rec->nresources == 0)
        return NULL;
    /* joined in the document's memory, so running out fails the document
     * rather than dropping the field (a handful of titles) */
    const char *out = doc_str(c->doc, city_t(c, &c->q->resources[rec->resources[0]].title));
    for (size_t k = 1; k < rec->nresources && out; k++)
        out = doc_strf(c->doc, "%s; %s", out, city_t(c, &c->q->resources[rec->resources[k]].title));
    return out;
}

/* ## Cover and document information */

static void cover(city_ctx *c, const char *date)
{
    report_doc *doc = c->doc;
    const assess_assessment *a = c->res->assessment;
    doc->cover = (doc_cover){
        .title = doc_str(doc, city_t(c, &c->q->title)),
        .subtitle = l10n_get(c->lang, "Improvement report"),
        .entity = doc_str(doc, a->entity),
        .cycle = {l10n_get(c->lang, "Assessment cycle"), a->cycle[0] ? doc_str(doc, a->cycle) : NULL},
        .date = doc_str(doc, date),
        .questionnaire = {l10n_get(c->lang, "Questionnaire"),
                          doc_strf(doc, l10n_get(c->lang, "%s, version %s"), c->q->id,
                                   c->q->version)},
        .prepared_for = doc_str(doc, c->opt->prepared_for),
        .prepared_by =
            doc_str(doc, c->opt->prepared_by ? c->opt->prepared_by : doc->brand.organization),
        .contact = doc_str(doc, doc->brand.contact),
        .edition = c->opt->edition == REPORT_EDITION_TEAM ? l10n_get(c->lang, "Team edition")
                                                          : l10n_get(c->lang, "Public edition"),
    };
    const char *by = c->opt->prepared_by ? c->opt->prepared_by : doc->brand.organization;
    doc->cover.formats = report_fmt_formats(doc, c->lang, by && by[0] ? by : a->entity);
    doc->info = (doc_info){
        .title = doc_strf(doc, l10n_get(c->lang, "%s — improvement report%s%s"), a->entity,
                          a->cycle[0] ? " " : "", a->cycle),
        .author = doc_str(doc, c->opt->prepared_by ? c->opt->prepared_by : doc->brand.organization),
        .subject = doc_strf(doc, l10n_get(c->lang, "%s: scores, stages and next steps"),
                            city_t(c, &c->q->title)),
        .keywords = l10n_get(c->lang,
                             "racial equity, self-assessment, Normalize, Organize, Operationalize, "
                             "improvement plan"),
        .created = c->opt->created,
        .header = doc_strf(doc, l10n_get(c->lang, "%s%s%s — improvement report"), a->entity,
                           a->cycle[0] ? " · " : "", a->cycle),
        .lang = c->lang,
    };
}

/* ## At a glance */

static size_t answered_items(const city_ctx *c, size_t *applicable)
{
    size_t n = 0;
    *applicable = 0;
    for (size_t i = 0; i < c->q->nitems; i++) {
        assess_item_status st = c->res->items[i].status;
        *applicable += st != ASSESS_ITEM_NA;
        n += st == ASSESS_ITEM_SCORED;
    }
    return n;
}

static const char *stage_name(const city_ctx *c, const assess_score *s)
{
    return s->defined && s->stage ? city_t(c, &s->stage->label) : l10n_get(c->lang, "no stage");
}

static const char *coverage_text(const city_ctx *c, const assess_group_result *g)
{
    if (!g->has_coverage)
        return l10n_get(c->lang, "every item not applicable");
    return doc_strf(c->doc, l10n_get(c->lang, "%.0f %% answered"),
                    assess_round1(100.0 * g->coverage));
}

/* Plain words for the provisional and insufficient flags. */
static void flags_note(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_group_result *g = &c->res->dimensions[d];
        if (!g->insufficient)
            continue;
        doc_paragraph(
            c->doc, DOC_STYLE_NOTE,
            doc_strf(
                c->doc,
                l10n_get(c->lang,
                         "%s: only %.0f %% of the applicable items were answered, below the "
                         "%.0f %% this questionnaire asks for. Its score rests on too few answers "
                         "to be relied on%s. Answering the open questions (see “Data gaps and "
                         "disagreements”) will firm it up."),
                city_t(c, &q->dimensions[d].label), assess_round1(100.0 * g->coverage),
                100.0 * q->min_coverage,
                c->res->provisional ? l10n_get(c->lang, ", so the overall index is provisional too")
                                    : ""));
    }
}

static void glance_figures(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    const assess_result *res = c->res;
    const doc_brand *brand = &c->doc->brand;
    char buf[32];
    doc_figures(c->doc);
    doc_rgb fill = report_fmt_stage_colour(q, res->overall.stage, brand);
    doc_figure_add(c->doc, report_fmt_score(&res->overall, buf, sizeof buf),
                   l10n_get(c->lang, "Overall index"),
                   doc_strf(c->doc, "%s%s", stage_name(c, &res->overall),
                            res->provisional ? l10n_get(c->lang, " · provisional") : ""),
                   &fill);
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_group_result *g = &res->dimensions[d];
        fill = report_fmt_stage_colour(q, g->score.stage, brand);
        doc_figure_add(c->doc, report_fmt_score(&g->score, buf, sizeof buf),
                       city_t(c, &q->dimensions[d].label),
                       doc_strf(c->doc, "%s · %s", stage_name(c, &g->score), coverage_text(c, g)),
                       &fill);
    }
}

void city_add_chart(city_ctx *c, report_figure *fig, int built, double height)
{
    chart_palette pal = report_fmt_palette(&c->doc->brand);
    if (fig && built == 0 && report_figure_set_palette(fig, &pal) != 0)
        built = -1;
    if (built != 0 || !fig) {
        if (fig)
            report_figure_cleanup(fig);
        free(fig);
        /* an empty figure is left out; one that ran out of memory fails
         * the document (doc_chart of NULL), not a report without it */
        if (built < 0 || !fig)
            doc_chart(c->doc, NULL, height);
        return;
    }
    doc_chart(c->doc, fig, height);
}

static void glance_priorities(city_ctx *c)
{
    const assess_result *res = c->res;
    const assess_questionnaire *q = c->q;
    doc_heading(c->doc, 2, "glance:priorities", l10n_get(c->lang, "Five priorities"));
    if (res->npriorities == 0) {
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            l10n_get(c->lang, "Every applicable item is at its top level: there is no next step to "
                              "rank. Keep the practices in place and share how you got there."));
        return;
    }
    doc_paragraph(
        c->doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "Open questions come first, because every score depends on them; then the "
                 "steps that would raise the overall index most. The gain is how many points "
                 "the index would rise if the item moved up one level."));
    const doc_column cols[] = {
        {.title = "#", .width = 0.05, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "Item"), .width = 0.33, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Now"), .width = 0.18, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Next step"), .width = 0.34, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Gain"), .width = 0.10, .align = DOC_ALIGN_RIGHT}};
    doc_table(c->doc, cols, 5);
    size_t n = res->npriorities < TOP_PRIORITIES ? res->npriorities : TOP_PRIORITIES;
    for (size_t k = 0; k < n; k++) {
        size_t i = res->priorities[k];
        const assess_item_result *ir = &res->items[i];
        const assess_recommendation *rec = city_item_advice(c, i);
        bool gap = k < res->ngaps;
        doc_cell cells[5] = {
            {.text = doc_strf(c->doc, "%zu", k + 1)},
            {.text = report_fmt_question(c->doc, q, i, c->lang)},
            {.text = city_answer_text(c, i)},
            {.text =
                 gap   ? l10n_get(c->lang,
                                  "Find out the answer: ask who would know, and record the evidence.")
                 : rec ? city_t(c, &rec->action)
                       : l10n_get(c->lang, "Move up one level.")},
            {.text = gap ? "—" : doc_strf(c->doc, "+%.1f", assess_round1(ir->gain))},
        };
        doc_table_row(c->doc, cells);
    }
}

/* The scores as one table: under the radar on pages, and the workbook's
 * Summary sheet with its native charts. */
static void glance_table(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    const assess_result *res = c->res;
    const city_options *o = c->opt;
    report_doc *doc = c->doc;
    bool ranks = o->ranks != NULL;
    const doc_column cols[6] = {
        {.title = l10n_get(c->lang, "Measure"), .width = 0.30, .type = DOC_CELL_TEXT, .chars = 28},
        {.title = l10n_get(c->lang, "Score"),
         .width = 0.11,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SCORE,
         .chars = 10,
         .level_max = 100},
        {.title = l10n_get(c->lang, "Stage"), .width = 0.17, .type = DOC_CELL_TEXT, .chars = 16},
        {.title = l10n_get(c->lang, "Coverage"),
         .width = 0.13,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SHARE,
         .chars = 11},
        {.title = l10n_get(c->lang, "Insufficient"),
         .width = 0.14,
         .type = DOC_CELL_TEXT,
         .chars = 12},
        {.title = l10n_get(c->lang, "Percentile rank"),
         .width = 0.15,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SCORE,
         .chars = 15},
    };
    const assess_assessment *a = res->assessment;
    doc_table_open(doc,
                   &(doc_table_opts){
                       .caption = l10n_get(c->lang, "Scores by dimension"),
                       .note = doc_strf(doc, "%s %s %s", doc_strf(
                           doc, l10n_get(c->lang, "%s%s%s — %s. Questionnaire %s %s. %s"),
                           a->entity, a->cycle[0] ? l10n_get(c->lang, ", cycle ") : "", a->cycle,
                           city_t(c, &q->title), q->id, q->version,
                           res->provisional
                               ? l10n_get(c->lang, "Provisional: a dimension has too few answers.")
                               : l10n_get(c->lang, "Scores 0–100, rounded to one decimal.")),
                           doc->cover.edition ? doc->cover.edition : "",
                           doc->cover.formats ? doc->cover.formats : ""),
                       .sheet = l10n_get(c->lang, "Summary")},
                   cols, ranks ? 6 : 5);
    for (size_t m = 0; m <= q->ndimensions; m++) {
        const assess_score *s = m == 0 ? &res->overall : &res->dimensions[m - 1].score;
        const assess_group_result *g = m == 0 ? NULL : &res->dimensions[m - 1];
        doc_cell cells[6] = {
            {.text = report_fmt_measure(doc, q, c->lang, m), .bold = m == 0},
            s->defined ? doc_cell_score(doc, s->rounded) : doc_cell_text("–"),
            doc_cell_text(s->defined && s->stage ? city_t(c, &s->stage->label) : NULL),
            g && g->has_coverage ? doc_cell_share(doc, g->coverage) : doc_cell_text(NULL),
            doc_cell_text(g ? (g->insufficient ? l10n_get(c->lang, "yes") : l10n_get(c->lang, "no"))
                            : (res->provisional ? l10n_get(c->lang, "provisional")
                                                : l10n_get(c->lang, "no"))),
            ranks && o->ranks[m].defined ? doc_cell_score(doc, o->ranks[m].rank)
                                         : doc_cell_text(NULL),
        };
        doc_table_row(doc, cells);
    }
    /* the dimensions' rows, 1 … ndimensions */
    doc_table_add_chart(doc, &(doc_table_chart){.kind = q->ndimensions >= 3 ? DOC_TABLE_CHART_RADAR
                                                                            : DOC_TABLE_CHART_BARS,
                                                .title = l10n_get(c->lang, "Dimension scores"),
                                                .category_column = 0,
                                                .nseries = 1,
                                                .series_columns = {1},
                                                .first_row = 1,
                                                .nrows = q->ndimensions});
    doc_table_add_chart(
        doc, &(doc_table_chart){.kind = DOC_TABLE_CHART_BARS,
                                .title = doc_strf(doc, l10n_get(c->lang, "%s and dimensions"),
                                                  report_fmt_overall(c->lang)),
                                .category_column = 0,
                                .nseries = 1,
                                .series_columns = {1},
                                .first_row = 0,
                                .nrows = q->ndimensions + 1});
}

static void glance(city_ctx *c)
{
    const assess_result *res = c->res;
    const assess_questionnaire *q = c->q;
    const assess_assessment *a = res->assessment;
    report_doc *doc = c->doc;
    char buf[32];
    doc_heading(doc, 1, "glance", l10n_get(c->lang, "At a glance"));
    size_t applicable, answered = answered_items(c, &applicable);
    const assess_stage *st = res->overall.defined ? res->overall.stage : NULL;
    if (res->overall.defined)
        doc_paragraph(
            doc, DOC_STYLE_LEAD,
            doc_strf(doc,
                     l10n_get(c->lang,
                              "%s scores %s out of 100 on the overall index, which places it "
                              "at the %s stage. %s"),
                     a->entity, report_fmt_score(&res->overall, buf, sizeof buf),
                     st ? city_t(c, &st->label) : "first", st ? city_t(c, &st->description) : ""));
    else
        doc_paragraph(
            doc, DOC_STYLE_LEAD,
            doc_strf(doc,
                     l10n_get(c->lang, "%s has no overall score yet: no item was answered with a "
                                       "scored level."),
                     a->entity));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        doc_strf(
            doc,
            l10n_get(c->lang, "The team answered %zu of the %zu applicable items%s. Scores run "
                              "from 0 to 100 in each of the %zu dimensions; the overall index "
                              "combines them by their weights. The appendix shows the method "
                              "step by step."),
            answered, applicable,
            res->nrespondents > 1
                ? doc_strf(doc, l10n_get(c->lang, " (%zu respondents combined)"), res->nrespondents)
                : "",
            q->ndimensions));
    glance_figures(c);
    flags_note(c);

    report_figure *fig = calloc(1, sizeof *fig);
    city_add_chart(c, fig, fig ? report_figure_radar(fig, res, c->lang, NULL, 0) : -1, 250);
    glance_table(c);

    doc_heading(doc, 2, "glance:strengths", l10n_get(c->lang, "Strengths"));
    if (res->nstrengths == 0) {
        doc_paragraph(
            doc, DOC_STYLE_BODY,
            l10n_get(c->lang,
                     "No item is at its top level yet. The first steps of the plan build the "
                     "foundations that later strengths rest on."));
    } else {
        doc_bullets(doc);
        size_t n = res->nstrengths < TOP_STRENGTHS ? res->nstrengths : TOP_STRENGTHS;
        for (size_t k = 0; k < n; k++) {
            size_t i = res->strengths[k];
            doc_bullet(doc, doc_strf(doc, "%s (%s)", report_fmt_question(doc, q, i, c->lang),
                                     city_t(c, &q->dimensions[q->items[i].dimension].label)));
        }
        if (res->nstrengths > n)
            doc_paragraph(
                doc, DOC_STYLE_SMALL,
                doc_strf(doc,
                         l10n_nget(c->lang,
                                   "%zu more item is at its top level; the dimension sections "
                                   "list them all.",
                                   "%zu more items are at their top level; the dimension "
                                   "sections list them all.",
                                   res->nstrengths - n),
                         res->nstrengths - n));
    }
    glance_priorities(c);
}

/* ## One section per dimension */

static const char *respondents_text(const city_ctx *c, size_t item)
{
    const assess_assessment *a = c->res->assessment;
    if (a->nsubmissions < 2 || !city_team(c))
        return NULL;
    const assess_scale *sc = &c->q->scales[c->q->items[item].scale];
    char buf[1024] = "";
    size_t used = 0;
    for (size_t ch = 0; ch < sc->nchoices; ch++) {
        size_t n = 0;
        for (size_t k = 0; k < a->nsubmissions; k++)
            n += c->r->submissions[a->submissions[k]].answers[item] == ch + 1;
        if (n && used < sizeof buf)
            used += (size_t)snprintf(buf + used, sizeof buf - used, "%s%zu × %s",
                                     used ? ", " : "", n, city_t(c, &sc->choices[ch].label));
    }
    const assess_item_result *ir = &c->res->items[item];
    if (ir->nempty && used < sizeof buf)
        snprintf(buf + used, sizeof buf - used, l10n_get(c->lang, "%s%zu left blank"),
                 used ? ", " : "", ir->nempty);
    return doc_strf(c->doc, "%s%s", buf,
                    ir->disagreement
                        ? l10n_get(c->lang,
                                   ". They are two or more levels apart: talk it through before "
                                   "planning.")
                        : ".");
}

/* The evidence or notes of every respondent, one paragraph each, with
 * their names in the team edition. */
static const char *joined_text(const city_ctx *c, size_t item, bool notes)
{
    const assess_assessment *a = c->res->assessment;
    const char *out = NULL;
    if (!city_notes(c))
        return NULL;
    for (size_t k = 0; k < a->nsubmissions; k++) {
        const assess_submission *s = &c->r->submissions[a->submissions[k]];
        const char *t = assess_submission_text(s, item, notes);
        if (!t)
            continue;
        const char *respondent = assess_submission_respondent(s);
        const char *who = a->nsubmissions > 1 && respondent[0] && city_team(c)
                              ? doc_strf(c->doc, "%s: %s", respondent, t)
                              : t;
        out = out ? doc_strf(c->doc, "%s\n%s", out, who) : who;
    }
    return out;
}

/* What an item's card says of its next step: the step, the plan's line
 * and the resources (each NULL when it has none). */
typedef struct {
    const char *step, *plan, *resources;
} next_step;

static next_step next_step_of(city_ctx *c, size_t i)
{
    const assess_item_result *ir = &c->res->items[i];
    const assess_item *it = &c->q->items[i];
    if (ir->status == ASSESS_ITEM_UNKNOWN || ir->status == ASSESS_ITEM_MISSING)
        return (next_step){
            doc_strf(c->doc,
                     l10n_get(c->lang, "Find out the answer before planning: ask the staff "
                                       "who would know%s%s"),
                     city_t(c, &it->evidence)[0] ? l10n_get(c->lang, ", and look for: ") : ".",
                     city_t(c, &it->evidence)[0] ? city_t(c, &it->evidence) : ""),
            NULL, NULL};
    if (ir->status != ASSESS_ITEM_SCORED)
        return (next_step){NULL, NULL, NULL};
    if (ir->top)
        return (next_step){l10n_get(c->lang, "At the top level: keep the practice in place, "
                                             "write down how it works, and share it with peer "
                                             "cities."),
                           NULL, NULL};
    const assess_recommendation *rec = city_item_advice(c, i);
    const char *effort = rec && rec->effort ? report_fmt_effort(c->lang, rec->effort) : NULL;
    return (next_step){
        rec ? city_t(c, &rec->action) : l10n_get(c->lang, "Move up one level."),
        doc_strf(c->doc, l10n_get(c->lang, "Priority %d · %s%s%s · +%.1f on the overall index"),
                 ir->priority,
                 rec ? report_fmt_horizon(c->lang, rec->horizon) : l10n_get(c->lang, "unscheduled"),
                 effort ? l10n_get(c->lang, " · effort ") : "", effort ? effort : "",
                 assess_round1(ir->gain)),
        city_resources_text(c, rec)};
}

/* The items: one table, composed where its rows belong — a piece per
 * theme of each dimension's section (the items of `items` in `theme`, or
 * in none: ASSESS_NONE), each row a card on pages (the
 * question, the answer, evidence, notes, who answered what and the next
 * step) — that the workbook writes as one sortable, filterable Items
 * sheet with the figures too.  Ids stay there, the key a spreadsheet joins
 * on.  A public edition has no Disagreement or Respondents column, and
 * without notes no Evidence or Notes either. */
static void items_table(city_ctx *c, const size_t *items, size_t n, size_t theme)
{
    const assess_questionnaire *q = c->q;
    enum { TITLE = 3, BADGE = 4, NCOLS = 16 };
    const doc_column cols[NCOLS] = {
        /* as narrow as the texts allow, for print (see the Plan); on pages,
         * a column with a width is a field of the card */
        {.title = l10n_get(c->lang, "Dimension"), .type = DOC_CELL_TEXT, .chars = 14},
        {.title = l10n_get(c->lang, "Theme"), .type = DOC_CELL_TEXT, .chars = 18},
        {.title = l10n_get(c->lang, "Item"), .type = DOC_CELL_TEXT, .chars = 14},
        {.title = l10n_get(c->lang, "Question"), .width = 1, .type = DOC_CELL_TEXT, .chars = 40},
        {.title = l10n_get(c->lang, "Answer"), .width = 1, .type = DOC_CELL_TEXT, .chars = 18},
        {.title = l10n_get(c->lang, "Points"), .type = DOC_CELL_SCORE, .chars = 7},
        {.title = l10n_get(c->lang, "Score"), .type = DOC_CELL_SCORE, .chars = 7, .level_max = 100},
        {.title = l10n_get(c->lang, "Gain"), .type = DOC_CELL_SCORE, .chars = 6},
        {.title = l10n_get(c->lang, "Priority"), .type = DOC_CELL_COUNT, .chars = 8},
        {.title = l10n_get(c->lang, "Disagreement"), .type = DOC_CELL_TEXT, .chars = 14},
        {.title = l10n_get(c->lang, "Evidence"), .width = 1, .type = DOC_CELL_TEXT, .chars = 30},
        {.title = l10n_get(c->lang, "Notes"), .width = 1, .type = DOC_CELL_TEXT, .chars = 30},
        {.title = l10n_get(c->lang, "Respondents"), .width = 1, .type = DOC_CELL_TEXT,
         .chars = 22},
        {.title = l10n_get(c->lang, "Next step"), .width = 1, .type = DOC_CELL_TEXT, .chars = 34},
        {.title = l10n_get(c->lang, "Plan"), .width = 1, .type = DOC_CELL_TEXT, .chars = 26},
        {.title = l10n_get(c->lang, "Resources"), .width = 1, .type = DOC_CELL_TEXT, .chars = 24},
    };
    size_t ncols = 0, keep[NCOLS];
    doc_column shown[NCOLS];
    for (size_t k = 0; k < NCOLS; k++)
        if ((k != 9 && k != 12 && k != 10 && k != 11) || ((k == 9 || k == 12) && city_team(c)) ||
            ((k == 10 || k == 11) && city_notes(c))) {
            keep[ncols] = k;
            shown[ncols++] = cols[k];
        }
    doc_table_open(c->doc,
                   &(doc_table_opts){.sheet = l10n_get(c->lang, "Items"),
                                     .filter = true,
                                     .cards = true,
                                     .card_title = TITLE, /* both before any left out */
                                     .card_badge = BADGE,
                                     .continues = true},
                   shown, ncols);
    for (size_t k = 0; k < n; k++) {
        size_t i = items[k];
        const assess_item *it = &q->items[i];
        if (it->theme != theme)
            continue;
        const assess_item_result *ir = &c->res->items[i];
        bool scored = ir->status == ASSESS_ITEM_SCORED;
        next_step ns = next_step_of(c, i);
        doc_cell cells[NCOLS] = {
            doc_cell_text(city_t(c, &q->dimensions[it->dimension].label)),
            doc_cell_text(it->theme != ASSESS_NONE ? city_t(c, &q->themes[it->theme].name) : NULL),
            doc_cell_text(it->id),
            doc_cell_text(report_fmt_question(c->doc, q, i, c->lang)),
            {.text = city_answer_text(c, i), .has_fill = true, .fill = level_colour(c, i)},
            scored ? doc_cell_value(ir->points) : doc_cell_text(NULL),
            scored ? doc_cell_value(100.0 * ir->score) : doc_cell_text(NULL),
            ir->has_gain ? doc_cell_value(ir->gain) : doc_cell_text(NULL),
            ir->priority ? doc_cell_value(ir->priority) : doc_cell_text(NULL),
            doc_cell_text(ir->disagreement ? l10n_get(c->lang, "yes") : NULL),
            doc_cell_text(joined_text(c, i, false)),
            doc_cell_text(joined_text(c, i, true)),
            doc_cell_text(respondents_text(c, i)),
            doc_cell_text(ns.step),
            doc_cell_text(ns.plan),
            doc_cell_text(ns.resources),
        };
        doc_cell row[NCOLS];
        for (size_t j = 0; j < ncols; j++)
            row[j] = cells[keep[j]];
        doc_table_row(c->doc, row);
    }
}

static void dimension(city_ctx *c, size_t d)
{
    const assess_questionnaire *q = c->q;
    const assess_dimension *dim = &q->dimensions[d];
    const assess_group_result *g = &c->res->dimensions[d];
    report_doc *doc = c->doc;
    char buf[32];
    doc_heading(doc, 1, doc_strf(doc, "dimension:%s", dim->id), city_t(c, &dim->label));
    if (commentary_has(c->opt->commentary, d)) {
        doc_heading(doc, 2, doc_strf(doc, "commentary:%s", dim->id),
                    l10n_get(c->lang, "Consultant's commentary"));
        commentary_place(doc, c->opt->commentary, d);
    }
    if (city_t(c, &dim->description)[0])
        doc_paragraph(doc, DOC_STYLE_LEAD, city_t(c, &dim->description));
    doc_figures(doc);
    doc_rgb fill = report_fmt_stage_colour(q, g->score.stage, &doc->brand);
    doc_figure_add(doc, report_fmt_score(&g->score, buf, sizeof buf), l10n_get(c->lang, "Score"),
                   stage_name(c, &g->score), &fill);
    doc_figure_add(
        doc, g->has_coverage ? doc_strf(doc, "%.0f %%", assess_round1(100.0 * g->coverage)) : "–",
        l10n_get(c->lang, "Coverage"),
        g->insufficient ? l10n_get(c->lang, "insufficient")
                        : l10n_get(c->lang, "of applicable items answered"),
        NULL);
    size_t strengths = 0, gaps = 0;
    for (size_t k = 0; k < dim->nitems; k++) {
        const assess_item_result *ir = &c->res->items[dim->items[k]];
        strengths += ir->status == ASSESS_ITEM_SCORED && ir->top;
        gaps += ir->status == ASSESS_ITEM_UNKNOWN || ir->status == ASSESS_ITEM_MISSING;
    }
    doc_figure_add(doc, doc_strf(doc, l10n_get(c->lang, "%zu of %zu"), strengths, dim->nitems),
                   l10n_get(c->lang, "Items at the top"), NULL, NULL);
    doc_figure_add(doc, doc_strf(doc, "%zu", gaps), l10n_get(c->lang, "Open questions"),
                   gaps ? l10n_get(c->lang, "don't know or blank") : l10n_get(c->lang, "none"),
                   NULL);
    if (g->insufficient)
        doc_paragraph(
            doc, DOC_STYLE_NOTE,
            doc_strf(doc,
                     l10n_get(c->lang, "Too few answers to rely on this score: %.0f %% of the "
                                       "applicable items were answered, below the %.0f %% needed."),
                     assess_round1(100.0 * g->coverage), 100.0 * q->min_coverage));
    if (dim->nthemes > 0) {
        report_figure *fig = calloc(1, sizeof *fig);
        city_add_chart(c, fig, fig ? report_figure_themes(fig, c->res, d, c->lang) : -1,
                  70.0 + 26.0 * (double)dim->nthemes);
    }
    for (size_t t = dim->first_theme; t < dim->first_theme + dim->nthemes; t++) {
        const assess_theme *th = &q->themes[t];
        doc_heading(doc, 2, doc_strf(doc, "theme:%s/%s", dim->id, th->name.text),
                    doc_strf(doc, "%s — %s", city_t(c, &th->name),
                             report_fmt_score(&c->res->themes[t].score, buf, sizeof buf)));
        items_table(c, th->items, th->nitems, t);
    }
    size_t other = 0;
    for (size_t k = 0; k < dim->nitems; k++)
        other += q->items[dim->items[k]].theme == ASSESS_NONE;
    if (other && dim->nthemes > 0)
        doc_heading(doc, 2, doc_strf(doc, "theme:%s/", dim->id), l10n_get(c->lang, "Other items"));
    if (other)
        items_table(c, dim->items, dim->nitems, ASSESS_NONE);
}

/* ## The whole report */

report_doc *city_report_new(const assess_responses *r, const assess_result *res,
                            const city_options *opt)
{
    report_doc *doc = doc_new();
    if (!doc)
        return NULL;
    city_ctx c = {.doc = doc,
                  .r = r,
                  .res = res,
                  .q = res->q,
                  .opt = opt,
                  .lang = opt->lang ? opt->lang : res->q->language};
    if (opt->brand) {
        doc->brand = *opt->brand;
        doc->brand.organization = doc_str(doc, opt->brand->organization);
        doc->brand.contact = doc_str(doc, opt->brand->contact);
        doc->brand.logo_png = doc_str(doc, opt->brand->logo_png);
        doc->brand.alternate_formats = doc_str(doc, opt->brand->alternate_formats);
    }
    char date[64];
    cover(&c, report_fmt_date(c.lang, opt->created, date, sizeof date));
    doc_toc(doc, l10n_get(c.lang, "Contents"), REPORT_TOC_MIN_PAGES);
    if (commentary_has(opt->commentary, COMMENTARY_SUMMARY)) {
        /* the file names the section in English; the reader sees it in the report's language */
        doc_heading(doc, 1, "commentary:summary", l10n_get(c.lang, "Executive summary"));
        commentary_place(doc, opt->commentary, COMMENTARY_SUMMARY);
    }
    glance(&c);
    commentary_table(doc, opt->commentary, res->q, c.lang);
    if (opt->benchmark || opt->previous)
        city_compare(&c);
    for (size_t d = 0; d < res->q->ndimensions; d++)
        dimension(&c, d);
    city_plan(&c);
    city_gaps(&c);
    city_survey(&c);
    city_appendix(&c);
    if (doc_failed(doc)) {
        doc_free(doc);
        return NULL;
    }
    return doc;
}
