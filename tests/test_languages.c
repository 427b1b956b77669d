/*
 * test_languages.c — what `assess validate` says about a questionnaire's
 * languages: every language's share of translated texts, complete for the
 * shipped gare-local in English and Spanish; a warning naming the file,
 * line and column of the first text a partial language lacks, and not an
 * error; a language missing one text in settings.csv too.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GARE SOURCE_DIR "/questionnaires/gare-local"

static void test_shipped_complete(void **state)
{
    (void)state;
    run_result r = run("validate", GARE, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "languages: en "));
    /* en and es: the same count, complete */
    const char *en = strstr(r.out, "languages: en ");
    const char *es = strstr(r.out, ", es ");
    assert_non_null(es);
    unsigned long en_done, en_total, es_done, es_total;
    assert_int_equal(sscanf(en, "languages: en %lu of %lu", &en_done, &en_total), 2);
    assert_int_equal(sscanf(es, ", es %lu of %lu", &es_done, &es_total), 2);
    assert_true(en_total > 1000); /* items, help, scales, stages, steps, resources, glossary */
    assert_int_equal(en_done, en_total);
    assert_int_equal(es_done, en_total);
    assert_int_equal(es_total, en_total);
    assert_null(strstr(r.err, "warning"));
    run_free(&r);
}

/* A copy of gare-local with Spanish cells emptied. */
static char *copy_without(const char *file, const char *column, int line)
{
    char *dir = temp_dir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "cp -r '%s' '%s/q'", GARE, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof cmd,
             "/usr/bin/python3 -c \"import csv,sys\n"
             "p=sys.argv[1]; rows=list(csv.reader(open(p,encoding='utf-8')))\n"
             "rows[%d][rows[0].index('%s')]=''\n"
             "csv.writer(open(p,'w',encoding='utf-8',newline='')).writerows(rows)\" '%s/q/%s'",
             line - 1, column, dir, file);
    assert_int_equal(system(cmd), 0);
    return dir;
}

static void test_one_cell_missing(void **state)
{
    (void)state;
    char *dir = copy_without("items.csv", "help::es", 7);
    char q[512], want[600];
    snprintf(q, sizeof q, "%s/q", dir);
    run_result r = run("validate", q, NULL);
    assert_int_equal(r.status, 0); /* a warning, not an error */
    snprintf(want, sizeof want, "%s/items.csv:7: warning: language \"es\" is partly translated", q);
    assert_non_null(strstr(r.err, want));
    assert_non_null(strstr(r.err, "column \"help\"; fill in help::es"));
    unsigned long done, total;
    const char *es = strstr(r.out, ", es ");
    assert_non_null(es);
    assert_int_equal(sscanf(es, ", es %lu of %lu", &done, &total), 2);
    assert_int_equal(done + 1, total);
    assert_null(strstr(es, "complete"));
    run_free(&r);
    remove_dir(dir);
}

static void test_setting_missing(void **state)
{
    (void)state;
    char *dir = copy_without("settings.csv", "value::es", 8); /* entity_label: Ciudad */
    char q[512], want[600];
    snprintf(q, sizeof q, "%s/q", dir);
    run_result r = run("validate", q, NULL);
    assert_int_equal(r.status, 0);
    snprintf(want, sizeof want, "%s/settings.csv:8: warning:", q);
    assert_non_null(strstr(r.err, want));
    run_free(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped_complete),
        cmocka_unit_test(test_one_cell_missing),
        cmocka_unit_test(test_setting_missing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
