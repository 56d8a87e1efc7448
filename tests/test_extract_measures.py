"""Tests for itp_docs.extract.measures: appendix tables of our own making (kk and ru; text,
HTML and Markdown through the loader; columns in other orders, merged header cells, rows broken
over lines, no numbering row, no header at all, a sum column), and the executor splitter."""
from __future__ import annotations

from pathlib import Path

import pytest

from itp_docs.extract import decree, glossary, measures, structure
from itp_docs.extract.context import Context
from itp_docs.extract.pipeline import build_context
from itp_docs.lang.normalize import normalize
from itp_docs.load import read_document


def _run(ctx: Context) -> Context:
    for stage in (structure, decree, measures, glossary):
        stage.run(ctx)
    return ctx


def ctx_of(text: str) -> Context:
    return _run(build_context(normalize(text).text))


def ctx_of_file(tmp_path: Path, name: str, content: str) -> Context:
    p = tmp_path / name
    p.write_text(content, encoding="utf-8")
    doc = read_document(p)
    return _run(build_context(doc.text, doc.source, doc.title))


def by_number(ctx: Context) -> dict:
    return {m.number: m for m in ctx.measures}


# ----------------------------------------------------------------------------- text tables

RU_REORDERED = """Утвержден
постановлением акимата Павлодарской области
от 5 марта 2021 года № 48/2

План мероприятий по цифровизации школ Павлодарской области на 2021 – 2023 годы

№\t|\tМероприятие\t|\tСрок исполнения\t|\tОтветственные исполнители\t|\tФорма завершения\t|\tИсточник финансирования
1. Оснащение школ
1.\t|\tЗакупка интерактивных досок для сельских школ\t|\tIII квартал 2021 года\t|\tУО, АО «Павлодар Энерго» (по согласованию)\t|\tакт приемки\t|\tместный бюджет, 350,0 млн тенге
2.\t|\tПодключение 40 школ к широкополосному
интернету\t|\t2022 год\t|\tУЦ,
ТОО «Сеть-Инфо»(по согласованию)\t|\tинформация акиму области\t|\tчастные инвестиции
2. Обучение педагогов
3.\t|\tКурсы повышения квалификации учителей информатики\t|\tежегодно\t|\tУО\t|\tотчет\t|\tне требуется
"""


def test_ru_columns_in_another_order_sections_and_broken_rows():
    ctx = ctx_of(RU_REORDERED)
    ms = by_number(ctx)
    assert list(ms) == ["1", "2", "3"]
    m1, m2, m3 = ms["1"], ms["2"], ms["3"]
    assert (m1.section, m1.section_title) == ("1", "Оснащение школ")
    assert m3.section == "2"
    assert m1.deadline == "III квартал 2021 года" and m1.deadline_value == "2021-Q3"
    assert m1.executors == ["УО", "АО «Павлодар Энерго»"]
    assert m1.executors_by_agreement == [False, True]
    assert m1.completion_form == "акт приемки"
    assert m1.extra["funding_amount"] == pytest.approx(350e6)
    # a row broken inside two cells is joined back
    assert m2.text == "Подключение 40 школ к широкополосному интернету"
    assert m2.executors == ["УЦ", "ТОО «Сеть-Инфо»"]
    assert m2.executors_by_agreement == [False, True]
    assert m2.deadline_value == "2022"
    # a recurring deadline has no single date
    assert m3.deadline == "ежегодно" and m3.deadline_value is None
    assert ctx.table_spans and ctx.table_spans[0][0] < m1.start < m3.end <= ctx.table_spans[0][1]


