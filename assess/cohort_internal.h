/*
 * cohort_internal.h — what cohort.c, cohort_stats.c and multi.c share and
 * no one else needs: sorting values in tenths, exact rounded division, the
 * effective minimum group size, the statewide CSV's row writer.  Private to
 * the engine.
 */
#ifndef ASSESS_COHORT_INTERNAL_H
#define ASSESS_COHORT_INTERNAL_H

#include "assess.h"

void assess_cohort_sort(int32_t *v, size_t n);
/* num / den (den > 0), rounded half away from zero. */
int64_t assess_cohort_div_round(int64_t num, int64_t den);
/* requested when > 0, else the questionnaire's min_group_size (else 5). */
int assess_cohort_min_group(const assess_cohort *c, int requested);
/* The printed scores (as the cohort's measures) of members `now` and
 * `then`, answered on different versions, on the items the versions share
 * scored with now's version (assess_change_compute).  Scores both again:
 * for the few pairs that cross versions. */
assess_status assess_cohort_pair_tenths(const assess_cohort *c, size_t now, size_t then,
                                        int32_t *tnow, int32_t *tthen);
/* Writes one statistics row as a line of the statewide CSV (a callback of
 * assess_cohort_stats_rows and assess_multi_stats_rows; ud is the FILE). */
int assess_cohort_row_write_csv(const assess_cohort_row *row, void *ud);

#endif
