"""Speed-ups of the extraction hot paths give what the plain formulations give.

Each test keeps the plain formulation the fast path replaced and compares the two on Kazakh and
Russian text, the benchmark's pathological shapes (one long line, unbalanced quotes, ragged
tables, thousands of short lines) and random inputs. Timings belong in bench/extract_speed.py.
"""
from __future__ import annotations

import random
import re

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


# --- dates._tokens: runs of ordinary words dropped before their spans are read -------------------

from itp_docs.extract import dates, measures, numbers, persons  # noqa: E402
from itp_docs.extract.pipeline import build_context  # noqa: E402


def _plain_date_tokens(text: str) -> tuple[tuple, str]:
    toks: list = []
    syms: list[str] = []
    roman = dates._words().roman
    n = len(text)
    last = ""
    for wa, wb in dates._windows(text):
        if wa > 0:
            toks.append(dates._Tok("", wa, wa, "x", None))
            syms.append("x")
            last = "x"
        for m in dates._TOKEN_RE.finditer(text, wa, wb):
            a, b = m.span()
            if (a == wa and a > 0 and text[a - 1].isalnum()) or (b == wb and b < n and text[b].isalnum()):
                sym, val, t = "x", None, ""
            else:
                t = m.group()
                sym, val = dates._classify(t)
            if sym == "x":
                if t and t[-1] in "IІV":
                    for r in sorted(roman, key=len, reverse=True):
                        if t.endswith(r) and len(t) > len(r) and dates._classify(t[:-len(r)])[0] in "Ww":
                            cut = b - len(r)
                            for x, y in ((a, cut), (cut, b)):
                                s2, v2 = dates._classify(text[x:y])
                                toks.append(dates._Tok(text[x:y], x, y, s2, v2))
                                syms.append(s2)
                                last = s2
                            break
                    else:
                        toks.append(dates._Tok(t, a, b, sym, val))
                        syms.append(sym)
                        last = sym
                    continue
                if last == "x":
                    continue
            toks.append(dates._Tok(t, a, b, sym, val))
            syms.append(sym)
            last = sym
    return tuple(toks), "".join(syms)


DATE_WORDS = ("2018 жылғы 5 наурыз 12 декабря 2017 года ІІ тоқсан II квартал 2016 жылғыІ тоқсан "
              "биыл өткен жылы сегодня 2014-2018 жылдар 01.02.2019 жыл сайын ежегодно, 25 января "
              "IV V VI министрлігі Алматы ИТП III-IV жылғыV").split()


def _date_texts() -> list[str]:
    rnd = random.Random(11)
    out = _texts()
    words = DATE_WORDS + WORDS
    for _ in range(60):
        out.append(rnd.choice([" ", "\n", ", "]).join(rnd.choice(words) for _ in range(rnd.randint(1, 120))))
    out.append("x" * 40 + "2018" + "y" * 60 + " I " + "z" * 100 + "5 наурыз")   # words cut by window edges
    return out


def test_date_tokens_are_the_plain_tokenization():
    for text in _date_texts():
        dates._tokens.cache_clear()
        for _ in range(2):                  # the word classes cached and not
            assert dates._tokens(text) == _plain_date_tokens(text), text[:80]


# --- numbers._phrase_plan: the split of a phrase computed once per distinct phrase --------------

def _plain_find_numbers(text: str) -> tuple:
    tabs = numbers._tables()
    out = []
    for m in tabs.number_re.finditer(text):
        g = m.group()
        if g.isdigit():
            out.append(numbers._phrase(m.start(), m.end(), float(g), False, True, g, 1.0))
            continue
        spans = [(m.start() + t.start(), m.start() + t.end()) for t in tabs.token_re.finditer(m.group())]
        spans = [s for s in spans if text[s[0]:s[1]].strip()]
        i = 0
        while i < len(spans):
            best = None
            for j in range(len(spans), i, -1):
                r = numbers._evaluate([text[s:e] for s, e in spans[i:j]])
                if r is not None:
                    best = (j, r)
                    break
            if best is None:
                i += 1
                continue
            j, (val, mult, dig, scale) = best
            s, e = spans[i][0], spans[j - 1][1]
            toks = [text[a:b] for a, b in spans[i:j]]
            if not dig and all(t.lower() in tabs.words and tabs.words[t.lower()].kind == "multiplier"
                               and tabs.words[t.lower()].value >= 1000 for t in toks) \
                    and not numbers._bare_multiplier_ok(text, toks, s):
                i = j
                continue
            out.append(numbers._phrase(s, e, val, mult, dig, text[s:e], scale))
            i = j
    return tuple(out)


