"""News structure: quotations with their speakers, the byline and the source outlet.

Runs after the person stage, because a speaker is a person the text has already named: after a
quotation the speech verb is followed by a name (``«…», – деді Әсет Исекешов``; ``– сказал
Мадиев``), a role (``– деп атап өтті министр``; ``– заявил глава фонда``) or a pronoun (``– деді
ол``); before a quotation a name stands with a colon (``Байбек мырза: «…»``). A role is resolved
to the person whose stated role shares its words, a pronoun to the last person named before the
quotation; a surname alone becomes the fullest form of that name in the document.

The source outlet is taken from the most explicit place the text has: a ``Дереккөз:``/``Источник:``
line, the signature lines at the end (``«Егемен Қазақстан»``, ``akorda.kz``, a press office), the
dateline lede (``АСТАНА. КАЗИНФОРМ –``), a source verb in the body (``сообщает Zakon.kz``), and
last the site name after ``|`` in the HTML title. Words: ``lexicons/news_words.tsv``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .. import lexicon
from ..lang.translit import names_match
from .context import Context
from .scan import fast
from .layout import line_spans, lex_rows, phrase_pattern, squash
from .model import Entity, Quote

__all__ = ["run", "find_quotes", "find_source", "find_byline", "has_attribution"]

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    rows = lex_rows("news_words.tsv")

    def of(kind: str) -> list[str]:
        return [r["form"] for r in rows if r["kind"] == kind]

    speech = phrase_pattern(of("speech_verb"))
    return {
        # «…», – деді … / «…» деді … / «…», – сказал …
        "after": re.compile(r"»[ \t]*,?[ \t]*[-–—]?[ \t]*(" + speech + r")", re.I),
        # … деді: «…» / … сказал: «…» / Name: «…» — found from the ":«" and checked backwards
        "colon_open": re.compile(r":[ \t]*«"),
        "verb_end": re.compile(r"(?:" + speech + r")[ \t]*$", re.I),
        # (the two searched over whole texts: behind scan.fast's locator, same matches)
        "source_verb": fast(re.compile(r"(?<![\w])(" + phrase_pattern(of("source_verb")) + r")(?!\w)", re.I)),
        "source_label": re.compile(r"^[ \t]*(?:" + phrase_pattern(of("source_label")) + r")\s*:\s*(\S[^\n]*?)\s*$",
                                   re.I | re.M),
        # "Автор: …" opening a line or after a dateline ("15.05.2015 | 10:42   Автор: …")
        "byline_label": fast(re.compile(r"(?<![^\s|])(?:" + phrase_pattern(of("byline_label"))
                                        + r")\s*:[ \t]*([^\n|]+?)[ \t]*$", re.I | re.M)),
        "pronoun": {f.casefold() for f in of("pronoun")},
        "press": re.compile(phrase_pattern(of("press_service")), re.I),
        "skip": re.compile(r"^(?:" + phrase_pattern(of("skip_source")) + r")\s*", re.I),
        "according": re.compile(phrase_pattern(of("according")), re.I),
    }


@lru_cache(maxsize=1)
def _role_heads() -> frozenset[str]:
    """Stems of the head words of ``lexicons/roles.tsv`` (Kazakh heads close a role phrase:
    ``Үкімет басшысы``; Russian heads open it: ``глава Правительства``)."""
    out = set()
    for r in lexicon.load("roles.tsv").rows:
        words = r.get("role", "").split()
        if not words:
            continue
        head = (words[-1] if r.get("lang") == "kk" else words[0]).casefold().split("-")[-1]
        if len(head) >= 4:
            out.add(head[:max(4, len(head) - 2)])
    return frozenset(out)


_PREPOSITIONS = frozenset({"в", "во", "на", "из", "у", "по", "с", "со", "при"})


def _has_role_head(words: str) -> bool:
    """Does a phrase after a speech verb name a role (``глава фонда``, ``Үкімет басшысы``)?
    A phrase that opens with a preposition names a place or body (``– отметили в акимате``)."""
    toks = re.findall(rf"[{_UP}{_LOW}]+", words.casefold())
    if not toks or toks[0] in _PREPOSITIONS:
        return False
    heads = _role_heads()
    for w in toks:
        if any(w.startswith(h) and len(w) - len(h) <= 5 for h in heads):
            return True
    return False


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    return frozenset(r["name"].casefold() for r in lexicon.load("first_names.tsv").rows)


# ============================================================================ persons

def _persons(ctx: Context) -> list[Entity]:
    return sorted((e for e in ctx.entities if e.type == "PERSON"), key=lambda e: e.start)


def _fullest(name: str, persons: list[Entity]) -> str:
    """The fullest name in the document for the same person (``Мадиев`` → ``Магжан Мадиев``)."""
    best = name
    best_key = _fullness(name)
    for p in persons:
        cand = p.normalized or p.text
        if cand == best:
            continue
        k = _fullness(cand)
        if k > best_key and names_match(name, cand):
            best, best_key = cand, k
    return best


def _fullness(name: str) -> tuple[int, int]:
    toks = name.replace(".", ". ").split()
    full = sum(1 for t in toks if len(t.strip(".")) > 1)
    return full, len(name)


_STEM = 5


def _stems(text: str) -> set[str]:
    return {w.casefold()[:_STEM] for w in re.findall(rf"[{_UP}{_LOW}A-Za-z\-]{{3,}}", text)}


def _by_role(words: str, persons: list[Entity], before: int) -> Entity | None:
    """The most recent person before ``before`` whose stated role shares words with ``words``."""
    want = _stems(words)
    if not want:
        return None
    best = None
    for p in persons:
        if p.start >= before:
            break
        role = (p.attrs or {}).get("role") or ""
        if role and want & _stems(role):
            best = p
    return best


def _last_before(persons: list[Entity], pos: int, quote: tuple[int, int] | None = None) -> Entity | None:
    best = None
    for p in persons:
        if p.start >= pos:
            break
        if quote and quote[0] <= p.start < quote[1]:
            continue
        best = p
    return best


# ============================================================================ quotes

def _para_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _open_of(text: str, close: int) -> int | None:
    """Where the text of the quotation closed at ``close`` starts (after its «): nested quotes
    counted; a speech that starts with a quoted name and lost its double «« starts at the
    paragraph's first «, which stays in the text (``«Мемтапсырыс» біз үшін …``)."""
    ps, _ = _para_bounds(text, close)
    depth = 1
    i = close - 1
    while i >= ps:
        ch = text[i]
        if ch == "»":
            depth += 1
        elif ch == "«":
            depth -= 1
            if depth == 0:
                return i + 1
        i -= 1
    first = text.find("«", ps, close)
    return first if first >= 0 else None


