/*
 * test_pages.c — reports as printed: the shipped examples' city report
 * (team and public editions, compared with the example cohort) and the
 * statewide report are composed, rendered as PDF and read back page by
 * page (tests/pages_check.py, pdftotext) against the model: no page ends
 * with a heading or a table's header row, the table of contents lists
 * every level-1 and level-2 heading with the page it is on, no number
 * shows more than one decimal, and the public edition holds no
 * respondent's name, per-person answer or disagreement.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess-report.h"
#include "city.h"
#include "doc.h"
#include "l10n.h"
#include "run.h"
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PYTHON   "/usr/bin/python3"
#define CHECK    SOURCE_DIR "/tests/pages_check.py"
#define GARE     SOURCE_DIR "/questionnaires/gare-local" /* the examples answer 1.1 */
#define CITY_CSV SOURCE_DIR "/examples/cities/cedar-falls-team.csv"
#define COHORT   SOURCE_DIR "/examples/cohort/state-2026.csv" /* one version */

/* The respondents of the example city (its CSV's respondent column). */
static const char *const names[] = {"Dana Whitfield", "Marcus Oyelaran", "Priya Natarajan"};

/* Writes what pages_check.py checks: every heading (H level text), every
 * table header on pages (R title TAB title …), the strings the PDF must
 * not hold (A) and must hold (P). */
static void write_spec(const report_doc *doc, const char *path, const char *const *absent,
                       size_t nabsent, const char *const *present, size_t npresent)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    int level = 1; /* of the last heading */
    fprintf(f, "C\t%s\n", l10n_get(doc->info.lang, "Contents"));
    for (size_t k = 0; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind == DOC_HEADING)
            fprintf(f, "H\t%d\t%s\n", level = b->level, b->text);
        /* a grouped table's groups are headings one level below (docs/reports.md) */
        for (size_t r = 0; b->kind == DOC_TABLE && b->table.grouped && !b->table.data_only &&
                           r < doc_table_page_rows(b);
             r = doc_table_group_end(b, r))
            fprintf(f, "H\t%d\t%s\n", level < 3 ? level + 1 : 3, doc_table_group_text(b, r));
        if (b->kind == DOC_TABLE && !b->table.data_only) {
            fputs("R", f);
            for (size_t c = 0; c < b->ncolumns; c++)
                if (b->columns[c].width > 0)
                    fprintf(f, "\t%s", b->columns[c].title);
            fputs("\n", f);
        }
    }
    for (size_t k = 0; k < nabsent; k++)
        fprintf(f, "A\t%s\n", absent[k]);
    for (size_t k = 0; k < npresent; k++)
        fprintf(f, "P\t%s\n", present[k]);
    fclose(f);
}

static void check(const report_doc *doc, const char *name, const char *const *absent,
                  size_t nabsent, const char *const *present, size_t npresent)
{
    assert_non_null(doc);
    char *dir = temp_dir();
    char pdf[600], spec[600];
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, name);
    snprintf(spec, sizeof spec, "%s/%s.tsv", dir, name);
    assess_diags d;
    assess_diags_init(&d);
    assert_int_equal(report_render(doc, REPORT_PDF, pdf, NULL, &d), ASSESS_OK);
    assess_diags_cleanup(&d);
    write_spec(doc, spec, absent, nabsent, present, npresent);
    const char *argv[] = {PYTHON, CHECK, spec, pdf, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("%s: pages_check.py: status %d\n%s%s", name, r.status, r.out, r.err);
    run_free(&r);
    remove_dir(dir);
}

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *city, *cohort_r;
    assess_cohort *c;
    assess_cohort_stats *s;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assess_diags_init(&f->d);
    const char *by[] = {"region"};
    assess_cohort_spec spec = {.nby = 1, .by = by};
    assert_int_equal(assess_questionnaire_load(GARE, &f->q, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->city), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f->city, CITY_CSV, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->cohort_r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f->cohort_r, COHORT, &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_build(f->cohort_r, &f->c, &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_stats_compute(f->c, &spec, &f->s, &f->d), ASSESS_OK);
    l10n_set_dir(LOCALEDIR_BUILD); /* the build's catalogues, for the Spanish pages */
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assess_cohort_stats_free(f->s);
    assess_cohort_free(f->c);
    assess_responses_free(f->cohort_r);
    assess_responses_free(f->city);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}

static report_doc *city_doc(fixture *f, report_edition edition, assess_result *res,
                            assess_cohort_rank *ranks)
{
    assert_int_equal(assess_result_init(res, f->q), ASSESS_OK);
    assess_score_compute(f->city, 0, res);
    assess_cohort_ranks(f->c, f->s->cycle_index, res, 0, ranks);
    city_options opt = {.created = 1795000000,
                        .benchmark = f->s,
                        .ranks = ranks,
                        .region_column = "region",
                        .edition = edition};
    return city_report_new(f->city, res, &opt);
}

