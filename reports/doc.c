/*
 * doc.c — building a report_doc (see doc.h).
 */
#include "doc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Strings live in chunks that are freed together. */
typedef struct chunk {
    struct chunk *next;
    size_t used, size;
    char data[];
} chunk;

struct doc_state {
    chunk *chunks;
    bool failed;
    size_t blocks_cap;
    size_t items_cap; /* capacity of the growing array of the last block */
    size_t figures_n; /* charts handed over, freed at the end */
    size_t figures_cap;
    report_figure **figures;
};

report_doc *doc_new(void)
{
    report_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    doc->state = calloc(1, sizeof *doc->state);
    if (!doc->state) {
        free(doc);
        return NULL;
    }
    doc->info.lang = "en";
    doc->brand.primary = (doc_rgb){0.0, 0.447, 0.698}; /* Okabe–Ito blue */
    doc->brand.accent = (doc_rgb){0.835, 0.369, 0.0};  /* Okabe–Ito vermillion */
    return doc;
}

static void free_block(doc_block *b)
{
    free(b->runs);
    for (size_t k = 0; b->items && k < b->nbullets; k++)
        free(b->items[k].runs);
    free(b->items);
    free(b->bullets);
    free(b->figures);
    for (size_t c = 0; c < b->ncolumns; c++)
        free((void *)b->columns[c].choices);
    free(b->columns);
    free(b->charts);
    free(b->cells);
    free(b->fields);
}

void doc_free(report_doc *doc)
{
    if (!doc)
        return;
    for (size_t k = 0; k < doc->nblocks; k++)
        free_block(&doc->blocks[k]);
    free(doc->blocks);
    struct doc_state *s = doc->state;
    for (size_t k = 0; k < s->figures_n; k++) {
        report_figure_cleanup(s->figures[k]);
        free(s->figures[k]);
    }
    free(s->figures);
    for (chunk *c = s->chunks, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(s);
    free(doc);
}

bool doc_failed(const report_doc *doc)
{
    return !doc || doc->state->failed;
}

static void *fail(report_doc *doc)
{
    doc->state->failed = true;
    return NULL;
}

static char *alloc_text(report_doc *doc, size_t n)
{
    struct doc_state *s = doc->state;
    if (s->failed)
        return NULL;
    chunk *c = s->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = n > 32768 ? n : 32768;
        chunk *fresh = malloc(sizeof *fresh + size);
        if (!fresh)
            return fail(doc);
        fresh->used = 0;
        fresh->size = size;
        fresh->next = s->chunks;
        s->chunks = c = fresh;
    }
    char *p = c->data + c->used;
    c->used += n;
    return p;
}

