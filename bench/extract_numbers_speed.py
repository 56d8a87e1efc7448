#!/usr/bin/env python3
"""Cost of the number-like extraction stages (dates, money, percent, laws) per 100 words.

    python bench/extract_numbers_speed.py [--passes N] [--repeat K] [--all] [PATH ...]

Runs each stage on every tune-split document of the bundled corpus (``--all``: every corpus
document; or the given files) in pipeline
order, document by document, and prints the best of N passes per stage in ms per 100 words.
Every pass works on fresh copies of the texts, so per-text caches start cold as they do for a
new document; lexicons, compiled patterns and per-word caches are warm after the first pass,
as they are in a long-running indexer. The goal: all four together well under 1 ms per 100
words. Loading, normalization and the other stages are not counted.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs.extract import dates, laws, money, percent  # noqa: E402
from itp_docs.extract.pipeline import build_context  # noqa: E402
from itp_docs.load import read_document  # noqa: E402

STAGES = (("dates", dates.run), ("money", money.run), ("percent", percent.run), ("laws", laws.run))


def _corpus(everything: bool) -> list[Path]:
    out = []
    for g in sorted((ROOT / "tests" / "data" / "gold" / "corpus").glob("*.json")):
        gold = json.loads(g.read_text(encoding="utf-8"))
        if everything or gold.get("split", "tune") == "tune":
            out.append(ROOT / "corpus" / gold["source"])
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="*", help="documents (default: corpus/*)")
    ap.add_argument("--passes", type=int, default=5)
    ap.add_argument("--repeat", type=int, default=3, help="copies of the document set per pass")
    ap.add_argument("--all", action="store_true", help="every corpus document, not only the tune split")
    args = ap.parse_args()
    paths = [Path(p) for p in args.paths] or _corpus(args.all)
    docs = [read_document(p) for p in paths]
    words = sum(len(d.text.split()) for d in docs) * args.repeat
    best = {name: float("inf") for name, _ in STAGES}
    found = 0
    for k in range(args.passes):
        ctxs = [build_context(d.text + " " * (k * args.repeat + r + 1), d.source, d.title)
                for r in range(args.repeat) for d in docs]
        spent = dict.fromkeys(best, 0.0)
        for ctx in ctxs:
            for name, fn in STAGES:
                t0 = time.perf_counter()
                fn(ctx)
                spent[name] += time.perf_counter() - t0
        found = sum(len(c.entities) for c in ctxs)
        for name in best:
            best[name] = min(best[name], spent[name])
    print(f"{len(docs)} documents x {args.repeat}, {words:,} words, {found:,} entities per pass; "
          f"best of {args.passes} passes")
    for name, sec in best.items():
        print(f"  {name:8} {sec * 1000 / words * 100:7.3f} ms/100 words")
    total = sum(best.values())
    print(f"  {'total':8} {total * 1000 / words * 100:7.3f} ms/100 words "
          f"({words / total:,.0f} words/s for these stages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
