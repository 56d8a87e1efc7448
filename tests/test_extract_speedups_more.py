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


# --- scan.fast: a locator that skips to where a pattern can start, same matches ------------------

import re  # noqa: E402

from itp_docs.extract import scan  # noqa: E402

_TRICKY = "аАәӘіІiIİıKkKſsSßẞ0٣𝟘 \t\n.,:;«»\"|-–—№()©"


def _assert_same(rx: re.Pattern[str], fast, texts: list[str], rnd: random.Random) -> None:
    for t in texts:
        assert [(m.span(), m.groups()) for m in fast.finditer(t)] == \
            [(m.span(), m.groups()) for m in rx.finditer(t)], (rx.pattern[:80], t[:80])
        assert fast.findall(t) == rx.findall(t)
        for _ in range(3):
            a = rnd.randint(0, len(t))
            b = rnd.randint(a, len(t))
            sa, sb = fast.search(t, a, b), rx.search(t, a, b)
            assert (sa.span(), sa.groups()) == (sb.span(), sb.groups()) if sb else sa is None
            assert [m.span() for m in fast.finditer(t, a, b)] == [m.span() for m in rx.finditer(t, a, b)]


def test_fast_scan_finds_what_the_pattern_finds():
    rnd = random.Random(11)
    words = (KK + " " + RU).split()
    texts = [KK, RU, KK.upper(), RU.lower(), ""]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))) for _ in range(40)]
    texts += ["".join(rnd.choice(_TRICKY + "абвгдеж") for _ in range(rnd.randint(0, 80))) for _ in range(200)]
    patterns = [
        (r"(?<![\w])((?=[ЖИМПСХжимпсх])(?<!\w)(?:и(?:нформирует(?!\w))|м(?:әлімдейді(?!\w))|с(?:ообщает)))", re.I),
        (r"(?<!\w)(?:бекітілген|бекітілді)[ \t]*[.]?[ \t]*$", re.I | re.M),
        (r"(?<![\w-])(?=[ҚқКк])(?:қаулы|кодекс)[^\W\d_]*(?![\w])", re.I),
        (r"(?=[ia])(?=((?:i|a)\w*))", re.I),                         # zero-width, a group: findall
        (r"(?=[\dабв])(?:\d+|а|б)", 0),
        (r"[iſkß]+", re.I),                                           # İ, ı, K (Kelvin), ſ, ẞ
        (r"(?i:k)s|(?-i:S)x", 0),
        (r"\d+(?:[.,]\d+)*", 0),                                      # astral digits: 𝟘
        (r"(?:«|\")(\w+)(?:»|\")|№\s*(\d+)", 0),
        (r"\s*:\s*(\S+)", re.M),                                      # may start with a newline
        (r"(?:(?<=\w)|^)[-–](\w+)", re.M),
        (r"x?", 0),                                                   # empty and non-empty: not wrapped
        (r"(\w)\1", 0),                                               # a backreference
    ]
    for pat, flags in patterns:
        rx = re.compile(pat, flags)
        fast = scan.fast(rx)
        if not isinstance(fast, scan.FastPattern):
            assert fast is rx and pat in (r"x?", r"(\w)\1"), pat    # left as it is
            continue
        _assert_same(rx, fast, texts, rnd)


def test_the_wrapped_lexicon_patterns_find_what_they_did():
    from pathlib import Path

    from itp_docs.extract import decree, laws, news, structure

    rnd = random.Random(13)
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(corpus.iterdir()) if p.is_file()]
    texts += [KK, RU, "\n".join((KK + " " + RU).split())]
    wrapped = [news._lex()["source_verb"], news._lex()["byline_label"], decree._lex()["formula_upper"],
               decree._lex()["formula_colon"], decree._lex()["approval_before"], laws._cues().anchor_re]
    for t in texts[:12]:
        wrapped += [rx for w, rx in structure._boilerplate_res(t).items() if w == "any"]
    for fast in wrapped:
        assert isinstance(fast, scan.FastPattern)
        _assert_same(fast.rx, fast, texts, rnd)


