/*
 * state_survey.c — the statewide report's survey questions (choose all
 * that apply, never scored), in its Training needs section beside the
 * weakest scored items: for each question and option, the share of the
 * entities that answered which chose it, overall and by the first
 * grouping (the region, with `--by region`), small groups suppressed.
 * Pages show one table per question; the workbook one tidy table of
 * every grouping, the figures of the statewide CSV.  The shares are the
 * engine's (assess_multi_stats_compute).
 */
#include "state_internal.h"

#include "l10n.h"
#include "text_fmt.h"

#include <stdio.h>
#include <string.h>

/* A share printed as the report prints statistics ("42.5 %"), and the
 * cell keeping its value (0–1). */
static doc_cell share_cell(report_doc *doc, double percent)
{
    char buf[48];
    return (doc_cell){.text = doc_strf(doc, "%s %%", report_fmt_stat(percent, buf, sizeof buf)),
                      .has_number = true,
                      .number = percent / 100.0};
}

/* At most this many options side by side on a page, so that each
 * option's label fits above its column without breaking a word. */
#define OPTIONS_PER_TABLE 4

/* One question's options [o0, o1) as a table for pages: a row for all
 * entities, then one per group of the first grouping; a column per
 * option. */
static void question_table(report_doc *doc, const assess_multi_stats *ms, size_t m,
                           const char *lang, size_t first, size_t count, size_t o0, size_t o1)
{
    const assess_cohort_stats *s = ms->stats;
    const assess_multi *mi = &ms->q->multis[m];
    const assess_scale *ls = &ms->q->lists[mi->list];
    doc_column cols[2 + OPTIONS_PER_TABLE];
    doc_cell cells[2 + OPTIONS_PER_TABLE];
    size_t ncols = 2 + (o1 - o0);
    cols[0] = (doc_column){.title = l10n_get(lang, "Group"), .width = 0.22, .type = DOC_CELL_TEXT};
    cols[1] = (doc_column){.title = l10n_get(lang, "Answered"),
                           .width = 0.1,
                           .align = DOC_ALIGN_RIGHT,
                           .type = DOC_CELL_COUNT};
    for (size_t k = o0; k < o1; k++)
        cols[2 + k - o0] = (doc_column){.title = assess_text_get(&ls->choices[k].label, lang),
                                        .width = 0.68 / OPTIONS_PER_TABLE,
                                        .align = DOC_ALIGN_RIGHT,
                                        .type = DOC_CELL_SHARE};
    const char *text = assess_text_get(&mi->text, lang);
    const char *caption =
        ls->nchoices <= OPTIONS_PER_TABLE
            ? text
            : doc_strf(doc, l10n_get(lang, "%s (options %zu\u2013%zu of %zu)"), text, o0 + 1, o1,
                       ls->nchoices);
    doc_table_open(doc, &(doc_table_opts){.caption = caption}, cols, ncols);
    for (size_t r = 0; r <= count; r++) {
        size_t g = r == 0 ? 0 : first + r - 1;
        const assess_multi_group *mg = &ms->groups[m * ms->ngroups + g];
        cells[0] = (doc_cell){.text = r == 0 ? l10n_get(lang, "All") : s->groups[g].name,
                              .bold = r == 0};
        cells[1] = mg->suppressed ? doc_cell_text(report_fmt_suppressed(doc, lang, s))
                                  : doc_cell_count(doc, (double)mg->answered);
        for (size_t k = o0; k < o1; k++)
            cells[2 + k - o0] = mg->suppressed ? doc_cell_text("") : share_cell(doc, mg->shares[k]);
        doc_table_row(doc, cells);
    }
}

