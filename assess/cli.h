/*
 * cli.h — what every `assess` subcommand shares: exit statuses, printing
 * diagnostics, finding the questionnaire, gathering input files, and
 * output files that appear whole or not at all.
 */
#ifndef ASSESS_CLI_H
#define ASSESS_CLI_H

#include "assess.h"

#include <libintl.h>
#include <stdbool.h>
#include <stdio.h>

/* Exit statuses (docs/cli.md). */
enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2, CLI_FAILURE = 3 };

int cli_exit_status(assess_status st);

/* Prints diagnostics from index `from` on to standard error, one per
 * line, and a count of those that were dropped past the limit. */
void cli_diags_print(const assess_diags *d, size_t from);

/* The command's messages in the user's language (GNU gettext, the
 * engine's domain): _("…") where a message is used, N_("…") in a static
 * table, _n("%zu file", "%zu files", n) for a count.  docs/languages.md. */
#define _(msgid)                dgettext(ASSESS_TEXTDOMAIN, msgid)
#define N_(msgid)               (msgid)
#define _n(singular, plural, n) dngettext(ASSESS_TEXTDOMAIN, singular, plural, (unsigned long)(n))

/* The command's start (cli_intl.c): the user's locale for messages and
 * character type — never LC_NUMERIC, so JSON and CSV numbers keep the
 * point — and the catalogues found from the command's own place: the
 * build folder's when it runs from its build, else those installed beside
 * it; the report's words (l10n_set_dir) are pointed at the same ones. */
void cli_intl_init(void);

/* Prints "assess CMD: MSG" and the one-line usage, returns CLI_USAGE. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* ## Options
 *
 * Each subcommand describes its options in a table; cli_options_parse
 * reads argv against it, answers --help and --version, and collects the
 * rest as positional arguments. */
typedef struct {
    const char *name;   /* "-o", "--kind" */
    const char **value; /* an option with a value: where it goes */
    bool *flag;         /* an option without one: set to true */
    char **list;        /* a repeatable option: appended here … */
    int *nlist;         /* … and counted here */
} cli_option;

/* Returns -1 to go on, else the exit status to return (CLI_OK after
 * --help or --version, CLI_USAGE after a message).  pos must have room
 * for argc entries. */
int cli_options_parse(int argc, char **argv, const cli_option *opts, size_t nopts, char **pos,
                      int *npos, const char *cmd, const char *usage, const char *help);

/* A response set for q, with the --entity-column that any command's
 * options may have given (cli_options_parse takes it). */
assess_status cli_responses_new(const assess_questionnaire *q, assess_responses **r);
/* The --entity-column given, or NULL, for a report request; the commands
 * that read responses list the option with &cli_entity_column_arg. */
extern const char *cli_entity_column_arg;
const char *cli_entity_column(void);

/* True when name ends with ext (".csv"), ignoring case. */
bool cli_has_ext(const char *name, const char *ext);

/* The folders searched for questionnaires named by id: those of
 * $ASSESS_QUESTIONNAIRE_PATH (colon-separated), then the command's own —
 * the source tree's when the executable is in the build folder it was
 * built in, else those installed beside it (PREFIX/bin/../share/assess/
 * questionnaires), never the source tree of an installed command. */
void cli_questionnaire_path(char *buf, size_t size);
/* A folder of the command's own data: in_build when the command runs from
 * its build folder, else from_bin relative to the executable's folder (an
 * installed tree can be moved as a whole); "" when the executable cannot
 * be found. */
void cli_own_dir(const char *in_build, const char *from_bin, char *buf, size_t size);

/* Loads the questionnaire: -q as given (a folder or workbook path, or an
 * installed name, ID or ID@VERSION), else the one the `questionnaire`
 * column of the first responses file names, else the shipped default.
 * Names are looked up on cli_questionnaire_path's folders by the id and
 * version in each package's settings (assess_catalog_find). */
assess_status cli_questionnaire_load(const char *qarg, const char *first_file,
                                     assess_questionnaire **q, assess_diags *d);


/* SOURCE_DATE_EPOCH when set (reproducible outputs), else now. */
long long cli_now(void);

/* ## Output files
 *
 * cli_out_open gives a stream to a temporary file beside the target (or
 * standard output for "-"); cli_out_commit flushes it, syncs it when it
 * replaces a file (cli_path_replaces), and renames it into place;
 * cli_out_abort removes it.  Either one must be called once.
 */
typedef struct {
    FILE *f;
    char *target;
    char *tmp; /* NULL for standard output */
} cli_out;

assess_status cli_out_open(cli_out *o, const char *target, assess_diags *d);
assess_status cli_out_commit(cli_out *o, assess_diags *d);
void cli_out_abort(cli_out *o);

/* A temporary path beside target, for writers that open files by name
 * (libharu, libxlsxwriter): the caller writes it, then cli_path_commit
 * renames it into place, or removes it on failure. */
char *cli_path_temp(const char *target);
assess_status cli_path_commit(const char *tmp, const char *target, bool ok, assess_diags *d);

/* Whether a file (or anything) has the name target: an output that takes
 * it is first synced to disk, so that a crash cannot leave an empty file
 * where a good one was. */
bool cli_path_replaces(const char *target);

/* Renders a report to a PDF file or an XLSX workbook atomically. */
struct report_doc;
assess_status cli_pdf_write(const struct report_doc *doc, const char *out, assess_diags *d);
assess_status cli_xlsx_write(const struct report_doc *doc, const char *out, assess_diags *d);
assess_status cli_html_write(const struct report_doc *doc, const char *out, assess_diags *d);
/* Says on standard error what was written ("wrote FILE: N pages"), unless quiet. */
void cli_wrote(const char *path, bool quiet);
/* Renders to the format out's extension names (.xlsx, else PDF), then cli_wrote. */
assess_status cli_report_write(const struct report_doc *doc, const char *out, bool quiet,
                               assess_diags *d);

/* ## Standard input and pipes
 *
 * Replaces each argument that is "-" (standard input), a pipe or another
 * file that can be read only once with a temporary copy, removed at exit.
 * Prints the problem and returns -1 when that fails. */
int cli_inputs_spool(int n, char **args);
/* The argument a (possibly temporary) path was given as, for messages. */
const char *cli_display_name(const char *path);

/* ## Subcommands: each takes argv from the subcommand name on. */
int cli_cmd_validate(int argc, char **argv);
int cli_cmd_score(int argc, char **argv);
int cli_cmd_benchmark(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_chart(int argc, char **argv);
int cli_cmd_template(int argc, char **argv);
int cli_cmd_report_batch(int argc, char **argv); /* report --batch */

#endif
