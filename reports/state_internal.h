/*
 * state_internal.h — what the statewide report's pages (state.c) and its
 * data sheets (state_sheets.c) share, so both show the same figures.
 */
#ifndef REPORT_STATE_INTERNAL_H
#define REPORT_STATE_INTERNAL_H

#include "state.h"

/* How many of the weakest items the training needs list. */
#define STATE_WEAKEST_ITEMS 10

/* "Overall index", a dimension's label, or "Dimension: Theme" for
 * measure m (the numbering of assess.h). */
const char *state_measure_label(report_doc *doc, const assess_questionnaire *q,
                                const char *lang, size_t m);

/* The percent of answers given (not unknown, not blank) over every item
 * of every member of g, to 0.001. */
double state_answered_share(const assess_cohort *c, const assess_cohort_group *g);

/* An item's standing in a group: percent of members at one of the scale's
 * two lowest levels, above them, and with no answer, to 0.001. */
typedef struct {
    size_t item;
    double low, high, gap;
} state_weakness;

/* Every item of the questionnaire, weakest first (most members low; ties
 * in item order).  NULL when memory runs out; the caller frees. */
state_weakness *state_weakest_items(const assess_cohort *c, const assess_cohort_group *g);

#endif
