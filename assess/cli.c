/*
 * cli.c — the pieces every subcommand shares (see cli.h).
 */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fchmod, strdup */

#include "cli.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef ASSESS_DEFAULT_QUESTIONNAIRE
#define ASSESS_DEFAULT_QUESTIONNAIRE "gare-local"
#endif
/* Where the questionnaires of this command are, from the folder of its
 * executable: a build folder's (ASSESS_BUILD_DIR) are in its source tree,
 * an installed one's at ASSESS_QDIR_FROM_BIN relative to it (CMake sets
 * both; see docs/architecture.md). */
#ifndef ASSESS_BUILD_DIR
#define ASSESS_BUILD_DIR ""
#endif
#ifndef ASSESS_QDIR_SOURCE
#define ASSESS_QDIR_SOURCE "questionnaires"
#endif
#ifndef ASSESS_QDIR_FROM_BIN
#define ASSESS_QDIR_FROM_BIN "../share/assess/questionnaires"
#endif

int cli_exit_status(assess_status st)
{
    switch (st) {
    case ASSESS_OK:
        return CLI_OK;
    case ASSESS_ERR_INVALID:
    case ASSESS_ERR_LIMIT: /* an input beyond a limit is refused like an invalid one */
        return CLI_INVALID;
    case ASSESS_ERR_USAGE:
        return CLI_USAGE;
    default:
        return CLI_FAILURE;
    }
}

void cli_diags_print(const assess_diags *d, size_t from)
{
    char buf[4096];
    for (size_t k = from; k < d->count; k++) {
        assess_diag_format(&d->items[k], buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    if (d->dropped)
        fprintf(stderr, "assess: %zu more problems not shown\n", d->dropped);
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "assess %s: ", cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\n%s(assess %s --help tells more)\n", usage, cmd);
    return CLI_USAGE;
}

int cli_options_parse(int argc, char **argv, const cli_option *opts, size_t nopts, char **pos,
                      int *npos, const char *cmd, const char *usage, const char *help)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--help")) {
            fputs(help, stdout);
            return CLI_OK;
        }
        if (!strcmp(s, "--version")) {
            printf("assess %s\n", ASSESS_VERSION);
            return CLI_OK;
        }
        const cli_option *o = NULL;
        for (size_t k = 0; k < nopts && !o; k++)
            if (!strcmp(s, opts[k].name))
                o = &opts[k];
        if (!o) {
            if (s[0] == '-' && s[1])
                return cli_usage_error(cmd, usage, "unknown option %s", s);
            pos[(*npos)++] = argv[i];
            continue;
        }
        if (o->flag) {
            *o->flag = true;
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage_error(cmd, usage, "%s needs a value", s);
        if (o->list)
            o->list[(*o->nlist)++] = argv[++i];
        else
            *o->value = argv[++i];
    }
    return -1;
}

bool cli_has_ext(const char *name, const char *ext)
{
    size_t n = strlen(name), m = strlen(ext);
    return n > m && strcasecmp(name + n - m, ext) == 0;
}

/* ## The questionnaire */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

void cli_questionnaire_path(char *buf, size_t size)
{
    const char *env = getenv("ASSESS_QUESTIONNAIRE_PATH");
    char exe[4096], own[4400] = "";
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char *build = ASSESS_BUILD_DIR[0] ? realpath(ASSESS_BUILD_DIR, NULL) : NULL;
        if (build && strcmp(build, exe) == 0)
            snprintf(own, sizeof own, "%s", ASSESS_QDIR_SOURCE);
        else
            snprintf(own, sizeof own, "%s/%s", exe, ASSESS_QDIR_FROM_BIN);
        free(build);
    }
    /* the command's own folder once, when the path names it already */
    size_t n_own = strlen(own);
    for (const char *p = env; p && *own && (p = strstr(p, own)) != NULL; p += n_own)
        if ((p == env || p[-1] == ':') && (p[n_own] == '\0' || p[n_own] == ':'))
            own[0] = '\0';
    snprintf(buf, size, "%s%s%s", env && *env ? env : "", env && *env && *own ? ":" : "", own);
}

