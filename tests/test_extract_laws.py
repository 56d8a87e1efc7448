"""Legal-act citations: kind, number, date, issuer, title; Kazakh and Russian word orders."""
import pytest

from itp_docs.extract import laws
from itp_docs.extract.context import Context
from itp_docs.extract.laws import find_acts, parse_act


@pytest.mark.parametrize("text, expect", [
    ("Қазақстан Республикасы Үкіметінің 2016 жылғы 4 сәуірдегі № 188 қаулысы",
     {"kind": "resolution", "number": "188", "date": "2016-04-04",
      "issuer": "Қазақстан Республикасы Үкіметі"}),
    ("Қазақстан Республикасы Президентінің 2009 жылғы 11 мамырдағы № 795 Жарлығы",
     {"kind": "decree", "number": "795", "date": "2009-05-11", "issuer": "Қазақстан Республикасы Президенті"}),
    ("Қазақстан Республикасы Денсаулық сақтау министрінің 2020 жылғы 9 маусымдағы № ҚР ДСМ-63 бұйрығы",
     {"kind": "order", "number": "ҚР ДСМ-63", "date": "2020-06-09",
      "issuer": "Қазақстан Республикасы Денсаулық сақтау министрі"}),
    ("Постановление Правительства Республики Казахстан от 30 июня 2016 года № 391",
     {"kind": "resolution", "number": "391", "date": "2016-06-30",
      "issuer": "Правительство Республики Казахстан"}),
    ("Указ Президента Республики Казахстан от 7 февраля 2011 года N 1154",
     {"kind": "decree", "number": "1154", "date": "2011-02-07", "issuer": "Президент Республики Казахстан"}),
    ("приказ Министра финансов Республики Казахстан от 5 мая 2015 года № 301/ҚЕ",
     {"kind": "order", "number": "301/ҚЕ", "date": "2015-05-05",
      "issuer": "Министр финансов Республики Казахстан"}),
    ("ПОСТАНОВЛЕНИЕ АКИМАТА ГОРОДА АСТАНЫ\nот 22 марта 2019 года № 505-410",
     {"kind": "resolution", "number": "505-410", "date": "2019-03-22"}),
    ("ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ПРЕЗИДЕНТІНІҢ ЖАРЛЫҒЫ\n2019 жылғы 15 қазандағы № 180",
     {"kind": "decree", "number": "180", "date": "2019-10-15"}),
])
def test_parse_act_headings(text, expect):
    got = parse_act(text)
    assert got is not None
    for k, v in expect.items():
        assert got[k] == v, (k, got)


def test_footnote_forms_with_numeric_dates():
    (s, e, a), = find_acts("Ескерту. Өзгеріс енгізілді - ҚР Үкіметінің 03.11.2016 № 667 қаулысымен.")
    assert (a["kind"], a["number"], a["date"], a["issuer"]) == ("resolution", "667", "2016-11-03", "ҚР Үкіметі")
    (s, e, a), = find_acts("Сноска. Внесены изменения указом Президента РК от 21.04.2016 № 240.")
    assert (a["kind"], a["number"], a["date"]) == ("decree", "240", "2016-04-21")


def test_titles_kazakh_before_russian_after():
    t = ("«Мемлекеттік көрсетілетін қызметтер туралы» 2013 жылғы 15 сәуірдегі "
         "Қазақстан Республикасының Заңына сәйкес")
    (s, e, a), = find_acts(t)
    assert (a["kind"], a["date"], a["title"]) == ("law", "2013-04-15", "Мемлекеттік көрсетілетін қызметтер туралы")
    assert t[s:e] == "2013 жылғы 15 сәуірдегі Қазақстан Республикасының Заңына"
    t = "согласно Закону Республики Казахстан от 24 ноября 2015 года «Об информатизации»"
    (s, e, a), = find_acts(t)
    assert (a["kind"], a["date"], a["title"]) == ("law", "2015-11-24", "Об информатизации")


