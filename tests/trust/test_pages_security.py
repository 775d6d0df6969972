"""Every page reached by crawling, as each kind of person: security headers,
no inline script or handler, and a CSRF token in every form that posts."""

import pytest

from tests.trust.conftest import CRAWLED_AS
from tests.trust.pages import argument_free_paths, crawl, parse


def test_discovery_finds_the_front_doors():
    paths = argument_free_paths()
    assert {"/", "/console/", "/accounts/login/"} <= set(paths)
    assert not any(path.startswith(("/admin/", "/api/")) for path in paths)


@pytest.mark.parametrize("who", CRAWLED_AS)
def test_every_page_is_locked_down(client_as, who):
    client = client_as(who)
    crawled = 0
    for path, response in crawl(client):
        crawled += 1
        assert response.status_code < 500, path
        csp = response["Content-Security-Policy"]
        assert "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert "frame-ancestors 'none'" in csp, path
        assert response["X-Frame-Options"] == "DENY", path
        assert response["X-Content-Type-Options"] == "nosniff", path
        assert response["Referrer-Policy"] == "same-origin", path
        page = parse(response.content.decode())
        assert page.inline_scripts == [], path
        assert page.inline_handlers == [], path
        assert page.style_attributes == [], path
        for form in page.forms:
            if form["method"] == "post":
                names = {field["name"] for field in form["inputs"]}
                assert "csrfmiddlewaretoken" in names, (path, form["action"])
    assert crawled >= 2


def test_a_form_posted_without_its_csrf_token_is_refused(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/accounts/login/", {"username": "x", "password": "y"}, follow=False
    )

    assert response.status_code == 403
    assert "表单已过期" in response.content.decode()


def test_an_api_write_by_session_without_csrf_is_refused(settings, demo_people):
    from django.test import Client

    settings.ROOT_URLCONF = "tests.trust.probe_urls"
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo_people["resident"])
    response = client.post(
        "/api/probe/notes", {"title": "x"}, content_type="application/json"
    )

    assert response.status_code in (401, 403)
    assert set(response.json()) == {"code", "message", "fields", "request_id"}
