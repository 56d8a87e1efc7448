"""Every lexicon file is valid, and the validator really catches the faults it claims to."""
from pathlib import Path

import pytest

from itp_docs import lexicon


def test_all_lexicons_are_clean():
    problems = {n: p for n, p in lexicon.validate_all().items() if p}
    assert not problems, "\n".join(x for p in problems.values() for x in p[:20])


def test_every_lexicon_is_documented():
    readme = (lexicon.lexicon_dir() / "README.md").read_text(encoding="utf-8")
    missing = [n for n in lexicon.names() if f"`{n}`" not in readme]
    assert not missing, f"lexicons/README.md does not document: {missing}"


def _write(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")


def test_validator_finds_duplicates_letters_and_broken_refs(tmp_path):
    _write(tmp_path, "orgs.tsv", "# key: id,lang,name\nid\tlang\tname\nsk\tkk\tСамрұқ-Қазына\nsk\tru\tСамрук-Казына\n")
    _write(tmp_path, "bad.tsv",
           "# key: kk\n# ref: org -> orgs.tsv:id\n"
           "kk\tru\torg\n"
           "министрлiк\tминистерство\tsk\n"      # Latin i inside a Cyrillic word
           "әкім\tаким\tsk\n"
           "ӘКІМ\tаким\tsk\n"                    # duplicate key after case folding
           "қала\tқала\tnowhere\n")              # Kazakh letters in ru column, broken ref
    probs = "\n".join(lexicon.validate("bad.tsv", tmp_path))
    assert "mixes Latin and Cyrillic" in probs
    assert "duplicate of line" in probs
    assert "Kazakh-only letter in a Russian column" in probs
    assert "points nowhere" in probs
    assert lexicon.validate("orgs.tsv", tmp_path) == []


def test_lang_column_drives_script_checks(tmp_path):
    _write(tmp_path, "n.tsv", "name\tlang\nBaibek\tlat\nБайбек\tlat\nБайбек\tkk\n")
    probs = lexicon.validate("n.tsv", tmp_path)
    assert len(probs) == 1 and "Cyrillic letter in a Latin column" in probs[0]


def test_multi_values_and_ragged_rows(tmp_path):
    _write(tmp_path, "m.tsv", "# multi: forms\nlemma\tforms\nқаңтар\tқаңтар|қаңтарда|қаңтарда\n")
    assert any("repeated value" in p for p in lexicon.validate("m.tsv", tmp_path))
    _write(tmp_path, "r.tsv", "a\tb\nx\n")
    assert any("1 cells" in p for p in lexicon.validate("r.tsv", tmp_path))
    lex = lexicon.load("m", tmp_path)
    assert lex.rows[0]["forms"] == ["қаңтар", "қаңтарда", "қаңтарда"]
