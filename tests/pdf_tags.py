#!/usr/bin/python3
"""What a tagged PDF holds, one fact a line, for tests/test_pdf_tags.c.

Usage: pdf_tags.py FILE.pdf

Reads the file with qpdf (--json, streams decoded) and pdftotext, and prints:
  header %PDF-x.y          the file's first line
  lang L / marked B / displaydoctitle B / xmp-title T
  untagged N               text-showing operators outside any marked content
  unreferenced N           MCIDs in a page stream that its parent tree does not
                           map to a structure element
  missing W                a word pdftotext finds in no structure element's
                           or artifact's text on its page
  artifact T               artifact text other than "Page N of M", "… (continued)"
                           and text also tagged (a repeated table header), once each
  text-colour #RRGGBB      each fill colour text is drawn in
  elem S                   the number of structure elements of each type
  th-scope N               TH elements with a /Scope
  figure-alt T             each Figure's /Alt
"""
import base64
import json
import re
import subprocess
import sys

path = sys.argv[1]
with open(path, "rb") as f:
    print("header", f.readline().decode("latin-1").strip())

doc = json.loads(subprocess.run(
    ["qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path],
    check=True, capture_output=True).stdout)
objs = doc["qpdf"][1]


def obj(ref):
    v = objs.get("obj:" + ref) if isinstance(ref, str) and ref.endswith(" R") else ref
    return v.get("value", v) if isinstance(v, dict) and "value" in v else v


def text_of(s):
    """A JSON-encoded PDF string: u:… is text, b:… hex bytes."""
    if isinstance(s, str) and s.startswith("u:"):
        return s[2:]
    return s


trailer = objs["trailer"]["value"]
cat = obj(trailer["/Root"])
print("lang", text_of(cat.get("/Lang")))
print("marked", str(obj(cat.get("/MarkInfo", {})).get("/Marked")).lower())
print("displaydoctitle",
      str(obj(cat.get("/ViewerPreferences", {})).get("/DisplayDocTitle")).lower())
meta = objs.get("obj:" + cat["/Metadata"]) if "/Metadata" in cat else None
if meta:
    xmp = base64.b64decode(meta["stream"]["data"]).decode("utf-8")
    m = re.search(r"<dc:title>.*?<rdf:li[^>]*>(.*?)</rdf:li>", xmp, re.S)
    title = m.group(1) if m else ""
    title = title.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    print("xmp-title", title)

# ## Page streams: which text lies in which marked content

TOKEN = re.compile(rb"""\s*(?:(?P<hex><[0-9A-Fa-f\s]*>)|(?P<lit>\((?:\\.|[^\\)])*\))|
                   (?P<dict><<|>>)|(?P<arr>[\[\]])|(?P<name>/[^\s/\[\]()<>{}%]*)|
                   (?P<num>[-+]?(?:\d+\.?\d*|\.\d+))|(?P<op>[A-Za-z'"*]+\d?))""", re.X)


ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def decode_lit(b):
    """A literal string's bytes (escapes undone) as the two-byte codes of
    the report's Type0 fonts."""
    out, i = bytearray(), 0
    while i < len(b):
        c = b[i]
        i += 1
        if c != 0x5C or i == len(b):
            out.append(c)
            continue
        c = b[i]
        i += 1
        if c in ESCAPES:
            out.append(ESCAPES[c])
        elif 0x30 <= c <= 0x37:
            v, k = c - 0x30, 1
            while k < 3 and i < len(b) and 0x30 <= b[i] <= 0x37:
                v, i, k = v * 8 + b[i] - 0x30, i + 1, k + 1
            out.append(v & 0xFF)
        elif c not in (10, 13):  # a backslash before a line end continues the string
            out.append(c)
    return bytes(out).decode("utf-16-be", "replace")


def decode_hex(h):
    raw = bytes.fromhex(re.sub(rb"\s", b"", h[1:-1]).decode())
    return raw.decode("utf-16-be", "replace")


def scan(data):
    """Yields (kind, mcid, text, fill) for every text-showing operator,
    fill being the fill colour in force as #RRGGBB."""
    stack, operands, i = [], [], 0
    fill, saved = "#000000", []
    while i < len(data):
        m = TOKEN.match(data, i)
        if not m or m.end() == i:
            i += 1
            continue
        i = m.end()
        if m.group("op"):
            op = m.group("op").decode()
            if op in ("BDC", "BMC"):
                tag = next((o for o in operands if isinstance(o, bytes) and o.startswith(b"/")),
                           b"/")
                mcid = None
                for k, o in enumerate(operands):
                    if o == b"/MCID" and k + 1 < len(operands):
                        mcid = int(operands[k + 1])
                stack.append(("artifact" if tag == b"/Artifact" else "elem", mcid))
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "rg" and len(operands) >= 3:
                fill = "#" + "".join("%02X" % round(float(v) * 255) for v in operands[-3:])
            elif op == "g" and operands:
                fill = "#" + ("%02X" % round(float(operands[-1]) * 255)) * 3
            elif op == "q":
                saved.append(fill)
            elif op == "Q" and saved:
                fill = saved.pop()
            elif op in ("Tj", "TJ", "'", '"'):
                text = "".join(o for o in operands if isinstance(o, str))
                kind, mcid = stack[-1] if stack else ("none", None)
                if stack and kind == "elem":
                    mcid = next((c for k, c in reversed(stack) if c is not None), None)
                if any(k == "artifact" for k, _ in stack):
                    kind = "artifact"
                yield kind, mcid, text, fill
            operands = []
        elif m.group("hex"):
            operands.append(decode_hex(m.group("hex")))
        elif m.group("lit"):
            operands.append(decode_lit(m.group("lit")[1:-1]))
        elif m.group("name"):
            operands.append(m.group("name"))
        elif m.group("num"):
            operands.append(m.group("num").decode())


def stream_data(ref):
    s = objs["obj:" + ref]["stream"]
    return base64.b64decode(s["data"])


# the parent tree: page key → MCIDs with an element
tree = obj(obj(cat["/StructTreeRoot"])["/ParentTree"])
nums = obj(tree["/Nums"])
mapped = {}  # page key → {MCID: its element}
for k in range(0, len(nums), 2):
    v = obj(nums[k + 1])
    if isinstance(v, list):
        mapped[int(nums[k])] = {n: e for n, e in enumerate(v) if e is not None}

untagged = unreferenced = 0
fills = set()
page_text = []
artifacts = []
elem_text = set()
for page in doc["pages"]:
    pd = obj(page["object"])
    contents = pd.get("/Contents")
    refs = contents if isinstance(contents, list) else [contents]
    data = b"\n".join(stream_data(r) for r in refs)
    key = pd.get("/StructParents")
    tagged = {}  # the page's text by element (or "artifact"), in order of appearance
    in_order = []  # and as drawn (a link inside a paragraph: "Ortiz" then ".")
    for kind, mcid, text, fill in scan(data):
        fills.add(fill)
        if kind == "none":
            untagged += 1
        elif kind == "elem" and (key is None or mcid not in mapped.get(key, set())):
            unreferenced += 1
        else:
            group = "artifact" if kind == "artifact" else mapped[key][mcid]
            tagged.setdefault(group, []).append(text)
            in_order.append(text)
            if kind == "artifact":
                artifacts.append(text)
            else:
                elem_text.add(text.strip())
    # an element's text joined across its marked content (a heading
    # broken by a badge drawn beside it)
    page_text.append(re.sub(r"\s+", "", "".join("".join(t) for t in tagged.values())) + "\n" +
                     re.sub(r"\s+", "", "".join(in_order)))
for f in sorted(fills):
    print("text-colour", f)
print("untagged", untagged)
print("unreferenced", unreferenced)

# every word pdftotext finds, page by page, in the text of the page's
# structure elements or artifacts
out = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], check=True,
                     capture_output=True).stdout.decode("utf-8")
