/*
 * module_open.h — opening a module: a part built as its own shared object
 * because the libraries it brings are heavy, loaded with dlopen when it is
 * first needed (docs/architecture.md, "Modules").  The engine (the zip
 * module) and the report library (the cairo module) each compile this
 * file into themselves; neither exports it.
 */
#ifndef ASSESS_MODULE_OPEN_H
#define ASSESS_MODULE_OPEN_H

#include <stddef.h>

/* The symbol `symbol` of the module `file` ("zip.so"), opened and kept
 * open (dlopen counts references: opening it again only finds it).  The
 * module is looked for in the directory "assess" beside the shared library
 * holding `anchor` when that library's file name starts with `library`
 * ("libassess.so"), so that an installed tree can be moved whole; else —
 * the code linked statically into a program — in the folder the program
 * set (assess_module_dir_set, assess.h), or in `build_dir` (the tests and bench
 * programs, and the command run from its build folder).  NULL with a message in err naming the path when the module
 * is missing or broken.  Callers serialise their calls. */
void *assess_module_open(const void *anchor, const char *library, const char *build_dir,
                         const char *file, const char *symbol, char *err, size_t errlen);

#endif
