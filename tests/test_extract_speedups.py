"""Speed-ups of the extraction hot paths give what the plain formulations give.

Each test keeps the plain formulation the fast path replaced and compares the two on Kazakh and
Russian text, the benchmark's pathological shapes (one long line, unbalanced quotes, ragged
tables, thousands of short lines) and random inputs. Timings belong in bench/extract_speed.py.
"""
from __future__ import annotations

import random

import pytest

from itp_docs.lang import analyzer
from itp_docs.lang.analyzer import Token, analyze_word

KK = ("Қазақстан Республикасы Инвестициялар және даму министрлігі мен Алматы қаласының әкімдігі "
      "«Самрұқ-Қазына» АҚ-мен бірге Астанада 2018 жылғы 5 наурызда шамамен 95 млрд теңге бөлді. "
      "Бауыржан Байбек: «Жұмыс жалғасады», – деді. ЭКСПО-2017, IT-компаниялар, 3,8 трлн.")
RU = ("Министерство по инвестициям и развитию Республики Казахстан и акимат города Алматы вместе "
      "с АО «Фонд национального благосостояния «Самрук-Казына» выделили около 95 млрд тенге "
      "5 марта 2018 года. Постановление № 827 от 12 декабря 2017 года; Нур-Султане, Astana Hub.")
WORDS = (KK + " " + RU).split()


def _texts() -> list[str]:
    rnd = random.Random(3)
    out = [KK, RU, KK + "\n\n" + RU, "", "   ", "1. 2.\t|\t3", "»«\"„“ «Алматы"]
    out.append(" ".join(rnd.choice(WORDS) for _ in range(3000)))                       # one long line
    out.append(" ".join(rnd.choice("«»\"„“") + rnd.choice(WORDS) for _ in range(800)))  # quotes
    out.append("\n".join("\t|\t".join([f"{i + 1}."] + [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(0, 6)))
                                                       for _ in range(rnd.randint(0, 9))])
                         for i in range(300)))                                           # ragged table
    out.append("\n".join(rnd.choice(WORDS) for _ in range(2000)))                       # short lines
    alphabet = "аәбвгғқңөұүіһАӘҚҢЁёa-Z0 9.,«»\n-'’"
    out += ["".join(rnd.choice(alphabet) for _ in range(300)) for _ in range(30)]
    return out


def _plain_analyze_ranges(text: str, ranges: list[tuple[int, int, str]]) -> list[Token]:
    tokens: list[Token] = []
    fallback = None
    for start, end, plang in ranges:
        if plang not in ("kk", "ru"):
            fallback = fallback or analyzer._fallback_lang(text)
            plang = fallback
        for m in analyzer.TOKEN_RE.finditer(text, start, end):
            w = m.group()
            a = analyze_word(w, plang)
            tokens.append(Token(w, m.start(), m.end(), a.norm, a.lang, a.lemma, a.stem, a.keys))
    return tokens


@pytest.mark.parametrize("lang", ["auto", "kk", "ru"])
def test_analyze_ranges_makes_the_tokens_token_makes(lang):
    for text in _texts():
        ranges = analyzer._paragraph_langs(text, lang)
        fast, plain = analyzer.analyze_ranges(text, ranges), _plain_analyze_ranges(text, ranges)
        assert fast == plain
        assert [repr(t) for t in fast] == [repr(t) for t in plain]
        assert all(type(t) is Token for t in fast)
        if fast:
            assert hash(fast[0]) == hash(plain[0])
            with pytest.raises(AttributeError):
                fast[0].text = "x"          # still frozen
