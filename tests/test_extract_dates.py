"""Dates, months, quarters, periods and relative years, in Kazakh (Cyrillic and Latin) and Russian."""
import pytest

from itp_docs.extract import dates
from itp_docs.extract.context import Context
from itp_docs.extract.dates import find_dates, parse_date


@pytest.mark.parametrize("text, value", [
    # Kazakh order: year first, case endings everywhere
    ("2019 жылғы 7 қарашадағы", "2019-11-07"),
    ("2021 жылдың 3 наурызында", "2021-03-03"),
    ("2016 ж. 30 қыркүйек", "2016-09-30"),
    ("2022 жылғы қазан", "2022-10"),
    ("2017 жылдың мамыр айында", "2017-05"),
    ("2020 жылғы ІІ тоқсан", "2020-Q2"),
    ("2015 жылғы IV-тоқсан", "2015-Q4"),
    ("2023 жылдың үшінші тоқсанында", "2023-Q3"),
    ("2019 жылдың екінші жартыжылдығы", "2019-H2"),
    ("2024 жыл", "2024"),
    ("2011-інші жылы", "2011"),
    ("2016 - 2020 жылдарға", {"start": "2016", "end": "2020"}),
    ("2019-21 жылдары", {"start": "2019", "end": "2021"}),
    ("2021 жылғы 1 ақпанға дейін", "2021-02-01"),
    ("2015 жылғы наурыз-мамыр", {"start": "2015-03", "end": "2015-05"}),
    # Russian order
    ("14 февраля 2016 года", "2016-02-14"),
    ("«3» апреля 2020 г.", "2020-04-03"),
    ("не позднее 10 ноября 2021 года", "2021-11-10"),
    ("сентябрь 2017 года", "2017-09"),
    ("III квартал 2022 года", "2022-Q3"),
    ("во втором квартале 2016 года", "2016-Q2"),
    ("в первом полугодии 2020 года", "2020-H1"),
    ("на 2021 – 2025 годы", {"start": "2021", "end": "2025"}),
    ("в 2014-2016 гг.", {"start": "2014", "end": "2016"}),
    ("с 2012 по 2015 год", {"start": "2012", "end": "2015"}),
    ("февраль–апрель 2018 года", {"start": "2018-02", "end": "2018-04"}),
    ("с 1-15 марта 2019 года", {"start": "2019-03-01", "end": "2019-03-15"}),
    ("в 2009-м году", "2009"),
    ("в 2021-2022 учебном году", {"start": "2021", "end": "2022"}),
    ("2020-2021 оқу жылы", {"start": "2020", "end": "2021"}),
    ("2014-інші жылдың 12-нші мамырында", "2014-05-12"),   # spoken style: ordinal suffixes
    # numeric, datelines, Latin script
    ("04.09.2017", "2017-09-04"),
    ("07.03.2011 ж.", "2011-03-07"),
    ("11 Қыркүйек, 2020", "2020-09-11"),
    ("2 марта 2021, 09:15", "2021-03-02"),
    ("2019 jylğy 5 mausymda", "2019-06-05"),
    ("2020 zhylgy 3 qazanda", "2020-10-03"),
    ("17 February 2019", "2019-02-17"),
    # deadline cells, where the caller knows the text is a date
    ("2018", "2018"),
    ("2019-2020", {"start": "2019", "end": "2020"}),
    ("2014 жылғыІІІ тоқсан", "2014-Q3"),     # a space lost in a table cell
])
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize("text", [
    "жыл сайын", "ежегодно, 20 декабря", "жыл сайын, 15 қаңтарға дейін", "ежеквартально",
    "талап етілмейді", "", "EXPO-2017",
])
def test_parse_date_none(text):
    assert parse_date(text) is None


def test_invalid_calendar_dates_are_not_dates():
    assert parse_date("31 июня 2019 года") != "2019-06-31"
    assert parse_date("2019 жылғы 30 ақпан") != "2019-02-30"
    assert not str(parse_date("2021 жылғы 5-тоқсан")).startswith("2021-Q")


@pytest.mark.parametrize("text", [
    "«Астана-2030» бағдарламасы", "ЭКСПО-2017 көрмесі", "Стратегия «Казахстан-2030»",
    "Жол картасы-2025 аясында", "индекс 2035 пункта", "в 2019 компаниях",
])
def test_numbers_in_names_and_bare_numbers_are_not_dates(text):
    assert find_dates(text) == []


