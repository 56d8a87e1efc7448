"""PERSON entities: names of people in Kazakh, Russian and Latin-script text, with their roles.

Why rules over a statistical tagger: no Kazakh or Russian NER model can be installed here, and the
documents are formal (decrees, press releases) where names come in a few fixed shapes that the
lexicons describe well. A capitalised word alone proves nothing (Алматы, Самрұқ, Жолдау, Елбасы), so
every name needs evidence, and the shapes are tried from the strongest evidence to the weakest:

1. initials and a surname: «Б. Сағынтаев», «Е.Б. Сейдахметовке», and reversed «Мамина А.У.»;
2. a first name from ``lexicons/first_names.tsv`` followed by a surname, optionally with a
   patronymic between (Нұрсұлтан Әбішұлы Назарбаев) or a Kazakh patronymic used as the surname
   (Ержан Нұрланұлы); and reversed, as in lists and tag lines (Назарбаев Нурсултан);
3. an unknown capitalised word followed by a word with a surname ending (-ов, -ева, -ұлы ...:
   ``lexicons/surname_endings.tsv``): Жансейіт Түймебаев;
4. a lone surname with a cue next to it: an honorific (Исекешов мырза, господин Исекешев), a verb of
   saying (— сказал Мадиев), a role (министр Абаев), or a name known from ``lexicons/persons.tsv``;
   a word with a surname ending that the analysers also read as a proper noun needs no cue;
5. coreference: once a person is found, every later word that spells the same surname (Исекешовтің,
   Ә. Исекешов, Исекешова as a Russian genitive) is a mention of that person.

Names come out in the nominative of the document's script: the Kazakh lemmatizer removes case
endings (Байбектің → Байбек), the Russian one reads capitalised words as names (Сагинтаева →
Сагинтаев), first names are checked against the gazetteer, and feminine surnames keep their
feminine form when the person is a woman (Гүлнар Сапарова, Динара Бітік). Every mention of one
person carries the same ``normalized`` name, the fullest the document gives.
"""
from __future__ import annotations

import re
from bisect import bisect_right, insort
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Sequence

from .. import lexicon
from ..lang.analyzer import Token
from ..lang.kk import lemmatizer as kk_lemmatizer
from ..lang.ru import lemmatizer as ru_lemmatizer
from ..lang.stopwords import stop_words
from ..lang.translit import fold_key, keys_match
from . import roles
from .context import Context
from .model import Entity

__all__ = ["run", "find_mentions", "WordInfo", "word_info", "first_name", "Mention", "Person"]

# Rule confidences (link.py resolves overlaps with other entity types by score, then length).
SCORE_FULL = 0.9        # first name + surname, initials + surname
SCORE_GUESSED = 0.75    # unknown first name + surname with a surname ending
SCORE_CUED = 0.7        # lone surname with a cue
SCORE_SHAPE = 0.6       # lone surname recognised by its ending only
SCORE_COREF = 0.8       # later mention of a person found earlier
SCORE_FIRST = 0.5       # a first name alone

MIN_SURNAME = 2         # letters

_NAME_GAP = re.compile(r"[ \u00a0]{1,3}")
_INITIAL_GAP = re.compile(r"\.[ \u00a0]?")
_SENT_GAP = re.compile(r"[.!?…\n]")
_KK_CASE_END = re.compile(
    r"(?:ның|нің|дың|дің|тың|тің|ға|ге|қа|ке|на|не|ны|ні|ды|ді|ты|ті|да|де|та|те|нда|нде|дан|ден|"
    r"тан|тен|нан|нен|мен|бен|пен|а|е|н|ға|ның)$")
_KK_PATRONYMIC = re.compile(r"^(.{2,}?(?:ұлы|қызы|улы|кызы))(?:ның|на|ға|ны|нда|нан|мен|н)?$", re.I)
_KK_PLURAL = frozenset({"лар", "лер", "дар", "дер", "тар", "тер"})
_RU_PATRONYMIC = re.compile(r"^(.{2,}?(?:ович|евич|овна|евна|ична))(?:а|у|ем|ом|е|ой|ы)?$")
_RU_FAMILY = re.compile(r"(?:ов|ев|ин|ын)(?:ых|ыми)$")
_RU_SURN = re.compile(r"^(.{2,}?)(ов|ев|ёв|ин|ын)(а|у|ым|ом|е|ой|ою|ы)?$")
_RU_SKIY = re.compile(r"^(.{2,}?)(ск|цк)(ий|ого|ому|им|ом|ая|ой|ую|ою)$")
_RU_FIRST_ENDINGS = ("ом", "ем", "ём", "ой", "ей", "ью", "а", "я", "у", "ю", "е", "и", "ы")
_LATIN = re.compile(r"[A-Za-z]")
# Endings that make a lone capitalised word a surname without any other cue. Adjectival and
# indeclinable endings (-ский: Карагандинский ауданы; -ых, -ук, -ян) also end place names and
# ordinary words, so they count only next to a first name, initials or a cue.
_SHAPE_ENDING = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|енко|швили|дзе|ұлы|қызы|улы|кызы|"
                           r"ov|ev|ova|eva|yev|yeva|uly|kyzy|enko)$")
# Kazakh has many native words in -ын/-ін/-ин (алдын, сосын, тұрғын, айбын), so in Kazakh text these
# endings are no evidence on their own.
_SHAPE_ENDING_KK = re.compile(r"(?:ов|ев|ова|ева|енко|ұлы|қызы)$")


# --- lexicons -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Lex:
    first: dict[str, tuple[str, str | None]]          # lower-case name → (name, gender|None)
    endings: dict[str, tuple[tuple[str, str, str], ...]]  # lang → (ending, gender, kind), longest first
    known_surnames: dict[str, str]                      # fold key → persons.tsv id
    nonname: frozenset[str]                             # lower-case words that are not names
    places: frozenset[str]
    always_block: frozenset[str]                        # months, role words
    stops: frozenset[str]                               # function words (Ли is a name mid-sentence)
    abbreviations: frozenset[str]
    kk_common: frozenset[str]
    cues: dict[tuple[str, str], tuple[tuple[tuple[str, ...], str | None], ...]]  # (kind, pos) → phrases


def _load(name: str) -> lexicon.Lexicon | None:
    try:
        return lexicon.load(name)
    except lexicon.LexiconError:
        return None


