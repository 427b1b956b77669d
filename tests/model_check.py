"""model_check.py SPEC PDF XLSX — one report model, two renderings.

SPEC lists the document's tables that name a worksheet, in order (written
by test_model.c from the report_doc itself):

  T <TAB> on-pages 0/1 <TAB> caption (may be empty)
  C <TAB> on-pages 0/1 <TAB> column title      (one line per column)

For table k the k-th worksheet must hold the caption in A1 (when there is
one) and, in one row near the top, every column title in order; when the
table is on pages, the PDF's text (pdftotext, white space squeezed) must
hold its caption and the title of every column on pages, in the order of
the table, after the caption.  Prints one line per problem; exit 1 if any.
"""
import re
import subprocess
import sys

import openpyxl


def squeeze(s):
    # pdftotext joins a word broken at a hyphen at a line's end
    return re.sub(r"\s+", " ", s.replace("-", "")).strip()


def main(spec_path, pdf, xlsx):
    tables = []
    with open(spec_path, encoding="utf-8") as f:
        for line in f:
            kind, pages, text = line.rstrip("\n").split("\t", 2)
            if kind == "T":
                tables.append({"pages": pages == "1", "caption": text, "cols": []})
            else:
                tables[-1]["cols"].append((pages == "1", text))
    text = squeeze(subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], check=True,
                                  capture_output=True, text=True).stdout)
    wb = openpyxl.load_workbook(xlsx)
    problems = []
    sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    if len(sheets) < len(tables):
        problems.append("%d tables name a worksheet, the workbook has %d" % (len(tables), len(sheets)))
    for k, t in enumerate(tables[:len(sheets)]):
        ws = sheets[k]
        rows = [tuple(v for v in r) for r in ws.iter_rows(min_row=1, max_row=6, values_only=True)]
        titles = tuple(c[1] for c in t["cols"])
        if t["caption"] and (not rows or rows[0][0] != t["caption"]):
            problems.append("sheet %s: A1 is %r, the caption %r" % (ws.title, rows[0][0] if rows else None,
                                                                    t["caption"]))
        if not any(r[:len(titles)] == titles for r in rows):
            problems.append("sheet %s: no row holds the column titles %r" % (ws.title, titles))
        if not t["pages"]:
            continue
        at = 0
        if t["caption"]:
            at = text.find(squeeze(t["caption"]))
            if at < 0:
                problems.append("PDF: no caption %r (sheet %s)" % (t["caption"], ws.title))
                continue
        for shown, title in t["cols"]:
            if not shown:
                continue
            # a title wraps over up to three lines, beside its neighbours' lines: find its words
            pos = at
            for word in squeeze(title).split(" "):
                pos = text.find(word, pos)
                if pos < 0:
                    break
            if pos < 0:
                problems.append("PDF: no column title %r after %r (sheet %s)" % (title, t["caption"],
                                                                             ws.title))
    for p in problems:
        print(p)
    print("%d tables checked" % len(tables))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
