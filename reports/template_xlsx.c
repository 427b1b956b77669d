/*
 * template_xlsx.c — the fillable assessment workbook (template_xlsx.h)
 * written with libxlsxwriter: Instructions, Cover, one sheet per
 * dimension, and the hidden `_lists` and `_assess` sheets.  The layout is
 * documented in docs/formats.md ("The assessment workbook") and read back
 * by assess/responses_xlsx.c; change both together.  It writes the
 * questionnaire's texts and nothing else: no scores, no answers.
 */
#include "template_xlsx_internal.h"

#include "form.h"
#include "l10n.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if LXW_VERSION_ID < 114
#error "libxlsxwriter 1.1.4 or later is needed"
#endif

/* The sheets a dimension's sheet may not be named as, in English and in
 * the workbook's language. */
static const char *const reserved_names[] = {L10N_NOOP("Instructions"), L10N_NOOP("Cover"),
                                             "_lists", "_assess", "History"};

typedef struct {
    const char *key;   /* the hidden key, as in a long CSV: "@entity" */
    const char *label; /* NULL: the questionnaire's entity label */
    const char *hint;
    bool text;    /* formatted as text, so 2026-03-31 stays as typed */
    bool integer; /* a whole number ≥ 0 */
} cover_field;

/* Labels and hints in English, looked up in the workbook's language. */
static const cover_field cover_fields[] = {
    {"@entity", NULL, L10N_NOOP("Required: the name of the %s assessed."), true, false},
    {"@cycle", L10N_NOOP("Cycle"), L10N_NOOP("The assessment period, for example 2026."), true,
     false},
    {"@respondent", L10N_NOOP("Respondent"), L10N_NOOP("Who answered: a name, a team or a role."),
     true, false},
    {"@submitted", L10N_NOOP("Submitted"),
     L10N_NOOP("The date the answers were final, as YYYY-MM-DD (2026-03-31)."), true, false},
    {"@region", L10N_NOOP("Region"), L10N_NOOP("Optional: the region, for comparisons with peers."),
     true, false},
    {"@population", L10N_NOOP("Population"),
     L10N_NOOP("Optional: the number of residents, a whole number."), false, true},
};
#define NCOVER (sizeof cover_fields / sizeof *cover_fields)

/* ## Sheet names */

static bool ascii_ieq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return false;
    }
    return *a == *b;
}

/* At most max characters of s (as Excel counts them: in UTF-16 units),
 * []:*?/\ replaced, control characters dropped, no leading or trailing
 * spaces or apostrophes. */
void tx_sheet_sanitize(const char *s, size_t max, char *out, size_t size)
{
    size_t o = 0, units = 0, n = strlen(s);
    for (size_t i = 0; i < n && o + 5 < size;) {
        unsigned char b = (unsigned char)s[i];
        uint32_t cp;
        size_t len = assess_utf8_decode(s + i, n - i, &cp);
        size_t u = cp > 0xFFFF ? 2 : 1; /* beyond the BMP: a surrogate pair */
        if (units + u > max)
            break;
        if (b < 0x20 || b == 0x7F) {
            i++;
            continue;
        }
        if (len == 1 && strchr("[]:*?/\\", (char)b)) {
            out[o++] = '-';
            i++;
        } else {
            for (size_t k = 0; k < len && s[i]; k++)
                out[o++] = s[i++];
        }
        units += u;
    }
    out[o] = '\0';
    size_t start = 0;
    while (out[start] == ' ' || out[start] == '\'')
        start++;
    memmove(out, out + start, o - start + 1);
    o -= start;
    while (o > 0 && (out[o - 1] == ' ' || out[o - 1] == '\''))
        out[--o] = '\0';
}

bool tx_sheet_name_taken(const char *name, char (*names)[128], size_t n, const char *lang)
{
    for (size_t k = 0; k < sizeof reserved_names / sizeof *reserved_names; k++)
        if (ascii_ieq(name, reserved_names[k]) ||
            ascii_ieq(name, l10n_get(lang, reserved_names[k])))
            return true;
    for (size_t k = 0; k < n; k++)
        if (ascii_ieq(name, names[k]))
            return true;
    return false;
}

/* Fills names[0..n) for the dimensions, each unique. */
static void sheet_names(const assess_questionnaire *q, const char *lang, char (*names)[128],
                        size_t n)
{
    for (size_t d = 0; d < n; d++) {
        char base[128];
        tx_sheet_sanitize(assess_text_get(&q->dimensions[d].label, lang), SHEET_NAME_MAX, base,
                          sizeof base);
        if (!base[0])
            tx_sheet_sanitize(q->dimensions[d].id, SHEET_NAME_MAX, base, sizeof base);
        if (!base[0])
            snprintf(base, sizeof base, l10n_get(lang, "Dimension %zu"), d + 1);
        snprintf(names[d], sizeof names[d], "%s", base);
        for (unsigned k = 2; tx_sheet_name_taken(names[d], names, d, lang) && k < 10000; k++) {
            char suffix[16], cut[128];
            int sl = snprintf(suffix, sizeof suffix, " (%u)", k);
            tx_sheet_sanitize(base, SHEET_NAME_MAX - (size_t)sl, cut, sizeof cut);
            size_t len = strlen(cut);
            memcpy(names[d], cut, len); /* ≤ 31 characters: ≤ 124 bytes with the suffix */
            memcpy(names[d] + len, suffix, (size_t)sl + 1);
        }
    }
}

