"""The news half of ``corpus/`` and its gold annotations agree with each other.

Why this exists: the gold files are what the extractor is scored against, so a gold error is
silently charged to the extractor. These checks catch the errors a hand annotator makes: a
surname or an amount that is not in the text (typo, wrong scale, wrong document), a malformed
date value, a year that nothing in the text supports, an alias that no form in the text
attests, a speaker who is not among the persons, a Kazakh letter in a Russian spelling, two
entities the scorer could not tell apart. They also pin the corpus design (sizes, pairs,
formats, the held-out split) so that it cannot drift unnoticed.

The documents are decoded here with a deliberately small decoder (BOM, then UTF-8, then CP1251)
instead of the project's loader, so that a loader bug cannot hide a corpus bug or vice versa.
"""
from __future__ import annotations

import calendar
import importlib.util
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold" / "corpus"
SHARED_EVAL = ROOT.parent / "shared" / "eval"

NEWS_GLOB = "*_news_*"
# Chosen when the corpus was written; the extractor's developers do not look at these.
# Pinned so that no document moves between splits after the fact.
HELDOUT = frozenset({
    "kk_news_almaty_memorandum_2019", "ru_news_almaty_memorandum_2019",
    "kk_news_shymkent_itpark", "kk_news_mamin_digital_2021",
    "ru_news_pavlodar_innovation_2020", "ru_news_data_center_astana",
})

KEYS = {"source", "lang", "doctype", "date", "title", "split", "PERSON", "ORG", "LOC", "MONEY",
        "PERCENT", "DATE", "LAW", "PROGRAM", "ignore", "quotes", "byline", "source_name"}
LAW_KINDS = {"decree", "resolution", "order", "law", "code", "message", "instruction", "decision"}
CURRENCIES = {"KZT": r"теңге|тенге|тг\b", "USD": r"доллар|\$", "EUR": r"евро|€", "RUB": r"рубл"}
IGNORABLE = {"PERSON", "ORG", "LOC", "PROGRAM", "DATE", "LAW", "MONEY", "PERCENT"}

KK_ONLY = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
QUOTE_CHARS = re.compile(r"[«»\"„“”]")
DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?|-Q(?P<q>[1-4]))?$")
PERIOD_RE = re.compile(r"^(\d{4}(?:-\d{2})?)/(\d{4}(?:-\d{2})?)$")
# Relative expressions a gold year may rest on when the document has a publication date.
RELATIVE = re.compile(
    r"биыл|өткен жыл|келер жыл|келесі жыл|былтыр|в этом году|этого года|текущ\w* год|"
    r"в прошлом году|прошлого года|в следующем году|следующ\w* год|с начала года|до конца года",
    re.IGNORECASE)
# Number words used for amounts and percents written out ("бір миллиард", "одного триллиона").
NUMBER_WORDS = {
    1: "бір|один|одного|одна|одной", 2: "екі|два|двух|две", 3: "үш|три|трех|трёх",
    4: "төрт|четыре|четырех|четырёх", 5: "бес|пять|пяти", 10: "он|десять|десяти",
}
SCALES = [(10**12, r"трлн|триллион"), (10**9, r"млрд|миллиард"), (10**6, r"млн|миллион"),
          (10**3, r"тыс|мың|тысяч")]
# Speech attributions that close a quotation: «...», — деді / «...», – сказал / «...» деді.
SPEECH_ATTRIB = re.compile(r"[»\"“]\s*,?\s*[-–—]")
ADJ_ENDINGS = {"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие"}
GENERIC_HEAD = re.compile(r"\s(?:ауданы|облысы|район|область)$")
ABBREV = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,7}")


