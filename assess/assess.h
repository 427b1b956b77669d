/*
 * assess.h — the public interface of the assess engine.
 *
 * The engine loads a questionnaire package (DESIGN §2), loads responses
 * (DESIGN §3), and scores them (DESIGN §4).  It never prints and never
 * renders: problems travel back as diagnostics, results as plain structs
 * that the renderers read.  Read this header top to bottom as a manual.
 */
#ifndef ASSESS_H
#define ASSESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ASSESS_VERSION "0.1.0"

/* ## Status
 *
 * Every function that can fail returns an assess_status.  The command maps
 * them to exit statuses: INVALID → 1, IO/NOMEM/LIMIT… → 3 (see DESIGN §6).
 */
typedef enum {
    ASSESS_OK = 0,
    ASSESS_ERR_INVALID, /* the input breaks a rule; diagnostics say where */
    ASSESS_ERR_IO,      /* a file could not be opened, read or written */
    ASSESS_ERR_NOMEM,   /* out of memory */
    ASSESS_ERR_LIMIT,   /* an explicit limit was reached (docs/limits.md) */
    ASSESS_ERR_USAGE,   /* the caller asked for something impossible */
    ASSESS_STATUS_COUNT
} assess_status;

/* A short English phrase for a status; never NULL. */
const char *assess_status_string(assess_status status);

/* ## Diagnostics
 *
 * Loaders keep going after a problem so that a user sees every problem at
 * once.  Each problem is a diagnostic with a location:
 *   - a CSV file: file and line (the line where the record starts);
 *   - a workbook: file, sheet and cell ("C12").
 * The caller owns the list: assess_diags_init before, assess_diags_cleanup
 * after.  Strings inside are owned by the list.
 */
typedef enum { ASSESS_WARNING, ASSESS_ERROR } assess_severity;

typedef struct {
    const char *file;  /* NULL when the problem has no file */
    long line;         /* 1-based; 0 = no line */
    const char *sheet; /* workbook sheet name, or NULL for CSV */
    int column;        /* workbook column, 0-based (A = 0); -1 = none */
} assess_loc;

typedef struct {
    assess_severity severity;
    char *file;
    long line;
    char *sheet;
    int column;
    char *message;
} assess_diag;

typedef struct {
    assess_diag *items;
    size_t count;
    size_t cap;
    size_t errors; /* how many items are errors */
    size_t max;    /* stop recording after this many (0 = default 1000) */
    size_t dropped;
} assess_diags;

void assess_diags_init(assess_diags *d);
void assess_diags_cleanup(assess_diags *d);

/* Records a problem; the message is printf-formatted.  Returns
 * ASSESS_ERR_INVALID for an error and ASSESS_OK for a warning, so a caller
 * can write `st = assess_diags_add(...)`. */
