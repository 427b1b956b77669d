/*
 * commentary.c — a consultant's commentary (a CommonMark file) read with
 * libcmark into a small structure, and placed into a report_doc at the
 * sections it names.
 *
 * cmark parses; the walk below decides what passes.  cmark's safe option
 * guards only cmark's own HTML output, and we never ask cmark for HTML:
 * every renderer draws the runs this walk keeps, so this walk is the one
 * place where raw HTML is dropped, link schemes are checked and images
 * are refused.
 *
 * What is kept: level-1 headings as sections ("Executive summary" or a
 * dimension's id or label), paragraphs, lists (ordered or bulleted, one
 * level of nesting; deeper items join the nested level), emphasis,
 * strong emphasis and links.  Headings of level 2 and below become
 * level-3 headings of the report (minor headings, not in the outline),
 * so the consultant's structure stays visible without competing with the
 * report's own sections.  Block quotes keep their paragraphs; code is
 * kept as plain text; thematic breaks are left out.
 */
#include "commentary.h"
#include "intl.h"
#include "l10n.h"

#include <cmark.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct {
    size_t text; /* offsets into the string pool */
    unsigned style;
    size_t link; /* NO_LINK when the run links nowhere */
} cm_run;

#define NO_LINK ((size_t)-1)

typedef enum { CM_PARAGRAPH, CM_ITEM, CM_HEADING } cm_kind;

typedef struct {
    cm_kind kind;
    int depth, number; /* CM_ITEM */
    bool ordered;
    size_t first_run, nruns;
} cm_block;

typedef struct {
    size_t dimension; /* COMMENTARY_SUMMARY or a dimension's index */
    long line;
    size_t first_block, nblocks;
} cm_section;

struct report_commentary {
    char *pool; /* every text, NUL-terminated, by offset */
    size_t pool_n, pool_cap;
    cm_run *runs;
    size_t nruns, runs_cap;
    cm_block *blocks;
    size_t nblocks, blocks_cap;
    cm_section *sections;
    size_t nsections, sections_cap;
    doc_run *druns; /* the runs as the document takes them, once the pool is final */
};

/* One load: the inputs, where the walk is, and whether memory ran out. */
typedef struct {
    report_commentary *c;
    const char *path;
    const assess_questionnaire *q;
    const char *lang;
    assess_diags *d;
    bool nomem;
    long line; /* the line of the inline being read */
} loader;

/* ## Growing arrays */

static void *grow(loader *ld, void *v, size_t *cap, size_t n, size_t elem)
{
    if (n < *cap)
        return v;
    size_t c = *cap ? 2 * *cap : 16;
    void *g = realloc(v, c * elem);
    if (!g) {
        ld->nomem = true;
        return NULL;
    }
    *cap = c;
    return g;
}

static size_t pool_add(loader *ld, const char *s, size_t n)
{
    report_commentary *c = ld->c;
    while (c->pool_n + n + 1 > c->pool_cap) {
        size_t cap = c->pool_cap ? 2 * c->pool_cap : 4096;
        char *g = realloc(c->pool, cap);
        if (!g) {
            ld->nomem = true;
            return 0;
        }
        c->pool = g;
        c->pool_cap = cap;
    }
    size_t at = c->pool_n;
    memcpy(c->pool + at, s, n);
    c->pool[at + n] = '\0';
    c->pool_n += n + 1;
    return at;
}

/* Adds text to the current block's runs, joining it to the last run when
 * that has the same style and link (cmark splits text at every special
 * character). */
