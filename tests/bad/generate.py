#!/usr/bin/python3
"""Writes the bad inputs too big or too binary to commit, into the folder
named on the command line (test_bad_inputs runs it once into a temporary
folder; expected.tsv refers to them as {gen}/NAME).  Big files are
streamed, and the 1 GiB file is sparse, so little is held or written.

    /usr/bin/python3 tests/bad/generate.py /tmp/somewhere
"""
import os
import struct
import sys
import zipfile
import zlib

OUT = sys.argv[1]
DATE = (2026, 1, 1, 0, 0, 0)
H = "entity,cycle,n1,n2,n3,o1,o2\n"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def path(name):
    return os.path.join(OUT, name)


def text(name, s):
    with open(path(name), "w", encoding="utf-8", newline="") as f:
        f.write(s)


# ## CSV beyond the limits

text("huge-field.csv", H + "Springfield,2026,2,1,yes,1," + "x" * (2 * 1024 * 1024) + "\n")
text("too-many-fields.csv", "entity," + ",".join("c%d" % i for i in range(16400)) + "\nA\n")
with open(path("too-many-rows.csv"), "w") as f:
    f.write("entity,n1\n")
    row = "Springfield,2\n" * 1024
    for _ in range(1025):  # 1,049,600 data rows
        f.write(row)
with open(path("too-many-respondents.csv"), "w") as f:
    f.write("entity,cycle,n1\n")
    for k in range(65536):
        f.write("Bigtown,2026,2\n")
with open(path("over-1gib.csv"), "w") as f:
    f.write(H)
    f.truncate(1024 * 1024 * 1024 + 1)  # sparse: nothing is written


# ## Questionnaires beyond the limits

def package(name, items=None, scales=None):
    d = path(name)
    os.makedirs(d, exist_ok=True)
    files = {
        "settings.csv": "key,value\nid,big\nversion,1\ntitle,Big\n",
        "dimensions.csv": "id,label\nN,Normalize\n",
        "scales.csv": scales or "scale,value,label,points\nm,0,None,0\nm,1,Some,1\n",
        "items.csv": items or "id,dimension,text,scale\nn1,N,Talk,m\n",
        "stages.csv": "id,label,min_score\nbegin,Beginning,0\n",
    }
    for n, s in files.items():
        text(os.path.join(name, n), s)


package("too-many-items", items="id,dimension,text,scale\n" +
        "".join("i%d,N,Item %d,m\n" % (k, k) for k in range(10001)))
package("too-many-choices", scales="scale,value,label,points\n" +
        "".join("m,%d,Level %d,%d\n" % (k, k, k) for k in range(65535)))


# ## Workbooks

