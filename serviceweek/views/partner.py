"""The partner firm's console: its teams, its packages and their slots.

Staff of a partner see and change only their own firm's; everything goes
through :mod:`serviceweek.services.setup`, which checks the rules and writes
the audit log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can, scope_of
from common.audit import history_of
from common.errors import DomainError
from common.forms import add_refusal
from organizations.models import Partner
from serviceweek import selectors
from serviceweek.forms import PackageForm, SlotForm, TeamForm
from serviceweek.models import Package, Team
from serviceweek.services import setup


def _partner_ids(request):
    ids = scope_of(request.user).partner_ids
    if not ids:
        raise PermissionDenied
    return ids


def _own(request, queryset, pk):
    """The object ``pk`` of ``queryset`` when it is the person's partner's;
    another partner's is refused, not shown."""
    item = get_object_or_404(queryset, pk=pk)
    if not can(request.user, "serviceweek.manage_packages", item.partner):
        raise PermissionDenied
    return item


def _week():
    return selectors.current_week(timezone.localdate())


@login_required
def packages(request):
    partner_ids = _partner_ids(request)
    return render(
        request,
        "serviceweek/console/partner_packages.html",
        {
            "packages": Package.objects.filter(partner_id__in=partner_ids)
            .select_related("theme_day", "team", "partner")
            .annotate(slot_count=Count("slots")),
            "teams": Team.objects.filter(partner_id__in=partner_ids)
            .select_related("partner")
            .prefetch_related("workers"),
        },
    )


def _the_partner(partner_ids):
    """The firm a new team or package belongs to. A person working for more
    than one firm creates for the first of them (docs/limitations.md); the
    forms offer no choice of firm yet."""
    return Partner.objects.filter(pk__in=partner_ids).order_by("pk").first()


@login_required
def team_form(request, team_id=None):
    partner_ids = _partner_ids(request)
    team = _own(request, Team.objects.all(), team_id) if team_id else None
    initial = (
        {
            "name": team.name,
            "slot_capacity": team.slot_capacity,
            "workers": list(team.workers.values_list("pk", flat=True)),
        }
        if team
        else {}
    )
    form = TeamForm(
        request.POST or None,
        initial=initial,
        partner_ids=[team.partner_id] if team else partner_ids,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if team is None:
                setup.create_team(
                    _the_partner(partner_ids),
                    actor=request.user,
                    name=data["name"],
                    slot_capacity=data["slot_capacity"],
                    workers=data["workers"],
                )
            else:
                setup.update_team(
                    team,
                    actor=request.user,
                    name=data["name"],
                    slot_capacity=data["slot_capacity"],
                    workers=data["workers"],
                )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The team is saved."))
            return redirect("serviceweek:partner_packages")
    return render(
        request,
        "serviceweek/console/partner_team.html",
        {"form": form, "team": team},
    )


def _package_arguments(data):
    return {
        "theme_day": data["theme_day"],
        "team": data["team"],
        "service_item": data["service_item"],
        "unit": data["unit"],
        "list_price": data["list_price"],
        "red_price": data["red_price"],
        "free_quota": data["free_quota"],
        "description": data["description"],
        "districts": data["districts"],
        "estates": data["estates"],
    }


@login_required
def package_new(request):
    partner_ids = _partner_ids(request)
    form = PackageForm(request.POST or None, partner_ids=partner_ids, week=_week())
    if request.method == "POST" and form.is_valid():
        try:
            package = setup.publish_package(
                _the_partner(partner_ids),
                actor=request.user,
                **_package_arguments(form.cleaned_data),
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("The package is published; now add its time slots.")
            )
            return redirect("serviceweek:partner_package", package.pk)
    return render(
        request,
        "serviceweek/console/partner_package_new.html",
        {"form": form},
    )


@login_required
def package_edit(request, package_id):
    _partner_ids(request)
    package = _own(
        request, Package.objects.select_related("partner", "team"), package_id
    )
    form = PackageForm(
        request.POST if request.method == "POST" and "save" in request.POST else None,
        initial=PackageForm.initial_of(package),
        partner_ids=[package.partner_id],
        week=package.theme_day.week,
    )
    slot_form = SlotForm(
        request.POST
        if request.method == "POST" and "open_slot" in request.POST
        else None
    )
    if form.is_bound and form.is_valid():
        try:
            setup.update_package(
                package, actor=request.user, **_package_arguments(form.cleaned_data)
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The package is saved."))
            return redirect("serviceweek:partner_package", package.pk)
    if slot_form.is_bound and slot_form.is_valid():
        data = slot_form.cleaned_data
        try:
            setup.open_slot(
                package,
                actor=request.user,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                capacity=data["capacity"],
                team_capacity=data["team_capacity"],
            )
        except DomainError as error:
            add_refusal(slot_form, error)
        else:
            messages.success(request, _("The time slot is open."))
            return redirect("serviceweek:partner_package", package.pk)
    return render(
        request,
        "serviceweek/console/partner_package.html",
        {
            "package": package,
            "form": form,
            "slot_form": slot_form,
            "slots": package.slots.select_related("shift"),
            "history": history_of(package)[:30],
        },
    )


@login_required
@require_POST
def package_publish(request, package_id):
    _partner_ids(request)
    package = _own(request, Package.objects.select_related("partner"), package_id)
    published = request.POST.get("published") == "1"
    try:
        setup.set_package_published(package, actor=request.user, published=published)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The package is published.")
            if published
            else _("The package is withdrawn; it takes no new bookings."),
        )
    return redirect("serviceweek:partner_package", package.pk)
