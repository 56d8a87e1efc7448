"""bench/gen_docs.py, the synthetic corpus of the speed benchmarks: the same seed writes the same
bytes; the documents are Kazakh and Russian news and decrees that the loader reads and in which
the extractor finds the people, amounts and dates the generator put there; its inflection rules
produce real case forms; and every query of the workload is answerable from what was written."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

import pytest

from itp_docs import lexicon
from itp_docs.extract.pipeline import extract_document
from itp_docs.lang.analyzer import analyze_word
from itp_docs.lang.translit import bare_key
from itp_docs.load import read_document

ROOT = Path(__file__).resolve().parents[1]


def _load_gen():
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "bench" / "gen_docs.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_docs", mod)
    spec.loader.exec_module(mod)
    return mod


gen_docs = _load_gen()
N = 24


@pytest.fixture(scope="module")
def lex():
    return gen_docs.Lexicons(seed=7)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, lex):
    out = tmp_path_factory.mktemp("gen")
    info = gen_docs.generate(N, out, seed=7, queries=8, lex=lex)
    manifest = [json.loads(x) for x in (out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return out, info, manifest


def _tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
            and p.name != "gen.json"}


def test_same_seed_same_bytes_other_seed_other_text(tmp_path, corpus):
    out, _info, _man = corpus
    again = tmp_path / "again"
    gen_docs.generate(N, again, seed=7, queries=8)           # fresh Lexicons: nothing cached decides
    assert _tree(again) == _tree(out)
    other = tmp_path / "other"
    gen_docs.generate(N, other, seed=8, queries=8)
    a, b = _tree(out), _tree(other)
    assert a.keys() != b.keys() or any(a[k] != b[k] for k in a)
    assert sum(a[k] == b.get(k) for k in a if k.startswith("docs/")) == 0


def test_layout_languages_kinds_and_lengths(corpus):
    out, info, man = corpus
    assert len(man) == N == info["n"]
    assert [m["lang"] for m in man] == ["kk", "ru"] * (N // 2)
    assert {m["kind"] for m in man} == {"news", "decree"}
    for m in man:
        assert (out / m["path"]).is_file()
        assert re.fullmatch(r"docs/000/\d{6}-(kk|ru)-(news|decree)\.txt", m["path"])
        assert 150 <= m["words"] <= 700
    words = sorted(m["words"] for m in man)
    assert 200 <= words[len(words) // 2] <= 420
    assert gen_docs.Doc(1500, "kk", "news", "", (2015, 1, 1), "1", "", [], [], 0).relpath.startswith("001/")
    s = info["stats"]
    assert s["distinct_words"] > 1000 and s["zipf_slope"] < -0.7


def test_documents_are_read_and_their_facts_extracted(corpus):
    out, _info, man = corpus
    kinds_ok = dates_ok = persons_ok = money_ok = with_money = 0
    for m in man:
        doc = read_document(out / m["path"])
        res = extract_document(doc)
        assert res.lang == m["lang"], m["path"]
        kinds_ok += res.doctype == m["kind"]
        dates_ok += res.date == m["date"]
        ents: dict[str, list[str]] = {}
        for e in res.entities:
            ents.setdefault(e.type, []).append(e.normalized)
        assert ents.get("DATE"), m["path"]
        want = {bare_key(p.split()[-1]) for p in m["persons"]}
        got = {bare_key(w) for p in ents.get("PERSON", []) for w in p.split()}
        persons_ok += bool(want & got)
        if m["amounts"]:
            with_money += 1
            money_ok += bool(ents.get("MONEY"))
        if m["kind"] == "decree":
            assert "\n1. " in doc.text and re.search(r"№ \S+", doc.text)
    assert kinds_ok >= 0.9 * N
    assert dates_ok >= 0.9 * N
    assert persons_ok >= 0.9 * N
    assert money_ok >= 0.9 * with_money


def test_a_decree_with_a_measures_table(tmp_path, lex):
    g = gen_docs.Generator(lex, seed=3)
    for i in range(200):
        d = g.doc(i)
        if d.kind == "decree" and "\t|\t" in d.text:
            break
    else:
        pytest.fail("no decree with a table in 200 documents")
    rows = [r for r in d.text.splitlines() if re.match(r"\d+\.\t\|\t", r)]
    assert len(rows) >= 2 and all(r.count("\t|\t") == 5 for r in rows)
    path = tmp_path / "d.txt"
    path.write_text(d.text, encoding="utf-8")
    res = extract_document(read_document(path))
    assert len(res.measures) >= 1


@pytest.mark.parametrize("phrase,chain,form", [
    ("Байбек", ("GEN",), "Байбектің"), ("Байбек", ("DAT",), "Байбекке"),
    ("Сағынтаев", ("DAT",), "Сағынтаевқа"), ("Алматы", ("LOC",), "Алматыда"),
    ("Шымкент", ("LOC",), "Шымкентте"), ("Қаржы министрлігі", ("DAT",), "Қаржы министрлігіне"),
    ("Қаржы министрлігі", ("GEN",), "Қаржы министрлігінің"), ("бұйрық", ("P3",), "бұйрығы"),
    ("қаулы", ("P3", "INS"), "қаулысымен"), ("жыл", ("PL", "DAT"), "жылдарға"),
    ("қағидалар", ("PL", "GEN"), "қағидалардың"), ("теңге", ("ACC",), "теңгені"),
])
def test_kazakh_forms(lex, phrase, chain, form):
    assert lex.kk(phrase, chain) == form


@pytest.mark.parametrize("phrase,chain,form", [
    ("рабочая группа", ("INS",), "рабочей группой"), ("Национальный фонд", ("ACC",), "Национальный фонд"),
    ("центр обработки данных", ("GEN",), "центра обработки данных"),
    ("Акмолинская область", ("GEN",), "Акмолинской области"), ("тенге", ("GEN",), "тенге"),
    ("специальная экономическая зона", ("PL", "GEN"), "специальных экономических зон"),
])
def test_russian_forms(lex, phrase, chain, form):
    assert lex.ru(phrase, chain) == form


@pytest.mark.parametrize("word,kind,gender,case,form", [
    ("Сагинтаев", "surname", "m", "DAT", "Сагинтаеву"), ("Сариева", "surname", "f", "GEN", "Сариевой"),
    ("Байбек", "surname", "m", "INS", "Байбеком"), ("Бауыржан", "first", "m", "DAT", "Бауыржану"),
    ("Айгерим", "first", "f", "GEN", "Айгерим"), ("Мадина", "first", "f", "INS", "Мадиной"),
    ("Сергей", "first", "m", "GEN", "Сергея"),
])
def test_russian_name_forms(lex, word, kind, gender, case, form):
    assert lex.ru_name(word, kind, gender, case) == form


def test_queries_are_answerable_from_the_documents(corpus):
    out, _info, man = corpus
    texts = [(out / m["path"]).read_text(encoding="utf-8").lower() for m in man]
    flat = " ".join(re.sub(r"\s+", " ", t) for t in texts)
    words = set(re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", flat))
    qs: dict[str, list[str]] = {}
    for line in (out / "queries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            kind, q = line.split("\t", 1)
            qs.setdefault(kind, []).append(q)
    assert set(qs) == set(gen_docs.QUERY_KINDS) and all(len(v) == 8 for v in qs.values())
    assert all(q in words for q in qs["term"])
    for q in qs["phrase"]:
        assert q.startswith('"') and q.endswith('"') and q.strip('"') in flat
    terms = {r[c] for r in lexicon.load("terms") for c in ("kk", "ru")}
    assert all(q in terms for q in qs["cross-lingual"])
    assert all(re.fullmatch(r"[A-Za-z\u00C0-\u024F' -]+", q) for q in qs["transliterated"])
    assert all(q.lower() not in words and len(q) >= 5 for q in qs["fuzzy"])
    assert all(re.match(r"(lang:kk|type:decree|year:2015\.\.2018|amount:>1e9) \S", q) for q in qs["filtered"])
    # an inflected query is another form of a word of the documents: same lemma
    lemmas = {analyze_word(w, h).lemma for w in words for h in ("kk", "ru")}
    found = [any(analyze_word(q.split()[-1], h).lemma in lemmas for h in ("kk", "ru")) for q in qs["inflected"]]
    assert sum(found) >= 7


def test_template_lexicons_are_valid():
    assert lexicon.validate("gen_templates.tsv") == []
    assert lexicon.validate("gen_ru_names.tsv") == []
