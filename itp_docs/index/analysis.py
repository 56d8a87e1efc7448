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

from operator import attrgetter, sub
from pickle import dumps
from typing import Iterable, Iterator

from whoosh.analysis import Filter, Token, Tokenizer
from whoosh.fields import FieldType
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from ..lang.analyzer import Token as WordToken
from ..lang.analyzer import WordAnalysis, analyze, analyze_word

__all__ = ["PreAnalyzed", "ItpTokenizer", "FormFilter", "KeysFilter", "AnalyzedField",
           "lemma_analyzer", "stem_analyzer", "exact_analyzer", "keys_analyzer"]


class PreAnalyzed:
    """Tokens already analysed by the pipeline, passed as a field value."""

    __slots__ = ("tokens", "_hyphenated")

    def __init__(self, tokens: Iterable[WordToken]) -> None:
        self.tokens = list(tokens)
        self._hyphenated: list[int] | None = None

    def hyphenated(self) -> list[int]:
        """Positions of the words with a hyphen (computed once for all the fields that index
        this value)."""
        if self._hyphenated is None:
            self._hyphenated = _hyphenated(self.tokens)
        return self._hyphenated

    def __repr__(self) -> str:
        return f"PreAnalyzed({len(self.tokens)} tokens)"


_NORM_OF = attrgetter("norm")
_KEYS_OF = attrgetter("keys")


def _hyphenated(words: list[WordToken]) -> list[int]:
    return [i for i, n in enumerate(map(_NORM_OF, words)) if "-" in n]


def parts_of(w: WordToken) -> tuple[WordAnalysis, ...]:
    """The parts of a hyphenated word, analysed as words, to index at the word's position beside
    it: a query for ``коворкинг`` finds ``коворкинг-центра``, ``байқау`` finds ``стартап-байқау``
    (and, through its translation, ``конкурс``), ``17`` finds ``17-тармағын``. Parts that give the
    word's own term are left out."""
    if "-" not in w.norm:
        return ()
    hint = w.lang if w.lang in ("kk", "ru") else "kk"      # (analyze_word caches the analyses)
    return tuple(a for a in (analyze_word(p, hint) for p in w.text.split("-") if p)
                 if a.norm != w.norm and a.lemma != w.lemma)


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
            for part in parts_of(w):     # at the same position and characters (see parts_of)
                t.analysis = part
                t.text = part.norm
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


def _term_source(analyzer) -> str | None:
    """Which word attribute an analyzer indexes (``norm``, ``lemma``, ``stem``, or ``keys``), when
    it is one of the chains above; None for any other analyzer."""
    items = getattr(analyzer, "items", None)
    if not items or len(items) != 2 or not isinstance(items[0], ItpTokenizer):
        return None
    if type(items[1]) is FormFilter:
        return items[1].form
    if type(items[1]) is KeysFilter:
        return "keys"
    return None


def lemma_analyzer():
    return ItpTokenizer() | FormFilter("lemma")


def stem_analyzer():
    return ItpTokenizer() | FormFilter("stem")


def exact_analyzer():
    return ItpTokenizer() | FormFilter("norm")


def keys_analyzer():
    return ItpTokenizer() | KeysFilter()


# ``AnalyzedField._index_words`` encodes with the helpers below (False: Whoosh's own encoders, for
# the tests that compare the two).
FAST_ENCODE = True
_ONE_POSITION: dict[int, bytes] = {}      # position → Positions.encode([position])
_FREQ: dict[int, bytes] = {}              # frequency → pack_uint(frequency)
_CACHE_MAX = 1 << 16


def _encode_positions(p: list[int]) -> bytes:
    """``Positions.encode(p)`` (a varint count, then the pickled list of gaps), byte for byte:
    one C-level ``map`` for the gaps, and the encodings of single positions remembered (most
    postings of a document are words that occur once in it)."""
    if len(p) == 1:
        v = _ONE_POSITION.get(p[0])
        if v is None:
            v = pack_uint(1) + dumps(p, 2)
            if len(_ONE_POSITION) < _CACHE_MAX:
                _ONE_POSITION[p[0]] = v
        return v
    gaps = list(map(sub, p, [0] + p))
    return pack_uint(len(p)) + dumps(gaps, 2)


def encode_frequency(n: int) -> bytes:
    """``pack_uint(n)`` (Whoosh's ``Frequency`` value), remembered."""
    v = _FREQ.get(n)
    if v is None:
        v = pack_uint(n)
        if len(_FREQ) < _CACHE_MAX:
            _FREQ[n] = v
    return v


