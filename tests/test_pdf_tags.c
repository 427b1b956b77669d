/*
 * test_pdf_tags.c — every PDF the command writes (the city report, the
 * statewide report, the blank form) is a tagged PDF: read back with qpdf
 * (tests/pdf_tags.py: the catalog, the XMP title, every text operator in
 * marked content, every MCID in the parent tree, every word pdftotext
 * finds inside a structure element or an artifact, header cells with a
 * scope, figures with their description), with pdfinfo -struct-text (the
 * headings in reading order) and with qpdf --check.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "run.h"
#include "theme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PYTHON "/usr/bin/python3"
#define TAGS   SOURCE_DIR "/tests/pdf_tags.py"
#define EX     SOURCE_DIR "/examples"

static void assert_has(const char *text, const char *want)
{
    if (!strstr(text, want))
        fail_msg("expected \"%s\" in:\n%.6000s", want, text);
}

static void assert_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)) != NULL; p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
            return;
    fail_msg("expected the line \"%s\" in:\n%.6000s", line, text);
}

/* The lines of text starting with prefix. */
static size_t count_lines(const char *text, const char *prefix)
{
    size_t n = 0, k = strlen(prefix);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, prefix, k) == 0)
            n++;
    return n;
}

/* The value after "key " on its line, copied. */
static char *value_of(const char *text, const char *key)
{
    size_t k = strlen(key);
    for (const char *p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, key, k) == 0 && p[k] == ' ') {
            const char *e = strchr(p, '\n');
            size_t n = e ? (size_t)(e - p - k - 1) : strlen(p + k + 1);
            return strndup(p + k + 1, n);
        }
    fail_msg("no line \"%s …\" in:\n%.4000s", key, text);
    return NULL;
}

static run_result tool(const char *a, const char *b, const char *c, const char *d)
{
    const char *argv[] = {a, b, c, d, NULL};
    return run_tool(argv);
}

/* What every tagged PDF must show; returns pdf_tags.py's facts. */
static char *check_tagged(const char *pdf)
{
    run_result q = tool("qpdf", "--check", pdf, NULL);
    assert_int_equal(q.status, 0);
    run_free(&q);

    run_result r = tool(PYTHON, TAGS, pdf, NULL);
    if (r.status != 0)
        fail_msg("pdf_tags.py failed: %s", r.err);
    const char *f = r.out;
    assert_line(f, "header %PDF-1.7");
    assert_line(f, "lang en");
    assert_line(f, "marked true");
    assert_line(f, "displaydoctitle true");
    assert_line(f, "untagged 0");
    assert_line(f, "unreferenced 0");
    if (count_lines(f, "missing "))
        fail_msg("words outside every structure element and artifact:\n%s", f);
    /* the running header is the only artifact text not tagged elsewhere */
    assert_true(count_lines(f, "artifact ") <= 1);
    assert_int_equal(count_lines(f, "elem Document 1"), 1);

    /* the XMP title is the document's title */
    run_result info = tool("pdfinfo", pdf, NULL, NULL);
    assert_int_equal(info.status, 0);
    assert_has(info.out, "Tagged:          yes");
    char *title = value_of(f, "xmp-title");
    assert_true(strlen(title) > 10);
    char want[1024];
    snprintf(want, sizeof want, "Title:           %s\n", title);
    assert_has(info.out, want);
    free(title);
    run_free(&info);

    /* header cells: every TH has its scope */
    if (count_lines(f, "elem TH ")) {
        char *th = value_of(f, "elem TH"), *sc = value_of(f, "th-scope");
        assert_string_equal(th, sc);
        assert_true(atoi(th) > 0);
        free(th);
        free(sc);
    }
    /* text is drawn in colours with 4.5:1 on white, or in light colours
     * (on the dark fills the theme chose them for) */
    for (const char *p = strstr(f, "text-colour #"); p; p = strstr(p + 1, "\ntext-colour #")) {
        p = strchr(p, '#');
        unsigned v = (unsigned)strtoul(p + 1, NULL, 16);
        canvas_rgb c = {(v >> 16 & 255) / 255.0, (v >> 8 & 255) / 255.0, (v & 255) / 255.0};
        canvas_rgb white = {1, 1, 1}, black = {0, 0, 0};
        if (theme_contrast(c, white) < THEME_TEXT_CONTRAST &&
            !(theme_luminance(c) > 0.5 && theme_contrast(c, black) >= THEME_TEXT_CONTRAST))
            fail_msg("text drawn in #%06X, %.2f:1 on white", v, theme_contrast(c, white));
    }
    char *out = strdup(f);
    run_free(&r);
    return out;
}

static char *struct_text(const char *pdf)
{
    run_result r = tool("pdfinfo", "-struct-text", pdf, NULL);
    assert_int_equal(r.status, 0);
    char *s = strdup(r.out);
    run_free(&r);
    return s;
}

