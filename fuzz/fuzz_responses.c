/*
 * fuzz_responses.c — the responses loader on any file, wide or long,
 * against a fixed small questionnaire (tests/data/engine/q: two
 * dimensions, two scales with na and unknown, themes, translations).
 * The same bytes are also added a second time, which must add nothing
 * (a file given twice counts once); whatever loads is scored, and a cohort built from it.
 */
#include "fuzz_common.h"
#include "fuzz_score.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_QUESTIONNAIRE
#define FUZZ_QUESTIONNAIRE "tests/data/engine/q"
#endif

static assess_questionnaire *q;

static void load_questionnaire(void)
{
    assess_diags d;
    assess_diags_init(&d);
    const char *env = getenv("FUZZ_QUESTIONNAIRE");
    if (assess_questionnaire_load(env ? env : FUZZ_QUESTIONNAIRE, &q, &d) != ASSESS_OK) {
        char buf[4096];
        for (size_t k = 0; k < d.count; k++) {
            assess_diag_format(&d.items[k], buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
        }
        abort();
    }
    assess_diags_cleanup(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!q)
        load_questionnaire();
    const char *path = fuzz_write("responses.csv", data, size);
    assess_responses *r = NULL;
    if (assess_responses_new(q, &r) != ASSESS_OK)
        return 0;
    assess_diags d;
    assess_diags_init(&d);

    char peek[512];
    if (assess_responses_peek_questionnaire(path, peek, sizeof peek, &d) == ASSESS_OK &&
        strlen(peek) >= sizeof peek)
        abort();

    size_t errors = d.errors;
    assess_status st = assess_responses_add_file(r, path, &d);
    fuzz_check_diags(&d);
    if (st == ASSESS_OK && d.errors != errors)
        abort();
    if (st != ASSESS_OK && r->nsubmissions != 0)
        abort(); /* a file with errors adds nothing */
    if (st == ASSESS_OK) {
        size_t n = r->nsubmissions;
        /* the same file again counts once (a warning says so) */
        if (assess_responses_add_file(r, path, &d) != ASSESS_OK || r->nsubmissions != n)
            abort();
        size_t total = 0;
        for (size_t k = 0; k < r->nassessments; k++) {
            const assess_assessment *a = &r->assessments[k];
            total += a->nsubmissions;
            for (size_t s = 0; s < a->nsubmissions; s++)
                if (a->submissions[s] >= r->nsubmissions)
                    abort();
        }
        if (total != r->nsubmissions)
            abort();
        for (size_t s = 0; s < r->nsubmissions; s++) {
            const assess_submission *sub = &r->submissions[s];
            if (!sub->entity[0])
                abort();
            for (size_t i = 0; i < q->nitems; i++) {
                const assess_scale *sc = &q->scales[q->items[i].scale];
                if (sub->answers[i] > sc->nchoices)
                    abort();
            }
        }
        fuzz_score_all(r, "region");
    }
    assess_diags_cleanup(&d);
    assess_responses_free(r);
    return 0;
}
