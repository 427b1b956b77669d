/*
 * cmd_score.c — `assess score`: scores every assessment in the responses
 * files (docs/scoring.md) and writes text, JSON or CSV (docs/cli.md).  Nothing
 * is written when any input is invalid: a statewide CSV with one bad
 * row must be fixed, not silently shortened.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream, sysconf */

#include "cli.h"
#include "format.h"

#include "assess-report.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_line =
    N_("usage: assess score [-q Q] RESPONSES... [--format text|json|csv] [-o FILE]\n"
    "                    [--benchmark COHORT]... [--quiet]\n");

static const char *const help_text =
    N_("usage: assess score [-q Q] RESPONSES... [--format text|json|csv] [-o FILE]\n"
    "                    [--benchmark COHORT]... [--quiet]\n"
    "\n"
    "Scores every entity and cycle in the responses files (wide or long CSV, workbooks,\n"
    "or folders of them; - reads standard input) and prints the overall index, the\n"
    "dimension scores, stages, coverage and the top priorities.\n"
    "\n"
    "  -q Q              questionnaire folder, workbook or installed name (default: the\n"
    "                    responses' questionnaire column, else gare-local)\n"
    "  --format F        text (default on a terminal), json (docs/json.md) or csv (one row\n"
    "                    per entity); without it the extension of -o decides\n"
    "  -o FILE           write to FILE (replaced whole, or left alone on failure);\n"
    "                    - or no -o: standard output\n"
    "  --benchmark COHORT  responses of many entities (files or folders, repeatable): adds\n"
    "                    percentile ranks within the cohort's cycle (docs/benchmark.md)\n"
    "  --quiet           say nothing on success (else \"wrote FILE\" on stderr after -o FILE)\n"
    "  --entity-column NAME  the column that names the entity when it is not \"entity\"\n"
    "                    (docs/odk.md)\n"
    "  --help, --version\n"
    "\n"
    "Exit status: 0 scored, 1 invalid input (every problem listed), 2 usage, 3 I/O failure.\n");

typedef struct {
    const char *q, *out, *format;
    bool quiet;
    char **inputs, **cohort;
    int ninputs, ncohort;
} score_args;

/* Returns -1 to go on, else an exit status. */
static int parse_args(int argc, char **argv, score_args *a)
{
    const cli_option opts[] = {
        {"--entity-column", &cli_entity_column_arg, NULL, NULL, NULL},
        {"-q", &a->q, NULL, NULL, NULL},
        {"-o", &a->out, NULL, NULL, NULL},
        {"--format", &a->format, NULL, NULL, NULL},
        {"--benchmark", NULL, NULL, a->cohort, &a->ncohort},
        {"--quiet", NULL, &a->quiet, NULL, NULL},
    };
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, a->inputs,
                               &a->ninputs, "score", usage_line, help_text);
    if (rc < 0 && a->ninputs == 0)
        return cli_usage_error("score", usage_line, _("no RESPONSES given"));
    return rc;
}

/* --format, else the extension of -o, else text. */
static int choose_format(const score_args *a, format_kind *kind)
{
    if (a->format) {
        if (!format_kind_parse(a->format, kind))
            return cli_usage_error("score", usage_line,
                                   _("--format takes text, json or csv, not \"%s\""), a->format);
        return -1;
    }
    *kind = FORMAT_TEXT;
    if (!a->out || !strcmp(a->out, "-"))
        return -1;
    if (cli_has_ext(a->out, ".json"))
        *kind = FORMAT_JSON;
    else if (cli_has_ext(a->out, ".csv"))
        *kind = FORMAT_CSV;
    else if (!cli_has_ext(a->out, ".txt"))
        return cli_usage_error("score", usage_line,
                               _("cannot tell the format of \"%s\": name it .json, .csv or "
                               ".txt, or give --format"),
                               a->out);
    return -1;
}

/* The cohort cycle an entity is ranked in: its own when the cohort has
 * it, else the cohort's latest. */
static size_t rank_cycle(const assess_cohort *c, const char *cycle)
{
    size_t k = cycle[0] ? assess_cohort_cycle_find(c, cycle) : ASSESS_NONE;
    return k != ASSESS_NONE ? k : assess_cohort_cycle_find(c, NULL);
}

/* A run of assessments scored and formatted by one thread, into f. */
typedef struct {
    const assess_responses *r;
    const assess_cohort *c;
    format_kind kind;
    size_t per; /* assessments in a slice */
    size_t from, to;
    FILE *f;
    char *buf; /* when f is a memory stream */
    size_t len;
    assess_status st;
} slice;

static void *score_slice(void *arg)
{
    slice *s = arg;
    const assess_cohort *c = s->c;
    assess_result res;
    assess_cohort_rank *ranks = c ? calloc(c->nmeasures, sizeof *ranks) : NULL;
    s->st = assess_result_init(&res, s->r->q);
    if (s->st == ASSESS_OK && c && !ranks) {
        assess_result_cleanup(&res);
        s->st = ASSESS_ERR_NOMEM;
    }
    if (s->st != ASSESS_OK) {
        free(ranks);
        return NULL;
    }
    /* count tells the formats whether a separator goes before an entity */
    format_writer w = {.kind = s->kind, .f = s->f, .r = s->r, .benchmark = c, .count = s->from};
    if (c)
        w.benchmark_cycle = c->cycles[assess_cohort_cycle_find(c, NULL)];
    for (size_t k = s->from; k < s->to; k++) {
        /* the CSV shows scores only: skip gains and priorities */
        if (s->kind == FORMAT_CSV)
            assess_score_compute_scores(s->r, k, &res);
        else
            assess_score_compute(s->r, k, &res);
        if (c)
            assess_cohort_ranks(c, rank_cycle(c, s->r->assessments[k].cycle), &res, 0, ranks);
        format_entity(&w, &res, ranks);
    }
    assess_result_cleanup(&res);
    free(ranks);
    return NULL;
}

