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

#endif
