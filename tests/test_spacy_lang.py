"""The spaCy side: the Kazakh language class, the project's Russian tokenizer rules, the Russian
lemmatizer's name-aware choices, and the extractors as pipeline components."""
from __future__ import annotations

import pytest
import spacy

from itp_docs.lang.ru import Russian
from itp_docs.lang.ru.lemmatizer import analyze as ru_analyze
from itp_docs.lang.ru.stemmer import stem as ru_stem


@pytest.fixture(scope="module")
def kk():
    return spacy.blank("kk")


def _toks(nlp, text):
    return [t.text for t in nlp(text)]


def test_blank_kk_is_the_kazakh_class(kk):
    assert kk.lang == "kk" and type(kk).__name__ == "Kazakh"


@pytest.mark.parametrize("text, expected", [
    ("ҚР Үкіметі", ["ҚР", "Үкіметі"]),
    ("95 млрд. теңге", ["95", "млрд.", "теңге"]),
    ("3,8 трлн теңге", ["3,8", "трлн", "теңге"]),
    ("мектептер, ауруханалар т.б. нысандар", ["мектептер", ",", "ауруханалар", "т.б.", "нысандар"]),
    ("тамақ, киім т.с.с. тауарлар", ["тамақ", ",", "киім", "т.с.с.", "тауарлар"]),
    ("2019 ж. қаңтар", ["2019", "ж.", "қаңтар"]),
    ("Б.Байбек айтты", ["Б.", "Байбек", "айтты"]),
    ("Қ.Тоқаев қол қойды", ["Қ.", "Тоқаев", "қол", "қойды"]),
    ("ИЖТМ-ге ақпарат", ["ИЖТМ-ге", "ақпарат"]),
    ("АЭА-ның аумағы", ["АЭА-ның", "аумағы"]),
    ("Самрұқ-Қазына қоры", ["Самрұқ-Қазына", "қоры"]),
    ("«ТДҰА» АҚ(келісім бойынша)", ["«", "ТДҰА", "»", "АҚ", "(", "келісім", "бойынша", ")"]),
])
def test_kazakh_tokenizer(kk, text, expected):
    assert _toks(kk, text) == expected


def test_kazakh_number_words_and_stop_words(kk):
    doc = kk("бір миллиард екінші 2013-ші он және")
    assert [t.like_num for t in doc] == [True, True, True, True, True, False]
    assert doc[-1].is_stop and not doc[1].is_stop


@pytest.mark.parametrize("text, expected", [
    ("Б.Сагинтаев посетил дата-центр", ["Б.", "Сагинтаев", "посетил", "дата-центр"]),
    ("95 млрд. тенге в 2017 г. в Алматинской обл.", ["95", "млрд.", "тенге", "в", "2017", "г.", "в",
                                                        "Алматинской", "обл."]),
    ("АО «Самрук-Казына»", ["АО", "«", "Самрук-Казына", "»"]),
])
def test_russian_tokenizer(text, expected):
    assert _toks(Russian(), text) == expected


@pytest.mark.parametrize("word, lemma", [
    ("Шукеева", "шукеев"), ("Исекешеву", "исекешев"), ("Бауыржану", "бауыржан"),
    ("Сагинтаевой", "сагинтаев"), ("Назарбаевым", "назарбаев"), ("Астане", "астана"),
    ("Казахстана", "казахстан"), ("тенге", "тенге"), ("маслихата", "маслихат"),
    ("дата-центров", "дата-центр"), ("министерствам", "министерство"), ("Самрук-Казына", "самрук-казына"),
    ("ПИТ", "пит"), ("постановлением", "постановление"),
])
def test_russian_lemmas(word, lemma):
    assert ru_analyze(word).lemma == lemma


@pytest.mark.parametrize("word, stem", [
    ("инновационных", "инновацион"), ("технологий", "технолог"), ("возможности", "возможн"),
    ("продолжается", "продолжа"), ("важнейшие", "важн"), ("холодности", "холодн"),
])
def test_russian_snowball_stems(word, stem):
    assert ru_stem(word) == stem


def test_extractors_as_components_in_a_blank_kazakh_pipeline():
    nlp = spacy.blank("kk")
    nlp.add_pipe("itp_extract")
    doc = nlp("Алматы қаласының әкімі Бауыржан Байбек 2018 жылғы 5 наурызда 95 млрд. теңге бөлінгенін айтты.")
    labels = {(s.label_, s._.normalized) for s in doc.spans["itp"]}
    assert ("PERSON", "Бауыржан Байбек") in labels
    assert ("DATE", "2018-03-05") in labels
    assert any(lab == "MONEY" for lab, _ in labels)
    assert doc.ents and doc._.itp["lang"] == "kk"


def test_single_stage_components_in_a_russian_pipeline():
    nlp = Russian()
    nlp.add_pipe("itp_money")
    nlp.add_pipe("itp_percent")
    doc = nlp("Инвестиции составили порядка одного триллиона тенге, рост на 15 процентов.")
    got = {(s.label_, str(s._.attrs.get("amount", s._.attrs.get("value")))) for s in doc.spans["itp"]}
    assert ("MONEY", "1000000000000.0") in got and ("PERCENT", "15.0") in got
