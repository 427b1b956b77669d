/*
 * format_json.c — `assess score --format json`, the stable interface for
 * other programs.  The schema is in docs/json.md; change both together.
 * Written as a stream rather than built as a tree: a statewide file has
 * a hundred thousand entities.
 */
#include "format.h"

#include <stdlib.h>
#include <string.h>

static void put_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", f);
            break;
        case '\\':
            fputs("\\\\", f);
            break;
        case '\n':
            fputs("\\n", f);
            break;
        case '\r':
            fputs("\\r", f);
            break;
        case '\t':
            fputs("\\t", f);
            break;
        default:
            if (*p < 0x20)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void put_string_or_null(FILE *f, const char *s)
{
    if (s)
        put_string(f, s);
    else
        fputs("null", f);
}

/* The shortest form that reads back as the same double. */
static void put_number(FILE *f, double x)
{
    char buf[40];
    snprintf(buf, sizeof buf, "%.15g", x);
    if (strtod(buf, NULL) != x)
        snprintf(buf, sizeof buf, "%.17g", x);
    fputs(buf, f);
}

static void put_key(FILE *f, const char *key)
{
    put_string(f, key);
    fputs(": ", f);
}

/* "score", "rounded" and "stage" of a score, or nulls. */
static void put_score(FILE *f, const assess_score *s)
{
    put_key(f, "score");
    if (s->defined)
        put_number(f, s->value);
    else
        fputs("null", f);
    fputs(", ", f);
    put_key(f, "rounded");
    if (s->defined)
        put_number(f, s->rounded);
    else
        fputs("null", f);
    fputs(", ", f);
    put_key(f, "stage");
    put_string_or_null(f, s->defined && s->stage ? s->stage->id : NULL);
}

/* docs/benchmark.md: "percentile_ranks": {"overall": 62.5, "dimension:ID": 40.0, …}
 * keyed by the cohort's measure names; null where a rank is undefined. */
static void put_ranks(FILE *f, const assess_cohort *c, const assess_cohort_rank *ranks)
{
    fputs(",\n      \"percentile_ranks\": {", f);
    for (size_t m = 0; m < c->nmeasures; m++) {
        if (m)
            fputs(", ", f);
        put_key(f, c->measures[m]);
        if (ranks[m].defined)
            put_number(f, ranks[m].rank);
        else
            fputs("null", f);
    }
    fputc('}', f);
}

static void put_group(FILE *f, const assess_group_result *g)
{
    put_score(f, &g->score);
    fputs(", \"coverage\": ", f);
    if (g->has_coverage)
        put_number(f, g->coverage);
    else
        fputs("null", f);
    fprintf(f, ", \"insufficient\": %s", g->insufficient ? "true" : "false");
}

static void put_id_list(FILE *f, const char *key, const assess_questionnaire *q,
                        const size_t *items, size_t n)
{
    fprintf(f, ",\n      ");
    put_key(f, key);
    fputc('[', f);
    for (size_t k = 0; k < n; k++) {
        if (k)
            fputs(", ", f);
        put_string(f, q->items[items[k]].id);
    }
    fputc(']', f);
}

/* docs/json.md: "survey": [{"id": …, "answered": 1, "chosen": ["basics"],
 * "counts": {"basics": 1, …}}, …], only when the questionnaire has survey
 * questions (so the output of one without them is as it was). */
static void put_survey(FILE *f, const assess_responses *r, size_t assessment)
{
    const assess_questionnaire *q = r->q;
    if (!q->nmultis)
        return;
    size_t counts[ASSESS_MULTI_OPTIONS_MAX];
    fputs(",\n      \"survey\": [", f);
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_scale *ls = &q->lists[q->multis[m].list];
        size_t answered = assess_multi_tally(r, assessment, m, counts);
        fputs(m ? ",\n        {" : "\n        {", f);
        put_key(f, "id");
        put_string(f, q->multis[m].id);
        fprintf(f, ", \"answered\": %zu, \"chosen\": [", answered);
        bool first = true;
        for (size_t k = 0; k < ls->nchoices; k++) {
            if (!counts[k])
                continue;
            fputs(first ? "" : ", ", f);
            put_string(f, ls->choices[k].value);
            first = false;
        }
        fputs("], \"counts\": {", f);
        for (size_t k = 0; k < ls->nchoices; k++) {
            fputs(k ? ", " : "", f);
            put_key(f, ls->choices[k].value);
            fprintf(f, "%zu", counts[k]);
        }
        fputs("}}", f);
    }
    fputc(']', f);
}

/* Evidence or notes of every respondent who gave some, joined by blank
 * lines; NULL when nobody did.  The caller frees. */
static char *joined_text(const assess_responses *r, const assess_assessment *a, size_t item,
                         bool notes)
{
    size_t len = 0;
    for (size_t k = 0; k < a->nsubmissions; k++) {
        const assess_submission *s = &r->submissions[a->submissions[k]];
        const char *t = assess_submission_text(s, item, notes);
        if (t)
            len += strlen(t) + 2;
    }
    if (!len)
        return NULL;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    out[0] = '\0';
    for (size_t k = 0; k < a->nsubmissions; k++) {
        const assess_submission *s = &r->submissions[a->submissions[k]];
        const char *t = assess_submission_text(s, item, notes);
        if (!t)
            continue;
        if (out[0])
            strcat(out, "\n\n");
        strcat(out, t);
    }
    return out;
}

