/*
 * responses_header.c — what each column of a wide responses file holds
 * (docs/formats.md): reserved columns, items, evidence and
 * notes, the bookkeeping columns survey tools add, and metadata.  A
 * header is matched as written, then by its last segment: KoboToolbox
 * writes `group/sub/ID`, ODK Central and Briefcase `group-sub-ID` (and an
 * id may hold a hyphen itself, so every hyphen is tried, longest id
 * first).  Also: peeking at the questionnaire a file names.
 */
#include "answer.h"
#include "intl.h"
#include "responses_internal.h"
#include "responses_xlsx.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns of a wide file that are not items (docs/formats.md). */
static const struct {
    const char *name;
    col_kind kind;
} reserved[] = {{"entity", COL_ENTITY},         {"questionnaire", COL_QUESTIONNAIRE},
                {"cycle", COL_CYCLE},           {"respondent", COL_RESPONDENT},
                {"submitted", COL_SUBMITTED}};

const char *assess_column_reserved(const char *name)
{
    for (size_t k = 0; k < sizeof reserved / sizeof *reserved; k++) {
        if (assess_str_ieq(name, reserved[k].name))
            return reserved[k].name;
    }
    return NULL;
}

/* What survey tools add to every submission (last segment, as the tool
 * spells it): the submission time and instance id are used, the
 * submitter stands in for a respondent column, the rest is bookkeeping
 * and not kept as metadata (it would fill every table with ids). */
static const struct {
    const char *name;
    col_kind kind;
} tool_columns[] = {
    /* KoboToolbox */
    {"_submission_time", COL_TOOL_SUBMITTED}, {"_uuid", COL_INSTANCE},
    {"instanceID", COL_INSTANCE},             {"_submitted_by", COL_TOOL_RESPONDENT},
    {"_id", COL_IGNORE},                      {"_index", COL_IGNORE},
    {"_status", COL_IGNORE},                  {"_validation_status", COL_IGNORE},
    {"_notes", COL_IGNORE},                   {"_tags", COL_IGNORE},
    {"__version__", COL_IGNORE},              {"_version_", COL_IGNORE},
    {"_xform_id_string", COL_IGNORE},         {"_attachments", COL_IGNORE},
    {"_geolocation", COL_IGNORE},             {"deprecatedID", COL_IGNORE},
    {"instanceName", COL_IGNORE},             {"formhub/uuid", COL_IGNORE},
    {"start", COL_IGNORE},                    {"end", COL_IGNORE},
    {"today", COL_IGNORE},                    {"deviceid", COL_IGNORE},
    {"audit", COL_IGNORE},
    /* ODK Central and Briefcase */
    {"SubmissionDate", COL_TOOL_SUBMITTED},   {"KEY", COL_INSTANCE},
    {"SubmitterName", COL_TOOL_RESPONDENT},   {"SubmitterID", COL_IGNORE},
    {"AttachmentsPresent", COL_IGNORE},       {"AttachmentsExpected", COL_IGNORE},
    {"Status", COL_IGNORE},                   {"ReviewState", COL_IGNORE},
    {"DeviceID", COL_IGNORE},                 {"Edits", COL_IGNORE},
    {"FormVersion", COL_IGNORE},
};

/* The part of h after its last "/" (the whole of h without one). */
static const char *last_slash(const char *h)
{
    const char *s = strrchr(h, '/');
    return s ? s + 1 : h;
}

/* Calls match(name) on the last segment of h and then on what follows
 * each hyphen in it, longest first; returns the first hit's value. */
typedef size_t (*match_fn)(const assess_responses *r, const char *name);

static size_t by_segment(const assess_responses *r, const char *h, match_fn match)
{
    size_t hit = match(r, h);
    if (hit != ASSESS_NONE)
        return hit;
    const char *last = last_slash(h);
    if (last != h && (hit = match(r, last)) != ASSESS_NONE)
        return hit;
    for (const char *p = strchr(last, '-'); p; p = strchr(p + 1, '-')) {
        if (p[1] && (hit = match(r, p + 1)) != ASSESS_NONE)
            return hit;
    }
    return ASSESS_NONE;
}

static size_t match_item(const assess_responses *r, const char *name)
{
    return assess_index_get(&r->state->items, name);
}

static size_t match_reserved(const assess_responses *r, const char *name)
{
    /* with --entity-column, the other reserved names still hold */
    const char *ec = r->state->entity_column;
    if (ec && assess_str_ieq(name, ec))
        return COL_ENTITY;
    for (size_t k = ec ? 1 : 0; k < sizeof reserved / sizeof *reserved; k++) {
        if (assess_str_ieq(name, reserved[k].name))
            return reserved[k].kind;
    }
    return ASSESS_NONE;
}

