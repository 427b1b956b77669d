/*
 * test_hardening.c — what must hold however an input or the machine
 * misbehaves (docs/hardening.md): limits of the readers that are not
 * reached by a small fixture (file size, rows), outputs that are whole
 * or absent (a full disk, standard output on /dev/full, a folder that
 * cannot be written, an input error found late), outputs that are safe
 * to open (CSV formula injection, batch file names from hostile entity
 * names, a PDF and a workbook from hostile text), and a large cohort
 * scored in bounded memory.
 */
#define _DEFAULT_SOURCE /* wait4 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "assess.h"
#include "read.h"
#include "util.h"

#include <dirent.h>
#include <stdbool.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run.h"

#define COHORT_Q TEST_DATA "/cohort/q"

/* ## Helpers */

typedef struct {
    long fsize;            /* RLIMIT_FSIZE in bytes, 0 = none */
    const char *stdout_to; /* a file for standard output, NULL = a pipe file */
} spawn_opts;

/* Runs ASSESS_EXE with argv (NULL-terminated, argv[0] included) under
 * the options; returns the exit status (128 + signal when killed) and
 * standard error in *err (caller frees).  *peak_kb gets the child's
 * peak resident set when not NULL. */
static int spawn(const char *const *argv, spawn_opts o, char **err, long *peak_kb)
{
    char errpath[] = "/tmp/assess-hard-err-XXXXXX";
    int fe = mkstemp(errpath);
    assert_true(fe >= 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fo = open(o.stdout_to ? o.stdout_to : "/dev/null", O_WRONLY);
        if (fo < 0)
            _exit(126);
        dup2(fo, 1);
        dup2(fe, 2);
        if (o.fsize) {
            /* a full disk: writes past this size fail with EFBIG */
            signal(SIGXFSZ, SIG_IGN);
            struct rlimit rl = {(rlim_t)o.fsize, (rlim_t)o.fsize};
            if (setrlimit(RLIMIT_FSIZE, &rl) != 0)
                _exit(125);
        }
        execv(ASSESS_EXE, (char *const *)argv);
        _exit(127);
    }
    int ws = 0;
    struct rusage ru;
    assert_true(wait4(pid, &ws, 0, &ru) == pid);
    if (peak_kb)
        *peak_kb = ru.ru_maxrss;
    close(fe);
    *err = slurp(errpath, NULL);
    unlink(errpath);
    assert_non_null(*err);
    return WIFEXITED(ws) ? WEXITSTATUS(ws) : 128 + WTERMSIG(ws);
}

static void assert_contains(const char *s, const char *part)
{
    if (!strstr(s, part))
        fail_msg("\"%s\" not found in:\n%s", part, s);
}

/* No sanitizer report in a child's messages. */
static void assert_clean(const char *err)
{
    assert_null(strstr(err, "AddressSanitizer"));
    assert_null(strstr(err, "runtime error"));
    assert_null(strstr(err, "LeakSanitizer"));
}

static char *path_in(const char *dir, const char *name)
{
    static char buf[4][700];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", dir, name);
    return buf[k];
}

/* A valid responses file of the cohort questionnaire with n rows of
 * distinct entities; the last row's answer to a1 is `last`. */
static void write_cohort(const char *path, long n, const char *last)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("entity,cycle,region,a1,a2,b1\n", f);
    for (long k = 1; k <= n; k++)
        fprintf(f, "City %ld,2026,R%ld,%s,3,1\n", k, k % 7, k == n ? last : "2");
    assert_int_equal(fclose(f), 0);
}

/* ## Limits of the CSV reader */

typedef struct {
    long rows;
} counter;

static int count_row(const assess_row *row, void *ud)
{
    (void)row;
    ((counter *)ud)->rows++;
    return 0;
}

static void assert_one_error(const assess_diags *d, const char *text)
{
    char buf[1024];
    assert_int_equal(d->errors, 1);
    assess_diag_format(&d->items[0], buf, sizeof buf);
    assert_contains(buf, text);
}

/* A NUL byte (a UTF-16 file, a binary file) is an error, not a field
 * silently cut short. */
static void test_nul_byte(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *p = path_in(dir, "nul.csv");
    FILE *f = fopen(p, "wb");
    fwrite("entity,a1\nA,2\0junk\n", 1, 20, f);
    fclose(f);
    assess_diags d;
    assess_diags_init(&d);
    counter c = {0};
    assert_int_equal(assess_csv_read(p, count_row, &c, &d), ASSESS_ERR_INVALID);
    assert_one_error(&d, "nul.csv:2: error: column 2 (\"a1\"): the text holds a NUL byte");
    assess_diags_cleanup(&d);
    remove_dir(dir);
}

