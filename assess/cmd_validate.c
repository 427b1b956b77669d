/*
 * cmd_validate.c — `assess validate QUESTIONNAIRE [RESPONSES...]`: checks
 * a questionnaire package against every rule of docs/formats.md, and, when
 * responses files follow, checks them against it (docs/formats.md) without
 * scoring.  Every problem is listed, not only the first.
 */
#include "cli.h"

#include "assess-report.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_line = N_("usage: assess validate QUESTIONNAIRE [RESPONSES...]\n");

static const char *const help_text =
    N_("usage: assess validate QUESTIONNAIRE [RESPONSES...]\n"
    "\n"
    "Checks a questionnaire package (a folder of CSV files, a workbook, or the name of an\n"
    "installed questionnaire) and lists every problem as FILE:LINE: error: MESSAGE.\n"
    "Responses files (or folders of them) given after it are checked against it too;\n"
    "- reads one from standard input.\n"
    "\n"
    "  --help, --version\n"
    "\n"
    "Exit status: 0 valid (warnings may be printed), 1 invalid, 2 usage, 3 cannot read.\n");

static void print_summary(const assess_questionnaire *q)
{
    printf(_("%s: %s %s is valid: %zu dimensions, %zu themes, %zu items, %zu scales, "
             "%zu stages, %zu recommendations, %zu resources, %zu glossary terms\n"),
           q->path, q->id, q->version, q->ndimensions, q->nthemes, q->nitems, q->nscales,
           q->nstages, q->nrecommendations, q->nresources, q->nterms);
    /* the survey questions, never scored, only where there are some */
    if (q->nmultis)
        printf(_n("%s: and %zu survey question (choose all that apply, not scored)\n",
                  "%s: and %zu survey questions (choose all that apply, not scored)\n",
                  q->nmultis),
               q->path, q->nmultis);
}

/* A warning for each language that lacks some texts, at the first of them. */
static void check_languages(const assess_questionnaire *q, assess_diags *d)
{
    for (size_t k = 1; k < q->nlanguages; k++) {
        const assess_language *g = &q->languages[k];
        if (g->translated < g->total)
            assess_diags_add(d, ASSESS_WARNING, g->first_missing,
                             _("language \"%s\" is partly translated (%zu of %zu texts): the "
                               "first text without it is here, column \"%s\"; fill in %s::%s"),
                             g->lang, g->translated, g->total, g->first_column, g->first_column,
                             g->lang);
    }
}

/* "languages: en 1,210 of 1,210 texts (complete), es 3 of 1,210" */
static void print_languages(const assess_questionnaire *q)
{
    printf("%s", _("languages:"));
    for (size_t k = 0; k < q->nlanguages; k++) {
        const assess_language *g = &q->languages[k];
        printf(k ? ", %s " : " %s ", g->lang);
        printf(_n("%zu of %zu text", "%zu of %zu texts", g->total), g->translated, g->total);
        if (g->translated == g->total)
            printf(" %s", _("(complete)"));
    }
    printf("\n");
}

int cli_cmd_validate(int argc, char **argv)
{
    char **pos = calloc((size_t)argc, sizeof *pos);
    int npos = 0;
    int rc = pos ? cli_options_parse(argc, argv, NULL, 0, pos, &npos, "validate", usage_line,
                                     help_text)
                 : CLI_FAILURE;
    if (rc < 0 && npos == 0)
        rc = cli_usage_error("validate", usage_line, _("no QUESTIONNAIRE given"));
    if (rc >= 0) {
        free(pos);
        return rc;
    }
    const char *qarg = pos[0];
    char **args = pos + 1;
    int nargs = npos - 1;
    if (cli_inputs_spool(nargs, args)) {
        free(pos);
        return CLI_FAILURE;
    }

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    char **files = NULL;
    size_t nfiles = 0;
    assess_status st = cli_questionnaire_load(qarg, NULL, &q, &d);
    if (st == ASSESS_OK && nargs)
        st = report_request_files(nargs, args, &files, &nfiles, &d);
    if (st == ASSESS_OK && nargs)
        st = cli_responses_new(q, &r);
    for (size_t k = 0; st == ASSESS_OK && k < nfiles; k++) {
        assess_status fst = assess_responses_add_file(r, files[k], &d);
        if (fst != ASSESS_ERR_INVALID && fst != ASSESS_ERR_LIMIT)
            st = fst; /* an invalid file is reported; the next is still read */
    }
    if (st == ASSESS_OK && d.errors)
        st = ASSESS_ERR_INVALID;
    if (st == ASSESS_OK)
        check_languages(q, &d);
    cli_diags_print(&d, 0);
    if (st == ASSESS_OK) {
        print_summary(q);
        print_languages(q);
        if (r)
            printf(_n("%zu responses file: %zu submissions, %zu assessments, valid\n",
                      "%zu responses files: %zu submissions, %zu assessments, valid\n", nfiles),
                   nfiles,
                   r->nsubmissions, r->nassessments);
    }
    assess_responses_free(r);
    assess_questionnaire_free(q);
    report_request_files_free(files, nfiles);
    assess_diags_cleanup(&d);
    free(pos);
    return cli_exit_status(st);
}
