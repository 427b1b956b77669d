/*
 * assess.h — the public interface of the assess engine.
 *
 * The engine (libassess) loads a questionnaire package, loads responses,
 * scores them, and describes a cohort of many entities in benchmark
 * statistics.  It never prints and never renders: problems travel back as
 * diagnostics, results as plain structs that the renderers
 * (assess-report.h) read.  Read this header top to bottom as a manual;
 * the project's docs/scoring.md and docs/benchmark.md give the method.
 * Build with `cc prog.c $(pkg-config --cflags --libs assess)`.
 */
#ifndef ASSESS_H
#define ASSESS_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define ASSESS_VERSION "0.1.0"

/* The GNU gettext domain of the engine's messages (diagnostics, status
 * strings).  They are in English unless the program binds the domain to
 * the installed catalogues and sets its locale:
 * bindtextdomain(ASSESS_TEXTDOMAIN, "PREFIX/share/locale") and
 * setlocale(LC_MESSAGES, ""). */
#define ASSESS_TEXTDOMAIN "assess"

/* ## Status
 *
 * Every function that can fail returns an assess_status.  The command maps
 * them to exit statuses: INVALID → 1, IO/NOMEM/LIMIT… → 3.
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

/* ## The questionnaire
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
    /* "D.T.I", the question's number for readers, the same in every
     * language: the positions (from 1) of its dimension in dimensions.csv,
     * of its theme within the dimension (in order of first use) and of
     * the item within its theme (in file order).  A dimension's items with
     * an empty theme count as one more theme after its named ones (the
     * reports' "Other items"), e.g. "3.4.1" in a dimension of three themes. */
    const char *number;
    assess_text text;
    assess_text help;
    assess_text evidence; /* the prompt for supporting evidence */
    double weight;
    long line;
} assess_item;

#define ASSESS_NONE ((size_t)-1)

/* A "choose all that apply" question (items.csv type select_multiple,
 * XLSForm's name): a survey question beside the assessment, never scored.
 * It belongs to no dimension; its `theme` heads the block it is shown in.
 * Its options are the choices of a list of choices.csv (q->lists). */
typedef struct {
    const char *id;
    size_t list; /* index into lists */
    assess_text text;
    assess_text help;
    assess_text theme;
    long line;
} assess_multi;

/* At most this many options in one choice list (docs/limits.md): a
 * respondent's answer is one bit per option. */
#define ASSESS_MULTI_OPTIONS_MAX 62
/* Set in an answer to a multi item that was answered (with or without
 * options chosen); 0 is a question left blank. */
#define ASSESS_MULTI_ANSWERED ((uint64_t)1 << 63)

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
    /* Unscored "choose all that apply" questions, in file order, and the
     * choice lists of choices.csv.  A list is held as a scale so that an
     * answer is matched to an option by the one rule of answers: its
     * options are its choices (kind SCORED, 0 points, levels in file
     * order); nothing scores them, and q->scales does not hold them. */
    size_t nmultis;
    assess_multi *multis;
    size_t nlists;
    assess_scale *lists;

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
size_t assess_questionnaire_multi_find(const assess_questionnaire *q, const char *id);
/* The choice an answer means, by the matching rule of docs/formats.md
 * (trimmed; exact value; folded value or label in any language; "VALUE -
 * LABEL"; the start of one label).  Returns the choice index or
 * ASSESS_NONE.  Loading responses matches faster and warns about a
 * start of a label; this is for one answer alone. */
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

/* ## Installed questionnaires
 *
 * A catalog lists the questionnaire packages found directly inside the
 * folders of a search path ("dir1:dir2", searched in that order): every
 * folder holding a settings.csv, and every .xlsx workbook with a settings
 * sheet, identified by the `id` and `version` of its settings — never by
 * its file name, so several versions of one questionnaire can be
 * installed side by side under any names.  Only the settings are read;
 * assess_questionnaire_load validates the package found.  Folders of the
 * path that do not exist hold nothing.  Everything in the catalog is
 * owned by it and freed by assess_catalog_free.
 */
typedef struct {
    const char *id;
    const char *version; /* "" when the settings give none */
    const char *path;    /* the folder or workbook, as found on the path */
} assess_catalog_entry;

typedef struct {
    size_t count;
    assess_catalog_entry *items; /* folder by folder of the path, by name within one */
    struct assess_arena *arena;
} assess_catalog;

