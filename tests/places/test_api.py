import pytest

from accounts.roles import Role
from places.models import Subdistrict
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    SubdistrictFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


def test_subdistrict_picker_leaves_out_special_units(client):
    street = SubdistrictFactory(name="厦港街道")
    SubdistrictFactory(
        name="火炬园", kind=Subdistrict.Kind.SPECIAL, district=street.district
    )

    body = client.get(
        "/api/v1/places/subdistricts", {"district": street.district.code}
    ).json()

    assert [row["name"] for row in body] == ["厦港街道"]


def test_community_picker_leaves_out_communities_of_special_units(client):
    CommunityFactory(name="普通社区")
    CommunityFactory(
        name="特殊社区", subdistrict=SubdistrictFactory(kind=Subdistrict.Kind.SPECIAL)
    )

    body = client.get("/api/v1/places/communities").json()

    assert [row["name"] for row in body] == ["普通社区"]


def test_estate_api_is_scoped(client):
    mine = EstateFactory()
    EstateFactory()
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=mine.subdistrict)
    )

    body = client.get("/api/v1/places/estates").json()

    assert body["count"] == 1
    assert body["items"][0]["name"] == mine.name
    assert body["items"][0]["committee"] is None


def test_estate_api_hides_an_estate_outside_the_scope(client):
    mine, other = EstateFactory(), EstateFactory()
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=mine.subdistrict)
    )

    response = client.get(f"/api/v1/places/estates/{other.pk}")

    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "fields", "request_id"}


def test_estate_api_needs_a_signed_in_person(client):
    response = client.get("/api/v1/places/estates")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_estate_api_refuses_residents_with_the_envelope(client):
    client.force_login(person_with_role(Role.RESIDENT))

    response = client.get("/api/v1/places/estates")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_estate_api_caps_the_page_size(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))

    response = client.get("/api/v1/places/estates", {"limit": 100000, "offset": -3})

    assert response.status_code == 200
