/*
 * test_questionnaire.c — loading a questionnaire package (docs/formats.md): the
 * model built from a valid package (tests/data/engine/q), then one broken
 * copy per rule, each with its exact message and line, a package with
 * several problems reporting them all, and the problems that are only
 * warnings.  Broken copies are made under /tmp from the valid package.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define Q TEST_DATA "/engine/q"

static const char *const package_files[] = {
    "settings.csv", "dimensions.csv",  "scales.csv",    "items.csv",
    "stages.csv",   "recommendations.csv", "resources.csv", "glossary.csv",
};
#define NFILES (sizeof package_files / sizeof *package_files)

/* ## A copy of the valid package to break */

typedef struct {
    char dir[64];
    assess_questionnaire *q;
    assess_diags d;
    assess_status status;
} pkg;

static void copy_package(pkg *p)
{
    memset(p, 0, sizeof *p);
    assess_diags_init(&p->d);
    strcpy(p->dir, "/tmp/test_questionnaire-XXXXXX");
    assert_non_null(mkdtemp(p->dir));
    for (size_t k = 0; k < NFILES; k++) {
        char from[512], to[128];
        snprintf(from, sizeof from, "%s/%s", Q, package_files[k]);
        snprintf(to, sizeof to, "%s/%s", p->dir, package_files[k]);
        FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
        assert_non_null(in);
        assert_non_null(out);
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            assert_int_equal(fwrite(buf, 1, n, out), n);
        fclose(in);
        assert_int_equal(fclose(out), 0);
    }
}

static void put(pkg *p, const char *file, const char *mode, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", p->dir, file);
    FILE *f = fopen(path, mode);
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Replaces a file of the copy. */
static void replace(pkg *p, const char *file, const char *text)
{
    put(p, file, "wb", text);
}

/* Adds rows at the end of a file of the copy. */
static void append(pkg *p, const char *file, const char *rows)
{
    put(p, file, "ab", rows);
}

static void remove_file(pkg *p, const char *file)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", p->dir, file);
    assert_int_equal(unlink(path), 0);
}

static void load(pkg *p)
{
    p->status = assess_questionnaire_load(p->dir, &p->q, &p->d);
}

static void discard(pkg *p)
{
    assess_questionnaire_free(p->q);
    assess_diags_cleanup(&p->d);
    for (size_t k = 0; k < NFILES; k++) {
        char path[128];
        snprintf(path, sizeof path, "%s/%s", p->dir, package_files[k]);
        unlink(path);
    }
    assert_int_equal(rmdir(p->dir), 0);
}

/* Diagnostic i, formatted, without the copy's folder. */
static const char *diag(const pkg *p, size_t i, char *buf, size_t size)
{
    char full[1024];
    assess_diag_format(&p->d.items[i], full, sizeof full);
    size_t n = strlen(p->dir);
    const char *s = full;
    if (strncmp(s, p->dir, n) == 0 && s[n] == '/')
        s += n + 1;
    snprintf(buf, size, "%s", s);
    return buf;
}

/* Asserts every diagnostic, in order; `want` ends with NULL. */
static void expect_diags(const pkg *p, const char *const *want)
{
    size_t n = 0, errors = 0;
    char buf[1024];
    for (; want[n]; n++) {
        assert_true(n < p->d.count);
        assert_string_equal(diag(p, n, buf, sizeof buf), want[n]);
        errors += strstr(want[n], ": error: ") != NULL;
    }
    assert_int_equal(p->d.count, n);
    assert_int_equal(p->d.errors, errors);
}

/* Loads the copy and asserts it fails with exactly these diagnostics. */
static void expect_invalid(pkg *p, const char *const *want)
{
    load(p);
    assert_int_equal(p->status, ASSESS_ERR_INVALID);
    assert_null(p->q);
    expect_diags(p, want);
}

/* Loads the copy and asserts it loads with exactly this one warning. */
static void expect_warning(pkg *p, const char *want)
{
    load(p);
    assert_int_equal(p->status, ASSESS_OK);
    assert_non_null(p->q);
    expect_diags(p, (const char *[]){want, NULL});
}

/* One broken copy: replace (or, with `add`, append to) one file, load,
 * and expect one error. */