static void add_text(loader *ld, const char *s, size_t n, unsigned style, const char *link)
{
    report_commentary *c = ld->c;
    if (n == 0 || ld->nomem)
        return;
    cm_block *b = &c->blocks[c->nblocks - 1];
    if (b->nruns) {
        cm_run *last = &c->runs[c->nruns - 1];
        /* the last run's text is the pool's last string: extend it */
        if (last->style == style && last->link == NO_LINK && !link &&
            last->text + strlen(c->pool + last->text) + 1 == c->pool_n) {
            c->pool_n--; /* over its NUL */
            pool_add(ld, s, n);
            return;
        }
    }
    cm_run *v = grow(ld, c->runs, &c->runs_cap, c->nruns, sizeof *v);
    if (!v)
        return;
    c->runs = v;
    size_t t = pool_add(ld, s, n);
    size_t l = link ? pool_add(ld, link, strlen(link)) : NO_LINK;
    if (ld->nomem)
        return;
    c->runs[c->nruns++] = (cm_run){t, style, l};
    b->nruns++;
}

static void open_block(loader *ld, cm_kind kind, int depth, bool ordered, int number)
{
    report_commentary *c = ld->c;
    cm_block *v = grow(ld, c->blocks, &c->blocks_cap, c->nblocks, sizeof *v);
    if (!v)
        return;
    c->blocks = v;
    c->blocks[c->nblocks++] = (cm_block){kind, depth, number, ordered, c->nruns, 0};
    c->sections[c->nsections - 1].nblocks++;
}

/* ## Inlines */

static bool link_allowed(const char *url)
{
    static const char *const schemes[] = {"http://", "https://", "mailto:"};
    for (size_t k = 0; k < sizeof schemes / sizeof *schemes; k++)
        if (!strncasecmp(url, schemes[k], strlen(schemes[k])) && url[strlen(schemes[k])])
            return true;
    return false;
}

static long node_line(const loader *ld, cmark_node *n)
{
    int l = cmark_node_get_start_line(n);
    return l > 0 ? l : ld->line;
}

static void warn_html(loader *ld, cmark_node *n)
{
    assess_diags_add(ld->d, ASSESS_WARNING, assess_loc_line(ld->path, node_line(ld, n)),
                     _("raw HTML (%s) is left out: commentary is CommonMark text, emphasis, lists "
                     "and links"),
                     cmark_node_get_literal(n));
}

static void refuse_image(loader *ld, cmark_node *n)
{
    assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_line(ld->path, node_line(ld, n)),
                     _("an image (\"%s\") cannot go into commentary: reports take text, lists "
                     "and links only; describe it in words or link to it"),
                     cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
}

/* Adds the inlines under parent as runs of the current block. */
static void inlines(loader *ld, cmark_node *parent, unsigned style, const char *link)
{
    for (cmark_node *n = cmark_node_first_child(parent); n && !ld->nomem; n = cmark_node_next(n)) {
        const char *lit = cmark_node_get_literal(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            add_text(ld, lit, strlen(lit), style, link);
            break;
        case CMARK_NODE_SOFTBREAK:
            ld->line++;
            add_text(ld, " ", 1, style, link);
            break;
        case CMARK_NODE_LINEBREAK:
            ld->line++;
            add_text(ld, "\n", 1, style, link);
            break;
        case CMARK_NODE_HTML_INLINE:
            warn_html(ld, n);
            break;
        case CMARK_NODE_EMPH:
            inlines(ld, n, style | DOC_RUN_EMPHASIS, link);
            break;
        case CMARK_NODE_STRONG:
            inlines(ld, n, style | DOC_RUN_STRONG, link);
            break;
        case CMARK_NODE_LINK: {
            const char *url = cmark_node_get_url(n);
            if (url && link_allowed(url)) {
                inlines(ld, n, style, url);
            } else {
                assess_diags_add(ld->d, ASSESS_WARNING,
                                 assess_loc_line(ld->path, node_line(ld, n)),
                                 _("the link to \"%s\" is left out (its text is kept): links "
                                 "may go only to http, https and mailto addresses"),
                                 url ? url : "");
                inlines(ld, n, style, link);
            }
            break;
        }
        case CMARK_NODE_IMAGE:
            refuse_image(ld, n);
            break;
        default:
            inlines(ld, n, style, link);
            break;
        }
    }
}

