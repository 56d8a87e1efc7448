#!/usr/bin/env python3
"""Score the document-structure fields that bench/score.py does not: title, decree header
(number, kind, issuer, signer), clause ids, news byline, source and quote speakers — plus the
time the structure stages take.

    python bench/structure_score.py seeds [-v]
    python bench/structure_score.py corpus [--split tune|heldout] [-v] [--only STEM]

Fields are compared after folding case, quotes and whitespace; clause ids and speakers as sets
(a speaker matches by surname, like the scorer's person rule). A gold file that lacks a field
does not count for it.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs import evaluate  # noqa: E402
from itp_docs.extract.pipeline import build_context, stages  # noqa: E402
from itp_docs.load import read_document  # noqa: E402

STRUCTURE_STAGES = {"structure", "decree", "measures", "glossary", "news"}


def fold(s: object) -> str:
    s = "" if s is None else str(s)
    s = s.replace("i", "і").replace("I", "І")  # Latin i for Kazakh і in copied titles
    return " ".join(re.sub(r"[«»\"“”.,:;]", " ", s).casefold().replace("ё", "е").split())


def same_person(g: str, p: str | None) -> bool:
    return bool(p) and evaluate._person_same({"name": g}, p)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=["seeds", "corpus"])
    ap.add_argument("--split", choices=["tune", "heldout"])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--repeat", type=int, default=3,
                    help="time the structure stages over this many further passes (warm)")
    args = ap.parse_args()
    if args.set == "seeds":
        gold_dir, doc_dir = Path(args.shared) / "eval" / "gold" / "seeds", Path(args.shared) / "seeds"
        if not gold_dir.is_dir():
            print(f"no seeds at {gold_dir}", file=sys.stderr)
            return 2
    else:
        gold_dir, doc_dir = ROOT / "tests" / "data" / "gold" / "corpus", ROOT / "corpus"
    golds = evaluate.load_golds(gold_dir, args.split)
    if args.only:
        golds = {k: v for k, v in golds.items() if args.only in k}
    tally: dict[str, list[int]] = {}
    misses: list[str] = []
    t_struct = 0.0
    words = 0
    broken: set[str] = set()

    def check(field: str, ok: bool, stem: str, gold: object, pred: object) -> None:
        t = tally.setdefault(field, [0, 0])
        t[1] += 1
        t[0] += int(ok)
        if not ok:
            misses.append(f"{stem}: {field}: gold={gold!r} pred={pred!r}")

    for stem, g in golds.items():
        path = doc_dir / g.get("source", stem + ".txt")
        doc = read_document(path)
        words += len(doc.text.split())
        ctx = build_context(doc.text, doc.source, doc.title)
        for name, fn in stages():
            t0 = time.perf_counter()
            if name in STRUCTURE_STAGES:
                fn(ctx)
                t_struct += time.perf_counter() - t0
                continue
            try:
                fn(ctx)
            except Exception as e:  # another stage being written must not hide these figures
                if name not in broken:
                    print(f"warning: stage {name} failed ({type(e).__name__}: {e}); skipped",
                          file=sys.stderr)
                broken.add(name)
        check("doctype", ctx.doctype == g.get("doctype"), stem, g.get("doctype"), ctx.doctype)
        if "date" in g:
            check("date", str(ctx.date) == str(g["date"]), stem, g["date"], ctx.date)
        if "title" in g:
            check("title", fold(ctx.title) == fold(g["title"]), stem, g["title"], ctx.title)
        gd = g.get("decree")
        if gd:
            pd = ctx.decree or {}
            for k in ("number", "kind", "issuer", "signer"):
                if k in gd:
                    check(f"decree.{k}", fold(pd.get(k)) == fold(gd[k]), stem, gd[k], pd.get(k))
        if "clauses" in g:
            pc = [c.id for c in ctx.clauses]
            check("clauses", set(pc) == set(g["clauses"]) and len(pc) == len(g["clauses"]), stem,
                  g["clauses"], pc)
        if "quotes" in g:
            pq = [q["speaker"] for q in (ctx.news or {}).get("quotes", [])]
            gq = [q["speaker"] for q in g["quotes"]]
            left = list(pq)
            for sp in gq:
                hit = next((i for i, p in enumerate(left) if same_person(sp, p)), None)
                check("quote.speaker", hit is not None, stem, sp, pq)
                if hit is not None:
                    left.pop(hit)
            for p in left:
                check("quote.spurious", False, stem, None, p)
        for k in ("byline", "source_name"):
            if k in g:
                pv = (ctx.news or {}).get(k)
                check(k, fold(pv) == fold(g[k]), stem, g[k], pv)
    docs = [read_document(doc_dir / g.get("source", stem + ".txt")) for stem, g in golds.items()]
    warm = []
    for _ in range(max(0, args.repeat)):
        t = 0.0
        for doc in docs:
            ctx = build_context(doc.text, doc.source, doc.title)
            for name, fn in stages():
                if name in STRUCTURE_STAGES:
                    t0 = time.perf_counter()
                    fn(ctx)
                    t += time.perf_counter() - t0
                elif name not in broken:
                    fn(ctx)
        warm.append(t)
    if args.verbose:
        for m in misses:
            print(m)
    for field, (ok, n) in tally.items():
        print(f"{field:15} {ok}/{n}")
    per100 = 1000 * 100 / max(words, 1)
    line = (f"docs={len(golds)} words={words} structure stages (structure, decree, measures, glossary, "
            f"news): first pass {t_struct * per100:.3f} ms/100 words")
    if warm:
        line += f", warm (best of {len(warm)}) {min(warm) * per100:.3f} ms/100 words"
    print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
