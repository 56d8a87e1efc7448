"""PROGRAM extraction on sentences written for these tests (Kazakh, Russian, Latin)."""
from __future__ import annotations

from itp_docs.extract import orgs, places, programs
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def progs(text: str) -> list:
    ctx = build_context(normalize(text).text)
    orgs.run(ctx)
    places.run(ctx)
    programs.run(ctx)
    return [e for e in ctx.entities if e.type == "PROGRAM"]


def norms(text: str) -> list[str]:
    return [e.normalized for e in progs(text)]


def test_kk_quoted_names_with_a_program_word_after():
    ents = progs("Министр «Цифрлы Қазақстан» мемлекеттік бағдарламасы мен «Мемтапсырыс-2019» "
                 "акциясының нәтижелері туралы айтты.")
    assert [e.normalized for e in ents] == ["Цифрлы Қазақстан", "Мемтапсырыс-2019"]
    assert ents[0].attrs == {"kind": "program", "canonical_id": "digital_kz"}
    assert ents[1].attrs["kind"] == "campaign"
    assert ents[0].text == "«Цифрлы Қазақстан» мемлекеттік бағдарламасы"


def test_ru_program_word_before_the_quoted_name():
    ents = progs("Госпрограмма «Цифровой Казахстан» и программа «Болашак» обсуждались на заседании "
                 "правительства в среду.")
    assert [e.normalized for e in ents] == ["Цифровой Казахстан", "Болашак"]
    assert ents[0].attrs["canonical_id"] == "digital_kz"
    assert ents[1].attrs["canonical_id"] == "bolashak"


def test_address_is_cited_by_its_main_title():
    ents = progs("Об этом говорится в Послании Главы государства народу Казахстана от 1 сентября "
                 "2020 года «Казахстан в новой реальности: время действий».")
    assert [e.normalized for e in ents] == ["Казахстан в новой реальности"]
    assert ents[0].attrs["kind"] == "message"
    assert ents[0].attrs["title"] == "Казахстан в новой реальности: время действий"
    kk = progs("Мемлекет басшысының «Қазақстан жолы – 2050: бір мақсат, бір мүдде, бір болашақ» "
               "атты Жолдауы талқыланды.")
    assert [e.normalized for e in kk] == ["Қазақстан жолы – 2050"]


def test_known_names_need_capitals_or_quotes():
    assert norms("Бұл шара Нұрлы жол бағдарламасы аясында өтті.") == ["Нұрлы жол"]
    # The same words in lowercase are common words: the future, labour.
    assert norms("Оның болашақ жоспарлары көп. Жастардың еңбек етуі маңызды.") == []


def test_strategy_with_the_state_prefix():
    ents = progs("Жоспар Қазақстан Республикасының 2025 жылға дейінгі Стратегиялық даму жоспарын "
                 "іске асыру үшін қабылданды.")
    assert [e.normalized for e in ents] == [
        "Қазақстан Республикасының 2025 жылға дейінгі Стратегиялық даму жоспары"]
    assert ents[0].attrs["canonical_id"] == "strategic_plan_2025"


def test_plans_are_not_programs():
    assert norms("Іс-шаралар жоспары бекітілді. Утвержден План мероприятий на 2021 год.") == []


def test_longer_quoted_name_that_ends_like_a_known_one():
    # «Жібек жолы» is a known program; «Жаңа Жібек жолы» is something else.
    assert "Жібек жолы" not in norms("Тұрғындар «Жаңа Жібек жолы» жобасын талқылады.")


def test_kk_descriptive_title_and_its_short_name():
    text = ("1. Қоса беріліп отырған «Шығыс Жұлдыз» арнайы экономикалық аймағын дамыту жөніндегі "
            "2021 – 2023 жылдарға арналған жол картасы (бұдан әрі – Жол картасы) бекітілсін.\n"
            "2. Жол картасын орындау барысы туралы ақпарат жылына екі рет берілсін.")
    ents = progs(text)
    assert [e.normalized for e in ents] == [
        "Шығыс Жұлдыз арнайы экономикалық аймағын дамыту жөніндегі 2021 – 2023 жылдарға арналған "
        "жол картасы", "Жол картасы"]
    assert ents[0].text.startswith("«Шығыс Жұлдыз»")
    assert ents[1].attrs["title"] == ents[0].normalized
    assert ents[1].attrs["kind"] == "roadmap"


def test_ru_descriptive_title_and_its_short_name():
    text = ("1. Утвердить прилагаемую Дорожную карту по развитию туризма в Мангистауской области "
            "на 2021 – 2023 годы (далее – Дорожная карта).\n"
            "2. Контроль за исполнением Дорожной карты возложить на заместителя акима области.")
    assert norms(text) == [
        "Дорожная карта по развитию туризма в Мангистауской области на 2021 – 2023 годы",
        "Дорожная карта"]


def test_short_name_of_a_named_program_is_that_program():
    text = ("1. Қоса беріліп отырған «Жасыл Өлке» мемлекеттік бағдарламасы (бұдан әрі – "
            "Бағдарлама) бекітілсін.\n2. Бағдарламаны іске асыру жөніндегі жоспар әзірленсін.")
    assert norms(text) == ["Жасыл Өлке", "Жасыл Өлке"]


def test_titles_need_a_period_and_are_not_a_bodys_own_plans():
    assert norms("Компания жаңа даму бағдарламасын қабылдады.") == []
    assert norms("ҚБТУ-дың 2021 – 2025 жылдарға арналған даму стратегиясы бекітілді.") == []


def test_latin_program_names():
    assert norms("The Digital Kazakhstan program was discussed with Bolashak alumni.") == [
        "Digital Kazakhstan", "Bolashak"]


def test_a_quoted_title_ends_at_its_closing_quote():
    """«Стратегия Казахстан-2050» до 2022 года: the period after the quote is the sentence's, not
    the title's; an unquoted title keeps its «до 2050 года»."""
    from itp_docs.extract.pipeline import extract_text

    def programs(text):
        return [e.text for e in extract_text(text).entities if e.type == "PROGRAM"]

    assert programs("В рамках «Дорожная карта занятости 2020» до 2018 года планируется ремонт.") == [
        "Дорожная карта занятости 2020"]
    assert programs("Утверждена Стратегия развития города Алматы до 2050 года.") == [
        "Стратегия развития города Алматы до 2050 года"]
    # a quoted name inside an unquoted title does not end it
    assert programs("Утвердить Дорожную карту по развитию специальной экономической зоны «Парк "
                    "инновационных технологий» на 2018 – 2020 годы.")[0].endswith("на 2018 – 2020 годы")
