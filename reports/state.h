/*
 * state.h — the statewide benchmark report, composed once from cohort
 * statistics (assess/cohort.h) into a report_doc for every renderer.
 * It shows figures the engine computed; the only counting done here is
 * of members by stage, read from their printed scores.
 */
#ifndef REPORT_STATE_H
#define REPORT_STATE_H

#include "cohort.h"
#include "doc.h"

#include <time.h>

typedef struct {
    const char *title;       /* the cover's big line, e.g. a league's name;
                                NULL = "Statewide benchmark" */
    const char *prepared_by; /* or NULL */
    time_t created;
    const doc_brand *brand; /* NULL = the plain default */
    const char *lang;       /* NULL = the questionnaire's */
    bool list_members;      /* an appendix table of every entity's scores */
} state_options;

/* NULL when memory runs out.  Free with doc_free. */
report_doc *state_report_new(const assess_cohort_stats *s, const state_options *opt);

#endif
