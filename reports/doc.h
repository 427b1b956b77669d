/*
 * doc.h — what a report says, with no format in it.
 *
 * A report is a cover and a flat list of blocks: headings, paragraphs,
 * bullet lists, key figures, tables, charts and "cards" (one boxed record,
 * such as a question of the blank form; a table's rows may show as cards
 * too).  Composers (city.c, state.c, form.c) build a report_doc once from
 * scores; every renderer (report_render in assess-report.h: PDF, XLSX,
 * HTML) walks the same blocks — pages lay out all of them, a workbook
 * writes the tables that name a worksheet.
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
    DOC_TOC,        /* a table of contents: the level-1 and level-2 headings
                       after it, with their pages (PDF) or links */
    DOC_BLOCK_KIND_COUNT
} doc_block_kind;

typedef enum {
    DOC_STYLE_BODY,  /* the running text */
    DOC_STYLE_LEAD,  /* a larger opening paragraph */
    DOC_STYLE_SMALL, /* notes under tables and charts, method details */
    DOC_STYLE_NOTE   /* a highlighted notice: provisional results, data gaps */
} doc_style;

/* ## Tables
 *
 * A table is described once and every renderer shows it: on pages (PDF)
 * as a table with a header row, in a workbook (XLSX) as a worksheet of
 * typed, sortable cells under the same header row.  Each column has a
 * type; each cell holds its text as printed (what pages show) and, in a
 * number column, its value (what a spreadsheet keeps).  A column can be
 * for the workbook only: `width` 0 keeps it off the pages (the plan's
 * Owner, Start, Due and Status inputs; evidence and notes in full).  A
 * table can be for the workbook only (doc_table_opts.data_only): data at
 * a size no page holds, such as every figure of every group, whose facts
 * the pages show in their own shape.
 *
 * Rows may come in groups (doc_table_opts.grouped): runs of rows with the
 * same text in the group column, in the order the composer adds them (the
 * plan's steps by horizon, the statewide figures by grouping).  The group
 * column is a workbook column (width 0): a workbook writes one table with
 * the group as a column a reader sorts and filters on; pages draw each
 * group under a heading of its text, as a table of its own with the
 * table's column widths; a web page gives each group a <tbody> led by a
 * header row.
 *
 * A table may show as cards (doc_table_opts.cards): pages and the web page
 * draw each row as a card (DOC_CARD, below) — its title and badge from two
 * columns, its accent the badge cell's fill, and every other column on
 * pages as a labelled field — while the workbook keeps the rows as a table
 * (the city's items, one card each in their dimension's section).  And a
 * table may continue the one before it (doc_table_opts.continues): one
 * with the same sheet and columns, whose rows the workbook appends to that
 * table's, so that a table composed in pieces where its rows belong on
 * pages is one sortable table in the workbook.
 */
typedef enum {
    DOC_CELL_TEXT,   /* text, never a formula */
    DOC_CELL_SCORE,  /* a score or gain: one decimal shown, the full value kept */
    DOC_CELL_COUNT,  /* a count or a rank */
    DOC_CELL_SHARE,  /* a share 0–1 (the value), shown as a percentage */
    DOC_CELL_DATE,   /* a date; as an input column, dates the reader enters */
    DOC_CELL_LINK,   /* an address, the cell's link */
    DOC_CELL_CHOICE, /* one of the column's choices (a drop-down in a workbook) */
    DOC_CELL_TYPE_COUNT
} doc_cell_type;

typedef struct {
    const char *text; /* as printed; NULL or "" = empty */
    bool bold;
    bool has_fill; /* a background, e.g. the colour of a stage (pages) */
    doc_rgb fill;
    const char *link; /* a URL the cell links to, or NULL */
    bool has_number;  /* SCORE, COUNT and SHARE columns: the value */
    double number;
} doc_cell;

typedef struct {
    const char *title;
    double width; /* pages: a share of the text width; 0 = not on pages */
    doc_align align;
    doc_cell_type type;
    double chars;    /* workbook: the width in characters; 0 = a default for the type */
    bool input;      /* workbook: a column the reader fills in (unlocked, tinted) */
    size_t nchoices; /* > 0: the cell is a drop-down of these */
    const char *const *choices;
    double level_max; /* workbook: > 0 colours numbers 0…level_max on a scale */
} doc_column;

typedef enum { DOC_TABLE_CHART_RADAR, DOC_TABLE_CHART_BARS } doc_table_chart_kind;

/* A native workbook chart of a table's rows: categories from one column,
 * one series per value column.  (Pages draw their charts as DOC_CHART
 * blocks of the same scores.) */
typedef struct {
    doc_table_chart_kind kind;
    const char *title;
    size_t category_column;
    size_t nseries;
    size_t series_columns[4];
    size_t first_row, nrows; /* data rows, 0-based, after the header */
} doc_table_chart;

