/*
 * pdf_font.c — TrueType faces for the PDF renderer: reading a font file,
 * measuring text with its advance widths, and writing a subset that holds
 * only the glyphs a document draws.
 *
 * Why a subset of our own: libharu embeds a TrueType font by keeping all
 * its tables but the unused outlines (DejaVu Sans: 143 KB per face, zlib
 * at about 25 MB/s), and building a UTF-8 font it looks up all 65,536
 * code points in the font's character map, one linear search each.  The
 * subset written here, with the glyphs a document draws, is embedded as
 * it is, in font dictionaries the renderer writes itself (pdf_embed.c).
 * Nothing here draws.
 */
#define _POSIX_C_SOURCE 200809L /* mmap */

#include "pdf_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

/* The tables libharu reads and embeds, in the order of their tags. */
enum { T_OS2, T_CMAP, T_CVT, T_FPGM, T_GLYF, T_HEAD, T_HHEA, T_HMTX, T_LOCA, T_MAXP, T_NAME,
       T_POST, T_PREP, T_COUNT };
static const char tags[T_COUNT][5] = {"OS/2", "cmap", "cvt ", "fpgm", "glyf", "head", "hhea",
                                      "hmtx", "loca", "maxp", "name", "post", "prep"};
/* cvt, fpgm and prep (hinting) may be missing; the others may not. */
#define OPTIONAL_TABLES ((1u << T_CVT) | (1u << T_FPGM) | (1u << T_PREP))

