"""Helpers the document-structure stages share (structure, decree, measures, glossary, news).

They all read the text as lines (headings, signatures, table rows and glossary entries are
line-shaped), match word lists from lexicons as regular expressions compiled once, and call
parsers that other stages own (dates, laws, numbers) which may be absent while the pipeline is
being assembled — a missing parser must degrade one field, not break the stage.
"""
from __future__ import annotations

import importlib
import re
from bisect import bisect_right
from functools import lru_cache
from types import ModuleType
from typing import Any, Iterable

from .. import lexicon
from .context import Context

__all__ = [
    "optional", "parse_date", "find_dates", "parse_act", "find_acts", "parse_amount",
    "line_spans", "line_at", "phrase_pattern", "lex_rows", "forms", "QUOTES_RE", "strip_quotes",
    "is_full_date", "has_year", "literal_keys", "any_key", "squash", "strip_site_name",
]

QUOTES_RE = re.compile(r"[«»\"“”„]")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=None)
def optional(name: str) -> ModuleType | None:
    """``itp_docs.extract.<name>`` or None when that module does not exist (yet)."""
    full = f"{__package__}.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as e:
        if e.name == full:
            return None
        raise


def _call(module: str, func: str, *args: Any, default: Any = None) -> Any:
    mod = optional(module)
    fn = getattr(mod, func, None) if mod is not None else None
    if fn is None:
        return default
    return fn(*args)


def parse_date(text: str, ref: str | None = None) -> Any:
    """dates.parse_date, or None while the date parser is missing."""
    return _call("dates", "parse_date", text, ref)


def find_dates(text: str, ref: str | None = None) -> list[tuple[int, int, Any]]:
    return _call("dates", "find_dates", text, ref, default=[]) or []


def parse_act(text: str) -> dict | None:
    return _call("laws", "parse_act", text)


def find_acts(text: str) -> list[tuple[int, int, dict]]:
    return _call("laws", "find_acts", text, default=[]) or []


def parse_amount(text: str) -> tuple[float, str] | None:
    return _call("numbers", "parse_amount", text)


_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YEAR = re.compile(r"^\d{4}")


def is_full_date(value: Any) -> bool:
    return isinstance(value, str) and bool(_FULL_DATE.match(value))


def has_year(value: Any) -> bool:
    """A date value that names a year (not "--05-01", not a recurring marker)."""
    if isinstance(value, str):
        return bool(_YEAR.match(value))
    if isinstance(value, dict):
        return any(isinstance(value.get(k), str) and _YEAR.match(value[k])
                   for k in ("start", "end", "value"))
    return False


# ----------------------------------------------------------------------------- lines

_LINE = re.compile(r"[^\n]*")


def line_spans(ctx: Context) -> list[tuple[int, int]]:
    """``(start, end)`` of every line of ``ctx.text`` (end excludes the newline), computed once."""
    spans = ctx.notes.get("lines")
    if spans is None:
        spans = []
        pos = 0
        text = ctx.text
        n = len(text)
        while pos <= n:
            nl = text.find("\n", pos)
            if nl < 0:
                spans.append((pos, n))
                break
            spans.append((pos, nl))
            pos = nl + 1
        ctx.notes["lines"] = spans
        ctx.notes["line_starts"] = [s for s, _ in spans]
    return spans


def line_at(ctx: Context, pos: int) -> int:
    """Index of the line holding ``pos``."""
    line_spans(ctx)
    return max(0, bisect_right(ctx.notes["line_starts"], pos) - 1)


# ----------------------------------------------------------------------------- lexicon patterns

def _word_re(word: str) -> str:
    if word.endswith("*") and len(word) > 1:
        core = re.escape(word[:-1])
        return (r"\b" if word[0].isalnum() else "") + core + r"\w*"
    core = re.escape(word)
    left = r"(?<!\w)" if word[0].isalnum() else ""
    right = r"(?!\w)" if word[-1].isalnum() else ""
    return left + core + right


