"""Capacity, free quota and idempotency under real concurrency (PostgreSQL)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from common.errors import DomainError
from serviceweek.enums import OrderState
from serviceweek.models import Order, QuotaUse, Slot, TeamShift
from serviceweek.services.booking import book_slot
from tests.factories import ResidentFactory
from tests.serviceweek.factories import PackageFactory, TeamFactory, make_slot

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def run_at_once(calls):
    """Run each ``call()`` in its own thread, released together; collect
    (result, error code) per call."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait()
            outcomes[index] = ("ok", call())
        except DomainError as error:
            outcomes[index] = ("refused", error)
        except Exception as error:
            outcomes[index] = ("crashed", error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(i, call)) for i, call in enumerate(calls)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_booking_twenty_residents_for_five_places_books_exactly_five():
    slot = make_slot(capacity=5)
    residents = [ResidentFactory() for _ in range(20)]

    outcomes = run_at_once([lambda r=r: book_slot(slot, actor=r) for r in residents])

    booked = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "refused"]
    assert len(booked) == 5
    assert len(refused) == 15
    assert {error.code for error in refused} == {"slot_full"}
    assert {str(error.message) for error in refused} == {
        "该时段已约满，请选择其他时段。"
    }
    assert Order.objects.filter(slot=slot).count() == 5
    slot.refresh_from_db()
    assert slot.booked == 5


def test_booking_two_packages_of_one_team_share_the_team_capacity():
    team = TeamFactory()
    first = PackageFactory(partner=team.partner, team=team)
    second = PackageFactory(partner=team.partner, team=team)
    slot_a = make_slot(first, capacity=5, team_capacity=6)
    slot_b = make_slot(second, capacity=5, starts_at=slot_a.starts_at)
    residents = [ResidentFactory() for _ in range(16)]

    outcomes = run_at_once(
        [
            lambda r=r, s=(slot_a if i % 2 else slot_b): book_slot(s, actor=r)
            for i, r in enumerate(residents)
        ]
    )

    booked = [value for kind, value in outcomes if kind == "ok"]
    codes = {value.code for kind, value in outcomes if kind == "refused"}
    assert len(booked) == 6
    assert codes <= {"slot_full", "team_full"}
    assert "team_full" in codes
    assert TeamShift.objects.get(pk=slot_a.shift_id).booked == 6
    assert Order.objects.filter(slot__shift=slot_a.shift).count() == 6
    assert (
        sum(Slot.objects.filter(shift=slot_a.shift).values_list("booked", flat=True))
        == 6
    )


def test_booking_free_service_holds_the_household_quota():
    package = PackageFactory(red_price=Decimal("0"), free_quota=2)
    slots = [make_slot(package, capacity=10, starts_at=None) for _ in range(1)]
    slot = slots[0]
    first = ResidentFactory()
    housemates = [first] + [
        ResidentFactory(household=first.household) for _ in range(7)
    ]

    outcomes = run_at_once([lambda r=r: book_slot(slot, actor=r) for r in housemates])

    booked = [value for kind, value in outcomes if kind == "ok"]
    refused = [value for kind, value in outcomes if kind == "refused"]
    assert len(booked) == 2
    assert {error.code for error in refused} == {"quota_used"}
    assert QuotaUse.objects.get(package=package, household=first.household).used == 2
    slot.refresh_from_db()
    assert slot.booked == 2


def test_booking_retried_at_once_with_one_key_is_one_booking():
    slot = make_slot(capacity=5)
    resident = ResidentFactory()

    outcomes = run_at_once(
        [lambda: book_slot(slot, actor=resident, idempotency_key="k-1")] * 8
    )

    orders = {value.pk for kind, value in outcomes if kind == "ok"}
    assert len(orders) == 1
    assert all(kind == "ok" for kind, _ in outcomes)
    assert Order.objects.filter(slot=slot).count() == 1
    slot.refresh_from_db()
    assert slot.booked == 1


def test_booking_retry_of_the_last_place_returns_the_order_not_a_refusal():
    slot = make_slot(capacity=1)
    resident = ResidentFactory()
    others = [ResidentFactory() for _ in range(5)]

    calls = [lambda: book_slot(slot, actor=resident, idempotency_key="last")] * 4
    calls += [lambda r=r: book_slot(slot, actor=r) for r in others]
    outcomes = run_at_once(calls)

    mine = {value.pk for kind, value in outcomes[:4] if kind == "ok"}
    assert len(Order.objects.filter(slot=slot)) == 1
    if mine:
        assert len(mine) == 1
        assert all(kind == "ok" for kind, _ in outcomes[:4])
        assert Order.objects.get(slot=slot).state == OrderState.BOOKED
