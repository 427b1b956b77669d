/*
 * test_versions.c — change between two versions of a questionnaire
 * (docs/scoring.md, "Change between versions") and the version
 * a responses file fits when it names none (docs/formats.md), on the shipped
 * gare-local 1.0.0 and 1.1.0.
 *
 * The versions share 24 items: the same id and the same scored choices
 * (0–4, points 0–4).  1.0's generic scale has `na`, 1.1's per-item scales
 * do not; unscored choices do not matter.  Weights of the shared items
 * (the same in both versions): Normalize lead_resolution 2 and nine
 * others 1 (Σ 11); Organize acct_plan 2 and seven others 1 (Σ 9);
 * Operationalize tool_budget 2, svc_data 2 and four others 1 (Σ 8).
 * team_core's scale (equity_team) tops at 3 points; the others at 4.
 *
 * Testville, 2025 on 1.0.0: every item 2, lead_resolution 4, and every
 * item 1.1 lacks 0.  On the shared items:
 *   Normalize      (2·4/4 + 9·2/4) / 11 = 6.5 / 11 = 59.0909… → 59.1
 *   Organize       (7 · 2/4 + team_core 2/3) / 9 = (14/3) / 9 = 51.851… → 51.9
 *   Operationalize all 2/4 → 50.0
 *   overall        (59.0909… + 51.8518… + 50) / 3 = 53.6476… → 53.6
 * Testville, 2026 on 1.1.0: every item 3, svc_data 1, every item 1.0
 * lacks 4.  On the shared items:
 *   Normalize      all 3/4 → 75.0
 *   Organize       (8 · 3/4 + team_core 3/3) / 9 = 7 / 9 = 77.777… → 77.8
 *   Operationalize weights 1+2+1+1+1 = 6 at 3/4 and svc_data 2 at 1/4:
 *                  (4.5 + 0.5) / 8 = 0.625 → 62.5
 *   overall        (75 + 77.7777… + 62.5) / 3 = 71.7592… → 71.8
 * Change, printed minus printed: overall +18.2, Normalize +15.9,
 * Organize +25.9, Operationalize +12.5.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "run.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define V10 SOURCE_DIR "/questionnaires/gare-local-1.0"
#define V11 SOURCE_DIR "/questionnaires/gare-local"

typedef struct {
    assess_diags d;
    assess_questionnaire *q10, *q11;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    assess_diags_init(&f->d);
    assert_int_equal(assess_questionnaire_load(V10, &f->q10, &f->d), ASSESS_OK);
    assert_int_equal(assess_questionnaire_load(V11, &f->q11, &f->d), ASSESS_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    assess_questionnaire_free(f->q10);
    assess_questionnaire_free(f->q11);
    assess_diags_cleanup(&f->d);
    free(f);
    return 0;
}

/* A one-row wide file for q: every item `all`, items of `other` not in
 * q `own`, and one item set apart.  with_q adds the questionnaire column. */
static const char *entity_name = "Testville";

static void write_answers(const char *path, const assess_questionnaire *q,
                       const assess_questionnaire *other, bool with_q, const char *cycle,
                       const char *all, const char *own, const char *special,
                       const char *special_answer)
{
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    fprintf(out, "entity%s,cycle", with_q ? ",questionnaire" : "");
    for (size_t i = 0; i < q->nitems; i++)
        fprintf(out, ",%s", q->items[i].id);
    fprintf(out, "\n%s%s%s%s,%s", entity_name, with_q ? "," : "", with_q ? q->id : "",
            with_q ? (strcmp(q->version, "1.0.0") ? "@1.1.0" : "@1.0.0") : "", cycle);
    for (size_t i = 0; i < q->nitems; i++) {
        const char *id = q->items[i].id;
        const char *a = strcmp(id, special) == 0 ? special_answer
                        : assess_questionnaire_item_find(other, id) == ASSESS_NONE ? own
                                                                                   : all;
        fprintf(out, ",%s", a);
    }
    fputc('\n', out);
    assert_int_equal(fclose(out), 0);
}

