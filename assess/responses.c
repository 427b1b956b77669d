/*
 * responses.c — loads responses (docs/formats.md): wide CSV (one row per
 * respondent) and long CSV (one row per item, `@` rows for metadata),
 * matches every answer to a choice, and groups submissions into one
 * assessment per entity and cycle.  Rows are streamed, never held whole;
 * a file's submissions join the set only when the file had no error.
 * Combining respondents into item scores is scoring's job (score.c).
 */
#include "read.h"
#include "intl.h"
#include "responses_internal.h"
#include "responses_xlsx.h"
#include "score_internal.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


assess_status assess_responses_new(const assess_questionnaire *q, assess_responses **out)
{
    *out = NULL;
    assess_responses *r = calloc(1, sizeof *r);
    struct assess_responses_state *s = calloc(1, sizeof *s);
    assess_arena *a = assess_arena_new();
    if (!r || !s || !a) {
        free(r);
        free(s);
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    r->q = q;
    r->state = s;
    s->a = a;
    assess_index_init(&s->items);
    assess_index_init(&s->meta_keys);
    assess_vec_init(&s->submissions, sizeof(assess_submission));
    assess_vec_init(&s->assessments_v, sizeof(assess_assessment));
    assess_vec_init(&s->keys_v, sizeof(const char *));
    assess_index_init(&s->spellings);
    assess_index_init(&s->instances);
    assess_vec_init(&s->first_sub, sizeof(size_t));
    assess_vec_init(&s->files, sizeof(file_digest));
    for (size_t i = 0; i < q->nitems; i++) {
        if (assess_index_put(&s->items, q->items[i].id, i) != ASSESS_OK) {
            assess_responses_free(r);
            return ASSESS_ERR_NOMEM;
        }
    }
    if (!assess_multi_state_init(r)) {
        assess_responses_free(r);
        return ASSESS_ERR_NOMEM;
    }
    s->single = assess_arena_alloc(a, (q->nscales ? q->nscales : 1) * 128 * sizeof *s->single);
    if (!s->single) {
        assess_responses_free(r);
        return ASSESS_ERR_NOMEM;
    }
    memset(s->single, 0xFF, (q->nscales ? q->nscales : 1) * 128 * sizeof *s->single);
    s->keys = assess_arena_alloc(a, (q->nscales ? q->nscales : 1) * sizeof *s->keys);
    bool ok = s->keys != NULL && assess_score_one_table(q, a, &s->one, &s->one_at);
    for (size_t k = 0; ok && k < q->nscales; k++)
        ok = assess_answer_keys_build(&q->scales[k], a, &s->keys[k]);
    if (!ok) {
        assess_responses_free(r);
        return ASSESS_ERR_NOMEM;
    }
    *out = r;
    return ASSESS_OK;
}

void assess_responses_free(assess_responses *r)
{
    if (!r)
        return;
    struct assess_responses_state *s = r->state;
    assess_index_cleanup(&s->items);
    assess_index_cleanup(&s->meta_keys);
    assess_vec_cleanup(&s->submissions);
    assess_vec_cleanup(&s->assessments_v);
    assess_vec_cleanup(&s->keys_v);
    free(s->groups);
    assess_index_cleanup(&s->spellings);
    assess_index_cleanup(&s->instances);
    assess_vec_cleanup(&s->first_sub);
    assess_vec_cleanup(&s->files);
    assess_multi_state_cleanup(r);
    free(s->owner);
    free(s->flat);
    assess_arena_free(s->a);
    free(s);
    free(r);
}

assess_status assess_responses_set_entity_column(assess_responses *r, const char *name)
{
    r->state->entity_column = NULL;
    if (!name || !name[0])
        return ASSESS_OK;
    r->state->entity_column = assess_arena_strdup(r->state->a, name);
    return r->state->entity_column ? ASSESS_OK : ASSESS_ERR_NOMEM;
}

/* ## Reading one file */


static const char *expected_id(const assess_questionnaire *q, char *buf, size_t size)
{
    snprintf(buf, size, "%s@%s", q->id, q->version);
    return buf;
}

/* Column names the format defines are recognised in any letter case. */
static bool is_reserved(const char *h, const char *name)
{
    return assess_str_ieq(h, name);
}

/* The item an unknown header is one edit from (or equal to ignoring
 * case), for a "did you mean" error; ASSESS_NONE if none. */
static size_t near_item(const assess_questionnaire *q, const char *name)
{
    for (size_t i = 0; i < q->nitems; i++) {
        if (assess_str_ieq(name, q->items[i].id) ||
            assess_str_distance(name, q->items[i].id, 1) <= 1)
            return i;
    }
    return ASSESS_NONE;
}

/* The item a header kept as metadata is two edits from, when both are
 * long enough for that to be a typo (two letters swapped in
 * "lead_resolutoin") rather than another word ("id" and "n1"); such a
 * column's answers would otherwise go unread without a word. */
static size_t maybe_item(const assess_questionnaire *q, const char *name)
{
    enum { MIN_LEN = 6 };
    if (strlen(name) < MIN_LEN)
        return ASSESS_NONE;
    for (size_t i = 0; i < q->nitems; i++) {
        if (strlen(q->items[i].id) >= MIN_LEN &&
            assess_str_idistance(name, q->items[i].id, 2) <= 2)
            return i;
    }
    return ASSESS_NONE;
}

static size_t item_of(const file_reader *f, const char *id)
{
    return assess_index_get(&f->r->state->items, id);
}

/* Keeps only the first column of a kind only one column may have (two
 * instance ids, a submission time beside a `submitted` column): the tool's
 * own column stands in for ours, never beside it. */
static void settle_tool_columns(file_reader *f)
{
    bool have[COL_L_ANSWER + 1] = {false};
    for (size_t i = 0; i < f->ncols; i++)
        have[f->cols[i].kind] = true;
    bool seen_instance = false, seen_sub = false, seen_resp = false;
    for (size_t i = 0; i < f->ncols; i++) {
        column *c = &f->cols[i];
        if (c->kind == COL_INSTANCE) {
            if (seen_instance)
                c->kind = COL_IGNORE;
            seen_instance = true;
        } else if (c->kind == COL_TOOL_SUBMITTED) {
            c->kind = have[COL_SUBMITTED] || seen_sub ? COL_IGNORE : COL_SUBMITTED;
            seen_sub = true;
        } else if (c->kind == COL_TOOL_RESPONDENT) {
            c->kind = have[COL_RESPONDENT] || seen_resp ? COL_IGNORE : COL_RESPONDENT;
            seen_resp = true;
        }
    }
}

static bool same_column(const column *a, const column *b)
{
    if (a->kind != b->kind)
        return false;
    if (a->kind == COL_ITEM || a->kind == COL_EVIDENCE || a->kind == COL_NOTES ||
        a->kind == COL_MULTI || a->kind == COL_MULTI_OPTION)
        return a->item == b->item;
    if (a->kind == COL_META)
        return strcmp(a->name, b->name) == 0;
    if (a->kind == COL_INSTANCE || a->kind == COL_TOOL_SUBMITTED || a->kind == COL_TOOL_RESPONDENT)
        return false; /* settled below: the first one is read */
    return a->kind != COL_IGNORE;
}

/* Whether a file comes from a survey tool: it has group paths or the
 * tool's own columns.  Only then are bookkeeping columns such as "start"
 * and "end" dropped and hyphens read as group separators in metadata
 * names: in a plain file they are the user's own. */
static bool tool_shaped(const file_reader *f, const column *cls)
{
    for (size_t i = 0; i < f->ncols; i++) {
        const char *h = f->cols[i].name;
        if (strchr(h, '/') || cls[i].kind == COL_INSTANCE || cls[i].kind == COL_TOOL_SUBMITTED)
            return true;
        if (cls[i].kind == COL_ITEM && strcmp(h, f->r->q->items[cls[i].item].id) != 0)
            return true;
    }
    return false;
}

void assess_responses_read_header(file_reader *f, const assess_row *row)
{
    assess_arena *a = f->a;
    f->ncols = row->nfields;
    f->cols = assess_arena_alloc(a, (row->nfields ? row->nfields : 1) * sizeof *f->cols);
    column *cls = calloc(row->nfields ? row->nfields : 1, sizeof *cls);
    if (!f->cols || !cls) {
        free(cls);
        f->nomem = true;
        return;
    }
    bool has_item = false, has_answer = false, has_entity = false, has_items = false;
    for (size_t i = 0; i < row->nfields; i++) {
        const char *s;
        size_t n;
        assess_utf8_trim(row->fields[i], strlen(row->fields[i]), &s, &n);
        const char *h = assess_arena_strndup(a, s, n);
        if (!h) {
            free(cls);
            f->nomem = true;
            return;
        }
        f->cols[i] = (column){.kind = COL_IGNORE, .item = ASSESS_NONE, .name = h};
        cls[i] = assess_header_classify(f->r, h);
        has_item |= is_reserved(h, "item");
        has_answer |= is_reserved(h, "answer");
        has_entity |= cls[i].kind == COL_ENTITY;
        has_items |= cls[i].kind == COL_ITEM;
    }
    const assess_questionnaire *q = f->r->q;
    const char *entity_name = f->r->state->entity_column ? f->r->state->entity_column : "entity";
    if (has_item && has_answer && !has_entity) {
        free(cls);
        f->long_form = true;
        for (size_t i = 0; i < f->ncols; i++) {
            const char *h = f->cols[i].name;
            col_kind k = is_reserved(h, "item")       ? COL_L_ITEM
                         : is_reserved(h, "answer")   ? COL_L_ANSWER
                         : is_reserved(h, "evidence") ? COL_EVIDENCE
                         : is_reserved(h, "notes")    ? COL_NOTES
                                                      : COL_IGNORE;
            f->cols[i].kind = k;
        }
        return;
    }
    if (!has_entity) {
        if (f->r->state->entity_column)
            assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, 0),
                             _("no column \"%s\" (the entity column named with --entity-column); "
                             "the first column is \"%s\""),
                             entity_name, f->ncols ? f->cols[0].name : "");
        else
            assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, 0),
                             _("no \"entity\" column: a wide responses file needs one, alone or "
                             "as the last part of a group path (city/entity), or name the "
                             "column that holds the %s's name with --entity-column (a long "
                             "file needs \"item\" and \"answer\" columns)"),
                             q->entity_label.text);
        f->broken = true;
    }
    bool tool = tool_shaped(f, cls);
    for (size_t i = 0; i < f->ncols; i++) {
        const char *h = f->cols[i].name;
        column c = cls[i];
        c.name = h;
        if (c.kind == COL_IGNORE && !tool && h[0])
            c.kind = COL_META; /* "start" in a plain file is the user's own */
        if (c.kind == COL_META) {
            const char *last = strrchr(h, '/');
            size_t near = near_item(q, last ? last + 1 : h);
            if (near != ASSESS_NONE) {
                assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, i),
                                 _("column \"%s\": not an item of %s; did you mean \"%s\"?"), h,
                                 q->id, q->items[near].id);
                c.kind = COL_IGNORE;
            } else if ((near = maybe_item(q, last ? last + 1 : h)) != ASSESS_NONE) {
                assess_diags_add(f->d, ASSESS_WARNING, assess_row_loc(row, i),
                                 _("column \"%s\": not an item of %s, so it is kept as "
                                 "metadata and not scored; did you mean \"%s\"?"),
                                 h, q->id, q->items[near].id);
            }
        }
        if (c.kind == COL_META && tool) {
            /* metadata under its last segment, unless another column has it */
            const char *m = assess_header_meta_name(h, true);
            for (size_t k = 0; k < i && m != h; k++) {
                if (f->cols[k].kind == COL_META && strcmp(f->cols[k].name, m) == 0)
                    m = h;
            }
            c.name = m;
        }
        for (size_t k = 0; k < i && c.kind != COL_IGNORE; k++) {
            if (same_column(&f->cols[k], &c)) {
                assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, i),
                                 _("column \"%s\": duplicate of column %zu (\"%s\")"), h, k + 1,
                                 f->cols[k].name);
                c.kind = COL_IGNORE;
            }
        }
        f->cols[i] = c;
    }
    free(cls);
    settle_tool_columns(f);
    if (!has_items && !f->broken) {
        assess_header_no_items(f->r, row, f->cols, f->ncols, f->d);
        f->broken = true;
    }
}

