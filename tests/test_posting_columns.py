"""Posting columns (index/postcols.py) answer exactly what Whoosh's posting blocks answer.

The corpus is indexed with blocks of 4 postings and columns for every list of 5 or more, so that
most terms of this small index are long lists spread over many blocks; the same index with its
column files removed takes the Whoosh path everywhere. Both must give the same hits, scores,
passages, highlights and match kinds on every judged query (Kazakh, Russian and Latin-script).
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from whoosh.fields import KEYWORD, Schema
from whoosh.filedb.filestore import FileStorage

from itp_docs.index import build, postcols, writer
from itp_docs.index.fastscore import FastScorer, _postings
from itp_docs.index.search import Engine

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """(index with columns, the same index without them)."""
    mp = pytest.MonkeyPatch()
    mp.setattr(writer, "BLOCK_LIMIT", 4)
    mp.setattr(writer, "MIN_POSTINGS", 5)
    try:
        base = tmp_path_factory.mktemp("cols")
        with_cols = base / "with"
        stats = build.update([str(ROOT / "corpus")], with_cols, jobs=1)
        assert stats.added and not stats.skipped
    finally:
        mp.undo()
    without = base / "without"
    shutil.copytree(with_cols, without)
    gone = [p.unlink() for p in without.glob("*" + postcols.EXT)]
    assert gone
    return with_cols, without


def _queries() -> list[str]:
    return [q["q"] for f in ("queries.json", "queries_heldout.json")
            for q in json.loads((DATA / f).read_text(encoding="utf-8"))]


def test_every_long_list_has_columns_equal_to_its_blocks(pair):
    with_cols, _ = pair
    with Engine(with_cols) as eng:
        fs = FastScorer(eng.searcher)
        assert fs.has_columns
        checked = multi = 0
        for (sub, _offset), cols in zip(fs.leaves, fs._cols):
            reader = sub.reader()
            for fieldname, btext in reader.all_terms():
                ti = reader._terms.term_info(fieldname, btext)
                field = eng.searcher.schema[fieldname]
                m = reader._terms.matcher(fieldname, btext, field.format, scorer=None)
                ids, weights, _v = _postings(m)
                got = cols.get(ti._offset) if ti._inlined is None else None
                if len(ids) < 5:
                    assert got is None
                    continue
                assert got is not None, (fieldname, btext)
                assert np.array_equal(got[0], ids) and np.array_equal(got[1].astype(np.float64), weights)
                assert len(got[2]) == (len(ids) + 3) // 4
                checked += 1
                multi += len(got[2]) > 1
        assert checked > 500 and multi > 500


def test_positions_read_from_one_block_equal_whoosh(pair):
    with_cols, _ = pair
    rng = np.random.default_rng(7)
    with Engine(with_cols) as eng:
        fs = FastScorer(eng.searcher)
        reader = eng.searcher.reader()
        terms = [(f, t) for f, t in reader.all_terms() if f in ("lemma", "keys") and reader.doc_frequency(f, t) >= 5]
        assert len(terms) > 200
        for i in rng.choice(len(terms), 200, replace=False):
            fieldname, btext = terms[i]
            text = btext.decode("utf-8")
            m = reader.postings(fieldname, btext)
            want = {}
            while m.is_active():
                want[m.id()] = list(m.value_as("positions"))
                m.next()
            docs = sorted(want)
            absent = sorted(set(range(fs.n)) - set(docs))[:3]
            assert fs.positions_in(fieldname, text, docs + absent) == want
            for d in docs[:3] + absent:
                assert fs.positions_in(fieldname, text, [d]).get(d, []) == want.get(d, [])
            probe = sorted(set(docs[::2]) | set(absent))
            assert fs.containing(fieldname, text, probe) == sorted(set(docs[::2]))


def test_phrases_from_columns_equal_whoosh_span_matching(pair):
    """Phrases matched as arrays of positions (columns) find the documents and scores of
    Whoosh's span matcher, for every phrase the judged queries produce."""
    from references import query_phrases
    from whoosh import query as wq

    from itp_docs.index.expand import plan
    from itp_docs.index.query import parse

    with_cols, _ = pair
    extra = ['"Қазақстан Республикасы"', '"Республики Казахстан"', '"инновациялық технологиялар паркі"',
             '"Kazakhstan Temir Zholy"', '"млн теңге"']
    with Engine(with_cols) as eng:
        fs = FastScorer(eng.searcher)
        seen, found = set(), 0
        for text in _queries() + extra:
            p = plan(parse(text), eng.searcher, eng.lexmap, eng.vocab)
            for ph in query_phrases(p.query) if p.query is not None else ():
                slop = wq.Phrase(ph.fieldname, ph.words, slop=3, boost=ph.boost)
                for one in (ph, slop):
                    if one in seen:
                        continue
                    seen.add(one)
                    m1, s1 = fs._phrase(one)
                    m2, s2 = fs._by_matcher(one)
                    assert (m1 == m2).all(), one
                    assert np.allclose(s1, s2, rtol=1e-9, atol=1e-12), one
                    found += int(m1.sum())
        assert len(seen) > 80 and found > 100


