#!/usr/bin/env python3
"""Search speed at scale: build throughput, index size, memory, query latency per query kind and
cold-process time, each next to bare Whoosh on the same documents in the same run.

    .venv/bin/python bench/search_speed.py --sizes 10000[,100000] [--jobs 1,2] [--queries-per-kind 50]
        [--keep DIR] [--skip-bare] [--seed 1] [--cold-runs 5]
    .venv/bin/python bench/search_speed.py --sizes 10000 --keep DIR --profile-build 300 --profile-queries

For each size: documents come from ``bench/gen_docs.py`` (regenerated unless ``--keep DIR`` holds
a matching set); our index is built by the real CLI (``itp-docs index --jobs N --rebuild``) in a
child process, once per ``--jobs`` value, timing wall clock and the CPU time of the whole process
tree, and sampling the resident memory of every process in the tree (``/proc/<pid>/status``)
every 0.1 s: "peak RSS" is the largest sum over the tree at one moment. The index built with the
last ``--jobs`` value is then opened once (``Engine``) and every query is run twice; the second,
warm run is timed (p50, p95, max per kind). The cold figure is the wall time of a whole
``itp-docs search QUERY --index DIR`` process, median of ``--cold-runs``.

The baseline is bare Whoosh 2.7: ``Schema(path=ID(stored), body=TEXT(StandardAnalyzer()))`` over
``read_document(path).text``, one writer process (and ``procs=2, multisegment=True`` when 2 is
among ``--jobs``), queried with ``QueryParser("body")`` on the same query strings (it returns
other, usually worse, results: only its speed is a baseline). Ratios are ours / bare.

Goals (at 100,000 documents): p95 ≤ 150 ms for term, inflected, cross-lingual and transliterated
queries, ≤ 300 ms for fuzzy; build ≥ 200 documents/s with ``--jobs 2``; peak memory ≤ 2 GB; cold
search process ≤ 1.5 s. The machine is shared: load averages are printed with the figures, and
CPU seconds per document are less sensitive to neighbours than wall-clock rates.

``--profile-build N`` times where indexing goes on N generated documents in this process (load,
language id, analysis, each extraction stage, record, Whoosh add_document, segment write and
commit, vocabulary), after a warm-up, so one-time lexicon loading is left out.
``--profile-queries`` splits query time per kind into parsing and expansion, Whoosh search and
hit building. Results go to ``bench/out/search_speed-<size>.json`` (``bench/out`` is ignored by git).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
for p in (str(ROOT), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

import gen_docs  # noqa: E402

PY = Path(sys.executable)
CLI = PY.parent / "itp-docs"
OUT = BENCH / "out"
GOALS_P95_MS = {"term": 150, "inflected": 150, "cross-lingual": 150, "transliterated": 150, "fuzzy": 300}
GOAL_BUILD_J2 = 200.0
GOAL_RSS_MB = 2048.0
GOAL_COLD_S = 1.5
MB = 2**20


# --------------------------------------------------------------------------- measuring processes

def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        kids.setdefault(ppid, []).append(int(name))
    return kids


def _status_kb(pid: int) -> tuple[int, int]:
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


class TreeSampler(threading.Thread):
    """Samples the resident memory of a process and all its descendants."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.interval = interval
        self.peak_kb = 0
        self.hwm: dict[int, int] = {}
        self.procs = 1
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            kids = _children_map()
            tree, todo = [], [self.pid]
            while todo:
                p = todo.pop()
                tree.append(p)
                todo.extend(kids.get(p, ()))
            total = 0
            for p in tree:
                rss, hwm = _status_kb(p)
                total += rss
                if hwm:
                    self.hwm[p] = max(self.hwm.get(p, 0), hwm)
            self.procs = max(self.procs, len(tree))
            self.peak_kb = max(self.peak_kb, total)
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_measured(cmd: list[str], env: dict | None = None) -> dict:
    """Run ``cmd`` as a child; wall time, CPU time of its whole tree, peak tree RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    sampler = TreeSampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cmd": " ".join(cmd), "rc": proc.returncode, "wall_s": wall, "cpu_s": cpu,
            "peak_rss_mb": sampler.peak_kb / 1024, "max_hwm_mb": max(sampler.hwm.values(), default=0) / 1024,
            "processes": sampler.procs, "stdout": out[-2000:], "stderr": err[-2000:]}


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MB


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(values)
    return s[max(0, math.ceil(q * len(s)) - 1)] if s else float("nan")


def environment() -> dict:
    import whoosh

    load = os.getloadavg()
    try:  # which engine was measured: the tree changes while benchmarks run
        commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no", "itp_docs"],
                               capture_output=True, text=True, timeout=10).stdout.strip()
        commit += " + uncommitted itp_docs changes" if dirty else ""
    except (OSError, subprocess.SubprocessError):
        commit = "?"
    return {"cpus": os.cpu_count(), "load_avg": [round(x, 2) for x in load], "python": platform.python_version(),
            "whoosh": whoosh.versionstring(), "platform": platform.platform(), "commit": commit,
            "time": time.strftime("%Y-%m-%d %H:%M:%S")}


# --------------------------------------------------------------------------- documents

def prepare_docs(work: Path, n: int, seed: int, queries: int, log) -> tuple[Path, dict]:
    """Generate ``n`` documents in ``work`` unless a matching set is already there."""
    info_path = work / "gen.json"
    want = gen_docs.stamp()
    if info_path.exists():
        info = json.loads(info_path.read_text(encoding="utf-8"))
        if info.get("n") == n and info.get("seed") == seed and info.get("stamp") == want and info.get("queries", 0) >= queries:
            log(f"reusing {n:,} documents in {work} (seed {seed})")
            return work / "docs", info
    if (work / "docs").exists():
        shutil.rmtree(work / "docs")
    log(f"generating {n:,} documents in {work} (seed {seed}) ...")
    info = gen_docs.generate(n, work, seed, max(queries, 100), progress=True)
    s = info["stats"]
    log(f"  {s['seconds']} s; {s['words']:,} words, {s['distinct_words']:,} distinct, Zipf slope {s['zipf_slope']}")
    return work / "docs", info


def read_queries(work: Path, per_kind: int) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in gen_docs.QUERY_KINDS}
    for line in (work / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        kind, q = line.split("\t", 1)
        if kind in out and len(out[kind]) < per_kind:
            out[kind].append(q)
    return out


def doc_files(docs: Path) -> list[str]:
    return sorted(str(p) for p in docs.rglob("*.txt"))


# --------------------------------------------------------------------------- bare Whoosh

def bare_build(docs: str, index_dir: str, procs: int) -> None:
    """(Child process.) Index every file with the standard analyzer; print what was done."""
    from whoosh import index as windex
    from whoosh.analysis import StandardAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    from itp_docs.load import read_document

    schema = Schema(path=ID(stored=True), body=TEXT(analyzer=StandardAnalyzer()))
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    ix = windex.create_in(index_dir, schema)
    files = doc_files(Path(docs))
    if procs > 1:
        w = ix.writer(procs=procs, multisegment=True, limitmb=128)
    else:
        w = ix.writer(limitmb=128)
    for f in files:
        w.add_document(path=f, body=read_document(f).text)
    w.commit()
    with ix.searcher() as s:
        print(json.dumps({"docs": s.doc_count(), "segments": len(ix._segments())}))


def bare_search(index_dir: str, query: str) -> None:
    """(Child process.) One query, the way a minimal Whoosh command line would run it."""
    from whoosh import index as windex
    from whoosh.qparser import QueryParser

    ix = windex.open_dir(index_dir)
    with ix.searcher() as s:
        q = QueryParser("body", ix.schema).parse(query)
        for h in s.search(q, limit=10):
            print(h["path"])


class BareEngine:
    def __init__(self, index_dir: Path) -> None:
        from whoosh import index as windex
        from whoosh.qparser import QueryParser

        self.ix = windex.open_dir(str(index_dir))
        self.searcher = self.ix.searcher()
        self.parser = QueryParser("body", self.ix.schema)

    def search(self, q: str) -> int:
        results = self.searcher.search(self.parser.parse(q), limit=10)
        return len([h["path"] for h in results])


# --------------------------------------------------------------------------- queries

def time_queries(search, queries: dict[str, list[str]]) -> dict[str, dict]:
    """Run every query twice and time the second run; per kind p50/p95/max in ms, the number of
    queries that found something, and the queries that raised (left out of the timings)."""
    out = {}
    for kind, qs in queries.items():
        times, hits, errors, slow = [], 0, [], []
        for q in qs:
            try:
                search(q)
                t0 = time.perf_counter()
                n = search(q)
            except Exception as e:  # an engine bug must not hide the other figures
                errors.append(f"{q!r}: {type(e).__name__}: {e}"[:200])
                continue
            times.append((time.perf_counter() - t0) * 1000)
            slow.append((times[-1], q))
            hits += n > 0
        slow.sort(reverse=True)
        row = {"n": len(qs), "timed": len(times), "with_hits": hits, "errors": errors,
               "slowest": [[round(t, 1), q] for t, q in slow[:3]]}
        if times:
            row.update({"p50_ms": statistics.median(times), "p95_ms": pct(times, 0.95), "max_ms": max(times)})
        out[kind] = row
    return out


def our_searcher(index_dir: Path):
    from itp_docs.index.search import Engine

    t0 = time.perf_counter()
    eng = Engine(index_dir)
    _ = eng.vocab   # the fuzzy vocabulary loads on first use; count it in opening
    opened = time.perf_counter() - t0
    return eng, opened


def cold_runs(cmd_of, queries: list[str], runs: int) -> list[float]:
    out = []
    for i in range(runs):
        q = queries[i % len(queries)]
        t0 = time.perf_counter()
        r = subprocess.run(cmd_of(q), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        out.append(time.perf_counter() - t0)
        if r.returncode != 0:
            raise RuntimeError(f"cold search failed ({r.returncode}): {r.stderr.strip()[:300]}")
    return out


# --------------------------------------------------------------------------- profiling

def _timer(acc: dict[str, float]):
    """``timed(name, fn)``: ``fn`` wrapped to add its wall time to ``acc[name]``."""
    def timed(name, fn):
        def wrapper(*a, **k):
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                acc[name] = acc.get(name, 0.0) + time.perf_counter() - t0
        return wrapper
    return timed


def profile_build(files: list[str], warm: list[str], log) -> dict:
    """Seconds per indexing step on ``files``, in this process, with the real build code: each
    step is wrapped where build.py calls it (they are looked up at call time)."""
    from itp_docs import load as load_mod
    from itp_docs.extract import pipeline
    from itp_docs.index import build, record
    from itp_docs.index.writer import FastSegmentWriter

    tmp = Path(tempfile.mkdtemp(prefix="itp-profile-"))
    try:
        build.update(warm, tmp / "warm", jobs=1, rebuild=True)        # lexicons, caches, imports
        acc: dict[str, float] = {}

        timed = _timer(acc)

        orig = {"read": load_mod.read_document, "ctx": pipeline.build_context, "run": pipeline.run,
                "record": record.build, "add": FastSegmentWriter.add_document, "finish": build._finish_writer,
                "commit": build._commit, "after": build._after_commit}

        def run_stages(ctx, types=None, skip=()):
            t0 = time.perf_counter()
            _ = ctx.tokens          # analysis: computed once, on first use by some stage
            acc["analysis (ctx.tokens)"] = acc.get("analysis (ctx.tokens)", 0.0) + time.perf_counter() - t0
            for name, fn in pipeline.stages(types):
                if name in skip:
                    continue
                t0 = time.perf_counter()
                fn(ctx)
                acc[f"stage {name}"] = acc.get(f"stage {name}", 0.0) + time.perf_counter() - t0
            return ctx

        load_mod.read_document = timed("load + normalize", orig["read"])
        pipeline.build_context = timed("language id (build_context)", orig["ctx"])
        pipeline.run = run_stages
        record.build = timed("record (field values)", orig["record"])
        FastSegmentWriter.add_document = timed("whoosh add_document", orig["add"])
        build._finish_writer = timed("whoosh segment write", orig["finish"])
        build._commit = timed("whoosh commit/merge", orig["commit"])
        build._after_commit = timed("vocabulary (after commit)", orig["after"])
        try:
            t0 = time.perf_counter()
            st = build.update(files, tmp / "ix", jobs=1, rebuild=True, round_files=len(files) + 1)
            total = time.perf_counter() - t0
        finally:
            load_mod.read_document = orig["read"]
            pipeline.build_context = orig["ctx"]
            pipeline.run = orig["run"]
            record.build = orig["record"]
            FastSegmentWriter.add_document = orig["add"]
            build._finish_writer = orig["finish"]
            build._commit = orig["commit"]
            build._after_commit = orig["after"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if not st.added:
        raise SystemExit(f"build profile: no document was indexed ({st.skipped[:1]}); "
                         "the profiler's wrappers no longer match build.py")
    n = st.added
    accounted = sum(acc.values())
    acc["other (hashing, bookkeeping)"] = max(0.0, total - accounted)
    log(f"\nBuild profile: {st.added} documents, {st.words:,} words, {total:.1f} s "
        f"({n / total:.1f} documents/s in one process, no profiler overhead)")
    log(f"  {'step':<36}{'s':>8}{'ms/doc':>9}{'share':>8}")
    for name, s in sorted(acc.items(), key=lambda x: -x[1]):
        log(f"  {name:<36}{s:8.2f}{s / n * 1000:9.1f}{s / total:8.1%}")
    return {"documents": st.added, "seconds": total, "steps": acc}


def profile_queries(eng, queries: dict[str, list[str]], log) -> dict:
    """Per kind, mean ms in parse+expansion, Whoosh search and hit building (warm runs)."""
    from itp_docs.index import search as search_mod

    acc: dict[str, float] = {}

    timed = _timer(acc)

    orig_plan, orig_hit, orig_suggest = search_mod.plan, search_mod.Engine._hit, search_mod.Engine._suggest
    orig_search = eng.searcher.search
    search_mod.plan = timed("parse+expand", orig_plan)
    search_mod.Engine._hit = timed("hits (passages, snippets)", orig_hit)
    search_mod.Engine._suggest = timed("did-you-mean", orig_suggest)
    eng.searcher.search = timed("whoosh search", orig_search)
    out = {}
    try:
        log(f"\nQuery profile (mean ms per query, warm): {'parse+expand':>13}{'whoosh':>9}{'hits':>8}{'suggest':>9}"
            f"{'other':>8}{'total':>8}")
        log("  (whoosh = searcher.search calls; other = the rest of Engine.search, e.g. len(results), which makes"
            " Whoosh count all matches again)")
        for kind, qs in queries.items():
            ok = []
            for q in qs:
                try:
                    eng.search(q)
                    ok.append(q)
                except Exception:
                    pass      # reported by the timed runs
            qs = ok
            acc.clear()
            t0 = time.perf_counter()
            for q in qs:
                eng.search(q)
            total = (time.perf_counter() - t0) * 1000 / max(1, len(qs))
            row = {k: v * 1000 / max(1, len(qs)) for k, v in acc.items()}
            row["other"] = max(0.0, total - sum(row.values()))
            row["total"] = total
            out[kind] = row
            log(f"  {kind:<40}{row.get('parse+expand', 0):13.1f}{row.get('whoosh search', 0):9.1f}"
                f"{row.get('hits (passages, snippets)', 0):8.1f}{row.get('did-you-mean', 0):9.1f}{row['other']:8.1f}"
                f"{total:8.1f}")
    finally:
        search_mod.plan, search_mod.Engine._hit, search_mod.Engine._suggest = orig_plan, orig_hit, orig_suggest
        eng.searcher.search = orig_search
    return out


# --------------------------------------------------------------------------- one size

def bench_size(n: int, args, log) -> dict:
    if args.keep:
        work = Path(args.keep) / f"size-{n}"
        work.mkdir(parents=True, exist_ok=True)
    else:
        work = Path(tempfile.mkdtemp(prefix=f"itp-speed-{n}-"))
    res: dict = {"size": n, "env_start": environment(), "work": str(work)}
    try:
        docs, info = prepare_docs(work, n, args.seed, args.queries_per_kind, log)
        res["corpus"] = info["stats"]
        files = doc_files(docs)
        queries = read_queries(work, args.queries_per_kind)
        res["builds"] = {}
        last_ix = None
        for j in args.jobs:
            ix = work / f"ix-j{j}"
            shutil.rmtree(ix, ignore_errors=True)
            log(f"building our index, --jobs {j} ...")
            m = run_measured([str(CLI), "index", str(docs), "--index", str(ix), "--jobs", str(j), "--rebuild", "-q"])
            if m["rc"] != 0:
                lines = [x for x in m["stderr"].strip().splitlines() if x.strip()]
                m["error"] = " / ".join(lines[-2:])[-400:] if lines else f"exit {m['rc']}"
                res["builds"][f"ours_j{j}"] = m
                log(f"  FAILED after {m['wall_s']:.0f} s: {m['error']}")
                continue
            m["mb"] = dir_mb(ix)
            m.update(_index_facts(ix))
            m["docs_per_s"] = m["docs"] / m["wall_s"]
            m["cpu_ms_per_doc"] = m["cpu_s"] / max(1, m["docs"]) * 1000
            res["builds"][f"ours_j{j}"] = m
            log(f"  {m['docs']:,} documents in {m['wall_s']:.0f} s = {m['docs_per_s']:.1f}/s "
                f"(CPU {m['cpu_ms_per_doc']:.0f} ms/doc), {m['mb']:.0f} MB, {m['segments']} segments, "
                f"peak RSS {m['peak_rss_mb']:.0f} MB over {m['processes']} processes")
            last_ix = ix
        bare_ix = None
        if not args.skip_bare:
            for j in sorted({1, 2} & set(args.jobs)) or [1]:
                bix = work / f"bare-p{j}"
                shutil.rmtree(bix, ignore_errors=True)
                log(f"building bare Whoosh, procs={j}{' multisegment' if j > 1 else ''} ...")
                m = run_measured([str(PY), __file__, "--_bare-build", str(docs), str(bix), str(j)])
                if m["rc"] != 0:
                    m["error"] = m["stderr"].strip().splitlines()[-1] if m["stderr"].strip() else f"exit {m['rc']}"
                    log(f"  FAILED: {m['error']}")
                else:
                    m.update(json.loads(m["stdout"].strip().splitlines()[-1]))
                    m["mb"] = dir_mb(bix)
                    m["docs_per_s"] = m["docs"] / m["wall_s"]
                    m["cpu_ms_per_doc"] = m["cpu_s"] / max(1, m["docs"]) * 1000
                    log(f"  {m['docs']:,} documents in {m['wall_s']:.0f} s = {m['docs_per_s']:.1f}/s, {m['mb']:.0f} MB, "
                        f"peak RSS {m['peak_rss_mb']:.0f} MB")
                    bare_ix = bare_ix or bix      # queries run on the first bare index that was built
                res["builds"][f"bare_p{j}"] = m
        # ------------------------------------------------------------- queries
        if last_ix is None:
            raise RuntimeError("no index was built; nothing to query")
        log(f"queries on {last_ix.name} ({sum(len(v) for v in queries.values())} queries, warm, second run timed) ...")
        eng, opened = our_searcher(last_ix)
        res["open_s"] = {"ours": opened}
        res["queries"] = {"ours": time_queries(lambda q: len(eng.search(q, limit=10).hits), queries)}
        if args.profile_queries:
            res["query_profile"] = profile_queries(eng, queries, log)
        eng.close()
        if bare_ix is not None:
            t0 = time.perf_counter()
            be = BareEngine(bare_ix)
            res["open_s"]["bare"] = time.perf_counter() - t0
            res["queries"]["bare"] = time_queries(be.search, queries)
            be.searcher.close()
        # ------------------------------------------------------------- cold processes
        terms = queries["term"] or [q for v in queries.values() for q in v]
        log(f"cold processes ({args.cold_runs} runs each) ...")
        res["cold_s"] = {"ours": cold_runs(lambda q: [str(CLI), "search", q, "--index", str(last_ix)], terms, args.cold_runs)}
        if bare_ix is not None:
            res["cold_s"]["bare"] = cold_runs(lambda q: [str(PY), __file__, "--_bare-search", str(bare_ix), q],
                                              terms, args.cold_runs)
        if args.profile_build:
            warm = files[-20:]
            res["build_profile"] = profile_build(files[:args.profile_build], warm, log)
        res["env_end"] = environment()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return res


def _index_facts(ix: Path) -> dict:
    from whoosh import index as windex

    w = windex.open_dir(str(ix))
    with w.reader() as r:
        return {"docs": r.doc_count(), "segments": len(w._segments())}


# --------------------------------------------------------------------------- report

def report(res: dict, args, log) -> None:
    n = res["size"]
    e0, e1 = res["env_start"], res.get("env_end", res["env_start"])
    log(f"\n=== {n:,} documents ===")
    log(f"environment: {e0['cpus']} CPUs, load average {e0['load_avg']} at start, {e1['load_avg']} at end; "
        f"Python {e0['python']}, Whoosh {e0['whoosh']}; code {e0['commit']} at start, {e1['commit']} at end")
    c = res["corpus"]
    log(f"corpus: {c['words']:,} words ({c['words'] / n:.0f}/document), {c['distinct_words']:,} distinct, "
        f"Zipf slope {c['zipf_slope']}, {c['by_lang_kind']}")
    goal_note = "" if n >= 100_000 else " (goals are set for 100,000 documents)"
    rows: list[tuple] = []

    def ratio(a, b):
        return f"{a / b:.2f}" if a is not None and b not in (None, 0) else "—"

    def fmt(x, unit=""):
        if x is None:
            return "—"
        return f"{x:,.1f}{unit}" if isinstance(x, float) else f"{x}{unit}"

    b = res["builds"]
    for j in args.jobs:
        o = b.get(f"ours_j{j}")
        bb = b.get(f"bare_p{j}") if j in (1, 2) else None
        if o is None or "error" in o:
            rows.append((f"build --jobs {j}", "FAILED (below)" if o else "—", "", "", "", "NO"))
            continue
        bare_ok = bb and "error" not in bb
        goal = f"≥ {GOAL_BUILD_J2:.0f}" if j == 2 else ""
        met = ("yes" if o["docs_per_s"] >= GOAL_BUILD_J2 else "NO") if j == 2 else ""
        rows.append((f"build documents/s, --jobs {j}", fmt(o["docs_per_s"]),
                     fmt(bb["docs_per_s"]) if bare_ok else (f"failed: {bb['error'][:40]}" if bb else "—"),
                     ratio(o["docs_per_s"], bb["docs_per_s"] if bare_ok else None), goal, met))
        rows.append((f"build CPU ms/document, --jobs {j}", fmt(o["cpu_ms_per_doc"]),
                     fmt(bb["cpu_ms_per_doc"]) if bare_ok else "—",
                     ratio(o["cpu_ms_per_doc"], bb["cpu_ms_per_doc"] if bare_ok else None), "", ""))
        rows.append((f"index MB on disk, --jobs {j}", fmt(o["mb"]), fmt(bb["mb"]) if bare_ok else "—",
                     ratio(o["mb"], bb["mb"] if bare_ok else None), "", ""))
        rows.append((f"peak RSS MB (process tree), --jobs {j}", fmt(o["peak_rss_mb"]),
                     fmt(bb["peak_rss_mb"]) if bare_ok else "—",
                     ratio(o["peak_rss_mb"], bb["peak_rss_mb"] if bare_ok else None), f"≤ {GOAL_RSS_MB:.0f}",
                     "yes" if o["peak_rss_mb"] <= GOAL_RSS_MB else "NO"))
        rows.append((f"segments, --jobs {j}", fmt(o["segments"]), fmt(bb.get("segments")) if bare_ok else "—", "", "", ""))
    q = res["queries"]
    ours, bare = q["ours"], q.get("bare", {})
    o_open, b_open = res["open_s"]["ours"] * 1000, (res["open_s"]["bare"] * 1000 if "bare" in res["open_s"] else None)
    rows.append(("searcher open ms (incl. vocabulary)", fmt(o_open), fmt(b_open), ratio(o_open, b_open), "", ""))
    for kind in gen_docs.QUERY_KINDS:
        if kind not in ours:
            continue
        o, bk = ours[kind], bare.get(kind)
        goal = GOALS_P95_MS.get(kind)
        for stat in ("p50_ms", "p95_ms", "max_ms"):
            g = f"≤ {goal}" if goal and stat == "p95_ms" else ""
            met = ("yes" if o.get(stat, math.inf) <= goal else "NO") if g else ""
            rows.append((f"{kind} {stat.replace('_ms', '')} ms", fmt(o.get(stat)), fmt(bk.get(stat)) if bk else "—",
                         ratio(o.get(stat), bk.get(stat) if bk else None), g, met))
        rows.append((f"{kind}: queries with hits", f"{o['with_hits']}/{o['n']}",
                     f"{bk['with_hits']}/{bk['n']}" if bk else "—", "", "", ""))
        if o["errors"] or (bk and bk["errors"]):
            rows.append((f"{kind}: queries that FAILED", f"{len(o['errors'])}/{o['n']}",
                         f"{len(bk['errors'])}/{bk['n']}" if bk else "—", "", "", ""))
    cold_o = statistics.median(res["cold_s"]["ours"])
    cold_b = statistics.median(res["cold_s"]["bare"]) if "bare" in res["cold_s"] else None
    rows.append(("cold search process s (median)", fmt(cold_o), fmt(cold_b), ratio(cold_o, cold_b),
                 f"≤ {GOAL_COLD_S}", "yes" if cold_o <= GOAL_COLD_S else "NO"))
    head = ("metric", "ours", "bare", "ratio", "goal", "met?" + goal_note)
    widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(5)]
    log("  ".join(str(h).ljust(w) for h, w in zip(head, widths + [0])))
    for r in rows:
        log("  ".join(str(c).ljust(w) if i < 5 else str(c) for i, (c, w) in enumerate(zip(r, widths + [0]))))
    for j in args.jobs:
        o = b.get(f"ours_j{j}")
        if o and "error" in o:
            log(f"  build --jobs {j} failed: {o['error']}")
    for kind, o in ours.items():
        if o.get("slowest"):
            log(f"  slowest {kind}: " + "; ".join(f"{t:.0f} ms {qq}" for t, qq in o["slowest"]))
    for side in ("ours", "bare"):
        for kind, o in q.get(side, {}).items():
            for err in o["errors"][:3]:
                log(f"  {side} {kind} query failed: {err}")


# --------------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--_bare-build"]:
        bare_build(argv[1], argv[2], int(argv[3]))
        return 0
    if argv[:1] == ["--_bare-search"]:
        bare_search(argv[1], argv[2])
        return 0
    ap = argparse.ArgumentParser(description="Search speed benchmark (see the module docstring).")
    ap.add_argument("--sizes", default="10000", help="comma-separated document counts, e.g. 10000,100000")
    ap.add_argument("--jobs", default="1,2", help="comma-separated --jobs values to build with")
    ap.add_argument("--queries-per-kind", type=int, default=50)
    ap.add_argument("--keep", help="folder to keep (and reuse) documents and indexes in")
    ap.add_argument("--skip-bare", action="store_true", help="no bare Whoosh baseline")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--profile-build", type=int, default=0, metavar="N",
                    help="also time each indexing step on N documents")
    ap.add_argument("--profile-queries", action="store_true", help="also split query time per kind")
    args = ap.parse_args(argv)
    args.jobs = [int(x) for x in args.jobs.split(",") if x.strip()]
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    OUT.mkdir(exist_ok=True)

    def log(msg: str) -> None:
        print(msg, flush=True)

    env = environment()
    log(f"search_speed: sizes {sizes}, jobs {args.jobs}, {args.queries_per_kind} queries per kind; "
        f"{env['cpus']} CPUs, load {env['load_avg']}, Python {env['python']}, Whoosh {env['whoosh']}")
    for n in sizes:
        t0 = time.perf_counter()
        res = bench_size(n, args, log)
        res["total_s"] = time.perf_counter() - t0
        report(res, args, log)
        path = OUT / f"search_speed-{n}.json"
        path.write_text(json.dumps(res, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        log(f"(whole run for {n:,} documents: {res['total_s'] / 60:.1f} min; JSON: {path.relative_to(ROOT)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