def test_years_need_date_context_but_hyphenated_names_are_skipped_only_when_glued():
    found = find_dates("Бағдарлама-2025 2025 жылға дейін орындалады")
    assert [v for _, _, v in found] == ["2025"]


def test_spans_cover_the_whole_expression():
    t = "Жоба 2018 жылғы 12 сәуірде басталды"
    (s, e, v), = find_dates(t)
    assert t[s:e] == "2018 жылғы 12 сәуірде" and v == "2018-04-12"
    t = "Срок: до 5 мая 2020 года."
    (s, e, v), = find_dates(t)
    assert t[s:e] == "5 мая 2020 года"


def test_day_and_month_without_year():
    t = "әр жылы 10 қаңтарға"
    assert find_dates(t) == [(t.index("10"), len(t), "--01-10")]
    assert parse_date("к 25 декабря") == "--12-25"


@pytest.mark.parametrize("text, ref, value, rel", [
    ("Биыл 40 жоба іске қосылды", "2021-05-04", "2021", "this_year"),
    ("былтыр жоспар орындалды", "2021-05-04", "2020", "last_year"),
    ("өткен жылы 12 стартап", "2019-11-01", "2018", "last_year"),
    ("келесі жылы ашылады", "2019-11-01", "2020", "next_year"),
    ("в прошлом году было меньше", "2016-03-10", "2015", "last_year"),
    ("до конца текущего года", "2016-03-10", "2016", "this_year"),
    ("в следующем году", "2016-03-10", "2017", "next_year"),
    ("Бүгін меморандумға қол қойылды", "2020-02-03", "2020-02-03", "today"),
    ("вчера состоялось заседание", "2020-02-03", "2020-02-02", "yesterday"),
    ("biyl 5 jobа", "2022-01-01", "2022", "this_year"),
])
def test_relative_dates_resolve_against_the_document_date(text, ref, value, rel):
    spans = dates.find_date_spans(text, ref)
    assert [(d.value, d.attrs.get("relative")) for d in spans] == [(value, rel)]


def test_relative_dates_without_a_document_date_are_skipped():
    assert find_dates("Биыл және өткен жылы, в прошлом году", None) == []


def test_relative_year_with_day_and_month():
    assert parse_date("өткен жылдың 15 қарашасында", "2020-06-01") == "2019-11-15"
    assert parse_date("5 марта прошлого года", "2020-06-01") == "2019-03-05"


def test_stage_adds_entities_with_attrs():
    text = "Бағдарлама 2018 - 2022 жылдарға арналған. В прошлом году выделено около 2019 года"
    ctx = Context(text=text, lang="kk", paragraphs=[], date="2019-09-01")
    dates.run(ctx)
    got = [(e.text, e.normalized, e.attrs) for e in ctx.entities]
    assert got[0] == ("2018 - 2022 жылдарға", "2018/2022", {"start": "2018", "end": "2022"})
    assert got[1] == ("прошлом году", "2018", {"value": "2018", "relative": "last_year"})
    assert got[2] == ("2019 года", "2019", {"value": "2019", "approx": True})


def test_stage_skips_boilerplate():
    text = "2 мин оқу үшін. 2019 жылы ашылды."
    ctx = Context(text=text, lang="kk", paragraphs=[], ignore_spans=[(0, 15)])
    dates.run(ctx)
    assert [e.normalized for e in ctx.entities] == ["2019"]


def test_relative_dates_of_an_undated_text_stay_unresolved():
    """биыл, өткен жылы, бүгін, в прошлом году without a document date: DATE mentions that say
    which year or day they mean (attrs.relative) and have no value."""
    from itp_docs.extract.pipeline import extract_text

    kk = extract_text("Биыл облыста бес мектеп салынды. Өткен жылы үшеуі ашылды. Бүгін әкім келді.")
    got = [(e.text, e.normalized, e.attrs) for e in kk.entities if e.type == "DATE"]
    assert got == [("Биыл", None, {"relative": "this_year"}), ("Өткен жылы", None, {"relative": "last_year"}),
                   ("Бүгін", None, {"relative": "today"})]
    ru = extract_text("В прошлом году построено пять школ, сегодня открыта ещё одна.")
    assert [(e.attrs.get("relative"), "value" in e.attrs) for e in ru.entities if e.type == "DATE"] == [
        ("last_year", False), ("today", False)]

