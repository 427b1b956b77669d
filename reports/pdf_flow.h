/*
 * pdf_flow.h — text blocks on pages (pdf_flow.c): paragraphs, bullet
 * lists, cards and table captions, broken into lines that flow onto as
 * many pages as they need, with their structure elements.
 */
#ifndef REPORT_PDF_FLOW_H
#define REPORT_PDF_FLOW_H

#include "pdf_internal.h"

/* Lays out a paragraph, bullet list or card block at L->y, and the space
 * after it (nothing for an empty paragraph or another kind of block). */
void pdf_flow_block(pdf_lay *L, const doc_block *b);
/* The least height such a block needs on the page of a heading before it:
 * its first lines (0 for another kind of block). */
double pdf_flow_min(pdf_lay *L, const doc_block *b);

/* A table's caption, on the page where `keep` more points fit below its
 * first lines (the table's header and first rows), tagged as the Caption
 * of `parent` (its Table element, or what groups its tables). */
void pdf_flow_caption(pdf_lay *L, const char *cap, double keep, pdf_elem parent);
/* The height of the caption's first lines. */
double pdf_flow_caption_min(pdf_lay *L, const char *cap);

#endif
