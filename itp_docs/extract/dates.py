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

Running text (news, transcripts) adds forms that decrees rarely use:

* spelled-out numbers: cardinals (``K``) ending in an ordinal (``O``) are one number, computed
  by :func:`numbers.parse_number` (``екі мың он жетінші жылы`` = 2017, ``он бірінші мамыр``,
  ``двадцать пятого декабря две тысячи девятнадцатого года``); a two-digit year with an
  ordinal ending is of the last century, 40–99 only (``91-інші жылы``, ``в сорок пятом году``);
* a Kazakh possessive day after a genitive month (``тамыздың 19-ы``, ``тамыздың он
  тоғызында``, ``қыркүйектің 25-і — 26-сына``);
* a month alone in a temporal case (``қыркүйекте``, ``в сентябре``) or governed by a time word
  (``қыркүйекке дейін``, ``наурыздан бастап``, ``до марта``) takes the document year
  (``attrs.year_inferred``), else stays ``--09``; names that are also common words (қазан,
  маусым) need a day or a year; so do a month range (``қаңтар – ақпандағы``) and a quarter or
  half (``бірінші тоқсанда``, ``в первом полугодии``: undated, ``relative`` this_year with
  ``in_year`` Q1); :func:`parse_date` leaves all of these out (a deadline cell needs its year);
* relative days, months, weeks, weekdays and seasons (``бүгінгі күні``, ``өткен айда``, ``на
  прошлой неделе``, ``өткен сенбіде``, ``осы көктемде``) resolve like relative years; without a
  document date they keep ``attrs.relative`` and no value, and a date inside a relative year
  keeps its part as ``attrs.in_year`` (``биылғы бірінші тоқсанда`` → ``Q1``);
* seasons, decades and centuries are periods (``2019 жылдың күзінде`` → 2019-09/2019-11, winter
  runs into the next year; ``тоқсаныншы жылдары`` → 1990/1999; ``ХХ ғасырда`` → 1901/2000), and
  so is ``27 наурыз бен 4 сәуір аралығында`` / ``с 27 марта по 4 апреля``;
* durations (``20 жыл``, ``үш ай``, ``бір айдай``) are not dates and are not matched.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from .. import lexicon
from .context import Context
from .model import Entity
from .numbers import hedge_span, parse_number, trie_regex

__all__ = ["parse_date", "find_dates", "find_date_spans", "DateSpan", "run"]

# Tokens: numbers with inner dots (18.12.2012), letter runs, line breaks, single punctuation.
_DOTDATE_RE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_ORD_SUFFIX = frozenset("ші шы нші ншы інші ыншы сыншы сінші ыншы м й го х ом е".split())
_KIND_SYM = {"year": "W", "years": "P", "quarter": "Q", "half": "H", "month_noun": "A",
             "rel_year": "T", "year_mod": "t", "rel_day": "d", "recurring": "r", "from": "c",
             "to": "o", "ordinal": "O", "century": "C", "and": "b", "between": "B", "day_noun": "y", "weekday": "e", "week_noun": "v", "season": "u"}
# date_words kinds read by the value checks, not symbols of their own
_CUE_KINDS = frozenset({"month_homonym", "month_after", "month_before"})
# Symbols of words that may start a date without any digit (the seeds of ``_windows``): relative
# words, month forms (қыркүйекте, тамыздың он тоғызы) and ordinal numerals (екі мың он
# жетінші жылы, сегізінші наурыз, девяностые годы).
_SEED_SYMS = "TtdrAMO"
# Kazakh possessive endings after a day number with a hyphen (тамыздың 19-ы, 25-і — 26-сына):
# 3rd person possessive (ы/і, сы/сі), then an optional case ending.
# (no accusative -н: үшін is the postposition "for")
_POSS_CASES_BACK = ("", "на", "нда", "нан", "ның", "ндағы")
_POSS_CASES_FRONT = ("", "не", "нде", "нен", "нің", "ндегі")
_POSS_SUFFIX = frozenset([p + c for p in ("ы", "сы") for c in _POSS_CASES_BACK]
                         + [p + c for p in ("і", "сі") for c in _POSS_CASES_FRONT])
_ABBR_YEAR = {"ж", "г"}          # take an optional dot: 2003 ж., 2019 г.
_ABBR_YEARS = {"жж", "гг"}


