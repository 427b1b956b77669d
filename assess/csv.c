/*
 * csv.c — reads a CSV file with libcsv and hands it on row by row, each
 * row with the line where its record starts.  libcsv gives no positions,
 * so the file is fed to it one physical line at a time: at any callback we
 * know which line we are on.  Also validates UTF-8.  Does not interpret
 * the rows: the loaders do.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include "read.h"
#include "intl.h"
#include "utf8.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Limits (docs/limits.md): a statewide file is far below both. */
#define CSV_FILE_MAX (1024L * 1024 * 1024) /* bytes in one file */
#define CSV_ROWS_MAX 1048576L              /* data rows, as in a worksheet */

typedef struct {
    const char *path;
    assess_row_fn fn;
    void *ud;
    assess_diags *d;

    char *buf; /* the current row's fields, each NUL-terminated */
    size_t len, cap;
    size_t *offsets;
    size_t nfields, fcap;
    const char **fields;

    long line;        /* the physical line being fed */
    long record_line; /* where the current record started */
    char eol;         /* what ends a physical line: LF, or CR in an old Mac file */
    bool at_start;    /* between records */
    size_t pending;   /* bytes fed since the last field ended */
    long rows;
    size_t header_fields;
    char **header; /* the header's names, cut short, for messages */
    char delim;    /* ',' ';' or tab: found from the header row */
    bool stop;
    assess_status status;
} csv_reader;

static void reader_fail(csv_reader *r, assess_status st, long line, const char *msg)
{
    if (r->status == ASSESS_OK) {
        assess_diags_add(r->d, ASSESS_ERROR, assess_loc_line(r->path, line), "%s", msg);
        r->status = st;
    }
    r->stop = true;
}

/* What a message about field `col` calls it: `column 3 ("notes")`, or
 * `column 3` in the header row itself. */
static void column_name(const csv_reader *r, size_t col, char *buf, size_t size)
{
    if (r->header && col < r->header_fields && r->header[col][0])
        snprintf(buf, size, _("column %zu (\"%s\")"), col + 1, r->header[col]);
    else
        snprintf(buf, size, _("column %zu"), col + 1);
}

/* A located error about the field being read, naming its column; a
 * "%s" in `what` becomes the start of the value, quoted. */
static void field_fail(csv_reader *r, assess_status st, long line, const char *start, size_t n,
                       const char *what)
{
    char col[128], quote[80] = "", msg[512];
    column_name(r, r->nfields, col, sizeof col);
    if (start) {
        size_t cut = assess_utf8_cut(start, n, 40);
        snprintf(quote, sizeof quote, " \"%.*s…\"", (int)cut, start);
    }
    char body[256];
    snprintf(body, sizeof body, what, quote);
    snprintf(msg, sizeof msg, "%s: %s", col, body);
    reader_fail(r, st, line, msg);
}

/* 0 when a field is fine, 1 when it holds a NUL byte, 2 when it is not
 * UTF-8: one pass over the plain ASCII most fields are, the other checks
 * only from the first byte that is not. */
static int check_text(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] - 1u < 0x7Fu)
        i++;
    if (i == n)
        return 0;
    if (memchr(s + i, '\0', n - i))
        return 1;
    return assess_utf8_valid(s + i, n - i) ? 0 : 2;
}