/* A statewide file is scored on every core: each round, the first slice
 * is written straight out while the others are formatted into memory by
 * threads of their own, then written in order, so the output is the same
 * byte for byte as one thread's and memory holds only one round.  A slice
 * holds about 600 KB of output: a CSV row is some 150 bytes, a JSON or
 * text entity of the shipped questionnaire some 14 KB. */
enum { THREADS_MAX = 8 };

static size_t slice_size(format_kind kind)
{
    return kind == FORMAT_CSV ? 4096 : 64;
}

static size_t thread_count(size_t nassessments, size_t per)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1 || nassessments < 2 * per)
        return 1;
    return n > THREADS_MAX ? THREADS_MAX : (size_t)n;
}

static assess_status score_round(const slice *proto, FILE *out, size_t from, size_t nthreads)
{
    slice s[THREADS_MAX];
    pthread_t tid[THREADS_MAX];
    bool started[THREADS_MAX] = {false};
    size_t n = proto->r->nassessments;
    for (size_t t = 0; t < nthreads; t++) {
        s[t] = *proto;
        s[t].from = from + t * s[t].per < n ? from + t * s[t].per : n;
        s[t].to = s[t].from + s[t].per < n ? s[t].from + s[t].per : n;
        s[t].f = t == 0 ? out : open_memstream(&s[t].buf, &s[t].len);
        s[t].st = s[t].f ? ASSESS_OK : ASSESS_ERR_NOMEM;
        if (t > 0 && s[t].f)
            started[t] = pthread_create(&tid[t], NULL, score_slice, &s[t]) == 0;
        if (t > 0 && s[t].f && !started[t])
            score_slice(&s[t]); /* no thread to be had: do it here */
    }
    score_slice(&s[0]);
    assess_status st = s[0].st;
    for (size_t t = 1; t < nthreads; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        if (s[t].f && fclose(s[t].f) != 0 && s[t].st == ASSESS_OK)
            s[t].st = ASSESS_ERR_NOMEM;
        if (st == ASSESS_OK)
            st = s[t].st;
        if (st == ASSESS_OK && s[t].len)
            fwrite(s[t].buf, 1, s[t].len, out);
        free(s[t].buf);
    }
    return st;
}

static assess_status write_scores(const assess_responses *r, const assess_cohort *c,
                                  format_kind kind, const char *out, assess_diags *d)
{
    cli_out o;
    assess_status st = cli_out_open(&o, out ? out : "-", d);
    if (st != ASSESS_OK)
        return st;
    format_writer w = {.kind = kind, .f = o.f, .r = r, .benchmark = c};
    if (c)
        w.benchmark_cycle = c->cycles[assess_cohort_cycle_find(c, NULL)];
    format_begin(&w);
    const slice proto = {.r = r, .c = c, .kind = kind, .per = slice_size(kind)};
    size_t nthreads = thread_count(r->nassessments, proto.per);
    for (size_t from = 0; st == ASSESS_OK && from < r->nassessments;
         from += nthreads * proto.per)
        st = score_round(&proto, o.f, from, nthreads);
    if (st != ASSESS_OK) {
        cli_out_abort(&o);
        return st;
    }
    w.count = r->nassessments;
    format_end(&w);
    return cli_out_commit(&o, d);
}

int cli_cmd_score(int argc, char **argv)
{
    score_args a = {0};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.cohort = calloc((size_t)argc, sizeof *a.cohort);
    format_kind kind = FORMAT_TEXT;
    int rc = a.inputs && a.cohort ? parse_args(argc, argv, &a) : CLI_FAILURE;
    if (rc < 0)
        rc = choose_format(&a, &kind);
    if (rc >= 0) {
        free(a.inputs);
        free(a.cohort);
        return rc;
    }

    if (cli_inputs_spool(a.ninputs, a.inputs) || cli_inputs_spool(a.ncohort, a.cohort)) {
        free(a.inputs);
        free(a.cohort);
        return CLI_FAILURE;
    }
    assess_diags d;
    assess_diags_init(&d);
    /* ranks need the cohort, not its statistics */
    report_request rq = {.questionnaire = a.q,
                         .entity_column = cli_entity_column(),
                         .find = cli_questionnaire_load,
                         .nresponses = a.ninputs,
                         .responses = a.inputs,
                         .nbenchmark = a.ncohort,
                         .benchmark = a.cohort,
                         .cohort_only = true};
    assess_status st = report_request_load(&rq, &d);
    cli_diags_print(&d, 0);
    size_t printed = d.count;
    if (st == ASSESS_OK)
        st = write_scores(rq.r, rq.cohort, kind, a.out, &d);
    if (st == ASSESS_OK && a.out && strcmp(a.out, "-") != 0)
        cli_wrote(a.out, a.quiet);
    cli_diags_print(&d, printed);
    report_request_cleanup(&rq);
    assess_diags_cleanup(&d);
    free(a.inputs);
    free(a.cohort);
    return cli_exit_status(st);
}
