"""The passage of a decree hit: words that name the act (its kind and number) stand in its
heading or approval line; the other query words say which clause or measure is meant."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build
from itp_docs.index.search import Engine

KK = """Қазақстан Республикасы Үкіметінің 2016 жылғы 3 наурыздағы № 118 қаулысымен бекітілген

Өңірлік технопарктерді дамыту жөніндегі 2016 – 2018 жылдарға арналған іс-шаралар жоспары

Р/с№ | Іс-шаралар | Аяқталу нысаны | Жауапты орындаушылар | Орындау мерзімі | Қаржыландыру көздері
1. | Ақтөбе қаласында өңірлік технопарк ғимаратын салу | Үкіметке ақпарат | ИДМ, Ақтөбе облысының әкімдігі | 2016 жылғы желтоқсан | жергілікті бюджет
2. | Технопарк қатысушылары үшін бизнес-инкубатор ашу | ИДМ-ге ақпарат | Ақтөбе облысының әкімдігі | 2017 жылғы маусым | талап етілмейді
3. | Деректерді өңдеу орталығының резервтік қуатын құру | ИДМ-ге ақпарат | «Зерде» холдингі» АҚ (келісім бойынша) | 2018 жылғы қаңтар | республикалық бюджет
"""

RU = """Утвержден постановлением Правительства Республики Казахстан от 3 марта 2016 года № 118

План мероприятий по развитию региональных технопарков на 2016 – 2018 годы

№ п/п | Мероприятия | Форма завершения | Ответственные исполнители | Срок исполнения | Источники финансирования
1. | Строительство здания регионального технопарка в городе Актобе | информация в Правительство | МИР, акимат Актюбинской области | декабрь 2016 года | местный бюджет
2. | Открытие бизнес-инкубатора для участников технопарка | информация в МИР | акимат Актюбинской области | июнь 2017 года | не требуется
3. | Создание резервной мощности центра обработки данных | информация в МИР | АО «Холдинг «Зерде» (по согласованию) | январь 2018 года | республиканский бюджет
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("passages")
    docs = root / "docs"
    docs.mkdir()
    (docs / "kk_plan.txt").write_text(KK, encoding="utf-8")
    (docs / "ru_plan.txt").write_text(RU, encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


@pytest.mark.parametrize("query,doc,measure", [
    ("постановление 118 бизнес-инкубатор", "kk_plan.txt", "2"),
    ("қаулы № 118 бизнес-инкубатор", "ru_plan.txt", "2"),
    ("постановление 118 центр обработки данных", "ru_plan.txt", "3"),
    ("қаулы 118 технопарк ғимараты", "kk_plan.txt", "1"),
])
def test_the_measure_not_the_approval_line(engine, query, doc, measure):
    hits = {Path(h.source).name: h for h in engine.search(query).hits}
    assert doc in hits, (query, list(hits))
    assert hits[doc].passage == {**hits[doc].passage, "kind": "measure", "id": measure}, hits[doc].passage


def test_act_words_alone_still_find_the_approval_line(engine):
    hits = {Path(h.source).name: h for h in engine.search("постановление 118").hits}
    assert hits["kk_plan.txt"].passage["kind"] != "measure"
    assert "118" in hits["kk_plan.txt"].snippet


def test_quoted_name_with_a_hyphenated_year_crosses_languages(tmp_path):
    # "картасы-2025" is two tokens in the index and two lemmas in the lexical map; a quoted
    # phrase must split it the same way to reach the other language's name of the program
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ru_brm.txt").write_text(
        "По программе «Дорожная карта бизнеса-2025» в области одобрено 40 проектов.\n", encoding="utf-8")
    (docs / "ru_other.txt").write_text(
        "Дорожная карта развития туризма на 2025 год одобрена акиматом области.\n", encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        names = [Path(h.source).name for h in eng.search('"Бизнестің жол картасы-2025"').hits]
    assert names == ["ru_brm.txt"]


def test_a_phrase_equivalent_is_highlighted_only_where_it_stands(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "kk_rail.txt").write_text(
        "Қазақстан Республикасының Үкіметіне ақпарат беріледі. Жобаны «Қазақстан темір жолы» "
        "ұлттық компаниясы» АҚ іске асырады, ал Қазақстан өңірлері қолдайды.\n", encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        hit = eng.search("ҚТЖ").hits[0]
    marked = [hit.snippet[a:b] for a, b in hit.highlights]
    assert marked and set(marked) <= {"Қазақстан", "темір", "жолы", "ұлттық", "компаниясы"}, marked
    assert marked.count("Қазақстан") == 1, marked


def test_other_passages_with_the_same_words_are_grouped_under_the_hit(engine):
    hits = {Path(h.source).name: h for h in engine.search("технопарк").hits}
    ru = hits["ru_plan.txt"]
    ids = {ru.passage["id"]} | {a["id"] for a in ru.also if a["kind"] == "measure"}
    assert {"1", "2"} <= ids, (ru.passage, ru.also)
    assert all(a["kind"] != "title" for a in ru.also)
    assert "also" in ru.as_dict()


def test_no_grouping_without_a_matching_word(engine):
    hit = engine.search("lang:kk").hits[0]
    assert hit.also == []
