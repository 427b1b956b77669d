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
    const char *alternate_formats; /* how to ask for a report in another format
                                      (large print, plain text …), or NULL */
} doc_brand;

typedef struct {
    doc_brand look; /* points into the strings below */
    char *organization, *contact, *logo, *alternate_formats;
} report_brand;

/* The plain default look, with nothing to free. */
void brand_init(report_brand *b);
/* Reads a brand file over the default look.  Every problem goes to d;
 * on error the result is ASSESS_ERR_INVALID (or ASSESS_ERR_IO when the
 * file cannot be read) and b still holds the default. */
assess_status brand_load(report_brand *b, const char *path, assess_diags *d);
void brand_cleanup(report_brand *b);

/* ## A consultant's commentary
 *
 * A consultant's own words for a city report, in a CommonMark file: an
 * optional "# Executive summary", placed after the cover, and one
 * "# DIMENSION" section per dimension (its id or label, in any letter
 * case), placed at the start of that dimension's section:
 *
 *     # Executive summary
 *
 *     Cedar Falls has *built the foundations*: a resolution, a team.
 *
 *     # Organize
 *
 *     1. Name an owner for the **data plan**.
 *     2. Read [the GARE guide](https://www.racialequityalliance.org/).
 *
 * Paragraphs, lists (bulleted or numbered, one level of nesting),
 * emphasis, strong emphasis and links are kept; headings below level 1
 * become minor headings.  Raw HTML is left out with a warning, as is a
 * link to anything but an http, https or mailto address (its text is
 * kept).  An image, text before the first section, an unknown or
 * repeated section, and a file over 64 KiB are errors located by file
 * and line. */
typedef struct report_commentary report_commentary;

/* Reads path against q's dimensions (labels in lang; NULL = q's
 * language).  Every problem goes to d.  Returns ASSESS_OK with *out set
 * (free with report_commentary_free), ASSESS_ERR_INVALID, ASSESS_ERR_IO
 * or ASSESS_ERR_NOMEM with *out NULL. */
assess_status report_commentary_load(const char *path, const assess_questionnaire *q,
                                     const char *lang, report_commentary **out, assess_diags *d);
void report_commentary_free(report_commentary *c);

/* ## The city report
 *
 * One assessment's improvement report: cover, at a glance, one section
 * per dimension, the improvement plan, data gaps and disagreements, and
 * an appendix with the method, resources and glossary; with a benchmark,
 * how the entity compares; with a previous result, what changed; with a
 * commentary, the consultant's words where they belong.
 *
 * The team edition (the default) holds everything the team needs; a public
 * edition is what a city posts: it leaves out who answered what (the
 * respondents' names, how each person answered, the disagreements between
 * them), and with REPORT_EDITION_PUBLIC_NO_NOTES the evidence and notes
 * too.  The cover says which edition it is. */
typedef enum {
    REPORT_EDITION_TEAM,
    REPORT_EDITION_PUBLIC,
    REPORT_EDITION_PUBLIC_NO_NOTES
} report_edition;

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
    const report_commentary *commentary; /* a consultant's words, or NULL */
    report_edition edition;        /* the team edition (0) or a public one */
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

/* ## Languages
 *
 * A report, form or chart speaks the language of its options' `lang` (a
 * code such as "es", "es-MX" or "es_US"; else the questionnaire's): the
 * questionnaire's words from its COLUMN::LANG columns, the library's own
 * words (headings, footers, dates, instructions) from the GNU gettext
 * catalogues installed with it, DIR/LANG/LC_MESSAGES/assess.mo.  These
 * are read by language code, never through the process locale, so a
 * Spanish report is Spanish under LC_ALL=C too.  A regional code falls
 * back to its language (es-MX to es); a language with no catalogue keeps
 * the English words.  Thread-safe; a catalogue is read at its first use. */

#if defined(__GNUC__)
#define ASSESS_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define ASSESS_FORMAT_ARG(n)
#endif

/* Where the catalogues are.  By default, the installed folder the library
 * was built for; call before the first report to use others (the assess
 * command passes the ones installed beside it).  NULL restores the
 * default. */
void l10n_set_dir(const char *dir);

/* The library's English text msgid in lang.  A printf format keeps its
 * conversions (the compiler checks the English against the arguments,
 * msgfmt --check each translation against the English).  The strings
 * returned stay valid until l10n_cleanup. */
