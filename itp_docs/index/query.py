"""The query language, parsed into a small tree that ``expand.py`` turns into Whoosh queries.

    words                       Байбек Самрук-Казына          (all words must match: AND)
    "phrases"                   "дата-центр"  "Инвестициялар және даму министрлігі"
    operators                   AND  OR  NOT  -word  ( … )
    filters                     lang:kk  type:decree  person:Baibek  org:Самрук  place:Алматы
                                program:"Цифровой Казахстан"  law:631  year:2013..2018
                                year:>2015  amount:>1e9  amount:1e6..5e9  date:2013-06-19
                                kind:measure (passage kind)

The parser never fails: unbalanced quotes close at the end, stray parentheses and lone operators
are dropped, control characters are removed, unknown ``field:`` prefixes are searched as words,
and very long queries are cut; every such repair is reported in :attr:`Parsed.notes` so the CLI
can say what it did.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Union

from ..lang.analyzer import TOKEN_RE

__all__ = ["Word", "Phrase", "Filter", "And", "Or", "Not", "Node", "Parsed", "parse", "FILTER_FIELDS",
           "MAX_QUERY_CHARS", "MAX_TERMS"]

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32

# Filter names and their aliases (Kazakh and Russian users type these too).
FILTER_FIELDS = {
    "lang": "lang", "тіл": "lang", "язык": "lang",
    "type": "type", "doctype": "type", "түрі": "type", "тип": "type",
    "person": "person", "тұлға": "person", "персона": "person", "who": "person",
    "org": "org", "ұйым": "org", "организация": "org",
    "place": "place", "loc": "place", "орын": "place", "место": "place",
    "program": "program", "бағдарлама": "program", "программа": "program",
    "law": "law", "заң": "law", "акт": "law", "number": "law", "№": "law",
    "year": "year", "жыл": "year", "год": "year",
    "date": "date", "күн": "date", "дата": "date",
    "amount": "amount", "сома": "amount", "сумма": "amount",
    "kind": "kind", "passage": "kind",
    "source": "source", "file": "source",
}


@dataclass(frozen=True)
class Word:
    text: str


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]


@dataclass(frozen=True)
class Filter:
    field: str            # canonical field name (keys of FILTER_FIELDS' values)
    op: str               # '=' | '>' | '>=' | '<' | '<=' | 'range'
    value: str
    value2: str | None = None


@dataclass(frozen=True)
class And:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Or:
    items: tuple["Node", ...]


@dataclass(frozen=True)
class Not:
    item: "Node"


Node = Union[Word, Phrase, Filter, And, Or, Not]


@dataclass
class Parsed:
    root: Node | None
    notes: list[str] = field(default_factory=list)

    def words(self) -> list[str]:
        """Every positive word of the query (for match explanations and suggestions)."""
        out: list[str] = []

        def walk(n: Node | None, neg: bool) -> None:
            if n is None:
                return
            if isinstance(n, Word) and not neg:
                out.append(n.text)
            elif isinstance(n, Phrase) and not neg:
                out.extend(n.words)
            elif isinstance(n, (And, Or)):
                for it in n.items:
                    walk(it, neg)
            elif isinstance(n, Not):
                walk(n.item, not neg)
        walk(self.root, False)
        return out


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")
_QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"'})
_LEX = re.compile(r'\s*(?:(?P<lp>\()|(?P<rp>\))|(?P<q>")|(?P<tok>[^\s()"]+))')
_WORD_CHARS = re.compile(r"[^\W_]", re.UNICODE)
_RANGE = re.compile(r"^(?P<a>[^.]*)\.\.(?P<b>.*)$")
_CMP = re.compile(r"^(?P<op>>=|<=|>|<|=)(?P<v>.+)$")


def _lex(q: str, notes: list[str]) -> list[tuple[str, str]]:
    """Tokens: ('(' | ')' | 'PHRASE' | 'OP' | 'NEG' | 'FILTER' | 'WORD', text)."""
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(q):
        m = _LEX.match(q, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group("lp"):
            out.append(("(", "("))
        elif m.group("rp"):
            out.append((")", ")"))
        elif m.group("q"):
            end = q.find('"', pos)
            if end < 0:
                notes.append("unbalanced quote: the phrase was closed at the end of the query")
                end = len(q)
            body = q[pos:end]
            pos = end + 1
            # A filter value in quotes: program:"Цифровой Казахстан"
            if out and out[-1][0] == "FILTER" and out[-1][1].endswith(":"):
                out[-1] = ("FILTER", out[-1][1] + body)
            elif body.strip():
                out.append(("PHRASE", body))
        else:
            tok = m.group("tok")
            if tok in ("AND", "OR", "NOT", "&&", "||", "И", "ИЛИ", "НЕ", "ЖӘНЕ", "НЕМЕСЕ"):
                out.append(("OP", {"&&": "AND", "||": "OR", "И": "AND", "ИЛИ": "OR", "НЕ": "NOT",
                                   "ЖӘНЕ": "AND", "НЕМЕСЕ": "OR"}.get(tok, tok)))
            elif tok.startswith("-") and len(tok) > 1 and _WORD_CHARS.search(tok[1:2] or ""):
                out.append(("NEG", "-"))
                out.append(("WORD", tok[1:]))
            elif tok.startswith("-") and len(tok) > 1 and tok[1] == '"':
                out.append(("NEG", "-"))
            elif ":" in tok.strip(":") and tok.split(":", 1)[0].lower() in FILTER_FIELDS:
                out.append(("FILTER", tok))
            elif tok.endswith(":") and tok[:-1].lower() in FILTER_FIELDS:
                out.append(("FILTER", tok))
            else:
                if ":" in tok.strip(":") and not re.match(r"^https?:", tok):
                    name = tok.split(":", 1)[0]
                    notes.append(f"unknown field {name!r}: searched as words "
                                 f"(fields: {', '.join(sorted(set(FILTER_FIELDS.values())))})")
                    for part in tok.split(":"):
                        if _WORD_CHARS.search(part):
                            out.append(("WORD", part))
                    continue
                if _WORD_CHARS.search(tok):
                    # one word in punctuation ("$12", "(ПИТ)", "тенге,"): the word, as documents
                    # are tokenized; several ("164/НҚ") stay together as one query word
                    parts = TOKEN_RE.findall(tok)
                    out.append(("WORD", parts[0] if len(parts) == 1 else tok))
    return out


def _filter(tok: str, notes: list[str]) -> Filter | None:
    name, _, value = tok.partition(":")
    fname = FILTER_FIELDS[name.lower()]
    value = value.strip()
    if not value:
        notes.append(f"filter {name}: has no value and was ignored")
        return None
    m = _RANGE.match(value)
    if m and fname in ("year", "amount", "date"):
        a, b = m.group("a").strip(), m.group("b").strip()
        return Filter(fname, "range", a or "*", b or "*")
    m = _CMP.match(value)
    if m and fname in ("year", "amount", "date"):
        return Filter(fname, m.group("op"), m.group("v").strip())
    return Filter(fname, "=", value)


class _Parser:
    def __init__(self, toks: list[tuple[str, str]], notes: list[str]) -> None:
        self.toks = toks
        self.i = 0
        self.notes = notes
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def next(self) -> tuple[str, str]:
        t = self.toks[self.i]
        self.i += 1
        return t

    def parse_or(self) -> Node | None:
        items = [self.parse_and()]
        while (t := self.peek()) and t == ("OP", "OR"):
            self.next()
            items.append(self.parse_and())
        items = [x for x in items if x is not None]
        if not items:
            return None
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self) -> Node | None:
        items: list[Node] = []
        while (t := self.peek()) is not None:
            if t == ("OP", "OR"):
                break
            if t[0] == ")":
                if self.depth == 0:
                    self.notes.append("unbalanced parenthesis ignored")
                    self.next()
                    continue
                break
            if t == ("OP", "AND"):
                self.next()
                continue
            node = self.parse_not()
            if node is not None:
                items.append(node)
        if not items:
            return None
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_not(self) -> Node | None:
        t = self.peek()
        if t is not None and (t == ("OP", "NOT") or t[0] == "NEG"):
            self.next()
            inner = self.parse_not()
            if inner is None:
                self.notes.append("NOT without a following term ignored")
                return None
            return Not(inner)
        return self.parse_atom()

    def parse_atom(self) -> Node | None:
        if self.peek() is None:
            return None
        kind, text = self.next()
        if kind == "(":
            self.depth += 1
            inner = self.parse_or()
            self.depth -= 1
            if self.peek() is not None and self.peek()[0] == ")":
                self.next()
            else:
                self.notes.append("unclosed parenthesis closed at the end of the query")
            return inner
        if kind == "PHRASE":
            words = tuple(w for w in re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text))
            if not words:
                return None
            return Phrase(words) if len(words) > 1 else Word(words[0])
        if kind == "FILTER":
            return _filter(text, self.notes)
        if kind == "WORD":
            return Word(text)
        if kind == "OP":
            self.notes.append(f"lone operator {text} ignored")
            return None
        return None


def _count_terms(n: Node | None) -> int:
    if n is None:
        return 0
    if isinstance(n, (Word, Filter)):
        return 1
    if isinstance(n, Phrase):
        return len(n.words)
    if isinstance(n, Not):
        return _count_terms(n.item)
    return sum(_count_terms(x) for x in n.items)


def _truncate(n: Node | None, budget: list[int]) -> Node | None:
    if n is None or budget[0] <= 0:
        return None
    if isinstance(n, (Word, Filter)):
        budget[0] -= 1
        return n
    if isinstance(n, Phrase):
        words = n.words[: budget[0]]
        budget[0] -= len(words)
        return Phrase(words) if len(words) > 1 else Word(words[0])
    if isinstance(n, Not):
        inner = _truncate(n.item, budget)
        return Not(inner) if inner is not None else None
    items = tuple(x for x in (_truncate(it, budget) for it in n.items) if x is not None)
    if not items:
        return None
    return items[0] if len(items) == 1 else type(n)(items)


def parse(query: str) -> Parsed:
    """Parse a user query; never raises."""
    notes: list[str] = []
    q = _CONTROL.sub(" ", query or "")
    if len(q) > MAX_QUERY_CHARS:
        notes.append(f"query cut to its first {MAX_QUERY_CHARS} characters")
        q = q[:MAX_QUERY_CHARS]
    q = q.translate(_QUOTES)
    toks = _lex(q, notes)
    p = _Parser(toks, notes)
    root = p.parse_or()
    while p.peek() is not None:  # stray ')' at top level or trailing operator
        extra = p.parse_or()
        if extra is not None:
            root = extra if root is None else And((root, extra))
        elif p.peek() is not None:
            p.next()
    if root is None and query and query.strip():
        notes.append("the query has no words to search for")
    if _count_terms(root) > MAX_TERMS:
        notes.append(f"query cut to its first {MAX_TERMS} terms")
        root = _truncate(root, [MAX_TERMS])
    # A query that is only negative can match nothing useful: say so, keep it as written.
    if isinstance(root, Not):
        notes.append("a query of only NOT terms matches every other document")
    return Parsed(root, notes)
