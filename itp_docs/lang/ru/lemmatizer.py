"""Russian lemmas: pymorphy3 with a per-form cache, name-aware choices and domain overrides.

pymorphy3's top reading is tuned for general Russian. Government news is full of Kazakh names,
whose guessed readings go wrong in recurring ways (measured): a surname in the genitive is read as
a female first name (Шукеева → «шукеева», Исекешеву → «исекешева»), a first name in the dative as
a verb (Бауыржану → «бауыржануть»), and domain words are missing (тенге → «тенг»). For a word
written with a capital letter we therefore prefer surname, first-name and place readings, and a
small override lexicon (``lexicons/ru_lemma_overrides.tsv``) fixes domain words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ... import lexicon
from .stemmer import stem as snowball_stem

__all__ = ["RuAnalysis", "analyze", "lemma", "stem", "morph"]

_SURNAME = re.compile(r"^(.{2,}?)(ов|ев|ёв|ин)(а|у|ым|ом|е|ой|ою|ых|ыми|ы)?$")
_PROPER = ("Surn", "Name", "Patr", "Geox", "Orgn")
_CYR_WORD = re.compile(r"^[а-яё]+(?:-[а-яё]+)*$")


@dataclass(frozen=True, slots=True)
class RuAnalysis:
    lemma: str          # dictionary form, lowercase, ё folded to е
    stem: str           # Snowball stem of the lemma (conflates derivational families)
    pos: str | None     # OpenCorpora part of speech of the chosen reading
    kind: str | None    # 'Surn', 'Name', 'Patr', 'Geox', 'Orgn' when a proper-noun reading was chosen


@lru_cache(maxsize=1)
def morph():
    """The shared analyser; loading the dictionaries costs ~0.1 s, so it is created once.

    The Russian dictionary package we depend on is passed by path: left to find it, pymorphy3
    scans every installed distribution's entry points (importlib.metadata), ~30 ms of every
    process's start-up. Without that package, pymorphy3 looks the language up as before."""
    import pymorphy3

    try:
        import pymorphy3_dicts_ru
    except ImportError:
        return pymorphy3.MorphAnalyzer(lang="ru")
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@lru_cache(maxsize=1)
def _overrides() -> dict[str, str]:
    try:
        lex = lexicon.load("ru_lemma_overrides")
    except lexicon.LexiconError:
        return {}
    table: dict[str, str] = {}
    for row in lex:
        for form in row["forms"]:
            table[form.lower()] = row["lemma"].lower()
        table.setdefault(row["lemma"].lower(), row["lemma"].lower())
    return table


# Adjectives in -ский/-цкий (place adjectives above all: Каркаралинский район): in the
# instrumental and prepositional -ском they read as a town's instrumental (Каркаралинском →
# Каркаралинск), which the other forms (-ского, -ской) never do, so one adjective's forms got
# two lemmas. The adjective reading wins when there is one.
_SK_ADJ = re.compile(r"[сц]к(?:ом|ого|ому|им|ая|ой|ую|ое|ие|их|ими|ий)$")


def _choose(word: str, capitalized: bool, prefer_adj: bool = False) -> tuple[str, str | None, str | None]:
    m = morph()
    parses = m.parse(word)
    if not parses:
        return word, None, None
    if prefer_adj or (capitalized and _SK_ADJ.search(word.lower())):
        adj = next((p for p in parses if p.tag.POS == "ADJF"), None)
        if adj is not None:
            return adj.normal_form, "ADJF", None
        low = word.lower()
        if capitalized and low.endswith(("ском", "цком")) and parses[0].normal_form == low[:-2]:
            # a town the dictionary knows, its adjective it does not (Каркаралинск):
            # Каркаралинском районе → каркаралинский, as Каркаралинского gives
            return low[:-2] + "ий", "ADJF", None
    if capitalized:
        known = m.word_is_known(word)
        if not known:
            sm = _SURNAME.match(word)
            if sm:
                return sm.group(1) + sm.group(2), "NOUN", "Surn"
        for p in parses:  # parses are sorted by score: the best proper-noun reading wins
            kind = next((k for k in _PROPER if k in p.tag), None)
            if kind:
                return p.normal_form, p.tag.POS, kind
    best = parses[0]
    return best.normal_form, best.tag.POS, None


@lru_cache(maxsize=300_000)
def analyze(word: str) -> RuAnalysis:
    """Analyse one Russian token. Capitalisation is read as a proper-noun hint; all-caps tokens
    (abbreviations: ПИТ, СЭЗ, РК) and tokens with digits are kept as they are."""
    low = word.lower().replace("ё", "е")
    if not low or word.isupper() and len(word) > 1 or not _CYR_WORD.match(low):
        return RuAnalysis(low, low, None, None)
    over = _overrides()
    if low in over:
        lem = over[low]
        return RuAnalysis(lem, snowball_stem(lem), "NOUN", None)
    head, sep, last = low.rpartition("-")
    capitalized = word[:1].isupper()
    if sep:
        # Hyphenated compounds inflect on the last part (дата-центра, Самрук-Казыны).
        last_cap = word[len(head) + 1:][:1].isupper()
        if last in over:
            lem_last, pos, kind = over[last], "NOUN", None
        elif last_cap and not morph().word_is_known(last):
            # Capitalised unknown parts are names cited as written (Самрук-Казына): guessing
            # a case ending here mostly damages them.
            lem_last, pos, kind = last, "NOUN", None
        else:
            # государственно-частного, научно-технического: after an adverb-like first part the
            # last part is an adjective (not частное, the noun)
            lem_last, pos, kind = _choose(last, last_cap, prefer_adj=head.endswith(("о", "е")) and "-" not in head)
        lem = f"{head}-{lem_last}"
    else:
        lem, pos, kind = _choose(low, capitalized)
    lem = lem.replace("ё", "е")
    return RuAnalysis(lem, snowball_stem(lem), pos, kind)


def lemma(word: str) -> str:
    return analyze(word).lemma


def stem(word: str) -> str:
    return analyze(word).stem
