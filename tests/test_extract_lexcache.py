"""The on-disk cache of lexicon analyses (extract/lexcache.py) never changes a result.

A gazetteer built through the cache holds exactly the units the analyzer gives its names, whether
the cache file is absent, valid, damaged, stale (other lexicons or code) or turned off; and
whole extractions are byte-identical with a cold, warm, damaged or disabled cache.
"""
from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from itp_docs import lexicon
from itp_docs.extract import gazetteer, lexcache
from itp_docs.extract.gazetteer import Gazetteer, _analyse_phrase

ROOT = Path(__file__).resolve().parents[1]
NAMES = [(r["name"], r["lang"], r) for r in lexicon.load("places")][:300]
NAMES += [("Инвестициялар және даму министрлігі", "kk", None), ("Самрук-Казына", "ru", None),
          ("ЭКСПО-2017", "ru", None), ("Бастер", "kk", None), ("ҚР", "kk", None), ("", "kk", None)]


@pytest.fixture
def cache(tmp_path, monkeypatch) -> Path:
    """A private cache folder, and no names remembered from earlier gazetteers of this process
    (so that every build below really reads or writes the file)."""
    monkeypatch.setenv("ITP_DOCS_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(gazetteer, "_KNOWN", {})
    gazetteer.phrase_units.cache_clear()
    yield tmp_path / "cache"
    gazetteer.phrase_units.cache_clear()


def _units(g: Gazetteer) -> list[tuple]:
    return [(e.name, e.lang, e.data is None or e.data["id"], e.units) for e in g.entries]


def _plain() -> Gazetteer:
    return Gazetteer(NAMES)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("gazetteer-test-*.marshal")
                  if re.fullmatch(r"gazetteer-test-[0-9a-f]{40}\.marshal", p.name))


def test_cached_units_are_the_analyzers(cache):
    plain = _units(_plain())
    # The units the analyzer gives, not the ones remembered by phrase_units.
    for name, lang, _ in NAMES:
        assert gazetteer.phrase_units(name, lang) == _analyse_phrase(name, lang)
    cold = Gazetteer(NAMES, cache="test")            # absent: computed, then written
    assert _units(cold) == plain
    assert len(_files(cache)) == 1
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    warm = Gazetteer(NAMES, cache="test")            # read back
    assert _units(warm) == plain
    assert cold._single == warm._single and cold._pair == warm._pair and cold._first == warm._first
    for e in warm.entries:
        assert all(type(u) is gazetteer.Unit for u in e.units)
    # The order of the names does not matter (some lists come from sets).
    assert _units(Gazetteer(NAMES[::-1], cache="test")) == plain[::-1]
    assert len(_files(cache)) == 1


def test_a_cache_hit_runs_no_analysis(cache, monkeypatch):
    Gazetteer(NAMES, cache="test")
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()

    def fail(*_a):
        raise AssertionError("analysed despite the cache")

    monkeypatch.setattr(gazetteer, "_analyse_phrase", fail)
    assert _units(Gazetteer(NAMES, cache="test")) == _units(Gazetteer(NAMES))


