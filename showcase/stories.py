"""《红管家故事集》: the story collection as PDF (WeasyPrint) and .docx.

Organisers pick approved works on the picker page (or through the API);
the collection has a cover, contents, then for each picked work its title,
authors, company, creation story and poster, in the picker's order (the
ranking order). The PDF uses the Noto CJK fonts of Debian's
``fonts-noto-cjk`` (found by fontconfig); the .docx names 宋体 and 黑体 as its
East Asian fonts, which Word on Windows has (and substitutes elsewhere).
Posters are read from storage.
"""

import base64
import io
import re

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from showcase import selectors
from showcase.errors import InvalidField

COLLECTION_TITLE = "红管家故事集"
BODY_FONT = "宋体"
HEADING_FONT = "黑体"
# Work ids are positive database integers; anything else is refused.
WORK_ID = re.compile(r"[0-9]{1,10}")
MAX_WORK_ID = 2**31 - 1
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

NOTHING_PICKED = gettext_lazy("Please pick at least one work for the collection.")


def document_title(showcase):
    return f"{COLLECTION_TITLE}（{showcase.year}）"


def filename(showcase, extension):
    """The download's name, e.g. 红管家故事集-2026.pdf."""
    return f"{COLLECTION_TITLE}-{showcase.year}.{extension}"


def work_ids(values):
    """The work ids typed in a request (``?work=6&work=18``), as integers.

    Only plain ASCII digits count (``str.isdigit`` would take "²"); anything
    else is refused naming the value, never silently dropped.
    """
    ids = []
    for raw in values:
        value = raw.strip()
        if not WORK_ID.fullmatch(value) or int(value) > MAX_WORK_ID:
            raise InvalidField(
                "work",
                _("“%(value)s” is not a work number.") % {"value": value[:20]},
                code="work_id_invalid",
            )
        ids.append(int(value))
    return ids


def picked_works(showcase, ids):
    """The approved works of ``showcase`` with these ids, in the collection's
    order; refused when none is picked or one is not an approved work."""
    if not ids:
        raise InvalidField("work", NOTHING_PICKED, code="no_work_picked")
    wanted = set(ids)
    if any(not 0 < number <= MAX_WORK_ID for number in wanted):
        raise InvalidField(
            "work", _("Work numbers are positive."), code="work_id_invalid"
        )
    works = [w for w in selectors.story_candidates(showcase) if w.pk in wanted]
    missing = sorted(wanted - {work.pk for work in works})
    if missing:
        raise InvalidField(
            "work",
            _("Not approved works of this showcase: %(numbers)s.")
            % {"numbers": "、".join(map(str, missing[:10]))},
            code="work_not_in_collection",
        )
    return works


def _poster_bytes(work):
    if not work.poster:
        return None
    try:
        with work.poster.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def story_pdf(showcase, works):
    """The collection as PDF bytes, titled in its metadata."""
    from weasyprint import HTML

    entries = []
    for work in works:
        poster = _poster_bytes(work)
        entries.append(
            {
                "work": work,
                "poster": "data:image/jpeg;base64," + base64.b64encode(poster).decode()
                if poster
                else None,
            }
        )
    html = render_to_string(
        "showcase/stories_pdf.html",
        {
            "showcase": showcase,
            "entries": entries,
            "title": COLLECTION_TITLE,
            "document_title": document_title(showcase),
        },
    )
    return HTML(string=html).write_pdf()


def story_docx(showcase, works):
    """The collection as .docx bytes, titled, with Chinese fonts and language."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
    _chinese_styles(document)
    properties = document.core_properties
    properties.title = document_title(showcase)
    properties.subject = showcase.title
    properties.language = "zh-CN"

    document.add_heading(f"《{COLLECTION_TITLE}》", level=0)
    document.add_paragraph(showcase.title)
    document.add_page_break()
    document.add_heading(_("Contents"), level=1)
    for number, work in enumerate(works, start=1):
        document.add_paragraph(f"{number}. {work.title}")
    for work in works:
        document.add_page_break()
        document.add_heading(work.title, level=1)
        document.add_paragraph(f"{_('Authors')}：{work.authors}")
        if work.company_id:
            document.add_paragraph(f"{_('Company')}：{work.company}")
        poster = _poster_bytes(work)
        if poster:
            document.add_picture(io.BytesIO(poster), width=Cm(12))
        document.add_heading(_("Creation story"), level=2)
        document.add_paragraph(work.story)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _chinese_styles(document):
    """Name East Asian fonts and the Chinese language in the styles used.

    Word picks the font of Chinese text from ``w:eastAsia``; the default
    template leaves it to the theme, whose East Asian font is often a
    Japanese one, so the text would show in the wrong glyphs.
    """
    from docx.oxml.ns import qn

    for name, font in (
        ("Normal", BODY_FONT),
        ("Title", HEADING_FONT),
        ("Heading 1", HEADING_FONT),
        ("Heading 2", HEADING_FONT),
    ):
        properties = document.styles[name].element.get_or_add_rPr()
        fonts = properties.get_or_add_rFonts()
        for theme in ("w:eastAsiaTheme", "w:asciiTheme", "w:hAnsiTheme"):
            fonts.attrib.pop(qn(theme), None)
        fonts.set(qn("w:eastAsia"), font)
        fonts.set(qn("w:ascii"), font)
        fonts.set(qn("w:hAnsi"), font)
        language = properties.find(qn("w:lang"))
        if language is None:
            # Word wants the run properties in the schema's order.
            language = properties.makeelement(qn("w:lang"), {})
            properties.insert_element_before(
                language, "w:eastAsianLayout", "w:specVanish", "w:oMath"
            )
        language.set(qn("w:eastAsia"), "zh-CN")
