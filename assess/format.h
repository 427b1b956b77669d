/*
 * format.h — the three shapes of `assess score` output (docs/cli.md):
 * a readable text summary, the documented JSON (docs/json.md) and one
 * CSV row per entity.  Results are written one entity at a time, so a
 * statewide file of 100,000 submissions never sits in memory as output.
 */
#ifndef ASSESS_FORMAT_H
#define ASSESS_FORMAT_H

#include "assess.h"

#include <stdio.h>

typedef enum { FORMAT_TEXT, FORMAT_JSON, FORMAT_CSV } format_kind;

/* "text", "json", "csv" → kind; false when the name is none of them. */
bool format_kind_parse(const char *name, format_kind *kind);

typedef struct {
    format_kind kind;
    FILE *f;
    const assess_responses *r;
    /* with --benchmark: the cohort the ranks come from, else NULL */
    const assess_cohort *benchmark;
    const char *benchmark_cycle;
    size_t count; /* entities written so far */
} format_writer;

void format_begin(format_writer *w);
/* ranks: c->nmeasures percentile ranks when w->benchmark is set. */
void format_entity(format_writer *w, const assess_result *res, const assess_cohort_rank *ranks);
void format_end(format_writer *w);

/* The parts, one file each. */
void format_text_entity(format_writer *w, const assess_result *res,
                        const assess_cohort_rank *ranks);
void format_json_begin(format_writer *w);
void format_json_entity(format_writer *w, const assess_result *res,
                        const assess_cohort_rank *ranks);
void format_json_end(format_writer *w);
void format_csv_begin(format_writer *w);
void format_csv_entity(format_writer *w, const assess_result *res,
                       const assess_cohort_rank *ranks);

#endif
