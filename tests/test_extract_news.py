"""Tests for itp_docs.extract.news: quotations and their speakers, source outlet, byline — on
news items written for these tests. Person entities are placed by hand (what the person stage
would find), so that these tests check the attribution logic alone."""
from __future__ import annotations

import re

import pytest

from itp_docs.extract import news, structure
from itp_docs.extract.context import Context
from itp_docs.extract.model import Entity
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def ctx_of(text: str, persons: dict[str, tuple[str, str | None]] | None = None,
           title: str | None = None) -> Context:
    """``persons``: surface form → (normalized name, role); every occurrence becomes a PERSON."""
    ctx = build_context(normalize(text).text, title=title)
    structure.run(ctx)
    for surface, (name, role) in (persons or {}).items():
        for m in re.finditer(re.escape(surface), ctx.text):
            ctx.add(Entity("PERSON", m.start(), m.end(), surface, name, {"role": role}))
    ctx.entities.sort(key=lambda e: e.start)
    news.run(ctx)
    return ctx


def speakers(ctx: Context) -> list[str | None]:
    return [q["speaker"] for q in ctx.news["quotes"]]


KK = """Шымкентте IT-хаб ашылды

2021 жылғы 14 мамыр

Шымкент қаласының әкімі Мұрат Әйтенов жаңа IT-хабтың ашылуына қатысты.

«Хабта жылына 500 бағдарламашы оқиды. Бұл – қала экономикасына үлкен серпін», – деді Мұрат Әйтенов.

Цифрлық даму министрі Бағдат Мусин хабтың жұмысымен танысты.

«Мұндай орталықтар әр өңірде ашылуы тиіс», – деп атап өтті министр.

Хаб директоры Ерлан Сапаров жобаның құны 2 млрд теңге екенін айтты. «Біз шетелдік серіктестерді тартамыз», – деді ол.

Айгүл ОМАРОВА,
«Оңтүстік Қазақстан»
"""

KK_PERSONS = {
    "Мұрат Әйтенов": ("Мұрат Әйтенов", "Шымкент қаласының әкімі"),
    "Бағдат Мусин": ("Бағдат Мусин", "Цифрлық даму министрі"),
    "Ерлан Сапаров": ("Ерлан Сапаров", "Хаб директоры"),
}


def test_kk_speakers_by_name_role_and_pronoun():
    ctx = ctx_of(KK, KK_PERSONS)
    assert speakers(ctx) == ["Мұрат Әйтенов", "Бағдат Мусин", "Ерлан Сапаров"]
    q = ctx.news["quotes"][0]
    assert q["text"].startswith("Хабта жылына 500 бағдарламашы")
    assert ctx.text[q["start"]:q["end"]].startswith("Хабта") and ctx.text[q["end"]] == "»"


def test_kk_byline_and_outlet_under_the_text():
    ctx = ctx_of(KK, KK_PERSONS)
    assert ctx.news["byline"] == "Айгүл ОМАРОВА"
    assert ctx.news["source_name"] == "Оңтүстік Қазақстан"


RU = """АЛМАТЫ. КАЗИНФОРМ – Вице-министр цифрового развития Асхат Оразбек посетил технопарк, передает корреспондент МИА «Казинформ».

По словам Оразбека, в технопарке работают 80 компаний. «Мы поможем компаниям выйти на рынки Центральной Азии», – сказал Оразбек.

Директор технопарка Динара Сейткали отметила рост экспорта. Сейткали заявила: «Экспорт участников вырос в полтора раза за год».

«Главное сейчас – кадры для отрасли», – подчеркнул вице-министр.
"""

RU_PERSONS = {
    "Асхат Оразбек": ("Асхат Оразбек", "Вице-министр цифрового развития"),
    "Оразбека": ("Оразбек", None),
    "Оразбек.": ("Оразбек", None),
    "Динара Сейткали": ("Динара Сейткали", "Директор технопарка"),
    "Сейткали заявила": ("Сейткали", None),
}


def test_ru_surname_is_completed_and_colon_quotes_are_found():
    ctx = ctx_of(RU, RU_PERSONS)
    assert speakers(ctx) == ["Асхат Оразбек", "Динара Сейткали", "Асхат Оразбек"]
    assert ctx.news["quotes"][1]["text"] == "Экспорт участников вырос в полтора раза за год"


def test_ru_outlet_from_the_dateline_lede():
    ctx = ctx_of(RU, RU_PERSONS)
    assert ctx.news["source_name"] == "Казинформ"


def test_quoted_names_are_not_quotations():
    ctx = ctx_of("Министр рассказал о программе «Цифровой Казахстан» и проекте «Smart Aqmola». "
                 "Программа продлена, сообщает Zakon.kz.\n")
    assert ctx.news["quotes"] == []
    assert ctx.news["source_name"] == "Zakon.kz"


