/*
 * questionnaire_files.c — each file of a questionnaire package turned
 * into its part of the model, with every rule of docs/formats.md checked and
 * every problem reported at its row and column.
 */
#include "answer.h"
#include "intl.h"
#include "questionnaire_internal.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ## settings.csv */

void ql_load_settings(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_SETTINGS];
    q->language = "en";
    q->min_coverage = 0.8;
    q->min_group_size = 5;
    q->entity_label.text = "City";
    q->id = q->version = "";
    q->title.text = "";
    if (!ql_has_columns(L, F_SETTINGS, (const char *[]){"key", "value", NULL}))
        return;
    q->settings = ql_alloc_array(L, t->nrows, sizeof *q->settings);
    if (!q->settings)
        return;
    bool seen_id = false, seen_version = false, seen_title = false;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *key = ql_need(L, t, r, "key");
        if (!key[0])
            continue;
        for (size_t k = 0; k < q->nsettings; k++) {
            if (strcmp(q->settings[k].key, key) == 0)
                ql_problem(L, ASSESS_ERROR, t, r, "key", _("\"%s\" is given twice"), key);
        }
        assess_text value = ql_get_text(L, t, r, "value");
        q->settings[q->nsettings++] = (assess_setting){.key = key, .value = value};
        const char *v = value.text;
        if (strcmp(key, "id") == 0) {
            seen_id = true;
            q->id = v;
            bool ok = islower((unsigned char)v[0]);
            for (const char *p = v; *p && ok; p++)
                ok = islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-';
            if (!ok)
                ql_problem(L, ASSESS_ERROR, t, r, "value",
                           _("id \"%s\" must be lower-case letters, digits and '-', starting with a "
                           "letter"),
                           v);
        } else if (strcmp(key, "version") == 0) {
            seen_version = true;
            q->version = v;
            if (!v[0])
                ql_problem(L, ASSESS_ERROR, t, r, "value", _("version must not be empty"));
        } else if (strcmp(key, "title") == 0) {
            seen_title = true;
            q->title = value;
            if (!v[0])
                ql_problem(L, ASSESS_ERROR, t, r, "value", _("title must not be empty"));
        } else if (strcmp(key, "language") == 0) {
            if (v[0])
                q->language = v;
        } else if (strcmp(key, "min_coverage") == 0) {
            double x;
            if (!assess_str_number(v, &x) || x < 0 || x > 1)
                ql_problem(L, ASSESS_ERROR, t, r, "value",
                           _("min_coverage \"%s\" is not a number from 0 to 1"), v);
            else
                q->min_coverage = x;
        } else if (strcmp(key, "min_group_size") == 0) {
            double x;
            if (!assess_str_number(v, &x) || x < 1 || x != floor(x) || x > INT_MAX)
                ql_problem(L, ASSESS_ERROR, t, r, "value",
                           _("min_group_size \"%s\" is not a whole number of at least 1"), v);
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
        ql_problem(L, ASSESS_ERROR, t, ASSESS_NONE, "key", _("required key \"%s\" is missing"),
                   missing[i]);
}

/* ## dimensions.csv */

void ql_load_dimensions(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_DIMENSIONS];
    if (!ql_has_columns(L, F_DIMENSIONS, (const char *[]){"id", "label", NULL}))
        return;
    q->dimensions = ql_alloc_array(L, t->nrows, sizeof *q->dimensions);
    if (!q->dimensions)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = ql_need(L, t, r, "id");
        if (id[0] && !ql_valid_id(id))
            ql_problem(L, ASSESS_ERROR, t, r, "id",
                       _("\"%s\" is not a valid id (a letter, then letters, digits, '_' or '-')"), id);
        if (id[0] && assess_index_get(&L->dims, id) != ASSESS_NONE)
            ql_problem(L, ASSESS_ERROR, t, r, "id", _("dimension \"%s\" is defined twice"), id);
        assess_dimension *dim = &q->dimensions[q->ndimensions];
        dim->id = id;
        dim->label = ql_get_text(L, t, r, "label");
        if (!dim->label.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "label", _("must not be empty"));
        dim->description = ql_get_text(L, t, r, "description");
        dim->weight = ql_get_weight(L, t, r);
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

