/*
 * city_sheets.c — the city report as data sheets (doc.h): Summary with
 * native charts, Items, the Plan a consultant and city keep working in,
 * Resources and Glossary.  The same numbers as the pages, unrounded where
 * a spreadsheet can show one decimal and keep the rest.
 */
#include "city_internal.h"

#include <string.h>

static doc_cell score_cell(const assess_score *s)
{
    return s->defined ? doc_cell_value(s->rounded) : doc_cell_text(NULL);
}

static const char *stage_id_label(const city_ctx *c, const assess_score *s)
{
    return s->defined && s->stage ? city_t(c, &s->stage->label) : NULL;
}

static void summary(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    const assess_result *res = c->res;
    const city_options *o = c->opt;
    bool ranks = o->ranks != NULL;
    doc_column cols[6] = {
        {"Measure", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 28, false, 0, NULL, 0},
        {"Score", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 10, false, 0, NULL, 100},
        {"Stage", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 16, false, 0, NULL, 0},
        {"Coverage", 0, DOC_ALIGN_LEFT, DOC_CELL_SHARE, 11, false, 0, NULL, 0},
        {"Insufficient", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 12, false, 0, NULL, 0},
        {"Percentile rank", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 15, false, 0, NULL, 0},
    };
    const assess_assessment *a = res->assessment;
    doc_table_open(c->doc, &(doc_table_opts){.caption = doc_strf(c->doc, "%s%s%s — %s", a->entity, a->cycle[0] ? ", cycle " : "",
                             a->cycle, city_t(c, &q->title)), .sheet = "Summary", .note = doc_strf(c->doc, "Questionnaire %s %s. %s", q->id, q->version,
                             res->provisional ? "Provisional: a dimension has too few answers."
                                              : "Scores 0–100, rounded to one decimal."), .data_only = true}, cols, ranks ? 6 : 5);
    for (size_t m = 0; m <= q->ndimensions; m++) {
        const assess_score *s = m == 0 ? &res->overall : &res->dimensions[m - 1].score;
        const assess_group_result *g = m == 0 ? NULL : &res->dimensions[m - 1];
        doc_cell cells[6] = {
            doc_cell_text(m == 0 ? "Overall index" : city_t(c, &q->dimensions[m - 1].label)),
            score_cell(s),
            doc_cell_text(stage_id_label(c, s)),
            g && g->has_coverage ? doc_cell_value(g->coverage) : doc_cell_text(NULL),
            doc_cell_text(g ? (g->insufficient ? "yes" : "no")
                            : (res->provisional ? "provisional" : "no")),
            ranks && o->ranks[m].defined ? doc_cell_value(o->ranks[m].rank)
                                         : doc_cell_text(NULL),
        };
        doc_table_row(c->doc, cells);
    }
    /* the dimensions' rows, 1 … ndimensions */
    doc_table_add_chart(c->doc, &(doc_table_chart){.kind = q->ndimensions >= 3
                                                          ? DOC_TABLE_CHART_RADAR
                                                          : DOC_TABLE_CHART_BARS,
                                              .title = "Dimension scores",
                                              .category_column = 0,
                                              .nseries = 1,
                                              .series_columns = {1},
                                              .first_row = 1,
                                              .nrows = q->ndimensions});
    doc_table_add_chart(c->doc, &(doc_table_chart){.kind = DOC_TABLE_CHART_BARS,
                                              .title = "Overall index and dimensions",
                                              .category_column = 0,
                                              .nseries = 1,
                                              .series_columns = {1},
                                              .first_row = 0,
                                              .nrows = q->ndimensions + 1});
}

static const char *joined(city_ctx *c, size_t item, bool notes)
{
    const assess_assessment *a = c->res->assessment;
    const char *out = NULL;
    for (size_t k = 0; k < a->nsubmissions; k++) {
        const char *t =
            assess_submission_text(&c->r->submissions[a->submissions[k]], item, notes);
        if (t)
            out = out ? doc_strf(c->doc, "%s\n%s", out, t) : t;
    }
    return out;
}

static void items(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    static const doc_column cols[] = {
        /* as narrow as the texts allow, for print (see the Plan) */
        {"Dimension", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 14, false, 0, NULL, 0},
        {"Theme", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 18, false, 0, NULL, 0},
        {"Item", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 14, false, 0, NULL, 0},
        {"Question", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 40, false, 0, NULL, 0},
        {"Answer", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 18, false, 0, NULL, 0},
        {"Points", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 7, false, 0, NULL, 0},
        {"Score", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 7, false, 0, NULL, 100},
        {"Gain", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 6, false, 0, NULL, 0},
        {"Priority", 0, DOC_ALIGN_LEFT, DOC_CELL_COUNT, 8, false, 0, NULL, 0},
        {"Disagreement", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 14, false, 0, NULL, 0},
        {"Evidence", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 30, false, 0, NULL, 0},
        {"Notes", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 30, false, 0, NULL, 0},
    };
    doc_table_open(c->doc, &(doc_table_opts){.sheet = "Items", .data_only = true, .filter = true}, cols, sizeof cols / sizeof *cols);
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_item *it = &q->items[i];
        const assess_item_result *ir = &c->res->items[i];
        const assess_choice *ch = city_item_choice(c, i);
        bool scored = ir->status == ASSESS_ITEM_SCORED;
        doc_cell cells[12] = {
            doc_cell_text(city_t(c, &q->dimensions[it->dimension].label)),
            doc_cell_text(it->theme != ASSESS_NONE ? city_t(c, &q->themes[it->theme].name) : NULL),
            doc_cell_text(it->id),
            doc_cell_text(city_t(c, &it->text)),
            doc_cell_text(ch ? city_t(c, &ch->label) : "Not answered"),
            scored ? doc_cell_value(ir->points) : doc_cell_text(NULL),
            scored ? doc_cell_value(100.0 * ir->score) : doc_cell_text(NULL),
            ir->has_gain ? doc_cell_value(ir->gain) : doc_cell_text(NULL),
            ir->priority ? doc_cell_value(ir->priority) : doc_cell_text(NULL),
            doc_cell_text(ir->disagreement ? "yes" : NULL),
            doc_cell_text(joined(c, i, false)),
            doc_cell_text(joined(c, i, true)),
        };
        doc_table_row(c->doc, cells);
    }
}

