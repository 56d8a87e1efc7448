"""ORG: organizations in Kazakh and Russian text, with legal form, canonical id and abbreviation.

Organization names reach us in six shapes, each found by its own rule and all resolved together
(longest span first, then the more reliable rule):

* known names from ``lexicons/orgs.tsv`` in any case form (through :mod:`.gazetteer`);
* quoted names with what surrounds them: a legal form (``«Қазақтелеком» АҚ``, ``АО
  «Казахтелеком»``), a type phrase (``«Даму» қоры``, ``«Инновациялық технологиялар паркі»
  автономды кластерлік қоры``, ``Фонд национального благосостояния «Самрук-Казына»``) or a
  head noun inside the quotes (``«Қазақ теңіз академиясы»``);
* head-noun phrases without quotes, built the way each language builds them: Kazakh modifiers
  precede the head (``Қазақстан Республикасы Инвестициялар және даму министрлігі``, ``Алматы
  қаласының әкімдігі``), Russian dependents follow it (``Министерство по инвестициям и развитию
  Республики Казахстан``, ``акимат города Алматы``); the head nouns are in
  ``lexicons/org_heads.tsv``;
* abbreviations the document's glossary or ``lexicons/abbreviations.tsv`` says are organizations
  (``ИЖТМ``, ``«ИТП» АЭА``, ``СЭЗ «ПИТ»``);
* Latin-script names next to a head noun or legal form (``IDC компаниясы``, ``ТОО «Smart
  Aqmola»``) or ending in an English one (``KBTU Drilling Centre``);
* what news text writes without any head: Russian words the dictionary labels organizations
  (``МЧС``, ``Интерпол``, ``Роснефть``; an unknown abbreviation in running text), outlets named by a
  source verb (``сообщает «Интерфакс»``, ``Dala.kz хабарлайды``), and later mentions of a name the
  text introduced with a head, a legal form or quotes (``фонд DST`` … ``DST``).

A name in running text is marked by capitals or quotes, so every rule asks for one of them: the
generic ``министрлік``, ``ұлттық компаниялар``, ``жергілікті атқарушы органдар`` are never
taken, and a capital that only marks a sentence start counts for strong heads (ministries,
akimats) but not for words that are also common nouns (қызмет, орталық, қор, парк).

``normalized`` is the citation form in the document's script: Kazakh with the last case ending
removed (``министрлігіне`` → ``министрлігі``; the possessive stays), Russian with the head noun and
its adjectives in the nominative, quotes and legal forms removed (the legal form goes to
``attrs.legal_form``).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from .. import lexicon
from ..lang.analyzer import TOKEN_RE, analyze_word
from .context import Context
from .gazetteer import (_KNOWN, Entry, Gazetteer, Match, Unit, _all_connectors, _keys_of, doc_units,
                        lexicon_phrases, non_overlapping, phrase_units)
from .model import Entity
from .names import clean_name, kk_citation, kk_word, ru_case, ru_nominative, ru_parses
from .quotes import Quoted, doc_quotes, is_name_like

__all__ = ["run", "find", "Candidate", "org_gazetteer", "heads", "legal_forms", "is_org_phrase",
           "org_abbreviations"]

_MAX_KK_CHAIN = 10
# Russian nouns followed by a name in apposition, which keeps the nominative.
_RU_APPOSITION = frozenset({"республика", "город", "область", "район", "село", "поселок"})
_MAX_RU_TAIL = 14
_ADJ_DI = frozenset({"ды", "ді", "ты", "ті"})   # автономды, білімді: adjectives, not accusatives
_LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z0-9.&'+-]*$")


# --------------------------------------------------------------------------------- resources

@dataclass(frozen=True, slots=True)
class Head:
    lang: str
    lemmas: tuple[str, ...]     # lemmas of the head phrase (usually one word)
    kind: str
    part: str                   # name | generic | place
    strong: bool


def _kk_possessives(lemma: str) -> tuple[str, ...]:
    """Possible 3rd person possessives of a Kazakh noun, most likely first (министрлік →
    министрлігі; loanwords in -к keep it and often take front vowels: парк → паркі)."""
    vowels = "аәеиоөұүыіэюяу"
    back = next((ch in "аоұыя" for ch in reversed(lemma) if ch in vowels), True)
    if lemma[-1:] in vowels:
        return (lemma + ("сы" if back else "сі"),)
    alt = {"к": "г", "қ": "ғ", "п": "б"}
    out = []
    for stem in (lemma[:-1] + alt.get(lemma[-1], lemma[-1]), lemma):
        for v in (("ы", "і") if back else ("і", "ы")):
            if stem + v not in out:
                out.append(stem + v)
    return tuple(out)


@lru_cache(maxsize=1)
@lexicon_phrases("org-heads")
def heads() -> dict[str, dict[str, list[Head]]]:
    """lang → lemma of the head's last word → heads (org_heads.tsv)."""
    out: dict[str, dict[str, list[Head]]] = {}
    for r in lexicon.load("org_heads"):
        lang = r["lang"]
        us = phrase_units(r["head"], lang)
        lemmas = tuple(u.lemma for u in us)
        h = Head(lang, lemmas, r["kind"], r["part"], r["strength"] == "strong")
        bucket = out.setdefault(lang, {})
        keys = {lemmas[-1]}
        if lang == "kk":
            # The analyzer may leave a possessive form of an unlisted stem unsplit (технопаркі).
            for poss in _kk_possessives(r["head"].split()[-1]):
                keys |= {u.lemma for u in phrase_units(poss, "kk")}
        for k in keys:
            bucket.setdefault(k, []).append(h)
    return out


@lru_cache(maxsize=1)
def _name_words() -> dict[str, dict[str, set[str]]]:
    out: dict[str, dict[str, set[str]]] = {}
    for r in lexicon.load("name_words"):
        out.setdefault(r["use"], {}).setdefault(r["lang"], set()).add(r["word"])
    return out


@lru_cache(maxsize=1)
@lexicon_phrases("org-attributive")
def _attributive_lemmas() -> frozenset[str]:
    words = _name_words().get("attributive", {})
    out = set()
    for lang, ws in words.items():
        for w in ws:
            out |= {u.lemma for u in phrase_units(w, lang)} | {w.lower()}
    return frozenset(out)


@lru_cache(maxsize=1)
def _state_gazetteer() -> Gazetteer:
    words = _name_words().get("state", {})
    return Gazetteer(((w, lang, lang) for lang, ws in words.items() for w in ws), cache="org-state")


@lru_cache(maxsize=1)
@lexicon_phrases("org-stop")
def _stop_lemmas() -> dict[str, frozenset[str]]:
    """Words that never stand inside a name: function words and time words."""
    out: dict[str, set[str]] = {"kk": set(), "ru": set()}
    for r in lexicon.load("stopwords"):
        if r["lang"] in out:
            out[r["lang"]].add(r["word"].lower())
    for r in lexicon.load("terms"):
        if r["domain"] == "time":
            for lang in ("kk", "ru"):
                ws = r[lang].split()
                if len(ws) == 1:
                    out[lang].add(ws[0].lower())
                    out[lang] |= {u.lemma for u in phrase_units(ws[0], lang)}
    conn = set()
    for ws in _name_words().get("connector", {}).values():
        conn |= {w.lower() for w in ws}
    attr = _attributive_lemmas()
    return {k: frozenset(v - conn - attr) for k, v in out.items()}


@lru_cache(maxsize=1)
@lexicon_phrases("org-roles")
def _role_lemmas() -> frozenset[str]:
    """Lemmas of position words (әкім, министр, президент): their genitive links a name."""
    out = set()
    for r in lexicon.load("roles"):
        if r["lang"] in ("kk", "ru"):
            us = phrase_units(r["role"], r["lang"])
            if us:
                out.add(us[-1].lemma)
    return frozenset(out)


@lru_cache(maxsize=1)
def org_gazetteer() -> Gazetteer:
    """Every name of orgs.tsv (payload: the row)."""
    return Gazetteer(((r["name"], r["lang"], r) for r in lexicon.load("orgs")), cache="orgs")


@lru_cache(maxsize=1)
def _org_rows() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for r in lexicon.load("orgs"):
        out.setdefault(r["id"], []).append(r)
    return out


@lru_cache(maxsize=1)
def legal_forms() -> Gazetteer:
    """Legal forms, short and spelled out (payload: (id, short form of that language, spelled out))."""
    rows = [r for r in lexicon.load("abbreviations") if r["kind"] == "legal_form"]
    names = []
    for r in rows:
        names.append((r["short"], r["lang"], (r["id"], r["short"], False)))
        names.append((r["full"], r["lang"], (r["id"], r["short"], True)))
    return Gazetteer(names, cache="legal-forms")


@lru_cache(maxsize=1)
@lexicon_phrases("org-descriptors")
def _descriptor_abbrs() -> frozenset[str]:
    """Generic abbreviations that name a type of body (АЭА, СЭЗ, ӘАҚ): they stay in a name."""
    hk = heads()
    out = set()
    for r in lexicon.load("abbreviations"):
        if r["kind"] != "generic":
            continue
        us = phrase_units(r["full"], r["lang"] if r["lang"] in ("kk", "ru") else "ru")
        lang = r["lang"] if r["lang"] in ("kk", "ru") else "lat"
        if us and any(h.part == "name" for h in hk.get(lang, {}).get(us[-1].lemma, [])):
            out.add(r["short"])
    return frozenset(out)


@lru_cache(maxsize=1)
def org_abbreviations() -> dict[str, list[dict]]:
    """Organization abbreviations of abbreviations.tsv by short form."""
    out: dict[str, list[dict]] = {}
    for r in lexicon.load("abbreviations"):
        if r["kind"] == "org":
            out.setdefault(r["short"], []).append(r)
    return out


@lru_cache(maxsize=1)
def _abbr_gazetteer() -> Gazetteer:
    names = [(short, rows[0]["lang"], short) for short, rows in org_abbreviations().items()]
    return Gazetteer(names, cache="org-abbreviations")


@lru_cache(maxsize=1)
def _international_ids() -> frozenset[str]:
    return frozenset(r["id"] for r in lexicon.load("orgs") if r["kind"] == "international")


# --------------------------------------------------------------------------------- document

@dataclass
class Candidate:
    start: int                  # unit range [start, end)
    end: int
    normalized: str
    attrs: dict[str, Any] = field(default_factory=dict)
    score: float = 1.0
    rule: str = ""


