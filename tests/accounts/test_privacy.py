import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.privacy import (
    identity_on_page,
    may_see_identity,
    shown_mobile,
    shown_resident_id,
)
from accounts.roles import Role
from tests.factories import ResidentFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db

RESIDENT_ID = "11010519491231002X"


@pytest.fixture
def resident():
    return ResidentFactory(mobile="13812345678", resident_id=RESIDENT_ID)


@pytest.mark.parametrize(
    ("role", "sees_full"),
    [
        (Role.SYSTEM_ADMIN, True),
        (Role.CITY_OFFICER, False),
        (Role.DISTRICT_OFFICER, False),
        (Role.COMPANY_ADMIN, False),
        (Role.RESIDENT, False),
        (Role.JUDGE, False),
    ],
)
def test_identity_numbers_by_role(resident, role, sees_full):
    scope = {}
    if role == Role.DISTRICT_OFFICER:
        scope = {"district": resident.household.estate.community.subdistrict.district}
    if role == Role.COMPANY_ADMIN:
        scope = {"company": resident.household.estate.company}
    viewer = person_with_role(role, **scope)

    assert may_see_identity(viewer, resident) is sees_full
    expected_mobile = "13812345678" if sees_full else "138****5678"
    expected_id = RESIDENT_ID if sees_full else "1101**********002X"
    assert shown_mobile(viewer, resident) == expected_mobile
    assert shown_resident_id(viewer, resident) == expected_id


def test_identity_numbers_shown_whole_to_the_person_themself(resident):
    assert shown_mobile(resident, resident) == "13812345678"
    assert shown_resident_id(resident, resident) == RESIDENT_ID


def test_identity_numbers_shown_whole_to_a_superuser(resident):
    admin = UserFactory(is_superuser=True, is_staff=True)

    assert shown_mobile(admin, resident) == "13812345678"


def test_identity_numbers_masked_for_nobody_signed_in(resident):
    assert shown_mobile(AnonymousUser(), resident) == "138****5678"
    assert shown_mobile(None, resident) == "138****5678"


def test_empty_numbers_stay_empty():
    person = UserFactory()

    assert shown_mobile(None, person) == ""
    assert shown_resident_id(None, person) == ""


def test_page_masks_own_numbers_until_asked(resident):
    shown = identity_on_page(resident, resident)

    assert shown == {
        "mobile": "138****5678",
        "resident_id": "1101**********002X",
        "revealed": False,
    }


def test_page_reveals_numbers_only_to_those_allowed(resident):
    other = person_with_role(Role.CITY_OFFICER)

    assert identity_on_page(resident, resident, reveal=True)["mobile"] == (
        "13812345678"
    )
    assert identity_on_page(other, resident, reveal=True) == {
        "mobile": "138****5678",
        "resident_id": "1101**********002X",
        "revealed": False,
    }