KK_NO_HEADER = """1.\t|\tАуылдық мектептерге планшеттер сатып алу\t|\tәкімдікке ақпарат\t|\tББ, «Digital Qyzylorda» ЖШС (келісім бойынша)\t|\t2023 жылғы желтоқсан\t|\tжергілікті бюджет, 90,0 млн теңге
2.\t|\tМұғалімдерге арналған онлайн курстар\t|\tбұйрық\t|\tББ\t|\t2024 – 2025 жылдар\t|\tталап етілмейді
3.\t|\tМектеп сайттарын бірыңғай платформаға көшіру\t|\tақпарат\t|\tББ, аудандардың әкімдіктері\t|\tтоқсан сайын\t|\tталап етілмейді
"""


def test_kk_table_without_header_is_read_by_content():
    ms = by_number(ctx_of(KK_NO_HEADER))
    assert list(ms) == ["1", "2", "3"]
    assert ms["1"].text == "Ауылдық мектептерге планшеттер сатып алу"
    assert ms["1"].completion_form == "әкімдікке ақпарат"
    assert ms["1"].executors == ["ББ", "«Digital Qyzylorda» ЖШС"]
    assert ms["1"].deadline_value == "2023-12"
    assert ms["2"].deadline_value == {"start": "2024", "end": "2025"}
    assert ms["3"].executors == ["ББ", "аудандардың әкімдіктері"]
    assert ms["3"].deadline_value is None
    assert ms["1"].section is None


RU_SUM_COLUMN = """№ п/п\t|\tНаименование мероприятия\t|\tИсполнитель\t|\tСрок\t|\tСумма, тыс. тенге
1.1.\t|\tЗакупка серверного оборудования\t|\tГУ «Управление цифровизации»\t|\t2023 год\t|\t45 000
1.2.\t|\tЛицензии на программное обеспечение\t|\tГУ «Управление цифровизации»\t|\t2023 год\t|\t12 500,5
Итого\t|\t\t|\t\t|\t\t|\t57 500,5
"""


def test_sum_column_takes_its_unit_from_the_header_and_total_row_is_no_measure():
    ms = by_number(ctx_of(RU_SUM_COLUMN))
    assert list(ms) == ["1.1", "1.2"]
    assert ms["1.1"].extra["amount"] == pytest.approx(45_000_000)
    assert ms["1.2"].extra["amount"] == pytest.approx(12_500_500)
    assert ms["1.1"].extra["currency"] == "KZT"
    assert ms["1.1"].funding is None
    assert ms["1.1"].executors == ["ГУ «Управление цифровизации»"]


def test_numbering_row_and_one_cell_section_rows_are_not_measures():
    text = ("Р/с №\t|\tІс-шаралар\t|\tАяқталу нысаны\t|\tЖауапты орындаушылар\t|\tОрындау мерзімі\t|\tҚаржыландыру көздері\n"
            "1\t|\t2\t|\t3\t|\t4\t|\t5\t|\t6\n"
            "1. Инфрақұрылым\t|\t\t|\t\t|\t\t|\t\t|\t\n"
            "1.\t|\tТехнопарк ғимаратын жөндеу\t|\tакт\t|\tҚБ\t|\t2023 жыл\t|\tжергілікті бюджет\n"
            "Экспорт\t|\t\t|\t\t|\t\t|\t\t|\t\n"
            "2.\t|\tЭкспорттық келісімшарттар жасау\t|\tақпарат\t|\tКИБ\t|\t2024 жылғы І тоқсан\t|\tменшікті қаражат\n")
    ms = by_number(ctx_of(text))
    assert list(ms) == ["1", "2"]
    assert (ms["1"].section, ms["1"].section_title) == ("1", "Инфрақұрылым")
    # an unnumbered heading gets its ordinal
    assert (ms["2"].section, ms["2"].section_title) == ("2", "Экспорт")
    assert ms["2"].deadline_value == "2024-Q1"


def test_glued_year_and_quarter_in_a_deadline_cell():
    text = ("№\t|\tІс-шара\t|\tОрындаушы\t|\tМерзімі\n"
            "1.\t|\tЖүйені сертификаттау\t|\tАКМ\t|\t2016 жылғыІ тоқсан\n"
            "2.\t|\tЖүйені іске қосу\t|\tАКМ\t|\t2017 жылғы наурыз\n")
    ms = by_number(ctx_of(text))
    assert ms["1"].deadline_value == "2016-Q1"
    assert ms["2"].deadline_value == "2017-03"