class _Doc:
    """Per-document helpers shared by the rules."""

    def __init__(self, ctx: Context, units: list[Unit]):
        self.ctx = ctx
        self.units = units
        self.text = ctx.text
        self.starts = [u.start for u in units]
        self.ends = [u.end for u in units]
        self.quotes: list[Quoted] = doc_quotes(ctx)
        self.name_q = [q for q in self.quotes if is_name_like(ctx.text[q.start + 1:q.end - 1])]
        self.q_by_end = {q.end: q for q in self.name_q}
        self.q_by_start = {q.start: q for q in self.name_q}
        self.person_units: set[int] = set()
        for e in ctx.entities:
            if e.type == "PERSON":
                a, b = self.unit_range(e.start, e.end)
                self.person_units.update(range(a, b))
        self.lang = ctx.lang if ctx.lang in ("kk", "ru") else "kk"
        self.stops = _stop_lemmas()
        self._doc_caps: set[str] | None = None
        self._scan: tuple[list[int], list[int], list[int], list[int]] | None = None
        self.head_memo: dict[tuple[int, str], tuple[int, Head] | None] = {}

    @property
    def scan(self) -> tuple[list[int], list[int], list[int], list[int]]:
        """The units the per-word rules start from, found in one pass over the document instead
        of one per rule: head nouns (Kazakh and Russian), capitalised Latin words, capitalised
        Russian words outside person names, source verbs of news text."""
        if self._scan is None:
            hk = heads()
            kk_heads, ru_heads = hk.get("kk", {}), hk.get("ru", {})
            cues = _news_cues()
            verbs = cues["source_verb"] | cues["media_cue"]
            pu = self.person_units
            at_heads: list[int] = []
            lat: list[int] = []
            ru_caps: list[int] = []
            at_verbs: list[int] = []
            for i, u in enumerate(self.units):
                lg = u.lang
                if lg == "kk":
                    if u.lemma in kk_heads:
                        at_heads.append(i)
                elif lg == "ru":
                    if u.lemma in ru_heads:
                        at_heads.append(i)
                    if (u.cap or u.upper) and i not in pu:
                        ru_caps.append(i)
                elif lg == "lat" and (u.cap or u.upper):
                    lat.append(i)
                if u.norm in verbs:
                    at_verbs.append(i)
            self._scan = (at_heads, lat, ru_caps, at_verbs)
        return self._scan

    @property
    def doc_caps(self) -> set[str]:
        """Lemmas the document capitalises inside sentences: names, not sentence starts."""
        if self._doc_caps is None:
            self._doc_caps = {u.lemma for u in self.units if u.cap and not u.sent_start}
        return self._doc_caps

    def unit_range(self, s: int, e: int) -> tuple[int, int]:
        return bisect_left(self.starts, s), bisect_right(self.ends, e)

    def lang_of(self, i: int) -> str:
        u = self.units[i]
        if u.lang in ("kk", "ru"):
            return u.lang
        return self.ctx.lang_at(u.start)

    def quote_units(self, q: Quoted) -> tuple[int, int]:
        return self.unit_range(q.start, q.end)

    def closing_quote_before(self, i: int) -> Quoted | None:
        """The name quote that closes in the gap before unit ``i``."""
        u = self.units[i]
        gap_start = u.start - len(u.raw_gap)
        for p in range(u.start, gap_start, -1):
            q = self.q_by_end.get(p)
            if q is not None:
                return q
        return None

    def opening_quote_after(self, i: int) -> Quoted | None:
        """The name quote that opens in the gap after unit ``i`` (before unit ``i + 1``)."""
        if i + 1 >= len(self.units):
            return None
        u = self.units[i + 1]
        for p in range(u.start - len(u.raw_gap), u.start):
            q = self.q_by_start.get(p)
            if q is not None:
                return q
        return None


def _head_at(d: _Doc, i: int, lang: str) -> tuple[int, Head] | None:
    """The longest head phrase ending at unit ``i``: (first unit, head). Kept per document: the
    phrase rule, the coordination rule and the neighbours' rules ask about the same units."""
    cands = heads().get(lang, {}).get(d.units[i].lemma)
    if not cands:
        return None
    key = (i, lang)
    memo = d.head_memo
    if key in memo:
        return memo[key]
    memo[key] = best = _longest_head(d, i, cands)
    return best


def _longest_head(d: _Doc, i: int, cands: list[Head]) -> tuple[int, Head] | None:
    best = None
    for h in cands:
        n = len(h.lemmas)
        if n == 1:
            # A one-word head always matches its own unit (the usual case: no generators).
            if best is None:
                best = (i, h)
            continue
        s = i - n + 1
        if s < 0:
            continue
        if all(d.units[s + k].lemma == h.lemmas[k] for k in range(n - 1)) and all(
                d.units[s + k + 1].gap == "" for k in range(n - 1)):
            if best is None or n > len(best[1].lemmas):
                best = (s, h)
    return best


def _match_at(gz: Gazetteer, units: list[Unit], i: int, limit: int | None = None) -> list[Match]:
    """``gz.match_at(units, i, limit)``, answering the usual no without building the unit's
    lookup keys: those are its lemma and key, plus shortened keys only for a capitalised Russian
    word the lemmatizer left alone (the test :meth:`Gazetteer.find` makes before it)."""
    t = units[i]
    first = gz._first
    if t.lemma not in first and t.fkey not in first and not (
            t.cap and t.lang == "ru" and t.lemma == t.norm):
        return []
    return gz.match_at(units, i, limit)


def _legal_after(d: _Doc, i: int) -> tuple[int, tuple[str, str, bool]] | None:
    """A legal form right after unit ``i`` (quotes may stand between): (end unit, (id, short))."""
    if i + 1 >= len(d.units):
        return None
    if d.units[i + 1].gap not in ("",):
        return None
    ms = _match_at(legal_forms(), d.units, i + 1)
    for m in ms:
        return m.end, m.entry.data
    return None


def _legal_before(d: _Doc, i: int) -> tuple[int, tuple[str, str, bool]] | None:
    """A legal form ending right before unit ``i``: (start unit, (id, short))."""
    if i == 0 or d.units[i].gap != "":
        return None
    for back in (3, 2, 1):
        s = i - back
        if s < 0:
            continue
        for m in _match_at(legal_forms(), d.units, s, i):
            if m.end == i:
                return s, m.entry.data
    return None


def _descriptor_after(d: _Doc, i: int) -> int | None:
    if i + 1 < len(d.units) and d.units[i + 1].gap == "":
        u = d.units[i + 1]
        base = u.text.split("-", 1)[0]
        if base in _descriptor_abbrs():
            return i + 2
    return None


def _descriptor_before(d: _Doc, i: int) -> int | None:
    if i > 0 and d.units[i].gap == "":
        u = d.units[i - 1]
        if u.text in _descriptor_abbrs():
            return i - 1
    return None


def _span_text(d: _Doc, a: int, b: int, last: str | None = None) -> str:
    """Text of units [a, b) as written, the last word optionally replaced."""
    s = d.text[d.units[a].start:d.units[b - 1].start]
    return s + (last if last is not None else d.units[b - 1].text)


# ------------------------------------------------------------------------ Kazakh head phrases

def _kk_modifier(d: _Doc, j: int, weak: bool, generic: bool = False) -> bool:
    u = d.units[j]
    if j in d.person_units:
        return False
    if u.lang == "num":
        return False
    if u.lemma == "&":
        return True
    if u.lang == "lat":
        return True
    low = u.norm
    if low in d.stops["kk"] or u.lemma in d.stops["kk"]:
        return False
    if u.lemma in _attributive_lemmas() or low in _attributive_lemmas():
        return True
    if u.upper:
        w = kk_word(u.text)
        return not w.oblique and not (weak and w.genitive)
    w = kk_word(u.text)
    if w.pos in ("VERB", "PRON", "ADV", "CONJ", "CCONJ", "SCONJ", "ADP", "PART", "NUM", "DET"):
        return False
    if w.oblique and not (w.suffixes and w.suffixes[-1] in _ADJ_DI):
        return False
    if "ATTR" in w.last_slots:
        return False        # Алматыдағы | ұлттық университет: where the body is, not its name
    if not w.modifying and u.lemma in _role_lemmas():
        return False        # Елбасы | Мәскеу мемлекеттік университеті: a title, not a modifier
    if w.plural and not u.cap and not w.genitive:
        # A plural common noun stands in a name only before a connector or a head (Инвестициялар
        # және даму; коммуникациялар министрлігі), not before another noun (қорғаушылар ел).
        nxt = d.units[j + 1] if j + 1 < len(d.units) else None
        if nxt is None or not (nxt.lemma == "&" or nxt.lemma in heads().get("kk", {})):
            return False
    head_like = u.lemma in heads().get("kk", {})
    if w.genitive:
        if w.plural:
            return False
        if weak:
            # A weak head takes only the genitive of a post («әкімінің аппараты») or, when it is a
            # generic word, of a body («аймағының басқарушы компаниясы»); not of a name («ИТП»
            # АЭА-ның … кеңесі) nor a body's premises («технопаркінің … орталығы»).
            if u.cap:
                return False
            return u.lemma in _role_lemmas() or (head_like and generic)
        return u.cap or head_like or u.lemma in _role_lemmas()
    return True


def _inner_head(d: _Doc, j: int) -> bool:
    """Is unit ``j`` the head of a complete name inside a longer phrase: an organization head
    noun in the possessive (технопаркі, министрлігі), not in the genitive?"""
    h = _org_head_of(d, j)
    if h is None:
        return False
    w = kk_word(d.units[j].text)
    if w.genitive:
        return False
    # The analyser may keep an unknown stem's possessive as the lemma (технопаркі).
    return w.possessive or d.units[j].lemma != h.lemmas[-1]


# Heads of state bodies: «Мәдениет министрлігі» names the body even at a sentence start.
_STATE_KINDS = frozenset({"ministry", "akimat", "administration", "agency", "committee",
                          "department", "directorate", "inspection", "government", "maslikhat",
                          "prosecution", "chamber"})
_ADJ_END = re.compile(r"(лық|лік|тық|тік|дық|дік|ғы|гі|қы|кі|лы|лі|ды|ді|ты|ті|сыз|сіз|ғи|ик|лді)$")


def _adjective_like(u: Unit) -> bool:
    """Can this word stand as an adjective before a bare head noun?"""
    if u.lang == "lat" or u.upper or u.lemma in _attributive_lemmas():
        return True
    if u.lang != "kk":
        return False
    return kk_word(u.text).pos == "ADJ" or bool(_ADJ_END.search(u.norm))


@lru_cache(maxsize=20_000)
def _is_place(name: str, lang: str) -> bool:
    from .places import place_gazetteer

    return bool(_whole(place_gazetteer(), name, lang))


@lru_cache(maxsize=16)
def _longest_names(gz: Gazetteer) -> tuple[int, dict[str, int]]:
    """The most units a name of a (lexicon) gazetteer has: of all, and by each key the gazetteer
    indexes names under (the keys of their first word)."""
    by_key: dict[str, int] = {}
    for k, idxs in gz._single.items():
        by_key[k] = max(by_key.get(k, 0), max(len(gz.entries[i].units) for i in idxs))
    for (k, _k2), idxs in gz._pair.items():
        by_key[k] = max(by_key.get(k, 0), max(len(gz.entries[i].units) for i in idxs))
    return max((len(e.units) for e in gz.entries), default=0), by_key


def _more_tokens(phrase: str, n: int) -> bool:
    """Does the analyzer split ``phrase`` into more than ``n`` tokens?"""
    return next(islice(TOKEN_RE.finditer(phrase), n, None), None) is not None