/* The row of scales.csv that holds choice c of scale s. */
static size_t choice_row(const assess_table *t, const size_t *owner, size_t s, size_t c)
{
    for (size_t r = 0; r < t->nrows; r++) {
        if (owner[r] == s && c-- == 0)
            return r;
    }
    return ASSESS_NONE;
}

/* Answers are matched to values and labels in every language once folded
 * (case, accents, curly quotes, spacing: answer.h); two choices of a
 * scale that fold to the same text could not be told apart.  The plain
 * collisions are reported above with their own words; this finds the
 * rest ("Très bien" and "tres bien", "No sé" in one language and "No se"
 * in another). */
static void check_folded(ql_loader *L, const assess_table *t, const size_t *owner, size_t s)
{
    const assess_scale *sc = &L->q->scales[s];
    if (sc->nchoices > CHOICES_MAX)
        return;
    assess_arena *a = assess_arena_new();
    assess_answer_keys k;
    if (!a || !assess_answer_keys_build(sc, a, &k)) {
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
            if ((!x->lang && !y->lang) && assess_str_ieq(x->text, y->text))
                continue; /* said above */
            char xcol[64], ycol[64];
            snprintf(xcol, sizeof xcol, "%s%s%s", x->label ? "label" : "value",
                     x->lang ? "::" : "", x->lang ? x->lang : "");
            snprintf(ycol, sizeof ycol, "%s%s%s", y->label ? "label" : "value",
                     y->lang ? "::" : "", y->lang ? y->lang : "");
            ql_problem(L, ASSESS_ERROR, t, choice_row(t, owner, s, x->choice), xcol,
                       _("scale \"%s\": \"%s\" (choice \"%s\") and %s \"%s\" of choice \"%s\" "
                       "are the same once letter case, accents and quotes are set aside, so an "
                       "answer could not tell them apart"),
                       sc->id, x->text, sc->choices[x->choice].value, ycol, y->text,
                       sc->choices[y->choice].value);
            break;
        }
    }
    assess_arena_free(a);
}

