"""Kazakh lexical attributes: ``like_num`` knows number words (бір … тоғыз, он … тоқсан, жүз, мың,
миллион, миллиард, триллион) from ``lexicons/numerals.tsv``."""
from __future__ import annotations

from functools import lru_cache

from spacy.attrs import LIKE_NUM

from ... import lexicon


@lru_cache(maxsize=1)
def number_words() -> frozenset[str]:
    try:
        lex = lexicon.load("numerals")
    except lexicon.LexiconError:
        return frozenset()
    return frozenset(r["word"].lower() for r in lex if r["lang"] == "kk" and r["kind"] != "approx")


def like_num(text: str) -> bool:
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "").replace("\u00a0", "").replace(" ", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        return num.isdigit() and denom.isdigit()
    low = text.lower()
    # Ordinals and inflected numerals: "екінші", "2013-ші", "мыңға"
    head = low.split("-", 1)[0]
    return head.isdigit() or low in number_words() or head in number_words()


LEX_ATTRS = {LIKE_NUM: like_num}