def _whole(gz: Gazetteer, phrase: str, lang: str) -> list[Entry]:
    """``gz.whole(phrase, lang)`` without analysing a phrase of more words than any name of the
    gazetteer that starts like it has: the rules ask about whole clauses (акимат Шымкента и АО …;
    every prefix of a coordination), and analysing each cost more than the rest of the rule.

    A phrase has at least as many units as tokens (``word-2020`` makes two), a whole match has as
    many units as its name, and the names tried are those indexed under a key of the phrase's
    first unit, which is the first token's own analysis (a unit's lemma and keys do not depend
    on its neighbours) unless a hyphen may split it. Phrases and words of the lexicon caches are
    left to ``whole``: their units come from the file, not from the analyzer."""
    if (phrase, lang) in _KNOWN:
        return gz.whole(phrase, lang)
    first = next(TOKEN_RE.finditer(phrase), None)
    if first is None:
        return gz.whole(phrase, lang)
    longest, by_key = _longest_names(gz)
    w = first.group()
    if "-" not in w and (w, lang) not in _KNOWN:
        us = phrase_units(w, lang)
        if len(us) == 1:
            u = us[0]
            keys = _keys_of(u.lemma, u.fkey, u.cap and u.lang == "ru" and u.lemma == u.norm, u.upper)[0]
            longest = max((by_key.get(k, 0) for k in keys), default=0)
    if _more_tokens(phrase, longest):
        return []
    return gz.whole(phrase, lang)


@lru_cache(maxsize=1)
def _generic_gazetteer() -> Gazetteer:
    """Expansions of generic abbreviations (арнайы экономикалық аймақ, научно-исследовательский
    институт): kinds of bodies, never the name of one."""
    return Gazetteer(((r["full"], r["lang"] if r["lang"] in ("kk", "ru") else "kk", r["id"])
                      for r in lexicon.load("abbreviations") if r["kind"] in ("generic", "economy")),
                     cache="generic")


@lru_cache(maxsize=20_000)
def _is_generic(name: str, lang: str) -> bool:
    return bool(_whole(_generic_gazetteer(), name, lang))


def _is_legal_unit(u: Unit) -> bool:
    return u.text.split("-", 1)[0] in _legal_shorts()


def _org_head_of(d: _Doc, j: int) -> Head | None:
    """The organization head (not a place noun) a Kazakh unit is, if any."""
    for h in heads().get("kk", {}).get(d.units[j].lemma, ()):
        if h.part != "place" and len(h.lemmas) == 1:
            return h
    return None


def _proper(u: Unit) -> bool:
    return (u.cap or u.upper) and u.lemma != "&"


def _kk_phrase(d: _Doc, h: int) -> Candidate | None:
    hd = _head_at(d, h, "kk")
    if hd is None:
        return None
    hs, head = hd
    if head.part == "place":
        return None
    units = d.units
    hw = kk_word(units[h].text)
    if hw.plural:
        return None
    weak = not head.strong
    bare = not hw.possessive and units[h].lemma == head.lemmas[-1]
    if bare and hs > 0 and not _adjective_like(units[hs - 1]):
        # A head without the possessive follows an adjective (ұлттық агенттік, Жоғарғы кеңес);
        # after a noun it is no compound (Президент | министрлікке).
        return None
    chain: list[int] = []
    quote: Quoted | None = None
    j = hs - 1
    while j >= 0 and hs - j <= _MAX_KK_CHAIN:
        nxt = units[j + 1]
        if "»" in nxt.raw_gap:
            quote = d.closing_quote_before(j + 1)
            break
        if nxt.gap not in ("", "-") or "«" in nxt.raw_gap:
            break
        u = units[j]
        if _is_legal_unit(u):
            break       # «…» АҚ-ы басқармасы: the board of a company, not a company
        if u.lemma == "&" and j > 0 and (_inner_head(d, j - 1) or _org_head_of(d, j - 1) is not None):
            break       # «…министрлігі және Алматы қаласы әкімдігі», «…министрлігінің және …»: two names
        if not _kk_modifier(d, j, weak, head.part == "generic"):
            break
        uw = kk_word(u.text)
        if uw.possessive and not uw.genitive and not u.cap and _proper(units[j + 1]) and j + 1 < hs \
                and u.lemma not in heads().get("kk", {}):
            break       # «…» мемлекеттік бағдарламасы | Қазақстан Республикасы Үкіметі
        if _inner_head(d, j):
            # A name already complete at an inner head ends the phrase there: «Алатау» технопаркі
            # | … ассоциациясы, «…паркі | Ақпарат және … министрлігі», «…компаниясы | басқармасы».
            if j > 0 and (_proper(units[j - 1]) or units[j - 1].lang == "lat" or "»" in u.raw_gap):
                break
            if _proper(units[j + 1]) or j + 1 == hs:
                break
        chain.append(j)
        if u.sent_start:
            break
        j -= 1
    chain.reverse()
    name_only: tuple[int, int] | None = None
    if quote is not None and chain and _proper(units[chain[0]]) and _known_name_word(units[chain[0]]):
        # «…» Қазақстан Республикасы Үкіметі: a known name after the quote starts a new name
        # (a capitalised common word continues it: «…паркі» Автономдық кластері).
        quote = None
    if quote is not None:
        qa, qb = d.quote_units(quote)
        if qa >= qb:
            return None
        qname = clean_name(d.text[quote.start + 1:quote.end - 1])
        if not chain and (head.part == "generic" or (weak and _self_typed(qname, "kk"))):
            if head.part == "generic":
                name_only = (qa, qb)
            else:
                return None     # «Қазақ теңіз академиясы» орталығы: a unit of the academy
        start = qa
    else:
        # «X атты компания», «IDC компаниясы»: a generic head describes the name before it.
        if head.part == "generic" and chain:
            k = len(chain) - 1
            if units[chain[k]].norm in _naming_words():
                k -= 1
            run = []
            while k >= 0 and (_proper(units[chain[k]]) or units[chain[k]].lang == "lat"):
                run.append(chain[k])
                k -= 1
            if run:
                name_only = (min(run), max(run) + 1)
        start = None
        for k in chain:
            if _proper(units[k]) or units[k].lang == "lat" and units[k].cap:
                start = k
                break
        if start is None:
            return None
        inner = [k for k in chain if k >= start]
        caps = [k for k in inner if _proper(units[k])]
        u0 = units[start]
        if u0.sent_start and not _name_word(d, u0):
            later = [k for k in caps if k > start]
            if later:
                start = later[0]
            elif weak or (len(inner) == 1 and head.kind not in _STATE_KINDS):
                return None
    # A weak head whose only proper part is an abbreviation names a part of that body
    # («ИТП» АЭА ғылым кластері, ИТП кластері), not a body of its own.
    if weak and name_only is None:
        proper = [units[k] for k in chain if k >= start and _proper(units[k])]
        if quote is not None:
            qa, qb = d.quote_units(quote)
            proper += [u for u in units[qa:qb] if _proper(u)]
        if proper and all(u.upper for u in proper):
            return None
    if start >= hs and name_only is None:
        return None
    if weak and bare and (units[start].sent_start or not units[start].cap):
        return None     # a weak bare head (Ұлттық кеңес) needs a capital inside a sentence
    if name_only is not None and _is_place(d.text[units[name_only[0]].start:units[name_only[1] - 1].end],
                                           d.lang_of(name_only[0])):
        return None     # Германия компаниясы: a company of a country, not one named so
    attrs: dict[str, Any] = {"kind": head.kind}
    end = h + 1
    legal_text = ""
    lf = _legal_after(d, h)
    if lf:
        end, (lid, short, spelled) = lf
        attrs["legal_form"] = short
        if spelled:
            legal_text = " " + d.text[units[h + 1].start:units[end - 1].start] + kk_citation(
                units[end - 1].text)
    if name_only is not None:
        a, b = name_only
        norm = clean_name(d.text[units[a].start:units[b - 1].end])
        if b == a + 1:
            norm = clean_name(strip_case(units[a]))
        return Candidate(start if quote is None else start, end, norm, attrs, 2.2, "kk_generic")
    last = _kk_head_citation(units[h], head)
    norm = clean_name(_span_text(d, start, h + 1, last) + legal_text)
    score = 2.5 if quote is not None else 2.0
    return Candidate(start, end, norm, attrs, score, "kk_head")


def strip_case(u: Unit) -> str:
    return u.text.split("-", 1)[0] if u.upper else (kk_citation(u.text) if u.lang == "kk" else u.text)


def _kk_head_citation(u: Unit, head: Head) -> str:
    """The head word in citation form; the analyser may not know the stem (технопаркінде)."""
    last = kk_citation(u.text)
    hw = kk_word(u.text)
    if hw.possessive or u.lemma != head.lemmas[-1]:
        for poss in _kk_possessives(head.lemmas[-1]):
            if u.norm.startswith(poss) and u.norm != poss:
                return u.text[:len(poss)]
    return last


@lru_cache(maxsize=1)
def _naming_words() -> frozenset[str]:
    return frozenset(w for ws in _name_words().get("naming", {}).values() for w in ws)


@lru_cache(maxsize=1)
def _legal_shorts() -> frozenset[str]:
    return frozenset(r["short"] for r in lexicon.load("abbreviations") if r["kind"] == "legal_form")


def _name_word(d: _Doc, u: Unit) -> bool:
    """Is a sentence-initial capitalised word a name word? Only when the document also writes it
    capitalised inside a sentence, or it is a known name that the analyser reads as one."""
    if u.upper or u.lang == "lat":
        return True
    if u.lemma in d.doc_caps:
        return True
    if u.lang == "kk" and kk_word(u.text).pos != "PROPN":
        return False
    return u.lemma in org_gazetteer()._index or u.lemma in _place_index()


def _known_name_word(u: Unit) -> bool:
    if u.upper or u.lang == "lat":
        return True
    if u.lang == "kk" and kk_word(u.text).pos != "PROPN":
        return False
    return u.lemma in org_gazetteer()._index or u.lemma in _place_index()


@lru_cache(maxsize=1)
def _place_index() -> frozenset[str]:
    from .places import place_gazetteer

    return frozenset(place_gazetteer()._index)


# ----------------------------------------------------------------------- Russian head phrases

# Facts about Russian word forms, cached per form: reading pymorphy's tags (Python properties)
# for the same words in every document cost more than the rest of the Russian phrase rule.

@lru_cache(maxsize=100_000)
def _ru_head_parse(word: str, lemma: str):
    for p in ru_parses(word):
        if p.tag.POS == "NOUN" and p.normal_form.replace("ё", "е") == lemma:
            return p
    return None


@lru_cache(maxsize=100_000)
def _ru_head_tag(word: str, lemma: str) -> tuple[str | None, str | None, str | None] | None:
    """(case, number, gender) of :func:`_ru_head_parse`, None without one: read once per form,
    not once per adjective tried against the head."""
    hp = _ru_head_parse(word, lemma)
    if hp is None:
        return None
    t = hp.tag
    return t.case, t.number, t.gender


@lru_cache(maxsize=100_000)
def _ru_agrees_with(word: str, case: str | None, number: str | None, gender: str | None) -> bool:
    for p in ru_parses(word):
        if p.tag.POS not in ("ADJF", "PRTF") or "Apro" in p.tag:
            continue        # каждое, это, наше министерство: pronouns, not part of a name
        if p.tag.case != case or p.tag.number != number:
            continue
        if number == "sing" and p.tag.gender and gender and p.tag.gender != gender:
            continue
        return True
    return False


# (tuples, not sets: the collector keeps tracking every set, but not a tuple of strings)

