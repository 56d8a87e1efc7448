"""The fast paths of the extraction stages answer exactly what the plain formulations answer.

Each speed-up replaced a simple expression (an ordered regex alternation, a scan of every
interval, a test of every suffix) with an index or a shortcut; these tests compare the two on
Kazakh and Russian text and on random inputs that hit the corner cases (mixed case, empty or
nested spans, unbalanced quotes). Timings are printed by bench/extract_speed.py, not checked here.
"""
from __future__ import annotations

import random
import re

import pytest

from itp_docs.extract import dates, layout, numbers, persons, places, quotes, roles
from itp_docs.extract.gazetteer import doc_units
from itp_docs.extract.orgs import legal_forms, org_gazetteer
from itp_docs.extract.pipeline import build_context
from itp_docs.extract.places import place_gazetteer
from itp_docs.lang import langid
from references import decide_by_sorting

KK = ("Қазақстан Республикасы Инвестициялар және даму министрлігі мен Алматы қаласының әкімдігі "
      "«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ-мен бірге Астанада 2018 жылғы 5 наурызда "
      "шамамен 95 млрд теңге бөлді. ҚР Үкіметі «ИТП» АЭА-ның жұмысын қолдайды.")
RU = ("Министерство по инвестициям и развитию Республики Казахстан и акимат города Алматы вместе "
      "с АО «Фонд национального благосостояния «Самрук-Казына» выделили около 95 млрд тенге в "
      "Астане 5 марта 2018 года. В Нур-Султане и Алматинской области открыли СЭЗ «ПИТ».")


# --- layout.phrase_pattern: the factored alternation matches like the ordered one ---------------

def _plain_pattern(phrases: list[str]) -> str:
    alts, firsts = [], set()
    for p in sorted(set(phrases), key=lambda s: (-len(s), s)):
        words = p.split()
        if words:
            alts.append(r"\s+".join(layout._word_re(w) for w in words))
            c = words[0][0]
            firsts.update((re.escape(c.lower()), re.escape(c.upper())))
    return "(?=[" + "".join(sorted(firsts)) + "])(?:" + "|".join(alts) + ")"


def test_phrase_pattern_matches_like_the_plain_alternation():
    rnd = random.Random(5)
    alphabet = "аАбБпПсСқҚ-.№ a"
    texts = [KK, RU, KK.upper(), RU.lower()]
    texts += ["".join(rnd.choice(alphabet + "\nкы") for _ in range(200)) for _ in range(20)]
    sets = [["по словам", "как сообщил*", "айтуынша", "Источник", "ист*"],
            ["министрлігі", "Министерство", "министр*", "№ 5"]]
    for _ in range(150):
        sets.append(["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 4)))
                     + rnd.choice(["", "*", " а", " б*"]) for _ in range(rnd.randint(1, 6))])
    for phrases in sets:
        fast, plain = layout.phrase_pattern(phrases), _plain_pattern(phrases)
        for flags in (0, re.I, re.I | re.M):
            a = re.compile("(" + fast + r")\s*:?", flags)
            b = re.compile("(" + plain + r")\s*:?", flags)
            for t in texts:
                assert [m.span() for m in a.finditer(t)] == [m.span() for m in b.finditer(t)], phrases


# --- quotes: spans and depths of the linear scan ----------------------------------------------

def test_quote_depth_is_the_number_of_enclosing_quotes():
    rnd = random.Random(3)
    pieces = ["«", "»", " ", "а", "Б", ". Ж", ", ", "(", "\n", "|", "«Ал", "»-ның"]
    for _ in range(3000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, rnd.choice((10, 80, 400)))))
        qs = quotes.find_quoted(t)
        spans = [(q.start, q.end) for q in qs]
        assert spans == sorted(spans, key=lambda x: (x[0], -x[1]))
        for q in qs:
            assert t[q.start] == "«" and t[q.end - 1] == "»"
            assert "\n" not in t[q.start:q.end] and "|" not in t[q.start:q.end]
            # (a span found twice, the plain and a repaired reading, does not enclose itself)
            assert q.depth == sum(1 for s, e in spans if s <= q.start and q.end <= e and (s, e) != (q.start, q.end))


