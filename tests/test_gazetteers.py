"""Gazetteer and number lexicons: places, first names, surname endings, months, numerals,
currencies and stop words.

The checks are generic rules (vowel harmony, consonant assimilation, ISO codes, value syntax,
Kazakh↔Russian name correspondence) so that entries added later are held to the same standard;
the few fixed lists below are facts an extractor relies on (the 17 regions of 2022, the spellings
the seed documents and the press use).
"""
from __future__ import annotations

import re
from collections import defaultdict
from fractions import Fraction
from functools import lru_cache

import pytest

from itp_docs import lexicon
from itp_docs.lang.script import KK_TO_RU

GAZETTEERS = ["places", "first_names", "surname_endings", "months", "numerals", "currencies", "stopwords"]

BACK_VOWELS = set("аоұыяАОҰЫЯ")
FRONT_VOWELS = set("әеіөүэӘЕІӨҮЭ")
VOICELESS = set("кқпстшфхцчщ")
VOICELESS_SUFFIX_START = set("тқкп")
CYR = re.compile(r"[а-яёәғқңөұүһі]", re.I)


@lru_cache(maxsize=None)
def lex(name: str) -> lexicon.Lexicon:
    return lexicon.load(name)


def rows(lexname: str, /, **where: str) -> list[dict]:
    return [r for r in lex(lexname) if all(r[k] == v for k, v in where.items())]


# --------------------------------------------------------------------------- shared helpers
def harmony(word: str) -> str | None:
    """``back``/``front`` by the last unambiguous vowel; a final soft sign makes a loan front
    (рубль → рубльге). ``None`` when the word has no such vowel."""
    if word.endswith("ь"):
        return "front"
    for ch in reversed(word):
        if ch in BACK_VOWELS:
            return "back"
        if ch in FRONT_VOWELS:
            return "front"
    return None


def harmony_errors(base: str, forms: list[str]) -> list[str]:
    """Suffix vowels must agree with the base; suffix consonants must agree in voicing with the
    base's last sound (қыркүйекте, not қыркүйекде; наурызда, not наурызта)."""
    errors = []
    want = harmony(base)
    for form in forms:
        if " " in form or form == base:
            continue
        p = 0
        while p < min(len(form), len(base)) and form[p] == base[p]:
            p += 1
        if p < len(base) - 1:
            errors.append(f"{form}: not a form of {base}")
            continue
        suffix = form[p:]
        # the instrumental -мен/-бен/-пен has one shape in both harmony classes
        vowels_in = suffix[:-3] if suffix.endswith(("мен", "бен", "пен")) else suffix
        vowels = {("back" if c in BACK_VOWELS else "front") for c in vowels_in if c in BACK_VOWELS | FRONT_VOWELS}
        if want and vowels - {want}:
            errors.append(f"{form}: suffix {suffix!r} breaks {want} harmony of {base}")
        if p == len(base) and suffix:
            first, last = suffix[0], base[-1]
            if last in VOICELESS and first not in VOICELESS_SUFFIX_START and first not in "ыі":
                errors.append(f"{form}: voiced suffix after voiceless {last!r}")
            if last not in VOICELESS and first in VOICELESS_SUFFIX_START:
                errors.append(f"{form}: voiceless suffix after {last!r}")
    return errors


def test_every_gazetteer_validates():
    problems = {n: lexicon.validate(n) for n in GAZETTEERS}
    assert all(not p for p in problems.values()), problems


def test_harmony_checker_catches_faults():
    """The generic checks below would be worthless if they passed everything."""
    assert harmony_errors("қаңтар", ["қаңтарда", "қаңтарға", "қаңтарынан"]) == []
    assert harmony_errors("сәуір", ["сәуірде", "сәуірінде"]) == []
    assert harmony_errors("қыркүйек", ["қыркүйекте", "қыркүйегінде", "қыркүйекке"]) == []
    assert harmony_errors("қаңтар", ["қаңтарде"])          # front suffix on a back word
    assert harmony_errors("сәуір", ["сәуірда"])            # back suffix on a front word
    assert harmony_errors("қыркүйек", ["қыркүйекде"])      # voiced after voiceless
    assert harmony_errors("наурыз", ["наурызта"])          # voiceless after voiced
    assert harmony_errors("мамыр", ["маусымда"])           # not a form of the base


