"""MONEY: amounts with a currency, in digits or words, with hedges and ranges.

An amount is a number phrase (:mod:`itp_docs.extract.numbers`) followed by a currency word in
any case form (``теңгенің``, ``тенге``, ``долларов США``, ``АҚШ долларына``), or next to a
currency sign (``$12 млн``, ``5000 ₸``). Currency forms and signs come from
``lexicons/currencies.tsv``; hedges (``шамамен``, ``порядка``, ``свыше``; Kazakh also after
the amount: ``теңгеден астам``) from the ``approx`` rows of ``lexicons/numerals.tsv``.

An amount whose currency is left out because the sentence before named it (``214 млрд тенге.
В прошлом году было 178 млрд.``) takes that currency (``currency_inferred``) when it ends its
clause, has a multiplier of a million or more, and follows the other amount in the same
paragraph.

A range (``2-3 млрд теңге``, ``от 2 до 3 млрд тенге``, ``он-он бес мың теңге``) yields one
entity per bound, ``range`` = ``min``/``max``; a bound without its own multiplier borrows the
other's (2 → 2 млрд), since that is how both languages shorten ranges.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .context import Context
from .model import Entity
from .numbers import NumberPhrase, currency_table, find_numbers, hedge_span
from .scan import first_char_set

__all__ = ["find_money", "run", "readable"]

_GAP_RE = re.compile(r"[ \u00a0]{0,2}")
_PAREN_RE = re.compile(r"[ \u00a0]?\([^()\n]{1,80}\)[ \u00a0]?")    # 5 000 000 (бес миллион) теңге
_DASH_GAP = re.compile(r"\s?[-–—]\s?")
_DO_GAP = re.compile(r"\s+до\s+", re.IGNORECASE)
_OT_BEFORE = re.compile(r"(?:^|\s)от\s+$", re.IGNORECASE)

_ISO_BEFORE = re.compile(r"(?<![\w])([A-Z]{3})$")

_SCALES_KK = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "мың"))
_SCALES_RU = ((1e12, "трлн"), (1e9, "млрд"), (1e6, "млн"), (1e3, "тыс."))


def readable(amount: float, currency: str, lang: str) -> str:
    """``95 млрд теңге``, ``21,4 млн тенге``, ``12 млн USD``: the form a reader expects."""
    scales = _SCALES_KK if lang == "kk" else _SCALES_RU
    num, word = amount, ""
    for k, w in scales:
        q = amount / k
        if q >= 1 and abs(round(q, 3) - q) < 1e-9 * q:
            num, word = q, w
            break
    s = f"{num:,.3f}".rstrip("0").rstrip(".").replace(",", " ").replace(".", ",")
    cur = {"KZT": "теңге" if lang == "kk" else "тенге"}.get(currency, currency)
    return " ".join(x for x in (s, word, cur) if x)


@lru_cache(maxsize=1)
def _currency_starts() -> frozenset[str] | None:
    """The characters a currency word or sign can start with (scan.first_char_set: every case
    variant the patterns accept), or None if unknown."""
    _table, word_re, sign_re = currency_table()
    a, b = first_char_set(word_re), first_char_set(sign_re)
    return None if a is None or b is None else a | b


def _currency_after(text: str, end: int) -> tuple[int, str] | None:
    """(end of the currency, ISO code) when a currency follows the number at ``end``.

    Most numbers are followed by neither a currency nor a bracket: the character where one
    would start is looked at first, and the patterns are tried only when it can start one
    (the same answers; characters beyond the Basic Multilingual Plane always try)."""
    table, word_re, sign_re = currency_table()
    starts = _currency_starts()
    for gap in (_GAP_RE, _PAREN_RE):
        if gap is _PAREN_RE:
            c = text[end:end + 1]
            if c != "(" and not (c in (" ", "\u00a0") and text[end + 1:end + 2] == "("):
                continue                              # (_PAREN_RE cannot match)
        g = gap.match(text, end)
        if not g:
            continue
        pos = g.end()
        if starts is not None:
            c = text[pos:pos + 1]
            if not c or (c not in starts and c <= "\uffff"):
                continue
        m = word_re.match(text, pos)
        if m:
            return m.end(), table[m.group().lower()]
        m = sign_re.match(text, pos)
        if m:
            return m.end(), table[m.group()]
    return None


@lru_cache(maxsize=1)
def _sign_ends() -> frozenset[str]:
    """Last characters of the signs :func:`_currency_before` can find (table forms of one to
    three characters, not starting with a letter, that the sign pattern matches whole)."""
    table, _word_re, sign_re = currency_table()
    return frozenset(k[-1] for k in table if 1 <= len(k) <= 3 and not k[0].isalpha() and sign_re.fullmatch(k))


def _currency_before(text: str, start: int) -> tuple[int, str] | None:
    """(start of the sign or code, ISO code) for ``$12 млн``, ``₸ 5000``, ``USD 100``."""
    table, _word_re, sign_re = currency_table()
    head = text[max(0, start - 6):start]
    stripped = head.rstrip(" \u00a0")
    last = stripped[-1:]
    if not last or (last not in _sign_ends() and not last.isupper()):
        return None         # (most numbers: neither a sign nor a code can end right here)
    base = start - len(head)
    for k in (3, 2, 1):
        cand = stripped[-k:]
        if len(cand) == k and cand in table and not cand[0].isalpha() and sign_re.fullmatch(cand):
            return base + len(stripped) - k, table[cand]
    m = _ISO_BEFORE.search(stripped, max(0, len(stripped) - 4)) if stripped[-1:].isupper() else None
    if m and m.group(1).lower() in table and len(head) - len(stripped) <= 1:
        return base + m.start(1), table[m.group(1).lower()]
    return None


def find_money(text: str) -> list[tuple[int, int, float, str, dict[str, Any]]]:
    """Every amount of money: ``(start, end, amount, ISO code, attrs)``."""
    nums = find_numbers(text)
    out: list[tuple[int, int, float, str, dict[str, Any]]] = []
    used: set[int] = set()
    for i, n in enumerate(nums):
        if i in used:
            continue
        after = _currency_after(text, n.end)
        if after is not None:
            s, e, code = n.start, after[0], after[1]
        else:
            before = _currency_before(text, n.start)
            if before is None:
                continue
            s, e, code = before[0], n.end, before[1]
        attrs: dict[str, Any] = {}
        lo = _range_partner(text, nums, i, used)
        if lo is not None:
            p = nums[lo]
            pv = p.value if p.has_multiplier else p.value * n.scale
            if pv < n.value:
                used.add(lo)
                pattrs: dict[str, Any] = {"range": "min"}
                ps, pe = p.start, p.end
                h = hedge_span(text, ps, pe)
                if h:
                    ps, pattrs["approx"] = h[0], True
                out.append((ps, pe, pv, code, pattrs))
                attrs["range"] = "max"
                h = hedge_span(text, s, e)
                if h and h[1] > e:
                    e, attrs["approx"] = h[1], True
        else:
            h = hedge_span(text, s, e)
            if h:
                s, e = h
                attrs["approx"] = True
        out.append((s, e, n.value, code, attrs))
        used.add(i)
    _elliptic(text, nums, used, out)
    out.sort(key=lambda x: x[0])
    return out


_CLAUSE_END = re.compile(r"[ \u00a0]*(?:[.;,)!?\n–—]|$)")
_SENTENCE_NEXT = re.compile(r"[ \u00a0]*(?:[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\n]|$)")


def _elliptic(text: str, nums: list[NumberPhrase], used: set[int],
              out: list[tuple[int, int, float, str, dict[str, Any]]]) -> None:
    """Amounts whose currency the previous amount of the paragraph supplies."""
    if not out:
        return
    found = sorted(out, key=lambda x: x[1])
    for i, n in enumerate(nums):
        if i in used or n.scale < 1e6:
            continue
        ends = _CLAUSE_END.match(text, n.end) or (n.text.endswith(".") and _SENTENCE_NEXT.match(text, n.end))
        if not ends:
            continue
        prev = [m for m in found if m[1] <= n.start and n.start - m[1] <= 250
                and "\n" not in text[m[1]:n.start]]
        if not prev:
            continue
        out.append((n.start, n.end, n.value, prev[-1][3], {"currency_inferred": True}))


def _range_partner(text: str, nums: list[NumberPhrase], i: int, used: set[int]) -> int | None:
    """Index of the lower bound of a range ending in ``nums[i]``, if there is one."""
    if i == 0 or (i - 1) in used:
        return None
    p, n = nums[i - 1], nums[i]
    gap = text[p.end:n.start]
    if _DASH_GAP.fullmatch(gap):
        return i - 1
    if _DO_GAP.fullmatch(gap) and _OT_BEFORE.search(text, max(0, p.start - 5), p.start):
        return i - 1
    return None


def run(ctx: Context) -> None:
    """Add a MONEY entity for every amount (each bound of a range separately)."""
    text = ctx.text
    for s, e, amount, code, attrs in find_money(text):
        a = {"amount": amount, "currency": code}
        a.update(attrs)
        ctx.add(Entity("MONEY", s, e, text[s:e], readable(amount, code, ctx.lang_at(s)), a))
