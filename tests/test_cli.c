/*
 * test_cli.c — the `assess` command end to end: exit
 * statuses, messages on standard error, JSON parsed back, the CSV row
 * per entity, questionnaire lookup, and no output left behind (nor an
 * old one destroyed) after a failure.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <cjson/cJSON.h>
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA TEST_DATA "/cli"
#define COHORT_Q TEST_DATA "/cohort/q"
#define GARE SOURCE_DIR "/questionnaires/gare-local-1.0"
#define CITIES SOURCE_DIR "/examples/cities"

#include "run.h"

/* ## Usage and help */

static void test_version_and_help(void **state)
{
    (void)state;
    run_result r = run("--version", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "assess 0.1.0\n");
    run_free(&r);
    const char *cmds[] = {"validate", "score", "benchmark"};
    for (size_t k = 0; k < 3; k++) {
        r = run(cmds[k], "--help", NULL);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: assess "));
        assert_string_equal(r.err, "");
        run_free(&r);
        r = run(cmds[k], "--version", NULL);
        assert_int_equal(r.status, 0);
        run_free(&r);
    }
}

static void test_usage_errors(void **state)
{
    (void)state;
    run_result r = run("frobnicate", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown command \"frobnicate\""));
    run_free(&r);

    r = run("score", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "assess score: no RESPONSES given\n"));
    run_free(&r);

    r = run("score", DATA "/town.csv", "--format", "yaml", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--format takes text, json or csv, not \"yaml\""));
    run_free(&r);

    r = run("score", DATA "/town.csv", "-o", "/tmp/x.docx", NULL);
    assert_int_equal(r.status, 2);
    run_free(&r);

    r = run("score", "-q", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "-q needs a value"));
    run_free(&r);
}

/* ## Scores */

static cJSON *field(const cJSON *o, const char *key)
{
    cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    assert_non_null(v);
    return v;
}

static double number(const cJSON *o, const char *key)
{
    cJSON *v = field(o, key);
    assert_true(cJSON_IsNumber(v));
    return v->valuedouble;
}

static const char *string(const cJSON *o, const char *key)
{
    cJSON *v = field(o, key);
    assert_true(cJSON_IsString(v));
    return v->valuestring;
}

static const cJSON *find_id(const cJSON *array, const char *id)
{
    const cJSON *e;
    cJSON_ArrayForEach(e, array)
    {
        if (strcmp(string(e, "id"), id) == 0)
            return e;
    }
    fail_msg("no %s", id);
    return NULL;
}

/*
 * town.csv, hand-worked (scale m: 0–4, scale t: 0–3):
 *   a1 = 2 → 0.5; a2 = "all " (a label, trimmed, any case) → 4 → 1.0;
 *   b1 = " One " → 1 → 1/3.
 *   Alpha = 100 · (0.5 + 1) / 2 = 75; Beta = 33.333…;
 *   overall = (75 + 33.333…) / 2 = 54.1666… → 54.2, stage "mid" (≥ 50).
 *   gain a1 = 100 · ½ · (3 − 2)/4 / 2 = 6.25; gain b1 = 100 · ½ · (2 − 1)/3 = 16.666…
 *   priorities: b1, a1; strengths: a2.
 */