static void load_and_score(fixture *f, const assess_questionnaire *q, const char *path,
                           assess_responses **r, assess_result *res)
{
    assert_int_equal(assess_responses_new(q, r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(*r, path, &f->d), ASSESS_OK);
    assert_int_equal(f->d.errors, 0);
    assert_int_equal((*r)->nassessments, 1);
    assert_int_equal(assess_result_init(res, q), ASSESS_OK);
    assess_score_compute(*r, 0, res);
}

#define assert_near(x, want) assert_true(fabs((x) - (want)) < 1e-9)

static void test_shared_items(void **state)
{
    fixture *f = *state;
    size_t map[64];
    assert_true(f->q10->nitems <= 64);
    assert_int_equal(assess_questionnaire_shared(f->q10, f->q11, map), 24);
    assert_int_equal(assess_questionnaire_shared(f->q11, f->q10, NULL), 24);
    assert_int_equal(assess_questionnaire_shared(f->q11, f->q11, NULL), f->q11->nitems);
    size_t i = assess_questionnaire_item_find(f->q10, "svc_fines");
    assert_string_equal(f->q11->items[map[i]].id, "svc_fines");
    /* replaced: same meaning, a new id, not shared */
    assert_int_equal(map[assess_questionnaire_item_find(f->q10, "buy_spend")], ASSESS_NONE);
    assert_int_equal(map[assess_questionnaire_item_find(f->q10, "data_standards")], ASSESS_NONE);
}

static void test_change_across_versions(void **state)
{
    fixture *f = *state;
    char p25[] = "/tmp/test_versions-25-XXXXXX", p26[] = "/tmp/test_versions-26-XXXXXX";
    assert_true(mkstemp(p25) >= 0 && mkstemp(p26) >= 0);
    write_answers(p25, f->q10, f->q11, true, "2025", "2", "0", "lead_resolution", "4");
    write_answers(p26, f->q11, f->q10, true, "2026", "3", "4", "svc_data", "1");
    assess_responses *r25, *r26;
    assess_result a, b;
    load_and_score(f, f->q10, p25, &r25, &a);
    load_and_score(f, f->q11, p26, &r26, &b);
    assess_change c;
    assert_int_equal(assess_change_compute(&a, &b, &c), ASSESS_OK);
    assert_int_equal(c.nshared, 24);
    assert_false(c.whole);
    assert_true(c.before.q == f->q11 && c.after.q == f->q11);
    assert_near(c.before.dimensions[0].score.value, 650.0 / 11.0);
    assert_near(c.before.dimensions[0].score.rounded, 59.1);
    assert_near(c.before.dimensions[1].score.value, 1400.0 / 27.0);
    assert_near(c.before.dimensions[1].score.rounded, 51.9);
    assert_near(c.before.dimensions[2].score.value, 50.0);
    assert_near(c.before.overall.value, (650.0 / 11.0 + 1400.0 / 27.0 + 50.0) / 3.0);
    assert_near(c.before.overall.rounded, 53.6);
    assert_near(c.after.dimensions[0].score.value, 75.0);
    assert_near(c.after.dimensions[1].score.value, 700.0 / 9.0);
    assert_near(c.after.dimensions[2].score.value, 62.5);
    assert_near(c.after.overall.rounded, 71.8);
    static const double change[4] = {18.2, 15.9, 25.9, 12.5};
    for (size_t m = 0; m < 4; m++) {
        const assess_score *now = m ? &c.after.dimensions[m - 1].score : &c.after.overall;
        const assess_score *was = m ? &c.before.dimensions[m - 1].score : &c.before.overall;
        assert_near(assess_round1(now->rounded - was->rounded), change[m]);
    }
    /* the full scores are another matter: 1.0 had 12 more items at 0 */
    assert_true(a.overall.rounded < c.before.overall.rounded);
    /* every 1.1-only item is left out, not counted as missing */
    assert_false(c.after.provisional);
    assess_change_cleanup(&c);

    /* one version: the whole results */
    assert_int_equal(assess_change_compute(&b, &b, &c), ASSESS_OK);
    assert_true(c.whole);
    assert_int_equal(c.nshared, f->q11->nitems);
    assert_near(c.before.overall.value, b.overall.value);
    assert_near(c.after.dimensions[2].score.value, b.dimensions[2].score.value);
    assess_change_cleanup(&c);

    assess_result_cleanup(&a);
    assess_result_cleanup(&b);
    assess_responses_free(r25);
    assess_responses_free(r26);
    unlink(p25);
    unlink(p26);
}

/* The files without a questionnaire column: a 1.0 file fits 1.0 only, a
 * 1.1 file 1.1 only, a file of shared items both, a file of no item
 * neither. */
static void test_fit(void **state)
{
    fixture *f = *state;
    const assess_questionnaire *qs[2] = {f->q10, f->q11};
    bool fits[2];
    char p[] = "/tmp/test_versions-fit-XXXXXX";
    assert_true(mkstemp(p) >= 0);
    write_answers(p, f->q10, f->q11, false, "2025", "2", "0", "", "");
    assert_int_equal(assess_responses_fit(p, qs, 2, fits, &f->d), ASSESS_OK);
    assert_true(fits[0] && !fits[1]);
    write_answers(p, f->q11, f->q10, false, "2026", "2", "0", "", "");
    assert_int_equal(assess_responses_fit(p, qs, 2, fits, &f->d), ASSESS_OK);
    assert_true(!fits[0] && fits[1]);

    FILE *out = fopen(p, "w");
    assert_non_null(out);
    fputs("entity,region,city_info/svc_fines,tool_budget.evidence\nTestville,North,2,memo\n", out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(assess_responses_fit(p, qs, 2, fits, &f->d), ASSESS_OK);
    assert_true(fits[0] && fits[1]);

    out = fopen(p, "w");
    assert_non_null(out);
    fputs("item,answer\n@entity,Testville\ndata_standards,2\nsvc_fines,3\n", out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(assess_responses_fit(p, qs, 2, fits, &f->d), ASSESS_OK);
    assert_true(fits[0] && !fits[1]);

    out = fopen(p, "w");
    assert_non_null(out);
    fputs("entity,region\nTestville,North\n", out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(assess_responses_fit(p, qs, 2, fits, &f->d), ASSESS_OK);
    assert_true(!fits[0] && !fits[1]);
    assert_int_equal(f->d.errors, 0);
    unlink(p);
}

/* The command: a 1.0 file with no questionnaire column scores with 1.0;
 * one that fits both versions asks for -q. */
static void test_cli_fit(void **state)
{
    fixture *f = *state;
    char p[] = "/tmp/test_versions-cli-XXXXXX";
    assert_true(mkstemp(p) >= 0);
    write_answers(p, f->q10, f->q11, false, "2025", "2", "0", "lead_resolution", "4");
    run_result r = run("score", p, "--format", "json", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"version\": \"1.0.0\""));
    run_free(&r);
    /* 1.0 in full, its 12 items that 1.1 lacks at 0: Normalize
     * 6.5 / 13 = 50.0; Organize (14/3) / 13 = 35.897… → 35.9;
     * Operationalize 4 / 14 = 28.571… → 28.6; overall 114.468… / 3 =
     * 38.156… → 38.2; those 12 columns are why the file fits 1.0 only */
    r = run("score", p, "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Testville,2025,38.2,developing,50,established,35.9,"
                                  "developing,28.6,developing"));
    run_free(&r);

    FILE *out = fopen(p, "w");
    assert_non_null(out);
    fputs("entity,svc_fines\nTestville,2\n", out);
    assert_int_equal(fclose(out), 0);
    r = run("score", p, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "fit 2 installed versions"));
    assert_non_null(strstr(r.err, "gare-local@1.0.0"));
    assert_non_null(strstr(r.err, "gare-local@1.1.0"));
    assert_non_null(strstr(r.err, "-q ID@VERSION"));
    run_free(&r);
    r = run("score", "-q", "gare-local@1.0.0", p, "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);

    out = fopen(p, "w");
    assert_non_null(out);
    fputs("entity,region\nTestville,North\n", out);
    assert_int_equal(fclose(out), 0);
    r = run("score", p, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "fit no installed questionnaire"));
    run_free(&r);
    unlink(p);
}

/* A city report: 2026 on 1.1.0 with --previous 2025 on 1.0.0 (the
 * answers of the file comment above).  The change section names the 24
 * shared questions and shows the figures worked out there: before 53.6,
 * 59.1, 51.9, 50.0; now 71.8, 75.0, 77.8, 62.5; change +18.2, +15.9,
 * +25.9, +12.5. */
static void test_report_change_across_versions(void **state)
{
    fixture *f = *state;
    char *dir = temp_dir();
    char p25[600], p26[600], pdf[600];
    snprintf(p25, sizeof p25, "%s/testville-2025.csv", dir);
    snprintf(p26, sizeof p26, "%s/testville-2026.csv", dir);
    snprintf(pdf, sizeof pdf, "%s/testville.pdf", dir);
    write_answers(p25, f->q10, f->q11, true, "2025", "2", "0", "lead_resolution", "4");
    write_answers(p26, f->q11, f->q10, true, "2026", "3", "4", "svc_data", "1");
    run_result r = run("report", p26, "--previous", p25, "-o", pdf, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *argv[] = {"pdftotext", "-layout", pdf, "-", NULL};
    r = run_tool(argv);
    assert_int_equal(r.status, 0);
    char *text = squeeze(r.out);
    const char *at = strstr(text, "Change since cycle 2025");
    assert_non_null(at);
    const char *want[] = {
        "answered version 1.0.0 of the questionnaire and this one version 1.1.0",
        "on the 24 questions the two versions share",
        "Overall index 53.6 71.8 +18.2",
        "Normalize 59.1 75.0 +15.9",
        "Organize 51.9 77.8 +25.9",
        "Operationalize 50.0 62.5 +12.5",
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(at, want[k]))
            fail_msg("missing \"%s\" after the change heading:\n%.3000s", want[k], at);
    run_free(&r);
    remove_dir(dir);
}

/* A cohort across versions (engine): 2025 on 1.0.0, 2026 on 1.1.0.
 * Testville as in the comment at the top: its change on the shared items
 * is 71.8 − 53.6 = +18.2.  Brookfield: 2025 every item 0 (shared: 0.0),
 * 2026 every item 2: Normalize 50.0, Organize (8 · 2/4 + team_core 2/3)
 * / 9 = 51.851… → 51.9, Operationalize 50.0, overall 151.85… / 3 =
 * 50.617… → 50.6; change +50.6.  Change over the two: min 18.2, median
 * and mean (18.2 + 50.6) / 2 = 34.4, max 50.6, both rose.  Then a 2026
 * that mixes versions: Carver answers 1.0.0 in 2026, every item 2:
 * Normalize 50, Organize (12 · 2/4 + team_core 2/3) / 13 = 51.282… → 51.3,
 * Operationalize 50, overall 151.28… / 3 = 50.427… → 50.4.  So 2026 has
 * two entities on 1.1.0 and one on 1.0.0: the overall index is pooled over
 * the three — Brookfield's full 1.1.0 score is Normalize 50, Organize
 * (13 · 2/4 + 2/3) / 14 = 51.190… → 51.2, Operationalize 50, overall
 * 50.396… → 50.4, and Testville's is the highest — so min and median are
 * 50.4; item statistics are over the two on 1.1.0. */
static void test_cohort_across_versions(void **state)
{
    fixture *f = *state;
    char *dir = temp_dir();
    char path[6][700];
    const char *names[6] = {"t25", "b25", "t26", "b26", "c26", "none"};
    for (int k = 0; k < 6; k++)
        snprintf(path[k], sizeof path[k], "%s/%s.csv", dir, names[k]);
    entity_name = "Testville";
    write_answers(path[0], f->q10, f->q11, true, "2025", "2", "0", "lead_resolution", "4");
    write_answers(path[2], f->q11, f->q10, true, "2026", "3", "4", "svc_data", "1");
    entity_name = "Brookfield";
    write_answers(path[1], f->q10, f->q11, true, "2025", "0", "0", "", "");
    write_answers(path[3], f->q11, f->q10, true, "2026", "2", "2", "", "");
    entity_name = "Carver";
    write_answers(path[4], f->q10, f->q11, true, "2026", "2", "2", "", "");
    entity_name = "Testville";

    assess_responses *r10, *r11;
    assert_int_equal(assess_responses_new(f->q10, &r10), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q11, &r11), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r10, path[0], &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r10, path[1], &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r11, path[2], &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r11, path[3], &f->d), ASSESS_OK);
    const assess_responses *sets[2] = {r10, r11};
    assess_cohort *c;
    assert_int_equal(assess_cohort_build_sets(sets, 2, &c, &f->d), ASSESS_OK);
    assert_int_equal(c->nversions, 2);
    assert_true(c->q == f->q11); /* the latest cycle's version */
    assess_cohort_spec spec = {.min_group_size = 1};
    assess_cohort_stats *s;
    assert_int_equal(assess_cohort_stats_compute(c, &spec, &s, &f->d), ASSESS_OK);
    assert_string_equal(s->previous, "2025");
    assert_int_equal(s->change_shared_items, 24);
    const assess_cohort_group *all = &s->groups[0];
    const assess_cohort_summary *ch = &all->change[ASSESS_COHORT_OVERALL];
    assert_int_equal(ch->n, 2);
    assert_near(ch->min, 18.2);
    assert_near(ch->median, 34.4);
    assert_near(ch->mean, 34.4);
    assert_near(ch->max, 50.6);
    assert_int_equal(ch->rose, 2);
    assess_cohort_stats_free(s);
    assess_cohort_free(c);

    /* Carver answers 1.0.0 in 2026 */
    assert_int_equal(assess_responses_add_file(r10, path[4], &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_build_sets(sets, 2, &c, &f->d), ASSESS_OK);
    assert_true(c->q == f->q11); /* two of the three 2026 entities */
    assert_int_equal(assess_cohort_stats_compute(c, &spec, &s, &f->d), ASSESS_OK);
    all = &s->groups[0];
    assert_int_equal(all->entities, 3);
    assert_int_equal(s->version_entities[0], 2); /* 1.1.0 */
    assert_int_equal(s->version_entities[1], 1); /* 1.0.0 */
    assert_true(s->item_q == f->q11);
    assert_int_equal(all->item_entities, 2);
    assert_int_equal(all->scores[ASSESS_COHORT_OVERALL].n, 3);
    assert_near(all->scores[ASSESS_COHORT_OVERALL].min, 50.4);
    assert_near(all->scores[ASSESS_COHORT_OVERALL].median, 50.4);
    assert_true(all->scores[ASSESS_COHORT_OVERALL].max > 71.8);
    /* svc_data over the two on 1.1.0: Testville 1, Brookfield 2 */
    size_t i = assess_questionnaire_item_find(f->q11, "svc_data");
    const assess_cohort_item *it = &s->items[i];
    for (size_t x = 0; x < it->ncategories; x++) {
        double want = !strcmp(it->names[x], "1") || !strcmp(it->names[x], "2") ? 50.0 : 0.0;
        assert_near(all->shares[s->share_offset[i] + x], want);
    }
    /* Carver's own change, 2026 on 1.0.0 against 2025: not paired (it
     * has no 2025); Testville's and Brookfield's as before */
    assert_int_equal(all->change[ASSESS_COHORT_OVERALL].n, 2);
    assess_cohort_stats_free(s);
    assess_cohort_free(c);
    assess_responses_free(r10);
    assess_responses_free(r11);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_shared_items, setup, teardown),
        cmocka_unit_test_setup_teardown(test_change_across_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cli_fit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_report_change_across_versions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cohort_across_versions, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
