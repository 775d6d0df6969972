"""Care for the elderly and disabled in the console: register a household,
pair it with a party member, log visits and errands.

Everything goes through :mod:`serviceweek.services.care` (rules, audit log,
masking of personal details in lists).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can, scope_of
from common.errors import DomainError
from common.forms import add_refusal
from common.paging import page_of
from places.models import Estate, Household
from serviceweek.forms import (
    CarePairForm,
    CareRegisterForm,
    CareVisitForm,
)
from serviceweek.models import CarePairing, PartyMember
from serviceweek.services import care


def _care_companies(user):
    """The property companies whose care the person keeps: their own
    company as a party member, and the companies they work for."""
    ids = set(scope_of(user).company_ids)
    member = getattr(user, "party_member", None)
    if member is not None and member.company_id is not None:
        ids.add(member.company_id)
    return ids


def _console(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied


@login_required
def register(request):
    """A party member pre-registers a household with its recorded consent.

    The household is the room typed in; it is made when no resident has
    named it yet and, like a self-declared home, is not confirmed by anyone
    (docs/limitations.md)."""
    _console(request)
    member = getattr(request.user, "party_member", None)
    if member is None or member.company_id is None:
        raise PermissionDenied
    form = CareRegisterForm(
        request.POST or None,
        estates=Estate.objects.filter(company_id=member.company_id).order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                household, _created = Household.objects.get_or_create(
                    estate=data["estate"],
                    building=data["building"].strip(),
                    unit=data["unit"].strip(),
                    room=data["room"].strip(),
                )
                care.register_care_recipient(
                    household,
                    actor=request.user,
                    kind=data["kind"],
                    full_name=data["full_name"],
                    consent_note=data["consent_note"],
                    mobile=data["mobile"],
                    birth_year=data["birth_year"],
                    needs=data["needs"],
                )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The household is registered."))
            return redirect("serviceweek:care_registrations")
    return render(request, "serviceweek/console/care_register.html", {"form": form})


@login_required
def registrations(request):
    """Registered households, paired or not; details masked for those who do
    not need them."""
    _console(request)
    recipients = care.recipients_visible_to(request.user)
    companies = _care_companies(request.user)
    unpaired = recipients.filter(
        pairing__isnull=True, household__estate__company_id__in=companies
    )
    pair_form = None
    if unpaired.exists() or request.method == "POST":
        pair_form = CarePairForm(
            request.POST or None,
            recipients=unpaired,
            members=PartyMember.objects.filter(company_id__in=companies)
            .select_related("user")
            .order_by("user__full_name"),
            initial={"signed_on": timezone.localdate()},
            viewer=request.user,
        )
    if request.method == "POST" and pair_form is not None and pair_form.is_valid():
        data = pair_form.cleaned_data
        try:
            care.pair_care_recipient(
                data["recipient"],
                actor=request.user,
                party_member=data["party_member"],
                signed_on=data["signed_on"],
            )
        except DomainError as error:
            add_refusal(pair_form, error)
        else:
            messages.success(request, _("The household is paired."))
            return redirect("serviceweek:care_registrations")
    page = page_of(request, recipients)
    return render(
        request,
        "serviceweek/console/care_registrations.html",
        {
            "rows": [care.recipient_row(r, viewer=request.user) for r in page],
            "page": page,
            "pair_form": pair_form,
            "may_register": getattr(request.user, "party_member", None) is not None,
        },
    )


@login_required
def visit(request):
    """The paired party member logs a home visit or a shopping errand."""
    _console(request)
    member = getattr(request.user, "party_member", None)
    if member is None:
        raise PermissionDenied
    pairings = CarePairing.objects.filter(party_member=member).select_related(
        "recipient__household__estate", "recipient__registered_by"
    )
    form = CareVisitForm(
        request.POST or None,
        initial={"visited_on": timezone.localdate()},
        pairings=pairings,
        viewer=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            care.log_care_visit(
                data["pairing"],
                actor=request.user,
                kind=data["kind"],
                visited_on=data["visited_on"],
                note=data["note"],
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The visit is logged."))
            return redirect("serviceweek:care_visit")
    return render(
        request,
        "serviceweek/console/care_visit.html",
        {
            "form": form,
            "missing": [
                care.care_row(p, viewer=request.user)
                for p in care.missing_weekly_visit(
                    request.user, today=timezone.localdate()
                ).filter(party_member=member)
            ],
        },
    )
