/*
 * test_responses.c — loading responses (docs/formats.md) against the package in
 * tests/data/engine/q: wide files (values and labels, ODK headers,
 * evidence and notes, metadata), long files (@ rows anywhere), grouping
 * into assessments, and each error with its file, line and column.  The
 * files are under tests/data/engine/responses.
 *
 * Choice indices of scale m, in file order: 0 unknown, 1 "2", 2 "0",
 * 3 na, 4 "1", 5 "3"; of yn: 0 no, 1 yes.  An answer is stored as
 * choice + 1, 0 = empty.  Items: n1 n2 n3 (yn) o1 o2.
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
#define DIR TEST_DATA "/engine/responses/"

enum { N1, N2, N3, O1, O2 };

#define CHOOSE_M                                                                                  \
    "choose one of None, Some, Most, All, Don't know, Not applicable (or write its code: 0, 1, "  \
    "2, 3, unknown, na)"

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assess_diags_init(&f->d);
    assert_int_equal(assess_questionnaire_load(Q, &f->q, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->r), ASSESS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}

static assess_status add(fixture *f, const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", DIR, name);
    return assess_responses_add_file(f->r, path, &f->d);
}

/* Asserts every diagnostic (formatted, without the data folder), in
 * order; `want` ends with NULL. */
static void expect_diags(const fixture *f, const char *const *want)
{
    size_t n = 0;
    for (; want[n]; n++) {
        assert_true(n < f->d.count);
        char buf[1024];
        assess_diag_format(&f->d.items[n], buf, sizeof buf);
        const char *s = strncmp(buf, DIR, strlen(DIR)) == 0 ? buf + strlen(DIR) : buf;
        assert_string_equal(s, want[n]);
    }
    assert_int_equal(f->d.count, n);
}

/* The file's errors are reported and nothing joins the set. */
static void expect_rejected(fixture *f, const char *name, const char *const *want)
{
    size_t subs = f->r->nsubmissions, as = f->r->nassessments;
    assert_int_equal(add(f, name), ASSESS_ERR_INVALID);
    expect_diags(f, want);
    assert_int_equal(f->r->nsubmissions, subs);
    assert_int_equal(f->r->nassessments, as);
}

static const char *meta(const assess_meta *m, size_t n, const char *key)
{
    for (size_t k = 0; k < n; k++) {
        if (strcmp(m[k].key, key) == 0)
            return m[k].value;
    }
    return NULL;
}

/* ## Wide files */

static void test_wide_values_and_labels(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "wide.csv"), ASSESS_OK);
    assert_int_equal(f->d.count, 0);
    assert_int_equal(f->r->nsubmissions, 2);
    const assess_submission *a = &f->r->submissions[0], *b = &f->r->submissions[1];
    /* "2" by value; " most " trimmed, by label in another case; "YES";
     * "none" is the label None; o2 empty */
    assert_int_equal(a->answers[N1], 2);
    assert_int_equal(a->answers[N2], 2);
    assert_int_equal(a->answers[N3], 2);
    assert_int_equal(a->answers[O1], 3);
    assert_int_equal(a->answers[O2], 0);
    /* "Some", "0", "no", "na", "Don't Know" */
    assert_int_equal(b->answers[N1], 5);
    assert_int_equal(b->answers[N2], 3);
    assert_int_equal(b->answers[N3], 1);
    assert_int_equal(b->answers[O1], 4);
    assert_int_equal(b->answers[O2], 1);
}

static void test_wide_reserved_columns(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "wide.csv"), ASSESS_OK);
    const assess_submission *a = &f->r->submissions[0], *b = &f->r->submissions[1];
    /* "Entity" and "Cycle" are the reserved columns in another case */
    assert_string_equal(a->entity, "Springfield");
    assert_string_equal(a->cycle, "2026");
    assert_string_equal(a->respondent, "Ana");
    assert_string_equal(a->submitted, "2026-03-31");
    assert_string_equal(b->submitted, "2026-04-01T10:00:00");
    assert_int_equal(a->line, 2);
    assert_int_equal(b->line, 3);
    assert_string_equal(a->file, DIR "wide.csv");
}