static unsigned rd16(const unsigned char *p)
{
    return (unsigned)p[0] << 8 | p[1];
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ## Reading */

static int bad(pdf_face *f, char *err, size_t errlen, const char *why)
{
    if (errlen)
        snprintf(err, errlen, "cannot load font %s: %s", f->path, why);
    pdf_face_free(f);
    return -1;
}

static unsigned glyph_advance(const pdf_face *f, unsigned g)
{
    const unsigned char *hmtx = f->data + f->off[T_HMTX];
    return rd16(hmtx + 4 * (g < f->nhmetrics ? g : f->nhmetrics - 1));
}

/* Fills f->gid from a format 4 subtable at p (n bytes). */
static bool read_cmap4(pdf_face *f, const unsigned char *p, size_t n)
{
    if (n < 14)
        return false;
    size_t len = rd16(p + 2) < n ? rd16(p + 2) : n;
    size_t segs = rd16(p + 6) / 2;
    if (14 + 8 * segs + 2 > len)
        return false;
    const unsigned char *ends = p + 14, *starts = ends + 2 * segs + 2, *deltas = starts + 2 * segs,
                        *ranges = deltas + 2 * segs;
    for (size_t i = 0; i < segs; i++) {
        unsigned end = rd16(ends + 2 * i), start = rd16(starts + 2 * i);
        unsigned delta = rd16(deltas + 2 * i), ro = rd16(ranges + 2 * i);
        for (unsigned c = start; c <= end && c < 0xFFFF; c++) {
            unsigned g;
            if (ro == 0) {
                g = (c + delta) & 0xFFFF;
            } else {
                size_t at = (size_t)(ranges + 2 * i - p) + ro + 2 * (size_t)(c - start);
                if (at + 2 > len)
                    continue;
                g = rd16(p + at);
                if (g)
                    g = (g + delta) & 0xFFFF;
            }
            if (g < f->nglyphs && !f->gid[c])
                f->gid[c] = (uint16_t)g;
        }
    }
    return true;
}

static bool read_cmap(pdf_face *f)
{
    const unsigned char *t = f->data + f->off[T_CMAP];
    size_t n = f->len[T_CMAP];
    if (n < 4)
        return false;
    size_t count = rd16(t + 2);
    const unsigned char *best = NULL;
    for (size_t k = 0; k < count && 4 + 8 * k + 8 <= n; k++) {
        const unsigned char *rec = t + 4 + 8 * k;
        unsigned platform = rd16(rec), encoding = rd16(rec + 2);
        uint32_t off = rd32(rec + 4);
        if (off + 2 > n || rd16(t + off) != 4)
            continue;
        if ((platform == 3 && encoding == 1) || (platform == 0 && !best))
            best = t + off;
    }
    return best && read_cmap4(f, best, n - (size_t)(best - t));
}

int pdf_face_load(pdf_face *f, const char *path, char *err, size_t errlen)
{
    memset(f, 0, sizeof *f);
    snprintf(f->path, sizeof f->path, "%s", path);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return bad(f, err, errlen, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        return bad(f, err, errlen, strerror(e));
    }
    if (!S_ISREG(st.st_mode) || st.st_size < 12 || st.st_size > 64L << 20) {
        close(fd);
        return bad(f, err, errlen, "not a TrueType font");
    }
    /* Mapped, not read: layout touches a few tables and a few glyphs. */
    void *map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    int e = errno;
    close(fd);
    if (map == MAP_FAILED)
        return bad(f, err, errlen, strerror(e));
    f->data = map;
    f->size = (size_t)st.st_size;

    const unsigned char *d = f->data;
    uint32_t version = rd32(d);
    if (version != 0x00010000 && version != 0x74727565) /* 1.0 or 'true' */
        return bad(f, err, errlen, "not a TrueType font");
    size_t ntables = rd16(d + 4);
    if (12 + 16 * ntables > f->size)
        return bad(f, err, errlen, "truncated table directory");
    unsigned found = 0;
    for (size_t k = 0; k < ntables; k++) {
        const unsigned char *rec = d + 12 + 16 * k;
        for (int t = 0; t < T_COUNT; t++) {
            if (memcmp(rec, tags[t], 4) != 0)
                continue;
            uint32_t off = rd32(rec + 8), len = rd32(rec + 12);
            if (off > f->size || len > f->size - off)
                return bad(f, err, errlen, "a table lies outside the file");
            f->off[t] = off;
            f->len[t] = len;
            found |= 1u << t;
        }
    }
    if ((found | OPTIONAL_TABLES) != (1u << T_COUNT) - 1)
        return bad(f, err, errlen, "a required table is missing");
    if (f->len[T_HEAD] < 54 || f->len[T_HHEA] < 36 || f->len[T_MAXP] < 6 ||
        f->len[T_POST] < 32 || f->len[T_NAME] < 6)
        return bad(f, err, errlen, "a table is too short");
    const unsigned char *head = d + f->off[T_HEAD];
    f->upem = rd16(head + 18);
    f->loca_long = rd16(head + 50) != 0;
    f->nglyphs = rd16(d + f->off[T_MAXP] + 4);
    f->nhmetrics = rd16(d + f->off[T_HHEA] + 34);
    if (f->upem < 16 || f->nglyphs == 0 || f->nhmetrics == 0 || f->nhmetrics > f->nglyphs ||
        f->len[T_HMTX] < 4 * (size_t)f->nhmetrics ||
        f->len[T_LOCA] < (f->loca_long ? 4u : 2u) * ((size_t)f->nglyphs + 1))
        return bad(f, err, errlen, "inconsistent metrics");

    f->gid = calloc(0x10000, sizeof *f->gid);
    f->w1000 = malloc(f->nglyphs * sizeof *f->w1000);
    if (!f->gid || !f->w1000)
        return bad(f, err, errlen, "out of memory");
    /* libharu: (HPDF_UINT16)(advance * 1000 / units_per_em) */
    for (unsigned g = 0; g < f->nglyphs; g++)
        f->w1000[g] = (uint16_t)(glyph_advance(f, g) * 1000u / f->upem);
    if (!read_cmap(f))
        return bad(f, err, errlen, "no Unicode character map (format 4)");
    return 0;
}

void pdf_face_free(pdf_face *f)
{
    if (!f)
        return;
    if (f->data)
        munmap((void *)f->data, f->size);
    free(f->gid);
    free(f->w1000);
    f->data = NULL;
    f->gid = f->w1000 = NULL;
}

static int scaled(const pdf_face *f, int v)
{
    return v * 1000 / (int)f->upem; /* (towards zero, as libharu did) */
}

void pdf_face_metrics(const pdf_face *f, pdf_face_metric *m)
{
    const unsigned char *head = f->data + f->off[T_HEAD], *hhea = f->data + f->off[T_HHEA];
    const unsigned char *os2 = f->data + f->off[T_OS2], *post = f->data + f->off[T_POST];
    for (int k = 0; k < 4; k++)
        m->bbox[k] = scaled(f, (int16_t)rd16(head + 36 + 2 * k));
    m->ascent = scaled(f, (int16_t)rd16(hhea + 4));
    m->descent = scaled(f, (int16_t)rd16(hhea + 6));
    bool v2 = f->len[T_OS2] >= 90 && rd16(os2) >= 2;
    m->x_height = v2 ? scaled(f, (int16_t)rd16(os2 + 86)) : m->ascent / 2;
    m->cap_height = v2 ? scaled(f, (int16_t)rd16(os2 + 88)) : m->ascent;
    m->italic_angle = (int32_t)rd32(post + 4) / 65536.0;
    m->bold = (rd16(head + 44) & 1) != 0; /* macStyle */
}

double pdf_face_width(const pdf_face *f, const char *s, size_t n, double size)
{
    unsigned long sum = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* the common case, without the decoder */
            sum += f->w1000[f->gid[c]];
            i++;
        } else {
            uint32_t cp;
            i += assess_utf8_decode(s + i, n - i, &cp);
            sum += pdf_face_cwidth(f, cp);
        }
    }
    return (double)sum * size / 1000.0;
}

