/*
 * fuzz_score.h — scoring what a harness managed to load, with checks on
 * the results that must hold for any valid questionnaire and responses
 * (scores finite and in range, priorities and strengths consistent).
 */
#ifndef FUZZ_SCORE_H
#define FUZZ_SCORE_H

#include "assess.h"

/* Scores every assessment of r in both ways and checks the results;
 * then builds the cohort and its statistics (grouped by `by` if not
 * NULL).  Aborts on a broken promise. */
void fuzz_score_all(const assess_responses *r, const char *by);

#endif