static void one_error(const char *file, bool add, const char *text, const char *want)
{
    pkg p;
    copy_package(&p);
    if (add)
        append(&p, file, text);
    else
        replace(&p, file, text);
    expect_invalid(&p, (const char *[]){want, NULL});
    discard(&p);
}

/* ## The valid package */

/* Versions order part by part as numbers. */
static void test_version_order(void **state)
{
    (void)state;
    assert_true(assess_version_cmp("1.9", "1.10") < 0);
    assert_true(assess_version_cmp("1.10", "1.9") > 0);
    assert_true(assess_version_cmp("1.0", "1.0.1") < 0);
    assert_true(assess_version_cmp("2", "1.99.99") > 0);
    assert_int_equal(assess_version_cmp("1.1.0", "1.1.0"), 0);
    assert_true(assess_version_cmp("1.0", "1.0.0") < 0); /* a total order */
}

/* The catalog knows packages by their settings: a workbook and a folder
 * under unrelated names, a folder of no package and a missing folder on
 * the path are fine. */
static void test_catalog(void **state)
{
    (void)state;
    char path[2048];
    snprintf(path, sizeof path, "/no/such/folder:%s/engine:%s/xlsx", TEST_DATA, TEST_DATA);
    assess_catalog *c = NULL;
    assert_int_equal(assess_catalog_scan(path, &c), ASSESS_OK);
    const assess_catalog_entry *e = assess_catalog_find(c, "engine-test");
    assert_non_null(e);
    char want[1024];
    snprintf(want, sizeof want, "%s/engine/q", TEST_DATA);
    assert_string_equal(e->path, want);
    assert_ptr_equal(assess_catalog_find(c, "engine-test@0"), NULL);
    char name[256];
    snprintf(name, sizeof name, "engine-test@%s", e->version);
    assert_ptr_equal(assess_catalog_find(c, name), e);
    assert_ptr_equal(assess_catalog_find(c, "engine"), NULL);
    /* a workbook package, known by its settings sheet */
    e = assess_catalog_find(c, "cohort-test@1");
    assert_non_null(e);
    snprintf(want, sizeof want, "%s/xlsx/cohort-q.xlsx", TEST_DATA);
    assert_string_equal(e->path, want);
    assess_catalog_free(c);
    assess_catalog_free(NULL);
}

