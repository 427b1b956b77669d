/*
 * pdf_embed.c — the document's fonts: a Type0 font over a CIDFontType2 of
 * each face's subset (pdf_font.c), with its descriptor, its widths, its
 * CIDToGIDMap and its ToUnicode map, made of libharu's objects by the
 * renderer itself.
 *
 * Why not libharu's HPDF_LoadTTFontFromFile and HPDF_GetFont: making a
 * UTF-8 Type0 font, libharu looks up every one of the 65,536 codes in the
 * font's character map (a linear search each) to build a CIDToGIDMap, then
 * parses and writes the TrueType program again while saving: 19 million
 * instructions for a city report's two faces, and a temporary file each.
 * Here the map is the subset's, made as it is written, and the program is
 * embedded as it was written.  The codes drawn are the characters' code
 * points (pdf_raw.c), which are the CIDs of the Identity-H encoding.
 */
#include "pdf_internal.h"

#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <stdlib.h>
#include <string.h>

/* An indirect dictionary with a stream, deflated before saving
 * (pdf_raw_compress). */
static HPDF_Dict new_stream(pdf_lay *L)
{
    HPDF_Dict d = HPDF_DictStream_New(L->pdf->mmgr, L->pdf->xref);
    if (d)
        d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    return d;
}

static HPDF_Dict new_dict(pdf_lay *L)
{
    HPDF_Dict d = HPDF_Dict_New(L->pdf->mmgr);
    if (d && HPDF_Xref_Add(L->pdf->xref, d) != HPDF_OK)
        return NULL; /* (libharu freed it) */
    return d;
}

/* The next run of drawn characters at or after *c within one high byte
 * (surrogates are never drawn); false when there is none. */
static bool next_run(const pdf_face *face, uint32_t *c, uint32_t *from, uint32_t *to)
{
    *c = pdf_face_next_used(face, *c);
    if (*c >= 0x10000)
        return false;
    *from = *to = (*c)++;
    while (*c < 0x10000 && (*c & 0xFF) && (face->used[*c >> 3] & (1u << (*c & 7))))
        *to = (*c)++;
    return true;
}

/* The ToUnicode map: the identity over the characters drawn, a bfrange
 * per run within one high byte, at most 100 to a block as the CMap format
 * asks. */
static void write_to_unicode(HPDF_Stream st, const pdf_face *face)
{
    uint32_t c = 0, from, to;
    size_t nruns = 0;
    while (next_run(face, &c, &from, &to))
        nruns++;
    HPDF_Stream_WriteStr(st, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                             "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 "
                             ">> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                             "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    char line[64];
    c = 0;
    for (size_t k = 0; next_run(face, &c, &from, &to); k++) {
        if (k % 100 == 0) {
            snprintf(line, sizeof line, "%zu beginbfrange\n",
                     nruns - k < 100 ? nruns - k : (size_t)100);
            HPDF_Stream_WriteStr(st, line);
        }
        snprintf(line, sizeof line, "<%04X> <%04X> <%04X>\n", (unsigned)from, (unsigned)to,
                 (unsigned)from);
        HPDF_Stream_WriteStr(st, line);
        if (k % 100 == 99 || k + 1 == nruns)
            HPDF_Stream_WriteStr(st, "endbfrange\n");
    }
    HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\n"
                             "end\n");
}

/* /W: the widths of the characters drawn, a run of neighbours to an array. */
static HPDF_Array widths(pdf_lay *L, const pdf_face *face)
{
    HPDF_MMgr mm = L->pdf->mmgr;
    HPDF_Array w = HPDF_Array_New(mm), run = NULL;
    uint32_t next = 0x10000;
    for (uint32_t c = pdf_face_next_used(face, 0); w && c < 0x10000;
         c = pdf_face_next_used(face, c + 1)) {
        if (c != next) {
            run = HPDF_Array_New(mm);
            if (!run || HPDF_Array_AddNumber(w, (HPDF_INT32)c) != HPDF_OK ||
                HPDF_Array_Add(w, run) != HPDF_OK)
                return NULL;
        }
        if (HPDF_Array_AddNumber(run, (HPDF_INT32)pdf_face_cwidth(face, c)) != HPDF_OK)
            return NULL;
        next = c + 1;
    }
    return w;
}

static HPDF_Array numbers(pdf_lay *L, const int *v, size_t n)
{
    HPDF_Array a = HPDF_Array_New(L->pdf->mmgr);
    for (size_t k = 0; a && k < n; k++)
        if (HPDF_Array_AddNumber(a, v[k]) != HPDF_OK)
            return NULL;
    return a;
}

/* Type0 → CIDFontType2 → FontDescriptor → FontFile2, with /W, the
 * CIDToGIDMap and ToUnicode.  face's characters drawn must all be marked;
 * name is its PostScript name, tag the subset's six capital letters. */
