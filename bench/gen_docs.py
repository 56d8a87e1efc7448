#!/usr/bin/env python3
"""Synthetic Kazakh and Russian government documents, and query workloads, for speed benchmarks.

Why synthetic: index and query speed must be measured at 10,000 and 100,000 documents, and we
have five seeds and a 37-document corpus. Repeating them would be both forbidden (their text
must not enter the repository or its outputs) and misleading: every analysis cache is keyed by
word form, so a corpus of repeated text measures cache hits, not analysis. The generator writes
documents with the vocabulary shape of real ones instead: names, organizations, places, terms,
programs, roles, amounts and dates drawn from ``lexicons/*.tsv`` with Zipf-like frequencies
(a few very common, a long tail), Kazakh words inflected by the suffix table the analyser reads
(``kk_suffixes.tsv``, vowel harmony and assimilation), Russian words by pymorphy3 and names by
``gen_ru_names.tsv``, inside sentence templates written for this purpose
(``gen_templates.tsv``). Half the documents are Kazakh, half Russian; about half are news
(title, dateline, lead, quotes), half decrees (heading with act kind, date and number, operative
formula, numbered clauses and ``1)`` sub-clauses, control and entry-into-force clauses,
signature; some with an appendix measures table in ``\\t|\\t`` rows). Lengths vary from 150 to
600 words around a median of ~300.

The query workload is drawn from the same lexicons and from what was actually written, one list
per kind: term, phrase, inflected, cross-lingual, transliterated, fuzzy, filtered (see
:func:`make_queries`).

    .venv/bin/python bench/gen_docs.py --n 10000 --out /tmp/itp-docs-10k [--seed 1] [--queries 100]

writes ``OUT/docs/000/000000-kk-news.txt`` ... (1,000 files a folder), ``OUT/manifest.jsonl``
(per document: language, kind, act, date, number, persons, amounts, words), ``OUT/queries.tsv``
(``kind<TAB>query``) and ``OUT/gen.json`` (parameters, a stamp of the generator and lexicons for
reuse, and corpus statistics: words, distinct words, Zipf slope). Same seed, same bytes.
"""
from __future__ import annotations

import argparse
import bisect
import hashlib
import json
import math
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from itp_docs import lexicon  # noqa: E402
from itp_docs.lang.script import KK_TO_RU  # noqa: E402
from itp_docs.lang.translit import bare_key, romanize  # noqa: E402

__all__ = ["Lexicons", "Generator", "Doc", "generate", "make_queries", "QUERY_KINDS", "stamp"]

QUERY_KINDS = ("term", "phrase", "inflected", "cross-lingual", "transliterated", "fuzzy", "filtered")
SHARD = 1000
LEXICONS_USED = ("gen_templates", "gen_ru_names", "kk_suffixes", "kk_stems", "persons", "first_names",
                 "orgs", "abbreviations", "places", "programs", "roles", "terms", "months", "currencies",
                 "numerals", "legal_acts", "stopwords", "ru_lemma_overrides")

# --------------------------------------------------------------------------- Kazakh phonology
# Sound classes as kk_suffixes.tsv defines them for its `after` column.
_VOWELS = frozenset("аәеёиоөұүыіэюяaeiouy")
_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әөүіеэ")
_CLASS = {"р": "R", "й": "R", "у": "R", "л": "L", "м": "N", "н": "N", "ң": "N", "ж": "Z", "з": "Z"}
_ALTERNATE = {"к": "г", "қ": "ғ", "п": "б"}
_SURNAME_END = re.compile(r"(ов|ев|ёв|ин|ын)а?$")
_CYR_LETTER = re.compile(r"[а-яёәғқңөұүһі]", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SLOT = re.compile(r"\{(\w+)(?:\.(\d))?(?::([A-Z0-9+]+))?\}")
_RU_CASE = {"GEN": "gent", "DAT": "datv", "ACC": "accs", "INS": "ablt", "LOC": "loct"}
_RU_OB = re.compile(r"(?<![\w-])([Оо]) (?=[АЕИОУЭЫаеиоуэы])")


def kk_harmony(word: str) -> str:
    """back/front by the last vowel; a surname's -ов/-ев/-ин is a Russian suffix and does not
    count (Сағынтаевқа, Исекешовке)."""
    w = word.lower()
    m = _SURNAME_END.search(w)
    if m and m.start() >= 3:
        w = w[:m.start()]
    for ch in reversed(w):
        if ch in _BACK:
            return "back"
        if ch in _FRONT:
            return "front"
    return "back"


def kk_class(word: str) -> str:
    for ch in reversed(word.lower()):
        if ch in "ьъ":
            continue
        if ch in _VOWELS and ch != "у":
            return "V"
        return _CLASS.get(ch, "T")
    return "V"


@dataclass(frozen=True)
class _Suffix:
    form: str
    harmony: str
    after: frozenset
    follows: frozenset


# --------------------------------------------------------------------------- sampling

class Zipf:
    """Draws items with probability ~ 1/(rank + q): a few very common, a long tail. The rank
    order is the given one (lexicons that list frequent entries first) or a seeded shuffle."""

    def __init__(self, items: list, rng: random.Random | None = None, q: float = 2.7,
                 weights: list[float] | None = None) -> None:
        if not items:
            raise ValueError("Zipf over nothing")
        self.items = list(items)
        order = list(range(len(items)))
        if rng is not None:
            rng.shuffle(order)
            self.items = [items[i] for i in order]
            if weights is not None:
                weights = [weights[i] for i in order]
        w = [1.0 / (r + q) for r in range(len(self.items))]
        if weights is not None:
            w = [a * b for a, b in zip(w, weights)]
        self.cum = list(accumulate(w))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


class Weighted:
    def __init__(self, items: list, weights: list[float]) -> None:
        self.items = items
        self.cum = list(accumulate(weights))
        self.total = self.cum[-1]

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect_right(self.cum, rng.random() * self.total)]


# --------------------------------------------------------------------------- entities

@dataclass
class Person:
    key: str
    gender: str                      # m | f
    first: dict[str, str]            # kk, ru, lat
    sur: dict[str, str]
    middle: str                      # patronymic initial letter (kk), for Ж.Қ. Тұрғанбаев
    famous: bool = False


@dataclass
class Org:
    key: str
    names: dict[str, list[str]]      # kk/ru → spellings (first = canonical)
    form: dict[str, str]             # kk/ru → legal form abbreviation (АҚ/АО) or ""
    lat: list[str] = field(default_factory=list)   # Latin spellings that transliterate a name


@dataclass
class Template:
    parts: list                       # str or (type, ref, chain)
    weight: float


