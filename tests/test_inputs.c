/*
 * test_inputs.c — inputs as people make them (docs/formats.md): the
 * UTF-8 module, answers typed by hand and matched by the rule, delimiters,
 * survey-tool exports (ODK Central, KoboToolbox) scored like the plain
 * file, names that differ only in case or spacing, a submission or a file
 * given twice, files with no item column, --entity-column, the
 * validator's check of labels that collide once folded, and the most
 * choices a scale may have.
 *
 * Engine questionnaire (tests/data/engine/q): choices of scale m, in
 * file order: 0 unknown, 1 "2" Most, 2 "0" None, 3 na, 4 "1" Some, 5 "3"
 * All (Spanish labels No sé, La mayoría, Nada, No aplica, Algo, Todo); of
 * yn: 0 no, 1 yes (Sí).  An answer is stored as choice + 1.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "utf8.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define Q TEST_DATA "/engine/q"
#define DIR TEST_DATA "/engine/inputs/"
#define EXPORTS TEST_DATA "/exports/"
#define GARE SOURCE_DIR "/questionnaires/gare-local"
#define GARE10 SOURCE_DIR "/questionnaires/gare-local-1.0"

enum { N1, N2, N3, O1, O2 };
enum { UNKNOWN = 1, MOST, NONE, NA, SOME, ALL };
enum { NO = 1, YES };

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
} fixture;

static void open_set(fixture *f, const char *q)
{
    assess_diags_init(&f->d);
    assert_int_equal(assess_questionnaire_load(q, &f->q, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->r), ASSESS_OK);
}

static void close_set(fixture *f)
{
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
}

/* Diagnostic k, formatted, without the folder of the test data. */
static const char *diag(const fixture *f, size_t k)
{
    static char buf[2048];
    assert_true(k < f->d.count);
    assess_diag_format(&f->d.items[k], buf, sizeof buf);
    const char *dirs[] = {DIR, EXPORTS};
    for (size_t i = 0; i < 2; i++) {
        if (strncmp(buf, dirs[i], strlen(dirs[i])) == 0)
            return buf + strlen(dirs[i]);
    }
    return buf;
}

