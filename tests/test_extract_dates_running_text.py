"""Dates as running Kazakh and Russian text writes them: spelled-out years and days, possessive
days after a genitive month, a month alone, relative days, months, weeks, weekdays and seasons,
decades and "between" periods. Every sentence here was written for these tests."""
import pytest

from itp_docs.extract import dates
from itp_docs.extract.context import Context
from itp_docs.extract.dates import find_dates, parse_date

REF = "2021-05-04"          # a Tuesday


def spans(text: str, ref: str | None = None) -> list[tuple[str, object, dict]]:
    """(text of the span, value, attrs) of every date; undated texts keep unresolved ones, as
    the DATE stage does."""
    return [(text[d.start:d.end], d.value, d.attrs) for d in dates._find(text, ref, unresolved=ref is None)]


# --- spelled-out years and days ---------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("Мұражай екі мың он жетінші жылы ашылды.", "екі мың он жетінші жылы", "2017"),
    ("Зауыт мың тоғыз жүз сексен бесінші жылы салынған.", "мың тоғыз жүз сексен бесінші жылы", "1985"),
    ("Екі мыңыншы жылдан бері осында тұрамыз.", "Екі мыңыншы жылдан", "2000"),
    ("Музей открылся в две тысячи семнадцатом году.", "две тысячи семнадцатом году", "2017"),
    ("Завод построен в тысяча девятьсот восемьдесят пятом году.",
     "тысяча девятьсот восемьдесят пятом году", "1985"),
    ("Это случилось в двухтысячном году.", "двухтысячном году", "2000"),
    ("Шешім екі мың он тоғызыншы жылғы жиырма бесінші желтоқсанда қабылданды.",
     "екі мың он тоғызыншы жылғы жиырма бесінші желтоқсанда", "2019-12-25"),
    ("Решение принято двадцать пятого декабря две тысячи девятнадцатого года.",
     "двадцать пятого декабря две тысячи девятнадцатого года", "2019-12-25"),
    ("Жиналыс он бірінші мамырда өтеді.", "он бірінші мамырда", "--05-11"),
    ("Сегізінші наурыз қарсаңында гүл сатылды.", "Сегізінші наурыз", "--03-08"),
    ("Сайлау тоғызыншы маусымға белгіленді.", "тоғызыншы маусымға", "--06-09"),
    ("Съезд откроется первого мая.", "первого мая", "--05-01"),
    # two digits with an ordinal ending: a year of the last century (40–99)
    ("Су құбыры 91-інші жылы салынған.", "91-інші жылы", "1991"),
    ("Су құбыры тоқсан бірінші жылы салынған.", "тоқсан бірінші жылы", "1991"),
    ("Это было в сорок пятом году.", "сорок пятом году", "1945"),
    ("Отчёт сдадут тридцать первого декабря.", "тридцать первого декабря", "--12-31"),
])
def test_spelled_out_years_and_days(text, span, value):
    assert spans(text) == [(span, value, {})]


@pytest.mark.parametrize("text", [
    "Ол жарыста бірінші орын алды.",
    "Команда екінші маусымында чемпион атанды.",       # маусым "season", not June
    "Студент үшінші жылы оқиды.",                      # the third year of study
    "Он занял второе место, а третий этаж пустует.",
    "Отчёт сдадут тридцать второго декабря.",           # no such day
    "Ребёнок на третьем году жизни.",                  # an ordinal count of years
    "Үшінші жылы оқуын бітірді.",
    "Бес он бірінші мамыр.",                           # not one number
])
def test_number_words_that_are_not_dates(text):
    assert spans(text) == []


