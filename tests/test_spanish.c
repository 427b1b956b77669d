/*
 * test_spanish.c — the outputs a reader sees, made with --lang es, read
 * back: no English left from the program (po/assess.pot, as xgettext made
 * it) or from the questionnaire (tests/l10n_check.py), the same bytes
 * under LC_ALL=C and LC_ALL=C.UTF-8, regional codes falling back to es,
 * and what a person fills in scoring the same in either language.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PYTHON "/usr/bin/python3" /* Debian's, with python3-openpyxl */
#define CHECK  SOURCE_DIR "/tests/l10n_check.py"
#define FILL   SOURCE_DIR "/tests/template_fill.py"
#define GARE   SOURCE_DIR "/questionnaires/gare-local"

static char *path_in(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    assert_non_null(p);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* assess with arguments under the locale loc (LANGUAGE unset), dated
 * 1 December 2026. */
static run_result run_in(const char *loc, const char *const *args)
{
    /* a fixed date, so that two runs write the same bytes */
    const char *argv[32] = {"env", "-u", "LANGUAGE", NULL, "SOURCE_DATE_EPOCH=1796083200",
                            ASSESS_EXE};
    char lc[64];
    snprintf(lc, sizeof lc, "LC_ALL=%s", loc);
    argv[3] = lc;
    size_t n = 6;
    for (; *args && n < 31; args++)
        argv[n++] = *args;
    argv[n] = NULL;
    return run_tool(argv);
}

static void no_english(const char *file)
{
    const char *argv[] = {PYTHON, CHECK, POT, GARE, "es", file, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("%s%s", r.out, r.err);
    run_free(&r);
}

static void same_file(const char *a, const char *b)
{
    size_t na, nb;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    assert_non_null(x);
    assert_non_null(y);
    assert_int_equal(na, nb);
    assert_memory_equal(x, y, na);
    free(x);
    free(y);
}

/* The facts template_fill.py inspect prints, for one workbook. */
static char *inspect(const char *xlsx)
{
    const char *argv[] = {PYTHON, FILL, "inspect", xlsx, NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("inspect: %s", r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

static void test_workbook_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir(), *c = path_in(dir, "c.xlsx"), *u = path_in(dir, "u.xlsx"),
         *mx = path_in(dir, "mx.xlsx");
    const char *a1[] = {"template", "-q", GARE, "--lang", "es", "-o", c, NULL};
    const char *a2[] = {"template", "-q", GARE, "--lang", "es", "-o", u, NULL};
    const char *a3[] = {"template", "-q", GARE, "--lang", "es-MX", "-o", mx, NULL};
    const char *const *args[] = {a1, a2, a3};
    const char *locs[] = {"C", "C.UTF-8", "C"};
    for (size_t k = 0; k < 3; k++) {
        run_result r = run_in(locs[k], args[k]);
        if (r.status != 0)
            fail_msg("template: %s", r.err);
        run_free(&r);
    }
    same_file(c, u); /* the process locale changes nothing */
    no_english(c);
    no_english(mx);
    char *facts = inspect(c);
    assert_non_null(strstr(facts, "sheets: Instrucciones|Portada|Normalizar|Organizar|"
                                  "Operacionalizar|"));
    free(facts);
    facts = inspect(mx);
    assert_non_null(strstr(facts, "sheets: Instrucciones|Portada|Normalizar|"));
    free(facts);
    /* and the English workbook is English: the check can fail */
    char *en = path_in(dir, "en.xlsx");
    const char *a4[] = {"template", "-q", GARE, "-o", en, NULL};
    run_result r = run_in("C.UTF-8", a4);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *argv[] = {PYTHON, CHECK, POT, GARE, "es", en, NULL};
    r = run_tool(argv);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "English left: \u201cWhat the answers mean\u201d"));
    run_free(&r);
    free(en);
    free(c);
    free(u);
    free(mx);
    remove_dir(dir);
}

/* The same choices in both languages' workbooks: labels "Sin iniciar" and
 * "Not started" and so on, item by item, from gare-local's scales. */
static void write_specs(const char *dir)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             PYTHON " -c \"import csv, json, sys\n"
                    "q, d = sys.argv[1], sys.argv[2]\n"
                    "scales = {}\n"
                    "for r in csv.DictReader(open(q + '/scales.csv', encoding='utf-8')):\n"
                    "    scales.setdefault(r['scale'], []).append(r)\n"
                    "es, en = {}, {}\n"
                    "for k, it in enumerate(csv.DictReader(open(q + '/items.csv', "
                    "encoding='utf-8'))):\n"
                    "    if it.get('type') == 'select_multiple': continue\n"
                    "    ch = scales[it['scale']][k %% len(scales[it['scale']])]\n"
                    "    es[it['id']], en[it['id']] = ch['label::es'], ch['label']\n"
                    "cover = {'@entity': 'Riverton', '@cycle': '2026'}\n"
                    "json.dump({'cover': cover, 'answers': es}, open(d + '/es.json', 'w'))\n"
                    "json.dump({'cover': cover, 'answers': en}, open(d + '/en.json', 'w'))\" "
                    "'%s' '%s'",
             GARE, dir);
    assert_int_equal(system(cmd), 0);
}