@lru_cache(maxsize=100_000)
def _ru_cases(word: str) -> tuple[str, ...]:
    return tuple(ru_case(word))


@lru_cache(maxsize=100_000)
def _ru_pos(word: str, first: int = 0) -> tuple[str | None, ...]:
    """Parts of speech of a word's parses (of its ``first`` best parses when given)."""
    ps = ru_parses(word)
    return tuple({p.tag.POS for p in (ps[:first] if first else ps)})


@lru_cache(maxsize=100_000)
def _ru_plural_of(word: str, lemma: str) -> bool:
    """Is one of the two best parses of ``word`` a plural of ``lemma``?"""
    return any(p.tag.number == "plur" and p.normal_form == lemma for p in ru_parses(word)[:2])


@lru_cache(maxsize=100_000)
def _ru_common_first(word: str) -> bool:
    """Is the best parse a common noun, adjective, verb or adverb (not a place or body)?"""
    return any(p.tag.POS in ("NOUN", "ADJF", "VERB", "ADVB") and "Orgn" not in p.tag
               and "Geox" not in p.tag for p in ru_parses(word)[:1])


_NOT_IN_NAME_POS = frozenset({"VERB", "INFN", "GRND", "PRED", "ADVB", "CONJ", "PREP", "PRCL"})


def _ru_in_case(u: Unit, cases: set[str]) -> bool:
    if u.cap and u.lang != "ru":
        return True
    cs = _ru_cases(u.norm)
    if not cs:
        return u.cap       # an unknown capitalised word: a name, indeclinable or unanalysed
    return not cases.isdisjoint(cs)


def _ru_phrase(d: _Doc, h: int) -> Candidate | None:
    u = d.units[h]
    if u.lang != "ru":
        return None
    hd = _head_at(d, h, "ru")
    if hd is None:
        return None
    hs, head = hd
    if head.part == "place" or hs != h:
        return None
    ht = _ru_head_tag(u.norm, head.lemmas[-1])
    if ht is None or ht[1] == "plur":
        return None
    units = d.units
    # Adjectives before the head agree with it: Национальное агентство, Автономный кластерный фонд.
    left = h
    j = h - 1
    while j >= 0 and units[j + 1].gap == "" and "«" not in units[j + 1].raw_gap \
            and "»" not in units[j + 1].raw_gap and not units[j + 1].sent_start:
        w = units[j]
        if w.lang != "ru" or j in d.person_units or not _ru_agrees_with(w.norm, *ht):
            break
        left = j
        j -= 1
    # Dependents after it: genitive phrases, по + dative, при + locative, имени + name, a quote.
    right = h
    k = h + 1
    expect = {"gent", "gen2"}
    quote_end: int | None = None
    attributive = _attributive_lemmas()
    while k < len(units) and k - h <= _MAX_RU_TAIL:
        w = units[k]
        if "«" in w.raw_gap:
            if w.sent_start or any(c in w.raw_gap for c in ".!?;\n"):
                break   # карагандинского парламента. «Для нас…»: a quote after the sentence
            q = d.opening_quote_after(k - 1)
            if q is not None:
                qa, qb = d.quote_units(q)
                if qa == k:
                    quote_end = qb
                    right = qb - 1
            break
        if w.gap not in ("", ",") or w.sent_start or k in d.person_units:
            break
        if w.gap == ",":
            # Lists inside a name coordinate common words (цифрового развития, инноваций и …);
            # a capital after a comma starts the next item of an enumeration.
            if w.cap or w.upper or not _ru_in_case(w, expect) or w.lemma == "&" or right != k - 1:
                break
        if w.norm in ("по",) and "по" in attributive:
            expect = {"datv"}
            k += 1
            continue
        if w.norm == "при":
            expect = {"loct", "loc2"}
            k += 1
            continue
        if w.norm in ("имени", "им"):
            expect = {"gent", "nomn"}
            k += 1
            continue
        if w.lemma == "&":
            if k == h + 1:
                break       # Российской федерации | и Республики Беларусь: the head coordinated
            nxt = units[k + 1] if k + 1 < len(units) else None
            if nxt is None or nxt.cap or nxt.upper or "«" in nxt.raw_gap or _head_at(d, k + 1, "ru") is not None:
                break       # …банка реконструкции и развития | и Министерства …: a second name
            k += 1
            continue
        if w.upper:
            if len(w.text) > 6:
                break   # ПОСТАНОВЛЯЕТ: a formula in capitals, not an abbreviation
            if len(w.text) == 1 and d.text.startswith(".", w.end):
                break   # депутата Сената Т. Оразалыева: an initial
            right = k
            k += 1
            continue
        if w.cap and k > h + 1 and units[k - 1].lemma in _RU_APPOSITION:
            right = k   # Республики Казахстан, города Алматы: the name stays in the nominative
            k += 1
            continue
        if w.lang == "num":
            break
        if w.norm in d.stops["ru"]:
            break
        if _ru_in_case(w, expect | {"gent"}):
            pos = _ru_pos(w.norm)
            if not _NOT_IN_NAME_POS.isdisjoint(pos) and not w.cap:
                break
            right = k
            k += 1
            continue
        break
    # The phrase ends on a word, not on a connector or preposition.
    while right > h and (units[right].lemma == "&" or units[right].norm in ("по", "при", "имени")):
        right -= 1
    has_dep = right > h or left < h
    if not has_dep:
        if u.cap and not u.sent_start and head.strong and quote_end is None and "«" not in u.raw_gap:
            # A strong head capitalised inside a sentence names one body: «Дума одобрила»,
            # «поручение Правительству» (the text's own short name for it).
            nom = ru_nominative([u.text], 0)[0]
            return Candidate(h, h + 1, clean_name(nom[:1].upper() + nom[1:]), {"kind": head.kind},
                             1.6, "ru_head")
        return None
    first = units[left]
    deps = range(h + 1, right + 1)
    proper_dep = quote_end is not None or any(units[i].cap or units[i].upper for i in deps)
    if head.part == "generic" and left == h:
        return None     # компания «Сименс», компании Air Astana: the name alone (see _quoted)
    if first.cap:
        if not head.strong and first.sent_start and not proper_dep and left == h:
            return None
    else:
        # Lowercase heads name a body only with a proper dependent, and weak ones only when the
        # dependent is a post or a body: аппарат акима города Алматы, управляющая компания СЭЗ ПИТ.
        if not proper_dep:
            return None
        direct_quote = quote_end is not None and right + 1 == quote_end and units[h + 1].start > units[h].end \
            and d.opening_quote_after(h) is not None
        if not head.strong and not direct_quote:
            dep_roles = h + 1 <= right and units[h + 1].lemma in _role_lemmas()
            dep_org = any(units[i].upper for i in deps) or quote_end is not None
            if not (dep_roles or (dep_org and left < h and head.part == "generic")):
                return None
    words = [units[i].text for i in range(left, right + 1)]
    gaps = [units[i].raw_gap for i in range(left + 1, right + 1)]
    nom = ru_nominative(words, h - left)
    s = nom[0] + "".join(g + w for g, w in zip(gaps, nom[1:]))
    if quote_end is not None:
        s = _nominative_prefix(units, left, h, nom) + d.text[units[h].end:units[quote_end - 1].end]
    attrs: dict[str, Any] = {"kind": head.kind}
    start = left
    lb = _legal_before(d, left)
    if lb:
        ls, (lid, short, spelled) = lb
        attrs["legal_form"] = short
        if spelled:
            s = _legal_text(d, ls, left, spelled) + " " + s
        start = ls
    end = (quote_end if quote_end is not None else right + 1)
    return Candidate(start, end, clean_name(s), attrs, 2.0 if quote_end is None else 2.5, "ru_head")


def _nominative_prefix(units: list[Unit], left: int, h: int, nom: list[str]) -> str:
    out = nom[0]
    for i in range(left + 1, h + 1):
        out += units[i].raw_gap + nom[i - left]
    return out


# ------------------------------------------------------------------------------ coordination

def _coordinated(d: _Doc, h: int) -> list[Candidate]:
    """One plural head shared by several names: «министерствам по инвестициям и развитию,
    информации и коммуникаций», «Ақпарат және коммуникациялар, Инвестициялар және даму
    министрліктері». Each part with the head in the singular must be a known name (orgs.tsv):
    the elided head makes the parts' extent otherwise unknowable."""
    units = d.units
    u = units[h]
    out: list[Candidate] = []
    gz = org_gazetteer()
    if u.lang == "ru":
        hd = _head_at(d, h, "ru")
        if hd is None or hd[1].part == "place" or hd[0] != h:
            return out
        if not _ru_plural_of(u.norm, hd[1].lemmas[-1]):
            return out
        head_word = hd[1].lemmas[-1]
        head_word = head_word[:1].upper() + head_word[1:]
        parts: list[list[int]] = [[]]
        k = h + 1
        while k < len(units) and k - h <= 20:
            w = units[k]
            if w.gap == ",":
                parts.append([])
            elif w.gap != "" or w.sent_start:
                break
            parts[-1].append(k)
            k += 1
        first = True
        for part in parts:
            while part:
                for end in range(len(part), 0, -1):
                    ids = part[:end]
                    phrase = head_word + " " + d.text[units[ids[0]].start:units[ids[-1]].end]
                    es = _whole(gz, phrase, "ru")
                    if es:
                        start = h if first else ids[0]
                        out.append(Candidate(start, ids[-1] + 1, es[0].name, {
                            "canonical_id": es[0].data["id"], "kind": es[0].data["kind"]}, 2.6,
                            "coordination"))
                        first = False
                        break
                else:
                    end = 0
                # Continue after «и» (министерствам финансов и юстиции).
                rest = part[end:]
                if rest and units[rest[0]].lemma == "&":
                    part = rest[1:]
                else:
                    break
        return out
    if u.lang == "kk":
        hd = _head_at(d, h, "kk")
        if hd is None or hd[1].part == "place" or not kk_word(u.text).plural:
            return out
        head_word = _kk_possessives(hd[1].lemmas[-1])[0]
        parts = [[]]
        k = hd[0] - 1
        while k >= 0 and hd[0] - k <= 20:
            nxt = units[k + 1]
            if nxt.gap == ",":
                parts.append([])
            elif nxt.gap != "" or (nxt.sent_start and k + 1 != hd[0]):
                break
            parts[-1].insert(0, k)
            if units[k].sent_start:
                break
            k -= 1
        for n, part in enumerate(parts):
            for beg in range(len(part)):
                ids = part[beg:]
                if not ids:
                    continue
                phrase = d.text[units[ids[0]].start:units[ids[-1]].end] + " " + head_word
                es = _whole(gz, phrase, "kk")
                if es:
                    end = h + 1 if n == 0 else ids[-1] + 1
                    out.append(Candidate(ids[0], end, es[0].name, {
                        "canonical_id": es[0].data["id"], "kind": es[0].data["kind"]}, 2.6, "coordination"))
                    break
    return out


# ------------------------------------------------------------------------------ quoted names

