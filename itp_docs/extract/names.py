"""Morphology of name phrases: what the organization, place and program extractors ask of a word.

Names are cited in the nominative, but the two languages inflect them differently. A Kazakh name
inflects only at its end, after the possessive the head noun keeps (``министрлігі`` →
``министрлігіне``), so its citation form is the mention with the last case ending removed.
A Russian name inflects its head noun and the adjectives agreeing with it (``Национальному
агентству по технологическому развитию``) while its dependents keep their case, so its citation
form puts exactly those words back into the nominative. Both need facts about single words —
Kazakh suffix slots, Russian case and agreement — that are looked up once per word form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lexicon
from ..lang.kk import lemmatizer as kk_lemmatizer
from ..lang.normalize import normalize_word
from ..lang.ru import lemmatizer as ru_lemmatizer
from .quotes import strip_quotes

__all__ = ["KkWord", "kk_word", "kk_citation", "strip_hyphen_ending", "ru_parses",
           "ru_case", "ru_nominative", "clean_name", "CASE_SLOTS"]

CASE_SLOTS = frozenset({"GEN", "DAT", "ACC", "LOC", "ABL", "INS"})
_OBLIQUE = frozenset({"DAT", "ACC", "LOC", "ABL", "INS"})
# A hyphenated case ending on an abbreviation or number: ИЖТМ-ге, АЭА-ның, АҚ-ы, ЭКСПО-2017-ге.
_HYPHEN_ENDING = re.compile(r"^(.+?)-([а-яәғқңөұүһі]{1,7})$")


@lru_cache(maxsize=1)
def _suffix_slots() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in lexicon.load("kk_suffixes"):
        out.setdefault(r["form"], set()).add(r["slot"])
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True, slots=True)
class KkWord:
    lemma: str
    pos: str | None
    suffixes: tuple[str, ...]
    last_slots: frozenset[str]      # slots the last suffix can fill (empty: no suffix)
    plural: bool
    possessive: bool                # carries a 3rd person possessive (министрлігі, қаласы)

    @property
    def oblique(self) -> bool:
        """Ends in a case other than nominative and genitive (dative, accusative, ...)."""
        return bool(self.last_slots & _OBLIQUE) and not self.last_slots & {"P3", "GEN", "PL"}

    @property
    def genitive(self) -> bool:
        return "GEN" in self.last_slots

    @property
    def modifying(self) -> bool:
        """Genitive or possessive: the forms in which a noun modifies the next one."""
        return self.genitive or self.possessive


@lru_cache(maxsize=200_000)
def kk_word(word: str) -> KkWord:
    """Kazakh analysis of one word with the slots of its endings."""
    w = normalize_word(word)
    m = _HYPHEN_ENDING.match(w)
    if m and not m.group(1)[-1:].islower():
        # ИЖТМ-ге: the ending is read on its own.
        sl = _suffix_slots()
        tail = m.group(2)
        return KkWord(m.group(1), "PROPN", (tail,), sl.get(tail, frozenset()), False,
                      bool(sl.get(tail, frozenset()) & {"P3"}))
    a = kk_lemmatizer.analyze(w)
    sl = _suffix_slots()
    last = sl.get(a.suffixes[-1], frozenset()) if a.suffixes else frozenset()
    plural = any("PL" in sl.get(s, ()) for s in a.suffixes)
    poss = any("P3" in sl.get(s, ()) for s in a.suffixes)
    return KkWord(a.lemma, a.pos, a.suffixes, last, plural, poss)


def strip_hyphen_ending(word: str) -> str:
    """``ИЖТМ-ге`` → ``ИЖТМ``; words without a hyphenated ending are returned unchanged."""
    m = _HYPHEN_ENDING.match(word)
    if m and not m.group(1)[-1:].islower():
        return m.group(1)
    return word


@lru_cache(maxsize=100_000)
def kk_citation(word: str) -> str:
    """The last word of a Kazakh name in its citation form: the final case ending removed, the
    possessive kept (``министрлігіне`` → ``министрлігі``, ``қорымен`` → ``қоры``,
    ``агенттікке`` → ``агенттік``, ``ИЖТМ-ге`` → ``ИЖТМ``)."""
    base = strip_hyphen_ending(word)
    if base != word:
        return base
    info = kk_word(word)
    if not info.suffixes:
        return word
    last = info.suffixes[-1]
    slots = info.last_slots
    if slots & CASE_SLOTS and not slots & {"P3", "PL"} and word.lower().endswith(last):
        out = word[: len(word) - len(last)]
        return out if len(out) >= 2 else word
    return word


@lru_cache(maxsize=100_000)
def ru_parses(word: str):
    """pymorphy3 parses of a lowercase word (cached)."""
    return ru_lemmatizer.morph().parse(word.lower().replace("ё", "е"))


def ru_case(word: str, lemma: str | None = None) -> set[str]:
    """Cases a Russian word can be in (restricted to parses with ``lemma`` when given)."""
    out = set()
    for p in ru_parses(word):
        if lemma and p.normal_form.replace("ё", "е") != lemma:
            continue
        if p.tag.case:
            out.add(p.tag.case)
    return out


def _recase(new: str, old: str) -> str:
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


@lru_cache(maxsize=50_000)
def _nomn(word: str, pos_set: tuple[str, ...], gender: str | None, number: str | None,
          case: str | None) -> str | None:
    for p in ru_parses(word):
        if p.tag.POS not in pos_set:
            continue
        if case and p.tag.case != case:
            continue
        want = {"nomn"}
        if number == "plur":
            want.add("plur")
        elif pos_set != ("NOUN",):
            want |= {"sing"}
            if gender:
                want.add(gender)
        try:
            f = p.inflect(want)
        except ValueError:
            f = None
        if f is not None:
            return f.word
    return None


@lru_cache(maxsize=50_000)
def _inflected(word: str, k: int, number: str | None) -> str | None:
    """The nominative (of ``number``) of the ``k``-th parse of ``word``: pymorphy's inflection is
    slow, and the same heads recur in many names."""
    f = ru_parses(word)[k].inflect({"nomn", number} if number else {"nomn"})
    return f.word if f is not None else None


def ru_nominative(words: list[str], head: int) -> list[str]:
    """Put a Russian name's head noun (``words[head]``) and the adjectives agreeing with it just
    before it into the nominative; every other word stays as written."""
    return list(_ru_nominative(tuple(words), head))


@lru_cache(maxsize=50_000)
def _ru_nominative(words: tuple[str, ...], head: int) -> tuple[str, ...]:
    out = list(words)
    h = words[head]
    nouns = [p for p in ru_parses(h) if p.tag.POS == "NOUN"]
    if not nouns:
        return tuple(out)
    hp = nouns[0]
    if head > 0:
        # The adjective before the head shows which case the head is in (Шелкового пути: gent).
        adj_cases = {p.tag.case for p in ru_parses(words[head - 1].rpartition("-")[2])
                     if p.tag.POS in ("ADJF", "PRTF")}
        hp = next((p for p in nouns if p.tag.case in adj_cases), hp)
    case = hp.tag.case
    number = hp.tag.number
    if case != "nomn":
        f = _inflected(h, next(k for k, p in enumerate(ru_parses(h)) if p is hp), number)
        if f is not None:
            out[head] = _recase(f, h)
    gender = hp.tag.gender
    i = head - 1
    while i >= 0:
        w = words[i]
        if not re.match(r"^[А-Яа-яЁё-]+$", w):
            break
        head_part, sep, last_part = w.rpartition("-")
        if sep and head_part:
            # Бухар-Жырауского: the compound adjective inflects in its last part.
            new = _nomn(last_part, ("ADJF", "PRTF"), gender, number, case)
            if new is None:
                break
            out[i] = head_part + "-" + _recase(new, last_part)
        else:
            new = _nomn(w, ("ADJF", "PRTF"), gender, number, case)
            if new is None:
                break
            out[i] = _recase(new, w)
        i -= 1
    return tuple(out)


_SPACE_PUNCT = re.compile(r"\s+([,.:;)])")
_HYPHEN_GAP = re.compile(r"\s*([-–])\s*(?=\d)")


@lru_cache(maxsize=100_000)
def clean_name(s: str) -> str:
    """A name as a normalized string: quotes removed, spaces collapsed, loose hyphens joined."""
    s = strip_quotes(s)
    s = _SPACE_PUNCT.sub(r"\1", s)
    return s.strip(" ,;:-–")
