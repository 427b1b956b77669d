#!/usr/bin/python3
"""l10n_check.py — finds English left in an output meant for another
language, for the tests of translated reports, forms and workbooks.  Run
with /usr/bin/python3 (Debian's python3-openpyxl).

  l10n_check.py POT QUESTIONNAIRE LANG FILE...

The English is every text the program marks for translation (the
template xgettext made, assess.pot), cut at its printf conversions and
line breaks, and every text of the questionnaire that has a translation
into LANG different from the English (names and titles kept as
published are the same in both, so they may stay).  A piece of three
words or more (four for the questionnaire's texts) found in a FILE is
English that should not be there: each is printed and the exit status is 1.

A FILE is read as text (.txt: pdftotext's output, .html, .csv) or, for
.xlsx, as what a person sees in the workbook: sheet names and the cells
and drop-down messages of the visible sheets.
"""
import csv
import os
import re
import sys

CONVERSION = re.compile(r"%(\d+\$)?[-+ #0]*\d*(\.\d+)?(hh|h|ll|l|z|j|t)?[diouxXeEfgGcs%]")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def unquote(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")


def pot_texts(path):
    """Every msgid and msgid_plural of a PO template, joined across lines."""
    texts, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("msgid ") or line.startswith("msgid_plural "):
            cur = unquote(line.split(" ", 1)[1][1:-1])
            texts.append(cur)
        elif line.startswith('"') and cur is not None and texts:
            texts[-1] += unquote(line[1:-1])
        else:
            cur = None
    return [t for t in texts if t]


def pieces(text, min_words):
    """The parts of text between conversions and line breaks, with at least
    min_words words, spaces squeezed."""
    out = []
    for part in re.split(r"\n", CONVERSION.sub("\n", text)):
        part = " ".join(part.split()).strip(" ,;:.()\u201c\u201d\"'")
        if len(WORD.findall(part)) >= min_words:
            out.append(part)
    return out


def questionnaire_texts(qdir, lang):
    """The English of every text cell translated into lang differently."""
    texts = []
    for name in sorted(os.listdir(qdir)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(qdir, name), encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                for col, v in row.items():
                    tr = row.get(f"{col}::{lang}") if col and "::" not in col else None
                    if v and tr and tr.strip() != v.strip():
                        texts.append(v)
    return texts


def xlsx_text(path):
    import openpyxl

    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        out.append(ws.title)
        for row in ws.iter_rows(values_only=True):
            out.extend(str(v) for v in row if isinstance(v, str) and not v.startswith("="))
        for dv in ws.data_validations.dataValidation:
            out.extend(x for x in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error) if x)
    props = wb.properties
    out.extend(x for x in (props.title, props.subject, props.keywords, props.description) if x)
    return "\n".join(out)


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    pot, qdir, lang, files = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    english = set()
    for t in pot_texts(pot):
        english.update(pieces(t, 3))
    for t in questionnaire_texts(qdir, lang):
        english.update(pieces(t, 4))
    found = 0
    for path in files:
        text = xlsx_text(path) if path.endswith(".xlsx") else open(path, encoding="utf-8").read()
        flat = " ".join(text.split())
        for e in sorted(english):
            if e in flat:
                print(f"{path}: English left: \u201c{e}\u201d")
                found += 1
    print(f"{len(english)} English texts looked for in {len(files)} file(s): {found} found")
    sys.exit(1 if found else 0)


main()
