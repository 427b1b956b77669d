/*
 * cmd_batch.c — `assess report --batch COHORT -o DIR/`: every entity's
 * report for its latest cycle, compared with the cohort (or another
 * --benchmark) and with its own previous cycle, on all cores.
 *
 * The cohort is read and its statistics computed once; then -j worker
 * processes (fork) share that read-only state and each writes the
 * reports of every j-th entity.  A worker reports each entity's outcome
 * to the parent on a pipe, one line each, so the parent can draw a
 * progress bar, write the index and carry on past a bad city.
 *
 * A report's files are written under temporary names beside their own and
 * take their names a batch at a time (every COMMIT_FILES files and at the
 * end of a worker's share): when one of them replaces a file, after one
 * syncfs for the batch, where an fsync of each file was a journal commit
 * each (several milliseconds; 1,446 of them for a 482-city cohort).  No
 * file ever replaces another before it is wholly on disk, as with every
 * output of the command; a worker reports a city's outcome once its files
 * have their names.
 */
#define _GNU_SOURCE /* syncfs; fork, pipe, fdopen, realpath */

#include "cli.h"

#include "assess-report.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h> /* mallopt */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define JOBS_MAX 64
#define NAME_MAX_BYTES 80
#define COMMIT_FILES 48

static const char *const usage_line =
    N_("usage: assess report --batch COHORT... -o DIR/ [-q Q] [--benchmark OTHER]... [-j N]\n"
    "                     [--brand FILE] [--lang L] [--prepared-by TEXT] [--peer-column C]\n"
    "                     [--formats LIST] [--quiet] [--public | --public=no-notes]\n");

static const char *const help_text =
    N_("usage: assess report --batch COHORT... -o DIR/ [-q Q] [--benchmark OTHER]... [-j N]\n"
    "                     [--brand FILE] [--lang L] [--prepared-by TEXT] [--peer-column C]\n"
    "                     [--formats LIST] [--quiet] [--public | --public=no-notes]\n"
    "\n"
    "Writes every entity's report for its latest cycle into DIR: NAME.pdf, the workbook\n"
    "NAME.xlsx and the web page NAME.html, compared with the cohort itself (or with --benchmark OTHER) and with the\n"
    "entity's own previous cycle when the cohort has one, and DIR/index.csv listing what was\n"
    "written.  An entity whose report fails is reported at the end; the others are still\n"
    "written (exit status 3, or 1 when an input was invalid).  Progress shows as a bar on a\n"
    "terminal, and as a line at each tenth of the reports when standard error is a file.\n"
    "\n"
    "  COHORT            responses files or folders (repeatable --batch, or several after\n"
    "                    it); - reads standard input\n"
    "  -o DIR            the folder for the reports (created if missing)\n"
    "  -q Q              questionnaire folder, workbook or installed name\n"
    "  --benchmark OTHER  compare with this cohort instead (files or folders, repeatable)\n"
    "  -j N              worker processes, 1 to 64 (default: the number of processors)\n"
    "  --brand FILE      a consultant's look (see assess report --help)\n"
    "  --lang L          use the questionnaire's translations into L\n"
    "  --prepared-by TEXT  a line on every cover\n"
    "  --peer-column C   the metadata column that names peer groups (default: region,\n"
    "                    when the cohort has it; a column named here must exist)\n"
    "  --formats LIST    the files to write, of pdf, xlsx and html, separated by commas\n"
    "                    (default: pdf,xlsx,html)\n"
    "  --quiet           no progress and no summary line on success\n"
    "  --entity-column NAME  the column that names the entity when it is not \"entity\"\n"
    "                    (docs/odk.md)\n"
    "  --public          public editions, to post: no respondents' names, per-person\n"
    "                    answers or disagreements\n"
    "  --public=no-notes public editions without evidence and notes either\n"
    "  --help, --version\n");

enum { WROTE_PDF = 1, WROTE_XLSX = 2, WROTE_HTML = 4 };

typedef struct {
    const char *q, *out, *brand, *lang, *prepared_by, *peer_column;
    bool quiet, public, public_no_notes;
    char **cohort, **bench;
    int ncohort, nbench, jobs;
    int formats; /* WROTE_PDF | WROTE_XLSX | WROTE_HTML: the files asked for */
} batch_args;

