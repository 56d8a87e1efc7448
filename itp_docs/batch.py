"""Run a per-file job over many paths, in one process or several, without losing a batch to one file.

Shared by ``extract`` and ``index``. Files are listed in the parent (so order is deterministic and
missing paths are reported at once), read and processed in workers, and results come back in
input order. A file that fails to load, or whose processing raises, becomes a one-line error
for that file; the rest of the batch goes on.
"""
from __future__ import annotations

import gc
import multiprocessing as mp
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .load import SUPPORTED_SUFFIXES, LoadError, read_document

__all__ = ["Item", "iter_files", "run", "tune_gc", "settle_gc"]

# Collection thresholds for a batch: the first generation is collected after 50,000 net
# allocations instead of 700. The pipeline allocates millions of short-lived objects per MB and
# creates few reference cycles, so the default thresholds mostly re-scan the same live data
# (lexicons, caches): 30-40% of the time on large files went to the collector.
GC_THRESHOLDS = (50_000, 20, 100)
_settled = False


def tune_gc() -> None:
    """Collect garbage less often (see GC_THRESHOLDS); called once per process by the CLI."""
    gc.set_threshold(*GC_THRESHOLDS)


def settle_gc() -> None:
    """After the first document, move everything alive (lexicons, compiled patterns, models)
    out of the collector's sight: full collections then scan only what documents allocate."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


@dataclass
class Item:
    source: str
    value: Any = None          # the job's result
    error: str | None = None   # one line for the user


def iter_files(paths: Iterable[str | os.PathLike]) -> Iterator[Item]:
    """Expand folders (recursively, sorted, hidden entries skipped, supported suffixes only);
    named files are kept whatever their suffix; missing paths become errors."""
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                        continue
                    yield Item(str(Path(root) / name))
        elif path.exists():
            yield Item(str(p))
        else:
            yield Item(str(p), error="no such file or directory")


_JOB: Callable[[Any], Any] | None = None


def _init(job: Callable[[Any], Any]) -> None:
    global _JOB
    _JOB = job


def _run_one(args: tuple[str, int]) -> Item:
    source, max_bytes = args
    try:
        doc = read_document(source, max_bytes=max_bytes)
    except LoadError as e:
        return Item(source, error=e.reason)
    except OSError as e:
        return Item(source, error=e.strerror or str(e))
    try:
        assert _JOB is not None
        return Item(source, value=_JOB(doc))
    except Exception as e:  # a bug on one file must not cost the batch
        return Item(source, error=f"could not process ({type(e).__name__}: {e})")
    finally:
        settle_gc()


# Files per task sent to a worker: at most MAX_CHUNK, and small enough that every worker gets
# about CHUNKS_PER_WORKER tasks. One file per task cost the parent ~2 ms of CPU per file (a task
# and a result through the pool's pipes and threads: 0.5 s for 222 small files, a tenth of what
# two workers could do meanwhile); a few files per task divide that, while the last task, the
# only work that cannot be shared at the end, stays a fraction of a second.
MAX_CHUNK = 8
CHUNKS_PER_WORKER = 16


def chunk_size(n_files: int, jobs: int) -> int:
    return max(1, min(MAX_CHUNK, n_files // (jobs * CHUNKS_PER_WORKER)))


def run(paths: Iterable[str | os.PathLike], job: Callable[[Any], Any], *, jobs: int = 1,
        max_bytes: int = 25 * 2**20, warm_up: Callable[[], None] | None = None) -> Iterator[Item]:
    """Yield one :class:`Item` per file, in input order. ``job`` receives a loaded Document and
    must be a module-level function (it is sent to worker processes).

    ``warm_up`` runs in the parent before workers are forked, so that what it loads (lexicons,
    morphology dictionaries, compiled patterns) is loaded once and shared copy-on-write, instead
    of once per worker: each worker then starts on its first file at once."""
    items = list(iter_files(paths))
    todo = [(it.source, max_bytes) for it in items if it.error is None]
    if jobs <= 1 or len(todo) <= 1:
        _init(job)
        results: Iterator[Item] = map(_run_one, todo)
        pool = None
    else:
        ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
        if warm_up is not None and ctx.get_start_method() == "fork":
            warm_up()
            settle_gc()
        workers = min(jobs, len(todo))
        pool = ctx.Pool(workers, initializer=_init, initargs=(job,))
        results = pool.imap(_run_one, todo, chunksize=chunk_size(len(todo), workers))
    try:
        for it in items:
            yield it if it.error is not None else next(results)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
