/*
 * xlsx_zip.h — the libzip functions the .xlsx reader uses, from a module.
 * libzip brings libcrypto and libbz2, which every process would load
 * (thousands of relocations) though only reading a workbook needs them;
 * so they are reached through a module (assess/zip.so beside libassess)
 * that xlsx_zip_get opens the first time a workbook is read.
 */
#ifndef ASSESS_XLSX_ZIP_H
#define ASSESS_XLSX_ZIP_H

#include <stddef.h>
#include <zip.h>

typedef struct {
    zip_t *(*open)(const char *path, int flags, int *errorp);
    void (*discard)(zip_t *z);
    zip_int64_t (*get_num_entries)(zip_t *z, zip_flags_t flags);
    zip_int64_t (*name_locate)(zip_t *z, const char *name, zip_flags_t flags);
    void (*stat_init)(zip_stat_t *st);
    int (*stat_index)(zip_t *z, zip_uint64_t index, zip_flags_t flags, zip_stat_t *st);
    zip_file_t *(*fopen_index)(zip_t *z, zip_uint64_t index, zip_flags_t flags);
    zip_int64_t (*fread)(zip_file_t *f, void *buf, zip_uint64_t n);
    int (*fclose)(zip_file_t *f);
    const char *(*strerror)(zip_t *z);
    const char *(*file_strerror)(zip_file_t *f);
    void (*error_init_with_code)(zip_error_t *e, int code);
    const char *(*error_strerror)(zip_error_t *e);
    void (*error_fini)(zip_error_t *e);
} xlsx_zip;

/* The module's one exported symbol, an xlsx_zip. */
#define XLSX_ZIP_SYMBOL "assess_xlsx_zip"

/* libzip's functions, the module opened once; NULL with a message in err
 * (the file looked for, why it could not be opened) when it cannot be.
 * The module is looked for in the directory "assess" beside libassess.so,
 * or, when the engine is linked statically (tests, fuzz/, bench/), in the
 * build tree's. */
const xlsx_zip *xlsx_zip_get(char *err, size_t errlen);

#endif
