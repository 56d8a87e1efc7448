"""The bilingual lexical map: which lemma sequences mean the same thing.

Built from the lexicons — Kazakh↔Russian term pairs (``terms.tsv``), abbreviations with their
expansions in both languages (``abbreviations.tsv``: ПИТ = ИТП = Парк инновационных технологий =
Инновациялық технологиялар паркі), the names of organizations, programs and places in each
language (a Kazakh name also in the Russian spelling of its letters, ``kk_ru_letters.tsv``:
«Қазақстан темір жолы» ~ «Казакстан темир жолы»), and the demonyms and adjectives of places (``demonyms.tsv`` and the Kazakh rule of
``lang.kk.demonyms``: карагандинец, қарағандылық ~ Караганда, Қарағанды). Every entry is reduced to the lemma sequence the index stores (the same analyzer, with
the entry's language as hint), so a query phrase is looked up by its lemmas and expanded into the
lemma sequences of its equivalents.

Building it analyses ~12,000 words (about a second cold), so the map is pickled next to the
lexicons' state in the index folder and rebuilt only when a lexicon changes.
"""
from __future__ import annotations

import hashlib
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .. import lexicon
from ..lang.analyzer import TOKEN_RE, analyze_word
from ..lang.translit import bare_key

Lemmas = tuple[str, ...]
SOURCES = ("terms", "abbreviations", "orgs", "programs", "places", "demonyms", "kk_ru_letters")

MAX_PHRASE = 8
CACHE_NAME = "itp-lexmap.pickle"


def _ru_spelled(source: str, row: dict, companies: set[str]) -> bool:
    """Whether Russian texts write this Kazakh name as it is, in Russian letters: proper names of
    companies, funds and programs (Нурлы жол, Казакстан темир жолы), not descriptive names of
    state bodies, which Russian translates (and places have Russian names of their own)."""
    if source == "programs":
        return True
    if source == "orgs":
        return row["id"] in companies
    return source == "abbreviations" and row.get("org") in companies


@dataclass
class LexMap:
    # lemma sequence → (equivalent lemma sequences, kind: 'translation' | 'abbreviation' | 'name')
    table: dict[Lemmas, set[tuple[Lemmas, str]]] = field(default_factory=dict)
    # abbreviation (upper-case letters) → org/canonical ids it stands for (for org: filters)
    abbr_ids: dict[str, set[str]] = field(default_factory=dict)
    # lemma sequence of a known name (org, program, place, expansion) → its canonical ids, so
    # that a filter written in one language (program:"Информационный Казахстан – 2020") finds
    # documents that name the same thing in the other
    name_ids: dict[Lemmas, set[str]] = field(default_factory=dict)
    # the script-neutral keys of each entry's lemmas → those lemma sequences: a spelling the
    # lexicons do not list (KazMunaiGas beside KazMunayGas, Самұрық beside Самрұқ) still finds
    # the entry when it folds to the same keys
    by_key: dict[tuple[str, ...], set[Lemmas]] = field(default_factory=dict)
    stamp: str = ""

    def lookup(self, lemmas: Lemmas) -> set[tuple[Lemmas, str]]:
        found = self.table.get(lemmas)
        if found:
            return found
        out: set[tuple[Lemmas, str]] = set()
        for entry in self.by_key.get(_keys(lemmas), ()):
            if entry != lemmas:
                out.add((entry, "name"))
                out |= self.table.get(entry, set())
        out.discard((lemmas, "name"))
        return out

    @property
    def max_len(self) -> int:
        return MAX_PHRASE


MIN_KEY = 5     # shorter keys fold too many different words together to stand for a name


def _keys(lemmas: Lemmas) -> tuple[str, ...]:
    """The entry's bare keys, or () when a word has none or they are too short to rely on."""
    keys = tuple(bare_key(lem) for lem in lemmas)
    if not all(keys) or sum(map(len, keys)) < MIN_KEY:
        return ()
    return keys


def lemmas_of(text: str, lang: str) -> Lemmas:
    hint = "kk" if lang == "kk" else "ru"
    return tuple(analyze_word(m.group(), hint).lemma for m in TOKEN_RE.finditer(text))


# Bumped when LexMap's fields change, so that cached maps of older versions are rebuilt.
VERSION = 3


def _stamp() -> str:
    h = hashlib.sha1(f"v{VERSION};".encode())
    d = lexicon.lexicon_dir()
    for name in SOURCES:
        p = d / f"{name}.tsv"
        try:
            st = p.stat()
            h.update(f"{name}:{st.st_size}:{st.st_mtime_ns};".encode())
        except OSError:
            h.update(f"{name}:-;".encode())
    return h.hexdigest()


