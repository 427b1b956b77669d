/*
 * questionnaire_find.c — installed questionnaires found by what they
 * are, not by where they are: every package in the folders of a search
 * path is identified by the id and version of its settings, so several
 * versions of one questionnaire can sit side by side under any names.
 * Only settings are read here; the package is validated when loaded.
 */
#define _XOPEN_SOURCE 700 /* strdup, strtok_r */

#include "read.h"
#include "table.h"

#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The id and version a package's settings give, in the arena; false
 * when it has none or cannot be read (loading it would say why). */
static bool read_ident(const char *pkg, bool workbook, assess_arena *a, const char **id,
                       const char **version)
{
    assess_diags quiet;
    assess_diags_init(&quiet);
    assess_table t = {0};
    char **names = NULL;
    size_t n = 0;
    bool ok = true;
    char *csv = NULL;
    if (workbook) {
        ok = assess_xlsx_sheet_names(pkg, &names, &n, &quiet) == ASSESS_OK;
        for (size_t i = 0; ok && i < n && !t.sheet; i++)
            if (assess_str_ieq(names[i], "settings"))
                t.sheet = assess_arena_strdup(a, names[i]);
        ok = ok && t.sheet;
    } else {
        size_t len = strlen(pkg) + sizeof "/settings.csv";
        csv = malloc(len);
        ok = csv != NULL;
        if (ok)
            snprintf(csv, len, "%s/settings.csv", pkg);
        struct stat st;
        ok = ok && stat(csv, &st) == 0 && S_ISREG(st.st_mode);
    }
    ok = ok && assess_table_read_csv(&t, workbook ? pkg : csv, a, &quiet) == ASSESS_OK;
    assess_xlsx_sheet_names_free(names, n);
    free(csv);
    assess_diags_cleanup(&quiet);
    *id = *version = "";
    size_t key = ok ? assess_table_col(&t, "key") : ASSESS_NONE;
    size_t value = ok ? assess_table_col(&t, "value") : ASSESS_NONE;
    for (size_t r = 0; key != ASSESS_NONE && value != ASSESS_NONE && r < t.nrows; r++) {
        const char *k = assess_table_get(&t, r, key);
        const char *s;
        size_t len;
        assess_str_trim(assess_table_get(&t, r, value), &s, &len);
        if (!strcmp(k, "id"))
            *id = assess_arena_strndup(a, s, len);
        else if (!strcmp(k, "version"))
            *version = assess_arena_strndup(a, s, len);
    }
    return *id && *version && (*id)[0];
}

/* Versions compare part by part as numbers ("1.10" after "1.9"), then as
 * text, so that the order is total. */
int assess_version_cmp(const char *a, const char *b)
{
    const char *x = a, *y = b;
    while (*x || *y) {
        if (isdigit((unsigned char)*x) && isdigit((unsigned char)*y)) {
            char *ex, *ey;
            unsigned long long u = strtoull(x, &ex, 10), v = strtoull(y, &ey, 10);
            if (u != v)
                return u < v ? -1 : 1;
            x = ex;
            y = ey;
        } else if (*x == '.' && *y == '.') {
            x++;
            y++;
        } else {
            /* "1.0" before "1.0.1"; otherwise whatever differs */
            if (!*x || !*y)
                return *x ? 1 : -1;
            if (*x != *y)
                return (unsigned char)*x < (unsigned char)*y ? -1 : 1;
            x++;
            y++;
        }
    }
    return strcmp(a, b);
}

static int cmp_entry(const void *pa, const void *pb)
{
    const assess_catalog_entry *a = pa, *b = pb;
    return strcmp(a->path, b->path);
}

/* Adds the packages directly inside dir, in name order. */
static assess_status scan_dir(const char *dir, assess_arena *a, assess_vec *out)
{
    DIR *h = opendir(dir);
    if (!h)
        return ASSESS_OK; /* a folder of the path that is not there holds nothing */
    size_t first = out->count;
    assess_status st = ASSESS_OK;
    struct dirent *e;
    while (st == ASSESS_OK && (e = readdir(h)) != NULL) {
        if (e->d_name[0] == '.' || e->d_name[0] == '~')
            continue;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        char *path = assess_arena_alloc(a, len);
        if (!path) {
            st = ASSESS_ERR_NOMEM;
            break;
        }
        snprintf(path, len, "%s/%s", dir, e->d_name);
        struct stat sb;
        if (stat(path, &sb) != 0)
            continue;
        bool workbook = S_ISREG(sb.st_mode) && assess_path_is_xlsx(path);
        if (!S_ISDIR(sb.st_mode) && !workbook)
            continue;
        const char *id, *version;
        if (!read_ident(path, workbook, a, &id, &version))
            continue;
        assess_catalog_entry *p = assess_vec_push(out);
        if (!p) {
            st = ASSESS_ERR_NOMEM;
            break;
        }
        *p = (assess_catalog_entry){.id = id, .version = version, .path = path};
    }
    closedir(h);
    if (out->count > first)
        qsort((assess_catalog_entry *)out->data + first, out->count - first, sizeof(assess_catalog_entry),
              cmp_entry);
    return assess_arena_failed(a) ? ASSESS_ERR_NOMEM : st;
}

assess_status assess_catalog_scan(const char *search_path, assess_catalog **out)
{
    *out = NULL;
    assess_arena *a = assess_arena_new();
    assess_catalog *list = a ? assess_arena_alloc(a, sizeof *list) : NULL;
    char *dirs = list ? strdup(search_path ? search_path : "") : NULL;
    if (!dirs) {
        assess_arena_free(a);
        return ASSESS_ERR_NOMEM;
    }
    assess_vec v;
    assess_vec_init(&v, sizeof(assess_catalog_entry));
    assess_status st = ASSESS_OK;
    char *save = NULL;
    for (char *dir = strtok_r(dirs, ":", &save); dir && st == ASSESS_OK;
         dir = strtok_r(NULL, ":", &save))
        st = scan_dir(dir, a, &v);
    free(dirs);
    list->items = v.count ? assess_arena_alloc(a, v.count * sizeof *list->items) : NULL;
    if (st == ASSESS_OK && v.count && !list->items)
        st = ASSESS_ERR_NOMEM;
    if (st != ASSESS_OK) {
        assess_vec_cleanup(&v);
        assess_arena_free(a);
        return st;
    }
    if (v.count)
        memcpy(list->items, v.data, v.count * sizeof *list->items);
    list->count = v.count;
    list->arena = a;
    assess_vec_cleanup(&v);
    *out = list;
    return ASSESS_OK;
}

void assess_catalog_free(assess_catalog *list)
{
    if (list)
        assess_arena_free(list->arena);
}

const assess_catalog_entry *assess_catalog_find(const assess_catalog *list, const char *name)
{
    const char *at = strchr(name, '@');
    size_t idlen = at ? (size_t)(at - name) : strlen(name);
    const assess_catalog_entry *best = NULL;
    for (size_t k = 0; list && k < list->count; k++) {
        const assess_catalog_entry *p = &list->items[k];
        if (strlen(p->id) != idlen || strncmp(p->id, name, idlen) != 0)
            continue;
        if (at && strcmp(p->version, at + 1) == 0)
            return p; /* the first folder of the path wins */
        if (!at && (!best || assess_version_cmp(p->version, best->version) > 0))
            best = p;
    }
    return best;
}
