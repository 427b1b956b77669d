/*
 * fuzz_common.c — see fuzz_common.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "fuzz_common.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static void cleanup(void)
{
    DIR *h = opendir(dir);
    struct dirent *e;
    while (h && (e = readdir(h)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char p[600];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
    }
    if (h)
        closedir(h);
    rmdir(dir);
}

const char *fuzz_dir(void)
{
    if (!dir[0]) {
        struct stat st;
        const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
        snprintf(dir, sizeof dir, "%s/assess-fuzz-XXXXXX", base);
        if (!mkdtemp(dir)) {
            perror("fuzz: mkdtemp");
            abort();
        }
        atexit(cleanup);
    }
    return dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char paths[16][600];
    static char names[16][64];
    size_t slot = 0;
    while (slot < 16 && names[slot][0] && strcmp(names[slot], name) != 0)
        slot++;
    if (slot == 16)
        abort();
    snprintf(names[slot], sizeof names[slot], "%s", name);
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", fuzz_dir(), name);
    FILE *f = fopen(paths[slot], "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror("fuzz: write");
        abort();
    }
    return paths[slot];
}

void fuzz_remove(const char *name)
{
    char p[600];
    snprintf(p, sizeof p, "%s/%s", fuzz_dir(), name);
    unlink(p);
}

void fuzz_check_diags(const assess_diags *d)
{
    size_t errors = 0;
    char buf[4096];
    for (size_t k = 0; k < d->count; k++) {
        const assess_diag *g = &d->items[k];
        errors += g->severity == ASSESS_ERROR;
        if (!g->message || !g->message[0])
            abort();
        if (assess_diag_format(g, buf, sizeof buf) <= 0)
            abort();
    }
    if (errors > d->errors)
        abort();
}
