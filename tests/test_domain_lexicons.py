"""The domain lexicons (terms, abbreviations, organizations, programs, roles, legal acts, persons)
hold what extraction and cross-language search rely on: both languages for every concept, one id
per entity, and the pairs the project's own examples name."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest
from rapidfuzz import fuzz

from itp_docs import lexicon
from itp_docs.lang.script import KK_TO_RU

FILES = {
    "terms": ["kk", "ru", "domain"],
    "abbreviations": ["id", "kind", "lang", "short", "full", "org"],
    "orgs": ["id", "lang", "name", "kind", "legal_form"],
    "programs": ["id", "lang", "name", "kind"],
    "roles": ["id", "lang", "role", "kind"],
    "legal_acts": ["kind", "lang", "form", "issuer"],
    "persons": ["id", "lang", "name", "role_id", "years"],
}


def load(name: str) -> lexicon.Lexicon:
    return lexicon.load(name)


def langs_by(name: str, key: str = "id") -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for r in load(name):
        out[r[key]].add(r["lang"])
    return out


def monolingual_ids(name: str) -> set[str]:
    """Ids a file declares monolingual on ``# monolingual: id, id (reason)`` comment lines."""
    text = (lexicon.lexicon_dir() / f"{name}.tsv").read_text(encoding="utf-8")
    ids: set[str] = set()
    for m in re.finditer(r"^#\s*monolingual:\s*([\w, ]+)", text, re.M):
        ids.update(x.strip() for x in m.group(1).split(",") if x.strip())
    return ids


def fold(s: str) -> str:
    return s.casefold().translate(KK_TO_RU).replace("ё", "е")


# --- every file: clean, the agreed columns, the minimum size


@pytest.mark.parametrize("name", sorted(FILES))
def test_file_is_clean_with_agreed_columns(name):
    assert lexicon.validate(f"{name}.tsv") == []
    assert load(name).columns == FILES[name]


@pytest.mark.parametrize("name,minimum,unit", [
    ("terms", 400, "rows"), ("abbreviations", 150, "rows"), ("orgs", 250, "rows"),
    ("programs", 60, "rows"), ("roles", 80, "rows"), ("legal_acts", 30, "rows"),
    ("persons", 60, "ids"),
])
def test_minimum_size(name, minimum, unit):
    lex = load(name)
    n = len({r["id"] for r in lex}) if unit == "ids" else len(lex)
    assert n >= minimum, f"{name}: {n} {unit} < {minimum}"


@pytest.mark.parametrize("name,col,allowed", [
    ("terms", "domain", {"body", "position", "economy", "tech", "decree", "news", "geo", "time",
                         "numeral", "law", "general"}),
    ("abbreviations", "kind", {"org", "legal_form", "state", "generic", "geo", "economy"}),
    ("abbreviations", "lang", {"kk", "ru", "en"}),
    ("orgs", "kind", {"government", "ministry", "agency", "committee", "akimat", "maslikhat",
                      "parliament", "court", "national_company", "company", "fund", "sez",
                      "university", "research", "media", "international", "bank", "association",
                      "political"}),
    ("orgs", "lang", {"kk", "ru", "lat"}),
    ("programs", "kind", {"program", "strategy", "concept", "national_project", "message",
                          "initiative"}),
    ("programs", "lang", {"kk", "ru", "lat"}),
    ("roles", "kind", {"head_of_state", "government", "ministry", "regional", "corporate",
                       "parliament", "judiciary", "academic", "diplomatic", "media", "generic"}),
    ("roles", "lang", {"kk", "ru", "en"}),
    ("legal_acts", "lang", {"kk", "ru", "en"}),
    ("legal_acts", "issuer", {"", "president", "government", "prime_minister", "minister", "akimat",
                              "akim", "maslikhat", "parliament", "supreme_court",
                              "constitutional_court", "national_bank", "cec"}),
    ("persons", "lang", {"kk", "ru", "lat"}),
])
def test_closed_vocabularies(name, col, allowed):
    bad = sorted({r[col] for r in load(name)} - allowed)
    assert not bad, f"{name}.{col}: unexpected {bad}"


# --- both languages for every concept


def test_every_abbreviation_concept_is_named_in_both_languages():
    declared = monolingual_ids("abbreviations")
    langs = langs_by("abbreviations")
    missing = sorted(i for i, ls in langs.items() if not {"kk", "ru"} <= ls and i not in declared)
    assert not missing, f"abbreviation ids without a kk or ru row: {missing}"
    # a declaration must not go stale: a declared id really lacks one of the languages
    stale = sorted(i for i in declared if i not in langs or {"kk", "ru"} <= langs[i])
    assert not stale, f"declared monolingual but bilingual or absent: {stale}"


