/*
 * score_internal.h — the part of the scoring method that other engine
 * files reuse: group scores from item results already combined.
 */
#ifndef ASSESS_SCORE_INTERNAL_H
#define ASSESS_SCORE_INTERNAL_H

#include "assess.h"

/* Fills res's dimensions, overall index, provisional flag and themes
 * from res->items (docs/scoring.md).  Items whose include[i] is false are
 * left out as if q did not have them; include NULL keeps every item. */
void assess_score_groups(const assess_questionnaire *q, assess_result *res, const bool *include);

/* A lone respondent's answer alone decides an item's result, so a
 * response set works each one out once (assess_responses_new): the
 * result of answer a (0 empty, else choice a − 1) to item i is
 * table[at[i] + a].  False when memory ran out. */
struct assess_arena;
bool assess_score_one_table(const assess_questionnaire *q, struct assess_arena *a,
                            assess_item_result **table, size_t **at);

#endif
