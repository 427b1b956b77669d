/*
 * table.c — collects streamed rows into an in-memory table for the
 * questionnaire loader, and looks columns and fields up by name.
 */
#include "table.h"

#include <string.h>

static const char **copy_fields(assess_arena *a, const assess_row *row)
{
    const char **f = assess_arena_alloc(a, (row->nfields ? row->nfields : 1) * sizeof *f);
    if (!f)
        return NULL;
    for (size_t i = 0; i < row->nfields; i++) {
        f[i] = assess_arena_strdup(a, row->fields[i]);
        if (!f[i])
            return NULL;
    }
    return f;
}

int assess_table_collect(const assess_row *row, void *ud)
{
    assess_table_builder *b = ud;
    const char **f = copy_fields(b->a, row);
    if (!f) {
        b->failed = true;
        return 1;
    }
    if (!b->t->header) {
        b->t->header = f;
        b->t->ncols = row->nfields;
        return 0;
    }
    assess_table_row *r = assess_vec_push(&b->rows);
    if (!r) {
        b->failed = true;
        return 1;
    }
    r->line = row->line;
    r->nfields = row->nfields;
    r->fields = f;
    return 0;
}

assess_status assess_table_read_csv(assess_table *t, const char *path, assess_arena *a,
                                    assess_diags *d)
{
    /* t->sheet set by the caller: that sheet of the workbook at path */
    const char *sheet = t->sheet;
    memset(t, 0, sizeof *t);
    t->file = path;
    t->sheet = sheet;
    assess_table_builder b = {.t = t, .a = a};
    assess_vec_init(&b.rows, sizeof(assess_table_row));
    assess_status st = sheet ? assess_xlsx_read(path, sheet, assess_table_collect, &b, d)
                             : assess_csv_read(path, assess_table_collect, &b, d);
    if (b.failed && st == ASSESS_OK)
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK) {
        size_t bytes = b.rows.count * sizeof(assess_table_row);
        t->rows = assess_arena_alloc(a, bytes ? bytes : 1);
        if (!t->rows) {
            st = ASSESS_ERR_NOMEM;
        } else {
            if (bytes)
                memcpy(t->rows, b.rows.data, bytes);
            t->nrows = b.rows.count;
        }
    }
    assess_vec_cleanup(&b.rows);
    return st;
}

size_t assess_table_col(const assess_table *t, const char *name)
{
    for (size_t i = 0; i < t->ncols; i++) {
        /* the first letter turns away most: this runs for every field read */
        if (t->header[i][0] == name[0] && strcmp(t->header[i], name) == 0)
            return i;
    }
    return ASSESS_NONE;
}

const char *assess_table_get(const assess_table *t, size_t row, size_t col)
{
    if (col == ASSESS_NONE || col >= t->rows[row].nfields)
        return "";
    return t->rows[row].fields[col];
}

assess_loc assess_table_loc(const assess_table *t, size_t row, size_t col)
{
    return (assess_loc){.file = t->file,
                        .line = row == ASSESS_NONE ? 1 : t->rows[row].line,
                        .sheet = t->sheet,
                        .column = t->sheet && col != ASSESS_NONE ? (int)col : -1};
}
