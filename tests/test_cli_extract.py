"""`itp-docs extract` and `itp-docs analyze` from the command line: output formats, entity type
filters, batches with bad files, and exit statuses."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from itp_docs.cli import cli
from itp_docs.extract import pipeline

ROOT = Path(__file__).resolve().parents[1]
KK_NEWS = ROOT / "corpus" / "kk_news_memtapsyrys_2018.txt"
RU_NEWS = ROOT / "corpus" / "ru_news_memtapsyrys_2018.txt"
KK_DECREE = ROOT / "corpus" / "kk_decree_itp_plan_2014.txt"


def invoke(*args: str):
    r = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in r.output
    return r


def test_every_stage_module_exists():
    names = [m for m, _ in pipeline.STAGES]
    assert [m for m, _ in pipeline.stages()] == names


def test_json_contract():
    r = invoke("extract", str(KK_NEWS), str(KK_DECREE), "--format", "json")
    assert r.exit_code == 0, r.output
    docs = json.loads(r.stdout)
    assert [Path(d["source"]).name for d in docs] == [KK_NEWS.name, KK_DECREE.name]
    for d in docs:
        assert {"source", "lang", "doctype", "date", "entities", "measures", "abbreviations"} <= set(d)
        raw = Path(d["source"]).read_text(encoding="utf-8")
        for e in d["entities"]:
            assert {"type", "text", "start", "end", "normalized", "attrs"} <= set(e)
            assert raw[e["start"]:e["end"]] == e["text"]
    decree = docs[1]
    assert decree["doctype"] == "decree" and decree["measures"]
    m = decree["measures"][0]
    assert {"number", "section", "text", "completion_form", "executors", "deadline", "deadline_value",
            "funding"} <= set(m)


def test_jsonl_csv_table_and_types():
    r = invoke("extract", str(RU_NEWS), "--format", "jsonl", "--types", "PERSON,MONEY")
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(docs) == 1 and {e["type"] for e in docs[0]["entities"]} == {"PERSON", "MONEY"}
    r = invoke("extract", str(RU_NEWS), "--format", "csv")
    assert r.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
    assert rows and {"source", "type", "text", "normalized", "start", "end"} <= set(rows[0])
    assert any(row["type"] == "PERSON" and row["normalized"] == "Бауыржан Байбек" for row in rows)
    r = invoke("extract", str(KK_DECREE), "--format", "table")
    assert "MEASURE" in r.stdout and "decree" in r.stdout
    r = invoke("extract", str(RU_NEWS), "--types", "PERSON,NOPE")
    assert r.exit_code != 0 and "unknown entity type" in r.output


def test_bad_files_are_reported_and_skipped(tmp_path):
    (tmp_path / "good.txt").write_text(KK_NEWS.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))   # ignored inside folders
    r = invoke("extract", str(tmp_path), str(tmp_path / "missing.txt"), "--format", "jsonl", "--jobs", "2")
    assert r.exit_code == 0
    docs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [Path(d["source"]).name for d in docs] == ["good.txt"]
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        assert any(name in line and "skipped" in line for line in r.stderr.splitlines()), r.stderr
    assert len(r.stderr.strip().splitlines()) == 3


def test_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    r = invoke("extract", str(tmp_path / "empty.txt"))
    assert r.exit_code != 0 and "no document could be read" in r.output


def test_oversized_file_is_skipped_with_the_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Алматы қаласы. " * 100_000, encoding="utf-8")
    r = invoke("extract", str(big), str(KK_NEWS), "--max-size", "1", "--format", "jsonl")
    assert r.exit_code == 0 and "--max-size" in r.stderr and len(r.stdout.splitlines()) == 1


@pytest.mark.parametrize("text, lang", [("Бауыржан Байбектің сөзі", "kk"), ("Сагинтаева поручил", "ru")])
def test_analyze_jsonl(text, lang):
    r = invoke("analyze", text, "--format", "jsonl")
    toks = [json.loads(x) for x in r.stdout.splitlines()]
    assert {"text", "start", "end", "norm", "lang", "lemma", "stem", "keys"} <= set(toks[0])
    assert toks[0]["lang"] == lang or toks[1]["lang"] == lang
    assert text[toks[1]["start"]:toks[1]["end"]] == toks[1]["text"]


def test_analyze_shows_cross_script_keys():
    a = {json.loads(x)["text"]: json.loads(x) for x in invoke("analyze", "Байбектің Baibek", "--format", "jsonl").stdout.splitlines()}
    assert a["Байбектің"]["lemma"] == "байбек"
    assert set(a["Байбектің"]["keys"]) & set(a["Baibek"]["keys"])
