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
from showcase.errors import MediaMismatch, MediaRequired
from showcase.forms import WorkEditForm, WorkForm
from showcase.media import MediaRefused
from showcase.models import Work, WorkMedia
from showcase.services import works
from showcase.stages import stage_of
from showcase.views import _current_or_404


def _own_company(user):
    company_ids = scope_of(user).company_ids
    return PropertyCompany.objects.filter(pk__in=company_ids).order_by("pk").first()


# Refusals about the file, shown at the form's file field. The forms take one
# file per save (a work with several is built up one at a time), and after a
# refusal the file must be chosen again: browsers never refill a file field.
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
    return render(
        request,
        "showcase/my_works.html",
        {
            "showcase": showcase,
            "stage": stage_of(showcase),
            "form": form,
            "works": selectors.own_works(request.user, showcase),
        },
    )


def _own_work(request, work_id):
    return get_object_or_404(
        Work.objects.select_related("showcase"), pk=work_id, submitter=request.user
    )


@login_required
def edit(request, work_id):
    """One's draft: change its fields, add a file, remove files.

    Outside collection, or once submitted, the page says why it cannot be
    changed instead of offering a form."""
    work = _own_work(request, work_id)
    refusal = works.editing_refusal(work, actor=request.user)
    form = None
    if refusal is None:
        form = WorkEditForm(request.POST or None, request.FILES or None, work=work)
    if form is not None and request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload, remove = data.pop("media"), data.pop("remove_media", [])
        try:
            works.update_draft(
                work, actor=request.user, upload=upload, remove=remove, **data
            )
        except MEDIA_REFUSALS as error:
            form.add_error("media", error.message)
        except MediaMismatch as error:
            form.add_error("kind", error.message)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your changes were saved."))
            return redirect("showcase:my_works")
    return render(
        request,
        "showcase/edit_work.html",
        {
            "work": work,
            "form": form,
            "refusal": refusal.message if refusal else "",
            "media": list(work.media.order_by("pk")),
        },
    )


@login_required
@require_POST
def delete(request, work_id):
    work = _own_work(request, work_id)
    title = work.title
    try:
        works.delete_draft(work, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("The draft “%(title)s” was deleted.") % {"title": title}
        )
    return redirect("showcase:my_works")


@login_required
@require_POST
def revise(request, work_id):
    """Take a rejected work back as a draft, then go on to change it."""
    work = _own_work(request, work_id)
    try:
        works.revise_work(work, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("showcase:my_works")
    messages.success(
        request, _("The work is a draft again: change it, then submit it once more.")
    )
    return redirect("showcase:edit", work_id=work.pk)


@login_required
@require_POST
def submit(request, work_id):
    work = _own_work(request, work_id)
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
