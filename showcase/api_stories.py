"""The story collection in the showcase API: the works to pick from, and the
collection of the picked works as PDF or .docx (organisers only)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from ninja import Query, Router, Schema
from pydantic import Field

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import responses
from common.errors import NotAllowed, NotFound
from showcase import selectors, stories
from showcase.schemas import StoryWorkOut

router = Router()


class StoryPick(Schema):
    work: list[int] = Field(
        [], description="The ids of the picked works; repeat for each work."
    )


def _binary(content_type):
    return {
        "responses": {
            200: {
                "description": "The collection of the picked works, to download.",
                "content": {
                    content_type: {"schema": {"type": "string", "format": "binary"}}
                },
            }
        }
    }


def _managed_showcase(request):
    showcase = selectors.current_showcase()
    if showcase is None:
        raise NotFound()
    if not can(request.auth, "showcase.manage", showcase):
        raise NotAllowed()
    return showcase


@router.get(
    "/stories/works", response=responses(200, list[StoryWorkOut]), auth=API_AUTH
)
def story_works(request):
    """The approved works that may be picked, in the collection's order."""
    return [
        StoryWorkOut(
            id=work.pk,
            place=place,
            title=work.title,
            authors=work.authors,
            company=str(work.company) if work.company_id else None,
        )
        for place, work in enumerate(
            selectors.story_candidates(_managed_showcase(request)), start=1
        )
    ]


def _download(request, pick, build, extension, content_type):
    showcase = _managed_showcase(request)
    works = stories.picked_works(showcase, pick.work)
    response = HttpResponse(build(showcase, works), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, stories.filename(showcase, extension)
    )
    return response


@router.get(
    "/stories/pdf",
    response=responses(200, None),
    auth=API_AUTH,
    openapi_extra=_binary("application/pdf"),
)
def stories_pdf(request, pick: Query[StoryPick]):
    """The collection of the picked works (``?work=6&work=18``) as PDF."""
    return _download(request, pick, stories.story_pdf, "pdf", "application/pdf")


@router.get(
    "/stories/docx",
    response=responses(200, None),
    auth=API_AUTH,
    openapi_extra=_binary(stories.DOCX_TYPE),
)
def stories_docx(request, pick: Query[StoryPick]):
    """The collection of the picked works as a Word document (.docx)."""
    return _download(request, pick, stories.story_docx, "docx", stories.DOCX_TYPE)