def _legal_text(d: _Doc, a: int, b: int, spelled: bool) -> str:
    """A spelled-out legal form stays in the name (it is part of the official full name: «…»
    акционерлік қоғамы, акционерное общество «…»); an abbreviated one goes to attrs only."""
    if not spelled:
        return ""
    us = d.units[a:b]
    last = kk_citation(us[-1].text) if us[-1].lang == "kk" else us[-1].text
    if us[0].lang == "ru":
        return ru_nominative([u.text for u in us], len(us) - 1)[0] + "".join(
            u.raw_gap + w for u, w in zip(us[1:], ru_nominative([u.text for u in us], len(us) - 1)[1:]))
    return d.text[us[0].start:us[-1].start] + last


@lru_cache(maxsize=1)
@lexicon_phrases("org-descriptor-expansions")
def _descriptor_expansions() -> dict[tuple[str, ...], str]:
    """Lemmas of a descriptor abbreviation's expansion → the abbreviation (арнайы экономикалық
    аймақ → АЭА)."""
    out = {}
    for r in lexicon.load("abbreviations"):
        if r["short"] in _descriptor_abbrs():
            lang = r["lang"] if r["lang"] in ("kk", "ru") else "kk"
            out[tuple(u.lemma for u in phrase_units(r["full"], lang))] = r["short"]
    return out


def _quoted(d: _Doc, q: Quoted, programs_check) -> Candidate | None:
    qa, qb = d.quote_units(q)
    if qa >= qb:
        return None
    units = d.units
    inner = d.text[q.start + 1:q.end - 1]
    name = clean_name(inner)
    if not name:
        return None
    if programs_check(d, qa, qb):
        return None
    lang = d.lang_of(qa)
    attrs: dict[str, Any] = {}
    start, end = qa, qb
    prefix = ""
    core = name
    suffix_words = ""
    rule = ""
    abbr_name = all(u.upper for u in units[qa:qb])
    # Kazakh: what follows the quote (descriptor abbreviation, type phrase, legal form).
    k = qb - 1
    desc = _descriptor_after(d, k)
    if desc is not None:
        suffix_words = " " + units[k + 1].text.split("-", 1)[0]
        k = desc - 1
        end = desc
        rule = "quote+descriptor"
    lf = _legal_after(d, k)
    if lf:
        end, (lid, short, spelled) = lf
        attrs["legal_form"] = short
        suffix_words += (" " + _legal_text(d, k + 1, end, spelled)) if spelled else ""
        rule = rule or "quote+legal"
    elif not rule:
        # A type phrase after the quote: «Даму» қоры, «…паркі» автономды кластерлік қоры.
        tp = _kk_type_phrase(d, qb, name, lang)
        if tp is not None:
            tend, words, dropped = tp
            end = tend
            if not dropped:
                lem = tuple(u.lemma for u in units[qb:tend])
                short_desc = _descriptor_expansions().get(lem)
                # «ИТП» арнайы экономикалық аймағы: an abbreviated name keeps the short descriptor.
                suffix_words = " " + (short_desc if short_desc and abbr_name else words)
            lf2 = _legal_after(d, tend - 1)
            if lf2:
                end, (lid, short, spelled) = lf2
                attrs["legal_form"] = short
                if spelled:
                    suffix_words += " " + _legal_text(d, tend, end, spelled)
            rule = "quote+head"
    # Russian: what precedes it (legal form, type phrase, descriptor abbreviation).
    db = _descriptor_before(d, start)
    if db is not None:
        core = units[db].text + " " + core
        start = db
        rule = rule or "descriptor+quote"
    lb = _legal_before(d, start)
    if lb:
        ls, (lid, short, spelled) = lb
        attrs["legal_form"] = short
        if spelled:
            prefix = _legal_text(d, ls, start, spelled) + " "
        start = ls
        rule = rule or "legal+quote"
    if not rule and qa > 0 and units[qa - 1].lang == "ru" and units[qa].gap == "":
        hd = _head_at(d, qa - 1, "ru")
        if hd is not None and hd[1].part == "generic":
            rule = "generic+quote"      # компании «Сименс», команда «Tabys»: the name alone
            if not units[qa - 1].sent_start:
                start = qa - 1
    if not rule:
        # A quoted name that names its own type: «Қазақ теңіз академиясы», «KBTU Drilling Centre».
        if _self_typed(name, lang):
            rule = "quote"
        elif _byline_outlet(d, q):
            rule = "quote_byline"
            attrs["kind"] = "media"
        else:
            return None
    return Candidate(start, end, clean_name(prefix + core + suffix_words), attrs, 3.0, rule)


_BLANK_TO_EOL = re.compile(r"[^\S\n]*(?:\n|\Z)")
_BYLINE_PREV = re.compile(r"[^\W\d_][^\n]{0,60},[ \t]*\n[ \t]*$")


def _byline_outlet(d: _Doc, q: Quoted) -> bool:
    """A news byline: the author's name and a comma on one line, the outlet quoted alone on the
    next («Динара БІТІК,⏎«Егемен Қазақстан»»)."""
    t = d.text
    # (only blanks up to the end of the line: matched where the quote ends, not by slicing the
    # rest of the line, which on a text of one long line cost a scan to its end per quote)
    if not _BLANK_TO_EOL.match(t, q.end):
        return False
    return bool(_BYLINE_PREV.search(t, max(0, q.start - 80), q.start))


def _self_typed(name: str, lang: str) -> bool:
    """Does a quoted name end (Kazakh, English) or start (Russian) with its own head noun, in
    citation form, after a proper part that is not just an abbreviation?"""
    if _not_self_typed(name, lang):
        return False
    us = phrase_units(name, lang)
    if len(us) < 2:
        return False
    hk = heads()
    last, first = us[-1], us[0]
    if last.lang == "lat":
        return any(h.part == "name" for h in hk.get("lat", {}).get(last.norm, []))
    if lang == "kk" and any(h.part == "name" for h in hk.get("kk", {}).get(last.lemma, [])):
        if kk_citation(last.text) != last.text:
            return False        # «…қорын» құру: a case ending inside the quotes, not a name
        return not all(u.upper for u in us[:-1] if u.cap or u.upper) or not any(u.upper for u in us[:-1])
    if lang == "ru" and any(h.part == "name" for h in hk.get("ru", {}).get(first.lemma, [])):
        return True
    return False


