"""From a parsed query to a Whoosh query: every word is expanded into the forms it may take.

For one query word the alternatives are, strictest first:

    exact            the normalized surface form                     exact:байбекке
    lemma            its lemma (Kazakh and Russian readings)         lemma:байбек
    translation      equivalents from the bilingual lexical map       lemma:итп, "парк инновационный технология"
    transliteration  its script-neutral keys                          keys:baibek
    fuzzy            keys within the edit budget, only when nothing
                     else of the word exists in the index             keys:baibk → baibek

Boosts decrease in that order and a document gains every alternative it matches, so exact matches
outrank lemma matches, which outrank translations, transliterations and fuzzy matches. Phrases
of several query words are also looked up in the lexical map (``парк инновационных технологий``
→ ``инновациялық технологиялар паркі``) and as joined compounds (``Samruk Kazyna`` →
``Самрұқ-Қазына``). Every indexed term the plan uses is recorded with the query word and match
kind it stands for, so each hit can say how each word matched.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from typing import Callable

from whoosh import query as wq

from ..lang.analyzer import TOKEN_RE, WordAnalysis, analyze_word
from ..lang.stopwords import stop_words
from ..lang.translit import bare_key, skeleton_key
from . import latin
from .lexmap import LexMap, lemmas_of
from .query import And, Filter, Node, Not, Or, Parsed, Phrase, Word
from .vocab import Vocab

KINDS = ("exact", "lemma", "translation", "transliteration", "fuzzy")
BOOST = {"exact": 4.0, "lemma": 2.5, "translation": 2.0, "transliteration": 1.2, "skeleton": 0.8,
         "fuzzy": 0.6}
PROXIMITY_BOOST = 2.0
PROXIMITY_SLOP = 8
MAX_FUZZY = 50
MIN_FUZZY_KEY = 4
MAX_CORRECTIONS = 3
MAX_EQUIVALENTS = 24
FILTER_WORD = -1        # the word index of terms that stand for a filter, not a query word
_DIGIT = re.compile(r"\d")
# a legal-act number as users type it: 631, №449, N 1166, 164/НҚ, 2/265
_ACT_NUMBER = re.compile(r"^(?:№|n|N)?\s*\d+(?:[/-][^\W_]+)*$")
_LETTER = re.compile(r"[^\W\d_]")

TYPE_ALIASES = {
    "decree": "decree", "decrees": "decree", "қаулы": "decree", "жарлық": "decree", "бұйрық": "decree",
    "постановление": "decree", "указ": "decree", "приказ": "decree", "act": "decree", "акт": "decree",
    "news": "news", "жаңалық": "news", "новость": "news", "новости": "news", "other": "other",
}
LANG_ALIASES = {"kk": "kk", "kz": "kk", "kaz": "kk", "қазақ": "kk", "казахский": "kk", "kk-latn": "kk-Latn",
                "ru": "ru", "rus": "ru", "орыс": "ru", "русский": "ru", "other": "other"}
_MULT = {"k": 1e3, "тыс": 1e3, "мың": 1e3, "m": 1e6, "mln": 1e6, "млн": 1e6, "b": 1e9, "bn": 1e9,
         "млрд": 1e9, "t": 1e12, "трлн": 1e12}


class QueryError(Exception):
    """A filter value that cannot be understood; the message says how to write it."""


@dataclass
class WordPlan:
    index: int
    text: str
    primary: list[str] = field(default_factory=list)   # lemmas used for proximity
    fuzzy: list[str] = field(default_factory=list)     # keys the word was corrected to
    negated: bool = False                              # under NOT: excluded, not matched
    translations: list[str] = field(default_factory=list)  # one-word equivalents' lemmas
    singles: set[str] = field(default_factory=set)     # every lemma term the word matches by
    qualifier: bool = False    # names the act rather than its content: a kind (қаулы) or a number
    stop: bool = False         # a function word left out of matching (в, и, және): see word_run


@dataclass
class WordInfo:
    text: str
    readings: list[WordAnalysis]
    known: bool = False                                   # some form of it is in the index
    fuzzy: list[tuple[str, int]] = field(default_factory=list)   # (key, edits) when unknown
    corrected: list[WordAnalysis] = field(default_factory=list)  # readings of the corrections
    latin: list[WordAnalysis] = field(default_factory=list)  # a Latin word read as Cyrillic (see latin.py)


@dataclass
class Plan:
    query: wq.Query | None
    relaxed: wq.Query | None
    words: list[WordPlan]
    terms: dict[tuple[str, str], set[tuple[int, str]]]   # (field, text) → {(word index, kind)}
    kind_filter: str | None = None
    notes: list[str] = field(default_factory=list)
    filters_only: bool = False
    filters: list[wq.Query] = field(default_factory=list)   # documents must match all of these
    masks: list[wq.Query] = field(default_factory=list)     # documents must match none of these
    core: wq.Query | None = None       # ``query`` without its ranking-only part, when there is one
    optional: wq.Query | None = None   # that part: proximity and phrases that add no match
    amounts: list[float] = field(default_factory=list)  # sums of money the query words state
    amount_only: bool = False          # ... and the query is nothing but those sums
    currencies: dict[float, str] = field(default_factory=dict)  # a sum's currency, when stated
    loose: set[tuple[str, str]] = field(default_factory=set)    # terms that match by themselves
    phrases: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (field, terms) of phrases


class Expander:
    def __init__(self, searcher, lexmap: LexMap, vocab: "Vocab | None | Callable[[], Vocab | None]") -> None:
        self.s = searcher
        self.lexmap = lexmap
        self._vocab = vocab
        self.terms: dict[tuple[str, str], set[tuple[int, str]]] = {}
        self.words: list[WordPlan] = []
        self.notes: list[str] = []
        self.kind_filter: str | None = None
        # phrases that cannot add a match, only rank: scored on the best candidates only
        self.rank_only: list[wq.Query] = []
        self.last_parts: list[tuple[wq.Query, bool]] = []
        # a multi-word span's query → the words' own queries (the fallback takes them one by one)
        self.span_words: dict[int, list[wq.Query]] = {}
        # for highlighting: terms that match by themselves, and the phrases the other terms
        # belong to (their occurrences outside the phrase are not the query's)
        self.loose: set[tuple[str, str]] = set()
        self.phrases: list[tuple[str, tuple[str, ...]]] = []

    # ------------------------------------------------------------------ helpers
    def _df(self, fieldname: str, text: str) -> int:
        try:
            return self.s.doc_frequency(fieldname, text)
        except Exception:
            return 0

    @property
    def vocab(self) -> Vocab | None:
        """The fuzzy vocabulary, loaded on first need when given as a callable: most queries
        have no unknown word, and a large index's vocabulary takes a second to read."""
        if callable(self._vocab):
            self._vocab = self._vocab()
        return self._vocab

    def _term(self, fieldname: str, text: str, widx: int, kind: str, boost: float | None = None) -> wq.Term:
        self.terms.setdefault((fieldname, text), set()).add((widx, kind))
        self.loose.add((fieldname, text))
        return wq.Term(fieldname, text, boost=boost if boost is not None else BOOST[kind])

    def _phrase(self, lemmas: tuple[str, ...], widxs: list[int], kind: str) -> wq.Query:
        for lem in lemmas:
            for w in widxs:
                self.terms.setdefault(("lemma", lem), set()).add((w, kind))
        if len(lemmas) == 1:
            self.loose.add(("lemma", lemmas[0]))
            return wq.Term("lemma", lemmas[0], boost=BOOST[kind])
        self.phrases.append(("lemma", tuple(lemmas)))
        return wq.Phrase("lemma", list(lemmas), slop=2, boost=BOOST[kind])

    @staticmethod
    def analyses(word: str) -> list[WordAnalysis]:
        """The word's readings: Kazakh and Russian for plain Cyrillic, one otherwise."""
        a_kk = analyze_word(word, "kk")
        if a_kk.lang != "kk":
            return [a_kk]
        a_ru = analyze_word(word, "ru")
        if a_ru.lang == "ru" and a_ru.lemma != a_kk.lemma:
            return [a_kk, a_ru]
        return [a_kk]

    # ------------------------------------------------------------------ words
    def info(self, text: str) -> "WordInfo":
        """Readings of a query word, whether the index knows any of its forms, and — when it
        does not — its typo corrections from the vocabulary (with their readings, so that a
        corrected word is also translated and can complete a multi-word term)."""
        readings = self.analyses(text)
        inf = WordInfo(text, readings)
        inf.latin = self._latin(text, readings)
        if inf.latin:
            inf.known = True
            return inf
        for a in readings:
            for fieldname, t in (("exact", a.norm), ("lemma", a.lemma)):
                if self._df(fieldname, t):
                    inf.known = True
                    return inf
            if any(self._df("keys", k) for k in a.keys) or self.lexmap.lookup((a.lemma,)):
                inf.known = True
                return inf
        if self.vocab is None:
            return inf
        near: dict[str, int] = {}
        # The full key first; the key without a case ending only when the full one has no
        # neighbour (a short bare key has many accidental ones).
        full = list(dict.fromkeys(a.keys[0] for a in readings if a.keys))
        bare = list(dict.fromkeys(k for a in readings for k in a.keys[1:] if not k.startswith("~")))
        for keys in (full, bare):
            for key in keys:
                if len(key) < MIN_FUZZY_KEY:
                    continue  # a short key has too many neighbours to guess from
                for k, d in self.vocab.near(key):
                    near[k] = min(d, near.get(k, d))
            if near:
                break
        closest = min(near.values(), default=0)
        inf.fuzzy = [(k, d) for k, d in sorted(near.items(), key=lambda x: x[1])[:MAX_FUZZY] if d <= closest]
        forms = [self.vocab.form(k) for k, _d in inf.fuzzy[:MAX_CORRECTIONS]]
        for form in dict.fromkeys(f for f in forms if f):
            inf.corrected.extend(self.analyses(form))
        return inf

    def _latin(self, text: str, readings: list[WordAnalysis]) -> list[WordAnalysis]:
        """Readings of a Latin word through its Cyrillic spelling (``oblysy`` → облыс), kept
        only when the index holds the lemma and the word's own readings do not give it."""
        if not readings or readings[0].lang not in ("lat", "kk-Latn"):
            return []
        own = {a.lemma for a in readings}
        out: list[WordAnalysis] = []
        for cyr in latin.readings(text):
            for lang in ("kk", "ru"):
                a = analyze_word(cyr, lang)
                if a.lemma not in own and self._df("lemma", a.lemma):
                    own.add(a.lemma)
                    out.append(a)
        return out

    def word(self, text: str, allow_fuzzy: bool = True, inf: "WordInfo | None" = None) -> wq.Query:
        widx = len(self.words)
        plan = WordPlan(widx, text)
        self.words.append(plan)
        inf = inf or self.info(text)
        alts: list[wq.Query] = []
        pending: list[tuple[tuple[str, ...], str]] = []
        seen: set[tuple[str, str]] = set()

        def add(fieldname: str, t: str, kind: str, boost: float | None = None) -> None:
            if not t or (fieldname, t) in seen:
                return
            seen.add((fieldname, t))
            alts.append(self._term(fieldname, t, widx, kind, boost))

        parts = TOKEN_RE.findall(text)
        if len(parts) > 1:
            # "164/НҚ", "Мемтапсырыс-2018": the index holds the pieces in order.
            alts.append(self.phrase(tuple(parts), register=False, widx=widx))
        if _DIGIT.search(text):
            add("law", text.lower().lstrip("№n").strip(), "exact")
            for form in _number_forms(text):
                add("exact", form, "exact")
        plan.qualifier = bool(_ACT_NUMBER.match(text)) or any(a.lemma in _act_lemmas() for a in inf.readings)
        for a in inf.readings:
            add("exact", a.norm, "exact")
            add("lemma", a.lemma, "lemma")
            if a.lemma not in plan.primary:
                plan.primary.append(a.lemma)
        for a in inf.readings:
            self._translations(a.lemma, widx, add, pending, "translation")
        for a in inf.latin:
            add("lemma", a.lemma, "transliteration")
            plan.primary.append(a.lemma)
            self._translations(a.lemma, widx, add, pending, "transliteration")
        for a in inf.readings:
            k = _bare(a)
            if k:
                add("keys", k, "transliteration")
                add("title_keys", k, "transliteration")
        sk = skeleton_key(text)
        if sk:
            add("keys", sk, "transliteration", BOOST["skeleton"])
        if not inf.known and allow_fuzzy and inf.fuzzy:
            for k, d in inf.fuzzy:
                add("keys", k, "fuzzy", BOOST["fuzzy"] / max(d, 1))
                plan.fuzzy.append(k)
            for a in inf.corrected:
                add("lemma", a.lemma, "fuzzy", BOOST["fuzzy"])
                self._translations(a.lemma, widx, add, pending, "fuzzy")
            form = self.vocab.form(inf.fuzzy[0][0]) if self.vocab else None
            if form:
                self.notes.append(f"{text!r} not found; matched similar words such as {form!r}")
        # A phrase equivalent that holds one of the word's own lemmas or one-word translations
        # (правительство → "правительство республика казахстан", үкімет → "қазақстан республика
        # үкімет") matches no document the single term does not, and walking the positions of
        # such common words for every match is costly: it only ranks (``rank_only``).
        singles = plan.singles = {t for f, t in seen if f == "lemma"}
        for equiv, kind in dict.fromkeys(pending):
            if not singles.intersection(equiv):
                alts.append(self._phrase(equiv, [widx], kind))
            else:
                self.rank_only.append(self._phrase(equiv, [widx], kind))
        if not alts:
            return wq.NullQuery
        return wq.Or(alts)

    def _translations(self, lemma: str, widx: int, add, pending: list, kind: str) -> None:
        """One-word equivalents become terms now; phrases wait in ``pending`` (see ``word``)."""
        for equiv in self.equivalents((lemma,)):
            if len(equiv) == 1:
                add("lemma", equiv[0], kind, BOOST[kind])
                self.words[widx].translations.append(equiv[0])
            else:
                pending.append((equiv, kind))

    def equivalents(self, lemmas: tuple[str, ...]) -> list[tuple[str, ...]]:
        """Equivalents of a lemma sequence, and the equivalents of those that are phrases (one
        more hop: ЦОД → центр обработки данных → дата-центр, деректерді өңдеу орталығы). Single
        words do not hop further: a common word has senses that would lead astray."""
        first = sorted(eq for eq, _k in self.lexmap.lookup(lemmas))
        out = list(first)
        for eq in first:
            if len(eq) >= 2:
                out.extend(sorted(e2 for e2, _k in self.lexmap.lookup(eq) if e2 != lemmas))
        return list(dict.fromkeys(out))[:MAX_EQUIVALENTS]

    def phrase(self, words: tuple[str, ...], register: bool = True, widx: int | None = None) -> wq.Query:
        """A quoted phrase: the words in order (by lemma, any reading), or an equivalent phrase.
        With ``register=False`` the words are pieces of one query word (``widx``)."""
        widxs: list[int] = []
        per_word: list[list[str]] = []
        pieces: list[str] = []
        for w in words:
            if register:
                idx = len(self.words)
                plan = WordPlan(idx, w)
                self.words.append(plan)
            else:
                idx = widx if widx is not None else 0
            # the index holds "картасы-2020" as two tokens: so does the phrase (and the
            # lexical map, whose "Бизнестің жол картасы-2020" is four lemmas)
            parts = (TOKEN_RE.findall(w) or [w]) if register else [w]
            for part in parts:
                widxs.append(idx)
                pieces.append(part)
                lems = list(dict.fromkeys(a.lemma for a in self.analyses(part)))
                if register:
                    plan.primary.extend(lem for lem in lems if lem not in plan.primary)
                per_word.append(lems)
                for lem in lems:
                    self.terms.setdefault(("lemma", lem), set()).add((idx, "lemma"))
                for a in self.analyses(part):
                    self.terms.setdefault(("exact", a.norm), set()).add((idx, "exact"))
        words = tuple(pieces)
        alts: list[wq.Query] = []
        for combo in _combos(per_word):
            if len(combo) > 1:
                self.phrases.append(("lemma", tuple(combo)))
            else:
                self.loose.add(("lemma", combo[0]))
            alts.append(wq.Phrase("lemma", list(combo), slop=1, boost=BOOST["lemma"]))
            for equiv in self.equivalents(tuple(combo)):
                alts.append(self._phrase(equiv, widxs, "translation"))
        joined = bare_key("".join(words))
        if joined and self._df("keys", joined):
            for w in widxs:
                self.terms.setdefault(("keys", joined), set()).add((w, "transliteration"))
            self.loose.add(("keys", joined))
            alts.append(wq.Term("keys", joined, boost=BOOST["transliteration"]))
        # Transliterated phrases: every word by its keys, in order.
        key_seq = [bare_key(w) for w in words]
        if all(key_seq):
            for w, k in zip(widxs, key_seq):
                self.terms.setdefault(("keys", k), set()).add((w, "transliteration"))
            if len(key_seq) > 1:
                self.phrases.append(("keys", tuple(key_seq)))
            else:
                self.loose.add(("keys", key_seq[0]))
            alts.append(wq.Phrase("keys", key_seq, slop=1, boost=BOOST["transliteration"]))
        return wq.Or(alts) if len(alts) > 1 else alts[0]

    def word_run(self, words: list[str]) -> list[wq.Query]:
        """Consecutive plain words: each word's alternatives, plus lexical-map phrases and joined
        compounds spanning several of them, which then stand for all of those words. Typo
        corrections take part in the phrase look-up (``министрлгі`` completes a ministry's name);
        a word covered by a span of uncorrected words is not typo-corrected on its own."""
        if len(words) < 2:
            return [self.word(w) for w in words]
        first = len(self.words)
        infos = [self.info(w) for w in words]
        options: list[list[tuple[str, bool]]] = []
        for inf in infos:
            opts = [(a.lemma, False) for a in inf.readings + inf.latin]
            if not inf.known:
                opts += [(a.lemma, True) for a in inf.corrected]
            options.append(list(dict.fromkeys(opts)))
        spans: list[tuple[int, int, list[tuple], bool]] = []
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + self.lexmap.max_len), i + 1, -1):
                alts: list[tuple] = []
                plain = fixed = False
                for combo in _combos(options[i:j]):
                    lemmas = tuple(lem for lem, _c in combo)
                    is_fixed = any(c for _l, c in combo)
                    if is_fixed and plain:
                        continue    # the words as typed already name a known phrase
                    eqs = self.equivalents(lemmas)
                    if eqs:
                        if not is_fixed and fixed:
                            alts, fixed = [], False   # as typed beats a typo correction
                        alts.extend(("phrase", equiv) for equiv in eqs)
                        if is_fixed:
                            alts.append(("phrase", lemmas))   # the corrected phrase itself
                            fixed = True
                        else:
                            plain = True
                corrected = fixed
                if j - i <= 3 and all(_LETTER.search(w) for w in words[i:j]):
                    # "Samruk Kazyna" → Самрұқ-Қазына: only when the joined key is a new word
                    joined = bare_key("".join(words[i:j]))
                    singles = {bare_key(w) for w in words[i:j]}
                    if joined and joined not in singles and self._df("keys", joined):
                        alts.append(("key", joined))
                if alts:
                    spans.append((i, j, alts, corrected))
                    i = j - 1
                    break
            i += 1
        covered = {k for i, j, _a, corr in spans if not corr for k in range(i, j)}
        base = [self.word(w, allow_fuzzy=n not in covered, inf=infos[n]) for n, w in enumerate(words)]
        # Function words outside a known phrase match nothing of the query's meaning, and only in
        # their own language: "в" would rank every Russian text above the Kazakh one that has all
        # the content words. They still complete phrases of the lexical map (меморандум о
        # сотрудничестве) and count when the query has nothing else.
        stops = {n for n, w in enumerate(words) if n not in covered and _is_stop(w)}
        if len(stops) == len(words):
            stops = set()
        for n in stops:
            self.words[first + n].stop = True

        def kept(a: int, b: int) -> list[wq.Query]:
            return [base[n] for n in range(a, b) if n not in stops]

        out: list[wq.Query] = []
        pos = 0
        for i, j, alts, corrected in spans:
            out.extend(kept(pos, i))
            widxs = list(range(first + i, first + j))
            qs: list[wq.Query] = [wq.And(base[i:j])]
            kind = "fuzzy" if corrected else "translation"
            for what, val in dict.fromkeys(alts):
                if what == "phrase":
                    if not corrected and all(self.words[w].singles.intersection(val) for w in widxs):
                        # every word of the span already matches one of the phrase's words by
                        # itself (Ұлттық экономика министрлігі → "министерство национальный
                        # экономика"): the phrase finds nothing new, it only ranks
                        self.rank_only.append(self._phrase(val, widxs, kind))
                        continue
                    qs.append(self._phrase(val, widxs, kind))
                else:
                    for w in widxs:
                        self.terms.setdefault(("keys", val), set()).add((w, "transliteration"))
                    self.loose.add(("keys", val))
                    qs.append(wq.Term("keys", val, boost=BOOST["transliteration"] * (j - i)))
            out.append(wq.Or(qs) if len(qs) > 1 else qs[0])
            self.span_words[id(out[-1])] = base[i:j]
            pos = j
        out.extend(kept(pos, len(words)))
        return out

    # ------------------------------------------------------------------ filters
    def filter(self, f: Filter) -> wq.Query:
        name, v = f.field, f.value
        if name == "lang":
            lang = LANG_ALIASES.get(v.lower())
            if not lang:
                raise QueryError(f"lang:{v}: use lang:kk or lang:ru")
            return wq.Term("lang", lang)
        if name == "type":
            t = TYPE_ALIASES.get(v.lower())
            if not t:
                raise QueryError(f"type:{v}: use type:decree or type:news")
            return wq.Term("doctype", t)
        if name == "kind":
            k = {"measure": "measure", "measures": "measure", "шара": "measure", "мероприятие": "measure",
                 "clause": "clause", "пункт": "clause", "тармақ": "clause", "paragraph": "paragraph"}.get(v.lower())
            if not k:
                raise QueryError(f"kind:{v}: use kind:measure, kind:clause or kind:paragraph")
            self.kind_filter = k
            return wq.Term("kinds", k)
        if name == "law":
            num = v.lower().lstrip("№n ").strip()
            return wq.Term("law", num)
        if name in ("person", "org", "place", "program"):
            return self._facet(name, v)
        if name == "year":
            lo, hi = _range(f, int_only=True)
            return wq.NumericRange("year", lo, hi)
        if name == "amount":
            lo, hi = _range(f, int_only=False)
            return wq.NumericRange("amount", lo, hi)
        if name == "date":
            lo, hi = _date_range(f)
            return wq.NumericRange("day", lo, hi)
        raise QueryError(f"unknown filter {name}:")

    def _facet(self, name: str, value: str) -> wq.Query:
        words = re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", value)
        if not words:
            raise QueryError(f"{name}: needs a name")
        parts: list[wq.Query] = []
        for w in words:
            alts: list[wq.Query] = [wq.Term(name, w.lower())]
            k = bare_key(w)
            sk = skeleton_key(w)
            if sk:
                alts.append(wq.Term(name, sk, boost=0.8))
            if k:
                alts.append(wq.Term(name, k))
                # where the name stands in the text (for the passage and highlights); word
                # index FILTER_WORD: a filter has no query word to report a match for
                self.terms.setdefault(("keys", k), set()).add((FILTER_WORD, "exact"))
                self.loose.add(("keys", k))
                if self.vocab is not None and not self._df(name, k) and not (sk and self._df(name, sk)):
                    for k2, _d in self.vocab.near(k, limit=10):
                        alts.append(wq.Term(name, k2, boost=0.5))
            for ident in self.lexmap.abbr_ids.get(w.upper(), ()):
                alts.append(wq.Term(name, ident.lower()))
            parts.append(wq.Or(alts))
        q = wq.And(parts) if len(parts) > 1 else parts[0]
        ids = self._facet_ids(name, value)
        return wq.Or([q] + [wq.Term(name, i) for i in sorted(ids)]) if ids else q

    def _facet_ids(self, name: str, value: str) -> set[str]:
        """Canonical ids the filter value names: a known name in either language (its lemmas),
        or an id typed as such (program:info_kz_2020). Documents hold the ids of the entities
        they mention, so the filter also finds the name written in the other language."""
        if name not in ("org", "program", "place"):
            return set()
        ids: set[str] = set()
        for lang in ("kk", "ru"):
            lemmas = lemmas_of(value, lang)
            found = self.lexmap.name_ids.get(lemmas, ())
            ids |= {i.lower() for i in found}
            if found:
                # the other names of the same thing locate the passage in documents that use them
                for eq, _kind in self.lexmap.lookup(lemmas):
                    for lem in eq:
                        self.terms.setdefault(("lemma", lem), set()).add((FILTER_WORD, "exact"))
                    if len(eq) > 1:
                        self.phrases.append(("lemma", eq))
                    else:
                        self.loose.add(("lemma", eq[0]))
        whole = value.strip().lower()
        if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", whole) and self._df(name, whole):
            ids.add(whole)
        return ids

    # ------------------------------------------------------------------ tree
    def node(self, n: Node) -> wq.Query:
        if isinstance(n, Word):
            return self.word(n.text)
        if isinstance(n, Phrase):
            return self.phrase(n.words)
        if isinstance(n, Filter):
            return self.filter(n)
        if isinstance(n, Not):
            first = len(self.words)
            inner = self.node(n.item)
            for w in self.words[first:]:
                w.negated = True
            return wq.Not(inner)
        if isinstance(n, Or):
            return wq.Or([self.node(x) for x in n.items])
        if isinstance(n, And):
            parts: list[tuple[wq.Query, bool]] = []   # (query, is a constraint: filter or NOT)
            run: list[str] = []
            for it in n.items:
                if isinstance(it, Word):
                    run.append(it.text)
                    continue
                if run:
                    parts.extend((q, False) for q in self.word_run(run))
                    run = []
                parts.append((self.node(it), isinstance(it, (Filter, Not))))
            if run:
                parts.extend((q, False) for q in self.word_run(run))
            self.last_parts = parts
            out = [q for q, _ in parts]
            return wq.And(out) if len(out) > 1 else out[0]
        raise TypeError(n)


