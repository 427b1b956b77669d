/*
 * read.h — tables as streams of rows, from CSV files or workbook sheets.
 *
 * Both readers hand each row to a callback with its location, so the
 * loaders above them neither know nor care which format a table came from,
 * and a 9 MB responses file is never held in memory as a whole.
 * Private to the engine.
 */
#ifndef ASSESS_READ_H
#define ASSESS_READ_H

#include "assess.h"

/* Limits (docs/limits.md). */
#define ASSESS_FIELD_MAX (1024 * 1024) /* bytes in one field */
#define ASSESS_ROW_FIELDS_MAX 16384    /* fields in one row */

/* One row of a table.  fields[i] is NUL-terminated UTF-8, never NULL;
 * for a sheet, fields[i] is column i (A = 0) and a gap is "".  The row
 * and its strings are valid only during the callback. */
typedef struct {
    const char *file;
    const char *sheet; /* NULL for CSV */
    long line;         /* CSV: line where the record starts; sheet: row number */
    size_t nfields;
    const char *const *fields;
} assess_row;

/* Return 0 to go on, non-zero to stop reading (the reader then returns
 * ASSESS_OK without reading further). */
typedef int (*assess_row_fn)(const assess_row *row, void *ud);

/* The location of field `col` of a row: file and line for CSV, file, sheet
 * and cell for a sheet. */
assess_loc assess_row_loc(const assess_row *row, size_t col);

/* Reads a CSV file (RFC 4180, optional UTF-8 BOM, LF or CRLF).  Blank lines
 * are skipped.  Invalid UTF-8, an unterminated quote, a field over
 * ASSESS_FIELD_MAX, an empty file and a header-only file are errors with
 * file and line; the header row is the first row handed to fn. */
assess_status assess_csv_read(const char *path, assess_row_fn fn, void *ud, assess_diags *d);

/* Checks that s[0..len) is valid UTF-8 (no overlongs, no surrogates). */
bool assess_utf8_valid(const char *s, size_t len);

#endif
