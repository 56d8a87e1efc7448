"""Tests for itp_docs.lang.normalize: every repair, the words that must stay, and the offset map."""
from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itp_docs import lexicon
from itp_docs.lang.normalize import normalize, normalize_word, repair_mojibake

RU = ("Правительство Республики Казахстан рассмотрело ход реализации государственной программы "
      "«Цифровой Казахстан» и поручило министерству подготовить предложения до конца года. "
      "По словам министра, объём инвестиций в технопарк составил 12 млрд тенге, а число "
      "участников выросло на 15 процентов. Ещё одна встреча состоится в Алматы в сентябре.")
KK = ("Қазақстан Республикасының Үкіметі «Цифрлы Қазақстан» мемлекеттік бағдарламасының "
      "орындалу барысын қарады және министрлікке жыл соңына дейін ұсыныстар әзірлеуді "
      "тапсырды. Министрдің айтуынша, технопаркке салынған инвестиция көлемі 12 млрд теңгені "
      "құрады, ал қатысушылар саны 15 пайызға өсті. Келесі кездесу қыркүйек айында өтеді.")
FR = "Le comité a été créé à Genève; où était-il déjà? À côté du café, Ève et Zoë."
DE = "Die Größe der Straße überrascht München: Äpfel, Öl und Übung für Jürgen."


_DELETED = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\r]")


def _source_of_word(norm, start: int, end: int, src: str) -> str:
    """Input behind output [start, end), without the characters normalize deletes (a span
    end may reach past a deletion that follows the word)."""
    s, e = norm.offsets.span(start, end)
    return _DELETED.sub("", src[s:e])


# ----------------------------------------------------------------------------- homoglyphs

@pytest.mark.parametrize("damaged, repaired", [
    ("Үкiметiне", "Үкіметіне"),          # Latin i in a Kazakh word
    ("iске асыру", "іске асыру"),        # at the start of a word
    ("ҚАУЛЫ ЕТЕДI", "ҚАУЛЫ ЕТЕДІ"),      # capital I at the end
    ("кəсіпорындарға", "кәсіпорындарға"),  # Latin schwa U+0259
    ("ƏЛЕМ", "ӘЛЕМ"),                    # capital schwa U+018F
    ("прогрaмма", "программа"),          # Russian with Latin a
    ("PЕСПУБЛИКА", "РЕСПУБЛИКА"),        # Latin capital P
    ("KОМИТЕТ", "КОМИТЕТ"),
    ("сeйсмикалық", "сейсмикалық"),
    ("Шаhар", "Шаһар"),                  # Latin h for Kazakh һ
    ("Almаty", "Almaty"),                # Cyrillic а in a Latin word
    ("Kazakhtеlecom", "Kazakhtelecom"),
    ("Samruk-Kazynа", "Samruk-Kazyna"),
    ("ТЕХНОПАРК Almaty Tech Gаrden", "ТЕХНОПАРК Almaty Tech Garden"),
])
def test_homoglyphs_repaired(damaged: str, repaired: str) -> None:
    n = normalize(damaged)
    assert n.text == repaired
    assert n.repairs.get("homoglyph", 0) >= 1
    assert len(n.text) == len(damaged) and n.offsets.is_identity  # 1:1, no map segments


@pytest.mark.parametrize("text", [
    "AlmatyTechGarden", "KAZNEX INVEST", "IT", "IT-компаниялар", "АҚ-ы", "ЭКСПО-2017",
    "«Air Astana» және «KBTU»", "PhD докторы", "Самрұқ-Қазына", "Zakon.kz", "ҚР", "РК",
    "Ivanov", "Иванов", "IV-тоқсан", "XXI ғасыр",
])
def test_legitimate_words_stay(text: str) -> None:
    n = normalize(text)
    assert n.text == text
    assert "homoglyph" not in n.repairs


def test_homoglyph_tie_follows_context() -> None:
    # "Iс": Latin I + Cyrillic с, both have look-alikes: the surrounding script decides.
    assert normalize("Iс-шаралар жоспары").text == "Іс-шаралар жоспары"
    assert normalize("The Iс value is here").text == "The Ic value is here"


def test_one_letter_words_follow_their_neighbours() -> None:
    assert normalize("Он пришёл c другом и o нём").text == "Он пришёл с другом и о нём"
    assert normalize("пункт a) және").text == "пункт а) және"
    for text in ("a cat and a dog", "x = 5 және y", "Алматы, A", "Plan B жоспары", "A-тобы"):
        assert normalize(text).text == text


