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
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Quoted", "find_quoted", "doc_quotes", "name_quotes", "is_name_like", "strip_quotes",
           "balance_quotes", "QUOTE_CHARS"]

QUOTE_CHARS = "«»“”„\"‹›"
_Q = re.compile(r"[«»]")
# Units quotes never cross: lines and table cells.
_SEGMENT = re.compile(r"[^\n|]+")
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


def _segment_quotes(text: str, s0: int, e0: int) -> list[list]:
    stack: list[int] = []
    spans: list[list] = []        # [start, end, depth, repaired]
    for m in _Q.finditer(text, s0, e0):
        p = m.start()
        if m.group() == "«":
            stack.append(p)
            continue
        if stack:
            spans.append([stack.pop(), p + 1, len(stack), False])
            continue
        # A stray closing quote: the name began with the previous outermost quoted name.
        tops = [sp for sp in spans if sp[2] == 0 and sp[1] <= p]
        if tops:
            last = max(tops, key=lambda sp: sp[1])
            if not _sentence_between(text, last[1], p):
                for sp in spans:
                    if sp[0] >= last[0]:
                        sp[2] += 1
                spans.append([last[0], p + 1, 0, True])
    # Opening quotes never closed: each closes where the last quoted name after it (and before
    # the next unclosed one) closes: АО «Фонд … «Даму» (…), АО «СПК «Алматы» (…).
    unclosed = list(stack)
    for k in range(len(unclosed) - 1, -1, -1):
        o = unclosed[k]
        limit = unclosed[k + 1] if k + 1 < len(unclosed) else e0
        inside = sorted(sp for sp in spans if o < sp[0] < limit)
        # The name ends with the first name nested in it, unless a clause mark comes first:
        # АО «Холдинг «Зерде» (по согласованию), АО «Казахтелеком» closes after «Зерде».
        if not inside or _CLAUSE_MARK.search(text, o, inside[0][0]):
            continue
        close = inside[0][1]
        if _sentence_between(text, o, close):
            continue
        # The spans inside were found while ``o`` was still open: their depth counts it already.
        spans.append([o, close, k, True])
    return spans


def find_quoted(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """Every quoted segment of ``text[start:end]`` (nested ones too), repaired, by start."""
    end = len(text) if end is None else end
    out: list[Quoted] = []
    if "«" not in text[start:end] and "»" not in text[start:end]:
        return out
    for seg in _SEGMENT.finditer(text, start, end):
        spans = _segment_quotes(text, seg.start(), seg.end())
        for s, e, _d, r in spans:
            depth = sum(1 for s2, e2, _x, _y in spans if s2 <= s and e <= e2 and (s2, e2) != (s, e))
            out.append(Quoted(s, e, depth, r))
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
