/*
 * xlsx.c — the workbook side of the .xlsx reader: opens the zip (libzip),
 * finds the workbook part, its sheets and their parts through the
 * relationships, loads the shared strings, and streams any part through
 * expat under the limits of read.h (zip entries, unpacked size and ratio
 * counted while reading, XML depth, no DOCTYPE).  Turning a worksheet into
 * rows is xlsx_sheet.c's job.  Styles, dates and formulas are not read.
 */
#include "xlsx_internal.h"
#include "intl.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Names are matched by their local part: "x:c" is "c", whatever the
 * prefix (expat's namespace processing costs a third of the reading time,
 * and only names inside parts whose namespace is known are looked at). */
#define NS_SEP ':'
#define CHUNK  (64 * 1024)

static char *dup_n(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static char *dup(const char *s)
{
    return dup_n(s, strlen(s));
}

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && memcmp(s + n - m, tail, m) == 0;
}

bool assess_path_is_xlsx(const char *path)
{
    size_t n = strlen(path);
    return n >= 5 && assess_str_ieq(path + n - 5, ".xlsx");
}

/* ## Streaming one part through expat */

static const char *local_name(const char *name)
{
    const char *p = strrchr(name, NS_SEP);
    return p ? p + 1 : name;
}

const char *assess_xlsx_attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2) {
        /* xmlns:r declares a prefix; it is not an attribute r */
        if (strcmp(local_name(atts[i]), name) == 0 && strncmp(atts[i], "xmlns", 5) != 0)
            return atts[i + 1];
    }
    return NULL;
}

assess_loc assess_xlsx_parse_loc(const xlsx_parse *x)
{
    if (!x->sheet)
        return assess_loc_file(x->book->path);
    return (assess_loc){.file = x->book->path,
                        .line = x->line,
                        .sheet = x->sheet,
                        .column = x->line > 0 ? x->column : -1};
}

void assess_xlsx_parse_stop(xlsx_parse *x)
{
    if (!x->stopped) {
        x->stopped = true;
        if (x->parser)
            XML_StopParser(x->parser, XML_FALSE);
    }
}

void assess_xlsx_parse_fail(xlsx_parse *x, assess_status st, const char *fmt, ...)
{
    if (x->status == ASSESS_OK) {
        va_list ap;
        va_start(ap, fmt);
        assess_diags_addv(x->book->d, ASSESS_ERROR, assess_xlsx_parse_loc(x), fmt, ap);
        va_end(ap);
        x->status = st;
    }
    assess_xlsx_parse_stop(x);
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    xlsx_parse *x = ud;
    if (x->stopped)
        return;
    if (++x->depth > ASSESS_XLSX_DEPTH_MAX) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_LIMIT,
                               _("part %s nests XML elements more than %d deep: refused"), x->part,
                               ASSESS_XLSX_DEPTH_MAX);
        return;
    }
    if (x->start)
        x->start(x, local_name(name), atts);
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    xlsx_parse *x = ud;
    if (x->stopped)
        return;
    x->depth--;
    if (x->end)
        x->end(x, local_name(name));
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    xlsx_parse *x = ud;
    if (!x->stopped && x->text)
        x->text(x, s, len);
}

/* A workbook's XML never has a DOCTYPE: refusing one makes entity
 * expansion (billion laughs) and external entities impossible. */
static void XMLCALL on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                               const XML_Char *pubid, int has_internal_subset)
{
    (void)name, (void)sysid, (void)pubid, (void)has_internal_subset;
    xlsx_parse *x = ud;
    assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID,
                           _("part %s has a DOCTYPE declaration, which workbooks never have: refused"),
                           x->part);
}

static void XMLCALL on_entity(void *ud, const XML_Char *name, int is_parameter_entity,
                              const XML_Char *value, int value_length, const XML_Char *base,
                              const XML_Char *system_id, const XML_Char *public_id,
                              const XML_Char *notation)
{
    (void)name, (void)is_parameter_entity, (void)value, (void)value_length, (void)base;
    (void)system_id, (void)public_id, (void)notation;
    xlsx_parse *x = ud;
    assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID,
                           _("part %s declares an XML entity, which workbooks never do: refused"),
                           x->part);
}

static zip_int64_t locate(zip_t *z, const char *part)
{
    zip_int64_t i = zip_name_locate(z, part, 0);
    /* part names are case-insensitive (OPC) */
    return i >= 0 ? i : zip_name_locate(z, part, ZIP_FL_NOCASE);
}

