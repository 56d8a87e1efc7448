"""Extraction pipeline: a loaded document in, a :class:`DocResult` out.

The stages are plain functions ``run(ctx)`` in small modules, listed here in the order their
inputs require: document structure first (doctype, date, boilerplate, decree parts), then the
number-like entities, then names, then the news quotes that need persons, then linking, which
merges mentions into entities with canonical forms. The spaCy components in ``components.py``
call the same functions.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from typing import Callable, Iterable

from ..lang import langid
from ..load import Document
from .context import Context
from .model import DocResult

# (module, function) in execution order.
STAGES: list[tuple[str, str]] = [
    ("structure", "run"),        # doctype, title, publication/adoption date, boilerplate spans
    ("decree", "run"),           # decree header, signer, clauses, amendment references
    ("measures", "run"),         # appendix tables → measures
    ("glossary", "run"),         # abbreviation glossary → pairs
    ("dates", "run"),            # DATE (uses ctx.date for relative dates)
    ("money", "run"),            # MONEY
    ("percent", "run"),          # PERCENT
    ("laws", "run"),             # LAW
    ("persons", "run"),          # PERSON with roles
    ("orgs", "run"),             # ORG with legal forms and canonical ids
    ("places", "run"),           # LOC
    ("programs", "run"),         # PROGRAM
    ("news", "run"),             # byline, source, quotes with speakers
    ("link", "run"),             # overlaps, coreference, canonical ids, abbreviation links
]

# Stages that produce only the named entity types; skipped when ``types`` excludes them all.
STAGE_TYPES: dict[str, set[str]] = {
    "dates": {"DATE"}, "money": {"MONEY"}, "percent": {"PERCENT"}, "laws": {"LAW"},
    "persons": {"PERSON"}, "orgs": {"ORG"}, "places": {"LOC"}, "programs": {"PROGRAM"},
}


@lru_cache(maxsize=None)
def _stage(module: str, func: str) -> Callable[[Context], None] | None:
    name = f"{__package__}.{module}"
    try:
        mod = importlib.import_module(name)
    except ModuleNotFoundError as e:
        # While the stages are being written, a stage module may not exist yet; every other
        # import error is a real bug and propagates. tests/test_pipeline.py requires them all.
        if e.name == name:
            return None
        raise
    return getattr(mod, func)


# Entity types whose stages read each other's results: persons' spans bound organization names,
# places skip what persons, orgs and dates claimed, programs skip organizations, and linking
# settles overlaps among all four name types. Asking for one of them runs them all (and dates),
# so that ``--types ORG`` gives the ORG entities of a full run.
NAME_GROUP = {"PERSON", "ORG", "LOC", "PROGRAM"}
NAME_GROUP_NEEDS = {"DATE"}


def stages(types: Iterable[str] | None = None) -> list[tuple[str, Callable[[Context], None]]]:
    """The stage functions to run, in order (stages for unwanted entity types left out, unless
    a wanted type's stage reads their results: see NAME_GROUP)."""
    wanted = set(types) if types else None
    if wanted is not None and wanted & NAME_GROUP:
        wanted |= NAME_GROUP | NAME_GROUP_NEEDS
    out = []
    for module, func in STAGES:
        st = STAGE_TYPES.get(module)
        if wanted is not None and st is not None and not (st & wanted):
            continue
        fn = _stage(module, func)
        if fn is not None:
            out.append((module, fn))
    return out


def build_context(text: str, source: str = "<text>", title: str | None = None) -> Context:
    paragraphs = langid.identify_paragraphs(text)
    lang = langid.dominant_of(paragraphs)
    return Context(text=text, lang=lang, paragraphs=paragraphs, source=source, title=title)


def run(ctx: Context, types: Iterable[str] | None = None, skip: Iterable[str] = ()) -> Context:
    """Run the stages on ``ctx``; ``skip`` names stages whose results the caller does not read
    (the index leaves out ``news``: bylines and quotes are not indexed)."""
    skipped = set(skip)
    for name, fn in stages(types):
        if name not in skipped:
            fn(ctx)
    return ctx


def result_of(ctx: Context, doc: Document | None = None, types: Iterable[str] | None = None) -> DocResult:
    wanted = set(types) if types else None
    ents = [e for e in ctx.entities if wanted is None or e.type in wanted]
    return DocResult(
        source=ctx.source, lang=ctx.lang, doctype=ctx.doctype, date=ctx.date,
        title=ctx.title, entities=ents, measures=ctx.measures, abbreviations=ctx.abbreviations,
        clauses=ctx.clauses, decree=ctx.decree, references=ctx.references, news=ctx.news,
        paragraphs=ctx.paragraphs,
        encoding=doc.encoding if doc else None, format=doc.fmt if doc else None,
        repairs=dict(doc.repairs) if doc else {}, offsets=doc.offsets if doc else None,
    )


# A short text in each language that reaches every stage, so that each loads its lexicons.
_WARM_UP_TEXTS = (
    "Қазақстан Республикасы Үкіметінің 2015 жылғы 3 наурыздағы № 12 қаулысы. "
    "Астана қаласының әкімі Әсет Исекешов «Самұрық-Қазына» АҚ 5 млрд теңге (20%) бөлді, "
    "«Цифрлы Қазақстан» бағдарламасы, — деді ол.",
    "Постановление Правительства Республики Казахстан от 3 марта 2015 года № 12. "
    "Аким города Алматы Бауыржан Байбек сообщил, что АО «Казахтелеком» выделит 5 млрд тенге (20%) "
    "по программе «Цифровой Казахстан».",
)


def warm_up(types: Iterable[str] | None = None) -> None:
    """Run the stages once on short kk and ru texts: every lazily loaded resource gets loaded."""
    for text in _WARM_UP_TEXTS:
        extract_text(text, "<warm-up>", types)


def extract_document(doc: Document, types: Iterable[str] | None = None) -> DocResult:
    ctx = build_context(doc.text, doc.source, doc.title)
    run(ctx, types)
    return result_of(ctx, doc, types)


def extract_text(text: str, source: str = "<text>", types: Iterable[str] | None = None) -> DocResult:
    """Extract from a string that is already clean text (tests, the Python API)."""
    from ..lang.normalize import normalize

    norm = normalize(text)
    ctx = build_context(norm.text, source)
    run(ctx, types)
    res = result_of(ctx, None, types)
    res.offsets = norm.offsets
    return res
