"""The widened domain lexicons: everyday vocabulary of Kazakh government documents and news in
both languages (ICT and the digital economy, economy and budget, decree wording and state
administration, sectors), the abbreviations that stand for it, and more programs.

Cross-language search only finds what these files pair, so the checks are about reach (a Russian
term leads to its Kazakh equivalents and back, through abbreviations too) and about harm (an
entry must not turn a function word or a light verb of every sentence into a search term)."""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from itp_docs import lexicon
from itp_docs.index import lexmap
from itp_docs.index.lexmap import lemmas_of


def load(name: str) -> lexicon.Lexicon:
    return lexicon.load(name)


# --- sizes: the widening is not undone by accident


@pytest.mark.parametrize("domain,minimum", [
    ("tech", 330), ("economy", 480), ("decree", 190), ("general", 200), ("body", 110),
    ("position", 100), ("law", 55),
])
def test_terms_per_domain(domain, minimum):
    n = Counter(r["domain"] for r in load("terms"))[domain]
    assert n >= minimum, f"terms.tsv: {n} {domain} pairs < {minimum}"


@pytest.mark.parametrize("name,minimum,unit", [
    ("terms", 1750, "rows"), ("abbreviations", 230, "ids"), ("programs", 100, "ids"),
    ("orgs", 270, "ids"),
])
def test_sizes(name, minimum, unit):
    lex = load(name)
    n = len({r["id"] for r in lex}) if unit == "ids" else len(lex)
    assert n >= minimum, f"{name}: {n} {unit} < {minimum}"


# --- term pairs from every domain, both directions


PAIRS = [
    # ICT
    ("деректерді өңдеу орталығы", "дата-центр"), ("бұлттық қызметтер", "облачные сервисы"),
    ("талшықты-оптикалық желі", "оптоволоконная сеть"), ("ұялы байланыс операторы", "оператор сотовой связи"),
    ("5G желісі", "сеть 5G"), ("транзиттік трафик", "транзитный трафик"),
    ("Tier III сертификаты", "сертификат Tier III"), ("дербес деректер", "персональные данные"),
    ("электрондық үкімет порталы", "портал электронного правительства"),
    ("мемлекеттік көрсетілетін қызмет", "государственная услуга"),
    ("көрсетілетін қызметті алушы", "услугополучатель"), ("ашық деректер", "открытые данные"),
    ("бизнес-періште", "бизнес-ангел"), ("акселерация бағдарламасы", "программа акселерации"),
    ("цифрлық сауаттылық", "цифровая грамотность"), ("тізілім", "реестр"), ("дерекқор", "база данных"),
    ("IT-маман", "IT-специалист"), ("заттар интернеті", "интернет вещей"),
    # economy and budget
    ("тікелей шетелдік инвестициялар", "прямые иностранные инвестиции"),
    ("қазақстандық қамту", "казахстанское содержание"), ("бюджетті атқару", "исполнение бюджета"),
    ("бюджеттен тыс қаражат", "внебюджетные средства"), ("өз қаражаты", "собственные средства"),
    ("нысаналы трансферттер", "целевые трансферты"), ("салық төлеуші", "налогоплательщик"),
    ("тұтыну бағаларының индексі", "индекс потребительских цен"),
    ("айлық есептік көрсеткіш", "месячный расчетный показатель"),
    ("жалпы өңірлік өнім", "валовой региональный продукт"),
    ("шикізаттық емес экспорт", "несырьевой экспорт"), ("индустриялық парк", "индустриальный парк"),
    # decree wording and state administration
    ("күші жойылды деп тану", "признание утратившим силу"),
    ("өзгерістер мен толықтырулар енгізу туралы", "о внесении изменений и дополнений"),
    ("жаңа редакцияда жазылсын", "изложить в новой редакции"),
    ("Үкіметке ақпарат", "информация в Правительство"), ("түсіндірме жазба", "пояснительная записка"),
    ("ведомствоаралық комиссия", "межведомственная комиссия"),
    ("облыстардың, республикалық маңызы бар қалалардың және астананың әкімдіктері",
     "акиматы областей, городов республиканского значения и столицы"),
    ("облыс әкімінің орынбасары", "заместитель акима области"),
    ("атқаратын лауазымынан босатылсын", "освободить от занимаемой должности"),
    ("заңға тәуелді нормативтік құқықтық акт", "подзаконный нормативный правовой акт"),
    # sectors
    ("жалпы білім беретін мектеп", "общеобразовательная школа"), ("шәкіртақы", "стипендия"),
    ("емхана", "поликлиника"), ("медициналық-санитариялық алғашқы көмек", "первичная медико-санитарная помощь"),
    ("ірі қара мал", "крупный рогатый скот"), ("мұнай өңдеу зауыты", "нефтеперерабатывающий завод"),
    ("жаңартылатын энергетика", "возобновляемая энергетика"), ("әуежай", "аэропорт"),
    ("көлік-логистикалық орталық", "транспортно-логистический центр"),
    ("атаулы әлеуметтік көмек", "адресная социальная помощь"), ("жұмыс беруші", "работодатель"),
    ("қатты тұрмыстық қалдықтар", "твердые бытовые отходы"),
]


