/*
 * bench_score.c — how scoring grows with the number of submissions:
 * synthetic statewide files of 1,000, 10,000 and 100,000 submissions
 * (and 1,000,000 with --million) made once by gen_cohort, then `assess
 * score --format csv` and `assess benchmark` on each through the built
 * command (median wall and CPU time of several runs, peak memory against
 * the file's size), `assess score` of one city beside the process floor,
 * and the engine alone on the 100,000, phase by phase.  Prints figures and
 * the targets of docs/performance.md beside them; never a pass or fail.
 *
 * usage: bench_score [--million] [--runs N] [--dir DIR] [QUESTIONNAIRE]
 */
#define _DEFAULT_SOURCE /* wait4 */

#include "assess.h"
#include "bench_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report_diags(assess_diags *d)
{
    char buf[1024];
    for (size_t k = 0; k < d->count && k < 10; k++) {
        assess_diag_format(&d->items[k], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
}

typedef struct {
    double wall, cpu; /* medians */
    double peak_mb;   /* the largest of the runs */
} timing;

/* Runs argv `runs` times; false when a run fails. */
static bool time_runs(char *const argv[], int runs, timing *t)
{
    double wall[64], cpu[64];
    long peak = 0;
    if (runs > 64)
        runs = 64;
    for (int k = 0; k < runs; k++) {
        long kb;
        int status = bench_run_cpu(argv, &wall[k], &cpu[k], &kb);
        if (status != 0) {
            fprintf(stderr, "bench_score: %s %s exited with %d\n", argv[0], argv[1], status);
            return false;
        }
        if (kb > peak)
            peak = kb;
    }
    qsort(wall, (size_t)runs, sizeof *wall, cmp_double);
    qsort(cpu, (size_t)runs, sizeof *cpu, cmp_double);
    t->wall = wall[runs / 2];
    t->cpu = cpu[runs / 2];
    t->peak_mb = (double)peak / 1024.0;
    return true;
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
    printf("  load questionnaire and responses        %7.3f s\n", t1 - t0);
    printf("  score every assessment (full results)   %7.3f s\n", t2 - t1);
    printf("  build the cohort (scores again)         %7.3f s\n", t3 - t2);
    printf("  statistics (all, region, size)          %7.3f s\n", t4 - t3);
    printf("  peak memory of this process             %7.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    rc = 0;
done:
    assess_cohort_stats_free(s);
    assess_cohort_free(c);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    return rc;
}

/* DIR/bench-LABEL.csv, made by gen_cohort unless it is there already
 * (the generator is deterministic: the same file every time). */
static bool input_file(const char *dir, const char *qpath, long n, const char *label,
                       char *path, size_t size, double *mb)
{
    snprintf(path, size, "%s/bench-%s.csv", dir, label);
    struct stat st;
    if (stat(path, &st) != 0) {
        char count[32];
        snprintf(count, sizeof count, "%ld", n);
        char *gen[] = {GEN_COHORT_EXE, "-q", (char *)qpath, "-o", path, "--cities", count,
                       "--cycles", "2026", "--multi", "0", "--lean", NULL};
        double secs;
        long kb;
        fprintf(stderr, "generating %ld submissions into %s …\n", n, path);
        if (bench_run(gen, &secs, &kb) != 0 || stat(path, &st) != 0) {
            fprintf(stderr, "bench_score: gen_cohort failed\n");
            return false;
        }
    }
    *mb = (double)st.st_size / (1024.0 * 1024.0);
    return true;
}

int main(int argc, char **argv)
{
    const char *qpath = QUESTIONNAIRE, *dir = ".";
    int runs = 5;
    bool million = false;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--million") == 0)
            million = true;
        else if (strcmp(argv[k], "--runs") == 0 && k + 1 < argc)
            runs = atoi(argv[++k]);
        else if (strcmp(argv[k], "--dir") == 0 && k + 1 < argc)
            dir = argv[++k];
        else if (argv[k][0] != '-')
            qpath = argv[k];
        else {
            fprintf(stderr, "usage: bench_score [--million] [--runs N] [--dir DIR] "
                            "[QUESTIONNAIRE]\n");
            return 2;
        }
    }
    if (runs < 1)
        runs = 1;
    static const struct {
        long n;
        const char *label;
    } sizes[] = {{1000, "1k"}, {10000, "10k"}, {100000, "100k"}, {1000000, "1M"}};
    size_t nsizes = million ? 4 : 3;
    char path100k[512] = "";
#ifdef ASSESS_EXE
    printf("median of %d runs (of at most 3 for 1M); CPU is user + system time of the "
           "process; peak is its largest resident set\n",
           runs);
    printf("%-10s %-10s %9s %9s %9s %9s  %s\n", "command", "input", "MB", "wall s", "CPU s",
           "peak MB", "peak/input");
#endif
    for (size_t k = 0; k < nsizes; k++) {
        char path[512];
        double mb;
        if (!input_file(dir, qpath, sizes[k].n, sizes[k].label, path, sizeof path, &mb))
            return 1;
        if (sizes[k].n == 100000)
            snprintf(path100k, sizeof path100k, "%s", path);
#ifdef ASSESS_EXE
        int n = sizes[k].n >= 1000000 && runs > 3 ? 3 : runs;
        char *score[] = {ASSESS_EXE, "score", "-q", (char *)qpath, path, "--format", "csv",
                         "-o", "-", NULL};
        char *bench[] = {ASSESS_EXE, "benchmark", "-q", (char *)qpath, path, "-o", "-", NULL};
        timing t;
        if (!time_runs(score, n, &t))
            return 1;
        printf("%-10s %-10s %9.1f %9.3f %9.3f %9.1f  %.2f\n", "score", sizes[k].label, mb,
               t.wall, t.cpu, t.peak_mb, t.peak_mb / mb);
        if (!time_runs(bench, n, &t))
            return 1;
        printf("%-10s %-10s %9.1f %9.3f %9.3f %9.1f  %.2f\n", "benchmark", sizes[k].label, mb,
               t.wall, t.cpu, t.peak_mb, t.peak_mb / mb);
#endif
    }
#ifdef ASSESS_EXE
    printf("targets: score --format csv of 100k <= 0.1 s, of 1M <= 1 s; benchmark of 1M "
           "<= 1.5 s; peak <= 1.5 x the input\n");
    /* one city: the command against the cost of starting any process */
    char *city[] = {ASSESS_EXE, "score", CITY, "--format", "csv", "-o", "-", NULL};
    char *version[] = {ASSESS_EXE, "--version", NULL};
    char *floor[] = {"/bin/true", NULL};
    timing tc, tv, tf;
    int many = runs < 21 ? 21 : runs;
    if (!time_runs(city, many, &tc) || !time_runs(version, many, &tv) ||
        !time_runs(floor, many, &tf))
        return 1;
    printf("one city (median of %d runs, wall / CPU): score %.1f / %.1f ms, assess --version "
           "%.1f / %.1f ms, /bin/true %.1f / %.1f ms (the process floor); score above the "
           "floor %.1f ms wall; target <= 2 ms\n",
           many, tc.wall * 1e3, tc.cpu * 1e3, tv.wall * 1e3, tv.cpu * 1e3, tf.wall * 1e3,
           tf.cpu * 1e3, (tc.wall - tf.wall) * 1e3);
#else
    printf("the assess command is not built: timing the engine only\n");
#endif
    return path100k[0] ? engine_alone(qpath, path100k) : 0;
}