static void on_field(void *s, size_t n, void *ud)
{
    csv_reader *r = ud;
    r->pending = 0;
    if (r->stop)
        return;
    int bad = s ? check_text(s, n) : 0;
    if (n > ASSESS_FIELD_MAX) {
        field_fail(r, ASSESS_ERR_LIMIT, r->record_line, bad ? NULL : s, n,
                   _("the value%s is longer than 1 MiB (is a closing quote missing?)"));
        return;
    }
    if (bad == 1) {
        field_fail(r, ASSESS_ERR_INVALID, r->line, NULL, 0,
                   _("the text holds a NUL byte%s (is it UTF-16? save the file as \"CSV UTF-8\")"));
        return;
    }
    if (bad == 2) {
        field_fail(r, ASSESS_ERR_INVALID, r->line, NULL, 0,
                   _("the text is not valid UTF-8%s (save the file as \"CSV UTF-8\")"));
        return;
    }
    if (r->nfields == ASSESS_ROW_FIELDS_MAX) {
        reader_fail(r, ASSESS_ERR_LIMIT, r->record_line, _("a row has more than 16384 fields"));
        return;
    }
    if (r->len + n + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < r->len + n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b) {
            reader_fail(r, ASSESS_ERR_NOMEM, r->record_line, _("out of memory"));
            return;
        }
        r->buf = b;
        r->cap = cap;
    }
    if (r->nfields == r->fcap) {
        size_t cap = r->fcap ? r->fcap * 2 : 64;
        size_t *o = realloc(r->offsets, cap * sizeof *o);
        const char **f = o ? realloc(r->fields, cap * sizeof *f) : NULL;
        if (o)
            r->offsets = o;
        if (!f) {
            reader_fail(r, ASSESS_ERR_NOMEM, r->record_line, _("out of memory"));
            return;
        }
        r->fields = f;
        r->fcap = cap;
    }
    r->offsets[r->nfields++] = r->len;
    if (n)
        memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len++] = '\0';
}

static bool row_blank(const csv_reader *r)
{
    for (size_t i = 0; i < r->nfields; i++) {
        for (const char *p = r->buf + r->offsets[i]; *p; p++) {
            if (*p != ' ' && *p != '\t')
                return false;
        }
    }
    return true;
}

static void on_row(int term, void *ud)
{
    (void)term;
    csv_reader *r = ud;
    r->at_start = true;
    r->pending = 0;
    if (r->stop) {
        r->nfields = r->len = 0;
        return;
    }
    if (row_blank(r)) {
        r->nfields = r->len = 0;
        return;
    }
    size_t n = r->nfields;
    if (r->rows > CSV_ROWS_MAX) {
        reader_fail(r, ASSESS_ERR_LIMIT, r->record_line,
                    _("the file has more than 1,048,576 data rows (split it into several files)"));
        r->nfields = r->len = 0;
        return;
    }
    if (r->rows == 0) {
        r->header_fields = n;
        r->header = calloc(n ? n : 1, sizeof *r->header);
        for (size_t i = 0; r->header && i < n; i++) {
            const char *h = r->buf + r->offsets[i];
            size_t len = assess_utf8_cut(h, strlen(h), 60);
            r->header[i] = malloc(len + 1);
            if (!r->header[i]) {
                reader_fail(r, ASSESS_ERR_NOMEM, r->record_line, _("out of memory"));
                r->nfields = r->len = 0;
                return;
            }
            memcpy(r->header[i], h, len);
            r->header[i][len] = '\0';
        }
    } else if (n > r->header_fields) {
        /* Spreadsheets often add empty trailing cells; anything else in
         * an extra field has no column to belong to. */
        for (size_t i = r->header_fields; i < n; i++) {
            if (r->buf[r->offsets[i]] != '\0') {
                char msg[160];
                const char *sep = r->delim == ';'    ? _("semicolon")
                                  : r->delim == '\t' ? _("tab")
                                                     : _("comma");
                snprintf(msg, sizeof msg,
                         _("the row has %zu fields but the header has %zu (a %s too many, "
                           "or a text with a %s that needs quotes?)"),
                         n, r->header_fields, sep, sep);
                reader_fail(r, ASSESS_ERR_INVALID, r->record_line, msg);
                r->nfields = r->len = 0;
                return;
            }
        }
        n = r->header_fields;
    }
    for (size_t i = 0; i < n; i++)
        r->fields[i] = r->buf + r->offsets[i];
    assess_row row = {.file = r->path,
                      .sheet = NULL,
                      .line = r->record_line,
                      .nfields = n,
                      .fields = r->fields};
    r->rows++;
    if (r->fn(&row, r->ud) != 0)
        r->stop = true;
    r->nfields = r->len = 0;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* Most lines of a survey export hold no quote: such a line is split at
 * its delimiters here, several times faster than libcsv's byte-by-byte
 * state machine, with the same fields and row.  Only a whole line read
 * between records qualifies, so libcsv's state is always clean. */
static bool feed_plain(csv_reader *r, const char *s, size_t n)
{
    if (n == 0 || s[n - 1] != r->eol)
        return false;
    size_t end = n - 1;
    if (end > 0 && s[end - 1] == '\r')
        end--;
    /* a lone CR ends a row for libcsv: leave such lines to it */
    if (memchr(s, '"', end) || memchr(s, '\r', end))
        return false;
    const char *p = s, *stop = s + end;
    for (;;) {
        const char *comma = memchr(p, r->delim, (size_t)(stop - p));
        const char *field_end = comma ? comma : stop;
        on_field((void *)p, (size_t)(field_end - p), r);
        if (!comma)
            break;
        p = comma + 1;
    }
    on_row('\n', r);
    return true;
}

/* Feeds one piece of a physical line (the whole line, or part of it when
 * it crosses a read chunk). */
static void feed(csv_reader *r, struct csv_parser *p, const char *s, size_t n, bool line_start)
{
    if (line_start && r->at_start) {
        /* A blank line between records is skipped by libcsv without a
         * row callback, so it must not become the record's first line. */
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++)
            blank = s[i] == '\n' || s[i] == '\r';
        if (blank)
            return;
        r->record_line = r->line;
        r->at_start = false;
        if (feed_plain(r, s, n))
            return;
    }
    if (csv_parse(p, s, n, on_field, on_row, r) != n && !r->stop) {
        reader_fail(r, ASSESS_ERR_INVALID, r->line,
                    _("malformed quotes: a quote inside an unquoted field, or text after a "
                    "closing quote (write a quote inside a quoted field as \"\")"));
    }
    r->pending += n;
    if (!r->stop && r->pending > 2 * (size_t)ASSESS_FIELD_MAX + 2) {
        size_t have = p->entry_pos;
        field_fail(r, ASSESS_ERR_LIMIT, r->record_line,
                   have && check_text((const char *)p->entry_buf, have) == 0
                       ? (const char *)p->entry_buf
                       : NULL,
                   have, _("the value%s is longer than 1 MiB (is a closing quote missing?)"));
    }
}