/* The inlines of a node as one plain string (a section's name). */
static void plain_text(cmark_node *parent, char *out, size_t cap, size_t *used)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        const char *lit = t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ? " "
                          : t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE ? cmark_node_get_literal(n)
                                                                          : NULL;
        if (lit && *used < cap)
            *used += (size_t)snprintf(out + *used, cap - *used, "%s", lit);
        else if (t != CMARK_NODE_HTML_INLINE)
            plain_text(n, out, cap, used);
    }
    if (*used >= cap)
        *used = cap - 1;
}

/* ## Blocks */

static void paragraph(loader *ld, cmark_node *n, cm_kind kind)
{
    ld->line = cmark_node_get_start_line(n);
    open_block(ld, kind, 0, false, 0);
    if (!ld->nomem)
        inlines(ld, n, 0, NULL);
}

static void list(loader *ld, cmark_node *n, int depth);

static void item(loader *ld, cmark_node *it, int depth, bool ordered, int number)
{
    ld->line = cmark_node_get_start_line(it);
    open_block(ld, CM_ITEM, depth, ordered, number);
    bool first = true;
    /* the item's own text first (its paragraphs joined), then its lists */
    for (cmark_node *n = cmark_node_first_child(it); n && !ld->nomem; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_LIST)
            continue;
        if (!first)
            add_text(ld, " ", 1, 0, NULL);
        first = false;
        ld->line = cmark_node_get_start_line(n);
        if (t == CMARK_NODE_CODE_BLOCK) {
            const char *lit = cmark_node_get_literal(n);
            size_t len = strlen(lit);
            add_text(ld, lit, len && lit[len - 1] == '\n' ? len - 1 : len, 0, NULL);
        } else if (t == CMARK_NODE_HTML_BLOCK) {
            assess_diags_add(ld->d, ASSESS_WARNING, assess_loc_line(ld->path, ld->line),
                             _("raw HTML is left out: commentary is CommonMark text, emphasis, "
                             "lists and links"));
        } else {
            inlines(ld, n, 0, NULL);
        }
    }
    for (cmark_node *n = cmark_node_first_child(it); n && !ld->nomem; n = cmark_node_next(n))
        if (cmark_node_get_type(n) == CMARK_NODE_LIST)
            list(ld, n, depth < DOC_ITEM_MAX_DEPTH ? depth + 1 : DOC_ITEM_MAX_DEPTH);
}

static void list(loader *ld, cmark_node *n, int depth)
{
    bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    int k = ordered ? cmark_node_get_list_start(n) : 0;
    for (cmark_node *it = cmark_node_first_child(n); it && !ld->nomem; it = cmark_node_next(it))
        item(ld, it, depth, ordered, k++);
}

static void block(loader *ld, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_PARAGRAPH:
        paragraph(ld, n, CM_PARAGRAPH);
        break;
    case CMARK_NODE_HEADING:
        paragraph(ld, n, CM_HEADING);
        break;
    case CMARK_NODE_LIST:
        list(ld, n, 0);
        break;
    case CMARK_NODE_BLOCK_QUOTE:
        for (cmark_node *k = cmark_node_first_child(n); k; k = cmark_node_next(k))
            block(ld, k);
        break;
    case CMARK_NODE_CODE_BLOCK: {
        const char *lit = cmark_node_get_literal(n);
        size_t len = strlen(lit);
        open_block(ld, CM_PARAGRAPH, 0, false, 0);
        add_text(ld, lit, len && lit[len - 1] == '\n' ? len - 1 : len, 0, NULL);
        break;
    }
    case CMARK_NODE_HTML_BLOCK:
        assess_diags_add(ld->d, ASSESS_WARNING,
                         assess_loc_line(ld->path, cmark_node_get_start_line(n)),
                         _("raw HTML is left out: commentary is CommonMark text, emphasis, lists "
                         "and links"));
        break;
    default: /* thematic breaks */
        break;
    }
}