const char *doc_str(report_doc *doc, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *p = alloc_text(doc, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

const char *doc_strf(report_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return fail(doc);
    char *p = alloc_text(doc, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ## Blocks */

static doc_block *add_block(report_doc *doc, doc_block_kind kind)
{
    struct doc_state *s = doc->state;
    if (s->failed)
        return NULL;
    if (doc->nblocks == s->blocks_cap) {
        size_t cap = s->blocks_cap ? 2 * s->blocks_cap : 64;
        doc_block *grown = realloc(doc->blocks, cap * sizeof *grown);
        if (!grown)
            return fail(doc);
        doc->blocks = grown;
        s->blocks_cap = cap;
    }
    doc_block *b = &doc->blocks[doc->nblocks++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    s->items_cap = 0;
    return b;
}

/* The last block when it is of `kind`, else NULL (a builder misuse). */
static doc_block *open_block(report_doc *doc, doc_block_kind kind)
{
    if (doc->state->failed)
        return NULL;
    if (doc->nblocks == 0 || doc->blocks[doc->nblocks - 1].kind != kind)
        return fail(doc);
    return &doc->blocks[doc->nblocks - 1];
}

/* Makes room for one more element in the last block's growing array. */
static bool grow(report_doc *doc, void **array, size_t count, size_t elem)
{
    struct doc_state *s = doc->state;
    if (count < s->items_cap)
        return true;
    size_t cap = s->items_cap ? 2 * s->items_cap : 8;
    void *grown = realloc(*array, cap * elem);
    if (!grown) {
        fail(doc);
        return false;
    }
    *array = grown;
    s->items_cap = cap;
    return true;
}

void doc_heading(report_doc *doc, int level, const char *anchor, const char *text)
{
    doc_block *b = add_block(doc, DOC_HEADING);
    if (!b)
        return;
    b->level = level < 1 ? 1 : level > 3 ? 3 : level;
    b->anchor = doc_str(doc, anchor);
    b->text = doc_str(doc, text);
}

void doc_paragraph(report_doc *doc, doc_style style, const char *text)
{
    doc_block *b = add_block(doc, DOC_PARAGRAPH);
    if (!b)
        return;
    b->style = style;
    b->text = doc_str(doc, text);
}

/* A copy of n runs (their strings the document's), and their texts
 * joined into *joined; NULL (and the document failed) when memory runs
 * out. */
static doc_run *copy_runs(report_doc *doc, const doc_run *runs, size_t nruns, const char **joined)
{
    doc_run *v = calloc(nruns ? nruns : 1, sizeof *v);
    if (!v)
        return fail(doc);
    size_t len = 1;
    for (size_t k = 0; k < nruns; k++) {
        v[k] = (doc_run){doc_str(doc, runs[k].text ? runs[k].text : ""), runs[k].style,
                         doc_str(doc, runs[k].link)};
        len += strlen(runs[k].text ? runs[k].text : "");
    }
    char *t = alloc_text(doc, len);
    if (!t || doc->state->failed) {
        free(v);
        return fail(doc);
    }
    t[0] = '\0';
    for (size_t k = 0; k < nruns; k++)
        strcat(t, v[k].text);
    *joined = t;
    return v;
}

void doc_paragraph_runs(report_doc *doc, doc_style style, const doc_run *runs, size_t nruns)
{
    doc_block *b = add_block(doc, DOC_PARAGRAPH);
    if (!b)
        return;
    b->style = style;
    b->runs = copy_runs(doc, runs, nruns, &b->text);
    b->nruns = b->runs ? nruns : 0;
}

/* Keeps the items array as long as the bullets array (a fresh entry plain). */
static bool items_grow(report_doc *doc, doc_block *b)
{
    doc_item *grown = realloc(b->items, doc->state->items_cap * sizeof *grown);
    if (!grown) {
        fail(doc);
        return false;
    }
    b->items = grown;
    b->items[b->nbullets] = (doc_item){0};
    return true;
}

void doc_item_runs(report_doc *doc, int depth, bool ordered, int number, const doc_run *runs,
                   size_t nruns)
{
    doc_block *b = open_block(doc, DOC_BULLETS);
    if (!b || !grow(doc, (void **)&b->bullets, b->nbullets, sizeof *b->bullets))
        return;
    if (!b->items) {
        b->items = calloc(doc->state->items_cap, sizeof *b->items);
        if (!b->items) {
            fail(doc);
            return;
        }
    } else if (!items_grow(doc, b)) {
        return;
    }
    const char *text = NULL;
    doc_run *v = copy_runs(doc, runs, nruns, &text);
    if (!v)
        return;
    int prev = b->nbullets ? b->items[b->nbullets - 1].depth : -1;
    depth = depth < 0 ? 0 : depth > DOC_ITEM_MAX_DEPTH ? DOC_ITEM_MAX_DEPTH : depth;
    b->items[b->nbullets] = (doc_item){depth > prev + 1 ? prev + 1 : depth, ordered, number, nruns,
                                       v};
    b->bullets[b->nbullets++] = text;
}

void doc_page_break(report_doc *doc)
{
    add_block(doc, DOC_PAGE_BREAK);
}

void doc_toc(report_doc *doc, const char *title, int min_pages)
{
    doc_block *b = add_block(doc, DOC_TOC);
    if (!b)
        return;
    b->text = doc_str(doc, title);
    b->min_pages = min_pages;
}

void doc_bullets(report_doc *doc)
{
    add_block(doc, DOC_BULLETS);
}

void doc_bullet(report_doc *doc, const char *text)
{
    doc_block *b = open_block(doc, DOC_BULLETS);
    if (!b || !grow(doc, (void **)&b->bullets, b->nbullets, sizeof *b->bullets))
        return;
    if (b->items && !items_grow(doc, b))
        return;
    b->bullets[b->nbullets++] = doc_str(doc, text);
}

void doc_figures(report_doc *doc)
{
    add_block(doc, DOC_FIGURES);
}

void doc_figure_add(report_doc *doc, const char *value, const char *caption,
                    const char *detail, const doc_rgb *fill)
{
    doc_block *b = open_block(doc, DOC_FIGURES);
    if (!b || !grow(doc, (void **)&b->figures, b->nfigures, sizeof *b->figures))
        return;
    doc_figure *f = &b->figures[b->nfigures++];
    *f = (doc_figure){.value = doc_str(doc, value),
                      .caption = doc_str(doc, caption),
                      .detail = doc_str(doc, detail),
                      .has_fill = fill != NULL};
    if (fill)
        f->fill = *fill;
}

void doc_table_open(report_doc *doc, const doc_table_opts *opts, const doc_column *columns,
                    size_t ncolumns)
{
    doc_block *b = add_block(doc, DOC_TABLE);
    if (!b)
        return;
    if (opts) {
        b->table = *opts;
        b->table.caption = doc_str(doc, opts->caption);
        b->table.note = doc_str(doc, opts->note);
        b->table.sheet = doc_str(doc, opts->sheet);
    }
    b->columns = calloc(ncolumns ? ncolumns : 1, sizeof *b->columns);
    if (!b->columns) {
        fail(doc);
        return;
    }
    b->ncolumns = ncolumns;
    for (size_t c = 0; c < ncolumns; c++) {
        b->columns[c] = columns[c];
        b->columns[c].title = doc_str(doc, columns[c].title);
        b->columns[c].choices = NULL;
        b->columns[c].nchoices = 0;
        if (columns[c].nchoices) {
            const char **ch = calloc(columns[c].nchoices, sizeof *ch);
            if (!ch) {
                fail(doc);
                return;
            }
            for (size_t k = 0; k < columns[c].nchoices; k++)
                ch[k] = doc_str(doc, columns[c].choices[k]);
            b->columns[c].choices = ch;
            b->columns[c].nchoices = columns[c].nchoices;
        }
    }
}

void doc_table(report_doc *doc, const doc_column *columns, size_t ncolumns)
{
    doc_table_open(doc, NULL, columns, ncolumns);
}

void doc_table_row(report_doc *doc, const doc_cell *cells)
{
    doc_block *b = open_block(doc, DOC_TABLE);
    if (!b)
        return;
    /* the growing array counts rows; cells are ncolumns per row */
    struct doc_state *s = doc->state;
    if (b->nrows == s->items_cap) {
        size_t cap = s->items_cap ? 2 * s->items_cap : 16;
        doc_cell *grown = realloc(b->cells, cap * (b->ncolumns ? b->ncolumns : 1) * sizeof *grown);
        if (!grown) {
            fail(doc);
            return;
        }
        b->cells = grown;
        s->items_cap = cap;
    }
    doc_cell *row = &b->cells[b->nrows++ * b->ncolumns];
    for (size_t c = 0; c < b->ncolumns; c++) {
        row[c] = cells[c];
        row[c].text = doc_str(doc, cells[c].text ? cells[c].text : "");
        row[c].link = doc_str(doc, cells[c].link);
    }
}

void doc_chart(report_doc *doc, report_figure *fig, double height)
{
    struct doc_state *s = doc->state;
    if (!fig) {
        fail(doc);
        return;
    }
    if (s->figures_n == s->figures_cap) {
        size_t cap = s->figures_cap ? 2 * s->figures_cap : 8;
        report_figure **grown = realloc(s->figures, cap * sizeof *grown);
        if (!grown) {
            report_figure_cleanup(fig);
            free(fig);
            fail(doc);
            return;
        }
        s->figures = grown;
        s->figures_cap = cap;
    }
    s->figures[s->figures_n++] = fig;
    doc_block *b = add_block(doc, DOC_CHART);
    if (!b)
        return;
    b->chart = fig;
    b->height = height;
}

void doc_card(report_doc *doc, const char *title, const char *badge, const doc_rgb *accent)
{
    doc_block *b = add_block(doc, DOC_CARD);
    if (!b)
        return;
    b->text = doc_str(doc, title);
    b->badge = doc_str(doc, badge);
    b->has_accent = accent != NULL;
    if (accent)
        b->accent = *accent;
}

void doc_card_field(report_doc *doc, const char *label, const char *text)
{
    if (!text || !text[0])
        return;
    doc_block *b = open_block(doc, DOC_CARD);
    if (!b || !grow(doc, (void **)&b->fields, b->nfields, sizeof *b->fields))
        return;
    b->fields[b->nfields++] = (doc_field){doc_str(doc, label), doc_str(doc, text)};
}

const char *doc_block_kind_name(doc_block_kind kind)
{
    static const char *const names[DOC_BLOCK_KIND_COUNT] = {
        "heading", "paragraph", "bullets", "figures", "table", "chart", "card", "page-break",
        "toc"};
    return (unsigned)kind < DOC_BLOCK_KIND_COUNT ? names[kind] : "?";
}

void doc_table_add_chart(report_doc *doc, const doc_table_chart *spec)
{
    doc_block *b = open_block(doc, DOC_TABLE);
    if (!b)
        return;
    doc_table_chart *grown = realloc(b->charts, (b->ncharts + 1) * sizeof *grown);
    if (!grown) {
        fail(doc);
        return;
    }
    b->charts = grown;
    b->charts[b->ncharts] = *spec;
    b->charts[b->ncharts].title = doc_str(doc, spec->title);
    b->ncharts++;
}

doc_cell doc_cell_score(report_doc *doc, double v)
{
    return (doc_cell){.text = doc_strf(doc, "%.1f", v), .has_number = true, .number = v};
}

doc_cell doc_cell_count(report_doc *doc, double v)
{
    return (doc_cell){.text = doc_strf(doc, "%.0f", v), .has_number = true, .number = v};
}

doc_cell doc_cell_share(report_doc *doc, double v)
{
    return (doc_cell){.text = doc_strf(doc, "%.1f %%", 100.0 * v), .has_number = true, .number = v};
}

static const char *group_text(const doc_block *b, size_t r)
{
    const char *t = doc_table_cell(b, r, b->table.group_column)->text;
    return t ? t : "";
}

size_t doc_table_group_end(const doc_block *b, size_t r)
{
    if (!b->table.grouped || b->table.group_column >= b->ncolumns)
        return b->nrows;
    const char *t = group_text(b, r);
    while (++r < b->nrows && !strcmp(group_text(b, r), t))
        ;
    return r;
}

const char *doc_table_group_text(const doc_block *b, size_t r)
{
    if (!b->table.grouped || b->table.group_column >= b->ncolumns || r >= b->nrows)
        return "";
    return group_text(b, r);
}

doc_block doc_table_card(const doc_block *b, size_t r, doc_field *fields)
{
    size_t t = b->table.card_title, g = b->table.card_badge;
    const doc_cell *title = t < b->ncolumns ? doc_table_cell(b, r, t) : NULL;
    const doc_cell *badge = g < b->ncolumns ? doc_table_cell(b, r, g) : NULL;
    doc_block card = {.kind = DOC_CARD,
                      .text = title ? title->text : NULL,
                      .badge = badge ? badge->text : NULL,
                      .has_accent = badge && badge->has_fill,
                      .fields = fields};
    if (card.has_accent)
        card.accent = badge->fill;
    for (size_t c = 0; c < b->ncolumns; c++) {
        const char *text = doc_table_cell(b, r, c)->text;
        if (c == t || c == g || b->columns[c].width <= 0 || !text || !text[0])
            continue;
        fields[card.nfields++] = (doc_field){b->columns[c].title, text};
    }
    return card;
}
