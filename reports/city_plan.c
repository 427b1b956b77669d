/*
 * city_plan.c — the second half of the city report: the improvement plan
 * grouped by horizon, data gaps and disagreements, and the appendix (the
 * method in words and numbers, resources, glossary).
 */
#include "city_internal.h"

#include <stdio.h>
#include <string.h>

/* ## Improvement plan */

static const char *horizon_heading(const city_ctx *c, assess_horizon h)
{
    switch (h) {
    case ASSESS_HORIZON_SHORT:
        return l10n_get(c->lang, "Within 90 days");
    case ASSESS_HORIZON_MEDIUM:
        return l10n_get(c->lang, "Within a year");
    case ASSESS_HORIZON_LONG:
        return l10n_get(c->lang, "Longer term");
    default:
        return l10n_get(c->lang, "Not yet scheduled");
    }
}

/* The plan as one table: pages draw a table per group, the open
 * questions first and then the steps by horizon, each in priority order;
 * the workbook keeps the same rows as one sortable table, the group as its
 * Horizon column, with the columns the reader fills in. */
static void plan_row(city_ctx *c, size_t k, const char *group)
{
    const assess_questionnaire *q = c->q;
    const assess_result *res = c->res;
    size_t i = res->priorities[k];
    const assess_item *it = &q->items[i];
    bool gap = k < res->ngaps;
    const assess_recommendation *rec = gap ? NULL : city_item_advice(c, i);
    const char *ev = city_t(c, &it->evidence);
    double gain = assess_round1(res->items[i].gain);
    doc_cell cells[13] = {
        doc_cell_count(c->doc, (double)(k + 1)),
        doc_cell_text(it->id),
        doc_cell_text(report_fmt_question(c->doc, q, i, c->lang)),
        doc_cell_text(city_answer_text(c, i)),
        doc_cell_text(
            gap   ? (ev[0] ? doc_strf(c->doc,
                                      l10n_get(c->lang, "Find out the answer; look for: %s"), ev)
                           : l10n_get(c->lang, "Find out the answer: ask who would know."))
            : rec ? city_t(c, &rec->action)
                  : l10n_get(c->lang, "Move up one level.")),
        doc_cell_text(group),
        doc_cell_text(rec && rec->effort ? report_fmt_effort(c->lang, rec->effort) : NULL),
        gap ? doc_cell_text(NULL)
            : (doc_cell){.text = doc_strf(c->doc, "+%.1f", gain),
                         .has_number = true,
                         .number = res->items[i].gain},
        doc_cell_text(city_resources_text(c, rec)),
        doc_cell_text(NULL),
        doc_cell_text(NULL),
        doc_cell_text(NULL),
        doc_cell_text(l10n_get(c->lang, "Not started")),
    };
    doc_table_row(c->doc, cells);
}

static void plan_table(city_ctx *c)
{
    const assess_result *res = c->res;
    const char *const status[] = {l10n_get(c->lang, "Not started"),
                                  l10n_get(c->lang, "In progress"), l10n_get(c->lang, "Done"),
                                  l10n_get(c->lang, "On hold"), l10n_get(c->lang, "Dropped")};
    /* pages: shares of the text width; the workbook: characters, narrow
     * enough that the sheet prints at about 60 % on a landscape letter page
     * (13 columns cannot print at full size); long texts wrap */
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Priority"), .width = 0.09, .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_COUNT, .chars = 8},
        {.title = l10n_get(c->lang, "Item"), .type = DOC_CELL_TEXT, .chars = 14},
        {.title = l10n_get(c->lang, "Question"), .width = 0.28, .type = DOC_CELL_TEXT,
         .chars = 32},
        {.title = l10n_get(c->lang, "Now"), .type = DOC_CELL_TEXT, .chars = 18},
        {.title = l10n_get(c->lang, "Action"), .width = 0.31, .type = DOC_CELL_TEXT, .chars = 42},
        {.title = l10n_get(c->lang, "Horizon"), .type = DOC_CELL_TEXT, .chars = 18},
        {.title = l10n_get(c->lang, "Effort"), .width = 0.1, .type = DOC_CELL_TEXT, .chars = 8},
        {.title = l10n_get(c->lang, "Gain"), .width = 0.07, .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_SCORE, .chars = 6},
        {.title = l10n_get(c->lang, "Resources"), .width = 0.16, .type = DOC_CELL_TEXT,
         .chars = 26},
        {.title = l10n_get(c->lang, "Owner"), .type = DOC_CELL_TEXT, .chars = 14, .input = true},
        {.title = l10n_get(c->lang, "Start"), .type = DOC_CELL_DATE, .chars = 11, .input = true},
        {.title = l10n_get(c->lang, "Due"), .type = DOC_CELL_DATE, .chars = 11, .input = true},
        {.title = l10n_get(c->lang, "Status"),
         .type = DOC_CELL_CHOICE,
         .chars = 12,
         .input = true,
         .nchoices = 5,
         .choices = status},
    };
    doc_table_open(
        c->doc,
        &(doc_table_opts){
            .caption = l10n_get(c->lang, "Improvement plan"),
            .note = l10n_get(c->lang,
                             "The open questions first, then the next steps by horizon, each "
                             "in priority order (sort by Priority for the order of the overall "
                             "index's rise). Owner, Start, Due and Status are yours to fill in."),
            .sheet = l10n_get(c->lang, "Plan"),
            /* with nothing to plan, the sheet still takes a team's own steps */
            .data_only = res->npriorities == 0,
            .filter = true,
            .grouped = true,
            .group_column = 5},
        cols, sizeof cols / sizeof *cols);
    const char *open = l10n_get(c->lang, "First, answer the open questions");
    for (size_t k = 0; k < res->ngaps; k++)
        plan_row(c, k, open);
    static const assess_horizon order[] = {ASSESS_HORIZON_SHORT, ASSESS_HORIZON_MEDIUM,
                                           ASSESS_HORIZON_LONG, ASSESS_HORIZON_NONE};
    for (size_t h = 0; h < sizeof order / sizeof *order; h++)
        for (size_t k = res->ngaps; k < res->npriorities; k++) {
            const assess_recommendation *rec = city_item_advice(c, res->priorities[k]);
            if ((rec ? rec->horizon : ASSESS_HORIZON_NONE) == order[h])
                plan_row(c, k, horizon_heading(c, order[h]));
        }
}