static void test_score_json(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char out[512];
    snprintf(out, sizeof out, "%s/town.json", dir);
    run_result r = run("score", "-q", COHORT_Q, DATA "/town.csv", "-o", out, NULL);
    assert_int_equal(r.status, 0);
    char said[600];
    snprintf(said, sizeof said, "wrote %s\n", out);
    assert_string_equal(r.err, said);
    assert_string_equal(r.out, "");
    run_free(&r);
    r = run("score", "-q", COHORT_Q, DATA "/town.csv", "-o", out, "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);

    char *text = slurp(out, NULL);
    assert_non_null(text);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    assert_string_equal(string(field(doc, "questionnaire"), "id"), "cohort-test");
    const cJSON *entities = field(doc, "entities");
    assert_int_equal(cJSON_GetArraySize(entities), 1);
    const cJSON *e = cJSON_GetArrayItem(entities, 0);
    assert_string_equal(string(e, "entity"), "Town");
    assert_string_equal(string(e, "cycle"), "2026");
    assert_string_equal(string(field(e, "metadata"), "region"), "North");
    assert_int_equal((int)number(e, "respondents"), 1);

    const cJSON *overall = field(e, "overall");
    assert_true(fabs(number(overall, "score") - 325.0 / 6.0) < 1e-12);
    assert_true(number(overall, "rounded") == 54.2);
    assert_string_equal(string(overall, "stage"), "mid");
    assert_true(cJSON_IsFalse(field(overall, "provisional")));

    const cJSON *dims = field(e, "dimensions");
    assert_true(number(find_id(dims, "A"), "score") == 75.0);
    assert_true(fabs(number(find_id(dims, "B"), "score") - 100.0 / 3.0) < 1e-12);
    assert_true(number(find_id(dims, "B"), "coverage") == 1.0);

    const cJSON *items = field(e, "items");
    const cJSON *a1 = find_id(items, "a1");
    assert_true(number(a1, "gain") == 6.25);
    assert_string_equal(string(a1, "answer"), "2");
    assert_string_equal(string(a1, "label"), "Half");
    assert_string_equal(string(a1, "evidence"), "Minutes of 3 May, item 4");
    const cJSON *a2 = find_id(items, "a2");
    assert_string_equal(string(a2, "answer"), "4");
    assert_true(cJSON_IsNull(field(a2, "gain")));
    const cJSON *b1 = find_id(items, "b1");
    assert_true(fabs(number(b1, "gain") - 50.0 / 3.0) < 1e-12);
    assert_string_equal(string(b1, "notes"), "Says \"soon\"");

    const cJSON *prio = field(e, "priorities");
    assert_int_equal(cJSON_GetArraySize(prio), 2);
    assert_string_equal(cJSON_GetArrayItem(prio, 0)->valuestring, "b1");
    assert_string_equal(cJSON_GetArrayItem(prio, 1)->valuestring, "a1");
    const cJSON *strengths = field(e, "strengths");
    assert_int_equal(cJSON_GetArraySize(strengths), 1);
    assert_string_equal(cJSON_GetArrayItem(strengths, 0)->valuestring, "a2");
    cJSON_Delete(doc);
    remove_dir(dir);
}

static void test_score_csv_and_text(void **state)
{
    (void)state;
    run_result r = run("score", "-q", COHORT_Q, DATA "/town.csv", "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out,
                        "entity,cycle,region,overall,overall_stage,A,A_stage,B,B_stage\n"
                        "Town,2026,North,54.2,mid,75,mid,33.3,start\n");
    run_free(&r);

    r = run("score", "-q", COHORT_Q, DATA "/town.csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "Overall index     54.2  Midway\n"));
    assert_non_null(strstr(r.out, "Alpha       75.0      100%  Midway\n"));
    /* items by their texts, never their internal ids */
    assert_non_null(strstr(r.out, "  1. 2.1.1 The beta item\n     +16.7 to the index, now \"One\"\n"));
    assert_non_null(strstr(r.out, "Strengths (1):\n  - 1.1.2 Second alpha item\n"));
    assert_null(strstr(r.out, "a2"));
    assert_null(strstr(r.out, "b1"));
    run_free(&r);
    /* a long text is cut at a word, with an ellipsis */
    /* Riverton answers 1.1.0: acct_plan is 2.4.1 (Organize's fourth theme);
     * its gain 100 · 1/3 · 2 · (2 − 1)/4 / 12 = 1.39 (Organize's scored
     * weight is 14 less its two "Don't know" items) */
    r = run("score", CITIES "/riverton.csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  3. 2.4.1 Does the city have a racial equity action plan with goals…\n"
                                  "     +1.4 to the index, now \"Plan being drafted\"\n"));
    assert_null(strstr(r.out, "acct_plan"));
    run_free(&r);
}

/* Columns on a terminal for the text below: ASCII one, each character of
 * the CJK and fullwidth blocks used here (3 bytes in UTF-8) two. */
static size_t columns(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        w += b < 0x80 ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : 0;
    }
    return w;
}

/* East Asian text in the summary: a wide character takes two columns.  A
 * dimension label in CJK still lines up its score with the others, and an
 * item text of 40 CJK characters (80 columns) is cut to the line, on a
 * character, where counting characters let all 80 columns through. */
