/*
 * responses_xlsx.c — a filled assessment workbook as responses (see
 * responses_xlsx.h).  It reads the workbook's hidden `_assess` sheet (the
 * layout reports/template_xlsx.c wrote; docs/formats.md), finds the Cover
 * and the dimension sheets by the ids in their hidden cells, and hands
 * their cells to the responses loader as the rows of a long file, each
 * located where the user sees it.  It neither matches answers against
 * the questionnaire nor scores: the loader does, as for any file.
 */
#include "responses_xlsx.h"
#include "intl.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FORMAT_NAME "assess-template/"
#define FORMAT_VERSION "1"
#define LAYOUT_SHEET "_assess"
#define LISTS_SHEET "_lists"
#define MARKER "assess:"

enum { K_ITEM, K_ANSWER, K_EVIDENCE, K_NOTES, K_COUNT };

typedef struct {
    const char *key;  /* "@entity" */
    int col;          /* the input cell */
    long row;
    const char *value; /* as read, or NULL when the row was not seen */
    const char *label; /* the label beside it (column A) */
} cover_rec;

typedef struct {
    const char *id, *name; /* dimension id, the sheet's name when made */
    long line;             /* its record in _assess */
    long first_row;        /* where its items start */
    int cols[K_COUNT];
    bool found;
} dim_rec;

typedef struct {
    const char *item, *scale, *sheet;
} item_rec;

typedef struct {
    const char *scale, *label, *value;
} choice_rec;

typedef enum { ROLE_UNKNOWN, ROLE_NONE, ROLE_COVER, ROLE_DIM, ROLE_COPY } sheet_role;

typedef struct {
    const char *path;
    assess_diags *d;
    assess_row_fn fn;
    void *ud;
    bool stop;  /* fn asked to stop */
    bool nomem;
    assess_arena *a;

    /* the layout, from _assess */
    const char *format, *questionnaire;
    long format_line, questionnaire_line;
    assess_vec covers, dims, items, choices;
    assess_index item_index; /* item id → index into items */
    int cols[K_COUNT];       /* the dimension sheets' columns */
    size_t width;            /* fields in a row handed over */
    const char **out;        /* that row's fields */
    const char *cover_name;  /* the Cover's name when made */

    /* the sheet being read */
    sheet_role role;
    const char *copy_of; /* ROLE_COPY: the sheet this one copies */
    bool have_cover;     /* the Cover has been read */
    size_t dim;
} tpl;

static const char *dup(tpl *t, const char *s, size_t n)
{
    const char *c = assess_arena_strndup(t->a, s, n);
    if (!c)
        t->nomem = true;
    return c ? c : "";
}

static const char *field(const assess_row *row, size_t i)
{
    return i < row->nfields ? row->fields[i] : "";
}

static const char *trimmed(tpl *t, const char *s)
{
    const char *b;
    size_t n;
    assess_str_trim(s, &b, &n);
    return dup(t, b, n);
}

/* "E" → 4; -1 if not a column. */
static int column_of(const char *s)
{
    int c = 0;
    size_t n = 0;
    for (; s[n] >= 'A' && s[n] <= 'Z' && n < 3; n++)
        c = c * 26 + (s[n] - 'A' + 1);
    return n && !s[n] ? c - 1 : -1;
}

/* "B4" → column 1, row 4; false if not a cell. */
static bool cell_of(const char *s, int *col, long *row)
{
    size_t n = 0;
    while (s[n] >= 'A' && s[n] <= 'Z' && n < 3)
        n++;
    if (!n || s[n] < '1' || s[n] > '9')
        return false;
    char letters[4];
    memcpy(letters, s, n);
    letters[n] = '\0';
    char *end;
    *row = strtol(s + n, &end, 10);
    *col = column_of(letters);
    return !*end && *row > 0 && *row <= 1048576 && *col >= 0;
}

