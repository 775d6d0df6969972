"""Pages where a company or a person enters works, and media are served."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import scope_of
from common.errors import DomainError
from common.uploads import UploadTooLarge, serve_upload
from organizations.models import PropertyCompany
from showcase import selectors
from showcase.errors import MediaRequired
from showcase.forms import WorkForm
from showcase.media import MediaRefused
from showcase.models import Work, WorkMedia
from showcase.services import works
from showcase.stages import stage_of
from showcase.views import _current_or_404


def _own_company(user):
    company_ids = scope_of(user).company_ids
    return PropertyCompany.objects.filter(pk__in=company_ids).order_by("pk").first()


# Refusals about the file, shown at the form's file field.
MEDIA_REFUSALS = (MediaRefused, MediaRequired, UploadTooLarge)


@login_required
def my_works(request):
    """The person's works and a form for a new draft (while collecting).

    A refusal is shown at its field with everything typed kept; nothing is
    created then (``works.create_work`` checks the file first)."""
    showcase = _current_or_404()
    form = WorkForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            works.create_work(
                showcase,
                actor=request.user,
                company=_own_company(request.user),
                upload=data["media"],
                pledge_accepted=data["pledge"],
                **{k: v for k, v in data.items() if k not in ("media", "pledge")},
            )
        except MEDIA_REFUSALS as refusal:
            form.add_error("media", refusal.message)
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                _("Your work was submitted for review.")
                if data["pledge"]
                else _("Your work was saved as a draft."),
            )
            return redirect("showcase:my_works")
    own = Work.objects.filter(showcase=showcase, submitter=request.user).order_by(
        "-created_at"
    )
    return render(
        request,
        "showcase/my_works.html",
        {"showcase": showcase, "stage": stage_of(showcase), "form": form, "works": own},
    )


@login_required
@require_POST
def submit(request, work_id):
    work = get_object_or_404(
        Work.objects.select_related("showcase"), pk=work_id, submitter=request.user
    )
    try:
        works.submit_work(
            work,
            actor=request.user,
            pledge_accepted=request.POST.get("pledge") == "on",
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Submitted for review."))
    return redirect("showcase:my_works")


def media_file(request, media_id):
    """A work's media, only to those who may see the work."""
    item = get_object_or_404(WorkMedia.objects.select_related("work"), pk=media_id)
    if not selectors.works_visible_to(request.user).filter(pk=item.work_id).exists():
        raise Http404
    return serve_upload(item.file)


def poster(request, work_id):
    work = get_object_or_404(selectors.works_visible_to(request.user), pk=work_id)
    if not work.poster:
        raise Http404
    return serve_upload(work.poster)