void pdf_face_mark(pdf_face *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        uint32_t c = (unsigned char)s[i];
        if (c < 0x80)
            i++;
        else
            i += assess_utf8_decode(s + i, n - i, &c);
        if (c < 0x10000)
            f->used[c >> 3] |= (uint8_t)(1u << (c & 7));
    }
}

/* ## Writing a subset */

typedef struct {
    unsigned char *p;
    size_t n, cap;
    bool failed;
} obuf;

static void put(obuf *b, const void *src, size_t n)
{
    if (b->failed)
        return;
    if (b->cap - b->n < n) {
        size_t cap = b->cap ? b->cap : 16384;
        while (cap - b->n < n)
            cap *= 2;
        unsigned char *grown = realloc(b->p, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->p = grown;
        b->cap = cap;
    }
    if (src)
        memcpy(b->p + b->n, src, n);
    else
        memset(b->p + b->n, 0, n);
    b->n += n;
}

static void put16(obuf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)(v >> 8), (unsigned char)v};
    put(b, x, 2);
}

static void put32(obuf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 8), (unsigned char)v};
    put(b, x, 4);
}

static void set16(obuf *b, size_t at, unsigned v)
{
    if (!b->failed) {
        b->p[at] = (unsigned char)(v >> 8);
        b->p[at + 1] = (unsigned char)v;
    }
}

static void set32(obuf *b, size_t at, uint32_t v)
{
    if (!b->failed) {
        set16(b, at, v >> 16);
        set16(b, at + 2, v & 0xFFFF);
    }
}

static void pad4(obuf *b)
{
    put(b, NULL, (4 - b->n % 4) % 4);
}

/* The bytes of glyph g in the glyf table ([*start, *end) from data). */
static bool glyph_span(const pdf_face *f, unsigned g, size_t *start, size_t *end)
{
    const unsigned char *loca = f->data + f->off[T_LOCA];
    size_t a = f->loca_long ? rd32(loca + 4 * g) : 2 * (size_t)rd16(loca + 2 * g);
    size_t z = f->loca_long ? rd32(loca + 4 * (g + 1)) : 2 * (size_t)rd16(loca + 2 * (g + 1));
    if (z <= a || z > f->len[T_GLYF])
        return false;
    *start = f->off[T_GLYF] + a;
    *end = f->off[T_GLYF] + z;
    return true;
}

/* Calls fn on every component reference of a composite glyph's bytes
 * (p, n), with the offset of its glyph index. */
