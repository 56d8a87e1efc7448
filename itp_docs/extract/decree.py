"""Decree parts: heading (kind, number, date), issuer, signer, operative clauses, amendment notes.

A legal act has a fixed skeleton even when a copy loses its layout: an optional title (``… туралы``
/ ``О …``), a heading that names the act (``Қазақстан Республикасы Үкіметінің 2017 жылғы 12
желтоқсандағы № 827 қаулысы``; ``Постановление Правительства … от … № 827``), a preamble closed by
the operative formula (``ҚАУЛЫ ЕТЕДІ``, ``ПОСТАНОВЛЯЕТ``, ``ПРИКАЗЫВАЮ``), numbered clauses, the
signature (role and ``Б. Сағынтаев``), then appendices that repeat the act in an approval line
(``… № 631 қаулысымен бекітілген`` / ``Утвержден постановлением … № 62/01``). Each field is taken
from the most reliable of these places that the copy has; the seed decree, for one, has no
heading and is dated by its approval line.

The words live in ``lexicons/decree_words.tsv``; act references are parsed by ``laws.parse_act``
(a small fallback reads number and date when that parser is absent).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .context import Context
from .scan import fast
from .layout import (any_key, find_acts, find_dates, has_year, is_full_date, line_at, line_spans,
                     lex_rows, literal_keys, parse_act, phrase_pattern, squash, strip_site_name)
from .model import Clause

__all__ = ["run", "decree_signals", "find_formula", "find_signature", "parse_clauses",
           "find_references", "operative_region"]

_UP = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
_LOW = "a-zа-яёәғқңөұүһі"


@lru_cache(maxsize=1)
def _lex() -> dict[str, Any]:
    rows = lex_rows("decree_words.tsv")

    def of(kind: str, lang: str | None = None) -> list[dict]:
        return [r for r in rows if r["kind"] == kind and (lang is None or r["lang"] == lang)]

    formula_kind: dict[str, tuple[str, bool]] = {}
    for r in of("formula") + of("formula_first"):
        formula_kind[" ".join(r["form"].upper().split())] = (r["value"], r["kind"] == "formula_first")
    alts = [f for f in formula_kind]
    upper = re.compile(r"(?<![\w])(" + "|".join(r"\s+".join(map(re.escape, f.split()))
                                                for f in sorted(alts, key=len, reverse=True))
                       + r")(?![\w])")
    colon = re.compile(r"(?<![\w])(" + "|".join(r"\s+".join(map(re.escape, f.split()))
                                                for f in sorted(alts, key=len, reverse=True))
                       + r")\s*:", re.I)
    heading_kind = {r["form"].casefold(): r["value"] for r in of("heading")}
    kk_heads = phrase_pattern(r["form"] for r in of("heading", "kk"))
    ru_heads = phrase_pattern(r["form"] for r in of("heading", "ru"))
    approval_kk = [r["form"] for r in of("approval") if r["value"] == "before"]
    approval_ru = [r["form"] for r in of("approval") if r["value"] == "after"]
    foot_labels = phrase_pattern(r["form"] for r in of("footnote"))
    actions = {" ".join(r["form"].casefold().split()): r["value"] for r in of("footnote_action")}
    return {
        "formula_keys": literal_keys(alts),
        "formula_kind": formula_kind,
        # (searched over whole texts: behind scan.fast's locator, same matches)
        "formula_upper": fast(upper),
        "formula_colon": fast(colon),
        "heading_kind": heading_kind,
        # Kazakh heading: "… № 827 қаулысы." — the act word closes the line.
        "heading_kk": re.compile(r"(?:№|N)\s*\d[^\n]*?\s(" + kk_heads + r")\s*\.?\s*$", re.I),
        # Russian heading: "Постановление Правительства … от … № 827" — the act word opens it.
        "heading_ru": re.compile(r"^\s*(" + ru_heads + r")\s[^\n]*?(?:№|N)\s*\d", re.I),
        "heading_any": re.compile(r"(?<!\w)(" + phrase_pattern(r["form"] for r in of("heading")) + r")(?!\w)", re.I),
        "heading_kk_words": {r["form"].casefold() for r in of("heading", "kk")},
        # "… № 631 қаулысымен бекітілген" closes its line; mid-sentence it cites another act
        "approval_before": fast(re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, approval_kk))
                                           + r")[ \t]*[.]?[ \t]*$", re.I | re.M)),
        "approval_after": re.compile(r"^[ \t]*(?:" + "|".join(map(re.escape, approval_ru)) + r")(?!\w)",
                                     re.I | re.M),
        "footnote": re.compile(r"^[ \t]*(" + foot_labels + r")\s*[.:!]+[ \t]*", re.I | re.M),
        "actions": actions,
        "action_re": re.compile(phrase_pattern(r["form"] for r in of("footnote_action")), re.I),
        "issuer_heads": {r["form"].casefold(): r["value"] for r in of("issuer_head")},
        "cut": re.compile(r"[»,;:.)\n]|(?<!\w)(?:" + "|".join(map(re.escape, (r["form"] for r in of("cut"))))
                          + r")(?!\w)", re.I),
        "registration": re.compile(phrase_pattern(r["form"] for r in of("registration"))),
        "registration_side": {" ".join(r["form"].casefold().split()): r["value"] for r in of("registration")},
        "title_end": re.compile(r"(?<!\w)(?:" + "|".join(re.escape(r["form"]) for r in of("title_end"))
                                + r")[»\"]*\s*\.?\s*$", re.I),
        "title_start": re.compile(r"^\s*(?:" + "|".join(re.escape(r["form"]) for r in of("title_start"))
                                  + r")\s+[" + _LOW + _UP + r"«]", 0),
    }


# ============================================================================ formula & signals

def find_formula(ctx: Context) -> tuple[int, int, str, bool] | None:
    """``(start, end, act kind, first_person)`` of the operative formula, cached in ctx.notes."""
    if "formula" in ctx.notes:
        return ctx.notes["formula"]
    lx = _lex()
    text = ctx.text
    best = None
    if not any_key(text, lx["formula_keys"]):
        ctx.notes["formula"] = None
        return None
    m = lx["formula_upper"].search(text)
    if m:
        best = m
    m2 = lx["formula_colon"].search(text)
    if m2 and (best is None or m2.start() < best.start()):
        best = m2
    out = None
    if best is not None:
        key = " ".join(best.group(1).upper().split())
        kind, first = lx["formula_kind"].get(key, ("resolution", False))
        end = best.end()
        colon = re.match(r"\s*:", text[end:end + 5])
        if colon:
            end += colon.end()
        out = (best.start(1), end, kind, first)
    ctx.notes["formula"] = out
    return out


def _heading(ctx: Context, before: int | None) -> tuple[int, int, str, str] | None:
    """``(start, end, act word, lang)`` of the heading line among the first lines (kept in
    ``ctx.notes``: the doctype signals and this stage both look for it)."""
    memo = ctx.notes.setdefault("decree_heading", {})
    if before not in memo:
        memo[before] = _find_heading(ctx, before)
    return memo[before]


def _find_heading(ctx: Context, before: int | None) -> tuple[int, int, str, str] | None:
    lx = _lex()
    text = ctx.text
    for k, (s, e) in enumerate(line_spans(ctx)):
        if before is not None and s >= before:
            break
        if k > 40:
            break
        line = text[s:e]
        if not line.strip() or len(line) > 400:
            continue
        reg = _registration_in(line)
        if reg is not None:
            line = line[:reg[0]].rstrip()
            e = s + len(line)
        m = lx["heading_kk"].search(line)
        if m:
            return s, e, m.group(1), "kk"
        m = lx["heading_ru"].match(line)
        if m and line.lstrip()[:1].isupper():
            return s, e, m.group(1), "ru"
        # the blank form: "ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҮКІМЕТІНІҢ / ҚАУЛЫСЫ" or "ПОСТАНОВЛЕНИЕ /
        # ПРАВИТЕЛЬСТВА …" in capitals, then "2017 жылғы 12 желтоқсан № 827 Астана" below
        if line.isupper() and len(line.split()) <= 8:
            m = lx["heading_any"].search(line)
            if m:
                found = _number_line_below(ctx, k, before)
                if found is not None:
                    lang = "kk" if m.group(1).casefold() in lx["heading_kk_words"] else "ru"
                    return s, found, m.group(1), lang
    return None


def _registration_in(line: str) -> tuple[int, int] | None:
    """The part of a line that records state registration (``Зарегистрирован в Министерстве
    юстиции … № 20640``; ``… Әділет министрлігінде … № 20640 болып тіркелді``)."""
    lx = _lex()
    m = lx["registration"].search(line)
    if not m:
        return None
    if lx["registration_side"].get(" ".join(m.group().casefold().split())) == "opens":
        return m.start(), len(line)          # Russian: the phrase opens the record
    cut = max(line.rfind(". ", 0, m.start()), -1)
    return cut + 1 if cut >= 0 else 0, m.end()  # Kazakh: the sentence that the phrase closes


def registration(ctx: Context, before: int | None) -> dict | None:
    """``{"number", "date"}`` of the state registration noted near the heading, if any."""
    text = ctx.text
    for k, (s, e) in enumerate(line_spans(ctx)):
        if k > 20 or (before is not None and s >= before):
            break
        reg = _registration_in(text[s:e])
        if reg is None:
            continue
        seg = text[s + reg[0]:s + reg[1]]
        num = _NUMBER.search(seg)
        date = next((v for _, _, v in find_dates(seg) if is_full_date(v)), None)
        if num or date:
            return {"number": num.group(1).rstrip(".") if num else None, "date": date}
    return None


def _number_line_below(ctx: Context, k: int, before: int | None) -> int | None:
    """End of a "date № number" line within the three lines below line ``k``."""
    text = ctx.text
    spans = line_spans(ctx)
    for j in range(k + 1, min(len(spans), k + 4)):
        s, e = spans[j]
        if before is not None and s >= before:
            break
        line = text[s:e]
        if len(line) <= 160 and _NUMBER.search(line) and any(is_full_date(v) for _, _, v in find_dates(line)):
            return e
    return None


_NUMBER = re.compile(r"(?:№|N)\s*([0-9][\w/\-–]*(?:\.[0-9]+)*)")


def _act_of(text: str, lang_word: str | None = None) -> dict:
    """kind/number/date/issuer of one act reference, from laws.parse_act or a minimal fallback."""
    flat = text.replace("\n", " ")
    act = parse_act(flat) or {}
    out = {k: act.get(k) for k in ("kind", "number", "date", "issuer", "title")}
    if not out.get("number"):
        m = _NUMBER.search(flat)
        if m:
            out["number"] = m.group(1)
    if out.get("number"):
        out["number"] = str(out["number"]).strip().rstrip(".").lstrip("№N ").strip()
    if not out.get("date"):
        for _, _, v in find_dates(flat):
            if is_full_date(v):
                out["date"] = v
                break
    if not out.get("kind") and lang_word:
        out["kind"] = _lex()["heading_kind"].get(lang_word.casefold())
    return out


def decree_signals(ctx: Context) -> int:
    """How strongly the text looks like a legal act (structure.detect_doctype decides at 3)."""
    score = 0
    f = find_formula(ctx)
    if f is not None:
        score += 3
    if _heading(ctx, f[0] if f else None) is not None:
        score += 2
    lx = _lex()
    if lx["approval_after"].search(ctx.text) or _approval_before_with_number(ctx.text):
        score += 2
    if len(_clause_starts(ctx.text)) >= 3:
        score += 1
    if any(_footnote_action(ctx.text, m.end()) for m in lx["footnote"].finditer(ctx.text)):
        score += 1
    return score


def _approval_before_with_number(text: str) -> bool:
    for m in _lex()["approval_before"].finditer(text):
        if _NUMBER.search(text, max(0, m.start() - 200), m.start()):
            return True
    return False


_LINE_CLAUSE = re.compile(r"^[ \t]*(\d{1,3})\.[ \t]+\S", re.M)


def _clause_starts(text: str) -> list[int]:
    """Line-initial "1. ", "2. ", "3. " in sequence (a weak decree signal)."""
    nums = [int(m.group(1)) for m in _LINE_CLAUSE.finditer(text)]
    run = best = 0
    prev = 0
    for n in nums:
        if n == prev + 1:
            run += 1
        elif n == 1:
            run = 1
        prev = n
        best = max(best, run)
    return list(range(best))


# ============================================================================ signature

_NAME = (rf"[{_UP}]\.[ \t]?(?:[{_UP}]\.[ \t]?)?[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?")
_SIG_LINE = re.compile(rf"^(?P<role>[^\n]*?\S)?[ \t]+(?P<name>{_NAME})[ \t]*$|^[ \t]*(?P<alone>{_NAME})[ \t]*$")
_ROLE_LINE_BAD = re.compile(r"[.;:,]\s*$|^\s*\d+[.)]")


def find_signature(ctx: Context, start: int) -> tuple[int, int, str, str | None] | None:
    """``(start, end, signer, role)`` of the first signature line after ``start``: a line that
    ends with initials and a surname (``Премьер-Министрі      Б. Сағынтаев``), its role on the
    same line and on up to two short lines above it."""
    text = ctx.text
    spans = line_spans(ctx)
    i0 = line_at(ctx, start)
    for i in range(i0, len(spans)):
        s, e = spans[i]
        if s < start:
            continue
        line = text[s:e]
        if len(line) > 300 or "|" in line:
            continue
        m = _SIG_LINE.match(line)
        if not m:
            continue
        name = m.group("name") or m.group("alone")
        role_parts: list[str] = []
        if m.group("role"):
            role = m.group("role").strip()
            if _ROLE_LINE_BAD.search(role) or len(role.split()) > 12:
                continue
            role_parts.append(role)
        first = s
        j = i - 1
        while j >= 0 and len(role_parts) < 4:
            ps, pe = spans[j]
            prev = text[ps:pe].strip()
            if not prev or len(prev.split()) > 8 or _ROLE_LINE_BAD.search(prev):
                break
            role_parts.insert(0, prev)
            first = ps
            j -= 1
        if not role_parts:
            continue
        role = squash(" ".join(role_parts)) or None
        return first, e, _norm_initials(name), role
    return None


_INITIALS = re.compile(rf"^((?:[{_UP}]\.)+)\s*")


def _norm_initials(name: str) -> str:
    """``Н.Назарбаев`` → ``Н. Назарбаев``; ``Ж.Қ. Тұрғанбаев`` keeps its initials together."""
    name = squash(name)
    m = _INITIALS.match(name)
    if m:
        return m.group(1) + " " + name[m.end():]
    return name


# ============================================================================ clauses

_MARKER = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,2})([.)])[ \t]+(?=\S)")


def operative_region(ctx: Context) -> tuple[int, int]:
    """From the end of the formula to the signature (or the approval line / first table row)."""
    text = ctx.text
    f = find_formula(ctx)
    start = f[1] if f else 0
    if f is None:
        # no formula: clauses may still open the text, but never inside or after an appendix
        m = re.search(r"(?m)^[ \t]*1\.[ \t]+\S", text)
        if not m:
            return 0, 0
        start = m.start()
        lx = _lex()
        for rx in (lx["approval_after"], lx["approval_before"]):
            a = rx.search(text, 0, start)
            if a:
                return 0, 0
        if "|" in text[:start] and re.search(r"(?m)^[^\n]*\|[^\n]*\|", text[:start]):
            return 0, 0
    sig = ctx.notes.get("signature")
    end = sig[0] if sig else len(text)
    lx = _lex()
    for rx in (lx["approval_after"], lx["approval_before"]):
        m = rx.search(text, start, end)
        if m:
            end = min(end, text.rfind("\n", start, m.start()) + 1 or m.start())
    t = text.find("\t|\t", start, end)
    if t >= 0:
        end = min(end, text.rfind("\n", start, t) + 1 or t)
    return start, max(start, end)


def _boundary_ok(text: str, pos: int, region_start: int) -> bool:
    """A clause number must open a line or follow the end of a sentence/list item (. : ;)."""
    i = pos - 1
    while i >= region_start and text[i] in " \t":
        i -= 1
    if i < region_start:
        return True
    return text[i] in "\n.:;"


def parse_clauses(ctx: Context, start: int, end: int) -> list[Clause]:
    """Numbered clauses in ``[start, end)``: ``1.``, ``2.`` top level; ``1)``, ``2)`` or ``2.1.``
    under the current one. Numbers must continue the sequence, so dates, amounts and numbers in
    quoted amendments (``«1. … құрылсын.»``) are not taken for clauses."""
    text = ctx.text
    notes = [(s, e) for s, e in ctx.notes.get("footnote_spans", []) if start <= s < end]
    marks: list[tuple[int, int, str, str | None]] = []  # (marker start, text start, id, parent)
    top = 0
    sub = 0
    for m in _MARKER.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in notes):
            continue
        if not _boundary_ok(text, m.start(), start):
            continue
        parts = m.group(1).split(".")
        kind = m.group(2)
        nums = [int(p) for p in parts]
        if len(nums) == 1 and kind == "." and nums[0] == top + 1:
            top, sub = nums[0], 0
            marks.append((m.start(), m.end(), str(top), None))
        elif len(nums) == 1 and kind == ")" and top and nums[0] == sub + 1:
            sub = nums[0]
            marks.append((m.start(), m.end(), f"{top}.{sub}", str(top)))
        elif len(nums) == 2 and nums[0] == top and nums[1] == sub + 1:
            sub = nums[1]
            marks.append((m.start(), m.end(), f"{top}.{sub}", str(top)))
    clauses: list[Clause] = []
    cuts = sorted([a for a, _ in notes] + [end])
    for k, (ms, ts, cid, parent) in enumerate(marks):
        stop = marks[k + 1][0] if k + 1 < len(marks) else end
        stop = min([stop] + [c for c in cuts if c > ts])
        body = text[ts:stop]
        stripped = body.rstrip()
        clauses.append(Clause(id=cid, start=ms, end=ts + len(stripped), text=squash(stripped), parent=parent))
    return clauses


# ============================================================================ footnotes

def _footnote_action(text: str, pos: int) -> str | None:
    e = text.find("\n", pos)
    seg = text[pos:e if e >= 0 else len(text)]
    m = _lex()["action_re"].search(seg)
    if not m:
        return None
    return _lex()["actions"].get(" ".join(m.group().casefold().split()), _prefix_action(m.group()))


def _prefix_action(found: str) -> str | None:
    f = " ".join(found.casefold().split())
    for form, value in _lex()["actions"].items():
        if form.endswith("*") and f.startswith(form[:-1]):
            return value
        if "*" in form:
            head = form.split("*")[0]
            if f.startswith(head):
                return value
    return None


def find_references(ctx: Context) -> list[dict[str, Any]]:
    """Amendment footnotes (``Ескерту. … өзгерістер енгізілді - ҚР Үкіметінің 18.06.2018 № 357
    қаулысымен.``; ``Сноска. … в редакции постановления …``): what changed, and by which act."""
    text = ctx.text
    out = []
    spans = []
    for m in _lex()["footnote"].finditer(text):
        e = text.find("\n", m.end())
        e = len(text) if e < 0 else e
        body = text[m.end():e].strip()
        action = _footnote_action(text, m.end())
        acts = [a for _, _, a in find_acts(body)]
        if action is None and not acts and not _NUMBER.search(body):
            continue
        ls = text.rfind("\n", 0, m.start()) + 1
        spans.append((ls, e))
        ref: dict[str, Any] = {"type": "amendment_note", "label": squash(m.group(1)), "action": action,
                               "text": squash(body), "start": ls, "end": e}
        if acts:
            ref["acts"] = acts
            ref["act"] = acts[0]
        else:
            act = _act_of(body)
            if act.get("number"):
                ref["act"] = act
        out.append(ref)
    ctx.notes["footnote_spans"] = spans
    return out


# ============================================================================ header fields

def _issuer_before(ctx: Context, pos: int) -> str | None:
    """The body named right before a 3rd-person formula (``… мақсатында Қазақстан Республикасының
    Үкіметі ҚАУЛЫ ЕТЕДІ``; ``… № 95, акимат города Алматы ПОСТАНОВЛЯЕТ``)."""
    lx = _lex()
    text = ctx.text
    lo = max(0, pos - 400)
    window = text[lo:pos]
    last = None
    for m in lx["cut"].finditer(window):
        last = m
    tail = window[last.end():] if last else window
    words = tail.split()
    if not words:
        return None
    heads = lx["issuer_heads"]
    idx = [k for k, w in enumerate(words) if w.casefold().strip("«»") in heads]
    if not idx:
        return squash(tail) if len(words) <= 5 and words[0][:1].isupper() else None
    k = idx[-1]
    side = heads[words[k].casefold().strip("«»")]
    if side == "last":
        chosen = words[max(0, k - 5):k + 1] if len(words) > 8 else words[:k + 1]
    else:
        chosen = words[k:k + 7]
    return " ".join(chosen) if chosen else None


def _title(ctx: Context, before: int | None) -> tuple[str, tuple[int, int]] | None:
    lx = _lex()
    text = ctx.text
    seen = 0
    for s, e in line_spans(ctx):
        if before is not None and s >= before:
            break
        line = text[s:e].strip()
        if not line:
            continue
        seen += 1
        if seen > 6:
            break
        if len(line.split()) > 80 or any(a <= s < b for a, b in ctx.ignore_spans):
            continue
        if lx["formula_upper"].search(line):
            break
        if lx["title_end"].search(line) or lx["title_start"].match(line):
            return squash(line), (s, e)
    return None


_AFTER_SIG_DATE_LINES = 3


def _date_after_signature(ctx: Context, sig_end: int) -> tuple[str | None, str | None]:
    """``Астана, Ақорда, 2014 жылғы 1 тамыз`` / ``№ 874`` under a President's signature."""
    text = ctx.text
    spans = line_spans(ctx)
    i = line_at(ctx, sig_end) + 1
    date = number = None
    taken = 0
    while i < len(spans) and taken < _AFTER_SIG_DATE_LINES:
        s, e = spans[i]
        line = text[s:e].strip()
        i += 1
        if not line:
            if date or number:
                break
            continue
        taken += 1
        if len(line) > 80:
            break
        if date is None:
            for _, _, v in find_dates(line):
                if is_full_date(v):
                    date = v
                    break
        m = re.fullmatch(r"(?:№|N)\s*(\S+)", line)
        if m:
            number = m.group(1).rstrip(".")
    return date, number