/* want[] appear in this order in text. */
static void assert_in_order(const char *text, const char *const *want, size_t n)
{
    const char *p = text;
    for (size_t k = 0; k < n; k++) {
        const char *q = strstr(p, want[k]);
        if (!q)
            fail_msg("expected \"%s\" after \"%s\" in the structure tree", want[k],
                     k ? want[k - 1] : "the start");
        p = q + strlen(want[k]);
    }
}

static void city(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/city.pdf", dir);
    run_result r =
        run("report", EX "/cities/cedar-falls-team.csv", "-o", pdf, "--brand",
            EX "/brand/northwind.brand", "--benchmark", EX "/cohort", NULL);
    if (r.status != 0)
        fail_msg("assess report: %s", r.err);
    run_free(&r);
    char *f = check_tagged(pdf);
    assert_line(f, "xmp-title Cedar Falls — improvement report 2026");
    /* the radar's description, from its numbers: Cedar Falls' scores on
     * 1.1.0, as `assess score` prints them */
    assert_line(f, "figure-alt Overall index 81.0 of 100; Normalize 84.5, Organize 83.9, "
                   "Operationalize 74.5.");
    assert_line(f, "figure-alt Logo of Northwind Equity Partners");
    assert_true(count_lines(f, "elem Link ") == 1);
    assert_true(count_lines(f, "elem LI ") == 1);

    char *st = struct_text(pdf);
    static const char *const order[] = {
        "H1 (block)\n    \"Cedar Falls\"",
        "H1 (block)\n    \"At a glance\"",
        "Figure\n",
        /* a table's caption is its Caption, not a paragraph before it */
        "Table (block)\n    Caption\n      \"Scores by dimension\"\n    TR",
        "H2 (block)\n    \"Strengths\"",
        "L (block)\n    LI",
        "H2 (block)\n    \"Five priorities\"",
        "Table (block)\n    TR\n      TH:\n         /Scope /Column\n        \"#\"",
        "      TD\n        \"1\"",
    };
    assert_in_order(st, order, sizeof order / sizeof *order);
    free(st);
    free(f);
    remove_dir(dir);
}

static void statewide(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/state.pdf", dir);
    run_result r =
        run("benchmark", EX "/cohort", "-o", pdf, NULL);
    if (r.status != 0)
        fail_msg("assess benchmark: %s", r.err);
    run_free(&r);
    char *f = check_tagged(pdf);
    assert_true(count_lines(f, "elem Table ") == 1);
    assert_true(count_lines(f, "elem H3 ") == 1);
    assert_true(count_lines(f, "figure-alt ") >= 5);
    assert_has(f, "figure-alt Stages: All Emerging ");
    char *st = struct_text(pdf);
    assert_has(st, "Table (block)\n    TR\n      TH:\n         /Scope /Column");
    assert_has(st, "H3 (block)");
    free(st);
    free(f);
    remove_dir(dir);
}

static void blank_form(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512];
    snprintf(pdf, sizeof pdf, "%s/form.pdf", dir);
    run_result r = run("template", "-o", pdf, NULL);
    if (r.status != 0)
        fail_msg("assess template: %s", r.err);
    run_free(&r);
    char *f = check_tagged(pdf);
    assert_true(count_lines(f, "elem H1 ") == 1);
    char *st = struct_text(pdf);
    static const char *const order[] = {"H1 (block)\n    \"Assessment form\"",
                                        "H1 (block)\n    \"How to answer\"", "LBody", "H2 (block)"};
    assert_in_order(st, order, sizeof order / sizeof *order);
    free(st);
    free(f);
    remove_dir(dir);
}

/* A yellow brand: one warning with the file, the line, the colour and
 * why; the report is written, and no text is drawn in the yellow. */
static void yellow_brand(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char pdf[512], brand[512];
    snprintf(pdf, sizeof pdf, "%s/city.pdf", dir);
    snprintf(brand, sizeof brand, "%s/yellow.brand", dir);
    write_file(brand, "organization = Sunrise Consulting\n# a yellow that reads badly as text\n"
                      "primary = #F1C40F\naccent = #FFE066\n");
    run_result r =
        run("report", EX "/cities/riverton.csv", "-o", pdf, "--brand", brand, NULL);
    assert_int_equal(r.status, 0);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:3: warning: primary: #F1C40F has a contrast of 1.6:1 on white, below 4.5:1 for "
             "text and 3:1 for chart marks: reports draw its text and marks in #",
             brand);
    assert_has(r.err, want);
    snprintf(want, sizeof want,
             "%s:4: warning: accent: #FFE066 has a contrast of 1.3:1 on white, below 3:1 for "
             "chart marks: reports draw its marks in #",
             brand);
    assert_has(r.err, want);
    assert_int_equal(count_lines(r.err, brand), 2); /* once each */
    run_free(&r);
    char *f = check_tagged(pdf);
    if (strstr(f, "text-colour #F1C40F") || strstr(f, "text-colour #FFE066"))
        fail_msg("text drawn in a brand colour too light for it:\n%s", f);
    free(f);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(city),
        cmocka_unit_test(statewide),
        cmocka_unit_test(blank_form),
        cmocka_unit_test(yellow_brand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
