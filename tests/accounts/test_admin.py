import pytest
from django.urls import reverse

from accounts.roles import Role
from accounts.tokens import issue_token
from common.sms import get_sender
from tests.factories import ResidentFactory, UserFactory, person_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return UserFactory(is_superuser=True, is_staff=True)


def test_admin_people_list_shows_full_numbers_to_a_system_admin(client, superuser):
    ResidentFactory(mobile="13812345678")
    client.force_login(superuser)

    response = client.get(reverse("admin:accounts_user_changelist"))

    assert response.status_code == 200
    assert "13812345678" in response.content.decode()


def test_admin_people_list_masks_numbers_for_other_back_office_staff(client):
    from django.contrib.auth.models import Permission

    ResidentFactory(mobile="13812345678")
    clerk = person_with_role(Role.CITY_OFFICER)
    clerk.is_staff = True
    clerk.save()
    clerk.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(clerk)

    response = client.get(reverse("admin:accounts_user_changelist"))

    text = response.content.decode()
    assert response.status_code == 200
    assert "138****5678" in text
    assert "13812345678" not in text


def test_admin_person_page_has_the_roles_inline(client, superuser):
    person = person_with_role(Role.CITY_OFFICER)
    client.force_login(superuser)

    response = client.get(reverse("admin:accounts_user_change", args=[person.pk]))

    assert response.status_code == 200
    assert "roles-TOTAL_FORMS" in response.content.decode()


def test_admin_api_tokens_are_read_only_and_show_no_raw_token(client, superuser):
    raw = issue_token(ResidentFactory())
    client.force_login(superuser)

    listing = client.get(reverse("admin:accounts_apitoken_changelist"))
    add = client.get(reverse("admin:accounts_apitoken_add"))

    assert listing.status_code == 200
    assert raw not in listing.content.decode()
    assert add.status_code == 403


def test_admin_sms_outbox_is_read_only_with_masked_numbers(client, superuser):
    get_sender().send("13812345678", "【红管家】测试")
    client.force_login(superuser)

    listing = client.get(reverse("admin:common_smsoutbox_changelist"))
    add = client.get(reverse("admin:common_smsoutbox_add"))

    assert "138****5678" in listing.content.decode()
    assert add.status_code == 403