@dataclass
class Doc:
    index: int
    lang: str
    kind: str                         # news | decree
    act: str                          # resolution | decree | order | akimat | ""
    date: tuple[int, int, int]
    number: str
    text: str
    persons: list[str]
    amounts: list[float]
    words: int

    @property
    def relpath(self) -> str:
        return f"{self.index // SHARD:03d}/{self.index:06d}-{self.lang}-{self.kind}.txt"


# --------------------------------------------------------------------------- lexicons

class Lexicons:
    """Everything the generator draws from, loaded and indexed once; ``seed`` fixes which
    entries are common (the Zipf rank order) and the pool of generated people."""

    def __init__(self, seed: int = 1, pool: int = 20000) -> None:
        rng = random.Random(f"lexicons-{seed}")
        self._morph = None
        self._load_suffixes()
        self._load_ru_names()
        self._load_templates()
        self._load_people(rng, pool)
        self._load_orgs(rng)
        self._load_places(rng)
        self._load_programs(rng)
        self._load_terms(rng)
        self._load_words(rng)
        self._load_ru_words(rng)
        self._load_numbers()
        self.stopwords = {r["word"].lower() for r in lexicon.load("stopwords")}

    # ------------------------------------------------------------------ morphology
    def _load_suffixes(self) -> None:
        self.suffixes: dict[str, list[_Suffix]] = {}
        for r in lexicon.load("kk_suffixes"):
            if r["root_add"] or r["final"] != "yes":
                continue
            self.suffixes.setdefault(r["slot"], []).append(
                _Suffix(r["form"], r["harmony"], frozenset(r["after"]), frozenset(r["follows"])))
        self.plural_forms = tuple(s.form for s in self.suffixes.get("PL", ()))

    def _suffix(self, slot: str, prev: str, harmony: str, cls: str) -> _Suffix | None:
        for s in self.suffixes.get(slot, ()):
            if prev in s.follows and s.harmony in ("any", harmony) and (not s.after or cls in s.after):
                return s
        return None

    @lru_cache(maxsize=200_000)
    def kk(self, phrase: str, chain: tuple[str, ...]) -> str:
        """``phrase`` with Kazakh endings ``chain`` (PL, P3, cases) on its last word. A multiword
        name ending in -ы/-і is an izafet compound already in the 3rd person possessive
        (Қаржы министрлігі → министрлігіне), so its cases take the after-possessive forms."""
        chain = tuple(c for c in chain if c != "CAP")
        if not chain:
            return phrase
        head, sep, word = phrase.rpartition(" ")
        low = word.lower()
        prev = "P3" if head and low[-1:] in ("ы", "і") else "ROOT_N"
        hyphen = not _CYR_LETTER.search(word[-1]) or (len(word) > 1 and word.isupper())
        glued = False
        for slot in chain:
            if slot == "P3" and prev == "P3":
                continue
            if slot == "PL" and (prev == "P3" or low.endswith(self.plural_forms)):
                continue        # already plural, or a possessive compound: the case still goes on
            s = self._suffix(slot, prev, kk_harmony(word), kk_class(word))
            if s is None:
                break
            if hyphen and not glued:
                word += "-"
            elif s.form[0] in _VOWELS and word[-1] in _ALTERNATE:
                word = word[:-1] + _ALTERNATE[word[-1]]
            word += s.form
            glued = True
            prev = slot
        return head + sep + word

    def morph(self):
        if self._morph is None:
            import pymorphy3

            self._morph = pymorphy3.MorphAnalyzer(lang="ru")
        return self._morph

    @lru_cache(maxsize=200_000)
    def ru(self, phrase: str, chain: tuple[str, ...]) -> str:
        """``phrase`` in a Russian case: the leading adjectives agree with the first noun (in
        animacy too, for the accusative), the rest (genitive dependents, names) stays."""
        case = next((c for c in chain if c in _RU_CASE), None)
        plural = "PL" in chain
        if case is None and not plural:
            return phrase
        words = phrase.split(" ")
        head = self._ru_head(phrase)
        if head is None:
            return phrase
        noun = head[-1]
        animacy = noun.tag.animacy
        if plural and ("Pltm" in noun.tag or "Sgtm" in noun.tag):
            plural = False
        for i, p in enumerate(head):
            gram = {_RU_CASE[case]} if case else {"nomn"}
            if plural:
                gram.add("plur")
            if case == "ACC" and p.tag.POS != "NOUN" and animacy and (plural or noun.tag.gender == "masc"):
                gram.add(animacy)
            q = p.inflect(gram)
            if q is None:
                return phrase
            words[i] = _same_case(words[i], q.word)
        return " ".join(words)

    @lru_cache(maxsize=50_000)
    def _ru_head(self, phrase: str) -> tuple | None:
        """Nominative readings of the leading adjectives and the noun they belong to, or None
        when the phrase does not start like a noun phrase (a verb, a preposition, a name)."""
        out = []
        for w in phrase.split(" "):
            if not _CYR_LETTER.search(w) or w.isupper() or w.lower() in self.indeclinable:
                return None
            p = self._ru_nominative(w.lower())
            if p is None:
                return None
            out.append(p)
            if p.tag.POS == "NOUN":
                return tuple(out)
        return None

    @lru_cache(maxsize=50_000)
    def _ru_nominative(self, w: str):
        for p in self.morph().parse(w):
            if "nomn" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
                return p
        return None

    def _load_ru_names(self) -> None:
        self.ru_names: dict[tuple[str, str], list[tuple[str, str, dict[str, str]]]] = {}
        rows: dict[tuple[str, str, str, str], dict[str, str]] = {}
        for r in lexicon.load("gen_ru_names"):
            rows.setdefault((r["kind"], r["gender"], r["ending_ru"], r["after"]), {})[r["case"]] = r["form_ru"]
        for (kind, gender, ending, after), forms in rows.items():
            self.ru_names.setdefault((kind, gender), []).append((ending, after, forms))
        for v in self.ru_names.values():
            v.sort(key=lambda x: -len(x[0]))
        over = lexicon.load("ru_lemma_overrides")
        self.indeclinable = {r["lemma"].lower() for r in over if [f.lower() for f in r["forms"]] in ([], [r["lemma"].lower()])}

    @lru_cache(maxsize=100_000)
    def ru_name(self, word: str, kind: str, gender: str, case: str) -> str:
        if case not in _RU_CASE:
            return word
        if "-" in word:
            return "-".join(self.ru_name(p, kind, gender, case) for p in word.split("-"))
        low = word.lower()
        for ending, after, forms in self.ru_names.get((kind, gender), ()):
            if ending and low.endswith(ending) and len(low) > len(ending) + 1:
                return word[:len(word) - len(ending)] + forms[case]
            if after == "C" and low[-1:] not in _VOWELS and low[-1:] not in "йь" and _CYR_LETTER.search(low[-1:]):
                return word + forms[case]
        return word

    # ------------------------------------------------------------------ templates
    def _load_templates(self) -> None:
        self.templates: dict[tuple[str, str, str], list[Template]] = {}
        for r in lexicon.load("gen_templates"):
            text = r["text"].replace(" ¶ ", "\n").replace(" || ", "\t|\t")
            parts: list = []
            pos = 0
            for m in _SLOT.finditer(text):
                if m.start() > pos:
                    parts.append(text[pos:m.start()])
                chain = tuple(m.group(3).split("+")) if m.group(3) else ()
                parts.append((m.group(1), m.group(2), chain))
                pos = m.end()
            if pos < len(text):
                parts.append(text[pos:])
            self.templates.setdefault((r["lang"], r["part"], r["act"]), []).append(
                Template(parts, float(r["weight"])))
        self._pickers: dict[tuple[str, str, str], Weighted] = {}

    def template(self, lang: str, part: str, act: str = "") -> Weighted:
        key = (lang, part, act)
        w = self._pickers.get(key)
        if w is None:
            ts = self.templates.get(key) or self.templates.get((lang, part, ""))
            if not ts:
                raise KeyError(f"gen_templates.tsv has no {part} template for {lang}/{act or 'any'}")
            if act and (lang, part, act) in self.templates and (lang, part, "") in self.templates:
                ts = self.templates[(lang, part, act)] + self.templates[(lang, part, "")]
            w = self._pickers[key] = Weighted(ts, [t.weight for t in ts])
        return w

    # ------------------------------------------------------------------ people
    def _load_people(self, rng: random.Random, pool: int) -> None:
        groups: list[dict] = []
        cur: dict | None = None
        for r in lexicon.load("first_names"):
            lang, name, gender = r["lang"], r["name"], r["gender"]
            if lang == "kk" or (lang == "ru" and (cur is None or cur["kk"] is None or cur["lat"])):
                cur = {"gender": gender, "kk": name if lang == "kk" else None,
                       "ru": [name] if lang == "ru" else [], "lat": []}
                groups.append(cur)
            elif lang == "ru":
                cur["ru"].append(name)
            elif lang == "lat" and cur is not None:
                cur["lat"].append(name)
        names = []
        for g in groups:
            kk = g["kk"] or g["ru"][0]
            ru = g["ru"][0] if g["ru"] else kk.translate(KK_TO_RU)
            lat = g["lat"][0] if g["lat"] else romanize(kk)
            names.append({"gender": g["gender"], "kk": kk, "ru": ru, "lat": lat, "native": g["kk"] is not None})
        self.first_gender = {n["kk"].lower(): n["gender"] for n in names} | {n["ru"].lower(): n["gender"] for n in names}
        by = {(g, nat): [n for n in names if n["gender"] == g and n["native"] == nat] for g in "mf" for nat in (True, False)}
        firsts = {k: Zipf(v) for k, v in by.items() if v}          # file order = frequency order
        bases = {nat: [n for n in by[("m", nat)] if "-" not in n["kk"]] for nat in (True, False)}

        people: list[Person] = []
        rows: dict[str, dict[str, str]] = {}
        for r in lexicon.load("persons"):
            rows.setdefault(r["id"], {}).setdefault(r["lang"], r["name"])
        for pid, by_lang in rows.items():
            if "kk" not in by_lang or "ru" not in by_lang:
                continue
            split = {lg: n.rsplit(" ", 1) for lg, n in by_lang.items()}
            if any(len(v) != 2 for v in split.values()):
                continue
            lat = split.get("lat") or [romanize(split["kk"][0]), romanize(split["kk"][1])]
            gender = self.first_gender.get(split["ru"][0].lower(), "m")
            people.append(Person(pid, gender, {"kk": split["kk"][0], "ru": split["ru"][0], "lat": lat[0]},
                                 {"kk": split["kk"][1], "ru": split["ru"][1], "lat": lat[1]},
                                 rng.choice("АБДЕЖКМНСТ"), famous=True))
        seen = {(p.first["kk"], p.sur["kk"]) for p in people}
        while len(people) < pool + len(rows):
            native = rng.random() < 0.85
            gender = "m" if rng.random() < 0.7 else "f"
            first = firsts[(gender, native)].draw(rng)
            base = rng.choice(bases[native])
            sur = _surnames(base, gender, rng.random() < 0.15)
            if (first["kk"], sur["kk"]) in seen:
                continue
            seen.add((first["kk"], sur["kk"]))
            middle = rng.choice(bases[True])["kk"][0]
            people.append(Person(f"p{len(people)}", gender, {k: first[k] for k in ("kk", "ru", "lat")}, sur, middle))
        famous = [p for p in people if p.famous]
        rest = [p for p in people if not p.famous]
        rng.shuffle(famous)
        rng.shuffle(rest)
        # Public figures are the most mentioned; the generated pool is the long tail.
        self.people = Zipf(famous + rest, q=4.0)

    # ------------------------------------------------------------------ organizations
    def _load_orgs(self, rng: random.Random) -> None:
        forms: dict[tuple[str, str], str] = {}
        for r in lexicon.load("abbreviations"):
            if r["kind"] == "legal_form":
                forms.setdefault((r["id"], r["lang"]), r["short"])
        orgs: dict[str, Org] = {}
        kinds: dict[str, str] = {}
        lat_rows: dict[str, list[str]] = {}
        for r in lexicon.load("orgs"):
            oid, lang, name = r["id"], r["lang"], r["name"]
            kinds.setdefault(oid, r["kind"])
            if lang == "lat":
                lat_rows.setdefault(oid, []).append(name)
                continue
            if '"' in name or len(name.split()) > 7:
                continue
            o = orgs.setdefault(oid, Org(oid, {}, {}))
            o.names.setdefault(lang, []).append(name)
            if r["legal_form"]:
                o.form[lang] = forms.get((r["legal_form"], lang), "")
        for oid, lats in lat_rows.items():
            if oid in orgs:
                # A Latin spelling is a transliteration when it folds to a name's keys
                # (Samruk-Kazyna), not a translation (Ministry of Finance).
                keys = {bare_key(w) for lg in ("kk", "ru") for n in orgs[oid].names.get(lg, []) for w in _WORD.findall(n)}
                orgs[oid].lat = [n for n in lats if all(bare_key(w) in keys for w in _WORD.findall(n))]
            else:  # a brand written in Latin in every language
                orgs[oid] = Org(oid, {"kk": lats[:1], "ru": lats[:1]}, {})
        both = [o for o in orgs.values() if "kk" in o.names and "ru" in o.names]
        self.orgs = Zipf(both, rng)
        self.ministries = Zipf([o for o in both if kinds.get(o.key) == "ministry"
                                and _minister(o.names["kk"][0], "kk") and _minister(o.names["ru"][0], "ru")], rng)
        self.akimats = Zipf([o for o in both if kinds.get(o.key) == "akimat"], rng)

    # ------------------------------------------------------------------ places, programs
    def _load_places(self, rng: random.Random) -> None:
        first: dict[tuple[str, str], str] = {}
        types: dict[str, str] = {}
        for r in lexicon.load("places"):
            first.setdefault((r["id"], r["lang"]), r["name"])
            types.setdefault(r["id"], r["type"])
        ids = [i for i in types if (i, "kk") in first and (i, "ru") in first]

        def pick(pred) -> Zipf:
            return Zipf([{"kk": first[(i, "kk")], "ru": first[(i, "ru")], "id": i} for i in ids if pred(i)], rng)

        self.places = pick(lambda i: i.startswith("kz-") and types[i] in ("city", "region", "district"))
        self.regions = pick(lambda i: i.startswith("kz-reg-"))
        self.countries = pick(lambda i: types[i] == "country" and i != "country-kz")

    def _load_programs(self, rng: random.Random) -> None:
        by: dict[str, dict[str, list[str]]] = {}
        for r in lexicon.load("programs"):
            if r["lang"] in ("kk", "ru") and len(r["name"].split()) <= 5 and ":" not in r["name"]:
                by.setdefault(r["id"], {}).setdefault(r["lang"], []).append(r["name"])
        self.programs = Zipf([v for v in by.values() if "kk" in v and "ru" in v], rng)

    # ------------------------------------------------------------------ terms, words, roles
    def _load_terms(self, rng: random.Random) -> None:
        pairs = []
        for r in lexicon.load("terms"):
            if r["domain"] in ("numeral", "time"):
                continue
            if self._ru_head(r["ru"]) is not None:
                pairs.append({"kk": r["kk"], "ru": r["ru"]})
        self.terms = Zipf(pairs, rng)
        self.term_list = pairs
        roles: dict[str, list[str]] = {"kk": [], "ru": []}
        for r in lexicon.load("roles"):
            if r["lang"] in roles:
                roles[r["lang"]].append(r["role"])
        self.roles = {lg: Zipf(v, rng) for lg, v in roles.items()}

    def _load_words(self, rng: random.Random) -> None:
        nouns, adjs = [], []
        for r in lexicon.load("kk_stems"):
            w = r["lemma"]
            if " " in w or not w.islower():
                continue
            if r["pos"] == "NOUN":
                nouns.append(w)
            elif r["pos"] == "ADJ":
                adjs.append(w)
        self.kk_nouns = Zipf(nouns, rng)
        self.kk_adjs = Zipf(adjs, rng)

    def _load_ru_words(self, rng: random.Random) -> None:
        """Russian nouns and adjectives for free noun phrases, harvested from the Russian side of
        the domain lexicons (there is no Russian word list of their own)."""
        texts = [r["ru"] for r in lexicon.load("terms")]
        for name, col in (("orgs", "name"), ("programs", "name"), ("roles", "role"), ("abbreviations", "full")):
            texts += [r[col] for r in lexicon.load(name) if r.get("lang") == "ru"]
        nouns: dict[str, object] = {}
        adjs: dict[str, object] = {}
        skip = {"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad", "Apro", "Anum"}
        for w in sorted({w.lower() for t in texts for w in re.findall(r"[А-Яа-яЁё]{4,}", t)}):
            for p in self.morph().parse(w):
                if not p.is_known or skip & set(p.tag.grammemes):
                    continue
                if p.tag.POS == "NOUN" and "Pltm" not in p.tag and "Sgtm" not in p.tag:
                    lemma = self._ru_nominative(p.normal_form)
                    if lemma is not None and lemma.tag.POS == "NOUN" and "sing" in lemma.tag:
                        nouns.setdefault(p.normal_form, lemma)
                elif p.tag.POS == "ADJF":
                    lemma = self._ru_nominative(p.normal_form)
                    if lemma is not None and lemma.tag.POS == "ADJF":
                        adjs.setdefault(p.normal_form, lemma)
                break
        self.ru_nouns = Zipf(sorted(nouns.items()), rng)
        self.ru_adjs = Zipf(sorted(adjs.items()), rng)
        self._ru_forms: dict[tuple, str] = {}

    def ru_np(self, adj, noun, chain: tuple[str, ...]) -> str:
        """An adjective and a noun in agreement: (lemma, parse) pairs, case and number from chain."""
        key = (adj[0], noun[0], chain)
        hit = self._ru_forms.get(key)
        if hit is not None:
            return hit
        case = _RU_CASE.get(next((c for c in chain if c in _RU_CASE), ""), "nomn")
        n_par, a_par = noun[1], adj[1]
        number = "plur" if "PL" in chain else "sing"
        nf = n_par.inflect({case, number})
        gram = {case, number} | ({n_par.tag.gender} if number == "sing" and n_par.tag.gender else set())
        if case == "accs" and n_par.tag.animacy and (number == "plur" or n_par.tag.gender == "masc"):
            gram.add(n_par.tag.animacy)
        af = a_par.inflect(gram)
        out = f"{(af or a_par).word} {(nf or n_par).word}"
        if len(self._ru_forms) < 300_000:
            self._ru_forms[key] = out
        return out

    def _load_numbers(self) -> None:
        self.months: dict[str, list[str]] = {"kk": [""] * 13, "ru": [""] * 13}
        for r in lexicon.load("months"):
            if r["lang"] in self.months:
                self.months[r["lang"]][int(r["number"])] = r["name"]
        mult: dict[tuple[str, float], str] = {}
        for r in lexicon.load("numerals"):
            if r["kind"] == "multiplier" and r["lang"] in ("kk", "ru") and r["value"] in ("1000", "1000000", "1000000000"):
                k = (r["lang"], float(r["value"]))
                if k not in mult or len(r["word"]) < len(mult[k]):
                    mult[k] = r["word"]
        self.multipliers = mult
        cur: dict[tuple[str, str], str] = {}
        for r in lexicon.load("currencies"):
            if r["kind"] == "word" and r["lang"] in ("kk", "ru") and " " not in r["form"]:
                cur.setdefault((r["code"], r["lang"]), r["form"])
        self.currencies = cur
        self.acts: dict[tuple[str, str], str] = {}
        for r in lexicon.load("legal_acts"):
            if r["kind"] in ("resolution", "decree", "order") and r["lang"] in ("kk", "ru"):
                self.acts.setdefault((r["kind"], r["lang"]), r["form"])


