"""Demonyms and place adjectives link to their places in search, both ways and across languages.

The documents are written here, about towns whose demonyms none of the corpus texts use
(Өскемен, Ақтөбе, Семей, Костанай), so the Kazakh rule and the Russian list are tested on words
they were not tuned on."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.index import build
from itp_docs.index.search import Engine
from itp_docs.lang.kk.demonyms import demonym

DOCS = {
    "kk_oskemen.txt": "Өскемендік кәсіпкерлер жаңа технопарк ашты. Жоба аймақтағы шағын бизнесті қолдайды.\n",
    "ru_aktobe.txt": "В Актобе открылся региональный центр цифровых услуг для малого бизнеса.\n",
    "kk_semey.txt": "Семейде жастарға арналған IT-мектеп жұмысын бастады. Оқу тегін.\n",
    "ru_kostanay.txt": "Костанайские фермеры подключили элеваторы к системе электронных зерновых расписок.\n",
    "ru_other.txt": "В Таразе прошёл форум по развитию сельского хозяйства и переработки.\n",
}


@pytest.mark.parametrize("place,expected", [
    ("Шымкент", "шымкенттік"), ("Орал", "оралдық"), ("Ақтөбе", "ақтөбелік"), ("Семей", "семейлік"),
    ("Қостанай", "қостанайлық"), ("Түркістан", "түркістандық"), ("Екібастұз", "екібастұздық"),
    ("Өскемен", "өскемендік"), ("Жезқазған", "жезқазғандық"), ("Қызылорда", "қызылордалық"),
    ("Атырау", "атыраулық"), ("Ресей", "ресейлік"), ("Беларусь", "беларусьтік"), ("Мәскеу", "мәскеулік"),
])
def test_kazakh_rule(place, expected):
    assert demonym(place) == expected


@pytest.mark.parametrize("name", ["АҚШ", "Қарағанды облысы", "Ақ", "2050"])
def test_kazakh_rule_declines_non_words(name):
    assert demonym(name) is None


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    root = tmp_path_factory.mktemp("demonyms")
    docs = root / "docs"
    docs.mkdir()
    for name, text in DOCS.items():
        (docs / name).write_text(text, encoding="utf-8")
    build.update([str(docs)], root / "ix")
    with Engine(root / "ix") as eng:
        yield eng


def _found(engine, q: str) -> list[str]:
    return [Path(h.source).name for h in engine.search(q, limit=5).hits]


@pytest.mark.parametrize("query,doc", [
    ("Усть-Каменогорск", "kk_oskemen.txt"),     # ru place name → kk demonym (rule)
    ("Өскемен", "kk_oskemen.txt"),              # kk place name → kk demonym (rule)
    ("ақтөбеліктер", "ru_aktobe.txt"),          # kk demonym, plural → ru place
    ("актюбинцы", "ru_aktobe.txt"),             # ru demonym (list) → ru place
    ("семипалатинский", "kk_semey.txt"),        # ru adjective → kk place in the locative
    ("Қостанай", "ru_kostanay.txt"),            # kk place → ru adjective
    ("қостанайлық", "ru_kostanay.txt"),         # kk demonym → ru adjective
])
def test_demonyms_find_their_places(engine, query, doc):
    found = _found(engine, query)
    assert doc in found, (query, found)
    assert "ru_other.txt" not in found, (query, found)
