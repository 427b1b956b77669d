#!/usr/bin/python3
"""Makes the workbooks test_xlsx.c reads.  Run once, with the system Python
(it has python3-openpyxl), and commit what it writes:

    /usr/bin/python3 tests/data/xlsx/make_fixtures.py

- Workbooks a spreadsheet program would save, made with openpyxl from the
  CSV fixtures (numbers typed as numbers, as a person would): responses
  (engine-wide.xlsx, engine-group.xlsx, engine-long.xlsx, engine-odk.xlsx,
  engine-bad-answer.xlsx, cohort.xlsx) and
  questionnaires (engine-q.xlsx, cohort-q.xlsx, bad-q.xlsx).
- quirks.xlsx, written part by part: shared strings with rich text runs and
  phonetic runs, inline strings, formulas with saved values, numbers with
  binary noise, numbers stored as text, cells and rows without r
  attributes, cells out of order, a hidden sheet, a chart sheet, and one
  sheet per error the reader must locate.
- Broken files: not a zip, truncated, no workbook part, no shared strings
  part, a zip bomb (300 MB of zeros), a part over the ratio limit, a part
  whose header lies about its size, a billion-laughs sheet.

Output is deterministic (fixed zip timestamps), so a re-run changes nothing.
"""
import csv
import io
import os
import struct
import zipfile

import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
DATE = (2026, 1, 1, 0, 0, 0)

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def out(name):
    return os.path.join(HERE, name)


# ## Workbooks saved by openpyxl


def typed(v):
    """A CSV text as a person would type it into a cell."""
    try:
        if str(int(v)) == v:
            return int(v)
    except ValueError:
        pass
    try:
        f = float(v)
        if v.strip() == v and "e" not in v.lower() and repr(f) == v:
            return f
    except ValueError:
        pass
    return v if v != "" else None


def read_csv(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))


def add_sheet(wb, title, rows):
    ws = wb.create_sheet(title)
    for r in rows:
        ws.append([typed(v) for v in r])
    return ws


def save(wb, name):
    # openpyxl stamps the time into docProps/core.xml: fix it
    import datetime

    stamp = datetime.datetime(2026, 1, 1)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    path = out(name)
    wb.save(path)
    # rewrite with fixed zip timestamps so a re-run is byte-identical
    with zipfile.ZipFile(path) as z:
        parts = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts:
            z.writestr(zipfile.ZipInfo(n, DATE), b, zipfile.ZIP_DEFLATED)


def responses_workbook(name, csv_path, sheet="responses", before=None, hidden_first=False):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if hidden_first:
        ws = add_sheet(wb, "Lists", [["choices"], ["0"], ["1"], ["2"]])
        ws.sheet_state = "hidden"
    if before:
        add_sheet(wb, before, [["Answers are on the sheet " + sheet]])
    add_sheet(wb, sheet, read_csv(csv_path))
    save(wb, name)


def questionnaire_workbook(name, folder, change=None):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for f in ["settings", "dimensions", "scales", "items", "stages", "recommendations",
              "resources", "glossary"]:
        p = os.path.join(folder, f + ".csv")
        if os.path.exists(p):
            rows = read_csv(p)
            if change and f in change:
                change[f](rows)
            add_sheet(wb, f.capitalize() if f == "settings" else f, rows)
    save(wb, name)


# ## Workbooks written part by part


