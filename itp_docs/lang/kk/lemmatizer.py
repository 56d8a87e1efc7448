"""Kazakh morphological analysis of one token: its dictionary lemma and a search-conflation stem.

Why rule-based: no Kazakh analyser is installable here (snowball has none, ``kazstem`` needs data
it cannot fetch, Apertium is not packaged), and search needs something fast and predictable.
Kazakh is agglutinative: endings stack (жыл-дар-ы-на) and every ending has allomorphs chosen by
vowel harmony and by the last sound of what precedes it (-ға/-ге/-қа/-ке/-на/-не/-а/-е). Those
constraints are what make suffix stripping safe enough: ``ана`` cannot be ан+а because the bare
dative -а only follows a 1st/2nd person possessive, and ``Алматы`` cannot be Алма+ты because -ты
needs a voiceless consonant before it.

How it works (all language data lives in ``lexicons/``):

* ``kk_suffixes.tsv``: every allomorph with the slot it fills, the sounds it may follow, the slots
  it may follow (continuation classes, as in a finite-state lexicon), its harmony and a score
  (how much an ending of that shape is evidence of a suffix when the stem is unknown);
* ``kk_stems.tsv``: lemmas with part of speech; a listed stem beats a guessed one, and a listed
  whole word is not stripped;
* ``kk_forms.tsv``: suppletive and preferred readings (оның -> ол, жылы -> жыл);
* ``kk_shapes.tsv``: word-edge shapes that judge guessed stems (plausible final clusters, usually
  lexical endings like -лық, derived-verb endings, Russian inflections).

Russian words in Kazakh text pass through: a word without Kazakh letters whose stem is a guess is
not stripped when pymorphy3 (already a project dependency) knows it as a Russian form with another
lemma (работы, годы, города stay as they are).

A word is parsed right to left into every chain of suffixes the continuation classes allow; each
candidate stem is then restored (г/ғ/б -> к/қ/п before vowels: кітабы -> кітап; dropped vowels:
орны -> орын; ь: моделі -> модель) and scored. The stem key used for search is a function of the
lemma only (so every form whose lemma agrees also agrees on the key) that additionally maps verbal
nouns to their verb (кездесу -> кездес) and neutralises the final к/г, қ/ғ, п/б alternation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from itp_docs import lexicon

__all__ = ["KkAnalysis", "analyze", "lemma", "stem"]


@dataclass(frozen=True, slots=True)
class KkAnalysis:
    lemma: str                 # dictionary form, in the input's case pattern (Байбектің -> Байбек)
    stem: str                  # lowercase conflation key shared by all forms of a word and its lemma
    pos: str | None            # NOUN/PROPN/ADJ/VERB/NUM/... when known or guessed, else None
    suffixes: tuple[str, ...]  # inflectional suffixes removed, in surface order


# --- letters -------------------------------------------------------------------------------------

_VOWELS = frozenset("аәеёиоөұүыіэюя")
_BACK = frozenset("аоұыяё")
_FRONT = frozenset("әөүіеэ")
_KK_LETTERS = re.compile(r"[әғқңөұүһі]")
_CYR_WORD = re.compile(r"^[а-яёәғқңөұүһі]+$")
_ALTERNATION = {"г": "к", "ғ": "қ", "б": "п"}
_FOLD_FINAL = str.maketrans({"г": "к", "ғ": "қ", "б": "п"})
_SURNAME = re.compile(r"(ов|ев|ёв|ин)(а)?$")
_FEMALE_SURNAME = re.compile(r"(ов|ев|ёв)а$")


def _letter_class(ch: str) -> str:
    """Sound class of a stem-final letter, as the allomorph rules see it."""
    if ch in _VOWELS:
        return "V"
    if ch in "рйу":
        return "R"
    if ch == "л":
        return "L"
    if ch in "мнң":
        return "N"
    if ch in "жз":
        return "Z"
    return "T"


_CLASS = {ch: _letter_class(ch) for ch in "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі"}


def _final_class(s: str) -> str:
    """Class of the last sounding letter (ь/ъ are silent: Беларусьтің)."""
    i = len(s) - 1
    while i >= 0 and s[i] in "ьъ":
        i -= 1
    return _CLASS.get(s[i], "T") if i >= 0 else "V"


def _harmony(s: str) -> int:
    """1 back, 2 front, 0 unknown: the last vowel decides (и and у are ambiguous, skipped)."""
    for ch in reversed(s):
        if ch in _BACK:
            return 1
        if ch in _FRONT:
            return 2
    return 0


# --- data ----------------------------------------------------------------------------------------

_ROOT_KINDS = ("ROOT_N", "ROOT_ADJ", "ROOT_V", "ROOT_NUM")  # ROOT_DIG: only after a hyphen (2013-ші)
# Parts of speech that take nominal endings; conjunctions, particles and postpositions do not (та,
# ба, үшін), so a listed function word never licenses stripping: тамыз is not та+мыз.
_NOMINAL_POS = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON", "DET"})
_SYLLABIC = frozenset("аәеёиоөұүыіэюяу")
_HAS_VOWEL = re.compile("[аәеёиоөұүыіэюя]").search
_VERBAL_SLOTS = frozenset({"VOICE", "NEG", "PAST", "PERS", "COND", "PRES", "PRP", "PTCP", "CAUSAL",
                           "AGENT", "CONV", "EVID", "IMP", "OPT", "NDER", "VDER"})
# Verb-based nouns whose lemma keeps the suffix (пайдалану, қатысушы, қысым, өзгеріс).
_NOUN_MAKERS = frozenset({"VN", "AGENT", "NDER"})
_HARM = {"back": 1, "front": 2}

# Scoring constants (tuned on the TUNE half of UD Kazakh-KTB dev; see bench/kk_lemmas.py).
_KNOWN = 5.0          # stem listed with a compatible part of speech
_WHOLE = 3.5          # extra for a listed whole word: listing a word means "do not strip it"
_FORM = 10.0          # kk_forms.tsv readings win outright
_GUESS_V = -2.0       # guessed verb stem: verbs are better listed than guessed
_GUESS_V_UPPER = -3.0 # ... in a capitalised word (mostly names, sometimes sentence-initial verbs)
_VERB_CHAIN = 0.5     # each verbal suffix beyond the first is more evidence for a guessed verb
_PER_LETTER = 0.3     # listed stems: the longer listed stem wins (іні+м over ін+ім)
_BAD_CLUSTER = -3.0   # guessed stem ending in an implausible consonant cluster
_UNALTERNATED = -2.0  # guessed stem ending in г/ғ/б before a vowel (Kazakh words end in к/қ/п)
_HARM_LOWER = -2.5    # suffix harmony disagrees with the stem's last vowel
_HARM_UPPER = -1.0    # ... in a capitalised word (names: Кеттебековтің/Кеттебековтың both occur)
_SHORT_GUESS = -2.0   # guessed stem of three letters: short stems are common words, i.e. listed
_VOICED_END = -1.5    # guessed stem ending in б/г/ғ/д: native words never do, only loanwords
_I_END = -0.7         # guessed stem ending in ы/і (other than agentive -шы/-ші): -ыс+ы beats -ы+сы
_LEXICAL_END = -2.5   # guess that strips from a word-final shape that is usually lexical (-лы, -лық)

# Bounds that keep garbage input cheap: real words carry at most ~7 endings
# (қанағаттандырылмағандықтарыңыздан has 8 with voice) and are far shorter than 48 letters.
_MAX_SUFFIXES = 9
_MAX_WORD = 48


class _Row(NamedTuple):
    form: str
    slot: str
    tag: str
    harm: int
    after: frozenset | None
    follows: frozenset
    score: float
    root_add: tuple
    vowel_initial: bool
    verbal: bool
    final: bool
    root_kinds: tuple   # the stem classes (ROOT_*) this suffix may attach to directly


class _Data(NamedTuple):
    trie: dict           # reversed suffix forms: letter -> (rows ending here, deeper letters)
    stems: dict          # lowercase lemma -> tuple of POS, first = primary
    forms: dict          # lowercase form -> (lemma, pos)
    clusters: frozenset
    verb_clusters: frozenset  # native clusters only: verb stems are not loanwords
    foreign: re.Pattern | None
    lexical_end: tuple   # word-final shapes (str.endswith takes the tuple)
    verb_endings: tuple  # endings of derived verb stems (-ла, -ыр, -т): voice may follow a guess


def _freeze(trie: dict) -> dict:
    return {ch: (rows, _freeze(sub)) for ch, (rows, sub) in trie.items()}


@lru_cache(maxsize=1)
def _data() -> _Data:
    by_form: dict[str, list[_Row]] = {}
    for r in lexicon.load("kk_suffixes"):
        form = r["form"]
        row = _Row(form, r["slot"], r["tag"], _HARM.get(r["harmony"], 0),
                   frozenset(r["after"]) if r["after"] else None, frozenset(r["follows"]),
                   float(r["score"]), tuple(r["root_add"]), form[0] in _VOWELS,
                   r["slot"] in _VERBAL_SLOTS, r["final"] != "no",
                   tuple(k for k in _ROOT_KINDS if k in r["follows"]))
        by_form.setdefault(form, []).append(row)
    stems: dict[str, tuple] = {}
    for r in lexicon.load("kk_stems"):
        key = r["lemma"].lower()
        if r["pos"] not in stems.get(key, ()):
            stems[key] = stems.get(key, ()) + (r["pos"],)
    forms = {r["form"].lower(): (r["lemma"], r["pos"]) for r in lexicon.load("kk_forms")}
    shapes = lexicon.load("kk_shapes")
    clusters = frozenset(r["shape"] for r in shapes if r["kind"] == "final_cluster")
    verb_clusters = frozenset(r["shape"] for r in shapes
                              if r["kind"] == "final_cluster" and r["note"] == "native")
    endings = sorted((r["shape"] for r in shapes if r["kind"] == "foreign_ending"), key=len, reverse=True)
    foreign = re.compile("(?:" + "|".join(map(re.escape, endings)) + ")$") if endings else None
    lexical_end = tuple(sorted((r["shape"] for r in shapes if r["kind"] == "lexical_ending"),
                               key=len, reverse=True))
    trie: dict = {}
    for form, rows in sorted(by_form.items()):
        node, entry = trie, None
        for ch in reversed(form):
            entry = node.setdefault(ch, [(), {}])
            node = entry[1]
        entry[0] = tuple(rows)
    verb_endings = tuple(r["shape"] for r in shapes if r["kind"] == "verb_stem_ending")
    return _Data(_freeze(trie), stems, forms, clusters, verb_clusters, foreign, lexical_end, verb_endings)


# --- parsing -------------------------------------------------------------------------------------

def _after_ok(after: frozenset | None, letter_cls: str, letter: str) -> bool:
    if after is None:
        return True
    if letter_cls in after:
        return True
    return letter == "и" and "R" in after  # loanword и behaves as vowel or as й


class _Chain(NamedTuple):
    j: int            # the stem is w[:j]
    rows: tuple       # suffix rows, right to left
    score: float      # summed suffix scores
    harm: int         # harmony the suffixes share (0: none harmonic)
    nverbal: int      # how many of them are verbal
    voice: bool       # a voice suffix was split off


def _chains(w: str, d: _Data, min_root: int = 1) -> list[_Chain]:
    """Every segmentation the continuation classes allow, the bare word included."""
    out = [_Chain(len(w), (), 0.0, 0, 0, False)]
    stack = [out[0]]
    trie = d.trie
    while stack:
        c = stack.pop()
        j = c.j
        if j <= min_root or len(c.rows) >= _MAX_SUFFIXES:
            continue
        left = c.rows[-1] if c.rows else None
        harm = c.harm
        last = w[j - 1]
        cls = _CLASS.get(last, "T")
        node = trie
        k = j
        while k > min_root:
            entry = node.get(w[k - 1])
            if entry is None:
                break
            cands, node = entry
            k -= 1
            for r in cands:
                if left is None:
                    if not r.final:
                        continue
                elif r.slot not in left.follows or not _after_ok(left.after, cls, last):
                    continue
                if r.harm and harm and r.harm != harm:
                    continue
                nxt = _Chain(k, c.rows + (r,), c.score + r.score, harm or r.harm,
                             c.nverbal + r.verbal, c.voice or r.slot == "VOICE")
                out.append(nxt)
                stack.append(nxt)
    return out


def _root_variants(root: str, left: _Row, d: _Data) -> list[tuple[str, bool]]:
    """Candidate lemmas for a surface stem: (variant, needs_lexicon)."""
    if left.root_add:
        return [(root + a, True) for a in left.root_add]
    out = [(root, False)]
    if len(root) >= 4 and root[-1] in "ыі" and root[-2] not in _VOWELS and root[-3] not in _VOWELS:
        out.append((root[:-1], True))  # epenthetic vowel after a loanword cluster: фактілер -> факт
    if left.vowel_initial:
        last = root[-1]
        if last in _ALTERNATION:
            out.append((root[:-1] + _ALTERNATION[last], False))
        if len(root) >= 3 and last not in _VOWELS and root[-2] not in _VOWELS:
            for v in "ыі":
                out.append((root[:-1] + v + last, True))
        if last in "лнтсдр":
            out.append((root + "ь", True))
    return out


class _Cand(NamedTuple):
    score: float
    known: bool
    lemma: str
    pos: str | None
    rows: tuple
    removed: int = -1   # how many of ``rows`` (from the right) are not part of the lemma; -1: all


def _score_guess(root: str, kind: str, word_is_upper: bool, left: _Row, d: _Data,
                 lexical_end: bool) -> float | None:
    """Plausibility of an unlisted stem, or None when it cannot be a stem at all."""
    if kind != "ROOT_N" and kind != "ROOT_V":
        return None
    if len(root) < 2 or not _HAS_VOWEL(root):
        return None
    # a guessed parse that strips (part of) an ending that is usually lexical (-лы, -лық)
    s = _LEXICAL_END if lexical_end else 0.0
    if kind == "ROOT_V":
        if root[-1] not in _SYLLABIC and root[-2] not in _SYLLABIC and root[-2:] not in d.verb_clusters:
            s += _BAD_CLUSTER
        return s + (_GUESS_V_UPPER if word_is_upper else _GUESS_V)
    if len(root) < 3:
        return None
    if len(root) == 3:
        s += _SHORT_GUESS
    a, b = root[-2], root[-1]
    if a not in _SYLLABIC and b not in _SYLLABIC and root[-2:] not in d.clusters:
        s += _BAD_CLUSTER
    if b in "бгғд":
        s += _UNALTERNATED if left.vowel_initial and b in _ALTERNATION else _VOICED_END
    elif b in "ыі" and a != "ш":
        s += _I_END
    return s


def _best(w: str, upper: bool, d: _Data, foreign: bool) -> _Cand:
    """Pick the best analysis of a lowercase Cyrillic word."""
    stems, forms = d.stems, d.forms
    f = forms.get(w)
    if f:
        best = _Cand(_FORM, True, f[0].lower(), f[1], ())
    elif w in stems:
        best = _Cand(_KNOWN + _WHOLE + _PER_LETTER * len(w), True, w, stems[w][0], ())
    else:
        best = _Cand(0.0, False, w, None, ())
    lexical_end = w.endswith(d.lexical_end)
    harm_penalty = _HARM_UPPER if upper else _HARM_LOWER
    for chain in _chains(w, d):
        rows = chain.rows
        if not rows:
            continue
        left = rows[-1]
        kinds = left.root_kinds
        if not kinds:
            continue
        j = chain.j
        # no stem can score more than a listed one: skip chains that cannot win
        if _KNOWN + _PER_LETTER * (j + 1) + chain.score < best.score:
            continue
        root = w[:j]
        if not _after_ok(left.after, _final_class(root), root[-1]):
            continue
        for variant, need_lex in _root_variants(root, left, d):
            fv = forms.get(variant)
            ps = stems.get(variant)
            if need_lex and not ps and not fv:
                continue
            rh = _stem_harmony(variant, upper) if chain.harm else 0
            harm = harm_penalty if rh and rh != chain.harm and rh != 3 else 0.0
            for kind in kinds:
                pos = None
                known = False
                lem = variant
                if fv and kind == "ROOT_N":
                    lem, pos, known = fv[0].lower(), fv[1], True
                elif ps:
                    if kind == "ROOT_V":
                        known, pos = "VERB" in ps, "VERB"
                    elif kind == "ROOT_NUM":
                        known, pos = "NUM" in ps, "NUM"
                    elif kind == "ROOT_ADJ":
                        known, pos = "ADJ" in ps, "ADJ"
                    else:
                        for p in ps:
                            if p in _NOMINAL_POS:
                                known, pos = True, p
                                break
                if known:
                    sc = _KNOWN + _PER_LETTER * len(variant)
                else:
                    if need_lex or foreign:
                        continue
                    if kind == "ROOT_V" and chain.voice and not (
                            len(variant) >= 4 and variant.endswith(d.verb_endings)):
                        # voice is split off a guessed verb only when the stem looks derived
                        # (қарастыр+ыл, қабылда+н); ұмтыл is not ұмт+ыл
                        continue
                    g = _score_guess(variant, kind, upper, left, d, lexical_end)
                    if g is None:
                        continue
                    sc = g
                    if kind == "ROOT_V" and chain.nverbal > 1:
                        sc += _VERB_CHAIN * (chain.nverbal - 1)
                    pos = "VERB" if kind == "ROOT_V" else ("PROPN" if upper else "NOUN")
                total = sc + chain.score + harm
                if total < best.score:
                    continue
                removed = -1
                if kind == "ROOT_V" or chain.nverbal:
                    vn = _vn_index(rows)
                    if vn >= 0:
                        # a verb-based noun is a lemma of its own (пайдалану), voice included
                        lem = w[:len(w) - sum(len(r.form) for r in rows[:vn])]
                        pos = "NOUN"
                        removed = vn
                    else:
                        pos = "VERB"
                        if left.slot == "VDER":  # denominal verb: жүк+те -> жүкте
                            lem = variant + left.form
                            removed = len(rows) - 1
                cand = _Cand(total, known, lem, pos, rows, removed)
                if _better(cand, best):
                    best = cand
    return best


def _vn_index(rows: tuple) -> int:
    """Position (right-to-left) of the last noun-making suffix in ``rows``, or -1."""
    for i in range(len(rows)):
        if rows[i].slot in _NOUN_MAKERS:
            return i
    return -1


def _better(a: _Cand, b: _Cand) -> bool:
    """Higher score wins; ties go to fewer suffixes, then to the longer lemma."""
    if a.score != b.score:
        return a.score > b.score
    if len(a.rows) != len(b.rows):
        return len(a.rows) < len(b.rows)
    return len(a.lemma) > len(b.lemma)


def _stem_harmony(stem: str, upper: bool) -> int:
    """Harmony a stem imposes; 3 means "either" (surnames in -ов/-ев follow their native part)."""
    if upper and _SURNAME.search(stem):
        return 3
    return _harmony(stem)


# --- stem key ------------------------------------------------------------------------------------

_VOICE_TAILS = ("ыл", "іл", "ын", "ін", "ыс", "іс", "л", "н", "с")


@lru_cache(maxsize=1 << 16)
def _stem_key(lem: str) -> str:
    """Search key of a lowercase lemma: verbal nouns go to their verb, final voicing neutralised."""
    d = _data()
    stems = d.stems
    key = lem
    if len(lem) >= 3 and lem[-1] in "ую" and lem not in d.forms:
        b0 = lem[:-1]
        bases = [b0 + "й"] if lem[-1] == "ю" else [b0, b0 + "ы", b0 + "і"]
        if b0[-1] in _ALTERNATION:
            bases.append(b0[:-1] + _ALTERNATION[b0[-1]])
        for b in bases:
            if "VERB" in stems.get(b, ()) or "VERB" in stems.get(_strip_voice(b), ()):
                key = b
                break
        else:
            # unlisted long words in -у are verbal nouns (таңдау, қанағаттандыру): key = verb stem
            if len(lem) >= 5 and lem not in stems and lem[-1] == "у" and lem[-2] not in "ауоұүыію":
                key = b0
    if "VERB" in stems.get(_strip_voice(key), ()) and key not in stems:
        key = _strip_voice(key)
    key = key.replace("ё", "е")
    if key.endswith("ь") and len(key) > 2:
        key = key[:-1]
    return key[:-1] + key[-1].translate(_FOLD_FINAL) if key else key


def _strip_voice(v: str) -> str:
    """Verb stem without a passive/reflexive/reciprocal suffix when the bare verb is listed."""
    stems = _data().stems
    for t in _VOICE_TAILS:
        if v.endswith(t) and len(v) - len(t) >= 2:
            b = v[:-len(t)]
            if len(t) == 1 and b[-1] not in _VOWELS:
                continue
            if len(t) == 2 and b[-1] in _VOWELS:
                continue
            cands = [b] + ([b[:-1] + _ALTERNATION[b[-1]]] if b[-1] in _ALTERNATION else [])
            for c in cands:
                if "VERB" in stems.get(c, ()):
                    return c
    return v


# --- public API ----------------------------------------------------------------------------------

def _recase(lem: str, word: str) -> str:
    """Give ``lem`` the case pattern of ``word`` (ИЖТМ stays upper, Байбектің -> Байбек)."""
    if not word:
        return lem
    if len(word) > 1 and word.isupper():
        return lem.upper()
    if word.islower():
        return lem
    out = []
    for i, ch in enumerate(lem):
        if i < len(word) and word[i].lower() == ch and word[i].isupper():
            out.append(ch.upper())
        else:
            out.append(ch)
    if word[0].isupper():
        out[0] = out[0].upper()
    return "".join(out)


@lru_cache(maxsize=1)
def _russian():
    """pymorphy3's Russian analyser — the one the Russian lemmatizer shares, so its
    dictionaries load once per process — or None when pymorphy3 is not installed."""
    try:
        from ..ru.lemmatizer import morph
        return morph()
    except ImportError:  # pragma: no cover - a declared dependency, but degrade gracefully
        return None


def _is_russian_form(w: str, our_lemma: str) -> bool:
    """A word without Kazakh letters that Russian knows under another lemma (работы, годы)."""
    ru = _russian()
    if ru is None or not ru.word_is_known(w):
        return False
    return our_lemma not in {p.normal_form for p in ru.parse(w)}


def _passthrough(word: str, pos: str | None) -> KkAnalysis:
    return KkAnalysis(word, word.lower(), pos, ())


def _analyze_word(word: str) -> KkAnalysis:
    """One hyphen-free Cyrillic word."""
    d = _data()
    w = word.lower()
    upper = word[:1].isupper()
    if word.isupper() and len(word) <= 4:
        return _passthrough(word, "PROPN")  # abbreviation: ҚР, АҚШ, ЕАЭО
    if len(word) > _MAX_WORD:
        return _passthrough(word, None)
    foreign = bool(d.foreign and not _KK_LETTERS.search(w) and d.foreign.search(w))
    c = _best(w, upper, d, foreign)
    if c.rows and not c.known and not _KK_LETTERS.search(w) and _is_russian_form(w, c.lemma):
        return _passthrough(word, None)
    lem = c.lemma
    if upper and not c.known and len(lem) > 5 and _FEMALE_SURNAME.search(lem):
        lem = lem[:-1]  # Қайырбекова -> Қайырбеков: lemmas of surnames are the masculine form
    kept = c.rows if c.removed < 0 else c.rows[:c.removed]
    sufs = tuple(r.form for r in reversed(kept))
    pos = c.pos or ("PROPN" if upper else "NOUN")
    return KkAnalysis(_recase(lem, word), _stem_key(lem), pos, sufs)


def _pure_chain(tail: str, digits: bool) -> tuple[str, ...] | None:
    """Suffixes of a hyphen-attached ending (ИЖТМ-ге, 2013-ші), or None if ``tail`` is a word."""
    d = _data()
    for chain in _chains(tail, d, min_root=0):
        j, rows = chain.j, chain.rows
        if j == 0 and rows:
            follows = rows[-1].follows
            nominal = "ROOT_N" in follows or (digits and ("ROOT_DIG" in follows or "ROOT_NUM" in follows))
            if nominal and not chain.nverbal:
                return tuple(r.form for r in reversed(rows))
    return None


def _analyze(word: str) -> KkAnalysis:
    if not word:
        return KkAnalysis("", "", None, ())
    if "-" in word.strip("-"):
        core = word.strip("-")
        head, _, tail = core.rpartition("-")
        if head and tail and _CYR_WORD.match(tail.lower()):
            digits = any(ch.isdigit() for ch in head)
            sufs = _pure_chain(tail.lower(), digits)
            if sufs is not None:  # ИЖТМ-ге, 2013-ші: the head is the lemma as written
                h = analyze(head)
                pos = "NUM" if digits else (h.pos or "PROPN")
                return KkAnalysis(head, h.stem, pos, sufs)
            t = _analyze(tail)  # Самрұқ-Қазынаның: the last part inflects
            return KkAnalysis(f"{head}-{t.lemma}", f"{head.lower()}-{t.stem}", t.pos, t.suffixes)
        return _passthrough(word, None)
    if not _CYR_WORD.match(word.lower()):
        if any(ch.isdigit() for ch in word):
            return _passthrough(word, "NUM")
        if not any(ch.isalnum() for ch in word):
            return _passthrough(word, "PUNCT")
        return _passthrough(word, None)
    return _analyze_word(word)


@lru_cache(maxsize=1 << 17)
def analyze(word: str) -> KkAnalysis:
    """Lemma, stem, part of speech and removed suffixes of one Kazakh token (never raises)."""
    try:
        return _analyze(word)
    except Exception:  # a malformed token must not break a pipeline; it passes through
        return KkAnalysis(word, word.lower(), None, ())


def lemma(word: str) -> str:
    return analyze(word).lemma


def stem(word: str) -> str:
    return analyze(word).stem