static size_t match_tool(const assess_responses *r, const char *name)
{
    (void)r;
    for (size_t k = 0; k < sizeof tool_columns / sizeof *tool_columns; k++) {
        if (strcmp(name, tool_columns[k].name) == 0)
            return tool_columns[k].kind;
    }
    return ASSESS_NONE;
}

/* "ID.evidence" and "ID.notes" with ID an item. */
static column text_column(const assess_responses *r, const char *h)
{
    static const struct {
        const char *suffix;
        col_kind kind;
    } texts[] = {{".evidence", COL_EVIDENCE}, {".notes", COL_NOTES}};
    for (size_t k = 0; k < 2; k++) {
        size_t n = strlen(h), m = strlen(texts[k].suffix);
        if (n > m && strcmp(h + n - m, texts[k].suffix) == 0 && n - m < 256) {
            char id[256];
            memcpy(id, h, n - m);
            id[n - m] = '\0';
            size_t item = by_segment(r, id, match_item);
            if (item != ASSESS_NONE)
                return (column){.kind = texts[k].kind, .item = item, .name = h};
        }
    }
    return (column){.kind = COL_META, .item = ASSESS_NONE, .name = h};
}

column assess_header_classify(const assess_responses *r, const char *h)
{
    column c = {.kind = COL_META, .item = ASSESS_NONE, .name = h};
    if (!h[0]) {
        c.kind = COL_IGNORE;
        return c;
    }
    size_t k = by_segment(r, h, match_reserved);
    if (k != ASSESS_NONE) {
        c.kind = (col_kind)k;
        return c;
    }
    size_t item = by_segment(r, h, match_item);
    if (item != ASSESS_NONE) {
        c.kind = COL_ITEM;
        c.item = item;
        return c;
    }
    size_t m = by_segment(r, h, assess_multi_of);
    if (m != ASSESS_NONE) {
        c.kind = COL_MULTI;
        c.item = m;
        return c;
    }
    if ((m = assess_multi_option_column(r, h)) != ASSESS_NONE) {
        c.kind = COL_MULTI_OPTION;
        c.item = m;
        return c;
    }
    c = text_column(r, h);
    if (c.kind != COL_META)
        return c;
    if ((k = match_tool(r, h)) != ASSESS_NONE || (k = by_segment(r, h, match_tool)) != ASSESS_NONE)
        c.kind = (col_kind)k;
    return c;
}

/* The name a metadata column is kept under: its last segment ("region"
 * for "city_info/region", and for "city_info-region" in a file written
 * with ODK's hyphens), so `--by region` works whatever the form's
 * groups; the whole header when the segment is taken. */
const char *assess_header_meta_name(const char *h, bool hyphens)
{
    const char *s = last_slash(h);
    if (hyphens) {
        const char *p = strrchr(s, '-');
        if (p && p[1])
            s = p + 1;
    }
    return s;
}

/* Whether h looks like item `id` written with a group separator we do
 * not read ("grp.id", "grp:id", "grp__id", "grp id") or in another
 * letter case. */
static bool other_notation(const char *h, const char *id)
{
    size_t n = strlen(h), m = strlen(id);
    if (n < m)
        return false;
    if (n == m)
        return assess_str_ieq(h, id);
    const char *tail = h + n - m;
    char sep = tail[-1];
    return assess_str_ieq(tail, id) && (sep == '.' || sep == ':' || sep == '_' || sep == ' ' ||
                                        sep == '/' || sep == '-' || sep == '\\');
}

/* The item whose question text (in any language) header h is, folded,
 * or ASSESS_NONE: KoboToolbox's "Labels" export writes question labels as
 * headers. */
static size_t label_header(const assess_questionnaire *q, const char *h)
{
    size_t hn = 0;
    char *fh = assess_utf8_fold(h, strlen(h), ASSESS_FOLD_ALL, &hn);
    size_t found = ASSESS_NONE;
    for (size_t i = 0; fh && hn && i < q->nitems && found == ASSESS_NONE; i++) {
        const assess_text *t = &q->items[i].text;
        for (size_t k = 0; k <= t->ntranslations && found == ASSESS_NONE; k++) {
            const char *s = k == 0 ? t->text : t->translations[k - 1].text;
            char *fs = assess_utf8_fold(s, strlen(s), ASSESS_FOLD_ALL, NULL);
            if (fs && strcmp(fs, fh) == 0)
                found = i;
            free(fs);
        }
    }
    free(fh);
    return found;
}