static char *score_csv(const char *file)
{
    run_result r = run("score", "-q", GARE, file, "--format", "csv", NULL);
    if (r.status != 0)
        fail_msg("score %s: %s", file, r.err);
    char *out = r.out;
    r.out = NULL;
    run_free(&r);
    return out;
}

/* A copy saved by LibreOffice, or NULL when it is not installed. */
static char *libreoffice_copy(const char *xlsx, const char *dir)
{
    if (access("/usr/bin/soffice", X_OK) != 0)
        return NULL;
    char *home = path_in(dir, "home"), *outdir = path_in(dir, "lo");
    mkdir(home, 0700);
    mkdir(outdir, 0700);
    char profile[1200], env_home[1200];
    snprintf(profile, sizeof profile, "-env:UserInstallation=file://%s", home);
    snprintf(env_home, sizeof env_home, "HOME=%s", home);
    const char *argv[] = {"env",  env_home,   "soffice", profile, "--headless", "--convert-to",
                          "xlsx", "--outdir", outdir,    xlsx,    NULL};
    run_result r = run_tool(argv);
    if (r.status != 0)
        fail_msg("soffice: %s%s", r.out, r.err);
    run_free(&r);
    const char *base = strrchr(xlsx, '/');
    char *copy = path_in(outdir, base ? base + 1 : xlsx);
    free(home);
    free(outdir);
    return copy;
}

