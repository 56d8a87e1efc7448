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

from .context import Context
from .model import Entity

NAME_TYPES = {"PERSON", "ORG", "LOC", "PROGRAM"}


def _rank(e: Entity) -> tuple:
    return (-e.score, -(e.end - e.start), e.start)


def resolve(entities: list[Entity]) -> list[Entity]:
    seen: dict[tuple, Entity] = {}
    for e in entities:
        key = (e.type, e.start, e.end)
        if key not in seen or _rank(e) < _rank(seen[key]):
            seen[key] = e
    unique = list(seen.values())
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