static void each_component(const unsigned char *p, size_t n, void (*fn)(size_t at, void *ctx),
                           void *ctx)
{
    if (n < 10 || (int16_t)rd16(p) >= 0)
        return;
    size_t at = 10;
    unsigned flags;
    do {
        if (at + 4 > n)
            return;
        flags = rd16(p + at);
        fn(at + 2, ctx);
        at += 4 + ((flags & 1) ? 4 : 2);
        if (flags & 8)
            at += 2;
        else if (flags & 0x40)
            at += 4;
        else if (flags & 0x80)
            at += 8;
    } while (flags & 0x20);
}

typedef struct {
    const pdf_face *f;
    const unsigned char *glyph;
    int32_t *newid;
    uint16_t *stack;
    size_t nstack;
    unsigned char *out; /* patching: the copy being written */
} comp_ctx;

static void mark_glyph(comp_ctx *c, unsigned g)
{
    if (g < c->f->nglyphs && c->newid[g] < 0) {
        c->newid[g] = 0;
        c->stack[c->nstack++] = (uint16_t)g;
    }
}

static void mark_component(size_t at, void *ctx)
{
    comp_ctx *c = ctx;
    mark_glyph(c, rd16(c->glyph + at));
}

static void patch_component(size_t at, void *ctx)
{
    comp_ctx *c = ctx;
    unsigned g = rd16(c->out + at);
    unsigned id = g < c->f->nglyphs && c->newid[g] >= 0 ? (unsigned)c->newid[g] : 0;
    c->out[at] = (unsigned char)(id >> 8);
    c->out[at + 1] = (unsigned char)id;
}

/* A format 4 character map for the used code points (ascending, with
 * their new glyph ids).  Code points closer than `gap` share a segment,
 * with zeros in between, to keep the segments few: libharu searches them
 * linearly for each of 65,536 codes. */
static void write_cmap(obuf *b, const uint16_t *cp, const uint16_t *ids, size_t n)
{
    size_t gap = 16, segs, array;
    for (;;) {
        segs = 1, array = 0; /* the closing 0xFFFF segment */
        for (size_t i = 0; i < n;) {
            size_t j = i;
            while (j + 1 < n && (size_t)(cp[j + 1] - cp[j]) <= gap)
                j++;
            segs++;
            array += (size_t)(cp[j] - cp[i]) + 1;
            i = j + 1;
        }
        if (16 + 8 * segs + 2 * array <= 0xFFFF || gap == 1)
            break;
        gap = 1;
    }
    put16(b, 0);       /* version */
    put16(b, 1);       /* one subtable */
    put16(b, 3);       /* Windows */
    put16(b, 1);       /* Unicode BMP */
    put32(b, 12);      /* offset */
    size_t sub = b->n; /* format 4 */
    unsigned log2 = 0;
    while ((2u << log2) <= segs)
        log2++;
    put16(b, 4);
    put16(b, 0); /* length, below */
    put16(b, 0); /* language */
    put16(b, (unsigned)(2 * segs));
    put16(b, 2u << log2);
    put16(b, log2);
    put16(b, (unsigned)(2 * segs - (2u << log2)));
    for (int pass = 0; pass < 4; pass++) {
        /* 0: end codes, 1: start codes, 2: deltas, 3: range offsets */
        size_t k = 0, at = 0;
        for (size_t i = 0; i < n; k++) {
            size_t j = i;
            while (j + 1 < n && (size_t)(cp[j + 1] - cp[j]) <= gap)
                j++;
            unsigned v = pass == 0   ? cp[j]
                         : pass == 1 ? cp[i]
                         : pass == 2 ? 0
                                     : (unsigned)(2 * (segs - k) + 2 * at);
            put16(b, v);
            at += (size_t)(cp[j] - cp[i]) + 1;
            i = j + 1;
        }
        put16(b, pass == 2 ? 1 : pass == 3 ? 0 : 0xFFFF); /* 0xFFFF → glyph 0 */
        if (pass == 0)
            put16(b, 0); /* reservedPad */
    }
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && (size_t)(cp[j + 1] - cp[j]) <= gap)
            j++;
        for (size_t k = i; k <= j; k++) {
            put16(b, ids[k]);
            if (k < j)
                for (unsigned c = cp[k] + 1u; c < cp[k + 1]; c++)
                    put16(b, 0);
        }
        i = j + 1;
    }
    set16(b, sub + 2, (unsigned)(b->n - sub));
}

