/*
 * fuzz_report.c — the PDF, XLSX and HTML renderers on any content.  The input
 * is cut at 0x1E bytes into pieces; a piece's first byte picks what it
 * becomes (a heading, a paragraph, a bullet, a table cell, a card title
 * or field, a key figure, a page break or a table of contents, a cell of a
 * workbook table) and the rest is its text, bytes as they come: the
 * renderers clean text, they do not trust it.  Each must succeed on any document and write a file that
 * begins as a PDF or a zip does, or, for HTML, a page that an XML parser
 * (expat) reads as well-formed with no <script> in it: every text escaped,
 * every element closed.  The layout is where a long word, an
 * empty cell or a card taller than a page would go wrong.
 */
#include "fuzz_common.h"

#include "doc.h"
#include "html.h"
#include "pdf.h"
#include "xlsx.h"

#include <expat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PIECES_MAX = 300, TABLE_COLS = 3, SHEET_COLS = 3 };

/* The first bytes of the file at path, or "" (static storage). */
static const char *file_start(const char *path, size_t n)
{
    static char buf[8];
    memset(buf, 0, sizeof buf);
    FILE *f = fopen(path, "rb");
    if (f) {
        if (fread(buf, 1, n < sizeof buf - 1 ? n : sizeof buf - 1, f) == 0)
            buf[0] = '\0';
        fclose(f);
    }
    return buf;
}

/* text cut at 0x1F into runs of every style, every third a link. */
static size_t runs_of(char *text, doc_run *runs, size_t max)
{
    size_t n = 0;
    for (char *s = text; n < max;) {
        char *end = strchr(s, 0x1F);
        if (end)
            *end = '\0';
        runs[n] = (doc_run){s, (unsigned)n & 3, n % 3 == 2 ? "https://example.org/a?b=(c)" : NULL};
        n++;
        if (!end)
            break;
        s = end + 1;
    }
    return n;
}

static void build(report_doc *d, const uint8_t *data, size_t size)
{
    doc_run runs[16];
    int number = 0;
    static const doc_column tcols[TABLE_COLS] = {
        {.title = "Item", .width = 1, .align = DOC_ALIGN_LEFT},
        {.title = "Answer", .width = 2, .align = DOC_ALIGN_LEFT},
        {.title = "Score", .width = 0.5, .align = DOC_ALIGN_RIGHT}};
    static const doc_column scols[SHEET_COLS] = {
        {.title = "Text", .type = DOC_CELL_TEXT, .chars = 40},
        {.title = "Short", .width = 1, .type = DOC_CELL_TEXT, .chars = 8},
        {.title = "Input", .type = DOC_CELL_TEXT, .chars = 12, .input = true},
    };
    doc_cell row[TABLE_COLS];
    doc_cell srow[SHEET_COLS];
    size_t ncell = 0, nscell = 0, pieces = 0;
    int open = -1; /* the kind of list-like block open: bullets, figures, table, card, sheet */
    const char *title = "";

    d->cover = (doc_cover){"Fuzzed report", "Improvement report", "Fuzzville", {"Cycle", "2026"},
                           "1 January 2026", {"Questionnaire", "fuzz questionnaire"},
                           NULL, NULL, NULL, NULL, NULL};
    d->info.title = "Fuzzed";
    d->info.header = "Fuzzville · 2026";
    d->info.lang = "en";

    size_t start = 0;
    for (size_t i = 0; i <= size && pieces < PIECES_MAX; i++) {
        if (i < size && data[i] != 0x1E)
            continue;
        size_t n = i - start;
        const uint8_t *p = data + start;
        start = i + 1;
        pieces++;
        if (n == 0)
            continue;
        char *text = malloc(n);
        if (!text)
            abort();
        memcpy(text, p + 1, n - 1);
        text[n - 1] = '\0'; /* a NUL inside ends the text early, as in C */
        int kind = p[0] % 12;
        if (kind != open && open == 2 && ncell) {
            /* finish the table's last row before another block starts */
            while (ncell < TABLE_COLS)
                row[ncell++] = (doc_cell){.text = ""};
            doc_table_row(d, row);
            ncell = 0;
        }
        if (kind != open && open == 4 && nscell) {
            while (nscell < SHEET_COLS)
                srow[nscell++] = doc_cell_text(NULL);
            doc_table_row(d, srow);
            nscell = 0;
        }
        switch (kind) {
        case 0:
            doc_heading(d, 1 + p[0] / 12 % 3, NULL, text);
            open = -1;
            break;
        case 1:
        case 2:
            if (p[0] >= 192)
                doc_paragraph_runs(d, (doc_style)(p[0] / 12 % 4), runs, runs_of(text, runs, 16));
            else
                doc_paragraph(d, (doc_style)(p[0] / 12 % 4), text);
            open = -1;
            break;
        case 3:
            if (open != 0)
                doc_bullets(d);
            if (p[0] >= 192)
                doc_item_runs(d, p[0] >> 4 & 1, p[0] >> 5 & 1, number++, runs,
                              runs_of(text, runs, 16));
            else
                doc_bullet(d, text);
            open = 0;
            break;
        case 4:
            if (open != 1)
                doc_figures(d);
            doc_figure_add(d, "54.2", text, p[0] & 0x80 ? text : NULL, NULL);
            open = 1;
            break;
        case 5:
        case 6:
            if (open != 2) /* on pages and, every other one, in a worksheet too */
                doc_table_open(d,
                               &(doc_table_opts){.caption = p[0] & 0x40 ? text : NULL,
                                                 .sheet = p[0] & 0x80 ? "Table" : NULL},
                               tcols, TABLE_COLS);
            /* a cell whose text is also its link: any scheme, any bytes */
            row[ncell++] = (doc_cell){.text = doc_str(d, text),
                                      .bold = p[0] & 0x80,
                                      .link = p[0] & 0x20 ? doc_str(d, text) : NULL};
            if (ncell == TABLE_COLS) {
                doc_table_row(d, row);
                ncell = 0;
            }
            open = 2;
            break;
        case 7:
            title = doc_str(d, text);
            doc_card(d, title, p[0] & 0x80 ? "Developing · 2 of 4" : NULL, NULL);
            open = 3;
            break;
        case 8:
            if (open != 3)
                doc_card(d, title, NULL, NULL);
            doc_card_field(d, "Field", text);
            open = 3;
            break;
        case 9: /* a page break, or a table of contents shown from 0–3 pages */
            if (p[0] & 0x80)
                doc_toc(d, text, p[0] / 12 % 4);
            else
                doc_page_break(d);
            open = -1;
            break;
        default: /* 10, 11: a table for the workbook only, with an input column */
            if (open != 4)
                doc_table_open(d,
                               &(doc_table_opts){.caption = "A sheet",
                                                 .sheet = "Fuzz",
                                                 .data_only = p[0] & 0x80,
                                                 .filter = true},
                               scols, SHEET_COLS);
            srow[nscell++] = doc_cell_text(doc_str(d, text));
            if (nscell == SHEET_COLS) {
                doc_table_row(d, srow);
                nscell = 0;
            }
            open = 4;
            break;
        }
        free(text); /* the document keeps copies; row cells are doc_str copies */
    }
    if (open == 2 && ncell) {
        while (ncell < TABLE_COLS)
            row[ncell++] = (doc_cell){.text = ""};
        doc_table_row(d, row);
    }
    if (open == 4 && nscell) {
        while (nscell < SHEET_COLS)
            srow[nscell++] = doc_cell_text(NULL);
        doc_table_row(d, srow);
    }
}

