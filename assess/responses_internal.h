/*
 * responses_internal.h — the private state of a response set, shared by
 * responses.c (reading files) and responses_group.c (grouping their
 * submissions into assessments).  Private to the engine.
 */
#ifndef ASSESS_RESPONSES_INTERNAL_H
#define ASSESS_RESPONSES_INTERNAL_H

#include "assess.h"
#include "util.h"

#define SINGLE_UNSEEN 0xFFFF /* choices are limited to 1,000 (docs/limits.md) */

struct assess_responses_state {
    assess_arena *a;
    assess_index items;       /* item id → index */
    assess_index assessments; /* "entity\x1f cycle" → index */
    assess_index meta_keys;   /* key → index into meta_keys */
    assess_vec submissions;   /* assess_submission */
    assess_vec assessments_v; /* assess_assessment */
    assess_vec keys_v;        /* const char * */
    size_t *owner;            /* per submission: its assessment */
    size_t *flat;             /* every assessment's submission indices */
    /* per scale, 128 entries: the choice a one-character ASCII answer
     * matches, + 1 (0: none; SINGLE_UNSEEN: not asked yet).  Statewide
     * files answer "0"…"4" millions of times; a look-up here is the
     * matcher's own verdict, asked once. */
    uint16_t *single;
};

/* Joins the submissions from `first` on (one file's, all valid) to their
 * assessments, creating those not seen before; checks the respondents
 * limit and merges metadata (DESIGN §3). */
assess_status assess_responses_commit(assess_responses *r, size_t first, assess_diags *d);

#endif