def _proximity(ex: Expander) -> wq.Query | None:
    """Sloppy phrases of the positive words' lemmas — as written, and through their one-word
    translations — so that the words near each other outrank the same words far apart."""
    own, translated = [], []
    for w in ex.words:
        if w.negated or w.stop or not w.primary:
            continue
        known = [lem for lem in w.primary if ex._df("lemma", lem)]
        own.append((known or w.primary)[0])
        trans = [lem for lem in w.translations if ex._df("lemma", lem)]
        translated.append((trans or known or w.primary)[0])
    if len(own) < 2 or len(own) > 6:
        return None
    seqs = list(dict.fromkeys([tuple(own), tuple(translated)]))
    phrases = [wq.Phrase("lemma", list(seq), slop=PROXIMITY_SLOP, boost=PROXIMITY_BOOST) for seq in seqs]
    return phrases[0] if len(phrases) == 1 else wq.Or(phrases)


_NUMBER_WORDS: frozenset[str] | None = None


def _number_words() -> frozenset[str]:
    """Number words (``numerals.tsv``): a query may state a sum in words (полмиллиарда долларов,
    бір миллиард теңге)."""
    global _NUMBER_WORDS
    if _NUMBER_WORDS is None:
        from .. import lexicon

        try:
            _NUMBER_WORDS = frozenset(r["word"].lower() for r in lexicon.load("numerals")
                                      if r["kind"] in ("cardinal", "multiplier", "fraction"))
        except lexicon.LexiconError:
            _NUMBER_WORDS = frozenset()
    return _NUMBER_WORDS


