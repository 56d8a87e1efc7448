"""``--types`` leaves out the stages of unwanted entity types, but never changes the wanted
ones: a stage that reads another's results (orgs stop at persons, places skip organizations,
linking settles overlaps among the name types) keeps it (pipeline.NAME_GROUP)."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.extract.model import ENTITY_TYPES
from itp_docs.extract.pipeline import extract_document, extract_text, stages
from itp_docs.load import read_document

CORPUS = sorted(p for p in (Path(__file__).resolve().parents[1] / "corpus").iterdir() if p.is_file())


@pytest.mark.parametrize("path", CORPUS[::2], ids=[p.name for p in CORPUS[::2]])
def test_one_type_gives_the_entities_of_a_full_run(path):
    doc = read_document(path)
    full = extract_document(doc).to_json(doc.raw)
    for t in ENTITY_TYPES:
        alone = extract_document(doc, [t]).to_json(doc.raw, {t})
        assert alone["entities"] == [e for e in full["entities"] if e["type"] == t], t


@pytest.mark.parametrize("text", [
    "Контроль за исполнением возложить на депутата Сената Т. Оразалыева.",
    "Алматы қаласының әкімі Бауыржан Байбек «Самұрық-Қазына» АҚ басшысымен кездесті.",
])
def test_organizations_alone_stop_at_person_names(text):
    full = [e.text for e in extract_text(text).entities if e.type == "ORG"]
    assert [e.text for e in extract_text(text, types=["ORG"]).entities] == full


def test_number_types_alone_skip_the_name_stages():
    names = {n for n, _f in stages(["MONEY"])}
    assert "money" in names and not names & {"persons", "orgs", "places", "programs"}
