/*
 * template_xlsx.h — the fillable assessment workbook: a questionnaire as
 * an .xlsx file that a city team answers in Excel or LibreOffice with no
 * instructions from anyone, and that `assess score` reads back.
 *
 * The layout is a contract with the reader (assess/responses_xlsx.c) and
 * is documented in docs/formats.md, "The assessment workbook": the
 * Instructions and Cover sheets, one sheet per dimension, and two hidden
 * sheets, `_lists` (drop-down lists too long to write inline) and
 * `_assess` (the questionnaire id@version and where every answer is).
 * Nothing here scores or reads; the questionnaire is only read.
 */
#ifndef REPORT_TEMPLATE_XLSX_H
#define REPORT_TEMPLATE_XLSX_H

#include "assess-report.h"

#include <stddef.h>
#include <time.h>

/* template_options and template_xlsx_write are public: assess-report.h. */

/* The layout version written into `_assess` (record "format"). */
#define TEMPLATE_FORMAT "assess-template"
#define TEMPLATE_FORMAT_VERSION "1"

#endif
