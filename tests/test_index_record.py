"""The index runs the extraction without the stages it does not read (build.SKIPPED_STAGES,
types outside build.INDEXED_TYPES): the field values must be those of the full pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.extract.pipeline import build_context, run
from itp_docs.index import build as B
from itp_docs.index import record
from itp_docs.load import read_document

CORPUS = sorted(p for p in (Path(__file__).resolve().parents[1] / "corpus").iterdir() if p.is_file())


def _fields(path: Path, lean: bool) -> dict:
    doc = read_document(path)
    ctx = build_context(doc.text, doc.source, doc.title)
    if lean:
        run(ctx, B.INDEXED_TYPES, skip=B.SKIPPED_STAGES)
    else:
        run(ctx)
    rec = record.build(doc, ctx, "state", "id")
    return {k: [(t.norm, t.lemma, t.keys) for t in v.tokens] if hasattr(v, "tokens") else v for k, v in rec.items()}


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_index_record_is_the_full_pipelines(path):
    assert _fields(path, lean=True) == _fields(path, lean=False)