assess_status assess_diags_add(assess_diags *d, assess_severity sev, assess_loc loc,
                               const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
assess_status assess_diags_addv(assess_diags *d, assess_severity sev, assess_loc loc,
                                const char *fmt, va_list ap);

/* Writes "FILE:LINE: error: MESSAGE" or "FILE[Sheet!C12]: warning: MESSAGE"
 * (without a newline) into buf; returns the length it needed, like snprintf. */
int assess_diag_format(const assess_diag *diag, char *buf, size_t size);

/* A location of a whole file, of a CSV line, or of a workbook cell. */
assess_loc assess_loc_file(const char *file);
assess_loc assess_loc_line(const char *file, long line);

/* ## Texts with translations
 *
 * A text column `label` may come with translations in columns `label::es`
 * (the XLSForm convention).  assess_text_get returns the translation for
 * `lang` when there is one, else one for its language (`es` for `es-MX` or
 * `es_US`), and the text itself otherwise.
 */
typedef struct {
    const char *lang;
    const char *text;
} assess_translation;

typedef struct {
    const char *text; /* never NULL; "" when the column is empty or absent */
    size_t ntranslations;
    const assess_translation *translations;
} assess_text;

const char *assess_text_get(const assess_text *text, const char *lang);

/* ## The questionnaire (DESIGN §2)
 *
 * A loaded questionnaire is read-only.  Everything in it is owned by it and
 * freed by assess_questionnaire_free.  Cross-references are indices.
 */
typedef enum {
    ASSESS_CHOICE_SCORED,
    ASSESS_CHOICE_NA,
    ASSESS_CHOICE_UNKNOWN
} assess_choice_kind;

typedef struct {
    const char *value; /* the code stored in responses */
    assess_text label;
    assess_text description;
    assess_choice_kind kind;
    double points; /* scored choices only */
    int level;     /* position among the scale's scored choices ordered by
                      points, 0 = lowest; -1 for na and unknown */
    long line;     /* line in scales.csv */
} assess_choice;

typedef struct {
    const char *id;
    size_t nchoices;
    assess_choice *choices; /* in file order */
    size_t nlevels;         /* number of scored choices */
    size_t *levels;         /* choice indices ordered by points */
    double max_points;      /* the highest scored points */
} assess_scale;

typedef struct {
    const char *id;
    assess_text label;
    assess_text description;
    double weight;
    size_t first_theme, nthemes; /* themes[first_theme ..] belong here */
    size_t nitems;
    size_t *items; /* item indices, in file order */
    long line;
} assess_dimension;

typedef struct {
    size_t dimension;
    assess_text name; /* the theme column's text; themes are keyed by
                         (dimension, name.text) */
    size_t nitems;
    size_t *items;
} assess_theme;

typedef struct {
    const char *id;
    size_t dimension;
    size_t scale;
    size_t theme; /* index into themes, or ASSESS_NONE */
    assess_text text;
    assess_text help;
    assess_text evidence; /* the prompt for supporting evidence */
    double weight;
    long line;
} assess_item;

#define ASSESS_NONE ((size_t)-1)

typedef struct {
    const char *id;
    assess_text label;
    assess_text description;
    double min_score;
    long line;
} assess_stage;

typedef enum {
    ASSESS_HORIZON_NONE,
    ASSESS_HORIZON_SHORT,  /* ≤ 90 days */
    ASSESS_HORIZON_MEDIUM, /* ≤ 1 year */
    ASSESS_HORIZON_LONG
} assess_horizon;

typedef enum {
    ASSESS_EFFORT_NONE,
    ASSESS_EFFORT_LOW,
    ASSESS_EFFORT_MEDIUM,
    ASSESS_EFFORT_HIGH
} assess_effort;

const char *assess_horizon_name(assess_horizon h); /* "short", … or "" */
const char *assess_effort_name(assess_effort e);   /* "low", … or "" */

typedef struct {
    size_t item;
    const char *level; /* a choice value, or "*" */
    assess_text action;
    assess_horizon horizon;
    assess_effort effort;
    size_t nresources;
    size_t *resources; /* indices into resources */
    long line;
} assess_recommendation;

typedef struct {
    const char *id;
    assess_text title;
    const char *organization;
    const char *url;
    const char *kind;
    assess_text description;
    long line;
} assess_resource;

typedef struct {
    assess_text term;
    assess_text definition;
} assess_term;

typedef struct {
    const char *key;
    assess_text value;
} assess_setting;

/* How much of the questionnaire's words a language has: of `total` texts
 * (every non-empty text column, and the settings a reader sees),
 * `translated` have a non-empty `COLUMN::LANG` cell; the first that has
 * none is at first_missing, in column first_column. */
typedef struct {
    const char *lang;
    size_t translated, total;
    assess_loc first_missing;
    const char *first_column;
} assess_language;

typedef struct assess_questionnaire {
    const char *path; /* the folder or workbook it was loaded from */
    const char *id;
    const char *version;
    assess_text title;
    const char *language;
    double min_coverage;
    int min_group_size;
    assess_text entity_label;

    size_t nsettings; /* every row of settings.csv, known keys included */
    assess_setting *settings;
    size_t ndimensions;
    assess_dimension *dimensions;
    size_t nscales;
    assess_scale *scales;
    size_t nitems;
    assess_item *items;
    size_t nthemes;
    assess_theme *themes; /* grouped by dimension, in order of first use */
    size_t nstages;
    assess_stage *stages;
    size_t nrecommendations;
    assess_recommendation *recommendations;
    size_t nresources;
    assess_resource *resources;
    size_t nterms;
    assess_term *terms;
    size_t nlanguages; /* the questionnaire's own language first, then each COLUMN::LANG */
    assess_language *languages;

    struct assess_arena *arena; /* owns every string and array above */
} assess_questionnaire;

/* Loads and validates a questionnaire folder (or, when the reader is
 * built in, a .xlsx workbook with one sheet per file).  Every problem is
 * added to `d`; on any error the result is ASSESS_ERR_INVALID and *out is
 * NULL.  On success the caller frees *out with assess_questionnaire_free. */
assess_status assess_questionnaire_load(const char *path, assess_questionnaire **out,
                                        assess_diags *d);
void assess_questionnaire_free(assess_questionnaire *q);

/* Look-ups; each returns ASSESS_NONE or NULL when there is no match. */
size_t assess_questionnaire_item_find(const assess_questionnaire *q, const char *id);
/* The choice an answer means: trimmed, exact value, else case-insensitive
 * value or label.  Returns the choice index or ASSESS_NONE. */
size_t assess_scale_match(const assess_scale *scale, const char *answer);
/* The stage of a score already rounded to one decimal; NULL if none. */
const assess_stage *assess_questionnaire_stage(const assess_questionnaire *q, double rounded);
/* The advice for the step up from `choice` of item `item`: the row for
 * that level if there is one, else the `*` row; NULL if neither. */
const assess_recommendation *assess_questionnaire_advice(const assess_questionnaire *q,
                                                         size_t item, size_t choice);
/* Whether the questionnaire has texts in lang: it is its own language, or
 * some item's text is translated into it (a `text::LANG` column). */
bool assess_questionnaire_speaks(const assess_questionnaire *q, const char *lang);

/* ## Responses (DESIGN §3)
 *
 * A response set holds submissions (one per respondent) grouped into
 * assessments (one per entity and cycle, in order of first appearance).
 * Files are wide or long CSV, told apart by their header.
 */
typedef struct {
    const char *key;
    const char *value;
} assess_meta;

typedef struct {
    const char *file; /* where the submission came from */
    long line;
    const char *entity;
    const char *cycle;      /* "" when not given */
    size_t nmeta;
    assess_meta *meta;      /* this respondent's metadata, non-empty values */
    const char *respondent; /* "" when not given */
    const char *submitted;  /* "" when not given */
    uint16_t *answers;      /* per item: choice index + 1, 0 = empty */
    const char **evidence;  /* per item, NULL = none; the array itself is
                               NULL when the submission has no evidence */
    const char **notes;     /* likewise */
} assess_submission;

/* The evidence (or notes) a submission gives for an item, or NULL. */
const char *assess_submission_text(const assess_submission *s, size_t item, bool notes);

typedef struct {
    const char *entity;
    const char *cycle; /* "" when not given */
    size_t nmeta;
    assess_meta *meta; /* metadata columns, first non-empty value wins */
    size_t nsubmissions;
    size_t *submissions; /* indices into the set's submissions */
} assess_assessment;

typedef struct assess_responses {
    const assess_questionnaire *q;
    size_t nsubmissions;
    assess_submission *submissions;
    size_t nassessments;
    assess_assessment *assessments;
    size_t nmeta_keys; /* every metadata column seen, in order */
    const char **meta_keys;
    struct assess_responses_state *state; /* private: arena and indexes */
} assess_responses;

assess_status assess_responses_new(const assess_questionnaire *q, assess_responses **out);
/* Adds every submission of one file (wide or long CSV, told apart by the
 * header); problems go to `d`.  A file with errors adds nothing, so a
 * caller may report it and go on with the next file. */
assess_status assess_responses_add_file(assess_responses *r, const char *path,
                                        assess_diags *d);
void assess_responses_free(assess_responses *r);

/* The `questionnaire` value (ID@VERSION) named by a responses file, or
 * "" when it names none; used to pick a questionnaire before loading.
 * Writes at most size bytes into buf. */
assess_status assess_responses_peek_questionnaire(const char *path, char *buf, size_t size,
                                                  assess_diags *d);

/* ## Scores (DESIGN §4)
 *
 * assess_score_compute fills an assess_result for one assessment.  Scores
 * are kept unrounded; `rounded` fields hold the one-decimal value that is
 * printed and that chose the stage.
 */
typedef enum {
    ASSESS_ITEM_MISSING,
    ASSESS_ITEM_SCORED,
    ASSESS_ITEM_NA,
    ASSESS_ITEM_UNKNOWN
} assess_item_status;

const char *assess_item_status_name(assess_item_status s); /* "scored", … */

typedef struct {
    bool defined;
    double value;   /* 0–100, unrounded */
    double rounded; /* one decimal, half away from zero */
    const assess_stage *stage;
} assess_score;

typedef struct {
    assess_item_status status;
    double points;     /* mean points of the scored answers */
    double score;      /* points / max, 0–1 */
    size_t level;      /* choice index of the reported level (the highest
                          scored choice at or below points), or the na /
                          unknown choice, or ASSESS_NONE when missing */
    bool top;          /* at the scale's top level */
    double gain;       /* rise of the index at the next level; 0 if none */
    bool has_gain;
    bool disagreement; /* respondents two or more levels apart */
    size_t nscored, nna, nunknown, nempty; /* answers by kind */
    int priority;      /* 1-based rank in the priorities, 0 = not one */
} assess_item_result;

typedef struct {
    assess_score score;
    bool has_coverage;
    double coverage; /* 0–1 */
    bool insufficient;
} assess_group_result;

typedef struct {
    const assess_questionnaire *q;
    const assess_assessment *assessment;
    size_t nrespondents;
    assess_score overall;
    bool provisional;
    assess_group_result *dimensions; /* q->ndimensions */
    assess_group_result *themes;     /* q->nthemes */
    assess_item_result *items;       /* q->nitems */
    size_t npriorities;
    size_t *priorities; /* item indices: data gaps, then by gain */
    size_t ngaps;       /* the first ngaps priorities are data gaps */
    size_t nstrengths;
    size_t *strengths; /* item indices at their top level */
} assess_result;

assess_status assess_result_init(assess_result *res, const assess_questionnaire *q);
void assess_result_cleanup(assess_result *res);
/* Scores one assessment of r into res (initialised for r->q). */
void assess_score_compute(const assess_responses *r, size_t assessment, assess_result *res);
/* The same but for the scores alone: item results (without gains),
 * themes, dimensions, coverage and the overall index; no priorities or
 * strengths (their counts are 0).  About a third faster, for callers that
 * show scores only: a statewide CSV, benchmark cohorts. */
void assess_score_compute_scores(const assess_responses *r, size_t assessment,
                                 assess_result *res);

/* Rounds to one decimal, half away from zero, forgiving the last bits of
 * a double (12.35 computed as 12.3499999… rounds to 12.4). */
double assess_round1(double x);

#endif
