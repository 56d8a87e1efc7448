#!/usr/bin/env python3
"""Recall and MRR of `itp-docs search` on the judged query sets over corpus/.

    python bench/search_quality.py [--queries tests/data/queries.json] [--index DIR] [--verbose]

Builds a fresh index of corpus/ in a temporary folder (unless --index is given), runs every
query through the same engine as `itp-docs search --queries`, and scores with the definition of
shared/eval/score_search.py (recall within the top max(10, |relevant|), reciprocal rank).
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs.evaluate import score_search  # noqa: E402
from itp_docs.index import build  # noqa: E402
from itp_docs.index.search import Engine  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", default=str(ROOT / "tests" / "data" / "queries.json"))
    ap.add_argument("--index")
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--dump", help="write the results as JSON lines here")
    args = ap.parse_args()
    queries = json.loads(Path(args.queries).read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        ix = Path(args.index) if args.index else Path(tmp) / "ix"
        if not args.index:
            t0 = time.perf_counter()
            build.update([str(ROOT / "corpus")], ix)
            print(f"indexed corpus in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
        results = {}
        t0 = time.perf_counter()
        lines = []
        with Engine(ix) as eng:
            for q in queries:
                res = eng.search(q["q"], limit=max(10, len(q["relevant"])))
                results[q["q"]] = [h.source for h in res.hits]
                lines.append(json.dumps(res.as_dict(), ensure_ascii=False))
        dt = time.perf_counter() - t0
    if args.dump:
        Path(args.dump).write_text("\n".join(lines) + "\n", encoding="utf-8")
    rep = score_search(queries, results)
    if args.verbose:
        for f in rep.failures:
            print(f"{f['q']!r:45} [{f['kind']}] recall={f['recall']:.2f} rr={f['rr']:.2f} "
                  f"missing={f['missing']} top={f['top']}")
    print(rep.summary())
    print(f"{len(queries)} queries in {dt:.2f}s ({1000 * dt / max(len(queries), 1):.1f} ms/query)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
