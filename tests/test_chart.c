/*
 * test_chart.c — charts and canvases: exact layout checked through the
 * trace canvas (radar radii, bar lengths, stacked shares, whiskers, the
 * box), PNG and SVG files (size, colour, byte-identical reruns, atomic
 * replace), a libharu PDF checked with qpdf and pdftotext, sticky errors;
 * the SVG canvas (escaped text, the same geometry as cairo's); the
 * sentences chart_describe computes are in test_theme.c.
 * Files go to chart-out/ in the test's working directory for inspection.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "canvas.h"
#include "chart.h"

#include <cairo.h>
#include <hpdf.h>

#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define OUT      "chart-out"
#define PI_      3.14159265358979323846
#define FONT_DIR "/usr/share/fonts/truetype/dejavu/"
#define EQUITE                                                                                     \
    "\xC3\x89quit\xC3\xA9 \xE2\x80\x93 \xE2\x80\x9Ctest\xE2\x80\x9D" /* Équité – “test” */

/* ## Sample charts, one per kind, with the awkward cases in them */

static const char *const axes3[] = {"Normalize", "Organize", "Operationalize"};
static const double main3[] = {72, 45, 58};
static const double median3[] = {60, 55, 50};
static const double last3[] = {55, 30, 52};
static const chart_series cmp3[] = {{"State median", median3}, {"Last cycle", last3}};

static const char *const axes8[] = {EQUITE,
                                    "Leadership & governance",
                                    "Community engagement",
                                    "Budgeting",
                                    "Workforce diversity",
                                    "Data & accountability",
                                    "Contracting and procurement",
                                    "Espa\xC3\xB1ol / M\xC3\xBCnchen services"};
static const double main8[] = {80, 62, 45, 100, 30, 55, 70, 12};
static const double med8[] = {60, 50, 50, 60, 45, 50, 55, 40};
static const chart_series cmp8[] = {{"State median", med8}};

static chart radar3(void)
{
    return (chart){.kind = CHART_RADAR,
                   .title = "Scores by dimension",
                   .radar = {axes3, 3, {"Your city", main3}, cmp3, 2}};
}

static chart radar8(void)
{
    return (chart){.kind = CHART_RADAR,
                   .title = "Scores by theme \xE2\x80\x94 " EQUITE,
                   .radar = {axes8, 8, {"Your city", main8}, cmp8, 1}};
}

static const chart_bar bar_rows[] = {
    {EQUITE, 75, true, 60, true, 45, 80, 0},
    {"Leadership commitment to racial equity in all city departments and agencies", 100, true, 70,
     true, 55, 85, 1},
    {"Budgeting", 0, true, 40, true, 20, 60, 2},
    {"Community engagement", 50, true, 52, false, 0, 0, 1},
    {"Workforce", 33.4, false, 0, true, 30, 65, 0},
};
static const char *const stages[] = {"Emerging", "Developing", "Established"};

static chart bars(void)
{
    return (chart){.kind = CHART_BARS,
                   .title = "Theme scores",
                   .value_label = "Score (0\xE2\x80\x93"
                                  "100)",
                   .bars = {bar_rows, 5, "State median",
                            "Middle half of cities (p25\xE2\x80\x93p75)", NULL, stages, 3}};
}

static const double sh1[] = {0.1, 0.2, 0.3, 0.4};
static const double sh2[] = {0.5, 0.25, 0.125, 0.125};
static const double sh3[] = {0, 0, 0.04, 0.96};
static const double sh4[] = {0.25, 0.25, 0.25, 0.25};
static const chart_stack_row stack_rows[] = {
    {"Normalize", sh1}, {"Organize", sh2}, {"Operationalize", sh3}, {EQUITE, sh4}};
static const char *const levels[] = {"Not started", "Emerging", "Established", "Leading"};

static chart stacked(void)
{
    return (chart){.kind = CHART_STACKED,
                   .title = "How cities answered",
                   .value_label = "Share of answers",
                   .stacked = {levels, 4, stack_rows, 4}};
}

static const chart_box groups[] = {
    {"Normalize", 0, 25, 50, 75, 100, 42, true, 66},
    {"Organize", 12, 30, 41, 58, 90, 40, true, 95},
    {EQUITE, 5, 20, 35, 60, 77, 38, false, 0},
};

static chart boxplot(void)
{
    return (chart){.kind = CHART_BOXPLOT,
                   .title = "Your city among all cities",
                   .value_label = "Score (0\xE2\x80\x93"
                                  "100)",
                   .boxplot = {groups, 3, "Your city", "Middle half of cities", "Median",
                               "Lowest to highest"}};
}

static const char *const cycles[] = {"2021", "2022", "2023", "2024"};
static double line_a[] = {40, 52, 61, 70};
static double line_b[] = {45, 48, 50, 52};
static double line_c[4]; /* NaN gap filled in at run time */
static const chart_series line_series[] = {
    {"Your city", line_a}, {"State median", line_b}, {"Peer cities " EQUITE, line_c}};

static chart line(void)
{
    line_c[0] = 30;
    line_c[1] = NAN;
    line_c[2] = 47;
    line_c[3] = 51;
    return (chart){.kind = CHART_LINE,
                   .title = "Overall score by cycle",
                   .value_label = "Score",
                   .line = {cycles, 4, line_series, 3}};
}

static chart (*const samples[])(void) = {radar3, radar8, bars, stacked, boxplot, line};
static const char *const sample_names[] = {"radar3",  "radar8",  "bars",
                                           "stacked", "boxplot", "line"};
