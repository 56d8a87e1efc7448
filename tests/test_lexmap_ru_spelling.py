"""Kazakh names of companies and programs as Russian text spells them (Казакстан темир жолы,
Тау-Кен Самурык, Нурлы жер) are equivalents of the Kazakh names in the lexical map, so that an
abbreviation or a Kazakh name reaches a Russian text that writes the name this way."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build, lexmap
from itp_docs.index.lexmap import lemmas_of
from itp_docs.index.search import Engine


@pytest.fixture(scope="module")
def lm():
    return lexmap.build()


@pytest.mark.parametrize("ru,kk", [
    ("Тау-Кен Самурык", "Тау-Кен Самұрық"),
    ("Казакстан темир жолы", "Қазақстан темір жолы"),
    ("Нурлы жер", "Нұрлы жер"),
    ("Казакстан кор биржасы", "Қазақстан қор биржасы"),
])
def test_russian_spelling_is_an_equivalent(lm, ru, kk):
    found = {eq for eq, _k in lm.lookup(lemmas_of(ru, "ru"))}
    assert lemmas_of(kk, "kk") in found


def test_state_bodies_are_not_respelled(lm):
    # Russian translates a ministry's name; a letter-by-letter spelling would be noise
    assert not lm.lookup(lemmas_of("Каржы министрлиги", "ru"))


def test_abbreviation_finds_the_russian_spelling(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ru_rail.txt").write_text(
        "Грузооборот АО «НК «Казакстан темир жолы» в первом полугодии вырос на 4 процента.\n",
        encoding="utf-8")
    (docs / "ru_other.txt").write_text(
        "Железнодорожный вокзал Алматы-2 закрыли на реконструкцию до конца года.\n", encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        found = [Path(h.source).name for h in eng.search("ҚТЖ", limit=5).hits]
    assert found == ["ru_rail.txt"]


@pytest.mark.parametrize("written,listed,lang", [
    ("KazMunaiGas", "KazMunayGas", "lat"),        # ai / ay
    ("Kazakhtelekom", "Kazakhtelecom", "lat"),    # k / c
    ("Тау-Кен Самрұқ", "Тау-Кен Самұрық", "kk"),  # the two Kazakh spellings of Самұрық
])
def test_an_unlisted_spelling_with_the_same_keys_finds_the_entry(lm, written, listed, lang):
    found = {eq for eq, _k in lm.lookup(lemmas_of(written, lang))}
    assert lemmas_of(listed, lang) in found or lm.lookup(lemmas_of(listed, lang)) <= lm.lookup(lemmas_of(written, lang))
    assert found


def test_short_keys_do_not_fold_words_together():
    from itp_docs.index.lexmap import _keys

    # "ат" and "АТ", "ит" and "IT": too short to take for the same name
    assert _keys(("ат",)) == () and _keys(("ит",)) == ()
    assert _keys(("казмунайгаз",)) == ("kazmunaigaz",)
