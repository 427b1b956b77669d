/*
 * doc.h — what a report says, with no format in it.
 *
 * A report is a cover and a flat list of blocks: headings, paragraphs,
 * bullet lists, key figures, tables, charts and "cards" (one boxed record,
 * such as an item with its answer, evidence and next step).  Composers
 * (city.c; later the statewide report) build a report_doc from scores;
 * renderers (pdf.c; later XLSX and HTML) walk the blocks and lay them out.
 * Renderers never score and composers never measure text.
 *
 * Every string is copied into the document, which owns it; a chart's
 * memory is handed over with doc_chart.  Build with the doc_* calls below,
 * free with doc_free.  Allocation failure is sticky: the builder calls do
 * nothing after one fails and doc_failed says so, so a composer checks once.
 */
#ifndef REPORT_DOC_H
#define REPORT_DOC_H

#include "assess-report.h"
#include "figures.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum { DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT } doc_align;

typedef enum {
    DOC_HEADING,    /* level 1: a section, on a new page, in the outline;
                       level 2: a subsection, in the outline; level 3: minor */
    DOC_PARAGRAPH,  /* wrapped text in one style */
    DOC_BULLETS,    /* a list of short wrapped texts */
    DOC_FIGURES,    /* key figures side by side: a big value over a caption */
    DOC_TABLE,      /* columns with titles; rows of cells; may span pages */
    DOC_CHART,      /* a chart (chart.h) across the text width */
    DOC_CARD,       /* a boxed record: title, badge, labelled fields */
    DOC_PAGE_BREAK, /* start a new page */
    DOC_BLOCK_KIND_COUNT
} doc_block_kind;

typedef enum {
    DOC_STYLE_BODY,  /* the running text */
    DOC_STYLE_LEAD,  /* a larger opening paragraph */
    DOC_STYLE_SMALL, /* notes under tables and charts, method details */
    DOC_STYLE_NOTE   /* a highlighted notice: provisional results, data gaps */
} doc_style;

typedef struct {
    const char *text;
    bool bold;
    bool has_fill; /* a background, e.g. the colour of a stage */
    doc_rgb fill;
    const char *link; /* a URL the cell links to, or NULL */
} doc_cell;

typedef struct {
    const char *title;
    double width; /* relative: widths are shares of the text width */
    doc_align align;
} doc_column;

typedef struct {
    const char *value;   /* "54.2" */
    const char *caption; /* "Overall index" */
    const char *detail;  /* "Established · 92 % answered", or NULL */
    bool has_fill;
    doc_rgb fill; /* a band of colour beside the value */
} doc_figure;

typedef struct {
    const char *label; /* "Evidence" */
    const char *text;  /* may be long and hold newlines */
} doc_field;

typedef struct {
    doc_block_kind kind;
    int level;          /* HEADING */
    const char *text;   /* HEADING, PARAGRAPH; CARD: the title */
    doc_style style;    /* PARAGRAPH */
    const char *anchor; /* HEADING: a stable id ("dimension:organize") */

    size_t nbullets; /* BULLETS */
    const char **bullets;

    size_t nfigures; /* FIGURES */
    doc_figure *figures;

    size_t ncolumns; /* TABLE: nrows × ncolumns cells, row by row */
    doc_column *columns;
    size_t nrows;
    doc_cell *cells;

    report_figure *chart; /* CHART: owned by the document */
    double height;        /* CHART: points, at the text width */
    double width;         /* CHART: points; 0 = the text width */

    const char *badge; /* CARD: e.g. "Developing · 2 of 4" */
    bool has_accent;
    doc_rgb accent; /* CARD: the colour of its left edge */
    size_t nfields;
    doc_field *fields;
} doc_block;

/* The cover page, and what goes into the PDF's document information. */
typedef struct {
    const char *title;        /* "Racial equity self-assessment" */
    const char *subtitle;     /* "Improvement report" */
    const char *entity;       /* "Riverton" */
    const char *cycle;        /* "2026", or NULL */
    const char *date;         /* the report date, as printed */
    const char *questionnaire; /* "Local Government … (gare-local 1.0.0)" */
    const char *prepared_for; /* or NULL */
    const char *prepared_by;  /* or NULL */
    const char *contact;      /* a consultant's contact line, or NULL */
} doc_cover;

typedef struct {
    const char *title, *author, *subject, *keywords;
    time_t created; /* SOURCE_DATE_EPOCH when set, else now */
    const char *header; /* running header text, e.g. "Riverton · 2026" */
    const char *lang;   /* "en" */
} doc_info;

/* doc_rgb and doc_brand, a consultant's look (brand.c reads it from a
 * file), are public: assess-report.h. */

/* ## Data sheets
 *
 * The same report as tables for a spreadsheet: typed cells a reader can
 * sort, filter and keep planning in.  Page renderers (PDF) ignore them;
 * the XLSX renderer writes one worksheet per sheet, in order. */
