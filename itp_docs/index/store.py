"""Where the index lives, opening it safely, and the lock that keeps writers apart.

Whoosh commits by writing a new table of contents (TOC) and renaming it into place, so a reader
always sees the last committed generation, whatever a writer is doing. What Whoosh lacks is a
lock that outlives one commit and says *who* holds it: :class:`WriterLock` is an ``flock`` on
``itp.lock`` (released by the kernel when its process dies, so it is never stale) with the
holder's pid, command and start time written inside.
"""
from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Any

from .schema import SCHEMA_VERSION, build_schema

DEFAULT_INDEX = ".itp-index"
META_FILE = "itp-meta.json"
LOCK_FILE = "itp.lock"


class IndexProblem(Exception):
    """An index that is missing, unreadable or locked; the message says what to do."""


def resolve_dir(path: str | os.PathLike | None) -> Path:
    """``--index`` if given, else ``$ITP_DOCS_INDEX``, else ``./.itp-index``."""
    return Path(path or os.environ.get("ITP_DOCS_INDEX") or DEFAULT_INDEX)


def read_meta(path: Path) -> dict[str, Any]:
    try:
        return json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_meta(path: Path, meta: dict[str, Any]) -> None:
    tmp = path / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path / META_FILE)


def rebuild_hint(path: Path) -> str:
    roots = read_meta(path).get("roots") or ["PATH"]
    shown = " ".join(roots[:5]) + (" ..." if len(roots) > 5 else "")
    return f"rebuild it with: itp-docs index {shown} --index {path} --rebuild"


def open_index(path: Path):
    """Open an existing index for searching, or raise :class:`IndexProblem`."""
    from whoosh import index as windex

    if not path.exists():
        raise IndexProblem(f"no index at {path}; create one with: itp-docs index PATH --index {path}")
    if not path.is_dir():
        raise IndexProblem(f"{path} is not an index folder")
    try:
        if not windex.exists_in(str(path)):
            raise IndexProblem(f"{path} holds no index; create one with: itp-docs index PATH --index {path}")
        ix = windex.open_dir(str(path))
        meta = read_meta(path)
        if meta.get("schema_version") not in (None, SCHEMA_VERSION):
            raise IndexProblem(f"index at {path} was built by another version of itp-docs; {rebuild_hint(path)}")
        # Touch every segment once so a damaged file is reported here, not halfway through a search.
        with ix.reader() as r:
            r.doc_count()
        return ix
    except IndexProblem:
        raise
    except Exception as e:  # whoosh raises many kinds (pickle, struct, OSError) for damage
        raise IndexProblem(f"index at {path} is unreadable ({type(e).__name__}: {e}); {rebuild_hint(path)}") from None


def create_or_open(path: Path, rebuild: bool = False):
    """Open the index for writing, creating it (or recreating it with ``rebuild``)."""
    from whoosh import index as windex

    path.mkdir(parents=True, exist_ok=True)
    if rebuild or not windex.exists_in(str(path)):
        ix = windex.create_in(str(path), build_schema())
        meta = read_meta(path)
        meta.update({"schema_version": SCHEMA_VERSION, "created": time.strftime("%Y-%m-%dT%H:%M:%S")})
        write_meta(path, meta)
        return ix
    return open_index(path)


class WriterLock:
    """Exclusive writer lock for one index folder; ``IndexProblem`` names the holder when taken."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "WriterLock":
        self.path.mkdir(parents=True, exist_ok=True)
        lock = self.path / LOCK_FILE
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            try:
                info = json.loads(os.pread(fd, 4096, 0).decode("utf-8") or "{}")
            except ValueError:
                info = {}
            os.close(fd)
            who = f"PID {info.get('pid', '?')}"
            if info.get("host") and info.get("host") != socket.gethostname():
                who += f" on {info['host']}"
            raise IndexProblem(
                f"index {self.path} is locked by {who} ({info.get('command', 'another writer')}, "
                f"started {info.get('started', '?')}); wait for it to finish") from None
        info = {"pid": os.getpid(), "host": socket.gethostname(),
                "command": " ".join(["itp-docs"] + sys.argv[1:])[:300],
                "started": time.strftime("%Y-%m-%d %H:%M:%S")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            try:
                os.ftruncate(self.fd, 0)
            finally:
                fcntl.flock(self.fd, fcntl.LOCK_UN)
                os.close(self.fd)
                self.fd = None
