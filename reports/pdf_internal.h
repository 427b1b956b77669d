/*
 * pdf_internal.h — what the files of the PDF renderer share: the page
 * geometry, the font faces (pdf_font.c), text cleaning and line breaking
 * (pdf_text.c), and the layout state both passes run on (pdf.c, pdf_layout.c, pdf_flow.c,
 * pdf_table.c).
 *
 * Layout runs twice over the same code.  The first pass ("dry") only
 * measures, with the renderer's own font metrics, and notes every
 * character it would draw; the second draws.  Between them the fonts are
 * cut down to those characters and handed to libharu, and the page count
 * is known, so footers say "Page N of M" as they are drawn.  Both passes
 * measure with the same numbers, so they break lines and pages alike.
 *
 * Coordinates inside the layout are points from the top-left corner of
 * the page, y downwards; pdf_y() turns them into PDF user space.
 */
#ifndef REPORT_PDF_INTERNAL_H
#define REPORT_PDF_INTERNAL_H

#include "doc.h"
#include "pdf.h"
#include "theme.h"

#include <hpdf.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ## Page geometry (US Letter, points) */

#define PDF_PAGE_W   612.0
#define PDF_PAGE_H   792.0
#define PDF_MARGIN   54.0
#define PDF_LEFT     PDF_MARGIN
#define PDF_TEXT_W   (PDF_PAGE_W - 2 * PDF_MARGIN)
#define PDF_TOP      PDF_MARGIN                /* the first content line's top */
#define PDF_BOTTOM   (PDF_PAGE_H - PDF_MARGIN) /* nothing of the content below */
#define PDF_CONTENT_H (PDF_BOTTOM - PDF_TOP)

#define PDF_FONT_REGULAR "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
#define PDF_FONT_BOLD    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
/* loaded only for a document with emphasis (inline runs, doc.h) */
#define PDF_FONT_OBLIQUE      "/usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf"
#define PDF_FONT_BOLD_OBLIQUE "/usr/share/fonts/truetype/dejavu/DejaVuSans-BoldOblique.ttf"

/* ## Font faces (pdf_font.c)
 *
 * A TrueType file mapped into memory, with what layout needs (a character
 * to glyph map for the Basic Multilingual Plane and advance widths in
 * thousandths of an em, truncated exactly as libharu truncates them) and
 * the set of characters drawn so far. */
typedef struct {
    char path[256];
    const unsigned char *data; /* the file, mapped */
    size_t size;
    unsigned upem, nglyphs, nhmetrics;
    bool loca_long;
    uint32_t off[13], len[13]; /* the tables libharu embeds, in tag order */
    uint16_t *gid;             /* 65,536 entries: code point → glyph (0 = none) */
    uint16_t *w1000;           /* nglyphs advance widths, 1/1000 em */
    uint8_t used[8192];        /* a bit per code point drawn */
} pdf_face;

/* Maps and parses path.  Returns 0, or -1 with "cannot load font PATH:
 * reason" in err. */
int pdf_face_load(pdf_face *f, const char *path, char *err, size_t errlen);
void pdf_face_free(pdf_face *f);

/* Width in thousandths of an em of code point c (beyond U+FFFF, a space,
 * which is what libharu's UTF-8 encoder draws there). */
static inline unsigned pdf_face_cwidth(const pdf_face *f, uint32_t c)
{
    return f->w1000[f->gid[c < 0x10000 ? c : ' ']];
}

/* The first code point at or after c that f draws, or 0x10000 (bytes of
 * the set with none drawn are passed over whole). */
static inline uint32_t pdf_face_next_used(const pdf_face *f, uint32_t c)
{
    while (c < 0x10000) {
        unsigned bits = f->used[c >> 3] >> (c & 7);
        if (bits) {
            while (!(bits & 1)) {
                bits >>= 1;
                c++;
            }
            return c;
        }
        c = (c | 7) + 1;
    }
    return 0x10000;
}

/* What a font descriptor says of a face, in thousandths of an em. */
typedef struct {
    int bbox[4], ascent, descent, cap_height, x_height;
    double italic_angle; /* degrees */
    bool bold;
} pdf_face_metric;
void pdf_face_metrics(const pdf_face *f, pdf_face_metric *m);