# ---------------------------------------------------------------- reading
def decode(data: bytes) -> str:
    """BOM first (UTF-8/UTF-16), then strict UTF-8, then CP1251: the encodings the corpus uses."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


@lru_cache(maxsize=None)
def full_text(name: str) -> str:
    return decode((CORPUS / name).read_bytes())


@lru_cache(maxsize=None)
def body_text(name: str) -> str:
    """The article itself: for HTML, the <article> or content block without scripts, nav,
    header, footer and asides, because gold entities must not live only in site boilerplate."""
    text = full_text(name)
    if not name.endswith(".html"):
        return text
    soup = BeautifulSoup(text, "html.parser")
    main = soup.find("article") or soup.find("div", class_="content")
    assert main is not None, f"{name}: no <article> or <div class=content>"
    for tag in main.find_all(["script", "style", "nav", "aside", "footer"]):
        tag.decompose()
    return main.get_text(" ")


def norm(text: str) -> str:
    """Lower case, Latin homoglyphs of і/ә folded, all spaces single: what presence checks see."""
    text = text.lower().replace("i", "і").replace("ə", "ә")
    return re.sub(r"[\s\u00a0]+", " ", text)


def gold_files() -> list[Path]:
    return sorted(GOLD.glob(NEWS_GLOB + ".json"))


@lru_cache(maxsize=None)
def load_gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


GOLD_STEMS = [p.stem for p in gold_files()]


def stem_of(word: str) -> str:
    """A prefix that survives Kazakh and Russian case endings (Байбектің, Шукееву, Омаровой,
    министрлігіне, заместителя): drop a final vowel, then one more letter from long words."""
    word = word.lower()
    if len(word) <= 3:
        return word
    if len(word) >= 5 and word[-2:] in ADJ_ENDINGS:  # Russian adjectives: Первый / Первого
        return word[:-2]
    if word[-1] in "аяыіеоуиәй":
        word = word[:-1]
    return word[:-1] if len(word) >= 7 else word


def attested(phrase: str, text: str) -> bool:
    """``phrase`` occurs in ``text`` word by word in its order, each word possibly inflected and
    separated by punctuation or quotes: «Самрұқ-Қазына» ҰӘҚ» АҚ басқармасының matches the role
    Самрұқ-Қазына ҰӘҚ АҚ басқармасының төрағасы word for word, whatever the endings."""
    words = [w.strip(".") for w in re.findall(r"[\w.]+", norm(phrase)) if w.strip(".")]
    if not words:
        return False
    pattern = r"[\W_]+".join(re.escape(stem_of(w)) + r"\w*" for w in words)
    return re.search(r"(?<!\w)" + pattern, text) is not None


# ---------------------------------------------------------------- corpus shape
def test_every_news_document_has_gold_and_every_gold_its_document():
    docs = {p.stem for p in CORPUS.glob(NEWS_GLOB)}
    assert docs, "no news documents in corpus/"
    assert docs == set(GOLD_STEMS), (sorted(docs - set(GOLD_STEMS)), sorted(set(GOLD_STEMS) - docs))
    for stem in GOLD_STEMS:
        g = load_gold(stem)
        assert (CORPUS / g["source"]).is_file(), g["source"]
        assert Path(g["source"]).stem == stem


def test_corpus_design_sizes_pairs_formats_split():
    golds = [load_gold(s) for s in GOLD_STEMS]
    n = len(golds)
    assert n >= 18
    langs = [g["lang"] for g in golds]
    assert 0.4 <= langs.count("kk") / n <= 0.6
    slugs: dict[str, set[str]] = {}
    for s in GOLD_STEMS:
        lang, _, slug = s.split("_", 2)
        slugs.setdefault(slug, set()).add(lang)
    pairs = [s for s, ls in slugs.items() if ls == {"kk", "ru"}]
    assert len(pairs) >= 5, pairs
    exts = [Path(g["source"]).suffix for g in golds]
    assert exts.count(".html") >= 4 and exts.count(".md") >= 2
    assert any(g["date"] is None for g in golds)
    held = {s for s in GOLD_STEMS if load_gold(s)["split"] == "heldout"}
    assert held == HELDOUT
    assert 0.25 <= len(held) / n <= 0.35
    assert {load_gold(s)["lang"] for s in held} == {"kk", "ru"}


def test_html_pages_have_real_site_structure():
    for name in (p.name for p in CORPUS.glob(NEWS_GLOB + ".html")):
        soup = BeautifulSoup(full_text(name), "html.parser")
        for tag in ("title", "nav", "header", "footer", "script", "aside"):
            assert soup.find(tag) is not None, f"{name}: no <{tag}>"
        assert soup.find("article") or soup.find("div", class_="content"), name


def test_special_encodings_decode_and_are_unique_in_the_whole_corpus():
    """The corpus carries exactly one CP1251 Russian, one UTF-8-BOM Russian and one UTF-16 Kazakh
    .txt (corpus-wide, decrees included), so the loader's detection is exercised on real files."""
    kinds: dict[str, list[str]] = {"cp1251": [], "utf-8-sig": [], "utf-16": []}
    for p in sorted(CORPUS.glob("*.txt")):
        data = p.read_bytes()
        if data.startswith(b"\xef\xbb\xbf"):
            kinds["utf-8-sig"].append(p.name)
        elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
            kinds["utf-16"].append(p.name)
        else:
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                data.decode("cp1251")
                kinds["cp1251"].append(p.name)
    assert len(kinds["cp1251"]) == 1 and kinds["cp1251"][0].startswith("ru_"), kinds
    assert len(kinds["utf-8-sig"]) == 1 and kinds["utf-8-sig"][0].startswith("ru_"), kinds
    assert len(kinds["utf-16"]) == 1 and kinds["utf-16"][0].startswith("kk_"), kinds
    for names in kinds.values():
        text = full_text(names[0])
        assert len(re.findall(r"[А-Яа-яЁё]", text)) > 0.5 * len(re.findall(r"\w", text))