def test_quote_repairs_kazakh_and_russian():
    t = "«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ"
    assert [(t[q.start:q.end], q.depth, q.repaired) for q in quotes.find_quoted(t)] == [
        ("«Самрұқ-Қазына» Ұлттық әл-ауқат қоры»", 0, True), ("«Самрұқ-Қазына»", 1, False)]
    t = "АО «Фонд развития предпринимательства «Даму» (по согласованию)"
    assert [t[q.start:q.end] for q in quotes.find_quoted(t)] == [
        "«Фонд развития предпринимательства «Даму»", "«Даму»"]


def test_depths_of_many_spans_match_the_pairwise_count():
    rnd = random.Random(9)
    for _ in range(300):
        sp = [(s, rnd.randint(s, 90), bool(rnd.random() < .5)) for s in (rnd.randint(0, 80) for _ in range(rnd.randint(40, 120)))]
        want = [sum(1 for s2, e2, _ in sp if s2 <= s and e <= e2 and (s2, e2) != (s, e)) for s, e, _ in sp]
        assert quotes._depths(sp) == want


# --- roles: the signature test reads backwards only as far as needed --------------------------

def test_signature_head_is_the_regex_test_of_the_line():
    rnd = random.Random(1)
    alphabet = [" ", "\t", "\u00a0", "\n", "а", "\u2003", "\r", ".", "Б"]
    for _ in range(20000):
        t = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        ns = rnd.randint(0, len(t))
        head = t[t.rfind("\n", 0, ns) + 1:ns]
        want = not (head.strip() and not roles._SIGNATURE_GAP.search(head))
        assert roles._signature_head(t, ns) == want


# --- places: interval queries --------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["disjoint", "sorted", "any"])
def test_spans_answer_like_a_scan(kind):
    rnd = random.Random(hash(kind) % 1000)
    for _ in range(500):
        spans = []
        pos = 0
        for _ in range(rnd.randint(0, 12)):
            if kind == "disjoint":
                a = pos + rnd.randint(0, 3)
                b = a + rnd.randint(0, 4)
                pos = b
            else:
                a = rnd.randint(0, 40)
                b = a + rnd.randint(0, 8)
            spans.append((a, b))
        if kind == "sorted":
            spans.sort()
        sp = places._Spans(spans)
        for _ in range(30):
            s = rnd.randint(0, 45)
            e = s + rnd.randint(1, 6)
            assert sp.overlaps(s, e) == any(a < e and s < b for a, b in spans)
            assert sp.containing(s, e) == next(((a, b) for a, b in spans if a <= s and e <= b), None)


# --- gazetteer: the document index finds what match_at finds at every unit ----------------------

@pytest.mark.parametrize("text", [KK, RU])
def test_find_doc_is_match_at_everywhere(text):
    for gz in (org_gazetteer(), place_gazetteer(), legal_forms()):
        ctx = build_context(text)
        units = doc_units(ctx)
        want = [m for i in range(len(units)) for m in gz.match_at(units, i)]
        got = gz.find_doc(ctx)
        assert [(m.start, m.end, m.entry.name) for m in got] == [(m.start, m.end, m.entry.name) for m in want]
    assert any(m.entry.data["id"] for m in org_gazetteer().find_doc(build_context(text)))


# --- persons: surname endings by lookup -----------------------------------------------------------

def test_surname_ending_lookup_is_the_longest_listed_ending():
    lex = persons._lex()

    def scan(nom: str, lang: str):
        low = nom.lower()
        for ending, gender, kind in lex.endings.get(lang, ()):
            if ending.startswith("-") and low.endswith(ending[1:]) and len(low) - len(ending) + 1 >= 2:
                return gender, kind
        return None

    words = ["Исекешов", "Сапарова", "Әбішұлы", "Нұрланқызы", "Сагинтаев", "Ахметова", "Мамина",
             "Шевченко", "Iskakov", "Baibek", "Ов", "ова", "Алматы", "Қасымов", "Сейдахметовке"]
    for w in words:
        for lang in ("kk", "ru", "lat"):
            assert persons._ending_of(w, lang) == scan(w, lang)
    assert persons._ending_of("Сапарова", "ru") is not None


# --- numbers: hedges and phrases --------------------------------------------------------------------