def test_merged_outer_quote_of_a_nested_title():
    t = ("«Нұрлы жол» мемлекеттік бағдарламасын бекіту туралы» Қазақстан Республикасы "
         "Президентінің 2015 жылғы 6 сәуірдегі № 1030 Жарлығы")
    (s, e, a), = find_acts(t)
    assert a["title"] == "«Нұрлы жол» мемлекеттік бағдарламасын бекіту туралы"
    assert a["number"] == "1030"


def test_an_act_inside_another_acts_title_is_not_cited_on_its_own():
    t = ("«Мемлекет басшысының 2014 жылғы 17 қаңтардағы Қазақстан халқына Жолдауын іске асыру "
         "жөніндегі шаралар туралы» Қазақстан Республикасы Президентінің 2014 жылғы 31 қаңтардағы "
         "№ 739 Жарлығы")
    acts = find_acts(t)
    assert [a["number"] for _, _, a in acts] == ["739"]


def test_coordinated_kazakh_laws_with_one_plural_act_word():
    t = ("«Байланыс туралы» 2004 жылғы 5 шілдедегі және «Ақпараттандыру туралы» 2015 жылғы "
         "24 қарашадағы Қазақстан Республикасының заңдарына сәйкес")
    acts = find_acts(t)
    assert sorted((a["title"], a["date"]) for _, _, a in acts) == [
        ("Ақпараттандыру туралы", "2015-11-24"), ("Байланыс туралы", "2004-07-05")]


def test_messages_need_a_date():
    t = ("Мемлекет басшысының 2018 жылғы 10 қаңтардағы «Төртінші өнеркәсіптік революция жағдайындағы "
         "дамудың жаңа мүмкіндіктері» атты Қазақстан халқына Жолдауын іске асыру мақсатында")
    (s, e, a), = find_acts(t)
    assert (a["kind"], a["date"], a["issuer"]) == ("message", "2018-01-10", "Мемлекет басшысы")
    assert a["title"].startswith("Төртінші өнеркәсіптік")
    t = "в целях реализации Послания Главы государства народу Казахстана от 10 января 2018 года"
    (s, e, a), = find_acts(t)
    assert (a["kind"], a["date"]) == ("message", "2018-01-10")
    assert find_acts("Мемлекет басшысы биылғы Жолдауында атап өтті") == []
    assert find_acts("Президент в своем Послании «Пять институциональных реформ» отметил") == []


@pytest.mark.parametrize("text", [
    "Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.",
    "Настоящий приказ вводится в действие со дня его подписания.",
    "контроль за исполнением настоящего постановления",
    "көрсетілген Жарлықпен бекітілген ереже",
    "Бұл туралы шешім қабылданды.",
    "решение принято на заседании",
    "Алматы қаласы әкімдігінің қаулысы",       # a completion form in a table: no number, no date
    "приказ МИК",
    "указанный в пункте 3",
    "жаңа заңнама қабылданды",
])
def test_not_citations(text):
    assert find_acts(text) == []


def test_unnumbered_decree_with_its_issuer_counts():
    (s, e, a), = find_acts("Аймақ Президенттің Жарлығымен құрылды")
    assert a["kind"] == "decree"
    (s, e, a), = find_acts("создана в соответствии с Указом Президента РК и работает")
    assert (a["kind"], a["issuer"]) == ("decree", "Президент РК")


def test_codes_and_the_constitution():
    (_, _, a), = find_acts("Салық кодексінің 12-бабына сәйкес")
    assert (a["kind"], a["name"], a["article"]) == ("code", "Салық", "12")
    (_, _, a), = find_acts("согласно статье 45 Трудового кодекса")
    assert (a["kind"], a["name"], a["article"]) == ("code", "Трудовой", "45")
    (_, _, a), = find_acts("Қазақстан Республикасының Конституциясына сәйкес")
    assert a["kind"] == "constitution"
    assert find_acts("жаңа конституция туралы пікірталас") == []