_ACT_LEMMAS: frozenset[str] | None = None


def _act_lemmas() -> frozenset[str]:
    """Lemmas of the words that name a kind of legal act (қаулы, постановление, жарлық, указ …:
    the one-word names in ``legal_acts.tsv`` of the kinds ``law_kinds.tsv`` lists): in a query
    they say which act, not what it is about."""
    global _ACT_LEMMAS
    if _ACT_LEMMAS is None:
        from .. import lexicon

        out: set[str] = set()
        try:
            kinds = {r["kind"] for r in lexicon.load("law_kinds")}
            for r in lexicon.load("legal_acts"):
                # one-word names only: in "постановление Правительства" the second word is content
                words = TOKEN_RE.findall(r["form"])
                if r["kind"] in kinds and r.get("lang") in ("kk", "ru") and len(words) == 1:
                    out.add(analyze_word(words[0], r["lang"]).lemma)
        except lexicon.LexiconError:
            pass
        _ACT_LEMMAS = frozenset(out)
    return _ACT_LEMMAS


def _is_stop(word: str) -> bool:
    low = word.lower()
    return low in stop_words("ru") or low in stop_words("kk")


def _bare(a: WordAnalysis) -> str:
    """The key the index holds for a word: its key without case endings (not the skeleton)."""
    plain = [k for k in a.keys if not k.startswith("~")]
    return plain[-1] if plain else ""