/* The size and ratio limits, on what the zip declares and on what was
 * actually unpacked so far (headers can lie). */
static bool too_big(xlsx_parse *x, zip_uint64_t size, zip_uint64_t packed, bool declared)
{
    if (size > (zip_uint64_t)ASSESS_XLSX_PART_MAX) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_LIMIT,
                               declared ? _("part %s would unpack to more than 256 MiB: refused "
                                            "(a zip bomb?)")
                                        : _("part %s unpacks to more than 256 MiB: refused (a "
                                            "zip bomb?)"),
                               x->part);
        return true;
    }
    if (size > (zip_uint64_t)ASSESS_XLSX_RATIO_FROM &&
        size / (packed ? packed : 1) > ASSESS_XLSX_RATIO_MAX) {
        assess_xlsx_parse_fail(
            x, ASSESS_ERR_LIMIT,
            declared ? _("part %s would unpack %llu bytes from %llu, more than %d times as many: "
                         "refused as a possible zip bomb")
                     : _("part %s unpacks %llu bytes from %llu, more than %d times as many: "
                         "refused as a possible zip bomb"),
            x->part, (unsigned long long)size,
            (unsigned long long)packed, ASSESS_XLSX_RATIO_MAX);
        return true;
    }
    return false;
}

assess_status assess_xlsx_parse_run(xlsx_parse *x, bool *missing)
{
    xlsx_book *b = x->book;
    x->status = ASSESS_OK;
    x->stopped = false;
    x->depth = 0;
    x->parser = NULL;
    if (missing)
        *missing = false;
    zip_int64_t index = locate(b->zip, x->part);
    if (index < 0) {
        if (missing) {
            *missing = true;
            return ASSESS_OK;
        }
        assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID, _("the workbook is damaged: it has no part %s"),
                               x->part);
        return x->status;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(b->zip, (zip_uint64_t)index, 0, &st) != 0) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID, _("the workbook is damaged: part %s: %s"),
                               x->part, zip_strerror(b->zip));
        return x->status;
    }
    zip_uint64_t packed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    if ((st.valid & ZIP_STAT_SIZE) && too_big(x, st.size, packed, true))
        return x->status;
    zip_file_t *zf = zip_fopen_index(b->zip, (zip_uint64_t)index, 0);
    if (!zf) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID, _("part %s cannot be read: %s"), x->part,
                               zip_strerror(b->zip));
        return x->status;
    }
    /* expat allocates through ours, so a test can make it fail (tests/test_oom.c) */
    static const XML_Memory_Handling_Suite mem = {malloc, realloc, free};
    XML_Parser p = XML_ParserCreate_MM(NULL, &mem, NULL);
    if (!p) {
        zip_fclose(zf);
        return ASSESS_ERR_NOMEM;
    }
    x->parser = p;
    XML_SetUserData(p, x);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);
    XML_SetEntityDeclHandler(p, on_entity);
    XML_SetParamEntityParsing(p, XML_PARAM_ENTITY_PARSING_NEVER);

    zip_uint64_t total = 0;
    for (;;) {
        void *buf = XML_GetBuffer(p, CHUNK);
        if (!buf) {
            x->status = ASSESS_ERR_NOMEM;
            break;
        }
        zip_int64_t n = zip_fread(zf, buf, CHUNK);
        if (n < 0) {
            assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID, _("part %s cannot be read: %s"), x->part,
                                   zip_file_strerror(zf));
            break;
        }
        total += (zip_uint64_t)n;
        if (too_big(x, total, packed, false))
            break;
        if (XML_ParseBuffer(p, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (!x->stopped) {
                assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID,
                                       _("part %s is not well-formed XML (line %lu: %s)"), x->part,
                                       (unsigned long)XML_GetCurrentLineNumber(p),
                                       XML_ErrorString(XML_GetErrorCode(p)));
            }
            break;
        }
        if (n == 0 || x->stopped)
            break;
    }
    x->parser = NULL;
    XML_ParserFree(p);
    zip_fclose(zf);
    return x->status;
}

/* ## Relationships and the sheet list */

/* A relationship's target as a zip entry name: "/xl/a.xml" is absolute,
 * "worksheets/a.xml" relative to the folder of the part that points. */
