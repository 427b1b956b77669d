/*
 * test_state.c — the statewide report's content and the peer groups of
 * "How you compare", from the small cohort of tests/data/cohort whose
 * statistics test_cohort works out by hand:
 *   2026 overall, printed: E1 100, E2 41.7, E3 6.3, E4 70.8, E6 29.2;
 *   E5 has none.  North: E1–E4; South: E5, E6; min_group_size 5.
 *   E1, E2 and E3 are in both cycles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "city.h"
#include "doc_find.h"
#include "state.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DIR TEST_DATA "/cohort"

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
    assess_cohort *c;
    assess_cohort_stats *s;
    report_doc *doc;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assess_diags_init(&f->d);
    const char *by[] = {"region"};
    assess_cohort_spec spec = {.nby = 1, .by = by};
    if (assess_questionnaire_load(DIR "/q", &f->q, &f->d) != ASSESS_OK ||
        assess_responses_new(f->q, &f->r) != ASSESS_OK ||
        assess_responses_add_file(f->r, DIR "/cohort.csv", &f->d) != ASSESS_OK ||
        assess_cohort_build(f->r, &f->c, &f->d) != ASSESS_OK ||
        assess_cohort_stats_compute(f->c, &spec, &f->s, &f->d) != ASSESS_OK)
        return -1;
    state_options opt = {.title = "League of Test Cities", .created = 1795000000,
                         .list_members = true};
    f->doc = state_report_new(f->s, &opt);
    *state = f;
    return f->doc ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    doc_free(f->doc);
    assess_cohort_stats_free(f->s);
    assess_cohort_free(f->c);
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}


static void test_cover_and_overview(void **state)
{
    fixture *f = *state;
    assert_string_equal(f->doc->cover.entity, "League of Test Cities");
    assert_string_equal(f->doc->cover.cycle.label, "Cycle");
    assert_string_equal(f->doc->cover.cycle.value, "2026, compared with 2025");
    size_t o = doc_find(f->doc, 0, DOC_HEADING, "overview");
    const doc_block *lead = &f->doc->blocks[doc_find(f->doc, o, DOC_PARAGRAPH, NULL)];
    assert_string_equal(lead->text,
                        "6 entities (City) took part in cycle 2026. Their median overall index "
                        "is 41.7; the middle half of them score between 29.2 and 70.8, and the "
                        "range runs from 6.3 to 100.0.");
    const doc_block *fig = &f->doc->blocks[doc_find(f->doc, o, DOC_FIGURES, NULL)];
    assert_string_equal(fig->figures[0].value, "6");
    assert_string_equal(fig->figures[1].value, "41.7");
    /* one table of every group, on pages a table per grouping: all, then
     * the regions of 4 and 2 entities, below min_group_size 5 */
    size_t r = doc_find(f->doc, o, DOC_HEADING, "overview:groups");
    const doc_block *t = &f->doc->blocks[doc_find(f->doc, r, DOC_TABLE, NULL)];
    assert_string_equal(t->table.sheet, "Overview");
    assert_false(t->table.data_only);
    assert_true(t->table.grouped);
    assert_int_equal(t->nrows, 7); /* all, 2 regions, 4 size bands */
    assert_string_equal(doc_table_group_text(t, 0), "All");
    assert_int_equal(doc_table_group_end(t, 0), 1);
    assert_string_equal(doc_table_cell(t, 0, 2)->text, "6");
    assert_string_equal(doc_table_cell(t, 0, 4)->text, "41.7");
    assert_true(doc_table_cell(t, 0, 4)->number == 41.7);
    assert_string_equal(doc_table_group_text(t, 1), "By region");
    assert_int_equal(doc_table_group_end(t, 1), 3);
    assert_string_equal(doc_table_cell(t, 1, 1)->text, "North");
    assert_string_equal(doc_table_cell(t, 1, 2)->text, "fewer than 5");
    assert_false(doc_table_cell(t, 1, 4)->has_number);
    assert_string_equal(doc_table_group_text(t, 3), "By population size");
    assert_int_equal(doc_table_group_end(t, 3), 7);
    doc_find(f->doc, o, DOC_CHART, NULL);
}

/* The share of items answered per group, one decimal (it describes the
 * groups; it is not a statistic a reader redoes).  2026, with every group
 * shown: North 11 of 12 items answered (E4's a1 is unknown) → 91.7 %;
 * South 4 of 6 (E5's b1 and E6's a2 are blank) → 66.7 %. */
