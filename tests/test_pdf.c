/*
 * test_pdf.c — the PDF renderer, checked from outside with the tools a
 * reader's machine would use: qpdf --check, pdfinfo (title, pages),
 * pdftotext (every text back exactly, the table header on every page it
 * spans, word boxes inside the margins), pdffonts (embedded subsets),
 * qpdf --json (the outline), cmp-equal reruns, and the error messages.
 * Files go to a fresh directory under /tmp, removed at the end unless
 * TEST_PDF_KEEP is set.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "chart.h"
#include "doc.h"
#include "figures.h"
#include "pdf.h"
#include "pdf_internal.h" /* the font faces, tested directly */

#include <cairo.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define SPECIAL "\xC3\xA9 \xC3\xB1 \xC3\xBC \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x80\x94 \xE2\x80\x93"
/* é ñ ü “quoted” — – */

static char dir[64];

/* ## Helpers */

static const char *out(const char *name)
{
    static char paths[8][160];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", dir, name);
    return p;
}

/* The standard output of cmd (stderr discarded), NUL-terminated; the
 * caller frees it.  *status gets the exit status when not NULL. */
static char *capture(const char *cmd, int *status)
{
    char full[1024];
    snprintf(full, sizeof full, "%s 2>/dev/null", cmd);
    FILE *p = popen(full, "r");
    assert_non_null(p);
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (cap - n < 2) {
            cap *= 2;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
    }
    buf[n] = '\0';
    int st = pclose(p);
    if (status)
        *status = st;
    return buf;
}

