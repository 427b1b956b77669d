/*
 * test_template.c — `assess template` end to end: the assessment workbook
 * read by openpyxl (sheets, drop-downs, protection, hidden id column,
 * locked and unlocked cells, the live counts, print set-up, the _assess
 * layout), the long CSV form line by line and scored once filled in, the
 * printable form through qpdf and pdftotext, usage errors and atomic,
 * reproducible output.  tests/template_fill.py does the openpyxl part.
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
#include <sys/stat.h>
#include <unistd.h>

#define CITY_Q TEST_DATA "/city/q"
#define CITY_CSV TEST_DATA "/city/villeneuve.csv"
#define GARE SOURCE_DIR "/questionnaires/gare-local-1.0"
#define GARE11 SOURCE_DIR "/questionnaires/gare-local"
#define FILL SOURCE_DIR "/tests/template_fill.py"
#define PYTHON "/usr/bin/python3" /* Debian's, with python3-openpyxl */

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

static void assert_has(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("expected \"%s\" in:\n%.4000s", want, text);
}

static void assert_lacks(const char *text, const char *unwanted)
{
    if (strstr(text, unwanted))
        fail_msg("did not expect \"%s\"", unwanted);
}

/* A whole line of the inspect output. */
static void assert_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++) {
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
    }
    fail_msg("expected the line \"%s\" in:\n%.6000s", line, text);
}

/* A copy of some files of a questionnaire folder into dir. */
static void copy_files(const char *from, const char *dir, const char *const *names, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        char *src = path_in(from, names[k]), *dst = path_in(dir, names[k]);
        char *text = slurp(src, NULL);
        assert_non_null(text);
        write_file(dst, text);
        free(text);
        free(src);
        free(dst);
    }
}

static void template_ok(const char *q, const char *out)
{
    run_result r = run("template", "-q", q, "-o", out, NULL);
    if (r.status != 0)
        fail_msg("assess template -q %s -o %s: %d\n%s", q, out, r.status, r.err);
    char said[600];
    int pages = strstr(out, ".pdf") ? pdf_page_count(out) : 0;
    if (pages)
        snprintf(said, sizeof said, "wrote %s: %d page%s\n", out, pages, pages == 1 ? "" : "s");
    else
        snprintf(said, sizeof said, "wrote %s\n", out);
    assert_string_equal(r.err, said);
    run_free(&r);
}