# ---------------------------------------------------------------- one gold file at a time
@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_keys_and_value_shapes(stem):
    g = load_gold(stem)
    assert set(g) == KEYS, set(g) ^ KEYS
    assert g["lang"] == stem[:2] and g["lang"] in {"kk", "ru"}
    assert g["doctype"] == "news" and g["split"] in {"tune", "heldout"}
    assert isinstance(g["title"], str) and g["title"].strip()
    for key in ("byline", "source_name"):
        assert g[key] is None or (isinstance(g[key], str) and g[key].strip())
    for p in g["PERSON"]:
        assert set(p) == {"name", "role"}
        assert re.fullmatch(r"(?:[А-ЯЁӘҒҚҢӨҰҮҺІ]\.\s|[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+\s)[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+", p["name"]), p
        assert not QUOTE_CHARS.search(p["name"])
        assert p["role"] is None or (isinstance(p["role"], str) and not QUOTE_CHARS.search(p["role"]))
    for etype in ("ORG", "LOC", "PROGRAM"):
        for e in g[etype]:
            assert set(e) == {"aliases"} and e["aliases"], (etype, e)
            assert all(isinstance(a, str) and a.strip() and not QUOTE_CHARS.search(a) for a in e["aliases"]), e
            assert len(set(e["aliases"])) == len(e["aliases"]), e
    for m in g["MONEY"]:
        assert set(m) == {"amount", "currency"} and m["currency"] in CURRENCIES
        assert isinstance(m["amount"], float) and m["amount"] > 0
    assert all(isinstance(x, (int, float)) and 0 < x <= 100 for x in g["PERCENT"])
    assert len(set(g["PERCENT"])) == len(g["PERCENT"])
    for law in g["LAW"]:
        assert law["kind"] in LAW_KINDS
        assert law["number"] is None or re.fullmatch(r"[\w/-]+", law["number"])
        if law["number"] is None:
            assert law.get("aliases"), law
        if law.get("date") is not None:
            assert valid_date(law["date"]) and len(law["date"]) == 10
    assert set(g["ignore"]) <= IGNORABLE
    assert all(isinstance(v, list) for v in g["ignore"].values())
    assert all(set(q) == {"speaker"} and q["speaker"] for q in g["quotes"])


def valid_date(value: str) -> bool:
    m = DATE_RE.match(value)
    if not m or not 1990 <= int(m["y"]) <= 2060:
        return False
    if m["m"] and not 1 <= int(m["m"]) <= 12:
        return False
    if m["d"]:
        return 1 <= int(m["d"]) <= calendar.monthrange(int(m["y"]), int(m["m"]))[1]
    return True


