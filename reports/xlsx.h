/*
 * xlsx.h — the XLSX renderer: a report_doc's tables (doc.h, "Tables") as
 * an Excel workbook written with libxlsxwriter.  Headings, paragraphs,
 * cards and page charts are for pages and are not written here.
 *
 * One worksheet per table block that names a sheet (doc_table_opts.sheet),
 * in the document's order; columns with `width` 0 (off the pages) are
 * written like any other:
 *
 *   - the table's caption as a title row (bold, larger, the brand's
 *     primary colour) and its note row, when it has them, then the
 *     header row (bold, on the brand's primary colour, wrapped), with the
 *     panes frozen below it;
 *   - typed cells: SCORE "0.0" (the full double is stored), COUNT "0",
 *     SHARE "0.0%", DATE "yyyy-mm-dd"; LINK and CHOICE are texts — scores
 *     and shares show one decimal as on pages, the cell keeping the value; text is always a string, never a formula
 *     ("=1+1" stays text); a text cell in a number column (e.g. "fewer
 *     than 5") is written as text; links are hyperlinks when the address
 *     is a plain http(s), ftp or mailto URL Excel accepts, else text;
 *     text wraps in columns 40 wide or more and wherever it is longer
 *     than its column, and rows are set as tall as their wrapped text;
 *   - input columns unlocked and tinted with the brand's accent; a sheet
 *     with input columns is protected without a password so that only its
 *     inputs (and the blank rows below the data, for rows of one's own)
 *     can be edited, while sorting, filtering and resizing stay allowed;
 *   - a drop-down list on columns with choices, over the data rows and
 *     XLSX_SPARE_ROWS more; a colour scale from 0 (light) to level_max (a
 *     tint of the brand's primary colour) on columns with level_max > 0;
 *     an Excel table with filter buttons when the table asks (filter);
 *   - print setup: landscape US Letter, one page wide, the header row
 *     repeated, doc->info.header in the page header and "Page N of M" in
 *     the footer;
 *   - native charts (doc_table_chart) referring to the sheet's cells,
 *     beside the table (below it when the table is wide).
 *
 * Sheet names that Excel would refuse are mended (bad characters become
 * "_", at most 31 characters, duplicates numbered); invalid UTF-8 becomes
 * U+FFFD and over-long texts are cut, so the workbook always opens.
 *
 * The workbook's properties come from doc->info (title, author, subject,
 * keywords, created) and doc->brand.organization (company).  Zip entries
 * carry a fixed date, so the same document (same info.created) gives the
 * same bytes on every run.
 */
#ifndef REPORT_XLSX_H
#define REPORT_XLSX_H

#include "doc.h"

#include <stddef.h>

/* Blank rows below the data that keep the drop-downs (and, on protected
 * sheets, stay editable) so that readers can add rows of their own. */
#define XLSX_SPARE_ROWS 200

/* xlsx_render (assess-report.h) writes the workbook to path.  Its
 * message is "XLSX: cannot write PATH: REASON"; libxlsxwriter itself may
 * also print a line to standard error.
 *
 * Known leak: libxlsxwriter 1.1.4 loses one small string per drop-down
 * whose list lives on the hidden "Lists" sheet (a list over 255
 * characters, or with a comma or quote in a choice); fixed in 1.1.6.
 * tests/lsan-libxlsxwriter.supp silences it for LeakSanitizer. */

#endif