/* What openpyxl sees in a workbook, one fact a line. */
static char *inspect(const char *xlsx)
{
    const char *argv[] = {PYTHON, FILL, "inspect", xlsx, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("template_fill.py inspect %s: %s", xlsx, r.err);
    free(r.err);
    return r.out;
}

/* ## The workbook */

static void workbook_city(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "city.xlsx");
    template_ok(CITY_Q, x);
    char *s = inspect(x);
    /* sheets, in order; no _lists: every list fits inline */
    assert_line(s, "sheets: Instructions|Cover|Normalize|Organize|_assess");
    assert_line(s, "state _assess hidden");
    assert_line(s, "state Normalize visible");
    const char *sheets[] = {"Instructions", "Cover", "Normalize", "Organize", "_assess"};
    for (size_t k = 0; k < 5; k++) {
        char line[128];
        snprintf(line, sizeof line, "protected %s 1 password none", sheets[k]);
        assert_line(s, line);
    }
    /* the dimension sheets: hidden ids, the header, drop-downs of labels */
    assert_line(s, "hidden_columns Normalize A");
    assert_line(s, "cell Normalize!A1 assess:dimension:N");
    assert_line(s, "cell Normalize!A4 n1");
    assert_line(s, "cell Normalize!A6 n3");
    assert_line(s, "cell Organize!A6 o3");
    assert_line(s, "cell Normalize!E3 Answer");
    assert_line(s, "cell Normalize!F3 Evidence");
    assert_line(s, "cell Normalize!G3 Notes");
    assert_line(s, "cell Normalize!B4 Lead");
    assert_line(s, "cell Normalize!C4 Has the council adopted an equity resolution?");
    assert_line(s, "cell Normalize!D4 Evidence: The resolution's number");
    assert_line(s, "validation Normalize E4:E6 list \"None,Some,Much,Full,Not applicable,"
                   "Don't know\" blank=1 error=1 style=stop");
    assert_line(s, "validation Organize E4:E6 list \"None,Some,Much,Full,Not applicable,"
                   "Don't know\" blank=1 error=1 style=stop");
    assert_line(s, "answers_without_list Normalize none");
    assert_line(s, "answers_without_list Organize none");
    /* only the answers, evidence and notes can be changed */
    assert_line(s, "unlocked Normalize E4 F4 G4 E5 F5 G5 E6 F6 G6");
    assert_line(s, "unlocked Organize E4 F4 G4 E5 F5 G5 E6 F6 G6");
    assert_line(s, "unlocked Instructions none");
    assert_line(s, "unlocked _assess none");
    /* the live count: a plain COUNTA */
    assert_line(s, "formula Normalize!E1 =COUNTA(E4:E6)&\" of 3 answered\"");
    assert_line(s, "formula Organize!E1 =COUNTA(E4:E6)&\" of 3 answered\"");
    /* frozen header, print set-up */
    assert_line(s, "freeze Normalize A4");
    assert_line(s, "print Normalize landscape fit 1 1x0 titles $3:$3");
    assert_line(s, "print Instructions portrait fit 1 1x0 titles None");
    /* the Cover: labels in A, inputs in B, keys hidden in D, a progress table */
    assert_line(s, "cell Cover!A4 City");
    assert_line(s, "cell Cover!A5 Cycle");
    assert_line(s, "cell Cover!A6 Respondent");
    assert_line(s, "cell Cover!A7 Submitted");
    assert_line(s, "cell Cover!A8 Region");
    assert_line(s, "cell Cover!A9 Population");
    assert_line(s, "cell Cover!D4 @entity");
    assert_line(s, "cell Cover!D9 @population");
    assert_line(s, "hidden_columns Cover D");
    assert_line(s, "unlocked Cover B4 B5 B6 B7 B8 B9");
    assert_line(s, "validation Cover B9 whole 0 blank=1 error=1 style=stop");
    assert_line(s, "formula Cover!B12 =COUNTA('Normalize'!$E$4:$E$6)");
    assert_line(s, "formula Cover!B14 =SUM(B12:B13)");
    /* _assess: what the reader needs */
    assert_line(s, "cell _assess!E2 assess-template/1");
    assert_line(s, "cell _assess!A3 questionnaire");
    assert_line(s, "cell _assess!E3 city-test@2");
    assert_line(s, "cell _assess!E4 en");
    assert_line(s, "cell _assess!B5 @entity");
    assert_line(s, "cell _assess!E5 B4");
    assert_line(s, "cell _assess!A11 dimension");
    assert_line(s, "cell _assess!B11 N");
    assert_line(s, "cell _assess!C11 Normalize");
    assert_line(s, "cell _assess!D11 3");
    assert_line(s, "cell _assess!E11 A1");
    assert_line(s, "cell _assess!G11 E");
    assert_line(s, "cell _assess!J11 4");
    assert_line(s, "cell _assess!K11 6");
    assert_line(s, "cell _assess!A13 item");
    assert_line(s, "cell _assess!B13 n1");
    assert_line(s, "cell _assess!E13 lvl");
    assert_line(s, "cell _assess!A19 choice");
    assert_line(s, "cell _assess!C19 None");
    assert_line(s, "cell _assess!E19 0");
    /* the Instructions explain every level */
    assert_line(s, "cell Instructions!B1 City test questionnaire");
    assert_has(s, "Instructions!B");
    assert_has(s, " Not applicable\n");
    free(s);
    free(x);
    remove_dir(dir);
}

static void workbook_gare(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "gare.xlsx");
    template_ok(GARE, x);
    char *s = inspect(x);
    assert_line(s, "sheets: Instructions|Cover|Normalize|Organize|Operationalize|_lists|_assess");
    assert_line(s, "state _lists hidden");
    assert_line(s, "protected _lists 1 password none");
    /* a label with a comma cannot be in an inline list: it is on _lists */
    assert_line(s, "cell _lists!A1 budget_tool");
    assert_line(s, "cell _lists!A6 Shapes allocations, reported publicly");
    assert_has(s, " list '_lists'!$A$2:$A$7 blank=1 error=1 style=stop");
    assert_has(s, "validation Normalize E4:E7 list \"Not started,Exploring,Developing,"
                  "Established,Embedded,Not applicable,Don't know\"");
    assert_line(s, "answers_without_list Normalize none");
    assert_line(s, "answers_without_list Organize none");
    assert_line(s, "answers_without_list Operationalize none");
    assert_line(s, "formula Normalize!E1 =COUNTA(E4:E15)&\" of 12 answered\"");
    assert_line(s, "formula Operationalize!E1 =COUNTA(E4:E15)&\" of 12 answered\"");
    assert_line(s, "cell _assess!E3 gare-local@1.0.0");
    assert_line(s, "cell Normalize!A4 lead_resolution");
    /* the Instructions give the scales' descriptions */
    assert_has(s, "Nothing is in place and nobody has been asked to work on it.");
    assert_has(s, "Budget instructions and forms ask nothing about racial equity.");
    /* the Cover names the entity as the questionnaire does */
    assert_line(s, "cell Cover!A4 City");
    free(s);
    free(x);
    remove_dir(dir);
}

