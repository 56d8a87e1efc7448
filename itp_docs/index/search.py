"""Searching: run a query plan, rank documents, locate the passage and explain each match.

A hit is a document. Its best passage (a decree clause, an appendix measure, a news paragraph)
is the one holding the most distinct query words, found from the character ranges stored with
the ``lemma`` and ``keys`` postings of the terms that matched — no re-reading of the document.
The snippet is cut from the stored text around those matches.

Documents with every query word come first; when there are fewer of them than asked for,
documents with only some of the words follow (``partial: true``), so a query with one
unmatched word still finds what it can.
"""
from __future__ import annotations

import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import query as wq
from whoosh import scoring

from ..lang.analyzer import TOKEN_RE
from . import lexmap as lexmap_mod
from . import store
from . import vocab as vocab_mod
from .expand import KINDS, Plan, QueryError, plan
from .query import parse

SNIPPET_CHARS = 240
KIND_RANK = {k: i for i, k in enumerate(KINDS)}
PASSAGE_PRIORITY = {"measure": 0, "clause": 1, "paragraph": 2, "title": 3}
FACET_DOCS = 2000
AMOUNT_WORD = -2            # the word index of a stated sum's span in a document (see _hit)
RERANK_DEPTH = 100          # documents re-scored with word proximity (at least 4 x the limit)
MAX_ALSO = 5                # other passages listed under a hit
RELAXED_DEPTH = 50          # documents with some of the words ranked by how many they have
_TEXT_FIELDS = {"exact", "lemma", "keys", "title", "title_keys", "law"}


@dataclass
class Hit:
    source: str
    title: str | None
    date: str | None
    lang: str
    doctype: str
    score: float
    passage: dict[str, Any] | None
    snippet: str
    highlights: list[tuple[int, int]]
    matches: dict[str, str]
    partial: bool = False
    # the document's other passages that hold as many of the query's words as ``passage``
    # (three measures of one decree about data centres): grouped under the one hit
    also: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "title": self.title, "date": self.date, "lang": self.lang,
                "doctype": self.doctype, "score": round(self.score, 4), "passage": self.passage,
                "snippet": self.snippet, "highlights": [list(h) for h in self.highlights],
                "matches": self.matches, "partial": self.partial, "also": self.also}


@dataclass
class Result:
    query: str
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    total_exact: bool = True       # False: ``total`` is a lower bound (see Engine.search)
    facets: dict[str, dict[str, int]] | None = None
    suggestion: str | None = None
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"query": self.query, "total": self.total, "total_exact": self.total_exact,
                             "hits": [h.as_dict() for h in self.hits]}
        if self.facets is not None:
            d["facets"] = self.facets
        if self.suggestion:
            d["did_you_mean"] = self.suggestion
        if self.notes:
            d["notes"] = self.notes
        return d