/* Matches an answer; reports a bad one.  Returns choice + 1, 0 = empty. */
static uint16_t match_answer(file_reader *f, const assess_row *row, size_t col, size_t item,
                             const char *answer, const char *column_name)
{
    if (answer[0] == '\0')
        return 0;
    const assess_questionnaire *q = f->r->q;
    struct assess_responses_state *st = f->r->state;
    size_t scale = q->items[item].scale;
    const assess_scale *sc = &q->scales[scale];
    assess_match_how how;
    if (answer[1] == '\0' && (unsigned char)answer[0] < 128) {
        /* one ASCII character can only be an exact or folded match,
         * never a prefix: the verdict is the same every time */
        uint16_t *hit = &st->single[scale * 128 + (unsigned char)answer[0]];
        if (*hit == SINGLE_UNSEEN) {
            size_t c = assess_answer_match(sc, &st->keys[scale], answer, 1, &how);
            if (how == ASSESS_MATCH_NOMEM) {
                f->nomem = true;
                return 0;
            }
            *hit = c == ASSESS_NONE ? 0 : (uint16_t)(c + 1);
        }
        if (*hit)
            return *hit;
    }
    const char *s;
    size_t n;
    assess_utf8_trim(answer, strlen(answer), &s, &n);
    if (n == 0)
        return 0;
    size_t c = assess_answer_match(sc, &st->keys[scale], s, n, &how);
    if (how == ASSESS_MATCH_NOMEM) {
        f->nomem = true;
        return 0;
    }
    int shown = (int)assess_utf8_cut(s, n, 80);
    if (c != ASSESS_NONE) {
        if (how == ASSESS_MATCH_PREFIX)
            assess_diags_add(f->d, ASSESS_WARNING, assess_row_loc(row, col),
                             _("column \"%s\": \"%.*s\" taken as \"%s\" (%s), the one label it "
                             "is the start of; write the whole label to be sure"),
                             column_name, shown, s, sc->choices[c].label.text,
                             sc->choices[c].value);
        return (uint16_t)(c + 1);
    }
    const char *number = q->items[item].number;
    char labels[600], values[200], hint[300] = "";
    assess_answer_choices(sc, labels, sizeof labels, values, sizeof values);
    size_t near = assess_answer_closest(&st->keys[scale], s, n);
    if (near != ASSESS_NONE)
        snprintf(hint, sizeof hint, _("; did you mean \"%s\"?"), sc->choices[near].label.text);
    assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, col),
                     _("column \"%s\": \"%.*s\" does not answer question %s (%s): choose one of "
                     "%s (or write its code: %s)%s"),
                     column_name, shown, s, number, q->items[item].id, labels, values, hint);
    return 0;
}

