"""Which language a text is in: Kazakh (Cyrillic), Kazakh in Latin letters, Russian, or other.

The project only processes Kazakh and Russian, but the texts it meets are noisy: Kazakh documents
quote Russian titles and Latin brand names, Russian ones carry Kazakh names (Қасым-Жомарт), Kazakh
may arrive in any of four Latin spellings, and neighbouring languages (Uzbek, Kyrgyz, Tatar,
Ukrainian) share most letters with Kazakh or Russian. A wrong "kk" sends a Kyrgyz text to the
Kazakh lemmatizer; a wrong "ru" sends Ukrainian to pymorphy3. So the identifier models the
neighbours explicitly and answers "other" rather than guess when the evidence is thin.

The model is transparent on purpose: no trained weights, only reviewed tables in ``lexicons/``
(``langid_letters``, ``langid_words``, ``langid_ngrams``, ``langid_harmony``,
``langid_homoglyphs``) whose rows a linguist can read and argue with. Each word gets an evidence
vector over ~25 languages:

* a word listed in ``langid_words.tsv`` is scored by that table alone;
* otherwise it scores each marked letter it contains (``langid_letters.tsv``, including negative
  evidence for letters a language never uses) once, each pattern it matches
  (``langid_ngrams.tsv``) once, and its vowel harmony (``langid_harmony.tsv``: Kazakh keeps
  ө ү ә to the first syllable, Kyrgyz and Tatar do not), capped per language (``WORD_CAP``);
* capitalised words inside a sentence (mostly names, which cross language borders) count
  ``NAME_FACTOR`` (a capital at a sentence or line start does not make a name); short
  all-capital words (abbreviations: ҚР, ПИТ, АЭА) count only their letters at ``ABBR_FACTOR``;
* a word mixing Cyrillic and Latin letters (homoglyph damage: ``Үкiметi``) is first read in its
  majority script through ``langid_homoglyphs.tsv``, so repaired and raw text score alike.

A text's evidence is the sum over its words (computed once per distinct word form, cached). The
label is the best of kk / ru / kk-Latn / other (other = the best non-project language), unless
the win is weak: too little evidence, too small a margin, or too little evidence per word for a
long text; then the answer is "other" unless the winner has a *strong* word of its own (one
word giving >= ``STRONG_WORD`` and twice any rival, e.g. a Kazakh word with ұ or і, or the
Russian ``что``).
"""
from __future__ import annotations

import re
import unicodedata
from collections import _count_elements  # type: ignore[attr-defined]
from dataclasses import dataclass
from itertools import compress
from functools import lru_cache
from operator import add as _plus

from .. import lexicon

__all__ = ["LABELS", "identify", "scores", "identify_paragraphs", "dominant", "word_lang", "evidence"]

LABELS = ("kk", "ru", "kk-Latn", "other")
_PROJECT = LABELS[:3]

# Scale and decision constants. Word weights in the lexicons run 0.2..3; a typical Kazakh or
# Russian word ends up with 1-3 for its language. Values chosen on our own samples and the first
# half of KazNERD (see bench/langid_eval.py); none is tied to a particular sentence.
WORD_CAP = 3.0          # per word and language: a long word cannot outvote a sentence
NAME_FACTOR = 0.5       # capitalised words inside a sentence: names cross language borders
ABBR_FACTOR = 0.25      # 2-4 capital letters: abbreviations, letters only
STRONG_WORD = 2.0       # a word this sure of one language (and 2x any rival) is a marker
MIN_SCORE = 0.75        # below this the text has no evidence of its own
MIN_MARGIN = 0.2        # winner must beat the runner-up by this fraction of its score
MIN_DENSITY = 0.3       # evidence per word a long (>= DENSITY_WORDS) project-language text has
DENSITY_WORDS = 8
PARA_MIN = 1.0          # a paragraph below this (and without a marker) borrows its neighbour's label
SHORT_WORDS = 3         # a paragraph this short borrows its neighbour's label unless it has a marker
SAMPLE_CHARS = 20_000   # document-level decisions read at most this much
_SAMPLE_WINDOWS = 10     # spread over the document so the mix of languages is kept