def test_mixed_word_with_letters_of_both_scripts_is_left_alone() -> None:
    # Q and ә have no look-alikes: a real mixture (e.g. transliteration in progress), not damage.
    assert normalize("Qазақ").text == "Qазақ"


# ----------------------------------------------------------------------------- mojibake

@pytest.mark.parametrize("text", [RU, KK])
def test_mojibake_utf8_read_as_cp1251(text: str) -> None:
    damaged = text.encode("utf-8").decode("cp1251", errors="replace")
    n = normalize(damaged)
    assert n.text == normalize(text).text
    assert n.repairs["mojibake"] > 5
    # 2:1 repair: a word maps back to its damaged form
    w = re.search(r"Казахстан|Қазақстан", n.text)
    src = _source_of_word(n, w.start(), w.end(), damaged)
    assert src.encode("cp1251", errors="replace").decode("utf-8") == w.group()


def _whatwg_cp1252(data: bytes) -> str:
    """CP1252 as browsers and Windows decode it: the five undefined bytes become C1 controls."""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("text", [RU, KK])
def test_mojibake_utf8_read_as_cp1252(text: str) -> None:
    damaged = _whatwg_cp1252(text.encode("utf-8"))
    assert normalize(damaged).text == normalize(text).text
    # A strict decoder lost the bytes CP1252 lacks: those letters become U+FFFD, not guesses.
    lossy = text.encode("utf-8").decode("cp1252", errors="replace")
    out = normalize(lossy).text
    expected = normalize(text).text
    assert len(out) == len(expected)
    assert all(a == b or a == "\ufffd" for a, b in zip(out, expected))
    assert 0 < out.count("\ufffd") < len(out) / 10


def test_mojibake_cp1251_read_as_latin1() -> None:
    damaged = RU.encode("cp1251").decode("latin-1")
    n = normalize(damaged)
    assert n.text == normalize(RU).text
    assert len(n.text) == len(damaged) and n.offsets.is_identity  # 1:1
    assert normalize("Ïàðê èíôîðìàöèîííûõ òåõíîëîãèé").text == "Парк информационных технологий"


def test_mojibake_kz1048_read_as_latin() -> None:
    damaged = KK.encode("kz1048").decode("latin-1")
    assert normalize(damaged).text == normalize(KK).text
    # CP1252 has no character for Қ/қ (0x8D/0x9D): a strict decoder left U+FFFD, and only the
    # case is guessed (capital at a sentence start), so compare case-insensitively.
    lossy = KK.encode("kz1048").decode("cp1252", errors="replace")
    assert "\ufffd" in lossy
    assert normalize(lossy).text.lower() == normalize(KK).text.lower()


@pytest.mark.parametrize("text", [FR, DE, "Ça va? À bientôt.", "Café Müller, São Paulo"])
def test_no_false_mojibake_repair_of_latin1_text(text: str) -> None:
    assert repair_mojibake(text) is None
    assert normalize(text).text == text


@pytest.mark.parametrize("text", [
    RU, KK, "СЭЗ «ПИТ» и «ТОР»", "ЖЕРІ БАРЛЫҚ СІЗДІҢ ТӨРІ", "В«IT» кластері", "Сі ті",
    "№ 449 Жарлығы", "Рё",
])
def test_no_false_mojibake_repair_of_cyrillic_text(text: str) -> None:
    assert repair_mojibake(text) is None


def test_short_mojibake_runs_need_evidence() -> None:
    # "РІ" alone could be a stray pair; next to unambiguous damage it is the word "в".
    assert repair_mojibake("РІ") is None
    assert repair_mojibake("РІ РђР»РјР°С‚С‹") == "в Алматы"


# ----------------------------------------------------------------------------- typography

def test_quotes_by_position() -> None:
    assert normalize('"Самрұқ-Қазына" Ұлттық әл-ауқат қоры" АҚ').text == \
        "«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ"
    assert normalize("„Цифровой Казахстан“").text == "«Цифровой Казахстан»"
    assert normalize("“Digital Kazakhstan” ‹x›").text == "«Digital Kazakhstan» «x»"
    assert normalize('деді:"Біз', ).text == "деді:«Біз"
    assert normalize('АҚ,"Қазақтелеком"').text == "АҚ, «Қазақтелеком»"
    assert normalize('a " b').text == 'a " b'  # between spaces: undecidable, kept
    n = normalize('«a» "b" “c”')
    assert n.repairs["quotes"] == 4