def _one_word(name: str) -> bool:
    return " " not in name.strip()


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    first: dict[str, tuple[str, str | None]] = {}
    fn = _load("first_names")
    for row in fn or ():
        low = row["name"].lower()
        g = row["gender"] or None
        if low in first and first[low][1] != g:
            first[low] = (first[low][0], None)
        else:
            first.setdefault(low, (row["name"], g))
    endings: dict[str, list[tuple[str, str, str]]] = {}
    for row in _load("surname_endings") or ():
        endings.setdefault(row["lang"], []).append((row["ending"], row["gender"], row["kind"]))
    known: dict[str, str] = {}
    for row in _load("persons") or ():
        parts = row["name"].split()
        if len(parts) >= 2:
            known.setdefault(fold_key(parts[-1]), row["id"])
            f = parts[0].lower()
            if f not in first:
                first[f] = (parts[0], None)
    places: set[str] = set()
    for row in _load("places") or ():
        if _one_word(row["name"]):
            places.add(row["name"].lower())
    nonname: set[str] = set(places)
    for name in ("orgs", "programs"):
        for row in _load(name) or ():
            if _one_word(row["name"]):
                nonname.add(row["name"].lower())
    always: set[str] = set()
    for row in _load("months") or ():
        for f in row["forms"]:
            always.add(f.lower().rstrip("."))
    for row in _load("roles") or ():
        for w in row["role"].split():
            always.add(w.lower())
    stops = stop_words("kk") | stop_words("ru")
    abbrs: set[str] = set()
    for row in _load("abbreviations") or ():
        abbrs.add(row["short"].lower())
    nonname |= abbrs
    kk_common: set[str] = set()
    for row in _load("kk_stems") or ():
        if row.get("pos") != "PROPN":
            kk_common.add(row["lemma"].lower())
    cues: dict[tuple[str, str], list[tuple[tuple[str, ...], str | None]]] = {}
    for row in _load("person_cues") or ():
        positions = ("before", "after") if row["position"] == "either" else (row["position"],)
        for pos in positions:
            cues.setdefault((row["kind"], pos), []).append(
                (tuple(row["word"].lower().split()), row["gender"] or None))
    return _Lex(
        first=first,
        endings={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in endings.items()},
        known_surnames=known, nonname=frozenset(nonname), places=frozenset(places),
        always_block=frozenset(always), stops=frozenset(stops), abbreviations=frozenset(abbrs), kk_common=frozenset(kk_common),
        cues={k: tuple(v) for k, v in cues.items()},
    )


# --- one word -------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WordInfo:
    """What a capitalised word can be in a name, computed once per word form and language."""
    first: tuple[str, str | None] | None = None   # nominative first name and its gender
    surname: str | None = None        # nominative, masculine/base form
    surname_f: str | None = None      # nominative feminine form when the word can be one
    ending_gender: str | None = None  # gender the surname's case form tells (Ахметовой → f)
    has_ending: bool = False          # ends (in the nominative) with a listed surname ending
    patronymic: str | None = None     # nominative patronymic (Әбішұлы, Абишевич)
    patronymic_gender: str | None = None
    common: bool = False              # a common word of the language
    nonname: bool = False             # place, organization, program or abbreviation
    place: bool = False
    blocked: bool = False             # month or role word: never part of a name
    stop: bool = False                # a function word (a name only after a first name or with a cue)
    known: bool = False               # surname of a person in lexicons/persons.tsv
    dict_surname: bool = False        # the Russian dictionary lists it as a surname
    plain_first: bool = False         # a first name that is also an ordinary word (Жеңіс, Вера)
    first_inflected: bool = False     # a Kazakh first name with a case ending (Абайдың)


_CUE_GAP = re.compile(r"[^.,!?;\n«»\"\w]{0,3}")


@lru_cache(maxsize=1)
def _cue_index() -> dict[tuple[str, str, str], tuple[tuple[tuple[str, ...], str | None], ...]]:
    """Cue phrases keyed by the word that touches the name (last word before, first word after)."""
    out: dict[tuple[str, str, str], list] = {}
    for (kind, pos), phrases in _lex().cues.items():
        for phrase, gender in phrases:
            key = phrase[-1] if pos == "before" else phrase[0]
            out.setdefault((kind, pos, key), []).append((phrase, gender))
    return {k: tuple(v) for k, v in out.items()}


def _title(word: str) -> str:
    """БІТІК → Бітік, ҚАСЫМ-ЖОМАРТ → Қасым-Жомарт; mixed case is kept."""
    if word.isupper():
        return "-".join(p[:1] + p[1:].lower() for p in word.split("-"))
    return word


def _recase(new: str, like: str) -> str:
    parts, lparts = new.split("-"), like.split("-")
    if len(parts) == len(lparts):
        return "-".join(p[:1].upper() + p[1:] if lp[:1].isupper() else p for p, lp in zip(parts, lparts))
    return new[:1].upper() + new[1:]


def _ending_of(nom: str, lang: str) -> tuple[str, str] | None:
    """(gender, kind) of the surname ending ``nom`` carries, if any: the longest listed ending,
    looked up by the word's own endings (one dict lookup per length, not a test per ending)."""
    low = nom.lower()
    n = len(low)
    for k, table in _ending_index(lang):
        if n - k >= 2:
            hit = table.get(low[n - k:] if k else "")
            if hit is not None:
                return hit
    return None


@lru_cache(maxsize=8)
def _ending_index(lang: str) -> tuple[tuple[int, dict[str, tuple[str, str]]], ...]:
    """surname_endings.tsv rows of ``lang`` as (length, ending → (gender, kind)), longest first;
    among equal endings the first row wins, as it did in the list order."""
    by_len: dict[int, dict[str, tuple[str, str]]] = {}
    for ending, gender, kind in _lex().endings.get(lang, ()):
        if ending.startswith("-"):
            e = ending[1:]
            by_len.setdefault(len(e), {}).setdefault(e, (gender, kind))
    return tuple(sorted(by_len.items(), key=lambda kv: -kv[0]))


def first_name(word: str, lang: str) -> tuple[str, str | None] | None:
    """The nominative first name ``word`` is a form of, with its gender, or None."""
    lex = _lex()
    w = _title(word)
    low = w.lower()
    hit = lex.first.get(low)
    if hit:
        return (_recase(hit[0], w) if not hit[0][:1].isupper() else hit[0]), hit[1]
    if lang == "lat":
        return None
    if lang == "kk":
        lem = kk_lemmatizer.analyze(w).lemma.lower()
        hit = lex.first.get(lem)
        if hit:
            return hit
        m = _KK_CASE_END.search(low)
        if m and m.start() >= 2:
            hit = lex.first.get(low[:m.start()])
            if hit:
                return hit
        return None
    for e in _RU_FIRST_ENDINGS:
        if low.endswith(e) and len(low) - len(e) >= 2:
            base = low[:-len(e)]
            for cand in (base, base + "а", base + "й", base + "ь", base + "я"):
                hit = lex.first.get(cand)
                if hit and (cand != base or e in ("а", "у", "ом", "е", "ем", "ём", "ю", "я")):
                    return hit
    return None


def _ru_singular_name(low: str) -> bool:
    """A dictionary first-name reading in the singular (Абаев is not the plural of Абай here)."""
    return any("Name" in p.tag and "sing" in p.tag for p in ru_lemmatizer.morph().parse(low))


def _ru_name_gender(low: str) -> str | None:
    genders = {p.tag.gender for p in ru_lemmatizer.morph().parse(low) if "Name" in p.tag}
    return "f" if genders == {"femn"} else "m" if genders == {"masc"} else None


def _ru_has_common_reading(low: str) -> bool:
    """Вера, Роза, Слава: a first name that is also an ordinary word."""
    return any(p.tag.POS == "NOUN" and not ({"Name", "Surn", "Patr", "Geox", "Orgn"} & set(str(p.tag).replace(" ", ",").split(",")))
               for p in ru_lemmatizer.morph().parse(low)) and ru_lemmatizer.morph().word_is_known(low)


