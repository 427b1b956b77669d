/*
 * test_report.c — `assess report`, `assess report --batch` and the
 * statewide PDF, end to end, read back as a reader would: qpdf checks the
 * file, pdftotext shows the words, pdfinfo the metadata, pdftoppm renders
 * every page.  The numbers are those `assess score` prints.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "run.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CITIES SOURCE_DIR "/examples/cities"
/* the example cohort: 2025 answers gare-local 1.0.0, 2026 answers 1.1.0,
 * each file read with its own version */
#define COHORT SOURCE_DIR "/examples/cohort"
#define COHORT26 COHORT "/state-2026.csv"
#define GARE SOURCE_DIR "/questionnaires/gare-local"

/* The text of a PDF, white space squeezed; the caller frees. */
static char *pdf_text(const char *pdf)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    run_result r = run_tool(argv);
    assert_int_equal(r.status, 0);
    free(r.err);
    return squeeze(r.out);
}

static void assert_qpdf_ok(const char *pdf)
{
    const char *argv[] = {"qpdf", "--check", pdf, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("qpdf --check %s: %s%s", pdf, r.out, r.err);
    run_free(&r);
}

static int page_count(const char *pdf)
{
    int n = pdf_page_count(pdf);
    assert_true(n > 0);
    return n;
}

static void assert_contains(const char *text, const char *want)
{
    char *w = squeeze(strdup(want));
    if (!strstr(text, w))
        fail_msg("the PDF text lacks \"%s\"", w);
    free(w);
}

/* As assert_contains, for a text that may wrap at a hyphen: pdftotext
 * joins "strong-" and "mayor" at a line's end into "strongmayor". */
static void assert_contains_dehyphenated(const char *text, const char *want)
{
    char *t = squeeze(strdup(text)), *w = squeeze(strdup(want));
    for (char *s = t, *d = t;; s++)
        if (*s != '-' && !(*d++ = *s))
            break;
    for (char *s = w, *d = w;; s++)
        if (*s != '-' && !(*d++ = *s))
            break;
    if (!strstr(t, w))
        fail_msg("the PDF text lacks \"%s\"", want);
    free(t);
    free(w);
}

/* Lakeside's report shows the entity, every dimension's score exactly as
 * `assess score` prints it, every item and every recommended action. */
static void test_city_report(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/lakeside.pdf", dir);
    setenv("SOURCE_DATE_EPOCH", "1795000000", 1);
    run_result r = run("report", "-q", GARE, CITIES "/lakeside-long.csv", "-o", pdf, NULL);
    assert_int_equal(r.status, 0);
    assert_qpdf_ok(pdf);
    int pages = page_count(pdf);
    /* what was written, with the page count poppler reads back */
    char said[600];
    snprintf(said, sizeof said, "wrote %s: %d pages\n", pdf, pages);
    assert_string_equal(r.err, said);
    run_free(&r);
    r = run("report", "-q", GARE, CITIES "/lakeside-long.csv", "-o", pdf, "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    assert_true(pages >= 8);

    const char *info[] = {"pdfinfo", pdf, NULL};
    r = run_tool(info);
    assert_non_null(strstr(squeeze(r.out), "Title: Lakeside — improvement report 2026"));
    run_free(&r);

    char *text = pdf_text(pdf);
    assert_contains(text, "Lakeside");
    assert_contains(text, "18 November 2026");

    r = run("score", "-q", GARE, CITIES "/lakeside-long.csv", "--format", "json", NULL);
    assert_int_equal(r.status, 0);
    cJSON *doc = cJSON_Parse(r.out);
    run_free(&r);
    const cJSON *e = cJSON_GetArrayItem(cJSON_GetObjectItem(doc, "entities"), 0);
    char want[64];
    snprintf(want, sizeof want, "%.1f",
             cJSON_GetObjectItem(cJSON_GetObjectItem(e, "overall"), "rounded")->valuedouble);
    assert_contains(text, want);
    const cJSON *d;
    cJSON_ArrayForEach(d, cJSON_GetObjectItem(e, "dimensions"))
    {
        snprintf(want, sizeof want, "%.1f", cJSON_GetObjectItem(d, "rounded")->valuedouble);
        assert_contains(text, want);
    }

    /* every item, and the action recommended for its answer */
    assess_diags dg;
    assess_diags_init(&dg);
    assess_questionnaire *q = NULL;
    assert_int_equal(assess_questionnaire_load(GARE, &q, &dg), ASSESS_OK);
    const cJSON *it;
    size_t actions = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItem(e, "items"))
    {
        const char *id = cJSON_GetObjectItem(it, "id")->valuestring;
        size_t i = assess_questionnaire_item_find(q, id);
        assert_true(i != ASSESS_NONE);
        /* readers see the question's number, never its id */
        const char *t = q->items[i].text.text;
        snprintf(want, sizeof want, "%s %.*s", cJSON_GetObjectItem(it, "number")->valuestring,
                 (int)strcspn(t, " "), t); /* the title wraps beside the card's badge */
        assert_contains(text, want);
        if (strstr(text, id))
            fail_msg("the PDF text shows the item id \"%s\"", id);
        assert_contains_dehyphenated(text, q->items[i].text.text);
        const cJSON *ans = cJSON_GetObjectItem(it, "answer");
        if (!cJSON_IsString(ans) || cJSON_IsTrue(cJSON_GetObjectItem(it, "top")))
            continue;
        size_t ch = assess_scale_match(&q->scales[q->items[i].scale], ans->valuestring);
        const assess_recommendation *rec = assess_questionnaire_advice(q, i, ch);
        if (rec && cJSON_IsNumber(cJSON_GetObjectItem(it, "gain"))) {
            assert_contains(text, rec->action.text);
            actions++;
        }
    }
    assert_true(actions >= 20);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&dg);
    cJSON_Delete(doc);
    free(text);

    /* every page renders */
    char prefix[512];
    snprintf(prefix, sizeof prefix, "%s/page", dir);
    const char *ppm[] = {"pdftoppm", "-r", "20", "-png", pdf, prefix, NULL};
    r = run_tool(ppm);
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_int_equal(count_entries(dir), 1 + (size_t)pages);

    /* the same inputs give the same bytes */
    char again[512];
    snprintf(again, sizeof again, "%s/again.pdf", dir);
    r = run("report", "-q", GARE, CITIES "/lakeside-long.csv", "-o", again, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    size_t n1, n2;
    char *b1 = slurp(pdf, &n1), *b2 = slurp(again, &n2);
    assert_true(n1 == n2 && memcmp(b1, b2, n1) == 0);
    free(b1);
    free(b2);
    unsetenv("SOURCE_DATE_EPOCH");
    remove_dir(dir);
}

/* Three respondents, a brand, a benchmark and comparisons. */
static void test_branded_comparison(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/cedar.pdf", dir);
    run_result r = run("report", "-q", GARE, CITIES "/cedar-falls-team.csv", "-o", pdf, "--brand",
                       SOURCE_DIR "/examples/brand/northwind.brand", "--benchmark", COHORT,
                       "--prepared-for", "Cedar Falls City Council", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_qpdf_ok(pdf);
    char *text = pdf_text(pdf);
    assert_contains(text, "Northwind Equity Partners");
    assert_contains(text, "Cedar Falls City Council");
    assert_contains(text, "How you compare");
    assert_contains(text, "Percentile rank");
    assert_contains(text, "State median");
    assert_contains(text, "Where respondents disagree");
    free(text);
    remove_dir(dir);
}

static void test_report_errors(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char brand[512], pdf[512];
    snprintf(brand, sizeof brand, "%s/bad.brand", dir);
    snprintf(pdf, sizeof pdf, "%s/x.pdf", dir);
    write_file(brand, "organization = X\nprimary = blue\n");
    run_result r = run("report", "-q", GARE, CITIES "/riverton.csv", "-o", pdf, "--brand", brand, NULL);
    assert_int_equal(r.status, 1);
    char want[600];
    snprintf(want, sizeof want, "%s:2: error: primary: \"blue\" is not a colour like #1B4F72\n",
             brand);
    assert_string_equal(r.err, want);
    run_free(&r);
    assert_int_equal(count_entries(dir), 1); /* no PDF, no temporary */

    /* several entities and no --entity: a usage error that lists them */
    r = run("report", "-q", GARE, CITIES "/riverton.csv", CITIES "/lakeside-long.csv", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "choose one with --entity"));
    assert_non_null(strstr(r.err, "  Lakeside, cycle 2026\n"));
    run_free(&r);
    r = run("report", "-q", GARE, CITIES "/riverton.csv", CITIES "/lakeside-long.csv", "-o", pdf,
            "--entity", "lakeside", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    /* a name a letter or two off gets the likely ones, not the whole list */
    r = run("report", "-q", GARE, COHORT26, "--entity", "ash gate", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, COHORT26 ": error: no assessment of \"ash gate\" in the responses; "
                               "did you mean \"Ashgate\"? (assess score lists the 482 "
                               "entities)\n");
    run_free(&r);
    r = run("report", "-q", GARE, COHORT26, "--entity", "Nowhere At All", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, COHORT26 ": error: no assessment of \"Nowhere At All\" in the "
                               "responses (assess score lists the 482 entities)\n");
    run_free(&r);
    /* the entity is there, the cycle is not: its cycles */
    r = run("report", "-q", GARE, COHORT26, "--entity", "Ashgate", "--cycle", "2024", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, COHORT26 ": error: no assessment of \"Ashgate\" in cycle 2024; "
                               "its cycles are: 2026 (--cycle C)\n");
    run_free(&r);
    /* any case, and the name as the responses write it (not the first entity's) */
    r = run("report", "-q", GARE, COHORT26, "--entity", "elmholm", "--cycle", "2024", "-o", pdf,
            NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, COHORT26 ": error: no assessment of \"Elmholm\" in cycle 2024; "
                               "its cycles are: 2026 (--cycle C)\n");
    run_free(&r);
    /* many entities and none chosen: --batch, not a list of 482 */
    r = run("report", "-q", GARE, COHORT26, "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, COHORT26 ": error: the responses hold 482 assessments of 482 "
                               "entities: choose one with --entity NAME (and --cycle C), or "
                               "write a report for each with --batch (assess score lists "
                               "them)\n");
    run_free(&r);
    /* a peer column named wrong is an error with the likely one, not a
     * comparison silently dropped */
    r = run("report", "-q", GARE, COHORT26, "--entity", "Ashgate", "--benchmark", COHORT, "--peer-column",
            "regoin", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "assess: error: --peer-column regoin: no member of the benchmark "
                               "has a \"regoin\" column; did you mean \"region\"?\n");
    run_free(&r);
    /* a column of numbers: pointed to the size bands */
    r = run("report", "-q", GARE, COHORT26, "--entity", "Ashgate", "--benchmark", COHORT, "--peer-column",
            "population", "-o", pdf, "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "assess: warning: grouping by \"population\" makes one group "
                               "for each of its 475 numbers; the population size bands (the "
                               "\"size\" groups, set with --bands) group by size instead\n");
    run_free(&r);
    r = run("report", "-q", GARE, CITIES "/riverton.csv", "-o", "/tmp/x.docx", NULL);
    assert_int_equal(r.status, 2);
    run_free(&r);
    remove_dir(dir);
}

/* The batch: every entity once (PDF, workbook and web page), safe names, an
 * index, both cycles used. */
static void test_batch(void **state)
{
    (void)state;
    char *dir = temp_dir();
    /* (its own questionnaire: none of its columns is an item of the default) */
    run_result r = run("report", "--batch", "-q", TEST_DATA "/cohort/q", TEST_DATA "/cohort/cohort.csv",
                       "-o", dir, "-j", "2", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/index.csv", dir);
    char *index = slurp(path, NULL);
    assert_non_null(index);
    /* E1–E6 in 2026 and E7, seen only in 2025 */
    assert_non_null(strstr(
        index,
        "entity,cycle,pdf,xlsx,html,status,message\nE1,2026,e1.pdf,e1.xlsx,e1.html,written,\n"));
    assert_non_null(strstr(index, "E7,2025,e7.pdf,e7.xlsx,e7.html,written,\n"));
    free(index);
    assert_int_equal(count_entries(dir), 22); /* 7 PDFs, 7 workbooks, 7 pages, the index */
    snprintf(path, sizeof path, "%s/e2.html", dir);
    char *page = slurp(path, NULL);
    assert_non_null(page);
    assert_non_null(strstr(page, "<h1>E2</h1>"));
    free(page);
    snprintf(path, sizeof path, "%s/e2.pdf", dir);
    assert_qpdf_ok(path);
    char *text = pdf_text(path);
    assert_contains(text, "Change since cycle 2025");
    free(text);

    /* the output folder may not hold the inputs */
    r = run("report", "--batch", TEST_DATA "/cohort/cohort.csv", "-o", TEST_DATA "/cohort",
            NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "holds the batch's own input files"));
    run_free(&r);
    remove_dir(dir);
}

/* --formats: only the files asked for; the index leaves the others empty. */
static void test_batch_formats(void **state)
{
    (void)state;
    char *dir = temp_dir();
    run_result r = run("report", "--batch", "-q", TEST_DATA "/cohort/q", TEST_DATA "/cohort/cohort.csv",
                       "-o", dir, "-j", "2", "--formats", "xlsx,PDF", "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/index.csv", dir);
    char *index = slurp(path, NULL);
    assert_non_null(index);
    assert_non_null(strstr(index, "E1,2026,e1.pdf,e1.xlsx,,written,\n"));
    assert_non_null(strstr(index, "E7,2025,e7.pdf,e7.xlsx,,written,\n"));
    free(index);
    assert_int_equal(count_entries(dir), 15); /* 7 PDFs, 7 workbooks, the index */
    snprintf(path, sizeof path, "%s/e2.html", dir);
    assert_int_equal(access(path, F_OK), -1);

    /* an unknown or empty format is a usage error, and nothing is written */
    const char *bad[] = {"docx", "pdf,", "", "pdf,,xlsx"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        remove_dir(dir);
        dir = temp_dir();
        r = run("report", "--batch", "-q", TEST_DATA "/cohort/q", TEST_DATA "/cohort/cohort.csv",
                "-o", dir, "--formats", bad[k], NULL);
        assert_int_equal(r.status, 2);
        char want[120];
        snprintf(want, sizeof want, "--formats takes pdf, xlsx and html separated by commas, not \"%s\"",
                 bad[k]);
        assert_non_null(strstr(r.err, want));
        run_free(&r);
        assert_int_equal(count_entries(dir), 0);
    }
    remove_dir(dir);
}

static void test_statewide_pdf(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/state.pdf", dir);
    run_result r = run("benchmark", COHORT, "--by", "region", "-o", pdf, "--title",
                       "League of Example Cities", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    assert_qpdf_ok(pdf);
    char *text = pdf_text(pdf);
    assert_contains(text, "League of Example Cities");
    assert_contains(text, "482 entities (City) took part in cycle 2026.");
    assert_contains(text, "Training needs: where the state is weakest");
    assert_contains(text, "Change since cycle 2025");
    /* 2025 answered 1.0.0 and 2026 1.1.0: the change is on the shared questions */
    assert_contains(text, "Cycle 2025 was answered on version 1.0.0 of the questionnaire and "
                          "cycle 2026 on version 1.1.0");
    assert_contains(text, "on the 24 questions the two versions share");
    free(text);

    /* the example's league setting: small groups suppressed where a reader sees them,
     * in the region table (Oakenshire: 9 cities) and the size table (8) */
    /* in 2026 the smallest region, Oakenshire, has 10 cities and the
     * 250,000-and-over band 9 (counted from examples/cohort/state-2026.csv) */
    r = run("benchmark", COHORT, "--by", "region", "--min-group", "10", "-o", pdf, "--quiet",
            NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    text = pdf_text(pdf);
    assert_contains(text, "250,000 and over fewer than 10");
    /* Oakenshire's 10 are shown; fewer of them took part in both cycles,
     * so its change is not */
    assert_contains(text, "Oakenshire 10 ");
    free(text);

    /* a --by that names no column: a usage error, with the likely one */
    r = run("benchmark", COHORT, "--by", "Regoin", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "assess: error: --by Regoin: no City of cycle 2026 has a "
                               "\"Regoin\" column; did you mean \"region\"?\n");
    run_free(&r);
    r = run("benchmark", COHORT, "--by", "department", "-o", pdf, NULL);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "assess: error: --by department: no City of cycle 2026 has a "
                               "\"department\" column\n");
    run_free(&r);
    remove_dir(dir);
}

/* Every chart kind as SVG; the kinds that need more say what. */
static void test_chart_kinds(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *kinds[] = {"radar", "themes", "levels", "benchmark", "distribution"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        char svg[600];
        snprintf(svg, sizeof svg, "%s/%s.svg", dir, kinds[k]);
        run_result r = run("chart", "-q", GARE, CITIES "/lakeside-long.csv", "--kind", kinds[k],
                           "--benchmark", COHORT, "-o", svg, NULL);
        assert_int_equal(r.status, 0);
        run_free(&r);
        char *text = slurp(svg, NULL);
        assert_non_null(text);
        assert_non_null(strstr(text, "<svg"));
        free(text);
    }
    char out[600];
    snprintf(out, sizeof out, "%s/trend.svg", dir);
    run_result r = run("chart", "-q", TEST_DATA "/cohort/q", TEST_DATA "/cohort/cohort.csv",
                       "--entity", "E2", "--kind", "trend", "-o", out, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    r = run("chart", "-q", GARE, CITIES "/riverton.csv", "--kind", "trend", "-o", out, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "riverton.csv: error: Riverton, cycle 2026: nothing to draw "
                                  "— it has one cycle only\n"));
    run_free(&r);
    r = run("chart", "-q", GARE, CITIES "/riverton.csv", "--kind", "distribution", "-o", out, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--kind distribution needs --benchmark COHORT"));
    run_free(&r);
    r = run("chart", "-q", GARE, CITIES "/riverton.csv", "--kind", "items", "--dimension", "nope", "-o",
            out, NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no dimension \"nope\"; the questionnaire has: normalize "
                                  "organize operationalize"));
    run_free(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city_report), cmocka_unit_test(test_branded_comparison),
        cmocka_unit_test(test_report_errors), cmocka_unit_test(test_batch),
        cmocka_unit_test(test_batch_formats),
        cmocka_unit_test(test_statewide_pdf), cmocka_unit_test(test_chart_kinds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