/* ## The UTF-8 module */

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(assess_utf8_decode("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(assess_utf8_decode("\xFF", 1, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    char out[4];
    assert_int_equal(assess_utf8_encode(0x6771, out), 3);
    assert_memory_equal(out, "\xE6\x9D\xB1", 3);
    assert_int_equal(assess_utf8_encode(0xD800, out), 0);
    assert_false(assess_utf8_valid("\xED\xA0\x80", 3)); /* a surrogate */
    /* a bad sequence decodes one byte at a time, a real U+FFFD as itself */
    assert_int_equal(assess_utf8_decode("\xE6\x9D" "a", 3, &cp), 1);
    assert_int_equal(cp, 0xFFFD);
    assert_int_equal(assess_utf8_decode("\xED\xA0\x80", 3, &cp), 1);
    assert_int_equal(assess_utf8_decode("\xEF\xBF\xBD", 3, &cp), 3);
    assert_int_equal(cp, 0xFFFD);
    /* 東京 is four columns, é (either way) one, a combining mark none */
    assert_int_equal(assess_utf8_width("\xE6\x9D\xB1\xE4\xBA\xAC", 6), 4);
    assert_int_equal(assess_utf8_width("e\xCC\x81", 3), 1);
    assert_int_equal(assess_utf8_width("abc", 3), 3);
    /* a cut never splits a character */
    assert_int_equal(assess_utf8_cut("a\xC3\xA9", 3, 2), 1);
    assert_int_equal(assess_utf8_cut("a\xC3\xA9", 3, 3), 3);
    /* trimming: no-break space, em space, zero width space, BOM */
    const char *s;
    size_t n;
    const char *t = "\xC2\xA0\xE2\x80\x83x y\xE2\x80\x8B\xEF\xBB\xBF";
    assess_utf8_trim(t, strlen(t), &s, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(s, "x y", 3);
    char *c = assess_utf8_nfc("Jose\xCC\x81", 6, &n);
    assert_string_equal(c, "Jos\xC3\xA9");
    assert_int_equal(n, 5);
    free(c);
    t = "  Don\xE2\x80\x99t   KN\xC3\x93W\xC2\xA0";
    c = assess_utf8_fold(t, strlen(t), ASSESS_FOLD_ALL, &n);
    assert_string_equal(c, "don't know");
    free(c);
    t = "Stra\xC3\x9F" "e \xE2\x80\x93 \xC3\x89t\xC3\xA9";
    c = assess_utf8_fold(t, strlen(t), ASSESS_FOLD_ALL, NULL);
    assert_string_equal(c, "strasse - ete");
    free(c);
    /* case and spacing only: accents stay */
    t = " Jos\xC3\xA9  L\xC3\xB3pez ";
    c = assess_utf8_fold(t, strlen(t), ASSESS_FOLD_CASE | ASSESS_FOLD_SPACE, NULL);
    assert_string_equal(c, "jos\xC3\xA9 l\xC3\xB3pez");
    free(c);
    assert_int_equal(assess_utf8_letters("E.s t4b", 7), 4);
}

/* ASCII and Latin-1 text is folded a character at a time, without
 * libunistring: for every such character, alone, between letters and
 * beside spaces, and after each of a few that interact with it (a space,
 * a letter, a no-break space, an acute accent, ß, é), with every fold,
 * the result is libunistring's. */
static void test_latin1_fold(void **state)
{
    (void)state;
    static const unsigned next[] = {' ', 'a', 0xA0, 0xB4, 0xDF, 0xE9};
    for (int how = 0; how <= ASSESS_FOLD_ALL; how++) {
        for (unsigned cp = 1; cp < 0x100; cp++) {
            char one[4], other[4];
            size_t k = assess_utf8_encode(cp, one);
            for (size_t j = 0; j <= sizeof next / sizeof *next; j++) {
                char t[32];
                size_t n;
                if (j == sizeof next / sizeof *next) {
                    n = (size_t)snprintf(t, sizeof t, " A%.*sb  %.*s ", (int)k, one, (int)k, one);
                } else {
                    size_t m = assess_utf8_encode(next[j], other);
                    n = (size_t)snprintf(t, sizeof t, "%.*s%.*s", (int)k, one, (int)m, other);
                }
                size_t fast_n, slow_n;
                char *fast = assess_utf8_fold(t, n, how, &fast_n);
                char *slow = assess_utf8_fold_unicode(t, n, how, &slow_n);
                assert_non_null(fast);
                assert_non_null(slow);
                assert_int_equal(fast_n, slow_n);
                assert_memory_equal(fast, slow, fast_n);
                free(fast);
                free(slow);
            }
        }
    }
}

/* Numbers in metadata as spreadsheets in any locale show them: a
 * population "48.210" from a German sheet, "48 210,0" from a French one. */
static void test_grouped_numbers(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        double value;
    } good[] = {{"48210", 48210},      {"48,210", 48210},       {"48.210", 48210},
                {"48 210", 48210},     {"48\xE2\x80\xAF" "210", 48210}, /* narrow no-break space */
                {"48\xE2\x80\x99" "210", 48210}, {"1.234.567,5", 1234567.5},
                {"1,234,567.25", 1234567.25}, {"12,5", 12.5},    {"48210,00", 48210},
                {" -3,5 ", -3.5}};
    for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
        double x = -1;
        assert_true(assess_str_grouped_number(good[k].text, &x));
        assert_float_equal(x, good[k].value, 1e-9);
    }
    static const char *const bad[] = {"1,2,3", "12.5.1", "1,234,5", "48 21", ",5", "5,",
                                      "12a", "", "1 000 0"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        double x;
        assert_false(assess_str_grouped_number(bad[k], &x));
    }
}

/* ## Answers */

