/*
 * request_versions.c — a report request whose files answer several
 * versions of a questionnaire: a statewide cohort whose 2025 cycle
 * answered gare-local 1.0.0 and 2026 answered 1.1.0, or a --previous
 * file on the older version.  Each file is read with the version its
 * `questionnaire` column names; scores are compared across versions by
 * the engine (assess_cohort_build_sets, assess_change_compute).
 */
#include "request_internal.h"
#include "intl.h"

#include <stdlib.h>
#include <string.h>

#define VERSIONS_MAX 8

struct report_request_versions {
    size_t n;
    assess_questionnaire *q[VERSIONS_MAX];               /* other versions, owned */
    assess_responses *sets[REQUEST_KINDS][VERSIONS_MAX]; /* per kind and version */
};

static bool names_version(const assess_questionnaire *q, const char *name)
{
    size_t n = strlen(q->id);
    return strncmp(name, q->id, n) == 0 && name[n] == '@' && strcmp(name + n + 1, q->version) == 0;
}

/* The version a file names, loaded when new: its index, or ASSESS_NONE
 * for rq->q's own (or a file that names none). */
static assess_status version_of(report_request *rq, const char *file, size_t *which,
                                assess_diags *d)
{
    char name[512] = "";
    *which = ASSESS_NONE;
    assess_status st = assess_responses_peek_questionnaire(file, name, sizeof name, d);
    if (st != ASSESS_OK || !name[0] || !rq->find || names_version(rq->q, name) ||
        !strchr(name, '@'))
        return st;
    struct report_request_versions *v = rq->versions;
    if (!v && !(v = rq->versions = calloc(1, sizeof *v)))
        return ASSESS_ERR_NOMEM;
    for (size_t k = 0; k < v->n; k++) {
        if (names_version(v->q[k], name)) {
            *which = k;
            return ASSESS_OK;
        }
    }
    if (v->n == VERSIONS_MAX)
        return assess_diags_add(d, ASSESS_ERROR, assess_loc_file(file),
                                _("the files answer more than %d versions of the questionnaire"),
                                VERSIONS_MAX);
    st = rq->find(name, file, &v->q[v->n], d);
    if (st == ASSESS_ERR_USAGE)
        st = ASSESS_ERR_INVALID; /* a file naming what is not installed is bad input */
    if (st != ASSESS_OK)
        return st;
    *which = v->n++;
    return ASSESS_OK;
}

assess_status request_versions_read(report_request *rq, request_kind kind, int n,
                                    char *const *args, report_request_progress_fn progress,
                                    assess_responses **main, assess_diags *d)
{
    char **files = NULL;
    size_t nfiles = 0, errors = d->errors;
    assess_status st = report_request_files(n, args, &files, &nfiles, d);
    if (st == ASSESS_OK)
        st = assess_responses_new(rq->q, main);
    if (st == ASSESS_OK && rq->entity_column)
        st = assess_responses_set_entity_column(*main, rq->entity_column);
    for (size_t k = 0; st == ASSESS_OK && k < nfiles; k++) {
        size_t which;
        assess_status fst = version_of(rq, files[k], &which, d);
        assess_responses **set = main;
        if (fst == ASSESS_OK && which != ASSESS_NONE) {
            set = &rq->versions->sets[kind][which];
            if (!*set) {
                fst = assess_responses_new(rq->versions->q[which], set);
                if (fst == ASSESS_OK && rq->entity_column)
                    fst = assess_responses_set_entity_column(*set, rq->entity_column);
            }
        }
        if (fst == ASSESS_OK)
            fst = assess_responses_add_file(*set, files[k], d);
        if (fst != ASSESS_OK && fst != ASSESS_ERR_INVALID && fst != ASSESS_ERR_LIMIT)
            st = fst; /* an invalid file is reported; the next is still read */
        if (progress)
            progress(k + 1, nfiles, rq->progress_ctx);
    }
    report_request_files_free(files, nfiles);
    if (st == ASSESS_OK && d->errors > errors)
        st = ASSESS_ERR_INVALID;
    return st;
}

void request_versions_newest_first(report_request *rq)
{
    struct report_request_versions *v = rq->versions;
    size_t best = ASSESS_NONE;
    for (size_t k = 0; v && k < v->n; k++) {
        const assess_questionnaire *b = best == ASSESS_NONE ? rq->q : v->q[best];
        if (v->sets[REQUEST_RESPONSES][k] && !strcmp(v->q[k]->id, b->id) &&
            assess_version_cmp(v->q[k]->version, b->version) > 0)
            best = k;
    }
    if (best == ASSESS_NONE)
        return;
    /* the newest answers are what a report or batch is about */
    assess_questionnaire *q = rq->q;
    rq->q = v->q[best];
    v->q[best] = q;
    /* only the responses are read yet: the cohort and --previous come
     * after them (report_request_load) */
    assess_responses *r = rq->r;
    rq->r = v->sets[REQUEST_RESPONSES][best];
    v->sets[REQUEST_RESPONSES][best] = r;
}

size_t request_versions_count(const report_request *rq, request_kind kind)
{
    (void)kind;
    return rq->versions ? rq->versions->n : 0;
}

const assess_responses *request_versions_set(const report_request *rq, request_kind kind,
                                             size_t k)
{
    return rq->versions && k < rq->versions->n ? rq->versions->sets[kind][k] : NULL;
}

assess_status request_versions_cohort(const report_request *rq, request_kind kind,
                                      const assess_responses *main, assess_cohort **out,
                                      assess_diags *d)
{
    const assess_responses *sets[VERSIONS_MAX + 1];
    size_t n = 0;
    if (main && (main->nassessments || !rq->versions))
        sets[n++] = main;
    for (size_t k = 0; k < request_versions_count(rq, kind); k++) {
        const assess_responses *r = request_versions_set(rq, kind, k);
        if (r && r->nassessments)
            sets[n++] = r;
    }
    if (n == 0)
        sets[n++] = main;
    return assess_cohort_build_sets(sets, n, out, d);
}

void request_versions_free(report_request *rq)
{
    struct report_request_versions *v = rq->versions;
    if (!v)
        return;
    for (size_t k = 0; k < v->n; k++) {
        for (size_t kind = 0; kind < REQUEST_KINDS; kind++)
            assess_responses_free(v->sets[kind][k]);
        assess_questionnaire_free(v->q[k]);
    }
    free(v);
    rq->versions = NULL;
}
