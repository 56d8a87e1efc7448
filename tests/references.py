"""Plain reference formulations shared by several test files (imported by name: pytest puts
this folder on the path for its test modules)."""
from __future__ import annotations

from whoosh import query as wq

from itp_docs.extract import measures
from itp_docs.lang import langid


def decide_by_sorting(e: langid._Evidence) -> tuple[str, bool]:
    """The decision as first written: rank the labels with a stable sort."""
    ranked = sorted(langid._label_scores(e).items(), key=lambda kv: -kv[1])
    (best, b), (_, second) = ranked[0], ranked[1]
    if b <= 0:
        return "other", False
    if best == "other":
        return best, b >= langid.PARA_MIN
    has_marker = e.strong[langid.LABELS.index(best)] > 0
    weak = (b < langid.MIN_SCORE or b - max(second, 0.0) < langid.MIN_MARGIN * b
            or (e.words >= langid.DENSITY_WORDS and b / e.words < langid.MIN_DENSITY))
    if weak and not has_marker:
        return "other", False
    return best, b >= langid.PARA_MIN or has_marker


def query_phrases(q):
    """Every ``Phrase`` node of a Whoosh query tree."""
    if type(q) is wq.Phrase:
        yield q
    for sub in getattr(q, "subqueries", None) or ():
        yield from query_phrases(sub)
    for attr in ("a", "b", "child", "query"):
        sub = getattr(q, attr, None)
        if isinstance(sub, wq.Query):
            yield from query_phrases(sub)


def realign_every_placement(cells: list[str], prev: list[str], cols: list) -> list[str]:
    """``measures._realign`` as first written: score every placement of the missing cells,
    each row built and fitted cell by cell."""
    from itertools import combinations

    width = len(cols)
    missing = width - len(cells)
    if missing > 3:
        return cells
    best, best_score = cells + [""] * missing, float("-inf")
    for gaps in combinations(range(1, width), missing):
        row, it = [], iter(cells)
        for i in range(width):
            row.append(prev[i] if i in gaps and i < len(prev) else (next(it, "") if i not in gaps else ""))
        score = sum(measures._fit(c, f) for c, f in zip(row, cols))
        if score > best_score:
            best, best_score = row, score
    return best