def _approval(ctx: Context, start: int) -> dict | None:
    """The act named by the first appendix approval line after ``start``."""
    lx = _lex()
    text = ctx.text
    best: tuple[int, dict] | None = None
    m = lx["approval_after"].search(text, start)
    if m:
        window = text[m.end():m.end() + 300].replace("\n", " ")
        acts = find_acts(window)
        act = acts[0][2] if acts else None
        if act is None:
            nm = _NUMBER.search(window)
            stop = nm.end() if nm else len(window)
            act = _act_of(window[:stop])
        else:
            act = _clean_act(act)
        best = (m.start(), act)
    for m2 in lx["approval_before"].finditer(text, start):
        lo = max(start, m2.start() - 300)
        window = text[lo:m2.start()].replace("\n", " ")
        if not _NUMBER.search(window):
            continue
        acts = find_acts(window)
        if acts:
            act = _clean_act(acts[-1][2])
        else:
            nms = list(_NUMBER.finditer(window))
            # the reference ends at the number and its act word: take the last line-ish chunk
            cut = window.rfind("  ", 0, nms[-1].start())
            act = _act_of(window[cut + 1 if cut >= 0 else 0:])
        if best is None or m2.start() < best[0]:
            best = (m2.start(), act)
        break
    return best[1] if best else None