static char *resolve(const char *from_part, const char *target)
{
    size_t dir = 0;
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(from_part, '/');
        dir = slash ? (size_t)(slash - from_part) + 1 : 0;
    }
    size_t n = dir + strlen(target);
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    memcpy(out, from_part, dir);
    strcpy(out + dir, target);
    /* fold "." and ".." segments */
    size_t w = 0;
    const char *s = out;
    char *res = out;
    while (*s) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
            /* skip */
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (w > 0 && res[w - 1] == '/')
                w--;
            while (w > 0 && res[w - 1] != '/')
                w--;
        } else {
            memmove(res + w, s, len);
            w += len;
            if (e)
                res[w++] = '/';
        }
        s += len + (e ? 1 : 0);
    }
    res[w] = '\0';
    return res;
}

typedef struct {
    xlsx_book *b;
    const char *from;  /* the part whose relationships these are */
    assess_index *ids; /* r:id → sheet, for the workbook's */
    char *office;      /* the package's: the workbook part */
} rels_state;

static void rels_start(xlsx_parse *x, const char *name, const char **atts)
{
    rels_state *r = x->ud;
    if (strcmp(name, "Relationship") != 0)
        return;
    const char *id = assess_xlsx_attr(atts, "Id"), *type = assess_xlsx_attr(atts, "Type");
    const char *target = assess_xlsx_attr(atts, "Target"),
               *mode = assess_xlsx_attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && strcmp(mode, "External") == 0))
        return;
    if (!r->ids) {
        if (ends_with(type, "/officeDocument") && !r->office) {
            r->office = resolve(r->from, target);
            if (!r->office)
                x->status = ASSESS_ERR_NOMEM, assess_xlsx_parse_stop(x);
        }
        return;
    }
    xlsx_book *b = r->b;
    char **slot = NULL;
    size_t s = assess_index_get(r->ids, id);
    if (s != ASSESS_NONE && !b->sheets[s].part) {
        slot = &b->sheets[s].part;
        b->sheets[s].worksheet = ends_with(type, "/worksheet");
    } else if (ends_with(type, "/sharedStrings") && !b->strings_part) {
        slot = &b->strings_part;
    }
    if (slot && !(*slot = resolve(r->from, target)))
        x->status = ASSESS_ERR_NOMEM, assess_xlsx_parse_stop(x);
}

typedef struct {
    assess_vec sheets; /* xlsx_sheet */
} book_state;

static void book_start(xlsx_parse *x, const char *name, const char **atts)
{
    book_state *s = x->ud;
    if (strcmp(name, "sheet") != 0)
        return;
    const char *sheet = assess_xlsx_attr(atts, "name"), *rid = assess_xlsx_attr(atts, "id");
    const char *state = assess_xlsx_attr(atts, "state");
    if (!sheet || !rid) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID,
                               _("the workbook is damaged: a sheet in %s has no name or no r:id"),
                               x->part);
        return;
    }
    if (s->sheets.count == ASSESS_XLSX_ENTRIES_MAX) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_LIMIT, _("the workbook has more than %d sheets: refused"),
                               ASSESS_XLSX_ENTRIES_MAX);
        return;
    }
    xlsx_sheet *sh = assess_vec_push(&s->sheets);
    if (!sh || !(sh->name = dup(sheet)) || !(sh->rid = dup(rid))) {
        x->status = ASSESS_ERR_NOMEM;
        assess_xlsx_parse_stop(x);
        return;
    }
    sh->hidden = state && strcmp(state, "visible") != 0;
    sh->worksheet = true; /* until its relationship says otherwise */
}

void assess_xlsx_book_close(xlsx_book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        free(b->sheets[i].name);
        free(b->sheets[i].rid);
        free(b->sheets[i].part);
    }
    free(b->sheets);
    free(b->workbook_part);
    free(b->strings_part);
    free(b->strings);
    free(b->offset);
    if (b->zip)
        zip_discard(b->zip);
    memset(b, 0, sizeof *b);
}

