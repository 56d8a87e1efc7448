"""LAW: citations of legal acts, with kind, number, adoption date, issuer and title.

The two languages build a citation in opposite directions around the word that names the act:

* Kazakh puts everything before it: ``«Х туралы» Қазақстан Республикасы Президентінің 2012
  жылғы 18 желтоқсандағы № 449 Жарлығын``, ``ҚР Үкіметінің 18.06.2018 № 357 қаулысымен``;
* Russian after it: ``Указом Президента Республики Казахстан от 18 августа 2003 года N 1166
  «О ...»``, ``постановлением Правительства РК от 18.06.2018 № 357``.

So the extractor finds the act word (any case form: a prefix match confirmed by the Kazakh or
Russian lemmatizer against ``lexicons/legal_acts.tsv``) and walks outwards, consuming a number,
a date (from :mod:`itp_docs.extract.dates`), the issuing body and a quoted title in whatever
order they come. A mention becomes a LAW entity only with the evidence its kind requires
(``lexicons/law_kinds.tsv``): this is what separates ``№ 631 қаулысымен`` from ``Осы қаулы``
and ``шешім қабылданды``. Words around citations (self-references, title markers, the
addressee of a message, issuing bodies) are in ``lexicons/law_cues.tsv``.

Two document conventions are handled on purpose: an act cited inside the quoted title of another
act is part of that title, not a citation of its own (``«... Жолдауын іске асыру жөніндегі шаралар
туралы» ... № 449 Жарлығы`` cites decree 449 only); and titles nest with the outer opening quote
merged into the inner one (``«Цифрлы Қазақстан» мемлекеттік бағдарламасын бекіту туралы»``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .. import lexicon
from ..lang.analyzer import analyze_word
from . import dates
from .context import Context
from .scan import FastPattern, fast
from .model import Entity
from .numbers import trie_regex

__all__ = ["parse_act", "find_acts", "run"]

_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_WORD = r"[^\W\d_]+(?:-[^\W\d_]+)*"
# Searches that end at a position: the lookbehind makes every start inside a word fail at once.
_WORD_END_RE = re.compile(rf"(?<![^\W\d_-])({_WORD})$")
_WORD_START_RE = re.compile(rf"{_WORD}")
_GENITIVE = re.compile(r"(?:ның|нің|дың|дің|тың|тің)$", re.IGNORECASE)
_PLURAL = re.compile(r"(?:дар|дер|тар|тер|лар|лер)", re.IGNORECASE)
# An act number: digits with suffixes (277/НҚ, 2/265, 71-ө), optionally after an uppercase
# register prefix (№ ҚР ДСМ-63, № ҚР ӘМ-12).
_NUM_BODY = r"((?:[^\W\d_a-zа-яәғқңөұүһі]{1,5}[ \u00a0]){0,2}[^\W\d_a-zа-яәғқңөұүһі]{0,5}-?\d+(?:[-/][^\W_]+)*)"
_NUM_LEFT = re.compile(rf"(?:№|(?<![\w])N)[ \u00a0]*{_NUM_BODY}$")
_HAS_NUM_SIGN = re.compile(r"№|(?<![\w])N[ \u00a0]*[\dA-ZА-ЯӘҒҚҢӨҰҮҺІ]")
_NUM_RIGHT = re.compile(rf"(?:№|N(?![\w])|No\.?)[ \u00a0]*{_NUM_BODY}")
_OT_RE = re.compile(r"от[ \u00a0]+", re.IGNORECASE)
_WS_RIGHT = re.compile(r"[ \t\u00a0]*(?:\n[ \t\u00a0]*)?")
_SPACES = re.compile(r"\s+")
_LATIN_N = re.compile(r"(?<![\w])N(?=[ \u00a0]*\d)")
_COORD_KK = re.compile(r"(?:[ \u00a0]+және|,)[ \u00a0]*$")


@dataclass(frozen=True)
class _Cues:
    anchor_re: re.Pattern[str] | FastPattern       # candidate act words (prefixes of forms)
    kinds: dict[tuple[str, str], tuple[str, str]]  # (lang, lemma) → (kind, dictionary form)
    multi: dict[tuple[str, str], str]              # (lang, "lemma lemma") → kind
    evidence: dict[str, frozenset[str]]
    cues: dict[str, dict[str, frozenset[str]]]     # cue → lang → forms (lowercase)
    heads: dict[str, frozenset[str]]               # lang → issuer head lemmas


def _lemma(word: str, lang: str) -> str:
    return analyze_word(word, lang).lemma


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    evidence = {r["kind"]: frozenset(r["evidence"]) for r in lexicon.load("law_kinds")}
    kinds: dict[tuple[str, str], tuple[str, str]] = {}
    multi: dict[tuple[str, str], str] = {}
    prefixes: set[str] = set()
    for r in lexicon.load("legal_acts"):
        lang, form, kind = r["lang"], r["form"], r["kind"]
        if lang not in ("kk", "ru") or kind not in evidence:
            continue
        words = form.split()
        lemmas = [_lemma(w, lang) for w in words]
        if len(words) == 1:
            kinds.setdefault((lang, lemmas[0]), (kind, form))
            low = form.lower()
            prefixes.add(low[:-1] if len(low) > 4 else low)
        else:
            multi[(lang, " ".join(lemmas))] = kind
    first = "".join(sorted({c for p in prefixes for c in (p[0], p[0].upper())}))
    # (searched over whole texts: behind scan.fast's locator, same matches)
    anchor = fast(re.compile(rf"(?<![\w-])(?=[{re.escape(first)}])(?:{trie_regex(prefixes)})"
                             rf"[^\W\d_]*(?![\w])", re.IGNORECASE))
    cues: dict[str, dict[str, set[str]]] = {}
    heads: dict[str, set[str]] = {"kk": set(), "ru": set()}
    for r in lexicon.load("law_cues"):
        if r["cue"] == "issuer_head":
            words = r["form"].split()
            w = words[-1] if r["lang"] == "kk" else words[0]
            heads[r["lang"]].add(_lemma(w, r["lang"]))
            continue
        cues.setdefault(r["cue"], {}).setdefault(r["lang"], set()).add(r["form"].lower())
    return _Cues(anchor, kinds, multi, evidence,
                 {c: {lg: frozenset(v) for lg, v in d.items()} for c, d in cues.items()},
                 {lg: frozenset(v) for lg, v in heads.items()})


def _cue(name: str, lang: str) -> frozenset[str]:
    return _cues().cues.get(name, {}).get(lang, frozenset())


@dataclass
class _Act:
    kind: str
    lang: str
    start: int
    end: int
    anchor: tuple[int, int]
    number: str | None = None
    date: str | None = None
    issuer: str | None = None          # nominative
    issuer_text: str | None = None     # as written
    issuer_head: bool = False          # the issuer is a known issuing body
    country: bool = False
    title: str | None = None
    title_span: tuple[int, int] | None = None
    parts: list[tuple[int, int]] = field(default_factory=list)
    kind_form: str = ""
    name: str | None = None            # Салық (кодексі), Налоговый (кодекс)
    anchor_upper: bool = False         # the act word is capitalized
    name_start: int = 0
    article: str | None = None         # 58 in "Конституцияның 58-бабы"; "" when written in words

    def as_dict(self) -> dict[str, Any]:
        d = {"kind": self.kind, "number": self.number, "date": self.date,
             "issuer": self.issuer, "title": self.title}
        if self.name:
            d["name"] = self.name
        if self.article:
            d["article"] = self.article
        return d


# --- full dates, found once per text -------------------------------------------------------

@lru_cache(maxsize=8)
def _full_dates(text: str) -> tuple[dict[int, tuple[int, str]], dict[int, tuple[int, str]]]:
    """Full dates (YYYY-MM-DD) by end offset and by start offset."""
    by_end: dict[int, tuple[int, str]] = {}
    by_start: dict[int, tuple[int, str]] = {}
    for d in dates.find_date_spans(text):
        if isinstance(d.value, str) and len(d.value) == 10 and d.value[0].isdigit():
            by_end[d.end] = (d.start, d.value)
            by_start[d.start] = (d.end, d.value)
    return by_end, by_start


# --- quoted titles ---------------------------------------------------------------------------

def _title_left(text: str, end: int) -> tuple[int, int] | None:
    """The quoted title ending with the » at ``end - 1``.

    Scanning back, the first « that balances all quotes wins; when none does (the outer
    opening quote was merged into an inner one: «A» B»), the first « that leaves one open does.
    """
    depth, cand, i = 0, None, end - 1
    lo = max(0, end - 600)
    while i >= lo:
        ch = text[i]
        if ch == "»":
            depth += 1
        elif ch == "«":
            depth -= 1
            if depth == 0:
                return i, end
            if depth == 1 and cand is None:
                cand = i
        elif ch == "\n":
            break
        i -= 1
    return (cand, end) if cand is not None else None


def _title_right(text: str, start: int) -> tuple[int, int] | None:
    """The quoted title starting with the « at ``start`` (mirror of :func:`_title_left`)."""
    depth, cand, i = 0, None, start
    hi = min(len(text), start + 600)
    while i < hi:
        ch = text[i]
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth -= 1
            if depth == 0:
                return start, i + 1
            if depth == 1 and cand is None:
                cand = i + 1
        elif ch == "\n":
            break
        i += 1
    return (start, cand) if cand is not None else None


def _title_text(text: str, s: int, e: int) -> str:
    t = text[s + 1:e - 1].strip()
    opens, closes = t.count("«"), t.count("»")
    if closes > opens:
        t = "«" * (closes - opens) + t
    elif opens > closes:
        t = t + "»" * (opens - closes)
    return _SPACES.sub(" ", t)


def _title_ok(title: str, kind: str, lang: str) -> bool:
    if kind == "message":
        return True
    words = title.replace("»", " ").replace("«", " ").split()
    if not words:
        return False
    if lang == "kk":
        return words[-1].lower() in _cue("title_end", "kk")
    return words[0].lower() in _cue("title_start", "ru")


# --- issuers -------------------------------------------------------------------------------

def _issuer_left(text: str, pos: int, lang: str) -> tuple[int, str, str, bool, bool] | None:
    """Kazakh issuer ending at ``pos``: a genitive head (Үкіметінің) and the name before it.

    Returns (start, nominative, as written, known issuing body, names the state).
    """
    m = _WORD_END_RE.search(text, max(0, pos - 60), pos)
    if not m or not _GENITIVE.search(m.group(1)):
        return None
    head = m.group(1)
    words = [(m.start(1), m.end(1), head)]
    i = m.start(1)
    c = _cues()
    while len(words) < 8:
        j = _ws_left(text, i)
        if j == i:
            break
        wm = _WORD_END_RE.search(text, max(0, j - 60), j)
        if not wm:
            break
        w = wm.group(1)
        if (lang, _lemma(w, lang)) in c.kinds or w.lower() in _cue("self", lang):
            break
        words.append((wm.start(1), wm.end(1), w))
        i = wm.start(1)
    phrase_words = list(reversed(words))
    start_idx = len(phrase_words) - 1
    country = False
    low = [w[2].lower() for w in phrase_words]
    for k in range(len(phrase_words)):
        two = " ".join(low[k:k + 2])
        if low[k] in _cue("country", "kk") or two in _cue("country", "kk"):
            start_idx = k
            country = True
            break
    else:
        for k, (_s, _e, w) in enumerate(phrase_words):
            if w[0].isupper():
                start_idx = k
                break
    s = phrase_words[start_idx][0]
    written = _SPACES.sub(" ", text[s:m.end(1)])
    nominative = written[: len(written) - len(_GENITIVE.search(head).group())]
    head_lemma = _lemma(head, "kk")
    return s, nominative, written, head_lemma in c.heads["kk"], country


_STRONG_STOP = re.compile(r"(?:от[ \u00a0\n]|№|N[ \u00a0]*\d|«)", re.IGNORECASE)


def _issuer_right(text: str, pos: int) -> tuple[int, str, str, bool, bool] | None:
    """Russian issuer starting at ``pos`` (Правительства Республики Казахстан)."""
    c = _cues()
    words: list[tuple[int, int, str]] = []
    commas: set[int] = set()       # indexes of words a comma follows
    i = pos
    strong = False
    while len(words) < 14:
        if _STRONG_STOP.match(text, i):
            strong = True
            break
        wm = _WORD_START_RE.match(text, i)
        if not wm:
            break
        w = wm.group()
        if w.lower() == "от":
            strong = True
            break
        words.append((wm.start(), wm.end(), w))
        e = wm.end()
        if text.startswith(",", e):
            # a comma inside a body's name (Министра цифрового развития, инноваций и ...);
            # kept only when the issuer ends at от/№/«, see below
            commas.add(len(words) - 1)
            e += 1
        ws = _WS_RIGHT.match(text, e)
        if ws.end() == e:
            break
        i = ws.end()
    if not strong and len(words) > 9:
        words = words[:9]
    if not strong:
        cut = min((k for k in commas if k < len(words)), default=None)
        if cut is not None:
            words = words[:cut + 1]
    if not words:
        return None
    first = words[0][2]
    head_lemma = _lemma(first, "ru")
    known = head_lemma in c.heads["ru"]
    if not (first[0].isupper() or known):
        return None
    if not strong:
        # without an "от/№/«" after it, keep only the leading capitalized run
        keep = 0
        for k, (_s, _e, w) in enumerate(words):
            if w[0].isupper() or (k == 0 and known):
                keep = k + 1
            elif w.lower() in ("и", "по") and k + 1 < len(words) and words[k + 1][2][0].isupper():
                continue
            else:
                break
        words = words[:keep]
        if not words:
            return None
    chain_end = words[-1][1]
    addressee = _cue("addressee", "ru")
    for k in range(1, len(words)):
        if " ".join(w[2] for w in words[k:k + 2]).lower() in addressee:
            words = words[:k]       # Послание Главы государства народу Казахстана
            break
    s, e = words[0][0], words[-1][1]
    written = _SPACES.sub(" ", text[s:e])
    lemma = analyze_word(first, "ru").lemma
    nom_head = lemma.upper() if first.isupper() else (lemma[:1].upper() + lemma[1:] if first[0].isupper() else lemma)
    nominative = nom_head + written[len(first):]
    country = any(x in written.lower() for x in _cue("country", "ru")) or " рк" in f" {written.lower()}"
    return chain_end, nominative, written, known, country


# --- the act word --------------------------------------------------------------------------

def _anchor_kind(word: str, hint: str) -> tuple[str, str, str] | None:
    """(lang, kind, dictionary form) when ``word`` is a form of an act word."""
    c = _cues()
    order = ("kk", "ru") if (hint == "kk" or _KK_LETTERS.search(word)) else ("ru", "kk")
    for lang in order:
        if lang == "ru" and _KK_LETTERS.search(word):
            continue
        lem = _lemma(word, lang)
        hit = c.kinds.get((lang, lem))
        if hit:
            return lang, hit[0], hit[1]
    return None


def _back_vowel(word: str) -> bool:
    """Kazakh vowel harmony: the last vowel decides (қаулы → қаулысы, шешім → шешімі)."""
    for ch in reversed(word.lower()):
        if ch in "аоұыя":
            return True
        if ch in "әеөүіэ":
            return False
    return True


def _kind_nominative(word: str, form: str, lang: str) -> str:
    """The act word as a citation names it: Указом → Указ; Жарлығымен → Жарлығы (Kazakh
    citations use the possessive: "№ 449 Жарлығы"); the surface's capitalization is kept."""
    if lang == "ru":
        base = form.lower()
    else:
        low = word.lower()
        lem = form.lower()
        stem_len = len(lem)
        stem = low[:stem_len]
        rest = low[stem_len:]
        plural = _PLURAL.match(rest)
        if plural:
            rest = rest[plural.end():]
        back = _back_vowel(lem)
        if rest.startswith(("ы", "і", "сы", "сі")) or plural:
            if lem[-1] in "аеоөұүыіәяюэ":
                poss = "сы" if back else "сі"
            else:
                poss = "ы" if back else "і"
            base = stem + poss
        else:
            base = stem
    if word.isupper():
        return base.upper()
    if word[:1].isupper():
        return base[:1].upper() + base[1:]
    return base