static void test_typed_answers(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "typed.csv", &f.d), ASSESS_OK);
    const assess_submission *a = &f.r->submissions[0], *b = a + 1, *c = a + 2;
    /* "Most" + no-break space; "Don’t know" (curly); "Sí" and "la MAYORÍA"
     * and "ALGO" are Spanish labels */
    assert_int_equal(a->answers[N1], MOST);
    assert_int_equal(a->answers[N2], UNKNOWN);
    assert_int_equal(a->answers[N3], YES);
    assert_int_equal(a->answers[O1], MOST);
    assert_int_equal(a->answers[O2], SOME);
    /* "2 - Most", "3. All", "yes - Yes", "0 – None" (en dash); "Som." a prefix */
    assert_int_equal(b->answers[N1], MOST);
    assert_int_equal(b->answers[N2], ALL);
    assert_int_equal(b->answers[N3], YES);
    assert_int_equal(b->answers[O1], NONE);
    assert_int_equal(b->answers[O2], SOME);
    /* em space and zero width space around "Todo"; "no aplica"; "No" the
     * value of yn; "DON‘T KNOW"; "nad" the start of "Nada" only */
    assert_int_equal(c->answers[N1], ALL);
    assert_int_equal(c->answers[N2], NA);
    assert_int_equal(c->answers[N3], NO);
    assert_int_equal(c->answers[O1], UNKNOWN);
    assert_int_equal(c->answers[O2], NONE);
    /* a prefix is a guess: a warning each time */
    assert_int_equal(f.d.count, 2);
    assert_int_equal(f.d.errors, 0);
    assert_string_equal(diag(&f, 0), "typed.csv:3: warning: column \"o2\": \"Som.\" taken as "
                                     "\"Some\" (1), the one label it is the start of; write the "
                                     "whole label to be sure");
    assert_string_equal(diag(&f, 1), "typed.csv:4: warning: column \"o2\": \"nad\" taken as "
                                     "\"None\" (0), the one label it is the start of; write the "
                                     "whole label to be sure");
    /* the public one-answer matcher follows the same rule */
    const assess_scale *m = &f.q->scales[0];
    assert_int_equal(assess_scale_match(m, " 3 - All\xC2\xA0"), ALL - 1);
    assert_int_equal(assess_scale_match(m, "NO S\xC3\x89"), UNKNOWN - 1);
    assert_int_equal(assess_scale_match(m, "Som"), SOME - 1);
    assert_int_equal(assess_scale_match(m, "So"), ASSESS_NONE);
    close_set(&f);
}

#define CHOOSE_M                                                                                  \
    "choose one of None, Some, Most, All, Don't know, Not applicable (or write its code: 0, 1, "  \
    "2, 3, unknown, na)"

static void test_typed_answers_refused(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "typed-bad.csv", &f.d),
                     ASSESS_ERR_INVALID);
    assert_int_equal(f.r->nsubmissions, 0);
    assert_int_equal(f.d.count, 5);
    /* one edit from a label: "did you mean" */
    assert_string_equal(diag(&f, 0), "typed-bad.csv:2: error: column \"n1\": \"Mosst\" does not "
                                     "answer question 1.1.1 (n1): " CHOOSE_M
                                     "; did you mean \"Most\"?");
    /* the halves of "2 - All" name two choices */
    assert_string_equal(diag(&f, 1), "typed-bad.csv:2: error: column \"n2\": \"2 - All\" does "
                                     "not answer question 1.1.2 (n2): " CHOOSE_M);
    /* two letters are too few for a prefix */
    assert_string_equal(diag(&f, 2), "typed-bad.csv:2: error: column \"n3\": \"ye\" does not "
                                     "answer question 1.2.1 (n3): choose one of No, Yes (or "
                                     "write its code: no, yes); did you mean \"Yes\"?");
    assert_string_equal(diag(&f, 3), "typed-bad.csv:3: error: column \"n1\": \"No\" does not "
                                     "answer question 1.1.1 (n1): " CHOOSE_M);
    assert_string_equal(diag(&f, 4), "typed-bad.csv:3: error: column \"n2\": \"x\" does not "
                                     "answer question 1.1.2 (n2): " CHOOSE_M);
    close_set(&f);
}

