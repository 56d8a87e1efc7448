"""Numbers as Kazakh and Russian documents write them, for money, percentages and dates.

Amounts arrive in three shapes that often mix in one phrase: digits with local separators
(``1 850,0``, ``1.200.000``, ``3,8``), a multiplier word or abbreviation (``млрд.``, ``тыс.``,
``миллионов``, ``мыңнан``), and written-out numerals (``бір миллиард``, ``екі жүз елу``,
``одного триллиона``, ``полтора``, ``үш жарым``, and decimals read aloud: ``он төрт бүтін оннан
сегіз`` = 14.8, ``три целых пять десятых`` = 3.5). Every word comes from ``lexicons/numerals.tsv``
(cardinals, multipliers, fractions and approximation words with their case forms) and
``lexicons/amount_cues.tsv`` (zero, decimal points, "one million" vs "millions of"), so a missing
form is a data fix, not a code change.

Separator rules (Cyrillic documents): a comma is a decimal mark unless it repeats
(``1,200,000``); a single dot followed by exactly three digits is a thousands separator unless
a multiplier follows (``5.000 теңге`` = 5000 but ``3.800 млрд`` = 3.8e9, since nobody scales an
already-grouped number); spaces group thousands only in runs of exactly three digits.

The scanner works over whole texts with precompiled regular expressions (word alternations are
compiled as tries, so a few hundred numeral forms cost no more than a handful), and the value
of every phrase is computed from at most a dozen tokens.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import Iterable

from .. import lexicon

__all__ = [
    "NumberPhrase", "parse_number", "parse_amount", "find_numbers", "trie_regex", "currency_table",
    "approx_words", "hedge_span", "DIGITS",
]

# A digit number: space-grouped thousands (1 850,0), dot- or comma-grouped thousands in two or
# more groups (1.200.000), or plain digits with one decimal separator (3,8  2.5  2015).
DIGITS = (r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d])"
          r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?![\d.])"
          r"|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?![\d,])"
          r"|\d+(?:[.,]\d+)?")


def trie_regex(words: Iterable[str]) -> str:
    """One regex alternation for many literal words, factored as a trie.

    Python's ``re`` tries alternatives one by one; a trie-shaped pattern lets it reject a
    position after one character instead of after every word, which is what keeps scanning a
    whole text against hundreds of word forms cheap. Longer words win over their prefixes.
    """
    trie: dict = {}
    for w in set(words):
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class _Word:
    value: float
    kind: str          # cardinal | multiplier | ordinal | fraction | approx


@dataclass(frozen=True)
class _Tables:
    words: dict[str, _Word]          # lowercased form → meaning (single words and dotted abbrs)
    approx: tuple[str, ...]          # approximation phrases (may be several words)
    number_re: re.Pattern[str]       # one number phrase
    token_re: re.Pattern[str]        # the tokens inside a phrase
    point: frozenset[str]            # бүтін, целых: a written decimal point
    units: dict[str, float]          # оннан, десятых: the denominator of a written fraction


def _value(cell: str) -> float:
    """"1/4" and "0.5" alike (fractions.Fraction reads both)."""
    return float(Fraction(cell.strip()))


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    lex = lexicon.load("numerals")
    words: dict[str, _Word] = {}
    approx: list[str] = []
    for row in lex:
        form = row["word"].strip().lower()
        kind = row["kind"]
        if kind == "approx":
            approx.append(form)
            continue
        if kind == "ordinal" or " " in form:
            continue
        if not row["value"].strip():
            continue
        words.setdefault(form, _Word(_value(row["value"]), kind))
    point: set[str] = set()
    units: dict[str, float] = {}
    for row in lexicon.load("amount_cues"):
        form, cue = row["form"].lower(), row["cue"]
        if cue == "zero":
            words.setdefault(form, _Word(0.0, "cardinal"))
        elif cue == "point":
            point.add(form)
        elif cue == "fraction_unit":
            units[form] = float(row["value"])
    numeric = [w for w, m in words.items() if m.kind in ("cardinal", "multiplier", "fraction")]
    numeric += list(point) + list(units)
    word_alt = trie_regex(numeric)
    # A number word must end at a word boundary; forms ending in a dot (млрд.) end by themselves.
    word_pat = rf"(?:{word_alt})(?:(?<=\.)|(?!\w))"
    token = rf"(?:{DIGITS})|{word_pat}"
    # Tokens are separated by spaces only; a hyphen or dash between numbers is a range, which
    # the money and percent scanners decide about.
    # a one-character class test first: most positions start no number at all
    first = "".join(sorted({c for w in numeric for c in (w[0], w[0].upper())}))
    phrase = (rf"(?<![\w.,])(?=[\d{re.escape(first)}])(?:{token})"
              rf"(?:[ \u00a0\u202f]+(?:{token}))*")
    return _Tables(words, tuple(sorted(approx, key=len, reverse=True)),
                   re.compile(phrase, re.IGNORECASE), re.compile(token, re.IGNORECASE),
                   frozenset(point), units)


@dataclass(frozen=True)
class NumberPhrase:
    start: int
    end: int
    value: float
    has_multiplier: bool      # млн, тысяч, миллиард... present in the phrase
    digits: bool              # written (at least partly) in digits
    text: str
    scale: float = 1.0        # the largest multiplier (1e9 for "3 млрд"), shared by a range's
                              # first bound when it has none (2-3 млрд)


def _phrase(start: int, end: int, value: float, has_multiplier: bool, digits: bool, text: str,
            scale: float) -> NumberPhrase:
    """``NumberPhrase(...)`` without the frozen dataclass's ``__init__`` (one attribute set
    through ``object.__setattr__`` per field): the same object, made in half the time, for every
    number of every document."""
    p = _new_object(NumberPhrase)
    p.__dict__.update(start=start, end=end, value=value, has_multiplier=has_multiplier,
                      digits=digits, text=text, scale=scale)
    return p


_new_object = object.__new__


def _digit_value(tok: str, next_is_multiplier: bool) -> float | None:
    t = tok.replace("\u00a0", " ").replace("\u202f", " ")
    if " " in t:
        head, _, dec = t.replace(" ", "").partition(",")
        return float(head + ("." + dec if dec else "")) if head.isdigit() else None
    if t.count(".") >= 2:
        head, _, dec = t.partition(",")
        return float(head.replace(".", "") + ("." + dec if dec else ""))
    if t.count(",") >= 2:
        return float(t.replace(",", ""))
    if "," in t:
        return float(t.replace(",", "."))
    if "." in t:
        head, dec = t.split(".")
        if len(dec) == 3 and not next_is_multiplier:
            return float(head + dec)
    return float(t)


def _evaluate(tokens: list[str]) -> tuple[float, bool, bool, float] | None:
    """Value of a sequence of number tokens, or None when they do not form one number.

    Cardinals add (жиырма бес = 25), a multiplier below a thousand scales the running group
    (екі жүз = 200), a larger one closes the group into the total (бес жүз бес мың = 505 000),
    a fraction word adds to the group (үш жарым = 3.5) or stands alone (полтора = 1.5).
    Floats suffice: amounts are rounded to 1e-4 of a unit, far below any written precision.
    """
    tabs = _tables()
    words = tabs.words
    total = 0.0
    cur: float | None = None
    has_mult = False
    digits = False
    last_mult: float | None = None
    first_mult: float | None = None
    whole: float | None = None        # the integer part before бүтін/целых
    denom: float | None = None
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if whole is None and low in tabs.point:
            if cur is None:
                return None
            whole, cur = cur, None
            continue
        if whole is not None and low in tabs.units:
            if denom is not None:
                return None
            denom = tabs.units[low]
            continue
        w = words.get(low)
        if w is None:
            if not tok[0].isdigit() or cur is not None:
                return None
            nw = words.get(tokens[i + 1].lower()) if i + 1 < len(tokens) else None
            cur = _digit_value(tok, nw is not None and nw.kind == "multiplier")
            if cur is None:
                return None
            digits = True
            continue
        v = w.value
        if w.kind == "multiplier" and v >= 1000 and whole is not None:
            if cur is None or denom is None:
                return None
            cur, whole, denom = whole + cur / denom, None, None
        if w.kind == "multiplier":
            has_mult = True
            if v < 1000:
                cur = (1.0 if cur is None else cur) * v
            else:
                if last_mult is not None and v >= last_mult:
                    return None
                total += (1.0 if cur is None else cur) * v
                cur = None
                last_mult = v
                first_mult = first_mult or v
        elif w.kind == "fraction":
            cur = (cur or 0.0) + v
        else:  # cardinal
            if cur is not None:
                order = 10 ** len(str(int(v)))
                if cur != int(cur) or int(cur) % order:
                    return None
            cur = (cur or 0.0) + v
    if not tokens:
        return None
    if whole is not None:
        if cur is None or cur != int(cur):
            return None
        # "тоқсан үш бүтін төрт" (93.4): spoken decimals may leave the denominator out
        cur = whole + cur / (denom or 10 ** len(str(int(cur))))
    if cur is not None:
        total += cur
    return round(total, 4), has_mult, digits, (first_mult or 1.0)


@lru_cache(maxsize=1)
def _amount_cues() -> tuple[frozenset[str], frozenset[str]]:
    """(forms meaning exactly one unit, vague quantity words) from amount_cues.tsv."""
    one, vague = set(), set()
    for r in lexicon.load("amount_cues"):
        (one if r["cue"] == "unit_one" else vague).add(r["form"].lower())
    return frozenset(one), frozenset(vague)


_PREV_WORDS = re.compile(r"([^\W\d_]+)(?:[ \u00a0]+([^\W\d_]+))?[ \u00a0]+$")


def _bare_multiplier_ok(text: str, tokens: list[str], start: int) -> bool:
    """A multiplier without a count ("миллион доллар") is one unit only in a singular form and
    not after a vague quantity ("бірнеше миллион", "несколько миллиардов"); an abbreviation
    alone ("млн теңге" in a table header) is a unit of measure, never an amount."""
    one, vague = _amount_cues()
    if tokens[0].lower() not in one:
        return False
    m = _PREV_WORDS.search(text, max(0, start - 40), start)
    if m:
        last = (m.group(2) or m.group(1)).lower()
        both = f"{m.group(1)} {m.group(2)}".lower() if m.group(2) else last
        if last in vague or both in vague:
            return False
    return True


def find_numbers(text: str) -> list[NumberPhrase]:
    """Every number phrase in ``text`` (digits and/or numeral words, with multipliers).

    A phrase whose tokens do not compose into one number (``2015 2016``, ``бес он``) is cut
    into the longest leading parts that do. Cached per text: the money and percent stages
    scan the same document.
    """
    return list(_find_numbers(text))


@lru_cache(maxsize=4)
def _find_numbers(text: str) -> tuple[NumberPhrase, ...]:
    tabs = _tables()
    out: list[NumberPhrase] = []
    for m in tabs.number_re.finditer(text):
        g = m.group()
        if g.isdigit():                       # the common case: one plain number
            out.append(_phrase(m.start(), m.end(), float(g), False, True, g, 1.0))
            continue
        base = m.start()
        for rs, re_, (val, mult, dig, scale), toks in _phrase_plan(g):
            s, e = base + rs, base + re_
            if toks is not None and not _bare_multiplier_ok(text, list(toks), s):
                continue
            out.append(_phrase(s, e, val, mult, dig, text[s:e], scale))
    return tuple(out)


@lru_cache(maxsize=16_384)
def _phrase_plan(g: str) -> tuple[tuple[int, int, tuple[float, bool, bool, float], tuple[str, ...] | None], ...]:
    """How one number-phrase match ``g`` splits into numbers: (start, end relative to ``g``,
    value of :func:`_evaluate`, the tokens when only a bare multiplier makes the number (kept
    then if :func:`_bare_multiplier_ok` in the surrounding text, which only the caller knows)).

    The split depends on ``g`` alone, so it is computed once per distinct phrase: documents
    repeat their amounts ("95 млрд", "3,8 трлн") and the split tries every sub-sequence."""
    tabs = _tables()
    spans = [(t.start(), t.end()) for t in tabs.token_re.finditer(g)]
    spans = [sp for sp in spans if g[sp[0]:sp[1]].strip()]
    plan = []
    i = 0
    while i < len(spans):
        best = None
        for j in range(len(spans), i, -1):
            r = _evaluate([g[s:e] for s, e in spans[i:j]])
            if r is not None:
                best = (j, r)
                break
        if best is None:
            i += 1
            continue
        j, r = best
        s, e = spans[i][0], spans[j - 1][1]
        toks = [g[a:b] for a, b in spans[i:j]]
        bare = not r[2] and all(t.lower() in tabs.words and tabs.words[t.lower()].kind == "multiplier"
                                and tabs.words[t.lower()].value >= 1000 for t in toks)
        plan.append((s, e, r, tuple(toks) if bare else None))
        i = j
    return tuple(plan)


def parse_number(text: str) -> float | None:
    """The value of ``text`` when all of it is one number (``1 850,0``, ``3,8 трлн``,
    ``бір миллиард``, ``полтора``); None otherwise."""
    t = text.strip()
    if not t:
        return None
    nums = find_numbers(t)
    if len(nums) == 1 and nums[0].start == 0 and nums[0].end == len(t):
        return nums[0].value
    return None


@lru_cache(maxsize=1)
def currency_table() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    """(form → ISO code, word-form regex, sign regex) from ``lexicons/currencies.tsv``.

    Word forms and abbreviations must stand as whole words (``сом`` must not match ``сомнение``);
    signs (₸, $, US$) may touch the number.
    """
    lex = lexicon.load("currencies")
    forms: dict[str, str] = {}
    signs: dict[str, str] = {}
    for row in lex:
        f = row["form"].strip()
        if row["kind"] == "symbol":
            signs[f] = row["code"]
        else:
            forms.setdefault(f.lower(), row["code"])
    word_re = re.compile(rf"(?:{trie_regex(forms)})(?:(?<=\.)|(?![\w]))", re.IGNORECASE)
    sign_re = re.compile(trie_regex(signs))
    table = dict(forms)
    table.update(signs)
    return table, word_re, sign_re


def approx_words() -> tuple[str, ...]:
    """Hedge words and phrases (около, свыше, шамамен, астам), longest first."""
    return _tables().approx


_NEXT_WORDS = re.compile(r"[ \u00a0]+([^\W\d_]+(?:[ \u00a0]+[^\W\d_]+){0,2})")


@lru_cache(maxsize=1)
def _approx_set() -> frozenset[str]:
    return frozenset(_tables().approx)


@lru_cache(maxsize=1)
def _approx_edges() -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the hedge phrases: a phrase can only start (end) with
    one of them, which settles most amounts with one set lookup."""
    approx = _tables().approx
    return frozenset(p.split(" ")[0] for p in approx), frozenset(p.split(" ")[-1] for p in approx)


