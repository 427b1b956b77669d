/*
 * test_oom.c — running out of memory (docs/hardening.md): SQLite's loop.
 * One run loads gare-local 1.0.0 and examples/cities/riverton.csv, scores
 * Riverton, composes the city report and renders it as PDF, XLSX and HTML.
 * The run is repeated with its N-th allocation failing, for N = 1, 2, 3, …
 * until a run makes fewer than N allocations.  Every run with a failed
 * allocation must return an error (not crash, not abort, not succeed with
 * something missing), leave no output file behind, and — under
 * AddressSanitizer — leak nothing (LeakSanitizer is asked after each run).
 *
 * The program is linked with -Wl,--wrap=malloc,… (tests/CMakeLists.txt):
 * the allocations counted are those of our statically linked objects and
 * of the libraries that take our allocator (libharu, expat, libcsv).
 * Allocations inside FreeType, libxlsxwriter, libunistring, zlib and the C
 * library itself are not counted (the limit, docs/hardening.md).
 *
 * ASSESS_OOM_STEP=K tries every K-th N only (CI); ASSESS_OOM_ONLY=N runs
 * one N and, in the sanitizer build, shows where that allocation is made
 * (to debug a finding).  Each N is tried twice: the N-th allocation
 * alone failing (a run may then succeed only where a library retried with
 * a smaller request, and must write the same files as without failures),
 * and every allocation from the N-th on failing (the run must fail).
 * ASSESS_OOM_VERBOSE=1 prints each N before its run.  scripts/oom.sh
 * runs every N.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess-report.h"
#include "city.h"
#include "run.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#define LEAK_CHECK() __lsan_do_recoverable_leak_check()
#define PRINT_STACK() __sanitizer_print_stack_trace()
#else
#define LEAK_CHECK() 0
#define PRINT_STACK() ((void)0)
#endif

#define GARE     SOURCE_DIR "/questionnaires/gare-local" /* riverton answers 1.1.0 */
#define RIVERTON SOURCE_DIR "/examples/cities/riverton.csv"

/* ## The allocation hook */

static bool oom_armed;   /* counting (only while a run is under way) */
static bool oom_persist; /* every allocation from the N-th on fails */
static long oom_at;      /* N: the allocation to fail, 1-based */
static long oom_count;   /* allocations so far in this run */
static long oom_failed;  /* allocations refused in this run */
static bool oom_trace;   /* show where the N-th allocation is (sanitizer build) */

static bool oom_refuse(void)
{
    if (!oom_armed)
        return false;
    oom_count++;
    if (oom_at == 0)
        return false;
    if (oom_count == oom_at || (oom_persist && oom_count > oom_at)) {
        if (oom_trace && oom_count == oom_at)
            PRINT_STACK();
        oom_failed++;
        return true;
    }
    return false;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

void *__wrap_malloc(size_t n)
{
    return oom_refuse() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return oom_refuse() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    return oom_refuse() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return oom_refuse() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return oom_refuse() ? NULL : __real_strndup(s, n);
}

/* ## One run */

/* Loads, scores, composes and renders into dir; the first error's status. */
static assess_status one_run(const char *dir, char *msg, size_t msglen)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    assess_result res;
    bool have_res = false;
    report_doc *doc = NULL;
    char pdf[600], xlsx[600], html[600];
    snprintf(pdf, sizeof pdf, "%s/riverton.pdf", dir);
    snprintf(xlsx, sizeof xlsx, "%s/riverton.xlsx", dir);
    snprintf(html, sizeof html, "%s/riverton.html", dir);

    assess_status st = assess_questionnaire_load(GARE, &q, &d);
    if (st == ASSESS_OK)
        st = assess_responses_new(q, &r);
    if (st == ASSESS_OK)
        st = assess_responses_add_file(r, RIVERTON, &d);
    if (st == ASSESS_OK) {
        st = assess_result_init(&res, q);
        have_res = st == ASSESS_OK;
    }
    if (st == ASSESS_OK) {
        assess_score_compute(r, 0, &res);
        city_options opt = {.created = 1795000000};
        doc = city_report_new(r, &res, &opt);
        if (!doc)
            st = ASSESS_ERR_NOMEM;
    }
    /* Each render writes its own file, and a render that fails must leave
     * none of its own; the files of the renders before it are whole, and
     * go, so that what is left after a failure is what the failure left
     * (any N among the workbook's or the page's allocations failed here). */
    const struct {
        report_format format;
        const char *path;
    } renders[] = {{REPORT_PDF, pdf}, {REPORT_XLSX, xlsx}, {REPORT_HTML, html}};
    for (size_t k = 0; st == ASSESS_OK && k < sizeof renders / sizeof *renders; k++) {
        st = report_render(doc, renders[k].format, renders[k].path, NULL, &d);
        for (size_t j = 0; st != ASSESS_OK && j < k; j++)
            remove(renders[j].path);
    }

    snprintf(msg, msglen, "%s", d.count ? d.items[0].message : "");
    doc_free(doc);
    if (have_res)
        assess_result_cleanup(&res);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    return st;
}