/* ASSESS_OK or ASSESS_ERR_NOMEM; *out is freed with assess_catalog_free. */
assess_status assess_catalog_scan(const char *search_path, assess_catalog **out);
void assess_catalog_free(assess_catalog *catalog);

/* The package a name means: "ID@VERSION" is that exact version (the
 * first one on the path when two are installed); a bare "ID" is its
 * highest version.  NULL when none matches. */
const assess_catalog_entry *assess_catalog_find(const assess_catalog *catalog,
                                                const char *name);

/* Orders two versions part by part as numbers ("1.10" after "1.9", "1.0"
 * before "1.0.1"); <0, 0 or >0 like strcmp. */
int assess_version_cmp(const char *a, const char *b);

/* ## Responses
 *
 * A response set holds submissions (one per respondent) grouped into
 * assessments (one per entity and cycle, in order of first appearance).
 * Files are wide or long CSV, told apart by their header.
 */
typedef struct {
    const char *key;
    const char *value;
} assess_meta;

/* What few files give (a respondent's name, a date, a survey tool's
 * instance id, evidence and notes) is kept aside, so that a statewide
 * file's million submissions do not each carry five empty fields; the
 * functions below read it. */
struct assess_submission_more;

typedef struct {
    const char *file; /* where the submission came from */
    long line;
    const char *entity;
    const char *cycle;      /* "" when not given */
    size_t nmeta;
    assess_meta *meta;      /* this respondent's metadata, non-empty values */
    uint8_t *answers;       /* per item: choice index + 1, 0 = empty (a
                               scale has at most 254 choices) */
    uint64_t *multi;        /* per multi item: ASSESS_MULTI_ANSWERED and bit k
                               for option k chosen; 0 = left blank.  NULL
                               when the questionnaire has no multi item */
    const struct assess_submission_more *more; /* private; NULL when none */
} assess_submission;

/* The respondent, the date submitted and a survey tool's instance id;
 * each "" when not given. */
const char *assess_submission_respondent(const assess_submission *s);
const char *assess_submission_submitted(const assess_submission *s);
const char *assess_submission_instance(const assess_submission *s);
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
/* The column that holds the entity's name when it is not "entity" (a
 * form that calls it "city_name"): matched like "entity" would be, in any
 * letter case, alone or as the last segment of a group path.  NULL or ""
 * goes back to "entity".  Set it before adding files. */
assess_status assess_responses_set_entity_column(assess_responses *r, const char *name);

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

/* For a responses file that names no questionnaire: which of n versions
 * its item columns fit (the headers of a wide file, the `item` column of
 * a long one; a column counts when it names an item of any of them).
 * fits[k] is true when some column names an item of qs[k] and none names
 * an item that qs[k] lacks.  ASSESS_ERR_IO when the file cannot be read. */
assess_status assess_responses_fit(const char *path, const assess_questionnaire *const *qs,
                                   size_t n, bool *fits, assess_diags *d);

/* ## Scores
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
/* Less again: item results (without gains), dimensions, coverage and the
 * overall index; the themes are left undefined.  For the one row per
 * entity of a statewide CSV, which shows no themes. */
void assess_score_compute_dimensions(const assess_responses *r, size_t assessment,
                                     assess_result *res);

/* How the respondents of one assessment answered multi item m: returns
 * how many answered it, and counts[k] (the list's nchoices entries) gets
 * how many chose option k.  The entity chose an option when one of its
 * respondents did (docs/scoring.md, "Survey questions"). */
size_t assess_multi_tally(const assess_responses *r, size_t assessment, size_t m,
                          size_t *counts);

/* Rounds to one decimal, half away from zero, forgiving the last bits of
 * a double (12.35 computed as 12.3499999… rounds to 12.4). */
double assess_round1(double x);

/* ## Change between versions
 *
 * Two versions of a questionnaire share an item when both have its id
 * and its scale has the same scored choices: the same values with the
 * same points.  The scale's name, its labels and descriptions, and its
 * unscored choices (not applicable, don't know, barred by law) may
 * differ: they give no points.  A change between two results on
 * different versions is computed on the shared items alone (docs/scoring.md,
 * "Change between versions"): the earlier answers are read as answers to the later
 * version's items, and both results are scored again, with the later
 * version's weights, dimensions and themes, over those items only.
 */

