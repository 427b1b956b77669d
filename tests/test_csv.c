/*
 * test_csv.c — the CSV row reader of read.h: RFC 4180 quoting, record
 * line numbers, BOM, CRLF, blank lines, the errors with their exact
 * messages and lines, the limits, and the quote-free fast path giving the
 * same rows as libcsv.  Small cases are files under tests/data/engine/csv;
 * large ones are written to /tmp.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "read.h"
#include <stdbool.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#define DIR TEST_DATA "/engine/csv/"

/* ## Collecting rows as "LINE:field|field|…" */

typedef struct {
    char **rows;
    size_t nrows, cap;
    long stop_after; /* stop reading after this many rows; 0 = never */
    assess_diags d;
} rows;

static int collect(const assess_row *row, void *ud)
{
    rows *r = ud;
    size_t len = 32;
    for (size_t i = 0; i < row->nfields; i++)
        len += strlen(row->fields[i]) + 1;
    char *s = malloc(len);
    assert_non_null(s);
    int n = snprintf(s, len, "%ld:", row->line);
    for (size_t i = 0; i < row->nfields; i++)
        n += snprintf(s + n, len - (size_t)n, "%s%s", i ? "|" : "", row->fields[i]);
    if (r->nrows == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->rows = realloc(r->rows, r->cap * sizeof *r->rows);
        assert_non_null(r->rows);
    }
    r->rows[r->nrows++] = s;
    assert_null(row->sheet);
    return r->stop_after && (long)r->nrows >= r->stop_after;
}

static assess_status read_file(rows *r, const char *path)
{
    memset(r, 0, sizeof *r);
    assess_diags_init(&r->d);
    return assess_csv_read(path, collect, r, &r->d);
}

static void done(rows *r)
{
    for (size_t i = 0; i < r->nrows; i++)
        free(r->rows[i]);
    free(r->rows);
    assess_diags_cleanup(&r->d);
}

/* Asserts the rows read, in order; `want` ends with NULL. */
static void expect_rows(const rows *r, const char *const *want)
{
    size_t n = 0;
    while (want[n])
        n++;
    for (size_t i = 0; i < n && i < r->nrows; i++)
        assert_string_equal(r->rows[i], want[i]);
    assert_int_equal(r->nrows, n);
}

/* Asserts that the only diagnostic is `want`, formatted. */
static void expect_one_error(const rows *r, const char *want)
{
    assert_int_equal(r->d.count, 1);
    assert_int_equal(r->d.errors, 1);
    char buf[1024];
    assess_diag_format(&r->d.items[0], buf, sizeof buf);
    assert_string_equal(buf, want);
}

/* A scratch file under /tmp; the caller unlinks `path`. */
static FILE *scratch(char path[64])
{
    strcpy(path, "/tmp/test_csv-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    return f;
}

/* ## Quoting and lines */

static void test_quoted_commas_quotes_and_newlines(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "quoted.csv"), ASSESS_OK);
    /* a record's line is where it starts; a quoted newline (even a blank
     * line inside quotes) does not throw the next record's line off */
    expect_rows(&r, (const char *[]){"1:name|text|n",
                                     "2:Smith, Ana|She said \"yes\"|1",
                                     "3:multi|line one\nline two|2",
                                     "5:after|plain|3",
                                     "6:gap|first\n\nthird|4",
                                     "9:next|x|5",
                                     NULL});
    assert_int_equal(r.d.count, 0);
    done(&r);
}

static void test_bom_crlf_and_blank_lines(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "bom-crlf.csv"), ASSESS_OK);
    /* the BOM is not part of "id"; CRLF ends rows but a quoted CRLF is
     * kept; an empty line and a line of blanks are skipped */
    expect_rows(&r, (const char *[]){"1:id|label", "3:a|Alpha", "5:b|Be\r\nta", "8:c|Gamma",
                                     NULL});
    done(&r);
}

static void test_old_mac_line_ends(void **state)
{
    (void)state;
    rows r;
    /* lone CRs end lines, so rows and errors carry the line a user sees in
     * an editor; a quoted CR stays in its field */
    assert_int_equal(read_file(&r, DIR "mac-cr.csv"), ASSESS_ERR_INVALID);
    expect_rows(&r, (const char *[]){"1:id|label", "3:a|Alpha", "4:b|Be\rta", "6:c|Gamma",
                                     NULL});
    expect_one_error(&r, DIR "mac-cr.csv:7: error: malformed quotes: a quote inside an "
                             "unquoted field, or text after a closing quote (write a quote "
                             "inside a quoted field as \"\")");
    done(&r);
}

