"""Booking a slot and giving the place back.

Capacity is held by the database, not by Python: taking a place is one
conditional ``UPDATE ... SET booked = booked + 1 WHERE booked < capacity`` on
the slot, then on the team's shift (whose capacity all the team's packages
share in that window), then on the household's free quota, all in the
booking's transaction. The ``UPDATE`` takes the row lock, so concurrent
bookings of the same row queue and re-check the condition; CheckConstraints
(``booked <= capacity``, ``used <= allowance``) refuse any row that would
break the rule even if a caller bypassed this module. Rows are always locked
in the order slot, shift, quota (after the order row when giving back), so
two transactions never wait on each other in a cycle.
"""

import logging

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed, NotFound
from serviceweek import errors
from serviceweek.enums import OrderState
from serviceweek.models import Order, QuotaUse, Slot, TeamShift
from serviceweek.services import notices

logger = logging.getLogger(__name__)


def book_slot(
    slot,
    *,
    actor,
    household=None,
    resident=None,
    idempotency_key=None,
    quantity=1,
    note="",
):
    """Book one place of ``slot`` for ``actor``'s household (or, for staff of
    the estate's property company, for ``household``/``resident``).

    Idempotent: a second call with the same ``idempotency_key`` by the same
    actor returns the first call's order, also when both run at once.
    Raises SlotFull, TeamFull, QuotaUsed, SlotStarted, NotServed, NoHousehold,
    NotAllowed. Side effects on success: the slot's, shift's and (for a free
    service) quota's counters go up by one, the order row is written, the
    audit entry ``serviceweek.order.book``, and notices to the resident, the
    booker and the partner's staff after commit.
    """
    key = (idempotency_key or "").strip()[:64] or None
    if key:
        existing = _order_of_key(actor, key)
        if existing is not None:
            return existing
    slot = Slot.objects.select_related(
        "package__partner", "package__theme_day__week", "shift"
    ).get(pk=slot.pk)
    household, resident = _for_whom(actor, household=household, resident=resident)
    _check_bookable(slot, household)

    try:
        with transaction.atomic():
            order = _take_place_and_write(
                slot,
                actor=actor,
                household=household,
                resident=resident,
                key=key,
                quantity=quantity,
                note=note,
            )
    except (IntegrityError, errors.SlotFull, errors.TeamFull, errors.QuotaUsed):
        # A concurrent retry with the same key may have won; it is the answer.
        if key:
            existing = _order_of_key(actor, key)
            if existing is not None:
                return existing
        raise
    return order


def _order_of_key(actor, key):
    return (
        Order.objects.select_related("package", "slot")
        .filter(booked_by=actor, idempotency_key=key)
        .first()
    )


def _for_whom(actor, *, household, resident):
    if household is None and resident is None:
        if actor.household_id is None:
            raise errors.NoHousehold()
        if not can(actor, "serviceweek.book"):
            raise NotAllowed()
        return actor.household, actor
    if resident is not None and household is None:
        household = resident.household
    if household is None:
        raise errors.NoHousehold()
    if resident is not None and resident.household_id != household.pk:
        raise NotFound()
    if resident is None:
        resident = household.residents.order_by("pk").first()
        if resident is None:
            raise errors.NoHousehold()
    if resident.pk == actor.pk:
        return _for_whom(actor, household=None, resident=None)
    if not can(actor, "serviceweek.book_for", household):
        raise errors.NotForHousehold()
    return household, resident


def _check_bookable(slot, household):
    package = slot.package
    if not package.is_published:
        raise NotFound()
    if slot.starts_at <= timezone.now():
        raise errors.SlotStarted()
    estate = household.estate
    estates = set(package.estates.values_list("pk", flat=True))
    districts = set(package.districts.values_list("pk", flat=True))
    if (estates or districts) and not (
        estate.pk in estates or estate.district_id in districts
    ):
        raise errors.NotServed()


def _take_place_and_write(slot, *, actor, household, resident, key, quantity, note):
    package = slot.package
    # Fast refusal from the row just read; it takes no lock. The conditional
    # updates below are what actually decide.
    if slot.booked >= slot.capacity:
        raise errors.SlotFull()
    if slot.shift.booked >= slot.shift.capacity:
        raise errors.TeamFull()
    taken = Slot.objects.filter(pk=slot.pk, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if not taken:
        raise errors.SlotFull()
    taken = TeamShift.objects.filter(pk=slot.shift_id, booked__lt=F("capacity")).update(
        booked=F("booked") + 1
    )
    if not taken:
        raise errors.TeamFull()
    uses_quota = package.is_free and package.free_quota is not None
    if uses_quota:
        _take_quota(package, household)

    order = Order.objects.create(
        package=package,
        slot=slot,
        household=household,
        resident=resident,
        booked_by=actor,
        idempotency_key=key,
        quantity=quantity,
        list_price=package.list_price,
        red_price=package.red_price,
        uses_free_quota=uses_quota,
        note=note,
    )
    audit.record(
        "serviceweek.order.book",
        order,
        actor=actor,
        after={
            "slot": slot.pk,
            "household": household.pk,
            "resident": resident.pk,
            "state": OrderState.BOOKED,
        },
    )
    notices.order_booked(order)
    return order


def _take_quota(package, household):
    QuotaUse.objects.bulk_create(
        [QuotaUse(package=package, household=household, allowance=package.free_quota)],
        ignore_conflicts=True,
    )
    taken = QuotaUse.objects.filter(
        package=package, household=household, used__lt=F("allowance")
    ).update(used=F("used") + 1)
    if not taken:
        raise errors.QuotaUsed()


def give_back_place(order):
    """Free the place (and free quota) ``order`` holds; call it in the
    transaction that moves the locked order out of a holding state."""
    Slot.objects.filter(pk=order.slot_id).update(booked=F("booked") - 1)
    TeamShift.objects.filter(pk=order.slot.shift_id).update(booked=F("booked") - 1)
    if order.uses_free_quota:
        QuotaUse.objects.filter(
            package_id=order.package_id, household_id=order.household_id
        ).update(used=F("used") - 1)