/* ## Sections */

static bool same_name(const char *a, const char *b)
{
    return a && b && a[0] && !strcasecmp(a, b);
}

/* The dimension a heading names (id, or label in the report's language
 * or the questionnaire's), COMMENTARY_SUMMARY, or ASSESS_NONE. */
static size_t section_of(const loader *ld, const char *name)
{
    if (same_name(name, COMMENTARY_SUMMARY_TITLE))
        return COMMENTARY_SUMMARY;
    for (size_t k = 0; k < ld->q->ndimensions; k++) {
        const assess_dimension *dm = &ld->q->dimensions[k];
        if (same_name(name, dm->id) || same_name(name, assess_text_get(&dm->label, ld->lang)) ||
            same_name(name, dm->label.text))
            return k;
    }
    return ASSESS_NONE;
}

static void unknown_section(loader *ld, long line, const char *name)
{
    char list[2048];
    size_t used = 0;
    for (size_t k = 0; k < ld->q->ndimensions && used < sizeof list; k++) {
        const assess_dimension *dm = &ld->q->dimensions[k];
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s (%s)", k ? ", " : "",
                                 dm->id, assess_text_get(&dm->label, ld->lang));
    }
    assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_line(ld->path, line),
                     _("no section \"%s\": a level-1 heading is \"%s\" or one of the "
                     "dimensions of %s %s, by id or label: %s"),
                     name, COMMENTARY_SUMMARY_TITLE, ld->q->id, ld->q->version, list);
}

/* A section's heading is only a name, but what passes is decided as for
 * any text: an image in it is an error, raw HTML a warning. */
static void check_heading(loader *ld, cmark_node *parent)
{
    for (cmark_node *n = cmark_node_first_child(parent); n; n = cmark_node_next(n)) {
        cmark_node_type t = cmark_node_get_type(n);
        if (t == CMARK_NODE_IMAGE)
            refuse_image(ld, n);
        else if (t == CMARK_NODE_HTML_INLINE)
            warn_html(ld, n);
        else
            check_heading(ld, n);
    }
}

static void section(loader *ld, cmark_node *h)
{
    char name[512];
    size_t used = 0;
    name[0] = '\0';
    plain_text(h, name, sizeof name, &used);
    char *s = name;
    while (isspace((unsigned char)*s))
        s++;
    for (size_t n = strlen(s); n && isspace((unsigned char)s[n - 1]); n--)
        s[n - 1] = '\0';
    long line = cmark_node_get_start_line(h);
    ld->line = line;
    check_heading(ld, h);
    size_t which = section_of(ld, s);
    report_commentary *c = ld->c;
    if (which == ASSESS_NONE) {
        unknown_section(ld, line, s);
    } else {
        for (size_t k = 0; k < c->nsections; k++)
            if (c->sections[k].dimension == which) {
                assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_line(ld->path, line),
                                 _("a second \"%s\" section (the first is at line %ld): put its "
                                 "text in one section"),
                                 s, c->sections[k].line);
                which = ASSESS_NONE;
            }
    }
    cm_section *v = grow(ld, c->sections, &c->sections_cap, c->nsections, sizeof *v);
    if (!v)
        return;
    c->sections = v;
    /* an unknown section is still read, so its own problems are reported */
    c->sections[c->nsections++] = (cm_section){which, line, c->nblocks, 0};
}

/* ## Loading */

