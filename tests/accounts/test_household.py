import pytest
from django.urls import reverse

from common.audit import history_of
from places.models import Household
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_resident_names_their_home_and_sees_it_on_their_page(client):
    person = UserFactory(full_name="")
    estate = EstateFactory(name="鸿山花园")
    client.force_login(person)

    response = client.post(
        reverse("accounts:household"),
        {
            "full_name": "林小红",
            "estate": estate.pk,
            "building": "3",
            "unit": "1",
            "room": "502",
        },
        follow=True,
    )

    person.refresh_from_db()
    assert (person.household.estate, person.household.room) == (estate, "502")
    assert person.full_name == "林小红"
    assert "鸿山花园" in response.content.decode()
    assert history_of(person).get().action == "accounts.household.bind"


def test_two_residents_of_one_room_share_the_household(client):
    estate = EstateFactory()
    for person in (UserFactory(), UserFactory()):
        client.force_login(person)
        client.post(
            reverse("accounts:household"),
            {"full_name": "住户", "estate": estate.pk, "building": "1", "room": "101"},
        )

    assert Household.objects.filter(estate=estate).count() == 1


def test_missing_room_is_refused_in_chinese_and_keeps_what_was_typed(client):
    person = UserFactory()
    estate = EstateFactory()
    client.force_login(person)

    response = client.post(
        reverse("accounts:household"),
        {"full_name": "林小红", "estate": estate.pk, "building": "7", "room": ""},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "此项为必填项。" in page
    assert 'value="7"' in page
    person.refresh_from_db()
    assert person.household is None
