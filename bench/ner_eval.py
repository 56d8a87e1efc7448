#!/usr/bin/env python3
"""Entity recognition measured on open datasets nobody here wrote: KazNERD and factRuEval-2016.

    python bench/ner_eval.py [--dataset kaznerd|factrueval|all] [--types PERSON,ORG,...]
                             [--half first|second|all] [--limit N] [--data PATH]
                             [--errors N [--context CHARS]]

Both datasets are read from ``../shared/data`` (``--data`` overrides). The extraction pipeline runs
unchanged (``itp_docs.extract.pipeline.extract_text``) and its entities are compared with the gold
spans per type, twice: exact (same start and end, quote marks at either end of either span left
out, see ``_trim``) and overlap (any shared character; one gold span per prediction). ``--half first`` is the part rules may be tuned on; ``--half second`` is
the held-out part to report.

* KazNERD (IOB2, validation split): PERSON, ORGANISATION → ORG, GPE and LOCATION → LOC, DATE,
  MONEY, PERCENTAGE → PERCENT. Sentences are re-joined into text with ordinary spacing
  (no space before closing punctuation or after an opening quote), 40 to a pseudo-document, one a
  paragraph; halves are the first and second half of the sentences in file order.
* factRuEval-2016 devset: Person → PERSON, Org → ORG, Location and LocOrg → LOC, from the
  ``.objects`` layer (an object's span runs from its first to its last span); halves are the first
  and second half of the documents in name order.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs.extract import pipeline  # noqa: E402
from itp_docs.lang.normalize import normalize  # noqa: E402

KAZNERD_MAP = {"PERSON": "PERSON", "ORGANISATION": "ORG", "GPE": "LOC", "LOCATION": "LOC",
               "DATE": "DATE", "MONEY": "MONEY", "PERCENTAGE": "PERCENT"}
FRE_MAP = {"Person": "PERSON", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
NO_SPACE_BEFORE = set(",.;:!?)]»%…") | {"”", "'s"}
NO_SPACE_AFTER = set("([«„“")
BATCH = 40


@dataclass
class Doc:
    text: str
    gold: list[tuple[str, int, int]]              # (type, start, end)
    words: int = 0


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Result:
    exact: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    overlap: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    words: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    errors: list[tuple[str, str, str]] = field(default_factory=list)   # (type, kind, text)
    context: int = 0        # characters of context shown around each error (0: the span alone)


# --- datasets -------------------------------------------------------------------------------------

def _kaznerd_sentences(path: Path) -> list[list[tuple[str, str]]]:
    sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            tok, _, lab = line.rpartition(" ")
            cur.append((tok.strip(), lab))
    if cur:
        sents.append(cur)
    return sents


def _join(sent: list[tuple[str, str]], base: int, parts: list[str]) -> tuple[list[tuple[int, int]], int]:
    """Append a sentence to ``parts``; returns token spans (absolute) and the new length."""
    spans = []
    pos = base
    prev = None
    for tok, _ in sent:
        if prev is not None and tok not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
        prev = tok
    return spans, pos


def kaznerd_docs(data: Path, half: str, limit: int | None) -> list[Doc]:
    sents = _kaznerd_sentences(data / "kaznerd" / "IOB2_valid.txt")
    mid = len(sents) // 2
    sents = sents[:mid] if half == "first" else sents[mid:] if half == "second" else sents
    if limit:
        sents = sents[:limit]
    docs = []
    for b in range(0, len(sents), BATCH):
        parts: list[str] = []
        gold: list[tuple[str, int, int]] = []
        pos = 0
        words = 0
        for si, sent in enumerate(sents[b:b + BATCH]):
            if si:
                parts.append("\n\n")
                pos += 2
            spans, pos = _join(sent, pos, parts)
            words += len(sent)
            cur = None
            for (tok, lab), (s, e) in zip(sent, spans):
                kind, _, typ = lab.partition("-")
                mapped = KAZNERD_MAP.get(typ)
                if kind == "B" or (kind == "I" and (cur is None or cur[0] != mapped)) or kind == "O":
                    if cur is not None:
                        gold.append(tuple(cur))
                    cur = [mapped, s, e] if mapped and kind in ("B", "I") else None
                elif cur is not None:
                    cur[2] = e
            if cur is not None:
                gold.append(tuple(cur))
        docs.append(Doc("".join(parts), gold, words))
    return docs


def factrueval_docs(data: Path, half: str, limit: int | None) -> list[Doc]:
    folder = data / "factrueval2016" / "devset"
    names = sorted(p.stem for p in folder.glob("*.txt"))
    mid = len(names) // 2
    names = names[:mid] if half == "first" else names[mid:] if half == "second" else names
    if limit:
        names = names[:limit]
    docs = []
    for name in names:
        with (folder / f"{name}.txt").open(encoding="utf-8", newline="") as f:
            text = f.read()  # offsets count every character, \r included
        spans: dict[str, tuple[int, int]] = {}
        for line in (folder / f"{name}.spans").read_text(encoding="utf-8").splitlines():
            p = line.split("#", 1)[0].split()
            if len(p) >= 4:
                spans[p[0]] = (int(p[2]), int(p[2]) + int(p[3]))
        gold = []
        for line in (folder / f"{name}.objects").read_text(encoding="utf-8").splitlines():
            p = line.split("#", 1)[0].split()
            if len(p) < 3 or p[1] not in FRE_MAP:
                continue
            ss = [spans[x] for x in p[2:] if x in spans]
            if ss:
                gold.append((FRE_MAP[p[1]], min(s for s, _ in ss), max(e for _, e in ss)))
        docs.append(Doc(text, sorted(set(gold)), len(text.split())))
    return docs


# --- scoring --------------------------------------------------------------------------------------

def _predict(doc: Doc, types: set[str], res: Result) -> list[tuple[str, int, int]]:
    """The pipeline of ``extract_text``, stage by stage, so that each stage's cost is known."""
    t0 = time.perf_counter()
    norm = normalize(doc.text)
    ctx = pipeline.build_context(norm.text, "<bench>")
    _ = ctx.tokens  # the shared analysis, computed once for all stages
    res.stage_seconds["(normalize, langid, analyze)"] += time.perf_counter() - t0
    for name, fn in pipeline.stages(types):
        t1 = time.perf_counter()
        fn(ctx)
        res.stage_seconds[name] += time.perf_counter() - t1
    out = []
    for e in ctx.entities:
        if e.type not in types:
            continue
        s, t = norm.offsets.span(e.start, e.end) if norm.offsets is not None else (e.start, e.end)
        out.append((e.type, s, t))
    return sorted(set(out))