def _close_of(text: str, open_: int) -> int | None:
    _, pe = _para_bounds(text, open_)
    depth = 0
    last = None
    for i in range(open_, pe):
        ch = text[i]
        if ch == "«":
            depth += 1
        elif ch == "»":
            depth -= 1
            last = i
            if depth == 0:
                return i
    return last


_SENT_END = re.compile(r"[.!?\n]")


def _tail_after(text: str, pos: int) -> tuple[int, int]:
    """From ``pos`` to the end of its sentence (at most 120 characters)."""
    m = _SENT_END.search(text, pos, min(len(text), pos + 120))
    end = m.start() if m else min(len(text), pos + 120)
    # an initial ("Б.Оразбаев") is not a sentence end
    while m and m.group() == "." and end >= 1 and text[end - 1].isupper() and \
            (end < 2 or not text[end - 2].isalpha()):
        m = _SENT_END.search(text, end + 1, min(len(text), pos + 120))
        end = m.start() if m else min(len(text), pos + 120)
    return pos, end


def _sentence_before(text: str, pos: int) -> int:
    """Start of the sentence that holds ``pos``."""
    ps, _ = _para_bounds(text, pos)
    i = pos - 1
    while i > ps:
        if text[i] in ".!?" and text[i + 1:i + 2] == " " and not (i >= 1 and text[i - 1].isupper()
                                                                     and (i < 2 or not text[i - 2].isalpha())):
            return i + 1
        i -= 1
    return ps


