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
#include "utf8.h"

/* The column of a wide responses file NAME names in any letter case
 * (entity, questionnaire, cycle, respondent, submitted), or NULL: such a
 * name can never be an item id. */
const char *assess_column_reserved(const char *name);

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
/* The same; with fast false, every line goes through libcsv, none through
 * the reader's own paths for lines without quotes (fuzz/fuzz_csv.c checks
 * that both give the same rows and problems). */
assess_status assess_csv_read_paths(const char *path, assess_row_fn fn, void *ud,
                                    assess_diags *d, bool fast);

/* ## A large CSV file on several threads (csv_parts.c)
 *
 * A survey export is nearly always lines of ASCII without quotes, and
 * such a file can be cut at any line end.  assess_csv_read_parts takes a
 * regular file of at least min_bytes whose header is its first line, hands
 * the header row to head on the calling thread, then cuts the data lines
 * into nparts runs of whole lines (at most 16) and hands run k's rows to
 * fn with uds[k], each run on a thread of its own (run 0 on the calling
 * thread).  A row's line counts from its run's first line: lines[k] (out)
 * is how many lines of the file come before run k.  The rows are the
 * ones assess_csv_read gives.
 *
 * Returns true when every row was handed over.  False, at once or part
 * way, when the file is not such a file (a quote, a byte that is not
 * ASCII, a NUL or lone CR, extra fields with something in them, a line
 * over 1 MiB, a limit of assess_csv_read near) or a callback returned
 * non-zero: the caller then forgets what the callbacks made and reads
 * the file with assess_csv_read, which says what is wrong, if anything.
 * Adds no diagnostic. */
bool assess_csv_read_parts(const char *path, size_t min_bytes, size_t nparts, assess_row_fn head,
                           void *head_ud, assess_row_fn fn, void *const *uds, long *lines);

/* ## Workbooks (.xlsx)
 *
 * A worksheet is read like a CSV file: rows in order, the first non-empty
 * row is the header, empty rows are skipped, trailing empty cells are
 * trimmed, and fields[i] is column i (A = 0) with "" for a gap.  Each row
 * carries its sheet's name and its row number as Excel shows it, so that
 * assess_row_loc gives "FILE[Sheet!C12]".  Cells hold what a spreadsheet
 * shows: shared and inline strings (rich text runs joined), numbers as
 * written but without binary noise ("2.0000000000000001" is "2"; at most
 * 15 significant digits), TRUE / FALSE, the saved result of a formula.
 * An error cell (#N/A, …) is an error at that cell.  Dates are numbers
 * (serial days) unless the cell holds text.
 *
 * Limits (docs/limits.md): each one is a located error, never a crash.
 */
#define ASSESS_XLSX_ENTRIES_MAX 10000               /* zip entries (and sheets) */
#define ASSESS_XLSX_PART_MAX (256L * 1024 * 1024)   /* bytes in one part, unpacked */
#define ASSESS_XLSX_RATIO_MAX 100                   /* unpacked : packed, for parts */
#define ASSESS_XLSX_RATIO_FROM (1024L * 1024)       /* … of more than this size */
#define ASSESS_XLSX_ROWS_MAX 1048576                /* Excel's own limits */
#define ASSESS_XLSX_COLS_MAX ASSESS_ROW_FIELDS_MAX
#define ASSESS_XLSX_DEPTH_MAX 256                   /* XML element nesting */

/* Whether a path names a workbook: it ends in ".xlsx" in any case. */
bool assess_path_is_xlsx(const char *path);

/* Reads one worksheet of a workbook: `sheet` is its name (ASCII case
 * does not matter), NULL for the first visible worksheet in workbook
 * order.  Problems go to d located at the file, the sheet or the cell.
 * Like assess_csv_read, an empty sheet or one with a header row only is
 * an error. */
assess_status assess_xlsx_read(const char *path, const char *sheet, assess_row_fn fn, void *ud,
                               assess_diags *d);

/* The names of a workbook's worksheets in workbook order, hidden ones
 * included (chart sheets are not worksheets).  The caller frees them with
 * assess_xlsx_sheet_names_free (or free() on each and on the array). */
assess_status assess_xlsx_sheet_names(const char *path, char ***names, size_t *n,
                                      assess_diags *d);
void assess_xlsx_sheet_names_free(char **names, size_t n);

/* ## Row sources
 *
 * Whatever reads a table from a file and hands over its rows.  A loader
 * is given one, so a new kind of file (a CSV, a sheet, answers spread over
 * several sheets of a template workbook) plugs in without touching it. */
typedef assess_status (*assess_row_source)(const char *path, assess_row_fn fn, void *ud,
                                           assess_diags *d);

/* The responses of a workbook: its sheet named "responses" (any case) if
 * it has one, else its first visible worksheet. */
assess_status assess_xlsx_read_responses(const char *path, assess_row_fn fn, void *ud,
                                         assess_diags *d);

/* The source for a responses file: assess_xlsx_read_responses for a
 * workbook, assess_csv_read for anything else. */
assess_row_source assess_responses_source(const char *path);

#endif
