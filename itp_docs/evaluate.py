"""Scoring extraction output against gold annotations.

The matching rules are those of the team's scorer (``shared/eval/README.md``): entity-level, per
document, lenient on surface form (persons by surname and first name; organizations, places and
programs by fuzzy ratio ≥ 88 against any alias after folding case, Kazakh letters, quotes and
legal forms; money within 0.5 %; dates by normalized value; laws by number). It lives in the
package so that the test suite can score the bundled corpus without ``../shared``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rapidfuzz import fuzz

KK_TO_RU = str.maketrans("әғқңөұүһіё", "агкноуухие")
LEGAL_FORMS = {"ак", "ао", "жшс", "тоо", "llp", "jsc", "ltd", "пао", "зао", "оао"}
ENTITY_TYPES = ["PERSON", "ORG", "LOC", "MONEY", "PERCENT", "DATE", "LAW", "PROGRAM"]


def fold(s: str | None, drop_legal: bool = False) -> str:
    s = (s or "").lower().translate(KK_TO_RU)
    s = re.sub(r"[«»\"„“”'’`()\[\],.;:!?/\\]", " ", s)
    s = s.replace("-", " ").replace("—", " ").replace("–", " ")
    toks = s.split()
    if drop_legal:
        toks = [t for t in toks if t not in LEGAL_FORMS] or toks
    return " ".join(toks)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else (1.0 if not self.fn else 0.0)
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class Report:
    types: dict[str, Tally] = field(default_factory=lambda: {t: Tally() for t in ENTITY_TYPES})
    measures: Tally = field(default_factory=Tally)
    executors: Tally = field(default_factory=Tally)
    abbreviations: Tally = field(default_factory=Tally)
    deadline_ok: int = 0
    deadline_n: int = 0
    doc_fields: dict[str, list[int]] = field(
        default_factory=lambda: {"lang": [0, 0], "doctype": [0, 0], "date": [0, 0]})
    missing_docs: list[str] = field(default_factory=list)
    details: dict[str, dict[str, Any]] = field(default_factory=dict)  # per doc: misses / spurious

    @property
    def macro_f1(self) -> float:
        f1s = [t.prf()[2] for t in self.types.values() if t.tp + t.fn]
        return sum(f1s) / len(f1s) if f1s else 0.0

    def summary(self) -> str:
        lines = [f"{'type':10} {'P':>6} {'R':>6} {'F1':>6}  tp/fp/fn"]
        for name, t in self.types.items():
            if t.tp + t.fn + t.fp:
                p, r, f = t.prf()
                lines.append(f"{name:10} {p:6.3f} {r:6.3f} {f:6.3f}  {t.tp}/{t.fp}/{t.fn}")
        for name, t in (("MEASURE", self.measures), ("EXECUTOR", self.executors),
                        ("ABBREV", self.abbreviations)):
            if t.tp + t.fp + t.fn:
                p, r, f = t.prf()
                lines.append(f"{name:10} {p:6.3f} {r:6.3f} {f:6.3f}  {t.tp}/{t.fp}/{t.fn}")
        for f_, (ok, n) in self.doc_fields.items():
            if n:
                lines.append(f"doc.{f_:7} {ok}/{n}")
        if self.deadline_n:
            lines.append(f"deadline   {self.deadline_ok}/{self.deadline_n}")
        if self.missing_docs:
            lines.append("no prediction for: " + ", ".join(self.missing_docs))
        head = f"entity_macro_f1={self.macro_f1:.3f}"
        if self.measures.tp + self.measures.fp + self.measures.fn:
            head += (f" measure_f1={self.measures.prf()[2]:.3f} executor_f1={self.executors.prf()[2]:.3f}"
                     f" deadline_acc={self.deadline_ok / max(self.deadline_n, 1):.3f}")
        lines.append(head)
        return "\n".join(lines)


def _match(gold: list, pred: list, same: Callable[[Any, Any], bool],
           ignored: Callable[[Any], bool] = lambda p: False) -> tuple[int, int, int, list, list]:
    found = [False] * len(gold)
    fps = []
    for p in pred:
        hit = False
        for i, g in enumerate(gold):
            if same(g, p):
                found[i] = hit = True
        if not hit and not ignored(p):
            fps.append(p)
    misses = [g for g, f in zip(gold, found) if not f]
    return sum(found), len(fps), len(misses), misses, fps


def _alias_same(threshold: int = 88, legal: bool = True) -> Callable[[dict, str], bool]:
    def same(g: dict, p: str) -> bool:
        pf = fold(p, legal)
        return any(fuzz.ratio(fold(a, legal), pf) >= threshold for a in g["aliases"])
    return same


def _person_same(g: dict, p: str) -> bool:
    gt, pt = fold(g["name"]).split(), fold(p).split()
    if not gt or not pt:
        return False
    if not any(fuzz.ratio(gt[-1], t) >= 90 for t in pt):
        return False
    g_first = [t for t in gt[:-1] if len(t) > 1]
    p_first = [t for t in pt if len(t) > 1 and fuzz.ratio(gt[-1], t) < 90]
    if g_first and p_first:
        return any(fuzz.ratio(g_first[0], t) >= 85 for t in p_first)
    return True


def _ents(doc: dict, etype: str) -> list[dict]:
    return [e for e in doc.get("entities") or [] if e.get("type") == etype]


def _date_value(e: dict) -> str:
    a = e.get("attrs") or {}
    if a.get("start") and a.get("end"):
        return f"{a['start']}/{a['end']}"
    return str(a.get("value") or e.get("normalized") or "")


def score_doc(g: dict, d: dict, rep: Report, name: str) -> None:
    for f_ in rep.doc_fields:
        if g.get(f_) is not None:
            rep.doc_fields[f_][1] += 1
            rep.doc_fields[f_][0] += int(str(d.get(f_) or "") == str(g[f_]))
    ign = g.get("ignore", {})
    detail: dict[str, Any] = {}

    def ignored_alias(etype: str) -> Callable[[str], bool]:
        al = [{"aliases": [a]} for a in ign.get(etype, [])]
        same = _alias_same()
        return lambda p: any(same(a, p) for a in al)

    def record(etype: str, r: tuple) -> None:
        rep.types[etype].add(*r[:3])
        if r[3] or r[4]:
            detail[etype] = {"missed": r[3], "spurious": r[4]}

    pn = {fold(e.get("normalized") or e.get("text")): (e.get("normalized") or e.get("text"))
          for e in _ents(d, "PERSON")}
    record("PERSON", _match(g.get("PERSON", []), list(pn.values()), _person_same))
    for etype in ("ORG", "LOC", "PROGRAM"):
        pv = {fold(e.get("normalized") or e.get("text"), True): (e.get("normalized") or e.get("text"))
              for e in _ents(d, etype)}
        record(etype, _match(g.get(etype, []), list(pv.values()), _alias_same(), ignored_alias(etype)))
    pm = []
    for e in _ents(d, "MONEY"):
        a = e.get("attrs") or {}
        try:
            pm.append((float(a.get("amount")), str(a.get("currency", "")).upper()))
        except (TypeError, ValueError):
            pm.append((None, ""))
    pm = list(dict.fromkeys(pm))
    record("MONEY", _match(g.get("MONEY", []), pm, lambda gg, p: p[0] is not None and abs(
        p[0] - gg["amount"]) <= 0.005 * gg["amount"] and p[1] == gg["currency"]))
    pp = []
    for e in _ents(d, "PERCENT"):
        try:
            pp.append(float((e.get("attrs") or {}).get("value")))
        except (TypeError, ValueError):
            pp.append(None)
    pp = list(dict.fromkeys(pp))
    record("PERCENT", _match(g.get("PERCENT", []), pp, lambda gg, p: p is not None and abs(p - gg) < 0.01))
    pdv = list(dict.fromkeys(_date_value(e) for e in _ents(d, "DATE")))
    ign_dates = set(ign.get("DATE", []))
    record("DATE", _match(g.get("DATE", []), pdv, lambda gg, p: gg == p,
                          lambda p: p in ign_dates or not re.match(r"^\d{4}", p)))
    pl = []
    for e in _ents(d, "LAW"):
        a = e.get("attrs") or {}
        pl.append((str(a.get("number") or "").lstrip("№ ").strip(), e.get("normalized") or e.get("text") or ""))
    pl = list(dict.fromkeys(pl))

    def law_same(gg: dict, p: tuple) -> bool:
        if gg.get("number"):
            return p[0] == gg["number"]
        return any(fuzz.ratio(fold(a), fold(p[1])) >= 80 for a in gg.get("aliases", []))
    ign_laws = set(ign.get("LAW", []))
    record("LAW", _match(g.get("LAW", []), pl, law_same, lambda p: p[0] in ign_laws))

    gm = {m["number"]: m for m in g.get("measures", [])}
    pmz = {str(m.get("number", "")).strip(". "): m for m in d.get("measures") or []}
    if gm or pmz:
        rep.measures.add(len(set(gm) & set(pmz)), len(set(pmz) - set(gm)), len(set(gm) - set(pmz)))
        for num, gmeas in gm.items():
            pmeas = pmz.get(num)
            rep.deadline_n += 1
            if pmeas is None:
                rep.executors.add(0, 0, len(gmeas["executors"]))
                continue
            r2 = _match([{"aliases": [x]} for x in gmeas["executors"]], list(pmeas.get("executors") or []),
                        _alias_same(85, legal=False))
            rep.executors.add(*r2[:3])
            if r2[3] or r2[4]:
                detail.setdefault("EXECUTORS", []).append({"measure": num, "missed": r2[3], "spurious": r2[4]})
            dl = pmeas.get("deadline_value")
            if isinstance(dl, dict):
                dl = f"{dl.get('start')}/{dl.get('end')}" if dl.get("start") else dl.get("value")
            # A deadline without a date (ежегодно, жыл сайын) is null in gold; predicting null is
            # right. (The shared scorer compares str(None) with None and cannot score these.)
            if str(dl) == gmeas["deadline"] or (dl is None and gmeas["deadline"] is None):
                rep.deadline_ok += 1
            else:
                detail.setdefault("DEADLINES", []).append({"measure": num, "gold": gmeas["deadline"], "pred": dl})
    ga = g.get("abbreviations", [])
    if ga or d.get("abbreviations"):
        pa = [(a.get("short", ""), a.get("full", "")) for a in d.get("abbreviations") or []]
        r = _match(ga, pa, lambda gg, p: fold(gg["short"]) == fold(p[0]) and fuzz.ratio(
            fold(gg["full"]), fold(p[1])) >= 85)
        rep.abbreviations.add(*r[:3])
    if detail:
        rep.details[name] = detail


def score(golds: dict[str, dict], preds: Iterable[dict]) -> Report:
    """``golds``: stem → gold object; ``preds``: extract output objects (paired by source stem)."""
    by_stem = {Path(str(d.get("source", ""))).stem: d for d in preds}
    rep = Report()
    for stem, g in golds.items():
        d = by_stem.get(stem)
        if d is None:
            rep.missing_docs.append(stem)
            d = {}
        score_doc(g, d, rep, stem)
    return rep


def load_golds(gold_dir: str | Path, split: str | None = None) -> dict[str, dict]:
    """Gold files of a folder; ``split`` keeps only those marked ``tune`` or ``heldout``."""
    out = {}
    for p in sorted(Path(gold_dir).glob("*.json")):
        g = json.loads(p.read_text(encoding="utf-8"))
        if split and g.get("split", "tune") != split:
            continue
        out[p.stem] = g
    return out


# ----------------------------------------------------------------------------- search

@dataclass
class SearchReport:
    n: int = 0
    recall: float = 0.0
    mrr: float = 0.0
    by_kind: dict[str, list[float]] = field(default_factory=dict)   # kind → [n, recall sum, rr sum]
    failures: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> str:
        lines = [f"{k:12} n={c:3.0f} recall={r / c:.3f} mrr={rr / c:.3f}"
                 for k, (c, r, rr) in sorted(self.by_kind.items())]
        lines.append(f"queries={self.n} recall={self.recall:.3f} mrr={self.mrr:.3f}")
        return "\n".join(lines)


def score_search(queries: list[dict], results: dict[str, list[str]]) -> SearchReport:
    """Recall within the top max(10, |relevant|) documents and reciprocal rank of the first
    relevant one, per query (the definition of shared/eval/score_search.py). ``results`` maps a
    query string to its hit sources in rank order."""
    rep = SearchReport()
    tot_r = tot_rr = 0.0
    for q in queries:
        rel = set(q["relevant"])
        docs: list[str] = []
        for src in results.get(q["q"], []):
            name = Path(str(src)).name
            if name not in docs:
                docs.append(name)
        k = max(10, len(rel))
        recall = len(rel & set(docs[:k])) / len(rel)
        rr = next((1.0 / (i + 1) for i, d in enumerate(docs) if d in rel), 0.0)
        tot_r += recall
        tot_rr += rr
        b = rep.by_kind.setdefault(q.get("kind", "?"), [0, 0.0, 0.0])
        b[0] += 1
        b[1] += recall
        b[2] += rr
        if recall < 1 or rr < 1:
            rep.failures.append({"q": q["q"], "kind": q.get("kind"), "recall": recall, "rr": rr,
                                 "missing": sorted(rel - set(docs[:k])), "top": docs[:5]})
    rep.n = len(queries)
    rep.recall = tot_r / max(rep.n, 1)
    rep.mrr = tot_rr / max(rep.n, 1)
    return rep
