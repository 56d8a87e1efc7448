"""PROGRAM: state programs, strategies, concepts, roadmaps, campaigns and addresses.

Programs are named three ways, and each is found by its own rule:

* quoted names next to a program word (``lexicons/program_heads.tsv``): Kazakh after the name
  (``«Цифрлы Қазақстан» мемлекеттік бағдарламасы``, ``«Мемтапсырыс-2017» акциясы``,
  ``«…» атты Жолдауы``), Russian before it (``Госпрограмма «Цифровой Казахстан»``,
  ``Послание Президента РК … «Третья модернизация»``);
* known names of ``lexicons/programs.tsv`` in any case form, when the text marks them as names
  (capitals or quotes: ``Нұрлы жол``, ``Бизнестің жол картасы-2020``; the common words
  ``болашақ``, ``еңбек``, ``ақылды қала`` are not programs unless capitalised or quoted);
* descriptive titles with a period or horizon (``… 2015 – 2019 жылдарға арналған мемлекеттік
  бағдарламасы``, ``Государственная программа … на 2015 – 2019 годы``, ``Дорожная карта по
  развитию … на 2018 – 2020 годы``), and the short name a decree gives them (``(бұдан әрі – Жол
  картасы)``, ``(далее – Дорожная карта)``), whose later capitalised mentions are the same
  program. Plans (жоспар, план мероприятий) are not programs.

``normalized`` is the name without quotes and without the program word (``Цифрлы Қазақстан``),
or the whole title in citation form for descriptive titles; ``attrs.kind`` comes from the program
word or the lexicon, ``attrs.canonical_id`` from the lexicon.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any, Callable, Sequence

from .. import lexicon
from .context import Context
from .gazetteer import Gazetteer, Unit, doc_units, lexicon_phrases, non_overlapping, phrase_units
from .model import Entity
from .names import clean_name, kk_citation, kk_word, ru_nominative, ru_parses
from .quotes import doc_quotes, is_name_like

__all__ = ["run", "find", "program_quote", "program_gazetteer", "Program"]

_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_MAX_TITLE = 28
# «бұдан әрі – Жол картасы», «далее – Дорожная карта»: a decree's short name for a title.
_DEFINE = re.compile(r"\(\s*(?:бұдан\s+әрі|бұдан\s+әpi|далее)\s*[–-]\s*([^()]{2,60}?)\s*\)", re.I)
# Participles that belong to titles («2015 – 2019 жылдарға арналған»): other verbs end a title.
_TITLE_VERBS_OK = frozenset({"арналған"})


@dataclass(frozen=True, slots=True)
class _Head:
    lemmas: tuple[str, ...]
    kind: str
    position: str
    distance: int


@dataclass
class Program:
    start: int                  # character offsets
    end: int
    normalized: str
    attrs: dict[str, Any] = field(default_factory=dict)
    score: float = 1.0


@lru_cache(maxsize=1)
@lexicon_phrases("program-heads")
def _heads() -> dict[str, list[_Head]]:
    """Last lemma (kk, after) or first lemma (ru, before) → heads."""
    out: dict[str, list[_Head]] = {}
    for r in lexicon.load("program_heads"):
        us = phrase_units(r["head"], r["lang"])
        lem = tuple(u.lemma for u in us)
        h = _Head(lem, r["kind"], r["position"], int(r["distance"] or 0))
        key = lem[-1] if h.position == "after" else lem[0]
        out.setdefault(key, []).append(h)
        # Capitalised or lowercase, one entry serves both (lemmas are lowercase).
    return out


@lru_cache(maxsize=1)
def program_gazetteer() -> Gazetteer:
    return Gazetteer(((r["name"], r["lang"], r) for r in lexicon.load("programs")), cache="programs")


def _head_after(units: Sequence[Unit], i: int) -> tuple[int, _Head] | None:
    """A program word starting at unit ``i`` (Kazakh order): (end unit, head)."""
    best = None
    for k in range(i, min(i + 3, len(units))):
        if k > i and units[k].gap != "":
            break
        for h in _heads().get(units[k].lemma, ()):
            if h.position != "after":
                continue
            n = len(h.lemmas)
            s = k - n + 1
            if s != i:
                continue
            if all(units[s + m].lemma == h.lemmas[m] for m in range(n)):
                if best is None or n > len(best[1].lemmas):
                    best = (k + 1, h)
    return best


def _head_before(units: Sequence[Unit], i: int) -> tuple[int, _Head] | None:
    """A program word ending at unit ``i - 1`` or up to its distance before (Russian order):
    (start unit, head)."""
    for back in range(1, 14):
        s0 = i - back
        if s0 < 0 or units[s0 + 1].gap != "" or units[s0 + 1].sent_start:
            break
        for h in _heads().get(units[s0].lemma, ()):
            if h.position != "before":
                continue
            n = len(h.lemmas)
            if s0 + n > i or not all(units[s0 + m].lemma == h.lemmas[m] for m in range(n)):
                continue
            between = i - (s0 + n)
            if between <= h.distance:
                return s0, h
    return None


def program_quote(d, qa: int, qb: int) -> bool:
    """Is the quoted name at units ``[qa, qb)`` a program (a program word next to it)?"""
    units = d.units
    k = qb
    if k < len(units) and units[k].gap == "" and units[k].norm == "атты":
        k += 1
    if k < len(units) and units[k].gap == "" and _head_after(units, k):
        return True
    return _head_before(units, qa) is not None


def _caps_ok(us: Sequence[Unit], ns: Sequence[Unit]) -> bool:
    from .orgs import _caps_ok as caps

    return caps(list(us), tuple(ns))


def _quoted(ctx: Context, units: list[Unit], starts: list[int], ends: list[int]) -> list[Program]:
    out = []
    for q in doc_quotes(ctx):
        inner = ctx.text[q.start + 1:q.end - 1]
        if not is_name_like(inner):
            continue
        qa, qb = bisect_left(starts, q.start), bisect_right(ends, q.end)
        if qa >= qb:
            continue
        name = clean_name(inner)
        k = qb
        if k < len(units) and units[k].gap == "" and units[k].norm == "атты":
            k += 1
        ha = _head_after(units, k) if k < len(units) and units[k].gap == "" else None
        if ha is not None:
            end, h = ha
            out.append(Program(q.start, units[end - 1].end, name, _known(name, ctx.lang_at(q.start), h.kind), 3.0))
            continue
        hb = _head_before(units, qa)
        if hb is not None:
            s, h = hb
            # With words between (Послание народу Казахстана от … «…»), the mention is the name.
            adjacent = s + len(h.lemmas) == qa
            out.append(Program(units[s].start if adjacent else q.start, q.end, name,
                               _known(name, ctx.lang_at(q.start), h.kind), 3.0))
    return out


def _known(name: str, lang: str, kind: str) -> dict[str, Any]:
    """attrs of a program named in the text: the lexicon's id when the name is known."""
    attrs: dict[str, Any] = {"kind": kind}
    es = program_gazetteer().whole(name, lang)
    if es:
        attrs["canonical_id"] = es[0].data["id"]
    return attrs


