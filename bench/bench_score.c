/*
 * bench_score.c — how long scoring a statewide file takes: generates
 * 100,000 synthetic submissions once (gen_cohort), times `assess score
 * --format csv` on them (wall time and peak memory of the child, several
 * runs), then the engine alone, phase by phase, and the cohort statistics.
 */
#define _DEFAULT_SOURCE /* wait4 */

#include "assess.h"
#include "bench_run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNS 5

#ifdef ASSESS_EXE
static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
#endif

static void report_diags(assess_diags *d)
{
    char buf[1024];
    for (size_t k = 0; k < d->count && k < 10; k++) {
        assess_diag_format(&d->items[k], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
}

/* The engine alone: load, score every assessment, build the cohort and
 * its statistics; each phase timed. */
static int engine_alone(const char *qpath, const char *data)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    assess_cohort *c = NULL;
    assess_cohort_stats *s = NULL;
    assess_result res;
    int rc = 1;
    double t0 = bench_now();
    if (assess_questionnaire_load(qpath, &q, &d) != ASSESS_OK || assess_responses_new(q, &r) ||
        assess_responses_add_file(r, data, &d) != ASSESS_OK) {
        report_diags(&d);
        goto done;
    }
    double t1 = bench_now();
    if (assess_result_init(&res, q) != ASSESS_OK)
        goto done;
    double sum = 0;
    for (size_t a = 0; a < r->nassessments; a++) {
        assess_score_compute(r, a, &res);
        sum += res.overall.rounded; /* keep the work observable */
    }
    assess_result_cleanup(&res);
    double t2 = bench_now();
    if (assess_cohort_build(r, &c, &d) != ASSESS_OK) {
        report_diags(&d);
        goto done;
    }
    double t3 = bench_now();
    static const char *const by[] = {"region"};
    if (assess_cohort_stats_compute(c, &(assess_cohort_spec){.nby = 1, .by = by}, &s, &d) !=
        ASSESS_OK) {
        report_diags(&d);
        goto done;
    }
    double t4 = bench_now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("engine alone, %zu submissions, %zu assessments (mean index %.1f):\n",
           r->nsubmissions, r->nassessments, sum / (double)(r->nassessments ? r->nassessments : 1));
    printf("  load questionnaire and responses  %7.3f s\n", t1 - t0);
    printf("  score every assessment            %7.3f s\n", t2 - t1);
    printf("  build the cohort (scores again)   %7.3f s\n", t3 - t2);
    printf("  statistics (all, region, size)    %7.3f s\n", t4 - t3);
    printf("  peak memory of this process       %7.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    rc = 0;
done:
    assess_cohort_stats_free(s);
    assess_cohort_free(c);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    return rc;
}

int main(int argc, char **argv)
{
    const char *qpath = argc > 1 ? argv[1] : QUESTIONNAIRE;
    const char *data = argc > 2 ? argv[2] : "bench-100k.csv";
    long submissions = 100000;
    struct stat st;
    if (stat(data, &st) != 0) {
        char count[32];
        snprintf(count, sizeof count, "%ld", submissions);
        char *gen[] = {GEN_COHORT_EXE, "-q", (char *)qpath, "-o", (char *)data,
                       "--cities", count, "--cycles", "2026", "--multi", "0",
                       "--lean", NULL};
        double secs;
        long kb;
        printf("generating %ld submissions into %s …\n", submissions, data);
        if (bench_run(gen, &secs, &kb) != 0 || stat(data, &st) != 0) {
            fprintf(stderr, "bench_score: gen_cohort failed\n");
            return 1;
        }
    }
    printf("input: %s, %.1f MB\n", data, (double)st.st_size / 1e6);
#ifdef ASSESS_EXE
    char *cmd[] = {ASSESS_EXE, "score", "-q", (char *)qpath, (char *)data, "--format", "csv",
                   "-o", "-", NULL};
    double t[RUNS];
    long peak = 0;
    for (int k = 0; k < RUNS; k++) {
        long kb;
        int status = bench_run(cmd, &t[k], &kb);
        if (status != 0) {
            fprintf(stderr, "bench_score: assess score exited with %d\n", status);
            return 1;
        }
        if (kb > peak)
            peak = kb;
    }
    qsort(t, RUNS, sizeof *t, cmp_double);
    printf("assess score --format csv, %d runs: best %.3f s, median %.3f s, worst %.3f s; "
           "peak memory %.1f MB\n",
           RUNS, t[0], t[RUNS / 2], t[RUNS - 1], (double)peak / 1024.0);
    printf("target: under 0.3 s within 100 MB: %s\n",
           t[RUNS / 2] < 0.3 && peak < 100 * 1024 ? "met" : "MISSED");
#else
    printf("the assess command is not built: timing the engine only\n");
#endif
    return engine_alone(qpath, data);
}
