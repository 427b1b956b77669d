/*
 * xlsx_zip_mod.c — the zip module (xlsx_zip.h): libzip's functions in a
 * table, built as assess/zip.so; it uses nothing of libassess.
 */
#include "xlsx_zip.h"

__attribute__((visibility("default"))) const xlsx_zip assess_xlsx_zip = {
    .open = zip_open,
    .discard = zip_discard,
    .get_num_entries = zip_get_num_entries,
    .name_locate = zip_name_locate,
    .stat_init = zip_stat_init,
    .stat_index = zip_stat_index,
    .fopen_index = zip_fopen_index,
    .fread = zip_fread,
    .fclose = zip_fclose,
    .strerror = zip_strerror,
    .file_strerror = zip_file_strerror,
    .error_init_with_code = zip_error_init_with_code,
    .error_strerror = zip_error_strerror,
    .error_fini = zip_error_fini,
};
