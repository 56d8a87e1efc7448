"""Search over the bundled corpus: quality on the judged query sets, every kind of match in both
languages and scripts, the query language, bad input, and the index's update guarantees."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from itp_docs.cli import cli
from itp_docs.evaluate import score_search
from itp_docs.index import build, store
from itp_docs.index.search import Engine

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    ix = tmp_path_factory.mktemp("search") / "ix"
    stats = build.update([str(CORPUS)], ix)
    assert stats.added == len(list(CORPUS.iterdir())) and not stats.skipped
    return ix


@pytest.fixture(scope="module")
def engine(index_dir):
    with Engine(index_dir) as eng:
        yield eng


def names(res) -> list[str]:
    return [Path(h.source).name for h in res.hits]


def _run_set(engine, path: Path):
    queries = json.loads(path.read_text(encoding="utf-8"))
    results = {q["q"]: [h.source for h in engine.search(q["q"], limit=max(10, len(q["relevant"]))).hits]
               for q in queries}
    return score_search(queries, results)


def test_quality_on_the_judged_queries(engine):
    rep = _run_set(engine, DATA / "queries.json")
    assert rep.recall >= 0.92 and rep.mrr >= 0.95, rep.summary()


def test_quality_on_held_out_queries(engine):
    # Written before the engine existed and never used for tuning.
    rep = _run_set(engine, DATA / "queries_heldout.json")
    assert rep.recall >= 0.88 and rep.mrr >= 0.93, rep.summary()


def test_quality_on_the_second_held_out_set(engine):
    # Written by reading the corpus after the first held-out set had been used; first run
    # 0.872 / 0.924 (the figures before any change made after seeing its failures).
    rep = _run_set(engine, DATA / "queries_heldout2.json")
    assert rep.recall >= 0.85 and rep.mrr >= 0.90, rep.summary()


def test_quality_on_the_third_held_out_set(engine):
    # 60 queries written blind (relevance judged by reading the corpus, no search run) after
    # the second set had been used; first run 0.983 / 0.972, before the changes its failures
    # led to (a hyphenated year in a quoted name, the sum tier after proximity, two lexicon rows).
    rep = _run_set(engine, DATA / "queries_heldout3.json")
    assert rep.recall >= 0.95 and rep.mrr >= 0.93, rep.summary()


def test_quality_on_the_fourth_held_out_set(engine):
    # 50 queries written blind as a press officer, a lawyer and an analyst would type them;
    # first run 0.953 / 0.928, before the changes its failures led to (typo guesses count half
    # in partial hits, a known name kept in the fallback, a typo reading no longer spoils a name
    # known as typed, sums in words, four lexicon rows).
    rep = _run_set(engine, DATA / "queries_heldout4.json")
    assert rep.recall >= 0.93 and rep.mrr >= 0.90, rep.summary()


@pytest.mark.parametrize("q", ["Байбек", "Байбекке", "Байбектің", "Baibek", "Baybek", "Байбке"])
def test_one_person_in_every_spelling_finds_both_languages(engine, q):
    found = names(engine.search(q))
    assert {"kk_news_memtapsyrys_2018.txt", "ru_news_memtapsyrys_2018.txt"} <= set(found[:4]), found


@pytest.mark.parametrize("q, kind", [
    ("Байбек", "exact"), ("Байбекке", "lemma"), ("Baibek", "transliteration"), ("Байбке", "fuzzy")])
def test_match_kind_is_reported(engine, q, kind):
    hit = engine.search(q).hits[0]
    assert hit.matches[q] == kind


def test_russian_inflection_and_kazakh_spelling_meet(engine):
    found = set(names(engine.search("Сагинтаева")))
    assert "kk_news_astana_hub_2018.txt" in found and "ru_news_digital_kz_2017.txt" in found


def test_vowel_variants_of_a_name_meet(engine):
    # Kazakh Исекешов, Russian Исекешев, press Issekeshev
    for q in ("Исекешов", "Исекешев", "Issekeshev"):
        found = set(names(engine.search(q)))
        assert {"kk_news_isekeshov_itp_2014.txt", "ru_news_isekeshev_gpiir_2015.html"} <= found, (q, found)


def test_cross_lingual_term_and_abbreviation(engine):
    res = engine.search("парк инновационных технологий", limit=20)
    assert any(n.startswith("kk_") for n in names(res))
    res = engine.search("ПИТ", limit=20)
    assert any(n.startswith("kk_") for n in names(res))
    res = engine.search("дата-центр", limit=20)
    kk = [h for h in res.hits if Path(h.source).name.startswith("kk_")]
    assert kk and kk[0].matches["дата-центр"] == "translation"


def test_decree_lookup_lands_on_its_measure(engine):
    hit = engine.search("постановление 631 дата-центр").hits[0]
    assert Path(hit.source).name == "kk_decree_itp_plan_2014.txt"
    assert hit.passage and hit.passage["kind"] == "measure"
    assert hit.snippet and hit.highlights


def test_latin_words_meet_a_hyphenated_name(engine):
    found = names(engine.search("Samruk Kazyna"))
    assert "kk_news_memtapsyrys_2018.txt" in found[:3]


def test_filters(engine):
    res = engine.search("type:decree year:2017..2018", limit=50)
    assert res.hits and all(h.doctype == "decree" and h.date[:4] in ("2017", "2018") for h in res.hits)
    res = engine.search("lang:kk цифрлы", limit=50)
    assert res.hits and all(h.lang == "kk" for h in res.hits)
    res = engine.search("Исекешов NOT Байбек", limit=50)
    assert res.hits and "kk_news_memtapsyrys_2018.txt" not in names(res)


def test_entity_filters_cross_languages_through_canonical_ids(engine):
    """A filter value that is a known name finds the documents that name the same body or
    program in the other language (they hold its canonical id); an id can be typed as such."""
    kk = engine.search('org:"Ұлттық экономика министрлігі"', limit=50)
    ru = engine.search('org:"Министерство национальной экономики"', limit=50)
    assert set(names(kk)) == set(names(ru))
    assert {h.lang for h in kk.hits} == {"kk", "ru"}
    # the passage of a document that uses the other language's name is where that name stands
    other = next(h for h in ru.hits if h.lang == "kk")
    assert "экономика министрлігі" in other.snippet
    by_id = engine.search("program:info_kz_2020", limit=50)
    assert {"kk_decree_egov_2015.txt", "ru_news_data_center_astana.txt"} <= set(names(by_id))


def test_entity_filters_keep_the_numbers_of_names(engine):
    """Numbers in a program's name are part of the filter: the year tells two programs apart."""
    found = names(engine.search('program:"Ақпараттық Қазақстан – 2020"', limit=50))
    assert "kk_decree_egov_2015.txt" in found
    assert not engine.search('program:"Ақпараттық Қазақстан – 2030"', limit=50).hits


