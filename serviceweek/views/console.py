"""Partner and worker pages (console): incoming orders and their steps;
figures for officials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import User
from accounts.permissions import can, scope_of
from common.audit import history_of
from common.errors import DomainError
from common.paging import page_of
from common.xlsx import workbook_response
from serviceweek import figures as figures_module
from serviceweek import selectors
from serviceweek.enums import OrderState
from serviceweek.services import orders as order_services
from serviceweek.services.privacy import contact_for, masked_contact


def _console(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied


@login_required
def orders(request):
    _console(request)
    scope = scope_of(request.user)
    visible = selectors.orders_visible_to(request.user)
    state = request.GET.get("state", "")
    if state in OrderState.values:
        visible = visible.filter(state=state)
    mine = visible.filter(worker=request.user)
    if scope.partner_ids:
        visible = visible.filter(package__partner_id__in=scope.partner_ids)
    page = page_of(request, visible)
    rows = [(order, masked_contact(order)) for order in page]
    return render(
        request,
        "serviceweek/console/orders.html",
        {
            "rows": rows,
            "page": page,
            "mine": mine[:50],
            "states": OrderState.choices,
            "state": state,
        },
    )


STEPS = {
    "accept": lambda order, request: order_services.accept_order(
        order, actor=request.user
    ),
    "decline": lambda order, request: order_services.decline_order(
        order, actor=request.user, reason=request.POST.get("reason", "")
    ),
    "reject": lambda order, request: order_services.reject_order(
        order, actor=request.user, reason=request.POST.get("reason", "")
    ),
    "assign": lambda order, request: order_services.assign_order(
        order,
        actor=request.user,
        worker=User.objects.filter(pk=_int(request.POST.get("worker"))).first(),
    ),
    "start": lambda order, request: order_services.start_order(
        order, actor=request.user
    ),
    "complete": lambda order, request: order_services.complete_order(
        order, actor=request.user
    ),
}


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def order(request, order_id):
    _console(request)
    item = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    user = request.user
    handles = can(user, "serviceweek.handle_order", item)
    return render(
        request,
        "serviceweek/console/order.html",
        {
            "order": item,
            "contact": contact_for(item, viewer=user),
            "handles": handles,
            "works": can(user, "serviceweek.work_order", item),
            "workers": item.package.team.workers.all() if handles else [],
            "history": history_of(item)[:30],
        },
    )


@login_required
@require_POST
def step(request, order_id, step):
    _console(request)
    item = get_object_or_404(selectors.orders_visible_to(request.user), pk=order_id)
    action = STEPS.get(step)
    if action is None:
        raise PermissionDenied
    try:
        action(item, request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("serviceweek:console_order", item.pk)


def _figures_allowed(request):
    if not can(request.user, "serviceweek.view_figures"):
        raise PermissionDenied


@login_required
def figures(request):
    _figures_allowed(request)
    context = figures_module.figures_for(request.user)
    week = selectors.current_week(timezone.localdate())
    if week is not None:
        context["week"] = week
        context["survey"] = figures_module.survey_results(week, request.user)
    return render(request, "serviceweek/console/figures.html", context)


@login_required
def figures_xlsx(request):
    _figures_allowed(request)
    return workbook_response(
        "serviceweek-figures.xlsx", figures_module.sheets_for(request.user)
    )