for n, text in enumerate(out.split("\f")):
    for word in text.split():
        # pdftotext joins a word hyphenated at a line end ("BIPOC-" "owned"),
        # dropping the hyphen, once or (a long address broken at several
        # hyphens) more often: compare without hyphens too
        joins = [word] + [word[:i] + "-" + word[i:] for i in range(1, len(word))]
        if n >= len(page_text) or not (any(w in page_text[n] for w in joins) or
                                       word.replace("-", "") in page_text[n].replace("-", "")):
            print("missing", word)

seen = set()
for a in artifacts:
    a = a.strip()
    if (re.fullmatch(r"Page \d+ of \d+", a) or a.endswith("(continued)") or a in seen
            or a in elem_text):  # a table header repeated on a later page
        continue
    seen.add(a)
    print("artifact", a)

# ## The structure tree
counts, scopes = {}, 0
for v in objs.values():
    d = v.get("value") if isinstance(v, dict) else None
    if not isinstance(d, dict) or d.get("/Type") != "/StructElem":
        continue
    s = d.get("/S", "")[1:]
    counts[s] = counts.get(s, 0) + 1
    if s == "TH" and "/Scope" in obj(d.get("/A", {})):
        scopes += 1
    if s == "Figure":
        print("figure-alt", text_of(d.get("/Alt", "")))
for s in sorted(counts):
    print("elem", s, counts[s])
print("th-scope", scopes)