# --- Kazakh possessive days after a genitive month ---------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("Сессия тамыздың 19-ы басталады.", "тамыздың 19-ы", "--08-19"),
    ("Сессия тамыздың он тоғызында басталады.", "тамыздың он тоғызында", "--08-19"),
    ("Келісім 2020 жылғы наурыздың 5-і жасалды.", "2020 жылғы наурыздың 5-і", "2020-03-05"),
    ("Көрме қыркүйектің 25-і — 28-іне дейін ашық.", "қыркүйектің 25-і — 28-іне",
     {"start": "--09-25", "end": "--09-28"}),
    ("Көрме қыркүйектің жиырма бесі – жиырма сегізіне дейін ашық.",
     "қыркүйектің жиырма бесі – жиырма сегізіне", {"start": "--09-25", "end": "--09-28"}),
])
def test_possessive_day_after_a_genitive_month(text, span, value):
    assert spans(text) == [(span, value, {})]


def test_possessive_numbers_that_are_not_days():
    assert spans("Қаңтар мен ақпанның екісі де суық болды.") == []       # "both"
    assert spans("Тамыз бен 19-ы") == []                                 # not a genitive month


# --- a month alone -----------------------------------------------------------------------------

def test_month_alone_takes_the_document_year():
    text = "Сот қыркүйекте басталып, қарашада аяқталады."
    assert spans(text, REF) == [("қыркүйекте", "2021-09", {"year_inferred": True}),
                                ("қарашада", "2021-11", {"year_inferred": True})]
    assert spans(text) == [("қыркүйекте", "--09", {}), ("қарашада", "--11", {})]
    assert spans("Закон вступит в силу в сентябре.", REF) == [("сентябре", "2021-09", {"year_inferred": True})]
    assert spans("Выборы прошли в мае.") == [("мае", "--05", {})]


@pytest.mark.parametrize("text", [
    "Қазанда халықаралық көрме өтті.",          # the city of Kazan (and қазан "cauldron")
    "Жаңа маусымда команда үш рет жеңді.",       # маусым "season"
    "Шілде ыстық болды.",                        # a nominative month names no time by itself
    "На начало августа готовность составила 80 процентов.",
    "ҚАРАШАДА",
])
def test_month_alone_needs_a_temporal_case_and_an_unambiguous_name(text):
    assert [s for s in spans(text, REF) if s[2].get("year_inferred")] == []


def test_month_alone_governed_by_a_time_word():
    assert spans("Жол қыркүйекке дейін жабық.", REF) == [("қыркүйекке", "2021-09", {"year_inferred": True})]
    assert spans("Наурыздан бастап баға өседі.") == [("Наурыздан", "--03", {})]
    assert spans("Мамырдың басында егін егіледі.") == [("Мамырдың", "--05", {})]
    assert spans("С января цены выросли.", REF) == [("января", "2021-01", {"year_inferred": True})]
    assert spans("Ремонт продлится до марта.") == [("марта", "--03", {})]
    assert spans("В начале сентября начнутся занятия.") == [("сентября", "--09", {})]
    # without the time word, or with a month name that is also a common word, it is not a date
    for text in ("Қыркүйекке арналған жоспар.", "Маусымның соңында команда жеңілді.", "Прогноз января оказался верным.",
                 "Қазаннан бастап тамақ пісті."):
        assert spans(text, REF) == [], text
    assert parse_date("до марта", REF) is None
    # a recurring day and month is no month alone either
    assert spans("Есеп жыл сайын, 25 желтоқсанға дейін тапсырылады.", REF) == []
    assert spans("Отчёт ежегодно, 25 декабря.", REF) == []
    assert spans("Жыл сайын, 5 қаңтар – ақпан аралығы.", REF) == []


def test_month_range_without_a_year():
    assert spans("Қаңтар – ақпандағы көрсеткіштер жақсы.") == [
        ("Қаңтар – ақпандағы", {"start": "--01", "end": "--02"}, {})]
    assert spans("Қазан-қараша айларында жөндеу жүреді.", REF) == [
        ("Қазан-қараша", {"start": "2021-10", "end": "2021-11"}, {"year_inferred": True})]
    assert spans("Показатели за январь–март выросли.") == [
        ("январь–март", {"start": "--01", "end": "--03"}, {})]
    assert spans("Рейс Казань – Москва отменён.") == []
    assert parse_date("қаңтар-ақпан") is None