#define N_SAMPLES (sizeof samples / sizeof samples[0])

/* ## Reading a trace back */

#define MAX_PTS 64
typedef struct {
    double pt[MAX_PTS][2];
    int n;
    char paint[16];
    canvas_rgb fill, stroke;
    double width;
} tpath;

typedef struct {
    double x, y, size, angle, width;
    char align[8];
    char text[256];
} ttext;

typedef struct {
    tpath *paths;
    int npaths;
    ttext *texts;
    int ntexts;
} trace_doc;

static trace_doc parse(const char *t)
{
    trace_doc d = {calloc(20000, sizeof(tpath)), 0, calloc(4000, sizeof(ttext)), 0};
    canvas_rgb fill = {0, 0, 0}, stroke = {0, 0, 0};
    double width = 1;
    tpath cur = {0};
    char line_buf[1024];
    while (*t) {
        const char *nl = strchr(t, '\n');
        size_t len = nl ? (size_t)(nl - t) : strlen(t);
        assert_true(len < sizeof line_buf);
        memcpy(line_buf, t, len);
        line_buf[len] = '\0';
        t += len + (nl != NULL);
        double v[6];
        if (sscanf(line_buf, "fill_rgb %lf %lf %lf", &v[0], &v[1], &v[2]) == 3)
            fill = (canvas_rgb){v[0], v[1], v[2]};
        else if (sscanf(line_buf, "stroke_rgb %lf %lf %lf", &v[0], &v[1], &v[2]) == 3)
            stroke = (canvas_rgb){v[0], v[1], v[2]};
        else if (sscanf(line_buf, "width %lf", &v[0]) == 1)
            width = v[0];
        else if (sscanf(line_buf, "move %lf %lf", &v[0], &v[1]) == 2) {
            cur.n = 0;
            cur.pt[cur.n][0] = v[0], cur.pt[cur.n++][1] = v[1];
        } else if (sscanf(line_buf, "line %lf %lf", &v[0], &v[1]) == 2) {
            assert_true(cur.n < MAX_PTS);
            cur.pt[cur.n][0] = v[0], cur.pt[cur.n++][1] = v[1];
        } else if (sscanf(line_buf, "curve %lf %lf %lf %lf %lf %lf", &v[0], &v[1], &v[2], &v[3],
                          &v[4], &v[5]) == 6) {
            for (int k = 0; k < 3; k++) {
                assert_true(cur.n < MAX_PTS);
                cur.pt[cur.n][0] = v[2 * k], cur.pt[cur.n++][1] = v[2 * k + 1];
            }
        } else if (!strcmp(line_buf, "fill") || !strcmp(line_buf, "stroke") ||
                   !strcmp(line_buf, "fill_stroke")) {
            strcpy(cur.paint, line_buf);
            cur.fill = fill, cur.stroke = stroke, cur.width = width;
            d.paths[d.npaths++] = cur;
            cur.n = 0;
        } else if (!strncmp(line_buf, "text ", 5)) {
            ttext *x = &d.texts[d.ntexts++];
            char font[16];
            int off = 0;
            assert_int_equal(sscanf(line_buf, "text %lf %lf %lf %15s %7s %lf %lf |%n", &x->x, &x->y,
                                    &x->size, font, x->align, &x->angle, &x->width, &off),
                             7);
            snprintf(x->text, sizeof x->text, "%.*s", (int)(len - (size_t)off - 1), line_buf + off);
        }
    }
    return d;
}

static void doc_free(trace_doc *d)
{
    free(d->paths);
    free(d->texts);
}

static bool same_rgb(canvas_rgb a, canvas_rgb b)
{
    return fabs(a.r - b.r) < 0.002 && fabs(a.g - b.g) < 0.002 && fabs(a.b - b.b) < 0.002;
}

/* Draws ch on a fresh trace canvas; returns the parsed trace. */
static trace_doc trace_chart(const chart *ch, double w, double h)
{
    canvas *cv = canvas_trace_new();
    assert_non_null(cv);
    assert_int_equal(chart_draw(ch, cv, w, h), 0);
    trace_doc d = parse(canvas_trace_text(cv));
    canvas_free(cv);
    return d;
}

typedef struct {
    double x0, x1, y0, y1;
} box;

static box bbox(const tpath *p)
{
    box b = {1e9, -1e9, 1e9, -1e9};
    for (int i = 0; i < p->n; i++) {
        b.x0 = fmin(b.x0, p->pt[i][0]), b.x1 = fmax(b.x1, p->pt[i][0]);
        b.y0 = fmin(b.y0, p->pt[i][1]), b.y1 = fmax(b.y1, p->pt[i][1]);
    }
    return b;
}

static const canvas_rgb primary = {0.0, 0.447, 0.698};
static const canvas_rgb accent = {0.835, 0.369, 0.0};
static const canvas_rgb green = {0.0, 0.620, 0.451};

/* ## Layout, through the trace canvas */

