"""A person's role or position as the text states it next to the name.

Titles introduce names in three shapes, and the two languages build the first one in mirror image:

* before the name. Kazakh puts the title's head word last, right before the name, and stacks the
  body it belongs to on its left as a chain of genitive and possessive (izafet) forms: «Алматы
  қаласының әкімі Бауыржан Байбек», «ҚР Инвестициялар мен даму министрі Әсет Исекешов». Russian
  and English put the head first and the body on its right: «министр по инвестициям и развитию
  Асет Исекешев», «председатель правления АО «Самрук-Казына» Умирзак Шукеев», «Prime Minister
  Bakytzhan Sagintayev»;
* after the name, as an apposition between commas or in brackets: «Асет Исекешев, министр по
  инвестициям и развитию,»;
* in a decree's signature block, on the line(s) before a run of spaces: «Қазақстан
  Республикасының / Премьер-Министрі            С. Ахметов».

Role words come from ``lexicons/roles.tsv`` and are matched on analyzer stems, so inflected titles
(министрінің, заместителя, председателем) are found without listing their forms. The phrase
around the head is delimited by grammar, not by a fixed window: a Kazakh chain stops at a word in a
spatial or object case (аймағында, брифингте) or at a bare word before a proper name, a Russian
complement stops at a verb, a pronoun or a preposition other than по/при/в. The head of a Russian
role is put in the nominative (премьер-министра РК → премьер-министр РК); the dependent words are
kept as written, as the citation form of a title keeps them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Container, Sequence

from .. import lexicon
from ..lang.analyzer import TOKEN_RE, Token, analyze_word
from ..lang.kk import lemmatizer as kk_lemmatizer
from ..lang.ru import lemmatizer as ru_lemmatizer
from ..lang.stopwords import stop_words

__all__ = ["Role", "RoleTerm", "role_terms", "term_spans", "role_before", "role_after",
           "role_in_signature", "find_role", "normalize_role"]

MAX_CHAIN = 14          # tokens a Kazakh izafet chain may span
MAX_COMPLEMENT = 10     # tokens between a Russian/English head and the name
MAX_APPOSITION = 14     # tokens of a role after the name
MAX_SIGNATURE_LINES = 3
MAX_SIGNATURE_LINE = 90

_KK_CONJ = frozenset({"мен", "және", "пен", "бен", "әрі"})
_RU_INNER = frozenset({"и", "по", "при", "в", "во", "на"})
_EN_INNER = frozenset({"of", "the", "and", "for", "on", "at", "to", "in"})
# Kazakh case endings that end a title's chain: a word in these cases is an adverbial or object.
_KK_STOP_SLOTS = frozenset({"LOC", "ABL", "DAT", "INS"})
_KK_CASE_SLOTS = frozenset({"GEN", "DAT", "ACC", "LOC", "ABL", "INS"})
_LIST_COMMA = re.compile(r",[ \u00a0]?")
_BOUNDARY = re.compile(r"[,.;:!?()\[\]{}|\t\n—–]|\s-\s")
_QUOTES = re.compile(r"[«»\"„“”]")
_SPACES = re.compile(r"\s+")
_ABBR_SUFFIX = re.compile(r"\b([A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,})-[a-zа-яёәғқңөұүһі]{1,4}\b")
_SIGNATURE_GAP = re.compile(r"(?:[ \t\u00a0]{3,}|\t)$")
_LINE_END_STOP = re.compile(r"[.;:!?»)\]]\s*$")


@dataclass(frozen=True, slots=True)
class RoleTerm:
    role_id: str
    kind: str
    lang: str
    keys: tuple[str, ...]     # analyzer stems of the term's words


@dataclass(frozen=True, slots=True)
class Role:
    start: int                # normalized-text span of the whole role phrase
    end: int
    text: str                 # as written (whitespace collapsed)
    normalized: str           # nominative head, quotes removed
    role_id: str
    kind: str


# --- lexicon --------------------------------------------------------------------------------------

def _term_keys(phrase: str, lang: str) -> tuple[str, ...]:
    hint = "kk" if lang == "kk" else "ru"
    return tuple(analyze_word(m.group(), hint).stem for m in TOKEN_RE.finditer(phrase))


@lru_cache(maxsize=1)
def role_terms() -> dict[str, tuple[RoleTerm, ...]]:
    """Role terms indexed by the stem of their first word, longest first."""
    try:
        lex = lexicon.load("roles")
    except lexicon.LexiconError:
        return {}
    index: dict[str, list[RoleTerm]] = {}
    seen: set[tuple[str, ...]] = set()
    for row in lex:
        keys = _term_keys(row["role"], row["lang"])
        if not keys or keys in seen:
            continue
        seen.add(keys)
        index.setdefault(keys[0], []).append(RoleTerm(row["id"], row["kind"], row["lang"], keys))
    return {k: tuple(sorted(v, key=lambda t: -len(t.keys))) for k, v in index.items()}


@lru_cache(maxsize=1)
def _kk_suffix_slots() -> dict[str, frozenset[str]]:
    try:
        lex = lexicon.load("kk_suffixes")
    except lexicon.LexiconError:
        return {}
    out: dict[str, set[str]] = {}
    for row in lex:
        out.setdefault(row["form"], set()).add(row["slot"])
    return {k: frozenset(v) for k, v in out.items()}


def term_spans(tokens: Sequence[Token]) -> list[tuple[int, int, RoleTerm] | None]:
    """For every token index, the longest role term starting there as (start, end, term)."""
    index = role_terms()
    out: list[tuple[int, int, RoleTerm] | None] = [None] * len(tokens)
    n = len(tokens)
    stems = [t.stem for t in tokens]
    # Only the few tokens whose stem starts a term are looked at closely.
    for i in [i for i, st in enumerate(stems) if st in index]:
        cands = index[stems[i]]
        if not cands:
            continue
        for term in cands:
            k = len(term.keys)
            if i + k > n:
                continue
            if all(stems[i + j] == term.keys[j] for j in range(1, k)):
                out[i] = (i, i + k, term)
                break
    return out


# --- helpers --------------------------------------------------------------------------------------

def _gap(text: str, tokens: Sequence[Token], i: int, j: int) -> str:
    """Text between token i and token j (j = i + 1)."""
    return text[tokens[i].end:tokens[j].start]


def _is_abbr(word: str) -> bool:
    head = word.split("-", 1)[0]
    return len(head) >= 2 and head.isupper()


def _kk_last_slots(word: str) -> frozenset[str]:
    a = kk_lemmatizer.analyze(word)
    if not a.suffixes:
        return frozenset()
    return _kk_suffix_slots().get(a.suffixes[-1], frozenset())


_KK_ADJ_ACC = frozenset({"ды", "ді", "ты", "ті"})   # also the adjective suffix -ды (автономды)


@lru_cache(maxsize=1)
def _kk_common() -> frozenset[str]:
    try:
        lex = lexicon.load("kk_stems")
    except lexicon.LexiconError:
        return frozenset()
    return frozenset(r["lemma"].lower() for r in lex if r.get("pos") != "PROPN")


def _sentence_initial(text: str, tokens: Sequence[Token], k: int) -> bool:
    if k == 0:
        return True
    return bool(re.search(r"[.!?\n]", text[tokens[k - 1].end:tokens[k].start]))


def _kk_is_bare(word: str) -> bool:
    return not kk_lemmatizer.analyze(word).suffixes


def _tok_lang(tok: Token, default: str) -> str:
    if tok.lang == "lat":
        return "en"
    if tok.lang in ("kk", "ru"):
        return tok.lang
    return default


# --- before the name ------------------------------------------------------------------------------

def _kk_chain_start(text: str, tokens: Sequence[Token], start: int, blocked: Container[int]) -> int:
    """Leftmost token of the izafet chain that ends with the term starting at ``start``."""
    stops = stop_words("kk")
    cur = start
    k = start - 1
    steps = 0
    conj_seen = False
    commas = 0
    while k >= 0 and steps < MAX_CHAIN:
        if k in blocked:
            break
        if _BOUNDARY.search(_gap(text, tokens, k, k + 1)):
            # "Цифрлық даму, инновациялар және ... министрі": a comma inside a coordinated list
            if not (conj_seen and commas < 2 and _LIST_COMMA.fullmatch(_gap(text, tokens, k, k + 1))):
                break
            commas += 1
        tok = tokens[k]
        w = tok.text
        right = tokens[cur]
        if tok.lang == "num":
            break
        low = w.lower()
        if low in _KK_CONJ:
            conj_seen = True
            k -= 1
            steps += 1
            continue
        if _is_abbr(w):
            cur = k
        elif low in stops:
            break
        else:
            a = kk_lemmatizer.analyze(w) if tok.lang == "kk" else None
            if a is not None and a.pos == "VERB":
                break
            slots = _kk_last_slots(w) if tok.lang == "kk" else frozenset()
            if slots & (_KK_STOP_SLOTS | {"ACC"}) and not (slots & {"GEN", "P3", "ATTR"}):
                # an object (ACC) may still be an adjective in -ды/-ті before a bare modifier
                if "ACC" in slots and not (slots & _KK_STOP_SLOTS) and right.text[:1].islower() \
                        and _kk_is_bare(right.text) and kk_lemmatizer.analyze(w).suffixes[-1] in _KK_ADJ_ACC:
                    cur = k
                else:
                    break
            elif not slots and w[:1].islower() and right.text[:1].isupper() and not _is_abbr(right.text) \
                    and _kk_is_bare(right.text):
                break  # "бақылау Алматы қаласы": a bare word does not modify a proper name
            elif not slots and w[:1].islower() and low.endswith(("у", "ю")) and a is not None \
                    and _kk_is_bare(right.text) and right.text.lower() not in _KK_CONJ:
                break  # "бақылау облыс әкімінің": a verbal noun modifies only a possessed noun (даму банкі)
            elif not slots and w[:1].isupper() and _sentence_initial(text, tokens, k) \
                    and a is not None and a.lemma.lower() in _kk_common():
                break  # "Кеше Ақмола облысының": a capitalised common word starting the sentence
            else:
                cur = k
        k -= 1
        steps += 1
    return cur


def _ru_nominative(words: list[str]) -> list[str]:
    """Put the head noun of a Russian title and the adjectives before it in the nominative."""
    m = ru_lemmatizer.morph()
    out = list(words)
    head_i = None
    head_parse = None
    for i, w in enumerate(words):
        parses = m.parse(w.lower())
        if i < len(words) - 1 and any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            continue  # "первого заместителя": an adjective before its noun, not the head
        for p in parses:
            if p.tag.POS == "NOUN":
                head_i, head_parse = i, p
                break
        if head_i is not None:
            break
    if head_parse is None or head_parse.tag.case == "nomn":
        return out
    case = head_parse.tag.case
    gender = head_parse.tag.gender or "masc"
    for i in range(head_i + 1):
        w = words[i]
        best = None
        for p in m.parse(w.lower()):
            if p.tag.case != case:
                continue
            if i == head_i and p.tag.POS == "NOUN":
                best = p.inflect({"nomn", "sing"}) or p.inflect({"nomn"})
                break
            if i < head_i and p.tag.POS == "ADJF" and p.tag.gender in (gender, None):
                best = p.inflect({"nomn", gender, "sing"}) or p.inflect({"nomn"})
                break
        if best is not None:
            out[i] = _recase(best.word, w)
    return out


def _recase(new: str, old: str) -> str:
    """Carry the capitalisation of every hyphen part of ``old`` over to ``new``."""
    if len(old) > 1 and old.isupper():
        return new.upper()
    np, op = new.split("-"), old.split("-")
    if len(np) != len(op):
        return new[:1].upper() + new[1:] if old[:1].isupper() else new
    return "-".join(n[:1].upper() + n[1:] if o[:1].isupper() else n for n, o in zip(np, op))


def _clean(s: str) -> str:
    s = _QUOTES.sub("", s)
    s = _ABBR_SUFFIX.sub(r"\1", s)
    return _SPACES.sub(" ", s).strip(" ,;:-–—")


@lru_cache(maxsize=50_000)
def normalize_role(text: str, lang: str) -> str:
    """Citation form of a role phrase: quotes removed, the head put in the nominative."""
    words = text.split()
    if not words:
        return ""
    if lang == "kk":
        last = words[-1]
        stripped = last.strip("«»\"")
        a = kk_lemmatizer.analyze(stripped)
        if a.suffixes:
            slots = _kk_suffix_slots().get(a.suffixes[-1], frozenset())
            if slots & _KK_CASE_SLOTS and not slots & {"P3"}:
                cut = len(a.suffixes[-1])
                if len(a.suffixes) >= 2 and "P3" in _kk_suffix_slots().get(a.suffixes[-2], ()):
                    words[-1] = stripped[:-cut]
                else:
                    words[-1] = a.lemma
        return _clean(" ".join(words))
    if lang == "ru":
        # the term is at the start; only its words (up to the head noun) change case
        return _clean(" ".join(_ru_nominative(words)))
    return _clean(" ".join(words))


def _ru_complement_ok(tok: Token, lang: str) -> bool:
    low = tok.text.lower()
    if lang == "en":
        return tok.text[:1].isupper() or low in _EN_INNER
    if low in _RU_INNER:
        return True
    if tok.lang == "num":
        return False
    if tok.text[:1].isupper() or _is_abbr(tok.text):
        return True
    if low in stop_words("ru"):
        return False
    if tok.lang != "ru":
        return tok.lang == "kk"
    pos = ru_lemmatizer.analyze(tok.text).pos
    return pos in ("NOUN", "ADJF", "ADJS", "PRTF", "NUMR", "COMP", None)


def role_before(text: str, tokens: Sequence[Token], terms: Sequence, name_i: int, lang: str,
                blocked: Container[int] | None = None) -> Role | None:
    """The role phrase that ends right before the name starting at token ``name_i``."""
    blocked = blocked or set()
    if name_i == 0:
        return None
    lang = _tok_lang(tokens[name_i - 1], lang) if lang != "kk" else lang
    if lang == "kk":
        # the head of a Kazakh title is the word right before the name
        j = name_i - 1
        gap = text[tokens[j].end:tokens[name_i].start]
        if _BOUNDARY.search(gap.replace("\n", " ", 1) if gap.count("\n") == 1 and not gap.strip() else gap):
            return None
        best = None
        for i in range(max(0, j - 4), j + 1):
            t = terms[i]
            if t and t[1] == name_i:
                best = t
                break
        if best is None:
            return None
        i0 = _kk_chain_start(text, tokens, best[0], blocked)
        s, e = tokens[i0].start, tokens[j].end
        raw = text[s:e]
        if "\n" in raw:
            return None
        s = _extend_quote(text, s)
        return Role(s, e, _SPACES.sub(" ", text[s:e]), normalize_role(text[s:e], "kk"),
                    best[2].role_id, best[2].kind)
    # Russian / English: head first, complement up to the name
    k = name_i - 1
    lo = name_i
    steps = 0
    conj_seen = False
    commas = 0
    while k >= 0 and steps < MAX_COMPLEMENT:
        if k in blocked:
            break
        if _BOUNDARY.search(_gap(text, tokens, k, k + 1)):
            # "министра цифрового развития, инноваций и ...": a comma inside a coordinated list
            if not (conj_seen and commas < 2 and _LIST_COMMA.fullmatch(_gap(text, tokens, k, k + 1))):
                break
            commas += 1
        if tokens[k].text.lower() in ("и", "and", "және", "мен"):
            conj_seen = True
        t = terms[k]
        if t and t[1] <= name_i:
            lo = k
        elif not _ru_complement_ok(tokens[k], lang):
            break
        k -= 1
        steps += 1
    # the closest term inside [lo, name_i)
    best = None
    for i in range(name_i - 1, lo - 1, -1):
        t = terms[i]
        if t and t[1] <= name_i:
            best = t
            break
    if best is None:
        return None
    start = best[0]
    # stacked titles: "заместителя акима" (the longest term at an earlier index reaching ours)
    for i in range(start - 1, max(lo, start - 4) - 1, -1):
        t = terms[i]
        if t and t[1] >= start:
            start = i
    # adjectives before the head: "бывший министр", "Генеральный директор"
    while start - 1 >= 0 and start - 1 not in blocked and lang == "ru":
        prev = tokens[start - 1]
        if _BOUNDARY.search(_gap(text, tokens, start - 1, start)) or prev.lang != "ru":
            break
        if ru_lemmatizer.analyze(prev.text).pos not in ("ADJF", "PRTF"):
            break
        start -= 1
    s, e = tokens[start].start, tokens[name_i - 1].end
    raw = text[s:e]
    if "\n" in raw:
        return None
    e = _extend_quote_right(text, e, tokens[name_i].start)
    return Role(s, e, _SPACES.sub(" ", text[s:e]), normalize_role(text[s:e], lang),
                best[2].role_id, best[2].kind)


def _extend_quote(text: str, s: int) -> int:
    if s > 0 and text[s - 1] in "«\"“„":
        return s - 1
    return s


def _extend_quote_right(text: str, e: int, limit: int) -> int:
    while e < limit and text[e] in "»\"”":
        e += 1
    return e


# --- after the name -------------------------------------------------------------------------------

_APPOS_OPEN = re.compile(r"\s*(?:,|\()\s*")
_APPOS_END = re.compile(r"[,;.:!?()\n]")


def role_after(text: str, tokens: Sequence[Token], terms: Sequence, last_i: int, lang: str,
               blocked: Container[int] | None = None) -> Role | None:
    """An apposition after the name: «Асет Исекешев, министр по инвестициям и развитию,»."""
    blocked = blocked or set()
    n = len(tokens)
    if last_i + 1 >= n:
        return None
    gap = text[tokens[last_i].end:tokens[last_i + 1].start]
    if not _APPOS_OPEN.fullmatch(gap):
        return None
    first = last_i + 1
    m = _APPOS_END.search(text, tokens[first].start)
    seg_end = m.start() if m else len(text)
    j = first
    while j < n and tokens[j].end <= seg_end and j - first < MAX_APPOSITION:
        if j in blocked:
            return None
        j += 1
    if j == first or (j < n and tokens[j].end <= seg_end):
        return None  # empty or too long to be a title
    last = j - 1
    seg_lang = _tok_lang(tokens[first], lang)
    if seg_lang == "kk":
        term = None
        for i in range(max(first, last - 4), last + 1):
            t = terms[i]
            if t and t[1] == last + 1:
                term = t
                break
        if term is None:
            return None
        for i in range(first, last + 1):
            if tokens[i].lang == "kk" and kk_lemmatizer.analyze(tokens[i].text).pos == "VERB":
                return None
    else:
        i = first
        while i <= last and not terms[i] and seg_lang == "ru" and \
                ru_lemmatizer.analyze(tokens[i].text).pos in ("ADJF", "PRTF"):
            i += 1
        term = terms[i] if i <= last else None
        if term is None:
            return None
        for k in range(term[1], last + 1):
            if not _ru_complement_ok(tokens[k], seg_lang):
                return None
    s, e = tokens[first].start, _extend_quote_right(text, tokens[last].end, seg_end)
    s = _extend_quote(text, s)
    return Role(s, e, _SPACES.sub(" ", text[s:e]), normalize_role(text[s:e], seg_lang),
                term[2].role_id, term[2].kind)


# --- signature blocks -----------------------------------------------------------------------------

def _signature_head(text: str, ns: int) -> bool:
    """Can the name at ``ns`` stand in a signature: is its line blank before it, or does a run of
    spaces (``_SIGNATURE_GAP``) separate it from the role? Read backwards from the name only as
    far as the answer needs: slicing and stripping the whole line per mention made one long line
    cost quadratic time."""
    k = ns
    while k > 0 and text[k - 1] in " \t\u00a0":
        k -= 1
    if ns - k >= 3 or (ns > k and text[ns - 1] == "\t"):
        return True
    while k > 0 and text[k - 1] != "\n" and text[k - 1].isspace():
        k -= 1
    return k == 0 or text[k - 1] == "\n"


def role_in_signature(text: str, tokens: Sequence[Token], terms: Sequence, name_i: int,
                      lang: str) -> Role | None:
    """A decree signature: the role on the line(s) before a run of spaces and the signer's name."""
    ns = tokens[name_i].start
    if not _signature_head(text, ns):
        return None
    line_start = text.rfind("\n", 0, ns) + 1
    head = text[line_start:ns]
    parts: list[tuple[int, int]] = []
    if head.strip():
        s = line_start + (len(head) - len(head.lstrip()))
        parts.append((s, line_start + len(head.rstrip())))
    pos = line_start - 1
    for _ in range(MAX_SIGNATURE_LINES):
        if pos <= 0:
            break
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos]
        if not line.strip() or len(line.strip()) > MAX_SIGNATURE_LINE or _LINE_END_STOP.search(line) \
                or "|" in line or re.match(r"\s*\d+[.)]", line):
            break
        s = prev_start + (len(line) - len(line.lstrip()))
        parts.insert(0, (s, prev_start + len(line.rstrip())))
        pos = prev_start - 1
    if not parts:
        return None
    s, e = parts[0][0], parts[-1][1]
    # a role term must occur, and end the block in Kazakh / start it in Russian
    idx = _token_range(tokens, s, e, name_i)
    if not idx:
        return None
    found = None
    for i in idx:
        t = terms[i]
        if t and t[1] - 1 <= idx[-1]:
            found = t
            if lang != "kk":
                break
    if found is None:
        return None
    raw = " ".join(text[a:b].strip() for a, b in parts)
    lg = "kk" if lang == "kk" else ("en" if tokens[idx[0]].lang == "lat" else "ru")
    if lg != "kk":
        # the title starts at its term: "Премьер-Министр / Республики Казахстан"
        s = tokens[found[0]].start
        raw = " ".join(text[max(a, s):b].strip() for a, b in parts if b > s)
    return Role(s, e, _SPACES.sub(" ", raw), normalize_role(raw, lg), found[2].role_id, found[2].kind)


def _token_range(tokens: Sequence[Token], s: int, e: int, limit: int) -> list[int]:
    out = []
    for i in range(limit - 1, -1, -1):
        t = tokens[i]
        if t.end <= s:
            break
        if t.start >= s and t.end <= e:
            out.append(i)
    return out[::-1]


def find_role(text: str, tokens: Sequence[Token], terms: Sequence, first_i: int, last_i: int,
              lang: str, blocked: Container[int] | None = None) -> Role | None:
    """The role stated for the name spanning tokens ``first_i..last_i`` (signature, before, after)."""
    return (role_in_signature(text, tokens, terms, first_i, lang)
            or role_before(text, tokens, terms, first_i, lang, blocked)
            or role_after(text, tokens, terms, last_i, lang, blocked))
