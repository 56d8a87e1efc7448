"""Tokenizer punctuation shared by Kazakh and Russian: keep hyphenated words whole, split initials.

``Б.Байбек`` must become ``Б.`` + ``Байбек`` (an initial and a name), while ``ИЖТМ-ге`` and
``Самрұқ-Қазына``/``дата-центр`` stay whole (a case ending, a compound name, a compound noun:
the analysers and the search keys treat them as one word). ``«ИТП»-нің`` is split into the
quotes and the name, and the hyphenated case ending stays on the closing part.
"""
from __future__ import annotations

from spacy.lang.char_classes import ALPHA as _ALPHA
from spacy.lang.char_classes import ALPHA_LOWER as _ALPHA_LOWER
from spacy.lang.char_classes import ALPHA_UPPER as _ALPHA_UPPER
from spacy.lang.char_classes import CONCAT_QUOTES, HYPHENS, LIST_ELLIPSES, LIST_ICONS
from spacy.lang.punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

# spaCy's letter classes lack ғ қ ұ (they cover Tatar's ә ө ү ң һ and Ukrainian і).
ALPHA_LOWER = _ALPHA_LOWER + "ғқұ"
ALPHA_UPPER = _ALPHA_UPPER + "ҒҚҰ"
ALPHA = _ALPHA + "ғқұҒҚҰ"

_hyphens_no_dash = HYPHENS.replace("-", "").strip("|").replace("||", "")

# An initial glued to a capitalised name: "Б.Байбек", "Ө.Шүкеев".
TOKENIZER_PREFIXES = [r"[{au}]\.(?=[{au}][{al}])".format(au=ALPHA_UPPER, al=ALPHA_LOWER)] + BASE_PREFIXES

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        r"(?<=[{al}])\.(?=[{au}])".format(al=ALPHA_LOWER, au=ALPHA_UPPER),
        r"(?<=[{a}])[,!?/()]+(?=[{a}])".format(a=ALPHA),
        r"(?<=[{a}{q}])[:<>=](?=[{a}])".format(a=ALPHA, q=CONCAT_QUOTES),
        r"(?<=[{a}])--(?=[{a}])".format(a=ALPHA),
        r"(?<=[{a}]),(?=[{a}])".format(a=ALPHA),
        r"(?<=[{a}])([{q}\)\]\(\[])(?=[\-{a}])".format(a=ALPHA, q=CONCAT_QUOTES),
        r"(?<=[{a}])(?:{h})(?=[{a}])".format(a=ALPHA, h=_hyphens_no_dash),
        r"(?<=[0-9])[-–](?=[0-9])",
    ]
)