def test_numeric_filters_restrict(engine):
    for q, years in (("year:2017", {"2017"}), ("person:Сагинтаев year:2018", {"2018"}),
                     ("year:2013..2015 type:decree", {"2013", "2014", "2015"})):
        res = engine.search(q, limit=50)
        assert res.hits and {h.date[:4] for h in res.hits if h.date} <= years, (q, [h.date for h in res.hits])
    big = engine.search("amount:>1e12", limit=50)
    small = engine.search("amount:<1e7", limit=50)
    assert big.hits and small.hits and not set(names(big)) & set(names(small)) - {
        n for n in names(big) if n in names(small)}
    assert len(engine.search("amount:>1e6", limit=50).hits) > len(big.hits)


def test_phrase_and_boolean(engine):
    res = engine.search('"ынтымақтастық туралы меморандум"')
    assert res.hits and res.hits[0].matches["меморандум"] in ("exact", "lemma")
    res = engine.search("Байбек AND Шүкеев")
    full = [h for h in res.hits if not h.partial]
    assert {Path(h.source).name for h in full} == {"kk_news_memtapsyrys_2018.txt", "ru_news_memtapsyrys_2018.txt"}


def test_facets_and_suggestion(engine):
    res = engine.search("Байбек", facets=True)
    assert res.facets and res.facets["lang"].get("kk") and res.facets["lang"].get("ru")
    res = engine.search("qqqzzzxx")
    assert not res.hits


