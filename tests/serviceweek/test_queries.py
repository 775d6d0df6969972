"""Lists cost the same number of queries at any length."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tokens import issue_token
from serviceweek.services.booking import book_slot
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def queries_of(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def add_orders(scene, count):
    for _ in range(count):
        book_slot(scene.slot, actor=ResidentFactory())


@pytest.mark.parametrize(
    "url",
    ["/serviceweek/console/", "/api/v1/serviceweek/orders"],
)
def test_order_lists_do_not_grow_with_the_orders(client, scene, url):
    scene.slot.capacity = 20
    scene.slot.shift.capacity = 20
    scene.slot.save()
    scene.slot.shift.save()
    client.force_login(scene.dispatcher)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(scene.dispatcher)}"}

    add_orders(scene, 2)
    few = queries_of(lambda: client.get(url, **headers))
    add_orders(scene, 6)
    many = queries_of(lambda: client.get(url, **headers))

    assert few == many


def test_my_orders_page_does_not_grow_with_the_orders(client, scene):
    scene.slot.capacity = 20
    scene.slot.shift.capacity = 20
    scene.slot.save()
    scene.slot.shift.save()
    housemates = [ResidentFactory(household=scene.household) for _ in range(6)]
    client.force_login(scene.resident)

    book_slot(scene.slot, actor=housemates[0])
    few = queries_of(lambda: client.get("/serviceweek/orders/"))
    for person in housemates[1:]:
        book_slot(scene.slot, actor=person)
    many = queries_of(lambda: client.get("/serviceweek/orders/"))

    assert few == many