/* How many items of a are shared with b.  map, when not NULL, gets for
 * each item of a its index in b, or ASSESS_NONE. */
size_t assess_questionnaire_shared(const assess_questionnaire *a, const assess_questionnaire *b,
                                   size_t *map);

typedef struct {
    size_t nshared;    /* items compared */
    bool whole;        /* the same questionnaire (id and version): the
                          results' own scores are compared */
    assess_result before, after; /* on after's questionnaire; items not
                                    shared are missing and left out */
} assess_change;

/* Scores `before` and `after` on their shared items into c (which the
 * caller frees with assess_change_cleanup).  ASSESS_ERR_NOMEM, or OK. */
assess_status assess_change_compute(const assess_result *before, const assess_result *after,
                                    assess_change *c);
void assess_change_cleanup(assess_change *c);

/* ## Benchmark cohorts
 *
 * Benchmarks across many entities: a cohort of one assessment per entity
 * and cycle, statewide statistics by group, change since the previous
 * cycle, and percentile ranks of one result.  The structs below hold every
 * figure a renderer shows, so that the CSV, PDF and XLSX outputs never
 * re-compute.
 *
 * A cohort is built from a response set: every assessment is scored once
 * and only its printed (one-decimal) scores and its item levels are kept,
 * because statistics are taken over what a reader can see.  It holds
 * every cycle of the set; the statistics and ranks below choose one.
 *
 * One assessment per entity and cycle, by the rule every command follows:
 * all the submissions of an entity and cycle, from one file or several,
 * are respondents of one assessment.  The same submission read twice
 * (the same instance id, or a byte-identical file) counts once; a
 * corrected form replaces the old file, it does not join it.
 */

/* At most this many population size bands. */
#define ASSESS_COHORT_BANDS_MAX 32

/* Score measures are numbered: 0 is the overall index, 1 … ndimensions
 * the dimensions, then the themes in questionnaire order. */
#define ASSESS_COHORT_OVERALL 0

/* A printed score in tenths (61.3 → 613), or this when undefined. */
#define ASSESS_COHORT_UNDEFINED INT32_MIN

/* An item's answer categories, in the order they are reported: the
 * scale's scored choices by points, then `na` and `unknown` when the
 * scale has them, then `missing`. */
typedef struct {
    size_t ncategories;
    const char **names;    /* choice values, "na", "unknown", "missing" */
    const char **statistics; /* "share:VALUE" for each category */
    const char *measure;   /* "item:ID" */
} assess_cohort_item;

typedef struct {
    const char *entity;
    const char *cycle;
    size_t cycle_index; /* into the cohort's cycles */
    size_t assessment;  /* in the response set */
    const char *file;   /* the source file that was kept */
    size_t nrespondents;
    size_t nmeta;
    const assess_meta *meta; /* of the kept submissions, first non-empty wins */
    size_t version;          /* the questionnaire version it answered: an
                                index into the cohort's versions */
} assess_cohort_member;

/* One questionnaire version of a cohort, with its item categories. */
typedef struct {
    const assess_questionnaire *q;
    const assess_responses *r;
    assess_cohort_item *items; /* q->nitems */
    uint8_t *categories;       /* nmembers × q->nitems; only the rows of
                                  members on this version mean anything */
    size_t nmembers;           /* members on this version, all cycles */
} assess_cohort_version;

typedef struct assess_cohort {
    const assess_questionnaire *q; /* versions[0].q: the version most
                                      members of the latest cycle answered */
    size_t nmeasures;      /* 1 + ndimensions + nthemes */
    const char **measures; /* "overall", "dimension:ID", "theme:DIM/THEME" */
    assess_cohort_item *items; /* q->nitems: versions[0].items */
    size_t ncycles;
    const char **cycles; /* ascending: digit runs compare as numbers */
    size_t *cycle_first; /* members of cycle k: cycle_first[k] … +cycle_count[k] */
    size_t *cycle_count;
    size_t nmembers;
    assess_cohort_member *members; /* by cycle, then order of appearance */
    int32_t *tenths;       /* nmembers × nmeasures printed scores; a member
                              on another version has q's measures that its
                              version has (same dimension id, same theme) */
    uint8_t *categories;   /* nmembers × q->nitems: versions[0].categories
                              (a scale's at most 254 choices and
                              `missing` fit 8 bits) */
    size_t nversions;      /* 1 unless the cohort mixes versions */
    assess_cohort_version *versions;
    struct assess_cohort_state *state; /* private */
} assess_cohort;