static char *run(const char *fmt, ...)
{
    char cmd[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    int st;
    char *s = capture(cmd, &st);
    assert_int_equal(st, 0);
    return s;
}

static int pages_of(const char *pdf)
{
    char *info = run("pdfinfo '%s'", pdf);
    const char *p = strstr(info, "Pages:");
    assert_non_null(p);
    int n = atoi(p + 6);
    free(info);
    return n;
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("\"%s\" not found in the text", needle);
}

static void render_ok(report_doc *doc, const char *path)
{
    char err[256] = "unset";
    assert_false(doc_failed(doc));
    int rc = pdf_render(doc, path, err, sizeof err);
    if (rc != 0)
        fail_msg("pdf_render: %s", err);
    assert_string_equal(err, "");
    int st;
    char cmd[256];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s'", path);
    free(capture(cmd, &st));
    assert_int_equal(st, 0);
}

/* ## Documents */

static const chart_bar bar_rows[] = {
    {"Leadership", 75, true, 60, true, 45, 80, 0},
    {"Community engagement \xC3\xA9", 62, true, 55, true, 40, 70, 0},
    {"Budgeting", 45, false, 0, false, 0, 0, 0},
};

static report_figure *bar_figure(void)
{
    report_figure *f = calloc(1, sizeof *f);
    assert_non_null(f);
    f->ch.kind = CHART_BARS;
    f->ch.title = "Scores by theme";
    f->ch.bars = (chart_bars){.rows = bar_rows, .n_rows = 3, .series_name = "Score",
                              .marker_name = "State median", .band_name = "Middle half"};
    return f;
}

static void cover(report_doc *d, const char *entity)
{
    d->cover = (doc_cover){"Racial equity self-assessment",
                           "Improvement report",
                           entity,
                           {"Assessment cycle", "2026"},
                           "2 March 2026",
                           {"Questionnaire", "gare-local, version 1.0.0"},
                           "City Council of Riverton",
                           "Northwind Equity Partners",
                           "Dana Ortiz \xC2\xB7 dana@example.org",
                           "Team edition",
                           "For large print, write to dana@example.org."};
    d->info = (doc_info){"Riverton report 2026",
                         "Northwind Equity Partners",
                         "Scores \xE2\x80\x94 next steps, \xC3\xA9quit\xC3\xA9",
                         "equity, assessment",
                         1767225600, /* 2026-01-01 */
                         "Riverton \xC2\xB7 2026 \xE2\x80\x94 improvement report",
                         "en"};
    d->brand.organization = "Northwind Equity Partners";
    d->brand.primary = (doc_rgb){0.106, 0.310, 0.447};
}

static void table_rows(report_doc *d, int nrows, const char *prefix)
{
    static const doc_column cols[] = {
        {.title = "#", .width = 0.06, .align = DOC_ALIGN_RIGHT},
        {.title = "Item text", .width = 0.54, .align = DOC_ALIGN_LEFT},
        {.title = "Stage", .width = 0.2, .align = DOC_ALIGN_CENTER},
        {.title = "Gain", .width = 0.2, .align = DOC_ALIGN_RIGHT}};
    doc_table(d, cols, 4);
    doc_rgb fill = {0.0, 0.62, 0.45};
    for (int i = 0; i < nrows; i++) {
        char n[16], t[200];
        snprintf(n, sizeof n, "%d", i + 1);
        snprintf(t, sizeof t, "%s%03d the city has a written plan%s", prefix, i + 1,
                 i % 5 == 0 ? " with an explanation long enough to wrap in its cell" : "");
        doc_cell c[4] = {{.text = n},
                         {.text = t, .link = i == 1 ? "https://example.org/item" : NULL},
                         {.text = "Developing", .has_fill = i % 2 == 0, .fill = fill},
                         {.text = "+2.5", .bold = true}};
        doc_table_row(d, c);
    }
}

/* Every kind of block, the awkward characters in each. */
static report_doc *sample_doc(void)
{
    report_doc *d = doc_new();
    assert_non_null(d);
    cover(d, "Riverton");
    doc_heading(d, 1, "glance", "At a glance");
    doc_paragraph(d, DOC_STYLE_LEAD, "Riverton scores 54.2 on the overall index, at the "
                                     "Developing stage; a lead paragraph that wraps.");
    doc_paragraph(d, DOC_STYLE_BODY, "Accents: " SPECIAL " end.");
    doc_figures(d);
    doc_rgb f1 = {0.0, 0.62, 0.45};
    doc_figure_add(d, "54.2", "Overall index", "Developing \xC2\xB7 92 % answered", &f1);
    doc_figure_add(d, "61.0", "Normalize", "Established", NULL);
    doc_figure_add(d, "48.5", "Organize", NULL, &f1);
    doc_figure_add(d, "40.0", "Operationalize", "Emerging", NULL);
    doc_figure_add(d, "33.3", "Fifthfigure", "wraps to a second row", NULL);
    doc_heading(d, 2, "glance:priorities", "Five priorities");
    doc_paragraph(d, DOC_STYLE_NOTE, "Provisional: 8 of 60 items have no answer yet " SPECIAL);
    table_rows(d, 6, "Cell");
    doc_paragraph(d, DOC_STYLE_SMALL, "Small print under the table.");
    doc_heading(d, 1, "dimension:normalize", "Normalize \xC3\xA9quit\xC3\xA9");
    doc_bullets(d);
    doc_bullet(d, "First bullet.");
    doc_bullet(d, "Second bullet, long enough to wrap onto a second line so that the hanging "
                  "indent shows; it goes on for a while longer still.");
    doc_chart(d, bar_figure(), 200);
    doc_heading(d, 2, "dimension:normalize:items", "Items");
    doc_rgb acc = {0.8, 0.4, 0.0};
    doc_card(d, "L1.1  A written racial equity plan", "Developing \xC2\xB7 2 of 4", &acc);
    doc_card_field(d, "Answer", "Partly: a draft exists.");
    doc_card_field(d, "Evidence", "Council minutes.\nDraft plan " SPECIAL);
    doc_card_field(d, "Empty", ""); /* left out */
    doc_page_break(d);
    doc_heading(d, 3, "minor", "A minor heading");
    doc_paragraph(d, DOC_STYLE_BODY, "Closing text.");
    assert_false(doc_failed(d));
    return d;
}

/* ## Tests */

static void test_sample(void **state)
{
    (void)state;
    report_doc *d = sample_doc();
    const char *pdf = out("sample.pdf");
    render_ok(d, pdf);

    char *info = run("pdfinfo -isodates '%s'", pdf);
    assert_contains(info, "Title:           Riverton report 2026");
    assert_contains(info, "CreationDate:    2026-01-01T00:00:00Z");
    assert_contains(info, "ModDate:         2026-01-01T00:00:00Z");
    assert_contains(info, "Author:          Northwind Equity Partners");
    assert_contains(info, "Subject:         Scores \xE2\x80\x94 next steps, \xC3\xA9quit\xC3\xA9");
    assert_contains(info, "Keywords:        equity, assessment");
    assert_contains(info, "Creator:         assess");
    assert_contains(info, "Page size:       612 x 792 pts (letter)");
    free(info);
    int pages = pages_of(pdf);
    assert_in_range(pages, 4, 6);

    char *text = run("pdftotext -layout '%s' -", pdf);
    const char *expect[] = {"Riverton",
                            "Racial equity self-assessment",
                            "Improvement report",
                            "Assessment cycle 2026",
                            "PREPARED FOR",
                            "City Council of Riverton",
                            "At a glance",
                            "Five priorities",
                            "Normalize \xC3\xA9quit\xC3\xA9",
                            "Items",
                            "A minor heading",
                            "Accents: " SPECIAL " end.",
                            SPECIAL,
                            "Item text",
                            "Cell001",
                            "Cell006",
                            "Developing",
                            "+2.5",
                            "54.2",
                            "Overall index",
                            "Fifthfigure",
                            "First bullet.",
                            "Scores by theme",
                            "L1.1",
                            "Developing \xC2\xB7 2 of 4",
                            "Evidence",
                            "Council minutes.",
                            "Closing text.",
                            "Small print under the table.",
                            "Page 2 of"};
    for (size_t k = 0; k < sizeof expect / sizeof expect[0]; k++)
        assert_contains(text, expect[k]);
    assert_null(strstr(text, "Empty"));
    free(text);

    /* No header or footer on the cover; both on the next page. */
    char *p1 = run("pdftotext -layout -f 1 -l 1 '%s' -", pdf);
    assert_null(strstr(p1, "Page 1 of"));
    assert_null(strstr(p1, "improvement report\n"));
    free(p1);
    char *p2 = run("pdftotext -layout -f 2 -l 2 '%s' -", pdf);
    assert_contains(p2, "Riverton \xC2\xB7 2026 \xE2\x80\x94 improvement report");
    char want[32];
    snprintf(want, sizeof want, "Page 2 of %d", pages);
    assert_contains(p2, want);
    free(p2);

    /* Both faces embedded, as subsets, under their PostScript names. */
    char *fonts = run("pdffonts '%s'", pdf);
    assert_contains(fonts, "+DejaVuSans ");
    assert_contains(fonts, "+DejaVuSans-Bold ");
    for (const char *l = strstr(fonts, "CID TrueType"); l; l = strstr(l + 1, "CID TrueType"))
        assert_non_null(strstr(l, "Identity-H       yes yes yes"));
    free(fonts);

    /* The link annotation over the linked cell, without a border. */
    char *json = run("qpdf --json '%s'", pdf);
    assert_contains(json, "\"/URI\": \"u:https://example.org/item\"");
    assert_contains(json, "\"/Border\": [\n            0,\n            0,\n            0\n");
    free(json);
    doc_free(d);
}

static void test_outline(void **state)
{
    (void)state;
    report_doc *d = sample_doc();
    const char *pdf = out("outline.pdf");
    render_ok(d, pdf);
    char *json = run("qpdf --json --json-key=outlines '%s'", pdf);
    /* Level 1 entries with their level 2 children (qpdf lists "kids"
     * before "title"); no level 3. */
    const char *a = strstr(json, "\"title\": \"At a glance\"");
    const char *b = strstr(json, "\"title\": \"Five priorities\"");
    const char *c = strstr(json, "\"title\": \"Normalize \xC3\xA9quit\xC3\xA9\"");
    const char *e = strstr(json, "\"title\": \"Items\"");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_non_null(e);
    assert_true(b < a && a < e && e < c);
    assert_non_null(strstr(json, "\"/FitH\""));
    assert_non_null(strstr(json, "\"destpageposfrom1\": 2,"));
    assert_null(strstr(json, "A minor heading"));
    free(json);
    char *all = run("qpdf --json '%s'", pdf);
    assert_contains(all, "\"/PageMode\": \"/UseOutlines\"");
    free(all);
    doc_free(d);
}

/* The word boxes of `pdftotext -bbox`, page by page. */
typedef struct {
    int page;
    double x0, y0, x1, y1;
    char text[128];
} word;

static word *words_of(const char *pdf, size_t *n)
{
    char *html = run("pdftotext -bbox '%s' -", pdf);
    size_t cap = 1024, count = 0;
    word *w = malloc(cap * sizeof *w);
    assert_non_null(w);
    int page = 0;
    for (const char *p = html; (p = strchr(p, '<')) != NULL; p++) {
        if (strncmp(p, "<page ", 6) == 0) {
            page++;
        } else if (strncmp(p, "<word ", 6) == 0) {
            if (count == cap) {
                cap *= 2;
                w = realloc(w, cap * sizeof *w);
                assert_non_null(w);
            }
            word *x = &w[count++];
            x->page = page;
            assert_int_equal(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                                    &x->x0, &x->y0, &x->x1, &x->y1),
                             4);
            const char *t = strchr(p, '>') + 1, *end = strstr(t, "</word>");
            size_t len = (size_t)(end - t) < sizeof x->text - 1 ? (size_t)(end - t)
                                                                 : sizeof x->text - 1;
            memcpy(x->text, t, len);
            x->text[len] = '\0';
        }
    }
    free(html);
    *n = count;
    return w;
}

