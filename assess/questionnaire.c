/*
 * questionnaire.c — loads a questionnaire package (docs/formats.md) and checks
 * every rule and cross-reference, reporting all problems rather than the
 * first.  The files are read whole into tables (table.h), then turned into
 * the model of assess.h in dependency order (questionnaire_files.c).
 * Also the look-ups on a loaded questionnaire.  Scoring is elsewhere.
 */
#include "answer.h"
#include "intl.h"
#include "questionnaire_internal.h"
#include "utf8.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const struct {
    const char *name;
    bool required;
} files[F_COUNT] = {
    {"settings", true}, {"dimensions", true},       {"scales", true},     {"items", true},
    {"stages", true},   {"recommendations", false}, {"resources", false}, {"glossary", false},
    {"choices", false},
};

/* ## Reporting */

void ql_problem(ql_loader *L, assess_severity sev, const assess_table *t, size_t row,
                const char *column, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t col = column ? assess_table_col(t, column) : ASSESS_NONE;
    assess_loc loc = assess_table_loc(t, row, col);
    if (column)
        assess_diags_add(L->d, sev, loc, _("column \"%s\": %s"), column, msg);
    else
        assess_diags_add(L->d, sev, loc, "%s", msg);
}

/* ## Field helpers */

const char *ql_get(const assess_table *t, size_t row, const char *column)
{
    return assess_table_get(t, row, assess_table_col(t, column));
}

/* The field without surrounding blanks: the field itself when it has none
 * at its end (the tables are in the questionnaire's arena, L->a, and live
 * as long as it), else a copy. */
const char *ql_get_trim(ql_loader *L, const assess_table *t, size_t row, const char *column)
{
    const char *s;
    size_t n;
    assess_str_trim(ql_get(t, row, column), &s, &n);
    if (s[n] == '\0')
        return s;
    const char *c = assess_arena_strndup(L->a, s, n);
    if (!c) {
        L->nomem = true;
        return "";
    }
    return c;
}

/* A required field: reports an empty one. */
const char *ql_need(ql_loader *L, const assess_table *t, size_t row, const char *column)
{
    const char *v = ql_get_trim(L, t, row, column);
    if (!v[0])
        ql_problem(L, ASSESS_ERROR, t, row, column, _("must not be empty"));
    return v;
}

static assess_text ql_read_text(ql_loader *L, const assess_table *t, size_t row,
                                const char *column);

/* A text column with its `COLUMN::LANG` translations. */
assess_text ql_get_text(ql_loader *L, const assess_table *t, size_t row, const char *column)
{
    assess_text txt = ql_read_text(L, t, row, column);
    ql_lang_seen(L, t, row, column, txt);
    return txt;
}

/* Whether header h is `COLUMN::LANG` for column (of length len); the
 * first letter turns away most headers, as this runs for every text of
 * every row. */
static bool is_translation(const char *h, const char *column, size_t len)
{
    return h[0] == column[0] && strncmp(h, column, len) == 0 && strncmp(h + len, "::", 2) == 0;
}

/* ql_get_text's reading. */
static assess_text ql_read_text(ql_loader *L, const assess_table *t, size_t row, const char *column)
{
    assess_text txt = {.text = ql_get_trim(L, t, row, column)};
    size_t len = strlen(column);
    size_t n = 0;
    for (size_t c = 0; c < t->ncols; c++)
        n += is_translation(t->header[c], column, len);
    if (n == 0)
        return txt;
    assess_translation *tr = assess_arena_alloc(L->a, n * sizeof *tr);
    if (!tr) {
        L->nomem = true;
        return txt;
    }
    size_t k = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        const char *h = t->header[c];
        if (is_translation(h, column, len)) {
            tr[k].lang = h + len + 2;
            tr[k].text = assess_table_get(t, row, c);
            k++;
        }
    }
    txt.translations = tr;
    txt.ntranslations = k;
    return txt;
}

bool ql_valid_id(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return false;
    for (const char *p = s + 1; *p; p++) {
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return false;
    }
    return true;
}

/* An optional positive weight, 1 when empty. */
double ql_get_weight(ql_loader *L, const assess_table *t, size_t row)
{
    const char *w = ql_get(t, row, "weight");
    const char *s;
    size_t n;
    assess_str_trim(w, &s, &n);
    if (n == 0)
        return 1.0;
    double v;
    if (!assess_str_number(w, &v) || v <= 0) {
        ql_problem(L, ASSESS_ERROR, t, row, "weight", _("\"%s\" is not a number greater than 0"), w);
        return 1.0;
    }
    return v;
}

void *ql_alloc_array(ql_loader *L, size_t n, size_t size)
{
    void *p = assess_arena_alloc(L->a, (n ? n : 1) * size);
    if (!p)
        L->nomem = true;
    return p;
}

