"""Transliteration-aware keys: every alphabet folds alike, endings go, near-names stay apart."""
from __future__ import annotations

import csv
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itp_docs import lexicon
from itp_docs.lang import translit as t
from itp_docs.lang.translit import (
    KEY_ALPHABET, bare_key, edit_budget, fold_key, key_distance, keys_match, names_match, romanize,
    word_keys,
)

DATA = Path(__file__).parent / "data"


# --- one key per letter, whatever the alphabet ---------------------------------------------------

SAME_KEY = {
    "ә": ["Әсет", "Асет", "Äset", "Áset", "A'set", "Aeset", "Aset"],
    "ш": ["Шымкент", "Shymkent", "Şymkent", "S'ymkent", "Šymkent", "S’ymkent"],
    "ғ": ["Сағынтаев", "Сагынтаев", "Sağyntaev", "Saghyntaev", "Sag'yntaev", "Saǵyntaev"],
    "ң": ["Теңіз", "Тенгиз", "Teñız", "Tengiz", "Ten'iz", "Teńiz"],
    "ұ": ["Нұрлан", "Нурлан", "Nūrlan", "Nurlan", "Nu'rlan"],
    "ү": ["Түркістан", "Türkıstan", "Tu'rkistan", "Túrkistan", "Turkistan"],
    "і/ы/ı": ["Серік", "Серик", "Serık", "Serik", "Seryk"],
    "қ/х": ["Қазақ", "Казах", "Qazaq", "Kazakh", "Kazak"],
    "ж": ["Жомарт", "Jomart", "Zhomart", "Žomart"],
    "ч": ["Чокин", "Chokin", "Çokin", "C'okin", "Čokin"],
    "у (2017 y', 2018 ý)": ["Бауыржан", "Bauyrzhan", "Bauyrjan", "Bay'yrjan", "Baýyrjan"],
    "й (2018 ı, 2017 i', ISO 9 j)": ["Байбек", "Baibek", "Baybek", "Baıbek", "Bai'bek", "Bajbek"],
    "щ": ["Щучинск", "Shchuchinsk", "Ŝučinsk"],
    "дж": ["Жезқазған", "Джезказган", "Dzhezkazgan", "Zhezkazgan", "Jezqazğan"],
    "ё": ["Пётр", "Pyotr"],
    "c = к / ц": ["Kazakhtelecom", "Казахтелеком"],
}


@pytest.mark.parametrize("letter", list(SAME_KEY))
def test_alphabets_fold_to_one_key(letter):
    keys = {w: fold_key(w) for w in SAME_KEY[letter]}
    assert len(set(keys.values())) == 1, keys


def test_key_alphabet_and_edge_cases():
    assert fold_key("") == "" and fold_key("2013") == "" and word_keys("«»-") == ()
    assert set(fold_key("Самрұқ-Қазына «Ұлттық» 2018 Kazakhtelecom")) <= set(KEY_ALPHABET)
    assert fold_key("Кеттебеков") == fold_key("Ketebekov")          # doubles collapse
    assert fold_key("Сагинтаев") == fold_key("Sagintayev") == fold_key("Sagyntaev")  # glide y
    assert fold_key("Ерлан") == fold_key("Yerlan")                  # initial glide
    assert fold_key("Маңғыстау") == fold_key("Мангистау") == fold_key("Mangystau")
    assert fold_key("Үкiметi") == fold_key("Үкіметі")               # Latin i inside Cyrillic
    assert fold_key("Сәтбаев") != fold_key("Сатпаев")               # consonants are kept apart


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіabcdefghijklmnopqrstuvwxyzäğıñöşūüáǵńóúýéèêëīíìîçčšžŝ'- ",
               max_size=20))
def test_keys_are_clean_prefix_consistent_and_case_blind(s):
    k = fold_key(s)
    assert set(k) <= set(KEY_ALPHABET)
    assert all(a != b for a, b in zip(k, k[1:]))                    # no doubled symbol
    assert fold_key(s.upper()) == k
    keys = word_keys(s)
    assert keys == () if not k else keys[0] == k
    if "-" not in s:
        assert k.startswith(bare_key(s))


