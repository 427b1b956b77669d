/*
 * xlsx_zip.c — xlsx_zip_get (xlsx_zip.h): the zip module, opened once.
 */
#include "xlsx_zip.h"
#include "module_open.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static const xlsx_zip *loaded;

const xlsx_zip *xlsx_zip_get(char *err, size_t errlen)
{
    pthread_mutex_lock(&lock);
    if (!loaded)
        /* the object holding `lock` holds this code: libassess.so, or a
         * program the engine was linked into */
        loaded = assess_module_open(&lock, "libassess.so", ASSESS_MODULE_DIR_BUILD, "zip.so",
                                    XLSX_ZIP_SYMBOL, err, errlen);
    const xlsx_zip *z = loaded;
    pthread_mutex_unlock(&lock);
    return z;
}
