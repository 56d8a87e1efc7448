"""Text normalization with a map back to the input: the repairs real documents need first.

Every later stage (tokenizer, lemmatizers, extractors, index) assumes one spelling of each
character: Cyrillic letters inside Cyrillic words, «» quotes, one dash, plain spaces, composed
letters. Real Kazakh and Russian documents break each of these (the seed decree types Kazakh і
as Latin i some 60 times; web copies carry no-break spaces, soft hyphens and “English” quotes;
table cells lose spaces: ``2013 жылғытамыз``), and files decoded with the wrong code page arrive
as mojibake. :func:`normalize` repairs all of this and keeps an :class:`OffsetMap` so extractors
can report offsets into the original file.

Steps, in order (each step that can change lengths builds its own map; the 1:1 substitutions
build none, so a typical document's map stays a handful of segments):

1. mojibake: UTF-8 read as CP1251 (``РџР°СЂРє``) or as CP1252 (``ÐŸÐ°Ñ€Ðº``), and CP1251/KZ-1048
   read as Latin-1 (``Ïàðê``), per run of suspicious characters, only where the repaired run is
   plausible Russian/Kazakh and the text holds at least one unambiguous repair;
2. invisible characters (soft hyphen, zero-width, BOM, bidi marks, stray controls) removed,
   ``\\r\\n`` → ``\\n``;
3. Unicode NFC (fast path: :func:`unicodedata.is_normalized`);
4. typography, 1:1: quotes → «» by position, apostrophes → ``'``, dashes → ``–``, hyphens →
   ``-``, exotic spaces → space (tabs and newlines stay: tables use them);
5. homoglyphs, 1:1: a word mixing Latin and Cyrillic letters is moved to one script using
   ``lexicons/homoglyphs.tsv``;
6. lost spaces: a word glued from a ``lexicons/glue.tsv`` left word and a right word or month
   form (``months.tsv``) is split; a space is added after ``,`` ``;`` ``.`` squeezed between words.
"""
from __future__ import annotations

import os
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from itp_docs import lexicon
from itp_docs.lang.encodings import plausible_cyrillic_word
from itp_docs.lang.offsets import IDENTITY, OffsetMap, OffsetMapBuilder

__all__ = ["Normalized", "normalize", "normalize_word", "repair_mojibake", "REPAIR_KINDS"]

REPAIR_KINDS = ("homoglyph", "mojibake", "quotes", "dashes", "spaces", "glued", "nfc",
                "invisible")


@dataclass(frozen=True)
class Normalized:
    """A normalized text, where each of its offsets came from, and what was repaired.

    ``repairs`` counts only kinds that occurred: ``homoglyph`` and ``mojibake`` count words
    (runs), ``glued`` inserted spaces, ``nfc`` recomposed clusters, the others characters.
    """

    text: str
    offsets: OffsetMap
    repairs: dict[str, int] = field(default_factory=dict)


# =========================================================================== mojibake

def _high_table(codec: str) -> dict[str, int]:
    """char → byte for the upper half of a single-byte code page (what a wrong decode produced)."""
    table: dict[str, int] = {}
    for b in range(0x80, 0x100):
        ch = bytes([b]).decode(codec, errors="replace")
        if ch != "\ufffd":
            table[ch] = b
        else:
            # Undefined bytes reach us as the C1 control of the same number (Latin-1-style
            # decoders) or as U+FFFD; both are kept as that byte and judged by the decode.
            table[chr(b)] = b
            table.setdefault("\ufffd", b)
    return table


_CP1251 = _high_table("cp1251")  # 0x98 undefined: Р+U+FFFD is И, У+U+FFFD is Ә in UTF-8
_CP1252 = _high_table("cp1252")


def _cls(chars) -> str:
    return "".join(re.escape(c) for c in sorted(set(chars)))


def _utf8_run_re(table: dict[str, int]) -> re.Pattern[str]:
    """Maximal runs shaped like UTF-8 byte sequences once mapped back through ``table``."""
    by = lambda lo, hi: _cls(c for c, b in table.items() if lo <= b <= hi)  # noqa: E731
    t = f"[{by(0x80, 0xBF)}]"
    seq = f"(?:[{by(0xC2, 0xDF)}]{t}|[{by(0xE0, 0xEF)}]{t}{t}|[{by(0xF0, 0xF4)}]{t}{t}{t})"
    # ASCII passes through mojibake unchanged, so ASCII letters may touch a run (В«face»);
    # a non-ASCII letter right after it means the run is the start of a real word (Сіз).
    return re.compile(rf"{seq}++(?![^\W\d_a-zA-Z])")