class Engine:
    """An open index with everything a query needs; reuse it for many queries."""

    def __init__(self, index_dir: str | Path | None = None) -> None:
        self.dir = store.resolve_dir(index_dir)
        self.ix = store.open_index(self.dir)
        self.searcher = self.ix.searcher(weighting=scoring.BM25F(B=0.6, K1=1.2))
        self.lexmap = lexmap_mod.load(self.dir)
        self._vocab: vocab_mod.Vocab | None = None
        self._vocab_loaded = False
        self._fast = None           # fastscore.FastScorer, made on first search

    @property
    def vocab(self) -> vocab_mod.Vocab | None:
        if not self._vocab_loaded:
            self._vocab = vocab_mod.load(self.dir, self.ix.latest_generation(), self.searcher.reader())
            self._vocab_loaded = True
        return self._vocab

    @property
    def fast(self):
        """The array scorer of this searcher (fastscore.FastScorer), made on first use."""
        if self._fast is None:
            from .fastscore import FastScorer

            self._fast = FastScorer(self.searcher)
        return self._fast

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ------------------------------------------------------------------ search
    def search(self, text: str, limit: int = 10, facets: bool = False, count: bool = False) -> Result:
        """The best ``limit`` documents for ``text``; ``count`` asks for an exact total (see
        ``_run``)."""
        parsed = parse(text)
        res = Result(text, notes=list(parsed.notes))
        if parsed.root is None:
            return res
        try:
            p = plan(parsed, self.searcher, self.lexmap, lambda: self.vocab)
        except QueryError as e:
            res.notes.append(str(e))
            return res
        res.notes = p.notes
        if p.query is None:
            return res
        limit = max(1, limit)
        try:
            kw = self._filter_args(p)
            results, res.total, res.total_exact = self._run(p, limit, kw, count)
        except Exception as e:  # never a traceback for a query; say what failed instead
            res.notes.append(f"this query could not be run ({type(e).__name__}); try simplifying it")
            return res
        seen: set[int] = set()
        top = [h for h in results]  # not list(): it asks len(), which counts every match
        matched = self._matched_terms([h.docnum for h in top], p)
        where = self._hit_positions(matched, p)
        for h in top:
            seen.add(h.docnum)
            res.hits.append(self._hit(h, p, matched[h.docnum], partial=False, where=where))
        if len(res.hits) < limit and p.relaxed is not None:
            # Documents with some of the words: those with more of them first (each word counts
            # once, however it matched: a Kazakh text with three of the four words in
            # translation outranks a Russian one with two as written), then by score.
            depth = max(RELAXED_DEPTH, 4 * limit) + len(seen)
            cands = [h for h in self.searcher.search(p.relaxed, limit=depth, **kw) if h.docnum not in seen]
            matched = self._matched_terms([h.docnum for h in cands], p)
            content = {w.index for w in p.words if not (w.stop or w.negated)}
            words_in = {h.docnum: _coverage(matched[h.docnum], p, content) for h in cands}
            more = sorted(cands, key=lambda h: (-words_in[h.docnum], -h.score, h.docnum))[:limit - len(res.hits)]
            where = self._hit_positions({h.docnum: matched[h.docnum] for h in more}, p)
            for h in more:
                seen.add(h.docnum)
                res.hits.append(self._hit(h, p, matched[h.docnum], partial=True, where=where))
            res.total = max(res.total, len(seen))
        if facets:
            res.facets = self._facets(p)
        if not res.hits and not p.filters_only:
            res.suggestion = self._suggest(p)
        return res

    def _run(self, p: Plan, limit: int, kw: dict[str, Any], count: bool):
        """Search; returns (results, total, total is exact).

        With a proximity part, in two stages: the words alone pick the best ``RERANK_DEPTH``
        documents (a walk over term postings), and only those are scored again with the
        proximity phrases (a walk over positions, which on common words costs more than the
        rest of the query). Whoosh may skip blocks of postings that cannot reach the top, so it
        does not always know how many documents matched; counting them is a second pass over
        every match. The total is exact when ``count`` is set or when fewer documents matched
        than were asked for, and otherwise the number of documents Whoosh scored, a lower bound.
        """
        fast = self._fast_run(p, limit, kw)
        if fast is not None:
            return fast
        asked = limit
        results = None
        optional = None        # the ranking-only part still to add (when the core ran alone)
        if p.core is not None and p.optional is not None:
            asked = max(RERANK_DEPTH, 4 * limit)
            results = self.searcher.search(p.core, limit=asked, **kw)
            optional = p.optional
            if results.scored_length() < asked:
                results = None          # few matches: score them all with the optional part
                optional = None
                asked = limit
        if results is None:
            asked = max(RERANK_DEPTH, 4 * limit) if p.amounts else limit
            results = self.searcher.search(p.query, limit=asked, **kw)
        scored = results.scored_length()
        if count:
            total, exact = len(results), True
        elif scored < asked:
            total, exact = scored, True
        else:
            total, exact = max(scored, getattr(getattr(results, "collector", None), "total", 0) or 0), False
        if asked > limit:
            total += self._add_holders(results, p, kw, asked)
            results = self._rerank(results, optional, limit, p.amounts)
        return results, total, exact

    def _add_holders(self, results, p: Plan, kw: dict[str, Any], depth: int) -> int:
        """For a query that is only sums of money: the documents that hold one of them but not
        in the query's words (0,5 млрд долларов = $500 млн) join the candidates, with no score of
        their own (``_rerank`` puts every holder first). Returns how many joined."""
        if not p.amount_only:
            return 0
        holders = self._holding(p.amounts)
        if "filter" in kw:
            holders &= kw["filter"]
        if "mask" in kw:
            holders -= kw["mask"]
        have = {d for _s, d in results.top_n}
        extra = list(islice((d for d in sorted(holders - have) if self._same_currency(d, p)), depth))
        results.top_n.extend((0.0, d) for d in extra)
        return len(extra)

    def _same_currency(self, docnum: int, p: Plan) -> bool:
        """Whether the document states one of the query's sums in the query's currency (the
        ``amount`` field holds numbers only: 500 млн теңге is not $500 млн). Documents indexed
        before the money list was stored pass."""
        money = (self.searcher.stored_fields(docnum).get("meta") or {}).get("money")
        if money is None:
            return True
        for a, cur, *_span in money:
            for q in p.amounts:
                if abs(a - q) <= 1e-6 * q and (p.currencies.get(q) in (None, cur)):
                    return True
        return False

    def _fast_run(self, p: Plan, limit: int, kw: dict[str, Any]):
        """``_run`` with the words' query scored as arrays (see fastscore); None when the query
        holds something that module does not compute, and Whoosh then runs it."""
        from whoosh.searching import Results

        from .fastscore import Unsupported

        rerank = p.core is not None and p.optional is not None
        q = p.core if rerank else p.query
        depth = max(RERANK_DEPTH, 4 * limit) if rerank or p.amounts else limit
        try:
            top, total = self.fast.top(q, depth, kw.get("filter"), kw.get("mask"))
        except Unsupported:
            return None
        results = Results(self.searcher, q, top)
        if rerank or p.amounts:
            total += self._add_holders(results, p, kw, depth)
            results = self._rerank(results, p.optional if rerank else None, limit, p.amounts)
        return results, total, True

    def _rerank(self, first, optional, limit: int, amounts: list[float] | None = None):
        """Add the ``optional`` query's score to each candidate of ``first`` that it matches —
        what ``AndMaybe(core, optional)`` scores — and keep the best ``limit``. The optional
        matcher only skips from candidate to candidate (Whoosh's own AndMaybe, even under a
        filter, walks it along every document the core matches). Candidates that hold one of
        ``amounts`` (sums of money the query states) rank above the others."""
        extra: dict[int, float] = {}
        context = self.searcher.context()
        cands = sorted(d for _s, d in first.top_n) if optional is not None else []
        holders = self._holding(amounts) if amounts else set()
        fast = self._columns()
        if fast is not None and cands:
            from .fastscore import Unsupported

            try:
                extra = fast.scores_at(optional, cands)
                cands = []
            except Unsupported:
                extra = {}
        for sub, offset in (self.searcher.leaf_searchers() if cands else ()):
            end = offset + sub.doc_count_all()
            local = [d - offset for d in cands if offset <= d < end]
            if not local:
                continue
            m = optional.matcher(sub, context)
            for d in _docs_at(m, local):
                extra[d + offset] = m.score()
        scored = [(s + extra.get(d, 0.0), d) for s, d in first.top_n]
        if holders and scored:
            # a tier: the documents that state the sum come first, in their own order (after the
            # proximity part: "3,5 … млрд тенге" close together is not 3,5 млрд тенге)
            bonus = max(s for s, _d in scored)
            scored = [(s + bonus if d in holders else s, d) for s, d in scored]
        first.top_n = sorted(scored, key=lambda x: (-x[0], x[1]))[:limit]
        return first

    def _holding(self, amounts: list[float]) -> set[int]:
        """Documents whose ``amount`` field holds one of ``amounts`` (to a relative 1e-6: amounts
        are computed from written numbers, 8,7 × 10⁹ is not exact in binary)."""
        q = wq.Or([wq.NumericRange("amount", a * (1 - 1e-6), a * (1 + 1e-6)) for a in amounts])
        try:
            return set(self.searcher.docs_for_query(q))
        except Exception:  # an index without the field: nothing to rank by
            return set()

    def _columns(self):
        """The array scorer when every segment has posting columns (see postcols): then
        per-document look-ups are array searches; otherwise Whoosh's matchers walk the blocks."""
        try:
            fast = self.fast
        except Exception:  # no array scorer for this searcher
            return None
        return fast if fast is not None and fast.has_columns else None

    def _filter_args(self, p: Plan) -> dict[str, Any]:
        """Numeric filters as document sets (see expand.plan)."""
        kw: dict[str, Any] = {}
        if p.filters:
            docs: set[int] | None = None
            for fq in p.filters:
                d = self._docs(fq)
                docs = d if docs is None else docs & d
            kw["filter"] = docs or set()
        if p.masks:
            mask: set[int] = set()
            for mq in p.masks:
                mask |= self._docs(mq)
            kw["mask"] = mask
        return kw

    def _docs(self, q) -> set[int]:
        import numpy as np

        from .fastscore import Unsupported

        try:
            return set(np.flatnonzero(self.fast.docset(q)).tolist())
        except (Unsupported, AttributeError, TypeError, ValueError):
            return set(self.searcher.docs_for_query(q))

    # ------------------------------------------------------------------ one hit
    def _matched_terms(self, docnums: list[int], p: Plan) -> dict[int, list[tuple[str, str]]]:
        """The query's text terms each of these documents contains.

        Whoosh can record matched terms itself (``terms=True``), but it does so for every
        matching document, not only the ones shown: on a common word over 10,000 documents that
        was most of the query time. Here each term's postings are walked once over the few hits.
        """
        out: dict[int, list[tuple[str, str]]] = {d: [] for d in docnums}
        if not docnums:
            return out
        order = sorted(out)
        reader = self.searcher.reader()
        fast = self._columns()
        for fieldname, t in p.terms:
            if fieldname not in _TEXT_FIELDS:
                continue  # numeric fields hold encoded numbers, not words
            if fast is not None:
                for d in fast.containing(fieldname, t, order):
                    out[d].append((fieldname, t))
                continue
            try:
                m = reader.postings(fieldname, t)
            except Exception:  # the term is in no segment
                continue
            for d in _docs_at(m, order):
                out[d].append((fieldname, t))
        return out

    def _hit_positions(self, matched: dict[int, list[tuple[str, str]]], p: Plan):
        """Positions of the matched lemma and key terms in the shown hits, one array pass per
        term for all of them (None without posting columns: ``_hit`` then asks Whoosh per hit)."""
        fast = self._columns()
        if fast is None:
            return None
        docs_of: dict[tuple[str, str], list[int]] = {}
        for d, terms in matched.items():
            for ft in terms:
                if ft[0] in ("lemma", "keys") and ft in p.terms:
                    docs_of.setdefault(ft, []).append(d)
        return {ft: fast.positions_in(ft[0], ft[1], docs) for ft, docs in docs_of.items()}

    def _hit(self, h, p: Plan, matched: list[tuple[str, str]], partial: bool, where=None) -> Hit:
        stored = h.fields()
        meta = stored.get("meta") or {}
        text = zlib.decompress(stored["text"]).decode("utf-8") if stored.get("text") else ""
        best: dict[int, str] = {}
        spans: dict[int, list[tuple[int, int]]] = {}
        reader = self.searcher.reader()
        words: list[tuple[int, int]] | None = None
        posmap: dict[tuple[str, str], list[int]] = {}
        for fieldname, t in matched:
            for widx, kind in p.terms.get((fieldname, t), ()):
                if widx not in best or KIND_RANK[kind] < KIND_RANK[best[widx]]:
                    best[widx] = kind
            if fieldname in ("lemma", "keys") and (fieldname, t) in p.terms:
                posmap[(fieldname, t)] = list(where.get((fieldname, t), {}).get(h.docnum, ())) if where is not None \
                    else _positions(reader, fieldname, t, h.docnum)
        for ft, poss in posmap.items():
            if ft not in p.loose:
                # a term that only stands in phrases: its occurrences inside one of them
                poss = _in_phrases(ft, poss, posmap, p.phrases)
            if poss and words is None:
                # positions count the document's tokens: one regex pass gives their offsets
                words = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
            for pos in poss:
                if 0 <= pos < len(words):
                    for widx, _k in p.terms[ft]:
                        spans.setdefault(widx, []).append(words[pos])
        for a, cur, *span in meta.get("money") or () if p.amounts else ():
            # a sum the query states: its passage and highlight (written as the document writes it)
            if span and any(abs(a - q) <= 1e-6 * q and p.currencies.get(q) in (None, cur) for q in p.amounts):
                spans.setdefault(AMOUNT_WORD, []).append((span[0], span[1]))
        # a function word left out of matching (see expand.word_run) says so
        matches = {w.text: "ignored" if w.stop else best.get(w.index, "none") for w in p.words}
        qualifiers = {w.index for w in p.words if w.qualifier}
        passage, snippet, hl, also = self._passage(meta, text, spans, p.kind_filter, qualifiers)
        return Hit(source=stored.get("source") or stored.get("doc_id"), title=meta.get("title"),
                   date=stored.get("date") or None, lang=stored.get("lang", ""),
                   doctype=stored.get("doctype", ""), score=float(h.score or 0.0), passage=passage,
                   snippet=snippet, highlights=hl, matches=matches, partial=partial, also=also)

    def _passage(self, meta: dict, text: str, spans: dict[int, list[tuple[int, int]]], kind_filter: str | None,
                 qualifiers: set[int] = frozenset()):
        """The passage holding most query words. Words that name the act (``постановление 631``)
        count only after the others: they stand in the heading or the approval line, while the
        rest of the query says which clause or measure is meant (measure 17, дата-центр)."""
        passages = meta.get("passages") or []
        allspans = sorted(x for v in spans.values() for x in v)
        ranked = []
        for kind, pid, s, e, os_, oe in passages:
            if kind_filter and kind != kind_filter:
                continue
            inside = [w for w, v in spans.items() if any(s <= a and b <= e for a, b in v)]
            words = len(inside)
            content = sum(1 for w in inside if w not in qualifiers)
            hits = sum(1 for a, b in allspans if s <= a and b <= e)
            # a sum the query states is where its words are, written the document's way
            amount = any(s <= a and b <= e for a, b in spans.get(AMOUNT_WORD, ()))
            key = (-amount, -content, -words, -hits, PASSAGE_PRIORITY.get(kind, 9), e - s)
            ranked.append((key, (kind, pid, s, e, os_, oe)))
        if not ranked:
            s, e = 0, min(len(text), SNIPPET_CHARS)
            return (None, *_snippet(text, s, e, allspans), [])
        ranked.sort(key=lambda x: x[0])
        best_key, (kind, pid, s, e, os_, oe) = ranked[0]
        info = {"kind": kind, "id": pid, "start": os_, "end": oe}
        also = []
        if best_key[1] or best_key[2]:
            for key, (k2, id2, _s, _e, o2s, o2e) in ranked[1:]:
                if key[:3] != best_key[:3] or k2 == "title" or len(also) >= MAX_ALSO:
                    break
                also.append({"kind": k2, "id": id2, "start": o2s, "end": o2e})
            also.sort(key=lambda x: x["start"])
        return (info, *_snippet(text, s, e, allspans), also)

    # ------------------------------------------------------------------ facets, suggestions
    def _facets(self, p: Plan) -> dict[str, dict[str, int]]:
        kw = self._filter_args(p)
        results = self.searcher.search(p.query, limit=FACET_DOCS, **kw)
        if len(results) == 0 and p.relaxed is not None:
            results = self.searcher.search(p.relaxed, limit=FACET_DOCS, **kw)
        counts: dict[str, Counter] = {k: Counter() for k in ("lang", "type", "year", "person", "org")}
        for h in results:
            st = h.fields()
            meta = st.get("meta") or {}
            counts["lang"][st.get("lang", "?")] += 1
            counts["type"][st.get("doctype", "?")] += 1
            for y in meta.get("years") or []:
                counts["year"][str(y)] += 1
            for name in set(meta.get("persons") or []):
                counts["person"][name] += 1
            for name in set(meta.get("orgs") or []):
                counts["org"][name] += 1
        return {k: dict(c.most_common(20)) for k, c in counts.items()}

    def _suggest(self, p: Plan) -> str | None:
        if self.vocab is None or not p.words:
            return None
        from ..lang.translit import bare_key

        out = []
        changed = False
        for w in p.words:
            key = bare_key(w.text)
            if key and self.vocab.freq(key):
                out.append(w.text)
                continue
            near = self.vocab.near(key, limit=5) if key else []
            form = next((self.vocab.form(k) for k, _d in near if self.vocab.form(k)), None)
            if form:
                out.append(form)
                changed = True
            else:
                out.append(w.text)
        return " ".join(out) if changed else None