static void test_answered_share_per_group(void **state)
{
    fixture *f = *state;
    const char *by[] = {"region"};
    assess_cohort_spec spec = {.nby = 1, .by = by, .min_group_size = 1};
    assess_cohort_stats *s = NULL;
    assert_int_equal(assess_cohort_stats_compute(f->c, &spec, &s, &f->d), ASSESS_OK);
    state_options opt = {.title = "League of Test Cities", .created = 1795000000};
    report_doc *doc = state_report_new(s, &opt);
    assert_non_null(doc);
    size_t r = doc_find(doc, 0, DOC_HEADING, "overview:groups");
    const doc_block *t = &doc->blocks[doc_find(doc, r, DOC_TABLE, NULL)];
    assert_string_equal(doc_table_cell(t, 1, 1)->text, "North");
    assert_string_equal(doc_table_cell(t, 1, 3)->text, "91.7 %");
    assert_true(fabs(doc_table_cell(t, 1, 3)->number - 11.0 / 12.0) < 1e-5);
    assert_string_equal(doc_table_cell(t, 2, 1)->text, "South");
    assert_string_equal(doc_table_cell(t, 2, 3)->text, "66.7 %");
    doc_free(doc);
    assess_cohort_stats_free(s);
}

/* Items by share of entities at the two lowest levels, 2026:
 *   b1 (0–3): E3 0, E2 1, E6 1 → 3/6 = 50 %;
 *   a1 (0–4): E3 0, E6 1 → 33.333 %; E4 unknown → 16.667 % gap;
 *   a2: E3 1 → 16.667 %; E6 blank → 16.667 % gap. */
static void test_training_needs(void **state)
{
    fixture *f = *state;
    size_t w = doc_find(f->doc, 0, DOC_HEADING, "weakest");
    const doc_block *t = &f->doc->blocks[doc_find(f->doc, w, DOC_TABLE, NULL)];
    assert_int_equal(t->nrows, 3);
    /* one table for pages and the workbook: the share as printed and as a value */
    assert_string_equal(t->table.sheet, "Training needs");
    assert_string_equal(doc_table_cell(t, 0, 0)->text, "1");
    assert_string_equal(doc_table_cell(t, 0, 1)->text, "2.1.1"); /* b1: B has no named theme */
    assert_string_equal(doc_table_cell(t, 0, 4)->text, "50.0 %");
    assert_true(doc_table_cell(t, 0, 4)->number == 0.5);
    assert_string_equal(doc_table_cell(t, 1, 1)->text, "1.1.1"); /* a1 */
    assert_string_equal(doc_table_cell(t, 1, 4)->text, "33.3 %");
    assert_string_equal(doc_table_cell(t, 1, 5)->text, "16.7 %");
    assert_string_equal(doc_table_cell(t, 2, 1)->text, "1.1.2"); /* a2 */
    assert_string_equal(doc_table_cell(t, 2, 5)->text, "16.7 %");
    assert_true(doc_table_cell(t, 2, 5)->number > 0.1666 && doc_table_cell(t, 2, 5)->number < 0.1667);
}

/* Only three entities are paired: change is suppressed. */
static void test_change_suppressed(void **state)
{
    fixture *f = *state;
    size_t c = doc_find(f->doc, 0, DOC_HEADING, "change");
    assert_string_equal(f->doc->blocks[c].text, "Change since cycle 2025");
    const doc_block *t = &f->doc->blocks[doc_find(f->doc, c, DOC_TABLE, NULL)];
    /* grouped by measure: the overall index first, the "all" group first */
    assert_true(t->table.grouped);
    assert_string_equal(doc_table_group_text(t, 0), "Overall index");
    assert_string_equal(doc_table_cell(t, 0, 3)->text, "All");
    assert_string_equal(doc_table_cell(t, 0, 4)->text, "fewer than 5");
    assert_false(doc_table_cell(t, 0, 5)->has_number);
    /* pages show the overall index and the dimensions; the workbook the themes too */
    assert_true(doc_table_page_rows(t) < t->nrows);
    assert_int_equal(t->nrows % doc_table_group_end(t, 0), 0);
}

static void test_tables_and_members(void **state)
{
    fixture *f = *state;
    size_t t = doc_find(f->doc, 0, DOC_HEADING, "tables:overall");
    const doc_block *tb = &f->doc->blocks[doc_find(f->doc, t, DOC_TABLE, NULL)];
    /* printed with one decimal (p10 15.46, p90 88.32); the cells keep the values */
    const char *want[] = {"All", "5", "6.3", "15.5", "29.2", "41.7", "70.8", "88.3", "100.0",
                          "49.6"};
    for (size_t k = 0; k < 10; k++)
        assert_string_equal(doc_table_cell(tb, 0, k)->text, want[k]);
    size_t m = doc_find(f->doc, 0, DOC_HEADING, "members");
    const doc_block *mt = &f->doc->blocks[doc_find(f->doc, m, DOC_TABLE, NULL)];
    assert_int_equal(mt->nrows, 6);
    assert_string_equal(doc_table_cell(mt, 1, 0)->text, "E2");
    assert_string_equal(doc_table_cell(mt, 1, 1)->text, "41.7");
    assert_string_equal(doc_table_cell(mt, 4, 1)->text, "–"); /* E5: every item na */
}