@pytest.mark.parametrize("text, amount, widened", [
    ("около 45 млн евро", "45 млн", "около 45 млн"),
    ("кемі 300 млрд теңге", "300 млрд", "кемі 300 млрд"),
    ("свыше 2 млрд тенге", "2 млрд", "свыше 2 млрд"),
    ("1,7 млрд теңгеден астам", "1,7 млрд теңгеден", "1,7 млрд теңгеден астам"),  # hedge after
    ("было 45 млн евро", "45 млн", None),
    ("1,7 млрд теңгеден астам бөлінді", "1,7 млрд", None),     # the currency stands between
])
def test_hedge_span(text, amount, widened):
    s = text.index(amount)
    got = numbers.hedge_span(text, s, s + len(amount))
    assert (text[got[0]:got[1]] if got else None) == widened


def test_number_phrases_are_ordinary_dataclasses():
    n = numbers.find_numbers("95 млрд теңге және 2018")[0]
    same = numbers.NumberPhrase(n.start, n.end, n.value, n.has_multiplier, n.digits, n.text, n.scale)
    assert n == same and hash(n) == hash(same) and repr(n) == repr(same)
    with pytest.raises(Exception):
        n.value = 1.0               # still frozen


# --- dates: cached pattern candidates --------------------------------------------------------------

