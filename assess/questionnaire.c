/*
 * questionnaire.c — loads a questionnaire package (DESIGN §2) and checks
 * every rule and cross-reference, reporting all problems rather than the
 * first.  The files are read whole into tables (table.h), then turned into
 * the model of assess.h in dependency order.  Scoring is elsewhere.
 */
#include "table.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define ITEMS_MAX 10000   /* docs/limits.md */
#define CHOICES_MAX 1000 /* docs/limits.md: each is checked against every other */

enum { F_SETTINGS, F_DIMENSIONS, F_SCALES, F_ITEMS, F_STAGES, F_RECS, F_RESOURCES, F_GLOSSARY,
       F_COUNT };

static const struct {
    const char *name;
    bool required;
} files[F_COUNT] = {
    {"settings", true},         {"dimensions", true}, {"scales", true},
    {"items", true},            {"stages", true},     {"recommendations", false},
    {"resources", false},       {"glossary", false},
};

typedef struct {
    assess_questionnaire *q;
    assess_arena *a;
    assess_diags *d;
    assess_table t[F_COUNT];
    bool present[F_COUNT];
    bool nomem;
    assess_index dims, scales, items, resources;
    assess_text *item_theme; /* per item, until themes are built */
} loader;

/* ## Reporting */

static void problem(loader *L, assess_severity sev, const assess_table *t, size_t row,
                    const char *column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

static void problem(loader *L, assess_severity sev, const assess_table *t, size_t row,
                    const char *column, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    size_t col = column ? assess_table_col(t, column) : ASSESS_NONE;
    assess_loc loc = assess_table_loc(t, row, col);
    if (column)
        assess_diags_add(L->d, sev, loc, "column \"%s\": %s", column, msg);
    else
        assess_diags_add(L->d, sev, loc, "%s", msg);
}

/* ## Field helpers */

static const char *get(const assess_table *t, size_t row, const char *column)
{
    return assess_table_get(t, row, assess_table_col(t, column));
}

/* A copy of the field without surrounding blanks. */
static const char *get_trim(loader *L, const assess_table *t, size_t row, const char *column)
{
    const char *s;
    size_t n;
    assess_str_trim(get(t, row, column), &s, &n);
    const char *c = assess_arena_strndup(L->a, s, n);
    if (!c) {
        L->nomem = true;
        return "";
    }
    return c;
}

/* A required field: reports an empty one. */
static const char *need(loader *L, const assess_table *t, size_t row, const char *column)
{
    const char *v = get_trim(L, t, row, column);
    if (!v[0])
        problem(L, ASSESS_ERROR, t, row, column, "must not be empty");
    return v;
}

/* A text column with its `COLUMN::LANG` translations. */
static assess_text get_text(loader *L, const assess_table *t, size_t row, const char *column)
{
    assess_text txt = {.text = get_trim(L, t, row, column)};
    size_t len = strlen(column);
    size_t n = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        if (strncmp(t->header[c], column, len) == 0 && strncmp(t->header[c] + len, "::", 2) == 0)
            n++;
    }
    if (n == 0)
        return txt;
    assess_translation *tr = assess_arena_alloc(L->a, n * sizeof *tr);
    if (!tr) {
        L->nomem = true;
        return txt;
    }
    size_t k = 0;
    for (size_t c = 0; c < t->ncols; c++) {
        const char *h = t->header[c];
        if (strncmp(h, column, len) == 0 && strncmp(h + len, "::", 2) == 0) {
            tr[k].lang = h + len + 2;
            tr[k].text = assess_table_get(t, row, c);
            k++;
        }
    }
    txt.translations = tr;
    txt.ntranslations = k;
    return txt;
}

static bool valid_id(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return false;
    for (const char *p = s + 1; *p; p++) {
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
            return false;
    }
    return true;
}

/* An optional positive weight, 1 when empty. */
static double get_weight(loader *L, const assess_table *t, size_t row)
{
    const char *w = get(t, row, "weight");
    const char *s;
    size_t n;
    assess_str_trim(w, &s, &n);
    if (n == 0)
        return 1.0;
    double v;
    if (!assess_str_number(w, &v) || v <= 0) {
        problem(L, ASSESS_ERROR, t, row, "weight", "\"%s\" is not a number greater than 0", w);
        return 1.0;
    }
    return v;
}

static void *alloc_array(loader *L, size_t n, size_t size)
{
    void *p = assess_arena_alloc(L->a, (n ? n : 1) * size);
    if (!p)
        L->nomem = true;
    return p;
}

/* Checks that every required column is in the header. */
static bool has_columns(loader *L, int f, const char *const *cols)
{
    bool ok = true;
    for (; *cols; cols++) {
        if (assess_table_col(&L->t[f], *cols) == ASSESS_NONE) {
            problem(L, ASSESS_ERROR, &L->t[f], ASSESS_NONE, *cols, "required column is missing");
            ok = false;
        }
    }
    return ok;
}

/* ## settings.csv */