bool assess_responses_single_fill(assess_responses *r, size_t k)
{
    struct assess_responses_state *st = r->state;
    for (unsigned c = 1; c < 128; c++) {
        uint16_t *hit = &st->single[k * 128 + c];
        if (*hit != SINGLE_UNSEEN)
            continue;
        const char answer[2] = {(char)c, '\0'};
        assess_match_how how;
        size_t m = assess_answer_match(&r->q->scales[k], &st->keys[k], answer, 1, &how);
        if (how == ASSESS_MATCH_NOMEM)
            return false;
        *hit = m == ASSESS_NONE ? 0 : (uint16_t)(m + 1);
    }
    return true;
}

/* match_answer, with the look-up of a one-character answer that a
 * statewide file makes millions of times done here, not in a call. */
static inline uint16_t answer_of(file_reader *f, const assess_row *row, size_t col, size_t item,
                                 const char *answer, const char *column_name)
{
    unsigned char c = (unsigned char)answer[0];
    if (c && c < 128 && answer[1] == '\0') {
        const struct assess_responses_state *st = f->r->state;
        uint16_t hit = st->single[f->r->q->items[item].scale * 128 + c];
        if (hit != SINGLE_UNSEEN && hit != 0)
            return hit;
    }
    return match_answer(f, row, col, item, answer, column_name);
}