static void put_item(FILE *f, const format_writer *w, const assess_result *res, size_t i)
{
    const assess_questionnaire *q = res->q;
    const assess_item_result *ir = &res->items[i];
    const assess_scale *sc = &q->scales[q->items[i].scale];
    fputs("        {", f);
    put_key(f, "id");
    put_string(f, q->items[i].id);
    fputs(", ", f);
    put_key(f, "number");
    put_string_or_null(f, q->items[i].number);
    fputs(", ", f);
    put_key(f, "status");
    put_string(f, assess_item_status_name(ir->status));
    fputs(", ", f);
    const assess_choice *c = ir->level == ASSESS_NONE ? NULL : &sc->choices[ir->level];
    put_key(f, "answer");
    put_string_or_null(f, c ? c->value : NULL);
    fputs(", ", f);
    put_key(f, "label");
    put_string_or_null(f, c ? c->label.text : NULL);
    fputs(", ", f);
    put_key(f, "points");
    if (ir->status == ASSESS_ITEM_SCORED)
        put_number(f, ir->points);
    else
        fputs("null", f);
    fputs(", ", f);
    put_key(f, "score");
    if (ir->status == ASSESS_ITEM_SCORED)
        put_number(f, ir->score);
    else
        fputs("null", f);
    fputs(", ", f);
    put_key(f, "gain");
    if (ir->has_gain)
        put_number(f, ir->gain);
    else
        fputs("null", f);
    fprintf(f, ", \"top\": %s, \"disagreement\": %s, \"priority\": ", ir->top ? "true" : "false",
            ir->disagreement ? "true" : "false");
    if (ir->priority)
        fprintf(f, "%d", ir->priority);
    else
        fputs("null", f);
    fprintf(f, ", \"answers\": {\"scored\": %zu, \"na\": %zu, \"unknown\": %zu, \"empty\": %zu}",
            ir->nscored, ir->nna, ir->nunknown, ir->nempty);
    char *evidence = joined_text(w->r, res->assessment, i, false);
    char *notes = joined_text(w->r, res->assessment, i, true);
    fputs(", ", f);
    put_key(f, "evidence");
    put_string_or_null(f, evidence);
    fputs(", ", f);
    put_key(f, "notes");
    put_string_or_null(f, notes);
    free(evidence);
    free(notes);
    fputc('}', f);
}

void format_json_begin(format_writer *w)
{
    const assess_questionnaire *q = w->r->q;
    fputs("{\n  \"questionnaire\": {", w->f);
    put_key(w->f, "id");
    put_string(w->f, q->id);
    fputs(", ", w->f);
    put_key(w->f, "version");
    put_string(w->f, q->version);
    fputs(", ", w->f);
    put_key(w->f, "title");
    put_string(w->f, q->title.text);
    fputs("},\n", w->f);
    if (w->benchmark) {
        fputs("  \"benchmark\": {\"cycle\": ", w->f);
        put_string(w->f, w->benchmark_cycle);
        fputs("},\n", w->f);
    }
    fputs("  \"entities\": [", w->f);
}

void format_json_entity(format_writer *w, const assess_result *res,
                        const assess_cohort_rank *ranks)
{
    FILE *f = w->f;
    const assess_questionnaire *q = res->q;
    const assess_assessment *a = res->assessment;
    fputs(w->count ? ",\n    {\n      " : "\n    {\n      ", f);
    put_key(f, "entity");
    put_string(f, a->entity);
    fputs(",\n      ", f);
    put_key(f, "cycle");
    put_string(f, a->cycle);
    fputs(",\n      \"metadata\": {", f);
    for (size_t k = 0; k < a->nmeta; k++) {
        if (k)
            fputs(", ", f);
        put_key(f, a->meta[k].key);
        put_string(f, a->meta[k].value);
    }
    fprintf(f, "},\n      \"respondents\": %zu,\n      \"overall\": {", res->nrespondents);
    put_score(f, &res->overall);
    fprintf(f, ", \"provisional\": %s", res->provisional ? "true" : "false");
    fputs("},\n      \"dimensions\": [", f);
    for (size_t d = 0; d < q->ndimensions; d++) {
        fputs(d ? ",\n        {" : "\n        {", f);
        put_key(f, "id");
        put_string(f, q->dimensions[d].id);
        fputs(", ", f);
        put_group(f, &res->dimensions[d]);
        fputc('}', f);
    }
    fputs("],\n      \"themes\": [", f);
    for (size_t t = 0; t < q->nthemes; t++) {
        fputs(t ? ",\n        {" : "\n        {", f);
        put_key(f, "dimension");
        put_string(f, q->dimensions[q->themes[t].dimension].id);
        fputs(", ", f);
        put_key(f, "theme");
        put_string(f, q->themes[t].name.text);
        fputs(", ", f);
        put_group(f, &res->themes[t]);
        fputc('}', f);
    }
    fputs("],\n      \"items\": [", f);
    for (size_t i = 0; i < q->nitems; i++) {
        fputs(i ? ",\n" : "\n", f);
        put_item(f, w, res, i);
    }
    fputc(']', f);
    put_id_list(f, "priorities", q, res->priorities, res->npriorities);
    put_id_list(f, "data_gaps", q, res->priorities, res->ngaps);
    put_id_list(f, "strengths", q, res->strengths, res->nstrengths);
    put_survey(f, w->r, (size_t)(res->assessment - w->r->assessments));
    if (ranks && w->benchmark)
        put_ranks(f, w->benchmark, ranks);
    fputs("\n    }", f);
}

void format_json_end(format_writer *w)
{
    fputs(w->count ? "\n  ]\n}\n" : "]\n}\n", w->f);
}
