"""Document structure: boilerplate spans, document type, title and the news publication date.

This stage runs first because every later one depends on it: entities must not be taken from
view counters, tag clouds or "follow us" lines (``ctx.ignore_spans``); relative dates (биыл, в
прошлом году) resolve against the document date; and decree-only or news-only stages look at
``ctx.doctype``. A decree's adoption date and title come from the decree stage, which knows its
heading and approval lines; this stage dates news from the dateline near the top only, never
from a date in the body.

Document type is decided from strong signals counted over the whole text, because either kind
can lack any single one: a decree has an operative formula (ҚАУЛЫ ЕТЕДІ, ПОСТАНОВЛЯЕТ), a heading
with act kind and number, an appendix approval line, numbered clauses, amendment footnotes; news
has a dateline, quotations with a speech verb, a byline or source line, site furniture.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lexicon
from . import decree as decree_mod
from . import news as news_mod
from .context import Context
from .scan import fast
from .numbers import trie_regex
from .layout import (find_dates, is_full_date, line_spans, lex_rows, literal_keys,
                     phrase_pattern, squash, strip_site_name)

__all__ = ["run", "boilerplate_spans", "detect_doctype", "find_dateline", "find_title"]


# ============================================================================ boilerplate

_NUM = r"(?<![\d:.,])\d+(?:[ \u00a0]\d{3})*"


def _pattern_re(pattern: str) -> str:
    """A boilerplate.tsv pattern as a regex (see that file's header for the small syntax)."""
    toks = pattern.split()
    out: list[str] = []
    prev_word = False
    for t in toks:
        if t == "<N>":
            part, word_like = _NUM, True
        elif t == "<*>":
            part, word_like = r"[^\n]*", False
        elif t.endswith("*") and len(t) > 1:
            part, word_like = re.escape(t[:-1]) + r"\w*", t[-2].isalnum()
        else:
            core = re.escape(t)
            if t[0].isalnum():
                core = r"(?<!\w)" + core
            if t[-1].isalnum():
                core += r"(?!\w)"
            part, word_like = core, t[-1].isalnum()
        if out:
            starts_word = t == "<N>" or t[0].isalnum()
            out.append(r"\s+" if prev_word and starts_word else r"\s*")
        out.append(part)
        prev_word = word_like
    return "".join(out)


_LEAD = r"^[ \t•·*\-–|]*"


@lru_cache(maxsize=1)
def _boilerplate_rows() -> list[tuple[str, str, tuple[str, ...]]]:
    """``(where, regex, prefilter keys)`` per lexicon row."""
    out = []
    for row in lex_rows("boilerplate.tsv"):
        pat = _pattern_re(row["pattern"])
        where = row["where"]
        if where in ("line", "tail") and not row["pattern"].endswith("<*>"):
            pat += r"[ \t.,:;!•·|]*$"
        literal = [w for w in row["pattern"].split() if not w.startswith("<")]
        out.append((where, pat, literal_keys([" ".join(literal)]) if literal else ()))
    return out


@lru_cache(maxsize=1)
def _all_keys() -> frozenset[str]:
    return frozenset(k for _, _, keys in _boilerplate_rows() for k in keys)


@lru_cache(maxsize=512)
def _compiled(where: str, idx: tuple[int, ...]) -> re.Pattern[str]:
    rows = _boilerplate_rows()
    alts = "|".join(rows[i][1] for i in idx)
    if where == "any":
        # searched over the whole text and free to start anywhere: behind a locator that skips
        # in C to the characters a row can start with (scan.fast; several times faster)
        return fast(re.compile("(?:" + alts + ")", re.I))  # type: ignore[return-value]
    return re.compile(_LEAD + "(?:" + alts + ")", re.I | re.M)


@lru_cache(maxsize=1)
def _key_finder() -> tuple[re.Pattern[str], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """One scan for every prefilter key instead of one substring search per key: a lookahead
    that finds, at each position, the longest key starting there (the keys that start there
    too are its prefixes); and for each such key, the rows whose keys occur with it."""
    rows = _boilerplate_rows()
    keys = _all_keys()
    rows_of: dict[str, list[int]] = {}
    for i, (_, _, ks) in enumerate(rows):
        for k in ks:
            rows_of.setdefault(k, []).append(i)
    # rows picked when the key found at a position is k: rows of k and of all its prefixes
    picks = {k: tuple(sorted({i for j in keys if k.startswith(j) for i in rows_of[j]})) for k in keys}
    first = "".join(sorted({k[0] for k in keys}))
    rx = re.compile(rf"(?=[{re.escape(first)}])(?=({trie_regex(keys)}))")
    always = tuple(i for i, (_, _, ks) in enumerate(rows) if not ks)
    return rx, picks, always


def _boilerplate_res(text: str) -> dict[str, re.Pattern[str]]:
    """One regex per kind of span over only the rows whose words occur in ``text``: most texts
    hold none or two of them, and a short alternation scans much faster than all of them."""
    rx, picks, always = _key_finder()
    idx = set(always)
    for k in set(rx.findall(text)):
        idx.update(picks[k])
    rows = _boilerplate_rows()
    picked: dict[str, list[int]] = {"line": [], "any": [], "tail": []}
    for i in sorted(idx):
        picked[rows[i][0]].append(i)
    return {w: _compiled(w, tuple(ix)) for w, ix in picked.items() if ix}


# Front matter of Markdown files (``layout: post``, ``tags: [...]``) survives the Markdown reader.
_FRONT_MATTER = re.compile(r"\A(?:[ \t]*\n)*(?:[ \t]*[A-Za-z_][\w-]*[ \t]*:[^\n]*\n){2,}")
_TAG_TOKEN = re.compile(r"[#@]?[^\W\d_][\w'’.-]*|\d+")
_TAG_SEPS = re.compile(r"[,;|•·#/]")


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """One-word place names (any language): tag clouds of news sites are mostly city names."""
    out = set()
    for row in lexicon.load("places.tsv").rows:
        name = row.get("name", "")
        if name and " " not in name:
            out.add(name.casefold())
    return frozenset(out)


def _is_tag_line(line: str) -> bool:
    """A line of three or more capitalised words and nothing else, one of them a place:
    the tag cloud that news sites print under an article (``Алматы Астана Шымкент IT``)."""
    if "«" in line or "»" in line or line.rstrip().endswith((".", ":", "?", "!")):
        return False
    toks = _TAG_TOKEN.findall(_TAG_SEPS.sub(" ", line))
    if len(toks) < 3 or len(toks) > 40:
        return False
    if len(toks) * 3 < len(line.split()) * 2:
        return False
    for t in toks:
        c = t.lstrip("#@")[:1]
        if not (c.isupper() or c.isdigit()):
            return False
    places = _place_words()
    n_places = sum(1 for t in toks if t.lstrip("#@").casefold() in places)
    # a signature line ("Пресс-служба Президента Республики Казахстан") names one place at most
    return n_places >= 2 or (n_places == 1 and len(toks) >= 5)


def boilerplate_spans(ctx: Context) -> list[tuple[int, int]]:
    """Spans of site furniture (see ``lexicons/boilerplate.tsv``), front matter and tag clouds."""
    text = ctx.text
    n = len(text)
    spans: list[tuple[int, int]] = []
    res = _boilerplate_res(text)

    def eol(pos: int) -> int:
        e = text.find("\n", pos)
        return n if e < 0 else e

    if "line" in res:
        for m in res["line"].finditer(text):
            spans.append((m.start(), eol(m.end() - 1 if m.end() > m.start() else m.end())))
    if "any" in res:
        for m in res["any"].finditer(text):
            spans.append((m.start(), eol(max(m.start(), m.end() - 1))))
    if "tail" in res:
        for m in res["tail"].finditer(text):
            if m.start() * 3 >= n * 2:
                spans.append((m.start(), n))
    fm = _FRONT_MATTER.match(text)
    if fm:
        spans.append((fm.start(), fm.end()))
    # Tag clouds: only after the middle of the text (the title may be a short capitalised line).
    for s, e in line_spans(ctx):
        if s * 5 >= n * 2 and e > s and _is_tag_line(text[s:e]):
            spans.append((s, e))
    return _merge(spans)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


# ============================================================================ news signals

@lru_cache(maxsize=1)
def _news_res() -> dict[str, re.Pattern[str]]:
    rows = lex_rows("news_words.tsv")
    speech = phrase_pattern(r["form"] for r in rows if r["kind"] == "speech_verb")
    label = phrase_pattern(r["form"] for r in rows if r["kind"] in ("source_label", "byline_label"))
    according = phrase_pattern(r["form"] for r in rows if r["kind"] == "according")
    return {
        # «…», – деді / «…» деді / «…», – сказал
        "quote": re.compile(r"»\s*,?\s*[-–—]?\s*" + speech, re.I),
        # По словам Досаева, «…» / Досаевтың айтуынша, «…»
        "according": re.compile(according + r"[^.!?\n«]{0,40}[,:]\s*«", re.I),
        "label": re.compile(r"^[ \t]*" + label + r"\s*:", re.I | re.M),
    }


def _news_score(ctx: Context, dateline: bool) -> int:
    r = _news_res()
    text = ctx.text
    score = 2 if dateline else 0
    score += min(2, len(r["quote"].findall(text)) + len(r["according"].findall(text)))
    if r["label"].search(text) or news_mod.has_attribution(ctx):
        score += 1
    if ctx.ignore_spans:
        score += 1
    return score


def detect_doctype(ctx: Context, dateline: bool) -> str:
    d = decree_mod.decree_signals(ctx)
    if d >= 3:
        return "decree"
    if _news_score(ctx, dateline) >= 1:
        return "news"
    return "other"


# ============================================================================ dateline

_YEAR_OR_DOTTED = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?\b")
_RESIDUE_PUNCT = re.compile(r"[•·|,;:()\[\]/–—\-]+")
_HEAD_LINES = 8


@lru_cache(maxsize=1)
def _byline_label_re() -> re.Pattern[str]:
    labels = [r["form"] for r in lex_rows("news_words.tsv") if r["kind"] == "byline_label"]
    return re.compile(phrase_pattern(labels) + r"\s*:.*$", re.I)


def _content_lines(ctx: Context, limit: int) -> list[tuple[int, int]]:
    """The first ``limit`` non-empty lines that are not boilerplate."""
    out = []
    text = ctx.text
    for s, e in line_spans(ctx):
        seg = text[s:e]
        if not seg.strip():
            continue
        if _covered(ctx, s, e):
            continue
        out.append((s, e))
        if len(out) >= limit:
            break
    return out


def _covered(ctx: Context, s: int, e: int) -> bool:
    """True when the non-blank part of ``[s, e)`` lies inside boilerplate."""
    text = ctx.text
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return any(a <= s and e <= b for a, b in ctx.ignore_spans)


def find_dateline(ctx: Context) -> tuple[int, int, str] | None:
    """``(start, end, date)`` of a dateline among the first lines: a line that is a full date
    plus at most a time, a place or rubric of up to three words, separators, boilerplate and a
    byline (``Қазақстан • 20 Ақпан, 2018``; ``15.05.2015 | 10:42 Автор: …``)."""
    text = ctx.text
    for s, e in _content_lines(ctx, _HEAD_LINES):
        line = text[s:e]
        if len(line) > 200 or not _YEAR_OR_DOTTED.search(line):
            continue
        found = [(a, b, v) for a, b, v in find_dates(line) if is_full_date(v)]
        if not found:
            continue
        chars = list(line)
        for a, b, _ in found:
            chars[a:b] = " " * (b - a)
        for a, b in ctx.ignore_spans:
            if a < e and s < b:
                lo, hi = max(a, s) - s, min(b, e) - s
                chars[lo:hi] = " " * (hi - lo)
        rest = "".join(chars)
        rest = _byline_label_re().sub(" ", rest)
        rest = _TIME.sub(" ", rest)
        rest = _RESIDUE_PUNCT.sub(" ", rest)
        words = rest.split()
        if len(words) <= 3 and sum(len(w) for w in words) <= 30:
            a, b, v = found[0]
            return s + a, s + b, v
    return None


# ============================================================================ title

_LEDE = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ\-]+\s*[.,]\s+\S+\s+[-–—]")
_WORDS = re.compile(r"\w+")


def _title_key(s: str) -> str:
    return " ".join(_WORDS.findall(s.casefold()))


def find_title(ctx: Context, skip: tuple[int, int] | None = None) -> tuple[str, tuple[int, int] | None] | None:
    """The news/other title: the line the HTML/Markdown title names (its site suffix dropped),
    else the first short line near the top that is not a dateline, boilerplate or lede."""
    text = ctx.text
    lines = _content_lines(ctx, _HEAD_LINES)
    fmt_title = ctx.title
    if fmt_title:
        key = _title_key(fmt_title)
        for s, e in lines:
            k = _title_key(text[s:e])
            if k and (k == key or (key.startswith(k) and len(k) * 2 >= len(key))):
                return squash(text[s:e]), (s, e)
        return strip_site_name(fmt_title), None
    for s, e in lines:
        if skip and s <= skip[0] < e:
            continue
        line = text[s:e].strip()
        words = line.split()
        if "|" in line and len(line.split("|")) >= 3:
            return None  # a table row
        if len(words) < 2:
            continue  # a rubric or a lone place name above the title
        if len(words) > 40 or len(line) > 300:
            return None
        if line.endswith((".", ":", ";", ",")) and not line.endswith("..."):
            return None
        if _LEDE.match(line):
            return None
        return squash(line), (s, e)
    return None


# ============================================================================ stage

def run(ctx: Context) -> None:
    line_spans(ctx)
    ctx.notes["format_title"] = ctx.title  # the HTML <title> keeps the site name (news source)
    ctx.ignore_spans = _merge(list(ctx.ignore_spans) + boilerplate_spans(ctx))
    dateline = find_dateline(ctx)
    ctx.doctype = detect_doctype(ctx, dateline is not None)
    if ctx.doctype == "decree":
        # The decree stage sets the adoption date and the act title.
        return
    if dateline is not None:
        ctx.notes["dateline"] = (dateline[0], dateline[1])
        if ctx.doctype == "news":
            ctx.date = dateline[2]
    found = find_title(ctx, (dateline[0], dateline[1]) if dateline else None)
    if found is not None:
        ctx.title, ctx.title_span = found[0], found[1]
