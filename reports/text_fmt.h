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

/* What the overall index is called wherever a reader sees it, in lang. */
const char *report_fmt_overall(const char *lang);

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
 * line when there is one), in lang; copied into doc. */
const char *report_fmt_formats(report_doc *doc, const char *lang, const char *preparer);

/* "22 November 2026", "22 de noviembre de 2026" (UTC), in lang. */
const char *report_fmt_date(const char *lang, time_t t, char *buf, size_t size);

/* "within 90 days", "within a year", "longer term", "unscheduled", in
 * lang. */
const char *report_fmt_horizon(const char *lang, assess_horizon h);

/* A step's effort ("low", "medium", "high") in lang. */
const char *report_fmt_effort(const char *lang, assess_effort e);

/* A resource's kind, a code of the questionnaire (reading, toolkit, …),
 * in lang when the program knows it, else as written. */
const char *report_fmt_kind(const char *lang, const char *kind);

/* "Overall index", a dimension's label, or "Dimension: Theme" for
 * measure m (assess/cohort.h numbering); theme labels are copied into doc. */
const char *report_fmt_measure(report_doc *doc, const assess_questionnaire *q, const char *lang,
                               size_t m);

/* A question as readers see it: "2.1.3 Has the council adopted …", its
 * number (assess_item.number) and its text in lang; copied into doc. */
const char *report_fmt_question(report_doc *doc, const assess_questionnaire *q, size_t item,
                                const char *lang);

/* A benchmark group's name as readers see it, in lang: a population size
 * band from the statistics' bounds ("under 10,000", "menos de 10,000"),
 * "(not given)" translated, else the metadata value as written; copied
 * into doc.  The engine's names stay English in the CSV. */
const char *report_fmt_group(report_doc *doc, const char *lang, const assess_cohort_stats *s,
                             const assess_cohort_group *g);

/* What a suppressed figure shows, "fewer than 10", in lang; copied into doc. */
const char *report_fmt_suppressed(report_doc *doc, const char *lang, const assess_cohort_stats *s);

/* The colour a report gives a stage (the colour of its key in charts):
 * the brand's ramp over at most six stages; grey for no stage. */
doc_rgb report_fmt_stage_colour(const assess_questionnaire *q, const assess_stage *stage,
                                const doc_brand *brand);

/* The brand's chart palette (the default when brand is NULL). */
chart_palette report_fmt_palette(const doc_brand *brand);

/* The colour of answer level `level` of `nlevels`, on the same ramp. */
doc_rgb report_fmt_level_colour(size_t level, size_t nlevels, const doc_brand *brand);

#endif
