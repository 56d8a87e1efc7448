"""Numbers (digits, separators, written numerals, multipliers) and percentages, kk and ru."""
import pytest

from itp_docs.extract.context import Context
from itp_docs.extract import percent
from itp_docs.extract.numbers import find_numbers, hedge_span, parse_amount, parse_number
from itp_docs.extract.percent import find_percents


@pytest.mark.parametrize("text, value", [
    ("42", 42),
    ("1 850,0", 1850.0),                 # space-grouped thousands, decimal comma
    ("12\u00a0300", 12300),              # no-break space
    ("1.200.000", 1_200_000),            # dot-grouped thousands
    ("1,200,000", 1_200_000),
    ("3,8", 3.8),
    ("5.000", 5000),                     # one dot + three digits, no multiplier: thousands
    ("3.800 млрд", 3.8e9),               # ... but a multiplier after it makes it decimal
    ("2,64 млрд.", 2.64e9),
    ("7 тыс.", 7000),
    ("11 мың", 11000),
    ("4 трлн", 4e12),
    ("2 млрд 300 млн", 2.3e9),
    ("бір миллиард", 1e9),
    ("екі жүз елу", 250),
    ("алты жүз он бес мың", 615_000),
    ("төрт жарым миллион", 4.5e6),
    ("жарты миллиард", 0.5e9),
    ("двадцать семь тысяч", 27_000),
    ("одного триллиона", 1e12),
    ("полтора миллиона", 1.5e6),
    ("триста сорок", 340),
    ("он екі бүтін оннан үш", 12.3),      # Kazakh written decimal
    ("нөл бүтін жүзден қырық бес", 0.45),
    ("две целых четыре десятых", 2.4),   # Russian written decimal
    ("7 million", 7e6),                  # English multipliers in Latin text
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "млн", "тыс.", "сом", "алма", "бес он", "2017 2018"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_phrases_split_where_numbers_do_not_compose():
    nums = find_numbers("2016 2017 жылдары бес он")
    assert [n.value for n in nums] == [2016, 2017, 5, 10]


def test_bare_multiplier_counts_only_when_singular_and_definite():
    assert parse_number("миллион") == 1e6
    assert find_numbers("бірнеше миллион доллар") == []
    assert find_numbers("несколько миллиардов тенге") == []
    assert find_numbers("миллионы долларов") == []


@pytest.mark.parametrize("text, amount, code", [
    ("95 млрд. теңге", 95e9, "KZT"),
    ("3,8 трлн. теңгеге", 3.8e12, "KZT"),
    ("$12 млн", 12e6, "USD"),
    ("12 млн АҚШ доллары", 12e6, "USD"),
    ("640 тыс. тенге", 640e3, "KZT"),
    ("2,4 млн долларов США", 2.4e6, "USD"),
    ("45 млн евро", 45e6, "EUR"),
    ("5000 ₸", 5000, "KZT"),
    ("USD 300", 300, "USD"),
    ("7 million tenge", 7e6, "KZT"),
])
def test_parse_amount(text, amount, code):
    got = parse_amount(text)
    assert got is not None and got[1] == code and got[0] == pytest.approx(amount)


def test_parse_amount_needs_a_currency():
    assert parse_amount("95 млрд") is None
    assert parse_amount("теңге") is None


def test_hedge_span_covers_both_sides():
    t = "шамамен 7 млн теңгеден астам"
    assert hedge_span(t, 8, 22) == (0, len(t))
    t = "около 3 млн тенге"
    assert hedge_span(t, 6, len(t)) == (0, len(t))
    assert hedge_span("ровно 3 млн тенге", 6, 17) is None


# --- percentages ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, span, value", [
    ("өнімнің 57%-ы экспортталады", "57%-ы", 57),
    ("үлесі 12%-ға өсті", "12%-ға", 12),
    ("жобалардың 35 пайызы", "35 пайызы", 35),
    ("инфляция 7,5% құрады", "7,5%", 7.5),
    ("выросла на 0,4 процента", "0,4 процента", 0.4),
    ("около двадцати процентов", "около двадцати процентов", 20),
    ("қырық бес пайыз", "қырық бес пайыз", 45),
    ("rose by 14 %", "14 %", 14),
])
def test_percent(text, span, value):
    found = find_percents(text)
    assert len(found) == 1
    s, e, v, _attrs = found[0]
    assert text[s:e] == span and v == pytest.approx(value)


def test_percent_points_and_ranges():
    (s, e, v, a), = find_percents("кемінде 3 пайыздық тармаққа көтеру")
    assert v == 3 and a.get("points")
    (_, _, v, a), = find_percents("на два процентных пункта")
    assert v == 2 and a.get("points")
    lo, hi = find_percents("жобалардың 40–45%-ы")
    assert (lo[2], lo[3]["range"], hi[2], hi[3]["range"]) == (40, "min", 45, "max")


def test_percent_stage_adds_entities():
    ctx = Context(text="Үлесі 12,5%-ға жетті, а доля выросла на 3 процента.", lang="kk", paragraphs=[])
    percent.run(ctx)
    assert [(e.type, e.attrs["value"], e.normalized) for e in ctx.entities] == [
        ("PERCENT", 12.5, "12,5%"), ("PERCENT", 3.0, "3%")]