_TOKEN_RE = re.compile(r"(?:(?<=[^\W_])-)?[^\W\d_]+(?:['’ʼʻ‘`´][^\W\d_]*)*")
_APOS = str.maketrans({c: "'" for c in "’ʼʻ‘`´"})
_COMBINING = re.compile(r"[\u0300-\u036F]")
_CYR_RE = re.compile(r"[\u0400-\u052F]")
_LAT_RE = re.compile(r"[A-Za-z\u00C0-\u024F\u0259\u018F]")
_LINE_RE = re.compile(r"[^\r\n\u2028\u2029\x0b\x0c\x85]+")
_KK_EXTRA_RE = re.compile(r"[әғқңөұүһі]")
_CYR_VOWEL_RE = re.compile(r"[аәеёиоөұүуыіэюя]")
# A capital after a sentence or line start, an opening quote or a dash, followed by a lowercase
# letter: an ordinary word written with a capital, not (necessarily) a name.
_SENT_START_RE = re.compile(r"(^|[.!?…:;«\"“„(—–]\s*)([^\W\d_])([^\W\d_]*)", re.M)


def _lower_start(m: re.Match) -> str:
    ch, rest = m.group(2), m.group(3)
    if (not rest or rest.islower()) and len(ch.lower()) == 1:   # not WhatsApp, not ИТП
        return m.group(1) + ch.lower() + rest
    return m.group(0)


@dataclass(frozen=True)
class _Model:
    langs: tuple[str, ...]
    words: dict[str, tuple[tuple[int, float], ...]]
    letters: dict[str, tuple[tuple[int, float], ...]]
    patterns: dict[str, tuple[tuple[int, float], ...]]
    lengths: tuple[int, ...]
    to_cyr: dict[int, str]
    to_lat: dict[int, str]
    foreign: frozenset[str]     # letters that mark a language other than kk/ru/kk-Latn
    harmony: tuple[tuple[frozenset[str] | None, frozenset[str], int, float], ...]


def _table(lex: lexicon.Lexicon, col: str, idx: dict[str, int], langs: list[str]) -> dict:
    out: dict[str, dict[int, float]] = {}
    for row in lex:
        lang = row["lang"]
        if lang not in idx:
            idx[lang] = len(langs)
            langs.append(lang)
        key = row[col].lower().translate(_APOS)
        out.setdefault(key, {})[idx[lang]] = float(row["weight"])
    return {k: tuple(v.items()) for k, v in out.items()}


@lru_cache(maxsize=1)
def _model() -> _Model:
    langs = list(_PROJECT)
    idx = {lang: i for i, lang in enumerate(langs)}
    words = _table(lexicon.load("langid_words"), "word", idx, langs)
    letters = _table(lexicon.load("langid_letters"), "letter", idx, langs)
    patterns = _table(lexicon.load("langid_ngrams"), "pattern", idx, langs)
    to_cyr: dict[int, str] = {}
    to_lat: dict[int, str] = {}
    for row in lexicon.load("langid_homoglyphs"):
        to_cyr[ord(row["lat"])] = row["cyr"]
        to_lat[ord(row["cyr"])] = row["lat"]
    harmony = []
    for row in lexicon.load("langid_harmony"):
        lang = row["lang"]
        if lang not in idx:
            idx[lang] = len(langs)
            langs.append(lang)
        first = None if row["first"] == "*" else frozenset(row["first"])
        harmony.append((first, frozenset(row["later"]), idx[lang], float(row["weight"])))
    foreign = frozenset(
        ch for ch, ev in letters.items()
        if not any(i < len(_PROJECT) and w > 0 for i, w in ev) and max(w for _, w in ev) >= 2)
    return _Model(tuple(langs), words, letters, patterns,
                  tuple(sorted({len(p) for p in patterns})), to_cyr, to_lat, foreign, tuple(harmony))