static void test_score_text_east_asian_width(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[1024], q[512];
    snprintf(q, sizeof q, "%s/q", dir);
    assert_int_equal(mkdir(q, 0700), 0);
    const char *copied[] = {"scales.csv", "settings.csv", "stages.csv"};
    for (size_t k = 0; k < sizeof copied / sizeof *copied; k++) {
        snprintf(path, sizeof path, "%s/%s", COHORT_Q, copied[k]);
        char *text = slurp(path, NULL);
        snprintf(path, sizeof path, "%s/%s", q, copied[k]);
        write_file(path, text);
        free(text);
    }
    static const char han[] = "\xE5\x9F\x8E\xE5\xB8\x82"; /* 城市, 4 columns */
    static const char wide_b[] = "\xEF\xBC\xA2";           /* fullwidth Ｂ, 2 columns */
    char long_text[40 * 3 + 1] = ""; /* 城市 twenty times */
    for (int k = 0; k < 20; k++)
        strcat(long_text, han);
    char text[1024];
    snprintf(path, sizeof path, "%s/dimensions.csv", q);
    snprintf(text, sizeof text, "id,label,weight\nA,Alpha,1\nB,%s%s,1\n", han, wide_b);
    write_file(path, text);
    snprintf(path, sizeof path, "%s/items.csv", q);
    snprintf(text, sizeof text,
             "id,dimension,theme,text,scale\na1,A,core,First alpha item,m\n"
             "a2,A,core,Second alpha item,m\nb1,B,,%s,t\n", long_text);
    write_file(path, text);

    run_result r = run("score", "-q", q, DATA "/town.csv", "--format", "text", NULL);
    assert_int_equal(r.status, 0);
    /* the scores of both dimensions start in the same column */
    const char *alpha = strstr(r.out, "\nAlpha ");
    assert_non_null(alpha);
    char beta[64];
    snprintf(beta, sizeof beta, "\n%s%s ", han, wide_b);
    const char *b = strstr(r.out, beta);
    assert_non_null(b);
    const char *a_score = strstr(alpha, "75.0"), *b_score = strstr(b, "33.3");
    assert_non_null(a_score);
    assert_non_null(b_score);
    assert_int_equal(columns(alpha, (size_t)(a_score - alpha)),
                     columns(b, (size_t)(b_score - b)));
    /* the item line: "  1. 2.1.1 " and 32 of the 40 characters (64
     * columns: a 33rd would pass the line's 65), then the ellipsis */
    char want[256];
    snprintf(want, sizeof want, "  1. 2.1.1 %.*s\xE2\x80\xA6\n", 32 * 3, long_text);
    assert_non_null(strstr(r.out, want));
    run_free(&r);
    remove_dir(dir);
}

/* A statewide file is scored on every core in slices of 4,096 (cmd_score.c);
 * the output must still be every entity in input order with its own
 * scores, in each format.  9,000 entities: a full round and a short one,
 * whose second slice is empty.  Entity k answers a1 = k % 5,
 * a2 = k / 5 % 5, b1 = k % 4, so with s = a1 + a2, A = 12.5 s,
 * B = 100 b1 / 3 and the index (75 s + 200 b1) / 12. */
enum { MANY = 9000 };

static void many_answers(int k, int *s, int *b1)
{
    *s = k % 5 + k / 5 % 5;
    *b1 = k % 4;
}

/* Tenths, rounded half away from zero, of num / den (both >= 0). */
static int tenths(int num, int den)
{
    return (20 * num + den) / (2 * den);
}

/* Whole tenths as every CSV writes them: "61.3", "18" (no trailing zero). */
static const char *tenths_text(int t, char *buf)
{
    if (t % 10)
        sprintf(buf, "%d.%d", t / 10, t % 10);
    else
        sprintf(buf, "%d", t / 10);
    return buf;
}

