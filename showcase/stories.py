"""《红管家故事集》: the story collection as PDF (WeasyPrint) and .docx.

Cover, contents, then for each chosen work its title, authors, company,
creation story and poster. The PDF uses the Noto CJK fonts of Debian's
``fonts-noto-cjk`` (found by fontconfig); posters are read from storage.
"""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

COLLECTION_TITLE = "红管家故事集"


def _poster_bytes(work):
    if not work.poster:
        return None
    try:
        with work.poster.open("rb") as handle:
            return handle.read()
    except OSError:
        return None


def story_pdf(showcase, works):
    """The collection as PDF bytes."""
    import base64

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
        {"showcase": showcase, "entries": entries, "title": COLLECTION_TITLE},
    )
    return HTML(string=html).write_pdf()


def story_docx(showcase, works):
    """The collection as .docx bytes."""
    from docx import Document
    from docx.shared import Cm

    document = Document()
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
