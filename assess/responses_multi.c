/*
 * responses_multi.c — answers to the survey questions, "choose all that
 * apply" (docs/formats.md): a cell that lists the chosen options, and a
 * long file's (or a workbook's) one row per option, ITEM/VALUE, answered
 * yes or no.  Options are matched by the one rule of answers (answer.h),
 * in any language of the questionnaire.  Kept apart from responses.c,
 * which calls these for the columns and rows that name a multi item.
 */
#include "responses_internal.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Past this many different cells, a question's column is read like free
 * text: each further cell is matched without being remembered. */
#define MULTI_MEMO_MAX 4096

/* A cell remembered: its text (in the arena), the text's length and
 * hash, and what it means. */
typedef struct {
    const char *text; /* NULL: an empty slot */
    uint32_t len, hash;
    uint64_t set;
} memo_slot;

/* Open addressing, at most half full.  Looked up for every survey cell
 * of a statewide file, so the hash takes the text eight bytes a step. */
struct multi_memo {
    memo_slot *slots;
    size_t cap, count;
};

static uint32_t cell_hash(const char *s, size_t n)
{
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15u;
    for (;;) {
        uint64_t w = 0;
        size_t step = n < 8 ? n : 8;
        memcpy(&w, s, step);
        h = (h ^ w) * 0x9E3779B97F4A7C15u;
        h ^= h >> 32;
        if (n <= 8)
            break;
        s += 8;
        n -= 8;
    }
    return (uint32_t)h;
}

/* The slot of s[0..n): its own, or the empty one it would take. */
static memo_slot *memo_find(const struct multi_memo *mm, const char *s, uint32_t n, uint32_t h)
{
    size_t j = h & (mm->cap - 1);
    while (mm->slots[j].text &&
           (mm->slots[j].hash != h || mm->slots[j].len != n || memcmp(mm->slots[j].text, s, n)))
        j = (j + 1) & (mm->cap - 1);
    return &mm->slots[j];
}

static bool memo_grow(struct multi_memo *mm)
{
    size_t cap = mm->cap ? mm->cap * 2 : 64;
    memo_slot *slots = calloc(cap, sizeof *slots), *old = mm->slots;
    if (!slots)
        return false;
    size_t old_cap = mm->cap;
    mm->slots = slots;
    mm->cap = cap;
    for (size_t j = 0; j < old_cap; j++)
        if (old[j].text)
            *memo_find(mm, old[j].text, old[j].len, old[j].hash) = old[j];
    free(old);
    return true;
}

struct multi_memo *assess_multi_memo_new(const assess_responses *r)
{
    size_t n = r->q->nmultis;
    return calloc(n ? n : 1, sizeof(struct multi_memo));
}

void assess_multi_memo_free(const assess_responses *r, struct multi_memo *mm)
{
    for (size_t m = 0; mm && m < r->q->nmultis; m++)
        free(mm[m].slots);
    free(mm);
}

bool assess_multi_state_init(assess_responses *r)
{
    const assess_questionnaire *q = r->q;
    struct assess_responses_state *s = r->state;
    assess_index_init(&s->multis);
    s->multi_memo = assess_multi_memo_new(r);
    s->list_keys = assess_arena_alloc(s->a, (q->nlists ? q->nlists : 1) * sizeof *s->list_keys);
    if (!s->multi_memo || !s->list_keys)
        return false;
    for (size_t k = 0; k < q->nlists; k++)
        if (!assess_answer_keys_build(&q->lists[k], s->a, &s->list_keys[k]))
            return false;
    for (size_t m = 0; m < q->nmultis; m++)
        if (assess_index_put(&s->multis, q->multis[m].id, m) != ASSESS_OK)
            return false;
    return true;
}

void assess_multi_state_cleanup(assess_responses *r)
{
    assess_index_cleanup(&r->state->multis);
    assess_multi_memo_free(r, r->state->multi_memo);
}

