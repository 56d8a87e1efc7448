"""Finding lexicon names (multi-word, inflected, in any script) in a document's tokens.

Names in the lexicons are cited in the nominative (``Инвестициялар және даму министрлігі``,
``Алматинская область``, ``Самрук-Казына``); texts inflect them (``министрлігіне``,
``Алматинской области``, ``Самрук-Казыны``), swap equivalent connectors (``Инвестициялар мен
даму``), spell them in the other Cyrillic alphabet (``Казакстан темир жолы``) and put quotes and
line breaks between their words. Comparing surface strings finds none of that; comparing the
analyzer's lemmas and script-neutral keys word by word finds all of it at the cost of one dict
lookup per token: every name is indexed under its first word's lemma and key, and only the names
whose first word matches are verified word by word.

The document is first turned into :class:`Unit` s (one per token, with ``word-2020`` split into
``word`` + ``2020`` because texts also write ``картасы -2020``); each unit carries what matching
and the extractors ask about a word: lemma, key, capitalisation, the separator before it and
whether it starts a sentence. Units are computed once per document (:func:`doc_units`) and shared
by every stage that uses a gazetteer.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, NamedTuple, Sequence

from .. import lexicon
from ..lang.analyzer import Token, analyze, analyze_word
from ..lang.translit import fold_key

__all__ = ["Unit", "Entry", "Match", "Gazetteer", "doc_units", "phrase_units", "units_of",
           "non_overlapping", "unit_eq", "connectors"]

# word-2020 / ЭКСПО-2017: the name part and the number are matched separately.
_WORD_NUM = re.compile(r"^(.*[^\W\d_])-(\d+)$")
_QUOTES = "«»\"„“”‹›'’`"
_GAP_DROP = str.maketrans({c: None for c in _QUOTES + " \t\u00a0"})
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-"})
_SENT_BREAK = re.compile(r"[.!?;:\n|]")
_UPPER_WORD = re.compile(r"^[^\W\d_]{2,}$")
# Russian oblique case endings after a nominative stem (Нур-Султан-е, Самрук-Казын-ы).
_RU_OBLIQUE = frozenset(("а", "я", "у", "ю", "е", "ы", "и", "ой", "ей", "ом", "ем", "ою", "ею",
                         "ам", "ям", "ами", "ями", "ах", "ях", "ого", "его", "ому", "ему", "ым", "им"))
_RU_NOM_TAIL = frozenset("аяыиьйое")
_CONNECTOR = "&"


class Unit(NamedTuple):
    """One word of a text (a tuple: units are made for every token of every document)."""

    i: int              # index in its unit list
    start: int          # character offsets in the text the units were made from
    end: int
    text: str           # surface form
    norm: str           # lowercase surface, ё → е
    lemma: str          # analyzer lemma (lowercase); "&" for a connector (және, мен, и, and)
    fkey: str           # script-neutral key of the lemma (translit.fold_key)
    lang: str           # kk | ru | lat | num
    cap: bool           # starts with an uppercase letter
    upper: bool         # an all-caps word of two letters or more (abbreviation)
    gap: str            # separator before the unit without spaces and quotes, dashes as "-"
    raw_gap: str        # the separator as written
    sent_start: bool    # first unit of a sentence, line or table cell


@dataclass(frozen=True, slots=True)
class Entry:
    name: str           # as written in the lexicon
    lang: str
    data: Any           # the caller's payload (usually the lexicon row)
    units: tuple[Unit, ...]


@dataclass(frozen=True, slots=True)
class Match:
    start: int          # first unit index
    end: int            # one past the last unit index
    entry: Entry
    cstart: int         # character offsets
    cend: int


@lru_cache(maxsize=1)
def connectors() -> dict[str, frozenset[str]]:
    """Connector words per language (name_words.tsv); interchangeable inside names."""
    out: dict[str, set[str]] = {}
    for r in lexicon.load("name_words"):
        if r["use"] == "connector":
            out.setdefault(r["lang"], set()).add(r["word"].lower())
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _all_connectors() -> frozenset[str]:
    return frozenset().union(*connectors().values())


@lru_cache(maxsize=200_000)
def _fkey(lemma: str) -> str:
    return fold_key(lemma) or lemma


def _gap(raw: str) -> str:
    return raw.translate(_GAP_DROP).translate(_DASHES)


def _word_facts(surf: str, norm: str, lem: str, lang: str) -> tuple[str, str, bool, bool]:
    """(lemma, key, cap, upper) of one word form: computed once per form, not per occurrence."""
    lem_c = _CONNECTOR if norm in _all_connectors() else lem
    base, _, tail = surf.partition("-")
    # ИЖТМ-ге is an abbreviation with a case ending; IT-компаниялар is a common noun.
    compound = bool(tail) and len(tail) > 5 and tail.islower()
    cap = surf[:1].isupper() and not compound
    upper = bool(_UPPER_WORD.match(base)) and base.isupper() and not compound
    return lem_c, (_CONNECTOR if lem_c == _CONNECTOR else _fkey(lem_c)), cap, upper


_FACTS: dict[tuple[str, str, str, str], tuple[str, str, bool, bool]] = {}
_GAPS: dict[str, tuple[str, bool]] = {"": ("", False), " ": ("", False)}


def units_of(tokens: Sequence[Token], text: str) -> list[Unit]:
    """Units of analyzer tokens over ``text`` (the string the token offsets point into).

    This runs for every token of every document, so per-form facts come from plain dict caches
    and units are built with ``tuple.__new__`` (a third of a NamedTuple call)."""
    out: list[Unit] = []
    append = out.append
    new = tuple.__new__
    facts, gaps = _FACTS, _GAPS
    if len(facts) > 500_000:
        facts.clear()
    if len(gaps) > 50_000:
        gaps.clear()
        gaps.update({"": ("", False), " ": ("", False)})
    prev_end = 0
    n = 0
    for t in tokens:
        surf = t.text
        if "-" in surf and t.lang != "num":
            m = _WORD_NUM.match(surf)
        else:
            m = None
        if m:
            w = m.group(1)
            cut = t.start + len(w)
            a = analyze_word(w, "ru" if t.lang == "ru" else "kk")
            num = m.group(2)
            parts = ((t.start, cut, w, a.norm, a.lemma, a.lang), (cut + 1, t.end, num, num, num, "num"))
        else:
            parts = ((t.start, t.end, surf, t.norm, t.lemma, t.lang),)
        for st, en, sf, norm, lem, lg in parts:
            raw = text[prev_end:st]
            g = gaps.get(raw)
            if g is None:
                g = gaps[raw] = (_gap(raw), bool(_SENT_BREAK.search(raw)))
            key = (sf, norm, lem, lg)
            f = facts.get(key)
            if f is None:
                f = facts[key] = _word_facts(sf, norm, lem, lg)
            append(new(Unit, (n, st, en, sf, norm, f[0], f[1], lg, f[2], f[3], g[0], raw,
                              not n or g[1])))
            n += 1
            prev_end = en
    return out


def doc_units(ctx) -> list[Unit]:
    """The units of a document (``Context``), computed once and kept in ``ctx.notes``."""
    u = ctx.notes.get("units")
    if u is None:
        u = units_of(ctx.tokens, ctx.text)
        ctx.notes["units"] = u
    return u


@lru_cache(maxsize=50_000)
def phrase_units(phrase: str, lang: str) -> tuple[Unit, ...]:
    """Units of a stand-alone phrase (a lexicon name, a glossary expansion)."""
    hint = lang if lang in ("kk", "ru") else "kk"
    return tuple(units_of(analyze(phrase, hint), phrase))


def _ru_declines(text_norm: str, name_norm: str) -> bool:
    """``text_norm`` is ``name_norm`` in a Russian oblique case (Нур-Султане, Самрук-Казыны):
    for capitalised words pymorphy does not know and leaves unlemmatized."""
    for cut in (0, 1):
        if cut:
            if name_norm[-1:] not in _RU_NOM_TAIL:
                continue
            stem = name_norm[:-1]
        else:
            stem = name_norm
        if len(stem) >= 3 and text_norm.startswith(stem) and text_norm[len(stem):] in _RU_OBLIQUE:
            return True
    return False


def unit_eq(t: Unit, n: Unit) -> bool:
    """Does text unit ``t`` stand for name unit ``n``? Same lemma, same script-neutral key, or
    (for a capitalised Russian word the lemmatizer left alone) a regular case form of it."""
    if n.upper:
        # Abbreviations are compared as written (their keys collide: ҚР/ҚХР, ЕС/ЕО).
        return t.upper and t.text.split("-", 1)[0] == n.text
    if t.lemma == n.lemma or t.fkey == n.fkey:
        return True
    if t.cap and t.lang == "ru" and t.lemma == t.norm and len(t.norm) > 3:
        return _ru_declines(t.norm, n.norm)
    return False


def _index_keys(n: Unit) -> set[str]:
    keys = {n.lemma, n.fkey}
    if n.fkey[-1:] in "aeiou" and len(n.fkey) > 4:
        keys.add(n.fkey[:-1])
    return keys


def _lookup_keys(t: Unit) -> tuple[str, ...]:
    if t.cap and t.lang == "ru" and t.lemma == t.norm and len(t.fkey) > 4:
        return (t.lemma, t.fkey, t.fkey[:-1], t.fkey[:-2])
    return (t.lemma, t.fkey)


class Gazetteer:
    """Names (with a payload each) findable in unit sequences.

    ``names``: ``(name, lang, data)`` triples; ``lang`` picks the analyser for the name's words
    (``kk``, ``ru``; anything else is read like Kazakh, which leaves Latin words as they are).
    One-word names are indexed by their word's keys, longer names by the keys of their first two
    words, so that a common first word (Қазақстан, Министерство) costs one lookup, not a
    verification of every name it starts.
    """

    def __init__(self, names: Iterable[tuple[str, str, Any]]):
        self.entries: list[Entry] = []
        self._single: dict[str, list[int]] = {}
        self._pair: dict[tuple[str, str], list[int]] = {}
        self._first: set[str] = set()
        for name, lang, data in names:
            us = phrase_units(name, lang)
            if not us:
                continue
            if len(us) == 1 and us[0].cap and us[0].lemma not in (us[0].norm, _CONNECTOR):
                # A one-word name is cited in the nominative: when its analysis strips something
                # (Бастер → бас+тер), the analyser is wrong about the name, and matching its lemma
                # would take the common word (Бас жүлде) for it.
                u = us[0]
                us = (u._replace(lemma=u.norm, fkey=_fkey(u.norm)),)
            idx = len(self.entries)
            self.entries.append(Entry(name, lang, data, us))
            k1s = _index_keys(us[0])
            self._first |= k1s
            if len(us) == 1:
                for k in k1s:
                    self._single.setdefault(k, []).append(idx)
            else:
                for k in k1s:
                    for k2 in _index_keys(us[1]):
                        self._pair.setdefault((k, k2), []).append(idx)
        self._index = self._first       # first-word keys (other modules test membership)
        # Abbreviation lists: only all-caps words can start a match.
        self._upper_only = bool(self.entries) and all(e.units[0].upper for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def _verify(self, units: Sequence[Unit], i: int, entry: Entry, limit: int) -> bool:
        nu = entry.units
        if i + len(nu) > limit:
            return False
        for k, n in enumerate(nu):
            t = units[i + k]
            if k and t.gap != n.gap:
                return False
            if not unit_eq(t, n):
                return False
        return True

    def match_at(self, units: Sequence[Unit], i: int, limit: int | None = None) -> list[Match]:
        """Every entry matching at unit ``i`` (longest first)."""
        limit = len(units) if limit is None else limit
        t = units[i]
        k1s = _lookup_keys(t)
        first = self._first
        for k in k1s:
            if k in first:
                break
        else:
            return []
        cand: set[int] = set()
        single, pair = self._single, self._pair
        for k in k1s:
            got = single.get(k)
            if got:
                cand.update(got)
        if i + 1 < limit and pair:
            k2s = _lookup_keys(units[i + 1])
            for k in k1s:
                if k not in self._first:
                    continue
                for k2 in k2s:
                    got = pair.get((k, k2))
                    if got:
                        cand.update(got)
        out: list[Match] = []
        for idx in cand:
            e = self.entries[idx]
            if self._verify(units, i, e, limit):
                j = i + len(e.units)
                out.append(Match(i, j, e, units[i].start, units[j - 1].end))
        if len(out) > 1:
            out.sort(key=lambda m: -(m.end - m.start))
        return out

    def find(self, units: Sequence[Unit], start: int = 0, end: int | None = None) -> list[Match]:
        """All matches in ``units[start:end]``: every entry at every position (overlapping;
        see :func:`non_overlapping`)."""
        end = len(units) if end is None else end
        out: list[Match] = []
        first = self._first
        for i in range(start, end):
            t = units[i]
            if t.lemma not in first and t.fkey not in first and not (
                    t.cap and t.lang == "ru" and t.lemma == t.norm):
                continue
            out.extend(self.match_at(units, i, end))
        return out

    def find_doc(self, ctx, units: Sequence[Unit] | None = None) -> list[Match]:
        """:meth:`find` over a whole document, cached in ``ctx.notes`` per gazetteer (several
        stages ask for the same matches)."""
        cache = ctx.notes.setdefault("gazetteer_matches", {})
        got = cache.get(id(self))
        if got is not None:
            return got
        units = doc_units(ctx) if units is None else units
        first = self._first
        got = []
        match_at = self.match_at
        if self._upper_only:
            for u in units:
                if u.upper and (u.lemma in first or u.fkey in first):
                    got.extend(match_at(units, u.i))
        else:
            for u in units:
                if u.lemma in first or u.fkey in first or (u.cap and u.lang == "ru" and u.lemma == u.norm):
                    got.extend(match_at(units, u.i))
        cache[id(self)] = got
        return got

    def whole(self, phrase: str, lang: str) -> list[Entry]:
        """Entries whose name is the whole ``phrase`` (in any case form)."""
        us = phrase_units(phrase, lang)
        if not us:
            return []
        return [m.entry for m in self.match_at(us, 0) if m.end == len(us)]


def non_overlapping(matches: Iterable[Match]) -> list[Match]:
    """Longest matches first, then leftmost; overlapping shorter ones dropped. Sorted by start."""
    chosen: list[Match] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if any(m.start < e and s < m.end for s, e in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    chosen.sort(key=lambda m: m.start)
    return chosen