static void test_workbook_round_trip(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_specs(dir);
    char *es = path_in(dir, "es.xlsx"), *en = path_in(dir, "en.xlsx");
    char *esf = path_in(dir, "es-filled.xlsx"), *enf = path_in(dir, "en-filled.xlsx");
    char *esj = path_in(dir, "es.json"), *enj = path_in(dir, "en.json");
    run_result r = run("template", "-q", GARE, "--lang", "es", "-o", es, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    r = run("template", "-q", GARE, "-o", en, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *f1[] = {PYTHON, FILL, "fill", es, esf, esj, NULL};
    const char *f2[] = {PYTHON, FILL, "fill", en, enf, enj, NULL};
    r = run_tool(f1);
    assert_int_equal(r.status, 0);
    run_free(&r);
    r = run_tool(f2);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *want = score_csv(enf), *got = score_csv(esf);
    assert_string_equal(got, want);
    assert_non_null(strstr(want, "Riverton,2026,"));
    free(got);
    char *lo = libreoffice_copy(esf, dir);
    if (lo) {
        got = score_csv(lo);
        assert_string_equal(got, want);
        free(got);
        free(lo);
    }
    free(want);
    free(es);
    free(en);
    free(esf);
    free(enf);
    free(esj);
    free(enj);
    const char *rm[] = {"rm", "-rf", dir, NULL}; /* LibreOffice's profile is a tree */
    r = run_tool(rm);
    run_free(&r);
    free(dir);
}

/* The text pdftotext finds in a PDF (malloc'd). */
static char *pdf_text(const char *pdf, const char *txt)
{
    const char *argv[] = {"pdftotext", pdf, txt, NULL};
    run_result r = run_tool(argv);
    assert_int_equal(r.status, 0);
    run_free(&r);
    char *text = slurp(txt, NULL);
    assert_non_null(text);
    return text;
}

/* A Spanish city report of gare-local 1.1 (a Spanish workbook filled in
 * Spanish), as PDF and workbook, under C and C.UTF-8, and with es-MX:
 * Spanish headings, dates and labels, no English of the program or of the
 * questionnaire, the same bytes whatever the locale. */
static void test_report_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_specs(dir);
    char *es = path_in(dir, "es.xlsx"), *esf = path_in(dir, "es-filled.xlsx"),
         *esj = path_in(dir, "es.json");
    run_result r = run("template", "-q", GARE, "--lang", "es", "-o", es, NULL);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *fill[] = {PYTHON, FILL, "fill", es, esf, esj, NULL};
    r = run_tool(fill);
    assert_int_equal(r.status, 0);
    run_free(&r);
    const char *names[] = {"c.pdf", "u.pdf", "mx.pdf", "c.xlsx", "u.xlsx"};
    const char *langs[] = {"es", "es", "es-MX", "es", "es"};
    const char *locs[] = {"C", "C.UTF-8", "C", "C", "C.UTF-8"};
    char *out[5];
    for (size_t k = 0; k < 5; k++) {
        out[k] = path_in(dir, names[k]);
        const char *argv[] = {
            "env",      "-u",     "LANGUAGE", NULL,   "SOURCE_DATE_EPOCH=1796083200",
            ASSESS_EXE, "report", "-q",       GARE,   esf,
            "--lang",   langs[k], "-o",       out[k], NULL};
        char lc[64];
        snprintf(lc, sizeof lc, "LC_ALL=%s", locs[k]);
        argv[3] = lc;
        r = run_tool(argv);
        if (r.status != 0)
            fail_msg("report %s: %s", names[k], r.err);
        run_free(&r);
    }
    same_file(out[0], out[1]);
    same_file(out[3], out[4]);
    char *txt = path_in(dir, "c.txt"), *mxt = path_in(dir, "mx.txt");
    char *text = pdf_text(out[0], txt), *mx = pdf_text(out[2], mxt);
    assert_string_equal(mx, text); /* es-MX: the Spanish of es */
    const char *want[] = {"Informe de mejora",
                          "1 de diciembre de 2026",
                          "De un vistazo",
                          "Cinco prioridades",
                          "Índice general",
                          "Puntuaciones por dimensión",
                          "Plan de mejora",
                          "Anexo: cómo se calculan las puntuaciones",
                          "Glosario",
                          "Sin iniciar (nivel 0 de 4)",
                          "Cuestionario gare-local",
                          "Página 3 de ",
                          "(continuación)"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(text, want[k]))
            fail_msg("the Spanish report has no \"%s\"", want[k]);
    assert_null(strstr(text, "Page ")); /* the footer too */
    assert_null(strstr(text, "(continued)"));
    no_english(txt);
    no_english(out[0]); /* the figures' text alternatives too */
    no_english(out[3]);
    char *html = path_in(dir, "c.html");
    const char *ah[] = {"report", "-q", GARE, esf, "--lang", "es", "-o", html, NULL};
    r = run_in("C", ah);
    if (r.status != 0)
        fail_msg("report c.html: %s", r.err);
    run_free(&r);
    no_english(html);
    free(html);
    char *facts = inspect(out[3]);
    assert_non_null(strstr(facts, "sheets: Resumen|Preguntas|Plan|Encuesta|Recursos|Glosario"));
    free(facts);
    free(text);
    free(mx);
    free(txt);
    free(mxt);
    for (size_t k = 0; k < 5; k++)
        free(out[k]);
    free(es);
    free(esf);
    free(esj);
    remove_dir(dir);
}

/* The printable form in Spanish. */
static void test_form_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir(), *pdf = path_in(dir, "form.pdf"), *txt = path_in(dir, "form.txt");
    const char *a[] = {"template", "-q", GARE, "--lang", "es", "-o", pdf, NULL};
    run_result r = run_in("C", a);
    if (r.status != 0)
        fail_msg("template: %s", r.err);
    run_free(&r);
    char *text = pdf_text(pdf, txt);
    const char *want[] = {"Formulario de",      "Cómo responder", "Acerca de esta evaluación",
                          "Fecha (AAAA-MM-DD)", "13 preguntas.",  "Respuesta: marque una casilla",
                          "PREPARADO POR",      "Página 2 de "};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(text, want[k]))
            fail_msg("the Spanish form has no \"%s\"", want[k]);
    no_english(txt);
    free(text);
    free(pdf);
    free(txt);
    remove_dir(dir);
}

/* The Spanish CSV form: its hints in Spanish, and filled with Spanish
 * labels it scores as the same form filled with the English labels of the
 * same choices (the answer-matching rule takes any language's labels). */
