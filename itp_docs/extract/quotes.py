"""Quoted names: finding them with their real extent, and writing them without quotes.

Kazakh and Russian official texts put names in «ёлочки», and nest them: an organization named
after a park is ``««Инновациялық технологиялар паркі» арнайы экономикалық аймағы»``. Typists
almost never write the doubled quote: the outer opening quote merges with the inner one
(``«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ``, ``«Алатау» технопаркі» ЖШС`` — a closing quote
with no opening one), and so does the outer closing one (``АО «Фонд развития
предпринимательства «Даму».`` — an opening quote never closed). Both are repaired here by the
rule typists follow: a stray closing quote closes a name that began at the previous quoted name
of the same sentence; an opening quote left open closes where the last name inside it closes.

Quotes also hold whole speeches, slogans and words used ironically («ақылды» технологиялар);
:func:`is_name_like` separates names (short, capitalised, no sentence inside) from those. The
text is the normalized one, where every typographic quote has become « or » (straight quotes
between spaces are left alone and ignored here).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Quoted", "find_quoted", "doc_quotes", "name_quotes", "is_name_like", "strip_quotes",
           "balance_quotes", "QUOTE_CHARS"]

QUOTE_CHARS = "«»“”„\"‹›"
_Q = re.compile(r"[«»]")
# Quotes never cross a line or a table cell: a segment is a run of characters other than \n and |.
# A sentence ends between two positions: . ! ? followed by a space and a capital, or the end.
_SENT_END = re.compile(r"[.!?…](?=\s+[«\"]?[^\W\d_a-zа-яёәғқңөұүһі])")
_CLAUSE_MARK = re.compile(r"[,;()]")
_STRIP = str.maketrans({c: " " for c in QUOTE_CHARS})
_SPACES = re.compile(r"\s+")
# A hyphen glued to one side only inside a name: «Самрұқ -Қазына», «Жол картасы -2020».
_LOOSE_HYPHEN = re.compile(r"(?<=\w) -(?=\w)|(?<=\w)- (?=\w)")
_NAME_START = re.compile(r"^[«\d]|^[^\W\d_]")
_MAX_NAME_WORDS = 14


@dataclass(frozen=True, slots=True)
class Quoted:
    start: int          # offset of the opening quote (the shared one when merged)
    end: int            # offset just after the closing quote
    depth: int          # 0 for an outermost quote
    repaired: bool      # the extent was reconstructed from a merged or missing quote

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1


def _sentence_between(text: str, a: int, b: int) -> bool:
    return _SENT_END.search(text, a, b) is not None


def _segment_quotes(text: str, s0: int, e0: int) -> list[tuple[int, int, bool]]:
    """``(start, end, repaired)`` of the quoted spans of one segment.

    Linear in the number of quotes (a line of thousands of unbalanced quotes must not cost their
    square): the outermost spans closed so far are kept on a stack, and the spans inside an
    unclosed quote are found by bisection."""
    stack: list[int] = []
    spans: list[tuple[int, int, bool]] = []
    tops: list[tuple[int, int, bool]] = []      # outermost spans, in text order
    for m in _Q.finditer(text, s0, e0):
        p = m.start()
        if m.group() == "«":
            stack.append(p)
            continue
        if stack:
            sp = (stack.pop(), p + 1, False)
            spans.append(sp)
            if not stack:
                tops.append(sp)
            continue
        # A stray closing quote: the name began with the previous outermost quoted name, which
        # (with everything after it) is now nested in the repaired one.
        if tops:
            last = tops[-1]
            if not _sentence_between(text, last[1], p):
                sp = (last[0], p + 1, True)
                spans.append(sp)
                tops[-1] = sp
    # Opening quotes never closed: each closes where the last quoted name after it (and before
    # the next unclosed one) closes: АО «Фонд … «Даму» (…), АО «СПК «Алматы» (…).
    if stack:
        found = sorted(spans)
        starts = [sp[0] for sp in found]
        for k in range(len(stack) - 1, -1, -1):
            o = stack[k]
            limit = stack[k + 1] if k + 1 < len(stack) else e0
            # The name ends with the first name nested in it, unless a clause mark comes first:
            # АО «Холдинг «Зерде» (по согласованию), АО «Казахтелеком» closes after «Зерде».
            j = bisect_right(starts, o)
            if j == len(found) or found[j][0] >= limit:
                continue
            first = found[j]
            if _CLAUSE_MARK.search(text, o, first[0]):
                continue
            close = first[1]
            if _sentence_between(text, o, close):
                continue
            spans.append((o, close, True))
    return spans


def _depths(spans: list[tuple[int, int, bool]]) -> list[int]:
    """For each span, how many other spans (not equal to it) contain it."""
    n = len(spans)
    if n <= 48:
        return [sum(1 for s2, e2, _r in spans if s2 <= s and e <= e2 and (s2, e2) != (s, e))
                for s, e, _r in spans]
    # Many quotes: count containing spans with a Fenwick tree over ends, spans taken by start.
    ends = sorted({e for _s, e, _r in spans})
    rank = {e: i for i, e in enumerate(ends)}
    tree = [0] * (len(ends) + 1)
    order = sorted(range(n), key=lambda i: spans[i][0])
    same: dict[tuple[int, int], int] = {}
    for s, e, _r in spans:
        same[(s, e)] = same.get((s, e), 0) + 1
    out = [0] * n
    total = 0
    k = 0
    while k < n:
        start = spans[order[k]][0]
        group = []
        while k < n and spans[order[k]][0] == start:
            group.append(order[k])
            k += 1
        for i in group:                 # spans starting at or before this one's start
            j = rank[spans[i][1]] + 1
            while j <= len(ends):
                tree[j] += 1
                j += j & -j
            total += 1
        for i in group:
            s, e, _r = spans[i]
            j = rank[e]                 # inserted spans ending before e
            before = 0
            while j > 0:
                before += tree[j]
                j -= j & -j
            out[i] = total - before - same[(s, e)]
    return out


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Every quoted segment of ``text[start:end]`` (nested ones too), repaired, by start."""
    end = len(text) if end is None else end
    out: list[Quoted] = []
    if "«" not in text[start:end] and "»" not in text[start:end]:
        return out
    # Only the segments that hold a quote: jump from quote to quote instead of visiting every
    # line of the text.
    q = _Q.search(text, start, end)
    while q is not None:
        p = q.start()
        s0 = max(text.rfind("\n", start, p), text.rfind("|", start, p)) + 1
        s0 = max(s0, start)
        e0 = min((x for x in (text.find("\n", p, end), text.find("|", p, end)) if x >= 0), default=end)
        spans = _segment_quotes(text, s0, e0)
        for (s, e, r), depth in zip(spans, _depths(spans)):
            out.append(Quoted(s, e, depth, r))
        q = _Q.search(text, e0, end)
    out.sort(key=lambda q: (q.start, -q.end))
    return out


