"""PERSON extraction and roles, on sentences written for these tests (Kazakh, Russian, Latin)."""
from __future__ import annotations

import pytest

from itp_docs.extract import persons, roles
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def people(text: str) -> list:
    ctx = build_context(normalize(text).text)
    persons.run(ctx)
    return [e for e in ctx.entities if e.type == "PERSON"]


def names(text: str) -> list[str]:
    return [e.normalized for e in people(text)]


def by_norm(text: str) -> dict:
    return {e.normalized: e for e in people(text)}


# --- Kazakh ---------------------------------------------------------------------------------------

def test_kk_full_name_inflected_with_role_and_coreference():
    ents = people("Жиынға Ақмола облысының әкімі Ерлан Нұрғалиевтің өзі қатысты. "
                  "Кейін Нұрғалиев мырза жаңа жобаларды таныстырды.")
    assert [e.normalized for e in ents] == ["Ерлан Нұрғалиев", "Ерлан Нұрғалиев"]
    assert ents[0].text == "Ерлан Нұрғалиевтің"
    assert ents[0].attrs["role"] == "Ақмола облысының әкімі"
    assert ents[0].attrs["gender"] == "m"
    assert ents[1].text == "Нұрғалиев"


def test_kk_initials_in_a_decree_clause():
    ents = people("4. Осы қаулының орындалуын бақылау облыс әкімінің орынбасары "
                  "Қ.Т. Жұмабековке жүктелсін.")
    assert len(ents) == 1
    e = ents[0]
    assert e.normalized == "Қ.Т. Жұмабеков"
    assert e.attrs["initials"] == "Қ.Т."
    assert e.attrs["role"] == "облыс әкімінің орынбасары"


def test_kk_initial_glued_to_surname_links_to_full_name():
    got = names("Бүгін Әсел Қуанышбаева баяндама жасады. Ә.Қуанышбаеваның айтуынша, жоба аяқталды.")
    assert got == ["Әсел Қуанышбаева", "Әсел Қуанышбаева"]


def test_kk_female_surname_keeps_feminine_form():
    e = by_norm("Аудандық аурухананың бас дәрігері Гүлмира Сейітованың сөзінше, кезек азайды.")
    assert "Гүлмира Сейітова" in e
    assert e["Гүлмира Сейітова"].attrs["gender"] == "f"


def test_kk_all_caps_byline():
    ents = people("Жаңа мектеп ашылды.\n\nАйгүл ОМАРОВА,\n«Айқын»")
    assert [e.normalized for e in ents] == ["Айгүл Омарова"]
    assert ents[0].attrs["role"] is None


def test_kk_patronymic_and_patronymic_as_surname():
    assert names("Жиынды Серікбол Әділханұлы Мұсабаев ашты.") == ["Серікбол Әділханұлы Мұсабаев"]
    assert names("Басқарма басшысы Дархан Серікұлы мәлімдеме жасады.") == ["Дархан Серікұлы"]


def test_kk_unknown_first_name_before_a_surname_with_an_ending():
    assert names("Жиында Жансейіт Түймебаев сөз сөйледі.") == ["Жансейіт Түймебаев"]


def test_kk_coordinated_ministry_role():
    e = people("Жиынды Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрі "
               "Бағдат Мусин ашты.")[0]
    assert e.normalized == "Бағдат Мусин"
    assert e.attrs["role"] == "Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрі"


def test_kk_role_chain_stops_at_an_adverbial():
    e = people("Кеше өткен брифингте Энергетика вице-министрі Марат Оспанов сөз алды.")[0]
    assert e.attrs["role"] == "Энергетика вице-министрі"


@pytest.mark.parametrize("text", [
    "Алматы қаласында Самрұқ-Қазына қорының жиыны өтті.",
    "Елбасы Жолдауын жариялады, Мемлекет басшысы тапсырма берді.",
    "«Айбын» әскери-патриоттық клубы жарысқа қатысты.",
    "Абай көшесінде жөндеу жүріп жатыр.",
    "Тұрғындардың айтуынша, жол жөнделмеген.",
    "Алдын ала болжам бойынша ауа райы жылы болады.",
    "Жібек жолы бағдарламасы жалғасады.",
    "Осы туралы U. S. News басылымы жазды.",
])
def test_kk_no_person(text):
    assert names(text) == []


def test_kk_lone_first_name():
    assert names("Кеше Динара бізге хабарласты.") == ["Динара"]


# --- Russian --------------------------------------------------------------------------------------

def test_ru_roles_before_names_and_speech_coreference():
    text = ("Вчера аким Павлодарской области Болат Бакауов встретился с министром энергетики "
            "Канатом Бозумбаевым. «Мы обсудили тарифы», – сказал Бакауов.")
    ents = people(text)
    assert [e.normalized for e in ents] == ["Болат Бакауов", "Канат Бозумбаев", "Болат Бакауов"]
    assert ents[0].attrs["role"] == "аким Павлодарской области"
    assert ents[1].attrs["role"] == "министр энергетики"
    assert ents[1].text == "Канатом Бозумбаевым"


