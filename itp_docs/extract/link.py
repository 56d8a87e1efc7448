"""The last stage: one consistent set of entities out of what the extractors proposed.

Extractors work independently and may propose overlapping spans: a place inside an organization
name (``Алматы`` in ``Алматы қаласының әкімдігі``), an organization inside a program name, the
same span twice. Names (PERSON, ORG, LOC, PROGRAM) compete for a span: the higher-scored, then
the longer, proposal wins, and a name wholly inside a longer name of another type is dropped.
A place named inside an organization's name (``Алматы`` in ``Алматы қаласының әкімдігі``,
marked ``in_org`` by the places stage) is still a mention of that place and is kept.
Number-like entities (DATE, MONEY, PERCENT, LAW) are facts of their own and are kept even inside
a name or a legal-act reference (``2012 жылғы 18 желтоқсандағы № 449 Жарлығы`` is a LAW and
holds a DATE), except when an identical span of the same type was proposed twice.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right, insort

from .context import Context
from .model import Entity

NAME_TYPES = {"PERSON", "ORG", "LOC", "PROGRAM"}


def _rank(e: Entity) -> tuple:
    return (-e.score, -(e.end - e.start), e.start)


class _Disjoint:
    """Spans no two of which overlap (``a.start < b.end and b.start < a.end`` never holds), kept
    sorted by (start, end). Sorted that way their ends never decrease (a span ending after a later
    one would overlap it), so among the spans starting before a point the last one reaches
    furthest: one bisection answers "does anything overlap [s, e)" and "does anything contain
    [s, e)" where the plain formulation scans every span. Spans must not end before they start.
    """

    __slots__ = ("spans",)

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []

    def add(self, start: int, end: int) -> None:
        insort(self.spans, (start, end))

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.spans, (end,))        # spans starting before ``end``
        return i > 0 and self.spans[i - 1][1] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect_right(self.spans, (start, _INF))  # spans starting at or before ``start``
        return i > 0 and self.spans[i - 1][1] >= end


_INF = float("inf")


def resolve(entities: list[Entity]) -> list[Entity]:
    seen: dict[tuple, Entity] = {}
    for e in entities:
        key = (e.type, e.start, e.end)
        if key not in seen or _rank(e) < _rank(seen[key]):
            seen[key] = e
    unique = list(seen.values())
    if any(e.end < e.start for e in unique):
        return _resolve_plain(unique)
    nested = [e for e in unique if e.type == "LOC" and e.attrs.get("in_org")]
    names = sorted((e for e in unique if e.type in NAME_TYPES and not (e.type == "LOC" and e.attrs.get("in_org"))),
                   key=_rank)
    # (``kept`` holds disjoint names; the ORGs among them and the rest are indexed apart, for
    # the nested places, which may lie inside an ORG but must not overlap anything else)
    kept: list[Entity] = []
    all_kept, orgs, not_orgs = _Disjoint(), _Disjoint(), _Disjoint()
    for e in names:
        if not all_kept.overlaps(e.start, e.end):
            kept.append(e)
            all_kept.add(e.start, e.end)
            (orgs if e.type == "ORG" else not_orgs).add(e.start, e.end)
    for e in nested:
        # kept when an organization really contains it; dropped if it clashes with anything else
        if orgs.contains(e.start, e.end) and not not_orgs.overlaps(e.start, e.end):
            kept.append(e)
            not_orgs.add(e.start, e.end)
    others = [e for e in unique if e.type not in NAME_TYPES]
    # Same-type overlaps among number-like entities: the longer wins (a period over its years).
    others.sort(key=_rank)
    kept_other: list[Entity] = []
    by_type: dict[str, _Disjoint] = {}
    for e in others:
        d = by_type.get(e.type)
        if d is None:
            d = by_type[e.type] = _Disjoint()
        elif d.overlaps(e.start, e.end):
            continue
        kept_other.append(e)
        d.add(e.start, e.end)
    return sorted(kept + kept_other, key=lambda x: (x.start, x.end, x.type))


def _resolve_plain(unique: list[Entity]) -> list[Entity]:
    """``resolve`` as plain scans of every kept span (the reference for the indexed version)."""
    nested = [e for e in unique if e.type == "LOC" and e.attrs.get("in_org")]
    names = sorted((e for e in unique if e.type in NAME_TYPES and not (e.type == "LOC" and e.attrs.get("in_org"))),
                   key=_rank)
    kept: list[Entity] = []
    for e in names:
        clash = False
        for k in kept:
            if e.start < k.end and k.start < e.end:
                clash = True
                break
        if not clash:
            kept.append(e)
    for e in nested:
        # kept when an organization really contains it; dropped if it clashes with anything else
        inside = any(k.type == "ORG" and k.start <= e.start and e.end <= k.end for k in kept)
        clash = any(e.start < k.end and k.start < e.end and k.type != "ORG" for k in kept)
        if inside and not clash:
            kept.append(e)
    others = [e for e in unique if e.type not in NAME_TYPES]
    # Same-type overlaps among number-like entities: the longer wins (a period over its years).
    others.sort(key=_rank)
    kept_other: list[Entity] = []
    for e in others:
        if any(k.type == e.type and e.start < k.end and k.start < e.end for k in kept_other):
            continue
        kept_other.append(e)
    return sorted(kept + kept_other, key=lambda x: (x.start, x.end, x.type))


def run(ctx: Context) -> None:
    ctx.entities = resolve(ctx.entities)
