"""Tests for itp_docs.load and itp_docs.lang.encodings: encodings, HTML, Markdown, bad input.

Every sample file is generated in tmp_path from the Kazakh and Russian texts below.
"""
from __future__ import annotations

import html
import os
import random
import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from itp_docs.lang.encodings import decode_bytes, plausibility
from itp_docs.lang.normalize import normalize, normalize_word
from itp_docs.load import (SUPPORTED_SUFFIXES, Document, LoadError, decode, html_to_text,
                           iter_documents, markdown_to_text, read_document)

RU = ("Правительство Республики Казахстан рассмотрело ход реализации государственной программы "
      "«Цифровой Казахстан» и поручило министерству подготовить предложения до конца года. "
      "По словам министра, объём инвестиций в технопарк составил 12 млрд тенге, а число "
      "участников выросло на 15 процентов. Ещё одна встреча состоится в Алматы в сентябре.\n"
      "Аким города Бауыржан Байбек отметил, что резиденты парка получили налоговые льготы.")
KK = ("Қазақстан Республикасының Үкіметі «Цифрлы Қазақстан» мемлекеттік бағдарламасының "
      "орындалу барысын қарады және министрлікке жыл соңына дейін ұсыныстар әзірлеуді "
      "тапсырды. Министрдің айтуынша, технопаркке салынған инвестиция көлемі 12 млрд теңгені "
      "құрады, ал қатысушылар саны 15 пайызға өсті. Келесі кездесу қыркүйек айында өтеді.\n"
      "Алматы қаласының әкімі Бауыржан Байбек саябақ резиденттері салық жеңілдіктерін алғанын "
      "атап өтті.")
# Which (language, encoding) pairs exist: CP1251, KOI8-R and CP866 cannot encode Kazakh letters.
ENCODINGS = {
    "ru": ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1251", "koi8-r",
           "cp866", "kz1048"],
    "kk": ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "kz1048"],
}
TEXTS = {"ru": RU, "kk": KK}
# Russian text decodes identically in CP1251 and KZ-1048; either name is right.
SAME = {("ru", "kz1048"): {"kz1048", "cp1251"}}


def _encodable(text: str, enc: str) -> str:
    """The text as a file in ``enc`` can hold it: KOI8-R and CP866 have no «», so "" it is."""
    try:
        text.encode(enc)
        return text
    except UnicodeEncodeError:
        return text.replace("«", '"').replace("»", '"')


def _write(tmp_path, name: str, data: bytes | str, encoding: str = "utf-8"):
    p = tmp_path / name
    p.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return p


# ----------------------------------------------------------------------------- encodings

@pytest.mark.parametrize("lang,enc", [(lang, e) for lang, encs in ENCODINGS.items() for e in encs])
def test_encoding_round_trip(tmp_path, lang: str, enc: str) -> None:
    text = _encodable(TEXTS[lang], enc)
    p = _write(tmp_path, f"{lang}_{enc}.txt", text, enc)
    doc = read_document(p)
    assert doc.raw == text
    assert doc.text == normalize(text).text
    assert doc.encoding in SAME.get((lang, enc), {enc})
    assert doc.fmt == "txt" and doc.title is None


def _samples() -> list[tuple[str, str, str]]:
    """(language, encoding, text) for sentences, lines and case variants of the sample texts."""
    out = []
    rng = random.Random(7)
    for lang, text in TEXTS.items():
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
        pieces = sentences + [text, text.upper(), text.lower()]
        pieces += [" ".join(sentences[i:i + 2]) for i in range(len(sentences) - 1)]
        pieces += [s.upper() for s in sentences]
        pieces += [" ".join(rng.sample(sentences, len(sentences))) for _ in range(3)]
        for piece in pieces:
            for enc in ENCODINGS[lang]:
                out.append((lang, enc, _encodable(piece, enc)))
    return out


def test_detection_accuracy_on_generated_samples() -> None:
    """Every sample decodes to its own text; the figure for short fragments is printed by
    bench/load_speed.py (on held-out text)."""
    wrong = []
    samples = _samples()
    for lang, enc, text in samples:
        got_text, got_enc, _ = decode_bytes(text.encode(enc))
        if got_text != text or got_enc not in SAME.get((lang, enc), {enc}):
            wrong.append((lang, enc, got_enc, text[:40]))
    assert len(samples) > 250
    assert wrong == []


