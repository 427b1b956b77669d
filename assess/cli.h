/*
 * cli.h — what every `assess` subcommand shares: exit statuses, printing
 * diagnostics, finding the questionnaire, gathering input files, and
 * output files that appear whole or not at all (DESIGN §6).
 */
#ifndef ASSESS_CLI_H
#define ASSESS_CLI_H

#include "assess.h"

#include <stdbool.h>
#include <stdio.h>

/* DESIGN §6 exit statuses. */
enum { CLI_OK = 0, CLI_INVALID = 1, CLI_USAGE = 2, CLI_FAILURE = 3 };

int cli_exit_status(assess_status st);

/* Prints diagnostics from index `from` on to standard error, one per
 * line, and a count of those that were dropped past the limit. */
void cli_diags_print(const assess_diags *d, size_t from);

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

/* True when name ends with ext (".csv"), ignoring case. */
bool cli_has_ext(const char *name, const char *ext);

/* The folders searched for questionnaires named by id: those of
 * $ASSESS_QUESTIONNAIRE_PATH (colon-separated), then the command's own —
 * the source tree's when the executable is in the build folder it was
 * built in, else those installed beside it (PREFIX/bin/../share/assess/
 * questionnaires), never the source tree of an installed command. */
void cli_questionnaire_path(char *buf, size_t size);

/* Loads the questionnaire: -q as given (a folder or workbook path, or an
 * installed name, ID or ID@VERSION), else the one the `questionnaire`
 * column of the first responses file names, else the shipped default.
 * Names are looked up on cli_questionnaire_path's folders by the id and
 * version in each package's settings (assess_catalog_find). */
assess_status cli_questionnaire_load(const char *qarg, const char *first_file,
                                     assess_questionnaire **q, assess_diags *d);
/* The same, and the path of the installed package chosen into found
 * (when found is not NULL; "" for a -q path); with q NULL, only finds it. */
assess_status cli_questionnaire_load_named(const char *qarg, const char *first_file,
                                           assess_questionnaire **q, char *found, size_t size,
                                           assess_diags *d);

/* Responses that may answer several versions of a questionnaire: one
 * response set per version.  With qarg every file is read with it; else
 * each file with the version its `questionnaire` column names, or the
 * one its columns fit.  An invalid file is reported and the next still
 * read; d->errors tells.  Free with cli_sets_cleanup. */
#define CLI_VERSIONS_MAX 8
typedef struct {
    size_t n;
    assess_questionnaire *q[CLI_VERSIONS_MAX];
    assess_responses *r[CLI_VERSIONS_MAX];
} cli_sets;

assess_status cli_sets_read(const char *qarg, char *const *files, size_t nfiles, cli_sets *s,
                            assess_diags *d);
/* The same, but a file that names no questionnaire is read with the
 * questionnaire at fallback_path (the one of the city compared), not the
 * version its columns fit. */
assess_status cli_sets_read_or(const char *fallback_path, char *const *files, size_t nfiles,
                               cli_sets *s, assess_diags *d);
void cli_sets_cleanup(cli_sets *s);

/* Warns on standard error when --lang names a language the questionnaire
 * has no texts in (its own texts are used then). */
void cli_lang_check(const assess_questionnaire *q, const char *lang);

/* Expands responses arguments: a file stays, a folder gives its .csv and
 * .xlsx files sorted by name (hidden and ~$ lock files skipped).  A file
 * named twice is kept once.  Arguments that come to no file at all (empty
 * folders) are ASSESS_ERR_INVALID, "no responses file to read".  Free with
 * cli_inputs_free. */
assess_status cli_inputs_expand(int n, char *const *args, char ***out, size_t *nout,
                                assess_diags *d);
void cli_inputs_free(char **list, size_t n);

/* Reads responses arguments (files or folders) into a new response set
 * for q; every problem goes to d.  An invalid file is reported and the
 * next still read; the status is then OK and d->errors tells. */
assess_status cli_responses_read(const assess_questionnaire *q, int n, char *const *args,
                                 assess_responses **r, assess_diags *d);

/* Loads the questionnaire (-q, else the first file's questionnaire
 * column, else the default) and the responses; ASSESS_ERR_INVALID when
 * any input had an error.  The caller frees both, even on failure. */
assess_status cli_responses_load(const char *qarg, int n, char *const *args,
                                 assess_questionnaire **q, assess_responses **r,
                                 assess_diags *d);

/* The one assessment a report is about: the entity named (any case), or
 * the only one there is; its cycle named, else its latest.  Prints what
 * to choose among when that is not clear and returns ASSESS_NONE. */
size_t cli_assessment_choose(const assess_responses *r, const char *entity, const char *cycle,
                             const char *cmd);

/* A benchmark cohort read from files or folders, with its statistics
 * for one cycle (the cycle asked for when the cohort has it, else its
 * latest), grouped by `by` when any member has that column, and by size. */
typedef struct {
    cli_sets sets;     /* one response set per questionnaire version */
    assess_responses *r; /* the set of the cohort's main version */
    assess_cohort *cohort;
    assess_cohort_stats *stats; /* NULL until cli_benchmark_stats */
} cli_benchmark;

assess_status cli_benchmark_load(cli_benchmark *b, const assess_questionnaire *q, int n,
                                 char *const *args, assess_diags *d);
assess_status cli_benchmark_stats(cli_benchmark *b, const char *cycle, const char *by,
                                  assess_diags *d);
void cli_benchmark_cleanup(cli_benchmark *b);

/* The latest earlier assessment of now's entity in r (any case), or
 * ASSESS_NONE. */
size_t cli_previous_find(const assess_responses *r, const assess_assessment *now);
/* An entity's assessment in `cycle` when it has one, else its latest;
 * ASSESS_NONE when r (may be NULL) has none. */
size_t cli_peer_find(const assess_responses *r, const char *name, const char *cycle);
/* Scores assessment k of r into a new result; free with cli_result_free. */
assess_status cli_result_new(const assess_responses *r, size_t k, assess_result **out);
void cli_result_free(assess_result *res);

/* SOURCE_DATE_EPOCH when set (reproducible outputs), else now. */
long long cli_now(void);

/* ## Output files
 *
 * cli_out_open gives a stream to a temporary file beside the target (or
 * standard output for "-"); cli_out_commit flushes, syncs and renames it
 * into place; cli_out_abort removes it.  Either one must be called once.
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

/* Renders a report to a PDF file atomically (cmd_report.c). */
struct report_doc;
assess_status cli_pdf_write(const struct report_doc *doc, const char *out, assess_diags *d);
/* Renders a report's tables to an XLSX workbook atomically (cmd_report.c). */
assess_status cli_xlsx_write(const struct report_doc *doc, const char *out, assess_diags *d);

/* ## Subcommands: each takes argv from the subcommand name on. */
int cli_cmd_validate(int argc, char **argv);
int cli_cmd_score(int argc, char **argv);
int cli_cmd_benchmark(int argc, char **argv);
int cli_cmd_report(int argc, char **argv);
int cli_cmd_chart(int argc, char **argv);
int cli_cmd_template(int argc, char **argv);
int cli_cmd_report_batch(int argc, char **argv); /* report --batch */

#endif