_RUN_B = _utf8_run_re(_CP1251)
_RUN_C = _utf8_run_re(_CP1252)
# CP1251 / KZ-1048 bytes read as Latin-1 or CP1252: Cyrillic letters became À-ÿ, ё ¸, Ё ¨,
# і ³, І ², № ¹; Kazakh letters of KZ-1048 became ¡ ¢ £ ¥ ª ¯ ´ º ¼ ½ ¾ ¿ Ž ž and C1 controls.
# CP1252 has no characters for 0x8D/0x9D (KZ-1048 Қ/қ): a CP1252 decoder left U+FFFD there,
# resolved by the case of the neighbouring letters.
_A_EXTRA = "¨¸²³¹¡¢£¥ª¯´º¼½¾¿Žž\x8d\x8e\x9d\x9e\ufffd"
_A_BYTE = {c: (0x8E if c == "Ž" else 0x9E if c == "ž" else ord(c)) for c in _A_EXTRA}
_A_BYTE.update({chr(b): b for b in range(0xC0, 0x100)})
_RUN_A = re.compile(rf"[{_cls(_A_BYTE)}]++(?![^\W\d_])")
_A_LETTER = re.compile(r"[\u00c0-\u00ff]")
# Cheap evidence that a scan is worth it: the most frequent mojibake pairs of Russian/Kazakh
# letters (а е о и ё as Р° Рµ Рѕ Рё, р с т у as СЂ СЃ С‚ Сѓ; the same through CP1252 as Ð° Ð¾ Ñ€...)
# and any Latin-1 letter. Legit text has none of the pairs.
_MOJIBAKE_GATE = re.compile("Р[°µѕё±·№їЅ]|С[‚ЃЂ‹ЊЏ€‰]|Ð[°µ¸¾½»¼²]|Ñ[€‚ƒ„…†‡ˆ‰Š‹ŒŽ]|[\u00c0-\u00ff]")
_WORD = re.compile(r"[^\W\d_]+")
_CYR_LETTER = re.compile(r"[\u0400-\u04ff]")
# Non-letter characters a repaired run may contain (decoded punctuation of prose).
_OK_PUNCT = frozenset("«»–—…№“”„‘’•°\xa0·-.,;:!?()\"' \ufffd")


_RU_KK_LATIN = re.compile(r"[а-яёәғқңөұүһіА-ЯЁӘҒҚҢӨҰҮҺІ\u00c0-\u024f]+")


def _plausible_run(s: str, strict: bool = True) -> bool:
    """Is a decoded run Russian/Kazakh prose: plausible words and ordinary punctuation?

    ``strict=False`` (runs that were valid UTF-8 byte sequences, strong evidence by shape) only
    asks for Russian/Kazakh or Latin letters, so that МИДе and БелТА are repaired too.
    """
    for w in _WORD.findall(s):
        if not (plausible_cyrillic_word(w) if strict else _RU_KK_LATIN.fullmatch(w)):
            return False
    for ch in _WORD.sub("", s):
        if ch not in _OK_PUNCT and not ch.isdigit():
            return False
    return True


def _utf8_repair(run: str, table: dict[str, int]) -> tuple[str, list[int]] | None:
    """Decode a run sequence by sequence: ``(text, source characters per output character)``.

    A U+FFFD inside a CP1252 sequence stands for one of five bytes CP1252 lacks (0x81 0x8D
    0x8F 0x90 0x9D: Ð+? is Ё, А or Н, Ñ+? is с, э or я), so that letter comes out as U+FFFD:
    the rest of the word is still recovered and nothing is guessed. Through CP1251 the lost
    byte can only be 0x98, which makes Р+? И and У+? Ә.
    """
    lossy = table is _CP1252
    out: list[str] = []
    lens: list[int] = []
    i, n = 0, len(run)
    while i < n:
        b0 = table.get(run[i], 0)
        k = 2 if 0xC2 <= b0 <= 0xDF else 3 if 0xE0 <= b0 <= 0xEF else 4 if 0xF0 <= b0 <= 0xF4 else 0
        if not k or i + k > n:
            return None
        seq = run[i:i + k]
        if lossy and "\ufffd" in seq:
            out.append("\ufffd")
        else:
            try:
                out.append(bytes(table[c] for c in seq).decode("utf-8"))
            except (KeyError, UnicodeDecodeError):
                return None
        lens.append(k)
        i += k
    text = "".join(out)
    # Our documents are Cyrillic: a run that decodes to Latin letters only (Å¾ → ž) is more
    # likely KZ-1048 read as Latin-1 (Ең), and is left to that repair.
    if _WORD.search(text) and not _CYR_LETTER.search(text):
        return None
    return (text, lens) if _plausible_run(text, strict=False) else None


