"""Error pages are Chinese pages of the site, never Django's debug pages."""

import pytest
from django.test import Client

from accounts.roles import Role
from tests.factories import person_with_role

pytestmark = pytest.mark.django_db


def _names(response):
    return [template.name for template in response.templates]


def test_a_missing_page_is_the_chinese_404_page(client):
    response = client.get("/no-such-page/")

    page = response.content.decode()
    assert response.status_code == 404
    assert "404.html" in _names(response)
    assert "页面不存在" in page
    assert "参考编号：" in page
    assert "Page not found" not in page


def test_a_refused_page_is_the_chinese_403_page(client):
    client.force_login(person_with_role(Role.RESIDENT))

    response = client.get("/console/")

    assert response.status_code == 403
    assert "403.html" in _names(response)
    assert "无权" in response.content.decode()


def test_a_bad_request_is_the_chinese_400_page(client):
    response = client.get("/", HTTP_HOST="elsewhere.example")

    assert response.status_code == 400
    assert "400.html" in _names(response)
    assert "无法" in response.content.decode()


def test_a_bug_is_the_chinese_500_page_without_the_site_around_it(settings):
    settings.ROOT_URLCONF = "tests.trust.probe_urls"

    response = Client(raise_request_exception=False).get("/boom/")

    page = response.content.decode()
    assert response.status_code == 500
    assert "500.html" in _names(response)
    assert "系统出现问题，请稍后重试。" in page
    assert "a bug in a view" not in page
    assert "Traceback" not in page


def test_opening_a_form_only_address_is_a_chinese_page_not_a_blank_one(client):
    client.force_login(person_with_role(Role.RESIDENT))

    response = client.get("/serviceweek/orders/1/cancel/")

    page = response.content.decode()
    assert response.status_code == 405
    assert "POST" in response["Allow"]
    assert "请返回上一页" in page
    assert "参考编号：" in page


def test_a_wrong_method_on_the_api_gets_the_error_envelope(client):
    response = client.delete("/api/v1/showcase/ranking")

    assert response.status_code == 405
    body = response.json()
    assert body["code"] == "method_not_allowed"
    assert body["request_id"]
    assert body["message"] == "此地址不接受这种请求方法，请查阅接口文档。"


@pytest.mark.parametrize(
    "path", ["/api/v1/showcase/works/1/vote", "/api/v1/showcase/close-voting"]
)
def test_an_anonymous_api_call_is_asked_to_sign_in(path):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(path, data="{}", content_type="application/json")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert response.json()["message"] == "请先登录。"


def test_a_page_session_without_its_csrf_token_is_refused_in_chinese():
    from django.test import Client

    from tests.factories import ResidentFactory

    client = Client(enforce_csrf_checks=True)
    client.force_login(ResidentFactory())

    response = client.post(
        "/api/v1/showcase/works/1/vote", data="{}", content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    assert response.json()["message"] == "页面已过期，请刷新页面后重新提交。"


def test_a_body_that_is_not_json_is_named_as_such(client):
    from accounts.tokens import issue_token
    from tests.factories import ResidentFactory

    response = client.post(
        "/api/v1/showcase/works",
        data="{title: 1",
        content_type="application/json",
        headers={"Authorization": f"Bearer {issue_token(ResidentFactory())}"},
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_json"
    assert response.json()["message"] == "请求内容不是有效的JSON。"
