"""The decree half of ``corpus/`` and its gold annotations agree with each other.

Gold files are hand-written, so they rot in predictable ways: a surname misspelt, an amount typed
with the wrong scale, a year left out, a table row renumbered in the document but not in the gold.
These checks read each decree the way a careful reviewer would (decoding it from its real
encoding, dropping HTML markup, undoing Latin homoglyphs) and compare it with its gold file in
both directions where that is decidable from the surface: every amount, percentage, year, act
number and table row found in the text must be in the gold, and everything in the gold must be
found in the text. News gold is checked by ``test_corpus_gold_news.py``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "data" / "gold" / "corpus"
GOLD_FILES = sorted(GOLD.glob("*_decree_*.json"))
IDS = [p.stem for p in GOLD_FILES]

TOP_KEYS = {"source", "lang", "doctype", "date", "title", "split", "decree", "PERSON", "ORG", "LOC",
            "MONEY", "PERCENT", "DATE", "LAW", "PROGRAM", "ignore", "clauses", "measures",
            "abbreviations"}
LAW_KINDS = {"decree", "resolution", "order", "law", "code", "message", "instruction", "decision"}
CURRENCIES = {"KZT", "USD", "EUR", "RUB", "CNY"}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?|-Q[1-4])?(/\d{4}(-\d{2})?)?$")
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CLAUSE_RE = re.compile(r"^\d+(\.\d+)*$")

_CYR = "а-яёәғқңөұүһі"
_HOMOGLYPH_I = re.compile(rf"(?<=[{_CYR}])i|i(?=[{_CYR}])", re.IGNORECASE)
_QUOTES = str.maketrans({c: " " for c in "«»\"„“”'’*#|"})
_SPACES = re.compile(r"\s+")


def read_text(path: Path) -> str:
    """Decode a corpus file the way the loader must: BOMs first, then UTF-8, then CP1251."""
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8")
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1251")
    return text.replace("\r\n", "\n")


def encoding_of(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


def visible_text(path: Path) -> str:
    """What a reader sees: HTML without markup and scripts, everything NFC."""
    text = read_text(path)
    if path.suffix == ".html":
        soup = BeautifulSoup(text, "html.parser")
        for tag in soup(["script", "style"]):
            tag.decompose()
        text = soup.get_text(" ")
    return unicodedata.normalize("NFC", text.replace("\u00a0", " "))


def fold(text: str) -> str:
    """Lower case, Latin homoglyphs repaired, quotes and markup dropped, spaces collapsed."""
    text = _HOMOGLYPH_I.sub(lambda m: "і" if m.group() == "i" else "І", text)
    text = text.replace("ə", "ә").replace("Ə", "Ә")
    text = text.lower().replace("ё", "е").translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=None)
def load(stem: str) -> tuple[dict, str, str]:
    gold = json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))
    text = visible_text(CORPUS / gold["source"])
    return gold, text, fold(text)


# --- surface scanners -------------------------------------------------------------------------

_NUM = r"(\d{1,3}(?:[ \u00a0]\d{3})+|\d+)(?:,(\d+))?"
_SCALE = {"трлн": 1e12, "млрд": 1e9, "млн": 1e6, "тыс": 1e3, "мың": 1e3}
_MONEY_RE = re.compile(rf"(\$\s*)?(?<![\d,]){_NUM}\s*(трлн|млрд|млн|тыс|мың)\.?((?:\s+[^\W\d]\S*){{0,2}})")
_WORD_MONEY_RE = re.compile(r"\b(бір|один|одного)\s+(триллион|миллиард|миллион)\w*\s+(теңге|тенге)", re.I)
_WORD_SCALE = {"триллион": 1e12, "миллиард": 1e9, "миллион": 1e6}
_PERCENT_RE = re.compile(r"(?<![\d,])(\d+(?:,\d+)?)\s*(?:%|процент|пайыз)")
_YEAR_RE = re.compile(r"(?<![\d№/])(?:19|20)\d\d(?![\d/])")
_ACT_NO_RE = re.compile(r"(?:№|\bN)\s*(\d[\w/\-]*)")


def _number(intpart: str, frac: str | None) -> float:
    return float(intpart.replace(" ", "").replace("\u00a0", "") + ("." + frac if frac else ""))


def _currency(after: str, dollar_sign: bool) -> str | None:
    after = after.lower()
    if dollar_sign or "доллар" in after:
        return "USD"
    if "евро" in after:
        return "EUR"
    if "теңге" in after or "тенге" in after:
        return "KZT"
    return None


def money_in(text: str) -> set[tuple[float, str]]:
    found = set()
    for m in _MONEY_RE.finditer(text):
        cur = _currency(m.group(5), bool(m.group(1)))
        if cur:
            found.add((round(_number(m.group(2), m.group(3)) * _SCALE[m.group(4)], 2), cur))
    for m in _WORD_MONEY_RE.finditer(text):
        found.add((_WORD_SCALE[m.group(2).lower()], "KZT"))
    return found


def percents_in(text: str) -> set[float]:
    return {_number(m.group(1).split(",")[0], (m.group(1).split(",") + [None])[1])
            for m in _PERCENT_RE.finditer(text)}


def years_in(text: str) -> set[str]:
    return set(_YEAR_RE.findall(text))


def act_numbers_in(text: str) -> set[str]:
    return {m.group(1).rstrip(".,-") for m in _ACT_NO_RE.finditer(text)}


_KK_MONTHS = "қаңтар ақпан наурыз сәуір мамыр маусым шілде тамыз қыркүйек қазан қараша желтоқсан".split()
_RU_MONTHS = "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр".split()
_ROMAN = {"і": 1, "іі": 2, "ііі": 3, "іv": 4, "v": None}
_W = "[а-яәғқңөұүһі]+"
_DATE_PATTERNS = [  # (regex over folded text, builder) for the specific (non-bare-year) forms
    (re.compile(rf"(\d{{1,2}}) ({_W}) (\d{{4}}) год"), lambda m: _day(m[3], m[2], m[1])),
    (re.compile(rf"(\d{{4}}) жылғы (\d{{1,2}}) ({_W})"), lambda m: _day(m[1], m[3], m[2])),
    (re.compile(r"(\d{2})\.(\d{2})\.(\d{4})"), lambda m: f"{m[3]}-{m[2]}-{m[1]}"),
    (re.compile(rf"(\d{{4}}) жылғы ?((?!\d){_W})"), lambda m: _month(m[1], m[2])),
    (re.compile(rf"(?<!\d )({_W}) (\d{{4}}) года"), lambda m: _month(m[2], m[1])),
    (re.compile(r"\b([іv]+) квартал\w* (\d{4})"), lambda m: _quarter(m[2], m[1])),
    (re.compile(r"(\d{4}) жылғы ?([іv]+)[ -]?тоқсан"), lambda m: _quarter(m[1], m[2])),
    (re.compile(r"(\d{4}) ?[-–] ?(\d{4})"), lambda m: f"{m[1]}/{m[2]}"),
]


def _month_no(word: str) -> int | None:
    for i, stem in enumerate(_KK_MONTHS):
        if word.startswith(stem):
            return i + 1
    for i, stem in enumerate(_RU_MONTHS):
        if word.startswith(stem) and (stem != "ма" or word in ("мая", "май")):
            return i + 1
    return None


def _day(year: str, month: str, day: str) -> str | None:
    n = _month_no(month)
    return f"{year}-{n:02d}-{int(day):02d}" if n else None


def _month(year: str, month: str) -> str | None:
    n = _month_no(month)
    return f"{year}-{n:02d}" if n else None


def _quarter(year: str, roman: str) -> str | None:
    q = _ROMAN.get(roman.replace("i", "і"))
    return f"{year}-Q{q}" if q else None


def specific_dates_in(text: str) -> set[str]:
    """Days, months, quarters and periods (not bare years) written in the usual kk/ru forms."""
    t = fold(text).replace("i", "і").replace("жылғы", " жылғы ").replace("  ", " ")
    found = set()
    for pat, build in _DATE_PATTERNS:
        for m in pat.finditer(t):
            value = build(m)
            if value:
                found.add(value)
    return found


def table_rows(path: Path) -> list[tuple[str, str | None]]:
    """(measure number, section number) for every row of the appendix table, in order."""
    raw = read_text(path)
    if path.suffix == ".html":
        pat = re.compile(r"<td[^>]*colspan[^>]*>\s*(?:<b>)?\s*(\d+)\.|<tr>\s*<td>(\d+)\.</td>")
        events = [(m.group(1), m.group(2)) for m in pat.finditer(raw)]
    elif path.suffix == ".md":
        pat = re.compile(r"^\|\s*\*\*(\d+)\.|^\|\s*(\d+)\.\s*\|", re.M)
        events = [(m.group(1), m.group(2)) for m in pat.finditer(raw)]
    else:
        start = re.search(r"^1\t\|\t2\t\|\t3", raw, re.M)
        if not start:
            return []
        body = raw[start.end():]
        pat = re.compile(r"^(\d+)\. [^\t\n]+$|^(\d+)\.\t\|", re.M)
        events = [(m.group(1), m.group(2)) for m in pat.finditer(body)]
    rows, section = [], None
    for sec, num in events:
        if sec:
            section = sec
        else:
            rows.append((num, section))
    return rows


def _surname_stem(name: str) -> str:
    return fold(name.split()[-1])


def _grounded(alias: str, ftext: str) -> bool:
    """Every word of the alias occurs in the text, allowing a case ending (last 3 letters)."""
    for word in re.findall(r"[\w\-]+", fold(alias)):
        stem = word if len(word) <= 3 else word[: max(3, len(word) - 3)]
        if stem not in ftext:
            return False
    return True


# --- tests ------------------------------------------------------------------------------------

def test_there_are_enough_decrees():
    langs = Counter(p.stem[:2] for p in GOLD_FILES)
    assert len(GOLD_FILES) >= 14 and langs["kk"] >= 6 and langs["ru"] >= 6, langs
    sources = {p.name for p in CORPUS.glob("*_decree_*")}
    assert sources == {json.loads(p.read_text(encoding="utf-8"))["source"] for p in GOLD_FILES}, \
        "every decree in corpus/ has exactly one gold file"


@pytest.mark.parametrize("stem", IDS)
def test_shape(stem):
    g, _, _ = load(stem)
    assert set(g) == TOP_KEYS, set(g) ^ TOP_KEYS
    assert g["source"].rsplit(".", 1)[0] == stem and (CORPUS / g["source"]).is_file()
    assert g["lang"] == stem[:2] and g["lang"] in {"kk", "ru"}
    assert g["doctype"] == "decree" and g["split"] in {"tune", "heldout"}
    assert DAY_RE.match(g["date"]) and isinstance(g["title"], str) and g["title"]
    d = g["decree"]
    assert set(d) == {"number", "kind", "issuer", "signer"} and d["kind"] in LAW_KINDS
    for p in g["PERSON"]:
        assert set(p) == {"name", "role"} and p["name"].strip() and (p["role"] is None or p["role"].strip())
    for t in ("ORG", "LOC", "PROGRAM"):
        for e in g[t]:
            assert set(e) == {"aliases"} and e["aliases"] and all(a.strip() for a in e["aliases"])
            assert not any(c in a for a in e["aliases"] for c in "«»\""), "aliases are written without quotes"
    for m in g["MONEY"]:
        assert set(m) == {"amount", "currency"} and m["amount"] > 0 and m["currency"] in CURRENCIES
    assert all(isinstance(x, (int, float)) for x in g["PERCENT"])
    assert all(DATE_RE.match(x) for x in g["DATE"]), [x for x in g["DATE"] if not DATE_RE.match(x)]
    assert len(set(g["DATE"])) == len(g["DATE"])
    for a in g["LAW"]:
        assert a["kind"] in LAW_KINDS and (a["date"] is None or DAY_RE.match(a["date"]))
        assert a["number"] or a.get("aliases"), "a law without a number needs aliases to be matched"
    assert isinstance(g["ignore"], dict) and all(isinstance(v, list) for v in g["ignore"].values())
    for m in g["measures"]:
        assert set(m) == {"number", "section", "executors", "deadline", "funding"}
        assert m["executors"] and all(e.strip() for e in m["executors"])
        assert m["deadline"] is None or DATE_RE.match(m["deadline"])
        assert m["funding"].strip()
    for a in g["abbreviations"]:
        assert set(a) == {"short", "full"} and a["short"] and a["full"]


@pytest.mark.parametrize("stem", IDS)
def test_heading_act_is_annotated(stem):
    g, text, _ = load(stem)
    d = g["decree"]
    assert g["date"] in g["DATE"]
    assert {"number": d["number"], "kind": d["kind"], "date": g["date"]} in g["LAW"]
    assert d["signer"] in {p["name"] for p in g["PERSON"]}
    head = fold(text[:600])
    assert d["number"].lower() in head, "the heading states the act's number"


@pytest.mark.parametrize("stem", IDS)
def test_persons_occur(stem):
    g, _, ftext = load(stem)
    for p in g["PERSON"]:
        assert _surname_stem(p["name"]) in ftext, p["name"]
        if p["role"]:
            assert _grounded(p["role"], ftext), p["role"]


@pytest.mark.parametrize("stem", IDS)
def test_names_are_grounded(stem):
    g, _, ftext = load(stem)
    for t in ("ORG", "LOC", "PROGRAM"):
        seen = set()
        for e in g[t]:
            for a in e["aliases"]:
                assert _grounded(a, ftext), f"{t} alias not in text: {a}"
                assert fold(a) not in seen, f"{t} alias listed twice: {a}"
                seen.add(fold(a))
    for a in g["LAW"]:
        for al in a.get("aliases", []):
            assert _grounded(al, ftext), al


@pytest.mark.parametrize("stem", IDS)
def test_money_both_ways(stem):
    g, text, _ = load(stem)
    gold = {(round(m["amount"], 2), m["currency"]) for m in g["MONEY"]}
    assert len(gold) == len(g["MONEY"]), "duplicate MONEY entries"
    assert money_in(text) == gold


@pytest.mark.parametrize("stem", IDS)
def test_percent_both_ways(stem):
    g, text, _ = load(stem)
    assert percents_in(text) == set(map(float, g["PERCENT"]))
    assert len(set(g["PERCENT"])) == len(g["PERCENT"])


@pytest.mark.parametrize("stem", IDS)
def test_years_both_ways(stem):
    g, text, _ = load(stem)
    annotated = set()
    for v in g["DATE"] + g["ignore"].get("DATE", []):
        annotated.update(re.findall(r"\d{4}", v))
    in_text = years_in(text)
    assert annotated <= in_text, f"gold years not in the text: {annotated - in_text}"
    assert in_text <= annotated, f"years in the text not in DATE or ignore.DATE: {in_text - annotated}"


@pytest.mark.parametrize("stem", IDS)
def test_specific_dates_both_ways(stem):
    g, text, _ = load(stem)
    annotated = set(g["DATE"]) | set(g["ignore"].get("DATE", []))
    in_text = specific_dates_in(text)
    assert in_text <= annotated, f"dates in the text not in DATE or ignore.DATE: {in_text - annotated}"
    specific = {v for v in annotated if len(v) > 4}
    assert specific <= in_text, f"gold dates not written in the text: {specific - in_text}"


@pytest.mark.parametrize("stem", IDS)
def test_act_numbers_both_ways(stem):
    g, text, _ = load(stem)
    gold = {a["number"] for a in g["LAW"] if a["number"]} | set(g["ignore"].get("LAW", []))
    assert act_numbers_in(text) == gold
    for a in g["LAW"]:
        if a["date"]:
            assert a["date"] in g["DATE"], f"the date of act {a['number']} is a DATE too"


@pytest.mark.parametrize("stem", IDS)
def test_clauses(stem):
    g, _, _ = load(stem)
    ids = g["clauses"]
    assert ids and all(CLAUSE_RE.match(c) for c in ids) and len(set(ids)) == len(ids)
    top = [int(c) for c in ids if "." not in c]
    assert top == list(range(1, len(top) + 1)), "operative clauses are numbered 1..n"
    for parent in {c.rsplit(".", 1)[0] for c in ids if "." in c}:
        assert parent in ids
        subs = [int(c.rsplit(".", 1)[1]) for c in ids if c.rsplit(".", 1)[0] == parent and "." in c]
        assert subs == list(range(1, len(subs) + 1)), f"sub-clauses of {parent}"


@pytest.mark.parametrize("stem", IDS)
def test_measures_match_table(stem):
    g, _, ftext = load(stem)
    rows = table_rows(CORPUS / g["source"])
    assert [(m["number"], m["section"]) for m in g["measures"]] == rows
    if rows:
        assert 5 <= len(rows) <= 25
        assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1))
    for m in g["measures"]:
        for e in m["executors"]:
            assert fold(e) in ftext, f"executor {e!r} of measure {m['number']}"
        assert fold(m["funding"]) in ftext, m["funding"]
        if m["deadline"]:
            assert m["deadline"] in g["DATE"], f"deadline {m['deadline']} of measure {m['number']}"


@pytest.mark.parametrize("stem", IDS)
def test_abbreviations_occur(stem):
    g, _, ftext = load(stem)
    assert len({a["short"] for a in g["abbreviations"]}) == len(g["abbreviations"])
    for a in g["abbreviations"]:
        assert f"{fold(a['short'])} – {fold(a['full'])}" in ftext, a["short"]


def test_pairs_agree():
    """Both language versions of one act carry the same facts."""
    by_slug: dict[str, dict[str, dict]] = {}
    for stem in IDS:
        lang, _, slug = stem.split("_", 2)
        by_slug.setdefault(slug, {})[lang] = load(stem)[0]
    pairs = [v for v in by_slug.values() if len(v) == 2]
    assert len(pairs) >= 4
    for p in pairs:
        kk, ru = p["kk"], p["ru"]
        assert kk["date"] == ru["date"] and kk["decree"]["number"] == ru["decree"]["number"]
        assert kk["decree"]["kind"] == ru["decree"]["kind"] and kk["split"] == ru["split"]
        assert sorted(map(str, kk["DATE"])) == sorted(map(str, ru["DATE"]))
        assert sorted((m["amount"], m["currency"]) for m in kk["MONEY"]) == \
            sorted((m["amount"], m["currency"]) for m in ru["MONEY"])
        assert sorted(kk["PERCENT"]) == sorted(ru["PERCENT"])
        assert sorted(str(a["number"]) for a in kk["LAW"]) == sorted(str(a["number"]) for a in ru["LAW"])
        assert [(m["number"], m["section"], m["deadline"]) for m in kk["measures"]] == \
            [(m["number"], m["section"], m["deadline"]) for m in ru["measures"]]
        assert kk["clauses"] == ru["clauses"]


def test_heldout_share_and_spread():
    golds = [load(s)[0] for s in IDS]
    held = [g for g in golds if g["split"] == "heldout"]
    assert 0.2 <= len(held) / len(golds) <= 0.4
    assert {g["lang"] for g in held} == {"kk", "ru"}
    assert any(g["measures"] for g in held), "some held-out decree has a measures table"


def test_formats_and_encodings():
    """The decree half covers every table format and the corpus holds each odd encoding once."""
    decrees = sorted(CORPUS.glob("*_decree_*"))
    suffixes = Counter(p.suffix for p in decrees)
    html_tables = [p for p in decrees if p.suffix == ".html" and "<table" in read_text(p)]
    assert len(html_tables) >= 3 and suffixes[".md"] >= 1
    with_tables = [s for s in IDS if load(s)[0]["measures"]]
    assert len(with_tables) >= 8
    encodings = Counter(encoding_of(p) for p in CORPUS.iterdir() if p.suffix == ".txt")
    assert encodings["cp1251"] == 1 and encodings["utf-8-sig"] == 1 and encodings["utf-16"] == 1, encodings


def test_scanners_catch_what_they_claim():
    """The surface scanners above are the test's own instruments; check them on known strings."""
    assert money_in("95 млрд. теңге, 3,8 трлн теңгеге, $250 млн, 1 250,0 млн тенге, 85 000 тыс. тенге") == {
        (95e9, "KZT"), (3.8e12, "KZT"), (250e6, "USD"), (1250e6, "KZT"), (85e6, "KZT")}
    assert money_in("45 млн евро; 1 млн АҚШ доллары; бір миллиард теңгеден; 12 000 кв. м") == {
        (45e6, "EUR"), (1e6, "USD"), (1e9, "KZT")}
    assert percents_in("64%, 73%-ы, 80 пайыз, 0,3%, на 15 процентов") == {64, 73, 80, 0.3, 15}
    assert years_in("2013 жылғы, № 2/2015, 20531, ЭКСПО-2017") == {"2013", "2017"}
    assert act_numbers_in("№ 827, N 1166, № 164/НҚ, № 418-V, Р/с №\t|") == {"827", "1166", "164/НҚ", "418-V"}
    assert fold("Үкiметiне «Зерде» кəсіпорын") == "үкіметіне зерде кәсіпорын"
    assert specific_dates_in("2013 жылғы 19 маусымдағы, 5 июня 2013 года, 18.12.2012, 2015-18 жылдарға, "
                             "2013 - 2018 жылдарға, 2016 жылғы І-тоқсан, IV квартал 2019 года, "
                             "2014 жылғытамыз, август 2018 года, 2013 жылғы маусымда") == {
        "2013-06-19", "2013-06-05", "2012-12-18", "2013/2018", "2016-Q1", "2019-Q4", "2014-08",
        "2018-08", "2013-06"}