def _docs_at(m, docnums: list[int]):
    """Those of the ascending ``docnums`` that matcher ``m`` matches, leaving ``m`` on each one
    when it is yielded (so the caller can read its score or value)."""
    for d in docnums:
        if not m.is_active():
            return
        if m.id() < d:
            m.skip_to(d)
            if not m.is_active():
                return
        if m.id() == d:
            yield d


def _coverage(matched: list[tuple[str, str]], p: Plan, content: set[int]) -> float:
    """How many of the query's content words a document holds: each word once, a word found
    only as a typo correction counts half (Karim → Касым is a guess, Massimov → Мәсімов is not)."""
    best: dict[int, float] = {}
    for ft in matched:
        for i, kind in p.terms.get(ft, ()):
            if i in content:
                best[i] = max(best.get(i, 0.0), 0.5 if kind == "fuzzy" else 1.0)
    return sum(best.values())


def _in_phrases(ft: tuple[str, str], poss: list[int], posmap: dict[tuple[str, str], list[int]],
                phrases: list[tuple[str, tuple[str, ...]]]) -> list[int]:
    """The positions of ``ft`` that are part of an occurrence of one of ``phrases`` (every other
    word of the phrase within the phrase's length plus its slop): «Қазақстан темір жолы» is
    highlighted where the company is named, not at every «Қазақстан» of the passage."""
    field, term = ft
    out = []
    for pos in poss:
        for pf, seq in phrases:
            if pf != field or term not in seq:
                continue
            reach = len(seq) + 2
            if all(any(abs(q - pos) <= reach for q in posmap.get((field, u), ())) for u in seq if u != term):
                out.append(pos)
                break
    return out


