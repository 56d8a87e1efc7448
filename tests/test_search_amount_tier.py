"""A query that states a sum ranks the documents holding that sum first, even when another
document has the query's words closer together (3,5 гектара … млрд тенге)."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build
from itp_docs.index.search import Engine

DOCS = {
    "ru_words.txt": "Под застройку отведено 3,5 гектара, а всего в зону вложено 118 млрд тенге частных средств.\n",
    "ru_holder.txt": "На строительство инженерных сетей второй очереди выделено 3 500,0 млн тенге из местного бюджета.\n",
    "kk_words.txt": "Аумаққа 3,5 гектар жер бөлінді, ал жалпы инвестиция көлемі 118 млрд теңгені құрады.\n",
    "kk_holder.txt": "Инженерлік желілер құрылысына жергілікті бюджеттен 3 500,0 млн теңге бөлінді.\n",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("amount_tier")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


@pytest.mark.parametrize("query", ["3,5 млрд тенге", "3,5 млрд теңге", "3 500 млн тенге"])
def test_holders_of_the_sum_come_first(engine, query):
    names = [Path(h.source).name for h in engine.search(query).hits]
    assert set(names[:2]) == {"ru_holder.txt", "kk_holder.txt"}, (query, names)


def test_a_sum_in_words_finds_it_written_in_digits(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kk_export.txt").write_text("2025 жылға қарай IT-қызметтер экспортын $500 млн-ға жеткізу көзделген.\n",
                                        encoding="utf-8")
    (docs / "ru_other.txt").write_text("Экспорт услуг вырос на 12 процентов, сообщили в министерстве.\n",
                                       encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        for q in ("полмиллиарда долларов", "жарты миллиард доллар"):
            names = [Path(h.source).name for h in eng.search(q).hits]
            assert names[:1] == ["kk_export.txt"], (q, names)