# --------------------------------------------------------------------------- places
PLACE_TYPES = {"country", "region", "city", "district", "landmark", "continent", "world_region"}

# The 17 oblasts (since 8 June 2022) and the 3 cities of republican significance, canonical kk/ru.
KZ_REGIONS = [
    ("Абай облысы", "область Абай"), ("Ақмола облысы", "Акмолинская область"),
    ("Ақтөбе облысы", "Актюбинская область"), ("Алматы облысы", "Алматинская область"),
    ("Атырау облысы", "Атырауская область"), ("Батыс Қазақстан облысы", "Западно-Казахстанская область"),
    ("Жамбыл облысы", "Жамбылская область"), ("Жетісу облысы", "область Жетысу"),
    ("Қарағанды облысы", "Карагандинская область"), ("Қостанай облысы", "Костанайская область"),
    ("Қызылорда облысы", "Кызылординская область"), ("Маңғыстау облысы", "Мангистауская область"),
    ("Павлодар облысы", "Павлодарская область"), ("Солтүстік Қазақстан облысы", "Северо-Казахстанская область"),
    ("Түркістан облысы", "Туркестанская область"), ("Ұлытау облысы", "область Улытау"),
    ("Шығыс Қазақстан облысы", "Восточно-Казахстанская область"),
]
KZ_REPUBLICAN_CITIES = [("Астана", "Астана"), ("Алматы", "Алматы"), ("Шымкент", "Шымкент")]
KZ_REGIONAL_CENTRES = [
    ("Қонаев", "Конаев"), ("Көкшетау", "Кокшетау"), ("Ақтөбе", "Актобе"), ("Атырау", "Атырау"),
    ("Орал", "Уральск"), ("Тараз", "Тараз"), ("Талдықорған", "Талдыкорган"), ("Қарағанды", "Караганда"),
    ("Қостанай", "Костанай"), ("Қызылорда", "Кызылорда"), ("Ақтау", "Актау"), ("Павлодар", "Павлодар"),
    ("Петропавл", "Петропавловск"), ("Түркістан", "Туркестан"), ("Жезқазған", "Жезказган"),
    ("Өскемен", "Усть-Каменогорск"), ("Семей", "Семей"),
]


def place_ids(name: str, lang: str | None = None, type_: str | None = None) -> set[str]:
    folded = name.casefold()
    return {r["id"] for r in lex("places") if r["name"].casefold() == folded
            and (lang is None or r["lang"] == lang) and (type_ is None or r["type"] == type_)}


def test_places_size_and_shape():
    places = lex("places")
    assert len(places) >= 900
    by_id: dict[str, set[str]] = defaultdict(set)
    types: dict[str, set[str]] = defaultdict(set)
    for r in places:
        assert r["type"] in PLACE_TYPES, r
        assert r["lang"] in {"kk", "ru", "lat"}, r
        by_id[r["id"]].add(r["lang"])
        types[r["id"]].add(r["type"])
    assert {i for i, t in types.items() if len(t) > 1} == set(), "an id has more than one type"
    assert {i for i, langs in by_id.items() if langs != {"kk", "ru", "lat"}} == set(), \
        "every place needs a kk, a ru and a lat name"


def test_every_region_of_kazakhstan_in_kk_and_ru():
    region_ids = {r["id"] for r in lex("places") if r["type"] == "region" and r["id"].startswith("kz-")}
    assert len(region_ids) == 17
    for kk, ru in KZ_REGIONS:
        ids = place_ids(kk, "kk", "region")
        assert len(ids) == 1, kk
        assert ids == place_ids(ru, "ru", "region"), (kk, ru)
    for kk, ru in KZ_REPUBLICAN_CITIES + KZ_REGIONAL_CENTRES:
        assert place_ids(kk, "kk", "city") & place_ids(ru, "ru", "city"), (kk, ru)


