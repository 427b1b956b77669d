/*
 * test_cohort.c — benchmark statistics (docs/benchmark.md) against hand-worked
 * values: type-7 quantiles, percentile ranks with ties, suppression of
 * small groups and thin measures, paired change, shares of item levels,
 * statistics over the printed scores, duplicates across files, and the
 * tidy CSV of `assess benchmark` read back row by row.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "read.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define DIR TEST_DATA "/cohort"

/* ## Primitives */

static void test_quantiles(void **state)
{
    (void)state;
    const int32_t v[] = {10, 20, 30, 40}; /* 1, 2, 3, 4 */
    assert_int_equal(assess_cohort_quantile(v, 4, 25), 1750);
    assert_int_equal(assess_cohort_quantile(v, 4, 50), 2500);
    assert_int_equal(assess_cohort_quantile(v, 4, 90), 3700);
    assert_int_equal(assess_cohort_quantile(v, 4, 10), 1300);
    assert_int_equal(assess_cohort_quantile(v, 4, 0), 1000);
    assert_int_equal(assess_cohort_quantile(v, 4, 100), 4000);
    const int32_t one[] = {613};
    assert_int_equal(assess_cohort_quantile(one, 1, 90), 61300);
    /* 0.1 apart with p25 over 6 values: h = 1.25 */
    const int32_t w[] = {0, 1, 2, 3, 4, 5};
    assert_int_equal(assess_cohort_quantile(w, 6, 25), 125);
}

static void test_ranks(void **state)
{
    (void)state;
    const int32_t v[] = {100, 200, 200, 300};
    assert_true(assess_cohort_rank_of(v, 4, 200) == 50.0); /* (1 + 0.5·2) / 4 */
    assert_true(assess_cohort_rank_of(v, 4, 100) == 12.5);
    assert_true(assess_cohort_rank_of(v, 4, 300) == 87.5);
    assert_true(assess_cohort_rank_of(v, 4, 250) == 75.0); /* not in the cohort */
    assert_true(assess_cohort_rank_of(v, 4, 50) == 0.0);
    assert_true(assess_cohort_rank_of(v, 4, 999) == 100.0);
    const int32_t e[] = {1, 2, 3, 4, 5, 6, 7, 8};
    /* (4 + 0.5) / 8 = 56.25 exactly: half away from zero gives 56.3 */
    assert_true(assess_cohort_rank_of(e, 8, 5) == 56.3);
    const int32_t t[] = {5, 5, 5};
    assert_true(assess_cohort_rank_of(t, 3, 5) == 50.0);
    const int32_t third[] = {1, 2, 3};
    assert_true(assess_cohort_rank_of(third, 3, 1) == 16.7); /* 16.666… */
}

static void test_value_format(void **state)
{
    (void)state;
    char buf[32];
    assess_cohort_row r = {.value = 1.75};
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "1.75");
    r.value = -2;
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "-2");
    r.value = 62.125;
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "62.125");
    r.value = -0.05;
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "-0.05");
    r.value = 0;
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "0");
    r.text = "fewer than 5";
    assert_string_equal(assess_cohort_value_format(&r, buf, sizeof buf), "fewer than 5");
}

static void test_cycles_and_bands(void **state)
{
    (void)state;
    assert_true(assess_cohort_cycle_cmp("2025", "2026") < 0);
    assert_true(assess_cohort_cycle_cmp("2025-9", "2025-10") < 0);
    assert_true(assess_cohort_cycle_cmp("2026", "2025-26") > 0);
    assert_true(assess_cohort_cycle_cmp("", "2025") < 0);
    assert_true(assess_cohort_cycle_cmp("01", "1") != 0);
    assert_int_equal(assess_cohort_cycle_cmp("spring 2026", "spring 2026"), 0);
    double b[8];
    assert_int_equal(assess_cohort_bands_parse("10000,50000,100000,250000", b, 8), 4);
    assert_true(b[0] == 10000 && b[3] == 250000);
    assert_int_equal(assess_cohort_bands_parse("50000,10000", b, 8), 0);
    assert_int_equal(assess_cohort_bands_parse("10000,", b, 8), 0);
    assert_int_equal(assess_cohort_bands_parse("ten", b, 8), 0);
    assert_int_equal(assess_cohort_bands_parse("1.5", b, 8), 0);
    assert_int_equal(assess_cohort_bands_parse("", b, 8), 0);
}

