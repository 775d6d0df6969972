"""The life of an order after booking: every step is one transition.

Each function locks the order row (``select_for_update``) before checking
its state, so two people pressing the same button at once make one move.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.permissions import can
from common.errors import NotAllowed
from common.transitions import transition
from serviceweek import errors
from serviceweek.enums import HOLDING_STATES, ORDER_MOVES, OrderState
from serviceweek.models import Order
from serviceweek.services import notices
from serviceweek.services.booking import give_back_place

S = OrderState


def _locked(order):
    return (
        Order.objects.select_for_update(of=("self",))
        .select_related("package__partner", "slot__shift", "resident", "booked_by")
        .get(pk=order.pk)
    )


def _move(order, to_state, *, actor, rule, action, event, changes=None, reason=""):
    locked = _locked(order)
    transition(
        locked,
        to_state,
        actor=actor,
        table=ORDER_MOVES,
        action=f"serviceweek.order.{action}",
        allowed=can(actor, rule, locked),
        changes=changes,
        reason=reason,
    )
    notices.order_moved(locked, event)
    return locked


@transaction.atomic
def accept_order(order, *, actor):
    """Take an order from the partner's pool (接单)."""
    return _move(
        order,
        S.ACCEPTED,
        actor=actor,
        rule="serviceweek.handle_order",
        action="accept",
        event="accept",
        changes={"accepted_by": actor, "accepted_at": timezone.now()},
    )


@transaction.atomic
def decline_order(order, *, actor, reason):
    """Put an accepted order back in the partner's pool for someone else."""
    if not (reason or "").strip():
        raise errors.ReasonRequired()
    return _move(
        order,
        S.BOOKED,
        actor=actor,
        rule="serviceweek.handle_order",
        action="decline",
        event="decline",
        changes={"accepted_by": None, "accepted_at": None},
        reason=reason,
    )


@transaction.atomic
def reject_order(order, *, actor, reason):
    """Refuse a booked order: it ends, and its place is free again."""
    if not (reason or "").strip():
        raise errors.ReasonRequired()
    locked = _move(
        order,
        S.REJECTED,
        actor=actor,
        rule="serviceweek.handle_order",
        action="reject",
        event="reject",
        reason=reason,
    )
    give_back_place(locked)
    return locked


@transaction.atomic
def assign_order(order, *, actor, worker):
    """Send a worker of the package's team; from now on only they see contacts."""
    locked = _locked(order)
    if not can(actor, "serviceweek.handle_order", locked):
        raise NotAllowed()
    if worker is None or not locked.package.team.workers.filter(pk=worker.pk).exists():
        raise errors.WorkerNotInTeam()
    return _move(
        locked,
        S.ASSIGNED,
        actor=actor,
        rule="serviceweek.handle_order",
        action="assign",
        event="assign",
        changes={"worker": worker, "assigned_at": timezone.now()},
    )


@transaction.atomic
def start_order(order, *, actor):
    return _move(
        order,
        S.IN_SERVICE,
        actor=actor,
        rule="serviceweek.work_order",
        action="start",
        event="start",
        changes={"started_at": timezone.now()},
    )


@transaction.atomic
def complete_order(order, *, actor):
    return _move(
        order,
        S.COMPLETED,
        actor=actor,
        rule="serviceweek.work_order",
        action="complete",
        event="complete",
        changes={"completed_at": timezone.now()},
    )


@transaction.atomic
def cancel_order(order, *, actor, reason=""):
    """The resident (or whoever booked) cancels, up to the week's
    ``cancel_before_hours`` before the slot; the place is freed."""
    locked = _locked(order)
    if not can(actor, "serviceweek.cancel_order", locked):
        raise NotAllowed()
    if locked.state in HOLDING_STATES:
        hours = locked.package.theme_day.week.cancel_before_hours
        if timezone.now() > locked.slot.starts_at - dt.timedelta(hours=hours):
            raise errors.CancelTooLate(hours)
    locked = _move(
        locked,
        S.CANCELLED,
        actor=actor,
        rule="serviceweek.cancel_order",
        action="cancel",
        event="cancel",
        changes={"cancelled_at": timezone.now()},
        reason=reason,
    )
    give_back_place(locked)
    return locked
