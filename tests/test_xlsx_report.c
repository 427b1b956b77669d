/*
 * test_xlsx_report.c — the XLSX workbooks, end to end: `assess report
 * -o X.xlsx` and `assess benchmark -o X.xlsx` read back with openpyxl
 * (tests/xlsx_check.py prints what it finds as lines), opened and
 * converted by LibreOffice, and rewritten byte for byte; and the renderer
 * alone (xlsx_render) on documents with names, texts, links and lists
 * Excel would refuse.
 *
 * The city is tests/data/city (hand-worked in test_city.c): overall 55.6,
 * Normalize 66.7, Organize 50.0; priorities n3, o2, n2, n1.  The cohort
 * is tests/data/cohort (test_cohort.c): 2026 overall median 41.7, p10
 * 15.46; every region and size band has fewer than 5 entities.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "doc.h"
#include "run.h"
#include "xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CITY   TEST_DATA "/city"
#define COHORT TEST_DATA "/cohort"
#define PYTHON "/usr/bin/python3"
#define CHECK  SOURCE_DIR "/tests/xlsx_check.py"
#define EPOCH  "1795000000" /* 2026-11-18T11:06:40Z */

/* Villeneuve as in tests/data/city, with a note that looks like a formula. */
static const char *const villeneuve =
    "entity,cycle,respondent,region,n1,n2,n3,o1,o2,o3,n1.evidence,o2.notes\n"
    "Villeneuve-sur-Lac,2026,Ana Peña,Lakes,2,1,unknown,3,0,na,Resolution 2024-17 — adopted,"
    "=1+1\n"
    "Villeneuve-sur-Lac,2026,Bo Li,Lakes,Much,Full,,full,None,NA,,\"Team paused in "
    "\"\"summer\"\"\"\n";

/* What openpyxl reads from a workbook, one fact a line (xlsx_check.py),
 * with a newline in front so that every line can be found as "\nLINE\n". */