/* Dimension labels that are no sheet names: characters Excel refuses, too
 * long, clashing with a sheet of the workbook or with each other. */
static void workbook_sheet_names(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *files[] = {"settings.csv", "scales.csv", "stages.csv", "items.csv"};
    copy_files(CITY_Q, dir, files, 4);
    char *dims = path_in(dir, "dimensions.csv");
    write_file(dims, "id,label\n"
                     "N,Cover\n"
                     "O,\"Organize: people/teams [core] * and more words\"\n");
    free(dims);
    char *x = path_in(dir, "names.xlsx");
    template_ok(dir, x);
    char *s = inspect(x);
    assert_line(s, "sheets: Instructions|Cover|Cover (2)|Organize- people-teams -core- -|"
                   "_assess");
    assert_line(s, "cell _assess!C11 Cover (2)");
    assert_line(s, "formula Cover!B12 =COUNTA('Cover (2)'!$E$4:$E$6)");
    free(s);
    free(x);
    remove_dir(dir);
}

static void workbook_reproducible(void **state)
{
    (void)state;
    char *dir = temp_dir(), *a = path_in(dir, "a.xlsx"), *b = path_in(dir, "b.xlsx");
    setenv("SOURCE_DATE_EPOCH", "1767225600", 1); /* 2026-01-01 */
    template_ok(GARE, a);
    template_ok(GARE, b);
    unsetenv("SOURCE_DATE_EPOCH");
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_non_null(x);
    assert_non_null(y);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    char *s = inspect(a);
    assert_line(s, "created 2026-01-01T00:00:00");
    free(s);
    free(x);
    free(y);
    free(a);
    free(b);
    remove_dir(dir);
}

/* ## The long CSV form */

static void csv_form(void **state)
{
    (void)state;
    char *dir = temp_dir(), *c = path_in(dir, "city.csv");
    template_ok(CITY_Q, c);
    char *s = slurp(c, NULL);
    assert_non_null(s);
    assert_string_equal(
        s, "\xEF\xBB\xBF"
           "item,answer,evidence,notes,question,choices\n"
           "@entity,,,,Required: the name of the City assessed,\n"
           "@cycle,,,,\"The assessment period, for example 2026\",\n"
           "@questionnaire,city-test@2,,,The questionnaire these answers are for; keep it,\n"
           "@respondent,,,,\"Who answered: a name, a team or a role\",\n"
           "@submitted,,,,\"The date the answers were final, as YYYY-MM-DD\",\n"
           "@region,,,,\"Optional: the region, for comparisons with peers\",\n"
           "@population,,,,Optional: the number of residents,\n"
           "n1,,,,Has the council adopted an equity resolution?,None | Some | Much | Full | "
           "Not applicable | Don't know\n"
           "n2,,,,Do leaders speak about equity in public?,None | Some | Much | Full | "
           "Not applicable | Don't know\n"
           "n3,,,,Do staff share a vocabulary for equity?,None | Some | Much | Full | "
           "Not applicable | Don't know\n"
           "o1,,,,Is there an equity team?,None | Some | Much | Full | Not applicable | "
           "Don't know\n"
           "o2,,,,Does the team meet monthly?,None | Some | Much | Full | Not applicable | "
           "Don't know\n"
           "o3,,,,Is the team paid for its time?,None | Some | Much | Full | Not applicable | "
           "Don't know\n");
    free(s);

    /* to standard output: the same, without the byte-order mark */
    run_result r = run("template", "-q", CITY_Q, "-o", "-", NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "item,answer,evidence,notes,question,choices\n@entity,", 51) == 0);
    assert_lacks(r.out, "\xEF\xBB\xBF");
    run_free(&r);

    /* gare-local: every item, in dimension order */
    char *g = path_in(dir, "gare.csv");
    template_ok(GARE, g);
    s = slurp(g, NULL);
    assert_non_null(s);
    assert_has(s, "\n@questionnaire,gare-local@1.0.0,,,");
    assert_has(s, "\n@population,,,,Optional: the number of residents,\nlead_resolution,,,,");
    assert_has(s, ",No staff trained | A few individuals | Leaders and some departments | ");
    assert_has(s, ",\"Not used in the budget | Tried on a few requests | ");
    size_t lines = 0;
    for (const char *p = s; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 1 + 7 + 36);
    free(s);
    free(g);
    free(c);
    remove_dir(dir);
}

