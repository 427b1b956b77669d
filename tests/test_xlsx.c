/*
 * test_xlsx.c — the workbook reader (assess/xlsx.c, xlsx_sheet.c): exact
 * rows of a sheet full of quirks (rich text, phonetic runs, inline
 * strings, cached formula values, float noise, numbers stored as text,
 * cells and rows without references, cells out of order), each error and
 * limit with its located message and status, zip bombs and entity bombs
 * refused, and .xlsx responses and questionnaires loading exactly like
 * the CSV files they were made from.
 *
 * The workbooks are in tests/data/xlsx, made once by make_fixtures.py;
 * the few that would be large (10,001 zip entries, a 1 MiB cell) are
 * written here, stored uncompressed, into a temporary folder.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "read.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define X      TEST_DATA "/xlsx/"
#define ENGINE TEST_DATA "/engine/"

/* ## Reading a sheet into text */

typedef struct {
    char *text; /* "LINE|field|field\n" per row */
    size_t len, cap;
    long rows;
    long stop_after; /* 0 = never */
    char sheet[64];  /* row->sheet lives only as long as the read */
} dump;

static void put(dump *o, const char *s)
{
    size_t n = strlen(s);
    if (o->len + n + 1 > o->cap) {
        o->cap = (o->len + n + 1) * 2;
        o->text = realloc(o->text, o->cap);
        assert_non_null(o->text);
    }
    memcpy(o->text + o->len, s, n + 1);
    o->len += n;
}

static int on_row(const assess_row *row, void *ud)
{
    dump *o = ud;
    char num[32];
    snprintf(num, sizeof num, "%ld", row->line);
    put(o, num);
    for (size_t i = 0; i < row->nfields; i++) {
        put(o, "|");
        put(o, row->fields[i]);
    }
    put(o, "\n");
    snprintf(o->sheet, sizeof o->sheet, "%s", row->sheet);
    o->rows++;
    return o->stop_after && o->rows == o->stop_after;
}

static const char *strip(const char *s)
{
    return strncmp(s, X, strlen(X)) == 0 ? s + strlen(X) : s;
}

/* Diagnostic i, formatted, without the data folder. */
static const char *diag(const assess_diags *d, size_t i)
{
    static char buf[2048];
    assert_true(i < d->count);
    assess_diag_format(&d->items[i], buf, sizeof buf);
    memmove(buf, strip(buf), strlen(strip(buf)) + 1);
    return buf;
}

static assess_status read_sheet(const char *file, const char *sheet, dump *o, assess_diags *d)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", X, file);
    memset(o, 0, sizeof *o);
    put(o, "");
    return assess_xlsx_read(path, sheet, on_row, o, d);
}

/* ## Values as a spreadsheet shows them */

static void test_quirks(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    /* the first sheet is hidden, the second a chart sheet: the third */
    assert_int_equal(read_sheet("quirks.xlsx", NULL, &o, &d), ASSESS_OK);
    assert_string_equal(o.sheet, "Quirks");
    assert_string_equal(o.text,
                        /* row 1 holds an empty styled cell only: skipped; the
                         * header mixes shared, rich, inline and formula text */
                        "2|id|text|number|flag|formula|code\n"
                        /* rich runs joined, the phonetic run left out; a
                         * number; TRUE; a formula's text; "007" as text */
                        "3|r1|Hello, world|2|TRUE|r1!|007\n"
                        /* no r attributes; _x000D_ and _x005F_ escapes;
                         * 2.0000000000000001 is 2; blanks kept in a field */
                        "4|r2|line1\r\nline2 _x0041_|2|FALSE|0.333333333333333|  \n"
                        /* row 5 is blanks only; row 6 absent; cells out
                         * of order; 0.30000000000000004 is 0.3 */
                        "7|r3||0.3|||x\n"
                        /* 1E-3; a date's serial number; UTF-8; 2^60 */
                        "8|r4|Caf\xc3\xa9 \xe2\x9c\x93|0.001|45678|1.15292150460685e+18\n"
                        /* the cell right of the header is dropped */
                        "9|r5\n");
    assert_int_equal(d.count, 1);
    assert_int_equal(d.errors, 0);
    assert_string_equal(diag(&d, 0), "quirks.xlsx[Quirks!G9]: warning: the cell is right of "
                                     "the header row's last column: it is ignored (and so is "
                                     "any other cell there)");
    free(o.text);
    assess_diags_cleanup(&d);
}

