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
    N_("usage: assess report [-q Q] RESPONSES... -o FILE.pdf|FILE.xlsx [--entity NAME]\n"
    "                     [--cycle C] [--benchmark COHORT]... [--peer-column C]\n"
    "                     [--previous RESPONSES]... [--compare-with ENTITY] [--brand FILE]\n"
    "                     [--lang L] [--prepared-for TEXT] [--prepared-by TEXT]\n"
    "                     [--commentary FILE.md] [--quiet]\n"
    "                     [--public | --public=no-notes]\n"
    "       assess report --batch COHORT... -o DIR/ [-j N] ... (assess report --batch --help)\n");

static const char *const help_text =
    N_("usage: assess report [-q Q] RESPONSES... -o FILE.pdf|FILE.xlsx [--entity NAME]\n"
    "                     [--cycle C] [--benchmark COHORT]... [--peer-column C]\n"
    "                     [--previous RESPONSES]... [--compare-with ENTITY] [--brand FILE]\n"
    "                     [--lang L] [--prepared-for TEXT] [--prepared-by TEXT]\n"
    "                     [--commentary FILE.md] [--quiet]\n"
    "                     [--public | --public=no-notes]\n"
    "       assess report --batch COHORT... -o DIR/ [-j N] ... (assess report --batch --help)\n"
    "\n"
    "Writes an entity's improvement report: a cover, the results at a glance, a section\n"
    "per dimension with every item and its next step, the improvement plan by horizon,\n"
    "data gaps and disagreements, and an appendix on the method, resources and glossary.\n"
    "FILE.xlsx holds the same results as sheets to sort, filter and plan in: Summary (with\n"
    "charts), Commentary (with --commentary), Items, Plan (Owner, Start, Due and Status to\n"
    "fill in), Resources, Glossary.\n"
    "With --batch, writes the report of every entity in a cohort instead (-j workers).\n"
    "\n"
    "  RESPONSES         responses files (CSV or XLSX) or folders of them; - reads\n"
    "                    standard input\n"
    "  -q Q              questionnaire folder, workbook or installed name (default: the\n"
    "                    responses' questionnaire column, else gare-local)\n"
    "  -o FILE.pdf|FILE.xlsx|FILE.html  the report (replaced whole, or left alone on\n"
    "                    failure); FILE.html is one accessible, self-contained web page\n"
    "  --entity NAME     which entity, when the responses hold several (any case)\n"
    "  --cycle C         which cycle (default: the entity's latest)\n"
    "  --benchmark COHORT  responses of many entities (files or folders, repeatable): adds\n"
    "                    \"How you compare\" with the cohort, the entity's --peer-column group\n"
    "                    and its population size band, and percentile ranks\n"
    "  --peer-column C   the metadata column that names peer groups (default: region,\n"
    "                    when the cohort has it; a column named here must exist)\n"
    "  --previous RESPONSES  the entity's earlier assessment, for its change since then\n"
    "                    (without it, an earlier cycle in RESPONSES is used when there is one)\n"
    "  --compare-with ENTITY  one peer entity (from the benchmark or RESPONSES) beside it\n"
    "  --brand FILE      a consultant's look: lines of KEY = VALUE with the keys\n"
    "                    organization, contact, alternate_formats (how to ask for another\n"
    "                    format), primary and accent (#RRGGBB colours) and logo (a PNG\n"
    "                    file, relative to the brand file); # starts a comment\n"
    "  --lang L          use the questionnaire's translations into L (text::L columns)\n"
    "  --prepared-for TEXT, --prepared-by TEXT   lines on the cover\n"
    "  --commentary FILE.md  a consultant's words (CommonMark): \"# Executive summary\"\n"
    "                    after the cover, \"# DIMENSION\" (id or label) at the start of its\n"
    "                    section; in the PDF and as the workbook's Commentary sheet\n"
    "  --public          the public edition, to post: without respondents' names, how each\n"
    "                    person answered and their disagreements (default: the team edition)\n"
    "  --public=no-notes the public edition without evidence and notes too\n"
    "  --quiet           say nothing on success (else \"wrote FILE: N pages\" on stderr)\n"
    "  --entity-column NAME  the column that names the entity when it is not \"entity\"\n"
    "                    (docs/odk.md)\n"
    "  --help, --version\n"
    "\n"
    "With SOURCE_DATE_EPOCH set, the report is dated by it and two runs give identical files.\n"
    "Exit status: 0 written, 1 invalid input, 2 usage (which entity or cycle, a column that\n"
    "does not exist), 3 input/output failure.\n");

typedef struct {
    const char *q, *out, *entity, *cycle, *brand, *lang, *prepared_for, *prepared_by;
    const char *commentary;
    const char *peer, *peer_column;
    bool quiet, public, public_no_notes;
    char **inputs, **cohort, **previous;
    int ninputs, ncohort, nprevious;
} report_args;