def _link(groups: list[list[tuple[Lemmas, str]]], kind: str, table: dict) -> None:
    for members in groups:
        uniq = list(dict.fromkeys(m for m in members if m[0]))
        for a, _la in uniq:
            for b, _lb in uniq:
                if a != b:
                    table[a].add((b, kind))


def _ru_spelling() -> dict[int, str]:
    """str.translate table: Kazakh-only letters → the Russian letters Russian text writes."""
    try:
        rows = lexicon.load("kk_ru_letters")
    except lexicon.LexiconError:
        return {}
    table = {}
    for r in rows:
        table[ord(r["kk"])] = r["ru"]
        table[ord(r["kk"].upper())] = r["ru"].upper()
    return table


def _add_demonyms(places, groups: dict[str, list[tuple[Lemmas, str]]]) -> None:
    """Put each place's demonyms into its group: the listed ones and, for one-word Kazakh names,
    the regular derivation. They join the place's group but not ``name_ids``: a demonym is a
    word about the place, not its name, so it widens searches but not ``place:`` filters."""
    from ..lang.kk.demonyms import demonym

    for r in places:
        if r.get("lang") == "kk" and r["id"] in groups:
            d = demonym(r.get("name") or "")
            if d:
                groups[r["id"]].append((lemmas_of(d, "kk"), "kk"))
    try:
        listed = lexicon.load("demonyms")
    except lexicon.LexiconError:
        return
    for r in listed:
        if r["place"] in groups:
            groups[r["place"]].append((lemmas_of(r["word"], r["lang"]), r["lang"]))


def build() -> LexMap:
    table: dict[Lemmas, set[tuple[Lemmas, str]]] = defaultdict(set)
    abbr_ids: dict[str, set[str]] = defaultdict(set)
    name_ids: dict[Lemmas, set[str]] = defaultdict(set)
    try:
        terms = lexicon.load("terms")
        for r in terms:
            kk, ru = lemmas_of(r["kk"], "kk"), lemmas_of(r["ru"], "ru")
            if kk and ru and kk != ru:
                table[kk].add((ru, "translation"))
                table[ru].add((kk, "translation"))
    except lexicon.LexiconError:
        pass
    ru_spelling = _ru_spelling()
    try:
        companies = {r["id"] for r in lexicon.load("orgs") if r.get("legal_form")}
    except lexicon.LexiconError:
        companies = set()
    for name, kind, text_cols in (("abbreviations", "abbreviation", ("short", "full")),
                                  ("orgs", "name", ("name",)), ("programs", "name", ("name",)),
                                  ("places", "name", ("name",))):
        try:
            lex = lexicon.load(name)
        except lexicon.LexiconError:
            continue
        groups: dict[str, list[tuple[Lemmas, str]]] = defaultdict(list)
        for r in lex:
            lang = r.get("lang", "")
            for col in text_cols:
                val = r.get(col) or ""
                if val:
                    lem = lemmas_of(val, lang)
                    groups[r["id"]].append((lem, lang))
                    if lem and (name != "abbreviations" or col == "full"):
                        name_ids[lem].add(r.get("org") or r["id"] if name == "abbreviations" else r["id"])
                    if lang == "kk" and ru_spelling and col != "short" and _ru_spelled(name, r, companies):
                        ru = val.translate(ru_spelling)
                        if ru != val:
                            groups[r["id"]].append((lemmas_of(ru, "ru"), "ru"))
            if name == "abbreviations" and r.get("short"):
                abbr_ids[r["short"].upper()].add(r.get("org") or r["id"])
        if name == "places":
            _add_demonyms(lex, groups)
        _link(list(groups.values()), kind, table)
    by_key: dict[tuple[str, ...], set[Lemmas]] = defaultdict(set)
    for lemmas in table:
        k = _keys(lemmas)
        if k:
            by_key[k].add(lemmas)
    return LexMap(dict(table), dict(abbr_ids), dict(name_ids), dict(by_key), _stamp())


def load(cache_dir: Path | None = None) -> LexMap:
    """The map, from ``cache_dir`` when its lexicon stamp is current, else built (and cached)."""
    stamp = _stamp()
    path = cache_dir / CACHE_NAME if cache_dir else None
    if path is not None:
        try:
            with open(path, "rb") as f:
                lm = pickle.load(f)
            if isinstance(lm, LexMap) and lm.stamp == stamp:
                return lm
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            pass
    lm = build()
    if path is not None:
        try:
            tmp = path.with_suffix(f".tmp{os.getpid()}")
            with open(tmp, "wb") as f:
                pickle.dump(lm, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only index folder: build in memory each time
    return lm