/* Every figure in one tidy table, for the workbook only. */
static void data_table(report_doc *doc, const assess_multi_stats *ms, const char *lang)
{
    const assess_cohort_stats *s = ms->stats;
    const doc_column cols[] = {
        {.title = l10n_get(lang, "Item"), .type = DOC_CELL_TEXT, .chars = 16},
        {.title = l10n_get(lang, "Question"), .type = DOC_CELL_TEXT, .chars = 40},
        {.title = l10n_get(lang, "Grouping"), .type = DOC_CELL_TEXT, .chars = 12},
        {.title = l10n_get(lang, "Group"), .type = DOC_CELL_TEXT, .chars = 18},
        {.title = l10n_get(lang, "Answered"), .type = DOC_CELL_COUNT, .chars = 12},
        {.title = l10n_get(lang, "Option"), .type = DOC_CELL_TEXT, .chars = 12},
        {.title = l10n_get(lang, "Label"), .type = DOC_CELL_TEXT, .chars = 30},
        {.title = l10n_get(lang, "Share choosing it"),
         .type = DOC_CELL_SHARE,
         .chars = 12,
         .level_max = 1},
    };
    doc_table_open(doc,
                   &(doc_table_opts){.caption = l10n_get(lang, "What members ask for"),
                                     .note = doc_strf(doc,
                                                      l10n_get(lang, "Share of the entities "
                                                                     "that answered each "
                                                                     "question; groups with "
                                                                     "fewer than %d answers "
                                                                     "are suppressed."),
                                                      s->min_group_size),
                                     .sheet = l10n_get(lang, "Survey shares"),
                                     .data_only = true,
                                     .filter = true},
                   cols, sizeof cols / sizeof *cols);
    for (size_t m = 0; m < ms->nmultis; m++) {
        const assess_multi *mi = &ms->q->multis[m];
        const assess_scale *ls = &ms->q->lists[mi->list];
        for (size_t g = 0; g < ms->ngroups; g++) {
            const assess_cohort_group *cg = &s->groups[g];
            const assess_multi_group *mg = &ms->groups[m * ms->ngroups + g];
            for (size_t k = 0; k < ls->nchoices; k++) {
                doc_cell cells[8] = {
                    doc_cell_text(mi->id),
                    doc_cell_text(assess_text_get(&mi->text, lang)),
                    doc_cell_text(cg->by), /* codes, as in the other tidy tables */
                    doc_cell_text(cg->name),
                    mg->suppressed ? doc_cell_text(report_fmt_suppressed(doc, lang, s))
                                   : doc_cell_value((double)mg->answered),
                    doc_cell_text(ls->choices[k].value),
                    doc_cell_text(assess_text_get(&ls->choices[k].label, lang)),
                    mg->suppressed ? doc_cell_text(NULL) : doc_cell_value(mg->shares[k] / 100.0),
                };
                doc_table_row(doc, cells);
            }
        }
    }
}

bool state_survey(report_doc *doc, const assess_cohort_stats *s, const char *lang)
{
    if (!s->item_q->nmultis)
        return true;
    assess_multi_stats *ms = NULL;
    if (assess_multi_stats_compute(s, &ms) != ASSESS_OK)
        return false;
    /* the first grouping after "all": the first --by column, else size */
    size_t first = 1, count = 0;
    while (first + count < s->ngroups && strcmp(s->groups[first + count].by, s->groups[1].by) == 0)
        count++;
    doc_heading(doc, 2, "weakest:survey", l10n_get(lang, "What members ask for"));
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        doc_strf(doc,
                 l10n_get(lang, "The survey questions beside the self-assessment, not scored: "
                                "for each option, the share of the entities that answered the "
                                "question which chose it (an entity chose an option when one "
                                "of its respondents did). A group with fewer than %d answers "
                                "shows \u201c%s\u201d and no figures."),
                 s->min_group_size, report_fmt_suppressed(doc, lang, s)));
    for (size_t m = 0; m < ms->nmultis; m++) {
        size_t n = ms->q->lists[ms->q->multis[m].list].nchoices;
        /* in even parts: 8 options as 4 and 4, 6 as 3 and 3 */
        size_t parts = (n + OPTIONS_PER_TABLE - 1) / OPTIONS_PER_TABLE;
        for (size_t p = 0; p < parts; p++)
            question_table(doc, ms, m, lang, first, count, n * p / parts, n * (p + 1) / parts);
    }
    data_table(doc, ms, lang);
    assess_multi_stats_free(ms);
    return true;
}
