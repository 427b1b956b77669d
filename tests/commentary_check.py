#!/usr/bin/python3
"""assess report --commentary, end to end: the example commentary read back
from the PDF (pdftotext, qpdf --json) and the workbook (openpyxl) at the
places it names; broken files refused with file and line, exit 1, no output.

Usage: commentary_check.py ASSESS SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import subprocess
import sys

import openpyxl

assess, src, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
Q = ["-q", os.path.join(src, "questionnaires/gare-local")]
CITY = os.path.join(src, "examples/cities/cedar-falls-team.csv")
EXAMPLE = os.path.join(src, "examples/commentary/cedar-falls.md")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def report(out, commentary, *extra):
    path = os.path.join(work, out)
    if os.path.exists(path):
        os.remove(path)
    p = subprocess.run([assess, "report", *Q, CITY, "-o", path, "--commentary", commentary,
                        "--quiet", *extra], capture_output=True, text=True)
    return p, path


def write(name, text):
    path = os.path.join(work, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def pages(pdf):
    n = int([l for l in subprocess.run(["pdfinfo", pdf], capture_output=True, text=True)
             .stdout.splitlines() if l.startswith("Pages:")][0].split()[1])
    return [" ".join(subprocess.run(["pdftotext", "-f", str(k), "-l", str(k), pdf, "-"],
                                    capture_output=True, text=True).stdout.split())
            for k in range(1, n + 1)]


def find_page(pg, text):
    return next((k for k, t in enumerate(pg) if text in t), -1)


# ## The example, in the PDF
p, pdf = report("cedar-falls.pdf", EXAMPLE)
check(p.returncode == 0, f"the example renders (exit {p.returncode}: {p.stderr})")
check(p.stderr == "", f"the example passes without a warning ({p.stderr})")
pg = pages(pdf)
whole = " ".join(pg)
summary = find_page(pg, "Cedar Falls is among the most advanced cities")
glance = find_page(pg, "Cedar Falls scores 81.0 out of 100")
# the contents may run over two pages (a long report's last entries)
check(summary == 1 or (summary in (2, 3) and "Contents" in pg[1]),
      f"the executive summary follows the cover (and the contents) (page {summary + 1})")
check("Executive summary" in pg[summary], "the summary's page has its heading")
check("Executive summary" in pg[1], "the contents list the executive summary")
check(0 < summary < glance and whole.index("questions go to Dana Ortiz.")
      < whole.index("Cedar Falls scores 81.0"), "the whole summary before At a glance")
check("1. Apply the budget equity tool to existing spending" in whole,
      "a numbered item with its number and strong text")
# each dimension's words at the start of its section: after its heading and
# before its lead description and item cards, after the previous dimension's
for dim, said, lead in [
        ("Normalize", "Training reaches nearly all staff", "Leaders and staff share a vision"),
        ("Organize", "The structures are in place and funded", "The city has built what the work"),
        ("Operationalize", "The budget tool works on new requests",
         "Racial equity changes everyday decisions")]:
    k = find_page(pg, said)
    check(k > 0 and "Consultant's commentary" in pg[k] and dim in pg[k],
          f"{dim}'s commentary under its heading on page {k + 1}")
    text = pg[k] if k >= 0 else ""
    check(said in text and lead in text and text.index(said) < text.index(lead),
          f"{dim}'s commentary opens its section, before its description")
check(whole.index("Training reaches") < whole.index("The structures are in place")
      < whole.index("The budget tool works"), "the dimensions' words in order")
check("What we heard" in whole and "– the City Manager responds in writing," in whole,
      "a minor heading and a nested list item")

fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
check("DejaVuSans-Oblique" in fonts, "emphasis drawn in the oblique face")
qj = subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout
uris = []


def walk(v):
    if isinstance(v, dict):
        if v.get("/Subtype") == "/Link" and isinstance(v.get("/A"), dict):
            uris.append(v["/A"].get("/URI", ""))
        for x in v.values():
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)


walk(json.loads(qj))
uris = [u[2:] if u.startswith("u:") else u for u in uris]
check("https://www.racialequityalliance.org/tools-resources/" in uris,
      f"the web link is a link annotation ({uris})")
check("mailto:dana@example.org" in uris, "the mail link is a link annotation")
# tagged: every word in a structure element, each link a /Link element
facts = subprocess.run(["/usr/bin/python3", os.path.join(src, "tests/pdf_tags.py"), pdf],
                       capture_output=True, text=True).stdout.splitlines()
check("untagged 0" in facts and "unreferenced 0" in facts,
      f"the commentary's text is tagged ({[f for f in facts if f.startswith('un')]})")
check(not [f for f in facts if f.startswith("missing ")],
      f"every word in a structure element ({[f for f in facts if f.startswith('missing')]})")
struct = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
# a line break inside a paragraph of runs reads as a space, not as glued words
check("The Racial Equity Ordinance requires a yearly report" in struct,
      "the structure text keeps the space at a line break")
check(re.search(r'Link \(inline\)\s+"GARE resource guide"', struct) is not None,
      "the link text in a /Link element")
check(re.search(r'LBody \(block\)\s+"Apply the budget equity tool', struct) is not None,
      "a numbered item's text in its LBody")

# ## The example, in the workbook
p, xlsx = report("cedar-falls.xlsx", EXAMPLE)
check(p.returncode == 0, f"the workbook renders ({p.stderr})")
wb = openpyxl.load_workbook(xlsx)
check("Commentary" in wb.sheetnames, f"a Commentary sheet ({wb.sheetnames})")
ws = wb["Commentary"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
header = next(k for k, r in enumerate(rows) if r[:3] == ["Section", "Kind", "Text"])
body = [r for r in rows[header + 1:] if r[0]]
check(body[0][0] == "Executive summary" and body[0][2].startswith("Cedar Falls is among"),
      "the sheet starts with the summary")
check(["Normalize", "paragraph"] == body[[r[0] for r in body].index("Normalize")][:2],
      "a dimension's rows carry its label")
check(any(r[:2] == ["Organize", "list item"] and r[2] == "    – the City Manager responds in writing,"
          for r in body), "a nested item, readable")
check(any(r[2].startswith("2. Analyze service data by race") for r in body), "numbered items")
links = [c.hyperlink.target for r in ws.iter_rows() for c in r if c.hyperlink]
check("https://www.racialequityalliance.org/tools-resources/" in links,
      f"the cell with the link is a hyperlink ({links})")
linked = next(r for r in body if "GARE resource guide" in r[2])
check("GARE resource guide (https://www.racialequityalliance.org/tools-resources/)"
      in linked[2], "the address kept readable beside its text")

# ## The example, as a web page
p, page = report("cedar-falls.html", EXAMPLE)
check(p.returncode == 0, f"the web page renders ({p.stderr})")
html = open(page, encoding="utf-8").read() if os.path.exists(page) else ""
check("<strong>Racial Equity Ordinance</strong>" in html and "<em>Leading</em>" in html,
      "strong and emphasis as <strong> and <em>")
check('<a href="https://www.racialequityalliance.org/tools-resources/">GARE resource guide</a>'
      in html, "the link as <a href>")
check('<ol class="bullets" start="1"><li>Apply the budget equity tool to <strong>existing'
      in html, "a numbered list as <ol>")
check("<li>Write down who decides what:<ul class=\"bullets\"><li>the Commission advises" in html,
      "a nested list inside its item")
check(html.index("Cedar Falls is among") < html.index("Cedar Falls scores 81.0"),
      "the summary before the report's own sections")

# ## What passes and what does not
md = write("html.md", "# Executive summary\n\nSafe <b>words</b> and "
           "[a script](javascript:alert(1)) and [a page](https://example.org/a).\n\n"
           "<div>a raw block</div>\n\n# organize\n\nFine, on\nthree lines, <span>and</span>\nmore.\n\n"
           "0. zero first\n1. then one\n")
p, pdf = report("html.pdf", md)
check(p.returncode == 0, f"raw HTML and a bad link are warnings ({p.stderr})")
check(f"{md}:3: warning: raw HTML (<b>) is left out" in p.stderr, "inline HTML warned at file:line")
check(f"{md}:5: warning: raw HTML is left out" in p.stderr, "block HTML warned at file:line")
check(f"{md}:10: warning: raw HTML (<span>) is left out" in p.stderr,
      "inline HTML on the third line of a paragraph warned at its line")
check(f'{md}:3: warning: the link to "javascript:alert(1)" is left out' in p.stderr,
      "the javascript: link refused with a warning")
text = " ".join(pages(pdf))
check("Safe words and a script and a page." in text, "the texts kept, the HTML left out")
check("<b>" not in text and "a raw block" not in text, "no raw HTML in the PDF")
check("0. zero first 1. then one" in text, "a numbered list may start at 0")
qj = subprocess.run(["qpdf", "--json", pdf], capture_output=True, text=True).stdout
check("javascript" not in qj and "https://example.org/a" in qj,
      "no javascript: annotation; the https one kept")

for name, text, want in [
        ("image.md", "# Executive summary\n\nA chart:\n![the radar](radar.png)\n",
         ":4: error: an image (\"radar.png\") cannot go into commentary"),
        ("heading-image.md", "# Executive summary\n\nOk.\n\n# Organize ![logo](l.png)\n",
         ":5: error: an image (\"l.png\") cannot go into commentary"),
        ("unknown.md", "# Executive summary\n\nOk.\n\n# Organise\n\nText.\n",
         ':5: error: no section "Organise"'),
        ("before.md", "Hello.\n\n# Organize\n", ":1: error: text before the first section"),
        ("twice.md", "# Organize\n\nA.\n\n# ORGANIZE\n\nB.\n",
         ':5: error: a second "ORGANIZE" section (the first is at line 1)'),
        ("big.md", "# Executive summary\n\n" + "Words and more words. " * 3000,
         ": error: the file is over 65536 bytes (64 KiB)")]:
    md = write(name, text)
    for out in ("refused.pdf", "refused.xlsx"):
        p, path = report(out, md)
        check(p.returncode == 1, f"{name}: exit 1 ({p.returncode})")
        check(not os.path.exists(path), f"{name}: no {out} written")
        check(md + want in p.stderr, f"{name}: the message ({p.stderr.strip()})")
p, _ = report("refused.pdf", os.path.join(work, "unknown.md"))
for dim in ("normalize (Normalize)", "organize (Organize)", "operationalize (Operationalize)"):
    check(dim in p.stderr, f"the unknown section's message lists {dim}")

# ## Nested lists keep their nesting: indented, an L inside its item's LI
md = write("nested.md", "# Executive summary\n\n- Onefold\n  - Twofold\n    - Threefold\n- Fourfold\n\n"
           "1. Fivefold\n   - Sixfold\n")
p, pdf = report("nested.pdf", md)
check(p.returncode == 0, f"nested lists render ({p.stderr})")
st = subprocess.run(["pdfinfo", "-struct-text", pdf], capture_output=True, text=True).stdout
item = r'\s+LI \(block\)\s+Lbl \(block\)\s+"(?:•|–)"\s+LBody \(block\)\s+"%s"'
check(re.search(r'L \(block\)' + item % "Onefold" + r'\s+L \(block\)' + item % "Twofold"
                + r'\s+L \(block\)' + item % "Threefold" + item % "Fourfold", st),
      "the PDF's structure: Threefold in a list in Twofold's item, in a list in Onefold's")
boxes = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, text=True).stdout
xs = {}
for x, w in re.findall(r'<word xMin="([0-9.]+)"[^>]*>(Onefold|Twofold|Threefold|Fourfold)<', boxes):
    xs.setdefault(w, float(x))
check(len(xs) == 4 and xs["Onefold"] == xs["Fourfold"] < xs["Twofold"] < xs["Threefold"],
      f"each level indented further ({xs})")
p, page = report("nested.html", md)
html = open(page, encoding="utf-8").read() if os.path.exists(page) else ""
check('<ul class="bullets"><li>Onefold<ul class="bullets"><li>Twofold<ul class="bullets">'
      '<li>Threefold</li></ul></li></ul></li><li>Fourfold</li></ul>' in html,
      "the web page nests three levels")
check('<ol class="bullets" start="1"><li>Fivefold<ul class="bullets"><li>Sixfold</li></ul></li></ol>'
      in html, "a bulleted list inside a numbered item")
p, xlsx = report("nested.xlsx", md)
texts = [c.value for r in openpyxl.load_workbook(xlsx)["Commentary"].iter_rows() for c in r]
check("        – Threefold" in texts and "    – Twofold" in texts and "• Fourfold" in texts,
      "the workbook indents each level")

if failures:
    print(f"{len(failures)} checks failed")
    sys.exit(1)
print("commentary: all checks passed")
