"""Two organizations joined by и / және are two names, not one: a capital, a quote, a legal
form or an organization head after the conjunction starts the second (sentences written here)."""
from __future__ import annotations

import pytest

from itp_docs.extract.pipeline import extract_text


def orgs(text: str) -> list[str]:
    return [e.text for e in extract_text(text).entities if e.type == "ORG"]


@pytest.mark.parametrize("text, expected", [
    ("Кредит выдали Азиатский банк развития и Министерства финансов Республики Казахстан.",
     ["Азиатский банк развития", "Министерства финансов Республики Казахстан"]),
    ("Договор подписали Министерство энергетики и АО «Самрук-Энерго».",
     ["Министерство энергетики", "АО «Самрук-Энерго»"]),
    ("Форум провели Министерство культуры и спорта и Министерство образования.",
     ["Министерство культуры и спорта", "Министерство образования"]),
    ("Меморандумға Ауыл шаруашылығы министрлігінің және Энергетика министрлігінің өкілдері қол қойды.",
     ["Ауыл шаруашылығы министрлігінің", "Энергетика министрлігінің"]),
])
def test_coordinated_organizations_are_two(text, expected):
    assert orgs(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Приказ подписало Министерство культуры и спорта Республики Казахстан.",
     ["Министерство культуры и спорта Республики Казахстан"]),
    ("Ақпарат және коммуникациялар министрлігі хабарлама жариялады.",
     ["Ақпарат және коммуникациялар министрлігі"]),
])
def test_a_conjunction_inside_one_name_stays(text, expected):
    assert orgs(text) == expected
