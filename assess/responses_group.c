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
/* The folded name of an ASCII entity (every letter in lower case, no
 * spaces: what assess_utf8_fold and dropping its spaces make of it)
 * followed by \x1f and the cycle, in buf; 0 when the name is not ASCII
 * or the key does not fit. */
static size_t ascii_key(const char *entity, const char *cycle, char *buf, size_t size)
{
    size_t w = 0;
    for (const char *p = entity; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x80 || w + 1 >= size)
            return 0;
        if (c == ' ' || (c >= '\t' && c <= '\r'))
            continue;
        buf[w++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    size_t nc = strlen(cycle);
    if (w + nc + 2 > size)
        return 0;
    buf[w] = '\x1f';
    memcpy(buf + w + 1, cycle, nc + 1);
    return w + 1 + nc;
}

/* The key of any name, in memory the caller frees; NULL when memory ran
 * out. */
static char *folded_key(const char *entity, const char *cycle)
{
    size_t n = 0;
    char *folded = assess_utf8_fold(entity, strlen(entity), ASSESS_FOLD_CASE | ASSESS_FOLD_SPACE,
                                    &n);
    if (!folded)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (folded[i] != ' ')
            folded[w++] = folded[i];
    }
    size_t nc = strlen(cycle);
    char *key = malloc(w + nc + 2);
    if (key) {
        memcpy(key, folded, w);
        key[w] = '\x1f';
        memcpy(key + w + 1, cycle, nc + 1);
    }
    free(folded);
    return key;
}

/* The key of an entity and cycle: in buf (of 256 bytes) when the name
 * is ASCII, else in memory the caller frees; NULL when memory ran out. */
static char *make_key(const char *entity, const char *cycle, char *buf)
{
    return ascii_key(entity, cycle, buf, 256) ? buf : folded_key(entity, cycle);
}

static uint32_t key_hash(const char *k)
{
    uint64_t h = 1469598103934665603u;
    for (; *k; k++)
        h = (h ^ (unsigned char)*k) * 1099511628211u;
    return (uint32_t)(h ^ (h >> 32));
}

/* Whether assessment a's key is `key`; *nomem when memory ran out. */
static bool group_is(const struct assess_responses_state *s, size_t a, const char *key, bool *nomem)
{
    const assess_assessment *as = (assess_assessment *)s->assessments_v.data + a;
    char buf[256];
    char *k = make_key(as->entity, as->cycle, buf);
    if (!k) {
        *nomem = true;
        return false;
    }
    bool same = strcmp(k, key) == 0;
    if (k != buf)
        free(k);
    return same;
}

static bool groups_grow(struct assess_responses_state *s)
{
    size_t cap = s->groups_cap ? s->groups_cap * 2 : 64;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < s->groups_cap; i++) {
        uint64_t v = s->groups[i];
        if (!v)
            continue;
        size_t j = (size_t)(v >> 32) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = v;
    }
    free(s->groups);
    s->groups = slots;
    s->groups_cap = cap;
    return true;
}

static size_t find_assessment(struct assess_responses_state *s, const assess_submission *sub,
                              size_t index, assess_diags *d)
{
    char scratch[256];
    char *key = make_key(sub->entity, sub->cycle, scratch);
    if (!key)
        return ASSESS_NONE;
    bool nomem = (s->groups_count + 1) * 2 > s->groups_cap && !groups_grow(s);
    uint32_t h = key_hash(key);
    size_t mask = s->groups_cap - 1, j = h & mask, a = ASSESS_NONE;
    for (; !nomem && s->groups[j]; j = (j + 1) & mask) {
        uint64_t v = s->groups[j];
        if ((uint32_t)(v >> 32) == h && group_is(s, (size_t)(uint32_t)v - 1, key, &nomem)) {
            a = (size_t)(uint32_t)v - 1;
            break;
        }
    }
    if (key != scratch)
        free(key);
    if (nomem)
        return ASSESS_NONE;
    if (a == ASSESS_NONE) {
        /* the slot holds 32 bits of it; memory runs out long before */
        if (s->assessments_v.count >= UINT32_MAX - 1)
            return ASSESS_NONE;
        assess_assessment *as = assess_vec_push(&s->assessments_v);
        size_t *first = as ? assess_vec_push(&s->first_sub) : NULL;
        if (!first)
            return ASSESS_NONE;
        a = s->assessments_v.count - 1;
        as->entity = sub->entity;
        as->cycle = sub->cycle;
        *first = index;
        s->groups[j] = (uint64_t)h << 32 | (uint64_t)(a + 1);
        s->groups_count++;
        return a;
    }
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
    uint32_t *owner = realloc(s->owner, (n ? n : 1) * sizeof *owner);
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
        owner[i] = (uint32_t)a;
        as->nsubmissions++;
    }
    size_t nas = s->assessments_v.count;
    size_t *flat = realloc(s->flat, (n ? n : 1) * sizeof *flat);
    if (!flat)
        return ASSESS_ERR_NOMEM;
    s->flat = flat;
    /* each assessment's list is filled from its end, the submissions
     * taken last to first, so that its pointer ends at its start in
     * file order without a count per assessment */
    assess_assessment *as = s->assessments_v.data;
    size_t offset = 0;
    for (size_t a = 0; a < nas; a++) {
        offset += as[a].nsubmissions;
        as[a].submissions = flat + offset;
    }
    for (size_t i = n; i-- > 0;)
        *--as[owner[i]].submissions = i;
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
 * be empty the second time.  A file is hashed only when an earlier one
 * has its size, so the one big file of a statewide run is read once. */
const char *assess_responses_same_file(struct assess_responses_state *s, const char *path,
                             file_digest *fd)
{
    struct stat st;
    *fd = (file_digest){.path = path};
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
        fd->path = NULL; /* not remembered */
        return NULL;
    }
    fd->size = (size_t)st.st_size;
    file_digest *seen = s->files.data;
    for (size_t k = 0; k < s->files.count; k++) {
        if (seen[k].size != fd->size)
            continue;
        if (!seen[k].hashed) {
            file_digest again = {.path = seen[k].path};
            if (!digest(seen[k].path, &again) || again.size != seen[k].size)
                continue; /* changed or gone since it was read */
            seen[k].hash = again.hash;
            seen[k].hashed = true;
        }
        if (!fd->hashed) {
            if (!digest(path, fd)) {
                fd->path = NULL;
                return NULL;
            }
            fd->hashed = true;
        }
        if (seen[k].size == fd->size && seen[k].hash == fd->hash)
            return seen[k].path;
    }
    return NULL;
}
