/*
 * theme.c — colour measures and the report theme (see theme.h).
 */
#include "theme.h"

#include <math.h>
#include <stdio.h>

static const canvas_rgb white = {1, 1, 1}, black = {0, 0, 0};
static const canvas_rgb ink = {0.13, 0.13, 0.13};

static double clamp01(double v)
{
    return v < 0 ? 0 : v > 1 ? 1 : v;
}

static double linear(double c)
{
    c = clamp01(c);
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double theme_luminance(canvas_rgb c)
{
    return 0.2126 * linear(c.r) + 0.7152 * linear(c.g) + 0.0722 * linear(c.b);
}

double theme_contrast(canvas_rgb a, canvas_rgb b)
{
    double la = theme_luminance(a), lb = theme_luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double theme_lightness(canvas_rgb c)
{
    /* Y relative to the white point is the relative luminance */
    double y = theme_luminance(c);
    return y > 216.0 / 24389 ? 116 * cbrt(y) - 16 : 24389.0 / 27 * y;
}

static canvas_rgb mix(canvas_rgb a, canvas_rgb b, double t)
{
    return (canvas_rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
}

/* The least t in [t0, 1] with contrast(mix(c, to, t), bg) ≥ ratio, found
 * by halving (contrast grows with t when `to` is the far side from bg);
 * 1 when even that falls short. */
static double least_mix(canvas_rgb c, canvas_rgb to, double t0, canvas_rgb bg, double ratio)
{
    if (theme_contrast(mix(c, to, t0), bg) >= ratio)
        return t0;
    double lo = t0, hi = 1;
    for (int k = 0; k < 40; k++) {
        double mid = (lo + hi) / 2;
        if (theme_contrast(mix(c, to, mid), bg) >= ratio)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

canvas_rgb theme_darken(canvas_rgb c, canvas_rgb bg, double ratio)
{
    return mix(c, black, least_mix(c, black, 0, bg, ratio));
}

canvas_rgb theme_text_on(canvas_rgb bg)
{
    if (theme_contrast(white, bg) >= THEME_TEXT_CONTRAST)
        return white;
    if (theme_contrast(ink, bg) >= THEME_TEXT_CONTRAST)
        return ink;
    return black;
}

canvas_rgb theme_shade(canvas_rgb c, double lightness)
{
    canvas_rgb to = lightness > theme_lightness(c) ? white : black;
    double lo = 0, hi = 1;
    for (int k = 0; k < 40; k++) {
        double mid = (lo + hi) / 2;
        double l = theme_lightness(mix(c, to, mid));
        if ((to.r > 0) == (l < lightness))
            lo = mid;
        else
            hi = mid;
    }
    return mix(c, to, (lo + hi) / 2);
}

static canvas_rgb key(canvas_rgb c, size_t k, size_t n);

static bool same_rgb(canvas_rgb a, canvas_rgb b);

canvas_rgb theme_key(canvas_rgb c, size_t k, size_t n)
{
    /* Each stage colour of a report asks again (a search in L*, pow()
     * each step): the keys of the last ramps, one set per thread. */
    enum { KEEP = 8 };
    static _Thread_local struct {
        canvas_rgb c, out;
        size_t k, n;
    } kept[KEEP];
    static _Thread_local size_t nkept;
    for (size_t i = 0; i < nkept; i++)
        if (kept[i].k == k && kept[i].n == n && same_rgb(kept[i].c, c))
            return kept[i].out;
    canvas_rgb out = key(c, k, n);
    size_t slot = nkept < KEEP ? nkept++ : (size_t)(k % KEEP);
    kept[slot].c = c;
    kept[slot].k = k;
    kept[slot].n = n;
    kept[slot].out = out;
    return out;
}

static canvas_rgb key(canvas_rgb c, size_t k, size_t n)
{
    if (n <= 1)
        return theme_darken(c, white, THEME_MARK_CONTRAST);
    /* from L* 95 (a tint that still shows on white) down to 18, evenly:
     * 15.4 apart for six keys; a short ramp keeps to the middle, 22 apart */
    const double top = 95, bottom = 18;
    double step = (top - bottom) / (double)(n - 1);
    if (step > 22)
        step = 22;
    double first = (top + bottom) / 2 + step * (double)(n - 1) / 2;
    return theme_shade(c, first - step * (double)(k < n ? k : n - 1));
}

canvas_rgb theme_default_primary(void)
{
    return (canvas_rgb){0.0, 0.447, 0.698}; /* Okabe–Ito blue */
}

canvas_rgb theme_default_accent(void)
{
    return (canvas_rgb){0.835, 0.369, 0.0}; /* Okabe–Ito vermillion */
}

static bool same_rgb(canvas_rgb a, canvas_rgb b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void make(theme *t, canvas_rgb primary, canvas_rgb accent);

void theme_make(theme *t, canvas_rgb primary, canvas_rgb accent)
{
    /* A report asks for the same brand's theme hundreds of times (each
     * stage colour, each chart), each a few hundred pow() calls in the
     * contrast searches: the last one made is kept, one per thread. */
    static _Thread_local struct {
        bool set;
        canvas_rgb primary, accent;
        theme t;
    } last;
    if (last.set && same_rgb(last.primary, primary) && same_rgb(last.accent, accent)) {
        *t = last.t;
        return;
    }
    make(t, primary, accent);
    last.set = true;
    last.primary = primary;
    last.accent = accent;
    last.t = *t;
}

static void make(theme *t, canvas_rgb primary, canvas_rgb accent)
{
    t->primary = primary;
    t->accent = accent;
    t->ink = ink;
    t->muted = (canvas_rgb){0.40, 0.40, 0.40};
    t->rule = (canvas_rgb){0.80, 0.80, 0.80};
    t->tint_head = mix(primary, white, 0.86);
    t->tint_note = mix(primary, white, 0.92);
    t->card_bg = mix(primary, white, 0.965);
    t->input_fill = mix(accent, white, 0.85);
    /* text sits on white and on the tints: the darkest tint decides */
    t->primary_text = theme_darken(primary, t->tint_head, THEME_TEXT_CONTRAST);
    t->accent_text = theme_darken(accent, t->tint_head, THEME_TEXT_CONTRAST);
    t->muted = theme_darken(t->muted, t->tint_head, THEME_TEXT_CONTRAST);
    t->primary_mark = theme_darken(primary, white, THEME_MARK_CONTRAST);
    t->accent_mark = theme_darken(accent, white, THEME_MARK_CONTRAST);
    t->on_primary = theme_text_on(primary);
    /* a softer version of that text, as far toward the fill as it can go */
    double s = 0;
    for (double u = 0.22; u > 0; u -= 0.01)
        if (theme_contrast(mix(t->on_primary, primary, u), primary) >= THEME_TEXT_CONTRAST) {
            s = u;
            break;
        }
    t->on_primary_soft = mix(t->on_primary, primary, s);
}

static void hex(canvas_rgb c, char out[8])
{
    snprintf(out, 8, "#%02X%02X%02X", (unsigned)lround(clamp01(c.r) * 255),
             (unsigned)lround(clamp01(c.g) * 255), (unsigned)lround(clamp01(c.b) * 255));
}

bool theme_explain(canvas_rgb c, bool text, char *buf, size_t size)
{
    double ratio = theme_contrast(c, white);
    bool text_fails = text && ratio < THEME_TEXT_CONTRAST;
    bool mark_fails = ratio < THEME_MARK_CONTRAST;
    if (size)
        buf[0] = '\0';
    if (!text_fails && !mark_fails)
        return false;
    theme t;
    theme_make(&t, c, c);
    canvas_rgb used = text_fails ? t.primary_text : t.primary_mark;
    char was[8], now[8];
    hex(c, was);
    hex(used, now);
    /* one decimal, cut down: 4.49 is not 4.5 */
    double shown = floor(ratio * 10) / 10;
    if (text_fails && mark_fails)
        snprintf(buf, size,
                 "%s has a contrast of %.1f:1 on white, below %.1f:1 for text and %.0f:1 for "
                 "chart marks: reports draw its text and marks in %s (%.1f:1) and keep %s for "
                 "fills",
                 was, shown, THEME_TEXT_CONTRAST, THEME_MARK_CONTRAST, now,
                 floor(theme_contrast(used, white) * 10) / 10, was);
    else if (text_fails)
        snprintf(buf, size,
                 "%s has a contrast of %.1f:1 on white, below %.1f:1 for text: reports draw its "
                 "text in %s (%.1f:1) and keep %s for fills and marks",
                 was, shown, THEME_TEXT_CONTRAST, now, floor(theme_contrast(used, white) * 10) / 10,
                 was);
    else
        snprintf(buf, size,
                 "%s has a contrast of %.1f:1 on white, below %.0f:1 for chart marks: reports "
                 "draw its marks in %s (%.1f:1) and keep %s for fills",
                 was, shown, THEME_MARK_CONTRAST, now, floor(theme_contrast(used, white) * 10) / 10,
                 was);
    return true;
}