# --- chains --------------------------------------------------------------------------------

def _ws_left(text: str, pos: int) -> int:
    """Start of the spaces (and at most one line break) that end at ``pos``."""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i > 0 and text[i - 1] == "\n":
        i -= 1
        while i > 0 and text[i - 1] in " \t\u00a0":
            i -= 1
    return i


def _ws_right(text: str, pos: int) -> int:
    m = _WS_RIGHT.match(text, pos)
    return m.end() if m else pos


def _starts_with_cue(text: str, pos: int, forms: frozenset[str], left: bool) -> int | None:
    """End (left=False) or start (left=True) of a cue phrase next to ``pos``."""
    for f in sorted(forms, key=len, reverse=True):
        if left:
            s = pos - len(f)
            if s >= 0 and text[s:pos].lower() == f and (s == 0 or not text[s - 1].isalnum()):
                return s
        else:
            e = pos + len(f)
            if text[pos:e].lower() == f and (e >= len(text) or not text[e].isalnum()):
                return e
    return None


@lru_cache(maxsize=1)
def _kk_country_nominative() -> frozenset[str]:
    """The Kazakh state's names not in the genitive (Қазақстан Республикасы, ҚР): standing
    before the kind word they name the state, not an issuing body."""
    return frozenset(f for f in _cue("country", "kk") if not _GENITIVE.search(f))


