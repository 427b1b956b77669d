/*
 * doc_find.c — see doc_find.h.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "doc_find.h"

#include <string.h>

size_t doc_find(const report_doc *doc, size_t from, doc_block_kind kind, const char *text)
{
    for (size_t k = from; k < doc->nblocks; k++) {
        const doc_block *b = &doc->blocks[k];
        if (b->kind != kind)
            continue;
        if (!text || (b->text && !strcmp(b->text, text)) ||
            (b->anchor && !strcmp(b->anchor, text)))
            return k;
    }
    fail_msg("no %s \"%s\" after block %zu", doc_block_kind_name(kind), text ? text : "", from);
    return 0;
}