void city_plan(city_ctx *c)
{
    doc_heading(c->doc, 1, "plan", l10n_get(c->lang, "Improvement plan"));
    doc_paragraph(
        c->doc, DOC_STYLE_LEAD,
        l10n_get(c->lang,
                 "Every item below its top level has one next step: the move to the next level. "
                 "The steps are grouped by when they can be done and numbered in priority order — "
                 "the higher a step's gain, the more it lifts the overall index."));
    if (c->res->npriorities == 0)
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            l10n_get(c->lang,
                     "There is nothing to plan: every applicable item is at its top level."));
    else if (c->res->ngaps > 0)
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            l10n_get(c->lang,
                     "The open questions come first: the items answered “don't know” or left "
                     "blank. They count against coverage, and their next step cannot be chosen "
                     "until someone finds out where the city stands."));
    plan_table(c);
}

/* ## Data gaps and disagreements */

static const char *status_text(const city_ctx *c, assess_item_status st)
{
    return st == ASSESS_ITEM_UNKNOWN ? l10n_get(c->lang, "Don't know")
                                     : l10n_get(c->lang, "Not answered");
}

void city_gaps(city_ctx *c)
{
    const assess_result *res = c->res;
    const assess_questionnaire *q = c->q;
    doc_heading(c->doc, 1, "gaps", city_gaps_title(c));
    if (city_team(c)) /* else the section's own title says it */
        doc_heading(c->doc, 2, "gaps:unknown", l10n_get(c->lang, "Data gaps"));
    if (res->ngaps == 0) {
        doc_paragraph(c->doc, DOC_STYLE_BODY,
                      l10n_get(c->lang, "Every item was answered. There are no data gaps."));
    } else {
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            doc_strf(c->doc,
                     l10n_nget(c->lang,
                               "%zu item has no scored answer. A dimension needs answers to "
                               "at least %.0f %% of its applicable items for its score to be "
                               "relied on.",
                               "%zu items have no scored answer. A dimension needs answers to "
                               "at least %.0f %% of its applicable items for its score to be "
                               "relied on.",
                               res->ngaps),
                     res->ngaps, 100.0 * q->min_coverage));
        const doc_column cols[] = {
            {.title = l10n_get(c->lang, "Item"), .width = 0.17, .align = DOC_ALIGN_LEFT},
            {.title = l10n_get(c->lang, "Question"), .width = 0.48, .align = DOC_ALIGN_LEFT},
            {.title = l10n_get(c->lang, "Dimension"), .width = 0.2, .align = DOC_ALIGN_LEFT},
            {.title = l10n_get(c->lang, "Answer"), .width = 0.15, .align = DOC_ALIGN_LEFT}};
        doc_table(c->doc, cols, 4);
        for (size_t k = 0; k < res->ngaps; k++) {
            size_t i = res->priorities[k];
            doc_cell cells[4] = {
                {.text = q->items[i].number},
                {.text = city_t(c, &q->items[i].text)},
                {.text = city_t(c, &q->dimensions[q->items[i].dimension].label)},
                {.text = status_text(c, res->items[i].status)},
            };
            doc_table_row(c->doc, cells);
        }
    }

    if (!city_team(c)) /* who answered what is for the team */
        return;
    doc_heading(c->doc, 2, "gaps:disagreement", l10n_get(c->lang, "Where respondents disagree"));
    size_t n = 0;
    for (size_t i = 0; i < q->nitems; i++)
        n += res->items[i].disagreement;
    if (res->nrespondents < 2) {
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            l10n_get(c->lang,
                     "One respondent answered, so there is nothing to compare. Asking two or "
                     "three people from different departments is a quick check on the "
                     "answers."));
        return;
    }
    if (n == 0) {
        doc_paragraph(
            c->doc, DOC_STYLE_BODY,
            doc_strf(c->doc,
                     l10n_get(c->lang, "The %zu respondents never answered two or more levels "
                                       "apart."),
                     res->nrespondents));
        return;
    }
    doc_paragraph(
        c->doc, DOC_STYLE_BODY,
        doc_strf(c->doc,
                 l10n_nget(c->lang,
                           "On %zu item the %zu respondents answered two or more levels apart. "
                           "The score uses the mean of their answers; a short conversation "
                           "about what each person saw usually settles it.",
                           "On %zu items the %zu respondents answered two or more levels "
                           "apart. The score uses the mean of their answers; a short "
                           "conversation about what each person saw usually settles it.",
                           n),
                 n, res->nrespondents));
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Item"), .width = 0.17, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Question"), .width = 0.38, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Answers given"), .width = 0.27, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Reported"), .width = 0.18, .align = DOC_ALIGN_LEFT}};
    doc_table(c->doc, cols, 4);
    const assess_assessment *a = res->assessment;
    for (size_t i = 0; i < q->nitems; i++) {
        if (!res->items[i].disagreement)
            continue;
        const assess_scale *sc = &q->scales[q->items[i].scale];
        const char *given = NULL;
        for (size_t k = 0; k < a->nsubmissions; k++) {
            const assess_submission *s = &c->r->submissions[a->submissions[k]];
            if (!s->answers[i])
                continue;
            const char *label = city_t(c, &sc->choices[s->answers[i] - 1].label);
            const char *respondent = assess_submission_respondent(s);
            const char *who = respondent[0] ? doc_strf(c->doc, "%s: %s", respondent, label)
                                               : label;
            given = given ? doc_strf(c->doc, "%s\n%s", given, who) : who;
        }
        doc_cell cells[4] = {
            {.text = q->items[i].number},
            {.text = city_t(c, &q->items[i].text)},
            {.text = given},
            {.text = city_answer_text(c, i)},
        };
        doc_table_row(c->doc, cells);
    }
}

