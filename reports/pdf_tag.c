/*
 * pdf_tag.c — the PDF's logical structure: a structure tree in reading
 * order, marked content in the page streams, and the catalog entries a
 * tagged PDF carries (/Lang, /MarkInfo, /ViewerPreferences, XMP metadata).
 *
 * libharu 2.3 has no API for any of this (hpdf.h: "BDC --not implemented
 * yet"), so this file, and only this file, reaches past its public API:
 * it writes BDC/EMC operators straight into a page's content stream and
 * builds dictionaries with libharu's object layer (hpdf_objects.h), which
 * the installed headers expose.  Everything else in the renderer calls
 * the small interface in pdf_internal.h ("Tags").
 *
 * Marked content is opened lazily: the layout says which structure
 * element the text it draws belongs to (pdf_tag_use), and pdf_text,
 * pdf_rect and pdf_hline call pdf_tag_mark before drawing.  A run of
 * drawing for the same element shares one marked-content sequence; a
 * change of element closes it and opens the next, always outside a text
 * object (BT/ET), so the two never cross.  Anything drawn for no element
 * (running headers, footers, rules, tints) is an /Artifact.
 */
#include "pdf_internal.h"

#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <stdlib.h>
#include <string.h>

enum { MC_NONE, MC_ARTIFACT, MC_ELEM };

struct pdf_tags {
    HPDF_Dict root;     /* /StructTreeRoot */
    HPDF_Dict document; /* the /Document element, every element's ancestor */
    HPDF_Array nums;    /* the parent tree's /Nums, filled at the end */
    HPDF_Array *pages;  /* per page, the element of each MCID */
    size_t npages, cap;
    HPDF_Dict *annots; /* link annotations and their /Link elements, in pairs */
    size_t nannots, annots_cap;
    int mc;            /* what the open marked-content sequence is */
    HPDF_Dict mc_elem; /* its element when MC_ELEM */
};

static bool grow(void **v, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t n = *cap ? 2 * *cap : 16;
    while (n < need)
        n *= 2;
    void *p = realloc(*v, n * size);
    if (!p)
        return false;
    *v = p;
    *cap = n;
    return true;
}

static bool active(const pdf_lay *L)
{
    return !L->dry && !L->failed && L->tags && L->tags->root;
}

static HPDF_Stream page_stream(const pdf_lay *L)
{
    return ((HPDF_PageAttr)L->page->attr)->stream;
}

/* Writes raw operators into the current page's content stream. */
static void emit(pdf_lay *L, const char *s)
{
    if (HPDF_Stream_WriteStr(page_stream(L), s) != HPDF_OK)
        pdf_fail(L, "PDF: cannot write marked content");
}

static HPDF_Dict new_indirect_dict(pdf_lay *L)
{
    HPDF_Doc pdf = L->pdf;
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (!d || HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) { /* Xref_Add frees d on failure */
        pdf_fail(L, "out of memory");
        return NULL;
    }
    return d;
}

/* The /K array of an element, made on first use. */
static HPDF_Array kids(pdf_lay *L, HPDF_Dict e)
{
    HPDF_Array k = HPDF_Dict_GetItem(e, "K", HPDF_OCLASS_ARRAY);
    if (k)
        return k;
    k = HPDF_Array_New(L->pdf->mmgr);
    if (!k || HPDF_Dict_Add(e, "K", k) != HPDF_OK) {
        pdf_fail(L, "out of memory");
        return NULL;
    }
    return k;
}

static HPDF_String text_string(pdf_lay *L, const char *raw)
{
    size_t n;
    const char *s = pdf_clean(L, raw, &n);
    return HPDF_String_New(L->pdf->mmgr, s, L->utf8);
}