/* "pdf,xlsx" as WROTE_PDF | WROTE_XLSX; 0 for an empty or unknown name. */
static int parse_formats(const char *list)
{
    static const struct {
        const char *name;
        int flag;
    } names[] = {{"pdf", WROTE_PDF}, {"xlsx", WROTE_XLSX}, {"html", WROTE_HTML}};
    int set = 0;
    for (const char *p = list;; p++) {
        size_t n = strcspn(p, ",");
        int flag = 0;
        for (size_t k = 0; k < sizeof names / sizeof *names; k++)
            if (n == strlen(names[k].name) && !strncasecmp(p, names[k].name, n))
                flag = names[k].flag;
        if (!flag)
            return 0;
        set |= flag;
        p += n;
        if (!*p)
            return set;
    }
}

static int parse_args(int argc, char **argv, batch_args *a)
{
    const char *jobs = NULL, *formats = NULL;
    bool batch = false;
    const cli_option opts[] = {
        {"--entity-column", &cli_entity_column_arg, NULL, NULL, NULL},
        {"--batch", NULL, &batch, NULL, NULL},
        {"-q", &a->q, NULL, NULL, NULL},
        {"-o", &a->out, NULL, NULL, NULL},
        {"--brand", &a->brand, NULL, NULL, NULL},
        {"--lang", &a->lang, NULL, NULL, NULL},
        {"--prepared-by", &a->prepared_by, NULL, NULL, NULL},
        {"--peer-column", &a->peer_column, NULL, NULL, NULL},
        {"-j", &jobs, NULL, NULL, NULL},
        {"--formats", &formats, NULL, NULL, NULL},
        {"--quiet", NULL, &a->quiet, NULL, NULL},
        {"--public", NULL, &a->public, NULL, NULL},
        {"--public=no-notes", NULL, &a->public_no_notes, NULL, NULL},
        {"--benchmark", NULL, NULL, a->bench, &a->nbench},
    };
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, a->cohort,
                               &a->ncohort, "report", usage_line, help_text);
    if (rc >= 0)
        return rc;
    if (jobs) {
        char *end;
        long n = strtol(jobs, &end, 10);
        if (*end || n < 1 || n > JOBS_MAX)
            return cli_usage_error("report", usage_line,
                                   _("-j takes a number of workers from 1 to %d"), JOBS_MAX);
        a->jobs = (int)n;
    }
    a->formats = formats ? parse_formats(formats) : WROTE_PDF | WROTE_XLSX | WROTE_HTML;
    if (!a->formats)
        return cli_usage_error("report", usage_line,
                               _("--formats takes pdf, xlsx and html separated by commas, not "
                                 "\"%s\""),
                               formats);
    if (a->ncohort == 0)
        return cli_usage_error("report", usage_line, _("--batch needs the COHORT's files"));
    if (!a->out)
        return cli_usage_error("report", usage_line, _("-o DIR/ is required"));
    return -1;
}

/* ## File names from entity names
 *
 * Readable, safe and distinct: ASCII letters and digits kept (lower
 * case), UTF-8 letters kept as they are, everything else a single "-";
 * never empty, never starting with "." or "-", at most 80 bytes (cut on a
 * character boundary); a name taken already (ignoring case) gets "-2",
 * "-3", … */
static void safe_name(const char *entity, char *out, size_t size)
{
    size_t n = 0, limit = size - 1 < NAME_MAX_BYTES ? size - 1 : NAME_MAX_BYTES;
    const unsigned char *p = (const unsigned char *)entity, *end = p + strlen(entity);
    while (p < end && n < limit) {
        if (*p >= 0x80) {
            uint32_t cp;
            size_t len = assess_utf8_decode((const char *)p, (size_t)(end - p), &cp);
            if (n + len > limit)
                break;
            /* general punctuation (– — ’ “ …, U+2000 to U+203F) is a separator */
            bool punct = cp >= 0x2000 && cp <= 0x203F;
            if (punct) {
                if (n && out[n - 1] != '-')
                    out[n++] = '-';
            } else {
                memcpy(out + n, p, len);
                n += len;
            }
            p += len;
        } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
            out[n++] = (char)*p++;
        } else if (*p >= 'A' && *p <= 'Z') {
            out[n++] = (char)(*p++ - 'A' + 'a');
        } else {
            if (n && out[n - 1] != '-')
                out[n++] = '-';
            p++;
        }
    }
    while (n && out[n - 1] == '-')
        n--;
    out[n] = '\0';
    if (n == 0)
        snprintf(out, size, "entity");
}

