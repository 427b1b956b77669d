/*
 * commentary.h — a consultant's commentary placed into a report: what the
 * composers call (commentary.c).  Loading is public: report_commentary_load
 * in assess-report.h.
 */
#ifndef REPORT_COMMENTARY_H
#define REPORT_COMMENTARY_H

#include "doc.h"

#define COMMENTARY_MAX_BYTES   65536 /* 64 KiB: docs/limits.md */
#define COMMENTARY_SUMMARY     ((size_t)-2) /* the section before the report's own */
#define COMMENTARY_SUMMARY_TITLE "Executive summary"

/* Whether c has words for a section (COMMENTARY_SUMMARY or a dimension's
 * index); c may be NULL. */
bool commentary_has(const report_commentary *c, size_t which);

/* Appends the section's paragraphs, lists and minor headings to doc (the
 * caller writes the heading above them); nothing when it has none. */
void commentary_place(report_doc *doc, const report_commentary *c, size_t which);

/* The workbook's "Commentary" sheet: a row per paragraph, list item or
 * heading with its section (the summary, then the dimensions in file
 * order, labelled in lang), in a table for the workbook only. */
void commentary_table(report_doc *doc, const report_commentary *c, const assess_questionnaire *q,
                      const char *lang);

#endif