@pytest.mark.parametrize("q", [
    '"unbalanced', "(Байбек OR", ")))", "AND", "NOT", "OR OR", "-", '""', "x" * 10_000,
    "\x00\x01\x7f контроль", "foo:bar Байбек", "year:abc", "amount:>много", "lang:xx", "type:??",
    "date:2013-99", "person:", "Байбек" * 300, "ӘӘӘ ".join([""] * 200), "%$#@!", "«»",
])
def test_malformed_queries_never_raise(engine, q):
    res = engine.search(q)
    assert res is not None
    assert all(isinstance(n, str) and "\n" not in n for n in res.notes)


def test_bad_filter_values_are_explained(engine):
    assert any("year:2013..2018" in n for n in engine.search("year:abc").notes)
    assert any("lang:kk" in n for n in engine.search("lang:xx Байбек").notes)


def test_missing_and_corrupt_index(tmp_path):
    with pytest.raises(store.IndexProblem, match="create one with"):
        Engine(tmp_path / "nothing")
    broken = tmp_path / "broken"
    build.update([str(CORPUS / "kk_news_digital_kz_2017.txt")], broken)
    for f in broken.glob("*.seg"):
        f.write_bytes(b"garbage")
    for f in broken.glob("_MAIN_*.toc"):
        f.write_bytes(b"\x00\x01garbage")
    with pytest.raises(store.IndexProblem, match="rebuild"):
        Engine(broken)


def test_cli_messages_not_tracebacks(tmp_path, index_dir):
    runner = CliRunner()
    r = runner.invoke(cli, ["search", "Байбек", "--index", str(tmp_path / "none")])
    assert r.exit_code != 0 and "Traceback" not in r.output
    qfile = tmp_path / "q.txt"
    qfile.write_text("Baibek\n\"unbalanced\nyear:abc\n", encoding="utf-8")
    r = runner.invoke(cli, ["search", "--queries", str(qfile), "--index", str(index_dir)])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.output.splitlines()]
    assert [x["query"] for x in lines] == ["Baibek", '"unbalanced', "year:abc"]
    assert lines[0]["hits"] and {"source", "passage", "snippet", "matches", "score"} <= set(lines[0]["hits"][0])


def test_second_writer_is_told_who_holds_the_lock(tmp_path):
    ix = tmp_path / "ix"
    with store.WriterLock(ix):
        with pytest.raises(store.IndexProblem, match=r"locked by PID \d+"):
            build.update([str(CORPUS / "kk_news_digital_kz_2017.txt")], ix)


def test_incremental_update_and_prune(tmp_path):
    src = tmp_path / "docs"
    src.mkdir()
    for name in ("kk_news_digital_kz_2017.txt", "ru_news_digital_kz_2017.txt", "ru_news_memtapsyrys_2018.txt"):
        shutil.copy(CORPUS / name, src / name)
    ix = tmp_path / "ix"
    s1 = build.update([str(src)], ix)
    assert (s1.added, s1.updated, s1.unchanged) == (3, 0, 0)
    s2 = build.update([str(src)], ix)
    assert (s2.added, s2.updated, s2.unchanged) == (0, 0, 3)
    # touched but not changed: re-hashed, not re-indexed
    os.utime(src / "kk_news_digital_kz_2017.txt", None)
    (src / "ru_news_memtapsyrys_2018.txt").write_text("Новость о Бауыржане Байбеке и Тимуре Тоқтабаеве.",
                                                      encoding="utf-8")
    (src / "ru_news_digital_kz_2017.txt").unlink()
    shutil.copy(CORPUS / "kk_news_memtapsyrys_2018.txt", src / "kk_news_memtapsyrys_2018.txt")
    s3 = build.update([str(src)], ix, prune=True)
    assert (s3.added, s3.updated, s3.removed) == (1, 1, 1) and s3.unchanged == 1
    with Engine(ix) as eng:
        assert names(eng.search("Тоқтабаев")) == ["ru_news_memtapsyrys_2018.txt"]
        assert "ru_news_digital_kz_2017.txt" not in names(eng.search("цифровой", limit=50))
        assert eng.ix.doc_count() == 3