/* A start shared by two labels is not taken: in gare-local 1.0, "Not" starts
 * both "Not started" and "Not applicable"; "Not s" only the first. */
static void test_ambiguous_prefix(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, GARE10);
    char path[] = "/tmp/test_inputs-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *out = fdopen(fd, "w");
    fputs("entity,lead_resolution,lead_executive\nA,Not,not s\n", out);
    fclose(out);
    assert_int_equal(assess_responses_add_file(f.r, path, &f.d), ASSESS_ERR_INVALID);
    assert_int_equal(f.d.count, 2);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:2: error: column \"lead_resolution\": \"Not\" does not answer question 1.1.1 "
             "(lead_resolution): choose one of Not started, Exploring, Developing, Established, "
             "Embedded, Not applicable, Don't know (or write its code: 0, 1, 2, 3, 4, na, "
             "unknown)",
             path);
    assert_string_equal(diag(&f, 0), want);
    snprintf(want, sizeof want,
             "%s:2: warning: column \"lead_executive\": \"not s\" taken as \"Not started\" (0), "
             "the one label it is the start of; write the whole label to be sure",
             path);
    assert_string_equal(diag(&f, 1), want);
    unlink(path);
    close_set(&f);
}

/* ## Delimiters */

static void test_semicolon_and_tab(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "semicolon.csv", &f.d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f.r, DIR "tab.csv", &f.d), ASSESS_OK);
    assert_int_equal(f.d.count, 0);
    assert_int_equal(f.r->nsubmissions, 3);
    const assess_submission *s = f.r->submissions;
    assert_string_equal(s[0].entity, "Springfield");
    assert_int_equal(s[0].answers[N1], MOST);
    assert_int_equal(s[0].answers[N2], MOST);
    assert_int_equal(s[0].answers[N3], YES);
    assert_string_equal(s[0].meta[0].value, "12 000");
    assert_int_equal(s[1].answers[N1], SOME);
    assert_int_equal(s[1].answers[N3], NO);
    assert_int_equal(s[2].answers[N2], MOST);
    /* Springfield 2026 from both files is one assessment of two */
    assert_int_equal(f.r->nassessments, 2);
    assert_int_equal(f.r->assessments[0].nsubmissions, 2);
    close_set(&f);
}

/* ## Names */

static void test_names_folded(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "names.csv", &f.d), ASSESS_OK);
    /* " Springfield", "springfield ", "SPRING  FIELD": one city in 2026;
     * 2025 is another assessment; José typed two ways is one name, in NFC */
    assert_int_equal(f.r->nassessments, 3);
    assert_string_equal(f.r->assessments[0].entity, "Springfield");
    assert_int_equal(f.r->assessments[0].nsubmissions, 3);
    assert_string_equal(f.r->assessments[1].cycle, "2025");
    assert_string_equal(f.r->assessments[2].entity, "Jos\xC3\xA9");
    assert_int_equal(f.r->assessments[2].nsubmissions, 2);
    assert_int_equal(f.d.count, 2);
    assert_string_equal(diag(&f, 0), "names.csv:3: warning: \"springfield\" and \"Springfield\" "
                                     "(" DIR "names.csv:2) differ only in letter case or spacing: "
                                     "they are counted as one, \"Springfield\"");
    assert_string_equal(diag(&f, 1), "names.csv:4: warning: \"SPRING  FIELD\" and \"Springfield\" "
                                     "(" DIR "names.csv:2) differ only in letter case or spacing: "
                                     "they are counted as one, \"Springfield\"");
    /* scores: (2 + 0 + 1) / 3 points of 3 → 33.3 */
    assess_result res;
    assert_int_equal(assess_result_init(&res, f.q), ASSESS_OK);
    assess_score_compute(f.r, 0, &res);
    assert_true(res.dimensions[0].score.defined);
    assert_float_equal(res.dimensions[0].score.value, 100.0 / 3.0, 1e-9);
    assess_result_cleanup(&res);
    close_set(&f);
}

