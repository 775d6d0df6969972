"""Resident pages (mobile): browse by theme day, book, my orders, cancel, rate."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.audit import history_of
from common.errors import DomainError
from common.inputs import TextTooLong, within
from serviceweek import plan, selectors
from serviceweek.enums import OrderState
from serviceweek.models import Slot, ThemeDay
from serviceweek.services.booking import book_slot
from serviceweek.services.feedback import RATING_COMMENT_MAX, rate_order
from serviceweek.services.orders import cancel_order
from serviceweek.services.privacy import contact_for


def _week_context(request):
    today = timezone.localdate()
    week = selectors.current_week(today)
    context = {
        "week": week,
        "days": week.theme_days.all() if week else [],
        "agreements": week.agreements.prefetch_related("partners") if week else [],
    }
    if week and can(request.user, "serviceweek.view_figures"):
        context["phases"] = [
            (phase, *selectors.phase_progress(phase, today))
            for phase in week.phases.all()
        ]
    return context


def week(request):
    return render(request, "serviceweek/week.html", _week_context(request))


def theme_day(request, day_id):
    day = get_object_or_404(ThemeDay.objects.select_related("week"), pk=day_id)
    user = request.user
    if user.is_authenticated and user.household_id:
        packages = selectors.packages_for_household(user, user.household)
    else:
        packages = selectors.packages_visible_to(user).filter(is_published=True)
    return render(
        request,
        "serviceweek/theme_day.html",
        {
            "day": day,
            "packages": packages.filter(theme_day=day),
            "is_market_day": plan.is_market_day(day.date),
        },
    )


def package(request, package_id):
    item = get_object_or_404(selectors.packages_visible_to(request.user), pk=package_id)
    return render(
        request,
        "serviceweek/package.html",
        {
            "package": item,
            "slots": selectors.open_slots(item, now=timezone.now()),
            "booking_key": uuid.uuid4().hex,
        },
    )


@login_required
@require_POST
def book(request, slot_id):
    slot = get_object_or_404(Slot.objects.select_related("package"), pk=slot_id)
    try:
        order = book_slot(
            slot,
            actor=request.user,
            idempotency_key=request.POST.get("idempotency_key"),
            note=within(request.POST.get("note", ""), 200),
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("serviceweek:package", slot.package_id)
    messages.success(request, _("Your booking is received."))
    return redirect("serviceweek:order", order.pk)


@login_required
def my_orders(request):
    orders = selectors.orders_visible_to(request.user).filter(
        household_id=request.user.household_id
    )
    return render(request, "serviceweek/my_orders.html", {"orders": orders})


@login_required
def order(request, order_id):
    item = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    return _order_page(request, item)


def _order_page(request, item, *, typed=None, comment_error=""):
    """The order page; after a refused rating, with the rating as typed."""
    return render(
        request,
        "serviceweek/order.html",
        {
            "order": item,
            "contact": contact_for(item, viewer=request.user),
            "may_rate": item.state == OrderState.COMPLETED,
            "may_cancel": item.state
            in (OrderState.BOOKED, OrderState.ACCEPTED, OrderState.ASSIGNED),
            "history": history_of(item)[:20],
            "scores": [str(n) for n in range(5, 0, -1)],
            "typed": typed or {},
            "comment_error": comment_error,
            "comment_max": RATING_COMMENT_MAX,
        },
    )


@login_required
@require_POST
def cancel(request, order_id):
    item = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    try:
        cancel_order(item, actor=request.user, reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The order is cancelled."))
    return redirect("serviceweek:order", item.pk)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def rate(request, order_id):
    item = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    typed = {
        name: request.POST.get(name, "")
        for name in ("overall", "timeliness", "attitude", "comment")
    }
    try:
        rate_order(
            item,
            actor=request.user,
            overall=_int(typed["overall"]),
            timeliness=_int(typed["timeliness"]),
            attitude=_int(typed["attitude"]),
            comment=typed["comment"],
        )
    except TextTooLong as error:
        return _order_page(request, item, typed=typed, comment_error=error.message)
    except DomainError as error:
        messages.error(request, error.message)
        return _order_page(request, item, typed=typed)
    messages.success(request, _("Thank you for your rating."))
    return redirect("serviceweek:order", item.pk)


def home_section(request):
    """ "My orders" on the resident home page: the household's open orders."""
    user = request.user
    if not user.is_authenticated or not user.household_id:
        return None
    orders = selectors.orders_visible_to(user).filter(household_id=user.household_id)
    return {"orders": list(orders[:5])}