size_t assess_multi_of(const assess_responses *r, const char *id)
{
    return assess_index_get(&r->state->multis, id);
}

/* The error for a part of a cell that names no option. */
static void bad_option(const assess_responses *r, size_t m, const assess_row *row, size_t col,
                       const char *column_name, const char *s, size_t n, assess_diags *d)
{
    const assess_questionnaire *q = r->q;
    const assess_multi *mi = &q->multis[m];
    const assess_scale *ls = &q->lists[mi->list];
    char labels[600], values[300], hint[300] = "";
    assess_answer_choices(ls, labels, sizeof labels, values, sizeof values);
    size_t near = assess_answer_closest(&r->state->list_keys[mi->list], s, n);
    if (near != ASSESS_NONE)
        snprintf(hint, sizeof hint, "; did you mean \"%s\"?", ls->choices[near].label.text);
    int shown = (int)assess_utf8_cut(s, n, 80);
    assess_diags_add(d, ASSESS_ERROR, assess_row_loc(row, col),
                     "column \"%s\": \"%.*s\" is not an option of question %s: list the "
                     "options that apply by their codes separated by spaces (%s), or by their "
                     "labels separated by semicolons (%s)%s",
                     column_name, shown, s, mi->id, values, labels, hint);
}

/* The option s[0..n) names, or ASSESS_NONE; a guess from the start of a
 * label is taken only when `guess`, with a warning. */