def test_apostrophes_dashes_hyphens_spaces() -> None:
    n = normalize("Qazaqstan Respy’blikasy ‘x’ ʻa ʼb `c´")
    assert n.text == "Qazaqstan Respy'blikasy 'x' 'a 'b 'c'"
    assert normalize("2014—2018 жылдар ― a ‒ b").text == "2014–2018 жылдар – a – b"
    assert normalize("−5 % және 3−2").text == "-5 % және 3–2"
    assert normalize("ИТП‐нің АЭА‑ның").text == "ИТП-нің АЭА-ның"
    n = normalize("95\u00a0млрд\u2009теңге\u202fжәне\u3000x")
    assert n.text == "95 млрд теңге және x"
    assert n.repairs["spaces"] == 4
    assert normalize("1.\t|\tмәтін\n2.\t|\tмәтін").text == "1.\t|\tмәтін\n2.\t|\tмәтін"


def test_crlf_and_invisible_characters() -> None:
    src = "жол\r\nекінші\rүшінші\u2028төрт"
    n = normalize(src)
    assert n.text == "жол\nекінші\nүшінші\nтөрт"
    src = "\ufeffин\u00adвести\u200bции\u200d в\u2060 Алматы"
    n = normalize(src)
    assert n.text == "инвестиции в Алматы"
    assert n.repairs["invisible"] == 5
    w = n.text.index("Алматы")
    assert n.offsets.to_source(w) == src.index("Алматы")
    s, e = n.offsets.span(0, len("инвестиции"))
    assert src[s:e].startswith("ин\u00adвести\u200bции")


def test_nfc() -> None:
    src = "Жаңа йод и\u0306од ё е\u0308ж \u2126"
    n = normalize(src)
    assert n.text == "Жаңа йод йод ё ёж Ω"
    assert n.repairs["nfc"] == 3
    i = n.text.index("ёж")
    assert n.offsets.to_source(i + 1) == src.index("ж")


# ----------------------------------------------------------------------------- lost spaces

@pytest.mark.parametrize("glued, split", [
    ("2013 жылғытамыз", "2013 жылғы тамыз"),
    ("2013 жылғықыркүйек", "2013 жылғы қыркүйек"),
    ("2016 жылғыІ-тоқсан", "2016 жылғы І-тоқсан"),
    ("2016 жылғыIV-тоқсан", "2016 жылғы IV-тоқсан"),
    ("2017 жылдыңбірінші тоқсаны", "2017 жылдың бірінші тоқсаны"),
    ("2018 ЖЫЛҒЫТОҚСАН", "2018 ЖЫЛҒЫ ТОҚСАН"),
    ("итоги 2016 годапервого квартала", "итоги 2016 года первого квартала"),
    ("Сондықтан,жиын", "Сондықтан, жиын"),
    ("(келісім бойынша),жұмыс тобы", "(келісім бойынша), жұмыс тобы"),
    ("Поэтому;встреча", "Поэтому; встреча"),
    ("деп атап өтті.Сонымен қатар", "деп атап өтті. Сонымен қатар"),
    ("составил 3 млрд.тенге", "составил 3 млрд. тенге"),
])
def test_lost_spaces_restored(glued: str, split: str) -> None:
    n = normalize(glued)
    assert n.text == split
    assert n.repairs["glued"] == 1
    assert normalize(glued, glue=False).text == glued


@pytest.mark.parametrize("text", [
    "2,3 млрд", "т.б.", "т.с.с.", "Б.Байбек", "Б.Ж.Байбек", "Zakon.kz", "primeminister.kz",
    "сайт.рф", "жылқы", "жылнама", "жылыжай", "годами", "https://сайт.қаз/а,б", "x@пошта.қаз",
    "1.Басқару", "жылы тамызда",
])
def test_no_false_splits(text: str) -> None:
    assert normalize(text).text == text


def test_glue_months_come_from_months_lexicon(tmp_path, monkeypatch) -> None:
    """Month forms come from months.tsv; without it only glue.tsv's own right words split."""
    src = lexicon.lexicon_dir()
    for name in ("homoglyphs.tsv", "glue.tsv"):
        shutil.copy(src / name, tmp_path / name)
    monkeypatch.setenv("ITP_DOCS_LEXICONS", str(tmp_path))
    assert normalize("2013 жылғытамыз").text == "2013 жылғытамыз"   # no months.tsv
    assert normalize("2016 жылғыІ-тоқсан").text == "2016 жылғы І-тоқсан"
    (tmp_path / "months.tsv").write_text(
        "# multi: forms\nnumber\tlang\tname\tforms\n"
        "8\tkk\tтамыз\tтамыз|тамызда|тамыздағы|тамызға\n"
        "8\tru\tавгуст\tавгуст|августа|августе\n", encoding="utf-8")
    assert normalize("2013 жылғытамыз").text == "2013 жылғы тамыз"
    assert normalize("2013 жылғытамызда").text == "2013 жылғы тамызда"
    assert normalize("2013 жылғықыркүйек").text == "2013 жылғықыркүйек"  # not in this months.tsv


