"""Transliteration-aware keys: one spelling-independent key per word, in every script we meet.

A Kazakh official is written Байбек in Kazakh and Russian text, Baibek or Baybek in the press,
Bai'bek in the 2017 alphabet, Baıbek in 2018, Bajbek in ISO 9, and inflected (Байбектің,
Байбекке, Baibektiñ, Байбеку). Search and entity linking need all of them to meet, while
genuinely different names that differ by one letter (Ахметов/Ахмедов, Сагинтаев/Сагинбаев,
Алатау/Алтай) must stay apart. No library folds Kazakh letters sensibly, so this module folds
words itself, driven by three lexicons:

* ``lexicons/translit.tsv`` — one folding table for both Cyrillic alphabets and every Latin system:
  letters to key symbols, Latin digraphs and letters-in-context to the letter they stand for, and
  a few rewrites on the key itself;
* ``lexicons/key_endings.tsv`` — Kazakh and Russian case/possessive endings, in the key alphabet,
  removed for the *bare* key;
* ``lexicons/name_variants.tsv`` — cheap consonant correspondences, surname markers and
  organisation words used when whole names are compared.

The key alphabet is ``a b c d e f g i j k l m n o p r s t u v x z``: ``c`` = ч, ``x`` = ш/щ,
``j`` = ж, ``k`` = к/қ/х/һ, ``g`` = г/ғ, ``i`` = и/й/ы/і, ``u`` = у/ұ/ү, ``o`` = о/ө, ``a`` = а/ә.
After folding, a glide ``i`` between vowels (and before a vowel at the start) is dropped, because
press spellings add or omit ``y`` there (Sagintayev/Сагинтаев, Yerlan/Ерлан), and doubled symbols
collapse (Issekeshev/Исекешев, Кеттебеков/Ketebekov).

Distances are vowel-light: Kazakh and Russian spellings of one name differ mostly in vowels
(Исекешов/Исекешев, Өмірзақ/Умирзак, Бауыржан/Бауржан) while different names differ in consonants
(Ахметов/Ахмедов), so a consonant edit costs three vowel edits. :func:`edit_budget` is in those
units, which makes it an upper bound for plain Levenshtein too: an index may generate fuzzy
candidates with ``maxdist = edit_budget(len(key))`` and confirm them with :func:`keys_match`.

:func:`romanize` writes the 2021 official Kazakh Latin alphabet (ä ğ ı i ñ ö ş ū ü, j for ж,
ç for ч, ts/şş/io/iu/ia for ц/щ/ё/ю/я), the only standard that spells every Kazakh letter; Latin
input is returned unchanged.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations

from rapidfuzz.distance import Levenshtein

from itp_docs import lexicon

__all__ = [
    "KEY_ALPHABET", "fold_key", "bare_key", "word_keys", "edit_budget", "key_distance",
    "keys_match", "names_match", "romanize", "skeleton_key",
]

KEY_ALPHABET = "abcdefgijklmnoprstuvxz"
_KEY_VOWELS = frozenset("aeiou")
_KEY_CONSONANTS = frozenset(KEY_ALPHABET) - _KEY_VOWELS

_NONKEY = re.compile(f"[^{KEY_ALPHABET}]+")
# A glide: i between key vowels, or at the start before a vowel (Yerlan/Ерлан, Яков/Yakov).
_GLIDE = re.compile(r"i(?<=[aeiou]i)(?=[aeiou])|^i(?=[aeou])")
_DOUBLE = re.compile(r"(.)\1+")
_HYPHENS = "-\u2010\u2011\u2012\u2013"
_HYPHEN_RE = re.compile(f"[{_HYPHENS}]")
_LETTER_CLASS = r"[^\W\d_]"

# Filled by _load() on first use; module globals keep the hot path free of attribute lookups.
_LETTERS: dict[int, str | None] | None = None
_LATIN_RE: re.Pattern | None = None
_LATIN_OUT: dict[str, str] | list[str] = {}
_KEYRULE_RE: re.Pattern | None = None
_KEYRULE_OUT: dict[str, str] = {}
_ENDINGS: dict[str, list[tuple[frozenset, int]]] = {}
_ENDING_KEYS: frozenset = frozenset()
_ROMAN: dict[str, str] = {}
_CONS_TABLE: dict[int, str | None] = {}
_LIGHT: frozenset = frozenset()
_SURNAME_MARKS: tuple[str, ...] = ()
_PATRONYMIC_MARKS: tuple[str, ...] = ()
_ORG_WORDS: frozenset = frozenset()


def _context(spec: str, vowels: str, ahead: bool, source: str = "") -> str:
    """Regex lookaround for a context spec: V vowel, C consonant, # boundary, literal letters.

    A left context is checked by a lookbehind placed *after* the source (``j(?<=[aeo]j)``) so
    that every alternative starts with a literal and the regex engine skips Cyrillic words fast.
    """
    if not spec:
        return ""
    v = "[" + re.escape(vowels) + "]"
    lits = "".join(ch for ch in spec if ch.islower())
    parts = []
    if ahead:
        if "V" in spec:
            parts.append(v)
        if "C" in spec:
            parts.append(f"(?!{v}){_LETTER_CLASS}")
        if "#" in spec:
            parts.append(f"(?!{_LETTER_CLASS})")
        if lits:
            parts.append("[" + re.escape(lits) + "]")
        return "(?=" + "|".join(parts) + ")"
    src = re.escape(source)
    if "V" in spec:
        parts.append(f"(?<={v}{src})")
    if "C" in spec:
        parts.append(f"(?<={_LETTER_CLASS}{src})(?<!{v}{src})")
    if "#" in spec:
        parts.append(f"(?<!{_LETTER_CLASS}{src})")
    if lits:
        parts.append("(?<=[" + re.escape(lits) + "]" + src + ")")
    return "(?:" + "|".join(parts) + ")"


def _after_set(spec: str) -> frozenset:
    out: set[str] = set()
    for ch in spec:
        if ch == "V":
            out |= _KEY_VOWELS
        elif ch == "C":
            out |= _KEY_CONSONANTS
        else:
            out.add(ch)
    return frozenset(out)


def _load() -> None:
    """Compile the three lexicons into translate tables and regexes (once per process)."""
    global _LETTERS, _LATIN_RE, _LATIN_OUT, _KEYRULE_RE, _KEYRULE_OUT, _ENDINGS, _ENDING_KEYS
    global _ROMAN
    table = lexicon.load("translit")
    letters: dict[str, str] = {}
    roman: dict[str, str] = {}
    latin_rows: list[dict] = []
    keyrules: dict[str, str] = {}
    for row in table:
        stage, src = row["stage"], row["source"]
        if stage == "letter":
            if len(src) != 1:
                raise lexicon.LexiconError(f"translit.tsv: letter row {src!r} is not one character")
            letters[src] = row["key"]
            if row["lat"] or src in "ъь":
                roman[src] = row["lat"]
        elif stage == "latin":
            latin_rows.append(row)
        elif stage == "key":
            keyrules[src] = row["key"]
        else:
            raise lexicon.LexiconError(f"translit.tsv: unknown stage {stage!r}")
    trans: dict[int, str | None] = {ord(c): k for c, k in letters.items()}
    # Accented Latin letters no system lists fold like their base letter; combining marks vanish.
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        if cp in trans or not ch.isalpha():
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if base in letters:
            trans[cp] = letters[base]
    # Everything else in the scripts we meet (digits, punctuation, combining marks, other letters)
    # is dropped by the table itself, so the hot path needs no filtering regex for such words.
    for cp in list(range(0x0, 0x530)) + list(range(0x1E00, 0x1F00)) + list(range(0x2000, 0x2070)):
        trans.setdefault(cp, None)
    # Letters whose key is all vowels are vowels for the contexts of the latin stage (y and w too).
    vowels = "".join(sorted(c for c, k in letters.items() if k and set(k) <= _KEY_VOWELS))
    # Longest sources first; among equal sources, the ones with a context first.
    latin_rows.sort(key=lambda r: (-len(r["source"]), not (r["before"] or r["after"])))
    pats, outs = [], []
    for r in latin_rows:
        target = r["same_as"]
        if target not in letters:
            raise lexicon.LexiconError(f"translit.tsv: {r['source']!r} stands for unknown {target!r}")
        pats.append(re.escape(r["source"]) + _context(r["before"], vowels, False, r["source"])
                    + _context(r["after"], vowels, True))
        outs.append(target)
    sources = [r["source"] for r in latin_rows]
    if len(set(sources)) == len(sources):
        # Alternatives without groups let the engine skip by first letter (10x faster on
        # Cyrillic words); the matched text then names its rule.
        _LATIN_RE = re.compile("|".join(pats)) if pats else None
        _LATIN_OUT = dict(zip(sources, outs))
    else:
        _LATIN_RE = re.compile("|".join(f"({p})" for p in pats))
        _LATIN_OUT = [""] + outs
    _KEYRULE_OUT = keyrules
    _KEYRULE_RE = (re.compile("|".join(re.escape(k) for k in sorted(keyrules, key=len, reverse=True)))
                   if keyrules else None)
    _ROMAN = roman

    endings: dict[str, list[tuple[frozenset, int]]] = {}
    for row in lexicon.load("key_endings"):
        end = row["ending"]
        if _NONKEY.search(end):
            raise lexicon.LexiconError(f"key_endings.tsv: {end!r} is not in the key alphabet")
        endings.setdefault(end, []).append((_after_set(row["after"]), int(row["min_stem"])))
    _ENDINGS = endings
    _ENDING_KEYS = frozenset(endings)

    _LETTERS = trans  # fold_key is usable from here on (org words are folded below)
    try:
        _load_names()
    except Exception:
        _LETTERS = None  # a broken lexicon must fail again on the next call, not half-load
        raise


def _load_names() -> None:
    global _CONS_TABLE, _LIGHT, _SURNAME_MARKS, _PATRONYMIC_MARKS, _ORG_WORDS
    light: set[tuple[str, str]] = set()
    marks: list[str] = []
    patronymics: list[str] = []
    orgs: set[str] = set()
    cons = {ord(v): None for v in _KEY_VOWELS}
    for row in lexicon.load("name_variants"):
        kind, value = row["kind"], row["value"]
        if kind == "light":
            a, b = value.split()
            light.add((a, b))
            light.add((b, a))
            cons[ord(b)] = a
        elif kind == "surname":
            marks.append(value)
        elif kind == "patronymic":
            patronymics.append(value)
        elif kind == "org_word":
            orgs.add(value)
            orgs.update(_fold_uncached(ex) for ex in row["examples"])
        else:
            raise lexicon.LexiconError(f"name_variants.tsv: unknown kind {kind!r}")
    _CONS_TABLE = cons
    _LIGHT = frozenset(light)
    _SURNAME_MARKS = tuple(sorted(marks, key=len, reverse=True))
    _PATRONYMIC_MARKS = tuple(sorted(patronymics, key=len, reverse=True))
    _ORG_WORDS = frozenset(o for o in orgs if o)


def _one(m: re.Match) -> str:
    # A callable is 3x faster than the template r"\1" in re.sub.
    return m.group(1)


def _latin_sub(m: re.Match) -> str:
    if m.lastindex is None:
        return _LATIN_OUT[m.group()]
    return _LATIN_OUT[m.lastindex]


def _keyrule_sub(m: re.Match) -> str:
    return _KEYRULE_OUT[m.group(0)]


def _raw_key(word: str) -> str:
    """Folded key before doubled symbols collapse (endings are cut here: Байбек|ке, not Байбе|ке)."""
    if _LETTERS is None:
        _load()
    w = word.lower()
    if _LATIN_RE is not None:
        w = _LATIN_RE.sub(_latin_sub, w)
    w = w.translate(_LETTERS)
    if not w.isascii():
        w = _NONKEY.sub("", w)
    for src in _KEYRULE_OUT:
        if src in w:
            w = _KEYRULE_RE.sub(_keyrule_sub, w)
            break
    return _GLIDE.sub("", w)


def _fold_uncached(word: str) -> str:
    return _DOUBLE.sub(_one, _raw_key(word))


@lru_cache(maxsize=1 << 18)
def fold_key(word: str) -> str:
    """Phonetic skeleton of one word in any script; '' when it has no letters."""
    return _DOUBLE.sub(_one, _raw_key(word))


def _stems(raw: str, first_only: bool, plain: bool = False) -> list[str]:
    """Stems left by the listed endings that fit, longest ending first (Астаны: -ны or -ы).

    ``plain`` says raw has no doubled symbols, so a stem needs no collapsing.
    """
    out: list[str] = []
    for n in (4, 3, 2, 1):
        if len(raw) <= n:
            continue
        rules = _ENDINGS.get(raw[-n:])
        if not rules:
            continue
        stem = raw[:-n]
        last = stem[-1]
        for after, min_stem in rules:
            if (not after or last in after) and len(stem) >= min_stem:
                short = stem if plain else _DOUBLE.sub(_one, stem)
                if len(short) >= min_stem:
                    out.append(short)
                    if first_only:
                        return out
                    break
    return out


def _keys(word: str) -> tuple[str, str]:
    raw = _raw_key(word)
    fold = _DOUBLE.sub(_one, raw)
    # An ending after a hyphen (АЭА-ның, ИЖТМ-ге, «ИТП»-нің) goes whatever the stem's length.
    if _HYPHEN_RE.search(word):
        cut = max(word.rfind(h) for h in _HYPHENS)
        if _raw_key(word[cut + 1:]) in _ENDING_KEYS:
            head_key = _DOUBLE.sub(_one, _raw_key(word[:cut]))
            if head_key:
                return fold, head_key
    stems = _stems(raw, True, len(fold) == len(raw))
    return fold, stems[0] if stems else fold


@lru_cache(maxsize=1 << 18)
def word_keys(word: str) -> tuple[str, ...]:
    """Distinct keys to index for a word: ``(fold, bare)``, or ``(fold,)`` when they coincide."""
    fold, bare = _keys(word)
    if not fold:
        return ()
    return (fold,) if bare == fold else (fold, bare)


def bare_key(word: str) -> str:
    """fold_key without a Kazakh or Russian case/possessive ending (Байбектің, Сагинтаева -> nominative).

    Endings are only removed when a stem of at least the ending's ``min_stem`` symbols remains,
    so short words (Даму, Зерде) keep their last letters.
    """
    keys = word_keys(word)
    return keys[-1] if keys else ""


SKELETON_MIN = 4


@lru_cache(maxsize=1 << 18)
def skeleton_key(word: str) -> str:
    """``~`` + the consonant skeleton of the bare key (its first letter kept), or ``''`` when the
    skeleton is shorter than :data:`SKELETON_MIN`.

    Spellings of one name across Kazakh and Russian often differ only in vowels (Исекешов /
    Исекешев / Issekeshev, Ыдырысов / Идрисов), which the full keys keep apart. The search index
    stores this skeleton for capitalized words as a weak extra key; short skeletons are not made
    because they join unrelated names (Алатау / Алтай both give ``alt``). The ``~`` keeps the
    skeletons apart from ordinary keys in the same field.
    """
    if _LETTERS is None:
        _load()
    bare = bare_key(word)
    if not bare:
        return ""
    sk = _DOUBLE.sub(_one, bare[0] + _consonants(bare[1:]))
    return "~" + sk if len(sk) >= SKELETON_MIN else ""


def edit_budget(n: int) -> int:
    """Allowed cost for keys of length n, in vowel edits (a consonant edit costs 3).

    0 up to 4 symbols (Асан/Әсен must not meet), one vowel edit up to 8 (Исекешов/Исекешев,
    but not Бекетаев/Бекетов: two), two vowel edits up to 11, and from 12 symbols a single
    consonant edit too.
    """
    if n <= 4:
        return 0
    if n <= 8:
        return 1
    if n <= 11:
        return 2
    return 3


@lru_cache(maxsize=1 << 16)
def _consonants(key: str) -> str:
    return key.translate(_CONS_TABLE)


def key_distance(a: str, b: str) -> int:
    """Vowel-light edit distance on keys: vowel edits (and light pairs such as ч/ш) cost 1,
    consonant edits 3. Computed as Levenshtein on the keys plus twice Levenshtein on their
    consonant skeletons, both by rapidfuzz."""
    if a == b:
        return 0
    if _LETTERS is None:
        _load()
    return Levenshtein.distance(a, b) + 2 * Levenshtein.distance(_consonants(a), _consonants(b))


@lru_cache(maxsize=1 << 16)
def _match_keys(word: str) -> tuple[str, tuple[str, ...]]:
    """fold and every plausible bare key, the indexed one first (matching may try them all)."""
    fold, bare = _keys(word)
    alts = [bare] + [st for st in _stems(_raw_key(word), False) if st != bare]
    return fold, tuple(alts)


def _keys_close(fa: str, bas: tuple[str, ...], fb: str, bbs: tuple[str, ...]) -> bool:
    if not fa or not fb:
        return False
    if fa == fb or fa in bbs or fb in bas or any(b in bbs for b in bas):
        return True
    budget = edit_budget(min(len(bas[0]), len(bbs[0])))
    if budget == 0:
        return False
    if key_distance(fa, fb) <= budget:
        return True
    # Cross pairs too: a nominative may lose a final vowel its inflected form keeps
    # (Самұрық-Қазына -> ...казин, Самрұқ-Қазынаның -> ...казина).
    for ba in bas:
        if key_distance(ba, fb) <= budget or any(key_distance(ba, bb) <= budget for bb in bbs):
            return True
    return any(key_distance(fa, bb) <= budget for bb in bbs)


@lru_cache(maxsize=1 << 16)
def keys_match(a: str, b: str) -> bool:
    """Do two words spell the same name? Full and bare keys are compared; the budget comes from
    the shorter bare key, so an inflection never buys extra edits (Сағынтаевтың/Сағынбаевтың)."""
    fa, bas = _match_keys(a)
    fb, bbs = _match_keys(b)
    return _keys_close(fa, bas, fb, bbs)


# ---------------------------------------------------------------------------------------------
# Multi-word names

@dataclass(frozen=True)
class _Tok:
    text: str
    initial: bool
    fold: str = ""
    bares: tuple[str, ...] = ()
    heads: str = ""          # key initial of every hyphen part (Қасым-Жомарт -> "kj"); initials' letters
    surname: bool = False
    patronym: str = ""       # the father's name part of a patronymic (Әбішұлы -> abix)
    org: bool = False
    lower: bool = False      # written with a lower-case first letter


_SPLIT = re.compile(r"[\s«»\"“”„‘()\[\]{},;:!?/|]+")


def _is_initial(letters: str, dotted: bool) -> bool:
    if len(letters) == 1:
        return True
    if dotted and len(letters) == 2:
        # Б.Б.-style pairs are two initials glued; Sh./Zh./Ye. are one Latin initial.
        return len(fold_key(letters)) <= 2
    return False


def _full_token(text: str) -> _Tok:
    fold, bares = _match_keys(text)
    bare = bares[0]
    parts = [p for p in re.split(f"[{_HYPHENS}]", text) if p]
    heads = "".join(fold_key(p)[:1] for p in parts)
    surname = any(k.endswith(m) and len(k) >= len(m) + 2 for m in _SURNAME_MARKS for k in (bare, fold))
    patronym = next((fold[:-len(m)] for m in _PATRONYMIC_MARKS
                     if fold.endswith(m) and len(fold) >= len(m) + 3), "")
    first = next((c for c in text if c.isalpha()), "")
    return _Tok(text, False, fold, bares, heads, surname, patronym,
                fold in _ORG_WORDS or bare in _ORG_WORDS, first.islower())


@lru_cache(maxsize=1 << 14)
def _name_tokens(name: str) -> tuple[_Tok, ...]:
    if _LETTERS is None:
        _load()
    toks: list[_Tok] = []
    for chunk in _SPLIT.split(name):
        if not chunk:
            continue
        pieces = chunk.split(".")
        for i, piece in enumerate(pieces):
            dotted = i < len(pieces) - 1
            cont = piece[:1] in _HYPHENS
            letters = piece.strip(_HYPHENS + "'’ʼ`")
            if not letters or not fold_key(letters):
                continue
            if _is_initial(letters, dotted):
                key = fold_key(letters)
                if len(letters) == 2 and len(key) == 2 and letters[1].isupper():
                    # "ББ." : two glued initials
                    for ch in letters:
                        toks.append(_Tok(ch, True, heads=fold_key(ch)[:1]))
                    continue
                if cont and toks and toks[-1].initial:
                    prev = toks.pop()
                    toks.append(_Tok(prev.text + "-" + letters, True, heads=prev.heads + key[:1]))
                else:
                    toks.append(_Tok(letters, True, heads=key[:1]))
            else:
                toks.append(_full_token(letters))
    return tuple(toks)


def _letters_compatible(x: str, y: str) -> bool:
    return x == y or (x in _KEY_VOWELS and y in _KEY_VOWELS) or (x, y) in _LIGHT


def _pair(x: _Tok, y: _Tok) -> int:
    """0 incompatible, 1 weak (one vowel apart), 2 compatible, 3 full tokens that match."""
    if x.initial or y.initial:
        if x.initial and y.initial:
            ok = len(x.heads) == len(y.heads) and all(map(_letters_compatible, x.heads, y.heads))
            return 2 if ok else 0
        ini, full = (x, y) if x.initial else (y, x)
        if len(ini.heads) > len(full.heads):
            return 0
        return 2 if all(map(_letters_compatible, ini.heads, full.heads)) else 0
    if _keys_close(x.fold, x.bares, y.fold, y.bares):
        return 3
    if x.patronym and y.patronym and _keys_close(x.patronym, (x.patronym,), y.patronym, (y.patronym,)):
        return 3
    if _consonants(x.fold) == _consonants(y.fold) and Levenshtein.distance(x.fold, y.fold) <= 1:
        return 1
    return 0


def _person_like(toks: tuple[_Tok, ...]) -> bool:
    """Could this multi-word name be a person's, so that one of its words may stand for it?"""
    if len(toks) > 4 or any(t.org for t in toks):
        return False
    full = [t for t in toks if not t.initial]
    # A descriptive phrase mixes capitalised and lower-case words (Алматы облысы, темір жолы).
    return not (any(t.lower for t in full) and not all(t.lower for t in full))