def test_parallel_build_equals_serial(tmp_path):
    files = sorted(CORPUS.glob("*_news_*"))[:8]
    a, b = tmp_path / "a", tmp_path / "b"
    build.update([str(f) for f in files], a, jobs=1, round_files=3)
    build.update([str(f) for f in files], b, jobs=2, round_files=3)
    with Engine(a) as ea, Engine(b) as eb:
        for q in ("Байбек", "цифровой", "Samruk Kazyna", "ПИТ"):
            assert sorted(names(ea.search(q, 20))) == sorted(names(eb.search(q, 20)))
        assert ea.ix.doc_count() == eb.ix.doc_count() == 8


def test_readers_see_the_last_commit_while_a_writer_works(tmp_path):
    files = sorted(CORPUS.glob("*_news_*"))
    ix = tmp_path / "ix"
    build.update([str(files[0])], ix)
    with Engine(ix) as old:
        before = old.ix.doc_count()
        build.update([str(f) for f in files[:5]], ix)
        assert old.search("цифровой", limit=50).total <= before  # the open searcher is unchanged
    with Engine(ix) as new:
        assert new.ix.doc_count() == 5


def test_killed_build_leaves_a_readable_index_and_the_next_run_finishes(tmp_path):
    ix = tmp_path / "ix"
    code = ("import sys; from itp_docs.index import build; "
            f"build.update([{str(CORPUS)!r}], __import__('pathlib').Path({str(ix)!r}), round_files=2)")
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.time() + 120
    # wait for at least two committed rounds, then kill without warning
    while time.time() < deadline:
        tocs = [int(p.stem.rsplit("_", 1)[1]) for p in ix.glob("_MAIN_*.toc")] if ix.exists() else []
        if tocs and max(tocs) >= 3:
            break
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Engine(ix) as eng:
        partial = eng.ix.doc_count()
        eng.search("Байбек")
    assert partial < len(list(CORPUS.iterdir())) or proc.returncode == 0
    stats = build.update([str(CORPUS)], ix)
    with Engine(ix) as eng:
        assert eng.ix.doc_count() == len(list(CORPUS.iterdir()))
    assert stats.added + stats.unchanged == len(list(CORPUS.iterdir()))


