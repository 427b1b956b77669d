/*
 * cmd_benchmark.c — `assess benchmark`: reads the submissions of many
 * entities (files and folders), builds the cohort and writes the
 * statistics of DESIGN §5 as a tidy CSV.  The figures come from the
 * engine (assess.h, "Benchmark cohorts"); this file only gathers inputs and writes rows.
 */
#define _POSIX_C_SOURCE 200809L /* isatty */

#include "cli.h"

#include "assess-report.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#define BY_MAX 16

static const char *const usage_text =
    "usage: assess benchmark [-q Q] RESPONSES... -o FILE.csv|FILE.pdf|FILE.xlsx\n"
    "                        [--by COLUMN]... [--cycle C] [--min-group N] [--bands LIST]\n"
    "                        [--title TEXT] [--brand FILE] [--members]\n"
    "\n"
    "Statewide benchmarks of many submissions (DESIGN §5, docs/benchmark.md): the whole\n"
    "cohort, each group of a metadata column and each population size band, with the\n"
    "change since the previous cycle, written as a tidy CSV (cycle, group_by, group,\n"
    "measure, statistic, value), as the statewide PDF report, or as a workbook (Overview,\n"
    "Scores, Items, Training needs, Change and Members sheets).\n"
    "\n"
    "  RESPONSES        responses files, or folders (every .csv and .xlsx inside, by name)\n"
    "  -q Q             questionnaire folder, workbook or installed name\n"
    "  -o FILE          FILE.csv (or - for standard output), FILE.pdf or FILE.xlsx\n"
    "  --by COLUMN      also group by this metadata column (repeatable), e.g. region\n"
    "  --cycle C        the cycle to describe (default: the latest)\n"
    "  --min-group N    show no figures for groups or measures with fewer than N values\n"
    "                   (default: the questionnaire's min_group_size)\n"
    "  --bands LIST     population size bands as upper bounds, e.g. 10000,50000,100000\n"
    "  --title TEXT     the PDF cover's name for the cohort, e.g. the league's name\n"
    "  --brand FILE     the PDF's (and workbook's) organisation, contact, colours and logo\n"
    "                   (docs/cli.md)\n"
    "  --members        add a table of every entity's scores to the PDF (a Members sheet\n"
    "                   to the workbook)\n"
    "  --help, --version\n";

/* Writes the tidy CSV beside the target and renames it into place. */
static assess_status write_csv(const assess_cohort_stats *s, const char *out, assess_diags *d)
{
    cli_out o;
    assess_status st = cli_out_open(&o, out, d);
    if (st != ASSESS_OK)
        return st;
    if (assess_cohort_stats_write_csv(s, o.f) != ASSESS_OK) {
        int err = errno;
        cli_out_abort(&o);
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), "cannot write: %s",
                         strerror(err));
        return ASSESS_ERR_IO;
    }
    return cli_out_commit(&o, d);
}

/* ## The command */

static const char *const usage_line =
    "usage: assess benchmark [-q Q] RESPONSES... -o FILE.csv|FILE.pdf|FILE.xlsx [--by COLUMN]...\n";

static int usage(const char *msg)
{
    return cli_usage_error("benchmark", usage_line, "%s", msg);
}