def _inside_quote(text: str, quoted: set[tuple[int, int]]) -> Callable[[int, int], bool]:
    """``(s, e)`` → is it inside a quoted span that starts earlier, with words before it?

    That is ``any(a <= s and e <= b and (a, b) != (s, e) and text[a:s].strip() for a, b in
    quoted)``, answered in logarithmic time (a document of thousands of quotes and names made
    that scan quadratic): a span starting at ``s`` or later has nothing before ``s``, and among
    the earlier ones the earliest that reaches ``e`` has the most text before ``s``."""
    srt = sorted(quoted)
    starts = [a for a, _b in srt]
    reach = list(accumulate((b for _a, b in srt), max))

    def test(s: int, e: int) -> bool:
        i = bisect_left(reach, e)           # the first quoted span reaching e (reach is sorted)
        return i < len(srt) and starts[i] < s and bool(text[starts[i]:s].strip())

    return test


def _longer_container(spans: Sequence[tuple[int, int]]) -> Callable[[int, int], bool]:
    """``(a, b)`` → ``any(s <= a and b <= e and (e - s) > (b - a) for s, e in spans)`` in
    logarithmic time: a span starting before ``a`` qualifies when it reaches ``b``, one starting
    at ``a`` when it goes past ``b``."""
    srt = sorted(spans)
    starts = [s for s, _e in srt]
    reach = list(accumulate((e for _s, e in srt), max))
    end_at: dict[int, int] = {}
    for s, e in srt:
        end_at[s] = max(end_at.get(s, e), e)

    def test(a: int, b: int) -> bool:
        i = bisect_left(starts, a)          # spans [0, i) start before a
        if i and reach[i - 1] >= b:
            return True
        m = end_at.get(a)
        return m is not None and m > b

    return test


