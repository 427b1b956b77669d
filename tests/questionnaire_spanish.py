#!/usr/bin/python3
"""questionnaire_spanish.py ASSESS QUESTIONNAIRES_DIR — checks gare-local's Spanish
in items.csv, scales.csv, dimensions.csv, stages.csv, settings.csv and choices.csv: every text
column has a `::es` column filled on every row, no Spanish cell merely repeats the
English one, numbers, law names and case names survive translation, the term list
of the package README is followed, the labels of one scale stay distinct after
folding case and accents (in Spanish and against the English labels), and
`assess template --lang es` writes the Spanish. Each rule is also run on a copy
with one planted fault, so a check that could never fail is caught.
"""
import copy
import csv
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

# The text columns that accept a translation (assess/questionnaire_files.c),
# with the columns that identify a row in messages.
FILES = {
    "items.csv": (("id",), ("text", "theme", "help", "evidence")),
    "scales.csv": (("scale", "value"), ("label", "description")),
    "dimensions.csv": (("id",), ("label", "description")),
    "stages.csv": (("id",), ("label", "description")),
    "settings.csv": (("key",), ("value",)),
    "choices.csv": (("list", "value"), ("label",)),
}
# Settings a reader sees; the others (id, version, numbers) are codes.
READER_SETTINGS = {"title", "entity_label", "organization", "description"}
# Cells that may read the same in both languages: proper names. None in these
# files today; add a name here, not a column, if one is ever needed.
SAME_ALLOWED = set()
# Names that stay in English inside the Spanish text (README, "Spanish terms").
NAMES = [
    "Proposition 209", "Cal. Const. art. I, §31", "Equal Protection Clause",
    "Executive Order 14173", "Title VII", "Civil Rights Act of 1964", "EEOC", "EEO-4",
    "Fair Housing Act", "Costa-Hawkins Rental Housing Act",
    "Racial and Identity Profiling Act of 2015", "AB 953", "Equal Pay Act",
    "Labor Code §1197.5", "City of Richmond v. J.A. Croson Co.",
    "Hi-Voltage Wire Works v. City of San Jose", "Government Alliance on Race and Equity",
    "National Equity Atlas", "Small Business Development Center", "NLC", "REAL", "DEI",
]
# The term list: where the English says the first, the Spanish says the second.
TERMS = [
    (r"\bracial equity\b", "equidad racial"),
    (r"\bcity attorney\b", "abogado municipal"),
    (r"\bcity manager\b", "administrador municipal"),
    (r"\bcouncil\b", "concejo"),
    (r"\bdepartment heads?\b", "director"),
    (r"\bstrategic plan\b", "plan estratégico"),
    (r"\bgeneral plan\b", "plan general"),
    (r"\bcapital improvement program\b", "programa de mejoras de capital"),
    (r"\bboards? and commissions\b", "juntas y comisiones"),
    (r"\bstory map\b", "mapa narrativo"),
    (r"\blanguage access\b", "acceso lingüístico"),
    (r"\bimplicit bias\b", "sesgo implícito"),
    (r"\bredlining\b", "redlining"),
    (r"\bexclusionary zoning\b", "zonificación excluyente"),
    (r"\bdisparate impact\b", "impacto dispar"),
    (r"\bdisplacement\b", "desplazamiento"),
    (r"\bcommunit(y|ies) of color\b", "comunidades de color"),
    (r"\bBarred by law\b", "Prohibido por la ley"),
    (r"\bNot applicable\b", "No aplica"),
    (r"\bresolution\b", "resolución"),
    (r"\bordinance\b", "ordenanza"),
    (r"\bstudy sessions?\b", "sesi"),
    (r"\binequit(y|ies)\b", "inequidad"),
    (r"\bprompt payment\b", "pago oportuno"),
    (r"\bsmall-number suppression\b", "supresión de cifras pequeñas"),
    (r"\bself-identification\b", "autoidentificación"),
    (r"\bcensus tract\b", "sector censal"),
]


def fold(s):
    """Case and accents folded, spaces collapsed: how labels are matched."""
    s = unicodedata.normalize("NFKD", s.casefold())
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.split())


def numbers(s):
    """The distinct numbers of s (a gloss may repeat one)."""
    return sorted(set(re.findall(r"\d+(?:[.-]\d+)*", s)))


def read(pkg):
    tables = {}
    for name in FILES:
        with open(os.path.join(pkg, name), encoding="utf-8", newline="") as f:
            r = csv.DictReader(f)
            tables[name] = (list(r.fieldnames), list(r))
    return tables