/* The first respondent of villeneuve.csv, as its own wide file. */
static char *first_respondent(const char *dir)
{
    char *text = slurp(CITY_CSV, NULL);
    assert_non_null(text);
    char *end = strchr(strchr(text, '\n') + 1, '\n');
    end[1] = '\0';
    char *p = path_in(dir, "first.csv");
    write_file(p, text);
    free(text);
    return p;
}

static char *score_json(const char *q, const char *file)
{
    run_result r = run("score", "-q", q, file, "--format", "json", NULL);
    if (r.status != 0)
        fail_msg("assess score %s: %d\n%s", file, r.status, r.err);
    free(r.err);
    return r.out;
}

/* The CSV form filled in by hand scores as the wide file does. */
static void csv_form_filled(void **state)
{
    (void)state;
    char *dir = temp_dir(), *c = path_in(dir, "form.csv");
    template_ok(CITY_Q, c);
    char *s = slurp(c, NULL);
    assert_non_null(s);
    /* fill in: the entity, cycle, respondent, region and the answers */
    const struct {
        const char *from, *to;
    } edits[] = {
        {"@entity,,", "@entity,Villeneuve-sur-Lac,"},
        {"@cycle,,", "@cycle,2026,"},
        {"@respondent,,", "@respondent,Ana Peña,"},
        {"@region,,", "@region,Lakes,"},
        {"n1,,,", "n1,Much,Resolution 2024-17 — adopted,"},
        {"n2,,", "n2,Some,"},
        {"n3,,", "n3,Don't know,"},
        {"o1,,", "o1,full,"},
        {"o2,,", "o2,0,"},
        {"o3,,", "o3,Not applicable,"},
    };
    size_t cap = strlen(s) + 1024;
    char *filled = malloc(cap);
    assert_non_null(filled);
    snprintf(filled, cap, "%s", s);
    for (size_t k = 0; k < sizeof edits / sizeof *edits; k++) {
        char *at = strstr(filled, edits[k].from);
        assert_non_null(at);
        size_t before = (size_t)(at - filled), nf = strlen(edits[k].from);
        char *rest = strdup(at + nf);
        snprintf(filled + before, cap - before, "%s%s", edits[k].to, rest);
        free(rest);
    }
    write_file(c, filled);
    char *wide = first_respondent(dir);
    char *want = score_json(CITY_Q, wide), *got = score_json(CITY_Q, c);
    assert_string_equal(got, want);
    /* the questionnaire is found from the @questionnaire row */
    run_result r = run("score", c, "--format", "json", NULL);
    assert_int_equal(r.status, 1); /* city-test is not installed */
    assert_has(r.err, "no questionnaire \"city-test@2\" is installed");
    run_free(&r);
    free(want);
    free(got);
    free(wide);
    free(filled);
    free(s);
    free(c);
    remove_dir(dir);
}

/* ## Reading a filled workbook back */

static void fill(const char *in, const char *out, const char *spec_json, const char *dir)
{
    char *spec = path_in(dir, "spec.json");
    write_file(spec, spec_json);
    const char *argv[] = {PYTHON, FILL, "fill", in, out, spec, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("template_fill.py fill: %s", r.err);
    run_free(&r);
    free(spec);
}

/* A copy of a workbook opened and saved by LibreOffice, or NULL when it
 * is not installed. */
static char *libreoffice_copy(const char *xlsx, const char *dir)
{
    if (access("/usr/bin/soffice", X_OK) != 0)
        return NULL;
    char *home = path_in(dir, "home"), *outdir = path_in(dir, "lo");
    mkdir(home, 0700);
    mkdir(outdir, 0700);
    char profile[1200];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s", home);
    const char *old = getenv("HOME");
    char *saved = old ? strdup(old) : NULL;
    setenv("HOME", home, 1);
    const char *argv[] = {"soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir",
                          outdir, xlsx, NULL};
    run_result r = run_tool(argv);
    if (saved)
        setenv("HOME", saved, 1);
    free(saved);
    if (r.status != 0)
        fail_msg("soffice: %s%s", r.out, r.err);
    run_free(&r);
    const char *base = strrchr(xlsx, '/');
    char *copy = path_in(outdir, base ? base + 1 : xlsx);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);
    free(home);
    free(outdir);
    return copy;
}

/* Villeneuve's first respondent, typed into the workbook as a person
 * would: labels chosen from the drop-downs, the name on the Cover. */