/* Width in points of n bytes of clean UTF-8 (see pdf_clean) at size. */
double pdf_face_width(const pdf_face *f, const char *s, size_t n, double size);
/* Notes that the code points of s (n bytes of UTF-8) are drawn. */
void pdf_face_mark(pdf_face *f, const char *s, size_t n);

/* Makes a TrueType font with only the glyphs of the characters marked
 * (and .notdef, and the parts of composite glyphs) in *data (malloc'd,
 * *size bytes), and sets map[c] to the subset's glyph of each character
 * c marked (map has 65,536 entries; the others are left alone).  Returns
 * 0, or -1 when memory runs out. */
int pdf_face_subset(const pdf_face *f, unsigned char **data, size_t *size, uint16_t *map);

/* ## Text (pdf_text.c) */

typedef struct {
    size_t off, len; /* bytes of the cleaned text */
    double w;        /* width in points */
} pdf_line;

/* ## Inline runs (pdf_runs.c) */

/* The face index of a run's style (bold 1, oblique 2, both 3). */
int pdf_run_face(unsigned style);

/* A piece of a line of runs: n bytes of clean text in one face, x
 * points from the line's start. */
typedef struct {
    const char *s;
    size_t n;
    double x, w;
    int face;
    const char *link; /* or NULL */
} pdf_piece;

typedef struct {
    size_t first, n; /* its pieces */
    double w;
} pdf_rline;

struct pdf_lay;
/* Breaks runs into lines no wider than width at size, like pdf_wrap (at
 * spaces, always at '\n'; a word wider than the line stands alone).
 * Lines and pieces are in scratch memory; NULL when it runs out. */
pdf_rline *pdf_wrap_runs(struct pdf_lay *L, const doc_run *runs, size_t nruns, double size,
                         double width, pdf_piece **pieces, size_t *nlines);

/* ## Layout state */

typedef struct {
    double size, leading;
    int bold; /* 0 regular, 1 bold */
    doc_rgb colour;
} pdf_font_style;

typedef struct pdf_chunk pdf_chunk;
typedef struct pdf_tags pdf_tags;
/* A structure element of the tagged PDF (pdf_tag.c); NULL in the
 * measuring pass, where no element is made. */
typedef HPDF_Dict pdf_elem;

typedef struct {
    HPDF_STATUS code, detail; /* the first libharu error, or 0 */
} pdf_hpdf_error;

/* A link from a contents entry to its heading, made after the last pass. */
typedef struct {
    HPDF_Page page;
    HPDF_Rect rect;
    size_t target;  /* the heading's block */
    size_t row;     /* a grouped table's group: its first row; (size_t)-1: a heading */
    HPDF_Dict elem; /* its /Link structure element (a pdf_elem), or NULL */
} pdf_toc_link;

