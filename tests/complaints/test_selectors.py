"""Who sees which complaint, including escalation when overdue."""

import pytest
import time_machine

from accounts.roles import Role
from complaints.selectors import complaints_visible_to
from tests.complaints.factories import (
    company_staff,
    district_officer,
    estate_without_company,
    file_complaint,
    shanghai,
    subdistrict_officer,
)
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db


def visible(user, at):
    with time_machine.travel(at, tick=False):
        return set(complaints_visible_to(user).values_list("pk", flat=True))


@pytest.fixture
def complaint():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        return file_complaint()


def test_complainant_and_company_see_it_others_do_not(complaint):
    at = shanghai(2026, 3, 4, 10)

    assert visible(complaint.complainant, at) == {complaint.pk}
    assert visible(company_staff(complaint.estate), at) == {complaint.pk}
    assert visible(company_staff(EstateFactory()), at) == set()
    assert visible(ResidentFactory(household__estate=complaint.estate), at) == set()


def test_subdistrict_sees_it_once_overdue_then_the_district(complaint):
    subdistrict = subdistrict_officer(complaint.estate)
    district = district_officer(complaint.estate)

    assert visible(subdistrict, shanghai(2026, 3, 4, 16, 59)) == set()
    assert visible(subdistrict, shanghai(2026, 3, 4, 17, 1)) == {complaint.pk}
    assert visible(district, shanghai(2026, 3, 5, 16, 59)) == set()
    assert visible(district, shanghai(2026, 3, 5, 17, 1)) == {complaint.pk}


def test_answered_in_time_never_escalates(complaint):
    from complaints.handling import respond_to_complaint

    with time_machine.travel(shanghai(2026, 3, 4, 12), tick=False):
        respond_to_complaint(
            complaint, actor=company_staff(complaint.estate), text="收到"
        )

    assert visible(subdistrict_officer(complaint.estate), shanghai(2026, 3, 5)) == set()


def test_subdistrict_sees_complaints_routed_to_it_at_once():
    estate = estate_without_company()
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint(ResidentFactory(household__estate=estate))

    assert visible(subdistrict_officer(estate), shanghai(2026, 3, 4, 10)) == {
        complaint.pk
    }
    assert visible(district_officer(estate), shanghai(2026, 3, 4, 10)) == set()


def test_city_officer_sees_all(complaint):
    assert visible(person_with_role(Role.CITY_OFFICER), shanghai(2026, 3, 4, 10)) == {
        complaint.pk
    }


def test_panel_roles_see_nothing(complaint):
    assert visible(person_with_role(Role.EXPERT), shanghai(2026, 3, 6)) == set()