int cli_cmd_benchmark(int argc, char **argv)
{
    const char *qarg = NULL, *out = NULL, *cycle = NULL, *bands = NULL;
    const char *title = NULL, *brand_path = NULL;
    bool members = false;
    const char *min_text = NULL;
    char **inputs = calloc((size_t)argc, sizeof *inputs);
    char **by = calloc((size_t)argc, sizeof *by);
    int ninputs = 0, nby = 0, min_group = 0;
    int rc = CLI_FAILURE;
    if (inputs && by) {
        const cli_option opts[] = {
            {"-q", &qarg, NULL, NULL, NULL},          {"-o", &out, NULL, NULL, NULL},
            {"--cycle", &cycle, NULL, NULL, NULL},    {"--bands", &bands, NULL, NULL, NULL},
            {"--title", &title, NULL, NULL, NULL},    {"--brand", &brand_path, NULL, NULL, NULL},
            {"--members", NULL, &members, NULL, NULL}, {"--min-group", &min_text, NULL, NULL, NULL},
            {"--by", NULL, NULL, by, &nby},
        };
        rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, inputs, &ninputs,
                               "benchmark", usage_line, usage_text);
        rc = rc < 0 ? 0 : rc == CLI_OK ? -1 : rc; /* -1: --help or --version answered */
    }
    if (!rc && nby > BY_MAX)
        rc = usage("at most 16 --by columns");
    if (!rc && min_text) {
        char *end;
        long v = strtol(min_text, &end, 10);
        if (*end || v < 1 || v > 1000000)
            rc = usage("--min-group takes a whole number of at least 1");
        min_group = (int)v;
    }
    if (!rc && ninputs == 0)
        rc = usage("no RESPONSES given");
    if (!rc && !out)
        rc = usage("-o FILE is required");
    bool xlsx = out && cli_has_ext(out, ".xlsx");
    bool pdf = out && (cli_has_ext(out, ".pdf") || xlsx); /* a report_doc either way */
    if (!rc && strcmp(out, "-") != 0 && !cli_has_ext(out, ".csv") && !pdf)
        rc = usage("-o takes FILE.csv (or - for standard output), FILE.pdf or FILE.xlsx");
    if (rc) {
        free(inputs);
        free(by);
        return rc < 0 ? CLI_OK : rc;
    }

    assess_diags d;
    assess_diags_init(&d);
    char **files = NULL;
    size_t nfiles = 0;
    cli_sets sets = {0};
    assess_cohort *c = NULL;
    assess_cohort_stats *s = NULL;
    assess_status st = ASSESS_OK;
    rc = cli_exit_status(cli_inputs_expand(ninputs, inputs, &files, &nfiles, &d));
    free(inputs);
    bool progress = !rc && nfiles > 20 && isatty(STDERR_FILENO);
    if (progress)
        fprintf(stderr, "reading %zu files", nfiles);
    /* each file with its own questionnaire version; an invalid file, or
     * one past a limit, is reported and the others still read, so that
     * every problem shows at once */
    if (!rc)
        rc = cli_exit_status(cli_sets_read(qarg, files, nfiles, &sets, &d));
    if (progress)
        fprintf(stderr, "\r%*s\r", 40, "");
    if (!rc && (d.errors || sets.n == 0))
        rc = 1;
    if (!rc) {
        st = assess_cohort_build_sets((const assess_responses *const *)sets.r, sets.n, &c, &d);
        rc = cli_exit_status(st);
    }
    if (!rc) {
        assess_cohort_spec spec = {.cycle = cycle,
                                   .nby = nby,
                                   .by = (const char *const *)by,
                                   .min_group_size = min_group,
                                   .bands = bands};
        st = assess_cohort_stats_compute(c, &spec, &s, &d);
        rc = cli_exit_status(st);
    }
    cli_diags_print(&d, 0);
    size_t printed = d.count;
    report_brand b;
    brand_init(&b);
    if (!rc && pdf && brand_path)
        rc = cli_exit_status(brand_load(&b, brand_path, &d));
    if (!rc && pdf) {
        state_options opt = {.title = title,
                             .created = (time_t)cli_now(),
                             .brand = &b.look,
                             .list_members = members};
        report_doc *doc = state_report_new(s, &opt);
        rc = !doc ? CLI_FAILURE
             : xlsx ? cli_exit_status(cli_xlsx_write(doc, out, &d))
                    : cli_exit_status(cli_pdf_write(doc, out, &d));
        doc_free(doc);
    } else if (!rc) {
        rc = cli_exit_status(write_csv(s, out, &d));
    }
    brand_cleanup(&b);
    cli_diags_print(&d, printed);
    assess_cohort_stats_free(s);
    assess_cohort_free(c);
    cli_sets_cleanup(&sets);
    cli_inputs_free(files, nfiles);
    assess_diags_cleanup(&d);
    free(by);
    return rc;
}
