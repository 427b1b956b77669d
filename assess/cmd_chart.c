/*
 * cmd_chart.c — `assess chart`: one chart of a city's report as a PNG or
 * SVG file, for slides and newsletters.  The figure is the one the PDF
 * report draws (reports/figures.h).
 */
#include "cli.h"

#include "assess-report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const usage_line =
    N_("usage: assess chart [-q Q] RESPONSES --kind KIND -o FILE.png|FILE.svg [--dimension ID]\n"
    "                    [--entity NAME] [--cycle C] [--benchmark COHORT]... [--brand FILE]\n"
    "                    [--size WxH] [--lang L] [--quiet]\n");

static const char *const help_text =
    N_("usage: assess chart [-q Q] RESPONSES --kind KIND -o FILE.png|FILE.svg [--dimension ID]\n"
    "                    [--entity NAME] [--cycle C] [--benchmark COHORT]... [--brand FILE]\n"
    "                    [--size WxH] [--lang L] [--quiet]\n"
    "\n"
    "Draws one chart of an entity's scores, as in its report.  KIND is one of:\n"
    "  radar         the dimension scores (bars when there are fewer than 3 or more than 12)\n"
    "  themes        theme scores as bars, coloured by stage (of one --dimension, or all)\n"
    "  items         item scores of one --dimension as bars\n"
    "  levels        per dimension, the share of items at each answer level\n"
    "  benchmark     dimension bars with the --benchmark cohort's median and middle half\n"
    "  distribution  box plots of the --benchmark cohort, the entity as a point\n"
    "  trend         the entity's scores across every cycle in RESPONSES\n"
    "\n"
    "  RESPONSES       responses files or folders; - reads standard input\n"
    "  -q Q            questionnaire folder, workbook or installed name\n"
    "  -o FILE         the chart, FILE.png or FILE.svg\n"
    "  --kind KIND     which chart (above)\n"
    "  --dimension ID  the dimension of a themes or items chart\n"
    "  --entity NAME   which entity, when the responses hold several (its latest cycle\n"
    "                  unless --cycle says)\n"
    "  --cycle C       which cycle\n"
    "  --benchmark COHORT  responses of many entities (files or folders, repeatable), for\n"
    "                  the benchmark and distribution charts\n"
    "  --size WxH      the chart's size in points (default 480x360); PNG has 2 pixels a point\n"
    "  --brand FILE    a consultant's colours (the primary and accent keys of a brand file;\n"
    "                  see assess report --help)\n"
    "  --lang L        use the questionnaire's translations into L\n"
    "  --quiet         say nothing on success (else \"wrote FILE\" on stderr)\n"
    "  --entity-column NAME  the column that names the entity when it is not \"entity\"\n"
    "                    (docs/odk.md)\n"
    "  --help, --version\n");

typedef struct {
    const char *q, *out, *kind, *dimension, *entity, *cycle, *brand, *size, *lang;
    bool quiet;
    char **inputs, **cohort;
    int ninputs, ncohort;
} chart_args;

static int parse_args(int argc, char **argv, chart_args *a)
{
    const cli_option opts[] = {
        {"--entity-column", &cli_entity_column_arg, NULL, NULL, NULL},
        {"-q", &a->q, NULL, NULL, NULL},           {"-o", &a->out, NULL, NULL, NULL},
        {"--kind", &a->kind, NULL, NULL, NULL},     {"--dimension", &a->dimension, NULL, NULL, NULL},
        {"--entity", &a->entity, NULL, NULL, NULL}, {"--cycle", &a->cycle, NULL, NULL, NULL},
        {"--brand", &a->brand, NULL, NULL, NULL},   {"--size", &a->size, NULL, NULL, NULL},
        {"--lang", &a->lang, NULL, NULL, NULL},     {"--benchmark", NULL, NULL, a->cohort, &a->ncohort},
        {"--quiet", NULL, &a->quiet, NULL, NULL},
    };
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, a->inputs,
                               &a->ninputs, "chart", usage_line, help_text);
    if (rc >= 0)
        return rc;
    if (a->ninputs == 0)
        return cli_usage_error("chart", usage_line, _("no RESPONSES given"));
    if (!a->kind)
        return cli_usage_error("chart", usage_line, _("--kind is required"));
    if (report_figure_kind_parse(a->kind) < 0)
        return cli_usage_error("chart", usage_line,
                               _("--kind takes radar, themes, items, levels, benchmark, "
                               "distribution or trend, not \"%s\""),
                               a->kind);
    int kind = report_figure_kind_parse(a->kind);
    if ((kind == REPORT_FIGURE_BENCHMARK || kind == REPORT_FIGURE_DISTRIBUTION) && !a->ncohort)
        return cli_usage_error("chart", usage_line, _("--kind %s needs --benchmark COHORT"),
                               a->kind);
    if (!a->out)
        return cli_usage_error("chart", usage_line, _("-o FILE.png or FILE.svg is required"));
    if (!cli_has_ext(a->out, ".png") && !cli_has_ext(a->out, ".svg"))
        return cli_usage_error("chart", usage_line, _("-o takes a .png or .svg file, not \"%s\""),
                               a->out);
    return -1;
}

static bool parse_size(const char *s, double *w, double *h)
{
    char *end;
    *w = strtod(s, &end);
    if (*end != 'x' && *end != 'X')
        return false;
    *h = strtod(end + 1, &end);
    return !*end && *w >= 100 && *w <= 4000 && *h >= 100 && *h <= 4000;
}

