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

#include "assess.h"

#include <stddef.h>
#include <time.h>

typedef struct {
    const char *lang; /* translations to prefer; NULL = the questionnaire's */
    time_t created;   /* the workbook's creation date (SOURCE_DATE_EPOCH when set) */
} template_options;

/* The layout version written into `_assess` (record "format"). */
#define TEMPLATE_FORMAT "assess-template"
#define TEMPLATE_FORMAT_VERSION "1"

/* Writes the workbook of q to path (created or truncated).  Returns 0, or
 * -1 with a one-line message in err (errlen bytes, may be 0).  On failure
 * path may hold a partial file: the caller writes to a temporary name and
 * renames it.  The same questionnaire, options and libxlsxwriter give the
 * same bytes. */
int template_xlsx_write(const assess_questionnaire *q, const template_options *opt,
                        const char *path, char *err, size_t errlen);

#endif