/* What a table is, besides its columns and rows. */
typedef struct {
    const char *caption; /* what it shows: above the table on pages (unless the
                            heading above it says the same) and in the worksheet */
    const char *note;    /* a line under the caption in the worksheet, or NULL */
    const char *sheet;   /* the worksheet it is written to; NULL = pages only.
                            At most 31 characters, none of []:*?/\ */
    bool data_only;      /* in the workbook only (see above) */
    bool filter;         /* an Excel table with filter buttons */
    bool grouped;        /* rows in groups by the text of group_column (above) */
    size_t group_column;
    size_t page_rows;    /* > 0: pages show only the first page_rows rows, the
                            rest being workbook data (the themes' change
                            after the dimensions'), as width 0 does for columns */
    bool cards;          /* rows shown as cards (above) */
    size_t card_title, card_badge; /* cards: the columns of the title and badge */
    bool continues;      /* the workbook appends its rows to the table before it
                            that names a sheet, when that is the same sheet
                            with as many columns (else it starts one) */
} doc_table_opts;

typedef struct {
    const char *value;   /* "54.2" */
    const char *caption; /* "Overall index" */
    const char *detail;  /* "Established · 92 % answered", or NULL */
    bool has_fill;
    doc_rgb fill; /* a band of colour beside the value */
} doc_figure;

/* ## Inline runs
 *
 * A paragraph or a list item may carry its text as runs: pieces of text
 * with a style, the way a consultant's commentary (commentary.c) writes
 * them.  A run is plain (style 0, no link), emphasised, strong (or both),
 * and may be a link.  Renderers that show styles draw the runs (PDF:
 * oblique and bold faces and link annotations; HTML: em, strong, a);
 * the block's `text` always holds the same words as one plain string for
 * those that do not (a worksheet cell, a search). */
enum {
    DOC_RUN_EMPHASIS = 1, /* *text*: oblique, <em> */
    DOC_RUN_STRONG = 2    /* **text**: bold, <strong> */
};

typedef struct {
    const char *text;
    unsigned style;   /* 0 = plain, or DOC_RUN_EMPHASIS | DOC_RUN_STRONG */
    const char *link; /* the address the run links to (http, https, mailto), or NULL */
} doc_run;

/* How deep lists nest: an item of depth d > 0 is in a list inside the
 * last item of depth d - 1 before it. */
#define DOC_ITEM_MAX_DEPTH 3

/* A list item's place when a list is more than flat bullets. */
typedef struct {
    int depth;    /* 0 = the list's own items; 1 = a list nested in an item;
                     2 … DOC_ITEM_MAX_DEPTH deeper still */
    bool ordered; /* numbered ("3."), else a bullet */
    int number;   /* its number, when ordered (a list may start at 0) */
    size_t nruns;
    doc_run *runs; /* NULL = the item is the plain bullets[k] */
} doc_item;

typedef struct {
    const char *label; /* "Evidence" */
    const char *text;  /* may be long and hold newlines */
} doc_field;

typedef struct {
    doc_block_kind kind;
    int level;          /* HEADING */
    const char *text;   /* HEADING, PARAGRAPH; CARD: the title */
    doc_style style;    /* PARAGRAPH */
    size_t nruns;       /* PARAGRAPH: its text as runs, or 0 */
    doc_run *runs;
    const char *anchor; /* HEADING: a stable id ("dimension:organize") */
    int min_pages;      /* TOC: shown on pages only when the report runs to
                           more pages than this (a renderer without pages
                           shows it always) */

    size_t nbullets; /* BULLETS */
    const char **bullets;
    doc_item *items; /* BULLETS: nbullets places and runs, or NULL (flat bullets) */

    size_t nfigures; /* FIGURES */
    doc_figure *figures;

    size_t ncolumns; /* TABLE: nrows × ncolumns cells, row by row */
    doc_column *columns;
    size_t nrows;
    doc_cell *cells;
    doc_table_opts table; /* TABLE: caption, sheet, … */
    size_t ncharts;       /* TABLE: workbook charts of its rows */
    doc_table_chart *charts;

    report_figure *chart; /* CHART: owned by the document */
    double height;        /* CHART: points, at the text width */
    double width;         /* CHART: points; 0 = the text width */

    const char *badge; /* CARD: e.g. "Developing · 2 of 4" */
    bool has_accent;
    doc_rgb accent; /* CARD: the colour of its left edge */
    size_t nfields;
    doc_field *fields;
} doc_block;

/* A line of the cover that says what it gives: the label and the value
 * apart, so that pages print them as one line ("Assessment cycle 2026")
 * and a web page as a term and its description, each once. */
typedef struct {
    const char *label; /* "Assessment cycle" */
    const char *value; /* "2026"; NULL: no such line */
} doc_cover_item;

/* The cover page, and what goes into the PDF's document information. */
typedef struct {
    const char *title;        /* "Racial equity self-assessment" */
    const char *subtitle;     /* "Improvement report" */
    const char *entity;       /* "Riverton" */
    doc_cover_item cycle;     /* {"Assessment cycle", "2026"}, or no value */
    const char *date;         /* the report date, as printed */
    doc_cover_item questionnaire; /* {"Questionnaire", "gare-local, version 1.1.0"} */
    const char *prepared_for; /* or NULL */
    const char *prepared_by;  /* or NULL */
    const char *contact;      /* a consultant's contact line, or NULL */
    const char *edition;      /* "Team edition", "Public edition", or NULL */
    const char *formats;      /* how to ask for the report in another format */
} doc_cover;