def _same_case(orig: str, new: str) -> str:
    if orig[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _minister(ministry: str, lang: str) -> str | None:
    """The minister's title from the ministry's name (Қаржы министрлігі → Қаржы министрі;
    Министерство финансов → Министр финансов), None for other bodies."""
    if lang == "kk":
        if ministry.endswith("министрлігі"):
            return ministry[: -len("министрлігі")] + "министрі"
        return None
    if ministry.startswith("Министерство "):
        return "Министр " + ministry[len("Министерство "):]
    return None


def _surnames(base: dict, gender: str, in_ending: bool) -> dict[str, str]:
    """Surname spellings from a man's first name (Нұрлан → Нұрланов / Нурланов / Nurlanov)."""
    out = {}
    for lang in ("kk", "ru", "lat"):
        b = base[lang]
        low = b.lower()
        if lang == "lat":
            if low[-1] in "iy" and base["kk"].lower().endswith("й"):
                s = b[:-1] + "yev"
            elif low[-1] in "aeiou":
                s = b + "yev"
            else:
                s = b + ("in" if in_ending else "ov")
        elif low.endswith("й"):
            s = b[:-1] + "ев"
        elif low[-1] in _VOWELS:
            s = b + "ев"
        else:
            s = b + ("ин" if in_ending else "ов")
        if gender == "f":
            s += "a" if lang == "lat" else "а"
        out[lang] = s
    return out


# --------------------------------------------------------------------------- documents

class Generator:
    """Writes one document at a time; the document's index and the seed decide everything."""

    def __init__(self, lex: Lexicons, seed: int = 1) -> None:
        self.lex = lex
        self.seed = seed

    def doc(self, index: int) -> Doc:
        rng = random.Random(f"{self.seed}-{index}")
        self.rng = rng
        lang = "kk" if index % 2 == 0 else "ru"
        kind = "news" if rng.random() < 0.5 else "decree"
        act = ""
        if kind == "decree":
            act = Weighted(["resolution", "decree", "order", "akimat"], [5, 2, 3, 2]).draw(rng)
        year = rng.randint(2010, 2023)
        self.lang, self.act = lang, act
        self.date = (year, rng.randint(1, 12), rng.randint(1, 28))
        self.number = str(rng.randint(1, 1200)) if rng.random() < 0.85 else f"{rng.randint(1, 300)}/{rng.randint(1, 40):02d}"
        self.focus: dict[str, list] = {
            "person": [self.lex.people.draw(rng) for _ in range(rng.randint(1, 3))],
            "org": [self.lex.orgs.draw(rng) for _ in range(rng.randint(1, 3))],
            "place": [self.lex.places.draw(rng) for _ in range(rng.randint(1, 2))],
            "term": [self.lex.terms.draw(rng) for _ in range(rng.randint(3, 7))],
        }
        self.persons: list[str] = []
        self.amounts: list[float] = []
        self.used: list[tuple[str, object]] = []
        target = int(min(600, max(150, rng.lognormvariate(math.log(290), 0.35))))
        text = self._news(target) if kind == "news" else self._decree(target)
        return Doc(index, lang, kind, act, self.date, self.number, text, list(dict.fromkeys(self.persons)),
                   self.amounts, len(text.split()))

    # ------------------------------------------------------------------ assembly
    def _sent(self, part: str, act: str = "") -> str:
        t = self.lex.template(self.lang, part, act).draw(self.rng)
        self._part = part
        self._female: bool | None = None
        out = []
        for p in t.parts:
            out.append(p if isinstance(p, str) else self._slot(*p))
        s = "".join(out)
        if self.lang == "ru":
            s = s.replace("(а)", "а" if self._female else "")
            s = _RU_OB.sub(r"\1б ", s)
        return s[:1].upper() + s[1:] if part not in ("decree_sub", "decree_sub_last") else s

    def _news(self, target: int) -> str:
        rng = self.rng
        lines = [self._sent("news_title"), "", self._sent("news_dateline"), ""]
        para = [self._sent("news_lead")]
        words = sum(len(x.split()) for x in lines + para)
        while words < target:
            s = self._sent("news_quote" if rng.random() < 0.2 else "news_body")
            para.append(s)
            words += len(s.split())
            if len(para) >= rng.randint(2, 4):
                lines += [" ".join(para), ""]
                para = []
        if rng.random() < 0.5:
            para.append(self._sent("news_close"))
        if para:
            lines.append(" ".join(para))
        return "\n".join(lines).strip() + "\n"

    def _decree(self, target: int) -> str:
        rng = self.rng
        act = self.act
        table = target >= 250 and rng.random() < 0.4
        lines = [self._sent("decree_title"), "", self._sent("decree_heading", act), "",
                 self._sent("decree_preamble", act), ""]
        words = sum(len(x.split()) for x in lines)
        n = 0
        body_target = target * (0.6 if table else 0.85)
        while words < body_target or n < 2:
            n += 1
            if rng.random() < 0.3:
                block = [f"{n}. {self._sent('decree_lead')}"]
                for k in range(1, rng.randint(2, 4) + 1):
                    block.append(f"{k}) {self._sent('decree_sub')}")
                block.append(f"{k + 1}) {self._sent('decree_sub_last')}")
                lines += block + [""]
                words += sum(len(x.split()) for x in block)
            else:
                s = f"{n}. {self._sent('decree_clause')}"
                lines += [s, ""]
                words += len(s.split())
        for part in ("decree_control", "decree_force"):
            n += 1
            lines += [f"{n}. {self._sent(part, act)}", ""]
        lines += ["", self._sent("decree_sign", act)]
        if table:
            lines += ["", "", self._sent("appendix_head", act), "", self._sent("table_title"), "",
                      self._sent("table_header"), "\t|\t".join(str(i) for i in range(1, 7))]
            words = sum(len(x.split()) for x in lines)
            m = 0
            while words < target or m < 2:
                m += 1
                row = self._measure(m)
                lines.append(row)
                words += len(row.split())
        return "\n".join(lines).strip() + "\n"

    def _measure(self, m: int) -> str:
        rng = self.rng
        agree = self._sent("by_agreement")
        execs = []
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.45:
                execs.append(self._render("ministry", None, ()))
            elif r < 0.8:
                execs.append(f"{self._render('org', None, ())} {agree}")
            else:
                execs.append(self._render("akimat", None, ()))
        cells = [f"{m}.", self._sent("measure_action"), self._sent("completion"), ", ".join(dict.fromkeys(execs)),
                 self._sent("deadline"), self._sent("funding")]
        return "\t|\t".join(cells)

    # ------------------------------------------------------------------ slots
    def _slot(self, kind: str, ref: str | None, chain: tuple[str, ...]) -> str:
        s = self._render(kind, ref, chain)
        if "CAP" in chain:
            s = s[:1].upper() + s[1:]
        return s

    def _pick(self, kind: str, ref: str | None, pool: Zipf):
        focus = self.focus.get(kind)
        if focus is not None:
            if ref:
                item = focus[min(int(ref), len(focus)) - 1]
            elif self.rng.random() < 0.55:
                item = self.rng.choice(focus)
            else:
                item = pool.draw(self.rng)
        else:
            item = pool.draw(self.rng)
        self.used.append((kind, item))
        return item

    def _inflect(self, phrase: str, chain: tuple[str, ...]) -> str:
        return self.lex.kk(phrase, chain) if self.lang == "kk" else self.lex.ru(phrase, chain)

    def _render(self, kind: str, ref: str | None, chain: tuple[str, ...]) -> str:
        lex, rng, lang = self.lex, self.rng, self.lang
        if kind in ("person", "initials", "surname"):
            p = self._pick("person", ref, lex.people)
            if self._female is None:
                self._female = p.gender == "f"
            self.persons.append(f"{p.first[lang]} {p.sur[lang]}")
            sur = lex.kk(p.sur[lang], chain) if lang == "kk" else lex.ru_name(p.sur[lang], "surname", p.gender, _case(chain))
            if kind == "surname":
                return sur
            if kind == "initials":
                mid = f"{p.middle}." if rng.random() < 0.4 else ""
                return f"{p.first[lang][0]}.{mid} {sur}"
            first = p.first[lang] if lang == "kk" else lex.ru_name(p.first[lang], "first", p.gender, _case(chain))
            return f"{first} {sur}"
        if kind in ("org", "ministry", "akimat"):
            pool = {"org": lex.orgs, "ministry": lex.ministries, "akimat": lex.akimats}[kind]
            o = self._pick("org", ref, pool) if kind == "org" else pool.draw(rng)
            self.used.append(("org", o))
            names = o.names[lang]
            name = names[0] if len(names) == 1 or rng.random() < 0.7 else rng.choice(names[1:])
            form = o.form.get(lang)
            if form:
                if lang == "kk":
                    return f"«{name}» {self.lex.kk(form, chain)}"
                return f"{form} «{name}»"
            return self._inflect(name, chain)
        if kind == "minister":
            o = lex.ministries.draw(rng)
            return self._inflect(_minister(o.names[lang][0], lang), chain)
        if kind in ("place", "region", "country"):
            pool = {"place": lex.places, "region": lex.regions, "country": lex.countries}[kind]
            pl = self._pick("place", ref, pool) if kind == "place" else pool.draw(rng)
            return self._inflect(pl[lang], chain)
        if kind == "term":
            t = self._pick("term", ref, lex.terms)
            return self._inflect(t[lang], chain)
        if kind == "program":
            names = lex.programs.draw(rng)[lang]
            return f"«{names[0] if rng.random() < 0.7 else rng.choice(names)}»"
        if kind == "role":
            return self._inflect(lex.roles[lang].draw(rng), chain)
        if kind == "np":
            if lang == "kk":
                return f"{lex.kk_adjs.draw(rng)} {lex.kk(lex.kk_nouns.draw(rng), chain)}"
            return lex.ru_np(lex.ru_adjs.draw(rng), lex.ru_nouns.draw(rng), chain)
        if kind in ("noun", "adj"):
            w = (lex.kk_nouns if kind == "noun" else lex.kk_adjs).draw(rng)
            return lex.kk(w, chain) if lang == "kk" else w
        if kind == "amount":
            return self._amount(chain)
        if kind == "percent":
            v = rng.choice((rng.randint(1, 99), round(rng.uniform(0.1, 99.9), 1)))
            x = str(v).replace(".", ",")
            if lang == "kk" and chain:
                return f"{x} {lex.kk('пайыз', chain)}"
            return f"{x}%"
        if kind == "num":
            return str(int(math.exp(rng.uniform(math.log(2), math.log(500)))))
        if kind == "dom":
            return str(rng.randint(1, 28))
        if kind in ("date", "docdate"):
            y, mo, d = self.date
            if kind == "date":
                y = max(2005, y + rng.randint(-3, 2))
                mo, d = rng.randint(1, 12), rng.randint(1, 28)
            return self._date(y, mo, d, chain)
        if kind == "year":
            return str(self.date[0] + rng.randint(-2, 3))
        if kind == "docyear":
            return str(self.date[0])
        if kind == "day":
            return str(self.date[2])
        if kind == "month":
            mo = self.date[1] if self._part == "news_dateline" else rng.randint(1, 12)
            return self._inflect(lex.months[lang][mo], chain)
        if kind == "ddmmyyyy":
            y, mo, d = self.date
            return f"{d:02d}.{mo:02d}.{y}"
        if kind == "time":
            return f"{rng.randint(8, 20):02d}:{rng.choice((0, 5, 10, 15, 20, 30, 35, 40, 45, 50, 55)):02d}"
        if kind == "quarter":
            return rng.choice(("I", "II", "III", "IV"))
        if kind == "period":
            a = self.date[0] + rng.randint(0, 1)
            return f"{a} – {a + rng.randint(2, 5)}"
        if kind in ("actnum", "docnum"):
            return self.number if kind == "docnum" else str(rng.randint(1, 1200))
        if kind == "act":
            word = lex.acts[("resolution" if self.act in ("akimat", "") else self.act, lang)]
            return self._inflect(word, chain)
        if kind == "quote":
            female, part = self._female, self._part
            q = self._sent("quote")
            self._female, self._part = female, part
            return q
        if kind == "pad":
            return " " * rng.randint(20, 45)
        raise KeyError(f"gen_templates.tsv: unknown slot {{{kind}}}")

    def _date(self, y: int, mo: int, d: int, chain: tuple[str, ...]) -> str:
        if self.lang == "kk":
            return f"{y} жылғы {d} {self.lex.kk(self.lex.months['kk'][mo], chain)}"
        return f"{d} {self.lex.ru(self.lex.months['ru'][mo], ('GEN',))} {y} года"

    def _amount(self, chain: tuple[str, ...]) -> str:
        rng, lex, lang = self.rng, self.lex, self.lang
        code = Weighted(["KZT", "USD", "EUR", "RUB"], [80, 12, 4, 4]).draw(rng)
        mult = Weighted([1e9, 1e6, 1e3, 1.0], [35, 45, 10, 10]).draw(rng)
        if mult == 1.0:
            value = rng.randint(10, 999) * 1000 + rng.choice((0, 0, 500, rng.randint(0, 999)))
            num = f"{value:,}".replace(",", " ")
        elif rng.random() < 0.4:
            mant = round(rng.uniform(1.0, 99.9), 1)
            value = mant * mult
            num = str(mant).replace(".", ",")
        else:
            mant = int(math.exp(rng.uniform(0, math.log(999))))
            value = mant * mult
            num = str(mant)
        cur = lex.currencies[(code, lang)]
        self.amounts.append(value)
        m = f" {lex.multipliers[(lang, mult)]}" if mult != 1.0 else ""
        if lang == "kk":
            return f"{num}{m} {lex.kk(cur, chain)}"
        if code != "KZT":
            cur = lex.ru(cur, ("GEN", "PL")) if mult != 1.0 or not num.endswith("1") else cur
        return f"{num}{m} {cur}"


def _case(chain: tuple[str, ...]) -> str:
    return next((c for c in chain if c in _RU_CASE), "NOM")


# --------------------------------------------------------------------------- corpus

@dataclass
class Record:
    """What :func:`make_queries` needs to know of the written corpus."""

    vocab: Counter = field(default_factory=Counter)              # word (lowercase) → occurrences
    vocab_lang: dict = field(default_factory=dict)                # word → kk | ru (first seen)
    used: Counter = field(default_factory=Counter)                # (kind, key, lang) → mentions
    items: dict = field(default_factory=dict)                     # (kind, key) → item
    sentences: list = field(default_factory=list)                 # reservoir of (lang, line)
    seen_lines: int = 0


def _record(rec: Record, doc: Doc, gen: Generator, rng: random.Random, reservoir: int = 4000) -> None:
    words = _WORD.findall(doc.text.lower())
    rec.vocab.update(words)
    for w in set(words):
        rec.vocab_lang.setdefault(w, doc.lang)
    for kind, item in gen.used:
        key = item.key if isinstance(item, (Person, Org)) else (item.get("id") or item.get("kk"))
        rec.used[(kind, key, doc.lang)] += 1
        rec.items.setdefault((kind, key), item)
    for line in doc.text.split("\n"):
        if "\t" in line or len(line.split()) < 4:
            continue
        rec.seen_lines += 1
        if len(rec.sentences) < reservoir:
            rec.sentences.append((doc.lang, line))
        else:
            j = rng.randrange(rec.seen_lines)
            if j < reservoir:
                rec.sentences[j] = (doc.lang, line)


def stamp() -> str:
    """Changes when the generator or any lexicon it reads changes (for ``--keep`` reuse)."""
    h = hashlib.sha1(Path(__file__).read_bytes())
    d = lexicon.lexicon_dir()
    for name in LEXICONS_USED:
        h.update((d / f"{name}.tsv").read_bytes())
    return h.hexdigest()[:16]


def generate(n: int, out: Path, seed: int = 1, queries: int = 100, progress: bool = False,
             lex: Lexicons | None = None) -> dict:
    """Write ``n`` documents, the manifest, the query workload and gen.json under ``out``."""
    t0 = time.perf_counter()
    lex = lex or Lexicons(seed)
    gen = Generator(lex, seed)
    rec = Record()
    rrng = random.Random(f"record-{seed}")
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    total_words = 0
    langs: Counter = Counter()
    with open(out / "manifest.jsonl", "w", encoding="utf-8") as man:
        for i in range(n):
            d = gen.doc(i)
            path = docs_dir / d.relpath
            if i % SHARD == 0:
                path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(d.text, encoding="utf-8")
            man.write(json.dumps({"path": f"docs/{d.relpath}", "lang": d.lang, "kind": d.kind, "act": d.act,
                                  "date": "%04d-%02d-%02d" % d.date, "number": d.number, "persons": d.persons,
                                  "amounts": d.amounts, "words": d.words}, ensure_ascii=False) + "\n")
            _record(rec, d, gen, rrng)
            total_words += d.words
            langs[(d.lang, d.kind)] += 1
            if progress and (i + 1) % 1000 == 0:
                print(f"\r  generated {i + 1:,}/{n:,}", end="", file=sys.stderr, flush=True)
    if progress:
        print(file=sys.stderr)
    qs = make_queries(rec, lex, queries, seed)
    with open(out / "queries.tsv", "w", encoding="utf-8") as f:
        f.write("# kind\tquery (bench/gen_docs.py; generated from the lexicons and the written documents)\n")
        for kind in QUERY_KINDS:
            for q in qs[kind]:
                f.write(f"{kind}\t{q}\n")
    stats = corpus_stats(rec.vocab, total_words)
    stats.update({"documents": n, "by_lang_kind": {f"{a}/{b}": c for (a, b), c in sorted(langs.items())},
                  "seconds": round(time.perf_counter() - t0, 1)})
    info = {"n": n, "seed": seed, "queries": queries, "stamp": stamp(), "stats": stats}
    (out / "gen.json").write_text(json.dumps(info, ensure_ascii=False, indent=1), encoding="utf-8")
    return info


def corpus_stats(vocab: Counter, total_words: int) -> dict:
    """Distinct words and the slope of log frequency over log rank (Zipf: about -1)."""
    freqs = sorted(vocab.values(), reverse=True)
    pts = [(math.log(r), math.log(f)) for r, f in enumerate(freqs[:20000], 1) if r >= 10]
    slope = None
    if len(pts) > 10:
        mx = sum(x for x, _ in pts) / len(pts)
        my = sum(y for _, y in pts) / len(pts)
        slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
    return {"words": total_words, "tokens": sum(freqs), "distinct_words": len(freqs),
            "hapax": sum(1 for f in freqs if f == 1), "top10_share": round(sum(freqs[:10]) / max(1, sum(freqs)), 3),
            "zipf_slope": round(slope, 2) if slope is not None else None}


# --------------------------------------------------------------------------- queries

_KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
_RU_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def make_queries(rec: Record, lex: Lexicons, per_kind: int, seed: int = 1) -> dict[str, list[str]]:
    """``per_kind`` queries of each kind, all answerable from the written documents:

    term            a content word that occurs (half drawn by frequency, half uniformly)
    phrase          a quoted run of 2-3 words copied from a written line
    inflected       a case form of a written surname or term (its other forms are in the docs)
    cross-lingual   the Russian side of a term used in Kazakh documents, and the reverse
    transliterated  a Latin spelling (press or the 2021 alphabet) of a person or organization
    fuzzy           a written word of 6+ letters with one or two random edits
    filtered        lang:kk / type:decree / year:2015..2018 / amount:>1e9 with a written word
    """
    rng = random.Random(f"queries-{seed}")
    content = [w for w, c in rec.vocab.items() if len(w) >= 4 and w not in lex.stopwords and "-" not in w]
    content.sort()
    by_freq = Weighted(content, [rec.vocab[w] for w in content]) if content else None
    out: dict[str, list[str]] = {k: [] for k in QUERY_KINDS}

    def term() -> str:
        return by_freq.draw(rng) if rng.random() < 0.5 else rng.choice(content)

    def used(kind: str, lang: str | None = None) -> list[tuple]:
        keys = sorted((k for k in rec.used if k[0] == kind and (lang is None or k[2] == lang)), key=str)
        return keys

    for _ in range(per_kind):
        out["term"].append(term())
    tries = 0
    while len(out["phrase"]) < per_kind and tries < per_kind * 50 and rec.sentences:
        tries += 1
        _lang, line = rng.choice(rec.sentences)
        toks = [m for m in re.finditer(r"[^\W\d_]+", line)]
        n = rng.choice((2, 3))
        if len(toks) < n:
            continue
        i = rng.randrange(len(toks) - n + 1)
        run = toks[i:i + n]
        if any(line[a.end():b.start()] != " " for a, b in zip(run, run[1:])):
            continue
        words = [m.group().lower() for m in run]
        if all(w in lex.stopwords for w in words):
            continue
        out["phrase"].append('"' + " ".join(words) + '"')
    people = used("person")
    terms = used("term")
    cases = ("GEN", "DAT", "ACC", "LOC", "ABL", "INS")
    budget = per_kind * 50          # every loop below gives up rather than spin on a tiny corpus
    tries = 0
    while len(out["inflected"]) < per_kind and (people or terms) and tries < budget:
        tries += 1
        if people and (rng.random() < 0.5 or not terms):
            _k, key, lang = rng.choice(people)
            p = rec.items[("person", key)]
            case = rng.choice(cases if lang == "kk" else cases[:3] + ("INS",))
            sur = lex.kk(p.sur["kk"], (case,)) if lang == "kk" else lex.ru_name(p.sur["ru"], "surname", p.gender, case)
            out["inflected"].append(sur if rng.random() < 0.6 else f"{p.first[lang]} {sur}")
        else:
            _k, key, lang = rng.choice(terms)
            t = rec.items[("term", key)]
            chain = (rng.choice(cases),) if rng.random() < 0.7 else ("PL", rng.choice(cases[:3]))
            out["inflected"].append(lex.kk(t["kk"], chain) if lang == "kk" else lex.ru(t["ru"], chain))
    kk_terms, ru_terms = used("term", "kk"), used("term", "ru")
    tries = 0
    while len(out["cross-lingual"]) < per_kind and (kk_terms or ru_terms) and tries < budget:
        tries += 1
        if kk_terms and (len(out["cross-lingual"]) % 2 == 0 or not ru_terms):
            t = rec.items[("term", rng.choice(kk_terms)[1])]
            out["cross-lingual"].append(t["ru"])        # Russian query, Kazakh documents
        else:
            t = rec.items[("term", rng.choice(ru_terms)[1])]
            out["cross-lingual"].append(t["kk"])
    orgs = [k for k in used("org") if rec.items[("org", k[1])].lat]
    tries = 0
    while len(out["transliterated"]) < per_kind and people and tries < budget:
        tries += 1
        if orgs and rng.random() < 0.25:
            o = rec.items[("org", rng.choice(orgs)[1])]
            out["transliterated"].append(rng.choice(o.lat))
            continue
        p = rec.items[("person", rng.choice(people)[1])]
        if rng.random() < 0.6:
            first, sur = p.first["lat"], p.sur["lat"]      # press / passport spelling
        else:
            first, sur = romanize(p.first["kk"]), romanize(p.sur["kk"])   # 2021 alphabet
        out["transliterated"].append(sur if rng.random() < 0.5 else f"{first} {sur}")
    long_words = sorted(w for w in content if len(w) >= 6 and w.isalpha())
    vocab = rec.vocab
    tries = 0
    while len(out["fuzzy"]) < per_kind and long_words and tries < budget:
        tries += 1
        w = rng.choice(long_words)
        alphabet = _KK_ALPHABET if rec.vocab_lang.get(w) == "kk" else _RU_ALPHABET
        if not _CYR_LETTER.search(w):
            alphabet = "abcdefghijklmnopqrstuvwxyz"
        typo = _typo(w, rng.choice((1, 2)), alphabet, rng)
        if typo != w and typo not in vocab:
            out["fuzzy"].append(typo)
    filters = ("lang:kk", "type:decree", "year:2015..2018", "amount:>1e9")
    tries = 0
    while len(out["filtered"]) < per_kind and content and tries < budget:
        tries += 1
        f = filters[len(out["filtered"]) % len(filters)]
        w = term()
        if f == "lang:kk" and rec.vocab_lang.get(w) != "kk":
            continue
        out["filtered"].append(f"{f} {w}")
    return out


def _typo(word: str, edits: int, alphabet: str, rng: random.Random) -> str:
    w = list(word)
    for _ in range(edits):
        op = rng.choice(("sub", "del", "ins", "swap"))
        i = rng.randrange(1, len(w)) if len(w) > 1 else 0    # keep the first letter, as most typos do
        if op == "sub":
            w[i] = rng.choice(alphabet)
        elif op == "del" and len(w) > 4:
            del w[i]
        elif op == "ins":
            w.insert(i, rng.choice(alphabet))
        elif i + 1 < len(w):
            w[i], w[i + 1] = w[i + 1], w[i]
    return "".join(w)


# --------------------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="documents to write")
    ap.add_argument("--out", required=True, help="output folder (docs/, manifest.jsonl, queries.tsv, gen.json)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--queries", type=int, default=100, help="queries per kind")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    info = generate(args.n, Path(args.out), args.seed, args.queries, progress=not args.quiet)
    s = info["stats"]
    print(f"{args.n:,} documents in {s['seconds']} s: {s['words']:,} words, {s['distinct_words']:,} distinct "
          f"({s['hapax']:,} once), top-10 words {s['top10_share']:.1%} of tokens, Zipf slope {s['zipf_slope']}; "
          f"{s['by_lang_kind']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
