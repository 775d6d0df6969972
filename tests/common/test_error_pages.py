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