def _chain_kk(text: str, act: _Act) -> int:
    """Consume number, date, issuer, addressee and title leftwards; returns the chain start."""
    by_end, by_start = _full_dates(text)
    pos = act.anchor[0]
    first = True
    while True:
        p = _ws_left(text, pos)
        if first:
            first = False
            m = _NUM_LEFT.search(text, max(0, p - 40), p) if _HAS_NUM_SIGN.search(text, max(0, p - 40), p) else None
            if m:
                act.number = m.group(1)
                act.parts.append((m.start(), m.end()))
                pos = m.start()
                continue
        if act.kind == "message":
            s = _starts_with_cue(text, p, _cue("addressee", "kk"), left=True)
            if s is not None:
                pos = s
                continue
            s = _starts_with_cue(text, p, _cue("named", "kk"), left=True)
            if s is not None and text[_ws_left(text, s) - 1:_ws_left(text, s)] == "»":
                p = _ws_left(text, s)
                t = _title_left(text, p)
                if t and act.title is None:
                    act.title, act.title_span = _title_text(text, *t), t
                    act.parts.append(t)
                    pos = t[0]
                    continue
        if act.date is None and p in by_end:
            s, v = by_end[p]
            act.date = v
            act.parts.append((s, p))
            pos = s
            continue
        if act.issuer is None and not act.country:
            # the state in the nominative before the kind word: № 418-V Қазақстан Республикасы Заңы
            s = _starts_with_cue(text, p, _kk_country_nominative(), left=True)
            if s is not None and s < p:
                act.country = True
                act.issuer = act.issuer_text = text[s:p]
                act.parts.append((s, p))
                pos = s
                if act.number is None:
                    first = True        # the number may stand right before the state
                continue
        if act.issuer is None:
            iss = _issuer_left(text, p, "kk")
            if iss:
                s, nom, written, known, country = iss
                act.issuer, act.issuer_text, act.issuer_head, act.country = nom, written, known, country
                act.parts.append((s, p))
                pos = s
                continue
        if act.title is None and p > 0 and text[p - 1] == "»":
            t = _title_left(text, p)
            if t and _title_ok(_title_text(text, *t), act.kind, "kk"):
                act.title, act.title_span = _title_text(text, *t), t
                pos = t[0]
                continue
        break
    if act.number is None:
        # headings: ҮКІМЕТІНІҢ ҚАУЛЫСЫ\n2017 жылғы 12 желтоқсандағы № 827
        p = _ws_right(text, act.anchor[1])
        end = p
        date_v = None
        if p in by_start:
            end, date_v = by_start[p]
            end = _ws_right(text, end)
        m = _NUM_RIGHT.match(text, end)
        if m:
            act.number = m.group(1)
            if date_v and act.date is None:
                act.date = date_v
            act.parts.append((p, m.end()))
    return pos