def workbook(name, sheet_xml=None, shared=None, stream=None, extra=None,
             sheet_whole=None):
    """A minimal workbook with one sheet "responses"; sheet_xml is the
    sheetData content, or sheet_whole the whole part, or stream a function
    giving its chunks."""
    parts = {
        "[Content_Types].xml": XML + '<Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/></Types>',
        "_rels/.rels": XML + '<Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="' + REL +
        '/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": XML + '<workbook %s xmlns:r="%s"><sheets><sheet name="responses" '
        'sheetId="1" r:id="rId1"/></sheets></workbook>' % (NS, REL),
        "xl/_rels/workbook.xml.rels": XML + '<Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="' +
        REL + '/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="' +
        REL + '/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    }
    if sheet_whole is not None:
        parts["xl/worksheets/sheet1.xml"] = sheet_whole
    elif sheet_xml is not None:
        parts["xl/worksheets/sheet1.xml"] = (XML + "<worksheet %s><sheetData>%s</sheetData>"
                                             "</worksheet>" % (NS, sheet_xml))
    if shared is not None:
        parts["xl/sharedStrings.xml"] = XML + "<sst %s>%s</sst>" % (
            NS, "".join("<si><t>%s</t></si>" % s for s in shared))
    parts.update(extra or {})
    with zipfile.ZipFile(path(name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(zipfile.ZipInfo(n, DATE), b, zipfile.ZIP_DEFLATED)
        if stream:
            info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as w:
                for c in stream():
                    w.write(c)


def cell(ref, v):
    return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, v)


def row(r, cells):
    return '<row r="%d">%s</row>' % (r, "".join(cells))


good = row(1, [cell("A1", "entity"), cell("B1", "n1")]) + row(2, [cell("A2", "Springfield"),
                                                                   cell("B2", "2")])
workbook("good.xlsx", good)
data = open(path("good.xlsx"), "rb").read()
with open(path("truncated.xlsx"), "wb") as f:
    f.write(data[: len(data) * 2 // 3])
corrupt = bytearray(data)
sheet_at = corrupt.find(b"xl/worksheets/sheet1.xml")  # the local header's name
for i in range(sheet_at + 40, sheet_at + 60):  # inside the deflated data
    corrupt[i] ^= 0x5A
with open(path("corrupted.xlsx"), "wb") as f:
    f.write(bytes(corrupt))
text("csv-named-xlsx.xlsx", H + "Springfield,2026,2,1,yes,1,0\n")
with open(path("empty.xlsx"), "wb") as f:
    pass

workbook("bad-answer.xlsx", row(1, [cell("A1", "entity"), cell("B1", "n1")]) +
         row(2, [cell("A2", "Springfield"), cell("B2", "7")]))
workbook("error-cell.xlsx", row(1, [cell("A1", "entity"), cell("B1", "n1")]) +
         row(2, [cell("A2", "Springfield"), '<c r="B2" t="e"><v>#N/A</v></c>']))
workbook("sst-index.xlsx", row(1, ['<c r="A1" t="s"><v>0</v></c>', cell("B1", "n1")]) +
         row(2, ['<c r="A2" t="s"><v>7</v></c>', cell("B2", "2")]), shared=["entity"])
workbook("invalid-utf8.xlsx", sheet_whole=(XML + "<worksheet %s><sheetData>" % NS).encode() +
         b'<row r="1"><c r="A1" t="inlineStr"><is><t>entit\xe9</t></is></c></row>'
         b"</sheetData></worksheet>")
workbook("not-xml.xlsx", sheet_whole="entity,n1\nSpringfield,2\n")

# an XML entity bomb (billion laughs) and an external entity
laughs = "".join(['<!ENTITY a0 "lol">'] + ['<!ENTITY a%d "%s">' % (i, ("&a%d;" % (i - 1)) * 10)
                                           for i in range(1, 10)])
workbook("entity-bomb.xlsx", sheet_whole='<?xml version="1.0"?>\n<!DOCTYPE worksheet [%s]>'
         '<worksheet %s><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is>'
         '</c></row></sheetData></worksheet>' % (laughs, NS))
workbook("external-entity.xlsx", sheet_whole='<?xml version="1.0"?>\n<!DOCTYPE worksheet '
         '[<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet %s><sheetData><row r="1">'
         '<c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>' % NS)
# XML nested deeper than 256 elements
workbook("deep-xml.xlsx", sheet_whole=XML + "<worksheet %s><sheetData>%s%s</sheetData>"
         "</worksheet>" % (NS, "<x>" * 300, "</x>" * 300))


# a zip bomb: 300 MiB of blanks in the sheet, packed about 1000 : 1
def blanks():
    yield (XML + "<worksheet %s><sheetData>" % NS).encode()
    chunk = b" " * (1 << 20)
    for _ in range(300):
        yield chunk


workbook("zip-bomb.xlsx", stream=blanks)

# more zip entries than a workbook may have
workbook("too-many-entries.xlsx", good,
         extra={"xl/media/pad%05d.bin" % k: "" for k in range(10001)})

# a text cell over 1 MiB
workbook("huge-cell.xlsx", row(1, [cell("A1", "entity"), cell("B1", "n1")]) +
         row(2, [cell("A2", "x" * (1024 * 1024 + 10)), cell("B2", "2")]))


# 1,000,000 data rows of one entity: more respondents than one assessment
# may have (65,535), streamed row by row
def million():
    yield (XML + "<worksheet %s><sheetData>" % NS).encode()
    yield row(1, [cell("A1", "entity"), cell("B1", "cycle"), cell("C1", "n1")]).encode()
    rows = []
    for r in range(2, 1000002):
        rows.append('<row r="%d"><c r="A%d" t="inlineStr"><is><t>Bigtown</t></is></c>'
                    '<c r="B%d"><v>2026</v></c><c r="C%d"><v>2</v></c></row>' % (r, r, r, r))
        if len(rows) == 10000:
            yield "".join(rows).encode()
            rows = []
    yield ("".join(rows) + "</sheetData></worksheet>").encode()


workbook("million-rows.xlsx", stream=million)


# ## A logo that declares a huge image in a tiny file

def png_chunk(kind, body):
    return (struct.pack(">I", len(body)) + kind + body +
            struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))


with open(path("huge-logo.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 100000, 100000,
                                                                  8, 2, 0, 0, 0)) +
            png_chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + png_chunk(b"IEND", b""))
text("huge-logo.brand", "organization = Acme\nlogo = huge-logo.png\n")
