/*
 * questionnaire_multi.c — the survey questions of a questionnaire package:
 * choices.csv (the choice lists) and the rows of items.csv whose type is
 * select_multiple, "choose all that apply" (docs/formats.md).  They are
 * never scored, so they stand apart from the dimensions, scales and
 * weights that scoring reads; their rules are checked here.
 */
#include "answer.h"
#include "questionnaire_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ## choices.csv */

/* Two options of a list that one answer could mean, once folded (case,
 * accents, quotes) in any language, could not be told apart. */
/* The row of choices.csv that holds option c of list s. */
static size_t option_row(const assess_table *t, const size_t *owner, size_t s, size_t c)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (owner[r] == s && c-- == 0)
            return r;
    }
    return ASSESS_NONE;
}

static void check_list_folded(ql_loader *L, const assess_table *t, const size_t *owner, size_t s)
{
    const assess_scale *list = &L->q->lists[s];
    assess_arena *a = assess_arena_new();
    assess_answer_keys k;
    if (!a || !assess_answer_keys_build(list, a, &k)) {
        assess_arena_free(a);
        L->nomem = true;
        return;
    }
    for (size_t i = 0; i < k.nkeys; i++) {
        const assess_answer_key *x = &k.keys[i];
        for (size_t j = 0; j < i; j++) {
            const assess_answer_key *y = &k.keys[j];
            if (x->choice == y->choice || strcmp(x->key, y->key) != 0)
                continue;
            ql_problem(L, ASSESS_ERROR, t, option_row(t, owner, s, x->choice),
                       x->label ? "label" : "value",
                       "list \"%s\": \"%s\" (option \"%s\") and \"%s\" of option \"%s\" are "
                       "the same once letter case, accents and quotes are set aside, so an "
                       "answer could not tell them apart",
                       list->id, x->text, list->choices[x->choice].value, y->text,
                       list->choices[y->choice].value);
            break;
        }
    }
    assess_arena_free(a);
}

void ql_load_choices(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_CHOICES];
    if (!ql_has_columns(L, F_CHOICES, (const char *[]){"list", "value", "label", NULL}))
        return;
    if (assess_table_col(t, "points") != ASSESS_NONE)
        ql_problem(L, ASSESS_ERROR, t, ASSESS_NONE, "points",
                   "the options of a choice list carry no points (they are never scored): "
                   "remove the column; a scored question's answers go in scales.csv");
    size_t *owner = ql_alloc_array(L, t->nrows, sizeof *owner);
    q->lists = ql_alloc_array(L, t->nrows, sizeof *q->lists);
    if (!owner || !q->lists)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = ql_need(L, t, r, "list");
        owner[r] = ASSESS_NONE;
        if (!id[0])
            continue;
        size_t s = assess_index_get(&L->lists, id);
        if (s == ASSESS_NONE) {
            s = q->nlists++;
            q->lists[s].id = id;
            if (assess_index_put(&L->lists, id, s) != ASSESS_OK)
                L->nomem = true;
        }
        owner[r] = s;
        q->lists[s].nchoices++;
    }
    for (size_t s = 0; s < q->nlists; s++) {
        assess_scale *ls = &q->lists[s];
        if (ls->nchoices > ASSESS_MULTI_OPTIONS_MAX) {
            for (size_t r = 0; r < t->nrows; r++)
                if (owner[r] == s) {
                    ql_problem(L, ASSESS_ERROR, t, r, "list",
                               "list \"%s\" has %zu options; at most %d are allowed", ls->id,
                               ls->nchoices, ASSESS_MULTI_OPTIONS_MAX);
                    break;
                }
            for (size_t r = 0; r < t->nrows; r++)
                if (owner[r] == s)
                    owner[r] = ASSESS_NONE;
            ls->nchoices = 0;
        }
        ls->choices = ql_alloc_array(L, ls->nchoices, sizeof *ls->choices);
        ls->levels = ql_alloc_array(L, ls->nchoices, sizeof *ls->levels);
        if (!ls->choices || !ls->levels)
            return;
        ls->nchoices = 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (owner[r] == ASSESS_NONE)
            continue;
        assess_scale *ls = &q->lists[owner[r]];
        const char *value = ql_need(L, t, r, "value");
        /* answers in a CSV cell are values separated by spaces */
        if (value[0] && strpbrk(value, " \t/")) {
            ql_problem(L, ASSESS_ERROR, t, r, "value",
                       "\"%s\" holds a space or a '/': an answer lists the chosen values "
                       "separated by spaces, and a workbook names each option ITEM/VALUE",
                       value);
            owner[r] = ASSESS_NONE;
            continue;
        }
        size_t c = ls->nchoices;
        assess_choice *ch = &ls->choices[c];
        ch->value = value;
        ch->label = ql_get_text(L, t, r, "label");
        if (!ch->label.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "label", "must not be empty");
        ch->kind = ASSESS_CHOICE_SCORED; /* assess.h: an option, with no points */
        ch->level = (int)c;
        ch->line = t->rows[r].line;
        for (size_t k = 0; k < c; k++) {
            if (value[0] && assess_str_ieq(ls->choices[k].value, value))
                ql_problem(L, ASSESS_ERROR, t, r, "value", "list \"%s\" has value \"%s\" twice",
                           ls->id, value);
            if (ch->label.text[0] && assess_str_ieq(ls->choices[k].label.text, ch->label.text))
                ql_problem(L, ASSESS_ERROR, t, r, "label", "list \"%s\" has label \"%s\" twice",
                           ls->id, ch->label.text);
        }
        ls->levels[c] = c;
        ls->nchoices++;
        ls->nlevels = ls->nchoices;
    }
    for (size_t s = 0; s < q->nlists; s++) {
        size_t first = option_row(t, owner, s, 0);
        if (q->lists[s].nchoices == 1)
            ql_problem(L, ASSESS_ERROR, t, first, "list",
                       "list \"%s\" has one option; a question to choose from needs at least "
                       "two",
                       q->lists[s].id);
        check_list_folded(L, t, owner, s);
    }
}