def _hits(eng, q):
    res = eng.search(q, limit=10)
    return res.total, [(h.source, round(h.score, 9), h.passage, h.snippet, h.highlights, h.matches)
                       for h in res.hits]


def test_search_with_and_without_columns_is_the_same(pair):
    with_cols, without = pair
    queries = _queries() + ["Baibek", "Байбектің", "постановление 631 дата-центр", '"Қазақстан Республикасы"',
                            "Samruk Kazyna", "Самрук-Казына", "ИТП OR ПИТ", "министрлігі NOT Алматы"]
    with Engine(with_cols) as a, Engine(without) as b:
        assert a._columns() is not None and b._columns() is None
        for q in queries:
            assert _hits(a, q) == _hits(b, q), q


def test_columns_file_round_trip_and_damage(tmp_path):
    storage = FileStorage(str(tmp_path))
    ix = storage.create_index(Schema(tag=KEYWORD))

    class Seg:                      # the two segment methods the writer and reader use
        def make_filename(self, ext):
            return "MAIN_test" + ext

        def create_file(self, st, ext):
            return st.create_file(self.make_filename(ext))

    del ix
    w = postcols.ColumnsWriter(storage, Seg(), blocklimit=128)
    small = list(range(0, 600, 3))
    big = list(range(0, 200_000, 997))
    w.add(10, small, [1.0] * len(small), [0, 100])
    w.add(500, big, [0.1] * len(big), [1, 2, 3])        # ids over 65535, weights not float16
    w.close()
    cols = postcols.SegmentColumns.open(storage, Seg())
    ids, weights, blocks = cols.get(10)
    assert ids.dtype == np.dtype("<u2") and ids.tolist() == small and weights.dtype == np.dtype("<f2")
    assert blocks.tolist() == [0, 100]
    ids, weights, blocks = cols.get(500)
    assert ids.dtype == np.dtype("<u4") and ids.tolist() == big
    assert weights.dtype == np.dtype("<f4") and np.allclose(weights, 0.1) and blocks.tolist() == [1, 2, 3]
    assert cols.get(11) is None and cols.get(0) is None
    assert cols.positions(10) is None
    # positions: Whoosh's encoding in, per-posting counts and absolute positions out
    from whoosh.formats import Positions

    fmt = Positions()
    lists = [[0, 5, 9], [70_000], [1, 2]]
    w = postcols.ColumnsWriter(storage, Seg(), blocklimit=128)
    w.add(8, [3, 4, 9], [3.0, 1.0, 2.0], [0], [fmt.encode(p) for p in lists])
    w.close()
    cols = postcols.SegmentColumns.open(storage, Seg())
    ids, counts, flat = cols.positions(8)
    assert ids.tolist() == [3, 4, 9] and counts.tolist() == [3, 1, 2]
    assert flat.dtype == np.dtype("<u4") and flat.tolist() == [0, 5, 9, 70_000, 1, 2]
    assert cols.get(8)[1].tolist() == [3.0, 1.0, 2.0]
    del cols, ids, counts, flat
    path = tmp_path / "MAIN_test.pcl"
    data = path.read_bytes()
    path.write_bytes(data[:-5])                 # a cut file is no columns, not an error
    assert postcols.SegmentColumns.open(storage, Seg()) is None
    path.write_bytes(b"\0" * 64)
    assert postcols.SegmentColumns.open(storage, Seg()) is None


def test_damaged_columns_fall_back_to_whoosh(pair, tmp_path):
    with_cols, _ = pair
    ix = tmp_path / "ix"
    shutil.copytree(with_cols, ix)
    first = sorted(ix.glob("*" + postcols.EXT))[0]
    first.write_bytes(first.read_bytes()[:100])
    with Engine(ix) as eng, Engine(with_cols) as ref:
        assert eng._columns() is None
        for q in ["Байбек", "Baibek", "министрлігі", "дата-центр"]:
            assert _hits(eng, q) == _hits(ref, q), q