static assess_status open_zip(xlsx_book *b)
{
    /* libzip's own message for a missing file is less plain */
    FILE *f = fopen(b->path, "rb");
    if (!f) {
        assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path), _("cannot open: %s"),
                         strerror(errno));
        return ASSESS_ERR_IO;
    }
    fclose(f);
    int err = 0;
    b->zip = zip_open(b->path, ZIP_RDONLY | ZIP_CHECKCONS, &err);
    if (!b->zip) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        bool io = err == ZIP_ER_OPEN || err == ZIP_ER_READ || err == ZIP_ER_MEMORY;
        if (io)
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path), _("cannot open: %s"),
                             zip_error_strerror(&ze));
        else
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                             _("not a readable .xlsx workbook (%s): an older .xls file, a "
                             "password-protected workbook, or a damaged or truncated file?"),
                             zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return err == ZIP_ER_MEMORY ? ASSESS_ERR_NOMEM : io ? ASSESS_ERR_IO : ASSESS_ERR_INVALID;
    }
    zip_int64_t n = zip_get_num_entries(b->zip, 0);
    if (n > ASSESS_XLSX_ENTRIES_MAX) {
        assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                         _("the workbook has %lld parts, more than %d: refused"), (long long)n,
                         ASSESS_XLSX_ENTRIES_MAX);
        return ASSESS_ERR_LIMIT;
    }
    return ASSESS_OK;
}

static assess_status read_sheet_list(xlsx_book *b)
{
    /* the package's relationships name the workbook part */
    rels_state rs = {.b = b, .from = ""};
    xlsx_parse x = {.book = b, .part = "_rels/.rels", .start = rels_start, .ud = &rs};
    bool missing;
    assess_status st = assess_xlsx_parse_run(&x, &missing);
    b->workbook_part = rs.office ? rs.office : dup("xl/workbook.xml");
    if (st != ASSESS_OK || !b->workbook_part)
        return st != ASSESS_OK ? st : ASSESS_ERR_NOMEM;

    book_state bs;
    assess_vec_init(&bs.sheets, sizeof(xlsx_sheet));
    x = (xlsx_parse){.book = b, .part = b->workbook_part, .start = book_start, .ud = &bs};
    st = assess_xlsx_parse_run(&x, &missing);
    b->sheets = bs.sheets.data;
    b->nsheets = bs.sheets.count;
    if (st == ASSESS_OK && missing) {
        assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                         _("not an .xlsx workbook: it has no part %s (an OpenDocument .ods "
                         "file? save it as .xlsx)"),
                         b->workbook_part);
        st = ASSESS_ERR_INVALID;
    }
    if (st != ASSESS_OK)
        return st;

    /* the workbook's relationships: sheet → part, the shared strings */
    const char *slash = strrchr(b->workbook_part, '/');
    size_t dir = slash ? (size_t)(slash - b->workbook_part) + 1 : 0;
    size_t n = strlen(b->workbook_part) + 12;
    char *rels = malloc(n);
    if (!rels)
        return ASSESS_ERR_NOMEM;
    snprintf(rels, n, "%.*s_rels/%s.rels", (int)dir, b->workbook_part, b->workbook_part + dir);
    assess_index ids;
    assess_index_init(&ids);
    for (size_t i = 0; i < b->nsheets && st == ASSESS_OK; i++) {
        if (assess_index_get(&ids, b->sheets[i].rid) == ASSESS_NONE)
            st = assess_index_put(&ids, b->sheets[i].rid, i);
    }
    if (st == ASSESS_OK) {
        rs = (rels_state){.b = b, .from = b->workbook_part, .ids = &ids};
        x = (xlsx_parse){.book = b, .part = rels, .start = rels_start, .ud = &rs};
        st = assess_xlsx_parse_run(&x, NULL);
    }
    assess_index_cleanup(&ids);
    free(rels);
    if (st == ASSESS_OK && !b->strings_part) {
        /* a workbook without the relationship may still have the part */
        n = dir + 18;
        if (!(b->strings_part = malloc(n)))
            return ASSESS_ERR_NOMEM;
        snprintf(b->strings_part, n, "%.*ssharedStrings.xml", (int)dir, b->workbook_part);
    }
    return st;
}

assess_status assess_xlsx_book_open(xlsx_book *b, const char *path, assess_diags *d)
{
    memset(b, 0, sizeof *b);
    b->path = path;
    b->d = d;
    assess_status st = open_zip(b);
    if (st == ASSESS_OK)
        st = read_sheet_list(b);
    if (st != ASSESS_OK) {
        assess_xlsx_book_close(b);
        b->path = path;
        b->d = d;
    }
    return st;
}

/* ## Shared strings */

/* OOXML writes characters XML cannot hold as _xHHHH_ (_x000D_ for a
 * carriage return); _x005F_ is a literal underscore. */