int pdf_tag_start(pdf_lay *L)
{
    L->tags = calloc(1, sizeof *L->tags);
    if (!L->tags)
        return pdf_fail(L, "out of memory");
    HPDF_Doc pdf = L->pdf;
    /* Structure trees, /Lang and XMP metadata are PDF 1.4–1.5 features;
     * the header says what a current reader should expect. */
    pdf->pdf_version = HPDF_VER_17;
    pdf_tags *t = L->tags;
    t->root = new_indirect_dict(L);
    if (!t->root)
        return -1;
    HPDF_Dict_AddName(t->root, "Type", "StructTreeRoot");
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", t->root);
    HPDF_Dict tree = HPDF_Dict_New(pdf->mmgr);
    t->nums = HPDF_Array_New(pdf->mmgr);
    if (!tree || !t->nums)
        return pdf_fail(L, "out of memory");
    HPDF_Dict_Add(tree, "Nums", t->nums);
    HPDF_Dict_Add(t->root, "ParentTree", tree);
    t->document = new_indirect_dict(L);
    if (!t->document)
        return -1;
    HPDF_Dict_AddName(t->document, "Type", "StructElem");
    HPDF_Dict_AddName(t->document, "S", "Document");
    HPDF_Dict_Add(t->document, "P", t->root);
    HPDF_Dict_Add(t->root, "K", t->document);
    return pdf_check(L) ? -1 : 0;
}

pdf_elem pdf_tag_elem(pdf_lay *L, pdf_elem parent, const char *type)
{
    if (!active(L))
        return NULL;
    HPDF_Dict up = parent ? parent : L->tags->document;
    HPDF_Dict e = new_indirect_dict(L);
    HPDF_Array k = e ? kids(L, up) : NULL;
    if (!k)
        return NULL;
    HPDF_Dict_AddName(e, "Type", "StructElem");
    HPDF_Dict_AddName(e, "S", type);
    HPDF_Dict_Add(e, "P", up);
    HPDF_Array_Add(k, e);
    return pdf_check(L) ? NULL : e;
}

void pdf_tag_alt(pdf_lay *L, pdf_elem e, const char *alt)
{
    if (!active(L) || !e || !alt)
        return;
    HPDF_String s = text_string(L, alt);
    if (!s || HPDF_Dict_Add(e, "Alt", s) != HPDF_OK)
        pdf_fail(L, "out of memory");
}

void pdf_tag_scope(pdf_lay *L, pdf_elem th, const char *scope)
{
    if (!active(L) || !th)
        return;
    HPDF_Dict a = HPDF_Dict_New(L->pdf->mmgr);
    if (!a || HPDF_Dict_Add(th, "A", a) != HPDF_OK) {
        pdf_fail(L, "out of memory");
        return;
    }
    HPDF_Dict_AddName(a, "O", "Table");
    HPDF_Dict_AddName(a, "Scope", scope);
}

pdf_elem pdf_tag_use(pdf_lay *L, pdf_elem e)
{
    pdf_elem was = L->tag_cur;
    L->tag_cur = e;
    return was;
}

/* Ends the open marked-content sequence, if any (outside a text object). */
static void close_mc(pdf_lay *L)
{
    pdf_tags *t = L->tags;
    if (t->mc == MC_NONE)
        return;
    pdf_text_end(L);
    emit(L, "EMC\n");
    t->mc = MC_NONE;
    t->mc_elem = NULL;
}