static void test_radar_halfway(void **state)
{
    (void)state;
    /* Comparison series at 100 and at 0 mark the outer ring and the
     * centre on every axis; the main series at 50 must be halfway. */
    static const char *const ax[] = {"A", "B", "C", "D", "E", "F"};
    static const double fifty[] = {50, 50, 50, 50, 50, 50};
    static const double full[] = {100, 100, 100, 100, 100, 100};
    static const double zero[] = {0, 0, 0, 0, 0, 0};
    const chart_series cmp[] = {{"Outer", full}, {"Centre", zero}};
    chart ch = {.kind = CHART_RADAR, .radar = {ax, 6, {"Main", fifty}, cmp, 2}};
    trace_doc d = trace_chart(&ch, 400, 300);
    const tpath *outer = NULL, *centre = NULL, *mainp = NULL;
    for (int i = 0; i < d.npaths; i++) {
        const tpath *p = &d.paths[i];
        if (strcmp(p->paint, "stroke") || p->n != 6)
            continue;
        if (same_rgb(p->stroke, accent))
            outer = p;
        else if (same_rgb(p->stroke, green))
            centre = p;
        else if (same_rgb(p->stroke, primary) && p->width > 2)
            mainp = p;
    }
    assert_non_null(outer);
    assert_non_null(centre);
    assert_non_null(mainp);
    double cx = centre->pt[0][0], cy = centre->pt[0][1];
    double r = hypot(outer->pt[0][0] - cx, outer->pt[0][1] - cy);
    assert_true(r > 50);
    /* First axis straight up. */
    assert_true(fabs(outer->pt[0][0] - cx) < 0.011);
    assert_true(outer->pt[0][1] < cy);
    for (int i = 0; i < 6; i++) {
        assert_true(fabs(centre->pt[i][0] - cx) < 0.011 && fabs(centre->pt[i][1] - cy) < 0.011);
        assert_true(fabs(hypot(outer->pt[i][0] - cx, outer->pt[i][1] - cy) - r) < 0.02);
        assert_true(fabs(mainp->pt[i][0] - (cx + outer->pt[i][0]) / 2) < 0.011);
        assert_true(fabs(mainp->pt[i][1] - (cy + outer->pt[i][1]) / 2) < 0.011);
        /* Axes evenly spaced, clockwise from the top. */
        double ang = atan2(outer->pt[i][1] - cy, outer->pt[i][0] - cx);
        double want = -PI_ / 2 + 2 * PI_ * i / 6;
        assert_true(fabs(remainder(ang - want, 2 * PI_)) < 1e-3);
    }
    doc_free(&d);
}

static void test_bars_proportional(void **state)
{
    (void)state;
    chart ch = bars();
    trace_doc d = trace_chart(&ch, 480, 300);
    /* Keyed bars: three ramp colours; collect every filled rect that is
     * not the band grey or a white halo, in drawing order (a light key's
     * bar is outlined too; legend swatches, also outlined, are 11 wide). */
    box r[64];
    int n = 0;
    for (int i = 0; i < d.npaths; i++) {
        const tpath *p = &d.paths[i];
        bool filled = !strcmp(p->paint, "fill") ||
                      (!strcmp(p->paint, "fill_stroke") &&
                       fabs(bbox(p).x1 - bbox(p).x0 - 11) > 0.01);
        if (filled && p->n == 4 && !same_rgb(p->fill, (canvas_rgb){1, 1, 1}) &&
            !same_rgb(p->fill, (canvas_rgb){0.88, 0.88, 0.88}))
            r[n++] = bbox(p);
    }
    /* Rows 75, 100, 50, 33.4 (the 0 bar draws nothing). */
    assert_int_equal(n, 4);
    box *b75 = &r[0], *b100 = &r[1], *b50 = &r[2], *b33 = &r[3];
    double x0 = b100->x0, full = b100->x1 - b100->x0;
    assert_true(full > 150);
    assert_true(fabs(b75->x0 - x0) < 0.011 && fabs(b50->x0 - x0) < 0.011);
    assert_true(fabs((b75->x1 - x0) / full - 0.75) < 0.0002);
    assert_true(fabs((b50->x1 - x0) / full - 0.50) < 0.0002);
    assert_true(fabs((b33->x1 - x0) / full - 0.334) < 0.0002);
    /* Median ticks: 2-point dark strokes of width 2 at 60, 70, 40, 52. */
    const double medians[] = {60, 70, 40, 52};
    int t = 0;
    for (int i = 0; i < d.npaths; i++) {
        const tpath *p = &d.paths[i];
        if (!strcmp(p->paint, "stroke") && p->n == 2 && p->width == 2 &&
            p->pt[0][0] == p->pt[1][0] && p->pt[0][1] != p->pt[1][1] && p->pt[0][0] > x0 + 1 &&
            p->pt[0][1] < b33->y1 + 10 /* not the legend's tick */) {
            assert_true(t < 4);
            assert_true(fabs(p->pt[0][0] - (x0 + full * medians[t] / 100)) < 0.011);
            t++;
        }
    }
    assert_int_equal(t, 4);
    /* Values printed with one decimal, as every score is. */
    const char *want[] = {"75.0", "100.0", "0.0", "50.0", "33.4"};
    int found = 0;
    for (int i = 0; i < d.ntexts; i++)
        for (int k = 0; k < 5; k++)
            found += !strcmp(d.texts[i].text, want[k]) && !strcmp(d.texts[i].align, "left");
    assert_int_equal(found, 5);
    doc_free(&d);
}

