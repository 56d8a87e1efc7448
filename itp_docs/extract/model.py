"""What extraction produces: entities, decree clauses and measures, news structure, per document.

Offsets inside the pipeline are offsets into the *normalized* text (``Context.text``); they are
mapped back to the original file only when a result is written out (:meth:`DocResult.to_json`),
so every extractor works on one clean string and none has to care about HTML or repairs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..lang.offsets import OffsetMap

ENTITY_TYPES = ("PERSON", "ORG", "LOC", "MONEY", "PERCENT", "DATE", "LAW", "PROGRAM")


@dataclass
class Entity:
    type: str                    # one of ENTITY_TYPES
    start: int                   # normalized-text offsets
    end: int
    text: str                    # surface text as it stands in the normalized text
    normalized: str              # dictionary form: nominative, quotes balanced/removed, document's script
    attrs: dict[str, Any] = field(default_factory=dict)
    score: float = 1.0           # rule confidence; overlaps are resolved by score, then length

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class Clause:
    id: str                      # "1", "2", "2.1", "2.1)" → "2.1"
    start: int
    end: int
    text: str
    parent: str | None = None    # "2" for "2.1"


@dataclass
class Measure:
    number: str
    section: str | None          # number of the section heading row above it ("1", "2")
    section_title: str | None
    text: str                    # the measure itself
    completion_form: str | None
    executors: list[str]         # as written, "by agreement" marks removed
    executors_by_agreement: list[bool]
    deadline: str | None         # deadline cell text
    deadline_value: Any          # "2013-08", "2014", "2016-Q1", {"start": "2014", "end": "2018"} or None
    funding: str | None
    start: int = 0               # the row in normalized text
    end: int = 0
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. funding amounts


@dataclass
class Quote:
    text: str
    speaker: str | None          # normalized person name when the text says who spoke
    start: int
    end: int


@dataclass
class DocResult:
    source: str
    lang: str                    # dominant language: kk | ru | kk-Latn | other
    doctype: str                 # decree | news | other
    date: str | None             # decree adoption date / news publication date (ISO)
    title: str | None = None
    entities: list[Entity] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    abbreviations: list[dict[str, str]] = field(default_factory=list)   # {"short", "full"}
    clauses: list[Clause] = field(default_factory=list)
    decree: dict[str, Any] | None = None     # kind, number, date, issuer, signer, signer_role, title
    references: list[dict[str, Any]] = field(default_factory=list)      # amendment footnotes
    news: dict[str, Any] | None = None       # byline, source_name, quotes
    paragraphs: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, lang)
    encoding: str | None = None
    format: str | None = None
    repairs: dict[str, int] = field(default_factory=dict)
    offsets: OffsetMap | None = None         # normalized → original text

    def _orig(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end) if self.offsets is not None else (start, end)

    def _mapped(self, d: dict[str, Any]) -> dict[str, Any]:
        """A copy of ``d`` with its normalized-text ``start``/``end`` mapped to the original."""
        if not isinstance(d, dict) or not isinstance(d.get("start"), int) or not isinstance(d.get("end"), int):
            return d
        out = dict(d)
        out["start"], out["end"] = self._orig(d["start"], d["end"])
        return out

    def to_json(self, raw: str | None = None, types: set[str] | None = None) -> dict[str, Any]:
        """The output contract (shared/eval/README.md): offsets into the original text; ``text``
        is the original surface when ``raw`` is given."""
        ents = []
        for e in sorted(self.entities, key=lambda x: (x.start, x.end)):
            if types and e.type not in types:
                continue
            s, t = self._orig(e.start, e.end)
            ents.append({"type": e.type, "text": raw[s:t] if raw is not None else e.text,
                         "start": s, "end": t, "normalized": e.normalized, "attrs": e.attrs})
        out: dict[str, Any] = {
            "source": self.source, "lang": self.lang, "doctype": self.doctype, "date": self.date,
            "title": self.title, "entities": ents,
            "measures": [_measure_json(m, self) for m in self.measures],
            "abbreviations": self.abbreviations,
        }
        if self.decree is not None:
            out["decree"] = self.decree
            out["clauses"] = [{"id": c.id, "parent": c.parent, "start": self._orig(c.start, c.end)[0],
                               "end": self._orig(c.start, c.end)[1], "text": c.text} for c in self.clauses]
            out["references"] = [self._mapped(r) for r in self.references]
        if self.news is not None:
            news = dict(self.news)
            news["quotes"] = [self._mapped(q) for q in self.news.get("quotes") or []]
            out["news"] = news
        out["paragraphs"] = [{"start": self._orig(s, e)[0], "end": self._orig(s, e)[1], "lang": lg}
                             for s, e, lg in self.paragraphs]
        out["format"] = self.format
        out["encoding"] = self.encoding
        if self.repairs:
            out["repairs"] = self.repairs
        return out


def _measure_json(m: Measure, doc: DocResult) -> dict[str, Any]:
    s, e = doc._orig(m.start, m.end)
    d = {"number": m.number, "section": m.section, "section_title": m.section_title, "text": m.text,
         "completion_form": m.completion_form, "executors": m.executors,
         "executors_by_agreement": m.executors_by_agreement, "deadline": m.deadline,
         "deadline_value": m.deadline_value, "funding": m.funding, "start": s, "end": e}
    d.update(m.extra)
    return d