static void test_wide_evidence_notes_and_metadata(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "wide.csv"), ASSESS_OK);
    const assess_submission *a = &f->r->submissions[0], *b = &f->r->submissions[1];
    assert_string_equal(assess_submission_text(a, N1, false), "Minutes of 2026-02-01");
    assert_string_equal(assess_submission_text(a, N1, true), "Discussed, not decided");
    assert_null(assess_submission_text(a, N2, false));
    assert_null(assess_submission_text(b, N1, false));
    assert_null(b->evidence); /* no text at all: no array */
    /* metadata: every other column; empty values left out */
    assert_int_equal(a->nmeta, 2);
    assert_string_equal(meta(a->meta, a->nmeta, "region"), "North");
    assert_string_equal(meta(a->meta, a->nmeta, "population"), "12000");
    assert_int_equal(b->nmeta, 1);
    assert_null(meta(b->meta, b->nmeta, "population"));
    assert_int_equal(f->r->nmeta_keys, 2);
    assert_string_equal(f->r->meta_keys[0], "region");
    assert_string_equal(f->r->meta_keys[1], "population");
}

static void test_odk_group_headers(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "odk.csv"), ASSESS_OK);
    const assess_submission *s = &f->r->submissions[0];
    assert_int_equal(s->answers[N1], 5); /* grp_a/sub/n1 = "1" */
    assert_int_equal(s->answers[O2], 6); /* grp_b/o2 = "3" */
    assert_string_equal(assess_submission_text(s, N1, false), "A memo");
    assert_string_equal(assess_submission_text(s, O2, true), "Checked");
    /* other columns are metadata under their last segment; "start" is
     * the survey tool's own and dropped */
    assert_int_equal(s->nmeta, 1);
    assert_string_equal(meta(s->meta, s->nmeta, "region"), "North");
}

static void test_peek_questionnaire(void **state)
{
    fixture *f = *state;
    char buf[64];
    assert_int_equal(assess_responses_peek_questionnaire(DIR "wide.csv", buf, sizeof buf, &f->d),
                     ASSESS_OK);
    assert_string_equal(buf, "engine-test@2");
    assert_int_equal(assess_responses_peek_questionnaire(DIR "odk.csv", buf, sizeof buf, &f->d),
                     ASSESS_OK);
    assert_string_equal(buf, "");
    assert_int_equal(f->d.count, 0);
}

/* ## Wide files: errors */

static void test_unknown_answer(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "bad-answer.csv", (const char *[]){
        "bad-answer.csv:2: error: column \"n2\": \"lots\" does not answer question 1.1.2 (n2): "
        CHOOSE_M,
        "bad-answer.csv:3: error: column \"n1\": \"maybe\" does not answer question 1.1.1 "
        "(n1): " CHOOSE_M,
        /* o1 has no theme: its items count as one more theme after the named ones */
        "bad-answer.csv:3: error: column \"grp/o1\": \"sometimes\" does not answer question "
        "2.2.1 (o1): " CHOOSE_M "; did you mean \"Some\"?",
        NULL});
}

static void test_header_one_edit_from_an_item(void **state)
{
    fixture *f = *state;
    /* n22 is one edit from n2; N2 is n2 but for case (docs/scoring.md) */
    expect_rejected(f, "near-header.csv", (const char *[]){
        "near-header.csv:1: error: column \"n22\": not an item of engine-test; did you mean "
        "\"n2\"?",
        "near-header.csv:1: error: column \"N2\": not an item of engine-test; did you mean "
        "\"n2\"?",
        NULL});
}

static void test_duplicate_columns(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "dup-column.csv", (const char *[]){
        "dup-column.csv:1: error: column \"grp/n1\": duplicate of column 2 (\"n1\")",
        "dup-column.csv:1: error: column \"region\": duplicate of column 4 (\"region\")",
        "dup-column.csv:1: error: column \"Entity\": duplicate of column 1 (\"entity\")",
        NULL});
}

static void test_questionnaire_mismatch(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "mismatch.csv", (const char *[]){
        "mismatch.csv:3: error: column \"questionnaire\": \"engine-test@1\" does not match "
        "the questionnaire used, engine-test@2",
        "mismatch.csv:4: error: column \"questionnaire\": \"other@2\" does not match the "
        "questionnaire used, engine-test@2",
        NULL});
}