static void test_score_many_entities_in_order(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/many.csv", dir);
    FILE *f = fopen(in, "w");
    assert_non_null(f);
    fputs("entity,cycle,a1,a2,b1\n", f);
    for (int k = 0; k < MANY; k++)
        fprintf(f, "E%05d,2026,%d,%d,%d\n", k, k % 5, k / 5 % 5, k % 4);
    assert_int_equal(fclose(f), 0);

    run_result r = run("score", "-q", COHORT_Q, in, "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    char *line = strchr(r.out, '\n');
    assert_non_null(line);
    for (int k = 0; k < MANY; k++) {
        int s, b1;
        many_answers(k, &s, &b1);
        int o = tenths(75 * s + 200 * b1, 12), a = tenths(25 * s, 2), b = tenths(100 * b1, 3);
        char expect[128];
        char num[32];
        int n = snprintf(expect, sizeof expect, "\nE%05d,2026,%s,", k, tenths_text(o, num));
        assert_memory_equal(line, expect, (size_t)n);
        const char *rest = strchr(line + n, ',') + 1; /* past the index's stage */
        n = snprintf(expect, sizeof expect, "%s,", tenths_text(a, num));
        assert_memory_equal(rest, expect, (size_t)n);
        rest = strchr(rest + n, ',') + 1;
        n = snprintf(expect, sizeof expect, "%s,", tenths_text(b, num));
        assert_memory_equal(rest, expect, (size_t)n);
        line = strchr(line + 1, '\n');
        assert_non_null(line);
    }
    assert_string_equal(line, "\n");
    run_free(&r);

    snprintf(out, sizeof out, "%s/many.json", dir);
    r = run("score", "-q", COHORT_Q, in, "-o", out, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *text = slurp(out, NULL);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    assert_non_null(doc);
    const cJSON *entities = field(doc, "entities");
    assert_int_equal(cJSON_GetArraySize(entities), MANY);
    int k = 0;
    for (const cJSON *e = entities->child; e; e = e->next, k++) {
        char name[16];
        snprintf(name, sizeof name, "E%05d", k);
        assert_string_equal(string(e, "entity"), name);
        int s, b1;
        many_answers(k, &s, &b1);
        assert_true(fabs(number(field(e, "overall"), "score") - (75.0 * s + 200.0 * b1) / 12) <
                    1e-9);
    }
    cJSON_Delete(doc);

    /* text: one heading per entity, in order */
    r = run("score", "-q", COHORT_Q, in, "--format", "text", NULL);
    assert_int_equal(r.status, 0);
    const char *at = r.out;
    for (k = 0; k < MANY; k++) {
        char heading[32];
        snprintf(heading, sizeof heading, "E%05d — cycle 2026", k);
        at = strstr(at, heading);
        assert_non_null(at);
    }
    run_free(&r);
    remove_dir(dir);
}

/* Text a spreadsheet would run as a formula gets a leading apostrophe. */
static void test_csv_formula_neutralised(void **state)
{
    (void)state;
    run_result r = run("score", "-q", COHORT_Q, DATA "/formula.csv", "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\n\"'=HYPERLINK(1)\",2026,\"'@north\","));
    run_free(&r);
}

/* Without -q, the questionnaire column names it; it is looked up in
 * $ASSESS_QUESTIONNAIRE_PATH. */
static void test_questionnaire_lookup(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char link[512];
    snprintf(link, sizeof link, "%s/cohort-test", dir);
    assert_int_equal(symlink(COHORT_Q, link), 0);
    const char *old = getenv("ASSESS_QUESTIONNAIRE_PATH");
    char *saved = old ? strdup(old) : NULL;
    setenv("ASSESS_QUESTIONNAIRE_PATH", dir, 1);
    run_result r = run("score", DATA "/town.csv", "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, ",54.2,mid,"));
    run_free(&r);

    r = run("score", "-q", "no-such-questionnaire", DATA "/town.csv", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no questionnaire \"no-such-questionnaire\" is installed"));
    run_free(&r);
    if (saved) {
        setenv("ASSESS_QUESTIONNAIRE_PATH", saved, 1);
        free(saved);
    } else {
        unsetenv("ASSESS_QUESTIONNAIRE_PATH");
    }
    unlink(link);
    remove_dir(dir);
}

/* A copy of COHORT_Q in dir/name whose settings say `version`. */
static void package_copy(const char *dir, const char *name, const char *version)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(mkdir(path, 0755), 0);
    const char *files[] = {"dimensions", "items", "scales", "stages"};
    for (size_t k = 0; k < 4; k++) {
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s/%s.csv", COHORT_Q, files[k]);
        snprintf(to, sizeof to, "%s/%s/%s.csv", dir, name, files[k]);
        char *text = slurp(from, NULL);
        assert_non_null(text);
        write_file(to, text);
        free(text);
    }
    char settings[512], to[1024];
    snprintf(settings, sizeof settings,
             "key,value\nid,cohort-test\nversion,%s\ntitle,Cohort test %s\n", version, version);
    snprintf(to, sizeof to, "%s/%s/settings.csv", dir, name);
    write_file(to, settings);
}

static void package_remove(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove_dir(strdup(path));
}

/* Several versions of one questionnaire side by side, under folder names
 * that say nothing: each is known by the id and version in its settings.
 * A bare id is its highest version (1.10 above 1.9: numbers, not text),
 * ID@VERSION that version, and so is a responses file's column. */
