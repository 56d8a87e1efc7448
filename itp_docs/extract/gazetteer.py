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
from functools import lru_cache, partial, wraps
from typing import Any, Callable, Iterable, NamedTuple, Sequence, TypeVar

from .. import lexicon
from ..lang.analyzer import Token, analyze, analyze_word
from ..lang.translit import fold_key

__all__ = ["Unit", "Entry", "Match", "Gazetteer", "doc_units", "phrase_units", "lexicon_units", "units_of",
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
T = TypeVar("T")


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


def _word_facts(surf: str, norm: str, lem: str, lang: str) -> tuple[str, str, bool, bool, _Keys]:
    """(lemma, key, cap, upper, gazetteer keys) of one word form: computed once per form, not
    per occurrence."""
    lem_c = _CONNECTOR if norm in _all_connectors() else lem
    base, _, tail = surf.partition("-")
    # ИЖТМ-ге is an abbreviation with a case ending; IT-компаниялар is a common noun.
    compound = bool(tail) and len(tail) > 5 and tail.islower()
    cap = surf[:1].isupper() and not compound
    upper = bool(_UPPER_WORD.match(base)) and base.isupper() and not compound
    fkey = _CONNECTOR if lem_c == _CONNECTOR else _fkey(lem_c)
    return lem_c, fkey, cap, upper, _keys_of(lem_c, fkey, cap and lang == "ru" and lem_c == norm, upper)


# What gazetteer lookup needs of a word form (see :func:`_doc_keys`), as a plain tuple (the
# collector stops tracking plain tuples of strings; one is kept per word form seen):
# (lookup keys: as a name's first or second word, own keys: its lemma and key without repeats,
#  a capitalised Russian word the lemmatizer left alone, an all-caps word)
_Keys = tuple[tuple[str, ...], tuple[str, ...], bool, bool]
_LOOKUP, _OWN, _UNLEMMATIZED, _UPPER = range(4)


def _keys_of(lemma: str, fkey: str, unlemmatized: bool, upper: bool) -> _Keys:
    """The keys a text unit is looked up under: its lemma and key, and for a capitalised Russian
    word the lemmatizer left alone, its key without one or two final letters (Астане, Казыны).
    Without repeats: a repeated key adds no candidate."""
    own = (lemma,) if fkey == lemma else (lemma, fkey)
    lookup = (lemma, fkey, fkey[:-1], fkey[:-2]) if unlemmatized and len(fkey) > 4 else own
    return (lookup, own, unlemmatized, upper)


_FACTS: dict[tuple[str, str, str, str], tuple[str, str, bool, bool, _Keys]] = {}
_GAPS: dict[str, tuple[str, bool]] = {"": ("", False), " ": ("", False)}


def units_of(tokens: Sequence[Token], text: str, keys: list[_Keys] | None = None) -> list[Unit]:
    """Units of analyzer tokens over ``text`` (the string the token offsets point into); when
    ``keys`` is given, each unit's gazetteer keys are appended to it.

    This runs for every token of every document, so per-form facts come from plain dict caches
    and units are built with ``tuple.__new__`` (a third of a NamedTuple call)."""
    out: list[Unit] = []
    add_keys = keys.append if keys is not None else None
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
    facts_get, gaps_get = facts.get, gaps.get
    for t in tokens:
        surf = t.text
        if "-" not in surf or t.lang == "num" or (m := _WORD_NUM.match(surf)) is None:
            # The common case, one unit for the token (kept apart from the general loop below:
            # this runs for every token of every document).
            st = t.start
            raw = text[prev_end:st]
            g = gaps_get(raw)
            if g is None:
                g = gaps[raw] = (_gap(raw), bool(_SENT_BREAK.search(raw)))
            norm, lem, lg = t.norm, t.lemma, t.lang
            key = (surf, norm, lem, lg)
            f = facts_get(key)
            if f is None:
                f = facts[key] = _word_facts(surf, norm, lem, lg)
            prev_end = t.end
            append(new(Unit, (n, st, prev_end, surf, norm, f[0], f[1], lg, f[2], f[3], g[0], raw,
                              not n or g[1])))
            if add_keys is not None:
                add_keys(f[4])
            n += 1
            continue
        # word-2020: the word and the number are units of their own
        w = m.group(1)
        cut = t.start + len(w)
        a = analyze_word(w, "ru" if t.lang == "ru" else "kk")
        num = m.group(2)
        parts = ((t.start, cut, w, a.norm, a.lemma, a.lang), (cut + 1, t.end, num, num, num, "num"))
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
            if add_keys is not None:
                add_keys(f[4])
            n += 1
            prev_end = en
    return out


def doc_units(ctx) -> list[Unit]:
    """The units of a document (``Context``), computed once and kept in ``ctx.notes``."""
    u = ctx.notes.get("units")
    if u is None:
        keys: list[_Keys] = []
        u = units_of(ctx.tokens, ctx.text, keys)
        ctx.notes["units"] = u
        ctx.notes["unit_keys"] = (u, keys, None)
    return u


# Units of lexicon names read from the on-disk cache (see :class:`Gazetteer`'s ``cache``):
# phrase_units answers from here before analysing, so other lexicon tables built from the same
# names skip the analyzer too.
_KNOWN: dict[tuple[str, str], tuple[Unit, ...]] = {}


# While a lexicon table is built (:func:`lexicon_phrases`): the phrases analysed for it.
_RECORDING: dict[tuple[str, str], tuple[Unit, ...]] | None = None


@lru_cache(maxsize=50_000)
def phrase_units(phrase: str, lang: str) -> tuple[Unit, ...]:
    """Units of a stand-alone phrase (a lexicon name, a glossary expansion)."""
    got = _KNOWN.get((phrase, lang))
    if got is not None:
        return got
    got = _analyse_phrase(phrase, lang)
    if _RECORDING is not None:
        _RECORDING[(phrase, lang)] = got
    return got


def lexicon_phrases(kind: str) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator for a function that builds a table from lexicon phrases with
    :func:`phrase_units` (under ``lru_cache``: it runs once per process). The units of the
    phrases it analyses are kept on disk (:mod:`lexcache`, cache ``kind``) and read back before
    it runs in the next process, so that it finds them all analysed. A phrase analysed anyway
    (not in the file yet) is added to the file; a file that holds all of them is not rewritten."""

    def wrap(fn: Callable[[], T]) -> Callable[[], T]:
        @wraps(fn)
        def run() -> T:
            global _RECORDING
            from .lexcache import load_map, save_map

            kind_ = f"phrases-{kind}"
            stored = {k: v for k, v in (load_map(kind_) or {}).items()
                      if type(k) is tuple and len(k) == 2 and _valid_plain(v)}
            make = partial(tuple.__new__, Unit)
            for key, row in stored.items():
                if key not in _KNOWN:
                    _KNOWN[key] = tuple(map(make, row))
            outer, _RECORDING = _RECORDING, {}
            try:
                out = fn()
                new = {k: tuple(tuple(u) for u in us) for k, us in _RECORDING.items() if k not in stored}
            finally:
                if outer is not None:
                    outer.update(_RECORDING)
                _RECORDING = outer
            if new:
                save_map(kind_, {**stored, **new})
            return out

        return run

    return wrap


def _analyse_phrase(phrase: str, lang: str) -> tuple[Unit, ...]:
    hint = lang if lang in ("kk", "ru") else "kk"
    return tuple(units_of(analyze(phrase, hint), phrase))


def _plain_units(phrase: str, lang: str) -> tuple[tuple, ...]:
    """:func:`phrase_units` as plain tuples (what the cache file stores)."""
    return tuple(tuple(u) for u in phrase_units(phrase, lang))


_UNIT_FIELDS = len(Unit._fields)


def _valid_plain(v: Any) -> bool:
    return type(v) is tuple and all(type(u) is tuple and len(u) == _UNIT_FIELDS for u in v)


def lexicon_units(kind: str, names: Sequence[tuple[str, str]]) -> list[tuple[Unit, ...]]:
    """``[phrase_units(name, lang) for name, lang in names]`` for the names of a lexicon
    gazetteer, through the on-disk cache ``kind`` (:mod:`lexcache`): a process that finds the
    file does not run the analyzer on the lexicon at all."""
    from .lexcache import cached_rows

    rows = cached_rows(f"gazetteer-{kind}", names, _plain_units, valid=_valid_plain)
    make = partial(tuple.__new__, Unit)     # Unit(*u) without the NamedTuple call overhead
    known = _KNOWN
    out = []
    for key, row in zip(names, rows):
        us = known.get(key)
        if us is None:
            us = known[key] = tuple(map(make, row))
        out.append(us)
    return out


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


def _doc_keys(ctx, units: Sequence[Unit]) -> tuple[list[_Keys], dict[str, Any], list[int], set[int]]:
    """Per document, for all gazetteers (kept in ``ctx.notes``): the keys of every unit; where
    each lemma and key occurs (a position, or a list of them when it recurs: most words occur
    once, and a list per word would only be garbage); the capitalised Russian words left
    unlemmatized; the all-caps words."""
    got = ctx.notes.get("unit_keys")
    if got is None or got[0] is not units:
        got = (units, [_keys_of(u.lemma, u.fkey, u.cap and u.lang == "ru" and u.lemma == u.norm, u.upper)
                       for u in units], None)
    if got[2] is not None:
        return got[2]
    keys = got[1]
    where: dict[str, Any] = {}
    unlemmatized: list[int] = []
    upper: set[int] = set()
    for u, ks in zip(units, keys):
        i = u.i
        if ks[_UNLEMMATIZED]:
            unlemmatized.append(i)
        if ks[_UPPER]:
            upper.add(i)
        for k in ks[_OWN]:
            pos = where.get(k)
            if pos is None:
                where[k] = i
            elif type(pos) is int:
                where[k] = [pos, i]
            else:
                pos.append(i)
    out = (keys, where, unlemmatized, upper)
    ctx.notes["unit_keys"] = (units, keys, out)
    return out


class Gazetteer:
    """Names (with a payload each) findable in unit sequences.

    ``names``: ``(name, lang, data)`` triples; ``lang`` picks the analyser for the name's words
    (``kk``, ``ru``; anything else is read like Kazakh, which leaves Latin words as they are).
    One-word names are indexed by their word's keys, longer names by the keys of their first two
    words, so that a common first word (Қазақстан, Министерство) costs one lookup, not a
    verification of every name it starts.
    """

    def __init__(self, names: Iterable[tuple[str, str, Any]], cache: str | None = None):
        """``cache``: for a gazetteer of lexicon names (not of a document's), a name for its
        on-disk cache of the names' analyses (:func:`lexicon_units`)."""
        self.entries: list[Entry] = []
        self._single: dict[str, list[int]] = {}
        self._pair: dict[tuple[str, str], list[int]] = {}
        self._first: set[str] = set()
        if cache is not None:
            names = list(names)
            units = lexicon_units(cache, [(name, lang) for name, lang, _data in names])
        else:
            units = None
        for k_name, (name, lang, data) in enumerate(names):
            us = phrase_units(name, lang) if units is None else units[k_name]
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
        # The pair index by first key: one lookup per first key, not a tuple per key pair.
        self._pair_by_first: dict[str, dict[str, list[int]]] = {}
        for (k, k2), idxs in self._pair.items():
            self._pair_by_first.setdefault(k, {})[k2] = idxs
        # Abbreviation lists: only all-caps words can start a match.
        self._upper_only = bool(self.entries) and all(e.units[0].upper for e in self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def _verify(self, units: Sequence[Unit], i: int, entry: Entry, limit: int) -> bool:
        """Does ``entry`` match at unit ``i``? (:func:`unit_eq` inline: this is the inner loop.)"""
        nu = entry.units
        if i + len(nu) > limit:
            return False
        k = i
        for n in nu:
            t = units[k]
            if k != i and t.gap != n.gap:
                return False
            if n.upper:
                if not (t.upper and t.text.split("-", 1)[0] == n.text):
                    return False
            elif t.lemma != n.lemma and t.fkey != n.fkey and not (
                    t.cap and t.lang == "ru" and t.lemma == t.norm and len(t.norm) > 3
                    and _ru_declines(t.norm, n.norm)):
                return False
            k += 1
        return True

    def match_at(self, units: Sequence[Unit], i: int, limit: int | None = None) -> list[Match]:
        """Every entry matching at unit ``i`` (longest first)."""
        if limit is None:
            limit = len(units)
        t = units[i]
        k1s = _keys_of(t.lemma, t.fkey, t.cap and t.lang == "ru" and t.lemma == t.norm, t.upper)[_LOOKUP]
        first = self._first
        for k in k1s:
            if k in first:
                break
        else:
            return []
        if i + 1 < limit and self._pair:
            t2 = units[i + 1]
            k2s = _keys_of(t2.lemma, t2.fkey, t2.cap and t2.lang == "ru" and t2.lemma == t2.norm, t2.upper)[_LOOKUP]
        else:
            k2s = ()
        return self._matches(units, i, limit, k1s, k2s)

    def _matches(self, units: Sequence[Unit], i: int, limit: int, k1s: tuple[str, ...],
                 k2s: tuple[str, ...]) -> list[Match]:
        """:meth:`match_at` once the keys of units ``i`` and ``i + 1`` are known (``k2s`` empty
        when unit ``i`` is the last one or there are no multi-word names). The candidates are
        collected in the same order as ever: the order of a set depends on its insertions, and
        equal-length matches keep that order."""
        cand: set[int] | None = None
        single = self._single
        for k in k1s:
            got = single.get(k)
            if got:
                if cand is None:
                    cand = set(got)
                else:
                    cand.update(got)
        if k2s:
            by_first = self._pair_by_first
            for k in k1s:
                seconds = by_first.get(k)
                if seconds is None:
                    continue
                for k2 in k2s:
                    got = seconds.get(k2)
                    if got:
                        if cand is None:
                            cand = set(got)
                        else:
                            cand.update(got)
        if cand is None:
            return []
        out: list[Match] = []
        entries, verify = self.entries, self._verify
        start = units[i].start
        for idx in cand:
            e = entries[idx]
            if verify(units, i, e, limit):
                j = i + len(e.units)
                out.append(Match(i, j, e, start, units[j - 1].end))
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
        keys, where, unlemmatized, upper = _doc_keys(ctx, units)
        first, single, by_first = self._first, self._single, self._pair_by_first
        n = len(units)
        # The units that may start a name: those whose lemma or key starts one (found through
        # the document's index of keys, not by testing every unit against every gazetteer),
        # and capitalised Russian words the lemmatizer left alone.
        starts: set[int] = set()
        for k in where.keys() & first:
            pos = where[k]
            if type(pos) is int:
                starts.add(pos)
            else:
                starts.update(pos)
        if self._upper_only:
            starts &= upper
        else:
            starts.update(unlemmatized)
        got = []
        pair = bool(self._pair)
        for i in sorted(starts):
            k1s = keys[i][_LOOKUP]
            for k in k1s:
                if k in first:
                    break
            else:
                continue
            k2s = keys[i + 1][_LOOKUP] if pair and i + 1 < n else ()
            found = False
            for k in k1s:               # the common case decided inline: no name starts here
                if k in single:
                    found = True
                    break
                seconds = by_first.get(k)
                if seconds is not None:
                    for k2 in k2s:
                        if k2 in seconds:
                            found = True
                            break
                    if found:
                        break
            if found:
                got.extend(self._matches(units, i, n, k1s, k2s))
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
    ordered = sorted(matches, key=lambda m: (-(m.end - m.start), m.start))
    # Unit indices already taken (a match always holds at least one unit): one lookup per match
    # instead of a scan of every match taken before it.
    taken = bytearray(max((m.end for m in ordered), default=0) + 1)
    for m in ordered:
        if taken.find(1, m.start, m.end) >= 0:
            continue
        chosen.append(m)
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    chosen.sort(key=lambda m: m.start)
    return chosen
