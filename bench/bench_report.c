/*
 * bench_report.c — what a report costs as the user sees it: whole
 * processes of the built command, start to exit.
 *
 *  1. One city (examples/cities/riverton.csv): `assess report -o r.pdf`,
 *     `-o r.xlsx`, the two together (writing new files, and again
 *     replacing them), and `assess score`, beside the
 *     process floor (`/bin/true`, `assess --version`).  The commands run
 *     in rounds, one of each per round, so that a busy machine slows them
 *     all alike; each line gives the median and the fastest wall time, the
 *     median CPU time (user + system) and the median wall time above
 *     /bin/true's.
 *  2. Batches of 1, 50 and 482 cities (the first N cities of
 *     examples/cohort/state-2026.csv, each compared with the whole cohort,
 *     `-j 2`), PDF + XLSX as the target names them, then the 482 with the
 *     web pages too: wall time, CPU time and the peak resident memory of
 *     the largest process.
 *
 * It prints figures and checks nothing; it is not a test.
 * Usage: bench_report [RUNS] [BATCH_RUNS] [--no-batch] [--exe ASSESS]
 *        (defaults 21 and 3, and the command of this build)
 */
#define _DEFAULT_SOURCE /* mkdtemp */

#include "bench_run.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_RUNS 201

static char *exe = ASSESS_EXE;

typedef struct {
    double wall, cpu; /* seconds */
    long peak_kb;
} sample;

/* Runs argv with standard output and standard error to /dev/null. */
static int run(char *const argv[], sample *s)
{
    return bench_run_silent(argv, &s->wall, &s->cpu, &s->peak_kb);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ## One city */

enum { TRUE_, VERSION, SCORE, PDF, XLSX, PDF_AGAIN, XLSX_AGAIN, PAIR, PAIR_AGAIN, NROWS };

static int one_city(int runs, const char *dir)
{
    char pdf[300], xlsx[300];
    snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
    snprintf(xlsx, sizeof xlsx, "%s/r.xlsx", dir);
    char *argv_true[] = {"/bin/true", NULL};
    char *argv_version[] = {exe, "--version", NULL};
    char *argv_score[] = {exe, "score", CITY, NULL};
    char *argv_pdf[] = {exe, "report", CITY, "-o", pdf, NULL};
    char *argv_xlsx[] = {exe, "report", CITY, "-o", xlsx, NULL};
    /* PDF and XLSX write new files (removed before each run); the AGAIN
     * runs replace the file the run before wrote, which the command first
     * syncs to disk */
    char *const *cmds[PAIR] = {argv_true, argv_version, argv_score, argv_pdf,
                               argv_xlsx, argv_pdf,     argv_xlsx};
    static const char *const names[NROWS] = {
        "/bin/true",        "assess --version",         "assess score (one city)",
        "report -o r.pdf",  "report -o r.xlsx",         "r.pdf, replacing it",
        "r.xlsx, replacing it", "PDF + XLSX (two processes)", "the two, replacing"};
    static double wall[NROWS][MAX_RUNS], cpu[NROWS][MAX_RUNS];
    for (int k = 0; k < runs; k++)
        for (int c = 0; c < PAIR; c++) {
            if (c == PDF || c == XLSX)
                unlink(c == PDF ? pdf : xlsx);
            sample s;
            int st = run(cmds[c], &s);
            if (st != 0) {
                fprintf(stderr, "%s: the command failed (status %d)\n", names[c], st);
                return 1;
            }
            wall[c][k] = s.wall;
            cpu[c][k] = s.cpu;
        }
    for (int k = 0; k < runs; k++) {
        wall[PAIR][k] = wall[PDF][k] + wall[XLSX][k];
        cpu[PAIR][k] = cpu[PDF][k] + cpu[XLSX][k];
        wall[PAIR_AGAIN][k] = wall[PDF_AGAIN][k] + wall[XLSX_AGAIN][k];
        cpu[PAIR_AGAIN][k] = cpu[PDF_AGAIN][k] + cpu[XLSX_AGAIN][k];
    }
    printf("One city, %s; whole processes, %d rounds (ms):\n", CITY, runs);
    printf("  %-28s %8s %8s %8s %12s\n", "", "median", "fastest", "CPU", "above floor");
    double floor = 0;
    for (int c = 0; c < NROWS; c++) {
        double fastest = wall[c][0];
        for (int k = 1; k < runs; k++)
            if (wall[c][k] < fastest)
                fastest = wall[c][k];
        double m = median(wall[c], runs), mc = median(cpu[c], runs);
        if (c == TRUE_)
            floor = m;
        double above = m - (c >= PAIR ? 2 * floor : floor);
        printf("  %-28s %8.2f %8.2f %8.2f %12.2f\n", names[c], m * 1e3, fastest * 1e3, mc * 1e3,
               above * 1e3);
    }
    printf("  (CPU: user + system; above floor: the median less /bin/true's, twice for the "
           "pair)\n");
    printf("  target: PDF + XLSX at most 10 ms wall, median (new files)\n");
    return 0;
}

/* ## Batches */

/* Writes the header and the rows of the first n entities of src to dst. */
static int first_cities(const char *src, const char *dst, int n)
{
    FILE *in = fopen(src, "r"), *out = fopen(dst, "w");
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return -1;
    }
    static char line[1 << 16], seen[1024][128];
    int nseen = 0;
    bool header = true;
    while (fgets(line, sizeof line, in)) {
        if (header) {
            fputs(line, out);
            header = false;
            continue;
        }
        size_t len = strcspn(line, ",");
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(len < 127 ? len : 127), line);
        int k = 0;
        while (k < nseen && strcmp(seen[k], name) != 0)
            k++;
        if (k == nseen) {
            if (nseen == n)
                break; /* the cohort's rows of one entity are together */
            snprintf(seen[nseen++], sizeof seen[0], "%s", name);
        }
        fputs(line, out);
    }
    fclose(in);
    return fclose(out) == 0 && nseen == n ? 0 : -1;
}

