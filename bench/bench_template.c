/*
 * bench_template.c — milliseconds per form of gare-local written (the
 * assessment workbook, the printable PDF form, and through the command
 * the CSV form and the workbook) and per filled workbook read back, with
 * the equivalent long CSV read for comparison.  The workbook is filled by
 * tests/template_fill.py (openpyxl) when /usr/bin/python3 has it.  It
 * prints figures and checks nothing; it is not a test.
 * Usage: bench_template [N] (default 50) [DIR] (default /tmp).
 */
#define _POSIX_C_SOURCE 200809L

#include "assess.h"
#include "bench_run.h"
#include "form.h"
#include "pdf.h"
#include "template_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static double ms_since(double t0)
{
    return (bench_now() - t0) * 1e3;
}

static void line(const char *what, double total_ms, int n)
{
    printf("  %-50s %8.2f ms\n", what, total_ms / n);
}

/* Reads a responses file n times; returns the total milliseconds, or -1. */
static double read_n(const assess_questionnaire *q, const char *path, int n)
{
    double t0 = bench_now();
    for (int k = 0; k < n; k++) {
        assess_diags d;
        assess_diags_init(&d);
        assess_responses *r = NULL;
        assess_status st = assess_responses_new(q, &r);
        if (st == ASSESS_OK)
            st = assess_responses_add_file(r, path, &d);
        bool ok = st == ASSESS_OK && r->nsubmissions == 1;
        assess_responses_free(r);
        assess_diags_cleanup(&d);
        if (!ok) {
            fprintf(stderr, "bench_template: cannot read %s\n", path);
            return -1;
        }
    }
    return ms_since(t0);
}

static double command_n(char *const argv[], int n)
{
    double total = 0;
    for (int k = 0; k < n; k++) {
        double s;
        long kb;
        if (bench_run(argv, &s, &kb) != 0) {
            fprintf(stderr, "bench_template: %s %s failed\n", argv[0], argv[1]);
            return -1;
        }
        total += s * 1e3;
    }
    return total;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 50;
    const char *dir = argc > 2 ? argv[2] : "/tmp";
    if (n <= 0)
        n = 50;
    char xlsx[1024], pdf[1024], csv[1024], filled[1024], spec[1024], long_csv[1024];
    snprintf(xlsx, sizeof xlsx, "%s/bench-template.xlsx", dir);
    snprintf(pdf, sizeof pdf, "%s/bench-template.pdf", dir);
    snprintf(csv, sizeof csv, "%s/bench-template.csv", dir);
    snprintf(filled, sizeof filled, "%s/bench-template-filled.xlsx", dir);
    snprintf(spec, sizeof spec, "%s/bench-template-spec.json", dir);
    snprintf(long_csv, sizeof long_csv, "%s/bench-template-long.csv", dir);

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    double t0 = bench_now();
    if (assess_questionnaire_load(QUESTIONNAIRE, &q, &d) != ASSESS_OK) {
        fprintf(stderr, "bench_template: cannot load %s\n", QUESTIONNAIRE);
        return 1;
    }
    double load = ms_since(t0);
    printf("assess template, gare-local (%zu items), %d runs each\n", q->nitems, n);
    line("questionnaire load (once)", load, 1);

    template_options topt = {.created = 1767225600};
    char err[512];
    t0 = bench_now();
    for (int k = 0; k < n; k++) {
        if (template_xlsx_write(q, &topt, xlsx, err, sizeof err) != 0) {
            fprintf(stderr, "bench_template: %s\n", err);
            return 1;
        }
    }
    line("workbook (template_xlsx_write)", ms_since(t0), n);

    form_options fopt = {.created = 1767225600};
    double build = 0, render = 0;
    for (int k = 0; k < n; k++) {
        t0 = bench_now();
        report_doc *doc = form_doc_new(q, &fopt);
        build += ms_since(t0);
        t0 = bench_now();
        if (!doc || pdf_render(doc, pdf, err, sizeof err) != 0) {
            fprintf(stderr, "bench_template: PDF: %s\n", doc ? err : "out of memory");
            return 1;
        }
        render += ms_since(t0);
        doc_free(doc);
    }
    line("PDF form: content (form_doc_new)", build, n);
    line("PDF form: rendering (pdf_render)", render, n);

    char *csv_argv[] = {ASSESS_EXE, "template", "-q", QUESTIONNAIRE, "-o", csv, NULL};
    char *xlsx_argv[] = {ASSESS_EXE, "template", "-q", QUESTIONNAIRE, "-o", xlsx, NULL};
    char *pdf_argv[] = {ASSESS_EXE, "template", "-q", QUESTIONNAIRE, "-o", pdf, NULL};
    double c = command_n(csv_argv, n), x = command_n(xlsx_argv, n), p = command_n(pdf_argv, n);
    if (c < 0 || x < 0 || p < 0)
        return 1;
    line("command: assess template -o FILE.csv", c, n);
    line("command: assess template -o FILE.xlsx", x, n);
    line("command: assess template -o FILE.pdf", p, n);

    /* a filled workbook, and the same answers as a long CSV */
    FILE *f = fopen(spec, "w");
    FILE *g = fopen(long_csv, "w");
    if (!f || !g)
        return 1;
    fputs("{\"cover\": {\"@entity\": \"Riverton\", \"@cycle\": \"2026\"}, \"answers\": {", f);
    fputs("item,answer,evidence,notes\n@entity,Riverton,,\n@cycle,2026,,\n", g);
    for (size_t i = 0; i < q->nitems; i++) {
        const assess_scale *sc = &q->scales[q->items[i].scale];
        const assess_choice *ch = &sc->choices[i % sc->nchoices];
        fprintf(f, "%s\"%s\": \"%s\"", i ? ", " : "", q->items[i].id, ch->label.text);
        fprintf(g, "%s,%s,Evidence %zu,\n", q->items[i].id, ch->value, i);
    }
    fputs("}, \"evidence\": {", f);
    for (size_t i = 0; i < q->nitems; i++)
        fprintf(f, "%s\"%s\": \"Evidence %zu\"", i ? ", " : "", q->items[i].id, i);
    fputs("}}\n", f);
    fclose(f);
    fclose(g);
    if (access("/usr/bin/python3", X_OK) == 0) {
        char *fill_argv[] = {"/usr/bin/python3", FILL, "fill", xlsx, filled, spec, NULL};
        double s;
        long kb;
        if (bench_run(fill_argv, &s, &kb) == 0) {
            double r = read_n(q, filled, n);
            if (r >= 0)
                line("filled workbook read (assess_responses_add_file)", r, n);
        } else {
            printf("  (no openpyxl: the filled workbook is not timed)\n");
        }
    }
    double r = read_n(q, long_csv, n);
    if (r >= 0)
        line("the same answers as a long CSV, read", r, n);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    unlink(xlsx);
    unlink(pdf);
    unlink(csv);
    unlink(filled);
    unlink(spec);
    unlink(long_csv);
    return 0;
}