typedef struct {
    size_t assessment; /* in the cohort's response set */
    char name[NAME_MAX_BYTES + 16];
    int status;        /* exit status of its report */
    int wrote;         /* WROTE_PDF | WROTE_XLSX | WROTE_HTML: the files written */
    char message[512];
} job;

static void unique_names(job *jobs, size_t n, const assess_responses *r)
{
    for (size_t k = 0; k < n; k++) {
        char base[NAME_MAX_BYTES + 1];
        safe_name(r->assessments[jobs[k].assessment].entity, base, sizeof base);
        snprintf(jobs[k].name, sizeof jobs[k].name, "%s", base);
        for (int suffix = 2;; suffix++) {
            bool taken = !strcasecmp(jobs[k].name, "index");
            for (size_t j = 0; j < k && !taken; j++)
                taken = !strcasecmp(jobs[j].name, jobs[k].name);
            if (!taken)
                break;
            snprintf(jobs[k].name, sizeof jobs[k].name, "%s-%d", base, suffix);
        }
    }
}

/* ## One entity */

typedef struct {
    const batch_args *a;
    const report_request *rq; /* the cohort, its statistics, the brand */
    time_t created;
} batch_ctx;

/* Files written under a temporary name, waiting for theirs. */
typedef struct {
    char *tmp;
    char path[PATH_MAX];
    size_t job;
    int flag; /* WROTE_PDF, WROTE_XLSX or WROTE_HTML */
} pending_file;

typedef struct {
    pending_file files[COMMIT_FILES + 3];
    size_t n;
} pending;

/* Renders doc in format to a temporary file beside path, added to p. */
static assess_status render_pending(const report_doc *doc, report_format format, const char *path,
                                    size_t entity, int flag, pending *p, assess_diags *d)
{
    char *tmp = cli_path_temp(path);
    if (!tmp)
        return assess_diags_add(d, ASSESS_ERROR, assess_loc_file(path), _("cannot write here"));
    if (report_render(doc, format, tmp, path, d) != ASSESS_OK) {
        unlink(tmp);
        free(tmp);
        return d->count ? ASSESS_ERR_IO : ASSESS_ERR_NOMEM;
    }
    pending_file *f = &p->files[p->n++];
    f->tmp = tmp;
    snprintf(f->path, sizeof f->path, "%s", path);
    f->job = entity;
    f->flag = flag;
    return ASSESS_OK;
}

static void job_failed(job *j, const char *path, int err)
{
    assess_diags d;
    assess_diags_init(&d);
    assess_diags_add(&d, ASSESS_ERROR, assess_loc_file(path), _("cannot write: %s"),
                     strerror(err));
    assess_diag_format(&d.items[0], j->message, sizeof j->message);
    assess_diags_cleanup(&d);
    j->status = cli_exit_status(ASSESS_ERR_IO);
}

/* Puts the pending files on disk when one of them replaces a file (one
 * syncfs for them all), then gives each its name; a file that cannot be
 * written fails its entity. */
static void commit(const char *dir, pending *p, job *jobs)
{
    bool replaces = false;
    for (size_t k = 0; k < p->n && !replaces; k++)
        replaces = cli_path_replaces(p->files[k].path);
    int err = 0;
    if (replaces) {
        int fd = open(dir, O_RDONLY | O_DIRECTORY);
        err = fd >= 0 && syncfs(fd) == 0 ? 0 : errno ? errno : EIO;
        if (fd >= 0)
            close(fd);
    }
    for (size_t k = 0; k < p->n; k++) {
        pending_file *f = &p->files[k];
        if (!err && rename(f->tmp, f->path) == 0) {
            jobs[f->job].wrote |= f->flag;
        } else {
            int e = err ? err : errno;
            unlink(f->tmp);
            if (jobs[f->job].status == 0)
                job_failed(&jobs[f->job], f->path, e);
        }
        free(f->tmp);
    }
    p->n = 0;
}

/* Writes entity j's report (PDF, workbook, web page: those asked for) to
 * temporary files in p; its status says whether all were made. */
