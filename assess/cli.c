/*
 * cli.c — the pieces every subcommand shares (see cli.h).
 */
#define _DEFAULT_SOURCE /* mkstemps */
#define _XOPEN_SOURCE 700 /* realpath, mkstemp, fchmod, strdup */

#include "cli.h"
#include "assess-report.h"

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
        assess_diag g = d->items[k];
        g.file = (char *)cli_display_name(g.file);
        assess_diag_format(&g, buf, sizeof buf);
        fprintf(stderr, "%s\n", buf);
    }
    if (d->dropped)
        fprintf(stderr, _n("assess: %zu more problem not shown\n", "assess: %zu more problems not shown\n", d->dropped),
                d->dropped);
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, _("assess %s: "), cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, _("\n%s(assess %s --help tells more)\n"), _(usage), cmd);
    return CLI_USAGE;
}

const char *cli_entity_column_arg; /* --entity-column NAME */

const char *cli_entity_column(void)
{
    return cli_entity_column_arg;
}

assess_status cli_responses_new(const assess_questionnaire *q, assess_responses **r)
{
    assess_status st = assess_responses_new(q, r);
    if (st == ASSESS_OK)
        st = assess_responses_set_entity_column(*r, cli_entity_column_arg);
    return st;
}

int cli_options_parse(int argc, char **argv, const cli_option *opts, size_t nopts, char **pos,
                      int *npos, const char *cmd, const char *usage, const char *help)
{
    *npos = 0;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--help")) {
            fputs(_(help), stdout);
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
                return cli_usage_error(cmd, usage, _("unknown option %s"), s);
            pos[(*npos)++] = argv[i];
            continue;
        }
        if (o->flag) {
            *o->flag = true;
            continue;
        }
        if (i + 1 >= argc)
            return cli_usage_error(cmd, usage, _("%s needs a value"), s);
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

void cli_own_dir(const char *in_build, const char *from_bin, char *buf, size_t size)
{
    /* found once: the command asks at its start and again for
     * questionnaires; 0 unknown, 1 in the build folder, 2 elsewhere */
    static int where;
    static char exe[4096];
    buf[0] = '\0';
    if (where == 0) {
        ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
        if (n <= 0)
            return;
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash)
            *slash = '\0';
        char *build = ASSESS_BUILD_DIR[0] ? realpath(ASSESS_BUILD_DIR, NULL) : NULL;
        where = build && strcmp(build, exe) == 0 ? 1 : 2;
        free(build);
    }
    if (where == 1)
        snprintf(buf, size, "%s", in_build);
    else
        snprintf(buf, size, "%s/%s", exe, from_bin);
}

void cli_questionnaire_path(char *buf, size_t size)
{
    const char *env = getenv("ASSESS_QUESTIONNAIRE_PATH");
    char own[4400];
    cli_own_dir(ASSESS_QDIR_SOURCE, ASSESS_QDIR_FROM_BIN, own, sizeof own);
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
            w += (size_t)snprintf(buf + w, size - w, "%s%s (%s)", w ? ", " : _("; installed: "),
                                  e->version[0] ? e->version : _("no version"), e->path);
    }
}

/* A file that names no questionnaire is scored with the installed
 * version its item columns fit (docs/formats.md): name gets its ID@VERSION.
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
        /* the same version in two folders of the path (ASSESS_QUESTIONNAIRE_PATH
         * and the command's own) is one version: the first folder wins */
        bool seen = false;
        for (size_t j = 0; j < k && !seen; j++)
            seen = !strcmp(c->items[j].id, c->items[k].id) &&
                   !strcmp(c->items[j].version, c->items[k].version);
        if (!seen && assess_questionnaire_load(c->items[k].path, &qs[n], &scratch) == ASSESS_OK)
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
                         _("no \"questionnaire\" column, and its columns fit no installed "
                         "questionnaire: give -q ID@VERSION (or a questionnaire folder)"));
        st = ASSESS_ERR_INVALID;
    } else if (st == ASSESS_OK) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(file),
                         _("no \"questionnaire\" column, and its columns fit %zu installed "
                         "versions (%s): give -q ID@VERSION, or add a \"questionnaire\" "
                         "column"),
                         nfit, list);
        st = ASSESS_ERR_INVALID;
    }
    for (size_t k = 0; k < n; k++)
        assess_questionnaire_free(qs[k]);
    free(qs);
    free(fits);
    return st;
}