/* The name table with the records naming the font (ids 0–6): libharu
 * takes the PostScript name (6) and the style (2) from it. */
static void write_name(obuf *b, const pdf_face *f)
{
    const unsigned char *t = f->data + f->off[T_NAME];
    size_t n = f->len[T_NAME], count = rd16(t + 2), strings = rd16(t + 4), keep = 0;
    for (size_t k = 0; k < count && 6 + 12 * k + 12 <= n; k++)
        keep += rd16(t + 6 + 12 * k + 6) <= 6;
    put16(b, 0);
    put16(b, (unsigned)keep);
    put16(b, (unsigned)(6 + 12 * keep));
    size_t off = 0;
    for (size_t k = 0; k < count && 6 + 12 * k + 12 <= n; k++) {
        const unsigned char *r = t + 6 + 12 * k;
        if (rd16(r + 6) > 6)
            continue;
        size_t len = rd16(r + 8), at = strings + rd16(r + 10);
        if (at > n || len > n - at)
            len = 0;
        put(b, r, 8);
        put16(b, (unsigned)len);
        put16(b, (unsigned)off);
        off += len;
    }
    for (size_t k = 0; k < count && 6 + 12 * k + 12 <= n; k++) {
        const unsigned char *r = t + 6 + 12 * k;
        if (rd16(r + 6) > 6)
            continue;
        size_t len = rd16(r + 8), at = strings + rd16(r + 10);
        if (at > n || len > n - at)
            len = 0;
        put(b, t + at, len);
    }
}

static uint32_t checksum(const unsigned char *p, size_t n)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 4 <= n; i += 4)
        sum += rd32(p + i);
    if (n % 4) {
        unsigned char last[4] = {0};
        memcpy(last, p + n - n % 4, n % 4);
        sum += rd32(last);
    }
    return sum;
}