static void load_settings(loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_SETTINGS];
    q->language = "en";
    q->min_coverage = 0.8;
    q->min_group_size = 5;
    q->entity_label.text = "City";
    q->id = q->version = "";
    q->title.text = "";
    if (!has_columns(L, F_SETTINGS, (const char *[]){"key", "value", NULL}))
        return;
    q->settings = alloc_array(L, t->nrows, sizeof *q->settings);
    if (!q->settings)
        return;
    bool seen_id = false, seen_version = false, seen_title = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *key = need(L, t, r, "key");
        if (!key[0])
            continue;
        for (size_t k = 0; k < q->nsettings; k++) {
            if (strcmp(q->settings[k].key, key) == 0)
                problem(L, ASSESS_ERROR, t, r, "key", "\"%s\" is given twice", key);
        }
        assess_text value = get_text(L, t, r, "value");
        q->settings[q->nsettings++] = (assess_setting){.key = key, .value = value};
        const char *v = value.text;
        if (strcmp(key, "id") == 0) {
            seen_id = true;
            q->id = v;
            bool ok = islower((unsigned char)v[0]);
            for (const char *p = v; *p && ok; p++)
                ok = islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-';
            if (!ok)
                problem(L, ASSESS_ERROR, t, r, "value",
                        "id \"%s\" must be lower-case letters, digits and '-', starting with a "
                        "letter",
                        v);
        } else if (strcmp(key, "version") == 0) {
            seen_version = true;
            q->version = v;
            if (!v[0])
                problem(L, ASSESS_ERROR, t, r, "value", "version must not be empty");
        } else if (strcmp(key, "title") == 0) {
            seen_title = true;
            q->title = value;
            if (!v[0])
                problem(L, ASSESS_ERROR, t, r, "value", "title must not be empty");
        } else if (strcmp(key, "language") == 0) {
            if (v[0])
                q->language = v;
        } else if (strcmp(key, "min_coverage") == 0) {
            double x;
            if (!assess_str_number(v, &x) || x < 0 || x > 1)
                problem(L, ASSESS_ERROR, t, r, "value",
                        "min_coverage \"%s\" is not a number from 0 to 1", v);
            else
                q->min_coverage = x;
        } else if (strcmp(key, "min_group_size") == 0) {
            double x;
            if (!assess_str_number(v, &x) || x < 1 || x != floor(x) || x > INT_MAX)
                problem(L, ASSESS_ERROR, t, r, "value",
                        "min_group_size \"%s\" is not a whole number of at least 1", v);
            else
                q->min_group_size = (int)x;
        } else if (strcmp(key, "entity_label") == 0) {
            if (v[0])
                q->entity_label = value;
        }
    }
    const char *missing[3];
    int nmissing = 0;
    if (!seen_id)
        missing[nmissing++] = "id";
    if (!seen_version)
        missing[nmissing++] = "version";
    if (!seen_title)
        missing[nmissing++] = "title";
    for (int i = 0; i < nmissing; i++)
        problem(L, ASSESS_ERROR, t, ASSESS_NONE, "key", "required key \"%s\" is missing",
                missing[i]);
}

/* ## dimensions.csv */

static void load_dimensions(loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_DIMENSIONS];
    if (!has_columns(L, F_DIMENSIONS, (const char *[]){"id", "label", NULL}))
        return;
    q->dimensions = alloc_array(L, t->nrows, sizeof *q->dimensions);
    if (!q->dimensions)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = need(L, t, r, "id");
        if (id[0] && !valid_id(id))
            problem(L, ASSESS_ERROR, t, r, "id",
                    "\"%s\" is not a valid id (a letter, then letters, digits, '_' or '-')", id);
        if (id[0] && assess_index_get(&L->dims, id) != ASSESS_NONE)
            problem(L, ASSESS_ERROR, t, r, "id", "dimension \"%s\" is defined twice", id);
        assess_dimension *dim = &q->dimensions[q->ndimensions];
        dim->id = id;
        dim->label = get_text(L, t, r, "label");
        if (!dim->label.text[0])
            problem(L, ASSESS_ERROR, t, r, "label", "must not be empty");
        dim->description = get_text(L, t, r, "description");
        dim->weight = get_weight(L, t, r);
        dim->line = t->rows[r].line;
        if (id[0] && assess_index_get(&L->dims, id) == ASSESS_NONE &&
            assess_index_put(&L->dims, id, q->ndimensions) != ASSESS_OK)
            L->nomem = true;
        q->ndimensions++;
    }
}

/* ## scales.csv */

static int cmp_points(const void *x, const void *y, const assess_choice *choices)
{
    const assess_choice *a = &choices[*(const size_t *)x];
    const assess_choice *b = &choices[*(const size_t *)y];
    if (a->points != b->points)
        return a->points < b->points ? -1 : 1;
    /* equal points: keep file order (sort is stable below) */
    return *(const size_t *)x < *(const size_t *)y ? -1 : 1;
}

