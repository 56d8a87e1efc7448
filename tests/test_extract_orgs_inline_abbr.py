"""An organization's abbreviation defined in parentheses after its name, and its later bare
mentions; its Latin spelling in parentheses. Kazakh and Russian; legal forms and places in
parentheses are not taken."""
from __future__ import annotations

import pytest

from itp_docs.extract.orgs import _initials_fit
from itp_docs.extract.pipeline import extract_text


def orgs(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.text, e.attrs.get("abbr"), e.attrs.get("expansion"))
            for e in extract_text(text).entities if e.type == "ORG"]


@pytest.mark.parametrize("abbr,words,ok", [
    ("КЗЖ", ["Комитет", "защиты", "журналистов"], True),
    ("МИР", ["Министерство", "по", "инвестициям", "и", "развитию"], True),
    ("ҰАА", ["Ұлттық", "аэроғарыш", "агенттігі"], True),
    ("ИнфоКом", ["Информационный", "комитет"], False),     # 3 letters at most from one word
    ("ТОО", ["Алатау", "Технопарк"], False),
    ("АБВ", ["Министерство", "финансов"], False),
])
def test_initials(abbr, words, ok):
    assert _initials_fit(abbr, words) is ok


def test_russian_definition_and_later_mentions():
    found = orgs("Ассоциация независимых нефтетрейдеров (АНН) выступила с заявлением. "
                 "По данным АНН, цены выросли.")
    assert found.count(("АНН", "АНН", "Ассоциация независимых нефтетрейдеров")) == 2, found


def test_kazakh_definition_and_later_mentions():
    found = orgs("Ұлттық аэроғарыш агенттігі (ҰАА) жаңа спутник ұшырды. ҰАА мамандары жұмысты бастады.")
    assert sum(1 for t, a, _e in found if t == "ҰАА" and a == "ҰАА") == 2, found


def test_latin_spelling_after_the_abbreviation():
    found = orgs("Об этом сообщил Комитет защиты журналистов (КЗЖ) (Committee to Protect Journalists).")
    assert ("Committee to Protect Journalists", None, "Комитет защиты журналистов") in found, found


@pytest.mark.parametrize("text", [
    "АО «Казахтелеком» (Алматы) открыло новый центр обработки данных.",
    "«Қазақтелеком» АҚ (Астана) жаңа орталық ашты.",
    "ТОО «Алатау Технопарк» (ТОО) зарегистрировано в реестре.",
])
def test_places_and_legal_forms_in_parentheses_are_not_abbreviations(text):
    assert not [t for t, a, _e in orgs(text) if a and t in ("Алматы", "Астана", "ТОО")], orgs(text)


@pytest.mark.parametrize("text,name", [
    ("В интервью «Радио Свобода» депутат рассказал о законе.", "Радио Свобода"),
    ("Об этом он сказал корреспонденту «Новой газеты» в понедельник.", "Новой газеты"),
    ("Бұл туралы ол «Ел арна» тілшісіне айтты.", "Ел арна"),
])
def test_media_named_next_to_an_interview_or_correspondent(text, name):
    assert name in [t.strip("«»") for t, _a, _e in orgs(text)], orgs(text)


def test_an_article_title_after_a_correspondent_is_not_an_outlet():
    found = orgs("Подробнее читайте в статье корреспондента «Жара продолжается» на нашем сайте.")
    assert "Жара продолжается" not in [t.strip("«»") for t, _a, _e in found], found


def test_an_outlet_named_in_an_interview_is_not_the_text_source():
    res = extract_text("В интервью «Радио Свобода» депутат рассказал о законе.")
    assert not (res.news or {}).get("source"), res.news
