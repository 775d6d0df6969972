"""Reading and writing .xlsx sheets the way the housing bureau keeps them."""

import io
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_response(filename, sheets):
    """An attachment holding ``sheets``: a list of ``(title, header, rows)``."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        sheet.append([str(cell) for cell in header])
        for row in rows:
            sheet.append([_cell(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _cell(value):
    if value is None or isinstance(value, int | float | str):
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return value if hasattr(value, "isoformat") else str(value)


def read_rows(file):
    """``(header, [(row_number, {column: text})])`` of the first sheet.

    Every cell is read as text, so that codes and numbers with leading zeros
    (credit codes, phone numbers) arrive exactly as typed.
    """
    book = load_workbook(file, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, [])]
    body = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(cell in (None, "") for cell in values):
            continue
        body.append(
            (
                number,
                {name: _text(cell) for name, cell in zip(header, values, strict=False)},
            )
        )
    return header, body


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()
