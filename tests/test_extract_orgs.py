"""ORG extraction, the quote repair and the gazetteer, on sentences written for these tests.

Kazakh and Russian, Cyrillic and Latin; names are real bodies from the lexicons or invented ones
(«Алтын Дала», «Steppe Labs»), never text of the seeds or the corpus.
"""
from __future__ import annotations

import pytest

from itp_docs.extract import orgs, places, programs
from itp_docs.extract.gazetteer import Gazetteer, non_overlapping, phrase_units
from itp_docs.extract.pipeline import build_context
from itp_docs.extract.quotes import balance_quotes, find_quoted, is_name_like, strip_quotes
from itp_docs.lang.normalize import normalize


def extract(text: str, glossary: dict[str, str] | None = None):
    ctx = build_context(normalize(text).text)
    if glossary:
        ctx.glossary = glossary
    orgs.run(ctx)
    places.run(ctx)
    programs.run(ctx)
    return ctx


def org_list(text: str, glossary: dict[str, str] | None = None) -> list:
    return [e for e in extract(text, glossary).entities if e.type == "ORG"]


def org_norms(text: str, glossary: dict[str, str] | None = None) -> list[str]:
    return [e.normalized for e in org_list(text, glossary)]


# --- quotes ---------------------------------------------------------------------------------------

def test_half_open_outer_quote_is_repaired():
    t = "Бүгін «Жасыл Дала» Ұлттық инвестициялық қоры» АҚ-ы есеп берді."
    qs = find_quoted(t)
    outer = [q for q in qs if q.depth == 0][0]
    assert t[outer.start:outer.end] == "«Жасыл Дала» Ұлттық инвестициялық қоры»"
    assert outer.repaired
    assert strip_quotes(t[outer.start:outer.end]) == "Жасыл Дала Ұлттық инвестициялық қоры"
    assert balance_quotes(t[outer.start:outer.end]) == "««Жасыл Дала» Ұлттық инвестициялық қоры»"


def test_unclosed_outer_quote_closes_with_its_first_inner_name():
    t = "Исполнители: АО «Фонд поддержки «Жетысу» (по согласованию), АО «Кокше» (по согласованию)."
    spans = [t[q.start:q.end] for q in find_quoted(t)]
    assert "«Фонд поддержки «Жетысу»" in spans
    assert "«Кокше»" in spans
    assert not any(s.startswith("«Фонд") and s.endswith("«Кокше»") for s in spans)


def test_name_like_quotes():
    assert is_name_like("Алтын Дала")
    assert is_name_like("Қазақстан-2060")
    assert not is_name_like("ақылды")                       # lowercase: a word used ironically
    assert not is_name_like("Жаңа ереже бекітілді. Ол күшіне енді")  # a sentence
    assert not is_name_like("Аудит туралы")                  # the title of an act
    assert not is_name_like("О государственных закупках")


def test_loose_hyphen_is_joined():
    assert strip_quotes("«Самұрық -Энерго»") == "Самұрық-Энерго"


# --- gazetteer ------------------------------------------------------------------------------------

def test_gazetteer_matches_inflected_and_connector_variants():
    gz = Gazetteer([("Цифрлық даму министрлігі", "kk", "x"), ("Министерство юстиции", "ru", "y"),
                    ("Жаңа өмір және даму қоры", "kk", "z")])
    us = list(phrase_units("Құжат Цифрлық даму министрлігіне және Жаңа өмір мен даму қорына жіберілді", "kk"))
    found = {m.entry.data for m in non_overlapping(gz.find(us))}
    assert found == {"x", "z"}
    us_ru = list(phrase_units("письмо направлено министерству юстиции", "ru"))
    assert [m.entry.data for m in gz.find(us_ru)] == ["y"]


def test_gazetteer_respects_punctuation_between_words():
    gz = Gazetteer([("Жаңа өмір", "kk", 1)])
    assert gz.find(list(phrase_units("Жаңа, өмір", "kk"))) == []
    assert gz.whole("Жаңа өмірдің", "kk")


def test_gazetteer_keeps_abbreviations_apart():
    gz = Gazetteer([("ҚХР", "kk", "china")])
    assert gz.find(list(phrase_units("ҚР Үкіметі", "kk"))) == []


# --- quoted names with legal forms ------------------------------------------------------------------

def test_kk_quoted_name_with_legal_form_after():
    ents = org_list("Кеше «Алтын Дала» АҚ басқармасы жаңа зауыттың құрылысын бастады.")
    assert [e.normalized for e in ents] == ["Алтын Дала"]
    assert ents[0].attrs["legal_form"] == "АҚ"
    assert ents[0].text == "«Алтын Дала» АҚ"


