#!/usr/bin/python3
"""Writes the HTML reports the HTML tests read (tests/CMakeLists.txt).

  html_reports.py ASSESS SOURCE_DIR OUT_DIR

Into OUT_DIR: the city report of every shipped example city, one of them
branded and compared with the statewide cohort, a member city of the
cohort with its comparisons, the statewide report of the cohort (the
first, the member city and the statewide report in Spanish too), and
hostile.html: a city named <script>alert(1)</script>, evidence and notes
holding markup, quotes and control characters, and a questionnaire whose
first resource links to javascript:alert(1).
"""
import csv
import os
import shutil
import subprocess
import sys


def run(args):
    r = subprocess.run(args, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("html_reports.py: %s failed (%d): %s" % (" ".join(args), r.returncode, r.stderr))


def main(assess, src, out):
    os.makedirs(out, exist_ok=True)
    cities = os.path.join(src, "examples", "cities")
    # the cohort's 2025 answers gare-local 1.0.0 and 2026 answers 1.1.0 (each file
    # read with its own); the cities answer 1.1.0, the default
    cohort = os.path.join(src, "examples", "cohort")
    qdir = os.path.join(src, "questionnaires", "gare-local")
    run([assess, "report", os.path.join(cities, "riverton.csv"), "-o", os.path.join(out, "riverton.html")])
    run([assess, "report", os.path.join(cities, "lakeside-long.csv"), "-o", os.path.join(out, "lakeside.html")])
    run([assess, "report", os.path.join(cities, "cedar-falls-team.csv"), "-o",
         os.path.join(out, "cedar-falls.html"), "--brand",
         os.path.join(src, "examples", "brand", "northwind.brand"), "--benchmark", cohort,
         "--prepared-for", "Cedar Falls City Council"])
    run([assess, "report", cohort, "--entity", "Ashgate", "--benchmark", cohort, "-o",
         os.path.join(out, "ashgate.html")])
    run([assess, "benchmark", cohort, "--by", "region", "-o", os.path.join(out, "state.html"),
         "--title", "League of Example Cities (synthetic)"])
    # the same in Spanish, about a fifth longer: the layout tests run in both languages
    run([assess, "report", os.path.join(cities, "riverton.csv"), "--lang", "es", "-o",
         os.path.join(out, "riverton-es.html")])
    run([assess, "report", cohort, "--entity", "Ashgate", "--benchmark", cohort, "--lang", "es",
         "-o", os.path.join(out, "ashgate-es.html")])
    run([assess, "benchmark", cohort, "--by", "region", "--lang", "es", "-o",
         os.path.join(out, "state-es.html"), "--title", "Liga de ciudades de ejemplo (sintética)"])

    # hostile text in every field a file gives
    q = os.path.join(out, "hostile-q")
    shutil.rmtree(q, ignore_errors=True)
    shutil.copytree(qdir, q)
    res = os.path.join(q, "resources.csv")
    with open(res, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    url = rows[0].index("url")
    rows[1][url] = "javascript:alert(1)"
    rows[1][rows[0].index("title")] = "<b onmouseover=alert(1)>Bold</b> resource"
    with open(res, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    with open(os.path.join(cities, "riverton.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    h = rows[0]
    for r in rows[1:]:
        r[h.index("entity")] = "<script>alert(1)</script>"
    rows[1][h.index("lead_resolution.notes")] = '"><img src=x onerror=alert(1)>'
    rows[1][h.index("lead_resolution.evidence")] = "Minutes & <i>agenda</i>\x01\x7f 'quoted' \"too\""
    rows[1][h.index("respondent")] = "<a href=\"javascript:alert(1)\">Jordan</a>"
    city = os.path.join(out, "hostile.csv")
    with open(city, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    run([assess, "report", "-q", q, city, "-o", os.path.join(out, "hostile.html"),
         "--prepared-for", "<svg onload=alert(1)>Council</svg>"])


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