/* Orders a scale's scored choices by points; insertion sort is plenty
 * for scales of a handful of choices and is stable. */
static void order_levels(assess_scale *s)
{
    for (size_t i = 1; i < s->nlevels; i++) {
        size_t v = s->levels[i];
        size_t j = i;
        while (j > 0 && cmp_points(&s->levels[j - 1], &v, s->choices) > 0) {
            s->levels[j] = s->levels[j - 1];
            j--;
        }
        s->levels[j] = v;
    }
    for (size_t k = 0; k < s->nlevels; k++)
        s->choices[s->levels[k]].level = (int)k;
}

static void load_scales(loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_SCALES];
    if (!has_columns(L, F_SCALES, (const char *[]){"scale", "value", "label", "points", NULL}))
        return;
    /* Scales are rows grouped by the `scale` column, in order of first use. */
    size_t *owner = alloc_array(L, t->nrows, sizeof *owner);
    q->scales = alloc_array(L, t->nrows, sizeof *q->scales);
    if (!owner || !q->scales)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = need(L, t, r, "scale");
        owner[r] = ASSESS_NONE;
        if (!id[0])
            continue;
        size_t s = assess_index_get(&L->scales, id);
        if (s == ASSESS_NONE) {
            s = q->nscales++;
            q->scales[s].id = id;
            if (assess_index_put(&L->scales, id, s) != ASSESS_OK)
                L->nomem = true;
        }
        owner[r] = s;
        q->scales[s].nchoices++;
    }
    for (size_t s = 0; s < q->nscales; s++) {
        assess_scale *sc = &q->scales[s];
        sc->choices = alloc_array(L, sc->nchoices, sizeof *sc->choices);
        sc->levels = alloc_array(L, sc->nchoices, sizeof *sc->levels);
        if (!sc->choices || !sc->levels)
            return;
        sc->nchoices = 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (owner[r] == ASSESS_NONE)
            continue;
        assess_scale *sc = &q->scales[owner[r]];
        assess_choice *c = &sc->choices[sc->nchoices];
        c->value = need(L, t, r, "value");
        c->label = get_text(L, t, r, "label");
        if (!c->label.text[0])
            problem(L, ASSESS_ERROR, t, r, "label", "must not be empty");
        c->description = get_text(L, t, r, "description");
        c->line = t->rows[r].line;
        c->level = -1;
        const char *pts = get_trim(L, t, r, "points");
        if (strcmp(pts, "na") == 0) {
            c->kind = ASSESS_CHOICE_NA;
        } else if (strcmp(pts, "unknown") == 0) {
            c->kind = ASSESS_CHOICE_UNKNOWN;
        } else if (assess_str_number(pts, &c->points) && c->points >= 0) {
            c->kind = ASSESS_CHOICE_SCORED;
            sc->levels[sc->nlevels++] = sc->nchoices;
            if (c->points > sc->max_points)
                sc->max_points = c->points;
        } else {
            problem(L, ASSESS_ERROR, t, r, "points",
                    "\"%s\" is not a number of at least 0, \"na\" or \"unknown\"", pts);
            c->kind = ASSESS_CHOICE_UNKNOWN;
        }
        /* Answers are matched by value, then by value or label ignoring
         * case: two choices that one answer could mean are ambiguous. */
        /* (not past the limit, which is an error: the checks are quadratic) */
        for (size_t k = 0; k < sc->nchoices && sc->nchoices < CHOICES_MAX; k++) {
            const assess_choice *o = &sc->choices[k];
            if (c->value[0] && strcmp(o->value, c->value) == 0)
                problem(L, ASSESS_ERROR, t, r, "value", "scale \"%s\" has value \"%s\" twice",
                        sc->id, c->value);
            else if (c->value[0] && assess_str_ieq(o->value, c->value))
                problem(L, ASSESS_ERROR, t, r, "value",
                        "scale \"%s\" has values \"%s\" and \"%s\", which differ only in case",
                        sc->id, o->value, c->value);
            if (c->label.text[0] && assess_str_ieq(o->label.text, c->label.text))
                problem(L, ASSESS_ERROR, t, r, "label", "scale \"%s\" has label \"%s\" twice",
                        sc->id, c->label.text);
            if (c->label.text[0] && assess_str_ieq(o->value, c->label.text))
                problem(L, ASSESS_ERROR, t, r, "label",
                        "label \"%s\" is also the value of another choice of scale \"%s\"",
                        c->label.text, sc->id);
            if (o->label.text[0] && assess_str_ieq(o->label.text, c->value))
                problem(L, ASSESS_ERROR, t, r, "value",
                        "value \"%s\" is also the label of another choice of scale \"%s\"",
                        c->value, sc->id);
            if (c->kind == ASSESS_CHOICE_SCORED && o->kind == ASSESS_CHOICE_SCORED &&
                o->points == c->points)
                problem(L, ASSESS_WARNING, t, r, "points",
                        "scale \"%s\" gives %s points to both \"%s\" and \"%s\"; they count "
                        "as different levels in file order",
                        sc->id, pts, o->value, c->value);
        }
        sc->nchoices++;
    }
    for (size_t s = 0; s < q->nscales; s++) {
        assess_scale *sc = &q->scales[s];
        size_t first = ASSESS_NONE;
        for (size_t r = 0; r < t->nrows && first == ASSESS_NONE; r++) {
            if (owner[r] == s)
                first = r;
        }
        if (sc->nchoices > CHOICES_MAX)
            problem(L, ASSESS_ERROR, t, first, "scale", "scale \"%s\" has more than %d choices",
                    sc->id, CHOICES_MAX);
        if (sc->nlevels < 2)
            problem(L, ASSESS_ERROR, t, first, "points",
                    "scale \"%s\" has %zu scored choice%s; it needs at least two", sc->id,
                    sc->nlevels, sc->nlevels == 1 ? "" : "s");
        else if (sc->max_points <= 0)
            problem(L, ASSESS_ERROR, t, first, "points",
                    "scale \"%s\" gives 0 points to every choice; the top must be above 0",
                    sc->id);
        order_levels(sc);
    }
}