const char *l10n_get(const char *lang, const char *msgid) ASSESS_FORMAT_ARG(2);

/* msgid in lang where one English word has two meanings (a msgctxt),
 * such as "May" the month. */
const char *l10n_pget(const char *lang, const char *context, const char *msgid)
    ASSESS_FORMAT_ARG(3);

/* The singular or plural form for count n, by the catalogue's plural
 * rule (English: singular when n is 1). */
const char *l10n_nget(const char *lang, const char *singular, const char *plural,
                      unsigned long n) ASSESS_FORMAT_ARG(2) ASSESS_FORMAT_ARG(3);

/* A date (UTC) as the language writes it: "1 December 2026",
 * "1 de diciembre de 2026". */
const char *l10n_date(const char *lang, time_t t, char *buf, size_t size);

/* Whether the library has words in lang: English, or a catalogue for the
 * code or its language. */
bool l10n_speaks(const char *lang);

/* Frees every catalogue read; strings returned before become invalid. */
void l10n_cleanup(void);

/* ## Rendering
 *
 * One entry point for every format: report_render writes a report_doc
 * through a table of renderers, one row per format (render.c), and says
 * what went wrong as the engine does, with a status and a located
 * diagnostic. */
typedef enum {
    REPORT_PDF,  /* pages */
    REPORT_XLSX, /* worksheets */
    REPORT_HTML, /* one self-contained web page */
    REPORT_FORMAT_COUNT
} report_format;

/* "PDF", "XLSX", "HTML"; "" for a value out of range. */
const char *report_format_name(report_format f);

/* The format a file name asks for by its extension (".pdf", ".xlsx", ".html", in
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

/* Many reports rendered one after another in this thread (a batch
 * worker): between report_share_begin and report_share_end the renderers
 * keep what one report can pass to the next (the web page's text
 * measurer, with its fonts and the widths it measured) instead of making
 * it again for each.  The outputs are the same bytes either way. */
void report_share_begin(void);
void report_share_end(void);

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

/* One self-contained, accessible web page (no script): charts as inline
 * SVG with a description and their numbers as a table; reports/html.h
 * says what the page holds. */
int html_render(const report_doc *doc, const char *path, char *err, size_t errlen);

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

/* ## A report request
 *
 * A city report, a batch of them, a chart and the statewide report all
 * start the same way: read the responses (files or folders) and their
 * questionnaire, the consultant's brand, a benchmark cohort and its
 * statistics, an earlier cycle, a peer.  The caller fills in the "asked"
 * half of a report_request and calls report_request_load; every problem,
 * including "which assessment?", comes back as a located diagnostic in d:
 *
 *     report_request rq = {.nresponses = 1, .responses = files,
 *                          .questionnaire = "questionnaires/gare-local",
 *                          .one = true};
 *     if (report_request_load(&rq, &d) == ASSESS_OK) {
 *         report_subject s;
 *         if (report_request_subject(&rq, rq.which, &s, &d) == ASSESS_OK) {
 *             city_options opt = report_request_city_options(&rq, &s);
 *             … city_report_new(rq.r, s.result, &opt) …
 *             report_subject_cleanup(&s);
 *         }
 *     }
 *     report_request_cleanup(&rq);
 */

/* Finds and loads the questionnaire: `name` as given (-q), else the one
 * the first responses file names, else a default.  The command's lookup
 * (installed copies, ASSESS_QUESTIONNAIRE_PATH) is one such function. */
typedef assess_status (*report_request_find_fn)(const char *name, const char *first_file,
                                                assess_questionnaire **q, assess_diags *d);

/* Called after each responses file is read (for a progress display). */
typedef void (*report_request_progress_fn)(size_t done, size_t total, void *ctx);

#define REPORT_REQUEST_BY_MAX 16