# --- case endings ---------------------------------------------------------------------------------

@pytest.mark.parametrize("form,base", [
    ("Байбектің", "Байбек"), ("Байбекке", "Байбек"), ("Байбекпен", "Байбек"), ("Байбекті", "Байбек"),
    ("Исекешовтің", "Исекешов"), ("Исекешовке", "Исекешов"), ("Назарбаевқа", "Назарбаев"),
    ("Самрұқ-Қазынаның", "Самрұқ-Қазына"), ("Алматыдағы", "Алматы"), ("Астанада", "Астана"),
    ("Шымкентте", "Шымкент"), ("Маминнің", "Мамин"), ("Тоқаевтан", "Тоқаев"),
    ("Сагинтаева", "Сагинтаев"), ("Сагинтаеву", "Сагинтаев"), ("Назарбаевым", "Назарбаев"),
    ("Шукеевой", "Шукеев"), ("Бауыржаном", "Бауыржан"), ("Бауыржану", "Бауыржан"),
    ("Baibekke", "Baibek"), ("Baibektiñ", "Baibek"), ("Sagintayeva", "Sagintayev"),
    ("Nazarbayevtyñ", "Nazarbayev"),
])
def test_bare_key_removes_kazakh_and_russian_endings(form, base):
    assert bare_key(form) == fold_key(base)
    assert word_keys(form) == (fold_key(form), fold_key(base))


def test_bare_key_keeps_short_words_and_hyphen_endings():
    for w in ("Даму", "Зерде", "Алатау", "Мамин", "Назарбаев", "Ахметов"):
        assert bare_key(w) == fold_key(w), w
    assert bare_key("Дамуға") == fold_key("Даму")
    assert bare_key("Зердеге") == fold_key("Зерде")
    # after a hyphen an ending goes whatever the stem's length
    assert bare_key("АЭА-ның") == fold_key("АЭА")
    assert bare_key("ИЖТМ-ге") == fold_key("ИЖТМ")
    assert bare_key("«ИТП»-нің") == fold_key("ИТП")
    assert bare_key("Нұр-Сұлтан") == fold_key("Нұр-Сұлтан")


def test_ambiguous_endings_are_all_tried_when_matching():
    # Астаны: Russian genitive -ы, not Kazakh accusative -ны; Караганда: -а, not locative -да
    assert keys_match("Астаны", "Астана") and keys_match("Астаны", "Astana")
    assert keys_match("Караганда", "Қарағандыда")


# --- distances and budgets -----------------------------------------------------------------------

def test_key_distance_is_vowel_light():
    assert key_distance("isekexov", "isekexev") == 1               # one vowel
    assert key_distance("akmetov", "akmedov") == 3                 # one consonant
    assert key_distance("ximkent", "cimkent") == 1                 # ч/ш light pair
    assert key_distance("abc", "abc") == 0
    for a, b in [("sagintaev", "saginbaev"), ("alatau", "altai"), ("baibek", "baibekov")]:
        assert key_distance(a, b) == key_distance(b, a) > edit_budget(min(len(a), len(b)))


def test_edit_budget_grows_with_length():
    budgets = [edit_budget(n) for n in range(0, 30)]
    assert budgets[:5] == [0] * 5
    assert budgets == sorted(budgets) and budgets[-1] >= 3


# --- words and names -------------------------------------------------------------------------------

@pytest.mark.parametrize("a,b", [
    ("Ахметов", "Ахмедов"), ("Алатау", "Алтай"), ("Сагинтаев", "Сагинбаев"), ("Исекешов", "Исенов"),
    ("Байбек", "Байбеков"), ("Тоқаев", "Тоқтаров"), ("Шүкеев", "Шукенов"), ("Мамин", "Маманов"),
    ("Кеттебеков", "Кеттебаев"), ("Сағынтаевтың", "Сағынбаевтың"), ("Akhmetov", "Ахмедовке"),
    ("Әсет", "Асан"),
])
def test_near_names_do_not_match(a, b):
    assert not keys_match(a, b) and not names_match(a, b)