def _chain_ru(text: str, act: _Act) -> int:
    """Consume issuer, date, number, addressee and title rightwards; returns the chain end."""
    by_end, by_start = _full_dates(text)
    pos = act.anchor[1]
    while True:
        p = _ws_right(text, pos)
        if act.kind == "message":
            e = _starts_with_cue(text, p, _cue("addressee", "ru"), left=False)
            if e is not None:
                pos = e
                continue
        if act.issuer is None and act.date is None and act.number is None:
            iss = _issuer_right(text, p)
            if iss:
                e, nom, written, known, country = iss
                act.issuer, act.issuer_text, act.issuer_head, act.country = nom, written, known, country
                act.parts.append((p, e))
                pos = e
                continue
        if act.date is None:
            m = _OT_RE.match(text, p)
            q = m.end() if m else p
            if q in by_start and (m or act.number):
                e, v = by_start[q]
                act.date = v
                act.parts.append((p, e))
                pos = e
                continue
        if act.number is None:
            m = _NUM_RIGHT.match(text, p)
            if m:
                act.number = m.group(1)
                act.parts.append((p, m.end()))
                pos = m.end()
                continue
        if act.title is None and p < len(text) and text[p] == "«":
            t = _title_right(text, p)
            if t and _title_ok(_title_text(text, *t), act.kind, "ru"):
                act.title, act.title_span = _title_text(text, *t), t
                pos = t[1]
                break
        break
    return pos


