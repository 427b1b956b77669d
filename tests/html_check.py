#!/usr/bin/python3
"""Checks HTML reports written by `assess report/benchmark -o FILE.html`.

  html_check.py structure FILE.html...
      reads each page back with html.parser: lang, one h1, headings in
      order without a skipped level, landmarks and a skip link, every table
      with a caption and every header cell with a scope, every table in a
      labelled focusable region, every svg with role=img, a title and a
      desc, ids unique, no script, no event handler attribute, no URL in
      src or href but data: images, in-page anchors, http(s) and mailto.
  html_check.py text FILE.html NEEDLE...
      each NEEDLE appears in the page's visible text (so markup in it was
      escaped, not parsed).
  html_check.py axe AXE_JS FILE.html...
      runs axe-core in headless Chromium (WCAG 2.1 A and AA rules) on each
      page at 1280 and 320 CSS px; prints violations and "incomplete"
      results; fails on any violation, on a page that scrolls sideways at
      320 px, or on any alert() a page tries.  With SHOTS=DIR in the
      environment, saves a screenshot of each page at each width there.
  html_check.py odt FILE.html PROFILE_DIR OUT_DIR
      converts the page with LibreOffice Writer (its own profile) and reads
      content.xml: heading outline levels as in the HTML, every table, and
      one image per chart (and the logo).
Exit status 0 when every check passes, 1 otherwise (messages on stderr).
"""
import html.parser
import os
import re
import subprocess
import sys
import zipfile

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.tags = []  # (tag, attrs dict)
        self.headings = []  # (level, text)
        self.text = []
        self.in_heading = None
        self.heading_text = []
        self.tables = []  # dicts: caption, th (list of scopes), region
        self.svgs = []  # dicts: role, title, desc, labelledby
        self.ids = []
        self.lang = None
        self.skip_depth = 0  # inside <title>, <style>, <desc> of svg etc.

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if "id" in a:
            self.ids.append(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        if re.fullmatch(r"h[1-6]", tag):
            self.in_heading = int(tag[1])
            self.heading_text = []
        if tag == "table":
            parent = self.stack[-1] if self.stack else ("", {})
            self.tables.append({"caption": None, "scopes": [], "region": parent, "in_caption": False})
        if tag == "caption" and self.tables:
            self.tables[-1]["in_caption"] = True
            self.tables[-1]["caption"] = ""
        if tag == "th" and self.tables:
            self.tables[-1]["scopes"].append(a.get("scope"))
        if tag == "svg":
            self.svgs.append({"attrs": a, "title": None, "desc": None})
        if tag in ("title", "desc") and self.svgs and any(t == "svg" for t, _ in self.stack):
            self.svgs[-1][tag] = ""
        if tag not in ("meta", "br", "img", "link", "input", "hr", "source", "col", "path",
                       "rect"):
            self.stack.append((tag, a))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.in_heading and tag == "h%d" % self.in_heading:
            self.headings.append((self.in_heading, "".join(self.heading_text).strip()))
            self.in_heading = None
        if tag == "caption" and self.tables:
            self.tables[-1]["in_caption"] = False
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        names = [t for t, _ in self.stack]
        if self.in_heading:
            self.heading_text.append(data)
        if self.tables and self.tables[-1]["in_caption"]:
            self.tables[-1]["caption"] += data
        if "svg" in names and self.svgs:
            for t in ("title", "desc"):
                if names[-1] == t:
                    self.svgs[-1][t] += data
        if "style" not in names and "head" not in names and "svg" not in names:
            self.text.append(data)


def parse(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def check_structure(path):
    p = parse(path)
    n = os.path.basename(path)
    if not p.lang:
        fail("%s: <html> has no lang" % n)
    levels = [lv for lv, _ in p.headings]
    if levels.count(1) != 1 or not levels or levels[0] != 1:
        fail("%s: %d h1 headings (want one, first)" % (n, levels.count(1)))
    for prev, cur in zip(levels, levels[1:]):
        if cur > prev + 1:
            fail("%s: heading h%d follows h%d (a level skipped)" % (n, cur, prev))
            break
    for _, text in p.headings:
        if not text:
            fail("%s: an empty heading" % n)
    tags = [t for t, _ in p.tags]
    for landmark in ("header", "nav", "main", "footer"):
        if landmark not in tags and not (landmark == "nav" and levels.count(2) < 2):
            fail("%s: no <%s>" % (n, landmark))
    first_a = next((a for t, a in p.tags if t == "a"), {})
    main_id = next((a.get("id") for t, a in p.tags if t == "main"), None)
    if not main_id or first_a.get("href") != "#" + main_id:
        fail("%s: the first link is not a skip link to <main>" % n)
    if not p.tables:
        fail("%s: no table" % n)
    for k, t in enumerate(p.tables):
        if not (t["caption"] or "").strip():
            fail("%s: table %d has no caption" % (n, k + 1))
        if not t["scopes"] or any(s not in ("col", "row", "colgroup", "rowgroup") for s in t["scopes"]):
            fail("%s: table %d: a th without scope (%s)" % (n, k + 1, t["scopes"][:5]))
        rt, ra = t["region"]
        if not (rt == "div" and ra.get("role") == "region" and ra.get("tabindex") == "0"
                and ra.get("aria-label", "").strip()):
            fail("%s: table %d is not inside a labelled focusable region" % (n, k + 1))
    # the cover's terms: a value never repeats its label ("Cycle — Cycle 2026")
    raw = open(path, encoding="utf-8").read()
    meta = re.search(r'<div class="meta">(.*?)</dl>', raw, re.S)
    for dt, dd in re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", meta.group(1) if meta else ""):
        words = html.unescape(dt).strip().lower().split(" ")
        if html.unescape(dd).strip().lower().split(" ")[:len(words)] == words:
            fail("%s: the cover's %r repeats its label: %r" % (n, dt, dd[:60]))
    if not meta:
        fail("%s: no cover terms (div.meta)" % n)
    for k, s in enumerate(p.svgs):
        if s["attrs"].get("role") != "img" or not (s["title"] or "").strip() \
                or not (s["desc"] or "").strip():
            fail("%s: svg %d lacks role=img, a title or a desc" % (n, k + 1))
    seen = set()
    for i in p.ids:
        if i in seen:
            fail("%s: id %r used twice" % (n, i))
        seen.add(i)
    if sum(1 for t, _ in p.tags if t == "script") or "<script" in open(path, encoding="utf-8").read():
        fail("%s: a script element" % n)
    for t, a in p.tags:
        if t in ("script", "iframe", "object", "embed", "base", "link", "form"):
            fail("%s: a <%s> element" % (n, t))
        for k, v in a.items():
            if k.startswith("on"):
                fail("%s: an event handler attribute %s on <%s>" % (n, k, t))
            if k in ("src", "href", "xlink:href", "srcset", "action", "poster"):
                v = v or ""
                ok = (k != "href" and re.match(r"data:image/(png|svg\+xml);base64,", v)) or \
                     (k == "href" and (v.startswith("#") or re.match(r"(?i)(https?://|mailto:)", v)))
                if not ok:
                    fail("%s: <%s %s=%r> is not allowed" % (n, t, k, v[:60]))
                if k == "href" and v.startswith("#") and v[1:] not in p.ids:
                    fail("%s: link to missing id %s" % (n, v))
    return p


def visible_text(path):
    return re.sub(r"\s+", " ", "".join(parse(path).text))


def run_axe(axe_js, pages):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1000"):
        opts.add_argument(a)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
    driver.set_script_timeout(300)
    # every dialog a page opens is counted: a hostile text that ran would call one
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source":
        "window.__assess_alerts = 0; for (const f of ['alert', 'confirm', 'prompt']) "
        "window[f] = () => { window.__assess_alerts++; };"})
    shots = os.environ.get("SHOTS")
    with open(axe_js, encoding="utf-8") as f:
        axe_src = f.read()
    try:
        for page in pages:
            for width in (1280, 320):
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 900, "deviceScaleFactor": 1,
                                        "mobile": width < 600})
                driver.get("file://" + os.path.abspath(page))
                where = "%s at %d px" % (os.path.basename(page), width)
                # a script that ran would have replaced alert(); a page with none keeps it
                alerts = driver.execute_script("return window.__assess_alerts;")
                if alerts:
                    fail("%s: a script ran" % where)
                over = driver.execute_script(
                    "return document.documentElement.scrollWidth - "
                    "document.documentElement.clientWidth;")
                if over > 0:
                    fail("%s: the page scrolls sideways by %d px" % (where, over))
                if shots:
                    # the first screens of the page, one file each
                    os.makedirs(shots, exist_ok=True)
                    stem = os.path.splitext(os.path.basename(page))[0]
                    for k in range(int(os.environ.get("SHOTS_N", "4"))):
                        driver.execute_script("window.scrollTo(0, %d);" % (k * 850))
                        driver.save_screenshot(os.path.join(shots, "%s-%d-%d.png" % (stem, width, k)))
                    driver.execute_script("window.scrollTo(0, 0);")
                driver.execute_script(axe_src)
                res = driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    "axe.run(document, {runOnly: {type: 'tag', values: "
                    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations', 'incomplete']})"
                    ".then(r => done({v: r.violations.map(x => ({id: x.id, help: x.help, "
                    "nodes: x.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + "
                    "(n.failureSummary || '').slice(0, 200))})), "
                    "i: r.incomplete.map(x => x.id + ' (' + x.nodes.length + ')'), "
                    "p: r.passes.length}))"
                    ".catch(e => done({error: String(e)}));")
                if "error" in res:
                    fail("%s: axe failed: %s" % (where, res["error"]))
                    continue
                for v in res["v"]:
                    fail("%s: axe %s: %s %s" % (where, v["id"], v["help"], v["nodes"]))
                print("%s: %d violations, %d rules passed, incomplete: %s" % (
                    where, len(res["v"]), res["p"], ", ".join(res["i"]) or "none"))
    finally:
        driver.quit()


