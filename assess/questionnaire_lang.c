/*
 * questionnaire_lang.c — how much of a questionnaire each language covers:
 * every text column's words (`label`, `text`, …) against their
 * `COLUMN::LANG` translations, counted as the loader reads them
 * (questionnaire_internal.h), summed once every file is read.
 */
#include "assess.h"
#include "questionnaire_internal.h"

#include <string.h>

typedef struct {
    const assess_table *t;
    size_t row;
    const char *column;
    assess_text text;
} seen_text;

void ql_lang_begin(ql_loader *L)
{
    assess_vec_init(&L->texts, sizeof(seen_text));
}

void ql_lang_seen(ql_loader *L, const assess_table *t, size_t row, const char *column,
                  assess_text text)
{
    if (!text.text[0])
        return; /* nothing to translate */
    seen_text *s = assess_vec_push(&L->texts);
    if (!s) {
        L->nomem = true;
        return;
    }
    *s = (seen_text){t, row, column, text};
}

/* Whether a text is words for a reader: every text column is, and a
 * setting's value when it is the title or the entity's label, or when
 * some language translates it (ids, versions and numbers are not words). */
static bool is_words(const ql_loader *L, const seen_text *s)
{
    if (s->t != &L->t[F_SETTINGS])
        return true;
    const char *key = ql_get(s->t, s->row, "key");
    if (!strcmp(key, "title") || !strcmp(key, "entity_label"))
        return true;
    for (size_t k = 0; k < s->text.ntranslations; k++) {
        if (s->text.translations[k].text[0])
            return true;
    }
    return false;
}

static assess_language *language_of(ql_loader *L, const char *lang)
{
    assess_questionnaire *q = L->q;
    for (size_t k = 0; k < q->nlanguages; k++) {
        if (!strcmp(q->languages[k].lang, lang))
            return &q->languages[k];
    }
    return NULL;
}

static void count(ql_loader *L)
{
    assess_questionnaire *q = L->q;
    const seen_text *texts = L->texts.data;
    size_t n = L->texts.count;
    /* the languages: the questionnaire's own first, then each COLUMN::LANG
     * suffix in the order first met */
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += texts[i].text.ntranslations;
    q->languages = ql_alloc_array(L, cap, sizeof *q->languages);
    if (!q->languages)
        return;
    /* a package with no language setting (invalid, but still counted) */
    q->languages[q->nlanguages++].lang = q->language ? q->language : "";
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < texts[i].text.ntranslations; k++) {
            const char *lang = texts[i].text.translations[k].lang;
            if (!language_of(L, lang))
                q->languages[q->nlanguages++].lang = lang;
        }
    }
    for (size_t i = 0; i < n; i++) {
        if (!is_words(L, &texts[i]))
            continue;
        for (size_t k = 0; k < q->nlanguages; k++) {
            assess_language *g = &q->languages[k];
            g->total++;
            bool done = k == 0; /* the questionnaire's own words */
            for (size_t j = 0; j < texts[i].text.ntranslations && !done; j++) {
                const assess_translation *tr = &texts[i].text.translations[j];
                done = !strcmp(tr->lang, g->lang) && tr->text[0];
            }
            if (done) {
                g->translated++;
            } else if (g->total - g->translated == 1) {
                g->first_missing = assess_table_loc(texts[i].t, texts[i].row, ASSESS_NONE);
                g->first_column = texts[i].column;
            }
        }
    }
}

void ql_lang_end(ql_loader *L)
{
    if (!L->nomem)
        count(L);
    assess_vec_cleanup(&L->texts);
}