/* A file over 1 GiB is refused before a byte is read (a sparse file:
 * nothing is written to disk). */
static void test_file_size_limit(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *p = path_in(dir, "huge.csv");
    int fd = open(p, O_WRONLY | O_CREAT, 0644);
    assert_true(fd >= 0);
    assert_int_equal(ftruncate(fd, 1024L * 1024 * 1024 + 1), 0);
    close(fd);
    assess_diags d;
    assess_diags_init(&d);
    counter c = {0};
    assert_int_equal(assess_csv_read(p, count_row, &c, &d), ASSESS_ERR_LIMIT);
    assert_int_equal(c.rows, 0);
    assert_one_error(&d, "huge.csv: error: the file is larger than 1 GiB");
    assess_diags_cleanup(&d);

    /* exactly 1 GiB is read (and its first line, 1 GiB of NUL bytes, is
     * longer than a field may be) */
    fd = open(p, O_WRONLY | O_TRUNC);
    assert_int_equal(ftruncate(fd, 1024L * 1024 * 1024), 0);
    close(fd);
    assess_diags_init(&d);
    assert_int_equal(assess_csv_read(p, count_row, &c, &d), ASSESS_ERR_LIMIT);
    assert_one_error(&d, "huge.csv:1: error: column 1: the value is longer than 1 MiB");
    assess_diags_cleanup(&d);
    remove_dir(dir);
}

/* 1,048,576 data rows are read; one more is an error at its line. */
static void test_rows_limit(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *p = path_in(dir, "rows.csv");
    FILE *f = fopen(p, "w");
    fputs("a\n", f);
    for (long k = 0; k < 1048576; k++)
        fputs("1\n", f);
    fclose(f);
    assess_diags d;
    assess_diags_init(&d);
    counter c = {0};
    assert_int_equal(assess_csv_read(p, count_row, &c, &d), ASSESS_OK);
    assert_int_equal(c.rows, 1048577);
    assess_diags_cleanup(&d);

    f = fopen(p, "a");
    fputs("1\n2\n", f);
    fclose(f);
    assess_diags_init(&d);
    c.rows = 0;
    assert_int_equal(assess_csv_read(p, count_row, &c, &d), ASSESS_ERR_LIMIT);
    assert_int_equal(c.rows, 1048577);
    assert_one_error(&d, "rows.csv:1048578: error: the file has more than 1,048,576 data rows");
    assess_diags_cleanup(&d);
    remove_dir(dir);
}

/* Regression: an answer of 256 bytes or more was never matched, so a
 * scale value that long (which the loader accepts) could not be given. */
static void test_long_value(void **state)
{
    (void)state;
    assess_questionnaire *q = NULL;
    assess_diags d;
    assess_diags_init(&d);
    assert_int_equal(assess_questionnaire_load(SOURCE_DIR "/tests/bad/questionnaire/long-value",
                                               &q, &d),
                     ASSESS_OK);
    const assess_scale *sc = &q->scales[q->items[0].scale];
    char answer[400];
    memset(answer, 'v', 300);
    answer[300] = '\0';
    size_t k = assess_scale_match(sc, answer);
    assert_int_not_equal(k, ASSESS_NONE);
    assert_string_equal(sc->choices[k].value, answer);
    memset(answer, 'V', 300); /* any case */
    assert_int_equal(assess_scale_match(sc, answer), k);
    answer[299] = '\0';
    assert_int_equal(assess_scale_match(sc, answer), ASSESS_NONE);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
}

/* ## No data lost */

/* Writes fail part-way (RLIMIT_FSIZE, as on a full disk): status 3, a
 * message, the previous file intact, no temporary left. */
static void test_full_disk(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *in = strdup(path_in(dir, "in.csv"));
    write_cohort(in, 300, "2");
    static const struct {
        const char *name;
        const char *extra;
    } outs[] = {{"scores.json", NULL},
                {"scores.csv", NULL},
                {"bench.csv", "benchmark"},
                {"report.pdf", "report"},
                {"report.xlsx", "report"}};
    for (size_t k = 0; k < sizeof outs / sizeof *outs; k++) {
        const char *out = path_in(dir, outs[k].name);
        write_file(out, "previous contents\n");
        const char *cmd = outs[k].extra ? outs[k].extra : "score";
        const char *argv[] = {"assess", cmd, "-q", COHORT_Q, in, "-o", out,
                              outs[k].extra && !strcmp(outs[k].extra, "report") ? "--entity"
                                                                                : NULL,
                              "City 1", NULL};
        char *err;
        int st = spawn(argv, (spawn_opts){.fsize = 2048}, &err, NULL);
        if (st != 3)
            fail_msg("%s: status %d, messages:\n%s", outs[k].name, st, err);
        assert_contains(err, outs[k].name);
        assert_clean(err);
        char *now = slurp(out, NULL);
        assert_string_equal(now, "previous contents\n");
        free(now);
        free(err);
        /* only in.csv and the previous output */
        assert_int_equal(count_entries(dir), 2);
        unlink(out);
    }
    free(in);
    remove_dir(dir);
}