_NAME_WORDS = re.compile(rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?|[{_UP}]\.")


def _speaker_after(ctx: Context, start: int, end: int, persons: list[Entity], quote: tuple[int, int]
                   ) -> str | None:
    for p in persons:
        if start <= p.start < end:
            return _fullest(p.normalized or p.text, persons)
    words = ctx.text[start:end].strip(" ,.–—-")
    if not words:
        return None
    lx = _lex()
    if words.casefold() in lx["pronoun"]:
        p = _last_before(persons, quote[0], quote)
        return _fullest(p.normalized or p.text, persons) if p else None
    p = _by_role(words, persons, quote[0])
    if p is not None:
        return _fullest(p.normalized or p.text, persons)
    # a bare name the person stage did not take (nominative after a speech verb)
    toks = words.split()
    if 1 <= len(toks) <= 3 and all(_NAME_WORDS.fullmatch(t.strip(",.")) for t in toks):
        name = squash(words)
        full = _fullest(name, persons)
        if full != name or len(toks) >= 2 or toks[0].casefold() in _first_names():
            return full
    # a role the person stage did not attach (– заявил глава фонда): the last person named
    # before the quotation; "– говорится в сообщении" names nobody
    if len(toks) <= 5 and _has_role_head(words):
        p = _last_before(persons, quote[0], quote)
        if p is not None:
            return _fullest(p.normalized or p.text, persons)
    return None


def _speaker_before(ctx: Context, open_: int, persons: list[Entity]) -> str | None:
    s = _sentence_before(ctx.text, open_)
    cands = [p for p in persons if s <= p.start and p.end <= open_]
    if cands:
        return _fullest(cands[-1].normalized or cands[-1].text, persons)
    return None


def find_quotes(ctx: Context) -> list[Quote]:
    """Quotations the text attributes to a speaker (a speech verb next to them)."""
    text = ctx.text
    lx = _lex()
    persons = [p for p in _persons(ctx) if not ctx.ignored(p.start, p.end)]
    found: dict[int, Quote] = {}
    for m in lx["after"].finditer(text):
        if ctx.ignored(m.start(), m.end()):
            continue
        close = m.start()
        qs = _open_of(text, close)
        if qs is None:
            continue
        if not _looks_like_speech(text[qs:close]):
            continue
        ts, te = _tail_after(text, m.end())
        speaker = _speaker_after(ctx, ts, te, persons, (qs, close))
        if speaker is None:
            speaker = _speaker_before(ctx, qs, persons)
        found[qs] = Quote(text=squash(text[qs:close]), speaker=speaker, start=qs, end=close)
    for m in lx["colon_open"].finditer(text):
        open_ = m.end() - 1
        if open_ + 1 in found or ctx.ignored(m.start(), m.end()):
            continue
        close = _close_of(text, open_)
        if close is None or not _looks_like_speech(text[open_ + 1:close]):
            continue
        speaker = _speaker_before(ctx, open_, persons)
        if speaker is None and not lx["verb_end"].search(text, max(0, m.start() - 40), m.start()):
            continue  # "Атауы: «…»" is a label, not speech
        found[open_ + 1] = Quote(text=squash(text[open_ + 1:close]), speaker=speaker, start=open_ + 1, end=close)
    for m in lx["according"].finditer(text):
        # По словам Досаева, «…» / Досаевтың айтуынша, «…»
        q = text.find("«", m.end(), min(len(text), m.end() + 100))
        if q < 0 or q + 1 in found or _SENT_END.search(text, m.end(), q) or ctx.ignored(m.start(), q):
            continue
        if len(text[m.end():q].split()) > 3 or not text[m.end():q].rstrip().endswith((",", ":")):
            continue  # "По словам министра, в прошлом году АО «…»": the quote names a company
        close = _close_of(text, q)
        if close is None or not _looks_like_speech(text[q + 1:close]):
            continue
        near = [p for p in persons if m.start() - 40 <= p.start < q]
        if not near:
            continue
        p = min(near, key=lambda x: abs(x.start - m.start()))
        found[q + 1] = Quote(text=squash(text[q + 1:close]), speaker=_fullest(p.normalized or p.text, persons),
                             start=q + 1, end=close)
    return [found[k] for k in sorted(found)]


def _looks_like_speech(inner: str) -> bool:
    """A quotation, not a quoted name: several words (or empty: the seed texts lost some)."""
    return not inner.strip() or len(inner.split()) >= 4


# ============================================================================ source & byline

_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?([a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.[a-z]{2,})/?$", re.I)
_QUOTED_LINE = re.compile(r"^«([^«»]{2,60})»[.,]?$")
_LEDE = re.compile(rf"^[ \t]*[{_UP}][{_UP}{_LOW}\-]+(?:[ \-][{_UP}][{_UP}{_LOW}\-]+)?\.[ \t]+([^\n–—]{{2,40}}?)[ \t]+[–—-][ \t]")
_TOKEN = re.compile(r"«[^«»]{1,60}»|\S+")


def _nice(name: str) -> str:
    """``КАЗИНФОРМ`` → ``Казинформ``; mixed-case names and short acronyms stay as written."""
    name = squash(name.strip(" ,.;:–—-"))
    name = name.strip("«»\"")
    words = name.split()
    out = []
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if len(letters) > 4 and all(c.isupper() for c in letters):
            w = w[:1] + w[1:].lower()
        out.append(w)
    return " ".join(out)


def _content_lines(ctx: Context) -> list[tuple[int, int]]:
    """Non-blank lines outside boilerplate; computed once per document and set of boilerplate
    spans (the structure stage and this one both ask, twice each)."""
    key = tuple(ctx.ignore_spans)
    got = ctx.notes.get("news_content_lines")
    if got is not None and got[0] == key:
        return got[1]
    text = ctx.text
    out = []
    if not ctx.ignore_spans:        # (nothing to be inside: every non-blank line)
        for s, e in line_spans(ctx):
            if not text[s:e].isspace() and s < e:
                out.append((s, e))
    else:
        for s, e in line_spans(ctx):
            if text[s:e].strip() and not any(a <= s and e <= b for a, b in _stripped_ignores(ctx, s, e)):
                out.append((s, e))
    ctx.notes["news_content_lines"] = (key, out)
    return out


def _stripped_ignores(ctx: Context, s: int, e: int) -> list[tuple[int, int]]:
    text = ctx.text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return [(a, b) for a, b in ctx.ignore_spans if a <= s and e <= b]


def _source_after_verb(text: str, pos: int) -> str | None:
    """The outlet named after a source verb: ``Zakon.kz``, ``«Казинформ»`` after skip words, a
    capitalised press office (``Алматы қаласы әкімінің баспасөз қызметі``). A lower-case phrase
    (``пресс-служба главы Правительства``) names no outlet."""
    lx = _lex()
    rest = text[pos:pos + 160].split("\n", 1)[0]
    while True:
        m = lx["skip"].match(rest.lstrip())
        if not m or not m.group().strip():
            break
        rest = rest.lstrip()[m.end():]
    rest = rest.strip()
    m = re.match(r"«([^«»]{2,60})»", rest)
    if m:
        return m.group(1)
    words = rest.split()
    toks: list[str] = []
    k = 0
    for k, t in enumerate(words):
        core = t.rstrip(".,;:")
        if not core or not (core[0].isupper() or _DOMAIN.match(core)):
            break
        toks.append(core)
        if core != t or len(toks) >= 3:
            k += 1
            break
    else:
        k = len(words)
    if not toks:
        return None
    if len(toks) == len(words) or words[len(toks) - 1] != words[len(toks) - 1].rstrip(".,;:"):
        return " ".join(toks)
    nxt = words[len(toks)] if len(toks) < len(words) else ""
    if _DOMAIN.match(toks[-1]) or lx["skip"].match(nxt):
        return " ".join(toks)
    end = _SENT_END.search(rest)
    phrase = rest[:end.start()] if end else rest
    if lx["press"].search(phrase) and len(phrase.split()) <= 8:
        return phrase
    return None


def find_source(ctx: Context, use_title: bool = True) -> str | None:
    """The outlet, from the most explicit place the text has (see the module docstring);
    ``use_title=False`` leaves out the HTML title (the structure stage's news signal)."""
    text = ctx.text
    lx = _lex()
    m = lx["source_label"].search(text)
    if m and not ctx.ignored(m.start(), m.end()):
        return _nice(m.group(1))
    lines = _content_lines(ctx)
    # signature lines at the end: the last short lines after the last long paragraph
    tail: list[str] = []
    for s, e in reversed(lines[-4:]):
        line = text[s:e].strip()
        if len(line) > 100:
            break
        tail.append(line)
    for line in tail:
        q = _QUOTED_LINE.match(line)
        if q:
            return _nice(q.group(1))
        c = _CAPS_NAME.match(line)
        if c and c.group(3):
            return _nice(c.group(3))  # "Динара БІТІК, «Егемен Қазақстан»"
        if _DOMAIN.match(line):
            return line.rstrip("/")
        if lx["press"].search(line) and not line.endswith((".", "!", "?")) and len(line.split()) <= 10:
            return _nice(line)
    for s, e in lines[:6]:
        lm = _LEDE.match(text[s:e])
        if lm:
            return _nice(lm.group(1))
    for m in lx["source_verb"].finditer(text):
        if ctx.ignored(m.start(), m.end()):
            continue
        after = _source_after_verb(text, m.end())
        if after:
            return _nice(after)
        # Kazakh: "Алматы қаласы әкімінің баспасөз қызметі хабарлайды." – the outlet before the verb
        ss = _sentence_before(text, m.start())
        before = text[ss:m.start()].strip()
        if before and lx["press"].search(before) and len(before.split()) <= 8:
            return _nice(before.lstrip("-–— ,"))
    t = ctx.notes.get("format_title") or ""
    if t and use_title:
        pm = re.search(r"\s\|\s*([^|]{2,60})$", t)
        if pm:
            return _nice(pm.group(1))
    return None


_CAPS_NAME = re.compile(rf"^([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)\s+([{_UP}][{_UP}\-]{{2,}})\s*,?\s*"
                        rf"(?:«([^«»]{{2,60}})»\.?)?\s*$")
_PLAIN_NAME = re.compile(rf"^([{_UP}][{_LOW}]+)\s+([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)\s*,?\s*$")


def find_byline(ctx: Context) -> str | None:
    """``Автор: Максим Ковалев``; ``Ерлан ЖҰМАБАЙ,`` above the outlet; a lone name line."""
    text = ctx.text
    m = _lex()["byline_label"].search(text)
    if m:
        return squash(m.group(1)).rstrip(",.;")
    lines = _content_lines(ctx)
    edge = lines[:8] + lines[-4:]
    for s, e in edge:
        line = text[s:e].strip()
        cm = _CAPS_NAME.match(line)
        if cm:
            return f"{cm.group(1)} {cm.group(2)}"
    for s, e in lines[-4:]:
        line = text[s:e].strip()
        pm = _PLAIN_NAME.match(line)
        if pm and pm.group(1).casefold() in _first_names():
            return f"{pm.group(1)} {pm.group(2)}"
    return None


def has_attribution(ctx: Context) -> bool:
    """A news signal for the structure stage: the text names its outlet or its author."""
    return find_source(ctx, use_title=False) is not None or find_byline(ctx) is not None


# ============================================================================ stage

def run(ctx: Context) -> None:
    if ctx.doctype == "decree":
        return
    quotes = find_quotes(ctx)
    ctx.quotes = quotes
    if ctx.doctype != "news":
        return
    ctx.news = {
        "byline": find_byline(ctx),
        "source_name": find_source(ctx),
        "quotes": [{"text": q.text, "speaker": q.speaker, "start": q.start, "end": q.end} for q in quotes],
    }
