/*
 * bench_chart.c — milliseconds per chart for each chart kind: written to a
 * PNG file, to an SVG file, and drawn into a libharu PDF page.  It prints
 * figures and checks nothing; it is not a test.  Usage: bench_chart [N]
 * (default 200 rounds) [DIR] (default /tmp) for the scratch files.
 */
#define _POSIX_C_SOURCE 200809L

#include "canvas.h"
#include "chart.h"

#include <hpdf.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static const char *const axes[] = {"Leadership",   "Community engagement",  "Budgeting",
                                   "Workforce",    "Data & accountability", "Procurement",
                                   "Équité – “x”", "Language access"};
static const double v_main[] = {80, 62, 45, 100, 30, 55, 70, 12};
static const double v_med[] = {60, 50, 50, 60, 45, 50, 55, 40};
static const chart_series cmp[] = {{"State median", v_med}};

static const chart_bar bar_rows[] = {{"Leadership", 75, true, 60, true, 45, 80, 0},
                                     {"Community engagement", 62, true, 55, true, 40, 70, 0},
                                     {"Budgeting", 45, true, 50, true, 35, 65, 0},
                                     {"Workforce", 100, true, 70, true, 55, 85, 0},
                                     {"Data", 30, true, 45, true, 30, 60, 0},
                                     {"Procurement", 55, true, 50, true, 40, 66, 0},
                                     {"Language access", 12, true, 40, true, 20, 55, 0},
                                     {"Housing", 88, true, 62, true, 50, 75, 0}};

static const double s1[] = {0.1, 0.2, 0.3, 0.4}, s2[] = {0.5, 0.25, 0.125, 0.125},
                    s3[] = {0.25, 0.25, 0.25, 0.25};
static const chart_stack_row stack_rows[] = {
    {"Normalize", s1}, {"Organize", s2}, {"Operationalize", s3}};
static const char *const levels[] = {"Not started", "Emerging", "Established", "Leading"};

static const chart_box groups[] = {{"Normalize", 0, 25, 50, 75, 100, 42, true, 66},
                                   {"Organize", 12, 30, 41, 58, 90, 40, true, 80},
                                   {"Operationalize", 5, 20, 35, 60, 77, 38, true, 50}};

static const char *const cycles[] = {"2020", "2021", "2022", "2023", "2024"};
static const double l1[] = {40, 52, 61, 70, 74}, l2[] = {45, 48, 50, 52, 55},
                    l3[] = {30, 35, 47, 51, 60};
static const chart_series lines[] = {{"Your city", l1}, {"State median", l2}, {"Peers", l3}};

static chart sample(int k)
{
    switch (k) {
    case 0:
        return (chart){.kind = CHART_RADAR,
                       .title = "Scores by theme",
                       .radar = {axes, 8, {"Your city", v_main}, cmp, 1}};
    case 1:
        return (chart){.kind = CHART_BARS,
                       .title = "Theme scores",
                       .value_label = "Score",
                       .bars = {bar_rows, 8, "State median", "Middle half", "Your city", NULL, 0}};
    case 2:
        return (chart){.kind = CHART_STACKED,
                       .title = "Answers by level",
                       .stacked = {levels, 4, stack_rows, 3}};
    case 3:
        return (chart){.kind = CHART_BOXPLOT,
                       .title = "Among all cities",
                       .boxplot = {groups, 3, "Your city", "Middle half", "Median", "Range"}};
    default:
        return (chart){.kind = CHART_LINE, .title = "By cycle", .line = {cycles, 5, lines, 3}};
    }
}

static const char *const names[] = {"radar", "bars", "stacked", "boxplot", "line"};

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    if (n < 1)
        n = 1;
    char path[512], err[256];
    printf("%-8s %10s %10s %10s   (ms per chart, 480x320 pt, %d rounds)\n", "kind", "png", "svg",
           "pdf page", n);
    for (int k = 0; k < 5; k++) {
        chart ch = sample(k);
        double t[3];
        for (int f = 0; f < 2; f++) {
            snprintf(path, sizeof path, "%s/bench_chart_%s.%s", dir, names[k], f ? "svg" : "png");
            double t0 = now_ms();
            for (int i = 0; i < n; i++)
                if (chart_write_file(&ch, path, 480, 320, err, sizeof err) != 0) {
                    fprintf(stderr, "%s: %s\n", path, err);
                    return 1;
                }
            t[f] = (now_ms() - t0) / n;
            remove(path);
        }
        /* One document, one chart per page, as a report would draw them;
         * the fonts are loaded once per document, outside the timing. */
        HPDF_Doc pdf = HPDF_New(NULL, NULL);
        HPDF_UseUTFEncodings(pdf);
        HPDF_SetCurrentEncoder(pdf, "UTF-8");
        const char *rn = HPDF_LoadTTFontFromFile(
            pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", HPDF_TRUE);
        const char *bn = HPDF_LoadTTFontFromFile(
            pdf, "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", HPDF_TRUE);
        HPDF_Font reg = HPDF_GetFont(pdf, rn, "UTF-8"), bold = HPDF_GetFont(pdf, bn, "UTF-8");
        double t0 = now_ms();
        for (int i = 0; i < n; i++) {
            HPDF_Page page = HPDF_AddPage(pdf);
            canvas *cv = canvas_hpdf_new(pdf, page, 50, 780, 480, 320, reg, bold);
            if (!cv || chart_draw(&ch, cv, 480, 320) != 0) {
                fprintf(stderr, "pdf: chart failed\n");
                return 1;
            }
            canvas_free(cv);
        }
        t[2] = (now_ms() - t0) / n;
        HPDF_Free(pdf);
        printf("%-8s %10.3f %10.3f %10.3f\n", names[k], t[0], t[1], t[2]);
    }
    return 0;
}