static void test_sheet_by_name(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    /* any case; a hidden sheet is read when named */
    assert_int_equal(read_sheet("quirks.xlsx", "hIDDEN", &o, &d), ASSESS_OK);
    assert_string_equal(o.text, "1|hidden\n2|x\n");
    assert_string_equal(o.sheet, "Hidden");
    free(o.text);
    assert_int_equal(read_sheet("quirks.xlsx", "Nope", &o, &d), ASSESS_ERR_INVALID);
    assert_int_equal(o.rows, 0);
    const char *want = "quirks.xlsx: error: no sheet \"Nope\" (the workbook has: \"Hidden\", "
                       "\"Quirks\", \"Errors\", ";
    assert_memory_equal(diag(&d, 0), want, strlen(want));
    free(o.text);
    assert_int_equal(read_sheet("quirks.xlsx", "chart", &o, &d), ASSESS_ERR_INVALID);
    assert_string_equal(diag(&d, 1),
                        "quirks.xlsx: error: sheet \"Chart\" is a chart sheet, not a table (the "
                        "workbook has: \"Hidden\", \"Quirks\", \"Errors\", \"Formulas\", "
                        "\"Empty\", \"HeaderOnly\", \"Dupe\", \"Order\", \"BadRef\", "
                        "\"NotRef\", \"TooManyRows\", \"TooWide\", \"TooWideNoRef\", \"Deep\", "
                        "\"BadXml\", \"NoPart\", \"NoRel\", \"Shared\", \"Types\")");
    free(o.text);
    assess_diags_cleanup(&d);
}

static void test_sheet_names(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    char **names;
    size_t n;
    assert_int_equal(assess_xlsx_sheet_names(X "quirks.xlsx", &names, &n, &d), ASSESS_OK);
    static const char *const want[] = {
        "Hidden", "Quirks", "Errors", "Formulas",    "Empty",   "HeaderOnly",   "Dupe",
        "Order",  "BadRef", "NotRef", "TooManyRows", "TooWide", "TooWideNoRef", "Deep",
        "BadXml", "NoPart", "NoRel",  "Shared",      "Types"};
    assert_int_equal(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(names[i], want[i]);
    assess_xlsx_sheet_names_free(names, n);
    assert_int_equal(assess_xlsx_sheet_names(X "not-zip.xlsx", &names, &n, &d), ASSESS_ERR_INVALID);
    assert_null(names);
    assert_int_equal(n, 0);
    assess_diags_cleanup(&d);
}

static void test_callback_stops(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    memset(&o, 0, sizeof o);
    put(&o, "");
    o.stop_after = 1;
    /* a header only is fine when the reader was told to stop */
    assert_int_equal(assess_xlsx_read(X "quirks.xlsx", "Quirks", on_row, &o, &d), ASSESS_OK);
    assert_string_equal(o.text, "2|id|text|number|flag|formula|code\n");
    assert_int_equal(d.count, 0);
    free(o.text);
    assess_diags_cleanup(&d);
}

static void test_path_is_xlsx(void **state)
{
    (void)state;
    assert_true(assess_path_is_xlsx("a.xlsx"));
    assert_true(assess_path_is_xlsx("dir/A.XLSX"));
    assert_true(assess_path_is_xlsx(".xlsx"));
    assert_false(assess_path_is_xlsx("xlsx"));
    assert_false(assess_path_is_xlsx("a.xls"));
    assert_false(assess_path_is_xlsx("a.xlsx.csv"));
    assert_true(assess_responses_source("a.Xlsx") == assess_xlsx_read_responses);
    assert_true(assess_responses_source("a.csv") == assess_csv_read);
}

/* ## Every problem, located */

typedef struct {
    const char *file, *sheet;
    assess_status status;
    long rows;           /* handed over before the problem */
    const char *message; /* ending in "…": a prefix (numbers that depend on zlib) */
} problem;

static void expect_problems(const problem *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        assess_diags d;
        assess_diags_init(&d);
        dump o;
        assess_status st = read_sheet(p[i].file, p[i].sheet, &o, &d);
        const char *got = d.count ? diag(&d, 0) : "(none)";
        size_t len = strlen(p[i].message);
        bool prefix = len > 3 && strcmp(p[i].message + len - 3, "…") == 0;
        if (st != p[i].status || o.rows != p[i].rows || d.count != 1 ||
            (prefix ? strncmp(got, p[i].message, len - 3) != 0 : strcmp(got, p[i].message) != 0)) {
            print_error("%s %s: status %d, %ld rows, %zu diagnostics: %s\n", p[i].file,
                        p[i].sheet ? p[i].sheet : "(first)", st, o.rows, d.count, got);
            fail();
        }
        free(o.text);
        assess_diags_cleanup(&d);
    }
}