@pytest.mark.parametrize("a,b", [
    ("Issekeshev", "Исекешовтің"), ("Umirzak", "Өмірзақ"), ("Baurzhan", "Бауыржан"),
    ("Алма-Ата", "Алматыда"), ("Chimkent", "Шымкентте"), ("Sagintayeva", "Сағынтаевқа"),
    ("Kazakhtelecom", "Қазақтелекомның"),
])
def test_spelling_variants_match(a, b):
    assert keys_match(a, b) and keys_match(b, a)


@pytest.mark.parametrize("a,b,expected", [
    ("Bauyrzhan Baibek", "Байбек Бауыржан", True),
    ("Bauyrzhan Baibek", "Б. Байбек", True),
    ("Б.Байбек", "BAIBEK BAUYRZHAN", True),
    ("С. Байбек", "Бауыржан Байбек", False),                   # initial contradicts the first name
    ("Ө. Шүкеев", "Umirzak Shukeyev", True),                   # Ө/У: vowel initials agree
    ("Қ.-Ж. Тоқаев", "Kassym-Jomart Tokayev", True),
    ("Kassym Jomart Tokayev", "Қасым-Жомарт Тоқаев", True),
    ("Н.Ә. Назарбаев", "Нұрсұлтан Назарбаев", True),
    ("Нұрсұлтан Әбішұлы Назарбаев", "Nursultan Abishevich Nazarbayev", True),
    ("Байбектің", "Бауыржан Байбек", True),                    # a lone surname
    ("Нұр-Сұлтан", "Нұрсұлтан Назарбаев", False),              # must be the surname
    ("Серік Ахметов", "Серік Ахмедов", False),
    ("Samruk Kazyna", "Самрұқ-Қазына", True),
    ("SamrukKazyna", "Samruk-Kazyna", True),
    ("Самрук-Казыны", "Samruk Kazyna", True),
    ("Air Astana", "Эйр Астананың", True),
    ("Астана", "Air Astana", False),                           # org word: not a person's name
    ("Алматы", "Алматы облысы", False),                        # descriptive phrase
    ("Нұр-Сұлтан", "Nur Sultan", True),
])
def test_names_match(a, b, expected):
    assert names_match(a, b) is expected
    assert names_match(b, a) is expected


# --- romanization ------------------------------------------------------------------------------

def test_romanize_writes_the_2021_alphabet():
    assert romanize("Бауыржан") == "Bauyrjan"
    assert romanize("Қасым-Жомарт") == "Qasym-Jomart"
    assert romanize("Сағынтаев") == "Sağyntaev"
    assert romanize("Исекешов") == "İsekeşov"
    assert romanize("Өмірзақ Шүкеев") == "Ömırzaq Şükeev"
    assert romanize("ҚР") == "QR"
    assert romanize("Щучинск") == "Şşuçinsk"
    assert romanize("Baibek") == "Baibek"