static assess_status load_named(const char *qarg, const char *first_file,
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
                         _("column \"questionnaire\": \"%s\" is not a questionnaire ID@VERSION"),
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
                         _("no questionnaire \"%s\" is installed (searched %s%s): give -q with "
                           "a questionnaire folder or workbook, or add the folder that holds it "
                           "to ASSESS_QUESTIONNAIRE_PATH"),
                         name, path[0] ? path : _("no folder"), versions);
        st = qarg ? ASSESS_ERR_USAGE : ASSESS_ERR_INVALID;
    }
    assess_catalog_free(c);
    return st;
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

assess_status cli_questionnaire_load(const char *qarg, const char *first_file,
                                     assess_questionnaire **q, assess_diags *d)
{
    return load_named(qarg, first_file, q, NULL, 0, d);
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
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(target), _("cannot write: %s"),
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

bool cli_path_replaces(const char *target)
{
    struct stat st;
    return lstat(target, &st) == 0;
}

assess_status cli_out_commit(cli_out *o, assess_diags *d)
{
    bool ok;
    if (!o->tmp) {
        ok = fflush(o->f) == 0 && !ferror(o->f);
    } else {
        /* on disk before it takes the name of a file it replaces: a crash
         * must not leave an empty file where a good one was.  A new name
         * replaces nothing, so it is not waited for (a sync costs more
         * than writing a report) */
        ok = fflush(o->f) == 0 && !ferror(o->f) &&
             (!cli_path_replaces(o->target) || fsync(fileno(o->f)) == 0);
        ok = (fclose(o->f) == 0) && ok;
        ok = ok && rename(o->tmp, o->target) == 0;
    }
    int err = errno;
    if (!ok) {
        if (o->tmp)
            unlink(o->tmp);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(o->target), _("cannot write: %s"),
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
    /* on disk before it takes the name of a file it replaces, as
     * cli_out_commit does */
    bool written = ok; /* by the caller, who said why not */
    if (ok && cli_path_replaces(target)) {
        int fd = open(tmp, O_RDONLY);
        ok = fd >= 0 && fsync(fd) == 0;
        int e = errno;
        if (fd >= 0)
            close(fd);
        errno = e;
    }
    if (ok && rename(tmp, target) == 0)
        return ASSESS_OK;
    int err = errno;
    unlink(tmp);
    if (written)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(target), _("cannot write: %s"),
                         strerror(err));
    return ASSESS_ERR_IO;
}

/* ## Standard input and pipes
 *
 * The engine reads a responses file twice (its questionnaire column first,
 * then its rows) and a workbook by seeking in it, so "-", a pipe or a
 * process substitution is first copied into a temporary file.  Messages
 * name the argument, not the copy. */

#define SPOOL_MAX 16

static struct {
    char *tmp, *name;
} spools[SPOOL_MAX];
static int nspools;

static void spool_remove(void)
{
    for (int k = 0; k < nspools; k++) {
        unlink(spools[k].tmp);
        free(spools[k].tmp);
        free(spools[k].name);
    }
    nspools = 0;
}

const char *cli_display_name(const char *path)
{
    for (int k = 0; path && k < nspools; k++)
        if (!strcmp(spools[k].tmp, path))
            return spools[k].name;
    return path;
}

static int spool_one(char **arg)
{
    bool dash = !strcmp(*arg, "-");
    struct stat st;
    if (!dash && (stat(*arg, &st) != 0 || S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
        return 0; /* files and folders are read as they are; a missing one is reported later */
    FILE *in = dash ? stdin : fopen(*arg, "rb");
    if (!in) {
        fprintf(stderr, _("%s: error: cannot open: %s\n"), *arg, strerror(errno));
        return -1;
    }
    if (nspools == SPOOL_MAX) {
        fprintf(stderr, _("%s: error: at most %d pipes can be read at once\n"), *arg, SPOOL_MAX);
        if (!dash)
            fclose(in);
        return -1;
    }
    unsigned char head[4096];
    size_t n = fread(head, 1, sizeof head, in);
    /* the copy's extension tells the engine a workbook from a CSV file */
    bool zip = n >= 4 && !memcmp(head, "PK\003\004", 4);
    const char *env = getenv("TMPDIR");
    const char *dir = env && *env ? env : "/tmp";
    const char *ext = zip ? ".xlsx" : ".csv";
    size_t size = strlen(dir) + strlen("/assess-input-XXXXXX") + strlen(ext) + 1;
    char *tmp = malloc(size);
    int fd = -1;
    if (tmp) {
        snprintf(tmp, size, "%s/assess-input-XXXXXX%s", dir, ext);
        fd = mkstemps(tmp, (int)strlen(ext));
    }
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    bool ok = out != NULL;
    if (ok) {
        if (nspools == 0)
            atexit(spool_remove);
        spools[nspools].tmp = tmp;
        spools[nspools].name = strdup(dash ? "-" : *arg);
        nspools++;
    }
    while (ok && n > 0) {
        ok = fwrite(head, 1, n, out) == n;
        n = fread(head, 1, sizeof head, in);
    }
    ok = ok && !ferror(in);
    if (out)
        ok = fclose(out) == 0 && ok;
    else if (fd >= 0)
        close(fd);
    if (!dash)
        fclose(in);
    if (!ok) {
        fprintf(stderr, _("%s: error: cannot copy the input: %s\n"), dash ? "-" : *arg,
                strerror(errno));
        if (!out)
            free(tmp);
        return -1;
    }
    *arg = tmp;
    return 0;
}

int cli_inputs_spool(int n, char **args)
{
    int dashes = 0;
    for (int k = 0; k < n; k++)
        dashes += !strcmp(args[k], "-");
    if (dashes > 1) {
        fputs(_("assess: error: - (standard input) can be read only once\n"), stderr);
        return -1;
    }
    for (int k = 0; k < n; k++)
        if (spool_one(&args[k]) != 0)
            return -1;
    return 0;
}

/* ## Reports */

/* The pages of a PDF that libharu wrote: each page is an object
 * "/Type /Page" (the page tree is "/Type /Pages"); libharu writes no
 * object streams, so they are all in plain sight.  The file is read at
 * once and searched name by name (a character at a time through stdio
 * cost a city report 5 % of its instructions). */
static long pdf_pages(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    static const char key[] = "/Type /Page";
    const size_t klen = sizeof key - 1;
    long pages = -1;
    char *buf = NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && st.st_size > 0 && (buf = malloc((size_t)st.st_size))) {
        size_t n = fread(buf, 1, (size_t)st.st_size, f);
        const char *p = buf, *end = buf + n;
        pages = 0;
        while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
            if ((size_t)(end - p) > klen && memcmp(p, key, klen) == 0) {
                pages += p[klen] != 's';
                p += klen;
            } else {
                p++;
            }
        }
    }
    free(buf);
    fclose(f);
    return pages;
}

/* Renders through report_render to a temporary file beside out, then
 * moves it into place: no half-written report under out's name. */
static assess_status render(const report_doc *doc, const char *out, report_format format,
                            assess_diags *d)
{
    char *tmp = cli_path_temp(out);
    if (!tmp) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), _("cannot write here"));
        return ASSESS_ERR_IO;
    }
    bool ok = report_render(doc, format, tmp, out, d) == ASSESS_OK;
    assess_status st = cli_path_commit(tmp, out, ok, d);
    free(tmp);
    return st;
}

assess_status cli_pdf_write(const report_doc *doc, const char *out, assess_diags *d)
{
    return render(doc, out, REPORT_PDF, d);
}

assess_status cli_xlsx_write(const report_doc *doc, const char *out, assess_diags *d)
{
    return render(doc, out, REPORT_XLSX, d);
}

assess_status cli_html_write(const report_doc *doc, const char *out, assess_diags *d)
{
    return render(doc, out, REPORT_HTML, d);
}

void cli_wrote(const char *path, bool quiet)
{
    if (quiet)
        return;
    if (cli_has_ext(path, ".pdf")) {
        long pages = pdf_pages(path);
        fprintf(stderr, _n("wrote %s: %ld page\n", "wrote %s: %ld pages\n", pages), path, pages);
    } else {
        fprintf(stderr, _("wrote %s\n"), path);
    }
}

assess_status cli_report_write(const report_doc *doc, const char *out, bool quiet,
                               assess_diags *d)
{
    report_format f = report_format_of_path(out);
    assess_status st = render(doc, out, f == REPORT_FORMAT_COUNT ? REPORT_PDF : f, d);
    if (st == ASSESS_OK)
        cli_wrote(out, quiet);
    return st;
}