typedef enum {
    DOC_DATA_TEXT,    /* text, never a formula */
    DOC_DATA_NUMBER,  /* a score or gain: one decimal shown, full value kept */
    DOC_DATA_INTEGER, /* a count or a rank */
    DOC_DATA_PERCENT, /* a share 0–1, shown as a percentage */
    DOC_DATA_DATE     /* an empty input column for dates (Start, Due) */
} doc_data_type;

typedef struct {
    const char *title;
    doc_data_type type;
    double width;        /* in characters; 0 = a default for the type */
    bool input;          /* a column the reader fills in (unlocked, tinted) */
    size_t nchoices;     /* > 0: the cell is a drop-down of these */
    const char *const *choices;
    double level_max;    /* > 0: colour numbers 0…level_max on a scale */
} doc_data_column;

typedef struct {
    const char *text;  /* TEXT cells; NULL = empty */
    bool has_number;   /* NUMBER, INTEGER, PERCENT cells; false = empty */
    double number;
    const char *link;  /* a URL, or NULL */
} doc_data_cell;

typedef enum { DOC_DATA_CHART_RADAR, DOC_DATA_CHART_BARS } doc_data_chart_kind;

/* A native chart of one sheet's rows: categories from one column, one
 * series per value column. */
typedef struct {
    doc_data_chart_kind kind;
    const char *title;
    size_t category_column;
    size_t nseries;
    size_t series_columns[4];
    size_t first_row, nrows; /* data rows, 0-based, after the header */
} doc_data_chart;

typedef struct {
    const char *name;  /* the worksheet's name: at most 31 characters, none of []:*?/\ */
    const char *title; /* a line above the table, or NULL */
    const char *note;  /* a line under the title, or NULL */
    bool as_table;     /* an Excel table with filter buttons */
    size_t ncolumns;
    doc_data_column *columns;
    size_t nrows;
    doc_data_cell *cells; /* nrows × ncolumns, row by row */
    size_t ncharts;
    doc_data_chart *charts;
} doc_sheet;

typedef struct report_doc {
    doc_info info;
    doc_cover cover;
    doc_brand brand;
    size_t nblocks;
    doc_block *blocks;
    size_t nsheets;
    doc_sheet *sheets;
    struct doc_state *state; /* private: memory and the open block */
} report_doc;

/* ## Building */

report_doc *doc_new(void); /* doc_free is public: assess-report.h */
bool doc_failed(const report_doc *doc);

/* A copy of s (or of a printf result) owned by the document. */
const char *doc_str(report_doc *doc, const char *s);
const char *doc_strf(report_doc *doc, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void doc_heading(report_doc *doc, int level, const char *anchor, const char *text);
void doc_paragraph(report_doc *doc, doc_style style, const char *text);
void doc_page_break(report_doc *doc);

/* A bullet list: doc_bullets opens it, doc_bullet adds to the last one. */
void doc_bullets(report_doc *doc);
void doc_bullet(report_doc *doc, const char *text);

/* Key figures: doc_figures opens a row, doc_figure adds to the last one. */
void doc_figures(report_doc *doc);
void doc_figure_add(report_doc *doc, const char *value, const char *caption,
                    const char *detail, const doc_rgb *fill);

/* A table: doc_table opens it with its columns (copied); doc_table_row
 * adds a row of ncolumns cells (texts copied). */
void doc_table(report_doc *doc, const doc_column *columns, size_t ncolumns);
void doc_table_row(report_doc *doc, const doc_cell *cells);

/* A chart: the document takes `fig` (allocated with malloc and filled by
 * a report_figure_* call) and frees it, even when this call fails. */
void doc_chart(report_doc *doc, report_figure *fig, double height);

/* A card: doc_card opens it, doc_card_field adds to the last one.  A field
 * with an empty or NULL text is left out. */
void doc_card(report_doc *doc, const char *title, const char *badge, const doc_rgb *accent);
void doc_card_field(report_doc *doc, const char *label, const char *text);

/* A data sheet: doc_sheet_begin opens it with its columns (copied, choices
 * too); doc_sheet_row adds ncolumns cells (texts copied); doc_sheet_chart
 * adds a chart of its rows. */
void doc_sheet_begin(report_doc *doc, const char *name, const char *title, const char *note,
               bool as_table, const doc_data_column *columns, size_t ncolumns);
void doc_sheet_row(report_doc *doc, const doc_data_cell *cells);
void doc_sheet_chart(report_doc *doc, const doc_data_chart *spec);

/* Cell makers, for short composer code. */
static inline doc_data_cell doc_data_text(const char *text)
{
    return (doc_data_cell){.text = text};
}
static inline doc_data_cell doc_data_number(double v)
{
    return (doc_data_cell){.has_number = true, .number = v};
}

/* ## Reading */

const char *doc_block_kind_name(doc_block_kind kind); /* "heading", … */

/* The cell at row r, column c of a table block. */
static inline const doc_cell *doc_table_cell(const doc_block *b, size_t r, size_t c)
{
    return &b->cells[r * b->ncolumns + c];
}

/* The cell at row r, column c of a data sheet. */
static inline const doc_data_cell *doc_sheet_cell(const doc_sheet *s, size_t r, size_t c)
{
    return &s->cells[r * s->ncolumns + c];
}

#endif
