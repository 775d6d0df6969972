import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse 1"


def _post(client, username, password, ip="10.0.0.1"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_staff_sign_in_with_the_right_password_lands_on_home(client):
    UserFactory(username="clerk")

    response = _post(client, "clerk", PASSWORD)

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_staff_sign_in_wrong_password_is_told_in_chinese(client):
    UserFactory(username="clerk")

    response = _post(client, "clerk", "wrong")

    assert "账号或密码不正确。" in response.content.decode()


def test_staff_sign_in_locks_the_account_after_5_wrong_passwords(client):
    UserFactory(username="clerk")
    for n in range(5):
        _post(client, "clerk", "wrong", ip=f"10.0.0.{n}")

    response = _post(client, "clerk", PASSWORD, ip="10.0.9.9")

    assert response.status_code == 200
    assert "登录已暂停 15 分钟" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_staff_sign_in_lock_does_not_touch_other_accounts(client):
    UserFactory(username="clerk")
    UserFactory(username="other")
    for _ in range(5):
        _post(client, "clerk", "wrong", ip="10.0.0.1")

    response = _post(client, "other", PASSWORD, ip="10.0.0.2")

    assert response.status_code == 302


def test_staff_sign_in_locks_an_address_after_20_wrong_passwords(client):
    UserFactory(username="clerk")
    for n in range(20):
        _post(client, f"guess{n}", "wrong", ip="10.0.0.7")

    locked = _post(client, "clerk", PASSWORD, ip="10.0.0.7")
    elsewhere = _post(client, "clerk", PASSWORD, ip="10.0.0.8")

    assert "登录已暂停" in locked.content.decode()
    assert elsewhere.status_code == 302


def test_staff_sign_in_success_clears_earlier_failures(client):
    UserFactory(username="clerk")
    for _ in range(4):
        _post(client, "clerk", "wrong")
    _post(client, "clerk", PASSWORD)
    client.logout()

    for _ in range(4):
        _post(client, "clerk", "wrong")
    response = _post(client, "clerk", PASSWORD)

    assert response.status_code == 302


def test_staff_sign_in_refuses_a_disabled_account(client):
    UserFactory(username="clerk", is_active=False)

    response = _post(client, "clerk", PASSWORD)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