static void test_questionnaire_versions(void **state)
{
    (void)state;
    char *dir = temp_dir();
    package_copy(dir, "a", "1.9");
    package_copy(dir, "b", "1.10");
    package_copy(dir, "zz-old", "1");
    const char *old = getenv("ASSESS_QUESTIONNAIRE_PATH");
    char *saved = old ? strdup(old) : NULL;
    char path[1200];
    snprintf(path, sizeof path, "/no/such/folder:%s", dir);
    setenv("ASSESS_QUESTIONNAIRE_PATH", path, 1);

    run_result r = run("validate", "cohort-test", NULL);
    assert_int_equal(r.status, 0);
    char want[1200];
    snprintf(want, sizeof want, "%s/b: cohort-test 1.10 is valid", dir);
    assert_non_null(strstr(r.out, want));
    run_free(&r);
    r = run("validate", "cohort-test@1.9", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "cohort-test 1.9 is valid"));
    run_free(&r);

    /* town.csv says cohort-test@1: that version scores it */
    r = run("score", DATA "/town.csv", "--format", "json", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"version\": \"1\""));
    run_free(&r);
    /* asked for 1.10, the file's column disagrees: the version was used */
    r = run("score", "-q", "cohort-test", DATA "/town.csv", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "does not match the questionnaire used, cohort-test@1.10"));
    run_free(&r);

    /* a version that is not there: the path and the versions there are */
    r = run("score", "-q", "cohort-test@2", DATA "/town.csv", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no questionnaire \"cohort-test@2\" is installed"));
    assert_non_null(strstr(r.err, "ASSESS_QUESTIONNAIRE_PATH"));
    snprintf(want, sizeof want, "installed: 1.9 (%s/a), 1.10 (%s/b), 1 (%s/zz-old)", dir, dir,
             dir);
    assert_non_null(strstr(r.err, want));
    run_free(&r);

    /* the first folder of the path wins for the same id and version */
    char *first = temp_dir();
    package_copy(first, "x", "1.9");
    snprintf(path, sizeof path, "%s:%s", first, dir);
    setenv("ASSESS_QUESTIONNAIRE_PATH", path, 1);
    r = run("validate", "cohort-test@1.9", NULL);
    snprintf(want, sizeof want, "%s/x: cohort-test 1.9 is valid", first);
    assert_non_null(strstr(r.out, want));
    run_free(&r);

    if (saved) {
        setenv("ASSESS_QUESTIONNAIRE_PATH", saved, 1);
        free(saved);
    } else {
        unsetenv("ASSESS_QUESTIONNAIRE_PATH");
    }
    package_remove(first, "x");
    remove_dir(first);
    package_remove(dir, "a");
    package_remove(dir, "b");
    package_remove(dir, "zz-old");
    remove_dir(dir);
}

/* Regression: a minority na with nothing else made an item "unknown"
 * with no level, and the text summary crashed looking up its label. */
static void test_minority_na_summary(void **state)
{
    (void)state;
    run_result r = run("score", "-q", COHORT_Q, DATA "/minority-na.csv", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "  1. 1.1.1 First alpha item\n     data gap: no answer\n"));
    run_free(&r);
}

/* A `submitted` cell a spreadsheet turned into a date holds its serial
 * number; in a workbook it is read as that date.  Text that is not a date
 * is still refused. */
static void test_workbook_date_serial(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char script[2048];
    snprintf(script, sizeof script,
             "import openpyxl, sys\n"
             "for name, when in (('serial', 46112), ('text', '31/03/2026')):\n"
             "    wb = openpyxl.Workbook(); ws = wb.active\n"
             "    ws.append(['entity', 'cycle', 'submitted', 'a1', 'a2', 'b1'])\n"
             "    ws.append(['Town', '2026', when, 2, 4, 1])\n"
             "    wb.save('%s/' + name + '.xlsx')\n",
             dir);
    const char *py[] = {"/usr/bin/python3", "-c", script, NULL};
    run_result r = run_tool(py);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char path[600];
    snprintf(path, sizeof path, "%s/serial.xlsx", dir);
    r = run("validate", COHORT_Q, path, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    snprintf(path, sizeof path, "%s/text.xlsx", dir);
    r = run("validate", COHORT_Q, path, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "[Sheet!C2]: error: column \"submitted\": \"31/03/2026\""));
    run_free(&r);
    remove_dir(dir);
}

/* ## Failures leave nothing behind */

static void test_invalid_input_keeps_old_output(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char out[512];
    snprintf(out, sizeof out, "%s/scores.json", dir);
    write_file(out, "precious");
    run_result r = run("score", "-q", COHORT_Q, DATA "/bad.csv", "-o", out, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(
        r.err, DATA "/bad.csv:2: error: column \"a2\": \"Mostly\" does not answer question "
                    "1.1.2 (a2): choose one of None, Some, Half, Most, All, Not applicable, "
                    "Don't know (or write its code: 0, 1, 2, 3, 4, na, unknown); did you mean "
                    "\"Most\"?\n" DATA
                    "/bad.csv:3: error: column \"b1\": \"b\" does not answer question 2.1.1 "
                    "(b1): choose one of Zero, One, Two, Three (or write its code: 0, 1, 2, "
                    "3)\n");
    assert_string_equal(r.out, "");
    run_free(&r);
    char *kept = slurp(out, NULL);
    assert_string_equal(kept, "precious");
    free(kept);
    assert_int_equal(count_entries(dir), 1); /* no temporary left */
    remove_dir(dir);
}

static void test_io_failure(void **state)
{
    (void)state;
    run_result r = run("score", "-q", COHORT_Q, DATA "/town.csv", "-o",
                       "/nonexistent-dir/scores.csv", NULL);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "/nonexistent-dir/scores.csv: error: cannot write: "));
    run_free(&r);

    /* said once, though the first input is also looked at for its
     * questionnaire column */
    r = run("score", DATA "/no-such-file.csv", NULL);
    assert_int_equal(r.status, 3);
    assert_string_equal(r.err,
                        DATA "/no-such-file.csv: error: cannot open: No such file or directory\n");
    run_free(&r);
}