/* v trimmed of spaces of any kind (a no-break space from a web page
 * too), in the arena. */
static const char *copy_trim(file_reader *f, const char *v)
{
    const char *s;
    size_t n;
    assess_utf8_trim(v, strlen(v), &s, &n);
    const char *c = assess_arena_strndup(f->a, s, n);
    if (!c)
        f->nomem = true;
    return c ? c : "";
}

/* v trimmed, kept once per column when column col's values repeat. */
static const char *keep_trim(file_reader *f, size_t col, const char *v)
{
    if (!f->interns)
        return copy_trim(f, v);
    const char *s;
    size_t n;
    assess_utf8_trim(v, strlen(v), &s, &n);
    const char *c = assess_intern_keep(&f->interns[col], f->a, s, n);
    if (!c)
        f->nomem = true;
    return c ? c : "";
}

/* A name, trimmed and in Unicode NFC: "José" typed with a combining
 * accent is the same name as with the accented letter.  An ASCII name
 * is kept once per column when the column's values repeat (col is
 * ASSESS_NONE for one that is not a column of a wide file). */
static const char *copy_name(file_reader *f, size_t col, const char *v)
{
    const char *s;
    size_t n, len = 0;
    assess_utf8_trim(v, strlen(v), &s, &n);
    size_t i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    if (i == n) { /* ASCII is NFC already: one copy */
        const char *c = f->interns && col != ASSESS_NONE
                            ? assess_intern_keep(&f->interns[col], f->a, s, n)
                            : assess_arena_strndup(f->a, s, n);
        if (!c)
            f->nomem = true;
        return c ? c : "";
    }
    char *nfc = assess_utf8_nfc(s, n, &len);
    const char *c = nfc ? assess_arena_strndup(f->a, nfc, len) : NULL;
    free(nfc);
    if (!c)
        f->nomem = true;
    return c ? c : "";
}

