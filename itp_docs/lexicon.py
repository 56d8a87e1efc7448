"""Lexicon files: loading and validation.

All language data lives in ``lexicons/*.tsv`` as plain text, one entry a line, so that linguists
can review and extend it without reading code. A file is self-describing:

* lines starting with ``#`` are comments; comments of the form ``# key: value`` before the header
  are *directives* (see below);
* the first other line is the header: tab-separated column names;
* every further non-empty line is one entry with exactly as many tab-separated cells.

Directives:

``# key: a,b``
    Columns that identify an entry; two rows with the same (case-folded) key are duplicates.
    Default: all columns.
``# multi: a,b``
    Columns holding several values separated by ``|`` (e.g. all case forms of a month).
``# required: a,b``
    Columns that may not be empty. Default: the first column.
``# ref: col -> other.tsv:col2``
    Every non-empty value of ``col`` must exist in ``col2`` of ``other.tsv`` (aliases that point
    nowhere are errors).
``# script: col=cyr|lat|kk|ru|any``
    Overrides the script check inferred from column names.

Script checks are inferred from column names so that a new file needs no code: a column named
``kk``/``ru`` (or ending ``_kk``/``_ru``) holds Cyrillic text, ``lat``/``en`` (or ``_lat``/
``_en``) holds Latin text; when a ``lang`` column exists, the columns ``name``, ``text``,
``form``, ``forms``, ``word``, ``short``, ``full``, ``alias`` and ``role`` are checked by that row's
language. Checks everywhere: no word mixes Latin and Cyrillic letters (homoglyph damage), no
Kazakh-only letters in Russian columns, no control characters or stray whitespace.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

__all__ = [
    "Lexicon", "LexiconError", "lexicon_dir", "load", "names", "validate", "validate_all",
    "MULTI_SEP",
]

MULTI_SEP = "|"

_CYR = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")
_LAT = re.compile(r"[A-Za-z\u00C0-\u024F\u0259\u1E00-\u1EFF]")
_KK_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_WORD = re.compile(r"[^\s\-–—/|.,;:()«»\"'’]+")
_LANG_CHECKED = {"name", "text", "form", "forms", "word", "short", "full", "alias", "role", "lemma"}


class LexiconError(Exception):
    """A lexicon file is missing or malformed."""


def lexicon_dir() -> Path:
    """Where lexicons live: ``$ITP_DOCS_LEXICONS``, else the repository's ``lexicons/``.

    The package is installed in editable mode (``make``), so the source tree's folder is the one
    that ships; the environment variable lets a user point at an extended copy.
    """
    env = os.environ.get("ITP_DOCS_LEXICONS")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for cand in (here / "lexicons", here.parent / "lexicons"):
        if cand.is_dir():
            return cand
    raise LexiconError(f"lexicons folder not found next to {here}; set ITP_DOCS_LEXICONS")


@dataclass
class Lexicon:
    """One parsed TSV lexicon. ``rows`` are dicts by column name; multi columns hold lists."""

    name: str
    path: Path
    columns: list[str]
    rows: list[dict] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source line of each row, for messages
    key: list[str] = field(default_factory=list)
    multi: set[str] = field(default_factory=set)
    required: list[str] = field(default_factory=list)
    refs: list[tuple[str, str, str]] = field(default_factory=list)  # (col, file, col2)
    scripts: dict[str, str] = field(default_factory=dict)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, col: str) -> list:
        return [r[col] for r in self.rows]

    def values(self, col: str) -> Iterator[str]:
        """Every value of ``col``, flattening multi-valued cells."""
        for r in self.rows:
            v = r[col]
            if isinstance(v, list):
                yield from v
            elif v:
                yield v


def _parse(path: Path) -> Lexicon:
    name = path.name
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"lexicon {name} not found in {path.parent}") from None
    except UnicodeDecodeError as e:
        raise LexiconError(f"{name}: not UTF-8 ({e})") from None
    lex: Lexicon | None = None
    directives: dict[str, list[str]] = {}
    for lineno, line in enumerate(raw.splitlines(), 1):
        if line.startswith("\ufeff"):
            line = line[1:]
        if not line.strip():
            continue
        if line.startswith("#"):
            if lex is None:
                m = re.match(r"#\s*(key|multi|required|ref|script)\s*:\s*(.+?)\s*$", line)
                if m:
                    directives.setdefault(m.group(1), []).append(m.group(2))
            continue
        cells = line.split("\t")
        if lex is None:
            cols = [c.strip() for c in cells]
            lex = Lexicon(name=name, path=path, columns=cols)
            _apply_directives(lex, directives)
            continue
        if len(cells) != len(lex.columns):
            raise LexiconError(
                f"{name}:{lineno}: {len(cells)} cells, header has {len(lex.columns)} ({line[:60]!r})")
        row: dict = {}
        for col, cell in zip(lex.columns, cells):
            if col in lex.multi:
                row[col] = [v.strip() for v in cell.split(MULTI_SEP) if v.strip()]
            else:
                row[col] = cell.strip()
        lex.rows.append(row)
        lex.lines.append(lineno)
    if lex is None:
        raise LexiconError(f"{name}: no header line")
    return lex


def _apply_directives(lex: Lexicon, d: dict[str, list[str]]) -> None:
    split = lambda v: [c.strip() for c in v.split(",") if c.strip()]  # noqa: E731
    lex.key = [c for v in d.get("key", []) for c in split(v)] or list(lex.columns)
    lex.multi = {c for v in d.get("multi", []) for c in split(v)}
    lex.required = [c for v in d.get("required", []) for c in split(v)] or lex.columns[:1]
    for v in d.get("ref", []):
        m = re.match(r"(\w+)\s*->\s*([\w.\-]+):(\w+)", v)
        if not m:
            raise LexiconError(f"{lex.name}: bad ref directive {v!r}")
        lex.refs.append((m.group(1), m.group(2), m.group(3)))
    for v in d.get("script", []):
        for part in split(v):
            col, _, scr = part.partition("=")
            lex.scripts[col.strip()] = scr.strip()
    for col in lex.key + list(lex.multi) + lex.required + [r[0] for r in lex.refs] + list(lex.scripts):
        if col not in lex.columns:
            raise LexiconError(f"{lex.name}: directive names unknown column {col!r}")


@lru_cache(maxsize=None)
def _load_cached(path: str, mtime: float) -> Lexicon:
    return _parse(Path(path))


def load(name: str, directory: Path | None = None) -> Lexicon:
    """Load ``lexicons/<name>`` (``.tsv`` added when missing). Cached per file and mtime."""
    if not name.endswith(".tsv"):
        name += ".tsv"
    path = (directory or lexicon_dir()) / name
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        raise LexiconError(f"lexicon {name} not found in {path.parent}") from None
    return _load_cached(str(path), mtime)


def names(directory: Path | None = None) -> list[str]:
    return sorted(p.name for p in (directory or lexicon_dir()).glob("*.tsv"))


def _script_of(lex: Lexicon, col: str, row: dict) -> str:
    if col in lex.scripts:
        return lex.scripts[col]
    base = col.rsplit("_", 1)[-1] if "_" in col else col
    if base in ("kk", "ru"):
        return base
    if base in ("lat", "en"):
        return "lat"
    if col in _LANG_CHECKED and "lang" in row:
        lang = row["lang"]
        if lang in ("kk", "ru"):
            return lang
        if lang in ("lat", "en", "kk-Latn", "latn"):
            return "lat"
    return "any"


def _check_value(value: str, script: str) -> str | None:
    if value != value.strip():
        return "leading/trailing whitespace"
    if "  " in value:
        return "double space"
    if any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "control or format character"
    for w in _WORD.findall(value):
        if _CYR.search(w) and _LAT.search(w):
            return f"word {w!r} mixes Latin and Cyrillic letters"
    if script in ("kk", "ru", "cyr"):
        # Cyrillic columns may hold Latin-only words (brand names like KAZNEX INVEST) but the
        # entry as a whole must be Cyrillic.
        if not _CYR.search(value) and _LAT.search(value) and script != "cyr":
            return "Latin-only entry in a Cyrillic column"
        if script == "ru" and _KK_ONLY.search(value):
            return "Kazakh-only letter in a Russian column"
    elif script == "lat" and _CYR.search(value):
        return "Cyrillic letter in a Latin column"
    return None


def validate(name: str, directory: Path | None = None) -> list[str]:
    """All problems of one lexicon file, as ``file:line: message`` strings (empty when clean)."""
    directory = directory or lexicon_dir()
    try:
        lex = _parse(directory / (name if name.endswith(".tsv") else name + ".tsv"))
    except LexiconError as e:
        return [str(e)]
    problems: list[str] = []
    seen: dict[tuple, int] = {}
    for row, lineno in zip(lex.rows, lex.lines):
        where = f"{lex.name}:{lineno}"
        for col in lex.required:
            if not row[col]:
                problems.append(f"{where}: empty required column {col!r}")
        for col in lex.columns:
            vals = row[col] if isinstance(row[col], list) else [row[col]]
            scr = _script_of(lex, col, row)
            for v in vals:
                msg = _check_value(v, scr) if v else None
                if msg:
                    problems.append(f"{where}: {col}={v!r}: {msg}")
        key = tuple(
            tuple(sorted(x.casefold() for x in row[c])) if isinstance(row[c], list) else row[c].casefold()
            for c in lex.key)
        if key in seen:
            problems.append(f"{where}: duplicate of line {seen[key]} (key {', '.join(lex.key)})")
        else:
            seen[key] = lineno
        if lex.multi:
            for col in lex.multi:
                vals = [v.casefold() for v in row[col]]
                if len(vals) != len(set(vals)):
                    problems.append(f"{where}: repeated value in {col!r}")
    for col, other, col2 in lex.refs:
        try:
            target = _parse(directory / other)
        except LexiconError as e:
            problems.append(f"{lex.name}: ref target {other}: {e}")
            continue
        if col2 not in target.columns:
            problems.append(f"{lex.name}: ref target {other} has no column {col2!r}")
            continue
        known = {v.casefold() for v in target.values(col2)}
        for row, lineno in zip(lex.rows, lex.lines):
            vals = row[col] if isinstance(row[col], list) else [row[col]]
            for v in vals:
                if v and v.casefold() not in known:
                    problems.append(f"{lex.name}:{lineno}: {col}={v!r} points nowhere in {other}:{col2}")
    return problems


def validate_all(directory: Path | None = None) -> dict[str, list[str]]:
    return {n: validate(n, directory) for n in names(directory)}
