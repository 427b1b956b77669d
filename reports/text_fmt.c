/*
 * text_fmt.c — the shared formatters of every report (text_fmt.h).
 */
#define _POSIX_C_SOURCE 200809L /* gmtime_r */

#include "text_fmt.h"

#include "l10n.h"

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

const char *report_fmt_formats(report_doc *doc, const char *lang, const char *preparer)
{
    const char *own = doc->brand.alternate_formats;
    if (own && own[0])
        return doc_str(doc, own);
    const char *contact = doc->brand.contact;
    bool has_contact = contact && contact[0];
    return doc_strf(doc,
                    l10n_get(lang, "To ask for this report in another format (large print, plain "
                                   "text, a spreadsheet, or read aloud), contact %s%s%s."),
                    preparer && preparer[0] ? preparer
                                            : l10n_get(lang, "the organization that published it"),
                    has_contact ? ": " : "", has_contact ? contact : "");
}

const char *report_fmt_date(const char *lang, time_t t, char *buf, size_t size)
{
    return l10n_date(lang, t, buf, size);
}

const char *report_fmt_overall(const char *lang)
{
    return l10n_get(lang, "Overall index");
}

const char *report_fmt_horizon(const char *lang, assess_horizon h)
{
    switch (h) {
    case ASSESS_HORIZON_SHORT:
        return l10n_get(lang, "within 90 days");
    case ASSESS_HORIZON_MEDIUM:
        return l10n_get(lang, "within a year");
    case ASSESS_HORIZON_LONG:
        return l10n_get(lang, "longer term");
    default:
        return l10n_get(lang, "unscheduled");
    }
}

const char *report_fmt_effort(const char *lang, assess_effort e)
{
    switch (e) {
    case ASSESS_EFFORT_LOW:
        return l10n_pget(lang, "effort", "low");
    case ASSESS_EFFORT_MEDIUM:
        return l10n_pget(lang, "effort", "medium");
    case ASSESS_EFFORT_HIGH:
        return l10n_pget(lang, "effort", "high");
    default:
        return "";
    }
}

const char *report_fmt_kind(const char *lang, const char *kind)
{
    /* the kinds the shipped questionnaires use */
    static const char *const known[] = {
        L10N_NOOP_CTX("resource", "data"),    L10N_NOOP_CTX("resource", "guide"),
        L10N_NOOP_CTX("resource", "network"), L10N_NOOP_CTX("resource", "provider"),
        L10N_NOOP_CTX("resource", "reading"), L10N_NOOP_CTX("resource", "template"),
        L10N_NOOP_CTX("resource", "toolkit"), L10N_NOOP_CTX("resource", "training")};
    for (size_t k = 0; kind && k < sizeof known / sizeof *known; k++) {
        if (!strcmp(kind, known[k]))
            return l10n_pget(lang, "resource", known[k]);
    }
    return kind;
}

const char *report_fmt_measure(report_doc *doc, const assess_questionnaire *q, const char *lang,
                               size_t m)
{
    if (m == 0)
        return report_fmt_overall(lang);
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

const char *report_fmt_group(report_doc *doc, const char *lang, const assess_cohort_stats *s,
                             const assess_cohort_group *g)
{
    if (strcmp(g->by, "size") == 0) {
        /* the size groups come last, one per band in order, then those
         * without a population */
        size_t k = 0;
        for (const assess_cohort_group *h = s->groups; h < g; h++)
            k += strcmp(h->by, "size") == 0;
        char lo[32], hi[32];
        size_t nb = s->nbands;
        if (nb == 0 || k > nb)
            return l10n_get(lang, "(not given)");
        if (k == 0) {
            assess_format_thousands(s->bands[0], hi, sizeof hi);
            /* TRANSLATORS: the smallest population size band */
            return doc_strf(doc, l10n_get(lang, "under %s"), hi);
        }
        assess_format_thousands(s->bands[k - 1], lo, sizeof lo);
        if (k == nb)
            /* TRANSLATORS: the largest population size band */
            return doc_strf(doc, l10n_get(lang, "%s and over"), lo);
        assess_format_thousands(s->bands[k] - 1, hi, sizeof hi);
        return doc_strf(doc, "%s\xE2\x80\x93%s", lo, hi); /* en dash */
    }
    if (strcmp(g->name, "(not given)") == 0)
        return l10n_get(lang, "(not given)");
    return g->name;
}

const char *report_fmt_suppressed(report_doc *doc, const char *lang, const assess_cohort_stats *s)
{
    return doc_strf(doc, l10n_get(lang, "fewer than %d"), s->min_group_size);
}