def _choose(cands: list[Program], org_spans: Sequence[tuple[int, int]], text_len: int) -> list[Program]:
    """Longest (then best scored) candidates first; a candidate overlapping one already chosen,
    or inside a longer organization name, is dropped. Characters taken are marked in a bytearray
    and containment answered by :func:`_longer_container`, instead of scanning every chosen
    candidate and every organization per candidate (quadratic in a name-dense document); with
    empty candidates, whose overlaps characters cannot show, the scan is kept."""
    ordered = sorted(cands, key=lambda c: (-(c.end - c.start), -c.score))
    chosen: list[Program] = []
    if any(c.end <= c.start for c in ordered) or any(c.end > text_len or c.start < 0 for c in ordered):
        for c in ordered:
            if any(c.start < e and s < c.end for s, e in ((x.start, x.end) for x in chosen)):
                continue
            if any(s <= c.start and c.end <= e and (e - s) > (c.end - c.start) for s, e in org_spans):
                continue
            chosen.append(c)
        return chosen
    in_longer_org = _longer_container(org_spans)
    taken = bytearray(text_len + 1)
    for c in ordered:
        if taken.find(1, c.start, c.end) >= 0 or in_longer_org(c.start, c.end):
            continue
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    return chosen


def _lexicon(ctx: Context, units: list[Unit], quoted: set[tuple[int, int]]) -> list[Program]:
    out = []
    in_quote = _inside_quote(ctx.text, quoted)
    for m in non_overlapping(program_gazetteer().find_doc(ctx, units)):
        us = units[m.start:m.end]
        if (us[0].start, us[-1].end) not in quoted and not _caps_ok(us, m.entry.units):
            continue
        st = _state_before(units, m.start)
        if st is None and m.start > 0 and us[0].gap == "" and not us[0].sent_start \
                and units[m.start - 1].cap and not units[m.start - 1].sent_start and "«" not in us[0].raw_gap:
            continue        # Цифрлық Жібек жолы: a longer name that only ends like a known one
        if in_quote(us[0].start, us[-1].end):
            continue        # «Цифрлық Жібек жолын»: inside a longer quoted name
        row = m.entry.data
        last = kk_citation(us[-1].text) if us[-1].lang == "kk" else us[-1].text
        text = ctx.text[us[0].start:us[-1].start] + last
        norm = clean_name(text)
        if us[0].lang == "ru" and len(us) > 1:
            from .orgs import _ru_head_index

            hi = _ru_head_index(us)
            if hi is not None:
                words = [u.text for u in us]
                nom = ru_nominative(words, hi)
                norm = clean_name(nom[0] + "".join(u.raw_gap + w for u, w in zip(us[1:], nom[1:])))
        start = us[0].start
        if st is not None and any(x.lang == "kk" for x in us):
            # Қазақстан Республикасының 2020 жылға дейінгі Стратегиялық даму жоспары
            start = units[st].start
            norm = clean_name(ctx.text[start:us[0].start]) + " " + norm
        out.append(Program(start, us[-1].end, norm,
                           {"kind": row["kind"], "canonical_id": row["id"]}, 2.8))
    return out


def _state_before(units: list[Unit], i: int) -> int | None:
    """Start unit of a state prefix (Қазақстан Республикасының, ҚР) ending right before unit i."""
    from .orgs import _state_gazetteer

    if i == 0 or units[i].gap != "":
        return None
    for back in (1, 2, 3):
        s = i - back
        if s < 0:
            break
        for m in _state_gazetteer().match_at(units, s, i):
            if m.end == i:
                return s
    return None


def _title_ok_kk(u: Unit) -> bool:
    if u.norm in _TITLE_VERBS_OK:
        return True
    w = kk_word(u.text)
    return w.pos not in ("VERB", "PRON", "ADV", "CONJ", "CCONJ", "SCONJ", "PART")