/* Checks that every required column is in the header. */
bool ql_has_columns(ql_loader *L, int f, const char *const *cols)
{
    bool ok = true;
    for (; *cols; cols++) {
        if (assess_table_col(&L->t[f], *cols) == ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, &L->t[f], ASSESS_NONE, *cols, _("required column is missing"));
            ok = false;
        }
    }
    return ok;
}

/* ## Reading the files */

static void read_folder(ql_loader *L, const char *dir)
{
    for (int f = 0; f < F_COUNT; f++) {
        size_t n = strlen(dir) + strlen(files[f].name) + 6;
        char *path = assess_arena_alloc(L->a, n);
        if (!path) {
            L->nomem = true;
            return;
        }
        snprintf(path, n, "%s/%s.csv", dir, files[f].name);
        struct stat st;
        if (stat(path, &st) != 0) {
            if (files[f].required)
                assess_diags_add(L->d, ASSESS_ERROR, assess_loc_file(path),
                                 _("required file is missing"));
            continue;
        }
        assess_status s = assess_table_read_csv(&L->t[f], path, L->a, L->d);
        if (s == ASSESS_ERR_NOMEM)
            L->nomem = true;
        L->present[f] = s == ASSESS_OK;
    }
}

/* A workbook holds one sheet per file, named like the file (any case). */
static void read_workbook(ql_loader *L, const char *path)
{
    char **names;
    size_t n;
    assess_status st = assess_xlsx_sheet_names(path, &names, &n, L->d);
    if (st != ASSESS_OK) {
        L->nomem = st == ASSESS_ERR_NOMEM;
        return;
    }
    /* An assessment workbook (`assess template`) is the natural thing to
     * "validate" once filled in: it holds answers, not a questionnaire. */
    bool filled = false, responses = false, any = false;
    for (size_t i = 0; i < n; i++) {
        filled |= assess_str_ieq(names[i], "_assess");
        responses |= assess_str_ieq(names[i], "responses");
        for (int f = 0; f < F_COUNT; f++)
            any |= assess_str_ieq(names[i], files[f].name);
    }
    if ((filled || responses) && !any) {
        assess_diags_add(L->d, ASSESS_ERROR, assess_loc_file(path),
                         _("this workbook holds %s, not a questionnaire: check it with "
                         "\"assess validate QUESTIONNAIRE %s\" (every problem, no scores), or "
                         "score it with \"assess score %s\""),
                         filled ? _("a filled assessment (answers)") : _("responses"), path, path);
        assess_xlsx_sheet_names_free(names, n);
        return;
    }
    for (int f = 0; f < F_COUNT; f++) {
        const char *sheet = NULL;
        for (size_t i = 0; i < n && !sheet; i++) {
            if (assess_str_ieq(names[i], files[f].name))
                sheet = names[i];
        }
        if (!sheet) {
            char list[400] = "";
            size_t w = 0;
            for (size_t i = 0; i < n; i++) {
                if (w + strlen(names[i]) + 12 > sizeof list) {
                    snprintf(list + w, sizeof list - w, ", …");
                    break;
                }
                w += (size_t)snprintf(list + w, sizeof list - w, "%s\"%s\"", i ? ", " : "",
                                      names[i]);
            }
            if (files[f].required)
                assess_diags_add(L->d, ASSESS_ERROR, assess_loc_file(path),
                                 _("required sheet \"%s\" is missing (the workbook has: %s)"),
                                 files[f].name, n ? list : _("no worksheet"));
            continue;
        }
        L->t[f].sheet = assess_arena_strdup(L->a, sheet);
        if (!L->t[f].sheet) {
            L->nomem = true;
            break;
        }
        assess_status s = assess_table_read_csv(&L->t[f], path, L->a, L->d);
        if (s == ASSESS_ERR_NOMEM)
            L->nomem = true;
        L->present[f] = s == ASSESS_OK;
    }
    assess_xlsx_sheet_names_free(names, n);
}