size_t assess_xlsx_unescape(char *s, size_t len)
{
    if (!memchr(s, '_', len))
        return len;
    size_t w = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        bool esc = i + 7 <= len && s[i] == '_' && s[i + 1] == 'x' && s[i + 6] == '_';
        for (size_t k = 2; esc && k < 6; k++) {
            char c = s[i + k];
            int v = c >= '0' && c <= '9'   ? c - '0'
                    : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                           : -1;
            esc = v >= 0;
            cp = cp * 16 + (unsigned)v;
        }
        if (!esc || cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF)) {
            s[w++] = s[i++];
            continue;
        }
        /* at most 3 UTF-8 bytes for 7 escaped ones: never overtakes i */
        char enc[4];
        size_t k = assess_utf8_encode(cp, enc);
        memcpy(s + w, enc, k);
        w += k;
        i += 7;
    }
    s[w] = '\0';
    return w;
}

typedef struct {
    char *buf;
    size_t len, cap;
    assess_vec offsets; /* size_t */
    bool in_si, in_t;
    int phonetic; /* inside <rPh>: a reading aid, not the text */
    size_t start;
} strings_state;

static bool buf_add(strings_state *s, const char *p, size_t n)
{
    if (s->len + n + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 4096;
        while (cap < s->len + n + 1)
            cap *= 2;
        char *nb = realloc(s->buf, cap);
        if (!nb)
            return false;
        s->buf = nb;
        s->cap = cap;
    }
    memcpy(s->buf + s->len, p, n);
    s->len += n;
    return true;
}

static void strings_start(xlsx_parse *x, const char *name, const char **atts)
{
    (void)atts;
    strings_state *s = x->ud;
    if (strcmp(name, "si") == 0) {
        s->in_si = true;
        s->phonetic = 0;
        s->start = s->len;
    } else if (strcmp(name, "rPh") == 0) {
        s->phonetic++;
    } else if (strcmp(name, "t") == 0) {
        s->in_t = s->in_si && s->phonetic == 0;
    }
}

static void strings_end(xlsx_parse *x, const char *name)
{
    strings_state *s = x->ud;
    if (strcmp(name, "t") == 0) {
        s->in_t = false;
    } else if (strcmp(name, "rPh") == 0) {
        s->phonetic--;
    } else if (strcmp(name, "si") == 0 && s->in_si) {
        s->in_si = false;
        size_t *off = assess_vec_push(&s->offsets);
        if (!off || !buf_add(s, "", 1)) {
            x->status = ASSESS_ERR_NOMEM;
            assess_xlsx_parse_stop(x);
            return;
        }
        *off = s->start;
        size_t n = s->len - 1 - s->start;
        if (!assess_utf8_valid(s->buf + s->start, n)) {
            assess_xlsx_parse_fail(x, ASSESS_ERR_INVALID,
                                   _("shared string %zu in %s is not valid UTF-8"),
                                   s->offsets.count - 1, x->part);
            return;
        }
        s->len = s->start + assess_xlsx_unescape(s->buf + s->start, n) + 1;
    }
}

static void strings_text(xlsx_parse *x, const char *p, int len)
{
    strings_state *s = x->ud;
    if (!s->in_t)
        return;
    if (s->len - s->start + (size_t)len > ASSESS_FIELD_MAX) {
        assess_xlsx_parse_fail(x, ASSESS_ERR_LIMIT, _("shared string %zu in %s is longer than 1 MiB"),
                               s->offsets.count, x->part);
        return;
    }
    if (!buf_add(s, p, (size_t)len)) {
        x->status = ASSESS_ERR_NOMEM;
        assess_xlsx_parse_stop(x);
    }
}

assess_status assess_xlsx_book_strings(xlsx_book *b)
{
    if (b->strings_loaded)
        return ASSESS_OK;
    b->strings_loaded = true;
    strings_state s = {0};
    assess_vec_init(&s.offsets, sizeof(size_t));
    xlsx_parse x = {.book = b,
                    .part = b->strings_part,
                    .start = strings_start,
                    .end = strings_end,
                    .text = strings_text,
                    .ud = &s};
    bool missing;
    assess_status st = assess_xlsx_parse_run(&x, &missing);
    size_t *off = st == ASSESS_OK && !missing ? assess_vec_push(&s.offsets) : NULL;
    if (off) {
        *off = s.len; /* the end of the last string */
        b->strings = s.buf;
        b->offset = s.offsets.data;
        b->nstrings = s.offsets.count - 1;
        b->strings_present = true;
        return ASSESS_OK;
    }
    free(s.buf);
    assess_vec_cleanup(&s.offsets);
    if (st == ASSESS_OK && !missing)
        st = ASSESS_ERR_NOMEM;
    return st;
}

