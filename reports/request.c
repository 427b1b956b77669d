/*
 * request.c — loading what a report needs, in one call (assess-report.h,
 * "A report request").
 * Nothing here prints: every problem, and every question the caller must
 * answer (which entity? which cycle?), is a diagnostic.
 */
#define _XOPEN_SOURCE 700 /* realpath, strdup */

#include "assess-report.h"
#include "brand.h"
#include "intl.h"
#include "request_internal.h"
#include "util.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* ## Input files */

static bool has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcasecmp(name + n - m, ext) == 0;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
    char **items;
    size_t count, cap;
} name_list;

static bool list_push(name_list *l, char *s)
{
    if (!s)
        return false;
    if (l->count == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 16;
        char **grown = realloc(l->items, cap * sizeof *grown);
        if (!grown) {
            free(s);
            return false;
        }
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->count++] = s;
    return true;
}

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    const char *sep = n && dir[n - 1] == '/' ? "" : "/";
    size_t len = n + strlen(name) + 2;
    char *p = malloc(len);
    if (p)
        snprintf(p, len, "%s%s%s", dir, sep, name);
    return p;
}

static bool add_folder(name_list *l, const char *dir, assess_diags *d)
{
    DIR *h = opendir(dir);
    if (!h) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(dir), _("cannot read the folder: %s"),
                         strerror(errno));
        return true;
    }
    size_t first = l->count;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(h)) != NULL) {
        /* hidden files, our own temporaries, Office lock files (~$x.xlsx) */
        if (e->d_name[0] == '.' || e->d_name[0] == '~' ||
            !(has_ext(e->d_name, ".csv") || has_ext(e->d_name, ".xlsx")))
            continue;
        ok = list_push(l, path_join(dir, e->d_name));
    }
    closedir(h);
    if (l->count > first) /* items may still be NULL, which qsort must not see */
        qsort(l->items + first, l->count - first, sizeof *l->items, cmp_name);
    if (ok && l->count == first)
        assess_diags_add(d, ASSESS_WARNING, assess_loc_file(dir),
                         _("the folder has no .csv or .xlsx file"));
    return ok;
}

assess_status report_request_files(int n, char *const *args, char ***out, size_t *nout,
                                   assess_diags *d)
{
    name_list l = {0};
    bool ok = true;
    size_t errors = d->errors;
    for (int i = 0; ok && i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0)
            assess_diags_add(d, ASSESS_ERROR, assess_loc_file(args[i]), _("cannot open: %s"),
                             strerror(errno));
        else if (S_ISDIR(st.st_mode))
            ok = add_folder(&l, args[i], d);
        else
            ok = list_push(&l, strdup(args[i]));
    }
    /* A file named twice (itself and through its folder) is read once:
     * otherwise its rows would count as extra respondents. */
    size_t kept = 0;
    char **real = ok ? calloc(l.count + 1, sizeof *real) : NULL;
    ok = ok && real;
    for (size_t k = 0; ok && k < l.count; k++) {
        real[kept] = realpath(l.items[k], NULL);
        bool dup = false;
        for (size_t j = 0; j < kept && real[kept] && !dup; j++)
            dup = real[j] && strcmp(real[j], real[kept]) == 0;
        if (dup) {
            free(real[kept]);
            free(l.items[k]);
        } else {
            l.items[kept++] = l.items[k];
        }
    }
    if (real)
        for (size_t k = 0; k < kept; k++)
            free(real[k]);
    free(real);
    if (!ok) {
        report_request_files_free(l.items, ok ? kept : l.count);
        return ASSESS_ERR_NOMEM;
    }
    *out = l.items;
    *nout = kept;
    if (d->errors > errors)
        return ASSESS_ERR_IO;
    if (n > 0 && kept == 0) {
        /* a folder with nothing in it: there is nothing to do, and saying
         * so beats an empty result */
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL), _("no responses file to read"));
        return ASSESS_ERR_INVALID;
    }
    return ASSESS_OK;
}