def test_sample_pairs_are_listed():
    have = {(r["kk"], r["ru"]) for r in load("terms")}
    missing = [p for p in PAIRS if p not in have]
    assert not missing


@pytest.fixture(scope="module")
def lmap() -> lexmap.LexMap:
    return lexmap.build()


@pytest.mark.parametrize("query,lang,target,target_lang", [
    ("центр обработки данных", "ru", "деректерді өңдеу орталығы", "kk"),
    ("ЦОД", "ru", "деректерді өңдеу орталығы", "kk"),
    ("ДӨО", "kk", "центр обработки данных", "ru"),
    ("ЭЦП", "ru", "электрондық цифрлық қолтаңба", "kk"),
    ("ГЧП", "ru", "МЖӘ", "kk"),
    ("исполнение бюджета", "ru", "бюджеттің атқарылуы", "kk"),
    ("казахстанское содержание", "ru", "қазақстандық қамту", "kk"),
    ("венчурный фонд", "ru", "венчурлық қор", "kk"),
    ("бизнес-ангел", "ru", "бизнес-періште", "kk"),
    ("күші жойылды деп тану", "kk", "признание утратившим силу", "ru"),
    ("ТБО", "ru", "қатты тұрмыстық қалдықтар", "kk"),
    ("МРП", "ru", "АЕК", "kk"),
    ("ЖКО", "kk", "дорожно-транспортное происшествие", "ru"),
    ("база данных", "ru", "дерекқор", "kk"),
    ("база данных", "ru", "деректер қоры", "kk"),
    ("Цифровой шелковый путь", "ru", "Цифрлы Жібек жолы", "kk"),
    ("Комфортная школа", "ru", "Жайлы мектеп", "kk"),
])
def test_a_query_reaches_its_equivalent_in_the_other_language(lmap, query, lang, target, target_lang):
    """What the search expander sees: a query's lemma sequence and the lemma sequences it
    expands to."""
    eqs = {e for e, _kind in lmap.lookup(lemmas_of(query, lang))}
    assert lemmas_of(target, target_lang) in eqs


# --- abbreviations


def abbr_ids(lang: str, short: str) -> set[str]:
    return {r["id"] for r in load("abbreviations") if r["lang"] == lang and r["short"] == short}


@pytest.mark.parametrize("kk,ru", [
    ("ДӨО", "ЦОД"), ("ХҚКО", "ЦОН"), ("ЭЦҚ", "ЭЦП"), ("МЖӘ", "ГЧП"), ("ҮИИДМБ", "ГПФИИР"),
    ("ИИДМБ", "ГПИИР"), ("ЖІӨ", "ВВП"), ("ШОБ", "МСБ"), ("ШОК", "МСП"), ("ҒЗТКЖ", "НИОКР"),
    ("АКТ", "ИКТ"), ("ҰБТ", "ЕНТ"), ("ТКШ", "ЖКХ"), ("ЖАО", "МИО"), ("ОМО", "ЦГО"),
    ("ТОБЖ", "ВОЛС"), ("ЖИ", "ИИ"), ("ЖӨӨ", "ВРП"), ("ТБИ", "ИПЦ"), ("АЕК", "МРП"),
    ("ТМККК", "ГОБМП"), ("МСАК", "ПМСП"), ("ТжКБ", "ТиПО"), ("МӨЗ", "НПЗ"), ("ЭБЖ", "ЛЭП"),
    ("ЖКО", "ДТП"), ("БАҚ", "СМИ"), ("ҚТҚ", "ТБО"), ("ЖҚС", "АЗС"), ("СЭҚ", "ВЭД"),
    ("ҚПК", "УПК"), ("ӘҚБтК", "КоАП"), ("ПҮАЖ", "САПП"),
    ("БЖЗҚ", "ЕНПФ"), ("МӘСҚ", "ГФСС"), ("ӘМСҚ", "ФСМС"), ("ҚДБ", "БРК"), ("НЗМ", "НИШ"),
    ("СЖРА", "АСПиР"), ("БҰҰДБ", "ПРООН"), ("ХЕҰ", "МОТ"), ("ЕурАзЭҚ", "ЕврАзЭС"), ("ДЭФ", "ВЭФ"),
    ("ГФР", "ФРГ"), ("ОАР", "ЮАР"),
])
def test_abbreviation_pairs_share_an_id(kk, ru):
    assert abbr_ids("kk", kk) & abbr_ids("ru", ru), (kk, ru)