def test_quarter_or_half_without_a_year_is_the_document_year():
    assert spans("Бірінші тоқсанда өсім болды.", REF) == [("Бірінші тоқсанда", "2021-Q1", {"year_inferred": True})]
    assert spans("Во II квартале выпуск вырос.", REF) == [("II квартале", "2021-Q2", {"year_inferred": True})]
    assert spans("Екінші жартыжылдықта жоспар орындалады.") == [
        ("Екінші жартыжылдықта", None, {"relative": "this_year", "in_year": "H2"})]
    assert spans("В первом полугодии план выполнен.") == [
        ("первом полугодии", None, {"relative": "this_year", "in_year": "H1"})]
    # a half of something else, a count of quarters, the number ninety
    for text in ("В первой половине дня шёл дождь.", "Екінші жартысында гол соқты.", "Три квартала подряд рост.",
                 "Екі тоқсан бойы жұмыс істеді.", "Ол 3 тоқсанда үлгерді."):
        assert spans(text, REF) == [], text
    assert parse_date("ІІ тоқсан", REF) is None          # a deadline cell needs its year


def test_parse_date_keeps_a_month_alone_out():
    """A deadline cell of a multi-year plan does not mean the document's year."""
    assert parse_date("қыркүйекте", REF) is None
    assert parse_date("в декабре", REF) is None


# --- relative days, months, weeks, weekdays ---------------------------------------------------

@pytest.mark.parametrize("text, span, value, rel", [
    ("Бүгінде облыста он мектеп бар.", "Бүгінде", "2021-05-04", "today"),
    ("Бүгінгі таңда жоба аяқталды.", "Бүгінгі таңда", "2021-05-04", "today"),
    ("Бүгінгі таңдағы ахуал тұрақты.", "Бүгінгі таңдағы", "2021-05-04", "today"),
    ("Бүгінгі күннің басты жаңалығы осы.", "Бүгінгі күннің", "2021-05-04", "today"),   # a fixed phrase
    ("Кешегі жиында шешім қабылданды.", "Кешегі", "2021-05-03", "yesterday"),
    ("Ертеңгі күні нәтиже белгілі болады.", "Ертеңгі күні", "2021-05-05", "tomorrow"),
    ("На сегодняшний день построено пять школ.", "сегодняшний день", "2021-05-04", "today"),
    ("Во вчерашнем выпуске об этом не говорилось.", "вчерашнем", "2021-05-03", "yesterday"),
    ("Послезавтра заседание продолжится.", "Послезавтра", "2021-05-06", "+2d"),
    ("Осы айда жаңа зауыт ашылады.", "Осы айда", "2021-05", "this_month"),
    ("Өткен айда баға өсті.", "Өткен айда", "2021-04", "last_month"),
    ("В прошлом месяце цены выросли.", "прошлом месяце", "2021-04", "last_month"),
    ("В следующем месяце начнётся ремонт.", "следующем месяце", "2021-06", "next_month"),
    ("Өткен сенбіде сенбілік өтті.", "Өткен сенбіде", "2021-05-01", "last_saturday"),
    ("В прошлую субботу прошёл субботник.", "прошлую субботу", "2021-05-01", "last_saturday"),
    ("Келесі аптада жиналыс болады.", "Келесі аптада", {"start": "2021-05-10", "end": "2021-05-16"}, "next_week"),
    ("На прошлой неделе был пожар.", "прошлой неделе", {"start": "2021-04-26", "end": "2021-05-02"}, "last_week"),
])
def test_relative_dates_resolve_against_the_document_date(text, span, value, rel):
    assert spans(text, REF) == [(span, value, {"relative": rel})]


def test_relative_dates_of_an_undated_text_stay_unresolved():
    assert spans("Өткен айда баға өсті, бүгінде тұрақты.") == [
        ("Өткен айда", None, {"relative": "last_month"}), ("бүгінде", None, {"relative": "today"})]
    assert spans("В прошлую субботу и на этой неделе.") == [
        ("прошлую субботу", None, {"relative": "last_saturday"}), ("этой неделе", None, {"relative": "this_week"})]