@lru_cache(maxsize=1)
def _name_head_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The lemmas (Kazakh, Russian) and Latin forms under which heads() holds a name head."""
    hk = heads()
    return tuple(frozenset(k for k, hs in hk.get(lg, {}).items() if any(h.part == "name" for h in hs))
                 for lg in ("kk", "ru", "lat"))


def _not_self_typed(name: str, lang: str) -> bool:
    """A quick no for :func:`_self_typed` from the first and last words alone: quotes mostly hold
    speech, and analysing a whole sentence to look at two of its words cost a fifth of the stage.
    The answer is only given where it is certain: each of the two words is one unit of the
    phrase (no hyphen, which may split ``word-2020``) with the lemma :func:`analyze_word` gives
    it, and neither can be the head the rule looks for."""
    if (name, lang) in _KNOWN:
        return False        # the units come from a lexicon cache file, not from the analyzer
    it = TOKEN_RE.finditer(name)
    first = next(it, None)
    if first is None:
        return True         # no units
    last = first
    for last in it:
        pass
    hint = lang if lang in ("kk", "ru") else "kk"
    kk_names, ru_names, lat_names = _name_head_words()
    conn = _all_connectors()     # gazetteer units: a connector's lemma is "&"
    ws = {first.group(), last.group()}
    if any("-" in w for w in ws):
        return False
    a = analyze_word(last.group(), hint)
    last_lemma = "&" if a.norm in conn else a.lemma
    if a.lang == "lat":
        return a.norm not in lat_names
    if lang == "kk":
        return last_lemma not in kk_names
    if lang == "ru":
        a = analyze_word(first.group(), hint)
        first_lemma = "&" if a.norm in conn else a.lemma
        return first_lemma not in ru_names
    return True


def _kk_type_phrase(d: _Doc, qb: int, name: str, lang: str) -> tuple[int, str, bool] | None:
    """After a quoted name: up to three modifiers and a head noun (Kazakh order). Returns (end
    unit, the phrase in citation form, whether it is a generic descriptor to drop)."""
    units = d.units
    if qb >= len(units) or units[qb].gap != "":
        return None
    name_us = phrase_units(name, lang)
    name_has_head = bool(name_us) and any(
        h.part == "name" for h in heads().get("kk", {}).get(name_us[-1].lemma, []))
    for n in range(0, 4):
        h = qb + n
        if h >= len(units):
            break
        if n and (units[h].gap != "" or "«" in units[h].raw_gap or "»" in units[h].raw_gap):
            break
        if units[h].lang != "kk" and units[h].lang != "ru":
            break
        hd = _head_at(d, h, "kk") if units[h].lang == "kk" else None
        if hd is not None and hd[1].part != "place":
            hs, head = hd
            hw = kk_word(units[h].text)
            if hw.plural:
                return None
            if n == 0 and head.part == "generic":
                return h + 1, "", True
            if name_has_head and n == 0:
                return None     # «Қазақ теңіз академиясы» орталығы: a unit of the academy
            if not head.strong and not hw.possessive and n == 0:
                return None
            last = _kk_head_citation(units[h], head)
            words = d.text[units[qb].start:units[h].start] + last
            return h + 1, words, False
        if not _kk_modifier(d, h, True) or units[h].cap:
            break
    return None


# ------------------------------------------------------------------------------ lexicon names

def _lexicon(d: _Doc, gz: Gazetteer) -> list[Candidate]:
    out = []
    quoted_exact = {(d.quote_units(q)) for q in d.name_q}
    for m in non_overlapping(gz.find_doc(d.ctx, d.units)):
        e = m.entry
        us = d.units[m.start:m.end]
        exact_quote = (m.start, m.end) in quoted_exact
        if not exact_quote and not _caps_ok(us, e.units):
            continue
        row = e.data
        if row["id"] in _international_ids() and _geographic_use(d, m.start, m.end):
            continue        # ТМД елдерінде: the region, a place (see places.py)
        lang = d.lang_of(m.start)
        if lang == "kk" or us[-1].lang == "kk":
            last = kk_citation(us[-1].text)
            if len(us) == 1:
                last = e.name if kk_word(us[-1].text).lemma.lower() == e.units[-1].lemma else last
            norm = clean_name(_span_text(d, m.start, m.end, last))
        elif us[0].lang == "ru":
            hidx = _ru_head_index(us)
            words = [u.text for u in us]
            nom = ru_nominative(words, hidx) if hidx is not None else words
            norm = clean_name(_nominative_prefix(list(us), 0, len(us) - 1, nom))
        else:
            norm = clean_name(_span_text(d, m.start, m.end))
        attrs = {"canonical_id": row["id"], "kind": row["kind"]}
        start = m.start
        if lang == "kk":
            st = _state_before(d, m.start)
            if st is not None:
                # Қазақстан Республикасы Ауыл шаруашылығы министрлігі: the state prefix belongs
                # to the mention.
                norm = clean_name(d.text[d.units[st].start:us[0].start]) + " " + norm
                start = st
        out.append(Candidate(start, m.end, norm, attrs, 2.8, "lexicon"))
    return out


def _state_before(d: _Doc, i: int) -> int | None:
    """Start unit of a state prefix (Қазақстан Республикасы(ның), ҚР) right before unit ``i``."""
    if i == 0 or d.units[i].gap != "":
        return None
    for back in (1, 2, 3):
        s = i - back
        if s < 0:
            break
        for m in _match_at(_state_gazetteer(), d.units, s, i):
            if m.end == i:
                return s
    return None


def _ru_head_index(us) -> int | None:
    """Index of a Russian name's head noun: its first organization head word, else its first
    noun (Национальному агентству → 1)."""
    hk = heads().get("ru", {})
    for k, u in enumerate(us):
        if u.lemma in hk and "NOUN" in _ru_pos(u.norm, 2):
            return k
    for k, u in enumerate(us):
        if "NOUN" in _ru_pos(u.norm, 1):
            return k
    return None


def _caps_ok(us: list[Unit], ns: tuple[Unit, ...]) -> bool:
    """A lexicon name in running text must show its capitals: every word capitalised in the
    lexicon is capitalised in the text, and a one-word name that is only capitalised because it
    starts a sentence must not be a common word."""
    need = [k for k, n in enumerate(ns) if n.cap or n.upper]
    if not need:
        return len(ns) > 1 and any(u.cap for u in us[1:])
    # The first capital and every abbreviation must be there; texts vary on inner capitals
    # (Тәуелсіз мемлекеттер достастығы, Ұлттық банк).
    for k in need:
        if k != need[0] and not ns[k].upper:
            continue
        if not (us[k].cap or us[k].upper):
            return False
        if ns[k].upper and not us[k].upper:
            return False
    if len(ns) == 1 and us[0].sent_start and us[0].lang in ("kk", "ru") and not ns[0].upper:
        if us[0].lang == "kk":
            return kk_word(us[0].text).pos in ("PROPN", None)
        return not _ru_common_first(us[0].norm)
    return True


# ------------------------------------------------------------------------------ abbreviations

def _glossary_entries(ctx: Context) -> list[tuple[str, str]]:
    """(short, full) pairs of the document glossary whose expansion names an organization."""
    return list(_glossary_orgs(tuple(sorted((ctx.glossary or {}).items())),
                               ctx.lang if ctx.lang in ("kk", "ru") else "ru"))


@lru_cache(maxsize=2_000)
def _glossary_orgs(items: tuple[tuple[str, str], ...], doc_lang: str) -> tuple[tuple[str, str], ...]:
    out = []
    for short, full in items:
        s = clean_name(short)
        f = clean_name(full)
        if not s or not f:
            continue
        lf = legal_forms()
        lang = "kk" if re.search(r"[әғқңөұүһі]", full, re.I) else doc_lang
        if lf.whole(s, lang) or lf.whole(f, lang):
            continue
        if is_org_phrase(f, lang):
            out.append((s, full))
    return tuple(out)


def is_org_phrase(phrase: str, lang: str) -> bool:
    """Does a phrase (a glossary expansion, an executor cell) name an organization? It does when it
    is a known name or ends (Kazakh) / starts (Russian) with an organization head noun, a legal
    form standing after a name included."""
    name = clean_name(phrase)
    if not name:
        return False
    if org_gazetteer().whole(name, lang):
        return True
    us = list(phrase_units(name, lang))
    # Drop a trailing (kk) or leading (ru) legal form.
    lf = legal_forms()
    for k in range(1, len(us)):       # the longest legal form that ends the phrase
        if any(m.end == len(us) for m in lf.match_at(us, k)):
            us = us[:k]
            break
    if not us:
        return False
    hk = heads()
    for lg in ("kk", "ru", "lat"):
        cand = hk.get(lg, {})
        if lg == "ru" and cand.get(us[0].lemma) and any(h.part != "place" for h in cand[us[0].lemma]):
            return True
        if lg != "ru" and cand.get(us[-1].lemma) and any(h.part != "place" for h in cand[us[-1].lemma]):
            return True
        if lg == "lat" and cand.get(us[-1].norm):
            return True
    return False


def _abbreviations(d: _Doc) -> list[Candidate]:
    out: list[Candidate] = []
    gloss = _glossary_entries(d.ctx)
    gz_gloss = Gazetteer((s, d.lang, (s, f)) for s, f in gloss) if gloss else None
    matches: list[tuple[Match, str]] = []
    if gz_gloss is not None:
        matches += [(m, "glossary") for m in gz_gloss.find(d.units)]
    matches += [(m, "lexicon") for m in _abbr_gazetteer().find_doc(d.ctx, d.units)]
    rows = org_abbreviations()
    for m, src in matches:
        us = d.units[m.start:m.end]
        short = m.entry.name
        ns = m.entry.units
        if any(n.upper for n in ns):
            if not all(u.upper or not n.upper for u, n in zip(us, ns)):
                continue
            if any(u.text.split("-", 1)[0] != n.text for u, n in zip(us, ns) if n.upper):
                continue
        elif src == "glossary":
            pass
        else:
            continue
        attrs: dict[str, Any] = {"abbr": short}
        score = 3.3
        if src == "glossary":
            full = m.entry.data[1]
            attrs["expansion"] = clean_name(full)
            cid = _canonical(clean_name(full), d.lang)
            if cid:
                attrs["canonical_id"] = cid
        else:
            if len(short) < 3 and short not in (d.ctx.glossary or {}):
                continue
            cands = rows.get(short, [])
            pick = _pick_abbr_row(cands, d)
            if pick is None:
                continue
            attrs["expansion"] = pick["full"]
            if pick.get("org"):
                attrs["canonical_id"] = pick["org"]
                if pick["org"] in _international_ids() and _geographic_use(d, m.start, m.end):
                    continue
            score = 3.2
        start, end = m.start, m.end
        norm = clean_name(" ".join(
            (u.text.split("-", 1)[0] if u.upper else u.text) for u in us[:-1]) + " " + (
            us[-1].text.split("-", 1)[0] if us[-1].upper else kk_citation(us[-1].text)
            if us[-1].lang == "kk" else us[-1].text))
        # Adjacent descriptor abbreviations belong to the name: АЭА ИТП, ИТП АЭА, СЭЗ ПИТ.
        db = _descriptor_before(d, start)
        if db is not None:
            norm = d.units[db].text + " " + norm
            start = db
        da = _descriptor_after(d, end - 1)
        if da is not None:
            norm = norm + " " + d.units[end].text.split("-", 1)[0]
            end = da
        lf = _legal_after(d, end - 1)
        if lf:
            end, (lid, sh, _sp) = lf
            attrs["legal_form"] = sh
        lb = _legal_before(d, start)
        if lb:
            start, (lid, sh, _sp) = lb
            attrs["legal_form"] = sh
        out.append(Candidate(start, end, norm, attrs, score, "abbr_" + src))
    return out


def _pick_abbr_row(rows: list[dict], d: _Doc) -> dict | None:
    if not rows:
        return None
    lang = d.lang
    same = [r for r in rows if r["lang"] == lang] or rows
    if len(same) > 1 and d.ctx.date:
        # One short form, two meanings over time (ПИТ 2003 / ПИТ since 2013): prefer by date.
        year = d.ctx.date[:4]
        same.sort(key=lambda r: (r["id"].endswith("_2003") and year >= "2013"))
    return same[0]


def _geographic_use(d: _Doc, s: int, e: int) -> bool:
    """``ТМД елдерінде``, ``стран СНГ``: an international body named as a region."""
    units = d.units
    if e < len(units) and kk_word(units[e].text).lemma.lower() in ("ел", "мемлекет") and kk_word(
            units[e].text).plural:
        return True
    if s > 0 and units[s - 1].lemma in ("страна", "государство") and units[s - 1].norm != "страна":
        return True
    return False


# --------------------------------------------------------------------------------- Latin names

def _latin(d: _Doc) -> list[Candidate]:
    """Runs of capitalised Latin words next to an organization word."""
    out = []
    units = d.units
    n = len(units)
    hk = heads()
    # Only capitalised Latin words can start a run: jump from one to the next.
    starts = d.scan[1]
    si = 0
    i = 0
    while True:
        while si < len(starts) and starts[si] < i:
            si += 1
        if si == len(starts):
            break
        i = starts[si]
        u = units[i]
        if "/" in u.raw_gap or "@" in u.raw_gap:
            i += 1
            continue
        j = i + 1
        while j < n and units[j].lang in ("lat", "num") and units[j].gap in ("", ".", "&") \
                and "«" not in units[j].raw_gap and "»" not in units[j].raw_gap:
            j += 1
        run = units[i:j]
        if j < n and units[j].gap == "." and units[j].lang == "lat":
            i = j
            continue
        attrs: dict[str, Any] = {}
        start, end = i, j
        ok = False
        last = run[-1]
        if any(h.part == "name" for h in hk.get("lat", {}).get(last.norm, [])) and len(run) > 1:
            ok = True
        # Kazakh head after the name (IDC компаниясы, Astana Hub технопаркі) or a legal form.
        if j < n and units[j].gap == "":
            hd = _head_at(d, j, "kk") if units[j].lang == "kk" else None
            if hd is not None and hd[1].part in ("name", "generic") and not kk_word(units[j].text).plural:
                ok = True
                if hd[1].part == "name" and hd[1].strong:
                    end = j + 1
            lf = _legal_after(d, j - 1)
            if lf:
                end, (lid, sh, _sp) = lf
                attrs["legal_form"] = sh
                ok = True
        # Russian head or legal form before it (компания IDC, ТОО KazSolar Tech).
        if i > 0 and units[i].gap == "":
            p = units[i - 1]
            hd = _head_at(d, i - 1, "ru") if p.lang == "ru" else None
            if hd is not None and hd[1].part in ("name", "generic") and not p.cap:
                ok = True
            lb = _legal_before(d, i)
            if lb:
                start, (lid, sh, _sp) = lb
                attrs["legal_form"] = sh
                ok = True
        if ok:
            if end > j:
                norm = clean_name(_span_text(d, i, end, kk_citation(units[end - 1].text)))
            else:
                norm = clean_name(_span_text(d, i, j))
            out.append(Candidate(start, end, norm, attrs, 2.2, "latin"))
        i = j
    return out



# ------------------------------------------------------------------- dictionary-labelled words

_ROMAN = re.compile(r"^[IVXLCDMІХУ]+$")


@lru_cache(maxsize=1)
@lexicon_phrases("org-not-acronyms")
def _non_org_shorts() -> frozenset[str]:
    """Abbreviations the lexicons say are not organizations: legal forms, states, places,
    economic and generic terms (ВВП, НДС, СЭЗ), currency codes."""
    out = {r["short"] for r in lexicon.load("abbreviations") if r["kind"] != "org"}
    out |= {r["form"] for r in lexicon.load("currencies") if r["form"].isupper()}
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _ru_dictionary_org(word: str, upper: bool) -> str | None:
    """The dictionary form of a Russian word that pymorphy's dictionary (OpenCorpora) labels an
    organization (``Orgn``: МЧС, ЦРУ, Интерпол, Роснефть, Госдума, Еврокомиссия), else None.

    A capitalised word counts only when its most likely reading is the organization (Спартак the
    club before Спартак the first name; Лента the outlet never before лента 'ribbon'). An
    abbreviation counts when any of its readings is one and none is a place (США, РФ) or a known
    common abbreviation (ВВП, ДТП, СМИ carry no ``Orgn``); pymorphy reads an abbreviation it does
    not know as an organization, which is what an unknown all-caps word in running text mostly is.
    """
    ps = ru_parses(word)
    if not ps:
        return None
    if upper:
        top = ps[:3]
        if any("Geox" in p.tag or "Name" in p.tag or "Surn" in p.tag for p in top):
            return None
        for p in top:
            if "Orgn" in p.tag:
                return p.normal_form
        return None
    p = ps[0]
    if "Orgn" in p.tag and "Geox" not in p.tag and p.tag.POS == "NOUN":
        return p.normal_form
    return None


def _cased_like(form: str, written: str) -> str:
    """``form`` with the capitals of ``written`` at the start of each hyphen part (аль-каида as
    written Аль-Каиды → Аль-Каида)."""
    fs, ws = form.split("-"), written.split("-")
    if len(fs) != len(ws):
        return form[:1].upper() + form[1:]
    return "-".join(f[:1].upper() + f[1:] if w[:1].isupper() else f for f, w in zip(fs, ws))


def _heading_line(d: _Doc, i: int) -> bool:
    """Is unit ``i`` in a line written in capitals (a title: ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА)? Only
    the 60 characters either side within the line are read: a text without line breaks must not
    make each abbreviation read the whole text."""
    u = d.units[i]
    t = d.text
    a = max(t.rfind("\n", max(0, u.start - 60), u.start) + 1, u.start - 60, 0)
    b = t.find("\n", u.end, u.end + 60)
    line = t[a:b if b >= 0 else u.end + 60]
    letters = [c for c in line if c.isalpha()]
    return len(letters) > len(u.text) + 3 and sum(c.isupper() for c in letters) > 0.6 * len(letters)


def _dictionary_names(d: _Doc) -> list[Candidate]:
    """Russian words the dictionary labels organizations, written with their capitals, outside
    person names, places and headings (see :func:`_ru_dictionary_org`)."""
    out = []
    units = d.units
    stop = _non_org_shorts()
    for i in d.scan[2]:         # Russian, capitalised, not in a person name
        u = units[i]
        form = _ru_dictionary_org(u.norm, u.upper)
        if form is None or d.lang_of(i) != "ru":
            continue
        base = u.text.split("-", 1)[0] if u.upper else u.text
        if u.upper:
            if base in stop or _ROMAN.match(base) or not 2 <= len(base) <= 8 or not base.isalpha():
                continue
        elif u.sent_start and u.lemma not in d.doc_caps:
            # A capital that only starts a sentence is weaker evidence: the word must be capitalised
            # somewhere inside a sentence too, or be no common word at all.
            if _ru_common_first(u.norm) and "Orgn" not in ru_parses(u.norm)[0].tag:
                continue
        if _is_place(base, "ru") or _heading_line(d, i):
            continue
        norm = base if u.upper else _cased_like(form, u.text)
        out.append(Candidate(i, i + 1, norm, {"kind": "organization"}, 1.5, "dictionary"))
    return out


# ----------------------------------------------------------------------------- news outlets

@lru_cache(maxsize=1)
def _news_cues() -> dict[str, frozenset[str]]:
    """news_words.tsv: the verbs that introduce an outlet (сообщает, пишет, хабарлайды), the
    words that may stand between them and its name (корреспондент, агентство), and the words
    that name an outlet next to them without making it the text's source (интервью, тілшісіне)."""
    out: dict[str, set[str]] = {"source_verb": set(), "skip_source": set(), "media_cue": set()}
    for r in lexicon.load("news_words"):
        if r["kind"] in out and r["lang"] in ("kk", "ru") and " " not in r["form"]:
            out[r["kind"]].add(r["form"].lower().rstrip("*"))
    return {k: frozenset(v) for k, v in out.items()}