def _positions_items(poses: dict[str, list[int]], fb: float) -> list[tuple[bytes, int, float, bytes]]:
    out = []
    append = out.append
    for t, p in poses.items():
        n = len(p)
        append((t.encode("utf-8"), n, n * fb, _encode_positions(p)))
    return out


def _frequency_items(poses: dict[str, list[int]], fb: float) -> list[tuple[bytes, int, float, bytes]]:
    out = []
    append = out.append
    freq = _FREQ
    for t, p in poses.items():
        n = len(p)
        v = freq.get(n)
        if v is None:
            v = freq[n] = pack_uint(n)
        append((t.encode("utf-8"), n, n * fb, v))
    return out


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
        if isinstance(value, PreAnalyzed) and not kwargs:
            source = _term_source(self.analyzer)
            if source is not None:
                return self._index_words(value.tokens, source, value.hyphenated())
        kwargs.setdefault("mode", "index")
        return ((text.encode("utf-8"), freq, weight, vbytes)
                for text, freq, weight, vbytes in self.format.word_values(value, self.analyzer, **kwargs))

    def term_positions(self, value) -> dict[str, list[int]] | None:
        """For a :class:`PreAnalyzed` value of one of the chains above: each term (as text, not
        encoded) with its positions in ascending order, which is what ``index`` encodes (the
        segment writer's fast path, ``writer.FastSegmentWriter.add_document``); None otherwise."""
        if not isinstance(value, PreAnalyzed):
            return None
        source = _term_source(self.analyzer)
        if source is None:
            return None
        return self._positions(value.tokens, source, value.hyphenated())

    def _index_words(self, words: list[WordToken], source: str, hyphenated: list[int] | None = None):
        """What ``index`` yields through the analyzer chain, computed in one loop: the chain
        builds a Whoosh token per word and field, a third of the build's analysis time.
        ``hyphenated``: the positions of the words with a hyphen, when known."""
        poses = self._positions(words, source, hyphenated)
        fb = self.format.field_boost
        fmt = type(self.format)
        if fmt is Positions and FAST_ENCODE:
            return _positions_items(poses, fb)
        if fmt is Frequency and FAST_ENCODE:
            return _frequency_items(poses, fb)
        if isinstance(self.format, Positions):
            encode = self.format.encode
            return [(t.encode("utf-8"), len(p), len(p) * fb, encode(p)) for t, p in poses.items()]
        return [(t.encode("utf-8"), len(p), len(p) * fb, pack_uint(len(p))) for t, p in poses.items()]

    def _positions(self, words: list[WordToken], source: str, hyphenated: list[int] | None = None):
        if hyphenated is None:
            hyphenated = _hyphenated(words)
        poses: dict[str, list[int]] = {}
        get = poses.get
        if source == "keys":
            for i, keys in enumerate(map(_KEYS_OF, words)):
                if not keys:
                    continue
                last = keys[-1]
                if last.startswith("~"):
                    t = keys[-2] if len(keys) > 1 else last
                    have = get(t)
                    if have is None:
                        poses[t] = [i]
                    else:
                        have.append(i)
                have = get(last)
                if have is None:
                    poses[last] = [i]
                else:
                    have.append(i)
        else:
            for i, t in enumerate(map(attrgetter(source), words)):
                have = get(t)
                if have is None:
                    poses[t] = [i]
                else:
                    have.append(i)
        if hyphenated:
            self._add_parts(words, hyphenated, source, poses)
        return poses

    @staticmethod
    def _add_parts(words: list[WordToken], at: list[int], source: str, poses: dict[str, list[int]]) -> None:
        """The terms of hyphenated words' parts (see parts_of), as KeysFilter and FormFilter
        give them, at the words' positions (as the chain yields them: a term a word and its
        part both give is counted twice); the positions of a term stay ascending."""
        added: dict[str, list[int]] = {}
        for i in at:
            for part in parts_of(words[i]):
                if source == "keys":
                    keys = part.keys
                    if not keys:
                        continue
                    last = keys[-1]
                    terms = ([keys[-2] if len(keys) > 1 else last, last] if last.startswith("~") else [last])
                else:
                    terms = [getattr(part, source)]
                for term in terms:
                    added.setdefault(term, []).append(i)
        for term, ps in added.items():
            have = poses.get(term)
            poses[term] = sorted(have + ps) if have else ps

    def process_text(self, qstring, mode="", **kwargs):
        return (t.text for t in self.analyzer(qstring, mode=mode, **kwargs))

    def has_morph(self) -> bool:
        return False