/* ## The public entry points */

static size_t find_sheet(const xlsx_book *b, const char *name)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        if (assess_str_ieq(b->sheets[i].name, name))
            return i;
    }
    return ASSESS_NONE;
}

static size_t first_visible(const xlsx_book *b)
{
    for (size_t i = 0; i < b->nsheets; i++) {
        if (b->sheets[i].worksheet && !b->sheets[i].hidden)
            return i;
    }
    return ASSESS_NONE;
}

/* "\"a\", \"b\"" for messages, shortened when long. */
static void list_sheets(const xlsx_book *b, char *out, size_t size)
{
    size_t w = 0;
    out[0] = '\0';
    for (size_t i = 0; i < b->nsheets; i++) {
        if (!b->sheets[i].worksheet)
            continue;
        const char *sep = w ? ", " : "";
        size_t n = strlen(sep) + strlen(b->sheets[i].name) + 2;
        if (w + n + sizeof ", …" > size) {
            snprintf(out + w, size - w, "%s…", sep);
            return;
        }
        w += (size_t)snprintf(out + w, size - w, "%s\"%s\"", sep, b->sheets[i].name);
    }
    if (w == 0)
        snprintf(out, size, "%s", _("no worksheet"));
}

static assess_status read_index(xlsx_book *b, size_t i, const char *want, assess_row_fn fn,
                                void *ud)
{
    if (i == ASSESS_NONE || !b->sheets[i].worksheet) {
        char names[400];
        list_sheets(b, names, sizeof names);
        if (i != ASSESS_NONE)
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                             _("sheet \"%s\" is a chart sheet, not a table (the workbook has: %s)"),
                             b->sheets[i].name, names);
        else if (want)
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                             _("no sheet \"%s\" (the workbook has: %s)"), want, names);
        else
            assess_diags_add(b->d, ASSESS_ERROR, assess_loc_file(b->path),
                             _("the workbook has no visible worksheet (it has: %s)"), names);
        return ASSESS_ERR_INVALID;
    }
    return assess_xlsx_sheet_read(b, i, fn, ud);
}

assess_status assess_xlsx_read(const char *path, const char *sheet, assess_row_fn fn, void *ud,
                               assess_diags *d)
{
    xlsx_book b;
    assess_status st = assess_xlsx_book_open(&b, path, d);
    if (st != ASSESS_OK)
        return st;
    st = read_index(&b, sheet ? find_sheet(&b, sheet) : first_visible(&b), sheet, fn, ud);
    assess_xlsx_book_close(&b);
    return st;
}

assess_status assess_xlsx_read_responses(const char *path, assess_row_fn fn, void *ud,
                                         assess_diags *d)
{
    xlsx_book b;
    assess_status st = assess_xlsx_book_open(&b, path, d);
    if (st != ASSESS_OK)
        return st;
    size_t i = find_sheet(&b, "responses");
    if (i == ASSESS_NONE || !b.sheets[i].worksheet)
        i = first_visible(&b);
    st = read_index(&b, i, NULL, fn, ud);
    assess_xlsx_book_close(&b);
    return st;
}

assess_row_source assess_responses_source(const char *path)
{
    return assess_path_is_xlsx(path) ? assess_xlsx_read_responses : assess_csv_read;
}

assess_status assess_xlsx_sheet_names(const char *path, char ***names, size_t *n, assess_diags *d)
{
    *names = NULL;
    *n = 0;
    xlsx_book b;
    assess_status st = assess_xlsx_book_open(&b, path, d);
    if (st != ASSESS_OK)
        return st;
    char **out = calloc(b.nsheets ? b.nsheets : 1, sizeof *out);
    size_t count = 0;
    for (size_t i = 0; out && i < b.nsheets; i++) {
        if (!b.sheets[i].worksheet)
            continue;
        out[count] = b.sheets[i].name;
        b.sheets[i].name = NULL; /* moved */
        count++;
    }
    assess_xlsx_book_close(&b);
    if (!out)
        return ASSESS_ERR_NOMEM;
    *names = out;
    *n = count;
    return ASSESS_OK;
}

void assess_xlsx_sheet_names_free(char **names, size_t n)
{
    if (!names)
        return;
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