static void test_stacked_shares(void **state)
{
    (void)state;
    chart ch = stacked();
    trace_doc d = trace_chart(&ch, 480, 260);
    /* The four segment colours are the legend swatch colours, in order. */
    canvas_rgb ramp[4];
    int k = 0;
    for (int i = 0; i < d.npaths && k < 4; i++)
        if (!strcmp(d.paths[i].paint, "fill_stroke") && d.paths[i].n == 4)
            ramp[k++] = d.paths[i].fill;
    assert_int_equal(k, 4);
    const double *shares[] = {sh1, sh2, sh3, sh4};
    double x0 = -1, full = -1;
    int row = 0;
    for (int i = 0; i < d.npaths;) {
        /* A row: consecutive filled rects in ramp colours. */
        if (strcmp(d.paths[i].paint, "fill") || d.paths[i].n != 4) {
            i++;
            continue;
        }
        box seg[4];
        int lev[4], ns = 0;
        while (i < d.npaths && ((!strcmp(d.paths[i].paint, "fill") && d.paths[i].n == 4) ||
                                (!strcmp(d.paths[i].paint, "stroke") && d.paths[i].n == 2 &&
                                 !same_rgb(d.paths[i].stroke, (canvas_rgb){1, 1, 1})))) {
            if (!strcmp(d.paths[i].paint, "stroke")) { /* a level's hatching */
                i++;
                continue;
            }
            int l = -1;
            for (int m = 0; m < 4; m++)
                if (same_rgb(d.paths[i].fill, ramp[m]))
                    l = m;
            assert_true(l >= 0 && ns < 4);
            lev[ns] = l;
            seg[ns++] = bbox(&d.paths[i++]);
        }
        if (row == 0) {
            x0 = seg[0].x0;
            full = seg[ns - 1].x1 - x0;
        }
        assert_true(fabs(seg[0].x0 - x0) < 0.011);
        assert_true(fabs(seg[ns - 1].x1 - (x0 + full)) < 0.011);
        for (int s = 0; s < ns; s++) {
            assert_true(fabs((seg[s].x1 - seg[s].x0) / full - shares[row][lev[s]]) < 0.0002);
            if (s > 0)
                assert_true(fabs(seg[s].x0 - seg[s - 1].x1) < 0.011);
        }
        row++;
    }
    assert_int_equal(row, 4);
    doc_free(&d);
}

static void test_box_whiskers(void **state)
{
    (void)state;
    chart ch = boxplot();
    trace_doc d = trace_chart(&ch, 480, 260);
    canvas_rgb dark = {0.0, 0.447 * 0.55, 0.698 * 0.55};
    /* Horizontal whisker strokes of width 1 in the dark colour, two per
     * group: min→p25 and p75→max.  The legend's whisker comes first. */
    box w[16];
    int n = 0;
    for (int i = 0; i < d.npaths; i++) {
        const tpath *p = &d.paths[i];
        if (!strcmp(p->paint, "stroke") && p->n == 2 && p->width == 1 &&
            same_rgb(p->stroke, dark) && p->pt[0][1] == p->pt[1][1])
            w[n++] = bbox(p);
    }
    assert_int_equal(n, 1 + 6);
    double x0 = w[1].x0, full = w[2].x1 - x0; /* group 0 spans 0–100 */
    for (int g = 0; g < 3; g++) {
        const chart_box *b = &groups[g];
        assert_true(fabs(w[1 + 2 * g].x0 - (x0 + full * b->min / 100)) < 0.011);
        assert_true(fabs(w[1 + 2 * g].x1 - (x0 + full * b->p25 / 100)) < 0.011);
        assert_true(fabs(w[2 + 2 * g].x0 - (x0 + full * b->p75 / 100)) < 0.011);
        assert_true(fabs(w[2 + 2 * g].x1 - (x0 + full * b->max / 100)) < 0.011);
    }
    /* The boxes: p25–p75 outlined rects. */
    int nb = 0;
    for (int i = 0; i < d.npaths; i++) {
        const tpath *p = &d.paths[i];
        if (!strcmp(p->paint, "fill_stroke") && p->n == 4 && same_rgb(p->stroke, dark)) {
            box b = bbox(p);
            if (nb > 0) { /* skip the legend swatch */
                const chart_box *g = &groups[nb - 1];
                assert_true(fabs(b.x0 - (x0 + full * g->p25 / 100)) < 0.011);
                assert_true(fabs(b.x1 - (x0 + full * g->p75 / 100)) < 0.011);
            }
            nb++;
        }
    }
    assert_int_equal(nb, 4);
    doc_free(&d);
}

static void test_line_points_and_palette(void **state)
{
    (void)state;
    /* A branded palette recolours the main series; its points sit at
     * evenly spaced cycles and heights proportional to the score. */
    chart ch = line();
    const chart_palette brand = {{0.4, 0.1, 0.5}, {0.9, 0.5, 0.0}};
    ch.palette = &brand;
    trace_doc d = trace_chart(&ch, 480, 300);
    const tpath *p = NULL;
    for (int i = 0; i < d.npaths && !p; i++)
        if (!strcmp(d.paths[i].paint, "stroke") && d.paths[i].n == 4 &&
            same_rgb(d.paths[i].stroke, brand.primary))
            p = &d.paths[i];
    assert_non_null(p);
    double dx = p->pt[1][0] - p->pt[0][0], unit = (p->pt[0][1] - p->pt[3][1]) / (70 - 40);
    assert_true(dx > 50 && unit > 1);
    for (int i = 0; i < 4; i++) {
        assert_true(fabs(p->pt[i][0] - (p->pt[0][0] + i * dx)) < 0.02);
        assert_true(fabs(p->pt[i][1] - (p->pt[0][1] - (line_a[i] - 40) * unit)) < 0.03);
    }
    /* The gap: the third series is drawn as one run of two points only. */
    int runs = 0;
    for (int i = 0; i < d.npaths; i++)
        runs += !strcmp(d.paths[i].paint, "stroke") && same_rgb(d.paths[i].stroke, green) &&
                d.paths[i].width == 2 && d.paths[i].n == 2;
    assert_int_equal(runs, 1);
    doc_free(&d);
}