/* `-o -` (and no -o) with standard output on a full device: status 3
 * and a message, not a silent success. */
static void test_stdout_full(void **state)
{
    (void)state;
    const char *in = TEST_DATA "/cohort/cohort.csv";
    const char *with_o[] = {"assess", "score", "-q", COHORT_Q, in, "--format", "json",
                            "-o", "-", NULL};
    const char *without[] = {"assess", "score", "-q", COHORT_Q, in, "--format", "csv", NULL};
    const char *bench[] = {"assess", "benchmark", "-q", COHORT_Q, in, "-o", "-", NULL};
    const char *const *cases[] = {with_o, without, bench};
    for (size_t k = 0; k < 3; k++) {
        char *err;
        int st = spawn(cases[k], (spawn_opts){.stdout_to = "/dev/full"}, &err, NULL);
        if (st != 3)
            fail_msg("case %zu: status %d, messages:\n%s", k, st, err);
        assert_contains(err, "No space left on device");
        assert_clean(err);
        free(err);
    }
}

/* A folder that cannot be written (a read-only file system: root
 * ignores permissions, so /proc), or does not exist: status 3, a
 * message naming the file, nothing created. */
static void test_unwritable_folder(void **state)
{
    (void)state;
    const char *in = TEST_DATA "/cohort/cohort.csv";
    static const char *const targets[] = {"/proc/assess-scores.csv", "/proc/assess.pdf",
                                          "/proc/assess.xlsx",
                                          "/nonexistent-assess-dir/scores.json"};
    for (size_t k = 0; k < 4; k++) {
        size_t n = strlen(targets[k]);
        bool score = !strcmp(targets[k] + n - 4, ".csv") || !strcmp(targets[k] + n - 5, ".json");
        const char *argv[] = {"assess", score ? "score" : "report", "-q", COHORT_Q, in,
                              "-o", targets[k], score ? NULL : "--entity", "E1", NULL};
        char *err;
        int st = spawn(argv, (spawn_opts){0}, &err, NULL);
        if (st != 3)
            fail_msg("%s: status %d, messages:\n%s", targets[k], st, err);
        assert_contains(err, targets[k]);
        assert_clean(err);
        free(err);
        struct stat sb;
        assert_int_not_equal(stat(targets[k], &sb), 0);
    }
}

/* An input error found only at the last row of a large file: status 1,
 * every earlier output intact, nothing else written. */
static void test_late_input_error(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *in = strdup(path_in(dir, "big.csv"));
    write_cohort(in, 50000, "seven");
    static const char *const names[] = {"scores.csv", "bench.csv", "report.pdf"};
    for (size_t k = 0; k < 3; k++) {
        const char *out = path_in(dir, names[k]);
        write_file(out, "previous contents\n");
        const char *argv[] = {"assess", k == 0 ? "score" : k == 1 ? "benchmark" : "report",
                              "-q", COHORT_Q, in, "-o", out, k == 2 ? "--entity" : NULL,
                              "City 1", NULL};
        char *err;
        int st = spawn(argv, (spawn_opts){0}, &err, NULL);
        if (st != 1)
            fail_msg("%s: status %d, messages:\n%s", names[k], st, err);
        assert_contains(err, "big.csv:50001: error: column \"a1\": \"seven\" does not answer question 1.1.1");
        assert_clean(err);
        free(err);
        char *now = slurp(out, NULL);
        assert_string_equal(now, "previous contents\n");
        free(now);
        assert_int_equal(count_entries(dir), 2);
        unlink(out);
    }
    free(in);
    remove_dir(dir);
}

/* ## Safe outputs */

/* Text a spreadsheet would run as a formula (=, +, -, @, tab, CR at the
 * start) is neutralised in every CSV the command writes: scores,
 * benchmarks and the batch index. */
