"""One log line per request with its id, status and duration; the id is in
the ``X-Request-ID`` header and in every error envelope and error page."""

import re

import pytest
from django.test import Client

from tests.trust.logs import captured_log_output

pytestmark = pytest.mark.django_db

LINE_RE = (
    r"\[(?P<id>[0-9a-f]{32})\] (?P<method>GET|POST) (?P<path>\S+) "
    r"(?P<status>\d{3}) (?P<ms>[\d.]+)ms"
)


def request_lines(output):
    return [m.groupdict() for m in re.finditer(LINE_RE, output)]


@pytest.fixture
def probe_urls(settings):
    settings.ROOT_URLCONF = "tests.trust.probe_urls"


def test_every_response_carries_a_request_id_that_the_log_line_names(client):
    with captured_log_output() as output:
        response = client.get("/")

    request_id = response["X-Request-ID"]
    [line] = request_lines(output.getvalue())
    assert line["id"] == request_id
    assert (line["method"], line["path"], line["status"]) == ("GET", "/", "200")
    assert float(line["ms"]) > 0


def test_a_plain_incoming_request_id_is_kept_and_a_forged_one_replaced(client):
    kept = client.get("/", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    replaced = client.get("/", HTTP_X_REQUEST_ID="x\r\nSet-Cookie: a=b")

    assert kept["X-Request-ID"] == "nginx-0123456789abcdef"
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])


def test_an_exception_in_a_view_is_logged_with_status_500_and_its_id(probe_urls):
    client = Client(raise_request_exception=False)
    with captured_log_output() as output:
        response = client.get("/boom/")

    assert response.status_code == 500
    lines = request_lines(output.getvalue())
    assert [(line["path"], line["status"]) for line in lines] == [("/boom/", "500")]
    assert lines[0]["id"] == response["X-Request-ID"]
    assert response["X-Request-ID"] in response.content.decode()
    assert "a bug in a view" not in response.content.decode()


def test_an_exception_under_the_api_path_answers_with_the_envelope(probe_urls):
    response = Client(raise_request_exception=False).get("/api/boom/")

    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    assert body["request_id"] == response["X-Request-ID"]
    assert "bug" not in body["message"]


def test_an_unknown_api_path_answers_with_the_envelope(client):
    response = client.get("/api/v1/no-such-thing")

    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "页面不存在。",
        "fields": {},
        "request_id": response["X-Request-ID"],
    }


def test_an_unknown_page_shows_the_request_id_as_reference(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["X-Request-ID"] in response.content.decode()


def test_a_ninja_validation_error_carries_the_request_id(probe_urls, client):
    response = client.get("/api/probe/items/not-a-number")

    assert response.status_code == 422
    assert response.json()["request_id"] == response["X-Request-ID"]
    assert response.json()["code"] == "invalid_input"


def test_the_query_string_is_not_logged(client):
    with captured_log_output() as output:
        client.get("/?mobile=13912345678")

    assert "13912345678" not in output.getvalue()
