"""The service week in the JSON API: the same services and rules as the pages.

Transitions are explicit POST actions (``/orders/{id}/accept`` ...). A
booking carries an idempotency key (the ``Idempotency-Key`` header or the
``idempotency_key`` field): a retry with the same key returns the first
booking instead of making a second one.
"""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import Field

from accounts.api_auth import API_AUTH
from accounts.models import User
from common.api import responses
from common.errors import NotFound
from serviceweek import selectors
from serviceweek.api_board import router as board_router
from serviceweek.api_partner import router as partner_router
from serviceweek.models import Slot
from serviceweek.services import orders as steps
from serviceweek.services.booking import book_slot
from serviceweek.services.feedback import rate_order
from serviceweek.services.privacy import contact_for, masked_contact

router = Router(tags=["serviceweek"])
router.add_router("", board_router)
router.add_router("", partner_router)


class ThemeDayOut(Schema):
    id: int
    date: dt.date
    name: str
    content: str


class SlotOut(Schema):
    id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    remaining: int


class PackageOut(Schema):
    id: int
    service_item: str
    partner: str
    theme_day_id: int
    unit: str
    unit_label: str
    list_price: Decimal
    red_price: Decimal
    free_quota: int | None
    description: str


class PackageDetailOut(PackageOut):
    slots: list[SlotOut]


class ContactOut(Schema):
    name: str
    mobile: str
    address: str
    masked: bool


class OrderOut(Schema):
    id: int
    package_id: int
    service_item: str
    slot: SlotOut
    state: str
    state_label: str
    list_price: Decimal
    red_price: Decimal
    booked_by_self: bool
    worker: str | None
    contact: ContactOut


class BookIn(Schema):
    idempotency_key: str | None = None
    resident_id: int | None = None
    note: str = Field("", max_length=200)


class ReasonIn(Schema):
    reason: str = ""


class AssignIn(Schema):
    worker_id: int


class RateIn(Schema):
    overall: int
    timeliness: int
    attitude: int
    comment: str = ""


class RatingOut(Schema):
    order_id: int
    overall: int
    timeliness: int
    attitude: int
    comment: str


def _slot_out(slot):
    return {
        "id": slot.pk,
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "capacity": slot.capacity,
        "remaining": slot.remaining,
    }


def _package_out(package):
    return {
        "id": package.pk,
        "service_item": package.service_item,
        "partner": str(package.partner),
        "theme_day_id": package.theme_day_id,
        "unit": package.unit,
        "unit_label": str(package.get_unit_display()),
        "list_price": package.list_price,
        "red_price": package.red_price,
        "free_quota": package.free_quota,
        "description": package.description,
    }


def _order_out(order, user, *, detail=False):
    contact = contact_for(order, viewer=user) if detail else masked_contact(order)
    if not detail and user.pk in (order.resident_id, order.booked_by_id):
        contact = contact_for(order, viewer=user)
    return {
        "id": order.pk,
        "package_id": order.package_id,
        "service_item": order.package.service_item,
        "slot": _slot_out(order.slot),
        "state": order.state,
        "state_label": str(order.get_state_display()),
        "list_price": order.list_price,
        "red_price": order.red_price,
        "booked_by_self": order.booked_by_id == order.resident_id,
        "worker": str(order.worker) if order.worker_id else None,
        "contact": contact,
    }


@router.get("/theme-days", response=responses(200, list[ThemeDayOut]))
def list_theme_days(request):
    week = selectors.current_week(timezone.localdate())
    return list(week.theme_days.all()) if week else []


@router.get("/packages", response=responses(200, list[PackageOut]), auth=API_AUTH)
def list_packages(request, theme_day_id: int | None = None):
    """Packages serving the caller's household (all published ones otherwise)."""
    user = request.auth
    if user.household_id:
        packages = selectors.packages_for_household(user, user.household)
    else:
        packages = selectors.packages_visible_to(user).filter(is_published=True)
    if theme_day_id is not None:
        packages = packages.filter(theme_day_id=theme_day_id)
    return [_package_out(p) for p in packages]


@router.get(
    "/packages/{package_id}", response=responses(200, PackageDetailOut), auth=API_AUTH
)
def get_package(request, package_id: int):
    package = get_object_or_404(
        selectors.packages_visible_to(request.auth), pk=package_id
    )
    out = _package_out(package)
    out["slots"] = [
        _slot_out(s) for s in selectors.open_slots(package, now=timezone.now())
    ]
    return out