/* "installed: gare-local 1.0.0, gare-local 1.1.0" into buf, for a
 * message; "" when nothing is installed under that id. */
static void list_versions(const assess_catalog *c, const char *name, char *buf, size_t size)
{
    size_t idlen = strcspn(name, "@"), w = 0;
    buf[0] = '\0';
    for (size_t k = 0; c && k < c->count && w + 1 < size; k++) {
        const assess_catalog_entry *e = &c->items[k];
        if (strlen(e->id) == idlen && !strncmp(e->id, name, idlen))
            w += (size_t)snprintf(buf + w, size - w, "%s%s (%s)", w ? ", " : "; installed: ",
                                  e->version[0] ? e->version : "no version", e->path);
    }
}

/* A file that names no questionnaire is scored with the installed
 * version its item columns fit (DESIGN §3): name gets its ID@VERSION.
 * None or several fitting is an error that asks for -q. */
static assess_status fit_version(const assess_catalog *c, const char *file, char *name,
                                 size_t size, assess_diags *d)
{
    assess_questionnaire **qs = calloc(c->count ? c->count : 1, sizeof *qs);
    bool *fits = calloc(c->count ? c->count : 1, sizeof *fits);
    assess_status st = qs && fits ? ASSESS_OK : ASSESS_ERR_NOMEM;
    size_t n = 0;
    assess_diags scratch; /* a broken package on the path fits nothing */
    assess_diags_init(&scratch);
    for (size_t k = 0; st == ASSESS_OK && k < c->count; k++) {
        if (assess_questionnaire_load(c->items[k].path, &qs[n], &scratch) == ASSESS_OK)
            n++;
    }
    assess_diags_cleanup(&scratch);
    if (st == ASSESS_OK)
        st = assess_responses_fit(file, (const assess_questionnaire *const *)qs, n, fits, d);
    char list[1024] = "";
    size_t nfit = 0, w = 0, which = 0;
    for (size_t k = 0; st == ASSESS_OK && k < n; k++) {
        if (!fits[k])
            continue;
        which = k;
        nfit++;
        if (w + 1 < sizeof list)
            w += (size_t)snprintf(list + w, sizeof list - w, "%s%s@%s", w ? ", " : "",
                                  qs[k]->id, qs[k]->version);
    }
    if (st == ASSESS_OK && nfit == 1) {
        snprintf(name, size, "%s@%s", qs[which]->id, qs[which]->version);
    } else if (st == ASSESS_OK && nfit == 0) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(file),
                         "no \"questionnaire\" column, and its columns fit no installed "
                         "questionnaire: give -q ID@VERSION (or a questionnaire folder)");
        st = ASSESS_ERR_INVALID;
    } else if (st == ASSESS_OK) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(file),
                         "no \"questionnaire\" column, and its columns fit %zu installed "
                         "versions (%s): give -q ID@VERSION, or add a \"questionnaire\" "
                         "column",
                         nfit, list);
        st = ASSESS_ERR_INVALID;
    }
    for (size_t k = 0; k < n; k++)
        assess_questionnaire_free(qs[k]);
    free(qs);
    free(fits);
    return st;
}

assess_status cli_questionnaire_load(const char *qarg, const char *first_file,
                                     assess_questionnaire **q, assess_diags *d)
{
    return cli_questionnaire_load_named(qarg, first_file, q, NULL, 0, d);
}