/* Every word of every page but the cover inside the margins, or wholly
 * in the header band (above the rule) or the footer band. */
static void assert_inside_margins(const char *pdf)
{
    size_t n;
    word *w = words_of(pdf, &n);
    assert_true(n > 0);
    const double m = 54, tol = 0.5;
    for (size_t k = 0; k < n; k++) {
        const word *x = &w[k];
        if (x->x0 < m - tol || x->x1 > 612 - m + tol)
            fail_msg("page %d: \"%s\" x %.1f–%.1f outside the margins", x->page, x->text, x->x0,
                     x->x1);
        if (x->page == 1)
            continue;
        bool body = x->y0 >= m - tol && x->y1 <= 792 - m + tol;
        bool header = x->y1 <= 44;
        bool footer = x->y0 >= 792 - m + 4;
        if (!body && !header && !footer)
            fail_msg("page %d: \"%s\" y %.1f–%.1f crosses a margin", x->page, x->text, x->y0,
                     x->y1);
    }
    free(w);
}

static void test_margins(void **state)
{
    (void)state;
    report_doc *d = sample_doc();
    const char *pdf = out("margins.pdf");
    render_ok(d, pdf);
    assert_inside_margins(pdf);
    doc_free(d);
}

static void test_long_table(void **state)
{
    (void)state;
    report_doc *d = doc_new();
    cover(d, "Riverton");
    doc_heading(d, 1, "t", "A long table");
    table_rows(d, 120, "Row");
    doc_paragraph(d, DOC_STYLE_BODY, "After the table.");
    const char *pdf = out("table.pdf");
    render_ok(d, pdf);
    int pages = pages_of(pdf);
    assert_true(pages >= 4);
    int spanned = 0;
    for (int p = 2; p <= pages; p++) {
        char *t = run("pdftotext -layout -f %d -l %d '%s' -", p, p, pdf);
        if (strstr(t, "Row")) {
            spanned++;
            assert_contains(t, "Item text");
            assert_contains(t, "Stage");
        }
        free(t);
    }
    assert_true(spanned >= 3);
    char *all = run("pdftotext -layout '%s' -", pdf);
    for (int i = 1; i <= 120; i++) {
        char id[16];
        snprintf(id, sizeof id, "Row%03d", i);
        assert_contains(all, id);
    }
    assert_contains(all, "After the table.");
    free(all);
    assert_inside_margins(pdf);
    doc_free(d);
}

