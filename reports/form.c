/*
 * form.c — the printable questionnaire (form.h): cover, how to answer,
 * then a card per item with a box per answer level and lines to write
 * evidence and notes on.  Only the document's content is decided here;
 * pdf.c lays it out.
 */
#include "form.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A line to write on, as wide as a card's text at the card's type size:
 * 96 underscores of DejaVu Sans at 9.5 pt are 456 pt, the text 476 pt. */
#define WRITE_LINE                                                                         \
    "________________________________________________"                                     \
    "________________________________________________"

typedef struct {
    report_doc *doc;
    const assess_questionnaire *q;
    const char *lang;
    bool nomem;
} form_ctx;

static const char *T(const form_ctx *c, const assess_text *t)
{
    return assess_text_get(t, c->lang);
}

const char *form_setting(const assess_questionnaire *q, const char *key, const char *lang)
{
    for (size_t k = 0; k < q->nsettings; k++)
        if (!strcmp(q->settings[k].key, key))
            return assess_text_get(&q->settings[k].value, lang);
    return "";
}

const char *form_kind_label(const assess_questionnaire *q, assess_choice_kind kind,
                            const char *lang)
{
    for (size_t s = 0; s < q->nscales; s++)
        for (size_t k = 0; k < q->scales[s].nchoices; k++)
            if (q->scales[s].choices[k].kind == kind)
                return assess_text_get(&q->scales[s].choices[k].label, lang);
    return NULL;
}

static const char *setting(const form_ctx *c, const char *key)
{
    return form_setting(c->q, key, c->lang);
}

static const char *kind_label(const form_ctx *c, assess_choice_kind kind)
{
    return form_kind_label(c->q, kind, c->lang);
}

/* n lines to write on, one under the other. */
static const char *lines(form_ctx *c, int n)
{
    return n == 1 ? WRITE_LINE : doc_strf(c->doc, "%s\n%s", WRITE_LINE, WRITE_LINE);
}

static void cover(form_ctx *c, const form_options *opt)
{
    report_doc *doc = c->doc;
    const assess_questionnaire *q = c->q;
    const char *org = setting(c, "organization");
    doc->cover = (doc_cover){
        .title = doc_str(doc, T(c, &q->title)),
        .subtitle = l10n_get(c->lang, "For a workshop on paper: tick one box per question"),
        .entity = l10n_get(c->lang, "Assessment form"),
        .questionnaire = {l10n_get(c->lang, "Questionnaire"),
                          doc_strf(doc, l10n_get(c->lang, "%s, version %s"), q->id, q->version)},
        .prepared_by = org[0] ? doc_str(doc, org) : NULL,
    };
    doc->info = (doc_info){
        .title = doc_strf(doc, l10n_get(c->lang, "%s — assessment form"), T(c, &q->title)),
        .author = doc_str(doc, org[0] ? org : "assess"),
        .subject = doc_strf(doc, l10n_get(c->lang, "The questions of %s@%s, to answer on paper"),
                            q->id, q->version),
        .keywords = l10n_get(c->lang, "self-assessment, questionnaire, form, racial equity"),
        .created = opt->created,
        .header = doc_strf(doc, l10n_get(c->lang, "%s — assessment form"), T(c, &q->title)),
        .lang = c->lang,
    };
}

static void how_to(form_ctx *c)
{
    report_doc *doc = c->doc;
    const assess_questionnaire *q = c->q;
    const char *entity = T(c, &q->entity_label);
    doc_heading(doc, 1, "how", l10n_get(c->lang, "How to answer"));
    const char *desc = setting(c, "description");
    if (desc[0])
        doc_paragraph(doc, DOC_STYLE_LEAD, desc);
    doc_paragraph(
        doc, DOC_STYLE_BODY,
        doc_strf(doc,
                 l10n_get(c->lang,
                          "This form holds the %zu questions of the self-assessment, grouped "
                          "by dimension and theme. Answer them together as a team, for the "
                          "%s as it is today."),
                 q->nitems, entity));
    doc_bullets(doc);
    doc_bullet(doc,
               l10n_get(c->lang,
                        "Tick one box per question: the level whose description is true today. "
                        "If a level is only partly true, tick the one below it."));
    const char *unknown = kind_label(c, ASSESS_CHOICE_UNKNOWN);
    const char *na = kind_label(c, ASSESS_CHOICE_NA);
    if (unknown)
        doc_bullet(
            doc,
            doc_strf(doc,
                     l10n_get(c->lang, "Do not guess: if nobody knows, tick “%s”. Finding out is a "
                                       "first step."),
                     unknown));
    if (na)
        doc_bullet(doc,
                   doc_strf(doc,
                            l10n_get(c->lang,
                                     "If a question does not apply, tick “%s” where it is offered; "
                                     "the question is then left out of the score."),
                            na));
    doc_bullet(doc,
               l10n_get(c->lang,
                        "Under Evidence, write what supports the answer: a document's title, "
                        "number and date, a link, or data. Under Notes, write what the team wants "
                        "to remember or discuss."));
    doc_bullet(doc,
               l10n_get(c->lang,
                        "Afterwards, type the answers into the assessment workbook or the CSV form "
                        "(assess template writes both) so that they can be scored; the questions "
                        "come in the same order there as here."));
    doc_card(doc, l10n_get(c->lang, "About this assessment"), NULL, NULL);
    doc_card_field(doc, entity, lines(c, 1));
    doc_card_field(doc, l10n_get(c->lang, "Cycle (the assessment period, e.g. 2026)"), lines(c, 1));
    doc_card_field(doc, l10n_get(c->lang, "Respondents (names, team or roles)"), lines(c, 2));
    doc_card_field(doc, l10n_get(c->lang, "Date (YYYY-MM-DD)"), lines(c, 1));
}