static void test_sheet_problems(void **state)
{
    (void)state;
    static const problem p[] = {
        {"quirks.xlsx", "Formulas", ASSESS_OK, 3,
         "quirks.xlsx[Formulas!B2]: warning: the cell holds a formula whose result was never "
         "saved (2 such cells in the sheet): read as empty; open and save the workbook in a "
         "spreadsheet program to compute them"},
        {"quirks.xlsx", "Empty", ASSESS_ERR_INVALID, 0,
         "quirks.xlsx[Empty]: error: the sheet is empty (expected a header row)"},
        {"quirks.xlsx", "HeaderOnly", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[HeaderOnly!A3]: error: the sheet has a header row but no data rows"},
        {"quirks.xlsx", "Dupe", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[Dupe!B2]: error: the cell is given twice"},
        {"quirks.xlsx", "Order", ASSESS_ERR_INVALID, 2,
         "quirks.xlsx[Order!A3]: error: row 3 comes after row 5 in the file: the rows are out "
         "of order (open and save the workbook in a spreadsheet program)"},
        {"quirks.xlsx", "BadRef", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[BadRef!A2]: error: cell A3 is inside row 2"},
        {"quirks.xlsx", "NotRef", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[NotRef!A2]: error: \"2A\" is not a cell reference"},
        {"quirks.xlsx", "TooManyRows", ASSESS_ERR_LIMIT, 2,
         "quirks.xlsx[TooManyRows!A1048577]: error: a sheet has at most 1048576 rows"},
        {"quirks.xlsx", "TooWide", ASSESS_ERR_LIMIT, 1,
         "quirks.xlsx[TooWide!XFE2]: error: cell XFE2 is beyond column XFD: a row has at most "
         "16384 columns"},
        {"quirks.xlsx", "TooWideNoRef", ASSESS_ERR_LIMIT, 0,
         "quirks.xlsx[TooWideNoRef!XFE1]: error: the cell is beyond column XFD: a row has at "
         "most 16384 columns"},
        {"quirks.xlsx", "Deep", ASSESS_ERR_LIMIT, 1,
         "quirks.xlsx[Deep]: error: part xl/worksheets/sheet15.xml nests XML elements more "
         "than 256 deep: refused"},
        {"quirks.xlsx", "BadXml", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[BadXml!A2]: error: part xl/worksheets/sheet16.xml is not well-formed XML "
         "(line 2: mismatched tag)"},
        {"quirks.xlsx", "NoPart", ASSESS_ERR_INVALID, 0,
         "quirks.xlsx[NoPart]: error: the workbook is damaged: it has no part "
         "xl/worksheets/sheet17.xml"},
        {"quirks.xlsx", "NoRel", ASSESS_ERR_INVALID, 0,
         "quirks.xlsx[NoRel]: error: the workbook is damaged: the sheet has no part"},
        {"quirks.xlsx", "Shared", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[Shared!A2]: error: the cell refers to shared string 99, but the workbook "
         "has 6: the file is damaged"},
        {"quirks.xlsx", "Types", ASSESS_ERR_INVALID, 1,
         "quirks.xlsx[Types!A2]: error: the cell's type \"z\" is unknown"},
    };
    expect_problems(p, sizeof p / sizeof *p);

    /* every error cell is reported; no row after the first is handed over */
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    assert_int_equal(read_sheet("quirks.xlsx", "Errors", &o, &d), ASSESS_ERR_INVALID);
    assert_int_equal(d.count, 2);
    assert_string_equal(diag(&d, 1), "quirks.xlsx[Errors!A3]: error: the cell holds the error "
                                     "#DIV/0! (a formula that failed?): correct or clear it");
    assert_string_equal(o.text, "1|a|b\n");
    free(o.text);
    assess_diags_cleanup(&d);
}

static void test_broken_files(void **state)
{
    (void)state;
    static const problem p[] = {
        {"not-zip.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "not-zip.xlsx: error: not a readable .xlsx workbook (Not a zip archive): an older "
         ".xls file, a password-protected workbook, or a damaged or truncated file?"},
        {"truncated.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "truncated.xlsx: error: not a readable .xlsx workbook (Not a zip archive): an older "
         ".xls file, a password-protected workbook, or a damaged or truncated file?"},
        {"no-workbook.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "no-workbook.xlsx: error: not an .xlsx workbook: it has no part xl/workbook.xml (an "
         "OpenDocument .ods file? save it as .xlsx)"},
        {"no-rels.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "no-rels.xlsx: error: the workbook is damaged: it has no part "
         "xl/_rels/workbook.xml.rels"},
        {"no-sst.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "no-sst.xlsx[Sheet1!A1]: error: the cell refers to shared string 0, but the workbook "
         "has no shared strings part (xl/sharedStrings.xml): the file is damaged"},
        {"laughs.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "laughs.xlsx[Sheet1]: error: part xl/worksheets/sheet1.xml has a DOCTYPE "
         "declaration, which workbooks never have: refused"},
        {"laughs-sst.xlsx", NULL, ASSESS_ERR_INVALID, 0,
         "laughs-sst.xlsx: error: part xl/sharedStrings.xml has a DOCTYPE declaration, which "
         "workbooks never have: refused"},
        /* 300 MB of zeros: refused on the sizes the zip declares */
        {"bomb.xlsx", "Bomb", ASSESS_ERR_LIMIT, 0,
         "bomb.xlsx[Bomb]: error: part xl/worksheets/sheet2.xml would unpack to more than 256 "
         "MiB: refused (a zip bomb?)"},
        {"ratio.xlsx", NULL, ASSESS_ERR_LIMIT, 0,
         "ratio.xlsx[Sheet1]: error: part xl/worksheets/sheet1.xml would unpack 4194638 bytes "
         "from …"},
        /* the headers say 1,000 bytes: refused on the bytes counted while
         * unpacking, after the rows read so far */
        {"forged.xlsx", NULL, ASSESS_ERR_LIMIT, 2,
         "forged.xlsx[Sheet1]: error: part xl/worksheets/sheet1.xml unpacks …"},
        {"no-such-file.xlsx", NULL, ASSESS_ERR_IO, 0,
         "no-such-file.xlsx: error: cannot open: No such file or directory"},
    };
    expect_problems(p, sizeof p / sizeof *p);

    /* the shared strings part without its relationship is still found */
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    assert_int_equal(read_sheet("sst-norel.xlsx", NULL, &o, &d), ASSESS_OK);
    assert_string_equal(o.text, "1|head\n2|body\n");
    free(o.text);
    /* the bomb's other sheet reads */
    assert_int_equal(read_sheet("bomb.xlsx", "Sheet1", &o, &d), ASSESS_ERR_INVALID);
    assert_string_equal(diag(&d, 0),
                        "bomb.xlsx[Sheet1!A1]: error: the sheet has a header row but no data rows");
    free(o.text);
    assess_diags_cleanup(&d);
}

/* ## Limits on workbooks written here */

static uint32_t crc32_of(const char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= (unsigned char)p[i];
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return ~c;
}

static void le(FILE *f, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)((v >> (8 * i)) & 0xFF), f);
}

typedef struct {
    char name[32];
    const char *data;
} entry;

/* A zip of stored (uncompressed) entries. */
static void write_zip(const char *path, const entry *e, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    uint32_t *off = calloc(n, sizeof *off);
    assert_non_null(off);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(e[i].data), nl = strlen(e[i].name);
        off[i] = (uint32_t)ftell(f);
        le(f, 0x04034b50, 4), le(f, 20, 2), le(f, 0, 2), le(f, 0, 2), le(f, 0, 2);
        le(f, 0x21, 2), le(f, crc32_of(e[i].data, len), 4), le(f, (uint32_t)len, 4);
        le(f, (uint32_t)len, 4), le(f, (uint32_t)nl, 2), le(f, 0, 2);
        fwrite(e[i].name, 1, nl, f);
        fwrite(e[i].data, 1, len, f);
    }
    uint32_t cd = (uint32_t)ftell(f);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(e[i].data), nl = strlen(e[i].name);
        le(f, 0x02014b50, 4), le(f, 20, 2), le(f, 20, 2), le(f, 0, 2), le(f, 0, 2);
        le(f, 0, 2), le(f, 0x21, 2), le(f, crc32_of(e[i].data, len), 4);
        le(f, (uint32_t)len, 4), le(f, (uint32_t)len, 4), le(f, (uint32_t)nl, 2);
        le(f, 0, 2), le(f, 0, 2), le(f, 0, 2), le(f, 0, 2), le(f, 0, 4), le(f, off[i], 4);
        fwrite(e[i].name, 1, nl, f);
    }
    uint32_t end = (uint32_t)ftell(f);
    le(f, 0x06054b50, 4), le(f, 0, 2), le(f, 0, 2), le(f, (uint32_t)n, 2);
    le(f, (uint32_t)n, 2), le(f, end - cd, 4), le(f, cd, 4), le(f, 0, 2);
    assert_int_equal(fclose(f), 0);
    free(off);
}