def _latin1_repair(run: str, capital: bool, need_letter: bool = True, strict: bool = True
                   ) -> str | None:
    if need_letter and not _A_LETTER.search(run):
        return None
    if "\ufffd" in run:
        run = _resolve_replacement(run, capital)
    raw = bytes(_A_BYTE.get(c, 0x9D) for c in run)
    for codec in ("cp1251", "kz1048"):
        out = raw.decode(codec, errors="replace")
        if _plausible_run(out, strict):
            return out
    return None


def _resolve_replacement(run: str, capital: bool) -> str:
    """Қ or қ for each U+FFFD: capital in an all-capitals word or at a sentence start."""
    out = list(run)
    letters = [x for x in run if x.isalpha()]
    all_caps = len(letters) > 1 and all(x.isupper() for x in letters)
    for i, c in enumerate(out):
        if c == "\ufffd":
            out[i] = "\x8d" if all_caps or (i == 0 and capital) else "\x9d"
    return "".join(out)


def _sentence_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t\xa0«\"(–—-":
        j -= 1
    return j < 0 or text[j] in ".!?:\n"


def _find_mojibake(text: str) -> list[tuple[int, int, str, list[int] | None]]:
    """Repairs as ``(start, end, replacement, lengths)``, sorted, non-overlapping; ``lengths``
    holds the source characters of each replacement character (None for 1:1 repairs).

    A run whose repair has at least two Cyrillic letters is unambiguous evidence; shorter ones
    (``Рё`` → и, ``â`` → в, ``вЂ”`` → —) are repaired only when the text has such evidence, so
    a French ``à`` or a stray ``В«`` in clean text stays as it is.
    """
    if not _MOJIBAKE_GATE.search(text):
        return []
    utf8: list[tuple[int, int, str, list[int] | None]] = []
    shaped = _Spans()  # UTF-8-shaped runs of 2+ sequences, repaired or not
    for rx, table in ((_RUN_B, _CP1251), (_RUN_C, _CP1252)):
        for m in rx.finditer(text):
            s, e = m.span()
            if s and not text[s - 1].isascii() and _is_letter(text[s - 1]):
                continue
            if e - s >= 4:  # two or more sequences: the shape itself is evidence
                shaped.add(s, e)
            rep = _utf8_repair(m.group(), table)
            if rep is not None:
                utf8.append((s, e, rep[0], rep[1]))
    utf8.sort()
    found = _Spans()
    for f in utf8:
        if not found.overlaps(f[0], f[1]):
            found.add(f[0], f[1], f)
    latin1 = 0  # unambiguous Latin-1 repairs
    bare: list[tuple[int, int]] = []  # runs without À-ÿ (³ ² ¼ ...): only next to evidence
    loose: list[tuple[int, int]] = []  # runs that need evidence: mixed case (ÌÈÄà = МИДа)
    for m in _RUN_A.finditer(text):
        s, e = m.span()
        # a piece of a longer UTF-8-shaped run that did not decode is no Latin-1 run
        if s and _is_letter(text[s - 1]) or found.overlaps(s, e) or shaped.cuts(s, e):
            continue
        if not _A_LETTER.search(m.group()):
            bare.append((s, e))
            continue
        out = _latin1_repair(m.group(), _sentence_start(text, s))
        if out is None:
            loose.append((s, e))
            continue
        found.add(s, e, (s, e, out, None))
        latin1 += len(_CYR_LETTER.findall(out)) >= 2
    if not any(len(_CYR_LETTER.findall(f[2])) >= 2 for f in found.items()):
        return []
    if latin1:
        for s, e in bare:  # (іі) read as (³³), ң as ¾
            out = _latin1_repair(text[s:e], _sentence_start(text, s), need_letter=False)
            if out is not None:
                found.add(s, e, (s, e, out, None))
        if latin1 >= 2:
            for s, e in loose:
                out = _latin1_repair(text[s:e], _sentence_start(text, s), strict=False)
                if out is not None:
                    found.add(s, e, (s, e, out, None))
        # CP1251 punctuation read as Latin-1 became C1 controls: – — “ ” ‘ ’ …
        for m in _C1.finditer(text):
            s, e = m.span()
            ch = bytes([ord(m.group())]).decode("cp1251", errors="replace")
            if (ch in _OK_PUNCT or ch in "‚„†‡€‰‹›™") and not found.overlaps(s, e):
                found.add(s, e, (s, e, ch, None))
    return sorted(found.items())


