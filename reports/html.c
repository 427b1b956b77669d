/*
 * html.c — html_render: the page around the blocks (head, cover, contents,
 * main, footer) and every block but charts (html_chart.c).  Headings keep
 * their order without skipping a level: the cover's title is the one h1,
 * document level 1 is h2, and nothing goes deeper than one level below
 * the heading before it.
 */
#define _POSIX_C_SOURCE 200809L

#include "html.h"
#include "html_internal.h"


#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LOGO_MAX (4u << 20) /* bytes; brand.c allows far smaller images */

int html_fail(html_ctx *x, const char *fmt, ...)
{
    if (!x->failed && x->err && x->errlen) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(x->err, x->errlen, fmt, ap);
        va_end(ap);
    }
    x->failed = true;
    return -1;
}

/* Escaped text with each line feed as a line break. */
static void text_lines(xmlbuf *b, const char *s)
{
    if (!s)
        return;
    for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1) {
        char *line = strndup(s, (size_t)(nl - s));
        if (!line) {
            b->failed = true;
            return;
        }
        xb_text(b, line);
        free(line);
        xb_puts(b, "<br/>");
    }
    xb_text(b, s);
}

static bool has_text(const char *s)
{
    return s && s[0];
}

/* ## Tables */

static const char *align_class(doc_align a)
{
    return a == DOC_ALIGN_RIGHT ? " class=\"num\"" : a == DOC_ALIGN_CENTER ? " class=\"mid\"" : "";
}

void html_table_open(html_ctx *x, const char *caption, const char *const *titles,
                     const doc_align *aligns, size_t ncolumns, bool wide)
{
    xmlbuf *b = &x->out;
    /* the region is what scrolls on a narrow screen; its name is the caption */
    xb_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"");
    xb_text(b, caption);
    xb_puts(b, "\"><table");
    /* many columns of text: wide enough to read, scrolling on a phone */
    if (wide && ncolumns > 3)
        xb_printf(b, " style=\"min-width:%zurem\"", ncolumns * 7 > 56 ? (size_t)56 : ncolumns * 7);
    xb_puts(b, "><caption>");
    xb_text(b, caption);
    xb_puts(b, "</caption><thead><tr>");
    for (size_t c = 0; c < ncolumns; c++) {
        /* an untitled column has no header to announce */
        if (has_text(titles[c])) {
            xb_printf(b, "<th scope=\"col\"%s>", align_class(aligns[c]));
            xb_text(b, titles[c]);
            xb_puts(b, "</th>");
        } else {
            xb_puts(b, "<td></td>");
        }
    }
    xb_puts(b, "</tr></thead><tbody>");
}

void html_table_row_open(html_ctx *x)
{
    xb_puts(&x->out, "<tr>");
}

void html_table_row_close(html_ctx *x)
{
    xb_puts(&x->out, "</tr>");
}

void html_table_close(html_ctx *x)
{
    xb_puts(&x->out, "</tbody></table></div>\n");
}

/* The one place a cell is written: its header role, alignment, fill (with
 * black or white text, whichever reads), weight and link. */
void html_table_cell(html_ctx *x, size_t column, doc_align align, const doc_cell *cell)
{
    xmlbuf *b = &x->out;
    const char *tag = column == 0 ? "th" : "td";
    xb_printf(b, "<%s", tag);
    if (column == 0)
        xb_puts(b, " scope=\"row\"");
    if (cell->has_fill) {
        xb_printf(b, " class=\"fill%s\" style=\"background:",
                  align == DOC_ALIGN_RIGHT    ? " num"
                  : align == DOC_ALIGN_CENTER ? " mid"
                                              : "");
        html_hex(b, cell->fill);
        xb_puts(b, ";color:");
        html_hex(b, html_ink_on(cell->fill));
        xb_puts(b, "\"");
    } else {
        xb_puts(b, align_class(align));
    }
    xb_puts(b, ">");
    if (cell->bold)
        xb_puts(b, "<strong>");
    if (has_text(cell->text) && xb_link_ok(cell->link)) {
        xb_puts(b, "<a href=\"");
        xb_text(b, cell->link);
        xb_puts(b, "\">");
        text_lines(b, cell->text);
        xb_puts(b, "</a>");
    } else {
        text_lines(b, cell->text);
    }
    if (cell->bold)
        xb_puts(b, "</strong>");
    xb_printf(b, "</%s>", tag);
}