#define NS  "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

/* A one-sheet workbook ("S") with the given sheet XML and shared strings
 * XML, padded with empty entries up to `entries`. */
static void write_book_as(const char *path, const char *workbook, const char *sheet,
                          const char *strings, size_t entries)
{
    size_t n = entries < 4 ? 4 : entries;
    entry *e = calloc(n, sizeof *e);
    assert_non_null(e);
    strcpy(e[0].name, "xl/workbook.xml");
    e[0].data = workbook ? workbook
                         : "<workbook " NS " xmlns:r=\"" REL "\"><sheets><sheet name=\"S\" "
                           "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    strcpy(e[1].name, "xl/_rels/workbook.xml.rels");
    e[1].data = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                "relationships\"><Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" "
                "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL
                "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
    strcpy(e[2].name, "xl/worksheets/sheet1.xml");
    e[2].data = sheet;
    strcpy(e[3].name, "xl/sharedStrings.xml");
    e[3].data = strings;
    for (size_t i = 4; i < n; i++) {
        snprintf(e[i].name, sizeof e[i].name, "pad/%zu", i);
        e[i].data = "";
    }
    write_zip(path, e, n);
    free(e);
}

static void write_book(const char *path, const char *sheet, const char *strings, size_t entries)
{
    write_book_as(path, NULL, sheet, strings, entries);
}

