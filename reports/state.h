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

#endif