static int parse_args(int argc, char **argv, report_args *a)
{
    const cli_option opts[] = {
        {"--entity-column", &cli_entity_column_arg, NULL, NULL, NULL},
        {"-q", &a->q, NULL, NULL, NULL},
        {"-o", &a->out, NULL, NULL, NULL},
        {"--entity", &a->entity, NULL, NULL, NULL},
        {"--cycle", &a->cycle, NULL, NULL, NULL},
        {"--brand", &a->brand, NULL, NULL, NULL},
        {"--lang", &a->lang, NULL, NULL, NULL},
        {"--prepared-for", &a->prepared_for, NULL, NULL, NULL},
        {"--prepared-by", &a->prepared_by, NULL, NULL, NULL},
        {"--commentary", &a->commentary, NULL, NULL, NULL},
        {"--compare-with", &a->peer, NULL, NULL, NULL},
        {"--peer-column", &a->peer_column, NULL, NULL, NULL},
        {"--quiet", NULL, &a->quiet, NULL, NULL},
        {"--public", NULL, &a->public, NULL, NULL},
        {"--public=no-notes", NULL, &a->public_no_notes, NULL, NULL},
        {"--benchmark", NULL, NULL, a->cohort, &a->ncohort},
        {"--previous", NULL, NULL, a->previous, &a->nprevious},
    };
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, a->inputs,
                               &a->ninputs, "report", usage_line, help_text);
    if (rc >= 0)
        return rc;
    if (a->ninputs == 0)
        return cli_usage_error("report", usage_line, _("no RESPONSES given"));
    if (!a->out)
        return cli_usage_error("report", usage_line, _("-o FILE.pdf or -o FILE.xlsx is required"));
    if (a->peer_column && a->ncohort == 0)
        return cli_usage_error("report", usage_line,
                               _("--peer-column names the benchmark's groups: give --benchmark "
                               "COHORT too"));
    if (!cli_has_ext(a->out, ".pdf") && !cli_has_ext(a->out, ".xlsx") &&
        !cli_has_ext(a->out, ".html"))
        return cli_usage_error("report", usage_line,
                               _("-o takes a .pdf, .xlsx or .html file, not \"%s\""), a->out);
    return -1;
}

int cli_cmd_report(int argc, char **argv)
{
    report_args a = {0};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.cohort = calloc((size_t)argc, sizeof *a.cohort);
    a.previous = calloc((size_t)argc, sizeof *a.previous);
    int rc = a.inputs && a.cohort && a.previous ? parse_args(argc, argv, &a) : CLI_FAILURE;
    if (rc < 0)
        rc = cli_inputs_spool(a.ninputs, a.inputs) || cli_inputs_spool(a.ncohort, a.cohort) ||
                     cli_inputs_spool(a.nprevious, a.previous)
                 ? CLI_FAILURE
                 : -1;
    if (rc >= 0) {
        free(a.inputs);
        free(a.cohort);
        free(a.previous);
        return rc;
    }

    assess_diags d;
    assess_diags_init(&d);
    report_request rq = {.questionnaire = a.q,
                         .entity_column = cli_entity_column(),
                         .find = cli_questionnaire_load,
                         .nresponses = a.ninputs,
                         .responses = a.inputs,
                         .nbenchmark = a.ncohort,
                         .benchmark = a.cohort,
                         .nprevious = a.nprevious,
                         .previous = a.previous,
                         .one = true,
                         .entity = a.entity,
                         .cycle = a.cycle,
                         .compare_with = a.peer,
                         .brand_file = a.brand,
                         .commentary_file = a.commentary,
                         .lang = a.lang,
                         .edition = a.public_no_notes ? REPORT_EDITION_PUBLIC_NO_NOTES
                                    : a.public        ? REPORT_EDITION_PUBLIC
                                                      : REPORT_EDITION_TEAM,
                         .peer_column = a.peer_column ? a.peer_column : "region",
                         .peer_column_optional = !a.peer_column};
    report_subject subject = {0};
    report_doc *doc = NULL;
    assess_status st = report_request_load(&rq, &d);
    if (st == ASSESS_OK)
        st = report_request_subject(&rq, rq.which, &subject, &d);
    if (st == ASSESS_OK) {
        city_options opt = report_request_city_options(&rq, &subject);
        opt.prepared_for = a.prepared_for;
        opt.prepared_by = a.prepared_by;
        opt.created = (time_t)cli_now();
        if (!(doc = city_report_new(rq.r, subject.result, &opt)))
            st = ASSESS_ERR_NOMEM;
    }
    cli_diags_print(&d, 0);
    size_t printed = d.count;
    if (st == ASSESS_OK)
        st = cli_report_write(doc, a.out, a.quiet, &d);
    cli_diags_print(&d, printed);
    doc_free(doc);
    report_subject_cleanup(&subject);
    report_request_cleanup(&rq);
    assess_diags_cleanup(&d);
    free(a.inputs);
    free(a.cohort);
    free(a.previous);
    return cli_exit_status(st);
}
