/*
 * run.h — running the built `assess` command from a test, and the file
 * chores around it.  Shared by the end-to-end tests; uses cmocka's
 * assertions, so include it after <cmocka.h>.
 */
#ifndef TEST_RUN_H
#define TEST_RUN_H

#include <stddef.h>

typedef struct {
    int status; /* exit status, or 128 + signal */
    char *out, *err;
} run_result;

/* Runs ASSESS_EXE with the arguments up to a NULL, capturing both streams. */
run_result run(const char *first, ...);
/* Runs any program (argv[0] looked up in PATH), for qpdf, pdftotext, … */
run_result run_tool(const char *const *argv);
void run_free(run_result *r);

/* A whole file as a string (NULL if it cannot be read); *size may be NULL. */
char *slurp(const char *path, size_t *size);
/* A fresh folder under /tmp; remove_dir deletes it with its files and
 * frees the name. */
char *temp_dir(void);
void remove_dir(char *dir);
size_t count_entries(const char *dir);
void write_file(const char *path, const char *text);
/* Collapses every run of white space to one space, in place: text
 * extracted from a PDF wraps where the layout did. */
char *squeeze(char *s);

/* The pages of a PDF as poppler's pdfinfo counts them; -1 when it cannot. */
int pdf_page_count(const char *pdf);

#endif