@pytest.mark.parametrize("text, source", [
    ("Проект одобрен, сообщает Zakon.kz со ссылкой на primeminister.kz.\n", "Zakon.kz"),
    ("Жоба мақұлданды.\n\nДереккөз: egemen.kz\n", "egemen.kz"),
    ("Жоба мақұлданды, деп хабарлайды ҚазАқпарат тілшісі.\n", "ҚазАқпарат"),
    ("Ақтөбе облысы әкімінің баспасөз қызметі хабарлайды. Жоба мақұлданды.\n",
     "Ақтөбе облысы әкімінің баспасөз қызметі"),
    ("Глава государства принял министра. Президенту доложено о ходе работ.\n\nakorda.kz\n", "akorda.kz"),
    # an unnamed office in lower case names no outlet
    ("Об этом сообщает пресс-служба акимата. «Работы идут по графику», – сказал аким.\n", None),
])
def test_source_name(text, source):
    assert ctx_of(text).news["source_name"] == source


def test_source_from_the_site_name_in_the_html_title():
    ctx = ctx_of("Гранты выросли\n15.05.2015 | 10:42\nТекст новости, сказал министр.\n",
                 title="Гранты выросли | Деловой портал")
    assert ctx.news["source_name"] == "Деловой портал"


@pytest.mark.parametrize("text, byline", [
    ("Текст новости о технопарке.\n\nАвтор: Иван Петров\n", "Иван Петров"),
    ("Заголовок новости здесь\n\nАлия НУРЛАНОВА\n\nТекст новости о технопарке, – сообщает портал.\n",
     "Алия НУРЛАНОВА"),
    ("Мақала мәтіні осында.\n\nДайындаған: Асқар Берікұлы\n", "Асқар Берікұлы"),
    ("Текст новости о технопарке, сообщает Zakon.kz.\n", None),
])
def test_byline(text, byline):
    assert ctx_of(text).news["byline"] == byline


def test_speaker_before_colon_in_kazakh_with_an_honorific():
    text = ("Кездесуде әкім сөз сөйледі. Байбек мырза: «Қала стартаптарға қолдау көрсетеді», — деді.\n")
    ctx = ctx_of(text, {"Байбек": ("Бауыржан Байбек", "Алматы қаласының әкімі")})
    assert speakers(ctx) == ["Бауыржан Байбек"]


def test_a_speech_starting_with_a_quoted_name_keeps_it():
    text = ("«Мемтапсырыс» біз үшін маңызды алаң. Келесі жылы ол кеңейеді», – деді Қайрат Ахметов.\n")
    ctx = ctx_of(text, {"Қайрат Ахметов": ("Қайрат Ахметов", None)})
    q = ctx.news["quotes"][0]
    assert q["text"].startswith("«Мемтапсырыс» біз үшін") and q["speaker"] == "Қайрат Ахметов"


def test_a_name_after_the_verb_without_a_person_entity():
    ctx = ctx_of("«Біз жаңа бағдарлама іске қосамыз», – деді Нұрлан Серікбаев.\n")
    assert speakers(ctx) == ["Нұрлан Серікбаев"]


def test_latin_kazakh_quote():
    text = "«Tehnopark jastarǵa jańa jumys oryndaryn beredi», – dedi Erbolat Dosaev.\n"
    ctx = ctx_of(text, {"Erbolat Dosaev": ("Erbolat Dosaev", None)})
    assert speakers(ctx) == ["Erbolat Dosaev"]


def test_decrees_get_no_news_block():
    ctx = ctx_of("Үкіметі ҚАУЛЫ ЕТЕДІ:\n1. Бекітілсін.\n2. Қолданысқа енгізілсін.\n")
    assert ctx.doctype == "decree" and ctx.news is None


@pytest.mark.parametrize("text, surface, name", [
    ("По словам Досаева, «город получит 500 новых рабочих мест до конца года».\n", "Досаева", "Ерболат Досаев"),
    ("Досаевтың айтуынша, «қала жыл соңына дейін 500 жаңа жұмыс орнын алады».\n", "Досаевтың", "Ерболат Досаев"),
])
def test_according_to_a_person_before_a_quotation(text, surface, name):
    ctx = ctx_of(text, {surface: (name, None)})
    assert speakers(ctx) == [name]


def test_according_to_without_a_quotation_is_no_quote():
    ctx = ctx_of("По словам Досаева, город получит 500 новых рабочих мест. По словам министра, "
                 "в прошлом году АО «Национальное агентство по развитию инноваций» выдало гранты.\n",
                 {"Досаева": ("Ерболат Досаев", None)})
    assert ctx.quotes == []


def test_byline_and_outlet_on_one_line():
    ctx = ctx_of("Жаңалық мәтіні осында, – деді әкім.\n\nДинара ОМАРОВА, «Егемен Қазақстан»\n")
    assert ctx.news["byline"] == "Динара ОМАРОВА"
    assert ctx.news["source_name"] == "Егемен Қазақстан"


def test_surname_after_the_verb_completed_from_an_earlier_mention():
    text = ("Министр Даурен Абаев выступил на заседании. «Программа выполнена на 90 процентов», – сказал Абаев.\n"
            "«Работы продолжатся в следующем году в штатном режиме», – отметили в акимате.\n")
    ctx = ctx_of(text, {"Даурен Абаев": ("Даурен Абаев", "министр")})
    assert speakers(ctx) == ["Даурен Абаев", None]