typedef struct {
    const char *title, *author, *subject, *keywords;
    time_t created; /* SOURCE_DATE_EPOCH when set, else now */
    const char *header; /* running header text, e.g. "Riverton · 2026" */
    const char *lang;   /* "en" */
} doc_info;

/* doc_rgb and doc_brand, a consultant's look (brand.c reads it from a
 * file), are public: assess-report.h. */

typedef struct report_doc {
    doc_info info;
    doc_cover cover;
    doc_brand brand;
    size_t nblocks;
    doc_block *blocks;
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
/* A table of contents titled `title` ("Contents"), on a page of its own,
 * listing the level-1 and level-2 headings that follow it; on pages only
 * when the report is longer than min_pages. */
void doc_toc(report_doc *doc, const char *title, int min_pages);

/* A bullet list: doc_bullets opens it, doc_bullet adds to the last one. */
void doc_bullets(report_doc *doc);
void doc_bullet(report_doc *doc, const char *text);

/* Runs (copied, texts and links too): a paragraph whose text is the
 * runs' texts joined; a list item (of the list doc_bullets opened) at a
 * depth (0 … DOC_ITEM_MAX_DEPTH, and at most one deeper than the item
 * before it), a bullet or, when ordered, numbered. */
void doc_paragraph_runs(report_doc *doc, doc_style style, const doc_run *runs, size_t nruns);
void doc_item_runs(report_doc *doc, int depth, bool ordered, int number, const doc_run *runs,
                   size_t nruns);

/* Key figures: doc_figures opens a row, doc_figure adds to the last one. */
void doc_figures(report_doc *doc);
void doc_figure_add(report_doc *doc, const char *value, const char *caption,
                    const char *detail, const doc_rgb *fill);

/* A table: doc_table_open opens it with what it is (opts, copied; NULL =
 * a table for pages only, with no caption) and its columns (copied,
 * choices too); doc_table_row adds a row of ncolumns cells (texts
 * copied); doc_table_add_chart adds a workbook chart of its rows.  doc_table
 * is doc_table_open with no opts. */
void doc_table_open(report_doc *doc, const doc_table_opts *opts, const doc_column *columns,
                    size_t ncolumns);
void doc_table(report_doc *doc, const doc_column *columns, size_t ncolumns);
void doc_table_row(report_doc *doc, const doc_cell *cells);
void doc_table_add_chart(report_doc *doc, const doc_table_chart *spec);

/* A chart: the document takes `fig` (allocated with malloc and filled by
 * a report_figure_* call) and frees it, even when this call fails. */
void doc_chart(report_doc *doc, report_figure *fig, double height);

/* A card: doc_card opens it, doc_card_field adds to the last one.  A field
 * with an empty or NULL text is left out. */
void doc_card(report_doc *doc, const char *title, const char *badge, const doc_rgb *accent);
void doc_card_field(report_doc *doc, const char *label, const char *text);

/* Cell makers, for short composer code: a text; a bare value (for a
 * table in the workbook only); a value with its printed text (the text
 * is the document's). */
static inline doc_cell doc_cell_text(const char *text)
{
    return (doc_cell){.text = text};
}
static inline doc_cell doc_cell_value(double v)
{
    return (doc_cell){.has_number = true, .number = v};
}
doc_cell doc_cell_score(report_doc *doc, double v); /* "54.2" */
doc_cell doc_cell_count(report_doc *doc, double v); /* "12" */
doc_cell doc_cell_share(report_doc *doc, double v); /* v 0–1: "92.5 %" */

/* ## Reading */

const char *doc_block_kind_name(doc_block_kind kind); /* "heading", … */

/* The cell at row r, column c of a table block. */
static inline const doc_cell *doc_table_cell(const doc_block *b, size_t r, size_t c)
{
    return &b->cells[r * b->ncolumns + c];
}

/* How many of a table's rows pages show (opts.page_rows). */
static inline size_t doc_table_page_rows(const doc_block *b)
{
    return b->table.page_rows && b->table.page_rows < b->nrows ? b->table.page_rows : b->nrows;
}

/* Row r of a table shown as cards (opts.cards) as a DOC_CARD block: its
 * title, badge and accent, and a field per other column on pages (with a
 * text); `fields` holds ncolumns fields.  The card points into the table. */
doc_block doc_table_card(const doc_block *b, size_t r, doc_field *fields);

/* The end of the group of rows that starts at row r of a table block: the
 * first row after it whose group text differs (every row of a table that
 * is not grouped is one group). */
size_t doc_table_group_end(const doc_block *b, size_t r);
/* The group's text (its heading): the group column's text in row r. */
const char *doc_table_group_text(const doc_block *b, size_t r);

#endif