static void test_valid_package_counts(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    assert_int_equal(d.count, 0);
    assert_string_equal(q->path, Q);
    assert_string_equal(q->id, "engine-test");
    assert_string_equal(q->version, "2");
    assert_int_equal(q->nsettings, 3);
    assert_int_equal(q->ndimensions, 2);
    assert_int_equal(q->nscales, 2);
    assert_int_equal(q->nitems, 5);
    assert_int_equal(q->nthemes, 3);
    assert_int_equal(q->nstages, 3);
    assert_int_equal(q->nrecommendations, 3);
    assert_int_equal(q->nresources, 2);
    assert_int_equal(q->nterms, 1);
    assert_string_equal(q->terms[0].term.text, "Equity");
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_settings_defaults_and_translations(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    assert_string_equal(q->language, "en");
    assert_true(q->min_coverage == 0.8);
    assert_int_equal(q->min_group_size, 5);
    assert_string_equal(q->entity_label.text, "City");
    /* `value::es` translates the title; an empty translation falls back */
    assert_string_equal(assess_text_get(&q->title, "es"), "Prueba del motor");
    assert_string_equal(assess_text_get(&q->title, "fr"), "Engine test");
    assert_string_equal(assess_text_get(&q->title, NULL), "Engine test");
    assert_string_equal(q->settings[0].key, "id");
    assert_string_equal(assess_text_get(&q->settings[0].value, "es"), "engine-test");
    assert_string_equal(assess_text_get(&q->dimensions[1].label, "es"), "Organizar");
    assert_string_equal(assess_text_get(&q->items[0].text, "es"),
                        "Los líderes hablan de equidad");
    /* n2 has a text::es column but no translation in it */
    assert_string_equal(assess_text_get(&q->items[1].text, "es"), "Staff are trained");
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_dimensions_items_and_weights(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    const assess_dimension *n = &q->dimensions[0], *o = &q->dimensions[1];
    assert_string_equal(n->id, "N");
    assert_true(n->weight == 1.0); /* empty: the default */
    assert_true(o->weight == 2.0);
    assert_string_equal(n->description.text, "Shared understanding of equity");
    assert_int_equal(n->line, 2);
    assert_int_equal(n->nitems, 3);
    assert_int_equal(n->items[0], 0);
    assert_int_equal(n->items[2], 2);
    assert_int_equal(o->nitems, 2);
    assert_int_equal(o->items[0], 3);
    assert_true(q->items[0].weight == 1.0);
    assert_true(q->items[1].weight == 2.0);
    assert_true(q->items[3].weight == 0.5);
    assert_string_equal(q->items[1].help.text, "Count the staff");
    assert_string_equal(q->items[0].evidence.text, "Minutes of meetings");
    assert_int_equal(q->items[2].scale, 1); /* n3 → yn */
    assert_int_equal(q->items[4].dimension, 1);
    assert_int_equal(q->items[4].line, 6);
    assert_int_equal(assess_questionnaire_item_find(q, "o1"), 3);
    assert_int_equal(assess_questionnaire_item_find(q, "O1"), ASSESS_NONE);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_themes_group_items(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    /* "Data" in N and in O are two themes: keyed by dimension and name */
    assert_string_equal(q->themes[0].name.text, "Leadership");
    assert_int_equal(q->themes[0].dimension, 0);
    assert_int_equal(q->themes[0].nitems, 2);
    assert_int_equal(q->themes[0].items[1], 1);
    assert_string_equal(q->themes[1].name.text, "Data");
    assert_int_equal(q->themes[1].dimension, 0);
    assert_int_equal(q->themes[1].items[0], 2);
    assert_string_equal(q->themes[2].name.text, "Data");
    assert_int_equal(q->themes[2].dimension, 1);
    assert_int_equal(q->themes[2].nitems, 1);
    assert_int_equal(q->themes[2].items[0], 4);
    assert_int_equal(q->dimensions[0].first_theme, 0);
    assert_int_equal(q->dimensions[0].nthemes, 2);
    assert_int_equal(q->dimensions[1].first_theme, 2);
    assert_int_equal(q->dimensions[1].nthemes, 1);
    assert_int_equal(q->items[1].theme, 0);
    assert_int_equal(q->items[3].theme, ASSESS_NONE); /* o1: no theme */
    /* D.T.I: o1 has no theme, so it counts in the theme after O's one
     * named theme, though it comes before that theme's item in the file */
    assert_string_equal(q->items[0].number, "1.1.1");
    assert_string_equal(q->items[1].number, "1.1.2");
    assert_string_equal(q->items[2].number, "1.2.1");
    assert_string_equal(q->items[3].number, "2.2.1");
    assert_string_equal(q->items[4].number, "2.1.1");
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_scale_levels_ordered_by_points(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    const assess_scale *m = &q->scales[0];
    /* file order: unknown, 2, 0, na, 1, 3 */
    assert_string_equal(m->id, "m");
    assert_int_equal(m->nchoices, 6);
    assert_int_equal(m->nlevels, 4);
    assert_true(m->max_points == 3.0);
    static const char *const by_points[] = {"0", "1", "2", "3"};
    for (size_t k = 0; k < 4; k++) {
        assert_string_equal(m->choices[m->levels[k]].value, by_points[k]);
        assert_int_equal(m->choices[m->levels[k]].level, (int)k);
    }
    assert_int_equal(m->choices[0].kind, ASSESS_CHOICE_UNKNOWN);
    assert_int_equal(m->choices[0].level, -1);
    assert_int_equal(m->choices[3].kind, ASSESS_CHOICE_NA);
    assert_int_equal(m->choices[3].level, -1);
    assert_int_equal(m->choices[5].line, 7);
    assert_string_equal(m->choices[5].description.text, "Everyone everywhere");
    assert_string_equal(assess_text_get(&m->choices[1].label, "es"), "La mayoría");
    assert_true(q->scales[1].max_points == 1.0);
    /* matching: trimmed, exact value, else value or label ignoring case */
    assert_int_equal(assess_scale_match(m, "2"), 1);
    assert_int_equal(assess_scale_match(m, " most\t"), 1);
    assert_int_equal(assess_scale_match(m, "NONE"), 2);
    assert_int_equal(assess_scale_match(m, "Don't Know"), 0);
    assert_int_equal(assess_scale_match(m, "NA"), 3);
    assert_int_equal(assess_scale_match(m, "4"), ASSESS_NONE);
    assert_int_equal(assess_scale_match(m, "  "), ASSESS_NONE);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_stages_recommendations_resources(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    assert_string_equal(assess_questionnaire_stage(q, 0.0)->id, "begin");
    assert_string_equal(assess_questionnaire_stage(q, 39.9)->id, "begin");
    assert_string_equal(assess_questionnaire_stage(q, 40.0)->id, "grow");
    assert_string_equal(assess_questionnaire_stage(q, 100.0)->id, "lead");
    const assess_recommendation *r = &q->recommendations[1];
    assert_int_equal(r->item, 0);
    assert_string_equal(r->level, "0");
    assert_int_equal(r->horizon, ASSESS_HORIZON_MEDIUM);
    assert_int_equal(r->effort, ASSESS_EFFORT_HIGH);
    assert_int_equal(r->nresources, 2);
    assert_string_equal(q->resources[r->resources[0]].id, "gare");
    assert_string_equal(q->resources[r->resources[1]].id, "toolkit");
    assert_int_equal(q->recommendations[2].horizon, ASSESS_HORIZON_LONG);
    assert_int_equal(q->recommendations[2].nresources, 0);
    assert_string_equal(q->resources[0].organization, "Government Alliance on Race and Equity");
    assert_string_equal(q->resources[1].kind, "toolkit");
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_advice_prefers_the_level_row(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(Q, &q, &d), ASSESS_OK);
    /* n1 has a `*` row (line 2) before its row for level "0" (line 3) */
    const assess_recommendation *r = assess_questionnaire_advice(q, 0, 2); /* "0" */
    assert_non_null(r);
    assert_int_equal(r->line, 3);
    assert_string_equal(r->action.text, "Name an equity lead first");
    r = assess_questionnaire_advice(q, 0, 4); /* "1": only `*` */
    assert_non_null(r);
    assert_int_equal(r->line, 2);
    r = assess_questionnaire_advice(q, 3, 1); /* o1 "2" */
    assert_non_null(r);
    assert_string_equal(r->action.text, "Form a team");
    assert_null(assess_questionnaire_advice(q, 1, 2)); /* n2 has none */
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_optional_files_may_be_absent(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    remove_file(&p, "recommendations.csv");
    remove_file(&p, "resources.csv");
    remove_file(&p, "glossary.csv");
    load(&p);
    assert_int_equal(p.status, ASSESS_OK);
    assert_int_equal(p.d.count, 0);
    assert_int_equal(p.q->nrecommendations, 0);
    assert_int_equal(p.q->nresources, 0);
    assert_int_equal(p.q->nterms, 0);
    discard(&p);
}

static void test_not_a_folder(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    static assess_questionnaire untouched;
    assess_questionnaire *q = &untouched;
    assert_int_equal(assess_questionnaire_load(Q "/items.csv", &q, &d), ASSESS_ERR_INVALID);
    assert_null(q);
    char buf[1024];
    assess_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf, Q "/items.csv: error: a questionnaire is a folder of CSV files or an .xlsx "
                             "workbook");
    assert_int_equal(assess_questionnaire_load(Q "/nothing", &q, &d), ASSESS_ERR_IO);
    assess_diag_format(&d.items[1], buf, sizeof buf);
    assert_string_equal(buf, Q "/nothing: error: cannot open: No such file or directory");
    assess_diags_cleanup(&d);
}

/* ## Missing files and columns */

static void test_missing_required_file(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    remove_file(&p, "stages.csv");
    expect_invalid(&p, (const char *[]){"stages.csv: error: required file is missing", NULL});
    discard(&p);
}

static void test_missing_required_column(void **state)
{
    (void)state;
    one_error("stages.csv", false, "id,label\nbegin,Beginning\n",
              "stages.csv:1: error: column \"min_score\": required column is missing");
    one_error("settings.csv", false, "key,val\nid,engine-test\n",
              "settings.csv:1: error: column \"value\": required column is missing");
}

/* ## settings.csv */

static void test_settings_id_pattern(void **state)
{
    (void)state;
    one_error("settings.csv", false, "key,value\nid,Engine_Test\nversion,2\ntitle,T\n",
              "settings.csv:2: error: column \"value\": id \"Engine_Test\" must be lower-case "
              "letters, digits and '-', starting with a letter");
    one_error("settings.csv", false, "key,value\nversion,2\ntitle,T\nid,2nd-test\n",
              "settings.csv:4: error: column \"value\": id \"2nd-test\" must be lower-case "
              "letters, digits and '-', starting with a letter");
}

static void test_settings_required_keys(void **state)
{
    (void)state;
    one_error("settings.csv", false, "key,value\nid,engine-test\ntitle,T\n",
              "settings.csv:1: error: column \"key\": required key \"version\" is missing");
    one_error("settings.csv", true, "title,Again,\n",
              "settings.csv:5: error: column \"key\": \"title\" is given twice");
}

static void test_min_coverage_range(void **state)
{
    (void)state;
    static const char *const bad[] = {"1.5", "-0.1", "80%", ""};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char row[64], want[160];
        snprintf(row, sizeof row, "min_coverage,%s,\n", bad[k]);
        snprintf(want, sizeof want,
                 "settings.csv:5: error: column \"value\": min_coverage \"%s\" is not a "
                 "number from 0 to 1",
                 bad[k]);
        one_error("settings.csv", true, row, want);
    }
    /* the ends of the range are fine */
    pkg p;
    copy_package(&p);
    append(&p, "settings.csv", "min_coverage,1,\nmin_group_size,3,\nentity_label,Town,Pueblo\n");
    load(&p);
    assert_int_equal(p.status, ASSESS_OK);
    assert_true(p.q->min_coverage == 1.0);
    assert_int_equal(p.q->min_group_size, 3);
    assert_string_equal(assess_text_get(&p.q->entity_label, "es"), "Pueblo");
    discard(&p);
    one_error("settings.csv", true, "min_group_size,2.5,\n",
              "settings.csv:5: error: column \"value\": min_group_size \"2.5\" is not a whole "
              "number of at least 1");
}

/* ## dimensions.csv */

static void test_duplicate_dimension(void **state)
{
    (void)state;
    /* one error, and no "no items" warning for the second N */
    one_error("dimensions.csv", true, "N,Again,,,\n",
              "dimensions.csv:4: error: column \"id\": dimension \"N\" is defined twice");
}

static void test_weights_must_be_positive_numbers(void **state)
{
    (void)state;
    one_error("dimensions.csv", false, "id,label,weight\nN,Normalize,\nO,Organize,0\n",
              "dimensions.csv:3: error: column \"weight\": \"0\" is not a number greater "
              "than 0");
    static const char *const bad[] = {"-1", "two", "nan", "inf", "1e999", "0x10", "1,5"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char items[512], want[160];
        snprintf(items, sizeof items,
                 "id,dimension,text,scale,weight\n"
                 "n1,N,One,m,\n"
                 "n2,N,Two,m,\"%s\"\n"
                 "o1,O,Three,m,1\n",
                 bad[k]);
        snprintf(want, sizeof want,
                 "items.csv:3: error: column \"weight\": \"%s\" is not a number greater than 0",
                 bad[k]);
        pkg p;
        copy_package(&p);
        replace(&p, "items.csv", items);
        remove_file(&p, "recommendations.csv");
        expect_invalid(&p, (const char *[]){want, NULL});
        discard(&p);
    }
}

/* ## scales.csv */

static void test_scale_needs_two_scored_choices(void **state)
{
    (void)state;
    one_error("scales.csv", true, "one,only,Only,,1,\none,na,Does not apply,,na,\n",
              "scales.csv:10: error: column \"points\": scale \"one\" has 1 scored choice; it "
              "needs at least two");
    one_error("scales.csv", true, "none,x,X,,na,\n",
              "scales.csv:10: error: column \"points\": scale \"none\" has 0 scored choices; it "
              "needs at least two");
    pkg p;
    copy_package(&p);
    append(&p, "scales.csv", "zero,a,A,,0,\nzero,b,B,,0,\n");
    expect_invalid(&p, (const char *[]){
                           "scales.csv:11: warning: column \"points\": scale \"zero\" gives 0 "
                           "points to both \"a\" and \"b\"; they count as different levels in "
                           "file order",
                           "scales.csv:10: error: column \"points\": scale \"zero\" gives 0 "
                           "points to every choice; the top must be above 0",
                           NULL});
    discard(&p);
}

static void test_bad_points(void **state)
{
    (void)state;
    one_error("scales.csv", true, "m,4,Beyond,,lots,\n",
              "scales.csv:10: error: column \"points\": \"lots\" is not a number of at least 0, "
              "\"na\" or \"unknown\"");
    one_error("scales.csv", true, "m,4,Beyond,,-1,\n",
              "scales.csv:10: error: column \"points\": \"-1\" is not a number of at least 0, "
              "\"na\" or \"unknown\"");
}

static void test_duplicate_choice(void **state)
{
    (void)state;
    one_error("scales.csv", true, "m,1,Plenty,,2.5,\n",
              "scales.csv:10: error: column \"value\": scale \"m\" has value \"1\" twice");
    one_error("scales.csv", true, "m,NA,Nope,,na,\n",
              "scales.csv:10: error: column \"value\": scale \"m\" has values \"na\" and "
              "\"NA\", which differ only in case");
    one_error("scales.csv", true, "m,4,some,,4,\n",
              "scales.csv:10: error: column \"label\": scale \"m\" has label \"some\" twice");
    /* the same value in another scale is fine */
    pkg p;
    copy_package(&p);
    append(&p, "scales.csv", "other,1,Some,,1,\nother,0,None,,0,\n");
    load(&p);
    assert_int_equal(p.status, ASSESS_OK);
    assert_int_equal(p.d.count, 0);
    discard(&p);
}

/* ## items.csv */

static void test_item_id_pattern(void **state)
{
    (void)state;
    one_error("items.csv", true, "1st,N,,First,,m,,,\n",
              "items.csv:7: error: column \"id\": \"1st\" is not a valid item id (a letter, then "
              "letters, digits, '_' or '-')");
    one_error("items.csv", true, "n 4,N,,Fourth,,m,,,\n",
              "items.csv:7: error: column \"id\": \"n 4\" is not a valid item id (a letter, then "
              "letters, digits, '_' or '-')");
}

static void test_item_id_that_names_a_response_column(void **state)
{
    (void)state;
    /* a wide file's "Cycle" column would take this item's answers, so it
     * could never be answered (fuzz_questionnaire checks every item can be) */
    one_error("items.csv", true, "Cycle,N,,When,,m,,,\n",
              "items.csv:7: error: column \"id\": \"Cycle\" names the cycle column of a "
              "responses file, so it cannot be an item id");
    one_error("items.csv", true, "respondent,N,,Who,,m,,,\n",
              "items.csv:7: error: column \"id\": \"respondent\" names the respondent column "
              "of a responses file, so it cannot be an item id");
}

static void test_duplicate_item(void **state)
{
    (void)state;
    one_error("items.csv", true, "n1,O,,Again,,m,,,\n",
              "items.csv:7: error: column \"id\": item \"n1\" is defined twice");
}

static void test_unknown_dimension_and_scale(void **state)
{
    (void)state;
    /* (the loader gives no "did you mean" for dimensions and scales) */
    one_error("items.csv", true, "x1,Q,,Text,,m,,,\n",
              "items.csv:7: error: column \"dimension\": \"Q\" is not a dimension in "
              "dimensions.csv");
    one_error("items.csv", true, "x1,N,,Text,,mm,,,\n",
              "items.csv:7: error: column \"scale\": \"mm\" is not a scale in scales.csv");
    one_error("items.csv", true, "x1,,,Text,,m,,,\n",
              "items.csv:7: error: column \"dimension\": must not be empty");
}

/* ## stages.csv */

static void test_stages_ascending_from_zero(void **state)
{
    (void)state;
    one_error("stages.csv", false, "id,label,min_score\nbegin,Beginning,5\ngrow,Growing,40\n",
              "stages.csv:2: error: column \"min_score\": the first stage must start at 0, "
              "not 5");
    one_error("stages.csv", false,
              "id,label,min_score\nbegin,Beginning,0\ngrow,Growing,40\nlead,Leading,30\n",
              "stages.csv:4: error: column \"min_score\": 30 is not above the previous "
              "stage's 40; stages go in ascending order");
    one_error("stages.csv", false,
              "id,label,min_score\nbegin,Beginning,0\ngrow,Growing,40\nlead,Leading,40\n",
              "stages.csv:4: error: column \"min_score\": 40 is not above the previous "
              "stage's 40; stages go in ascending order");
    one_error("stages.csv", false, "id,label,min_score\nbegin,Beginning,0\ntop,Top,120\n",
              "stages.csv:3: error: column \"min_score\": \"120\" is not a number from 0 to "
              "100");
}

/* ## recommendations.csv */

static void test_recommendation_unknown_item(void **state)
{
    (void)state;
    one_error("recommendations.csv", true, "n9,*,Do it,,,\n",
              "recommendations.csv:5: error: column \"item\": \"n9\" is not an item in "
              "items.csv");
}

static void test_recommendation_level_not_in_scale(void **state)
{
    (void)state;
    one_error("recommendations.csv", true, "n3,maybe,Ask,,,\n",
              "recommendations.csv:5: error: column \"level\": \"maybe\" is not a value of "
              "scale \"yn\" (item \"n3\") or \"*\"");
    one_error("recommendations.csv", true, "n1,*,Again,,,\n",
              "recommendations.csv:5: error: column \"level\": item \"n1\" already has advice "
              "for level \"*\" (line 2)");
}

static void test_recommendation_horizon_and_effort(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "recommendations.csv", "n2,*,Train,soon,huge,\n");
    expect_invalid(&p, (const char *[]){
                           "recommendations.csv:5: error: column \"horizon\": \"soon\" is not "
                           "one of short, medium, long",
                           "recommendations.csv:5: error: column \"effort\": \"huge\" is not "
                           "one of low, medium, high",
                           NULL});
    discard(&p);
}

static void test_recommendation_unknown_resource(void **state)
{
    (void)state;
    one_error("recommendations.csv", true, "n2,*,Train,,,gare nope\n",
              "recommendations.csv:5: error: column \"resources\": \"nope\" is not a resource "
              "in resources.csv");
}

/* ## Every problem at once */

static void test_all_problems_reported(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    replace(&p, "settings.csv", "key,value\nid,Bad_Id\nversion,2\ntitle,T\n");
    append(&p, "dimensions.csv", "N,Again,,,\n");
    append(&p, "scales.csv", "m,4,Beyond,,lots,\n");
    append(&p, "items.csv", "x1,Q,,Text,,m,,,\n");
    replace(&p, "stages.csv", "id,label,min_score\nbegin,B,0\ngrow,G,40\nlead,L,30\n");
    append(&p, "recommendations.csv", "n2,*,Train,soon,,nope\n");
    expect_invalid(&p, (const char *[]){
        "settings.csv:2: error: column \"value\": id \"Bad_Id\" must be lower-case letters, "
        "digits and '-', starting with a letter",
        "dimensions.csv:4: error: column \"id\": dimension \"N\" is defined twice",
        "scales.csv:10: error: column \"points\": \"lots\" is not a number of at least 0, "
        "\"na\" or \"unknown\"",
        "items.csv:7: error: column \"dimension\": \"Q\" is not a dimension in dimensions.csv",
        "stages.csv:4: error: column \"min_score\": 30 is not above the previous stage's 40; "
        "stages go in ascending order",
        "recommendations.csv:5: error: column \"horizon\": \"soon\" is not one of short, "
        "medium, long",
        "recommendations.csv:5: error: column \"resources\": \"nope\" is not a resource in "
        "resources.csv",
        NULL});
    assert_int_equal(p.d.errors, 7);
    discard(&p);
}

/* ## Warnings, not errors */

static void test_warning_equal_points(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "scales.csv", "m,4,Also all,,3,\n");
    expect_warning(&p, "scales.csv:10: warning: column \"points\": scale \"m\" gives 3 points "
                       "to both \"3\" and \"4\"; they count as different levels in file order");
    /* both count, as levels 3 and 4 in file order */
    const assess_scale *m = &p.q->scales[0];
    assert_int_equal(m->nlevels, 5);
    assert_string_equal(m->choices[6].value, "4");
    assert_int_equal(m->choices[5].level, 3);
    assert_int_equal(m->choices[6].level, 4);
    discard(&p);
}

static void test_warning_top_level_recommendation(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "recommendations.csv", "n1,3,Keep it up,,,\n");
    expect_warning(&p, "recommendations.csv:5: warning: column \"level\": \"3\" is the top "
                       "level of scale \"m\"; this advice is never shown");
    assert_int_equal(p.q->nrecommendations, 4);
    discard(&p);
}

static void test_warning_duplicate_glossary_term(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "glossary.csv", "equity,Another definition\n");
    expect_warning(&p, "glossary.csv:3: warning: column \"term\": \"equity\" is defined twice");
    discard(&p);
}