def valid_date_value(value: str) -> bool:
    p = PERIOD_RE.match(value)
    if p:
        return valid_date(p[1]) and valid_date(p[2]) and p[1] < p[2] and len(p[1]) == len(p[2])
    return valid_date(value)


@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_dates_are_well_formed_and_supported_by_the_text(stem):
    g = load_gold(stem)
    text = norm(body_text(g["source"]))
    assert len(set(g["DATE"])) == len(g["DATE"])
    if g["date"] is not None:
        assert valid_date(g["date"]) and len(g["date"]) == 10
        assert g["date"] in g["DATE"], "the publication date line is itself a DATE mention"
    for value in g["DATE"]:
        assert valid_date_value(value), value
        for year in re.findall(r"(?<![\d-])\d{4}", value):
            literal = year in text or f"-{year[2:]} " in text or f"-{year[2:]}ж" in text
            relative = (g["date"] is not None and abs(int(year) - int(g["date"][:4])) <= 1
                        and RELATIVE.search(text) is not None)
            assert literal or relative, f"{stem}: {value}: year {year} not supported by the text"
        if len(value) == 10:
            assert re.search(rf"(?<!\d)0?{int(value[8:])}(?!\d)", text), value
    for value in g["ignore"].get("DATE", []):
        assert valid_date_value(value) and value not in g["DATE"], value


@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_persons_quotes_and_byline_are_in_the_text(stem):
    g = load_gold(stem)
    text = norm(body_text(g["source"]))
    names = {p["name"] for p in g["PERSON"]}
    assert len(names) == len(g["PERSON"])
    for p in g["PERSON"]:
        *first, surname = p["name"].split()
        assert attested(surname, text), f"{stem}: surname of {p['name']} not in the article"
        if first and not first[0].endswith("."):
            assert attested(first[0], text), f"{stem}: first name of {p['name']} not in the article"
        elif first:
            assert re.search(re.escape(norm(first[0])) + r"\s?" + re.escape(stem_of(surname)), text), p
        if p["role"]:
            assert attested(p["role"], text), f"{stem}: role {p['role']!r} not attested"
    for q in g["quotes"]:
        assert q["speaker"] in names, f"{stem}: speaker {q['speaker']} is not a PERSON"
    assert len(SPEECH_ATTRIB.findall(text)) >= len(g["quotes"]), f"{stem}: fewer attributions than quotes"
    whole = norm(full_text(g["source"]))
    if g["byline"]:
        assert norm(g["byline"]) in whole
        author = [p for p in g["PERSON"] if norm(p["name"].split()[-1]) in norm(g["byline"])]
        assert author and author[0]["role"] is None, "the byline author is a PERSON without a role"
    if g["source_name"]:
        assert norm(g["source_name"]) in whole, g["source_name"]
    assert norm(g["title"]) in whole


@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_names_are_spelled_in_the_documents_language(stem):
    g = load_gold(stem)
    if g["lang"] == "ru":
        assert not KK_ONLY.search(body_text(g["source"])), "Kazakh letters in a Russian news text"
        spelled = [p["name"] for p in g["PERSON"]] + [a for t in ("ORG", "LOC", "PROGRAM") for e in g[t] for a in e["aliases"]]
        assert not [s for s in spelled if KK_ONLY.search(s)]
    else:
        assert len(KK_ONLY.findall(body_text(g["source"]))) > 20, "a Kazakh text without Kazakh letters"


