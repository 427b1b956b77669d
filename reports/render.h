/*
 * render.h — one entry point for every report format.
 *
 * A composer (city.h, state.h, form.h) builds a report_doc once;
 * report_render writes it in a format through a table of renderers, one
 * row per format, so a new format is one renderer file and one row in
 * render.c.  Problems come back like the engine's: a status and one
 * located diagnostic.
 */
#ifndef REPORT_RENDER_H
#define REPORT_RENDER_H

#include "assess.h"
#include "doc.h"

typedef enum {
    REPORT_PDF,  /* pages: pdf.h */
    REPORT_XLSX, /* worksheets: xlsx.h */
    REPORT_FORMAT_COUNT
} report_format;

/* "PDF", "XLSX"; "" for a value out of range. */
const char *report_format_name(report_format f);

/* The format a file name asks for by its extension (".pdf", ".xlsx", in
 * any letter case), or REPORT_FORMAT_COUNT when none does. */
report_format report_format_of_path(const char *path);

/* Writes doc as `format` to path (created or truncated).  Returns
 * ASSESS_OK; ASSESS_ERR_USAGE for no document or an unknown format;
 * ASSESS_ERR_IO when the renderer fails — a font or logo that cannot be
 * read, a file that cannot be written — with one error in d located at
 * `shown_as` (the name the user knows, e.g. the final name when path is
 * a temporary file; NULL = path), such as "PATH: error: cannot load logo
 * x.png: …".  On failure path may hold a partial file: write to a
 * temporary name and rename it for an atomic result. */
assess_status report_render(const report_doc *doc, report_format format, const char *path,
                            const char *shown_as, assess_diags *d);

#endif