def _positions(reader, fieldname: str, text: str, docnum: int) -> list[int]:
    try:
        m = reader.postings(fieldname, text)
        m.skip_to(docnum)
        if m.is_active() and m.id() == docnum:
            return list(m.value_as("positions"))
    except Exception:  # a term gone from this segment, or a field without positions
        pass
    return []


def _snippet(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """Up to SNIPPET_CHARS of ``text[s:e]`` around its first match, cut at word boundaries;
    highlight offsets are relative to the snippet."""
    inside = [(a, b) for a, b in spans if s <= a and b <= e]
    if e - s > SNIPPET_CHARS:
        centre = inside[0][0] if inside else s
        start = max(s, centre - SNIPPET_CHARS // 3)
        end = min(e, start + SNIPPET_CHARS)
        if start > s:
            m = re.search(r"\s", text[start:start + 30])
            if m:
                start += m.end()
        if end < e:
            cut = text.rfind(" ", start, end)
            if cut > start + SNIPPET_CHARS // 2:
                end = cut
    else:
        start, end = s, e
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip())
    body = raw.strip()
    base = start + lead
    prefix = "… " if start > s else ""
    suffix = " …" if end < e else ""
    snippet = prefix + re.sub(r"[ \t]*\n[ \t]*|\t\|\t|\t", lambda m: " | " if "|" in m.group() else " ", body) + suffix
    # Re-locate highlights: the whitespace rewrite changes offsets, so map by word tokens.
    hl: list[tuple[int, int]] = []
    words = [(m.start() + base, m.end() + base) for m in TOKEN_RE.finditer(body)]
    snip_words = [(m.start(), m.end()) for m in TOKEN_RE.finditer(snippet)]
    if prefix:
        snip_words = [w for w in snip_words if w[0] >= len(prefix)]
    for (ws, we), (ss, se) in zip(words, snip_words):
        if any(a <= ws and we <= b or (ws <= a and b <= we) for a, b in inside):
            hl.append((ss, se))
    return snippet, hl


def engine(index_dir: str | Path | None = None) -> Engine:
    return Engine(index_dir)


_ = wq  # re-exported for callers building queries by hand