static const char city_answers[] =
    "\"cover\": {\"@entity\": \"Villeneuve-sur-Lac\", \"@cycle\": 2026, "
    "\"@respondent\": \"Ana Peña\", \"@region\": \"Lakes\"},"
    "\"answers\": {\"n1\": \"Much\", \"n2\": \"Some\", \"n3\": \"Don't know\", "
    "\"o1\": \"Full\", \"o2\": \"None\", \"o3\": \"Not applicable\"},"
    "\"evidence\": {\"n1\": \"Resolution 2024-17 — adopted\"}";

static void readback_city(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "city.xlsx"), *f = path_in(dir, "filled.xlsx");
    template_ok(CITY_Q, x);
    char spec[2048];
    snprintf(spec, sizeof spec, "{%s}", city_answers);
    fill(x, f, spec, dir);
    char *wide = first_respondent(dir);
    char *want = score_json(CITY_Q, wide), *got = score_json(CITY_Q, f);
    assert_string_equal(got, want);
    free(got);
    /* the report takes it too */
    char *pdf = path_in(dir, "report.pdf");
    run_result r = run("report", "-q", CITY_Q, f, "-o", pdf, NULL);
    if (r.status != 0)
        fail_msg("assess report: %s", r.err);
    run_free(&r);
    /* the same workbook after LibreOffice opened and saved it */
    char *lo = libreoffice_copy(f, dir);
    if (lo) {
        got = score_json(CITY_Q, lo);
        assert_string_equal(got, want);
        free(got);
        free(lo);
    }
    free(want);
    free(pdf);
    free(wide);
    free(f);
    free(x);
    const char *rm[] = {"rm", "-rf", dir, NULL}; /* LibreOffice's profile is a tree */
    run_result r2 = run_tool(rm);
    run_free(&r2);
    free(dir);
}

/* Sheets renamed and moved, rows sorted: read by ids, not places. */
static void readback_moved(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "city.xlsx"), *f = path_in(dir, "moved.xlsx");
    template_ok(CITY_Q, x);
    char spec[2048];
    snprintf(spec, sizeof spec,
             "{%s, \"reverse\": [\"Normalize\", \"Organize\"], "
             "\"rename\": {\"Organize\": \"Our team\", \"Cover\": \"Front page\"}, "
             "\"first\": \"Our team\"}",
             city_answers);
    fill(x, f, spec, dir);
    char *wide = first_respondent(dir);
    char *want = score_json(CITY_Q, wide), *got = score_json(CITY_Q, f);
    assert_string_equal(got, want);
    free(got);
    free(want);
    free(wide);
    free(f);
    free(x);
    remove_dir(dir);
}

/* A copy of a filled sheet (a draft the user made, with another answer):
 * the first sheet in the workbook counts, the copy is named in a warning
 * and not read (it used to be read too: every item "answered twice"). */
static void readback_copied_sheet(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "city.xlsx"), *f = path_in(dir, "copy.xlsx");
    template_ok(CITY_Q, x);
    char spec[2048];
    snprintf(spec, sizeof spec,
             "{%s, \"copy\": [\"Normalize\", \"Cover\"], "
             "\"raw\": [[\"Normalize (2)\", \"E4\", \"None\"]]}",
             city_answers);
    fill(x, f, spec, dir);
    char *wide = first_respondent(dir);
    char *want = score_json(CITY_Q, wide);
    run_result r = run("score", "-q", CITY_Q, f, "--format", "json", NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, want);
    char expect[2048];
    snprintf(expect, sizeof expect,
             "%s[Normalize (2)]: warning: a copy of the sheet \"Normalize\": what it holds is "
             "not read\n%s[Cover (2)]: warning: a copy of the sheet \"Cover\": what it holds "
             "is not read\n",
             f, f);
    assert_string_equal(r.err, expect);
    run_free(&r);
    free(want);
    free(wide);
    free(f);
    free(x);
    remove_dir(dir);
}

static run_result score_fails(const char *q, const char *file)
{
    run_result r = run("score", "-q", q, file, "--format", "json", NULL);
    if (r.status != 1)
        fail_msg("assess score %s: %d, expected 1\n%s", file, r.status, r.err);
    assert_string_equal(r.out, "");
    return r;
}