def _outlet_at(d: _Doc, i: int, step: int) -> tuple[int, int] | None:
    """The outlet named from unit ``i`` on (``step`` 1: after a source verb; -1: before a Kazakh
    one): a quoted name, a run of Latin words, a domain (Lenta.ru) or of capitalised words."""
    units = d.units
    n = len(units)
    if not 0 <= i < n:
        return None
    if step > 0:
        q = d.opening_quote_after(i - 1) if i > 0 else None
        if q is not None:
            qa, qb = d.quote_units(q)
            if qa == i and qb > qa:
                return qa, qb
        j = i
        while j < n and j - i < 4 and (units[j].cap or units[j].upper or units[j].lang == "lat"):
            if j > i and not (units[j].gap in ("", "-") and not units[j].sent_start
                              or _domain_joint(units, j)):
                break
            j += 1
        return (i, j) if j > i else None
    q = d.closing_quote_before(i + 1) if i + 1 < n else None
    if q is not None:
        qa, qb = d.quote_units(q)
        if qb == i + 1 and qb > qa:
            return qa, qb
    j = i
    while j >= 0 and i - j < 4 and (units[j].cap or units[j].upper or units[j].lang == "lat"):
        u = units[j]
        j -= 1
        if _domain_joint(units, u.i):
            continue
        if u.sent_start or u.gap not in ("", "-"):
            break
    return (j + 1, i + 1) if j < i else None


def _domain_joint(units: list[Unit], j: int) -> bool:
    """Is unit ``j`` the part after a dot of a domain name (Dala.kz, Lenta.ru): a dot with no
    space and Latin letters on both sides? (The tokenizer marks it as a sentence start.)"""
    return j > 0 and units[j].raw_gap == "." and units[j].lang == "lat" and units[j - 1].lang == "lat"


def _outlets(d: _Doc) -> list[Candidate]:
    """Media named as a source: ``сообщает «Интерфакс»``, ``пишет Lenta.ru``, ``передает МИА
    «Казинформ»``, ``деп хабарлайды Kazinform``; and a capitalised name before a Kazakh source
    verb (``Tengrinews.kz хабарлайды``)."""
    cues = _news_cues()
    skip = cues["skip_source"]
    out = []
    units = d.units
    for i in d.scan[3]:         # source verbs
        u = units[i]
        spans = []
        j = i + 1
        while j < len(units) and units[j].norm in skip and units[j].gap == "":
            j += 1
        if j < len(units) and units[j].gap == "" and not units[j].sent_start:
            spans.append(_outlet_at(d, j, 1))
        if u.lang == "kk" and i > 0 and u.gap == "" and not u.sent_start:
            spans.append(_outlet_at(d, i - 1, -1))
        for sp in spans:
            if sp is None:
                continue
            a, b = sp
            if any(k in d.person_units for k in range(a, b)) or units[a].lemma == "&":
                continue
            if units[a].sent_start and not _name_word(d, units[a]) and (
                    units[a].lang != "ru" or _ru_common_first(units[a].norm)):
                continue    # «…», – деп хабарлайды: a capital that only starts the sentence
            name = clean_name(d.text[units[a].start:units[b - 1].end])
            if not name or _is_place(name, d.lang_of(a)):
                continue
            out.append(Candidate(a, b, name, {"kind": "media"}, 1.8, "outlet"))
    return out


# ------------------------------------------------------------------------- repeated names

def _core_span(d: _Doc, c: Candidate, quotes: dict[int, int]) -> tuple[int, int] | None:
    """The part of a found name that the text repeats on its own: the quoted name («Яблоко» of
    партии «Яблоко»), a Latin name (DST of фонд DST), a one-word name or abbreviation."""
    units = d.units
    for k in range(c.start, c.end):
        qb = quotes.get(k)
        if qb is not None and qb <= c.end:
            return k, qb
    if c.end - c.start == 1:
        return c.start, c.end
    lat = [k for k in range(c.start, c.end) if units[k].lang == "lat"]
    if lat and lat == list(range(lat[0], lat[-1] + 1)) and units[lat[0]].cap:
        return lat[0], lat[-1] + 1
    return None


def _repeated(d: _Doc, chosen: list[Candidate]) -> list[Candidate]:
    """Later (or earlier) mentions of a name the document has introduced with a head noun, a legal
    form or quotes: a news text writes «партии «Яблоко»» once and «Яблоко» after; «фонд DST», then
    DST. The mention must show the name's capitals; a one-word name only capitalised because a
    sentence starts with it must not be a common word."""
    names = []
    quotes: dict[int, int] = {}     # first unit of a name quote → one past its last
    for q in d.name_q:
        qa, qb = d.quote_units(q)
        if qb > qa and qa not in quotes:
            quotes[qa] = qb
    for c in chosen:
        sp = _core_span(d, c, quotes)
        if sp is None:
            continue
        a, b = sp
        us = d.units[a:b]
        if not any(u.cap or u.upper for u in us) or any(k in d.person_units for k in range(a, b)):
            continue
        text = d.text[us[0].start:us[-1].end]
        if len(text) < 2 or c.rule == "coordination" or _is_place(text, d.lang_of(a)):
            continue    # акимат [Алматы] (a part of «акиматам … Алматы и Шымкента»): a place
        names.append((text, d.lang_of(a), c))
    if not names:
        return []
    # One gazetteer entry per distinct name: a table repeating «Самрұқ-Қазына» 3,000 times would
    # otherwise verify and sort 3,000 equal entries at each of its 3,000 places (9 million
    # matches, 25 s on bench's ragged table). Which mention a repeat copies its attributes from
    # is decided as before; see _repeat_source.
    classes: dict[tuple[str, str], int] = {}
    members: list[list[Candidate]] = []
    for text, lang, c in names:
        k = classes.get((text, lang))
        if k is None:
            k = classes[(text, lang)] = len(members)
            members.append([])
        members[k].append(c)
    gz = Gazetteer((text, lang, k) for (text, lang), k in classes.items())
    out = []
    units = d.units
    found = gz.find_doc(d.ctx, units)     # through the document's key index, not unit by unit
    d.ctx.notes.get("gazetteer_matches", {}).pop(id(gz), None)   # a per-document gazetteer
    taken = bytearray(len(units) + 1)
    for c in chosen:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    full: list[Gazetteer] = []      # the gazetteer of every mention, built only when needed
    # Matches of one span are consecutive after this sort (equal keys keep the gazetteer's order).
    found = sorted(found, key=lambda m: (-(m.end - m.start), m.start))
    g = 0
    while g < len(found):
        s, e = found[g].start, found[g].end
        h = g + 1
        while h < len(found) and found[h].start == s and found[h].end == e:
            h += 1
        group = found[g:h]
        g = h
        if taken.find(1, s, e) >= 0:
            continue        # the mention that introduced the name, or one inside a longer name
        us = units[s:e]
        if not _repeat_span_ok(d, us, s, e):
            continue
        ok = [m.entry.data for m in group if _repeat_entry_ok(us, m.entry.units)]
        if not ok:
            continue
        src = _repeat_source(d, names, members, ok, full, s, e)
        attrs = {k: v for k, v in src.attrs.items() if k in ("canonical_id", "kind")}
        out.append(Candidate(s, e, clean_name(strip_case(us[0]) if len(us) == 1 else
                                              d.text[us[0].start:us[-1].end]),
                             attrs, 1.4, "repeated"))
        taken[s:e] = b"\x01" * (e - s)
    return out


