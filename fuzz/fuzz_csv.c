/*
 * fuzz_csv.c — the CSV reader (assess_csv_read) on any bytes.  Besides
 * the sanitizers' checks, every row handed over must keep the reader's
 * promises: lines that only go up, at most as many fields as the header
 * after it, each field valid UTF-8 and within ASSESS_FIELD_MAX, and a
 * status that agrees with the diagnostics.  The reader splits most lines
 * itself and leaves the rest to libcsv: read again with libcsv alone,
 * the file must give the same rows, status and diagnostics.  Read in
 * parts on several threads (assess_csv_read_parts), a file the parts
 * take must be one the whole reader reads without a problem, with the
 * same rows on the same lines.
 */
#include "fuzz_common.h"
#include "read.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    long last_line;
    size_t header_fields;
    size_t rows;
    size_t stop_after; /* 0 = never stop early */
    uint64_t digest;   /* of every row: its line, its fields' bytes */
} csv_state;

static void mix(csv_state *s, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        s->digest = (s->digest ^ b[i]) * 1099511628211ULL;
}

static int on_row(const assess_row *row, void *ud)
{
    csv_state *s = ud;
    /* not strictly: a lone CR ends a record without ending the line */
    if (row->line < s->last_line || row->sheet != NULL || row->nfields == 0 ||
        row->nfields > ASSESS_ROW_FIELDS_MAX)
        abort();
    s->last_line = row->line;
    if (s->rows == 0)
        s->header_fields = row->nfields;
    else if (row->nfields > s->header_fields)
        abort();
    mix(s, &row->line, sizeof row->line);
    mix(s, &row->nfields, sizeof row->nfields);
    for (size_t i = 0; i < row->nfields; i++) {
        size_t n = strlen(row->fields[i]);
        if (n > ASSESS_FIELD_MAX || !assess_utf8_valid(row->fields[i], n))
            abort();
        mix(s, row->fields[i], n + 1);
    }
    assess_loc loc = assess_row_loc(row, row->nfields - 1);
    if (loc.line != row->line)
        abort();
    s->rows++;
    return s->stop_after && s->rows >= s->stop_after;
}

/* A part's rows, kept to be replayed in file order: each as its line,
 * its field count and its fields with their NULs. */
typedef struct {
    unsigned char *buf;
    size_t len, cap;
} part_rows;

static void put(part_rows *p, const void *b, size_t n)
{
    if (p->len + n > p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 4096;
        while (cap < p->len + n)
            cap *= 2;
        p->buf = realloc(p->buf, cap);
        if (!p->buf)
            abort();
        p->cap = cap;
    }
    memcpy(p->buf + p->len, b, n);
    p->len += n;
}

static int on_part_row(const assess_row *row, void *ud)
{
    part_rows *p = ud;
    put(p, &row->line, sizeof row->line);
    put(p, &row->nfields, sizeof row->nfields);
    for (size_t i = 0; i < row->nfields; i++)
        put(p, row->fields[i], strlen(row->fields[i]) + 1);
    return 0;
}

/* Reads the file in parts; when the parts take it, the whole reader's
 * result (s, st, d) must be a clean read of the same rows. */
static void check_parts(const char *path, size_t nparts, const csv_state *s, assess_status st,
                        const assess_diags *d)
{
    csv_state u = {0};
    part_rows parts[3] = {{0}};
    void *uds[3] = {&parts[0], &parts[1], &parts[2]};
    long lines[3];
    if (assess_csv_read_parts(path, 0, nparts, on_row, &u, on_part_row, uds, lines)) {
        if (st != ASSESS_OK || d->count != 0 || u.rows != 1)
            abort();
        for (size_t k = 0; k < nparts; k++) {
            if (!parts[k].buf)
                continue; /* a run without rows */
            const unsigned char *b = parts[k].buf, *end = b + parts[k].len;
            const char *fields[ASSESS_ROW_FIELDS_MAX];
            while (b < end) {
                assess_row row = {.file = path};
                memcpy(&row.line, b, sizeof row.line);
                b += sizeof row.line;
                memcpy(&row.nfields, b, sizeof row.nfields);
                b += sizeof row.nfields;
                for (size_t i = 0; i < row.nfields; i++) {
                    fields[i] = (const char *)b;
                    b += strlen(fields[i]) + 1;
                }
                row.line += lines[k];
                row.fields = fields;
                on_row(&row, &u);
            }
        }
        if (u.rows != s->rows || u.digest != s->digest)
            abort();
    }
    for (size_t k = 0; k < nparts; k++)
        free(parts[k].buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("in.csv", data, size);
    /* The last byte, when it is a digit, makes the callback stop after
     * that many rows: stopping early must be as clean as reading on. */
    csv_state s = {0};
    if (size && data[size - 1] >= '1' && data[size - 1] <= '9')
        s.stop_after = (size_t)(data[size - 1] - '0');
    assess_diags d;
    assess_diags_init(&d);
    assess_status st = assess_csv_read(path, on_row, &s, &d);
    fuzz_check_diags(&d);
    if (st == ASSESS_OK && d.errors)
        abort();
    if (st != ASSESS_OK && st != ASSESS_ERR_NOMEM && d.errors == 0)
        abort();
    if (st == ASSESS_OK && !s.stop_after && s.rows < 2)
        abort(); /* an empty or header-only file is an error */
    csv_state t = {.stop_after = s.stop_after};
    assess_diags e;
    assess_diags_init(&e);
    assess_status st2 = assess_csv_read_paths(path, on_row, &t, &e, false);
    if (st2 != st || t.rows != s.rows || t.digest != s.digest || e.count != d.count)
        abort();
    for (size_t k = 0; k < d.count; k++) {
        char a[1024], b[1024];
        assess_diag_format(&d.items[k], a, sizeof a);
        assess_diag_format(&e.items[k], b, sizeof b);
        if (strcmp(a, b) != 0)
            abort();
    }
    if (!s.stop_after)
        check_parts(path, 1 + size % 3, &s, st, &d);
    assess_diags_cleanup(&e);
    assess_diags_cleanup(&d);
    return 0;
}