assess_status cli_questionnaire_load_named(const char *qarg, const char *first_file,
                                           assess_questionnaire **q, char *found, size_t size,
                                           assess_diags *d)
{
    char name[512] = "";
    if (found && size)
        found[0] = '\0';
    if (qarg) {
        if (strchr(qarg, '/') || exists(qarg))
            return assess_questionnaire_load(qarg, q, d);
        snprintf(name, sizeof name, "%s", qarg);
    } else {
        if (first_file) {
            assess_status st =
                assess_responses_peek_questionnaire(first_file, name, sizeof name, d);
            if (st != ASSESS_OK)
                return st;
        }
        if (!name[0] && !first_file)
            snprintf(name, sizeof name, "%s", ASSESS_DEFAULT_QUESTIONNAIRE);
    }
    if (strchr(name, '/') || name[0] == '.' || name[0] == '@') {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(first_file),
                         "column \"questionnaire\": \"%s\" is not a questionnaire ID@VERSION",
                         name);
        return ASSESS_ERR_INVALID;
    }
    char path[8192];
    cli_questionnaire_path(path, sizeof path);
    assess_catalog *c = NULL;
    assess_status st = assess_catalog_scan(path, &c);
    if (st != ASSESS_OK)
        return st;
    if (!name[0]) {
        st = fit_version(c, first_file, name, sizeof name, d);
        if (st != ASSESS_OK) {
            assess_catalog_free(c);
            return st;
        }
    }
    const assess_catalog_entry *e = assess_catalog_find(c, name);
    if (e && found && size)
        snprintf(found, size, "%s", e->path);
    if (e && q) {
        st = assess_questionnaire_load(e->path, q, d);
    } else if (e) {
        st = ASSESS_OK;
    } else {
        char versions[1024];
        list_versions(c, name, versions, sizeof versions);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(qarg ? NULL : first_file),
                         "no questionnaire \"%s\" is installed (searched %s%s): give -q with "
                         "a questionnaire folder or workbook, or add the folder that holds it "
                         "to ASSESS_QUESTIONNAIRE_PATH",
                         name, path[0] ? path : "no folder", versions);
        st = qarg ? ASSESS_ERR_USAGE : ASSESS_ERR_INVALID;
    }
    assess_catalog_free(c);
    return st;
}

/* ## Input files */

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
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(dir), "cannot read the folder: %s",
                         strerror(errno));
        return true;
    }
    size_t first = l->count;
    bool ok = true;
    struct dirent *e;
    while (ok && (e = readdir(h)) != NULL) {
        /* hidden files, our own temporaries, Office lock files (~$x.xlsx) */
        if (e->d_name[0] == '.' || e->d_name[0] == '~' ||
            !(cli_has_ext(e->d_name, ".csv") || cli_has_ext(e->d_name, ".xlsx")))
            continue;
        ok = list_push(l, path_join(dir, e->d_name));
    }
    closedir(h);
    if (l->count > first) /* items may still be NULL, which qsort must not see */
        qsort(l->items + first, l->count - first, sizeof *l->items, cmp_name);
    if (ok && l->count == first)
        assess_diags_add(d, ASSESS_WARNING, assess_loc_file(dir),
                         "the folder has no .csv or .xlsx file");
    return ok;
}

void cli_lang_check(const assess_questionnaire *q, const char *lang)
{
    if (q && !assess_questionnaire_speaks(q, lang))
        fprintf(stderr,
                "assess: warning: %s has no texts in \"%s\"; they are shown as written, in "
                "\"%s\"\n",
                q->id, lang, q->language);
}

assess_status cli_inputs_expand(int n, char *const *args, char ***out, size_t *nout,
                                assess_diags *d)
{
    name_list l = {0};
    bool ok = true;
    size_t errors = d->errors;
    for (int i = 0; ok && i < n; i++) {
        struct stat st;
        if (stat(args[i], &st) != 0)
            assess_diags_add(d, ASSESS_ERROR, assess_loc_file(args[i]), "cannot open: %s",
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
        cli_inputs_free(l.items, ok ? kept : l.count);
        return ASSESS_ERR_NOMEM;
    }
    *out = l.items;
    *nout = kept;
    if (d->errors > errors)
        return ASSESS_ERR_IO;
    if (n > 0 && kept == 0) {
        /* a folder with nothing in it: there is nothing to do, and saying
         * so beats an empty result */
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(NULL), "no responses file to read");
        return ASSESS_ERR_INVALID;
    }
    return ASSESS_OK;
}

void cli_inputs_free(char **list, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(list[k]);
    free(list);
}

/* ## Responses */