_BACK_VOWELS = set("аоұыяу")
_VOWELS = set("аоұыяуеәөүіиэю")


@lru_cache(maxsize=1)
def _kk_possessive_days() -> dict[str, int]:
    """Kazakh day numbers in the possessive that follow a month in the genitive (тамыздың он
    тоғызы, наурыздың жиырма бесі, қыркүйектің жиырма алтысына дейін): the 3rd person
    possessive (-ы/-і after a consonant, -сы/-сі after a vowel) and the case endings after it,
    derived by the rules of vowel harmony from the nominative cardinals of numerals.tsv up to 30."""
    bases: dict[int, str] = {}
    for row in lexicon.load("numerals"):
        if row["lang"] == "kk" and row["kind"] == "cardinal" and row["value"].isdigit():
            v = int(row["value"])
            if v <= 30 and (v < 10 or v % 10 == 0):
                bases.setdefault(v, row["word"].lower())     # the nominative comes first
    out: dict[str, int] = {}
    for v, base in bases.items():
        back = next((c in _BACK_VOWELS for c in reversed(base) if c in _VOWELS), True)
        poss = ("сы" if back else "сі") if base[-1] in _VOWELS else ("ы" if back else "і")
        for case in _POSS_CASES_BACK if back else _POSS_CASES_FRONT:
            out[base + poss + case] = v
    return out


@dataclass(frozen=True)
class _Words:
    table: dict[str, tuple[str, Any]]      # lowercase word → (symbol, value)
    roman: dict[str, int]                  # case-sensitive Roman numerals


@lru_cache(maxsize=1)
def _words() -> _Words:
    table: dict[str, tuple[str, Any]] = {}
    for row in lexicon.load("numerals"):
        kind, word = row["kind"], row["word"].lower()
        if not row["value"] or " " in word or "." in word or "-" in word:
            continue
        if kind == "ordinal":
            table.setdefault(word, ("O", int(row["value"])))
        elif kind in ("cardinal", "multiplier") and row["lang"] in ("kk", "ru"):
            # a spelled-out number before an ordinal: екі мың он [жетінші], две тысячи [семнадцатом]
            table.setdefault(word, ("K", int(Fraction(row["value"]))))
    for word, v in _kk_possessive_days().items():
        table.setdefault(word, ("k", v))
    roman: dict[str, int] = {}
    for row in lexicon.load("date_words"):
        kind, form = row["kind"], row["form"]
        if kind == "roman":
            roman[form] = int(row["value"])
            continue
        if kind in _CUE_KINDS:
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
        if tok.lower() in _POSS_SUFFIX:
            return "s", None
        return "x", None
    return _PUNCT_SYM.get(tok, "x"), None


# --- patterns over the symbol string -------------------------------------------------------
_WY = r"(?:W|w\.?)"                   # a singular "year" word (or ж./г.)
_PY = r"(?:P|p\.?)"                   # a plural one
_QN = r"(?:R|O|D(?:-S)?)"             # a quarter/half number: IV, бірінші, 1, 1-ші
_SO = r"(?:[KQ]*O)"                   # a spelled-out ordinal: екі мың он жетінші, двадцать пятого
_DD = rf"(?:qDq|D(?:-S)?|{_SO})"      # a day: «12» as official documents quote it, 29-ыншы, сегізінші
_YR = rf"(?:(?:Y(?:-S)?|{_SO}){_WY}|T{_WY}?|t{_WY})"   # a year before the rest (Kazakh order)
_YS = rf"(?:Y(?:-S)?{_WY}?|{_SO}{_WY}|t{_WY})"         # a year after the rest (Russian order)
_DP = r"(?:D-s|K*k)"                  # a possessive day after a genitive month: 19-ы, он тоғызы

_DMX = rf"(?:{_DD}M|M{_DP})"          # a day and month in either Kazakh order

