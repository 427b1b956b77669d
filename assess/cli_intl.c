/*
 * cli_intl.c — the command's locale and catalogues, and where its modules
 * are (cli.h).
 */
#include "assess-report.h"
#include "cli.h"

#include <locale.h>

#ifndef ASSESS_LOCALEDIR_BUILD
#define ASSESS_LOCALEDIR_BUILD ""
#endif
#ifndef ASSESS_LOCALEDIR_FROM_BIN
#define ASSESS_LOCALEDIR_FROM_BIN "../share/locale"
#endif
#ifndef ASSESS_MODULE_DIR_FROM_BIN
#define ASSESS_MODULE_DIR_FROM_BIN "../lib/assess"
#endif

void cli_intl_init(void)
{
    setlocale(LC_CTYPE, "");
    setlocale(LC_MESSAGES, "");
    /* the same rule as for questionnaires (cli_own_dir) */
    char dir[4400];
    cli_own_dir(ASSESS_LOCALEDIR_BUILD, ASSESS_LOCALEDIR_FROM_BIN, dir, sizeof dir);
    if (dir[0]) {
        bindtextdomain(ASSESS_TEXTDOMAIN, dir);
        l10n_set_dir(dir);
    }
    /* The command has the libraries' code linked in, so their modules are
     * not beside a library it loads: installed, they are in lib/assess;
     * in the build folder, where each library's code looks by default. */
    cli_own_dir("", ASSESS_MODULE_DIR_FROM_BIN, dir, sizeof dir);
    if (dir[0])
        assess_module_dir_set(dir);
}