/* What a file that is not text at all is, from its first bytes, so the
 * message says what to do rather than what byte was wrong. */
static const char *foreign_format(const char *s, size_t n)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"PK\x03\x04", 4,
         N_("this is a zip file (a workbook such as .xlsx or .ods, or a document), not CSV: "
            "save the sheet as \"CSV UTF-8\", or as an .xlsx workbook named .xlsx")},
        {"\xD0\xCF\x11\xE0", 4,
         N_("this is an old Office file (.xls or .doc), not CSV: save it as \"CSV UTF-8\" or "
            "as an .xlsx workbook")},
        {"%PDF", 4, N_("this is a PDF, not CSV: assess reads answers from CSV files and workbooks")},
        {"\xFF\xFE", 2, N_("the text is UTF-16, not UTF-8: save the file as \"CSV UTF-8\"")},
        {"\xFE\xFF", 2, N_("the text is UTF-16, not UTF-8: save the file as \"CSV UTF-8\"")},
    };
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        if (n >= kinds[k].len && memcmp(s, kinds[k].magic, kinds[k].len) == 0)
            return _(kinds[k].what);
    }
    return NULL;
}

/* Excel in a French, German or Spanish locale saves "CSV" with
 * semicolons, and some tools export tabs: the delimiter is the one of
 * comma, semicolon and tab that the header row (outside quotes) holds
 * most of; a comma when it holds none. */