/* A city is placed in its region and size band by its own metadata,
 * member or not (bands 1000,10000 from the questionnaire). */
static void test_group_of(void **state)
{
    fixture *f = *state;
    assess_meta m1[] = {{"region", "North"}, {"population", "5,000"}};
    const assess_cohort_group *g = assess_cohort_stats_group_of(f->s, "region", m1, 2);
    assert_non_null(g);
    assert_string_equal(g->name, "North");
    assert_int_equal(g->entities, 4);
    g = assess_cohort_stats_group_of(f->s, "size", m1, 2);
    assert_non_null(g);
    assert_string_equal(g->name, "1,000–9,999");
    assess_meta m2[] = {{"Region", "West"}, {"population", "250000"}};
    assert_null(assess_cohort_stats_group_of(f->s, "region", m2, 2));
    g = assess_cohort_stats_group_of(f->s, "size", m2, 2);
    assert_string_equal(g->name, "10,000 and over");
    assert_null(assess_cohort_stats_group_of(f->s, "size", m2, 1)); /* no population */
    assert_null(assess_cohort_stats_group_of(f->s, "county", m1, 2));
}

/* The city report's comparison section: E2 beside the cohort; its
 * region and band are too small, and say so. */
static void test_city_compare(void **state)
{
    fixture *f = *state;
    assess_result res;
    assert_int_equal(assess_result_init(&res, f->q), ASSESS_OK);
    size_t e2 = 1; /* E2, 2026 */
    assert_string_equal(f->r->assessments[e2].entity, "E2");
    assert_string_equal(f->r->assessments[e2].cycle, "2026");
    assess_score_compute(f->r, e2, &res);
    assess_cohort_rank ranks[8];
    assess_cohort_ranks(f->c, f->s->cycle_index, &res, 0, ranks);
    city_options opt = {.created = 1795000000,
                        .benchmark = f->s,
                        .ranks = ranks,
                        .region_column = "region"};
    report_doc *doc = city_report_new(f->r, &res, &opt);
    assert_non_null(doc);
    size_t c = doc_find(doc, 0, DOC_HEADING, "compare");
    size_t note = doc_find(doc, c, DOC_PARAGRAPH, NULL);
    note = doc_find(doc, note + 1, DOC_PARAGRAPH, NULL);
    assert_int_equal(doc->blocks[note].style, DOC_STYLE_NOTE);
    assert_string_equal(doc->blocks[note].text,
                        "Group “North”: fewer than 5 entities took part, so its figures are "
                        "not shown. Small groups are left out so that no single entity can be "
                        "picked out of them.");
    const doc_block *t = &doc->blocks[doc_find(doc, c, DOC_TABLE, NULL)];
    /* Measure | E2 | Percentile rank | State | North | band */
    assert_int_equal(t->ncolumns, 6);
    assert_string_equal(t->columns[3].title, "State median");
    assert_string_equal(t->columns[4].title, "North median");
    assert_string_equal(t->columns[5].title, "Size 1,000–9,999 median");
    assert_string_equal(doc_table_cell(t, 0, 1)->text, "41.7");
    /* 41.7 among 6.3, 29.2, 41.7, 70.8, 100: (2 + 0.5) / 5 = 50 */
    assert_string_equal(doc_table_cell(t, 0, 2)->text, "50.0");
    assert_string_equal(doc_table_cell(t, 0, 3)->text, "41.7");
    assert_string_equal(doc_table_cell(t, 0, 4)->text, "–");

    /* the same as a data sheet, second after Summary */
    const doc_block *sh = NULL;
    for (size_t k = 0, n = 0; k < doc->nblocks && !sh; k++)
        if (doc->blocks[k].kind == DOC_TABLE && doc->blocks[k].table.sheet && n++ == 1)
            sh = &doc->blocks[k];
    assert_non_null(sh);
    assert_string_equal(sh->table.sheet, "Comparison");
    assert_int_equal(sh->ncolumns, 6);
    assert_true(doc_table_cell(sh, 0, 1)->number == 41.7);
    assert_true(doc_table_cell(sh, 0, 2)->number == 50.0);
    assert_true(doc_table_cell(sh, 0, 3)->number == 41.7);
    assert_false(doc_table_cell(sh, 0, 4)->has_number); /* North: suppressed */
    assert_int_equal(sh->ncharts, 1);
    doc_free(doc);
    assess_result_cleanup(&res);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cover_and_overview), cmocka_unit_test(test_answered_share_per_group),
        cmocka_unit_test(test_training_needs),
        cmocka_unit_test(test_change_suppressed),  cmocka_unit_test(test_tables_and_members),
        cmocka_unit_test(test_group_of),           cmocka_unit_test(test_city_compare),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