/* Checks a `submitted` value: an ISO 8601 date, optionally with a time. */

static void check_questionnaire(file_reader *f, const assess_row *row, size_t col,
                                const char *v, const char *column_name)
{
    char want[512];
    expected_id(f->r->q, want, sizeof want);
    if (v[0] && strcmp(v, want) != 0)
        assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, col),
                         _("column \"%s\": \"%s\" does not match the questionnaire used, %s"),
                         column_name, v, want);
}

/* A `submitted` value as a date: in a workbook, a cell a spreadsheet
 * turned into a date holds its serial number (no styles are read), so a
 * number there is taken as that date. */
static const char *submitted_text(file_reader *f, const assess_row *row, const char *v)
{
    char iso[11];
    if (row->sheet && assess_str_serial_date(v, iso)) {
        const char *c = assess_arena_strdup(f->a, iso);
        if (!c)
            f->nomem = true;
        return c ? c : "";
    }
    return v;
}

static void check_submitted(file_reader *f, const assess_row *row, size_t col, const char *v,
                            const char *column_name)
{
    if (v[0] && !assess_str_iso_date(v))
        assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, col),
                         _("column \"%s\": \"%s\" is not an ISO 8601 date such as 2026-03-31"),
                         column_name, v);
}

static assess_submission *new_submission(file_reader *f, const assess_row *row)
{
    assess_submission *sub = assess_vec_push(f->subs);
    size_t nitems = f->r->q->nitems;
    uint8_t *answers = assess_arena_alloc_aligned(f->a, nitems ? nitems : 1, 1);
    if (!sub || !answers) {
        f->nomem = true;
        return NULL;
    }
    sub->file = f->path;
    sub->line = row->line;
    sub->entity = sub->cycle = "";
    sub->more = NULL;
    sub->answers = answers;
    sub->multi = NULL;
    if (f->r->q->nmultis) {
        sub->multi = assess_arena_alloc(f->a, f->r->q->nmultis * sizeof *sub->multi);
        if (!sub->multi) {
            f->nomem = true;
            return NULL;
        }
        memset(sub->multi, 0, f->r->q->nmultis * sizeof *sub->multi);
    }
    return sub;
}

/* The submission's rarely given fields, made on first use; NULL when
 * memory ran out. */
static struct assess_submission_more *more_of(file_reader *f, assess_submission *sub)
{
    if (!sub->more) {
        struct assess_submission_more *m = assess_arena_alloc(f->a, sizeof *m);
        if (!m) {
            f->nomem = true;
            return NULL;
        }
        m->respondent = m->submitted = m->instance = "";
        sub->more = m;
    }
    return (struct assess_submission_more *)sub->more;
}

enum { MORE_RESPONDENT, MORE_SUBMITTED, MORE_INSTANCE };

/* A respondent, date or instance id, kept when not empty. */
static void set_more(file_reader *f, assess_submission *sub, int which, const char *v)
{
    struct assess_submission_more *m = v[0] ? more_of(f, sub) : NULL;
    if (!m)
        return;
    if (which == MORE_RESPONDENT)
        m->respondent = v;
    else if (which == MORE_SUBMITTED)
        m->submitted = v;
    else
        m->instance = v;
}

const char *assess_submission_respondent(const assess_submission *s)
{
    return s->more ? s->more->respondent : "";
}

const char *assess_submission_submitted(const assess_submission *s)
{
    return s->more ? s->more->submitted : "";
}

const char *assess_submission_instance(const assess_submission *s)
{
    return s->more ? s->more->instance : "";
}