/* A file past a limit is reported like an invalid one, and the files
 * after it are still read, in every command (validate and benchmark kept
 * their own loops and stopped there). */
static void test_limit_does_not_stop_reading(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char wide[512];
    snprintf(wide, sizeof wide, "%s/wide.csv", dir);
    FILE *f = fopen(wide, "w");
    assert_non_null(f);
    fputs("entity", f);
    for (int k = 0; k < 16400; k++)
        fprintf(f, ",c%d", k);
    fputs("\nTown\n", f);
    assert_int_equal(fclose(f), 0);
    char out[600];
    snprintf(out, sizeof out, "%s/state.csv", dir);
    const char *const cmds[][8] = {
        {"validate", COHORT_Q, wide, DATA "/bad.csv", NULL},
        {"score", "-q", COHORT_Q, wide, DATA "/bad.csv", NULL},
        {"benchmark", "-q", COHORT_Q, wide, DATA "/bad.csv", "-o", out, NULL},
    };
    for (size_t k = 0; k < sizeof cmds / sizeof *cmds; k++) {
        run_result r = run(cmds[k][0], cmds[k][1], cmds[k][2], cmds[k][3], cmds[k][4],
                           cmds[k][5], cmds[k][6], NULL);
        assert_int_equal(r.status, 1);
        assert_non_null(strstr(r.err, "wide.csv:1: error: a row has more than 16384 fields"));
        assert_non_null(strstr(r.err, "bad.csv:2: error: column \"a2\""));
        run_free(&r);
    }
    remove_dir(dir);
}

/* --lang for a language the questionnaire has no texts in: a warning,
 * and its own texts. */
static void test_lang_without_texts(void **state)
{
    (void)state;
    const char *q = TEST_DATA "/engine/q"; /* items translated into "es" */
    run_result r = run("template", "-q", q, "-o", "-", "--lang", "es", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "Los l\xC3\xAD" "deres hablan de equidad"));
    run_free(&r);
    r = run("template", "-q", q, "-o", "-", "--lang", "de", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "assess: warning: the program has no catalogue for \"de\": its own "
                               "words (headings, instructions, dates) stay in English\n"
                               "assess: warning: engine-test has no texts in \"de\"; they are "
                               "shown as written, in \"en\" (its languages: en, es)\n");
    assert_non_null(strstr(r.out, "Leaders talk about equity"));
    run_free(&r);
    /* a regional code uses its language's texts, with no warning */
    r = run("template", "-q", q, "-o", "-", "--lang", "es-MX", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_non_null(strstr(r.out, "Los l\xC3\xAD" "deres hablan de equidad"));
    run_free(&r);
}

/* A folder with nothing to read is an error, not an empty result; beside
 * a file that has responses it is only a warning. */
static void test_empty_folder(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char expect[1024];
    snprintf(expect, sizeof expect,
             "%s: warning: the folder has no .csv or .xlsx file\n"
             "assess: error: no responses file to read\n",
             dir);
    const char *const cmds[][6] = {
        {"score", dir, NULL},
        {"report", dir, "-o", "/tmp/never-written.pdf", NULL},
        {"benchmark", dir, "-o", "/tmp/never-written.csv", NULL},
        {"validate", COHORT_Q, dir, NULL},
    };
    for (size_t k = 0; k < sizeof cmds / sizeof *cmds; k++) {
        run_result r = run(cmds[k][0], cmds[k][1], cmds[k][2], cmds[k][3], cmds[k][4], NULL);
        assert_int_equal(r.status, 1);
        assert_string_equal(r.err, expect);
        assert_string_equal(r.out, "");
        run_free(&r);
    }
    run_result r = run("score", "-q", COHORT_Q, DATA "/town.csv", dir, "--format", "csv", NULL);
    assert_int_equal(r.status, 0);
    snprintf(expect, sizeof expect, "%s: warning: the folder has no .csv or .xlsx file\n", dir);
    assert_string_equal(r.err, expect);
    assert_non_null(strstr(r.out, "Town,2026,North,54.2,"));
    run_free(&r);
    remove_dir(dir);
}

/* ## validate */

static void test_validate(void **state)
{
    (void)state;
    run_result r = run("validate", COHORT_Q, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "cohort-test 1 is valid: 2 dimensions, 1 themes, 3 items"));
    run_free(&r);

    r = run("validate", DATA "/broken-q", NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_string_equal(
        r.err, DATA "/broken-q/dimensions.csv:3: error: column \"id\": dimension \"A\" is "
                    "defined twice\n" DATA
                    "/broken-q/dimensions.csv:3: error: column \"weight\": \"0\" is not a "
                    "number greater than 0\n" DATA
                    "/broken-q/items.csv:3: error: column \"id\": item \"a1\" is defined "
                    "twice\n" DATA
                    "/broken-q/items.csv:4: error: column \"dimension\": \"Z\" is not a "
                    "dimension in dimensions.csv\n");
    run_free(&r);

    /* responses after the questionnaire are checked against it */
    r = run("validate", COHORT_Q, DATA "/town.csv", DATA "/bad.csv", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.csv:2: error: column \"a2\""));
    run_free(&r);
}