static void test_invalid_submitted_date(void **state)
{
    fixture *f = *state;
    /* "2026-03-31 09:30" on line 2 is fine */
    expect_rejected(f, "bad-date.csv", (const char *[]){
        "bad-date.csv:3: error: column \"submitted\": \"31/03/2026\" is not an ISO 8601 date "
        "such as 2026-03-31",
        "bad-date.csv:4: error: column \"submitted\": \"2026-3-31\" is not an ISO 8601 date "
        "such as 2026-03-31",
        NULL});
}

static void test_impossible_submitted_date(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "bad-date-range.csv", (const char *[]){
        "bad-date-range.csv:2: error: column \"submitted\": \"2026-13-45\" is not an ISO 8601 "
        "date such as 2026-03-31",
        NULL});
}

static void test_empty_entity(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "empty-entity.csv", (const char *[]){
        "empty-entity.csv:3: error: column \"entity\": must not be empty: whose answers are "
        "these?",
        "empty-entity.csv:4: error: column \"entity\": must not be empty: whose answers are "
        "these?",
        NULL});
}

static void test_no_entity_column(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "no-entity.csv", (const char *[]){
        "no-entity.csv:1: error: no \"entity\" column: a wide responses file needs one, alone or "
        "as the last part of a group path (city/entity), or name the column that holds the "
        "City's name with --entity-column (a long file needs \"item\" and \"answer\" columns)",
        NULL});
}

/* ## Long files */

static void test_long_file(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "long.csv"), ASSESS_OK);
    assert_int_equal(f->d.count, 0);
    assert_int_equal(f->r->nsubmissions, 1);
    const assess_submission *s = &f->r->submissions[0];
    /* @ rows before, between and after the answers */
    assert_string_equal(s->entity, "Springfield");
    assert_string_equal(s->cycle, "2026");
    assert_string_equal(s->respondent, "Ana");
    assert_int_equal(s->line, 5); /* the @entity row */
    assert_int_equal(s->nmeta, 1);
    assert_string_equal(meta(s->meta, s->nmeta, "region"), "North");
    assert_int_equal(s->answers[N1], 2);
    assert_int_equal(s->answers[N2], 2);
    assert_int_equal(s->answers[N3], 2);
    assert_int_equal(s->answers[O1], 0);
    assert_int_equal(s->answers[O2], 0);
    assert_string_equal(assess_submission_text(s, N1, false), "Minutes");
    assert_null(assess_submission_text(s, N1, true));
    assert_string_equal(assess_submission_text(s, O1, true), "Not yet, maybe next year");
    assert_int_equal(f->r->nassessments, 1);
    assert_string_equal(f->r->assessments[0].cycle, "2026");
}

static void test_long_item_answered_twice(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "long-twice.csv", (const char *[]){
        "long-twice.csv:5: error: column \"item\": \"n1\" is answered twice (first on line 3)",
        NULL});
}

static void test_long_without_entity(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "long-noentity.csv", (const char *[]){
        "long-noentity.csv:1: error: no \"@entity\" row: add a row with item \"@entity\" and "
        "the City's name as its answer",
        NULL});
}

static void test_long_unknown_items_and_answers(void **state)
{
    fixture *f = *state;
    expect_rejected(f, "long-unknown.csv", (const char *[]){
        "long-unknown.csv:3: error: column \"item\": \"n9\" is not an item of engine-test; "
        "did you mean \"n1\"?",
        "long-unknown.csv:4: error: column \"item\": \"zz\" is not an item of engine-test",
        "long-unknown.csv:5: error: column \"answer\": \"often\" does not answer question 1.1.1 "
        "(n1): " CHOOSE_M,
        NULL});
}

/* ## Grouping */

static void test_same_entity_and_cycle_grouped(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "group.csv"), ASSESS_OK);
    assert_int_equal(f->r->nsubmissions, 4);
    assert_int_equal(f->r->nassessments, 3);
    const assess_assessment *a = &f->r->assessments[0];
    assert_string_equal(a->entity, "Springfield");
    assert_string_equal(a->cycle, "2026");
    assert_int_equal(a->nsubmissions, 2);
    assert_int_equal(a->submissions[0], 0);
    assert_int_equal(a->submissions[1], 2);
    /* the first non-empty value wins: row 2 has no region, row 4 has */
    assert_int_equal(a->nmeta, 1);
    assert_string_equal(meta(a->meta, a->nmeta, "region"), "North");
    assert_string_equal(f->r->assessments[1].entity, "Shelbyville");
    assert_int_equal(f->r->assessments[1].nsubmissions, 1);
    /* another cycle is another assessment */
    assert_string_equal(f->r->assessments[2].entity, "Springfield");
    assert_string_equal(f->r->assessments[2].cycle, "2025");
    assert_int_equal(f->r->assessments[2].submissions[0], 3);
}