void report_request_files_free(char **list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(list[k]);
    free(list);
}

/* ## Responses */

assess_status report_request_read(const assess_questionnaire *q, int n, char *const *args,
                                  const char *entity_column,
                                  report_request_progress_fn progress, void *ctx,
                                  assess_responses **r, assess_diags *d)
{
    char **files = NULL;
    size_t nfiles = 0;
    assess_status st = report_request_files(n, args, &files, &nfiles, d);
    if (st == ASSESS_OK)
        st = assess_responses_new(q, r);
    if (st == ASSESS_OK && entity_column)
        st = assess_responses_set_entity_column(*r, entity_column);
    for (size_t k = 0; st == ASSESS_OK && k < nfiles; k++) {
        assess_status fst = assess_responses_add_file(*r, files[k], d);
        if (fst != ASSESS_ERR_INVALID && fst != ASSESS_ERR_LIMIT)
            st = fst; /* an invalid file is reported; the next is still read */
        if (progress)
            progress(k + 1, nfiles, ctx);
    }
    report_request_files_free(files, nfiles);
    return st;
}

/* Reads a set with the questionnaire loaded; an error in any file makes
 * the whole set invalid (after every file's problems are collected). */
static assess_status read_all(const report_request *rq, int n, char *const *args,
                              report_request_progress_fn progress, assess_responses **r,
                              assess_diags *d)
{
    size_t errors = d->errors;
    assess_status st = report_request_read(rq->q, n, args, rq->entity_column, progress, rq->progress_ctx, r, d);
    if (st == ASSESS_OK && d->errors > errors)
        st = ASSESS_ERR_INVALID;
    return st;
}

static assess_status load_questionnaire(report_request *rq, assess_diags *d)
{
    char **files = NULL;
    size_t nfiles = 0;
    char *first = NULL;
    /* the questionnaire column of the first file picks the questionnaire;
     * what is wrong with the inputs is said once, when they are read */
    assess_diags quiet;
    assess_diags_init(&quiet);
    if (rq->nresponses > 0 &&
        report_request_files(1, rq->responses, &files, &nfiles, &quiet) == ASSESS_OK && nfiles)
        first = strdup(files[0]);
    assess_diags_cleanup(&quiet);
    report_request_files_free(files, nfiles);
    assess_status st;
    if (rq->find)
        st = rq->find(rq->questionnaire, first, &rq->q, d);
    else if (rq->questionnaire)
        st = assess_questionnaire_load(rq->questionnaire, &rq->q, d);
    else
        st = assess_diags_add(d, ASSESS_ERROR, assess_loc_file(first),
                              _("no questionnaire given to read these responses with"));
    free(first);
    return st;
}

/* ## Choosing the assessment */

static const char *first_file(const report_request *rq)
{
    return rq->nresponses ? rq->responses[0] : NULL;
}