static void test_warning_url_not_https(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "resources.csv", "local,Local guide,,www.example.org/guide,guide,\n");
    expect_warning(&p, "resources.csv:4: warning: column \"url\": \"www.example.org/guide\" "
                       "does not start with https://");
    discard(&p);
}

static void test_warning_url_plain_http(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "resources.csv", "old,Old page,,http://example.org,guide,\n");
    expect_warning(&p, "resources.csv:4: warning: column \"url\": \"http://example.org\" "
                       "does not start with https://");
    discard(&p);
}

static void test_warning_dimension_without_items(void **state)
{
    (void)state;
    pkg p;
    copy_package(&p);
    append(&p, "dimensions.csv", "P,Operationalize,,,\n");
    expect_warning(&p, "dimensions.csv:4: warning: column \"id\": dimension \"P\" has no "
                       "items; it will never have a score");
    assert_int_equal(p.q->ndimensions, 3);
    assert_int_equal(p.q->dimensions[2].nitems, 0);
    discard(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_package_counts),
        cmocka_unit_test(test_settings_defaults_and_translations),
        cmocka_unit_test(test_dimensions_items_and_weights),
        cmocka_unit_test(test_themes_group_items),
        cmocka_unit_test(test_scale_levels_ordered_by_points),
        cmocka_unit_test(test_stages_recommendations_resources),
        cmocka_unit_test(test_advice_prefers_the_level_row),
        cmocka_unit_test(test_optional_files_may_be_absent),
        cmocka_unit_test(test_not_a_folder),
        cmocka_unit_test(test_missing_required_file),
        cmocka_unit_test(test_missing_required_column),
        cmocka_unit_test(test_settings_id_pattern),
        cmocka_unit_test(test_settings_required_keys),
        cmocka_unit_test(test_min_coverage_range),
        cmocka_unit_test(test_duplicate_dimension),
        cmocka_unit_test(test_weights_must_be_positive_numbers),
        cmocka_unit_test(test_scale_needs_two_scored_choices),
        cmocka_unit_test(test_bad_points),
        cmocka_unit_test(test_duplicate_choice),
        cmocka_unit_test(test_item_id_pattern),
        cmocka_unit_test(test_item_id_that_names_a_response_column),
        cmocka_unit_test(test_duplicate_item),
        cmocka_unit_test(test_unknown_dimension_and_scale),
        cmocka_unit_test(test_stages_ascending_from_zero),
        cmocka_unit_test(test_recommendation_unknown_item),
        cmocka_unit_test(test_recommendation_level_not_in_scale),
        cmocka_unit_test(test_recommendation_horizon_and_effort),
        cmocka_unit_test(test_recommendation_unknown_resource),
        cmocka_unit_test(test_all_problems_reported),
        cmocka_unit_test(test_warning_equal_points),
        cmocka_unit_test(test_warning_top_level_recommendation),
        cmocka_unit_test(test_warning_duplicate_glossary_term),
        cmocka_unit_test(test_warning_url_not_https),
        cmocka_unit_test(test_warning_url_plain_http),
        cmocka_unit_test(test_warning_dimension_without_items),
        cmocka_unit_test(test_version_order),
        cmocka_unit_test(test_catalog),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
