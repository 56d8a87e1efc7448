"""Tests for itp_docs.extract.decree (and the decree side of structure/glossary): headings,
approval lines, operative formulas, issuers, signatures, clauses and amendment footnotes, on
acts written for these tests in Kazakh and Russian."""
from __future__ import annotations

import pytest

from itp_docs.extract import decree, glossary, measures, structure
from itp_docs.extract.context import Context
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def ctx_of(text: str) -> Context:
    ctx = build_context(normalize(text).text)
    for stage in (structure, decree, measures, glossary):
        stage.run(ctx)
    return ctx


def ids(ctx: Context) -> list[str]:
    return [c.id for c in ctx.clauses]


KK_RESOLUTION = """Қостанай облысында ауыл шаруашылығын цифрландырудың 2022 – 2024 жылдарға арналған жоспарын бекіту туралы

Қостанай облысы әкімдігінің 2022 жылғы 3 ақпандағы № 57 қаулысы.

Ескерту. Жоспарға өзгерістер енгізілді - Қостанай облысы әкімдігінің 15.09.2022 № 410 қаулысымен.

«Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару туралы» Заңға сәйкес Қостанай облысының әкімдігі ҚАУЛЫ ЕТЕДІ:

1. Қоса беріліп отырған жоспар бекітілсін.

2. Облыстың ауыл шаруашылығы басқармасы:
1) жоспардың орындалуын үйлестіруді;
2) жарты жылда бір рет, 20 қаңтарға дейін ақпарат беруді қамтамасыз етсін.

3. Осы қаулының орындалуын бақылау облыс әкімінің орынбасары Қ.Ж. Әбілқасымовқа жүктелсін.

4. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.

Қостанай облысының
әкімі                                    А. Мұхамбетов


Қостанай облысы әкімдігінің 2022 жылғы 3 ақпандағы № 57 қаулысымен бекітілген
"""


def test_kk_resolution_header_issuer_signer_and_clauses():
    ctx = ctx_of(KK_RESOLUTION)
    assert ctx.doctype == "decree"
    d = ctx.decree
    assert d["number"] == "57"
    assert d["date"] == "2022-02-03" and ctx.date == "2022-02-03"
    assert d["kind"] == "resolution"
    assert d["issuer"] == "Қостанай облысының әкімдігі"
    assert d["signer"] == "А. Мұхамбетов"
    assert d["signer_role"] == "Қостанай облысының әкімі"
    assert d["title"].startswith("Қостанай облысында ауыл шаруашылығын") and d["title"].endswith("туралы")
    assert ctx.title == d["title"]
    assert ids(ctx) == ["1", "2", "2.1", "2.2", "3", "4"]
    c = {x.id: x for x in ctx.clauses}
    assert c["2.1"].parent == "2" and c["2"].parent is None
    assert c["2.2"].text.startswith("жарты жылда бір рет")
    assert c["4"].text == "Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі."
    # the footnote is a reference, not a clause
    assert len(ctx.references) == 1
    ref = ctx.references[0]
    assert ref["action"] == "amended"
    assert ref["act"]["number"] == "410"
    assert ref["act"]["date"] == "2022-09-15"
    assert not any("өзгерістер енгізілді" in x.text for x in ctx.clauses)


RU_ORDER = """Об утверждении Правил отбора участников регионального технопарка

Приказ руководителя управления цифровизации Жамбылской области от 14 апреля 2021 года № 12-НҚ

Сноска. Внесены изменения приказом руководителя управления цифровизации Жамбылской области от 02.08.2021 № 31-НҚ.

В соответствии с пунктом 5 Положения об управлении ПРИКАЗЫВАЮ:

1. Утвердить прилагаемые Правила.
2. Отделу инноваций:
2.1. обеспечить публикацию Правил;
2.2. внести в Правила следующие изменения:
пункт 3 изложить в следующей редакции:
«3. Отбор проводится ежегодно.»;
3. Настоящий приказ вводится в действие со дня подписания.

Руководитель управления цифровизации Жамбылской области Т. Омарбеков
"""


