"""The build's shortcuts through Whoosh write what the stock code paths write.

``AnalyzedField`` indexes pre-analysed tokens in one loop instead of the tokenizer | filter
chain, and ``FastSegmentWriter`` remembers field lengths and compresses blocks at level 1; both
must give the same postings, lengths and search results as the stock paths, on Kazakh and
Russian text and on names written in Latin.
"""
from __future__ import annotations

import pytest
from whoosh import index as windex
from whoosh.query import Term
from whoosh.writing import SegmentWriter

from itp_docs.index.analysis import AnalyzedField, PreAnalyzed
from itp_docs.index.schema import build_schema
from itp_docs.index.writer import FastSegmentWriter
from itp_docs.lang.analyzer import analyze

TEXTS = {
    "kk": "Бауыржан Байбек Алматы қаласының әкімі ретінде «Инновациялық технологиялар паркі» "
          "АЭА-ның жұмысына 2018 жылы 95 млрд теңге бөлінгенін айтты. Байбекке рахмет, Байбектің сөзі.",
    "ru": "Аким Алматы Бауыржан Байбек сообщил, что на развитие СЭЗ «Парк инновационных технологий» "
          "в 2018 году выделено 95 млрд тенге. Сагинтаеву и Сагинтаева поддержали решение.",
    "kk-Latn": "Baibek Almaty qalasynyń ákimi, Baybek and Sagintayev met Issekeshev in Astana Hub.",
}

FIELDS = ["exact", "lemma", "keys", "title", "title_keys"]


def _stock(field: AnalyzedField, tokens):
    return sorted((t.encode("utf-8"), f, w, v)
                  for t, f, w, v in field.format.word_values(PreAnalyzed(tokens), field.analyzer, mode="index"))


@pytest.mark.parametrize("lang", sorted(TEXTS))
@pytest.mark.parametrize("name", FIELDS)
def test_fast_field_index_equals_the_analyzer_chain(lang, name):
    field = build_schema()[name]
    tokens = analyze(TEXTS[lang], "auto")
    assert tokens
    fast = sorted(field.index(PreAnalyzed(tokens)))
    assert fast == _stock(field, tokens)
    # and a plain string still goes through the analyzer
    assert sorted(field.index(TEXTS[lang])) == fast