def _variants(name: str) -> list[tuple[str, str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [(r["group"], r["variant"], r["system"])
            for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def test_romanized_cyrillic_keeps_its_key():
    words = {w for f in ("names.tsv", "names_heldout.tsv") for _, v, _ in _variants(f)
             for w in v.split() if any("\u0400" <= c <= "\u04ff" for c in w)}
    assert len(words) > 100
    bad = {w: (romanize(w), fold_key(w), fold_key(romanize(w)))
           for w in words if fold_key(romanize(w)) != fold_key(w)}
    assert not bad


# --- lexicons --------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["translit.tsv", "key_endings.tsv", "name_variants.tsv"])
def test_lexicons_are_valid(name):
    assert lexicon.validate(name) == []


def test_every_cyrillic_letter_has_a_key_and_a_romanization():
    rows = {r["source"]: r for r in lexicon.load("translit") if r["stage"] == "letter"}
    for ch in "абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә":
        assert ch in rows, ch
        assert ch in "ъь" or rows[ch]["lat"], ch


def test_name_variant_rows_agree_with_the_folding():
    for r in lexicon.load("name_variants"):
        keys = [fold_key(e) for e in r["examples"]]
        if r["kind"] == "light":
            a, b = r["value"].split()
            pairs = list(zip(keys[::2], keys[1::2]))
            assert pairs and all(x.replace(a, b) == y.replace(a, b) and x != y for x, y in pairs), r
        elif r["kind"] in ("surname", "patronymic"):
            assert keys[0].endswith(r["value"]), r
        elif r["kind"] == "org_word":
            assert keys[0] == r["value"], r


def test_key_endings_are_in_the_key_alphabet():
    for r in lexicon.load("key_endings"):
        assert set(r["ending"]) <= set(KEY_ALPHABET) and int(r["min_stem"]) >= 4, r
        assert r["lang"] in ("kk", "ru")


# --- the names test sets ----------------------------------------------------------------------------

def _scores(name: str) -> tuple[float, float, list, list]:
    rows = _variants(name)
    tp = fp = fn = 0
    fps, fns = [], []
    for (ga, a, _), (gb, b, _) in combinations(rows, 2):
        pred, gold = names_match(a, b), ga == gb
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        if pred and not gold:
            fps.append((a, b))
        if gold and not pred:
            fns.append((a, b))
    return tp / (tp + fp), tp / (tp + fn), fps, fns


def test_names_sets_are_big_enough_and_disjoint():
    tuned, held = _variants("names.tsv"), _variants("names_heldout.tsv")
    assert len(tuned) >= 100 and len({g for g, _, _ in tuned}) >= 25
    assert len(held) >= 40 and len({g for g, _, _ in held}) >= 12
    assert not {g for g, _, _ in tuned} & {g for g, _, _ in held}
    assert not {v for _, v, _ in tuned} & {v for _, v, _ in held}


def test_names_tuned_set_precision_and_recall():
    p, r, fps, fns = _scores("names.tsv")
    assert p >= 0.95, fps[:10]
    assert r >= 0.95, fns[:10]


def test_names_heldout_set_floor():
    # Measured 0.93 / 1.00 when first run after tuning; all false positives are one hard
    # distractor (Смаилов/Исмаилов, a prothetic vowel). The floor leaves little slack on purpose.
    p, r, fps, fns = _scores("names_heldout.tsv")
    assert p >= 0.90, fps[:10]
    assert r >= 0.95, fns[:10]


def _reset_translit() -> None:
    t._LETTERS = None
    for fn in (t.fold_key, t.word_keys, t.keys_match, t.names_match, t._match_keys, t._name_tokens,
               t._consonants, t.romanize):
        fn.cache_clear()


def test_behaviour_comes_from_the_lexicons(tmp_path, monkeypatch):
    for name in ("translit.tsv", "key_endings.tsv", "name_variants.tsv"):
        text = (lexicon.lexicon_dir() / name).read_text(encoding="utf-8")
        if name == "name_variants.tsv":
            text += "light\td t\tАхмедов|Ахметов\tonly for this test\n"
        if name == "key_endings.tsv":
            text += "kk\tlar\tV\t4\tplural\t-лар\tonly for this test\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("ITP_DOCS_LEXICONS", str(tmp_path))
    _reset_translit()
    try:
        assert keys_match("Ахметов", "Ахмедов")
        assert bare_key("Байбекулар") == fold_key("Байбеку")
        (tmp_path / "name_variants.tsv").write_text("kind\tvalue\texamples\tnote\nbogus\tx\t\t\n",
                                                    encoding="utf-8")
        _reset_translit()
        with pytest.raises(lexicon.LexiconError):
            fold_key("Байбек")
    finally:
        monkeypatch.delenv("ITP_DOCS_LEXICONS")
        _reset_translit()
    assert not keys_match("Ахметов", "Ахмедов")