def _kk_title(ctx: Context, units: list[Unit], hs: int, he: int, quotes) -> int | None:
    """Start unit of a Kazakh descriptive title ending with the program word at [hs, he)."""
    from .orgs import _stop_lemmas

    stops = _stop_lemmas()["kk"]
    j = hs - 1
    start = None
    has_period = False
    while j >= 0 and hs - j <= _MAX_TITLE:
        u, nxt = units[j], units[j + 1]
        if "»" in nxt.raw_gap:
            q = next((q for q in quotes if q.end <= nxt.start and q.end >= nxt.start - len(nxt.raw_gap)), None)
            if q is None:
                break
            qa = bisect_left(units, q.start, key=lambda x: x.start)
            start = qa
            j = qa - 1
            if units[qa].sent_start:
                break
            continue
        if nxt.gap not in ("", "-") or nxt.sent_start:
            break
        if u.norm in ("арналған", "дейінгі") and j >= 2 and units[j - 1].lemma == "жыл" \
                and _YEAR.match(units[j - 2].text):
            has_period = True       # «2015 – 2019 жылдарға арналған», «2020 жылға дейінгі»
        if u.lang == "num":
            if not _YEAR.match(u.text):
                break
        elif u.norm in stops and u.lemma != "&" or not _title_ok_kk(u):
            break
        start = j
        if u.sent_start:
            break
        j -= 1
    if start is None or not has_period:
        return None
    while start < hs and (units[start].lang == "num" or units[start].lemma == "&"
                          or not (units[start].cap or units[start].upper or "«" in units[start].raw_gap)):
        # Titles start with a capital or a quote; leading lowercase words belong to the clause.
        if "«" in units[start].raw_gap:
            break
        start += 1
    return start if start < hs else None


def _ru_title(ctx: Context, units: list[Unit], s: int, e: int) -> int | None:
    """End unit (exclusive) of a Russian title starting with a program word at [s, e): its
    dependents up to and including «на 2018 – 2020 годы» / «до 2025 года»."""
    k = e
    last = None
    has_period = False
    # a title that opens a quote ends at its closing quote: «Стратегия Казахстан-2050» | до 2022
    # года (a quoted name inside the title, «Парк инновационных технологий» на 2018 – 2020 годы, does not)
    quoted = "«" in units[s].raw_gap
    while k < len(units) and k - e < _MAX_TITLE:
        u = units[k]
        if u.gap not in ("", "-", ",") or u.sent_start or "(" in u.raw_gap or (quoted and "»" in u.raw_gap):
            break
        if u.lang == "num":
            if not _YEAR.match(u.text):
                break
            last = k
            k += 1
            continue
        if u.norm in ("год", "годы", "года", "годов") and last is not None and units[last].lang == "num":
            has_period = True
            last = k
            break
        pos = {p.tag.POS for p in ru_parses(u.norm)[:2]}
        if pos & {"VERB", "INFN", "GRND", "PRTS"} and not u.cap:
            break
        last = k
        k += 1
    if not has_period or last is None:
        return None
    return last + 1


def _descriptive(ctx: Context, units: list[Unit], quotes) -> list[Program]:
    out = []
    heads = _heads()
    for i, u in enumerate(units):
        cands = heads.get(u.lemma)
        if not cands:
            continue
        for h in cands:
            n = len(h.lemmas)
            if h.position == "after" and u.lang == "kk":
                hs = i - n + 1
                if hs < 0 or not all(units[hs + m].lemma == h.lemmas[m] for m in range(n)):
                    continue
                if kk_word(u.text).plural or h.kind in ("campaign", "message", "initiative"):
                    continue
                st = _kk_title(ctx, units, hs, i + 1, quotes)
                if st is None:
                    continue
                if _owned(ctx, units, st):
                    continue
                text = ctx.text[units[st].start:u.start] + kk_citation(u.text)
                cs = units[st].start
                if cs > 0 and ctx.text[cs - 1] == "«":
                    cs -= 1         # the title opens with a quoted name: the quote is part of it
                out.append(Program(cs, u.end, clean_name(text),
                                   {"kind": h.kind, "descriptive": True}, 3.5))
                break
            if h.position == "before" and u.lang == "ru":
                if i + n > len(units) or not all(units[i + m].lemma == h.lemmas[m] for m in range(n)):
                    continue
                if h.kind in ("campaign", "message", "initiative") or not u.cap:
                    continue
                if i + n < len(units) and "«" in units[i + n].raw_gap:
                    continue    # Госпрограмма «Цифровой Казахстан» на …: the quoted name is the name
                end = _ru_title(ctx, units, i, i + n)
                if end is None:
                    continue
                # Agreeing adjectives before the word (Государственная программа).
                st = i
                words = [x.text for x in units[st:end]]
                nom = ru_nominative(words, n - 1 if n > 1 else 0)
                s = nom[0] + "".join(x.raw_gap + w for x, w in zip(units[st + 1:end], nom[1:]))
                out.append(Program(units[st].start, units[end - 1].end, clean_name(s),
                                   {"kind": h.kind, "descriptive": True}, 3.5))
                break
    return out