def _fold_script(core: str, m: _Model) -> str:
    """Read a mixed-script word in its majority script (homoglyph damage)."""
    n_cyr = len(_CYR_RE.findall(core))
    n_lat = len(_LAT_RE.findall(core))
    if not n_cyr or not n_lat:
        return core
    return core.translate(m.to_cyr if n_cyr >= n_lat else m.to_lat)


def _raw_evidence(w: str, tail: bool, m: _Model) -> dict[int, float]:
    """Letters + patterns of one lowercase word, capped per language (no case factor)."""
    ev: dict[int, float] = {}
    for ch in set(w):
        for i, v in m.letters.get(ch, ()):
            ev[i] = ev.get(i, 0.0) + v
    padded = ("" if tail else "^") + w + "$"
    seen: set[str] = set()
    n = len(padded)
    for k in m.lengths:
        for j in range(n - k + 1):
            sub = padded[j:j + k]
            hit = m.patterns.get(sub)
            if hit and sub not in seen:
                seen.add(sub)
                for i, v in hit:
                    ev[i] = ev.get(i, 0.0) + v
    vowels = _CYR_VOWEL_RE.findall(w)
    if len(vowels) > 1:
        first, later = vowels[0], set(vowels[1:])
        for f_set, l_set, i, v in m.harmony:
            if (f_set is None or first in f_set) and not later.isdisjoint(l_set):
                ev[i] = ev.get(i, 0.0) + v
    for i, v in ev.items():
        if v > WORD_CAP:
            ev[i] = WORD_CAP
        elif v < -WORD_CAP:
            ev[i] = -WORD_CAP
    return ev


def _strong_of(ev: dict[int, float]) -> int:
    if not ev:
        return -1
    ranked = sorted(ev.items(), key=lambda kv: -kv[1])
    best_i, best = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    return best_i if best >= STRONG_WORD and best >= 2 * max(second, 0.0) else -1


@lru_cache(maxsize=262_144)
def _word_evidence(token: str) -> tuple[tuple[tuple[int, float], ...], int, bool]:
    """Evidence vector of one token as it appears in text, the language it is a marker of, and
    whether it is a word in capitals (more than one letter)."""
    caps = len(token) > 1 and token.isupper()
    ev, strong = _token_evidence(token)
    return ev, strong, caps


def _token_evidence(token: str) -> tuple[tuple[tuple[int, float], ...], int]:
    m = _model()
    tail = token.startswith("-")
    core = _fold_script(token.lstrip("-").translate(_APOS), m)
    letters_only = core.isupper() and 2 <= len(core) <= 4
    w = core.lower().replace("\u0307", "")
    listed = None if letters_only else m.words.get(w.strip("'"))
    name = core[:1].isupper() and not letters_only
    if listed is not None:
        ev = {i: v * NAME_FACTOR for i, v in listed} if name else dict(listed)
        return tuple(ev.items()), _strong_of(ev)
    if letters_only:
        ev = {}
        for ch in set(w):
            for i, v in m.letters.get(ch, ()):
                ev[i] = ev.get(i, 0.0) + v * ABBR_FACTOR
        return tuple(ev.items()), -1
    ev = _raw_evidence(w, tail and core.islower(), m)
    if name:
        ev = {i: v * NAME_FACTOR for i, v in ev.items()}
    return tuple((i, v) for i, v in ev.items() if v), _strong_of(ev)


@dataclass
class _Evidence:
    totals: list[float]
    strong: list[int]
    words: int

    def add(self, other: "_Evidence") -> None:
        # (element by element, as ``self.totals[i] += v`` would: the same sums; the lists are
        # replaced, so an evidence must not share them with another)
        self.totals = list(map(_plus, self.totals, other.totals))
        self.strong = list(map(_plus, self.strong, other.strong))
        self.words += other.words


# Indices for itertools.compress: compress(_INDICES, values) lists where ``values`` is nonzero.
_INDICES = range(1024)