static int one_report(const batch_ctx *x, job *j, size_t k, pending *p)
{
    assess_diags d;
    assess_diags_init(&d);
    report_subject s;
    report_doc *doc = NULL;
    assess_status st = report_request_subject(x->rq, j->assessment, &s, &d);
    if (st == ASSESS_OK) {
        city_options opt = report_request_city_options(x->rq, &s);
        opt.prepared_by = x->a->prepared_by;
        opt.created = x->created;
        doc = city_report_new(x->rq->r, s.result, &opt);
        if (!doc)
            st = ASSESS_ERR_NOMEM;
    }
    j->wrote = 0;
    if (st == ASSESS_OK) {
        static const struct {
            report_format format;
            const char *ext;
            int flag;
        } outputs[] = {{REPORT_PDF, "pdf", WROTE_PDF},
                       {REPORT_XLSX, "xlsx", WROTE_XLSX},
                       {REPORT_HTML, "html", WROTE_HTML}};
        for (size_t o = 0; o < sizeof outputs / sizeof *outputs; o++) {
            if (!(x->a->formats & outputs[o].flag))
                continue;
            char path[PATH_MAX];
            snprintf(path, sizeof path, "%s/%s.%s", x->a->out, j->name, outputs[o].ext);
            assess_status so =
                render_pending(doc, outputs[o].format, path, k, outputs[o].flag, p, &d);
            if (st == ASSESS_OK)
                st = so;
        }
    }
    j->status = cli_exit_status(st);
    j->message[0] = '\0';
    if (d.count)
        assess_diag_format(&d.items[d.count - 1], j->message, sizeof j->message);
    else if (st != ASSESS_OK)
        snprintf(j->message, sizeof j->message, "%s", assess_status_string(st));
    doc_free(doc);
    report_subject_cleanup(&s);
    assess_diags_cleanup(&d);
    return j->status;
}

/* ## Workers */

/* A bar redrawn in place on a terminal; in a log (standard error a file
 * or a pipe), a line at each tenth of the work, so that it shows the run
 * is alive without filling the log. */
static void progress(size_t done, size_t total, bool tty)
{
    if (tty) {
        int width = 30, filled = total ? (int)(width * done / total) : width;
        fputc('\r', stderr);
        fprintf(stderr, _("[%.*s%*s] %zu/%zu reports"), filled,
                "##############################", width - filled, "", done, total);
        if (done == total)
            fputs("\n", stderr);
    } else if (done * 10 / total != (done - 1) * 10 / total) {
        fprintf(stderr, _("%zu of %zu reports done (%zu%%)\n"), done, total, done * 100 / total);
    }
}

/* Runs the jobs in `workers` processes; each sends "INDEX STATUS WROTE MESSAGE\n". */
static int run_jobs(const batch_ctx *x, job *jobs, size_t n, int workers)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fflush(NULL);
    pid_t pids[JOBS_MAX];
    int started = 0;
    for (int w = 0; w < workers; w++) {
        pid_t pid = fork();
        if (pid < 0)
            break;
        if (pid == 0) {
            close(fds[0]);
            FILE *f = fdopen(fds[1], "w");
            pending *p = calloc(1, sizeof *p);
            size_t first = (size_t)w; /* the first job whose outcome is not sent yet */
            report_share_begin(); /* the reports of a worker share what they can */
#ifdef __GLIBC__
            /* Each report makes and frees the same few megabytes: malloc
             * keeps them for the next instead of giving them back to the
             * system and faulting them in again (50 reports on one worker:
             * 52,000 page faults before, 3,800 after; half the system time) */
            mallopt(M_MMAP_THRESHOLD, 32 << 20);
            mallopt(M_TRIM_THRESHOLD, 256 << 20);
#endif
            for (size_t k = (size_t)w; f && p && k < n; k += (size_t)workers) {
                one_report(x, &jobs[k], k, p);
                if (p->n < COMMIT_FILES && k + (size_t)workers < n)
                    continue;
                commit(x->a->out, p, jobs);
                for (size_t j = first; j <= k; j += (size_t)workers) {
                    for (char *c = jobs[j].message; *c; c++)
                        if (*c == '\n')
                            *c = ' ';
                    fprintf(f, "%zu %d %d %s\n", j, jobs[j].status, jobs[j].wrote,
                            jobs[j].message);
                }
                fflush(f);
                first = k + (size_t)workers;
            }
            report_share_end();
            _exit(f && p ? 0 : 3);
        }
        pids[started++] = pid;
    }
    close(fds[1]);
    if (started == 0) {
        close(fds[0]);
        return -1;
    }
    bool tty = isatty(STDERR_FILENO);
    FILE *in = fdopen(fds[0], "r");
    char line[1024];
    size_t done = 0;
    for (size_t k = 0; k < n; k++)
        jobs[k].status = -1; /* not heard of */
    while (in && fgets(line, sizeof line, in)) {
        char *end;
        size_t k = strtoul(line, &end, 10);
        if (k >= n)
            continue;
        jobs[k].status = (int)strtol(end, &end, 10);
        jobs[k].wrote = (int)strtol(end, &end, 10);
        snprintf(jobs[k].message, sizeof jobs[k].message, "%s", *end == ' ' ? end + 1 : end);
        jobs[k].message[strcspn(jobs[k].message, "\n")] = '\0';
        if (!x->a->quiet)
            progress(++done, n, tty);
    }
    if (in)
        fclose(in);
    for (int w = 0; w < started; w++)
        waitpid(pids[w], NULL, 0);
    /* a worker that died (a crash, the OOM killer) leaves its jobs unheard */
    for (size_t k = 0; k < n; k++)
        if (jobs[k].status < 0) {
            jobs[k].status = CLI_FAILURE;
            snprintf(jobs[k].message, sizeof jobs[k].message, "%s", _("its worker stopped unexpectedly"));
        }
    return 0;
}