void pdf_tag_mark(pdf_lay *L, pdf_elem e)
{
    if (!active(L))
        return;
    pdf_tags *t = L->tags;
    if (e ? t->mc == MC_ELEM && t->mc_elem == e : t->mc == MC_ARTIFACT)
        return;
    close_mc(L);
    pdf_text_end(L);
    if (!e) {
        emit(L, "/Artifact BMC\n");
        t->mc = MC_ARTIFACT;
        return;
    }
    HPDF_Array arr = t->npages ? t->pages[t->npages - 1] : NULL;
    HPDF_Array k = arr ? kids(L, e) : NULL;
    if (!k)
        return;
    unsigned mcid = HPDF_Array_Items(arr);
    HPDF_Name s = HPDF_Dict_GetItem(e, "S", HPDF_OCLASS_NAME);
    char op[96];
    snprintf(op, sizeof op, "/%s <</MCID %u>> BDC\n", s ? HPDF_Name_GetValue(s) : "Span", mcid);
    emit(L, op);
    HPDF_Array_Add(arr, e);
    /* An MCID alone refers to the element's /Pg; content on another page
     * needs a marked-content reference naming its page. */
    HPDF_Dict pg = HPDF_Dict_GetItem(e, "Pg", HPDF_OCLASS_DICT);
    if (!pg) {
        HPDF_Dict_Add(e, "Pg", L->page);
        pg = L->page;
    }
    if (pg == L->page) {
        HPDF_Array_AddNumber(k, (HPDF_INT32)mcid);
    } else {
        HPDF_Dict mcr = HPDF_Dict_New(L->pdf->mmgr);
        if (!mcr || HPDF_Array_Add(k, mcr) != HPDF_OK) {
            pdf_fail(L, "out of memory");
            return;
        }
        HPDF_Dict_AddName(mcr, "Type", "MCR");
        HPDF_Dict_Add(mcr, "Pg", L->page);
        HPDF_Dict_AddNumber(mcr, "MCID", (HPDF_INT32)mcid);
    }
    t->mc = MC_ELEM;
    t->mc_elem = e;
    pdf_check(L);
}

void pdf_tag_page_begin(pdf_lay *L)
{
    if (!active(L))
        return;
    pdf_tags *t = L->tags;
    if (!grow((void **)&t->pages, &t->cap, t->npages + 1, sizeof *t->pages)) {
        pdf_fail(L, "out of memory");
        return;
    }
    HPDF_Array arr = HPDF_Array_New(L->pdf->mmgr);
    if (!arr) {
        pdf_fail(L, "out of memory");
        return;
    }
    t->pages[t->npages] = arr;
    /* the parent tree's key for this page is its index */
    HPDF_Dict_AddNumber(L->page, "StructParents", (HPDF_INT32)t->npages);
    HPDF_Dict_AddName(L->page, "Tabs", "S");
    HPDF_Array_AddNumber(t->nums, (HPDF_INT32)t->npages);
    HPDF_Array_Add(t->nums, arr);
    t->npages++;
    t->mc = MC_NONE;
    pdf_check(L);
}

void pdf_tag_page_end(pdf_lay *L)
{
    if (active(L) && L->page)
        close_mc(L);
}

void pdf_tag_link(pdf_lay *L, pdf_elem link, HPDF_Annotation annot, const char *text)
{
    if (!active(L) || !link || !annot)
        return;
    pdf_tags *t = L->tags;
    if (!grow((void **)&t->annots, &t->annots_cap, t->nannots + 2, sizeof *t->annots)) {
        pdf_fail(L, "out of memory");
        return;
    }
    t->annots[t->nannots++] = annot;
    t->annots[t->nannots++] = link;
    HPDF_Array k = kids(L, link);
    HPDF_Dict objr = HPDF_Dict_New(L->pdf->mmgr);
    if (!k || !objr || HPDF_Array_Add(k, objr) != HPDF_OK) {
        pdf_fail(L, "out of memory");
        return;
    }
    HPDF_Dict_AddName(objr, "Type", "OBJR");
    HPDF_Dict_Add(objr, "Obj", annot);
    HPDF_Dict_Add(objr, "Pg", L->page);
    if (text) {
        HPDF_String s = text_string(L, text);
        if (s)
            HPDF_Dict_Add(annot, "Contents", s);
    }
    pdf_check(L);
}

/* The XMP packet: the title (and author) as Dublin Core, which readers
 * show when /DisplayDocTitle is set.  No PDF/A or PDF/UA claim is made. */
