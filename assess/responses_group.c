/*
 * responses_group.c — a file's submissions joined to one assessment per
 * entity and cycle (docs/formats.md), once the whole file has been read and
 * found valid; and a file given twice, found by its bytes.
 */
#include "responses_internal.h"
#include "intl.h"
#include "utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define RESPONDENTS_MAX 65535 /* per assessment; docs/limits.md */

static const char *group_key(assess_arena *a, const char *entity, size_t ne, const char *cycle)
{
    size_t nc = strlen(cycle);
    char *k = assess_arena_alloc(a, ne + nc + 2);
    if (k) {
        memcpy(k, entity, ne);
        k[ne] = '\x1f';
        memcpy(k + ne + 1, cycle, nc + 1);
    }
    return k;
}

/* The assessment a submission belongs to: names are compared once case
 * and spaces are set aside ("Springfield", "springfield " and "Spring
 * field" are one city; names arrive trimmed and in NFC), and the first
 * spelling met is the assessment's.  Another spelling is warned about
 * once.  ASSESS_NONE when memory ran out. */
static size_t find_assessment(struct assess_responses_state *s, const assess_submission *sub,
                              size_t index, assess_diags *d)
{
    size_t n = 0;
    char *folded = assess_utf8_fold(sub->entity, strlen(sub->entity),
                                    ASSESS_FOLD_CASE | ASSESS_FOLD_SPACE, &n);
    if (!folded)
        return ASSESS_NONE;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (folded[i] != ' ')
            folded[w++] = folded[i];
    }
    /* the key is built in a scratch buffer and kept only when new */
    size_t nc = strlen(sub->cycle);
    char *key = malloc(w + nc + 2);
    if (!key) {
        free(folded);
        return ASSESS_NONE;
    }
    memcpy(key, folded, w);
    key[w] = '\x1f';
    memcpy(key + w + 1, sub->cycle, nc + 1);
    free(folded);
    size_t a = assess_index_get(&s->entity_keys, key);
    if (a == ASSESS_NONE) {
        const char *kept = assess_arena_strdup(s->a, key);
        assess_assessment *as = kept ? assess_vec_push(&s->assessments_v) : NULL;
        size_t *first = as ? assess_vec_push(&s->first_sub) : NULL;
        free(key);
        if (!first)
            return ASSESS_NONE;
        a = s->assessments_v.count - 1;
        as->entity = sub->entity;
        as->cycle = sub->cycle;
        *first = index;
        return assess_index_put(&s->entity_keys, kept, a) == ASSESS_OK ? a : ASSESS_NONE;
    }
    free(key);
    const assess_assessment *as = (assess_assessment *)s->assessments_v.data + a;
    if (strcmp(as->entity, sub->entity) == 0)
        return a;
    /* another spelling: said once per spelling and cycle */
    const char *exact = group_key(s->a, sub->entity, strlen(sub->entity), sub->cycle);
    if (!exact)
        return ASSESS_NONE;
    if (assess_index_get(&s->spellings, exact) != ASSESS_NONE)
        return a;
    const assess_submission *one =
        (assess_submission *)s->submissions.data + ((size_t *)s->first_sub.data)[a];
    assess_diags_add(d, ASSESS_WARNING, assess_loc_line(sub->file, sub->line),
                     _("\"%s\" and \"%s\" (%s:%ld) differ only in letter case or spacing: "
                     "they are counted as one, \"%s\""),
                     sub->entity, as->entity, one->file, one->line, as->entity);
    return assess_index_put(&s->spellings, exact, a) == ASSESS_OK ? a : ASSESS_NONE;
}

/* Adds a submission's metadata to its assessment's: first non-empty
 * value wins, keys stay in order of first appearance. */
