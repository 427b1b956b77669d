/*
 * cmd_benchmark.c — `assess benchmark`: reads the submissions of many
 * entities (files and folders), builds the cohort and writes the
 * statistics of docs/benchmark.md as a tidy CSV.  The figures come from the
 * engine (assess.h, "Benchmark cohorts"); this file only gathers inputs and
 * writes rows.
 */
#define _POSIX_C_SOURCE 200809L /* isatty */

#include "cli.h"

#include "assess-report.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_text =
    N_("usage: assess benchmark [-q Q] RESPONSES... -o FILE.csv|FILE.pdf|FILE.xlsx\n"
    "                        [--by COLUMN]... [--cycle C] [--min-group N] [--bands LIST]\n"
    "                        [--title TEXT] [--brand FILE] [--members] [--lang L] [--quiet]\n"
    "\n"
    "Statewide benchmarks of many submissions (docs/benchmark.md): the whole cohort, each\n"
    "group of a metadata column and each population size band, with the change since the\n"
    "previous cycle, written as a tidy CSV (cycle, group_by, group, measure, statistic,\n"
    "value, label: value always a number), as the statewide PDF report, or as a workbook\n"
    "(Overview, Scores, Items, Training needs, Change and Members sheets).  Submissions are\n"
    "grouped into assessments as assess score groups them.\n"
    "\n"
    "  RESPONSES        responses files, or folders (every .csv and .xlsx inside, by name);\n"
    "                   - reads standard input\n"
    "  -q Q             questionnaire folder, workbook or installed name\n"
    "  -o FILE          FILE.csv (or - for standard output), FILE.pdf or FILE.xlsx\n"
    "  --by COLUMN      also group by this metadata column (repeatable), e.g. region; a\n"
    "                   column of numbers is better grouped by --bands\n"
    "  --cycle C        the cycle to describe (default: the latest)\n"
    "  --min-group N    show no figures for groups or measures with fewer than N values\n"
    "                   (default: the questionnaire's min_group_size)\n"
    "  --bands LIST     population size bands as upper bounds, e.g. 10000,50000,100000\n"
    "  --title TEXT     the PDF cover's name for the cohort, e.g. the league's name\n"
    "  --brand FILE     the PDF's (and workbook's) look: organization, contact, primary,\n"
    "                   accent and logo (see assess report --help)\n"
    "  --members        add a table of every entity's scores to the PDF (a Members sheet\n"
    "                   to the workbook)\n"
    "  --lang L         the PDF and workbook in language L (es, es-MX, ...): the\n"
    "                   questionnaire's translations and the program's own words\n"
    "  --quiet          say nothing on success (else \"wrote FILE\" on stderr)\n"
    "  --entity-column NAME  the column that names the entity when it is not \"entity\"\n"
    "                    (docs/odk.md)\n"
    "  --help, --version\n");

/* Writes the tidy CSV beside the target and renames it into place. */
static assess_status write_csv(const assess_cohort_stats *s, const char *out, assess_diags *d)
{
    cli_out o;
    assess_status st = cli_out_open(&o, out, d);
    if (st != ASSESS_OK)
        return st;
    /* the survey questions' shares follow the scores' rows, in the same columns */
    assess_multi_stats *ms = NULL;
    if (s->item_q->nmultis && assess_multi_stats_compute(s, &ms) != ASSESS_OK) {
        cli_out_abort(&o);
        return ASSESS_ERR_NOMEM;
    }
    bool failed = assess_cohort_stats_write_csv(s, o.f) != ASSESS_OK ||
                  (ms && assess_multi_stats_write_csv(ms, o.f) != ASSESS_OK);
    assess_multi_stats_free(ms);
    if (failed) {
        int err = errno;
        cli_out_abort(&o);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), _("cannot write: %s"),
                         strerror(err));
        return ASSESS_ERR_IO;
    }
    return cli_out_commit(&o, d);
}

/* ## The command */

/* Reading a statewide folder takes a while: a count on a terminal. */
static void reading(size_t done, size_t total, void *ctx)
{
    (void)ctx;
    if (total > 20) {
        fputc('\r', stderr);
        fprintf(stderr, _n("reading %zu of %zu file", "reading %zu of %zu files", total), done,
                total);
    }
}

static const char *const usage_line =
    N_("usage: assess benchmark [-q Q] RESPONSES... -o FILE.csv|FILE.pdf|FILE.xlsx [--by COLUMN]...\n"
    "                        [--quiet]\n");

static int usage(const char *msg)
{
    return cli_usage_error("benchmark", usage_line, "%s", msg);
}

