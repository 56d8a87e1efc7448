"""``make demo``: index the bundled corpus and take a short tour of queries, one kind of match each.

    python -m itp_docs.demo [--index DIR] [--corpus DIR]

The index goes to ``.itp-index`` (the default location of ``itp-docs search``), so after the demo
``itp-docs search "…"`` works on the corpus right away.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

TOUR = [
    ("Байбек", "exact: the name as written in Kazakh and Russian texts"),
    ("Байбекке", "inflection: a Kazakh dative form finds every form of the name"),
    ("Сагинтаева", "inflection: a Russian genitive finds Сагинтаев and Kazakh Сағынтаев"),
    ("Baibek", "transliteration: press Latin spelling finds the Cyrillic name"),
    ("Sagintayev", "transliteration: journalists' spelling of Сағынтаев / Сагинтаев"),
    ("Samruk Kazyna", "transliteration: two Latin words meet the hyphenated Самрұқ-Қазына"),
    ("Байбке", "typo: one transposition, found through the keys with an edit budget"),
    ("ПИТ", "abbreviation: the Russian ПИТ also finds Kazakh ИТП and the full names"),
    ("парк инновационных технологий", "cross-lingual: finds «Инновациялық технологиялар паркі»"),
    ("дата-центр", "cross-lingual: finds ДАТА-орталығы in Kazakh decrees"),
    ("постановление 631 дата-центр", "legal look-up: a decree by number, landing on its measure"),
    ("ҚТЖ", "abbreviation: also reaches a Russian text that writes «Казакстан темир жолы»"),
    ("карагандинцы", "place words: a demonym finds Караганда, Қарағанды and қарағандылық"),
    ('"ынтымақтастық туралы меморандум"', "phrase, matched by lemmas (also in other case forms)"),
    ("Байбек AND Шүкеев", "boolean: both people in one document"),
    ("person:Сагинтаев type:news year:2018", "filters: people facet, document type and year"),
    ("amount:>1e11 тенге", "filters: documents with an amount over 100 billion"),
    ("kind:measure Tier III", "passage kind: only appendix measures"),
]


def main(argv: list[str] | None = None) -> int:
    from .index import build
    from .index.search import Engine

    root = Path(__file__).resolve().parents[1]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--index", default=".itp-index")
    ap.add_argument("--corpus", default=str(root / "corpus"))
    ap.add_argument("--limit", type=int, default=3)
    args = ap.parse_args(argv)
    ix = Path(args.index)
    t0 = time.perf_counter()
    stats = build.update([args.corpus], ix, prune=True)
    print(f"Indexed {args.corpus} into {ix}: {stats.added + stats.updated} new or changed, "
          f"{stats.unchanged} unchanged, {len(stats.skipped)} skipped "
          f"({time.perf_counter() - t0:.1f}s). Search it yourself: itp-docs search QUERY --index {ix}\n")
    for p, msg in stats.skipped:
        print(f"  skipped {p}: {msg}")
    with Engine(ix) as eng:
        for q, why in TOUR:
            res = eng.search(q, limit=args.limit)
            print(f"$ itp-docs search '{q}'")
            print(f"  # {why}")
            for note in res.notes:
                print(f"  note: {note}")
            if not res.hits:
                print("  (no documents)" + (f"; did you mean: {res.suggestion}" if res.suggestion else ""))
            for h in res.hits:
                where = f" [{h.passage['kind']} {h.passage['id']}]".rstrip() if h.passage else ""
                how = ", ".join(f"{w}={k}" for w, k in h.matches.items())
                part = ", only some words" if h.partial else ""
                print(f"  {Path(h.source).name}{where}  ({how}{part})")
                snip = h.snippet
                for s, e in reversed(h.highlights):
                    snip = snip[:s] + "[" + snip[s:e] + "]" + snip[e:]
                print(f"      {snip[:200]}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