/* A table as pages show it: the workbook's own columns (width 0) and
 * workbook-only tables are left out.  A grouped table gives each group a
 * <tbody> led by a row that names the group (th scope="rowgroup"). */
static void table(html_ctx *x, const doc_block *bl)
{
    if (bl->table.data_only)
        return;
    size_t n = 0, *cols = calloc(bl->ncolumns ? bl->ncolumns : 1, sizeof *cols);
    const char **titles = calloc(bl->ncolumns ? bl->ncolumns : 1, sizeof *titles);
    doc_align *aligns = calloc(bl->ncolumns ? bl->ncolumns : 1, sizeof *aligns);
    if (!cols || !titles || !aligns) {
        free(cols);
        free(titles);
        free(aligns);
        html_fail(x, "out of memory");
        return;
    }
    for (size_t c = 0; c < bl->ncolumns; c++) {
        if (bl->columns[c].width <= 0)
            continue;
        cols[n] = c;
        titles[n] = bl->columns[c].title;
        aligns[n++] = bl->columns[c].align;
    }
    const char *caption = has_text(bl->table.caption) ? bl->table.caption
                          : has_text(x->section)      ? x->section
                                                      : x->doc->cover.title;
    if (n) {
        html_table_open(x, caption, titles, aligns, n, true);
        for (size_t r = 0; r < doc_table_page_rows(bl); r++) {
            if (bl->table.grouped && (r == 0 || doc_table_group_end(bl, r - 1) == r)) {
                if (r > 0)
                    xb_puts(&x->out, "</tbody><tbody>");
                xb_printf(&x->out,
                          "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"%zu\" "
                          "id=\"group-%zu-%zu\">",
                          n, (size_t)(bl - x->doc->blocks), r);
                xb_text(&x->out, doc_table_group_text(bl, r));
                xb_puts(&x->out, "</th></tr>");
            }
            html_table_row_open(x);
            for (size_t k = 0; k < n; k++) {
                const doc_cell *cell = doc_table_cell(bl, r, cols[k]);
                doc_cell shown = *cell;
                if (bl->columns[cols[k]].type == DOC_CELL_LINK && !shown.link)
                    shown.link = cell->text;
                html_table_cell(x, k, aligns[k], &shown);
            }
            html_table_row_close(x);
        }
        html_table_close(x);
    }
    free(cols);
    free(titles);
    free(aligns);
}

/* ## Blocks */

/* An id for the heading at block k: its anchor when that is a plain word
 * no earlier heading has, else its position. */
static void heading_id(html_ctx *x, size_t k)
{
    const doc_block *bl = &x->doc->blocks[k];
    const char *a = bl->anchor;
    bool plain = has_text(a) && strlen(a) < 80;
    for (const char *p = a; plain && *p; p++)
        plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                *p == '-' || *p == '_' || *p == ':' || *p == '.';
    for (size_t j = 0; plain && j < k; j++) {
        const doc_block *o = &x->doc->blocks[j];
        plain = !(o->kind == DOC_HEADING && o->anchor && strcmp(o->anchor, a) == 0);
    }
    if (plain)
        xb_printf(&x->out, "s-%s", a);
    else
        xb_printf(&x->out, "s%zu", k);
}

/* Document level 1–3 → h2–h4, never more than one below the last. */
static int heading_level(html_ctx *x, int doc_level)
{
    int h = (doc_level < 1 ? 1 : doc_level > 3 ? 3 : doc_level) + 1;
    return h > x->level + 1 ? x->level + 1 : h;
}

static void heading(html_ctx *x, size_t k)
{
    const doc_block *bl = &x->doc->blocks[k];
    int h = heading_level(x, bl->level);
    x->level = h;
    x->section = bl->text;
    xb_printf(&x->out, "<h%d id=\"", h);
    heading_id(x, k);
    xb_puts(&x->out, "\">");
    xb_text(&x->out, has_text(bl->text) ? bl->text : " ");
    xb_printf(&x->out, "</h%d>\n", h);
}

/* Inline runs (doc.h) as em, strong and a around each run's text. */
static void runs(xmlbuf *b, const doc_run *r, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        bool link = xb_link_ok(r[k].link);
        if (link) {
            xb_puts(b, "<a href=\"");
            xb_text(b, r[k].link);
            xb_puts(b, "\">");
        }
        xb_puts(b, r[k].style & DOC_RUN_STRONG ? "<strong>" : "");
        xb_puts(b, r[k].style & DOC_RUN_EMPHASIS ? "<em>" : "");
        text_lines(b, r[k].text);
        xb_puts(b, r[k].style & DOC_RUN_EMPHASIS ? "</em>" : "");
        xb_puts(b, r[k].style & DOC_RUN_STRONG ? "</strong>" : "");
        xb_puts(b, link ? "</a>" : "");
    }
}

