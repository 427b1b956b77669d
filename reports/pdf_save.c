/*
 * pdf_save.c — the document written to its file by the renderer, not by
 * libharu's HPDF_SaveToStream, for speed; the third place, beside
 * pdf_tag.c and pdf_raw.c, that reaches past libharu's public API.
 *
 * libharu writes each object through a chain of calls that clear a
 * buffer a byte at a time (HPDF_MemSet), measure every name and string
 * (HPDF_StrLen), copy streams through a 4 KB buffer a byte at a time
 * (HPDF_MemCpy) and hand every token to a stream's write function: for a
 * city report's few thousand objects (its structure elements, mostly)
 * that was a fifth of the instructions.  save_value writes the same bytes
 * as libharu 2.3's HPDF_Obj_WriteValue, in the same order, into one
 * buffer: header, objects in the order of the cross-reference table,
 * the table and the trailer.  What it does not know how to write as
 * libharu does (a string with another encoder than UTF-8, or not valid
 * UTF-8; a stream libharu still has to deflate, such as a logo's image)
 * it hands to libharu's own writer, on the same buffer.  The output is
 * byte for byte libharu's.
 */
#define _POSIX_C_SOURCE 200809L /* strnlen */

#include "pdf_internal.h"

#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    unsigned char *p;
    size_t n, cap;
    bool failed;
    HPDF_Stream st; /* libharu's writer on this buffer: its size is the bytes written */
} save_buf;