def test_org_abbreviations_point_to_orgs_and_others_do_not():
    for r in load("abbreviations"):
        assert bool(r["org"]) == (r["kind"] == "org"), r


def test_every_org_has_kk_and_ru_names_unless_a_latin_brand():
    missing = sorted(i for i, ls in langs_by("orgs").items() if ls != {"lat"} and not {"kk", "ru"} <= ls)
    assert not missing, f"orgs without kk or ru name: {missing}"


@pytest.mark.parametrize("name,key", [("programs", "id"), ("roles", "id"), ("legal_acts", "kind")])
def test_every_concept_has_kk_and_ru(name, key):
    missing = sorted(i for i, ls in langs_by(name, key).items() if not {"kk", "ru"} <= ls)
    assert not missing, f"{name}: without kk or ru: {missing}"


def test_every_person_has_kk_ru_and_latin_spelling():
    missing = sorted(i for i, ls in langs_by("persons").items() if ls != {"kk", "ru", "lat"})
    assert not missing


def test_person_rows_of_one_id_agree_and_spell_the_same_name():
    """Rows of one person share role and years; Kazakh and Russian spellings differ only as
    transcription does (Исекешов/Исекешев, Өмірзақ/Умирзак), which catches rows pasted under the
    wrong id."""
    by_id: dict[str, list[dict]] = defaultdict(list)
    for r in load("persons"):
        by_id[r["id"]].append(r)
    for pid, rows in by_id.items():
        assert len({(r["role_id"], r["years"]) for r in rows}) == 1, pid
        kk = next(r["name"] for r in rows if r["lang"] == "kk")
        ru = next(r["name"] for r in rows if r["lang"] == "ru")
        assert fuzz.ratio(fold(kk), fold(ru)) >= 75, (pid, kk, ru)
        assert len(kk.split()) >= 2 and len(ru.split()) >= 2, pid


def test_person_years_are_periods():
    period = re.compile(r"^(\d{4}(-(\d{4})?)?)(, \d{4}(-(\d{4})?)?)*$")
    for r in load("persons"):
        y = r["years"]
        if y:
            assert period.match(y), r
            for a, b in re.findall(r"(\d{4})-(\d{4})", y):
                assert 1990 <= int(a) <= int(b) <= 2030, r


# --- one name, one entity


def test_an_org_name_belongs_to_one_org():
    owner: dict[tuple[str, str], str] = {}
    clashes = []
    for r in load("orgs"):
        k = (r["lang"], r["name"].casefold())
        if owner.setdefault(k, r["id"]) != r["id"]:
            clashes.append((r["name"], owner[k], r["id"]))
    assert not clashes


def test_program_name_belongs_to_one_program():
    owner: dict[tuple[str, str], str] = {}
    for r in load("programs"):
        k = (r["lang"], r["name"].casefold())
        assert owner.setdefault(k, r["id"]) == r["id"], r


@pytest.mark.parametrize("name,col", [("orgs", "name"), ("programs", "name"), ("abbreviations", "full")])
def test_names_are_written_without_quotes(name, col):
    quoted = [r[col] for r in load(name) if re.search("[«»\"“”„]", r[col])]
    assert not quoted


def test_org_legal_forms_are_legal_form_abbreviations():
    kinds = {r["id"]: r["kind"] for r in load("abbreviations")}
    for r in load("orgs"):
        if r["legal_form"]:
            assert kinds[r["legal_form"]] == "legal_form", r


def test_every_abbreviation_is_shorter_than_its_expansion():
    for r in load("abbreviations"):
        assert len(r["short"]) < len(r["full"]), r


# --- months and numerals in terms.tsv

MONTHS = [("қаңтар", "январь"), ("ақпан", "февраль"), ("наурыз", "март"), ("сәуір", "апрель"),
          ("мамыр", "май"), ("маусым", "июнь"), ("шілде", "июль"), ("тамыз", "август"),
          ("қыркүйек", "сентябрь"), ("қазан", "октябрь"), ("қараша", "ноябрь"),
          ("желтоқсан", "декабрь")]
