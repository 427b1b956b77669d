/*
 * module.h — opening the library's modules: parts built as separate
 * shared objects because the libraries they bring are heavy, loaded with
 * dlopen when a format asks for them (see docs/architecture.md).
 */
#ifndef REPORT_MODULE_H
#define REPORT_MODULE_H

#include <stddef.h>

/* The symbol `symbol` of the module `file` ("cairo.so"), opened once and
 * kept open.  The module is looked for in the directory "assess" beside
 * libassess-report.so; when the report code is linked statically (the
 * tests, bench/), in the build tree's.  NULL with a message in err naming
 * the file when it is missing or broken. */
void *module_symbol(const char *file, const char *symbol, char *err, size_t errlen);

#endif
