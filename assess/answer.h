/*
 * answer.h — matching what a person typed to a choice of a scale
 * (docs/formats.md, "How answers are matched"), and the question numbers
 * messages about answers name.  Private to the engine.
 */
#ifndef ASSESS_ANSWER_H
#define ASSESS_ANSWER_H

#include "assess.h"
#include "util.h"

/* One folded text a choice answers to: its value or one of its labels. */
typedef struct {
    size_t choice;
    bool label;       /* a label (in some language), not the value */
    const char *lang; /* the label's language; NULL for the value and the main label */
    const char *text; /* as written in the questionnaire */
    const char *key;  /* folded (utf8.h, ASSESS_FOLD_ALL) */
} assess_answer_key;

/* Every folded text of one scale, built once per response set. */
typedef struct {
    size_t nkeys;
    assess_answer_key *keys;
} assess_answer_keys;

/* The keys of scale sc, in arena a; false when memory ran out. */
bool assess_answer_keys_build(const assess_scale *sc, assess_arena *a, assess_answer_keys *out);

/* How an answer was matched, in the order the rule tries. */
typedef enum {
    ASSESS_MATCH_NONE,
    ASSESS_MATCH_EXACT,  /* a choice's value, as written */
    ASSESS_MATCH_FOLDED, /* a value or a label in any language, folded */
    ASSESS_MATCH_PAIR,   /* "VALUE - LABEL" or "VALUE. LABEL", both halves agreeing */
    ASSESS_MATCH_PREFIX, /* the start (3 letters or more) of one folded label only */
    ASSESS_MATCH_NOMEM
} assess_match_how;

/* The choice s[0..n) (already trimmed) stands for, or ASSESS_NONE. */
size_t assess_answer_match(const assess_scale *sc, const assess_answer_keys *k, const char *s,
                           size_t n, assess_match_how *how);

/* The choice whose label is closest to s[0..n) in edit distance after
 * folding, for a "did you mean"; ASSESS_NONE when none is near. */
size_t assess_answer_closest(const assess_answer_keys *k, const char *s, size_t n);

/* A scale's labels ("Not started, Exploring, …") and values ("0, 1, …")
 * as lists for a message, scored choices by points first, then the
 * others; cut with "…" when a buffer is full (sizes of 120 and up). */
void assess_answer_choices(const assess_scale *sc, char *labels, size_t lsize, char *values,
                           size_t vsize);


#endif