NUMERALS = [("бір", "один"), ("екі", "два"), ("үш", "три"), ("төрт", "четыре"), ("бес", "пять"),
            ("алты", "шесть"), ("жеті", "семь"), ("сегіз", "восемь"), ("тоғыз", "девять"),
            ("он", "десять"), ("жиырма", "двадцать"), ("отыз", "тридцать"), ("қырық", "сорок"),
            ("елу", "пятьдесят"), ("алпыс", "шестьдесят"), ("жетпіс", "семьдесят"),
            ("сексен", "восемьдесят"), ("тоқсан", "девяносто"), ("жүз", "сто"),
            ("мың", "тысяча"), ("миллион", "миллион"), ("миллиард", "миллиард"),
            ("триллион", "триллион")]


def term_pairs(domain: str | None = None) -> set[tuple[str, str]]:
    return {(r["kk"], r["ru"]) for r in load("terms") if domain is None or r["domain"] == domain}


def test_every_month_is_a_time_term():
    assert not set(MONTHS) - term_pairs("time")


def test_every_numeral_is_a_numeral_term():
    assert not set(NUMERALS) - term_pairs("numeral")


@pytest.mark.parametrize("kk,ru", [
    ("инновациялық технологиялар паркі", "парк инновационных технологий"),
    ("ДАТА-орталығы", "дата-центр"),
    ("деректер орталығы", "дата-центр"),
    ("деректер орталығы", "центр обработки данных"),
    ("ынтымақтастық туралы меморандум", "меморандум о сотрудничестве"),
    ("арнайы экономикалық аймақ", "специальная экономическая зона"),
    ("қаулы етеді", "постановляет"), ("бекітілсін", "утвердить"), ("жүктелсін", "возложить"),
    ("келісім бойынша", "по согласованию"), ("талап етілмейді", "не требуется"),
    ("жауапты орындаушылар", "ответственные исполнители"),
    ("мемлекеттік сатып алу", "государственные закупки"),
    ("әкімдік", "акимат"), ("мәслихат", "маслихат"), ("Үкімет", "Правительство"),
    ("бас директор", "генеральный директор"), ("биыл", "в этом году"),
])
def test_required_term_pairs(kk, ru):
    assert (kk, ru) in term_pairs()


def test_terms_in_both_directions_reach_synonyms():
    """Cross-language search expands a term to every partner: дата-центр finds both Kazakh
    spellings, and деректер орталығы finds both Russian ones."""
    kk_of = defaultdict(set)
    ru_of = defaultdict(set)
    for kk, ru in term_pairs():
        kk_of[ru.casefold()].add(kk)
        ru_of[kk.casefold()].add(ru)
    assert {"деректер орталығы", "ДАТА-орталығы"} <= kk_of["дата-центр"]
    assert {"дата-центр", "центр обработки данных"} <= ru_of["деректер орталығы"]


# --- the abbreviations and organizations the project's examples name


def abbr_id(lang: str, short: str, full_prefix: str = "") -> set[str]:
    return {r["id"] for r in load("abbreviations")
            if r["lang"] == lang and r["short"] == short and r["full"].startswith(full_prefix)}


@pytest.mark.parametrize("kk,ru", [("ИТП", "ПИТ"), ("АЭА", "СЭЗ"), ("ҚР", "РК"), ("АҚ", "АО"),
                                   ("ЖШС", "ТОО"), ("ИЖТМ", "МИНТ"), ("ИДМ", "МИР"),
                                   ("ТДҰА", "НАТР"), ("ЖОО", "вуз"), ("ЖІӨ", "ВВП"),
                                   ("ШОБ", "МСБ"), ("ЕАЭО", "ЕАЭС"), ("АТ", "ИТ")])
def test_abbreviation_pairs_share_an_id(kk, ru):
    assert abbr_id("kk", kk) & abbr_id("ru", ru), (kk, ru)


def test_pit_has_two_meanings_over_time():
    innovative = abbr_id("ru", "ПИТ", "Парк инновационных")
    information = abbr_id("ru", "ПИТ", "Парк информационных")
    assert innovative and information and not innovative & information
    assert innovative & abbr_id("kk", "ИТП")


def test_legal_forms_have_english_equivalents():
    assert abbr_id("en", "JSC") == abbr_id("kk", "АҚ") == abbr_id("ru", "АО") == {"jsc"}
    assert abbr_id("en", "LLP") == abbr_id("kk", "ЖШС") == abbr_id("ru", "ТОО") == {"llp"}


def org_ids(lang: str, name: str) -> set[str]:
    return {r["id"] for r in load("orgs") if r["lang"] == lang and r["name"].casefold() == name.casefold()}


