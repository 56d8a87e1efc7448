"""Russian (ru): spaCy's Russian with project tokenizer rules, and name-aware pymorphy3 lemmas.

The spaCy class is imported lazily: the search path needs only the lemmatizer.
"""
from __future__ import annotations

__all__ = ["Russian"]


def __getattr__(name: str):
    if name == "Russian":
        from .language import Russian

        return Russian
    raise AttributeError(name)