def _show(doc: Doc, s: int, e: int, res: Result) -> str:
    """The span, with ``res.context`` characters either side when asked (errors are studied in
    context: whether a word before a name is its head, a title or a verb decides the rule)."""
    if not res.context:
        return doc.text[s:e]
    a, b = max(0, s - res.context), min(len(doc.text), e + res.context)
    return (doc.text[a:s] + "[" + doc.text[s:e] + "]" + doc.text[e:b]).replace("\r", "").replace("\n", " ")


_QUOTES = "«»\"„“”'‘’ \t\r\n"


def _trim(text: str, span: tuple[str, int, int]) -> tuple[str, int, int]:
    """A span without quote marks at its ends. The gold layers disagree on them, not on names:
    factRuEval builds an object from token spans and so ends ``партии «Яблоко`` before the closing
    quote, KazNERD tags a quote token sometimes; the pipeline keeps a quote pair whole. Trimming both
    sides compares the names themselves."""
    typ, s, e = span
    while s < e and text[s] in _QUOTES:
        s += 1
    while e > s and text[e - 1] in _QUOTES:
        e -= 1
    return typ, s, e


def _score(doc: Doc, pred: list[tuple[str, int, int]], types: set[str], res: Result, keep: int) -> None:
    for typ in types:
        g = sorted({_trim(doc.text, x) for x in doc.gold if x[0] == typ})
        p = sorted({_trim(doc.text, x) for x in pred if x[0] == typ})
        gs = set(g)
        tp = sum(1 for x in p if x in gs)
        res.exact[typ].tp += tp
        res.exact[typ].fp += len(p) - tp
        res.exact[typ].fn += len(g) - tp
        used = [False] * len(g)
        otp = 0
        for _, s, e in p:
            for k, (_, gs_, ge) in enumerate(g):
                if not used[k] and s < ge and gs_ < e:
                    used[k] = True
                    otp += 1
                    if (gs_, ge) != (s, e) and len(res.errors) < keep:
                        res.errors.append((typ, "boundary", f"{_show(doc, s, e, res)} ~ gold {doc.text[gs_:ge]!r}"))
                    break
            else:
                if len(res.errors) < keep:
                    res.errors.append((typ, "spurious", _show(doc, s, e, res)))
        for k, (_, s, e) in enumerate(g):
            if not used[k] and len(res.errors) < keep:
                res.errors.append((typ, "missed", _show(doc, s, e, res)))
        res.overlap[typ].tp += otp
        res.overlap[typ].fp += len(p) - otp
        res.overlap[typ].fn += len(g) - otp


