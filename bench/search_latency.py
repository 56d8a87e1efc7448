"""Query latency on an index that search_speed.py already built (no rebuild).

    .venv/bin/python bench/search_latency.py /tmp/itp-speed/size-100000 [--per-kind 50] [--index ix-j2]

Uses search_speed.py's own query set (``WORK/queries.tsv``), searcher and timing (every query
run twice, the second run timed), so the figures compare with its table; use it to re-measure
queries after a change to search without the hour a 100,000-document rebuild takes. Prints
p50 / p95 / max per query kind, queries with hits, the slowest queries and the load average.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import search_speed as ss  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("work", type=Path, help="a size folder of search_speed.py --keep (holds queries.tsv)")
    ap.add_argument("--index", default="ix-j2", help="index folder inside WORK")
    ap.add_argument("--per-kind", type=int, default=50)
    args = ap.parse_args(argv)
    ix = args.work / args.index
    if not (args.work / "queries.tsv").exists() or not ix.is_dir():
        print(f"{args.work}: no queries.tsv or no {args.index}/ (run search_speed.py --keep first)", file=sys.stderr)
        return 2
    print(f"load average {os.getloadavg()}")
    eng, opened = ss.our_searcher(ix)
    print(f"searcher open {opened * 1000:.0f} ms (incl. vocabulary)")
    res = ss.time_queries(lambda q: len(eng.search(q, limit=10).hits), ss.read_queries(args.work, args.per_kind))
    for kind, r in res.items():
        if "p50_ms" not in r:
            print(f"{kind:15} no timed query ({len(r['errors'])} errors)")
            continue
        print(f"{kind:15} p50 {r['p50_ms']:7.1f}  p95 {r['p95_ms']:7.1f}  max {r['max_ms']:7.1f}  "
              f"hits {r['with_hits']}/{r['n']}  slowest {r['slowest'][:2]}")
    print(f"load average {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