static void test_leading_blank_lines_and_no_final_newline(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "blank-lines.csv"), ASSESS_OK);
    expect_rows(&r, (const char *[]){"3:x|y", "4:1|2", "7:3|4", NULL});
    done(&r);
}

static void test_trailing_empty_fields_are_dropped(void **state)
{
    (void)state;
    rows r;
    /* "1,2,," fits a two-column header (spreadsheets add empty cells);
     * "3,4,x" has a third value with no column */
    assert_int_equal(read_file(&r, DIR "extra-fields.csv"), ASSESS_ERR_INVALID);
    expect_rows(&r, (const char *[]){"1:a|b", "2:1|2", NULL});
    expect_one_error(&r, DIR "extra-fields.csv:3: error: the row has 3 fields but the header "
                             "has 2 (a comma too many, or a text with a comma that needs "
                             "quotes?)");
    done(&r);
}

/* ## Errors */

static void test_invalid_utf8(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "bad-utf8.csv"), ASSESS_ERR_INVALID);
    expect_one_error(&r, DIR "bad-utf8.csv:3: error: column 2 (\"b\"): the text is not valid "
                             "UTF-8 (save the file as \"CSV UTF-8\")");
    /* reading stops at the error: line 4 is never handed on */
    expect_rows(&r, (const char *[]){"1:a|b", "2:1|ok", NULL});
    done(&r);

    /* in a quoted field (the libcsv path): é is fine, an overlong '/' is not */
    assert_int_equal(read_file(&r, DIR "bad-utf8-quoted.csv"), ASSESS_ERR_INVALID);
    expect_rows(&r, (const char *[]){"1:a|b", "2:1|ok", "3:2|caf\xC3\xA9 is fine", NULL});
    expect_one_error(&r, DIR "bad-utf8-quoted.csv:4: error: column 2 (\"b\"): the text is not "
                             "valid UTF-8 (save the file as \"CSV UTF-8\")");
    done(&r);
}

static void test_utf8_validator(void **state)
{
    (void)state;
    assert_true(assess_utf8_valid("", 0));
    assert_true(assess_utf8_valid("caf\xC3\xA9", 5));
    assert_true(assess_utf8_valid("\xE2\x80\x93", 3));      /* en dash */
    assert_true(assess_utf8_valid("\xF0\x9F\x99\x82", 4));  /* U+1F642 */
    assert_true(assess_utf8_valid("\xF4\x8F\xBF\xBF", 4));  /* U+10FFFF */
    assert_false(assess_utf8_valid("\xF4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_false(assess_utf8_valid("\xC0\xAF", 2));         /* overlong '/' */
    assert_false(assess_utf8_valid("\xE0\x80\xAF", 3));     /* overlong '/' */
    assert_false(assess_utf8_valid("\xED\xA0\x80", 3));     /* surrogate D800 */
    assert_false(assess_utf8_valid("caf\xC3", 4));          /* cut short at the end */
    assert_false(assess_utf8_valid("\xC3(", 2));            /* bad continuation */
    assert_false(assess_utf8_valid("\x80", 1));             /* lone continuation */
    assert_false(assess_utf8_valid("\xFF", 1));
    /* the length counts, not a NUL: the é is cut by len */
    assert_false(assess_utf8_valid("caf\xC3\xA9", 4));
    /* libunistring's rule on every lead byte followed by every byte (any
     * other byte by the edges below), then by bytes at a continuation's
     * edges or just outside them; each alone and after seven bytes of
     * ASCII */
    unsigned char buf[12] = "abcdefg";
    static const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                          0x9F, 0xA0, 0xBF, 0xC0, 0xFF};
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            if ((a < 0xC2 || a > 0xF4) && !memchr(edges, (int)b, sizeof edges))
                continue;
            for (size_t ce = 0; ce <= sizeof edges; ce++) {
                /* ce == sizeof edges: the sequences of one and two bytes */
                unsigned c = ce < sizeof edges ? edges[ce] : 0;
                unsigned char seq[4] = {(unsigned char)a, (unsigned char)b, (unsigned char)c, 0};
                for (size_t n = 1; n <= 3; n++) {
                    if ((n == 3) != (ce < sizeof edges) || (n == 1 && b))
                        continue;
                    bool want = u8_check(seq, n) == NULL;
                    assert_int_equal(assess_utf8_valid((const char *)seq, n), want);
                    memcpy(buf + 7, seq, n);
                    assert_int_equal(assess_utf8_valid((const char *)buf, 7 + n), want);
                }
                if (a < 0xF0 || ce == sizeof edges)
                    continue;
                for (size_t e = 0; e < sizeof edges; e++) {
                    seq[3] = edges[e];
                    assert_int_equal(assess_utf8_valid((const char *)seq, 4),
                                     u8_check(seq, 4) == NULL);
                }
            }
        }
    }
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "unterminated.csv"), ASSESS_ERR_INVALID);
    /* reported on the line where the quote opened */
    expect_one_error(&r, DIR "unterminated.csv:3: error: a quoted field is never closed (the "
                             "quote opened on this line has no closing quote)");
    expect_rows(&r, (const char *[]){"1:a|b", "2:1|ok", NULL});
    done(&r);
}

