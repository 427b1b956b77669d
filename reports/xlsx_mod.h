/*
 * xlsx_mod.h — what the workbook module offers the report library, and
 * what the library lends it.  libxlsxwriter brings minizip and libcrypto
 * (for its image checksums): libcrypto alone has more relocations than
 * the C library, bound at the start of every process that links it.  So
 * the workbook writers (xlsx*.c: a report's tables; template_xlsx*.c: the
 * assessment workbook) are built as a module, assess/xlsx.so beside the
 * library, which xlsx_mod.c's public xlsx_render and template_xlsx_write
 * open the first time a workbook is written.
 *
 * The writers call a few functions of the two libraries.  The module
 * links neither: it is given them in an xlsx_mod_lend when it is opened,
 * and xlsx_mod_lent.c defines each under its own name, calling the lent
 * one, so the writers' code is the same in the module and where a
 * program links it directly (the tests, fuzz/, bench/).
 */
#ifndef REPORT_XLSX_MOD_H
#define REPORT_XLSX_MOD_H

#include "assess-report.h"
#include "theme.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *(*l10n_get)(const char *lang, const char *msgid);
    const char *(*l10n_nget)(const char *lang, const char *singular, const char *plural,
                             unsigned long n);
    void (*theme_make)(theme *t, canvas_rgb primary, canvas_rgb accent);
    const char *(*form_setting)(const assess_questionnaire *q, const char *key, const char *lang);
    const char *(*form_kind_label)(const assess_questionnaire *q, assess_choice_kind kind,
                                   const char *lang);
    const char *(*text_get)(const assess_text *text, const char *lang);
    bool (*utf8_valid)(const char *s, size_t len);
    size_t (*utf8_width)(const char *s, size_t len);
    size_t (*utf8_decode)(const char *s, size_t len, uint32_t *cp);
    size_t (*utf8_cut)(const char *s, size_t len, size_t max);
} xlsx_mod_lend;

typedef struct {
    /* Called once, before anything else, with what the library lends. */
    void (*lend)(const xlsx_mod_lend *lent);
    /* xlsx_render and template_xlsx_write (assess-report.h). */
    int (*render)(const report_doc *doc, const char *path, char *err, size_t errlen);
    int (*template_write)(const assess_questionnaire *q, const template_options *opt,
                          const char *path, char *err, size_t errlen);
} xlsx_mod;

/* The module's one exported symbol, an xlsx_mod. */
#define XLSX_MOD_SYMBOL "assess_report_xlsx"

#endif
