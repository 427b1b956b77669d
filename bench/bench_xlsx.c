/*
 * bench_xlsx.c — milliseconds per XLSX workbook, in process: a city report
 * (examples/cities/riverton.csv, compared with the shipped 482-city cohort
 * and its own previous cycle when it has one) and the statewide workbook
 * of that cohort by region with every member listed.  Times composing the
 * document and rendering it apart.  Prints figures and checks nothing; it
 * is not a test.  Usage: bench_xlsx [N] (default 50 of each) [DIR] (default /tmp).
 */
#define _POSIX_C_SOURCE 200809L

#include "city.h"
#include "state.h"
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

static int fail(const char *what, assess_diags *d)
{
    fprintf(stderr, "bench_xlsx: %s failed\n", what);
    for (size_t k = 0; k < d->count && k < 5; k++) {
        char line[512];
        assess_diag_format(&d->items[k], line, sizeof line);
        fprintf(stderr, "  %s\n", line);
    }
    return 1;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 50;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    if (n < 1)
        n = 1;
    char city_path[512], state_path[512], err[512];
    snprintf(city_path, sizeof city_path, "%s/bench-xlsx-city.xlsx", dir);
    snprintf(state_path, sizeof state_path, "%s/bench-xlsx-state.xlsx", dir);

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *cohort_r = NULL, *city_r = NULL;
    assess_cohort *c = NULL;
    assess_cohort_stats *s = NULL;
    const char *by[] = {"region"};
    if (assess_questionnaire_load(QUESTIONNAIRE, &q, &d) != ASSESS_OK)
        return fail("loading the questionnaire", &d);
    if (assess_responses_new(q, &cohort_r) != ASSESS_OK ||
        assess_responses_add_file(cohort_r, COHORT, &d) != ASSESS_OK ||
        assess_cohort_build(cohort_r, &c, &d) != ASSESS_OK ||
        assess_cohort_stats_compute(c, &(assess_cohort_spec){.nby = 1, .by = by}, &s, &d) !=
            ASSESS_OK)
        return fail("reading the cohort", &d);
    if (assess_responses_new(q, &city_r) != ASSESS_OK ||
        assess_responses_add_file(city_r, CITY, &d) != ASSESS_OK)
        return fail("reading the city", &d);

    /* the city: its latest assessment, ranked in the cohort */
    size_t latest = city_r->nassessments - 1;
    assess_result res;
    if (assess_result_init(&res, q) != ASSESS_OK)
        return fail("scoring", &d);
    assess_score_compute(city_r, latest, &res);
    assess_cohort_rank *ranks = calloc(c->nmeasures, sizeof *ranks);
    if (!ranks)
        return fail("allocating", &d);
    assess_cohort_ranks(c, s->cycle_index, &res, 0, ranks);
    city_options copt = {.created = 1795000000,
                         .benchmark = s,
                         .ranks = ranks,
                         .region_column = "region"};
    state_options sopt = {.created = 1795000000, .list_members = true};

    double compose = 0, render = 0;
    for (int k = 0; k < n; k++) {
        double t0 = now_ms();
        report_doc *doc = city_report_new(city_r, &res, &copt);
        double t1 = now_ms();
        if (!doc || xlsx_render(doc, city_path, err, sizeof err) != 0) {
            fprintf(stderr, "bench_xlsx: %s\n", doc ? err : "out of memory");
            return 1;
        }
        render += now_ms() - t1;
        compose += t1 - t0;
        doc_free(doc);
    }
    printf("city workbook (%s, %ld bytes):\n", CITY, file_size(city_path));
    printf("  compose %8.3f ms   xlsx_render %8.3f ms   (mean of %d)\n", compose / n, render / n,
           n);

    compose = render = 0;
    size_t sheets = 0;
    for (int k = 0; k < n; k++) {
        double t0 = now_ms();
        report_doc *doc = state_report_new(s, &sopt);
        double t1 = now_ms();
        if (!doc || xlsx_render(doc, state_path, err, sizeof err) != 0) {
            fprintf(stderr, "bench_xlsx: %s\n", doc ? err : "out of memory");
            return 1;
        }
        render += now_ms() - t1;
        compose += t1 - t0;
        sheets = 0;
        for (size_t b = 0; b < doc->nblocks; b++)
            sheets += doc->blocks[b].kind == DOC_TABLE && doc->blocks[b].table.sheet;
        doc_free(doc);
    }
    printf("statewide workbook (%zu entities, by region, %zu sheets, %ld bytes):\n",
           s->groups[0].entities, sheets, file_size(state_path));
    printf("  compose %8.3f ms   xlsx_render %8.3f ms   (mean of %d)\n", compose / n, render / n,
           n);

    free(ranks);
    assess_result_cleanup(&res);
    assess_cohort_stats_free(s);
    assess_cohort_free(c);
    assess_responses_free(city_r);
    assess_responses_free(cohort_r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    remove(city_path);
    remove(state_path);
    return 0;
}