void ql_load_scales(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_SCALES];
    if (!ql_has_columns(L, F_SCALES, (const char *[]){"scale", "value", "label", "points", NULL}))
        return;
    /* Scales are rows grouped by the `scale` column, in order of first use. */
    size_t *owner = ql_alloc_array(L, t->nrows, sizeof *owner);
    q->scales = ql_alloc_array(L, t->nrows, sizeof *q->scales);
    if (!owner || !q->scales)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *id = ql_need(L, t, r, "scale");
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
        sc->choices = ql_alloc_array(L, sc->nchoices, sizeof *sc->choices);
        sc->levels = ql_alloc_array(L, sc->nchoices, sizeof *sc->levels);
        if (!sc->choices || !sc->levels)
            return;
        sc->nchoices = 0;
    }
    for (size_t r = 0; r < t->nrows; r++) {
        if (owner[r] == ASSESS_NONE)
            continue;
        assess_scale *sc = &q->scales[owner[r]];
        assess_choice *c = &sc->choices[sc->nchoices];
        c->value = ql_need(L, t, r, "value");
        c->label = ql_get_text(L, t, r, "label");
        if (!c->label.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "label", _("must not be empty"));
        c->description = ql_get_text(L, t, r, "description");
        c->line = t->rows[r].line;
        c->level = -1;
        const char *pts = ql_get_trim(L, t, r, "points");
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
            ql_problem(L, ASSESS_ERROR, t, r, "points",
                       _("\"%s\" is not a number of at least 0, \"na\" or \"unknown\""), pts);
            c->kind = ASSESS_CHOICE_UNKNOWN;
        }
        /* Answers are matched by value, then by value or label ignoring
         * case: two choices that one answer could mean are ambiguous. */
        /* (not past the limit, which is an error: the checks are quadratic) */
        for (size_t k = 0; k < sc->nchoices && sc->nchoices < CHOICES_MAX; k++) {
            const assess_choice *o = &sc->choices[k];
            if (c->value[0] && strcmp(o->value, c->value) == 0)
                ql_problem(L, ASSESS_ERROR, t, r, "value", _("scale \"%s\" has value \"%s\" twice"),
                           sc->id, c->value);
            else if (c->value[0] && assess_str_ieq(o->value, c->value))
                ql_problem(L, ASSESS_ERROR, t, r, "value",
                           _("scale \"%s\" has values \"%s\" and \"%s\", which differ only in case"),
                           sc->id, o->value, c->value);
            if (c->label.text[0] && assess_str_ieq(o->label.text, c->label.text))
                ql_problem(L, ASSESS_ERROR, t, r, "label", _("scale \"%s\" has label \"%s\" twice"),
                           sc->id, c->label.text);
            if (c->label.text[0] && assess_str_ieq(o->value, c->label.text))
                ql_problem(L, ASSESS_ERROR, t, r, "label",
                           _("label \"%s\" is also the value of another choice of scale \"%s\""),
                           c->label.text, sc->id);
            if (o->label.text[0] && assess_str_ieq(o->label.text, c->value))
                ql_problem(L, ASSESS_ERROR, t, r, "value",
                           _("value \"%s\" is also the label of another choice of scale \"%s\""),
                           c->value, sc->id);
            if (c->kind == ASSESS_CHOICE_SCORED && o->kind == ASSESS_CHOICE_SCORED &&
                o->points == c->points)
                ql_problem(L, ASSESS_WARNING, t, r, "points",
                           _("scale \"%s\" gives %s points to both \"%s\" and \"%s\"; they count "
                           "as different levels in file order"),
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
            ql_problem(L, ASSESS_ERROR, t, first, "scale", _("scale \"%s\" has more than %d choices"),
                       sc->id, CHOICES_MAX);
        if (sc->nlevels < 2)
            ql_problem(L, ASSESS_ERROR, t, first, "points",
                       _n("scale \"%s\" has %zu scored choice; it needs at least two",
                          "scale \"%s\" has %zu scored choices; it needs at least two",
                          sc->nlevels),
                       sc->id, sc->nlevels);
        else if (sc->max_points <= 0)
            ql_problem(L, ASSESS_ERROR, t, first, "points",
                       _("scale \"%s\" gives 0 points to every choice; the top must be above 0"),
                       sc->id);
        order_levels(sc);
        check_folded(L, t, owner, s);
    }
}

/* ## items.csv and themes */

void ql_load_items(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_ITEMS];
    if (!ql_has_columns(L, F_ITEMS, (const char *[]){"id", "dimension", "text", "scale", NULL}))
        return;
    if (t->nrows > ITEMS_MAX) {
        ql_problem(L, ASSESS_ERROR, t, ITEMS_MAX, NULL, _("more than %d items"), ITEMS_MAX);
        return;
    }
    q->items = ql_alloc_array(L, t->nrows, sizeof *q->items);
    L->item_theme = ql_alloc_array(L, t->nrows, sizeof *L->item_theme);
    if (!q->items || !L->item_theme)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_item *it = &q->items[q->nitems];
        it->id = ql_need(L, t, r, "id");
        it->line = t->rows[r].line;
        bool ok = it->id[0] != '\0';
        if (ok && !ql_valid_id(it->id)) {
            ql_problem(L, ASSESS_ERROR, t, r, "id",
                       _("\"%s\" is not a valid item id (a letter, then letters, digits, '_' or '-')"),
                       it->id);
            ok = false;
        }
        if (ok && assess_column_reserved(it->id)) {
            ql_problem(L, ASSESS_ERROR, t, r, "id",
                       _("\"%s\" names the %s column of a responses file, so it cannot be an item "
                       "id"),
                       it->id, assess_column_reserved(it->id));
            ok = false;
        }
        if (ok && assess_index_get(&L->items, it->id) != ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "id", _("item \"%s\" is defined twice"), it->id);
            ok = false;
        }
        if (ql_is_multi_row(L, t, r)) {
            ql_load_multi_item(L, t, r, ok && assess_index_get(&L->items, it->id) == ASSESS_NONE);
            continue;
        }
        if (ok && assess_index_get(&L->multis, it->id) != ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "id", "item \"%s\" is defined twice", it->id);
            ok = false;
        }
        const char *dim = ql_need(L, t, r, "dimension");
        it->dimension = assess_index_get(&L->dims, dim);
        if (dim[0] && it->dimension == ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "dimension", _("\"%s\" is not a dimension in %s"), dim,
                       "dimensions.csv");
            ok = false;
        }
        const char *scale = ql_need(L, t, r, "scale");
        it->scale = assess_index_get(&L->scales, scale);
        if (scale[0] && it->scale == ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "scale", _("\"%s\" is not a scale in %s"), scale,
                       "scales.csv");
            ok = false;
        }
        it->text = ql_get_text(L, t, r, "text");
        if (!it->text.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "text", _("must not be empty"));
        it->help = ql_get_text(L, t, r, "help");
        it->evidence = ql_get_text(L, t, r, "evidence");
        it->weight = ql_get_weight(L, t, r);
        it->theme = ASSESS_NONE;
        if (!ok || it->dimension == ASSESS_NONE || it->scale == ASSESS_NONE)
            continue;
        if (assess_index_put(&L->items, it->id, q->nitems) != ASSESS_OK)
            L->nomem = true;
        L->item_theme[q->nitems] = ql_get_text(L, t, r, "theme");
        q->nitems++;
    }
}