static void xml_escaped(pdf_lay *L, HPDF_Stream st, const char *raw)
{
    size_t n;
    const char *s = pdf_clean(L, raw, &n);
    for (size_t i = 0; i < n; i++) {
        const char *r = s[i] == '&'    ? "&amp;"
                        : s[i] == '<'  ? "&lt;"
                        : s[i] == '>'  ? "&gt;"
                        : s[i] == '\n' ? " "
                                       : NULL;
        if (r)
            HPDF_Stream_WriteStr(st, r);
        else
            HPDF_Stream_Write(st, (const HPDF_BYTE *)&s[i], 1);
    }
}

static void metadata(pdf_lay *L)
{
    const doc_info *in = &L->doc->info;
    HPDF_Dict m = HPDF_DictStream_New(L->pdf->mmgr, L->pdf->xref);
    if (!m) {
        pdf_fail(L, "out of memory");
        return;
    }
    HPDF_Dict_AddName(m, "Type", "Metadata");
    HPDF_Dict_AddName(m, "Subtype", "XML");
    HPDF_Stream st = m->stream;
    HPDF_Stream_WriteStr(st, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                             "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                             "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                             "<rdf:Description rdf:about=\"\" "
                             "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
                             "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                             "<dc:format>application/pdf</dc:format>\n");
    if (in->title && in->title[0]) {
        HPDF_Stream_WriteStr(st, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
        xml_escaped(L, st, in->title);
        HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Alt></dc:title>\n");
    }
    if (in->author && in->author[0]) {
        HPDF_Stream_WriteStr(st, "<dc:creator><rdf:Seq><rdf:li>");
        xml_escaped(L, st, in->author);
        HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
    if (in->lang && in->lang[0]) {
        HPDF_Stream_WriteStr(st, "<dc:language><rdf:Bag><rdf:li>");
        xml_escaped(L, st, in->lang);
        HPDF_Stream_WriteStr(st, "</rdf:li></rdf:Bag></dc:language>\n");
    }
    HPDF_Stream_WriteStr(st, "<pdf:Producer>assess</pdf:Producer>\n</rdf:Description>\n"
                             "</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>\n");
    HPDF_Dict_Add(L->pdf->catalog, "Metadata", m);
}

void pdf_tag_finish(pdf_lay *L)
{
    if (!active(L))
        return;
    pdf_tags *t = L->tags;
    HPDF_Doc pdf = L->pdf;
    HPDF_Dict cat = pdf->catalog;
    /* link annotations follow the pages in the parent tree */
    size_t key = t->npages;
    for (size_t k = 0; k + 1 < t->nannots; k += 2, key++) {
        HPDF_Dict_AddNumber(t->annots[k], "StructParent", (HPDF_INT32)key);
        HPDF_Array_AddNumber(t->nums, (HPDF_INT32)key);
        HPDF_Array_Add(t->nums, t->annots[k + 1]);
    }
    HPDF_Dict_AddNumber(t->root, "ParentTreeNextKey", (HPDF_INT32)key);

    const char *lang = L->doc->info.lang && L->doc->info.lang[0] ? L->doc->info.lang : "en";
    HPDF_String ls = HPDF_String_New(pdf->mmgr, lang, NULL);
    HPDF_Dict mark = HPDF_Dict_New(pdf->mmgr);
    HPDF_Dict prefs = HPDF_Dict_New(pdf->mmgr);
    if (!ls || !mark || !prefs) {
        pdf_fail(L, "out of memory");
        return;
    }
    HPDF_Dict_Add(cat, "Lang", ls);
    HPDF_Dict_Add(cat, "MarkInfo", mark);
    HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
    HPDF_Dict_Add(cat, "ViewerPreferences", prefs);
    HPDF_Dict_AddBoolean(prefs, "DisplayDocTitle", HPDF_TRUE);
    metadata(L);
    pdf_check(L);
}

void pdf_tag_free(pdf_lay *L)
{
    if (!L->tags)
        return;
    free(L->tags->pages);
    free(L->tags->annots);
    free(L->tags);
    L->tags = NULL;
}