def _is_self(text: str, start: int, lang: str) -> bool:
    m = _WORD_END_RE.search(text, max(0, start - 30), _ws_left(text, start))
    return bool(m and m.group(1).lower() in _cue("self", lang))


def _multi_kind(text: str, act: _Act, word: str) -> str | None:
    """A two-word act name (Премьер-Министрдің өкімі, распоряжение Премьер-Министра)."""
    c = _cues()
    lang = act.lang
    lem = _lemma(word, lang)
    m = _WORD_END_RE.search(text, max(0, act.anchor[0] - 40), _ws_left(text, act.anchor[0]))
    if m:
        k = c.multi.get((lang, f"{_lemma(m.group(1), lang)} {lem}"))
        if k:
            return k
    m2 = _WORD_START_RE.match(text, _ws_right(text, act.anchor[1]))
    if m2:
        k = c.multi.get((lang, f"{lem} {_lemma(m2.group(), lang)}"))
        if k:
            return k
    return None


_ART_NUM = r"\d+(?:[-‑][^\W\d_]+)?"
_RU_ARTICLE = re.compile(rf"([^\W\d_]+)[ \u00a0]+({_ART_NUM})[ \u00a0]+$")
_KK_ARTICLE_STEP = re.compile(rf"[ \u00a0]+({_ART_NUM}|[^\W\d_]+)")