/* Appends to buf, keeping it terminated. */
static void put(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void put(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    if (used + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

static size_t count_entities(const assess_responses *r)
{
    size_t n = 0;
    for (size_t k = 0; k < r->nassessments; k++) {
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcasecmp(r->assessments[j].entity, r->assessments[k].entity) == 0;
        n += !seen;
    }
    return n;
}

#define LIST_MAX 20

/* A name typed from memory is often a letter or two off: the entities up
 * to two edits from it, in any letter case, are the likely ones. */
static bool near_entities(const assess_responses *r, const char *entity, char *buf, size_t size)
{
    size_t shown = 0;
    for (size_t k = 0; k < r->nassessments && shown < 5; k++) {
        const char *name = r->assessments[k].entity;
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(r->assessments[j].entity, name) == 0;
        if (seen || assess_str_idistance(entity, name, 2) > 2)
            continue;
        put(buf, size, "%s\"%s\"", shown++ ? ", " : _("; did you mean "), name);
    }
    if (shown)
        put(buf, size, "?");
    return shown > 0;
}

/* The cycles the responses hold for one entity, oldest first. */
static void entity_cycles(const assess_responses *r, const char *entity, char *buf, size_t size)
{
    const char *last = NULL;
    for (;;) {
        const char *next = NULL; /* the smallest cycle after `last` */
        for (size_t k = 0; k < r->nassessments; k++) {
            const assess_assessment *a = &r->assessments[k];
            if (strcasecmp(a->entity, entity) != 0)
                continue;
            if (last && assess_cohort_cycle_cmp(a->cycle, last) <= 0)
                continue;
            if (!next || assess_cohort_cycle_cmp(a->cycle, next) < 0)
                next = a->cycle;
        }
        if (!next)
            return;
        put(buf, size, "%s%s", last ? ", " : "", next[0] ? next : "(none)");
        last = next;
    }
}

static assess_status choose(report_request *rq, assess_diags *d)
{
    const assess_responses *r = rq->r;
    const char *entity = rq->entity, *cycle = rq->cycle;
    size_t found = ASSESS_NONE, matches = 0, entity_matches = 0, named = ASSESS_NONE;
    for (size_t k = 0; k < r->nassessments; k++) {
        const assess_assessment *a = &r->assessments[k];
        if (entity && strcasecmp(a->entity, entity) != 0)
            continue;
        if (entity_matches++ == 0)
            named = k;
        if (cycle && strcmp(a->cycle, cycle) != 0)
            continue;
        matches++;
        if (found == ASSESS_NONE || assess_cohort_cycle_cmp(a->cycle, r->assessments[found].cycle) > 0)
            found = k;
    }
    size_t entities = count_entities(r);
    if (found != ASSESS_NONE && (entity || entities == 1 || matches == 1)) {
        rq->which = found;
        return ASSESS_OK;
    }
    char msg[3072] = "";
    assess_loc loc = assess_loc_file(first_file(rq));
    if (entity && entity_matches) {
        /* the entity is there, the cycle is not */
        put(msg, sizeof msg, _("no assessment of \"%s\" in cycle %s; its cycles are: "),
            r->assessments[named].entity, cycle);
        entity_cycles(r, r->assessments[named].entity, msg, sizeof msg);
        put(msg, sizeof msg, " (--cycle C)");
    } else if (entity) {
        put(msg, sizeof msg, _("no assessment of \"%s\" in the responses"), entity);
        if (!near_entities(r, entity, msg, sizeof msg) && entities <= LIST_MAX) {
            put(msg, sizeof msg, _("; they hold:"));
            for (size_t k = 0; k < r->nassessments; k++)
                put(msg, sizeof msg, "\n  %s%s%s", r->assessments[k].entity,
                    r->assessments[k].cycle[0] ? ", cycle " : "", r->assessments[k].cycle);
        } else if (entities > LIST_MAX) {
            put(msg, sizeof msg, _(" (assess score lists the %zu entities)"), entities);
        }
    } else if (cycle && !matches) {
        put(msg, sizeof msg, _("no assessment in cycle %s"), cycle);
    } else if (entities > LIST_MAX) {
        put(msg, sizeof msg,
            _("the responses hold %zu assessments of %zu entities: choose one with --entity NAME "
              "(and --cycle C), or write a report for each with --batch (assess score lists them)"),
            r->nassessments, entities);
    } else {
        put(msg, sizeof msg,
            _("the responses hold %zu assessments; choose one with --entity NAME (and --cycle "
              "C)%s:"),
            matches ? matches : r->nassessments,
            entities > 1 ? _(", or write a report for each with --batch") : "");
        for (size_t k = 0; k < r->nassessments; k++) {
            const assess_assessment *a = &r->assessments[k];
            if (cycle && strcmp(a->cycle, cycle) != 0)
                continue;
            put(msg, sizeof msg, "\n  %s%s%s", a->entity, a->cycle[0] ? ", cycle " : "",
                a->cycle);
        }
    }
    assess_diags_add(d, ASSESS_ERROR, loc, "%s", msg);
    return ASSESS_ERR_USAGE;
}

/* ## The cohort */

static bool cohort_has_column(const assess_cohort *c, const char *column)
{
    for (size_t k = 0; column && k < c->nmembers; k++)
        for (size_t m = 0; m < c->members[k].nmeta; m++)
            if (strcasecmp(c->members[k].meta[m].key, column) == 0)
                return true;
    return false;
}

static assess_status cohort_load(report_request *rq, assess_diags *d)
{
    assess_status st = ASSESS_OK;
    const assess_responses *from = rq->r;
    request_kind kind = REQUEST_RESPONSES;
    if (!rq->self_benchmark) {
        /* each file with the version it answered: a cohort may span two */
        kind = REQUEST_COHORT;
        st = request_versions_read(rq, kind, rq->nbenchmark, rq->benchmark, NULL, &rq->cohort_r,
                                   d);
        from = rq->cohort_r;
    }
    if (st == ASSESS_OK)
        st = request_versions_cohort(rq, kind, from, &rq->cohort, d);
    if (st == ASSESS_OK && rq->cohort->ncycles == 0)
        st = assess_diags_add(d, ASSESS_ERROR,
                              assess_loc_file(rq->self_benchmark ? first_file(rq)
                                                                 : rq->benchmark[0]),
                              rq->self_benchmark ? _("the cohort has no assessments")
                                                 : _("the benchmark cohort has no assessments"));
    return st;
}

/* The statistics in `cycle` when the cohort has it, else its latest (a
 * city is compared with the newest figures there are). */
static assess_status cohort_stats(report_request *rq, const char *cycle, bool exact,
                                  assess_diags *d)
{
    const assess_cohort *c = rq->cohort;
    if (cycle && !exact && assess_cohort_cycle_find(c, cycle) == ASSESS_NONE)
        cycle = NULL;
    const char *bys[REPORT_REQUEST_BY_MAX + 1];
    size_t nby = 0;
    for (size_t k = 0; k < rq->nby && nby < REPORT_REQUEST_BY_MAX; k++)
        bys[nby++] = rq->by[k];
    /* a column asked for by name must be there (the engine says so, with
     * a "did you mean"); the default region column only when it is */
    bool has = rq->peer_column && cohort_has_column(c, rq->peer_column);
    if (rq->peer_column && !has && !rq->peer_column_optional) {
        const char *near = assess_cohort_near_column(c, rq->peer_column);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL),
                         _("--peer-column %s: no member of the benchmark has a \"%s\" column%s%s%s"),
                         rq->peer_column, rq->peer_column, near ? _("; did you mean \"") : "",
                         near ? near : "", near ? "\"?" : "");
        return ASSESS_ERR_USAGE;
    }
    if (has) {
        rq->group_column = rq->peer_column;
        bys[nby++] = rq->peer_column;
    }
    assess_cohort_spec spec = {.cycle = cycle,
                               .nby = nby,
                               .by = bys,
                               .min_group_size = rq->min_group_size,
                               .bands = rq->bands};
    return assess_cohort_stats_compute(c, &spec, &rq->stats, d);
}

/* ## The whole request */

void report_request_lang_check(const assess_questionnaire *q, const char *lang, assess_diags *d)
{
    if (lang && !l10n_speaks(lang))
        assess_diags_add(d, ASSESS_WARNING, assess_loc_file(NULL),
                         _("the program has no catalogue for \"%s\": its own words (headings, "
                           "instructions, dates) stay in English"),
                         lang);
    if (!q || !lang || assess_questionnaire_speaks(q, lang))
        return;
    char langs[256] = "";
    size_t w = 0;
    for (size_t k = 0; k < q->nlanguages && w < sizeof langs; k++)
        w += (size_t)snprintf(langs + w, sizeof langs - w, "%s%s", k ? ", " : "",
                              q->languages[k].lang);
    assess_diags_add(d, ASSESS_WARNING, assess_loc_file(NULL),
                     _("%s has no texts in \"%s\"; they are shown as written, in \"%s\" (its "
                       "languages: %s)"),
                     q->id, lang, q->language, langs);
}

assess_status report_request_load(report_request *rq, assess_diags *d)
{
    rq->which = ASSESS_NONE;
    brand_init(&rq->look);
    assess_status st = load_questionnaire(rq, d);
    /* with -q every file is read with it; else each with the version it
     * names, and the newest version's answers are the report's */
    if (st == ASSESS_OK && rq->questionnaire)
        st = read_all(rq, rq->nresponses, rq->responses, rq->progress, &rq->r, d);
    else if (st == ASSESS_OK)
        st = request_versions_read(rq, REQUEST_RESPONSES, rq->nresponses, rq->responses,
                                   rq->progress, &rq->r, d);
    if (st == ASSESS_OK)
        request_versions_newest_first(rq);
    if (st == ASSESS_OK)
        report_request_lang_check(rq->q, rq->lang, d);
    if (st == ASSESS_OK && rq->brand_file)
        st = brand_load(&rq->look, rq->brand_file, d);
    if (st == ASSESS_OK && rq->commentary_file)
        st = report_commentary_load(rq->commentary_file, rq->q, rq->lang, &rq->commentary, d);
    if (st == ASSESS_OK && (rq->nbenchmark || rq->self_benchmark))
        st = cohort_load(rq, d);
    if (st == ASSESS_OK && rq->nprevious)
        st = request_versions_read(rq, REQUEST_PREVIOUS, rq->nprevious, rq->previous, NULL,
                                   &rq->previous_r, d);
    if (st == ASSESS_OK && rq->one)
        st = choose(rq, d);
    if (st == ASSESS_OK && rq->cohort && !rq->cohort_only) {
        const char *cycle = rq->which != ASSESS_NONE ? rq->r->assessments[rq->which].cycle
                                                     : rq->cycle;
        st = cohort_stats(rq, cycle, rq->which == ASSESS_NONE, d);
    }
    return st;
}

void report_request_cleanup(report_request *rq)
{
    assess_cohort_stats_free(rq->stats);
    assess_cohort_free(rq->cohort);
    assess_responses_free(rq->cohort_r);
    assess_responses_free(rq->previous_r);
    assess_responses_free(rq->r);
    request_versions_free(rq);
    assess_questionnaire_free(rq->q);
    brand_cleanup(&rq->look);
    report_commentary_free(rq->commentary);
    rq->commentary = NULL;
    rq->stats = NULL;
    rq->cohort = NULL;
    rq->cohort_r = rq->previous_r = rq->r = NULL;
    rq->q = NULL;
}

/* ## One assessment */

assess_status report_request_result(const assess_responses *r, size_t k, assess_result **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out || assess_result_init(*out, r->q) != ASSESS_OK) {
        free(*out);
        *out = NULL;
        return ASSESS_ERR_NOMEM;
    }
    assess_score_compute(r, k, *out);
    return ASSESS_OK;
}

