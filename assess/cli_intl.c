/*
 * cli_intl.c — the command's locale and catalogues (intl.h).
 */
#define _DEFAULT_SOURCE /* readlink, realpath */

#include "intl.h"

#include "l10n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef ASSESS_BUILD_DIR
#define ASSESS_BUILD_DIR ""
#endif
#ifndef ASSESS_LOCALEDIR_BUILD
#define ASSESS_LOCALEDIR_BUILD ""
#endif
#ifndef ASSESS_LOCALEDIR_FROM_BIN
#define ASSESS_LOCALEDIR_FROM_BIN "../share/locale"
#endif

static char localedir[PATH_MAX + 64];

/* The same rule as for questionnaires: the command knows where it is
 * (/proc/self/exe); in its build folder it uses the build's catalogues,
 * anywhere else the ones at ASSESS_LOCALEDIR_FROM_BIN beside it, so an
 * installed tree may be moved as a whole. */
static void find_localedir(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash = n > 0 ? (exe[n] = '\0', strrchr(exe, '/')) : NULL;
    if (!slash) {
        snprintf(localedir, sizeof localedir, "%s", ASSESS_LOCALEDIR_BUILD);
        return;
    }
    *slash = '\0';
    char *build = ASSESS_BUILD_DIR[0] ? realpath(ASSESS_BUILD_DIR, NULL) : NULL;
    if (build && strcmp(build, exe) == 0)
        snprintf(localedir, sizeof localedir, "%s", ASSESS_LOCALEDIR_BUILD);
    else
        snprintf(localedir, sizeof localedir, "%s/%s", exe, ASSESS_LOCALEDIR_FROM_BIN);
    free(build);
}

void intl_init(void)
{
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    find_localedir();
    bindtextdomain(ASSESS_TEXTDOMAIN, localedir);
    l10n_set_dir(localedir);
}

const char *intl_localedir(void)
{
    return localedir;
}
