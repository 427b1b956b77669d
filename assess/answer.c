/*
 * answer.c — what a person typed, matched to a choice (docs/formats.md, told
 * in docs/formats.md): trimmed of spaces of any kind, then, in order, a
 * value exactly; a value or a label in any language once both are folded
 * (NFC, case, accents, curly quotes); "VALUE - LABEL" or "VALUE. LABEL"
 * when both halves name the same choice; the start, three letters or
 * more, of one folded label only.  The caller warns about a prefix: it
 * is a guess, and a guess changes a score.
 */
#include "answer.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool push_key(assess_vec *v, assess_arena *a, size_t choice, bool label, const char *lang,
                     const char *text)
{
    if (!text[0])
        return true;
    size_t n = 0;
    char *f = assess_utf8_fold(text, strlen(text), ASSESS_FOLD_ALL, &n);
    assess_answer_key *k = f ? assess_vec_push(v) : NULL;
    const char *key = k ? assess_arena_strndup(a, f, n) : NULL;
    free(f);
    if (!key)
        return false;
    *k = (assess_answer_key){.choice = choice, .label = label, .lang = lang, .text = text,
                             .key = key};
    return true;
}

bool assess_answer_keys_build(const assess_scale *sc, assess_arena *a, assess_answer_keys *out)
{
    assess_vec v;
    assess_vec_init(&v, sizeof(assess_answer_key));
    bool ok = true;
    for (size_t c = 0; c < sc->nchoices && ok; c++) {
        const assess_choice *ch = &sc->choices[c];
        ok = push_key(&v, a, c, false, NULL, ch->value) &&
             push_key(&v, a, c, true, NULL, ch->label.text);
        for (size_t t = 0; t < ch->label.ntranslations && ok; t++)
            ok = push_key(&v, a, c, true, ch->label.translations[t].lang,
                          ch->label.translations[t].text);
    }
    out->nkeys = v.count;
    out->keys = ok && v.count ? assess_arena_alloc(a, v.count * sizeof *out->keys) : NULL;
    if (out->keys)
        memcpy(out->keys, v.data, v.count * sizeof *out->keys);
    assess_vec_cleanup(&v);
    return ok && (out->keys || v.count == 0);
}

/* Whether the NUL-terminated v equals s[0..n). */
static bool span_eq(const char *v, const char *s, size_t n)
{
    return strncmp(v, s, n) == 0 && v[n] == '\0';
}

/* The one choice whose folded value (label = false) or label (true)
 * equals f[0..n), or ASSESS_NONE. */
static size_t find_key(const assess_answer_keys *k, const char *f, size_t n, int label)
{
    for (size_t i = 0; i < k->nkeys; i++) {
        if ((label < 0 || k->keys[i].label == (label > 0)) && span_eq(k->keys[i].key, f, n))
            return k->keys[i].choice;
    }
    return ASSESS_NONE;
}

/* "3 - Established", "3. Established", "3 – Established": a value, a
 * dash or a full stop, a label of the same choice. */
static size_t match_pair(const assess_answer_keys *k, const char *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (f[i] != '-' && f[i] != '.')
            continue;
        const char *l, *r;
        size_t ln, rn;
        assess_utf8_trim(f, i, &l, &ln);
        assess_utf8_trim(f + i + 1, n - i - 1, &r, &rn);
        if (ln == 0 || rn == 0)
            continue;
        size_t value = find_key(k, l, ln, 0);
        if (value != ASSESS_NONE && find_key(k, r, rn, 1) == value) {
            /* the label must belong to this choice, whichever choice
             * another language's label of the same text belongs to */
            return value;
        }
        for (size_t j = 0; value != ASSESS_NONE && j < k->nkeys; j++) {
            if (k->keys[j].label && k->keys[j].choice == value && span_eq(k->keys[j].key, r, rn))
                return value;
        }
    }
    return ASSESS_NONE;
}

/* "Estab.", "establ": the start of one choice's folded label (in any
 * language), at least three letters long.  A trailing full stop marks an
 * abbreviation and is not part of the start. */