def test_stage_entities_and_citations():
    text = ("Постановлением Правительства РК от 9 июня 2014 года № 636 утверждены правила. "
            "Ол ҚР Үкіметінің 2014 жылғы 9 маусымдағы № 636 қаулысымен бекітілген. "
            "Закон «О связи» также применяется.")
    ctx = Context(text=text, lang="ru", paragraphs=[])
    laws.run(ctx)
    got = [(e.type, e.attrs.get("number"), e.normalized) for e in ctx.entities]
    assert got == [
        ("LAW", "636", "Постановление Правительства РК от 9 июня 2014 года № 636"),
        ("LAW", "636", "ҚР Үкіметінің 2014 жылғы 9 маусымдағы № 636 қаулысы"),
        ("LAW", None, "Закон «О связи»"),
    ]


@pytest.mark.parametrize("text, expect", [
    # the state in the nominative between the number and the kind word (Kazakh izafet)
    ("«Мемлекеттік сатып алу туралы» 2015 жылғы 4 желтоқсандағы № 434-V Қазақстан Республикасы "
     "Заңының 5-бабына сәйкес", {"kind": "law", "number": "434-V", "date": "2015-12-04",
                                 "issuer": "Қазақстан Республикасы", "title": "Мемлекеттік сатып алу туралы"}),
    ("2016 жылғы 6 сәуірдегі № 480-V ҚР Заңына сәйкес", {"kind": "law", "number": "480-V", "issuer": "ҚР"}),
    # commas inside a ministry's name, when the issuer ends at от / №
    ("приказом Министра национальной экономики, торговли и интеграции Республики Казахстан "
     "от 3 марта 2021 года № 12", {"kind": "order", "number": "12", "date": "2021-03-03",
                                    "issuer": "Министр национальной экономики, торговли и интеграции Республики Казахстан"}),
    ("министрінің 2021 жылғы 3 наурыздағы № 12 бұйрығы", {"kind": "order", "number": "12"}),
    # heads of departments and committees issue orders too
    ("утверждены приказом руководителя управления от 2 июля 2021 года № 7-НҚ", {"kind": "order", "number": "7-НҚ"}),
    ("Комитет төрағасының 2021 жылғы 2 шілдедегі № 7 бұйрығымен", {"kind": "order", "number": "7"}),
])
def test_issuers_with_state_words_commas_and_department_heads(text, expect):
    acts = find_acts(text)
    assert len(acts) == 1, acts
    for k, v in expect.items():
        assert acts[0][2][k] == v, (k, acts[0][2])


def test_issuer_comma_without_a_date_or_number_ends_the_issuer():
    (_s, _e, a), = find_acts("согласно Указу Президента, Правительство решило")
    assert a["issuer"] == "Президент"


@pytest.mark.parametrize("text, number", [
    ("«Бюджет туралы» 2019 жылғы 4 желтоқсандағы № 275-VI Қазақстан Республикасы Заңына сәйкес. "
     "Бағдарлама «Бюджет туралы» Қазақстан Республикасы Заңының талаптарына сай.", "275-VI"),
    ("Закон Республики Казахстан от 4 декабря 2019 года № 275-VI «О бюджете». Программа отвечает "
     "требованиям Закона Республики Казахстан «О бюджете».", "275-VI"),
])
def test_a_later_mention_by_title_takes_the_number_of_the_full_citation(text, number):
    acts = find_acts(text)
    assert len(acts) == 2 and all(a["number"] == number for _s, _e, a in acts), acts


def test_a_title_alone_is_not_given_a_number_from_another_act():
    acts = find_acts("«Бюджет туралы» Қазақстан Республикасы Заңы және «Салық туралы» 2017 жылғы 25 "
                     "желтоқсандағы № 120-VI Кодекс.")
    assert all(a.get("number") in (None, "120-VI") for _s, _e, a in acts)
    assert not any(a.get("number") == "120-VI" and "Бюджет" in (a.get("title") or "") for _s, _e, a in acts)