static assess_loc cell_loc(const tpl *t, const char *sheet, long row, int col)
{
    return (assess_loc){.file = t->path, .line = row, .sheet = sheet, .column = col};
}

/* ## Reading the layout */

static int on_layout(const assess_row *row, void *ud)
{
    tpl *t = ud;
    const char *kind = field(row, 0);
    if (row->line == 1)
        return 0; /* the header */
    const char *key = field(row, 1), *name = field(row, 2), *value = field(row, 4);
    if (!strcmp(kind, "format")) {
        t->format = trimmed(t, value);
        t->format_line = row->line;
    } else if (!strcmp(kind, "questionnaire")) {
        t->questionnaire = trimmed(t, value);
        t->questionnaire_line = row->line;
    } else if (!strcmp(kind, "cover")) {
        cover_rec *c = assess_vec_push(&t->covers);
        if (!c || !cell_of(value, &c->col, &c->row)) {
            t->nomem |= !c;
            if (c)
                t->covers.count--;
            return t->nomem;
        }
        c->key = trimmed(t, key);
        if (!t->cover_name)
            t->cover_name = trimmed(t, name);
    } else if (!strcmp(kind, "dimension")) {
        dim_rec *r = assess_vec_push(&t->dims);
        if (!r) {
            t->nomem = true;
            return 1;
        }
        r->id = trimmed(t, key);
        r->name = trimmed(t, name);
        r->line = row->line;
        for (int k = 0; k < K_COUNT; k++)
            r->cols[k] = column_of(field(row, 5 + (size_t)k));
        r->first_row = strtol(field(row, 9), NULL, 10);
    } else if (!strcmp(kind, "item")) {
        item_rec *r = assess_vec_push(&t->items);
        if (!r) {
            t->nomem = true;
            return 1;
        }
        r->item = trimmed(t, key);
        r->scale = trimmed(t, value);
        r->sheet = trimmed(t, name);
        if (assess_index_put(&t->item_index, r->item, t->items.count - 1) != ASSESS_OK)
            t->nomem = true;
    } else if (!strcmp(kind, "choice")) {
        choice_rec *r = assess_vec_push(&t->choices);
        if (!r) {
            t->nomem = true;
            return 1;
        }
        r->scale = trimmed(t, key);
        r->label = trimmed(t, name);
        r->value = trimmed(t, value);
    }
    /* other records are for later versions: skipped */
    return t->nomem;
}

/* Checks the layout; the columns every dimension sheet shares. */
static bool layout_ok(tpl *t)
{
    if (!t->format) {
        assess_diags_add(t->d, ASSESS_ERROR, cell_loc(t, LAYOUT_SHEET, 0, -1),
                         _("not an assessment workbook: its %s sheet has no \"format\" record"),
                         LAYOUT_SHEET);
        return false;
    }
    size_t n = strlen(FORMAT_NAME);
    if (strncmp(t->format, FORMAT_NAME, n) != 0 || strcmp(t->format + n, FORMAT_VERSION) != 0) {
        assess_diags_add(t->d, ASSESS_ERROR, cell_loc(t, LAYOUT_SHEET, t->format_line, 4),
                         _("\"%s\" is a workbook layout this version of assess cannot read (it "
                           "reads %s%s); make the workbook again with `assess template`"),
                         t->format, FORMAT_NAME, FORMAT_VERSION);
        return false;
    }
    const dim_rec *dims = t->dims.data;
    for (size_t k = 0; k < t->dims.count; k++) {
        for (int c = 0; c < K_COUNT; c++) {
            bool same = k == 0 || dims[k].cols[c] == dims[0].cols[c];
            if (dims[k].cols[c] < 0 || !same) {
                assess_diags_add(t->d, ASSESS_ERROR, cell_loc(t, LAYOUT_SHEET, dims[k].line, 5 + c),
                                 _("the layout of dimension \"%s\" is damaged: make the "
                                   "workbook again with `assess template`"),
                                 dims[k].id);
                return false;
            }
        }
    }
    /* without a dimension the answers go nowhere, but a header still
     * needs its columns */
    static const int fallback[K_COUNT] = {0, 4, 5, 6};
    t->width = 0;
    for (int c = 0; c < K_COUNT; c++) {
        t->cols[c] = t->dims.count ? dims[0].cols[c] : fallback[c];
        if ((size_t)t->cols[c] + 1 > t->width)
            t->width = (size_t)t->cols[c] + 1;
    }
    for (int a = 0; a < K_COUNT; a++)
        for (int b = a + 1; b < K_COUNT; b++)
            if (t->cols[a] == t->cols[b]) {
                assess_diags_add(t->d, ASSESS_ERROR, cell_loc(t, LAYOUT_SHEET, 0, -1),
                                 _("the layout is damaged: two kinds of cell share a column"));
                return false;
            }
    t->out = assess_arena_alloc(t->a, t->width * sizeof *t->out);
    if (!t->out) {
        t->nomem = true;
        return false;
    }
    return true;
}

