"""Reading and writing .xlsx sheets the way the housing bureau keeps them."""

import datetime as dt
import io
from dataclasses import dataclass
from urllib.parse import quote
from zipfile import BadZipFile

from django.db import IntegrityError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

from common.errors import Conflict, DomainError

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook_response(filename, sheets):
    """An attachment holding ``sheets``: a list of ``(title, header, rows)``."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for row in [[str(cell) for cell in header], *rows]:
            sheet.append([_cell(value) for value in row])
            for cell in sheet[sheet.max_row]:
                # Text such as "=HYPERLINK(...)" stays text, in the header (a
                # person's name) as in the rows: an export never hands a
                # spreadsheet formula to the person who opens it.
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _cell(value):
    if isinstance(value, str):
        # Control characters cannot stand in a sheet's XML; text typed with
        # one (pasted from elsewhere) is exported without it.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if value is None or isinstance(value, int | float):
        return value
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.replace(tzinfo=None)
    return value if hasattr(value, "isoformat") else str(value)


class TooManyRows(ValueError):
    pass


def read_rows(file, *, max_rows=None):
    """``(header, [(row_number, {column: text})])`` of the first sheet.

    Every cell is read as text, so that codes and numbers with leading zeros
    (credit codes, phone numbers) arrive exactly as typed. With ``max_rows``,
    reading stops with :class:`TooManyRows` past that many data rows, so a
    small file that unpacks into millions of rows cannot exhaust memory.
    """
    book = load_workbook(file, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell).strip() if cell is not None else "" for cell in next(rows, [])]
    body = []
    for number, values in enumerate(rows, start=2):
        if values is None or all(cell in (None, "") for cell in values):
            continue
        if max_rows is not None and len(body) >= max_rows:
            raise TooManyRows(max_rows)
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


TEMPLATE_ROWS = 500


def template_response(filename, header):
    """An import template: the fixed header row and empty text-formatted rows.

    The template holds no example row, so that a forgotten example is never
    imported as if it were real; the import page explains each column.

    Every cell is formatted as text, so that Excel keeps what a clerk types
    into ID-like columns (credit codes, community codes, phone numbers)
    instead of turning 18 digits into a rounded number.
    """
    book = Workbook()
    sheet = book.active
    sheet.append([str(cell) for cell in header])
    for row in sheet.iter_rows(
        min_row=2, max_row=TEMPLATE_ROWS, min_col=1, max_col=len(header)
    ):
        for cell in row:
            cell.number_format = "@"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused: its row (1 is the header), column, reason."""

    row: int
    column: str
    reason: str


class ImportRefused(DomainError):
    """The file was checked and nothing was imported; ``problems`` say why."""

    code = "import_refused"
    status = 422
    default_message = _("The file was not imported. Please correct these rows:")

    def __init__(self, problems):
        super().__init__()
        self.problems = sorted(problems, key=lambda p: (p.row, p.column))


MAX_IMPORT_ROWS = 20000


class ImportRaced(Conflict):
    code = "import_conflict"
    default_message = _(
        "Some of these rows were registered by someone else meanwhile; "
        "nothing was imported. Please check the file again."
    )


def read_checked(file, header):
    """The rows of an uploaded file whose first row must be exactly ``header``.

    Raises :class:`ImportRefused` when the file is not an .xlsx workbook or
    when columns are missing; extra columns are reported too, since a column
    the clerk thinks is imported but is not would be lost silently.
    """
    try:
        found, rows = read_rows(file, max_rows=MAX_IMPORT_ROWS)
    except TooManyRows:
        raise ImportRefused(
            [
                Problem(
                    MAX_IMPORT_ROWS + 2,
                    "",
                    str(
                        _("A file may hold at most %(rows)d rows; please split it.")
                        % {"rows": MAX_IMPORT_ROWS}
                    ),
                )
            ]
        ) from None
    except (InvalidFileException, BadZipFile, KeyError, OSError, ValueError):
        raise ImportRefused(
            [Problem(0, "", str(_("The file is not an .xlsx workbook.")))]
        ) from None
    problems = [
        Problem(1, name, str(_("This column is missing.")))
        for name in header
        if name not in found
    ]
    problems += [
        Problem(1, name, str(_("This column is not part of the template.")))
        for name in found
        if name and name not in header
    ]
    problems += [
        Problem(1, name, str(_("This column appears twice.")))
        for name in sorted({n for n in found if n and found.count(n) > 1})
    ]
    if problems:
        raise ImportRefused(problems)
    if not rows:
        raise ImportRefused([Problem(2, "", str(_("The file has no rows.")))])
    return rows


DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y%m%d")


def parse_date(text):
    """A date written as the bureau writes them, or ``None``; raises ValueError."""
    text = (text or "").strip()
    if not text:
        return None
    text = text.removesuffix(" 00:00:00")
    for pattern in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 -- a date
        except ValueError:
            continue
    raise ValueError(text)


def parse_count(text):
    """A non-negative whole number written as text; raises ValueError."""
    text = (text or "").strip().replace(",", "")
    if not text.isascii() or not text.isdigit():
        raise ValueError(text)
    return int(text)


def commit_checked(problems, write):
    """Refuse the whole file if any row had a problem, else run ``write()``.

    ``write`` stores every checked row in one transaction. Another import may
    register the same rows between the check and the write; the unique
    constraints then refuse the second, reported as :class:`ImportRaced`.
    """
    if problems:
        raise ImportRefused(problems)
    try:
        return write()
    except IntegrityError:
        raise ImportRaced() from None