/* "<worksheet><sheetData>" + a header + a row whose A2 is `fill` × n in
 * an inline string or shared string 0. */
static char *big_sheet(size_t n, bool shared)
{
    size_t cap = n + 512;
    char *s = malloc(cap);
    assert_non_null(s);
    int k = snprintf(s, cap,
                     "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
                     "<is><t>a</t></is></c></row><row r=\"2\">%s",
                     shared ? "<c r=\"A2\" t=\"s\"><v>0</v></c>"
                            : "<c r=\"A2\" t=\"inlineStr\"><is><t>");
    if (!shared) {
        memset(s + k, 'x', n);
        k += (int)n;
        k += snprintf(s + k, cap - (size_t)k, "</t></is></c>");
    }
    snprintf(s + k, cap - (size_t)k, "</row></sheetData></worksheet>");
    return s;
}

static char *big_strings(size_t n)
{
    char *s = malloc(n + 256);
    assert_non_null(s);
    int k = snprintf(s, 256, "<sst " NS "><si><t>");
    memset(s + k, 'y', n);
    snprintf(s + k + n, 256, "</t></si></sst>");
    return s;
}

static char tmpdir[64];

static int make_tmp(void **state)
{
    (void)state;
    strcpy(tmpdir, "/tmp/test_xlsx.XXXXXX");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    char path[128];
    static const char *const files[] = {"entries.xlsx",  "entries-max.xlsx", "cell.xlsx",
                                        "cell-max.xlsx", "string.xlsx",      "sheets.xlsx",
                                        "errors.xlsx"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        snprintf(path, sizeof path, "%s/%s", tmpdir, files[i]);
        unlink(path);
    }
    return rmdir(tmpdir);
}

static assess_status read_path(const char *path, dump *o, assess_diags *d)
{
    memset(o, 0, sizeof *o);
    put(o, "");
    return assess_xlsx_read(path, NULL, on_row, o, d);
}

static void test_entry_limit(void **state)
{
    (void)state;
    const char *sheet = "<worksheet " NS "><sheetData><row><c t=\"inlineStr\"><is><t>a</t></is>"
                        "</c></row><row><c><v>1</v></c></row></sheetData></worksheet>";
    const char *strings = "<sst " NS "/>";
    char path[128];
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    snprintf(path, sizeof path, "%s/entries-max.xlsx", tmpdir);
    write_book(path, sheet, strings, ASSESS_XLSX_ENTRIES_MAX);
    assert_int_equal(read_path(path, &o, &d), ASSESS_OK);
    assert_string_equal(o.text, "1|a\n2|1\n");
    free(o.text);
    snprintf(path, sizeof path, "%s/entries.xlsx", tmpdir);
    write_book(path, sheet, strings, ASSESS_XLSX_ENTRIES_MAX + 1);
    assert_int_equal(read_path(path, &o, &d), ASSESS_ERR_LIMIT);
    assert_int_equal(o.rows, 0);
    char want[256];
    snprintf(want, sizeof want, "%s: error: the workbook has 10001 parts, more than 10000: refused",
             path);
    assert_string_equal(diag(&d, 0), want);
    free(o.text);
    assess_diags_cleanup(&d);
}

/* More sheets listed than a zip may hold entries */
static void test_sheet_limit(void **state)
{
    (void)state;
    size_t n = ASSESS_XLSX_ENTRIES_MAX + 1, cap = n * 64 + 256;
    char *wb = malloc(cap);
    assert_non_null(wb);
    size_t k = (size_t)snprintf(wb, cap, "<workbook " NS " xmlns:r=\"" REL "\"><sheets>");
    for (size_t i = 0; i < n; i++)
        k += (size_t)snprintf(wb + k, cap - k,
                              "<sheet name=\"S%zu\" sheetId=\"%zu\" r:id=\"rId1\"/>", i, i + 1);
    snprintf(wb + k, cap - k, "</sheets></workbook>");
    char path[128], want[256];
    snprintf(path, sizeof path, "%s/sheets.xlsx", tmpdir);
    write_book_as(path, wb, "<worksheet " NS "/>", "<sst " NS "/>", 0);
    free(wb);
    assess_diags d;
    assess_diags_init(&d);
    char **names;
    size_t count;
    assert_int_equal(assess_xlsx_sheet_names(path, &names, &count, &d), ASSESS_ERR_LIMIT);
    snprintf(want, sizeof want, "%s: error: the workbook has more than 10000 sheets: refused",
             path);
    assert_string_equal(diag(&d, 0), want);
    assess_diags_cleanup(&d);
}