static void readback_errors(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "city.xlsx"), *f = path_in(dir, "t.xlsx");
    template_ok(CITY_Q, x);
    char spec[2048], want[512];

    /* typed past the drop-down (openpyxl writes anything) */
    snprintf(spec, sizeof spec, "{%s, \"raw\": [[\"Normalize\", \"E5\", \"Maybe\"]]}",
             city_answers);
    fill(x, f, spec, dir);
    run_result r = score_fails(CITY_Q, f);
    snprintf(want, sizeof want,
             "%s[Normalize!E5]: error: column \"answer\": \"Maybe\" does not answer question "
             "1.1.2 (n2): choose one of None, Some, Much, Full, Not applicable, Don't know",
             f);
    assert_has(r.err, want);
    run_free(&r);

    /* a dimension sheet deleted */
    snprintf(spec, sizeof spec, "{%s, \"delete\": [\"Organize\"]}", city_answers);
    fill(x, f, spec, dir);
    r = score_fails(CITY_Q, f);
    snprintf(want, sizeof want,
             "%s[Organize]: error: the sheet of dimension \"O\" is missing, so its 3 answers "
             "cannot be read",
             f);
    assert_has(r.err, want);
    run_free(&r);

    /* the Cover deleted */
    snprintf(spec, sizeof spec, "{%s, \"delete\": [\"Cover\"]}", city_answers);
    fill(x, f, spec, dir);
    r = score_fails(CITY_Q, f);
    snprintf(want, sizeof want, "%s[Cover]: error: the sheet is missing", f);
    assert_has(r.err, want);
    run_free(&r);

    /* nothing filled in: no entity */
    r = score_fails(CITY_Q, x);
    snprintf(want, sizeof want,
             "%s[Cover!B4]: error: the City is not named: type its name in the yellow cell "
             "beside \u201cCity\u201d",
             x);
    assert_has(r.err, want);
    assert_lacks(r.err, "@entity"); /* no words of the CSV form */
    run_free(&r);

    /* a date that is none; a date a spreadsheet stored as a number is one */
    fill(x, f, "{\"cover\": {\"@entity\": \"X\", \"@submitted\": \"31/03/2026\"}}", dir);
    r = score_fails(CITY_Q, f);
    snprintf(want, sizeof want,
             "%s[Cover!B7]: error: \"31/03/2026\" is not a date: type it as YYYY-MM-DD", f);
    assert_has(r.err, want);
    run_free(&r);
    fill(x, f, "{\"cover\": {\"@entity\": \"X\", \"@submitted\": 46112}}", dir);
    char *json = score_json(CITY_Q, f);
    assert_has(json, "\"entity\": \"X\"");
    free(json);

    /* a workbook made for another version of the questionnaire */
    fill(x, f, "{\"cover\": {\"@entity\": \"X\"}, \"raw\": [[\"_assess\", \"E3\", \"city-test@1\"]]}",
         dir);
    r = score_fails(CITY_Q, f);
    snprintf(want, sizeof want,
             "%s[_assess!E3]: error: column \"answer\": \"city-test@1\" does not match the "
             "questionnaire used, city-test@2",
             f);
    assert_has(r.err, want);
    run_free(&r);
    free(f);
    free(x);
    remove_dir(dir);
}

/* gare-local (the default, 1.1), a few answers on items whose id and scale 1.0
 * shares, no -q: the workbook names its questionnaire. */
static void readback_gare(void **state)
{
    (void)state;
    char *dir = temp_dir(), *x = path_in(dir, "gare.xlsx"), *f = path_in(dir, "riverton.xlsx");
    template_ok(GARE11, x);
    fill(x, f,
         "{\"cover\": {\"@entity\": \"Riverton\", \"@cycle\": \"2026\", "
         "\"@submitted\": \"2026-03-31\", \"@region\": \"Bay Area\", \"@population\": 48210},"
         "\"answers\": {\"lead_resolution\": \"Established\", \"train_staff\": "
         "\"Most staff and all managers\", \"team_core\": \"Informal group of volunteers\", "
         "\"tool_budget\": \"Shapes allocations, reported publicly\", "
         "\"svc_data\": \"not applicable\", \"acct_plan\": \"Don't know\"},"
         "\"evidence\": {\"lead_resolution\": \"Resolution 2024-17\"},"
         "\"notes\": {\"tool_budget\": \"Since FY2025\"}}",
         dir);
    char *csv = path_in(dir, "riverton.csv");
    write_file(csv, "item,answer,evidence,notes\n"
                    "@entity,Riverton,,\n"
                    "@cycle,2026,,\n"
                    "@submitted,2026-03-31,,\n"
                    "@region,Bay Area,,\n"
                    "@population,48210,,\n"
                    "lead_resolution,3,Resolution 2024-17,\n"
                    "train_staff,3,,\n"
                    "team_core,1,,\n"
                    "tool_budget,4,,Since FY2025\n"
                    "svc_data,na,,\n"
                    "acct_plan,unknown,,\n");
    run_result r = run("score", f, "--format", "json", NULL);
    if (r.status != 0)
        fail_msg("assess score: %s", r.err);
    char *want = score_json(GARE11, csv);
    assert_string_equal(r.out, want);
    assert_has(r.out, "\"metadata\": {\"region\": \"Bay Area\", \"population\": \"48210\"}");
    assert_has(r.out, "{\"id\": \"tool_budget\", \"number\": \"3.1.2\", \"status\": \"scored\", "
                      "\"answer\": \"4\"");
    run_free(&r);
    free(want);
    free(csv);
    free(f);
    free(x);
    remove_dir(dir);
}