def _name_and_article(text: str, act: _Act) -> None:
    """A code's name (Салық кодексі, Налогового кодекса) and an article cited with the act."""
    a0, a1 = act.anchor
    lang = act.lang
    m = _WORD_END_RE.search(text, max(0, a0 - 40), _ws_left(text, a0))
    if m:
        # the name may run over up to three words to a capitalized one: Қылмыстық іс жүргізу
        # кодексі, Уголовно-процессуальный кодекс
        cand = m
        for _ in range(3):
            w = cand.group(1)
            if w[0].isupper():
                break
            prev = _WORD_END_RE.search(text, max(0, cand.start(1) - 40), _ws_left(text, cand.start(1)))
            if not prev or lang == "ru":
                break
            cand = prev
        w = cand.group(1)
        if w[0].isupper() and not _GENITIVE.search(m.group(1)) and w.lower() not in _cue("country", lang) \
                and (lang, _lemma(w, lang)) not in _cues().kinds:
            act.name = _SPACES.sub(" ", text[cand.start(1):m.end(1)])
            act.name_start = cand.start(1)
            m = cand
    arts = _cue("article", lang)
    if lang == "kk":
        # Конституцияның 58-бабы / жүз алтыншы бабы: up to three words, then a form of "бап"
        pos = a1
        for _ in range(4):
            wm = _KK_ARTICLE_STEP.match(text, pos)
            if not wm:
                break
            tok = wm.group(1)
            base = tok.split("-")[-1].lower()
            if tok.lower() in arts or base in arts:
                first = text[a1:wm.start(1)].split()
                act.article = first[0].split("-")[0] if first and first[0][0].isdigit() else ""
                if not first and tok[0].isdigit():
                    act.article = tok.split("-")[0]
                break
            pos = wm.end()
    else:
        end = m.start(1) if act.name and m else a0
        mb = _RU_ARTICLE.search(text, max(0, end - 40), end)
        if mb and mb.group(1).lower() in arts:
            act.article = mb.group(2)
        if act.name:
            lem = _lemma(act.name, "ru")
            act.name = lem[:1].upper() + lem[1:]


