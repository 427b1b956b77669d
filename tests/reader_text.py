#!/usr/bin/python3
"""reader_text.py ASSESS SOURCE_DIR — what readers see, from the shipped
examples through the command:

- no page of a city report (every example city, one of them branded),
  the statewide report or the blank forms (pdftotext), and no summary sheet
  of the workbooks (every sheet but the data sheets Items, Plan, Scores and
  Survey shares),
  holds an item id of the shipped questionnaires, whole or broken across
  lines;
- the public edition (--public) holds none of the respondents' names, in
  the PDF or anywhere in the workbook, where the team edition holds them;
  --public=no-notes holds none of the evidence either;
- every report carries the line on how to ask for another format, and a
  brand's alternate_formats replaces it.

Prints one line per problem; exit 1 if any.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ASSESS, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
EX = f"{SOURCE}/examples"
COHORT = f"{EX}/cohort"  # two files: 2025 on 1.0.0, 2026 on 1.1.0
DATA_SHEETS = {"Items", "Plan", "Scores", "Survey shares"}
problems = []


def run(args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1790000000")
    r = subprocess.run([ASSESS] + args, capture_output=True, text=True, env=env)
    if r.returncode != 0:
        problems.append(f"assess {' '.join(args)}: status {r.returncode}: {r.stderr.strip()}")
    return r


def pdf_text(path):
    return subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", path, "-"],
                          capture_output=True, text=True).stdout


def sheet_texts(path, skip=()):
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        if ws.title in skip:
            continue
        out[ws.title] = "\n".join(str(c.value) for row in ws.iter_rows() for c in row
                                  if c.value is not None)
    return out


def item_ids():
    ids = set()
    for q in ("gare-local", "gare-local-1.0"):
        with open(f"{SOURCE}/questionnaires/{q}/items.csv", encoding="utf-8-sig") as f:
            ids |= {row["id"] for row in csv.DictReader(f)}
    return ids


def ids_in(text, ids):
    # a word broken after an underscore at a line's end is joined again
    joined = re.sub(r"_\s*\n\s*", "_", text)
    words = set(re.findall(r"[A-Za-z0-9_]+", joined))
    return sorted(ids & words)


def main():
    tmp = tempfile.mkdtemp(prefix="reader_text.")
    try:
        ids = item_ids()
        brand = f"{tmp}/access.brand"
        with open(f"{EX}/brand/northwind.brand", encoding="utf-8") as src, \
                open(brand, "w", encoding="utf-8") as dst:
            dst.write(src.read().replace("logo         = northwind-logo.png\n", ""))
            dst.write("alternate_formats = For large print or Braille, write to "
                      "access@northwind.example.\n")

        # 1. no item id where a reader looks
        pdfs, books = [], []
        for city in ("riverton", "cedar-falls-team", "lakeside-long"):
            extra = ["--brand", brand] if city == "riverton" else []
            for ext in ("pdf", "xlsx"):
                out = f"{tmp}/{city}.{ext}"
                run(["report", f"{EX}/cities/{city}.csv", "--benchmark", COHORT, "-o", out] + extra)
                (pdfs if ext == "pdf" else books).append(out)
        for ext in ("pdf", "xlsx"):
            out = f"{tmp}/state.{ext}"
            r = subprocess.run([ASSESS, "benchmark", COHORT, "--by", "region", "-o", out],
                               capture_output=True, text=True)
            if r.returncode:
                problems.append(f"benchmark: {r.stderr.strip()}")
            (pdfs if ext == "pdf" else books).append(out)
        for q in ("gare-local", "gare-local-1.0"):
            out = f"{tmp}/form-{q}.pdf"
            r = subprocess.run([ASSESS, "template", "-q", f"{SOURCE}/questionnaires/{q}", "-o",
                                out], capture_output=True, text=True)
            if r.returncode:
                problems.append(f"template -q {q}: {r.stderr.strip()}")
            pdfs.append(out)
        for p in pdfs:
            text = pdf_text(p)
            if not text.strip():
                problems.append(f"{os.path.basename(p)}: no text")
            found = ids_in(text, ids)
            if found:
                problems.append(f"{os.path.basename(p)}: item ids on its pages: {found[:8]}")
        for b in books:
            for sheet, text in sheet_texts(b, DATA_SHEETS).items():
                found = ids_in(text, ids)
                if found:
                    problems.append(f"{os.path.basename(b)}[{sheet}]: item ids: {found[:8]}")

        # 2. what each edition leaves out
        with open(f"{EX}/cities/cedar-falls-team.csv", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
        names = [r["respondent"].split(",")[0] for r in rows]
        evidence = [v.split("\n")[0][:40] for r in rows for k, v in r.items()
                    if k.endswith(".evidence") and v.strip()]
        if len(names) < 2 or not evidence:
            problems.append("the example city has too few respondents or no evidence to check")
        ed = {}
        for name, flag in (("team", []), ("public", ["--public"]),
                           ("no-notes", ["--public=no-notes"])):
            texts = []
            for ext in ("pdf", "xlsx"):
                out = f"{tmp}/cf-{name}.{ext}"
                run(["report", f"{EX}/cities/cedar-falls-team.csv", "-o", out] + flag)
                texts.append(pdf_text(out) if ext == "pdf" else
                             "\n".join(sheet_texts(out).values()))
            ed[name] = texts
        squeeze = lambda s: re.sub(r"\s+", " ", s)
        for fmt, k in (("PDF", 0), ("XLSX", 1)):
            team, pub, nn = (squeeze(ed[e][k]) for e in ("team", "public", "no-notes"))
            for n in names:
                if n not in team:
                    problems.append(f"team edition {fmt}: no \"{n}\"")
                if n in pub or n in nn:
                    problems.append(f"public edition {fmt}: \"{n}\" is in it")
            kept = [e for e in evidence if squeeze(e) in team]
            if not kept:
                problems.append(f"team edition {fmt}: none of the evidence")
            for e in kept:
                if squeeze(e) not in pub:
                    problems.append(f"public edition {fmt}: evidence \"{e}\" left out")
                if squeeze(e) in nn:
                    problems.append(f"--public=no-notes {fmt}: evidence \"{e}\" is in it")
        first = lambda p: subprocess.run(["pdftotext", "-f", "1", "-l", "1", p, "-"],
                                         capture_output=True, text=True).stdout
        for e, want in (("team", "Team edition"), ("public", "Public edition"),
                        ("no-notes", "Public edition")):
            if want not in first(f"{tmp}/cf-{e}.pdf"):
                problems.append(f"{e}: the cover does not say \"{want}\"")

        # 3. how to ask for another format
        line = "To ask for this report in another format"
        for p in pdfs:
            if "form-" in p:
                continue
            text = squeeze(first(p))
            if os.path.basename(p) == "riverton.pdf":
                if "For large print or Braille, write to access@northwind.example." not in text:
                    problems.append("riverton.pdf: the brand's alternate_formats is not on the cover")
                if line in text:
                    problems.append("riverton.pdf: the default line beside the brand's")
            elif line not in text:
                problems.append(f"{os.path.basename(p)}: no line on other formats on the cover")
        summary = sheet_texts(f"{tmp}/riverton.xlsx")["Summary"]
        if "access@northwind.example" not in summary:
            problems.append("riverton.xlsx: no line on other formats on the Summary sheet")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