/* Every item's "D.T.I" (assess.h): the dimension's items with no theme
 * count as the theme after its named ones. */
static void number_items(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    for (size_t d = 0; d < q->ndimensions; d++) {
        const assess_dimension *dim = &q->dimensions[d];
        size_t unthemed = 0;
        for (size_t k = 0; k < dim->nitems; k++) {
            size_t i = dim->items[k];
            assess_item *it = &q->items[i];
            size_t t = dim->nthemes + 1, pos = 0;
            if (it->theme != ASSESS_NONE) {
                const assess_theme *th = &q->themes[it->theme];
                t = it->theme - dim->first_theme + 1;
                while (th->items[pos] != i)
                    pos++;
                pos++;
            } else {
                pos = ++unthemed;
            }
            char buf[3 * 21 + 3];
            int n = snprintf(buf, sizeof buf, "%zu.%zu.%zu", d + 1, t, pos);
            char *s = ql_alloc_array(L, (size_t)n + 1, 1);
            if (!s)
                return;
            memcpy(s, buf, (size_t)n + 1);
            it->number = s;
        }
    }
}

/* Groups items into dimensions and themes: themes are keyed by
 * (dimension, theme text) and listed by dimension, in order of first use. */
void ql_build_groups(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    q->themes = ql_alloc_array(L, q->nitems, sizeof *q->themes);
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
        dim->items = ql_alloc_array(L, dim->nitems, sizeof *dim->items);
        if (!dim->items)
            return;
    }
    for (size_t k = 0; k < q->nthemes; k++) {
        q->themes[k].items = ql_alloc_array(L, q->themes[k].nitems, sizeof(size_t));
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
    number_items(L);
    for (size_t d = 0; d < q->ndimensions; d++) {
        bool twice = false; /* already reported as defined twice */
        for (size_t e = 0; e < d && !twice; e++)
            twice = strcmp(q->dimensions[e].id, q->dimensions[d].id) == 0;
        if (q->dimensions[d].nitems == 0 && !twice)
            ql_problem(L, ASSESS_WARNING, &L->t[F_DIMENSIONS], d, "id",
                       _("dimension \"%s\" has no items; it will never have a score"),
                       q->dimensions[d].id);
    }
}

/* ## stages.csv */

