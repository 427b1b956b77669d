#!/usr/bin/python3
"""questionnaire_content.py ASSESS QUESTIONNAIRES_DIR — checks the content of
gare-local 1.1 beyond what `assess validate` can know: every item has its own
level descriptions, every next step names who acts, every resource is used,
the glossary matches the questions, no organisation dominates the citations,
and the items on contracting, hiring and targeted programs carry a legal note
and no race-based target. The survey questions (type select_multiple, never
scored) are exempt from the rules of scored items — level descriptions, weights,
scales and the item count — and have their own: a theme, a choice list of at
least two options, and Spanish for the question and every option. Each rule is
also run on a copy of the package with one deliberate fault, so a check that
could never fail is caught.
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Who may act in a next step: the first sentence of every action names one.
ACTORS = [
    "council", "mayor", "city manager", "city attorney", "city clerk", "department head",
    "director", "equity team", "equity lead", "hr", "purchasing", "budget office",
    "finance director", "planning", "police chief", "data analyst", "it or data lead",
    "communications", "community partners", "public works", "housing director",
    "economic development",
]
KINDS = {"toolkit", "template", "training", "reading", "data", "provider"}
# Words a respondent may not know: if a question, its help or its levels use
# one, the glossary must define it.
TERM_LIKE = [
    "story map", "exclusionary zoning", "disparate impact", "redlining", "systemic racism",
    "structural racism", "institutional racism", "implicit bias", "explicit bias", "DEI",
    "BIPOC", "targeted universalism", "racial equity tool", "equity lens", "disaggregated",
    "displacement", "gentrification", "participatory budgeting", "language access",
    "equity audit", "strict scrutiny", "Proposition 209", "Title VII", "Equal Protection Clause",
    "preferential treatment", "self-identification", "small-number suppression",
    "structured interview", "pay equity", "census tract", "EEO-4", "community land trust",
    "prompt payment", "housing element", "general plan", "capital improvement program",
    "results-based accountability", "performance measure", "population indicator",
    "Barred by law", "visualize", "operationalize", "ability-to-pay", "equity team",
    "racial equity action plan", "Executive Order 14173",
]
# Items on contracting, hiring and targeted programs: legal note, a way to
# answer "the law bars it", and no race-based target anywhere in their advice.
LEGAL_PREFIXES = ("buy_", "work_", "econ_", "appoint_", "housing_displacement", "safety_")
TARGET_WORDS = re.compile(r"\b(targets?|quotas?|set-asides?|goals? for (?:the )?share)\b", re.I)
# GARE is a project of Race Forward: their citations count together.
FAMILY = {"Government Alliance on Race and Equity": "Race Forward"}


def read(pkg, name):
    with open(os.path.join(pkg, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def used(term, text):
    """Whether a glossary term occurs in text (case-insensitive, plurals too)."""
    t = term.lower()
    forms = [t, t + "s", t + "es"]
    if t.endswith("y"):
        forms.append(t[:-1] + "ies")
    if t.endswith("ize"):
        forms += [t[:-1] + "ing", t + "d"]
    text = text.lower()
    return any(re.search(r"(?<![a-z])" + re.escape(f) + r"(?![a-z])", text) for f in forms)


def check(pkg):
    """Every problem found in the package at pkg, as a list of strings."""
    bad = []
    everything = read(pkg, "items.csv")
    # survey questions are not scored: the scored items' rules are not theirs
    survey = [it for it in everything if it.get("type") == "select_multiple"]
    items = [it for it in everything if it.get("type") != "select_multiple"]
    choices = read(pkg, "choices.csv") if survey else []
    scales = read(pkg, "scales.csv")
    recs = read(pkg, "recommendations.csv")
    res = read(pkg, "resources.csv")
    gloss = read(pkg, "glossary.csv")
    dims = read(pkg, "dimensions.csv")

    if not 30 <= len(items) <= 42:
        bad.append(f"{len(items)} items, not 36 ± 6")
    if len({d.get("weight") or "1" for d in dims}) != 1:
        bad.append("dimension weights differ")
    readme = open(os.path.join(pkg, "README.md"), encoding="utf-8").read()
    for it in items:
        if (it.get("weight") or "1") not in ("1", "2"):
            bad.append(f"{it['id']}: weight {it['weight']}")
        if it.get("weight") == "2" and f"`{it['id']}`" not in readme:
            bad.append(f"{it['id']}: weight 2 not justified in README.md")

    # level descriptions: one scale per item, every scored level described
    users = {}
    for it in items:
        users.setdefault(it["scale"], []).append(it["id"])
    by_scale = {}
    for s in scales:
        by_scale.setdefault(s["scale"], []).append(s)
    for it in items:
        if len(users[it["scale"]]) > 1:
            bad.append(f"{it['id']}: scale {it['scale']} is shared with {users[it['scale']]}")
        scored = [c for c in by_scale.get(it["scale"], []) if c["points"] not in ("na", "unknown")]
        if len(scored) < 3:
            bad.append(f"{it['id']}: only {len(scored)} scored levels")
        for c in scored:
            if len((c.get("description") or "").split()) < 4:
                bad.append(f"{it['id']}: level {c['value']} has no description")

    # next steps: an actor, a horizon, an effort, resources
    for n, r in enumerate(recs, start=2):
        first = re.split(r"(?<=[.;])\s", r["action"], maxsplit=1)[0].lower()
        if not any(re.search(r"(?<![a-z])" + re.escape(a) + r"s?(?![a-z])", first) for a in ACTORS):
            bad.append(f"recommendations.csv:{n}: no actor in “{first[:60]}”")
        if not r.get("horizon") or not r.get("effort"):
            bad.append(f"recommendations.csv:{n}: horizon or effort missing")
        if not (r.get("resources") or "").split():
            bad.append(f"recommendations.csv:{n}: no resource")

    # resources: kinds, every one used, no organisation over a third
    cited = {}
    for r in recs:
        for rid in (r.get("resources") or "").split():
            cited[rid] = cited.get(rid, 0) + 1
    org = {}
    for x in res:
        if x.get("kind") not in KINDS:
            bad.append(f"resource {x['id']}: kind {x.get('kind')!r}")
        if not x.get("url", "").startswith("https://"):
            bad.append(f"resource {x['id']}: url {x.get('url')!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", x.get("checked") or "") or not x.get("check_note"):
            bad.append(f"resource {x['id']}: no date or note of the URL check")
        if x["id"] not in cited:
            bad.append(f"resource {x['id']}: used by no step")
        o = FAMILY.get(x.get("organization"), x.get("organization"))
        org[o] = org.get(o, 0) + cited.get(x["id"], 0)
    total = sum(cited.values())
    for o, n in org.items():
        if 3 * n > total:
            bad.append(f"{o}: {n} of {total} citations, more than a third")
    if len(res) < 40:
        bad.append(f"{len(res)} resources, fewer than 40")

    # glossary: every term used in a question, its help or its levels; every
    # term-like word used is defined
    texts = " ".join(it["text"] + " " + (it.get("help") or "") for it in everything)
    texts += " " + " ".join(c["label"] for c in choices)
    texts += " " + " ".join(s.get("description") or "" for s in scales
                            if s["scale"] in users)
    terms = [g["term"] for g in gloss]
    for t in terms:
        if not used(t, texts):
            bad.append(f"glossary term “{t}” is used by no question")
    for w in TERM_LIKE:
        if used(w, texts) and not any(w.lower() in t.lower() or t.lower() in w.lower()
                                      for t in terms):
            bad.append(f"“{w}” is used by a question but not in the glossary")

    # the survey questions: a theme, a list of two options or more, Spanish
    lists = {}
    for c in choices:
        lists.setdefault(c["list"], []).append(c)
        if not (c.get("label::es") or "").strip():
            bad.append(f"choices.csv: option {c['list']}/{c['value']} has no Spanish label")
    for it in survey:
        if not it.get("theme") or not it.get("theme::es"):
            bad.append(f"{it['id']}: a survey question without a theme in both languages")
        if len(lists.get(it.get("choices"), [])) < 2:
            bad.append(f"{it['id']}: choice list {it.get('choices')!r} has fewer than two options")
        if not it.get("text::es") or not it.get("help::es"):
            bad.append(f"{it['id']}: a survey question without its Spanish text and help")

    # legal care on contracting, hiring and targeted programs
    for it in items:
        if not it["id"].startswith(LEGAL_PREFIXES):
            continue
        if not re.search(r"Legal note \(status checked \d{4}-\d{2}", it.get("help") or ""):
            bad.append(f"{it['id']}: no dated legal note in its help")
        if not any(c["label"] == "Barred by law" and c["points"] == "na"
                   for c in by_scale.get(it["scale"], [])):
            bad.append(f"{it['id']}: no “Barred by law” answer")
        for c in by_scale.get(it["scale"], []):
            if TARGET_WORDS.search(c["label"] + " " + (c.get("description") or "")):
                bad.append(f"{it['id']}: level {c['value']} sets a target")
        for r in recs:
            if r["item"] == it["id"] and TARGET_WORDS.search(r["action"]):
                bad.append(f"{it['id']}: step for level {r['level']} sets a target")
    return bad


def validate(assess, pkg):
    p = subprocess.run([assess, "validate", pkg], capture_output=True, text=True)
    out = p.stdout + p.stderr
    if p.returncode != 0 or "warning" in out or "error" in out:
        return [f"assess validate {pkg}: status {p.returncode}: {out.strip()}"]
    return []


def mutate(src, name, fn):
    """A copy of package src with fn applied to the rows of file name."""
    d = tempfile.mkdtemp(prefix="qcontent-")
    dst = os.path.join(d, "pkg")
    shutil.copytree(src, dst)
    path = os.path.join(dst, name)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys())
    rows = fn(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return dst


def main():
    assess, qdir = sys.argv[1], sys.argv[2]
    v11 = os.path.join(qdir, "gare-local")
    v10 = os.path.join(qdir, "gare-local-1.0")
    bad = validate(assess, v11) + validate(assess, v10) + check(v11)

    # each rule catches a fault planted in a copy
    def no_actor(rows):
        rows[0]["action"] = "Look at the options."
        return rows

    def unused_term(rows):
        return rows + [{"term": "Zebra crossing", "definition": "A striped road crossing."}]

    def one_org(rows):
        for r in rows:
            r["resources"] = "gare_tools"
        return rows

    def race_target(rows):
        for r in rows:
            if r["item"] == "buy_data":
                r["action"] = "The purchasing manager sets a target share of contracts by race."
        return rows

    def shared_scale(rows):
        rows[1]["scale"] = rows[0]["scale"]
        return rows

    def untranslated_option(rows):
        rows[0]["label::es"] = ""
        return rows

    planted = [("recommendations.csv", no_actor, "no actor"),
               ("choices.csv", untranslated_option, "has no Spanish label"),
               ("glossary.csv", unused_term, "Zebra crossing"),
               ("recommendations.csv", one_org, "more than a third"),
               ("recommendations.csv", race_target, "sets a target"),
               ("items.csv", shared_scale, "is shared with")]
    for name, fn, expect in planted:
        found = check(mutate(v11, name, fn))
        if not any(expect in b for b in found):
            bad.append(f"planted fault ({fn.__name__}) not caught: {found[:3]}")

    for b in bad:
        print(b)
    if bad:
        sys.exit(1)
    items = read(v11, "items.csv")
    n = sum(1 for it in items if it.get("type") == "select_multiple")
    print(f"gare-local 1.1: {len(items) - n} scored items and {n} survey questions checked; "
          "both versions valid")


if __name__ == "__main__":
    main()
