"""Russian tokenizer exceptions: spaCy's, plus the dotted abbreviations of official texts
(``млрд.``, ``тыс.``, ``г.``, ``гг.``, ``обл.``, ``т.е.``) from ``lexicons/dotted_abbreviations.tsv``."""
from __future__ import annotations

from spacy.lang.ru.tokenizer_exceptions import TOKENIZER_EXCEPTIONS as RU_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

from ..abbrevs import dotted


def _build() -> dict:
    exc: dict = {}
    for form, norm in dotted("ru").items():
        for variant in {form, form.capitalize()}:
            exc[variant] = [{ORTH: variant, NORM: norm}]
    return update_exc(RU_EXCEPTIONS, exc)


TOKENIZER_EXCEPTIONS = _build()