def test_ru_order_first_person_formula_issuer_is_the_signer():
    ctx = ctx_of(RU_ORDER)
    d = ctx.decree
    assert ctx.doctype == "decree"
    assert (d["kind"], d["number"], d["date"]) == ("order", "12-НҚ", "2021-04-14")
    assert d["signer"] == "Т. Омарбеков"
    assert d["signer_role"] == "Руководитель управления цифровизации Жамбылской области"
    assert d["issuer"] == d["signer_role"]
    assert d["title"] == "Об утверждении Правил отбора участников регионального технопарка"
    # "«3. Отбор …»" inside a quoted amendment is not clause 3
    assert ids(ctx) == ["1", "2", "2.1", "2.2", "3"]
    c = {x.id: x for x in ctx.clauses}
    assert "«3. Отбор проводится ежегодно.»" in c["2.2"].text
    assert ctx.references and ctx.references[0]["action"] == "amended"
    assert ctx.references[0]["act"]["number"] == "31-НҚ"


KK_NO_HEADING_INLINE = (
    "Өңірлік инновациялық кластерді дамыту мақсатында Қазақстан Республикасының Үкіметі "
    "ҚАУЛЫ ЕТЕДІ: 1. Қоса беріліп отырған іс-шаралар жоспары бекітілсін. 2. Орталық атқарушы "
    "органдар: 1) жоспарды іске асыру бойынша шаралар қабылдасын; 2) жыл сайын, 10 қаңтарға "
    "дейін ақпарат берсін. 3. Осы қаулы 2021 жылғы 1 қаңтардан бастап қолданысқа енгізіледі.\n\n"
    "Қазақстан Республикасының Премьер-Министрі                А. Мамин\n\n"
    "Қазақстан Республикасы Үкіметінің 2020 жылғы 25 желтоқсандағы № 888 қаулысымен бекітілген\n"
)


def test_kk_without_heading_dated_by_the_approval_line_and_inline_clauses():
    ctx = ctx_of(KK_NO_HEADING_INLINE)
    d = ctx.decree
    assert (d["number"], d["date"]) == ("888", "2020-12-25")
    assert d["issuer"] == "Қазақстан Республикасының Үкіметі"
    assert d["signer"] == "А. Мамин"
    assert d["title"] is None
    # "10 қаңтарға" and "2021 жылғы 1 қаңтардан" are not clauses
    assert ids(ctx) == ["1", "2", "2.1", "2.2", "3"]


RU_UKAZ = """В целях развития цифровой экономики ПОСТАНОВЛЯЮ:

1. Правительству Республики Казахстан принять меры по реализации настоящего Указа.

2. Настоящий Указ вводится в действие со дня его подписания.

Президент
Республики Казахстан                                   К. Токаев

Нур-Султан, Акорда, 5 октября 2020 года
№ 415
"""


def test_ru_ukaz_dated_and_numbered_under_the_signature():
    ctx = ctx_of(RU_UKAZ)
    d = ctx.decree
    assert d["kind"] == "decree"
    assert (d["number"], d["date"]) == ("415", "2020-10-05")
    assert d["signer"] == "К. Токаев"
    assert d["signer_role"] == "Президент Республики Казахстан"
    assert d["issuer"] == "Президент Республики Казахстан"
    assert ids(ctx) == ["1", "2"]


def test_issuer_after_a_comma_and_a_quoted_title_in_russian():
    text = ("Постановление акимата города Шымкент от 1 июня 2022 года № 300\n\n"
            "В соответствии с Законом Республики Казахстан «О местном государственном управлении», "
            "акимат города Шымкент ПОСТАНОВЛЯЕТ:\n"
            "1. Утвердить план.\n2. Контроль возложить на заместителя акима.\n\n"
            "Аким города Шымкент                 М. Айтенов\n")
    d = ctx_of(text).decree
    assert d["issuer"] == "акимат города Шымкент"
    assert (d["kind"], d["number"], d["date"]) == ("resolution", "300", "2022-06-01")


def test_news_citing_an_act_is_not_a_decree():
    text = ("Правительство утвердило новую госпрограмму\n\n12 марта 2021, 10:15\n\n"
            "Постановлением Правительства от 12 марта 2021 года № 120 утверждена программа. "
            "«Программа даст новые рабочие места», – сказал министр.\n")
    ctx = ctx_of(text)
    assert ctx.doctype == "news"
    assert ctx.decree is None and ctx.clauses == []


