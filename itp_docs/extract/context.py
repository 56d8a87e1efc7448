"""The state one document carries through the extraction stages.

Stages run in a fixed order (structure → numbers → names → linking, see ``pipeline.py``); each
reads what earlier stages found (the document date for relative dates, the glossary for
abbreviations, the boilerplate spans to skip) and adds its own findings here.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Any

from ..lang.analyzer import Token, analyze_ranges
from .model import Clause, Entity, Measure, Quote


@dataclass
class Context:
    text: str                                   # normalized text
    lang: str                                   # dominant language
    paragraphs: list[tuple[int, int, str]]      # (start, end, lang) over ``text``
    source: str = ""
    title: str | None = None                    # from the file format (HTML <title>, Markdown #)
    doctype: str = "other"                      # decree | news | other
    date: str | None = None                     # adoption / publication date (ISO)
    title_span: tuple[int, int] | None = None
    ignore_spans: list[tuple[int, int]] = field(default_factory=list)  # boilerplate: no entities inside
    table_spans: list[tuple[int, int]] = field(default_factory=list)   # measure-table rows
    glossary: dict[str, str] = field(default_factory=dict)             # short → full, from the document
    abbreviations: list[dict[str, str]] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    clauses: list[Clause] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    decree: dict[str, Any] | None = None
    news: dict[str, Any] | None = None
    references: list[dict[str, Any]] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)                # stage-to-stage scratch space

    @cached_property
    def tokens(self) -> list[Token]:
        """Analyzer tokens of the whole text (lemmas, stems, keys), computed once on demand."""
        default = "kk" if self.lang == "kk" else "ru"
        ranges = [(s, e, lg if lg in ("kk", "ru") else default)
                  for s, e, lg in (self.paragraphs or [(0, len(self.text), self.lang)])]
        return analyze_ranges(self.text, ranges)

    @cached_property
    def _token_starts(self) -> list[int]:
        return [t.start for t in self.tokens]

    def tokens_in(self, start: int, end: int) -> list[Token]:
        i = bisect_right(self._token_starts, start - 1)
        out = []
        for t in self.tokens[i:]:
            if t.start >= end:
                break
            out.append(t)
        return out

    @cached_property
    def _para_starts(self) -> list[int]:
        return [p[0] for p in self.paragraphs]

    def lang_at(self, pos: int) -> str:
        """Language of the paragraph holding ``pos`` (the document's when unknown)."""
        if not self.paragraphs:
            return self.lang
        i = bisect_right(self._para_starts, pos) - 1
        if i >= 0 and self.paragraphs[i][0] <= pos < self.paragraphs[i][1]:
            lg = self.paragraphs[i][2]
            if lg in ("kk", "ru"):
                return lg
        return self.lang if self.lang in ("kk", "ru") else "ru"

    def ignored(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps boilerplate."""
        spans = self.ignore_spans
        if len(spans) < 5:
            return any(s < end and start < e for s, e in spans)
        # Every entity of every stage asks: with many spans, the spans sorted by start and the
        # furthest end reached so far answer in logarithmic time (the same answer as the scan:
        # the spans starting before ``end`` overlap iff one of them reaches past ``start``).
        idx = self.__dict__.get("_ignore_index")
        if idx is None or idx[0] is not spans or idx[1] != (len(spans), spans[0], spans[-1]):
            srt = sorted(spans)
            idx = (spans, (len(spans), spans[0], spans[-1]), [a for a, _b in srt],
                   list(accumulate((b for _a, b in srt), max)))
            self.__dict__["_ignore_index"] = idx
        k = bisect_left(idx[2], end)
        return k > 0 and idx[3][k - 1] > start

    def add(self, entity: Entity) -> None:
        if not self.ignored(entity.start, entity.end):
            self.entities.append(entity)
