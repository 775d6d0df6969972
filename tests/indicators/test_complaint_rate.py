"""The complaint rate: definition, scope and the ranking thresholds."""

from decimal import Decimal

import pytest
import time_machine

from accounts.roles import Role
from complaints.enums import Outcome
from indicators.selectors import complaint_rates
from tests.complaints.factories import ComplaintFactory, shanghai
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    HouseholdFactory,
    ResidentFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


def complaints_in(estate, count, at=None, **kwargs):
    at = at or shanghai(2026, 3, 10, 10)
    household = HouseholdFactory(estate=estate)
    resident = ResidentFactory(household=household)
    for _ in range(count):
        ComplaintFactory(complainant=resident, estate=estate, received_at=at, **kwargs)


@pytest.fixture
def city():
    return person_with_role(Role.CITY_OFFICER)


def test_rate_is_complaints_per_thousand_households_in_the_month(city):
    estate = EstateFactory(households=800)
    complaints_in(estate, 4)
    complaints_in(estate, 2, at=shanghai(2026, 4, 1, 0, 30))
    complaints_in(estate, 1, at=shanghai(2026, 2, 28, 23, 59))

    rows = complaint_rates(city, level="estate", year=2026, month=3)

    row = next(row for row in rows if row.place_id == estate.pk)
    assert row.complaints == 4
    assert row.rate == Decimal("5.00")


def test_duplicates_are_not_counted(city):
    estate = EstateFactory(households=1000)
    complaints_in(estate, 3)
    original = ComplaintFactory(
        complainant=ResidentFactory(household__estate=estate),
        estate=estate,
        received_at=shanghai(2026, 3, 2, 9),
    )
    ComplaintFactory(
        complainant=original.complainant,
        estate=estate,
        state="closed",
        outcome=Outcome.DUPLICATE,
        duplicate_of=original,
        received_at=shanghai(2026, 3, 2, 9, 5),
    )

    rows = complaint_rates(city, level="estate", year=2026, month=3)

    assert next(r for r in rows if r.place_id == estate.pk).complaints == 4


def test_small_places_are_listed_but_not_ranked(city):
    big_quiet = EstateFactory(households=1000)
    big_noisy = EstateFactory(households=1000)
    tiny = EstateFactory(households=50)
    complaints_in(big_quiet, 3)
    complaints_in(big_noisy, 9)
    complaints_in(tiny, 5)
    few = EstateFactory(households=1000)
    complaints_in(few, 1)

    rows = complaint_rates(city, level="estate", year=2026, month=3)

    by_id = {row.place_id: row for row in rows}
    assert by_id[big_quiet.pk].rank == 1
    assert by_id[big_noisy.pk].rank == 2
    assert by_id[tiny.pk].rank is None
    assert "200" in by_id[tiny.pk].not_ranked_because
    assert by_id[few.pk].rank is None


def test_levels_group_households_and_complaints(city):
    community = CommunityFactory()
    first = EstateFactory(community=community, households=300)
    second = EstateFactory(community=community, households=700, company=first.company)
    complaints_in(first, 2)
    complaints_in(second, 3)

    for level, place_id in [
        ("company", first.company_id),
        ("subdistrict", community.subdistrict_id),
        ("district", community.subdistrict.district_id),
    ]:
        rows = complaint_rates(city, level=level, year=2026, month=3)
        row = next(r for r in rows if r.place_id == place_id)
        assert (row.households, row.complaints, row.rate) == (1000, 5, Decimal("5.00"))


def test_officers_see_only_their_area():
    estate = EstateFactory()
    other = EstateFactory()
    officer = person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=estate.subdistrict)

    rows = complaint_rates(officer, level="estate", year=2026, month=3)

    assert {row.place_id for row in rows} == {estate.pk}
    assert other.pk not in {row.place_id for row in rows}


def test_page_shows_the_definition_beside_the_figures(client, city):
    complaints_in(EstateFactory(households=1000), 3)
    client.force_login(city)

    with time_machine.travel(shanghai(2026, 3, 20), tick=False):
        response = client.get("/indicators/complaint-rate", {"month": "2026-03"})

    text = response.content.decode()
    assert response.status_code == 200
    assert "3.00" in text
    assert response.context["definition"]["denominator"]


def test_residents_cannot_open_the_rate_page(client):
    client.force_login(ResidentFactory())

    assert client.get("/indicators/complaint-rate").status_code == 403
