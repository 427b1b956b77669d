/*
 * text_fmt.c — the shared formatters of every report (text_fmt.h).
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "text_fmt.h"

#include <stdio.h>
#include <string.h>

static const doc_rgb grey = {0.62, 0.62, 0.62};

const char *report_fmt_score(const assess_score *s, char *buf, size_t size)
{
    if (s->defined)
        return report_fmt_one(s->rounded, buf, size); /* rounded already: no tie left */
    snprintf(buf, size, "–");
    return buf;
}

const char *report_fmt_one(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.1f", v);
    return buf;
}

const char *report_fmt_stat(double v, char *buf, size_t size)
{
    snprintf(buf, size, "%.1f", assess_round1(v));
    if (!strcmp(buf, "-0.0"))
        strcpy(buf, "0.0");
    return buf;
}

const char *report_fmt_formats(report_doc *doc, const char *preparer)
{
    const char *own = doc->brand.alternate_formats;
    if (own && own[0])
        return doc_str(doc, own);
    const char *contact = doc->brand.contact;
    bool has_contact = contact && contact[0];
    return doc_strf(doc,
                    "To ask for this report in another format (large print, plain text, a "
                    "spreadsheet, or read aloud), contact %s%s%s.",
                    preparer && preparer[0] ? preparer : "the organization that published it",
                    has_contact ? ": " : "", has_contact ? contact : "");
}

const char *report_fmt_date(time_t t, char *buf, size_t size)
{
    static const char *const months[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(buf, size, "%d %s %d", tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900);
    return buf;
}

const char *report_fmt_horizon(assess_horizon h)
{
    switch (h) {
    case ASSESS_HORIZON_SHORT:
        return "within 90 days";
    case ASSESS_HORIZON_MEDIUM:
        return "within a year";
    case ASSESS_HORIZON_LONG:
        return "longer term";
    default:
        return "unscheduled";
    }
}

const char *report_fmt_measure(report_doc *doc, const assess_questionnaire *q, const char *lang,
                               size_t m)
{
    if (m == 0)
        return REPORT_FMT_OVERALL;
    if (m <= q->ndimensions)
        return assess_text_get(&q->dimensions[m - 1].label, lang);
    const assess_theme *th = &q->themes[m - 1 - q->ndimensions];
    return doc_strf(doc, "%s: %s", assess_text_get(&q->dimensions[th->dimension].label, lang),
                    assess_text_get(&th->name, lang));
}

const char *report_fmt_question(report_doc *doc, const assess_questionnaire *q, size_t item,
                                const char *lang)
{
    const assess_item *it = &q->items[item];
    const char *text = assess_text_get(&it->text, lang);
    /* a questionnaire built by hand (not loaded) may have no numbers */
    return it->number ? doc_strf(doc, "%s %s", it->number, text) : text;
}

chart_palette report_fmt_palette(const doc_brand *brand)
{
    if (!brand)
        return chart_palette_default();
    return (chart_palette){{brand->primary.r, brand->primary.g, brand->primary.b},
                           {brand->accent.r, brand->accent.g, brand->accent.b}};
}

doc_rgb report_fmt_level_colour(size_t level, size_t nlevels, const doc_brand *brand)
{
    chart_palette pal = report_fmt_palette(brand);
    canvas_rgb c = chart_key_colour(&pal, level, nlevels);
    return (doc_rgb){c.r, c.g, c.b};
}

doc_rgb report_fmt_stage_colour(const assess_questionnaire *q, const assess_stage *stage,
                                const doc_brand *brand)
{
    if (!stage)
        return grey;
    /* the bar charts colour at most six stage keys; later stages share the last */
    size_t n = q->nstages < 6 ? q->nstages : 6;
    size_t k = (size_t)(stage - q->stages);
    return report_fmt_level_colour(k < n ? k : n - 1, n, brand);
}
