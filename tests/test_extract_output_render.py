"""Writers render a document in the worker (``extract --jobs N``) exactly as they wrote it whole.

``Writer.render`` + ``Writer.write_rendered`` replaced ``Writer.write`` so that workers serialize
their own results; these tests compare them with the plain formulation (the former ``write``
bodies, kept here) and check that ``--jobs 2`` writes what ``--jobs 1`` writes.
"""
from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from itp_docs.extract.output import WRITERS, CSV_COLUMNS
from itp_docs.extract.pipeline import extract_text

ROOT = Path(__file__).resolve().parents[1]

KK = ("Қазақстан Республикасы Инвестициялар және даму министрлігі мен Алматы қаласының әкімдігі "
      "«Самрұқ-Қазына» АҚ-мен бірге Астанада 2018 жылғы 5 наурызда 95 млрд теңге бөлді. "
      "Бауыржан Байбек «Жұмыс жалғасады», – деді.")
RU = ("Министерство по инвестициям и развитию Республики Казахстан и акимат города Алматы выделили "
      "около 95 млрд тенге 5 марта 2018 года. «Работа продолжится», – сказал Аскар Мамин.")


def _docs() -> list[dict[str, Any]]:
    docs = [extract_text(t, source=f"doc{i}.txt").to_json(t) for i, t in enumerate((KK, RU, "", "»«\"„"))]
    docs.append({"source": "odd,\"name\".txt", "lang": "ru", "doctype": "other", "date": None,
                 "entities": [{"type": "ORG", "text": "a\r\nb", "normalized": "«x»", "start": 0,
                               "end": 3, "attrs": {"start": "2018", "end": "2019"}}]})
    return docs


def _plain_json(docs: list[dict]) -> str:
    out = io.StringIO()
    for i, d in enumerate(docs):
        out.write("[\n" if i == 0 else ",\n")
        out.write(json.dumps(d, ensure_ascii=False, indent=1))
    out.write("[]\n" if not docs else "\n]\n")
    return out.getvalue()


def _plain_jsonl(docs: list[dict]) -> str:
    return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)


def _plain_csv(docs: list[dict]) -> str:
    out = io.StringIO(newline="")
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for doc in docs:
        for e in doc.get("entities", []):
            a = e.get("attrs") or {}
            value = a.get("value", a.get("amount"))
            if a.get("start") and a.get("end"):
                value = f"{a['start']}/{a['end']}"
            w.writerow([doc["source"], doc["lang"], doc["doctype"], doc.get("date") or "",
                        e["type"], e["text"], e["normalized"], e["start"], e["end"],
                        a.get("role") or "", a.get("canonical_id") or "",
                        "" if value is None else value,
                        json.dumps(a, ensure_ascii=False) if a else ""])
    return out.getvalue()


PLAIN = {"json": _plain_json, "jsonl": _plain_jsonl, "csv": _plain_csv}


@pytest.mark.parametrize("fmt", sorted(PLAIN))
@pytest.mark.parametrize("n", [0, 1, 5])
def test_render_then_write_is_the_plain_writer(fmt, n):
    docs = _docs()[:n]
    cls = WRITERS[fmt]
    assert cls.portable_render
    a, b = io.StringIO(newline=""), io.StringIO(newline="")
    wa, wb = cls(a), cls(b)
    for d in docs:
        wa.write(d)
        wb.write_rendered(cls.render(d))
    wa.close()
    wb.close()
    assert a.getvalue() == b.getvalue() == PLAIN[fmt](docs)
    assert wa.count == wb.count == len(docs)


def test_table_is_rendered_where_it_is_written():
    assert not WRITERS["table"].portable_render


def test_jobs_write_what_one_process_writes(tmp_path):
    files = [str(ROOT / "corpus" / n) for n in
             ("kk_decree_egov_2015.txt", "ru_news_astana_hub_2018.html", "kk_news_startup_contest_2019.md")]
    files.append(str(tmp_path / "missing.txt"))
    outs = {}
    for jobs in (1, 2):
        for fmt in ("json", "csv"):
            r = subprocess.run([sys.executable, "-m", "itp_docs.cli", "extract", *files, "--format", fmt,
                                "--jobs", str(jobs)], capture_output=True, text=True, cwd=ROOT,
                               env=dict(os.environ), check=True)
            outs[jobs, fmt] = (r.stdout, r.stderr)
    assert outs[1, "json"] == outs[2, "json"]
    assert outs[1, "csv"] == outs[2, "csv"]
    assert len(json.loads(outs[1, "json"][0])) == 3
