#!/usr/bin/python3
"""The docs are true: every ```console block of README.md, docs/*.md and
examples/*/README.md is run, and what each command prints (standard output
and standard error, as a terminal shows them) must be what the block shows.

In a block, a line "$ COMMAND" (continued by a trailing backslash) is run
with bash in a scratch folder that sees the source tree's examples/ and
questionnaires/ and the built command as `assess` (and `build/assess`); the
lines after it, up to the next "$ ", are its output.  A line "…" stands for
any number of lines.

usage: docs_check.py ASSESS SOURCE_DIR
"""
import glob
import os
import re
import subprocess
import sys
import tempfile

ASSESS, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
BLOCK = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


def parse(block):
    """[(command, [expected lines])]"""
    runs, lines = [], block.split("\n")
    k = 0
    while k < len(lines):
        if not lines[k].startswith("$ "):
            k += 1
            continue
        cmd = lines[k][2:]
        while cmd.endswith("\\") and k + 1 < len(lines):
            k += 1
            cmd = cmd + "\n" + lines[k]  # bash reads the continuation itself
        k += 1
        out = []
        while k < len(lines) and not lines[k].startswith("$ "):
            out.append(lines[k])
            k += 1
        while out and out[-1] == "":
            out.pop()
        runs.append((cmd, out))
    return runs


def matches(want, got):
    """want may hold "…" lines, each standing for any number of lines."""
    if not want:
        return not got
    if want[0] == "…":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and want[0] == got[0] and matches(want[1:], got[1:])


def main():
    docs = [f"{SOURCE}/README.md"] + sorted(glob.glob(f"{SOURCE}/docs/*.md")) + \
        sorted(glob.glob(f"{SOURCE}/examples/*/README.md"))
    failures, ran = [], 0
    with tempfile.TemporaryDirectory() as scratch:
        for name in ("examples", "questionnaires"):
            os.symlink(f"{SOURCE}/{name}", f"{scratch}/{name}")
        os.makedirs(f"{scratch}/bin")
        os.symlink(ASSESS, f"{scratch}/bin/assess")
        os.symlink(f"{scratch}/bin", f"{scratch}/build")
        env = dict(os.environ, PATH=f"{scratch}/bin:" + os.environ["PATH"],
                   SOURCE_DATE_EPOCH="1795000000",
                   ASSESS_QUESTIONNAIRE_PATH=f"{SOURCE}/questionnaires")
        for doc in docs:
            text = open(doc, encoding="utf-8").read()
            for block in BLOCK.findall(text):
                for cmd, want in parse(block):
                    ran += 1
                    r = subprocess.run(["bash", "-c", cmd + " 2>&1"], cwd=scratch, env=env,
                                       capture_output=True, text=True, timeout=300)
                    got = r.stdout.rstrip("\n").split("\n") if r.stdout.strip() else []
                    if not matches(want, got):
                        failures.append(f"{os.path.relpath(doc, SOURCE)}: $ {cmd}\n"
                                        f"--- the docs show\n" + "\n".join(want) +
                                        "\n--- it prints\n" + "\n".join(got[:40]) +
                                        ("\n…" if len(got) > 40 else ""))
    for f in failures:
        print(f, end="\n\n")
    print(f"{ran} documented commands run, {len(failures)} differ from their docs")
    sys.exit(1 if failures or ran == 0 else 0)


main()
