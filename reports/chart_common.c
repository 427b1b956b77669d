/*
 * chart_common.c — the layout pieces every chart kind shares: colours,
 * markers, fitting and wrapping text by measured width, the title, the
 * legend, the 0–100 value axis and row labels.  It draws only through
 * canvas calls; it knows nothing of any particular chart kind.
 */
#include "chart_internal.h"
#include "theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const canvas_rgb chart_text_rgb = {0.13, 0.13, 0.13};
const canvas_rgb chart_muted_rgb = {0.36, 0.36, 0.36};
const canvas_rgb chart_grid_rgb = {0.86, 0.86, 0.86};
const canvas_rgb chart_axis_rgb = {0.55, 0.55, 0.55};
const canvas_rgb chart_white = {1, 1, 1};

chart_palette chart_palette_default(void)
{
    return (chart_palette){theme_default_primary(), theme_default_accent()};
}

chart_palette chart_palette_marks(const chart_palette *pal)
{
    chart_palette p = pal ? *pal : chart_palette_default();
    theme t;
    theme_make(&t, p.primary, p.accent);
    return (chart_palette){t.primary_mark, t.accent_mark};
}

canvas_rgb chart_mix(canvas_rgb a, canvas_rgb b, double t)
{
    return (canvas_rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

canvas_rgb chart_series_rgb(const chart_ctx *x, size_t i)
{
    /* After the two palette colours, the rest of Okabe–Ito that reads on
     * white: bluish green, reddish purple, orange, sky blue. */
    static const canvas_rgb rest[] = {
        {0.0, 0.620, 0.451}, {0.800, 0.475, 0.655}, {0.902, 0.624, 0.0}, {0.337, 0.706, 0.914}};
    if (i == 0)
        return x->pal.primary;
    if (i == 1)
        return x->pal.accent;
    return rest[(i - 2) % (sizeof rest / sizeof rest[0])];
}

canvas_rgb chart_ramp_rgb(const chart_ctx *x, size_t i, size_t n)
{
    return theme_key(x->pal.primary, i, n);
}

void chart_series_dash(size_t i, double *on, double *off)
{
    static const double d[][2] = {{0, 0}, {5, 3}, {2, 2}, {8, 3}, {1, 3}, {4, 4}};
    size_t k = i % (sizeof d / sizeof d[0]);
    *on = d[k][0];
    *off = d[k][1];
}

void chart_rect_path(canvas *cv, double x, double y, double w, double h)
{
    canvas_move_to(cv, x, y);
    canvas_line_to(cv, x + w, y);
    canvas_line_to(cv, x + w, y + h);
    canvas_line_to(cv, x, y + h);
    canvas_close_path(cv);
}

void chart_hatch(canvas *cv, double x, double y, double w, double h, int p, canvas_rgb fill)
{
    if (p <= 0 || w <= 0 || h <= 0)
        return;
    const double s = p == 6 ? 2.5 : 4.5, x1 = x + w, y1 = y + h;
    /* quiet lines, a third of the way from the fill to its text colour */
    canvas_rgb ink = chart_mix(fill, theme_text_on(fill), 0.45);
    if (p == 1 || p == 3 || p == 6) /* x + y = c, rising to the right */
        for (double c = ceil((x + y) / s) * s; c <= x1 + y1; c += s) {
            double a = fmax(x, c - y1), b = fmin(x1, c - y);
            if (b > a)
                chart_stroke_line(cv, a, c - a, b, c - b, ink, 0.6);
        }
    if (p == 2 || p == 3) /* x - y = c, falling to the right */
        for (double c = ceil((x - y1) / s) * s; c <= x1 - y; c += s) {
            double a = fmax(x, c + y), b = fmin(x1, c + y1);
            if (b > a)
                chart_stroke_line(cv, a, a - c, b, b - c, ink, 0.6);
        }
    if (p == 4)
        for (double v = ceil(y / s) * s; v <= y1; v += s)
            chart_stroke_line(cv, x, v, x1, v, ink, 0.6);
    if (p == 5)
        for (double v = ceil(x / s) * s; v <= x1; v += s)
            chart_stroke_line(cv, v, y, v, y1, ink, 0.6);
}

void chart_stroke_line(canvas *cv, double x1, double y1, double x2, double y2, canvas_rgb rgb,
                       double width)
{
    canvas_set_stroke(cv, rgb);
    canvas_set_line_width(cv, width);
    canvas_move_to(cv, x1, y1);
    canvas_line_to(cv, x2, y2);
    canvas_stroke(cv);
}

static void polygon(canvas *cv, const double *pts, size_t n, double x, double y, double r)
{
    for (size_t i = 0; i < n; i++) {
        double px = x + pts[2 * i] * r, py = y + pts[2 * i + 1] * r;
        if (i == 0)
            canvas_move_to(cv, px, py);
        else
            canvas_line_to(cv, px, py);
    }
    canvas_close_path(cv);
}

void chart_marker(canvas *cv, chart_mark m, double x, double y, double r, canvas_rgb fill,
                  canvas_rgb edge)
{
    /* Shapes scaled so they look about equally heavy at the same r. */
    static const double square[] = {-0.85, -0.85, 0.85, -0.85, 0.85, 0.85, -0.85, 0.85};
    static const double tri[] = {0, -1.2, 1.1, 0.75, -1.1, 0.75};
    static const double tri_down[] = {0, 1.2, 1.1, -0.75, -1.1, -0.75};
    static const double diamond[] = {0, -1.25, 1.05, 0, 0, 1.25, -1.05, 0};
    /* A plus sign with arms 0.7 r thick. */
    static const double cross[] = {-0.35, -1,   0.35, -1,   0.35, -0.35, 1,     -0.35,
                                   1,     0.35, 0.35, 0.35, 0.35, 1,     -0.35, 1,
                                   -0.35, 0.35, -1,   0.35, -1,   -0.35, -0.35, -0.35};
    canvas_set_fill(cv, fill);
    canvas_set_stroke(cv, edge);
    canvas_set_line_width(cv, 0.9);
    canvas_set_dash(cv, 0, 0);
    switch (m) {
    case MARK_SQUARE:
        polygon(cv, square, 4, x, y, r);
        break;
    case MARK_TRIANGLE:
        polygon(cv, tri, 3, x, y, r);
        break;
    case MARK_TRIANGLE_DOWN:
        polygon(cv, tri_down, 3, x, y, r);
        break;
    case MARK_DIAMOND:
        polygon(cv, diamond, 4, x, y, r);
        break;
    case MARK_CROSS:
        polygon(cv, cross, 12, x, y, r * 1.1);
        break;
    default: {
        /* A circle from four Bézier quarters (k = 4/3·(√2 − 1)). */
        const double k = 0.5523 * r;
        canvas_move_to(cv, x + r, y);
        canvas_curve_to(cv, x + r, y + k, x + k, y + r, x, y + r);
        canvas_curve_to(cv, x - k, y + r, x - r, y + k, x - r, y);
        canvas_curve_to(cv, x - r, y - k, x - k, y - r, x, y - r);
        canvas_curve_to(cv, x + k, y - r, x + r, y - k, x + r, y);
        canvas_close_path(cv);
        break;
    }
    }
    canvas_fill_stroke(cv);
}

static size_t copy_bytes(char *buf, size_t bufsize, const char *s, size_t n)
{
    if (n >= bufsize) {
        n = bufsize - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--; /* never split a code point */
    }
    memcpy(buf, s, n);
    buf[n] = '\0';
    return n;
}

/* Measures s[0, keep) with trailing spaces dropped and "…" appended. */
static double cut_width(canvas *cv, const char *s, size_t keep, double size, canvas_font font,
                        char *tmp, size_t tmpsize)
{
    static const char ell[] = "\xE2\x80\xA6"; /* … */
    while (keep > 0 && s[keep - 1] == ' ')
        keep--;
    if (keep + sizeof ell > tmpsize)
        keep = tmpsize - sizeof ell; /* callers pass code point boundaries below this */
    memcpy(tmp, s, keep);
    memcpy(tmp + keep, ell, sizeof ell);
    return canvas_text_width(cv, tmp, size, font);
}

double chart_fit(canvas *cv, const char *s, double size, canvas_font font, double maxw, char *buf,
                 size_t bufsize)
{
    size_t len = strlen(s);
    size_t n = copy_bytes(buf, bufsize, s, len);
    double w = canvas_text_width(cv, buf, size, font);
    if (w <= maxw && n == len)
        return w;
    /* Binary search over code point boundaries for the longest prefix
     * that fits together with the ellipsis. */
    size_t bound[CHART_LINE_BYTES];
    size_t nb = 0;
    for (size_t i = 0; i <= n && nb < CHART_LINE_BYTES && i + 4 < bufsize; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            bound[nb++] = i; /* bound[0] = 0: the ellipsis alone */
    size_t lo = 0, hi = nb - 1;
    while (lo < hi && !cv->error) {
        size_t mid = (lo + hi + 1) / 2;
        if (cut_width(cv, s, bound[mid], size, font, buf, bufsize) <= maxw)
            lo = mid;
        else
            hi = mid - 1;
    }
    w = cut_width(cv, s, bound[lo], size, font, buf, bufsize);
    if (w > maxw) {
        buf[0] = '\0'; /* not even "…" fits */
        return 0;
    }
    return w;
}

static const char *skip_spaces(const char *p)
{
    while (*p == ' ')
        p++;
    return p;
}

int chart_wrap(canvas *cv, const char *s, double size, canvas_font font, double maxw, int max_lines,
               chart_lines out, double *widest)
{
    int n = 0;
    double wmax = 0;
    const char *p = skip_spaces(s);
    if (max_lines > CHART_WRAP_MAX)
        max_lines = CHART_WRAP_MAX;
    while (*p && n < max_lines) {
        double w;
        if (n == max_lines - 1) {
            w = chart_fit(cv, p, size, font, maxw, out[n++], CHART_LINE_BYTES);
            wmax = fmax(wmax, w);
            break;
        }
        /* Take words while the line still fits. */
        const char *end = NULL, *q = p;
        double wend = 0;
        for (;;) {
            const char *e = q;
            while (*e && *e != ' ')
                e++;
            copy_bytes(out[n], CHART_LINE_BYTES, p, (size_t)(e - p));
            w = canvas_text_width(cv, out[n], size, font);
            if (w > maxw || (size_t)(e - p) >= CHART_LINE_BYTES)
                break;
            end = e;
            wend = w;
            q = skip_spaces(e);
            if (!*q)
                break;
        }
        if (!end) {
            /* One word wider than the line: cut the word itself. */
            const char *e = p;
            while (*e && *e != ' ')
                e++;
            char word[CHART_LINE_BYTES];
            copy_bytes(word, sizeof word, p, (size_t)(e - p));
            wend = chart_fit(cv, word, size, font, maxw, out[n], CHART_LINE_BYTES);
            end = e;
        } else {
            copy_bytes(out[n], CHART_LINE_BYTES, p, (size_t)(end - p));
        }
        wmax = fmax(wmax, wend);
        n++;
        p = skip_spaces(end);
        if (cv->error)
            break;
    }
    if (widest)
        *widest = wmax;
    return n;
}

void chart_text_block(canvas *cv, chart_lines lines, int n, double x, double cy, double size,
                      canvas_font font, canvas_align align, canvas_rgb rgb)
{
    /* The block spans from the first cap top to the last baseline. */
    double gap = LINE_GAP * size, cap = 0.73 * size;
    double top = cy - ((n - 1) * gap + cap) / 2;
    canvas_set_fill(cv, rgb);
    for (int i = 0; i < n; i++)
        canvas_text(cv, x, top + cap + i * gap, lines[i], size, font, align, 0);
}

void chart_text_halo(canvas *cv, double x, double y, const char *s, double size, canvas_font font,
                     canvas_align align, canvas_rgb rgb)
{
    double w = canvas_text_width(cv, s, size, font);
    double left = align == CANVAS_ALIGN_LEFT ? x : align == CANVAS_ALIGN_RIGHT ? x - w : x - w / 2;
    canvas_set_fill(cv, chart_white);
    chart_rect_path(cv, left - 1.5, y - 0.8 * size, w + 3, 1.05 * size);
    canvas_fill(cv);
    /* a series colour as text: darkened to text contrast on its halo */
    canvas_set_fill(cv, theme_darken(rgb, chart_white, THEME_TEXT_CONTRAST));
    canvas_text(cv, x, y, s, size, font, align, 0);
}

void chart_title(chart_ctx *x, const char *title, chart_rect *area)
{
    if (!title || !*title)
        return;
    chart_lines lines;
    int n = chart_wrap(x->cv, title, FS_TITLE, CANVAS_FONT_BOLD, area->w, 2, lines, NULL);
    double gap = LINE_GAP * FS_TITLE;
    canvas_set_fill(x->cv, chart_text_rgb);
    for (int i = 0; i < n; i++)
        canvas_text(x->cv, area->x, area->y + ASCENT * FS_TITLE + i * gap, lines[i], FS_TITLE,
                    CANVAS_FONT_BOLD, CANVAS_ALIGN_LEFT, 0);
    double used = ASCENT * FS_TITLE + (n - 1) * gap + DESCENT * FS_TITLE + 8;
    area->y += used;
    area->h -= used;
}

/* ## Legend */

static double swatch_width(chart_leg_kind k)
{
    return k == LEG_LINE || k == LEG_WHISKER ? 22 : 11;
}

static void swatch(canvas *cv, const chart_leg *e, double x, double cy)
{
    double on, off;
    switch (e->kind) {
    case LEG_LINE:
        chart_series_dash(e->dash, &on, &off);
        canvas_set_dash(cv, on, off);
        chart_stroke_line(cv, x, cy, x + 22, cy, e->rgb, 1.8);
        canvas_set_dash(cv, 0, 0);
        chart_marker(cv, e->mark, x + 11, cy, 3.2, e->rgb, chart_white);
        break;
    case LEG_BOX:
        canvas_set_fill(cv, e->rgb);
        canvas_set_stroke(cv, e->edge);
        canvas_set_line_width(cv, 0.6);
        chart_rect_path(cv, x, cy - 4.5, 11, 9);
        canvas_fill_stroke(cv);
        chart_hatch(cv, x, cy - 4.5, 11, 9, e->pattern, e->rgb);
        break;
    case LEG_TICK:
        chart_stroke_line(cv, x + 5.5, cy - 6, x + 5.5, cy + 6, e->rgb, 2);
        break;
    case LEG_BAND:
        canvas_set_fill(cv, e->rgb);
        chart_rect_path(cv, x, cy - 6, 11, 12);
        canvas_fill(cv);
        break;
    case LEG_MARKER:
        chart_marker(cv, e->mark, x + 5.5, cy, 4, e->rgb, e->edge);
        break;
    case LEG_WHISKER:
        chart_stroke_line(cv, x + 1, cy, x + 21, cy, e->rgb, 1);
        chart_stroke_line(cv, x + 1, cy - 4, x + 1, cy + 4, e->rgb, 1);
        chart_stroke_line(cv, x + 21, cy - 4, x + 21, cy + 4, e->rgb, 1);
        break;
    case LEG_BOXPLOT:
        canvas_set_fill(cv, e->rgb);
        canvas_set_stroke(cv, e->edge);
        canvas_set_line_width(cv, 0.8);
        chart_rect_path(cv, x, cy - 5, 11, 10);
        canvas_fill_stroke(cv);
        chart_stroke_line(cv, x + 5.5, cy - 5, x + 5.5, cy + 5, e->edge, 2);
        break;
    }
}

void chart_legend(chart_ctx *x, const chart_leg *items, size_t n, chart_rect *area)
{
    if (n == 0)
        return;
    if (n > CHART_LEG_MAX)
        n = CHART_LEG_MAX;
    canvas *cv = x->cv;
    const double row_h = FS_LEGEND * 1.9, sep = 14, gap = 5;
    char text[CHART_LEG_MAX][CHART_LINE_BYTES];
    double ew[CHART_LEG_MAX];
    for (size_t i = 0; i < n; i++) {
        double sw = swatch_width(items[i].kind) + gap;
        double tw = chart_fit(cv, items[i].label ? items[i].label : "", FS_LEGEND,
                              CANVAS_FONT_REGULAR, area->w - sw, text[i], sizeof text[i]);
        ew[i] = sw + tw;
    }
    /* Break into rows, then draw each row centred, bottom row last. */
    size_t start[CHART_LEG_MAX + 1], rows = 0;
    double roww[CHART_LEG_MAX];
    double cur = 0;
    for (size_t i = 0; i < n; i++) {
        double add = (cur > 0 ? sep : 0) + ew[i];
        if (cur > 0 && cur + add > area->w) {
            rows++;
            cur = 0;
            add = ew[i];
        }
        if (cur == 0)
            start[rows] = i;
        cur += add;
        roww[rows] = cur;
    }
    rows++;
    start[rows] = n;
    double top = area->y + area->h - rows * row_h;
    for (size_t r = 0; r < rows; r++) {
        double px = area->x + (area->w - roww[r]) / 2, cy = top + (r + 0.5) * row_h;
        for (size_t i = start[r]; i < start[r + 1]; i++) {
            swatch(cv, &items[i], px, cy);
            px += swatch_width(items[i].kind) + gap;
            canvas_set_fill(cv, chart_text_rgb);
            canvas_text(cv, px, cy + 0.36 * FS_LEGEND, text[i], FS_LEGEND, CANVAS_FONT_REGULAR,
                        CANVAS_ALIGN_LEFT, 0);
            px += ew[i] - swatch_width(items[i].kind) - gap + sep;
        }
    }
    area->h -= rows * row_h + 6;
}

/* ## Value axis */

double chart_value_axis_height(const char *value_label)
{
    double h = 4 + (ASCENT + DESCENT) * FS_SMALL;
    if (value_label && *value_label)
        h += 4 + (ASCENT + DESCENT) * FS_LABEL;
    return h;
}

void chart_format_score(double v, char *buf, size_t n)
{
    /* one decimal, as every score is printed; callers pass scores already
     * rounded by the engine, so this only drops the last bits of a double */
    snprintf(buf, n, "%.1f", floor(v * 10 + 0.5 + 1e-7) / 10);
}

void chart_value_axis(chart_ctx *x, chart_rect plot, const char *value_label, bool percent)
{
    canvas *cv = x->cv;
    for (int i = 0; i <= 4; i++) {
        double gx = plot.x + plot.w * i / 4.0;
        chart_stroke_line(cv, gx, plot.y, gx, plot.y + plot.h,
                          i == 0 ? chart_axis_rgb : chart_grid_rgb, i == 0 ? 0.8 : 0.6);
        char buf[16];
        snprintf(buf, sizeof buf, percent ? "%d%%" : "%d", i * 25);
        canvas_set_fill(cv, chart_muted_rgb);
        canvas_text(cv, gx, plot.y + plot.h + 4 + ASCENT * FS_SMALL, buf, FS_SMALL,
                    CANVAS_FONT_REGULAR, CANVAS_ALIGN_CENTER, 0);
    }
    if (value_label && *value_label) {
        char buf[CHART_LINE_BYTES];
        chart_fit(cv, value_label, FS_LABEL, CANVAS_FONT_REGULAR, plot.w, buf, sizeof buf);
        canvas_set_fill(cv, chart_muted_rgb);
        canvas_text(cv, plot.x + plot.w / 2,
                    plot.y + plot.h + 4 + (ASCENT + DESCENT) * FS_SMALL + 4 + ASCENT * FS_LABEL,
                    buf, FS_LABEL, CANVAS_FONT_REGULAR, CANVAS_ALIGN_CENTER, 0);
    }
}

/* ## Row labels */

static const char *row_label_at(const void *rows, size_t stride, size_t i)
{
    const char *s = *(const char *const *)((const char *)rows + i * stride);
    return s ? s : "";
}

chart_row_labels chart_row_labels_fit(canvas *cv, const void *rows, size_t stride, size_t n,
                                      double row_h, double max_w, int sub_lines)
{
    chart_row_labels rl;
    rl.size = chart_clamp(row_h / (1.6 + sub_lines), 6.0, FS_LABEL);
    rl.max_lines = row_h >= (2 * LINE_GAP + sub_lines * 1.1) * rl.size + 3 ? 2 : 1;
    rl.col_w = 0;
    for (size_t i = 0; i < n; i++) {
        chart_lines lines;
        double widest;
        chart_wrap(cv, row_label_at(rows, stride, i), rl.size, CANVAS_FONT_REGULAR, max_w,
                   rl.max_lines, lines, &widest);
        rl.col_w = fmax(rl.col_w, widest);
    }
    return rl;
}

void chart_row_label(canvas *cv, const chart_row_labels *rl, const char *label, const char *sub,
                     double x_right, double cy)
{
    chart_lines lines;
    int n = chart_wrap(cv, label ? label : "", rl->size, CANVAS_FONT_REGULAR, rl->col_w,
                       rl->max_lines, lines, NULL);
    if (!sub) {
        chart_text_block(cv, lines, n, x_right, cy, rl->size, CANVAS_FONT_REGULAR,
                         CANVAS_ALIGN_RIGHT, chart_text_rgb);
        return;
    }
    /* Label lines, then the smaller sub line, as one block centred on cy. */
    double gap = LINE_GAP * rl->size, sub_size = rl->size * 0.85, cap = 0.73 * rl->size;
    double block = (n - 1) * gap + cap + LINE_GAP * sub_size;
    double top = cy - block / 2;
    canvas_set_fill(cv, chart_text_rgb);
    for (int i = 0; i < n; i++)
        canvas_text(cv, x_right, top + cap + i * gap, lines[i], rl->size, CANVAS_FONT_REGULAR,
                    CANVAS_ALIGN_RIGHT, 0);
    char buf[64];
    chart_fit(cv, sub, sub_size, CANVAS_FONT_REGULAR, rl->col_w, buf, sizeof buf);
    canvas_set_fill(cv, chart_muted_rgb);
    canvas_text(cv, x_right, top + block, buf, sub_size, CANVAS_FONT_REGULAR, CANVAS_ALIGN_RIGHT,
                0);
}

/* ## Input checks */

bool chart_score_ok(double v)
{
    return v >= -1e-9 && v <= 100 + 1e-9; /* false for NaN */
}

bool chart_text_ok(const char *s)
{
    return !s || canvas_utf8_valid(s, strlen(s));
}

double chart_clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}
