"""Whole-array BM25F scoring of the word part of a query, with Whoosh's own formula.

Whoosh scores a query by walking matcher objects document by document in Python: a few
microseconds per posting and per node of the query tree. A common word of a 100,000-document
index (``года``, ``қазақстан``) is in half the documents and is expanded into five to seven
terms (surface form, lemma, translations, keys), so one query walked a few hundred thousand
postings through a deep matcher tree: about a second.

Here the same query is computed a term at a time over arrays: a term's ids and weights come from
the segment's posting columns (see postcols; else from its blocks with Whoosh's own decoding),
BM25F is applied to the whole list at once, and the ``Or``/``And``/``Not`` structure becomes
element-wise operations on per-document arrays. Phrases intersect the words' documents first and
then chain positions, as arrays of (candidate, position) keys, for the candidates only. The
result is the same set of documents with the same scores (the formula, statistics and field
lengths are Whoosh's; only the order of floating-point additions can differ), so ranking does
not change; it is tested against Whoosh on the judged queries. Query nodes this module does not
model (phrases, numeric ranges, ...) are evaluated by Whoosh's matcher for that node alone, which
costs as much as the node's own matches.
"""
from __future__ import annotations

from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.matching import ListMatcher
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .postcols import SegmentColumns

__all__ = ["FastScorer"]

_BYTE_TO_LENGTH = np.array([byte_to_length(i) for i in range(256)], dtype=np.float64)


class Unsupported(Exception):
    """The query holds a node that cannot be computed as arrays and has no matcher either."""


