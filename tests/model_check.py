"""model_check.py SPEC PDF XLSX — one report model, two renderings.

SPEC lists the document's tables that name a worksheet, in order (written
by test_model.c from the report_doc itself):

  T <TAB> on-pages 0/1 <TAB> caption (may be empty)
  C <TAB> on-pages 0/1 <TAB> column title      (one line per column)
  G <TAB> on-pages 0/1 <TAB> column <TAB> text (a grouped table: one line per group)
  K <TAB> 1 <TAB> column <TAB> title     (a table of cards: each card's title)

For table k the k-th worksheet must hold the caption in A1 (when there is
one) and, in one row near the top, every column title in order; when the
table is on pages, the PDF's text (pdftotext, white space squeezed) must
hold its caption and the title of every column on pages, in the order of
the table, after the caption.  A grouped table's groups are one table in
the worksheet, each group's text in its column (0-based) on some row, and
on pages headings in order after the caption, each right above a header
row (its first column title).  A table of cards (K lines after its T and C
lines, a table in pieces giving all its pieces' cards) has each card's
title in the PDF, in order, and in its column in the worksheet.  Prints one line per problem; exit 1 if any.
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
                tables.append({"pages": pages == "1", "caption": text, "cols": [], "groups": [],
                               "cards": []})
            elif kind == "G":
                column, group = text.split("\t", 1)
                tables[-1]["groups"].append((pages == "1", int(column), group))
            elif kind == "K":
                column, title = text.split("\t", 1)
                tables[-1]["cards"].append((int(column), title))
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
        if t["groups"]:
            values = {r[t["groups"][0][1]] for r in ws.iter_rows(values_only=True)
                      if len(r) > t["groups"][0][1]}
            for _, column, group in t["groups"]:
                if group not in values:
                    problems.append("sheet %s: no row of group %r in column %d" % (ws.title, group,
                                                                                column))
        if t["cards"]:
            column = t["cards"][0][0]
            values = {r[column] for r in ws.iter_rows(values_only=True) if len(r) > column}
            pos = 0
            for _, title in t["cards"]:
                if title not in values:
                    problems.append("sheet %s: no row of the card %r" % (ws.title, title))
                # a title wraps: its first words, after the card before
                pos = text.find(squeeze(title)[:30], pos)
                if pos < 0:
                    problems.append("PDF: no card %r in order (sheet %s)" % (title, ws.title))
                    break
        if not t["pages"]:
            continue
        at = 0
        if t["caption"]:
            at = text.find(squeeze(t["caption"]))
            if at < 0:
                problems.append("PDF: no caption %r (sheet %s)" % (t["caption"], ws.title))
                continue
        heads = [(at, None)]
        first = next((squeeze(c[1]).split(" ")[0] for c in t["cols"] if c[0]), "")
        for shown, _, group in t["groups"]:
            if not shown:
                continue
            # the heading is the group's text with the header row right after it
            pos = text.find(squeeze(group), heads[-1][0])
            while pos >= 0 and not 0 <= text.find(first, pos) - pos - len(squeeze(group)) < 80:
                pos = text.find(squeeze(group), pos + 1)
            if pos < 0:
                problems.append("PDF: no heading of group %r in order after %r (sheet %s)"
                                % (group, t["caption"], ws.title))
                break
            heads.append((pos + len(squeeze(group)), group))
        problems.extend(column_titles(text, at, t, ws.title))
    for p in problems:
        print(p)
    print("%d tables checked" % len(tables))
    return 1 if problems else 0


def column_titles(text, at, t, sheet):
    """The titles of the columns on pages, in order, after position at."""
    problems = []
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
                                                                         sheet))
    return problems


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