/* A workbook in another language: its drop-downs show the translations,
 * and they read back as the same choices. */
static void readback_translated(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *files[] = {"settings.csv", "stages.csv", "items.csv", "dimensions.csv"};
    copy_files(CITY_Q, dir, files, 4);
    char *scales = path_in(dir, "scales.csv");
    write_file(scales, "scale,value,label,points,label::es\n"
                       "lvl,0,None,0,Nada\n"
                       "lvl,1,Some,1,Algo\n"
                       "lvl,2,Much,2,Mucho\n"
                       "lvl,3,Full,3,Completo\n"
                       "lvl,na,Not applicable,na,No aplica\n"
                       "lvl,unknown,Don't know,unknown,No sé\n");
    char *x = path_in(dir, "es.xlsx"), *f = path_in(dir, "es-filled.xlsx");
    run_result r = run("template", "-q", dir, "-o", x, "--lang", "es", NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *s = inspect(x);
    assert_line(s, "validation Normalize E4:E6 list \"Nada,Algo,Mucho,Completo,No aplica,No sé\" "
                   "blank=1 error=1 style=stop");
    assert_line(s, "cell _assess!E4 es");
    free(s);
    fill(x, f,
         "{\"cover\": {\"@entity\": \"Villeneuve-sur-Lac\", \"@cycle\": \"2026\", "
         "\"@region\": \"Lakes\"},"
         "\"answers\": {\"n1\": \"Mucho\", \"n2\": \"algo\", \"n3\": \"No sé\", "
         "\"o1\": \"Completo\", \"o2\": \"Nada\", \"o3\": \"No aplica\"},"
         "\"evidence\": {\"n1\": \"Resolution 2024-17 — adopted\"}}",
         dir);
    /* the CSV form gives the value beside a translated label */
    r = run("template", "-q", dir, "-o", "-", "--lang", "es", NULL);
    assert_int_equal(r.status, 0);
    assert_has(r.out, "\nn1,,,,Has the council adopted an equity resolution?,Nada (0) | "
                      "Algo (1) | Mucho (2) | Completo (3) | No aplica (na) | "
                      "No sé (unknown)\n");
    run_free(&r);
    char *first = first_respondent(dir);
    char *want = score_json(dir, first);
    char *got = score_json(dir, f);
    assert_string_equal(got, want);
    free(got);
    free(want);
    free(first);
    free(f);
    free(x);
    free(scales);
    remove_dir(dir);
}

/* ## The printable form */

static char *pdf_text(const char *pdf)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    run_result r = run_tool(argv);
    assert_int_equal(r.status, 0);
    free(r.err);
    return squeeze(r.out);
}

