"""Kazakh stop words, from ``lexicons/stopwords.tsv`` (rows with lang ``kk``)."""
from __future__ import annotations

from ..stopwords import stop_words

STOP_WORDS: set[str] = set(stop_words("kk"))