static void test_quote_inside_unquoted_field(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "stray-quote.csv"), ASSESS_ERR_INVALID);
    expect_one_error(&r, DIR "stray-quote.csv:3: error: malformed quotes: a quote inside an "
                             "unquoted field, or text after a closing quote (write a quote "
                             "inside a quoted field as \"\")");
    done(&r);
}

static void test_empty_and_header_only(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "empty.csv"), ASSESS_ERR_INVALID);
    expect_one_error(&r, DIR "empty.csv:1: error: the file is empty (expected a header row)");
    assert_int_equal(r.nrows, 0);
    done(&r);

    /* a BOM and blank lines are nothing either */
    assert_int_equal(read_file(&r, DIR "blank-only.csv"), ASSESS_ERR_INVALID);
    expect_one_error(&r, DIR "blank-only.csv:1: error: the file is empty (expected a header "
                             "row)");
    done(&r);

    assert_int_equal(read_file(&r, DIR "header-only.csv"), ASSESS_ERR_INVALID);
    expect_one_error(&r, DIR "header-only.csv:1: error: the file has a header row but no data "
                             "rows");
    expect_rows(&r, (const char *[]){"1:a|b", NULL});
    done(&r);
}

static void test_missing_file(void **state)
{
    (void)state;
    rows r;
    assert_int_equal(read_file(&r, DIR "no-such-file.csv"), ASSESS_ERR_IO);
    expect_one_error(&r, DIR "no-such-file.csv: error: cannot open: No such file or directory");
    done(&r);
}

static void test_callback_stops_reading(void **state)
{
    (void)state;
    rows r;
    memset(&r, 0, sizeof r);
    assess_diags_init(&r.d);
    r.stop_after = 2;
    assert_int_equal(assess_csv_read(DIR "quoted.csv", collect, &r, &r.d), ASSESS_OK);
    expect_rows(&r, (const char *[]){"1:name|text|n", "2:Smith, Ana|She said \"yes\"|1", NULL});
    assert_int_equal(r.d.count, 0);
    done(&r);
}

/* ## Limits */

/* Writes "a,b\n1,<n × 'x'>\n2,ok\n", the long field quoted or not. */
static void write_long_field(FILE *f, size_t n, bool quoted)
{
    fputs("a,b\n1,", f);
    if (quoted)
        fputc('"', f);
    for (size_t i = 0; i < n; i++)
        fputc('x', f);
    if (quoted)
        fputc('"', f);
    fputs("\n2,ok\n", f);
    assert_int_equal(fclose(f), 0);
}

static void test_field_at_the_limit(void **state)
{
    (void)state;
    char path[64];
    write_long_field(scratch(path), ASSESS_FIELD_MAX, false);
    rows r;
    assert_int_equal(read_file(&r, path), ASSESS_OK);
    assert_int_equal(r.nrows, 3);
    assert_int_equal(strlen(r.rows[1]), strlen("2:1|") + ASSESS_FIELD_MAX);
    assert_string_equal(r.rows[2], "3:2|ok");
    done(&r);
    unlink(path);
}