def test_a_dateline_with_a_pipe_is_no_table():
    ctx = ctx_of("Новости\n15.05.2015 | 10:42 Автор: Иван Петров\nВ Алматы открылся технопарк.\n")
    assert ctx.measures == [] and ctx.table_spans == []


# ----------------------------------------------------------------------------- loader formats

KK_HTML = """<html><head><title>Іс-шаралар жоспары</title></head><body>
<p>Ақтөбе облысы әкімдігінің 2022 жылғы 10 ақпандағы № 37 қаулысымен бекітілген</p>
<table>
<tr><th rowspan="2">Р/с №</th><th rowspan="2">Іс-шараның атауы</th><th rowspan="2">Жауапты орындаушылар</th>
<th rowspan="2">Орындау мерзімі</th><th colspan="2">Қаржыландыру</th></tr>
<tr><th>көзі</th><th>сомасы, млн теңге</th></tr>
<tr><td colspan="6">1. Ауылдық денсаулық сақтауды цифрландыру</td></tr>
<tr><td>1.</td><td>Фельдшерлік пункттерді телемедицина жабдықтарымен қамтамасыз ету</td>
<td>ДСБ, «Ақтөбе-Медтех» ЖШС (келісім бойынша)</td><td>2022 жылғы ІІ тоқсан</td><td>жергілікті бюджет</td><td>120,5</td></tr>
<tr><td>2.</td><td>Электрондық медициналық карталарды енгізу</td>
<td>ДСБ<br>«Ұлттық телемедицина орталығы» ШЖҚ РМК (келісім бойынша)</td><td>2022 – 2023 жылдар</td>
<td>республикалық бюджет</td><td>75</td></tr>
</table></body></html>"""


def test_kk_html_table_with_merged_header_and_sum_column(tmp_path):
    ctx = ctx_of_file(tmp_path, "plan.html", KK_HTML)
    ms = by_number(ctx)
    assert list(ms) == ["1", "2"]
    assert ms["1"].section_title == "Ауылдық денсаулық сақтауды цифрландыру"
    assert ms["1"].executors == ["ДСБ", "«Ақтөбе-Медтех» ЖШС"]
    assert ms["1"].executors_by_agreement == [False, True]
    assert ms["1"].deadline_value == "2022-Q2"
    assert ms["1"].funding == "жергілікті бюджет"
    assert ms["1"].extra["amount"] == pytest.approx(120.5e6)
    # a line break inside the executors cell separates two executors
    assert ms["2"].executors == ["ДСБ", "«Ұлттық телемедицина орталығы» ШЖҚ РМК"]
    assert ms["2"].executors_by_agreement == [False, True]


KK_MD = """# Шымкент қаласында цифрлық қызметтерді дамыту жөніндегі жол картасы

| Р/с № | Іс-шаралар | Жауапты орындаушылар | Аяқталу нысаны | Күтілетін нәтиже | Орындау мерзімі | Қаржыландыру көздері |
|---|---|---|---|---|---|---|
| 1 | 2 | 3 | 4 | 5 | 6 | 7 |
| 1 | Қалалық ашық деректер порталын іске қосу | ЦДБ,«Шымкент-Цифра» ЖШС(келісім бойынша) | әкімдікке ақпарат | 200 деректер жиынтығы | 2023 жылғы наурыз | жергілікті бюджет |
| 2 | Бюджеттік қызметтердің 90%-ын онлайн режимге көшіру | ЦДБ; ҚҚБ | әкімдікке ақпарат | қызметтердің үлесі 90% | 2024 жыл | талап етілмейді |
"""


