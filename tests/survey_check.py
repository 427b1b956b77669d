#!/usr/bin/python3
"""survey_check.py ASSESS SOURCE_DIR — the survey questions (choose all that
apply, never scored) end to end, every result read back:

- the assessment workbook filled by openpyxl (English and Spanish, Yes/No by
  the hidden ITEM/VALUE ids), and the same workbook saved again by LibreOffice,
  score to the chosen options;
- the CSV form filled with codes, labels and Spanish labels scores the same;
- bad values stop with a located message (file, line or cell, column, value,
  what to do) and exit status 1; bad packages fail `assess validate`;
- answers to survey questions change no score: every example scores byte for
  byte the same with the survey columns removed;
- the city report (PDF, workbook, web page) lists a city's answers;
- the statewide CSV, workbook and PDF of the example cohort carry the share of
  entities choosing each option, overall and by region, with suppression,
  recomputed here by hand from examples/cohort/state-2026.csv.
"""
import csv
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ASSESS, SRC = sys.argv[1], sys.argv[2]
GARE = os.path.join(SRC, "questionnaires", "gare-local")
COHORT = os.path.join(SRC, "examples", "cohort")
CITIES = os.path.join(SRC, "examples", "cities")
TMP = tempfile.mkdtemp(prefix="survey-check-")
BAD = []


def fail(msg):
    BAD.append(msg)
    print("FAIL: " + msg)


def run(*args, expect=0):
    p = subprocess.run([ASSESS, *args], capture_output=True, text=True)
    if expect is not None and p.returncode != expect:
        fail(f"assess {' '.join(args)}: status {p.returncode}, not {expect}: {p.stderr.strip()}")
    return p


def survey_of(path, *extra):
    """The survey answers `assess score` gives for the first entity."""
    p = run("score", path, "--format", "json", *extra)
    if p.returncode:
        return None
    return {s["id"]: s for s in json.loads(p.stdout)["entities"][0]["survey"]}


def same(what, got, want):
    if got != want:
        fail(f"{what}: got {got!r}, want {want!r}")


# ## The workbook, filled by openpyxl, then saved again by LibreOffice

def fill_workbook(src, dst, answers, scored):
    wb = openpyxl.load_workbook(src)
    cover = next(ws for ws in wb.worksheets if ws["D1"].value == "assess:cover")
    cover["B4"] = "Testville"
    cover["B5"] = "2026"
    for ws in wb.worksheets:
        a1 = ws["A1"].value or ""
        if not a1.startswith("assess:dimension:"):
            continue
        for row in range(4, ws.max_row + 1):
            rid = ws.cell(row=row, column=1).value
            if rid in answers:
                ws.cell(row=row, column=5).value = answers[rid]
            if rid in scored:
                ws.cell(row=row, column=5).value = scored[rid]
    wb.save(dst)


