/*
 * cmd_template.c — `assess template`: a questionnaire as something to
 * fill in: the assessment workbook (.xlsx, reports/template_xlsx.h), the
 * long CSV form (.csv, written here) or the printable form (.pdf,
 * reports/form.h).  `assess score` and `assess report` read the first two
 * back once they are filled in.
 */
#include "cli.h"

#include "assess-report.h"

#include <stdlib.h>
#include <string.h>

static const char *const usage_line =
    N_("usage: assess template [-q Q] -o FILE.xlsx|FILE.csv|FILE.pdf [--lang L] [--quiet]\n");

static const char *const help_text =
    N_("usage: assess template [-q Q] -o FILE.xlsx|FILE.csv|FILE.pdf [--lang L] [--quiet]\n"
    "\n"
    "Writes a questionnaire as a form to fill in:\n"
    "  FILE.xlsx  the assessment workbook: instructions, a cover for the entity, cycle and\n"
    "             respondent, one sheet per dimension with a drop-down answer per question,\n"
    "             evidence and notes; only the cells to fill in can be changed\n"
    "  FILE.csv   the long CSV form: @ rows for the cover, then one row per question\n"
    "             (-o - writes it to standard output)\n"
    "  FILE.pdf   a printable form for workshops on paper: a box per answer level\n"
    "A filled workbook or CSV form is read by `assess score` and `assess report` like any\n"
    "responses file.\n"
    "\n"
    "  -q Q        questionnaire folder, workbook or installed name (default gare-local)\n"
    "  -o FILE     the form to write (replaced whole, or left alone on failure)\n"
    "  --lang L    use the questionnaire's translations into L (text::L columns)\n"
    "  --quiet     say nothing on success (else \"wrote FILE\" on stderr)\n"
    "  --help, --version\n"
    "\n"
    "With SOURCE_DATE_EPOCH set, two runs give identical files.\n");

typedef struct {
    const char *q, *out, *lang;
    bool quiet;
} template_args;

static int parse_args(int argc, char **argv, template_args *a, char **pos)
{
    const cli_option opts[] = {
        {"-q", &a->q, NULL, NULL, NULL},
        {"-o", &a->out, NULL, NULL, NULL},
        {"--lang", &a->lang, NULL, NULL, NULL},
        {"--quiet", NULL, &a->quiet, NULL, NULL},
    };
    int npos = 0;
    int rc = cli_options_parse(argc, argv, opts, sizeof opts / sizeof *opts, pos, &npos,
                               "template", usage_line, help_text);
    if (rc >= 0)
        return rc;
    if (npos > 0)
        return cli_usage_error("template", usage_line,
                               _("unexpected argument \"%s\" (the questionnaire goes after -q)"),
                               pos[0]);
    if (!a->out)
        return cli_usage_error("template", usage_line,
                               _("-o FILE.xlsx, FILE.csv or FILE.pdf is required"));
    if (strcmp(a->out, "-") != 0 && !cli_has_ext(a->out, ".xlsx") &&
        !cli_has_ext(a->out, ".csv") && !cli_has_ext(a->out, ".pdf"))
        return cli_usage_error("template", usage_line,
                               _("-o takes a .xlsx, .csv or .pdf file (or - for CSV), not \"%s\""),
                               a->out);
    return -1;
}

/* ## The long CSV form */

static void csv_row(FILE *f, const char *item, const char *answer, const char *question,
                    const char *choices)
{
    assess_csv_put_raw(f, item);
    fputc(',', f);
    assess_csv_put_raw(f, answer);
    fputs(",,,", f);
    assess_csv_put_text(f, question);
    fputc(',', f);
    assess_csv_put_text(f, choices);
    fputc('\n', f);
}

/* The choices of a scale as "Label | Label | …", in buf (grown).  A
 * translated label is followed by its value, "Mucho (2)": the loader
 * knows labels in the questionnaire's own language only. */
static const char *choices_text(const assess_scale *sc, const char *lang, char **buf,
                                size_t *cap)
{
    size_t need = 1;
    for (size_t k = 0; k < sc->nchoices; k++)
        need += strlen(assess_text_get(&sc->choices[k].label, lang)) +
                strlen(sc->choices[k].value) + 6;
    if (need > *cap) {
        char *grown = realloc(*buf, need);
        if (!grown)
            return "";
        *buf = grown;
        *cap = need;
    }
    size_t o = 0;
    for (size_t k = 0; k < sc->nchoices; k++) {
        const assess_choice *ch = &sc->choices[k];
        const char *label = assess_text_get(&ch->label, lang);
        bool translated = label != ch->label.text;
        o += (size_t)snprintf(*buf + o, *cap - o, "%s%s%s%s%s", k ? " | " : "", label,
                              translated ? " (" : "", translated ? ch->value : "",
                              translated ? ")" : "");
    }
    return *buf;
}

/* A survey question's options as "Label (code) | …": its answer is the
 * codes of the options that apply, separated by spaces. */
static const char *options_text(const assess_scale *ls, const char *lang, char **buf, size_t *cap)
{
    size_t need = 1;
    for (size_t k = 0; k < ls->nchoices; k++)
        need += strlen(assess_text_get(&ls->choices[k].label, lang)) +
                strlen(ls->choices[k].value) + 6;
    if (need > *cap) {
        char *grown = realloc(*buf, need);
        if (!grown)
            return "";
        *buf = grown;
        *cap = need;
    }
    size_t o = 0;
    for (size_t k = 0; k < ls->nchoices; k++)
        o += (size_t)snprintf(*buf + o, *cap - o, "%s%s (%s)", k ? " | " : "",
                              assess_text_get(&ls->choices[k].label, lang), ls->choices[k].value);
    return *buf;
}

