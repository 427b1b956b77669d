/*
 * template_xlsx_survey.c — the assessment workbook's sheet of survey
 * questions, "choose all that apply" (docs/formats.md, "The assessment
 * workbook"): under each question one row per option, its id ITEM/VALUE
 * in the hidden column A and a Yes/No drop-down in the answer column.
 * The sheet has the columns of a dimension's sheet and is recorded in
 * `_assess` as the dimension `@survey`, so the reader
 * (assess/responses_xlsx.c) hands its rows to the loader like any other
 * rows of answers; the loader reads ITEM/VALUE rows as one option each.
 */
#include "template_xlsx_internal.h"

#include "l10n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The survey questions' sheet: named by their theme when they share one
 * ("Training needs"), else "Survey"; never a name a dimension has. */
void tx_survey_name(const assess_questionnaire *q, const char *lang, char (*names)[128],
                        char *out, size_t size)
{
    const char *theme = q->nmultis ? assess_text_get(&q->multis[0].theme, lang) : "";
    for (size_t m = 1; m < q->nmultis && theme[0]; m++)
        if (strcmp(assess_text_get(&q->multis[m].theme, lang), theme) != 0)
            theme = "";
    tx_sheet_sanitize(theme[0] ? theme : l10n_get(lang, "Survey"), SHEET_NAME_MAX, out, size);
    if (!out[0] || tx_sheet_name_taken(out, names, q->ndimensions, lang))
        tx_sheet_sanitize(l10n_get(lang, "Survey (not scored)"), SHEET_NAME_MAX, out, size);
}

/* The Instructions' line on the survey sheet (malloc'd). */
char *tx_survey_about(tx *t)
{
    const assess_questionnaire *q = t->q;
    return tx_fmt(t,
                  l10n_nget(t->lang,
                            "%zu question of a survey beside the self-assessment, not scored: "
                            "under it, choose Yes for every option that applies (on the sheet "
                            "\u201c%s\u201d).",
                            "%zu questions of a survey beside the self-assessment, not scored: "
                            "under each, choose Yes for every option that applies (on the sheet "
                            "\u201c%s\u201d).",
                            q->nmultis),
                  q->nmultis, t->survey_name);
}

/* The option rows start below the header; each question takes a row of
 * its own above its options. */
size_t tx_survey_rows(const assess_questionnaire *q)
{
    size_t n = 0;
    for (size_t m = 0; m < q->nmultis; m++)
        n += 1 + q->lists[q->multis[m].list].nchoices;
    return n;
}

static void yes_no_validation(tx *t, lxw_worksheet *ws, size_t r0, size_t r1)
{
    char *list[] = {(char *)l10n_get(t->lang, "Yes"), (char *)l10n_get(t->lang, "No"), NULL};
    lxw_data_validation v = {
        .validate = LXW_VALIDATION_TYPE_LIST,
        .value_list = list,
        .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
        .input_title = (char *)l10n_get(t->lang, "Does this apply?"),
        .input_message = (char *)l10n_get(t->lang, "Choose Yes if this option applies, No if it "
                                                   "does not. Leave every option of a question "
                                                   "blank to skip the question."),
        .error_title = (char *)l10n_get(t->lang, "Yes or No"),
        .error_message = (char *)l10n_get(t->lang, "Choose Yes or No from the list. To clear "
                                                   "the answer, delete the cell's contents."),
    };
    tx_note(t, worksheet_data_validation_range(ws, (lxw_row_t)r0, COL_ANSWER, (lxw_row_t)r1,
                                               COL_ANSWER, &v));
}

