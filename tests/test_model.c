/*
 * test_model.c — one report model, every format: each report (city, the
 * city with comparisons, statewide, the blank form) is composed once,
 * rendered through report_render as PDF and as XLSX, and read back
 * (tests/model_check.py: pdftotext and openpyxl): every table that names
 * a worksheet has its caption and column titles in the worksheet, and,
 * when it is on pages, in the PDF's text.  Also report_render's table of
 * formats and its located errors.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "city.h"
#include "form.h"
#include "assess-report.h"
#include "run.h"
#include "state.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PYTHON "/usr/bin/python3"
#define CHECK  SOURCE_DIR "/tests/model_check.py"
#define CITY   TEST_DATA "/city"
#define COHORT TEST_DATA "/cohort"
#define GARE   SOURCE_DIR "/questionnaires/gare-local"

/* Writes what model_check.py checks: the tables that name a worksheet.
 * Returns how many of them are on pages. */
static size_t write_spec(const report_doc *doc, const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    size_t on_pages = 0;
    const char *last = NULL;
    for (size_t k = 0; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind != DOC_TABLE || !b->table.sheet)
            continue;
        /* a table in pieces (the items, a piece per theme): one sheet, its
         * rows cards on pages, each card's title in the sheet's column */
        bool piece = b->table.continues && last && !strcmp(last, b->table.sheet);
        last = b->table.sheet;
        bool pages = !b->table.data_only && !b->table.cards; /* a header row on pages */
        if (!piece) {
            on_pages += !b->table.data_only;
            fprintf(f, "T\t%d\t%s\n", pages, b->table.caption ? b->table.caption : "");
            for (size_t c = 0; c < b->ncolumns; c++)
                fprintf(f, "C\t%d\t%s\n", pages && b->columns[c].width > 0,
                        b->columns[c].title);
        }
        for (size_t r = 0; b->table.cards && r < doc_table_page_rows(b); r++)
            fprintf(f, "K\t1\t%zu\t%s\n", b->table.card_title,
                    doc_table_cell(b, r, b->table.card_title)->text);
        /* a grouped table: each group's heading on pages, its column in the sheet */
        for (size_t r = 0; b->table.grouped && r < b->nrows; r = doc_table_group_end(b, r))
            fprintf(f, "G\t%d\t%zu\t%s\n", !b->table.data_only && r < doc_table_page_rows(b),
                    b->table.group_column, doc_table_group_text(b, r));
    }
    fclose(f);
    return on_pages;
}

/* Renders doc both ways and checks the two against the model; returns
 * how many of its tables are on pages and in the workbook. */