/* Opens a list for item it: ol (with its start) or ul. */
static const char *list_open(xmlbuf *b, const doc_item *it)
{
    if (it->ordered)
        xb_printf(b, "<ol class=\"bullets\" start=\"%d\">", it->number);
    else
        xb_puts(b, "<ul class=\"bullets\">");
    return it->ordered ? "ol" : "ul";
}

static void item_text(xmlbuf *b, const doc_block *bl, size_t i)
{
    if (bl->items[i].runs)
        runs(b, bl->items[i].runs, bl->items[i].nruns);
    else
        text_lines(b, bl->bullets[i]);
}

/* A list of items with runs: an item of depth d > 0 in a list inside the
 * last item of depth d - 1 (each open list holds an open <li>). */
static void items(xmlbuf *b, const doc_block *bl)
{
    const char *open[DOC_ITEM_MAX_DEPTH + 1];
    int top = -1;
    for (size_t i = 0; i < bl->nbullets; i++) {
        const doc_item *it = &bl->items[i];
        int d = it->depth > top + 1 ? top + 1 : it->depth < 0 ? 0 : it->depth;
        while (top > d)
            xb_printf(b, "</li></%s>", open[top--]);
        if (top == d && strcmp(open[d], it->ordered ? "ol" : "ul")) /* another kind of list */
            xb_printf(b, "</li></%s>", open[top--]);
        else if (top == d)
            xb_puts(b, "</li>");
        if (top < d)
            open[++top] = list_open(b, it);
        xb_puts(b, "<li>");
        item_text(b, bl, i);
    }
    if (top >= 0) {
        while (top >= 0)
            xb_printf(b, "</li></%s>", open[top--]);
        xb_puts(b, "\n");
    }
}

static void paragraph(html_ctx *x, const doc_block *bl)
{
    static const char *const cls[] = {"", " class=\"lead\"", " class=\"small\"", " class=\"note\""};
    if (!has_text(bl->text))
        return;
    xb_printf(&x->out, "<p%s>", cls[bl->style <= DOC_STYLE_NOTE ? bl->style : 0]);
    if (bl->nruns)
        runs(&x->out, bl->runs, bl->nruns);
    else
        text_lines(&x->out, bl->text);
    xb_puts(&x->out, "</p>\n");
}

static void bullets(html_ctx *x, const doc_block *bl)
{
    if (!bl->nbullets)
        return;
    if (bl->items) {
        items(&x->out, bl);
        return;
    }
    xb_puts(&x->out, "<ul class=\"bullets\">");
    for (size_t i = 0; i < bl->nbullets; i++) {
        xb_puts(&x->out, "<li>");
        text_lines(&x->out, bl->bullets[i]);
        xb_puts(&x->out, "</li>");
    }
    xb_puts(&x->out, "</ul>\n");
}

/* Key figures: the caption first for a reader, the value first on screen. */
static void figures(html_ctx *x, const doc_block *bl)
{
    xmlbuf *b = &x->out;
    if (!bl->nfigures)
        return;
    xb_puts(b, "<dl class=\"figures\">");
    for (size_t i = 0; i < bl->nfigures; i++) {
        const doc_figure *f = &bl->figures[i];
        xb_puts(b, "<div");
        if (f->has_fill) {
            xb_puts(b, " style=\"--band:");
            html_hex(b, f->fill);
            xb_puts(b, "\"");
        }
        xb_puts(b, "><dt>");
        xb_text(b, f->caption);
        xb_puts(b, "</dt><dd class=\"value\">");
        xb_text(b, f->value);
        xb_puts(b, "</dd>");
        if (has_text(f->detail)) {
            xb_puts(b, "<dd class=\"detail\">");
            text_lines(b, f->detail);
            xb_puts(b, "</dd>");
        }
        xb_puts(b, "</div>");
    }
    xb_puts(b, "</dl>\n");
}

