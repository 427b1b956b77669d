#!/usr/bin/python3
"""questionnaire_es.py QUESTIONNAIRE_DIR — checks the Spanish of gare-local's
next steps, resources and glossary: every text column the loader translates
has a `COLUMN::es` beside it, filled on every row; no Spanish cell repeats the
English one except the official titles listed below; numbers survive; the
terms of the project's term list are used wherever the English uses theirs;
each step still names its actor first; and every resource says it is in
English. Each rule is also run on a copy with one deliberate fault, so a check
that could never fail is caught.
"""
import copy
import csv
import os
import re
import sys

# The text columns questionnaire_files.c reads with their translations.
FILES = {
    "recommendations.csv": ["action"],
    "resources.csv": ["title", "description"],
    "glossary.csv": ["term", "definition"],
}
# Resource titles that are published names of documents, pages, programmes or
# organisations: kept in English, as published, in title::es.
OFFICIAL_TITLES = {
    "gare_tools", "gare_ret", "gare_plans", "gare_contracting", "gare_learn", "gare_coreteam",
    "gare_housing", "raceforward_training", "nlc_real", "nlc_advancing", "nlc_council",
    "nlc_action_model", "nlc_smallbiz", "icma_rej", "icma_toolkit", "icma_boards",
    "ipma_equity", "opm_interviews", "eeoc_eeo4", "eeoc_dei", "eo14173", "hi_voltage",
    "nigp_practices", "rfa_procurement", "rfa_fines", "rfa_budget", "policylink_fines",
    "policylink_edtk", "ffjc_network", "doj_fines", "census_acs_local", "census_data",
    "equity_atlas", "urban_data_principles", "nnip", "udp", "mapping_inequality", "lhs_plan",
    "lhs_framework", "ctb_vision", "spectrum_ownership", "open_policing", "cpe",
    "gfoa_equity", "sbdc", "calcities", "lmc", "ilg", "iap2", "ret_actionplan",
}
IN_ENGLISH = "Recurso en inglés."
# The term list both translators use: where the English has the left-hand
# pattern, the Spanish must have the right-hand one.
TERMS = [
    (r"racial equity tool", r"herramientas? de equidad racial"),
    (r"racial equity", r"equidad racial"),
    (r"equity team", r"equipos? de equidad"),
    (r"equity lead", r"responsable de equidad"),
    (r"equity lens", r"enfoque de equidad"),
    (r"community partners", r"organizaciones aliadas de la comunidad"),
    (r"onboarding", r"incorporación"),
    (r"applicants", r"solicitantes"),
    (r"\bcouncils?\b", r"concejo|concejal"),
    (r"city manager", r"administrador municipal|administración municipal"),
    (r"city attorney", r"abogado municipal"),
    (r"city clerk", r"secretario municipal"),
    (r"\bmayor\b", r"alcalde"),
    (r"department heads?", r"director(es)? de departamento"),
    (r"\bHR\b", r"recursos humanos"),
    (r"\bstaff\b", r"personal"),
    (r"purchasing", r"compras"),
    (r"\bresolutions?\b", r"resoluci[óo]n"),
    (r"ordinance", r"ordenanza"),
    (r"study session", r"sesión de estudio"),
    (r"agenda item", r"punto del orden del día"),
    (r"strategic plan", r"plan estratégico"),
    (r"general plan", r"plan general"),
    (r"action plan", r"plan de acción"),
    (r"\bbudget", r"presupuest"),
    (r"capital improvement program", r"programa de mejoras de capital"),
    (r"community engagement", r"participación comunitaria"),
    (r"of color", r"de color"),
    (r"\bresidents\b", r"residentes"),
    (r"boards?,? and commissions?", r"juntas,? (y )?comisiones"),
    (r"disparit", r"disparidad"),
    (r"implicit", r"implícito"),
    (r"systemic racism", r"racismo sistémico"),
    (r"institutional racism", r"racismo institucional"),
    (r"structural racism", r"racismo estructural"),
    (r"redlining", r"redlining"),
    (r"exclusionary", r"excluyente"),
    (r"displacement", r"desplazamiento"),
    (r"gentrification", r"gentrificación"),
    (r"disparate impact", r"impacto dispar"),
    (r"story map", r"mapa narrativo"),
    (r"language access", r"acceso lingüístico"),
    (r"\bNormalize\b", r"Normalizar"),
    (r"\bOrganize\b", r"Organizar"),
    (r"\bOperationalize\b", r"Operacionalizar"),
    (r"Not applicable", r"No aplica"),
    (r"Barred by law", r"Prohibido por la ley"),
    (r"census tract", r"sector censal|sectores censales"),
    (r"Proposition 209", r"Proposition 209 \(Proposición 209\)"),
    (r"Title VII", r"Title VII \(Título VII\)"),
]
# The actor that opens an English step, and how its Spanish step opens.
ACTORS_FIRST = [
    (r"The city manager's office", r"La oficina de la administración municipal"),
    (r"The city manager", r"El administrador municipal"),
    (r"The equity team", r"El equipo de equidad"),
    (r"The equity lead", r"El responsable de equidad"),
    (r"Council", r"El concejo municipal"),
    (r"HR", r"Recursos humanos"),
    (r"The city clerk", r"El secretario municipal"),
    (r"The city attorney", r"El abogado municipal"),
    (r"The budget office", r"La oficina de presupuesto"),
    (r"Department heads", r"Los directores de departamento"),
    (r"A department head", r"Un director de departamento"),
    (r"The HR director", r"El director de recursos humanos"),
    (r"The [a-z ]+ director", r"El director de"),
    (r"The purchasing manager", r"El gerente de compras"),
    (r"The data analyst", r"El analista de datos"),
    (r"A data analyst", r"Un analista de datos"),
    (r"The IT or data lead", r"El responsable de informática o de datos"),
    (r"Community partners", r"Las organizaciones aliadas de la comunidad"),
    (r"The planning department", r"El departamento de planificación"),
    (r"The police chief", r"El jefe de policía"),
]
# Names of documents, courses and programmes inside a text: left out of the
# term check, since they stay in English.
NAMES = [
    "Advancing Racial Equity in Government", "Racial Equity: Getting to Results",
    "Racial Equity Toolkit", "Building Racial Equity", "Organizing Racial Equity",
    "Decision-Making for Racial Equity", "Race and Social Justice Initiative",
]
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def read(pkg, name):
    with open(os.path.join(pkg, name), encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def check(files):
    """Problems in files, a dict of file name to its rows."""
    bad = []
    for name, columns in FILES.items():
        rows = files[name]
        for col in columns:
            es = col + "::es"
            if rows and es not in rows[0]:
                bad.append(f"{name}: no column {es}")
                continue
            for n, r in enumerate(rows, start=2):
                en, sp = r[col].strip(), (r[es] or "").strip()
                where = f"{name}:{n}: {es}"
                if not sp:
                    bad.append(f"{where}: empty")
                    continue
                official = name == "resources.csv" and col == "title" and r["id"] in OFFICIAL_TITLES
                if sp == en and not official:
                    bad.append(f"{where}: the same as the English {en!r}")
                if official and sp != en:
                    bad.append(f"{where}: an official title is kept as published: {en!r}")
                for num in NUMBER.findall(en):
                    if num not in sp:
                        bad.append(f"{where}: the number {num} of the English is missing")
                if official:
                    continue
                plain = en
                for name_ in NAMES:
                    plain = plain.replace(name_, "")
                for pat_en, pat_es in TERMS:
                    if re.search(pat_en, plain, re.I) and not re.search(pat_es, sp, re.I):
                        bad.append(f"{where}: the English says {pat_en!r} but not {pat_es!r}: {sp}")
    for n, r in enumerate(files["recommendations.csv"], start=2):
        for pat_en, pat_es in ACTORS_FIRST:
            if re.match(pat_en + r"\b", r["action"]):
                if not re.match(pat_es, r["action::es"] or ""):
                    bad.append(f"recommendations.csv:{n}: action::es does not open with {pat_es!r}")
                break
    for n, r in enumerate(files["resources.csv"], start=2):
        if not (r.get("description::es") or "").endswith(IN_ENGLISH):
            bad.append(f"resources.csv:{n}: description::es does not end with {IN_ENGLISH!r}")
    ids = {r["id"] for r in files["resources.csv"]}
    for rid in sorted(OFFICIAL_TITLES - ids):
        bad.append(f"resources.csv: official title {rid!r} is not a resource")
    return bad


def faulted(files, name, fn):
    """A copy of files with fn applied to the rows of name."""
    c = copy.deepcopy(files)
    fn(c[name])
    return c


def main():
    pkg = os.path.join(sys.argv[1], "gare-local")
    files = {name: read(pkg, name) for name in FILES}
    bad = check(files)
    for b in bad:
        print(b)
    if bad:
        return 1

    def set_cell(row, col, value):
        def fn(rows):
            rows[row][col] = value
        return fn

    def drop_column(col):
        def fn(rows):
            for r in rows:
                del r[col]
        return fn

    rec0 = files["recommendations.csv"][0]
    faults = [
        ("recommendations.csv", set_cell(5, "action::es", " "), "empty"),
        ("recommendations.csv", set_cell(0, "action::es", rec0["action"]), "the same as the English"),
        ("glossary.csv", drop_column("definition::es"), "no column definition::es"),
        ("resources.csv", set_cell(1, "title::es", "Herramientas y recursos"), "kept as published"),
        ("resources.csv", set_cell(0, "description::es", "Una red nacional."), "does not end with"),
        ("glossary.csv", set_cell(17, "definition::es", "Una zona pequeña."), "the number 2,500"),
        ("recommendations.csv",
         set_cell(0, "action::es", rec0["action::es"].replace("concejo municipal", "cabildo")),
         "but not 'concejo|concejal'"),
        ("recommendations.csv",
         set_cell(1, "action::es", "Luego, el equipo de equidad realiza sesiones."),
         "does not open with 'El equipo de equidad'"),
    ]
    failed = 0
    for name, fn, want in faults:
        got = check(faulted(files, name, fn))
        if not any(want in g for g in got):
            print(f"a fault in {name} was not caught (wanted {want!r}); got {got}")
            failed += 1
    if failed:
        return 1
    counts = {name: sum(len(r[c + "::es"].split()) for r in files[name] for c in cols)
              for name, cols in FILES.items()}
    print("Spanish words:", counts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
