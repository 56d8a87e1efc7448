"""Kazakh (kk): the spaCy language class and Kazakh analysis.

spaCy has no Kazakh language class (``spacy.blank("kk")`` raises E048); this package provides one,
registered through the ``spacy_languages`` entry point, laid out like ``spacy/lang/<code>/``.
The class is imported lazily so that the search path, which needs only the lemmatizer, does not
pay spaCy's start-up cost.
"""
from __future__ import annotations

__all__ = ["Kazakh"]


def __getattr__(name: str):
    if name == "Kazakh":
        from .language import Kazakh

        return Kazakh
    raise AttributeError(name)
