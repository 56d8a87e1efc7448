"""Queries with words no single document has all of: function words do not decide, and the
documents that hold more of the content words, in whatever language, come first."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build
from itp_docs.index.search import Engine

DOCS = {
    # all three content words of the Russian query, in Kazakh
    "kk_pavlodar.txt": "Павлодарда өңірлік технопарк ашылды. Оған облыс әкімі қатысты.\n",
    # one content word as written, and the query's function words
    "ru_karaganda.txt": "В Караганде и в области открыт коворкинг для стартапов, сообщили в акимате.\n",
    # all three content words of the Kazakh query, in Russian
    "ru_aktobe.txt": "В Актобе открыли региональный бизнес-инкубатор при университете.\n",
    # one content word as written, and the query's function word
    "kk_almaty.txt": "Алматыда және Астанада бизнес-инкубатор жұмыс істейді.\n",
}


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("relaxed")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


@pytest.mark.parametrize("query,first", [
    ("открытие регионального технопарка в Павлодаре", "kk_pavlodar.txt"),
    ("Ақтөбеде өңірлік бизнес-инкубатор және", "ru_aktobe.txt"),
])
def test_more_content_words_win_over_function_words(engine, query, first):
    res = engine.search(query)
    names = [Path(h.source).name for h in res.hits]
    assert names and names[0] == first, (query, names)


def test_function_words_say_they_were_ignored(engine):
    hit = engine.search("открытие регионального технопарка в Павлодаре").hits[0]
    assert hit.matches["в"] == "ignored"
    assert hit.matches["Павлодаре"] != "none"


def test_a_query_of_function_words_still_matches(engine):
    assert engine.search("и").hits