def _ru_common(low: str) -> tuple[bool, bool]:
    """(common word, dictionary surname) for a Russian word form."""
    m = ru_lemmatizer.morph()
    if not m.word_is_known(low):
        return False, False
    proper = False
    surn = False
    for p in m.parse(low):
        tag = str(p.tag)
        if "Surn" in tag:
            surn = proper = True
        elif "Name" in tag or "Patr" in tag:
            proper = True
    return not proper, surn


@lru_cache(maxsize=200_000)
def word_info(word: str, lang: str) -> WordInfo:
    """Name readings of one token (``lang``: kk, ru or lat)."""
    lex = _lex()
    w = _title(word)
    low = w.lower()
    blocked = low in lex.always_block
    nonname = low in lex.nonname
    place = low in lex.places
    fn = first_name(w, lang)
    surname = surname_f = ending_gender = patr = patr_gender = None
    common = dict_surn = plain_first = first_inflected = False
    if lang == "kk":
        a = kk_lemmatizer.analyze(w)
        lem = a.lemma
        if lem.lower() in lex.always_block:
            blocked = True
        if lem.lower() in lex.nonname:
            nonname = True
        if lem.lower() in lex.places:
            place = True
        pm = _KK_PATRONYMIC.match(w)
        if pm:
            patr = pm.group(1)
            patr_gender = "f" if patr.lower().endswith(("қызы", "кызы")) else "m"
        suf = "".join(a.suffixes)
        stem = (w[:len(w) - len(suf)] if low.endswith(suf) else lem) if suf else w
        # Тұрғындардың: a plural is a common noun, never a person's name
        surname = lem if not (a.suffixes and a.suffixes[0] in _KK_PLURAL) else None
        if patr is None:
            pm2 = _RU_PATRONYMIC.match(w)
            if pm2:
                patr = pm2.group(1)
                patr_gender = "f" if patr.endswith("на") else "m"
        if surname and stem.lower().endswith(("ова", "ева", "ина", "ына", "ская")) and stem.lower() != lem.lower():
            surname_f = stem
            ending_gender = "f"
        common = (lem.lower() in lex.kk_common or low in lex.kk_common) and not fn
        plain_first = fn is not None and (low in lex.kk_common or lem.lower() in lex.kk_common)
        first_inflected = fn is not None and low not in lex.first and bool(a.suffixes)
    elif lang == "ru":
        common, dict_surn = _ru_common(low)
        r0 = ru_lemmatizer.analyze(w)
        known_word = ru_lemmatizer.morph().word_is_known(low)
        if (r0.kind == "Geox" and known_word) or r0.lemma in lex.places or (known_word and any(
                "Geox" in p.tag or p.normal_form in lex.places for p in ru_lemmatizer.morph().parse(low))):
            place = nonname = True
        elif r0.lemma in lex.nonname:
            nonname = True
        if fn is None and r0.kind == "Name" and known_word and not common and not dict_surn and not place \
                and _ru_singular_name(low):
            fn = (_recase(r0.lemma, w), _ru_name_gender(low))
        plain_first = fn is not None and _ru_has_common_reading(low)
        m = _RU_SURN.match(low)
        s = _RU_SKIY.match(low)
        if _RU_FAMILY.search(low):
            m = s = None  # братьев Ямадаевых: a family, not one person
        if m:
            base = m.group(1) + m.group(2)
            surname = _recase(base, w)
            surname_f = _recase(base + "а", w)
            end = m.group(3) or ""
            ending_gender = {"": "m", "ым": "m", "ом": "m", "е": "m", "ой": "f", "ою": "f"}.get(end)
        elif s:
            base = s.group(1) + s.group(2)
            surname = _recase(base + "ий", w)
            surname_f = _recase(base + "ая", w)
            ending_gender = "f" if s.group(3) in ("ая", "ую", "ою") else ("m" if s.group(3) in ("ий", "ого", "ому", "им", "ом") else None)
        else:
            # an unknown capitalised word is a name: the analyser's guess of its nominative is
            # better than the inflected form (Байбеку → Байбек, Мильнеру → Мильнер)
            surname = _recase(r0.lemma, w) if r0.lemma and (r0.kind in ("Surn", "Name") or not known_word) else w
            if _RU_FAMILY.search(low):
                surname = None
        pr = ru_lemmatizer.analyze(w)
        if pr.kind == "Patr":
            patr = _recase(pr.lemma, w)
            patr_gender = "f" if pr.lemma.endswith("на") else "m"
        elif re.search(r"(ович|евич|овна|евна|ична|ұлы|улы|кызы)[а-я]{0,2}$", low):
            pm = re.match(r"^(.+?(?:ович|евич|ич|овна|евна|ична|улы|кызы))(?:а|у|ем|ом|е|ой|ы)?$", low)
            if pm:
                patr = _recase(pm.group(1), w)
                patr_gender = "f" if patr.endswith(("на", "кызы")) else "m"
    else:
        surname = w
        if re.search(r"(?:uly|ūly|kyzy|qyzy)$", low):
            patr = w
            patr_gender = "f" if low.endswith(("kyzy", "qyzy")) else "m"
        if low.endswith(("ova", "eva", "ina", "skaya")):
            surname_f = w
            ending_gender = "f"
    has_ending = False
    if surname:
        end = _ending_of(surname_f or surname, "lat" if lang == "lat" else lang) \
            or _ending_of(surname, "lat" if lang == "lat" else lang)
        if end and end[1] == "surname":
            has_ending = True
    known = bool(surname) and fold_key(surname) in lex.known_surnames
    return WordInfo(first=fn, surname=surname, surname_f=surname_f, ending_gender=ending_gender,
                    has_ending=has_ending, patronymic=patr, patronymic_gender=patr_gender,
                    common=common, nonname=nonname, place=place, blocked=blocked, known=known,
                    dict_surname=dict_surn, stop=low in lex.stops, plain_first=plain_first,
                    first_inflected=first_inflected)


# --- mentions -------------------------------------------------------------------------------------

@dataclass
class Mention:
    first_i: int                 # token span (inclusive)
    last_i: int
    start: int                   # character span
    end: int
    surname_i: int               # token holding the surname
    first: str | None = None
    patronymic: str | None = None
    initials: str | None = None
    surname: str | None = None
    surname_f: str | None = None
    gender: str | None = None
    score: float = SCORE_FULL
    evidence: str = ""
    role: roles.Role | None = None
    person: "Person | None" = None
    same: "Mention | None" = None  # another spelling of this mention (Джоэл Саймон (Joel Simon))


@dataclass
class Person:
    key: str                     # fold key of the masculine/base surname
    first: str | None = None
    patronymic: str | None = None
    initials: str | None = None
    surname: str = ""
    surname_f: str | None = None
    gender: str | None = None
    role: roles.Role | None = None
    known_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)

    @property
    def last(self) -> str:
        return (self.surname_f or self.surname) if self.gender == "f" else self.surname

    @property
    def normalized(self) -> str:
        if not self.surname:
            return self.first or ""
        if self.first:
            return " ".join(p for p in (self.first, self.patronymic, self.last) if p)
        if self.initials:
            return f"{self.initials} {self.last}"
        return self.last


