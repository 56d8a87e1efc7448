#!/usr/bin/env python3
"""Score the extractor on the seeds (../shared) or on the bundled corpus gold.

    python bench/score.py seeds [--verbose]
    python bench/score.py corpus [--split tune|heldout] [--verbose] [--only STEM]

Runs the extraction pipeline in-process (the same code as `itp-docs extract`) and scores it with
itp_docs.evaluate (the rules of shared/eval/score_extract.py). --verbose prints every miss and
spurious entity per document.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from itp_docs import evaluate  # noqa: E402
from itp_docs.extract.pipeline import extract_document  # noqa: E402
from itp_docs.load import read_document  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("set", choices=["seeds", "corpus"])
    ap.add_argument("--split", choices=["tune", "heldout"])
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("--only", help="score only documents whose stem contains this")
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--dump", help="write the predictions JSON here")
    args = ap.parse_args()
    if args.set == "seeds":
        gold_dir = Path(args.shared) / "eval" / "gold" / "seeds"
        doc_dir = Path(args.shared) / "seeds"
        if not gold_dir.is_dir():
            print(f"no seeds at {gold_dir}", file=sys.stderr)
            return 2
    else:
        gold_dir = ROOT / "tests" / "data" / "gold" / "corpus"
        doc_dir = ROOT / "corpus"
    golds = evaluate.load_golds(gold_dir, args.split)
    if args.only:
        golds = {k: v for k, v in golds.items() if args.only in k}
    preds = []
    t0 = time.perf_counter()
    words = 0
    for stem, g in golds.items():
        path = doc_dir / g.get("source", stem + ".txt")
        if not path.exists():
            cands = sorted(doc_dir.glob(stem + ".*"))
            path = cands[0] if cands else path
        doc = read_document(path)
        words += len(doc.text.split())
        preds.append(extract_document(doc).to_json(doc.raw))
    dt = time.perf_counter() - t0
    if args.dump:
        Path(args.dump).write_text(json.dumps(preds, ensure_ascii=False, indent=1), encoding="utf-8")
    rep = evaluate.score(golds, preds)
    if args.verbose:
        for stem, det in rep.details.items():
            print(f"== {stem}")
            for etype, d in det.items():
                if isinstance(d, list):
                    for x in d:
                        print(f"  {etype}: {x}")
                    continue
                for m in d["missed"]:
                    print(f"  {etype} missed: {m}")
                for x in d["spurious"]:
                    print(f"  {etype} spurious: {x}")
    print(rep.summary())
    print(f"docs={len(golds)} words={words} time={dt:.2f}s ({words / max(dt, 1e-9):,.0f} words/s incl. loading)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
