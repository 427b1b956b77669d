/*
 * fuzz_xlsx.c — the workbook reader (assess_xlsx_*) on any bytes.  An
 * input that starts with "PK" is the .xlsx file itself.  Any other input
 * is XML for the parts that matter, split at lines that read "%%": the
 * worksheet, then the shared strings, then xl/workbook.xml (a default
 * one when absent); the harness packs them into a workbook (stored, not
 * deflated), so mutations reach the XML parsers instead of dying in the
 * zip's checksums.  Every sheet is read, then the workbook as a
 * responses file of a fixed questionnaire; rows must keep the reader's
 * promises (a sheet name, row numbers within Excel's, fields within the
 * limits and valid UTF-8) and the status must agree with the diagnostics.
 */
#define _POSIX_C_SOURCE 200809L /* strdup */

#include "fuzz_common.h"
#include "fuzz_score.h"
#include "read.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#ifndef FUZZ_QUESTIONNAIRE
#define FUZZ_QUESTIONNAIRE "tests/data/engine/q"
#endif

#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char content_types[] =
    XML_DECL "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"rels\" ContentType=\"application/"
             "vnd.openxmlformats-package.relationships+xml\"/>"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
static const char root_rels[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\"><Relationship Id=\"rId1\" Type=\"" REL "/officeDocument\" "
             "Target=\"xl/workbook.xml\"/></Relationships>";
static const char workbook_rels[] =
    XML_DECL "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
             "relationships\"><Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" "
             "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"" REL
             "/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>";
static const char default_workbook[] =
    XML_DECL "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
             "xmlns:r=\"" REL "\"><sheets><sheet name=\"responses\" sheetId=\"1\" "
             "r:id=\"rId1\"/></sheets></workbook>";

static assess_questionnaire *q;

static void add_part(zip_t *z, const char *name, const void *data, size_t size)
{
    zip_source_t *s = zip_source_buffer(z, data, size, 0);
    if (!s)
        abort();
    zip_int64_t k = zip_file_add(z, name, s, ZIP_FL_OVERWRITE);
    if (k < 0) {
        zip_source_free(s);
        abort();
    }
    zip_set_file_compression(z, (zip_uint64_t)k, ZIP_CM_STORE, 0);
}

/* Packs the XML pieces into DIR/in.xlsx. */
static char *pack(const uint8_t *data, size_t size)
{
    const uint8_t *piece[3] = {NULL, NULL, NULL};
    size_t len[3] = {0, 0, 0};
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= size && n < 3; i++) {
        bool end = i == size;
        bool sep = !end && (i == 0 || data[i - 1] == '\n') && size - i >= 3 && data[i] == '%' &&
                   data[i + 1] == '%' && data[i + 2] == '\n';
        if (!end && !sep)
            continue;
        piece[n] = data + start;
        len[n++] = i - start;
        if (end)
            break;
        start = i + 3;
        i = start - 1;
    }
    char path[600];
    snprintf(path, sizeof path, "%s/in.xlsx", fuzz_dir());
    remove(path);
    int err = 0;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        abort();
    add_part(z, "[Content_Types].xml", content_types, sizeof content_types - 1);
    add_part(z, "_rels/.rels", root_rels, sizeof root_rels - 1);
    add_part(z, "xl/_rels/workbook.xml.rels", workbook_rels, sizeof workbook_rels - 1);
    add_part(z, "xl/worksheets/sheet1.xml", piece[0], len[0]);
    if (n > 1)
        add_part(z, "xl/sharedStrings.xml", piece[1], len[1]);
    if (n > 2)
        add_part(z, "xl/workbook.xml", piece[2], len[2]);
    else
        add_part(z, "xl/workbook.xml", default_workbook, sizeof default_workbook - 1);
    if (zip_close(z) != 0)
        abort();
    return strdup(path);
}

typedef struct {
    size_t rows;
} sheet_state;

static int on_row(const assess_row *row, void *ud)
{
    sheet_state *s = ud;
    if (!row->sheet || row->line < 1 || row->line > ASSESS_XLSX_ROWS_MAX ||
        row->nfields > ASSESS_XLSX_COLS_MAX)
        abort();
    for (size_t i = 0; i < row->nfields; i++) {
        size_t n = strlen(row->fields[i]);
        if (n > ASSESS_FIELD_MAX || !assess_utf8_valid(row->fields[i], n))
            abort();
    }
    if (row->nfields) {
        char buf[256];
        assess_diag g = {.severity = ASSESS_ERROR,
                         .file = (char *)row->file,
                         .line = row->line,
                         .sheet = (char *)row->sheet,
                         .column = (int)row->nfields - 1,
                         .message = "x"};
        if (assess_diag_format(&g, buf, sizeof buf) <= 0)
            abort();
    }
    s->rows++;
    return 0;
}

static void check(assess_status st, const assess_diags *d, size_t errors_before)
{
    fuzz_check_diags(d);
    if (st == ASSESS_OK && d->errors != errors_before)
        abort();
    if (st != ASSESS_OK && st != ASSESS_ERR_NOMEM && d->errors == errors_before)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!q) {
        assess_diags d;
        assess_diags_init(&d);
        const char *env = getenv("FUZZ_QUESTIONNAIRE");
        if (assess_questionnaire_load(env ? env : FUZZ_QUESTIONNAIRE, &q, &d) != ASSESS_OK)
            abort();
        assess_diags_cleanup(&d);
    }
    char *path;
    if (size >= 2 && data[0] == 'P' && data[1] == 'K')
        path = strdup(fuzz_write("in.xlsx", data, size));
    else
        path = pack(data, size);
    if (!path)
        return 0;

    assess_diags d;
    assess_diags_init(&d);
    char **names = NULL;
    size_t n = 0;
    size_t before = d.errors;
    assess_status st = assess_xlsx_sheet_names(path, &names, &n, &d);
    check(st, &d, before);
    if (st == ASSESS_OK) {
        for (size_t k = 0; k < n && k < 4; k++) {
            sheet_state s = {0};
            before = d.errors;
            check(assess_xlsx_read(path, names[k], on_row, &s, &d), &d, before);
        }
        assess_xlsx_sheet_names_free(names, n);
    }
    sheet_state s = {0};
    before = d.errors;
    check(assess_xlsx_read(path, NULL, on_row, &s, &d), &d, before);

    assess_responses *r = NULL;
    if (assess_responses_new(q, &r) == ASSESS_OK) {
        before = d.errors;
        st = assess_responses_add_file(r, path, &d);
        check(st, &d, before);
        if (st == ASSESS_OK)
            fuzz_score_all(r, "region");
        assess_responses_free(r);
    }
    assess_diags_cleanup(&d);
    free(path);
    return 0;
}