def test_markdown_pipe_table_with_a_result_column(tmp_path):
    ms = by_number(ctx_of_file(tmp_path, "roadmap.md", KK_MD))
    assert list(ms) == ["1", "2"]
    assert ms["1"].executors == ["ЦДБ", "«Шымкент-Цифра» ЖШС"]
    assert ms["1"].executors_by_agreement == [False, True]
    assert ms["1"].completion_form == "әкімдікке ақпарат"
    assert ms["1"].extra["result"] == "200 деректер жиынтығы"
    assert ms["1"].deadline_value == "2023-03"
    assert ms["2"].executors == ["ЦДБ", "ҚҚБ"]
    assert ms["2"].funding == "талап етілмейді"


# ----------------------------------------------------------------------------- executors

@pytest.mark.parametrize("cell, names, agree", [
    ("МИК, МФ", ["МИК", "МФ"], [False, False]),
    ("МИК,МФ;МНЭ", ["МИК", "МФ", "МНЭ"], [False, False, False]),
    ("«ТДҰА» АҚ(келісім бойынша),басқарушы компания (келісім бойынша)",
     ["«ТДҰА» АҚ", "басқарушы компания"], [True, True]),
    # nested name whose outer quote is closed by the inner one
    ("ТОО «Технопарк «Алтай» (по согласованию), УПИ", ["ТОО «Технопарк «Алтай»", "УПИ"], [True, False]),
    ("АО «Фонд «Даму» (по согласованию), АО «СПК «Тобол» (по согласованию)",
     ["АО «Фонд «Даму»", "АО «СПК «Тобол»"], [True, True]),
    # a half-open nested name: «Самұрық» ... қоры» АҚ
    ("«Бәйтерек» ұлттық басқарушы холдингі» АҚ, ИДМ", ["«Бәйтерек» ұлттық басқарушы холдингі» АҚ", "ИДМ"],
     [False, False]),
    # commas inside parentheses and quotes do not split
    ("облыстардың (Абай, Ұлытау) әкімдіктері, «Ақпарат, байланыс» ЖШС",
     ["облыстардың (Абай, Ұлытау) әкімдіктері", "«Ақпарат, байланыс» ЖШС"], [False, False]),
    ("Акимат города Шымкент\nУЦР", ["Акимат города Шымкент", "УЦР"], [False, False]),
    ("", [], []),
])
def test_split_executors(cell, names, agree):
    assert measures.split_executors(cell) == (names, agree)


@pytest.mark.parametrize("cell, field", [
    ("Жауапты орындаушылар", "executors"), ("Ответственные исполнители", "executors"),
    ("Орындау мерзімі", "deadline"), ("Срок исполнения", "deadline"),
    ("Аяқталу нысаны", "completion_form"), ("Форма завершения", "completion_form"),
    ("Іс-шараның атауы", "text"), ("Наименование мероприятия", "text"),
    ("Қаржыландыру көздері", "funding"), ("Источник финансирования", "funding"),
    ("Сумма, тыс. тенге", "amount"), ("Болжанатын шығыстар, млн теңге", "amount"),
    ("№ п/п", "number"), ("Р/с №", "number"), ("Ескертпе", None),
])
def test_classify_header(cell, field):
    assert measures.classify_header(cell) == field


RU_ROWSPAN_HTML = """<html><body><table>
<tr><th>№</th><th>Мероприятие</th><th>Форма завершения</th><th>Исполнители</th><th>Срок</th><th>Источник финансирования</th></tr>
<tr><td>1.</td><td>Разработка концепции умного города для Костаная</td><td>концепция</td>
<td rowspan="2">УЦ, АО «Qazaq Smart» (по согласованию)</td><td>2023 год</td><td rowspan="3">местный бюджет</td></tr>
<tr><td>2.</td><td>Внедрение системы учета парковочных мест</td><td>акт</td><td>2024 год</td></tr>
<tr><td>3.</td><td>Запуск городского портала обращений граждан</td><td>информация</td><td>УЦ</td><td>IV квартал 2024 года</td></tr>
</table></body></html>"""


