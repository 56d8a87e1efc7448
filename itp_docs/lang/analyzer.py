"""The word analyzer shared by ``itp-docs analyze``, the extractors and the search index.

Every word is reduced to the forms under which it can match: its normalized surface form, its
lemma and stem in its own language, and its transliteration keys (script- and language-neutral).
The index stores all of them and the query side computes the same ones, so ``analyze`` shows
exactly why a word does or does not match.

A word's language decides its lemmatizer: a word with Kazakh letters is Kazakh; otherwise a
Cyrillic word takes its paragraph's language (so ``Инвестициялар`` in a Kazakh paragraph is
Kazakh and ``Сагинтаева`` in a Russian one is Russian); Latin words get keys only (their Kazakh
or Russian identity is what the keys recover).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple

from .kk import lemmatizer as kk_lemmatizer
from .normalize import normalize_word
from .ru import lemmatizer as ru_lemmatizer
from .script import KK_EXTRA
from .translit import skeleton_key, word_keys

__all__ = ["WordAnalysis", "Token", "TOKEN_RE", "tokenize", "analyze_word", "analyze", "analyze_ranges",
           "word_lang"]

# Letters/digits with inner hyphens or apostrophes: Самрұқ-Қазына, ИЖТМ-ге, 2013-ші, a'lem, 3,8.
# A hyphen joins a word to letters only: "Мемтапсырыс-2018" and "Қазақстан-2050" are a name and a
# number, so "Қазақстан 2050" and "жол картасы" find them.
TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*(?:-[^\W\d_]+)?|[^\W\d_]+(?:[-'’][^\W\d_][^\W_]*)*|[^\W_]+")
_KK_LETTER = re.compile(f"[{KK_EXTRA}]")
_CYR = re.compile(r"[\u0400-\u04FF]")
_LAT = re.compile(r"[A-Za-z\u00C0-\u024F]")


@dataclass(frozen=True, slots=True)
class WordAnalysis:
    norm: str                 # lowercase, homoglyphs repaired, ё → е
    lang: str                 # 'kk' | 'ru' | 'lat' | 'num'
    lemma: str                # lowercase dictionary form
    stem: str                 # lowercase conflation form (Kazakh rule stem / Russian Snowball)
    keys: tuple[str, ...]     # transliteration keys: full and with case endings removed


class Token(NamedTuple):
    """One word of a text with its analysis. A tuple: every document makes one per word, and a
    tuple is built in one call (``tuple.__new__``) where a frozen slotted dataclass needs one
    attribute store per field; fields are read by name all the same."""

    text: str
    start: int
    end: int
    norm: str
    lang: str
    lemma: str
    stem: str
    keys: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "norm": self.norm,
                "lang": self.lang, "lemma": self.lemma, "stem": self.stem, "keys": list(self.keys)}


def tokenize(text: str) -> Iterator[re.Match]:
    return TOKEN_RE.finditer(text)


def word_lang(word: str, hint: str) -> str:
    """Which analyser a word goes to: ``kk``, ``ru``, ``lat`` or ``num``."""
    if _KK_LETTER.search(word):
        return "kk"
    if _CYR.search(word):
        return "kk" if hint == "kk" else "ru"
    if _LAT.search(word):
        return "lat"
    return "num"


@lru_cache(maxsize=500_000)
def analyze_word(word: str, hint: str = "kk") -> WordAnalysis:
    """Analyse one token; ``hint`` is its paragraph's language (``kk`` or ``ru``)."""
    fixed = normalize_word(word)
    lang = word_lang(fixed, hint)
    norm = fixed.lower().replace("ё", "е").replace("’", "'")
    if lang == "num":
        return WordAnalysis(norm, lang, norm, norm, ())
    if lang == "kk":
        a = kk_lemmatizer.analyze(fixed)
        lemma, stem = a.lemma.lower(), a.stem.lower()
    elif lang == "ru":
        r = ru_lemmatizer.analyze(fixed)
        lemma, stem = r.lemma, r.stem
    else:
        lemma = stem = norm
    keys = word_keys(fixed)
    if fixed[:1].isupper():
        # Names: a weak consonant-skeleton key joins spellings that differ in vowels only
        # (Исекешов / Исекешев / Issekeshev).
        sk = skeleton_key(fixed)
        if sk:
            keys = keys + (sk,)
    return WordAnalysis(norm, lang, lemma, stem, keys)


def _paragraph_langs(text: str, lang: str) -> list[tuple[int, int, str]]:
    if lang in ("kk", "ru"):
        return [(0, len(text), lang)]
    from .langid import identify_paragraphs

    spans = identify_paragraphs(text)
    default = _fallback_lang(text)
    out = []
    for s, e, label in spans:
        out.append((s, e, label if label in ("kk", "ru") else default))
    return out or [(0, len(text), default)]


def _fallback_lang(text: str) -> str:
    """For paragraphs that are neither kk nor ru (Latin Kazakh, other): Cyrillic words in them
    are most likely Kazakh when the text has any Kazakh letter, else Russian."""
    return "kk" if _KK_LETTER.search(text) else "ru"


def analyze(text: str, lang: str = "auto") -> list[Token]:
    """Tokens of ``text`` with their analyses. ``lang``: ``auto`` (per paragraph), ``kk`` or ``ru``."""
    return analyze_ranges(text, _paragraph_langs(text, lang))


def analyze_ranges(text: str, ranges: list[tuple[int, int, str]]) -> list[Token]:
    """Tokens of ``text`` inside ``(start, end, lang)`` ranges whose language is already known
    (paragraphs identified once by the caller); ``lang`` other than kk/ru falls back to the
    text's letters."""
    tokens: list[Token] = []
    append = tokens.append
    fallback = None
    new = tuple.__new__
    # Consecutive ranges of one language with only whitespace between them are scanned as one:
    # no token holds whitespace, so the tokens are the same, and a text of thousands of short
    # paragraphs (lists, tables) costs one scan instead of one per line.
    scans: list[tuple[int, int, str]] = []
    for start, end, plang in ranges:
        if plang not in ("kk", "ru"):
            fallback = fallback or _fallback_lang(text)
            plang = fallback
        if scans:
            ps, pe, pl = scans[-1]
            if pl == plang and pe < start <= end and text[pe:start].isspace():
                scans[-1] = (ps, end, pl)
                continue
        scans.append((start, end, plang))
    for start, end, plang in scans:
        for m in TOKEN_RE.finditer(text, start, end):
            w = m.group()
            a = analyze_word(w, plang)
            st, en = m.span()
            # Token(w, st, en, a.norm, ...) without the NamedTuple's __new__ (a Python function
            # taking the fields as arguments): every document makes one per word (same tuple;
            # see tests/test_extract_speedups.py).
            append(new(Token, (w, st, en, a.norm, a.lang, a.lemma, a.stem, a.keys)))
    return tokens
