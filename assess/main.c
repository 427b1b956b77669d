/*
 * main.c — the `assess` command: a thin dispatcher to one function per
 * subcommand (cli.h).  Each subcommand parses its own options, so its
 * --help is next to the code that reads them.
 */
#include "assess-report.h"
#include "cli.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

/* `report --batch` is its own command with its own options. */
static int report(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--batch"))
            return cli_cmd_report_batch(argc, argv);
    return cli_cmd_report(argc, argv);
}

static const command commands[] = {
    {"validate", cli_cmd_validate, N_("check a questionnaire package (and responses against it)")},
    {"score", cli_cmd_score, N_("score responses: text summary, JSON or one CSV row per entity")},
    {"benchmark", cli_cmd_benchmark,
     N_("statewide statistics of many entities, by group (CSV, PDF, XLSX)")},
    {"report", report, N_("an entity's improvement report (PDF or XLSX); --batch for many")},
    {"chart", cli_cmd_chart, N_("one chart of an entity's scores as PNG or SVG")},
    {"template", cli_cmd_template, N_("a questionnaire to fill in: workbook, CSV form or PDF")},
};

static void print_help(FILE *f)
{
    fputs(_("usage: assess COMMAND [OPTIONS] ...\n"
            "\n"
            "Local equity self-assessment: score a city's answers against the Normalize,\n"
            "Organize and Operationalize dimensions and plan what to do next.\n"
            "\n"
            "Commands:\n"),
          f);
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        fprintf(f, "  %-10s %s\n", commands[k].name, _(commands[k].summary));
    fputs(_("\n'assess COMMAND --help' describes a command.  Exit status: 0 done, 1 invalid\n"
            "input, 2 usage error, 3 input/output or system failure.\n"),
          f);
}

int main(int argc, char **argv)
{
    cli_intl_init();
    atexit(l10n_cleanup);
    if (argc < 2) {
        print_help(stderr);
        return CLI_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        print_help(stdout);
        return CLI_OK;
    }
    if (!strcmp(argv[1], "--version")) {
        printf("assess %s\n", ASSESS_VERSION);
        return CLI_OK;
    }
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        if (!strcmp(argv[1], commands[k].name))
            return commands[k].run(argc - 1, argv + 1);
    fprintf(stderr, _("assess: unknown command \"%s\" ('assess --help' lists them)\n"), argv[1]);
    return CLI_USAGE;
}