_PATTERNS: list[tuple[str, str]] = [
    ("between", rf"(?:{_YR})?{_DMX}b{_DMX}y?B"),    # 27 наурыз бен 4 сәуір аралығында
    ("between_years", rf"(?:Y|K+)b(?:Y|{_SO})(?:-S)?{_PY}B"),   # 2005 бен 2018 жылдар аралығында
    ("period_cpo_days", rf"c{_DD}M,?(?:{_YS})?o{_DD}M,?(?:{_YS})?"),   # с 27 марта по 4 апреля 2020 года
    ("gen_drange", rf"(?:{_YR})?M{_DP}-{_DP}"),     # қыркүйектің 25-і — 26-сына
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
    ("gen_dm", rf"(?:{_YR})?M{_DP}"),               # 2019 жылғы тамыздың 19-ы, наурыздың жиырма бесі
    ("season_kk", rf"{_YR}u"),                       # 2019 жылдың күзінде, биылғы көктемде
    ("season_ru", rf"u,?{_YS}"),                     # осенью 2019 года, летом прошлого года
    ("period", rf"(?:Y|K+)-(?:[YD]|{_SO})(?:-S)?{_PY}"),
    ("period_named", rf"Y-[YD]x{_WY}"),           # 2019-2020 оқу жылы, 2019-2020 учебном году
    ("period_cpo", rf"cY{_WY}?o(?:Y{_WY}|Y{_PY}|Y)"),
    ("decade", rf"(?:[YND]|{_SO})(?:-S)?-?{_PY}"),  # 1990 жылдары, 90-ыншы жылдар, девяностые годы
    ("century", rf"(?:R|[DN]-S|{_SO})(?:[-,](?:R|[DN]-S|{_SO}))?C"),   # ХХ ғасырда, в XIX–XX веках
    ("year", rf"(?:Y(?:-S)?|N-S|{_SO}){_WY}"),      # (N-S, and spelled 40–99: 91-інші жылы = 1991)
    ("rel_year", rf"T{_WY}?|t{_WY}"),
    ("rel_season", r"tu"),                           # осы күзде, прошлой зимой
    ("rel_month", r"tA"),                            # осы айда, в прошлом месяце
    ("rel_week", r"tv"),                             # өткен аптада, на этой неделе
    ("rel_weekday", r"te"),                          # өткен сенбіде, в прошлую субботу
    ("rel_day", r"dy?"),                             # бүгін, бүгінгі күні, на сегодняшний день
    ("dm", rf"{_DD}M"),
    ("m_noun", r"MA"),
]
# Running text only: a month alone (қыркүйекте, в сентябре) takes the document's year, which a
# deadline cell of a multi-year plan does not mean, so parse_date leaves it out.
_RUNNING = [("mrange_bare", r"M-M"), ("month", r"M"),     # қаңтар – ақпандағы, январь–февраль
            ("q_bare", r"(?:R|O|D-S?|D-?S)-?Q"),              # бірінші тоқсанда, во II квартале
            ("h_bare", r"(?:R|O|D-S?|D-?S)-?H"),              # в первом полугодии
            ("decade_short", r"[YND]-S")]                     # в 90-х, в 1990-е
# Looser patterns for parse_date, whose input is known to be a date (a deadline cell).
_LOOSE = [("period_bare", r"Y-[YD]"), ("year_bare", r"Y")]


@lru_cache(maxsize=2)
def _compiled(loose: bool) -> list[tuple[str, re.Pattern[str]]]:
    pats = _PATTERNS + (_LOOSE if loose else _RUNNING)
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
    free = [k for k, (sym, _v) in w.table.items() if sym in _SEED_SYMS]
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


@lru_cache(maxsize=1)
def _cardinal_words() -> dict[int, str]:
    """value → one cardinal (or multiplier) word of numerals.tsv, to read an ordinal as the last
    word of a spelled-out number: екі мың он [жетінші] = екі мың он жеті."""
    out: dict[int, str] = {}
    for row in lexicon.load("numerals"):
        if row["kind"] in ("cardinal", "multiplier") and row["value"].isdigit() and " " not in row["word"]:
            out.setdefault(int(row["value"]), row["word"].lower())
    return out


def _spelled(run: list[_Tok]) -> int | None:
    """The value of a spelled-out number: cardinals (K, and тоқсан read as Q) ending in an
    ordinal (O) or a possessive day word (k), or cardinals alone. numbers.parse_number does
    the arithmetic, so the composition rules are those of amounts."""
    last = run[-1]
    if last.sym in "Ok":
        if len(run) == 1:
            return last.val
        word = _cardinal_words().get(last.val)
        if word is None:
            return None
        words = [t.text for t in run[:-1]] + [word]
    else:
        words = [t.text for t in run]
    v = parse_number(" ".join(words))
    return int(v) if v is not None and v == int(v) and v > 0 else None


