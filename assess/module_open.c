/*
 * module_open.c — assess_module_open (module_open.h).
 */
#define _GNU_SOURCE /* dladdr */

#include "module_open.h"
#include "assess.h"
#include "intl.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* dlerror's message without the path it starts with, named already. */
static const char *plain(const char *msg, const char *path)
{
    size_t n = strlen(path);
    if (!msg)
        return "";
    return strncmp(msg, path, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ' ? msg + n + 2 : msg;
}

static char program_dir[3072];

void assess_module_dir_set(const char *dir)
{
    snprintf(program_dir, sizeof program_dir, "%s", dir);
}

void *assess_module_open(const void *anchor, const char *library, const char *build_dir,
                         const char *file, const char *symbol, char *err, size_t errlen)
{
    char path[4096];
    Dl_info info;
    const char *self = dladdr(anchor, &info) && info.dli_fname ? info.dli_fname : NULL;
    const char *slash = self ? strrchr(self, '/') : NULL;
    const char *base = slash ? slash + 1 : self;
    if (base && strncmp(base, library, strlen(library)) == 0)
        snprintf(path, sizeof path, "%.*s/assess/%s", slash ? (int)(slash - self) : 1,
                 slash ? self : ".", file);
    else
        snprintf(path, sizeof path, "%s/%s", program_dir[0] ? program_dir : build_dir, file);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    void *sym = h ? dlsym(h, symbol) : NULL;
    if (!sym && err && errlen)
        snprintf(err, errlen, _("cannot load the module %s (%s); reinstall assess"), path,
                 h ? _("it lacks its entry point") : plain(dlerror(), path));
    return sym;
}
