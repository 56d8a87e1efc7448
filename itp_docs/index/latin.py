"""Latin-script query words read back into Cyrillic, so that their lemmas can be looked up.

Names typed in Latin (Baibek, Sagintayev) are found through the script-neutral keys. Common
words are not: the key of ``oblysy`` keeps its ending, and ``ükimettiñ`` has no lemma of its own.
Reading the word back into Kazakh Cyrillic (``облысы``, ``үкіметтің``) lets the Kazakh analyser
find the lemma the index holds (облыс, үкімет) and the lexical map its translations (область,
правительство). The letters come from ``lexicons/translit.tsv``: the 2021 Latin spelling of each
Cyrillic letter (its ``lat`` column), the Latin letters that name their Cyrillic letter (the 2018
acute letters) and the Latin sequences of the other systems that stand for one letter without
conditions (sh, zh, kh, ch, the 2017 apostrophes). A word with a letter the
table cannot read back is left alone. The search keeps a reading only when the index holds its
lemma, so a wrong guess costs nothing.
"""
from __future__ import annotations

from functools import lru_cache

from .. import lexicon

MIN_LETTERS = 3


@lru_cache(maxsize=1)
def _sequences() -> tuple[tuple[str, str], ...]:
    """(Latin sequence, Cyrillic letter), longest sequences first; the first row of the table
    for a spelling wins (и before й for ``i``, х before һ for ``h``)."""
    try:
        rows = lexicon.load("translit")
    except lexicon.LexiconError:
        return ()
    seqs: dict[str, str] = {}
    for r in rows:
        src = r["source"]
        if r["stage"] == "letter" and r.get("lat") and len(src) == 1 and "\u0400" <= src <= "\u04ff":
            seqs.setdefault(r["lat"], src)
    for r in rows:
        # a Latin sequence of another system (sh, zh, the 2017 apostrophes), or a Latin letter
        # that names the Cyrillic one it writes (the 2018 acute letters: á = ә, ǵ = ғ)
        if r["stage"] in ("latin", "letter") and r.get("same_as") and not r.get("before") and not r.get("after"):
            seqs.setdefault(r["source"], r["same_as"])
    return tuple(sorted(seqs.items(), key=lambda kv: -len(kv[0])))


MAX_READINGS = 16


def readings(word: str) -> list[str]:
    """Cyrillic readings of a Latin word: as the table reads it, then with і instead of и in
    every combination (up to ``MAX_READINGS``), since a plain ``i`` stands for both in what
    people type (ministrligi = министрлігі, a Russian stem with Kazakh endings)."""
    cyr = to_cyrillic(word)
    if cyr is None:
        return []
    at = [n for n, c in enumerate(cyr) if c == "и"]
    out = [cyr]
    for mask in range(1, min(2 ** len(at), MAX_READINGS)):
        chars = list(cyr)
        for bit, n in enumerate(at):
            if mask >> bit & 1:
                chars[n] = "і"
        out.append("".join(chars))
    return out


@lru_cache(maxsize=4096)
def to_cyrillic(word: str) -> str | None:
    """The Kazakh Cyrillic reading of a Latin word, lower-cased; None when it is not a Latin
    word the table can read (digits, Cyrillic, an unknown letter) or is too short."""
    w = word.lower()
    if len(w) < MIN_LETTERS or not w.isalpha() or not w.isascii() and not all(
            "a" <= c <= "z" or "\u00c0" <= c <= "\u024f" for c in w):
        return None
    seqs = _sequences()
    out: list[str] = []
    i = 0
    while i < len(w):
        for seq, cyr in seqs:
            if w.startswith(seq, i):
                out.append(cyr)
                i += len(seq)
                break
        else:
            return None
    return "".join(out)