/* Scores every assessment of r and builds the cohort: an entity's
 * submissions of a cycle are its respondents, from one file or several,
 * as assess_score_compute combines them.  r must outlive the cohort.
 * Free with assess_cohort_free. */
assess_status assess_cohort_build(const assess_responses *r, assess_cohort **out,
                                  assess_diags *d);
void assess_cohort_free(assess_cohort *c);
/* The same from several response sets, one per version of a questionnaire
 * (sets[k]->q): a statewide file from two cycles answered on two versions.
 * Scores and dimension statistics are pooled (one 0–100 scale); item
 * statistics are per version; a change between versions is computed on
 * the items they share (assess_change_compute). */
assess_status assess_cohort_build_sets(const assess_responses *const *sets, size_t nsets,
                                       assess_cohort **out, assess_diags *d);

/* The index of a cycle, or ASSESS_NONE; NULL asks for the latest (also
 * ASSESS_NONE when the cohort is empty). */
size_t assess_cohort_cycle_find(const assess_cohort *c, const char *cycle);

/* Orders cycle names: runs of digits compare as numbers ("2025-9" before
 * "2025-10"), the rest byte by byte.  Like strcmp's sign. */
int assess_cohort_cycle_cmp(const char *a, const char *b);

/* The printed score of measure m of a result, in tenths, or
 * ASSESS_COHORT_UNDEFINED. */
int32_t assess_cohort_result_tenths(const assess_result *res, size_t m);

/* ## Percentile ranks
 *
 * The rank of x among the n values of a measure in one cycle:
 * 100 · (count(< x) + 0.5 · count(= x)) / n, rounded to one decimal half
 * away from zero (computed exactly, in integers).  A rank is not defined
 * when the result's score is undefined or the measure has fewer than
 * min_group_size values in that cycle.
 */
typedef struct {
    bool defined;
    double rank;
} assess_cohort_rank;

/* Ranks every score measure of res within cycle `cycle_index`; ranks must
 * hold c->nmeasures entries.  min_group_size 0 means the questionnaire's. */
void assess_cohort_ranks(const assess_cohort *c, size_t cycle_index, const assess_result *res,
                         int min_group_size, assess_cohort_rank *ranks);

/* The rank of one value (in tenths) among sorted values; exposed for the
 * tests and for renderers that rank something of their own. */
double assess_cohort_rank_of(const int32_t *sorted, size_t n, int32_t x);

/* The type-7 quantile (R's default, Excel PERCENTILE.INC) of sorted
 * values in tenths at p = percent / 100, in thousandths of a score: exact,
 * because (n − 1) · percent / 100 is a multiple of 1/100. */
int64_t assess_cohort_quantile(const int32_t *sorted, size_t n, int percent);

/* ## Statistics
 *
 * Figures for one cycle, for the whole cohort and for each group:
 * one group per value of each `by` metadata column (sorted; entities
 * without a value form the group "(not given)"), and population size
 * bands when the cohort has a `population` column.
 */
typedef struct {
    const char *cycle;       /* NULL: the latest */
    size_t nby;
    const char *const *by;   /* metadata columns to group by */
    int min_group_size;      /* 0: the questionnaire's */
    const char *bands;       /* "10000,50000,…" upper bounds; NULL: the
                                questionnaire's population_bands setting,
                                else 10000,50000,100000,250000 */
} assess_cohort_spec;

/* Five-number summaries and more, in the units of the measure (score
 * points, or for change score points gained).  Values are exact
 * multiples of 0.001: quantiles by construction, the mean rounded. */
typedef struct {
    size_t n;        /* defined values */
    bool suppressed; /* n < min_group_size: no figures */
    double min, p10, p25, median, p75, p90, max, mean;
    size_t rose, fell, same; /* change only: entities up, down, level */
} assess_cohort_summary;

