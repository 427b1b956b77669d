/*
 * test_city.c — the city report's content, composed from hand-worked
 * scores (tests/data/city): what each section says, in which order, with
 * which numbers.  The PDF is checked separately (test_pdf, test_report);
 * here the document model is read directly.
 *
 * Villeneuve-sur-Lac, two respondents, scale 0–3, N weight 1, O weight 2:
 *   n1 = 2, 2 → 2/3;  n2 = 1, 3 → mean 2 → 2/3, two levels apart;
 *   n3 = unknown, blank → a data gap;  o1 = 3, 3 → top;  o2 = 0, 0;
 *   o3 = na, na → not applicable.
 *   N = 100 · (1·⅔ + 2·⅔) / 3 = 66.7, coverage 3/4 < 0.8 → insufficient;
 *   O = 100 · (1 + 0) / 2 = 50.0;  overall = (66.67 + 2 · 50) / 3 = 55.6.
 *   gains: o2 = 100 · ⅔ · ⅓ / 2 = 11.1;  n2 = 100 · ⅓ · 2 · ⅓ / 3 = 7.4;
 *   n1 = 3.7.  Priorities: n3 (gap), o2, n2, n1.  Strength: o1.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "city.h"
#include "doc_find.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIR TEST_DATA "/city"

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
    assess_result res;
    report_doc *doc;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assess_diags_init(&f->d);
    if (assess_questionnaire_load(DIR "/q", &f->q, &f->d) != ASSESS_OK ||
        assess_responses_new(f->q, &f->r) != ASSESS_OK ||
        assess_responses_add_file(f->r, DIR "/villeneuve.csv", &f->d) != ASSESS_OK ||
        assess_result_init(&f->res, f->q) != ASSESS_OK)
        return -1;
    assess_score_compute(f->r, 0, &f->res);
    city_options opt = {.created = 1795000000, /* 18 November 2026 */
                        .prepared_for = "The city council"};
    f->doc = city_report_new(f->r, &f->res, &opt);
    *state = f;
    return f->doc ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    doc_free(f->doc);
    assess_result_cleanup(&f->res);
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}


/* The card of the item titled `title` in the items' tables after block
 * `from` (each row a card on pages, doc_table_card), or of their next row
 * when title is NULL; fails the test when there is none. */
static doc_field card_fields[32];
static doc_block item_card(const report_doc *doc, size_t from, const char *title)
{
    for (size_t k = from; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind != DOC_TABLE || !b->table.cards)
            continue;
        assert_true(b->ncolumns <= 32);
        for (size_t r = 0; r < b->nrows; r++) {
            doc_block c = doc_table_card(b, r, card_fields);
            if (!title || !strcmp(c.text, title))
                return c;
        }
    }
    fail_msg("no card \"%s\"", title ? title : "(any)");
    return (doc_block){0};
}

static const char *field(const doc_block *card, const char *label)
{
    for (size_t k = 0; k < card->nfields; k++)
        if (!strcmp(card->fields[k].label, label))
            return card->fields[k].text;
    return NULL;
}

static void test_cover_and_info(void **state)
{
    fixture *f = *state;
    const report_doc *doc = f->doc;
    assert_string_equal(doc->cover.entity, "Villeneuve-sur-Lac");
    /* the label and the value apart (a web page shows each once) */
    assert_string_equal(doc->cover.cycle.label, "Assessment cycle");
    assert_string_equal(doc->cover.cycle.value, "2026");
    assert_string_equal(doc->cover.date, "18 November 2026");
    assert_string_equal(doc->cover.title, "City test questionnaire");
    assert_string_equal(doc->cover.questionnaire.label, "Questionnaire");
    assert_string_equal(doc->cover.questionnaire.value, "city-test, version 2");
    assert_string_equal(doc->cover.prepared_for, "The city council");
    assert_string_equal(doc->info.title, "Villeneuve-sur-Lac — improvement report 2026");
    assert_true(doc->info.created == 1795000000);
}

/* The sections come in the order of the issue: glance, dimensions in
 * questionnaire order, plan, gaps, method, resources, glossary. */
static void test_section_order(void **state)
{
    fixture *f = *state;
    const char *want[] = {"glance",  "dimension:N", "dimension:O", "plan",
                          "gaps",    "method",      "resources",   "glossary"};
    size_t at = 0;
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        at = doc_find(f->doc, at, DOC_HEADING, want[k]);
        assert_int_equal(f->doc->blocks[at].level, 1);
    }
}