static void card(html_ctx *x, const doc_block *bl)
{
    xmlbuf *b = &x->out;
    int h = x->level + 1 > 6 ? 6 : x->level + 1;
    xb_puts(b, "<section class=\"card\"");
    if (bl->has_accent) {
        xb_puts(b, " style=\"--edge:");
        html_hex(b, bl->accent);
        xb_puts(b, "\"");
    }
    xb_printf(b, "><h%d>", h);
    xb_text(b, has_text(bl->text) ? bl->text : " ");
    xb_printf(b, "</h%d>", h);
    if (has_text(bl->badge)) {
        xb_puts(b, "<p class=\"badge\">");
        xb_text(b, bl->badge);
        xb_puts(b, "</p>");
    }
    if (bl->nfields) {
        xb_puts(b, "<dl>");
        for (size_t i = 0; i < bl->nfields; i++) {
            xb_puts(b, "<dt>");
            xb_text(b, bl->fields[i].label);
            xb_puts(b, "</dt><dd>");
            text_lines(b, bl->fields[i].text);
            xb_puts(b, "</dd>");
        }
        xb_puts(b, "</dl>");
    }
    xb_puts(b, "</section>\n");
}

/* A table shown as cards: a card a row. */
static void cards(html_ctx *x, const doc_block *bl)
{
    doc_field *fields = calloc(bl->ncolumns, sizeof *fields);
    if (!fields) {
        html_fail(x, "out of memory");
        return;
    }
    for (size_t r = 0; r < doc_table_page_rows(bl); r++) {
        doc_block c = doc_table_card(bl, r, fields);
        card(x, &c);
    }
    free(fields);
}

static void block(html_ctx *x, size_t k)
{
    const doc_block *bl = &x->doc->blocks[k];
    switch (bl->kind) {
    case DOC_HEADING:
        heading(x, k);
        break;
    case DOC_PARAGRAPH:
        paragraph(x, bl);
        break;
    case DOC_BULLETS:
        bullets(x, bl);
        break;
    case DOC_FIGURES:
        figures(x, bl);
        break;
    case DOC_TABLE:
        if (bl->ncolumns && bl->table.cards && !bl->table.data_only)
            cards(x, bl);
        else if (bl->ncolumns)
            table(x, bl);
        break;
    case DOC_CHART:
        html_chart(x, bl, k);
        break;
    case DOC_CARD:
        card(x, bl);
        break;
    case DOC_TOC: /* the contents are drawn before <main> (contents()) */
    case DOC_PAGE_BREAK:
    case DOC_BLOCK_KIND_COUNT:
        break;
    }
}

/* ## The page around the blocks */

static bool logo(html_ctx *x, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return html_fail(x, "cannot load logo %s: %s", path, strerror(errno)), false;
    xmlbuf png = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && png.len < LOGO_MAX)
        xb_put(&png, chunk, n);
    bool bad = ferror(f) != 0;
    fclose(f);
    if (bad || png.failed || png.len < 8 || png.len >= LOGO_MAX ||
        memcmp(png.data, "\x89PNG\r\n\x1a\n", 8) != 0) {
        xb_free(&png);
        return html_fail(x, "cannot load logo %s: not a PNG file under 4 MB", path), false;
    }
    xmlbuf *b = &x->out;
    /* its size from the PNG header, at most 160 by 56: word processors
     * ignore the stylesheet and would show it at full size */
    const unsigned char *h = (const unsigned char *)png.data;
    double w = png.len >= 24 ? (double)((unsigned long)h[16] << 24 | (unsigned long)h[17] << 16 |
                                        (unsigned long)h[18] << 8 | h[19])
                             : 0;
    double ht = png.len >= 24 ? (double)((unsigned long)h[20] << 24 | (unsigned long)h[21] << 16 |
                                         (unsigned long)h[22] << 8 | h[23])
                              : 0;
    double s = w > 0 && ht > 0 ? (160 / w < 56 / ht ? 160 / w : 56 / ht) : 0;
    xb_puts(b, "<div class=\"logo\"><img");
    if (s > 0)
        xb_printf(b, " width=\"%.0f\" height=\"%.0f\"", w * s, ht * s);
    xb_puts(b, " src=\"data:image/png;base64,");
    xb_base64(b, (const unsigned char *)png.data, png.len);
    xb_puts(b, "\" alt=\"");
    xb_text(b, has_text(x->doc->brand.organization) ? x->doc->brand.organization
                                                     : l10n_get(x->doc->info.lang, "Logo"));
    xb_puts(b, "\"/></div>");
    xb_free(&png);
    return true;
}

