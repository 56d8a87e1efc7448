"""Tests for itp_docs.extract.structure: boilerplate spans, document type, news dateline and
title, on texts written for these tests (Kazakh and Russian; Cyrillic and Latin)."""
from __future__ import annotations

import pytest

from itp_docs.extract import structure
from itp_docs.extract.context import Context
from itp_docs.extract.model import Entity
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def ctx_of(text: str, title: str | None = None) -> Context:
    ctx = build_context(normalize(text).text, title=title)
    structure.run(ctx)
    return ctx


def ignored_text(ctx: Context) -> list[str]:
    return [ctx.text[s:e] for s, e in ctx.ignore_spans]


# ----------------------------------------------------------------------------- boilerplate

KK_NEWS = """Экономика • 3 Наурыз, 2021

Павлодарда жаңа технопарк ашылды

1 045 рет
көрсетілді
4 мин
оқу үшін

Павлодар облысының әкімі Әбілқайыр Сқақов технопарктің ашылу салтанатына қатысты. «Технопарк өңір жастарына жаңа мүмкіндік береді», – деді Әбілқайыр Сқақов.

Тегтер: Павлодар, технопарк, стартап
Бөлісу:
Сондай-ақ оқыңыз:
Екібастұзда IT-мектеп ашылады
"""


def test_kk_counters_tags_share_and_related_news_are_boilerplate():
    ctx = ctx_of(KK_NEWS)
    got = ignored_text(ctx)
    assert "1 045 рет\nкөрсетілді" in got
    assert "4 мин\nоқу үшін" in got
    assert any(t.startswith("Тегтер: Павлодар") for t in got)
    assert any(t.startswith("Бөлісу:") for t in got)
    # a related-news list runs to the end of the text
    assert ctx.ignored(ctx.text.index("Екібастұзда"), ctx.text.index("Екібастұзда") + 5)
    # the body stays
    body = ctx.text.index("Павлодар облысының")
    assert not ctx.ignored(body, body + 20)


def test_entities_inside_boilerplate_are_dropped():
    ctx = ctx_of(KK_NEWS)
    s = ctx.text.index("Павлодар, технопарк")
    ctx.add(Entity("LOC", s, s + 8, "Павлодар", "Павлодар"))
    b = ctx.text.index("Павлодар облысының")
    ctx.add(Entity("LOC", b, b + 8, "Павлодар", "Павлодар"))
    assert [e.start for e in ctx.entities] == [b]


RU_NEWS = """В Костанае запустили платформу для фермеров
21 мая 2021 13:27 Просмотров: 3 412
КОСТАНАЙ. КАЗИНФОРМ – Аким области Архимед Мухамбетов презентовал цифровую платформу, передает корреспондент агентства.
«Платформа сократит время на оформление субсидий вдвое», – сказал Архимед Мухамбетов.
Костанай Рудный Лисаковск IT Агро
Следите за новостями zakon.kz в:
Все права защищены © 2021
"""


def test_ru_counters_tag_cloud_follow_and_copyright():
    ctx = ctx_of(RU_NEWS)
    got = ignored_text(ctx)
    assert "Просмотров: 3 412" in got
    assert "Костанай Рудный Лисаковск IT Агро" in got
    assert any(t.startswith("Следите за новостями") for t in got)
    assert any("Все права защищены" in t for t in got)
    # the time before the counter is not eaten by it
    assert "13:27" not in " ".join(got)


def test_a_signature_line_with_one_place_is_no_tag_cloud():
    text = ("Глава государства провел совещание по цифровизации.\n\n" * 3
            + "Пресс-служба Президента Республики Казахстан\n")
    ctx = ctx_of(text)
    assert not any("Пресс-служба" in t for t in ignored_text(ctx))


def test_markdown_front_matter_is_boilerplate():
    ctx = ctx_of("layout: post\nlang: kk\ntags: [Алматы, стартап]\n\nAlmaty Hub жаңа бағдарлама бастады\n\n"
                 "Бағдарламаға 30 стартап қатысады.\n")
    assert ctx.ignored(0, 5)
    assert ctx.title == "Almaty Hub жаңа бағдарлама бастады"


def test_a_sentence_that_starts_like_a_menu_word_stays():
    ctx = ctx_of("Печать документов перевели в электронный формат.\nПечать\n")
    got = ignored_text(ctx)
    assert got == ["Печать"]


# ----------------------------------------------------------------------------- dateline, title

def test_kk_dateline_with_rubric_and_title_after_it():
    ctx = ctx_of(KK_NEWS)
    assert ctx.doctype == "news"
    assert ctx.date == "2021-03-03"
    assert ctx.title == "Павлодарда жаңа технопарк ашылды"


def test_ru_dateline_with_time_and_counter_and_title_before_it():
    ctx = ctx_of(RU_NEWS)
    assert ctx.date == "2021-05-21"
    assert ctx.title == "В Костанае запустили платформу для фермеров"


@pytest.mark.parametrize("line, value", [
    ("5 июня 2013, 14:30", "2013-06-05"),
    ("12.03.2019 10:15", "2019-03-12"),
    ("2019 жылғы 12 наурыз, 09:00", "2019-03-12"),
    ("15.05.2015 | 10:42   Автор: Иван Петров", "2015-05-15"),
    ("Нұр-Сұлтан, 2020 жылғы 4 қыркүйек", "2020-09-04"),
])
def test_dateline_forms(line, value):
    ctx = ctx_of(f"Жаңалық тақырыбы осында тұр\n{line}\n\nМәтіннің бірінші сөйлемі ұзақ болады.\n")
    assert ctx.date == value


def test_a_date_in_the_body_is_not_the_publication_date():
    ctx = ctx_of("Исекешов технопаркті аралады\n\nМинистр 2013 жылғы 19 маусымда бекітілген жоспардың "
                 "орындалуын тексерді. «Жоспар толық орындалуы керек», – деді министр.\n")
    assert ctx.doctype == "news"
    assert ctx.date is None
    assert ctx.title == "Исекешов технопаркті аралады"


def test_html_title_without_the_site_name():
    ctx = ctx_of("Правительство одобрило программу\n7 июля 2020, 12:00\nТекст новости здесь, – сообщает Zakon.kz.\n",
                 title="Правительство одобрило программу | Zakon.kz")
    assert ctx.title == "Правительство одобрило программу"
    assert ctx.title_span is not None
    ctx2 = ctx_of("Текст новости, который начинается сразу с первой фразы.\n",
                  title="Правительство одобрило программу - Новости")
    assert ctx2.title == "Правительство одобрило программу"


def test_a_long_first_paragraph_is_no_title():
    ctx = ctx_of("Бүгін Алматыда технопарк ашылды. " * 5 + "\n")
    assert ctx.title is None


# ----------------------------------------------------------------------------- doctype

def test_doctype_decree_news_other():
    assert ctx_of("Үкіметі ҚАУЛЫ ЕТЕДІ:\n1. Бекітілсін.\n2. Қолданысқа енгізілсін.\n").doctype == "decree"
    assert ctx_of("Аким города сообщил о запуске проекта. «Проект важен», – сказал он.\n").doctype == "news"
    assert ctx_of("Бағдарлама мақсаттары: цифрлық сауаттылық, инфрақұрылым.\n").doctype == "other"


def test_latin_script_news_is_news():
    text = ("Almaty akimi jańa tehnopark ashty\n\n12.09.2021\n\n"
            "«Tehnopark jastarǵa jumys beredi», – dedi Erbolat Dosaev.\n")
    ctx = ctx_of(text)
    assert ctx.doctype == "news"
    assert ctx.date == "2021-09-12"
