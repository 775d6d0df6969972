import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import (
    DistrictFactory,
    PartnerFactory,
    PropertyCompanyFactory,
    ResidentFactory,
    SubdistrictFactory,
    UserFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


def test_signed_out_person_is_sent_to_sign_in_from_the_console(client):
    response = client.get(reverse("console"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))
    assert "next=/console" in response.url or "next=%2Fconsole" in response.url


def test_signed_out_person_is_sent_to_sign_in_from_the_profile(client):
    response = client.get(reverse("accounts:profile"))

    assert response.status_code == 302


def test_staff_login_page_links_to_the_resident_sign_in(client):
    response = client.get(reverse("accounts:login") + "?next=/notifications/")

    text = response.content.decode()
    assert "住户请用手机号验证码登录" in text
    assert reverse("accounts:sms_sign_in") + "?next=/notifications/" in text


def test_resident_cannot_enter_the_console_and_is_told_in_chinese(client):
    client.force_login(ResidentFactory())

    response = client.get(reverse("console"))

    assert response.status_code == 403
    assert "您无权查看此页面" in response.content.decode()


@pytest.mark.parametrize("role", list(Role))
def test_console_entry_by_role(client, role):
    scope = {
        Role.COMPANY_ADMIN: "company",
        Role.ESTATE_MANAGER: "company",
        Role.FRONTLINE_STAFF: "company",
        Role.PARTNER_STAFF: "partner",
        Role.SUBDISTRICT_OFFICER: "subdistrict",
        Role.DISTRICT_OFFICER: "district",
    }.get(role)
    factories = {
        "company": PropertyCompanyFactory,
        "partner": PartnerFactory,
        "subdistrict": SubdistrictFactory,
        "district": DistrictFactory,
    }
    kwargs = {scope: factories[scope]()} if scope else {}
    client.force_login(person_with_role(role, **kwargs))

    response = client.get(reverse("console"))

    assert response.status_code == (403 if role == Role.RESIDENT else 200)


@pytest.mark.parametrize(
    "role",
    [
        Role.CITY_OFFICER,
        Role.PARTY_COMMITTEE_OFFICER,
        Role.ASSOCIATION_STAFF,
        Role.EXPERT,
        Role.JUDGE,
        Role.REVIEWER,
        Role.SYSTEM_ADMIN,
    ],
)
def test_city_wide_staff_see_what_their_role_lets_them_do(client, role):
    client.force_login(person_with_role(role))

    response = client.get(reverse("console"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "您的角色可以做什么" in text
    assert str(role.label) in text
    assert "全市" in text


def test_subdistrict_officer_console_names_the_subdistrict(client):
    subdistrict = SubdistrictFactory(name="厦港街道")
    client.force_login(
        person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=subdistrict)
    )

    response = client.get(reverse("console"))

    text = response.content.decode()
    assert "镇街工作人员" in text or "街道" in text
    assert "厦港街道" in text
    assert "查看本镇街的小区、投诉和任务。" in text


def test_profile_shows_masked_numbers_and_roles(client):
    resident = ResidentFactory(mobile="13812345678", resident_id="11010519491231002X")
    client.force_login(resident)

    response = client.get(reverse("accounts:profile"))

    text = response.content.decode()
    assert "138****5678" in text
    assert "13812345678" not in text
    assert "1101**********002X" in text
    assert "已验证" in text
    assert "本户" in text or "住户" in text


def test_profile_reveals_own_numbers_on_request(client):
    resident = ResidentFactory(mobile="13812345678")
    client.force_login(resident)

    response = client.get(reverse("accounts:profile") + "?reveal=1")

    assert "13812345678" in response.content.decode()
    assert "隐藏完整号码" in response.content.decode()


def test_profile_of_a_staff_member_lists_every_role(client):
    subdistrict = SubdistrictFactory(name="鹭江街道")
    person = person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=subdistrict)
    person.roles.create(role=Role.JUDGE)
    client.force_login(person)

    response = client.get(reverse("accounts:profile"))

    text = response.content.decode()
    assert "鹭江街道" in text
    assert str(Role.JUDGE.label) in text


def test_bottom_navigation_links_to_me(client):
    client.force_login(UserFactory())

    response = client.get(reverse("home"))

    assert reverse("accounts:profile") in response.content.decode()
    assert "我的" in response.content.decode()


def test_console_menu_links_system_admins_to_the_people_admin(client):
    admin = person_with_role(Role.SYSTEM_ADMIN)
    admin.is_staff = True
    admin.save()
    client.force_login(admin)

    text = client.get(reverse("console")).content.decode()

    assert reverse("admin:accounts_user_changelist") in text


def test_console_menu_has_no_people_admin_for_other_staff(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))

    text = client.get(reverse("console")).content.decode()

    assert reverse("admin:accounts_user_changelist") not in text
    assert reverse("accounts:profile") in text