void ql_load_stages(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const assess_table *t = &L->t[F_STAGES];
    if (!ql_has_columns(L, F_STAGES, (const char *[]){"id", "label", "min_score", NULL}))
        return;
    q->stages = ql_alloc_array(L, t->nrows, sizeof *q->stages);
    if (!q->stages)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_stage *s = &q->stages[q->nstages];
        s->id = ql_need(L, t, r, "id");
        for (size_t k = 0; k < q->nstages; k++) {
            if (s->id[0] && strcmp(q->stages[k].id, s->id) == 0)
                ql_problem(L, ASSESS_ERROR, t, r, "id", _("stage \"%s\" is defined twice"), s->id);
        }
        s->label = ql_get_text(L, t, r, "label");
        if (!s->label.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "label", _("must not be empty"));
        s->description = ql_get_text(L, t, r, "description");
        s->line = t->rows[r].line;
        const char *m = ql_get(t, r, "min_score");
        if (!assess_str_number(m, &s->min_score) || s->min_score < 0 || s->min_score > 100) {
            ql_problem(L, ASSESS_ERROR, t, r, "min_score", _("\"%s\" is not a number from 0 to 100"),
                       m);
        } else if (q->nstages == 0 && s->min_score != 0) {
            ql_problem(L, ASSESS_ERROR, t, r, "min_score",
                       _("the first stage must start at 0, not %s"), m);
        } else if (q->nstages > 0 && s->min_score <= q->stages[q->nstages - 1].min_score) {
            ql_problem(L, ASSESS_ERROR, t, r, "min_score",
                       _("%s is not above the previous stage's %g; stages go in ascending order"), m,
                       q->stages[q->nstages - 1].min_score);
        }
        q->nstages++;
    }
}

/* ## resources.csv */