/* ## items.csv and themes */

static void load_items(loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_ITEMS];
    if (!has_columns(L, F_ITEMS, (const char *[]){"id", "dimension", "text", "scale", NULL}))
        return;
    if (t->nrows > ITEMS_MAX) {
        problem(L, ASSESS_ERROR, t, ITEMS_MAX, NULL, "more than %d items", ITEMS_MAX);
        return;
    }
    q->items = alloc_array(L, t->nrows, sizeof *q->items);
    L->item_theme = alloc_array(L, t->nrows, sizeof *L->item_theme);
    if (!q->items || !L->item_theme)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_item *it = &q->items[q->nitems];
        it->id = need(L, t, r, "id");
        it->line = t->rows[r].line;
        bool ok = it->id[0] != '\0';
        if (ok && !valid_id(it->id)) {
            problem(L, ASSESS_ERROR, t, r, "id",
                    "\"%s\" is not a valid item id (a letter, then letters, digits, '_' or '-')",
                    it->id);
            ok = false;
        }
        if (ok && assess_column_reserved(it->id)) {
            problem(L, ASSESS_ERROR, t, r, "id",
                    "\"%s\" names the %s column of a responses file, so it cannot be an item "
                    "id",
                    it->id, assess_column_reserved(it->id));
            ok = false;
        }
        if (ok && assess_index_get(&L->items, it->id) != ASSESS_NONE) {
            problem(L, ASSESS_ERROR, t, r, "id", "item \"%s\" is defined twice", it->id);
            ok = false;
        }
        const char *dim = need(L, t, r, "dimension");
        it->dimension = assess_index_get(&L->dims, dim);
        if (dim[0] && it->dimension == ASSESS_NONE) {
            problem(L, ASSESS_ERROR, t, r, "dimension", "\"%s\" is not a dimension in %s", dim,
                    "dimensions.csv");
            ok = false;
        }
        const char *scale = need(L, t, r, "scale");
        it->scale = assess_index_get(&L->scales, scale);
        if (scale[0] && it->scale == ASSESS_NONE) {
            problem(L, ASSESS_ERROR, t, r, "scale", "\"%s\" is not a scale in %s", scale,
                    "scales.csv");
            ok = false;
        }
        it->text = get_text(L, t, r, "text");
        if (!it->text.text[0])
            problem(L, ASSESS_ERROR, t, r, "text", "must not be empty");
        it->help = get_text(L, t, r, "help");
        it->evidence = get_text(L, t, r, "evidence");
        it->weight = get_weight(L, t, r);
        it->theme = ASSESS_NONE;
        if (!ok || it->dimension == ASSESS_NONE || it->scale == ASSESS_NONE)
            continue;
        if (assess_index_put(&L->items, it->id, q->nitems) != ASSESS_OK)
            L->nomem = true;
        L->item_theme[q->nitems] = get_text(L, t, r, "theme");
        q->nitems++;
    }
}

/* Groups items into dimensions and themes: themes are keyed by
 * (dimension, theme text) and listed by dimension, in order of first use. */