/* Records free text for an item, allocating the per-item arrays on first
 * use so that submissions without text cost nothing. */
static void set_text(file_reader *f, assess_submission *sub, size_t item, bool notes,
                     const char *v)
{
    const char *s;
    size_t n;
    assess_utf8_trim(v, strlen(v), &s, &n);
    if (n == 0)
        return;
    assess_arena *a = f->a;
    struct assess_submission_more *m = more_of(f, sub);
    if (!m)
        return;
    const char ***arr = notes ? &m->notes : &m->evidence;
    if (!*arr) {
        *arr = assess_arena_alloc(a, f->r->q->nitems * sizeof **arr);
        if (!*arr) {
            f->nomem = true;
            return;
        }
    }
    (*arr)[item] = assess_arena_strndup(a, s, n);
    if (!(*arr)[item])
        f->nomem = true;
}

const char *assess_submission_text(const assess_submission *s, size_t item, bool notes)
{
    if (!s->more)
        return NULL;
    const char **arr = notes ? s->more->notes : s->more->evidence;
    return arr ? arr[item] : NULL;
}

/* An instance id without the "uuid:" that ODK and meta/instanceID
 * write and KoboToolbox's _uuid does not. */
static const char *instance_key(const char *id)
{
    return strncmp(id, "uuid:", 5) == 0 ? id + 5 : id;
}

/* The same submission given twice (exported twice, or in two files)
 * has the same instance id: the last row read is dropped with a warning.
 * Equal answers without an id are two people answering alike. */
static void drop_repeat(file_reader *f, const assess_row *row)
{
    struct assess_responses_state *st = f->r->state;
    assess_submission *subs = st->submissions.data;
    size_t self = st->submissions.count - 1;
    const char *key = instance_key(assess_submission_instance(&subs[self]));
    size_t prev = assess_index_get(&st->instances, key);
    /* an entry left by a file that was refused may point past the end,
     * or at a later submission: checked, not trusted */
    if (prev < self && strcmp(instance_key(assess_submission_instance(&subs[prev])), key) == 0) {
        assess_diags_add(f->d, ASSESS_WARNING, assess_row_loc(row, f->instance_col),
                         _("column \"%s\": submission \"%s\" was given before (%s:%ld); it is "
                         "counted once"),
                         f->cols[f->instance_col].name, assess_submission_instance(&subs[self]),
                         subs[prev].file,
                         subs[prev].line);
        st->submissions.count--;
        return;
    }
    if (assess_index_put(&st->instances, key, self) != ASSESS_OK)
        f->nomem = true;
}

void assess_responses_read_wide_row(file_reader *f, const assess_row *row)
{
    assess_submission *sub = new_submission(f, row);
    if (!sub)
        return;
    size_t nmeta = 0;
    for (size_t i = 0; i < f->ncols && i < row->nfields; i++) {
        if (f->cols[i].kind == COL_META && row->fields[i][0])
            nmeta++;
    }
    sub->meta = assess_arena_alloc(f->a, (nmeta ? nmeta : 1) * sizeof *sub->meta);
    if (!sub->meta) {
        f->nomem = true;
        return;
    }
    for (size_t i = 0; i < f->ncols && i < row->nfields; i++) {
        const column *c = &f->cols[i];
        const char *v = row->fields[i];
        switch (c->kind) {
        case COL_ENTITY:
            sub->entity = copy_name(f, ASSESS_NONE, v);
            break;
        case COL_CYCLE:
            sub->cycle = copy_name(f, i, v);
            break;
        case COL_INSTANCE:
            set_more(f, sub, MORE_INSTANCE, copy_trim(f, v));
            f->instance_col = i;
            break;
        case COL_RESPONDENT:
            set_more(f, sub, MORE_RESPONDENT, copy_trim(f, v));
            break;
        case COL_SUBMITTED: {
            const char *date = submitted_text(f, row, copy_trim(f, v));
            check_submitted(f, row, i, date, c->name);
            set_more(f, sub, MORE_SUBMITTED, date);
            break;
        }
        case COL_QUESTIONNAIRE: {
            const char *s;
            size_t n;
            assess_utf8_trim(v, strlen(v), &s, &n);
            char buf[512];
            snprintf(buf, sizeof buf, "%.*s", (int)n, s);
            check_questionnaire(f, row, i, buf, c->name);
            break;
        }
        case COL_ITEM:
            if (v[0])
                sub->answers[c->item] = (uint8_t)answer_of(f, row, i, c->item, v, c->name);
            break;
        case COL_EVIDENCE:
        case COL_NOTES:
            set_text(f, sub, c->item, c->kind == COL_NOTES, v);
            break;
        case COL_MULTI:
            sub->multi[c->item] |= assess_multi_cell(f->r, f->memo, f->a, c->item, row, i, v,
                                                     c->name, f->d, &f->nomem);
            break;
        case COL_MULTI_OPTION:
            assess_multi_option_cell(f->r, sub, c->item, row, i, v, c->name, f->d, &f->nomem);
            break;
        case COL_META: {
            const char *val = keep_trim(f, i, v);
            if (val[0])
                sub->meta[sub->nmeta++] = (assess_meta){.key = c->name, .value = val};
            break;
        }
        default:
            break;
        }
    }
    if (!sub->entity[0]) {
        size_t col = 0;
        for (size_t i = 0; i < f->ncols; i++) {
            if (f->cols[i].kind == COL_ENTITY)
                col = i;
        }
        assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, col),
                         _("column \"%s\": must not be empty: whose answers are these?"),
                         f->cols[col].name);
    }
    if (assess_submission_instance(sub)[0])
        drop_repeat(f, row);
}

