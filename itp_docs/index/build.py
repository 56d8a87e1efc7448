"""Building and updating an index: incremental, parallel, atomic, resumable.

* Incremental: a file is re-read only when its size or mtime changed, and re-indexed only when
  its content hash changed; ``prune`` drops documents whose file is gone.
* Parallel: each worker process extracts documents and writes its own Whoosh segment (analysis
  and posting work both run in parallel); the parent only commits.
* Atomic and resumable: work is done in rounds; at the end of a round every worker finalizes its
  segment and the parent writes one new table of contents holding them, together with the
  deletions of the old versions of re-indexed files. Readers see either the previous round or
  this one. A crash, kill or Ctrl-C loses at most the current round, and the next run simply
  finds those files still to do. Segment files are never cleaned up while a worker is writing
  (Whoosh deletes unreferenced segment files at every commit, which is why commits happen only
  between rounds).
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import queue
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .. import batch
from . import lexmap, store, vocab

# A round ends after this many files or seconds, whichever comes first; each round is one commit,
# so a crash loses at most one round. Larger rounds make fewer, larger segments (faster searches,
# less merging); five minutes bounds the work a crash can cost.
# What the index reads of the extraction (record.build): every entity type but PERCENT, and every
# stage but the news one (bylines and quotes are not indexed). Leaving them out saves ~2% of a build.
INDEXED_TYPES = ("PERSON", "ORG", "LOC", "PROGRAM", "LAW", "MONEY", "DATE")
SKIPPED_STAGES = ("news",)
ROUND_FILES = 50_000
ROUND_SECONDS = 300.0
WRITER_LIMIT_MB = 192       # posting buffer per writer before it spills to disk


@dataclass
class Task:
    path: str
    doc_id: str
    old_sha1: str | None


@dataclass
class Stats:
    seen: int = 0
    unchanged: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    words: int = 0
    bytes: int = 0
    done: int = 0
    total: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    commits: int = 0


def doc_id_of(path: str) -> str:
    return str(Path(path).resolve())


def _filestate(sha1: str, size: int, mtime_ns: int, doc_id: str) -> str:
    return f"{sha1}|{size}|{mtime_ns}|{doc_id}"


def indexed_state(ix) -> dict[str, tuple[str, int, int]]:
    """doc_id → (sha1, size, mtime_ns) of every live document, from the ``filestate`` terms."""
    out: dict[str, tuple[str, int, int]] = {}
    with ix.reader() as r:
        if "filestate" not in r.indexed_field_names():
            return out
        for term in r.lexicon("filestate"):
            text = term.decode("utf-8") if isinstance(term, bytes) else term
            m = r.postings("filestate", text)
            live = False
            while m.is_active():
                if not r.is_deleted(m.id()):
                    live = True
                    break
                m.next()
            if not live:
                continue
            sha1, size, mtime, doc_id = text.split("|", 3)
            out[doc_id] = (sha1, int(size), int(mtime))
    return out


# ----------------------------------------------------------------------------- per file

def _index_one(writer, task: Task, max_bytes: int) -> tuple[str, str, int, int]:
    """Index one file into ``writer``; returns (status, message, words, bytes) where status is
    added | same | skipped."""
    from ..extract.pipeline import build_context, run
    from ..load import LoadError, read_document
    from .record import build

    try:
        st = os.stat(task.path)
        if st.st_size > max_bytes:
            raise LoadError(f"{st.st_size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit "
                            f"(raise it with --max-size)")
        with open(task.path, "rb") as f:
            data = f.read()
        sha1 = hashlib.sha1(data).hexdigest()
        if sha1 == task.old_sha1:
            return "same", "", 0, len(data)
        doc = read_document(task.path, max_bytes=max_bytes)
        ctx = build_context(doc.text, doc.source, doc.title)
        run(ctx, INDEXED_TYPES, skip=SKIPPED_STAGES)
        rec = build(doc, ctx, _filestate(sha1, st.st_size, st.st_mtime_ns, task.doc_id), task.doc_id)
        writer.add_document(**rec)
        batch.settle_gc()
        return "added", "", len(ctx.tokens), len(data)
    except LoadError as e:
        return "skipped", e.reason, 0, 0
    except OSError as e:
        return "skipped", e.strerror or str(e), 0, 0
    except Exception as e:  # one bad file must not cost the batch
        return "skipped", f"could not process ({type(e).__name__}: {e})", 0, 0


def _remove_stale_temp(index_dir: Path) -> None:
    """Temporary folders of writers that were killed (each writer has its own, see
    writer.FastSegmentWriter); only called under the writer lock, so none is in use."""
    import shutil

    for d in index_dir.glob("*.tmp-*"):
        if d.is_dir():
            shutil.rmtree(d, ignore_errors=True)


def _new_writer(ix):
    from .writer import FastSegmentWriter

    return FastSegmentWriter(ix, _lk=False, limitmb=WRITER_LIMIT_MB)


def _finish_writer(writer):
    """Finalize a worker's segment; None when it received no document."""
    if writer is None:
        return None
    if writer._added:
        seg = writer._finalize_segment()
        writer._finish()
        return seg
    writer._close_segment()
    writer._finish()
    return None


