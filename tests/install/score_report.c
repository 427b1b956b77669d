/*
 * score_report.c — a program outside the project, built against the
 * installed libraries alone (tests/install/test_install.sh):
 *
 *     cc score_report.c $(pkg-config --cflags --libs assess)
 *     ./score_report QUESTIONNAIRES RESPONSES OUT.pdf
 *
 * finds the questionnaire RESPONSES name in their `questionnaire` column
 * (ID@VERSION) among the packages in the folders QUESTIONNAIRES, scores
 * the first assessment of RESPONSES,
 * prints "ENTITY OVERALL STAGE" and writes its city report to OUT.pdf.
 */
#include <assess-report.h>
#include <assess.h>

#include <stdio.h>
#include <stdlib.h>

static int fail(assess_diags *d, assess_status st)
{
    char line[1024];
    for (size_t k = 0; k < d->count; k++) {
        assess_diag_format(&d->items[k], line, sizeof line);
        fprintf(stderr, "%s\n", line);
    }
    fprintf(stderr, "score_report: %s\n", assess_status_string(st));
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: score_report QUESTIONNAIRES RESPONSES OUT.pdf\n");
        return 2;
    }
    assess_diags d;
    assess_diags_init(&d);
    assess_catalog *catalog = NULL;
    assess_questionnaire *q = NULL;
    assess_responses *r = NULL;
    char name[256];
    assess_status st = assess_responses_peek_questionnaire(argv[2], name, sizeof name, &d);
    if (st == ASSESS_OK && !name[0])
        st = assess_diags_add(&d, ASSESS_ERROR, assess_loc_file(argv[2]), "no questionnaire column");
    if (st == ASSESS_OK)
        st = assess_catalog_scan(argv[1], &catalog);
    const assess_catalog_entry *e = st == ASSESS_OK ? assess_catalog_find(catalog, name) : NULL;
    if (st == ASSESS_OK && !e)
        st = assess_diags_add(&d, ASSESS_ERROR, assess_loc_file(argv[1]), "no %s", name);
    if (st == ASSESS_OK)
        st = assess_questionnaire_load(e->path, &q, &d);
    if (st == ASSESS_OK)
        st = assess_responses_new(q, &r);
    if (st == ASSESS_OK)
        st = assess_responses_add_file(r, argv[2], &d);
    if (st == ASSESS_OK && (d.errors || r->nassessments == 0))
        st = ASSESS_ERR_INVALID;
    assess_result res;
    int rc = 1;
    if (st == ASSESS_OK && (st = assess_result_init(&res, q)) == ASSESS_OK) {
        assess_score_compute(r, 0, &res);
        printf("%s %.1f %s\n", r->assessments[0].entity, res.overall.rounded,
               res.overall.stage ? res.overall.stage->id : "-");
        city_options opt = {.created = 1764547200, .prepared_by = "An outside program"};
        report_doc *doc = city_report_new(r, &res, &opt);
        char err[512] = "";
        if (!doc)
            fprintf(stderr, "score_report: out of memory\n");
        else if (pdf_render(doc, argv[3], err, sizeof err) != 0)
            fprintf(stderr, "score_report: %s\n", err);
        else
            rc = 0;
        doc_free(doc);
        assess_result_cleanup(&res);
    } else {
        rc = fail(&d, st);
    }
    assess_responses_free(r);
    assess_questionnaire_free(q);
    assess_catalog_free(catalog);
    assess_diags_cleanup(&d);
    return rc;
}
