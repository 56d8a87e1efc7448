"""Coverage of the domain lexicons on held-out annotated text (KazNERD validation split, Kazakh;
factRuEval-2016 devset, Russian). A gold span is "covered" when some lexicon entry matches inside
it, token by token, allowing inflection (an entry token matches a text token that starts with the
entry token minus its last 1-2 letters; abbreviations must match whole, a hyphenated case ending
allowed). Also reports lexicon hits outside any gold entity (naive-matching false alarms).

usage: coverage.py [--half all|even|odd] [--show N]
"""
from __future__ import annotations

import argparse
import glob
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from itp_docs import lexicon  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
TOK = re.compile(r"[^\W_]+(?:[-'’.][^\W_]+)*")


def toks(s: str) -> list[str]:
    return TOK.findall(s)


def is_abbr(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and len(w) <= 8


def stem(w: str) -> str:
    n = len(w)
    return w if n <= 3 else w[:-1] if n <= 6 else w[:-2]


class Matcher:
    def __init__(self, entries: list[str]):
        self.by_first: dict[str, list[tuple[list, str]]] = defaultdict(list)
        for e in set(entries):
            ts = toks(e)
            if not ts:
                continue
            pat = [(t.casefold(), is_abbr(t)) for t in ts]
            self.by_first[pat[0][0][:2]].append((pat, e))

    @staticmethod
    def tok_ok(p: tuple[str, bool], t: str) -> bool:
        w, ab = p
        t = t.casefold()
        if ab:
            return t == w or t.startswith(w + "-")
        return t == w or t.startswith(stem(w))

    def find(self, text_toks: list[str]) -> list[tuple[int, int, str]]:
        out = []
        for i, t in enumerate(text_toks):
            for pat, e in self.by_first.get(t.casefold()[:2], ()):
                n = len(pat)
                if i + n <= len(text_toks) and all(self.tok_ok(pat[j], text_toks[i + j]) for j in range(n)):
                    out.append((i, i + n, e))
        return out


def kaznerd(half: str):
    sents, cur = [], []
    for line in (SHARED / "kaznerd/IOB2_valid.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                sents.append(cur)
            cur = []
            continue
        tok, _, lab = line.rpartition(" ")
        cur.append((tok, lab))
    if cur:
        sents.append(cur)
    if half == "even":
        sents = sents[0::2]
    elif half == "odd":
        sents = sents[1::2]
    return sents


def spans(sent, typ=None):
    out, start, cur = [], None, None
    for i, (_, lab) in enumerate(sent + [("", "O")]):
        if lab.startswith("B-") or lab == "O" or (lab.startswith("I-") and lab[2:] != cur):
            if start is not None:
                out.append((start, i, cur))
            start, cur = (i, lab[2:]) if lab != "O" else (None, None)
    return [s for s in out if typ is None or s[2] == typ]


def coverage(sents, typ, matcher, show=0):
    total = cov = 0
    missed = Counter()
    for s in sents:
        words = [t for t, _ in s]
        for a, b, _ in spans(s, typ):
            total += 1
            if matcher.find([w for w in words[a:b] if TOK.search(w)]):
                cov += 1
            else:
                missed[" ".join(words[a:b])] += 1
    if show:
        print(f"   most frequent uncovered {typ}:", "; ".join(f"{k} ({v})" for k, v in missed.most_common(show)))
    return cov, total


def names(lex: str, col: str, langs: set[str], kind_filter=None) -> list[str]:
    return [r[col] for r in lexicon.load(lex) if r.get("lang") in langs and (kind_filter is None or kind_filter(r))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--half", default="all", choices=["all", "even", "odd"])
    ap.add_argument("--show", type=int, default=0)
    a = ap.parse_args()
    kk_lat = {"kk", "lat", "en"}
    org_m = Matcher(names("orgs", "name", kk_lat) + names("abbreviations", "short", kk_lat, lambda r: r["kind"] == "org"))
    role_m = Matcher(names("roles", "role", {"kk"}))
    prog_m = Matcher(names("programs", "name", kk_lat))
    law_m = Matcher(names("legal_acts", "form", {"kk"}))
    # persons are mentioned by surname alone as often as by full name
    per_names = names("persons", "name", {"kk", "lat"})
    per_m = Matcher(per_names + [n.split()[-1] for n in per_names])
    sents = kaznerd(a.half)
    print(f"KazNERD valid ({a.half} sentences: {len(sents)})")
    for typ, m in (("ORGANISATION", org_m), ("POSITION", role_m), ("PROJECT", prog_m), ("LAW", law_m), ("PERSON", per_m)):
        c, t = coverage(sents, typ, m, a.show)
        print(f"  {typ:13s} covered {c}/{t} = {c / t:.3f}")
    # naive matching of org names over whole sentences: where do hits land?
    inside = outside = 0
    bad = Counter()
    for s in sents:
        s = [(t, lab) for t, lab in s if TOK.search(t)]
        words = [t for t, _ in s]
        labs = [lab for _, lab in s]
        for i, j, e in org_m.find(words):
            if all(labs[k] != "O" for k in range(i, j)):
                inside += 1
            else:
                outside += 1
                bad[e] += 1
    print(f"  org-name hits inside a gold entity {inside}, outside {outside}: "
          f"precision proxy {inside / max(1, inside + outside):.3f}")
    if a.show:
        print("   aliases most often hit outside entities:", "; ".join(f"{k} ({v})" for k, v in bad.most_common(a.show)))
    # factRuEval devset, Russian organizations
    ru_lat = {"ru", "lat", "en"}
    ru_m = Matcher(names("orgs", "name", ru_lat) + names("abbreviations", "short", ru_lat, lambda r: r["kind"] == "org"))
    total = cov = 0
    missed = Counter()
    for p in sorted(glob.glob(str(SHARED / "factrueval2016/devset/*.objects"))):
        for line in Path(p).read_text(encoding="utf-8").splitlines():
            parts = line.split(" # ", 1)
            if len(parts) == 2 and parts[0].split()[1] == "Org":
                total += 1
                if ru_m.find(toks(parts[1])):
                    cov += 1
                else:
                    missed[parts[1]] += 1
    print(f"factRuEval-2016 devset Org objects covered {cov}/{total} = {cov / total:.3f}")
    if a.show:
        print("   most frequent uncovered:", "; ".join(f"{k} ({v})" for k, v in missed.most_common(a.show)))


if __name__ == "__main__":
    main()
