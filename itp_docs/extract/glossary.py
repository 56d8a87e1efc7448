"""The abbreviation glossary of a decree appendix → ``ctx.abbreviations`` and ``ctx.glossary``.

Appendix tables use short forms (``ИЖТМ``, ``«ТДҰА» АҚ``, ``УПИИР``) that a note below the table
expands: ``Ескертпе: аббревиатуралардың толық жазылуы: АҚ – акционерлік қоғам; …`` /
``Примечание: расшифровка аббревиатур: …``. The document's own glossary is the best evidence for
linking an abbreviation to its organization, so it is read before any name extractor runs.

Entries stand one a line, or are separated by ``;``, or — in copies that lost their line breaks —
run on in one line where only the next ``SHORT –`` separates them. For the run-on form each piece
between two dashes is ``full name of the previous entry + short form of the next``; the split
point is chosen by what a short form looks like (capitals, a quoted name with a legal form) and by
how well the full name's initials spell the previous short form (``АҚ`` = акционерлік қоғам).

Glossaries also define lower-case terms (``басқарушы компания – «…» акционерлік қоғамы``): they
go into ``ctx.glossary`` (organizations use them) but not into ``ctx.abbreviations``, which lists
abbreviations only.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .context import Context
from .layout import any_key, lex_rows, literal_keys, phrase_pattern, squash, strip_quotes

__all__ = ["run", "find_glossary", "parse_entries", "split_run_on"]

_DASH = re.compile(r"\s[–—-]\s|\s[–—]|[–—]\s")
_UPPER = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
_CAPS_TOKEN = re.compile(r"^[«\"]*[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9][A-Za-zА-ЯЁа-яёӘҒҚҢӨҰҮҺІәғқңөұүһі0-9\-]*[»\"]*[,.]?$")
_LINE = re.compile(r"[^\n]+")
_ENTRY_LINE = re.compile(r"^\s*([^\n–—]{1,60}?)\s+[–—-]\s+(\S[^\n]*?)\s*[;.,]?\s*$")


@lru_cache(maxsize=1)
def _lex() -> dict:
    rows = lex_rows("decree_words.tsv")
    labels = [r["form"] for r in rows if r["kind"] == "glossary_label"]
    legal = set()
    for r in lex_rows("abbreviations.tsv"):
        if r.get("kind") == "legal_form":
            legal.add(r["short"].casefold())
    return {
        "label": re.compile(phrase_pattern(labels) + r"\s*[:.]?", re.I),
        "label_keys": literal_keys(labels),
        "legal": frozenset(legal),
    }


def _is_caps(tok: str) -> bool:
    """An abbreviation-like token: ``ИЖТМ``, ``«ТДҰА»``, ``КарГТУ``, ``«KAZNEX``, ``INVEST»``."""
    core = tok.strip("«»\",.;:()")
    if not core or not _CAPS_TOKEN.match(tok.strip(",.;:()")):
        return False
    ups = len(_UPPER.findall(core))
    return ups >= 2 or (ups == 1 and len(core) <= 2) or (ups >= 1 and ("«" in tok or "»" in tok))


def _is_quoted(tok: str) -> bool:
    return "«" in tok or "»" in tok or '"' in tok


def _caps_suffix(tokens: list[str]) -> int:
    """How many trailing tokens form a short form (0 when the last token is not one).

    A multi-token short form must hold a quoted name or a legal form (``«ИТП» АЭА``,
    ``АО «СПК «Сарыарка»``, ``«KAZNEX INVEST» АҚ``): two bare capitals in a row are more
    likely the end of a full name (``… РК``) followed by the short form."""
    k = 0
    while k < len(tokens) and _is_caps(tokens[-1 - k]):
        k += 1
    if k <= 1:
        return k
    run = tokens[-k:]
    legal = _lex()["legal"]
    if any(_is_quoted(t) for t in run) or any(t.strip("«»\",.").casefold() in legal for t in run):
        # keep quotes balanced: don't start the short form inside a quoted name
        while k > 1:
            head = tokens[-k:]
            opened = sum(t.count("«") for t in head)
            closed = sum(t.count("»") for t in head)
            if closed <= opened or tokens[-k].startswith("«"):
                break
            k -= 1
        return k
    return 1


def _initials_score(short: str, full_tokens: list[str]) -> float:
    """How well the initials of a full name spell a short form (1.0: all letters, in order, and
    the name ends at the last letter's word)."""
    letters = [c.casefold() for c in strip_quotes(short) if c.isalpha() and c.isupper()]
    if not letters or not full_tokens:
        return 0.0
    inits = []
    for t in full_tokens:
        for part in re.split(r"[-–]", t.strip("«»\"(),.;:")):
            if part:
                inits.append(part[0].casefold())
    # align from the right, so that the last letter takes the latest word it can
    # (УПИ = управление предпринимательства и Инвестиций, not the conjunction "и")
    j = len(letters) - 1
    last = None
    for i in range(len(inits) - 1, -1, -1):
        if j >= 0 and inits[i] == letters[j]:
            if last is None:
                last = i
            j -= 1
    matched = len(letters) - 1 - j
    if not matched or last is None:
        return 0.0
    trailing = len(inits) - 1 - last
    return matched / len(letters) - 0.25 * trailing


def split_run_on(text: str) -> list[tuple[str, str]]:
    """``АҚ – акционерлік қоғам басқарушы компания – … ЖШС – …`` → ``[(short, full), …]``."""
    pieces = _DASH.split(text)
    if len(pieces) < 2:
        return []
    entries: list[tuple[str, str]] = []
    short = pieces[0].strip()
    for k in range(1, len(pieces)):
        seg = pieces[k].strip()
        if k == len(pieces) - 1:
            entries.append((short, seg))
            break
        tokens = seg.split()
        n = _caps_suffix(tokens)
        if n and n < len(tokens):
            cut = len(tokens) - n
        else:
            cut = _best_lower_split(short, tokens)
        entries.append((short, " ".join(tokens[:cut])))
        short = " ".join(tokens[cut:])
    return entries


def _best_lower_split(prev_short: str, tokens: list[str]) -> int:
    """Where a lower-case defined term starts: the split whose full name best spells the
    previous short form, with a short next term (1–3 words) preferred."""
    best_cut, best = max(1, len(tokens) - 2), -9.0
    for n_short in (1, 2, 3):
        cut = len(tokens) - n_short
        if cut < 1:
            continue
        nxt = tokens[cut:]
        if any(_is_quoted(t) for t in nxt):
            continue
        score = _initials_score(prev_short, tokens[:cut]) - 0.05 * n_short
        if score > best:
            best_cut, best = cut, score
    return best_cut


def parse_entries(text: str) -> list[tuple[str, str]]:
    """Entries of a glossary body: one per line or per ``;``, run-on pieces split further."""
    out: list[tuple[str, str]] = []
    chunks = [c for c in re.split(r";\s*|\n", text) if c.strip()]
    for ch in chunks:
        ch = ch.strip().rstrip(".")
        if "|" in ch:
            # a glossary laid out as a table: "АҚ | – | акционерлік қоғам"
            cells = [c.strip() for c in ch.split("|") if c.strip() and c.strip() not in "–—-"]
            if len(cells) == 2:
                out.append((cells[0], cells[1]))
            continue
        if len(_DASH.findall(ch)) >= 2:
            out.extend(split_run_on(ch))
            continue
        m = _ENTRY_LINE.match(ch)
        if m:
            out.append((m.group(1).strip(), m.group(2).strip()))
    return [(squash(s), squash(f).rstrip(".;,")) for s, f in out if s and f]


def find_glossary(ctx: Context) -> tuple[int, int] | None:
    """``(start, end)`` of the glossary body: after a glossary label, or a run of three or more
    ``SHORT – full`` lines after a table."""
    text = ctx.text
    m = None
    if any_key(text, _lex()["label_keys"]):
        for m in _lex()["label"].finditer(text):
            pass
    if m is not None:
        start = m.end()
        end = _entries_end(text, start)
        return start, end
    # unlabelled: ≥ 3 consecutive entry lines whose short form looks like an abbreviation
    # (only under an appendix table: elsewhere "X – Y" lines are prose)
    if not ctx.table_spans:
        return None
    lines = list(_LINE.finditer(text, ctx.table_spans[-1][1]))
    run: list[re.Match] = []
    best = None
    for lm in lines:
        em = _ENTRY_LINE.match(lm.group()) if len(lm.group()) < 300 else None
        if em and any(_is_caps(t) for t in em.group(1).split()) and len(em.group(1).split()) <= 4:
            run.append(lm)
            continue
        if len(run) >= 3:
            best = (run[0].start(), run[-1].end())
        run = []
    if len(run) >= 3:
        best = (run[0].start(), run[-1].end())
    return best


def _entries_end(text: str, start: int) -> int:
    """The glossary ends at a blank line after its entries began, or at the end of the text."""
    pos = start
    n = len(text)
    began = False
    while pos < n:
        e = text.find("\n", pos)
        e = n if e < 0 else e
        line = text[pos:e].strip()
        if line:
            entry = bool(_DASH.search(line)) or line.count("|") == 1 or line.count("|") == 2
            if began and not entry:
                return pos
            began = began or entry
        elif began:
            return pos
        pos = e + 1
    return n


def run(ctx: Context) -> None:
    span = find_glossary(ctx)
    if span is None:
        return
    for short, full in parse_entries(ctx.text[span[0]:span[1]]):
        key = strip_quotes(short)
        value = strip_quotes(full)
        if not key or not value or len(key.split()) > 6:
            continue
        ctx.glossary.setdefault(key, value)
        if _UPPER.search(key) and len(_UPPER.findall(key)) >= 2:
            ctx.abbreviations.append({"short": key, "full": value})
    ctx.notes["glossary_span"] = span