def _combos(options: list[list[str]], cap: int = 16) -> list[tuple[str, ...]]:
    out = []
    for c in product(*[o or [""] for o in options]):
        out.append(c)
        if len(out) >= cap:
            break
    return out


_INT = re.compile(r"\d+")
_DEC = re.compile(r"(\d+)[,.](\d+)")


def _number_forms(text: str) -> list[str]:
    """Other spellings of the same number as documents write it: tables give amounts with a
    decimal comma and zero fraction (640 → 640,0 / 640,00), and a decimal point and comma mean
    the same (1.5 → 1,5; 1,50 → 1,5)."""
    if _INT.fullmatch(text):
        return [f"{text},0", f"{text},00", f"{text}.0"]
    m = _DEC.fullmatch(text)
    if not m:
        return []
    whole, frac = m.groups()
    out = []
    short = frac.rstrip("0")
    for f in dict.fromkeys([frac, short, short + "0" if short else "0"]):
        for sep in ",.":
            out.append(f"{whole}{sep}{f}" if f else whole)
    if not short:
        out.append(whole)
    return [f for f in dict.fromkeys(out) if f != text]


def _number(s: str) -> float:
    t = s.strip().lower().replace(" ", "").replace("\u00a0", "").rstrip(".")
    m = re.match(r"^([0-9]+(?:[.,][0-9]+)?(?:e[+-]?[0-9]+)?)([a-zа-яәғқңөұүһі]*)$", t)
    if not m:
        raise ValueError(s)
    num = float(m.group(1).replace(",", "."))
    suffix = m.group(2)
    if suffix:
        if suffix not in _MULT:
            raise ValueError(s)
        num *= _MULT[suffix]
    return num