static void test_field_over_the_limit(void **state)
{
    (void)state;
    for (int quoted = 0; quoted < 2; quoted++) {
        char path[64];
        write_long_field(scratch(path), ASSESS_FIELD_MAX + 1, quoted);
        rows r;
        assert_int_equal(read_file(&r, path), ASSESS_ERR_LIMIT);
        /* the column is named and the value's start quoted */
        char want[256];
        snprintf(want, sizeof want,
                 "%s:2: error: column 2 (\"b\"): the value \"%s…\" is longer than 1 MiB (is a "
                 "closing quote missing?)",
                 path, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        expect_one_error(&r, want);
        expect_rows(&r, (const char *[]){"1:a|b", NULL});
        done(&r);
        unlink(path);
    }
}

static void test_too_many_fields(void **state)
{
    (void)state;
    char path[64];
    FILE *f = scratch(path);
    /* a header of exactly the limit is fine; a row one over is not */
    for (int i = 0; i < ASSESS_ROW_FIELDS_MAX; i++)
        fprintf(f, "%sc%d", i ? "," : "", i);
    fputc('\n', f);
    for (int i = 0; i < ASSESS_ROW_FIELDS_MAX; i++)
        fputs(i ? ",v" : "v", f);
    fputc('\n', f);
    for (int i = 0; i <= ASSESS_ROW_FIELDS_MAX; i++)
        fputs(i ? ",w" : "w", f);
    fputc('\n', f);
    assert_int_equal(fclose(f), 0);
    rows r;
    assert_int_equal(read_file(&r, path), ASSESS_ERR_LIMIT);
    assert_int_equal(r.nrows, 2);
    char want[128];
    snprintf(want, sizeof want, "%s:3: error: a row has more than 16384 fields", path);
    expect_one_error(&r, want);
    done(&r);
    unlink(path);
}

/* ## The fast path */

static void test_fast_path_matches_libcsv(void **state)
{
    (void)state;
    rows plain, quoted;
    /* plain.csv has no quote, so every line takes the fast path;
     * plain-quoted.csv quotes every field, so every line goes to libcsv */
    assert_int_equal(read_file(&plain, DIR "plain.csv"), ASSESS_OK);
    assert_int_equal(read_file(&quoted, DIR "plain-quoted.csv"), ASSESS_OK);
    const char *const want[] = {"1:entity|n1|note", "2:Springfield| 2 |",
                                "3:Shelbyville||a b  ", "5: Ogdenville|3|x", NULL};
    expect_rows(&plain, want);
    expect_rows(&quoted, want);
    done(&plain);
    done(&quoted);
}

/* Every kind of line the reader splits itself (ASCII, a multi-byte
 * name, spaces only, empty trailing fields, CRLF), beside lines it leaves
 * to libcsv, read both ways: the same rows, and the same error at the
 * same place for a row with a field too many. */
static void test_own_paths_match_libcsv_alone(void **state)
{
    (void)state;
    static const char *const files[] = {
        "entity,cycle,n1,note\r\n"
        "Springfield,2026,2,plain\r\n"
        "Jos\xC3\xA9 Mart\xC3\xAD,2026,3,accented\r\n"
        "  ,\t,  ,\r\n"
        "Ogdenville,2026,1,\"quoted, with a comma\"\r\n"
        "Shelbyville, 2026 ,,\r\n"
        "Capital City,2026,4,trailing,,\r\n"
        "\r\n"
        "North Haverbrook,2026,0,last\r\n",
        "entity;n1\nA;1\nB;\"2\"\nC;3;\nD;4;x\nE;5\n",
        "entity\tn1\nA\t1\n\t\nB\t2\n",
        /* quoted fields the reader now takes itself: line breaks (LF,
         * CRLF, a lone CR) and "" inside, a multi-byte text, an empty
         * quoted field, a quoted blank row; then text after a closing
         * quote, which libcsv reports, at the line it reports it */
        "id,\"text\",n\r\n"
        "a,\"one\r\ntwo \"\"three\"\"\",1\r\n"
        "b,\"Espa\xC3\xB1ol, \xC2\xBFs\xC3\xAD?\nsegunda\rl\xC3\xADnea\",\"\"\r\n"
        "\"\",\" \"\r\n"
        "c,\"x\ny\",3\r\n"
        "d,\"p\nq\"r,4\r\n",
    };
    for (size_t k = 0; k < sizeof files / sizeof *files; k++) {
        char path[64];
        FILE *f = scratch(path);
        fputs(files[k], f);
        assert_int_equal(fclose(f), 0);
        rows own, libcsv;
        assess_status st = read_file(&own, path);
        memset(&libcsv, 0, sizeof libcsv);
        assess_diags_init(&libcsv.d);
        assert_int_equal(assess_csv_read_paths(path, collect, &libcsv, &libcsv.d, false), st);
        assert_int_equal(own.nrows, libcsv.nrows);
        for (size_t i = 0; i < own.nrows; i++)
            assert_string_equal(own.rows[i], libcsv.rows[i]);
        assert_int_equal(own.d.count, libcsv.d.count);
        for (size_t i = 0; i < own.d.count; i++)
            assert_string_equal(own.d.items[i].message, libcsv.d.items[i].message);
        if (k == 0) {
            const char *const want[] = {
                "1:entity|cycle|n1|note", "2:Springfield|2026|2|plain",
                "3:Jos\xC3\xA9 Mart\xC3\xAD|2026|3|accented",
                "5:Ogdenville|2026|1|quoted, with a comma", "6:Shelbyville| 2026 ||",
                "7:Capital City|2026|4|trailing", "9:North Haverbrook|2026|0|last", NULL};
            assert_int_equal(st, ASSESS_OK);
            expect_rows(&own, want);
        } else if (k == 1) {
            /* D has a value in a column the header lacks */
            assert_int_equal(st, ASSESS_ERR_INVALID);
            assert_int_equal(own.d.count, 1);
            assert_int_equal(own.d.items[0].line, 5);
        } else if (k == 3) {
            const char *const want[] = {"1:id|text|n", "2:a|one\r\ntwo \"three\"|1",
                                        "4:b|Espa\xC3\xB1ol, \xC2\xBFs\xC3\xAD?\nsegunda\rl\xC3\xADnea|",
                                        "7:c|x\ny|3", NULL};
            assert_int_equal(st, ASSESS_ERR_INVALID);
            expect_rows(&own, want);
            assert_int_equal(own.d.count, 1);
            assert_int_equal(own.d.items[0].line, 10);
        }
        done(&own);
        done(&libcsv);
        unlink(path);
    }
}

/* An old Mac file (CR line ends, found from the first chunk) with an LF
 * inside a line further on: libcsv ends a record there, and so must the
 * reader's own paths (they once took the LF for text). */
static void test_lf_in_an_old_mac_file(void **state)
{
    (void)state;
    char path[64];
    FILE *f = scratch(path);
    fputs("id,n\r", f);
    for (int i = 0; i < 8000; i++)
        fprintf(f, "r%d,%d\r", i, i);
    fputs("x,1\ny,2\rz,3\r", f);
    assert_int_equal(fclose(f), 0);
    rows own, libcsv;
    assess_status st = read_file(&own, path);
    memset(&libcsv, 0, sizeof libcsv);
    assess_diags_init(&libcsv.d);
    assert_int_equal(assess_csv_read_paths(path, collect, &libcsv, &libcsv.d, false), st);
    assert_int_equal(st, ASSESS_OK);
    assert_int_equal(own.nrows, libcsv.nrows);
    for (size_t i = 0; i < own.nrows; i++)
        assert_string_equal(own.rows[i], libcsv.rows[i]);
    assert_int_equal(own.nrows, 8004);
    assert_string_equal(own.rows[8001], "8002:x|1");
    assert_string_equal(own.rows[8002], "8002:y|2");
    done(&own);
    done(&libcsv);
    unlink(path);
}

static void test_lines_across_read_chunks(void **state)
{
    (void)state;
    /* 30,000 rows of 40-odd bytes, more than the 1 MiB read at once,
     * cross the reader's 64 KiB chunks inside lines; a quoted multi-line
     * field every 500 rows shifts the lines */
    char path[64];
    FILE *f = scratch(path);
    fputs("id,text\n", f);
    long line = 2;
    for (int i = 0; i < 30000; i++) {
        if (i % 500 == 250) {
            fprintf(f, "q%d,\"two\nlines, %d\"\n", i, i);
            line += 2;
        } else {
            fprintf(f, "r%d,some text that pads the row %08d\n", i, i);
            line++;
        }
    }
    assert_int_equal(fclose(f), 0);
    rows r;
    assert_int_equal(read_file(&r, path), ASSESS_OK);
    assert_int_equal(r.nrows, 30001);
    long expect = 2;
    for (int i = 0; i < 30000; i++) {
        char want[96];
        if (i % 500 == 250) {
            snprintf(want, sizeof want, "%ld:q%d|two\nlines, %d", expect, i, i);
            expect += 2;
        } else {
            snprintf(want, sizeof want, "%ld:r%d|some text that pads the row %08d", expect, i,
                     i);
            expect++;
        }
        assert_string_equal(r.rows[i + 1], want);
    }
    assert_int_equal(expect, line);
    done(&r);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quoted_commas_quotes_and_newlines),
        cmocka_unit_test(test_bom_crlf_and_blank_lines),
        cmocka_unit_test(test_old_mac_line_ends),
        cmocka_unit_test(test_leading_blank_lines_and_no_final_newline),
        cmocka_unit_test(test_trailing_empty_fields_are_dropped),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_utf8_validator),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_quote_inside_unquoted_field),
        cmocka_unit_test(test_empty_and_header_only),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_callback_stops_reading),
        cmocka_unit_test(test_field_at_the_limit),
        cmocka_unit_test(test_field_over_the_limit),
        cmocka_unit_test(test_too_many_fields),
        cmocka_unit_test(test_fast_path_matches_libcsv),
        cmocka_unit_test(test_own_paths_match_libcsv_alone),
        cmocka_unit_test(test_lf_in_an_old_mac_file),
        cmocka_unit_test(test_lines_across_read_chunks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
