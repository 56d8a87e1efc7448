#!/usr/bin/env python3
"""Speed of the search analyzer path (tokenize → normalize → lemma/stem → keys) for Kazakh and
Russian text: words/s with cold caches and with warm caches, one core, and peak memory.

    python bench/analyze_speed.py [--words 200000] [--repeat 3]

Text: the Kazakh and the Russian documents of corpus/, plus (when ../shared is present) KazNERD
sentences (Kazakh) and factRuEval documents (Russian), which bring the vocabulary variety of real
news. "Cold" is the first pass over the text after every per-word cache was cleared (lexicons
stay loaded: their load time is printed separately); "warm" is a later pass over the same text.
The goal for the warm path is ≥ 50,000 words/s on one core.
"""
from __future__ import annotations

import argparse
import glob
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "data"


def texts(lang: str, limit_words: int) -> str:
    from itp_docs.load import read_document

    parts = [read_document(p).text for p in sorted((ROOT / "corpus").glob(f"{lang}_*"))]
    if lang == "kk" and (SHARED / "kaznerd" / "IOB2_valid.txt").exists():
        sent: list[str] = []
        for line in (SHARED / "kaznerd" / "IOB2_valid.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                sent.append(line.rsplit(" ", 1)[0])
            elif sent:
                parts.append(" ".join(sent))
                sent = []
    if lang == "ru":
        for p in sorted(glob.glob(str(SHARED / "factrueval2016" / "devset" / "*.txt"))):
            parts.append(Path(p).read_text(encoding="utf-8"))
    out, n = [], 0
    while n < limit_words:
        for t in parts:
            out.append(t)
            n += len(t.split())
            if n >= limit_words:
                break
    return "\n\n".join(out)


def clear_caches() -> None:
    from itp_docs.lang import analyzer, normalize, translit
    from itp_docs.lang.kk import lemmatizer as kk
    from itp_docs.lang.ru import lemmatizer as ru
    from itp_docs.lang.ru import stemmer

    for mod in (analyzer, normalize, translit, kk, ru, stemmer):
        for name in dir(mod):
            fn = getattr(mod, name)
            if callable(fn) and hasattr(fn, "cache_clear") and name not in ("morph", "_overrides"):
                fn.cache_clear()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    t0 = time.perf_counter()
    from itp_docs.lang.analyzer import analyze
    analyze("Бауыржан Байбектің сөзі. Сагинтаев поручил министерствам.", "kk")
    analyze("Сагинтаев поручил министерствам.", "ru")
    print(f"import and lexicon loading: {time.perf_counter() - t0:.2f}s")
    for lang in ("kk", "ru"):
        text = texts(lang, args.words)
        nwords = len(analyze(text, lang))
        colds, warms = [], []
        for _ in range(args.repeat):
            clear_caches()
            t = time.perf_counter()
            analyze(text, lang)
            colds.append(time.perf_counter() - t)
            t = time.perf_counter()
            analyze(text, lang)
            warms.append(time.perf_counter() - t)
        distinct = len({w.lower() for w in text.split()})
        print(f"{lang}: {nwords:,} words ({distinct:,} distinct forms): cold {nwords / statistics.median(colds):,.0f} "
              f"words/s, warm {nwords / statistics.median(warms):,.0f} words/s (median of {args.repeat})")
        t = time.perf_counter()
        analyze(text, "auto")
        print(f"{lang}: warm with per-paragraph language identification (--lang auto): "
              f"{nwords / (time.perf_counter() - t):,.0f} words/s")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