typedef struct pdf_lay {
    const report_doc *doc;
    bool dry; /* the measuring pass: nothing reaches libharu */

    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Dict font[4]; /* by face index: 0 regular, 1 bold, 2 oblique, 3 bold oblique */
    unsigned page_fonts; /* a bit per font in the current page's resources */
    struct pdf_zip *zip; /* the thread deflating streams (pdf_zip.c), or NULL */
    HPDF_Encoder utf8;
    HPDF_Image logo;
    bool has_logo; /* set in both passes, so they lay out alike */
    pdf_hpdf_error *hpdf_err;
    HPDF_Outline outline_h1; /* the last level-1 entry */

    pdf_face *face[4]; /* without emphasis in the document, 2 and 3 are 0 and 1 */
    int pageno; /* 1 = the cover */
    int npages; /* known in the second pass */
    double y;   /* the top of the free space, from the page top */
    bool fresh; /* nothing placed on this page yet */

    /* From the theme (theme.h): primary: rules, bars; head: headings and
     * links (primary, darkened if too light to read); ink: text; tints:
     * table headers, notes, cards */
    doc_rgb primary, accent, head, ink, grey, rule, tint_head, tint_note, card_bg;
    doc_rgb on_primary, on_primary_soft; /* text on the cover's band */

    /* What the current page's content stream has set, so that text lines
     * share a text object and repeat no colour or font (second pass). */
    bool in_text;
    int font_cur; /* -1: none yet */
    double size_cur;
    bool fill_ok;
    doc_rgb fill_cur;
    long text_mx, text_my; /* the text line's origin, thousandths of a point */

    /* The table of contents (pdf_toc.c): whether it is drawn, the pages it
     * took, and per block where a heading landed (its page number from the
     * first pass; its page and top from the second). */
    bool toc_on;
    int toc_pages;
    int *head_page;
    HPDF_Page *head_hpage;
    double *head_y;
    size_t *group_base; /* per block: where its rows' marks start in group_* */
    int *group_page;    /* the same for the groups of grouped tables, by row */
    HPDF_Page *group_hpage;
    double *group_y;
    pdf_toc_link *toc_links;
    size_t ntoc_links, toc_links_cap;

    pdf_tags *tags;   /* the structure tree (second pass) */
    pdf_elem tag_cur; /* the element text drawn now belongs to; NULL: an artifact */

    pdf_chunk *arena; /* scratch for one block, reset between blocks */
    pdf_line *lines;  /* pdf_wrap's working array */
    struct pdf_wrapped **wrapped; /* pdf_wrap_text's results, kept for both passes */
    size_t wrapped_cap, nwrapped;
    size_t lines_cap;

    char *err;
    size_t errlen;
    bool failed;
} pdf_lay;

