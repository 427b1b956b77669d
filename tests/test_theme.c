/*
 * test_theme.c — the report theme (reports/theme.c) against WCAG's own
 * numbers, for the default colours and for brands that are too light,
 * too dark or grey; and chart_describe's sentences from a chart's numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "chart.h"
#include "theme.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const canvas_rgb white = {1, 1, 1}, black = {0, 0, 0};

static canvas_rgb hex(unsigned v)
{
    return (canvas_rgb){(v >> 16 & 255) / 255.0, (v >> 8 & 255) / 255.0, (v & 255) / 255.0};
}

static void measures(void **state)
{
    (void)state;
    assert_float_equal(theme_luminance(white), 1.0, 1e-9);
    assert_float_equal(theme_luminance(black), 0.0, 1e-9);
    assert_float_equal(theme_contrast(white, black), 21.0, 1e-9);
    assert_float_equal(theme_contrast(black, white), 21.0, 1e-9);
    /* the usual reference pairs: #777 just fails 4.5:1, #767676 just passes */
    assert_float_equal(theme_contrast(hex(0x777777), white), 4.48, 0.005);
    assert_float_equal(theme_contrast(hex(0x767676), white), 4.54, 0.005);
    /* #0072B2 (Okabe–Ito blue): luminance 0.1525, contrast 1.05 / 0.2025 = 5.185 */
    assert_float_equal(theme_luminance(hex(0x0072B2)), 0.1525, 0.0001);
    assert_float_equal(theme_contrast(hex(0x0072B2), white), 5.185, 0.002);
    /* L*: white 100, black 0, #777777 50.0, sRGB red 53.2 */
    assert_float_equal(theme_lightness(white), 100.0, 1e-6);
    assert_float_equal(theme_lightness(black), 0.0, 1e-6);
    assert_float_equal(theme_lightness(hex(0x777777)), 50.03, 0.01);
    assert_float_equal(theme_lightness(hex(0xFF0000)), 53.24, 0.01);
}

static void text_on_any_fill(void **state)
{
    (void)state;
    /* every grey and a sweep of hues: one of white, ink and black has 4.5:1 */
    for (int k = 0; k <= 100; k++) {
        double v = k / 100.0;
        canvas_rgb fills[4] = {{v, v, v}, {v, 0.5, 1 - v}, {1, v, 0}, {0, v, v}};
        for (int f = 0; f < 4; f++)
            assert_true(theme_contrast(theme_text_on(fills[f]), fills[f]) >= THEME_TEXT_CONTRAST);
    }
}

/* What the theme promises, for one brand. */
static void check_theme(canvas_rgb primary, canvas_rgb accent)
{
    theme t;
    theme_make(&t, primary, accent);
    const canvas_rgb text[] = {t.ink, t.muted, t.primary_text, t.accent_text};
    const canvas_rgb behind[] = {white, t.tint_head, t.tint_note, t.card_bg};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++)
            if (theme_contrast(text[i], behind[j]) < THEME_TEXT_CONTRAST)
                fail_msg("text %zu on background %zu: %.2f:1", i, j,
                         theme_contrast(text[i], behind[j]));
    assert_true(theme_contrast(t.on_primary, t.primary) >= THEME_TEXT_CONTRAST);
    assert_true(theme_contrast(t.on_primary_soft, t.primary) >= THEME_TEXT_CONTRAST);
    assert_true(theme_contrast(t.primary_mark, white) >= THEME_MARK_CONTRAST);
    assert_true(theme_contrast(t.accent_mark, white) >= THEME_MARK_CONTRAST);
    /* a colour that passes is kept as it is */
    if (theme_contrast(primary, white) >= THEME_MARK_CONTRAST)
        assert_memory_equal(&t.primary_mark, &primary, sizeof primary);
    /* stage keys: 15 apart in L* for up to six, lightest first */
    for (size_t n = 2; n <= THEME_KEYS_STEPPED; n++)
        for (size_t k = 0; k + 1 < n; k++) {
            double a = theme_lightness(theme_key(primary, k, n));
            double b = theme_lightness(theme_key(primary, k + 1, n));
            if (a - b < THEME_KEY_STEP - 0.01)
                fail_msg("keys %zu and %zu of %zu: L* %.1f and %.1f", k, k + 1, n, a, b);
        }
}

