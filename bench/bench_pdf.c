/*
 * bench_pdf.c — milliseconds per PDF render of a typical city report
 * (about 15 pages: a cover, key figures, tables, five charts, 32 item
 * cards), built here with the doc_* calls, and where the time goes: the
 * fonts read, the measuring pass, the font subsets, drawing, saving.  It also
 * times libharu embedding the whole DejaVu Sans faces, the route
 * pdf_render avoids.  It prints figures and checks nothing; it is not a
 * test.  Usage: bench_pdf [N] (default 100 renders) [DIR] (default /tmp).
 */
#define _POSIX_C_SOURCE 200809L

#include "chart.h"
#include "doc.h"
#include "figures.h"
#include "pdf.h"

#include <hpdf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static const char *const themes[] = {"Leadership",   "Community engagement", "Budgeting",
                                     "Workforce",    "Data & accountability", "Procurement",
                                     "Équité – “x”", "Language access"};
static chart_bar bar_rows[8];
static const double v[] = {80, 62, 45, 100, 30, 55, 70, 12};

static report_figure *bars(const char *title)
{
    report_figure *f = calloc(1, sizeof *f);
    if (!f)
        return NULL;
    for (int k = 0; k < 8; k++)
        bar_rows[k] = (chart_bar){themes[k], v[k], true, 50, true, 35, 65, 0};
    f->ch.kind = CHART_BARS;
    f->ch.title = title;
    f->ch.bars = (chart_bars){.rows = bar_rows, .n_rows = 8, .series_name = "Riverton",
                              .marker_name = "State median", .band_name = "Middle half"};
    return f;
}

static report_doc *typical(void)
{
    report_doc *d = doc_new();
    if (!d)
        return NULL;
    d->cover = (doc_cover){"Racial equity self-assessment",
                           "Improvement report",
                           "Riverton",
                           {"Assessment cycle", "2026"},
                           "2 March 2026",
                           {"Questionnaire", "gare-local, version 1.0.0"},
                           "City Council of Riverton",
                           "Northwind Equity Partners",
                           "Dana Ortiz · dana@example.org · (555) 010-0199",
                           "Team edition", NULL};
    d->info = (doc_info){"Riverton — improvement report 2026", "Northwind Equity Partners",
                         "Scores, stages and next steps", "equity", 1767225600,
                         "Riverton · 2026 — improvement report", "en"};
    d->brand.organization = "Northwind Equity Partners";
    doc_rgb stage[3] = {{0.84, 0.37, 0.0}, {0.9, 0.62, 0.0}, {0.0, 0.62, 0.45}};

    doc_heading(d, 1, "glance", "At a glance");
    doc_paragraph(d, DOC_STYLE_LEAD,
                  "Riverton scores 54.2 on the overall index, at the Developing stage. Three of "
                  "its five dimensions are Developing; one is Established and one Emerging.");
    doc_figures(d);
    doc_figure_add(d, "54.2", "Overall index", "Developing · 92 % answered", &stage[1]);
    for (int k = 0; k < 5; k++)
        doc_figure_add(d, "61.0", themes[k], "Established · 100 % answered", &stage[k % 3]);
    doc_chart(d, bars("Scores by dimension"), 230);
    doc_heading(d, 2, "glance:priorities", "Five priorities");
    static const doc_column cols[] = {{.title = "#", .width = 0.05, .align = DOC_ALIGN_RIGHT},
                                      {.title = "Item", .width = 0.55, .align = DOC_ALIGN_LEFT},
                                      {.title = "Stage", .width = 0.2, .align = DOC_ALIGN_LEFT},
                                      {.title = "Gain", .width = 0.2, .align = DOC_ALIGN_RIGHT}};
    doc_table(d, cols, 4);
    for (int k = 0; k < 5; k++) {
        doc_cell c[4] = {{.text = doc_strf(d, "%d", k + 1)},
                         {.text = "L1.2  The city has a written racial equity plan adopted by "
                                  "the council, with a budget"},
                         {.text = "Developing", .has_fill = true, .fill = stage[1]},
                         {.text = "+2.5", .bold = true}};
        doc_table_row(d, c);
    }
    for (int dim = 0; dim < 4; dim++) {
        doc_heading(d, 1, "dim", doc_strf(d, "%s", themes[dim]));
        doc_paragraph(d, DOC_STYLE_BODY,
                      "This dimension asks whether the city has made racial equity part of how "
                      "it governs: a plan, a budget, people who answer for it, and reports the "
                      "public can read. The scores below come from the answers of the staff.");
        doc_chart(d, bars("Scores by theme"), 200);
        doc_heading(d, 2, "items", "Items");
        for (int i = 0; i < 8; i++) {
            doc_card(d,
                     doc_strf(d, "L%d.%d  The city has a written racial equity plan adopted "
                                 "by the council",
                              dim + 1, i + 1),
                     "Developing · 2 of 4", &stage[i % 3]);
            doc_card_field(d, "Answer", "Partly: a draft exists but has not been adopted.");
            doc_card_field(d, "Evidence",
                           "Council minutes of 3 March 2025.\nDraft plan on the city website.");
            doc_card_field(d, "Next step",
                           "Adopt the plan in council and publish it with a timeline and "
                           "owners for each action.");
        }
    }
    doc_heading(d, 1, "method", "Method");
    doc_paragraph(d, DOC_STYLE_SMALL,
                  "Scores are the mean of item levels scaled to 0–100; items without an answer "
                  "are left out and shown as data gaps.");
    if (doc_failed(d)) {
        doc_free(d);
        return NULL;
    }
    return d;
}