@pytest.mark.parametrize("names", [
    ("Астана", "Нұр-Сұлтан", "Ақмола", "Целиноград", "Нур-Султан", "Nur-Sultan", "Astana"),
    ("Алматы", "Алма-Ата", "Almaty", "Alma-Ata"),
    ("Өскемен", "Усть-Каменогорск", "Ust-Kamenogorsk", "Oskemen"),
    ("Семей", "Семипалатинск", "Semey", "Semipalatinsk"),
    ("Қостанай", "Костанай", "Kostanay", "Qostanai"),
    ("Қонаев", "Қапшағай", "Капчагай", "Konaev"),
    ("Түркістан облысы", "Оңтүстік Қазақстан облысы", "Южно-Казахстанская область", "ЮКО"),
    ("АҚШ", "США", "USA", "Америка Құрама Штаттары", "Соединённые Штаты Америки"),
    ("Ресей", "Россия", "Russia", "Российская Федерация"),
    ("Қытай", "Китай", "China", "ҚХР", "КНР"),
    ("Ұлыбритания", "Великобритания", "United Kingdom", "UK"),
    ("БАӘ", "ОАЭ", "UAE", "Біріккен Араб Әмірліктері"),
    ("Мәскеу", "Москва", "Moscow"),
    ("Бейжің", "Пекин", "Beijing"),
    ("Орталық Азия", "Центральная Азия", "Central Asia"),
    ("Каспий теңізі", "Каспийское море", "Caspian Sea"),
    ("Іле Алатауы", "Заилийский Алатау"),
])
def test_aliases_share_one_id(names):
    shared = set.intersection(*(place_ids(n) for n in names))
    assert shared, f"no id holds all of {names}"


def test_landmarks_and_world_coverage():
    for kk in ["Алатау", "Медеу", "Шымбұлақ", "Байқоңыр", "Бурабай", "Көкшетау таулары", "Балқаш көлі"]:
        assert place_ids(kk, "kk", "landmark"), kk
    countries = {r["id"] for r in lex("places") if r["type"] == "country"}
    assert len(countries) >= 195
    cities = {r["id"] for r in lex("places") if r["type"] == "city" and not r["id"].startswith("kz-")}
    assert len(cities) >= 250  # capitals plus major cities
    for t in ("continent", "world_region", "district"):
        assert any(r["type"] == t for r in lex("places")), t


def test_former_names_are_explained():
    """Former names are aliases; a comment in the file must say when they were used."""
    text = (lexicon.lexicon_dir() / "places.tsv").read_text(encoding="utf-8")
    comments = "\n".join(line for line in text.splitlines() if line.startswith("#"))
    for old in ["Целиноград", "Нұр-Сұлтан", "Алма-Ата", "Семипалатинск", "Қапшағай", "Гурьев"]:
        assert old in comments, old


# --------------------------------------------------------------------------- first names
def name_skeleton(name: str) -> str:
    """Kazakh and Russian spellings of one name share this: Kazakh letters folded to Russian,
    soft signs dropped, ы/и and о/у merged (Өмірзақ → Умирзак), doubled letters collapsed."""
    s = name.lower().translate(KK_TO_RU).replace("ё", "е").replace("э", "е")
    s = re.sub("[ьъ]", "", s).replace("ы", "и").replace("о", "у")
    return re.sub(r"(.)\1", r"\1", s)


def test_first_names_size_gender_and_pairs():
    names = lex("first_names")
    assert len(names) >= 1000
    assert {r["gender"] for r in names} <= {"m", "f"}
    assert {r["lang"] for r in names} == {"kk", "ru", "lat"}
    ru = {name_skeleton(r["name"]) for r in names if r["lang"] == "ru"}
    kk = [r["name"] for r in names if r["lang"] == "kk"]
    assert len(kk) >= 400
    common = kk[:150]
    assert [n for n in common if name_skeleton(n) not in ru] == [], "common kk names need a ru spelling"
    unpaired = [n for n in kk if name_skeleton(n) not in ru]
    assert len(unpaired) <= 0.03 * len(kk), unpaired  # irregular pairs such as Әбілқайыр/Абулхаир
    # one gender per spelling across languages (a name that is m in kk is m in ru)
    gender: dict[str, set[str]] = defaultdict(set)
    for r in names:
        gender[name_skeleton(r["name"])].add(r["gender"])
    assert [s for s, g in gender.items() if len(g) > 1] == []


def test_name_skeleton_pairs_known_spellings():
    assert name_skeleton("Өмірзақ") == name_skeleton("Умирзак")
    assert name_skeleton("Гүлмира") == name_skeleton("Гульмира")
    assert name_skeleton("Әсет") == name_skeleton("Асет") == name_skeleton("Ассет")
    assert name_skeleton("Асқар") != name_skeleton("Аскат")