static void themes(void **state)
{
    (void)state;
    check_theme(theme_default_primary(), theme_default_accent());
    static const unsigned brands[][2] = {
        {0x1B4F72, 0xC0392B}, /* examples/brand */
        {0xF1C40F, 0xFFE066}, /* yellow */
        {0xDDDDDD, 0xEEEEEE}, /* pale grey */
        {0xFFFFFF, 0xFFFFFF}, /* white */
        {0x000000, 0x000000}, /* black */
        {0x00FF00, 0xFF00FF}, /* loud */
    };
    for (size_t k = 0; k < sizeof brands / sizeof *brands; k++)
        check_theme(hex(brands[k][0]), hex(brands[k][1]));
}

static void darken_only_as_needed(void **state)
{
    (void)state;
    canvas_rgb yellow = hex(0xF1C40F);
    canvas_rgb d = theme_darken(yellow, white, THEME_TEXT_CONTRAST);
    double c = theme_contrast(d, white);
    assert_true(c >= 4.5 && c < 4.52); /* just enough */
    /* the same hue: the channels keep their proportions */
    assert_float_equal(d.g / d.r, yellow.g / yellow.r, 1e-9);
}

static void explain(void **state)
{
    (void)state;
    char buf[400];
    assert_false(theme_explain(hex(0x1B4F72), true, buf, sizeof buf));
    assert_string_equal(buf, "");
    /* #F1C40F: luminance 0.5834, 1.66:1 on white, shown cut down as 1.6:1 */
    assert_true(theme_explain(hex(0xF1C40F), true, buf, sizeof buf));
    if (!strstr(buf, "#F1C40F has a contrast of 1.6:1 on white, below 4.5:1 for text and 3:1 "
                     "for chart marks: reports draw its text and marks in #"))
        fail_msg("%s", buf);
    /* #949494 has 3.03:1: fine as a mark, too light for text */
    assert_false(theme_explain(hex(0x949494), false, buf, sizeof buf));
    assert_true(theme_explain(hex(0x949494), true, buf, sizeof buf));
    if (!strstr(buf, "#949494 has a contrast of 3.0:1 on white, below 4.5:1 for text: reports "
                     "draw its text in #"))
        fail_msg("%s", buf);
}

static void describe(void **state)
{
    (void)state;
    static const char *const axes[] = {"Normalize", "Organize", "Operationalize"};
    static const double v[] = {28.84, 18.9, 13.45}, m[] = {50, 40, 30};
    chart_series cmp = {"State median", m};
    chart ch = {.kind = CHART_RADAR, .summary = "Overall index 20.4 of 100"};
    ch.radar = (chart_radar){axes, 3, {"Riverton", v}, &cmp, 1};
    char buf[256];
    size_t n = chart_describe(&ch, buf, sizeof buf);
    assert_string_equal(buf, "Overall index 20.4 of 100; Normalize 28.8, Organize 18.9, "
                             "Operationalize 13.5; State median 50.0, 40.0, 30.0.");
    assert_int_equal(n, strlen(buf));

    static const char *const keys[] = {"Emerging", "Developing"};
    chart_bar rows[2] = {{.label = "Data", .value = 72.95, .key = 1},
                         {.label = "Budget", .value = 10, .has_marker = true, .marker = 50}};
    chart bars = {.kind = CHART_BARS};
    bars.bars = (chart_bars){.rows = rows,
                             .n_rows = 2,
                             .keys = keys,
                             .n_keys = 2,
                             .marker_name = "State median",
                             .series_name = "Theme scores"};
    chart_describe(&bars, buf, sizeof buf);
    assert_string_equal(buf, "Theme scores: Data 73.0 (Developing), Budget 10.0 (Emerging; "
                             "State median 50.0).");

    /* cut to the buffer, at a character, with an ellipsis; the full length returned */
    char small[24];
    n = chart_describe(&ch, small, sizeof small);
    assert_true(n > sizeof small);
    assert_string_equal(small, "Overall index 20.4 o...");

    static const char *const levels[] = {"Low", "High", "Blank"};
    static const double s1[] = {0.25, 0.5, 0.25};
    chart_stack_row srow = {"All", s1};
    chart st = {.kind = CHART_STACKED, .title = "Stages"};
    st.stacked = (chart_stacked){levels, 3, &srow, 1, true};
    chart_describe(&st, buf, sizeof buf);
    assert_string_equal(buf, "Stages: All Low 25%, High 50%, Blank 25%.");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(measures), cmocka_unit_test(text_on_any_fill),
        cmocka_unit_test(themes),   cmocka_unit_test(darken_only_as_needed),
        cmocka_unit_test(explain),  cmocka_unit_test(describe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
