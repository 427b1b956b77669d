/*
 * theme.h — the colours of every report, made in one place from the two
 * brand colours (primary, accent), with the one contrast function all
 * renderers and charts use.
 *
 * Colours are measured as WCAG 2.1 does: relative luminance of sRGB and
 * the contrast ratio (L1 + 0.05) / (L2 + 0.05), from 1 to 21; lightness as
 * CIELAB L* (0 black … 100 white).  The theme guarantees, for any brand:
 * text colours at least 4.5:1 against the backgrounds they are drawn on,
 * chart marks (series, bars, points) at least 3:1 against white, and the
 * colours of adjacent stages (or answer levels) at least 15 apart in L*
 * (up to six of them), so they stay apart in greyscale and for readers
 * who do not see the hue.  A brand colour too light for text or marks is
 * kept for fills and darkened where it is text or a mark.
 */
#ifndef REPORT_THEME_H
#define REPORT_THEME_H

#include "canvas.h"

#include <stdbool.h>
#include <stddef.h>

#define THEME_TEXT_CONTRAST 4.5  /* WCAG 1.4.3, normal text */
#define THEME_MARK_CONTRAST 3.0  /* WCAG 1.4.11, graphical objects */
#define THEME_KEY_STEP      15.0 /* L* between adjacent stage colours */
#define THEME_KEYS_STEPPED  6    /* up to this many keys keep THEME_KEY_STEP */

/* WCAG relative luminance (0 black … 1 white). */
double theme_luminance(canvas_rgb c);
/* WCAG contrast ratio of two colours, 1 … 21, in either order. */
double theme_contrast(canvas_rgb a, canvas_rgb b);
/* CIELAB lightness L* (0 … 100). */
double theme_lightness(canvas_rgb c);

/* c itself if it has at least ratio against bg, else c mixed toward
 * black just enough to reach it (bg light; black on white is 21:1). */
canvas_rgb theme_darken(canvas_rgb c, canvas_rgb bg, double ratio);
/* White, near-black ink or black: the first with 4.5:1 on bg (one of them
 * always has it). */
canvas_rgb theme_text_on(canvas_rgb bg);
/* c mixed with white or black to lightness L*. */
canvas_rgb theme_shade(canvas_rgb c, double lightness);
/* Key k of n (a stage, an answer level), light to dark on c's hue: the
 * lightness steps are even, at least THEME_KEY_STEP apart for up to
 * THEME_KEYS_STEPPED keys; one key is c as a mark. */
canvas_rgb theme_key(canvas_rgb c, size_t k, size_t n);

typedef struct {
    canvas_rgb primary, accent;           /* as the brand gives them: fills, rules, the band */
    canvas_rgb primary_text, accent_text; /* ≥ 4.5:1 on white and on the tints: headings, links */
    canvas_rgb primary_mark, accent_mark; /* ≥ 3:1 on white: chart series, bars, points */
    canvas_rgb on_primary;                /* text on a primary fill (white, ink or black) */
    canvas_rgb on_primary_soft;           /* quieter text on a primary fill, still ≥ 4.5:1 */
    canvas_rgb ink, muted;                /* body text, secondary text */
    canvas_rgb rule;                      /* thin rules between table rows */
    canvas_rgb tint_head, tint_note, card_bg; /* light primary tints behind text */
    canvas_rgb input_fill;                    /* a light accent tint: cells a reader fills in */
} theme;

/* The default colours: Okabe–Ito blue and vermillion. */
canvas_rgb theme_default_primary(void);
canvas_rgb theme_default_accent(void);

/* The whole theme from the two brand colours. */
void theme_make(theme *t, canvas_rgb primary, canvas_rgb accent);

/* Why a brand colour needs darkening, for a warning: "" when it has
 * THEME_TEXT_CONTRAST on white (use text = true: a colour drawn as text)
 * or THEME_MARK_CONTRAST (text = false: marks only), else a sentence that
 * names the colour, its contrast, what it is used for and the colour
 * drawn instead, e.g. "#F1C40F has a contrast of 1.7:1 on white, below
 * 4.5:1 for text and 3:1 for chart marks: reports draw its text and marks
 * in #8C7000 (4.6:1)".  Returns false when nothing needs saying. */
bool theme_explain(canvas_rgb c, bool text, char *buf, size_t size);

#endif