def outline_levels(styles_xml, content_xml):
    """The outline level of each heading paragraph, in document order."""
    parents = dict(re.findall(
        r'<style:style style:name="([^"]+)"[^>]*?style:parent-style-name="([^"]+)"', content_xml))
    defaults = dict(re.findall(
        r'<style:style style:name="([^"]+)"[^>]*?style:default-outline-level="(\d+)"',
        styles_xml + content_xml))
    out = []
    for m in re.finditer(r'<text:(h|p) ([^>]*)>', content_xml):
        attrs = m.group(2)
        lv = re.search(r'text:outline-level="(\d+)"', attrs)
        style = re.search(r'text:style-name="([^"]+)"', attrs)
        if m.group(1) == "h" and lv:
            out.append(int(lv.group(1)))
            continue
        s = style.group(1) if style else None
        for _ in range(5):
            if s is None or s in defaults:
                break
            s = parents.get(s)
        if s in defaults:
            out.append(int(defaults[s]))
    return out


def check_odt(page, profile, outdir):
    os.makedirs(outdir, exist_ok=True)
    r = subprocess.run(["soffice", "-env:UserInstallation=file://" + os.path.abspath(profile),
                        "--headless", "--writer", "--convert-to", "odt:writer8", "--outdir", outdir,
                        page], capture_output=True, text=True, timeout=600)
    odt = os.path.join(outdir, os.path.splitext(os.path.basename(page))[0] + ".odt")
    if r.returncode != 0 or not os.path.exists(odt):
        fail("%s: LibreOffice did not convert it: %s %s" % (page, r.stdout, r.stderr))
        return
    z = zipfile.ZipFile(odt)
    content = z.read("content.xml").decode("utf-8")
    styles = z.read("styles.xml").decode("utf-8")
    p = parse(page)
    charts = len(p.svgs)
    want = [lv for lv, _ in p.headings]
    got = outline_levels(styles, content)
    if got != want:
        fail("%s: outline levels in Writer %s, in the page %s" % (page, got[:30], want[:30]))
    ntables = len(re.findall(r"<table:table ", content))
    if ntables != len(p.tables):
        fail("%s: %d tables in Writer, %d in the page" % (page, ntables, len(p.tables)))
    # one frame per image; Writer stores an SVG image with its own PNG rendering beside it
    images = [m.group(1) for m in re.finditer(
        r'<draw:frame [^>]*><draw:image [^>]*xlink:href="(Pictures/[^"]+)"', content)]
    logo = 1 if any(t == "img" and "hidden" not in a for t, a in p.tags) else 0
    if len(images) != charts + logo:
        fail("%s: %d images in Writer, want %d charts%s" % (page, len(images), charts,
                                                            " and the logo" if logo else ""))
    for img in images:
        data = z.read(img) if img in z.namelist() else b""
        if not (data.startswith(b"\x89PNG") or data.startswith(b"<svg")):
            fail("%s: image %s is not in the document" % (page, img))
    print("%s: Writer keeps %d headings (levels %s...), %d tables, %d images" % (
        os.path.basename(page), len(got), got[:8], ntables, len(images)))


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    mode = argv[1]
    if mode == "structure":
        for path in argv[2:]:
            p = check_structure(path)
            print("%s: %d headings, %d tables, %d charts" % (
                os.path.basename(path), len(p.headings), len(p.tables), len(p.svgs)))
    elif mode == "text":
        text = visible_text(argv[2])
        for needle in argv[3:]:
            if needle not in text:
                fail("%s: %r not in the visible text" % (argv[2], needle))
    elif mode == "axe":
        run_axe(argv[2], argv[3:])
    elif mode == "odt":
        check_odt(argv[2], argv[3], argv[4])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