typedef int (*renderer)(const report_doc *doc, const char *path, char *err, size_t errlen);

/* Renders d into the scratch folder as name; aborts unless it succeeds and
 * the file begins with magic. */
static void render_ok(const report_doc *d, renderer render, const char *name, const char *magic)
{
    char path[600], err[512];
    snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
    if (render(d, path, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_report: %s: %s\n", name, err);
        abort();
    }
    if (memcmp(file_start(path, strlen(magic)), magic, strlen(magic)) != 0)
        abort();
}

static void XMLCALL no_script(void *user, const XML_Char *name, const XML_Char **attrs)
{
    (void)user;
    if (!strcmp(name, "script"))
        abort();
    for (size_t k = 0; attrs[k]; k += 2)
        if (!strncmp(attrs[k], "on", 2))
            abort(); /* an event handler attribute */
}

/* The page at path must be well-formed XML without script. */
static void html_ok(const char *path)
{
    FILE *f = fopen(path, "rb");
    XML_Parser p = XML_ParserCreate("UTF-8");
    if (!f || !p)
        abort();
    XML_SetStartElementHandler(p, no_script);
    char buf[65536];
    size_t n;
    do {
        n = fread(buf, 1, sizeof buf, f);
        if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
            fprintf(stderr, "fuzz_report: report.html line %lu: %s\n",
                    (unsigned long)XML_GetCurrentLineNumber(p),
                    XML_ErrorString(XML_GetErrorCode(p)));
            abort();
        }
    } while (n > 0);
    XML_ParserFree(p);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    report_doc *d = doc_new();
    if (!d)
        abort();
    build(d, data, size);
    if (doc_failed(d)) {
        doc_free(d);
        return 0; /* out of memory building it: nothing to render */
    }
    render_ok(d, pdf_render, "report.pdf", "%PDF-");
    render_ok(d, xlsx_render, "report.xlsx", "PK\x03\x04");
    render_ok(d, html_render, "report.html", "<!DOCTY");
    char path[600];
    snprintf(path, sizeof path, "%s/report.html", fuzz_dir());
    html_ok(path);
    doc_free(d);
    return 0;
}