@pytest.mark.parametrize("text", [
    "Жұмыс бір айда бітті.",                  # a duration
    "Үш ай бұрын келді.",
    "В этой среде трудно работать.",          # среда "environment"
    "Өткен жұмада жиын болды.",               # жұма is Friday and "week": left out
    "Жыл сайын мамырда жиын өтеді.",          # recurring
])
def test_durations_and_homonyms_are_not_relative_dates(text):
    assert spans(text, REF) == []


def test_a_date_inside_a_relative_year_keeps_its_part_when_undated():
    assert spans("Биылғы бірінші тоқсанда өсім болды.") == [
        ("Биылғы бірінші тоқсанда", None, {"relative": "this_year", "in_year": "Q1"})]
    assert spans("Өткен жылдың шілде айында басталды.") == [
        ("Өткен жылдың шілде айында", None, {"relative": "last_year", "in_year": "--07"})]
    assert spans("Биыл алғашқы тоқсанда өсім болды.", REF) == [
        ("Биыл алғашқы тоқсанда", "2021-Q1", {"relative": "this_year"})]


# --- seasons and decades -----------------------------------------------------------------------

@pytest.mark.parametrize("text, ref, span, value, attrs", [
    ("Құрылыс 2019 жылдың күзінде басталды.", None, "2019 жылдың күзінде",
     {"start": "2019-09", "end": "2019-11"}, {"season": "autumn"}),
    ("Строительство началось осенью 2019 года.", None, "осенью 2019 года",
     {"start": "2019-09", "end": "2019-11"}, {"season": "autumn"}),
    ("Зимой 2020 года было холодно.", None, "Зимой 2020 года",
     {"start": "2020-12", "end": "2021-02"}, {"season": "winter"}),
    ("Осы көктемде егін ерте басталды.", REF, "Осы көктемде",
     {"start": "2021-03", "end": "2021-05"}, {"season": "spring", "relative": "this_year"}),
    ("Прошлым летом был рекорд.", REF, "Прошлым летом",
     {"start": "2020-06", "end": "2020-08"}, {"season": "summer", "relative": "last_year"}),
    ("Тоқсаныншы жылдары зауыт жабылды.", None, "Тоқсаныншы жылдары",
     {"start": "1990", "end": "1999"}, {"decade": True}),
    ("Зауыт 90-жылдары жабылды.", None, "90-жылдары", {"start": "1990", "end": "1999"}, {"decade": True}),
    ("Зауыт 1980 жылдары салынды.", None, "1980 жылдары", {"start": "1980", "end": "1989"}, {"decade": True}),
    ("В девяностые годы завод закрылся.", None, "девяностые годы",
     {"start": "1990", "end": "1999"}, {"decade": True}),
    ("В 90-х годах завод закрылся.", None, "90-х годах", {"start": "1990", "end": "1999"}, {"decade": True}),
    ("Завод закрылся в середине 90-х.", None, "90-х", {"start": "1990", "end": "1999"}, {"decade": True}),
    ("Мода 1980-е вернулась.", None, "1980-е", {"start": "1980", "end": "1989"}, {"decade": True}),
    ("Қала ХХ ғасырда салынған.", None, "ХХ ғасырда", {"start": "1901", "end": "2000"}, {"century": 20}),
    ("Қала жиырмасыншы ғасырдың басында салынған.", None, "жиырмасыншы ғасырдың",
     {"start": "1901", "end": "2000"}, {"century": 20}),
    ("Город основан в XIX веке.", None, "XIX веке", {"start": "1801", "end": "1900"}, {"century": 19}),
    ("Мешіт он төртінші – он бесінші ғасырларда салынған.", None, "он төртінші – он бесінші ғасырларда",
     {"start": "1301", "end": "1500"}, {"century": 14, "century_end": 15}),
    ("Усадьбы XVIII–XIX вв. сохранились.", None, "XVIII–XIX вв",
     {"start": "1701", "end": "1900"}, {"century": 18, "century_end": 19}),
    ("События двадцать первого века.", None, "двадцать первого века", {"start": "2001", "end": "2100"},
     {"century": 21}),
])
def test_seasons_and_decades(text, ref, span, value, attrs):
    assert spans(text, ref) == [(span, value, attrs)]