/* ## Headers */

static void test_no_item_column(void **state)
{
    (void)state;
    static const char *const want[][2] = {
        {"other-notation.csv",
         "other-notation.csv:1: error: no column is an item of engine-test, but \"grp.n1\", "
         "\"grp.n2\", \"grp:o1\" look like items written another way: name an item's column by "
         "its id, alone or as the last part of a group path (group/ID as KoboToolbox writes "
         "it, group-ID as ODK does)"},
        {"label-headers.csv",
         "label-headers.csv:1: error: no column is an item of engine-test, and 2 columns are "
         "question texts (\"Leaders talk about equity\", \"STAFF ARE TRAINED\"): headers must be "
         "the questions' names; in KoboToolbox, export with \"XML values and headers\" (answers "
         "given as labels are read)"},
        {"no-items.csv", "no-items.csv:1: error: no column is an item of engine-test (its items "
                         "are n1, n2, …): is this a responses file for another questionnaire?"},
    };
    for (size_t k = 0; k < 3; k++) {
        fixture f;
        open_set(&f, Q);
        char path[512];
        snprintf(path, sizeof path, "%s%s", DIR, want[k][0]);
        assert_int_equal(assess_responses_add_file(f.r, path, &f.d), ASSESS_ERR_INVALID);
        assert_int_equal(f.d.count, 1);
        assert_string_equal(diag(&f, 0), want[k][1]);
        close_set(&f);
    }
}

static void test_entity_column(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "city-column.csv", &f.d),
                     ASSESS_ERR_INVALID);
    assert_int_equal(assess_responses_set_entity_column(f.r, "CITY"), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f.r, DIR "city-column.csv", &f.d), ASSESS_OK);
    assert_int_equal(f.r->nsubmissions, 1);
    assert_string_equal(f.r->submissions[0].entity, "A");
    assert_int_equal(f.r->submissions[0].answers[N1], SOME);
    assert_int_equal(assess_responses_set_entity_column(f.r, "town"), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f.r, DIR "typed.csv", &f.d), ASSESS_ERR_INVALID);
    assert_string_equal(diag(&f, f.d.count - 1),
                        "typed.csv:1: error: no column \"town\" (the entity column named with "
                        "--entity-column); the first column is \"entity\"");
    close_set(&f);
}

/* ## Twice */

static void test_same_file_twice(void **state)
{
    (void)state;
    fixture f;
    open_set(&f, Q);
    assert_int_equal(assess_responses_add_file(f.r, DIR "semicolon.csv", &f.d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f.r, DIR "semicolon.csv", &f.d), ASSESS_OK);
    assert_int_equal(f.r->nsubmissions, 2);
    assert_int_equal(f.d.count, 1);
    assert_string_equal(diag(&f, 0), "semicolon.csv: warning: the same file as " DIR
                                     "semicolon.csv, byte for byte: its answers are counted once");
    close_set(&f);
}

/* ## Survey tools: the same answers, three files */

static void score_all(const char *file, double overall[2], double normalize[2], fixture *f)
{
    open_set(f, GARE);
    assert_int_equal(assess_responses_add_file(f->r, file, &f->d), ASSESS_OK);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal(f->r->nassessments, 2);
    for (size_t a = 0; a < 2; a++) {
        assess_result res;
        assert_int_equal(assess_result_init(&res, f->q), ASSESS_OK);
        assess_score_compute(f->r, a, &res);
        overall[a] = res.overall.value;
        normalize[a] = res.dimensions[0].score.value;
        assess_result_cleanup(&res);
    }
}

