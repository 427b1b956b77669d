/*
 * questionnaire_internal.h — what the two halves of the questionnaire
 * loader share: questionnaire.c reads the files and keeps the field
 * helpers and look-ups; questionnaire_files.c turns each file into its
 * part of the model.  Private to the engine.
 */
#ifndef ASSESS_QUESTIONNAIRE_INTERNAL_H
#define ASSESS_QUESTIONNAIRE_INTERNAL_H

#include "table.h"

#define ITEMS_MAX   10000 /* docs/limits.md */
#define CHOICES_MAX 254   /* docs/limits.md: answers are stored in 8 bits */

enum {
    F_SETTINGS,
    F_DIMENSIONS,
    F_SCALES,
    F_ITEMS,
    F_STAGES,
    F_RECS,
    F_RESOURCES,
    F_GLOSSARY,
    F_CHOICES,
    F_COUNT
};

typedef struct {
    assess_questionnaire *q;
    assess_arena *a;
    assess_diags *d;
    assess_table t[F_COUNT];
    bool present[F_COUNT];
    bool nomem;
    assess_index dims, scales, items, resources;
    assess_index lists, multis; /* choices.csv lists, select_multiple items */
    assess_text *item_theme; /* per item, until themes are built */
    assess_vec texts;        /* every text read, for each language's coverage */
} ql_loader;

/* A problem at a row (and column, unless NULL) of table t. */
void ql_problem(ql_loader *L, assess_severity sev, const assess_table *t, size_t row,
                const char *column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/* Field helpers: the raw field, trimmed, required (a problem when empty),
 * with its translations; an id's pattern; a weight (default 1). */
const char *ql_get(const assess_table *t, size_t row, const char *column);
const char *ql_get_trim(ql_loader *L, const assess_table *t, size_t row, const char *column);
const char *ql_need(ql_loader *L, const assess_table *t, size_t row, const char *column);
assess_text ql_get_text(ql_loader *L, const assess_table *t, size_t row, const char *column);
bool ql_valid_id(const char *s);
double ql_get_weight(ql_loader *L, const assess_table *t, size_t row);
/* n zeroed elements from the arena (n may be 0), or NULL and nomem set. */
void *ql_alloc_array(ql_loader *L, size_t n, size_t size);
/* Whether file f has the columns (a problem for each that is missing). */
bool ql_has_columns(ql_loader *L, int f, const char *const *cols);

/* Each language's coverage (questionnaire_lang.c): ql_get_text hands every
 * text it reads to ql_lang_seen; ql_lang_end sums them once all files are
 * read, into q->languages, and frees what ql_lang_begin made. */
void ql_lang_begin(ql_loader *L);
void ql_lang_seen(ql_loader *L, const assess_table *t, size_t row, const char *column,
                  assess_text text);
void ql_lang_end(ql_loader *L);

/* One file each, in dependency order (questionnaire_files.c). */
void ql_load_settings(ql_loader *L);
void ql_load_dimensions(ql_loader *L);
void ql_load_scales(ql_loader *L);
void ql_load_items(ql_loader *L);
void ql_build_groups(ql_loader *L); /* themes and each dimension's items */
void ql_load_stages(ql_loader *L);
void ql_load_resources(ql_loader *L);
void ql_load_recommendations(ql_loader *L);
void ql_load_glossary(ql_loader *L);

/* The survey questions (questionnaire_multi.c): choices.csv before
 * items.csv; ql_load_items hands each row whose type is select_multiple
 * (ql_is_multi_row, which reports a type it does not know) to
 * ql_load_multi_item, id_ok saying whether its id passed the items'
 * own checks. */
void ql_load_choices(ql_loader *L);
bool ql_is_multi_row(ql_loader *L, const assess_table *t, size_t r);
void ql_load_multi_item(ql_loader *L, const assess_table *t, size_t r, bool id_ok);
void ql_check_lists_used(ql_loader *L);

#endif
