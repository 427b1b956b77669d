/*
 * state_internal.h — what the statewide report's sections (state.c) and
 * its workbook tables (state_tables.c) share, so both show the same figures.
 */
#ifndef REPORT_STATE_INTERNAL_H
#define REPORT_STATE_INTERNAL_H

#include "state.h"

/* How many of the weakest items the training needs list. */
#define STATE_WEAKEST_ITEMS 10

/* The percent of answers given (not unknown, not blank) over every item
 * of every member of g, to 0.001. */
double state_answered_share(const assess_cohort_stats *s, const assess_cohort_group *g);

/* What the `na` share of items (n indices into q->items) is called, in
 * lang: the labels of their scales' not-applicable choices, each once and
 * joined by " / " ("Not applicable / Barred by law": both leave an item
 * out of the score, and the statistics count them together); "Not
 * applicable" when the scales have none.  Copied into doc. */
const char *state_na_label(report_doc *doc, const char *lang, const assess_questionnaire *q,
                           const size_t *items, size_t n);

/* An item's standing in a group: percent of members at one of the scale's
 * two lowest levels, above them, and with no answer, to 0.001. */
typedef struct {
    size_t item;
    double low, high, gap;
} state_weakness;

/* Every item of the questionnaire, weakest first (most members low; ties
 * in item order).  NULL when memory runs out; the caller frees. */
state_weakness *state_weakest_items(const assess_cohort_stats *s, const assess_cohort_group *g);

/* The tables of state_tables.c (s has groups): Overview, every group's
 * entities and overall index, a table per grouping on pages; Scores and
 * Items, for the workbook only; Change, every measure's change in every
 * group, a table per measure on pages (nothing without a previous cycle). */
void state_overview_table(report_doc *doc, const assess_cohort_stats *s, const char *lang);
void state_data_tables(report_doc *doc, const assess_cohort_stats *s, const char *lang);
void state_change_table(report_doc *doc, const assess_cohort_stats *s, const char *lang);

/* The survey questions' shares, in the Training needs section
 * (state_survey.c); nothing when the questionnaire has none.  False when
 * memory ran out computing them. */
bool state_survey(report_doc *doc, const assess_cohort_stats *s, const char *lang);

#endif