def test_signature_lines():
    text = ("ҚАУЛЫ ЕТЕДІ:\n1. Бекітілсін.\n\n"
            "Алматы облысының\nәкімі                       Б.Бақауов\n")
    ctx = ctx_of(text)
    sig = decree.find_signature(ctx, 0)
    assert sig is not None
    assert sig[2] == "Б. Бақауов" and sig[3] == "Алматы облысының әкімі"
    # a clause that ends with a surname is no signature
    ctx2 = ctx_of("ПОСТАНОВЛЯЕТ:\n1. Контроль возложить на Б. Ахметова.\n")
    assert decree.find_signature(ctx2, 0) is None


@pytest.mark.parametrize("line, action", [
    ("Ескерту. 2-тармақ жаңа редакцияда - ҚР Үкіметінің 01.03.2019 № 77 қаулысымен.", "new_edition"),
    ("Ескерту. Қаулының күші жойылды - ҚР Үкіметінің 10.10.2020 № 650 қаулысымен.", "repealed"),
    ("Сноска. Пункт 4 исключен постановлением Правительства РК от 05.05.2019 № 250.", "excluded"),
    ("Сноска. Постановление дополнено пунктом 2-1 в соответствии с постановлением Правительства РК от 01.02.2018 № 40.",
     "supplemented"),
])
def test_footnote_actions(line, action):
    ctx = build_context(normalize(line).text)
    refs = decree.find_references(ctx)
    assert len(refs) == 1 and refs[0]["action"] == action
    assert refs[0]["act"]["number"] in line


def test_a_plain_note_is_no_footnote():
    ctx = build_context(normalize("Ескерту: жиналыс ертең өтеді.").text)
    assert decree.find_references(ctx) == []


# ----------------------------------------------------------------------------- glossary

def abbrevs(ctx: Context) -> dict[str, str]:
    return {a["short"]: a["full"] for a in ctx.abbreviations}


def test_run_on_kazakh_glossary_is_split_at_each_short_form():
    ctx = ctx_of("Ескертпе: аббревиатуралардың толық жазылуы: ЖШС – жауапкершілігі шектеулі серіктестік "
                 "білім басқармасы – Түркістан облысының білім басқармасы «ОДО» ЖШС – «Оңтүстік Дата "
                 "Орталығы» жауапкершілігі шектеулі серіктестігі ЦДМ – Қазақстан Республикасы Цифрлық даму "
                 "министрлігі «Қазпошта» АҚ – «Қазпошта» акционерлік қоғамы.\n")
    assert abbrevs(ctx) == {
        "ЖШС": "жауапкершілігі шектеулі серіктестік",
        "ОДО ЖШС": "Оңтүстік Дата Орталығы жауапкершілігі шектеулі серіктестігі",
        "ЦДМ": "Қазақстан Республикасы Цифрлық даму министрлігі",
        "Қазпошта АҚ": "Қазпошта акционерлік қоғамы",
    }
    # a defined lower-case term is in the glossary, not among the abbreviations
    assert ctx.glossary["білім басқармасы"] == "Түркістан облысының білім басқармасы"
    assert ctx.glossary["ЦДМ"] == "Қазақстан Республикасы Цифрлық даму министрлігі"


def test_russian_glossary_one_entry_a_line():
    ctx = ctx_of("Примечание:\nРасшифровка аббревиатур:\n"
                 "АО «КТЖ» - акционерное общество «Национальная компания «Қазақстан темір жолы»;\n"
                 "МЦРИАП – Министерство цифрового развития, инноваций и аэрокосмической промышленности "
                 "Республики Казахстан;\n"
                 "УО – управление образования города Шымкент.\n\n"
                 "Другой текст после примечания – не расшифровка.\n")
    assert abbrevs(ctx) == {
        "АО КТЖ": "акционерное общество Национальная компания Қазақстан темір жолы",
        "МЦРИАП": "Министерство цифрового развития, инноваций и аэрокосмической промышленности "
                  "Республики Казахстан",
        "УО": "управление образования города Шымкент",
    }