/* ## select_multiple rows of items.csv */

/* The list a row names: the `choices` column, or XLSForm's
 * "select_multiple LIST" in the type. */
static const char *row_list(ql_loader *L, const assess_table *t, size_t r, const char *type)
{
    const char *list = ql_get_trim(L, t, r, "choices");
    const char *after = type + strlen("select_multiple");
    while (*after == ' ')
        after++;
    if (*after && list[0] && strcmp(after, list) != 0)
        ql_problem(L, ASSESS_ERROR, t, r, "choices",
                   "\"%s\" differs from the list named in the type, \"%s\": name one", list,
                   after);
    return list[0] ? list : after;
}

/* A field that must stay empty on a question that is not scored. */
static void must_be_empty(ql_loader *L, const assess_table *t, size_t r, const char *column,
                          const char *why)
{
    const char *v = ql_get_trim(L, t, r, column);
    if (v[0])
        ql_problem(L, ASSESS_ERROR, t, r, column,
                   "\"%s\": a select_multiple question is not scored, so it has no %s; leave "
                   "it empty",
                   v, why);
}

bool ql_is_multi_row(ql_loader *L, const assess_table *t, size_t r)
{
    const char *type = ql_get_trim(L, t, r, "type");
    if (!type[0] || strcmp(type, "select_one") == 0)
        return false;
    if (strncmp(type, "select_multiple", 15) == 0 && (type[15] == '\0' || type[15] == ' '))
        return true;
    ql_problem(L, ASSESS_ERROR, t, r, "type",
               "\"%s\" is not a question type: write select_one (a scored question, the "
               "default when empty) or select_multiple (choose all that apply, not scored)",
               type);
    return false;
}

void ql_load_multi_item(ql_loader *L, const assess_table *t, size_t r, bool id_ok)
{
    assess_questionnaire *q = L->q;
    if (!q->multis) {
        q->multis = ql_alloc_array(L, t->nrows, sizeof *q->multis);
        if (!q->multis)
            return;
    }
    assess_multi *m = &q->multis[q->nmultis];
    m->id = ql_get_trim(L, t, r, "id");
    m->line = t->rows[r].line;
    bool ok = id_ok;
    if (ok && assess_index_get(&L->multis, m->id) != ASSESS_NONE) {
        ql_problem(L, ASSESS_ERROR, t, r, "id", "item \"%s\" is defined twice", m->id);
        ok = false;
    }
    must_be_empty(L, t, r, "dimension",
                  "dimension (it stands beside the scored ones; its theme heads its block)");
    must_be_empty(L, t, r, "scale", "scale (its options are a list of choices.csv)");
    must_be_empty(L, t, r, "weight", "weight");
    must_be_empty(L, t, r, "evidence", "evidence prompt");
    const char *type = ql_get_trim(L, t, r, "type");
    const char *list = row_list(L, t, r, type);
    m->list = ASSESS_NONE;
    if (!list[0]) {
        ql_problem(L, ASSESS_ERROR, t, r, "choices",
                   "a select_multiple question needs a choice list: name a list of "
                   "choices.csv");
        ok = false;
    } else if ((m->list = assess_index_get(&L->lists, list)) == ASSESS_NONE) {
        ql_problem(L, ASSESS_ERROR, t, r, "choices", "\"%s\" is not a list in %s", list,
                   L->present[F_CHOICES] ? "choices.csv" : "choices.csv (the file is missing)");
        ok = false;
    }
    m->text = ql_get_text(L, t, r, "text");
    if (!m->text.text[0])
        ql_problem(L, ASSESS_ERROR, t, r, "text", "must not be empty");
    m->help = ql_get_text(L, t, r, "help");
    m->theme = ql_get_text(L, t, r, "theme");
    if (!ok)
        return;
    if (assess_index_put(&L->multis, m->id, q->nmultis) != ASSESS_OK)
        L->nomem = true;
    q->nmultis++;
}

/* A list no question uses is most likely a typo in `choices`. */
void ql_check_lists_used(ql_loader *L)
{
    const assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_CHOICES];
    for (size_t s = 0; s < q->nlists; s++) {
        bool used = false;
        for (size_t m = 0; m < q->nmultis && !used; m++)
            used = q->multis[m].list == s;
        if (used)
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            if (strcmp(ql_get(t, r, "list"), q->lists[s].id) == 0) {
                ql_problem(L, ASSESS_WARNING, t, r, "list",
                           "list \"%s\" is used by no select_multiple question", q->lists[s].id);
                break;
            }
    }
}
