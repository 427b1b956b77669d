/*
 * format.c — chooses among the three score formats.
 */
#include "format.h"

#include <string.h>

bool format_kind_parse(const char *name, format_kind *kind)
{
    static const char *const names[] = {"text", "json", "csv"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0) {
            *kind = (format_kind)k;
            return true;
        }
    return false;
}

void format_begin(format_writer *w)
{
    w->count = 0;
    if (w->kind == FORMAT_JSON)
        format_json_begin(w);
    else if (w->kind == FORMAT_CSV)
        format_csv_begin(w);
}

void format_entity(format_writer *w, const assess_result *res, const assess_cohort_rank *ranks)
{
    if (w->kind == FORMAT_JSON)
        format_json_entity(w, res, ranks);
    else if (w->kind == FORMAT_CSV)
        format_csv_entity(w, res, ranks);
    else
        format_text_entity(w, res, ranks);
    w->count++;
}

void format_end(format_writer *w)
{
    if (w->kind == FORMAT_JSON)
        format_json_end(w);
}