static bool reserve(save_buf *b, size_t n)
{
    if (b->failed)
        return false;
    if (b->cap - b->n >= n)
        return true;
    size_t cap = b->cap ? b->cap : 1u << 19;
    while (cap - b->n < n)
        cap *= 2;
    unsigned char *grown = realloc(b->p, cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    b->p = grown;
    b->cap = cap;
    return true;
}

/* libharu's writes (HPDF_Stream_Write counts their size itself). */
static HPDF_STATUS save_write(HPDF_Stream stream, const HPDF_BYTE *p, HPDF_UINT n)
{
    save_buf *b = stream->attr;
    if (!reserve(b, n))
        return HPDF_FILE_IO_ERROR;
    memcpy(b->p + b->n, p, n);
    b->n += n;
    return HPDF_OK;
}

/* Ours: the stream's size kept as libharu's writer would keep it (it
 * gives the offsets of the table and the streams' lengths). */
static void emit(save_buf *b, const void *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->st->size += (HPDF_UINT)n;
}

#define EMIT(b, lit) emit((b), (lit), sizeof(lit) - 1)

/* An unsigned number in decimal, at least width digits (zero-padded). */
static char *put_uint(char *p, unsigned long v, int width)
{
    char d[24];
    int k = 0;
    do {
        d[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (k < width)
        d[k++] = '0';
    while (k)
        *p++ = d[--k];
    return p;
}

/* HPDF_IToA: clamped to ±2147483647. */
static void put_int(save_buf *b, long v)
{
    char buf[24], *p = buf;
    if (v < 0) {
        *p++ = '-';
        v = v < -2147483647L ? 2147483647L : -v;
    } else if (v > 2147483647L) {
        v = 2147483647L;
    }
    p = put_uint(p, (unsigned long)v, 1);
    emit(b, buf, (size_t)(p - buf));
}

static char hex(unsigned v)
{
    return (char)(v <= 9 ? '0' + v : 'A' + v - 10);
}

/* HPDF_Stream_WriteEscapeName: "/" and at most 127 bytes, "#XX" escapes. */
static void put_name(save_buf *b, const char *s)
{
    char buf[HPDF_LIMIT_MAX_NAME_LEN * 3 + 2], *p = buf;
    *p++ = '/';
    for (size_t i = 0; i < HPDF_LIMIT_MAX_NAME_LEN && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (HPDF_NEEDS_ESCAPE(c)) {
            *p++ = '#';
            *p++ = hex(c >> 4);
            *p++ = hex(c & 15);
        } else {
            *p++ = (char)c;
        }
    }
    emit(b, buf, (size_t)(p - buf));
}

/* HPDF_Stream_WriteEscapeText: a literal string, octal escapes. */
static void put_text(save_buf *b, const unsigned char *s)
{
    size_t n = s ? strnlen((const char *)s, HPDF_LIMIT_MAX_STRING_LEN) : 0;
    if (!reserve(b, 4 * n + 2))
        return;
    char *start = (char *)b->p + b->n, *p = start;
    *p++ = '(';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = s[i];
        if (HPDF_NEEDS_ESCAPE(c)) {
            *p++ = '\\';
            *p++ = (char)('0' + (c >> 6));
            *p++ = (char)('0' + ((c & 0x38) >> 3));
            *p++ = (char)('0' + (c & 7));
        } else {
            *p++ = (char)c;
        }
    }
    *p++ = ')';
    b->n += (size_t)(p - start);
    b->st->size += (HPDF_UINT)(p - start);
}

static void put_binary(save_buf *b, const unsigned char *s, size_t n)
{
    if (!reserve(b, 2 * n + 2))
        return;
    char *start = (char *)b->p + b->n, *p = start;
    *p++ = '<';
    for (size_t i = 0; i < n; i++) {
        *p++ = hex(s[i] >> 4);
        *p++ = hex(s[i] & 15);
    }
    *p++ = '>';
    b->n += (size_t)(p - start);
    b->st->size += (HPDF_UINT)(p - start);
}

/* A text string with libharu's UTF-8 encoder, as HPDF_String_Write writes
 * valid UTF-8: "<FEFF", each character as four hexadecimal digits (beyond
 * U+FFFF a space), ">".  False for text that is not valid UTF-8 (libharu
 * writes it then). */
static bool put_utf16(save_buf *b, const unsigned char *s, size_t n)
{
    if (!assess_utf8_valid((const char *)s, n) || !reserve(b, 4 * n + 6))
        return false;
    char *start = (char *)b->p + b->n, *p = start;
    memcpy(p, "<FEFF", 5);
    p += 5;
    for (size_t i = 0; i < n;) {
        uint32_t c = s[i];
        if (c < 0x80)
            i++;
        else
            i += assess_utf8_decode((const char *)s + i, n - i, &c);
        if (c > 0xFFFF)
            c = ' ';
        *p++ = hex(c >> 12);
        *p++ = hex((c >> 8) & 15);
        *p++ = hex((c >> 4) & 15);
        *p++ = hex(c & 15);
    }
    *p++ = '>';
    b->n += (size_t)(p - start);
    b->st->size += (HPDF_UINT)(p - start);
    return true;
}

static bool save_value(save_buf *b, void *obj);

/* HPDF_Obj_Write: nothing for a hidden object, "N G R" for an indirect one. */
static bool save_obj(save_buf *b, void *obj)
{
    HPDF_Obj_Header *h = obj;
    if (h->obj_id & HPDF_OTYPE_HIDDEN)
        return true;
    if (h->obj_class == HPDF_OCLASS_PROXY) {
        HPDF_Obj_Header *to = ((HPDF_Proxy)obj)->obj;
        char buf[48], *p = put_uint(buf, to->obj_id & 0x00FFFFFF, 1);
        *p++ = ' ';
        p = put_uint(p, to->gen_no, 1);
        memcpy(p, " R", 2);
        emit(b, buf, (size_t)(p + 2 - buf));
        return true;
    }
    return save_value(b, obj);
}

/* libharu's own writer for what is not written here. */
static bool save_by_libharu(save_buf *b, void *obj)
{
    return HPDF_Obj_WriteValue(obj, b->st, NULL) == HPDF_OK;
}

/* A stream this file writes: a memory stream libharu would copy as it is. */
static bool plain_stream(HPDF_Dict d)
{
    return d->stream->type == HPDF_STREAM_MEMORY && d->filter == HPDF_STREAM_FILTER_NONE &&
           !d->filterParams;
}

static bool save_dict(save_buf *b, HPDF_Dict d)
{
    if (d->stream && !plain_stream(d))
        return save_by_libharu(b, d);
    EMIT(b, "<<\012");
    if (d->before_write_fn && d->before_write_fn(d) != HPDF_OK)
        return false;
    if (d->stream)
        HPDF_Dict_RemoveElement(d, "Filter"); /* (none is not an error) */
    HPDF_List list = d->list;
    for (HPDF_UINT i = 0; i < list->count; i++) {
        HPDF_DictElement e = list->obj[i];
        HPDF_Obj_Header *h = e->value;
        if (!h)
            return false;
        if (h->obj_id & HPDF_OTYPE_HIDDEN)
            continue;
        put_name(b, e->key);
        EMIT(b, " ");
        if (!save_obj(b, e->value))
            return false;
        EMIT(b, "\012");
    }
    if (d->write_fn && d->write_fn(d, b->st) != HPDF_OK)
        return false;
    EMIT(b, ">>");
    if (d->stream) {
        HPDF_Number length = HPDF_Dict_GetItem(d, "Length", HPDF_OCLASS_NUMBER);
        if (!length || !(length->header.obj_id & HPDF_OTYPE_INDIRECT))
            return false;
        EMIT(b, "\012stream\015\012");
        HPDF_UINT start = b->st->size;
        HPDF_UINT nbufs = HPDF_MemStream_GetBufCount(d->stream);
        for (HPDF_UINT k = 0; d->stream->size && k < nbufs; k++) {
            HPDF_UINT len = 0;
            HPDF_BYTE *p = HPDF_MemStream_GetBufPtr(d->stream, k, &len);
            if (p && len)
                emit(b, p, len);
        }
        /* the length object comes later in the table */
        length->value = (HPDF_INT32)(b->st->size - start);
        EMIT(b, "\012endstream");
    }
    if (d->after_write_fn && d->after_write_fn(d) != HPDF_OK)
        return false;
    return !b->failed;
}

static bool save_value(save_buf *b, void *obj)
{
    HPDF_Obj_Header *h = obj;
    switch (h->obj_class & HPDF_OCLASS_ANY) {
    case HPDF_OCLASS_NAME:
        put_name(b, ((HPDF_Name)obj)->value);
        return true;
    case HPDF_OCLASS_NUMBER:
        put_int(b, ((HPDF_Number)obj)->value);
        return true;
    case HPDF_OCLASS_REAL: {
        char buf[HPDF_REAL_LEN + 1];
        char *end = HPDF_FToA(buf, ((HPDF_Real)obj)->value, buf + HPDF_REAL_LEN);
        emit(b, buf, (size_t)(end - buf));
        return true;
    }
    case HPDF_OCLASS_STRING: {
        HPDF_String s = obj;
        if (s->encoder && strcmp(s->encoder->name, "UTF-8") == 0 && put_utf16(b, s->value, s->len))
            return true;
        if (s->encoder)
            return save_by_libharu(b, obj);
        put_text(b, s->value);
        return true;
    }
    case HPDF_OCLASS_BINARY: {
        HPDF_Binary s = obj;
        put_binary(b, s->value, s->len);
        return true;
    }
    case HPDF_OCLASS_ARRAY: {
        HPDF_List list = ((HPDF_Array)obj)->list;
        EMIT(b, "[ ");
        for (HPDF_UINT i = 0; i < list->count; i++) {
            if (!save_obj(b, list->obj[i]))
                return false;
            EMIT(b, " ");
        }
        EMIT(b, "]");
        return true;
    }
    case HPDF_OCLASS_DICT:
        return save_dict(b, obj);
    case HPDF_OCLASS_BOOLEAN:
        if (((HPDF_Boolean)obj)->value)
            EMIT(b, "true");
        else
            EMIT(b, "false");
        return true;
    case HPDF_OCLASS_NULL:
        EMIT(b, "null");
        return true;
    default:
        return save_by_libharu(b, obj);
    }
}

/* InternalSaveToStream and HPDF_Xref_WriteToStream of libharu 2.3. */
static bool save_doc(save_buf *b, HPDF_Doc pdf)
{
    static const char *const version[] = {"%PDF-1.2", "%PDF-1.3", "%PDF-1.4",
                                          "%PDF-1.5", "%PDF-1.6", "%PDF-1.7"};
    if ((unsigned)pdf->pdf_version >= sizeof version / sizeof *version || !pdf->info)
        return false;
    emit(b, version[pdf->pdf_version], 8);
    EMIT(b, "\012%\267\276\255\252\012");
    if (HPDF_Dict_Add(pdf->trailer, "Root", pdf->catalog) != HPDF_OK ||
        HPDF_Dict_Add(pdf->trailer, "Info", pdf->info) != HPDF_OK)
        return false;
    char buf[64], *p;
    for (HPDF_Xref x = pdf->xref; x; x = x->prev)
        for (HPDF_UINT i = x->start_offset == 0 ? 1 : 0; i < x->entries->count; i++) {
            HPDF_XrefEntry e = x->entries->obj[i];
            e->byte_offset = b->st->size;
            p = put_uint(buf, x->start_offset + i, 1);
            *p++ = ' ';
            p = put_uint(p, e->gen_no, 1);
            memcpy(p, " obj\012", 5);
            emit(b, buf, (size_t)(p + 5 - buf));
            if (!save_value(b, e->obj))
                return false;
            EMIT(b, "\012endobj\012");
        }
    for (HPDF_Xref x = pdf->xref; x; x = x->prev) {
        x->addr = b->st->size;
        p = buf;
        memcpy(p, "xref\012", 5);
        p = put_uint(p + 5, x->start_offset, 1);
        *p++ = ' ';
        p = put_uint(p, x->entries->count, 1);
        *p++ = '\012';
        emit(b, buf, (size_t)(p - buf));
        if (!reserve(b, 20 * (size_t)x->entries->count))
            return false;
        for (HPDF_UINT i = 0; i < x->entries->count; i++) {
            HPDF_XrefEntry e = x->entries->obj[i];
            p = put_uint(buf, e->byte_offset, 10);
            *p++ = ' ';
            p = put_uint(p, e->gen_no, 5);
            *p++ = ' ';
            *p++ = e->entry_typ;
            memcpy(p, "\015\012", 2);
            emit(b, buf, (size_t)(p + 2 - buf));
        }
    }
    HPDF_Xref x = pdf->xref;
    if (HPDF_Dict_AddNumber(x->trailer, "Size", x->entries->count + x->start_offset) != HPDF_OK)
        return false;
    if (x->prev && HPDF_Dict_AddNumber(x->trailer, "Prev", x->prev->addr) != HPDF_OK)
        return false;
    EMIT(b, "trailer\012");
    if (!save_dict(b, x->trailer))
        return false;
    EMIT(b, "\012startxref\012");
    p = put_uint(buf, x->addr, 1);
    memcpy(p, "\012%%EOF\012", 7);
    emit(b, buf, (size_t)(p + 7 - buf));
    return !b->failed;
}

void pdf_save_file(pdf_lay *L, const char *path)
{
    if (L->failed)
        return;
    save_buf b = {NULL, 0, 0, false, NULL};
    HPDF_Doc pdf = L->pdf;
    if (pdf->encrypt_on) { /* (never: libharu's writer would encrypt) */
        pdf_fail(L, "PDF: cannot save an encrypted document");
        return;
    }
    b.st = HPDF_CallbackWriter_New(pdf->mmgr, save_write, &b);
    if (!b.st) {
        pdf_check(L);
        pdf_fail(L, "out of memory");
        return;
    }
    bool ok = save_doc(&b, pdf);
    HPDF_Stream_Free(b.st);
    if (b.failed) {
        free(b.p);
        pdf_fail(L, "out of memory");
        return;
    }
    if (pdf_check(L) || !ok) {
        free(b.p);
        pdf_fail(L, "PDF: cannot save the document");
        return;
    }
    FILE *fp = fopen(path, "wb");
    if (!fp) {
        free(b.p);
        pdf_fail(L, "cannot write %s: %s", path, strerror(errno));
        return;
    }
    ok = fwrite(b.p, 1, b.n, fp) == b.n;
    int e = errno;
    if (fclose(fp) != 0 && ok) {
        ok = false;
        e = errno;
    }
    free(b.p);
    if (!ok)
        pdf_fail(L, "cannot write %s: %s", path, strerror(e));
}