/* ## Long files */

static void read_long_row(file_reader *f, const assess_row *row)
{
    const char *id = "", *answer = "", *evidence = "", *notes = "";
    size_t id_col = 0, answer_col = 0;
    for (size_t i = 0; i < f->ncols && i < row->nfields; i++) {
        switch (f->cols[i].kind) {
        case COL_L_ITEM:
            id = row->fields[i];
            id_col = i;
            break;
        case COL_L_ANSWER:
            answer = row->fields[i];
            answer_col = i;
            break;
        case COL_EVIDENCE:
            evidence = row->fields[i];
            break;
        case COL_NOTES:
            notes = row->fields[i];
            break;
        default:
            break;
        }
    }
    if (!f->sub) {
        f->sub = new_submission(f, row);
        f->item_line = calloc(f->r->q->nitems ? f->r->q->nitems : 1, sizeof *f->item_line);
        if (!f->sub || !f->item_line) {
            f->nomem = true;
            return;
        }
        f->sub->line = 0;
    }
    assess_submission *sub = f->sub;
    id = copy_trim(f, id);
    if (id[0] == '@') {
        const char *key = id + 1;
        const char *v = copy_trim(f, answer);
        if (is_reserved(key, "entity"))
            sub->entity = copy_name(f, ASSESS_NONE, answer);
        else if (is_reserved(key, "cycle"))
            sub->cycle = copy_name(f, ASSESS_NONE, answer);
        else if (is_reserved(key, "respondent"))
            set_more(f, sub, MORE_RESPONDENT, v);
        else if (is_reserved(key, "submitted")) {
            const char *date = submitted_text(f, row, v);
            check_submitted(f, row, answer_col, date, "answer");
            set_more(f, sub, MORE_SUBMITTED, date);
        } else if (is_reserved(key, "questionnaire"))
            check_questionnaire(f, row, answer_col, v, "answer");
        else if (key[0] && v[0]) {
            assess_meta *m = assess_vec_push(&f->meta);
            if (!m)
                f->nomem = true;
            else
                *m = (assess_meta){.key = key, .value = v};
        }
        if (is_reserved(key, "entity"))
            sub->line = row->line;
        return;
    }
    if (!id[0]) {
        if (answer[0] || evidence[0] || notes[0])
            assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, id_col),
                             _("column \"item\": must not be empty when the row has an answer"));
        return;
    }
    size_t item = item_of(f, id);
    if (item == ASSESS_NONE &&
        assess_multi_long_row(f->r, sub, row, id_col, answer_col, id, answer, f->d, &f->nomem))
        return;
    if (item == ASSESS_NONE) {
        const assess_questionnaire *q = f->r->q;
        size_t near = near_item(q, id);
        if (near != ASSESS_NONE)
            assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, id_col),
                             _("column \"item\": \"%s\" is not an item of %s; did you mean "
                             "\"%s\"?"),
                             id, q->id, q->items[near].id);
        else
            assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, id_col),
                             _("column \"item\": \"%s\" is not an item of %s"), id, q->id);
        return;
    }
    if (f->item_line[item]) {
        assess_diags_add(f->d, ASSESS_ERROR, assess_row_loc(row, id_col),
                         _("column \"item\": \"%s\" is answered twice (first on line %ld)"), id,
                         f->item_line[item]);
        return;
    }
    f->item_line[item] = row->line;
    sub->answers[item] = (uint8_t)match_answer(f, row, answer_col, item, answer, "answer");
    set_text(f, sub, item, false, evidence);
    set_text(f, sub, item, true, notes);
}