/* ## A small cohort (tests/data/cohort/cohort.csv; values worked in the
 * comments) */

typedef struct {
    assess_diags d;
    assess_questionnaire *q;
    assess_responses *r;
    assess_cohort *c;
    assess_cohort_stats *s;
    char **rows; /* "cycle|by|group|measure|statistic=value" */
    size_t nrows, cap;
} fixture;

static void load(fixture *f, const char *const *files)
{
    memset(f, 0, sizeof *f);
    assess_diags_init(&f->d);
    assert_int_equal(assess_questionnaire_load(DIR "/q", &f->q, &f->d), ASSESS_OK);
    assert_int_equal(assess_responses_new(f->q, &f->r), ASSESS_OK);
    for (size_t k = 0; files[k]; k++)
        assert_int_equal(assess_responses_add_file(f->r, files[k], &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_build(f->r, &f->c, &f->d), ASSESS_OK);
}

static int collect(const assess_cohort_row *row, void *ud)
{
    fixture *f = ud;
    char value[64], line[512];
    assess_cohort_value_format(row, value, sizeof value);
    snprintf(line, sizeof line, "%s|%s|%s|%s|%s=%s", row->cycle, row->group_by, row->group,
             row->measure, row->statistic, value);
    if (f->nrows == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 256;
        f->rows = realloc(f->rows, f->cap * sizeof *f->rows);
        assert_non_null(f->rows);
    }
    f->rows[f->nrows++] = strdup(line);
    return 0;
}

static void stats(fixture *f, const assess_cohort_spec *spec)
{
    assert_int_equal(assess_cohort_stats_compute(f->c, spec, &f->s, &f->d), ASSESS_OK);
    assert_int_equal(assess_cohort_stats_rows(f->s, collect, f), 0);
}

/* The value of one figure, or NULL when there is no such row. */
static const char *figure(const fixture *f, const char *key)
{
    size_t n = strlen(key);
    for (size_t i = 0; i < f->nrows; i++) {
        if (strncmp(f->rows[i], key, n) == 0 && f->rows[i][n] == '=')
            return f->rows[i] + n + 1;
    }
    return NULL;
}

#define FIG(f, key, want) assert_string_equal(figure(f, key) ? figure(f, key) : "(none)", want)
#define NOFIG(f, key)     assert_null(figure(f, key))

static void unload(fixture *f)
{
    for (size_t i = 0; i < f->nrows; i++)
        free(f->rows[i]);
    free(f->rows);
    assess_cohort_stats_free(f->s);
    assess_cohort_free(f->c);
    assess_responses_free(f->r);
    assess_questionnaire_free(f->q);
    assess_diags_cleanup(&f->d);
}

static void test_statistics(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    assert_int_equal(f.c->ncycles, 2);
    assert_string_equal(f.c->cycles[1], "2026");
    const char *by[] = {"region"};
    stats(&f, &(assess_cohort_spec){.nby = 1, .by = by});
    assert_string_equal(f.s->cycle, "2026");
    assert_string_equal(f.s->previous, "2025");
    FIG(&f, "2026|all|all|overall|previous_cycle", "2025");
    /* overall, printed: E1 100, E2 41.7, E3 6.3, E4 70.8, E6 29.2; E5 none */
    FIG(&f, "2026|all|all|overall|entities", "6");
    FIG(&f, "2026|all|all|overall|n", "5");
    FIG(&f, "2026|all|all|overall|min", "6.3");
    FIG(&f, "2026|all|all|overall|p10", "15.46"); /* 6.3 + 0.4·22.9 */
    FIG(&f, "2026|all|all|overall|p25", "29.2");
    FIG(&f, "2026|all|all|overall|median", "41.7");
    FIG(&f, "2026|all|all|overall|p75", "70.8");
    FIG(&f, "2026|all|all|overall|p90", "88.32"); /* 70.8 + 0.6·29.2 */
    FIG(&f, "2026|all|all|overall|max", "100");
    /* over the printed scores: 248.0 / 5; the unrounded mean is 49.583 */
    FIG(&f, "2026|all|all|overall|mean", "49.6");
    /* dimension A: 100, 50, 12.5, 75 (a2 alone), 25; E5 all na */
    FIG(&f, "2026|all|all|dimension:A|n", "5");
    FIG(&f, "2026|all|all|dimension:A|p10", "17.5");
    FIG(&f, "2026|all|all|dimension:A|p90", "90");
    FIG(&f, "2026|all|all|dimension:A|mean", "52.5");
    FIG(&f, "2026|all|all|theme:A/core|median", "50");
    /* B: 100, 33.3, 0, 66.7, 33.3 → 233.3 / 5 (unrounded: 46.667) */
    FIG(&f, "2026|all|all|dimension:B|mean", "46.66");
    FIG(&f, "2026|all|all|dimension:B|median", "33.3");
    /* regions of 4 and 2 with min_group_size 5: nothing but the note */
    FIG(&f, "2026|region|North|overall|suppressed", "5");
    NOFIG(&f, "2026|region|North|overall|entities");
    NOFIG(&f, "2026|region|North|overall|n");
    FIG(&f, "2026|region|South|item:a1|suppressed", "5");
    NOFIG(&f, "2026|region|South|item:a1|share:4");
    /* paired change needs 5 pairs; there are 3 */
    FIG(&f, "2026|all|all|overall|change:entities", "3");
    FIG(&f, "2026|all|all|overall|change:n", "3");
    FIG(&f, "2026|all|all|overall|change:suppressed", "5");
    NOFIG(&f, "2026|all|all|overall|change:mean");
    /* size bands from the questionnaire: 1000,10000 */
    FIG(&f, "2026|size|under 1,000|overall|suppressed", "5");
    FIG(&f, "2026|size|1,000\xE2\x80\x93" "9,999|overall|suppressed", "5");
    FIG(&f, "2026|size|10,000 and over|overall|suppressed", "5");
    FIG(&f, "2026|size|(not given)|overall|suppressed", "5");
    size_t sizes = 0;
    for (size_t g = 0; g < f.s->ngroups; g++) {
        if (strcmp(f.s->groups[g].by, "size") != 0)
            continue;
        static const size_t want[] = {1, 3, 1, 1}; /* E1 | E2 E4 E6 | E3 | E5 */
        assert_int_equal(f.s->groups[g].entities, want[sizes]);
        sizes++;
    }
    assert_int_equal(sizes, 4);
    unload(&f);
}

static void test_shares(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    stats(&f, &(assess_cohort_spec){0});
    /* a1: 4, 2, 0, unknown, na, 1 over 6 entities */
    FIG(&f, "2026|all|all|item:a1|entities", "6");
    FIG(&f, "2026|all|all|item:a1|share:0", "16.667");
    FIG(&f, "2026|all|all|item:a1|share:3", "0");
    FIG(&f, "2026|all|all|item:a1|share:4", "16.667");
    FIG(&f, "2026|all|all|item:a1|share:na", "16.667");
    FIG(&f, "2026|all|all|item:a1|share:unknown", "16.667");
    FIG(&f, "2026|all|all|item:a1|share:missing", "0");
    /* a2: 4, 2, 1, 3, na, empty */
    FIG(&f, "2026|all|all|item:a2|share:missing", "16.667");
    /* b1's scale has no na or unknown: 3, 1, 0, 2, empty, 1 */
    FIG(&f, "2026|all|all|item:b1|share:1", "33.333");
    FIG(&f, "2026|all|all|item:b1|share:missing", "16.667");
    NOFIG(&f, "2026|all|all|item:b1|share:na");
    NOFIG(&f, "2026|all|all|item:b1|share:unknown");
    unload(&f);
}

static void test_thin_measure(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    /* 6 entities is enough, but only 5 have an overall score */
    stats(&f, &(assess_cohort_spec){.min_group_size = 6});
    FIG(&f, "2026|all|all|overall|entities", "6");
    FIG(&f, "2026|all|all|overall|n", "5");
    FIG(&f, "2026|all|all|overall|suppressed", "6");
    NOFIG(&f, "2026|all|all|overall|median");
    FIG(&f, "2026|all|all|item:a1|share:4", "16.667");
    unload(&f);
}

static void test_change(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    const char *by[] = {"region"};
    stats(&f, &(assess_cohort_spec){.nby = 1, .by = by, .min_group_size = 3});
    /* pairs: E1 87.5 → 100, E2 41.7 → 41.7, E3 12.5 → 6.3; E4–E6 are
     * new and E7 left, so none of them counts */
    FIG(&f, "2026|all|all|overall|change:entities", "3");
    FIG(&f, "2026|all|all|overall|change:n", "3");
    FIG(&f, "2026|all|all|overall|change:min", "-6.2");
    FIG(&f, "2026|all|all|overall|change:p25", "-3.1");
    FIG(&f, "2026|all|all|overall|change:median", "0");
    FIG(&f, "2026|all|all|overall|change:p75", "6.25");
    FIG(&f, "2026|all|all|overall|change:max", "12.5");
    FIG(&f, "2026|all|all|overall|change:mean", "2.1");
    FIG(&f, "2026|all|all|overall|change:rose", "1");
    FIG(&f, "2026|all|all|overall|change:fell", "1");
    FIG(&f, "2026|all|all|overall|change:same", "1");
    /* B: 100 → 100, 33.3 → 33.3, 0 → 0 */
    FIG(&f, "2026|all|all|dimension:B|change:same", "3");
    FIG(&f, "2026|region|North|overall|entities", "4");
    FIG(&f, "2026|region|North|overall|change:entities", "3");
    FIG(&f, "2026|region|North|overall|change:mean", "2.1");
    FIG(&f, "2026|region|South|overall|suppressed", "3");
    unload(&f);

    /* The earlier cycle has no previous one: no change rows at all. */
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    stats(&f, &(assess_cohort_spec){.cycle = "2025", .min_group_size = 2});
    NOFIG(&f, "2025|all|all|overall|previous_cycle");
    NOFIG(&f, "2025|all|all|overall|change:n");
    FIG(&f, "2025|all|all|overall|entities", "4");
    FIG(&f, "2025|all|all|overall|median", "64.6"); /* 12.5, 41.7, 87.5, 100 */
    unload(&f);
}

static void test_ranks_of_result(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    assess_result res;
    assert_int_equal(assess_result_init(&res, f.q), ASSESS_OK);
    size_t e2 = ASSESS_NONE;
    for (size_t i = 0; i < f.r->nassessments; i++) {
        if (!strcmp(f.r->assessments[i].entity, "E2") && !strcmp(f.r->assessments[i].cycle, "2026"))
            e2 = i;
    }
    assess_score_compute(f.r, e2, &res);
    assess_cohort_rank ranks[8];
    assert_true(f.c->nmeasures <= 8);
    size_t ci = assess_cohort_cycle_find(f.c, "2026");
    assess_cohort_ranks(f.c, ci, &res, 0, ranks);
    /* overall 41.7 among 6.3, 29.2, 41.7, 70.8, 100 */
    assert_true(ranks[ASSESS_COHORT_OVERALL].defined);
    assert_true(ranks[ASSESS_COHORT_OVERALL].rank == 50.0);
    /* B 33.3 among 0, 33.3, 33.3, 66.7, 100: (1 + 0.5·2) / 5 */
    assert_true(ranks[2].defined && ranks[2].rank == 40.0);
    /* the 2025 cycle has 4 overall scores: fewer than 5, no rank */
    assess_cohort_ranks(f.c, assess_cohort_cycle_find(f.c, "2025"), &res, 0, ranks);
    assert_false(ranks[ASSESS_COHORT_OVERALL].defined);
    assess_cohort_ranks(f.c, assess_cohort_cycle_find(f.c, "2025"), &res, 4, ranks);
    assert_true(ranks[ASSESS_COHORT_OVERALL].defined);
    /* 41.7 among 12.5, 41.7, 87.5, 100 */
    assert_true(ranks[ASSESS_COHORT_OVERALL].rank == 37.5);
    assess_result_cleanup(&res);
    unload(&f);
}

static const assess_cohort_member *member(const assess_cohort *c, const char *entity,
                                          const char *cycle)
{
    for (size_t i = 0; i < c->nmembers; i++) {
        if (!strcmp(c->members[i].entity, entity) && !strcmp(c->members[i].cycle, cycle))
            return &c->members[i];
    }
    return NULL;
}

/* The same entity and cycle in two files: respondents of one assessment,
 * the rule `assess score` follows, so both commands give the same score. */
static void test_duplicates(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", DIR "/resubmit.csv", NULL});
    assert_int_equal(f.d.errors, 0);
    assert_int_equal(f.d.count, 0);
    const assess_cohort_member *m = member(f.c, "E6", "2026");
    assert_non_null(m);
    assert_int_equal(m->nrespondents, 2);
    assert_int_equal(f.c->cycle_count[1], 6);
    assess_result res;
    assert_int_equal(assess_result_init(&res, f.r->q), ASSESS_OK);
    assess_score_compute(f.r, m->assessment, &res);
    assert_int_equal(res.nrespondents, 2);
    assert_int_equal(f.c->tenths[(size_t)(m - f.c->members) * f.c->nmeasures],
                     (int32_t)llround(res.overall.rounded * 10));
    assess_result_cleanup(&res);
    unload(&f);

    /* the order of the files changes nothing */
    load(&f, (const char *[]){DIR "/resubmit.csv", DIR "/cohort.csv", NULL});
    m = member(f.c, "E6", "2026");
    assert_int_equal(m->nrespondents, 2);
    int32_t one = f.c->tenths[(size_t)(m - f.c->members) * f.c->nmeasures];
    unload(&f);
    load(&f, (const char *[]){DIR "/cohort.csv", DIR "/resubmit.csv", NULL});
    m = member(f.c, "E6", "2026");
    assert_int_equal(f.c->tenths[(size_t)(m - f.c->members) * f.c->nmeasures], one);
    unload(&f);

    load(&f, (const char *[]){DIR "/stale.csv", NULL});
    assert_int_equal(f.d.count, 0);
    assert_int_equal(member(f.c, "E6", "2026")->nrespondents, 2);
    unload(&f);
}

static void test_usage_errors(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    assess_cohort_stats *s = NULL;
    assert_int_equal(assess_cohort_stats_compute(f.c, &(assess_cohort_spec){.cycle = "2030"},
                                                 &s, &f.d),
                     ASSESS_ERR_USAGE);
    assert_null(s);
    const char *by[] = {"county"};
    assert_int_equal(
        assess_cohort_stats_compute(f.c, &(assess_cohort_spec){.nby = 1, .by = by}, &s, &f.d),
        ASSESS_ERR_USAGE);
    assert_int_equal(
        assess_cohort_stats_compute(f.c, &(assess_cohort_spec){.bands = "5,1"}, &s, &f.d),
        ASSESS_ERR_USAGE);
    assert_int_equal(f.d.errors, 3);
    assert_non_null(strstr(f.d.items[0].message, "2025, 2026"));
    /* --bands overrides the questionnaire's */
    stats(&f, &(assess_cohort_spec){.bands = "100000", .min_group_size = 1});
    FIG(&f, "2026|size|under 100,000|overall|entities", "5");
    FIG(&f, "2026|size|100,000 and over|overall|suppressed", "1");
    unload(&f);
}

/* ## The tidy CSV, read back */

typedef struct {
    const fixture *f;
    size_t row; /* data rows seen */
    bool header_ok;
} reader;

static int read_back(const assess_row *row, void *ud)
{
    reader *r = ud;
    assert_int_equal(row->nfields, 7);
    if (row->line == 1) {
        static const char *const want[] = {"cycle",     "group_by", "group", "measure",
                                           "statistic", "value",    "label"};
        for (size_t k = 0; k < 7; k++)
            assert_string_equal(row->fields[k], want[k]);
        r->header_ok = true;
        return 0;
    }
    /* every row as the engine produced it, in the same order */
    assert_true(r->row < r->f->nrows);
    /* value is a number in every row (what pandas and R need), but the
     * previous cycle's, whose name is its label */
    bool previous = strcmp(row->fields[4], "previous_cycle") == 0;
    char *end;
    if (previous) {
        assert_string_equal(row->fields[5], "");
    } else {
        (void)strtod(row->fields[5], &end);
        assert_true(row->fields[5][0] && !*end);
    }
    assert_true(row->fields[6][0] != '\0');
    char line[512];
    snprintf(line, sizeof line, "%s|%s|%s|%s|%s=%s", row->fields[0], row->fields[1],
             row->fields[2], row->fields[3], row->fields[4],
             previous ? row->fields[6] : row->fields[5]);
    assert_string_equal(line, r->f->rows[r->row]);
    r->row++;
    return 0;
}

static void test_csv_read_back(void **state)
{
    (void)state;
    fixture f;
    load(&f, (const char *[]){DIR "/cohort.csv", NULL});
    const char *by[] = {"region"};
    stats(&f, &(assess_cohort_spec){.nby = 1, .by = by, .min_group_size = 3});
    const char *path = "cohort-out.csv";
    FILE *out = fopen(path, "w");
    assert_non_null(out);
    assert_int_equal(assess_cohort_stats_write_csv(f.s, out), ASSESS_OK);
    assert_int_equal(fclose(out), 0);
    reader r = {.f = &f};
    assert_int_equal(assess_csv_read(path, read_back, &r, &f.d), ASSESS_OK);
    assert_true(r.header_ok);
    assert_int_equal(r.row, f.nrows);
    /* a group name with a comma and a non-ASCII dash survives quoting */
    FIG(&f, "2026|size|1,000\xE2\x80\x93" "9,999|overall|entities", "3");
    FILE *in = fopen(path, "r");
    char text[256];
    bool quoted = false;
    while (fgets(text, sizeof text, in))
        quoted |= strncmp(text, "2026,size,\"1,000\xE2\x80\x93" "9,999\",overall,entities,3,Overall index\n",
                          strlen(text)) == 0;
    fclose(in);
    assert_true(quoted);
    unload(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quantiles),       cmocka_unit_test(test_ranks),
        cmocka_unit_test(test_value_format),    cmocka_unit_test(test_cycles_and_bands),
        cmocka_unit_test(test_statistics),      cmocka_unit_test(test_shares),
        cmocka_unit_test(test_thin_measure),    cmocka_unit_test(test_change),
        cmocka_unit_test(test_ranks_of_result), cmocka_unit_test(test_duplicates),
        cmocka_unit_test(test_usage_errors),    cmocka_unit_test(test_csv_read_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