def _has_evidence(act: _Act) -> bool:
    need = _cues().evidence.get(act.kind, frozenset())
    have = set()
    if act.number:
        have.add("number")
    if act.date:
        have.add("date")
    if act.title:
        have.add("title")
    if act.issuer and act.issuer_head:
        have.add("issuer")
    if act.country:
        have.add("country")
    if act.name:
        have.add("name")
    if act.article is not None:
        have.add("article")
    if act.anchor_upper:
        have.add("capitalized")
    return bool(need & have)


def _citation(text: str, act: _Act) -> str:
    word = text[act.anchor[0]:act.anchor[1]]
    kind_nom = _kind_nominative(word, act.kind_form, act.lang)
    if act.number is None and act.title:
        if act.lang == "kk":
            return f"«{act.title}» {kind_nom}"
        return f"{kind_nom} «{act.title}»"
    if act.number is None and act.date is None and act.name:
        return f"{act.name} {kind_nom.lower()}"
    out = text[act.start:act.anchor[0]] + kind_nom + text[act.anchor[1]:act.end]
    out = _LATIN_N.sub("№", out)
    return _SPACES.sub(" ", out).strip()


def _find(text: str, hint: str | None = None) -> list[_Act]:
    c = _cues()
    acts: list[_Act] = []
    for m in c.anchor_re.finditer(text):
        word = m.group()
        if hint is None:
            around = text[max(0, m.start() - 200):m.end() + 200]
            h = "kk" if _KK_LETTERS.search(around) else "ru"
        else:
            h = hint
        found = _anchor_kind(word, h)
        if not found:
            continue
        lang, kind, form = found
        act = _Act(kind, lang, m.start(), m.end(), (m.start(), m.end()), kind_form=form)
        multi = _multi_kind(text, act, word)
        if multi:
            if multi not in c.evidence:
                continue
            act.kind = multi
        if _is_self(text, m.start(), lang):
            continue
        if lang == "kk":
            act.start = _chain_kk(text, act)
            if act.title_span and act.start == act.title_span[0]:
                act.start = _ws_right(text, act.title_span[1])
            act.end = max([m.end()] + [e for _s, e in act.parts])
        else:
            act.end = _chain_ru(text, act)
            if act.title_span and act.end == act.title_span[1]:
                act.end = act.parts[-1][1] if act.parts else m.end()
            act.end = max(act.end, m.end())
        act.anchor_upper = word[0].isupper()
        if "name" in c.evidence.get(act.kind, ()) or "article" in c.evidence.get(act.kind, ()):
            _name_and_article(text, act)
            if act.name and (act.lang == "ru" or act.issuer is None):
                act.start = min(act.start, act.name_start)
        if not _has_evidence(act):
            continue
        acts.append(act)
        if lang == "kk" and _PLURAL.search(word[len(form) - 1:]) and act.title_span:
            acts.extend(_coordinated(text, act))
    # an act cited inside another act's quoted title is part of that title
    titles = sorted(a.title_span for a in acts if a.title_span)
    out = []
    for a in acts:
        if any(ts < a.anchor[0] and a.anchor[1] <= te for ts, te in titles):
            continue
        out.append(a)
    out.sort(key=lambda a: a.start)
    _resolve_short_mentions(out)
    return out


