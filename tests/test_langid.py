"""Language identification: our written samples, the neighbour-language traps, paragraphs, hints.

Samples live in tests/data/langid/ (written for this project): samples.tsv was tuned on,
heldout.tsv was written after tuning and only measured; docs/ are mixed documents with a true
label per line (docs.tsv).
"""
from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itp_docs.lang import langid
from itp_docs.lang.langid import dominant, identify, identify_paragraphs, scores, word_lang

DATA = Path(__file__).parent / "data" / "langid"
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _rows(name: str) -> list[tuple[str, str, str]]:
    lines = [ln for ln in (DATA / name).read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.startswith("#")]
    return [tuple(ln.split("\t")) for ln in lines[1:]]


SAMPLES = _rows("samples.tsv")
HELDOUT = _rows("heldout.tsv")


def _accuracy_by_label(rows):
    hits = defaultdict(list)
    for label, kind, text in rows:
        hits[label].append(identify(text) == label)
    return {lab: sum(v) / len(v) for lab, v in hits.items()}, hits


def test_samples_cover_every_label_and_trap():
    kinds = {kind for _, kind, _ in SAMPLES}
    assert len(SAMPLES) >= 60
    assert {"uz-Cyrl", "uz-Latn", "ky", "tt", "uk", "en", "homoglyph", "title",
            "latn-2017", "latn-2018", "latn-2021", "latn-press"} <= kinds


@pytest.mark.parametrize("label,kind,text", [r for r in SAMPLES if r[0] in ("kk", "ru")],
                         ids=lambda x: x[:40] if isinstance(x, str) else None)
def test_every_kazakh_and_russian_sample(label, kind, text):
    assert identify(text) == label, langid.evidence(text)


def test_per_label_floors_on_samples():
    # kk and ru: every sample (the project's two languages); kk-Latn and other: a floor that
    # leaves room for one miss in twenty without letting a whole alphabet or trap family fail.
    acc, _ = _accuracy_by_label(SAMPLES)
    assert acc["kk"] == 1.0 and acc["ru"] == 1.0
    assert acc["kk-Latn"] >= 0.95
    assert acc["other"] >= 0.95


def test_heldout_floors():
    # Written after tuning; measured 47/48 (one short Ukrainian title taken for Kazakh).
    acc, hits = _accuracy_by_label(HELDOUT)
    assert acc["kk"] >= 0.9 and acc["ru"] == 1.0 and acc["kk-Latn"] >= 0.8
    assert acc["other"] >= 0.85
    assert sum(sum(v) for v in hits.values()) / len(HELDOUT) >= 0.93


@pytest.mark.parametrize("kind", ["uz-Cyrl", "uz-Latn", "ky", "tt", "uk", "en", "be", "bg", "tr", "az"])
def test_neighbour_languages_are_not_kazakh_or_russian(kind):
    texts = [t for lab, k, t in SAMPLES + HELDOUT if k == kind]
    assert texts
    wrong = [t for t in texts if identify(t) in ("kk", "ru", "kk-Latn")]
    # one short, cue-poor Ukrainian title in the held-out set is the known exception
    assert len(wrong) <= (1 if kind == "uk" else 0), wrong


@pytest.mark.parametrize("kind", ["latn-2017", "latn-2018", "latn-2021", "latn-press"])
def test_each_latin_alphabet_is_kazakh_latin(kind):
    texts = [t for lab, k, t in SAMPLES + HELDOUT if k == kind]
    assert texts and all(identify(t) == "kk-Latn" for t in texts)


def test_short_titles():
    for lab, kind, text in SAMPLES + HELDOUT:
        if kind == "title" and lab in ("kk", "ru"):
            assert len(text.split()) <= 8
            assert identify(text) == lab, text
    assert identify("Цифровой Казахстан: итоги года") == "ru"
    assert identify("Цифрлық Қазақстан: алғашқы нәтижелер") == "kk"
    assert identify("Digital Kazakhstan: first results") == "other"
    assert identify("Jaña jobalar") == "kk-Latn"


def test_homoglyph_damage_does_not_change_the_answer():
    repaired = "Жергілікті атқарушы органдар Жол картасын іске асыру бойынша шаралар қабылдасын."
    damaged = repaired.replace("і", "i")           # Latin i, as in real decrees
    assert damaged != repaired
    assert identify(damaged) == identify(repaired) == "kk"
    assert word_lang("Үкiметiне") == "kk"
    assert word_lang("кəсіпорындар") == "kk"         # Latin schwa U+0259
    assert identify("Министерство инфoрмации и кoммуникаций подвело итоги года.") == "ru"


def test_russian_text_with_kazakh_names_stays_russian():
    assert identify("Глава государства Қасым-Жомарт Тоқаев провел совещание по вопросам цифровизации.") == "ru"
    assert identify("Ерболат Досаев, Жеңіс Қасымбек и Даурен Абаев обсудили ход реализации проекта.") == "ru"


