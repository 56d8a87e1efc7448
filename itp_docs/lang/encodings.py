"""Which bytes are text, and in which encoding: detection by letter plausibility.

Kazakh and Russian files still arrive in the single-byte code pages of the 1990s–2000s: Russian in
CP1251 or KOI8-R (sometimes DOS CP866), Kazakh in KZ-1048 (a CP1251 variant that puts the nine
Kazakh letters where CP1251 has Serbian and Ukrainian ones; Python ships it as ``kz1048``). Byte
statistics alone cannot tell these apart, but the decoded *letters* can: only the right code page
yields words in the Russian/Kazakh alphabet, with normal capitalisation (``Привет``, not
``пРИВЕТ``, which is what KOI8-R read as CP1251 looks like) and a normal share of vowels. So every
candidate is decoded and the most plausible text wins. The same word-level test decides when a
run of odd characters in already-decoded text is mojibake (:mod:`itp_docs.lang.normalize`).

Valid UTF-8 is taken as UTF-8 without scoring: single-byte Cyrillic text practically never forms
valid UTF-8 (its letters are all lead bytes 0xC0–0xFF with no continuation bytes between them).
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter

from itp_docs.lang.script import CYR_LETTERS

__all__ = [
    "DecodeError", "BinaryFileError", "decode_bytes", "binary_kind", "plausibility",
    "plausible_cyrillic_word", "declared_charset", "SINGLE_BYTE_CANDIDATES",
]

# Order matters: on equal scores the earlier wins (Russian text decodes identically in CP1251 and
# KZ-1048, and CP1251 is by far the more common).
SINGLE_BYTE_CANDIDATES: tuple[str, ...] = ("cp1251", "kz1048", "koi8-r", "cp866", "cp1252")

# Share of undecodable bytes up to which a mostly-valid UTF-8 file is decoded with replacement.
MAX_UTF8_DAMAGE = 0.001
_SAMPLE = 1 << 16  # bytes sniffed for UTF-16 and control bytes
_SCORE_SAMPLE = 1 << 14  # bytes scored per candidate (~2,000 words); the winner decodes all

_RU_KK = frozenset(CYR_LETTERS)
_VOWELS = frozenset("аеёиоуыэюяәіөұүАЕЁИОУЫЭЮЯӘІӨҰҮ")
# Letters that make up about 2% of Russian and Kazakh running text; wrong code pages move
# frequent letters onto them (CP1251 а→KOI8 Ю, я→Ъ, ь→Э, г→Ц), so their share jumps to 10–15%.
_RARE = frozenset("фщцъэюёФЩЦЪЭЮЁ")
_BAD_START = frozenset("ъьЪЬ")  # no Russian or Kazakh word starts with these (Kazakh has ы-: ыстық)
# Non-ASCII symbols that ordinary Kazakh/Russian prose contains.
_OK_SYMBOLS = frozenset("«»–—…№“”„‘’•°\xa0·§©®±€™×")
_WORD_RE = re.compile(r"[^\W\d_]+")
_SYMBOL_RE = re.compile(r"[^\w\s\x00-\x7f]")
_LATIN1_LETTER = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")


class DecodeError(ValueError):
    """Bytes that are not text in any supported encoding; the message is one line for a user."""


class BinaryFileError(DecodeError):
    """Bytes that are a known binary format or plainly not text."""


# --------------------------------------------------------------------------- plausibility

def plausible_cyrillic_word(word: str) -> bool:
    """Could ``word`` (letters only) be a Russian or Kazakh word as written in running text?

    Checks what wrong decodings break: the alphabet, the capitalisation pattern (lower, Title or
    UPPER), no ъ/ь at the start, and a vowel in any lower-case word longer than three letters
    (upper-case abbreviations such as ПИТ, СЭЗ, ҚР have none).
    """
    if not word or not all(ch in _RU_KK for ch in word):
        return False
    if word[0] in _BAD_START:
        return False
    if word.islower():  # млрд, трлн, млн, км: abbreviations up to four letters need no vowel
        return len(word) <= 4 or any(ch in _VOWELS for ch in word)
    if word.isupper():
        return len(word) <= 5 or any(ch in _VOWELS for ch in word)
    if word[0].isupper() and word[1:].islower():
        return len(word) <= 4 or any(ch in _VOWELS for ch in word)
    return False


def plausibility(text: str) -> float:
    """A score in [-1, 1]: how much the non-ASCII part of ``text`` looks like real prose.

    Only words with non-ASCII letters and non-ASCII symbols count, so English and digits neither
    help nor hurt. Cyrillic words must pass :func:`plausible_cyrillic_word`; Latin words with
    accents count as good only next to ASCII letters (``café``, ``Müller``), because CP1251 read
    as Latin-1 yields words made only of accented letters (``Ïàðê``). Control characters and
    replacement characters weigh triple. A vowel share far below that of Russian/Kazakh (~0.42)
    marks a scrambled code page, and so does a high share of normally rare letters (ф щ ц ъ э ю ё):
    an all-lower-case CP1251 text read as KOI8-R comes out as plausible-looking capitals.
    """
    good = bad = 0.0
    cyr = vowels = rare = 0
    for w, k in Counter(_WORD_RE.findall(text)).items():
        if w.isascii():
            continue
        n = len(w) * k
        if plausible_cyrillic_word(w):
            good += n
            cyr += n
            vowels += k * sum(1 for ch in w if ch in _VOWELS)
            rare += k * sum(1 for ch in w if ch in _RARE)
        elif _LATIN1_LETTER.fullmatch(w) and _ASCII_LETTER.search(w):
            good += n
        else:
            bad += n
    for ch in _SYMBOL_RE.findall(text):
        if ch in _OK_SYMBOLS:
            continue
        cat = unicodedata.category(ch)
        bad += 3 if (cat[0] == "C" or ch == "\ufffd") else 1
    if cyr >= 30:
        ratio = vowels / cyr
        if ratio < 0.3:
            bad += (0.3 - ratio) * 4 * cyr
        share = rare / cyr
        if share > 0.05:
            bad += (share - 0.05) * 8 * cyr
    total = good + bad
    return 0.0 if total == 0 else (good - bad) / total


# --------------------------------------------------------------------------- binary formats

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document (.doc/.xls)"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"BZh91AY&SY", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_ZIP_FLAVOURS = (
    (b"word/", "Word document (.docx)"),
    (b"xl/", "Excel workbook (.xlsx)"),
    (b"ppt/", "PowerPoint presentation (.pptx)"),
    (b"application/vnd.oasis.opendocument.text", "OpenDocument text (.odt)"),
    (b"application/epub+zip", "EPUB book"),
)
_SUFFIX_KIND = {
    ".docx": "Word document (.docx)", ".doc": "old Word document (.doc)",
    ".xlsx": "Excel workbook (.xlsx)", ".odt": "OpenDocument text (.odt)", ".pdf": "PDF",
}
# Bytes that never occur in text files: C0 controls except \t \n \v \f \r and ESC.
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_DEL_CONTROLS = bytes.maketrans(b"", b"")


def binary_kind(data: bytes, suffix: str = "") -> str | None:
    """A short name of the binary format of ``data``, or None when it may be text."""
    head = data[:64]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "ZIP archive":
                probe = data[:4096]
                for marker, flavour in _ZIP_FLAVOURS:
                    if marker in probe:
                        return flavour
                return _SUFFIX_KIND.get(suffix.lower(), kind)
            if kind == "old Microsoft Office document (.doc/.xls)":
                return _SUFFIX_KIND.get(suffix.lower(), kind)
            return kind
    return None


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    kept = sample.translate(_DEL_CONTROLS, _CONTROL_BYTES)
    return (len(sample) - len(kept)) / len(sample)


# --------------------------------------------------------------------------- UTF-16 sniffing

def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL pattern leaves no doubt, else None.

    In UTF-16 of Cyrillic or Latin text the high byte of every code unit is one of very few
    values (0x00 for ASCII, 0x04 for Cyrillic, 0x20 for typographic punctuation), while the low
    bytes vary; single-byte text has no NULs at all.
    """
    n = len(data) // 2
    if n < 8 or len(data) % 2:
        return None
    sample = data[: 2 * min(n, _SAMPLE)]
    even, odd = sample[0::2], sample[1::2]
    for high, low, name in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        m = len(high)
        nul_high = high.count(0)
        if nul_high < 0.05 * m or low.count(0) > 0.01 * m:
            continue
        counts = sorted((high.count(b) for b in set(high)), reverse=True)
        if sum(counts[:3]) < 0.95 * m:
            continue
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return name
    return None


