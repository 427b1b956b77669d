/*
 * cli_versions.c — reading responses that answer several versions of a
 * questionnaire (a statewide cohort whose cycles were answered on 1.0 and
 * on 1.1): one response set per version, each file read with its own.
 */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void cli_sets_cleanup(cli_sets *s)
{
    for (size_t k = 0; k < s->n; k++) {
        assess_responses_free(s->r[k]);
        assess_questionnaire_free(s->q[k]);
    }
    memset(s, 0, sizeof *s);
}

/* The set for the package at path, made when it is new. */
static assess_status set_for(cli_sets *s, const char *file, const char *path, size_t *which,
                             assess_diags *d)
{
    for (size_t k = 0; k < s->n; k++) {
        if (strcmp(s->q[k]->path, path) == 0) {
            *which = k;
            return ASSESS_OK;
        }
    }
    if (s->n == CLI_VERSIONS_MAX)
        return assess_diags_add(d, ASSESS_ERROR, assess_loc_file(file),
                                "the responses answer more than %d questionnaire versions",
                                CLI_VERSIONS_MAX);
    assess_status st = assess_questionnaire_load(path, &s->q[s->n], d);
    if (st == ASSESS_OK)
        st = assess_responses_new(s->q[s->n], &s->r[s->n]);
    if (st != ASSESS_OK) {
        assess_questionnaire_free(s->q[s->n]);
        s->q[s->n] = NULL;
        return st;
    }
    *which = s->n++;
    return ASSESS_OK;
}

static assess_status read_sets(const char *qarg, const char *fallback, char *const *files,
                               size_t nfiles, cli_sets *s, assess_diags *d)
{
    memset(s, 0, sizeof *s);
    assess_status st = ASSESS_OK;
    if (qarg) {
        st = cli_questionnaire_load(qarg, nfiles ? files[0] : NULL, &s->q[0], d);
        if (st == ASSESS_OK)
            st = assess_responses_new(s->q[0], &s->r[0]);
        if (st != ASSESS_OK) {
            assess_questionnaire_free(s->q[0]);
            s->q[0] = NULL;
            return st;
        }
        s->n = 1;
    }
    for (size_t k = 0; k < nfiles; k++) {
        size_t which = 0;
        if (!qarg) {
            char path[4096], named[512] = "";
            assess_status fst = ASSESS_OK;
            if (fallback)
                fst = assess_responses_peek_questionnaire(files[k], named, sizeof named, d);
            if (fst == ASSESS_OK && fallback && !named[0])
                snprintf(path, sizeof path, "%s", fallback);
            else if (fst == ASSESS_OK)
                fst = cli_questionnaire_load_named(NULL, files[k], NULL, path, sizeof path, d);
            if (fst == ASSESS_OK)
                fst = set_for(s, files[k], path, &which, d);
            if (fst == ASSESS_ERR_INVALID || fst == ASSESS_ERR_USAGE)
                continue; /* reported; the other files are still read */
            if (fst != ASSESS_OK)
                return fst;
        }
        st = assess_responses_add_file(s->r[which], files[k], d);
        if (st != ASSESS_OK && st != ASSESS_ERR_INVALID && st != ASSESS_ERR_LIMIT)
            return st;
        st = ASSESS_OK;
    }
    return st;
}

assess_status cli_sets_read(const char *qarg, char *const *files, size_t nfiles, cli_sets *s,
                            assess_diags *d)
{
    return read_sets(qarg, NULL, files, nfiles, s, d);
}

assess_status cli_sets_read_or(const char *fallback_path, char *const *files, size_t nfiles,
                               cli_sets *s, assess_diags *d)
{
    return read_sets(NULL, fallback_path, files, nfiles, s, d);
}
