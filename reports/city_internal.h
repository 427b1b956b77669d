/*
 * city_internal.h — what the two halves of the city report composer share.
 */
#ifndef REPORT_CITY_INTERNAL_H
#define REPORT_CITY_INTERNAL_H

#include "city.h"
#include "text_fmt.h"

/* One composition: the inputs and the document being built. */
typedef struct {
    report_doc *doc;
    const assess_responses *r;
    const assess_result *res;
    const assess_questionnaire *q;
    const city_options *opt;
    const char *lang;
} city_ctx;

/* A questionnaire text in the report's language. */
static inline const char *city_t(const city_ctx *c, const assess_text *t)
{
    return assess_text_get(t, c->lang);
}

/* The team edition shows who answered what; a public one does not
 * (assess-report.h, report_edition), and may leave out evidence and notes. */
static inline bool city_team(const city_ctx *c)
{
    return c->opt->edition == REPORT_EDITION_TEAM;
}
static inline bool city_notes(const city_ctx *c)
{
    return c->opt->edition != REPORT_EDITION_PUBLIC_NO_NOTES;
}
/* The title of the section on data gaps (and, for the team, disagreements). */
static inline const char *city_gaps_title(const city_ctx *c)
{
    /* each in its own call: xgettext takes only the first string of a ?: */
    return city_team(c) ? l10n_get(c->lang, "Data gaps and disagreements")
                        : l10n_get(c->lang, "Data gaps");
}

/* Shared with city_compare.c. */
void city_add_chart(city_ctx *c, report_figure *fig, int built, double height);

/* The choice an item's result reports, or NULL when missing. */
const assess_choice *city_item_choice(const city_ctx *c, size_t item);
/* "Developing (level 2 of 4)", "Not applicable", "Not answered". */
const char *city_answer_text(const city_ctx *c, size_t item);
/* Resource titles of a recommendation, joined with "; " (or NULL). */
const char *city_resources_text(const city_ctx *c, const assess_recommendation *rec);
/* The recommendation for an item's next step, or NULL. */
const assess_recommendation *city_item_advice(const city_ctx *c, size_t item);

/* The sections in city_plan.c. */
void city_plan(city_ctx *c);
void city_compare(city_ctx *c); /* city_compare.c */
void city_gaps(city_ctx *c);
void city_appendix(city_ctx *c);
void city_survey(city_ctx *c); /* city_survey.c: the unscored survey questions */

#endif