/* ## The index */

static assess_status write_index(const batch_ctx *x, const job *jobs, size_t n, assess_diags *d)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/index.csv", x->a->out);
    cli_out o;
    assess_status st = cli_out_open(&o, path, d);
    if (st != ASSESS_OK)
        return st;
    fputs("entity,cycle,pdf,xlsx,html,status,message\n", o.f);
    for (size_t k = 0; k < n; k++) {
        const assess_assessment *a = &x->rq->r->assessments[jobs[k].assessment];
        char pdf[NAME_MAX_BYTES + 24], xlsx[NAME_MAX_BYTES + 24], html[NAME_MAX_BYTES + 24];
        snprintf(pdf, sizeof pdf, "%s.pdf", jobs[k].name);
        snprintf(xlsx, sizeof xlsx, "%s.xlsx", jobs[k].name);
        snprintf(html, sizeof html, "%s.html", jobs[k].name);
        assess_csv_put_text(o.f, a->entity);
        fputc(',', o.f);
        assess_csv_put_text(o.f, a->cycle);
        fputc(',', o.f);
        assess_csv_put_text(o.f, jobs[k].wrote & WROTE_PDF ? pdf : "");
        fputc(',', o.f);
        assess_csv_put_text(o.f, jobs[k].wrote & WROTE_XLSX ? xlsx : "");
        fputc(',', o.f);
        assess_csv_put_text(o.f, jobs[k].wrote & WROTE_HTML ? html : "");
        fprintf(o.f, ",%s,", jobs[k].status == 0 ? "written" : "failed");
        assess_csv_put_text(o.f, jobs[k].message);
        fputc('\n', o.f);
    }
    return cli_out_commit(&o, d);
}

/* The latest cycle's assessment of every entity, in order of appearance. */
static size_t latest_of_each(const assess_responses *r, job *jobs)
{
    size_t n = 0;
    for (size_t k = 0; k < r->nassessments; k++) {
        const assess_assessment *a = &r->assessments[k];
        size_t j = 0;
        while (j < n && strcasecmp(r->assessments[jobs[j].assessment].entity, a->entity) != 0)
            j++;
        if (j == n)
            jobs[n++] = (job){.assessment = k};
        else if (assess_cohort_cycle_cmp(a->cycle, r->assessments[jobs[j].assessment].cycle) > 0)
            jobs[j].assessment = k;
    }
    return n;
}

/* A batch never writes over its own inputs: DIR must not hold any of them. */
static bool output_holds_input(const char *dir, char *const *args, int n)
{
    char *real_dir = realpath(dir, NULL);
    bool holds = false;
    for (int k = 0; real_dir && k < n && !holds; k++) {
        char *real = realpath(args[k], NULL);
        if (real) {
            size_t len = strlen(real_dir);
            holds = strncmp(real, real_dir, len) == 0 && (real[len] == '/' || !real[len]);
        }
        free(real);
    }
    free(real_dir);
    return holds;
}