static void test_csv_form_round_trip(void **state)
{
    (void)state;
    char *dir = temp_dir();
    write_specs(dir);
    char *form = path_in(dir, "form.csv");
    const char *a[] = {"template", "-q", GARE, "--lang", "es", "-o", form, "--quiet", NULL};
    run_result r = run_in("C", a);
    if (r.status != 0)
        fail_msg("template: %s", r.err);
    run_free(&r);
    no_english(form);
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             PYTHON " -c \"import csv, json, sys\n"
                    "d = sys.argv[1]\n"
                    "for lang in ('es', 'en'):\n"
                    "    ans = json.load(open(d + '/' + lang + '.json'))['answers']\n"
                    "    rows = list(csv.reader(open(d + '/form.csv', encoding='utf-8-sig')))\n"
                    "    for r in rows[1:]:\n"
                    "        r[1] = {'@entity': 'Riverton', '@cycle': '2026'}.get(r[0], "
                    "ans.get(r[0], r[1]))\n"
                    "    csv.writer(open(d + '/' + lang + '.csv', 'w', encoding='utf-8', "
                    "newline='')).writerows(rows)\" '%s'",
             dir);
    assert_int_equal(system(cmd), 0);
    char *es = path_in(dir, "es.csv"), *en = path_in(dir, "en.csv");
    char *got = score_csv(es), *want = score_csv(en);
    assert_string_equal(got, want);
    assert_non_null(strstr(want, "Riverton,2026,"));
    free(got);
    free(want);
    free(es);
    free(en);
    free(form);
    remove_dir(dir);
}

/* The statewide report in Spanish, as PDF, workbook and web page, grouped
 * by region and size under LC_ALL=C: its own words, the size bands, the
 * cross-version note and the charts' descriptions in Spanish, no English
 * of the program or of the questionnaire (the cohort's 2026 cycle answers
 * gare-local 1.1.0, which speaks Spanish; 2025 answers 1.0.0). */
static void test_statewide_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *names[] = {"state.pdf", "state.xlsx", "state.html"};
    for (size_t k = 0; k < 3; k++) {
        char *out = path_in(dir, names[k]);
        const char *a[] = {"benchmark", SOURCE_DIR "/examples/cohort",
                           "--by",      "region",
                           "--min-group", "10",
                           "--members", "--lang",
                           "es",        "-o",
                           out,         "--quiet",
                           NULL};
        run_result r = run_in("C", a);
        if (r.status != 0)
            fail_msg("benchmark %s: %s", names[k], r.err);
        assert_null(strstr(r.err, "has no texts in \"es\""));
        run_free(&r);
        no_english(out);
        free(out);
    }
    char *pdf = path_in(dir, "state.pdf"), *txt = path_in(dir, "state.txt");
    char *text = pdf_text(pdf, txt);
    const char *want[] = {"Informe de comparación estatal",
                          "La cohorte de un vistazo",
                          "Dimensiones por grupo",
                          "Necesidades de capacitación",
                          "Anexo: método",
                          "Mediana",
                          "menos de 10,000",
                          "250,000 o más",
                          "menos de 10",
                          "Etapas por región",
                          "El ciclo 2025 se respondió con la versión 1.0.0"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(text, want[k]))
            fail_msg("the Spanish statewide report has no \"%s\"", want[k]);
    assert_null(strstr(text, "The cohort at a glance"));
    assert_null(strstr(text, "Training needs"));
    assert_null(strstr(text, "under 10,000"));
    assert_null(strstr(text, "fewer than"));
    free(text);
    /* the charts' descriptions, in the web page's SVG and table captions */
    char *html = path_in(dir, "state.html");
    char *page = slurp(html, NULL);
    assert_non_null(page);
    assert_non_null(strstr(page, "mitad central de "));
    assert_non_null(strstr(page, ": los números del gráfico"));
    assert_null(strstr(page, "middle half"));
    free(page);
    free(html);
    free(pdf);
    free(txt);
    remove_dir(dir);
}

/* The city reports that compare, as PDF, workbook and web page under
 * LC_ALL=C: a cohort member with its previous cycle on another version
 * of the questionnaire, its region, its size band and a peer; and a city
 * with a consultant's commentary and the benchmark.  No English of the
 * program or of the questionnaire, charts' descriptions included (the PDF's
 * /Alt texts, the SVG descriptions, the workbook charts' alt texts). */