# --- measures: _realign's placements scored from prefix sums; _content_columns' prefilters ------

from itp_docs.extract import measures  # noqa: E402


from references import realign_every_placement as _plain_realign  # noqa: E402


_CELLS = ["", "1.", "12", "2.3.", "2018 жылғы желтоқсан", "2019 жыл", "IV квартал 2018 года", "жыл сайын",
          "ИДМ, ҰЭМ (келісім бойынша)", "по согласованию", "Республикалық бюджет", "не требуется",
          "1 850,0", " 45 ", "Үкіметке ақпарат", "Алматы қаласының әкімдігі іс-шараларды өткізеді",
          "АҚ", "ақпарат", "Astana Hub", "\t3"]


def test_realign_chooses_what_scoring_each_row_chooses():
    rnd = random.Random(29)
    fields = [None, "number", "text", "completion_form", "executors", "deadline", "funding", "amount"]
    for _ in range(3000):
        width = rnd.randint(3, 10)
        cols = [rnd.choice(fields) for _ in range(width)]
        cells = [rnd.choice(_CELLS) for _ in range(rnd.randint(2, width - 1))]
        prev = [rnd.choice(_CELLS) for _ in range(rnd.randint(0, width + 1))]
        assert measures._realign(cells, prev, cols) == _plain_realign(cells, prev, cols), (cells, prev, cols)


def test_content_column_prefilters_are_the_patterns():
    randoms = _random_texts(31, 3000, " \t\u00a0\u20030123456789²٣,.аәбБӘҚQqzZ-", 12)
    for c in _CELLS[1:] + [x.upper() for x in _CELLS[1:]] + ["\u00a012", "²3", "ааа ББ", "Ә", "٣٤"] + randoms:
        if not c:
            continue
        digit = c[0].isdigit() or c[0].isspace()
        assert bool(measures._NUMBER_CELL.match(c)) <= digit and bool(measures._AMOUNT_ONLY.match(c)) <= digit
        assert bool(measures._ABBREV.search(c)) <= (not c.islower())


# --- money._currency_after: the patterns tried only where a currency or bracket can start --------

def _plain_currency_after(text: str, end: int):
    from itp_docs.extract import money

    table, word_re, sign_re = money.currency_table()
    for gap in (money._GAP_RE, money._PAREN_RE):
        g = gap.match(text, end)
        if not g:
            continue
        pos = g.end()
        m = word_re.match(text, pos)
        if m:
            return m.end(), table[m.group().lower()]
        m = sign_re.match(text, pos)
        if m:
            return m.end(), table[m.group()]
    return None


def test_currency_after_is_the_plain_one():
    from itp_docs.extract import money

    rnd = random.Random(37)
    pieces = ["5", " ", "\u00a0", "  ", "(бес миллион)", " (", ")", "теңге", "ТЕНГЕ", "тенге", "долл.", "$",
              "US$", "₸", "€", "евро", "рубль", "сом", "сомнение", "млн", "\n", "|", "KZT", "usd", "Тг",
              "x", "𝟘", "ſ", "K"]
    texts = [KK, RU] + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12))) for _ in range(3000)]
    for t in texts:
        for end in range(len(t) + 1):
            assert money._currency_after(t, end) == _plain_currency_after(t, end), (t, end)


# --- orgs._byline_outlet: blanks to the end of the line, matched in place -----------------------

def test_blank_to_end_of_line_is_the_stripped_rest_of_the_line():
    """The byline test once sliced and stripped the rest of the line after each quote: on a
    text of one long line that was a scan to its end per quote (quadratic). The pattern must
    answer what the slice did, for every kind of blank and at the end of the text."""
    from itp_docs.extract import orgs

    texts = _random_texts(37, 3000, " \t\n\r\u00a0\u2003\u000bаб»«,", 30)
    for t in texts:
        for i in range(len(t) + 1):
            j = t.find("\n", i)
            plain = not t[i:j if j >= 0 else len(t)].strip()
            assert bool(orgs._BLANK_TO_EOL.match(t, i)) == plain, (t, i)
