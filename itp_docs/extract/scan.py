"""Whole-text searches that skip, in C, the positions where a pattern cannot start.

Python's regex engine searches in one of two ways. When a pattern begins with a literal or a
character set (and, under ``re.IGNORECASE``, an uncased one), it runs a tight loop to the next
position holding one of those characters and tries a match only there. Otherwise it tries a
full match at every position of the text. The lexicon patterns of the structure, news, decree,
law, date and number stages begin with lookarounds (``(?<!\\w)(?=[АБВ...])``) and most are
case-insensitive, so each whole-text search tried every position: a few dozen such scans made a
quarter of the extraction time of an ordinary document.

:func:`fast` wraps such a pattern ``P``. The characters a match of ``P`` can start with are
read from the parsed pattern (a superset is enough: its literals, sets, and what its leading
lookaheads require) and expanded under ``P``'s flags (every case variant the engine would
accept). A locator ``(?-i:[those])(?<=(?=P).)`` is then searched instead: its case-sensitive set
lets the engine skip to the next candidate position in C, and its lookbehind holds there exactly
when ``P`` matches there; ``P.match`` at that position gives the match ``P.search`` would have
found. The wrapper answers ``search``, ``finditer`` and ``findall`` like the pattern itself
(tested against it: tests/test_extract_speedups_more.py). Patterns whose start cannot be
bounded, or that match both empty and non-empty strings, are returned unwrapped.
"""
from __future__ import annotations

import re
import sys
from functools import lru_cache
from typing import Any, Iterator

try:                                   # Python 3.11+
    from re import _constants as _C, _parser as _P   # type: ignore[attr-defined]
except ImportError:                    # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

__all__ = ["fast", "FastPattern", "first_chars", "first_char_set"]

_MAX = sys.maxsize
_CATEGORIES = {
    _C.CATEGORY_DIGIT: r"\d", _C.CATEGORY_NOT_DIGIT: r"\D", _C.CATEGORY_SPACE: r"\s",
    _C.CATEGORY_NOT_SPACE: r"\S", _C.CATEGORY_WORD: r"\w", _C.CATEGORY_NOT_WORD: r"\W",
}
_FLAG_LETTERS = {re.I: "i", re.S: "s", re.M: "m"}


class _Unbounded(Exception):
    """The pattern's first character cannot be bounded (a backreference, an unknown node)."""


def _esc(c: int) -> str:
    return re.escape(chr(c))


def _class(items: list) -> str:
    parts = []
    for op, av in items:
        if op is _C.NEGATE:
            parts.insert(0, "^")
        elif op is _C.LITERAL:
            parts.append(_esc(av))
        elif op is _C.RANGE:
            parts.append(f"{_esc(av[0])}-{_esc(av[1])}")
        elif op is _C.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            raise _Unbounded(op)
    return "[" + "".join(parts) + "]"


def _scoped(snips: list[str], add: int, dele: int) -> list[str]:
    if not (add or dele):
        return snips
    if (add | dele) & ~(re.I | re.S | re.M):
        raise _Unbounded("flags")
    on = "".join(ch for f, ch in _FLAG_LETTERS.items() if add & f)
    off = "".join(ch for f, ch in _FLAG_LETTERS.items() if dele & f)
    flags = on + ("-" + off if off else "")
    return [f"(?{flags}:{s})" for s in snips]


def _item(op: Any, av: Any) -> tuple[list[str], bool]:
    """(one-character patterns covering the first character, whether one is always consumed)
    of one node of a parsed pattern."""
    if op is _C.LITERAL:
        return [_esc(av)], True
    if op is _C.NOT_LITERAL:
        return [f"[^{_esc(av)}]"], True
    if op is _C.IN:
        return [_class(av)], True
    if op is _C.ANY:
        return ["."], True
    if op is _C.BRANCH:
        out: list[str] = []
        req = True
        for alt in av[1]:
            f, r = _seq(list(alt))
            out += f
            req = req and r
        return out, req
    if op is _C.SUBPATTERN:
        _group, add, dele, sub = av
        f, r = _seq(list(sub))
        return _scoped(f, add, dele), r
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT, getattr(_C, "POSSESSIVE_REPEAT", _C.MAX_REPEAT)):
        lo, _hi, sub = av
        f, r = _seq(list(sub))
        return f, r and lo >= 1
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _seq(list(av))
    raise _Unbounded(op)