static bool merge_meta(struct assess_responses_state *s, assess_responses *r, assess_assessment *as,
                       const assess_submission *sub)
{
    size_t extra = 0;
    for (size_t m = 0; m < sub->nmeta; m++) {
        bool have = false;
        for (size_t k = 0; k < as->nmeta && !have; k++)
            have = strcmp(as->meta[k].key, sub->meta[m].key) == 0;
        if (!have)
            extra++;
        if (assess_index_get(&s->meta_keys, sub->meta[m].key) == ASSESS_NONE) {
            const char **slot = assess_vec_push(&s->keys_v);
            if (!slot ||
                assess_index_put(&s->meta_keys, sub->meta[m].key, s->keys_v.count - 1) != ASSESS_OK)
                return false;
            *slot = sub->meta[m].key;
            r->meta_keys = s->keys_v.data;
            r->nmeta_keys = s->keys_v.count;
        }
    }
    if (extra == 0)
        return true;
    if (as->nmeta == 0) {
        /* the common case: a first respondent's metadata is shared as is */
        as->meta = sub->meta;
        as->nmeta = sub->nmeta;
        return true;
    }
    assess_meta *meta = assess_arena_alloc(s->a, (as->nmeta + extra) * sizeof *meta);
    if (!meta)
        return false;
    memcpy(meta, as->meta, as->nmeta * sizeof *meta);
    size_t n = as->nmeta;
    for (size_t m = 0; m < sub->nmeta; m++) {
        bool have = false;
        for (size_t k = 0; k < n && !have; k++)
            have = strcmp(meta[k].key, sub->meta[m].key) == 0;
        if (!have)
            meta[n++] = sub->meta[m];
    }
    as->meta = meta;
    as->nmeta = n;
    return true;
}

/* Joins this file's submissions to their assessments and rebuilds the
 * flat per-assessment index arrays. */
assess_status assess_responses_commit(assess_responses *r, size_t first, assess_diags *d)
{
    struct assess_responses_state *s = r->state;
    size_t n = s->submissions.count;
    size_t *owner = realloc(s->owner, (n ? n : 1) * sizeof *owner);
    if (!owner)
        return ASSESS_ERR_NOMEM;
    s->owner = owner;
    assess_submission *subs = s->submissions.data;
    for (size_t i = first; i < n; i++) {
        size_t a = find_assessment(s, &subs[i], i, d);
        if (a == ASSESS_NONE)
            return ASSESS_ERR_NOMEM;
        assess_assessment *as = (assess_assessment *)s->assessments_v.data + a;
        if (as->nsubmissions == RESPONDENTS_MAX) {
            assess_diags_add(d, ASSESS_ERROR, assess_loc_line(subs[i].file, subs[i].line),
                             _("more than %d respondents for %s %s"), RESPONDENTS_MAX, as->entity,
                             as->cycle);
            return ASSESS_ERR_LIMIT;
        }
        if (!merge_meta(s, r, as, &subs[i]))
            return ASSESS_ERR_NOMEM;
        owner[i] = a;
        as->nsubmissions++;
    }
    size_t nas = s->assessments_v.count;
    size_t *flat = realloc(s->flat, (n ? n : 1) * sizeof *flat);
    size_t *fill = calloc(nas ? nas : 1, sizeof *fill);
    if (!flat || !fill) {
        free(fill);
        if (flat)
            s->flat = flat;
        return ASSESS_ERR_NOMEM;
    }
    s->flat = flat;
    assess_assessment *as = s->assessments_v.data;
    size_t offset = 0;
    for (size_t a = 0; a < nas; a++) {
        as[a].submissions = flat + offset;
        offset += as[a].nsubmissions;
    }
    for (size_t i = 0; i < n; i++)
        as[owner[i]].submissions[fill[owner[i]]++] = i;
    free(fill);
    r->submissions = subs;
    r->nsubmissions = n;
    r->assessments = as;
    r->nassessments = nas;
    return ASSESS_OK;
}

/* ## A file given twice */

/* A file's size and FNV-1a hash: equal for byte-identical files, and
 * a collision of both between two different response files is not a
 * risk worth a cryptographic hash. */
static bool digest(const char *path, file_digest *out)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return false;
    uint64_t h = 1469598103934665603ULL;
    unsigned char buf[65536];
    size_t got, size = 0;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        for (size_t i = 0; i < got; i++)
            h = (h ^ buf[i]) * 1099511628211ULL;
        size += got;
    }
    bool ok = !ferror(f);
    fclose(f);
    out->hash = h;
    out->size = size;
    return ok;
}

/* The earlier file this one is a byte-for-byte copy of, or NULL (then
 * the file is remembered).  Only regular files: a pipe read twice would
 * be empty the second time. */
const char *assess_responses_same_file(struct assess_responses_state *s, const char *path,
                             file_digest *fd)
{
    struct stat st;
    *fd = (file_digest){.path = path};
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || !digest(path, fd)) {
        fd->path = NULL; /* not remembered */
        return NULL;
    }
    const file_digest *seen = s->files.data;
    for (size_t k = 0; k < s->files.count; k++) {
        if (seen[k].size == fd->size && seen[k].hash == fd->hash)
            return seen[k].path;
    }
    return NULL;
}
