"""Offset maps: every derived text (HTML→text, normalization) can answer "where did this come from".

Extraction reports ``start``/``end`` in the *original* file, while every rule runs on a cleaned
text. Most cleaning steps are 1:1 character substitutions, so a map is stored as a short list of
segments instead of one integer per character: a 50 MB file with a handful of edits costs a few
hundred bytes, not 400 MB.

A map is built left to right with :class:`OffsetMapBuilder` (``copy`` n characters unchanged,
``replace`` a source run by a derived run of another length) and queried with
:meth:`OffsetMap.to_source`. Maps compose with :meth:`OffsetMap.then` so that
``html → text → normalized`` collapses into one lookup.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

__all__ = ["OffsetMap", "OffsetMapBuilder", "IDENTITY"]


@dataclass(frozen=True)
class OffsetMap:
    """Piecewise map from derived offsets to source offsets.

    ``seg_d[i]``/``seg_s[i]`` are the derived/source starts of segment i; ``seg_copy[i]`` tells
    whether the segment is a 1:1 copy (offsets move together) or a replacement (any offset inside
    maps to the replaced source run's start, or its end for ``side="end"``). ``derived_len`` and
    ``source_len`` close the last segment. An empty segment list is the identity.
    """

    seg_d: tuple[int, ...] = ()
    seg_s: tuple[int, ...] = ()
    seg_copy: tuple[bool, ...] = ()
    derived_len: int = -1
    source_len: int = -1
    inner: "OffsetMap | None" = field(default=None, compare=False)
    seg_slen: tuple[int, ...] = ()      # source length of each replacement segment (0 for copies)

    @property
    def is_identity(self) -> bool:
        return not self.seg_d and self.inner is None

    def _local(self, pos: int, side: str) -> int:
        if not self.seg_d:
            return pos
        if pos >= self.derived_len:
            return self.source_len + (pos - self.derived_len)
        if pos < 0:
            return pos
        if side == "end" and pos > 0:
            # An exclusive end belongs with the character before it: the span must not swallow
            # a deletion (a soft hyphen, an HTML tag) that follows it.
            i = bisect_right(self.seg_d, pos - 1) - 1
            d0, s0 = self.seg_d[i], self.seg_s[i]
            if self.seg_copy[i]:
                return s0 + (pos - 1 - d0) + 1
            return s0 + self.seg_slen[i]
        i = bisect_right(self.seg_d, pos) - 1
        d0, s0 = self.seg_d[i], self.seg_s[i]
        if self.seg_copy[i]:
            return s0 + (pos - d0)
        return s0

    def to_source(self, pos: int, side: str = "start") -> int:
        """Source offset of derived offset ``pos``. ``side="end"`` is for exclusive span ends."""
        local = self._local(pos, side)
        return self.inner.to_source(local, side) if self.inner is not None else local

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the derived span ``[start, end)``."""
        s = self.to_source(start, "start")
        e = self.to_source(end, "end") if end > start else s
        return s, max(s, e)

    def then(self, inner: "OffsetMap") -> "OffsetMap":
        """Compose: ``self`` maps derived→middle, ``inner`` maps middle→source."""
        if inner.is_identity:
            return self
        if self.is_identity:
            return inner
        if self.inner is not None:
            return OffsetMap(self.seg_d, self.seg_s, self.seg_copy, self.derived_len,
                             self.source_len, self.inner.then(inner), self.seg_slen)
        return OffsetMap(self.seg_d, self.seg_s, self.seg_copy, self.derived_len, self.source_len, inner,
                         self.seg_slen)


IDENTITY = OffsetMap()


class OffsetMapBuilder:
    """Builds an :class:`OffsetMap` while a transformation walks its source left to right."""

    __slots__ = ("_d", "_s", "_copy", "_slen", "_dpos", "_spos", "_edited", "_break")

    def __init__(self) -> None:
        self._d: list[int] = []
        self._s: list[int] = []
        self._copy: list[bool] = []
        self._slen: list[int] = []
        self._dpos = 0
        self._spos = 0
        self._edited = False
        self._break = False  # a deletion happened: the next copy must open a new segment

    @property
    def derived_pos(self) -> int:
        return self._dpos

    @property
    def source_pos(self) -> int:
        return self._spos

    def copy(self, n: int) -> None:
        """``n`` characters pass through unchanged (or substituted 1:1)."""
        if n <= 0:
            return
        if self._break or not (self._copy and self._copy[-1]):
            self._break = False
            self._d.append(self._dpos)
            self._s.append(self._spos)
            self._copy.append(True)
            self._slen.append(0)
        self._dpos += n
        self._spos += n

    def replace(self, source_len: int, derived_len: int) -> None:
        """``source_len`` source characters became ``derived_len`` derived characters."""
        if source_len == derived_len:
            self.copy(source_len)
            return
        self._edited = True
        if derived_len > 0:
            self._d.append(self._dpos)
            self._s.append(self._spos)
            self._copy.append(False)
            self._slen.append(source_len)
        else:
            self._break = True
        self._dpos += derived_len
        self._spos += source_len

    def build(self) -> OffsetMap:
        if not self._edited:
            return IDENTITY
        return OffsetMap(tuple(self._d), tuple(self._s), tuple(self._copy), self._dpos, self._spos,
                         None, tuple(self._slen))