def _lang_of(tok: Token, para_lang: str) -> str:
    if tok.lang == "lat" or (_LATIN.match(tok.text) is not None):
        return "lat"
    if tok.lang in ("kk", "ru"):
        return tok.lang
    return para_lang


@lru_cache(maxsize=200_000)
def _name_like(word: str) -> bool:
    if not word[:1].isupper() or not word[:1].isalpha():
        return False
    head = word.split("-", 1)[0]
    if len(head) >= 2 and head.isupper() and not word.isupper():
        return False  # ИТП-нің, АҚ-ы: an abbreviation with an ending
    if word.isupper():
        return len(word) >= 3
    return any(c.islower() for c in word[1:])


def _is_initial(text: str, tok: Token) -> bool:
    return len(tok.text) == 1 and tok.text.isupper() and text[tok.end:tok.end + 1] == "."


class _Doc:
    """Per-document state: tokens with their languages and lazily computed word readings."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.text = ctx.text
        self.tokens: list[Token] = ctx.tokens
        n = len(self.tokens)
        self.langs = [""] * n
        self._info: list[WordInfo | None] = [None] * n
        self.consumed = [False] * n
        self.terms = roles.term_spans(self.tokens)
        self.capitals = [i for i, t in enumerate(self.tokens) if t.text[:1].isupper()]
        # name_like without the consumed test, per token (asked many times per token)
        self._namey = [False] * n
        terms, toks = self.terms, self.tokens
        for i in self.capitals:
            self._namey[i] = _name_like(toks[i].text) and terms[i] is None
        self._name_gap: list[bool | None] = [None] * n

    def lang(self, i: int) -> str:
        lg = self.langs[i]
        if not lg:
            tok = self.tokens[i]
            lg = self.langs[i] = _lang_of(tok, self.ctx.lang_at(tok.start))
        return lg

    def info(self, i: int) -> WordInfo:
        inf = self._info[i]
        if inf is None:
            inf = self._info[i] = word_info(self.tokens[i].text, self.lang(i))
        return inf

    def gap(self, i: int) -> str:
        """Text between token i and token i + 1."""
        return self.text[self.tokens[i].end:self.tokens[i + 1].start]

    def name_gap(self, i: int) -> bool:
        if i + 1 >= len(self.tokens):
            return False
        ng = self._name_gap[i]
        if ng is None:
            ng = self._name_gap[i] = _NAME_GAP.fullmatch(self.gap(i)) is not None
        return ng

    def sentence_start(self, i: int) -> bool:
        if i == 0:
            return True
        g = self.text[self.tokens[i - 1].end:self.tokens[i].start]
        return bool(_SENT_GAP.search(g)) or g.strip() in ("«", "\"", "—", "–", "-")

    def name_like(self, i: int) -> bool:
        # a word that starts a role term (Елбасының, Президенті) is a title, never a name
        return 0 <= i < len(self.tokens) and self._namey[i] and not self.consumed[i]

    def surname_ok(self, i: int, after_first: bool, first_plain: bool = True) -> bool:
        if not self.name_like(i):
            return False
        tok = self.tokens[i]
        if tok.text.isupper() and tok.text.lower() in _lex().abbreviations:
            return False
        inf = self.info(i)
        if inf.blocked or not inf.surname or len(inf.surname) < MIN_SURNAME:
            return False
        strong = inf.has_ending or inf.known or inf.dict_surname or inf.patronymic is not None
        if inf.stop and (self.sentence_start(i) or not (after_first or inf.dict_surname)):
            return False
        if inf.nonname and not (strong and after_first):
            return False
        if inf.common and not (strong or (after_first and (inf.first or not first_plain)
                                          and self.lang(i) != "kk")):
            return False
        return True

    def cue(self, kind: str, i: int, j: int) -> tuple[bool, str | None]:
        """Is a cue of ``kind`` right before token i or right after token j? (found, gender)"""
        toks = self.tokens
        index = _cue_index()
        if i > 0:
            t = toks[i - 1]
            for phrase, gender in index.get((kind, "before", t.norm), ()) + \
                    (index.get((kind, "before", t.lemma), ()) if t.lemma != t.norm else ()):
                k = len(phrase)
                if i - k >= 0 and all(toks[i - k + x].norm == phrase[x] or toks[i - k + x].lemma == phrase[x]
                                      for x in range(k - 1)) and _CUE_GAP.fullmatch(self.text[t.end:toks[i].start]):
                    return True, gender
        if j + 1 < len(toks):
            t = toks[j + 1]
            for phrase, gender in index.get((kind, "after", t.norm), ()) + \
                    (index.get((kind, "after", t.lemma), ()) if t.lemma != t.norm else ()):
                k = len(phrase)
                if j + k < len(toks) and all(toks[j + 1 + x].norm == phrase[x] or toks[j + 1 + x].lemma == phrase[x]
                                             for x in range(1, k)) and _CUE_GAP.fullmatch(self.text[toks[j].end:t.start]):
                    return True, gender
        return False, None

    def not_person(self, i: int, j: int) -> bool:
        return self.cue("not_person", i, j)[0]

    def role_right_before(self, i: int) -> bool:
        if i == 0:
            return False
        for k in range(max(0, i - 5), i):
            t = self.terms[k]
            if t and t[1] == i:
                # a quote after a title opens a name of something else: Мемлекет басшысы «Блумберг ...
                return not re.search(r"[.,;:!?()\n«»\"“”„]", self.gap(i - 1))
        return False


def _initials_before(d: _Doc, i: int) -> tuple[int, str] | None:
    """Initials ending right before token i: (first token index, "Е.Б.")."""
    toks, text = d.tokens, d.text
    k = i - 1
    letters: list[str] = []
    while k >= 0 and len(letters) < 3 and not d.consumed[k] and _is_initial(text, toks[k]):
        g = text[toks[k].end:toks[k + 1].start]
        if not _INITIAL_GAP.fullmatch(g):
            break
        letters.insert(0, toks[k].text)
        k -= 1
    if not letters:
        return None
    return k + 1, "".join(f"{c}." for c in letters)


def _initials_after(d: _Doc, j: int) -> tuple[int, str] | None:
    """Initials right after token j (Мамина А.У.): (last token index, "А.У.")."""
    toks, text = d.tokens, d.text
    if j + 1 >= len(toks) or not _NAME_GAP.fullmatch(text[toks[j].end:toks[j + 1].start]):
        return None
    k = j + 1
    letters: list[str] = []
    while k < len(toks) and len(letters) < 3 and _is_initial(text, toks[k]):
        letters.append(toks[k].text)
        if k + 1 < len(toks) and text[toks[k].end:toks[k + 1].start] == ".":
            k += 1
            continue
        break
    if not letters:
        return None
    last = j + len(letters)
    # "Мамина А. Сейдахметов": the initials belong to the next name
    if last + 1 < len(toks) and _INITIAL_GAP.fullmatch(text[toks[last].end:toks[last + 1].start]) \
            and d.name_like(last + 1):
        return None
    return last, "".join(f"{c}." for c in letters)


def _make(d: _Doc, first_i: int, last_i: int, sur_i: int, **kw) -> Mention:
    toks = d.tokens
    end = toks[last_i].end
    if kw.get("initials") and last_i != sur_i and d.text[end:end + 1] == ".":
        end += 1
    inf = d.info(sur_i)
    m = Mention(first_i, last_i, toks[first_i].start, end, sur_i,
                surname=kw.pop("surname", None) or inf.surname,
                surname_f=kw.pop("surname_f", None) or inf.surname_f, **kw)
    if m.gender is None and inf.has_ending:
        m.gender = inf.ending_gender
    return m


def _try_at(d: _Doc, i: int) -> Mention | None:
    toks = d.tokens
    n = len(toks)
    if not d.name_like(i) and not _is_initial(d.text, toks[i]):
        return None
    # 1. initials + surname
    if _is_initial(d.text, toks[i]):
        k = i
        while k < n and _is_initial(d.text, toks[k]) and k - i < 3:
            if k + 1 >= n or not _INITIAL_GAP.fullmatch(d.gap(k)):
                return None
            k += 1
        if k < n and not _is_initial(d.text, toks[k]) and d.surname_ok(k, after_first=True):
            ini = "".join(f"{toks[x].text}." for x in range(i, k))
            if not d.not_person(i, k):
                return _make(d, i, k, k, initials=ini, evidence="initials")
        return None
    inf = d.info(i)
    if inf.blocked:
        return None
    # 2. first name [patronymic] surname (Kazakh inflects only the last word of a name)
    if inf.first and not inf.first_inflected and d.name_gap(i):
        j = i + 1
        jn = d.info(j) if d.name_like(j) else None
        if jn is not None and jn.patronymic and not jn.first:
            if d.name_gap(j) and d.surname_ok(j + 1, after_first=True) and not d.info(j + 1).patronymic:
                m = _make(d, i, j + 1, j + 1, first=inf.first[0], patronymic=jn.patronymic,
                          gender=inf.first[1] or jn.patronymic_gender, evidence="first+patronymic+surname")
            else:
                m = _make(d, i, j, j, first=inf.first[0], gender=inf.first[1] or jn.patronymic_gender,
                          surname=jn.patronymic, surname_f=None, evidence="first+patronymic")
            return None if d.not_person(i, m.last_i) else m
        if d.surname_ok(j, after_first=True, first_plain=inf.plain_first):
            jinf = d.info(j)
            first = inf.first[0]
            k = j + 1
            # Реджеп Тайип Эрдоган: a second given name when the next word is the surname and
            # this one has nothing of a surname
            if d.name_gap(j) and d.surname_ok(k, after_first=True) and _strong(d.info(k)) \
                    and not _strong(jinf) and not d.info(k).first and not jinf.common:
                second = jinf.first[0] if jinf.first else _first_guess(d, j)
                if second:
                    first, j = f"{first} {second}", k
                    jinf = d.info(k)
            gender = inf.first[1] or jinf.ending_gender
            if not d.not_person(i, j):
                return _make(d, i, j, j, first=first, gender=gender, evidence="first+surname")
            return None
    # 3. reversed: surname first name [patronymic]  (Назарбаев Нурсултан Абишевич)
    if (inf.has_ending or inf.known) and d.surname_ok(i, after_first=False) and d.name_gap(i):
        j = i + 1
        if d.name_like(j) and d.info(j).first and not d.info(j).blocked and not d.info(i).first:
            nxt = j + 1
            if not (d.name_gap(j) and d.surname_ok(nxt, after_first=True) and d.info(nxt).has_ending
                    and not d.info(nxt).patronymic):
                last, patr = j, None
                if d.name_gap(j) and d.name_like(nxt) and d.info(nxt).patronymic:
                    last, patr = nxt, d.info(nxt).patronymic
                fj = d.info(j).first
                if not d.not_person(i, last):
                    return _make(d, i, last, i, first=fj[0], patronymic=patr,
                                 gender=fj[1] or inf.ending_gender, evidence="surname+first")
    # 4. surname + initials after it (Мамина А.У.)
    if (inf.has_ending or inf.known or inf.dict_surname) and d.surname_ok(i, after_first=False):
        ia = _initials_after(d, i)
        if ia and not d.not_person(i, ia[0]):
            return _make(d, i, ia[0], i, initials=ia[1], evidence="surname+initials")
    # 5. unknown first name + surname with an ending (Жансейіт Түймебаев)
    weak = inf.has_ending and (inf.surname or "").lower().endswith(("ин", "ын", "ина", "ына"))
    if d.name_gap(i) and not inf.common and not inf.nonname and not inf.first \
            and (not inf.has_ending or weak) \
            and not inf.patronymic and not d.tokens[i].text.isupper() and not d.role_right_before(i + 1) \
            and d.lang(i) != "lat":
        j = i + 1
        # Айнадин Молдабеков: a first name may end like a weak surname when a real surname follows
        if d.surname_ok(j, after_first=False) and d.info(j).has_ending and not d.info(j).first \
                and (not weak or _SHAPE_ENDING_KK.search((d.info(j).surname or "").lower())):
            fi = _first_guess(d, i)
            jinf = d.info(j)
            if fi and jinf.patronymic and d.name_gap(j) and d.surname_ok(j + 1, after_first=True) \
                    and _strong(d.info(j + 1)) and not d.info(j + 1).patronymic:
                # Серікбол Әділханұлы Мұсабаев: first name, patronymic, surname
                if not d.not_person(i, j + 1):
                    return _make(d, i, j + 1, j + 1, first=fi, patronymic=jinf.patronymic,
                                 gender=jinf.patronymic_gender, score=SCORE_GUESSED,
                                 evidence="guessed first+patronymic+surname")
            if fi and not d.not_person(i, j):
                return _make(d, i, j, j, first=fi, gender=jinf.ending_gender,
                             score=SCORE_GUESSED, evidence="guessed first+surname")
    # 6. two unknown capitalised words after a role and what it is of (Премьер-министр Израиля
    # Беньямин Нетаньяху, Жапонияның елшісі Масахару Коно): a foreign name that no lexicon
    # or dictionary knows, in the position where a title is followed by its holder's name
    if d.name_gap(i) and _foreign(d, i) and _foreign(d, i + 1, surname=True) \
            and not (d.name_gap(i + 1) and d.name_like(i + 2)) and not d.not_person(i, i + 1):
        role = _role_near(d, i)
        if role is not None:
            if _nominative_role(d, role):
                # the name stands in the role's case: as written (the analyser's guesses for
                # unknown words would take Маэхара for a genitive)
                fi, sur = _title(d.tokens[i].text), _title(d.tokens[i + 1].text)
            else:
                fi, sur = _first_guess(d, i) or _title(d.tokens[i].text), None
            return _make(d, i, i + 1, i + 1, first=fi, surname=sur, surname_f=sur, score=SCORE_GUESSED,
                         evidence="role+unknown name")
    return None


MAX_ROLE_COMPLEMENT = 4     # words between a role and the name: Посол Японии в России …
_ROLE_GAP = re.compile(r"[.,;:!?()\n«»\"“”„]")


def _role_near(d: _Doc, i: int) -> int | None:
    """The first token of a role term that ends right before token i, or a few words before with
    only what the role is of in between (министр иностранных дел Японии, Премьер-министр
    Израиля); None when there is none."""
    for k in range(max(0, i - MAX_ROLE_COMPLEMENT - 6), i):
        t = d.terms[k]
        if t and i - MAX_ROLE_COMPLEMENT <= t[1] <= i:
            between = d.text[d.tokens[t[1] - 1].end:d.tokens[i].start]
            if not _ROLE_GAP.search(between):
                return k
    return None


def _nominative_role(d: _Doc, k: int) -> bool:
    """Is the role word in the nominative (so is the name after it)? Kazakh names after a role
    take no case ending of their own here; Russian ones agree with the role."""
    if d.lang(k) != "ru":
        return True
    parses = ru_lemmatizer.morph().parse(d.tokens[k].text.lower())
    return bool(parses) and parses[0].tag.case == "nomn"


def _foreign(d: _Doc, i: int, surname: bool = False) -> bool:
    """A capitalised word with no reading but a name's: not a known word of either language, not
    a place, organisation word or abbreviation; as the first word, not a first name or surname
    the lexicons know either (those have rules of their own), while a surname may also be a
    known name (Махатхир Мохамад)."""
    if not d.name_like(i) or i >= len(d.tokens):
        return False
    tok = d.tokens[i]
    inf = d.info(i)
    if tok.text.isupper() or inf.blocked or inf.common or inf.nonname or inf.place or inf.stop \
            or inf.patronymic or d.sentence_start(i):
        return False
    if (inf.first or inf.known) and not surname:
        return False
    lang = d.lang(i)
    if lang == "ru":
        return (surname and (inf.first is not None or inf.known or inf.dict_surname)) \
            or not ru_lemmatizer.morph().word_is_known(tok.text.lower())
    if lang == "kk":
        return not kk_lemmatizer.analyze(tok.text).suffixes
    return False


def _strong(inf: WordInfo) -> bool:
    """Surname evidence of the word itself: an ending, the persons lexicon or the dictionary."""
    return inf.has_ending or inf.known or inf.dict_surname


def _first_guess(d: _Doc, i: int) -> str | None:
    """Nominative of a first name the gazetteer does not list."""
    w = _title(d.tokens[i].text)
    lang = d.lang(i)
    if lang == "kk":
        return kk_lemmatizer.analyze(w).lemma
    if lang == "ru":
        r = ru_lemmatizer.analyze(w)
        if r.kind in ("Name", "Surn", None) and r.lemma:
            return _recase(r.lemma, w)
        return None
    return w


def _shape(d: _Doc, i: int, inf: WordInfo) -> bool:
    """Does the surname's ending alone make the word a surname?"""
    low = (inf.surname or "").lower()
    lang = d.lang(i)
    if lang == "kk":
        return bool(_SHAPE_ENDING_KK.search(low))
    if not _SHAPE_ENDING.search(low):
        return False
    if lang == "ru" and low.endswith(("ин", "ын", "ина", "ына")):
        return inf.dict_surname or not ru_lemmatizer.morph().word_is_known(d.tokens[i].text.lower())
    return True


