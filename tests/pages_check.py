#!/usr/bin/python3
"""pages_check.py SPEC PDF — a report as printed, page by page, against its
model (written by test_pages.c from the report_doc itself):

  H <TAB> level <TAB> heading text
  R <TAB> title <TAB> title …        (a table's header row on pages)
  C <TAB> title                       (the contents' title in the report's
                                       language; "Contents" without it)
  A <TAB> text                        (must not be in the PDF)
  P <TAB> text                        (must be in the PDF)

Checks, with pdftotext -layout: the last line of every page (above the
"Page N of M" footer) is neither a heading nor a table's header row; a
report of more than 9 pages has a table of contents on page 2 whose
entries are the level-1 and level-2 headings in order, each on the page it
gives; no number shows more than one decimal; the A and P texts.  Prints
one line per problem; exit 1 if any.
"""
import re
import subprocess
import sys


def squeeze(s):
    return re.sub(r"\s+", " ", s).strip()


def pages_of(pdf):
    out = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", pdf, "-"],
                         capture_output=True, text=True, check=True).stdout
    pages = out.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def body_lines(page):
    lines = [l for l in page.split("\n") if l.strip()]
    return [l for l in lines
            if not re.fullmatch(r"\s*(Page \d+ of \d+|Página \d+ de \d+)\s*", l)]


ENTRY = re.compile(r"^\s*(.*?\S)\s{2,}(\d+)\s*$")


def main(spec_path, pdf):
    heads, rows, absent, present = [], [], [], []
    contents = "Contents"
    with open(spec_path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if parts[0] == "H":
                heads.append((int(parts[1]), squeeze(parts[2])))
            elif parts[0] == "R":
                rows.append([squeeze(t) for t in parts[1:]])
            elif parts[0] == "C":
                contents = parts[1]
            elif parts[0] == "A":
                absent.append(parts[1])
            elif parts[0] == "P":
                present.append(parts[1])
    pages = pages_of(pdf)
    problems = []

    # 1. no page ends with a heading or a header row
    for n, page in enumerate(pages, 1):
        lines = body_lines(page)
        if n == 1 or not lines:
            continue
        last = squeeze(lines[-1])
        for _, h in heads:
            if last == h or (len(last) >= 12 and h.startswith(last)):
                problems.append(f"page {n} ends with the heading \"{h}\"")
        words = set(last.split())
        for titles in rows:
            title_words = set(" ".join(titles).split())
            if len(words) >= 2 and words <= title_words:
                problems.append(f"page {n} ends with a table's header row: \"{last}\"")

    # 2. the table of contents
    want = [h for level, h in heads if level <= 2]
    if len(pages) > 9:
        lines = body_lines(pages[1])[1:]  # below the running header
        if not lines or squeeze(lines[0]) != contents:
            problems.append("no table of contents on page 2")
        entries, pending, k = [], "", 1
        while k < len(pages) and not entries or (k < len(pages) and
                                                  squeeze(body_lines(pages[k])[1]) == contents):
            for line in body_lines(pages[k])[1:]:
                if squeeze(line) == contents:
                    continue
                m = ENTRY.match(line)
                if m:
                    entries.append((squeeze(pending + " " + m.group(1)), int(m.group(2))))
                    pending = ""
                else:
                    pending = squeeze(pending + " " + line)
            k += 1
        got = [t for t, _ in entries]
        if got != want:
            problems.append(f"contents {got} != headings {want}")
        for text, page in entries:
            if not 1 <= page <= len(pages):
                problems.append(f"contents: \"{text}\" on page {page} of {len(pages)}")
            elif text[:40] not in squeeze(pages[page - 1]):
                problems.append(f"contents: \"{text}\" is not on page {page}")
        if not entries:
            problems.append("the table of contents has no entries")
    elif any(squeeze(l) == contents for l in body_lines(pages[1])[:3] if len(pages) > 1):
        problems.append(f"a table of contents in a report of {len(pages)} pages")

    # 3. one decimal (addresses aside)
    text = "\n".join(pages)
    for line in text.split("\n"):
        if "http" in line or "www." in line or "@" in line:
            continue
        for m in re.finditer(r"(?<![\d.])\d+\.\d{2,}(?![\d.])", line):
            problems.append(f"a number with more than one decimal: {m.group(0)} in \"{squeeze(line)}\"")

    # 4. what the edition holds
    flat = squeeze(text)
    for a in absent:
        if squeeze(a) in flat:
            problems.append(f"\"{a}\" is in the PDF")
    for p in present:
        if squeeze(p) not in flat:
            problems.append(f"\"{p}\" is not in the PDF")

    for p in problems[:40]:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