/* Every coordinate and every text box inside the w×h box. */
static void check_inside(const trace_doc *d, double w, double h, const char *what)
{
    const double eps = 0.011;
    for (int i = 0; i < d->npaths; i++)
        for (int k = 0; k < d->paths[i].n; k++) {
            double x = d->paths[i].pt[k][0], y = d->paths[i].pt[k][1];
            if (!(x >= -eps && x <= w + eps && y >= -eps && y <= h + eps))
                fail_msg("%s: point %.2f %.2f outside %gx%g", what, x, y, w, h);
        }
    for (int i = 0; i < d->ntexts; i++) {
        const ttext *t = &d->texts[i];
        double shift = !strcmp(t->align, "left") ? 0 : !strcmp(t->align, "center") ? 0.5 : 1;
        double a = t->angle * PI_ / 180, c = cos(a), s = sin(a);
        /* Corners of the text box in text space, rotated (y down). */
        double u[2] = {-shift * t->width, (1 - shift) * t->width};
        double v[2] = {-0.80 * t->size, 0.25 * t->size};
        for (int p = 0; p < 2; p++)
            for (int q = 0; q < 2; q++) {
                double x = t->x + u[p] * c + v[q] * s, y = t->y - u[p] * s + v[q] * c;
                if (!(x >= -eps && x <= w + eps && y >= -eps && y <= h + eps))
                    fail_msg("%s: text |%s| corner %.2f %.2f outside %gx%g", what, t->text, x, y, w,
                             h);
            }
    }
}

static void test_everything_inside(void **state)
{
    (void)state;
    const double sizes[][2] = {{480, 300}, {300, 200}, {220, 180}, {600, 600}, {500, 140}};
    for (size_t s = 0; s < N_SAMPLES; s++)
        for (size_t z = 0; z < sizeof sizes / sizeof sizes[0]; z++) {
            chart ch = samples[s]();
            canvas *cv = canvas_trace_new();
            int e = chart_draw(&ch, cv, sizes[z][0], sizes[z][1]);
            if (e == CANVAS_ERROR_INPUT) {
                print_message("%s at %gx%g: too small\n", sample_names[s], sizes[z][0],
                              sizes[z][1]);
                /* Allowed only when the box is genuinely too small. */
                assert_true(sizes[z][1] <= 180);
                canvas_free(cv);
                continue;
            }
            assert_int_equal(e, 0);
            trace_doc d = parse(canvas_trace_text(cv));
            char what[64];
            snprintf(what, sizeof what, "%s at %gx%g", sample_names[s], sizes[z][0], sizes[z][1]);
            check_inside(&d, sizes[z][0], sizes[z][1], what);
            assert_true(d.npaths > 10 && d.ntexts > 3);
            doc_free(&d);
            canvas_free(cv);
        }
}

static void test_long_labels_cut_with_ellipsis(void **state)
{
    (void)state;
    chart ch = bars();
    trace_doc d = trace_chart(&ch, 360, 300);
    bool cut = false;
    for (int i = 0; i < d.ntexts; i++)
        cut |= strstr(d.texts[i].text, "\xE2\x80\xA6") != NULL;
    assert_true(cut);
    /* Row labels end left of the plot: right-aligned at the same x. */
    double right = -1;
    for (int i = 0; i < d.ntexts; i++)
        if (!strcmp(d.texts[i].align, "right") && d.texts[i].size == 9) {
            if (right < 0)
                right = d.texts[i].x;
            assert_true(fabs(d.texts[i].x - right) < 0.011);
        }
    assert_true(right > 0);
    doc_free(&d);
}

static void test_bad_input_draws_nothing(void **state)
{
    (void)state;
    chart good = radar3();
    static const char *const bad_axes[] = {"Normalize", "Org\xC3", "Operationalize"};
    static const double too_big[] = {72, 101, 58};
    static const double bad_sum[] = {0.5, 0.2, 0.2, 0.2};
    const chart_stack_row bad_rows[] = {{"Row", bad_sum}};
    chart bad[5];
    bad[0] = good, bad[0].radar.axes = bad_axes;
    bad[1] = good, bad[1].radar.main.values = too_big;
    bad[2] = good, bad[2].radar.n_axes = 2;
    bad[3] = stacked(), bad[3].stacked.rows = bad_rows, bad[3].stacked.n_rows = 1;
    bad[4] = good, bad[4].title = "bad \xFF title";
    for (int i = 0; i < 5; i++) {
        canvas *cv = canvas_trace_new();
        assert_int_equal(chart_draw(&bad[i], cv, 400, 300), CANVAS_ERROR_INPUT);
        assert_string_equal(canvas_trace_text(cv), "");
        canvas_free(cv);
    }
}

/* ## Sticky errors */

static void test_trace_sticky(void **state)
{
    (void)state;
    canvas *cv = canvas_trace_new();
    canvas_move_to(cv, 1, 2);
    canvas_line_to(cv, NAN, 3);
    assert_int_equal(cv->error, CANVAS_ERROR_INPUT);
    size_t len = strlen(canvas_trace_text(cv));
    canvas_line_to(cv, 5, 5);
    canvas_stroke(cv);
    canvas_text(cv, 1, 1, "x", 9, CANVAS_FONT_REGULAR, CANVAS_ALIGN_LEFT, 0);
    assert_true(canvas_text_width(cv, "abc", 9, CANVAS_FONT_REGULAR) == 0);
    assert_int_equal(strlen(canvas_trace_text(cv)), len);
    chart ch = radar3();
    assert_int_equal(chart_draw(&ch, cv, 400, 300), CANVAS_ERROR_INPUT);
    assert_int_equal(strlen(canvas_trace_text(cv)), len);
    canvas_free(cv);

    /* Painting with no path open is a state error, and sticks. */
    cv = canvas_trace_new();
    canvas_fill(cv);
    assert_int_equal(cv->error, CANVAS_ERROR_STATE);
    canvas_free(cv);
}