assess_status cli_responses_read(const assess_questionnaire *q, int n, char *const *args,
                                 assess_responses **r, assess_diags *d)
{
    char **files = NULL;
    size_t nfiles = 0;
    assess_status st = cli_inputs_expand(n, args, &files, &nfiles, d);
    if (st == ASSESS_OK)
        st = assess_responses_new(q, r);
    for (size_t k = 0; st == ASSESS_OK && k < nfiles; k++) {
        assess_status fst = assess_responses_add_file(*r, files[k], d);
        if (fst != ASSESS_ERR_INVALID && fst != ASSESS_ERR_LIMIT)
            st = fst; /* an invalid file is reported; the next is still read */
    }
    cli_inputs_free(files, nfiles);
    return st;
}

assess_status cli_responses_load(const char *qarg, int n, char *const *args,
                                 assess_questionnaire **q, assess_responses **r,
                                 assess_diags *d)
{
    char **files = NULL;
    size_t nfiles = 0;
    char *first = NULL;
    /* the questionnaire column of the first file picks the questionnaire;
     * what is wrong with the inputs is said once, when they are read */
    assess_diags quiet;
    assess_diags_init(&quiet);
    if (n > 0 && cli_inputs_expand(1, args, &files, &nfiles, &quiet) == ASSESS_OK && nfiles)
        first = strdup(files[0]);
    assess_diags_cleanup(&quiet);
    cli_inputs_free(files, nfiles);
    size_t errors = d->errors;
    assess_status st = cli_questionnaire_load(qarg, first, q, d);
    free(first);
    if (st == ASSESS_OK)
        st = cli_responses_read(*q, n, args, r, d);
    if (st == ASSESS_OK && d->errors > errors)
        st = ASSESS_ERR_INVALID;
    return st;
}

/* Cycles compare with digit runs as numbers, like the cohort's. */
static int cycle_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            char *ea, *eb;
            unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
            if (x != y)
                return x < y ? -1 : 1;
            a = ea;
            b = eb;
        } else if (*a != *b) {
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        } else {
            a++;
            b++;
        }
    }
    return (unsigned char)*a - (unsigned char)*b;
}

/* A name typed from memory is often a letter or two off: the entities up
 * to two edits from it, in any letter case, are the likely ones.  Prints
 * them and returns true, or prints nothing and returns false. */
static bool print_near_entities(const assess_responses *r, const char *entity, const char *cmd)
{
    size_t shown = 0;
    for (size_t k = 0; k < r->nassessments && shown < 5; k++) {
        const char *name = r->assessments[k].entity;
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(r->assessments[j].entity, name) == 0;
        if (seen || assess_str_idistance(entity, name, 2) > 2)
            continue;
        if (shown++ == 0)
            fprintf(stderr, "no assessment of \"%s\" in the responses; did you mean:\n", entity);
        fprintf(stderr, "  %s\n", name);
    }
    if (shown)
        fprintf(stderr, "(assess %s --entity NAME; assess score lists every entity)\n", cmd);
    return shown > 0;
}

size_t cli_assessment_choose(const assess_responses *r, const char *entity, const char *cycle,
                             const char *cmd)
{
    size_t found = ASSESS_NONE, matches = 0;
    const char *only = r->nassessments ? r->assessments[0].entity : "";
    bool one_entity = true;
    for (size_t k = 0; k < r->nassessments; k++) {
        const assess_assessment *a = &r->assessments[k];
        one_entity &= strcmp(a->entity, only) == 0;
        if (entity && strcasecmp(a->entity, entity) != 0)
            continue;
        if (cycle && strcmp(a->cycle, cycle) != 0)
            continue;
        matches++;
        if (found == ASSESS_NONE || cycle_cmp(a->cycle, r->assessments[found].cycle) > 0)
            found = k;
    }
    if (found != ASSESS_NONE && (entity || one_entity))
        return found;
    if (found != ASSESS_NONE && matches == 1)
        return found;
    fprintf(stderr, "assess %s: ", cmd);
    if (entity && !matches && print_near_entities(r, entity, cmd))
        return ASSESS_NONE;
    if (entity || cycle)
        fprintf(stderr, "no assessment of %s%s%s%s in the responses; they hold:\n",
                entity ? "\"" : "", entity ? entity : "", entity ? "\"" : "",
                cycle ? " in that cycle" : "");
    else
        fprintf(stderr, "the responses hold %zu assessments; choose one with --entity (and --cycle):\n",
                r->nassessments);
    for (size_t k = 0; k < r->nassessments && k < 20; k++)
        fprintf(stderr, "  %s%s%s\n", r->assessments[k].entity,
                r->assessments[k].cycle[0] ? ", cycle " : "", r->assessments[k].cycle);
    if (r->nassessments > 20)
        fprintf(stderr, "  … and %zu more\n", r->nassessments - 20);
    return ASSESS_NONE;
}