def hedge_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span widened over a hedge next to an amount (``около 45 млн евро``, ``1,7 млрд
    теңгеден астам``, ``кемі 300 млрд``), or None when there is none. Both languages put
    hedges on either side, so any approximation word of numerals.tsv counts on both."""
    approx = _approx_set()
    firsts, lasts = _approx_edges()
    s2, e2 = start, end
    lo = max(0, start - 40)
    head = text[lo:start]
    if head[-1:] in (" ", "\u00a0") and _last_word(head) in lasts:
        words = head.split()
        if lo and text[lo - 1].isalnum() and words and not head[0].isspace():
            words = words[1:]                             # a word cut by the window
        words = words[-3:]
        while words and not words[0].isalpha():
            words = words[1:]
        if all(w.isalpha() for w in words):
            for k in range(len(words)):                   # longest phrase first
                if " ".join(words[k:]).lower() in approx:
                    cursor = len(head)
                    for w in reversed(words[k:]):
                        cursor = head.rfind(w, 0, cursor)
                    s2 = lo + cursor
                    break
    m = _NEXT_WORDS.match(text, end)
    if m and m.group(1).split(None, 1)[0].lower() in firsts:
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            if " ".join(words[:k]).lower() in approx:
                e2 = m.start(1)
                for w in words[:k]:
                    e2 = text.index(w, e2) + len(w)
                break
    return (s2, e2) if (s2, e2) != (start, end) else None


def _last_word(head: str) -> str:
    """The last whitespace-separated word of ``head``, lowercased ('' when there is none)."""
    words = head.rsplit(None, 1)
    return words[-1].lower() if words else ""


_ISO_CODE_END = re.compile(r"(?<![\w])([A-Z]{3})\s*$")


def parse_amount(text: str) -> tuple[float, str] | None:
    """``"95 млрд. теңге"`` → ``(95e9, "KZT")``; ``"$12 млн"`` → ``(12e6, "USD")``.

    The text must hold one number phrase and one currency (a word after the number, or a sign
    before or after it); anything else around them (hedges, punctuation) is tolerated.
    """
    table, word_re, sign_re = currency_table()
    nums = find_numbers(text)
    if len(nums) != 1:
        return None
    n = nums[0]
    after = text[n.end:]
    rest = after.lstrip()
    wm = word_re.match(rest)
    if wm:
        return n.value, table[wm.group().lower()]
    sm = sign_re.match(rest)
    if sm:
        return n.value, table[sm.group()]
    before = text[:n.start].rstrip()
    for sign, code in ((s, c) for s, c in table.items() if not s[:1].isalpha()):
        if sign and before.endswith(sign):
            return n.value, code
    m2 = _ISO_CODE_END.search(before)
    if m2 and m2.group(1).lower() in table:
        return n.value, table[m2.group(1).lower()]
    return None