_C1 = re.compile("[\x80-\x9f]")


def _is_letter(ch: str) -> bool:
    return ch.isalpha() or ch in _A_BYTE


class _Spans:
    """Non-overlapping spans with O(log n) overlap tests (a mojibake file has one per word)."""

    __slots__ = ("starts", "ends", "payload")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.payload: list = []

    def _overlapping(self, s: int, e: int) -> list[int]:
        i = bisect_right(self.starts, s) - 1
        out = []
        if i >= 0 and self.ends[i] > s:
            out.append(i)
        j = i + 1
        while j < len(self.starts) and self.starts[j] < e:
            out.append(j)
            j += 1
        return out

    def overlaps(self, s: int, e: int) -> bool:
        return bool(self._overlapping(s, e))

    def cuts(self, s: int, e: int) -> bool:
        """Does [s, e) overlap a span without containing it?"""
        return any(not (s <= self.starts[k] and self.ends[k] <= e) for k in self._overlapping(s, e))

    def add(self, s: int, e: int, payload=None) -> None:
        i = bisect_right(self.starts, s)
        if i == len(self.starts):  # the usual case: spans arrive in order
            self.starts.append(s)
            self.ends.append(e)
            self.payload.append(payload)
        else:
            self.starts.insert(i, s)
            self.ends.insert(i, e)
            self.payload.insert(i, payload)

    def items(self) -> list:
        return [p for p in self.payload if p is not None]


def repair_mojibake(text: str) -> str | None:
    """The text with mojibake repaired, or None when it has none (see :func:`normalize`)."""
    found = _find_mojibake(text)
    if not found:
        return None
    parts, pos = [], 0
    for s, e, out, _ in found:
        parts += (text[pos:s], out)
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def _step_mojibake(text: str, repairs: dict[str, int]) -> tuple[str, OffsetMap]:
    found = _find_mojibake(text)
    if not found:
        return text, IDENTITY
    b = OffsetMapBuilder()
    parts, pos = [], 0
    for s, e, out, lengths in found:
        parts += (text[pos:s], out)
        b.copy(s - pos)
        if lengths:  # a decoded character consumed one source character per UTF-8 byte
            for k in lengths:
                b.replace(k, 1)
        else:
            b.copy(e - s)
        pos = e
    parts.append(text[pos:])
    b.copy(len(text) - pos)
    repairs["mojibake"] = repairs.get("mojibake", 0) + len(found)
    return "".join(parts), b.build()


# =========================================================================== invisible, CR, NFC

# Soft hyphen, Mongolian vowel separator, zero-width and bidi marks, word joiner and invisible
# operators, BOM, C0/C1 controls other than \t \n \v \f \r and NEL (those become \n below).
_INVISIBLE = ("\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
              "\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f")
_CLEAN = re.compile(f"[{_INVISIBLE}\r]+")


def _step_clean(text: str, repairs: dict[str, int]) -> tuple[str, OffsetMap]:
    if not _CLEAN.search(text):
        return text, IDENTITY
    b = OffsetMapBuilder()
    parts, pos, removed, crs = [], 0, 0, 0
    for m in _CLEAN.finditer(text):
        s, e = m.span()
        parts.append(text[pos:s])
        b.copy(s - pos)
        run = m.group()
        if "\r" not in run:
            b.replace(e - s, 0)
            removed += e - s
        else:  # \r\n → \n (the \r is dropped), a lone \r → \n; invisibles around it dropped
            for i, ch in enumerate(run):
                if ch != "\r":
                    b.replace(1, 0)
                    removed += 1
                elif s + i + 1 < len(text) and text[s + i + 1] == "\n":
                    b.replace(1, 0)
                    crs += 1
                else:
                    parts.append("\n")
                    b.copy(1)
                    crs += 1
        pos = e
    parts.append(text[pos:])
    b.copy(len(text) - pos)
    if removed:
        repairs["invisible"] = repairs.get("invisible", 0) + removed
    if crs:
        repairs["spaces"] = repairs.get("spaces", 0) + crs
    return "".join(parts), b.build()


@lru_cache(maxsize=1)
def _nfc_re() -> re.Pattern[str]:
    """Clusters NFC may change: a base plus combining marks (or Hangul vowels/finals), or a
    character that NFC replaces on its own (Ω U+2126 → Ω). Built once, on first non-NFC text."""
    marks, singles = [], []
    for cp in range(0x300, 0x10000):
        ch = chr(cp)
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Mc", "Me") \
                or 0x1161 <= cp <= 0x1175 or 0x11A8 <= cp <= 0x11C2:
            marks.append(ch)
        elif unicodedata.normalize("NFC", ch) != ch:
            singles.append(ch)
    for cp in range(0x2F800, 0x2FA20):  # CJK compatibility ideographs supplement
        singles.append(chr(cp))
    m, s = _ranges(marks), _ranges(singles)
    return re.compile(f"(?s)[^{m}]?[{m}]+|[{s}]")


