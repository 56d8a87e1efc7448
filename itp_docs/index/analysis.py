"""Whoosh analyzers built on the text layer, composed the Whoosh way: ``tokenizer | filter``.

    ItpTokenizer() | FormFilter("lemma")     # lemmas of Kazakh and Russian words
    ItpTokenizer() | FormFilter("stem")
    ItpTokenizer() | FormFilter("norm")      # normalized surface forms
    ItpTokenizer() | KeysFilter()            # transliteration keys (several per position)

:class:`ItpTokenizer` runs :func:`itp_docs.lang.analyzer.analyze` and hands every filter the
full word analysis, so a filter only chooses which form becomes the indexed term. The same
tokenizer accepts a :class:`PreAnalyzed` value — the tokens the extraction pipeline has already
computed — so indexing a document analyses it once, not once per field.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.fields import FieldType
from whoosh.formats import Frequency, Positions

from ..lang.analyzer import Token as WordToken
from ..lang.analyzer import analyze

__all__ = ["PreAnalyzed", "ItpTokenizer", "FormFilter", "KeysFilter", "AnalyzedField",
           "lemma_analyzer", "stem_analyzer", "exact_analyzer", "keys_analyzer"]


class PreAnalyzed:
    """Tokens already analysed by the pipeline, passed as a field value."""

    __slots__ = ("tokens",)

    def __init__(self, tokens: Iterable[WordToken]) -> None:
        self.tokens = list(tokens)

    def __repr__(self) -> str:
        return f"PreAnalyzed({len(self.tokens)} tokens)"


class ItpTokenizer(Tokenizer):
    """Yields Whoosh tokens carrying the word analysis in ``t.analysis``.

    Positions count words; ``startchar``/``endchar`` are offsets into the indexed text, so
    search can locate passages and highlight snippets from postings alone.
    """

    def __init__(self, lang: str = "auto") -> None:
        self.lang = lang

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ItpTokenizer) and other.lang == self.lang

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs) -> Iterator[Token]:  # noqa: PLR0913
        words = value.tokens if isinstance(value, PreAnalyzed) else analyze(value, self.lang)
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, w in enumerate(words):
            t.text = w.norm
            t.analysis = w
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = w.text
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + w.start
                t.endchar = start_char + w.end
            yield t


class FormFilter(Filter):
    """Index one form of each word: ``norm``, ``lemma`` or ``stem``."""

    def __init__(self, form: str) -> None:
        self.form = form

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FormFilter) and other.form == self.form

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        form = self.form
        for t in tokens:
            t.text = getattr(t.analysis, form)
            yield t


class KeysFilter(Filter):
    """Index a word's script-neutral keys at its position: the key without case endings (the
    query side looks up the same key, so the full inflected key is not needed) and, for names,
    the consonant skeleton. Numbers have no keys."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeysFilter)

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            keys = t.analysis.keys
            if not keys:
                continue
            if keys[-1].startswith("~"):
                t.text = keys[-2] if len(keys) > 1 else keys[-1]
                yield t
                t.text = keys[-1]
                yield t
            else:
                t.text = keys[-1]
                yield t


def lemma_analyzer():
    return ItpTokenizer() | FormFilter("lemma")


def stem_analyzer():
    return ItpTokenizer() | FormFilter("stem")


def exact_analyzer():
    return ItpTokenizer() | FormFilter("norm")


def keys_analyzer():
    return ItpTokenizer() | KeysFilter()


class AnalyzedField(FieldType):
    """A text field that takes a string or a :class:`PreAnalyzed` value.

    ``positions=True`` stores word positions (phrase queries, passage location: a position is the
    word's index among the document's tokens, which search maps back to characters by
    re-tokenizing the stored text); otherwise only frequencies. Character ranges are not stored:
    they would double the posting work of the build for what one regex pass over a hit's text
    recovers.
    """

    def __init__(self, analyzer, positions: bool = False, field_boost: float = 1.0) -> None:
        self.analyzer = analyzer
        self.format = Positions(field_boost=field_boost) if positions else Frequency(field_boost=field_boost)
        self.scorable = True
        self.stored = False
        self.unique = False
        self.vector = None

    def index(self, value, **kwargs):
        kwargs.setdefault("mode", "index")
        for text, freq, weight, vbytes in self.format.word_values(value, self.analyzer, **kwargs):
            yield text.encode("utf-8"), freq, weight, vbytes

    def process_text(self, qstring, mode="", **kwargs):
        return (t.text for t in self.analyzer(qstring, mode=mode, **kwargs))

    def has_morph(self) -> bool:
        return False