def _lone(d: _Doc, i: int) -> Mention | None:
    """A surname on its own, with a cue."""
    if not d.surname_ok(i, after_first=False):
        return None
    inf = d.info(i)
    if inf.first and not inf.has_ending and not inf.known:
        return None  # a first name alone
    if d.not_person(i, i):
        return None
    hon, hg = d.cue("honorific", i, i)
    if hon:
        return _make(d, i, i, i, gender=hg, score=SCORE_CUED, evidence="honorific")
    if inf.nonname or inf.place:
        return None
    sp, sg = d.cue("speech", i, i)
    strong = inf.known or inf.dict_surname or (inf.has_ending and _shape(d, i, inf))
    if sp and strong:
        return _make(d, i, i, i, gender=sg, score=SCORE_CUED, evidence="speech")
    if d.role_right_before(i) and strong and not d.tokens[i].text.isupper():
        return _make(d, i, i, i, score=SCORE_CUED, evidence="role")
    if inf.known:
        return _make(d, i, i, i, score=SCORE_CUED, evidence="known")
    if inf.has_ending and not inf.common and not inf.stop and len(inf.surname or "") >= 5 \
            and not d.tokens[i].text.isupper() and _shape(d, i, inf):
        lang = d.lang(i)
        if lang == "ru" and d.sentence_start(i) and not inf.dict_surname \
                and ru_lemmatizer.analyze(d.tokens[i].text).kind != "Surn":
            return None
        return _make(d, i, i, i, score=SCORE_SHAPE, evidence="surname ending")
    return None