/* 200 error cells are reported, then reading stops */
static void test_error_cells_limit(void **state)
{
    (void)state;
    size_t cap = 300 * 64 + 512;
    char *sheet = malloc(cap);
    assert_non_null(sheet);
    size_t k = (size_t)snprintf(sheet, cap,
                                "<worksheet " NS "><sheetData><row><c t=\"inlineStr\">"
                                "<is><t>a</t></is></c></row>");
    for (int i = 2; i <= 300; i++)
        k += (size_t)snprintf(sheet + k, cap - k, "<row><c t=\"e\"><v>#N/A</v></c></row>");
    snprintf(sheet + k, cap - k, "</sheetData></worksheet>");
    char path[128], want[256];
    snprintf(path, sizeof path, "%s/errors.xlsx", tmpdir);
    write_book(path, sheet, "<sst " NS "/>", 0);
    free(sheet);
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    assert_int_equal(read_path(path, &o, &d), ASSESS_ERR_INVALID);
    assert_int_equal(o.rows, 1);
    assert_int_equal(d.count, 200);
    snprintf(want, sizeof want,
             "%s[S!A201]: error: the cell holds the error #N/A (a formula that failed?): correct "
             "or clear it",
             path);
    assert_string_equal(diag(&d, 199), want);
    free(o.text);
    assess_diags_cleanup(&d);
}

static void test_cell_limit(void **state)
{
    (void)state;
    char path[128], want[256];
    assess_diags d;
    assess_diags_init(&d);
    dump o;
    const char *strings = "<sst " NS "/>";

    /* exactly 1 MiB in a cell is fine */
    char *sheet = big_sheet(ASSESS_FIELD_MAX, false);
    snprintf(path, sizeof path, "%s/cell-max.xlsx", tmpdir);
    write_book(path, sheet, strings, 0);
    free(sheet);
    assert_int_equal(read_path(path, &o, &d), ASSESS_OK);
    assert_int_equal(o.rows, 2);
    assert_int_equal(o.len, strlen("1|a\n2|\n") + ASSESS_FIELD_MAX);
    free(o.text);

    /* one byte more is not */
    sheet = big_sheet(ASSESS_FIELD_MAX + 1, false);
    snprintf(path, sizeof path, "%s/cell.xlsx", tmpdir);
    write_book(path, sheet, strings, 0);
    free(sheet);
    assert_int_equal(read_path(path, &o, &d), ASSESS_ERR_LIMIT);
    assert_int_equal(o.rows, 1);
    snprintf(want, sizeof want,
             "%s[S!A2]: error: the cell holds more than 1 MiB of text (it starts \"%s…\")", path,
             "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    assert_string_equal(diag(&d, 0), want);
    free(o.text);

    /* nor in a shared string */
    sheet = big_sheet(0, true);
    char *big = big_strings(ASSESS_FIELD_MAX + 1);
    snprintf(path, sizeof path, "%s/string.xlsx", tmpdir);
    write_book(path, sheet, big, 0);
    free(sheet);
    free(big);
    assert_int_equal(read_path(path, &o, &d), ASSESS_ERR_LIMIT);
    assert_int_equal(o.rows, 0);
    snprintf(want, sizeof want,
             "%s: error: shared string 0 in xl/sharedStrings.xml is longer than 1 MiB", path);
    assert_string_equal(diag(&d, 1), want);
    free(o.text);
    assess_diags_cleanup(&d);
}

/* ## Responses: a workbook loads like the CSV it was made from */

static void same_responses(const assess_responses *a, const assess_responses *b)
{
    size_t nitems = a->q->nitems;
    assert_int_equal(a->nsubmissions, b->nsubmissions);
    assert_true(a->nsubmissions > 0);
    for (size_t i = 0; i < a->nsubmissions; i++) {
        const assess_submission *x = &a->submissions[i], *y = &b->submissions[i];
        assert_int_equal(x->line, y->line);
        assert_string_equal(x->entity, y->entity);
        assert_string_equal(x->cycle, y->cycle);
        assert_string_equal(assess_submission_respondent(x), assess_submission_respondent(y));
        assert_string_equal(assess_submission_submitted(x), assess_submission_submitted(y));
        assert_int_equal(x->nmeta, y->nmeta);
        for (size_t m = 0; m < x->nmeta; m++) {
            assert_string_equal(x->meta[m].key, y->meta[m].key);
            assert_string_equal(x->meta[m].value, y->meta[m].value);
        }
        assert_memory_equal(x->answers, y->answers, nitems * sizeof *x->answers);
        for (size_t k = 0; k < nitems; k++) {
            for (int notes = 0; notes < 2; notes++) {
                const char *s = assess_submission_text(x, k, notes);
                const char *t = assess_submission_text(y, k, notes);
                assert_true((s == NULL) == (t == NULL));
                if (s)
                    assert_string_equal(s, t);
            }
        }
    }
    assert_int_equal(a->nassessments, b->nassessments);
    assess_result ra, rb;
    assert_int_equal(assess_result_init(&ra, a->q), ASSESS_OK);
    assert_int_equal(assess_result_init(&rb, b->q), ASSESS_OK);
    for (size_t i = 0; i < a->nassessments; i++) {
        assert_int_equal(a->assessments[i].nsubmissions, b->assessments[i].nsubmissions);
        assess_score_compute(a, i, &ra);
        assess_score_compute(b, i, &rb);
        assert_int_equal(ra.overall.defined, rb.overall.defined);
        assert_true(ra.overall.value == rb.overall.value);
        for (size_t k = 0; k < a->q->ndimensions; k++)
            assert_true(ra.dimensions[k].score.value == rb.dimensions[k].score.value);
        assert_int_equal(ra.npriorities, rb.npriorities);
        if (ra.npriorities)
            assert_memory_equal(ra.priorities, rb.priorities,
                                ra.npriorities * sizeof *ra.priorities);
    }
    assess_result_cleanup(&ra);
    assess_result_cleanup(&rb);
}

static void compare_responses(const char *q_path, const char *csv, const char *xlsx)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(q_path, &q, &d), ASSESS_OK);
    assess_responses *a, *b;
    assert_int_equal(assess_responses_new(q, &a), ASSESS_OK);
    assert_int_equal(assess_responses_new(q, &b), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(a, csv, &d), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(b, xlsx, &d), ASSESS_OK);
    assert_int_equal(d.count, 0);
    same_responses(a, b);
    assert_string_equal(b->submissions[0].file, xlsx);
    assess_responses_free(a);
    assess_responses_free(b);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