@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_every_alias_set_is_attested_and_unambiguous(stem):
    g = load_gold(stem)
    text = norm(body_text(g["source"]))
    whole = norm(full_text(g["source"]))
    for etype in ("ORG", "LOC", "PROGRAM"):
        for e in g[etype]:
            assert any(attested(a, text) for a in e["aliases"]), f"{stem} {etype}: {e['aliases']} not in the article"
            abbrev_used = any(ABBREV.fullmatch(a) and attested(a, whole) for a in e["aliases"])
            for a in e["aliases"]:
                # every listed variant is a surface form of this document (boilerplate included),
                # except the expansion of an abbreviation the document uses (ИЖТМ, ЦДИАӨМ)
                # and a district or region named with its generic word (Қарқаралы ауданы) where
                # the text coordinates several (Қарқаралы, Осакаров және Бұқар жырау аудандарында)
                bare = GENERIC_HEAD.sub("", a).strip()
                assert attested(a, whole) or (abbrev_used and not ABBREV.fullmatch(a)) or (
                    bare != a and attested(bare, whole)), \
                    f"{stem} {etype}: {a!r} not attested"
        # the scorer counts one prediction for every gold entity it matches: keep them apart
        for i, e1 in enumerate(g[etype]):
            for e2 in g[etype][i + 1:]:
                for a in e1["aliases"]:
                    for b in e2["aliases"]:
                        assert fuzz.ratio(scorer_fold(a), scorer_fold(b)) < 88, f"{stem} {etype}: {a!r} ~ {b!r}"
        for ign in g["ignore"].get(etype, []):
            for e in g[etype]:
                for a in e["aliases"]:
                    assert fuzz.ratio(scorer_fold(ign), scorer_fold(a)) < 88, f"{stem}: ignored {ign!r} ~ gold {a!r}"


KK_TO_RU = str.maketrans("әғқңөұүһіё", "агкноуухие")
LEGAL_FORMS = {"ак", "ао", "жшс", "тоо", "llp", "jsc", "ltd"}


def scorer_fold(s: str) -> str:
    """The scorer's own folding (shared/eval/score_extract.py), restated so this runs without it."""
    s = s.lower().translate(KK_TO_RU)
    s = re.sub(r"[«»\"„“”'’`()\[\],.;:!?/\\]", " ", s)
    toks = s.replace("-", " ").replace("—", " ").replace("–", " ").split()
    return " ".join([t for t in toks if t not in LEGAL_FORMS] or toks)


def number_forms(value: float) -> list[str]:
    """Regex alternatives for a number as the press writes it: 1 200 / 1200, 2,6 / 2.6."""
    if abs(value - round(value)) < 1e-9:
        n = int(round(value))
        forms = [str(n)]
        if n >= 1000:
            forms.append(f"{n:,}".replace(",", r"[\s\u00a0]"))
        if n in NUMBER_WORDS:
            forms.append(r"(?:" + NUMBER_WORDS[n] + r")\s")
        return forms
    s = f"{value:.6f}".rstrip("0")
    return [s.replace(".", r"[,.]")]


def money_attested(amount: float, currency: str, text: str) -> bool:
    """The amount is written with its currency next to it ($18 млн, 45 млн евро, 12 млн АҚШ
    долларына), or the currency was named just before and is left out (…на 214 млрд тенге.
    В прошлом году было 178 млрд.)."""
    cur = CURRENCIES[currency]
    candidates = []
    for scale, words in SCALES:
        mantissa = amount / scale
        if 1 <= mantissa < 1000 and abs(mantissa * 1000 - round(mantissa * 1000)) < 1e-6:
            for f in number_forms(round(mantissa, 3)):
                candidates.append(f + r"\s?(?:" + words + ")")
                candidates.append(f + r"\s?(?:[-–—]|до)\s?[\d,.]+\s?(?:" + words + ")")  # "от 2 до 3 млрд"
    candidates += [f for f in number_forms(amount)]
    any_cur = "|".join(f"(?P<{code}>{pat})" for code, pat in CURRENCIES.items())
    for c in candidates:
        for m in re.finditer(r"(?<![\w,.])" + c, text):
            if currency == "USD" and text[:m.start()].endswith("$"):
                return True
            named = re.search(any_cur, text[m.end():m.end() + 24])
            if named:  # the nearest currency word after the amount decides
                if named.lastgroup == currency:
                    return True
            elif re.search(cur, text[max(0, m.start() - 120):m.start()]):
                return True
    return False