/* ## Handing rows over */

static void clear_out(tpl *t)
{
    for (size_t i = 0; i < t->width; i++)
        t->out[i] = "";
}

static void hand(tpl *t, const char *sheet, long line)
{
    if (t->stop)
        return;
    assess_row row = {.file = t->path,
                      .sheet = sheet,
                      .line = line,
                      .nfields = t->width,
                      .fields = t->out};
    if (t->fn(&row, t->ud))
        t->stop = true;
}

/* ## The Cover */



static int on_cover(tpl *t, const assess_row *row)
{
    cover_rec *c = t->covers.data;
    for (size_t k = 0; k < t->covers.count; k++) {
        if (c[k].row != row->line)
            continue;
        c[k].value = trimmed(t, field(row, (size_t)c[k].col));
        c[k].label = trimmed(t, field(row, 0));
    }
    return 0;
}

/* Hands the Cover's values over as `@` rows, once it has been read. */
static void hand_cover(tpl *t, const char *sheet)
{
    cover_rec *c = t->covers.data;
    for (size_t k = 0; k < t->covers.count && !t->stop; k++) {
        const char *v = c[k].value ? c[k].value : "";
        assess_loc at = cell_loc(t, sheet, c[k].row, c[k].col);
        if (!strcmp(c[k].key, "@entity") && !v[0]) {
            const char *label = c[k].label && c[k].label[0] ? c[k].label : _("entity");
            assess_diags_add(t->d, ASSESS_ERROR, at,
                             /* TRANSLATORS: both %s are the Cover's label of the entity
                              * ("City"), as the workbook shows it */
                             _("the %s is not named: type its name in the yellow cell beside "
                               "\u201c%s\u201d"),
                             label, label);
            continue;
        }
        char date[11];
        if (!strcmp(c[k].key, "@submitted") && v[0] && !assess_str_iso_date(v)) {
            if (!assess_str_serial_date(v, date)) {
                assess_diags_add(t->d, ASSESS_ERROR, at,
                                 _("\"%s\" is not a date: type it as YYYY-MM-DD, such as "
                                   "2026-03-31"),
                                 v);
                continue;
            }
            v = date;
        }
        if (!v[0])
            continue;
        clear_out(t);
        t->out[t->cols[K_ITEM]] = c[k].key;
        t->out[t->cols[K_ANSWER]] = v;
        hand(t, sheet, c[k].row);
    }
}

/* ## Dimension sheets */

/* The value of the choice whose label the answer is, in the item's scale
 * as the workbook shows it; NULL when it is no label (then the loader
 * matches it, or reports it). */
