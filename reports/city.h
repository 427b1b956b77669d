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
#include "doc.h"

#include <time.h>

/* city_options and city_report_new are public: assess-report.h. */

/* "within 90 days", "within a year", "longer term", "unscheduled". */
const char *city_horizon_text(assess_horizon h);

/* The colour the report gives a stage (the colour of its key in charts). */
doc_rgb city_stage_colour(const assess_questionnaire *q, const assess_stage *stage,
                          const doc_brand *brand);

/* Formats a score as printed everywhere: "54.2", or "–" when undefined. */
const char *city_score_text(const assess_score *s, char *buf, size_t size);

/* "22 November 2026" (UTC). */
const char *city_date_text(time_t t, char *buf, size_t size);

#endif