@pytest.mark.parametrize("lang,name,gender", [
    ("kk", "Бауыржан", "m"), ("ru", "Бауржан", "m"), ("ru", "Бауыржан", "m"), ("kk", "Өмірзақ", "m"),
    ("ru", "Умирзак", "m"), ("kk", "Әсет", "m"), ("ru", "Асет", "m"), ("kk", "Бақытжан", "m"),
    ("ru", "Бакытжан", "m"), ("kk", "Нұрсұлтан", "m"), ("ru", "Нурсултан", "m"), ("kk", "Қасым-Жомарт", "m"),
    ("ru", "Касым-Жомарт", "m"), ("lat", "Bauyrzhan", "m"), ("lat", "Askar", "m"), ("lat", "Asset", "m"),
    ("lat", "Nursultan", "m"), ("kk", "Айгүл", "f"), ("ru", "Айгуль", "f"), ("lat", "Aigerim", "f"),
    ("ru", "Александр", "m"), ("ru", "Елена", "f"),
])
def test_first_name_spot_checks(lang, name, gender):
    assert rows("first_names", lang=lang, name=name, gender=gender), (lang, name)


# --------------------------------------------------------------------------- surname endings
def test_surname_endings():
    ends = lex("surname_endings")
    assert {r["kind"] for r in ends} == {"surname", "patronymic"}
    assert {r["gender"] for r in ends} <= {"m", "f"}
    have = {(r["lang"], r["ending"], r["gender"], r["kind"]) for r in ends}
    for lang in ("kk", "ru"):
        for e in ("-ов", "-ев", "-ин"):
            assert (lang, e, "m", "surname") in have and (lang, e + "а", "f", "surname") in have
        assert (lang, "-ский", "m", "surname") in have and (lang, "-ская", "f", "surname") in have
        for e, g in (("-ович", "m"), ("-евич", "m"), ("-овна", "f"), ("-евна", "f")):
            assert (lang, e, g, "patronymic") in have
    for e, g in (("-ұлы", "m"), ("-қызы", "f"), ("ұлы", "m"), ("қызы", "f")):
        assert ("kk", e, g, "patronymic") in have
    for r in ends:
        e = r["ending"]
        if r["lang"] == "ru":
            assert not re.search("[әғқңөұүһі]", e), e
        if r["lang"] == "lat":
            assert not CYR.search(e), e
        # a declinable masculine surname ending in -в/-н has a feminine twin in -а (Байбеков/Байбекова);
        # indeclinable ones (-ян) are listed for both genders instead
        if r["kind"] == "surname" and r["gender"] == "m" and re.fullmatch(r"-\w*[вн]", e) and r["lang"] != "lat":
            assert {(r["lang"], e + "а", "f", "surname"), (r["lang"], e, "f", "surname")} & have, e


# --------------------------------------------------------------------------- months
def test_months_all_langs_and_forms():
    months = lex("months")
    by_num: dict[int, dict[str, dict]] = defaultdict(dict)
    for r in months:
        by_num[int(r["number"])][r["lang"]] = r
    assert sorted(by_num) == list(range(1, 13))
    owner: dict[str, int] = {}
    for n, langs in by_num.items():
        assert set(langs) == {"kk", "ru", "en", "kk-Latn"}, n
        for lang, r in langs.items():
            assert r["forms"][0] == r["name"], (n, lang)
            for f in r["forms"]:
                assert owner.setdefault(f.casefold(), n) == n, f"{f} belongs to two months"
        assert len(langs["kk"]["forms"]) >= 10
        ru_forms = langs["ru"]["forms"]
        # nominative(=accusative), genitive, dative, instrumental, prepositional; plus abbreviations
        assert any(f.endswith(("я", "а")) for f in ru_forms) and any(f.endswith(("ю", "у")) for f in ru_forms)
        assert any(f.endswith(("ем", "ём", "ом")) for f in ru_forms) and any(f.endswith("е") for f in ru_forms)
        assert len(ru_forms) >= (5 if n == 5 else 6), ru_forms  # май has five case forms and no abbreviation
        assert len(langs["kk-Latn"]["forms"]) >= 10
        assert harmony_errors(langs["kk"]["name"], langs["kk"]["forms"]) == []
        kk = langs["kk"]["name"]
        suffixes = {f[len(kk):] for f in langs["kk"]["forms"] if f.startswith(kk)}
        loc = {"да", "де", "та", "те"} & suffixes
        dat = {"ға", "ге", "қа", "ке"} & suffixes
        abl = {"дан", "ден", "тан", "тен", "нан", "нен"} & suffixes
        gen = {"дың", "дің", "тың", "тің", "ның", "нің"} & suffixes
        assert loc and dat and abl and gen, (kk, suffixes)
        assert any(f.endswith(("дағы", "дегі", "тағы", "тегі")) for f in langs["kk"]["forms"]), kk
        if n != 5:  # May has no abbreviation
            assert any(f.endswith(".") for f in langs["ru"]["forms"]), langs["ru"]["name"]
    assert "қаңтардан" in by_num[1]["kk"]["forms"] and "қыркүйегінде" in by_num[9]["kk"]["forms"]
    assert {"января", "январе", "январём", "янв."} <= set(by_num[1]["ru"]["forms"])
    assert "qañtar" in by_num[1]["kk-Latn"]["forms"] and "qantar" in by_num[1]["kk-Latn"]["forms"]