/* A grouped table: a heading per group over a table of its rows, the
 * group column (width 0) not drawn, rows past page_rows not on pages; its
 * caption the Caption of a Div holding the headings and tables. */
static void test_grouped_table(void **state)
{
    (void)state;
    report_doc *d = doc_new();
    cover(d, "Riverton");
    doc_heading(d, 1, "plan", "The plan");
    const doc_column cols[] = {
        {.title = "When", .type = DOC_CELL_TEXT},
        {.title = "Step", .width = 0.7},
        {.title = "Gain", .width = 0.3, .align = DOC_ALIGN_RIGHT, .type = DOC_CELL_SCORE},
    };
    doc_table_open(d,
                   &(doc_table_opts){.caption = "Steps by horizon",
                                     .sheet = "Plan",
                                     .grouped = true,
                                     .group_column = 0,
                                     .page_rows = 5},
                   cols, 3);
    const char *rows[][3] = {{"Soon", "Alpha step", "+2.0"},  {"Soon", "Beta step", "+1.5"},
                             {"Later", "Gamma step", "+1.0"}, {"Last", "Delta step", "+0.5"},
                             {"Last", "Epsilon step", "+0.4"}, {"Last", "Zeta step", "+0.1"}};
    for (size_t k = 0; k < 6; k++)
        doc_table_row(d, (doc_cell[]){{.text = rows[k][0]}, {.text = rows[k][1]}, {.text = rows[k][2]}});
    const char *pdf = out("grouped.pdf");
    render_ok(d, pdf);
    char *text = run("pdftotext '%s' -", pdf);
    const char *order[] = {"Steps by horizon", "Soon",  "Step",         "Alpha step", "Beta step",
                           "Later",            "Step",  "Gamma step",   "Last",       "Step",
                           "Delta step",       "Epsilon step"};
    const char *at = text;
    for (size_t k = 0; k < sizeof order / sizeof *order; k++) {
        const char *q = strstr(at, order[k]);
        if (!q)
            fail_msg("\"%s\" not found after \"%s\"", order[k], k ? order[k - 1] : "the start");
        at = q + strlen(order[k]);
    }
    assert_null(strstr(text, "Zeta step")); /* past page_rows: the workbook's */
    assert_null(strstr(text, "When"));      /* the group column is the headings */
    free(text);
    char *st = run("pdfinfo -struct-text '%s'", pdf);
    assert_contains(st, "Div\n    Caption\n      \"Steps by horizon\"\n    H2 (block)\n"
                        "      \"Soon\"\n    Table (block)\n      TR\n        TH:");
    assert_contains(st, "    H2 (block)\n      \"Last\"\n    Table (block)");
    free(st);
    doc_free(d);
}