static size_t match_option(const assess_responses *r, size_t m, const char *s, size_t n,
                           bool guess, const assess_row *row, size_t col,
                           const char *column_name, assess_diags *d, bool *nomem)
{
    const assess_questionnaire *q = r->q;
    size_t list = q->multis[m].list;
    const assess_scale *ls = &q->lists[list];
    assess_match_how how;
    size_t c = assess_answer_match(ls, &r->state->list_keys[list], s, n, &how);
    if (how == ASSESS_MATCH_NOMEM) {
        *nomem = true;
        return ASSESS_NONE;
    }
    if (c == ASSESS_NONE || (how == ASSESS_MATCH_PREFIX && !guess))
        return ASSESS_NONE;
    if (how == ASSESS_MATCH_PREFIX)
        assess_diags_add(d, ASSESS_WARNING, assess_row_loc(row, col),
                         "column \"%s\": \"%.*s\" taken as \"%s\" (%s), the one label it is the "
                         "start of; write the whole label to be sure",
                         column_name, (int)assess_utf8_cut(s, n, 80), s,
                         ls->choices[c].label.text, ls->choices[c].value);
    return c;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static uint64_t cell_match(const assess_responses *r, size_t m, const assess_row *row, size_t col,
                           const char *cell, const char *column_name, assess_diags *d, bool *nomem)
{
    const char *s;
    size_t n;
    assess_utf8_trim(cell, strlen(cell), &s, &n);
    if (n == 0)
        return 0;
    uint64_t set = ASSESS_MULTI_ANSWERED;
    /* the whole cell, one option ("Online", "basics") */
    size_t c = match_option(r, m, s, n, true, row, col, column_name, d, nomem);
    if (c != ASSESS_NONE || *nomem)
        return *nomem ? 0 : set | (uint64_t)1 << c;
    if (memchr(s, ';', n) || memchr(s, ',', n)) {
        /* labels hold spaces: a list of labels is separated by ; or , */
        size_t start = 0;
        for (size_t i = 0; i <= n; i++) {
            if (i < n && s[i] != ';' && s[i] != ',')
                continue;
            const char *p;
            size_t pn;
            assess_utf8_trim(s + start, i - start, &p, &pn);
            start = i + 1;
            if (pn == 0)
                continue;
            c = match_option(r, m, p, pn, true, row, col, column_name, d, nomem);
            if (*nomem)
                return 0;
            if (c == ASSESS_NONE) {
                bad_option(r, m, row, col, column_name, p, pn, d);
                return 0;
            }
            set |= (uint64_t)1 << c;
        }
        return set;
    }
    /* codes separated by spaces, as XLSForm tools write them; a label
     * among them is found as the longest run of words that is one */
    size_t i = 0;
    while (i < n) {
        while (i < n && is_space(s[i]))
            i++;
        if (i == n)
            break;
        size_t found = ASSESS_NONE, end = i;
        for (size_t j = n; j > i && found == ASSESS_NONE; j--) {
            if (j < n && !is_space(s[j]))
                continue; /* runs end at a space or the end of the cell */
            bool one_word = memchr(s + i, ' ', j - i) == NULL;
            found = match_option(r, m, s + i, j - i, one_word, row, col, column_name, d, nomem);
            if (*nomem)
                return 0;
            end = j;
        }
        if (found == ASSESS_NONE) {
            size_t w = i;
            while (w < n && !is_space(s[w]))
                w++;
            bad_option(r, m, row, col, column_name, s + i, w - i, d);
            return 0;
        }
        set |= (uint64_t)1 << found;
        i = end;
    }
    return set;
}

/* What a cell means depends on the question and the cell's text alone;
 * only its diagnostics name the row.  So a cell that gave none is
 * remembered, and the same text in a later row is that answer again;
 * one that warned (a guess from the start of a label) or was wrong is
 * matched, and reported, every time. */
uint64_t assess_multi_cell(const assess_responses *r, struct multi_memo *memo, assess_arena *a,
                           size_t m, const assess_row *row, size_t col, const char *cell,
                           const char *column_name, assess_diags *d, bool *nomem)
{
    struct multi_memo *mm = &memo[m];
    size_t len = strlen(cell);
    uint32_t h = len <= UINT32_MAX ? cell_hash(cell, len) : 0;
    if (mm->count) {
        const memo_slot *hit = memo_find(mm, cell, (uint32_t)len, h);
        if (hit->text)
            return hit->set;
    }
    size_t seen = d->count + d->dropped;
    uint64_t set = cell_match(r, m, row, col, cell, column_name, d, nomem);
    if (*nomem || d->count + d->dropped != seen || mm->count >= MULTI_MEMO_MAX || len > UINT32_MAX)
        return set;
    const char *text = assess_arena_strndup(a, cell, len);
    if (!text || ((mm->count + 1) * 2 > mm->cap && !memo_grow(mm))) {
        *nomem = true;
        return 0;
    }
    *memo_find(mm, cell, (uint32_t)len, h) =
        (memo_slot){.text = text, .len = (uint32_t)len, .hash = h, .set = set};
    mm->count++;
    return set;
}

/* yes or no, in the words a workbook's drop-down or a person writes;
 * -1 for anything else. */
static int yes_no(const char *s, size_t n, bool *nomem)
{
    static const char *const yes[] = {"yes", "y", "true", "1", "x", "si", "oui", "ja", "sim"};
    static const char *const no[] = {"no", "n", "false", "0", "non", "nein", "nao"};
    size_t fn = 0;
    char *f = assess_utf8_fold(s, n, ASSESS_FOLD_ALL, &fn);
    if (!f) {
        *nomem = true;
        return -1;
    }
    int v = -1;
    for (size_t k = 0; k < sizeof yes / sizeof *yes && v < 0; k++)
        if (!strcmp(f, yes[k]))
            v = 1;
    for (size_t k = 0; k < sizeof no / sizeof *no && v < 0; k++)
        if (!strcmp(f, no[k]))
            v = 0;
    free(f);
    return v;
}

/* The option of list ls whose value is v, or ASSESS_NONE. */
static size_t option_of(const assess_scale *ls, const char *v)
{
    for (size_t k = 0; k < ls->nchoices; k++)
        if (!strcmp(ls->choices[k].value, v))
            return k;
    return ASSESS_NONE;
}

size_t assess_multi_option_column(const assess_responses *r, const char *h)
{
    const char *slash = strrchr(h, '/');
    char item[256];
    size_t len = slash ? (size_t)(slash - h) : 0;
    if (!slash || len == 0 || len >= sizeof item)
        return ASSESS_NONE;
    memcpy(item, h, len);
    item[len] = '\0';
    /* the question may itself sit in a group: grp/ITEM/VALUE */
    const char *last = strrchr(item, '/');
    size_t m = assess_multi_of(r, last ? last + 1 : item);
    if (m == ASSESS_NONE)
        return ASSESS_NONE;
    size_t c = option_of(&r->q->lists[r->q->multis[m].list], slash + 1);
    return c == ASSESS_NONE ? ASSESS_NONE : m * ASSESS_MULTI_OPTIONS_MAX + c;
}

static void option_answer(const assess_responses *r, assess_submission *sub, size_t m, size_t c,
                          const assess_row *row, size_t col, const char *cell,
                          const char *column_name, assess_diags *d, bool *nomem)
{
    const char *s;
    size_t n;
    assess_utf8_trim(cell, strlen(cell), &s, &n);
    if (n == 0)
        return;
    int v = yes_no(s, n, nomem);
    if (v < 0 && !*nomem) {
        const assess_scale *ls = &r->q->lists[r->q->multis[m].list];
        assess_diags_add(d, ASSESS_ERROR, assess_row_loc(row, col),
                         "column \"%s\": \"%.*s\" does not say whether \"%s\" applies to "
                         "question %s: choose Yes or No (or leave it blank)",
                         column_name, (int)assess_utf8_cut(s, n, 80), s,
                         ls->choices[c].label.text, r->q->multis[m].id);
        return;
    }
    if (v >= 0)
        sub->multi[m] |= ASSESS_MULTI_ANSWERED | (v > 0 ? (uint64_t)1 << c : 0);
}

void assess_multi_option_cell(const assess_responses *r, assess_submission *sub, size_t which,
                              const assess_row *row, size_t col, const char *cell,
                              const char *column_name, assess_diags *d, bool *nomem)
{
    option_answer(r, sub, which / ASSESS_MULTI_OPTIONS_MAX, which % ASSESS_MULTI_OPTIONS_MAX, row,
                  col, cell, column_name, d, nomem);
}

bool assess_multi_long_row(const assess_responses *r, assess_submission *sub,
                           const assess_row *row, size_t id_col, size_t answer_col,
                           const char *id, const char *answer, assess_diags *d, bool *nomem)
{
    const assess_questionnaire *q = r->q;
    if (!sub->multi)
        return false;
    size_t m = assess_multi_of(r, id);
    if (m != ASSESS_NONE) {
        sub->multi[m] |= assess_multi_cell(r, r->state->multi_memo, r->state->a, m, row,
                                           answer_col, answer, "answer", d, nomem);
        return true;
    }
    /* ITEM/VALUE: one option, yes or no */
    const char *slash = strrchr(id, '/');
    if (!slash || slash == id)
        return false;
    char item[256];
    size_t len = (size_t)(slash - id);
    if (len >= sizeof item)
        return false;
    memcpy(item, id, len);
    item[len] = '\0';
    if ((m = assess_multi_of(r, item)) == ASSESS_NONE)
        return false;
    const assess_scale *ls = &q->lists[q->multis[m].list];
    size_t c = option_of(ls, slash + 1);
    if (c == ASSESS_NONE) {
        char values[300], labels[600];
        assess_answer_choices(ls, labels, sizeof labels, values, sizeof values);
        assess_diags_add(d, ASSESS_ERROR, assess_row_loc(row, id_col),
                         "column \"item\": \"%s\" names no option of question %s; its options "
                         "are %s",
                         id, item, values);
        return true;
    }
    option_answer(r, sub, m, c, row, answer_col, answer, "answer", d, nomem);
    return true;
}
