"""One Russian adjective, one lemma, whatever its case: forms that pymorphy reads otherwise out of
context (a town's instrumental, a noun homonym of the last part) got a second lemma, so a query in
one case missed a document in another (Каркаралинского района / в Каркаралинском районе)."""
from __future__ import annotations

import pytest

from itp_docs.lang.ru.lemmatizer import analyze


@pytest.mark.parametrize("forms, lemma", [
    (["Каркаралинского", "Каркаралинском", "Каркаралинский"], "каркаралинский"),
    (["Аккольского", "Аккольском"], "аккольский"),
    (["государственно-частного", "государственно-частное", "государственно-частным"], "государственно-частный"),
    (["научно-технического", "научно-техническом"], "научно-технический"),
])
def test_forms_of_one_adjective_share_a_lemma(forms, lemma):
    assert {analyze(f).lemma for f in forms} == {lemma}


@pytest.mark.parametrize("word, lemma", [("Омска", "омск"), ("Каркаралинске", "каркаралинск"),
                                         ("партнерства", "партнерство"), ("частное", "частный")])
def test_other_words_keep_their_lemma(word, lemma):
    assert analyze(word).lemma == lemma
