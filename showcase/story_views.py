"""《红管家故事集》: pick approved works, then download the PDF or .docx."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from accounts.permissions import can
from showcase import selectors, stories
from showcase.errors import InvalidField
from showcase.views import _current_or_404


def _managed_showcase(request):
    showcase = _current_or_404()
    if not can(request.user, "showcase.manage", showcase):
        raise PermissionDenied
    return showcase


@login_required
def picker(request):
    """Checkboxes of the approved works, in the order the collection lists
    them; the two buttons download the picked works as PDF or .docx."""
    return _picker(request, _managed_showcase(request))


def _picker(request, showcase, *, error=None, status=200):
    picked = set(request.GET.getlist("work"))
    return render(
        request,
        "showcase/stories.html",
        {
            "showcase": showcase,
            "works": [
                (work, str(work.pk) in picked)
                for work in selectors.story_candidates(showcase)
            ],
            "error": error,
        },
        status=status,
    )


def _download(request, build, extension, content_type):
    showcase = _managed_showcase(request)
    try:
        works = stories.picked_works(
            showcase, stories.work_ids(request.GET.getlist("work"))
        )
    except InvalidField as refusal:
        return _picker(request, showcase, error=refusal.message, status=400)
    response = HttpResponse(build(showcase, works), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, stories.filename(showcase, extension)
    )
    return response


@login_required
def stories_pdf(request):
    return _download(request, stories.story_pdf, "pdf", "application/pdf")


@login_required
def stories_docx(request):
    return _download(request, stories.story_docx, "docx", stories.DOCX_TYPE)
