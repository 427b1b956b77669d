/*
 * format_text.c — the readable summary of `assess score --format text`:
 * what a city team wants to see on a terminal before the PDF exists.
 */
#include "format.h"

#include <string.h>

#define TOP_PRIORITIES 5

/* Columns on a terminal, not bytes: a Chinese or Japanese name takes two
 * a character. */
static int display_width(const char *s)
{
    return (int)assess_utf8_width(s, strlen(s));
}

static void pad_right(FILE *f, const char *s, int width)
{
    fputs(s, f);
    for (int n = display_width(s); n < width; n++)
        fputc(' ', f);
}

static void put_score(FILE *f, const assess_score *s)
{
    if (s->defined)
        fprintf(f, "%5.1f", s->rounded);
    else
        fputs("    –", f);
}

static const char *stage_label(const assess_score *s)
{
    return s->defined && s->stage ? s->stage->label.text : "no score";
}

static const char *choice_label(const assess_questionnaire *q, size_t item, size_t choice)
{
    return q->scales[q->items[item].scale].choices[choice].label.text;
}

#define SHORT_COLUMNS 66

/* An item as a reader knows it: its text, cut at a word to fit a line
 * (the full text is in the report); never its internal id. */
static void put_item_text(FILE *f, const assess_item *it)
{
    const char *t = it->text.text;
    if (it->number)
        fprintf(f, "%s ", it->number);
    if (display_width(t) <= SHORT_COLUMNS) {
        fputs(t, f);
        return;
    }
    const char *cut = t, *p = t;
    int cols = 0;
    for (; *p && cols < SHORT_COLUMNS - 1; p++) {
        if (((unsigned char)*p & 0xC0) != 0x80)
            cols++;
        if (*p == ' ')
            cut = p;
    }
    if (cut == t)
        cut = p;
    while (cut > t && (cut[-1] == ',' || cut[-1] == ':' || cut[-1] == ' '))
        cut--;
    fprintf(f, "%.*s…", (int)(cut - t), t);
}

static void put_priority(FILE *f, const assess_result *res, size_t rank, size_t i)
{
    const assess_questionnaire *q = res->q;
    const assess_item_result *ir = &res->items[i];
    fprintf(f, "  %zu. ", rank);
    put_item_text(f, &q->items[i]);
    fputs("\n     ", f);
    if (rank <= res->ngaps) {
        if (ir->status == ASSESS_ITEM_UNKNOWN)
            fprintf(f, "data gap: \"%s\"", choice_label(q, i, ir->level));
        else
            fputs("data gap: no answer", f);
    } else {
        fprintf(f, "+%.1f to the index, now \"%s\"", assess_round1(ir->gain),
                choice_label(q, i, ir->level));
    }
    fputc('\n', f);
}

static void put_item_list(FILE *f, const char *title, const assess_result *res,
                          const size_t *items, size_t n)
{
    if (n == 0)
        return;
    fprintf(f, "%s (%zu):\n", title, n);
    for (size_t k = 0; k < n; k++) {
        fputs("  - ", f);
        put_item_text(f, &res->q->items[items[k]]);
        fputc('\n', f);
    }
}

void format_text_entity(format_writer *w, const assess_result *res,
                        const assess_cohort_rank *ranks)
{
    FILE *f = w->f;
    const assess_questionnaire *q = res->q;
    const assess_assessment *a = res->assessment;
    if (w->count)
        fputc('\n', f);

    fprintf(f, "%s", a->entity);
    if (a->cycle[0])
        fprintf(f, " — cycle %s", a->cycle);
    fprintf(f, " — %zu respondent%s\n", res->nrespondents, res->nrespondents == 1 ? "" : "s");
    fprintf(f, "%s (%s %s)\n\n", q->title.text, q->id, q->version);

    fputs("Overall index    ", f);
    put_score(f, &res->overall);
    fprintf(f, "  %s", stage_label(&res->overall));
    if (ranks && ranks[ASSESS_COHORT_OVERALL].defined)
        fprintf(f, "  (percentile rank %.1f)", ranks[ASSESS_COHORT_OVERALL].rank);
    fputc('\n', f);
    if (res->provisional)
        fputs("                 provisional: a dimension has too few answers to score "
              "reliably\n",
              f);
    fputc('\n', f);

    int width = (int)strlen("Dimension");
    for (size_t d = 0; d < q->ndimensions; d++) {
        int n = display_width(q->dimensions[d].label.text);
        if (n > width)
            width = n;
    }
    pad_right(f, "Dimension", width);
    fputs("  Score  Coverage  Stage\n", f);
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_group_result *g = &res->dimensions[d];
        pad_right(f, q->dimensions[d].label.text, width);
        fputs("  ", f);
        put_score(f, &g->score);
        if (g->has_coverage)
            fprintf(f, "  %7.0f%%", assess_round1(100.0 * g->coverage));
        else
            fputs("         –", f);
        fprintf(f, "  %s", stage_label(&g->score));
        if (g->insufficient)
            fputs(" (insufficient: too few answers)", f);
        if (ranks && ranks[1 + d].defined)
            fprintf(f, " (percentile rank %.1f)", ranks[1 + d].rank);
        fputc('\n', f);
    }

    if (res->npriorities) {
        fputs("\nTop priorities\n", f);
        size_t n = res->npriorities < TOP_PRIORITIES ? res->npriorities : TOP_PRIORITIES;
        for (size_t k = 0; k < n; k++)
            put_priority(f, res, k + 1, res->priorities[k]);
    }
    size_t disagree = 0;
    for (size_t i = 0; i < q->nitems; i++)
        disagree += res->items[i].disagreement;
    if (res->ngaps || res->nstrengths || disagree)
        fputc('\n', f);
    put_item_list(f, "Data gaps", res, res->priorities, res->ngaps);
    put_item_list(f, "Strengths", res, res->strengths, res->nstrengths);
    if (disagree) {
        fprintf(f, "Respondents disagree (%zu):\n", disagree);
        for (size_t i = 0; i < q->nitems; i++) {
            if (!res->items[i].disagreement)
                continue;
            fputs("  - ", f);
            put_item_text(f, &q->items[i]);
            fputc('\n', f);
        }
    }
}