void ql_load_resources(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    if (!L->present[F_RESOURCES])
        return;
    const assess_table *t = &L->t[F_RESOURCES];
    if (!ql_has_columns(L, F_RESOURCES, (const char *[]){"id", "title", NULL}))
        return;
    q->resources = ql_alloc_array(L, t->nrows, sizeof *q->resources);
    if (!q->resources)
        return;
    for (size_t r = 0; r < t->nrows; r++) {
        assess_resource *res = &q->resources[q->nresources];
        res->id = ql_need(L, t, r, "id");
        res->title = ql_get_text(L, t, r, "title");
        if (!res->title.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "title", _("must not be empty"));
        res->organization = ql_get_trim(L, t, r, "organization");
        res->url = ql_get_trim(L, t, r, "url");
        res->kind = ql_get_trim(L, t, r, "kind");
        res->description = ql_get_text(L, t, r, "description");
        res->line = t->rows[r].line;
        /* reports print and link these addresses: a plain http:// one
         * sends a reader to an unencrypted page */
        if (res->url[0] && strncmp(res->url, "https://", 8) != 0)
            ql_problem(L, ASSESS_WARNING, t, r, "url", _("\"%s\" does not start with https://"),
                       res->url);
        if (!res->id[0])
            continue;
        if (assess_index_get(&L->resources, res->id) != ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "id", _("resource \"%s\" is defined twice"), res->id);
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
static void parse_resources(ql_loader *L, const assess_table *t, size_t r,
                            assess_recommendation *rec)
{
    const char *list = ql_get(t, r, "resources");
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
    rec->resources = ql_alloc_array(L, n, sizeof *rec->resources);
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
            ql_problem(L, ASSESS_ERROR, t, r, "resources", _("\"%s\" is not a resource in %s"), id,
                       "resources.csv");
        else
            rec->resources[rec->nresources++] = k;
    }
}

/* The row that first gave KEY (joined from two parts, the second folded to
 * lower case when FOLD), or ASSESS_NONE after recording ROW as its first:
 * a hash look-up, so files of any length are checked for repeats in one
 * pass. */
static size_t first_row(ql_loader *L, assess_index *seen, const char *a, const char *b, bool fold,
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

void ql_load_recommendations(ql_loader *L)
{
    static const char *const horizons[] = {"", "short", "medium", "long"};
    static const char *const efforts[] = {"", "low", "medium", "high"};
    assess_questionnaire *q = L->q;
    if (!L->present[F_RECS])
        return;
    const assess_table *t = &L->t[F_RECS];
    if (!ql_has_columns(L, F_RECS, (const char *[]){"item", "level", "action", NULL}))
        return;
    q->recommendations = ql_alloc_array(L, t->nrows, sizeof *q->recommendations);
    if (!q->recommendations)
        return;
    assess_index seen;
    assess_index_init(&seen);
    for (size_t r = 0; r < t->nrows; r++) {
        assess_recommendation *rec = &q->recommendations[q->nrecommendations];
        const char *item = ql_need(L, t, r, "item");
        rec->item = assess_index_get(&L->items, item);
        rec->level = ql_need(L, t, r, "level");
        rec->action = ql_get_text(L, t, r, "action");
        rec->line = t->rows[r].line;
        if (!rec->action.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "action", _("must not be empty"));
        const char *h = ql_get_trim(L, t, r, "horizon");
        int hv = h[0] ? parse_enum(h, horizons, 4) : 0;
        if (hv < 0)
            ql_problem(L, ASSESS_ERROR, t, r, "horizon", _("\"%s\" is not one of short, medium, long"),
                       h);
        rec->horizon = hv > 0 ? (assess_horizon)hv : ASSESS_HORIZON_NONE;
        const char *e = ql_get_trim(L, t, r, "effort");
        int ev = e[0] ? parse_enum(e, efforts, 4) : 0;
        if (ev < 0)
            ql_problem(L, ASSESS_ERROR, t, r, "effort", _("\"%s\" is not one of low, medium, high"),
                       e);
        rec->effort = ev > 0 ? (assess_effort)ev : ASSESS_EFFORT_NONE;
        parse_resources(L, t, r, rec);
        if (item[0] && rec->item == ASSESS_NONE &&
            assess_index_get(&L->multis, item) != ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "item",
                       "\"%s\" is a select_multiple question, which is not scored and so has "
                       "no next steps: remove the row",
                       item);
            continue;
        }
        if (item[0] && rec->item == ASSESS_NONE) {
            ql_problem(L, ASSESS_ERROR, t, r, "item", _("\"%s\" is not an item in %s"), item,
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
                ql_problem(L, ASSESS_ERROR, t, r, "level",
                           _("\"%s\" is not a value of scale \"%s\" (item \"%s\") or \"*\""),
                           rec->level, sc->id, item);
                continue;
            }
            const assess_choice *ch = &sc->choices[c];
            if (ch->kind == ASSESS_CHOICE_SCORED && ch->points >= sc->max_points)
                ql_problem(L, ASSESS_WARNING, t, r, "level",
                           _("\"%s\" is the top level of scale \"%s\"; this advice is never shown"),
                           rec->level, sc->id);
        }
        size_t k =
            first_row(L, &seen, q->items[rec->item].id, rec->level, false, q->nrecommendations);
        if (k != ASSESS_NONE)
            ql_problem(L, ASSESS_ERROR, t, r, "level",
                       _("item \"%s\" already has advice for level \"%s\" (line %ld)"), item,
                       rec->level, q->recommendations[k].line);
        q->nrecommendations++;
    }
    assess_index_cleanup(&seen);
}

/* ## glossary.csv */

void ql_load_glossary(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    if (!L->present[F_GLOSSARY])
        return;
    const assess_table *t = &L->t[F_GLOSSARY];
    if (!ql_has_columns(L, F_GLOSSARY, (const char *[]){"term", "definition", NULL}))
        return;
    q->terms = ql_alloc_array(L, t->nrows, sizeof *q->terms);
    if (!q->terms)
        return;
    assess_index seen;
    assess_index_init(&seen);
    for (size_t r = 0; r < t->nrows; r++) {
        assess_term *term = &q->terms[q->nterms];
        term->term = ql_get_text(L, t, r, "term");
        term->definition = ql_get_text(L, t, r, "definition");
        if (!term->term.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "term", _("must not be empty"));
        if (!term->definition.text[0])
            ql_problem(L, ASSESS_ERROR, t, r, "definition", _("must not be empty"));
        if (term->term.text[0] &&
            first_row(L, &seen, "", term->term.text, true, q->nterms) != ASSESS_NONE)
            ql_problem(L, ASSESS_WARNING, t, r, "term", _("\"%s\" is defined twice"), term->term.text);
        q->nterms++;
    }
    assess_index_cleanup(&seen);
}