NUMBER_WORDS = ("95 млрд теңге 3,8 трлн 1 850,0 бір миллиард миллион доллар бірнеше миллион несколько "
                "миллиардов екі жүз бес мың жиырма бес үш жарым полтора 2015 2016 бес он млн 12,5 "
                "тысяч 1.000.000 2 - 3 млрд сто двадцать").split()


def test_find_numbers_is_the_plain_split():
    rnd = random.Random(5)
    texts = _date_texts()
    words = NUMBER_WORDS + WORDS[:40]
    texts += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 60))) for _ in range(150)]
    for text in texts:
        numbers._find_numbers.cache_clear()
        assert numbers._find_numbers(text) == _plain_find_numbers(text), text[:80]


# --- measures._realign: fits computed once per (cell, column) ----------------------------------

from references import realign_every_placement as _plain_realign  # noqa: E402


def test_realign_places_cells_like_scoring_every_row():
    rnd = random.Random(9)
    fields = ["number", "text", "completion_form", "executors", "deadline", "funding", "amount", None]
    pool = ["1.", "12", "", "ИИДМ, ЦДИАӨМ", "2018 жылғы 5 наурыз", "жыл сайын", "республикалық бюджет",
            "95", "Іс-шараны іске асыру жөнінде ұсыныстар енгізу", "Үкіметке ақпарат", "не требуется",
            "декабрь 2017 года", "МИР", "x" * 40, "Алматы қаласының әкімі"]
    for _ in range(1500):
        width = rnd.randint(1, 9)
        cols = [rnd.choice(fields) for _ in range(width)]
        cells = [rnd.choice(pool) for _ in range(rnd.randint(0, width))]
        prev = [rnd.choice(pool) for _ in range(rnd.randint(0, width + 1))]
        assert measures._realign(cells, prev, cols) == _plain_realign(cells, prev, cols)


# --- persons._group: the mention's key once, max() written out ---------------------------------

def _plain_group(mentions: list) -> list:
    ps: list = []
    starts: dict[int, list[int]] = {}
    order = sorted(mentions, key=lambda m: (3 if not m.surname else 0 if m.first else 1 if m.initials else 2,
                                            m.start))
    for m in order:
        if not m.surname:
            fk = persons.fold_key(m.first or "")
            cands = [p for p in ps if p.first and persons.fold_key(p.first.split()[0]) == fk]
        else:
            cands = [p for p in ps if p.key and persons._same_surname(p, m) and persons._first_compatible(p, m)]
        if m.first or m.initials:
            cands = [p for p in cands if (p.first or p.initials)] or cands
        p = None
        if cands:
            pos = m.start
            before = [c for c in cands if starts[id(c)][0] <= pos]
            pool = before or cands
            p = max(pool, key=lambda c: persons._last_at_or_before(starts[id(c)], pos))
        if p is None:
            p = persons.Person(key=persons._surname_key(m.surname) if m.surname else "", surname=m.surname or "")
            ps.append(p)
            starts[id(p)] = []
        persons._absorb(p, m)
        persons.insort(starts[id(p)], m.start)
    return ps


def _persons_view(ps: list) -> list:
    return [(p.key, p.first, p.patronymic, p.initials, p.surname, p.surname_f, p.gender, p.known_id,
             [(m.start, m.end) for m in p.mentions]) for p in ps]


def test_group_is_the_plain_grouping():
    import copy

    rnd = random.Random(4)
    names = ["Бауыржан Байбек", "Байбек", "Б. Байбек", "Байбеков", "Асқар Мамин", "Мамин", "Маминге",
             "А.У. Мамина", "Аскар Мамин", "Мамина", "Динара", "Сагинтаев", "Бакытжан Сагинтаев",
             "Сағынтаев", "Исекешов", "Асет Исекешев", "Исекешева", "Мамина Асель"]
    texts = [KK, RU]
    for _ in range(40):
        texts.append(" ".join(rnd.choice(names + WORDS[:30]) + rnd.choice([" ", ", ", ". ", " айтты. "])
                              for _ in range(rnd.randint(5, 200))))
    for text in texts:
        ctx = build_context(text)
        mentions, _d = persons.find_mentions(ctx)
        if rnd.random() < 0.5:
            rnd.shuffle(mentions)
        a, b = copy.deepcopy(mentions), copy.deepcopy(mentions)
        assert _persons_view(persons._group(a)) == _persons_view(_plain_group(b))


# --- ru lemmatizer: the dictionary package passed by path reads like the language lookup --------