# --------------------------------------------------------------------------- charset names

_CHARSET_ALIASES = {
    "utf8": "utf-8", "utf-8": "utf-8", "windows-1251": "cp1251", "cp1251": "cp1251",
    "win-1251": "cp1251", "x-cp1251": "cp1251", "koi8-r": "koi8-r", "koi8r": "koi8-r",
    "ibm866": "cp866", "cp866": "cp866", "windows-1252": "cp1252", "iso-8859-1": "cp1252",
    "latin1": "cp1252", "kz-1048": "kz1048", "kz1048": "kz1048", "rk1048": "kz1048",
    "strk1048-2002": "kz1048",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag (as a Python codec name), if any."""
    m = _META_CHARSET.search(data[:4096])
    if not m:
        return None
    return _CHARSET_ALIASES.get(m.group(1).decode("ascii").lower())


# --------------------------------------------------------------------------- decoding

def _decode_single_byte(data: bytes, declared: str | None) -> tuple[str, str]:
    sample = data[:_SCORE_SAMPLE]
    scores: dict[str, float] = {}
    best, best_score = SINGLE_BYTE_CANDIDATES[0], float("-inf")
    for enc in SINGLE_BYTE_CANDIDATES:
        s = plausibility(sample.decode(enc, errors="replace"))
        scores[enc] = s
        if s > best_score:
            best, best_score = enc, s
    if declared in scores and scores[declared] >= best_score - 0.05:
        best = declared
    return data.decode(best, errors="replace"), best


def decode_bytes(data: bytes, *, suffix: str = "", declared: str | None = None
                 ) -> tuple[str, str, dict[str, int]]:
    """``(text, encoding, notes)`` for the bytes of one file; raises :class:`DecodeError`.

    ``notes`` counts what decoding had to forgive (``{"undecodable": n}`` bytes replaced by
    U+FFFD in an otherwise valid UTF-8 file). ``declared`` is a charset the file itself names
    (HTML ``<meta>``); it wins among single-byte candidates unless clearly less plausible.
    """
    notes: dict[str, int] = {}
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig", notes
        except UnicodeDecodeError:
            text, bad = _utf8_lenient(data[3:])
            if bad is None:
                raise DecodeError("starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                                  "(re-save the file as UTF-8)") from None
            notes["undecodable"] = bad
            return text, "utf-8-sig", notes
    for bom, name in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                      (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name, notes
            except UnicodeDecodeError:
                raise DecodeError(f"starts with a {name.upper()} byte-order mark but is not valid "
                                  f"{name.upper()} (truncated or damaged file)") from None
    kind = binary_kind(data, suffix)
    if kind:
        raise BinaryFileError(f"binary file ({kind}); save it as .txt or .html to read it")
    if data[:5] == b"{\\rtf":
        raise DecodeError("RTF document; save it as .txt or .html to read it")
    if b"\x00" in data:
        name = _utf16_without_bom(data)
        if name:
            return data.decode(name), name, notes
        raise BinaryFileError("binary file (contains NUL bytes)")
    if _control_share(data[:_SAMPLE]) > 0.005:
        raise BinaryFileError("binary file (many control bytes)")
    try:
        return data.decode("utf-8"), "utf-8", notes
    except UnicodeDecodeError:
        pass
    text, bad = _utf8_lenient(data)
    if bad is not None:
        notes["undecodable"] = bad
        return text, "utf-8", notes
    return (*_decode_single_byte(data, declared), notes)


_SURROGATE = re.compile("[\udc80-\udcff]")


def _utf8_lenient(data: bytes) -> tuple[str, int | None]:
    """UTF-8 with replacement when the damage is small and UTF-8 is evidently the encoding.

    Returns ``(text, bad_bytes)``, or ``(..., None)`` when the file is not damaged UTF-8 (too many
    bad bytes, or too few valid multi-byte characters to prove UTF-8 at all: one stray Cyrillic
    word in CP1251 inside English text is under 0.1% of the bytes but not UTF-8).
    """
    head = data[:_SAMPLE].decode("utf-8", errors="surrogateescape")
    if len(_SURROGATE.findall(head)) > max(4, 2 * MAX_UTF8_DAMAGE * _SAMPLE):
        return head, None  # plainly not UTF-8: no need to decode the whole file
    text = data.decode("utf-8", errors="surrogateescape")
    bad = len(_SURROGATE.findall(text))
    multibyte = _count_non_ascii(text) - bad
    if bad > MAX_UTF8_DAMAGE * len(data) or multibyte < 10 * bad:
        return text, None
    return _SURROGATE.sub("\ufffd", text), bad


def _count_non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))