static void test_long_entity(void **state)
{
    (void)state;
    char name[160] = "";
    /* 120 characters: "City of Springfield-upon-Avon 01 … " */
    for (int i = 0; strlen(name) < 120; i++)
        snprintf(name + strlen(name), sizeof name - strlen(name), "Metropolitan%02d ", i);
    name[120] = '\0';
    assert_int_equal(strlen(name), 120);
    report_doc *d = doc_new();
    cover(d, name);
    doc_paragraph(d, DOC_STYLE_BODY, "Text.");
    const char *pdf = out("entity.pdf");
    render_ok(d, pdf);
    char *p1 = run("pdftotext -f 1 -l 1 '%s' -", pdf);
    for (int i = 0; i < 8; i++) {
        char w[32];
        snprintf(w, sizeof w, "Metropolitan%02d", i);
        assert_contains(p1, w);
    }
    free(p1);
    assert_inside_margins(pdf);
    doc_free(d);
}

/* n words "wNNNNN" joined by spaces (with a newline now and then). */
static char *words_text(size_t n)
{
    char *s = malloc(8 * n + 1);
    assert_non_null(s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += (size_t)sprintf(s + k, "w%05zu%c", i, i % 97 == 96 ? '\n' : ' ');
    s[k ? k - 1 : 0] = '\0';
    return s;
}

static void assert_all_words(const char *pdf, size_t n)
{
    char *text = run("pdftotext '%s' -", pdf);
    for (size_t i = 0; i < n; i++) {
        char w[32];
        snprintf(w, sizeof w, "w%05zu", i);
        assert_contains(text, w);
    }
    free(text);
}

static report_doc *card_doc(const char *field, size_t before)
{
    report_doc *d = doc_new();
    cover(d, "Riverton");
    doc_heading(d, 1, "c", "Cards");
    for (size_t k = 0; k < before; k++)
        doc_paragraph(d, DOC_STYLE_BODY, "Filler paragraph to push the card down the page.");
    doc_card(d, "L1.1  A card with a long field", "Emerging \xC2\xB7 1 of 4", NULL);
    doc_card_field(d, "Answer", "Yes.");
    doc_card_field(d, "Evidence", field);
    doc_card_field(d, "Next step", "Adopt it.");
    return d;
}

static void test_long_card(void **state)
{
    (void)state;
    char *text = words_text(286); /* 2,000 characters */
    assert_int_equal(strlen(text), 2001);
    /* The short card fits below the filler; the long one starts there
     * and goes on over the page. */
    report_doc *small = card_doc("Short.", 20);
    report_doc *d = card_doc(text, 20);
    const char *p0 = out("card0.pdf"), *p1 = out("card1.pdf");
    render_ok(small, p0);
    render_ok(d, p1);
    assert_true(pages_of(p1) > pages_of(p0));
    assert_all_words(p1, 286);
    char *t = run("pdftotext '%s' -", p1);
    assert_contains(t, "(continued)");
    assert_contains(t, "Adopt it.");
    free(t);
    assert_inside_margins(p1);
    doc_free(small);
    doc_free(d);
    free(text);
}

static void test_huge_field(void **state)
{
    (void)state;
    char *text = words_text(2858); /* 20,000 characters */
    assert_true(strlen(text) >= 20000);
    report_doc *d = card_doc(text, 0);
    /* and a 3,000-character word, broken between characters */
    char *longword = malloc(3001);
    assert_non_null(longword);
    for (int i = 0; i < 3000; i++)
        longword[i] = (char)('a' + i % 26);
    longword[3000] = '\0';
    doc_paragraph(d, DOC_STYLE_BODY, longword);
    const char *pdf = out("huge.pdf");
    render_ok(d, pdf);
    assert_true(pages_of(pdf) >= 6);
    assert_all_words(pdf, 2858);
    assert_inside_margins(pdf);
    doc_free(d);
    free(text);
    free(longword);
}

/* The position of the first word with text `t` (page 0 if none). */
static word find_word(const word *w, size_t n, const char *t)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(w[k].text, t) == 0)
            return w[k];
    return (word){0};
}

