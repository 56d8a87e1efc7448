"""More fast paths checked against the plain formulations they replaced.

Each test keeps the plain version of a function as it was written before its speed-up and
compares the two on Kazakh/Russian text and on random strings that hit the corner cases
(unbalanced or nested quotes, empty inputs, runs of separators). Timings are printed by
bench/extract_speed.py, not checked here.
"""
from __future__ import annotations

import random

from itp_docs.extract import persons

KK = ("Қазақстан Республикасы Инвестициялар және даму министрлігі мен Алматы қаласының әкімдігі "
      "«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ-мен бірге Астанада 2018 жылғы 5 наурызда "
      "шамамен 95 млрд теңге бөлді. «Бауыржан Байбек» ҚР Үкіметі «ИТП» АЭА-ның жұмысын қолдайды.")
RU = ("Министерство по инвестициям и развитию Республики Казахстан и акимат города Алматы вместе "
      "с АО «Фонд национального благосостояния «Самрук-Казына» выделили около 95 млрд тенге в "
      "Астане 5 марта 2018 года. „Аскар Мамин“ сказал: \"Нурлан Ногаев\". В Нур-Султане открыли СЭЗ «ПИТ».")


def _random_texts(seed: int, n: int, alphabet: str, length: int = 120) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, length))) for _ in range(n)]


# --- persons._in_short_quote ----------------------------------------------------------------------

def _plain_in_short_quote(text: str, start: int, end: int) -> bool:
    lo = max(0, start - persons.MAX_TITLE_QUOTE)
    left = text[lo:start]
    qi = max(left.rfind(c) for c in persons._OPEN_Q)
    if qi < 0 or any(c in left[qi + 1:] for c in "»”\n.!?"):
        return False
    right = text[end:end + persons.MAX_TITLE_QUOTE]
    qj = min((right.find(c) for c in persons._CLOSE_Q if right.find(c) >= 0), default=-1)
    if qj < 0 or any(c in right[:qj] for c in "«“\n.!?"):
        return False
    return len((left[qi + 1:] + " " + text[start:end] + " " + right[:qj]).split()) <= persons.MAX_TITLE_WORDS


def test_in_short_quote_answers_like_the_plain_scan():
    rnd = random.Random(3)
    texts = [KK, RU] + _random_texts(3, 300, "аБ «»“”„\"\n.!? ", 150)
    n = 0
    for t in texts:
        for _ in range(60):
            s = rnd.randint(0, len(t))
            e = rnd.randint(s, min(len(t), s + 20))
            assert persons._in_short_quote(t, s, e) == _plain_in_short_quote(t, s, e), (t, s, e)
            n += persons._in_short_quote(t, s, e)
    assert n > 50        # the random quotes do make short quotations



# --- langid._add_into: only the nonzero languages of a block added, in place ----------------------

def test_add_into_is_the_plain_add():
    from itp_docs.lang import langid

    rnd = random.Random(17)
    n = len(langid._model().langs)
    values = [0.0, 0.0, 0.0, -0.0, 0.1, 0.2, 0.3, 1 / 3, 1e-9, 1e9, -0.7, 2.5]
    for _ in range(3000):
        g = langid._Evidence([rnd.choice(values) * rnd.choice((1, 1, 0.5, 3)) for _ in range(n)],
                             [rnd.choice((0, 0, 0, 1, 2)) for _ in range(n)], rnd.randint(0, 9))
        o = langid._Evidence([rnd.choice(values) * rnd.choice((1, 1, 0.5, 3)) for _ in range(n)],
                             [rnd.choice((0, 0, 0, 1, 2)) for _ in range(n)], rnd.randint(0, 9))
        # a total is never -0.0 (sums start at 0.0); the other's values may be anything
        g.totals = [0.0 + v for v in g.totals]
        plain = langid._Evidence(list(g.totals), list(g.strong), g.words)
        plain.add(o)
        fast = langid._Evidence(list(g.totals), list(g.strong), g.words)
        langid._add_into(fast, o)
        # the same floats bit for bit (repr tells -0.0 from 0.0)
        assert [repr(v) for v in fast.totals] == [repr(v) for v in plain.totals]
        assert (fast.strong, fast.words) == (plain.strong, plain.words)
