/*
 * cohort_internal.h — what cohort.c shares with cohort_stats.c and no one
 * else needs: sorting values in tenths, exact rounded division, and the
 * effective minimum group size.  Private to the engine.
 */
#ifndef ASSESS_COHORT_INTERNAL_H
#define ASSESS_COHORT_INTERNAL_H

#include "assess.h"

void assess_cohort_sort(int32_t *v, size_t n);
/* num / den (den > 0), rounded half away from zero. */
int64_t assess_cohort_div_round(int64_t num, int64_t den);
/* requested when > 0, else the questionnaire's min_group_size (else 5). */
int assess_cohort_min_group(const assess_cohort *c, int requested);

#endif