def test_one_short_form_with_two_meanings_has_two_ids():
    """СЭС is a hydro power plant in Kazakh and a solar one in Russian; ЖЭС is both a thermal and
    a wind power plant in Kazakh."""
    assert abbr_ids("kk", "СЭС") & abbr_ids("ru", "ГЭС")
    assert abbr_ids("ru", "СЭС") & abbr_ids("kk", "КЭС")
    assert not abbr_ids("kk", "СЭС") & abbr_ids("ru", "СЭС")
    assert len(abbr_ids("kk", "ЖЭС")) == 2
    assert abbr_ids("kk", "ЖЭС") == (abbr_ids("ru", "ТЭС") | abbr_ids("ru", "ВЭС"))


@pytest.fixture(scope="module")
def stop_words() -> set[str]:
    return {r["word"].casefold() for r in load("stopwords")}


def test_no_abbreviation_reads_as_a_function_word(stop_words):
    """The expander looks up every query word: an abbreviation that lemmatizes to a preposition
    (ПО → по, ИЗ → из) would add its expansion to every query with that preposition."""
    bad = []
    for r in load("abbreviations"):
        lang = r["lang"] if r["lang"] in ("kk", "ru") else "ru"
        lem = lemmas_of(r["short"], lang)
        if len(lem) == 1 and (lem[0] in stop_words or r["short"].casefold() in stop_words):
            bad.append((r["id"], r["short"]))
    assert not bad


LIGHT_VERBS = {"ет", "бол", "қыл", "жаса", "бер", "ал", "кел", "кет", "тұр", "жүр", "отыр", "жат",
               "де", "көр", "сал", "шық", "түс"}


def test_no_one_word_term_is_a_light_verb_or_function_word(stop_words):
    """A Kazakh term whose lemma is the stem of a light verb (ет 'meat' = ет- 'do': етеді,
    етілсін) would link its translation to nearly every Kazakh sentence; a function word on either
    side does the same."""
    bad = []
    for r in load("terms"):
        for side, lang in (("kk", "kk"), ("ru", "ru")):
            lem = lemmas_of(r[side], lang)
            if len(lem) != 1 or r["domain"] in ("numeral", "time"):
                continue    # number and time words are function-like by nature, and expected
            if lem[0] in stop_words or (lang == "kk" and lem[0] in LIGHT_VERBS):
                bad.append((r[side], lem[0]))
    assert not bad


def test_org_abbreviations_expand_to_a_name_of_their_org():
    """The expansion of an organization's abbreviation is one of that organization's names, so
    an abbreviation and its spelled-out name land on the same canonical id."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in load("orgs"):
        names[(r["lang"], r["name"].casefold())].add(r["id"])
    bad = [(r["id"], r["lang"], r["full"]) for r in load("abbreviations")
           if r["kind"] == "org" and r["lang"] in ("kk", "ru")
           and r["org"] not in names.get((r["lang"], r["full"].casefold()), set())]
    assert not bad


def test_an_org_id_names_one_kind_of_body():
    """Rows pasted under an existing id (a university under a ministry's id) show up as an id
    with two kinds."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for r in load("orgs"):
        kinds[r["id"]].add(r["kind"])
    assert not {i: k for i, k in kinds.items() if len(k) > 1}


# --- programs


def program_ids(lang: str, name: str) -> set[str]:
    return {r["id"] for r in load("programs") if r["lang"] == lang and r["name"] == name}


@pytest.mark.parametrize("kk,ru", [
    ("Цифрлы Жібек жолы", "Цифровой шелковый путь"),
    ("Қазақстанның киберқалқаны", "Киберщит Казахстана"),
    ("Қарапайым заттар экономикасы", "Экономика простых вещей"),
    ("Индустрияландыру картасы", "Карта индустриализации"),
    ("Жайлы мектеп", "Комфортная школа"),
    ("Ауыл аманаты", "Ауыл аманаты"),
    ("Жасыл көпір", "Зеленый мост"),
    ("Жұмыспен қамту 2020 бағдарламасы", "Программа занятости 2020"),
    ("Моноқалаларды дамытудың 2012–2020 жылдарға арналған бағдарламасы",
     "Программа развития моногородов на 2012–2020 годы"),
    ("2060 жылға дейін көміртегі бейтараптығына қол жеткізу стратегиясы",
     "Стратегия достижения углеродной нейтральности до 2060 года"),
    ("Жаңа Қазақстан: жаңару мен жаңғыру жолы", "Новый Казахстан: путь обновления и модернизации"),
    ("Әділетті Қазақстанның экономикалық бағдары", "Экономический курс Справедливого Казахстана"),
    ("Сындарлы қоғамдық диалог – Қазақстанның тұрақтылығы мен өркендеуінің негізі",
     "Конструктивный общественный диалог – основа стабильности и процветания Казахстана"),
])
def test_program_pairs(kk, ru):
    assert len(program_ids("kk", kk) & program_ids("ru", ru)) == 1


def test_every_message_year_is_one_id():
    """One Message a year has one id: its Kazakh and Russian titles are not split or merged."""
    msgs = defaultdict(set)
    for r in load("programs"):
        if r["kind"] == "message":
            msgs[r["id"]].add(r["lang"])
    assert len(msgs) >= 15
    assert all({"kk", "ru"} <= ls for ls in msgs.values())