static void test_responses_like_csv(void **state)
{
    (void)state;
    /* the answers on a second sheet named Responses */
    compare_responses(ENGINE "q", ENGINE "responses/wide.csv", X "engine-wide.xlsx");
    /* the first sheet hidden: the first visible one */
    compare_responses(ENGINE "q", ENGINE "responses/group.csv", X "engine-group.xlsx");
    compare_responses(ENGINE "q", ENGINE "responses/odk.csv", X "engine-odk.xlsx");
    compare_responses(ENGINE "q", ENGINE "responses/long.csv", X "engine-long.xlsx");
    /* numbers typed as numbers, "5,000" as text */
    compare_responses(TEST_DATA "/cohort/q", TEST_DATA "/cohort/cohort.csv", X "cohort.xlsx");
}

static void test_responses_errors(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(ENGINE "q", &q, &d), ASSESS_OK);
    assess_responses *r;
    assert_int_equal(assess_responses_new(q, &r), ASSESS_OK);
    assert_int_equal(assess_responses_add_file(r, X "engine-bad-answer.xlsx", &d),
                     ASSESS_ERR_INVALID);
    assert_int_equal(d.count, 3);
    assert_string_equal(diag(&d, 0),
                        "engine-bad-answer.xlsx[Sheet1!C2]: error: column \"n2\": \"lots\" does "
                        "not answer question 1.1.2 (n2): choose one of None, Some, Most, All, "
                        "Don't know, Not applicable (or write its code: 0, 1, 2, 3, unknown, "
                        "na)");
    assert_memory_equal(diag(&d, 2), "engine-bad-answer.xlsx[Sheet1!D3]: error: column \"grp/o1\"",
                        strlen("engine-bad-answer.xlsx[Sheet1!D3]: error: column \"grp/o1\""));
    /* refused files add nothing (these stop at their header, which
     * has no entity column, before the limits of test_broken_files) */
    assert_int_equal(assess_responses_add_file(r, X "bomb.xlsx", &d), ASSESS_ERR_INVALID);
    assert_int_equal(assess_responses_add_file(r, X "forged.xlsx", &d), ASSESS_ERR_INVALID);
    assert_int_equal(assess_responses_add_file(r, X "not-zip.xlsx", &d), ASSESS_ERR_INVALID);
    assert_int_equal(r->nsubmissions, 0);
    /* peeking finds the questionnaire column on the Responses sheet */
    char id[64];
    assert_int_equal(assess_responses_peek_questionnaire(X "engine-wide.xlsx", id, sizeof id, &d),
                     ASSESS_OK);
    assert_string_equal(id, "engine-test@2");
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

/* ## Questionnaires: one sheet per file */

