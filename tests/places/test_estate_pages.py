import io

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from common import audit
from organizations.models import OwnersCommittee
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    PropertyCompanyFactory,
    SubdistrictFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two subdistricts of one district, one of another; a company in two."""
    here = SubdistrictFactory()
    next_door = SubdistrictFactory(district=here.district)
    far = SubdistrictFactory()
    company = PropertyCompanyFactory()
    return {
        "here": here,
        "company": company,
        "a": EstateFactory(name="甲小区", community=CommunityFactory(subdistrict=here)),
        "b": EstateFactory(
            name="乙小区", community=CommunityFactory(subdistrict=next_door)
        ),
        "c": EstateFactory(
            name="丙小区", community=CommunityFactory(subdistrict=far), company=company
        ),
    }


def _names(client, query=""):
    response = client.get("/places/estates/" + query)
    assert response.status_code == 200
    return {estate.name for estate in response.context["page"]}


@pytest.mark.parametrize(
    ("role", "scope", "seen"),
    [
        (Role.SUBDISTRICT_OFFICER, "here", {"甲小区"}),
        (Role.DISTRICT_OFFICER, "district", {"甲小区", "乙小区"}),
        (Role.COMPANY_ADMIN, "company", {"丙小区"}),
        (Role.CITY_OFFICER, None, {"甲小区", "乙小区", "丙小区"}),
        (Role.PARTY_COMMITTEE_OFFICER, None, {"甲小区", "乙小区", "丙小区"}),
    ],
)
def test_estate_list_shows_only_the_estates_in_scope(client, world, role, scope, seen):
    kwargs = {
        "here": {"subdistrict": world["here"]},
        "district": {"district": world["here"].district},
        "company": {"company": world["company"]},
        None: {},
    }[scope]
    client.force_login(person_with_role(role, **kwargs))

    assert _names(client) == seen


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PARTNER_STAFF, Role.EXPERT])
def test_estate_list_is_refused_to_people_without_an_estate_scope(client, role):
    client.force_login(person_with_role(role))

    assert client.get("/places/estates/").status_code == 403


def test_estate_list_filters_by_name_district_and_committee(client, world):
    OwnersCommittee.objects.create(
        estate=world["b"], kind=OwnersCommittee.Kind.OWNERS, formed_on="2024-01-01"
    )
    client.force_login(person_with_role(Role.CITY_OFFICER))
    district = world["here"].district.code

    assert _names(client, "?q=甲") == {"甲小区"}
    assert _names(client, f"?district={district}") == {"甲小区", "乙小区"}
    assert _names(client, "?committee=owners") == {"乙小区"}
    assert _names(client, "?committee=none") == {"甲小区", "丙小区"}
    assert _names(client, f"?company={world['company'].pk}") == {"丙小区"}
    assert _names(client, "?company=abc") == {"甲小区", "乙小区", "丙小区"}


def test_estate_detail_shows_the_record_and_its_history(client, world):
    estate = world["a"]
    OwnersCommittee.objects.create(
        estate=estate, kind=OwnersCommittee.Kind.TEMPORARY, formed_on="2025-03-01"
    )
    audit.record(
        "places.estate.update",
        estate,
        actor=None,
        before={"households": 400},
        after={"households": 500},
    )
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=world["here"])
    )

    page = client.get(f"/places/estates/{estate.pk}/").content.decode()

    assert estate.address in page
    assert estate.community.name in page
    assert estate.company.name in page
    assert "临时物业管理委员会" in page
    assert "places.estate.update" in page
    assert "户数：400 → 500" in page


def test_history_names_related_records_and_keeps_unknown_keys_as_stored(client, world):
    estate = world["a"]
    audit.record(
        "places.estate.update",
        estate,
        actor=None,
        before={"company": None},
        after={"company": world["company"].pk, "legacy_flag": "x1"},
    )
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=world["here"])
    )

    page = client.get(f"/places/estates/{estate.pk}/").content.decode()
    history = page.split('id="history"')[1]

    assert f"物业服务企业：— → {world['company'].name}" in history
    assert "legacy_flag：x1" in history


def test_estate_detail_outside_the_scope_is_not_found(client, world):
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=world["here"])
    )

    assert client.get(f"/places/estates/{world['c'].pk}/").status_code == 404


def test_estate_export_holds_only_the_estates_in_scope(client, world):
    client.force_login(
        person_with_role(Role.DISTRICT_OFFICER, district=world["here"].district)
    )

    response = client.get("/places/estates/export.xlsx")

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0][:3] == ("小区名称", "地址", "所属社区（名称或代码）")
    assert {row[0] for row in rows[1:]} == {"甲小区", "乙小区"}
    assert isinstance(rows[1][2], str)  # community codes stay text


def test_export_can_be_imported_back_as_the_same_columns(client, world):
    from places.imports import EXPORT_HEADER, HEADER

    assert EXPORT_HEADER[: len(HEADER)] == HEADER
