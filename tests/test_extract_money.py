"""Money: amounts with currencies in every case form, hedges, ranges and elided currencies."""
import pytest

from itp_docs.extract import money
from itp_docs.extract.context import Context
from itp_docs.extract.money import find_money, readable


def _one(text):
    found = find_money(text)
    assert len(found) == 1, found
    s, e, amount, code, attrs = found[0]
    return text[s:e], amount, code, attrs


@pytest.mark.parametrize("text, span, amount, code", [
    ("зауыт 48 млрд. теңгенің өнімін шығарды", "48 млрд. теңгенің", 48e9, "KZT"),
    ("қорға 7,3 трлн теңгеге дейін", "7,3 трлн теңгеге", 7.3e12, "KZT"),
    ("бюджеттен 620 млн теңгесі бөлінді", "620 млн теңгесі", 620e6, "KZT"),
    ("жалпы құны екі жүз елу миллион теңге", "екі жүз елу миллион теңге", 250e6, "KZT"),
    ("үш жарым миллиард теңгеден", "үш жарым миллиард теңгеден", 3.5e9, "KZT"),
    ("выделено 1 240,5 млн тенге", "1 240,5 млн тенге", 1240.5e6, "KZT"),
    ("на сумму 15 тыс. тенге", "15 тыс. тенге", 15e3, "KZT"),
    ("в размере 2 000 000 (два миллиона) тенге", "2 000 000 (два миллиона) тенге", 2e6, "KZT"),
    ("привлечено 8 млн долларов США", "8 млн долларов США", 8e6, "USD"),
    ("стартап тартқан 3 млн АҚШ долларын", "3 млн АҚШ долларын", 3e6, "USD"),
    ("инвестиции в $40 млн", "$40 млн", 40e6, "USD"),
    ("грант 60 млн рублей", "60 млн рублей", 60e6, "RUB"),
    ("кредит 9 млн еуро", "9 млн еуро", 9e6, "EUR"),
    ("цена 350 ₸", "350 ₸", 350, "KZT"),
    ("raised 5 million tenge", "5 million tenge", 5e6, "KZT"),
])
def test_amounts(text, span, amount, code):
    got_span, got_amount, got_code, _ = _one(text)
    assert (got_span, got_code) == (span, code)
    assert got_amount == pytest.approx(amount)


@pytest.mark.parametrize("text, span", [
    ("порядка двух триллионов тенге", "порядка двух триллионов тенге"),
    ("свыше 30 млрд тенге", "свыше 30 млрд тенге"),
    ("шамамен 4 млрд теңге", "шамамен 4 млрд теңге"),
    ("6 млрд теңгеден астам", "6 млрд теңгеден астам"),
    ("1 млрд теңгеге жуық", "1 млрд теңгеге жуық"),
])
def test_hedged_amounts_are_marked_and_spanned(text, span):
    got_span, _a, _c, attrs = _one(text)
    assert got_span == span and attrs.get("approx") is True


@pytest.mark.parametrize("text, lo, hi", [
    ("от 4 до 6 млрд тенге", 4e9, 6e9),
    ("7-9 млрд теңге", 7e9, 9e9),
    ("20 – 25 мың теңгеден", 20e3, 25e3),
    ("жиырма-отыз мың теңге", 20e3, 30e3),
])
def test_ranges_give_one_entity_per_bound(text, lo, hi):
    (s1, e1, a1, c1, at1), (s2, e2, a2, c2, at2) = find_money(text)
    assert (a1, at1["range"], a2, at2["range"]) == (pytest.approx(lo), "min", pytest.approx(hi), "max")
    assert c1 == c2 == "KZT" and e1 <= s2


@pytest.mark.parametrize("text", [
    "млн теңге",                        # a unit in a table header, not an amount
    "бірнеше миллион доллар",           # a vague quantity
    "несколько миллиардов тенге",
    "миллионы долларов",
    "95 млрд",                           # no currency and nothing to inherit it from
    "в 2019 году 500 компаний",
    "у нас 5 сомнений",                  # сом+нений is not a form of the currency
])
def test_not_amounts(text):
    assert find_money(text) == []


def test_elided_currency_is_inherited_within_the_paragraph():
    text = "Келісімдер 120 млрд теңгеге жасалды, былтыр – 95 млрд."
    found = find_money(text)
    assert [(f[2], f[3], f[4].get("currency_inferred", False)) for f in found] == [
        (120e9, "KZT", False), (95e9, "KZT", True)]
    assert len(find_money("120 млрд теңге бөлінді.\nХалқы 19 млн.")) == 1


def test_readable():
    assert readable(95e9, "KZT", "kk") == "95 млрд теңге"
    assert readable(21.4e6, "KZT", "ru") == "21,4 млн тенге"
    assert readable(505000, "KZT", "ru") == "505 тыс. тенге"
    assert readable(12e6, "USD", "kk") == "12 млн USD"
    assert readable(350, "KZT", "kk") == "350 теңге"


def test_stage():
    ctx = Context(text="Жобаға 2,5 млрд теңге бөлінді. Инвестиции составят около $3 млн.",
                  lang="kk", paragraphs=[])
    money.run(ctx)
    assert [(e.type, e.attrs["amount"], e.attrs["currency"], e.normalized) for e in ctx.entities] == [
        ("MONEY", 2.5e9, "KZT", "2,5 млрд теңге"), ("MONEY", 3e6, "USD", "3 млн USD")]
    assert ctx.entities[1].attrs["approx"] is True