def _resolve_short_mentions(acts: list[_Act]) -> None:
    """A later mention by title alone («Ақпараттандыру туралы» Заңы, Закон «Об информатизации»)
    names the act cited in full earlier in the same text: it takes that act's number and date,
    so it counts as the same act (and ``law:418-V`` finds both passages)."""
    full: dict[tuple[str, str], _Act] = {}
    for a in acts:
        if not a.title:
            continue
        key = (a.kind, " ".join(a.title.lower().split()))
        if a.number:
            full.setdefault(key, a)
        elif key in full:
            ref = full[key]
            a.number = ref.number
            if a.date is None:
                a.date = ref.date


def _coordinated(text: str, act: _Act) -> list[_Act]:
    """Acts cited together with one plural act word: «А туралы» D1 және «Б туралы» D2 заңдарына.

    The LAW span of such an act is its own date (or its title when it has none)."""
    by_end, _ = _full_dates(text)
    out: list[_Act] = []
    pos = act.title_span[0] if act.title_span else act.start
    while True:
        m = _COORD_KK.search(text, max(0, pos - 10), pos)
        if not m:
            break
        p = _ws_left(text, m.start())
        date_v, dspan = None, None
        if p in by_end:
            s, date_v = by_end[p]
            dspan = (s, p)
            p = _ws_left(text, s)
        if not (p > 0 and text[p - 1] == "»"):
            break
        t = _title_left(text, p)
        if not t or not _title_ok(_title_text(text, *t), act.kind, "kk"):
            break
        span = dspan or t
        out.append(_Act(act.kind, act.lang, span[0], span[1], act.anchor, date=date_v,
                        issuer=act.issuer, issuer_text=act.issuer_text, issuer_head=act.issuer_head,
                        country=act.country, title=_title_text(text, *t), title_span=t,
                        kind_form=act.kind_form))
        pos = t[0]
    return out


def find_acts(text: str) -> list[tuple[int, int, dict]]:
    """Every legal-act citation: ``(start, end, {"kind", "number", "date", "issuer", "title"})``.

    ``number`` is as written without №/N (``277/НҚ``), ``date`` ISO, ``issuer`` in the
    nominative (``Қазақстан Республикасы Үкіметі``, ``Правительство Республики Казахстан``),
    ``title`` without its outer quotes.
    """
    return [(a.start, a.end, a.as_dict()) for a in _find(text)]


def parse_act(text: str) -> dict | None:
    """An act heading or reference → ``{"kind", "number", "date", "issuer", "title"}``.

    For a heading such as ``Қазақстан Республикасы Үкіметінің 2013 жылғы 19 маусымдағы № 631
    қаулысы`` or ``Постановление Правительства Республики Казахстан от 12 декабря 2017 года
    № 827``. When the text cites several acts, the first numbered one is returned.
    """
    acts = _find(text)
    if not acts:
        return None
    numbered = [a for a in acts if a.number]
    return (numbered or acts)[0].as_dict()


def run(ctx: Context) -> None:
    """Add a LAW entity for every legal-act citation."""
    text = ctx.text
    for a in _find(text):
        attrs = {k: v for k, v in a.as_dict().items() if v is not None}
        ctx.add(Entity("LAW", a.start, a.end, text[a.start:a.end], _citation(text, a), attrs))