def evaluate(docs: list[Doc], types: set[str], keep: int = 0, context: int = 0) -> Result:
    res = Result(context=context)
    for doc in docs:
        t0 = time.perf_counter()
        pred = _predict(doc, types, res)
        res.seconds += time.perf_counter() - t0
        res.words += doc.words
        _score(doc, pred, types, res, keep)
    return res


def report(name: str, res: Result, types: list[str]) -> None:
    print(f"\n{name}: {res.words:,} words in {res.seconds:.1f} s "
          f"({res.words / max(res.seconds, 1e-9):,.0f} words/s, whole pipeline)")
    print(f"{'type':8} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}   gold")
    for typ in types:
        e, o = res.exact[typ], res.overlap[typ]
        pe, re_, fe = e.prf()
        po, ro, fo = o.prf()
        print(f"{typ:8} {pe:8.3f} {re_:6.3f} {fe:6.3f}   {po:9.3f} {ro:6.3f} {fo:6.3f}   {e.tp + e.fn}")
    per100 = 100.0 / max(res.words, 1) * 1000
    print("cost per 100 words: " + ", ".join(f"{k} {v * per100:.3f} ms" for k, v in res.stage_seconds.items()))
    for typ, kind, text in res.errors:
        print(f"  {typ} {kind}: {text if res.context else repr(text)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--dataset", choices=["kaznerd", "factrueval", "all"], default="all")
    ap.add_argument("--types", default="PERSON,ORG,LOC,DATE,MONEY,PERCENT")
    ap.add_argument("--half", choices=["first", "second", "all"], default="all")
    ap.add_argument("--limit", type=int, help="sentences (KazNERD) or documents (factRuEval)")
    ap.add_argument("--errors", type=int, default=0,
                    help="print up to N missed, spurious and boundary (overlapping, not exact) spans")
    ap.add_argument("--context", type=int, default=0,
                    help="with --errors: show N characters either side, the span in [brackets]")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"no evaluation data at {data} (expected ../shared/data next to the repository; "
              f"use --data PATH)", file=sys.stderr)
        return 2
    wanted = [t.strip().upper() for t in args.types.split(",") if t.strip()]
    if args.dataset in ("kaznerd", "all"):
        if (data / "kaznerd" / "IOB2_valid.txt").exists():
            types = [t for t in wanted if t in set(KAZNERD_MAP.values())]
            docs = kaznerd_docs(data, args.half, args.limit)
            report(f"KazNERD valid ({args.half})", evaluate(docs, set(types), args.errors, args.context), types)
        else:
            print(f"KazNERD not found under {data}", file=sys.stderr)
    if args.dataset in ("factrueval", "all"):
        if (data / "factrueval2016" / "devset").is_dir():
            types = [t for t in wanted if t in set(FRE_MAP.values())]
            docs = factrueval_docs(data, args.half, args.limit)
            report(f"factRuEval-2016 devset ({args.half})", evaluate(docs, set(types), args.errors, args.context), types)
        else:
            print(f"factRuEval-2016 not found under {data}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
