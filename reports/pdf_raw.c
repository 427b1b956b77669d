/*
 * pdf_raw.c — one of the places, beside pdf_tag.c and pdf_save.c, where
 * the PDF renderer reaches past libharu's public API, for speed: text
 * shown in a page's content stream and the document's streams compressed
 * at a faster zlib level.
 *
 * What a city report cost in libharu (callgrind, Riverton, 41 pages):
 *  - showing text: HPDF_Page_TextOut measures every character again (a
 *    look-up in the font's character map each) to keep a text position
 *    nobody reads, and copies the string into the page a byte at a time;
 *    pdf_raw_show writes the same "Td" and "(codes) Tj" operators itself,
 *    the codes as a literal string rather than libharu's hexadecimal.
 *    Colours and fonts are set the same way (libharu's operators each
 *    cleared a 512-byte buffer a byte at a time first).
 *    The codes are the characters' own code points, the CIDs of the
 *    document's Type0 fonts (pdf_embed.c).
 *  - compressing: libharu deflates every stream at zlib's default level
 *    (6), a third of the report's instructions; the page streams, the
 *    fonts' maps and ToUnicode CMaps are compressed here at level
 *    PDF_RAW_LEVEL before saving, and libharu writes them as they are.
 * The output is the same document; the bytes of its streams differ.
 */
#include "pdf_internal.h"

#include <hpdf_doc.h>
#include <hpdf_utils.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <zlib.h>

#include <stdlib.h>
#include <string.h>


/* ## Page operators */

/* Appends n bytes to the current page's content stream: straight into
 * its last block when they fit (what libharu does a byte at a time). */
static void put(pdf_lay *L, const char *s, size_t n)
{
    HPDF_Stream st = ((HPDF_PageAttr)L->page->attr)->stream;
    if (st->type == HPDF_STREAM_MEMORY) {
        HPDF_MemStreamAttr m = st->attr;
        if (m->w_ptr && m->w_pos <= m->buf_siz && m->buf_siz - m->w_pos >= n) {
            memcpy(m->w_ptr, s, n);
            m->w_ptr += n;
            m->w_pos += (HPDF_UINT)n;
            st->size += (HPDF_UINT)n;
            return;
        }
    }
    if (HPDF_Stream_Write(st, (const HPDF_BYTE *)s, (HPDF_UINT)n) != HPDF_OK)
        pdf_fail(L, "PDF: cannot write a page");
}

/* v in thousandths of a point, rounded half away from zero. */
static long milli(double v)
{
    return (long)(v * 1000 + (v < 0 ? -0.5 : 0.5));
}

