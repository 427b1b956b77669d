/*
 * fuzz_questionnaire.c — the questionnaire loader on any package.  The
 * input is split into the eight files of docs/formats.md at lines that read
 * "%%" alone, in this order: settings, dimensions, scales, items,
 * stages, recommendations, resources, glossary; files past the last
 * piece are absent.  A package that loads must keep its promises: every
 * choice value answers to itself, look-ups stay in range, and a
 * responses file answering every item with each choice in turn loads
 * and scores within range.
 */
#include "fuzz_common.h"
#include "fuzz_score.h"
#include "read.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const names[8] = {"settings.csv", "dimensions.csv", "scales.csv",
                                     "items.csv",    "stages.csv",     "recommendations.csv",
                                     "resources.csv", "glossary.csv"};

/* Writes a CSV field, quoted. */
static void put_field(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

/* A metadata column name no item id is one edit from: such a column is a
 * typo of an item by docs/formats.md, and an error. */
static const char *group_column(const assess_questionnaire *q)
{
    static const char *const columns[] = {"region", "county", "district", "size_band"};
    for (size_t k = 0; k < sizeof columns / sizeof *columns; k++) {
        size_t i = 0;
        while (i < q->nitems && assess_str_distance(columns[k], q->items[i].id, 1) > 1)
            i++;
        if (i == q->nitems)
            return columns[k];
    }
    return NULL;
}

/* A wide responses file: three respondents of two entities, answering
 * item i with choice (i + r) of its scale. */
static void answer_everything(const assess_questionnaire *q)
{
    const char *by = group_column(q);
    if (!by)
        return;
    char path[600];
    snprintf(path, sizeof path, "%s/answers.csv", fuzz_dir());
    FILE *f = fopen(path, "w");
    if (!f)
        abort();
    fprintf(f, "entity,cycle,%s", by);
    for (size_t i = 0; i < q->nitems; i++)
        fprintf(f, ",%s", q->items[i].id);
    fputc('\n', f);
    for (size_t r = 0; r < 3; r++) {
        fprintf(f, "E%zu,2026,R%zu", r % 2, r % 2);
        for (size_t i = 0; i < q->nitems; i++) {
            const assess_scale *sc = &q->scales[q->items[i].scale];
            fputc(',', f);
            put_field(f, sc->choices[(i + r) % sc->nchoices].value);
        }
        fputc('\n', f);
    }
    if (fclose(f) != 0)
        abort();

    assess_responses *r = NULL;
    if (assess_responses_new(q, &r) != ASSESS_OK)
        return;
    assess_diags d;
    assess_diags_init(&d);
    assess_status st = assess_responses_add_file(r, path, &d);
    fuzz_check_diags(&d);
    if (st == ASSESS_ERR_INVALID) {
        /* every value of a loaded questionnaire must be answerable */
        char buf[4096];
        assess_diag_format(&d.items[0], buf, sizeof buf);
        fprintf(stderr, "fuzz_questionnaire: %s\n", buf);
        abort();
    }
    if (st == ASSESS_OK)
        fuzz_score_all(r, by);
    assess_diags_cleanup(&d);
    assess_responses_free(r);
}

static void check_model(const assess_questionnaire *q)
{
    if (!q->id || !q->id[0] || !q->version || !q->language || q->ndimensions == 0 ||
        q->nitems == 0 || q->nstages == 0)
        abort();
    for (size_t s = 0; s < q->nscales; s++) {
        const assess_scale *sc = &q->scales[s];
        if (sc->nlevels < 2 || sc->nlevels > sc->nchoices)
            abort();
        for (size_t k = 0; k < sc->nchoices; k++) {
            if (assess_scale_match(sc, sc->choices[k].value) != k) {
                fprintf(stderr, "fuzz_questionnaire: value \"%s\" of scale \"%s\" does not "
                                "answer to itself\n",
                        sc->choices[k].value, sc->id);
                abort();
            }
        }
    }
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_item *it = &q->items[i];
        if (it->dimension >= q->ndimensions || it->scale >= q->nscales ||
            (it->theme != ASSESS_NONE && it->theme >= q->nthemes))
            abort();
        if (assess_questionnaire_item_find(q, it->id) != i)
            abort();
        const assess_scale *sc = &q->scales[it->scale];
        for (size_t k = 0; k < sc->nchoices; k++)
            (void)assess_questionnaire_advice(q, i, k);
        (void)assess_text_get(&it->text, "es");
    }
    for (int x = 0; x <= 1000; x += 7)
        (void)assess_questionnaire_stage(q, x / 10.0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *dir = fuzz_dir();
    size_t start = 0, piece = 0;
    for (size_t i = 0; i <= size && piece < 8; i++) {
        /* a line "%%" (LF or CRLF) ends a piece; so does the end */
        bool end = i == size;
        size_t skip = 0;
        if (!end && (i == 0 || data[i - 1] == '\n') && size - i >= 3 && data[i] == '%' &&
            data[i + 1] == '%') {
            if (data[i + 2] == '\n')
                skip = 3;
            else if (size - i >= 4 && data[i + 2] == '\r' && data[i + 3] == '\n')
                skip = 4;
        }
        if (!end && !skip)
            continue;
        fuzz_write(names[piece++], data + start, i - start);
        if (end)
            break;
        start = i + skip;
        i = start - 1;
    }
    for (size_t k = piece; k < 8; k++)
        fuzz_remove(names[k]);

    assess_questionnaire *q = NULL;
    assess_diags d;
    assess_diags_init(&d);
    assess_status st = assess_questionnaire_load(dir, &q, &d);
    fuzz_check_diags(&d);
    if ((st == ASSESS_OK) != (q != NULL))
        abort();
    if (st == ASSESS_OK && d.errors)
        abort();
    if (st == ASSESS_ERR_INVALID && d.errors == 0)
        abort();
    if (q) {
        check_model(q);
        answer_everything(q);
    }
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    return 0;
}
