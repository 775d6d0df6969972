"""Building .xlsx uploads in tests."""

import html
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from common.xlsx import XLSX_TYPE


def xlsx_upload(header, rows, name="import.xlsx"):
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX_TYPE)


def english_words_on_import_page(page):
    """Latin words of three letters or more a reader sees on an import page.

    Only the page's own content (``<main>``) is read, without tags, and
    without the file type (``.xlsx``) and the program (Excel) it names.
    """
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    text = re.sub(r"<[^>]*>", " ", main.split(">", 1)[1]).replace(".xlsx", "")
    text = text.replace("Excel", "")
    return re.findall(r"[A-Za-z]{3,}", html.unescape(text))