def phrase_pattern(phrases: Iterable[str]) -> str:
    """One alternation for lexicon phrases: words joined by any whitespace, ``word*`` a prefix,
    longest phrases first so that ``өзгерістер мен толықтырулар енгізілді`` wins over a part."""
    alts: list[tuple[str, str]] = []        # (first character, regex), in the order above
    firsts: set[str] = set()
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        words = p.split()
        if words:
            alts.append((words[0][0], r"\s+".join(_word_re(w) for w in words)))
            c = words[0][0]
            firsts.update((re.escape(c.lower()), re.escape(c.upper())))
    if not alts:
        return "(?!)"
    # the lookahead on first letters lets a scan skip most positions without trying every phrase
    return "(?=[" + "".join(sorted(firsts)) + "])" + _grouped(tuple(alts))


@lru_cache(maxsize=256)
def _grouped(alts: tuple[tuple[str, str], ...]) -> str:
    """The alternation of ``alts`` (first character, regex), factored so that the regex engine
    tries one branch per position instead of every phrase: the word-start assertion all of
    them begin with is tested once, and phrases are grouped by their first letter, which is
    then matched once. It matches exactly what the plain ordered alternation matches, with or
    without IGNORECASE: phrases whose first letters differ (case-insensitively) can never match
    at the same position, so only the order inside a group matters, and it is kept. When two
    first letters could match the same character under case folding, the plain form is used."""
    plain = "(?:" + "|".join(r for _, r in alts) + ")"
    keys: dict[str, list[tuple[str, str]]] = {}
    for c, r in alts:
        keys.setdefault(c.lower(), []).append((c, r))
    ks = list(keys)
    for i, a in enumerate(ks):
        for b in ks[i + 1:]:
            if re.fullmatch(re.escape(a), b, re.I) or re.fullmatch(re.escape(b), a, re.I):
                return plain
    # Every phrase starts with a word (a letter or digit): its (?<!\w) or \b is tested once.
    hoist = all(c.isalnum() for c, _ in alts)
    groups = []
    for members in keys.values():
        c0 = members[0][0]
        if all(c == c0 for c, _ in members):
            heads = (r"(?<!\w)" + re.escape(c0), r"\b" + re.escape(c0)) if c0.isalnum() else (re.escape(c0),)
            rests = []
            for _, r in members:
                head = next((h for h in heads if r.startswith(h)), None)
                if head is None:
                    return plain
                rests.append(r[len(head):])
            lead = re.escape(c0) if hoist or not c0.isalnum() else r"(?<!\w)" + re.escape(c0)
            groups.append(lead + "(?:" + "|".join(rests) + ")")
        else:
            groups.append("(?:" + "|".join(r for _, r in members) + ")")
    return (r"(?<!\w)" if hoist else "") + "(?:" + "|".join(groups) + ")"


def literal_keys(phrases: Iterable[str]) -> tuple[str, ...]:
    """Cheap prefilter keys for phrases: the second to seventh letters of each phrase's longest
    word, in lower and upper case (the first letter may be capitalised either way). A text that
    contains none of them cannot match, and ``str.__contains__`` is far faster than a regex
    alternation tried at every position."""
    keys: set[str] = set()
    for p in phrases:
        words = [w.rstrip("*") for w in p.split()]
        w = max(words, key=len) if words else ""
        core = w[1:7] if len(w) > 3 else w
        if not core:
            continue
        keys.update((core.lower(), core.upper()))
    return tuple(sorted(keys))


def any_key(text: str, keys: tuple[str, ...]) -> bool:
    return any(k in text for k in keys)


def lex_rows(name: str) -> list[dict]:
    return lexicon.load(name).rows


def forms(name: str, kind: str, lang: str | None = None, col: str = "form",
          kind_col: str = "kind") -> list[str]:
    return [r[col] for r in lexicon.load(name).rows
            if r[kind_col] == kind and (lang is None or r.get("lang") in (lang, "any"))]


# ----------------------------------------------------------------------------- small text helpers

def strip_quotes(s: str) -> str:
    """Quotes removed and whitespace collapsed: the scorer's and the index's view of a name."""
    return _SPACES.sub(" ", QUOTES_RE.sub("", s)).strip()


def squash(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


_SITE_SUFFIX = re.compile(r"\s+(?:\||–|-|—|::|»)\s+[^|–—]{2,60}$")


def strip_site_name(title: str) -> str:
    """An HTML title without the site name after the last separator (``… | Zakon.kz``)."""
    m = _SITE_SUFFIX.search(title)
    if m is None or len(title[:m.start()].split()) < 3 or len(m.group().split()) > 6:
        return title.strip()  # "Казахстан - Китай: новые соглашения" is one title
    return title[:m.start()].strip()
