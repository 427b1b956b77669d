/*
 * request_internal.h — what request.c shares with request_versions.c:
 * reading files that answer several versions of a questionnaire.
 * Private to the report layer.
 */
#ifndef REPORT_REQUEST_INTERNAL_H
#define REPORT_REQUEST_INTERNAL_H

#include "assess-report.h"

/* Which files a set of response sets holds. */
typedef enum { REQUEST_RESPONSES, REQUEST_COHORT, REQUEST_PREVIOUS, REQUEST_KINDS } request_kind;

/* Reads files or folders: a file that names rq->q's version, or none, into
 * *main (a new set for rq->q); a file that names another version into that
 * version's set (the version loaded once with rq->find).  An invalid file
 * is reported and the others still read; the status is then INVALID. */
assess_status request_versions_read(report_request *rq, request_kind kind, int n,
                                    char *const *args, report_request_progress_fn progress,
                                    assess_responses **main, assess_diags *d);

/* The responses read as REQUEST_RESPONSES answered several versions: the
 * newest becomes rq->q and rq->r, the others stay beside it. */
void request_versions_newest_first(report_request *rq);

/* The cohort of main and the other versions' sets of `kind`. */
assess_status request_versions_cohort(const report_request *rq, request_kind kind,
                                      const assess_responses *main, assess_cohort **out,
                                      assess_diags *d);

/* The sets of `kind` besides the main one: count and one by one. */
size_t request_versions_count(const report_request *rq, request_kind kind);
const assess_responses *request_versions_set(const report_request *rq, request_kind kind,
                                             size_t k);

void request_versions_free(report_request *rq);

#endif