int pdf_face_subset(const pdf_face *f, unsigned char **data, size_t *size, uint16_t *map)
{
    int rc = -1;
    int32_t *newid = malloc(f->nglyphs * sizeof *newid);
    uint16_t *order = malloc(f->nglyphs * sizeof *order);
    uint16_t *stack = malloc(f->nglyphs * sizeof *stack);
    uint16_t *cps = malloc(0x10000 * sizeof *cps);
    uint16_t *ids = malloc(0x10000 * sizeof *ids);
    obuf b = {0};
    if (!newid || !order || !stack || !cps || !ids)
        goto done;

    /* The glyphs: .notdef, those of the used characters, their parts. */
    for (unsigned g = 0; g < f->nglyphs; g++)
        newid[g] = -1;
    comp_ctx cc = {.f = f, .newid = newid, .stack = stack};
    mark_glyph(&cc, 0);
    size_t ncp = 0;
    for (uint32_t c = pdf_face_next_used(f, 0); c < 0xFFFF; c = pdf_face_next_used(f, c + 1))
        if (f->gid[c]) {
            cps[ncp++] = (uint16_t)c;
            mark_glyph(&cc, f->gid[c]);
        }
    while (cc.nstack) {
        unsigned g = cc.stack[--cc.nstack];
        size_t a, z;
        if (glyph_span(f, g, &a, &z)) {
            cc.glyph = f->data + a;
            each_component(cc.glyph, z - a, mark_component, &cc);
        }
    }
    unsigned count = 0;
    for (unsigned g = 0; g < f->nglyphs; g++)
        if (newid[g] >= 0) {
            order[count] = (uint16_t)g;
            newid[g] = (int32_t)count++;
        }
    for (size_t k = 0; k < ncp; k++) {
        ids[k] = (uint16_t)newid[f->gid[cps[k]]];
        map[cps[k]] = ids[k];
    }

    /* The table directory, filled in at the end. */
    unsigned ntables = 0;
    for (int t = 0; t < T_COUNT; t++)
        ntables += f->len[t] > 0 || !(OPTIONAL_TABLES >> t & 1);
    unsigned log2 = 0;
    while ((2u << log2) <= ntables)
        log2++;
    put32(&b, 0x00010000);
    put16(&b, ntables);
    put16(&b, 16u << log2);
    put16(&b, log2);
    put16(&b, 16 * ntables - (16u << log2));
    put(&b, NULL, 16 * (size_t)ntables);

    const unsigned char *d = f->data;
    size_t at[T_COUNT] = {0}, len[T_COUNT] = {0}, head_at = 0;
    uint32_t *loca = malloc(((size_t)count + 1) * sizeof *loca);
    if (!loca)
        goto done;
    for (int t = 0; t < T_COUNT; t++) {
        if (!f->len[t] && (OPTIONAL_TABLES >> t & 1))
            continue;
        at[t] = b.n;
        const unsigned char *src = d + f->off[t];
        switch (t) {
        case T_CMAP:
            write_cmap(&b, cps, ids, ncp);
            break;
        case T_GLYF:
            for (unsigned k = 0; k < count; k++) {
                size_t a, z;
                loca[k] = (uint32_t)(b.n - at[t]);
                if (!glyph_span(f, order[k], &a, &z))
                    continue;
                size_t start = b.n;
                put(&b, d + a, z - a);
                if (!b.failed) {
                    cc.out = b.p + start;
                    each_component(d + a, z - a, patch_component, &cc);
                }
                pad4(&b);
            }
            loca[count] = (uint32_t)(b.n - at[t]);
            break;
        case T_HEAD:
            head_at = b.n;
            put(&b, src, 54);
            set32(&b, head_at + 8, 0);  /* checkSumAdjustment, below */
            set16(&b, head_at + 50, 1); /* long loca offsets */
            break;
        case T_HHEA:
            put(&b, src, 36);
            set16(&b, at[t] + 34, count);
            break;
        case T_HMTX:
            for (unsigned k = 0; k < count; k++) {
                unsigned g = order[k];
                size_t lsb = g < f->nhmetrics ? 4 * (size_t)g + 2
                                              : 4 * (size_t)f->nhmetrics +
                                                    2 * (size_t)(g - f->nhmetrics);
                put16(&b, glyph_advance(f, g));
                put16(&b, lsb + 2 <= f->len[T_HMTX] ? rd16(src + lsb) : 0);
            }
            break;
        case T_LOCA:
            for (unsigned k = 0; k <= count; k++)
                put32(&b, loca[k]);
            break;
        case T_MAXP:
            put(&b, src, f->len[t]);
            set16(&b, at[t] + 4, count);
            break;
        case T_NAME:
            write_name(&b, f);
            break;
        case T_POST: /* version 3: no glyph names */
            put32(&b, 0x00030000);
            put(&b, src + 4, 12);
            put(&b, NULL, 16);
            break;
        default: /* OS/2, cvt, fpgm, prep */
            put(&b, src, f->len[t]);
            break;
        }
        len[t] = b.n - at[t];
        pad4(&b);
    }
    free(loca);
    if (b.failed)
        goto done;
    size_t rec = 12;
    for (int t = 0; t < T_COUNT; t++) {
        if (!at[t])
            continue;
        memcpy(b.p + rec, tags[t], 4);
        set32(&b, rec + 4, checksum(b.p + at[t], len[t]));
        set32(&b, rec + 8, (uint32_t)at[t]);
        set32(&b, rec + 12, (uint32_t)len[t]);
        rec += 16;
    }
    set32(&b, head_at + 8, 0xB1B0AFBAu - checksum(b.p, b.n));
    *data = b.p;
    *size = b.n;
    b.p = NULL;
    rc = 0;
done:
    free(b.p);
    free(newid);
    free(order);
    free(stack);
    free(cps);
    free(ids);
    return rc;
}