def test_no_letters_or_empty_is_other():
    for text in ("", "   \n\n", "2018 | 12,5 | 100%", "— — —", "№ 449"):
        assert identify(text) == "other"
        assert scores(text)["other"] == 1.0
        assert dominant(text) == "other"
    assert identify_paragraphs("") == []


def test_scores_are_a_distribution():
    s = scores("Алматы қаласының әкімі жаңа жобалар туралы айтты.")
    assert set(s) == set(langid.LABELS)
    assert abs(sum(s.values()) - 1.0) < 1e-9
    assert max(s, key=s.get) == "kk" and s["kk"] > 0.6


def test_decomposed_acute_letters_read_like_precomposed():
    text = "Mınıstrliktiń málimetinshe, ótken jyly elimizde úsh myńnan astam startap tirkelgen."
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert identify(nfd) == identify(text) == "kk-Latn"


def test_paragraph_offsets_and_merging():
    kk = "Бүгін Алматыда цифрлық технологиялар орталығы ашылды."
    ru = "Пресс-служба акимата сообщает, что центр будет работать ежедневно."
    text = f"  {kk}  \r\n\r\n12.03.2019\n{ru}\n\n\n"
    paras = identify_paragraphs(text)
    k0 = text.index(kk)
    r0 = text.index(ru)
    # the date line has no language: it joins the preceding Kazakh paragraph
    assert paras == [(k0, text.index("2019") + 4, "kk"), (r0, r0 + len(ru), "ru")]
    # a leading line without evidence joins the first real paragraph
    text2 = f"2019\n{ru}"
    assert identify_paragraphs(text2) == [(0, len(text2), "ru")]
    # spans are trimmed, ordered, non-overlapping
    for s, e, _ in paras:
        assert text[s:e] == text[s:e].strip()


def test_mixed_documents_line_by_line():
    for fname, want_dom, truth in _rows("docs.tsv"):
        text = (DATA / "docs" / fname).read_text(encoding="utf-8")
        paras = identify_paragraphs(text)
        lines = [(i, ln) for i, ln in _line_starts(text)]
        assert len(lines) == len(truth.split("|")), fname
        for (start, line), want in zip(lines, truth.split("|")):
            if want == "-":
                continue
            got = [lab for s, e, lab in paras if s <= start < e]
            assert got == [want], (fname, line)
        assert dominant(text) == want_dom, fname


def _line_starts(text: str):
    pos = 0
    for ln in text.split("\n"):
        if ln.strip():
            yield pos + len(ln) - len(ln.lstrip()), ln
        pos += len(ln) + 1


def test_dominant_weights_by_length():
    kk = "Ауылдық елді мекендерді кең жолақты интернетке қосу жұмыстары 2020 жылға дейін аяқталуы тиіс. "
    ru = "В этом году к широкополосному интернету будут подключены еще 1 200 сел. "
    assert dominant(kk * 3 + "\n\n" + ru) == "kk"
    assert dominant(kk + "\n\n" + ru * 3) == "ru"


def test_long_text_is_sampled_and_consistent():
    kk = "Министрдің айтуынша, биыл ауылдық елді мекендерге кең жолақты интернет жеткізіледі.\n"
    long = kk * 5000
    assert len(long) > 10 * langid.SAMPLE_CHARS
    assert identify(long) == "kk" and dominant(long) == "kk"
    ru_tail = "Правительство Республики Казахстан постановляет утвердить план мероприятий.\n" * 5000
    assert dominant(long + ru_tail * 2) == "ru"


def test_word_lang_hints():
    assert word_lang("Қасым-Жомарт") == "kk"
    assert word_lang("жылғы") == "kk"
    assert word_lang("туралы") == "kk"
    assert word_lang("государственного") == "ru"
    assert word_lang("что") == "ru"
    assert word_lang("ещё") == "ru"
    assert word_lang("jäne") == "kk-Latn"
    assert word_lang("boiynşa") == "kk-Latn"
    # undecidable: shared loanwords, names, foreign letters, English
    for w in ("программа", "объект", "Алматы", "ўзбек", "қўл", "їх", "the", "2018", ""):
        assert word_lang(w) is None, w


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("аәбвгғқңөұүһіыeiqñ'- \n.,«»ABCЖЁ12"), max_size=200))
def test_never_fails_and_paragraphs_are_well_formed(text):
    assert identify(text) in langid.LABELS
    assert abs(sum(scores(text).values()) - 1.0) < 1e-9
    last = 0
    for s, e, lab in identify_paragraphs(text):
        assert last <= s < e <= len(text) and lab in langid.LABELS
        last = e


def test_seed_documents_match_gold_language():
    seeds, gold = SHARED / "seeds", SHARED / "eval" / "gold" / "seeds"
    if not gold.is_dir():
        pytest.skip("../shared/eval/gold/seeds not available (fresh clone): seed check skipped")
    for g in sorted(gold.glob("*.json")):
        want = json.loads(g.read_text(encoding="utf-8"))["lang"]
        text = (seeds / f"{g.stem}.txt").read_text(encoding="utf-8")
        assert identify(text) == want and dominant(text) == want, g.stem
