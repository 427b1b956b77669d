/*
 * module.c — module_symbol (module.h): dlopen of a module found beside the
 * library this code is in, so that an installed tree can be moved whole.
 */
#define _GNU_SOURCE /* dladdr */

#include "module.h"
#include "cairo_mod.h"
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

/* The directory the modules are in: "assess" beside libassess-report.so
 * (the object holding `lock` is the one holding this code),
 * or, when this code was linked into a program, the build tree's. */
static void module_dir(char *out, size_t size)
{
    Dl_info info;
    const char *self = NULL;
    if (dladdr(&lock, &info) && info.dli_fname)
        self = info.dli_fname;
    const char *slash = self ? strrchr(self, '/') : NULL;
    const char *base = slash ? slash + 1 : self;
    if (base && strncmp(base, "libassess-report", 16) == 0) {
        int dirlen = slash ? (int)(slash - self) : 1;
        snprintf(out, size, "%.*s/assess", dirlen, slash ? self : ".");
        return;
    }
    snprintf(out, size, "%s", ASSESS_MODULE_DIR_BUILD);
}

void *module_symbol(const char *file, const char *symbol, char *err, size_t errlen)
{
    char path[4096];
    module_dir(path, sizeof path);
    size_t n = strlen(path);
    snprintf(path + n, sizeof path - n, "/%s", file);
    pthread_mutex_lock(&lock);
    /* dlopen counts references: opening a module again only finds it. */
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *sym = h ? dlsym(h, symbol) : NULL;
    if (!sym && err && errlen)
        snprintf(err, errlen, _("cannot load the module %s (%s); reinstall assess"), path,
                 h ? _("it lacks its entry point") : plain(dlerror(), path));
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