static long env_long(const char *name, long fallback)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : fallback;
}

/* Whether the files of dir are those of ref, byte for byte. */
static bool same_files(const char *dir, const char *ref)
{
    static const char *const names[] = {"riverton.pdf", "riverton.xlsx", "riverton.html"};
    bool same = true;
    for (size_t k = 0; k < 3 && same; k++) {
        char a[600], b[600];
        snprintf(a, sizeof a, "%s/%s", dir, names[k]);
        snprintf(b, sizeof b, "%s/%s", ref, names[k]);
        size_t na = 0, nb = 0;
        char *fa = slurp(a, &na), *fb = slurp(b, &nb);
        same = fa && fb && na == nb && memcmp(fa, fb, na) == 0;
        free(fa);
        free(fb);
    }
    return same;
}

/* CI's default: every 997th N, about 26 runs each way (scripts/oom.sh: all) */
enum { DEFAULT_STEP = 997 };

/* Runs the loop: with persist, every allocation from the N-th on fails,
 * and the run must fail; without, the N-th alone, and the run must fail
 * or, when the failed allocation was retried (libcsv asks for less),
 * write what the run without failures wrote. */
static void oom_loop(bool persist)
{
    long step = env_long("ASSESS_OOM_STEP", DEFAULT_STEP);
    long only = env_long("ASSESS_OOM_ONLY", 0);
    oom_persist = persist;
    oom_trace = only != 0;
    if (step < 1)
        step = 1;
    char *ref = temp_dir();
    char msg[512];

    /* The run without failures: it works, and how many allocations. */
    oom_at = 0;
    oom_count = oom_failed = 0;
    oom_armed = true;
    assess_status st = one_run(ref, msg, sizeof msg);
    oom_armed = false;
    if (st != ASSESS_OK)
        fail_msg("the run without failures: status %d: %s", (int)st, msg);
    long total = oom_count;
    assert_true(total > 1000); /* the hook sees the allocations */
    assert_int_equal(count_entries(ref), 3);

    long runs = 0, recovered = 0;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool verbose = env_long("ASSESS_OOM_VERBOSE", 0) != 0;
    for (long n = only ? only : 1; n <= total; n += step) {
        if (verbose)
            fprintf(stderr, "test_oom: N = %ld\n", n);
        char *dir = temp_dir();
        oom_at = n;
        oom_count = oom_failed = 0;
        oom_armed = true;
        st = one_run(dir, msg, sizeof msg);
        oom_armed = false;
        runs++;
        const char *wrong = NULL;
        if (oom_failed == 0)
            wrong = "never made (the runs differ)";
        else if (st == ASSESS_OK && (persist || !same_files(dir, ref)))
            wrong = "failed, yet the run succeeded";
        else if (st != ASSESS_OK && count_entries(dir) != 0)
            wrong = "failed: an output file is left";
        else if (LEAK_CHECK())
            wrong = "failed: leaked (above)";
        recovered += st == ASSESS_OK;
        remove_dir(dir);
        if (wrong) {
            remove_dir(ref);
            fail_msg("allocation %ld of %ld%s %s (status %d: %s); ASSESS_OOM_ONLY=%ld shows where",
                     n, total, persist ? " and on" : "", wrong, (int)st, msg, n);
        }
        if (only)
            break;
    }
    remove_dir(ref);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("test_oom: %ld allocations in a run; %ld runs (every %ld%s), %ld recovered, "
                  "%.1f s\n",
                  total, runs, step, persist ? ", from N on" : ", N alone", recovered,
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

static void test_oom_alone(void **state)
{
    (void)state;
    oom_loop(false);
}

static void test_oom_from(void **state)
{
    (void)state;
    oom_loop(true);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_oom_alone),
        cmocka_unit_test(test_oom_from),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