/* One batch of the first n cities, formats as for --formats; prints a line. */
static int batch(int runs, const char *dir, int n, const char *formats)
{
    char csv[300], out[300], cmd[700];
    snprintf(csv, sizeof csv, "%s/cities-%d.csv", dir, n);
    snprintf(out, sizeof out, "%s/batch-%d", dir, n);
    if (first_cities(COHORT "/state-2026.csv", csv, n) != 0) {
        fprintf(stderr, "cannot write %s\n", csv);
        return 1;
    }
    char fmt[40];
    snprintf(fmt, sizeof fmt, "%s", formats);
    char *argv[] = {exe, "report", "-q", QUESTIONNAIRE, "--batch", csv, "--benchmark",
                    COHORT "/state-2026.csv", "-o", out, "-j", "2", "--formats", fmt,
                    "--quiet", NULL};
    double wall[MAX_RUNS], cpu[MAX_RUNS];
    long peak = 0;
    for (int k = 0; k < runs; k++) {
        sample s;
        int st = run(argv, &s);
        if (st != 0) {
            fprintf(stderr, "batch of %d: the command failed (status %d)\n", n, st);
            return 1;
        }
        wall[k] = s.wall;
        cpu[k] = s.cpu;
        if (s.peak_kb > peak)
            peak = s.peak_kb;
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", out);
        if (system(cmd) != 0)
            return 1;
    }
    printf("  %3d reports, %-13s %7.3f s wall (median of %d), %7.3f s CPU, peak %6.1f MB, "
           "%6.2f ms wall a report\n",
           n, formats, median(wall, runs), runs, median(cpu, runs), peak / 1024.0,
           median(wall, runs) * 1e3 / n);
    return 0;
}

static int batches(int runs, const char *dir)
{
    static const int sizes[] = {1, 50, 482};
    printf("\nBatches: the first N cities of %s/state-2026.csv, each compared with the whole\n"
           "cohort, -j 2 (seconds; peak: the largest process):\n",
           COHORT);
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++)
        if (batch(runs, dir, sizes[i], "pdf,xlsx") != 0)
            return 1;
    if (batch(runs, dir, 482, "pdf,xlsx,html") != 0)
        return 1;
    printf("  reproduce: assess report -q questionnaires/gare-local --batch FIRST_N.csv\n"
           "             --benchmark examples/cohort/state-2026.csv -o DIR -j 2 --formats LIST\n");
    printf("  target: the 482, PDF + XLSX, at most 3 s\n");
    return 0;
}

int main(int argc, char **argv)
{
    int runs = 21, batch_runs = 3;
    bool batch = true;
    int pos = 0;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--no-batch") == 0)
            batch = false;
        else if (strcmp(argv[k], "--exe") == 0 && k + 1 < argc)
            exe = argv[++k];
        else if (pos++ == 0)
            runs = atoi(argv[k]);
        else
            batch_runs = atoi(argv[k]);
    }
    if (runs < 1 || runs > MAX_RUNS || batch_runs < 1 || batch_runs > MAX_RUNS) {
        fprintf(stderr, "usage: bench_report [RUNS] [BATCH_RUNS] [--no-batch] [--exe ASSESS] (1 to %d)\n",
                MAX_RUNS);
        return 2;
    }
    char dir[] = "/tmp/bench-report-XXXXXX";
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    int rc = one_city(runs, dir);
    if (!rc && batch)
        rc = batches(batch_runs, dir);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return rc;
}
