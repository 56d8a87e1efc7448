"""The index schema: one Whoosh document per source document.

Passages (decree clauses, appendix measures, news paragraphs) are not separate Whoosh documents:
a query like ``постановление 631 дата-центр`` must match words spread over a decree's heading and
one of its measures. The document matches as a whole; the passage that holds the matches is found
afterwards from the character ranges stored with the ``lemma`` and ``keys`` postings, and the
passage table stored with the document.

Body text is indexed three ways, by decreasing strictness (query words are expanded into each,
with decreasing boosts, so exact matches rank first):

    exact   normalized surface form                     Байбекке
    lemma   dictionary form (positions)                 байбек
    keys    script-neutral key without case endings,    baibek
            and a consonant skeleton for names (positions)

Stems are not indexed: for Kazakh the lemma is the stem's refinement, and inflected forms that
the lemmatizers read differently still meet on the bare key. Leaving them out cut the build's
posting work by a quarter.
"""
from __future__ import annotations

from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema

from .analysis import AnalyzedField, exact_analyzer, keys_analyzer, lemma_analyzer

SCHEMA_VERSION = 2


def build_schema() -> Schema:
    return Schema(
        doc_id=ID(stored=True, unique=True),          # resolved path of the source file
        filestate=ID(),                               # "sha1|size|mtime_ns|doc_id": incremental updates
        source=STORED(),                              # the path as the user gave it
        title=AnalyzedField(lemma_analyzer(), field_boost=1.5),
        title_keys=AnalyzedField(keys_analyzer()),
        exact=AnalyzedField(exact_analyzer()),
        lemma=AnalyzedField(lemma_analyzer(), positions=True),
        keys=AnalyzedField(keys_analyzer(), positions=True),
        lang=ID(stored=True),
        doctype=ID(stored=True),
        date=ID(stored=True),                         # ISO date of adoption / publication
        # numeric fields: fewer precision steps (shift_step) = fewer terms per value to write
        year=NUMERIC(int, bits=32, stored=False, signed=False, shift_step=8),  # document year, else years mentioned
        day=NUMERIC(int, bits=32, stored=False, signed=False, shift_step=8),   # yyyymmdd of the document date
        amount=NUMERIC(float, bits=64, stored=False, shift_step=8),           # every MONEY amount
        law=KEYWORD(lowercase=True, commas=True),     # legal-act numbers: own and cited
        person=KEYWORD(lowercase=True, commas=True),  # bare keys of every person-name word
        org=KEYWORD(lowercase=True, commas=True),     # canonical ids, abbreviations, name-word keys
        place=KEYWORD(lowercase=True, commas=True),
        program=KEYWORD(lowercase=True, commas=True),
        kinds=KEYWORD(lowercase=True, commas=True),   # passage kinds present: clause, measure, paragraph
        meta=STORED(),                                # dict: title, passages, facet names, decree info
        text=STORED(),                                # zlib-compressed normalized text, for snippets
    )