HPDF_Dict pdf_embed_font(pdf_lay *L, const pdf_face *face, const char *name, const char *tag)
{
    if (L->failed)
        return NULL;
    uint16_t *map = calloc(0x10000, sizeof *map);
    unsigned char *ttf = NULL, *mapb = NULL;
    size_t nttf = 0;
    if (!map || pdf_face_subset(face, &ttf, &nttf, map) != 0) {
        free(map);
        pdf_fail(L, "out of memory");
        return NULL;
    }
    /* the map up to the last character drawn: a CID beyond it is glyph 0 */
    uint32_t last = 0;
    for (uint32_t c = pdf_face_next_used(face, 0); c < 0x10000; c = pdf_face_next_used(face, c + 1))
        last = c;
    mapb = malloc(2 * ((size_t)last + 1));
    if (mapb)
        for (uint32_t c = 0; c <= last; c++) {
            mapb[2 * c] = (unsigned char)(map[c] >> 8);
            mapb[2 * c + 1] = (unsigned char)map[c];
        }
    free(map);

    char base[128];
    snprintf(base, sizeof base, "%s+%s", tag, name);
    pdf_face_metric m;
    pdf_face_metrics(face, &m);
    HPDF_MMgr mm = L->pdf->mmgr;
    HPDF_Dict t0 = new_dict(L), cid = new_dict(L), fd = new_dict(L);
    HPDF_Dict file = new_stream(L), gidmap = new_stream(L), tounicode = new_stream(L);
    HPDF_Array desc = HPDF_Array_New(mm), w = widths(L, face);
    HPDF_Array bbox = numbers(L, m.bbox, 4);
    HPDF_Dict info = HPDF_Dict_New(mm);
    bool ok = mapb && t0 && cid && fd && file && gidmap && tounicode && desc && w && bbox && info;
    if (ok) {
        ok = HPDF_Dict_AddName(t0, "Type", "Font") == HPDF_OK &&
             HPDF_Dict_AddName(t0, "Subtype", "Type0") == HPDF_OK &&
             HPDF_Dict_AddName(t0, "BaseFont", base) == HPDF_OK &&
             HPDF_Dict_AddName(t0, "Encoding", "Identity-H") == HPDF_OK &&
             HPDF_Dict_Add(t0, "DescendantFonts", desc) == HPDF_OK &&
             HPDF_Array_Add(desc, cid) == HPDF_OK &&
             HPDF_Dict_Add(t0, "ToUnicode", tounicode) == HPDF_OK &&

             HPDF_Dict_AddName(cid, "Type", "Font") == HPDF_OK &&
             HPDF_Dict_AddName(cid, "Subtype", "CIDFontType2") == HPDF_OK &&
             HPDF_Dict_AddName(cid, "BaseFont", base) == HPDF_OK &&
             HPDF_Dict_Add(cid, "CIDSystemInfo", info) == HPDF_OK &&
             HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe", NULL)) == HPDF_OK &&
             HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity", NULL)) == HPDF_OK &&
             HPDF_Dict_AddNumber(info, "Supplement", 0) == HPDF_OK &&
             HPDF_Dict_Add(cid, "FontDescriptor", fd) == HPDF_OK &&
             HPDF_Dict_Add(cid, "W", w) == HPDF_OK &&
             HPDF_Dict_Add(cid, "CIDToGIDMap", gidmap) == HPDF_OK &&

             HPDF_Dict_AddName(fd, "Type", "FontDescriptor") == HPDF_OK &&
             HPDF_Dict_AddName(fd, "FontName", base) == HPDF_OK &&
             /* nonsymbolic (32), italic (64), and bold drawn bold (ForceBold) */
             HPDF_Dict_AddNumber(fd, "Flags",
                                 32 + (m.italic_angle != 0 ? 64 : 0) + (m.bold ? 262144 : 0)) ==
                 HPDF_OK &&
             HPDF_Dict_Add(fd, "FontBBox", bbox) == HPDF_OK &&
             HPDF_Dict_AddReal(fd, "ItalicAngle", (HPDF_REAL)m.italic_angle) == HPDF_OK &&
             HPDF_Dict_AddNumber(fd, "Ascent", m.ascent) == HPDF_OK &&
             HPDF_Dict_AddNumber(fd, "Descent", m.descent) == HPDF_OK &&
             HPDF_Dict_AddNumber(fd, "CapHeight", m.cap_height) == HPDF_OK &&
             HPDF_Dict_AddNumber(fd, "XHeight", m.x_height) == HPDF_OK &&
             HPDF_Dict_AddNumber(fd, "StemV", 0) == HPDF_OK &&
             HPDF_Dict_Add(fd, "FontFile2", file) == HPDF_OK &&

             HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)nttf) == HPDF_OK &&
             HPDF_Stream_Write(file->stream, ttf, (HPDF_UINT)nttf) == HPDF_OK &&
             HPDF_Stream_Write(gidmap->stream, mapb, 2 * ((HPDF_UINT)last + 1)) == HPDF_OK;
    }
    if (ok)
        write_to_unicode(tounicode->stream, face);
    free(ttf);
    free(mapb);
    if (pdf_check(L))
        return NULL;
    if (!ok) {
        pdf_fail(L, "out of memory");
        return NULL;
    }
    pdf_zip_add(L, file);
    pdf_zip_add(L, gidmap);
    pdf_zip_add(L, tounicode);
    return t0;
}

/* Registers font k (pdf_text's face index) in the current page's
 * resources, once a page; returns its name there. */
const char *pdf_embed_use(pdf_lay *L, int k)
{
    static const char names[4][3] = {"F1", "F2", "F3", "F4"};
    if (k >= 2 && L->font[k] == L->font[k - 2])
        k -= 2; /* a face standing in for its missing oblique */
    if (L->page_fonts & (1u << k))
        return names[k];
    HPDF_Dict res = HPDF_Dict_GetItem(L->page, "Resources", HPDF_OCLASS_DICT);
    HPDF_Dict fonts = res ? HPDF_Dict_GetItem(res, "Font", HPDF_OCLASS_DICT) : NULL;
    if (res && !fonts) {
        fonts = HPDF_Dict_New(L->pdf->mmgr);
        if (fonts && HPDF_Dict_Add(res, "Font", fonts) != HPDF_OK)
            fonts = NULL;
    }
    if (!fonts || !L->font[k] || HPDF_Dict_Add(fonts, names[k], L->font[k]) != HPDF_OK) {
        pdf_check(L);
        pdf_fail(L, "PDF: cannot set the font");
        return NULL;
    }
    L->page_fonts |= 1u << k;
    return names[k];
}