/* The entity's assessments in every cycle, oldest first, scored. */
static int build_trend(report_figure *fig, const assess_responses *r, size_t which,
                       const char *lang)
{
    const char *entity = r->assessments[which].entity;
    size_t n = 0;
    size_t *idx = calloc(r->nassessments, sizeof *idx);
    assess_result **res = calloc(r->nassessments, sizeof *res);
    int built = idx && res ? 0 : -1;
    for (size_t k = 0; built == 0 && k < r->nassessments; k++) {
        if (strcasecmp(r->assessments[k].entity, entity) != 0)
            continue;
        size_t at = n++; /* insertion by cycle */
        while (at > 0 && assess_cohort_cycle_cmp(r->assessments[idx[at - 1]].cycle,
                                                 r->assessments[k].cycle) > 0) {
            idx[at] = idx[at - 1];
            at--;
        }
        idx[at] = k;
    }
    for (size_t k = 0; built == 0 && k < n; k++)
        if (report_request_result(r, idx[k], &res[k]) != ASSESS_OK)
            built = -1;
    if (built == 0)
        built = report_figure_trend(fig, (const assess_result *const *)res, n, lang);
    for (size_t k = 0; res && k < n; k++)
        report_request_result_free(res[k]);
    free(res);
    free(idx);
    return built;
}

int cli_cmd_chart(int argc, char **argv)
{
    chart_args a = {0};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    a.cohort = calloc((size_t)argc, sizeof *a.cohort);
    int rc = a.inputs && a.cohort ? parse_args(argc, argv, &a) : CLI_FAILURE;
    double w = 480, h = 360;
    if (rc < 0 && a.size && !parse_size(a.size, &w, &h))
        rc = cli_usage_error("chart", usage_line,
                             _("--size takes WIDTHxHEIGHT in points, each 100–4000, not \"%s\""),
                             a.size);
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
    report_request rq = {.questionnaire = a.q,
                         .entity_column = cli_entity_column(),
                         .find = cli_questionnaire_load,
                         .nresponses = a.ninputs,
                         .responses = a.inputs,
                         .nbenchmark = a.ncohort,
                         .benchmark = a.cohort,
                         .one = true,
                         .entity = a.entity,
                         .cycle = a.cycle,
                         .brand_file = a.brand,
                         .lang = a.lang};
    assess_result *res = NULL;
    report_figure *fig = report_figure_new();
    assess_status st = fig ? report_request_load(&rq, &d) : ASSESS_ERR_NOMEM;
    const assess_questionnaire *q = rq.q;
    const assess_responses *r = rq.r;
    size_t dim = ASSESS_NONE;
    report_figure_kind kind = (report_figure_kind)report_figure_kind_parse(a.kind);
    if (st == ASSESS_OK && a.dimension) {
        char ids[1024] = "";
        size_t used = 0;
        for (size_t k = 0; k < q->ndimensions; k++) {
            if (!strcmp(q->dimensions[k].id, a.dimension))
                dim = k;
            if (used < sizeof ids)
                used += (size_t)snprintf(ids + used, sizeof ids - used, " %s",
                                         q->dimensions[k].id);
        }
        if (dim == ASSESS_NONE) {
            cli_usage_error("chart", usage_line, _("no dimension \"%s\"; the questionnaire has:%s"),
                            a.dimension, ids);
            st = ASSESS_ERR_USAGE;
        }
    }
    if (st == ASSESS_OK && kind == REPORT_FIGURE_ITEMS && dim == ASSESS_NONE) {
        cli_usage_error("chart", usage_line, _("--kind items needs --dimension ID"));
        st = ASSESS_ERR_USAGE;
    }
    size_t which = rq.which;
    if (st == ASSESS_OK)
        st = report_request_result(r, which, &res);
    if (st == ASSESS_OK) {
        const char *lang = a.lang ? a.lang : q->language;
        const assess_assessment *as = &r->assessments[which];
        int built = 0;
        if (kind == REPORT_FIGURE_BENCHMARK)
            built = report_figure_benchmark(fig, res, rq.stats, lang);
        else if (kind == REPORT_FIGURE_DISTRIBUTION)
            built = report_figure_distribution(fig, res, rq.stats, lang);
        else if (kind == REPORT_FIGURE_TREND)
            built = build_trend(fig, r, which, lang);
        else
            built = report_figure_build(fig, kind, res, dim, lang);
        if (built == REPORT_FIGURE_EMPTY) {
            const char *why = kind == REPORT_FIGURE_TREND    ? _("it has one cycle only")
                              : kind == REPORT_FIGURE_THEMES ? _("no theme has a score")
                              : kind == REPORT_FIGURE_ITEMS  ? _("no item has a score")
                                                             : _("the cohort is too small");
            st = assess_diags_add(&d, ASSESS_ERROR,
                                  assess_loc_file(r->submissions[as->submissions[0]].file),
                                  _("%s, cycle %s: nothing to draw — %s"), as->entity, as->cycle,
                                  why);
        } else if (built != 0 || report_figure_set_brand(fig, &rq.look.look) != 0) {
            st = ASSESS_ERR_NOMEM;
        }
    }
    cli_diags_print(&d, 0);
    if (st == ASSESS_OK) {
        char err[512];
        if (report_figure_write(fig, a.out, w, h, err, sizeof err) != 0) {
            fprintf(stderr, "%s: %s: %s\n", a.out, _("error"), err);
            st = ASSESS_ERR_IO;
        } else {
            cli_wrote(a.out, a.quiet);
        }
    }
    report_figure_free(fig);
    report_request_result_free(res);
    report_request_cleanup(&rq);
    assess_diags_cleanup(&d);
    free(a.inputs);
    free(a.cohort);
    return cli_exit_status(st);
}