static void meta_item(xmlbuf *b, const char *label, const char *value)
{
    if (!has_text(value))
        return;
    xb_printf(b, "<div><dt>%s</dt><dd>", label);
    xb_text(b, value);
    xb_puts(b, "</dd></div>");
}

static void cover(html_ctx *x)
{
    const report_doc *d = x->doc;
    const doc_cover *c = &d->cover;
    xmlbuf *b = &x->out;
    xb_puts(b, "<header class=\"cover\"><div class=\"wrap\"><div class=\"brandline\">");
    bool has_logo = has_text(d->brand.logo_png);
    if (has_logo && !logo(x, d->brand.logo_png))
        return;
    if (has_text(d->brand.organization)) {
        xb_puts(b, "<p class=\"org\">");
        xb_text(b, d->brand.organization);
        xb_puts(b, "</p>");
    }
    xb_puts(b, "</div>");
    if (has_text(c->title)) {
        xb_puts(b, "<p class=\"kicker\">");
        xb_text(b, c->title);
        xb_puts(b, "</p>");
    }
    xb_puts(b, "<h1>");
    xb_text(b, has_text(c->entity)  ? c->entity
               : has_text(c->title) ? c->title
                                    : l10n_get(d->info.lang, "Report"));
    xb_puts(b, "</h1>");
    if (has_text(c->subtitle)) {
        xb_puts(b, "<p class=\"subtitle\">");
        xb_text(b, c->subtitle);
        xb_puts(b, "</p>");
    }
    /* which edition, a line of its own as on the PDF's cover ("Team
     * edition" names itself: as a term it would repeat its label) */
    if (has_text(c->edition)) {
        xb_puts(b, "<p class=\"edition\">");
        xb_text(b, c->edition);
        xb_puts(b, "</p>");
    }
    xb_puts(b, "</div></header>\n<div class=\"meta\"><div class=\"wrap\"><dl>");
    const char *by = c->prepared_by, *org = d->brand.organization;
    const char *lang = d->info.lang;
    meta_item(b, c->cycle.label, c->cycle.value);
    meta_item(b, l10n_get(lang, "Date"), c->date);
    meta_item(b, l10n_get(lang, "Prepared for"), c->prepared_for);
    meta_item(b, l10n_get(lang, "Prepared by"), has_text(by) ? by : org);
    meta_item(b, l10n_get(lang, "Contact"), c->contact);
    meta_item(b, c->questionnaire.label, c->questionnaire.value);
    meta_item(b, l10n_get(lang, "Other formats"), c->formats);
    xb_puts(b, "</dl></div></div>\n");
}

/* Opens the contents' entry of a level 1 or 2 heading, up to its link's "#". */
static void toc_item(xmlbuf *b, int level, bool *open1, bool *open2)
{
    if (level <= 1) {
        xb_puts(b, *open2 ? "</li></ol></li>" : *open1 ? "</li>" : "");
        *open1 = true;
        *open2 = false;
    } else if (!*open2) {
        xb_puts(b, "<ol>");
        *open2 = true;
    } else {
        xb_puts(b, "</li>");
    }
    xb_puts(b, "<li><a href=\"#");
}

/* Contents: level 1 headings, each with its level 2 headings (and the
 * groups of a grouped table right under it). */
static void contents(html_ctx *x)
{
    const report_doc *d = x->doc;
    xmlbuf *b = &x->out;
    size_t n1 = 0;
    for (size_t k = 0; k < d->nblocks; k++)
        n1 += d->blocks[k].kind == DOC_HEADING && d->blocks[k].level <= 1;
    if (n1 < 2)
        return;
    xb_puts(b, "<nav class=\"toc\" aria-labelledby=\"toc\"><h2 id=\"toc\">");
    xb_text(b, l10n_get(d->info.lang, "Contents"));
    xb_puts(b, "</h2><ol>");
    bool open1 = false, open2 = false;
    int last = 0; /* the level of the last heading */
    for (size_t k = 0; k < d->nblocks; k++) {
        const doc_block *bl = &d->blocks[k];
        if (bl->kind == DOC_HEADING)
            last = bl->level;
        if (bl->kind == DOC_HEADING && (bl->level <= 1 || (bl->level == 2 && open1))) {
            toc_item(b, bl->level, &open1, &open2);
            heading_id(x, k);
            xb_puts(b, "\">");
            xb_text(b, has_text(bl->text) ? bl->text : " ");
            xb_puts(b, "</a>");
        }
        /* the groups of a table under a level-1 heading, as its level-2 entries */
        if (bl->kind != DOC_TABLE || !bl->table.grouped || bl->table.data_only || last != 1 ||
            !open1)
            continue;
        for (size_t r = 0; r < doc_table_page_rows(bl); r = doc_table_group_end(bl, r)) {
            toc_item(b, 2, &open1, &open2);
            xb_printf(b, "group-%zu-%zu\">", k, r);
            xb_text(b, doc_table_group_text(bl, r));
            xb_puts(b, "</a>");
        }
    }
    xb_puts(b, open2 ? "</li></ol></li>" : open1 ? "</li>" : "");
    xb_puts(b, "</ol></nav>\n");
}