def doc_quotes(ctx) -> list[Quoted]:
    """:func:`find_quoted` over a document's text, once per document (kept in ``ctx.notes``)."""
    got = ctx.notes.get("quotes")
    if got is None:
        got = ctx.notes["quotes"] = find_quoted(ctx.text)
    return got


@lru_cache(maxsize=50_000)
def is_name_like(inner: str) -> bool:
    """Could the quoted text be a name (of an organization, program, product)? Names are short,
    start with a capital letter, a digit or a nested quote, and hold no sentence."""
    s = inner.strip()
    if not s or not _NAME_START.match(s):
        return False
    if s[0].isalpha() and not s[0].isupper():
        return False
    if s[-1] in ",;:–-" or len(s) > 160:
        return False
    words = s.split()
    if len(words) > _MAX_NAME_WORDS:
        return False
    # Titles of acts and documents: «… туралы» (Kazakh 'on …'), «О …»/«Об …» (Russian).
    if words[-1].strip("»«").lower() == "туралы" or words[0] in ("О", "Об", "Обо"):
        return False
    return not _SENT_END.search(s) and not s.endswith((".", "!", "?"))


def name_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Quoted segments that look like names; a name nested in a longer name is kept too."""
    out = []
    for q in find_quoted(text, start, end):
        a, b = q.inner
        if is_name_like(text[a:b]):
            out.append(q)
    return out


def strip_quotes(s: str) -> str:
    """A name without its quotes: ``«Самрұқ-Қазына» Ұлттық әл-ауқат қоры»`` → ``Самрұқ-Қазына
    Ұлттық әл-ауқат қоры``; loose hyphens rejoined (``Жол картасы -2020`` → ``Жол картасы-2020``)."""
    s = _SPACES.sub(" ", s.translate(_STRIP)).strip()
    return _LOOSE_HYPHEN.sub("-", s)


def balance_quotes(s: str) -> str:
    """The same text with its quotes balanced: missing outer opening quotes added at the start
    and missing closing ones at the end (``«Зерде» холдингі»`` → ``««Зерде» холдингі»``)."""
    depth = 0
    missing_open = 0
    for ch in s:
        if ch == "«":
            depth += 1
        elif ch == "»":
            if depth:
                depth -= 1
            else:
                missing_open += 1
    return "«" * missing_open + s + "»" * depth
