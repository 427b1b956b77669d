/*
 * test_score.c — the scoring method (docs/formats.md, docs/scoring.md) against hand-worked
 * values, written out in the comments: weights, na, coverage and its
 * threshold, rounding at a stage boundary, several respondents, gains
 * (checked against the actual rise of the index) and priorities.
 *
 * The questionnaire is tests/data/engine/sq: scale m is 0–4 points (max
 * 4) with na and unknown; scale j is zero 0, one 1, two 2, ten 10 (max
 * 10; levels 0–3) with na and dk (unknown).  Dimensions and weights:
 *
 *   A (W 1): a1 w1, a2 w3, a3 w1      (a1, a2 in theme "core")
 *   B (W 3): b1 w1, b2 w1
 *   C (W 1): c1 0.2, c2 0.7, c3 0.1, c4 0.25, c5 0.01
 *   R (W 1): r1 4.99, r2 5.01
 *   M (W 1): j1 j2 j3 (scale j), m1 (scale m)
 *
 * Stages start at 0, 25, 50 and 75.  Responses are written per test as
 * "ENTITY item=answer …" rows; an item a row does not name is answered
 * `na`, which takes it — and a dimension all of whose items are na — out
 * of every score.  A later "item=" on the row overrides an earlier one.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SQ TEST_DATA "/engine/sq"

enum { a1, a2, a3, b1, b2, c1, c2, c3, c4, c5, r1, r2, j1, j2, j3, m1, NITEMS };
enum { A, B, C, R, M };
/* choice indices, file order */
enum { M_0, M_1, M_2, M_3, M_4, M_NA, M_UNKNOWN };
enum { J_ZERO, J_ONE, J_TWO, J_TEN, J_NA, J_DK };

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
    assess_result res;
    bool scored;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assess_diags_init(&f->d);
    assert_int_equal(assess_questionnaire_load(SQ, &f->q, &f->d), ASSESS_OK);
    assert_int_equal(f->q->nitems, NITEMS);
    *state = f;
    return 0;
}

static void forget(fixture *f)
{
    if (f->scored)
        assess_result_cleanup(&f->res);
    assess_responses_free(f->r);
    f->r = NULL;
    f->scored = false;
}

static int teardown(void **state)
{
    fixture *f = *state;
    forget(f);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}