static void build_groups(loader *L)
{
    assess_questionnaire *q = L->q;
    q->themes = alloc_array(L, q->nitems, sizeof *q->themes);
    if (!q->themes)
        return;
    for (size_t d = 0; d < q->ndimensions; d++) {
        assess_dimension *dim = &q->dimensions[d];
        dim->first_theme = q->nthemes;
        for (size_t i = 0; i < q->nitems; i++) {
            assess_item *it = &q->items[i];
            if (it->dimension != d)
                continue;
            dim->nitems++;
            const assess_text *name = &L->item_theme[i];
            if (!name->text[0])
                continue;
            size_t th = ASSESS_NONE;
            for (size_t k = dim->first_theme; k < q->nthemes; k++) {
                if (strcmp(q->themes[k].name.text, name->text) == 0)
                    th = k;
            }
            if (th == ASSESS_NONE) {
                th = q->nthemes++;
                q->themes[th] = (assess_theme){.dimension = d, .name = *name};
            }
            q->themes[th].nitems++;
            it->theme = th;
        }
        dim->nthemes = q->nthemes - dim->first_theme;
        dim->items = alloc_array(L, dim->nitems, sizeof *dim->items);
        if (!dim->items)
            return;
    }
    for (size_t k = 0; k < q->nthemes; k++) {
        q->themes[k].items = alloc_array(L, q->themes[k].nitems, sizeof(size_t));
        if (!q->themes[k].items)
            return;
        q->themes[k].nitems = 0;
    }
    for (size_t d = 0; d < q->ndimensions; d++)
        q->dimensions[d].nitems = 0;
    for (size_t i = 0; i < q->nitems; i++) {
        assess_item *it = &q->items[i];
        assess_dimension *dim = &q->dimensions[it->dimension];
        dim->items[dim->nitems++] = i;
        if (it->theme != ASSESS_NONE) {
            assess_theme *th = &q->themes[it->theme];
            th->items[th->nitems++] = i;
        }
    }
    for (size_t d = 0; d < q->ndimensions; d++) {
        bool twice = false; /* already reported as defined twice */
        for (size_t e = 0; e < d && !twice; e++)
            twice = strcmp(q->dimensions[e].id, q->dimensions[d].id) == 0;
        if (q->dimensions[d].nitems == 0 && !twice)
            problem(L, ASSESS_WARNING, &L->t[F_DIMENSIONS], d, "id",
                    "dimension \"%s\" has no items; it will never have a score",
                    q->dimensions[d].id);
    }
}

/* ## stages.csv */

static void load_stages(loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_STAGES];
    if (!has_columns(L, F_STAGES, (const char *[]){"id", "label", "min_score", NULL}))
        return;
    q->stages = alloc_array(L, t->nrows, sizeof *q->stages);
    if (!q->stages)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_stage *s = &q->stages[q->nstages];
        s->id = need(L, t, r, "id");
        for (size_t k = 0; k < q->nstages; k++) {
            if (s->id[0] && strcmp(q->stages[k].id, s->id) == 0)
                problem(L, ASSESS_ERROR, t, r, "id", "stage \"%s\" is defined twice", s->id);
        }
        s->label = get_text(L, t, r, "label");
        if (!s->label.text[0])
            problem(L, ASSESS_ERROR, t, r, "label", "must not be empty");
        s->description = get_text(L, t, r, "description");
        s->line = t->rows[r].line;
        const char *m = get(t, r, "min_score");
        if (!assess_str_number(m, &s->min_score) || s->min_score < 0 || s->min_score > 100) {
            problem(L, ASSESS_ERROR, t, r, "min_score", "\"%s\" is not a number from 0 to 100",
                    m);
        } else if (q->nstages == 0 && s->min_score != 0) {
            problem(L, ASSESS_ERROR, t, r, "min_score",
                    "the first stage must start at 0, not %s", m);
        } else if (q->nstages > 0 && s->min_score <= q->stages[q->nstages - 1].min_score) {
            problem(L, ASSESS_ERROR, t, r, "min_score",
                    "%s is not above the previous stage's %g; stages go in ascending order", m,
                    q->stages[q->nstages - 1].min_score);
        }
        q->nstages++;
    }
}

/* ## resources.csv */

static void load_resources(loader *L)
{
    assess_questionnaire *q = L->q;
    if (!L->present[F_RESOURCES])
        return;
    const assess_table *t = &L->t[F_RESOURCES];
    if (!has_columns(L, F_RESOURCES, (const char *[]){"id", "title", NULL}))
        return;
    q->resources = alloc_array(L, t->nrows, sizeof *q->resources);
    if (!q->resources)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_resource *res = &q->resources[q->nresources];
        res->id = need(L, t, r, "id");
        res->title = get_text(L, t, r, "title");
        if (!res->title.text[0])
            problem(L, ASSESS_ERROR, t, r, "title", "must not be empty");
        res->organization = get_trim(L, t, r, "organization");
        res->url = get_trim(L, t, r, "url");
        res->kind = get_trim(L, t, r, "kind");
        res->description = get_text(L, t, r, "description");
        res->line = t->rows[r].line;
        /* reports print and link these addresses: a plain http:// one
         * sends a reader to an unencrypted page */
        if (res->url[0] && strncmp(res->url, "https://", 8) != 0)
            problem(L, ASSESS_WARNING, t, r, "url", "\"%s\" does not start with https://",
                    res->url);
        if (!res->id[0])
            continue;
        if (assess_index_get(&L->resources, res->id) != ASSESS_NONE) {
            problem(L, ASSESS_ERROR, t, r, "id", "resource \"%s\" is defined twice", res->id);
            continue;
        }
        if (assess_index_put(&L->resources, res->id, q->nresources) != ASSESS_OK)
            L->nomem = true;
        q->nresources++;
    }
}

