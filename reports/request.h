/*
 * request.h — what a report needs, loaded in one call.
 *
 * A city report, a batch of them, a chart and the statewide report all
 * start the same way: read the responses (files or folders) and their
 * questionnaire, the consultant's brand, a benchmark cohort and its
 * statistics, an earlier cycle, a peer.  The caller fills in the "asked"
 * half of a report_request and calls report_request_load; every problem,
 * including "which assessment?", comes back as a located diagnostic in d,
 * so a program that is not the `assess` command gets the same messages.
 *
 *     report_request rq = {.nresponses = 1, .responses = files,
 *                          .find = my_questionnaire_lookup, .one = true};
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
#ifndef REPORT_REQUEST_H
#define REPORT_REQUEST_H

#include "assess.h"
#include "brand.h"
#include "city.h"
#include "cohort.h"

#include <stdbool.h>

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
    const char *lang;
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
    brand look;
    assess_responses *cohort_r; /* NULL when self_benchmark */
    assess_cohort *cohort;      /* NULL without a benchmark */
    assess_cohort_stats *stats;
    const char *group_column;   /* peer_column when the cohort has it, else NULL */
    assess_responses *previous_r;
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
 * benchmark, ranks, previous, peer); the caller adds the cover's lines. */
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
 * tells). */
assess_status report_request_read(const assess_questionnaire *q, int n, char *const *args,
                                  report_request_progress_fn progress, void *ctx,
                                  assess_responses **r, assess_diags *d);

/* Scores assessment k of r into a new result; free with
 * report_request_result_free. */
assess_status report_request_result(const assess_responses *r, size_t k, assess_result **out);
void report_request_result_free(assess_result *res);

#endif