@pytest.mark.parametrize("stem", GOLD_STEMS)
def test_amounts_percents_and_law_numbers_are_in_the_text(stem):
    g = load_gold(stem)
    text = norm(body_text(g["source"]))
    pairs = [(m["amount"], m["currency"]) for m in g["MONEY"]]
    assert len(set(pairs)) == len(pairs)
    for amount, currency in pairs:
        assert money_attested(amount, currency, text), f"{stem}: {amount} {currency} not in the article"
    for value in g["PERCENT"]:
        forms = number_forms(float(value))
        assert any(re.search(r"(?<![\w,.])" + f + r"\s?(?:%|пайыз|процент)", text) for f in forms), (stem, value)
    for law in g["LAW"]:
        if law["number"]:
            assert re.search(r"(?:№|n)\s?" + re.escape(law["number"].lower()) + r"(?!\d)", text), law
        if law.get("date"):
            assert law["date"][:4] in text


# ---------------------------------------------------------------- across documents
def _persons(lang: str) -> list[str]:
    return [p["name"] for s in GOLD_STEMS if load_gold(s)["lang"] == lang for p in load_gold(s)["PERSON"]]


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_a_recurring_person_is_spelled_the_same_everywhere_in_one_language(lang):
    names = sorted(set(_persons(lang)))
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            sa, sb = a.split()[-1], b.split()[-1]
            if fuzz.ratio(scorer_fold(sa), scorer_fold(sb)) >= 90 and a.split()[0][:1] == b.split()[0][:1]:
                pytest.fail(f"{lang}: one person spelled two ways? {a!r} / {b!r}")


def test_paired_documents_share_date_and_people():
    for stem in GOLD_STEMS:
        if not stem.startswith("kk_"):
            continue
        other = "ru_" + stem[3:]
        if other not in GOLD_STEMS:
            continue
        kk, ru = load_gold(stem), load_gold(other)
        assert kk["date"] == ru["date"], stem
        ru_surnames = [scorer_fold(p["name"].split()[-1]) for p in ru["PERSON"] if p["role"]]
        shared = [p for p in kk["PERSON"] if p["role"] and any(
            fuzz.ratio(scorer_fold(p["name"].split()[-1]), r) >= 75 for r in ru_surnames)]
        assert len(shared) >= 2, f"{stem}: the pair should report the same people"


def test_gold_scores_perfectly_against_itself_with_the_shared_scorer(tmp_path, capsys):
    """Feeds the gold back to the project's scorer as if it were a prediction: anything short of
    F1 = 1 means a gold value the scorer cannot read or two gold entities it cannot separate."""
    scorer = SHARED_EVAL / "score_extract.py"
    if not scorer.is_file():
        pytest.skip("../shared/eval/score_extract.py is absent (fresh clone): scorer check skipped")
    spec = importlib.util.spec_from_file_location("score_extract", scorer)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    preds = []
    for stem in GOLD_STEMS:
        g = load_gold(stem)
        (gold_dir / f"{stem}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        ents = [{"type": "PERSON", "normalized": p["name"]} for p in g["PERSON"]]
        ents += [{"type": t, "normalized": e["aliases"][0]} for t in ("ORG", "LOC", "PROGRAM") for e in g[t]]
        ents += [{"type": "MONEY", "attrs": m} for m in g["MONEY"]]
        ents += [{"type": "PERCENT", "attrs": {"value": v}} for v in g["PERCENT"]]
        for v in g["DATE"]:
            a, _, b = v.partition("/")
            ents.append({"type": "DATE", "attrs": {"start": a, "end": b} if b else {"value": a}})
        ents += [{"type": "LAW", "normalized": (law.get("aliases") or [""])[0],
                  "attrs": {"number": law["number"], "kind": law["kind"]}} for law in g["LAW"]]
        preds.append({"source": g["source"], "lang": g["lang"], "doctype": g["doctype"],
                      "date": g["date"], "entities": ents})
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
    macro = mod.score(str(gold_dir), str(pred_file))
    out = capsys.readouterr().out
    assert macro == pytest.approx(1.0), out
    assert "no prediction for" not in out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(pytest.main([__file__, "-q"]))