static char *read_file(loader *ld, size_t *len)
{
    FILE *fp = fopen(ld->path, "rb");
    if (!fp) {
        assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_file(ld->path), _("cannot read: %s"),
                         strerror(errno));
        return NULL;
    }
    char *buf = malloc(COMMENTARY_MAX_BYTES + 1);
    size_t n = buf ? fread(buf, 1, COMMENTARY_MAX_BYTES + 1, fp) : 0;
    bool bad = buf && ferror(fp);
    fclose(fp);
    if (!buf) {
        ld->nomem = true;
        return NULL;
    }
    if (bad) {
        assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_file(ld->path), _("cannot read it"));
        free(buf);
        return NULL;
    }
    if (n > COMMENTARY_MAX_BYTES) {
        assess_diags_add(ld->d, ASSESS_ERROR, assess_loc_file(ld->path),
                         _("the file is over %d bytes (64 KiB), the most a commentary may hold: "
                         "keep it to what the report's reader needs"),
                         COMMENTARY_MAX_BYTES);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

assess_status report_commentary_load(const char *path, const assess_questionnaire *q,
                                     const char *lang, report_commentary **out, assess_diags *d)
{
    *out = NULL;
    size_t errors = d->errors;
    loader ld = {.path = path, .q = q, .lang = lang ? lang : q->language, .d = d};
    size_t len = 0;
    char *text = read_file(&ld, &len);
    if (!text)
        return ld.nomem ? ASSESS_ERR_NOMEM : d->errors > errors ? ASSESS_ERR_INVALID : ASSESS_ERR_IO;
    cmark_node *doc = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
    free(text);
    ld.c = calloc(1, sizeof *ld.c);
    if (!doc || !ld.c) {
        cmark_node_free(doc);
        free(ld.c);
        return ASSESS_ERR_NOMEM;
    }
    for (cmark_node *n = cmark_node_first_child(doc); n && !ld.nomem; n = cmark_node_next(n)) {
        if (cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 1) {
            section(&ld, n);
        } else if (ld.c->nsections == 0) {
            if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK) {
                block(&ld, n); /* a comment above the first heading: warned, dropped */
                continue;
            }
            assess_diags_add(d, ASSESS_ERROR, assess_loc_line(path, cmark_node_get_start_line(n)),
                             _("text before the first section: begin with \"# %s\" or \"# \" and "
                             "a dimension"),
                             COMMENTARY_SUMMARY_TITLE);
            break;
        } else {
            block(&ld, n);
        }
    }
    cmark_node_free(doc);
    report_commentary *c = ld.c;
    if (!ld.nomem && d->errors == errors) {
        c->druns = calloc(c->nruns ? c->nruns : 1, sizeof *c->druns);
        ld.nomem = !c->druns;
        for (size_t k = 0; c->druns && k < c->nruns; k++) {
            const cm_run *r = &c->runs[k];
            c->druns[k] = (doc_run){c->pool + r->text, r->style,
                                    r->link == NO_LINK ? NULL : c->pool + r->link};
        }
    }
    if (ld.nomem || d->errors > errors) {
        report_commentary_free(ld.c);
        return ld.nomem ? ASSESS_ERR_NOMEM : ASSESS_ERR_INVALID;
    }
    *out = ld.c;
    return ASSESS_OK;
}

void report_commentary_free(report_commentary *c)
{
    if (!c)
        return;
    free(c->pool);
    free(c->runs);
    free(c->blocks);
    free(c->sections);
    free(c->druns);
    free(c);
}

/* ## Placing it in a report */

static const cm_section *find(const report_commentary *c, size_t which)
{
    for (size_t k = 0; c && k < c->nsections; k++)
        if (c->sections[k].dimension == which && c->sections[k].nblocks)
            return &c->sections[k];
    return NULL;
}

bool commentary_has(const report_commentary *c, size_t which)
{
    return find(c, which) != NULL;
}