def _ranges(chars: list[str]) -> str:
    cps = sorted(ord(c) for c in chars)
    out, i = [], 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = cps[i], cps[j]
        out.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(out)


def _step_nfc(text: str, repairs: dict[str, int]) -> tuple[str, OffsetMap]:
    if unicodedata.is_normalized("NFC", text):
        return text, IDENTITY
    b = OffsetMapBuilder()
    parts, pos, n = [], 0, 0
    for m in _nfc_re().finditer(text):
        cluster = m.group()
        out = unicodedata.normalize("NFC", cluster)
        if out == cluster:
            continue
        s, e = m.span()
        parts += (text[pos:s], out)
        b.copy(s - pos)
        b.replace(e - s, len(out))
        pos, n = e, n + 1
    parts.append(text[pos:])
    b.copy(len(text) - pos)
    if n:
        repairs["nfc"] = repairs.get("nfc", 0) + n
    return "".join(parts), b.build()


# =========================================================================== typography (1:1)

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
          "\u202f\u205f\u3000"
_NEWLINES = "\x0b\x0c\x85\u2028\u2029"
_APOSTROPHES = "‘’ʼʻ`´"
_DASHES = "‒—―"
_HYPHENS = "‐‑\ufe58\ufe63\uff0d"
_QUOTES = "„“”\"‟‹›"
_SIMPLE: dict[str, tuple[str, str]] = {}
_SIMPLE.update({c: ("spaces", " ") for c in _SPACES})
_SIMPLE.update({c: ("spaces", "\n") for c in _NEWLINES})
_SIMPLE.update({c: ("quotes", "'") for c in _APOSTROPHES})
_SIMPLE.update({c: ("dashes", "–") for c in _DASHES})
_SIMPLE.update({c: ("dashes", "-") for c in _HYPHENS})
_TYPO = re.compile(f"[{_cls(_SPACES + _NEWLINES + _APOSTROPHES + _DASHES + _HYPHENS + _QUOTES)}−]")
# A quote opens after these (or at the start); anything else before it means it closes.
_OPENERS_BEFORE = frozenset(" \t\n([{«„‹/:;,–-—")
_DIGITS = frozenset("0123456789")


def _step_typography(text: str, repairs: dict[str, int]) -> str:
    if not _TYPO.search(text):
        return text
    counts = {"spaces": 0, "quotes": 0, "dashes": 0}
    n = len(text)

    def repl(m: re.Match[str]) -> str:
        ch, i = m.group(), m.start()
        simple = _SIMPLE.get(ch)
        if simple is not None:
            counts[simple[0]] += 1
            return simple[1]
        prev = text[i - 1] if i else " "
        nxt = text[i + 1] if i + 1 < n else " "
        if ch == "−":  # minus: a sign before a number stays a hyphen-minus, otherwise a dash
            counts["dashes"] += 1
            return "-" if nxt in _DIGITS and not prev.isalnum() else "–"
        if ch == "„":
            counts["quotes"] += 1
            return "«"
        if prev in _OPENERS_BEFORE:
            if nxt.isspace():
                return ch  # a quote between spaces: neither side is known
            counts["quotes"] += 1
            return "«"
        counts["quotes"] += 1
        return "»"

    out = _TYPO.sub(repl, text)
    for k, v in counts.items():
        if v:
            repairs[k] = repairs.get(k, 0) + v
    return out


# =========================================================================== homoglyphs (1:1)

