/*
 * util.h — small pieces the engine modules share: an arena for strings
 * and arrays that live as long as a questionnaire or response set, and
 * text helpers (trimming, ASCII case folding, number parsing, edit
 * distance).  Private to the engine.
 */
#ifndef ASSESS_UTIL_H
#define ASSESS_UTIL_H

#include "assess.h"

#include <stdio.h>

/* An arena hands out memory that is freed all at once.  Allocation
 * failure is sticky: the arena remembers it and every later allocation
 * returns NULL, so a loader can check once at the end. */
typedef struct assess_arena assess_arena;

assess_arena *assess_arena_new(void);
void assess_arena_free(assess_arena *a);
void *assess_arena_alloc(assess_arena *a, size_t size); /* zeroed */
/* Aligned to align (a power of two no larger than max_align_t's) rather
 * than to max_align_t: for the many small arrays of a large file. */
void *assess_arena_alloc_aligned(assess_arena *a, size_t size, size_t align);
char *assess_arena_strdup(assess_arena *a, const char *s);
char *assess_arena_strndup(assess_arena *a, const char *s, size_t n);
bool assess_arena_failed(const assess_arena *a);
/* Everything `from` holds becomes a's, freed with it; `from` is freed. */
void assess_arena_adopt(assess_arena *a, assess_arena *from);

/* A growable array of fixed-size elements, for building lists whose size
 * is not known in advance. */
typedef struct {
    void *data;
    size_t count, cap, size;
} assess_vec;

void assess_vec_init(assess_vec *v, size_t elem_size);
void assess_vec_cleanup(assess_vec *v);
void *assess_vec_push(assess_vec *v); /* a zeroed new element, or NULL */
/* Room for n elements in all; false when memory ran out. */
bool assess_vec_reserve(assess_vec *v, size_t n);

/* Text helpers. */
bool assess_str_ieq(const char *a, const char *b); /* ASCII case-insensitive */
/* The bounds of s without leading and trailing spaces and tabs. */
void assess_str_trim(const char *s, const char **start, size_t *len);
/* Parses a whole decimal number (leading/trailing spaces allowed). */
bool assess_str_number(const char *s, double *out);
/* A number as a spreadsheet in any locale shows it: digits grouped by
 * thousands with commas, full stops, apostrophes or spaces of any kind
 * ("48,210", "48.210", "48 210", "48’210"), and a decimal comma or full
 * stop ("12,5").  A separator followed by exactly three digits groups
 * thousands; the last one followed by another count of digits is the
 * decimal mark.  False when v is not such a number ("1,2,3", "12.5.1"). */
bool assess_str_grouped_number(const char *v, double *out);
/* YYYY-MM-DD, optionally followed by a time ('T' or ' '), naming a real day. */
bool assess_str_iso_date(const char *v);
/* A spreadsheet date (serial days since 1899-12-30) as YYYY-MM-DD in
 * out; false when v is not a number in Excel's date range. */
bool assess_str_serial_date(const char *v, char out[11]);
/* Levenshtein distance of a and b, or `limit + 1` when it exceeds limit. */
size_t assess_str_distance(const char *a, const char *b, size_t limit);
/* assess_str_idistance (letter case aside) is public: assess.h. */


/* A string-keyed hash index over values of type size_t. */
typedef struct {
    const char *key; /* NULL: an empty slot */
    size_t value;
    uint32_t hash; /* the key's: a probe compares it before the text, and
                      growing never reads the keys again */
} assess_index_slot;

typedef struct {
    assess_index_slot *slots; /* key, value and hash side by side: one
                                 cache line a probe in a large index */
    size_t cap, count;
} assess_index;

void assess_index_init(assess_index *ix);
void assess_index_cleanup(assess_index *ix);
/* Keys are not copied: they must outlive the index. */
assess_status assess_index_put(assess_index *ix, const char *key, size_t value);
size_t assess_index_get(const assess_index *ix, const char *key); /* or ASSESS_NONE */

/* Texts kept once each in an arena: a column whose values repeat (a
 * cycle, a region) costs one copy per value, not one per row.  After
 * `max` different values the set stops growing (a population, a name)
 * and every further text is copied, as an index entry would cost more
 * than the copy. */
typedef struct {
    assess_index ix; /* text → index into kept */
    assess_vec kept; /* const char *: the copies */
    size_t max;
} assess_intern;

void assess_intern_init(assess_intern *t, size_t max);
void assess_intern_cleanup(assess_intern *t);
/* s[0..n) kept in a (NUL-terminated), or the copy kept before; NULL when
 * memory ran out. */
const char *assess_intern_keep(assess_intern *t, assess_arena *a, const char *s, size_t n);

#endif