static void test_csv_injection(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *in = path_in(dir, "in.csv");
    write_file(in, "entity,cycle,region,a1,a2,b1\n"
                   "\"=HYPERLINK(\"\"http://x\"\")\",2026,+North,2,3,1\n"
                   "+Plus,2026,-South,2,3,1\n"
                   "-Minus,2026,@East,1,1,1\n"
                   "@At,2026,\"\tWest\",1,2,1\n"
                   "\"\tTab\",2026,\"\rCR\",0,1,0\n"
                   "\"\rReturn\",2026,=West,0,0,0\n");
    const char *scores = path_in(dir, "scores.csv");
    const char *argv[] = {"assess", "score", "-q", COHORT_Q, in, "-o", scores, NULL};
    char *err;
    assert_int_equal(spawn(argv, (spawn_opts){0}, &err, NULL), 0);
    free(err);
    char *text = slurp(scores, NULL);
    static const char *const want[] = {"\"'=HYPERLINK(\"\"http://x\"\")\",2026,\"'+North\"",
                                       "\"'+Plus\",2026,\"'-South\"",
                                       "\"'-Minus\",2026,\"'@East\"",
                                       /* values are trimmed of spaces and
                                        * tabs when read */
                                       "\"'@At\",2026,West,",
                                       "\nTab,2026,CR,",
                                       "\nReturn,2026,\"'=West\""};
    for (size_t k = 0; k < 6; k++)
        assert_contains(text, want[k]);
    free(text);

    /* the writer itself, a tab included */
    FILE *f = tmpfile();
    static const char *const raw[] = {"=1", "+1", "-1", "@1", "\t1", "\r1", "1=", "a,b"};
    for (size_t k = 0; k < 8; k++) {
        assess_csv_put_text(f, raw[k]);
        fputc('|', f);
    }
    rewind(f);
    char line[200] = "";
    assert_non_null(fgets(line, sizeof line, f));
    fclose(f);
    assert_string_equal(line, "\"'=1\"|\"'+1\"|\"'-1\"|\"'@1\"|\"'\t1\"|\"'\r1\"|1=|\"a,b\"|");

    const char *bench = path_in(dir, "bench.csv");
    const char *bargv[] = {"assess", "benchmark", "-q", COHORT_Q, in, "-o", bench,
                           "--by", "region", "--min-group", "1", NULL};
    assert_int_equal(spawn(bargv, (spawn_opts){0}, &err, NULL), 0);
    free(err);
    text = slurp(bench, NULL);
    assert_contains(text, "2026,region,\"'+North\",");
    assert_contains(text, "2026,region,\"'=West\",");
    assert_contains(text, "2026,region,CR,"); /* trimmed: a leading CR is a space */
    /* no line starts with a formula character */
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        assert_null(strchr("=+-@\t\r", *p) && *p ? p : NULL);
    free(text);
    remove_dir(dir);
}

/* Batch file names from hostile entity names stay inside the folder,
 * hidden from nothing, and never overwrite each other. */