def _seq(items: list) -> tuple[list[str], bool]:
    """(one-character patterns covering where a match of the sequence starts, whether a match
    always has such a first character there). Zero-width nodes are skipped; a lookahead whose
    match needs a character bounds the character at its position."""
    acc: list[str] = []
    for k, (op, av) in enumerate(items):
        if op in (_C.AT, _C.ASSERT_NOT):
            continue
        if op is _C.ASSERT:
            direction, sub = av
            if direction != 1:
                continue                       # a lookbehind bounds nothing ahead
            fs, req_s = _seq(list(sub))
            if not req_s:
                continue
            fr, req_r = _seq(items[k + 1:])
            if req_r:
                both = "(?=(?:" + "|".join(fs) + "))(?:" + "|".join(fr) + ")"
                return acc + [both], True
            return acc + fs, True
        f, req = _item(op, av)
        acc += f
        if req:
            return acc, True
    return acc, False


@lru_cache(maxsize=1)
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane but the surrogates."""
    return "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, 0x10000)))


def _ranges(chars: list[str]) -> str:
    cps = sorted(set(map(ord, chars)))
    out = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        out.append(_esc(cps[i]) if i == j else f"{_esc(cps[i])}-{_esc(cps[j])}")
        i = j + 1
    return "".join(out)


def first_char_set(rx: re.Pattern[str]) -> frozenset[str] | None:
    """The characters of the Basic Multilingual Plane a match of ``rx`` can start with (a
    superset), or None when that cannot be bounded. Any character beyond that plane may start
    one too: callers let those through."""
    try:
        snips, required = _seq(list(_P.parse(rx.pattern, rx.flags)))
    except (_Unbounded, re.error, RecursionError):
        return None
    if not required or not snips:
        return None
    one = re.compile("(?:" + "|".join(snips) + ")", rx.flags & (re.I | re.S | re.A | re.M))
    return frozenset(one.findall(_bmp()))


def first_chars(rx: re.Pattern[str]) -> str | None:
    """A character-class body (case-sensitive) holding every character a match of ``rx`` can
    start with, or None when that cannot be bounded. Characters outside the Basic Multilingual
    Plane are all included (texts rarely hold them; enumerating them costs more than it saves)."""
    chars = first_char_set(rx)
    if chars is None:
        return None
    return _ranges(list(chars)) + "\U00010000-\U0010ffff"


class FastPattern:
    """``search``, ``finditer`` and ``findall`` of a pattern, through a locator that skips the
    positions where it cannot start (see the module docstring). Other attributes are the
    pattern's."""

    __slots__ = ("rx", "locate", "_empty")

    def __init__(self, rx: re.Pattern[str], locate: re.Pattern[str], empty: bool) -> None:
        self.rx = rx
        self.locate = locate
        self._empty = empty            # the pattern only matches empty strings

    def __getattr__(self, name: str) -> Any:
        return getattr(self.rx, name)

    def search(self, text: str, pos: int = 0, endpos: int = _MAX) -> re.Match[str] | None:
        q = self.locate.search(text, pos, endpos)
        return None if q is None else self.rx.match(text, q.start(), endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _MAX) -> Iterator[re.Match[str]]:
        locate, match, empty = self.locate.search, self.rx.match, self._empty
        while True:
            q = locate(text, pos, endpos)
            if q is None:
                return
            p = q.start()
            m = match(text, p, endpos)
            yield m  # type: ignore[misc]
            # (after an empty match the next one starts further on: the pattern never matches
            # a non-empty string, so the one at the same position it could take does not exist)
            pos = p + 1 if empty else m.end()  # type: ignore[union-attr]

    def findall(self, text: str, pos: int = 0, endpos: int = _MAX) -> list[Any]:
        n = self.rx.groups
        ms = self.finditer(text, pos, endpos)
        if n == 0:
            return [m.group() for m in ms]
        if n == 1:
            return [m.groups("")[0] for m in ms]
        return [m.groups("") for m in ms]


def fast(rx: re.Pattern[str]) -> re.Pattern[str] | FastPattern:
    """``rx`` behind a locator that skips in C to where a match can start, or ``rx`` itself
    when its start cannot be bounded or it matches both empty and non-empty strings."""
    lo, hi = _P.parse(rx.pattern, rx.flags).getwidth()
    if lo == 0 and hi != 0:
        return rx
    chars = first_chars(rx)
    if chars is None:
        return rx
    try:
        locate = re.compile(f"(?-i:[{chars}])(?<=(?={rx.pattern})(?s:.))", rx.flags)
    except (re.error, RecursionError, OverflowError):
        return rx
    return FastPattern(rx, locate, hi == 0)
