"""DATE: calendar dates, months, quarters, halves, years, periods and relative years.

Kazakh and Russian write the same date in opposite orders (``2012 жылғы 18 желтоқсандағы`` /
``18 декабря 2012 года``) with case endings on every part, and decree tables add quarters
(``2016 жылғы І-тоқсан``, ``IV квартал 2018 года``) and periods (``2014 - 2018 жылдар``,
``2015-18 жылдарға``). Rather than one regular expression per surface form, the text is cut
into tokens, each token becomes one symbol (``Y`` a year number, ``D`` a day number, ``M`` a
month form, ``W`` a "year" word, ``Q`` a quarter word...), and a handful of patterns run over
the symbol string. Every word behind a symbol comes from ``lexicons/months.tsv``,
``lexicons/date_words.tsv`` and ``lexicons/numerals.tsv``, so a new case form is a data fix.

Conventions (see the extraction contract):

* a four-digit number is a year only with date context: a "year" word after it (``2016
  жылы``, ``в 2050 году``, ``2003 ж.``), a month or day, a quarter, or a period. A bare
  ``2017`` is left alone, and so is a year glued to a word by a hyphen, which is a name
  (``ЭКСПО-2017``, ``Қазақстан-2050``);
* relative years and days (``биыл``, ``өткен жылы``, ``в прошлом году``, ``бүгін``) resolve
  against the document date and are skipped when there is none;
* a date without a year is still found (``5 қаңтарға`` → ``--01-05``);
* a recurring expression (``жыл сайын``, ``ежегодно, 25 января``) names no calendar date:
  :func:`parse_date` returns None for it, which is what a measure's deadline should hold.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, NamedTuple

from .. import lexicon
from .context import Context
from .model import Entity
from .numbers import hedge_span, trie_regex

__all__ = ["parse_date", "find_dates", "find_date_spans", "DateSpan", "run"]

# Tokens: numbers with inner dots (18.12.2012), letter runs, line breaks, single punctuation.
_DOTDATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ORD_SUFFIX = frozenset("ші шы нші ншы інші ыншы сыншы сінші ыншы м й го х ом".split())
_KIND_SYM = {"year": "W", "years": "P", "quarter": "Q", "half": "H", "month_noun": "A",
             "rel_year": "T", "year_mod": "t", "rel_day": "d", "recurring": "r", "from": "c",
             "to": "o"}
_ABBR_YEAR = {"ж", "г"}          # take an optional dot: 2003 ж., 2019 г.
_ABBR_YEARS = {"жж", "гг"}


@dataclass(frozen=True)
class _Words:
    table: dict[str, tuple[str, Any]]      # lowercase word → (symbol, value)
    roman: dict[str, int]                  # case-sensitive Roman numerals


@lru_cache(maxsize=1)
def _words() -> _Words:
    table: dict[str, tuple[str, Any]] = {}
    for row in lexicon.load("numerals"):
        if row["kind"] == "ordinal" and row["value"] and " " not in row["word"]:
            v = int(row["value"])
            if 1 <= v <= 4:
                table.setdefault(row["word"].lower(), ("O", v))
    roman: dict[str, int] = {}
    for row in lexicon.load("date_words"):
        kind, form = row["kind"], row["form"]
        if kind == "roman":
            roman[form] = int(row["value"])
            continue
        low = form.lower()
        sym = _KIND_SYM[kind]
        if low in _ABBR_YEAR:
            sym = "w"
        elif low in _ABBR_YEARS:
            sym = "p"
        value = int(row["value"]) if row["value"] else None
        table[low] = (sym, value)
    for row in lexicon.load("months"):
        n = int(row["number"])
        for f in row["forms"]:
            f = f.lower().rstrip(".")
            if " " not in f:
                table[f] = ("M", n)
    return _Words(table, roman)


_PUNCT_SYM = {"-": "-", "–": "-", "—": "-", "‒": "-", ".": ".", ",": ",", "«": "q", "»": "q",
              '"': "q", "/": "/", "\n": "_", "|": "_", "№": "n"}


@lru_cache(maxsize=65536)
def _classify(tok: str) -> tuple[str, Any]:
    c = tok[0]
    if c.isdigit():
        if tok.isdigit():
            v = int(tok)
            if len(tok) == 4 and 1900 <= v <= 2100:
                return "Y", v
            if len(tok) <= 2 and 1 <= v <= 31:
                return "D", v
            return "N", v
        m = _DOTDATE_RE.match(tok)
        if m:
            return "Z", (int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return "N", None
    if c.isalpha():
        w = _words()
        r = w.roman.get(tok)
        if r is not None:
            return "R", r
        hit = w.table.get(tok.lower())
        if hit is not None:
            return hit
        if tok.lower() in _ORD_SUFFIX:
            return "S", None
        return "x", None
    return _PUNCT_SYM.get(tok, "x"), None


# --- patterns over the symbol string -------------------------------------------------------
_WY = r"(?:W|w\.?)"                   # a singular "year" word (or ж./г.)
_PY = r"(?:P|p\.?)"                   # a plural one
_QN = r"(?:R|O|D(?:-S)?)"             # a quarter/half number: IV, бірінші, 1, 1-ші
_DD = r"(?:qDq|D(?:-S)?)"             # a day: «12» as official documents quote it, 29-ыншы
_YR = rf"(?:Y(?:-S)?{_WY}|T{_WY}?|t{_WY})"   # a year before the rest (Kazakh order)
_YS = rf"(?:Y(?:-S)?{_WY}?|t{_WY})"          # a year after the rest (Russian order)

_PATTERNS: list[tuple[str, str]] = [
    ("drange", rf"{_DD}-{_DD}M,?{_YS}"),
    ("full_kk", rf"{_YR}{_DD}M"),
    ("full_ru", rf"{_DD}M,?{_YS}"),
    ("dotdate", rf"Z(?:{_WY})?"),
    ("iso", r"Y-D-D"),
    ("mrange_kk", rf"{_YR}M-MA?"),
    ("mrange_ru", rf"M-M,?{_YS}"),
    ("ym_kk", rf"{_YR}MA?"),
    ("ym_ru", rf"MA?,?{_YS}"),
    ("q_kk", rf"{_YR}{_QN}-?Q"),
    ("q_ru", rf"{_QN}-?Q\.?{_YS}"),
    ("h_kk", rf"{_YR}{_QN}-?H"),
    ("h_ru", rf"{_QN}-?H{_YS}"),
    ("period", rf"Y-[YD]{_PY}"),
    ("period_named", rf"Y-[YD]x{_WY}"),           # 2019-2020 оқу жылы, 2019-2020 учебном году
    ("period_cpo", rf"cY{_WY}?o(?:Y{_WY}|Y{_PY}|Y)"),
    ("year", rf"Y(?:-S)?{_WY}"),
    ("rel_year", rf"T{_WY}?|t{_WY}"),
    ("rel_day", r"d"),
    ("dm", rf"{_DD}M"),
    ("m_noun", r"MA"),
]
# Looser patterns for parse_date, whose input is known to be a date (a deadline cell).
_LOOSE = [("period_bare", r"Y-[YD]"), ("year_bare", r"Y")]


@lru_cache(maxsize=2)
def _compiled(loose: bool) -> list[tuple[str, re.Pattern[str]]]:
    pats = _PATTERNS + (_LOOSE if loose else [])
    return [(name, re.compile(p)) for name, p in pats]


@dataclass
class DateSpan:
    start: int
    end: int
    value: str | dict[str, str]
    attrs: dict[str, Any] = field(default_factory=dict)


class _Tok(NamedTuple):
    text: str
    start: int
    end: int
    sym: str
    val: Any


_TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\n|[^\s\w]")
_WINDOW_BEFORE, _WINDOW_AFTER = 36, 48      # the longest patterns reach ~30 characters each way


@lru_cache(maxsize=1)
def _seed_re() -> re.Pattern[str]:
    """Where a date can be: a digit, a Roman numeral, or a date word that needs no number
    (биыл, өткен, сегодня, айында). Only windows around these are tokenized, so a document
    costs as many Python steps as it has dates and numbers, not words."""
    w = _words()
    free = [k for k, (sym, _v) in w.table.items() if sym in "TtdrA"]
    romans = "|".join(sorted(map(re.escape, w.roman), key=len, reverse=True))
    first = "".join(sorted({c for f in free for c in (f[0], f[0].upper())} | {r[0] for r in w.roman}))
    return re.compile(rf"\d+|(?<![^\W\d_])(?=[{re.escape(first)}])"
                      rf"(?:(?i:{trie_regex(free)})|{romans})(?![^\W\d_])")


def _windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    # (the window being grown kept in two locals, not rebuilt as a tuple per seed: a table of
    # numbers has a seed every few words)
    cur_a = cur_b = -1
    for m in _seed_re().finditer(text):
        s, e = m.span()
        a = s - _WINDOW_BEFORE if s > _WINDOW_BEFORE else 0
        b = e + _WINDOW_AFTER
        if b > n:
            b = n
        if cur_b >= 0 and a <= cur_b:
            if b > cur_b:
                cur_b = b
        else:
            if cur_b >= 0:
                out.append((cur_a, cur_b))
            cur_a, cur_b = a, b
    if cur_b >= 0:
        out.append((cur_a, cur_b))
    return out


_CLASSES: dict[str, tuple[str, Any]] = {}     # _classify per token string


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[tuple[_Tok, ...], str]:
    toks: list[_Tok] = []
    syms: list[str] = []
    roman = _words().roman
    classes = _CLASSES
    if len(classes) > 200_000:
        classes.clear()
    get = classes.get
    new = tuple.__new__                 # _Tok(...) without the NamedTuple call overhead
    n = len(text)
    last = ""                           # the last symbol appended
    for wa, wb in _windows(text):
        if wa > 0:
            toks.append(new(_Tok, ("", wa, wa, "x", None)))
            syms.append("x")
            last = "x"
        for m in _TOKEN_RE.finditer(text, wa, wb):
            # (the token's text and its cached class read once, for the test below and for
            # the token itself)
            t = m.group()
            c = get(t)
            if last == "x" and c is not None and c[0] == "x" and t[-1] not in "IІV":
                # Inside a run of other words (most of a text): an ordinary word adds nothing,
                # whether or not the window edge cuts it, so it is dropped before its span is
                # read. (Words ending like a Roman numeral take the general path below.)
                continue
            a, b = m.span()
            if (a == wa and a > 0 and text[a - 1].isalnum()) or (b == wb and b < n and text[b].isalnum()):
                sym, val, t = "x", None, ""           # a word cut by the window edge
            else:
                if c is None:
                    c = classes[t] = _classify(t)
                sym, val = c
            if sym == "x":
                if t and t[-1] in "IІV":
                    # a lost space before a Roman numeral in a table cell: "2016 жылғыІ тоқсан"
                    for r in sorted(roman, key=len, reverse=True):
                        if t.endswith(r) and len(t) > len(r) and _classify(t[:-len(r)])[0] in "Ww":
                            cut = b - len(r)
                            for x, y in ((a, cut), (cut, b)):
                                s2, v2 = _classify(text[x:y])
                                toks.append(new(_Tok, (text[x:y], x, y, s2, v2)))
                                syms.append(s2)
                                last = s2
                            break
                    else:
                        toks.append(new(_Tok, (t, a, b, sym, val)))
                        syms.append(sym)
                        last = sym
                    continue
                if last == "x":
                    continue                          # one x stands for any run of other words
            toks.append(new(_Tok, (t, a, b, sym, val)))
            syms.append(sym)
            last = sym
    return tuple(toks), "".join(syms)


_REF_RE = re.compile(r"(\d{4})(?:-(\d{2})-(\d{2}))?")


def _ref_date(ref: str | None) -> tuple[int | None, date | None]:
    if not ref:
        return None, None
    m = _REF_RE.match(ref)
    if not m:
        return None, None
    y = int(m.group(1))
    if m.group(2):
        try:
            return y, date(y, int(m.group(2)), int(m.group(3)))
        except ValueError:
            return y, None
    return y, None


def _rel_label(offset: int, unit: str) -> str:
    if unit == "y":
        return {0: "this_year", -1: "last_year", 1: "next_year"}.get(offset, f"{offset:+d}y")
    return {0: "today", -1: "yesterday", 1: "tomorrow"}.get(offset, f"{offset:+d}d")


def _ymd(y: int, m: int, d: int | None = None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"{y:04d}-{m:02d}"
    if not 1 <= d <= calendar.monthrange(y, m)[1]:
        return None
    return f"{y:04d}-{m:02d}-{d:02d}"


def _md(m: int, d: int | None = None) -> str | None:
    if not 1 <= m <= 12:
        return None
    if d is None:
        return f"--{m:02d}"
    if not 1 <= d <= calendar.monthrange(2000, m)[1]:   # a leap year allows 29 February
        return None
    return f"--{m:02d}-{d:02d}"


def _value(name: str, toks: list[_Tok], ref_year: int | None, ref_day: date | None, text: str = ""
           ) -> tuple[str | dict[str, str], dict[str, Any]] | None:
    """The value of one matched pattern, or None when it does not make a valid date."""
    attrs: dict[str, Any] = {}
    syms = [t.sym for t in toks]

    def year() -> int | None:
        for t in toks:
            if t.sym == "Y":
                return t.val
        for i, t in enumerate(toks):
            if t.sym in "Tt":
                if ref_year is None:
                    return None
                attrs["relative"] = _rel_label(t.val, "y")
                return ref_year + t.val
        return None

    def first(sym: str) -> Any:
        for t in toks:
            if t.sym == sym:
                return t.val
        return None

    if name in ("full_kk", "full_ru", "dm"):
        m, d = first("M"), first("D")
        if name == "dm":
            v = _md(m, d)
        else:
            y = year()
            v = _ymd(y, m, d) if y is not None else None
        return (v, attrs) if v else None
    if name == "drange":
        days = [t.val for t in toks if t.sym == "D"]
        m, y = first("M"), year()
        if y is None or len(days) < 2 or days[0] >= days[1]:
            return None
        a, b = _ymd(y, m, days[0]), _ymd(y, m, days[1])
        return ({"start": a, "end": b}, attrs) if a and b else None
    if name == "dotdate":
        y, m, d = first("Z")
        v = _ymd(y, m, d) if 1900 <= y <= 2100 else None
        return (v, attrs) if v else None
    if name == "iso":
        y = first("Y")
        nums = [t for t in toks if t.sym == "D"]
        if any(len(t.text) != 2 for t in nums):
            return None
        v = _ymd(y, nums[0].val, nums[1].val)
        return (v, attrs) if v else None
    if name in ("mrange_kk", "mrange_ru"):
        ms = [t.val for t in toks if t.sym == "M"]
        y = year()
        if y is None or ms[0] >= ms[1]:
            return None
        return {"start": _ymd(y, ms[0]), "end": _ymd(y, ms[1])}, attrs
    if name in ("ym_kk", "ym_ru"):
        y = year()
        return ((_ymd(y, first("M")), attrs) if y is not None else None)
    if name in ("q_kk", "q_ru", "h_kk", "h_ru"):
        n = None
        for t in toks:
            if t.sym in "ROD":
                n = t.val
                break
        top = 4 if name[0] == "q" else 2
        y = year()
        if y is None or n is None or not 1 <= n <= top:
            return None
        return f"{y:04d}-{'Q' if name[0] == 'q' else 'H'}{n}", attrs
    if name == "period_named":
        between = text[toks[2].end:toks[-1].start] if len(toks) > 3 else ""
        if len(between.split()) != 1:
            return None
        name = "period"
    if name in ("period", "period_bare", "period_cpo"):
        ys = [t for t in toks if t.sym in "YD"]
        if len(ys) < 2:
            return None
        a = ys[0].val
        b = ys[1].val
        if ys[1].sym == "D":
            if len(ys[1].text) != 2:
                return None
            b = a // 100 * 100 + b
        if not a < b <= a + 100:
            return None
        return {"start": f"{a:04d}", "end": f"{b:04d}"}, attrs
    if name in ("year", "year_bare"):
        return f"{first('Y'):04d}", attrs
    if name == "rel_year":
        y = year()
        return (f"{y:04d}", attrs) if y is not None else None
    if name == "rel_day":
        if ref_day is None:
            return None
        off = toks[0].val
        attrs["relative"] = _rel_label(off, "d")
        return (ref_day + timedelta(days=off)).isoformat(), attrs
    if name == "m_noun":
        v = _md(first("M"))
        return (v, attrs) if v else None
    return None


def _name_glued(text: str, tok: _Tok, prev: _Tok | None) -> bool:
    """A year glued to a word by a hyphen is part of a name: ЭКСПО-2017, Қазақстан-2050."""
    if prev is None or prev.sym != "-" or prev.end != tok.start:
        return False
    i = prev.start - 1
    return i >= 0 and text[i].isalpha()


@lru_cache(maxsize=4096)
def _candidates(syms: str, loose: bool) -> tuple[tuple[int, int, int, str], ...]:
    """Pattern matches over a symbol string as (start, end, priority, name), longest and most
    specific first. They depend on the symbols alone, so they are cached: a document's string
    is matched once for the date and law stages, and short strings (headings, deadline cells)
    recur across documents."""
    cands: list[tuple[int, int, int, str]] = []
    for prio, (name, rx) in enumerate(_compiled(loose)):
        for m in rx.finditer(syms):
            cands.append((m.start(), m.end(), prio, name))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return tuple(cands)


def _unresolved(name: str, toks: list[_Tok]) -> dict[str, Any] | None:
    """The attributes of a relative date without a document date to resolve it against
    (``биыл``, ``в прошлом году``, ``бүгін`` in an undated text): which year or day it means,
    relative to the text's own time."""
    if name == "rel_year":
        for t in toks:
            if t.sym in "Tt":
                return {"relative": _rel_label(t.val, "y")}
    if name == "rel_day":
        return {"relative": _rel_label(toks[0].val, "d")}
    return None


