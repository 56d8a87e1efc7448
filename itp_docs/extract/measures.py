"""Appendix tables of decrees (plans of measures, road maps) → :class:`Measure` rows.

Rows reach us as lines of cells separated by ``|`` (``\\t|\\t`` from text files and from the
loader's rendering of HTML and Markdown tables). A table may have header rows (merged cells
written once), a column-numbering row ``1 | 2 | 3 …``, section heading rows (a line ``1. Title``
without cells, or a row with one filled cell) and measure rows; a cell that held a line break
splits a row over several lines. Columns are identified by their header words in either language
(``lexicons/table_columns.tsv``), so their order and number may vary; without a usable header
they are identified by their content (dates, "by agreement" marks, budget words, numbers), and
last by the usual position.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from .context import Context
from .layout import has_year, line_spans, lex_rows, parse_amount, parse_date, phrase_pattern, squash
from .model import Measure

__all__ = ["run", "split_cells", "split_executors", "classify_header", "parse_table_lines"]

FIELDS = ("number", "text", "completion_form", "executors", "deadline", "funding", "amount",
          "result", "indicator")
_STANDARD_ORDER = ("number", "text", "completion_form", "executors", "deadline", "funding")

_PIPE = re.compile(r"[ \t]*\|[ \t]*")
_NUMBER_CELL = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)\.?\s*$")
_SECTION_PLAIN = re.compile(r"^\s*([«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][^\n]{2,250}?)\s*$")
_GLUED_YEAR = re.compile(r"(жылғы|жылдың)(?=[^\s\W\d])", re.I)
_UNIT = re.compile(r"(мың|тыс\.?|млн\.?|млрд\.?|трлн\.?)\s*(теңге|тенге|тг|долл\w*|\$)", re.I)


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    cols: dict[str, list[list[str]]] = {}
    for r in lex_rows("table_columns.tsv"):
        cols.setdefault(r["field"], []).append(r["word"].casefold().split())
    dw = lex_rows("decree_words.tsv")
    agree = [r["form"] for r in dw if r["kind"] == "by_agreement"]
    recurring = [r["form"] for r in dw if r["kind"] == "recurring"]
    words = [r["form"] for r in dw if r["kind"] == "section_word"]
    word = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    # "1. Title", "Раздел 2. Title", "Задача 1: Title", "2-бөлім. Title", "1-міндет: Title"
    section = re.compile(r"^\s*(?:" + word + r"\s+(\d{1,2}(?:\.\d{1,2})*)|(\d{1,2}(?:\.\d{1,2})*)\s*-\s*"
                         + word + r"|(\d{1,2}(?:\.\d{1,2})*))[.):]?\s+(?=[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ])(.+?)\s*$",
                         re.I)
    return {
        "section": section,
        "cols": cols,
        "agree": re.compile(r"\(?\s*" + phrase_pattern(agree) + r"\s*\)?", re.I),
        "recurring": re.compile(phrase_pattern(recurring), re.I),
        "agree_bare": re.compile(phrase_pattern(agree), re.I),
    }


# ============================================================================ cells

def split_cells(line: str) -> list[str]:
    """Cells of one table line: ``|``-separated (a Markdown-style leading/trailing ``|`` frames
    the row) or, in text copied from a word processor, tab-separated."""
    if "|" not in line:
        if "\t" in line.strip():
            return [c.strip() for c in line.strip().split("\t")]
        return [line.strip()]
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
        if s.endswith("|"):
            s = s[:-1]
    return [c.strip() for c in _PIPE.split(s)]


def _is_row(line: str) -> bool:
    if "|" in line:
        return len(split_cells(line)) >= 2
    # tab-separated rows need three filled cells: a tab also indents or spaces out a signature
    return "\t" in line and sum(1 for c in split_cells(line) if c) >= 3


def _row_cells(line: str) -> list[str] | None:
    """``split_cells(line)`` when ``_is_row(line)``, else None (one split, not two)."""
    if "|" in line:
        cells = split_cells(line)
        return cells if len(cells) >= 2 else None
    if "\t" in line:
        cells = split_cells(line)
        return cells if sum(1 for c in cells if c) >= 3 else None
    return None


def _doc_row_cells(ctx: Context) -> list[list[str] | None]:
    """``_row_cells`` of every line of the document, split once (kept in ``ctx.notes``): finding
    the tables and reading their rows ask for the same lines. Callers copy a row they change."""
    got = ctx.notes.get("measure_cells")
    if got is None:
        text = ctx.text
        got = ctx.notes["measure_cells"] = [_row_cells(text[s:e]) for s, e in line_spans(ctx)]
    return got


# ============================================================================ header

_WORD = re.compile(r"[^\s,.;:()/]+(?:/[^\s,.;:()]+)?|№")


@lru_cache(maxsize=4096)
def classify_header(cell: str) -> str | None:
    """The field a header cell names (``Жауапты орындаушылар`` → executors), or None."""
    words = [w.casefold() for w in _WORD.findall(cell)]
    if not words:
        return None
    best, best_n = None, 0
    for field, entries in _lex()["cols"].items():
        n = 0
        for entry in entries:
            k = len(entry)
            for i in range(len(words) - k + 1):
                if all(words[i + j].startswith(entry[j]) for j in range(k)):
                    n += k
                    break
        if n > best_n:
            best, best_n = field, n
    return best


def _header_score(cells: list[str]) -> int:
    return sum(1 for c in cells if c and classify_header(c))


def _is_numbering_row(cells: list[str]) -> bool:
    filled = [c for c in cells if c]
    if len(filled) < 3:
        return False
    try:
        nums = [int(c.rstrip(".")) for c in filled]
    except ValueError:
        return False
    return nums == list(range(nums[0], nums[0] + len(nums)))


# ============================================================================ columns

def _columns_from_headers(headers: list[list[str]], width: int) -> list[str | None] | None:
    if not headers:
        return None
    labels: list[str] | None = None
    full = [h for h in headers if len(h) == width]
    if full:
        labels = [" ".join(h[i] for h in full if h[i]) for i in range(width)]
    elif len(headers) >= 2:
        # Merged header: the first row wrote a spanning cell once; the next row holds its parts.
        top, sub = headers[0], headers[1]
        if len(top) + len(sub) - 1 == width:
            p = len(top) - 1
            for i in range(len(top) - 1, -1, -1):
                if classify_header(top[i]) in (None, "funding", "amount"):
                    p = i
                    break
            labels = top[:p] + [f"{top[p]} {x}".strip() for x in sub] + top[p + 1:]
    if labels is None:
        h = max(headers, key=len)
        if len(h) < width - 1:
            return None
        labels = h + [""] * (width - len(h))
    fields: list[str | None] = []
    for lab in labels:
        f = classify_header(lab) if lab else None
        # executors' header often also says "responsible" and deadline "execution": keep first use
        fields.append(f if f not in fields or f in ("amount",) else None)
    return fields


_SAMPLE_ROWS = 300     # rows read to tell the columns of a headerless table apart


def _content_columns(rows: list[list[str]], width: int) -> list[str | None]:
    """Fields from what the columns hold, for tables without a readable header.

    A long table is read from an evenly spread sample of its rows: a column's kind is decided
    by the share of its cells that look like numbers, dates, executors, and a few hundred rows
    give that share as well as thousands (reading every cell of a 3,000-row table as a date
    cost a fifth of its extraction)."""
    lx = _lex()
    if len(rows) > _SAMPLE_ROWS:
        step = len(rows) / _SAMPLE_ROWS
        rows = [rows[int(k * step)] for k in range(_SAMPLE_ROWS)]
    fields: list[str | None] = [None] * width
    scores: dict[str, list[float]] = {f: [0.0] * width for f in ("number", "deadline", "executors",
                                                              "funding", "amount", "text")}
    for r in rows:
        for i in range(min(width, len(r))):
            c = r[i]
            if not c:
                continue
            # (both number patterns need a digit after leading spaces, and _ABBREV two capitals:
            # a cell without them is not matched at all; most cells are words)
            digit = c[0].isdigit() or c[0].isspace()
            if digit and _NUMBER_CELL.match(c):
                scores["number"][i] += 1
            if _BUDGET.search(c):
                scores["funding"][i] += 1
            elif digit and _AMOUNT_ONLY.match(c):
                scores["amount"][i] += 1
            if lx["agree_bare"].search(c) or (not c.islower() and _ABBREV.search(c)):
                scores["executors"][i] += 1
            if (len(c) < 60 and _date_cell(c)) or (lx["recurring"].search(c) and len(c) < 60):
                scores["deadline"][i] += 1
            scores["text"][i] += min(len(c), 200) / 200
    n = max(1, len(rows))
    taken: set[int] = set()
    for f in ("number", "deadline", "funding", "amount", "executors", "text"):
        cand = [(scores[f][i], i) for i in range(width) if i not in taken]
        if not cand:
            continue
        s, i = max(cand)
        if s / n >= 0.5:
            fields[i] = f
            taken.add(i)
    if "text" in fields and "executors" in fields:
        t, x = fields.index("text"), fields.index("executors")
        between = [i for i in range(t + 1, x) if fields[i] is None]
        if len(between) == 1:
            fields[between[0]] = "completion_form"
    return fields


_BUDGET = re.compile(r"бюджет|қаражат|средств|талап етілмейді|не требуется|инвестиц|қарыз|займ|грант",
                     re.I)
_AMOUNT_ONLY = re.compile(r"^\s*\d[\d\s]*(?:[.,]\d+)?\s*$")
_ABBREV = re.compile(r"(?<!\w)[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,}(?!\w)")


# ============================================================================ executors

def split_executors(cell: str) -> tuple[list[str], list[bool]]:
    """Executors of a cell, split on commas, semicolons and line breaks outside quotes and
    parentheses, each with its "by agreement" mark removed and recorded."""
    parts: list[str] = []
    buf: list[str] = []
    quote = paren = 0
    closes_left = cell.count("»")
    last = ""
    for ch in cell:
        if ch == "«":
            quote += 1
        elif ch == "»":
            quote = max(0, quote - 1)
            closes_left -= 1
        elif ch == "(":
            paren += 1
        elif ch == ")":
            paren = max(0, paren - 1)
        if ch in ",;\n" and quote and (quote > closes_left or last in "»)"):
            # «Региональный технопарк «Сарыарка» (…), … : the outer quote of a nested name is
            # often never closed; a separator right after a closing quote or mark ends a name
            quote = 0
            paren = 0
        if not ch.isspace():
            last = ch
        if ch in ",;\n" and quote == 0 and paren == 0:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    names: list[str] = []
    agree: list[bool] = []
    rx = _lex()["agree"]
    for p in parts:
        flag = bool(rx.search(p))
        name = squash(rx.sub(" ", p)).strip(" .;:-–")
        if not name:
            if flag and agree:
                agree[-1] = True
            continue
        names.append(name)
        agree.append(flag)
    return names, agree


# ============================================================================ rows → measures

def _deadline_value(cell: str, ref: str | None) -> Any:
    text = _GLUED_YEAR.sub(r"\1 ", cell)
    v = parse_date(text, ref)
    if v is None or not has_year(v):
        return None
    if isinstance(v, dict) and v.get("recurring"):
        return None
    return v


def _unit_of(label: str) -> str | None:
    m = _UNIT.search(label or "")
    return m.group(0) if m else None


def _section_of(line: str) -> tuple[str, str] | None:
    """``(number, title)`` of a numbered section heading, or None."""
    m = _lex()["section"].match(line)
    if not m:
        return None
    num = m.group(1) or m.group(2) or m.group(3)
    return num, squash(m.group(4))


@lru_cache(maxsize=16_384)
def _date_cell(cell: str) -> bool:
    """Whether a cell reads as a date (asked of every cell, and again of the cells a ragged
    row's realignment tries in each column: cached)."""
    return parse_date(_GLUED_YEAR.sub(r"\1 ", cell)) is not None


@lru_cache(maxsize=65_536)
def _fit(cell: str, field: str | None) -> float:
    """How well a cell's content suits a column (for rows that lost cells to a rowspan; a
    row's cells are tried in several columns, so the answers are cached)."""
    if not cell or field is None:
        return 0.0
    if field == "number":
        return 2.0 if _NUMBER_CELL.match(cell) else -2.0
    if field == "deadline":
        ok = len(cell) < 60 and (_date_cell(cell) or _lex()["recurring"].search(cell))
        return 2.0 if ok else -1.0
    if field == "funding":
        return 2.0 if _BUDGET.search(cell) else -0.5
    if field == "amount":
        return 2.0 if _AMOUNT_ONLY.match(cell) else -1.0
    if field == "executors":
        if _lex()["agree_bare"].search(cell) or _ABBREV.search(cell) or cell[:1].isupper():
            return 1.0
        return -0.5
    if field == "text":
        return 1.0 if len(cell) > 30 else 0.0
    return 0.0


def _realign(cells: list[str], prev: list[str], cols: list[str | None]) -> list[str]:
    """A row that lost cells to ``rowspan`` cells of the row above (the loader writes a spanning
    cell once): put its cells where their content fits and take the missing ones from above."""
    from itertools import combinations

    width = len(cols)
    missing = width - len(cells)
    if missing > 3:
        return cells
    best, best_score = cells + [""] * missing, float("-inf")
    # Every placement is scored with the same few (cell, column) fits: they are computed once
    # (the fits are pure; the scores, sums of halves, are exact whatever the order), and a
    # placement's row is built only when it wins. Same choice as scoring each built row.
    n_prev = len(prev)
    fit_cell = [[_fit(c, f) for f in cols] for c in cells]
    fit_prev = [_fit(prev[i] if i < n_prev else "", f) for i, f in enumerate(cols)]
    fit_empty = [_fit("", f) for f in cols]
    n_cells = len(cells)
    # A column i that is not a gap holds cell i - g, g the number of gaps before it. With
    # shifted[g][i] the fit of that cell in column i (an empty cell past the last one) and
    # run[g] its prefix sums, a placement's score is the sum of its gaps' fits from above and
    # of run[g] over the stretch between its g-th and (g+1)-th gap: a few additions per
    # placement instead of a walk over the columns. The fits are halves, so every sum is exact
    # whatever the order, and placements are tried in the same order: the same choice.
    run = []
    for g in range(missing + 1):
        acc = [0.0]
        for i in range(width):
            k = i - g
            acc.append(acc[-1] + ((fit_cell[k][i] if k < n_cells else fit_empty[i]) if k >= 0 else 0.0))
        run.append(acc)
    best_gaps: tuple[int, ...] | None = None
    for gaps in combinations(range(1, width), missing):
        score = 0.0
        lo = 0
        for g, gi in enumerate(gaps):
            score += run[g][gi] - run[g][lo] + fit_prev[gi]
            lo = gi + 1
        score += run[missing][width] - run[missing][lo]
        if score > best_score:
            best_gaps, best_score = gaps, score
    if best_gaps is not None:
        best = []
        it = iter(cells)
        for i in range(width):
            best.append(prev[i] if i in best_gaps and i < n_prev else (next(it, "") if i not in best_gaps else ""))
    return best


class _Row:
    __slots__ = ("cells", "start", "end")

    def __init__(self, cells: list[str], start: int, end: int) -> None:
        self.cells, self.start, self.end = cells, start, end


def _logical_rows(ctx: Context, first: int, last: int) -> tuple[list[object], int]:
    """Lines ``first..last`` of a table block → rows (cells) and section headings, with rows
    broken over several lines joined. Returns the items and the table width."""
    text = ctx.text
    spans = line_spans(ctx)
    # the cells of each line that is a row (None for the others), split once per document;
    # copied, since the rows below grow and change them
    row_cells = [None if c is None else list(c) for c in _doc_row_cells(ctx)[first:last + 1]]
    counts = Counter(len(c) for c in row_cells if c is not None and len(c) >= 3)
    width = counts.most_common(1)[0][0] if counts else 0
    items: list[object] = []
    cur: _Row | None = None

    def flush() -> None:
        nonlocal cur
        if cur is not None:
            items.append(cur)
            cur = None

    for i in range(first, last + 1):
        s, e = spans[i]
        line = text[s:e]
        if not line.strip():
            continue
        cells = row_cells[i - first]
        if cells is not None:
            starts_row = bool(_NUMBER_CELL.match(cells[0])) or not cells[0]
            if cur is not None and len(cur.cells) < width and not (starts_row and cells[0]):
                cur.cells[-1] = (cur.cells[-1] + "\n" + cells[0]).strip()
                cur.cells.extend(cells[1:])
                cur.end = e
                continue
            flush()
            cur = _Row(cells, s, e)
            continue
        # a line without cells: the rest of a broken cell, or a section heading
        if cur is not None and len(cur.cells) < width:
            cur.cells[-1] = (cur.cells[-1] + "\n" + line.strip()).strip()
            cur.end = e
            continue
        sec = _section_of(line)
        if sec or (_SECTION_PLAIN.match(line) and not line.rstrip().endswith((",", ";"))):
            flush()
            num, title = sec if sec else (None, squash(line))
            items.append(("section", num, title, s, e))
            continue
        if cur is not None:
            cur.cells[-1] = (cur.cells[-1] + "\n" + line.strip()).strip()
            cur.end = e
            continue
    flush()
    return items, width


def parse_table_lines(ctx: Context, first: int, last: int) -> list[Measure]:
    """Measures of the table occupying lines ``first..last``."""
    items, width = _logical_rows(ctx, first, last)
    if width < 3:
        return []
    headers: list[list[str]] = []
    body: list[object] = []
    seen_measure = False
    for it in items:
        if isinstance(it, _Row):
            cells = it.cells
            if _is_numbering_row(cells):
                continue
            filled = [c for c in cells if c]
            if not seen_measure and not _NUMBER_CELL.match(cells[0] or "x") and _header_score(cells) >= 2:
                headers.append(cells)
                continue
            if not seen_measure and headers and len(filled) >= 2 and _header_score(cells) >= 1 \
                    and not _NUMBER_CELL.match(cells[0] or "x") and len(cells) < width:
                headers.append(cells)  # second row of a merged header
                continue
            seen_measure = seen_measure or len(filled) >= 3
        body.append(it)
    data_rows = [it.cells for it in body if isinstance(it, _Row)
                 and sum(1 for c in it.cells if c) >= 3]
    cols = _columns_from_headers(headers, width)
    if cols is None or "text" not in cols:
        content = _content_columns(data_rows, width)
        if cols is None:
            cols = content
        else:
            for i, f in enumerate(content):
                if i < len(cols) and cols[i] is None and f not in cols:
                    cols[i] = f
    if "text" not in cols and width >= 6:
        cols = list(_STANDARD_ORDER) + [None] * (width - 6)
    if "text" not in cols or not ({"executors", "deadline"} & set(cols)):
        return []  # a table of something else (a glossary, indicators, a budget)
    units = {}
    labels = _header_labels(headers, width)
    for i, f in enumerate(cols):
        if f == "amount":
            units[i] = _unit_of(labels[i] if i < len(labels) else "") or _unit_of(" ".join(labels))
    return _measures(ctx, body, cols, labels, units)


def _header_labels(headers: list[list[str]], width: int) -> list[str]:
    full = [h for h in headers if len(h) == width]
    if full:
        return [" ".join(h[i] for h in full if h[i]) for i in range(width)]
    if headers:
        h = max(headers, key=len)
        return h + [""] * (width - len(h))
    return [""] * width


def _measures(ctx: Context, body: list[object], cols: list[str | None], labels: list[str],
              units: dict[int, str | None]) -> list[Measure]:
    out: list[Measure] = []
    section = section_title = None
    sections_seen = 0
    idx = {f: i for i, f in enumerate(cols) if f}
    running = 0

    def cell(cells: list[str], field: str) -> str | None:
        i = idx.get(field)
        if i is None or i >= len(cells):
            return None
        return cells[i] or None

    width = len(cols)
    prev: list[str] | None = None
    for it in body:
        if isinstance(it, tuple):
            _, num, title, _, _ = it
            sections_seen += 1
            section, section_title = (num or str(sections_seen)), title
            continue
        cells = it.cells
        if prev is not None and 2 <= len(cells) < width and _NUMBER_CELL.match(cells[0] or ""):
            cells = _realign(cells, prev, cols)
        filled = [c for c in cells if c]
        num_cell = cell(cells, "number")
        text_cell = cell(cells, "text")
        if len(filled) == 1 or (len(filled) == 2 and len(cells) >= 4 and num_cell
                                 and (text_cell or not cells[idx.get("number", 0)])):
            # a section heading written as a row with one filled cell, or as number + title
            only = " ".join(filled)
            sec = _section_of(only)
            sections_seen += 1
            section, section_title = sec if sec else (str(sections_seen), squash(only))
            if len(filled) == 2 and num_cell and not sec:
                m = _NUMBER_CELL.match(num_cell)
                section = m.group(1) if m else section
                section_title = squash(text_cell or only)
            continue
        if not text_cell or len(filled) < 3:
            continue
        if "number" in idx:
            m = _NUMBER_CELL.match(num_cell or "")
            if not m:
                continue
            number = m.group(1)
        else:
            running += 1
            number = str(running)
        prev = cells
        execs_cell = cell(cells, "executors") or ""
        names, agree = split_executors(execs_cell)
        deadline = cell(cells, "deadline")
        funding = cell(cells, "funding")
        extra: dict[str, Any] = {}
        if funding:
            amt = parse_amount(funding.replace("\n", " "))
            if amt:
                extra["funding_amount"], extra["funding_currency"] = amt
        for i, unit in units.items():
            if i < len(cells) and cells[i]:
                raw = cells[i].replace("\n", " ")
                amt = parse_amount(f"{raw} {unit}") if unit else parse_amount(raw)
                if amt:
                    extra["amount"], extra["currency"] = amt
                elif raw:
                    extra["amount_text"] = raw
        for i, f in enumerate(cols):
            if f in ("result", "indicator") and i < len(cells) and cells[i]:
                extra[f] = squash(cells[i])
            elif f is None and i < len(cells) and cells[i] and i < len(labels) and labels[i]:
                extra[squash(labels[i])] = squash(cells[i])
        out.append(Measure(
            number=number, section=section, section_title=section_title,
            text=squash(text_cell), completion_form=squash(cell(cells, "completion_form") or "") or None,
            executors=names, executors_by_agreement=agree,
            deadline=squash(deadline) if deadline else None,
            deadline_value=_deadline_value(squash(deadline), ctx.date) if deadline else None,
            funding=squash(funding) if funding else None,
            start=it.start, end=it.end, extra=extra))
    return out


# ============================================================================ finding tables

_MAX_GAP = 6


def _blocks(ctx: Context) -> list[tuple[int, int]]:
    """Line ranges holding table rows; a few lines without cells (section headings, broken
    cells, blank lines) may stand between two rows of one table."""
    rows = [i for i, c in enumerate(_doc_row_cells(ctx)) if c is not None]   # _is_row of each line
    blocks: list[tuple[int, int]] = []
    for i in rows:
        if blocks and i - blocks[-1][1] <= _MAX_GAP + 1:
            blocks[-1] = (blocks[-1][0], i)
        else:
            blocks.append((i, i))
    # a section heading line right above the first row belongs to the table
    out = []
    for a, b in blocks:
        if b - a < 1:
            continue
        out.append((a, b))
    return out


def run(ctx: Context) -> None:
    if "|" not in ctx.text and "\t" not in ctx.text:
        return
    spans = line_spans(ctx)
    for a, b in _blocks(ctx):
        found = parse_table_lines(ctx, a, b)
        if len(found) < 1:
            continue
        ctx.measures.extend(found)
        ctx.table_spans.append((spans[a][0], spans[b][1]))