void commentary_place(report_doc *doc, const report_commentary *c, size_t which)
{
    const cm_section *s = find(c, which);
    if (!s)
        return;
    bool in_list = false;
    for (size_t k = s->first_block; k < s->first_block + s->nblocks; k++) {
        const cm_block *b = &c->blocks[k];
        const doc_run *v = c->druns + b->first_run;
        if (b->kind == CM_ITEM) {
            if (!in_list)
                doc_bullets(doc);
            in_list = true;
            doc_item_runs(doc, b->depth, b->ordered, b->number, v, b->nruns);
            continue;
        }
        in_list = false;
        if (b->kind == CM_HEADING) {
            const char *t = "";
            for (size_t r = 0; r < b->nruns && t; r++)
                t = doc_strf(doc, "%s%s", t, v[r].text);
            doc_heading(doc, 3, NULL, t);
        } else if (b->nruns) {
            doc_paragraph_runs(doc, DOC_STYLE_BODY, v, b->nruns);
        }
    }
}

/* A cell's text as a reader sees it: a list item with its marker, and
 * every link's address after its text unless the text is the address. */
static const char *readable(report_doc *doc, const report_commentary *c, const cm_block *b)
{
    int indent = 4 * b->depth;
    const char *out = b->kind != CM_ITEM ? ""
                      : b->ordered ? doc_strf(doc, "%*s%d. ", indent, "", b->number)
                                  : doc_strf(doc, "%*s%s ", indent, "", b->depth ? "–" : "•");
    for (size_t k = 0; k < b->nruns && out; k++) {
        const cm_run *r = &c->runs[b->first_run + k];
        const char *t = c->pool + r->text;
        const char *l = r->link == NO_LINK ? NULL : c->pool + r->link;
        bool shown = l && strcmp(t, l) && !(strncmp(l, "mailto:", 7) == 0 && !strcmp(t, l + 7));
        out = shown ? doc_strf(doc, "%s%s (%s)", out, t, l) : doc_strf(doc, "%s%s", out, t);
    }
    return out;
}

void commentary_table(report_doc *doc, const report_commentary *c, const assess_questionnaire *q,
                      const char *lang)
{
    if (!c || c->nblocks == 0)
        return;
    const doc_column cols[] = {
        {.title = l10n_get(lang, "Section"), .type = DOC_CELL_TEXT, .chars = 22},
        {.title = l10n_get(lang, "Kind"), .type = DOC_CELL_TEXT, .chars = 10},
        {.title = l10n_get(lang, "Text"), .type = DOC_CELL_TEXT, .chars = 90},
    };
    doc_table_open(doc,
                   &(doc_table_opts){.caption = l10n_get(lang, "Consultant's commentary"),
                                     .sheet = l10n_get(lang, "Commentary"),
                                     .data_only = true},
                   cols, sizeof cols / sizeof *cols);
    /* in the order of the report: the summary, then the dimensions */
    for (size_t d = 0; d <= q->ndimensions; d++) {
        size_t which = d == 0 ? COMMENTARY_SUMMARY : d - 1;
        const cm_section *s = find(c, which);
        if (!s)
            continue;
        const char *section = d == 0 ? l10n_get(lang, COMMENTARY_SUMMARY_TITLE)
                                     : assess_text_get(&q->dimensions[d - 1].label, lang);
        for (size_t b = s->first_block; b < s->first_block + s->nblocks; b++) {
                const cm_block *bl = &c->blocks[b];
                const cm_run *first = bl->nruns ? &c->runs[bl->first_run] : NULL;
                doc_cell cells[3] = {
                    doc_cell_text(section),
                    doc_cell_text(bl->kind == CM_ITEM      ? l10n_get(lang, "list item")
                                  : bl->kind == CM_HEADING ? l10n_get(lang, "heading")
                                                           : l10n_get(lang, "paragraph")),
                    doc_cell_text(readable(doc, c, bl)),
                };
                /* a cell holds one link: the first of its text */
                for (size_t r = 0; first && r < bl->nruns; r++)
                    if (first[r].link != NO_LINK) {
                        cells[2].link = c->pool + first[r].link;
                        break;
                    }
                doc_table_row(doc, cells);
        }
    }
}
