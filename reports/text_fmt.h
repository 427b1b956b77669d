/*
 * text_fmt.h — how reports print what the engine computed: the formatters
 * every composer shares (city, statewide, blank form), so that a score, a
 * date or a question reads the same in every report.  Composers call these
 * and never each other.
 */
#ifndef REPORT_TEXT_FMT_H
#define REPORT_TEXT_FMT_H

#include "assess.h"
#include "chart.h"
#include "doc.h"

#include <stddef.h>
#include <time.h>

/* A report longer than this many pages gets a table of contents after
 * its cover. */
#define REPORT_TOC_MIN_PAGES 8

/* What the overall index is called wherever a reader sees it. */
#define REPORT_FMT_OVERALL "Overall index"

/* A score as printed everywhere: "54.2" (its engine-rounded value), or
 * "–" when undefined. */
const char *report_fmt_score(const assess_score *s, char *buf, size_t size);

/* A number with one decimal, "54.2" (v already rounded by the engine). */
const char *report_fmt_one(double v, char *buf, size_t size);

/* A statistic as readers see it: one decimal, rounded half away from zero
 * ("62.1" for a median of 62.125; "70.0").  The CSV and the workbook keep
 * the value itself. */
const char *report_fmt_stat(double v, char *buf, size_t size);

/* The line every report carries on how to ask for it in another format:
 * the brand's own words (doc->brand.alternate_formats) when it has them,
 * else one that names who prepared it (preparer, and the brand's contact
 * line when there is one); copied into doc. */
const char *report_fmt_formats(report_doc *doc, const char *preparer);

/* "22 November 2026" (UTC). */
const char *report_fmt_date(time_t t, char *buf, size_t size);

/* "within 90 days", "within a year", "longer term", "unscheduled". */
const char *report_fmt_horizon(assess_horizon h);

/* "Overall index", a dimension's label, or "Dimension: Theme" for
 * measure m (assess/cohort.h numbering); theme labels are copied into doc. */
const char *report_fmt_measure(report_doc *doc, const assess_questionnaire *q, const char *lang,
                               size_t m);

/* A question as readers see it: "2.1.3 Has the council adopted …", its
 * number (assess_item.number) and its text in lang; copied into doc. */
const char *report_fmt_question(report_doc *doc, const assess_questionnaire *q, size_t item,
                                const char *lang);

/* The colour a report gives a stage (the colour of its key in charts):
 * the brand's ramp over at most six stages; grey for no stage. */
doc_rgb report_fmt_stage_colour(const assess_questionnaire *q, const assess_stage *stage,
                                const doc_brand *brand);

/* The brand's chart palette (the default when brand is NULL). */
chart_palette report_fmt_palette(const doc_brand *brand);

/* The colour of answer level `level` of `nlevels`, on the same ramp. */
doc_rgb report_fmt_level_colour(size_t level, size_t nlevels, const doc_brand *brand);

#endif