def check(tables):
    """Every problem found, as a list of strings."""
    bad = []
    for name, (keys, cols) in FILES.items():
        header, rows = tables[name]
        for col in cols:
            if col + "::es" not in header:
                bad.append(f"{name}: no column {col}::es")
                continue
            if header.index(col + "::es") != header.index(col) + 1:
                bad.append(f"{name}: {col}::es is not right after {col}")
            for line, row in enumerate(rows, start=2):
                if name == "settings.csv" and row["key"] not in READER_SETTINGS:
                    continue
                where = f"{name}:{line} ({'/'.join(row[k] for k in keys)}) {col}::es"
                en, es = row[col].strip(), (row[col + "::es"] or "").strip()
                # a survey question (select_multiple, not scored) has no
                # evidence prompt, so nothing to translate there
                if not en and not es and row.get("type") == "select_multiple":
                    continue
                if not es:
                    bad.append(f"{where}: empty")
                    continue
                if es == en and en not in SAME_ALLOWED:
                    bad.append(f"{where}: same as the English {en!r}")
                if numbers(en) != numbers(es):
                    bad.append(f"{where}: numbers {numbers(en)} became {numbers(es)}")
                for n in NAMES:
                    if n in en and n not in es:
                        bad.append(f"{where}: {n!r} missing")
                for pattern, term in TERMS:
                    if re.search(pattern, en, re.I) and term.casefold() not in es.casefold():
                        bad.append(f"{where}: {pattern!r} is not translated as {term!r}")
                if es != es.strip() or "  " in es:
                    bad.append(f"{where}: stray spaces")
    # labels of one scale: distinct after folding, in Spanish and across languages
    seen = {}
    for row in tables["scales.csv"][1]:
        for text in (row["label"], row.get("label::es") or ""):
            if not text:
                continue
            key = (row["scale"], fold(text))
            other = seen.setdefault(key, row["value"])
            if other != row["value"]:
                bad.append(f"scales.csv: scale {row['scale']}: label {text!r} of "
                           f"{row['value']} folds like the label of {other}")
    return bad


def template_is_spanish(assess, pkg, tables):
    """The CSV form made with --lang es carries the Spanish question texts."""
    bad = []
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "form.csv")
        p = subprocess.run([assess, "template", "-q", pkg, "--lang", "es", "-o", out],
                           capture_output=True, text=True)
        if p.returncode != 0:
            return [f"assess template --lang es failed: {p.stderr.strip()}"]
        with open(out, encoding="utf-8") as f:
            form = f.read()
    for row in tables["items.csv"][1]:
        if row["text::es"] not in form:
            bad.append(f"form.csv lacks the Spanish text of {row['id']}")
        if row["text"] in form:
            bad.append(f"form.csv still has the English text of {row['id']}")
    for row in tables["scales.csv"][1]:
        if row["label::es"] not in form:
            bad.append(f"form.csv lacks the Spanish label {row['label::es']!r}")
            break
    return bad


def main():
    assess, root = sys.argv[1], sys.argv[2]
    pkg = os.path.join(root, "gare-local")
    tables = read(pkg)
    bad = check(tables) + template_is_spanish(assess, pkg, tables)

    # each rule catches a fault planted in a copy
    faults = {
        "empty help": ("items.csv", 5, "help::es", lambda v, en: ""),
        "English kept": ("scales.csv", 3, "description::es", lambda v, en: en),
        "number lost": ("items.csv", 23, "help::es", lambda v, en: v.replace("14173", "14137")),
        "law name lost": ("items.csv", 38, "help::es",
                          lambda v, en: v.replace("Equal Protection Clause", "Cláusula")),
        "term drift": ("items.csv", 3, "text::es",
                       lambda v, en: v.replace("concejo municipal", "consejo de la ciudad")),
        "label clash": ("scales.csv", 33, "label::es", lambda v, en: "sin iniciar"),
        "cross-language clash": ("scales.csv", 34, "label::es", lambda v, en: "exploring"),
        "reader setting untranslated": ("settings.csv", 4, "value::es", lambda v, en: ""),
    }
    for what, (name, line, col, change) in faults.items():
        t = copy.deepcopy(tables)
        row = t[name][1][line - 2]
        before = row[col]
        row[col] = change(row[col], row[col.split("::")[0]])
        if row[col] == before:
            bad.append(f"planted fault ({what}) changed nothing: fix the test")
        elif not check(t):
            bad.append(f"planted fault ({what}) not caught")
    t = copy.deepcopy(tables)
    header = t["dimensions.csv"][0]
    header.remove("description::es")
    if not any("description::es" in b for b in check(t)):
        bad.append("planted fault (missing column) not caught")

    for b in bad:
        print(b)
    print(f"questionnaire_spanish: {len(bad)} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