int cli_cmd_report_batch(int argc, char **argv)
{
    batch_args a = {.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN)};
    a.cohort = calloc((size_t)argc, sizeof *a.cohort);
    a.bench = calloc((size_t)argc, sizeof *a.bench);
    int rc = a.cohort && a.bench ? parse_args(argc, argv, &a) : CLI_FAILURE;
    if (a.jobs < 1 || a.jobs > JOBS_MAX)
        a.jobs = a.jobs < 1 ? 1 : JOBS_MAX;
    if (rc < 0 && mkdir(a.out, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, _("%s: error: cannot create the folder: %s\n"), a.out, strerror(errno));
        rc = CLI_FAILURE;
    }
    if (rc < 0 && (output_holds_input(a.out, a.cohort, a.ncohort) ||
                   output_holds_input(a.out, a.bench, a.nbench)))
        rc = cli_usage_error("report", usage_line,
                             _("-o %s holds the batch's own input files; choose another folder"),
                             a.out);
    if (rc < 0 && (cli_inputs_spool(a.ncohort, a.cohort) || cli_inputs_spool(a.nbench, a.bench)))
        rc = CLI_FAILURE;
    if (rc >= 0) {
        free(a.cohort);
        free(a.bench);
        return rc;
    }

    assess_diags d;
    assess_diags_init(&d);
    /* the cohort is its own benchmark unless another is given */
    report_request rq = {.questionnaire = a.q,
                         .entity_column = cli_entity_column(),
                         .find = cli_questionnaire_load,
                         .nresponses = a.ncohort,
                         .responses = a.cohort,
                         .nbenchmark = a.nbench,
                         .benchmark = a.bench,
                         .self_benchmark = a.nbench == 0,
                         .brand_file = a.brand,
                         .lang = a.lang,
                         .edition = a.public_no_notes ? REPORT_EDITION_PUBLIC_NO_NOTES
                                    : a.public        ? REPORT_EDITION_PUBLIC
                                                      : REPORT_EDITION_TEAM,
                         .peer_column = a.peer_column ? a.peer_column : "region",
                         .peer_column_optional = !a.peer_column};
    job *jobs = NULL;
    size_t n = 0;
    assess_status st = report_request_load(&rq, &d);
    if (st == ASSESS_OK) {
        jobs = calloc(rq.r->nassessments ? rq.r->nassessments : 1, sizeof *jobs);
        st = jobs ? ASSESS_OK : ASSESS_ERR_NOMEM;
    }
    cli_diags_print(&d, 0);
    size_t printed = d.count;
    int failed = 0;
    size_t written = 0;
    if (st == ASSESS_OK) {
        n = latest_of_each(rq.r, jobs);
        unique_names(jobs, n, rq.r);
        batch_ctx x = {.a = &a, .rq = &rq, .created = (time_t)cli_now()};
        int workers = a.jobs < (int)n ? a.jobs : (int)(n ? n : 1);
        if (run_jobs(&x, jobs, n, workers) != 0) {
            fprintf(stderr, _("assess report: cannot start worker processes: %s\n"),
                    strerror(errno));
            st = ASSESS_ERR_IO;
        }
        for (size_t k = 0; st == ASSESS_OK && k < n; k++) {
            if (jobs[k].status == 0) {
                written++;
                continue;
            }
            fprintf(stderr, "%s: %s\n", rq.r->assessments[jobs[k].assessment].entity,
                    jobs[k].message);
            if (jobs[k].status > failed)
                failed = jobs[k].status;
        }
        if (st == ASSESS_OK)
            st = write_index(&x, jobs, n, &d);
        if (st == ASSESS_OK && (!a.quiet || failed))
            fprintf(stderr, _n("wrote %zu of %zu report to %s%s\n", "wrote %zu of %zu reports to %s%s\n", n),
                    written, n, a.out, failed ? _("; the others failed (see above and index.csv)") : "");
    }
    cli_diags_print(&d, printed);
    free(jobs);
    report_request_cleanup(&rq);
    assess_diags_cleanup(&d);
    free(a.cohort);
    free(a.bench);
    int status = cli_exit_status(st);
    return status ? status : failed;
}