/* However much text comes before it, a heading is on the page of what it
 * heads: a paragraph's first lines, a table's header and first row, a
 * chart, a card. */
static void test_keep_with_next(void **state)
{
    (void)state;
    for (int kind = 0; kind < 4; kind++) {
        for (int lines = 30; lines <= 48; lines += 1) {
            report_doc *d = doc_new();
            cover(d, "Riverton");
            doc_heading(d, 1, "k", "Keep");
            char *fill = words_text((size_t)lines * 12);
            doc_paragraph(d, DOC_STYLE_BODY, fill);
            free(fill);
            doc_heading(d, 2, "h", "Headingtwo");
            doc_heading(d, 3, "h3", "Headingthree");
            switch (kind) {
            case 0:
                doc_paragraph(d, DOC_STYLE_BODY,
                              "Firstword of a paragraph that runs over several lines so that "
                              "it can be split between pages if it has to be split at all, "
                              "which it may; it goes on and on for some time, line after line.");
                break;
            case 1:
                table_rows(d, 3, "Firstword");
                break;
            case 2:
                doc_chart(d, bar_figure(), 180);
                break;
            default:
                doc_card(d, "Firstword card", "badge", NULL);
                doc_card_field(d, "Answer", "Yes, with a few words.");
                break;
            }
            const char *pdf = out("keep.pdf");
            render_ok(d, pdf);
            size_t n;
            word *w = words_of(pdf, &n);
            word h2 = find_word(w, n, "Headingtwo"), h3 = find_word(w, n, "Headingthree");
            word next = find_word(w, n, kind == 2 ? "Scores" : "Firstword");
            if (kind == 1)
                next = find_word(w, n, "Item");
            assert_true(h2.page > 0 && next.page > 0);
            if (h2.page != next.page || h3.page != next.page)
                fail_msg("kind %d, %d lines: heading on page %d, its block on page %d", kind,
                         lines, h2.page, next.page);
            free(w);
            doc_free(d);
        }
    }
}

static void test_reproducible(void **state)
{
    (void)state;
    report_doc *d = sample_doc();
    const char *a = out("same-a.pdf"), *b = out("same-b.pdf");
    render_ok(d, a);
    render_ok(d, b);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    assert_int_equal(system(cmd), 0);
    doc_free(d);
}

static void write_png(const char *path, int w, int h)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 0.1, 0.3, 0.45);
    cairo_paint(cr);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, w / 4.0, h / 4.0, w / 2.0, h / 2.0);
    cairo_fill(cr);
    cairo_destroy(cr);
    assert_int_equal(cairo_surface_write_to_png(s, path), CAIRO_STATUS_SUCCESS);
    cairo_surface_destroy(s);
}

