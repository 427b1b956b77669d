/*
 * run.c — see run.h.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "run.h"

#include <ctype.h>
#include <stdbool.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

char *slurp(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    if (s)
        s[n] = '\0';
    if (s && size)
        *size = (size_t)n;
    fclose(f);
    return s;
}

static run_result run_argv(const char *path, const char *const *argv, bool search)
{
    char out[] = "/tmp/assess-test-out-XXXXXX", err[] = "/tmp/assess-test-err-XXXXXX";
    int fo = mkstemp(out), fe = mkstemp(err);
    assert_true(fo >= 0 && fe >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fo, 1);
        dup2(fe, 2);
        if (search)
            execvp(path, (char *const *)argv);
        else
            execv(path, (char *const *)argv);
        _exit(127);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    close(fo);
    close(fe);
    run_result r = {WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws), slurp(out, NULL),
                    slurp(err, NULL)};
    unlink(out);
    unlink(err);
    assert_non_null(r.out);
    assert_non_null(r.err);
    return r;
}

run_result run(const char *first, ...)
{
    const char *argv[64] = {"assess", first};
    int argc = 2;
    va_list ap;
    va_start(ap, first);
    while (first && argc < 63 && (argv[argc] = va_arg(ap, const char *)) != NULL)
        argc++;
    va_end(ap);
    argv[argc] = NULL;
    return run_argv(ASSESS_EXE, argv, false);
}

run_result run_tool(const char *const *argv)
{
    return run_argv(argv[0], argv, true);
}

void run_free(run_result *r)
{
    free(r->out);
    free(r->err);
}

char *temp_dir(void)
{
    char *d = strdup("/tmp/assess-test-dir-XXXXXX");
    assert_non_null(mkdtemp(d));
    return d;
}

void remove_dir(char *dir)
{
    DIR *h = opendir(dir);
    struct dirent *e;
    while (h && (e = readdir(h)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    if (h)
        closedir(h);
    rmdir(dir);
    free(dir);
}

size_t count_entries(const char *dir)
{
    size_t n = 0;
    DIR *h = opendir(dir);
    struct dirent *e;
    while (h && (e = readdir(h)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (h)
        closedir(h);
    return n;
}

void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

char *squeeze(char *s)
{
    char *w = s;
    bool space = false;
    for (char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = w != s;
            continue;
        }
        if (space)
            *w++ = ' ';
        space = false;
        *w++ = *p;
    }
    *w = '\0';
    return s;
}

int pdf_page_count(const char *pdf)
{
    const char *argv[] = {"pdfinfo", pdf, NULL};
    run_result r = run_tool(argv);
    const char *p = r.status == 0 ? strstr(r.out, "Pages:") : NULL;
    int n = p ? atoi(p + 6) : -1;
    run_free(&r);
    return n;
}
