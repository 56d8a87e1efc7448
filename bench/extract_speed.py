#!/usr/bin/env python3
"""End-to-end extraction speed: words/s over >= 1 MB of mixed text, scaling with --jobs 2, and
the time per MB of pathological files.

    python bench/extract_speed.py [--mb 2] [--repeat 3] [--keep DIR] [--only mixed|bad] [--copies]

The mixed set is the bundled corpus (decrees and news, Kazakh and Russian, txt/HTML/Markdown)
once, then distinct generated documents (bench/gen_docs.py) up to --mb megabytes of text;
``--copies`` uses the corpus copied enough times instead (the set of earlier runs: its repeated
documents hit the pipeline's caches, see make_mixed). Each configuration runs `itp-docs extract
--format jsonl` as a separate process (so start-up and model loading count, as for a user) and
the median wall time of --repeat runs is reported. The pathological files: one line of 200,000
characters, thousands of unbalanced quotes, a ragged table (rows with random cell counts), and a
file of 20,000 short lines; the goal is under 2 s per MB each.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin" / "itp-docs"


CPU: list[float] = []     # CPU seconds (user + system, all processes) of each run() call


def run(args: list[str]) -> float:
    """Wall seconds of one `itp-docs` process; its CPU seconds go to CPU (on a shared machine
    the CPU time tells whether a slow wall time was this program or the neighbours)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    r = subprocess.run([str(BIN), *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    if r.returncode != 0:
        print(f"  (exit {r.returncode}: {r.stderr.strip()[:200]})")
    return dt


def words_in(folder: Path) -> int:
    sys.path.insert(0, str(ROOT))
    from itp_docs.load import read_document

    n = 0
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            n += len(read_document(p).text.split())
    return n


def make_mixed(dest: Path, mb: float) -> None:
    """The bundled corpus once, then distinct generated documents (bench/gen_docs.py: kk and ru
    decrees and news of ~320 words, names, amounts and dates drawn from the lexicons) up to
    ``mb`` megabytes. No document repeats: repeated documents would hit the pipeline's caches
    (per paragraph, per word, per phrase) from their second copy on, which flatters one process
    and charges every worker of a parallel run for the same first copy."""
    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
    (dest / "corpus").mkdir(parents=True)
    for p in files:
        shutil.copy(p, dest / "corpus" / p.name)
    size = sum(p.stat().st_size for p in files)
    sys.path.insert(0, str(ROOT / "bench"))
    from gen_docs import Generator, Lexicons

    gen = Generator(Lexicons(3), 3)
    i = 0
    while size < mb * 2**20:
        d = gen.doc(i)
        path = dest / "generated" / d.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        data = d.text.encode("utf-8")
        path.write_bytes(data)
        size += len(data)
        i += 1


def make_copies(dest: Path, mb: float) -> None:
    """The corpus copied until ``mb`` megabytes (the set of earlier runs, see make_mixed)."""
    files = sorted(p for p in (ROOT / "corpus").iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    copies = max(1, int(mb * 2**20 / size + 0.999))
    for c in range(copies):
        d = dest / f"copy{c:03d}"
        d.mkdir(parents=True)
        for p in files:
            shutil.copy(p, d / p.name)


def make_pathological(dest: Path, seed: int = 7, scale: float = 1.0) -> dict[str, Path]:
    """The four bad files, drawn with ``seed``: each repeat reads files of the same shape but
    other content, so that caches keyed by a document's text (shared by the stages of one
    document) do not serve a repeat from the run before it. ``scale`` multiplies their sizes
    (--scaling: time must grow in proportion)."""
    rnd = random.Random(seed)
    dest.mkdir(parents=True, exist_ok=True)     # (--keep: rewritten with the same content)
    words_kk = "Алматы қаласының әкімі Бауыржан Байбек 95 млрд теңге 2018 жылғы 5 наурыз «Самрұқ-Қазына» АҚ".split()
    words_ru = "Правительство РК постановление № 827 от 12 декабря 2017 года 3,8 трлн тенге «Цифровой Казахстан»".split()
    out = {}
    p = dest / "long_line.txt"
    line = []
    chars = 0
    while chars < 200_000 * scale:
        line.append(rnd.choice(words_kk + words_ru))
        chars += len(line[-1]) + 1
    p.write_text(" ".join(line), encoding="utf-8")
    out["one 200,000-character line"] = p
    p = dest / "quotes.txt"
    parts = []
    for i in range(int(6000 * scale)):
        parts.append(rnd.choice(["«", "»", "\"", "„", "“"]) + rnd.choice(words_kk + words_ru))
    p.write_text(" ".join(parts), encoding="utf-8")
    out["6,000 unbalanced quotes"] = p
    p = dest / "ragged_table.txt"
    rows = []
    for i in range(int(3000 * scale)):
        cells = [str(i + 1) + "."] + [" ".join(rnd.choice(words_kk) for _ in range(rnd.randint(0, 6)))
                                      for _ in range(rnd.randint(0, 9))]
        rows.append("\t|\t".join(cells))
    p.write_text("Қоса берілген іс-шаралар жоспары\n" + "\n".join(rows), encoding="utf-8")
    out["3,000-row ragged table"] = p
    p = dest / "short_lines.txt"
    p.write_text("\n".join(rnd.choice(words_ru + words_kk) for _ in range(int(20000 * scale))), encoding="utf-8")
    out["20,000 short lines"] = p
    return out


def scaling(tmp: Path, mixed: Path) -> None:
    """CPU time per MB of each pathological file at 0.5x, 1x, 2x and 4x its size (new content
    at each size), next to ordinary documents read in the same process: a super-linear step
    shows as a growing figure."""
    from itp_docs.extract.pipeline import extract_document
    from itp_docs.load import read_document

    scales = (0.5, 1.0, 2.0, 4.0)
    sets = {sc: make_pathological(tmp / f"scale-{sc}", seed=100 + int(sc * 10), scale=sc) for sc in scales}
    print("scaling (CPU s/MB at " + ", ".join(f"{sc:g}x" for sc in scales) + " the size; last/first):")
    for label in sets[1.0]:
        per_mb = []
        for sc in scales:
            p = sets[sc][label]
            c0 = time.process_time()
            extract_document(read_document(p))
            per_mb.append((time.process_time() - c0) / (p.stat().st_size / 2**20))
        print(f"  {label:28} " + "  ".join(f"{x:5.2f}" for x in per_mb) + f"   {per_mb[-1] / per_mb[0]:.2f}")
    files = sorted(p for p in mixed.rglob("*") if p.is_file())
    size = sum(p.stat().st_size for p in files) / 2**20
    c0 = time.process_time()
    for p in files:
        extract_document(read_document(p))
    print(f"  ordinary documents ({len(files)} files, {size:.2f} MB), same process: "
          f"{(time.process_time() - c0) / size:.2f} s/MB")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=1.2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--keep")
    ap.add_argument("--only", choices=["mixed", "bad"], help="run one half of the benchmark")
    ap.add_argument("--scaling", action="store_true",
                    help="also time each pathological file at half, single, double and quadruple size "
                         "(time per MB must stay flat), and ordinary text in the same process")
    ap.add_argument("--copies", action="store_true",
                    help="mixed set = the corpus copied (earlier runs' set) instead of distinct documents")
    args = ap.parse_args()
    if not BIN.exists():
        sys.exit(f"{BIN} not found: run `make venv` (or `make test`) first")
    tmp = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="itp-bench-"))
    try:
        mixed = tmp / ("copies" if args.copies else "mixed-distinct")
        if not mixed.exists():
            (make_copies if args.copies else make_mixed)(mixed, args.mb)
        mb = sum(p.stat().st_size for p in mixed.rglob("*") if p.is_file()) / 2**20
        nwords = words_in(mixed)
        print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}")
        sys.path.insert(0, str(ROOT))
        from itp_docs.extract.lexcache import cache_dir

        cdir = cache_dir()
        cached = len(list(cdir.glob("*.marshal"))) if cdir and cdir.is_dir() else 0
        print(f"lexicon analysis cache: {cdir or 'off'} ({cached} files before this run; the first "
              "run of a configuration fills it)")
        print(f"mixed set ({'corpus copies' if args.copies else 'corpus + distinct generated documents'}): {mb:.2f} MB on disk, {nwords:,} words, {sum(1 for _ in mixed.rglob('*.*'))} files")
        base = None
        for jobs in (1, 2) if args.only != "bad" else ():
            del CPU[:]
            times = [run(["extract", str(mixed), "--format", "jsonl", "--jobs", str(jobs)]) for _ in range(args.repeat)]
            med = statistics.median(times)
            base = base or med
            print(f"--jobs {jobs}: median {med:.2f}s of {args.repeat} -> {nwords / med:,.0f} words/s"
                  + (f", {base / med:.2f}x the one-process speed" if jobs > 1 else "")
                  + f"  (runs {', '.join(f'{t:.2f}' for t in times)}; CPU median {statistics.median(CPU):.2f}s)")
        if args.only == "mixed":
            print(f"load average {os.getloadavg()[0]:.2f}")
            return 0
        print("pathological files (goal: < 2 s per MB; in-process, after one warm-up document,")
        print("so start-up does not dominate these small files; process wall time in brackets;")
        print("CPU time per MB after it, which neighbours on a shared machine disturb less):")
        sys.path.insert(0, str(ROOT))
        from itp_docs import batch
        from itp_docs.extract.pipeline import extract_document
        from itp_docs.load import read_document

        batch.tune_gc()          # as `itp-docs` does at start-up,
        extract_document(read_document(next((ROOT / "corpus").glob("kk_*.txt"))))
        batch.settle_gc()        # and after its first document
        sets = [make_pathological(tmp / f"bad-{k}", seed=7 + k) for k in range(args.repeat)]
        for label, p in sets[0].items():
            size = p.stat().st_size / 2**20
            times, per_mb, cpu_mb = [], [], []
            for files in sets:
                mb_k = files[label].stat().st_size / 2**20
                t0, c0 = time.perf_counter(), time.process_time()
                extract_document(read_document(files[label]))
                times.append(time.perf_counter() - t0)
                per_mb.append(times[-1] / mb_k)
                cpu_mb.append((time.process_time() - c0) / mb_k)
            t = statistics.median(times)
            wall = run(["extract", str(p), "--format", "json"])
            print(f"  {label:28} {size:5.2f} MB  {t:5.2f}s  -> {statistics.median(per_mb):5.2f} s/MB  [{wall:.2f}s]"
                  f"  (CPU {statistics.median(cpu_mb):.2f} s/MB)")
        if args.scaling:
            scaling(tmp, mixed)
        print(f"load average {os.getloadavg()[0]:.2f}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