/* ## Appendix */

static void method(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    report_doc *doc = c->doc;
    doc_heading(doc, 1, "method", l10n_get(c->lang, "Appendix: how the scores are worked out"));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "Each answer is a level on the item's scale, worth a number of points. An item's "
                 "score is its points divided by the scale's highest points, from 0 to 1. “Not "
                 "applicable” removes the item from every calculation; “don't know” and blank "
                 "answers give no score but still count as applicable, which lowers coverage."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "Dimension score = 100 × Σ (item weight × item score) ÷ Σ (item weight), "
                 "over the scored items of the dimension. Theme scores are worked out the same "
                 "way over the items of the theme."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        doc_strf(doc,
                 l10n_get(c->lang,
                          "Coverage = Σ (weight of scored items) ÷ Σ (weight of items not "
                          "“not applicable”). A dimension whose coverage is below %.0f %% is "
                          "marked insufficient, and the overall index is then provisional."),
                 100.0 * q->min_coverage));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "Overall index = Σ (dimension weight × dimension score) ÷ Σ (dimension "
                 "weight), over the dimensions that have a score. Every score is rounded to "
                 "one decimal, halves away from zero, before its stage is looked up, so a "
                 "printed score always agrees with its stage."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "Gain of a next step = the rise of the overall index if the item moved up "
                 "one level: 100 × (dimension weight ÷ Σ dimension weights) × item weight × "
                 "(next level's points − current points) ÷ highest points ÷ Σ (weights of "
                 "the dimension's scored items). Priorities list the open questions first, "
                 "then the steps by gain, largest first."));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "When several people answer for one city, an item's points are the mean of "
                 "their scored answers and its reported level is the highest level at or "
                 "below that mean. “Not applicable” holds only when more than half of the "
                 "respondents chose it. Answers two or more levels apart are flagged for "
                 "discussion."));

    const doc_column dims[] = {
        {.title = l10n_get(c->lang, "Dimension"), .width = 0.4, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "Weight"), .width = 0.15, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "Items"), .width = 0.15, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "Item weights"), .width = 0.3, .align = DOC_ALIGN_RIGHT}};
    doc_heading(doc, 2, "method:weights", l10n_get(c->lang, "Weights"));
    doc_table(doc, dims, 4);
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        double sum = 0;
        for (size_t k = 0; k < dim->nitems; k++)
            sum += q->items[dim->items[k]].weight;
        doc_cell cells[4] = {{.text = city_t(c, &dim->label)},
                             {.text = doc_strf(doc, "%g", dim->weight)},
                             {.text = doc_strf(doc, "%zu", dim->nitems)},
                             {.text = doc_strf(doc, l10n_get(c->lang, "%g in all"), sum)}};
        doc_table_row(doc, cells);
    }
    doc_heading(doc, 2, "method:stages", l10n_get(c->lang, "Stages"));
    const doc_column stages[] = {
        {.title = l10n_get(c->lang, "Stage"), .width = 0.2, .align = DOC_ALIGN_LEFT},
        {.title = l10n_get(c->lang, "From"), .width = 0.1, .align = DOC_ALIGN_RIGHT},
        {.title = l10n_get(c->lang, "What it looks like"), .width = 0.7, .align = DOC_ALIGN_LEFT}};
    doc_table(doc, stages, 3);
    for (size_t s = 0; s < q->nstages; s++) {
        doc_rgb fill = report_fmt_stage_colour(q, &q->stages[s], &doc->brand);
        doc_cell cells[3] = {{.text = city_t(c, &q->stages[s].label), .bold = true},
                             {.text = doc_strf(doc, "%.1f", q->stages[s].min_score),
                              .has_fill = true,
                              .fill = fill},
                             {.text = city_t(c, &q->stages[s].description)}};
        doc_table_row(doc, cells);
    }
}

