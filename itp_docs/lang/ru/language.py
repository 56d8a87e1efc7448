"""spaCy's Russian with the project's tokenizer rules (hyphenated words whole, dotted
abbreviations of official texts kept, initials split from surnames)."""
from __future__ import annotations

from spacy.lang.ru import Russian as SpacyRussian
from spacy.lang.ru import RussianDefaults

from ..punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class RussianDocDefaults(RussianDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    infixes = TOKENIZER_INFIXES


class Russian(SpacyRussian):
    """Not registered under ``ru`` (that would replace spaCy's own class for every user);
    :func:`itp_docs.lang.blank` returns it."""

    Defaults = RussianDocDefaults


__all__ = ["Russian"]
