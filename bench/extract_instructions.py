#!/usr/bin/env python3
"""Instructions (valgrind callgrind) of one warm extraction: a load-independent speed figure.

    python bench/extract_instructions.py FILE [FILE ...] [--docs DIR --warm 100 --count 100]

On a shared machine CPU times of the same run drift by a third; the instruction count of the
same work does not (it varies by well under 1% between runs: hash seeds, collector timing).
Each FILE is extracted once to warm the caches (as the second of extract_speed.py's repeated
runs) and once more under measurement; with --docs, the first --warm documents of DIR (sorted,
recursively) warm up and the next --count are measured, as in an index build. Only the measured
extraction is counted: it runs inside functools.reduce, and callgrind collects only within that
function (--toggle-collect). Needs valgrind; the code measured is the checkout holding this
script (whatever the current directory and PYTHONPATH).
A run costs about 50x the plain time (a minute or two per file).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import functools, sys
sys.path.insert(0, sys.argv[1])     # the code next to this script (python -c would put the cwd first)
from pathlib import Path
from itp_docs import batch
from itp_docs.extract.pipeline import extract_document
from itp_docs.load import read_document
batch.tune_gc()
extract_document(read_document(next(Path(sys.argv[1], "corpus").glob("kk_*.txt"))))
batch.settle_gc()
if sys.argv[2] == "--docs":
    files = sorted(p for p in Path(sys.argv[3]).rglob("*") if p.is_file())
    warm, count = int(sys.argv[4]), int(sys.argv[5])
    for p in files[:warm]:
        extract_document(read_document(p))
    docs = [read_document(p) for p in files[warm:warm + count]]
else:
    docs = [read_document(Path(sys.argv[2]))]
    extract_document(docs[0])
functools.reduce(lambda _, d: extract_document(d), docs, None)
"""


def instructions(args: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        r = subprocess.run(["valgrind", "--tool=callgrind", "--toggle-collect=functools_reduce",
                            f"--callgrind-out-file={out}", sys.executable, "-c", CHILD, str(ROOT), *args],
                           capture_output=True, text=True, env=os.environ)
        m = re.search(r"Collected : (\d+)", r.stderr)
        if r.returncode != 0 or not m:
            sys.exit(f"valgrind failed ({r.returncode}): {r.stderr[-500:]}")
        return int(m.group(1))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--docs", help="a folder of documents (an index build's per-document cost)")
    ap.add_argument("--warm", type=int, default=100)
    ap.add_argument("--count", type=int, default=100)
    a = ap.parse_args()
    for f in a.files:
        n = instructions([f])
        mb = Path(f).stat().st_size / 2**20
        print(f"{Path(f).name:28} {n / 1e9:7.3f} G instructions  ({n / mb / 1e9:.2f} G/MB)", flush=True)
    if a.docs:
        n = instructions(["--docs", a.docs, str(a.warm), str(a.count)])
        print(f"{a.count} documents after {a.warm}: {n / 1e9:.3f} G instructions ({n / a.count / 1e6:.1f} M/doc)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
