"""Russian Snowball stemmer (Porter's algorithm for Russian, snowballstem.org/algorithms/russian).

Why a stemmer next to pymorphy3 lemmas: lemmas fail on unknown words and keep derivational
families apart (инновация / инновационный); the index stores both so that exact lemma matches
rank above stem matches. The algorithm is small and stable, so it is written out here rather
than adding a dependency for it.
"""
from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stem"]

_VOWELS = "аеиоуыэюя"
_PERFECTIVE_GERUND = re.compile(r"((?<=[ая])(в|вши|вшись)|(ив|ивши|ившись|ыв|ывши|ывшись))$")
_REFLEXIVE = re.compile(r"(с[яь])$")
_ADJECTIVE = re.compile(r"(ее|ие|ые|ое|ими|ыми|ей|ий|ый|ой|ем|им|ым|ом|его|ого|ему|ому|их|ых|ую|юю|ая|яя|ою|ею)$")
_PARTICIPLE = re.compile(r"((?<=[ая])(ем|нн|вш|ющ|щ)|(ивш|ывш|ующ))$")
_VERB = re.compile(
    r"((?<=[ая])(ла|на|ете|йте|ли|й|л|ем|н|ло|но|ет|ют|ны|ть|ешь|нно)"
    r"|(ила|ыла|ена|ейте|уйте|ите|или|ыли|ей|уй|ил|ыл|им|ым|ен|ило|ыло|ено|ят|ует|уют|ит|ыт|ены|ить|ыть|ишь|ую|ю))$")
_NOUN = re.compile(
    r"(а|ев|ов|ие|ье|е|иями|ями|ами|еи|ии|и|ией|ей|ой|ий|й|иям|ям|ием|ем|ам|ом|о|у|ах|иях|ях|ы|ь|ию|ью|ю|ия|ья|я)$")
_DERIVATIONAL = re.compile(r"(ост|ость)$")
_SUPERLATIVE = re.compile(r"(ейше|ейш)$")


def _regions(word: str) -> tuple[int, int]:
    """RV starts after the first vowel; R2 is R1 of R1 (used only for the derivational step)."""
    rv = next((i + 1 for i, ch in enumerate(word) if ch in _VOWELS), len(word))
    r1 = len(word)
    for i in range(1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            r1 = i + 1
            break
    r2 = len(word)
    for i in range(r1 + 1, len(word)):
        if word[i] not in _VOWELS and word[i - 1] in _VOWELS:
            r2 = i + 1
            break
    return rv, r2


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Stem of a lowercase Russian word (ё folded to е); non-Cyrillic input is returned as is."""
    word = word.lower().replace("ё", "е")
    if not word or not all("а" <= ch <= "я" or ch == "-" for ch in word):
        return word
    rv, r2 = _regions(word)
    pre, rvs = word[:rv], word[rv:]
    m = _PERFECTIVE_GERUND.search(rvs)
    if m:
        rvs = rvs[: m.start()]
    else:
        rvs = _REFLEXIVE.sub("", rvs)
        m = _ADJECTIVE.search(rvs)
        if m:
            rvs = rvs[: m.start()]
            rvs = _PARTICIPLE.sub("", rvs)
        else:
            m = _VERB.search(rvs)
            if m:
                rvs = rvs[: m.start()]
            else:
                rvs = _NOUN.sub("", rvs)
    if rvs.endswith("и"):
        rvs = rvs[:-1]
    full = pre + rvs
    m = _DERIVATIONAL.search(full)
    if m and m.start() >= r2:
        full = full[: m.start()]
        rvs = full[rv:]
    if rvs.endswith("нн"):
        rvs = rvs[:-1]
    else:
        m = _SUPERLATIVE.search(rvs)
        if m:
            rvs = rvs[: m.start()]
            if rvs.endswith("нн"):
                rvs = rvs[:-1]
        elif rvs.endswith("ь"):
            rvs = rvs[:-1]
    return pre + rvs