static size_t check_both(const report_doc *doc, const char *name)
{
    assert_non_null(doc);
    char *dir = temp_dir();
    char pdf[600], xlsx[600], spec[600];
    snprintf(pdf, sizeof pdf, "%s/%s.pdf", dir, name);
    snprintf(xlsx, sizeof xlsx, "%s/%s.xlsx", dir, name);
    snprintf(spec, sizeof spec, "%s/%s.tsv", dir, name);
    assess_diags d;
    assess_diags_init(&d);
    assert_int_equal(report_render(doc, report_format_of_path(pdf), pdf, NULL, &d), ASSESS_OK);
    assert_int_equal(report_render(doc, report_format_of_path(xlsx), xlsx, NULL, &d), ASSESS_OK);
    assert_int_equal(d.count, 0);
    assess_diags_cleanup(&d);
    size_t shared = write_spec(doc, spec);
    const char *argv[] = {PYTHON, CHECK, spec, pdf, xlsx, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("%s: model_check.py: status %d\n%s%s", name, r.status, r.out, r.err);
    run_free(&r);
    remove_dir(dir);
    return shared;
}

static void test_city(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assess_responses *r;
    assess_result res;
    assert_int_equal(assess_questionnaire_load(CITY "/q", &q, &d), ASSESS_OK);
    assert_int_equal(assess_responses_new(q, &r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r, CITY "/villeneuve.csv", &d), ASSESS_OK);
    assert_int_equal(assess_result_init(&res, q), ASSESS_OK);
    assess_score_compute(r, 0, &res);
    city_options opt = {.created = 1795000000};
    report_doc *doc = city_report_new(r, &res, &opt);
    /* Summary, Items (cards on pages), Plan (grouped by horizon), Resources, Glossary */
    assert_int_equal(check_both(doc, "city"), 5);
    doc_free(doc);
    assess_result_cleanup(&res);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
    assess_cohort *c;
    assess_cohort_stats *s;
} cohort_fixture;

static void cohort_load(cohort_fixture *f)
{
    assess_diags_init(&f->d);
    const char *by[] = {"region"};
    assess_cohort_spec spec = {.nby = 1, .by = by};
    assert_int_equal(assess_questionnaire_load(COHORT "/q", &f->q, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f->r, COHORT "/cohort.csv", &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_build(f->r, &f->c, &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_stats_compute(f->c, &spec, &f->s, &f->d), ASSESS_OK);
}

static void cohort_free(cohort_fixture *f)
{
    assess_cohort_stats_free(f->s);
    assess_cohort_free(f->c);
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
}

static void test_city_compared(void **state)
{
    (void)state;
    cohort_fixture f;
    cohort_load(&f);
    assess_result res;
    assert_int_equal(assess_result_init(&res, f.q), ASSESS_OK);
    assess_score_compute(f.r, 1, &res); /* E2, 2026 */
    assess_cohort_rank ranks[8];
    assess_cohort_ranks(f.c, f.s->cycle_index, &res, 0, ranks);
    city_options opt = {
        .created = 1795000000, .benchmark = f.s, .ranks = ranks, .region_column = "region"};
    report_doc *doc = city_report_new(f.r, &res, &opt);
    /* Summary, Comparison, Items and Plan (the cohort's questionnaire has
     * no resources or glossary) */
    assert_int_equal(check_both(doc, "compared"), 4);
    doc_free(doc);
    assess_result_cleanup(&res);
    cohort_free(&f);
}

static void test_statewide(void **state)
{
    (void)state;
    cohort_fixture f;
    cohort_load(&f);
    state_options opt = {.created = 1795000000, .list_members = true};
    report_doc *doc = state_report_new(f.s, &opt);
    /* Overview (grouped by grouping), Training needs, Change (grouped by
     * measure) and Members */
    assert_int_equal(check_both(doc, "statewide"), 4);
    doc_free(doc);
    cohort_free(&f);
}

/* The blank form is cards and boxes, no table: its workbook is the
 * assessment workbook (`assess template`), an input format of its own. */
static void test_form(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(GARE, &q, &d), ASSESS_OK);
    form_options opt = {.created = 1795000000};
    report_doc *doc = form_doc_new(q, &opt);
    assert_int_equal(check_both(doc, "form"), 0);
    for (size_t k = 0; k < doc->nblocks; k++)
        assert_int_not_equal(doc->blocks[k].kind, DOC_TABLE);
    doc_free(doc);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

/* The table of formats, and failures as located diagnostics. */
static void test_render_entry(void **state)
{
    (void)state;
    assert_int_equal(report_format_of_path("a/b.PDF"), REPORT_PDF);
    assert_int_equal(report_format_of_path("b.xlsx"), REPORT_XLSX);
    assert_int_equal(report_format_of_path("b.pdf.txt"), REPORT_FORMAT_COUNT);
    assert_int_equal(report_format_of_path(".pdf"), REPORT_FORMAT_COUNT);
    assert_string_equal(report_format_name(REPORT_XLSX), "XLSX");
    assert_string_equal(report_format_name(REPORT_FORMAT_COUNT), "");

    report_doc *doc = doc_new();
    assert_non_null(doc);
    assess_diags d;
    assess_diags_init(&d);
    assert_int_equal(report_render(doc, REPORT_FORMAT_COUNT, "/tmp/x.html", NULL, &d),
                     ASSESS_ERR_USAGE);
    assert_int_equal(d.count, 1);
    assert_string_equal(d.items[0].file, "/tmp/x.html");
    assert_int_equal(report_render(NULL, REPORT_PDF, "/tmp/x.pdf", NULL, &d), ASSESS_ERR_USAGE);
    /* a folder that does not exist: an error at the name the user gave */
    assert_int_equal(report_render(doc, REPORT_XLSX, "/nonexistent/dir/.x.tmp", "report.xlsx", &d),
                     ASSESS_ERR_IO);
    assert_int_equal(d.count, 3);
    assert_string_equal(d.items[2].file, "report.xlsx");
    assert_non_null(strstr(d.items[2].message, "cannot write"));
    assert_int_equal(report_render(doc, REPORT_PDF, "/nonexistent/dir/x.pdf", NULL, &d),
                     ASSESS_ERR_IO);
    assert_string_equal(d.items[3].file, "/nonexistent/dir/x.pdf");
    assess_diags_cleanup(&d);
    doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city),         cmocka_unit_test(test_city_compared),
        cmocka_unit_test(test_statewide),    cmocka_unit_test(test_form),
        cmocka_unit_test(test_render_entry),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
