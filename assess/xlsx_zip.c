/*
 * xlsx_zip.c — xlsx_zip_get (xlsx_zip.h): dlopen of the zip module found
 * beside the library this code is in, so that an installed tree can be
 * moved whole.
 */
#define _GNU_SOURCE /* dladdr */

#include "xlsx_zip.h"
#include "intl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* dlerror's message without the path it starts with, named already. */
static const char *plain(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (!msg)
        return "";
    return strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ' ? msg + n + 2 : msg;
}
static const xlsx_zip *loaded;

/* "assess/zip.so" beside libassess.so (the object holding `lock` holds
 * this code), or, when this code was linked into a program, the build's. */
static void module_path(char *out, size_t size)
{
    Dl_info info;
    const char *self = NULL;
    if (dladdr(&lock, &info) && info.dli_fname)
        self = info.dli_fname;
    const char *slash = self ? strrchr(self, '/') : NULL;
    const char *base = slash ? slash + 1 : self;
    if (base && strncmp(base, "libassess.so", 12) == 0)
        snprintf(out, size, "%.*s/assess/zip.so", slash ? (int)(slash - self) : 1,
                 slash ? self : ".");
    else
        snprintf(out, size, "%s/zip.so", ASSESS_MODULE_DIR_BUILD);
}

const xlsx_zip *xlsx_zip_get(char *err, size_t errlen)
{
    pthread_mutex_lock(&lock);
    if (!loaded) {
        char path[4096];
        module_path(path, sizeof path);
        /* Kept open: the table points into it for the life of the process. */
        void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
        loaded = h ? dlsym(h, XLSX_ZIP_SYMBOL) : NULL;
        if (!loaded && err && errlen)
            snprintf(err, errlen, _("cannot load the module %s (%s); reinstall assess"), path,
                     h ? _("it lacks its entry point") : plain(dlerror(), path));
    }
    const xlsx_zip *z = loaded;
    pthread_mutex_unlock(&lock);
    return z;
}