typedef struct {
    const char *by;   /* "all", a metadata column, or "size" */
    const char *name; /* "all", the column's value, or the band's label */
    size_t entities;
    const size_t *members; /* the group's `entities` member indices into
                              the cohort, for renderers that show more
                              than the summaries (stage counts, a city's
                              own group); never printed for a suppressed
                              group */
    bool suppressed;  /* entities < min_group_size: only "fewer than N" */
    assess_cohort_summary *scores; /* nmeasures */
    double *shares;   /* percent of entities; item i's categories start at
                         stats->share_offset[i] */
    size_t item_entities; /* the group's entities on the item version, over
                             which `shares` are taken */
    size_t paired;    /* entities also present in the previous cycle */
    assess_cohort_summary *change; /* nmeasures, or NULL without a previous cycle */
} assess_cohort_group;

typedef struct {
    const assess_cohort *cohort;
    const char *cycle;
    const char *previous; /* the cycle before, or NULL */
    size_t cycle_index, previous_index;
    int min_group_size;
    char suppressed_text[32]; /* "fewer than N" */
    size_t ngroups;
    assess_cohort_group *groups; /* all first, then each `by`, then size */
    size_t *share_offset;        /* per item */
    size_t nbands;               /* population size bands' upper bounds */
    double bands[ASSESS_COHORT_BANDS_MAX];
    size_t nshares;
    /* Versions: the item statistics (`shares`, share_offset) are those of
     * version item_version, the one most of the cycle's entities answered
     * (on a tie the first); version_entities (cohort->nversions) counts the
     * cycle's entities on each.  A change from a previous cycle answered
     * mostly on another version is on the items the two share:
     * change_shared_items of them (0 when both are on one version). */
    size_t item_version;
    const assess_questionnaire *item_q;
    const assess_cohort_item *items; /* item_q->nitems */
    size_t *version_entities;
    size_t previous_version; /* the previous cycle's main version */
    size_t change_shared_items;
    struct assess_arena *arena;
} assess_cohort_stats;

/* Computes the statistics.  A cycle the cohort lacks, a bad band list, or
 * a `by` column no member has is ASSESS_ERR_USAGE with a diagnostic. */
assess_status assess_cohort_stats_compute(const assess_cohort *c, const assess_cohort_spec *spec,
                                          assess_cohort_stats **out, assess_diags *d);
void assess_cohort_stats_free(assess_cohort_stats *s);

/* The group an entity with this metadata falls in: for by = "size" its
 * population's band, for a `by` column the group of its value.  NULL
 * when the statistics have no such grouping or the entity no value.  An
 * entity need not be a member: a city is placed among its peers. */
const assess_cohort_group *assess_cohort_stats_group_of(const assess_cohort_stats *s,
                                                        const char *by,
                                                        const assess_meta *meta, size_t nmeta);

/* A metadata column of the cohort's members two edits or fewer from
 * `column` (letter case aside), for a "did you mean"; NULL when none is. */
const char *assess_cohort_near_column(const assess_cohort *c, const char *column);

/* Parses a band list ("10000,50000") into ascending upper bounds; at most
 * max of them.  Returns how many, or 0 when the list is not valid. */
size_t assess_cohort_bands_parse(const char *list, double *bounds, size_t max);

/* ## The tidy form
 *
 * One row per figure: cycle, group_by, group, measure, statistic, value,
 * label.  value is a number in every row but previous_cycle's, whose
 * value is empty and whose text and label are the cycle's name.
 */
typedef struct {
    const char *cycle, *group_by, *group, *measure, *statistic;
    double value;      /* a suppressed figure's value is the minimum group size */
    const char *text;  /* previous_cycle only: the cycle; value is then 0 */
    const char *label; /* the measure's name: "Overall index", the dimension,
                          theme or item text (previous_cycle: the cycle) */
} assess_cohort_row;

/* Calls fn for each row in order; a non-zero return stops and is passed
 * back. */
typedef int (*assess_cohort_row_fn)(const assess_cohort_row *row, void *ud);
int assess_cohort_stats_rows(const assess_cohort_stats *s, assess_cohort_row_fn fn, void *ud);

/* Writes a row's value as the CSV shows it: the text, or the number with
 * at most three decimals and no trailing zeros ("1.75", "-2", "62.125").
 * Returns buf. */
const char *assess_cohort_value_format(const assess_cohort_row *row, char *buf, size_t size);

/* Writes a whole number with a comma between groups of three digits
 * ("1,234,567"), as size bands are named in US English and US Spanish
 * alike; x is rounded to a whole number.  Returns buf. */
const char *assess_format_thousands(double x, char *buf, size_t size);

