"""Kazakh lemmatizer: stacked endings, harmony, stem-edge alternations, names, abbreviations.

The words here were chosen for the morphology they exercise, not taken from the UD treebank the
benchmark tunes on (bench/kk_lemmas.py measures that data; these tests need no /work/shared).
"""
import pytest
from hypothesis import given, settings, strategies as st

from itp_docs.lang.kk.lemmatizer import KkAnalysis, analyze, lemma, stem


def check(cases: dict[str, str]) -> None:
    wrong = {w: (lemma(w), want) for w, want in cases.items() if lemma(w) != want}
    assert not wrong, wrong


def test_stacked_endings():
    check({
        "жылдарға": "жыл",
        "министрлігіне": "министрлік",
        "қалаларымыздың": "қала",
        "кітаптарымызда": "кітап",
        "мектептеріндегі": "мектеп",
        "балаларыңызға": "бала",
        "облыстарындағы": "облыс",
        "ауылдарынан": "ауыл",
        "үйлеріміздің": "үй",
        "өңірлердегі": "өңір",
        "кәсіпорындарының": "кәсіпорын",
    })
    assert analyze("министрлігіне").suffixes == ("і", "не")
    assert analyze("қалаларымыздың").suffixes == ("лар", "ымыз", "дың")


def test_vowel_harmony_both_ways():
    assert analyze("жолдарда").suffixes == ("дар", "да")
    assert analyze("елдерде").suffixes == ("дер", "де")
    assert analyze("тауларға").suffixes == ("лар", "ға")
    assert analyze("көлдердің").suffixes == ("дер", "дің")
    check({"жолдарда": "жол", "елдерде": "ел", "тауларға": "тау", "көлдердің": "көл",
           "кештерде": "кеш", "қыздармен": "қыз"})


def test_consonant_alternation_and_dropped_vowels():
    check({
        "министрлігі": "министрлік",
        "орталығы": "орталық",
        "орталығын": "орталық",
        "кітабы": "кітап",
        "қызығы": "қызық",
        "жүрегі": "жүрек",
        "мектебіне": "мектеп",
        "құқығын": "құқық",
        "ерекшелігі": "ерекшелік",  # not listed: the rule restores к
        "талабы": "талап",
        "халқы": "халық",
        "орны": "орын",
        "аузына": "ауыз",
        "мұрнын": "мұрын",
    })


def test_proper_names_with_case_endings():
    check({
        "Байбектің": "Байбек",
        "Исекешовтің": "Исекешов",
        "Кеттебековтың": "Кеттебеков",
        "Сәрсенбайға": "Сәрсенбай",
        "Ермековтің": "Ермеков",
        "Әбдірахмановпен": "Әбдірахманов",
        "Жақсыбековке": "Жақсыбеков",
        "Әлиеваның": "Әлиев",  # lemmas of surnames are the masculine form
        "Жаңатасқа": "Жаңатас",
        "Ақсудан": "Ақсу",
        "Павлодарда": "Павлодар",
        "Шымкенттегі": "Шымкент",
    })


def test_abbreviations_and_numbers_with_hyphenated_endings():
    check({
        "ИЖТМ-ге": "ИЖТМ",
        "АЭА-ның": "АЭА",
        "ИТП-нің": "ИТП",
        "ҚР-да": "ҚР",
        "БҰҰ-ның": "БҰҰ",
        "АҚ-ы": "АҚ",
        "ҚР": "ҚР",
        "2013-ші": "2013",
        "10-шы": "10",
        "73%-ы": "73%",
        "5-ке": "5",
        "2014-2018": "2014-2018",
        "2020": "2020",
    })
    assert analyze("ИЖТМ-ге") == KkAnalysis("ИЖТМ", "ижтм", "PROPN", ("ге",))
    assert analyze("2013-ші").pos == "NUM"


def test_hyphenated_compounds_inflect_on_the_last_part():
    check({
        "Самрұқ-Қазынаның": "Самрұқ-Қазына",
        "қарым-қатынастарды": "қарым-қатынас",
        "әл-ауқатын": "әл-ауқат",
    })


def test_words_that_only_look_inflected_are_kept():
    check({w: w for w in [
        "ана", "қала", "тамыз", "Алматы", "Астана", "қазан", "дала", "бала", "ара", "теңге",
        "сауда", "пайда", "бидай", "майдан", "Қарағанды", "Ақтөбе", "бағдарлама", "басқарма",
        "ұлттық", "мемлекеттік", "экономикалық", "маңызды", "сыртқы", "ішкі", "шешім", "білім",
        "ойын", "өзгеріс",
    ]})


def test_months_in_cases():
    check({
        "қаңтардағы": "қаңтар",
        "желтоқсандағы": "желтоқсан",
        "маусымдағы": "маусым",
        "наурызда": "наурыз",
        "қыркүйектен": "қыркүйек",
        "тамызға": "тамыз",
        "сәуірдің": "сәуір",
        "шілдеде": "шілде",
        "қазанда": "қазан",
    })


def test_stem_conflates_a_family():
    forms = ["жыл", "жылы", "жылдың", "жылдар", "жылдары", "жылдарға", "жылдан", "жылда",
             "жылдардағы", "Жылдың"]
    assert {stem(w) for w in forms} == {"жыл"}
    assert stem("жыл") == stem("жылы")
    assert {stem(w) for w in ["келді", "келеді", "келген", "келіп", "келмейді", "келу"]} == {"кел"}
    assert {stem(w) for w in ["жасады", "жасалды", "жасалған", "жасау"]} == {"жаса"}
    assert stem("табылды") == stem("табу") == "тап"
    assert stem("пайдаланды") == stem("пайдалану")


def test_stem_keeps_unrelated_words_apart():
    assert stem("қала") == stem("қалада") == stem("қалаға")
    assert stem("қалды") == stem("қалып") == "қал"
    assert stem("қала") != stem("қалды")
    distinct = ["кітап", "кітапхана", "мектеп", "мекен", "мемлекет", "министр", "министрлік",
                "ел", "елші", "жер", "жеке", "тіл", "тілші", "бала", "бал", "ана", "ай", "ат"]
    assert len({stem(w) for w in distinct}) == len(distinct)


def test_stem_neutralises_final_voicing():
    assert stem("педагог") == stem("педагогы")
    assert stem("кітап") == stem("кітабы") == stem("кітапқа")


def test_pronouns_and_case_pattern():
    check({"оның": "ол", "мұнда": "бұл", "маған": "мен", "Оның": "Ол", "олардың": "олар",
           "ҚАЗАҚСТАННЫҢ": "ҚАЗАҚСТАН", "Мемлекеттің": "Мемлекет"})


@pytest.mark.parametrize("word", [
    "постановление", "Правительства", "Республики", "области", "решением", "экономического",
    "года", "годы", "города", "вопросы", "работы", "государственной", "программы",
    "Baibek", "Samruk-Kazyna", "iPhone", "COVID-19", "«", "—", "", "32,5°С",
])
def test_russian_latin_and_symbols_pass_through(word):
    a = analyze(word)
    assert a.lemma == word and a.suffixes == () and a.stem == word.lower()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеәғқңөұүһіыйжзклмнопрстуфхцчшщъьэюяАӘБҒҚЖIІ-–'%0123456789 xyzQ«»", max_size=24))
def test_never_raises_and_keys_are_lowercase(word):
    a = analyze(word)
    assert isinstance(a, KkAnalysis)
    assert a.stem == a.stem.lower()
    assert (a.lemma == "") == (word == "")