def libreoffice_copy(path):
    home = os.path.join(TMP, "lo-home")
    out = os.path.join(TMP, "lo")
    os.makedirs(home, exist_ok=True)
    os.makedirs(out, exist_ok=True)
    env = dict(os.environ, HOME=home)
    p = subprocess.run(["soffice", "-env:UserInstallation=file://" + home, "--headless",
                        "--convert-to", "xlsx", "--outdir", out, path],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        fail(f"soffice: {p.stdout}{p.stderr}")
        return None
    return os.path.join(out, os.path.basename(path))


def workbook_round_trip():
    for lang, yes, no in (("en", "Yes", "No"), ("es", "Sí", "No")):
        blank = os.path.join(TMP, f"form-{lang}.xlsx")
        run("template", "-o", blank, "--lang", lang)
        wb = openpyxl.load_workbook(blank)
        sheet = "Training needs" if lang == "en" else "Necesidades de capacitación"
        if sheet not in wb.sheetnames:
            fail(f"{lang} workbook: no sheet {sheet!r} in {wb.sheetnames}")
            continue
        ws = wb[sheet]
        ids = [ws.cell(row=r, column=1).value for r in range(4, ws.max_row + 1)]
        ids = [i for i in ids if i]
        same(f"{lang} workbook: option rows", len(ids), 8 + 8 + 8 + 4)
        same(f"{lang} workbook: first option id", ids[0], "needs_staff/basics")
        dv = [d for d in ws.data_validations.dataValidation if "E" in str(d.sqref)]
        if not dv or not all(d.formula1 == f'"{yes},{no}"' for d in dv):
            fail(f"{lang} workbook: the options' drop-down is not {yes}/{no}: "
                 f"{[d.formula1 for d in dv]}")
        answers = {"needs_staff/basics": yes, "needs_staff/data": yes, "needs_staff/bias": no,
                   "needs_format/online": yes.lower(), "needs_format/coaching": no,
                   "needs_elected/legal": no}
        filled = os.path.join(TMP, f"filled-{lang}.xlsx")
        fill_workbook(blank, filled, answers, {"lead_resolution": "1" if lang == "en" else "1"})
        want = {"needs_staff": (1, ["basics", "data"]), "needs_managers": (0, []),
                "needs_elected": (1, []), "needs_format": (1, ["online"])}
        for path in (filled, libreoffice_copy(filled)):
            if not path:
                continue
            got = survey_of(path)
            if got is None:
                continue
            for k, (answered, chosen) in want.items():
                same(f"{os.path.basename(path)} {k}", (got[k]["answered"], got[k]["chosen"]),
                     (answered, chosen))
        # a value that is neither yes nor no: located at its cell
        bad = os.path.join(TMP, f"bad-{lang}.xlsx")
        fill_workbook(blank, bad, {"needs_staff/history": "Maybe"}, {})
        p = run("score", bad, expect=1)
        row = next(r for r in range(1, ws.max_row + 1)
                   if ws.cell(row=r, column=1).value == "needs_staff/history")
        want_msg = f"bad-{lang}.xlsx[{sheet}!E{row}]: error: "
        if want_msg not in p.stderr or '"Maybe"' not in p.stderr or "Yes or No" not in p.stderr:
            fail(f"{lang} workbook: no located error for Maybe: {p.stderr.strip()}")


# ## The CSV form

def csv_form_round_trip():
    form = os.path.join(TMP, "form.csv")
    run("template", "-o", form)
    with open(form, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    fill = {"@entity": "Formtown", "@cycle": "2026", "lead_resolution": "2",
            # codes; labels with semicolons; a Spanish label; codes around a label
            "needs_staff": "basics  tool",
            "needs_managers": "Using a racial equity tool; Data disaggregated by race",
            "needs_elected": "Límites legales de las medidas basadas en la raza",
            "needs_format": "online Peer cohort coaching"}
    for r in rows:
        if r[0] in fill:
            r[1] = fill[r[0]]
    path = os.path.join(TMP, "filled.csv")
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    got = survey_of(path)
    if got:
        same("CSV form chosen", {k: v["chosen"] for k, v in got.items()},
             {"needs_staff": ["basics", "tool"], "needs_managers": ["tool", "data"],
              "needs_elected": ["legal"], "needs_format": ["online", "cohort", "coaching"]})
    # an unknown value: file, line, column, value and what to do
    line = next(n for n, r in enumerate(rows, start=1) if r[0] == "needs_staff")
    for r in rows:
        if r[0] == "needs_staff":
            r[1] = "basics tol"
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    p = run("score", path, expect=1)
    want = f'filled.csv:{line}: error: column "answer": "tol" is not an option of question ' \
           f'needs_staff: list the options that apply by their codes separated by spaces'
    if want not in p.stderr:
        fail(f"CSV form: no located error for 'tol': {p.stderr.strip()}")
    if os.path.exists(os.path.join(TMP, "out.json")):
        fail("a file was written for input with errors")


def wide_and_long_errors():
    wide = os.path.join(TMP, "wide.csv")
    with open(wide, "w", encoding="utf-8") as f:
        f.write("entity,cycle,lead_resolution,needs_format\n"
                "Okville,2026,1,online\n"
                "Badville,2026,1,online carrier-pigeon\n")
    p = run("score", "-q", GARE, wide, "-o", os.path.join(TMP, "wide-out.csv"), expect=1)
    if 'wide.csv:3: error: column "needs_format": "carrier-pigeon" is not an option' not in p.stderr \
            or "(in_person, online, cohort, coaching)" not in p.stderr:
        fail(f"wide file: no located error: {p.stderr.strip()}")
    if os.path.exists(os.path.join(TMP, "wide-out.csv")):
        fail("wide file with an error: an output was written")
    # KoboToolbox's export: the codes, and a 1/0 column per option
    kobo = os.path.join(TMP, "kobo.csv")
    with open(kobo, "w", encoding="utf-8") as f:
        f.write("entity,cycle,lead_resolution,grp/needs_format,grp/needs_format/in_person,"
                "grp/needs_format/online,grp/needs_format/cohort,grp/needs_format/coaching\n"
                "Kobotown,2026,1,online coaching,0,1,0,1\n"
                "Splitville,2026,1,,1,0,0,0\n")
    p = run("score", "-q", GARE, kobo, "--format", "json")
    if p.returncode == 0:
        got = {e["entity"]: (e["survey"][3]["chosen"], e["metadata"])
               for e in json.loads(p.stdout)["entities"]}
        same("KoboToolbox columns", got, {"Kobotown": (["online", "coaching"], {}),
                                          "Splitville": (["in_person"], {})})
    long = os.path.join(TMP, "long.csv")
    with open(long, "w", encoding="utf-8") as f:
        f.write("item,answer,evidence,notes\n@entity,Longville,,\nlead_resolution,1,,\n"
                "needs_format/online,yes,,\nneeds_format/coaching,perhaps,,\n"
                "needs_format/smoke,yes,,\n")
    p = run("score", "-q", GARE, long, expect=1)
    if 'long.csv:5: error: column "answer": "perhaps" does not say whether "Coaching" applies' \
            not in p.stderr or 'long.csv:6: error: column "item": "needs_format/smoke" names no ' \
            'option' not in p.stderr:
        fail(f"long file: no located errors: {p.stderr.strip()}")


def bad_packages():
    def package(edit_items=None, edit_choices=None):
        d = tempfile.mkdtemp(dir=TMP)
        dst = os.path.join(d, "pkg")
        shutil.copytree(GARE, dst)
        for name, fn in (("items.csv", edit_items), ("choices.csv", edit_choices)):
            if not fn:
                continue
            path = os.path.join(dst, name)
            with open(path, encoding="utf-8", newline="") as f:
                rows = list(csv.DictReader(f))
                fields = list(rows[0].keys())
            fields, rows = fn(fields, rows)
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
                w.writeheader()
                w.writerows(rows)
        return dst

    def item(field, value):
        def fn(fields, rows):
            next(r for r in rows if r["id"] == "needs_format")[field] = value
            return fields, rows
        return fn

    def points(fields, rows):
        for r in rows:
            r["points"] = "1"
        return fields + ["points"], rows

    cases = [(item("scale", "training_reach"), None, 'column "scale": "training_reach": a '
              'select_multiple question is not scored'),
             (item("weight", "2"), None, 'column "weight": "2": a select_multiple question'),
             (item("dimension", "normalize"), None, 'column "dimension": "normalize"'),
             (item("choices", ""), None, "needs a choice list"),
             (item("choices", "formats"), None, '"formats" is not a list in choices.csv'),
             (item("type", "select_many"), None, '"select_many" is not a question type'),
             (None, points, "carry no points")]
    for edit_items, edit_choices, want in cases:
        p = run("validate", package(edit_items, edit_choices), expect=1)
        if want not in p.stderr:
            fail(f"validate: no error {want!r}: {p.stderr.strip()}")


# ## Scores do not change

def strip_survey(src, dst):
    with open(src, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if rows[0][:2] == ["item", "answer"]:
        rows = [r for r in rows if not r[0].startswith("needs_")]
    else:
        keep = [k for k, h in enumerate(rows[0]) if not h.startswith("needs_")]
        rows = [[r[k] for k in keep] for r in rows]
    with open(dst, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def scores_unchanged():
    files = [os.path.join(CITIES, f) for f in sorted(os.listdir(CITIES)) if f.endswith(".csv")]
    files.append(os.path.join(COHORT, "state-2026.csv"))
    for src in files:
        dst = os.path.join(TMP, "plain-" + os.path.basename(src))
        strip_survey(src, dst)
        for fmt in ("csv", "text"):
            a = run("score", src, "--format", fmt).stdout
            b = run("score", dst, "--format", fmt).stdout.replace(dst, src)
            if a != b or not a:
                fail(f"{os.path.basename(src)}: --format {fmt} differs without the survey")
        a = json.loads(run("score", src, "--format", "json").stdout)
        b = json.loads(run("score", dst, "--format", "json").stdout)
        for e in a["entities"] + b["entities"]:
            e.pop("survey")
        for e in a["entities"]:  # the metadata of the file without the columns
            e["metadata"] = {k: v for k, v in e["metadata"].items() if not k.startswith("needs_")}
        if a != b:
            fail(f"{os.path.basename(src)}: the JSON scores differ without the survey")


# ## The city report

def city_report():
    src = os.path.join(CITIES, "cedar-falls-team.csv")
    pdf, xlsx, html = (os.path.join(TMP, "cf." + x) for x in ("pdf", "xlsx", "html"))
    for out in (pdf, xlsx, html):
        run("report", src, "-o", out)
    # in reading order (the tagged PDF's), not laid out: a cell's lines stay together
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    # needs_managers: budget by all three respondents, data and legal by one each
    for want in ["Training needs", "Budgeting and contracting for equity (3 of 3)",
                 "Data disaggregated by race (2 of 2); Community engagement (1 of 2)"]:
        if want not in flat:
            fail(f"city PDF lacks {want!r}")
    wb = openpyxl.load_workbook(xlsx)
    rows = [r for r in wb["Survey"].iter_rows(values_only=True)
            if r[0] and r[0].startswith("In which formats")]
    same("city workbook needs_format", [r[1:] for r in rows],
         [("Online (1 of 3); Peer cohort (1 of 3); Coaching (3 of 3)", 3)])
    page = open(html, encoding="utf-8").read()
    if "Legal limits on race-conscious action (3 of 3)" not in page:
        fail("city web page lacks the survey answers")


# ## The statewide figures, recomputed by hand

def by_hand(min_group):
    """{(question, region or 'all'): (answered, {option: share %}) or None}."""
    with open(os.path.join(COHORT, "state-2026.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    questions = [h for h in rows[0] if h.startswith("needs_")]
    cities = {}
    for r in rows:
        c = cities.setdefault((r["entity"], r["cycle"]), {"region": r["region"]})
        for q in questions:
            if r[q].strip():  # answered: a union of the respondents' choices
                c.setdefault(q, set()).update(r[q].split())
    out = {}
    regions = sorted({c["region"] for c in cities.values()})
    for q in questions:
        for group in ["all"] + regions:
            members = [c for c in cities.values() if group == "all" or c["region"] == group]
            answered = [c for c in members if q in c]
            if len(members) < min_group or len(answered) < min_group:
                out[(q, group)] = None
                continue
            options = {o for c in answered for o in c[q]}
            out[(q, group)] = (len(answered), {o: 100 * sum(o in c[q] for c in answered)
                                               / len(answered) for o in options})
    return out


def fmt1(x):
    """One decimal, half away from zero, as the reports print statistics."""
    return f"{math.floor(x * 10 + 0.5 + 1e-9) / 10:.1f}"


def statewide():
    want = by_hand(10)
    out = os.path.join(TMP, "state.csv")
    run("benchmark", COHORT, "--by", "region", "--min-group", "10", "-o", out)
    got = {}
    with open(out, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["cycle"] != "2026" or r["group_by"] not in ("all", "region"):
                continue
            m = re.fullmatch(r"(multi|option):(needs_\w+)(?:/(\w+))?", r["measure"])
            if not m:
                continue
            key = (m.group(2), r["group"])
            if r["statistic"] == "suppressed":
                got[key] = None
            elif r["statistic"] == "answered":
                got[key] = (int(r["value"]), {})
            elif r["statistic"] == "share":
                got[key][1][m.group(3)] = float(r["value"])
    suppressed = [k for k, v in want.items() if v is None]
    if not suppressed:
        fail("no suppressed group to check (the cohort changed?)")
    for key, w in want.items():
        g = got.get(key, "missing")
        if w is None or g is None:
            same(f"CSV {key} suppressed", g, w)
            continue
        if g == "missing" or g[0] != w[0]:
            fail(f"CSV {key}: answered {g if g == 'missing' else g[0]}, by hand {w[0]}")
            continue
        for o, share in g[1].items():
            if abs(share - w[1].get(o, 0.0)) > 0.0005:
                fail(f"CSV {key} {o}: {share} %, by hand {w[1].get(o, 0.0)} %")
    # the workbook: the same figures, unrounded, and "fewer than 10"
    xlsx = os.path.join(TMP, "state.xlsx")
    run("benchmark", COHORT, "--by", "region", "--min-group", "10", "-o", xlsx)
    ws = openpyxl.load_workbook(xlsx)["Survey shares"]
    seen = 0
    for r in ws.iter_rows(min_row=4, values_only=True):
        item, _, by, group, answered, option, _, share = r
        key = (item, "all" if by == "all" else group)
        if by not in ("all", "region"):
            continue
        w = want[key]
        if w is None:
            same(f"workbook {key} answered", answered, "fewer than 10")
            continue
        seen += 1
        if answered != w[0] or abs(share * 100 - w[1].get(option, 0.0)) > 1e-9:
            fail(f"workbook {key} {option}: {answered}, {share}; by hand {w[0]}, "
                 f"{w[1].get(option, 0.0) / 100}")
    if seen < 100:
        fail(f"workbook: only {seen} shares read")
    # the pages: the region rows of the first table, as printed (one decimal)
    pdf = os.path.join(TMP, "state.pdf")
    run("benchmark", COHORT, "--by", "region", "--min-group", "10", "-o", pdf)
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True,
                          text=True).stdout
    first = ["basics", "history", "bias", "tool"]
    for region in ["Amberline", "Pebble Delta"]:
        n, shares = want[("needs_staff", region)]
        row = f"{region} {n} " + " ".join(f"{fmt1(shares.get(o, 0.0))} %" for o in first)
        if row not in [" ".join(line.split()) for line in text.splitlines()]:
            fail(f"statewide PDF lacks the row {row!r}")
    # the section itself (its heading is also in the contents, with a page)
    lines = text.splitlines()
    start = max(k for k, line in enumerate(lines) if line.strip() == "What members ask for")
    section = "\n".join(lines[start:])
    sup = next(k[1] for k in suppressed if k[0] == "needs_staff" and k[1] != "all")
    if not re.search(re.escape(sup) + r"\s+fewer\s+than\s+10", section):
        fail(f"statewide PDF does not suppress {sup}")


def main():
    workbook_round_trip()
    csv_form_round_trip()
    wide_and_long_errors()
    bad_packages()
    scores_unchanged()
    city_report()
    statewide()
    shutil.rmtree(TMP, ignore_errors=True)
    if BAD:
        print(f"survey_check: {len(BAD)} problem(s)")
        sys.exit(1)
    print("survey_check: workbook (openpyxl, LibreOffice), CSV form, errors, unchanged "
          "scores, city report and statewide shares by region all read back")


if __name__ == "__main__":
    main()