static void test_city_compare_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir();
    const char *exts[] = {"pdf", "xlsx", "html"};
    for (size_t k = 0; k < 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "peer.%s", exts[k]);
        char *out = path_in(dir, name);
        const char *a[] = {"report",       SOURCE_DIR "/examples/cohort",
                           "--entity",     "Elmholm",
                           "--benchmark",  SOURCE_DIR "/examples/cohort",
                           "--compare-with", "Finchton",
                           "--lang",       "es",
                           "-o",           out,
                           "--quiet",      NULL};
        run_result r = run_in("C", a);
        if (r.status != 0)
            fail_msg("report %s: %s", name, r.err);
        run_free(&r);
        no_english(out);
        free(out);
        snprintf(name, sizeof name, "notes.%s", exts[k]);
        out = path_in(dir, name);
        const char *b[] = {"report",       SOURCE_DIR "/examples/cities/cedar-falls-team.csv",
                           "--benchmark",  SOURCE_DIR "/examples/cohort",
                           "--commentary", SOURCE_DIR "/examples/commentary/cedar-falls.md",
                           "--lang",       "es",
                           "-o",           out,
                           "--quiet",      NULL};
        r = run_in("C", b);
        if (r.status != 0)
            fail_msg("report %s: %s", name, r.err);
        run_free(&r);
        no_english(out);
        free(out);
    }
    char *pdf = path_in(dir, "peer.pdf"), *txt = path_in(dir, "peer.txt");
    char *text = pdf_text(pdf, txt);
    const char *want[] = {"Cómo se compara", "Mediana por tamaño (menos de 10,000)",
                          "Cambio desde el ciclo 2025",
                          "La evaluación anterior respondió la versión 1.0.0"};
    for (size_t k = 0; k < sizeof want / sizeof *want; k++)
        if (!strstr(text, want[k]))
            fail_msg("the Spanish comparison has no \"%s\"", want[k]);
    free(text);
    free(pdf);
    free(txt);
    remove_dir(dir);
}

/* report --batch in Spanish: the index and every report of every format. */
static void test_batch_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir(), *out = path_in(dir, "out/");
    const char *a[] = {"report",  "--batch", SOURCE_DIR "/examples/cities",
                       "--benchmark", SOURCE_DIR "/examples/cohort",
                       "--lang",  "es",      "-o",
                       out,       "-j",      "2",
                       "--quiet", NULL};
    run_result r = run_in("C", a);
    if (r.status != 0)
        fail_msg("report --batch: %s", r.err);
    run_free(&r);
    const char *names[] = {"index.csv",     "riverton.pdf",   "riverton.xlsx",
                           "riverton.html", "lakeside.pdf",   "lakeside.xlsx",
                           "lakeside.html", "cedar-falls.pdf", "cedar-falls.xlsx",
                           "cedar-falls.html"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        char *f = path_in(out, names[k]);
        no_english(f);
        free(f);
    }
    free(out);
    char *sub = path_in(dir, "out");
    remove_dir(sub);
    remove_dir(dir);
}

/* The command's --help in Spanish under a locale whose messages are
 * Spanish (LANGUAGE=es under C.UTF-8), as GNU programs do: every
 * command's, with no English sentence of the program left; under C the
 * same help is English (the check can fail). */
static void test_help_spanish(void **state)
{
    (void)state;
    char *dir = temp_dir(), *file = path_in(dir, "help.txt");
    const char *cmds[][3] = {{"--help", NULL, NULL},        {"validate", "--help", NULL},
                             {"score", "--help", NULL},     {"benchmark", "--help", NULL},
                             {"report", "--help", NULL},    {"report", "--batch", "--help"},
                             {"chart", "--help", NULL},     {"template", "--help", NULL}};
    for (size_t k = 0; k < sizeof cmds / sizeof *cmds; k++) {
        for (int spanish = 1; spanish >= 0; spanish--) {
            const char *argv[] = {"env",      spanish ? "LC_ALL=C.UTF-8" : "LC_ALL=C",
                                  "LANGUAGE=es", ASSESS_EXE,
                                  cmds[k][0], cmds[k][1],
                                  cmds[k][2], NULL};
            run_result r = run_tool(argv);
            assert_int_equal(r.status, 0);
            write_file(file, r.out);
            if (spanish)
                assert_non_null(strstr(r.out, "uso: assess"));
            run_free(&r);
            const char *check[] = {PYTHON, CHECK, POT, GARE, "es", file, NULL};
            r = run_tool(check);
            if (spanish && r.status != 0)
                fail_msg("assess %s %s: %s", cmds[k][0], cmds[k][1] ? cmds[k][1] : "", r.out);
            if (!spanish)
                assert_int_equal(r.status, 1);
            run_free(&r);
        }
    }
    free(file);
    remove_dir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_workbook_spanish),  cmocka_unit_test(test_workbook_round_trip),
        cmocka_unit_test(test_report_spanish),    cmocka_unit_test(test_form_spanish),
        cmocka_unit_test(test_statewide_spanish), cmocka_unit_test(test_csv_form_round_trip),
        cmocka_unit_test(test_city_compare_spanish), cmocka_unit_test(test_batch_spanish),
        cmocka_unit_test(test_help_spanish),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