static void footer(html_ctx *x)
{
    const report_doc *d = x->doc;
    xmlbuf *b = &x->out;
    xb_puts(b, "<footer><div class=\"wrap\">");
    if (has_text(d->info.header)) {
        xb_puts(b, "<p>");
        xb_text(b, d->info.header);
        xb_puts(b, "</p>");
    }
    const char *org = d->brand.organization, *contact = d->brand.contact;
    if (has_text(org) || has_text(contact)) {
        xb_puts(b, "<p>");
        xb_text(b, org);
        xb_puts(b, has_text(org) && has_text(contact) ? " · " : "");
        xb_text(b, contact);
        xb_puts(b, "</p>");
    }
    const doc_cover_item *q = &d->cover.questionnaire;
    if (has_text(q->value)) {
        xb_puts(b, "<p class=\"small\">");
        if (has_text(q->label)) {
            xb_text(b, q->label);
            xb_puts(b, " ");
        }
        xb_text(b, q->value);
        xb_puts(b, "</p>");
    }
    xb_puts(b, "</div></footer>\n");
}

static void head(html_ctx *x)
{
    const report_doc *d = x->doc;
    xmlbuf *b = &x->out;
    const char *lang = has_text(d->info.lang) ? d->info.lang : "en";
    xb_puts(b, "<!DOCTYPE html>\n<html lang=\"");
    xb_text(b, lang);
    xb_puts(b,
            "\">\n<head>\n<meta charset=\"utf-8\"/>\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>");
    const char *title = has_text(d->info.title) ? d->info.title : d->cover.title;
    xb_text(b, has_text(title) ? title : l10n_get(d->info.lang, "Report"));
    xb_puts(b, "</title>\n");
    const char *names[3] = {"author", "description", "keywords"};
    const char *values[3] = {d->info.author, d->info.subject, d->info.keywords};
    for (int i = 0; i < 3; i++) {
        if (has_text(values[i])) {
            xb_printf(b, "<meta name=\"%s\" content=\"", names[i]);
            xb_text(b, values[i]);
            xb_puts(b, "\"/>\n");
        }
    }
    html_style(x);
    xb_puts(b, "</head>\n<body>\n<a class=\"skip\" href=\"#main\">");
    xb_text(b, l10n_get(d->info.lang, "Skip to the report"));
    xb_puts(b, "</a>\n");
}

static int write_file(html_ctx *x, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return html_fail(x, "cannot write %s: %s", path, strerror(errno));
    bool ok = fwrite(x->out.data, 1, x->out.len, f) == x->out.len;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = false;
        e = errno;
    }
    return ok ? 0 : html_fail(x, "cannot write %s: %s", path, strerror(e));
}

int html_render(const report_doc *doc, const char *path, char *err, size_t errlen)
{
    if (err && errlen)
        err[0] = '\0';
    html_ctx x = {.doc = doc, .err = err, .errlen = errlen, .level = 1};
    if (!doc || !path)
        return html_fail(&x, "HTML: no document or no path");
    html_colours_init(&x.col, &doc->brand);
    head(&x);
    cover(&x);
    xb_puts(&x.out, "<div class=\"wrap\">\n");
    contents(&x);
    xb_puts(&x.out, "<main id=\"main\">\n");
    for (size_t k = 0; k < doc->nblocks && !x.failed; k++)
        block(&x, k);
    xb_puts(&x.out, "</main>\n</div>\n");
    footer(&x);
    xb_puts(&x.out, "</body>\n</html>\n");
    if (x.out.failed)
        html_fail(&x, "out of memory");
    int rc = x.failed ? -1 : write_file(&x, path);
    html_measure_done(&x);
    xb_free(&x.out);
    return rc;
}