static void finish_long(file_reader *f)
{
    assess_submission *sub = f->sub;
    if (!sub)
        return;
    if (!sub->entity[0]) {
        assess_diags_add(f->d, ASSESS_ERROR, assess_loc_line(f->path, 1),
                         _("no \"@entity\" row: add a row with item \"@entity\" and the %s's "
                         "name as its answer"),
                         f->r->q->entity_label.text);
    }
    if (sub->line == 0)
        sub->line = 1;
    sub->nmeta = f->meta.count;
    size_t bytes = f->meta.count * sizeof(assess_meta);
    sub->meta = assess_arena_alloc(f->a, bytes ? bytes : 1);
    if (!sub->meta)
        f->nomem = true;
    else if (bytes)
        memcpy(sub->meta, f->meta.data, bytes);
}

static int on_row(const assess_row *row, void *ud)
{
    file_reader *f = ud;
    if (!f->header_done) {
        f->header_done = true;
        assess_responses_read_header(f, row);
        if (!f->long_form && !f->broken && !f->nomem) {
            f->interns = calloc(f->ncols ? f->ncols : 1, sizeof *f->interns);
            f->nomem = f->interns == NULL;
            for (size_t i = 0; f->interns && i < f->ncols; i++)
                assess_intern_init(&f->interns[i], INTERN_MAX);
        }
        return f->broken || f->nomem;
    }
    if (f->long_form)
        read_long_row(f, row);
    else
        assess_responses_read_wide_row(f, row);
    if (f->nomem)
        return 1;
    /* Far past the point of usefulness: stop rather than flood. */
    return f->d->errors - f->errors_before > 200;
}

assess_status assess_responses_add_file(assess_responses *r, const char *path, assess_diags *d)
{
    struct assess_responses_state *s = r->state;
    const char *p = assess_arena_strdup(s->a, path);
    if (!p)
        return ASSESS_ERR_NOMEM;
    file_digest fd;
    const char *twin = assess_responses_same_file(s, p, &fd);
    if (twin) {
        assess_diags_add(d, ASSESS_WARNING, assess_loc_file(p),
                         _("the same file as %s, byte for byte: its answers are counted once"),
                         twin);
        return ASSESS_OK;
    }
    const file_reader fresh = {.r = r,
                               .d = d,
                               .path = p,
                               .errors_before = d->errors,
                               .first_submission = s->submissions.count,
                               .a = s->a,
                               .subs = &s->submissions,
                               .memo = s->multi_memo};
    file_reader f = fresh;
    /* a large CSV file of plain lines on every core; any other file, or
     * one with any problem, row by row */
    assess_status st = ASSESS_OK;
    if (assess_responses_file_source(p) == assess_csv_read && assess_responses_read_parts(&f)) {
        free(f.interns);
    } else {
        f = fresh;
        assess_vec_init(&f.meta, sizeof(assess_meta));
        /* CSV, a filled assessment workbook, or a workbook's responses
         * sheet (read.h: row sources; responses_xlsx.h) */
        st = assess_responses_file_source(p)(p, on_row, &f, d);
        if (st == ASSESS_OK && f.long_form)
            finish_long(&f);
        free(f.item_line);
        for (size_t i = 0; f.interns && i < f.ncols; i++)
            assess_intern_cleanup(&f.interns[i]);
        free(f.interns);
        assess_vec_cleanup(&f.meta);
    }
    if (st == ASSESS_OK && (f.nomem || assess_arena_failed(s->a)))
        st = ASSESS_ERR_NOMEM;
    if (st == ASSESS_OK && d->errors > f.errors_before)
        st = ASSESS_ERR_INVALID;
    if (st != ASSESS_OK) {
        s->submissions.count = f.first_submission;
        return st;
    }
    st = assess_responses_commit(r, f.first_submission, d);
    file_digest *slot = st == ASSESS_OK && fd.path ? assess_vec_push(&s->files) : NULL;
    if (slot)
        *slot = fd;
    return st;
}
