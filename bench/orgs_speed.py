#!/usr/bin/env python3
"""CPU time of the ORG stage alone: the stages before it run untimed on each document, then
``orgs.run`` is timed with ``time.process_time`` (load-independent enough on a shared machine,
unlike wall time).

    PYTHONPATH=$PWD .venv/bin/python bench/orgs_speed.py [--docs N] [--warm N] [--ragged FILE]
        [--only gen|ragged] [--profile OUT] [--against OTHER_ORGS_PY]

Generated documents come from --gen (default: the first --docs files under
/tmp/s1/keep/size-10000/docs); each is read once, as in an index build, so the per-word caches
are as warm as they would be there (the pipeline's warm-up texts run first, and the collector is
tuned as in ``itp_docs.batch``). The ragged table
(bench/extract_speed.py --only bad --keep DIR) is timed separately and reported in s/MB of text.
"""
from __future__ import annotations

import argparse
import cProfile
import sys
import time
from pathlib import Path

from itp_docs import batch
from itp_docs.extract import orgs, pipeline
from itp_docs.extract.context import Context
from itp_docs.load import read_document


def prepared(path: Path) -> Context:
    """A context with every stage before ORG already run."""
    doc = read_document(path)
    ctx = pipeline.build_context(doc.text, doc.source, doc.title)
    for name, fn in pipeline.stages():
        if name == "orgs":
            break
        fn(ctx)
    return ctx


def timed(ctxs: list[Context], prof: cProfile.Profile | None) -> float:
    """CPU seconds of orgs.run over the contexts."""
    total = 0.0
    for ctx in ctxs:
        if prof is not None:
            prof.enable()
        t0 = time.process_time()
        orgs.run(ctx)
        total += time.process_time() - t0
        if prof is not None:
            prof.disable()
    return total


def load_other(path: str):
    """Another version of orgs.py (e.g. ``git show START:itp_docs/extract/orgs.py``) as a module of
    the same package, sharing every other module and cache with this one."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("itp_docs.extract._orgs_other", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


def paired(files: list[Path], other, prof: cProfile.Profile | None) -> None:
    """Each document through both versions in one process, in alternating order: on a shared
    machine the load changes between runs, not between two calls a millisecond apart. The two
    versions share every other cache, and the comparison is not symmetric: the same file on both
    sides (an A/A run) came out 9-11% slower as this one than as the other; compare against that."""
    mine = theirs = 0.0
    for n, p in enumerate(files):
        ctxs: dict[int, Context] = {}
        for which in ((0, 1) if n % 2 else (1, 0)):
            ctx = ctxs[which] = prepared(p)     # prepared right before its run, like the other
            t0 = time.process_time()
            (orgs.run if which == 0 else other.run)(ctx)
            dt = time.process_time() - t0
            if which == 0:
                mine += dt
            else:
                theirs += dt
        a, b = ctxs[0], ctxs[1]
        ea = [(e.type, e.start, e.end, e.normalized, e.attrs) for e in a.entities]
        eb = [(e.type, e.start, e.end, e.normalized, e.attrs) for e in b.entities]
        assert ea == eb, p
    print(f"paired over {len(files)} docs: this orgs.py {1000 * mine / len(files):.3f} ms/doc, "
          f"other {1000 * theirs / len(files):.3f} ms/doc CPU ({100 * (mine / theirs - 1):+.1f}%)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gen", default="/tmp/s1/keep/size-10000/docs")
    ap.add_argument("--docs", type=int, default=300)
    ap.add_argument("--skip", type=int, default=0, help="start after this many generated docs")
    ap.add_argument("--warm", type=int, default=0,
                    help="first run the stages over this many other generated docs, untimed (an index "
                         "build of thousands of documents mostly meets words its caches have seen)")
    ap.add_argument("--ragged", default="/tmp/orgspeed-bench/bad/ragged_table.txt")
    ap.add_argument("--profile", help="write cProfile stats of the timed orgs.run calls here")
    ap.add_argument("--only", choices=("gen", "ragged"))
    ap.add_argument("--against", help="another orgs.py to time document by document against this one")
    a = ap.parse_args()
    # As the CLI runs a batch: fewer collections, and what warm-up loaded frozen out of sight.
    batch.tune_gc()
    pipeline.warm_up()
    batch.settle_gc()
    prof = cProfile.Profile() if a.profile else None
    if a.against:
        other = load_other(a.against)
        every = sorted(p for p in Path(a.gen).rglob("*") if p.is_file())
        files = every[a.skip:a.skip + a.docs] if a.only != "ragged" else []
        if a.only != "gen" and Path(a.ragged).exists():
            files.append(Path(a.ragged))
        for p in every[a.skip + a.docs:a.skip + a.docs + a.warm]:
            orgs.run(prepared(p))
            other.run(prepared(p))
        paired(files, other, prof)
        return
    if a.only != "ragged":
        every = sorted(p for p in Path(a.gen).rglob("*") if p.is_file())
        files = every[a.skip:a.skip + a.docs]
        for p in every[a.skip + a.docs:a.skip + a.docs + a.warm]:
            orgs.run(prepared(p))
        # Prepare and time one document at a time: the caches see documents in index-build order.
        total = 0.0
        words = 0
        for p in files:
            ctx = prepared(p)
            words += len(ctx.text.split())
            total += timed([ctx], prof)
        print(f"generated: {len(files)} docs, {words / len(files):.0f} words/doc, "
              f"orgs {1000 * total / len(files):.3f} ms/doc CPU")
    if a.only != "gen" and Path(a.ragged).exists():
        ctx = prepared(Path(a.ragged))
        mb = len(ctx.text.encode()) / 2**20
        t = timed([ctx], prof)
        print(f"ragged: {mb:.3f} MB, orgs {t:.3f} s CPU = {t / mb:.3f} s/MB")
    if prof is not None:
        prof.dump_stats(a.profile)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