static char find_delim(const char *s, size_t n, char eol)
{
    size_t count[3] = {0, 0, 0};
    static const char delims[3] = {',', ';', '\t'};
    bool quoted = false;
    for (size_t i = 0; i < n && (quoted || s[i] != eol); i++) {
        if (s[i] == '"')
            quoted = !quoted;
        for (int k = 0; k < 3 && !quoted; k++)
            count[k] += s[i] == delims[k];
    }
    int best = 0;
    for (int k = 1; k < 3; k++) {
        if (count[k] > count[best])
            best = k;
    }
    return delims[best];
}

/* Excel for Mac once saved CSV with a lone CR at each line end; libcsv
 * reads such rows, but lines must then be counted at CR.  A first chunk
 * with a CR and no LF at all is such a file. */
static char line_end(const char *s, size_t n)
{
    return memchr(s, '\r', n) && !memchr(s, '\n', n) ? '\r' : '\n';
}

assess_status assess_csv_read(const char *path, assess_row_fn fn, void *ud, assess_diags *d)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), _("cannot open: %s"),
                         strerror(errno));
        return ASSESS_ERR_IO;
    }
    struct stat fst;
    if (fstat(fileno(f), &fst) != 0)
        fst.st_mode = 0;
    if (S_ISREG(fst.st_mode) && fst.st_size > CSV_FILE_MAX) {
        fclose(f);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path),
                         _("the file is larger than 1 GiB (split it into several files)"));
        return ASSESS_ERR_LIMIT;
    }
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        fclose(f);
        return ASSESS_ERR_NOMEM;
    }
    csv_set_space_func(&p, no_space);
    /* libcsv grows its buffer through ours, so a test can make it fail
     * (tests/test_oom.c) */
    csv_set_realloc_func(&p, realloc);
    csv_set_free_func(&p, free);
    csv_reader r = {
        .path = path, .fn = fn, .ud = ud, .d = d, .line = 1, .at_start = true, .eol = '\n',
        .delim = ','};

    enum { CHUNK = 64 * 1024 };
    char *chunk = malloc(CHUNK);
    if (!chunk) {
        fclose(f);
        csv_free(&p);
        return ASSESS_ERR_NOMEM;
    }
    bool first = true, line_start = true;
    size_t got;
    while (!r.stop && (got = fread(chunk, 1, CHUNK, f)) > 0) {
        const char *s = chunk;
        size_t n = got;
        if (first) {
            first = false;
            const char *not_csv = foreign_format(s, n);
            if (not_csv) {
                reader_fail(&r, ASSESS_ERR_INVALID, 1, not_csv);
                break;
            }
            if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
                s += 3, n -= 3;
            r.eol = line_end(s, n);
            r.delim = find_delim(s, n, r.eol);
            csv_set_delim(&p, (unsigned char)r.delim);
        }
        while (n > 0 && !r.stop) {
            const char *nl = memchr(s, r.eol, n);
            size_t piece = nl ? (size_t)(nl - s) + 1 : n;
            feed(&r, &p, s, piece, line_start);
            line_start = nl != NULL;
            if (nl)
                r.line++;
            s += piece;
            n -= piece;
        }
    }
    if (ferror(f))
        reader_fail(&r, ASSESS_ERR_IO, 0, strerror(errno));
    fclose(f);
    free(chunk);
    if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
        reader_fail(&r, ASSESS_ERR_INVALID, r.record_line,
                    _("a quoted field is never closed (the quote opened on this line has no "
                    "closing quote)"));
    }
    csv_free(&p);
    free(r.buf);
    free(r.offsets);
    free(r.fields);
    for (size_t i = 0; r.header && i < r.header_fields; i++)
        free(r.header[i]);
    free(r.header);
    if (r.status != ASSESS_OK)
        return r.status;
    if (r.stop)
        return ASSESS_OK;
    if (r.rows == 0) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, 1),
                         _("the file is empty (expected a header row)"));
        return ASSESS_ERR_INVALID;
    }
    if (r.rows == 1) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, 1),
                         _("the file has a header row but no data rows"));
        return ASSESS_ERR_INVALID;
    }
    return ASSESS_OK;
}