_LAT_CHARS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0259\u1e00-\u1eff"
_CYR_CHARS = "\u0400-\u052f"
# Every word that mixes the scripts has a Latin letter next to a Cyrillic one; starting the
# pattern with the Latin class lets the regex engine skip Cyrillic text at C speed.
_MIXED = re.compile(f"[{_LAT_CHARS}](?:(?<=[{_CYR_CHARS}].)|(?=[{_CYR_CHARS}]))")
_IS_LAT = re.compile(f"[{_LAT_CHARS}]")
_IS_CYR = re.compile(f"[{_CYR_CHARS}]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Homoglyphs:
    to_cyr: dict[str, str]
    to_lat: dict[str, str]
    single_re: re.Pattern[str]  # a one-letter Latin word with a Cyrillic look-alike
    decided: dict[str, str | None] = field(default_factory=dict)  # word → target script


def _load_homoglyphs(directory: Path) -> _Homoglyphs:
    lex = lexicon.load("homoglyphs", directory)
    to_cyr: dict[str, str] = {}
    to_lat: dict[str, str] = {}
    for row in lex:
        lat, cyr, d = row["lat"], row["cyr"], row["direction"]
        if len(lat) != 1 or len(cyr) != 1 or d not in ("both", "to_cyr", "to_lat"):
            raise lexicon.LexiconError(f"homoglyphs.tsv: bad row {row}")
        if d in ("both", "to_cyr"):
            if to_cyr.setdefault(lat, cyr) != cyr:
                raise lexicon.LexiconError(f"homoglyphs.tsv: two Cyrillic targets for {lat!r}")
        if d in ("both", "to_lat"):
            if to_lat.setdefault(cyr, lat) != lat:
                raise lexicon.LexiconError(f"homoglyphs.tsv: two Latin targets for {cyr!r}")
    single_re = re.compile(f"[{_cls(to_cyr)}](?<![^\\W\\d_].)(?![^\\W\\d_])")
    return _Homoglyphs(to_cyr, to_lat, single_re)


def _context_script(text: str, s: int, e: int) -> str:
    window = text[max(0, s - 80):s] + " " + text[e:e + 80]
    return "lat" if len(_IS_LAT.findall(window)) > len(_IS_CYR.findall(window)) else "cyr"


def _fix_word(word: str, hg: _Homoglyphs, context: Callable[[], str]) -> str | None:
    """The word moved to one script, or None when it cannot or need not be.

    A letter with no look-alike in the other script decides: Үкiметiне has Ү, к, м... so its
    Latin i become Kazakh і; AlmatyTеch has l, m, t... so its Cyrillic е becomes Latin. A word
    with deciding letters of both scripts is left alone; one with none (``Iс``) follows the
    majority of its letters, on a tie the script around it.
    """
    try:
        target = hg.decided[word]
    except KeyError:
        target = _decide(word, hg)
        if len(hg.decided) > 100_000:
            hg.decided.clear()
        hg.decided[word] = target
    if target is None:
        return None
    if target == "tie":
        target = context()
    table = hg.to_cyr if target == "cyr" else hg.to_lat
    return "".join(table.get(c, c) for c in word)


def _decide(word: str, hg: _Homoglyphs) -> str | None:
    lat = [c for c in word if _IS_LAT.match(c)]
    cyr = [c for c in word if _IS_CYR.match(c)]
    if not lat or not cyr or len(lat) + len(cyr) != len(word):
        return None
    lat_fixed = any(c not in hg.to_cyr for c in lat)
    cyr_fixed = any(c not in hg.to_lat for c in cyr)
    if lat_fixed and cyr_fixed:
        return None
    if cyr_fixed:
        return "cyr"
    if lat_fixed:
        return "lat"
    if len(cyr) != len(lat):
        return "cyr" if len(cyr) > len(lat) else "lat"
    return "tie"


_GAP = " ,;:()«»\"'–"  # not the hyphen: A-тобы, IT-компания are compounds, not neighbours


def _cyrillic_neighbour(text: str, i: int, step: int, digits: bool = False) -> bool:
    """Is the nearest letter before (step -1) or after (+1) position i, across at most three
    spaces and punctuation marks of the same line, Cyrillic (or, with ``digits``, a digit)?"""
    j = i + step
    for _ in range(4):
        if not 0 <= j < len(text):
            return False
        ch = text[j]
        if digits and ch.isdigit():
            return True
        if ch.isalpha():
            return _IS_CYR.match(ch) is not None
        if ch not in _GAP:
            return False
        j += step
    return False


def _single_letters(text: str, hg: _Homoglyphs, repairs: dict[str, int]) -> str:
    """One-letter words are invisible to the mixed-word test: a Latin a/c/o/y/... standing
    between two Cyrillic words is the Russian preposition or conjunction (а, с, о, у, в...)."""
    hits = []
    for m in hg.single_re.finditer(text):
        i = m.start()
        if not _cyrillic_neighbour(text, i, 1, digits=text[i].islower()):
            continue
        # a capital only starts a sentence (В среду...); mid-sentence it is a label (A тобы)
        if _cyrillic_neighbour(text, i, -1) if text[i].islower() else _sentence_start(text, i):
            hits.append(i)
    if not hits:
        return text
    chars = list(text) if len(hits) > 64 else None
    if chars is None:
        for i in hits:
            text = text[:i] + hg.to_cyr[text[i]] + text[i + 1:]
    else:
        for i in hits:
            chars[i] = hg.to_cyr[chars[i]]
        text = "".join(chars)
    repairs["homoglyph"] = repairs.get("homoglyph", 0) + len(hits)
    return text


def _step_homoglyphs(text: str, hg: _Homoglyphs, repairs: dict[str, int]) -> str:
    text = _single_letters(text, hg, repairs)
    m = _MIXED.search(text)
    if m is None:
        return text
    parts: list[str] = []
    pos = 0  # text[:pos] is settled
    n = 0
    while m is not None:
        i = m.start()
        s = i
        while s > pos and (text[s - 1].isalpha()):
            s -= 1
        w = _LETTER_RUN.match(text, s)
        e = w.end() if w else i + 2
        word = text[s:e]
        fixed = _fix_word(word, hg, lambda: _context_script(text, s, e))
        if fixed is not None and fixed != word:
            parts += (text[pos:s], fixed)
            pos = e
            n += 1
        m = _MIXED.search(text, max(e, i + 1))
    parts.append(text[pos:])
    if n:
        repairs["homoglyph"] = repairs.get("homoglyph", 0) + n
    return "".join(parts)


# =========================================================================== lost spaces

@dataclass(frozen=True)
class _Glue:
    heads: dict[str, tuple[str, ...]]  # first three letters → left words (lower case, longest first)
    tails: frozenset[str]
    head_re: re.Pattern[str] | None


_TOKEN = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_NUMERAL_PREFIX = re.compile(r"(?:[ivxlі]+|\d{1,2})-")
_NUMERAL_ONLY = re.compile(r"[ivxlі]+|\d{1,2}")


def _skip_spaces(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _load_glue(directory: Path) -> _Glue:
    try:
        lex = lexicon.load("glue", directory)
    except lexicon.LexiconError:
        return _Glue({}, frozenset(), None)
    heads = sorted({r["word"].lower() for r in lex if r["side"] == "left" and len(r["word"]) >= 3},
                   key=len, reverse=True)  # shorter left words would split too much
    tails = {r["word"].lower() for r in lex if r["side"] == "right"}
    try:
        months = lexicon.load("months", directory)
        for r in months:
            if r.get("lang") in ("kk", "ru"):
                tails.update(f.lower() for f in r.get("forms", []))
                if r.get("name"):
                    tails.add(r["name"].lower())
    except lexicon.LexiconError:
        pass  # months.tsv not written yet: glue.tsv's right words only
    if not heads or not tails:
        return _Glue({}, frozenset(), None)
    # A superset filter that starts with a character class (fast to scan for): the first three
    # letters of some head in either case; the heads themselves are checked per hit.
    cls = lambda i: _cls(c for h in heads if len(h) > i for c in (h[i], h[i].upper()))  # noqa
    head_re = re.compile(f"[{cls(0)}](?=[{cls(1)}][{cls(2)}])")
    by_prefix: dict[str, list[str]] = {}
    for h in heads:
        by_prefix.setdefault(h[:3], []).append(h)
    return _Glue({k: tuple(v) for k, v in by_prefix.items()}, frozenset(tails), head_re)


_COMMA = re.compile(r"[,;](?=[^\W\d_]|[«(])")
_PERIOD = re.compile(f"\\.(?=[{_CYR_CHARS}])")
_CYR_LETTER_CHAR = re.compile(f"[{_CYR_CHARS}]")
_CYR_WORD = re.compile(f"[{_CYR_CHARS}]+")


def _in_url(text: str, i: int) -> bool:
    lo = max(0, i - 200)
    start = max(lo - 1, text.rfind(" ", lo, i), text.rfind("\n", lo, i), text.rfind("\t", lo, i))
    chunk = text[start + 1:i]
    return "://" in chunk or "www." in chunk or "@" in chunk


def _glue_points(text: str, glue: _Glue) -> list[int]:
    """Offsets before which a space is missing."""
    points: list[int] = []
    if glue.head_re is not None:
        for m in glue.head_re.finditer(text):
            s = m.start()
            if s and text[s - 1].isalpha():
                continue
            tok = _TOKEN.match(text, s).group()
            low = tok.lower()
            if len(low) != len(tok):
                continue
            for h in glue.heads.get(low[:3], ()):
                if not low.startswith(h) or len(low) == len(h):
                    continue
                tail = low[len(h):]
                pre = _NUMERAL_PREFIX.match(tail)
                if (tail[pre.end():] if pre else tail) in glue.tails:
                    points.append(s + len(h))
                    break
                # "жылғыІ тоқсан": a bare numeral glued on, the right word after a space
                if _NUMERAL_ONLY.fullmatch(tail):
                    nxt = _TOKEN.match(text, _skip_spaces(text, s + len(tok)))
                    if nxt and nxt.group().lower() in glue.tails:
                        points.append(s + len(h))
                        break
    for m in _COMMA.finditer(text):
        i = m.start()
        prev = text[i - 1] if i else " "
        if (prev.isalpha() or prev in ")»") and not _in_url(text, i):
            points.append(m.end())
    for m in _PERIOD.finditer(text):
        i = m.start()
        if i < 2 or not (_CYR_LETTER_CHAR.match(text, i - 1) and _CYR_LETTER_CHAR.match(text, i - 2)):
            continue
        right = _CYR_WORD.match(text, i + 1).group()
        # .рф, .қаз and other short lower-case tails are domains or abbreviations
        if len(right) <= 3 and right.islower():
            continue
        if not _in_url(text, i):
            points.append(i + 1)
    return points


def _step_glue(text: str, glue: _Glue, repairs: dict[str, int]) -> tuple[str, OffsetMap]:
    points = sorted(set(_glue_points(text, glue)))
    if not points:
        return text, IDENTITY
    b = OffsetMapBuilder()
    parts, pos = [], 0
    for p in points:
        parts += (text[pos:p], " ")
        b.copy(p - pos)
        b.replace(0, 1)
        pos = p
    parts.append(text[pos:])
    b.copy(len(text) - pos)
    repairs["glued"] = repairs.get("glued", 0) + len(parts) // 2
    return "".join(parts), b.build()


# =========================================================================== tables and API

@dataclass(frozen=True)
class _Tables:
    homoglyphs: _Homoglyphs
    glue: _Glue


def _mtime(p: str) -> float:
    try:
        return os.stat(p).st_mtime
    except OSError:
        return -1.0


@lru_cache(maxsize=8)
def _tables_for(directory: str, _stamp: tuple[float, ...]) -> _Tables:
    d = Path(directory)
    return _Tables(_load_homoglyphs(d), _load_glue(d))


@lru_cache(maxsize=8)
def _lexicon_files(env: str | None) -> tuple[str, tuple[str, ...]]:
    d = str(lexicon.lexicon_dir())
    return d, tuple(os.path.join(d, f) for f in ("homoglyphs.tsv", "glue.tsv", "months.tsv"))


def _tables() -> _Tables:
    """Lexicon-derived tables, rebuilt when the lexicon folder (``$ITP_DOCS_LEXICONS``) or one
    of its files changes; the check costs three ``stat`` calls."""
    d, files = _lexicon_files(os.environ.get("ITP_DOCS_LEXICONS"))
    return _tables_for(d, tuple(_mtime(f) for f in files))


def normalize(text: str, *, glue: bool = True) -> Normalized:
    """Repair ``text`` (see the module docstring) and map every output offset to the input.

    Linear in the length of the text; the common case (clean UTF-8 prose with a few no-break
    spaces and dashes) costs a handful of C-level regex scans.
    """
    tables = _tables()
    repairs: dict[str, int] = {}
    maps: list[OffsetMap] = []
    t, m = _step_mojibake(text, repairs)
    maps.append(m)
    t, m = _step_clean(t, repairs)
    maps.append(m)
    t, m = _step_nfc(t, repairs)
    maps.append(m)
    t = _step_typography(t, repairs)
    t = _step_homoglyphs(t, tables.homoglyphs, repairs)
    if glue:
        t, m = _step_glue(t, tables.glue, repairs)
        maps.append(m)
    offsets = IDENTITY
    for m in maps:  # maps[i] goes from step i's output to its input
        offsets = m.then(offsets)
    return Normalized(t, offsets, repairs)


# Tokens made only of these need no repair (checked before the full pipeline, ~1 µs): ASCII
# letters and digits, Russian and Kazakh letters, ordinary punctuation.
_CLEAN_WORD = re.compile("[A-Za-z0-9\u0401\u0406\u0410-\u044f\u0451\u0456\u0490-\u04ff"
                         "\\-.,:;!?()/%№+«»'&@#$*=\\[\\]_ ]*")


_LONE_LATIN = re.compile(r"(?<![^\W\d_])[A-Za-z](?![^\W\d_])")


@lru_cache(maxsize=1 << 16)
def normalize_word(word: str) -> str:
    """The character-level repairs of :func:`normalize` for one token (a query word, an
    analyzer token): no glue splitting, so the result is still one token. Cached per form."""
    if _CLEAN_WORD.fullmatch(word) and not _MIXED.search(word) and not _LONE_LATIN.search(word):
        return word
    return normalize(word, glue=False).text
