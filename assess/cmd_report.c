/*
 * cmd_report.c — `assess report`: one entity's improvement report.  The
 * content is composed once (reports/city.h) and handed to the renderer
 * the output's extension names.
 */
#include "cli.h"

#include "brand.h"
#include "city.h"
#include "pdf.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_line =
    "usage: assess report [-q Q] RESPONSES... -o FILE.pdf [--entity NAME] [--cycle C]\n"
    "                     [--brand FILE] [--lang L] [--prepared-for TEXT] [--prepared-by TEXT]\n";

static const char *const help_text =
    "usage: assess report [-q Q] RESPONSES... -o FILE.pdf [--entity NAME] [--cycle C]\n"
    "                     [--brand FILE] [--lang L] [--prepared-for TEXT] [--prepared-by TEXT]\n"
    "\n"
    "Writes an entity's improvement report: a cover, the results at a glance, a section\n"
    "per dimension with every item and its next step, the improvement plan by horizon,\n"
    "data gaps and disagreements, and an appendix on the method, resources and glossary.\n"
    "\n"
    "  -q Q              questionnaire folder, workbook or installed name\n"
    "  -o FILE.pdf       the report (replaced whole, or left alone on failure)\n"
    "  --entity NAME     which entity, when the responses hold several (any case)\n"
    "  --cycle C         which cycle (default: the entity's latest)\n"
    "  --brand FILE      a consultant's organisation, contact, colours and logo\n"
    "                    (KEY = VALUE lines; see docs/cli.md)\n"
    "  --lang L          use the questionnaire's translations into L (text::L columns)\n"
    "  --prepared-for T, --prepared-by T   lines on the cover\n"
    "  --help, --version\n"
    "\n"
    "With SOURCE_DATE_EPOCH set, the report is dated by it and two runs give identical files.\n";

typedef struct {
    const char *q, *out, *entity, *cycle, *brand, *lang, *prepared_for, *prepared_by;
    char **inputs;
    int ninputs;
} report_args;

static int parse_args(int argc, char **argv, report_args *a)
{
    static const char *const valued[] = {"-q",      "-o",     "--entity",       "--cycle",
                                         "--brand", "--lang", "--prepared-for", "--prepared-by"};
    const char **slots[] = {&a->q,     &a->out,  &a->entity,       &a->cycle,
                            &a->brand, &a->lang, &a->prepared_for, &a->prepared_by};
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--help")) {
            fputs(help_text, stdout);
            return CLI_OK;
        }
        if (!strcmp(s, "--version")) {
            printf("assess %s\n", ASSESS_VERSION);
            return CLI_OK;
        }
        size_t k = 0;
        while (k < sizeof valued / sizeof *valued && strcmp(s, valued[k]) != 0)
            k++;
        if (k < sizeof valued / sizeof *valued) {
            if (i + 1 >= argc)
                return cli_usage_error("report", usage_line, "%s needs a value", s);
            *slots[k] = argv[++i];
        } else if (s[0] == '-' && s[1]) {
            return cli_usage_error("report", usage_line, "unknown option %s", s);
        } else {
            a->inputs[a->ninputs++] = argv[i];
        }
    }
    if (a->ninputs == 0)
        return cli_usage_error("report", usage_line, "no RESPONSES given");
    if (!a->out)
        return cli_usage_error("report", usage_line, "-o FILE.pdf is required");
    if (!cli_has_ext(a->out, ".pdf"))
        return cli_usage_error("report", usage_line, "-o takes a .pdf file, not \"%s\"", a->out);
    return -1;
}

static assess_status write_pdf(const report_doc *doc, const char *out, assess_diags *d)
{
    char *tmp = cli_path_temp(out);
    if (!tmp) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), "cannot write here");
        return ASSESS_ERR_IO;
    }
    char err[512] = "";
    bool ok = pdf_render(doc, tmp, err, sizeof err) == 0;
    if (!ok)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), "%s", err);
    assess_status st = cli_path_commit(tmp, out, ok, d);
    free(tmp);
    return st;
}

int cli_cmd_report(int argc, char **argv)
{
    report_args a = {0};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    int rc = a.inputs ? parse_args(argc, argv, &a) : CLI_FAILURE;
    if (rc >= 0) {
        free(a.inputs);
        return rc;
    }

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    brand b;
    brand_init(&b);
    assess_result res;
    bool have_result = false;
    report_doc *doc = NULL;
    assess_status st = cli_responses_load(a.q, a.ninputs, a.inputs, &q, &r, &d);
    if (st == ASSESS_OK && a.brand)
        st = brand_load(&b, a.brand, &d);
    size_t which = ASSESS_NONE, printed = 0;
    if (st == ASSESS_OK) {
        cli_diags_print(&d, 0); /* warnings, before the question below */
        printed = d.count;
        which = cli_assessment_choose(r, a.entity, a.cycle, "report");
        if (which == ASSESS_NONE)
            st = ASSESS_ERR_USAGE;
    }
    if (st == ASSESS_OK) {
        st = assess_result_init(&res, q);
        have_result = st == ASSESS_OK;
    }
    if (st == ASSESS_OK) {
        assess_score_compute(r, which, &res);
        city_options opt = {.lang = a.lang,
                            .prepared_for = a.prepared_for,
                            .prepared_by = a.prepared_by,
                            .created = (time_t)cli_now(),
                            .brand = &b.look};
        doc = city_report_new(r, &res, &opt);
        if (!doc)
            st = ASSESS_ERR_NOMEM;
    }
    cli_diags_print(&d, printed);
    printed = d.count;
    if (st == ASSESS_OK)
        st = write_pdf(doc, a.out, &d);
    cli_diags_print(&d, printed);
    doc_free(doc);
    if (have_result)
        assess_result_cleanup(&res);
    brand_cleanup(&b);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    free(a.inputs);
    return cli_exit_status(st);
}