static void test_city_team(void **state)
{
    fixture *f = *state;
    assess_result res;
    assess_cohort_rank *ranks = calloc(f->c->nmeasures, sizeof *ranks);
    assert_non_null(ranks);
    report_doc *doc = city_doc(f, REPORT_EDITION_TEAM, &res, ranks);
    const char *present[] = {names[0], names[1], names[2], "Team edition",
                             "Where respondents disagree", "levels apart: talk it through",
                             "Respondents", "To ask for this report in another format"};
    check(doc, "team", NULL, 0, present, 8);
    doc_free(doc);
    assess_result_cleanup(&res);
    free(ranks);
}

static void test_city_public(void **state)
{
    fixture *f = *state;
    assess_result res;
    assess_cohort_rank *ranks = calloc(f->c->nmeasures, sizeof *ranks);
    assert_non_null(ranks);
    report_doc *doc = city_doc(f, REPORT_EDITION_PUBLIC, &res, ranks);
    const char *absent[] = {names[0], names[1], names[2], "Team edition",
                            "Where respondents disagree", "levels apart: talk it through",
                            "Respondents"};
    /* evidence a respondent wrote stays in this edition */
    const char *present[] = {"Public edition", "Ordinance 19-204",
                             "To ask for this report in another format"};
    check(doc, "public", absent, 7, present, 3);
    doc_free(doc);
    assess_result_cleanup(&res);

    doc = city_doc(f, REPORT_EDITION_PUBLIC_NO_NOTES, &res, ranks);
    const char *absent2[] = {names[0], names[1], names[2], "Ordinance 19-204", "Evidence",
                             "Notes"};
    const char *present2[] = {"Public edition"};
    check(doc, "public-no-notes", absent2, 6, present2, 1);
    doc_free(doc);
    assess_result_cleanup(&res);
    free(ranks);
}

/* The other example cities, as printed (their own questionnaire version). */
static void test_other_cities(void **state)
{
    fixture *f = *state;
    const char *cities[] = {"riverton", "lakeside-long"};
    for (size_t k = 0; k < 2; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s/examples/cities/%s.csv", SOURCE_DIR, cities[k]);
        assess_responses *r;
        assess_result res;
        assert_int_equal(assess_responses_new(f->q, &r), ASSESS_OK);
        assert_int_equal(assess_responses_add_file(r, path, &f->d), ASSESS_OK);
        assert_int_equal(assess_result_init(&res, f->q), ASSESS_OK);
        assess_score_compute(r, r->nassessments - 1, &res);
        assess_cohort_rank *ranks = calloc(f->c->nmeasures, sizeof *ranks);
        assert_non_null(ranks);
        assess_cohort_ranks(f->c, f->s->cycle_index, &res, 0, ranks);
        city_options opt = {
            .created = 1795000000, .benchmark = f->s, .ranks = ranks, .region_column = "region"};
        report_doc *doc = city_report_new(r, &res, &opt);
        const char *present[] = {"Team edition", "Contents"};
        check(doc, cities[k], NULL, 0, present, 2);
        doc_free(doc);
        free(ranks);
        assess_result_cleanup(&res);
        assess_responses_free(r);
    }
}

static void test_statewide(void **state)
{
    fixture *f = *state;
    state_options opt = {.created = 1795000000, .list_members = true, .title = "State league"};
    report_doc *doc = state_report_new(f->s, &opt);
    const char *present[] = {"To ask for this report in another format", "Contents"};
    check(doc, "statewide", NULL, 0, present, 2);
    doc_free(doc);
}

/* The same reports in Spanish, about a fifth longer: the layout holds
 * (no page ending with a heading or a header row, the contents' pages,
 * one decimal). */
static void test_spanish(void **state)
{
    fixture *f = *state;
    assess_result res;
    assess_cohort_rank *ranks = calloc(f->c->nmeasures, sizeof *ranks);
    assert_non_null(ranks);
    assert_int_equal(assess_result_init(&res, f->q), ASSESS_OK);
    assess_score_compute(f->city, 0, &res);
    assess_cohort_ranks(f->c, f->s->cycle_index, &res, 0, ranks);
    city_options opt = {.created = 1795000000,
                        .benchmark = f->s,
                        .ranks = ranks,
                        .region_column = "region",
                        .lang = "es"};
    report_doc *doc = city_report_new(f->city, &res, &opt);
    const char *present[] = {names[0], "Edición para el equipo", "Dónde difieren las respuestas",
                             "Contenido", "Página 2 de "};
    const char *absent[] = {"Team edition", "Page 2 of "};
    check(doc, "city-es", absent, 2, present, 5);
    doc_free(doc);
    assess_result_cleanup(&res);
    free(ranks);
    state_options so = {
        .created = 1795000000, .list_members = true, .title = "Liga estatal", .lang = "es"};
    doc = state_report_new(f->s, &so);
    const char *present2[] = {"Contenido", "Para pedir este informe en otro formato"};
    check(doc, "statewide-es", NULL, 0, present2, 2);
    doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city_team),
        cmocka_unit_test(test_city_public),
        cmocka_unit_test(test_other_cities),
        cmocka_unit_test(test_statewide),
        cmocka_unit_test(test_spanish),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
