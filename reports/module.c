/*
 * module.c — module_symbol (module.h): the report library's modules, found
 * beside it (assess_module_open).
 */
#include "module.h"
#include "cairo_mod.h"
#include "module_open.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

void *module_symbol(const char *file, const char *symbol, char *err, size_t errlen)
{
    pthread_mutex_lock(&lock);
    /* the object holding `lock` holds this code: libassess-report.so, or a
     * program the report code was linked into */
    void *sym = assess_module_open(&lock, "libassess-report", ASSESS_MODULE_DIR_BUILD, file,
                                   symbol, err, errlen);
    pthread_mutex_unlock(&lock);
    return sym;
}

const cairo_mod *cairo_mod_get(char *err, size_t errlen)
{
    static const cairo_mod *mod;
    pthread_mutex_lock(&lock);
    const cairo_mod *m = mod;
    pthread_mutex_unlock(&lock);
    if (m)
        return m;
    m = module_symbol("cairo.so", CAIRO_MOD_SYMBOL, err, errlen);
    pthread_mutex_lock(&lock);
    if (m)
        mod = m;
    pthread_mutex_unlock(&lock);
    return m;
}
