/*
 * assess-report.h — the public interface of the assess reports library
 * (libassess-report): what a program needs to turn scores into the
 * reports a reader sees.  Read it top to bottom as a manual.
 *
 * Reports are made in two steps.  A composer reads the engine's results
 * (assess.h) and builds a report_doc: what the report says, with no
 * format in it.  A renderer lays a report_doc out as a file: PDF pages,
 * or an XLSX workbook of the same tables.  Composers never measure text
 * and renderers never score, so every format shows the same figures.
 *
 * A short program that scores the first assessment of a responses file
 * and writes its city report (error handling left out; link with
 * `cc prog.c $(pkg-config --cflags --libs assess)`):
 *
 *     assess_diags d;
 *     assess_diags_init(&d);
 *     assess_questionnaire *q;
 *     assess_responses *r;
 *     assess_questionnaire_load("questionnaires/gare-local", &q, &d);
 *     assess_responses_new(q, &r);
 *     assess_responses_add_file(r, "riverton.csv", &d);
 *     assess_result res;
 *     assess_result_init(&res, q);
 *     assess_score_compute(r, 0, &res);
 *     city_options opt = {.created = time(NULL)};
 *     report_doc *doc = city_report_new(r, &res, &opt);
 *     char err[256];
 *     pdf_render(doc, "riverton.pdf", err, sizeof err);
 *     doc_free(doc);
 *     assess_result_cleanup(&res);
 *     assess_responses_free(r);
 *     assess_questionnaire_free(q);
 *     assess_diags_cleanup(&d);
 *
 * tests/install/score_report.c is the same program with its errors
 * handled.
 *
 * Renderers read fonts from the system (DejaVu Sans, Debian's
 * fonts-dejavu-core) and nothing else outside the document.
 */
#ifndef ASSESS_REPORT_H
#define ASSESS_REPORT_H

#include "assess.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* ## Documents
 *
 * A report_doc is built by one of the composers below and read by the
 * renderers; its content is private to the library.  It owns everything
 * in it.  doc_free(NULL) does nothing. */
typedef struct report_doc report_doc;

void doc_free(report_doc *doc);

/* ## A consultant's look
 *
 * Reports are plain unless given a brand: an organisation and contact
 * line for the cover and running header, two colours and a logo, read
 * from a small file:
 *
 *     # lines of KEY = VALUE; blank lines and # comments are ignored
 *     organization = Northwind Equity Partners
 *     contact      = Dana Ortiz · dana@example.org · (555) 010-0199
 *     primary      = #1B4F72
 *     accent       = #C0392B
 *     logo         = northwind-logo.png      (relative to this file)
 *
 * Every key is optional; unknown keys, bad colours and a logo that is not
 * a readable PNG are errors with the file and line. */
typedef struct {
    double r, g, b; /* 0–1 */
} doc_rgb;

typedef struct {
    const char *organization; /* on the cover and in the running header */
    const char *contact;
    doc_rgb primary;      /* headings, rules, the entity's series in charts */
    doc_rgb accent;       /* highlights, comparisons in charts */
    const char *logo_png; /* a PNG file path, or NULL */
} doc_brand;

typedef struct {
    doc_brand look; /* points into the strings below */
    char *organization, *contact, *logo;
} report_brand;

/* The plain default look, with nothing to free. */
void brand_init(report_brand *b);
/* Reads a brand file over the default look.  Every problem goes to d;
 * on error the result is ASSESS_ERR_INVALID (or ASSESS_ERR_IO when the
 * file cannot be read) and b still holds the default. */
assess_status brand_load(report_brand *b, const char *path, assess_diags *d);
void brand_cleanup(report_brand *b);

/* ## The city report
 *
 * One assessment's improvement report: cover, at a glance, one section
 * per dimension, the improvement plan, data gaps and disagreements, and
 * an appendix with the method, resources and glossary; with a benchmark,
 * how the entity compares; with a previous result, what changed. */
typedef struct {
    const char *lang;         /* translations to prefer; NULL = the questionnaire's */
    const char *prepared_for; /* cover lines, or NULL */
    const char *prepared_by;
    time_t created;         /* the report date (SOURCE_DATE_EPOCH when set) */
    const doc_brand *brand; /* NULL = the plain default */

    /* "How you compare", when benchmark is set: the entity among the
     * cohort, its region (when it has one) and its population size band,
     * with its percentile ranks (benchmark->cohort->nmeasures of them,
     * from assess_cohort_ranks). */
    const assess_cohort_stats *benchmark;
    const assess_cohort_rank *ranks;
    const char *region_column;     /* the grouping column of peers, e.g. "region" */
    const assess_result *previous; /* its own previous cycle, or NULL */
    const assess_result *peer;     /* one chosen peer entity, or NULL */
} city_options;

/* Builds the report of res (one assessment of r).  Returns NULL when
 * memory runs out.  Free with doc_free. */
report_doc *city_report_new(const assess_responses *r, const assess_result *res,
                            const city_options *opt);

/* ## The statewide report
 *
 * A cohort's benchmark report from its statistics (assess_cohort_stats):
 * scores by group, the distribution of stages, the weakest items, change
 * since the previous cycle, and optionally every member's scores. */
typedef struct {
    const char *title;       /* the cover's big line, e.g. a league's name;
                                NULL = "Statewide benchmark" */
    const char *prepared_by; /* or NULL */
    time_t created;
    const doc_brand *brand; /* NULL = the plain default */
    const char *lang;       /* NULL = the questionnaire's */
    bool list_members;      /* an appendix table of every entity's scores */
} state_options;