static void resources(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    if (q->nresources == 0)
        return;
    doc_heading(c->doc, 1, "resources", l10n_get(c->lang, "Resources"));
    doc_paragraph(
        c->doc, DOC_STYLE_BODY,
        l10n_get(c->lang,
                 "The organisations and guides the plan refers to. Addresses are home pages, "
                 "checked when the questionnaire was written."));
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Resource"), .width = 0.24, .type = DOC_CELL_TEXT, .chars = 36},
        {.title = l10n_get(c->lang, "Organization"),
         .width = 0.17,
         .type = DOC_CELL_TEXT,
         .chars = 30},
        {.title = l10n_get(c->lang, "Kind"), .width = 0.09, .type = DOC_CELL_TEXT, .chars = 10},
        {.title = l10n_get(c->lang, "Address"), .width = 0.22, .type = DOC_CELL_LINK, .chars = 36},
        {.title = l10n_get(c->lang, "About"), .width = 0.28, .type = DOC_CELL_TEXT, .chars = 60},
    };
    doc_table_open(c->doc,
                   &(doc_table_opts){.caption = l10n_get(c->lang, "Resources"),
                                     .sheet = l10n_get(c->lang, "Resources"),
                                     .filter = true},
                   cols, 5);
    for (size_t k = 0; k < q->nresources; k++) {
        const assess_resource *rs = &q->resources[k];
        doc_cell cells[5] = {
            {.text = city_t(c, &rs->title), .bold = true},
            {.text = rs->organization},
            {.text = report_fmt_kind(c->lang, rs->kind)},
            {.text = rs->url, .link = rs->url[0] ? rs->url : NULL},
            {.text = city_t(c, &rs->description)},
        };
        doc_table_row(c->doc, cells);
    }
}

static void glossary(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    if (q->nterms == 0)
        return;
    doc_heading(c->doc, 1, "glossary", l10n_get(c->lang, "Glossary"));
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Term"), .width = 0.25, .type = DOC_CELL_TEXT, .chars = 28},
        {.title = l10n_get(c->lang, "Meaning"), .width = 0.75, .type = DOC_CELL_TEXT, .chars = 90},
    };
    doc_table_open(c->doc,
                   &(doc_table_opts){.caption = l10n_get(c->lang, "Glossary"),
                                     .sheet = l10n_get(c->lang, "Glossary"),
                                     .filter = true},
                   cols, 2);
    for (size_t k = 0; k < q->nterms; k++) {
        doc_cell cells[2] = {{.text = city_t(c, &q->terms[k].term), .bold = true},
                             {.text = city_t(c, &q->terms[k].definition)}};
        doc_table_row(c->doc, cells);
    }
}

void city_appendix(city_ctx *c)
{
    method(c);
    resources(c);
    glossary(c);
}