def _fold(toks: list[_Tok]) -> list[_Tok]:
    """Spelled-out numbers merged into one token each, with the symbol a digit number of that
    value would have: Y (1900–2100), D (1–31) or N."""
    if not any(t.sym in "KOk" for t in toks):
        return toks
    out: list[_Tok] = []
    i, n = 0, len(toks)
    while i < n:
        t = toks[i]
        if t.sym not in "KQOk":
            out.append(t)
            i += 1
            continue
        j = i
        while j < n and toks[j].sym in "KQ":
            j += 1
        end = j + 1 if j < n and toks[j].sym in "Ok" else j
        run = list(toks[i:end])
        if end == j:
            while run and run[-1].sym == "Q":      # a quarter word after cardinals stays one
                run.pop()
        if not run or all(r.sym == "Q" for r in run):
            out.append(t)
            i += 1
            continue
        v = _spelled(run)
        sym = "N" if v is None else "Y" if 1900 <= v <= 2100 else "D" if 1 <= v <= 31 else "N"
        out.append(_Tok(" ".join(r.text for r in run), run[0].start, run[-1].end, sym, v))
        i += len(run)
    return out


@lru_cache(maxsize=1)
def _month_cues() -> tuple[frozenset[str], frozenset[str]]:
    """(month names that are also common nouns, Russian prepositional month forms).

    A month alone is a date only in a temporal case (қыркүйекте, қарашадағы, в сентябре) and
    only when its name is not also an ordinary word (қазан "cauldron", маусым "season"): those
    need a day or a year."""
    homonyms = frozenset(r["form"].lower() for r in lexicon.load("date_words") if r["kind"] == "month_homonym")
    forms = {r["lang"]: set() for r in lexicon.load("months")}
    for r in lexicon.load("months"):
        forms[r["lang"]].update(f.lower() for f in r["forms"] if f != r["name"] and not f.endswith("."))
    temporal = frozenset(f.lower() for r in lexicon.load("months") for f in r["forms"]
                         if f != r["name"] and ((r["lang"] == "ru" and f.endswith("е"))
                                                or (r["lang"] == "kk" and f.endswith(_KK_LOCATIVE))))
    cues = {k: frozenset(r["form"].lower() for r in lexicon.load("date_words") if r["kind"] in kinds)
            for k, kinds in (("month_after", ("month_after", "between")), ("month_before", ("month_before", "from")))}
    # (homonyms, temporal forms, Kazakh inflected forms + the words after them, Russian
    # inflected forms + the words before them)
    return (homonyms, temporal, (frozenset(forms.get("kk", ())), cues["month_after"]),
            (frozenset(forms.get("ru", ())), cues["month_before"]))


_BOTH_RE = re.compile(r"\s+(?:да|де|та|те)(?![^\W\d_])", re.IGNORECASE)
_KK_GENITIVE = ("ның", "нің", "дың", "дің", "тың", "тің")
_KK_LOCATIVE = ("да", "де", "та", "те", "дағы", "дегі", "тағы", "тегі")


_COORD_YEAR_RE = re.compile(r"\d{4}(?:[^\S\n]*[^\W\d_]+\.?)?[^\S\n]*(?:,|және|мен|бен|пен|немесе|и|или)[^\S\n]*$",
                            re.IGNORECASE)
_NEXT_WORD_RE = re.compile(r"\s+([^\W\d_]+)")
_PREV_WORD_RE = re.compile(r"([^\W\d_]+)\s+$")


_PREV_TOKEN_RE = re.compile(r"(\w+)[\s«»\"-]*$")


def _after_number(tok: _Tok, text: str) -> bool:
    """Whether a number stands right before the token (25 желтоқсанға, 5-і, жиырма бесінші
    қазан): the month is then part of a longer expression that was rejected (жыл сайын, 25
    желтоқсанға дейін is recurring) and is not a month alone."""
    m = _PREV_TOKEN_RE.search(text, max(0, tok.start - 30), tok.start)
    return bool(m) and _classify(m.group(1))[0] in "DNYOKS"