def _build(tmp_path, writer_cls, name, blocklimit=128, limitmb=128, commits=1):
    """Nine documents; ``commits`` > 1 writes them as that many segments and merges them with
    one more writer of the same class (the merge path, add_reader); ``limitmb=0`` makes the
    pool spill every field's postings to a run on disk."""
    from whoosh.codec.whoosh3 import W3Codec

    d = tmp_path / name
    d.mkdir()
    ix = windex.create_in(str(d), build_schema())
    docs = sorted(TEXTS.items()) * 3
    per = -(-len(docs) // commits)
    for c in range(commits):
        w = writer_cls(ix, codec=W3Codec(blocklimit=blocklimit, compression=1), limitmb=limitmb)
        for i, (lang, text) in enumerate(docs[c * per:(c + 1) * per], start=c * per):
            toks = analyze(text, "auto")
            w.add_document(doc_id=f"{lang}{i}", exact=PreAnalyzed(toks), lemma=PreAnalyzed(toks),
                           keys=PreAnalyzed(toks), lang=lang.split("-")[0])
        w.commit(merge=False)
    if commits > 1:
        w = writer_cls(ix, codec=W3Codec(blocklimit=blocklimit, compression=1), limitmb=limitmb)
        w.commit(optimize=True)
    return windex.open_dir(str(d))


@pytest.mark.parametrize("blocklimit, limitmb, commits", [(128, 128, 1), (2, 128, 1), (2, 0, 1), (2, 128, 3)])
def test_fast_writer_writes_the_same_index(tmp_path, blocklimit, limitmb, commits):
    """Same terms, postings, term statistics and block statistics (blocks of 2 postings make
    every list of the 9 documents span several blocks), also when the pool spills to disk and
    when segments are merged."""
    a = _build(tmp_path, SegmentWriter, "stock", blocklimit, 128, commits)
    b = _build(tmp_path, FastSegmentWriter, "fast", blocklimit, limitmb, commits)
    if commits > 1:
        assert len(b._segments()) == 1
    with a.searcher() as sa, b.searcher() as sb:
        ra, rb = sa.reader(), sb.reader()
        terms = list(ra.all_terms())
        assert terms == list(rb.all_terms()) and len(terms) > 50
        for fieldname, text in terms:
            if fieldname not in FIELDS:
                continue
            ta, tb = ra.term_info(fieldname, text), rb.term_info(fieldname, text)
            stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")
            assert [getattr(ta, k)() for k in stats] == [getattr(tb, k)() for k in stats], (fieldname, text)
            pa, pb = ra.postings(fieldname, text), rb.postings(fieldname, text)
            assert list(pa.all_ids()) == list(pb.all_ids())
            pa, pb = ra.postings(fieldname, text), rb.postings(fieldname, text)
            while pa.is_active():
                assert pa.value() == pb.value() and pa.weight() == pb.weight()
                if hasattr(pa, "block_max_weight") and hasattr(pb, "block_max_weight"):
                    assert pa.block_max_weight() == pb.block_max_weight()
                    assert pa.block_max_length() == pb.block_max_length()
                pa.next()
                pb.next()
        for docnum in range(ra.doc_count_all()):
            for f in ("exact", "lemma", "keys"):
                assert ra.doc_field_length(docnum, f) == rb.doc_field_length(docnum, f)
        for f, term in [("keys", "baibek"), ("lemma", "байбек"), ("lang", "kk")]:
            hits_a = [(h["doc_id"], round(h.score, 6)) for h in sa.search(Term(f, term), limit=None)]
            hits_b = [(h["doc_id"], round(h.score, 6)) for h in sb.search(Term(f, term), limit=None)]
            assert hits_a == hits_b and hits_a


def test_writers_of_one_index_do_not_delete_each_others_temporary_files(tmp_path):
    """Each parallel worker finishes its own segment; the first to finish must not take the
    others' temporary column files with it (stock Whoosh shares one temporary folder)."""
    from itp_docs.index.build import _finish_writer

    ix = windex.create_in(str(tmp_path), build_schema())
    a, b = FastSegmentWriter(ix, _lk=False), FastSegmentWriter(ix, _lk=False)
    for w, (lang, text) in ((a, ("kk", TEXTS["kk"])), (b, ("ru", TEXTS["ru"]))):
        toks = analyze(text, "auto")
        w.add_document(doc_id=lang, exact=PreAnalyzed(toks), lemma=PreAnalyzed(toks),
                       keys=PreAnalyzed(toks), lang=lang)
    seg_a = _finish_writer(a)
    seg_b = _finish_writer(b)          # failed with FileNotFoundError on a shared temp folder
    assert seg_a is not None and seg_b is not None
    assert not list(tmp_path.glob("*.tmp*"))


def test_stale_temporary_folders_are_removed_by_the_next_build(tmp_path):
    from itp_docs.index import build

    doc = tmp_path / "a.txt"
    doc.write_text("Алматы қаласының әкімі Бауыржан Байбек.", encoding="utf-8")
    ix = tmp_path / "ix"
    build.update([str(doc)], ix)
    stale = ix / "MAIN.tmp-99999-1"
    stale.mkdir()
    (stale / "x.ctmp").write_bytes(b"left by a killed worker")
    doc.write_text("Алматы қаласының әкімі Бауыржан Байбек мәлімдеді.", encoding="utf-8")
    build.update([str(doc)], ix)
    assert not stale.exists()


@pytest.mark.parametrize("size", [0, 1, 95, 96, 511, 512, 513, 3000, 40000, 200000])
def test_block_compression_with_a_small_window_is_read_by_plain_zlib(size):
    """Blocks are compressed with a window sized to them (cheaper set-up); Whoosh's readers call
    plain ``zlib.decompress``, which must get back the same bytes at every size and level."""
    import random
    import zlib
    from itp_docs.index.writer import _compress

    rnd = random.Random(size)
    data = bytes(rnd.choice(b"abcdefgh\x00\x01") for _ in range(size))
    for level in (1, 6, 9):
        assert zlib.decompress(_compress(data, level)) == data