def _aligned(short: tuple[_Tok, ...], long: tuple[_Tok, ...]) -> bool:
    n, m = len(short), len(long)
    matrix = [[_pair(s, t) for t in long] for s in short]
    lone = n == 1 and m > 1 and not short[0].initial
    slots = None
    if lone:
        if not _person_like(long):
            return False
        marked = [j for j, t in enumerate(long) if t.surname]
        slots = set(marked) if marked else None
    if m > 7:  # a description, not a name: too many words to align
        return False
    for perm in permutations(range(m), n):
        strong = weak = 0
        for i, j in enumerate(perm):
            v = matrix[i][j]
            if v == 0:
                break
            if v == 3:
                strong += 1
            elif v == 1:
                weak += 1
        else:
            if strong and weak <= 1 and (slots is None or perm[0] in slots):
                return True
    return False


@lru_cache(maxsize=1 << 16)
def names_match(a: str, b: str) -> bool:
    """Do two multi-word names name the same entity?

    Words are aligned in any order (Bauyrzhan Baibek ~ Байбек Бауыржан); initials agree with first
    names (Б. Байбек, Қ.-Ж. Тоқаев, Ө. ~ У.); extra words on the longer side are allowed (patronymic,
    a first name). A lone word stands for a person's name only: it must match the surname when the
    name has a recognisable one, and never a word of an organisation or descriptive name. Hyphen,
    space and no-space compounds meet through the key of the joined words (Samruk Kazyna ~
    Самрұқ-Қазына ~ SamrukKazyna).
    """
    ta, tb = _name_tokens(a), _name_tokens(b)
    fa = [t for t in ta if not t.initial]
    fb = [t for t in tb if not t.initial]
    if not fa or not fb:
        return False
    if len(ta) == 1 and len(tb) == 1:
        return _pair(ta[0], tb[0]) == 3
    if len(fa) != len(fb) and len(fa) == len(ta) and len(fb) == len(tb):
        if keys_match("".join(t.text for t in fa), "".join(t.text for t in fb)):
            return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    return _aligned(short, long)


# ---------------------------------------------------------------------------------------------

def _upper(s: str) -> str:
    return s.replace("i", "İ").upper()


@lru_cache(maxsize=1 << 14)
def romanize(word: str) -> str:
    """A readable Latin spelling in the 2021 official Kazakh alphabet (Бауыржан -> Bauyrjan,
    Қасым-Жомарт -> Qasym-Jomart, Сағынтаев -> Sağyntaev); Latin and other letters pass through."""
    if _LETTERS is None:
        _load()
    letters = [c for c in word if c.isalpha()]
    shout = len(letters) > 1 and all(c.isupper() for c in letters)
    out = []
    for ch in word:
        lo = ch.lower()
        t = _ROMAN.get(lo)
        if t is None:
            out.append(ch)
        elif ch != lo and t:
            out.append(_upper(t) if shout else _upper(t[0]) + t[1:])
        else:
            out.append(t)
    return "".join(out)
