"""An output is synced to disk before it takes the name of a file it
replaces (a crash must not leave an empty file where a good one was), and
not when its name is new (a sync costs more than writing a report).

Runs the command under strace, watching fsync and syncfs, for each way an
output is written: a stream (score CSV), a file a library writes by name
(report PDF), and a batch's files.

usage: sync_check.py ASSESS SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile

assess, src = sys.argv[1], sys.argv[2]
city = os.path.join(src, "examples/cities/riverton.csv")
cohort = os.path.join(src, "tests/data/cohort")


def syncs(args, tmp):
    """The fsync and syncfs calls of one run (which must succeed)."""
    log = os.path.join(tmp, "strace.log")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=fsync,fdatasync,syncfs", "-o", log,
                    assess] + args, check=True, stdout=subprocess.DEVNULL)
    with open(log) as f:
        calls = [line for line in f if "sync" in line]
    os.unlink(log)
    return len(calls)


def check(name, args, target, tmp):
    first = syncs(args, tmp)
    assert os.path.getsize(target) > 0, f"{name}: {target} not written"
    assert first == 0, f"{name}: a new file was synced ({first} calls)"
    again = syncs(args, tmp)
    assert again >= 1, f"{name}: a file that replaced another was not synced"
    print(f"{name}: new file 0 syncs, replacing {again}")


with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "r.csv")
    check("score --format csv", ["score", city, "--format", "csv", "-o", out], out, tmp)
    out = os.path.join(tmp, "r.pdf")
    check("report PDF", ["report", city, "-o", out], out, tmp)
    out = os.path.join(tmp, "batch")
    check("report --batch", ["report", "--batch", "-q", os.path.join(cohort, "q"),
                             os.path.join(cohort, "cohort.csv"), "-o", out, "-j", "2",
                             "--formats", "pdf", "--quiet"],
          os.path.join(out, "e1.pdf"), tmp)
    # standard output is never synced
    assert syncs(["score", city, "--format", "csv", "-o", "-"], tmp) == 0
print("sync_check: ok")
