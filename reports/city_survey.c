/*
 * city_survey.c — the city report's section on the survey questions
 * (choose all that apply, never scored): what the entity's respondents
 * chose, question by question, as one table that pages and the workbook
 * (its Survey sheet) share.  The counts are the engine's tallies.
 */
#include "city_internal.h"

#include "l10n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The section's title: the questions' theme when they share one. */
static const char *survey_title(const city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    const char *theme = city_t(c, &q->multis[0].theme);
    for (size_t m = 1; m < q->nmultis && theme[0]; m++)
        if (strcmp(city_t(c, &q->multis[m].theme), theme) != 0)
            theme = "";
    return theme[0] ? theme : l10n_get(c->lang, "Survey answers");
}

/* "Online; Coaching", or with several respondents "Online (2 of 3);
 * Coaching (1 of 3)": the options chosen, in the list's order. */
static const char *chosen_text(city_ctx *c, const assess_scale *ls, const size_t *counts,
                               size_t answered)
{
    size_t len = 1;
    for (size_t k = 0; k < ls->nchoices; k++)
        len += strlen(city_t(c, &ls->choices[k].label)) + 48;
    char *s = malloc(len);
    if (!s)
        return NULL;
    size_t o = 0;
    s[0] = '\0';
    for (size_t k = 0; k < ls->nchoices; k++) {
        if (!counts[k])
            continue;
        o += (size_t)snprintf(s + o, len - o, "%s%s", o ? "; " : "",
                              city_t(c, &ls->choices[k].label));
        if (answered > 1)
            o += (size_t)snprintf(s + o, len - o, l10n_get(c->lang, " (%zu of %zu)"), counts[k],
                                  answered);
    }
    const char *out = doc_str(c->doc, o ? s : l10n_get(c->lang, "None of the options"));
    free(s);
    return out;
}

void city_survey(city_ctx *c)
{
    const assess_questionnaire *q = c->q;
    if (!q->nmultis)
        return;
    report_doc *doc = c->doc;
    size_t a = (size_t)(c->res->assessment - c->r->assessments);
    doc_heading(doc, 1, "survey", survey_title(c));
    doc_paragraph(doc, DOC_STYLE_BODY,
                  l10n_get(c->lang, "These questions are not scored and change none of the "
                                    "results above: they tell whoever runs the survey what the "
                                    "city asks for. With several respondents, each option shows "
                                    "how many of those who answered chose it."));
    /* no ids: the sheet is a summary a reader reads, like the pages */
    const doc_column cols[] = {
        {.title = l10n_get(c->lang, "Question"),
         .width = 0.44,
         .align = DOC_ALIGN_LEFT,
         .type = DOC_CELL_TEXT,
         .chars = 50},
        {.title = l10n_get(c->lang, "Chosen"),
         .width = 0.42,
         .align = DOC_ALIGN_LEFT,
         .type = DOC_CELL_TEXT,
         .chars = 50},
        {.title = l10n_get(c->lang, "Answered"),
         .width = 0.14,
         .align = DOC_ALIGN_RIGHT,
         .type = DOC_CELL_COUNT,
         .chars = 12},
    };
    doc_table_open(doc,
                   &(doc_table_opts){.caption = survey_title(c),
                                     .sheet = l10n_get(c->lang, "Survey"),
                                     .filter = true},
                   cols, sizeof cols / sizeof *cols);
    size_t counts[ASSESS_MULTI_OPTIONS_MAX];
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_multi *mi = &q->multis[m];
        const assess_scale *ls = &q->lists[mi->list];
        size_t answered = assess_multi_tally(c->r, a, m, counts);
        doc_cell cells[3] = {
            doc_cell_text(city_t(c, &mi->text)),
            doc_cell_text(answered ? chosen_text(c, ls, counts, answered)
                                   : l10n_get(c->lang, "Not answered")),
            doc_cell_count(doc, (double)answered),
        };
        doc_table_row(doc, cells);
    }
}