def _worker_main(index_dir: str, tasks, results, max_bytes: int, parent: int, me: int = 0) -> None:
    from whoosh import index as windex

    ix = windex.open_dir(index_dir)
    writer = None
    try:
        while True:
            try:
                task = tasks.get(timeout=2.0)
            except queue.Empty:
                if os.getppid() != parent:  # the parent died: stop, leave no work behind
                    return
                continue
            if task is None:
                break
            if isinstance(task, tuple) and task[0] == "END" and task[1] != me:
                # another worker's end of round: that worker is still busy with its last file;
                # put it back for it (each worker must end each round exactly once)
                tasks.put(task)
                time.sleep(0.02)
                continue
            if isinstance(task, tuple) and task[0] == "END":
                results.put(("segment", _finish_writer(writer)))
                writer = None
                continue
            if writer is None:
                writer = _new_writer(ix)
            results.put(("file", task.path) + _index_one(writer, task, max_bytes))
    except KeyboardInterrupt:
        pass
    finally:
        if writer is not None and not writer.is_closed:
            try:
                writer.cancel()
            except Exception:
                pass


# ----------------------------------------------------------------------------- commits

def _commit(ix, segments: list, deletes: Iterable[str]) -> None:
    """One atomic step: delete old versions, keep the merge policy, add the new segments."""
    from .writer import FastSegmentWriter

    # merged segments get plain files and posting columns like the workers' (see writer)
    w = FastSegmentWriter(ix, timeout=30.0)
    try:
        for doc_id in deletes:
            w.delete_by_term("doc_id", doc_id)
        final = w._merge_segments(None, False, True)
        if w._added:
            final.append(w._finalize_segment())
        else:
            w._close_segment()
        final.extend(s for s in segments if s is not None)
        w._commit_toc(final)
    except BaseException:
        if not w.is_closed:
            w._close_segment()
            w._finish()
        raise
    w._finish()


def _after_commit(index_dir: Path) -> None:
    """The fuzzy vocabulary of the new generation, and the lexical map if a lexicon changed."""
    from whoosh import index as windex

    ix = windex.open_dir(str(index_dir))
    with ix.reader() as r:
        vocab.write(index_dir, ix.latest_generation(), vocab.build_from_reader(r))
    lexmap.load(index_dir)


# ----------------------------------------------------------------------------- driver

Progress = Callable[[Stats, str | None], None]


def update(paths: Iterable[str], index_dir: Path, *, jobs: int = 1, prune: bool = False,
           rebuild: bool = False, max_bytes: int = 25 * 2**20, progress: Progress | None = None,
           round_files: int = ROUND_FILES, round_seconds: float = ROUND_SECONDS) -> Stats:
    """Bring the index in ``index_dir`` up to date with ``paths``; returns what was done."""
    paths = list(paths)
    stats = Stats()
    t0 = time.perf_counter()
    with store.WriterLock(index_dir):
        ix = store.create_or_open(index_dir, rebuild=rebuild)
        _remove_stale_temp(index_dir)
        meta = store.read_meta(index_dir)
        roots = list(dict.fromkeys((meta.get("roots") or []) + [str(Path(p)) for p in paths]))
        meta["roots"] = roots
        store.write_meta(index_dir, meta)
        state = {} if rebuild else indexed_state(ix)
        tasks: list[Task] = []
        seen_ids: set[str] = set()
        for item in batch.iter_files(paths):
            if item.error:
                stats.skipped.append((item.source, item.error))
                continue
            stats.seen += 1
            did = doc_id_of(item.source)
            if did in seen_ids:
                continue
            seen_ids.add(did)
            old = state.get(did)
            try:
                st = os.stat(item.source)
            except OSError as e:
                stats.skipped.append((item.source, e.strerror or str(e)))
                continue
            if old and old[1] == st.st_size and old[2] == st.st_mtime_ns:
                stats.unchanged += 1
                continue
            tasks.append(Task(item.source, did, old[0] if old else None))
        prune_ids = [d for d in state if d not in seen_ids and not os.path.exists(d)] if prune else []
        stats.total = len(tasks)
        if progress:
            progress(stats, None)
        todo = deque(tasks)
        if jobs <= 1 or len(tasks) <= 1:
            _run_inline(ix, todo, stats, max_bytes, progress, prune_ids, round_files, round_seconds)
        else:
            _run_parallel(ix, index_dir, todo, stats, max_bytes, progress, prune_ids, jobs, round_files,
                          round_seconds)
        if stats.commits or not (index_dir / f"{vocab.PREFIX}{ix.latest_generation()}.tsv").exists():
            _after_commit(index_dir)
    stats.seconds = time.perf_counter() - t0
    return stats