void assess_header_no_items(const assess_responses *r, const assess_row *row,
                            const column *cols, size_t ncols, assess_diags *d)
{
    const assess_questionnaire *q = r->q;
    char other[600] = "", labels[600] = "";
    size_t nother = 0, nlabels = 0, lused = 0, oused = 0;
    for (size_t i = 0; i < ncols; i++) {
        if (cols[i].kind != COL_META && cols[i].kind != COL_IGNORE)
            continue;
        const char *h = cols[i].name;
        bool hit = false;
        for (size_t k = 0; k < q->nitems && !hit; k++)
            hit = other_notation(h, q->items[k].id);
        if (hit && oused < sizeof other - 120) {
            int w = snprintf(other + oused, sizeof other - oused, "%s\"%.60s\"",
                             nother ? ", " : "", h);
            oused += w > 0 ? (size_t)w : 0;
        }
        nother += hit;
        if (!hit && label_header(q, h) != ASSESS_NONE) {
            if (lused < sizeof labels - 120) {
                int w = snprintf(labels + lused, sizeof labels - lused, "%s\"%.50s%s\"",
                                 nlabels ? ", " : "", h, strlen(h) > 50 ? "…" : "");
                lused += w > 0 ? (size_t)w : 0;
            }
            nlabels++;
        }
    }
    assess_loc loc = assess_row_loc(row, 0);
    if (nlabels)
        assess_diags_add(d, ASSESS_ERROR, loc,
                         _n("no column is an item of %s, and %zu column is question text "
                            "(%s): headers must be the questions' names; in KoboToolbox, export "
                            "with \"XML values and headers\" (answers given as labels are read)",
                            "no column is an item of %s, and %zu columns are question texts "
                            "(%s): headers must be the questions' names; in KoboToolbox, export "
                            "with \"XML values and headers\" (answers given as labels are read)",
                            nlabels),
                         q->id, nlabels, labels);
    else if (nother)
        assess_diags_add(d, ASSESS_ERROR, loc,
                         _n("no column is an item of %s, but %s looks like an item written "
                            "another way: name an item's column by its id, alone or as the last "
                            "part of a group path (group/ID as KoboToolbox writes it, group-ID as "
                            "ODK does)",
                            "no column is an item of %s, but %s look like items written another "
                            "way: name an item's column by its id, alone or as the last part of a "
                            "group path (group/ID as KoboToolbox writes it, group-ID as ODK does)",
                            nother),
                         q->id, other);
    else
        assess_diags_add(d, ASSESS_ERROR, loc,
                         _("no column is an item of %s (its items are %s, %s, …): is this a "
                         "responses file for another questionnaire?"),
                         q->id, q->nitems ? q->items[0].id : "", q->nitems > 1 ? q->items[1].id : "");
}

/* ## Peeking at the questionnaire a file names */

typedef struct {
    char *buf;
    size_t size;
    bool header_done, long_form;
    size_t col;
    size_t item_col, answer_col;
} peek_state;

/* Whether header h is `name`, alone or as the last segment of a group
 * path (group/name, group-name). */
static bool header_is(const char *h, const char *name)
{
    size_t n = strlen(h), m = strlen(name);
    return assess_str_ieq(h, name) ||
           (n > m && (h[n - m - 1] == '/' || h[n - m - 1] == '-') &&
            assess_str_ieq(h + n - m, name));
}

static int on_peek(const assess_row *row, void *ud)
{
    peek_state *p = ud;
    if (!p->header_done) {
        p->header_done = true;
        p->col = p->item_col = p->answer_col = ASSESS_NONE;
        for (size_t i = 0; i < row->nfields; i++) {
            const char *h = row->fields[i];
            if (header_is(h, "questionnaire") && p->col == ASSESS_NONE)
                p->col = i;
            if (assess_str_ieq(h, "item"))
                p->item_col = i;
            if (assess_str_ieq(h, "answer"))
                p->answer_col = i;
        }
        p->long_form = p->col == ASSESS_NONE && p->item_col != ASSESS_NONE &&
                       p->answer_col != ASSESS_NONE;
        return !p->long_form && p->col == ASSESS_NONE;
    }
    const char *v = "";
    if (p->long_form) {
        if (p->item_col < row->nfields && assess_str_ieq(row->fields[p->item_col], "@questionnaire") &&
            p->answer_col < row->nfields)
            v = row->fields[p->answer_col];
    } else if (p->col < row->nfields) {
        v = row->fields[p->col];
    }
    const char *s;
    size_t n;
    assess_str_trim(v, &s, &n);
    if (n == 0)
        return 0;
    snprintf(p->buf, p->size, "%.*s", (int)n, s);
    return 1;
}

assess_status assess_responses_peek_questionnaire(const char *path, char *buf, size_t size,
                                                  assess_diags *d)
{
    if (size)
        buf[0] = '\0';
    peek_state p = {.buf = buf, .size = size};
    assess_diags scratch;
    assess_diags_init(&scratch);
    /* Problems of the file itself are reported when it is loaded; here
     * only an unreadable file matters. */
    assess_status st = assess_responses_file_source(path)(path, on_peek, &p, &scratch);
    if (st == ASSESS_ERR_IO && scratch.count)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), "%s", scratch.items[0].message);
    assess_diags_cleanup(&scratch);
    return st == ASSESS_ERR_IO ? st : ASSESS_OK;
}