@pytest.mark.parametrize("damage", [
    b"", b"garbage", b"\x00" * 50,
    marshal.dumps((lexcache.FORMAT, "wrong key", ())),
    marshal.dumps([1, 2, 3]),
    "truncated", "wrong rows", "short rows",
])
def test_a_damaged_file_is_ignored_and_rewritten(cache, damage):
    plain = _units(_plain())
    Gazetteer(NAMES, cache="test")
    (path,) = _files(cache)
    data = path.read_bytes()
    if damage == "truncated":
        damage = data[: len(data) // 2]
    elif damage in ("wrong rows", "short rows"):
        fmt, key, rows = marshal.loads(data)
        rows = rows[:-1] if damage == "short rows" else tuple(((1, 2),) for _ in rows)
        damage = marshal.dumps((fmt, key, rows))
    path.write_bytes(damage)
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    assert _units(Gazetteer(NAMES, cache="test")) == plain
    assert marshal.loads(path.read_bytes()) == marshal.loads(data)   # rewritten as it was


def test_a_stale_file_is_rebuilt_and_replaced(cache, monkeypatch):
    Gazetteer(NAMES, cache="test")
    (old,) = _files(cache)
    other = cache / "gazetteer-test-state-0123456789abcdef0123456789abcdef01234567.marshal"
    other.write_bytes(b"another kind's file: kept")
    # Other lexicons or code: another version key, so another file; the old one is removed.
    monkeypatch.setattr(lexcache, "version_key", lambda: "changed")
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    assert _units(Gazetteer(NAMES, cache="test")) == _units(_plain())
    (new,) = _files(cache)
    assert new != old and not old.exists() and other.exists()
    # Other names under the same cache name: another key too.
    fewer = NAMES[:-3]
    assert _units(Gazetteer(fewer, cache="test")) == _units(Gazetteer(fewer))


def test_version_key_follows_the_lexicons(tmp_path, monkeypatch):
    src = lexicon.lexicon_dir()
    copy = tmp_path / "lex"
    copy.mkdir()
    for p in src.iterdir():
        if p.is_file():
            (copy / p.name).write_bytes(p.read_bytes())
    monkeypatch.setenv("ITP_DOCS_LEXICONS", str(copy))
    lexcache.version_key.cache_clear()
    try:
        a = lexcache.version_key()
        lexcache.version_key.cache_clear()
        assert lexcache.version_key() == a
        with open(copy / "places.tsv", "a", encoding="utf-8") as f:
            f.write("\n")
        lexcache.version_key.cache_clear()
        assert lexcache.version_key() != a
    finally:
        lexcache.version_key.cache_clear()


def test_cache_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("ITP_DOCS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert lexcache.cache_dir() == tmp_path / "xdg" / "itp-docs"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/paths/are/ignored")
    assert lexcache.cache_dir() == Path.home() / ".cache" / "itp-docs"
    monkeypatch.setenv("ITP_DOCS_CACHE", str(tmp_path / "mine"))
    assert lexcache.cache_dir() == tmp_path / "mine"
    for off in ("off", "0", ""):
        monkeypatch.setenv("ITP_DOCS_CACHE", off)
        assert lexcache.cache_dir() is None


def test_disabled_or_unwritable_cache_computes(cache, monkeypatch, tmp_path):
    plain = _units(_plain())
    monkeypatch.setenv("ITP_DOCS_CACHE", "off")
    assert _units(Gazetteer(NAMES, cache="test")) == plain
    assert not cache.exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("ITP_DOCS_CACHE", str(blocker / "cache"))
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    assert _units(Gazetteer(NAMES, cache="test")) == plain


def _extract(env_cache: str, paths: list[str]) -> str:
    env = dict(os.environ, ITP_DOCS_CACHE=env_cache)
    r = subprocess.run([sys.executable, "-m", "itp_docs.cli", "extract", *paths, "--format", "jsonl"],
                       capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    return r.stdout


def test_extraction_is_the_same_with_any_cache(tmp_path):
    paths = [str(ROOT / "corpus" / "kk_decree_digital_kz_2017.txt"),
             str(ROOT / "corpus" / "ru_news_almaty_memorandum_2019.txt")]
    folder = tmp_path / "cache"
    off = _extract("off", paths)
    assert _extract(str(folder), paths) == off        # cold: written
    files = sorted(folder.glob("*.marshal"))
    assert files
    assert _extract(str(folder), paths) == off        # warm: read
    for p in files:
        p.write_bytes(p.read_bytes()[:100])
    assert _extract(str(folder), paths) == off        # damaged: recomputed


# --- lexicon_phrases: tables built from lexicon phrases, their analyses kept on disk ------------

PHRASES = [("Инвестициялар және даму министрлігі", "kk"), ("әкімдігі", "kk"), ("Министерство", "ru"),
           ("акимат города", "ru"), ("IT-компаниялар", "kk"), ("ЭКСПО-2017", "ru")]


def _table_builder(phrases):
    @gazetteer.lexicon_phrases("test-table")
    def build():
        return {(p, lg): tuple((u.lemma, u.fkey) for u in gazetteer.phrase_units(p, lg)) for p, lg in phrases}

    return build


def _phrase_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("phrases-test-table-*.marshal"))


def test_lexicon_phrases_tables_are_the_same_with_any_cache(cache, monkeypatch):
    plain = {(p, lg): tuple((u.lemma, u.fkey) for u in _analyse_phrase(p, lg)) for p, lg in PHRASES}
    assert _table_builder(PHRASES)() == plain           # cold: analysed, then written
    (path,) = _phrase_files(cache)
    written = path.stat().st_mtime_ns
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()

    def fail(*_a):
        raise AssertionError("analysed despite the cache")

    with monkeypatch.context() as m:                    # warm: read, nothing analysed or written
        m.setattr(gazetteer, "_analyse_phrase", fail)
        assert _table_builder(PHRASES)() == plain
    assert path.stat().st_mtime_ns == written
    # A phrase the file lacks is analysed and added.
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    more = PHRASES + [("Алматы қаласының әкімі", "kk")]
    plain_more = {**plain, ("Алматы қаласының әкімі", "kk"): tuple(
        (u.lemma, u.fkey) for u in _analyse_phrase("Алматы қаласының әкімі", "kk"))}
    assert _table_builder(more)() == plain_more
    (path,) = _phrase_files(cache)
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(gazetteer, "_analyse_phrase", fail)
        assert _table_builder(more)() == plain_more
    # Damaged: ignored and rewritten.
    path.write_bytes(b"\x00garbage")
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    assert _table_builder(more)() == plain_more
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    with monkeypatch.context() as m:
        m.setattr(gazetteer, "_analyse_phrase", fail)
        assert _table_builder(more)() == plain_more
    # Off: computed, nothing written.
    monkeypatch.setenv("ITP_DOCS_CACHE", "off")
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    assert _table_builder(more)() == plain_more


def test_lexicon_phrases_file_with_wrong_entries_is_not_trusted(cache):
    _table_builder(PHRASES)()
    (path,) = _phrase_files(cache)
    fmt, key, (mapping,) = marshal.loads(path.read_bytes())
    bad = {k: ((1, 2),) for k in mapping}                # wrong shape: ignored entry by entry
    bad["not a pair"] = ()
    path.write_bytes(marshal.dumps((fmt, key, (bad,))))
    gazetteer._KNOWN.clear()
    gazetteer.phrase_units.cache_clear()
    plain = {(p, lg): tuple((u.lemma, u.fkey) for u in _analyse_phrase(p, lg)) for p, lg in PHRASES}
    assert _table_builder(PHRASES)() == plain
    fmt, key, (healed,) = marshal.loads(path.read_bytes())   # rewritten with good entries
    assert set(healed) == set(mapping) and all(len(v[0]) == len(gazetteer.Unit._fields) for v in healed.values())
