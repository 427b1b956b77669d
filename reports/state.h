/*
 * state.h — the statewide benchmark report, composed once from cohort
 * statistics (assess.h, "Benchmark cohorts") into a report_doc for every renderer.
 * It shows figures the engine computed; the only counting done here is
 * of members by stage, read from their printed scores.
 */
#ifndef REPORT_STATE_H
#define REPORT_STATE_H

#include "assess.h"
#include "doc.h"

#include <time.h>

/* state_options and state_report_new are public: assess-report.h. */

/* Adds the statewide data sheets for spreadsheet renderers (state_sheets.c):
 * Overview, Scores, Items, Training needs, Change (with a previous cycle)
 * and Members (with opt->list_members).  state_report_new calls it. */
void state_sheets(report_doc *doc, const assess_cohort_stats *s, const state_options *opt,
                  const char *lang);

/* A statistic as the CSV prints it: at most three decimals, no trailing
 * zeros ("62.125", "2.5", "70"). */
const char *state_number_text(double v, char *buf, size_t size);

#endif
