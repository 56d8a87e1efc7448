#!/usr/bin/env python3
"""Cost of the name stages (orgs, places, programs) per 100 words, in steady state.

    python bench/names_speed.py [--rounds N] [--docs GLOB]

Loads the tune split of the bundled corpus (or ``--docs``), runs every earlier pipeline stage once per document,
then times ``orgs.run``, ``places.run`` and ``programs.run`` on fresh contexts; the first round
warms the lexicon caches and is not counted (its one-time cost is printed separately). CPU time
of this process, best of ``--rounds``: the figure that does not depend on what else the machine
is doing.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs.extract import orgs, places, programs  # noqa: E402
from itp_docs.extract.pipeline import build_context, stages  # noqa: E402
from itp_docs.load import read_document  # noqa: E402

TIMED = (("orgs", orgs.run), ("places", places.run), ("programs", programs.run))


def _contexts(docs):
    out = []
    for d in docs:
        ctx = build_context(d.text, d.source)
        _ = ctx.tokens
        for name, fn in stages():
            if name in ("orgs", "places", "programs", "news", "link"):
                break
            fn(ctx)
        out.append(ctx)
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--docs", help="a glob of documents (default: the corpus, tune split)")
    args = ap.parse_args()
    if args.docs:
        paths = sorted(glob.glob(args.docs))
    else:
        gold = ROOT / "tests" / "data" / "gold" / "corpus"
        tune = {p.stem for p in gold.glob("*.json")
                if json.loads(p.read_text(encoding="utf-8")).get("split", "tune") == "tune"}
        paths = [p for p in sorted(glob.glob(str(ROOT / "corpus" / "*"))) if Path(p).stem in tune]
    docs = [read_document(p) for p in paths]
    words = sum(len(d.text.split()) for d in docs)
    t0 = time.process_time()
    for ctx in _contexts(docs[:1]):
        for _name, fn in TIMED:
            fn(ctx)
    print(f"one-time lexicon and gazetteer loading: {time.process_time() - t0:.2f} s")
    for ctx in _contexts(docs):          # warm the per-word caches
        for _name, fn in TIMED:
            fn(ctx)
    best = {name: float("inf") for name, _ in TIMED}
    for _ in range(args.rounds):
        ctxs = _contexts(docs)
        spent = dict.fromkeys(best, 0.0)
        for ctx in ctxs:
            for name, fn in TIMED:
                t = time.process_time()
                fn(ctx)
                spent[name] += time.process_time() - t
        for name, v in spent.items():
            best[name] = min(best[name], v)
    per100 = {k: v / words * 100 * 1000 for k, v in best.items()}
    print(f"{len(docs)} documents, {words:,} words; best of {args.rounds} rounds, CPU time")
    for name, v in per100.items():
        print(f"  {name:9} {v:.3f} ms per 100 words")
    print(f"  {'total':9} {sum(per100.values()):.3f} ms per 100 words "
          f"(orgs includes the shared word units; places includes finding programs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