void report_request_result_free(assess_result *res)
{
    if (res)
        assess_result_cleanup(res);
    free(res);
}

/* The latest assessment of now's entity before now's cycle, or ASSESS_NONE. */
static size_t previous_find(const assess_responses *r, const assess_assessment *now)
{
    size_t best = ASSESS_NONE;
    for (size_t k = 0; r && k < r->nassessments; k++) {
        const assess_assessment *a = &r->assessments[k];
        if (a == now || strcasecmp(a->entity, now->entity) != 0)
            continue;
        if (now->cycle[0] && a->cycle[0] && assess_cohort_cycle_cmp(a->cycle, now->cycle) >= 0)
            continue;
        if (best == ASSESS_NONE ||
            assess_cohort_cycle_cmp(a->cycle, r->assessments[best].cycle) > 0)
            best = k;
    }
    return best;
}

/* An entity's assessment in `cycle` when it has one, else its latest. */
static size_t peer_find(const assess_responses *r, const char *name, const char *cycle)
{
    size_t best = ASSESS_NONE;
    for (size_t k = 0; r && k < r->nassessments; k++) {
        const assess_assessment *a = &r->assessments[k];
        if (strcasecmp(a->entity, name) != 0)
            continue;
        if (cycle && !strcmp(a->cycle, cycle))
            return k;
        if (best == ASSESS_NONE ||
            assess_cohort_cycle_cmp(a->cycle, r->assessments[best].cycle) > 0)
            best = k;
    }
    return best;
}