static const char *label_value(tpl *t, const char *item, const char *answer)
{
    size_t i = assess_index_get(&t->item_index, item);
    if (i == ASSESS_NONE)
        return NULL;
    const char *scale = ((const item_rec *)t->items.data)[i].scale;
    const char *a = trimmed(t, answer);
    const choice_rec *c = t->choices.data;
    for (size_t k = 0; k < t->choices.count; k++)
        if (!strcmp(c[k].scale, scale) && assess_str_ieq(c[k].label, a))
            return c[k].value;
    return NULL;
}

static int on_dimension(tpl *t, const assess_row *row)
{
    const char *raw = field(row, (size_t)t->cols[K_ITEM]);
    const char *s;
    size_t n;
    assess_str_trim(raw, &s, &n);
    /* the marker, the header and rows without an id are not items */
    if (n == 0 || strncmp(s, MARKER, strlen(MARKER)) == 0 || (n == 4 && !memcmp(s, "item", 4)))
        return 0;
    const char *id = dup(t, s, n);
    const char *answer = field(row, (size_t)t->cols[K_ANSWER]);
    const char *value = answer[0] ? label_value(t, id, answer) : NULL;
    clear_out(t);
    t->out[t->cols[K_ITEM]] = id;
    t->out[t->cols[K_ANSWER]] = value ? value : answer;
    t->out[t->cols[K_EVIDENCE]] = field(row, (size_t)t->cols[K_EVIDENCE]);
    t->out[t->cols[K_NOTES]] = field(row, (size_t)t->cols[K_NOTES]);
    hand(t, row->sheet, row->line);
    return t->stop || t->nomem;
}

/* ## Reading the sheets */

static size_t dim_find(const tpl *t, const char *id)
{
    const dim_rec *r = t->dims.data;
    for (size_t k = 0; k < t->dims.count; k++)
        if (!strcmp(r[k].id, id))
            return k;
    return ASSESS_NONE;
}

/* The role of a sheet, from the marker in its first row. */
static void role_of(tpl *t, const assess_row *row)
{
    t->role = ROLE_NONE;
    if (row->line != 1)
        return;
    for (size_t i = 0; i < row->nfields; i++) {
        const char *f = row->fields[i];
        if (strncmp(f, MARKER, strlen(MARKER)) != 0)
            continue;
        f += strlen(MARKER);
        /* a second sheet with the same marker is a copy the user made:
         * the first one in the workbook is the one read */
        if (!strcmp(f, "cover")) {
            t->role = t->have_cover ? ROLE_COPY : ROLE_COVER;
            t->copy_of = t->cover_name;
        } else if (!strncmp(f, "dimension:", 10)) {
            size_t k = dim_find(t, f + 10);
            if (k != ASSESS_NONE) {
                const dim_rec *r = &((const dim_rec *)t->dims.data)[k];
                t->role = r->found ? ROLE_COPY : ROLE_DIM;
                t->dim = k;
                t->copy_of = r->name;
            }
        }
        return;
    }
}

static int on_sheet(const assess_row *row, void *ud)
{
    tpl *t = ud;
    if (t->role == ROLE_UNKNOWN)
        role_of(t, row);
    switch (t->role) {
    case ROLE_COVER:
        return on_cover(t, row);
    case ROLE_DIM:
        return on_dimension(t, row);
    default:
        return 1; /* not ours: read no further */
    }
}

/* Whether a cell is one the user fills in on a sheet of this role. */
static bool input_cell(const tpl *t, sheet_role role, int col, long line)
{
    if (role == ROLE_DIM)
        return line >= ((const dim_rec *)t->dims.data)[t->dim].first_row &&
               (col == t->cols[K_ANSWER] || col == t->cols[K_EVIDENCE] ||
                col == t->cols[K_NOTES]);
    const cover_rec *c = t->covers.data;
    for (size_t k = 0; k < t->covers.count; k++)
        if (c[k].col == col && c[k].row == line)
            return true;
    return false;
}

/* Reads one sheet in the role its marker gives, or in `role` when that
 * is not ROLE_UNKNOWN.  The reader's own problems count only for sheets
 * of the template.  Returns the role it was read in. */