/* ## Formats */

#define INPUT_FILL  0xFFF2CC /* light yellow: fill in here */
#define HEADER_FILL 0x1F4E79 /* dark blue, white text */
#define RULE        0xBFBFBF
#define GREY        0x595959

static lxw_format *new_format(tx *t)
{
    lxw_format *f = workbook_add_format(t->wb);
    if (!f)
        t->nomem = true;
    return f;
}

static bool formats(tx *t)
{
    lxw_format **all[] = {&t->f.title,     &t->f.subtitle, &t->f.heading,    &t->f.subheading,
                          &t->f.para,      &t->f.key,      &t->f.header,     &t->f.cell,
                          &t->f.cell_grey, &t->f.input,    &t->f.input_text, &t->f.count,
                          &t->f.count_num, &t->f.hint,     &t->f.marker,     &t->f.label,
                          &t->f.corner};
    for (size_t k = 0; k < sizeof all / sizeof *all; k++)
        if (!(*all[k] = new_format(t)))
            return false;
    format_set_bold(t->f.title);
    format_set_font_size(t->f.title, 16);
    format_set_font_color(t->f.title, HEADER_FILL);
    format_set_font_color(t->f.subtitle, GREY);
    format_set_bold(t->f.heading);
    format_set_font_size(t->f.heading, 13);
    format_set_font_color(t->f.heading, HEADER_FILL);
    format_set_bold(t->f.subheading);
    format_set_text_wrap(t->f.subheading);
    format_set_align(t->f.subheading, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(t->f.para);
    format_set_align(t->f.para, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(t->f.key);
    format_set_text_wrap(t->f.key);
    format_set_align(t->f.key, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(t->f.header);
    format_set_font_color(t->f.header, LXW_COLOR_WHITE);
    format_set_bg_color(t->f.header, HEADER_FILL);
    format_set_text_wrap(t->f.header);
    format_set_align(t->f.header, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(t->f.header, LXW_BORDER_THIN);
    format_set_border_color(t->f.header, RULE);
    lxw_format *cells[] = {t->f.cell, t->f.cell_grey, t->f.input, t->f.input_text};
    for (size_t k = 0; k < 4; k++) {
        format_set_text_wrap(cells[k]);
        format_set_align(cells[k], LXW_ALIGN_VERTICAL_TOP);
        format_set_border(cells[k], LXW_BORDER_THIN);
        format_set_border_color(cells[k], RULE);
    }
    format_set_font_color(t->f.cell_grey, GREY);
    format_set_font_size(t->f.cell_grey, 10);
    format_set_unlocked(t->f.input);
    format_set_bg_color(t->f.input, INPUT_FILL);
    format_set_unlocked(t->f.input_text);
    format_set_bg_color(t->f.input_text, INPUT_FILL);
    format_set_num_format(t->f.input_text, "@");
    format_set_bold(t->f.count);
    format_set_font_color(t->f.count, HEADER_FILL);
    format_set_bold(t->f.count_num);
    format_set_align(t->f.count_num, LXW_ALIGN_RIGHT);
    format_set_font_color(t->f.hint, GREY);
    format_set_italic(t->f.hint);
    format_set_font_color(t->f.marker, GREY);
    format_set_font_color(t->f.corner, GREY);
    format_set_align(t->f.corner, LXW_ALIGN_RIGHT);
    format_set_bold(t->f.label);
    format_set_align(t->f.label, LXW_ALIGN_VERTICAL_TOP);
    return true;
}

/* ## Instructions */

typedef struct {
    tx *t;
    lxw_worksheet *ws;
    size_t row;
} writer;

static void w_heading(writer *w, const char *text)
{
    w->row++;
    tx_note(w->t, worksheet_set_row(w->ws, (lxw_row_t)w->row, 24, NULL));
    tx_put(w->t, w->ws, w->row++, 1, text, w->t->f.heading);
}

/* A key (bold, column B) beside a paragraph (column C); either may be "". */
static void w_pair(writer *w, const char *key, const char *text)
{
    double lines = tx_text_lines(key, INS_KEY_WIDTH * BOLD_CHARS);
    double tl = tx_text_lines(text, INS_TEXT_WIDTH * TEXT_CHARS);
    tx_fit_row(w->t, w->ws, w->row, (tl > lines ? tl : lines) * LINE_11, 0);
    tx_put(w->t, w->ws, w->row, 1, key, w->t->f.key);
    tx_put(w->t, w->ws, w->row++, 2, text, w->t->f.para);
}

static void w_para(writer *w, const char *text)
{
    w_pair(w, "", text);
}

static const char *setting(const tx *t, const char *key)
{
    return form_setting(t->q, key, t->lang);
}

static const char *kind_label(const tx *t, assess_choice_kind kind)
{
    return form_kind_label(t->q, kind, t->lang);
}

static void instructions(tx *t, lxw_worksheet *ws)
{
    const assess_questionnaire *q = t->q;
    writer w = {t, ws, 0};
    tx_set_column(t, ws, 0, 2, false);
    tx_set_column(t, ws, 1, INS_KEY_WIDTH, false);
    tx_set_column(t, ws, 2, INS_TEXT_WIDTH, false);
    tx_print_setup(t, ws, false);
    const char *entity = tx_text(t, &q->entity_label);

    tx_put(t, ws, w.row++, 1, tx_text(t, &q->title), t->f.title);
    char *s = tx_fmt(t, l10n_get(t->lang, "Assessment workbook · questionnaire %s, version %s"),
                     q->id, q->version);
    tx_put(t, ws, w.row++, 1, s, t->f.subtitle);
    free(s);

    w_heading(&w, l10n_get(t->lang, "What this is"));
    const char *desc = setting(t, "description");
    if (desc[0])
        w_pair(&w, "", desc);
    /* TRANSLATORS: %2$s is the questionnaire's name for the entity ("City") */
    s = tx_fmt(t,
               l10n_get(t->lang, "This workbook holds the %zu questions of the self-assessment, "
                                 "one sheet per dimension. Your team answers them together; the "
                                 "answers give a score for each dimension and a list of next "
                                 "steps for the %s."),
               q->nitems, entity);
    w_pair(&w, "", s);
    free(s);
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        const char *dd = tx_text(t, &dim->description);
        char *where = tx_fmt(t,
                             l10n_nget(t->lang, "(%zu question, on the sheet \u201c%s\u201d)",
                                       "(%zu questions, on the sheet \u201c%s\u201d)", dim->nitems),
                             dim->nitems, t->names[d]);
        s = where ? tx_fmt(t, "%s%s%s", dd, dd[0] ? " " : "", where) : NULL;
        free(where);
        w_pair(&w, tx_text(t, &dim->label), s);
        free(s);
    }
    if (q->nmultis) {
        s = tx_survey_about(t);
        w_pair(&w, t->survey_name, s);
        free(s);
    }

    w_heading(&w, l10n_get(t->lang, "How to answer"));
    s = tx_fmt(t,
               l10n_get(t->lang, "On the Cover sheet, fill in the yellow cells: the %s's name "
                                 "(required), the assessment cycle, who answered, the date, and "
                                 "the region and population if you know them."),
               entity);
    w_pair(&w, "1", s);
    free(s);
    w_pair(&w, "2",
           l10n_get(t->lang, "On each dimension's sheet, read the question and its help, then "
                             "click the yellow Answer cell and choose an answer from its "
                             "drop-down list. Only the yellow cells can be changed; anything not "
                             "in the list is refused."));
    s = tx_fmt(t,
               l10n_get(t->lang, "Answer for the %s as it is today, not as planned: if a level "
                                 "is only partly true, choose the level below it."),
               entity);
    w_pair(&w, "3", s);
    free(s);
    const char *unknown = kind_label(t, ASSESS_CHOICE_UNKNOWN);
    const char *na = kind_label(t, ASSESS_CHOICE_NA);
    if (unknown || na) {
        char *if_unknown =
            unknown ? tx_fmt(t,
                             l10n_get(t->lang, " If nobody knows, choose \u201c%s\u201d; finding "
                                               "out is a first step."),
                             unknown)
                    : NULL;
        char *if_na = na ? tx_fmt(t,
                                  l10n_get(t->lang, " If a question does not apply, choose "
                                                    "\u201c%s\u201d, where the list offers it; "
                                                    "the question is then left out of the "
                                                    "score."),
                                  na)
                         : NULL;
        s = tx_fmt(t, "%s%s%s", l10n_get(t->lang, "Do not guess."), if_unknown ? if_unknown : "",
                   if_na ? if_na : "");
        free(if_unknown);
        free(if_na);
        w_pair(&w, "4", s);
        free(s);
    }
    w_pair(&w, unknown || na ? "5" : "4",
           l10n_get(t->lang, "Under Evidence, name what supports the answer: a document's title, "
                             "number and date, a link, or data. Under Notes, write what the team "
                             "wants to remember or discuss. The help column says which evidence "
                             "fits each question."));
    w_pair(&w, unknown || na ? "6" : "5",
           l10n_get(t->lang, "The count at the top of each sheet, and the Progress table on the "
                             "Cover, show how many questions are answered. Unanswered questions "
                             "lower a dimension's coverage; a dimension with too few answers "
                             "gets a provisional score."));

    w_heading(&w, l10n_get(t->lang, "What the answers mean"));
    w_para(&w, l10n_get(t->lang, "Each question is answered on one of these scales. Choose the "
                                 "level whose description is true today."));
    for (size_t sc = 0; sc < q->nscales; sc++) {
        size_t first;
        size_t uses = tx_scale_uses(q, sc, &first);
        if (!uses)
            continue;
        w.row++;
        if (uses > 3)
            s = tx_fmt(t, l10n_nget(t->lang, "%zu question", "%zu questions", uses), uses);
        else if (uses == 1)
            s = tx_fmt(t, l10n_get(t->lang, "the question \u201c%s\u201d"),
                       tx_text(t, &q->items[first].text));
        else
            s = tx_fmt(t,
                       l10n_nget(t->lang, "%zu question, such as \u201c%s\u201d",
                                 "%zu questions, such as \u201c%s\u201d", uses),
                       uses, tx_text(t, &q->items[first].text));
        tx_fit_row(t, ws, w.row, tx_text_lines(s, INS_TEXT_WIDTH * BOLD_CHARS) * LINE_11, 0);
        tx_put(t, ws, w.row, 1, l10n_get(t->lang, "Levels for"), t->f.key);
        tx_put(t, ws, w.row++, 2, s, t->f.subheading);
        free(s);
        const assess_scale *scale = &q->scales[sc];
        for (size_t c = 0; c < scale->nchoices; c++) {
            const assess_choice *ch = &scale->choices[c];
            const char *d = tx_text(t, &ch->description);
            w_pair(&w, tx_text(t, &ch->label),
                   d[0] ? d
                   : ch->kind == ASSESS_CHOICE_NA
                       ? l10n_get(t->lang, "The question does not apply.")
                   : ch->kind == ASSESS_CHOICE_UNKNOWN ? l10n_get(t->lang, "Nobody knows yet.")
                                                       : "");
        }
    }

    w_heading(&w, l10n_get(t->lang, "When you are done"));
    w_pair(&w, "",
           l10n_get(t->lang, "Save the workbook as an Excel workbook (.xlsx) and send it back to "
                             "whoever asked you to fill it in. The file is read by a program: "
                             "keep every sheet, answer only with the choices in the lists, and "
                             "leave the hidden columns and sheets alone. Renaming or reordering "
                             "the sheets does no harm."));
    s = tx_fmt(t,
               l10n_get(t->lang, "Questionnaire %s@%s. Any question about it: ask the person "
                                 "who sent it."),
               q->id, q->version);
    w_pair(&w, "", s);
    free(s);
    tx_protect(ws);
}

/* ## Cover */

static void cover(tx *t, lxw_worksheet *ws)
{
    const assess_questionnaire *q = t->q;
    const char *entity = tx_text(t, &q->entity_label);
    tx_set_column(t, ws, COVER_LABEL, 24, false);
    tx_set_column(t, ws, COVER_INPUT, 40, false);
    tx_set_column(t, ws, COVER_HINT, 64, false);
    tx_set_column(t, ws, COVER_KEY, 12, true);
    tx_print_setup(t, ws, false);
    tx_put(t, ws, 0, COVER_LABEL, tx_text(t, &q->title), t->f.title);
    tx_put(t, ws, 0, COVER_KEY, "assess:cover", t->f.marker);
    char *s = tx_fmt(t, "%s",
                     l10n_get(t->lang, "Fill in the yellow cells, then answer the questions on "
                                       "the sheets that follow. The Instructions sheet explains "
                                       "everything."));
    tx_put(t, ws, 1, COVER_LABEL, s, t->f.subtitle);
    free(s);
    for (size_t k = 0; k < NCOVER; k++) {
        const cover_field *cf = &cover_fields[k];
        size_t row = COVER_FIRST + k;
        tx_put(t, ws, row, COVER_LABEL, cf->label ? l10n_get(t->lang, cf->label) : entity,
               t->f.label);
        tx_put(t, ws, row, COVER_INPUT, "", cf->text ? t->f.input_text : t->f.input);
        s = tx_fmt(t, l10n_get(t->lang, cf->hint), entity);
        tx_put(t, ws, row, COVER_HINT, s, t->f.hint);
        free(s);
        tx_put(t, ws, row, COVER_KEY, cf->key, t->f.marker);
        if (cf->integer) {
            lxw_data_validation v = {
                .validate = LXW_VALIDATION_TYPE_INTEGER,
                .criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO,
                .value_number = 0,
                .error_title = (char *)l10n_get(t->lang, "Not a whole number"),
                .error_message = (char *)l10n_get(
                    t->lang, "Type the population as a whole number, such as 48210."),
            };
            tx_note(t, worksheet_data_validation_cell(ws, (lxw_row_t)row, COVER_INPUT, &v));
        }
    }
    size_t row = COVER_FIRST + NCOVER + 1;
    tx_put(t, ws, row++, COVER_LABEL, l10n_get(t->lang, "Progress"), t->f.heading);
    size_t first_row = row;
    for (size_t d = 0; d < q->ndimensions; d++, row++) {
        const assess_dimension *dim = &q->dimensions[d];
        tx_put(t, ws, row, COVER_LABEL, tx_text(t, &dim->label), t->f.label);
        char *sheet = tx_quoted_sheet(t, t->names[d]);
        char *f = sheet ? tx_fmt(t, "=COUNTA(%s!$E$%d:$E$%zu)", sheet, ROW_FIRST_ITEM + 1,
                                 ROW_FIRST_ITEM + (dim->nitems ? dim->nitems : 1))
                        : NULL;
        if (f)
            tx_note(t, worksheet_write_formula_num(ws, (lxw_row_t)row, COVER_INPUT, f,
                                                   t->f.count_num, 0));
        free(f);
        free(sheet);
        s = tx_fmt(t,
                   l10n_nget(t->lang, "of %zu question answered", "of %zu questions answered",
                             dim->nitems),
                   dim->nitems);
        tx_put(t, ws, row, COVER_HINT, s, t->f.hint);
        free(s);
    }
    tx_put(t, ws, row, COVER_LABEL, l10n_get(t->lang, "All"), t->f.label);
    s = tx_fmt(t, "=SUM(B%zu:B%zu)", first_row + 1, row);
    if (s)
        tx_note(t,
                worksheet_write_formula_num(ws, (lxw_row_t)row, COVER_INPUT, s, t->f.count_num, 0));
    free(s);
    s = tx_fmt(
        t, l10n_nget(t->lang, "of %zu question answered", "of %zu questions answered", q->nitems),
        q->nitems);
    tx_put(t, ws, row, COVER_HINT, s, t->f.hint);
    free(s);
    worksheet_set_selection(ws, COVER_FIRST, COVER_INPUT, COVER_FIRST, COVER_INPUT);
    tx_protect(ws);
}

/* ## Drop-down lists */

static bool fits_inline(const tx *t, const assess_scale *sc)
{
    size_t len = 0;
    for (size_t c = 0; c < sc->nchoices; c++) {
        const char *l = tx_text(t, &sc->choices[c].label);
        if (strchr(l, ',') || strchr(l, '"') || !l[0])
            return false;
        len += strlen(l) + (c ? 1 : 0);
    }
    return len <= 255;
}

/* Decides which scales need the _lists sheet. */
static bool plan_lists(tx *t)
{
    t->list_col = malloc((t->q->nscales ? t->q->nscales : 1) * sizeof *t->list_col);
    if (!t->list_col)
        return false;
    for (size_t s = 0; s < t->q->nscales; s++) {
        size_t first;
        bool used = tx_scale_uses(t->q, s, &first) > 0;
        t->list_col[s] = used && !fits_inline(t, &t->q->scales[s]) ? t->nlists++ : SIZE_MAX;
    }
    return true;
}

static void lists(tx *t, lxw_worksheet *ws)
{
    for (size_t s = 0; s < t->q->nscales; s++) {
        if (t->list_col[s] == SIZE_MAX)
            continue;
        const assess_scale *sc = &t->q->scales[s];
        tx_put(t, ws, 0, t->list_col[s], sc->id, t->f.label);
        for (size_t c = 0; c < sc->nchoices; c++)
            tx_put(t, ws, c + 1, t->list_col[s], tx_text(t, &sc->choices[c].label), NULL);
        tx_set_column(t, ws, t->list_col[s], 30, false);
    }
    worksheet_hide(ws);
    tx_protect(ws);
}

/* The answer drop-down of rows [r0, r1] of a dimension sheet. */
static void answer_validation(tx *t, lxw_worksheet *ws, size_t r0, size_t r1, size_t s)
{
    const assess_scale *sc = &t->q->scales[s];
    lxw_data_validation v = {
        .error_type = LXW_VALIDATION_ERROR_TYPE_STOP,
        /* TRANSLATORS: Excel's limits: a title at most 32 characters, a
         * message at most 255 */
        .input_title = (char *)l10n_get(t->lang, "Answer"),
        .input_message = (char *)l10n_get(t->lang, "Choose an answer from the list. The "
                                                   "Instructions sheet says what each level "
                                                   "means."),
        .error_title = (char *)l10n_get(t->lang, "Not one of the answers"),
        .error_message = (char *)l10n_get(t->lang, "Choose an answer from the drop-down list "
                                                   "(the Instructions sheet explains each "
                                                   "level). To clear an answer, delete the "
                                                   "cell's contents."),
    };
    char **list = NULL, *ref = NULL;
    if (t->list_col[s] == SIZE_MAX) {
        list = calloc(sc->nchoices + 1, sizeof *list);
        if (!list) {
            t->nomem = true;
            return;
        }
        for (size_t c = 0; c < sc->nchoices; c++)
            list[c] = (char *)tx_text(t, &sc->choices[c].label);
        v.validate = LXW_VALIDATION_TYPE_LIST;
        v.value_list = list;
    } else {
        char col[LXW_MAX_COL_NAME_LENGTH];
        lxw_col_to_name(col, (lxw_col_t)t->list_col[s], 1);
        ref = tx_fmt(t, "='_lists'!%s$2:%s$%zu", col, col, sc->nchoices + 1);
        if (!ref)
            return;
        v.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
        v.value_formula = ref;
    }
    tx_note(t, worksheet_data_validation_range(ws, (lxw_row_t)r0, COL_ANSWER, (lxw_row_t)r1,
                                               COL_ANSWER, &v));
    free(list);
    free(ref);
}

/* The evidence prompt shown when the evidence cell is selected. */
static void evidence_prompt(tx *t, lxw_worksheet *ws, size_t row, const char *prompt)
{
    char *m = tx_clip(t, prompt, PROMPT_MAX - 1);
    if (!m)
        return;
    lxw_data_validation v = {
        .validate = LXW_VALIDATION_TYPE_ANY,
        .input_title = (char *)l10n_get(t->lang, "Evidence"),
        .input_message = m,
    };
    tx_note(t, worksheet_data_validation_cell(ws, (lxw_row_t)row, COL_EVIDENCE, &v));
    free(m);
}

/* ## Dimension sheets */

static void dimension(tx *t, lxw_worksheet *ws, size_t d)
{
    const assess_questionnaire *q = t->q;
    const assess_dimension *dim = &q->dimensions[d];
    static const double widths[] = {14, 18, 46, 50, 24, 34, 28};
    for (size_t c = 0; c < sizeof widths / sizeof *widths; c++)
        tx_set_column(t, ws, c, widths[c], c == COL_ID);
    tx_print_setup(t, ws, true);
    tx_note(t, worksheet_repeat_rows(ws, ROW_HEADER, ROW_HEADER));
    worksheet_freeze_panes(ws, ROW_FIRST_ITEM, 0);

    char *s = tx_fmt(t, "assess:dimension:%s", dim->id);
    tx_put(t, ws, ROW_TITLE, COL_ID, s, t->f.marker);
    free(s);
    tx_note(t, worksheet_set_row(ws, ROW_TITLE, 24, NULL));
    tx_put(t, ws, ROW_TITLE, COL_THEME, tx_text(t, &dim->label), t->f.title);
    size_t last = ROW_FIRST_ITEM + (dim->nitems ? dim->nitems : 1); /* 1-based */
    /* "3 of 7 answered": the count, then these words (quotes doubled for
     * the formula's string) */
    char *words = tx_fmt(t, l10n_get(t->lang, "of %zu answered"), dim->nitems);
    char *quoted = words ? tx_formula_string(t, words) : NULL;
    s = quoted ? tx_fmt(t, "=COUNTA(E%d:E%zu)&\" %s\"", ROW_FIRST_ITEM + 1, last, quoted) : NULL;
    char *result = words ? tx_fmt(t, "0 %s", words) : NULL;
    free(words);
    free(quoted);
    if (s && result)
        tx_note(t, worksheet_write_formula_str(ws, ROW_TITLE, COL_ANSWER, s, t->f.count, result));
    free(s);
    free(result);
    /* Something in the last column of the first row, which readers that
     * take the first row for a header measure the table by. */
    s = tx_fmt(t, l10n_get(t->lang, "%s %s \xC2\xB7 dimension %zu of %zu"), q->id, q->version,
               d + 1, q->ndimensions);
    tx_put(t, ws, ROW_TITLE, COL_NOTES, s, t->f.corner);
    free(s);
    tx_put(t, ws, ROW_HINT, COL_THEME,
           l10n_get(t->lang, "Choose an answer in each yellow cell; add evidence and notes. What "
                             "each level means: see the Instructions sheet."),
           t->f.hint);

    /* "item" heads the hidden column of ids the reader looks for */
    static const char *const headers[] = {"item",
                                          L10N_NOOP("Theme"),
                                          L10N_NOOP("Question"),
                                          L10N_NOOP("Help"),
                                          L10N_NOOP("Answer"),
                                          L10N_NOOP("Evidence"),
                                          L10N_NOOP("Notes")};
    for (size_t c = 0; c < sizeof headers / sizeof *headers; c++)
        tx_put(t, ws, ROW_HEADER, c, c == COL_ID ? headers[c] : l10n_get(t->lang, headers[c]),
               c == COL_ID ? t->f.marker : t->f.header);

    size_t run_start = ROW_FIRST_ITEM, run_scale = SIZE_MAX;
    for (size_t k = 0; k < dim->nitems; k++) {
        const assess_item *it = &q->items[dim->items[k]];
        size_t row = ROW_FIRST_ITEM + k;
        tx_put(t, ws, row, COL_ID, it->id, t->f.marker);
        tx_put(t, ws, row, COL_THEME,
               it->theme != ASSESS_NONE ? tx_text(t, &q->themes[it->theme].name) : "",
               t->f.cell_grey);
        tx_put(t, ws, row, COL_QUESTION, tx_text(t, &it->text), t->f.cell);
        const char *help = tx_text(t, &it->help), *ev = tx_text(t, &it->evidence);
        char *evidence = ev[0] ? tx_fmt(t, l10n_get(t->lang, "Evidence: %s"), ev) : NULL;
        s = tx_fmt(t, "%s%s%s", help, help[0] && evidence ? "\n" : "", evidence ? evidence : "");
        free(evidence);
        tx_put(t, ws, row, COL_HELP, s, t->f.cell_grey);
        double lines =
            tx_text_lines(tx_text(t, &it->text), widths[COL_QUESTION] * TEXT_CHARS) * LINE_11;
        double hl = s ? tx_text_lines(s, widths[COL_HELP] * SMALL_CHARS) * LINE_10 : 0;
        tx_fit_row(t, ws, row, hl > lines ? hl : lines, 3 * LINE_11);
        free(s);
        tx_put(t, ws, row, COL_ANSWER, "", t->f.input);
        tx_put(t, ws, row, COL_EVIDENCE, "", t->f.input);
        tx_put(t, ws, row, COL_NOTES, "", t->f.input);
        if (ev[0])
            evidence_prompt(t, ws, row, ev);
        if (it->scale != run_scale) {
            if (run_scale != SIZE_MAX)
                answer_validation(t, ws, run_start, row - 1, run_scale);
            run_start = row;
            run_scale = it->scale;
        }
    }
    if (run_scale != SIZE_MAX)
        answer_validation(t, ws, run_start, ROW_FIRST_ITEM + dim->nitems - 1, run_scale);
    worksheet_set_selection(ws, ROW_FIRST_ITEM, COL_ANSWER, ROW_FIRST_ITEM, COL_ANSWER);
    tx_protect(ws);
}

/* ## _assess: what the reader needs
 *
 * One record a row under a header: A record, B key, C name, D position,
 * E value, then for a dimension the columns of item, answer, evidence and
 * notes (F–I) and its first and last item rows (J, K).  The value is in
 * column E for every record, so a value the engine complains about (the
 * questionnaire id) is located at its own cell. */

static void record(tx *t, lxw_worksheet *ws, size_t row, const char *kind, const char *key,
                   const char *name, const char *value)
{
    tx_put(t, ws, row, 0, kind, NULL);
    tx_put(t, ws, row, 1, key, NULL);
    tx_put(t, ws, row, 2, name, NULL);
    tx_put(t, ws, row, 4, value, NULL);
}

static void assess_sheet(tx *t, lxw_worksheet *ws)
{
    const assess_questionnaire *q = t->q;
    static const char *const headers[] = {"record", "key",       "name",    "position",
                                          "value",  "item",      "answer",  "evidence",
                                          "notes",  "first_row", "last_row"};
    for (size_t c = 0; c < sizeof headers / sizeof *headers; c++) {
        tx_put(t, ws, 0, c, headers[c], t->f.label);
        tx_set_column(t, ws, c, c < 3 || c == 4 ? 24 : 10, false);
    }
    size_t row = 1;
    record(t, ws, row++, "format", "", "", TEMPLATE_FORMAT "/" TEMPLATE_FORMAT_VERSION);
    char *s = tx_fmt(t, "%s@%s", q->id, q->version);
    record(t, ws, row++, "questionnaire", "", "", s);
    free(s);
    record(t, ws, row++, "language", "", "", t->lang);
    for (size_t k = 0; k < NCOVER; k++, row++) {
        char cell[LXW_MAX_CELL_NAME_LENGTH];
        lxw_rowcol_to_cell(cell, (lxw_row_t)(COVER_FIRST + k), COVER_INPUT);
        record(t, ws, row, "cover", cover_fields[k].key, l10n_get(t->lang, "Cover"), cell);
        tx_put_number(t, ws, row, 3, 2);
    }
    for (size_t d = 0; d < q->ndimensions; d++, row++) {
        const assess_dimension *dim = &q->dimensions[d];
        record(t, ws, row, "dimension", dim->id, t->names[d], "A1");
        tx_put_number(t, ws, row, 3, (double)(3 + d));
        static const char *const cols[] = {"A", "E", "F", "G"};
        for (size_t c = 0; c < 4; c++)
            tx_put(t, ws, row, 5 + c, cols[c], NULL);
        tx_put_number(t, ws, row, 9, ROW_FIRST_ITEM + 1);
        tx_put_number(t, ws, row, 10, (double)(ROW_FIRST_ITEM + dim->nitems));
    }
    if (q->nmultis)
        row = tx_survey_records(t, ws, row, 3 + q->ndimensions, record);
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        for (size_t k = 0; k < dim->nitems; k++, row++) {
            const assess_item *it = &q->items[dim->items[k]];
            record(t, ws, row, "item", it->id, t->names[d], q->scales[it->scale].id);
        }
    }
    for (size_t sc = 0; sc < q->nscales; sc++) {
        size_t first;
        if (!tx_scale_uses(q, sc, &first))
            continue;
        const assess_scale *scale = &q->scales[sc];
        for (size_t c = 0; c < scale->nchoices; c++, row++)
            record(t, ws, row, "choice", scale->id, tx_text(t, &scale->choices[c].label),
                   scale->choices[c].value);
    }
    worksheet_hide(ws);
    tx_protect(ws);
}

/* ## The workbook */

int template_xlsx_write(const assess_questionnaire *q, const template_options *opt,
                        const char *path, char *err, size_t errlen)
{
    template_options none = {0};
    if (!opt)
        opt = &none;
    tx t = {.q = q, .opt = opt, .lang = opt->lang ? opt->lang : q->language};
    if (errlen)
        err[0] = '\0';
    t.names = malloc((q->ndimensions ? q->ndimensions : 1) * sizeof *t.names);
    if (!t.names || !plan_lists(&t)) {
        free(t.names);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    sheet_names(q, t.lang, t.names, q->ndimensions);
    tx_survey_name(q, t.lang, t.names, t.survey_name, sizeof t.survey_name);
    t.wb = workbook_new(path);
    if (!t.wb) {
        free(t.names);
        free(t.list_col);
        snprintf(err, errlen, "cannot create the workbook");
        return -1;
    }
    char *title =
        tx_fmt(&t, l10n_get(t.lang, "%s \u2014 assessment workbook"), tx_text(&t, &q->title));
    char *comments = tx_fmt(&t,
                            l10n_get(t.lang, "Questionnaire %s@%s. Fill in the yellow cells; see "
                                             "the Instructions sheet."),
                            q->id, q->version);
    const char *org = setting(&t, "organization");
    lxw_doc_properties props = {
        .title = title,
        .subject = (char *)tx_text(&t, &q->title),
        .author = (char *)(org[0] ? org : "assess"),
        .keywords = (char *)l10n_get(t.lang, "self-assessment, questionnaire, racial equity"),
        .comments = comments,
        /* 0 would mean "now"; a second later keeps an epoch of 0 reproducible */
        .created = opt->created ? opt->created : 1,
    };
    tx_note(&t, workbook_set_properties(t.wb, &props));

    if (formats(&t)) {
        lxw_worksheet *ins = tx_add_sheet(&t, l10n_get(t.lang, "Instructions"));
        lxw_worksheet *cov = tx_add_sheet(&t, l10n_get(t.lang, "Cover"));
        lxw_worksheet **dims = calloc(q->ndimensions ? q->ndimensions : 1, sizeof *dims);
        if (!dims)
            t.nomem = true;
        for (size_t d = 0; dims && d < q->ndimensions; d++)
            dims[d] = tx_add_sheet(&t, t.names[d]);
        lxw_worksheet *sur = q->nmultis ? tx_add_sheet(&t, t.survey_name) : NULL;
        lxw_worksheet *lst = t.nlists ? tx_add_sheet(&t, "_lists") : NULL;
        lxw_worksheet *meta = tx_add_sheet(&t, "_assess");
        if (ins && cov && meta && dims && !t.err) {
            instructions(&t, ins);
            cover(&t, cov);
            for (size_t d = 0; d < q->ndimensions; d++)
                dimension(&t, dims[d], d); /* a sheet not added set t.err above */
            if (sur)
                tx_survey_sheet(&t, sur);
            if (lst)
                lists(&t, lst);
            assess_sheet(&t, meta);
        }
        free(dims);
    }
    lxw_error closed = workbook_close(t.wb);
    tx_note(&t, closed);
    free(title);
    free(comments);
    free(t.names);
    free(t.list_col);
    if (t.nomem) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    if (t.err != LXW_NO_ERROR) {
        snprintf(err, errlen, "cannot write the workbook: %s", lxw_strerror(t.err));
        return -1;
    }
    return 0;
}