def _month_in_phrase(tok: _Tok, text: str) -> bool:
    """A month alone in a case that a time word governs: Kazakh қыркүйекке дейін,
    наурыздан бастап, мамырдың басында (month_after words); Russian с января, до марта, в
    начале сентября (month_before words)."""
    if not text or _month_homonym(tok) or tok.text.isupper():
        return False
    low = tok.text.lower()
    _h, _t, (kk_forms, after), (ru_forms, before) = _month_cues()
    if low in kk_forms:
        m = _NEXT_WORD_RE.match(text, tok.end)
        return bool(m) and m.group(1).lower() in after
    if low in ru_forms:
        m = _PREV_WORD_RE.search(text, max(0, tok.start - 40), tok.start)
        return bool(m) and m.group(1).lower() in before
    return False


def _month_homonym(tok: _Tok, possessive: bool = False) -> bool:
    """A month form whose stem is also a common word (қазанда, маусымға); with ``possessive``
    only its possessive forms (маусымы, маусымында "its season"), which after a spelled-out
    ordinal are the common word: екінші маусымында "in its second season", but тоғызыншы
    маусымға "by the ninth of June"."""
    low = tok.text.lower()
    return any(low.startswith(h + ("ы" if possessive else "")) for h in _month_cues()[0])


def _month_alone(tok: _Tok) -> bool:
    """A month without day or year that still names a time: a Kazakh locative (қыркүйекте,
    қарашада, желтоқсандағы) or a Russian prepositional (в сентябре)."""
    if _month_homonym(tok) or tok.text.isupper():
        return False
    return tok.text.lower() in _month_cues()[1]


_SEASON_MONTHS = {1: ("spring", 3, 5), 2: ("summer", 6, 8), 3: ("autumn", 9, 11), 4: ("winter", 12, 2)}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_OFFSET_WORD = {-1: "last", 0: "this", 1: "next"}


def _season(y: int, n: int, attrs: dict[str, Any]) -> dict[str, str]:
    """A season of year ``y`` as a period of months; winter runs from December into the next year."""
    label, a, b = _SEASON_MONTHS[n]
    attrs["season"] = label
    return {"start": f"{y:04d}-{a:02d}", "end": f"{y + (1 if b < a else 0):04d}-{b:02d}"}


def _rel_label2(offset: int, unit: str) -> str:
    word = _OFFSET_WORD.get(offset)
    return f"{word}_{unit}" if word else f"{offset:+d}_{unit}"


def _two_digit_year(tok: _Tok) -> int | None:
    """A year of the last century said with two digits and an ordinal ending (91-інші жылы,
    тоқсан бірінші жылы = 1991). Only 40–99: smaller ordinals are counts (үшінші жылы "in its
    third year") or, said of this century, ambiguous."""
    if tok.sym != "N" or tok.val is None or not 40 <= tok.val <= 99:
        return None
    return 1900 + tok.val if len(tok.text) == 2 or not tok.text[0].isdigit() else None


def _value(name: str, toks: list[_Tok], ref_year: int | None, ref_day: date | None, text: str = ""
           ) -> tuple[str | dict[str, str], dict[str, Any]] | None:
    """The value of one matched pattern, or None when it does not make a valid date."""
    attrs: dict[str, Any] = {}
    raw = toks
    toks = _fold(toks)
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

    new = _value_new(name, toks, raw, ref_year, ref_day, attrs, year, first, text)
    if new is not None:
        return new if new[0] is not None else None
    if name in ("full_kk", "full_ru", "dm"):
        m, d = first("M"), first("D")
        if d is None:
            return None                   # a spelled-out number that is not a day
        if name == "dm":
            if any(t.sym in "KO" for t in raw) and _month_homonym(toks[-1], possessive=True):
                return None               # екінші маусымы "its second season", not 2 June
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
        y = first("Y")
        if y is None and name == "year":
            y = _two_digit_year(toks[0])
        return (f"{y:04d}", attrs) if y is not None else None
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


