import pytest
from django.urls import reverse

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.services import AccountDisabled, PasswordRequired, sign_in_with_code
from accounts.sms_codes import CodeRejected, send_code
from common.models import AuditEntry
from tests.accounts.helpers import last_code
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

IP = "10.0.0.1"


def test_sign_in_with_code_creates_a_verified_resident_for_a_new_number():
    send_code("13812345678", ip=IP)

    person = sign_in_with_code("13812345678", last_code("13812345678"), ip=IP)

    assert person.mobile == "13812345678"
    assert person.mobile_verified_at is not None
    assert not person.has_usable_password()
    assert "13812345678" not in person.username
    assert list(person.roles.values_list("role", flat=True)) == [Role.RESIDENT]
    assert AuditEntry.objects.filter(action="accounts.person.register").count() == 1


def test_sign_in_with_code_finds_the_existing_person_without_a_second_role():
    resident = ResidentFactory(mobile="13812345678", mobile_verified_at=None)
    send_code("13812345678", ip=IP)

    person = sign_in_with_code("13812345678", last_code("13812345678"), ip=IP)

    assert person.pk == resident.pk
    assert User.objects.count() == 1
    assert RoleAssignment.objects.filter(user=resident).count() == 1
    resident.refresh_from_db()
    assert resident.mobile_verified_at is not None


def test_sign_in_with_code_refuses_a_disabled_account():
    ResidentFactory(mobile="13812345678", is_active=False)
    send_code("13812345678", ip=IP)

    with pytest.raises(AccountDisabled) as error:
        sign_in_with_code("13812345678", last_code("13812345678"), ip=IP)

    assert "已停用" in str(error.value.message)


def test_sign_in_with_wrong_code_creates_nobody():
    send_code("13812345678", ip=IP)
    wrong = "111111" if last_code("13812345678") != "111111" else "222222"

    with pytest.raises(CodeRejected):
        sign_in_with_code("13812345678", wrong, ip=IP)

    assert User.objects.count() == 0


def test_sms_page_sends_a_code_and_keeps_the_number(client):
    response = client.post(
        reverse("accounts:sms_sign_in"),
        {"mobile": "13812345678", "action": "send"},
        follow=True,
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "验证码已发送至 138****5678" in text
    assert 'value="13812345678"' in text


def test_sms_page_signs_in_and_lands_on_home(client):
    send_code("13812345678", ip="127.0.0.1")

    response = client.post(
        reverse("accounts:sms_sign_in"),
        {
            "mobile": "13812345678",
            "code": last_code("13812345678"),
            "action": "sign_in",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_sms_page_follows_a_local_next_but_not_another_site(client):
    send_code("13812345678", ip="127.0.0.1")
    code = last_code("13812345678")
    data = {"mobile": "13812345678", "code": code, "action": "sign_in"}

    response = client.post(
        reverse("accounts:sms_sign_in") + "?next=https://evil.example/", data
    )

    assert response.url == reverse("home")


def test_sms_page_says_in_chinese_why_a_code_is_refused(client):
    send_code("13812345678", ip="127.0.0.1")
    wrong = "111111" if last_code("13812345678") != "111111" else "222222"

    response = client.post(
        reverse("accounts:sms_sign_in"),
        {"mobile": "13812345678", "code": wrong, "action": "sign_in"},
    )

    assert "验证码不正确，还可尝试 4 次。" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sms_page_asks_for_the_code_when_it_is_missing(client):
    response = client.post(
        reverse("accounts:sms_sign_in"),
        {"mobile": "13812345678", "action": "sign_in"},
    )

    assert "请输入短信中的验证码。" in response.content.decode()


def test_sms_page_refuses_a_quick_resend_in_chinese(client):
    url = reverse("accounts:sms_sign_in")
    client.post(url, {"mobile": "13812345678", "action": "send"})

    response = client.post(url, {"mobile": "13812345678", "action": "send"})

    assert "秒后再获取" in response.content.decode()


def test_sms_page_refuses_an_invalid_number_in_chinese(client):
    response = client.post(
        reverse("accounts:sms_sign_in"), {"mobile": "12345", "action": "send"}
    )

    assert "请输入有效的 11 位中国大陆手机号。" in response.content.decode()


@pytest.mark.parametrize("flags", [{"is_staff": True}, {"is_superuser": True}])
def test_sign_in_with_code_refuses_back_office_accounts(flags):
    UserFactory(mobile="13812345678", **flags)
    send_code("13812345678", ip=IP)

    with pytest.raises(PasswordRequired) as error:
        sign_in_with_code("13812345678", last_code("13812345678"), ip=IP)

    assert "请使用账号和密码登录" in str(error.value.message)


def test_sign_in_with_code_lets_other_staff_in():
    officer = UserFactory(mobile="13812345678")
    officer.roles.create(role=Role.CITY_OFFICER)
    send_code("13812345678", ip=IP)

    person = sign_in_with_code("13812345678", last_code("13812345678"), ip=IP)

    assert person.pk == officer.pk
    assert list(person.roles.values_list("role", flat=True)) == [Role.CITY_OFFICER]


def test_staff_land_on_their_console_after_signing_in(client):
    from accounts.roles import Role
    from tests.factories import person_with_role

    officer = person_with_role(Role.CITY_OFFICER)

    response = client.post(
        reverse("accounts:login"),
        {"username": officer.username, "password": "correct horse 1"},
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("console")