/* libharu loading and embedding the whole faces with a UTF-8 encoder:
 * what it costs without our subsets. */
static double whole_faces(const char *path)
{
    double t0 = now_ms();
    HPDF_Doc pdf = HPDF_New(NULL, NULL);
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    const char *r =
        HPDF_LoadTTFontFromFile(pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", HPDF_TRUE);
    const char *b = HPDF_LoadTTFontFromFile(
        pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", HPDF_TRUE);
    HPDF_Font fr = HPDF_GetFont(pdf, r, "UTF-8"), fb = HPDF_GetFont(pdf, b, "UTF-8");
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, fr, 10);
    HPDF_Page_TextOut(page, 72, 700, "Riverton — é ñ ü “quoted”");
    HPDF_Page_SetFontAndSize(page, fb, 10);
    HPDF_Page_TextOut(page, 72, 680, "Riverton — é ñ ü “quoted”");
    HPDF_Page_EndText(page);
    HPDF_SaveToFile(pdf, path);
    HPDF_Free(pdf);
    return now_ms() - t0;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 100;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    if (n < 1)
        n = 1;
    char path[512], whole[512];
    snprintf(path, sizeof path, "%s/bench_pdf.pdf", dir);
    snprintf(whole, sizeof whole, "%s/bench_pdf_whole.pdf", dir);

    report_doc *d = typical();
    if (!d) {
        fprintf(stderr, "bench_pdf: out of memory\n");
        return 1;
    }
    char err[256];
    pdf_timing sum = {0}, t;
    double best = 1e9, total = 0;
    for (int k = 0; k <= n; k++) {
        double t0 = now_ms();
        if (pdf_render_timed(d, path, err, sizeof err, &t) != 0) {
            fprintf(stderr, "bench_pdf: %s\n", err);
            doc_free(d);
            return 1;
        }
        double ms = now_ms() - t0;
        if (k == 0)
            continue; /* warm the caches */
        total += ms;
        best = ms < best ? ms : best;
        sum.fonts += t.fonts;
        sum.layout += t.layout;
        sum.embed += t.embed;
        sum.draw += t.draw;
        sum.save += t.save;
    }
    struct stat st;
    long size = stat(path, &st) == 0 ? (long)st.st_size : -1;
    FILE *p = NULL;
    char cmd[600];
    snprintf(cmd, sizeof cmd, "pdfinfo '%s' 2>/dev/null | grep Pages", path);
    p = popen(cmd, "r");
    char pages[64] = "Pages: ?";
    if (p) {
        if (!fgets(pages, sizeof pages, p))
            snprintf(pages, sizeof pages, "Pages: ?");
        pclose(p);
    }
    pages[strcspn(pages, "\n")] = '\0';

    printf("typical report (%s, %ld bytes), %d renders:\n", pages, size, n);
    printf("  %.2f ms per render (best %.2f)\n", total / n, best);
    printf("    fonts  %.2f ms  reading and parsing DejaVu Sans and Sans Bold\n", sum.fonts / n);
    printf("    layout %.2f ms  measuring pass: lines, pages\n", sum.layout / n);
    printf("    embed  %.2f ms  font subsets written and loaded into libharu\n", sum.embed / n);
    printf("    draw   %.2f ms  drawing pass, outline, info\n", sum.draw / n);
    printf("    save   %.2f ms  compressing and writing the file\n", sum.save / n);

    double w = 0;
    int m = n < 20 ? n : 20;
    for (int k = 0; k < m; k++)
        w += whole_faces(whole);
    long wsize = stat(whole, &st) == 0 ? (long)st.st_size : -1;
    printf("for comparison, libharu embedding the whole faces (UTF-8), one line of text: "
           "%.2f ms, %ld bytes\n",
           w / m, wsize);
    doc_free(d);
    return 0;
}
