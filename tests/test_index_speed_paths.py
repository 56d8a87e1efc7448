"""The build's fast paths write what the plain code writes.

* ``analysis._encode_positions`` / ``encode_frequency`` against Whoosh's encoders;
* ``writer._keyword_items`` against ``KEYWORD(lowercase=True, commas=True).index``;
* ``AnalyzedField.term_positions`` (what ``add_positions`` encodes) against the analyzer chain;
* ``record._keys_of`` (cached) against ``record._name_keys``;
* whole segments: a build with every fast path on writes the same files, byte for byte, as one
  with them off (``FAST_FIELDS``, ``FAST_INLINE``, ``KEYS_CACHE`` off and Whoosh's encoders), on
  Kazakh and Russian documents, with small blocks (multi-block lists and posting columns) and
  with a pool small enough to spill to disk. The only allowed difference with the shared
  encodings on is pickle's back-references to a value that occurs twice in one block; the
  postings read back are compared for that case.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from whoosh import index as windex
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import KEYWORD
from whoosh.formats import Positions
from whoosh.system import pack_uint

from itp_docs.index import analysis, record, writer
from itp_docs.index.analysis import PreAnalyzed, _encode_positions, encode_frequency
from itp_docs.index.schema import build_schema
from itp_docs.lang.analyzer import analyze

TEXTS = [
    "Бауыржан Байбек Алматы қаласының әкімі ретінде «Инновациялық технологиялар паркі» АЭА-ның "
    "жұмысына 2018 жылы 95 млрд теңге бөлінгенін айтты. Байбекке рахмет, Байбектің сөзі. "
    "Самрұқ-Қазына қоры коворкинг-орталығын ашты; стартап-байқау 17-тармағына сәйкес өтті.",
    "Аким Алматы Бауыржан Байбек сообщил, что на развитие СЭЗ «Парк инновационных технологий» в "
    "2018 году выделено 95 млрд тенге. Сагинтаеву и Сагинтаева поддержали решение коворкинг-центра "
    "и Самрук-Казына; пункт 17-й постановления № 631 от 13 июня 2013 года.",
    "Baibek Almaty qalasynyń ákimi, Baybek and Sagintayev met Issekeshev in Astana Hub. Tau-Ken Samruk.",
    "Қазақстан Республикасы Үкіметінің қаулысы. Ақпараттық Қазақстан – 2020 мемлекеттік бағдарламасы "
    "іске асырылсын. Министрлік ақпараттандыру, ақпараттандыру және ақпараттандыру жұмыстарын жүргізеді.",
    "Постановление Правительства Республики Казахстан. Министерству цифрового развития обеспечить "
    "реализацию программы «Цифровой Казахстан»; министерству, министерства, министерством.",
]


def _docs(n: int, seed: int = 7) -> list[str]:
    """Documents made of shuffled sentences and words of TEXTS (Kazakh, Russian and Latin)."""
    rnd = random.Random(seed)
    words = [w for t in TEXTS for w in t.split()]
    out = []
    for i in range(n):
        base = TEXTS[i % len(TEXTS)]
        extra = " ".join(rnd.choice(words) for _ in range(rnd.randint(5, 120)))
        out.append(base + " " + extra if i % 3 else extra + " " + base)
    return out


@pytest.mark.parametrize("positions", [[0], [5], [70000], [0, 1], [3, 7, 7, 200], list(range(0, 3000, 7))])
def test_encode_positions_is_whooshs(positions):
    assert _encode_positions(list(positions)) == Positions().encode(positions)
    assert _encode_positions(list(positions)) == Positions().encode(positions)     # cached the 2nd time


@pytest.mark.parametrize("n", [1, 2, 3, 255, 256, 70000])
def test_encode_frequency_is_whooshs(n):
    assert encode_frequency(n) == pack_uint(n) == encode_frequency(n)


@pytest.mark.parametrize("value", ["", "a", "a,b,a", "Байбек,baibek,БАЙБЕК, байбек ,,x", " , a,", "631,ЗРК-2015,631",
                                   "самрук-казына,samruk,kazyna,самрұқ", ",,,", "İstanbul,ǅ,ẞ"])
def test_keyword_items_are_the_analyzer_chains(value):
    field = KEYWORD(lowercase=True, commas=True)
    assert sorted(writer._keyword_items(value, field.format.field_boost)) == sorted(field.index(value))


@pytest.mark.parametrize("text", TEXTS + _docs(4))
@pytest.mark.parametrize("name", ["exact", "lemma", "keys", "title", "title_keys"])
def test_term_positions_encode_to_the_chains_postings(text, name):
    field = build_schema()[name]
    tokens = analyze(text, "auto")
    poses = field.term_positions(PreAnalyzed(tokens))
    fb = field.format.field_boost
    if isinstance(field.format, Positions):
        mine = sorted((t.encode("utf-8"), len(p), len(p) * fb, Positions().encode(p)) for t, p in poses.items())
    else:
        mine = sorted((t.encode("utf-8"), len(p), len(p) * fb, pack_uint(len(p))) for t, p in poses.items())
    stock = sorted((t.encode("utf-8"), f, w, v) for t, f, w, v in
                   field.format.word_values(PreAnalyzed(tokens), field.analyzer, mode="index"))
    assert mine == stock
    assert sorted(field.index(PreAnalyzed(tokens))) == stock


@pytest.mark.parametrize("name", ["Бауыржан Байбек", "Самрұқ-Қазына", "Самрук-Казына", "Tau-Ken Samruk",
                                  "Ақпараттық Қазақстан – 2020", "ИТП", "Исекешев Әсет Өрентайұлы", ""])
def test_cached_name_keys_are_the_plain_ones(name):
    assert record._keys_of(name) == record._name_keys(name)
    assert record._keys_of(name) == record._name_keys(name)


def _segment_files(tmp_path: Path, name: str, fast: bool, blocklimit: int, limitmb: float, monkeypatch) -> dict:
    monkeypatch.setattr(writer, "FAST_FIELDS", fast)
    monkeypatch.setattr(writer, "FAST_INLINE", fast)
    monkeypatch.setattr(record, "KEYS_CACHE", fast)
    monkeypatch.setattr(analysis, "FAST_ENCODE", False)   # the same value objects: byte-identical pickles
    d = tmp_path / name
    d.mkdir()
    ix = windex.create_in(str(d), build_schema())
    w = writer.FastSegmentWriter(ix, codec=W3Codec(blocklimit=blocklimit, compression=1), limitmb=limitmb)
    if limitmb == 0:
        w.pool.limit = 20_000          # spill every few documents
    for i, text in enumerate(_docs(40)):
        toks = analyze(text, "auto")
        body = PreAnalyzed(toks)
        title = PreAnalyzed(toks[:6])
        w.add_document(doc_id=f"d{i}", exact=body, lemma=body, keys=body,
                       title=title if i % 4 else " ".join(t.text for t in toks[:5]), title_keys=title,
                       person=",".join(sorted(record._keys_of("Бауыржан Байбек") | record._keys_of(text.split()[0]))),
                       org="Самрұқ-Қазына,ИТП,итп" if i % 2 else "", lang="kk" if i % 2 else "ru")
    w.commit(merge=False)
    out = {}
    for f in d.iterdir():
        if f.name.startswith("MAIN_") and "." in f.name and not f.name.endswith("WRITELOCK"):
            out[f.name.split(".", 1)[1]] = f.read_bytes()
    assert "pst" in out and "trm" in out and "pcl" in out
    return out


@pytest.mark.parametrize("blocklimit, limitmb", [(128, 128), (2, 128), (4, 0), (3, 128)])
def test_fast_paths_write_the_same_segment_files(tmp_path, monkeypatch, blocklimit, limitmb):
    plain = _segment_files(tmp_path, "plain", False, blocklimit, limitmb, monkeypatch)
    fast = _segment_files(tmp_path, "fast", True, blocklimit, limitmb, monkeypatch)
    assert plain.keys() == fast.keys()
    for ext in plain:
        assert plain[ext] == fast[ext], ext


def test_shared_encodings_read_back_the_same_postings(tmp_path, monkeypatch):
    """With the cached encodings, a block may refer back to an equal value: same postings."""
    def build(name, enc):
        monkeypatch.setattr(analysis, "FAST_ENCODE", enc)
        d = tmp_path / name
        d.mkdir()
        ix = windex.create_in(str(d), build_schema())
        w = writer.FastSegmentWriter(ix, codec=W3Codec(blocklimit=4, compression=1))
        for i, text in enumerate(_docs(30)):
            body = PreAnalyzed(analyze(text, "auto"))
            w.add_document(doc_id=f"d{i}", exact=body, lemma=body, keys=body, org="итп,ИТП" if i % 2 else "x")
        w.commit(merge=False)
        return windex.open_dir(str(d))

    a, b = build("plain", False), build("shared", True)
    with a.reader() as ra, b.reader() as rb:
        terms = list(ra.all_terms())
        assert terms == list(rb.all_terms()) and len(terms) > 100
        for fieldname, text in terms:
            if fieldname not in ("exact", "lemma", "keys", "org"):
                continue
            ta, tb = ra.term_info(fieldname, text), rb.term_info(fieldname, text)
            # (where a posting list starts and how long it is may differ: the shared values
            # pickle shorter)
            stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")
            assert [getattr(ta, k)() for k in stats] == [getattr(tb, k)() for k in stats], (fieldname, text)
            assert ta.is_inlined() == tb.is_inlined()
            pa, pb = ra.postings(fieldname, text), rb.postings(fieldname, text)
            assert list(pa.items_as("positions" if fieldname in ("lemma", "keys") else "frequency")) == \
                list(pb.items_as("positions" if fieldname in ("lemma", "keys") else "frequency"))


def test_vocabulary_from_term_tables_is_the_merged_readers(tmp_path, monkeypatch):
    """``vocab.build_from_reader`` reads the segments' term tables directly: same keys, document
    frequencies and surface forms as through ``iter_field``, over several segments and with a
    re-indexed (deleted) document."""
    from itp_docs.index import build, vocab

    files = []
    for i, text in enumerate(_docs(12, seed=11)):
        f = tmp_path / f"d{i}.txt"
        f.write_text(text, encoding="utf-8")
        files.append(str(f))
    ix_dir = tmp_path / "ix"
    build.update(files, ix_dir, round_files=4)                  # three segments
    Path(files[0]).write_text(TEXTS[1] + " Байбек Байбек", encoding="utf-8")
    build.update(files, ix_dir, round_files=4)                  # a deletion and a fourth segment
    ix = windex.open_dir(str(ix_dir))
    assert len(ix._segments()) >= 3
    with ix.reader() as r:
        fast = vocab.build_from_reader(r)
        monkeypatch.setattr(vocab, "FAST_TERMS", False)
        plain = vocab.build_from_reader(r)
    assert len(fast.keys) > 50
    assert (fast.keys, fast.df, fast.forms) == (plain.keys, plain.df, plain.forms)