assess_status cli_benchmark_load(cli_benchmark *b, const assess_questionnaire *q, int n,
                                 char *const *args, assess_diags *d)
{
    memset(b, 0, sizeof *b);
    size_t errors = d->errors;
    char **files = NULL;
    size_t nfiles = 0;
    /* each file with the version it names; one that names none with q */
    assess_status st = cli_inputs_expand(n, args, &files, &nfiles, d);
    if (st == ASSESS_OK)
        st = cli_sets_read_or(q->path, files, nfiles, &b->sets, d);
    cli_inputs_free(files, nfiles);
    if (st == ASSESS_OK && (d->errors > errors || b->sets.n == 0))
        st = ASSESS_ERR_INVALID;
    if (st == ASSESS_OK)
        st = assess_cohort_build_sets((const assess_responses *const *)b->sets.r, b->sets.n,
                                      &b->cohort, d);
    for (size_t k = 0; st == ASSESS_OK && k < b->sets.n; k++)
        if (b->sets.q[k] == b->cohort->q)
            b->r = b->sets.r[k];
    if (st == ASSESS_OK && b->cohort->ncycles == 0)
        st = assess_diags_add(d, ASSESS_ERROR, assess_loc_file(args[0]),
                              "the benchmark cohort has no assessments");
    return st;
}

assess_status cli_benchmark_stats(cli_benchmark *b, const char *cycle, const char *by,
                                  assess_diags *d)
{
    const assess_cohort *c = b->cohort;
    if (cycle && assess_cohort_cycle_find(c, cycle) == ASSESS_NONE)
        cycle = NULL;
    bool has_by = false;
    for (size_t k = 0; by && k < c->nmembers && !has_by; k++)
        for (size_t m = 0; m < c->members[k].nmeta && !has_by; m++)
            has_by = strcasecmp(c->members[k].meta[m].key, by) == 0;
    const char *bys[1] = {by};
    assess_cohort_spec spec = {.cycle = cycle, .nby = has_by ? 1 : 0, .by = bys};
    return assess_cohort_stats_compute(c, &spec, &b->stats, d);
}

void cli_benchmark_cleanup(cli_benchmark *b)
{
    assess_cohort_stats_free(b->stats);
    assess_cohort_free(b->cohort);
    cli_sets_cleanup(&b->sets);
    memset(b, 0, sizeof *b);
}

/* An earlier assessment of the same entity: from --previous when given
 * (its latest cycle before this one, or its latest), else from the
 * responses themselves. */
