"""Figures for officials, scoped to their area, as a page and as .xlsx."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from serviceweek.figures import figures_for
from serviceweek.services import orders as steps
from serviceweek.services.booking import book_slot
from tests.factories import DistrictFactory, person_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def deliver(scene, resident=None):
    order = book_slot(scene.slot, actor=resident or scene.resident)
    steps.accept_order(order, actor=scene.dispatcher)
    steps.assign_order(order, actor=scene.dispatcher, worker=scene.worker)
    steps.start_order(order, actor=scene.worker)
    steps.complete_order(order, actor=scene.worker)
    return order


def test_figures_count_rates_and_discount_value_in_the_area(scene):
    deliver(scene)
    cancelled = book_slot(scene.slot, actor=scene.stranger)
    steps.cancel_order(cancelled, actor=scene.stranger)
    official = person_with_role(Role.CITY_OFFICER)
    district_officer = person_with_role(
        Role.DISTRICT_OFFICER, district=scene.estate.district
    )

    city = figures_for(official)
    district = figures_for(district_officer)

    assert city["all"]["total"] == 2
    assert city["all"]["completion_rate"] == Decimal("50.0")
    assert city["all"]["cancellation_rate"] == Decimal("50.0")
    assert city["all"]["discount"] == Decimal("81.00")
    assert district["all"]["total"] == 1
    assert district["district"] == [
        {
            "name": scene.estate.district.name,
            "total": 1,
            "completed": 1,
            "cancelled": 0,
            "completion_rate": Decimal("100.0"),
            "cancellation_rate": Decimal("0"),
            "overall": None,
            "timeliness": None,
            "attitude": None,
            "discount": Decimal("81.00"),
        }
    ]
    assert city["theme_day"][0]["name"] == "家政焕新日"


def test_figures_of_another_district_see_nothing(scene):
    deliver(scene)
    elsewhere = person_with_role(
        Role.DISTRICT_OFFICER, district=DistrictFactory(code="350206")
    )

    assert figures_for(elsewhere)["all"]["total"] == 0


def test_figures_xlsx_has_the_three_sheets(client, scene):
    deliver(scene)
    client.force_login(person_with_role(Role.CITY_OFFICER))

    response = client.get("/serviceweek/console/figures.xlsx")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["按主题日", "按合作单位", "按区"]
    assert book["按主题日"]["J2"].value == 81


@pytest.mark.parametrize(
    ("role", "status"),
    [("resident", 403), ("dispatcher", 403), ("company_staff", 403), ("official", 200)],
)
def test_figures_page_only_for_officials(client, scene, role, status):
    client.force_login(getattr(scene, role))

    response = client.get("/serviceweek/console/figures/")

    assert response.status_code == status


def test_home_section_lists_my_orders(client, scene):
    book_slot(scene.slot, actor=scene.resident)
    client.force_login(scene.resident)

    page = client.get("/").content.decode()

    assert "我的订单" in page
    assert scene.package.service_item in page
