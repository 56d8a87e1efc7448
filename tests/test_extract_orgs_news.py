"""ORG rules for names that news text writes without a head noun: words the Russian dictionary
labels organizations, outlets named by a source verb, and later mentions of a name the text has
introduced. Sentences written for these tests (invented bodies: «Степной вестник», Qoryq,
«Жасыл Ел»), Kazakh and Russian, Cyrillic and Latin.
"""
from __future__ import annotations

from test_extract_orgs import org_list

from itp_docs.extract import orgs, persons
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize


def texts(t: str) -> list[str]:
    return [e.text for e in org_list(t)]


# --- dictionary-labelled words ------------------------------------------------------------------

def test_ru_abbreviations_the_dictionary_knows_as_bodies():
    assert texts("Вчера представители МЧС и ЦРУ провели закрытую встречу.") == ["МЧС", "ЦРУ"]


def test_ru_unknown_abbreviation_in_running_text_is_a_body():
    assert texts("Позже ДКНБ и ГНПП выпустили совместное заявление.") == ["ДКНБ", "ГНПП"]


def test_ru_common_abbreviations_and_countries_are_not_bodies():
    assert texts("Рост ВВП составил три процента, сообщили в СМИ.") == []
    assert texts("Делегация прибыла из США и РФ.") == []


def test_ru_capitalised_dictionary_names():
    ents = org_list("Контракт подписали Роснефть и Газпром, а Еврокомиссии об этом сообщили.")
    assert [e.text for e in ents] == ["Роснефть", "Газпром", "Еврокомиссии"]
    assert ents[2].normalized == "Еврокомиссия"


def test_ru_heading_in_capitals_is_no_name():
    assert texts("РЕШЕНИЕ О ВНЕСЕНИИ ИЗМЕНЕНИЙ") == []


def test_kk_text_does_not_take_russian_dictionary_rule():
    # Kazakh acronyms (ЖОО, БАҚ) are not read by the Russian dictionary.
    assert "ЖОО" not in texts("Биыл ЖОО түлектерінің саны өсті.")


# --- outlets ----------------------------------------------------------------------------------

def test_ru_outlet_after_source_verb_quoted_and_latin():
    assert texts("Об этом сообщает «Степной вестник».") == ["Степной вестник"]
    assert texts("Как пишет Steppe Times, сделка закрыта.") == ["Steppe Times"]


def test_ru_outlet_domain_and_sentence_end():
    assert texts("Об этом сообщает Dala.kz. Затем пришло опровержение.") == ["Dala.kz"]


def test_ru_person_after_verb_is_not_an_outlet():
    # As in the pipeline, persons are found first; a person's name is no outlet.
    ctx = build_context(normalize("Об этом сообщает Иван Петров, глава отдела.").text)
    persons.run(ctx)
    orgs.run(ctx)
    assert [e.text for e in ctx.entities if e.type == "ORG"] == []


def test_kk_outlet_before_and_after_source_verb():
    assert texts("Бұл туралы Dala.kz хабарлайды.") == ["Dala.kz"]
    assert texts("Жиынның өткенін «Сарыарқа жаршысы» хабарлады.") == ["Сарыарқа жаршысы"]
    # «…», – деп хабарлайды: деп starts the sentence, it is no outlet.
    assert texts("Деп хабарлайды Kazinform.") == ["Kazinform"]


# --- repeated names -----------------------------------------------------------------------------

def test_ru_latin_name_repeated_without_its_head():
    assert texts("Долю в компании купил фонд Qoryq. Позднее Qoryq продал половину акций.") == [
        "Qoryq", "Qoryq"]


def test_ru_quoted_name_repeated_without_quotes():
    ents = org_list("Лидер партии «Жасыл Ел» выступил первым. Жасыл Ел получил три мандата.")
    assert [e.text for e in ents] == ["партии «Жасыл Ел»", "Жасыл Ел"]


def test_kk_quoted_name_repeated_without_head():
    ents = org_list("«Алтын Дала» қоры жаңа жоба бастады. Кейін Алтын Дала екі мектеп салды.")
    assert [e.text for e in ents] == ["«Алтын Дала» қоры", "Алтын Дала"]


def test_repeated_name_keeps_capitals():
    # the name Жасыл Ел, not the common words «жасыл ел» (a green country)
    ents = org_list("Лидер партии «Жасыл Ел» выступил. Мы строим жасыл ел вместе.")
    assert [e.text for e in ents] == ["партии «Жасыл Ел»"]


def test_kk_plural_of_a_repeated_name_is_the_kind_not_the_body():
    ents = org_list("«Жаңа Арна орталығы» жұмыс істейді. Жаңа Арна орталықтарында кезек жоқ.")
    assert [e.text for e in ents] == ["Жаңа Арна орталығы"]


# --- heads of parliaments, missions and public institutions -----------------------------------

def test_ru_parliament_and_institution_heads():
    assert texts("Вчера Государственная дума приняла закон.") == ["Государственная дума"]
    assert texts("Делегация посетила посольство Казахстана и Малый театр.") == [
        "посольство Казахстана", "Малый театр"]
    ents = org_list("Представители Национального музея Республики Казахстан выступили.")
    assert [e.normalized for e in ents] == ["Национальный музей Республики Казахстан"]


def test_ru_single_strong_head_capitalised_inside_a_sentence():
    ents = org_list("Законопроект внесли в Думу, и поручение дано Правительству.")
    assert [e.normalized for e in ents] == ["Дума", "Правительство"]


def test_ru_common_noun_head_is_no_name():
    assert texts("Театр закрыт на ремонт.") == []      # a sentence start, no dependent
    assert texts("Вечером мы пошли в театр.") == []


def test_kk_parliament_and_institution_heads():
    assert texts("Жапониядағы Қазақстан Республикасының елшілігі хабарлама таратты.") == [
        "Қазақстан Республикасының елшілігі"]
    assert texts("Оны Ұлттық музей қызметкерлері қарсы алды.") == ["Ұлттық музей"]
    assert texts("Спектакльді Абай атындағы опера және балет театры қойды.") == [
        "Абай атындағы опера және балет театры"]