def test_ru_female_person_in_genitive():
    ents = people("По словам заместителя председателя Жанны Ахметовой, проект завершен. "
                  "Ахметова отметила рост экспорта.")
    assert [e.normalized for e in ents] == ["Жанна Ахметова", "Жанна Ахметова"]
    assert ents[0].attrs["gender"] == "f"
    assert ents[0].attrs["role"] == "заместитель председателя"


def test_ru_reversed_initials_and_nominative_role():
    e = people("Контроль возложить на первого заместителя Премьер-Министра Республики Казахстан "
               "Сапарбаева Б.М.")[0]
    assert e.normalized == "Б.М. Сапарбаев"
    assert e.text == "Сапарбаева Б.М."
    assert e.attrs["role"] == "первый заместитель Премьер-Министра Республики Казахстан"


def test_ru_apposition_role():
    e = people("Асхат Оралов, министр культуры и спорта, открыл выставку.")[0]
    assert e.normalized == "Асхат Оралов"
    assert e.attrs["role"] == "министр культуры и спорта"


def test_ru_signature_block_role():
    text = "Настоящее постановление вводится в действие.\n\nПремьер-Министр\nРеспублики Казахстан" \
           "                                  К. Масимов\n"
    e = people(text)[0]
    assert e.normalized == "К. Масимов"
    assert e.attrs["role"] == "Премьер-Министр Республики Казахстан"


def test_kk_signature_block_role():
    text = "Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.\n\nҚазақстан Республикасының\n" \
           "Премьер-Министрі                                  К. Мәсімов\n"
    e = people(text)[0]
    assert e.normalized == "К. Мәсімов"
    assert e.attrs["role"] == "Қазақстан Республикасының Премьер-Министрі"


def test_ru_reversed_order_in_a_tag_line():
    assert names("Теги: Токаев Касым-Жомарт") == ["Касым-Жомарт Токаев"]


def test_ru_second_given_name_and_honorific():
    ents = people("Премьер-министр Турции Реджеп Тайип Эрдоган прибыл в Астану. "
                  "Господин Эрдоган провел переговоры.")
    assert [e.normalized for e in ents] == ["Реджеп Тайип Эрдоган", "Реджеп Тайип Эрдоган"]


@pytest.mark.parametrize("text", [
    "Работы идут в Карагандинском и Осакаровском районах.",
    "Итогов года пока нет, сообщает Zakon.kz.",
    "Представители Гринпис провели акцию.",
    "Министерство финансов Республики Казахстан опубликовало отчет.",
    "В Ростове и Кирове прошли выставки.",
    "Братьев Ахметовых наградили.",
])
def test_ru_no_person(text):
    assert names(text) == []


# --- Latin ----------------------------------------------------------------------------------------

def test_latin_names_with_roles():
    ents = people("Prime Minister Askar Mamin met Bauyrzhan Baibek in Almaty on Monday.")
    assert [e.normalized for e in ents] == ["Askar Mamin", "Bauyrzhan Baibek"]
    assert ents[0].attrs["role"] == "Prime Minister"


# --- roles ----------------------------------------------------------------------------------------

def test_normalize_role_puts_the_russian_head_in_the_nominative():
    assert roles.normalize_role("первого заместителя Премьер-Министра РК", "ru") == \
        "первый заместитель Премьер-Министра РК"
    assert roles.normalize_role("председателем правления АО «Самрук-Казына»", "ru") == \
        "председатель правления АО Самрук-Казына"


def test_normalize_role_kazakh_strips_case_after_possessive_and_quotes():
    assert roles.normalize_role("«Самрұқ-Қазына» АҚ-ы басқармасының төрағасына", "kk") == \
        "Самрұқ-Қазына АҚ басқармасының төрағасы"


def test_first_name_forms():
    assert persons.first_name("Жанны", "ru") == ("Жанна", "f")
    assert persons.first_name("Юрию", "ru")[0] == "Юрий"
    assert persons.first_name("Бауыржанның", "kk")[0] == "Бауыржан"
    assert persons.first_name("Самрұқ", "kk") is None


@pytest.mark.parametrize("text, name", [
    ("Вчера глава Astana Hub Магжан Мадиев представил программу.", "Магжан Мадиев"),
    ("Бүгін Astana Hub Магжан Мадиев жаңа бағдарламаны таныстырды.", "Магжан Мадиев"),
    ("Директор Tech Garden Айдос Жумагулов выступил с докладом.", "Айдос Жумагулов"),
])
def test_a_latin_name_before_a_cyrillic_person_is_not_a_given_name(text, name):
    from itp_docs.extract.pipeline import extract_text
    got = [e.normalized for e in extract_text(text).entities if e.type == "PERSON"]
    assert got == [name]