static void test_logo(void **state)
{
    (void)state;
    const char *png = out("logo.png");
    write_png(png, 400, 100);
    report_doc *d = sample_doc();
    d->brand.logo_png = png;
    const char *pdf = out("logo.pdf");
    render_ok(d, pdf);
    char *list = run("pdfimages -list '%s'", pdf);
    assert_contains(list, "   1     0 image     400   100  rgb");
    free(list);
    /* scaled to 120 × 30 points at the top left: 240 px at 144 dpi */
    assert_inside_margins(pdf);
    doc_free(d);
}

static void test_errors(void **state)
{
    (void)state;
    char err[256];
    report_doc *d = sample_doc();

    d->brand.logo_png = "/nonexistent/brand/logo.png";
    assert_int_equal(pdf_render(d, out("x.pdf"), err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/brand/logo.png"));
    assert_non_null(strstr(err, "No such file"));

    const char *bad = out("bad.png");
    FILE *f = fopen(bad, "w");
    fputs("not a png\n", f);
    fclose(f);
    d->brand.logo_png = bad;
    assert_int_equal(pdf_render(d, out("x.pdf"), err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot load logo"));
    assert_non_null(strstr(err, bad));
    d->brand.logo_png = NULL;

    assert_int_equal(pdf_render(d, "/nonexistent/dir/x.pdf", err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot write /nonexistent/dir/x.pdf"));
    /* errlen 0: no message, still -1 */
    assert_int_equal(pdf_render(d, "/nonexistent/dir/x.pdf", NULL, 0), -1);
    assert_int_equal(pdf_render(NULL, out("x.pdf"), err, sizeof err), -1);

    /* an invalid chart (a value outside 0–100) fails with a message */
    report_figure *fig = bar_figure();
    static const chart_bar wrong[] = {{"Too high", 150, false, 0, false, 0, 0, 0}};
    fig->ch.bars.rows = wrong;
    fig->ch.bars.n_rows = 1;
    doc_chart(d, fig, 150);
    assert_int_equal(pdf_render(d, out("x.pdf"), err, sizeof err), -1);
    assert_non_null(strstr(err, "chart"));
    doc_free(d);
}

static void test_minimal_and_odd_input(void **state)
{
    (void)state;
    /* No blocks and no cover fields: one page. */
    report_doc *d = doc_new();
    render_ok(d, out("empty.pdf"));
    assert_int_equal(pages_of(out("empty.pdf")), 1);
    doc_free(d);

    /* Malformed UTF-8, control characters, characters beyond U+FFFF,
     * an empty table, a table with no rows, page breaks in a row, a
     * heading last, a light brand colour. */
    d = doc_new();
    cover(d, "Bad \xFF\xFE bytes \x01 and \xF0\x9F\x98\x80 emoji");
    d->brand.primary = (doc_rgb){1.0, 0.9, 0.3};
    doc_paragraph(d, DOC_STYLE_BODY, "Tab\there, CR\r\nand \xC3 cut");
    doc_table(d, NULL, 0);
    static const doc_column one[] = {{.title = "Only column", .width = 0, .align = DOC_ALIGN_LEFT}};
    doc_table(d, one, 1);
    doc_page_break(d);
    doc_page_break(d);
    doc_figures(d);
    doc_bullets(d);
    doc_card(d, NULL, NULL, NULL);
    doc_card(d, "A title only", "A badge far too long to sit beside the title, so long "
                                "that it needs a line or two of its own in the card",
             NULL);
    doc_heading(d, 2, "last", "Last heading");
    const char *pdf = out("odd.pdf");
    render_ok(d, pdf);
    char *text = run("pdftotext '%s' -", pdf);
    assert_contains(text, "Tab here, CR");
    assert_contains(text, "Only column");
    assert_contains(text, "Last heading");
    assert_contains(text, "\xEF\xBF\xBD"); /* U+FFFD for the bad bytes */
    free(text);
    assert_inside_margins(pdf);
    doc_free(d);
}

/* Each font's /ToUnicode is a real ToUnicode map (bfrange, one per run
 * of drawn characters), not libharu's encoding CMap, so poppler reads the
 * file without a word on stderr and copying text gives it back exactly. */
static void test_to_unicode(void **state)
{
    (void)state;
    report_doc *d = sample_doc();
    const char *pdf = out("unicode.pdf");
    render_ok(d, pdf);
    doc_free(d);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>&1 >/dev/null", pdf);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char err[256] = "";
    size_t n = fread(err, 1, sizeof err - 1, p);
    err[n] = '\0';
    assert_int_equal(pclose(p), 0);
    assert_string_equal(err, "");

    const char *qdf = out("unicode-qdf.pdf");
    free(run("qpdf --qdf --object-streams=disable '%s' '%s'", pdf, qdf));
    char *raw = run("cat '%s'", qdf);
    assert_null(strstr(raw, "begincidrange"));
    /* the regular face draws "é" (U+00E9) alone in its run, the en and
     * em dashes (U+2013, U+2014) and the curly quotes (U+201C, U+201D) as
     * runs of two */
    assert_non_null(strstr(raw, "/CMapType 2 def"));
    assert_non_null(strstr(raw, "<00E9> <00E9> <00E9>"));
    assert_non_null(strstr(raw, "<2013> <2014> <2013>"));
    assert_non_null(strstr(raw, "<201C> <201D> <201C>"));
    free(raw);
    char *text = run("pdftotext '%s' -", pdf);
    assert_contains(text, "Accents: " SPECIAL " end.");
    free(text);
}

/* The faces: the message for a missing or bad font file; widths as
 * libharu computes them; a subset that pdffonts, pdftotext and a
 * renderer accept is covered by every test above. */
static void test_fonts(void **state)
{
    (void)state;
    pdf_face f;
    char err[256];
    assert_int_equal(pdf_face_load(&f, "/nonexistent/fonts/X.ttf", err, sizeof err), -1);
    assert_string_equal(err, "cannot load font /nonexistent/fonts/X.ttf: No such file or directory");
    const char *junk = out("junk.ttf");
    FILE *fp = fopen(junk, "w");
    fputs("definitely not a font, but long enough to have a header\n", fp);
    fclose(fp);
    assert_int_equal(pdf_face_load(&f, junk, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a TrueType font"));

    assert_int_equal(pdf_face_load(&f, PDF_FONT_REGULAR, err, sizeof err), 0);
    /* DejaVu Sans: 2048 units per em; "A" advances 1401 → 684/1000;
     * a space 651 → 317. */
    assert_int_equal(f.upem, 2048);
    assert_int_equal(pdf_face_cwidth(&f, 'A'), 684);
    assert_int_equal(pdf_face_cwidth(&f, ' '), 317);
    assert_true(pdf_face_width(&f, "AA", 2, 10) == 13.68);
    /* the width of a character the font lacks is .notdef's */
    assert_int_equal(pdf_face_cwidth(&f, 0xE000), f.w1000[0]);

    /* The same widths as libharu's own, for both faces. */
    static const char text[] = "Riverton \xC2\xB7 " SPECIAL " \xE2\x80\xA6 W\xC3\x89 0123456789";
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    const char *paths[2] = {PDF_FONT_REGULAR, PDF_FONT_BOLD};
    for (int k = 0; k < 2; k++) {
        pdf_face face;
        assert_int_equal(pdf_face_load(&face, paths[k], err, sizeof err), 0);
        const char *name = HPDF_LoadTTFontFromFile(pdf, paths[k], HPDF_FALSE);
        assert_non_null(name);
        HPDF_Font font = HPDF_GetFont(pdf, name, "UTF-8");
        HPDF_TextWidth tw =
            HPDF_Font_TextWidth(font, (const HPDF_BYTE *)text, (HPDF_UINT)strlen(text));
        assert_true(pdf_face_width(&face, text, strlen(text), 1000) == (double)tw.width);
        pdf_face_free(&face);
    }
    HPDF_Free(pdf);
    pdf_face_free(&f);
}

/* ## Running */

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_pdf-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    if (getenv("TEST_PDF_KEEP")) {
        fprintf(stderr, "test_pdf: files kept in %s\n", dir);
        return 0;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sample),
        cmocka_unit_test(test_outline),
        cmocka_unit_test(test_margins),
        cmocka_unit_test(test_long_table),
        cmocka_unit_test(test_grouped_table),
        cmocka_unit_test(test_long_entity),
        cmocka_unit_test(test_long_card),
        cmocka_unit_test(test_huge_field),
        cmocka_unit_test(test_keep_with_next),
        cmocka_unit_test(test_reproducible),
        cmocka_unit_test(test_logo),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_minimal_and_odd_input),
        cmocka_unit_test(test_to_unicode),
        cmocka_unit_test(test_fonts),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
