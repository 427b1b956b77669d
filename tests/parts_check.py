#!/usr/bin/python3
"""parts_check.py ASSESS GEN_COHORT SOURCE_DIR — a large file read in parts on
several threads (assess/responses_parts.c) gives what reading it row by row
gives.  gen_cohort writes 12,000 submissions with survey answers (1.7 MB, over
the size the parts start at); the same file with one field quoted is read row
by row (the parts take no quote).  Each is read under the same name in a
folder of its own, so that every message is comparable byte for byte:

- score as CSV, JSON and text, and the benchmark CSV, are the same;
- a spelling of an entity given again in the last row warns with both lines
  (the parts' lines counted from the file's start);
- a wrong answer in a late row stops the file with its line, like row by row.
"""
import os
import subprocess
import sys
import tempfile

ASSESS, GEN, SRC = sys.argv[1], sys.argv[2], sys.argv[3]
GARE = os.path.join(SRC, "questionnaires", "gare-local")
TMP = tempfile.mkdtemp(prefix="parts-check-")
BAD = []


def fail(msg):
    BAD.append(msg)
    print("FAIL: " + msg)


def run(folder, *args):
    p = subprocess.run([ASSESS, *args], cwd=folder, capture_output=True)
    return p.returncode, p.stdout, p.stderr


subprocess.run([GEN, "-q", GARE, "-o", os.path.join(TMP, "gen.csv"), "--cities", "12000",
                "--cycles", "2026", "--multi", "0.05"], check=True)
with open(os.path.join(TMP, "gen.csv"), "rb") as f:
    lines = f.read().split(b"\n")
if lines[-1] == b"":
    lines.pop()
if any(b'"' in line for line in lines) or os.path.getsize(os.path.join(TMP, "gen.csv")) < 2**20 + 2**18:
    sys.exit("parts_check: gen_cohort's file is not one the parts read")
first = lines[1].split(b",")[0]
last = lines[-1].split(b",")


def write(name, rows):
    folder = os.path.join(TMP, name)
    os.mkdir(folder)
    with open(os.path.join(folder, "in.csv"), "wb") as f:
        f.write(b"\n".join(rows) + b"\n")
    return folder


def quoted(rows):
    """The same rows with the first data row's entity quoted: read row by row."""
    cells = rows[1].split(b",")
    cells[0] = b'"' + cells[0] + b'"'
    return [rows[0], b",".join(cells)] + rows[2:]


def compare(what, rows, commands):
    parts, whole = write(what + "-parts", rows), write(what + "-rows", quoted(rows))
    for args in commands:
        a, b = run(parts, *args), run(whole, *args)
        if a != b:
            fail(f"{what}: assess {' '.join(args)} differs in parts (status {a[0]}) and row "
                 f"by row (status {b[0]}): {a[2][:300]!r} / {b[2][:300]!r}")
    return run(parts, *commands[0])


commands = [["score", "-q", GARE, "in.csv", "--format", "csv", "-o", "-"],
            ["score", "-q", GARE, "in.csv", "--format", "json", "-o", "-"],
            ["score", "-q", GARE, "in.csv", "--format", "text", "-o", "-"],
            ["benchmark", "-q", GARE, "in.csv", "-o", "-", "--by", "region"]]
st, out, err = compare("plain", lines, commands)
nrows = out.count(b"\n")
if st != 0 or nrows < 11000:
    fail(f"plain: status {st}, {nrows} lines of CSV: {err[:300]!r}")

# the first entity again, in capitals, on the last line
again = list(last)
again[0] = first.upper()
rows = lines + [b",".join(again)]
st, out, err = compare("spelling", rows, commands[:1])
want = (f'in.csv:{len(rows)}: warning: "{first.upper().decode()}" and "{first.decode()}" '
        f"(in.csv:2) differ only in letter case").encode()
if st != 0 or want not in err:
    fail(f"spelling: status {st}, no {want!r} in {err[:400]!r}")

# a wrong answer 2,000 rows before the end
bad = len(lines) - 2000
cells = lines[bad - 1].split(b",")
header = lines[0].split(b",")
cells[header.index(b"vision_shared")] = b"7"
rows = lines[:bad - 1] + [b",".join(cells)] + lines[bad:]
st, out, err = compare("wrong", rows, commands[:1])
want = f'in.csv:{bad}: error: column "vision_shared": "7" does not answer'.encode()
if st != 1 or want not in err or out:
    fail(f"wrong: status {st}, {len(out)} bytes out, no {want!r} in {err[:400]!r}")

if BAD:
    print(f"{len(BAD)} failed; files in {TMP}")
    sys.exit(1)
subprocess.run(["rm", "-rf", TMP])
print("parts_check: all passed")
