"""Pages of the week's other parts: standard lists, 7/1 actions and their
coverage, care lists, and market-day booths."""

import datetime as dt
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import can, scope_of
from common.errors import DomainError
from common.paging import page_of
from common.uploads import serve_upload
from common.xlsx import workbook_response
from places.selectors import estates_visible_to
from serviceweek import selectors
from serviceweek.coverage import coverage_for
from serviceweek.enums import ActionKind
from serviceweek.models import ActionPhoto, DayOneAction, Slot, StandardList
from serviceweek.services import care
from serviceweek.services.basic import publish_standard_list, record_day_one_action
from serviceweek.services.booking import book_slot


def standards(request, estate_id):
    """The estate's current 《基础服务标准清单》; its company may publish anew."""
    estate = get_object_or_404(estates_visible_to(request.user), pk=estate_id)
    current = (
        StandardList.objects.filter(estate=estate).prefetch_related("items").first()
    )
    return render(
        request,
        "serviceweek/standards.html",
        {
            "estate": estate,
            "current": current,
            "may_publish": can(request.user, "serviceweek.publish_standards", estate),
        },
    )


@login_required
@require_POST
def publish_standards(request, estate_id):
    estate = get_object_or_404(estates_visible_to(request.user), pk=estate_id)
    lines = request.POST.get("items", "").splitlines()
    items = [
        tuple(part.strip() for part in line.split("|", 1))
        if "|" in line
        else ("", line)
        for line in lines
    ]
    try:
        publish_standard_list(estate, actor=request.user, items=items)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The list is published."))
    return redirect("serviceweek:standards", estate.pk)


@login_required
def actions(request):
    """Record a 7/1 action of one of the person's estates (company staff)."""
    if not scope_of(request.user).is_company_staff:
        raise PermissionDenied
    week = selectors.current_week(timezone.localdate())
    estates = estates_visible_to(request.user).filter(
        company_id__in=scope_of(request.user).company_ids
    )
    if request.method == "POST" and week is not None:
        estate = get_object_or_404(estates, pk=_int(request.POST.get("estate")))
        try:
            record_day_one_action(
                estate,
                actor=request.user,
                week=week,
                kind=request.POST.get("kind", ""),
                done_on=_date(request.POST.get("done_on")) or timezone.localdate(),
                result=request.POST.get("result", ""),
                photos=request.FILES.getlist("photos"),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The action is recorded."))
            return redirect("serviceweek:actions")
    return render(
        request,
        "serviceweek/console/actions.html",
        {
            "week": week,
            "estates": estates,
            "kinds": ActionKind.choices,
            "page": page_of(
                request,
                DayOneAction.objects.filter(week=week, estate__in=estates)
                .select_related("estate")
                .prefetch_related("photos"),
            ),
        },
    )


@login_required
def coverage(request):
    if not can(request.user, "serviceweek.view_figures"):
        raise PermissionDenied
    week = selectors.current_week(timezone.localdate())
    context = {"week": week, "kinds": ActionKind.choices}
    if week is not None:
        context.update(coverage_for(request.user, week))
    return render(request, "serviceweek/console/coverage.html", context)


@login_required
def care_list(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied
    today = timezone.localdate()
    page = page_of(request, care.pairings_visible_to(request.user))
    missing_page = page_of(
        request,
        care.missing_weekly_visit(request.user, today=today),
        param="missing_page",
    )
    return render(
        request,
        "serviceweek/console/care.html",
        {
            "rows": [care.care_row(p, viewer=request.user) for p in page],
            "page": page,
            "missing": [care.care_row(p, viewer=request.user) for p in missing_page],
            "missing_page": missing_page,
        },
    )


@login_required
def care_xlsx(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied
    header = [
        _("Household"),
        _("Kind"),
        _("Name"),
        _("Mobile"),
        _("Party member"),
        _("Signed on"),
        _("Last home visit"),
        _("Home visits"),
    ]
    rows = [
        list(care.care_row(p, viewer=request.user).values())
        for p in care.pairings_visible_to(request.user)
    ]
    return workbook_response("care.xlsx", [(_("Care pairings"), header, rows)])


def market(request):
    week = selectors.current_week(timezone.localdate())
    booths = selectors.booths_near(request.user, week) if week else []
    return render(request, "serviceweek/market.html", {"week": week, "booths": booths})


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value):
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


@login_required
def action_photo(request, photo_id):
    """A 7/1 action's photo, for those who may see the action."""
    photo = get_object_or_404(ActionPhoto.objects.select_related("action"), pk=photo_id)
    if not can(request.user, "serviceweek.view_action", photo.action):
        raise PermissionDenied
    return serve_upload(photo.file)


@login_required
def book_for(request):
    """Company staff book for an (elderly) resident of one of their estates."""
    if not scope_of(request.user).is_company_staff:
        raise PermissionDenied
    if request.method == "POST":
        resident = User.objects.filter(
            mobile=request.POST.get("mobile", "").strip(),
            household__estate__company_id__in=scope_of(request.user).company_ids,
        ).first()
        slot = Slot.objects.filter(pk=_int(request.POST.get("slot"))).first()
        if resident is None or slot is None:
            messages.error(request, _("No resident of your estates has this number."))
        else:
            try:
                order = book_slot(
                    slot,
                    actor=request.user,
                    resident=resident,
                    idempotency_key=request.POST.get("idempotency_key"),
                )
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Your booking is received."))
                return redirect("serviceweek:console_order", order.pk)
    slots = Slot.objects.filter(
        starts_at__gt=timezone.now(), package__is_published=True
    ).select_related("package")[:200]
    return render(
        request,
        "serviceweek/console/book_for.html",
        {"slots": slots, "booking_key": uuid.uuid4().hex},
    )
