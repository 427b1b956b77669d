/*
 * xlsx_internal.h — what the two halves of the workbook reader share:
 * xlsx.c opens the zip, finds the sheets and their parts, loads the
 * shared strings and streams any part through expat under the limits of
 * read.h; xlsx_sheet.c turns a worksheet's XML into rows.  Private to
 * those two files.
 */
#ifndef ASSESS_XLSX_INTERNAL_H
#define ASSESS_XLSX_INTERNAL_H

#include "read.h"
#include "util.h"
#include "xlsx_zip.h"

#include <expat.h>
#include <zip.h>

typedef struct {
    char *name;
    char *rid;  /* r:id in workbook.xml */
    char *part; /* the zip entry, NULL when the relationship is missing */
    bool hidden;
    bool worksheet; /* false for a chart sheet (or a macro / dialog sheet) */
} xlsx_sheet;

/* An open workbook: the zip and what xl/workbook.xml and its
 * relationships say.  Shared strings are loaded on demand. */
typedef struct {
    const char *path;
    assess_diags *d;
    const xlsx_zip *z; /* libzip, from its module */
    zip_t *zip;
    char *workbook_part; /* "xl/workbook.xml" as a rule */
    size_t nsheets;
    xlsx_sheet *sheets;
    char *strings_part; /* NULL when the workbook names none */
    bool strings_loaded, strings_present;
    char *strings;  /* every shared string, each NUL-terminated */
    size_t *offset; /* nstrings + 1 offsets into strings */
    size_t nstrings;
} xlsx_book;

/* Opens the zip and reads the sheet list; on failure the book is closed
 * and the problem is in b->d. */
assess_status assess_xlsx_book_open(xlsx_book *b, const char *path, assess_diags *d);
void assess_xlsx_book_close(xlsx_book *b);
/* Loads the shared strings once (a workbook may have none). */
assess_status assess_xlsx_book_strings(xlsx_book *b);

/* One part streamed through expat.  The caller fills the handlers and
 * ud; names given to them are local names (without a prefix), attributes
 * expat's NULL-terminated name/value list (find one with assess_xlsx_attr,
 * by local name).  Errors raised while
 * parsing are located at the workbook, or at the sheet when `sheet` is
 * set, and at the cell (line, column) when line > 0. */
typedef struct xlsx_parse xlsx_parse;
struct xlsx_parse {
    xlsx_book *book;
    const char *part;
    const char *sheet;
    long line;
    int column;
    void (*start)(xlsx_parse *x, const char *name, const char **atts);
    void (*end)(xlsx_parse *x, const char *name);
    void (*text)(xlsx_parse *x, const char *s, int len);
    void *ud;
    /* the driver's own */
    XML_Parser parser;
    int depth;
    bool stopped; /* no further handler calls */
    assess_status status;
};

/* Streams x->part.  *missing (if not NULL) is set and nothing reported
 * when the zip has no such entry. */
assess_status assess_xlsx_parse_run(xlsx_parse *x, bool *missing);
/* Records an error at x's current place (once: the first error wins) and
 * stops the parse. */
void assess_xlsx_parse_fail(xlsx_parse *x, assess_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Stops the parse without an error. */
void assess_xlsx_parse_stop(xlsx_parse *x);
/* The value of attribute `name` (a local name), or NULL. */
const char *assess_xlsx_attr(const char **atts, const char *name);
/* Where x is: file, sheet, cell. */
assess_loc assess_xlsx_parse_loc(const xlsx_parse *x);

/* Reads sheet `index` of an open book and hands its rows to fn. */
assess_status assess_xlsx_sheet_read(xlsx_book *b, size_t index, assess_row_fn fn, void *ud);

/* Decodes OOXML's _xHHHH_ escapes in place (s is NUL-terminated);
 * returns the new length. */
size_t assess_xlsx_unescape(char *s, size_t len);

#endif
