"""The term vocabulary for typo tolerance and "did you mean".

Fuzzy matching runs over the index's transliteration keys with rapidfuzz (C speed, one pass over a
flat list) instead of Whoosh's FuzzyTerm, which walks the term dictionary in Python and expands a
short stem into hundreds of terms. At most :data:`MAX_EXPANSIONS` candidates survive, closest and most frequent first.

Typos are not spelling variants: a transposition (``Байбке`` for ``Байбек``) is one edit, so
candidates are found and ranked by optimal-string-alignment distance on the keys, with a budget
that grows with key length (:func:`typo_budget`, Lucene's AUTO rule shifted by one because keys
are already folded). Spelling variants between scripts and alphabets need no budget: they share
a key.

The vocabulary is written when an index update commits (``vocab-<generation>.tsv``: key, document
frequency, the most frequent surface form with that key) and read by searches of that generation.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from ..lang.translit import bare_key

MAX_EXPANSIONS = 50
PREFIX = "vocab-"


@dataclass
class Vocab:
    keys: list[str]
    df: list[int]
    forms: list[str]
    _index: dict[str, int] | None = None

    def __post_init__(self) -> None:
        self._index = {k: i for i, k in enumerate(self.keys)}

    def freq(self, key: str) -> int:
        i = self._index.get(key) if self._index else None
        return self.df[i] if i is not None else 0

    def form(self, key: str) -> str | None:
        i = self._index.get(key) if self._index else None
        return self.forms[i] if i is not None else None

    def near(self, key: str, limit: int = MAX_EXPANSIONS) -> list[tuple[str, int]]:
        """Keys within the edit budget of ``key`` (not ``key`` itself), closest and most frequent
        first: [(key, weighted distance)]."""
        budget = typo_budget(len(key))
        if budget <= 0 or not self.keys:
            return []
        cands = process.extract(key, self.keys, scorer=OSA.distance, score_cutoff=budget,
                                limit=limit * 4)
        out = [(cand, int(d), -self.df[i]) for cand, d, i in cands if cand != key]
        out.sort(key=lambda x: (x[1], x[2]))
        return [(k, d) for k, d, _ in out[:limit]]


def typo_budget(n: int) -> int:
    """Edits allowed for a key of ``n`` symbols: none up to 3, one up to 6, two beyond."""
    if n <= 3:
        return 0
    if n <= 6:
        return 1
    return 2


def _path(index_dir: Path, generation: int) -> Path:
    return index_dir / f"{PREFIX}{generation}.tsv"


def _field_terms(reader, fieldname: str):
    """(term, document frequency) of a field in term order, as ``reader.iter_field`` gives them
    (the frequency of a term is the sum over segments), read from each segment's term table
    directly: ``iter_field`` merges the segments' terms one by one and decodes every term info
    (unpickling inlined postings) for the one number wanted here, which took ~10 s at 100,000
    documents, serially after the parallel build. Falls back to ``iter_field`` for readers that
    are not made of Whoosh 3 segments."""
    if FAST_TERMS:
        got = _segment_frequencies(reader, fieldname)
        if got is not None:
            return sorted(got.items())
    return [(kb, info.doc_frequency()) for kb, info in reader.iter_field(fieldname)]


def _segment_frequencies(reader, fieldname: str) -> dict[bytes, int] | None:
    from whoosh.codec.whoosh3 import W3TermsReader
    from whoosh.system import pack_ushort

    out: dict[bytes, int] = {}
    get = out.get
    for leaf, _base in reader.leaf_readers():
        terms = getattr(leaf, "_terms", None)
        if type(terms) is not W3TermsReader:
            return None
        if fieldname not in leaf.schema:
            continue
        fnum = terms._fieldmap.get(fieldname)
        if fnum is None:
            continue
        prefix = pack_ushort(fnum)
        for kb, vb in terms._tindex.items_from(prefix):
            if kb[:2] != prefix:
                break
            t = kb[2:]
            out[t] = get(t, 0) + _DF.unpack_from(vb, _DF_AT)[0]
    return out


# the document frequency in a W3TermInfo entry ("!BfIBBfII": flags, weight, doc frequency, ...)
_DF = struct.Struct("!I")
_DF_AT = 5
# build_from_reader reads term tables directly (False: through iter_field, for the tests)
FAST_TERMS = True


def build_from_reader(reader) -> Vocab:
    """Keys with document frequencies from the ``keys`` field, and for each key the most frequent
    surface form (from the ``exact`` field) that folds to it."""
    keys: list[str] = []
    df: list[int] = []
    for kb, n in _field_terms(reader, "keys"):
        k = kb.decode("utf-8") if isinstance(kb, bytes) else kb
        if k.startswith("~"):
            continue  # name skeletons are matched directly, never typo-corrected
        keys.append(k)
        df.append(n)
    best: dict[str, tuple[int, str]] = {}
    for wb, f in _field_terms(reader, "exact"):
        w = wb.decode("utf-8") if isinstance(wb, bytes) else wb
        if w.isdigit():
            continue
        k = bare_key(w)
        if not k:
            continue
        if k not in best or f > best[k][0]:
            best[k] = (f, w)
    forms = [best.get(k, (0, ""))[1] for k in keys]
    return Vocab(keys, df, forms)


def write(index_dir: Path, generation: int, vocab: Vocab) -> None:
    path = _path(index_dir, generation)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        for k, n, w in zip(vocab.keys, vocab.df, vocab.forms):
            f.write(f"{k}\t{n}\t{w}\n")
    os.replace(tmp, path)
    for old in index_dir.glob(f"{PREFIX}*.tsv"):
        if old != path:
            try:
                old.unlink()
            except OSError:
                pass


def load(index_dir: Path, generation: int, reader=None) -> Vocab | None:
    """The vocabulary of ``generation``; rebuilt from ``reader`` when its file is missing (a crash
    between commit and vocabulary write), or None without a reader."""
    path = _path(index_dir, generation)
    try:
        keys, df, forms = [], [], []
        with open(path, encoding="utf-8") as f:
            for line in f:
                k, n, w = line.rstrip("\n").split("\t")
                keys.append(k)
                df.append(int(n))
                forms.append(w)
        return Vocab(keys, df, forms)
    except (OSError, ValueError):
        return build_from_reader(reader) if reader is not None else None
