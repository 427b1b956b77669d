/*
 * cmd_report.c — `assess report`: one entity's improvement report.  The
 * content is composed once (reports/city.h) and handed to the renderer
 * the output's extension names.
 */
#include "cli.h"

#include "assess-report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const usage_line =
    "usage: assess report [-q Q] RESPONSES... -o FILE.pdf|FILE.xlsx [--entity NAME]\n"
    "                     [--cycle C] [--benchmark COHORT] [--previous RESPONSES]\n"
    "                     [--compare-with ENTITY] [--brand FILE] [--lang L]\n"
    "                     [--prepared-for TEXT] [--prepared-by TEXT]\n";

static const char *const help_text =
    "usage: assess report [-q Q] RESPONSES... -o FILE.pdf|FILE.xlsx [--entity NAME]\n"
    "                     [--cycle C] [--benchmark COHORT] [--previous RESPONSES]\n"
    "                     [--compare-with ENTITY] [--brand FILE] [--lang L]\n"
    "                     [--prepared-for TEXT] [--prepared-by TEXT]\n"
    "\n"
    "Writes an entity's improvement report: a cover, the results at a glance, a section\n"
    "per dimension with every item and its next step, the improvement plan by horizon,\n"
    "data gaps and disagreements, and an appendix on the method, resources and glossary.\n"
    "FILE.xlsx holds the same results as sheets to sort, filter and plan in: Summary (with\n"
    "charts), Items, Plan (Owner, Start, Due and Status to fill in), Resources, Glossary.\n"
    "\n"
    "  -q Q              questionnaire folder, workbook or installed name\n"
    "  -o FILE.pdf|FILE.xlsx  the report (replaced whole, or left alone on failure)\n"
    "  --entity NAME     which entity, when the responses hold several (any case)\n"
    "  --cycle C         which cycle (default: the entity's latest)\n"
    "  --benchmark COHORT  responses of many entities (files or folders, repeatable): adds\n"
    "                    \"How you compare\" with the cohort, the entity's --peer-column group\n"
    "                    and its population size band, and percentile ranks\n"
    "  --peer-column C   the metadata column that names peer groups (default: region)\n"
    "  --previous RESPONSES  the entity's earlier assessment, for its change since then\n"
    "                    (without it, an earlier cycle in RESPONSES is used when there is one)\n"
    "  --compare-with ENTITY  one peer entity (from the benchmark or RESPONSES) beside it\n"
    "  --brand FILE      a consultant's organisation, contact, colours and logo\n"
    "                    (KEY = VALUE lines; see docs/cli.md)\n"
    "  --lang L          use the questionnaire's translations into L (text::L columns)\n"
    "  --prepared-for T, --prepared-by T   lines on the cover\n"
    "  --help, --version\n"
    "\n"
    "With SOURCE_DATE_EPOCH set, the report is dated by it and two runs give identical files.\n";

typedef struct {
    const char *q, *out, *entity, *cycle, *brand, *lang, *prepared_for, *prepared_by;
    const char *peer, *peer_column;
    char **inputs, **cohort, **previous;
    int ninputs, ncohort, nprevious;
} report_args;

static int parse_args(int argc, char **argv, report_args *a)
{
    const cli_option opts[] = {
        {"-q", &a->q, NULL, NULL, NULL},
        {"-o", &a->out, NULL, NULL, NULL},
        {"--entity", &a->entity, NULL, NULL, NULL},
        {"--cycle", &a->cycle, NULL, NULL, NULL},
        {"--brand", &a->brand, NULL, NULL, NULL},
        {"--lang", &a->lang, NULL, NULL, NULL},
        {"--prepared-for", &a->prepared_for, NULL, NULL, NULL},
        {"--prepared-by", &a->prepared_by, NULL, NULL, NULL},
        {"--compare-with", &a->peer, NULL, NULL, NULL},
        {"--peer-column", &a->peer_column, NULL, NULL, NULL},
        {"--benchmark", NULL, NULL, a->cohort, &a->ncohort},
        {"--previous", NULL, NULL, a->previous, &a->nprevious},
    };
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, a->inputs,
                               &a->ninputs, "report", usage_line, help_text);
    if (rc >= 0)
        return rc;
    if (a->ninputs == 0)
        return cli_usage_error("report", usage_line, "no RESPONSES given");
    if (!a->out)
        return cli_usage_error("report", usage_line, "-o FILE.pdf or -o FILE.xlsx is required");
    if (!cli_has_ext(a->out, ".pdf") && !cli_has_ext(a->out, ".xlsx"))
        return cli_usage_error("report", usage_line, "-o takes a .pdf or .xlsx file, not \"%s\"",
                               a->out);
    return -1;
}

/* Renders through report_render to a temporary file beside out, then
 * moves it into place: no half-written report under out's name. */
static assess_status write_report(const report_doc *doc, report_format format, const char *out,
                                  assess_diags *d)
{
    char *tmp = cli_path_temp(out);
    if (!tmp) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), "cannot write here");
        return ASSESS_ERR_IO;
    }
    bool ok = report_render(doc, format, tmp, out, d) == ASSESS_OK;
    assess_status st = cli_path_commit(tmp, out, ok, d);
    free(tmp);
    return st;
}

assess_status cli_pdf_write(const report_doc *doc, const char *out, assess_diags *d)
{
    return write_report(doc, REPORT_PDF, out, d);
}

assess_status cli_xlsx_write(const report_doc *doc, const char *out, assess_diags *d)
{
    return write_report(doc, REPORT_XLSX, out, d);
}