static void test_batch_names(void **state)
{
    (void)state;
    char *dir = temp_dir();
    char *out = temp_dir();
    const char *in = path_in(dir, "in.csv");
    char longname[301];
    memset(longname, 'x', 300);
    longname[300] = '\0';
    FILE *f = fopen(in, "w");
    fputs("entity,cycle,a1,a2,b1\n", f);
    static const char *const hostile[] = {"../../etc/passwd", ".hidden", "CON", "a/b\\c",
                                          "\x01\x02\x1f", "..", "index", "=cmd|' /C calc'!A0"};
    for (size_t k = 0; k < sizeof hostile / sizeof *hostile; k++)
        fprintf(f, "\"%s\",2026,2,3,1\n", hostile[k]);
    fprintf(f, "%s,2026,1,1,1\n", longname);
    fclose(f);
    const char *argv[] = {"assess", "report", "--batch", in, "-q", COHORT_Q, "-o", out,
                          "-j", "2", NULL};
    char *err;
    int st = spawn(argv, (spawn_opts){0}, &err, NULL);
    if (st != 0)
        fail_msg("status %d, messages:\n%s", st, err);
    assert_clean(err);
    free(err);
    /* 9 PDFs, 9 workbooks, 9 web pages and the index, every name plain */
    assert_int_equal(count_entries(out), 28);
    DIR *h = opendir(out);
    struct dirent *e;
    while ((e = readdir(h)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        assert_true(e->d_name[0] != '.' && e->d_name[0] != '-');
        assert_true(strlen(e->d_name) <= 90);
        for (const char *p = e->d_name; *p; p++)
            assert_true((unsigned char)*p >= 0x20 && *p != '\\');
    }
    closedir(h);
    /* nothing escaped: the input folder holds only the input */
    assert_int_equal(count_entries(dir), 1);
    char *index = slurp(path_in(out, "index.csv"), NULL);
    assert_non_null(index);
    assert_contains(index, "\"'=cmd|' /C calc'!A0\",2026,");
    free(index);
    remove_dir(out);
    remove_dir(dir);
}

static char *tool_output(const char *const *argv, int want)
{
    run_result r = run_tool(argv);
    if (r.status != want)
        fail_msg("%s: status %d\n%s", argv[0], r.status, r.err);
    free(r.err);
    return r.out;
}

/* A PDF and a workbook made from text full of PDF and XML syntax and
 * control characters: qpdf finds the PDF sound and pdftotext gives the
 * text back; the workbook's cells hold it as strings, not formulas. */
static void test_hostile_text(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *in = path_in(dir, "in.csv");
    write_file(in, "entity,cycle,region,a1,a2,b1,a1.notes\n"
                   "\"Paren (x)) \\\\ back\\slash <b>&amp; \x01\x7f end\",2026,"
                   "\"=1+1\",2,3,1,\"(unbalanced \\\\) ]>%%EOF\"\n");
    const char *pdf = path_in(dir, "r.pdf");
    const char *xlsx = path_in(dir, "r.xlsx");
    for (int k = 0; k < 2; k++) {
        const char *argv[] = {"assess", "report", "-q", COHORT_Q, in, "-o", k ? xlsx : pdf,
                              NULL};
        char *err;
        int st = spawn(argv, (spawn_opts){0}, &err, NULL);
        if (st != 0)
            fail_msg("status %d, messages:\n%s", st, err);
        assert_clean(err);
        free(err);
    }
    const char *qpdf[] = {"qpdf", "--check", pdf, NULL};
    free(tool_output(qpdf, 0));
    const char *totext[] = {"pdftotext", "-enc", "UTF-8", pdf, "-", NULL};
    char *text = tool_output(totext, 0);
    assert_contains(squeeze(text), "Paren (x)) \\\\ back\\slash <b>&amp;");
    free(text);

    /* every cell of every sheet: the entity is a string, no formula
     * holds user text */
    const char *py[] = {
        "/usr/bin/python3", "-c",
        "import sys, zipfile, re\n"
        "z = zipfile.ZipFile(sys.argv[1])\n"
        "xml = ''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/'))\n"
        "assert 'Paren (x)) \\\\\\\\ back' in xml, 'entity missing'\n"
        "for f in re.findall(r'<f>(.*?)</f>', xml):\n"
        "    assert '1+1' not in f and 'Paren' not in f, f\n"
        "print('ok')\n",
        xlsx, NULL};
    char *ok = tool_output(py, 0);
    assert_string_equal(ok, "ok\n");
    free(ok);
    remove_dir(dir);
}

/* ## Memory */

/* Over 100,000 synthetic submissions scored in a child whose peak resident
 * set stays under 150 MB (the sanitizers' shadow memory aside). */
static void test_large_cohort_memory(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *data = path_in(dir, "cohort.csv");
    const char *gen[] = {GEN_COHORT_EXE, "-q", GARE_Q, "-o", data, "--cities", "53000",
                         "--cycles", "2025,2026", "--multi", "0", NULL};
    run_result g = run_tool(gen);
    if (g.status != 0)
        fail_msg("gen_cohort: %s", g.err);
    run_free(&g);
    const char *argv[] = {"assess", "score", "-q", GARE_Q, data, "--format", "csv", "-o",
                          path_in(dir, "scores.csv"), NULL};
    char *err;
    long peak_kb = 0;
    int st = spawn(argv, (spawn_opts){0}, &err, &peak_kb);
    if (st != 0)
        fail_msg("status %d:\n%s", st, err);
    free(err);
    size_t lines = 0;
    char *scores = slurp(path_in(dir, "scores.csv"), NULL);
    for (const char *p = scores; (p = strchr(p, '\n')) != NULL; p++)
        lines++;
    free(scores);
    assert_true(lines > 100000); /* a row per assessment (cities skip cycles) */
    print_message("[   INFO   ] %zu submissions: peak RSS %ld MB\n", lines - 1,
                  peak_kb / 1024);
#if !defined(__SANITIZE_ADDRESS__)
    assert_true(peak_kb < 150 * 1024);
#endif
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_file_size_limit),
        cmocka_unit_test(test_rows_limit),
        cmocka_unit_test(test_long_value),
        cmocka_unit_test(test_full_disk),
        cmocka_unit_test(test_stdout_full),
        cmocka_unit_test(test_unwritable_folder),
        cmocka_unit_test(test_late_input_error),
        cmocka_unit_test(test_csv_injection),
        cmocka_unit_test(test_batch_names),
        cmocka_unit_test(test_hostile_text),
        cmocka_unit_test(test_large_cohort_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
