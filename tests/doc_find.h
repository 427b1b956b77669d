/*
 * doc_find.h — finding blocks in a composed report, for the content
 * tests.  Uses cmocka's assertions: include it after <cmocka.h>.
 */
#ifndef TEST_DOC_FIND_H
#define TEST_DOC_FIND_H

#include "doc.h"

/* The index of the first block at or after `from` of `kind` whose text
 * (or, for a heading, anchor) is `text` (any, when NULL); fails the test
 * when there is none. */
size_t doc_find(const report_doc *doc, size_t from, doc_block_kind kind, const char *text);

#endif