def content_types(sheets, shared):
    o = ['<Override PartName="/xl/workbook.xml" ContentType="application/'
         'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    for i, s in enumerate(sheets):
        kind = "chartsheet" if s.get("chart") else "worksheet"
        o.append('<Override PartName="/xl/%ss/sheet%d.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.%s+xml"/>' % (kind, i + 1, kind))
    if shared:
        o.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return (XML + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(o) + "</Types>")


def package(name, sheets, shared=None, shared_rel=True, drop=(), raw=None, stream=None):
    """sheets: dicts with name, xml (the sheetData inside, or a whole part
    with `whole`), optional state, chart, target (overrides the part
    path), norel (no relationship)."""
    parts = {}
    parts["[Content_Types].xml"] = content_types(sheets, shared is not None)
    parts["_rels/.rels"] = (XML + '<Relationships xmlns="http://schemas.openxmlformats.org/'
                            'package/2006/relationships"><Relationship Id="rId1" Type="' + REL +
                            '/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb_sheets, rels = [], []
    for i, s in enumerate(sheets):
        state = ' state="%s"' % s["state"] if s.get("state") else ""
        wb_sheets.append('<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>'
                         % (s["name"], i + 1, state, i + 1))
        kind = "chartsheet" if s.get("chart") else "worksheet"
        target = s.get("target", "%ss/sheet%d.xml" % (kind, i + 1))
        if not s.get("norel"):
            rels.append('<Relationship Id="rId%d" Type="%s/%s" Target="%s"/>'
                        % (i + 1, REL, kind, target))
        part = target[1:] if target.startswith("/") else "xl/" + target
        if s.get("nopart"):
            continue
        if s.get("chart"):
            parts[part] = XML + "<chartsheet %s %s><sheetViews/></chartsheet>" % (NS, NS_R)
        elif s.get("whole"):
            parts[part] = s["xml"]
        else:
            parts[part] = XML + "<worksheet %s %s><sheetData>%s</sheetData></worksheet>" % (
                NS, NS_R, s["xml"])
    if shared is not None and shared_rel:
        rels.append('<Relationship Id="rId%d" Type="%s/sharedStrings" '
                    'Target="sharedStrings.xml"/>' % (len(sheets) + 1, REL))
    if shared is not None:
        parts["xl/sharedStrings.xml"] = (XML + '<sst %s count="%d" uniqueCount="%d">%s</sst>'
                                         % (NS, len(shared), len(shared), "".join(shared)))
    parts["xl/workbook.xml"] = (XML + "<workbook %s %s><sheets>%s</sheets></workbook>"
                                % (NS, NS_R, "".join(wb_sheets)))
    parts["xl/_rels/workbook.xml.rels"] = (
        XML + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships">' + "".join(rels) + "</Relationships>")
    for d in drop:
        parts.pop(d, None)
    if raw:
        parts.update(raw)
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(zipfile.ZipInfo(n, DATE), b, zipfile.ZIP_DEFLATED)
        for n, chunks in (stream or {}).items():
            info = zipfile.ZipInfo(n, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as w:
                for c in chunks():
                    w.write(c)


def si(text):
    return "<si><t>%s</t></si>" % text


def inline(ref, text):
    return '<c r="%s" t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref, text)


def num(ref, v):
    return '<c r="%s"><v>%s</v></c>' % (ref, v)


def row(r, cells):
    return '<row r="%d">%s</row>' % (r, "".join(cells))


def quirks():
    shared = [
        si("id"),                                                     # 0
        '<si><r><t>te</t></r><r><rPr><b/></rPr><t>xt</t></r></si>',  # 1 rich text
        '<si><r><t xml:space="preserve">Hello, </t></r><r><rPr><i/></rPr><t>world</t></r>'
        '<rPh sb="0" eb="1"><t>HERO</t></rPh><phoneticPr fontId="1"/></si>',  # 2 phonetic
        si("007"),                                                    # 3 number as text
        si("r1"),                                                     # 4
        si("Caf\u00e9 \u2713"),                                       # 5 UTF-8
    ]
    data = "".join([
        # row 1: a styled empty cell only: skipped
        '<row r="1"><c r="A1" s="1"/><c r="B1" s="1" t="s"></c></row>',
        # row 2, the header: shared, rich shared, inline, inline rich with
        # a phonetic run, a formula's text result, shared
        row(2, ['<c r="A2" t="s"><v>0</v></c>', '<c r="B2" t="s"><v>1</v></c>',
                inline("C2", "number"),
                '<c r="D2" t="inlineStr"><is><r><t>fl</t></r><r><t>ag</t></r>'
                '<rPh sb="0" eb="1"><t>FURIGANA</t></rPh></is></c>',
                '<c r="E2" t="str"><f>"formula"</f><v>formula</v></c>',
                inline("F2", "code")]),
        row(3, ['<c r="A3" t="s"><v>4</v></c>', '<c r="B3" t="s"><v>2</v></c>', num("C3", "2"),
                '<c r="D3" t="b"><v>1</v></c>',
                '<c r="E3" t="str"><f>A3&amp;"!"</f><v>r1!</v></c>',
                '<c r="F3" t="s"><v>3</v></c>']),
        # row 4: neither the row nor its cells have r attributes
        "<row>" + "".join([
            '<c t="inlineStr"><is><t>r2</t></is></c>',
            '<c t="inlineStr"><is><t>line1_x000D_\nline2 _x005F_x0041_</t></is></c>',
            "<c><v>2.0000000000000001</v></c>",
            '<c t="b"><v>0</v></c>',
            "<c><f>1/3</f><v>0.33333333333333331</v></c>",
            '<c t="inlineStr"><is><t xml:space="preserve">  </t></is></c>']) + "</row>",
        # row 5: blanks only: skipped; row 6 missing
        row(5, [inline("B5", "   "), '<c r="C5" t="str"><f>""</f><v></v></c>']),
        # row 7: cells out of order
        row(7, [inline("F7", "x"), inline("A7", "r3"), num("C7", "0.30000000000000004")]),
        # row 8: an exponent, a date as its serial number, UTF-8, a
        # numeric formula result
        row(8, [inline("A8", "r4"), '<c r="B8" t="s"><v>5</v></c>', num("C8", "1E-3"),
                num("D8", "45678"), '<c r="E8"><f>2^60</f><v>1.152921504606847E+18</v></c>']),
        # row 9: a cell right of the header: a warning, ignored
        row(9, [inline("A9", "r5"), inline("G9", "stray")]),
    ])
    hidden = row(1, [inline("A1", "hidden")]) + row(2, [inline("A2", "x")])
    sheets = [
        {"name": "Hidden", "xml": hidden, "state": "hidden"},
        {"name": "Chart", "chart": True},
        # an absolute target
        {"name": "Quirks", "xml": data, "target": "/xl/worksheets/sheet3.xml"},
        {"name": "Errors", "xml": row(1, [inline("A1", "a"), inline("B1", "b")]) +
         row(2, [inline("A2", "ok"), '<c r="B2" t="e"><v>#N/A</v></c>']) +
         row(3, ['<c r="A3" t="e"><f>1/0</f><v>#DIV/0!</v></c>', num("B3", "1")])},
        {"name": "Formulas", "xml": row(1, [inline("A1", "a"), inline("B1", "b")]) +
         row(2, [num("A2", "1"), '<c r="B2"><f>A2*2</f><v></v></c>']) +
         row(3, [num("A3", "2"), '<c r="B3"><f>A3*2</f><v/></c>'])},
        {"name": "Empty", "xml": '<row r="1"><c r="A1" s="2"/></row>'},
        {"name": "HeaderOnly", "xml": row(3, [inline("A3", "a"), inline("B3", "b")])},
        {"name": "Dupe", "xml": row(1, [inline("A1", "a"), inline("B1", "b")]) +
         row(2, [inline("B2", "1"), inline("A2", "2"), inline("B2", "3")])},
        {"name": "Order", "xml": row(1, [inline("A1", "a")]) + row(5, [inline("A5", "1")]) +
         row(3, [inline("A3", "2")])},
        {"name": "BadRef", "xml": row(1, [inline("A1", "a")]) + row(2, [inline("A3", "1")])},
        {"name": "NotRef", "xml": row(1, [inline("A1", "a")]) + row(2, [inline("2A", "1")])},
        {"name": "TooManyRows", "xml": row(1, [inline("A1", "a")]) + row(1048576, [
            inline("A1048576", "last")]) + '<row r="1048577"><c t="inlineStr"><is><t>1</t>'
         '</is></c></row>'},
        {"name": "TooWide", "xml": row(1, [inline("A1", "a")]) + row(2, [
            inline("XFD2", "last"), inline("XFE2", "over")])},
        {"name": "TooWideNoRef", "xml": row(1, [inline("XFD1", "last"),
                                                 '<c t="inlineStr"><is><t>x</t></is></c>'])},
        {"name": "Deep", "whole": True, "xml": XML + "<worksheet %s><sheetData>%s</sheetData>"
         "<extLst>%s%s</extLst></worksheet>" % (NS, row(1, [inline("A1", "a")]),
                                                 "<x>" * 300, "</x>" * 300)},
        {"name": "BadXml", "whole": True, "xml": XML + "<worksheet %s><sheetData>%s"
         "<row r=\"2\"><c r=\"A2\"><v>1</c></row></sheetData></worksheet>"
         % (NS, row(1, [inline("A1", "a")]))},
        {"name": "NoPart", "xml": "", "nopart": True},
        {"name": "NoRel", "xml": row(1, [inline("A1", "a")]), "norel": True},
        {"name": "Shared", "xml": row(1, [inline("A1", "a")]) +
         row(2, ['<c r="A2" t="s"><v>99</v></c>'])},
        {"name": "Types", "xml": row(1, [inline("A1", "a")]) +
         row(2, ['<c r="A2" t="z"><v>1</v></c>'])},
    ]
    package("quirks.xlsx", sheets, shared)


def broken():
    with open(out("not-zip.xlsx"), "w") as f:
        f.write("entity,cycle\nSpringfield,2026\n")
    with open(out("engine-wide.xlsx"), "rb") as f:
        whole = f.read()
    with open(out("truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])

    plain = [{"name": "Sheet1", "xml": row(1, [inline("A1", "a")]) + row(2, [
        inline("A2", "1")])}]
    package("no-workbook.xlsx", plain, drop=["xl/workbook.xml"])
    package("no-rels.xlsx", plain, drop=["xl/_rels/workbook.xml.rels"])
    # t="s" cells, but neither a shared strings part nor its relationship
    package("no-sst.xlsx", [{"name": "Sheet1", "xml": row(1, [
        '<c r="A1" t="s"><v>0</v></c>']) + row(2, ['<c r="A2" t="s"><v>1</v></c>'])}])
    # the strings part exists but its relationship is missing: still read
    package("sst-norel.xlsx", [{"name": "Sheet1", "xml": row(1, [
        '<c r="A1" t="s"><v>0</v></c>']) + row(2, ['<c r="A2" t="s"><v>1</v></c>'])}],
        shared=[si("head"), si("body")], shared_rel=False)

    # a billion laughs in a worksheet
    laughs = ['<!ENTITY lol0 "lol">'] + ['<!ENTITY lol%d "%s">' % (i, "&lol%d;" % (i - 1) * 10)
                                         for i in range(1, 10)]
    package("laughs.xlsx", [{"name": "Sheet1", "whole": True, "xml":
                             '<?xml version="1.0"?>\n<!DOCTYPE worksheet [%s]>\n<worksheet %s>'
                             '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t>'
                             '</is></c></row></sheetData></worksheet>' % ("".join(laughs), NS)}])
    # the same in the shared strings
    package("laughs-sst.xlsx", [{"name": "Sheet1", "xml": row(1, [
        '<c r="A1" t="s"><v>0</v></c>'])}], raw={
        "xl/sharedStrings.xml": '<?xml version="1.0"?>\n<!DOCTYPE sst [%s]>\n<sst %s><si><t>'
        '&lol9;</t></si></sst>' % ("".join(laughs), NS)}, shared=[])

    # a zip bomb: 300 MB of zeros, streamed so nothing big is held
    def zeros():
        chunk = b"\0" * (1 << 20)
        for _ in range(300):
            yield chunk

    package("bomb.xlsx", [{"name": "Sheet1", "xml": row(1, [inline("A1", "a")])},
                          {"name": "Bomb", "xml": "", "nopart": True}],
            stream={"xl/worksheets/sheet2.xml": zeros})

    # under 256 MiB but packed more than 100 times: 4 MiB of blanks
    # inside a well-formed sheet
    pad = " " * (4 << 20)
    package("ratio.xlsx", [{"name": "Sheet1", "whole": True, "xml": XML + "<worksheet %s>"
                            "<sheetData>%s</sheetData>%s</worksheet>" % (
                                NS, row(1, [inline("A1", "a")]) + row(2, [inline("A2", "b")]),
                                pad)}])
    # the same, but the zip headers say the part unpacks to 1,000 bytes
    package("forged.xlsx", [{"name": "Sheet1", "whole": True, "xml": XML + "<worksheet %s>"
                             "<sheetData>%s</sheetData>%s</worksheet>" % (
                                 NS, row(1, [inline("A1", "a")]) + row(2, [inline("A2", "b")]),
                                 pad)}])
    forge_size(out("forged.xlsx"), "xl/worksheets/sheet1.xml", 1000)


def forge_size(path, name, size):
    """Overwrites the uncompressed size of one entry in its local header
    and in the central directory."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo(name)
        local = info.header_offset
    struct.pack_into("<I", data, local + 22, size)
    # walk the central directory to the entry
    eocd = data.rfind(b"PK\x05\x06")
    count, cd_size, cd_off = struct.unpack_from("<HII", data, eocd + 10)
    p = cd_off
    for _ in range(count):
        n_len, e_len, c_len = struct.unpack_from("<HHH", data, p + 28)
        entry = bytes(data[p + 46:p + 46 + n_len]).decode()
        if entry == name:
            struct.pack_into("<I", data, p + 24, size)
        p += 46 + n_len + e_len + c_len
    open(path, "wb").write(bytes(data))


def main():
    eng = os.path.join(DATA, "engine")
    responses_workbook("engine-wide.xlsx", os.path.join(eng, "responses", "wide.csv"),
                       sheet="Responses", before="About")
    responses_workbook("engine-group.xlsx", os.path.join(eng, "responses", "group.csv"),
                       sheet="Answers", hidden_first=True)
    responses_workbook("engine-long.xlsx", os.path.join(eng, "responses", "long.csv"),
                       sheet="Sheet1")
    responses_workbook("engine-odk.xlsx", os.path.join(eng, "responses", "odk.csv"),
                       sheet="Sheet1")
    responses_workbook("engine-bad-answer.xlsx",
                       os.path.join(eng, "responses", "bad-answer.csv"), sheet="Sheet1")
    responses_workbook("cohort.xlsx", os.path.join(DATA, "cohort", "cohort.csv"),
                       sheet="responses")
    questionnaire_workbook("engine-q.xlsx", os.path.join(eng, "q"))
    questionnaire_workbook("cohort-q.xlsx", os.path.join(DATA, "cohort", "q"))

    def bad_items(rows):
        rows[3][5] = "nosuchscale"  # items!F4

    questionnaire_workbook("bad-q.xlsx", os.path.join(eng, "q"), {"items": bad_items})
    # a questionnaire workbook without its items sheet
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for f in ["settings", "dimensions", "scales", "stages"]:
        add_sheet(wb, f, read_csv(os.path.join(eng, "q", f + ".csv")))
    save(wb, "no-items-q.xlsx")
    quirks()
    broken()


if __name__ == "__main__":
    main()