static void plan(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    const assess_result *res = c->res;
    static const char *const status[] = {"Not started", "In progress", "Done", "On hold",
                                         "Dropped"};
    static const doc_column cols[] = {
        /* narrow enough that the sheet prints at about 60 % on a landscape
         * letter page (13 columns cannot print at full size); long texts wrap */
        {"Priority", 0, DOC_ALIGN_LEFT, DOC_CELL_COUNT, 8, false, 0, NULL, 0},
        {"Item", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 14, false, 0, NULL, 0},
        {"Question", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 32, false, 0, NULL, 0},
        {"Now", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 18, false, 0, NULL, 0},
        {"Action", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 42, false, 0, NULL, 0},
        {"Horizon", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 10, false, 0, NULL, 0},
        {"Effort", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 8, false, 0, NULL, 0},
        {"Gain", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 6, false, 0, NULL, 0},
        {"Resources", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 26, false, 0, NULL, 0},
        {"Owner", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 14, true, 0, NULL, 0},
        {"Start", 0, DOC_ALIGN_LEFT, DOC_CELL_DATE, 11, true, 0, NULL, 0},
        {"Due", 0, DOC_ALIGN_LEFT, DOC_CELL_DATE, 11, true, 0, NULL, 0},
        {"Status", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 12, true, 5, status, 0},
    };
    doc_table_open(c->doc, &(doc_table_opts){.caption = "Improvement plan", .sheet = "Plan", .note = "Open questions first, then the next steps by the rise of the overall "
                    "index. Owner, Start, Due and Status are yours to fill in.", .data_only = true, .filter = true}, cols, sizeof cols / sizeof *cols);
    for (size_t k = 0; k < res->npriorities; k++) {
        size_t i = res->priorities[k];
        const assess_item *it = &q->items[i];
        bool gap = k < res->ngaps;
        const assess_recommendation *rec = gap ? NULL : city_item_advice(c, i);
        const char *ev = city_t(c, &it->evidence);
        doc_cell cells[13] = {
            doc_cell_value((double)(k + 1)),
            doc_cell_text(it->id),
            doc_cell_text(city_t(c, &it->text)),
            doc_cell_text(city_answer_text(c, i)),
            doc_cell_text(gap ? (ev[0] ? doc_strf(c->doc, "Find out the answer; look for: %s", ev)
                                       : "Find out the answer: ask who would know.")
                          : rec ? city_t(c, &rec->action)
                                : "Move up one level."),
            doc_cell_text(gap ? "within 90 days" : report_fmt_horizon(rec ? rec->horizon : 0)),
            doc_cell_text(rec && rec->effort ? assess_effort_name(rec->effort) : NULL),
            gap ? doc_cell_text(NULL) : doc_cell_value(res->items[i].gain),
            doc_cell_text(city_resources_text(c, rec)),
            doc_cell_text(NULL),
            doc_cell_text(NULL),
            doc_cell_text(NULL),
            doc_cell_text("Not started"),
        };
        doc_table_row(c->doc, cells);
    }
}

static void resources(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    static const doc_column cols[] = {
        {"Resource", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 36, false, 0, NULL, 0},
        {"Organization", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 30, false, 0, NULL, 0},
        {"Kind", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 10, false, 0, NULL, 0},
        {"Address", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 36, false, 0, NULL, 0},
        {"About", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 60, false, 0, NULL, 0},
    };
    doc_table_open(c->doc, &(doc_table_opts){.sheet = "Resources", .data_only = true, .filter = true}, cols, 5);
    for (size_t k = 0; k < q->nresources; k++) {
        const assess_resource *r = &q->resources[k];
        doc_cell cells[5] = {doc_cell_text(city_t(c, &r->title)),
                                  doc_cell_text(r->organization),
                                  doc_cell_text(r->kind),
                                  {.text = r->url, .link = r->url[0] ? r->url : NULL},
                                  doc_cell_text(city_t(c, &r->description))};
        doc_table_row(c->doc, cells);
    }
}

static void glossary(city_ctx *c)
{
    static const doc_column cols[] = {
        {"Term", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 28, false, 0, NULL, 0},
        {"Meaning", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 90, false, 0, NULL, 0},
    };
    doc_table_open(c->doc, &(doc_table_opts){.sheet = "Glossary", .data_only = true, .filter = true}, cols, 2);
    for (size_t k = 0; k < c->q->nterms; k++) {
        doc_cell cells[2] = {doc_cell_text(city_t(c, &c->q->terms[k].term)),
                                  doc_cell_text(city_t(c, &c->q->terms[k].definition))};
        doc_table_row(c->doc, cells);
    }
}

void city_sheets(city_ctx *c)
{
    summary(c);
    if (c->opt->benchmark || c->opt->previous)
        city_compare_sheet(c);
    items(c);
    plan(c);
    resources(c);
    glossary(c);
}
