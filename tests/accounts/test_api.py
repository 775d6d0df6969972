import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.models import ApiToken
from accounts.tokens import issue_token
from tests.accounts.helpers import last_code
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/accounts"


def _post(client, path, data, **headers):
    return client.post(
        BASE + path, data, content_type="application/json", headers=headers
    )


def _token(client, mobile="13812345678"):
    _post(client, "/sms-code", {"mobile": mobile})
    response = _post(client, "/token", {"mobile": mobile, "code": last_code(mobile)})
    return response.json()["token"]


def test_sms_code_endpoint_sends_a_code(client):
    response = _post(client, "/sms-code", {"mobile": "13812345678"})

    assert response.status_code == 200
    assert response.json() == {"resend_after": 60}
    assert len(last_code("13812345678")) == 6


def test_sms_code_endpoint_refuses_quick_resend_with_the_envelope(client):
    _post(client, "/sms-code", {"mobile": "13812345678"})

    response = _post(client, "/sms-code", {"mobile": "13812345678"})

    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "rate_limited"
    assert "秒后再获取" in body["message"]
    assert body["request_id"]


def test_sms_code_endpoint_refuses_a_bad_number_per_field(client):
    response = _post(client, "/sms-code", {"mobile": "123"})

    assert response.status_code == 422
    assert response.json()["fields"] == {"mobile": ["请输入有效的 11 位手机号码。"]}


def test_token_endpoint_gives_a_token_for_the_right_code(client):
    _post(client, "/sms-code", {"mobile": "13812345678"})

    response = _post(
        client,
        "/token",
        {"mobile": "13812345678", "code": last_code("13812345678"), "device": "iPhone"},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["person"]["mobile"] == "13812345678"
    assert body["person"]["roles"][0]["role"] == "resident"
    token = ApiToken.objects.get()
    assert token.device == "iPhone"
    assert body["token"] not in token.digest


def test_token_endpoint_refuses_a_wrong_code_in_chinese(client):
    _post(client, "/sms-code", {"mobile": "13812345678"})
    wrong = "111111" if last_code("13812345678") != "111111" else "222222"

    response = _post(client, "/token", {"mobile": "13812345678", "code": wrong})

    assert response.status_code == 400
    assert response.json()["message"] == "验证码不正确，还可尝试 4 次。"
    assert ApiToken.objects.count() == 0


def test_me_with_a_bearer_token_shows_the_full_own_number(client):
    token = _token(client)

    response = client.get(BASE + "/me", headers={"Authorization": f"Bearer {token}"})

    assert response.status_code == 200
    assert response.json()["mobile"] == "13812345678"
    assert response.json()["mobile_verified"] is True


def test_me_without_sign_in_is_refused_in_chinese(client):
    response = client.get(BASE + "/me")

    assert response.status_code == 401
    assert response.json()["message"] == "请先登录。"


def test_me_with_an_expired_token_is_refused(client):
    person = ResidentFactory()
    raw = issue_token(person)

    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        response = client.get(BASE + "/me", headers={"Authorization": f"Bearer {raw}"})

    assert response.status_code == 401


def test_me_with_the_page_session_works(client):
    person = UserFactory()
    client.force_login(person)

    response = client.get(BASE + "/me")

    assert response.json()["id"] == person.pk


def test_logout_revokes_the_token(client):
    token = _token(client)
    auth = {"Authorization": f"Bearer {token}"}

    response = client.post(BASE + "/logout", headers=auth)

    assert response.status_code == 204
    assert client.get(BASE + "/me", headers=auth).status_code == 401
    assert ApiToken.objects.get().revoked_at is not None


def test_logout_of_one_token_leaves_the_others(client):
    person = ResidentFactory()
    kept, dropped = issue_token(person), issue_token(person)

    client.post(BASE + "/logout", headers={"Authorization": f"Bearer {dropped}"})

    response = client.get(BASE + "/me", headers={"Authorization": f"Bearer {kept}"})
    assert response.status_code == 200


def test_wechat_login_then_bind_then_login_again(client):
    first = _post(client, "/wechat/login", {"code": "js-1"}).json()
    assert first["signed_in"] is False
    _post(client, "/sms-code", {"mobile": "13812345678"})

    bound = _post(
        client,
        "/wechat/bind",
        {
            "ticket": first["ticket"],
            "mobile": "13812345678",
            "code": last_code("13812345678"),
        },
    )
    again = _post(client, "/wechat/login", {"code": "js-1"}).json()

    assert bound.status_code == 200
    assert bound.json()["person"]["wechat_bound"] is True
    assert again["signed_in"] is True
    assert again["person"]["id"] == bound.json()["person"]["id"]
    assert again["token"]


def test_wechat_login_with_a_refused_code_answers_in_chinese(client):
    response = _post(client, "/wechat/login", {"code": "invalid-1"})

    assert response.status_code == 400
    assert response.json()["code"] == "wechat_login_failed"
    assert "微信登录未成功" in response.json()["message"]


def test_wechat_bind_elsewhere_is_a_conflict(client):
    ResidentFactory(mobile="13812345678")
    ResidentFactory(mobile="13912345678")
    ticket = _post(client, "/wechat/login", {"code": "js-1"}).json()["ticket"]
    for mobile in ("13812345678", "13912345678"):
        with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
            _post(client, "/sms-code", {"mobile": mobile})
            response = _post(
                client,
                "/wechat/bind",
                {"ticket": ticket, "mobile": mobile, "code": last_code(mobile)},
            )

    assert response.status_code == 409
    assert response.json()["code"] == "wechat_bound_elsewhere"


def test_openapi_lists_the_error_envelope_for_every_accounts_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()

    for path, operations in schema["paths"].items():
        if not path.startswith(BASE):
            continue
        for operation in operations.values():
            for status in ("400", "401", "403", "404", "409", "422", "429"):
                content = operation["responses"][status]["content"]
                ref = content["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorOut"), (path, status)
