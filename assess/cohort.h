/*
 * cohort.h — benchmarks across many entities (DESIGN §5): a cohort of
 * one assessment per entity and cycle, statewide statistics by group,
 * change since the previous cycle, and percentile ranks of one result.
 * Engine side only: the structs below hold every figure a renderer
 * shows, so that the CSV, PDF and XLSX outputs never re-compute.
 */
#ifndef ASSESS_COHORT_H
#define ASSESS_COHORT_H

#include "assess.h"

#include <stdio.h>

/* ## Cohorts
 *
 * A cohort is built from a response set: every assessment is scored once
 * and only its printed (one-decimal) scores and its item levels are kept,
 * because statistics are taken over what a reader can see.  It holds
 * every cycle of the set; the statistics and ranks below choose one.
 *
 * One assessment per entity and cycle, by the rule every command follows
 * (docs/formats.md): all the submissions of an entity and cycle, from one
 * file or several, are respondents of one assessment.  The same
 * submission read twice (the same instance id, or a byte-identical file)
 * counts once; a corrected form replaces the old file, it does not join it.
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
} assess_cohort_member;

typedef struct assess_cohort {
    const assess_questionnaire *q;
    size_t nmeasures;      /* 1 + ndimensions + nthemes */
    const char **measures; /* "overall", "dimension:ID", "theme:DIM/THEME" */
    assess_cohort_item *items; /* q->nitems */
    size_t ncycles;
    const char **cycles; /* ascending: digit runs compare as numbers */
    size_t *cycle_first; /* members of cycle k: cycle_first[k] … +cycle_count[k] */
    size_t *cycle_count;
    size_t nmembers;
    assess_cohort_member *members; /* by cycle, then order of appearance */
    int32_t *tenths;       /* nmembers × nmeasures printed scores */
    uint16_t *categories;  /* nmembers × q->nitems category indices */
    struct assess_cohort_state *state; /* private */
} assess_cohort;

/* Scores every assessment of r and builds the cohort: an entity's
 * submissions of a cycle are its respondents, from one file or several,
 * as assess_score_compute combines them.  r must outlive the cohort.
 * Free with assess_cohort_free. */
assess_status assess_cohort_build(const assess_responses *r, assess_cohort **out,
                                  assess_diags *d);
void assess_cohort_free(assess_cohort *c);

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

/* ## The tidy form (docs/benchmark.md)
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

/* Writes the header and every row as CSV (RFC 4180, UTF-8, LF, fields
 * quoted only when they must be) to an open stream the caller owns.
 * ASSESS_ERR_IO when the stream fails. */
assess_status assess_cohort_stats_write_csv(const assess_cohort_stats *s, FILE *f);

#endif