def test_plausibility_prefers_the_right_code_page() -> None:
    data = _encodable(RU, "koi8-r").encode("koi8-r")
    assert plausibility(data.decode("koi8-r")) > plausibility(data.decode("cp1251"))
    data = KK.encode("kz1048")
    assert plausibility(data.decode("kz1048")) > plausibility(data.decode("cp1251"))
    data = RU.lower().encode("cp1251")  # all lower case: the case pattern cannot tell
    assert plausibility(data.decode("cp1251")) > plausibility(data.decode("koi8-r"))


def test_ascii_is_utf8_and_decode_api() -> None:
    assert decode(b"plain ASCII text") == ("plain ASCII text", "utf-8")
    assert decode("Бақытжан Сағынтаев".encode("utf-16")) == ("Бақытжан Сағынтаев", "utf-16")
    with pytest.raises(LoadError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


@pytest.mark.parametrize("bom,codec", [(b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")])
def test_utf16_with_explicit_bom(tmp_path, bom: bytes, codec: str) -> None:
    doc = read_document(_write(tmp_path, "u16.txt", bom + KK.encode(codec)))
    assert (doc.raw, doc.encoding) == (KK, "utf-16")


def test_utf16_without_bom_needs_an_unmistakable_pattern() -> None:
    text, enc, _ = decode_bytes(KK.encode("utf-16-be"))
    assert (text, enc) == (KK, "utf-16-be")
    with pytest.raises(LoadError, match="NUL"):
        decode(b"abc\x00def\x00ghi\x00" * 10 + b"x")


def test_html_meta_charset_is_honoured(tmp_path) -> None:
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; '
            'charset=windows-1251"><title>Заголовок</title></head><body><p>' + RU +
            "</p></body></html>")
    doc = read_document(_write(tmp_path, "page.html", page, "cp1251"))
    assert doc.encoding == "cp1251"
    assert "Казахстан" in doc.text and doc.title == "Заголовок"


def test_small_utf8_damage_is_replaced_and_noted(tmp_path) -> None:
    data = (RU * 20).encode("utf-8")
    damaged = data[:1000] + b"\xff" + data[1000:]
    doc = read_document(_write(tmp_path, "damaged.txt", damaged))
    assert doc.encoding == "utf-8"
    assert doc.repairs["undecodable"] == 1
    assert doc.text.count("\ufffd") == 1


def test_heavy_utf8_damage_falls_back_to_single_byte(tmp_path) -> None:
    # UTF-8 and CP1251 mixed: over 0.1% of the bytes are invalid UTF-8 → single-byte detection
    data = RU.encode("utf-8") + b"\n" + RU.encode("cp1251")
    doc = read_document(_write(tmp_path, "mixed.txt", data))
    assert doc.encoding != "utf-8"
    # one stray CP1251 word in ASCII text is not "damaged UTF-8" either
    data = b"Report " * 300 + "Алматы".encode("cp1251") + b" end"
    doc = read_document(_write(tmp_path, "word.txt", data))
    assert doc.encoding == "cp1251" and "Алматы" in doc.text


def test_mojibake_file_is_repaired(tmp_path) -> None:
    damaged = KK.encode("utf-8").decode("cp1251")  # saved by a tool that misread it
    doc = read_document(_write(tmp_path, "moj.txt", damaged))
    assert doc.text == normalize(KK).text
    assert doc.repairs["mojibake"] > 10
    s, e = doc.raw_span(0, len("Қазақстан"))
    assert doc.raw[s:e].encode("cp1251").decode("utf-8") == "Қазақстан"


# ----------------------------------------------------------------------------- HTML

PAGE = """<!DOCTYPE html>
<html lang="kk"><head><meta charset="utf-8"><title>Жол картасы &amp; шаралар</title>
<script>var menu = "<p>мәзір</p>"; if (a < b) {}</script>
<style>p { color: red }</style></head>
<body>
<header class="site-header"><div class="logo">Порталы</div></header>
<nav><ul><li><a href="/">Басты бет</a></li><li><a href="/news">Жаңалықтар</a></li></ul></nav>
<div class="breadcrumbs">Басты / Құжаттар</div>
<div id="mainMenu">Мәзір</div>
<article>
  <header><h1>«ИТП» арнайы экономикалық аймағы</h1></header>
  <p>Қазақстан Республикасының Үкіметі&nbsp;<b>ҚАУЛЫ ЕТЕДІ</b>:
     &#1178;оса беріліп отырған &laquo;Жол картасы&raquo; бекітілсін.</p>
  <p>Екінші абзац<br>жаңа жол &amp; соңы<!-- түсініктеме --></p>
  <p style="display:none">жасырын мәтін</p>
  <table border="1">
    <tr><th>Р/с №</th><th>Іс-шаралар</th><th>Жауапты орындаушылар</th><th>Мерзімі</th></tr>
    <tr><td colspan="4">1. Кластерлерді дамыту</td></tr>
    <tr><td>1.</td><td>Басқарушы компанияны беру</td>
        <td><p>ИЖТМ</p><p>«ТДҰА» АҚ (келісім бойынша)</p></td><td>2013 жылғытамыз</td></tr>
    <tr><td>2.</td><td></td><td>ИЖТМ,<br>жұмыс тобы</td><td>2014 жыл</td></tr>
  </table>
  <div class="share-buttons">Бөлісу: Facebook</div>
  <div class="tags"><a>Алматы</a> <a>IT</a></div>
</article>
<aside>Ең көп оқылған</aside>
<form><input name="q"><button>Іздеу</button></form>
<footer>© 2018 Барлық құқықтар қорғалған. Бізді қадағалаңыз</footer>
</body></html>
"""


def _check_words_map_back(doc: Document) -> int:
    """Every word of the text maps to a raw span that, without tags, unescapes to that word."""
    checked = 0
    for m in re.finditer(r"[^\W_]+(?:-[^\W_]+)*", doc.text):
        s, e = doc.raw_span(m.start(), m.end())
        src = html.unescape(re.sub(r"<[^>]*>", "", doc.raw[s:e]))
        words = re.findall(r"[^\W_]+(?:-[^\W_]+)*", src)
        assert words and normalize_word(words[0]) == m.group(), (m.group(), doc.raw[s:e])
        checked += 1
    return checked


def test_html_main_text(tmp_path) -> None:
    doc = read_document(_write(tmp_path, "page.html", PAGE))
    assert doc.fmt == "html" and doc.title == "Жол картасы & шаралар"
    lines = doc.text.split("\n")
    assert lines[0] == "«ИТП» арнайы экономикалық аймағы"
    assert lines[1] == ("Қазақстан Республикасының Үкіметі ҚАУЛЫ ЕТЕДІ: Қоса беріліп отырған "
                        "«Жол картасы» бекітілсін.")
    assert lines[2:4] == ["Екінші абзац", "жаңа жол & соңы"]
    for gone in ("мәзір", "Мәзір", "Басты", "Порталы", "Бөлісу", "Facebook", "құқықтар",
                 "Іздеу", "жасырын", "оқылған", "color", "түсініктеме"):
        assert gone not in doc.text


def test_html_table_rows_are_pipe_lines(tmp_path) -> None:
    doc = read_document(_write(tmp_path, "page.html", PAGE))
    rows = [ln for ln in doc.text.split("\n") if "\t|\t" in ln or ln.startswith("1. ")]
    assert rows == [
        "Р/с №\t|\tІс-шаралар\t|\tЖауапты орындаушылар\t|\tМерзімі",
        "1. Кластерлерді дамыту",
        "1.\t|\tБасқарушы компанияны беру\t|\tИЖТМ; «ТДҰА» АҚ (келісім бойынша)\t|\t2013 жылғы тамыз",
        "2.\t|\t\t|\tИЖТМ, жұмыс тобы\t|\t2014 жыл",
    ]


def test_html_offsets_map_into_the_source(tmp_path) -> None:
    doc = read_document(_write(tmp_path, "page.html", PAGE))
    assert _check_words_map_back(doc) > 40
    # an entity maps to the whole entity, a separator to the tag that produced it
    i = doc.text.index("Қоса")
    assert doc.raw[doc.offsets.to_source(i):].startswith("&#1178;")
    i = doc.text.index("\t|\t")
    assert doc.raw[doc.offsets.to_source(i):].startswith("<th>")
    prev = 0
    for k in range(len(doc.text) + 1):
        p = doc.offsets.to_source(k)
        assert prev <= p <= len(doc.raw)
        prev = p


def test_html_title_falls_back_to_h1_and_layout_tables() -> None:
    page = ("<html><body><table><tr><td><div class='menu'>Мәзір</div></td><td>"
            "<h1>Басты тақырып</h1><p>Бірінші абзац.</p><table><tr><td>1.</td><td>Шара</td>"
            "</tr></table></td></tr></table></body></html>")
    text, fmap, title = html_to_text(page)
    assert title == "Басты тақырып"
    assert text.split("\n") == ["Басты тақырып", "Бірінші абзац.", "1.\t|\tШара"]


def test_html_all_boilerplate_falls_back_to_everything() -> None:
    text, _, _ = html_to_text("<html><body><div class='menu-wrapper'><p>Жалғыз мәтін</p>"
                              "</div></body></html>")
    assert text.strip() == "Жалғыз мәтін"


def test_html_pre_and_whitespace() -> None:
    text, _, _ = html_to_text("<p>  бір\n   екі  </p><pre>a  b\n  c</pre><p>үш</p>")
    assert text == "бір екі\na  b\n  c\nүш"


def test_html_without_text_is_an_error(tmp_path) -> None:
    p = _write(tmp_path, "empty.html", "<html><head><script>x()</script></head><body> </body></html>")
    with pytest.raises(LoadError, match="no text"):
        read_document(p)


_HTML_BITS = st.sampled_from([
    "<p>", "</p>", "<div class='menu'>", "</div>", "<br>", "<table>", "<tr>", "<td>", "</td>",
    "</tr>", "</table>", "<b>", "</b>", "&amp;", "&nbsp;", "&#1178;", "&laquo;", "&bogus;", "<",
    ">", "<!-- c -->", "<script>x<y</script>", "Алматы", "Қазақстан", " ", "\n", "ИТП-нің",
    "<pre>", "</pre>", "<li>", "<h1>", "</h1>", "<a href='x>y'>", "</a>",
])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_HTML_BITS, max_size=40).map("".join))
def test_html_offsets_property(page: str) -> None:
    text, fmap, _ = html_to_text(page)
    prev = 0
    for k in range(len(text) + 1):
        p = fmap.to_source(k)
        assert prev <= p <= len(page)
        prev = p
    for m in re.finditer(r"Алматы|Қазақстан", text):
        s = fmap.to_source(m.start())
        assert page[s:s + len(m.group())] == m.group()


# ----------------------------------------------------------------------------- Markdown

MD = """<!-- редакция ескертпесі -->
# «Цифрлы Қазақстан» *бағдарламасы* туралы

Бұл **маңызды** [жаңалық](https://example.kz/a_b) және `ИТП` мен ![сурет](x.png) _курсив_ snake_case.

> Дәйексөз жолы
- Бірінші тармақ
1. Нөмірленген тармақ

| Р/с № | Іс-шаралар | Мерзімі |
|---|:---:|---|
| 1. | Жұмыс тобын құру | 2013 жылғытамыз |
| 2. | | 2014 жыл |

```
код **өзгермейді**
```
Соңғы жол \\*жұлдызша\\*
"""


def test_markdown(tmp_path) -> None:
    doc = read_document(_write(tmp_path, "note.md", MD))
    assert doc.fmt == "md" and doc.title == "«Цифрлы Қазақстан» бағдарламасы туралы"
    lines = [ln for ln in doc.text.split("\n") if ln.strip()]
    assert lines == [
        "«Цифрлы Қазақстан» бағдарламасы туралы",
        "Бұл маңызды жаңалық және ИТП мен  курсив snake_case.",
        "Дәйексөз жолы",
        "Бірінші тармақ",
        "1. Нөмірленген тармақ",
        "Р/с №\t|\tІс-шаралар\t|\tМерзімі",
        "1.\t|\tЖұмыс тобын құру\t|\t2013 жылғы тамыз",
        "2.\t|\t\t|\t2014 жыл",
        "код **өзгермейді**",
        "Соңғы жол *жұлдызша*",
    ]
    for m in re.finditer(r"[^\W_]+", doc.text):
        s = doc.offsets.to_source(m.start())
        assert doc.raw[s:s + len(m.group())] == m.group()


def test_markdown_table_without_outer_pipes() -> None:
    text, fmap, title = markdown_to_text("Мерзімі | Шара\n---|---\n2014 жыл | Құру\n"
                                         "2015 жыл | Бекіту\n\nӘрі қарай | мәтін")
    assert title is None
    assert text.split("\n") == ["Мерзімі\t|\tШара", "", "2014 жыл\t|\tҚұру",
                                 "2015 жыл\t|\tБекіту", "", "Әрі қарай | мәтін"]


def test_markdown_pathological_lines_are_linear() -> None:
    text, _, _ = markdown_to_text("** a " * 20_000 + "\n" + "[a" * 20_000 + "\n" + "_x" * 20_000)
    assert text.count("*") == 40_000 and text.count("[") == 20_000


# ----------------------------------------------------------------------------- bad input

def test_empty_files(tmp_path) -> None:
    for name, data in (("empty.txt", b""), ("blank.txt", b"  \n\t \r\n"),
                       ("bom.txt", b"\xef\xbb\xbf"), ("nbsp.txt", "\u00a0\u200b\n".encode()),
                       ("blank.md", b"\n\n")):
        with pytest.raises(LoadError, match="empty file") as e:
            read_document(_write(tmp_path, name, data))
        assert e.value.source == str(tmp_path / name)
        assert "\n" not in str(e.value)


@pytest.mark.parametrize("name,data,kind", [
    ("random.txt", random.Random(1).randbytes(4096), "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(100), "PNG"),
    ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    ("ctrl.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15]) * 50 + b"text", "control bytes"),
])
def test_binary_files(tmp_path, name: str, data: bytes, kind: str) -> None:
    with pytest.raises(LoadError, match=kind):
        read_document(_write(tmp_path, name, data))


def test_docx_is_named(tmp_path) -> None:
    p = tmp_path / "decree.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(LoadError, match=r"Word document \(\.docx\)"):
        read_document(p)


def test_oversized_file(tmp_path) -> None:
    p = _write(tmp_path, "big.txt", RU * 10)
    with pytest.raises(LoadError, match=r"too large.*--max-size") as e:
        read_document(p, max_bytes=1000)
    assert "MB" in str(e.value)
    assert read_document(p, max_bytes=len(p.read_bytes())).text


def test_missing_path_and_directory(tmp_path) -> None:
    with pytest.raises(LoadError, match="no such file or directory"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(LoadError, match="directory"):
        read_document(tmp_path)
    (err,) = list(iter_documents([tmp_path / "nope.txt"]))
    assert isinstance(err, LoadError) and str(err).endswith("no such file or directory")


def test_explicit_file_with_other_extension_is_read_as_text(tmp_path) -> None:
    doc = read_document(_write(tmp_path, "notes.csv", "Алматы;Астана\n"))
    assert doc.fmt == "txt" and doc.text == "Алматы; Астана\n"
    doc = read_document(_write(tmp_path, "page.xhtml", "<!DOCTYPE html><p>Сәлем</p>"))
    assert doc.fmt == "html" and doc.text == "Сәлем"


def test_folder_of_mixed_files(tmp_path) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / ".hidden").mkdir()
    _write(d, "b_ru.txt", RU, "cp1251")
    _write(d, "a_kk.txt", KK, "utf-16")
    _write(d, "c_empty.txt", b"")
    _write(d, "d_page.html", PAGE)
    _write(d, "e_binary.md", b"\x89PNG\r\n\x1a\n" + bytes(64))
    _write(d, "notes.csv", "ignored in folders")
    _write(d, "sub/f_note.markdown", MD)
    _write(d, "sub/g.HTM", "<p>Астана</p>")
    _write(d / ".hidden", "x.txt", "hidden")
    _write(d, ".secret.txt", "hidden")
    results = list(iter_documents([d, tmp_path / "missing.txt"]))
    got = [(os.path.basename(r.source), type(r).__name__) for r in results]
    assert got == [("a_kk.txt", "Document"), ("b_ru.txt", "Document"),
                   ("c_empty.txt", "LoadError"), ("d_page.html", "Document"),
                   ("e_binary.md", "LoadError"), ("f_note.markdown", "Document"),
                   ("g.HTM", "Document"), ("missing.txt", "LoadError")]
    assert results[0].encoding == "utf-16" and results[1].encoding == "cp1251"
    assert results[0].source == os.path.join(str(d), "a_kk.txt")
    assert str(results[2]) == f"{os.path.join(str(d), 'c_empty.txt')}: empty file"
    assert list(iter_documents([d])) and [r.source for r in iter_documents([d])] == \
        [r.source for r in results[:-1]]  # deterministic order
    assert SUPPORTED_SUFFIXES == {".txt", ".md", ".markdown", ".html", ".htm"}