/* NULL when memory runs out.  Free with doc_free. */
report_doc *state_report_new(const assess_cohort_stats *s, const state_options *opt);

/* ## Forms to fill in
 *
 * The questionnaire itself, for the people who answer it: a printable
 * form (a report_doc for pdf_render) and a fillable workbook that the
 * engine reads back as responses (assess_responses_add_file). */
typedef struct {
    const char *lang; /* translations to prefer; NULL = the questionnaire's */
    time_t created;   /* the document date (SOURCE_DATE_EPOCH when set) */
} form_options;

/* NULL when memory runs out.  Free with doc_free. */
report_doc *form_doc_new(const assess_questionnaire *q, const form_options *opt);

typedef struct {
    const char *lang; /* translations to prefer; NULL = the questionnaire's */
    time_t created;   /* the workbook's creation date (SOURCE_DATE_EPOCH when set) */
} template_options;

/* Writes the workbook of q to path (created or truncated).  Returns 0, or
 * -1 with a one-line message in err (errlen bytes, may be 0).  The same
 * questionnaire and options give the same bytes. */
int template_xlsx_write(const assess_questionnaire *q, const template_options *opt,
                        const char *path, char *err, size_t errlen);

/* ## Rendering
 *
 * One entry point for every format: report_render writes a report_doc
 * through a table of renderers, one row per format (render.c), and says
 * what went wrong as the engine does, with a status and a located
 * diagnostic. */
typedef enum {
    REPORT_PDF,  /* pages */
    REPORT_XLSX, /* worksheets */
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
 * a temporary file; NULL = path).  On failure path may hold a partial
 * file: write to a temporary name and rename it for an atomic result. */
assess_status report_render(const report_doc *doc, report_format format, const char *path,
                            const char *shown_as, assess_diags *d);

/* The renderers one by one.  Each writes doc to path (created or truncated) and returns 0,
 * or -1 with a one-line message in err (errlen bytes, may be 0).  On
 * failure path may hold a partial file: write to a temporary name and
 * rename it into place for an atomic result.  The same document (same
 * `created` date) always gives the same bytes. */

/* US Letter pages, tagged for screen readers, with DejaVu Sans embedded
 * as subsets; the outline follows the headings. */
int pdf_render(const report_doc *doc, const char *path, char *err, size_t errlen);

/* The report's tables as an Excel workbook: typed cells, drop-downs,
 * input columns and native charts. */
int xlsx_render(const report_doc *doc, const char *path, char *err, size_t errlen);

/* ## Charts
 *
 * The charts of a city report, one at a time, as PNG or SVG files.  A
 * figure is built by one of the calls below (each returns 0, -1 when
 * memory runs out, or REPORT_FIGURE_EMPTY when there is nothing to draw,
 * e.g. no theme with a score), then written. */
typedef struct report_figure report_figure;

typedef enum {
    REPORT_FIGURE_RADAR,        /* dimension scores on a radar */
    REPORT_FIGURE_THEMES,       /* theme scores as bars, coloured by stage */
    REPORT_FIGURE_ITEMS,        /* item scores of one dimension as bars */
    REPORT_FIGURE_LEVELS,       /* per dimension, the share of items at each level */
    REPORT_FIGURE_BENCHMARK,    /* dimension bars with the cohort's median and middle half */
    REPORT_FIGURE_DISTRIBUTION, /* box plots of the cohort per dimension, the entity a point */
    REPORT_FIGURE_TREND,        /* the entity's scores across its cycles */
    REPORT_FIGURE_KIND_COUNT
} report_figure_kind;

#define REPORT_FIGURE_EMPTY 1

/* "radar", "themes", "items", "levels", "benchmark", "distribution",
 * "trend"; and back (-1 if unknown). */
const char *report_figure_kind_name(report_figure_kind kind);
int report_figure_kind_parse(const char *name);

/* An empty figure, or NULL when memory runs out; free with
 * report_figure_free (NULL does nothing). */
report_figure *report_figure_new(void);
void report_figure_free(report_figure *f);

/* RADAR, THEMES (dimension = ASSESS_NONE for every theme), ITEMS (of one
 * dimension) or LEVELS. */
int report_figure_build(report_figure *f, report_figure_kind kind, const assess_result *res,
                        size_t dimension, const char *lang);
/* Against a cohort's statistics (their "all" group), BENCHMARK: the
 * entity's dimension scores as bars with the median as a tick and
 * p25–p75 as a band; DISTRIBUTION: box plots of the overall index and
 * every dimension with the entity's score as a point.  Groups'
 * suppression is respected. */
int report_figure_benchmark(report_figure *f, const assess_result *res,
                            const assess_cohort_stats *s, const char *lang);
int report_figure_distribution(report_figure *f, const assess_result *res,
                               const assess_cohort_stats *s, const char *lang);
/* TREND: a line per measure (the overall index, then each dimension)
 * across the n results of one entity, oldest first (n ≥ 2). */
int report_figure_trend(report_figure *f, const assess_result *const *results, size_t n,
                        const char *lang);

/* Draws a built figure in a brand's colours; 0 or -1 (out of memory). */
int report_figure_set_brand(report_figure *f, const doc_brand *look);

/* Writes the figure as PNG or SVG (by path's extension), w × h points.
 * Returns 0, or -1 with a one-line message in err. */
int report_figure_write(const report_figure *f, const char *path, double w, double h,
                        char *err, size_t errlen);

#endif