static void test_cairo_sticky(void **state)
{
    (void)state;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 100, 100);
    cairo_t *cr = cairo_create(s);
    canvas *cv = canvas_cairo_new(cr);
    assert_non_null(cv);
    assert_int_equal(cv->error, 0);
    assert_true(canvas_text_width(cv, "Équité", 10, CANVAS_FONT_REGULAR) > 20);
    /* An unbalanced restore puts the context into an error state. */
    cairo_restore(cr);
    canvas_move_to(cv, 1, 1);
    assert_int_equal(cv->error, CAIRO_STATUS_INVALID_RESTORE);
    canvas_line_to(cv, 5, 5);
    assert_int_equal(cv->error, CAIRO_STATUS_INVALID_RESTORE);
    chart ch = radar3();
    assert_int_equal(chart_draw(&ch, cv, 100, 100), CAIRO_STATUS_INVALID_RESTORE);
    canvas_free(cv);
    cairo_destroy(cr);
    cairo_surface_destroy(s);
}

static int hpdf_errors;
static void count_error(HPDF_STATUS e, HPDF_STATUS d, void *u)
{
    (void)e, (void)d, (void)u;
    hpdf_errors++;
}

static void test_hpdf_sticky(void **state)
{
    (void)state;
    HPDF_Doc pdf = HPDF_New(count_error, NULL);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_Page page = HPDF_AddPage(pdf);
    HPDF_Font f = HPDF_GetFont(pdf, "Helvetica", NULL);
    canvas *cv = canvas_hpdf_new(pdf, page, 0, 800, 400, 300, f, f);
    assert_non_null(cv);
    assert_int_equal(cv->error, 0);
    /* A line with no path begun: libharu refuses (wrong graphics mode). */
    canvas_line_to(cv, 10, 10);
    assert_int_equal(cv->error, HPDF_PAGE_INVALID_GMODE);
    int seen = hpdf_errors;
    assert_true(seen >= 1);
    canvas_move_to(cv, 1, 1);
    canvas_stroke(cv);
    canvas_line_to(cv, 10, 10);
    assert_int_equal(hpdf_errors, seen); /* libharu was never called again */
    assert_int_equal(cv->error, HPDF_PAGE_INVALID_GMODE);
    canvas_free(cv);
    HPDF_Free(pdf);
}

/* ## Files */

static long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

static char *slurp(const char *p, long *len)
{
    FILE *f = fopen(p, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)*len + 1);
    assert_int_equal(fread(b, 1, (size_t)*len, f), (size_t)*len);
    b[*len] = '\0';
    fclose(f);
    return b;
}

