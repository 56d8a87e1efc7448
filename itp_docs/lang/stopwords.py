"""Stop words per language, read once from ``lexicons/stopwords.tsv``."""
from __future__ import annotations

from functools import lru_cache

from .. import lexicon


@lru_cache(maxsize=None)
def stop_words(lang: str) -> frozenset[str]:
    """Lower-cased stop words of ``lang`` (``kk`` or ``ru``); empty when the lexicon is absent."""
    try:
        lex = lexicon.load("stopwords")
    except lexicon.LexiconError:
        return frozenset()
    return frozenset(r["word"].lower() for r in lex if r["lang"] == lang)
