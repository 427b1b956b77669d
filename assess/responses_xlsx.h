/*
 * responses_xlsx.h — responses from a workbook: a filled assessment
 * workbook (`assess template -o FILE.xlsx`) read through the layout its
 * hidden `_assess` sheet records, or any other workbook's responses
 * sheet.  Private to the engine; the layout is in docs/formats.md.
 */
#ifndef ASSESS_RESPONSES_XLSX_H
#define ASSESS_RESPONSES_XLSX_H

#include "read.h"

/* A row source (read.h) for a responses workbook.  A workbook with an
 * `_assess` sheet is an assessment workbook: its Cover and dimension
 * sheets are handed over as the rows of a long responses file (a header
 * "item, answer, evidence, notes", then `@` rows, then one row per item),
 * each row located at its own sheet and row, each field at its cell, so
 * that the responses loader reports "FILE[Normalize!E7]".  Answers shown
 * as labels in the workbook's language go over as choice values.
 * Dimension sheets are found by the id in their hidden cell A1, so a
 * renamed or moved sheet is still read; rows are read by their hidden
 * item ids, so sorted rows are too.  Problems of the layout (a missing
 * sheet, an empty entity, a date that is none) are errors at their cell.
 * Any other workbook goes to assess_xlsx_read_responses. */
assess_status assess_workbook_read_responses(const char *path, assess_row_fn fn, void *ud,
                                             assess_diags *d);

/* assess_workbook_read_responses for a workbook, assess_csv_read for
 * anything else. */
assess_row_source assess_responses_file_source(const char *path);

#endif