static void assert_same_file(const char *a, const char *b)
{
    long la, lb;
    char *pa = slurp(a, &la), *pb = slurp(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(pa, pb, (size_t)la);
    free(pa);
    free(pb);
}

static void test_png_files(void **state)
{
    (void)state;
    mkdir(OUT, 0777);
    char err[256], p1[128], p2[128];
    for (size_t s = 0; s < N_SAMPLES; s++) {
        chart ch = samples[s]();
        snprintf(p1, sizeof p1, OUT "/%s.png", sample_names[s]);
        snprintf(p2, sizeof p2, OUT "/%s-again.png", sample_names[s]);
        assert_int_equal(chart_write_file(&ch, p1, 480, 320, err, sizeof err), 0);
        assert_int_equal(chart_write_file(&ch, p2, 480, 320, err, sizeof err), 0);
        assert_same_file(p1, p2);
        remove(p2);

        cairo_surface_t *img = cairo_image_surface_create_from_png(p1);
        assert_int_equal(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
        assert_int_equal(cairo_image_surface_get_width(img), 960);
        assert_int_equal(cairo_image_surface_get_height(img), 640);
        assert_int_equal(cairo_image_surface_get_format(img), CAIRO_FORMAT_RGB24);
        /* Opaque white corners, and the primary colour's family (blue
         * well above red: #0072B2 and its tints and shades) in quantity:
         * the series is really there. */
        const unsigned char *data = cairo_image_surface_get_data(img);
        int stride = cairo_image_surface_get_stride(img);
        assert_int_equal(((const uint32_t *)data)[0] & 0xFFFFFF, 0xFFFFFF);
        long blue = 0;
        for (int y = 0; y < 640; y++)
            for (int x = 0; x < 960; x++) {
                uint32_t px = ((const uint32_t *)(data + y * stride))[x];
                blue += (int)(px & 0xFF) - (int)((px >> 16) & 0xFF) > 80;
            }
        if (blue < 200)
            fail_msg("%s: only %ld pixels of the series colour", p1, blue);
        cairo_surface_destroy(img);
    }
}

static void test_svg_files(void **state)
{
    (void)state;
    mkdir(OUT, 0777);
    char err[256], p1[128], p2[128];
    for (size_t s = 0; s < N_SAMPLES; s++) {
        chart ch = samples[s]();
        snprintf(p1, sizeof p1, OUT "/%s.svg", sample_names[s]);
        snprintf(p2, sizeof p2, OUT "/%s-again.svg", sample_names[s]);
        assert_int_equal(chart_write_file(&ch, p1, 480, 320, err, sizeof err), 0);
        assert_int_equal(chart_write_file(&ch, p2, 480, 320, err, sizeof err), 0);
        assert_same_file(p1, p2);
        remove(p2);
        long len;
        char *svg = slurp(p1, &len);
        assert_non_null(strstr(svg, "<svg"));
        assert_non_null(strstr(svg, "width=\"480pt\" height=\"320pt\""));
        free(svg);
    }
}

static void test_svg_radar_path(void **state)
{
    (void)state;
    /* Same halfway property as the trace test, read from the SVG's own
     * path data: main at 50 between the outline at 100 and the centre. */
    static const char *const ax[] = {"Normalize", "Organize", "Operationalize"};
    static const double fifty[] = {50, 50, 50}, full[] = {100, 100, 100};
    const chart_series cmp[] = {{"Outer", full}};
    chart ch = {.kind = CHART_RADAR, .radar = {ax, 3, {"Main", fifty}, cmp, 1}};
    char err[256];
    mkdir(OUT, 0777);
    assert_int_equal(chart_write_file(&ch, OUT "/halfway.svg", 400, 300, err, sizeof err), 0);
    long len;
    char *svg = slurp(OUT "/halfway.svg", &len);
    double outer[3][2], mainp[3][2];
    bool got_outer = false, got_main = false;
    for (char *p = strstr(svg, "<path"); p; p = strstr(p + 1, "<path")) {
        char *end = strchr(p, '>');
        char *d = strstr(p, " d=\"");
        if (!end || !d || d > end)
            continue;
        double(*dst)[2] = NULL;
        *end = '\0';
        if (strstr(p, "stroke:rgb(83.5") && strstr(p, "stroke-width:1.6;"))
            dst = outer, got_outer = true;
        else if (strstr(p, "stroke-width:2.2") && strstr(p, "fill:none"))
            dst = mainp, got_main = true;
        if (dst)
            assert_int_equal(sscanf(d, " d=\"M %lf %lf L %lf %lf L %lf %lf Z", &dst[0][0],
                                    &dst[0][1], &dst[1][0], &dst[1][1], &dst[2][0], &dst[2][1]),
                             6);
        *end = '>';
    }
    assert_true(got_outer && got_main);
    /* The centre is where the three outer vertices' circle is centred;
     * for an equilateral triangle that is the centroid. */
    double cx = (outer[0][0] + outer[1][0] + outer[2][0]) / 3;
    double cy = (outer[0][1] + outer[1][1] + outer[2][1]) / 3;
    for (int i = 0; i < 3; i++) {
        assert_true(fabs(mainp[i][0] - (cx + outer[i][0]) / 2) < 0.01);
        assert_true(fabs(mainp[i][1] - (cy + outer[i][1]) / 2) < 0.01);
    }
    free(svg);
}

static void test_file_failure_keeps_old(void **state)
{
    (void)state;
    mkdir(OUT, 0777);
    const char *p = OUT "/keep.png";
    FILE *f = fopen(p, "wb");
    fputs("old", f);
    fclose(f);
    chart ch = radar3();
    ch.radar.n_axes = 1; /* invalid */
    char err[256];
    assert_int_equal(chart_write_file(&ch, p, 400, 300, err, sizeof err), -1);
    assert_non_null(strstr(err, "invalid chart"));
    assert_int_equal(file_size(p), 3);
    assert_int_equal(chart_write_file(&ch, OUT "/x.pdf", 400, 300, err, sizeof err), -1);
    assert_int_equal(chart_write_file(&ch, "/nonexistent-dir/x.png", 400, 300, err, sizeof err),
                     -1);
    assert_non_null(strstr(err, "temporary"));
    /* No temporary files left behind. */
    DIR *dir = opendir(OUT);
    struct dirent *e;
    while ((e = readdir(dir)))
        if (e->d_name[0] == '.' && strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            fail_msg("left behind: %s", e->d_name);
    closedir(dir);
    /* A good chart replaces the old file. */
    ch = radar3();
    assert_int_equal(chart_write_file(&ch, p, 400, 300, err, sizeof err), 0);
    assert_true(file_size(p) > 1000);
}

/* ## libharu */

/* ## The SVG canvas and chart descriptions */

static canvas *measure_canvas(cairo_surface_t **s)
{
    *s = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(*s);
    canvas *m = canvas_cairo_new(cr);
    cairo_destroy(cr);
    assert_non_null(m);
    return m;
}

static void test_svg_canvas_text_escaped(void **state)
{
    (void)state;
    cairo_surface_t *s;
    canvas *m = measure_canvas(&s);
    canvas *c = canvas_svg_new(m);
    assert_non_null(c);
    canvas_set_fill(c, (canvas_rgb){1, 0, 0});
    canvas_move_to(c, 1, 2);
    canvas_line_to(c, 3, 4.5);
    canvas_close_path(c);
    canvas_fill(c);
    canvas_set_fill(c, (canvas_rgb){0, 0, 0});
    canvas_text(c, 10, 20, "<script>&\"'\x01", 9, CANVAS_FONT_BOLD, CANVAS_ALIGN_RIGHT, 90);
    /* the SVG canvas measures with the canvas it was lent */
    assert_true(fabs(canvas_text_width(c, EQUITE, 10, CANVAS_FONT_REGULAR) -
                     canvas_text_width(m, EQUITE, 10, CANVAS_FONT_REGULAR)) < 1e-9);
    assert_int_equal(c->error, 0);
    size_t len;
    const char *svg = canvas_svg_text(c, &len);
    assert_string_equal(svg,
                        "<path d=\"M1.00 2.00L3.00 4.50Z\" fill=\"#ff0000\"/>"
                        "<text x=\"10.00\" y=\"20.00\" font-size=\"9.00\" font-weight=\"bold\" "
                        "text-anchor=\"end\" transform=\"rotate(-90.00 10.00 20.00)\" "
                        "fill=\"#000000\">&lt;script&gt;&amp;&quot;&#39;</text>\n");
    assert_int_equal(len, strlen(svg));
    canvas_free(c);
    canvas_free(m);
    cairo_surface_destroy(s);
}

static void test_svg_canvas_every_kind(void **state)
{
    (void)state;
    /* every chart kind draws on the SVG canvas, its labels as text */
    chart charts[] = {radar3(), radar8(), bars(), stacked(), boxplot(), line()};
    cairo_surface_t *s;
    canvas *m = measure_canvas(&s);
    for (size_t k = 0; k < sizeof charts / sizeof *charts; k++) {
        canvas *c = canvas_svg_new(m);
        assert_int_equal(chart_draw(&charts[k], c, 500, 320), 0);
        size_t len;
        const char *svg = canvas_svg_text(c, &len);
        size_t texts = 0;
        for (const char *p = svg; (p = strstr(p, "<text ")); p++)
            texts++;
        assert_true(texts > 3);
        assert_null(strstr(svg, "\"nan"));
        assert_null(strstr(svg, "Mnan"));
        canvas_free(c);
    }
    canvas_free(m);
    cairo_surface_destroy(s);
}

static void test_pdf(void **state)
{
    (void)state;
    mkdir(OUT, 0777);
    hpdf_errors = 0;
    HPDF_Doc pdf = HPDF_New(count_error, NULL);
    assert_non_null(pdf);
    HPDF_UseUTFEncodings(pdf);
    HPDF_SetCurrentEncoder(pdf, "UTF-8");
    HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
    const char *rn = HPDF_LoadTTFontFromFile(pdf, FONT_DIR "DejaVuSans.ttf", HPDF_TRUE);
    const char *bn = HPDF_LoadTTFontFromFile(pdf, FONT_DIR "DejaVuSans-Bold.ttf", HPDF_TRUE);
    assert_non_null(rn);
    assert_non_null(bn);
    HPDF_Font regular = HPDF_GetFont(pdf, rn, "UTF-8"), bold = HPDF_GetFont(pdf, bn, "UTF-8");
    /* Two charts per A4 page, 480 × 340 pt each, 50 pt margins. */
    HPDF_Page page = NULL;
    for (size_t s = 0; s < N_SAMPLES; s++) {
        if (s % 2 == 0) {
            page = HPDF_AddPage(pdf);
            HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
        }
        double top = s % 2 == 0 ? 800 : 420;
        canvas *cv = canvas_hpdf_new(pdf, page, 57, top, 480, 340, regular, bold);
        assert_non_null(cv);
        chart ch = samples[s]();
        assert_int_equal(chart_draw(&ch, cv, 480, 340), 0);
        canvas_free(cv);
    }
    assert_int_equal(hpdf_errors, 0);
    assert_int_equal(HPDF_SaveToFile(pdf, OUT "/charts.pdf"), HPDF_OK);
    HPDF_Free(pdf);

    assert_int_equal(system("qpdf --check " OUT "/charts.pdf > " OUT "/qpdf.txt 2>&1"), 0);
    assert_int_equal(system("pdftotext " OUT "/charts.pdf " OUT "/charts.txt 2>/dev/null"), 0);
    long len;
    char *txt = slurp(OUT "/charts.txt", &len);
    const char *want[] = {EQUITE,      "Normalize",    "Organize",    "Operationalize",
                          "Budgeting", "State median", "Not started", "Leading",
                          "2021",      "2024",         "Your city",   "Espa\xC3\xB1ol"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(txt, want[i]))
            fail_msg("pdftotext lacks \"%s\"", want[i]);
    free(txt);
    assert_int_equal(system("pdftoppm -png -r 60 " OUT "/charts.pdf " OUT "/pdfpage 2>/dev/null"),
                     0);
    assert_true(file_size(OUT "/pdfpage-1.png") > 1000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_radar_halfway),
        cmocka_unit_test(test_bars_proportional),
        cmocka_unit_test(test_stacked_shares),
        cmocka_unit_test(test_box_whiskers),
        cmocka_unit_test(test_line_points_and_palette),
        cmocka_unit_test(test_everything_inside),
        cmocka_unit_test(test_long_labels_cut_with_ellipsis),
        cmocka_unit_test(test_bad_input_draws_nothing),
        cmocka_unit_test(test_trace_sticky),
        cmocka_unit_test(test_cairo_sticky),
        cmocka_unit_test(test_hpdf_sticky),
        cmocka_unit_test(test_png_files),
        cmocka_unit_test(test_svg_files),
        cmocka_unit_test(test_svg_radar_path),
        cmocka_unit_test(test_file_failure_keeps_old),
        cmocka_unit_test(test_pdf),
        cmocka_unit_test(test_svg_canvas_text_escaped),
        cmocka_unit_test(test_svg_canvas_every_kind),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