/* The lines "☐ Label — description", one per choice. */
static const char *boxes(form_ctx *c, const assess_scale *sc)
{
    size_t len = 1;
    for (size_t k = 0; k < sc->nchoices; k++)
        len += strlen(T(c, &sc->choices[k].label)) + strlen(T(c, &sc->choices[k].description)) +
               16;
    char *s = malloc(len);
    if (!s) {
        c->nomem = true;
        return NULL;
    }
    size_t o = 0;
    for (size_t k = 0; k < sc->nchoices; k++) {
        const char *d = T(c, &sc->choices[k].description);
        o += (size_t)snprintf(s + o, len - o, "%s\xE2\x98\x90 %s%s%s", k ? "\n" : "",
                              T(c, &sc->choices[k].label), d[0] ? " \xE2\x80\x94 " : "", d);
    }
    const char *out = doc_str(c->doc, s);
    free(s);
    return out;
}

static void dimension(form_ctx *c, size_t d)
{
    report_doc *doc = c->doc;
    const assess_questionnaire *q = c->q;
    const assess_dimension *dim = &q->dimensions[d];
    doc_heading(doc, 1, doc_strf(doc, "dimension:%s", dim->id), T(c, &dim->label));
    const char *desc = T(c, &dim->description);
    if (desc[0])
        doc_paragraph(doc, DOC_STYLE_LEAD, desc);
    doc_paragraph(doc, DOC_STYLE_SMALL,
                  doc_strf(doc, l10n_nget(c->lang, "%zu question.", "%zu questions.", dim->nitems),
                           dim->nitems));
    bool themed = false;
    for (size_t k = 0; k < dim->nitems; k++)
        themed |= q->items[dim->items[k]].theme != ASSESS_NONE;
    size_t theme = SIZE_MAX - 1;
    for (size_t k = 0; k < dim->nitems; k++) {
        const assess_item *it = &q->items[dim->items[k]];
        if (themed && it->theme != theme) {
            theme = it->theme;
            if (theme != ASSESS_NONE)
                doc_heading(doc, 2,
                            doc_strf(doc, "theme:%s/%s", dim->id, q->themes[theme].name.text),
                            T(c, &q->themes[theme].name));
            else
                doc_heading(doc, 2, doc_strf(doc, "theme:%s/", dim->id),
                            l10n_get(c->lang, "Other questions"));
        }
        /* the question's number (its id is for files, not for readers) */
        doc_card(doc, T(c, &it->text), it->number, NULL);
        doc_card_field(doc, l10n_get(c->lang, "Help"), T(c, &it->help));
        doc_card_field(doc, l10n_get(c->lang, "Answer: tick one box"),
                       boxes(c, &q->scales[it->scale]));
        const char *ev = T(c, &it->evidence);
        doc_card_field(doc,
                       ev[0] ? doc_strf(doc, l10n_get(c->lang, "Evidence: %s"), ev)
                             : l10n_get(c->lang, "Evidence"),
                       lines(c, 2));
        doc_card_field(doc, l10n_get(c->lang, "Notes"), lines(c, 1));
    }
}

/* The survey questions, not scored: a box to tick for every option that
 * applies, in the order the workbook and the CSV form list them. */
static void survey(form_ctx *c)
{
    report_doc *doc = c->doc;
    const assess_questionnaire *q = c->q;
    if (!q->nmultis)
        return;
    const char *theme = T(c, &q->multis[0].theme);
    doc_heading(doc, 1, "survey", theme[0] ? theme : l10n_get(c->lang, "Survey"));
    doc_paragraph(doc, DOC_STYLE_LEAD,
                  l10n_get(c->lang, "These questions are not scored: they change none of the "
                                    "results. Tick every option that applies."));
    for (size_t m = 0; m < q->nmultis; m++) {
        const assess_multi *mi = &q->multis[m];
        const assess_scale *ls = &q->lists[mi->list];
        size_t len = 1;
        for (size_t k = 0; k < ls->nchoices; k++)
            len += strlen(T(c, &ls->choices[k].label)) + 8;
        char *s = malloc(len);
        if (!s) {
            c->nomem = true;
            return;
        }
        size_t o = 0;
        for (size_t k = 0; k < ls->nchoices; k++)
            o += (size_t)snprintf(s + o, len - o, "%s\xE2\x98\x90 %s", k ? "\n" : "",
                                  T(c, &ls->choices[k].label));
        doc_card(doc, T(c, &mi->text), NULL, NULL);
        doc_card_field(doc, l10n_get(c->lang, "Help"), T(c, &mi->help));
        doc_card_field(doc, l10n_get(c->lang, "Answer: tick all that apply"), s);
        free(s);
    }
}

report_doc *form_doc_new(const assess_questionnaire *q, const form_options *opt)
{
    form_options none = {0};
    if (!opt)
        opt = &none;
    report_doc *doc = doc_new();
    if (!doc)
        return NULL;
    form_ctx c = {doc, q, opt->lang ? opt->lang : q->language, false};
    cover(&c, opt);
    how_to(&c);
    for (size_t d = 0; d < q->ndimensions; d++)
        dimension(&c, d);
    survey(&c);
    if (c.nomem || doc_failed(doc)) {
        doc_free(doc);
        return NULL;
    }
    return doc;
}