/* Writes one wide CSV row from a spec "ENTITY item=answer …". */
static void write_row(FILE *out, const assess_questionnaire *q, const char *spec)
{
    char *copy = strdup(spec);
    assert_non_null(copy);
    const char *answer[NITEMS];
    for (size_t i = 0; i < NITEMS; i++)
        answer[i] = "na";
    char *save;
    const char *entity = strtok_r(copy, " ", &save);
    for (char *tok = strtok_r(NULL, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
        char *eq = strchr(tok, '=');
        assert_non_null(eq);
        *eq = '\0';
        size_t i = assess_questionnaire_item_find(q, tok);
        assert_int_not_equal(i, ASSESS_NONE);
        answer[i] = eq + 1;
    }
    fputs(entity, out);
    for (size_t i = 0; i < NITEMS; i++)
        fprintf(out, ",%s", answer[i]);
    fputc('\n', out);
    free(copy);
}

/* Scores `entity` among the rows (NULL-terminated). */
static const assess_result *score(fixture *f, const char *entity, const char *const *rows)
{
    forget(f);
    char path[] = "/tmp/test_score-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *out = fdopen(fd, "w");
    assert_non_null(out);
    fputs("entity", out);
    for (size_t i = 0; i < NITEMS; i++)
        fprintf(out, ",%s", f->q->items[i].id);
    fputc('\n', out);
    for (size_t k = 0; rows[k]; k++)
        write_row(out, f->q, rows[k]);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(assess_responses_new(f->q, &f->r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(f->r, path, &f->d), ASSESS_OK);
    assert_int_equal(f->d.count, 0);
    unlink(path);
    size_t which = ASSESS_NONE;
    for (size_t a = 0; a < f->r->nassessments; a++) {
        if (strcmp(f->r->assessments[a].entity, entity) == 0)
            which = a;
    }
    assert_int_not_equal(which, ASSESS_NONE);
    assert_int_equal(assess_result_init(&f->res, f->q), ASSESS_OK);
    f->scored = true;
    assess_score_compute(f->r, which, &f->res);
    return &f->res;
}

/* One respondent of "Town". */
static const assess_result *score1(fixture *f, const char *spec)
{
    return score(f, "Town", (const char *[]){spec, NULL});
}

#define assert_near(x, want) assert_true(fabs((x) - (want)) < 1e-9)

static void assert_score(const assess_score *s, double value, double rounded, const char *stage)
{
    assert_true(s->defined);
    assert_near(s->value, value);
    assert_true(s->rounded == rounded);
    assert_non_null(s->stage);
    assert_string_equal(s->stage->id, stage);
}

static void assert_list(const size_t *got, size_t n, const size_t *want, size_t nwant)
{
    assert_int_equal(n, nwant);
    for (size_t k = 0; k < n; k++)
        assert_int_equal(got[k], want[k]);
}
#define LIST(...) (const size_t[]){__VA_ARGS__}, sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)

/* A dimension with no score and no coverage: all its items na. */
static void assert_left_out(const assess_group_result *g)
{
    assert_false(g->score.defined);
    assert_false(g->has_coverage);
    assert_false(g->insufficient);
}

/* ## Weights, na, unknown, coverage */

static void test_item_and_dimension_weights(void **state)
{
    fixture *f = *state;
    const assess_result *res = score1(f, "Town a1=4 a2=1 a3=0 b1=2 b2=4");
    /* A: s = 1, 0.25, 0 with weights 1, 3, 1:
     *    100 · (1 + 0.75 + 0) / 5 = 35.0 */
    assert_score(&res->dimensions[A].score, 35.0, 35.0, "s25");
    assert_near(res->dimensions[A].coverage, 1.0);
    /* theme core (a1, a2): 100 · 1.75 / 4 = 43.75 → 43.8 */
    assert_score(&res->themes[0].score, 43.75, 43.8, "s25");
    /* B: 100 · (0.5 + 1) / 2 = 75 */
    assert_score(&res->dimensions[B].score, 75.0, 75.0, "s75");
    /* I = (1 · 35 + 3 · 75) / (1 + 3) = 260 / 4 = 65 */
    assert_score(&res->overall, 65.0, 65.0, "s50");
    assert_false(res->provisional);
    assert_left_out(&res->dimensions[C]);
    assert_left_out(&res->dimensions[R]);
    assert_left_out(&res->dimensions[M]);
    const assess_item_result *it = &res->items[a2];
    assert_int_equal(it->status, ASSESS_ITEM_SCORED);
    assert_near(it->points, 1.0);
    assert_near(it->score, 0.25);
    assert_int_equal(it->level, M_1);
    assert_int_equal(res->nrespondents, 1);
}

static void test_na_removes_the_item(void **state)
{
    fixture *f = *state;
    const assess_result *res = score1(f, "Town a1=4 a2=na a3=0");
    /* a2 (weight 3) is out: 100 · (1 · 1 + 1 · 0) / 2 = 50, coverage 2 / 2 */
    assert_score(&res->dimensions[A].score, 50.0, 50.0, "s50");
    assert_near(res->dimensions[A].coverage, 1.0);
    assert_false(res->dimensions[A].insufficient);
    /* B is all na: no score, no coverage, not insufficient; I = S_A */
    assert_left_out(&res->dimensions[B]);
    assert_score(&res->overall, 50.0, 50.0, "s50");
    assert_false(res->provisional);
    assert_int_equal(res->items[a2].status, ASSESS_ITEM_NA);
    assert_int_equal(res->items[a2].level, M_NA);
    assert_int_equal(res->items[a2].priority, 0);
    /* only A counts: g_a3 = 100 · (1/1) · 1 · (1 − 0) / 4 / 2 = 12.5 */
    assert_near(res->items[a3].gain, 12.5);
    assert_list(res->priorities, res->npriorities, LIST(a3));
    assert_list(res->strengths, res->nstrengths, LIST(a1));
}

static void test_unknown_and_missing_lower_coverage(void **state)
{
    fixture *f = *state;
    const assess_result *res = score1(f, "Town a1=4 a2=unknown a3=");
    /* only a1 scored: S_A = 100; coverage = 1 / (1 + 3 + 1) = 0.2 */
    assert_score(&res->dimensions[A].score, 100.0, 100.0, "s75");
    assert_near(res->dimensions[A].coverage, 0.2);
    assert_true(res->dimensions[A].insufficient);
    assert_true(res->provisional);
    assert_score(&res->overall, 100.0, 100.0, "s75");
    assert_int_equal(res->items[a2].status, ASSESS_ITEM_UNKNOWN);
    assert_int_equal(res->items[a2].level, M_UNKNOWN);
    assert_int_equal(res->items[a3].status, ASSESS_ITEM_MISSING);
    assert_int_equal(res->items[a3].level, ASSESS_NONE);
    assert_int_equal(res->items[a3].nempty, 1);
    /* data gaps in item order; a1 is at the top */
    assert_list(res->priorities, res->npriorities, LIST(a2, a3));
    assert_int_equal(res->ngaps, 2);
    assert_list(res->strengths, res->nstrengths, LIST(a1));
}

static void test_dimension_without_scored_item_is_insufficient(void **state)
{
    fixture *f = *state;
    const assess_result *res = score1(f, "Town a1=4 b1=unknown b2=");
    /* B: nothing scored, nothing na → no score, coverage 0, insufficient;
     * the index is A's alone but provisional */
    assert_false(res->dimensions[B].score.defined);
    assert_true(res->dimensions[B].has_coverage);
    assert_true(res->dimensions[B].coverage == 0.0);
    assert_true(res->dimensions[B].insufficient);
    assert_score(&res->overall, 100.0, 100.0, "s75");
    assert_true(res->provisional);
}

static void test_coverage_exactly_at_min_coverage(void **state)
{
    fixture *f = *state;
    /* C: c1–c3 scored, c4 unknown, c5 na:
     *    (0.2 + 0.7 + 0.1) / (0.2 + 0.7 + 0.1 + 0.25) = 1 / 1.25 = 0.8,
     * which doubles make 0.7999999999999999: still not below 0.8 */
    const assess_result *res = score1(f, "Town c1=4 c2=4 c3=4 c4=unknown");
    assert_near(res->dimensions[C].coverage, 0.8);
    assert_false(res->dimensions[C].insufficient);
    assert_false(res->provisional);
    assert_score(&res->dimensions[C].score, 100.0, 100.0, "s75");
}

static void test_coverage_just_below_min_coverage(void **state)
{
    fixture *f = *state;
    /* c5 unknown too: 1 / 1.26 = 0.7937 < 0.8 */
    const assess_result *res = score1(f, "Town c1=4 c2=4 c3=4 c4=unknown c5=unknown");
    assert_near(res->dimensions[C].coverage, 1.0 / 1.26);
    assert_true(res->dimensions[C].insufficient);
    assert_true(res->provisional);
    assert_score(&res->overall, 100.0, 100.0, "s75"); /* defined, but provisional */
}

/* ## Rounding and stages */

static void test_round1(void **state)
{
    (void)state;
    assert_true(assess_round1(31.25) == 31.3);  /* printf("%.1f") gives 31.2 */
    assert_true(assess_round1(-31.25) == -31.3);
    assert_true(assess_round1(12.35) == 12.4);  /* the double is 12.34999… */
    assert_true(assess_round1(24.95) == 25.0);  /* likewise 24.94999… */
    assert_true(assess_round1(0.05) == 0.1);
    assert_true(assess_round1(24.94) == 24.9);
    assert_true(assess_round1(99.96) == 100.0);
    assert_true(assess_round1(0.0) == 0.0);
    assert_true(assess_round1(33.333333333333336) == 33.3);
}

static void test_rounding_at_a_stage_boundary(void **state)
{
    fixture *f = *state;
    /* R: 100 · (4.99 · 0.5 + 5.01 · 0) / (4.99 + 5.01) = 100 · 2.495 / 10
     * = 24.95 exactly; the double is 24.949999999999999 (printf("%.1f")
     * says 24.9), yet the printed score is 25.0 and so is its stage */
    const assess_result *res = score1(f, "Town r1=2 r2=0");
    assert_score(&res->dimensions[R].score, 24.95, 25.0, "s25");
    assert_score(&res->overall, 24.95, 25.0, "s25");
    assert_string_equal(assess_questionnaire_stage(f->q, 24.9)->id, "s0");
}

static void test_rounding_half_away_from_zero(void **state)
{
    fixture *f = *state;
    /* A with a3 na: 100 · (1 · 0.5 + 3 · 0.25) / 4 = 31.25 → 31.3 */
    const assess_result *res = score1(f, "Town a1=2 a2=1");
    assert_score(&res->dimensions[A].score, 31.25, 31.3, "s25");
    assert_true(res->dimensions[A].score.value == 31.25);
}

/* ## Several respondents */

static void test_mean_points_and_reported_level(void **state)
{
    fixture *f = *state;
    const assess_result *res = score(f, "Town", (const char *[]){
        "Town j1=one j2=two j3=zero m1=4",
        "Town j1=ten j2=ten j3=two m1=4",
        NULL});
    assert_int_equal(res->nrespondents, 2);
    /* j1: (1 + 10) / 2 = 5.5, s = 0.55; the highest choice at or below
     * 5.5 is "two"; levels 1 and 3: two apart, flagged */
    assert_near(res->items[j1].points, 5.5);
    assert_near(res->items[j1].score, 0.55);
    assert_int_equal(res->items[j1].level, J_TWO);
    assert_true(res->items[j1].disagreement);
    assert_int_equal(res->items[j1].nscored, 2);
    /* j2: 6 points, level "two"; 8 points apart but adjacent levels */
    assert_near(res->items[j2].points, 6.0);
    assert_int_equal(res->items[j2].level, J_TWO);
    assert_false(res->items[j2].disagreement);
    /* j3: 1 point, level "one" though nobody chose it; only 2 points
     * apart but levels 0 and 2: flagged */
    assert_near(res->items[j3].points, 1.0);
    assert_int_equal(res->items[j3].level, J_ONE);
    assert_true(res->items[j3].disagreement);
    /* m1: 4 and 4, not flagged */
    assert_false(res->items[m1].disagreement);
    /* M: 100 · (0.55 + 0.6 + 0.1 + 1) / 4 = 56.25 → 56.3 */
    assert_score(&res->dimensions[M].score, 56.25, 56.3, "s50");
}

static void test_gains_from_mean_points(void **state)
{
    fixture *f = *state;
    const assess_result *res = score(f, "Town", (const char *[]){
        "Town j1=one j2=two j3=zero m1=4",
        "Town j1=ten j2=ten j3=two m1=4",
        NULL});
    /* only M counts (Σ W = 1), Σ w = 4, max 10; p_next is the smallest
     * points above the mean:
     *   j1: 100 · (10 − 5.5) / 10 / 4 = 11.25
     *   j2: 100 · (10 − 6) / 10 / 4   = 10
     *   j3: 100 · (2 − 1) / 10 / 4    = 2.5 */
    assert_near(res->items[j1].gain, 11.25);
    assert_near(res->items[j2].gain, 10.0);
    assert_near(res->items[j3].gain, 2.5);
    assert_false(res->items[m1].has_gain);
    assert_list(res->priorities, res->npriorities, LIST(j1, j2, j3));
    assert_list(res->strengths, res->nstrengths, LIST(m1));
}

static void test_na_needs_more_than_half_of_all_respondents(void **state)
{
    fixture *f = *state;
    const char *const rows[] = {
        "Three m1=na", "Three m1=na", "Three m1=3",
        "Four m1=na",  "Four m1=na",  "Four m1=1", "Four m1=2",
        "Five m1=na",  "Five m1=na",  "Five m1=",  "Five m1=", "Five m1=3",
        NULL};
    /* 2 of 3: na */
    const assess_result *res = score(f, "Three", rows);
    assert_int_equal(res->items[m1].status, ASSESS_ITEM_NA);
    assert_int_equal(res->items[m1].level, M_NA);
    /* 2 of 4 is not more than half: the na answers are left out,
     * points (1 + 2) / 2 = 1.5, level "1" */
    res = score(f, "Four", rows);
    assert_int_equal(res->items[m1].status, ASSESS_ITEM_SCORED);
    assert_near(res->items[m1].points, 1.5);
    assert_int_equal(res->items[m1].level, M_1);
    assert_int_equal(res->items[m1].nna, 2);
    /* 2 of 5, though 2 of the 3 who answered: scored, 3 points */
    res = score(f, "Five", rows);
    assert_int_equal(res->items[m1].status, ASSESS_ITEM_SCORED);
    assert_near(res->items[m1].points, 3.0);
    assert_int_equal(res->items[m1].nempty, 2);
}

static void test_minority_na_and_unknown_is_a_gap(void **state)
{
    fixture *f = *state;
    /* 1 na of 2 is no majority and nobody scored: unknown, a data gap */
    const assess_result *res = score(f, "Two", (const char *[]){"Two m1=na", "Two m1=unknown",
                                                                NULL});
    assert_int_equal(res->items[m1].status, ASSESS_ITEM_UNKNOWN);
    assert_int_equal(res->items[m1].level, M_UNKNOWN);
    assert_list(res->priorities, res->npriorities, LIST(m1));
    assert_int_equal(res->ngaps, 1);
}

/* A minority na is left out; with nothing else given the item is
 * missing (no level to show), and still a data gap.  Once reported it
 * crashed the text summary, which looked up the label of no level. */
static void test_minority_na_alone_is_missing(void **state)
{
    fixture *f = *state;
    const assess_result *res = score(f, "Three", (const char *[]){
        "Three m1=na", "Three m1=", "Three m1=", NULL});
    assert_int_equal(res->items[m1].status, ASSESS_ITEM_MISSING);
    assert_int_equal(res->items[m1].level, ASSESS_NONE);
    assert_int_equal(res->items[m1].nna, 1);
    assert_int_equal(res->ngaps, 1);
    assert_int_equal(res->priorities[0], m1);
}

static void test_no_scored_item_insufficient_even_at_min_coverage_0(void **state)
{
    fixture *f = *state;
    char dir[] = "/tmp/test_score-XXXXXX";
    assert_non_null(mkdtemp(dir));
    static const char *const files[] = {"settings.csv", "dimensions.csv", "scales.csv",
                                        "items.csv", "stages.csv"};
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp %s/*.csv %s && echo min_coverage,0 >> %s/settings.csv", SQ,
             dir, dir);
    assert_int_equal(system(cmd), 0);
    assess_questionnaire_free(f->q);
    assert_int_equal(assess_questionnaire_load(dir, &f->q, &f->d), ASSESS_OK);
    for (size_t k = 0; k < 5; k++) {
        snprintf(cmd, sizeof cmd, "%s/%s", dir, files[k]);
        unlink(cmd);
    }
    rmdir(dir);
    assert_true(f->q->min_coverage == 0.0);
    const assess_result *res = score1(f, "Town a1=4 b1=unknown");
    assert_true(res->dimensions[B].coverage == 0.0);
    assert_true(res->dimensions[B].insufficient);
    assert_true(res->provisional);
}

static void test_strength_needs_every_scored_answer_at_top(void **state)
{
    fixture *f = *state;
    const assess_result *res = score(f, "Town", (const char *[]){
        "Town j1=ten j2=ten m1=4",
        "Town j1=dk  j2=two m1=4",
        "Town j1=ten j2=ten m1=na",
        NULL});
    /* j1: ten, ten (dk left out): top; m1: 4, 4 (1 na of 3 left out):
     * top; j2: (10 + 2 + 10) / 3 = 7.33: not */
    assert_true(res->items[j1].top);
    assert_int_equal(res->items[j1].nunknown, 1);
    assert_true(res->items[m1].top);
    assert_false(res->items[j2].top);
    assert_int_equal(res->items[j2].level, J_TWO);
    assert_list(res->strengths, res->nstrengths, LIST(j1, m1));
    assert_list(res->priorities, res->npriorities, LIST(j2));
}

/* ## Gains and priorities */

#define PLAN "Town a1=1 a2=2 a3=3 b1=unknown c1=2 c2=0 c3=3 j1=dk m1="

static void test_gains_and_priorities(void **state)
{
    fixture *f = *state;
    const assess_result *res = score1(f, PLAN);
    /* B (b1 unknown) and M (j1 dk, m1 empty) have no score.
     *   S_A = 100 · (1 · 0.25 + 3 · 0.5 + 1 · 0.75) / 5 = 50
     *   S_C = 100 · (0.2 · 0.5 + 0.7 · 0 + 0.1 · 0.75) / 1 = 17.5
     *   I = (50 + 17.5) / 2 = 33.75 → 33.8, provisional */
    assert_score(&res->dimensions[A].score, 50.0, 50.0, "s50");
    assert_score(&res->dimensions[C].score, 17.5, 17.5, "s0");
    assert_score(&res->overall, 33.75, 33.8, "s25");
    assert_true(res->provisional);
    /* Σ W = 2; every step is 1 point of 4:
     *   a1 = 100 · (1/2) · 1 / 4 / 5 = 2.5     a2 = 100 · (1/2) · 3 / 4 / 5 = 7.5
     *   a3 = 2.5                               c1 = 100 · (1/2) · 0.2 / 4 / 1 = 2.5
     *   c2 = 100 · (1/2) · 0.7 / 4 = 8.75      c3 = 100 · (1/2) · 0.1 / 4 = 1.25 */
    assert_near(res->items[a1].gain, 2.5);
    assert_near(res->items[a2].gain, 7.5);
    assert_near(res->items[a3].gain, 2.5);
    assert_near(res->items[c1].gain, 2.5);
    assert_near(res->items[c2].gain, 8.75);
    assert_near(res->items[c3].gain, 1.25);
    /* gaps first in item order, then by gain; c1's 2.5 comes out of the
     * doubles as 2.5000000000000004 and still ties after a1 and a3 */
    assert_list(res->priorities, res->npriorities, LIST(b1, j1, m1, c2, a2, a1, a3, c1, c3));
    assert_int_equal(res->ngaps, 3);
    assert_int_equal(res->items[b1].priority, 1);
    assert_int_equal(res->items[c2].priority, 4);
    assert_int_equal(res->items[c1].priority, 8);
    assert_int_equal(res->nstrengths, 0);
}

static void test_gain_is_the_rise_of_the_index(void **state)
{
    fixture *f = *state;
    static const struct {
        size_t item;
        const char *up; /* one level up */
    } steps[] = {{a1, "a1=2"}, {a2, "a2=3"}, {a3, "a3=4"},
                 {c1, "c1=3"}, {c2, "c2=1"}, {c3, "c3=4"}};
    for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
        const assess_result *res = score1(f, PLAN);
        double before = res->overall.value;
        double gain = res->items[steps[k].item].gain;
        assert_true(res->items[steps[k].item].has_gain);
        char spec[256];
        snprintf(spec, sizeof spec, "%s %s", PLAN, steps[k].up);
        res = score1(f, spec);
        assert_near(res->overall.value - before, gain);
    }
}

static void test_scores_only(void **state)
{
    fixture *f = *state;
    const assess_result *full = score1(f, PLAN);
    double overall = full->overall.value;
    assess_result res;
    assert_int_equal(assess_result_init(&res, f->q), ASSESS_OK);
    assess_score_compute_scores(f->r, 0, &res);
    assert_true(res.overall.value == overall);
    assert_true(res.dimensions[C].score.value == full->dimensions[C].score.value);
    assert_int_equal(res.npriorities, 0);
    assert_int_equal(res.nstrengths, 0);
    assert_false(res.items[a1].has_gain);
    assess_result_cleanup(&res);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_item_and_dimension_weights),
        T(test_na_removes_the_item),
        T(test_unknown_and_missing_lower_coverage),
        T(test_dimension_without_scored_item_is_insufficient),
        T(test_coverage_exactly_at_min_coverage),
        T(test_coverage_just_below_min_coverage),
        T(test_round1),
        T(test_rounding_at_a_stage_boundary),
        T(test_rounding_half_away_from_zero),
        T(test_mean_points_and_reported_level),
        T(test_gains_from_mean_points),
        T(test_na_needs_more_than_half_of_all_respondents),
        T(test_minority_na_and_unknown_is_a_gap),
        T(test_minority_na_alone_is_missing),
        T(test_no_scored_item_insufficient_even_at_min_coverage_0),
        T(test_strength_needs_every_scored_answer_at_top),
        T(test_gains_and_priorities),
        T(test_gain_is_the_rise_of_the_index),
        T(test_scores_only),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
