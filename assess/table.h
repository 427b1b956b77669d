/*
 * table.h — a small table held in memory (a questionnaire file or sheet):
 * a header, rows of text with their lines, and column look-up by name.
 * Questionnaire files are small, so holding them whole keeps the loader
 * simple; responses are streamed instead (read.h).  Private to the engine.
 */
#ifndef ASSESS_TABLE_H
#define ASSESS_TABLE_H

#include "read.h"
#include "util.h"

typedef struct {
    long line;
    size_t nfields;
    const char **fields;
} assess_table_row;

typedef struct {
    const char *file;  /* the CSV file, or the workbook */
    const char *sheet; /* NULL for CSV */
    size_t ncols;
    const char **header;
    size_t nrows; /* data rows, the header not counted */
    assess_table_row *rows;
} assess_table;

/* Reads a CSV file, or a sheet of a workbook, into t; strings live in the
 * arena.  Problems go to d. */
assess_status assess_table_read_csv(assess_table *t, const char *path, assess_arena *a,
                                    assess_diags *d);

/* The index of a column (exact name), or ASSESS_NONE. */
size_t assess_table_col(const assess_table *t, const char *name);
/* Field `col` of a row; "" when the column is absent or the row short. */
const char *assess_table_get(const assess_table *t, size_t row, size_t col);
/* The location of a field (col may be ASSESS_NONE: the row's line). */
assess_loc assess_table_loc(const assess_table *t, size_t row, size_t col);
/* Collects rows handed over by a reader (CSV or sheet) into t. */
int assess_table_collect(const assess_row *row, void *ud);

typedef struct {
    assess_table *t;
    assess_arena *a;
    assess_vec rows;
    bool failed;
} assess_table_builder;

#endif