static sheet_role read_sheet(tpl *t, const char *name, sheet_role role, size_t dim,
                             assess_status *st)
{
    assess_diags scratch;
    assess_diags_init(&scratch);
    t->role = role;
    t->dim = dim;
    *st = assess_xlsx_read(t->path, name, on_sheet, t, &scratch);
    sheet_role got = t->role;
    dim_rec *dims = t->dims.data;
    if (got == ROLE_COPY)
        assess_diags_add(t->d, ASSESS_WARNING, cell_loc(t, name, 0, 0),
                         _("a copy of the sheet \"%s\": what it holds is not read"), t->copy_of);
    if (got == ROLE_COVER || got == ROLE_DIM) {
        for (size_t k = 0; k < scratch.count; k++) {
            const assess_diag *g = &scratch.items[k];
            /* warnings matter in the cells a user fills in, not elsewhere
             * (a count whose formula openpyxl saved without its result) */
            if (g->severity == ASSESS_WARNING && !input_cell(t, got, g->column, g->line))
                continue;
            assess_diags_add(t->d, g->severity,
                             (assess_loc){g->file, g->line, g->sheet, g->column}, "%s",
                             g->message);
        }
    } else {
        *st = ASSESS_OK; /* a sheet that is none of ours may be anything */
    }
    if (got == ROLE_DIM)
        dims[t->dim].found = true;
    if (got == ROLE_COVER) {
        t->have_cover = true;
        hand_cover(t, name);
    }
    assess_diags_cleanup(&scratch);
    return got;
}

static bool name_ieq(const char *a, const char *b)
{
    return a && b && assess_str_ieq(a, b);
}