def test_ru_legal_form_before_quoted_name_and_canonical_id():
    ents = org_list("Проект реализуют ТОО «Алтын Дала» и АО «Казахтелеком», сообщили в компании.")
    assert [e.normalized for e in ents] == ["Алтын Дала", "Казахтелеком"]
    assert ents[0].attrs["legal_form"] == "ТОО"
    assert ents[1].attrs["canonical_id"] == "kazakhtelecom"


def test_kk_nested_half_open_name():
    ents = org_list("«Самрұқ-Қазына» Ұлттық әл-ауқат қоры» АҚ-ы биыл жаңа стратегия бекітті "
                    "деп хабарлады компания.")
    assert ents[0].normalized == "Самрұқ-Қазына Ұлттық әл-ауқат қоры"
    assert ents[0].attrs["canonical_id"] == "samruk_kazyna"


def test_kk_quoted_name_with_type_phrase():
    assert org_norms("Серіктестердің бірі – «Қызылжар» технопаркі» ЖШС, ол биыл құрылды.") == [
        "Қызылжар технопаркі"]
    assert org_norms("Кәсіпкерлер «Береке» қорымен бірге жаңа жобаны бастады.") == ["Береке қоры"]


def test_generic_word_after_a_name_is_dropped():
    assert org_norms("Байқауда «Tabys» командасы мен «Береке» компаниясы жеңіске жетті.") == [
        "Tabys", "Береке"]
    assert org_norms("Жобаны халықаралық Nomad Soft компаниясы әзірлейді.") == ["Nomad Soft"]
    assert org_norms("Ол өзінің Receptive атты компаниясын құрды.") == ["Receptive"]


def test_spelled_out_legal_form_stays_in_the_name():
    ents = org_list("Жобаны «Жетісу инвест» акционерлік қоғамы іске асырады.")
    assert ents[0].normalized == "Жетісу инвест акционерлік қоғамы"
    assert ents[0].attrs["legal_form"] == "АҚ"


# --- head-noun phrases ------------------------------------------------------------------------------

def test_kk_ministry_inflected_with_state_prefix():
    ents = org_list("Құжат Қазақстан Республикасы Ауыл шаруашылығы министрлігіне жіберілді. "
                    "Бұл туралы Инвестициялар мен даму министрлігі мәлімдеді.")
    assert [e.normalized for e in ents] == [
        "Қазақстан Республикасы Ауыл шаруашылығы министрлігі", "Инвестициялар мен даму министрлігі"]
    assert [e.attrs["canonical_id"] for e in ents] == ["msh", "mir"]


def test_ru_ministry_head_and_adjectives_to_nominative():
    ents = org_list("Документ направлен Министерству сельского хозяйства Республики Казахстан "
                    "и Национальному агентству по технологическому развитию.")
    assert [e.normalized for e in ents] == [
        "Министерство сельского хозяйства Республики Казахстан",
        "Национальное агентство по технологическому развитию"]
    assert [e.attrs["canonical_id"] for e in ents] == ["msh", "natr"]


def test_same_body_gets_the_same_id_in_both_languages():
    kk = org_list("Жиынға Павлодар облысының әкімдігі өкілдері қатысып, жоспарды талқылады.")
    ru = org_list("В работе совещания участвовали представители акимата Павлодарской области.")
    assert kk[0].normalized == "Павлодар облысының әкімдігі"
    assert ru[0].normalized == "акимат Павлодарской области"
    assert kk[0].attrs["canonical_id"] == ru[0].attrs["canonical_id"] == "akimat_pavlodar"


def test_unlisted_kk_body_from_its_head_noun():
    ents = org_list("Шешімді Жамбыл облысының Жер қатынастары басқармасы қабылдады.")
    assert [e.normalized for e in ents] == ["Жамбыл облысының Жер қатынастары басқармасы"]
    assert ents[0].attrs["kind"] == "department"


def test_unlisted_ru_body_from_its_head_noun():
    ents = org_list("Заявку рассмотрело Управление земельных отношений города Тараза в пятницу.")
    assert [e.normalized for e in ents] == ["Управление земельных отношений города Тараза"]


def test_kk_press_service_of_an_akim():
    assert org_norms("Бұл туралы Қостанай қаласы әкімінің баспасөз қызметі хабарлады.") == [
        "Қостанай қаласы әкімінің баспасөз қызметі"]


