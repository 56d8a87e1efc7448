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

def _decide_by_sorting(e: langid._Evidence) -> tuple[str, bool]:
    """The decision as first written: rank the labels with a stable sort."""
    ranked = sorted(langid._label_scores(e).items(), key=lambda kv: -kv[1])
    (best, b), (_, second) = ranked[0], ranked[1]
    if b <= 0:
        return "other", False
    if best == "other":
        return best, b >= langid.PARA_MIN
    has_marker = e.strong[langid.LABELS.index(best)] > 0
    weak = (b < langid.MIN_SCORE or b - max(second, 0.0) < langid.MIN_MARGIN * b
            or (e.words >= langid.DENSITY_WORDS and b / e.words < langid.MIN_DENSITY))
    if weak and not has_marker:
        return "other", False
    return best, b >= langid.PARA_MIN or has_marker


def test_decision_is_the_stable_ranking():
    rnd = random.Random(4)
    n = len(langid._model().langs)
    values = [0.0, -0.0, -1.0, 0.5, 0.75, 1.0, 2.5]
    for _ in range(5000):
        totals = [rnd.choice(values + [rnd.uniform(-3, 9)]) for _ in range(n)]   # many ties
        e = langid._Evidence(totals, [rnd.randint(0, 1) for _ in range(n)], rnd.randint(0, 30))
        assert langid._decide(e) == _decide_by_sorting(e)
    assert langid.identify(KK) == "kk" and langid.identify(RU) == "ru"
