/*
 * csv_parts.c — a large CSV file read in parts, each on a thread of its
 * own (read.h).  A survey export is, nearly always, lines of ASCII without
 * quotes: such a file can be cut at any line end, and each run of lines
 * split at its delimiters where it lies.  Anything else in the file (a
 * quote, a byte that is not ASCII, a row too long) abandons the parts, and
 * the caller reads the file whole with assess_csv_read, which says what is
 * wrong, if anything: this reader never judges a file, so it needs no
 * messages of its own.
 */
#define _POSIX_C_SOURCE 200809L /* pread */

#include "read.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The reader's limits (csv.c, docs/limits.md): a file near them is read
 * whole, which reports them. */
#define PARTS_FILE_MAX (1024L * 1024 * 1024)
#define PARTS_ROWS_MAX 1048576L
/* Bytes read at a time; a line longer than this is left to the whole
 * reader. */
#define PARTS_BLOCK (1024 * 1024)
#define PARTS_MAX   16

/* What a byte is to a line of this reader: most are text. */
enum { B_TEXT, B_BLANK, B_DELIM, B_OTHER };

typedef struct {
    const unsigned char *classes; /* B_… of each byte */
    int fd;
    off_t from, to; /* whole lines */
    size_t header_fields;
    assess_row_fn fn;
    void *ud;
    atomic_bool *abandon;
    const char *path;
    /* out */
    long lines, rows;
    bool ok;
} part;

/* Reads all of [at, at + n) into buf; false on an error or a short file. */
static bool read_at(int fd, char *buf, size_t n, off_t at)
{
    while (n > 0) {
        ssize_t got = pread(fd, buf, n, at);
        if (got <= 0)
            return false;
        buf += got;
        n -= (size_t)got;
        at += got;
    }
    return true;
}

/* One line (without its LF) split in place and handed on; false when the
 * line is not one this reader takes, or the callback said stop. */
static bool part_line(part *p, char *s, size_t n, const char **fields)
{
    p->lines++;
    if (n > 0 && s[n - 1] == '\r')
        n--;
    const unsigned char *classes = p->classes;
    size_t nf = 1;
    unsigned text = 0;
    fields[0] = s;
    for (size_t i = 0; i < n; i++) {
        unsigned k = classes[(unsigned char)s[i]];
        if (k == B_TEXT) {
            text = 1;
        } else if (k == B_DELIM) {
            if (nf == ASSESS_ROW_FIELDS_MAX)
                return false;
            fields[nf++] = s + i + 1;
            s[i] = '\0';
        } else if (k == B_OTHER) {
            return false; /* a quote, a CR, a NUL, a byte of UTF-8 */
        }
    }
    s[n] = '\0';
    if (!text)
        return true; /* a blank line is no row */
    if (nf > p->header_fields) {
        /* empty trailing cells are dropped; anything in them is wrong */
        for (size_t k = p->header_fields; k < nf; k++)
            if (fields[k][0])
                return false;
        nf = p->header_fields;
    }
    if (++p->rows >= PARTS_ROWS_MAX)
        return false;
    assess_row row = {.file = p->path, .line = p->lines, .nfields = nf, .fields = fields};
    return p->fn(&row, p->ud) == 0;
}

static void *part_read(void *arg)
{
    part *p = arg;
    char *buf = malloc(PARTS_BLOCK + 1);
    const char **fields = malloc(ASSESS_ROW_FIELDS_MAX * sizeof *fields);
    bool ok = buf && fields;
    size_t carry = 0;
    off_t at = p->from;
    while (ok && (at < p->to || carry > 0)) {
        size_t want = PARTS_BLOCK - carry;
        if ((off_t)want > p->to - at)
            want = (size_t)(p->to - at);
        if (want == 0 && at < p->to) {
            ok = false; /* a line longer than a block */
            break;
        }
        if (want && !read_at(p->fd, buf + carry, want, at)) {
            ok = false;
            break;
        }
        at += (off_t)want;
        size_t n = carry + want;
        char *s = buf, *end = buf + n, *nl;
        while (ok && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
            ok = !atomic_load_explicit(p->abandon, memory_order_relaxed) &&
                 part_line(p, s, (size_t)(nl - s), fields);
            s = nl + 1;
        }
        carry = (size_t)(end - s);
        if (ok && at == p->to && carry > 0) {
            /* the file's last line, without a line end */
            ok = part_line(p, s, carry, fields);
            carry = 0;
        } else if (ok && carry > 0) {
            memmove(buf, s, carry);
        }
    }
    free(buf);
    free(fields);
    p->ok = ok;
    if (!ok)
        atomic_store(p->abandon, true);
    return NULL;
}

/* The first line end at or after `at`, + 1 (the next line's start), or
 * `size` when none is before the end. */