/* Fails the layout with a message (the first one sticks); returns -1. */
int pdf_fail(pdf_lay *L, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Fails the layout if libharu has reported an error; returns L->failed. */
bool pdf_check(pdf_lay *L);

static inline double pdf_y(double y)
{
    return PDF_PAGE_H - y;
}

/* Scratch memory for the current block (NULL and L failed when out). */
void *pdf_alloc(pdf_lay *L, size_t n);
void pdf_arena_reset(pdf_lay *L);
void pdf_arena_free(pdf_lay *L);

/* A clean copy of s: valid UTF-8 (malformed bytes and code points beyond
 * U+FFFF become U+FFFD), tabs as spaces, other control characters and CR
 * dropped, '\n' kept.  *n gets its length.  NULL s gives "". */
const char *pdf_clean(pdf_lay *L, const char *s, size_t *n);

/* Breaks clean text into lines no wider than width at size: at spaces
 * (which are dropped at the break), after a hyphen, dash, slash or
 * underscore inside a word,
 * between characters inside a word wider than the line, and always at
 * '\n'.  Every line holds at least one character, so width ≤ 0 still
 * ends.  Empty text gives no lines.  Returns the lines in scratch memory. */
pdf_line *pdf_wrap(pdf_lay *L, const char *s, size_t n, const pdf_face *face, double size,
                   double width, size_t *nlines);

/* Like pdf_wrap on an uncleaned string, and cut to at most max lines (0 =
 * no limit), the last one ending in "…" if text was left out. */
pdf_line *pdf_wrap_text(pdf_lay *L, const char *raw, const char **clean, const pdf_face *face,
                        double size, double width, size_t max, size_t *nlines);

/* Width in points of n bytes of clean text. */
double pdf_width(const pdf_lay *L, int bold, double size, const char *s, size_t n);

/* Draws n bytes of clean text with its baseline at (x, base) (layout
 * coordinates) in the first pass only notes the characters.  `bold` is a
 * face index: 0 regular, 1 bold (2 oblique, 3 bold oblique). */
void pdf_text(pdf_lay *L, double x, double base, int bold, double size, doc_rgb colour,
              const char *s, size_t n);
/* Same, aligned in [x, x + w]. */
void pdf_text_in(pdf_lay *L, double x, double w, doc_align align, double base, int bold,
                 double size, doc_rgb colour, const char *s, size_t n);
/* The baseline of a line of text at size in a line box of height leading
 * whose top is at top: the cap height is centred in the box. */
static inline double pdf_baseline(double top, double leading, double size)
{
    return top + leading / 2 + 0.365 * size;
}

/* Ends the open text object, if any: before other drawing, at the end of
 * a page.  pdf_state_reset forgets the colour and font set (a new page). */
void pdf_text_end(pdf_lay *L);
void pdf_state_reset(pdf_lay *L);

/* A link annotation to uri over a box (layout coordinates; the second
 * pass only), tied to the structure element elem, text describing it. */
void pdf_link(pdf_lay *L, double x, double top, double w, double h, const char *uri, pdf_elem elem,
              const char *text);

/* Filled rectangle, stroked line (layout coordinates). */
void pdf_rect(pdf_lay *L, double x, double y, double w, double h, doc_rgb fill);
void pdf_hline(pdf_lay *L, double x0, double x1, double y, double width, doc_rgb colour);

/* ## Pages (pdf.c) */

/* Ends the current page and starts the next (header and footer drawn). */
void pdf_new_page(pdf_lay *L);
/* Starts a new page unless h more points fit below L->y or the page is
 * still empty. */
void pdf_ensure(pdf_lay *L, double h);
/* Adds vertical space, except at the top of a page. */
void pdf_space(pdf_lay *L, double h);
static inline double pdf_room(const pdf_lay *L)
{
    return PDF_BOTTOM - L->y;
}

/* ## Blocks (pdf_layout.c, pdf_table.c; text blocks in pdf_flow.h) */

/* Lays out block k of the document. */
void pdf_block(pdf_lay *L, size_t k);
/* The least height block k needs on the page of a heading before it: its
 * first lines, its header and first row, the whole figure row or chart. */
double pdf_block_min(pdf_lay *L, size_t k);

/* Rows [first, end) of a table block as a table of their own (a group of
 * its rows, or all of them), with the columns the whole table fits, tagged
 * in the Table element tab (NULL: a new one); the least height it needs on
 * a page: its header and first row. */
void pdf_table(pdf_lay *L, const doc_block *b, size_t first, size_t end, pdf_elem tab);
/* The heading level of the groups of grouped table block k: one below the
 * heading the table is under (at most 3). */
int pdf_group_level(const pdf_lay *L, size_t k);
double pdf_table_min(pdf_lay *L, const doc_block *b, size_t first);

/* ## The table of contents (pdf_toc.c) */

/* Turns the contents on when the document has a DOC_TOC block and makes
 * room for the record of headings; returns 0 or -1 (L failed). */
int pdf_toc_setup(pdf_lay *L);
void pdf_toc_free(pdf_lay *L);
/* Notes where heading block k lands (called as it is placed); where the
 * heading of the group of table block k that starts at row r lands. */
void pdf_toc_mark(pdf_lay *L, size_t k);
void pdf_toc_mark_group(pdf_lay *L, size_t k, size_t r);
/* Lays out the contents block k (nothing when they are off). */
void pdf_toc(pdf_lay *L, size_t k);
/* After a first pass: whether the report, without its contents, is long
 * enough to have them. */
bool pdf_toc_wanted(const pdf_lay *L);
/* After the second pass: the entries' links to their pages. */
void pdf_toc_links(pdf_lay *L);

/* ## Tags (pdf_tag.c)
 *
 * The structure tree of the tagged PDF.  Layout makes an element where it
 * draws a heading, paragraph, list item, table cell, figure or link (in
 * reading order: an element is appended to its parent when made), says
 * which element the text it draws belongs to with pdf_tag_use, and the
 * drawing calls mark their content with it; whatever is drawn for no
 * element (running headers and footers, rules, tints, a table header
 * repeated on a later page) becomes an artifact.  Every call does nothing
 * in the measuring pass. */

/* Starts the tree (and sets PDF 1.7) once the document exists. */
int pdf_tag_start(pdf_lay *L);
/* A new element of the standard type ("H1", "P", "Table", "TH", …) as the
 * last child of parent (NULL: the document). */
pdf_elem pdf_tag_elem(pdf_lay *L, pdf_elem parent, const char *type);
/* The element's alternative text (a Figure's description). */
void pdf_tag_alt(pdf_lay *L, pdf_elem e, const char *alt);
/* A header cell's /Scope: "Column" or "Row". */
void pdf_tag_scope(pdf_lay *L, pdf_elem th, const char *scope);
/* Makes e the element of the text drawn from now on; returns the one before. */
pdf_elem pdf_tag_use(pdf_lay *L, pdf_elem e);
/* Opens marked content for e (NULL: an artifact) unless it is open. */
void pdf_tag_mark(pdf_lay *L, pdf_elem e);
/* Around a page: its entry in the parent tree; closing what is open. */
void pdf_tag_page_begin(pdf_lay *L);
void pdf_tag_page_end(pdf_lay *L);
/* Ties a link annotation to its /Link element; text describes it. */
void pdf_tag_link(pdf_lay *L, pdf_elem link, HPDF_Annotation annot, const char *text);
/* The parent tree, /Lang, /MarkInfo, /ViewerPreferences, XMP metadata. */
void pdf_tag_finish(pdf_lay *L);
void pdf_tag_free(pdf_lay *L);

/* ## Past libharu's API, for speed (pdf_raw.c) */

/* zlib's level for the streams: 1 writes a city report in a third of the
 * instructions of level 6 (libharu's), and the file grows by about a tenth. */
#define PDF_RAW_LEVEL 1
/* and a hash table of 4,096 entries (zlib's default is 32,768), cleared
 * for each of a report's 45 streams: 1 % fewer instructions, 0.1 % more
 * bytes */
#define PDF_RAW_MEMLEVEL 5

/* The fill colour ("rg"), and the font and size ("Tf") of the open text
 * object. */
void pdf_raw_fill(pdf_lay *L, doc_rgb c);
void pdf_raw_font(pdf_lay *L, int face, double size);
/* Writes at most 8 numbers, as libharu's operators write them (reals,
 * HPDF_FToA), then op (e.g. " re\nf\n"): a rectangle or a rule without
 * libharu's calls, which clear a 512-byte buffer a byte at a time each. */
void pdf_raw_path(pdf_lay *L, const double *v, size_t n, const char *op);
/* After BT: the text line's origin is the page's. */
void pdf_raw_text_begin(pdf_lay *L);
/* Shows n bytes of clean text at (x, y) (PDF user space) in the open text
 * object, with the font and size set. */
void pdf_raw_show(pdf_lay *L, double x, double y, const char *s, size_t n);
/* Draws n bytes of text in a text object of its own, with the text
 * matrix m (a chart's label, which may be turned). */
void pdf_raw_text_at(pdf_lay *L, int face, double size, const double m[6], const char *s,
                     size_t n);

/* ## The fonts (pdf_embed.c) */

/* Makes the document's font of face, its characters drawn all marked:
 * name is its PostScript name, tag the subset's six capital letters.
 * NULL after a failure (L failed). */
HPDF_Dict pdf_embed_font(pdf_lay *L, const pdf_face *face, const char *name, const char *tag);
/* The current page's name for font k (pdf_text's face index), which
 * registers it in the page's resources the first time. */
const char *pdf_embed_use(pdf_lay *L, int k);
/* Compresses the document's streams that are complete, faster than
 * libharu would; before saving. */
void pdf_raw_compress(pdf_lay *L);
/* The second thread that deflates streams while pages are drawn
 * (pdf_zip.c): started once the document exists (without it, or when it
 * cannot start, pdf_raw_compress deflates everything); dict's stream,
 * complete, handed over; finished (joined, its results put in place, or
 * dropped after a failure) by pdf_raw_compress. */
void pdf_zip_start(pdf_lay *L);
void pdf_zip_add(pdf_lay *L, HPDF_Dict dict);
void pdf_zip_finish(pdf_lay *L);

/* Saves the document to path (write and close errors seen): libharu's
 * bytes, written without its writer (pdf_save.c). */
void pdf_save_file(pdf_lay *L, const char *path);

/* Colour helpers. */
static inline doc_rgb pdf_mix(doc_rgb c, double white)
{
    return (doc_rgb){c.r + (1 - c.r) * white, c.g + (1 - c.g) * white, c.b + (1 - c.b) * white};
}
static inline canvas_rgb pdf_canvas_rgb(doc_rgb c)
{
    return (canvas_rgb){c.r, c.g, c.b};
}
static inline doc_rgb pdf_doc_rgb(canvas_rgb c)
{
    return (doc_rgb){c.r, c.g, c.b};
}

#endif
