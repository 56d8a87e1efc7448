"""On-disk cache of lexicon analyses, so that a new process does not re-analyse every lexicon name.

Building the lexicon gazetteers (places, organizations, programs...) runs the analyzer on some
4,000 names: ~0.3 s of every ``itp-docs extract`` process, paid again by every ``--jobs``
worker, for results that change only when the lexicons or the analysis code change. This module
keeps those results (the units of each name; see :func:`gazetteer.phrase_units`) in one small
file per gazetteer under the user's cache folder.

Safety rules, because a stale or damaged cache must never change an extraction:

* the file name carries a hash of everything the analysis depends on: the content of every
  lexicon file, the source of the analysis code (``itp_docs/lang``, ``itp_docs/extract``,
  ``lexicon.py``), the Python and pymorphy3 versions (:func:`version_key`), and the exact list of
  names; any change gives a new key and so a miss;
* a file that cannot be read, or does not hold what its key promises, is ignored (and
  rewritten);
* files are written to a temporary name and renamed, so a reader never sees half a file;
* values are stored with :mod:`marshal` (plain tuples of strings, numbers and booleans), which
  cannot run code when loaded, unlike pickle;
* ``ITP_DOCS_CACHE=off`` (or an unwritable folder) turns the cache off: everything is computed
  as before.

The folder is ``$ITP_DOCS_CACHE`` when set, else ``$XDG_CACHE_HOME/itp-docs``, else
``~/.cache/itp-docs``.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

__all__ = ["cache_dir", "version_key", "cached_rows", "FORMAT"]

# Bumped when the layout of a cache file changes.
FORMAT = 1
_DISABLED = {"", "0", "off", "none", "no", "false"}
_SUFFIX = ".marshal"
_KEY_LEN = 40


def cache_dir() -> Path | None:
    """Where cache files go, or None when caching is turned off."""
    env = os.environ.get("ITP_DOCS_CACHE")
    if env is not None:
        return None if env.strip().lower() in _DISABLED else Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "itp-docs"


def _installed(prefix: str) -> list[str]:
    """Names of the installed distributions starting with ``prefix`` as their ``.dist-info``
    folders spell them (name and version): cheaper than importlib.metadata, whose import alone
    costs tens of milliseconds."""
    out: list[str] = []
    for entry in sys.path:
        try:
            out += sorted(p.name for p in Path(entry or ".").glob(f"{prefix}*.dist-info"))
        except OSError:
            continue
    return out


@lru_cache(maxsize=1)
def version_key() -> str:
    """Hash of everything lexicon analyses depend on (see the module docstring). Reading and
    hashing the ~1 MB of lexicons and sources takes a few milliseconds, once per process."""
    from .. import lexicon

    h = hashlib.sha256()
    h.update(f"format {FORMAT}\npython {sys.version}\n".encode())
    h.update(("\n".join(_installed("pymorphy3")) + "\n").encode())
    pkg = Path(__file__).resolve().parents[1]
    sources = [pkg / "lexicon.py", pkg / "__init__.py"]
    for sub in ("lang", "extract"):
        sources += sorted((pkg / sub).rglob("*.py"))
    files: list[tuple[str, Path]] = [(str(p.relative_to(pkg)), p) for p in sources]
    try:
        lex = lexicon.lexicon_dir()
        files += [(f"lexicons/{p.relative_to(lex)}", p) for p in sorted(lex.rglob("*")) if p.is_file()]
    except lexicon.LexiconError:
        pass
    for name, p in files:
        try:
            data = p.read_bytes()
        except OSError:
            data = b"<unreadable>"
        h.update(f"{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def _key(kind: str, items: Sequence[tuple[str, str]]) -> str:
    h = hashlib.sha256()
    h.update(f"{version_key()}\0{kind}\0".encode())
    for a, b in items:
        h.update(f"{a}\0{b}\n".encode())
    return h.hexdigest()


def _read(path: Path, key: str, n: int) -> list[Any] | None:
    try:
        # (marshal.loads of the whole file: marshal.load reads a file object in small pieces,
        # several times slower on these files)
        got = marshal.loads(path.read_bytes())
    except Exception:  # unreadable or damaged: a miss, never an error
        return None
    if (not isinstance(got, tuple) or len(got) != 3 or got[0] != FORMAT or got[1] != key
            or not isinstance(got[2], tuple) or len(got[2]) != n):
        return None
    return list(got[2])


def _write(folder: Path, path: Path, key: str, rows: Sequence[Any]) -> None:
    """Atomic write (temporary file in the same folder, then rename); failures are ignored:
    the cache only saves time."""
    import tempfile  # only a process that writes pays for its import

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as f:
                marshal.dump((FORMAT, key, tuple(rows)), f)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        # Older versions of the same cache (other lexicons or code) are dead weight.
        prefix = path.name[: -len(_SUFFIX) - _KEY_LEN]
        for old in folder.glob(f"{prefix}*{_SUFFIX}"):
            tail = old.name[len(prefix): -len(_SUFFIX)]
            if old != path and len(tail) == _KEY_LEN and all(c in "0123456789abcdef" for c in tail):
                try:
                    old.unlink()
                except OSError:
                    pass
    except (OSError, ValueError):
        pass


def cached_rows(kind: str, items: Sequence[tuple[str, str]],
                compute: Callable[[str, str], Any], *, valid: Callable[[Any], bool] | None = None) -> list[Any]:
    """``[compute(a, b) for a, b in items]``, from the cache file of ``kind`` when it holds the
    results for these items under the current :func:`version_key`.

    The file holds the distinct items in sorted order, so the order in which a caller lists them
    (some come from sets, whose order changes from process to process) does not matter.
    ``compute`` must return values :mod:`marshal` can store (tuples, strings, numbers, booleans)
    and depend only on its arguments, the lexicons and the analysis code; ``valid`` checks one
    cached value's shape (a failed check means a damaged file: everything is recomputed)."""
    folder = cache_dir()
    if folder is None:
        return [compute(a, b) for a, b in items]
    distinct = sorted(set(items))
    key = _key(kind, distinct)
    path = folder / f"{kind}-{key[:_KEY_LEN]}{_SUFFIX}"
    got = _read(path, key, len(distinct))
    if got is None or (valid is not None and not all(valid(v) for v in got)):
        got = [compute(a, b) for a, b in distinct]
        _write(folder, path, key, got)
    by_item = dict(zip(distinct, got))
    return [by_item[it] for it in items]



def load_map(kind: str) -> dict[Any, Any] | None:
    """The mapping stored under ``kind`` for the current :func:`version_key` (see
    :func:`save_map`), or None: no cache, no file, or a damaged one."""
    folder = cache_dir()
    if folder is None:
        return None
    key = _key(kind, ())
    got = _read(folder / f"{kind}-{key[:_KEY_LEN]}{_SUFFIX}", key, 1)
    if got is None or type(got[0]) is not dict:
        return None
    return got[0]


def save_map(kind: str, mapping: dict[Any, Any]) -> None:
    """Store ``mapping`` (marshal-able keys and values) under ``kind`` for the current
    :func:`version_key`: for tables whose entries are pure functions of their keys, the lexicons
    and the code (see gazetteer.lexicon_phrases)."""
    folder = cache_dir()
    if folder is None:
        return
    key = _key(kind, ())
    _write(folder, folder / f"{kind}-{key[:_KEY_LEN]}{_SUFFIX}", key, (mapping,))