static assess_status write_csv(const assess_questionnaire *q, const char *lang, const char *out,
                               assess_diags *d)
{
    cli_out o;
    assess_status st = cli_out_open(&o, out, d);
    if (st != ASSESS_OK)
        return st;
    FILE *f = o.f;
    if (o.tmp)
        fputs("\xEF\xBB\xBF", f); /* so that Excel reads the accents right */
    fputs("item,answer,evidence,notes,question,choices\n", f);
    char qid[512];
    snprintf(qid, sizeof qid, "%s@%s", q->id, q->version);
    const char *entity = assess_text_get(&q->entity_label, lang);
    /* the form's hints in lang, as the workbook's (the columns stay codes) */
    const char *required = l10n_get(lang, "Required: the name of the %s assessed");
    size_t n = strlen(entity) + strlen(required) + 1;
    char *hint = malloc(n);
    if (!hint) {
        cli_out_abort(&o);
        return ASSESS_ERR_NOMEM;
    }
    snprintf(hint, n, l10n_get(lang, "Required: the name of the %s assessed"), entity);
    csv_row(f, "@entity", "", hint, "");
    free(hint);
    csv_row(f, "@cycle", "", l10n_get(lang, "The assessment period, for example 2026"), "");
    csv_row(f, "@questionnaire", qid,
            l10n_get(lang, "The questionnaire these answers are for; keep it"), "");
    csv_row(f, "@respondent", "", l10n_get(lang, "Who answered: a name, a team or a role"), "");
    csv_row(f, "@submitted", "", l10n_get(lang, "The date the answers were final, as YYYY-MM-DD"),
            "");
    csv_row(f, "@region", "", l10n_get(lang, "Optional: the region, for comparisons with peers"),
            "");
    csv_row(f, "@population", "", l10n_get(lang, "Optional: the number of residents"), "");
    char *buf = NULL;
    size_t cap = 0;
    for (size_t dim = 0; dim < q->ndimensions; dim++) {
        for (size_t k = 0; k < q->dimensions[dim].nitems; k++) {
            const assess_item *it = &q->items[q->dimensions[dim].items[k]];
            csv_row(f, it->id, "", assess_text_get(&it->text, lang),
                    choices_text(&q->scales[it->scale], lang, &buf, &cap));
        }
    }
    const char *how = l10n_get(lang, "(Not scored: write the codes of the options that "
                                     "apply, separated by spaces.)");
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_multi *mi = &q->multis[m];
        const char *text = assess_text_get(&mi->text, lang);
        size_t qn = strlen(text) + strlen(how) + 2;
        char *question = malloc(qn);
        if (!question) {
            free(buf);
            cli_out_abort(&o);
            return ASSESS_ERR_NOMEM;
        }
        snprintf(question, qn, "%s %s", text, how);
        csv_row(f, mi->id, "", question, options_text(&q->lists[mi->list], lang, &buf, &cap));
        free(question);
    }
    free(buf);
    return cli_out_commit(&o, d);
}

/* ## The workbook and the printable form */

static assess_status write_xlsx(const assess_questionnaire *q, const char *lang,
                                const char *out, assess_diags *d)
{
    char *tmp = cli_path_temp(out);
    if (!tmp) {
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), _("cannot write here"));
        return ASSESS_ERR_IO;
    }
    template_options opt = {.lang = lang, .created = (time_t)cli_now()};
    char err[512] = "";
    bool ok = template_xlsx_write(q, &opt, tmp, err, sizeof err) == 0;
    if (!ok)
        assess_diags_add(d, ASSESS_ERROR, assess_loc_file(out), "%s", err);
    assess_status st = cli_path_commit(tmp, out, ok, d);
    free(tmp);
    return st;
}

static assess_status write_pdf(const assess_questionnaire *q, const char *lang,
                               const char *out, assess_diags *d)
{
    form_options opt = {.lang = lang, .created = (time_t)cli_now()};
    report_doc *doc = form_doc_new(q, &opt);
    if (!doc)
        return ASSESS_ERR_NOMEM;
    assess_status st = cli_pdf_write(doc, out, d);
    doc_free(doc);
    return st;
}

int cli_cmd_template(int argc, char **argv)
{
    template_args a = {0};
    char **pos = calloc((size_t)argc, sizeof *pos);
    int rc = pos ? parse_args(argc, argv, &a, pos) : CLI_FAILURE;
    free(pos);
    if (rc >= 0)
        return rc;

    assess_diags d;
    assess_diags_init(&d);
    assess_questionnaire *q = NULL;
    assess_status st = cli_questionnaire_load(a.q, NULL, &q, &d);
    if (st == ASSESS_OK)
        report_request_lang_check(q, a.lang, &d);
    size_t printed = d.count;
    cli_diags_print(&d, 0);
    if (st == ASSESS_OK) {
        if (cli_has_ext(a.out, ".xlsx"))
            st = write_xlsx(q, a.lang, a.out, &d);
        else if (cli_has_ext(a.out, ".pdf"))
            st = write_pdf(q, a.lang, a.out, &d);
        else
            st = write_csv(q, a.lang, a.out, &d);
    }
    if (st == ASSESS_OK && strcmp(a.out, "-") != 0)
        cli_wrote(a.out, a.quiet);
    if (st == ASSESS_ERR_NOMEM && d.errors == 0)
        fprintf(stderr, _("assess template: out of memory\n"));
    cli_diags_print(&d, printed);
    assess_questionnaire_free(q);
    assess_diags_cleanup(&d);
    return cli_exit_status(st);
}