static void test_glance(void **state)
{
    fixture *f = *state;
    size_t g = doc_find(f->doc, 0, DOC_HEADING, "glance");
    size_t fig = doc_find(f->doc, g, DOC_FIGURES, NULL);
    const doc_block *b = &f->doc->blocks[fig];
    assert_int_equal(b->nfigures, 3);
    assert_string_equal(b->figures[0].value, "55.6");
    assert_string_equal(b->figures[0].detail, "Growing · provisional");
    assert_string_equal(b->figures[1].value, "66.7");
    assert_string_equal(b->figures[1].caption, "Normalize");
    assert_string_equal(b->figures[1].detail, "Growing · 75 % answered");
    assert_string_equal(b->figures[2].value, "50.0");
    /* the insufficient dimension is explained in words */
    size_t note = doc_find(f->doc, fig, DOC_PARAGRAPH, NULL);
    assert_int_equal(f->doc->blocks[note].style, DOC_STYLE_NOTE);
    assert_non_null(strstr(f->doc->blocks[note].text, "Normalize: only 75 % of the applicable"));
    assert_non_null(strstr(f->doc->blocks[note].text, "overall index is provisional"));
    doc_find(f->doc, g, DOC_CHART, NULL);
    size_t strengths = doc_find(f->doc, g, DOC_HEADING, "glance:strengths");
    const doc_block *list = &f->doc->blocks[doc_find(f->doc, strengths, DOC_BULLETS, NULL)];
    assert_int_equal(list->nbullets, 1);
    assert_string_equal(list->bullets[0], "2.1.1 Is there an equity team? (Organize)");

    size_t prio = doc_find(f->doc, g, DOC_HEADING, "glance:priorities");
    const doc_block *t = &f->doc->blocks[doc_find(f->doc, prio, DOC_TABLE, NULL)];
    assert_int_equal(t->nrows, 4);
    assert_string_equal(doc_table_cell(t, 0, 1)->text,
                        "1.2.1 Do staff share a vocabulary for equity?");
    assert_string_equal(doc_table_cell(t, 0, 4)->text, "—");
    assert_string_equal(doc_table_cell(t, 1, 1)->text, "2.1.2 Does the team meet monthly?");
    assert_string_equal(doc_table_cell(t, 1, 2)->text, "None (level 0 of 3)");
    assert_string_equal(doc_table_cell(t, 1, 3)->text, "Action for o2 from level 0");
    assert_string_equal(doc_table_cell(t, 1, 4)->text, "+11.1");
    assert_string_equal(doc_table_cell(t, 2, 4)->text, "+7.4");
    assert_string_equal(doc_table_cell(t, 3, 4)->text, "+3.7");
}

static void test_dimension_cards(void **state)
{
    fixture *f = *state;
    size_t n = doc_find(f->doc, 0, DOC_HEADING, "dimension:N");
    const doc_block *fig = &f->doc->blocks[doc_find(f->doc, n, DOC_FIGURES, NULL)];
    assert_string_equal(fig->figures[0].value, "66.7");
    assert_string_equal(fig->figures[1].value, "75 %");
    assert_string_equal(fig->figures[1].detail, "insufficient");
    assert_string_equal(fig->figures[3].value, "1");

    assert_true(doc_find(f->doc, n, DOC_HEADING, "Lead — 66.7") > n);
    assert_true(doc_find(f->doc, n, DOC_HEADING, "Talk — –") > n);
    /* each theme's items: a piece of the items' table, under the theme's
     * heading, each row a card */
    size_t lead = doc_find(f->doc, n, DOC_HEADING, "Lead — 66.7");
    const doc_block *piece = &f->doc->blocks[doc_find(f->doc, lead, DOC_TABLE, NULL)];
    assert_true(piece->table.cards && piece->table.continues);
    assert_string_equal(piece->table.sheet, "Items");
    doc_block n1 = item_card(f->doc, n, "1.1.1 Has the council adopted an equity resolution?");
    assert_string_equal(n1.badge, "Much (level 2 of 3)");
    assert_true(n1.has_accent);
    assert_string_equal(field(&n1, "Evidence"), "Ana Peña: Resolution 2024-17 — adopted");
    assert_string_equal(field(&n1, "Next step"), "Action for n1 from level 2");
    assert_string_equal(field(&n1, "Plan"),
                        "Priority 4 · longer term · effort high · +3.7 on the overall index");
    assert_string_equal(field(&n1, "Resources"), "Racial equity toolkit");
    assert_null(field(&n1, "Points")); /* the workbook's figures are not on the card */

    doc_block n2 = item_card(f->doc, n, "1.1.2 Do leaders speak about equity in public?");
    assert_non_null(strstr(field(&n2, "Respondents"), "1 × Some, 1 × Full. They are two or more "
                                                      "levels apart"));
    doc_block n3 = item_card(f->doc, n, "1.2.1 Do staff share a vocabulary for equity?");
    assert_string_equal(n3.badge, "Don't know");
    assert_non_null(strstr(field(&n3, "Next step"), "look for: Training records"));

    size_t o = doc_find(f->doc, 0, DOC_HEADING, "dimension:O");
    doc_block o1 = item_card(f->doc, o, "2.1.1 Is there an equity team?");
    assert_non_null(strstr(field(&o1, "Next step"), "At the top level"));
    assert_null(field(&o1, "Plan"));
    doc_block o2 = item_card(f->doc, o, "2.1.2 Does the team meet monthly?");
    assert_string_equal(field(&o2, "Notes"), "Bo Li: Team paused in \"summer\"");
    assert_string_equal(field(&o2, "Resources"), "Racial equity toolkit; REAL program");
    /* the item without a theme goes under "Other items" */
    size_t other = doc_find(f->doc, o, DOC_HEADING, "Other items");
    doc_block o3 = item_card(f->doc, other, NULL);
    assert_string_equal(o3.text, "2.2.1 Is the team paid for its time?");
    assert_string_equal(o3.badge, "Not applicable");
}