static void same_questionnaire(const assess_questionnaire *a, const assess_questionnaire *b)
{
    assert_string_equal(a->id, b->id);
    assert_string_equal(a->version, b->version);
    assert_string_equal(a->title.text, b->title.text);
    assert_true(a->min_coverage == b->min_coverage);
    assert_int_equal(a->min_group_size, b->min_group_size);
    assert_int_equal(a->nsettings, b->nsettings);
    assert_int_equal(a->ndimensions, b->ndimensions);
    assert_int_equal(a->nscales, b->nscales);
    assert_int_equal(a->nitems, b->nitems);
    assert_int_equal(a->nthemes, b->nthemes);
    assert_int_equal(a->nstages, b->nstages);
    assert_int_equal(a->nrecommendations, b->nrecommendations);
    assert_int_equal(a->nresources, b->nresources);
    assert_int_equal(a->nterms, b->nterms);
    for (size_t i = 0; i < a->ndimensions; i++)
        assert_true(a->dimensions[i].weight == b->dimensions[i].weight);
    for (size_t i = 0; i < a->nitems; i++) {
        assert_string_equal(a->items[i].id, b->items[i].id);
        assert_int_equal(a->items[i].dimension, b->items[i].dimension);
        assert_int_equal(a->items[i].scale, b->items[i].scale);
        assert_true(a->items[i].weight == b->items[i].weight);
        assert_string_equal(a->items[i].text.text, b->items[i].text.text);
        assert_int_equal(a->items[i].text.ntranslations, b->items[i].text.ntranslations);
        assert_int_equal(a->items[i].line, b->items[i].line);
    }
    for (size_t i = 0; i < a->nscales; i++) {
        assert_int_equal(a->scales[i].nchoices, b->scales[i].nchoices);
        for (size_t k = 0; k < a->scales[i].nchoices; k++) {
            assert_string_equal(a->scales[i].choices[k].value, b->scales[i].choices[k].value);
            assert_true(a->scales[i].choices[k].points == b->scales[i].choices[k].points);
        }
    }
    for (size_t i = 0; i < a->nstages; i++)
        assert_true(a->stages[i].min_score == b->stages[i].min_score);
}

static void compare_questionnaires(const char *folder, const char *xlsx)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *a, *b;
    assert_int_equal(assess_questionnaire_load(folder, &a, &d), ASSESS_OK);
    size_t warnings = d.count;
    assert_int_equal(assess_questionnaire_load(xlsx, &b, &d), ASSESS_OK);
    assert_int_equal(d.count, 2 * warnings);
    assert_string_equal(b->path, xlsx);
    same_questionnaire(a, b);
    assess_questionnaire_free(a);
    assess_questionnaire_free(b);
    assess_diags_cleanup(&d);
}

static void test_questionnaire_like_csv(void **state)
{
    (void)state;
    compare_questionnaires(TEST_DATA "/cohort/q", X "cohort-q.xlsx");
    /* all eight files, translations; the settings sheet is "Settings" */
    compare_questionnaires(ENGINE "q", X "engine-q.xlsx");
}

static void test_questionnaire_problems(void **state)
{
    (void)state;
    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q;
    assert_int_equal(assess_questionnaire_load(X "bad-q.xlsx", &q, &d), ASSESS_ERR_INVALID);
    assert_null(q);
    assert_int_equal(d.errors, 1);
    assert_memory_equal(diag(&d, 0),
                        "bad-q.xlsx[items!F4]: error: column \"scale\": "
                        "\"nosuchscale\" is not a scale",
                        strlen("bad-q.xlsx[items!F4]: error: column \"scale\": \"nosuchscale\" "
                               "is not a scale"));
    assess_diags_cleanup(&d);

    assess_diags_init(&d);
    assert_int_equal(assess_questionnaire_load(X "no-items-q.xlsx", &q, &d), ASSESS_ERR_INVALID);
    assert_int_equal(d.count, 1);
    assert_string_equal(diag(&d, 0), "no-items-q.xlsx: error: required sheet \"items\" is "
                                     "missing (the workbook has: \"settings\", \"dimensions\", "
                                     "\"scales\", \"stages\")");
    assess_diags_cleanup(&d);

    assess_diags_init(&d);
    assert_int_equal(assess_questionnaire_load(X "not-zip.xlsx", &q, &d), ASSESS_ERR_INVALID);
    assert_int_equal(d.count, 1);
    assert_memory_equal(diag(&d, 0), "not-zip.xlsx: error: not a readable .xlsx workbook",
                        strlen("not-zip.xlsx: error: not a readable .xlsx workbook"));
    assess_diags_cleanup(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quirks),
        cmocka_unit_test(test_sheet_by_name),
        cmocka_unit_test(test_sheet_names),
        cmocka_unit_test(test_callback_stops),
        cmocka_unit_test(test_path_is_xlsx),
        cmocka_unit_test(test_sheet_problems),
        cmocka_unit_test(test_broken_files),
        cmocka_unit_test(test_entry_limit),
        cmocka_unit_test(test_cell_limit),
        cmocka_unit_test(test_sheet_limit),
        cmocka_unit_test(test_error_cells_limit),
        cmocka_unit_test(test_responses_like_csv),
        cmocka_unit_test(test_responses_errors),
        cmocka_unit_test(test_questionnaire_like_csv),
        cmocka_unit_test(test_questionnaire_problems),
    };
    return cmocka_run_group_tests(tests, make_tmp, remove_tmp);
}