static void test_grouping_across_files(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "group.csv"), ASSESS_OK);
    assert_int_equal(add(f, "group2.csv"), ASSESS_OK);
    assert_int_equal(f->r->nsubmissions, 6);
    assert_int_equal(f->r->nassessments, 4);
    const assess_assessment *s = &f->r->assessments[1];
    assert_string_equal(s->entity, "Shelbyville");
    assert_int_equal(s->nsubmissions, 2);
    assert_int_equal(s->submissions[0], 1);
    assert_int_equal(s->submissions[1], 4);
    assert_int_equal(s->nmeta, 2);
    assert_string_equal(meta(s->meta, s->nmeta, "region"), "South");
    assert_string_equal(meta(s->meta, s->nmeta, "county"), "Lake");
    assert_string_equal(f->r->assessments[3].entity, "Ogdenville");
    assert_int_equal(f->r->assessments[0].submissions[1], 2);
    assert_int_equal(f->r->nmeta_keys, 2);
    assert_string_equal(f->r->meta_keys[1], "county");
}

static void test_file_with_errors_adds_nothing(void **state)
{
    fixture *f = *state;
    assert_int_equal(add(f, "group.csv"), ASSESS_OK);
    /* bad-answer.csv's first row is good, but the file has errors */
    assert_int_equal(add(f, "bad-answer.csv"), ASSESS_ERR_INVALID);
    assert_int_equal(f->d.errors, 3);
    assert_int_equal(f->r->nsubmissions, 4);
    assert_int_equal(f->r->nassessments, 3);
    /* a good file after it gets the next indices */
    assert_int_equal(add(f, "group2.csv"), ASSESS_OK);
    assert_int_equal(f->r->nsubmissions, 6);
    assert_string_equal(f->r->submissions[4].entity, "Shelbyville");
    assert_string_equal(f->r->submissions[4].file, DIR "group2.csv");
    assert_int_equal(f->r->submissions[4].answers[N1], 5);
    assert_int_equal(f->r->assessments[1].submissions[1], 4);
}

/* ## Survey questions: a cell means the same in every row */

/* The bits of gare-local's options named by space-separated values of
 * multi item `id`'s list, with ASSESS_MULTI_ANSWERED. */
static uint64_t options(const assess_questionnaire *q, size_t m, const char *values)
{
    const assess_scale *ls = &q->lists[q->multis[m].list];
    uint64_t set = ASSESS_MULTI_ANSWERED;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", values);
    for (char *save = NULL, *v = strtok_r(buf, " ", &save); v; v = strtok_r(NULL, " ", &save)) {
        size_t c = 0;
        while (c < ls->nchoices && strcmp(ls->choices[c].value, v) != 0)
            c++;
        assert_true(c < ls->nchoices);
        set |= (uint64_t)1 << c;
    }
    return set;
}

static size_t multi_index(const assess_questionnaire *q, const char *id)
{
    for (size_t m = 0; m < q->nmultis; m++)
        if (strcmp(q->multis[m].id, id) == 0)
            return m;
    fail_msg("no multi item %s", id);
    return ASSESS_NONE;
}

/* text as DIR/cells.csv in a new folder; remove_temp removes both. */
static char *write_temp(const char *text)
{
    char dir[] = "/tmp/test-responses-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char *path = malloc(strlen(dir) + sizeof "/cells.csv");
    assert_non_null(path);
    sprintf(path, "%s/cells.csv", dir);
    FILE *fp = fopen(path, "w");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
    return path;
}

static void remove_temp(char *path)
{
    assert_int_equal(unlink(path), 0);
    *strrchr(path, '/') = '\0';
    assert_int_equal(rmdir(path), 0);
    free(path);
}

/* Each cell twice, in rows far apart and beside other cells: codes, a
 * code written in capitals, labels, a label among codes, Spanish
 * labels, and the start of a label, which warns in both rows (a cell
 * that was a guess is never taken from an earlier row). */