/* The plan is one table whose rows come grouped: the open questions, then
 * the steps by horizon, each group in priority order (pages: a heading and
 * a table per group; the workbook: one table with the group as a column). */
static void test_plan_by_horizon(void **state)
{
    fixture *f = *state;
    size_t p = doc_find(f->doc, 0, DOC_HEADING, "plan");
    const doc_block *t = &f->doc->blocks[doc_find(f->doc, p, DOC_TABLE, NULL)];
    assert_true(t->table.grouped);
    assert_false(t->table.data_only);
    assert_string_equal(t->table.sheet, "Plan");
    assert_string_equal(t->columns[t->table.group_column].title, "Horizon");
    assert_true(t->columns[t->table.group_column].width == 0); /* a heading on pages */
    assert_int_equal(t->nrows, 4);
    /* n3 is unknown: the open question comes first */
    assert_int_equal(doc_table_group_end(t, 0), 1);
    assert_string_equal(doc_table_group_text(t, 0), "First, answer the open questions");
    assert_string_equal(doc_table_cell(t, 0, 4)->text,
                        "Find out the answer; look for: Training records");
    /* o2 is at level 0: a short-horizon step; n1 and n2 at level 2: long */
    assert_int_equal(doc_table_group_end(t, 1), 2);
    assert_string_equal(doc_table_group_text(t, 1), "Within 90 days");
    assert_string_equal(doc_table_cell(t, 1, 0)->text, "2");
    assert_string_equal(doc_table_cell(t, 1, 6)->text, "low");
    assert_string_equal(doc_table_cell(t, 1, 7)->text, "+11.1");
    assert_string_equal(doc_table_cell(t, 1, 8)->text, "Racial equity toolkit; REAL program");
    assert_int_equal(doc_table_group_end(t, 2), 4);
    assert_string_equal(doc_table_group_text(t, 2), "Longer term");
    assert_string_equal(doc_table_cell(t, 2, 4)->text, "Action for n2 from level 2");
    assert_string_equal(doc_table_cell(t, 3, 4)->text, "Action for n1 from level 2");
    /* no step within a year: no such group */
    for (size_t r = 0; r < t->nrows; r++)
        assert_string_not_equal(doc_table_group_text(t, r), "Within a year");
}

static void test_gaps_and_appendix(void **state)
{
    fixture *f = *state;
    size_t g = doc_find(f->doc, 0, DOC_HEADING, "gaps");
    const doc_block *d = &f->doc->blocks[doc_find(
        f->doc, doc_find(f->doc, g, DOC_HEADING, "gaps:disagreement"), DOC_TABLE, NULL)];
    assert_int_equal(d->nrows, 1);
    assert_string_equal(doc_table_cell(d, 0, 2)->text, "Ana Peña: Some\nBo Li: Full");
    assert_string_equal(doc_table_cell(d, 0, 3)->text, "Much (level 2 of 3)");

    size_t m = doc_find(f->doc, 0, DOC_HEADING, "method");
    const doc_block *w = &f->doc->blocks[doc_find(f->doc, m, DOC_TABLE, NULL)];
    assert_string_equal(doc_table_cell(w, 1, 1)->text, "2");
    assert_string_equal(doc_table_cell(w, 0, 3)->text, "4 in all");
    size_t r = doc_find(f->doc, m, DOC_HEADING, "resources");
    const doc_block *rt = &f->doc->blocks[doc_find(f->doc, r, DOC_TABLE, NULL)];
    assert_string_equal(doc_table_cell(rt, 1, 3)->link, "https://www.nlc.org/");
    const doc_block *gl =
        &f->doc->blocks[doc_find(f->doc, doc_find(f->doc, r, DOC_HEADING, "glossary"), DOC_TABLE, NULL)];
    assert_int_equal(gl->nrows, 2);
    assert_string_equal(doc_table_cell(gl, 1, 0)->text, "Coverage");
}

