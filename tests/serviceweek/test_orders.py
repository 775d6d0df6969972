"""The life of an order: every step, who may take it, what each party sees."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction

from common.errors import InvalidTransition, NotAllowed
from common.models import AuditEntry
from notifications.models import Notification
from serviceweek.enums import OrderState
from serviceweek.models import Order, Package
from serviceweek.services import orders as steps
from serviceweek.services.booking import book_slot
from serviceweek.services.feedback import rate_order
from serviceweek.services.privacy import contact_for
from tests.factories import HouseholdFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)

S = OrderState


def actions_of(order):
    return list(
        AuditEntry.objects.filter(
            object_type="serviceweek.order", object_id=str(order.pk)
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


def test_order_whole_life_is_audited_and_told(scene):
    order = book_slot(scene.slot, actor=scene.resident)

    steps.accept_order(order, actor=scene.dispatcher)
    steps.assign_order(order, actor=scene.dispatcher, worker=scene.worker)
    steps.start_order(order, actor=scene.worker)
    steps.complete_order(order, actor=scene.worker)
    rate_order(order, actor=scene.resident, overall=5, timeliness=5, attitude=4)

    order.refresh_from_db()
    assert order.state == S.RATED
    assert order.worker == scene.worker
    assert order.accepted_by == scene.dispatcher
    assert actions_of(order) == [
        "serviceweek.order.book",
        "serviceweek.order.accept",
        "serviceweek.order.assign",
        "serviceweek.order.start",
        "serviceweek.order.complete",
        "serviceweek.order.rate",
    ]
    titles = list(
        Notification.objects.filter(recipient=scene.resident).values_list(
            "title", flat=True
        )
    )
    item = scene.package.service_item
    assert f"您预约的{item}已接单" in titles
    assert f"您预约的{item}已完成，请评价" in titles
    assert Notification.objects.filter(
        recipient=scene.worker, title=f"您有新的派单：{item}"
    ).exists()
    assert Notification.objects.filter(
        recipient=scene.dispatcher, title=f"新订单：{item}"
    ).exists()


def test_order_declined_goes_back_to_the_pool(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)

    steps.decline_order(order, actor=scene.dispatcher, reason="人手不足")

    order.refresh_from_db()
    assert order.state == S.BOOKED
    assert order.accepted_by is None
    steps.accept_order(order, actor=scene.worker)
    order.refresh_from_db()
    assert order.accepted_by == scene.worker


def test_order_rejected_frees_its_place(scene):
    order = book_slot(scene.slot, actor=scene.resident)

    steps.reject_order(order, actor=scene.dispatcher, reason="超出服务范围")

    scene.slot.refresh_from_db()
    scene.slot.shift.refresh_from_db()
    assert scene.slot.booked == 0
    assert scene.slot.shift.booked == 0


def test_order_cancelled_in_time_frees_place_and_free_quota(scene):
    package = scene.package
    package.red_price = Decimal("0")
    package.free_quota = 1
    package.save()
    order = book_slot(scene.slot, actor=scene.resident)

    steps.cancel_order(order, actor=scene.resident)

    order.refresh_from_db()
    scene.slot.refresh_from_db()
    assert order.state == S.CANCELLED
    assert scene.slot.booked == 0
    again = book_slot(scene.slot, actor=scene.resident)
    assert again.uses_free_quota


def test_order_cancel_too_close_to_the_slot_is_refused(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    late = scene.slot.starts_at - dt.timedelta(hours=1)

    with time_machine.travel(late, tick=False), pytest.raises(Exception) as caught:
        steps.cancel_order(order, actor=scene.resident)

    assert str(caught.value.message) == "订单只能在服务时段开始前2小时之前取消。"
    order.refresh_from_db()
    assert order.state == S.BOOKED


def test_booking_for_an_elderly_resident_records_who_booked(scene):
    order = book_slot(scene.slot, actor=scene.company_staff, resident=scene.resident)

    assert order.booked_by == scene.company_staff
    assert order.resident == scene.resident
    assert order.household == scene.household


def test_booking_retried_with_the_same_key_returns_the_same_order(scene):
    first = book_slot(scene.slot, actor=scene.resident, idempotency_key="abc")
    second = book_slot(scene.slot, actor=scene.resident, idempotency_key="abc")

    assert first.pk == second.pk
    scene.slot.refresh_from_db()
    assert scene.slot.booked == 1


def test_package_red_price_above_list_price_is_refused_by_the_database(scene):
    with pytest.raises(IntegrityError), transaction.atomic():
        Package.objects.filter(pk=scene.package.pk).update(red_price=Decimal("999.00"))


# Every refusal a person can meet, with the message they read.
def _full_slot(scene):
    scene.slot.capacity = 0
    scene.slot.save()
    return lambda: book_slot(scene.slot, actor=scene.resident)


def _team_full(scene):
    shift = scene.slot.shift
    shift.capacity = 0
    shift.save()
    return lambda: book_slot(scene.slot, actor=scene.resident)


def _quota_used(scene):
    scene.package.red_price = Decimal("0")
    scene.package.free_quota = 1
    scene.package.save()
    book_slot(scene.slot, actor=scene.resident)
    return lambda: book_slot(scene.slot, actor=scene.resident)


def _slot_started(scene):
    scene.slot.starts_at = scene.slot.starts_at - dt.timedelta(days=30)
    scene.slot.save()
    return lambda: book_slot(scene.slot, actor=scene.resident)


def _not_served(scene):
    scene.package.estates.add(HouseholdFactory().estate)
    return lambda: book_slot(scene.slot, actor=scene.resident)


def _no_household(scene):
    homeless = ResidentFactory(household=None)
    return lambda: book_slot(scene.slot, actor=homeless)


def _not_for_household(scene):
    return lambda: book_slot(
        scene.slot, actor=scene.company_staff, resident=scene.stranger
    )


def _worker_not_in_team(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)
    return lambda: steps.assign_order(
        order, actor=scene.dispatcher, worker=scene.other_partner
    )


def _reason_required(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    return lambda: steps.reject_order(order, actor=scene.dispatcher, reason=" ")


def _completed(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)
    steps.assign_order(order, actor=scene.dispatcher, worker=scene.worker)
    steps.start_order(order, actor=scene.worker)
    steps.complete_order(order, actor=scene.worker)
    return order


def _already_rated(scene):
    order = _completed(scene)
    rate_order(order, actor=scene.resident, overall=4, timeliness=4, attitude=4)
    return lambda: rate_order(
        order, actor=scene.resident, overall=1, timeliness=1, attitude=1
    )


def _not_ratable(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    return lambda: rate_order(
        order, actor=scene.resident, overall=5, timeliness=5, attitude=5
    )


def _score_out_of_range(scene):
    order = _completed(scene)
    return lambda: rate_order(
        order, actor=scene.resident, overall=6, timeliness=5, attitude=5
    )


def _not_allowed(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    return lambda: steps.accept_order(order, actor=scene.other_partner)


def _invalid_step(scene):
    order = book_slot(scene.slot, actor=scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)
    return lambda: steps.accept_order(order, actor=scene.dispatcher)


REFUSALS = [
    (_full_slot, "slot_full", "该时段已约满，请选择其他时段。"),
    (_team_full, "team_full", "该服务团队此时段已满负荷，请选择其他时段。"),
    (_quota_used, "quota_used", "您家已用完该服务的免费名额。"),
    (_slot_started, "slot_started", "该时段已开始，无法预约。"),
    (_not_served, "not_served", "该服务暂未覆盖您所在的小区。"),
    (_no_household, "no_household", "您的账号尚未填写住址，请先在“我的”页面填写住址。"),
    (_not_for_household, "not_for_household", "只能为本公司服务小区的住户代为预约。"),
    (_worker_not_in_team, "worker_not_in_team", "此人不是该服务团队的服务人员。"),
    (_reason_required, "reason_required", "请填写理由。"),
    (_already_rated, "already_rated", "该订单已评价过。"),
    (_not_ratable, "not_ratable", "服务完成后才能评价订单。"),
    (_score_out_of_range, "score_out_of_range", "每项评分须为1至5的整数。"),
    (_not_allowed, "forbidden", "您没有权限进行此操作。"),
    (_invalid_step, "invalid_transition", "当前状态下不能进行此操作。"),
]


@pytest.mark.parametrize(("arrange", "code", "message"), REFUSALS)
def test_refusal_tells_the_person_why(scene, arrange, code, message):
    act = arrange(scene)
    orders_before = list(Order.objects.values_list("pk", "state"))

    with pytest.raises(Exception) as caught:
        act()

    assert caught.value.code == code
    if message:
        assert str(caught.value.message) == message
    assert list(Order.objects.values_list("pk", "state")) == orders_before


# Role × state: who may take which step; a refused step changes nothing.
ROLES = [
    "resident",
    "stranger",
    "dispatcher",
    "worker",
    "other_worker",
    "other_partner",
    "company_staff",
    "official",
]
STEPS = {
    "accept": (
        S.BOOKED,
        lambda o, a: steps.accept_order(o, actor=a),
        {"dispatcher", "worker", "other_worker"},
    ),
    "decline": (
        S.ACCEPTED,
        lambda o, a: steps.decline_order(o, actor=a, reason="忙"),
        {"dispatcher", "worker", "other_worker"},
    ),
    "reject": (
        S.BOOKED,
        lambda o, a: steps.reject_order(o, actor=a, reason="忙"),
        {"dispatcher", "worker", "other_worker"},
    ),
    "start": (S.ASSIGNED, lambda o, a: steps.start_order(o, actor=a), {"worker"}),
    "complete": (
        S.IN_SERVICE,
        lambda o, a: steps.complete_order(o, actor=a),
        {"worker"},
    ),
    "cancel": (S.BOOKED, lambda o, a: steps.cancel_order(o, actor=a), {"resident"}),
}


def order_in(scene, state):
    order = book_slot(scene.slot, actor=scene.resident)
    path = {
        S.BOOKED: [],
        S.ACCEPTED: ["accept"],
        S.ASSIGNED: ["accept", "assign"],
        S.IN_SERVICE: ["accept", "assign", "start"],
    }[state]
    for name in path:
        if name == "accept":
            steps.accept_order(order, actor=scene.dispatcher)
        elif name == "assign":
            steps.assign_order(order, actor=scene.dispatcher, worker=scene.worker)
        elif name == "start":
            steps.start_order(order, actor=scene.worker)
    order.refresh_from_db()
    return order


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("step", list(STEPS))
def test_step_by_role(scene, role, step):
    state, act, allowed = STEPS[step]
    order = order_in(scene, state)
    before = (
        order.state,
        order.worker_id,
        order.accepted_by_id,
        len(actions_of(order)),
    )

    if role in allowed:
        act(order, getattr(scene, role))
        order.refresh_from_db()
        assert order.state != state
    else:
        with pytest.raises((NotAllowed, InvalidTransition)):
            act(order, getattr(scene, role))
        order.refresh_from_db()
        after = (
            order.state,
            order.worker_id,
            order.accepted_by_id,
            len(actions_of(order)),
        )
        assert after == before


def test_contact_is_masked_for_partner_staff_until_assigned(scene):
    order = book_slot(scene.slot, actor=scene.resident)

    masked = contact_for(order, viewer=scene.dispatcher)

    assert masked["masked"]
    assert masked["name"] == "林**"
    assert "****" in masked["mobile"]


def test_contact_after_assignment_only_the_worker_sees_it_and_it_is_logged(scene):
    order = order_in(scene, S.ASSIGNED)

    shown = contact_for(order, viewer=scene.worker)
    hidden = contact_for(order, viewer=scene.dispatcher)
    other = contact_for(order, viewer=scene.other_worker)

    assert shown == {
        "name": "林小红",
        "mobile": scene.resident.mobile,
        "address": f"{scene.estate.address} {scene.household}",
        "masked": False,
    }
    assert hidden["masked"] and other["masked"]
    assert actions_of(order).count("serviceweek.order.reveal_contact") == 1
