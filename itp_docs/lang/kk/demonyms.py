"""Kazakh demonyms and relational adjectives of places: Қарағанды → қарағандылық.

Kazakh derives them regularly with -лық/-лік (-дық/-дік, -тық/-тік after the matching sounds:
шымкенттік, оралдық), so a rule covers every place of the gazetteer instead of a list that would
always miss the next town. Irregular or competing forms (таразылық beside the regular one) and
the Russian words, which are not derivable (карагандинец, астанчанин, алматинский), are listed in
``lexicons/demonyms.tsv``. The search expands a query word through both, so ``қарағандылық``
finds texts about Караганда and ``Қарағанды`` finds texts about its people.
"""
from __future__ import annotations

from .lemmatizer import _final_class, _harmony

# (class of the final sound, harmony) → suffix; classes as in the suffix allomorph rules:
# V vowel, R р/й/у, L л, N м/н/ң, Z ж/з, T voiceless (and б/в/г/д)
_ONSET = {"V": "л", "R": "л", "L": "д", "N": "д", "Z": "д", "T": "т"}


def demonym(name: str) -> str | None:
    """The regular demonym of a one-word Kazakh place name, lower-cased; None when the name
    is not one plain word (a phrase, an abbreviation, digits)."""
    word = name.strip().lower()
    if len(word) < 3 or not word.replace("-", "").isalpha() or " " in word or name.isupper():
        return None
    # a final soft sign makes the suffix front (Беларусь → беларусьтік)
    vowel = "ық" if _harmony(word) == 1 and not word.endswith("ь") else "ік"
    return word + _ONSET[_final_class(word)] + vowel