def _account(stats: Stats, task: Task, status: str, msg: str, words: int, nbytes: int,
             progress: Progress | None) -> bool:
    """Record one file's outcome; True when its old version must be deleted."""
    stats.done += 1
    stats.bytes += nbytes
    if status == "added":
        stats.words += words
        if task.old_sha1:
            stats.updated += 1
        else:
            stats.added += 1
        if progress:
            progress(stats, None)
        return task.old_sha1 is not None
    if status == "same":
        stats.unchanged += 1
    else:
        stats.skipped.append((task.path, msg))
    if progress:
        progress(stats, task.path if status == "skipped" else None)
    return False


def _finalize_round(ix, segments: list, deletes: list[str], stats: Stats, prune_ids: list[str],
                    last: bool) -> None:
    if last and prune_ids:
        deletes = deletes + prune_ids
        stats.removed = len(prune_ids)
    if segments or deletes:
        _commit(ix, segments, deletes)
        stats.commits += 1


def _run_inline(ix, todo: deque, stats, max_bytes, progress, prune_ids, round_files, round_seconds) -> None:
    while True:
        writer = _new_writer(ix) if todo else None
        deletes: list[str] = []
        started, n = time.monotonic(), 0
        try:
            while todo and n < round_files and time.monotonic() - started < round_seconds:
                task = todo.popleft()
                n += 1
                status, msg, words, nbytes = _index_one(writer, task, max_bytes)
                if _account(stats, task, status, msg, words, nbytes, progress):
                    deletes.append(task.doc_id)
        except BaseException:
            if writer is not None and not writer.is_closed:
                writer.cancel()
            raise
        seg = _finish_writer(writer)
        _finalize_round(ix, [seg], deletes, stats, prune_ids, not todo)
        if not todo:
            return


def _warm_up() -> None:
    """Load what the workers use (lexicons, models, compiled patterns, modules) before they are
    forked, so it is loaded once and shared copy-on-write instead of once per worker; frozen out
    of the collector's sight, so that the workers' collections do not touch (and copy) it."""
    from ..extract.pipeline import warm_up
    from . import record, writer  # noqa: F401

    warm_up(INDEXED_TYPES)
    batch.settle_gc()


def _run_parallel(ix, index_dir, todo: deque, stats, max_bytes, progress, prune_ids, jobs,
                  round_files, round_seconds) -> None:
    ctx = mp.get_context("fork")
    _warm_up()
    tasks_q = ctx.Queue(maxsize=jobs * 64)
    results_q = ctx.Queue()
    procs = [ctx.Process(target=_worker_main, args=(str(index_dir), tasks_q, results_q, max_bytes, os.getpid(), i),
                         daemon=True) for i in range(jobs)]
    for p in procs:
        p.start()
    try:
        while True:
            by_path: dict[str, Task] = {}
            deletes: list[str] = []
            segments: list = []
            ends = sent_ends = 0
            started, n = time.monotonic(), 0
            while ends < jobs:
                # feed files until the round is full (count or time), then one END per worker
                while True:
                    if todo and n < round_files and time.monotonic() - started < round_seconds:
                        item: Task | tuple[str, int] = todo[0]
                    elif sent_ends < jobs:
                        item = ("END", sent_ends)     # addressed: one end of round per worker
                    else:
                        break
                    try:
                        tasks_q.put_nowait(item)
                    except queue.Full:
                        break
                    if isinstance(item, tuple):
                        sent_ends += 1
                    else:
                        todo.popleft()
                        by_path[item.path] = item
                        n += 1
                try:
                    msg = results_q.get(timeout=0.5)
                except queue.Empty:
                    dead = [p for p in procs if not p.is_alive()]
                    if dead:
                        raise RuntimeError(f"an indexing worker stopped unexpectedly (exit code {dead[0].exitcode})")
                    continue
                if msg[0] == "segment":
                    segments.append(msg[1])
                    ends += 1
                    continue
                _, path, status, text, words, nbytes = msg
                if _account(stats, by_path[path], status, text, words, nbytes, progress):
                    deletes.append(by_path[path].doc_id)
            _finalize_round(ix, segments, deletes, stats, prune_ids, not todo)
            if not todo:
                return
    finally:
        for _ in procs:
            try:
                tasks_q.put_nowait(None)
            except queue.Full:
                pass
        for p in procs:
            p.join(timeout=5)
            if p.is_alive():
                p.terminate()
                p.join(timeout=2)