static void test_multi_cells_same_in_every_row(void **state)
{
    (void)state;
    static const struct {
        const char *staff, *staff_want, *format, *format_want;
    } cells[] = {
        {"tool legal", "tool legal", "online coaching", "online coaching"},
        {"TOOL  Legal", "tool legal", "Online", "online"},
        {"Implicit bias; Community engagement", "bias engagement", "In person, Coaching",
         "in_person coaching"},
        {"basics Implicit bias tool", "basics bias tool", "in_person online", "in_person online"},
        {"Sesgo implícito; Participación comunitaria", "bias engagement", "En línea", "online"},
        {"Implicit", "bias", "coaching", "coaching"},
        {"budget", "budget", "", NULL},
    };
    size_t n = sizeof cells / sizeof *cells;
    char text[4096] = "entity,cycle,vision_shared,needs_staff,needs_format\n";
    for (size_t round = 0; round < 2; round++)
        for (size_t k = 0; k < n; k++) {
            size_t used = strlen(text);
            snprintf(text + used, sizeof text - used, "City %zu-%zu,2026,2,\"%s\",\"%s\"\n", k,
                     round, cells[k].staff, cells[k].format);
        }
    char *path = write_temp(text);
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    assert_int_equal(assess_questionnaire_load(SOURCE_DIR "/questionnaires/gare-local", &q, &d),
                     ASSESS_OK);
    assert_int_equal(assess_responses_new(q, &r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r, path, &d), ASSESS_OK);
    size_t staff = multi_index(q, "needs_staff"), format = multi_index(q, "needs_format");
    assert_int_equal(r->nsubmissions, 2 * n);
    for (size_t s = 0; s < r->nsubmissions; s++) {
        size_t k = s % n;
        assert_true(r->submissions[s].multi[staff] == options(q, staff, cells[k].staff_want));
        uint64_t want = cells[k].format_want ? options(q, format, cells[k].format_want) : 0;
        assert_true(r->submissions[s].multi[format] == want);
    }
    /* the guess, once in each round: lines 7 and 14 */
    assert_int_equal(d.count, 2);
    for (size_t w = 0; w < 2; w++) {
        assert_int_equal(d.items[w].severity, ASSESS_WARNING);
        assert_int_equal(d.items[w].line, w ? 14 : 7);
        assert_non_null(
            strstr(d.items[w].message, "\"Implicit\" taken as \"Implicit bias\" (bias)"));
    }
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    remove_temp(path);
}

/* A wrong cell is reported in every row that has it. */
static void test_multi_wrong_cell_every_row(void **state)
{
    (void)state;
    char *path = write_temp("entity,cycle,vision_shared,needs_staff\n"
                            "A,2026,2,tool legal\n"
                            "B,2026,2,tool legl\n"
                            "C,2026,2,tool legal\n"
                            "D,2026,2,tool legl\n");
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    assert_int_equal(assess_questionnaire_load(SOURCE_DIR "/questionnaires/gare-local", &q, &d),
                     ASSESS_OK);
    assert_int_equal(assess_responses_new(q, &r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r, path, &d), ASSESS_ERR_INVALID);
    assert_int_equal(d.count, 2);
    for (size_t w = 0; w < 2; w++) {
        assert_int_equal(d.items[w].severity, ASSESS_ERROR);
        assert_int_equal(d.items[w].line, w ? 5 : 3);
        assert_non_null(
            strstr(d.items[w].message, "\"legl\" is not an option of question needs_staff"));
    }
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    remove_temp(path);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_wide_values_and_labels),
        T(test_wide_reserved_columns),
        T(test_wide_evidence_notes_and_metadata),
        T(test_odk_group_headers),
        T(test_peek_questionnaire),
        T(test_unknown_answer),
        T(test_header_one_edit_from_an_item),
        T(test_duplicate_columns),
        T(test_questionnaire_mismatch),
        T(test_invalid_submitted_date),
        T(test_impossible_submitted_date),
        T(test_empty_entity),
        T(test_no_entity_column),
        T(test_long_file),
        T(test_long_item_answered_twice),
        T(test_long_without_entity),
        T(test_long_unknown_items_and_answers),
        T(test_same_entity_and_cycle_grouped),
        T(test_grouping_across_files),
        T(test_file_with_errors_adds_nothing),
        T(test_multi_cells_same_in_every_row),
        T(test_multi_wrong_cell_every_row),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