static void pdf_form(void **state)
{
    (void)state;
    char *dir = temp_dir(), *p = path_in(dir, "gare.pdf");
    template_ok(GARE, p);
    const char *argv[] = {"qpdf", "--check", p, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("qpdf --check: %s%s", r.out, r.err);
    run_free(&r);
    char *text = pdf_text(p);
    /* no item id: readers see numbers and questions */
    char *items = slurp(GARE "/items.csv", NULL);
    assert_non_null(items);
    size_t n = 0;
    for (char *line = strchr(items, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        char id[128];
        size_t len = strcspn(line + 1, ",");
        assert_true(len < sizeof id);
        memcpy(id, line + 1, len);
        id[len] = '\0';
        assert_lacks(text, id);
        n++;
    }
    assert_int_equal(n, 36);
    free(items);
    /* every question's number, D.T.I, beside it */
    assert_has(text, "1.1.1 ");
    assert_has(text, "3.1.2 ");
    /* every level of the maturity scale, with a box and its description */
    const char *labels[] = {"Not started", "Exploring", "Developing", "Established",
                            "Embedded",    "Not applicable", "Don't know"};
    for (size_t k = 0; k < 7; k++) {
        char want[64];
        snprintf(want, sizeof want, "\xE2\x98\x90 %s \xE2\x80\x94 ", labels[k]);
        assert_has(text, want);
    }
    assert_has(text, "\xE2\x98\x90 Shapes allocations, reported publicly \xE2\x80\x94 The budget");
    assert_has(text, "How to answer");
    assert_has(text, "Assessment form");
    assert_has(text, "Leadership commitment");
    assert_has(text, "Evidence: Title, number and date of the resolution or ordinance");
    free(text);

    /* reproducible */
    char *a = path_in(dir, "a.pdf"), *b = path_in(dir, "b.pdf");
    setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
    template_ok(CITY_Q, a);
    template_ok(CITY_Q, b);
    unsetenv("SOURCE_DATE_EPOCH");
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    text = pdf_text(a);
    assert_lacks(text, "n1"); /* the id of its first item: numbers only */
    assert_has(text, "\xE2\x98\x90 Much");
    assert_has(text, "Other questions"); /* o3 has no theme */
    free(text);
    free(x);
    free(y);
    free(a);
    free(b);
    free(p);
    remove_dir(dir);
}

/* ## The command */

static void usage(void **state)
{
    (void)state;
    run_result r = run("template", "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_has(r.out, "usage: assess template [-q Q] -o FILE.xlsx|FILE.csv|FILE.pdf");
    run_free(&r);
    r = run("template", "--version", NULL);
    assert_int_equal(r.status, 0);
    assert_has(r.out, "assess ");
    run_free(&r);
    r = run("--help", NULL);
    assert_has(r.out, "  template ");
    run_free(&r);

    struct {
        const char *args[4];
        const char *message;
    } cases[] = {
        {{NULL}, "-o FILE.xlsx, FILE.csv or FILE.pdf is required"},
        {{"-o", "form.docx", NULL}, "-o takes a .xlsx, .csv or .pdf file"},
        {{"-o", NULL}, "-o needs a value"},
        {{"--frobnicate", NULL}, "unknown option --frobnicate"},
        {{"gare-local", "-o", "x.csv", NULL}, "unexpected argument \"gare-local\""},
        {{"-q", "no-such-questionnaire", "-o", "x.csv"}, "no questionnaire"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const char **a = cases[k].args;
        r = run("template", a[0], a[1], a[2], a[3], NULL);
        if (r.status != 2 || !strstr(r.err, cases[k].message))
            fail_msg("case %zu: status %d, stderr %s", k, r.status, r.err);
        run_free(&r);
    }
}

/* Outputs appear whole or not at all; an existing file survives a failure. */
static void atomic(void **state)
{
    (void)state;
    char *dir = temp_dir();
    /* an invalid questionnaire: exit 1, the old file untouched */
    char *bad = path_in(dir, "bad");
    mkdir(bad, 0755);
    char *settings = path_in(bad, "settings.csv");
    write_file(settings, "key,value\nid,Bad Id\n");
    char *out = path_in(dir, "keep.xlsx");
    write_file(out, "old");
    run_result r = run("template", "-q", bad, "-o", out, NULL);
    assert_int_equal(r.status, 1);
    assert_has(r.err, "settings.csv");
    run_free(&r);
    char *s = slurp(out, NULL);
    assert_string_equal(s, "old");
    free(s);
    /* a folder that does not exist: exit 3, nothing written */
    const char *targets[] = {"/nonexistent-dir/form.xlsx", "/nonexistent-dir/form.csv",
                             "/nonexistent-dir/form.pdf"};
    for (size_t k = 0; k < 3; k++) {
        r = run("template", "-q", CITY_Q, "-o", targets[k], NULL);
        assert_int_equal(r.status, 3);
        assert_has(r.err, "/nonexistent-dir/form.");
        run_free(&r);
    }
    /* a success leaves only the target: no temporary behind */
    unlink(settings);
    rmdir(bad);
    unlink(out);
    char *x = path_in(dir, "t.xlsx");
    template_ok(CITY_Q, x);
    assert_int_equal(count_entries(dir), 1);
    free(x);
    free(out);
    free(settings);
    free(bad);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(workbook_city),
        cmocka_unit_test(workbook_gare),
        cmocka_unit_test(workbook_sheet_names),
        cmocka_unit_test(workbook_reproducible),
        cmocka_unit_test(csv_form),
        cmocka_unit_test(csv_form_filled),
        cmocka_unit_test(readback_city),
        cmocka_unit_test(readback_moved),
        cmocka_unit_test(readback_copied_sheet),
        cmocka_unit_test(readback_errors),
        cmocka_unit_test(readback_gare),
        cmocka_unit_test(readback_translated),
        cmocka_unit_test(pdf_form),
        cmocka_unit_test(usage),
        cmocka_unit_test(atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
