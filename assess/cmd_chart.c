/*
 * cmd_chart.c — `assess chart`: one chart of a city's report as a PNG or
 * SVG file, for slides and newsletters.  The figure is the one the PDF
 * report draws (reports/figures.h).
 */
#include "cli.h"

#include "brand.h"
#include "figures.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_line =
    "usage: assess chart [-q Q] RESPONSES --kind radar|themes|items|levels -o FILE.png|FILE.svg\n"
    "                    [--dimension ID] [--entity NAME] [--cycle C] [--brand FILE]\n"
    "                    [--size WxH] [--lang L]\n";

static const char *const help_text =
    "usage: assess chart [-q Q] RESPONSES --kind radar|themes|items|levels -o FILE.png|FILE.svg\n"
    "                    [--dimension ID] [--entity NAME] [--cycle C] [--brand FILE]\n"
    "                    [--size WxH] [--lang L]\n"
    "\n"
    "Draws one chart of an entity's scores, as in its report:\n"
    "  radar    the dimension scores (bars when there are fewer than 3 or more than 12)\n"
    "  themes   theme scores as bars, coloured by stage (of one --dimension, or all)\n"
    "  items    item scores of one --dimension as bars\n"
    "  levels   per dimension, the share of items at each answer level\n"
    "\n"
    "  --entity NAME   which entity, when the responses hold several (its latest cycle\n"
    "                  unless --cycle says)\n"
    "  --size WxH      the chart's size in points (default 480x360); PNG has 2 pixels a point\n"
    "  --brand FILE    a consultant's colours (see docs/cli.md)\n"
    "  --help, --version\n";

typedef struct {
    const char *q, *out, *kind, *dimension, *entity, *cycle, *brand, *size, *lang;
    char **inputs;
    int ninputs;
} chart_args;

static int parse_args(int argc, char **argv, chart_args *a)
{
    static const char *const valued[] = {"-q",       "-o",     "--kind",  "--dimension",
                                         "--entity", "--cycle", "--brand", "--size",
                                         "--lang"};
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
                return cli_usage_error("chart", usage_line, "%s needs a value", s);
            const char **slots[] = {&a->q,      &a->out,   &a->kind,  &a->dimension, &a->entity,
                                    &a->cycle, &a->brand, &a->size, &a->lang};
            *slots[k] = argv[++i];
        } else if (s[0] == '-' && s[1]) {
            return cli_usage_error("chart", usage_line, "unknown option %s", s);
        } else {
            a->inputs[a->ninputs++] = argv[i];
        }
    }
    if (a->ninputs == 0)
        return cli_usage_error("chart", usage_line, "no RESPONSES given");
    if (!a->kind)
        return cli_usage_error("chart", usage_line, "--kind is required");
    if (report_figure_kind_parse(a->kind) < 0)
        return cli_usage_error("chart", usage_line,
                               "--kind takes radar, themes, items or levels, not \"%s\"",
                               a->kind);
    if (!a->out)
        return cli_usage_error("chart", usage_line, "-o FILE.png or FILE.svg is required");
    if (!cli_has_ext(a->out, ".png") && !cli_has_ext(a->out, ".svg"))
        return cli_usage_error("chart", usage_line, "-o takes a .png or .svg file, not \"%s\"",
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

int cli_cmd_chart(int argc, char **argv)
{
    chart_args a = {0};
    a.inputs = calloc((size_t)argc, sizeof *a.inputs);
    int rc = a.inputs ? parse_args(argc, argv, &a) : CLI_FAILURE;
    double w = 480, h = 360;
    if (rc < 0 && a.size && !parse_size(a.size, &w, &h))
        rc = cli_usage_error("chart", usage_line,
                             "--size takes WIDTHxHEIGHT in points, each 100–4000, not \"%s\"",
                             a.size);
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
    assess_result res = {0};
    bool have_result = false;
    report_figure fig = {0};
    assess_status st = cli_responses_load(a.q, a.ninputs, a.inputs, &q, &r, &d);
    if (st == ASSESS_OK && a.brand)
        st = brand_load(&b, a.brand, &d);
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
            cli_usage_error("chart", usage_line, "no dimension \"%s\"; the questionnaire has:%s",
                            a.dimension, ids);
            st = ASSESS_ERR_USAGE;
        }
    }
    if (st == ASSESS_OK && kind == REPORT_FIGURE_ITEMS && dim == ASSESS_NONE) {
        cli_usage_error("chart", usage_line, "--kind items needs --dimension ID");
        st = ASSESS_ERR_USAGE;
    }
    size_t which = ASSESS_NONE;
    if (st == ASSESS_OK) {
        which = cli_assessment_choose(r, a.entity, a.cycle, "chart");
        if (which == ASSESS_NONE)
            st = ASSESS_ERR_USAGE;
    }
    if (st == ASSESS_OK) {
        st = assess_result_init(&res, q);
        have_result = st == ASSESS_OK;
    }
    if (st == ASSESS_OK) {
        assess_score_compute(r, which, &res);
        chart_palette pal = {{b.look.primary.r, b.look.primary.g, b.look.primary.b},
                             {b.look.accent.r, b.look.accent.g, b.look.accent.b}};
        int built = report_figure_build(&fig, kind, &res, dim, a.lang ? a.lang : q->language);
        if (built == REPORT_FIGURE_EMPTY) {
            const assess_assessment *as = &r->assessments[which];
            st = assess_diags_add(&d, ASSESS_ERROR,
                                  assess_loc_file(r->submissions[as->submissions[0]].file),
                                  "%s, cycle %s: nothing to draw — no %s has a score",
                                  as->entity, as->cycle,
                                  kind == REPORT_FIGURE_THEMES ? "theme" : "item");
        } else if (built != 0 || report_figure_set_palette(&fig, &pal) != 0) {
            st = ASSESS_ERR_NOMEM;
        }
    }
    cli_diags_print(&d, 0);
    if (st == ASSESS_OK) {
        char err[512];
        if (chart_write_file(&fig.ch, a.out, w, h, err, sizeof err) != 0) {
            fprintf(stderr, "%s: error: %s\n", a.out, err);
            st = ASSESS_ERR_IO;
        }
    }
    report_figure_cleanup(&fig);
    if (have_result)
        assess_result_cleanup(&res);
    brand_cleanup(&b);
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    free(a.inputs);
    return cli_exit_status(st);
}
