/*
 * csv.c — reads a CSV file and hands it on row by row, each row with the
 * line where its record starts.  A record that lies whole in the chunk
 * read and that libcsv would read without complaint is split here, in one
 * pass; any other goes to libcsv, which gives no positions, so the file is
 * fed to it one physical line at a time: at any callback we know which
 * line we are on.  Also validates UTF-8.  Does not interpret the rows: the
 * loaders do.
 */
#define _POSIX_C_SOURCE 200809L /* fileno */

#include "read.h"
#include "intl.h"
#include "utf8.h"
#include "util.h"

#include <csv.h>
#include <errno.h>
#include <stdint.h>
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
    bool libcsv_only; /* no fast path: for the fuzz harness's comparison */
    bool ends_field[256]; /* the delimiter, quote, CR and LF: feed_record */
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
 * UTF-8: one pass over the plain ASCII most fields are (eight bytes a
 * step), the other checks only from the first byte that is not. */
static int check_text(const char *s, size_t n)
{
    const uint64_t high = 0x8080808080808080u, ones = 0x0101010101010101u;
    size_t i = 0;
    for (uint64_t w; i + 8 <= n; i += 8) {
        memcpy(&w, s + i, sizeof w);
        if (((w | ((w - ones) & ~w)) & high) != 0)
            break;
    }
    while (i < n && (unsigned char)s[i] - 1u < 0x7Fu)
        i++;
    if (i == n)
        return 0;
    if (memchr(s + i, '\0', n - i))
        return 1;
    return assess_utf8_valid(s + i, n - i) ? 0 : 2;
}

/* Room for twice as many fields; false when memory ran out. */
static bool grow_fields(csv_reader *r)
{
    size_t cap = r->fcap ? r->fcap * 2 : 64;
    size_t *o = realloc(r->offsets, cap * sizeof *o);
    const char **f = o ? realloc(r->fields, cap * sizeof *f) : NULL;
    if (o)
        r->offsets = o;
    if (!f)
        return false;
    r->fields = f;
    r->fcap = cap;
    return true;
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
    if (r->nfields == r->fcap && !grow_fields(r)) {
        reader_fail(r, ASSESS_ERR_NOMEM, r->record_line, _("out of memory"));
        return;
    }
    r->offsets[r->nfields++] = r->len;
    if (n)
        memcpy(r->buf + r->len, s, n);
    r->len += n;
    r->buf[r->len++] = '\0';
}

static bool row_blank(const char *const *fields, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (const char *p = fields[i]; *p; p++) {
            if (*p != ' ' && *p != '\t')
                return false;
        }
    }
    return true;
}

/* Hands on a row whose n fields are in r->fields (blank: it holds
 * nothing but spaces and tabs). */