int cli_cmd_report(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--batch"))
            return cli_cmd_report_batch(argc, argv);
    report_args a = {.peer_column = "region"};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.cohort = calloc((size_t)argc, sizeof *a.cohort);
    a.previous = calloc((size_t)argc, sizeof *a.previous);
    int rc = a.inputs && a.cohort && a.previous ? parse_args(argc, argv, &a) : CLI_FAILURE;
    if (rc >= 0) {
        free(a.inputs);
        free(a.cohort);
        free(a.previous);
        return rc;
    }

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    report_brand b;
    brand_init(&b);
    assess_result *res = NULL;
    report_doc *doc = NULL;
    cli_benchmark bench = {0};
    cli_sets prev_sets = {0}; /* --previous: each file with its own version */
    const assess_responses *prev_r = NULL;
    assess_result *prev = NULL, *peer = NULL;
    assess_cohort_rank *ranks = NULL;
    assess_status st = cli_responses_load(a.q, a.ninputs, a.inputs, &q, &r, &d);
    if (st == ASSESS_OK)
        cli_lang_check(q, a.lang);
    if (st == ASSESS_OK && a.brand)
        st = brand_load(&b, a.brand, &d);
    if (st == ASSESS_OK && a.ncohort)
        st = cli_benchmark_load(&bench, q, a.ncohort, a.cohort, &d);
    if (st == ASSESS_OK && a.nprevious) {
        size_t errors = d.errors;
        char **files = NULL;
        size_t nfiles = 0;
        st = cli_inputs_expand(a.nprevious, a.previous, &files, &nfiles, &d);
        if (st == ASSESS_OK)
            st = cli_sets_read_or(q->path, files, nfiles, &prev_sets, &d);
        cli_inputs_free(files, nfiles);
        if (st == ASSESS_OK && d.errors > errors)
            st = ASSESS_ERR_INVALID;
    }
    size_t which = ASSESS_NONE, printed = 0;
    if (st == ASSESS_OK) {
        cli_diags_print(&d, 0); /* warnings, before the question below */
        printed = d.count;
        which = cli_assessment_choose(r, a.entity, a.cycle, "report");
        if (which == ASSESS_NONE)
            st = ASSESS_ERR_USAGE;
    }
    if (st == ASSESS_OK)
        st = cli_result_new(r, which, &res);
    if (st == ASSESS_OK) {
        const assess_assessment *now = &r->assessments[which];
        if (bench.cohort)
            st = cli_benchmark_stats(&bench, now->cycle, a.peer_column, &d);
        if (st == ASSESS_OK && bench.stats) {
            ranks = calloc(bench.cohort->nmeasures, sizeof *ranks);
            if (!ranks)
                st = ASSESS_ERR_NOMEM;
            else
                assess_cohort_ranks(bench.cohort, bench.stats->cycle_index, res, 0, ranks);
        }
        /* the entity's latest earlier assessment, whichever version it
         * answered; a change across versions is on the shared questions */
        size_t pk = ASSESS_NONE;
        for (size_t k = 0; st == ASSESS_OK && k < prev_sets.n; k++) {
            size_t x = cli_previous_find(prev_sets.r[k], now);
            if (x != ASSESS_NONE &&
                (pk == ASSESS_NONE ||
                 assess_cohort_cycle_cmp(prev_sets.r[k]->assessments[x].cycle,
                                         prev_r->assessments[pk].cycle) > 0)) {
                pk = x;
                prev_r = prev_sets.r[k];
            }
        }
        if (a.nprevious && !prev_r)
            prev_r = prev_sets.n ? prev_sets.r[0] : NULL;
        const assess_responses *pr = prev_r ? prev_r : r;
        if (!prev_r && st == ASSESS_OK)
            pk = cli_previous_find(pr, now);
        if (prev_r && pk == ASSESS_NONE && st == ASSESS_OK) {
            fprintf(stderr, "assess report: --previous holds no earlier assessment of \"%s\"\n",
                    now->entity);
            st = ASSESS_ERR_USAGE;
        }
        if (st == ASSESS_OK && pk != ASSESS_NONE)
            st = cli_result_new(pr, pk, &prev);
        if (st == ASSESS_OK && a.peer) {
            size_t k = cli_peer_find(bench.r, a.peer, bench.stats ? bench.stats->cycle : NULL);
            const assess_responses *from = bench.r;
            if (k == ASSESS_NONE) {
                k = cli_peer_find(r, a.peer, now->cycle);
                from = r;
            }
            if (k == ASSESS_NONE) {
                fprintf(stderr, "assess report: --compare-with: no assessment of \"%s\" in "
                                "the responses or the benchmark\n",
                        a.peer);
                st = ASSESS_ERR_USAGE;
            } else {
                st = cli_result_new(from, k, &peer);
            }
        }
        city_options opt = {.lang = a.lang,
                            .prepared_for = a.prepared_for,
                            .prepared_by = a.prepared_by,
                            .created = (time_t)cli_now(),
                            .brand = &b.look,
                            .benchmark = bench.stats,
                            .ranks = ranks,
                            .region_column = a.peer_column,
                            .previous = prev,
                            .peer = peer};
        if (st == ASSESS_OK && !(doc = city_report_new(r, res, &opt)))
            st = ASSESS_ERR_NOMEM;
    }
    cli_diags_print(&d, printed);
    printed = d.count;
    if (st == ASSESS_OK)
        st = cli_has_ext(a.out, ".xlsx") ? cli_xlsx_write(doc, a.out, &d)
                                         : cli_pdf_write(doc, a.out, &d);
    cli_diags_print(&d, printed);
    doc_free(doc);
    free(ranks);
    cli_result_free(prev);
    cli_result_free(peer);
    cli_sets_cleanup(&prev_sets);
    cli_benchmark_cleanup(&bench);
    cli_result_free(res);
    brand_cleanup(&b);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    free(a.inputs);
    free(a.cohort);
    free(a.previous);
    return cli_exit_status(st);
}
