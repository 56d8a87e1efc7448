"""The extractors as spaCy pipeline components.

Every stage of :mod:`itp_docs.extract.pipeline` is a registered factory named ``itp_<stage>``
(``itp_dates``, ``itp_money``, ``itp_persons``, …), and ``itp_extract`` runs them all. They can be
added to any pipeline, including a blank Kazakh or Russian one::

    nlp = spacy.blank("kk")          # the Kazakh class of this package
    nlp.add_pipe("itp_extract")
    doc = nlp(text)
    doc.spans["itp"]                 # every entity, overlapping allowed
    doc.ents                         # the non-overlapping ones
    doc._.itp                        # the full result: measures, clauses, glossary, news

Components share one extraction context per Doc (``doc.user_data``), built from the Doc's text
(normalized, with offsets mapped back to the Doc's characters), so adding ``itp_persons`` after
``itp_structure`` gives persons the document date and boilerplate spans the structure stage found.
"""
from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import pipeline

CTX_KEY = "itp_ctx"
OFFSETS_KEY = "itp_offsets"

if not Doc.has_extension("itp"):
    Doc.set_extension("itp", default=None)
if not Span.has_extension("normalized"):
    Span.set_extension("normalized", default=None)
if not Span.has_extension("attrs"):
    Span.set_extension("attrs", default=None)


def _context(doc: Doc):
    ctx = doc.user_data.get(CTX_KEY)
    if ctx is None:
        from ..lang.normalize import normalize

        norm = normalize(doc.text)
        ctx = pipeline.build_context(norm.text)
        doc.user_data[CTX_KEY] = ctx
        doc.user_data[OFFSETS_KEY] = norm.offsets
    return ctx


def _publish(doc: Doc) -> None:
    """Write the context's current entities into ``doc.spans["itp"]``, ``doc.ents`` and
    ``doc._.itp``."""
    ctx = doc.user_data[CTX_KEY]
    offsets = doc.user_data[OFFSETS_KEY]
    spans = []
    for e in ctx.entities:
        s, t = offsets.span(e.start, e.end)
        span = doc.char_span(s, t, label=e.type, alignment_mode="expand")
        if span is None:
            continue
        span._.normalized = e.normalized
        span._.attrs = e.attrs
        spans.append(span)
    doc.spans["itp"] = spans
    doc.ents = filter_spans(spans)
    result = pipeline.result_of(ctx)
    result.offsets = offsets
    doc._.itp = result.to_json(doc.text)


class StageComponent:
    """One extraction stage (or all of them) as a pipeline component."""

    def __init__(self, stages: list[str]) -> None:
        self.stages = stages

    def __call__(self, doc: Doc) -> Doc:
        ctx = _context(doc)
        done: set[str] = doc.user_data.setdefault("itp_done", set())
        for name, fn in pipeline.stages():
            if name in self.stages and name not in done:
                fn(ctx)
                done.add(name)
        _publish(doc)
        return doc


def _register(name: str, stages: list[str]) -> Any:
    def factory(nlp: Language, name: str) -> StageComponent:  # noqa: ARG001 - spaCy signature
        return StageComponent(stages)

    factory.__name__ = f"make_{name}"
    return Language.factory(f"itp_{name}")(factory)


make_extract = _register("extract", [m for m, _ in pipeline.STAGES])
_FACTORIES = {m: _register(m, [m]) for m, _ in pipeline.STAGES}
globals().update({f"make_{m}": f for m, f in _FACTORIES.items()})

FACTORY_NAMES = ["itp_extract"] + [f"itp_{m}" for m, _ in pipeline.STAGES]
