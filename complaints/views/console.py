"""Staff console pages: queue, handling, hotline entry, the 17:00 summary."""

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.audit import history_of
from common.errors import DomainError
from common.forms import add_refusal
from common.paging import page_of
from common.xlsx import workbook_response
from complaints import handling
from complaints.enums import State
from complaints.forms import (
    CloseForm,
    HotlineForm,
    RecategoriseForm,
    TextForm,
)
from complaints.rules import is_handler
from complaints.selectors import (
    complaint_for,
    estates_for_hotline,
    queue_for,
    scope_notes,
)
from complaints.services import submit_hotline_complaint
from complaints.summary import (
    FIGURES,
    Place,
    current_summary_day,
    labelled,
    places_for,
    summary_for_page,
)

FIGURE_LABELS = {
    "received": gettext_lazy("received"),
    "due": gettext_lazy("answers due"),
    "answered_on_time": gettext_lazy("answered on time"),
    "overdue": gettext_lazy("overdue"),
    "still_open": gettext_lazy("still open"),
    "resolved": gettext_lazy("resolved and confirmed"),
}


def _staff(request):
    if not can(request.user, "complaints.use_console"):
        raise PermissionDenied


def _get(request, pk):
    _staff(request)
    complaint = complaint_for(request.user, pk)
    if complaint is None:
        raise Http404
    return complaint


@login_required
def queue(request):
    _staff(request)
    state = request.GET.get("state", "open")
    page = page_of(request, queue_for(request.user, state=state))
    return render(
        request,
        "complaints/console/queue.html",
        {
            "complaints": page,
            "page": page,
            "state": state,
            "states": State.choices,
            "scope_notes": scope_notes(request.user),
        },
    )


@login_required
def detail(request, pk):
    complaint = _get(request, pk)
    return render(
        request,
        "complaints/console/detail.html",
        {
            "complaint": complaint,
            "notes": complaint.notes.select_related("author"),
            "history": history_of(complaint)[:100],
            "can_handle": is_handler(request.user, complaint),
            "text_form": TextForm(),
            "close_form": CloseForm(),
            "recategorise_form": RecategoriseForm(
                initial={"category": complaint.category}
            ),
        },
    )


def _original_for(request, number):
    if not number:
        return None
    return complaint_for(request.user, number)


ACTIONS = {
    "respond": lambda c, user, post: handling.respond_to_complaint(
        c, actor=user, text=post.get("text", "")
    ),
    "resolve": lambda c, user, post: handling.resolve_complaint(
        c, actor=user, text=post.get("text", "")
    ),
    "pause": lambda c, user, post: handling.pause_complaint(
        c, actor=user, reason=post.get("text", "")
    ),
    "resume": lambda c, user, post: handling.resume_complaint(c, actor=user),
    "recategorise": lambda c, user, post: handling.recategorise_complaint(
        c, actor=user, category=post.get("category", ""), reason=post.get("reason", "")
    ),
    "note": lambda c, user, post: handling.add_note(
        c, actor=user, text=post.get("text", "")
    ),
}


@login_required
@require_POST
def act(request, pk, action):
    complaint = _get(request, pk)
    try:
        if action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Choose how it ends and give the reason."))
            handling.close_complaint(
                complaint,
                actor=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                duplicate_of=_original_for(request, form.cleaned_data["duplicate_of"]),
            )
        elif action in ACTIONS:
            ACTIONS[action](complaint, request.user, request.POST)
        else:
            raise Http404
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Saved."))
    if complaint_for(request.user, pk) is None:
        return redirect("complaints:queue")
    return redirect("complaints:console_detail", pk)


@login_required
def hotline(request):
    _staff(request)
    estates = estates_for_hotline(request.user)
    if request.method == "POST":
        form = HotlineForm(request.POST, request.FILES, estates=estates)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint, _created = submit_hotline_complaint(
                    data["estate"],
                    actor=request.user,
                    mobile=data["mobile"],
                    category=data["category"],
                    description=data["description"],
                    idempotency_key=data["idempotency_key"] or None,
                    photos=data["photos"],
                )
            except DomainError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("The hotline complaint was entered."))
                return redirect("complaints:console_detail", complaint.pk)
    else:
        form = HotlineForm(
            initial={"idempotency_key": uuid.uuid4().hex}, estates=estates
        )
    return render(request, "complaints/console/hotline.html", {"form": form})


def _summary_request(request):
    _staff(request)
    places = places_for(request.user)
    if not places:
        raise PermissionDenied
    place = Place.parse(request.GET.get("place")) or places[0]
    if not can(request.user, "complaints.view_summary", place):
        raise PermissionDenied
    today = current_summary_day()
    try:
        day = dt.date.fromisoformat(request.GET.get("day") or today.isoformat())
    except ValueError:
        day = today
    return places, place, day


@login_required
def summary(request):
    places, place, day = _summary_request(request)
    figures = summary_for_page(day, place)
    if request.GET.get("format") == "xlsx":
        header = [_("category")] + [FIGURE_LABELS[name] for name in FIGURES]
        rows = [
            [row["label"]] + [row[name] for name in FIGURES] for row in figures["rows"]
        ]
        rows.append([_("total")] + [figures["total"][name] for name in FIGURES])
        # Sheet titles may not hold some characters company names can have.
        return workbook_response(
            f"complaints-{place.kind}-{place.id}-{day.isoformat()}.xlsx",
            [(day.isoformat(), header, rows)],
        )
    return render(
        request,
        "complaints/console/summary.html",
        {
            "figures": figures,
            "as_of": dt.datetime.fromisoformat(figures["as_of"]),
            "names": FIGURES,
            "labels": [FIGURE_LABELS[name] for name in FIGURES],
            "place": place,
            "place_label": place.label(),
            "places": labelled(places),
            "day": day,
        },
    )
