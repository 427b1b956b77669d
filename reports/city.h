/*
 * city.h — the city improvement report, composed once from the scores.
 *
 * city_report_new reads a scored assessment and the questionnaire's texts
 * and builds a report_doc (doc.h): cover, at a glance, one section per
 * dimension, the improvement plan, data gaps and disagreements, and an
 * appendix with the method, resources and glossary.  Every renderer (PDF,
 * XLSX, HTML) draws this same document; nothing here lays out or scores.
 */
#ifndef REPORT_CITY_H
#define REPORT_CITY_H

#include "assess.h"
#include "cohort.h"
#include "doc.h"

#include <time.h>

typedef struct {
    const char *lang;         /* translations to prefer; NULL = the questionnaire's */
    const char *prepared_for; /* cover lines, or NULL */
    const char *prepared_by;
    time_t created;          /* the report date (SOURCE_DATE_EPOCH when set) */
    const doc_brand *brand;  /* NULL = the plain default */

    /* "How you compare", when benchmark is set: the entity among the
     * cohort, its region (when it has one) and its population size band,
     * with its percentile ranks (benchmark->cohort->nmeasures of them). */
    const assess_cohort_stats *benchmark;
    const assess_cohort_rank *ranks;
    const char *region_column;     /* the grouping column of peers, e.g. "region" */
    const assess_result *previous; /* its own previous cycle, or NULL */
    const assess_result *peer;     /* one chosen peer entity, or NULL */
} city_options;

/* Builds the report of res (one assessment of r).  Returns NULL when
 * memory runs out.  Free with doc_free. */
report_doc *city_report_new(const assess_responses *r, const assess_result *res,
                            const city_options *opt);

#endif