def _value_new(name: str, toks: list[_Tok], raw: list[_Tok], ref_year: int | None, ref_day: date | None,
               attrs: dict[str, Any], year: Any, first: Any, text: str = "") -> tuple[Any, dict[str, Any]] | None:
    """The values of the patterns added for running text (possessive days after a genitive
    month, seasons, decades, relative months, weeks and weekdays, a month alone). Returns None
    for a pattern it does not handle and ``(None, attrs)`` for one it rejects."""
    reject = (None, attrs)
    if name in ("gen_dm", "gen_drange"):
        mtok = next(t for t in toks if t.sym == "M")
        if not mtok.text.lower().endswith(_KK_GENITIVE):
            return reject
        days = [t.val for t in toks if t.sym == "D"]
        if len(days) != (2 if name == "gen_drange" else 1):
            return reject
        if raw[-1].sym == "k" and _BOTH_RE.match(text, raw[-1].end):
            return reject                 # қаңтар мен ақпанның екісі де "both January and February"
        has_year = any(t.sym in "YTt" for t in toks)
        y = year() if has_year else None
        if has_year and y is None:
            return reject
        one = (lambda d: _ymd(y, mtok.val, d)) if y is not None else (lambda d: _md(mtok.val, d))
        if name == "gen_dm":
            v = one(days[0])
            return (v, attrs) if v else reject
        if days[0] >= days[1]:
            return reject
        a, b = one(days[0]), one(days[1])
        return ({"start": a, "end": b}, attrs) if a and b else reject
    if name in ("between", "period_cpo_days"):
        cut = next(i for i, t in enumerate(toks) if t.sym in ("b" if name == "between" else "o"))
        halves = [toks[:cut], toks[cut + 1:]]
        if name == "between":
            halves[0] = [t for t in halves[0] if t.sym not in "YTtWw"]
        ys = [y for h in halves for y in [next((t.val for t in h if t.sym == "Y"), None)]]
        y = year() if any(t.sym in "YTt" for t in toks) else None
        if any(t.sym in "YTt" for t in toks) and y is None:
            return reject
        ends = []
        for h, hy in zip(halves, ys):
            m = next((t.val for t in h if t.sym == "M"), None)
            d = next((t.val for t in h if t.sym == "D"), None)
            if m is None or d is None:
                return reject
            yy = hy if hy is not None else ys[1] if ys[1] is not None else y
            ends.append(_ymd(yy, m, d) if yy is not None else _md(m, d))
        if not all(ends) or ends[0] >= ends[1]:
            return reject
        return {"start": ends[0], "end": ends[1]}, attrs
    if name == "between_years":
        ys = [t.val for t in toks if t.sym == "Y"]
        if len(ys) != 2 or not ys[0] < ys[1] <= ys[0] + 100:
            return reject
        return {"start": f"{ys[0]:04d}", "end": f"{ys[1]:04d}"}, attrs
    if name in ("season_kk", "season_ru", "rel_season"):
        if name == "rel_season":
            t = toks[0]
            if ref_year is None:
                return reject
            attrs["relative"] = _rel_label(t.val, "y")
            y = ref_year + t.val
        else:
            y = year()
            if y is None:
                return reject
        if "relative" in attrs and first("u") == 4 and ref_day is not None and ref_day.month <= 2:
            y -= 1                        # this winter, said in January, began last December
        return _season(y, first("u"), attrs), attrs
    if name == "century":
        ns = [t.val for t in toks if t.sym in "RDO" or (t.sym in "NY" and t is toks[0])]
        if not ns or any(n is None or not 1 <= n <= 21 for n in ns):
            return reject
        a, b = ns[0], ns[-1]
        if not a <= b <= a + 3:
            return reject
        attrs["century"] = a
        if b != a:
            attrs["century_end"] = b
        return {"start": f"{(a - 1) * 100 + 1:04d}", "end": f"{b * 100:04d}"}, attrs
    if name == "decade_short":
        # Russian 90-х / 1990-е without годы; not a count (2-х) nor в 20-х числах (of a month)
        nxt = _NEXT_WORD_RE.match(text, toks[-1].end) if text else None
        if toks[-1].text.lower() not in ("х", "е") or (nxt and nxt.group(1).lower().startswith("числ")):
            return reject
    if name in ("decade", "decade_short"):
        t = toks[0]
        if t.val is None:
            return reject
        if t.sym == "Y":
            if _COORD_YEAR_RE.search(text, max(0, t.start - 40), t.start):
                return f"{t.val:04d}", attrs   # 2010 және 2020 жылдары: two years, not the 2020s
            a = t.val
        elif 20 <= t.val <= 90 and (raw[0].sym in "KQO" or any(r.sym == "-" for r in raw)):
            # 90-ыншы жылдар, 90-е годы, тоқсаныншы жылдар: the 1990s (a bare "90 жылдар" is not)
            a = 1900 + t.val
        else:
            return reject
        if a % 10:
            return reject
        attrs["decade"] = True
        return {"start": f"{a:04d}", "end": f"{a + 9:04d}"}, attrs
    if name in ("rel_month", "rel_week", "rel_weekday"):
        off = toks[0].val
        if ref_day is None:
            return reject
        if name == "rel_month":
            attrs["relative"] = _rel_label2(off, "month")
            k = ref_day.year * 12 + ref_day.month - 1 + off
            return f"{k // 12:04d}-{k % 12 + 1:02d}", attrs
        monday = ref_day - timedelta(days=ref_day.weekday())
        if name == "rel_week":
            attrs["relative"] = _rel_label2(off, "week")
            a = monday + timedelta(days=7 * off)
            return {"start": a.isoformat(), "end": (a + timedelta(days=6)).isoformat()}, attrs
        wd = toks[1].val                       # ISO: 1 = Monday
        attrs["relative"] = _rel_label2(off, _WEEKDAYS[wd - 1])
        if off < 0:
            d = ref_day - timedelta(days=(ref_day.isoweekday() - wd) % 7 or 7)
        elif off > 0:
            d = ref_day + timedelta(days=(wd - ref_day.isoweekday()) % 7 or 7)
        else:
            d = monday + timedelta(days=wd - 1)
        return d.isoformat(), attrs
    if name in ("q_bare", "h_bare"):
        # a quarter or half without a year is the document's year (year_inferred); undated, it is
        # this year's (relative this_year, in_year Q1) — see _unresolved
        n = toks[0].val
        top = 4 if name == "q_bare" else 2
        word = toks[-1].text.lower()
        if n is None or not 1 <= n <= top or (name == "h_bare" and word.startswith(("половин", "жарты"))
                                                and not word.startswith("жартыжылд")):
            return reject                 # первой половине дня, жартысы: a half of something else
        part = f"{'Q' if name == 'q_bare' else 'H'}{n}"
        if ref_year is None:
            attrs["relative"] = "this_year"
            attrs["in_year"] = part
            return reject
        attrs["year_inferred"] = True
        return f"{ref_year:04d}-{part}", attrs
    if name == "mrange_bare":
        # two month names confirm each other (қазан – қараша); like a month alone, the range
        # takes the document year
        a, b = toks[0].val, toks[2].val
        if a >= b or _after_number(toks[0], text):
            return reject
        if ref_year is not None:
            attrs["year_inferred"] = True
            return {"start": _ymd(ref_year, a), "end": _ymd(ref_year, b)}, attrs
        return {"start": _md(a), "end": _md(b)}, attrs
    if name == "month":
        # a month alone is in the document's year (year_inferred); undated, it stays --MM
        if not (_month_alone(toks[0]) or _month_in_phrase(toks[0], text)) or _after_number(toks[0], text):
            return reject
        if ref_year is not None:
            attrs["year_inferred"] = True
            return _ymd(ref_year, toks[0].val), attrs
        v = _md(toks[0].val)
        return (v, attrs) if v else reject
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
    if name in ("rel_month", "rel_week"):
        return {"relative": _rel_label2(toks[0].val, "month" if name == "rel_month" else "week")}
    if name == "rel_weekday":
        return {"relative": _rel_label2(toks[0].val, _WEEKDAYS[toks[1].val - 1])}
    if name == "rel_season":
        return {"relative": _rel_label(toks[0].val, "y"), "season": _SEASON_MONTHS[toks[1].val][0]}
    if name in ("q_bare", "h_bare"):
        attrs: dict[str, Any] = {}
        _value_new(name, _fold(toks), toks, None, None, attrs, None, None)
        return attrs or None
    if any(t.sym in "Tt" for t in toks) and not any(t.sym == "Y" for t in toks):
        # a date inside a relative year (биылғы 1-інші тоқсанда, өткен жылдың шілде айында,
        # биылғы жылдың тоғызыншы маусымына): the relative year, and the rest as "in_year"
        off = next(t.val for t in toks if t.sym in "Tt")
        res = _value(name, toks, _LEAP - off, None)
        if res is None or "relative" not in res[1]:
            return None
        value, attrs = res
        if isinstance(value, str) and value.startswith(f"{_LEAP}-"):
            rest = value[5:]
            attrs["in_year"] = rest if rest[0] in "QH" else f"--{rest}"
        return attrs
    return None


_LEAP = 2000      # a leap year stands in for an unknown relative year (29 ақпан stays valid)


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