typedef struct {
    /* ## Asked: the caller fills these in; zeros mean "not wanted". */
    const char *questionnaire;  /* -q: a path or a name for `find` */
    report_request_find_fn find; /* NULL: `questionnaire` must be a path */
    int nresponses;
    char *const *responses;     /* files or folders */
    int nbenchmark;
    char *const *benchmark;     /* a cohort to compare with (files or folders) */
    bool self_benchmark;        /* the responses are their own cohort */
    bool cohort_only;           /* the cohort without its statistics (ranks only) */
    int nprevious;
    char *const *previous;      /* an earlier cycle of the entity */
    bool one;                   /* choose one assessment (entity, cycle) */
    const char *entity, *cycle; /* which one (any case); the cycle also
                                   picks the cohort's, when it has it */
    const char *compare_with;   /* a peer entity, from the cohort or responses */
    const char *brand_file;
    const char *commentary_file; /* a consultant's commentary (CommonMark), or NULL */
    const char *lang;
    const char *entity_column;  /* the column naming the entity, when not "entity" */
    report_edition edition;     /* the city reports' edition (team by default) */
    const char *peer_column;    /* the city's group column (e.g. "region") */
    bool peer_column_optional;  /* false: a cohort without it is an error */
    /* the statistics (statewide): more grouping columns, the smallest group,
     * the size bands; by default the questionnaire's */
    size_t nby;
    const char *const *by;
    int min_group_size;
    const char *bands;
    report_request_progress_fn progress;
    void *progress_ctx;

    /* ## Loaded */
    assess_questionnaire *q;
    assess_responses *r;
    size_t which;               /* the chosen assessment (one), else ASSESS_NONE */
    report_brand look;
    report_commentary *commentary; /* NULL without a commentary_file */
    assess_responses *cohort_r; /* NULL when self_benchmark */
    assess_cohort *cohort;      /* NULL without a benchmark */
    assess_cohort_stats *stats;
    const char *group_column;   /* peer_column when the cohort has it, else NULL */
    assess_responses *previous_r;
    /* files of the cohort (or of the responses that are their own cohort)
     * and of --previous that answer other versions of the questionnaire:
     * each version loaded with `find` and read into its own set */
    struct report_request_versions *versions;
} report_request;

/* Loads everything asked.  ASSESS_ERR_INVALID when an input is invalid,
 * ASSESS_ERR_USAGE when the request does not fit the inputs (no such
 * entity, cycle or column; several assessments and none chosen), with
 * every problem in d.  Free with report_request_cleanup, even on failure. */
assess_status report_request_load(report_request *rq, assess_diags *d);
void report_request_cleanup(report_request *rq);

/* A warning when --lang names a language q has no texts in (its own
 * texts are used then); nothing for lang NULL. */
void report_request_lang_check(const assess_questionnaire *q, const char *lang, assess_diags *d);

/* One assessment's part of a report: its scores, its ranks in the cohort,
 * its previous cycle and the peer asked for. */
typedef struct {
    size_t assessment;
    assess_result *result;
    assess_result *previous; /* NULL: none */
    assess_result *peer;     /* NULL: none asked */
    assess_cohort_rank *ranks; /* NULL without a cohort */
} report_subject;

assess_status report_request_subject(const report_request *rq, size_t assessment,
                                     report_subject *s, assess_diags *d);
void report_subject_cleanup(report_subject *s);

/* The city report's options that come from the request (language, brand,
 * commentary, benchmark, ranks, previous, peer); the caller adds the
 * cover's lines. */
city_options report_request_city_options(const report_request *rq, const report_subject *s);

/* Expands files-or-folders arguments: a file stays, a folder gives its
 * .csv and .xlsx files sorted by name (hidden and ~$ lock files skipped);
 * a file named twice is kept once.  Arguments that come to no file at all
 * are ASSESS_ERR_INVALID, "no responses file to read".  Free with
 * report_request_files_free. */
assess_status report_request_files(int n, char *const *args, char ***out, size_t *nout,
                                   assess_diags *d);
void report_request_files_free(char **list, size_t n);

/* Reads files-or-folders into a new response set for q; an invalid file is
 * reported and the next still read (the status is then OK, d->errors
 * tells).  entity_column names the entity's column when it is not
 * "entity" (NULL: the default). */
assess_status report_request_read(const assess_questionnaire *q, int n, char *const *args,
                                  const char *entity_column,
                                  report_request_progress_fn progress, void *ctx,
                                  assess_responses **r, assess_diags *d);

/* Scores assessment k of r into a new result; free with
 * report_request_result_free. */
assess_status report_request_result(const assess_responses *r, size_t k, assess_result **out);
void report_request_result_free(assess_result *res);


#endif