static size_t match_prefix(const assess_answer_keys *k, const char *f, size_t n)
{
    while (n > 0 && (f[n - 1] == '.' || f[n - 1] == ' '))
        n--;
    if (assess_utf8_letters(f, n) < 3)
        return ASSESS_NONE;
    size_t found = ASSESS_NONE;
    for (size_t i = 0; i < k->nkeys; i++) {
        if (!k->keys[i].label || strncmp(k->keys[i].key, f, n) != 0)
            continue;
        if (found != ASSESS_NONE && found != k->keys[i].choice)
            return ASSESS_NONE; /* the start of two choices' labels */
        found = k->keys[i].choice;
    }
    return found;
}

size_t assess_answer_match(const assess_scale *sc, const assess_answer_keys *k, const char *s,
                           size_t n, assess_match_how *how)
{
    *how = ASSESS_MATCH_NONE;
    if (n == 0)
        return ASSESS_NONE;
    /* Exact values first, in place, without a copy: this runs once per
     * answer, millions of times in a statewide file. */
    for (size_t c = 0; c < sc->nchoices; c++) {
        if (span_eq(sc->choices[c].value, s, n)) {
            *how = ASSESS_MATCH_EXACT;
            return c;
        }
    }
    size_t fn = 0;
    char *f = assess_utf8_fold(s, n, ASSESS_FOLD_ALL, &fn);
    if (!f) {
        *how = ASSESS_MATCH_NOMEM;
        return ASSESS_NONE;
    }
    size_t c = find_key(k, f, fn, -1);
    *how = ASSESS_MATCH_FOLDED;
    if (c == ASSESS_NONE) {
        c = match_pair(k, f, fn);
        *how = ASSESS_MATCH_PAIR;
    }
    if (c == ASSESS_NONE) {
        c = match_prefix(k, f, fn);
        *how = ASSESS_MATCH_PREFIX;
    }
    free(f);
    if (c == ASSESS_NONE)
        *how = ASSESS_MATCH_NONE;
    return c;
}

size_t assess_answer_closest(const assess_answer_keys *k, const char *s, size_t n)
{
    size_t fn = 0;
    char *f = assess_utf8_fold(s, n, ASSESS_FOLD_ALL, &fn);
    if (!f)
        return ASSESS_NONE;
    size_t best = ASSESS_NONE, best_d = 0;
    for (size_t i = 0; i < k->nkeys; i++) {
        if (!k->keys[i].label)
            continue;
        size_t len = strlen(k->keys[i].key);
        /* near means at most a third of the label's letters changed */
        size_t limit = len / 3 > 0 ? len / 3 : 1;
        size_t d = assess_str_distance(f, k->keys[i].key, limit);
        /* "Mostly" for "Most": the label is where the answer starts */
        if (d > limit && len >= 3 && strncmp(f, k->keys[i].key, len) == 0)
            d = limit;
        if (d <= limit && (best == ASSESS_NONE || d < best_d)) {
            best = k->keys[i].choice;
            best_d = d;
        }
    }
    free(f);
    return best;
}

/* "Not started, Exploring, …": a scale's labels, scored choices by
 * points and then the others, and "0, 1, …": its values, in the same
 * order. */
void assess_answer_choices(const assess_scale *sc, char *labels, size_t lsize, char *values,
                         size_t vsize)
{
    size_t lu = 0, vu = 0;
    labels[0] = values[0] = '\0';
    for (size_t k = 0; k < sc->nchoices; k++) {
        size_t c = k < sc->nlevels ? sc->levels[k] : ASSESS_NONE;
        if (c == ASSESS_NONE) {
            /* the n-th choice that is not scored */
            size_t seen = sc->nlevels;
            for (size_t j = 0; j < sc->nchoices && c == ASSESS_NONE; j++) {
                if (sc->choices[j].kind != ASSESS_CHOICE_SCORED && seen++ == k)
                    c = j;
            }
        }
        if (c == ASSESS_NONE)
            continue;
        if (lu < lsize - 80) {
            int w = snprintf(labels + lu, lsize - lu, "%s%s", k ? ", " : "",
                             sc->choices[c].label.text);
            lu += w > 0 ? (size_t)w : 0;
        }
        if (vu < vsize - 40) {
            int w = snprintf(values + vu, vsize - vu, "%s%s", k ? ", " : "", sc->choices[c].value);
            vu += w > 0 ? (size_t)w : 0;
        }
    }
    if (lu >= lsize - 80)
        snprintf(labels + lsize - 80, 80, ", …");
    if (vu >= vsize - 40)
        snprintf(values + vsize - 40, 40, ", …");
}
