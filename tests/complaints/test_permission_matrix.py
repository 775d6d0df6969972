"""For every role, the complaints a list returns are exactly those it can open."""

import re

import pytest
import time_machine

from accounts.roles import Role
from accounts.tokens import issue_token
from complaints.enums import Outcome, State
from complaints.models import Complaint
from tests.complaints.factories import (
    ComplaintFactory,
    company_staff,
    district_officer,
    estate_without_company,
    shanghai,
    subdistrict_officer,
)
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    PartnerFactory,
    ResidentFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db

NOW = shanghai(2026, 3, 10, 12)


@pytest.fixture
def world():
    community = CommunityFactory()
    estate = EstateFactory(community=community)
    bare = estate_without_company(community=community)
    elsewhere = EstateFactory()
    resident = ResidentFactory(household__estate=estate)
    neighbour = ResidentFactory(household__estate=bare)
    stranger = ResidentFactory(household__estate=elsewhere)
    times = [
        shanghai(2026, 3, 10, 9),  # fresh
        shanghai(2026, 3, 9, 18),  # due today 17:00, not yet overdue
        shanghai(2026, 3, 9, 10),  # overdue since yesterday 17:00 (< 24 h)
        shanghai(2026, 3, 5, 10),  # overdue for days: district sees it
    ]
    for at in times:
        for person in (resident, neighbour, stranger):
            ComplaintFactory(complainant=person, received_at=at)
    ComplaintFactory(
        complainant=resident,
        received_at=times[3],
        state=State.CLOSED,
        outcome=Outcome.CANNOT_FIX,
    )
    hotline_staff = company_staff(estate)
    ComplaintFactory(
        complainant=stranger, entered_by=hotline_staff, received_at=times[0]
    )
    return {
        "resident": resident,
        "neighbour": neighbour,
        "stranger": stranger,
        "company_admin": company_staff(estate),
        "frontline": company_staff(estate, Role.FRONTLINE_STAFF),
        "hotline_staff": hotline_staff,
        "other_company": company_staff(elsewhere),
        "subdistrict": subdistrict_officer(estate),
        "district": district_officer(estate),
        "city": person_with_role(Role.CITY_OFFICER),
        "party": person_with_role(Role.PARTY_COMMITTEE_OFFICER),
        "expert": person_with_role(Role.EXPERT),
        "partner": person_with_role(Role.PARTNER_STAFF, partner=PartnerFactory()),
    }


ROLES = [
    "resident",
    "neighbour",
    "stranger",
    "company_admin",
    "frontline",
    "hotline_staff",
    "other_company",
    "subdistrict",
    "district",
    "city",
    "party",
    "expert",
    "partner",
]


def opens(client, url):
    return client.get(url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_api_list_equals_what_detail_opens(client, world, role):
    user = world[role]
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}

    with time_machine.travel(NOW, tick=False):
        listed = {c["id"] for c in client.get("/api/v1/complaints/", **headers).json()}
        opened = {
            pk
            for pk in Complaint.objects.values_list("pk", flat=True)
            if client.get(f"/api/v1/complaints/{pk}", **headers).status_code == 200
        }

    assert listed == opened


@pytest.mark.parametrize("role", ROLES)
def test_pages_list_equals_what_detail_opens(client, world, role):
    client.force_login(world[role])
    every = list(Complaint.objects.values_list("pk", flat=True))

    with time_machine.travel(NOW, tick=False):
        mine = client.get("/complaints/").content.decode()
        mine_listed = {int(n) for n in re.findall(r'href="/complaints/(\d+)/"', mine)}
        mine_opened = {pk for pk in every if opens(client, f"/complaints/{pk}/")}
        queue = client.get("/complaints/console/?state=")
        queue_listed = {
            int(n)
            for n in re.findall(
                r'href="/complaints/console/(\d+)/"', queue.content.decode()
            )
        }
        queue_opened = {
            pk for pk in every if opens(client, f"/complaints/console/{pk}/")
        }

    assert mine_listed == mine_opened
    assert queue_listed == queue_opened


def test_the_matrix_is_not_trivial(client, world):
    """Escalation and routing give each role a different, non-empty view."""
    counts = {}
    with time_machine.travel(NOW, tick=False):
        for role in ("resident", "company_admin", "subdistrict", "district", "city"):
            headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(world[role])}"}
            counts[role] = len(client.get("/api/v1/complaints/", **headers).json())

    assert counts == {
        "resident": 5,
        "company_admin": 5,
        "subdistrict": 4 + 2,
        "district": 2,
        "city": 14,
    }
