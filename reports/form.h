/*
 * form.h — the printable questionnaire, for workshops on paper: the
 * questionnaire as a report_doc (doc.h) that pdf_render lays out.
 *
 * A cover, a short "how to answer" section with boxes for the entity,
 * cycle, respondents and date, then per dimension and theme every item as
 * a card: its question, help, a box per answer level ("☐ Label —
 * description") and lines for evidence and notes.  Built from the
 * questionnaire alone; nothing is scored.
 */
#ifndef REPORT_FORM_H
#define REPORT_FORM_H

#include "assess.h"
#include "doc.h"

#include <time.h>

/* form_options and form_doc_new are public: assess-report.h. */

/* What the forms (this one and the workbook, template_xlsx.c) share:
 * a setting's value in lang ("" when the questionnaire has none), and
 * the label of the first choice of a kind in any scale (NULL if none). */
const char *form_setting(const assess_questionnaire *q, const char *key, const char *lang);
const char *form_kind_label(const assess_questionnaire *q, assess_choice_kind kind,
                            const char *lang);

#endif