static void row_done(csv_reader *r, size_t n, bool blank)
{
    r->at_start = true;
    r->pending = 0;
    if (r->stop || blank) {
        r->nfields = r->len = 0;
        return;
    }
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
            const char *h = r->fields[i];
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
            if (r->fields[i][0] != '\0') {
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

/* libcsv's end of a row: the fields are in r->buf. */
static void on_row(int term, void *ud)
{
    (void)term;
    csv_reader *r = ud;
    size_t n = r->stop ? 0 : r->nfields;
    for (size_t i = 0; i < n; i++)
        r->fields[i] = r->buf + r->offsets[i];
    row_done(r, n, row_blank(r->fields, n));
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* The common line of a survey export, ASCII without quotes: one pass
 * finds its delimiters and checks every byte, then the delimiters
 * become the fields' NULs in place, so nothing is copied.  A line with
 * anything else (or more fields than a row may have) is left to
 * feed_record and libcsv. */
static bool feed_ascii(csv_reader *r, char *s, size_t n)
{
    if (n == 0 || s[n - 1] != r->eol)
        return false;
    size_t end = n - 1;
    if (end > 0 && s[end - 1] == '\r')
        end--;
    /* a quote is found at once (libc looks at many bytes a step), so a
     * quoted line is never scanned twice */
    if (memchr(s, '"', end))
        return false;
    const unsigned char delim = (unsigned char)r->delim;
    size_t nf = 1;
    unsigned text = 0;
    if (r->fcap == 0 && !grow_fields(r))
        return false;
    r->fields[0] = s;
    for (size_t i = 0; i < end; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == delim) {
            if (nf == ASSESS_ROW_FIELDS_MAX || (nf == r->fcap && !grow_fields(r)))
                return false;
            r->fields[nf++] = s + i + 1;
        } else if (c == '"' || c == '\r' || c == '\n' || c == 0 || c >= 0x80) {
            /* a quote, a CR, an LF inside a line of an old Mac file (it
             * ends a record for libcsv), a NUL or a byte of a multi-byte
             * character: the line is left to the other paths */
            return false;
        } else {
            text |= (c != ' ') & (c != '\t');
        }
    }
    for (size_t k = 1; k < nf; k++)
        s[r->fields[k] - s - 1] = '\0';
    s[end] = '\0';
    r->pending = 0;
    row_done(r, nf, !text);
    return true;
}

/* Any other record that lies whole in the chunk read (s, n bytes from
 * its start): quoted fields, with their "" and line breaks, and text
 * that is not ASCII, split in one pass into r->buf as libcsv would split
 * them.  Anything libcsv would stop at or report (a quote in an unquoted
 * field, text after a closing quote, a lone CR, a NUL, a byte that is not
 * UTF-8, too many fields) or a record that runs past the chunk is left to
 * libcsv, which says what is wrong: nothing is handed on until the whole
 * record has passed.  Returns the bytes of the record, with its line end;
 * 0 when it is left to libcsv. */
static size_t feed_record(csv_reader *r, const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    const char delim = r->delim, eol = r->eol;
    long breaks = 0; /* line ends inside quoted fields */
    size_t nf = 0;
    if (r->cap < n + 1) {
        size_t cap = r->cap ? r->cap : 4096;
        while (cap < n + 1)
            cap *= 2;
        char *b = realloc(r->buf, cap);
        if (!b)
            return 0;
        r->buf = b;
        r->cap = cap;
    }
    /* the fields never take more room than their bytes in the file: a
     * field's NUL takes the place of the delimiter or line end after it */
    char *out = r->buf;
    for (;;) {
        if (nf == ASSESS_ROW_FIELDS_MAX || (nf == r->fcap && !grow_fields(r)))
            return 0;
        char *field = out;
        if (p < end && *p == '"') {
            for (p++;;) {
                const char *q = memchr(p, '"', (size_t)(end - p));
                if (!q)
                    return 0;
                for (const char *c = p; (c = memchr(c, eol, (size_t)(q - c))) != NULL; c++)
                    breaks++;
                memcpy(out, p, (size_t)(q - p));
                out += q - p;
                p = q + 1;
                if (p == end || *p != '"')
                    break;
                *out++ = '"';
                p++;
            }
        } else {
            const char *c = p;
            while (c < end && !r->ends_field[(unsigned char)*c])
                c++;
            memcpy(out, p, (size_t)(c - p));
            out += c - p;
            p = c;
        }
        size_t len = (size_t)(out - field);
        if (len > ASSESS_FIELD_MAX || check_text(field, len) != 0)
            return 0;
        *out++ = '\0';
        r->fields[nf++] = field;
        if (p == end)
            return 0;
        if (*p == delim) {
            p++;
            continue;
        }
        /* the record ends at the line's end, CRLF or the file's own */
        if (*p == '\r' && eol == '\n' && p + 1 < end && p[1] == '\n')
            p++;
        if (*p != eol)
            return 0;
        break;
    }
    r->line += breaks;
    r->nfields = nf;
    row_done(r, nf, row_blank(r->fields, nf));
    return (size_t)(p + 1 - s);
}

/* Feeds one piece of a physical line (the whole line, or part of it when
 * it crosses a read chunk); `avail` bytes from s are in the chunk.
 * Returns the bytes taken: the piece, or a whole record of several lines
 * read in the reader's own pass. */
static size_t feed(csv_reader *r, struct csv_parser *p, char *s, size_t n, size_t avail,
                   bool line_start)
{
    if (line_start && r->at_start) {
        /* A blank line between records is skipped by libcsv without a
         * row callback, so it must not become the record's first line. */
        bool blank = true;
        for (size_t i = 0; i < n && blank; i++)
            blank = s[i] == '\n' || s[i] == '\r';
        if (blank)
            return n;
        r->record_line = r->line;
        r->at_start = false;
        if (!r->libcsv_only) {
            if (feed_ascii(r, s, n))
                return n;
            size_t used = feed_record(r, s, avail);
            if (used)
                return used;
        }
    }
    if (csv_parse(p, s, n, on_field, on_row, r) != n && !r->stop) {
        reader_fail(r, ASSESS_ERR_INVALID, r->line,
                    _("malformed quotes: a quote inside an unquoted field, or text after a "
                    "closing quote (write a quote inside a quoted field as \"\")"));
    }
    /* A lone CR ends a row in the middle of a line, and what follows it
     * may begin another that the line's end does not close (an opening
     * quote): then the next line is no record's start, whatever on_row
     * said, and must go to libcsv too.  (libcsv's state "row not begun"
     * is 0: csv.h shows the struct but not the names of its states.) */
    if (r->at_start && p->pstate != 0)
        r->at_start = false;
    r->pending += n;
    if (!r->stop && r->pending > 2 * (size_t)ASSESS_FIELD_MAX + 2) {
        size_t have = p->entry_pos;
        field_fail(r, ASSESS_ERR_LIMIT, r->record_line,
                   have && check_text((const char *)p->entry_buf, have) == 0
                       ? (const char *)p->entry_buf
                       : NULL,
                   have, _("the value%s is longer than 1 MiB (is a closing quote missing?)"));
    }
    return n;
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
 * reads such rows, but lines must then be counted at CR.  A file whose
 * first 64 KiB hold a CR and no LF at all is such a file. */
static char line_end(const char *s, size_t n)
{
    return memchr(s, '\r', n) && !memchr(s, '\n', n) ? '\r' : '\n';
}

assess_status assess_csv_read(const char *path, assess_row_fn fn, void *ud, assess_diags *d)
{
    return assess_csv_read_paths(path, fn, ud, d, true);
}

assess_status assess_csv_read_paths(const char *path, assess_row_fn fn, void *ud,
                                    assess_diags *d, bool fast)
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
        .delim = ',', .libcsv_only = !fast};

    /* A file of up to 1 MiB (a questionnaire's) is read at once, so that
     * no record of it crosses a chunk and goes to libcsv for that. */
    size_t chunk_size = 64 * 1024;
    if (S_ISREG(fst.st_mode) && fst.st_size < 1024 * 1024 && (size_t)fst.st_size >= chunk_size)
        chunk_size = (size_t)fst.st_size + 1;
    char *chunk = malloc(chunk_size);
    if (!chunk) {
        fclose(f);
        csv_free(&p);
        return ASSESS_ERR_NOMEM;
    }
    bool first = true, line_start = true;
    size_t got;
    while (!r.stop && (got = fread(chunk, 1, chunk_size, f)) > 0) {
        char *s = chunk;
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
            /* judged from the first 64 KiB, whatever the chunk's size */
            r.eol = line_end(s, n < 64 * 1024 ? n : 64 * 1024);
            r.delim = find_delim(s, n, r.eol);
            csv_set_delim(&p, (unsigned char)r.delim);
            r.ends_field[(unsigned char)r.delim] = r.ends_field['"'] = true;
            r.ends_field['\r'] = r.ends_field['\n'] = true;
        }
        while (n > 0 && !r.stop) {
            char *nl = memchr(s, r.eol, n);
            size_t piece = nl ? (size_t)(nl - s) + 1 : n;
            /* a record of several lines taken whole ends at a line end */
            piece = feed(&r, &p, s, piece, n, line_start);
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
