/*
 * xlsx_mod.c — xlsx_render and template_xlsx_write (assess-report.h) as
 * libassess-report.so has them: the workbook module (xlsx_mod.h) opened
 * the first time a workbook is written, lent what its writers call of the
 * two libraries, and called.  A program that links the report code
 * statically (the tests, fuzz/, bench/) links the writers themselves
 * instead, and not this file.
 */
#include "xlsx_mod.h"
#include "form.h"
#include "module.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const xlsx_mod_lend lent = {
    .l10n_get = l10n_get,
    .l10n_nget = l10n_nget,
    .theme_make = theme_make,
    .form_setting = form_setting,
    .form_kind_label = form_kind_label,
    .text_get = assess_text_get,
    .utf8_valid = assess_utf8_valid,
    .utf8_width = assess_utf8_width,
    .utf8_decode = assess_utf8_decode,
    .utf8_cut = assess_utf8_cut,
};

/* The module, opened and lent to once; NULL with a message in err naming
 * the file when it cannot be. */
static const xlsx_mod *xlsx_mod_get(char *err, size_t errlen)
{
    static const xlsx_mod *mod;
    pthread_mutex_lock(&lock);
    const xlsx_mod *m = mod;
    pthread_mutex_unlock(&lock);
    if (m)
        return m;
    m = module_symbol("xlsx.so", XLSX_MOD_SYMBOL, err, errlen);
    pthread_mutex_lock(&lock);
    if (m && !mod) {
        m->lend(&lent);
        mod = m;
    }
    pthread_mutex_unlock(&lock);
    return m;
}

int xlsx_render(const report_doc *doc, const char *path, char *err, size_t errlen)
{
    const xlsx_mod *m = xlsx_mod_get(err, errlen);
    return m ? m->render(doc, path, err, errlen) : -1;
}

int template_xlsx_write(const assess_questionnaire *q, const template_options *opt,
                        const char *path, char *err, size_t errlen)
{
    const xlsx_mod *m = xlsx_mod_get(err, errlen);
    return m ? m->template_write(q, opt, path, err, errlen) : -1;
}