static void test_survey_tool_exports(void **state)
{
    (void)state;
    double o[3][2], n[3][2];
    const char *files[] = {EXPORTS "plain.csv", EXPORTS "odk-central.csv", EXPORTS "kobo.csv"};
    for (size_t k = 0; k < 3; k++) {
        fixture f;
        score_all(files[k], o[k], n[k], &f);
        const assess_responses *r = f.r;
        assert_string_equal(r->assessments[0].entity, "Riverton");
        assert_int_equal(r->assessments[1].nsubmissions, 2);
        /* metadata under its last segment; the tools' bookkeeping is not kept */
        assert_int_equal(r->nmeta_keys, 1);
        assert_string_equal(r->meta_keys[0], "region");
        assert_string_equal(assess_submission_respondent(&r->submissions[1]), "Bo");
        if (k == 0) {
            assert_int_equal(f.d.count, 0);
            assert_string_equal(assess_submission_submitted(&r->submissions[0]), "2026-03-02");
        } else if (k == 1) {
            /* SubmissionDate is the submitted date; meta-instanceID the id */
            assert_string_equal(assess_submission_submitted(&r->submissions[0]), "2026-03-02T09:15:00.000Z");
            assert_string_equal(assess_submission_instance(&r->submissions[1]), "uuid:7f3e-lakeside-1");
            assert_int_equal(r->nsubmissions, 3);
            assert_int_equal(f.d.count, 1);
            assert_string_equal(diag(&f, 0),
                                "odk-central.csv:5: warning: column \"meta-instanceID\": "
                                "submission \"uuid:7f3e-lakeside-1\" was given before (" EXPORTS
                                "odk-central.csv:3); it is counted once");
        } else {
            assert_int_equal(f.d.count, 0);
            assert_string_equal(assess_submission_submitted(&r->submissions[0]), "2026-03-02T09:15:00");
            assert_string_equal(assess_submission_instance(&r->submissions[2]), "7f3e-lakeside-2");
        }
        close_set(&f);
    }
    /* by hand: Riverton's normalize has lead_resolution (weight 2) at 4 of
     * 4 and twelve items (weight 1) at 2 of 4: 100 (2 + 6) / 14.
     * Lakeside: lead_resolution 1 and 3, mean 2 of 4, the rest at 4:
     * 100 (2 · 0.5 + 12) / 14. */
    assert_float_equal(n[0][0], 100.0 * 8.0 / 14.0, 1e-9);
    assert_float_equal(n[0][1], 100.0 * 13.0 / 14.0, 1e-9);
    for (size_t k = 1; k < 3; k++) {
        for (size_t a = 0; a < 2; a++) {
            assert_true(o[k][a] == o[0][a]);
            assert_true(n[k][a] == n[0][a]);
        }
    }
}

/* ## The validator */

static void test_labels_collide_once_folded(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assert_int_equal(assess_questionnaire_load(TEST_DATA "/collide", &q, &d),
                     ASSESS_ERR_INVALID);
    assert_null(q);
    assert_int_equal(d.count, 2);
    char buf[1024];
    const char *base = TEST_DATA "/collide/";
    assess_diag_format(&d.items[0], buf, sizeof buf);
    assert_string_equal(buf + strlen(base),
                        "scales.csv:10: error: column \"label::es\": scale \"yn\": \"NO\" (choice "
                        "\"part\") and value \"no\" of choice \"no\" are the same once letter "
                        "case, accents and quotes are set aside, so an answer could not tell them "
                        "apart");
    assess_diag_format(&d.items[1], buf, sizeof buf);
    assert_string_equal(buf + strlen(base),
                        "scales.csv:12: error: column \"label\": scale \"yn\": \"\"mostly\"\" "
                        "(choice \"full\") and label \"\xE2\x80\x9CMostly\xE2\x80\x9D\" of choice "
                        "\"most\" are the same once letter case, accents and quotes are set aside, "
                        "so an answer could not tell them apart");
    assess_diags_cleanup(&d);
}

/* A scale may have 254 choices, the most an answer's 8 bits hold
 * (docs/limits.md): the last of them is read and scored; 255 are
 * refused with the limit named. */
