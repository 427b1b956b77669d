#!/usr/bin/python3
"""Every --help is true: each option it lists is accepted, and each option
a command accepts (its table of options in assess/cmd_*.c) is listed.

usage: help_check.py ASSESS SOURCE_DIR
"""
import re
import subprocess
import sys

ASSESS, SOURCE = sys.argv[1], sys.argv[2]
# an option, with its fixed value when it has one (--public=no-notes)
OPTION = re.compile(r'(?<![\w/.:-])(--?[a-zA-Z][a-zA-Z-]*(?:=[a-z][a-z-]*)?)(?![\w.])')
# each command's option table, read from its source file
SOURCES = {"validate": "cmd_validate.c", "score": "cmd_score.c", "benchmark": "cmd_benchmark.c",
           "report": "cmd_report.c", "report --batch": "cmd_batch.c", "chart": "cmd_chart.c",
           "template": "cmd_template.c"}
ALWAYS = {"--help", "--version"}
failures = []


def run(args):
    return subprocess.run([ASSESS] + args, capture_output=True, text=True, timeout=60)


def accepted(cmd):
    text = open(f"{SOURCE}/assess/{SOURCES[cmd]}", encoding="utf-8").read()
    table = re.findall(r'\{"(-[^"]+)",\s*(?:&|NULL)', text)
    return set(table) | ALWAYS


# every command the top-level help names has a table here
top = run(["--help"]).stdout
named = set(re.findall(r"^  (\w+) ", top, re.M))
if named != {c for c in SOURCES if " " not in c}:
    failures.append(f"assess --help names {sorted(named)}, the test knows {sorted(SOURCES)}")

for cmd, source in SOURCES.items():
    args = cmd.split()
    h = run(args + ["--help"])
    if h.returncode != 0 or h.stderr:
        failures.append(f"assess {cmd} --help: status {h.returncode}, stderr {h.stderr!r}")
        continue
    help_text = h.stdout
    listed = set(OPTION.findall(help_text))
    if "DESIGN" in help_text:
        failures.append(f"assess {cmd} --help cites DESIGN, which is not in the repository")
    own = accepted(cmd)
    # `report` also answers --batch (with its own options, shown in its usage)
    others = accepted("report --batch") if cmd == "report" else set()
    for opt in sorted(listed):
        if opt not in own | others:
            failures.append(f"assess {cmd} --help lists {opt}, which {source} does not accept")
            continue
        if opt in ALWAYS or opt in others - own:
            continue
        r = run(args + [opt])
        if "unknown option" in r.stderr:
            failures.append(f"assess {cmd} {opt}: {r.stderr.strip()}")
    for opt in sorted(own - listed):
        failures.append(f"assess {cmd} accepts {opt}, which its --help does not list")

for f in failures:
    print(f)
print(f"{len(SOURCES)} commands' help checked, {len(failures)} problems")
sys.exit(1 if failures else 0)
