"""LOC: countries, regions, cities, districts and landmarks, in any case form and script.

Places come from ``lexicons/places.tsv`` through the gazetteer (``Алматыдағы``, ``Алматинской
области``, ``в Астане``, ``Нұр-Сұлтанда``, ``Жамбыл облысының``), from geographic abbreviations of
``lexicons/abbreviations.tsv`` (``АҚШ``, ``ШҚО``, ``ҚР``), and from district and region phrases
that the lexicon does not list: a capitalised name before ``ауданы``/``облысы`` (Kazakh) or an
adjective in -ский before ``район``/``область`` (Russian).

What is *not* a place mention, by rule: a place inside an organization or program name
(``Алматы қаласының әкімдігі``, ``«Цифрлы Қазақстан»``) or inside any quoted name (``«Егемен
Қазақстан»``); an adjective (``алматылық``, ``казахстанских``: the lemmas differ); a person's name
that is also a place (``Абай Құнанбаев``); an international body named by its abbreviation,
except where the text uses it as a region (``ТМД елдерінде``, ``стран СНГ``).

``normalized`` is the lexicon name that matched, in the nominative (``Алматыдағы`` → ``Алматы``,
``в Астане`` → ``Астана``, ``Нұр-Сұлтанда`` → ``Нұр-Сұлтан``: the text's own name, not today's);
abbreviations of the state (ҚР, РК) become the country's name in the document's language.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import Any

from .. import lexicon
from .context import Context
from .gazetteer import Gazetteer, Match, Unit, doc_units
from .model import Entity
from .names import kk_citation, kk_word, ru_nominative, ru_parses
from .quotes import doc_quotes, is_name_like

__all__ = ["run", "find", "place_gazetteer"]

_SURNAME = re.compile(r"(ов|ев|ин|ова|ева|ина|ұлы|қызы|улы|кызы)([а-яәғқңөұүһі]{0,6})$", re.I)
_RU_ADJ_PLACE = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[а-яё]+)?(ский|цкий|ская|цкая)$", re.I)
_RU_ADJ_FORM = re.compile(r"(ск|цк)(ий|ая|ое|ого|ому|ом|ой|ую|им|ие|их|ими|ая)$")
# A surname ending the lexicon name lacks: Абаев is not Абай, Жамбылов is not Жамбыл.
_SURNAME_TAIL = re.compile(r"(ов|ев|ёв|ин)(а|у|ым|ой|е|ым|ым)?$")


@lru_cache(maxsize=1)
def place_gazetteer() -> Gazetteer:
    return Gazetteer(((r["name"], r["lang"], r) for r in lexicon.load("places")), cache="places")


@lru_cache(maxsize=1)
def _canonical_names() -> dict[tuple[str, str], str]:
    """(id, lang) → the first name of that id in that language."""
    out: dict[tuple[str, str], str] = {}
    for r in lexicon.load("places"):
        out.setdefault((r["id"], r["lang"]), r["name"])
    return out


@lru_cache(maxsize=1)
def _geo_abbreviations() -> Gazetteer:
    """Abbreviations of places and of the state (abbreviations.tsv kinds geo and state)."""
    places = place_gazetteer()
    names = []
    for r in lexicon.load("abbreviations"):
        if r["kind"] not in ("geo", "state"):
            continue
        lang = r["lang"] if r["lang"] in ("kk", "ru") else "lat"
        ents = places.whole(r["full"], lang if lang != "lat" else "kk")
        pid = ents[0].data["id"] if ents else None
        ptype = ents[0].data["type"] if ents else "country"
        names.append((r["short"], lang, {"id": pid, "type": ptype, "short": r["short"],
                                         "kind": r["kind"]}))
    return Gazetteer(names, cache="geo-abbreviations")


@lru_cache(maxsize=1)
def _first_names() -> frozenset[str]:
    try:
        lex = lexicon.load("first_names")
    except lexicon.LexiconError:
        return frozenset()
    col = "name" if "name" in lex.columns else lex.columns[0]
    return frozenset(v.lower() for v in lex.values(col))


@lru_cache(maxsize=1)
def _place_heads() -> dict[str, dict[str, str]]:
    """lang → lemma → type, for the place nouns of org_heads.tsv (аудан, облыс, район, ...)."""
    out: dict[str, dict[str, str]] = {}
    for r in lexicon.load("org_heads"):
        if r["part"] == "place":
            out.setdefault(r["lang"], {})[r["head"]] = r["kind"]
    return out


def _blocked_spans(ctx: Context) -> list[tuple[int, int]]:
    """Spans no place is taken from: programs, persons, dates (Қазан айында), quoted names
    (organizations are handled by :func:`_place_in_org`)."""
    from . import programs

    spans = [(e.start, e.end) for e in ctx.entities if e.type in ("PERSON", "PROGRAM", "DATE")]
    spans += [(p.start, p.end) for p in programs.find(ctx)]
    for q in doc_quotes(ctx):
        if is_name_like(ctx.text[q.start + 1:q.end - 1]):
            spans.append((q.start, q.end))
    return sorted(spans)


def _place_in_org(ctx: Context, units: list[Unit], s: int, e: int,
                  orgs: "_Spans") -> bool | None:
    """For a place at units [s, e) inside an organization name: is it still a place mention?
    None when it is not inside one. It is when the name locates the body: a Kazakh name that
    starts with the place in the genitive, before a place noun or as the state prefix
    (``АҚШ-тың Пенсильвания университеті``, ``Алматы қаласының әкімдігі``, ``Қазақстан
    Республикасы Қаржы министрлігі``); a Russian name where it follows the head (``акимат города
    Алматы``, ``Министерство финансов Республики Казахстан``). Brand-like uses are not
    (``Алматы әлеуметтік-кәсіпкерлік корпорациясы``, ``Еуразия ұлттық университеті``)."""
    cs, ce = units[s].start, units[e - 1].end
    org = orgs.containing(cs, ce)
    if org is None:
        return None
    ph = _place_heads()
    last = units[e - 1]
    if last.lang == "kk" or ctx.lang_at(cs) == "kk":
        if e < len(units) and ph.get("kk", {}).get(kk_word(units[e].text).lemma.lower()):
            return True
        if kk_word(last.text).genitive or last.upper:
            return True
        return len(units[s:e]) > 1 and units[s].start <= org[0] + 1
    return units[s].start > org[0] + 1


class _Spans:
    """Character spans asked, for every candidate place, whether one overlaps or contains it.

    Answers what ``any(...)``/``next(...)`` over the list answered, in list order, but in
    logarithmic time for the usual sorted, non-overlapping lists: a document with thousands of
    names and places must not cost their product."""

    __slots__ = ("spans", "_starts", "_maxend", "_disjoint")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self._starts = [a for a, _ in spans]
        ordered = all(spans[k][0] <= spans[k + 1][0] for k in range(len(spans) - 1))
        self._maxend: list[int] | None = None
        self._disjoint = ordered and all(spans[k][1] <= spans[k + 1][0] for k in range(len(spans) - 1))
        if ordered:
            mx, out = -1, []
            for _, b in spans:
                mx = b if b > mx else mx
                out.append(mx)
            self._maxend = out

    def overlaps(self, s: int, e: int) -> bool:
        """Does any span overlap ``[s, e)``?"""
        if self._maxend is None:
            return any(a < e and s < b for a, b in self.spans)
        k = bisect_left(self._starts, e)        # spans [0, k) start before e
        return k > 0 and self._maxend[k - 1] > s

    def containing(self, s: int, e: int) -> tuple[int, int] | None:
        """The first span (in list order) that contains ``[s, e)`` (``s < e``)."""
        if not self._disjoint:
            return next(((a, b) for a, b in self.spans if a <= s and e <= b), None)
        k = bisect_right(self._starts, s) - 1   # the only candidate: the last span starting <= s
        if k >= 0 and e <= self.spans[k][1]:
            return self.spans[k]
        return None


def _caps_ok(us: list[Unit], ns: tuple[Unit, ...], ptype: str = "") -> bool:
    """The proper words of the name are capitalised in the text; a one-word name at a sentence
    start must not be a common word there."""
    proper = [k for k, n in enumerate(ns) if n.cap or n.upper]
    if not proper:
        return False
    # The first capital and every abbreviation must be there; texts vary on inner capitals
    # (Российская федерация).
    for k in proper:
        if k != proper[0] and not ns[k].upper:
            continue
        if not (us[k].cap or us[k].upper):
            return False
    if len(ns) == 1 and us[0].sent_start and not ns[0].upper:
        if us[0].lang == "kk":
            # Astana is also 'a capital', Арал 'an island': at a sentence start a settlement,
            # country or region name is still the place; smaller places must look like names.
            pos = kk_word(us[0].text).pos
            return pos in ("PROPN", None) or (ptype in ("city", "country", "region") and pos != "VERB")
        if us[0].lang == "ru":
            p = ru_parses(us[0].norm)
            return not p or "Geox" in p[0].tag or p[0].tag.POS not in ("NOUN", "ADJF", "VERB", "ADVB")
    return True


def _person_like(units: list[Unit], m: Match) -> bool:
    """A place name that is also a first name, followed by a surname (Абай Құнанбаев), or a
    surname built on a place name (Абаев: the analyser's lemma is Абай)."""
    if m.end - m.start != 1:
        return False
    u = units[m.start]
    if _SURNAME_TAIL.search(u.norm) and not _SURNAME_TAIL.search(m.entry.units[0].norm):
        return True
    if m.end >= len(units):
        return False
    nxt = units[m.end]
    if u.norm not in _first_names() and kk_word(u.text).lemma.lower() not in _first_names():
        return False
    return nxt.cap and nxt.gap == "" and bool(_SURNAME.search(nxt.norm))


@lru_cache(maxsize=1)
def _fuzz():
    """rapidfuzz.fuzz, imported on first use (an import statement per candidate costs more
    than the comparison)."""
    from rapidfuzz import fuzz

    return fuzz


def _pick(matches: list[Match], lang: str, surface: str) -> Match:
    """Among lexicon rows matching the same words, the one in the text's language, spelled most
    like the text (Силиконды алқапта → Силиконды алқап, not Силикон алқабы)."""
    if any(ch.isascii() and ch.isalpha() for ch in surface):
        lang = "lat"        # a Latin-script mention keeps its Latin name (Almaty, not Алматы)
    same = [m for m in matches if m.entry.lang == lang] or [
        m for m in matches if m.entry.lang in ("kk", "ru")] or matches
    if len(same) == 1:
        return same[0]
    fuzz = _fuzz()
    low = surface.lower()
    return max(same, key=lambda m: fuzz.ratio(m.entry.name.lower(), low))


def _phrase_places(ctx: Context, units: list[Unit]) -> list[tuple[int, int, str, dict]]:
    """District and region phrases the lexicon lacks, as (start unit, end unit, normalized,
    attrs): «Осакаров ауданы», «Медеуский район», and coordinated ones sharing a plural head
    («Каркаралинском, Осакаровском и Бухар-Жырауском районах», «Қарқаралы, Осакаров және
    Бұқар жырау аудандарында»): each name gets the head in the singular."""
    out = []
    ph = _place_heads()
    kk_heads, ru_heads = ph.get("kk", {}), ph.get("ru", {})
    for i, u in enumerate(units):
        if i == 0 or u.gap != "" or (u.lemma not in kk_heads and u.lemma not in ru_heads):
            continue
        if u.lang == "kk":
            w = kk_word(u.text)
            typ = ph.get("kk", {}).get(w.lemma.lower())
            if typ not in ("district", "region") or not (w.possessive or w.plural):
                continue
            head = _kk_singular_head(w.lemma.lower()) if w.plural else kk_citation(u.text)
            names = _kk_names_before(units, i)
            if not w.plural:
                names = names[-1:]
            for a, b in names:
                text = ctx.text[units[a].start:units[b - 1].end] + " " + head
                out.append((a, i + 1 if b == i else b, text, {"type": typ}))
        elif u.lang == "ru":
            typ = ph.get("ru", {}).get(u.lemma)
            if typ not in ("district", "region"):
                continue
            plural = any(p.tag.number == "plur" for p in ru_parses(u.norm)[:1])
            names = _ru_adjectives_before(units, i)
            if not plural:
                names = names[-1:]
            for a in names:
                adj = ru_nominative([units[a].text, u.text], 1)[0] if not plural else None
                if not adj or not _RU_ADJ_PLACE.match(adj):
                    adj = _ru_adj_sing(units[a].text, u.lemma)
                if not adj or not _RU_ADJ_PLACE.match(adj):
                    continue
                end = i + 1 if a == i - 1 else a + 1
                out.append((a, end, adj + " " + u.lemma, {"type": typ}))
    return out


def _kk_singular_head(lemma: str) -> str:
    from .orgs import _kk_possessives

    return _kk_possessives(lemma)[0]


def _kk_ok_name_word(u: Unit) -> bool:
    if u.lang not in ("kk", "ru") or u.lemma == "&":
        return False
    w = kk_word(u.text)
    return not w.genitive and not w.oblique and not w.plural


def _kk_names_before(units: list[Unit], i: int) -> list[tuple[int, int]]:
    """Names before a Kazakh place noun, coordinated by commas and және, as [(start, end)] left
    to right. A name is one or two words, the first capitalised (Осакаров, Бұқар жырау, Шығыс
    Қазақстан); a name at a sentence start is not taken (Бұл ауданы)."""
    out: list[tuple[int, int]] = []
    j = i - 1
    while j >= 0:
        end = j + 1
        if units[j].cap:
            a = j
        elif j >= 1 and units[j - 1].cap and units[j].gap == "":
            a = j - 1
        else:
            break
        if a >= 1 and units[a - 1].cap and units[a].gap == "" and not units[a].sent_start \
                and a == j and _kk_ok_name_word(units[a - 1]):
            a -= 1
        if not all(_kk_ok_name_word(units[k]) for k in range(a, end)) or units[a].sent_start:
            break
        out.insert(0, (a, end))
        if units[a].gap == "," and a >= 1:
            j = a - 1
            continue
        if a >= 2 and units[a - 1].lemma == "&" and units[a].gap == "" and units[a - 1].gap == "":
            j = a - 2
            continue
        break
    return out


def _ru_adjectives_before(units: list[Unit], i: int) -> list[int]:
    """Capitalised adjectives in -ский/-цкий before a Russian place noun, coordinated by commas
    and «и» (Каркаралинском, Осакаровском и Бухар-Жырауском районах)."""
    out: list[int] = []
    j = i - 1
    while j >= 0:
        u = units[j]
        if not u.cap or u.sent_start or u.lang != "ru" or not _RU_ADJ_FORM.search(u.norm):
            break
        out.insert(0, j)
        if u.gap == "," and j >= 1:
            j -= 1
            continue
        if j >= 2 and units[j - 1].lemma == "&" and u.gap == "" and units[j - 1].gap == "":
            j -= 2
            continue
        break
    return out


def _ru_adj_sing(word: str, head: str) -> str | None:
    """The nominative singular of an adjective agreeing with a place noun (район → -ский,
    область → -ская); by pymorphy, else by the regular ending (unknown adjectives from names)."""
    gender = {"район": "masc", "область": "femn"}.get(head)
    m = _RU_ADJ_FORM.search(word)
    if m and gender:
        return word[:m.start(2)] + ("ий" if gender == "masc" else "ая")
    base, sep, last = word.rpartition("-")
    target = last if sep else word
    for p in ru_parses(target):
        if p.tag.POS == "ADJF":
            f = p.inflect({"nomn", "sing", gender} if gender else {"nomn", "sing"})
            if f is not None:
                w = f.word
                w = w[:1].upper() + w[1:] if target[:1].isupper() else w
                return (base + "-" + w) if sep else w
    return None


class _Units:
    """What the orgs helper ``_geographic_use`` reads of its document: the units (a class made
    once, not per document)."""

    def __init__(self, us: list[Unit]) -> None:
        self.units = us


def find(ctx: Context) -> list[tuple[int, int, str, dict[str, Any]]]:
    """Place mentions as (start, end, normalized, attrs), by position."""
    units = doc_units(ctx)
    if not units:
        return []
    blocked = _Spans(_blocked_spans(ctx))
    orgs = _Spans([(e.start, e.end) for e in ctx.entities if e.type == "ORG"])
    cands: list[tuple[int, int, int, str, dict[str, Any]]] = []   # (start, end, priority, norm, attrs)

    def usable(s: int, e: int) -> bool | None:
        """None: not usable; else whether the place is inside an organization name."""
        in_org = _place_in_org(ctx, units, s, e, orgs)
        if blocked.overlaps(units[s].start, units[e - 1].end) or in_org is False:
            return None
        return bool(in_org)

    by_span: dict[tuple[int, int], list[Match]] = {}
    for m in place_gazetteer().find_doc(ctx, units):
        by_span.setdefault((m.start, m.end), []).append(m)
    for (s, e), ms in by_span.items():
        us = units[s:e]
        cs, ce = us[0].start, us[-1].end
        in_org = usable(s, e)
        if in_org is None:
            continue
        m = _pick(ms, ctx.lang_at(cs), ctx.text[cs:ce])
        if not _caps_ok(us, m.entry.units, m.entry.data["type"]) or _person_like(units, m):
            continue
        row = m.entry.data
        name = m.entry.name
        canon = _canonical_names().get((row["id"], m.entry.lang), name)
        if row["type"] == "country" and canon != name and canon.lower() in name.lower():
            # Official long forms (Қазақстан Республикасы) are cited by the country's name.
            name = canon
        attrs = {"canonical_id": row["id"], "type": row["type"]}
        if in_org:
            attrs["in_org"] = True
        cands.append((s, e, 2, name, attrs))
    # Abbreviations: АҚШ, ШҚО, ҚР / РК.
    for m in _geo_abbreviations().find_doc(ctx, units):
        us = units[m.start:m.end]
        if not all(u.upper for u in us):
            continue
        if any(u.text.split("-", 1)[0] != n.text for u, n in zip(us, m.entry.units)):
            continue
        in_org = usable(m.start, m.end)
        if in_org is None:
            continue
        info = m.entry.data
        attrs = {"type": info["type"], "abbr": info["short"]}
        if in_org:
            attrs["in_org"] = True
        if info["id"]:
            attrs["canonical_id"] = info["id"]
        norm = us[-1].text.split("-", 1)[0] if len(us) == 1 else " ".join(u.text for u in us)
        if info["kind"] == "state" and info["id"]:
            norm = _canonical_names().get((info["id"], ctx.lang_at(us[0].start)), norm)
        cands.append((m.start, m.end, 2, norm, attrs))
    # International bodies used as regions: ТМД елдерінде, стран СНГ.
    from .orgs import _abbr_gazetteer, _geographic_use, _international_ids, org_abbreviations

    for m in _abbr_gazetteer().find_doc(ctx, units):
        us = units[m.start:m.end]
        if not all(u.upper for u in us):
            continue
        rows = org_abbreviations().get(m.entry.name, [])
        ids = {r.get("org") for r in rows} & _international_ids()
        if not ids or not _geographic_use(_Units(units), m.start, m.end):
            continue
        cands.append((m.start, m.end, 2, m.entry.name, {"type": "world_region",
                                                          "canonical_id": sorted(ids)[0]}))
    for s, e, norm, attrs in _phrase_places(ctx, units):
        in_org = usable(s, e)
        if in_org is None:
            continue
        if in_org:
            attrs["in_org"] = True
        known = place_gazetteer().whole(norm, ctx.lang_at(units[s].start))
        if known:
            attrs.update({"canonical_id": known[0].data["id"], "type": known[0].data["type"]})
            norm = known[0].name
        cands.append((s, e, 3, norm, attrs))
    out: list[tuple[int, int, str, dict[str, Any]]] = []
    # Units already given to a longer candidate (a bytearray: thousands of candidates must not
    # each be checked against all taken ones); candidates always hold at least one unit.
    taken = bytearray(len(units) + 1)
    for s, e, _p, norm, attrs in sorted(cands, key=lambda c: (-(c[1] - c[0]), -c[2], c[0])):
        if taken.find(1, s, e) >= 0:
            continue
        taken[s:e] = b"\x01" * (e - s)
        out.append((units[s].start, units[e - 1].end, norm, attrs))
    out.sort(key=lambda x: (x[0], x[1]))
    return out


def run(ctx: Context) -> None:
    # A place inside an organization name scores below the name, so that overlap resolution
    # keeps the organization; ``attrs.in_org`` marks it for a resolver that keeps nested places.
    for s, e, norm, attrs in find(ctx):
        ctx.add(Entity("LOC", s, e, ctx.text[s:e], norm, attrs, 0.5 if attrs.get("in_org") else 0.85))
