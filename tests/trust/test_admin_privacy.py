"""The Django admin and the personal data of vulnerable residents.

Lists in the admin show the phone, ID number and address of a care household
(elderly living alone, a disabled member) masked, to system administrators
too; a change page, which shows them whole, is a full view and is written to
the audit log like every other reveal. Other back-office staff never see the
numbers whole, in the list or on the change page. Nothing personal reaches
the log output.
"""

import datetime as dt

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from common.models import AuditEntry
from common.privacy import REVEAL_ACTION, reveals_of
from serviceweek.enums import CareKind
from serviceweek.models import CareRecipient, PartyMember
from tests.factories import (
    HouseholdFactory,
    PropertyCompanyFactory,
    ResidentFactory,
    UserFactory,
    person_with_role,
)
from tests.trust.logs import captured_log_output

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"
CARE_MOBILE = "13698765432"
RESIDENT_ID = "11010519491231002X"


@pytest.fixture
def admin_user():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def care_home():
    """A care household, its resident (with an ID number) and the recipient."""
    household = HouseholdFactory(building="7", unit="2", room="1304")
    resident = ResidentFactory(
        household=household, mobile=MOBILE, resident_id=RESIDENT_ID
    )
    member = PartyMember.objects.create(
        user=person_with_role(Role.FRONTLINE_STAFF, company=household.estate.company),
        company=household.estate.company,
    )
    recipient = CareRecipient.objects.create(
        household=household,
        kind=CareKind.ELDERLY_ALONE,
        full_name="林阿婆",
        mobile=CARE_MOBILE,
        consent_at=timezone.now() - dt.timedelta(days=1),
        consent_note="本人当面同意",
        registered_by=member,
    )
    return resident, recipient


def clerk_with(*codenames):
    clerk = person_with_role(Role.CITY_OFFICER)
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return clerk


def test_people_list_masks_a_care_household_member_for_a_system_admin(
    client, admin_user, care_home
):
    ResidentFactory(mobile="13812345678")
    client.force_login(admin_user)

    text = client.get(reverse("admin:accounts_user_changelist")).content.decode()

    assert "139****5678" in text
    assert MOBILE not in text
    assert "13812345678" in text  # an ordinary resident, as before


def test_care_recipient_list_masks_name_phone_and_address_for_a_system_admin(
    client, admin_user, care_home
):
    client.force_login(admin_user)

    response = client.get(reverse("admin:serviceweek_carerecipient_changelist"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "136****5432" in text
    assert CARE_MOBILE not in text
    assert "林阿婆" not in text
    assert "1304" not in text


def test_household_list_masks_the_room_of_a_care_household(
    client, admin_user, care_home
):
    other = HouseholdFactory(building="3", unit="1", room="502")
    client.force_login(admin_user)

    text = client.get(reverse("admin:places_household_changelist")).content.decode()

    assert "1304" not in text
    assert other.room in text


def test_a_change_page_is_a_logged_full_view_and_logs_no_number(
    client, admin_user, care_home
):
    resident, recipient = care_home
    client.force_login(admin_user)

    with captured_log_output() as output:
        person = client.get(reverse("admin:accounts_user_change", args=[resident.pk]))
        care = client.get(
            reverse("admin:serviceweek_carerecipient_change", args=[recipient.pk])
        )

    assert MOBILE in person.content.decode()
    assert CARE_MOBILE in care.content.decode()
    seen = reveals_of(resident).get()
    assert (seen.actor, seen.after) == (admin_user, {"fields": "mobile,resident_id"})
    assert reveals_of(recipient).get().actor == admin_user
    for entry in AuditEntry.objects.filter(action=REVEAL_ACTION).values():
        stored = str(entry)
        for secret in (MOBILE, CARE_MOBILE, RESIDENT_ID, "林阿婆", "1304"):
            assert secret not in stored
    for secret in (MOBILE, CARE_MOBILE, RESIDENT_ID, "林阿婆"):
        assert secret not in output.getvalue()


def test_a_list_is_not_a_reveal(client, admin_user, care_home):
    resident, _recipient = care_home
    client.force_login(admin_user)

    client.get(reverse("admin:accounts_user_changelist"))

    assert not reveals_of(resident).exists()


def test_other_back_office_staff_never_see_the_numbers_whole(client, care_home):
    resident, recipient = care_home
    client.force_login(clerk_with("view_user", "view_carerecipient"))

    pages = [
        client.get(reverse("admin:accounts_user_changelist")),
        client.get(reverse("admin:accounts_user_change", args=[resident.pk])),
        client.get(reverse("admin:serviceweek_carerecipient_changelist")),
        client.get(
            reverse("admin:serviceweek_carerecipient_change", args=[recipient.pk])
        ),
    ]

    for page in pages:
        text = page.content.decode()
        assert page.status_code == 200
        for secret in (MOBILE, CARE_MOBILE, RESIDENT_ID):
            assert secret not in text
    assert "139****5678" in pages[1].content.decode()
    assert not AuditEntry.objects.filter(action=REVEAL_ACTION).exists()


def _admin_changelists():
    return sorted(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in site._registry
    )


@pytest.fixture
def non_staff():
    company_admin = person_with_role(
        Role.COMPANY_ADMIN, company=PropertyCompanyFactory()
    )
    return [ResidentFactory(), person_with_role(Role.CITY_OFFICER), company_admin]


@pytest.mark.parametrize("path", _admin_changelists())
def test_every_admin_list_is_for_staff_only(client, non_staff, path):
    """Every admin page belongs to the ``admin`` kind of the permission
    matrix: a person without staff status, whatever their role, is sent to
    the admin's sign-in."""
    for person in non_staff:
        client.force_login(person)
        response = client.get(path)
        assert response.status_code == 302, (person, path)
        assert response["Location"].startswith(reverse("admin:login"))