int cli_cmd_benchmark(int argc, char **argv)
{
    const char *qarg = NULL, *out = NULL, *cycle = NULL, *bands = NULL;
    const char *title = NULL, *brand_path = NULL, *lang = NULL;
    bool members = false, quiet = false;
    const char *min_text = NULL;
    char **inputs = calloc((size_t)argc, sizeof *inputs);
    char **by = calloc((size_t)argc, sizeof *by);
    int ninputs = 0, nby = 0, min_group = 0;
    int rc = CLI_FAILURE;
    if (inputs && by) {
        const cli_option opts[] = {
            {"--entity-column", &cli_entity_column_arg, NULL, NULL, NULL},
            {"-q", &qarg, NULL, NULL, NULL},          {"-o", &out, NULL, NULL, NULL},
            {"--cycle", &cycle, NULL, NULL, NULL},    {"--bands", &bands, NULL, NULL, NULL},
            {"--title", &title, NULL, NULL, NULL},    {"--brand", &brand_path, NULL, NULL, NULL},
            {"--members", NULL, &members, NULL, NULL}, {"--min-group", &min_text, NULL, NULL, NULL},
            {"--by", NULL, NULL, by, &nby},           {"--quiet", NULL, &quiet, NULL, NULL},
            {"--lang", &lang, NULL, NULL, NULL},
        };
        rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, inputs, &ninputs,
                               "benchmark", usage_line, usage_text);
        rc = rc < 0 ? 0 : rc == CLI_OK ? -1 : rc; /* -1: --help or --version answered */
    }
    if (!rc && nby > REPORT_REQUEST_BY_MAX)
        rc = usage(_("at most 16 --by columns"));
    if (!rc && min_text) {
        char *end;
        long v = strtol(min_text, &end, 10);
        if (*end || v < 1 || v > 1000000)
            rc = usage(_("--min-group takes a whole number of at least 1"));
        min_group = (int)v;
    }
    if (!rc && ninputs == 0)
        rc = usage(_("no RESPONSES given"));
    if (!rc && !out)
        rc = usage(_("-o FILE is required"));
    bool xlsx = out && cli_has_ext(out, ".xlsx");
    bool html = out && cli_has_ext(out, ".html");
    bool pdf = out && (cli_has_ext(out, ".pdf") || xlsx || html); /* a report_doc either way */
    if (!rc && strcmp(out, "-") != 0 && !cli_has_ext(out, ".csv") && !pdf)
        rc = usage(_("-o takes FILE.csv (or - for standard output), FILE.pdf, FILE.xlsx or FILE.html"));
    if (rc) {
        free(inputs);
        free(by);
        return rc < 0 ? CLI_OK : rc;
    }

    if (cli_inputs_spool(ninputs, inputs)) {
        free(inputs);
        free(by);
        return CLI_FAILURE;
    }
    assess_diags d;
    assess_diags_init(&d);
    bool tty = isatty(STDERR_FILENO);
    report_request rq = {.questionnaire = qarg,
                         .entity_column = cli_entity_column(),
                         .find = cli_questionnaire_load,
                         .nresponses = ninputs,
                         .responses = inputs,
                         .self_benchmark = true,
                         .cycle = cycle,
                         .brand_file = pdf ? brand_path : NULL,
                         .nby = (size_t)nby,
                         .by = (const char *const *)by,
                         .min_group_size = min_group,
                         .bands = bands,
                         .lang = lang,
                         .progress = tty && !quiet ? reading : NULL};
    assess_status st = report_request_load(&rq, &d);
    if (rq.progress)
        fprintf(stderr, "\r%*s\r", 40, "");
    cli_diags_print(&d, 0);
    size_t printed = d.count;
    if (st == ASSESS_OK && pdf) {
        state_options opt = {.title = title,
                             .lang = lang,
                             .created = (time_t)cli_now(),
                             .brand = &rq.look.look,
                             .list_members = members};
        report_doc *doc = state_report_new(rq.stats, &opt);
        st = !doc ? ASSESS_ERR_NOMEM : cli_report_write(doc, out, quiet, &d);
        doc_free(doc);
    } else if (st == ASSESS_OK) {
        st = write_csv(rq.stats, out, &d);
        if (st == ASSESS_OK && strcmp(out, "-") != 0)
            cli_wrote(out, quiet);
    }
    cli_diags_print(&d, printed);
    report_request_cleanup(&rq);
    assess_diags_cleanup(&d);
    free(inputs);
    free(by);
    return cli_exit_status(st);
}