assess_status assess_questionnaire_load(const char *path, assess_questionnaire **out,
                                        assess_diags *d)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), _("cannot open: %s"),
                         strerror(errno));
        return ASSESS_ERR_IO;
    }
    bool workbook = !S_ISDIR(st.st_mode) && assess_path_is_xlsx(path);
    if (!S_ISDIR(st.st_mode) && !workbook) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path),
                         _("a questionnaire is a folder of CSV files or an .xlsx workbook"));
        return ASSESS_ERR_INVALID;
    }
    assess_arena *a = assess_arena_new();
    assess_questionnaire *q = a ? assess_arena_alloc(a, sizeof *q) : NULL;
    if (!q) {
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    q->arena = a;
    q->path = assess_arena_strdup(a, path);
    ql_loader L = {.q = q, .a = a, .d = d};
    assess_index_init(&L.dims);
    assess_index_init(&L.scales);
    assess_index_init(&L.items);
    assess_index_init(&L.resources);
    assess_index_init(&L.lists);
    assess_index_init(&L.multis);
    ql_lang_begin(&L);
    size_t errors_before = d->errors;

    if (workbook)
        read_workbook(&L, path);
    else
        read_folder(&L, path);
    if (L.present[F_SETTINGS])
        ql_load_settings(&L);
    if (L.present[F_DIMENSIONS])
        ql_load_dimensions(&L);
    if (L.present[F_SCALES])
        ql_load_scales(&L);
    if (L.present[F_CHOICES])
        ql_load_choices(&L);
    if (L.present[F_ITEMS] && L.present[F_DIMENSIONS] && L.present[F_SCALES]) {
        ql_load_items(&L);
        if (!L.nomem)
            ql_build_groups(&L);
        if (!L.nomem && L.present[F_CHOICES])
            ql_check_lists_used(&L);
    }
    if (L.present[F_STAGES])
        ql_load_stages(&L);
    ql_load_resources(&L);
    ql_load_recommendations(&L);
    ql_load_glossary(&L);
    ql_lang_end(&L);

    assess_index_cleanup(&L.dims);
    assess_index_cleanup(&L.scales);
    assess_index_cleanup(&L.items);
    assess_index_cleanup(&L.resources);
    assess_index_cleanup(&L.lists);
    assess_index_cleanup(&L.multis);
    bool nomem = L.nomem || assess_arena_failed(a);
    bool complete = true;
    for (int f = 0; f < F_COUNT; f++) {
        if (files[f].required && !L.present[f])
            complete = false;
    }
    if (nomem || d->errors > errors_before || !complete) {
        assess_arena_free(a);
        return nomem ? ASSESS_ERR_NOMEM : ASSESS_ERR_INVALID;
    }
    *out = q;
    return ASSESS_OK;
}

void assess_questionnaire_free(assess_questionnaire *q)
{
    if (q)
        assess_arena_free(q->arena);
}

/* ## Look-ups */

size_t assess_questionnaire_item_find(const assess_questionnaire *q, const char *id)
{
    for (size_t i = 0; i < q->nitems; i++) {
        if (strcmp(q->items[i].id, id) == 0)
            return i;
    }
    return ASSESS_NONE;
}

size_t assess_questionnaire_multi_find(const assess_questionnaire *q, const char *id)
{
    for (size_t m = 0; m < q->nmultis; m++) {
        if (strcmp(q->multis[m].id, id) == 0)
            return m;
    }
    return ASSESS_NONE;
}

size_t assess_scale_match(const assess_scale *scale, const char *answer)
{
    const char *s;
    size_t n;
    assess_utf8_trim(answer, strlen(answer), &s, &n);
    if (n == 0)
        return ASSESS_NONE;
    /* A response set builds the keys once (answer.h); one answer alone
     * builds them here. */
    assess_arena *a = assess_arena_new();
    assess_answer_keys keys;
    size_t c = ASSESS_NONE;
    assess_match_how how;
    if (a && assess_answer_keys_build(scale, a, &keys))
        c = assess_answer_match(scale, &keys, s, n, &how);
    assess_arena_free(a);
    return c;
}

bool assess_questionnaire_speaks(const assess_questionnaire *q, const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_.@") : 0; /* es-MX speaks es */
    if (!lang || !lang[0] ||
        (n == strcspn(q->language, "-_.@") && strncmp(lang, q->language, n) == 0))
        return true;
    for (size_t i = 0; i < q->nitems; i++) {
        if (assess_text_get(&q->items[i].text, lang) != q->items[i].text.text)
            return true;
    }
    return false;
}

const assess_stage *assess_questionnaire_stage(const assess_questionnaire *q, double rounded)
{
    const assess_stage *found = NULL;
    for (size_t k = 0; k < q->nstages; k++) {
        if (q->stages[k].min_score <= rounded)
            found = &q->stages[k];
    }
    return found;
}

const assess_recommendation *assess_questionnaire_advice(const assess_questionnaire *q, size_t item,
                                                         size_t choice)
{
    const assess_recommendation *any = NULL;
    const char *value = q->scales[q->items[item].scale].choices[choice].value;
    for (size_t k = 0; k < q->nrecommendations; k++) {
        const assess_recommendation *rec = &q->recommendations[k];
        if (rec->item != item)
            continue;
        if (strcmp(rec->level, value) == 0)
            return rec;
        if (strcmp(rec->level, "*") == 0)
            any = rec;
    }
    return any;
}