def test_morph_by_path_is_the_language_lookup():
    import pymorphy3

    from itp_docs.lang.ru import lemmatizer as ru

    fast, plain = ru.morph(), pymorphy3.MorphAnalyzer(lang="ru")
    assert fast.lang == plain.lang and fast.dictionary.meta == plain.dictionary.meta
    assert [type(u) for u in fast._units] == [type(u) for u in plain._units]
    for w in ("Алматы", "Астане", "министерства", "Бауыржану", "тенге", "Сагинтаева", "Исекешеву",
              "развития", "Шукеева", "дата-центра", "Нур-Султане", "постановлением"):
        assert [(p.normal_form, str(p.tag), p.score) for p in fast.parse(w)] == \
               [(p.normal_form, str(p.tag), p.score) for p in plain.parse(w)]


# --- programs: containment and overlap answered without scanning every span -------------------

from itp_docs.extract import programs  # noqa: E402


def _random_spans(rnd: random.Random, n: int, top: int) -> list[tuple[int, int]]:
    out = []
    for _ in range(n):
        a = rnd.randint(0, top)
        out.append((a, a + rnd.choice([0, 1, 2, 3, 5, 8, 13, 30])))
    return out


def test_inside_quote_is_the_scan():
    rnd = random.Random(21)
    for _ in range(300):
        text = "".join(rnd.choice("ab «» \n") for _ in range(rnd.randint(0, 80)))
        quoted = set(_random_spans(rnd, rnd.randint(0, 12), 70))
        fast = programs._inside_quote(text, quoted)
        for s in range(-2, 85):
            for e in range(s - 2, s + 12):
                plain = any(a <= s and e <= b and (a, b) != (s, e) and text[a:s].strip() for a, b in quoted)
                assert fast(s, e) == bool(plain), (text, quoted, s, e)


def test_longer_container_is_the_scan():
    rnd = random.Random(22)
    for _ in range(300):
        spans = _random_spans(rnd, rnd.randint(0, 12), 60)
        if rnd.random() < 0.2:
            spans.append((rnd.randint(0, 60), rnd.randint(0, 60)))      # even backwards ones
        fast = programs._longer_container(spans)
        for a in range(-2, 75):
            for b in range(a - 3, a + 15):
                plain = any(s <= a and b <= e and (e - s) > (b - a) for s, e in spans)
                assert fast(a, b) == plain, (spans, a, b)


def _plain_choose(cands: list, org_spans: list) -> list:
    chosen: list = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), -c.score)):
        if any(c.start < e and s < c.end for s, e in ((x.start, x.end) for x in chosen)):
            continue
        if any(s <= c.start and c.end <= e and (e - s) > (c.end - c.start) for s, e in org_spans):
            continue
        chosen.append(c)
    return chosen


def test_choose_is_the_scan():
    rnd = random.Random(23)
    for k in range(400):
        n = 90
        cands = [programs.Program(a, b, f"p{i}", {}, rnd.choice([1.0, 2.0, 3.0]))
                 for i, (a, b) in enumerate(_random_spans(rnd, rnd.randint(0, 15), 80))]
        if k % 2:
            cands = [c for c in cands if c.end > c.start]      # the fast path (characters marked)
        elif k % 10 == 0:
            cands.append(programs.Program(95, 99, "past the text", {}, 1.0))
        orgs = _random_spans(rnd, rnd.randint(0, 10), 80)
        fast = programs._choose(cands, orgs, n)
        assert [id(c) for c in fast] == [id(c) for c in _plain_choose(cands, orgs)]


# --- langid: _decide's runner-up from a slice, _absorb's sum in one pass ------------------------

from itp_docs.lang import langid  # noqa: E402
from references import decide_by_sorting  # noqa: E402


def test_decide_and_absorb_are_the_plain_ones():
    rnd = random.Random(31)
    n = len(langid._model().langs)
    values = [0.0, -0.0, 0.5, 0.75, 1.0, 2.0, -1.0, 0.3, 3.5, 0.2]
    for _ in range(5000):
        e = langid._Evidence([rnd.choice(values) * rnd.choice((1, 1, 0.5, 3)) for _ in range(n)],
                             [rnd.choice((0, 0, 1, 2)) for _ in range(n)], rnd.randint(0, 20))
        assert langid._decide(e) == decide_by_sorting(e)
    for _ in range(500):
        mk = lambda: langid._Evidence([rnd.uniform(-1, 3) for _ in range(n)],  # noqa: E731
                                      [rnd.randint(0, 3) for _ in range(n)], rnd.randint(0, 9))
        g, o = mk(), mk()
        group, other = [5, 9, g, "kk", True], [2, 12, o, "ru", False]
        plain = langid._Evidence(list(g.totals), list(g.strong), g.words)
        plain.add(o)
        langid._absorb(group, other)
        assert (group[0], group[1]) == (2, 12)
        assert (group[2].totals, group[2].strong, group[2].words) == (plain.totals, plain.strong, plain.words)
        assert group[3] == decide_by_sorting(plain)[0]
        assert group[2].totals is not g.totals and g.totals == g.totals


