"""Kazakh tokenizer exceptions: dotted abbreviations kept whole (``млрд.``, ``т.б.``, ``ж.``).

Hyphenated words (``Самрұқ-Қазына``, ``ИЖТМ-ге``, ``IT-компаниялар``) are not exceptions: the
Kazakh infix rules never split on a hyphen between letters (see ``punctuation.py``), because a
hyphen before a case ending belongs to the word it inflects.
"""
from __future__ import annotations

from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

from ..abbrevs import dotted


def _build() -> dict:
    exc: dict = {}
    for form, norm in dotted("kk").items():
        for variant in {form, form.capitalize(), form.upper()}:
            exc[variant] = [{ORTH: variant, NORM: norm}]
    # Abbreviations whose dot is optional in practice.
    for form in ("млрд", "млн", "трлн"):
        exc[form] = [{ORTH: form, NORM: dotted("kk")[form + "."]}]
    return update_exc(BASE_EXCEPTIONS, exc)


TOKENIZER_EXCEPTIONS = _build()