/* ## The shipped questionnaire and examples */

static void test_shipped_questionnaire_is_clean(void **state)
{
    (void)state;
    run_result r = run("validate", GARE, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, ""); /* not even a warning */
    run_free(&r);
}

/* Two letters swapped in an item's column: not the one-edit error of
 * docs/formats.md, so the column is metadata, but the user is told, since the
 * item's answers go unread. */
static void test_misspelt_item_column_warns(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/riverton.csv", dir);
    snprintf(out, sizeof out, "%s/riverton.json", dir);
    char *text = slurp(CITIES "/riverton.csv", NULL);
    assert_non_null(text);
    char *col = strstr(text, ",lead_resolution,");
    assert_non_null(col);
    memcpy(col + 1, "lead_resolutoin", 15);
    write_file(in, text);
    free(text);

    run_result r = run("score", in, "-o", out, NULL);
    assert_int_equal(r.status, 0);
    char expect[2048];
    snprintf(expect, sizeof expect,
             "%s:1: warning: column \"lead_resolutoin\": not an item of gare-local, so it is "
             "kept as metadata and not scored; did you mean \"lead_resolution\"?\nwrote %s\n",
             in, out);
    assert_string_equal(r.err, expect);
    run_free(&r);

    text = slurp(out, NULL);
    assert_non_null(text);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    const cJSON *e = cJSON_GetArrayItem(field(doc, "entities"), 0);
    assert_string_equal(string(find_id(field(e, "items"), "lead_resolution"), "status"),
                        "missing");
    assert_non_null(string(field(e, "metadata"), "lead_resolutoin"));
    cJSON_Delete(doc);
    remove_dir(dir);
}

/* A broken copy of the shipped questionnaire lists every problem. */
static void test_broken_copy_of_shipped(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char cmd[1024];
    snprintf(cmd, sizeof cmd,
             "cp %s/*.csv %s && cd %s && "
             "printf 'x1,nowhere,Theme,A question,maturity\\n' >> items.csv && "
             "printf 'maturity,9,Beyond,lots\\n' >> scales.csv && "
             "printf 'zz,Zed,10\\n' >> stages.csv && "
             "printf 'ghost,0,Do it,short,low,gare\\n' >> recommendations.csv",
             GARE, dir, dir);
    assert_int_equal(system(cmd), 0);
    run_result r = run("validate", dir, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    const char *want[] = {
        "/items.csv:38: error: column \"dimension\": \"nowhere\" is not a dimension",
        "/scales.csv:", "column \"points\": \"lots\"",
        "/stages.csv:6: error: column \"min_score\"",
        "/recommendations.csv:", "\"ghost\"",
    };
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(r.err, want[k]))
            fail_msg("missing \"%s\" in:\n%s", want[k], r.err);
    run_free(&r);
    snprintf(cmd, sizeof cmd, "rm -f %s/*.csv", dir);
    assert_int_equal(system(cmd), 0);
    remove_dir(dir);
}

/* The three example cities are at clearly different stages. */
static void test_examples(void **state)
{
    (void)state;
    run_result r = run("score", CITIES "/riverton.csv", CITIES "/lakeside-long.csv",
                       CITIES "/cedar-falls-team.csv", "--format", "json", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    cJSON *doc = cJSON_Parse(r.out);
    assert_non_null(doc);
    const cJSON *entities = field(doc, "entities");
    assert_int_equal(cJSON_GetArraySize(entities), 3);
    double score[3];
    for (int k = 0; k < 3; k++)
        score[k] = number(field(cJSON_GetArrayItem(entities, k), "overall"), "score");
    assert_true(score[0] + 15 < score[1] && score[1] + 10 < score[2]);
    const cJSON *team = cJSON_GetArrayItem(entities, 2);
    assert_int_equal((int)number(team, "respondents"), 3);
    int disagreements = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, field(team, "items")) disagreements +=
        cJSON_IsTrue(field(it, "disagreement"));
    assert_true(disagreements >= 2);
    cJSON_Delete(doc);
    run_free(&r);
}

/* ## Shell habits */

static run_result shell(const char *script)
{
    const char *argv[] = {"bash", "-c", script, NULL};
    return run_tool(argv);
}

/* "-", a pipe and a process substitution read like the file itself; a
 * problem names "-", not a temporary copy. */