def _range(f: Filter, int_only: bool):
    conv = (lambda s: int(_number(s))) if int_only else _number
    try:
        if f.op == "range":
            lo = None if f.value in ("*", "") else conv(f.value)
            hi = None if (f.value2 or "*") in ("*", "") else conv(f.value2)
            return lo, hi
        v = conv(f.value)
    except ValueError:
        example = "year:2013..2018, year:>2015" if int_only else "amount:>1e9, amount:1e6..5e9, amount:>5млрд"
        raise QueryError(f"{f.field}:{f.value}{'..' + f.value2 if f.value2 else ''} is not a number or range "
                         f"(e.g. {example})") from None
    step = 1 if int_only else max(abs(v) * 1e-9, 1e-9)
    if f.op == "=":
        return v, v
    if f.op == ">":
        return v + step, None
    if f.op == ">=":
        return v, None
    if f.op == "<":
        return None, v - step
    return None, v


def _date_range(f: Filter) -> tuple[int | None, int | None]:
    def bounds(s: str) -> tuple[int, int]:
        m = re.match(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$", s.strip())
        if not m:
            raise QueryError(f"date:{s}: use date:2013-06-19, date:2013-06 or date:2013..2014")
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            v = y * 10000 + int(mo) * 100 + int(d)
            return v, v
        if mo:
            return y * 10000 + int(mo) * 100 + 1, y * 10000 + int(mo) * 100 + 31
        return y * 10000 + 101, y * 10000 + 1231
    if f.op == "range":
        lo = None if f.value in ("*", "") else bounds(f.value)[0]
        hi = None if (f.value2 or "*") in ("*", "") else bounds(f.value2)[1]
        return lo, hi
    lo, hi = bounds(f.value)
    return {"=": (lo, hi), ">": (hi + 1, None), ">=": (lo, None), "<": (None, lo - 1), "<=": (None, hi)}[f.op]


def _positive_words(n: Node | None) -> bool:
    if n is None:
        return False
    if isinstance(n, (Word, Phrase)):
        return True
    if isinstance(n, Not) or isinstance(n, Filter):
        return False
    return any(_positive_words(x) for x in n.items)


NUMERIC_FILTERS = ("year", "amount", "date")


def _numeric(n: Node) -> bool:
    return isinstance(n, Filter) and n.field in NUMERIC_FILTERS


def plan(parsed: Parsed, searcher, lexmap: LexMap, vocab: "Vocab | None | Callable[[], Vocab | None]") -> Plan:
    ex = Expander(searcher, lexmap, vocab)
    root = parsed.root
    # Numeric ranges (year:, amount:, date:) at the top level become document-set filters rather
    # than scored clauses: they score nothing, and Whoosh's intersection of a multi-valued
    # numeric field (a document with several amounts) with other clauses can trip over the
    # same document twice.
    filters: list[wq.Query] = []
    masks: list[wq.Query] = []
    if root is not None:
        items = list(root.items) if isinstance(root, And) else [root]
        rest = []
        for it in items:
            if _numeric(it):
                filters.append(ex.filter(it))
            elif isinstance(it, Not) and _numeric(it.item):
                masks.append(ex.filter(it.item))
            else:
                rest.append(it)
        if len(rest) != len(items):
            root = None if not rest else (rest[0] if len(rest) == 1 else And(tuple(rest)))
    q = ex.node(root) if root is not None else None
    relaxed = None
    if isinstance(root, And):
        # The fallback when too few documents have every word: any of the word groups, still
        # under the filters and negations.
        must = [q_ for q_, constraint in ex.last_parts if constraint]
        # a known phrase spanning several words (Каркаралинского района → the district's names)
        # also falls back to those words one by one, like the words outside phrases; the span
        # itself stays, for the documents that name it in the other language only
        should = [w for q_, constraint in ex.last_parts if not constraint
                  for w in ([q_] + ex.span_words[id(q_)] if id(q_) in ex.span_words else [q_])]
        if len(should) > 1:
            rel = wq.Or(should)
            relaxed = wq.And(must + [rel]) if must else rel
    prox = _proximity(ex) if isinstance(root, And) else None
    optional = ([prox] if prox is not None else []) + list(dict.fromkeys(ex.rank_only))
    core = opt = None
    if optional and q is not None:
        # documents where the words stand close together, or form a known phrase, rank
        # higher; none is excluded (search scores these on the best candidates only)
        core = q
        opt = optional[0] if len(optional) == 1 else wq.Or(optional)
        q = wq.AndMaybe(q, opt)
    filters_only = root is None or not _positive_words(root)
    if q is None and (filters or masks):
        q = wq.Every()
    elif filters_only and isinstance(root, Not):
        q = wq.And([wq.Every(), q])
    notes = list(dict.fromkeys(parsed.notes + ex.notes))
    amounts, only, currencies = _amounts(ex) if not filters_only else ([], False, {})
    words_only = isinstance(root, Word) or (isinstance(root, And) and all(isinstance(i, Word) for i in root.items))
    return Plan(q, relaxed, ex.words, ex.terms, ex.kind_filter, notes, filters_only, filters, masks, core, opt,
                amounts, only and words_only, currencies, ex.loose, list(dict.fromkeys(ex.phrases)))


def _amounts(ex: Expander) -> tuple[list[float], bool, dict[float, str]]:
    """The sums of money the positive query words state ("640 млн тенге", "$12 млн", "8,7 млрд"),
    and whether they are all the query says. Documents holding such a sum (the ``amount``
    field) rank above those where the words only happen to occur (640 in "2 640,0 млн"); when
    the query is only sums, documents that write them otherwise (0,5 млрд = $500 млн) are found
    too."""
    words = [w.text for w in ex.words if not w.negated]
    if len(words) < 2 or not any(_DIGIT.search(w) or w.lower() in _number_words() for w in words):
        return [], False, {}
    from ..extract.money import find_money
    from ..extract.numbers import find_numbers

    text = " ".join(words)
    money = find_money(text)
    spans = [(m[0], m[1], m[2]) for m in money]
    spans += [(n.start, n.end, n.value) for n in find_numbers(text) if n.has_multiplier]
    found = sorted({a for _s, _e, a in spans if a > 0})
    covered = set()
    for s_, e_, _a in spans:
        covered.update(range(s_, e_))
    only = bool(found) and all(i in covered for i, c in enumerate(text) if not c.isspace())
    return found, only, {m[2]: m[3] for m in money if m[2] > 0}
