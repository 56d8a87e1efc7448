"""Kazakh lemmatizer benchmark on UD Kazakh-KTB (gold lemmas), with a fixed tune/held-out split.

Usage: .venv/bin/python bench/kk_lemmas.py [--split tune|heldout|all] [--sample] [--data DIR]
       .venv/bin/python bench/kk_lemmas.py --split tune --errors N | --collisions   (TUNE/sample only)

Protocol: ``kk_ktb-dev.conllu`` is split by sentence index (0-based): even sentences are TUNE,
odd ones HELD-OUT. Rules and lexicons may be adjusted after looking at TUNE errors (``--errors``
lists them, and refuses to for HELD-OUT); HELD-OUT only ever reports figures, so it measures how
well the analyser does on text it was not adjusted to.

Figures, for NOUN/PROPN/ADJ tokens and for all tokens (multiword-token range lines skipped):
  lemma       exact-lemma accuracy, case-insensitive
  conflation  share of tokens with stem(form) == stem(gold lemma)
  collisions  share of distinct gold lemmas whose stem is shared by another distinct gold lemma
Speed: cold = distinct forms analysed with empty caches; warm = cached lookups over all tokens;
best of 5 passes (median shown too), since a shared machine only ever slows a pass down.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from itp_docs import lexicon
from itp_docs.lang.kk import lemmatizer as kk

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEFAULT_DATA = SHARED / "data" / "ud_kazakh_ktb"
NOMINAL = ("NOUN", "PROPN", "ADJ")


def read_conllu(path: Path) -> list[list[tuple[str, str, str]]]:
    """Sentences as lists of (form, lemma, upos); multiword ranges and empty nodes skipped."""
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        if line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 4 or "-" in cols[0] or "." in cols[0]:
            continue
        cur.append((cols[1], cols[2], cols[3]))
    if cur:
        sents.append(cur)
    return sents


def split(sents: list, which: str) -> list:
    if which == "tune":
        return [s for i, s in enumerate(sents) if i % 2 == 0]
    if which == "heldout":
        return [s for i, s in enumerate(sents) if i % 2 == 1]
    return sents


def figures(tokens: list[tuple[str, str, str]]) -> dict:
    n = len(tokens)
    if not n:
        return {"n": 0, "lemma": 0.0, "conflation": 0.0, "collisions": 0.0, "lemmas": 0}
    ok = sum(kk.lemma(f).casefold() == g.casefold() for f, g, _ in tokens)
    conf = sum(kk.stem(f) == kk.stem(g) for f, g, _ in tokens)
    by_stem: dict[str, set] = defaultdict(set)
    lemmas = {g.casefold() for _, g, _ in tokens}
    for g in lemmas:
        by_stem[kk.stem(g)].add(g)
    shared = sum(1 for g in lemmas if len(by_stem[kk.stem(g)]) > 1)
    return {"n": n, "lemma": ok / n, "conflation": conf / n, "collisions": shared / len(lemmas),
            "lemmas": len(lemmas)}


def line(name: str, f: dict) -> str:
    return (f"  {name:<14} n={f['n']:>5}  lemma={f['lemma']:.3f}  conflation={f['conflation']:.3f}  "
            f"collisions={f['collisions']:.3f} ({f['lemmas']} lemmas)")


def report(name: str, sents: list) -> None:
    toks = [t for s in sents for t in s]
    nom = [t for t in toks if t[2] in NOMINAL]
    print(f"{name}: {len(sents)} sentences")
    print(line("NOUN+PROPN+ADJ", figures(nom)))
    print(line("all tokens", figures(toks)))
    for pos, _ in Counter(t[2] for t in toks).most_common():
        sub = [t for t in toks if t[2] == pos]
        if len(sub) >= 10:
            f = figures(sub)
            print(f"    {pos:<6} n={f['n']:>5}  lemma={f['lemma']:.3f}  conflation={f['conflation']:.3f}")


def errors(sents: list, limit: int) -> None:
    errs = Counter()
    for s in sents:
        for f, g, p in s:
            if p in NOMINAL or p == "VERB":
                a = kk.analyze(f)
                if a.lemma.casefold() != g.casefold() or kk.stem(f) != kk.stem(g):
                    errs[(p, f, g, a.lemma, "+".join(a.suffixes), kk.stem(f) == kk.stem(g))] += 1
    for (p, f, g, lem, suf, conf), c in errs.most_common(limit):
        print(f"{c:>3} {p:<5} {f} -> {lem} [{suf}] gold {g}{'' if conf else '  (stem differs)'}")


def collisions(sents: list) -> None:
    lemmas = {g.casefold() for s in sents for _, g, _ in s}
    by_stem: dict[str, set] = defaultdict(set)
    for g in lemmas:
        by_stem[kk.stem(g)].add(g)
    for key, group in sorted(by_stem.items()):
        if len(group) > 1:
            print(f"{key}: {' '.join(sorted(group))}")


def speed(sents: list, passes: int = 5) -> None:
    """Best of ``passes`` (like timeit): the machine may be shared, the minimum is the signal."""
    toks = [t[0] for s in sents for t in s]
    forms = list(dict.fromkeys(toks))
    loads, colds, warms = [], [], []
    for _ in range(passes):
        kk._data.cache_clear()
        lexicon._load_cached.cache_clear()
        t0 = time.perf_counter()
        kk._data()
        loads.append(time.perf_counter() - t0)
        kk.analyze.cache_clear()
        kk._stem_key.cache_clear()
        t0 = time.perf_counter()
        for w in forms:
            kk.analyze(w)
        colds.append(time.perf_counter() - t0)
        reps = max(1, 500_000 // len(toks))
        t0 = time.perf_counter()
        for _ in range(reps):
            for w in toks:
                kk.analyze(w)
        warms.append((time.perf_counter() - t0) / reps)
    print(f"speed (best of {passes}): lexicon load {min(loads) * 1000:.0f} ms; "
          f"cold {len(forms) / min(colds):,.0f} distinct words/s ({len(forms)} forms, "
          f"median {len(forms) / sorted(colds)[passes // 2]:,.0f}); "
          f"warm {len(toks) / min(warms):,.0f} lookups/s")


def main() -> int:
    try:
        return _main()
    except BrokenPipeError:  # piped into head
        return 0


def _main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder with kk_ktb-*.conllu")
    ap.add_argument("--split", choices=("tune", "heldout", "all"), help="one split only (default: all three)")
    ap.add_argument("--sample", action="store_true", help="use the 31-sentence sample file instead")
    ap.add_argument("--errors", type=int, default=0,
                    help="list the N most frequent errors (TUNE/sample only)")
    ap.add_argument("--collisions", action="store_true", help="list colliding gold lemmas (TUNE/sample only)")
    args = ap.parse_args()
    name = "kk_ktb-sample.conllu" if args.sample else "kk_ktb-dev.conllu"
    path = args.data / name
    if not path.is_file():
        print(f"UD Kazakh-KTB not found: {path} (pass --data DIR; the data lives outside the repo "
              f"in ../shared/data/ud_kazakh_ktb)", file=sys.stderr)
        return 2
    sents = read_conllu(path)
    if args.errors or args.collisions:
        if not args.sample and args.split != "tune":
            print("--errors/--collisions are only allowed with --split tune or --sample "
                  "(held-out errors stay unseen)", file=sys.stderr)
            return 2
        chosen = sents if args.sample else split(sents, "tune")
        if args.collisions:
            collisions(chosen)
        else:
            errors(chosen, args.errors)
        return 0
    if args.sample:
        report("SAMPLE", sents)
    else:
        for which in ([args.split] if args.split else ["tune", "heldout", "all"]):
            report({"tune": "TUNE", "heldout": "HELD-OUT", "all": "ALL"}[which], split(sents, which))
    speed(sents)
    return 0


if __name__ == "__main__":
    sys.exit(main())