/* Writes m thousandths as a PDF number: "12", "-3.5", "0.125". */
static char *put_milli(char *p, long m)
{
    if (m < 0) {
        *p++ = '-';
        m = -m;
    }
    char d[24];
    int k = 0;
    long ip = m / 1000;
    do {
        d[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip);
    while (k)
        *p++ = d[--k];
    int fp = (int)(m % 1000);
    if (fp) {
        *p++ = '.';
        for (int div = 100; fp; div /= 10) {
            *p++ = (char)('0' + fp / div);
            fp %= div;
        }
    }
    return p;
}

/* Writes v in [0, 1] with five decimals: "0", "1", "0.43191". */
static char *put_unit(char *p, double v)
{
    long m = (long)((v < 0 ? 0 : v > 1 ? 1 : v) * 100000 + 0.5);
    if (m >= 100000) {
        *p++ = '1';
        return p;
    }
    *p++ = '0';
    if (m) {
        *p++ = '.';
        for (long div = 10000; m; div /= 10) {
            *p++ = (char)('0' + m / div);
            m %= div;
        }
    }
    return p;
}

void pdf_raw_fill(pdf_lay *L, doc_rgb c)
{
    char buf[64];
    char *p = put_unit(buf, c.r);
    *p++ = ' ';
    p = put_unit(p, c.g);
    *p++ = ' ';
    p = put_unit(p, c.b);
    memcpy(p, " rg\012", 4);
    put(L, buf, (size_t)(p + 4 - buf));
}

void pdf_raw_font(pdf_lay *L, int face, double size)
{
    const char *name = pdf_embed_use(L, face);
    if (!name || size <= 0) {
        pdf_fail(L, "PDF: cannot set the font");
        return;
    }
    char buf[64];
    buf[0] = '/';
    size_t n = strlen(name);
    memcpy(buf + 1, name, n);
    char *p = buf + 1 + n;
    *p++ = ' ';
    p = put_milli(p, milli(size));
    memcpy(p, " Tf\012", 4);
    put(L, buf, (size_t)(p + 4 - buf));
}

void pdf_raw_path(pdf_lay *L, const double *v, size_t n, const char *op)
{
    char buf[256], *p = buf;
    for (size_t k = 0; k < n && k < 8; k++) {
        if (k)
            *p++ = ' ';
        p = HPDF_FToA(p, (HPDF_REAL)v[k], p + HPDF_REAL_LEN);
    }
    size_t len = strlen(op);
    memcpy(p, op, len);
    put(L, buf, (size_t)(p + len - buf));
}

void pdf_raw_text_begin(pdf_lay *L)
{
    L->text_mx = L->text_my = 0; /* BT: the line matrix is the identity */
}

/* Writes byte b of a literal string, escaped where the syntax needs it
 * (a line end inside a string would be read as "\n"). */
static char *put_lit(char *p, unsigned b)
{
    switch (b) {
    case '(':
    case ')':
    case '\\':
        *p++ = '\\';
        *p++ = (char)b;
        break;
    case '\r':
        *p++ = '\\';
        *p++ = 'r';
        break;
    case '\n':
        *p++ = '\\';
        *p++ = 'n';
        break;
    default:
        *p++ = (char)b;
    }
    return p;
}

/* Writes "(codes) Tj": each character's two-byte code as a literal
 * string, half the bytes of libharu's hexadecimal, so half the stream to
 * compress. */
static void put_codes(pdf_lay *L, char *buf, char *p, size_t cap, const char *s, size_t n)
{
    *p++ = '(';
    for (size_t i = 0; i < n;) {
        uint32_t c = (unsigned char)s[i];
        if (c < 0x80)
            i++;
        else
            i += assess_utf8_decode(s + i, n - i, &c);
        if (c > 0xFFFF) /* (clean text has none; libharu drew a space) */
            c = ' ';
        if ((size_t)(p - buf) > cap - 16) {
            put(L, buf, (size_t)(p - buf));
            p = buf;
        }
        p = put_lit(p, c >> 8);
        p = put_lit(p, c & 0xFF);
    }
    memcpy(p, ") Tj\012", 5);
    p += 5;
    put(L, buf, (size_t)(p - buf));
}

void pdf_raw_show(pdf_lay *L, double x, double y, const char *s, size_t n)
{
    char buf[1024];
    long mx = milli(x), my = milli(y);
    char *p = put_milli(buf, mx - L->text_mx);
    *p++ = ' ';
    p = put_milli(p, my - L->text_my);
    memcpy(p, " Td\012", 4);
    p += 4;
    L->text_mx = mx;
    L->text_my = my;
    put_codes(L, buf, p, sizeof buf, s, n);
}

void pdf_raw_text_at(pdf_lay *L, int face, double size, const double m[6], const char *s,
                     size_t n)
{
    put(L, "BT\012", 3);
    pdf_raw_font(L, face, size);
    char buf[1024], *p = buf;
    for (int k = 0; k < 6; k++) {
        /* libharu's numbers (HPDF_Page_SetTextMatrix wrote these) */
        p = HPDF_FToA(p, (HPDF_REAL)m[k], p + HPDF_REAL_LEN);
        *p++ = ' ';
    }
    memcpy(p, "Tm\012", 3);
    p += 3;
    put_codes(L, buf, p, sizeof buf, s, n);
    put(L, "ET\012", 3);
}

/* ## Streams */

static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream out)
{
    (void)dict;
    return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* Deflates the memory stream of dict into its place; false when out of
 * memory (the dictionary is then left as it was). */
static bool compress_stream(HPDF_Dict dict, z_stream *z, unsigned char **out, size_t *cap)
{
    HPDF_Stream st = dict->stream;
    size_t need = deflateBound(z, st->size);
    if (need > *cap) {
        unsigned char *grown = realloc(*out, need);
        if (!grown)
            return false;
        *out = grown;
        *cap = need;
    }
    if (deflateReset(z) != Z_OK)
        return false;
    z->next_out = *out;
    z->avail_out = (uInt)*cap;
    HPDF_UINT nbufs = HPDF_MemStream_GetBufCount(st);
    int rc = Z_OK;
    for (HPDF_UINT k = 0; k < nbufs && rc == Z_OK; k++) {
        HPDF_UINT len = 0;
        HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(st, k, &len);
        z->next_in = p;
        z->avail_in = p ? len : 0;
        rc = deflate(z, k + 1 == nbufs ? Z_FINISH : Z_NO_FLUSH);
    }
    if (rc != Z_STREAM_END)
        return false;
    size_t n = *cap - z->avail_out;
    HPDF_MemStream_FreeData(st);
    if (HPDF_Stream_Write(st, *out, (HPDF_UINT)n) != HPDF_OK)
        return false;
    dict->filter = HPDF_STREAM_FILTER_NONE;
    dict->write_fn = write_flate_filter;
    return true;
}

void pdf_raw_compress(pdf_lay *L)
{
    pdf_zip_finish(L); /* what the second thread deflated */
    if (L->failed)
        return;
    z_stream z;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, PDF_RAW_LEVEL, Z_DEFLATED, 15, PDF_RAW_MEMLEVEL, Z_DEFAULT_STRATEGY) != Z_OK) {
        pdf_fail(L, "out of memory");
        return;
    }
    unsigned char *out = NULL;
    size_t cap = 0;
    for (HPDF_Xref x = L->pdf->xref; x && !L->failed; x = x->prev)
        for (HPDF_UINT k = 0; k < x->entries->count; k++) {
            HPDF_XrefEntry e = x->entries->obj[k];
            HPDF_Obj_Header *h = e ? e->obj : NULL;
            if (!h || (h->obj_class & HPDF_OCLASS_ANY) != HPDF_OCLASS_DICT)
                continue;
            HPDF_Dict dict = e->obj;
            /* only streams libharu would deflate alone, filled already */
            if (!dict->stream || dict->stream->type != HPDF_STREAM_MEMORY ||
                dict->filter != HPDF_STREAM_FILTER_FLATE_DECODE || dict->filterParams ||
                dict->write_fn || dict->before_write_fn || dict->stream->size == 0)
                continue;
            if (!compress_stream(dict, &z, &out, &cap)) {
                pdf_fail(L, "PDF: cannot compress a stream (out of memory)");
                break;
            }
        }
    deflateEnd(&z);
    free(out);
}