def test_shipped_lexicons_are_valid() -> None:
    assert lexicon.validate("homoglyphs.tsv") == []
    assert lexicon.validate("glue.tsv") == []


# ----------------------------------------------------------------------------- words, API

def test_normalize_word() -> None:
    assert normalize_word("Үкiметiне") == "Үкіметіне"
    assert normalize_word("жылғытамыз") == "жылғытамыз"  # one token stays one token
    assert normalize_word("ин\u00adвестиции") == "инвестиции"
    assert normalize_word("Байбек’тің") == "Байбек'тің"
    assert normalize_word("Ïàðê") == "Парк"


_WORD_CHARS = st.sampled_from(list(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБЁІӘ" "aceiopxyABCEHKMOPTXYəƏ"
    "0123456789-.'«»\"’\u00ad\u0306ÀàðÐ°Ñ"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD_CHARS, min_size=1, max_size=12).map("".join))
def test_normalize_word_fast_path_agrees(word: str) -> None:
    normalize_word.cache_clear()
    assert normalize_word(word) == normalize(word, glue=False).text


def test_clean_text_is_untouched() -> None:
    for text in (RU, KK, FR, DE, "", " ", "\n\t\n"):
        n = normalize(text)
        assert n.text == text and n.repairs == {} and n.offsets.is_identity


def test_pathological_inputs_stay_correct() -> None:
    """Linear-time guards: long lines, thousands of unbalanced quotes, glued punctuation."""
    assert normalize("а" * 200_000).text == "а" * 200_000
    assert normalize('"' * 5000).text.count("»") == 4999
    assert normalize("сөз," * 20_000).repairs["glued"] == 19_999
    assert normalize("аa" * 50_000).repairs["homoglyph"] == 1
    assert normalize("Р°" * 50_000).text == "а" * 50_000


# ----------------------------------------------------------------------------- offsets

_ALPHABET = st.sampled_from(list(
    "абвгдежзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВЖЗИКҚӘІ" "abcdeiopxyzABEKMHOPCTXY"
    "0123456789 ,.;:-–—\"'«»„“”‘’()\n\t\r" "\u00a0\u2009\u00ad\u200b\ufeff\u0306\u0308\u2028"
    "ÀÏàðêÐŸ°")) | st.sampled_from(["\r\n", "жылғы", "тоқсан", "тамыз", "Р°", "Рё", "и\u0306"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offsets_monotone_and_consistent(src: str) -> None:
    n = normalize(src)
    m = n.offsets
    if not m.is_identity:
        assert m.to_source(len(n.text), "end") == len(src)
    prev = 0
    for i in range(len(n.text) + 1):
        p = m.to_source(i)
        assert 0 <= p <= len(src)
        assert p >= prev
        prev = p


_WORDS = st.sampled_from(["Қазақстан", "Республикасы", "инвестиции", "Алматы", "жылы",
                          "2018", "ИТП-нің", "Samruk", "Kazyna", "млрд", "тамыз"])
_SEPS = st.sampled_from([" ", "  ", "\n", "\r\n", "\t|\t", "\u00a0", " — ", ", ", ' "', '" ',
                         "\u200b ", " \ufeff", "\u00ad ", "\u2009"])
_INSIDE = st.sampled_from(["", "", "", "\u00ad", "\u200b"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WORDS, _INSIDE, _SEPS), min_size=1, max_size=20))
def test_unchanged_words_map_to_themselves(parts) -> None:
    pieces = []
    for word, inside, sep in parts:
        k = len(word) // 2
        pieces.append(word[:k] + inside + word[k:] + sep)
    src = "".join(pieces)
    n = normalize(src)
    words = re.findall(r"[^\W_]+(?:-[^\W_]+)*", n.text)
    assert words == [w for w, _, _ in parts for w in re.findall(r"[^\W_]+(?:-[^\W_]+)*", w)]
    for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)*", n.text):
        assert _source_of_word(n, m.start(), m.end(), src) == m.group()


def test_glued_bare_numeral_before_a_listed_word() -> None:
    from itp_docs.lang.normalize import normalize

    assert normalize("2016 жылғыІ тоқсан").text == "2016 жылғы І тоқсан"
    assert normalize("2019 жылғыIV тоқсан").text == "2019 жылғы IV тоқсан"
    assert normalize("жылғыі үй").text == "жылғыі үй"  # no listed word after: left alone
