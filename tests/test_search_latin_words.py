"""Kazakh words typed in Latin (2021 alphabet, press digraphs, a plain i for і) find the Cyrillic
text through their lemmas, and the other language through the lemma's translations."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build
from itp_docs.index.latin import readings, to_cyrillic
from itp_docs.index.search import Engine


@pytest.mark.parametrize("latin,cyrillic", [
    ("oblysy", "облысы"), ("Ükimettiñ", "үкиметтиң"), ("qaulysy", "қаулысы"), ("şeşimi", "шешими"),
    ("zhobasy", "жобасы"), ("ministrligi", "министрлиги"), ("Qazaqstan", "қазақстан"),
    ("Qaraǵandy", "қарағанды"), ("ákimdigi", "әкимдиги"),           # 2018 acute letters
])
def test_reading_back(latin, cyrillic):
    assert to_cyrillic(latin) == cyrillic


def test_plain_i_is_also_read_as_kazakh_i():
    assert "министрлігі" in readings("ministrligi")


@pytest.mark.parametrize("word", ["Шымкент", "2020", "ab", "x-ray", "iPhone15"])
def test_not_read(word):
    assert to_cyrillic(word) is None


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("latin")
    docs = root / "docs"
    docs.mkdir()
    (docs / "kk_water.txt").write_text(
        "Маңғыстау облысының әкімдігі су құбырын жөндеу жобасын бекітті.\n", encoding="utf-8")
    (docs / "ru_water.txt").write_text(
        "Акимат Туркестанской области утвердил проект ремонта водопровода.\n", encoding="utf-8")
    (docs / "ru_other.txt").write_text("В Павлодаре открылась новая библиотека.\n", encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


@pytest.mark.parametrize("query,expected", [
    ("oblysy jobasy", {"kk_water.txt", "ru_water.txt"}),           # lemmas, then their translations
    ("jobasy bekitildi", {"kk_water.txt", "ru_water.txt"}),
    ("ákimdigi jobasyn", {"kk_water.txt", "ru_water.txt"}),
])
def test_latin_kazakh_words_find_cyrillic_texts(engine, query, expected):
    res = engine.search(query)
    found = {Path(h.source).name for h in res.hits}
    assert expected <= found and "ru_other.txt" not in found, (query, found)
    for h in res.hits:
        # every word matched through a reading, not left out or guessed as a typo
        assert not h.partial and set(h.matches.values()) <= {"transliteration", "translation"}, h.matches