@router.post("/slots/{slot_id}/book", response=responses(201, OrderOut), auth=API_AUTH)
def book(request, slot_id: int, payload: BookIn):
    """Book one place; 409 ``slot_full``/``team_full``/``quota_used`` when none."""
    slot = get_object_or_404(
        Slot.objects.filter(package__is_published=True), pk=slot_id
    )
    resident = None
    if payload.resident_id is not None:
        resident = User.objects.filter(pk=payload.resident_id).first()
        if resident is None:
            raise NotFound()
    key = request.headers.get("Idempotency-Key") or payload.idempotency_key
    order = book_slot(
        slot,
        actor=request.auth,
        resident=resident,
        idempotency_key=key,
        note=payload.note,
    )
    order = selectors.orders_visible_to(request.auth).get(pk=order.pk)
    return Status(201, _order_out(order, request.auth))


@router.get("/orders", response=responses(200, list[OrderOut]), auth=API_AUTH)
def list_orders(request, state: str | None = None):
    orders = selectors.orders_visible_to(request.auth)
    if state:
        orders = orders.filter(state=state)
    return [_order_out(o, request.auth) for o in orders[:200]]


def _order(request, order_id):
    return get_object_or_404(selectors.orders_visible_to(request.auth), pk=order_id)


@router.get("/orders/{order_id}", response=responses(200, OrderOut), auth=API_AUTH)
def get_order(request, order_id: int):
    return _order_out(_order(request, order_id), request.auth, detail=True)


def _after(request, order):
    return _order_out(_order(request, order.pk), request.auth)


@router.post(
    "/orders/{order_id}/accept", response=responses(200, OrderOut), auth=API_AUTH
)
def accept(request, order_id: int):
    return _after(
        request, steps.accept_order(_order(request, order_id), actor=request.auth)
    )


@router.post(
    "/orders/{order_id}/decline", response=responses(200, OrderOut), auth=API_AUTH
)
def decline(request, order_id: int, payload: ReasonIn):
    order = steps.decline_order(
        _order(request, order_id), actor=request.auth, reason=payload.reason
    )
    return _after(request, order)


@router.post(
    "/orders/{order_id}/reject", response=responses(200, OrderOut), auth=API_AUTH
)
def reject(request, order_id: int, payload: ReasonIn):
    order = steps.reject_order(
        _order(request, order_id), actor=request.auth, reason=payload.reason
    )
    return _after(request, order)


@router.post(
    "/orders/{order_id}/assign", response=responses(200, OrderOut), auth=API_AUTH
)
def assign(request, order_id: int, payload: AssignIn):
    worker = User.objects.filter(pk=payload.worker_id).first()
    order = steps.assign_order(
        _order(request, order_id), actor=request.auth, worker=worker
    )
    return _after(request, order)


@router.post(
    "/orders/{order_id}/start", response=responses(200, OrderOut), auth=API_AUTH
)
def start(request, order_id: int):
    return _after(
        request, steps.start_order(_order(request, order_id), actor=request.auth)
    )


@router.post(
    "/orders/{order_id}/complete", response=responses(200, OrderOut), auth=API_AUTH
)
def complete(request, order_id: int):
    order = steps.complete_order(_order(request, order_id), actor=request.auth)
    return _after(request, order)


@router.post(
    "/orders/{order_id}/cancel", response=responses(200, OrderOut), auth=API_AUTH
)
def cancel(request, order_id: int, payload: ReasonIn):
    order = steps.cancel_order(
        _order(request, order_id), actor=request.auth, reason=payload.reason
    )
    return _after(request, order)


@router.post(
    "/orders/{order_id}/rate", response=responses(201, RatingOut), auth=API_AUTH
)
def rate(request, order_id: int, payload: RateIn):
    rating = rate_order(
        _order(request, order_id),
        actor=request.auth,
        overall=payload.overall,
        timeliness=payload.timeliness,
        attitude=payload.attitude,
        comment=payload.comment,
    )
    return Status(
        201,
        {
            "order_id": order_id,
            "overall": rating.overall,
            "timeliness": rating.timeliness,
            "attitude": rating.attitude,
            "comment": rating.comment,
        },
    )
