/*
 * test_bad_inputs.c — the bad-input corpus (tests/bad/expected.tsv): every
 * case gives its exit status and its message with file and line (or sheet
 * and cell), no sanitizer report, and leaves its output folder empty: no
 * output and no temporary file.  generate.py writes the cases too big or
 * too binary to commit into a temporary folder first.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run.h"

#define BAD SOURCE_DIR "/tests/bad"

static char *gen_dir;

/* s with every {name} replaced; the caller frees. */
static char *expand(const char *s, const char *casepath, const char *dir)
{
    static const char *const names[] = {"{}", "{dir}", "{q}", "{wide}", "{bad}"};
    const char *values[] = {casepath, dir, TEST_DATA "/engine/q",
                            TEST_DATA "/engine/responses/wide.csv", BAD};
    size_t cap = strlen(s) + 1;
    for (const char *p = s; *p; p++)
        cap += *p == '{' ? 1024 : 0;
    char *out = malloc(cap), *w = out;
    assert_non_null(out);
    while (*s) {
        size_t k = 0;
        while (k < 5 && strncmp(s, names[k], strlen(names[k])) != 0)
            k++;
        if (k < 5) {
            w += sprintf(w, "%s", values[k]);
            s += strlen(names[k]);
        } else {
            *w++ = *s++;
        }
    }
    *w = '\0';
    return out;
}

static int setup(void **state)
{
    (void)state;
    gen_dir = temp_dir();
    const char *argv[] = {"/usr/bin/python3", BAD "/generate.py", gen_dir, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fprintf(stderr, "generate.py failed:\n%s", r.err);
    int st = r.status;
    run_free(&r);
    return st;
}

/* Removes the generated files, folders of files included. */
static int teardown(void **state)
{
    (void)state;
    static const char *const folders[] = {"too-many-items", "too-many-choices"};
    for (size_t k = 0; k < 2; k++) {
        char *p = malloc(strlen(gen_dir) + 40);
        sprintf(p, "%s/%s", gen_dir, folders[k]);
        remove_dir(p);
    }
    remove_dir(gen_dir);
    return 0;
}

/* Runs every case; in Spanish (LANGUAGE=es under C.UTF-8, where gettext
 * honours it) with the same exit status and every message's standard
 * error collected into `spanish` instead of compared with the English. */
static void corpus(FILE *spanish)
{
    char *tsv = slurp(BAD "/expected.tsv", NULL);
    assert_non_null(tsv);
    size_t cases = 0, failures = 0;
    char *save = NULL;
    for (char *line = strtok_r(tsv, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line[0] == '#' || !line[0])
            continue;
        char *f[4] = {line, NULL, NULL, NULL};
        for (int k = 1; k < 4; k++) {
            f[k] = strchr(f[k - 1], '\t');
            assert_non_null(f[k]);
            *f[k]++ = '\0';
        }
        char casepath[1024];
        if (!strncmp(f[0], "gen/", 4))
            snprintf(casepath, sizeof casepath, "%s/%s", gen_dir, f[0] + 4);
        else
            snprintf(casepath, sizeof casepath, "%s/%s", BAD, f[0]);
        char *dir = temp_dir();
        char *args = expand(f[3], casepath, dir);
        char *want = expand(f[2], casepath, dir);
        const char *argv[36] = {"env", "LC_ALL=C.UTF-8", "LANGUAGE=es", ASSESS_EXE};
        int argc = 4;
        char *asave = NULL;
        for (char *a = strtok_r(args, " ", &asave); a && argc < 31;
             a = strtok_r(NULL, " ", &asave))
            argv[argc++] = a;
        argv[argc] = NULL;
        run_result r = run_tool(spanish ? argv : argv + 3);
        int status = atoi(f[1]);
        if (spanish)
            fprintf(spanish, "%s", r.err);
        bool ok = r.status == status && (spanish || strstr(r.err, want)) &&
                  !strstr(r.err, "Sanitizer") &&
                  !strstr(r.err, "runtime error") && count_entries(dir) == 0;
        if (!ok) {
            failures++;
            print_error("%s: status %d (want %d), %zu files left in the output folder, "
                        "want \"%s\" in:\n%s\n",
                        f[0], r.status, status, count_entries(dir), want, r.err);
        }
        cases++;
        run_free(&r);
        free(args);
        free(want);
        remove_dir(dir);
    }
    free(tsv);
    print_message("[   INFO   ] %zu cases of the bad-input corpus\n", cases);
    assert_true(cases >= 40);
    assert_int_equal(failures, 0);
}

static void test_corpus(void **state)
{
    (void)state;
    corpus(NULL);
}

/* The same corpus with Spanish messages: no English sentence of the
 * program left in any of them (tests/l10n_check.py with the template of
 * the program's marked texts). */
static void test_corpus_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[1100];
    snprintf(path, sizeof path, "%s/stderr.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    corpus(f);
    fclose(f);
    char *text = slurp(path, NULL);
    assert_non_null(strstr(text, "error: el archivo está vacío"));
    free(text);
    const char *argv[] = {"/usr/bin/python3", SOURCE_DIR "/tests/l10n_check.py", POT,
                          SOURCE_DIR "/questionnaires/gare-local", "es", path, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("%s%s", r.out, r.err);
    run_free(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_corpus_spanish),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