# --------------------------------------------------------------------------- numerals
NUMERAL_KINDS = {"cardinal", "ordinal", "multiplier", "fraction", "approx"}


def test_numerals_values_parse():
    nums = lex("numerals")
    assert len(nums) >= 300
    for r in nums:
        assert r["kind"] in NUMERAL_KINDS, r
        assert r["lang"] in {"kk", "ru", "en"}, r
        if r["kind"] == "approx":
            assert r["value"] == "", r
            continue
        v = Fraction(r["value"])
        assert v > 0, r
        if r["kind"] == "fraction":
            assert v.denominator != 1, r
        else:
            assert v.denominator == 1, r
        if r["kind"] == "multiplier":
            assert v >= 100 and str(v.numerator).rstrip("0") == "1", r


def value_of(lang: str, word: str) -> tuple[str, str]:
    found = rows("numerals", lang=lang, word=word)
    assert len(found) == 1, (lang, word)
    return found[0]["value"], found[0]["kind"]


@pytest.mark.parametrize("lang,word,value,kind", [
    ("kk", "бір", "1", "cardinal"), ("kk", "тоғыз", "9", "cardinal"), ("kk", "тоқсан", "90", "cardinal"),
    ("kk", "мың", "1000", "multiplier"), ("kk", "мыңнан", "1000", "multiplier"),
    ("kk", "миллиардқа", "1000000000", "multiplier"), ("kk", "млрд.", "1000000000", "multiplier"),
    ("kk", "трлн", "1000000000000", "multiplier"), ("kk", "бірінші", "1", "ordinal"),
    ("kk", "жиырмасыншы", "20", "ordinal"), ("kk", "жарты", "0.5", "fraction"), ("kk", "астам", "", "approx"),
    ("ru", "одного", "1", "cardinal"), ("ru", "двумя", "2", "cardinal"), ("ru", "девятьсот", "900", "cardinal"),
    ("ru", "тысячи", "1000", "multiplier"), ("ru", "миллиардов", "1000000000", "multiplier"),
    ("ru", "тыс.", "1000", "multiplier"), ("ru", "полтора", "1.5", "fraction"), ("ru", "первом", "1", "ordinal"),
    ("ru", "порядка", "", "approx"), ("en", "bn", "1000000000", "multiplier"),
])
def test_numeral_spot_checks(lang, word, value, kind):
    assert value_of(lang, word) == (value, kind)


def test_kazakh_multiplier_forms_respect_harmony():
    groups: dict[str, list[str]] = defaultdict(list)
    for r in rows("numerals", lang="kk", kind="multiplier"):
        groups[r["value"]].append(r["word"])
    bases = {"1000": "мың", "1000000": "миллион", "1000000000": "миллиард", "1000000000000": "триллион", "100": "жүз"}
    for value, base in bases.items():
        words = [w for w in groups[value] if w.startswith(base[:-1])]
        assert len(words) >= 7, base
        # loanwords in -д are read with a final т in Kazakh: миллиардқа, миллиардтан
        errs = [e for e in harmony_errors(base, words) if not (base.endswith("д") and "voiceless suffix" in e)]
        assert errs == [], errs


# --------------------------------------------------------------------------- currencies
ISO_4217 = set("""
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN BZD
CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD
NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE
SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED
VES VND VUV WST XAF XCD XDR XOF XPF YER ZAR ZMW ZWL
""".split())