def test_words_close_together_rank_higher(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    filler = " ".join(["Жиында өңірлердің экономикалық даму көрсеткіштері талқыланды."] * 12)
    (docs / "far.txt").write_text(f"Меморандумға қол қойылды. {filler} Ынтымақтастық жалғасады.", encoding="utf-8")
    (docs / "near.txt").write_text(f"{filler} Ынтымақтастық туралы меморандумға қол қойылды.", encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        assert names(eng.search("ынтымақтастық меморандум")) == ["near.txt", "far.txt"]
        assert names(eng.search("сотрудничество меморандум")) == ["near.txt", "far.txt"]


@pytest.mark.parametrize("q", ["цифрлық", "цифровой", "Baibek", "инновациялық технологиялар паркі"])
def test_total_is_exact_on_request_and_a_lower_bound_otherwise(engine, q):
    exact = engine.search(q, limit=1, count=True)
    assert exact.total_exact and exact.total >= len(exact.hits) >= 1
    quick = engine.search(q, limit=1)
    assert [h.source for h in quick.hits] == [h.source for h in exact.hits]
    assert len(quick.hits) <= quick.total <= exact.total
    assert quick.total == exact.total or not quick.total_exact
    every = engine.search(q, limit=200)     # every match shown: counted (and the partial ones after)
    assert sum(1 for h in every.hits if not h.partial) == exact.total
    assert every.total == len(every.hits)


@pytest.mark.parametrize("q", ["цифрлық Қазақстан", "парк инновационных технологий", "Ұлттық экономика министрлігі",
                               "Baibek Almaty", "постановление Правительства", "правительства"])
def test_reranked_candidates_score_as_the_whole_query(engine, q, monkeypatch):
    """Two-stage ranking (words pick candidates, proximity and phrases re-score them) gives each
    shown document the score the single AndMaybe query gives it."""
    from itp_docs.index import search as search_mod
    from itp_docs.index.expand import plan
    from itp_docs.index.query import parse

    p = plan(parse(q), engine.searcher, engine.lexmap, engine.vocab)
    if p.core is None:
        pytest.skip("no ranking-only part for this query")
    whole = {h.docnum: h.score for h in engine.searcher.search(p.query, limit=None)}
    monkeypatch.setattr(search_mod, "RERANK_DEPTH", 3)
    results, total, _exact = engine._run(p, 1, {}, count=True)   # depth max(3, 4 x 1) = 4
    assert total == len(whole)
    shown = [(h.docnum, h.score) for h in results]
    assert shown
    for docnum, score in shown:
        assert score == pytest.approx(whole[docnum])
    best_whole = max(whole.values())
    assert shown[0][1] <= best_whole + 1e-9


def _whoosh_score_at(searcher, q, docnum):
    """Whoosh's own score of one document for ``q`` (its matcher moved to that document)."""
    m = q.matcher(searcher, searcher.context())
    if m.is_active():
        m.skip_to(docnum)
        if m.is_active() and m.id() == docnum:
            return m.score()
    return None


def test_array_scoring_equals_whoosh_on_the_judged_queries(engine):
    """fastscore computes the words' query as arrays: the documents it ranks first have the
    scores Whoosh's matchers give them, and Whoosh's own top documents are found with the same
    scores (Whoosh's collector sometimes misses a matching document of a multi-term AND; the
    array scorer does not)."""
    import json

    from itp_docs.index.expand import plan
    from itp_docs.index.fastscore import FastScorer
    from itp_docs.index.query import parse

    fs = FastScorer(engine.searcher)
    queries = [q["q"] for f in ("queries.json", "queries_heldout.json")
               for q in json.loads((Path(__file__).parent / "data" / f).read_text(encoding="utf-8"))]
    assert len(queries) > 150
    checked = 0
    for text in queries:
        p = plan(parse(text), engine.searcher, engine.lexmap, engine.vocab)
        if p.query is None:
            continue
        q = p.core if p.core is not None and p.optional is not None else p.query
        top, total = fs.top(q, 10)
        whoosh = [(h.score, h.docnum) for h in engine.searcher.search(q, limit=10)]
        for score, docnum in top:
            assert score == pytest.approx(_whoosh_score_at(engine.searcher, q, docnum), rel=1e-9), text
        matched, scores = fs.evaluate(q)
        for score, docnum in whoosh:
            assert matched[docnum] and scores[docnum] == pytest.approx(score, rel=1e-9), text
        assert all(a >= b - 1e-9 for (a, _), (b, _) in zip(top, whoosh)), text
        assert total >= len(whoosh)
        checked += 1
    assert checked > 150


def test_array_phrases_equal_whoosh_span_matching(engine):
    """fastscore's phrase evaluation (doc-id intersection, then positions of those documents
    only) matches the same documents with the same scores as Whoosh's span matcher, for every
    phrase the judged queries produce (query phrases, translations, proximity phrases)."""
    import json

    import numpy as np
    from references import query_phrases

    from itp_docs.index.expand import plan
    from itp_docs.index.fastscore import FastScorer
    from itp_docs.index.query import parse

    fs = FastScorer(engine.searcher)
    queries = [q["q"] for f in ("queries.json", "queries_heldout.json")
               for q in json.loads((Path(__file__).parent / "data" / f).read_text(encoding="utf-8"))]
    seen = set()
    for text in queries + ['"Қазақстан Республикасы"', '"инновациялық технологиялар паркі"']:
        p = plan(parse(text), engine.searcher, engine.lexmap, engine.vocab)
        if p.query is None:
            continue
        for ph in query_phrases(p.query):
            if ph in seen:
                continue
            seen.add(ph)
            m1, s1 = fs._phrase(ph)
            m2, s2 = fs._by_matcher(ph)
            assert (m1 == m2).all(), ph
            assert np.allclose(s1, s2, rtol=1e-9, atol=1e-12), ph
    assert len(seen) > 40


@pytest.mark.parametrize("q", ["amount:>1e9", "amount:1e6..5млрд", "year:2013..2018", "year:>2015",
                               "date:2013-06", "amount:<1e7", "year:2019"])
def test_numeric_filter_sets_equal_whoosh(engine, q):
    from itp_docs.index.expand import plan
    from itp_docs.index.query import parse

    p = plan(parse(q), engine.searcher, engine.lexmap, engine.vocab)
    assert p.filters
    for fq in p.filters:
        assert engine._docs(fq) == set(engine.searcher.docs_for_query(fq)), fq


@pytest.mark.parametrize("q, names", [
    ("person:Сагинтаев type:news", ("Сағынтаев", "Сагинтаев")),
    ("org:Казахтелеком", ("Қазақтелеком", "Казахтелеком")),
    ("person:Baibek", ("Байбек",)),
])
def test_facet_filters_place_the_passage_at_the_name(engine, q, names):
    res = engine.search(q, limit=5)
    assert res.hits
    for h in res.hits:
        assert h.highlights and any(n in h.snippet for n in names), (h.source, h.snippet)


def test_numbers_match_as_documents_write_them(engine):
    """Tables write amounts with a zero fraction (740,0 млн теңге); "$12" is the number 12."""
    assert names(engine.search("740 млн теңге"))[0] == "kk_decree_egov_2015.txt"
    assert "ru_news_itp_transfer_2018.txt" in names(engine.search("$12 млн"))


def test_documents_holding_the_stated_amount_rank_first(tmp_path):
    """640 also stands in "2 640,0 млн": the document whose extracted amount is the query's
    sum ranks above it, in Russian and in Kazakh, whatever the order of indexing."""
    docs = tmp_path / "docs"
    docs.mkdir()
    filler_ru = " ".join(["Совещание по развитию цифровой экономики прошло в акимате."] * 3)
    filler_kk = " ".join(["Кеңесте цифрлық экономиканы дамыту мәселелері талқыланды."] * 3)
    (docs / "a_other.txt").write_text(f"На строительство выделено 2 640,0 млн тенге, из них 640 тыс. на проект, "
                                      f"млн тенге в резерве. {filler_ru}", encoding="utf-8")
    (docs / "b_holder.txt").write_text(f"{filler_ru} На ремонт выделено 640,0 млн тенге.", encoding="utf-8")
    (docs / "c_other.txt").write_text(f"Құрылысқа 2 640,0 млн теңге бөлінді, оның 640 мыңы жобаға, млн теңге "
                                      f"резервте. {filler_kk}", encoding="utf-8")
    (docs / "d_holder.txt").write_text(f"{filler_kk} Жөндеуге 640 млн теңге бөлінді.", encoding="utf-8")
    build.update([str(docs)], tmp_path / "ix")
    with Engine(tmp_path / "ix") as eng:
        assert set(names(eng.search("640 млн тенге"))[:2]) == {"b_holder.txt", "d_holder.txt"}
        assert set(names(eng.search("640 млн теңге"))[:2]) == {"b_holder.txt", "d_holder.txt"}


def test_a_query_of_sums_finds_them_written_otherwise(engine):
    """0,5 млрд долларов = $500 млн; 1.2 млрд тенге = 1 200,0 млн теңге (in a measure table):
    found by value, the currency respected, the passage the one that states the sum."""
    res = engine.search("0,5 млрд долларов", limit=5)
    top = res.hits[0]
    assert Path(top.source).name == "kk_news_mamin_digital_2021.txt" and "500" in top.snippet
    # 500,0 млн теңге (a measure of the Almaty Tech Garden plan) is not $500 млн
    assert "kk_decree_atg_cluster_2018.txt" not in names(res)
    found = names(engine.search("1.2 млрд тенге", limit=10))
    assert {"kk_decree_atg_cluster_2018.txt", "ru_decree_atg_cluster_2018.html"} <= set(found)
    hit = next(h for h in engine.search("1.2 млрд тенге", limit=10).hits if h.source.endswith("kk_decree_atg_cluster_2018.txt"))
    assert hit.passage["kind"] == "measure" and "1 200,0" in hit.snippet
    # a filter still applies to what is found by value
    assert all(h.lang == "kk" for h in engine.search("lang:kk 1.2 млрд тенге", limit=10).hits)


def test_parts_of_hyphenated_words_are_found(engine):
    """коворкинг finds коворкинг-центра / коворкинг-орталығы; the number of «17-тармағын»."""
    found = names(engine.search("kind:measure коворкинг", limit=10))
    assert {"ru_decree_karaganda_cluster_2017.txt", "kk_decree_atg_cluster_2018.txt",
            "ru_decree_atg_cluster_2018.html"} <= set(found)