@pytest.mark.parametrize("kk,ru,lat", [
    ("Инвестициялар және даму министрлігі", "Министерство по инвестициям и развитию", None),
    ("Индустрия және жаңа технологиялар министрлігі", "Министерство индустрии и новых технологий", None),
    ("Ақпарат және коммуникациялар министрлігі", "Министерство информации и коммуникаций", None),
    ("Самрұқ-Қазына", "Самрук-Казына", "Samruk-Kazyna"),
    ("Инновациялық технологиялар паркі", "Парк инновационных технологий", None),
    ("Технологиялық даму жөніндегі ұлттық агенттік", "Национальное агентство по технологическому развитию", None),
    ("Қазақтелеком", "Казахтелеком", "Kazakhtelecom"),
    ("Алматы қаласының әкімдігі", "акимат города Алматы", None),
    ("Біріккен Ұлттар Ұйымы", "ООН", "United Nations"),
])
def test_one_org_across_languages(kk, ru, lat):
    ids = org_ids("kk", kk) & org_ids("ru", ru)
    if lat:
        ids &= org_ids("lat", lat)
    assert len(ids) == 1, (kk, ru, lat)


def test_abbreviated_ministries_link_to_the_same_org_as_their_full_name():
    for r in load("abbreviations"):
        if r["kind"] == "org" and r["lang"] in ("kk", "ru") and "министр" in r["full"].casefold():
            assert r["org"] in org_ids(r["lang"], r["full"]), r


def test_every_region_akimat_is_present():
    akimats = {r["id"] for r in load("orgs") if r["kind"] == "akimat"}
    # 17 regions and the three cities of republican significance
    assert len(akimats) >= 20
    kk_names = {r["name"] for r in load("orgs") if r["kind"] == "akimat" and r["lang"] == "kk"}
    for region in ("Абай", "Жетісу", "Ұлытау", "Түркістан", "Маңғыстау", "Шығыс Қазақстан"):
        assert f"{region} облысының әкімдігі" in kk_names


# --- programs, roles, legal acts, persons: spot checks


@pytest.mark.parametrize("kk,ru", [("Цифрлы Қазақстан", "Цифровой Казахстан"),
                                   ("Қазақстан-2050", "Казахстан-2050"),
                                   ("Бизнестің жол картасы-2020", "Дорожная карта бизнеса-2020"),
                                   ("Нұрлы жол", "Нурлы жол"), ("Болашақ", "Болашак"),
                                   ("Үшінші жаңғыру", "Третья модернизация")])
def test_program_pairs(kk, ru):
    ids = lambda lang, n: {r["id"] for r in load("programs") if r["lang"] == lang and r["name"] == n}  # noqa: E731
    assert len(ids("kk", kk) & ids("ru", ru)) == 1


@pytest.mark.parametrize("kk,ru", [("әкім", "аким"), ("вице-министр", "вице-министр"),
                                   ("басқарма төрағасы", "председатель правления"),
                                   ("бас директор", "генеральный директор"),
                                   ("Премьер-Министр", "Премьер-Министр"),
                                   ("баспасөз хатшысы", "пресс-секретарь"), ("елші", "посол")])
def test_role_pairs(kk, ru):
    ids = lambda lang, n: {r["id"] for r in load("roles") if r["lang"] == lang and r["role"] == n}  # noqa: E731
    assert ids("kk", kk) & ids("ru", ru)


@pytest.mark.parametrize("kind,kk,ru", [("decree", "Жарлық", "Указ"), ("resolution", "қаулы", "постановление"),
                                        ("order", "бұйрық", "приказ"), ("law", "Заң", "Закон"),
                                        ("instruction", "өкім", "распоряжение"),
                                        ("message", "Жолдау", "Послание")])
def test_legal_act_kinds(kind, kk, ru):
    forms = {(r["lang"], r["form"]) for r in load("legal_acts") if r["kind"] == kind}
    assert {("kk", kk), ("ru", ru)} <= forms


@pytest.mark.parametrize("kk,ru,lat", [("Бауыржан Байбек", "Бауыржан Байбек", "Bauyrzhan Baibek"),
                                       ("Әсет Исекешов", "Асет Исекешев", "Asset Issekeshev"),
                                       ("Өмірзақ Шүкеев", "Умирзак Шукеев", "Umirzak Shukeyev"),
                                       ("Бақытжан Сағынтаев", "Бакытжан Сагинтаев", "Bakytzhan Sagintayev")])
def test_person_spellings_share_an_id(kk, ru, lat):
    ids = lambda lang, n: {r["id"] for r in load("persons") if r["lang"] == lang and r["name"] == n}  # noqa: E731
    assert len(ids("kk", kk) & ids("ru", ru) & ids("lat", lat)) == 1