def _find(text: str, ref: str | None = None, loose: bool = False, unresolved: bool = False) -> list[DateSpan]:
    toks, syms = _tokens(text)
    if not toks:
        return []
    cands = _candidates(syms, loose)
    taken = [False] * len(toks)
    ref_year, ref_day = _ref_date(ref)
    out: list[DateSpan] = []
    for a, b, _prio, name in cands:
        if any(taken[a:b]):
            continue
        first_tok = toks[a]
        if first_tok.sym == "Y" and _name_glued(text, first_tok, toks[a - 1] if a else None):
            continue
        if "r" in syms[max(0, a - 2):a]:
            continue                      # жыл сайын, 25 желтоқсан: recurring, not a date
        res = _value(name, toks[a:b], ref_year, ref_day, text)
        if res is None and unresolved and ref_year is None:
            rel = _unresolved(name, toks[a:b])
            res = (None, rel) if rel is not None else None
        if res is None:
            continue
        value, attrs = res
        for i in range(a, b):
            taken[i] = True
        s, e = toks[a].start, toks[b - 1].end
        if hedge_span(text, s, e):
            attrs["approx"] = True
        out.append(DateSpan(s, e, value, attrs))
    out.sort(key=lambda d: d.start)
    return out


def find_date_spans(text: str, ref: str | None = None) -> list[DateSpan]:
    """All date expressions with their values and attributes (relative, approx)."""
    return _find(text, ref)