/* ## recommendations.csv */

static int parse_enum(const char *v, const char *const *names, int n)
{
    for (int i = 1; i < n; i++) {
        if (strcmp(v, names[i]) == 0)
            return i;
    }
    return -1;
}

/* Splits the space-separated resource ids and checks each one. */
static void parse_resources(loader *L, const assess_table *t, size_t r,
                            assess_recommendation *rec)
{
    const char *list = get(t, r, "resources");
    size_t n = 0;
    rec->nresources = 0; /* the slot of a row rejected before is reused */
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        n++;
        while (*p && *p != ' ' && *p != '\t' && *p != ',')
            p++;
    }
    rec->resources = alloc_array(L, n, sizeof *rec->resources);
    if (!rec->resources)
        return;
    for (const char *p = list; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t' && *p != ',')
            p++;
        char id[256];
        size_t len = (size_t)(p - start) < sizeof id - 1 ? (size_t)(p - start) : sizeof id - 1;
        memcpy(id, start, len);
        id[len] = '\0';
        size_t k = assess_index_get(&L->resources, id);
        if (k == ASSESS_NONE)
            problem(L, ASSESS_ERROR, t, r, "resources", "\"%s\" is not a resource in %s", id,
                    "resources.csv");
        else
            rec->resources[rec->nresources++] = k;
    }
}

/* The row that first gave KEY (joined from two parts, the second folded to
 * lower case when FOLD), or ASSESS_NONE after recording ROW as its first:
 * a hash look-up, so files of any length are checked for repeats in one
 * pass. */
static size_t first_row(loader *L, assess_index *seen, const char *a, const char *b, bool fold,
                        size_t row)
{
    size_t na = strlen(a), nb = strlen(b);
    char *key = assess_arena_alloc(L->a, na + nb + 2);
    if (!key) {
        L->nomem = true;
        return ASSESS_NONE;
    }
    memcpy(key, a, na);
    key[na] = '\x1f';
    for (size_t i = 0; i < nb; i++)
        key[na + 1 + i] = fold ? (char)tolower((unsigned char)b[i]) : b[i];
    size_t first = assess_index_get(seen, key);
    if (first == ASSESS_NONE && assess_index_put(seen, key, row) != ASSESS_OK)
        L->nomem = true;
    return first;
}

static void load_recommendations(loader *L)
{
    static const char *const horizons[] = {"", "short", "medium", "long"};
    static const char *const efforts[] = {"", "low", "medium", "high"};
    assess_questionnaire *q = L->q;
    if (!L->present[F_RECS])
        return;
    const assess_table *t = &L->t[F_RECS];
    if (!has_columns(L, F_RECS, (const char *[]){"item", "level", "action", NULL}))
        return;
    q->recommendations = alloc_array(L, t->nrows, sizeof *q->recommendations);
    if (!q->recommendations)
        return;
    assess_index seen;
    assess_index_init(&seen);
    for (size_t r = 0; r < t->nrows; r++) {
        assess_recommendation *rec = &q->recommendations[q->nrecommendations];
        const char *item = need(L, t, r, "item");
        rec->item = assess_index_get(&L->items, item);
        rec->level = need(L, t, r, "level");
        rec->action = get_text(L, t, r, "action");
        rec->line = t->rows[r].line;
        if (!rec->action.text[0])
            problem(L, ASSESS_ERROR, t, r, "action", "must not be empty");
        const char *h = get_trim(L, t, r, "horizon");
        int hv = h[0] ? parse_enum(h, horizons, 4) : 0;
        if (hv < 0)
            problem(L, ASSESS_ERROR, t, r, "horizon",
                    "\"%s\" is not one of short, medium, long", h);
        rec->horizon = hv > 0 ? (assess_horizon)hv : ASSESS_HORIZON_NONE;
        const char *e = get_trim(L, t, r, "effort");
        int ev = e[0] ? parse_enum(e, efforts, 4) : 0;
        if (ev < 0)
            problem(L, ASSESS_ERROR, t, r, "effort", "\"%s\" is not one of low, medium, high",
                    e);
        rec->effort = ev > 0 ? (assess_effort)ev : ASSESS_EFFORT_NONE;
        parse_resources(L, t, r, rec);
        if (item[0] && rec->item == ASSESS_NONE) {
            problem(L, ASSESS_ERROR, t, r, "item", "\"%s\" is not an item in %s", item,
                    "items.csv");
            continue;
        }
        if (rec->item == ASSESS_NONE || !rec->level[0])
            continue;
        const assess_scale *sc = &q->scales[q->items[rec->item].scale];
        if (strcmp(rec->level, "*") != 0) {
            size_t c = ASSESS_NONE;
            for (size_t k = 0; k < sc->nchoices; k++) {
                if (strcmp(sc->choices[k].value, rec->level) == 0)
                    c = k;
            }
            if (c == ASSESS_NONE) {
                problem(L, ASSESS_ERROR, t, r, "level",
                        "\"%s\" is not a value of scale \"%s\" (item \"%s\") or \"*\"",
                        rec->level, sc->id, item);
                continue;
            }
            const assess_choice *ch = &sc->choices[c];
            if (ch->kind == ASSESS_CHOICE_SCORED && ch->points >= sc->max_points)
                problem(L, ASSESS_WARNING, t, r, "level",
                        "\"%s\" is the top level of scale \"%s\"; this advice is never shown",
                        rec->level, sc->id);
        }
        size_t k = first_row(L, &seen, q->items[rec->item].id, rec->level, false,
                             q->nrecommendations);
        if (k != ASSESS_NONE)
            problem(L, ASSESS_ERROR, t, r, "level",
                    "item \"%s\" already has advice for level \"%s\" (line %ld)", item,
                    rec->level, q->recommendations[k].line);
        q->nrecommendations++;
    }
    assess_index_cleanup(&seen);
}