def test_glossary_laid_out_as_a_table_is_no_measure_table():
    ctx = ctx_of("Аббревиатуралардың толық жазылуы:\n"
                 "АКМ\t|\t–\t|\tАқпарат және коммуникациялар министрлігі\n"
                 "ҚМ\t|\t–\t|\tҚаржы министрлігі\n"
                 "ҰЭМ\t|\t–\t|\tҰлттық экономика министрлігі\n")
    assert ctx.measures == []
    assert abbrevs(ctx) == {"АКМ": "Ақпарат және коммуникациялар министрлігі", "ҚМ": "Қаржы министрлігі",
                            "ҰЭМ": "Ұлттық экономика министрлігі"}


def test_unlabelled_glossary_under_a_table():
    table = ("№\t|\tМероприятие\t|\tИсполнители\t|\tСрок\n"
             "1.\t|\tЗапуск портала\t|\tУЦР, УФ\t|\t2023 год\n"
             "2.\t|\tОбучение кадров\t|\tУО\t|\t2024 год\n\n")
    ctx = ctx_of(table + "УЦР – управление цифрового развития;\nУФ – управление финансов;\n"
                 "УО – управление образования.\n")
    assert abbrevs(ctx) == {"УЦР": "управление цифрового развития", "УФ": "управление финансов",
                            "УО": "управление образования"}
    # without a table above, "X – Y" lines are prose
    assert abbrevs(ctx_of("ИТ – двигатель роста;\nЦОД – основа;\nИИ – будущее.\n")) == {}


@pytest.mark.parametrize("short, full, expected", [
    ("АҚ", ["акционерлік", "қоғам"], 1.0),
    ("ИЖТМ", "Қазақстан Республикасы Индустрия және жаңа технологиялар министрлігі".split(), 1.0),
    ("УПИ", ["управление", "предпринимательства", "и", "инвестиций"], 1.0),
])
def test_initials_spell_the_short_form(short, full, expected):
    assert glossary._initials_score(short, full) == pytest.approx(expected)


@pytest.mark.parametrize("head, number, date, kind", [
    ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҮКІМЕТІНІҢ\nҚАУЛЫСЫ\n\n2021 жылғы 9 сәуір № 212 Нұр-Сұлтан, Үкімет Үйі",
     "212", "2021-04-09", "resolution"),
    ("ПОСТАНОВЛЕНИЕ\nПРАВИТЕЛЬСТВА РЕСПУБЛИКИ КАЗАХСТАН\nот 9 апреля 2021 года № 212",
     "212", "2021-04-09", "resolution"),
])
def test_blank_form_heading_in_capitals(head, number, date, kind):
    ctx = ctx_of(head + "\n\nЖоспарды іске асыру мақсатында Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ:\n"
                 "1. Жоспар бекітілсін.\n")
    d = ctx.decree
    assert (d["number"], d["date"], d["kind"]) == (number, date, kind)


@pytest.mark.parametrize("head, number, date, reg", [
    ("Приказ Министра цифрового развития Республики Казахстан от 12 мая 2020 года № 190/НҚ. "
     "Зарегистрирован в Министерстве юстиции Республики Казахстан 14 мая 2020 года № 20640",
     "190/НҚ", "2020-05-12", {"number": "20640", "date": "2020-05-14"}),
    ("Қазақстан Республикасы Цифрлық даму министрінің 2020 жылғы 12 мамырдағы № 190/НҚ бұйрығы. "
     "Қазақстан Республикасының Әділет министрлігінде 2020 жылғы 14 мамырда № 20640 болып тіркелді",
     "190/НҚ", "2020-05-12", {"number": "20640", "date": "2020-05-14"}),
])
def test_registration_is_kept_apart_from_the_act_number(head, number, date, reg):
    ctx = ctx_of(head + "\n\nЗаңға сәйкес БҰЙЫРАМЫН:\n1. Қағидалар бекітілсін.\n\nМинистр            Б. Мусин\n")
    d = ctx.decree
    assert (d["number"], d["date"], d["kind"]) == (number, date, "order")
    assert d["registration"] == reg