def test_generic_mentions_are_not_organizations():
    assert org_norms("Министрлік жергілікті атқарушы органдар мен ұлттық компаниялар үшін жаңа "
                     "ереже әзірледі.") == []
    assert org_norms("Государственные органы и национальные компании поддержали инициативу "
                     "министерства.") == []
    assert org_norms("Каждое министерство представит отчет до конца года.") == []


def test_sentence_start_word_does_not_join_the_name():
    assert org_norms("Бүгін Ұлттық экономика министрлігі жаңа жоспарды таныстырды.") == [
        "Ұлттық экономика министрлігі"]


def test_two_names_joined_by_a_connector_stay_two():
    assert org_norms("Меморандумға Қаржы министрлігі және Маңғыстау облысының әкімдігі қол қойды.") == [
        "Қаржы министрлігі", "Маңғыстау облысының әкімдігі"]


def test_part_of_a_body_is_not_a_body():
    # «X кластері» after an abbreviation is a part of X; the board of a company is not a company.
    assert org_norms("Жиынға ҚБТУ кластері мен «Алтын Дала» АҚ-ы басқармасы қатысты.") == [
        "ҚБТУ", "Алтын Дала"]


def test_coordinated_ministries_share_one_head():
    ents = org_list("Поручение дано министерствам финансов и юстиции, сообщает пресс-служба.")
    assert [e.normalized for e in ents] == ["Министерство финансов", "Министерство юстиции"]
    assert [e.attrs["canonical_id"] for e in ents] == ["mf", "mju"]


def test_countries_are_not_organizations():
    assert org_norms("Ресей Федерациясы мен Беларусь Республикасы келісімге қол қойды.") == []


# --- abbreviations ------------------------------------------------------------------------------------

def test_abbreviation_from_the_document_glossary():
    gloss = {"ЖТК": "Жобалық тәуекелдер комитеті", "АҚ": "акционерлік қоғам"}
    ents = org_list("Ұсыныстар ЖТК-ға жіберілсін. ЖТК шешімі бір ай ішінде қабылданады.", gloss)
    assert [e.normalized for e in ents] == ["ЖТК", "ЖТК"]
    assert ents[0].attrs["expansion"] == "Жобалық тәуекелдер комитеті"
    assert ents[0].text == "ЖТК-ға"


def test_lowercase_glossary_short_name():
    gloss = {"жобалық кеңсе": "«Жаңа Қала» жобалық кеңсесі» коммерциялық емес акционерлік қоғамы"}
    assert org_norms("Есепті жобалық кеңсе дайындайды.", gloss) == ["жобалық кеңсе"]


def test_abbreviation_from_the_lexicon_with_descriptor():
    ents = org_list("Жиынға ҚБТУ және «ИТП» АЭА өкілдері қатысты.")
    assert [e.normalized for e in ents] == ["ҚБТУ", "ИТП АЭА"]
    assert ents[0].attrs["canonical_id"] == "kbtu"
    assert ents[1].attrs["canonical_id"] == "sez_pit"
    ru = org_list("Участники СЭЗ «ПИТ» провели встречу с инвесторами.")
    assert ru[0].normalized == "СЭЗ ПИТ"


def test_international_body_named_as_a_region_is_a_place():
    ctx = extract("Мұндай жабдық ТМД елдерінде әлі жоқ, бірақ БҰҰ оны ұсынады.")
    assert [e.normalized for e in ctx.entities if e.type == "ORG"] == ["БҰҰ"]
    assert [e.normalized for e in ctx.entities if e.type == "LOC"] == ["ТМД"]


# --- Latin names ------------------------------------------------------------------------------------

def test_latin_names_with_a_head_or_legal_form():
    assert org_norms("Жаңа жобаны Green Valley Centre ұсынды.") == ["Green Valley Centre"]
    assert org_norms("В проекте участвует ТОО «Steppe Labs» из Караганды.") == ["Steppe Labs"]
    assert org_norms("Компанию Air Astana возглавил новый директор.") == ["Air Astana"]


def test_latin_word_without_a_cue_is_not_an_organization():
    assert org_norms("Студенттер PhD дәрежесін алды және IT саласында жұмыс істейді.") == []


def test_byline_outlet():
    ents = org_list("Жаңа бағдарлама бекітілді.\n\nАсқар ТӨЛЕГЕН,\n«Жетісу жаршысы»\n")
    assert [e.normalized for e in ents] == ["Жетісу жаршысы"]
    assert ents[0].attrs["kind"] == "media"


@pytest.mark.parametrize("text", [
    "«Цифрлы Қазақстан» мемлекеттік бағдарламасы қабылданды.",
    "Госпрограмма «Цифровой Казахстан» была принята правительством.",
])
def test_program_names_are_not_organizations(text):
    assert org_norms(text) == []
