"""Dotted abbreviations (``млрд.``, ``т.б.``, ``г.``) that must not end a token or a sentence."""
from __future__ import annotations

from functools import lru_cache

from .. import lexicon


@lru_cache(maxsize=None)
def dotted(lang: str | None = None) -> dict[str, str]:
    """``{form: norm}`` for ``lang`` (both languages when None), from dotted_abbreviations.tsv."""
    lex = lexicon.load("dotted_abbreviations")
    return {r["form"]: r["norm"] for r in lex if lang is None or r["lang"] == lang}