def test_currencies_codes_kinds_and_forms():
    cur = lex("currencies")
    assert {r["kind"] for r in cur} <= {"word", "symbol", "abbr"}
    assert {r["lang"] for r in cur} <= {"kk", "ru", "en", "any"}
    codes = {r["code"] for r in cur}
    assert codes <= ISO_4217, codes - ISO_4217
    assert {"KZT", "USD", "EUR", "RUB", "CNY", "GBP", "JPY", "KGS", "UZS"} <= codes
    for code in codes:
        assert rows("currencies", code=code, lang="any", form=code, kind="abbr"), code
        assert rows("currencies", code=code, lang="kk") and rows("currencies", code=code, lang="ru"), code
    forms = {(r["lang"], r["form"]): r["code"] for r in cur}
    assert forms[("ru", "тенге")] == forms[("any", "₸")] == forms[("kk", "теңгеге")] == "KZT"
    assert forms[("kk", "АҚШ доллары")] == forms[("ru", "долларов")] == forms[("any", "$")] == "USD"
    assert forms[("ru", "тг.")] == "KZT" and forms[("ru", "руб.")] == "RUB" and forms[("any", "€")] == "EUR"
    for code, base in (("KZT", "теңге"), ("USD", "доллар"), ("EUR", "еуро"), ("RUB", "рубль")):
        kk = [r["form"] for r in rows("currencies", code=code, lang="kk", kind="word") if r["form"].startswith(base[:-1])]
        assert len(kk) >= 8, code
        assert harmony_errors(base, kk) == [], code
    # one form, one currency (within a language), except the documented ¥
    owner: dict[tuple[str, str], str] = {}
    for r in cur:
        key = (r["lang"], r["form"].casefold())
        assert owner.setdefault(key, r["code"]) == r["code"], key


# --------------------------------------------------------------------------- stop words
CONTENT_WORDS = {"жыл", "жылы", "год", "года", "қала", "қаласы", "город", "министр", "әкім", "аким",
                 "бюджет", "теңге", "тенге", "президент", "үкімет", "правительство", "ай", "месяц", "биыл"}


def test_stopwords_counts_and_exclusions():
    stops = lex("stopwords")
    kk = {r["word"].casefold() for r in stops if r["lang"] == "kk"}
    ru = {r["word"].casefold() for r in stops if r["lang"] == "ru"}
    assert len(kk) >= 150 and len(ru) >= 150
    assert {"және", "мен", "бен", "пен", "да", "де", "үшін", "туралы", "бойынша", "бұл", "осы", "деп", "еді", "болып"} <= kk
    assert {"и", "в", "на", "не", "что", "который", "также", "для", "при"} <= ru
    for lang, words in (("kk", kk), ("ru", ru)):
        months = {f.casefold() for r in lex("months") if r["lang"] == lang for f in r["forms"]}
        multipliers = {r["word"].casefold() for r in rows("numerals", lang=lang, kind="multiplier")}
        numbers = {r["word"].casefold() for r in lex("numerals") if r["lang"] == lang and r["kind"] != "approx"}
        currency = {r["form"].casefold() for r in lex("currencies") if r["lang"] in (lang, "any")}
        assert words & months == set(), lang
        assert words & multipliers == set(), lang
        assert words & numbers == set(), lang
        assert words & currency == set(), lang
        assert words & CONTENT_WORDS == set(), lang
    # Across languages too, except collisions accepted on purpose: Russian он 'he' is Kazakh он 'ten'.
    tolerated = {"он"}
    month_forms = {f.casefold() for r in lex("months") for f in r["forms"]}
    number_words = {r["word"].casefold() for r in lex("numerals") if r["kind"] != "approx"}
    assert ((kk | ru) & (month_forms | number_words)) - tolerated == set()
    assert not any(re.search("[әғқңөұүһі]", w) for w in ru)


def test_gazetteers_do_not_contradict_each_other():
    """A capitalised first name or month must not be listed as a stop word, and no month form is a
    numeral (so a date parser and a money parser never claim the same token)."""
    stops = {r["word"].casefold() for r in lex("stopwords")}
    first = {r["name"].casefold() for r in lex("first_names")}
    assert stops & first == set()
    month_forms = {f.casefold() for r in lex("months") for f in r["forms"]}
    numerals = {r["word"].casefold() for r in lex("numerals")}
    assert month_forms & numerals == set()