assess_status report_request_subject(const report_request *rq, size_t assessment,
                                     report_subject *s, assess_diags *d)
{
    memset(s, 0, sizeof *s);
    s->assessment = assessment;
    const assess_assessment *now = &rq->r->assessments[assessment];
    assess_status st = report_request_result(rq->r, assessment, &s->result);
    if (st == ASSESS_OK && rq->stats) {
        s->ranks = calloc(rq->cohort->nmeasures, sizeof *s->ranks);
        if (!s->ranks)
            st = ASSESS_ERR_NOMEM;
        else
            assess_cohort_ranks(rq->cohort, rq->stats->cycle_index, s->result, 0, s->ranks);
    }
    /* the latest earlier assessment, whichever version it answered (the
     * change is then on the questions the versions share) */
    const assess_responses *pr = rq->previous_r ? rq->previous_r : rq->r;
    size_t pk = st == ASSESS_OK ? previous_find(pr, now) : ASSESS_NONE;
    request_kind kind = rq->previous_r ? REQUEST_PREVIOUS : REQUEST_RESPONSES;
    for (size_t v = 0; st == ASSESS_OK && v < request_versions_count(rq, kind); v++) {
        const assess_responses *o = request_versions_set(rq, kind, v);
        size_t k = o ? previous_find(o, now) : ASSESS_NONE;
        if (k != ASSESS_NONE &&
            (pk == ASSESS_NONE ||
             assess_cohort_cycle_cmp(o->assessments[k].cycle, pr->assessments[pk].cycle) > 0)) {
            pr = o;
            pk = k;
        }
    }
    if (st == ASSESS_OK && rq->previous_r && pk == ASSESS_NONE)
        st = assess_diags_add(d, ASSESS_ERROR, assess_loc_file(rq->previous[0]),
                              _("--previous holds no assessment of \"%s\" before cycle %s"),
                              now->entity, now->cycle[0] ? now->cycle : "(none)");
    if (st == ASSESS_OK && pk != ASSESS_NONE)
        st = report_request_result(pr, pk, &s->previous);
    if (st == ASSESS_OK && rq->compare_with) {
        const assess_responses *from = rq->cohort_r ? rq->cohort_r : rq->r;
        size_t k = peer_find(from, rq->compare_with, rq->stats ? rq->stats->cycle : NULL);
        if (k == ASSESS_NONE && from != rq->r) {
            from = rq->r;
            k = peer_find(from, rq->compare_with, now->cycle);
        }
        if (k == ASSESS_NONE)
            st = assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL),
                                  _("--compare-with: no assessment of \"%s\" in the responses "
                                    "or the benchmark"),
                                  rq->compare_with);
        else
            st = report_request_result(from, k, &s->peer);
    }
    if (st == ASSESS_ERR_INVALID)
        st = ASSESS_ERR_USAGE; /* the inputs are fine; the request does not fit them */
    return st;
}

void report_subject_cleanup(report_subject *s)
{
    report_request_result_free(s->result);
    report_request_result_free(s->previous);
    report_request_result_free(s->peer);
    free(s->ranks);
    memset(s, 0, sizeof *s);
}

city_options report_request_city_options(const report_request *rq, const report_subject *s)
{
    return (city_options){.lang = rq->lang,
                          .brand = &rq->look.look,
                          .commentary = rq->commentary,
                          .benchmark = rq->stats,
                          .ranks = s->ranks,
                          .region_column = rq->group_column,
                          .previous = s->previous,
                          .peer = s->peer,
                          .edition = rq->edition};
}