def test_this_winter_said_in_january_began_last_december():
    assert spans("Этой зимой снега мало.", "2021-01-15")[0][1] == {"start": "2020-12", "end": "2021-02"}
    assert spans("Осы қыста қар аз.", "2021-11-15")[0][1] == {"start": "2021-12", "end": "2022-02"}
    assert spans("В минувшее воскресенье прошли выборы.", REF) == [
        ("минувшее воскресенье", "2021-05-02", {"relative": "last_sunday"})]


@pytest.mark.parametrize("text", [
    "Ол хатты кеше жазды.",             # жазды "wrote"
    "Күз келді, жапырақ сарғайды.",     # a season without a year
    "Осенью листья желтеют.",
    "Бұл 20 жыл бұрын болды.",          # a duration
    "Ол 90 жасқа толды.",
    "Прошло два века.",                 # a count of centuries
    "Жоба 2010 және 2020 жылдары жаңартылды.",   # two years in a plural, not the 2020s
    "Выборы прошли в 2016 г. и 2020 годах.",
    "Это случилось в 2-х случаях из 10.",
    "Поставка ожидается в 20-х числах.",    # days of a month
    "Руины 5-6 веков без даты.",
    "Ол 1-го в Москве.",
    "Содан бері ғасырдан асты.",
])
def test_seasons_without_a_year_and_durations_are_not_dates(text):
    assert [s for s in spans(text) if s[2].get("season") or s[2].get("decade") or s[2].get("century")] == []
    assert all(s[0] != "кеше" or s[2] == {"relative": "yesterday"} for s in spans(text))


# --- periods -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("Көрме 27 наурыз бен 4 сәуір аралығында өтеді.", "27 наурыз бен 4 сәуір аралығында",
     {"start": "--03-27", "end": "--04-04"}),
    ("Жиырма жетінші наурыз бен төртінші сәуір аралығында жол жабық.",
     "Жиырма жетінші наурыз бен төртінші сәуір аралығында", {"start": "--03-27", "end": "--04-04"}),
    ("2020 жылғы сәуірдің 29-ы мен мамырдың 5-і аралығында", "2020 жылғы сәуірдің 29-ы мен мамырдың 5-і аралығында",
     {"start": "2020-04-29", "end": "2020-05-05"}),
    ("Экспорт 2010 бен 2015 жылдар аралығында өсті.", "2010 бен 2015 жылдар аралығында",
     {"start": "2010", "end": "2015"}),
    ("Екі мың бес – екі мың он сегізінші жылдар ішінде.", "Екі мың бес – екі мың он сегізінші жылдар",
     {"start": "2005", "end": "2018"}),
    ("Выставка пройдёт с 27 марта по 4 апреля 2020 года.", "с 27 марта по 4 апреля 2020 года",
     {"start": "2020-03-27", "end": "2020-04-04"}),
])
def test_periods(text, span, value):
    assert spans(text) == [(span, value, {})]


def test_two_dates_joined_by_and_without_between_stay_two():
    t = "Жиын 5 наурыз бен 8 сәуірде өтеді."
    assert [v for _, _, v in find_dates(t)] == ["--03-05", "--04-08"]


# --- the DATE stage ----------------------------------------------------------------------------

def test_stage_adds_new_kinds_with_attrs():
    text = "Өткен сенбіде зауыт ашылды. Құрылыс екі мың он жетінші жылы басталған, қыркүйекте бітеді."
    ctx = Context(text=text, lang="kk", paragraphs=[], date=REF)
    dates.run(ctx)
    got = [(e.text, e.normalized, e.attrs) for e in ctx.entities]
    assert got == [("Өткен сенбіде", "2021-05-01", {"value": "2021-05-01", "relative": "last_saturday"}),
                   ("екі мың он жетінші жылы", "2017", {"value": "2017"}),
                   ("қыркүйекте", "2021-09", {"value": "2021-09", "year_inferred": True})]