/* ## glossary.csv */

static void load_glossary(loader *L)
{
    assess_questionnaire *q = L->q;
    if (!L->present[F_GLOSSARY])
        return;
    const assess_table *t = &L->t[F_GLOSSARY];
    if (!has_columns(L, F_GLOSSARY, (const char *[]){"term", "definition", NULL}))
        return;
    q->terms = alloc_array(L, t->nrows, sizeof *q->terms);
    if (!q->terms)
        return;
    assess_index seen;
    assess_index_init(&seen);
    for (size_t r = 0; r < t->nrows; r++) {
        assess_term *term = &q->terms[q->nterms];
        term->term = get_text(L, t, r, "term");
        term->definition = get_text(L, t, r, "definition");
        if (!term->term.text[0])
            problem(L, ASSESS_ERROR, t, r, "term", "must not be empty");
        if (!term->definition.text[0])
            problem(L, ASSESS_ERROR, t, r, "definition", "must not be empty");
        if (term->term.text[0] &&
            first_row(L, &seen, "", term->term.text, true, q->nterms) != ASSESS_NONE)
            problem(L, ASSESS_WARNING, t, r, "term", "\"%s\" is defined twice",
                    term->term.text);
        q->nterms++;
    }
    assess_index_cleanup(&seen);
}

/* ## Reading the files */

static void read_folder(loader *L, const char *dir)
{
    for (int f = 0; f < F_COUNT; f++) {
        size_t n = strlen(dir) + strlen(files[f].name) + 6;
        char *path = assess_arena_alloc(L->a, n);
        if (!path) {
            L->nomem = true;
            return;
        }
        snprintf(path, n, "%s/%s.csv", dir, files[f].name);
        struct stat st;
        if (stat(path, &st) != 0) {
            if (files[f].required)
                assess_diags_add(L->d, ASSESS_ERROR, assess_loc_file(path),
                                 "required file is missing");
            continue;
        }
        assess_status s = assess_table_read_csv(&L->t[f], path, L->a, L->d);
        if (s == ASSESS_ERR_NOMEM)
            L->nomem = true;
        L->present[f] = s == ASSESS_OK;
    }
}

/* A workbook holds one sheet per file, named like the file (any case). */
static void read_workbook(loader *L, const char *path)
{
    char **names;
    size_t n;
    assess_status st = assess_xlsx_sheet_names(path, &names, &n, L->d);
    if (st != ASSESS_OK) {
        L->nomem = st == ASSESS_ERR_NOMEM;
        return;
    }
    for (int f = 0; f < F_COUNT; f++) {
        const char *sheet = NULL;
        for (size_t i = 0; i < n && !sheet; i++) {
            if (assess_str_ieq(names[i], files[f].name))
                sheet = names[i];
        }
        if (!sheet) {
            char list[400] = "";
            size_t w = 0;
            for (size_t i = 0; i < n; i++) {
                if (w + strlen(names[i]) + 12 > sizeof list) {
                    snprintf(list + w, sizeof list - w, ", …");
                    break;
                }
                w += (size_t)snprintf(list + w, sizeof list - w, "%s\"%s\"", i ? ", " : "",
                                      names[i]);
            }
            if (files[f].required)
                assess_diags_add(L->d, ASSESS_ERROR, assess_loc_file(path),
                                 "required sheet \"%s\" is missing (the workbook has: %s)",
                                 files[f].name, n ? list : "no worksheet");
            continue;
        }
        L->t[f].sheet = assess_arena_strdup(L->a, sheet);
        if (!L->t[f].sheet) {
            L->nomem = true;
            break;
        }
        assess_status s = assess_table_read_csv(&L->t[f], path, L->a, L->d);
        if (s == ASSESS_ERR_NOMEM)
            L->nomem = true;
        L->present[f] = s == ASSESS_OK;
    }
    assess_xlsx_sheet_names_free(names, n);
}