MAX_EXTRA_NAMES = 2
_KK_PATRONYMIC_SURNAME = re.compile(r"\w{2,}(?:ұлы|улы|қызы|кызы)$")
MAX_TITLE_QUOTE = 60    # characters: a quoted name of something (a band, a prize, a party), not a speech
MAX_TITLE_WORDS = 4
_OPEN_Q = "«“„\""
_CLOSE_Q = "»”\""
_LEFT_STOP = re.compile("[»”\n.!?]")      # after the opening quote: the quote is closed or a sentence ends
_RIGHT_STOP = re.compile("[«“\n.!?]")     # before the closing quote


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Is the span inside a short quotation without sentence punctuation? Such quotes name things
    («Иса На Рем» ансамблі, «Абай жолы», «Нұр Отан»); a person is not named in quotes."""
    lo = max(0, start - MAX_TITLE_QUOTE)
    left = text[lo:start]
    # (the quote marks of _OPEN_Q / _CLOSE_Q searched one by one, and the marks that close or
    # open a quote found with one regex: asked for every mention, and a table of names in
    # quotes has thousands; same answers as max()/min() over the marks and any() over slices)
    qi = max(left.rfind("«"), left.rfind("“"), left.rfind("„"), left.rfind('"'))
    if qi < 0 or _LEFT_STOP.search(left, qi + 1):
        return False
    right = text[end:end + MAX_TITLE_QUOTE]
    qj = -1
    for k in (right.find("»"), right.find("”"), right.find('"')):
        if k >= 0 and (qj < 0 or k < qj):
            qj = k
    if qj < 0 or _RIGHT_STOP.search(right, 0, qj):
        return False
    # a title is a few words; a longer quotation may be a slogan or speech naming a person
    return len((left[qi + 1:] + " " + text[start:end] + " " + right[:qj]).split()) <= MAX_TITLE_WORDS


_CYR_RUN = re.compile(r"[\u0400-\u04FF]")


def _keep(d: _Doc, m: Mention) -> bool:
    if _in_short_quote(d.text, m.start, m.end):
        return False
    if m.initials and _LATIN.match(m.initials):
        # Latin initials in Cyrillic text are an abbreviation (U. S. News), not a person
        around = d.text[max(0, m.start - 150):m.end + 150]
        if len(_CYR_RUN.findall(around)) > len(_LATIN.findall(around)):
            return False
    return True


def _extend_left(d: _Doc, m: Mention) -> None:
    """Take in the unknown given names before a found name (Реджеп Тайип Эрдоган, Хуану Пабло
    Монтойе): capitalised words right before it that no lexicon or dictionary knows as anything
    else."""
    if m.initials:
        return
    added: list[int] = []
    k = m.first_i - 1
    # a name is written in one script: a Latin word before a Cyrillic name (Astana Hub Магжан
    # Мадиев) ends another name, and the reverse
    latin = d.lang(m.first_i) == "lat"
    # a Kazakh patronymic standing as the surname (Берікұлы) is always preceded by the given name,
    # even one that is also a common word (Бірлік, Ерлік, Айбын)
    patronymic = not m.first and _KK_PATRONYMIC_SURNAME.search((m.surname or "").lower()) is not None
    while k >= 0 and len(added) < MAX_EXTRA_NAMES and d.name_like(k) and _NAME_GAP.fullmatch(d.gap(k)):
        if (d.lang(k) == "lat") != latin:
            break
        inf = d.info(k)
        tok = d.tokens[k]
        if inf.blocked or inf.stop or (inf.common and not (patronymic and not added)) or inf.nonname \
                or inf.place or tok.text.isupper() or inf.has_ending or inf.patronymic or d.role_right_before(k + 1):
            break
        if patronymic and not added and inf.common:
            added.insert(0, k)
            break
        if d.lang(k) == "kk" and kk_lemmatizer.analyze(tok.text).suffixes:
            break
        if d.lang(k) == "ru" and not inf.first and ru_lemmatizer.morph().word_is_known(tok.text.lower()):
            break
        added.insert(0, k)
        k -= 1
    if not added:
        return
    names = [(d.info(x).first[0] if d.info(x).first else _first_guess(d, x)) for x in added]
    if any(n is None for n in names):
        return
    m.first = " ".join(names + ([m.first] if m.first else []))
    m.first_i = added[0]
    m.start = d.tokens[added[0]].start
    for x in added:
        d.consumed[x] = True


def _lone_first(d: _Doc, i: int) -> Mention | None:
    """A first name on its own (Динара, Абайдың): a person when the word has no other reading."""
    inf = d.info(i)
    tok = d.tokens[i]
    if not inf.first or inf.plain_first or inf.common or inf.place or inf.nonname or inf.blocked \
            or inf.stop or tok.text.isupper() or inf.has_ending or inf.patronymic:
        return None
    if d.not_person(i, i) or _initials_before(d, i):
        return None
    if i + 1 < len(d.tokens) and d.name_like(i + 1) and d.name_gap(i):
        return None  # followed by another name word: a name of a shape the rules do not know
    if d.lang(i) == "kk":
        a = kk_lemmatizer.analyze(tok.text)
        if a.suffixes:
            slots = roles._kk_suffix_slots()
            # Кенжесі, Салтанатты: possessive or derivational readings are not a name's case form
            if d.sentence_start(i) or not all(slots.get(x, frozenset()) & roles._KK_CASE_SLOTS
                                              for x in a.suffixes):
                return None
        if i + 1 < len(d.tokens) and d.name_gap(i):
            nxt = d.tokens[i + 1]
            na = kk_lemmatizer.analyze(nxt.text)
            if nxt.text[:1].islower() and na.suffixes and "P3" in roles._kk_suffix_slots().get(na.suffixes[0], ()):
                return None  # Жібек жолы, Абай даңғылы: the name modifies a noun (izafet)
    m = Mention(i, i, tok.start, tok.end, i, first=inf.first[0], surname=None, gender=inf.first[1],
                score=SCORE_FIRST, evidence="first name")
    return m if _keep(d, m) else None


def find_mentions(ctx: Context) -> tuple[list[Mention], _Doc]:
    """Person mentions of the document (before coreference), in text order."""
    d = _Doc(ctx)
    mentions: list[Mention] = []
    # names start with a capital letter (initials too): only those tokens are looked at
    cands = d.capitals
    for i in cands:
        if d.consumed[i]:
            continue
        m = _try_at(d, i)
        if m is None:
            continue
        for k in range(m.first_i, m.last_i + 1):
            d.consumed[k] = True
        if _keep(d, m):
            mentions.append(m)
            _extend_left(d, m)
    for i in cands:
        if not d.consumed[i] and d.name_like(i):
            m = _lone(d, i)
            if m is not None and _keep(d, m):
                mentions.append(m)
                d.consumed[i] = True
                _extend_left(d, m)
    for i in cands:
        if not d.consumed[i] and d.name_like(i):
            m = _lone_first(d, i)
            if m is not None:
                mentions.append(m)
                d.consumed[i] = True
    mentions.extend(_latin_spellings(d, mentions))
    mentions.sort(key=lambda m: m.start)
    return mentions, d


# "Джоэл Саймон (Joel Simon)": the name as spelled in Latin, in parentheses right after it
_LATIN_PAREN = re.compile(r"[ \u00a0]?\([ \u00a0]?([A-Z][A-Za-z'’\-]+(?:[ \u00a0][A-Za-z][A-Za-z'’\-]*){0,3})[ \u00a0]?\)")


def _latin_spellings(d: _Doc, mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    starts = {t.start: k for k, t in enumerate(d.tokens)}
    for m in mentions:
        pm = _LATIN_PAREN.match(d.text, m.end)
        if not pm or m.first_i == m.last_i and not m.first and not m.initials:
            continue  # only after a full name: a lone word in parentheses may be anything
        words = pm.group(1).split()
        if len(words) < 2 or not all(w[:1].isupper() or w.lower() in ("al", "el", "van", "von", "de", "bin")
                                     for w in words):
            continue
        a, b = starts.get(pm.start(1)), None
        if a is None:
            continue
        b = a
        while b + 1 < len(d.tokens) and d.tokens[b + 1].end <= pm.end(1):
            b += 1
        if any(d.consumed[k] for k in range(a, b + 1)):
            continue
        first = " ".join(t.text for t in d.tokens[a:b])
        lm = _make(d, a, b, b, first=first, gender=m.gender, score=SCORE_COREF, evidence="Latin spelling")
        lm.same = m
        out.append(lm)
        for k in range(a, b + 1):
            d.consumed[k] = True
    return out


# --- coreference ----------------------------------------------------------------------------------

def _surname_key(s: str | None) -> str:
    return fold_key(s or "")


def _first_compatible(p: Person, m: Mention) -> bool:
    if m.first and p.first:
        return fold_key(m.first) == fold_key(p.first) or keys_match(m.first, p.first)
    a = m.first or m.initials
    b = p.first or p.initials
    if a and b:
        return fold_key(a)[:1] == fold_key(b)[:1]
    return True


def _same_surname(p: Person, m: Mention) -> bool:
    k = _surname_key(m.surname)
    return k == p.key or (k and p.key and keys_match(m.surname or "", p.surname))


def _coref_scan(d: _Doc, persons: list[Person]) -> list[Mention]:
    """Later mentions by surname alone of persons already found."""
    out: list[Mention] = []
    if not persons:
        return out
    keys = {p.key for p in persons}
    for i in d.capitals:
        if d.consumed[i] or not d.name_like(i):
            continue
        inf = d.info(i)
        if inf.blocked or not inf.surname or inf.place or inf.nonname:
            continue
        k = _surname_key(inf.surname)
        if k not in keys and not any(keys_match(d.tokens[i].text, p.surname) for p in persons
                                     if abs(len(p.key) - len(k)) <= 3):
            continue
        if d.not_person(i, i) or _in_short_quote(d.text, d.tokens[i].start, d.tokens[i].end):
            continue
        if inf.first and not inf.has_ending and k not in keys:
            continue
        ib = _initials_before(d, i)
        first_i = ib[0] if ib else i
        m = _make(d, first_i, i, i, initials=ib[1] if ib else None, score=SCORE_COREF, evidence="coreference")
        out.append(m)
        for x in range(first_i, i + 1):
            d.consumed[x] = True
    return out


def _group(mentions: list[Mention]) -> list[Person]:
    persons: list[Person] = []
    starts: dict[int, list[int]] = {}       # id(person) → sorted starts of its mentions
    # fuller names first, so that lone surnames attach to the person they abbreviate
    order = sorted(mentions, key=lambda m: (4 if m.same is not None else 3 if not m.surname else 0 if m.first
                                            else 1 if m.initials else 2, m.start))
    # The candidates of a mention depend on its surname, first name and initials and on the
    # persons' keys, first names, initials and surnames only; a document names the same few
    # people thousands of times, so they are kept per mention shape until a person is added or
    # one of those fields changes (``version``), instead of being recomputed against every person.
    shapes: dict[tuple, tuple[int, list[Person]]] = {}
    version = 0
    for m in order:
        if m.same is not None and m.same.person is not None:
            p = m.same.person
            _absorb_spelling(p, m)
            insort(starts[id(p)], m.start)
            continue
        shape = (m.surname, m.first, m.initials)
        got = shapes.get(shape)
        if got is not None and got[0] == version:
            cands = got[1]
        else:
            if not m.surname:
                # a first name alone: the person of that first name, or a person known by it only
                fk = fold_key(m.first or "")
                cands = [p for p in persons if p.first and fold_key(p.first.split()[0]) == fk]
            else:
                # _same_surname and _first_compatible, the mention's key computed once, not once
                # per person
                k = _surname_key(m.surname)
                sur = m.surname
                cands = [p for p in persons if p.key and (k == p.key or (k and keys_match(sur, p.surname)))
                         and _first_compatible(p, m)]
            if m.first or m.initials:
                cands = [p for p in cands if (p.first or p.initials)] or cands
            shapes[shape] = (version, cands)
        p = None
        if cands:
            # the nearest person mentioned before (else after) this mention; mention starts are
            # kept sorted per person so that a document naming one person a thousand times
            # stays linear. (max(pool, key=...) written out: the first of the latest wins.)
            pos = m.start
            before = [c for c in cands if starts[id(c)][0] <= pos]
            best_at = -2
            for c in before or cands:
                st = starts[id(c)]
                j = bisect_right(st, pos)
                at = st[j - 1] if j else -1
                if at > best_at:
                    p, best_at = c, at
        if p is None:
            p = Person(key=_surname_key(m.surname) if m.surname else "", surname=m.surname or "")
            persons.append(p)
            starts[id(p)] = []
            version += 1
        seen = (p.first, p.initials, p.surname)
        _absorb(p, m)
        if (p.first, p.initials, p.surname) != seen:
            version += 1
        insort(starts[id(p)], m.start)
    return persons


def _absorb_spelling(p: Person, m: Mention) -> None:
    """Join a mention that spells the person's name in another script: it takes the person, but
    not its spelling of the name (the person keeps the name as the text first gives it)."""
    m.person = p
    p.mentions.append(m)


def _last_at_or_before(starts: list[int], pos: int) -> int:
    """The largest of the sorted ``starts`` that is <= ``pos``, else -1."""
    k = bisect_right(starts, pos)
    return starts[k - 1] if k else -1


def _absorb(p: Person, m: Mention) -> None:
    p.mentions.append(m)
    m.person = p
    if m.first and not p.first:
        p.first = m.first
        p.surname = m.surname or p.surname
        p.surname_f = m.surname_f
    if m.patronymic and not p.patronymic:
        p.patronymic = m.patronymic
    if m.initials and not p.initials:
        p.initials = m.initials
    if not p.surname_f and m.surname_f:
        p.surname_f = m.surname_f
    if m.gender and not p.gender:
        p.gender = m.gender
    if m.role and not p.role:
        p.role = m.role
    if not p.known_id:
        p.known_id = _lex().known_surnames.get(p.key)


def _resolve_gender(p: Person) -> None:
    genders = [m.gender for m in p.mentions if m.gender]
    if p.first:
        fn = _lex().first.get(p.first.lower())
        if fn and fn[1]:
            p.gender = fn[1]
            return
    if "f" in genders and "m" not in genders:
        p.gender = "f"
    elif "m" in genders:
        p.gender = "m"


# --- stage ----------------------------------------------------------------------------------------

class _Others:
    """Tokens of the other mentions: ``blocked`` without the tokens ``lo..hi`` of one mention.
    A view, not a copy: copying the set per mention made a document of many mentions quadratic."""

    __slots__ = ("blocked", "lo", "hi")

    def __init__(self, blocked: set[int], lo: int, hi: int) -> None:
        self.blocked, self.lo, self.hi = blocked, lo, hi

    def __contains__(self, k: object) -> bool:
        return k in self.blocked and not (self.lo <= k <= self.hi)  # type: ignore[operator]


def run(ctx: Context) -> None:
    mentions, d = find_mentions(ctx)
    persons = _group(mentions)
    extra = _coref_scan(d, persons)
    if extra:
        persons = _group(mentions + extra)
        mentions = mentions + extra
    blocked = {k for m in mentions for k in range(m.first_i, m.last_i + 1)}
    for m in mentions:
        lang = d.lang(m.first_i)
        own = _Others(blocked, m.first_i, m.last_i)
        m.role = roles.find_role(d.text, d.tokens, d.terms, m.first_i, m.last_i,
                                 "kk" if lang == "kk" else ("en" if lang == "lat" else "ru"), own)
    for p in persons:
        _resolve_gender(p)
        p.role = next((m.role for m in sorted(p.mentions, key=lambda x: x.start) if m.role), None)
    for m in sorted(mentions, key=lambda x: x.start):
        p = m.person
        if p is None:
            continue
        role = m.role or p.role
        attrs = {
            "role": role.normalized if role else None,
            "first": p.first,
            "last": p.last or None,
            "initials": p.initials if not p.first else None,
            "gender": p.gender,
        }
        if p.patronymic:
            attrs["patronymic"] = p.patronymic
        if role:
            attrs["role_id"] = role.role_id
        if p.known_id:
            attrs["person_id"] = p.known_id
        attrs["evidence"] = m.evidence
        ctx.add(Entity("PERSON", m.start, m.end, ctx.text[m.start:m.end], p.normalized, attrs, m.score))