static off_t next_line(int fd, off_t at, off_t size)
{
    char buf[4096];
    while (at < size) {
        size_t n = size - at < (off_t)sizeof buf ? (size_t)(size - at) : sizeof buf;
        if (!read_at(fd, buf, n, at))
            return -1;
        const char *nl = memchr(buf, '\n', n);
        if (nl)
            return at + (nl - buf) + 1;
        at += (off_t)n;
    }
    return size;
}

bool assess_csv_read_parts(const char *path, size_t min_bytes, size_t nparts, assess_row_fn head,
                           void *head_ud, assess_row_fn fn, void *const *uds, long *lines)
{
    if (nparts < 1 || nparts > PARTS_MAX)
        return false;
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return false;
    struct stat st;
    char first[4096 + 1];
    bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= (off_t)min_bytes &&
              st.st_size <= PARTS_FILE_MAX;
    size_t got = ok ? (size_t)(st.st_size < 4096 ? st.st_size : 4096) : 0;
    ok = ok && got > 0 && read_at(fd, first, got, 0);
    /* the header: the first line, within the first 4 KiB, of plain ASCII
     * (not a zip or a PDF's first line: the whole reader names those) */
    char *s = first;
    if (ok && got >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
        s += 3;
    char *nl = ok ? memchr(s, '\n', got - (size_t)(s - first)) : NULL;
    size_t hn = nl ? (size_t)(nl - s) : 0;
    if (hn > 0 && s[hn - 1] == '\r')
        hn--;
    ok = hn > 0 && !(hn >= 2 && memcmp(s, "PK", 2) == 0) && !(hn >= 4 && memcmp(s, "%PDF", 4) == 0);
    size_t count[3] = {0, 0, 0};
    for (size_t i = 0; ok && i < hn; i++) {
        unsigned char c = (unsigned char)s[i];
        ok = c != '"' && c != '\r' && c != 0 && c < 0x80;
        count[0] += c == ',';
        count[1] += c == ';';
        count[2] += c == '\t';
    }
    /* the delimiter the whole reader finds: the most frequent, comma first */
    char delim = count[1] > count[0] ? (count[2] > count[1] ? '\t' : ';')
                                     : (count[2] > count[0] ? '\t' : ',');
    const char *hfields[1024];
    size_t nf = 1;
    bool blank = true;
    if (ok) {
        s[hn] = '\0';
        hfields[0] = s;
        for (size_t i = 0; i < hn && ok; i++) {
            blank = blank && (s[i] == ' ' || s[i] == '\t' || s[i] == delim);
            if (s[i] == delim) {
                ok = nf < sizeof hfields / sizeof *hfields;
                if (ok) {
                    s[i] = '\0';
                    hfields[nf++] = s + i + 1;
                }
            }
        }
    }
    ok = ok && !blank;
    off_t data = ok ? (off_t)(nl - first) + 1 : 0;
    if (ok) {
        assess_row row = {.file = path, .line = 1, .nfields = nf, .fields = hfields};
        ok = data < st.st_size && head(&row, head_ud) == 0;
    }
    if (!ok) {
        close(fd);
        return false;
    }
    /* the data lines cut into runs of whole lines of about equal size */
    unsigned char classes[256];
    for (unsigned c = 0; c < 256; c++)
        classes[c] = c == (unsigned char)delim                      ? B_DELIM
                     : c == ' ' || c == '\t'                        ? B_BLANK
                     : c == '"' || c == '\r' || c == 0 || c >= 0x80 ? B_OTHER
                                                                    : B_TEXT;
    part parts[PARTS_MAX];
    atomic_bool abandon = false;
    off_t from = data;
    for (size_t k = 0; k < nparts; k++) {
        off_t to =
            k + 1 == nparts
                ? st.st_size
                : next_line(fd, data + (st.st_size - data) * (off_t)(k + 1) / (off_t)nparts - 1,
                            st.st_size);
        parts[k] = (part){.classes = classes,
                          .fd = fd,
                          .from = from,
                          .to = to,
                          .header_fields = nf,
                          .fn = fn,
                          .ud = uds[k],
                          .abandon = &abandon,
                          .path = path};
        ok = ok && to >= 0;
        from = to;
    }
    pthread_t tid[PARTS_MAX];
    bool started[PARTS_MAX] = {false};
    for (size_t k = 1; ok && k < nparts; k++)
        started[k] = pthread_create(&tid[k], NULL, part_read, &parts[k]) == 0;
    if (ok)
        part_read(&parts[0]);
    long before = 1;
    for (size_t k = 0; k < nparts; k++) {
        if (started[k])
            pthread_join(tid[k], NULL);
        ok = ok && (k == 0 || started[k]) && parts[k].ok;
        lines[k] = before;
        before += parts[k].lines;
    }
    long rows = 0;
    for (size_t k = 0; k < nparts; k++)
        rows += parts[k].rows;
    close(fd);
    return ok && rows > 0 && rows < PARTS_ROWS_MAX;
}