static void make_package(const char *dir, int nchoices)
{
    static const char *const same[] = {"dimensions.csv", "glossary.csv", "items.csv",
                                       "recommendations.csv", "resources.csv", "settings.csv",
                                       "stages.csv"};
    char path[512], buf[4096];
    for (size_t k = 0; k < sizeof same / sizeof *same; k++) {
        snprintf(path, sizeof path, "%s/%s", Q, same[k]);
        FILE *in = fopen(path, "rb");
        assert_non_null(in);
        snprintf(path, sizeof path, "%s/%s", dir, same[k]);
        FILE *out = fopen(path, "wb");
        assert_non_null(out);
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, in)) > 0)
            assert_int_equal(fwrite(buf, 1, n, out), n);
        fclose(in);
        assert_int_equal(fclose(out), 0);
    }
    snprintf(path, sizeof path, "%s/scales.csv", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("scale,value,label,points\n", f);
    for (int c = 0; c < nchoices; c++)
        fprintf(f, "m,%d,Level %d,%d\n", c, c, c);
    fputs("yn,no,No,0\nyn,yes,Yes,1\n", f);
    assert_int_equal(fclose(f), 0);
}

static void remove_package(const char *dir)
{
    static const char *const files[] = {"dimensions.csv", "glossary.csv", "items.csv",
                                        "recommendations.csv", "resources.csv", "settings.csv",
                                        "stages.csv", "scales.csv", "answers.csv"};
    char path[512];
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[k]);
        remove(path);
    }
    rmdir(dir);
}

static void test_most_choices(void **state)
{
    (void)state;
    char dir[] = "/tmp/assess-choices-XXXXXX";
    assert_non_null(mkdtemp(dir));
    make_package(dir, 254);
    fixture f;
    open_set(&f, dir);
    assert_int_equal(f.q->scales[0].nchoices, 254);
    char path[512];
    snprintf(path, sizeof path, "%s/answers.csv", dir);
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fputs("entity,n1,n2,n3,o1,o2\nX,253,0,yes,252,\n", out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(assess_responses_add_file(f.r, path, &f.d), ASSESS_OK);
    assert_int_equal(f.r->nsubmissions, 1);
    const assess_submission *s = &f.r->submissions[0];
    assert_int_equal(s->answers[N1], 254);
    assert_int_equal(s->answers[N2], 1);
    assert_int_equal(s->answers[O1], 253);
    assert_int_equal(s->answers[O2], 0);
    assess_result res;
    assert_int_equal(assess_result_init(&res, f.q), ASSESS_OK);
    assess_score_compute(f.r, 0, &res);
    assert_int_equal(res.items[N1].status, ASSESS_ITEM_SCORED);
    assert_int_equal(res.items[N1].level, 253);
    assert_true(res.items[N1].top);
    assert_true(res.items[O1].points == 252);
    assess_result_cleanup(&res);
    close_set(&f);

    make_package(dir, 255);
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assert_int_equal(assess_questionnaire_load(dir, &q, &d), ASSESS_ERR_INVALID);
    assert_null(q);
    char buf[1024];
    bool said = false;
    for (size_t k = 0; k < d.count; k++) {
        assess_diag_format(&d.items[k], buf, sizeof buf);
        said |= strstr(buf, "scales.csv:2: error: column \"scale\": scale \"m\" has more than 254 "
                            "choices") != NULL;
    }
    assert_true(said);
    assess_diags_cleanup(&d);
    remove_package(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_latin1_fold),
        cmocka_unit_test(test_grouped_numbers),
        cmocka_unit_test(test_typed_answers),
        cmocka_unit_test(test_typed_answers_refused),
        cmocka_unit_test(test_ambiguous_prefix),
        cmocka_unit_test(test_semicolon_and_tab),
        cmocka_unit_test(test_names_folded),
        cmocka_unit_test(test_no_item_column),
        cmocka_unit_test(test_entity_column),
        cmocka_unit_test(test_same_file_twice),
        cmocka_unit_test(test_survey_tool_exports),
        cmocka_unit_test(test_labels_collide_once_folded),
        cmocka_unit_test(test_most_choices),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