static assess_status read_template(tpl *t, char **names, size_t nnames)
{
    assess_diags *d = t->d;
    size_t errors = d->errors;
    assess_status st = assess_xlsx_read(t->path, LAYOUT_SHEET, on_layout, t, d);
    if (st != ASSESS_OK)
        return st;
    if (t->nomem)
        return ASSESS_ERR_NOMEM;
    if (!layout_ok(t))
        return t->nomem ? ASSESS_ERR_NOMEM : ASSESS_ERR_INVALID;

    /* the header of a long file, and the questionnaire the workbook is for */
    clear_out(t);
    t->out[t->cols[K_ITEM]] = "item";
    t->out[t->cols[K_ANSWER]] = "answer";
    t->out[t->cols[K_EVIDENCE]] = "evidence";
    t->out[t->cols[K_NOTES]] = "notes";
    hand(t, LAYOUT_SHEET, 1);
    if (t->questionnaire && t->questionnaire[0]) {
        clear_out(t);
        t->out[t->cols[K_ITEM]] = "@questionnaire";
        t->out[t->cols[K_ANSWER]] = t->questionnaire;
        hand(t, LAYOUT_SHEET, t->questionnaire_line);
    }

    /* every sheet, found by its marker */
    bool *claimed = calloc(nnames ? nnames : 1, sizeof *claimed);
    if (!claimed)
        return ASSESS_ERR_NOMEM;
    for (size_t k = 0; k < nnames && !t->stop && st == ASSESS_OK; k++) {
        if (name_ieq(names[k], LAYOUT_SHEET) || name_ieq(names[k], LISTS_SHEET))
            continue;
        sheet_role r = read_sheet(t, names[k], ROLE_UNKNOWN, 0, &st);
        claimed[k] = r == ROLE_COVER || r == ROLE_DIM || r == ROLE_COPY;
    }
    /* a sheet that lost its marker still answers to the name it was made with */
    for (size_t k = 0; k < nnames && !t->have_cover && !t->stop && st == ASSESS_OK; k++) {
        if (!claimed[k] && name_ieq(names[k], t->cover_name)) {
            read_sheet(t, names[k], ROLE_COVER, 0, &st);
            claimed[k] = true;
        }
    }
    dim_rec *dims = t->dims.data;
    for (size_t i = 0; i < t->dims.count && !t->stop && st == ASSESS_OK; i++) {
        for (size_t k = 0; k < nnames && !dims[i].found && st == ASSESS_OK; k++) {
            if (!claimed[k] && name_ieq(names[k], dims[i].name)) {
                read_sheet(t, names[k], ROLE_DIM, i, &st);
                claimed[k] = true;
            }
        }
    }
    free(claimed);
    if (t->stop || st != ASSESS_OK)
        return t->nomem ? ASSESS_ERR_NOMEM : st;

    /* what could not be found */
    if (!t->have_cover) {
        const char *name = t->cover_name && t->cover_name[0] ? t->cover_name : "Cover";
        assess_diags_add(d, ASSESS_ERROR, cell_loc(t, name, 0, -1),
                         _("the sheet is missing, so the workbook names no entity: send "
                           "the workbook with all its sheets"));
    }
    for (size_t i = 0; i < t->dims.count; i++) {
        if (dims[i].found)
            continue;
        size_t n = 0;
        const item_rec *it = t->items.data;
        for (size_t k = 0; k < t->items.count; k++)
            n += strcmp(it[k].sheet, dims[i].name) == 0;
        if (dims[i].id[0] == '@') { /* the survey questions (docs/formats.md) */
            assess_diags_add(d, ASSESS_ERROR, cell_loc(t, dims[i].name, 0, -1),
                             _("the sheet of the survey questions is missing, so their answers "
                               "cannot be read: send the workbook with all its sheets"));
            continue;
        }
        assess_diags_add(d, ASSESS_ERROR, cell_loc(t, dims[i].name, 0, -1),
                         _n("the sheet of dimension \"%s\" is missing, so its %zu answer "
                            "cannot be read: send the workbook with all its sheets",
                            "the sheet of dimension \"%s\" is missing, so its %zu answers "
                            "cannot be read: send the workbook with all its sheets",
                            n),
                         dims[i].id, n);
    }
    if (t->nomem)
        return ASSESS_ERR_NOMEM;
    return d->errors > errors ? ASSESS_ERR_INVALID : ASSESS_OK;
}

assess_status assess_workbook_read_responses(const char *path, assess_row_fn fn, void *ud,
                                             assess_diags *d)
{
    char **names = NULL;
    size_t n = 0;
    assess_status st = assess_xlsx_sheet_names(path, &names, &n, d);
    if (st != ASSESS_OK)
        return st;
    bool is_template = false;
    for (size_t k = 0; k < n && !is_template; k++)
        is_template = name_ieq(names[k], LAYOUT_SHEET);
    if (!is_template) {
        assess_xlsx_sheet_names_free(names, n);
        return assess_xlsx_read_responses(path, fn, ud, d);
    }
    tpl t = {.path = path, .d = d, .fn = fn, .ud = ud, .a = assess_arena_new()};
    assess_vec_init(&t.covers, sizeof(cover_rec));
    assess_vec_init(&t.dims, sizeof(dim_rec));
    assess_vec_init(&t.items, sizeof(item_rec));
    assess_vec_init(&t.choices, sizeof(choice_rec));
    assess_index_init(&t.item_index);
    st = t.a ? read_template(&t, names, n) : ASSESS_ERR_NOMEM;
    assess_index_cleanup(&t.item_index);
    assess_vec_cleanup(&t.covers);
    assess_vec_cleanup(&t.dims);
    assess_vec_cleanup(&t.items);
    assess_vec_cleanup(&t.choices);
    assess_arena_free(t.a);
    assess_xlsx_sheet_names_free(names, n);
    return st;
}

assess_row_source assess_responses_file_source(const char *path)
{
    return assess_path_is_xlsx(path) ? assess_workbook_read_responses : assess_csv_read;
}