def find_dates(text: str, ref: str | None = None) -> list[tuple[int, int, str | dict]]:
    """All date expressions of ``text`` as ``(start, end, value)``; ``value`` is an ISO string
    (``2013-06-19``, ``2013-08``, ``2013``, ``2016-Q1``, ``2019-H2``, ``--01-05``) or a period
    ``{"start": ..., "end": ...}``. Relative expressions resolve against ``ref``."""
    return [(d.start, d.end, d.value) for d in _find(text, ref)]


def parse_date(text: str, ref: str | None = None) -> str | dict | None:
    """One date expression (a deadline cell, a dateline) → its value, or None.

    Unlike :func:`find_dates`, a bare year or year range counts (``2013``, ``2014-2018``),
    since the caller knows the text is a date. A recurring expression (``жыл сайын``,
    ``ежегодно, 25 января``) returns None: it fixes no calendar date. When the text holds
    several dates, the first one is returned.
    """
    if not text or not text.strip():
        return None
    toks, syms = _tokens(text)
    if "r" in syms:
        return None
    found = _find(text, ref, loose=True)
    return found[0].value if found else None


def _normalized(value: str | dict[str, str] | None) -> str | None:
    if isinstance(value, dict):
        return f"{value['start']}/{value['end']}"
    return value


def run(ctx: Context) -> None:
    """Add a DATE entity for every date expression of the document."""
    text = ctx.text
    # relative dates of an undated text stay, unresolved (attrs.relative, no value)
    for d in _find(text, ctx.date, unresolved=True):
        attrs: dict[str, Any] = ({"start": d.value["start"], "end": d.value["end"]}
                                 if isinstance(d.value, dict) else {"value": d.value} if d.value is not None else {})
        attrs.update(d.attrs)
        ctx.add(Entity("DATE", d.start, d.end, text[d.start:d.end], _normalized(d.value), attrs))