size_t cli_previous_find(const assess_responses *r, const assess_assessment *now)
{
    size_t best = ASSESS_NONE;
    for (size_t k = 0; k < r->nassessments; k++) {
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

/* The chosen peer's assessment: in the benchmark's cycle when it has
 * one, else among the responses. */
size_t cli_peer_find(const assess_responses *r, const char *name, const char *cycle)
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

/* Scores assessment k of r into a new result. */
assess_status cli_result_new(const assess_responses *r, size_t k, assess_result **out)
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

void cli_result_free(assess_result *res)
{
    if (res)
        assess_result_cleanup(res);
    free(res);
}

long long cli_now(void)
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    if (env && *env) {
        char *end;
        long long v = strtoll(env, &end, 10);
        if (!*end && v >= 0)
            return v;
    }
    return (long long)time(NULL);
}

/* ## Output files */

/* "dir/.name.XXXXXX": hidden, beside the target so rename() stays on one
 * file system. */
static char *temp_template(const char *target)
{
    const char *slash = strrchr(target, '/');
    size_t dirlen = slash ? (size_t)(slash - target + 1) : 0;
    const char *base = target + dirlen;
    size_t len = dirlen + strlen(base) + 16;
    char *t = malloc(len);
    if (t)
        snprintf(t, len, "%.*s.%s.XXXXXX", (int)dirlen, target, base);
    return t;
}

/* The temporary file gets the mode the target has, or would get. */
static void temp_mode(int fd, const char *target)
{
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    (void)fchmod(fd, mode);
}

static int make_temp(const char *target, char **tmp, assess_diags *d)
{
    *tmp = temp_template(target);
    if (!*tmp)
        return -1;
    int fd = mkstemp(*tmp);
    if (fd < 0) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(target), "cannot write: %s",
                         strerror(errno));
        free(*tmp);
        *tmp = NULL;
        return -1;
    }
    temp_mode(fd, target);
    return fd;
}

assess_status cli_out_open(cli_out *o, const char *target, assess_diags *d)
{
    o->f = NULL;
    o->tmp = NULL;
    o->target = strdup(target);
    if (!o->target)
        return ASSESS_ERR_NOMEM;
    if (strcmp(target, "-") == 0) {
        o->f = stdout;
        return ASSESS_OK;
    }
    int fd = make_temp(target, &o->tmp, d);
    if (fd >= 0)
        o->f = fdopen(fd, "w");
    if (!o->f) {
        if (fd >= 0) {
            close(fd);
            unlink(o->tmp);
        }
        free(o->tmp);
        free(o->target);
        o->tmp = o->target = NULL;
        return ASSESS_ERR_IO;
    }
    return ASSESS_OK;
}

assess_status cli_out_commit(cli_out *o, assess_diags *d)
{
    bool ok;
    if (!o->tmp) {
        ok = fflush(o->f) == 0 && !ferror(o->f);
    } else {
        ok = fflush(o->f) == 0 && !ferror(o->f) && fsync(fileno(o->f)) == 0;
        ok = (fclose(o->f) == 0) && ok;
        ok = ok && rename(o->tmp, o->target) == 0;
    }
    int err = errno;
    if (!ok) {
        if (o->tmp)
            unlink(o->tmp);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(o->target), "cannot write: %s",
                         strerror(err));
    }
    free(o->tmp);
    free(o->target);
    o->f = NULL;
    o->tmp = o->target = NULL;
    return ok ? ASSESS_OK : ASSESS_ERR_IO;
}

void cli_out_abort(cli_out *o)
{
    if (o->tmp) {
        fclose(o->f);
        unlink(o->tmp);
    }
    free(o->tmp);
    free(o->target);
    o->f = NULL;
    o->tmp = o->target = NULL;
}

char *cli_path_temp(const char *target)
{
    assess_diags d;
    assess_diags_init(&d);
    char *tmp = NULL;
    int fd = make_temp(target, &tmp, &d);
    if (fd >= 0)
        close(fd);
    assess_diags_cleanup(&d);
    return tmp;
}

assess_status cli_path_commit(const char *tmp, const char *target, bool ok, assess_diags *d)
{
    /* on disk before it takes the target's name, as cli_out_commit does:
     * a crash must not leave an empty file where a good one was */
    if (ok) {
        int fd = open(tmp, O_RDONLY);
        ok = fd >= 0 && fsync(fd) == 0;
        if (fd >= 0)
            close(fd);
    }
    if (ok && rename(tmp, target) == 0)
        return ASSESS_OK;
    int err = errno;
    unlink(tmp);
    if (ok)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(target), "cannot write: %s",
                         strerror(err));
    return ASSESS_ERR_IO;
}
