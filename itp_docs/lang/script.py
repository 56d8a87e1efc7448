"""Letters and scripts: the small facts every later stage asks about a character or a word.

Kazakh Cyrillic is Russian Cyrillic plus nine letters; telling the two apart, and telling both
from look-alike Latin letters, is the first thing real documents require (see the homoglyph
repair in :mod:`itp_docs.lang.normalize`).
"""
from __future__ import annotations

import re

__all__ = [
    "KK_ONLY", "KK_EXTRA", "RU_LETTERS", "CYR_LETTERS", "KK_TO_RU", "LATIN_KK_2021",
    "script_of", "has_kk_letters", "is_cyrillic_word", "is_latin_word", "WORD_RE",
]

# Letters Kazakh adds to the Russian alphabet. ә і ұ һ are used by no neighbouring Cyrillic
# language together; ғ қ ң ө ү also occur in Uzbek/Kyrgyz/Tatar/Bashkir.
KK_EXTRA = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
KK_ONLY = "әіұһӘІҰҺ"
RU_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
CYR_LETTERS = RU_LETTERS + KK_EXTRA
# Kazakh letter → nearest Russian letter (how Kazakh names are spelt in Russian text).
KK_TO_RU = str.maketrans("әғқңөұүһіӘҒҚҢӨҰҮҺІ", "агкноуухиАГКНОУУХИ")
# Letters of the 2021 Kazakh Latin alphabet beyond ASCII.
LATIN_KK_2021 = "äğıñöşūüÄĞIÑÖŞŪÜ"

_CYR_RE = re.compile(r"[\u0400-\u052F]")
_LAT_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u0259\u018F\u1E00-\u1EFF]")
_KK_RE = re.compile(f"[{KK_EXTRA}]")

# A word: letters and digits, with inner hyphens and apostrophes (Самрұқ-Қазына, ИЖТМ-ге, a'lem).
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def script_of(word: str) -> str:
    """``cyr``, ``lat``, ``mixed`` or ``none`` (digits and punctuation only)."""
    c = _CYR_RE.search(word) is not None
    lt = _LAT_RE.search(word) is not None
    if c and lt:
        return "mixed"
    if c:
        return "cyr"
    if lt:
        return "lat"
    return "none"


def has_kk_letters(text: str) -> bool:
    return _KK_RE.search(text) is not None


def is_cyrillic_word(word: str) -> bool:
    return script_of(word) == "cyr"


def is_latin_word(word: str) -> bool:
    return script_of(word) == "lat"
