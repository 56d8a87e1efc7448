"""Accuracy and speed of itp_docs.lang.langid on our samples, the seeds, KazNERD, factRuEval and corpus/.

Run from the repository root:  .venv/bin/python bench/langid_eval.py [--verbose] [--shared PATH]

Tuning data: tests/data/langid/samples.tsv and docs/ (our own) and the FIRST half of KazNERD.
Held out:    tests/data/langid/heldout.tsv (our own, written after tuning), the second half of
             KazNERD, factRuEval-2016 devset, the seeds, corpus/.
External data is read from ../shared (or --shared); every section is skipped when absent.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from itp_docs.lang import langid  # noqa: E402

LABELS = langid.LABELS


def confusion(pairs: list[tuple[str, str]], title: str) -> None:
    """Print accuracy and a gold x predicted table."""
    n = len(pairs)
    ok = sum(g == p for g, p in pairs)
    print(f"{title}: accuracy {ok}/{n} = {ok / n:.4f}" if n else f"{title}: no items")
    golds = [lab for lab in LABELS if any(g == lab for g, _ in pairs)]
    if not golds:
        return
    cnt = Counter(pairs)
    print("    gold \\ pred " + "".join(f"{lab:>9}" for lab in LABELS))
    for g in golds:
        print(f"    {g:<12} " + "".join(f"{cnt[(g, p)]:>9}" for p in LABELS))


def read_tsv(path: Path) -> list[list[str]]:
    rows = [ln.rstrip("\n").split("\t") for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    return rows[1:]


def eval_samples(verbose: bool) -> None:
    rows = read_tsv(ROOT / "tests/data/langid/samples.tsv")
    pairs = []
    for label, kind, text in rows:
        pred = langid.identify(text)
        pairs.append((label, pred))
        if verbose and pred != label:
            print(f"    MISS {label}/{kind} -> {pred}: {text[:90]}")
    confusion(pairs, "samples (tune)")
    ho_pairs = []
    for label, kind, text in read_tsv(ROOT / "tests/data/langid/heldout.tsv"):
        pred = langid.identify(text)
        ho_pairs.append((label, pred))
        if verbose and pred != label:
            print(f"    HELD-OUT MISS {label}/{kind} -> {pred}: {text[:90]}")
    confusion(ho_pairs, "held-out samples (written after tuning, never tuned on)")
    by_kind: dict[str, list[bool]] = {}
    for (label, kind, _), (g, p) in zip(rows, pairs):
        by_kind.setdefault(kind, []).append(g == p)
    print("    per kind: " + ", ".join(f"{k} {sum(v)}/{len(v)}" for k, v in by_kind.items()))
    # paragraph-level documents
    lines_ok = lines_n = dom_ok = 0
    docs = read_tsv(ROOT / "tests/data/langid/docs.tsv")
    for fname, dom, truth in docs:
        text = (ROOT / "tests/data/langid/docs" / fname).read_text(encoding="utf-8")
        ok, n = _line_agreement(text, truth.split("|"))
        lines_ok += ok
        lines_n += n
        dom_ok += langid.dominant(text) == dom
    print(f"samples docs (tune): dominant {dom_ok}/{len(docs)}, lines with a language labelled "
          f"right {lines_ok}/{lines_n}")


def _line_agreement(text: str, truth: list[str]) -> tuple[int, int]:
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]
    paras = langid.identify_paragraphs(text)
    ok = n = 0
    for (s, _), want in zip(spans, truth):
        if want == "-":
            continue
        got = next((lab for ps, pe, lab in paras if ps <= s + (len(text[s:]) - len(text[s:].lstrip())) < pe), None)
        n += 1
        ok += got == want
    return ok, n


def eval_seeds(shared: Path, verbose: bool) -> None:
    seeds, gold = shared / "seeds", shared / "eval/gold/seeds"
    if not seeds.is_dir():
        print("seeds: skipped (no ../shared/seeds)")
        return
    doc_pairs, dom_pairs, para_pairs = [], [], []
    for g in sorted(gold.glob("*.json")):
        want = json.loads(g.read_text(encoding="utf-8"))["lang"]
        text = (seeds / (g.stem + ".txt")).read_text(encoding="utf-8")
        doc_pairs.append((want, langid.identify(text)))
        dom_pairs.append((want, langid.dominant(text)))
        for s, e, lab in langid.identify_paragraphs(text):
            para_pairs.append((want, lab))
            if lab != want:
                print(f"    {g.stem[:3]} paragraph [{s}:{e}] {lab} (doc {want}): {text[s:e][:100]!r}")
    confusion(doc_pairs, "seeds identify (held out)")
    confusion(dom_pairs, "seeds dominant (held out)")
    confusion(para_pairs, "seeds paragraphs vs document label (held out)")


def kaznerd_sentences(path: Path) -> list[list[str]]:
    sents, cur = [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            continue
        cur.append(line.rsplit(" ", 1)[0])
    if cur:
        sents.append(cur)
    return sents


def eval_kaznerd(shared: Path, verbose: bool) -> list[str]:
    path = shared / "data/kaznerd/IOB2_valid.txt"
    if not path.is_file():
        print("KazNERD: skipped (no ../shared/data/kaznerd)")
        return []
    sents = kaznerd_sentences(path)
    half = len(sents) // 2
    for name, part in (("KazNERD first half (tune)", sents[:half]),
                       ("KazNERD second half (held out)", sents[half:])):
        pairs_all, pairs_long, misses = [], [], []
        for toks in part:
            text = " ".join(toks)
            pred = langid.identify(text)
            pairs_all.append(("kk", pred))
            if len(toks) >= 5:
                pairs_long.append(("kk", pred))
            if pred != "kk":
                misses.append((pred, text))
        confusion(pairs_long, f"{name}, sentences of >= 5 tokens")
        confusion(pairs_all, f"{name}, all sentences")
        if verbose and "tune" in name:     # never look at the held-out half's misses
            for pred, text in misses[:60]:
                print(f"    MISS -> {pred}: {text[:110]}")
    return [" ".join(t) for t in sents]


def eval_factrueval(shared: Path, verbose: bool) -> str:
    folder = shared / "data/factrueval2016/devset"
    if not folder.is_dir():
        print("factRuEval: skipped (no ../shared/data/factrueval2016)")
        return ""
    doc_pairs, para_pairs, chars = [], [], Counter()
    texts = []
    for f in sorted(folder.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        texts.append(text)
        doc_pairs.append(("ru", langid.identify(text)))
        for s, e, lab in langid.identify_paragraphs(text):
            para_pairs.append(("ru", lab))
            chars[lab] += e - s
            if verbose and lab != "ru":
                print(f"    {f.name} [{s}:{e}] -> {lab}: {text[s:e][:100]!r}")
    confusion(doc_pairs, "factRuEval documents (held out)")
    confusion(para_pairs, "factRuEval paragraphs (held out)")
    total = sum(chars.values()) or 1
    print(f"    share of paragraph characters labelled ru: {chars['ru'] / total:.4f}")
    return "\n".join(texts)


def _read_corpus_file(path: Path) -> str:
    try:
        from itp_docs.load import read_document  # the project's reader, when present
    except ImportError:
        read_document = None
    if read_document is not None:
        return read_document(path).text
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1251")
    if path.suffix in (".html", ".htm"):
        from bs4 import BeautifulSoup
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text("\n")
    return text


def eval_corpus(verbose: bool) -> None:
    corpus, gold = ROOT / "corpus", ROOT / "tests/data/gold/corpus"
    files = sorted(p for p in corpus.glob("*") if p.is_file()) if corpus.is_dir() else []
    if not files:
        print("corpus: skipped (no corpus/ files yet)")
        return
    doc_pairs, dom_pairs, para_pairs = [], [], []
    for f in files:
        g = gold / (f.stem + ".json")
        if g.is_file():
            want = json.loads(g.read_text(encoding="utf-8")).get("lang")
        else:
            want = f.name.split("_", 1)[0] if f.name[:3] in ("kk_", "ru_") else None
        if want is None:
            continue
        text = _read_corpus_file(f)
        doc_pairs.append((want, langid.identify(text)))
        dom_pairs.append((want, langid.dominant(text)))
        for s, e, lab in langid.identify_paragraphs(text):
            para_pairs.append((want, lab))
            if verbose and lab != want:
                print(f"    {f.name} [{s}:{e}] -> {lab}: {text[s:e][:100]!r}")
    try:
        import itp_docs.load  # noqa: F401
        reader = "itp_docs.load.read_document"
    except ImportError:
        reader = "the script's fallback reader (BOM/UTF-8/CP1251, BeautifulSoup text)"
    print(f"corpus: read with {reader}")
    confusion(doc_pairs, f"corpus identify ({len(doc_pairs)} files, held out)")
    confusion(dom_pairs, "corpus dominant (held out)")
    confusion(para_pairs, "corpus paragraphs vs document label (held out)")


def speed(kk_text: str, ru_text: str) -> None:
    if not kk_text:
        rows = read_tsv(ROOT / "tests/data/langid/samples.tsv")
        kk_text = "\n".join(t for lab, _, t in rows if lab == "kk")
    if not ru_text:
        rows = read_tsv(ROOT / "tests/data/langid/samples.tsv")
        ru_text = "\n".join(t for lab, _, t in rows if lab == "ru")
    for name, base in (("kk", kk_text), ("ru", ru_text)):
        text = (base + "\n") * max(1, 4_000_000 // max(1, len(base)))
        mb = len(text.encode("utf-8")) / 1e6
        t0 = time.perf_counter()
        n = 0
        while time.perf_counter() - t0 < 1.0:
            langid.identify(text)
            n += 1
        dt = (time.perf_counter() - t0) / n
        print(f"speed {name}: identify on {mb:.1f} MB (20k-char sample): {dt * 1e3:.2f} ms = {mb / dt:.0f} MB/s")
        langid._word_evidence.cache_clear()
        t0 = time.perf_counter()
        paras = langid.identify_paragraphs(text)
        dt = time.perf_counter() - t0
        print(f"speed {name}: identify_paragraphs on all {mb:.1f} MB ({len(paras)} paragraphs), cold "
              f"word cache: {dt:.2f} s = {mb / dt:.2f} MB/s")
        t0 = time.perf_counter()
        langid.identify_paragraphs(text)
        dt = time.perf_counter() - t0
        print(f"speed {name}: identify_paragraphs again, warm cache: {mb / dt:.2f} MB/s")
        t0 = time.perf_counter()
        langid._evidence(text)
        dt = time.perf_counter() - t0
        print(f"speed {name}: whole-text evidence without sampling (identify's work on all "
              f"{mb:.1f} MB), warm cache: {mb / dt:.2f} MB/s")
        chunk = text[:200_000]
        langid._word_evidence.cache_clear()
        t0 = time.perf_counter()
        langid._evidence(chunk)
        dt = time.perf_counter() - t0
        cmb = len(chunk.encode("utf-8")) / 1e6
        print(f"speed {name}: whole-text evidence of the first 200k chars, cold cache: {cmb / dt:.2f} MB/s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--verbose", action="store_true", help="list misses")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    eval_samples(args.verbose)
    eval_seeds(args.shared, args.verbose)
    kk_sents = eval_kaznerd(args.shared, args.verbose)
    ru_text = eval_factrueval(args.shared, args.verbose)
    eval_corpus(args.verbose)
    if not args.no_speed:
        speed("\n".join(kk_sents), ru_text)


if __name__ == "__main__":
    main()