/* Writes the header and every row as CSV (RFC 4180, UTF-8, LF, fields
 * quoted only when they must be) to an open stream the caller owns.
 * ASSESS_ERR_IO when the stream fails. */
assess_status assess_cohort_stats_write_csv(const assess_cohort_stats *s, FILE *f);

/* ## Survey questions across a cohort
 *
 * For each multi item of the statistics' item version (s->item_q) and
 * each group of s (all, each `by` group, size bands), the share of the
 * group's entities that chose each option, over the entities that
 * answered the question.  An entity chose an option when one of its
 * respondents did.  A group with fewer answering entities than the
 * minimum group size is suppressed: it shows "fewer than N" and no
 * figures.
 */
typedef struct {
    size_t answered;  /* the group's entities that answered */
    bool suppressed;  /* the group is, or answered < min_group_size */
    size_t *chosen;   /* per option: entities that chose it */
    double *shares;   /* per option: percent of `answered` */
} assess_multi_group;

typedef struct {
    const assess_cohort_stats *stats;
    const assess_questionnaire *q; /* stats->item_q */
    size_t nmultis;                /* q->nmultis */
    size_t ngroups;                /* stats->ngroups, in its order */
    assess_multi_group *groups;    /* nmultis × ngroups: multi m, group g
                                      at [m * ngroups + g] */
    struct assess_arena *arena;
} assess_multi_stats;

assess_status assess_multi_stats_compute(const assess_cohort_stats *s, assess_multi_stats **out);
void assess_multi_stats_free(assess_multi_stats *ms);

/* Rows of the tidy form for the survey questions, after the statistics'
 * own: per multi item and group, `answered` (measure "multi:ID") and
 * per option its `share` (measure "option:ID/VALUE", label the option's
 * label); a suppressed group's rows carry the minimum group size, as
 * assess_cohort_stats_rows does. */
int assess_multi_stats_rows(const assess_multi_stats *ms, assess_cohort_row_fn fn, void *ud);
/* Writes those rows as CSV, without a header (they follow
 * assess_cohort_stats_write_csv's). */
assess_status assess_multi_stats_write_csv(const assess_multi_stats *ms, FILE *f);

/* ## Helpers for programs that write results
 *
 * CSV output (RFC 4180, quoting only what must be quoted), as
 * `assess score --format csv` writes it.  A text field that a spreadsheet
 * would run as a formula (it starts with =, +, -, @, tab or carriage
 * return) gets a leading apostrophe, so opening the file never runs what
 * a user typed.  Raw fields (numbers) go out as given.
 */
void assess_csv_put_text(FILE *f, const char *s);
void assess_csv_put_raw(FILE *f, const char *s);

/* Whether s[0..len) is valid UTF-8 (no overlong forms, no surrogates):
 * every text the engine reads is, and so must be what a program hands
 * to the reports. */
bool assess_utf8_valid(const char *s, size_t len);

/* The columns s[0..len) (UTF-8) takes on a terminal or in a fixed-width
 * layout: East Asian wide and fullwidth characters count 2, combining
 * marks 0, others 1. */
size_t assess_utf8_width(const char *s, size_t len);

/* Decodes the character at the start of s[0..len) (len > 0): stores its
 * code point in *cp and returns its length in bytes.  An invalid sequence
 * gives U+FFFD and a length of 1, so a loop always moves on. */
size_t assess_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Writes the UTF-8 form of code point cp to out (room for 4 bytes) and
 * returns its length; 0 for a surrogate or a value past U+10FFFF. */
size_t assess_utf8_encode(uint32_t cp, char out[4]);

/* The longest length <= max at which s[0..len) can be cut without
 * splitting a character: for shortening text to fit a field or a line. */
size_t assess_utf8_cut(const char *s, size_t len, size_t max);

/* The Levenshtein distance of a and b, ASCII letter case aside, or
 * `limit + 1` when it exceeds limit: for "did you mean" suggestions of
 * names a person typed. */
size_t assess_str_idistance(const char *a, const char *b, size_t limit);

/* ## Modules
 *
 * The parts that bring heavy libraries (reading workbooks: libzip; the
 * report library's own modules likewise) are modules, opened the first
 * time they are needed.  The shared libraries find them
 * in the folder "assess" beside themselves.  A program that links the
 * libraries' code statically names their folder here, once, at its start
 * and before any thread (the command: its lib/assess). */
void assess_module_dir_set(const char *dir);

#endif