def test_date_candidates_are_every_pattern_match():
    for text in (KK, RU, "2014 - 2018 жылдар", "IV квартал 2018 года", "2016 жылғы І-тоқсан"):
        _toks, syms = dates._tokens(text)
        for loose in (False, True):
            want = sorted(((m.start(), m.end(), prio, name)
                           for prio, (name, rx) in enumerate(dates._compiled(loose))
                           for m in rx.finditer(syms)), key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
            assert list(dates._candidates(syms, loose)) == want
    assert dates.find_dates("2018 жылғы 5 наурызда")[0][2] == "2018-03-05"


# --- langid: the decision without sorting -----------------------------------------------------------

def test_decision_is_the_stable_ranking():
    rnd = random.Random(4)
    n = len(langid._model().langs)
    values = [0.0, -0.0, -1.0, 0.5, 0.75, 1.0, 2.5]
    for _ in range(5000):
        totals = [rnd.choice(values + [rnd.uniform(-3, 9)]) for _ in range(n)]   # many ties
        e = langid._Evidence(totals, [rnd.randint(0, 1) for _ in range(n)], rnd.randint(0, 30))
        assert langid._decide(e) == decide_by_sorting(e)
    assert langid.identify(KK) == "kk" and langid.identify(RU) == "ru"


# --- langid: paragraph runs summed once, short blocks cached --------------------------------------

def _paragraphs_absorbing_each(text: str) -> list[tuple[int, int, str]]:
    """identify_paragraphs as first written: every weak block absorbed (evidence copied and
    summed position by position, the run decided again) one at a time."""
    def absorb(group: list, other: list) -> None:
        ev = langid._Evidence(list(group[2].totals), list(group[2].strong), group[2].words)
        for i, v in enumerate(other[2].totals):
            ev.totals[i] += v
        for i, v in enumerate(other[2].strong):
            ev.strong[i] += v
        ev.words += other[2].words
        group[0], group[1], group[2] = min(group[0], other[0]), max(group[1], other[1]), ev
        group[3] = langid._decide(ev)[0]

    blocks = []
    for mt in langid._LINE_RE.finditer(text):
        seg = mt.group()
        lead, end = len(seg) - len(seg.lstrip()), len(seg.rstrip())
        if end <= lead:
            continue
        e = langid._evidence(seg[lead:end])
        label, own = langid._decide(e)
        blocks.append([mt.start() + lead, mt.start() + end, e, label, langid._alone(e, label, own)])
    units: list[list] = []
    for b in blocks:
        if not b[4] and units and not units[-1][4] and units[-1][5]:
            absorb(units[-1], b)
        else:
            units.append(b + [not b[4]])
    out: list[list] = []
    for i, u in enumerate(units):
        if u[5]:
            label, own = langid._decide(u[2])
            if own and langid._alone(u[2], label, own, run=True):
                out.append(u)
            else:
                prev = out[-1] if out else None
                nxt = units[i + 1] if i + 1 < len(units) else None
                if nxt is not None and (prev is None or (label == nxt[3] != prev[3])):
                    absorb(nxt, u)
                elif prev is not None:
                    absorb(prev, u)
                else:
                    out.append(u)
        else:
            out.append(u)
    return [(b[0], b[1], b[3]) for b in out]


def test_paragraph_runs_are_absorbed_like_one_at_a_time():
    rnd = random.Random(11)
    lines = (KK + " " + RU).replace(".", ".\n").split("\n") + [
        "Алматы", "95", "млрд теңге", "Facebook Twitter", "ҚР", "2018 жылғы 5 наурыз", "что", "және",
        "Правительство РК", "«Самрұқ-Қазына» АҚ", "Бауыржан Байбек", "  ", "", "Hello world", "Сәлем",
        "Kazakhstan jäne Qazaqstan", "Ўзбекистон", "1.", "|", "Жарлығы"]
    texts = [KK, RU, KK + "\n" + RU, "\n".join(KK.split()), "\n".join(RU.split())]
    for _ in range(400):
        texts.append("\n".join(rnd.choice(lines) for _ in range(rnd.randint(0, rnd.choice((5, 40, 200))))))
    texts.append("\n".join(rnd.choice(lines) for _ in range(3000)))
    for t in texts:
        assert langid.identify_paragraphs(t) == _paragraphs_absorbing_each(t)
        assert langid.identify_paragraphs(t) == _paragraphs_absorbing_each(t)   # (cache warm)


# --- link: overlap tests through sorted disjoint spans ----------------------------------------------

def test_resolve_is_the_scan_of_every_kept_span():
    from itp_docs.extract import link
    from itp_docs.extract.model import Entity

    rnd = random.Random(13)
    types = ["PERSON", "ORG", "LOC", "PROGRAM", "DATE", "MONEY", "PERCENT", "LAW"]
    for _ in range(3000):
        size = rnd.choice((10, 40, 300))
        ents = []
        for _ in range(rnd.randint(0, rnd.choice((5, 30, 120)))):
            s = rnd.randint(0, size)
            e = s + rnd.choice((0, 1, 2, 3, 5, 10, rnd.randint(0, size)))
            t = rnd.choice(types)
            attrs = {"in_org": True} if t == "LOC" and rnd.random() < .5 else {}
            ents.append(Entity(t, s, e, "x", "x", attrs, rnd.choice((1.0, .9, .8, .5))))
        seen: dict = {}
        for e in ents:
            key = (e.type, e.start, e.end)
            if key not in seen or link._rank(e) < link._rank(seen[key]):
                seen[key] = e
        want = link._resolve_plain(list(seen.values()))
        assert [id(x) for x in link.resolve(ents)] == [id(x) for x in want]
    # (and on what the stages propose for real text)
    for text in (KK, RU, KK + "\n" + RU):
        ctx = build_context(text)
        from itp_docs.extract.pipeline import stages
        for name, fn in stages():
            if name == "link":
                seen = {}
                for e in ctx.entities:
                    key = (e.type, e.start, e.end)
                    if key not in seen or link._rank(e) < link._rank(seen[key]):
                        seen[key] = e
                assert link.resolve(list(ctx.entities)) == link._resolve_plain(list(seen.values()))
            fn(ctx)


# --- news: content lines of a document without boilerplate ----------------------------------------

def test_content_lines_without_boilerplate_are_the_non_blank_lines():
    from itp_docs.extract import news

    rnd = random.Random(17)
    pieces = ["а", " ", "\t", "\n", "\u00a0", "Б.", "\u2003", "\r", "\x0c", "«"]
    for _ in range(2000):
        t = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        ctx = build_context(t)
        got = news._content_lines(ctx)
        want = [(s, e) for s, e in layout.line_spans(ctx) if t[s:e].strip()]
        assert got == want


# --- measures: a line's cells split once ------------------------------------------------------------

def test_row_cells_is_split_cells_of_a_row():
    from itp_docs.extract import measures

    rnd = random.Random(19)
    pieces = ["|", "\t", " ", "а", "1.", "Алматы", "жоспар", "", "  |  ", "\u00a0", "\t|\t"]
    lines = ["| № | Іс-шара | Мерзімі |", "1.\tЖоспар\tАлматы\t2018", "\t", "|", "a|b", "\t\tx"]
    lines += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))) for _ in range(5000)]
    for line in lines:
        want = measures.split_cells(line) if measures._is_row(line) else None
        assert measures._row_cells(line) == want, repr(line)
