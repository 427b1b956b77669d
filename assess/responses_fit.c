/*
 * responses_fit.c — which installed version a responses file answers when
 * it names none (docs/formats.md): its item columns, or the items of a long
 * file, are matched against the item ids of each version.
 */
#include "read.h"
#include "responses_xlsx.h"
#include "util.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const assess_questionnaire *const *qs;
    size_t n;
    size_t *hits;   /* per version: item columns that are its items */
    size_t *misses; /* per version: item columns of another version only */
    bool header_done, long_form;
    size_t item_col;
    bool nomem;
} fit_state;

/* The item of q a column or long-form item names: the whole name, the
 * last segment of a KoboToolbox path (group/ID) or an ODK one
 * (group-ID), an `ID.evidence` or `ID.notes` column. */
static size_t item_named(const assess_questionnaire *q, const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *last = slash ? slash + 1 : name;
    char id[256];
    size_t n = strlen(last);
    const char *dot = strrchr(last, '.');
    if (dot && (strcmp(dot, ".evidence") == 0 || strcmp(dot, ".notes") == 0))
        n = (size_t)(dot - last);
    if (n == 0 || n >= sizeof id)
        return ASSESS_NONE;
    memcpy(id, last, n);
    id[n] = '\0';
    for (char *p = id; p; p = strchr(p + 1, '-')) {
        size_t i = assess_questionnaire_item_find(q, p == id ? p : p + 1);
        if (i != ASSESS_NONE)
            return i;
        /* a survey question names its version as well as a scored item */
        i = assess_questionnaire_multi_find(q, p == id ? p : p + 1);
        if (i != ASSESS_NONE)
            return q->nitems + i;
    }
    return ASSESS_NONE;
}

static void count(fit_state *f, const char *name)
{
    const char *s;
    size_t n;
    assess_str_trim(name, &s, &n);
    if (n == 0 || s[0] == '@' || n >= 1024)
        return;
    char buf[1024];
    memcpy(buf, s, n);
    buf[n] = '\0';
    if (assess_column_reserved(buf))
        return;
    bool any = false;
    for (size_t k = 0; k < f->n; k++)
        any |= item_named(f->qs[k], buf) != ASSESS_NONE;
    for (size_t k = 0; any && k < f->n; k++) {
        if (item_named(f->qs[k], buf) != ASSESS_NONE)
            f->hits[k]++;
        else
            f->misses[k]++;
    }
}

static int on_row(const assess_row *row, void *ud)
{
    fit_state *f = ud;
    if (!f->header_done) {
        f->header_done = true;
        bool has_item = false, has_answer = false, has_entity = false;
        for (size_t i = 0; i < row->nfields; i++) {
            has_item |= assess_str_ieq(row->fields[i], "item");
            has_answer |= assess_str_ieq(row->fields[i], "answer");
            has_entity |= assess_str_ieq(row->fields[i], "entity");
            if (assess_str_ieq(row->fields[i], "item"))
                f->item_col = i;
        }
        f->long_form = has_item && has_answer && !has_entity;
        if (!f->long_form)
            for (size_t i = 0; i < row->nfields; i++)
                count(f, row->fields[i]);
        return !f->long_form;
    }
    if (f->item_col < row->nfields)
        count(f, row->fields[f->item_col]);
    return 0;
}

assess_status assess_responses_fit(const char *path, const assess_questionnaire *const *qs,
                                   size_t n, bool *fits, assess_diags *d)
{
    fit_state f = {.qs = qs, .n = n, .item_col = ASSESS_NONE};
    f.hits = calloc(n ? n : 1, sizeof *f.hits);
    f.misses = calloc(n ? n : 1, sizeof *f.misses);
    if (!f.hits || !f.misses) {
        free(f.hits);
        free(f.misses);
        return ASSESS_ERR_NOMEM;
    }
    assess_diags scratch;
    assess_diags_init(&scratch);
    /* the file's own problems are reported when it is loaded */
    assess_status st = assess_responses_file_source(path)(path, on_row, &f, &scratch);
    if (st == ASSESS_ERR_IO && scratch.count)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), "%s", scratch.items[0].message);
    assess_diags_cleanup(&scratch);
    for (size_t k = 0; k < n; k++)
        fits[k] = f.hits[k] > 0 && f.misses[k] == 0;
    free(f.hits);
    free(f.misses);
    return st == ASSESS_ERR_IO ? st : ASSESS_OK;
}
