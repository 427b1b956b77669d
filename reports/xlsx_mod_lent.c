/*
 * xlsx_mod_lent.c — the workbook module's entry (xlsx_mod.h): its one
 * exported symbol, and the library functions its writers call, each
 * defined here under its own name and calling the one the library lent.
 * Built into assess/xlsx.so only; everything in the module but the entry
 * is hidden, so these definitions are seen by the module alone.
 */
#include "form.h"
#include "xlsx_mod.h"

static const xlsx_mod_lend *lent;

static void lend(const xlsx_mod_lend *l)
{
    lent = l;
}

const char *l10n_get(const char *lang, const char *msgid)
{
    return lent->l10n_get(lang, msgid);
}

const char *l10n_nget(const char *lang, const char *singular, const char *plural,
                      unsigned long n)
{
    return lent->l10n_nget(lang, singular, plural, n);
}

void theme_make(theme *t, canvas_rgb primary, canvas_rgb accent)
{
    lent->theme_make(t, primary, accent);
}

const char *form_setting(const assess_questionnaire *q, const char *key, const char *lang)
{
    return lent->form_setting(q, key, lang);
}

const char *form_kind_label(const assess_questionnaire *q, assess_choice_kind kind,
                            const char *lang)
{
    return lent->form_kind_label(q, kind, lang);
}

const char *assess_text_get(const assess_text *text, const char *lang)
{
    return lent->text_get(text, lang);
}

bool assess_utf8_valid(const char *s, size_t len)
{
    return lent->utf8_valid(s, len);
}

size_t assess_utf8_width(const char *s, size_t len)
{
    return lent->utf8_width(s, len);
}

size_t assess_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    return lent->utf8_decode(s, len, cp);
}

size_t assess_utf8_cut(const char *s, size_t len, size_t max)
{
    return lent->utf8_cut(s, len, max);
}

__attribute__((visibility("default"))) const xlsx_mod assess_report_xlsx = {
    .lend = lend,
    .render = xlsx_render,
    .template_write = template_xlsx_write,
};