class FastScorer:
    """Scores queries over one open searcher (all its segments)."""

    def __init__(self, searcher) -> None:
        self.s = searcher
        self.leaves = list(searcher.leaf_searchers())
        self.n = searcher.doc_count_all()
        self.weighting = searcher.weighting
        self.context = searcher.context()
        self._lengths: dict[str, np.ndarray] = {}
        self._live = self._live_mask()
        self._restrict: np.ndarray | None = None     # see scores_at
        self._infos: dict[tuple[int, str, bytes], Any] = {}
        self._cols = [_open_columns(sub.reader()) for sub, _o in self.leaves]

    @property
    def has_columns(self) -> bool:
        """Every segment has posting columns: per-document look-ups (matched terms, positions of
        the shown hits) are array searches rather than walks over Whoosh's blocks."""
        return bool(self._cols) and all(c is not None for c in self._cols)

    # ------------------------------------------------------------------ per-index data
    def _live_mask(self) -> np.ndarray:
        live = np.ones(self.n, dtype=bool)
        for sub, offset in self.leaves:
            reader = sub.reader()
            if reader.has_deletions():
                dead = [d + offset for d in range(reader.doc_count_all()) if reader.is_deleted(d)]
                live[dead] = False
        return live

    def _field_lengths(self, fieldname: str) -> np.ndarray:
        """Every document's length of ``fieldname`` as Whoosh's scorer reads it (one byte per
        document, default 1 when a segment has no length column)."""
        arr = self._lengths.get(fieldname)
        if arr is not None:
            return arr
        arr = np.ones(self.n, dtype=np.float64)
        for sub, offset in self.leaves:
            reader = sub.reader()
            count = reader.doc_count_all()
            perdoc = getattr(reader, "_perdoc", None)
            col = None
            if perdoc is not None and hasattr(perdoc, "_cached_reader"):
                col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
            if col is None:
                continue        # Whoosh's dfl() default for a segment without the column
            raw = None
            if getattr(col, "_typecode", None) == "B" and getattr(col, "_fixedlen", None) == 1:
                have = min(col._count, count)
                raw = np.frombuffer(col._dbfile.get(col._basepos, have), dtype=np.uint8)
                if have < count:
                    raw = np.concatenate([raw, np.full(count - have, col._default, dtype=np.uint8)])
            if raw is not None:
                arr[offset:offset + count] = _BYTE_TO_LENGTH[raw]
            else:
                arr[offset:offset + count] = [reader.doc_field_length(d, fieldname, 1) for d in range(count)]
        self._lengths[fieldname] = arr
        return arr

    # ------------------------------------------------------------------ nodes
    def evaluate(self, q) -> tuple[np.ndarray, np.ndarray]:
        """(matched, score) over all documents for query ``q``."""
        if isinstance(q, wq.Term):
            m, sc = self._term(q.fieldname, q.text)
            return m, sc * q.boost if q.boost != 1.0 else sc
        if isinstance(q, (wq.Or, wq.And)) and type(q) in (wq.Or, wq.And):
            subs = q.subqueries
            if not subs:
                return np.zeros(self.n, dtype=bool), np.zeros(self.n)
            if len(subs) == 1:
                return self.evaluate(subs[0])     # Whoosh uses the one matcher, without the boost
            if isinstance(q, wq.Or):
                if getattr(q, "minmatch", 0) or getattr(q, "scale", None) or \
                        any(isinstance(sub, wq.Not) for sub in subs):
                    raise Unsupported("Or with minmatch, scale or a negation")
                matched = np.zeros(self.n, dtype=bool)
                score = np.zeros(self.n)
                for sub in subs:
                    m, sc = self.evaluate(sub)
                    matched |= m
                    score += sc
            else:
                matched = None
                score = np.zeros(self.n)
                excluded = np.zeros(self.n, dtype=bool)
                for sub in subs:
                    if isinstance(sub, wq.Not):
                        # Whoosh intersects with an InverseMatcher, which scores 1.0
                        m, _sc = self.evaluate(sub.query)
                        excluded |= m
                        score += 1.0
                        continue
                    m, sc = self.evaluate(sub)
                    matched = m.copy() if matched is None else (matched & m)
                    score += sc
                if matched is None:
                    raise Unsupported("an And of negations only")
                matched &= ~excluded
                score[~matched] = 0.0       # a node scores only where it matches
            return matched, score * q.boost if q.boost != 1.0 else score
        if type(q) is wq.Phrase:
            return self._phrase(q)
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return np.zeros(self.n, dtype=bool), np.zeros(self.n)
        if isinstance(q, (wq.AndMaybe, wq.AndNot, wq.Not, wq.DisjunctionMax, wq.Otherwise, wq.Require)):
            raise Unsupported(type(q).__name__)
        return self._by_matcher(q)

    def _term(self, fieldname: str, text) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's Term: BM25F for scorable fields, the posting weight for the others."""
        matched = np.zeros(self.n, dtype=bool)
        score = np.zeros(self.n)
        schema = self.s.schema
        if fieldname not in schema:
            return matched, score
        field = schema[fieldname]
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return matched, score
        if (fieldname, btext) not in self.s.reader():
            return matched, score
        if field.scorable and not hasattr(self.weighting, "K1"):
            raise Unsupported("a weighting other than BM25F")
        ids, weights = self._term_arrays(fieldname, btext)
        matched[ids] = True
        score[ids] = self._bm25(fieldname, btext, ids, weights) if field.scorable else weights
        return matched, score

    def _term_arrays(self, fieldname: str, btext: bytes) -> tuple[np.ndarray, np.ndarray]:
        """Live postings of one term over all segments: (global ids, weights), from the
        posting columns where a segment has them."""
        field = self.s.schema[fieldname]
        ids_parts, w_parts = [], []
        for i, (sub, offset) in enumerate(self.leaves):
            terms = sub.reader()._terms
            cols = self._cols[i]
            if cols is not None:
                ti = self._term_info(i, fieldname, btext)
                if ti is None:
                    continue
                got = cols.get(ti._offset) if ti._inlined is None else None
                if got is not None:
                    ids_parts.append(got[0].astype(np.int64) + offset)
                    w_parts.append(got[1].astype(np.float64))
                    continue
            try:
                m = terms.matcher(fieldname, btext, field.format, scorer=None)
            except (TermNotFound, KeyError):
                continue
            ids, weights, _v = _postings(m)
            if len(ids):
                ids_parts.append(ids + offset)
                w_parts.append(weights)
        if not ids_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids = np.concatenate(ids_parts)
        weights = np.concatenate(w_parts)
        keep = self._live[ids]
        if not keep.all():
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def _term_info(self, leaf: int, fieldname: str, btext: bytes):
        """A segment's term info, or None; remembered, since one query reads the same terms for
        scores, phrases, matched terms and positions (the searcher's segments never change)."""
        key = (leaf, fieldname, btext)
        try:
            return self._infos[key]
        except KeyError:
            pass
        if len(self._infos) > 100_000:
            self._infos.clear()
        try:
            ti = self.leaves[leaf][0].reader()._terms.term_info(fieldname, btext)
        except (TermNotFound, KeyError):
            ti = None
        self._infos[key] = ti
        return ti

    def _bm25(self, fieldname: str, btext: bytes, ids: np.ndarray, weights: np.ndarray) -> np.ndarray:
        B = self.weighting._field_B.get(fieldname, self.weighting.B)
        K1 = self.weighting.K1
        idf = self.s.idf(fieldname, btext)
        avgfl = self.s.avg_field_length(fieldname) or 1
        fl = self._field_lengths(fieldname)[ids]
        return idf * ((weights * (K1 + 1)) / (weights + K1 * ((1 - B) + B * fl / avgfl)))

    def _phrase(self, q) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's Phrase (an ordered SpanNear2 with mindist 1): documents holding every word,
        then, for those only, word positions chained within ``slop``; the score is the sum of
        the words' BM25F scores, as Whoosh's intersection matcher sums them, times the boost."""
        matched = np.zeros(self.n, dtype=bool)
        score = np.zeros(self.n)
        fieldname = q.fieldname
        schema = self.s.schema
        if fieldname not in schema or not hasattr(self.weighting, "K1"):
            return self._by_matcher(q)
        field = schema[fieldname]
        if not field.format or not field.format.supports("positions") or not field.scorable:
            return self._by_matcher(q)
        try:
            btexts = [field.to_bytes(w) for w in q.words]
        except ValueError:
            return matched, score
        reader = self.s.reader()
        if not btexts or any((fieldname, b) not in reader for b in btexts):
            return matched, score
        per_word = [self._term_arrays(fieldname, b) for b in btexts]
        cand = per_word[0][0]
        if self._restrict is not None:
            cand = np.intersect1d(cand, self._restrict, assume_unique=True)
        for ids, _w in per_word[1:]:
            if not cand.size:
                break
            cand = np.intersect1d(cand, ids, assume_unique=True)
        if not cand.size:
            return matched, score
        where = [np.searchsorted(ids, cand) for ids, _w in per_word]
        # the chain of positions, as (candidate index << 32 | position) keys: word j must stand
        # 1..slop positions after a surviving end of word j - 1 in the same document; positions
        # of a word are read only for the candidates still alive
        steps = np.arange(1, q.slop + 1, dtype=np.int64)
        alive = np.arange(cand.size, dtype=np.int64)
        ends = np.zeros(0, dtype=np.int64)
        for j, b in enumerate(btexts):
            idx, pos = self._positions_of(fieldname, b, cand, alive)
            keys = (idx << 32) | pos
            if j:
                allowed = (ends[:, None] + steps[None, :]).ravel()
                keys = keys[np.isin(keys, allowed)]
            ends = keys
            if not ends.size:
                break
            alive = np.unique(ends >> 32)
        ok = np.zeros(cand.size, dtype=bool)
        if ends.size:
            ok[np.unique(ends >> 32)] = True
        docs = cand[ok]
        if not docs.size:
            return matched, score
        matched[docs] = True
        for (ids, weights), pos, b in zip(per_word, where, btexts):
            sel = pos[ok]
            score[docs] += self._bm25(fieldname, b, docs, weights[sel])
        if q.boost != 1.0:
            score *= q.boost
        return matched, score

    def _values_for(self, fieldname: str, btext: bytes, docs: np.ndarray) -> list:
        """The posting values (encoded positions) of one term in each of the ascending global
        ``docs`` (None where the term is absent). With posting columns, only the blocks that hold
        these documents are read, each found directly from its offset."""
        field = self.s.schema[fieldname]
        out: list = [None] * len(docs)
        for i, (sub, offset) in enumerate(self.leaves):
            reader = sub.reader()
            lo = int(np.searchsorted(docs, offset))
            hi = int(np.searchsorted(docs, offset + reader.doc_count_all()))
            if lo == hi:
                continue
            try:
                m = reader._terms.matcher(fieldname, btext, field.format, scorer=None)
            except (TermNotFound, KeyError):
                continue
            local = np.asarray(docs[lo:hi], dtype=np.int64) - offset
            cols = self._cols[i]
            got = None if cols is None or isinstance(m, ListMatcher) else cols.get(m._startoffset)
            if got is None:
                ids, _w, vals = _postings(m, values=True)
                blocks, bl = None, 0
            else:
                ids, _w, blocks = got
                bl, vals = cols.blocklimit, None
            if not len(ids):
                continue
            k = np.searchsorted(ids, local)
            present = (k < len(ids)) & (ids[np.minimum(k, len(ids) - 1)] == local)
            current = -1
            for j, kk, here in zip(range(lo, hi), k.tolist(), present.tolist()):
                if not here:
                    continue
                if blocks is None:
                    out[j] = vals[kk]
                    continue
                b = kk // bl
                if b != current:
                    m._goto(int(blocks[b]))
                    m._read_values()
                    current = b
                out[j] = m._values[kk - b * bl]
        return out

    def _positions_of(self, fieldname: str, btext: bytes, docs: np.ndarray, which: np.ndarray):
        """Every position of one term in the documents ``docs[which]`` (``docs`` ascending global
        numbers, ``which`` ascending indices into it), as two arrays (index into ``docs``,
        position), from the posting columns where a segment has them."""
        field = self.s.schema[fieldname]
        sel_docs = docs[which]
        idx_parts, pos_parts = [], []
        for i, (sub, offset) in enumerate(self.leaves):
            reader = sub.reader()
            lo = int(np.searchsorted(sel_docs, offset))
            hi = int(np.searchsorted(sel_docs, offset + reader.doc_count_all()))
            if lo == hi:
                continue
            cols = self._cols[i]
            got = None
            if cols is not None:
                ti = self._term_info(i, fieldname, btext)
                if ti is None:
                    continue
                if ti._inlined is None:
                    got = cols.positions(ti._offset)
            if got is None:
                decode = field.format.decode_positions
                for j, v in zip(which[lo:hi].tolist(), self._values_for(fieldname, btext, sel_docs[lo:hi])):
                    if v is not None:
                        p = decode(v)
                        idx_parts.append(np.full(len(p), j, dtype=np.int64))
                        pos_parts.append(np.asarray(p, dtype=np.int64))
                continue
            ids, counts, flat = got
            if not len(ids):
                continue
            local = np.asarray(sel_docs[lo:hi], dtype=np.int64) - offset
            k = np.minimum(np.searchsorted(ids, local), len(ids) - 1)
            present = ids[k] == local
            k = k[present]
            c = counts[k].astype(np.int64)
            first = (np.cumsum(counts, dtype=np.int64) - counts)[k]
            n = int(c.sum())
            run_start = np.cumsum(c) - c
            at = np.arange(n, dtype=np.int64) - np.repeat(run_start - first, c)
            idx_parts.append(np.repeat(which[lo:hi][present], c))
            pos_parts.append(flat[at].astype(np.int64))
        if not idx_parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(idx_parts), np.concatenate(pos_parts)

    def positions_in(self, fieldname: str, text: str, docnums: list[int]) -> dict[int, list[int]]:
        """Word positions of ``text`` in each of ``docnums`` that holds it (one pass over the
        segments for all the shown hits)."""
        field = self.s.schema[fieldname] if fieldname in self.s.schema else None
        if field is None or not field.format or not field.format.supports("positions") or not docnums:
            return {}
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return {}
        docs = np.unique(np.asarray(docnums, dtype=np.int64))
        idx, pos = self._positions_of(fieldname, btext, docs, np.arange(docs.size, dtype=np.int64))
        out: dict[int, list[int]] = {}
        for i, p in zip(idx.tolist(), pos.tolist()):
            out.setdefault(int(docs[i]), []).append(p)
        return out

    def containing(self, fieldname: str, text: str, docnums: list[int]) -> list[int]:
        """Those of the ascending ``docnums`` whose field holds ``text``."""
        field = self.s.schema[fieldname] if fieldname in self.s.schema else None
        if field is None or not docnums:
            return []
        try:
            btext = field.to_bytes(text)
        except ValueError:
            return []
        if (fieldname, btext) not in self.s.reader():
            return []
        ids, _w = self._term_arrays(fieldname, btext)
        if not ids.size:
            return []
        arr = np.asarray(docnums, dtype=np.int64)
        k = np.minimum(np.searchsorted(ids, arr), ids.size - 1)
        return arr[ids[k] == arr].tolist()

    def scores_at(self, q, docnums: list[int]) -> dict[int, float]:
        """The score of ``q`` at each of ``docnums`` it matches (phrases only decode positions
        of these documents): the re-ranking of the best candidates."""
        self._restrict = np.unique(np.asarray(docnums, dtype=np.int64))
        try:
            matched, score = self.evaluate(q)
        finally:
            self._restrict = None
        return {d: float(score[d]) for d in docnums if matched[d]}

    def _by_matcher(self, q) -> tuple[np.ndarray, np.ndarray]:
        """Any other node, through its own Whoosh matcher (phrases, ranges)."""
        matched = np.zeros(self.n, dtype=bool)
        score = np.zeros(self.n)
        ids: list[int] = []
        scores: list[float] = []
        for sub, offset in self.leaves:
            try:
                m = q.matcher(sub, self.context)
            except Exception as e:
                raise Unsupported(f"{type(q).__name__}: {e}") from None
            while m.is_active():
                ids.append(m.id() + offset)
                scores.append(m.score())
                m.next()
        if ids:
            idx = np.array(ids, dtype=np.int64)
            matched[idx] = True
            score[idx] = scores
        return matched, score

    def docset(self, q) -> np.ndarray:
        """The documents ``q`` matches, as a boolean array, without scores: for the numeric
        filters (``amount:>1e9``, ``year:2013..2018``), whose ranges Whoosh compiles into
        many terms and term ranges that its own ``docs_for_query`` walks one id at a time."""
        reader = self.s.reader()
        if isinstance(q, wq.NumericRange):
            return self.docset(q._compile_query(reader))
        if isinstance(q, wq.ConstantScoreQuery):
            return self.docset(q.child)
        if type(q) is wq.Or and not any(isinstance(sub, wq.Not) for sub in q.subqueries):
            out = np.zeros(self.n, dtype=bool)
            for sub in q.subqueries:
                out |= self.docset(sub)
            return out
        if type(q) is wq.Term or type(q) is wq.TermRange:
            out = np.zeros(self.n, dtype=bool)
            field = self.s.schema[q.fieldname] if q.fieldname in self.s.schema else None
            if field is None:
                return out
            if type(q) is wq.Term:
                texts = [field.to_bytes(q.text)]
            else:
                texts = list(q._btexts(reader))
            for btext in texts:
                if (q.fieldname, btext) in reader:
                    ids, _w = self._term_arrays(q.fieldname, btext)
                    out[ids] = True
            return out
        matched, _score = self.evaluate(q)
        return matched & self._live

    # ------------------------------------------------------------------ top documents
    def top(self, q, limit: int, allow: Any = None, mask: Any = None) -> tuple[list[tuple[float, int]], int]:
        """The best ``limit`` (score, docnum) pairs, best first (ties: lower docnum first, as
        Whoosh orders them), and the exact number of matching documents. ``allow`` and
        ``mask`` are document-number sets (Whoosh's ``filter`` and ``mask``)."""
        matched, score = self.evaluate(q)
        matched &= self._live
        if allow is not None:
            keep = np.zeros(self.n, dtype=bool)
            idx = np.fromiter(allow, dtype=np.int64) if not isinstance(allow, np.ndarray) else allow
            keep[idx[(idx >= 0) & (idx < self.n)]] = True
            matched &= keep
        if mask:
            idx = np.fromiter(mask, dtype=np.int64)
            matched[idx[(idx >= 0) & (idx < self.n)]] = False
        docs = np.flatnonzero(matched)
        total = int(docs.size)
        if not total:
            return [], 0
        scores = score[docs]
        if total > limit:
            part = np.argpartition(-scores, limit - 1)[:limit]
            # keep every document tied with the last one, so ties resolve by docnum as in Whoosh
            cut = scores[part].min()
            part = np.flatnonzero(scores >= cut)
            docs, scores = docs[part], scores[part]
        order = np.lexsort((docs, -scores))[:limit]
        return [(float(scores[i]), int(docs[i])) for i in order], total


def _open_columns(reader) -> SegmentColumns | None:
    storage, segment = getattr(reader, "_storage", None), getattr(reader, "_segment", None)
    if storage is None or segment is None:
        return None
    return SegmentColumns.open(storage, segment)


def _postings(m, values: bool = False):
    """All (ids, weights, values or None) of a raw term matcher, block by block with Whoosh's
    own decoding."""
    if isinstance(m, ListMatcher):
        ids = np.asarray(m._ids, dtype=np.int64)
        w = m._weights
        if w is None:
            weights = np.full(len(ids), m._all_weights if m._all_weights is not None else 1.0)
        else:
            weights = np.asarray(w, dtype=np.float64)
        return ids, weights, (list(m._values) if values else None)
    ids_parts, w_parts, vals = [], [], []
    while m.is_active():
        if m._data is None:
            m._read_data()
        raw = m._data[0]
        ids = np.cumsum(np.asarray(raw, dtype=np.int64))    # Whoosh stores id deltas
        if m._weights is None:
            m._read_weights()
        if values:
            if m._values is None:
                m._read_values()
            vals.extend(m._values)
        ids_parts.append(ids)
        w_parts.append(np.asarray(m._weights, dtype=np.float64))
        m._next_block()
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0), (vals if values else None)
    return np.concatenate(ids_parts), np.concatenate(w_parts), (vals if values else None)