static void test_stdin_and_pipes(void **state)
{
    (void)state;
    run_result want = run("score", "-q", COHORT_Q, DATA "/town.csv", "--format", "csv", NULL);
    assert_int_equal(want.status, 0);
    const char *scripts[] = {
        "cat " DATA "/town.csv | " ASSESS_EXE " score -q " COHORT_Q " - --format csv",
        ASSESS_EXE " score -q " COHORT_Q " /dev/stdin --format csv < " DATA "/town.csv",
        ASSESS_EXE " score -q " COHORT_Q " <(cat " DATA "/town.csv) --format csv",
    };
    for (size_t k = 0; k < sizeof scripts / sizeof *scripts; k++) {
        run_result r = shell(scripts[k]);
        if (r.status != 0)
            fail_msg("%s: %d\n%s", scripts[k], r.status, r.err);
        assert_string_equal(r.out, want.out);
        assert_string_equal(r.err, "");
        run_free(&r);
    }
    run_free(&want);

    /* a workbook through a pipe: recognised by its contents */
    char *dir = temp_dir();
    char xlsx[600], script[2048];
    snprintf(xlsx, sizeof xlsx, "%s/form.xlsx", dir);
    run_result r = run("template", "-q", GARE, "-o", xlsx, "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    snprintf(script, sizeof script, "cat %s | " ASSESS_EXE " validate " GARE " -", xlsx);
    r = shell(script);
    /* an empty form: read as a workbook, and its problems named "-" */
    assert_int_equal(r.status, 1);
    assert_true(strncmp(r.err, "-[", 2) == 0);
    run_free(&r);

    r = shell("cat " DATA "/bad.csv | " ASSESS_EXE " score -q " COHORT_Q " -");
    assert_int_equal(r.status, 1);
    assert_string_equal(
        r.err, "-:2: error: column \"a2\": \"Mostly\" does not answer question 1.1.2 (a2): "
               "choose one of None, Some, Half, Most, All, Not applicable, Don't know (or "
               "write its code: 0, 1, 2, 3, 4, na, unknown); did you mean \"Most\"?\n"
               "-:3: error: column \"b1\": \"b\" does not answer question 2.1.1 (b1): "
               "choose one of Zero, One, Two, Three (or write its code: 0, 1, 2, 3)\n");
    run_free(&r);

    r = shell("cat " DATA "/town.csv | " ASSESS_EXE " score -q " COHORT_Q " - -");
    assert_int_equal(r.status, 3);
    assert_string_equal(r.err, "assess: error: - (standard input) can be read only once\n");
    run_free(&r);
    remove_dir(dir);
}

/* standard error is a pipe here: a line at each tenth, then the summary */
static void test_batch_progress_in_a_log(void **state)
{
    (void)state;
    char *dir = temp_dir();
    run_result r = run("report", "--batch", "-q", COHORT_Q, TEST_DATA "/cohort/cohort.csv", "-o",
                       dir, "-j", "2", NULL);
    assert_int_equal(r.status, 0);
    char want[2048] = "";
    for (int k = 1; k <= 7; k++) /* 7 reports: every one passes a tenth */
        snprintf(want + strlen(want), sizeof want - strlen(want),
                 "%d of 7 reports done (%d%%)\n", k, k * 100 / 7);
    snprintf(want + strlen(want), sizeof want - strlen(want), "wrote 7 of 7 reports to %s\n",
             dir);
    assert_string_equal(r.err, want);
    run_free(&r);
    r = run("report", "--batch", "-q", COHORT_Q, TEST_DATA "/cohort/cohort.csv", "-o", dir,
            "--quiet", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    run_free(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_and_help),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_score_json),
        cmocka_unit_test(test_score_csv_and_text),
        cmocka_unit_test(test_score_text_east_asian_width),
        cmocka_unit_test(test_score_many_entities_in_order),
        cmocka_unit_test(test_csv_formula_neutralised),
        cmocka_unit_test(test_questionnaire_lookup),
        cmocka_unit_test(test_questionnaire_versions),
        cmocka_unit_test(test_minority_na_summary),
        cmocka_unit_test(test_workbook_date_serial),
        cmocka_unit_test(test_invalid_input_keeps_old_output),
        cmocka_unit_test(test_io_failure),
        cmocka_unit_test(test_empty_folder),
        cmocka_unit_test(test_lang_without_texts),
        cmocka_unit_test(test_limit_does_not_stop_reading),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_shipped_questionnaire_is_clean),
        cmocka_unit_test(test_misspelt_item_column_warns),
        cmocka_unit_test(test_broken_copy_of_shipped),
        cmocka_unit_test(test_examples),
        cmocka_unit_test(test_stdin_and_pipes),
        cmocka_unit_test(test_batch_progress_in_a_log),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