/* The worksheets: the tables that name one, a table in pieces once. */
static size_t nsheets(const report_doc *doc)
{
    size_t n = 0;
    const char *last = NULL;
    for (size_t k = 0; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind != DOC_TABLE || !b->table.sheet)
            continue;
        n += !(b->table.continues && last && !strcmp(last, b->table.sheet));
        last = b->table.sheet;
    }
    return n;
}

static const doc_block *sheet(const report_doc *doc, const char *name)
{
    for (size_t k = 0; k < doc->nblocks; k++)
        if (doc->blocks[k].kind == DOC_TABLE && doc->blocks[k].table.sheet &&
            !strcmp(doc->blocks[k].table.sheet, name))
            return &doc->blocks[k];
    fail_msg("no sheet %s", name);
    return NULL;
}

/* The spreadsheet form carries the same numbers, typed. */
static void test_sheets(void **state)
{
    fixture *f = *state;
    assert_int_equal(nsheets(f->doc), 5);
    const doc_block *sum = sheet(f->doc, "Summary");
    assert_int_equal(sum->nrows, 3);
    assert_true(doc_table_cell(sum, 0, 1)->number == 55.6);
    assert_string_equal(doc_table_cell(sum, 0, 4)->text, "provisional");
    assert_true(doc_table_cell(sum, 1, 3)->number == 0.75);
    assert_string_equal(doc_table_cell(sum, 1, 4)->text, "yes");
    assert_int_equal(sum->ncharts, 2);
    assert_int_equal(sum->charts[0].first_row, 1);
    assert_int_equal(sum->charts[0].nrows, 2);

    /* the items' table comes in pieces, a theme's items each, that the
     * workbook joins: 6 items in all, in the dimensions' order */
    const doc_block *items = sheet(f->doc, "Items");
    assert_true(items->table.filter);
    size_t nitems = 0, pieces = 0;
    const doc_block *second = NULL;
    for (size_t k = 0; k < f->doc->nblocks; k++) {
        const doc_block *b = &f->doc->blocks[k];
        if (b->kind == DOC_TABLE && b->table.sheet && !strcmp(b->table.sheet, "Items")) {
            assert_true(b->table.continues);
            assert_int_equal(b->ncolumns, items->ncolumns);
            nitems += b->nrows;
            second = ++pieces == 2 ? b : second;
        }
    }
    assert_int_equal(nitems, 6);
    assert_int_equal(pieces, 4); /* Lead, Talk, Team, Other items */
    assert_string_equal(items->columns[13].title, "Next step");
    assert_string_equal(doc_table_cell(items, 1, 2)->text, "n2");
    assert_true(doc_table_cell(items, 1, 5)->number == 2.0); /* mean of 1 and 3 */
    assert_true(fabs(doc_table_cell(items, 1, 7)->number - 200.0 / 27.0) < 1e-12); /* gain */
    assert_true(doc_table_cell(items, 1, 8)->number == 3.0);                       /* priority */
    assert_string_equal(doc_table_cell(items, 1, 9)->text, "yes");
    assert_string_equal(doc_table_cell(second, 0, 2)->text, "n3");
    assert_false(doc_table_cell(second, 0, 5)->has_number); /* n3 unknown */

    const doc_block *plan = sheet(f->doc, "Plan");
    assert_int_equal(plan->nrows, 4);
    assert_string_equal(doc_table_cell(plan, 0, 1)->text, "n3");
    assert_string_equal(doc_table_cell(plan, 0, 4)->text,
                        "Find out the answer; look for: Training records");
    assert_string_equal(doc_table_cell(plan, 1, 4)->text, "Action for o2 from level 0");
    assert_string_equal(doc_table_cell(plan, 1, 5)->text, "Within 90 days");
    assert_true(doc_table_cell(plan, 1, 7)->number ==
                f->res.items[f->res.priorities[1]].gain); /* the gain, unrounded */
    assert_true(plan->columns[12].input);
    assert_int_equal(plan->columns[12].nchoices, 5);
    assert_string_equal(plan->columns[12].choices[2], "Done");
    assert_string_equal(doc_table_cell(plan, 3, 12)->text, "Not started");
    assert_string_equal(doc_table_cell(sheet(f->doc, "Resources"), 0, 3)->link,
                        "https://www.racialequityalliance.org/");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cover_and_info),  cmocka_unit_test(test_section_order),
        cmocka_unit_test(test_glance),          cmocka_unit_test(test_dimension_cards),
        cmocka_unit_test(test_plan_by_horizon), cmocka_unit_test(test_gaps_and_appendix),
        cmocka_unit_test(test_sheets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
