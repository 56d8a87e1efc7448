"""Pairwise evaluation of transliteration-aware name matching, and key speed.

Every unordered pair of variants in a names file is a test: gold = same group, predicted =
``names_match(a, b)``. Prints precision, recall, F1, the false positives and negatives, and the
cold throughput of ``fold_key`` and ``word_keys`` (caches cleared, every word distinct).

    .venv/bin/python bench/keys_eval.py                          # tests/data/names.tsv (tuned on)
    .venv/bin/python bench/keys_eval.py --file tests/data/names_heldout.tsv
    .venv/bin/python bench/keys_eval.py --speed-only
    .venv/bin/python bench/keys_eval.py --plain-distance        # ablation of the vowel-light distance
    .venv/bin/python bench/keys_eval.py --lexicon persons.tsv   # spellings listed by another author
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itp_docs.lang import translit  # noqa: E402


def read_variants(path: Path) -> list[tuple[str, str, str]]:
    """(group, variant, system) rows of a names TSV; '#' lines are comments."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(r["group"], r["variant"], r["system"]) for r in rows]


def evaluate(rows: list[tuple[str, str, str]]) -> dict:
    tp = fp = fn = tn = 0
    fps, fns = [], []
    for (ga, a, sa), (gb, b, sb) in combinations(rows, 2):
        gold = ga == gb
        pred = translit.names_match(a, b)
        if pred and gold:
            tp += 1
        elif pred:
            fp += 1
            fps.append((a, ga, b, gb))
        elif gold:
            fn += 1
            fns.append((a, sa, b, sb, ga))
        else:
            tn += 1
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": f,
            "fps": fps, "fns": fns}


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_ENDINGS = ["", "тың", "тің", "ның", "ға", "ге", "қа", "ке", "да", "де", "дан", "пен", "мен", "а", "у",
            "ым", "ой", "ом", "ы", "е", "ке", "dyñ", "ge", "tyñ", "ka", "nyn", "da"]


def speed_words(limit: int = 60000) -> list[str]:
    """Distinct words: the repository's corpus and name files, the shared seeds when present,
    each extended with case endings so that the set is large and realistic."""
    texts = []
    for folder in (ROOT / "corpus", ROOT / "tests" / "data", ROOT.parent / "shared" / "seeds"):
        if folder.is_dir():
            for p in sorted(folder.glob("*")):
                if p.is_file() and p.suffix in (".txt", ".html", ".md", ".tsv"):
                    texts.append(p.read_text(encoding="utf-8", errors="replace"))
    base = sorted({w for t in texts for w in _WORD.findall(t)})
    words, seen = [], set()
    for e in _ENDINGS:
        for w in base:
            x = w + e
            if x not in seen:
                seen.add(x)
                words.append(x)
                if len(words) >= limit:
                    return words
    return words


def throughput(words: list[str]) -> dict[str, float]:
    out = {}
    for name, fn in (("fold_key", translit.fold_key), ("word_keys", translit.word_keys)):
        best = 0.0
        for _ in range(3):
            translit.fold_key.cache_clear()
            translit.word_keys.cache_clear()
            t0 = time.perf_counter()
            for w in words:
                fn(w)
            dt = time.perf_counter() - t0
            best = max(best, len(words) / dt)
        out[name] = best
    for w in words:
        translit.fold_key(w)
    t0 = time.perf_counter()
    for w in words:
        translit.fold_key(w)
    out["fold_key warm"] = len(words) / (time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--file", default=str(ROOT / "tests" / "data" / "names.tsv"))
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--max-list", type=int, default=60, help="errors listed per kind")
    ap.add_argument("--lexicon", metavar="NAME.tsv",
                    help="evaluate on a lexicon with id and name columns instead (e.g. persons.tsv, "
                         "written by someone else: spellings of one id must match, of two ids not)")
    ap.add_argument("--plain-distance", action="store_true",
                    help="ablation: plain Levenshtein on keys instead of the vowel-light distance")
    args = ap.parse_args()
    if args.plain_distance:
        from rapidfuzz.distance import Levenshtein
        translit.key_distance = Levenshtein.distance  # module-level name used by the matchers
    translit.fold_key("warm-up")  # load lexicons outside the timings
    if not args.speed_only:
        if args.lexicon:
            from itp_docs import lexicon
            rows = [(r["id"], r["name"], r.get("lang", "")) for r in lexicon.load(args.lexicon)]
            source = f"lexicons/{args.lexicon}"
        else:
            rows = read_variants(Path(args.file))
            source = args.file
        res = evaluate(rows)
        print(f"file: {source}")
        print(f"variants: {len(rows)}  groups: {len({g for g, _, _ in rows})}  "
              f"pairs: {res['tp'] + res['fp'] + res['fn'] + res['tn']}  gold matches: {res['tp'] + res['fn']}")
        print(f"precision={res['precision']:.3f} recall={res['recall']:.3f} f1={res['f1']:.3f} "
              f"(tp={res['tp']} fp={res['fp']} fn={res['fn']})")
        print(f"false positives ({res['fp']}):")
        for a, ga, b, gb in res["fps"][:args.max_list]:
            ka = " ".join("/".join(translit.word_keys(w)) for w in a.split())
            kb = " ".join("/".join(translit.word_keys(w)) for w in b.split())
            print(f"  {a!r} [{ga}] ~ {b!r} [{gb}]   keys {ka} ~ {kb}")
        print(f"false negatives ({res['fn']}):")
        for a, sa, b, sb, g in res["fns"][:args.max_list]:
            print(f"  [{g}] {a!r} ({sa}) !~ {b!r} ({sb})")
    words = speed_words()
    for name, rate in throughput(words).items():
        print(f"{name}: {rate:,.0f} words/s over {len(words)} distinct words")


if __name__ == "__main__":
    main()
