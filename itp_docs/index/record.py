"""What one document becomes in the index: the field values built from the extraction result.

Runs in the indexing workers, right after extraction, so the analysed tokens of the pipeline are
reused (:class:`PreAnalyzed`) instead of being recomputed by Whoosh for each field.
"""
from __future__ import annotations

import re
import zlib
from typing import Any

from ..extract.context import Context
from ..lang.translit import bare_key, skeleton_key
from ..load import Document
from .analysis import PreAnalyzed

_PARA = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def passages(ctx: Context) -> list[tuple[str, str, int, int]]:
    """(kind, id, start, end) over the normalized text: measures, clauses, then the paragraphs
    of the text they leave uncovered, then the title."""
    out: list[tuple[str, str, int, int]] = []
    covered: list[tuple[int, int]] = []
    for m in ctx.measures:
        if m.end > m.start:
            out.append(("measure", str(m.number), m.start, m.end))
            covered.append((m.start, m.end))
    for c in ctx.clauses:
        if c.end > c.start:
            out.append(("clause", c.id, c.start, c.end))
            covered.append((c.start, c.end))
    covered.sort()
    n = 0
    for m in _PARA.finditer(ctx.text):
        s, e = m.start(), m.end()
        if not m.group().strip():
            continue
        n += 1
        if any(cs <= s and e <= ce for cs, ce in covered):
            continue
        out.append(("paragraph", str(n), s, e))
    if ctx.title_span:
        out.append(("title", "", ctx.title_span[0], ctx.title_span[1]))
    out.sort(key=lambda p: (p[2], p[3]))
    return out


# _keys_of of names already seen (entity names recur across documents); False: no cache, for the
# tests that compare the two.
KEYS_CACHE = True
_KEYS: dict[str, frozenset[str]] = {}
_KEYS_MAX = 200_000


def _keys_of(name: str) -> frozenset[str]:
    """``_name_keys(name)``, remembered."""
    got = _KEYS.get(name)
    if got is None:
        got = frozenset(_name_keys(name))
        if KEYS_CACHE:
            if len(_KEYS) >= _KEYS_MAX:
                _KEYS.clear()
            _KEYS[name] = got
    return got


def _name_keys(name: str) -> set[str]:
    """Bare keys of a name's words and of the parts of hyphenated words (Самрұқ-Қазына is found
    by ``org:Samruk``)."""
    words = _WORD.findall(name)
    parts = [p for w in words if "-" in w for p in w.split("-")]
    keys = {k for k in (bare_key(w) for w in words + parts) if k}
    # skeletons too, so that person:Исекешев finds Kazakh Исекешов (vowel-only differences)
    keys |= {k for k in (skeleton_key(w) for w in words) if k}
    # numbers have no key (keys are letters): the words that hold digits stand as written, so
    # that program:"Ақпараттық Қазақстан – 2020" can require its year
    keys |= {w.lower() for w in words + parts if any(c.isdigit() for c in w)}
    return keys


def build(doc: Document, ctx: Context, filestate: str, doc_id: str) -> dict[str, Any]:
    """Field values for ``writer.add_document``."""
    ents = ctx.entities
    facets: dict[str, list[str]] = {"persons": [], "orgs": [], "places": [], "programs": []}
    person: set[str] = set()
    org: set[str] = set()
    place: set[str] = set()
    program: set[str] = set()
    laws: set[str] = set()
    money: set[tuple[float, str, int, int]] = set()     # (amount, currency, start, end) in ctx.text
    years: set[int] = set()
    for e in ents:
        a = e.attrs
        if e.type == "PERSON":
            facets["persons"].append(e.normalized)
            person |= _keys_of(e.normalized)
        elif e.type in ("ORG", "LOC", "PROGRAM"):
            bucket = {"ORG": org, "LOC": place, "PROGRAM": program}[e.type]
            facets[{"ORG": "orgs", "LOC": "places", "PROGRAM": "programs"}[e.type]].append(e.normalized)
            bucket |= _keys_of(e.normalized)
            for k in ("canonical_id", "abbr"):
                if a.get(k):
                    bucket.add(str(a[k]).lower())
            # abbreviations are searched by their letters: ИТП → итп
            if e.normalized.isupper() and len(e.normalized) <= 12:
                bucket.add(e.normalized.lower())
        elif e.type == "LAW" and a.get("number"):
            laws.add(str(a["number"]).lower())
        elif e.type == "MONEY":
            try:
                money.add((float(a["amount"]), str(a.get("currency") or ""), e.start, e.end))
            except (KeyError, TypeError, ValueError):
                pass
        elif e.type == "DATE":
            for v in (a.get("value"), a.get("start"), a.get("end")):
                if isinstance(v, str) and v[:4].isdigit():
                    years.add(int(v[:4]))
    if ctx.decree and ctx.decree.get("number"):
        laws.add(str(ctx.decree["number"]).lower())
    day = None
    if ctx.date and re.match(r"^\d{4}", ctx.date):
        years = {int(ctx.date[:4])}
        if re.match(r"^\d{4}-\d{2}-\d{2}$", ctx.date):
            day = int(ctx.date.replace("-", ""))
    parts = passages(ctx)
    orig = [(k, i, s, e, *doc.offsets.span(s, e)) for k, i, s, e in parts]
    title = ctx.title or doc.title
    title_tokens = [t for t in ctx.tokens_in(*ctx.title_span)] if ctx.title_span else []
    tokens = ctx.tokens
    meta = {
        "title": title, "passages": orig, "date": ctx.date, "decree": ctx.decree,
        "persons": sorted(set(facets["persons"])), "orgs": sorted(set(facets["orgs"])),
        "places": sorted(set(facets["places"])), "programs": sorted(set(facets["programs"])),
        "years": sorted(years), "words": len(tokens), "money": sorted(money),
    }
    body = PreAnalyzed(tokens)      # one value for the three fields: their shared work is done once
    rec: dict[str, Any] = {
        "doc_id": doc_id, "filestate": filestate, "source": doc.source,
        "exact": body, "lemma": body, "keys": body, "lang": ctx.lang, "doctype": ctx.doctype, "date": ctx.date or "",
        "law": ",".join(sorted(laws)), "person": ",".join(sorted(person)), "org": ",".join(sorted(org)),
        "place": ",".join(sorted(place)), "program": ",".join(sorted(program)),
        "kinds": ",".join(sorted({p[0] for p in parts})),
        "meta": meta, "text": zlib.compress(ctx.text.encode("utf-8"), 6),
    }
    if title_tokens:
        rec["title"] = rec["title_keys"] = PreAnalyzed(title_tokens)
    elif title:
        rec["title"] = title
        rec["title_keys"] = title
    if years:
        rec["year"] = sorted(years)
    if day:
        rec["day"] = day
    if money:
        rec["amount"] = sorted({m[0] for m in money})
    return rec