def _add_into(e: _Evidence, other: _Evidence) -> None:
    """``e.add(other)`` in place, for an evidence whose lists are its own: only the languages
    ``other`` has evidence for are added (found by ``compress`` in C; most of a block's 26
    totals are zero). The same sums: adding zero leaves a total as it is (a total is never
    -0.0: it starts at 0.0, and 0.0 + -0.0 is 0.0), and each nonzero one is added as before."""
    t, ot = e.totals, other.totals
    for i in compress(_INDICES, ot):
        t[i] += ot[i]
    s, os_ = e.strong, other.strong
    for i in compress(_INDICES, os_):
        s[i] += os_[i]
    e.words += other.words


def _evidence(text: str) -> _Evidence:
    if _COMBINING.search(text):
        text = unicodedata.normalize("NFC", text)
    text = _SENT_START_RE.sub(_lower_start, text)
    tokens = _TOKEN_RE.findall(text)
    counts: dict[str, int] = {}          # a Counter's counts and order, without its overhead
    _count_elements(counts, tokens)
    words = len(tokens)
    totals, strong, n_caps = _sums(counts)
    if n_caps > 1 and n_caps * 2 > words:
        # A heading in capitals: its words are ordinary words, not abbreviations or names.
        totals, strong, _ = _sums(_lowered(counts))
    return _Evidence(totals, strong, words)


def _sums(counts: dict[str, int]) -> tuple[list[float], list[int], int]:
    """Evidence totals and marker counts per language over word counts (added in the words'
    order), and how many words are in capitals (abbreviations, or a heading in capitals)."""
    n_langs = len(_model().langs)
    totals = [0.0] * n_langs
    strong = [0] * n_langs
    n_caps = 0
    word_evidence = _word_evidence
    for tok, cnt in counts.items():
        ev, s, caps = word_evidence(tok)
        if caps:
            n_caps += cnt
        if cnt == 1:
            for i, v in ev:
                totals[i] += v
        else:
            for i, v in ev:
                totals[i] += v * cnt
        if s >= 0:
            strong[s] += cnt
    return totals, strong, n_caps