void tx_survey_sheet(tx *t, lxw_worksheet *ws)
{
    const assess_questionnaire *q = t->q;
    static const double widths[] = {14, 18, 46, 50, 14, 4, 4};
    for (size_t c = 0; c < sizeof widths / sizeof *widths; c++)
        tx_set_column(t, ws, c, widths[c], c == COL_ID);
    tx_print_setup(t, ws, true);
    tx_note(t, worksheet_repeat_rows(ws, ROW_HEADER, ROW_HEADER));
    worksheet_freeze_panes(ws, ROW_FIRST_ITEM, 0);
    tx_put(t, ws, ROW_TITLE, COL_ID, "assess:dimension:" TX_SURVEY_KEY, t->f.marker);
    tx_note(t, worksheet_set_row(ws, ROW_TITLE, 24, NULL));
    tx_put(t, ws, ROW_TITLE, COL_THEME, t->survey_name, t->f.title);
    char *s = tx_fmt(t, l10n_get(t->lang, "%s %s \xC2\xB7 not scored"), q->id, q->version);
    tx_put(t, ws, ROW_TITLE, COL_NOTES, s, t->f.corner);
    free(s);
    tx_put(t, ws, ROW_HINT, COL_THEME,
           l10n_get(t->lang, "These questions are not scored. Under each question, choose Yes "
                             "for every option that applies and No for the others."),
           t->f.hint);
    static const char *const headers[] = {"item", L10N_NOOP("Theme"), L10N_NOOP("Question"),
                                          L10N_NOOP("Help"), L10N_NOOP("Applies?")};
    for (size_t c = 0; c < sizeof headers / sizeof *headers; c++)
        tx_put(t, ws, ROW_HEADER, c, c == COL_ID ? headers[c] : l10n_get(t->lang, headers[c]),
               c == COL_ID ? t->f.marker : t->f.header);
    tx_put(t, ws, ROW_HEADER, COL_EVIDENCE, "", t->f.header);
    tx_put(t, ws, ROW_HEADER, COL_NOTES, "", t->f.header);
    size_t row = ROW_FIRST_ITEM;
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_multi *mi = &q->multis[m];
        const assess_scale *ls = &q->lists[mi->list];
        const char *text = tx_text(t, &mi->text), *help = tx_text(t, &mi->help);
        tx_put(t, ws, row, COL_THEME, tx_text(t, &mi->theme), t->f.cell_grey);
        tx_put(t, ws, row, COL_QUESTION, text, t->f.label);
        tx_put(t, ws, row, COL_HELP, help, t->f.cell_grey);
        double lines = tx_text_lines(text, widths[COL_QUESTION] * BOLD_CHARS) * LINE_11;
        double hl = tx_text_lines(help, widths[COL_HELP] * SMALL_CHARS) * LINE_10;
        tx_fit_row(t, ws, row, hl > lines ? hl : lines, 2 * LINE_11);
        row++;
        for (size_t k = 0; k < ls->nchoices; k++, row++) {
            s = tx_fmt(t, "%s/%s", mi->id, ls->choices[k].value);
            tx_put(t, ws, row, COL_ID, s, t->f.marker);
            free(s);
            tx_put(t, ws, row, COL_QUESTION, tx_text(t, &ls->choices[k].label), t->f.cell);
            tx_put(t, ws, row, COL_ANSWER, "", t->f.input);
        }
        yes_no_validation(t, ws, row - ls->nchoices, row - 1);
    }
    worksheet_set_selection(ws, ROW_FIRST_ITEM + 1, COL_ANSWER, ROW_FIRST_ITEM + 1, COL_ANSWER);
    tx_protect(ws);
}

/* The sheet's records in `_assess`, from `row`: the sheet as a dimension,
 * one item per option (its answers a yes/no scale), that scale's two
 * choices.  Returns the next free row. */
size_t tx_survey_records(tx *t, lxw_worksheet *ws, size_t row, size_t position,
                         void (*record)(tx *, lxw_worksheet *, size_t, const char *, const char *,
                                        const char *, const char *))
{
    const assess_questionnaire *q = t->q;
    record(t, ws, row, "dimension", TX_SURVEY_KEY, t->survey_name, "A1");
    tx_put_number(t, ws, row, 3, (double)position);
    static const char *const cols[] = {"A", "E", "F", "G"};
    for (size_t c = 0; c < 4; c++)
        tx_put(t, ws, row, 5 + c, cols[c], NULL);
    tx_put_number(t, ws, row, 9, ROW_FIRST_ITEM + 1);
    tx_put_number(t, ws, row++, 10, (double)(ROW_FIRST_ITEM + tx_survey_rows(q)));
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_multi *mi = &q->multis[m];
        const assess_scale *ls = &q->lists[mi->list];
        for (size_t k = 0; k < ls->nchoices; k++, row++) {
            char *id = tx_fmt(t, "%s/%s", mi->id, ls->choices[k].value);
            record(t, ws, row, "item", id, t->survey_name, TX_YESNO_SCALE);
            free(id);
        }
    }
    record(t, ws, row++, "choice", TX_YESNO_SCALE, l10n_get(t->lang, "Yes"), "yes");
    record(t, ws, row++, "choice", TX_YESNO_SCALE, l10n_get(t->lang, "No"), "no");
    return row;
}
