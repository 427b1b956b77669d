/*
 * template_xlsx_internal.h — what the workbook writer's files share: the
 * layout of the sheets, the writer's state, and small helpers that write
 * a cell, set a column or fit a row and remember the first failure
 * (template_xlsx_util.c).  Private to template_xlsx*.c.
 */
#ifndef TEMPLATE_XLSX_INTERNAL_H
#define TEMPLATE_XLSX_INTERNAL_H

#include "template_xlsx.h"

#include <xlsxwriter.h>

#include <stdbool.h>
#include <stddef.h>

/* ## Layout (docs/formats.md) */

enum {
    /* dimension sheets: columns */
    COL_ID = 0,
    COL_THEME,
    COL_QUESTION,
    COL_HELP,
    COL_ANSWER,
    COL_EVIDENCE,
    COL_NOTES,
    /* dimension sheets: rows, 0-based */
    ROW_TITLE = 0,
    ROW_HINT = 1,
    ROW_HEADER = 2,
    ROW_FIRST_ITEM = 3,
    /* Cover: label, input, hint, hidden key; the first field's row */
    COVER_LABEL = 0,
    COVER_INPUT = 1,
    COVER_HINT = 2,
    COVER_KEY = 3,
    COVER_FIRST = 3,
};

#define SHEET_NAME_MAX 31 /* characters, Excel's limit */
#define CELL_TEXT_MAX  32767
#define PROMPT_MAX     255 /* data validation messages */
#define INS_KEY_WIDTH  30  /* Instructions: column B */
#define INS_TEXT_WIDTH 92  /* Instructions: column C */

/* ## The writer's state */

typedef struct {
    const assess_questionnaire *q;
    const template_options *opt;
    const char *lang;
    lxw_workbook *wb;
    lxw_error err; /* the first failure; later calls still run, harmlessly */
    bool nomem;
    char (*names)[128]; /* per dimension: its sheet name */
    size_t *list_col;   /* per scale: its column in _lists, or SIZE_MAX (inline) */
    size_t nlists;
    char survey_name[128]; /* the survey questions' sheet, when there are some */
    struct {
        lxw_format *title, *subtitle, *heading, *subheading, *para, *key, *header, *cell,
            *cell_grey, *input, *input_text, *count, *count_num, *hint, *marker, *label, *corner;
    } f;
} tx;

/* Remembers the first failure of a libxlsxwriter call. */
void tx_note(tx *t, lxw_error e);
/* A questionnaire text in the workbook's language. */
const char *tx_text(const tx *t, const assess_text *text);
/* A printf result in malloc'd memory; NULL (and t->nomem) on failure. */
char *tx_fmt(tx *t, const char *f, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* A copy of s of at most max bytes, ending in "…" when it was cut. */
char *tx_clip(tx *t, const char *s, size_t max);
/* A text cell (cut to Excel's limit), or a blank with format f. */
void tx_put(tx *t, lxw_worksheet *ws, size_t row, size_t col, const char *s, lxw_format *f);
void tx_put_number(tx *t, lxw_worksheet *ws, size_t row, size_t col, double v);
/* 'Sheet name' for a formula, with apostrophes doubled (malloc'd). */
char *tx_quoted_sheet(tx *t, const char *name);
/* s with its double quotes doubled, for a string inside a formula
 * (malloc'd). */
char *tx_formula_string(tx *t, const char *s);

lxw_worksheet *tx_add_sheet(tx *t, const char *name);
void tx_protect(lxw_worksheet *ws);
void tx_print_setup(tx *t, lxw_worksheet *ws, bool landscape);
void tx_set_column(tx *t, lxw_worksheet *ws, size_t col, double width, bool hidden);

/* Row heights: neither Excel nor LibreOffice fits a row to its wrapped
 * text on opening, so rows get a height from an estimate of their lines.
 * Calibri 11 sets about 1.1 characters per unit of column width (the width
 * of a digit), bold about 1.0, 10-point text about 1.2. */
#define TEXT_CHARS  1.1
#define BOLD_CHARS  1.0
#define SMALL_CHARS 1.2
#define LINE_11     15.0 /* points per line of 11-point text */
#define LINE_10     13.5
/* Lines s takes when wrapped at `capacity` characters, by words. */
double tx_text_lines(const char *s, double capacity);
/* Sets a row's height to fit `points` of text, at least min points. */
void tx_fit_row(tx *t, lxw_worksheet *ws, size_t row, double points, double min);

/* Sheet names (template_xlsx.c): s cut to max characters as Excel counts
 * them, with the characters Excel refuses replaced; whether a name is
 * taken by a reserved sheet or by names[0..n), letter case aside. */
void tx_sheet_sanitize(const char *s, size_t max, char *out, size_t size);
bool tx_sheet_name_taken(const char *name, char (*names)[128], size_t n, const char *lang);

/* How many items use scale s; *first is the first of them. */
size_t tx_scale_uses(const assess_questionnaire *q, size_t s, size_t *first);

/* ## The survey questions' sheet (template_xlsx_survey.c) */

/* Its key in `_assess` (a dimension no questionnaire can have: ids start
 * with a letter) and the scale its yes/no answers are recorded under. */
#define TX_SURVEY_KEY  "@survey"
#define TX_YESNO_SCALE "@yesno"

/* The survey sheet's name: the questions' theme when they share one,
 * else "Survey"; never one the dimension sheets (names) have. */
void tx_survey_name(const assess_questionnaire *q, const char *lang, char (*names)[128],
                    char *out, size_t size);
char *tx_survey_about(tx *t);
size_t tx_survey_rows(const assess_questionnaire *q);
void tx_survey_sheet(tx *t, lxw_worksheet *ws);
size_t tx_survey_records(tx *t, lxw_worksheet *ws, size_t row, size_t position,
                         void (*record)(tx *, lxw_worksheet *, size_t, const char *, const char *,
                                        const char *, const char *));

#endif