# function words that an abbreviation skips (Комитет защиты журналистов → КЗЖ, but «Парк
# инновационных технологий» → ПИТ and Министерство по инвестициям и развитию → МИР)
_ABBR_SKIP = frozenset("и в во на по для о об при с со из за к от до под над the of and for to in on at "
                       "және мен бен пен жөніндегі бойынша арналған".split())
_OPEN_PAREN = re.compile(r"[ \u00a0]?\([ \u00a0]?")


def _initials_fit(abbr: str, words: list[str]) -> bool:
    """Do the words' first letters spell the abbreviation (function words may be skipped, and a
    word may give two letters: Мемлекеттік → Мем, ИнфоКом)?"""
    letters = abbr.lower()
    words = [w for w in words if w]

    def fit(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(letters)
        w = words[i].lower()
        if w in _ABBR_SKIP and fit(i + 1, j):
            return True
        if j < len(letters) and w[0] == letters[j]:
            # one letter from this word, or its first two or three
            for k in range(1, min(3, len(w)) + 1):
                if letters[j:j + k] == w[:k] and fit(i + 1, j + k):
                    return True
        return False

    return 2 <= len(letters) <= 8 and fit(0, 0)


def _inline_abbreviations(d: _Doc, chosen: list[Candidate]) -> list[Candidate]:
    """An organization's abbreviation defined in parentheses right after its name — Комитет
    защиты журналистов (КЗЖ), Халықаралық валюта қоры (ХВҚ) — and its later bare mentions: the
    document's own glossary, written inline. Also the name's Latin spelling in parentheses
    (Committee to Protect Journalists). Only when the abbreviation's letters are the initials of
    the name's words, so that a legal form or a place in parentheses is not taken."""
    units, text = d.units, d.text
    taken = bytearray(len(units) + 1)
    for c in chosen:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    by_start = {u.start: u.i for u in units}
    out: list[Candidate] = []
    defined: dict[str, Candidate] = {}
    queue = list(chosen)
    while queue:
        c = queue.pop(0)
        end = units[c.end - 1].end
        if c.rule == "abbr_inline" and text[end:end + 1] == ")":
            end += 1    # Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists)
        m = _OPEN_PAREN.match(text, end)
        if not m or m.end() not in by_start:
            continue
        a = by_start[m.end()]
        b = a
        while b < len(units) and units[b].end <= len(text) and text[units[b].end:units[b].end + 1] != ")" \
                and b - a < 8:
            b += 1
        if b >= len(units) or text[units[b].end:units[b].end + 1] != ")" or taken.find(1, a, b + 1) >= 0:
            continue
        inside = units[a:b + 1]
        words = [u.text for u in units[c.start:c.end]]
        attrs = {k: v for k, v in c.attrs.items() if k in ("canonical_id", "kind")}
        if len(inside) == 1 and inside[0].upper and _initials_fit(inside[0].text, _abbr_source_words(words)):
            abbr = inside[0].text
            attrs.update({"abbr": abbr, "expansion": c.normalized})
            cand = Candidate(a, b + 1, abbr, attrs, 1.4, "abbr_inline")
            defined.setdefault(abbr, cand)
        elif len(inside) >= 2 and all(u.lang == "lat" for u in inside) and inside[0].cap \
                and c.normalized and not all(u.lang == "lat" for u in units[c.start:c.end]):
            # the name's Latin spelling; after an inline abbreviation, the name's (КЗЖ) (CPJ …)
            if c.rule == "abbr_inline":
                attrs["expansion"] = c.attrs.get("expansion")
                attrs.pop("abbr", None)
            cand = Candidate(a, b + 1, text[inside[0].start:inside[-1].end], attrs, 1.4, "latin_inline")
        else:
            continue
        if cand.rule == "abbr_inline":
            queue.append(cand)
        out.append(cand)
        taken[a:b + 1] = b"\x01" * (b + 1 - a)
    for abbr, src in defined.items():
        for u in units:
            if u.text == abbr and not taken[u.i]:
                out.append(Candidate(u.i, u.i + 1, abbr, dict(src.attrs), 1.4, "abbr_inline"))
                taken[u.i] = 1
    return out


def _abbr_source_words(words: list[str]) -> list[str]:
    """The words of a name an abbreviation is made of: quotes dropped, hyphenated parts split."""
    out: list[str] = []
    for w in words:
        out.extend(p for p in re.split(r"[-–«»\"“”„]", w) if p)
    return out


def _repeat_span_ok(d: _Doc, us: list[Unit], s: int, e: int) -> bool:
    """The checks of a repeated mention that depend on the text only: no person inside, and a
    one-word mention that starts a sentence is no common Russian word."""
    if any(k in d.person_units for k in range(s, e)):
        return False
    if len(us) == 1 and us[0].sent_start and not (us[0].upper or us[0].lang == "lat"):
        if us[0].lang == "ru" and _ru_common_first(us[0].norm) and us[0].lemma not in d.doc_caps:
            return False
    return True


def _repeat_entry_ok(us: list[Unit], ns: tuple[Unit, ...]) -> bool:
    """The checks that depend on the name too: its capitals are shown, and a Kazakh plural does
    not repeat a singular name («Халыққа қызмет көрсету орталығы» → … орталықтарында: the kind,
    not the body)."""
    if not all((u.cap or u.upper) == (n.cap or n.upper) for u, n in zip(us, ns) if n.cap or n.upper):
        return False
    if len(us) > 1 and us[-1].lang == "kk" and kk_word(us[-1].text).plural \
            and not kk_word(ns[-1].text).plural:
        return False
    return True


def _repeat_sig(c: Candidate) -> tuple:
    return tuple((k, v) for k, v in c.attrs.items() if k in ("canonical_id", "kind"))


def _repeat_source(d: _Doc, names: list[tuple[str, str, Candidate]], members: list[list[Candidate]],
                   ok: list[int], full: list[Gazetteer], s: int, e: int) -> Candidate:
    """The mention a repeat at units [s, e) takes its attributes from, among the mentions of the
    names (``ok``: their indices in ``members``) that match there.

    With one entry per mention, the first matching entry in the gazetteer's candidate order won;
    that order is a set's, which a per-name gazetteer does not keep. It only matters when the
    mentions differ in the attributes a repeat copies, which is rare: then the gazetteer of every
    mention is built and asked about this one place, giving the same answer as ever."""
    first = members[ok[0]][0]
    sig = _repeat_sig(first)
    if all(_repeat_sig(c) == sig for k in ok for c in members[k]):
        return first
    if not full:
        full.append(Gazetteer(names))
    allowed = {id(c) for k in ok for c in members[k]}
    for m in full[0].match_at(d.units, s):
        if m.end == e and id(m.entry.data) in allowed:
            return m.entry.data
    raise AssertionError("a repeated name matched by its own entry but not by its mentions'")


# ------------------------------------------------------------------------------------ linking

@lru_cache(maxsize=20_000)
def _canonical(name: str, lang: str) -> str | None:
    """The orgs.tsv id of a name, its state prefix and legal form left out."""
    gz = org_gazetteer()
    for e in gz.whole(name, lang):
        return e.data["id"]
    rows = org_abbreviations().get(name)
    if rows and rows[0].get("org"):
        return rows[0]["org"]
    us = phrase_units(name, lang)
    if not us:
        return None
    # A state prefix (Қазақстан Республикасының / ҚР) or suffix (Республики Казахстан / РК).
    st = _state_gazetteer()
    best = None
    for m in st.find(list(us)):
        if m.start == 0 and m.end < len(us):
            rest = name[us[m.end].start:]
            for e in gz.whole(rest, lang):
                best = e.data["id"]
        elif m.end == len(us) and m.start > 0:
            rest = name[:us[m.start - 1].end]
            for e in gz.whole(rest, lang):
                best = e.data["id"]
    return best


def _programs_check():
    from . import programs

    return programs.program_quote


def find(ctx: Context) -> list[Candidate]:
    """All organization candidates of a document, resolved (non-overlapping), by position."""
    units = doc_units(ctx)
    if not units:
        return []
    d = _Doc(ctx, units)
    cands: list[Candidate] = []
    cands += _lexicon(d, org_gazetteer())
    pc = _programs_check()
    seen_q = set()
    for q in d.name_q:
        c = _quoted(d, q, pc)
        if c is not None and (c.start, c.end) not in seen_q:
            seen_q.add((c.start, c.end))
            cands.append(c)
    for i in d.scan[0]:         # head nouns
        if units[i].lang == "kk":
            c = _kk_phrase(d, i)
            if c:
                cands.append(c)
            else:
                cands += _coordinated(d, i)
        else:
            c = _ru_phrase(d, i)
            if c:
                cands.append(c)
            else:
                cands += _coordinated(d, i)
    cands += _abbreviations(d)
    cands += _latin(d)
    cands += _dictionary_names(d)
    cands += _outlets(d)
    chosen = _resolve(d, cands)
    more = _repeated(d, chosen)     # disjoint from the names chosen and from each other
    if more:
        chosen = sorted(chosen + more, key=lambda c: c.start)
    more = _inline_abbreviations(d, chosen)
    if more:
        chosen = sorted(chosen + more, key=lambda c: c.start)
    for c in chosen:
        if "canonical_id" not in c.attrs:
            cid = _canonical(c.normalized, d.lang_of(c.start))
            if cid:
                c.attrs["canonical_id"] = cid
    return chosen


def _resolve(d: _Doc, cands: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    taken = bytearray(len(d.units) + 1)
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.score, c.start)):
        if not c.normalized or c.end <= c.start:
            continue
        if any(taken[c.start:c.end]):
            continue
        if c.rule in ("kk_head", "ru_head") and (_is_place(c.normalized, d.lang_of(c.start))
                                                 or _is_generic(c.normalized, d.lang_of(c.start))):
            continue        # countries (Ресей Федерациясы); concepts (Арнайы экономикалық аймақ)
        if not (c.rule.startswith(("quote", "legal")) or c.rule == "lexicon") and any(
                i in d.person_units for i in range(c.start, c.end)):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    chosen.sort(key=lambda c: c.start)
    return chosen


# Entity scores by rule (how often the rule is right), for overlap resolution against other types.
_SCORES = {"lexicon": 0.95, "coordination": 0.93, "abbr_glossary": 0.95, "abbr_lexicon": 0.93, "kk_head": 0.9,
           "ru_head": 0.9, "kk_generic": 0.88, "latin": 0.85, "dictionary": 0.8, "outlet": 0.82,
           "repeated": 0.8, "abbr_inline": 0.85, "latin_inline": 0.85}


def run(ctx: Context) -> None:
    units = doc_units(ctx)
    out = find(ctx)
    spans = []
    for c in out:
        s, e = units[c.start].start, units[c.end - 1].end
        # A closing quote right after the name belongs to it.
        if e < len(ctx.text) and ctx.text[e] == "»" and ctx.text.count("«", s, e) > ctx.text.count("»", s, e):
            e += 1
        if s > 0 and ctx.text[s - 1] == "«" and ctx.text.count("»", s, e) > ctx.text.count("«", s, e):
            s -= 1
        score = _SCORES.get(c.rule, 0.95 if c.rule.startswith(("quote", "legal", "descriptor")) else 0.9)
        ctx.add(Entity("ORG", s, e, ctx.text[s:e], c.normalized, dict(c.attrs), score))
        spans.append((s, e))
    ctx.notes["org_spans"] = spans
