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

A FILE is read as text (.txt: pdftotext's output, standard error or a
--help, .html, .csv); a .pdf as its text (pdftotext) and the text
alternatives of its figures and links (/Alt, /ActualText, qpdf); an .xlsx
as what a person sees in the workbook: sheet names, the cells and
drop-down messages of the visible sheets, and the charts' alternative
texts.  The tidy tables' measure codes (theme:DIMENSION/NAME, the keys the
statewide CSV shares) are codes, not text, and are left out.
"""
import csv
import os
import re
import subprocess
import sys
import zipfile

CONVERSION = re.compile(r"%(\d+\$)?[-+ #0]*\d*(\.\d+)?(hh|h|ll|l|z|j|t)?[diouxXeEfgGcs%]")
# a word; an identifier such as min_group_size is one
WORD = re.compile(r"[A-Za-z_]+(?:'[a-z]+)?")
MEASURE_CODE = re.compile(r"^theme:[^/]+/")
# what is syntax, not words: options, paths and file names, metavariables
# and the command line "assess report" (a usage line "[--benchmark COHORT]...
# [--quiet]" is no English sentence)
SYNTAX = re.compile(r"\bassess [a-z]+|--?[A-Za-z][\w=-]*|\S*[/.]\w\S*|\b[A-Z][A-Z_]+\b")


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
        if len(WORD.findall(SYNTAX.sub(" ", part))) >= min_words:
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
            out.extend(str(v) for v in row if isinstance(v, str) and not v.startswith("=")
                       and not MEASURE_CODE.match(v))
        for dv in ws.data_validations.dataValidation:
            out.extend(x for x in (dv.promptTitle, dv.prompt, dv.errorTitle, dv.error) if x)
    props = wb.properties
    out.extend(x for x in (props.title, props.subject, props.keywords, props.description) if x)
    # the charts' alternative texts (openpyxl does not read drawings back)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/drawings/") and name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                out.extend(unxml(d) for d in re.findall(r'descr="([^"]*)"', xml))
    return "\n".join(out)


def unxml(s):
    return (s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&apos;", "'").replace("&amp;", "&"))


def pdf_string(s):
    """A PDF string as written by the renderer: <FEFF...> hex (UTF-16BE) or
    (literal) with backslash escapes."""
    if s.startswith("<"):
        b = bytes.fromhex(s[1:-1])
        return b[2:].decode("utf-16-be") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    body = re.sub(r"\\([nrtbf()\\]|[0-7]{1,3})",
                  lambda m: {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}.get(
                      m.group(1), chr(int(m.group(1), 8)) if m.group(1)[0].isdigit()
                      else m.group(1)), s[1:-1])
    raw = body.encode("latin-1", "replace")
    return raw[2:].decode("utf-16-be", "replace") if raw[:2] == b"\xfe\xff" else body


def pdf_text(path):
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True,
                          check=True).stdout
    qdf = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path, "-"],
                         capture_output=True, check=False).stdout.decode("latin-1")
    alts = re.findall(r"/(?:Alt|ActualText) (<[0-9A-Fa-f]*>|\((?:[^()\\]|\\.)*\))", qdf)
    return text + "\n" + "\n".join(pdf_string(a) for a in alts)


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
        if path.endswith(".xlsx"):
            text = xlsx_text(path)
        elif path.endswith(".pdf"):
            text = pdf_text(path)
        else:
            text = open(path, encoding="utf-8").read()
        flat = " ".join(text.split())
        for e in sorted(english):
            if e in flat:
                print(f"{path}: English left: \u201c{e}\u201d")
                found += 1
    print(f"{len(english)} English texts looked for in {len(files)} file(s): {found} found")
    sys.exit(1 if found else 0)


main()