# --- Context.ignored: many boilerplate spans answered by bisection ------------------------------

def test_ignored_is_the_scan():
    from itp_docs.extract.context import Context

    rnd = random.Random(41)
    ctx = Context(text="x" * 200, lang="kk", paragraphs=[])
    for _ in range(300):
        ctx.ignore_spans = _random_spans(rnd, rnd.randint(0, 12), 150)
        if rnd.random() < 0.2:
            ctx.ignore_spans.append((rnd.randint(0, 150), rnd.randint(0, 150)))   # even backwards ones
        for _ in range(60):
            a = rnd.randint(-5, 180)
            b = a + rnd.randint(-3, 25)
            plain = any(s < b and a < e for s, e in ctx.ignore_spans)
            assert ctx.ignored(a, b) == plain


def _plain_windows(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(text)
    for m in dates._seed_re().finditer(text):
        a, b = max(0, m.start() - dates._WINDOW_BEFORE), min(n, m.end() + dates._WINDOW_AFTER)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def test_date_windows_are_the_plain_ones():
    rnd = random.Random(12)
    texts = _date_texts()
    texts += ["".join(rnd.choice("1 a\nбиыл" + " " * 30) for _ in range(rnd.randint(0, 400))) for _ in range(200)]
    for text in texts:
        assert dates._windows(text) == _plain_windows(text)


# --- money._currency_before: numbers that no sign or code can precede are answered at once -----

def _plain_currency_before(text: str, start: int):
    from itp_docs.extract.money import _ISO_BEFORE
    from itp_docs.extract.numbers import currency_table

    table, _word_re, sign_re = currency_table()
    head = text[max(0, start - 6):start]
    stripped = head.rstrip(" \u00a0")
    base = start - len(head)
    for k in (3, 2, 1):
        cand = stripped[-k:]
        if len(cand) == k and cand in table and not cand[0].isalpha() and sign_re.fullmatch(cand):
            return base + len(stripped) - k, table[cand]
    m = _ISO_BEFORE.search(stripped, max(0, len(stripped) - 4)) if stripped[-1:].isupper() else None
    if m and m.group(1).lower() in table and len(head) - len(stripped) <= 1:
        return base + m.start(1), table[m.group(1).lower()]
    return None


def test_currency_before_is_the_plain_test():
    from itp_docs.extract import money
    from itp_docs.extract.numbers import currency_table

    rnd = random.Random(51)
    table = currency_table()[0]
    bits = [k for k in table if len(k) <= 3] + ["USD", "KZT", "EUR", "руб.", "$", "₸", "€", "а", "Б", " ",
                                                  "\u00a0", "1", "(", "млн", "тг", "US", "X"]
    for _ in range(4000):
        text = "".join(rnd.choice(bits) for _ in range(rnd.randint(0, 6))) + "12"
        start = len(text) - 2
        assert money._currency_before(text, start) == _plain_currency_before(text, start), text


def test_analyze_ranges_merging_is_the_plain_scan():
    rnd = random.Random(61)
    seps = [" ", "\n", "\n\n", "\t", "\u00a0", "\u2028", "\x1c", "", "-", ".", "_", " \n "]
    for _ in range(300):
        parts = [rnd.choice(WORDS + ["2018", "3,8", "ЭКСПО-2017", "a'b", "x"]) for _ in range(rnd.randint(0, 25))]
        text = "".join(p + rnd.choice(seps) for p in parts)
        n = len(text)
        cuts = sorted(rnd.randint(0, n) for _ in range(rnd.randint(0, 12)))
        ranges = []
        for a, b in zip(cuts, cuts[1:]):
            ranges.append((a, b, rnd.choice(["kk", "ru", "other", "kk"])))
        if rnd.random() < 0.3 and ranges:                     # unordered, overlapping, backwards
            i = rnd.randrange(len(ranges))
            a, b, lg = ranges[i]
            ranges.insert(rnd.randrange(len(ranges) + 1), (max(0, b - 3), a, lg))
        # paragraph-like ranges too: lines without their surrounding whitespace
        lines = [(m.start(), m.end(), rnd.choice(["kk", "ru"])) for m in re.finditer(r"\S+(?:[ \t]+\S+)*", text)]
        for rs in (ranges, lines):
            assert analyzer.analyze_ranges(text, rs) == _plain_analyze_ranges(text, rs), (text, rs)