assess_status assess_questionnaire_load(const char *path, assess_questionnaire **out,
                                        assess_diags *d)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), "cannot open: %s",
                         strerror(errno));
        return ASSESS_ERR_IO;
    }
    bool workbook = !S_ISDIR(st.st_mode) && assess_path_is_xlsx(path);
    if (!S_ISDIR(st.st_mode) && !workbook) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path),
                         "a questionnaire is a folder of CSV files");
        return ASSESS_ERR_INVALID;
    }
    assess_arena *a = assess_arena_new();
    assess_questionnaire *q = a ? assess_arena_alloc(a, sizeof *q) : NULL;
    if (!q) {
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    q->arena = a;
    q->path = assess_arena_strdup(a, path);
    loader L = {.q = q, .a = a, .d = d};
    assess_index_init(&L.dims);
    assess_index_init(&L.scales);
    assess_index_init(&L.items);
    assess_index_init(&L.resources);
    size_t errors_before = d->errors;

    if (workbook)
        read_workbook(&L, path);
    else
        read_folder(&L, path);
    if (L.present[F_SETTINGS])
        load_settings(&L);
    if (L.present[F_DIMENSIONS])
        load_dimensions(&L);
    if (L.present[F_SCALES])
        load_scales(&L);
    if (L.present[F_ITEMS] && L.present[F_DIMENSIONS] && L.present[F_SCALES]) {
        load_items(&L);
        if (!L.nomem)
            build_groups(&L);
    }
    if (L.present[F_STAGES])
        load_stages(&L);
    load_resources(&L);
    load_recommendations(&L);
    load_glossary(&L);

    assess_index_cleanup(&L.dims);
    assess_index_cleanup(&L.scales);
    assess_index_cleanup(&L.items);
    assess_index_cleanup(&L.resources);
    bool nomem = L.nomem || assess_arena_failed(a);
    bool complete = true;
    for (int f = 0; f < F_COUNT; f++) {
        if (files[f].required && !L.present[f])
            complete = false;
    }
    if (nomem || d->errors > errors_before || !complete) {
        assess_arena_free(a);
        return nomem ? ASSESS_ERR_NOMEM : ASSESS_ERR_INVALID;
    }
    *out = q;
    return ASSESS_OK;
}

void assess_questionnaire_free(assess_questionnaire *q)
{
    if (q)
        assess_arena_free(q->arena);
}

/* ## Look-ups */

size_t assess_questionnaire_item_find(const assess_questionnaire *q, const char *id)
{
    for (size_t i = 0; i < q->nitems; i++) {
        if (strcmp(q->items[i].id, id) == 0)
            return i;
    }
    return ASSESS_NONE;
}

/* Whether the NUL-terminated v equals s[0..n), which holds no NUL. */
static inline bool span_eq(const char *v, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (v[i] != s[i])
            return false;
    }
    return v[n] == '\0';
}

/* The same, ignoring ASCII case. */
static inline bool span_ieq(const char *v, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tolower((unsigned char)v[i]) != tolower((unsigned char)s[i]))
            return false;
    }
    return v[n] == '\0';
}

size_t assess_scale_match(const assess_scale *scale, const char *answer)
{
    const char *s;
    size_t n;
    assess_str_trim(answer, &s, &n);
    if (n == 0)
        return ASSESS_NONE;
    /* The exact match is tried in place, without a copy or a call: this
     * runs once per answer, millions of times in a statewide file. */
    for (size_t k = 0; k < scale->nchoices; k++) {
        if (span_eq(scale->choices[k].value, s, n))
            return k;
    }
    for (size_t k = 0; k < scale->nchoices; k++) {
        if (span_ieq(scale->choices[k].value, s, n) ||
            span_ieq(scale->choices[k].label.text, s, n))
            return k;
    }
    return ASSESS_NONE;
}

bool assess_questionnaire_speaks(const assess_questionnaire *q, const char *lang)
{
    if (!lang || !lang[0] || strcmp(lang, q->language) == 0)
        return true;
    for (size_t i = 0; i < q->nitems; i++) {
        if (assess_text_get(&q->items[i].text, lang) != q->items[i].text.text)
            return true;
    }
    return false;
}

const assess_stage *assess_questionnaire_stage(const assess_questionnaire *q, double rounded)
{
    const assess_stage *found = NULL;
    for (size_t k = 0; k < q->nstages; k++) {
        if (q->stages[k].min_score <= rounded)
            found = &q->stages[k];
    }
    return found;
}

const assess_recommendation *assess_questionnaire_advice(const assess_questionnaire *q,
                                                         size_t item, size_t choice)
{
    const assess_recommendation *any = NULL;
    const char *value = q->scales[q->items[item].scale].choices[choice].value;
    for (size_t k = 0; k < q->nrecommendations; k++) {
        const assess_recommendation *rec = &q->recommendations[k];
        if (rec->item != item)
            continue;
        if (strcmp(rec->level, value) == 0)
            return rec;
        if (strcmp(rec->level, "*") == 0)
            any = rec;
    }
    return any;
}
