"""Resident pages: complain, my complaints, confirm or reopen, rate."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.forms import add_refusal
from common.uploads import serve_upload
from complaints import handling
from complaints.enums import Channel, State
from complaints.forms import ComplaintForm, RateForm, TextForm
from complaints.selectors import complaint_for, complaints_visible_to
from complaints.services import submit_complaint
from places.models import Estate


def home_section(request):
    if not request.user.is_authenticated:
        return None
    mine = complaints_visible_to(request.user).filter(complainant=request.user)
    return {
        "complaints": mine[:3],
        "open_count": mine.exclude(state=State.CLOSED).count(),
    }


def _estates_for(user):
    # Every estate of the register: a person may complain about an estate
    # they do not live in (a relative's, a workplace). The list is long for
    # the whole city; the form starts on the person's own estate.
    return Estate.objects.order_by("name")


def _mine(user):
    """The resident pages show a person's own complaints; staff use the console."""
    return complaints_visible_to(user).filter(complainant=user)


def _get(request, pk):
    complaint = _mine(request.user).filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint


@login_required
def mine(request):
    complaints = _mine(request.user)
    return render(request, "complaints/mine.html", {"complaints": complaints})


@login_required
def new(request):
    estates = _estates_for(request.user)
    if request.method == "POST":
        form = ComplaintForm(request.POST, request.FILES, estates=estates)
        if form.is_valid():
            data = form.cleaned_data
            try:
                complaint, created = submit_complaint(
                    data["estate"],
                    actor=request.user,
                    category=data["category"],
                    description=data["description"],
                    channel=Channel.MOBILE,
                    idempotency_key=data["idempotency_key"] or None,
                    service_week_order_id=data["service_week_order_id"],
                    photos=data["photos"],
                )
            except DomainError as error:
                add_refusal(form, error)
            else:
                if created:
                    messages.success(request, _("Your complaint has been received."))
                return redirect("complaints:detail", complaint.pk)
    else:
        initial = {"idempotency_key": uuid.uuid4().hex}
        order = request.GET.get("order", "")
        if order.isdigit():
            initial["service_week_order_id"] = int(order)
        if request.user.household_id:
            initial["estate"] = request.user.household.estate_id
        form = ComplaintForm(initial=initial, estates=estates)
    return render(request, "complaints/new.html", {"form": form})


@login_required
def detail(request, pk):
    return _detail_page(request, _get(request, pk))


def _detail_page(request, complaint, *, rate_form=None):
    """The complaint's page; after a refused rating, with the rating as typed."""
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "notes": complaint.notes.select_related("author"),
            "is_mine": complaint.complainant_id == request.user.pk,
            "rating": getattr(complaint, "rating", None),
            "text_form": TextForm(),
            "rate_form": rate_form or RateForm(),
        },
    )


def _resident_action(request, pk, action):
    complaint = _get(request, pk)
    try:
        action(complaint)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("complaints:detail", complaint.pk)


@login_required
@require_POST
def confirm(request, pk):
    return _resident_action(
        request, pk, lambda c: handling.confirm_complaint(c, actor=request.user)
    )


@login_required
@require_POST
def reopen(request, pk):
    text = request.POST.get("text", "")
    return _resident_action(
        request,
        pk,
        lambda c: handling.reopen_complaint(c, actor=request.user, reason=text),
    )


@login_required
@require_POST
def rate(request, pk):
    complaint = _get(request, pk)
    form = RateForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, complaint, rate_form=form)
    try:
        handling.rate_complaint(
            complaint,
            actor=request.user,
            score=form.cleaned_data["score"],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as error:
        if not error.fields:
            # Not about what was typed (the complaint is not closed, or rated
            # already): the page no longer offers the form.
            messages.error(request, error.message)
            return redirect("complaints:detail", complaint.pk)
        add_refusal(form, error)
        return _detail_page(request, complaint, rate_form=form)
    return redirect("complaints:detail", complaint.pk)


@login_required
@require_POST
def note(request, pk):
    text = request.POST.get("text", "")
    return _resident_action(
        request, pk, lambda c: handling.add_note(c, actor=request.user, text=text)
    )


@login_required
def photo(request, pk, photo_pk):
    # The resident and console pages both link here: whoever may see the
    # complaint (its complainant, the handling company, officers in scope)
    # may see its photos.
    complaint = complaint_for(request.user, pk)
    if complaint is None:
        raise Http404
    found = complaint.photos.filter(pk=photo_pk).first()
    if found is None:
        raise Http404
    return serve_upload(found.file)