def test_rows_under_rowspan_cells_take_them_from_above(tmp_path):
    ms = by_number(ctx_of_file(tmp_path, "plan.html", RU_ROWSPAN_HTML))
    assert ms["2"].completion_form == "акт"
    assert ms["2"].executors == ["УЦ", "АО «Qazaq Smart»"]
    assert ms["2"].deadline_value == "2024"
    assert ms["2"].funding == ms["3"].funding == "местный бюджет"
    assert ms["3"].executors == ["УЦ"] and ms["3"].deadline_value == "2024-Q4"


def test_section_words_and_number_plus_title_rows():
    text = ("№\t|\tІс-шара\t|\tОрындаушы\t|\tМерзімі\n"
            "1-бағыт. Цифрлық инфрақұрылым\n"
            "1.\t|\tДеректер орталығын салу\t|\tАКМ\t|\t2024 жыл\n"
            "2\t|\tАдами капитал\t|\t\t|\t\n"
            "2.1.\t|\tБағдарламашыларды даярлау\t|\tБҒМ\t|\t2025 жыл\n")
    ms = by_number(ctx_of(text))
    assert (ms["1"].section, ms["1"].section_title) == ("1", "Цифрлық инфрақұрылым")
    assert (ms["2.1"].section, ms["2.1"].section_title) == ("2", "Адами капитал")
    ru = ("№\t|\tМероприятие\t|\tИсполнитель\t|\tСрок\n"
          "Задача 3: Развитие экспорта\n"
          "1.\t|\tУчастие в выставках\t|\tУПИ\t|\t2024 год\n")
    m = by_number(ctx_of(ru))["1"]
    assert (m.section, m.section_title) == ("3", "Развитие экспорта")


def test_tab_separated_rows_from_a_word_processor():
    text = ("№\tМероприятие\tИсполнитель\tСрок\n"
            "1.\tЗапуск портала открытых данных\tУЦР\t2023 год\n"
            "2.\tОбучение госслужащих\tУЦР, УО\tежегодно\n\n"
            "Аким области\t\tА. Мухамбетов\n")
    ms = by_number(ctx_of(text))
    assert list(ms) == ["1", "2"]
    assert ms["2"].executors == ["УЦР", "УО"] and ms["2"].deadline_value is None


def test_a_long_headerless_table_is_typed_from_a_sample_of_rows(monkeypatch):
    """Columns of a table of thousands of rows are told apart from a spread sample (reading
    every cell as a date dominated such tables); the kinds must be those all rows give, in
    Kazakh and in Russian, also when the first rows are unlike the rest."""
    import random

    rnd = random.Random(5)
    kk = ["Ауылдық мектептерге планшеттер сатып алу және оларды мұғалімдердің цифрлық сауаттылығын "
          "арттыру курстарымен қамтамасыз ету", "Үкіметке ақпарат", "ББ, ҰЭМ (келісім бойынша)",
          "2024 жылғы желтоқсан", "жергілікті бюджет"]
    ru = ["Закупка серверного оборудования для центров обработки данных и его ввод в эксплуатацию "
          "в областных центрах", "информация в Правительство", "МЦРИАП, акиматы областей",
          "IV квартал 2025 года", "республиканский бюджет"]
    for lang_rows in (kk, ru):
        rows = [[f"{i // 100 + 1}.{i % 100 + 1}."] + [c if rnd.random() > 0.15 else "" for c in lang_rows]
                for i in range(2500)]
        rows[:40] = [[f"1.{i}.", lang_rows[0], "", "", "", ""] for i in range(1, 41)]
        sampled = measures._content_columns(rows, 6)
        monkeypatch.setattr(measures, "_SAMPLE_ROWS", 10**9)
        assert measures._content_columns(rows, 6) == sampled
        monkeypatch.undo()
        assert sampled[0] == "number" and sampled[3:] == ["executors", "deadline", "funding"]
