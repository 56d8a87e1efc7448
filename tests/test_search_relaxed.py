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


@pytest.fixture(scope="module")
def engine2(tmp_path_factory):
    root = tmp_path_factory.mktemp("relaxed2")
    docs = root / "docs"
    docs.mkdir()
    texts = {
        "kk_signed.txt": "Қаулыға Қазақстан Республикасының Премьер-Министрі К. Мәсімов қол қойды.\n",
        "ru_kassym.txt": "Касым-Жомарт Токаев провёл совещание. Касым Токаев отметил, что Касым-Жомарт "
                         "Кемелевич поручил ускорить работу.\n",
        "kk_gov4c.txt": "Қызметтерді «Азаматтарға арналған үкімет» мемлекеттік корпорациясы көрсетеді.\n",
        "ru_other.txt": "Правительство утвердило план для граждан пожилого возраста.\n",
        "kk_info.txt": "«Ақпараттық Қазақстан – 2020» мемлекеттік бағдарламасы аясында портал іске қосылды.\n",
        "ru_informatics.txt": "Информационный центр и кафедра информатики открылись в Казахстане в 2020 году.\n",
    }
    for name, text in texts.items():
        (docs / name).write_text(text, encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


def test_a_typo_guess_counts_less_than_a_match(engine2):
    # Karim is only a guess (Касым); Massimov is the surname as written in the other script
    names = [Path(h.source).name for h in engine2.search("Karim Massimov").hits]
    assert names[0] == "kk_signed.txt", names


def test_the_fallback_keeps_a_known_name_in_the_other_language(engine2):
    # no text has every word; the Kazakh one names the corporation, in Kazakh only
    names = [Path(h.source).name for h in engine2.search("Правительство для граждан Аксу").hits]
    assert "kk_gov4c.txt" in names, names


def test_a_typo_reading_does_not_spoil_a_name_known_as_typed(engine2):
    hit = engine2.search("Information Kazakhstan 2020").hits[0]
    assert Path(hit.source).name == "kk_info.txt"
    assert "fuzzy" not in hit.matches.values(), hit.matches


def test_coverage_counts_each_word_once_and_a_typo_guess_half():
    from types import SimpleNamespace

    from itp_docs.index.search import _coverage

    p = SimpleNamespace(terms={("keys", "karim"): {(0, "fuzzy")}, ("keys", "masimov"): {(1, "transliteration")},
                               ("lemma", "масимов"): {(1, "lemma")}, ("lemma", "в"): {(2, "exact")}})
    assert _coverage([("keys", "karim")], p, {0, 1}) == 0.5
    assert _coverage([("keys", "masimov"), ("lemma", "масимов")], p, {0, 1}) == 1.0
    assert _coverage([("keys", "karim"), ("keys", "masimov"), ("lemma", "в")], p, {0, 1}) == 1.5