def _owned(ctx: Context, units: list[Unit], st: int) -> bool:
    """A title that starts with an organization in the genitive right before its period is that
    body's own plan («ИТП АКҚ-ның 2018 – 2025 жылдарға арналған даму стратегиясы»), not a state
    program («…аймағының базасында … жол картасы» is about the zone, not the zone's)."""
    last = st
    for e in ctx.entities:
        if e.type == "ORG" and e.start <= units[st].start < e.end:
            while last + 1 < len(units) and units[last + 1].end <= e.end:
                last += 1
            break
    else:
        if not units[st].upper:
            return False
    nxt = last + 1
    return kk_word(units[last].text).genitive and nxt < len(units) and bool(_YEAR.match(units[nxt].text))


def _defined(ctx: Context, units: list[Unit], titles: list[Program]) -> list[Program]:
    """Short names a decree gives a program it names (``… мемлекеттік бағдарламасы (бұдан әрі –
    Бағдарлама)``, ``(далее – Дорожная карта)``): their later capitalised mentions are that
    program and get its name. A short name whose title was not found is left alone."""
    out = []
    for m in _DEFINE.finditer(ctx.text):
        short = m.group(1).strip(" «»")
        lang = ctx.lang_at(m.start())
        us = phrase_units(short, lang)
        if not us:
            continue
        hs = _heads()
        kinds = [h.kind for h in hs.get(us[-1].lemma, ()) if h.position == "after"] + [
            h.kind for h in hs.get(us[0].lemma, ()) if h.position == "before"]
        if not kinds:
            continue
        title = next((t for t in titles if 0 <= m.start() - t.end <= 2), None)
        if title is None:
            continue
        attrs = {k: v for k, v in title.attrs.items() if k in ("kind", "canonical_id")}
        attrs["defined_as"] = short
        # A program with a name of its own keeps it («Цифрлы Қазақстан» … (бұдан әрі –
        # Бағдарлама)); a descriptive title is called by the short name the decree gives it.
        name = title.normalized if not title.attrs.get("descriptive") else None
        gz = Gazetteer([(short, lang, None)])
        for mm in gz.find(units):
            mu = units[mm.start:mm.end]
            if mu[0].start >= m.start() and mu[-1].end <= m.end():
                continue
            if not mu[0].cap:
                continue
            norm = name
            if norm is None:
                last = kk_citation(mu[-1].text) if mu[-1].lang == "kk" else mu[-1].text
                norm = clean_name(ctx.text[mu[0].start:mu[-1].start] + last)
                if mu[0].lang == "ru":
                    words = [x.text for x in mu]
                    head_i = next((k for k, x in enumerate(mu) if any(
                        p.tag.POS == "NOUN" for p in ru_parses(x.norm)[:1])), 0)
                    nom = ru_nominative(words, head_i)
                    norm = clean_name(nom[0] + "".join(x.raw_gap + w for x, w in zip(mu[1:], nom[1:])))
                attrs["title"] = title.normalized
            out.append(Program(mu[0].start, mu[-1].end, norm, dict(attrs), 2.5))
    return out


def find(ctx: Context) -> list[Program]:
    """Programs of a document, non-overlapping, by position (cached in ``ctx.notes``)."""
    cached = ctx.notes.get("programs")
    if cached is not None:
        return cached
    units = doc_units(ctx)
    if not units:
        ctx.notes["programs"] = []
        return []
    starts = [u.start for u in units]
    ends = [u.end for u in units]
    quotes = [q for q in doc_quotes(ctx) if is_name_like(ctx.text[q.start + 1:q.end - 1])]
    quoted = {(q.start + 1, q.end - 1) for q in quotes}
    cands: list[Program] = []
    cands += _quoted(ctx, units, starts, ends)
    cands += _lexicon(ctx, units, quoted)
    titles = _descriptive(ctx, units, quotes)
    cands += titles
    cands += _defined(ctx, units, cands)
    org_spans = ctx.notes.get("org_spans", [])
    chosen = _choose(cands, org_spans, len(ctx.text))
    chosen.sort(key=lambda c: c.start)
    ctx.notes["programs"] = chosen
    return chosen


def _main_title(p: Program) -> None:
    """Titled addresses and strategies are cited by their main title: «Третья модернизация:
    глобальная конкурентоспособность» → Третья модернизация (the full title goes to attrs)."""
    main, sep, sub = p.normalized.partition(":")
    if sep and main.strip() and sub.strip():
        p.attrs.setdefault("title", p.normalized)
        p.normalized = main.strip()


def run(ctx: Context) -> None:
    for p in find(ctx):
        _main_title(p)
        ctx.add(Entity("PROGRAM", p.start, p.end, ctx.text[p.start:p.end], p.normalized,
                       dict(p.attrs), 0.9 + p.score / 60))