def _lowered(counts: dict[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for t, c in counts.items():
        low = t.lower()
        out[low] = out.get(low, 0) + c
    return out


def _label_scores(e: _Evidence) -> dict[str, float]:
    t = e.totals
    n = len(_PROJECT)
    return {"kk": t[0], "ru": t[1], "kk-Latn": t[2],
            "other": max(t[n:], default=0.0)}


def _decide(e: _Evidence) -> tuple[str, bool]:
    """Label and whether the text carried evidence of its own (False: borrow a neighbour's)."""
    t = e.totals
    vals = (t[0], t[1], t[2], max(t[3:], default=0.0))     # _label_scores, in LABELS order
    # the first best label and the best score among the others (what a stable sort by score
    # would rank first and second)
    bi, b = 0, vals[0]
    for k in (1, 2, 3):
        if vals[k] > b:
            bi, b = k, vals[k]
    if b <= 0:
        return "other", False
    best = LABELS[bi]
    if best == "other":
        return best, b >= PARA_MIN
    # (the runner-up only matters from here on; a slice, not a generator: this runs for every
    # block and run of blocks of a document)
    second = max(vals[:bi] + vals[bi + 1:])
    has_marker = e.strong[_PROJECT.index(best)] > 0
    weak = (b < MIN_SCORE or b - max(second, 0.0) < MIN_MARGIN * b
            or (e.words >= DENSITY_WORDS and b / e.words < MIN_DENSITY))
    if weak and not has_marker:
        # "other" by lack of evidence, not because another language won: nothing of its own.
        return "other", False
    return best, b >= PARA_MIN or has_marker


def _sample(text: str) -> str:
    """At most ``SAMPLE_CHARS`` of evenly spaced windows, cut at whitespace."""
    if len(text) <= SAMPLE_CHARS:
        return text
    w = SAMPLE_CHARS // _SAMPLE_WINDOWS
    parts = []
    for j in range(_SAMPLE_WINDOWS):
        s = j * (len(text) - w) // (_SAMPLE_WINDOWS - 1)
        chunk = text[s:s + w]
        a = chunk.find(" ") + 1 if s else 0
        b = chunk.rfind(" ")
        parts.append(chunk[a:b if b > a else len(chunk)])
    return "\n".join(parts)


def identify(text: str) -> str:
    """One label for the whole text (read through a ~20k-character sample)."""
    return _decide(_evidence(_sample(text)))[0]


def scores(text: str) -> dict[str, float]:
    """Evidence per label, normalised to sum 1 (all on "other" when there is none)."""
    ls = {k: max(v, 0.0) for k, v in _label_scores(_evidence(_sample(text))).items()}
    total = sum(ls.values())
    if total <= 0:
        return {k: (1.0 if k == "other" else 0.0) for k in LABELS}
    return {k: v / total for k, v in ls.items()}


def evidence(text: str) -> dict[str, float]:
    """Raw evidence per modelled language (en, uz, ky, tt, uk, ... too), for debugging."""
    e = _evidence(_sample(text))
    return {lang: round(v, 3) for lang, v in zip(_model().langs, e.totals) if v}


def identify_paragraphs(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, label)`` per line-separated block, offsets into ``text``.

    Blocks are runs of non-newline characters, trimmed of surrounding whitespace (so blank-line
    and single-newline separation both split). A block with no evidence of its own (a date, a
    view counter, a table row of names or numbers) or of at most ``SHORT_WORDS`` words without a
    marker word (menu items, bylines, "Facebook Twitter") is merged with a neighbour; a run of
    such blocks that together has enough evidence stands as one block. A text of one weak block
    is returned as it is (label from its own evidence, possibly "other").
    """
    blocks: list[list] = []         # [start, end, evidence, label, stands alone]
    for mt in _LINE_RE.finditer(text):
        seg = mt.group()
        lead = len(seg) - len(seg.lstrip())
        end = len(seg.rstrip())
        if end <= lead:
            continue
        block = seg[lead:end]
        e, label, alone = (_block_cached if len(block) <= _BLOCK_CACHE_CHARS else _block)(block)
        blocks.append([mt.start() + lead, mt.start() + end, e, label, alone])
    # Runs of blocks that cannot stand alone are combined; a run that still cannot stand alone
    # joins a neighbour: the preceding block, or the following one when there is none or when
    # the run itself reads like the following block and not like the preceding one (a Kazakh
    # caption above a Kazakh paragraph that follows a Russian one).
    # (A run's evidence is summed in place into a copy of its first block's and decided once at
    # the end of the run: what absorbing its blocks one by one, deciding each time, gives.)
    units: list[list] = []
    run: list | None = None                   # the run being summed, its evidence a copy
    for b in blocks:
        if not b[4] and units and not units[-1][4] and units[-1][5]:
            if run is not units[-1]:
                run = units[-1]
                e = run[2]
                run[2] = _Evidence(list(e.totals), list(e.strong), e.words)
            run[0] = min(run[0], b[0])
            run[1] = max(run[1], b[1])
            _add_into(run[2], b[2])
        else:
            if run is not None:
                run[3] = _decide(run[2])[0]
                run = None
            units.append(b + [not b[4]])      # [5]: is a run of weak blocks
    if run is not None:
        run[3] = _decide(run[2])[0]
    out: list[list] = []
    i = 0
    while i < len(units):
        u = units[i]
        if u[5]:
            label, own = _decide(u[2])
            if own and _alone(u[2], label, own, run=True):
                out.append(u)
            else:
                prev = out[-1] if out else None
                nxt = units[i + 1] if i + 1 < len(units) else None
                if nxt is not None and (prev is None or (label == nxt[3] != prev[3])):
                    _absorb(nxt, u)
                elif prev is not None:
                    _absorb(prev, u)
                else:
                    out.append(u)
        else:
            out.append(u)
        i += 1
    return [(b[0], b[1], b[3]) for b in out]


_BLOCK_CACHE_CHARS = 200    # short blocks (menu items, table cells, list lines) repeat


def _block(text: str) -> tuple[_Evidence, str, bool]:
    """Evidence of one block, its label and whether it stands alone (the result is shared when
    cached: never changed in place)."""
    e = _evidence(text)
    label, own = _decide(e)
    return e, label, _alone(e, label, own)


_block_cached = lru_cache(maxsize=16_384)(_block)


def _alone(e: _Evidence, label: str, own: bool, run: bool = False) -> bool:
    """Whether a block keeps its own label: evidence of its own, and either more than a few
    words or a marker word (menu items, names, brand lists and counters borrow a neighbour's).
    A run of short blocks (a menu, a list of networks) needs a marker word whatever its length."""
    if not own:
        return False
    if e.words > SHORT_WORDS and not run:
        return True
    if label in _PROJECT:
        return e.strong[_PROJECT.index(label)] > 0
    return any(e.strong[len(_PROJECT):])


def _absorb(group: list, other: list) -> None:
    """Merge ``other`` into ``group``: span, evidence and the decision on the sum."""
    g, o = group[2], other[2]
    # (a copy of the group's evidence plus the other's: the same sums)
    ev = _Evidence(list(g.totals), list(g.strong), g.words)
    _add_into(ev, o)
    group[0] = min(group[0], other[0])
    group[1] = max(group[1], other[1])
    group[2] = ev
    group[3] = _decide(ev)[0]


def dominant(text: str) -> str:
    """The label of most of the text: paragraph labels weighted by paragraph length."""
    return dominant_of(identify_paragraphs(_sample(text)))


def dominant_of(paragraphs: list[tuple[int, int, str]]) -> str:
    """The dominant label of already identified paragraphs (no second pass over the text)."""
    weight: dict[str, int] = {}
    for s, e, label in paragraphs:
        weight[label] = weight.get(label, 0) + (e - s)
    if not weight:
        return "other"
    return max(weight.items(), key=lambda kv: kv[1])[0]


def word_lang(word: str) -> str | None:
    """Cheap hint for one word, meant for words inside Kazakh/Russian documents.

    * ``'kk'``: a Cyrillic word with a Kazakh letter (ә ғ қ ң ө ұ ү һ і, Latin look-alikes folded),
      or a word whose Kazakh evidence is high and twice the Russian one (listed words such as
      ``және``, ``туралы``). Uzbek/Kyrgyz/Tatar words with қ ғ ң ө ү also answer 'kk': a single
      word cannot tell those apart; use :func:`identify` on the text for that.
    * ``'ru'``: Russian evidence >= 1.5 and twice the Kazakh one: listed function words (``что``,
      ``который``), ``ё``, and inflections Kazakh never has (-ого, -ых, -ый, -ение, -ться, -ует).
      Bare Russian loanwords used in Kazakh (``объект``, ``программа``) are undecidable: None.
    * ``'kk-Latn'``: a Latin word whose Kazakh evidence is >= 1.5 and twice any other
      language's (ū ǵ, the 2017 apostrophe letters, ``jäne``/``zhane``, ``-nyñ``, ``-lyq``).
    * None: anything else, including words with letters Kazakh and Russian never use (ў ҳ җ ї є).
    """
    m = _model()
    core = _fold_script(word.strip("-").translate(_APOS), m)
    w = core.lower().replace("\u0307", "")
    if not w or any(ch in m.foreign for ch in w):
        return None
    is_cyr = _CYR_RE.search(w) is not None
    if is_cyr and _KK_EXTRA_RE.search(w):
        return "kk"
    listed = m.words.get(w.strip("'"))
    ev = dict(listed) if listed is not None else _raw_evidence(w, False, m)
    if is_cyr:
        kk, ru = ev.get(0, 0.0), ev.get(1, 0.0)
        if kk >= 1.5 and kk >= 2 * max(ru, 0.0):
            return "kk"
        if ru >= 1.5 and ru >= 2 * max(kk, 0.0):
            return "ru"
        return None
    if _LAT_RE.search(w):
        kl = ev.get(2, 0.0)
        rival = max((v for i, v in ev.items() if i != 2), default=0.0)
        if kl >= 1.5 and kl >= 2 * max(rival, 0.0):
            return "kk-Latn"
    return None