def _clean_act(act: dict) -> dict:
    out = {k: act.get(k) for k in ("kind", "number", "date", "issuer", "title")}
    if out.get("number"):
        out["number"] = str(out["number"]).strip().rstrip(".").lstrip("№N ").strip()
    return out


# ============================================================================ stage

def run(ctx: Context) -> None:
    refs = find_references(ctx)
    if ctx.doctype != "decree":
        return
    text = ctx.text
    f = find_formula(ctx)
    head = _heading(ctx, f[0] if f else None)
    sig = find_signature(ctx, f[1] if f else (head[1] if head else 0))
    if sig is not None:
        ctx.notes["signature"] = sig
    info: dict[str, Any] = {"kind": None, "number": None, "date": None}
    if head is not None:
        act = _act_of(text[head[0]:head[1]], head[2])
        info.update({k: act.get(k) for k in ("kind", "number", "date")})
        info["heading_issuer"] = act.get("issuer")
    after = sig[1] if sig else (f[1] if f else 0)
    if not info["number"] or not info["date"]:
        act = _approval(ctx, after)
        if act:
            for k in ("kind", "number", "date"):
                if not info.get(k) and act.get(k):
                    info[k] = act[k]
    if sig is not None and (not info["number"] or not info["date"]):
        d, n = _date_after_signature(ctx, sig[1])
        info["date"] = info["date"] or d
        info["number"] = info["number"] or n
    if f is not None and not info["kind"]:
        info["kind"] = f[2]
    # a collegial body names itself before a 3rd-person formula; a 1st-person act is the signer's
    issuer = None
    if f is not None and not f[3]:
        issuer = _issuer_before(ctx, f[0])
    elif sig is not None:
        issuer = sig[3]
    issuer = issuer or info.pop("heading_issuer", None)
    info.pop("heading_issuer", None)
    # the title stands above the heading, or below a heading in capitals
    title = _title(ctx, head[0] if head and (not f or head[0] < f[0]) else (f[0] if f else None))
    if title is None and head is not None:
        title = _title(ctx, f[0] if f else None)
    if title is not None:
        ctx.title, ctx.title_span = title
    elif ctx.title:
        ctx.title = strip_site_name(ctx.title)
    ctx.decree = {
        "kind": info["kind"], "number": info["number"], "date": info["date"] if has_year(info["date"]) else None,
        "issuer": issuer, "signer": sig[2] if sig else None, "signer_role": sig[3] if sig else None,
        "title": title[0] if title else None,
    }
    reg = registration(ctx, f[0] if f else None)
    if reg is not None:
        ctx.decree["registration"] = reg
    if ctx.decree["date"]:
        ctx.date = ctx.decree["date"]
    s, e = operative_region(ctx)
    ctx.clauses = parse_clauses(ctx, s, e) if e > s else []
    ctx.references = refs