static char *facts(const char *xlsx)
{
    const char *argv[] = {PYTHON, CHECK, xlsx, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("xlsx_check.py %s: status %d: %s", xlsx, r.status, r.err);
    size_t n = strlen(r.out);
    char *f = malloc(n + 2);
    assert_non_null(f);
    f[0] = '\n';
    memcpy(f + 1, r.out, n + 1);
    run_free(&r);
    return f;
}

static void has(const char *f, const char *line)
{
    size_t n = strlen(line);
    char *want = malloc(n + 3);
    assert_non_null(want);
    snprintf(want, n + 3, "\n%s\n", line);
    if (!strstr(f, want))
        fail_msg("the workbook lacks the line \"%s\"", line);
    free(want);
}

static void has_prefix(const char *f, const char *prefix)
{
    size_t n = strlen(prefix);
    char *want = malloc(n + 2);
    assert_non_null(want);
    snprintf(want, n + 2, "\n%s", prefix);
    if (!strstr(f, want))
        fail_msg("the workbook has no line starting \"%s\"", prefix);
    free(want);
}

static void lacks_prefix(const char *f, const char *prefix)
{
    size_t n = strlen(prefix);
    char *want = malloc(n + 2);
    assert_non_null(want);
    snprintf(want, n + 2, "\n%s", prefix);
    if (strstr(f, want))
        fail_msg("the workbook has a line starting \"%s\"", prefix);
    free(want);
}

static void assert_same_bytes(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_non_null(x);
    assert_non_null(y);
    assert_true(na > 0);
    if (na != nb || memcmp(x, y, na) != 0)
        fail_msg("%s and %s differ", a, b);
    free(x);
    free(y);
}

static void city_workbook(const char *dir, const char *name, char *path, size_t size)
{
    char csv[600];
    snprintf(csv, sizeof csv, "%s/villeneuve.csv", dir);
    write_file(csv, villeneuve);
    snprintf(path, size, "%s/%s", dir, name);
    run_result r = run("report", "-q", CITY "/q", csv, "-o", path, NULL);
    if (r.status != 0)
        fail_msg("assess report: status %d: %s", r.status, r.err);
    char said[600];
    snprintf(said, sizeof said, "wrote %s\n", path);
    assert_string_equal(r.err, said);
    run_free(&r);
}

/* ## The city workbook */

static void test_city_workbook(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
    char *dir = temp_dir();
    char path[600], again[600];
    city_workbook(dir, "city.xlsx", path, sizeof path);
    char *f = facts(path);

    has(f, "sheets Summary|Items|Plan|Resources|Glossary");
    has(f, "property title Villeneuve-sur-Lac — improvement report 2026");
    has(f, "property created 2026-11-18T11:06:40");

    /* Summary: the hand-worked scores, stored as numbers shown with one decimal */
    has(f, "row Summary 3 Measure|Score|Stage|Coverage|Insufficient");
    has_prefix(f, "row Summary 4 Overall index|55.6|");
    has_prefix(f, "row Summary 5 Normalize|66.7|");
    has_prefix(f, "row Summary 6 Organize|50|");
    has(f, "cell Summary!B4 n L 0.0");
    has(f, "cell Summary!D5 n L 0.0%");
    has(f, "cell Items!G2 n L 0.0"); /* an unrounded score: one decimal shown */
    has(f, "sheet Summary freeze=A4 protected=0 sort=1 filter=1 columns=1");
    has(f, "format Summary B4:B6 colorScale");
    has(f, "chart Summary BarChart title=Dimension scores series=1 legend=0 "
           "values=Summary!$B$5:$B$6");
    has(f, "chart Summary BarChart title=Overall index and dimensions series=1 legend=0 "
           "values=Summary!$B$4:$B$6");

    /* Items: the cards of the dimension sections, a piece a theme, as one
     * table with filters (every item, the card's fields as columns); a
     * note starting with "=" stays text */
    has(f, "table Items Items A1:P7 filter=A1:P7");
    has(f, "sheet Items freeze=A2 protected=0 sort=1 filter=1 columns=1");
    has(f, "row Items 1 Dimension|Theme|Item|Question|Answer|Points|Score|Gain|Priority|"
           "Disagreement|Evidence|Notes|Respondents|Next step|Plan|Resources");
    has_prefix(f, "row Items 6 Organize|Team|o2|2.1.2 Does the team meet monthly?|"
                  "None (level 0 of 3)|0|0|");
    has(f, "cell Items!L6 s L General");
    assert_non_null(strstr(f, "|Ana Peña: =1+1\\nBo Li: Team paused in \"summer\"|2 × None.|"
                              "Action for o2 from level 0|Priority 2 · within 90 days · effort "
                              "low · +11.1 on the overall index|Racial equity toolkit; REAL "
                              "program\n"));
    lacks_prefix(f, "cell Items!L6 f");

    /* Plan: the priorities in order, inputs unlocked, the rest locked */
    has_prefix(f, "row Plan 4 1|n3|");
    has_prefix(f, "row Plan 5 2|o2|");
    has_prefix(f, "row Plan 6 3|n2|");
    has_prefix(f, "row Plan 7 4|n1|");
    has(f, "sheet Plan freeze=A4 protected=1 sort=0 filter=0 columns=0");
    has(f, "table Plan Plan A3:M7 filter=A3:M7");
    has(f, "validation Plan M4:M207 list \"Not started,In progress,Done,On hold,Dropped\"");
    has(f, "cell Plan!A4 n L 0");
    has(f, "cell Plan!E4 s L General");
    has(f, "cell Plan!H5 n L 0.0");
    has(f, "cell Plan!J4 - U @");
    has(f, "cell Plan!K4 - U yyyy-mm-dd");
    has(f, "cell Plan!L7 - U yyyy-mm-dd");
    has(f, "cell Plan!M4 s U @");
    has(f, "print Plan landscape fit=1 wide=1 titles=$3:$3 "
           "header=Villeneuve-sur-Lac · 2026 — improvement report footer=Page &P of &N");

    /* Resources: addresses are links */
    has(f, "link Resources!D3 https://www.racialequityalliance.org/");
    has(f, "table Glossary Glossary A2:B4 filter=A2:B4");
    free(f);

    /* the same bytes on a second run */
    city_workbook(dir, "again.xlsx", again, sizeof again);
    assert_same_bytes(path, again);
    remove_dir(dir);
}

/* A report with three dimensions draws a radar; with a benchmark, the
 * Summary carries percentile ranks. */
static void test_radar(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600];
    snprintf(path, sizeof path, "%s/lakeside.xlsx", dir);
    run_result r = run("report", SOURCE_DIR "/examples/cities/lakeside-long.csv", "-o", path,
                       NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *f = facts(path);
    has_prefix(f, "chart Summary RadarChart title=Dimension scores series=1 legend=0 ");
    has_prefix(f, "chart Summary BarChart title=Overall index and dimensions ");
    free(f);
    /* each chart's text alternative says what its rows say (as `assess score` prints them) */
    char cmd[800], xml[65536];
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/drawings/drawing1.xml", path);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(xml, 1, sizeof xml - 1, p);
    xml[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_non_null(strstr(xml, "descr=\"Dimension scores: Normalize 60.7, Organize 51.2, "
                                "Operationalize 42.6\""));
    assert_non_null(strstr(xml, "descr=\"Overall index and dimensions: Overall index 51.5, "
                                "Normalize 60.7, Organize 51.2, Operationalize 42.6\""));
    remove_dir(dir);
}

/* ## The statewide workbook */

static void state_workbook(const char *path)
{
    run_result r = run("benchmark", "-q", COHORT "/q", COHORT "/cohort.csv", "--by", "region",
                       "--members", "-o", path, NULL);
    if (r.status != 0)
        fail_msg("assess benchmark: status %d: %s", r.status, r.err);
    char said[600];
    snprintf(said, sizeof said, "wrote %s\n", path);
    assert_string_equal(r.err, said);
    run_free(&r);
}

static void test_state_workbook(void **state)
{
    (void)state;
    setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
    char *dir = temp_dir();
    char path[600], again[600];
    snprintf(path, sizeof path, "%s/state.xlsx", dir);
    snprintf(again, sizeof again, "%s/again.xlsx", dir);
    state_workbook(path);
    char *f = facts(path);
    has(f, "sheets Overview|Scores|Items|Training needs|Change|Members");
    has(f, "row Scores 1 group_by|group|measure|label|n|min|p10|p25|median|p75|p90|max|mean");
    has(f, "row Scores 2 all|all|overall|Overall index|5|6.3|15.46|29.2|41.7|70.8|88.32|100|49.6");
    /* a small group: "fewer than 5" and no figures */
    has(f, "row Scores 6 region|North|overall|Overall index|fewer than 5||||||||");
    has(f, "cell Scores!E6 s L General");
    has(f, "table Scores Scores A1:M29 filter=A1:M29");
    /* the pages' tables per grouping, as one table with the grouping a column */
    has(f, "row Overview 3 Grouping|Group|Entities|Answers given|Median overall|p25|p75");
    has_prefix(f, "row Overview 4 All|All|6|0.83333|41.7|29.2|70.8");
    has(f, "row Overview 5 By region|North|fewer than 5||||");
    has_prefix(f, "row Overview 7 By population size|");
    has(f, "table Overview Overview A3:G10 filter=A3:G10");
    lacks_prefix(f, "chart Overview"); /* every group is too small to show */
    has(f, "table Training needs Training_needs A3:F6 filter=A3:F6");
    has_prefix(f, "row Training needs 4 1|2.1.1|The beta item|Beta|0.5|");
    /* shares and statistics show one decimal, as the PDF does (the value is kept) */
    has(f, "cell Training needs!E4 n L 0.0%");
    has(f, "cell Scores!G2 n L 0.0");
    has_prefix(f, "row Items 3 Item|Question|Dimension|None|Some|Half|Most|All|Zero|One|Two|"
                  "Three|Not applicable|Don't know|Left blank");
    /* the pages' tables per measure, as one table with the measure a column */
    has(f, "row Change 3 measure|label|Grouping|Group|In both cycles|Median change|Mean change|"
           "Rose|Fell|Same");
    has_prefix(f, "row Change 4 overall|Overall index|All|All|fewer than 5|");
    has_prefix(f, "row Members 1 Every entity's scores|");
    has(f, "row Members 3 E1|100|100|100");
    has(f, "row Members 7 E5|–|–|–");
    free(f);
    state_workbook(again);
    assert_same_bytes(path, again);
    remove_dir(dir);
}

/* The example cohort's groups are large enough for the Overview chart. */
static void test_state_chart(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char path[600];
    snprintf(path, sizeof path, "%s/state.xlsx", dir);
    run_result r = run("benchmark", SOURCE_DIR "/examples/cohort", "--by", "region", "-o", path,
                       NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *f = facts(path);
    has_prefix(f, "chart Overview BarChart title=Median overall index by region series=1 "
                  "legend=0 values=Overview!$E$5:");
    has(f, "sheets Overview|Scores|Items|Training needs|Survey shares|Change");
    free(f);
    remove_dir(dir);
}

/* ## LibreOffice opens both workbooks and prints them */

static bool have_soffice(void)
{
    const char *argv[] = {"sh", "-c", "command -v soffice", NULL};
    run_result r = run_tool(argv);
    bool ok = r.status == 0;
    run_free(&r);
    return ok;
}

static void test_libreoffice(void **state)
{
    (void)state;
    if (!have_soffice())
        skip();
    char *dir = temp_dir();
    char city[600], statewide[600], home[700], out[700];
    city_workbook(dir, "city.xlsx", city, sizeof city);
    snprintf(statewide, sizeof statewide, "%s/state.xlsx", dir);
    state_workbook(statewide);
    snprintf(home, sizeof home, "%s/home", dir);
    snprintf(out, sizeof out, "%s/pdf", dir);
    assert_int_equal(mkdir(home, 0700), 0);
    const char *old = getenv("HOME");
    char *saved = old ? strdup(old) : NULL;
    setenv("HOME", home, 1);
    const char *argv[] = {"timeout",      "120",     "soffice",  "--headless",
                          "--convert-to", "pdf",     "--outdir", out,
                          city,           statewide, NULL};
    run_result r = run_tool(argv);
    if (saved) {
        setenv("HOME", saved, 1);
        free(saved);
    } else {
        unsetenv("HOME");
    }
    if (r.status != 0)
        fail_msg("soffice: status %d: %s%s", r.status, r.out, r.err);
    run_free(&r);

    char pdf[800];
    snprintf(pdf, sizeof pdf, "%s/city.pdf", out);
    const char *text_argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    r = run_tool(text_argv);
    assert_int_equal(r.status, 0);
    char *text = squeeze(r.out);
    assert_non_null(strstr(text, "Villeneuve-sur-Lac, cycle 2026"));
    assert_non_null(strstr(text, "55.6"));
    assert_non_null(strstr(text, "Not started"));
    assert_non_null(strstr(text, "Page 1 of"));
    free(r.err);
    free(text);
    snprintf(pdf, sizeof pdf, "%s/state.pdf", out);
    const char *state_argv[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    r = run_tool(state_argv);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "15.5")); /* p10 15.46, printed with one decimal */
    assert_null(strstr(r.out, "15.46"));
    run_free(&r);

    const char *rm[] = {"rm", "-rf", dir, NULL};
    r = run_tool(rm);
    run_free(&r);
    free(dir);
}

/* ## Errors */

static void test_errors(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char csv[600], path[600];
    snprintf(csv, sizeof csv, "%s/v.csv", dir);
    write_file(csv, villeneuve);

    run_result r = run("report", "-q", CITY "/q", csv, "-o", "x.docx", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "-o takes a .pdf, .xlsx or .html file"));
    run_free(&r);

    /* a folder that does not exist */
    snprintf(path, sizeof path, "%s/missing/city.xlsx", dir);
    r = run("report", "-q", CITY "/q", csv, "-o", path, NULL);
    assert_int_equal(r.status, 3);
    run_free(&r);

    /* a target that is a folder: the error names it, nothing is left behind */
    snprintf(path, sizeof path, "%s/city.xlsx", dir);
    assert_int_equal(mkdir(path, 0700), 0);
    r = run("report", "-q", CITY "/q", csv, "-o", path, NULL);
    assert_int_equal(r.status, 3);
    assert_non_null(strstr(r.err, "city.xlsx"));
    run_free(&r);
    rmdir(path);
    assert_int_equal(count_entries(dir), 1);

    /* the renderer alone: a path it cannot write */
    report_doc *doc = doc_new();
    char err[256];
    snprintf(path, sizeof path, "%s/no/such/dir/x.xlsx", dir);
    assert_int_equal(xlsx_render(doc, path, err, sizeof err), -1);
    assert_non_null(strstr(err, "XLSX: cannot write "));
    assert_non_null(strstr(err, "No such file or directory"));
    doc_free(doc);
    remove_dir(dir);
}

/* ## The renderer on awkward documents */

static void test_awkward(void **state)
{
    (void)state;
    report_doc *doc = doc_new();
    assert_non_null(doc);
    doc->info.created = 1795000000;
    doc->info.title = "Awkward & odd";
    doc->info.header = "A & B";

    static const char *const choices[] = {"yes, fully", "no", "\"maybe\""};
    doc_column cols[4] = {
        {"Name", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 20, false, 0, NULL, 0},
        {"Name", 0, DOC_ALIGN_LEFT, DOC_CELL_SCORE, 10, false, 0, NULL, 0}, /* a duplicate title */
        {"Link", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 30, false, 0, NULL, 0},
        {"Answer", 0, DOC_ALIGN_LEFT, DOC_CELL_TEXT, 12, true, 3, choices, 0},
    };
    /* bad characters, too long, and twice */
    doc_table_open(doc,
                   &(doc_table_opts){.sheet = "Q1/Q2: [draft]*? and a very long name indeed",
                                     .data_only = true,
                                     .filter = true},
                   cols, 4);
    static char big[40000];
    memset(big, 'x', sizeof big - 1);
    char *longurl = malloc(2200);
    assert_non_null(longurl);
    strcpy(longurl, "https://example.org/");
    memset(longurl + 20, 'a', 2170);
    longurl[2190] = '\0';
    doc_cell rows[][4] = {
        {doc_cell_text("bad \xC3\x28 byte"),
         doc_cell_value(1.25),
         {.text = "site", .link = "https://example.org/a^b"},
         doc_cell_text(NULL)},
        {doc_cell_text(big),
         doc_cell_value(2),
         {.text = "long", .link = longurl},
         doc_cell_text("no")},
        {doc_cell_text("@SUM(A1)"),
         doc_cell_text("n/a"),
         {.text = "script", .link = "javascript:alert(1)"},
         doc_cell_text(NULL)},
    };
    for (size_t k = 0; k < 3; k++)
        doc_table_row(doc, rows[k]);
    doc_table_open(doc,
                   &(doc_table_opts){.sheet = "Q1/Q2: [draft]*? and a very long name indeed",
                                     .data_only = true,
                                     .filter = true},
                   cols, 4);
    doc_table_open(doc, &(doc_table_opts){.sheet = "A1", .data_only = true, .filter = true}, cols,
                   4); /* a table can't be named A1 */
    doc_table_open(doc,
                   &(doc_table_opts){.sheet = "Équité — plan", .data_only = true, .filter = true},
                   cols, 1);
    doc_table_add_chart(doc, &(doc_table_chart){.kind = DOC_TABLE_CHART_BARS,
                                                .category_column = 9,
                                                .nseries = 1,
                                                .nrows = 1}); /* ignored */
    assert_false(doc_failed(doc));
    free(longurl);

    char *dir = temp_dir();
    char path[600], err[256] = "";
    snprintf(path, sizeof path, "%s/awkward.xlsx", dir);
    if (xlsx_render(doc, path, err, sizeof err) != 0)
        fail_msg("%s", err);
    doc_free(doc);
    char *f = facts(path);
    has(f, "sheets Q1_Q2_ _draft___ and a very lon|Q1_Q2_ _draft___ and a very (2)|A1|"
           "Équité — plan|Lists");
    has(f, "table Équité — plan Équité___plan A1:A2 filter=A1:A2");
    has(f, "state Lists hidden");
    has(f, "property title Awkward & odd");
    has_prefix(f, "print A1 landscape fit=1 wide=1 titles=$1:$1 header=A && B footer=");
    has(f, "table Q1_Q2_ _draft___ and a very lon Q1_Q2___draft____and_a_very_lon A1:D4 "
           "filter=A1:D4");
    has(f, "table Q1_Q2_ _draft___ and a very (2) Q1_Q2___draft____and_a_very__2_ A1:D2 "
           "filter=A1:D2");
    has(f, "table A1 T_A1 A1:D2 filter=A1:D2");
    has(f, "row Q1_Q2_ _draft___ and a very lon 1 Name|Name 2|Link|Answer");
    has(f, "row Q1_Q2_ _draft___ and a very lon 2 bad \xEF\xBF\xBD( byte|1.25|site|");
    /* a cell holds at most 32,767 characters */
    static const char row3[] = "\nrow Q1_Q2_ _draft___ and a very lon 3 ";
    const char *xs = strstr(f, row3);
    assert_non_null(xs);
    xs += strlen(row3);
    assert_int_equal(strspn(xs, "x"), 32767);
    assert_true(strncmp(xs + 32767, "|2|long|no\n", 11) == 0);
    has(f, "row Q1_Q2_ _draft___ and a very lon 4 @SUM(A1)|n/a|script|");
    has(f, "cell Q1_Q2_ _draft___ and a very lon!A4 s L General");
    /* a link is escaped; one too long, or not a web address, is text */
    has(f, "link Q1_Q2_ _draft___ and a very lon!C2 https://example.org/a%5eb");
    lacks_prefix(f, "link Q1_Q2_ _draft___ and a very lon!C3");
    lacks_prefix(f, "link Q1_Q2_ _draft___ and a very lon!C4");
    /* choices with commas and quotes come from the hidden sheet */
    has(f, "validation Q1_Q2_ _draft___ and a very lon D2:D204 list 'Lists'!$A$1:$A$3");
    has_prefix(f, "row Lists 2 no|");
    has(f, "sheet Q1_Q2_ _draft___ and a very lon freeze=A2 protected=1 sort=0 filter=0 "
           "columns=0");
    lacks_prefix(f, "chart ");
    free(f);
    remove_dir(dir);
}

/* A long name of three-byte characters in the page header: the header is
 * cut at a character boundary, so every part stays valid UTF-8 (it was cut
 * at a byte count, and Excel offered to repair the file). */
static void test_long_header(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char in[512], out[512];
    snprintf(in, sizeof in, "%s/long.csv", dir);
    snprintf(out, sizeof out, "%s/long.xlsx", dir);
    FILE *f = fopen(in, "w");
    assert_non_null(f);
    fputs("item,answer\n@entity,", f);
    for (int k = 0; k < 120; k++)
        fputs("\xE2\x82\xAC", f); /* € */
    fputs("\n@cycle,2026\n@questionnaire,gare-local@1.1.0\nlead_resolution,2\n", f);
    assert_int_equal(fclose(f), 0);
    run_result r = run("report", in, "-o", out, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *argv[] = {PYTHON, "-c",
                          "import sys, zipfile\n"
                          "z = zipfile.ZipFile(sys.argv[1])\n"
                          "for n in z.namelist(): z.read(n).decode('utf-8')\n",
                          out, NULL};
    r = run_tool(argv);
    assert_int_equal(r.status, 0);
    run_free(&r);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_city_workbook),  cmocka_unit_test(test_radar),
        cmocka_unit_test(test_state_workbook), cmocka_unit_test(test_state_chart),
        cmocka_unit_test(test_libreoffice),    cmocka_unit_test(test_errors),
        cmocka_unit_test(test_awkward),        cmocka_unit_test(test_long_header),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
