"""Two app server processes against one PostgreSQL database: the servers
keep no state of their own, so any of them serves any request, and the rules
that rely on the database hold across them."""

import concurrent.futures
import json
import urllib.parse
import urllib.request

import pytest
from django.conf import settings
from django.core.management import call_command

from accounts.roles import Role
from accounts.tokens import issue_token
from tests.factories import person_with_role
from tests.trust.servers import AppServer, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PORTS = (8611, 8612)


def database_url():
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def servers(tmp_path):
    call_command("createcachetable", verbosity=0)
    env = server_env(database_url(), HGJ_MEDIA_ROOT=str(tmp_path / "media"))
    started = []
    try:
        for port in PORTS:
            started.append(
                AppServer(port, env, workers=2, log_path=tmp_path / f"{port}.log")
            )
            started[-1].start()
        yield started
    finally:
        for server in started:
            server.stop()


def call(url, *, method="GET", token=None, body=None, headers=None):
    request = urllib.request.Request(url, method=method, headers=headers or {})  # noqa: S310
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    if body is not None:
        request.data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_either_server_serves_pages_and_the_api_with_one_database(servers):
    officer = person_with_role(Role.CITY_OFFICER)
    token = issue_token(officer)

    def fetch(index):
        server = servers[index % 2]
        status, headers, _ = call(server.url + "/")
        api_status, _, body = call(server.url + "/api/v1/openapi.json", token=token)
        return status, api_status, headers["X-Request-ID"], json.loads(body)["info"]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(fetch, range(40)))

    assert {(r[0], r[1]) for r in results} == {(200, 200)}
    assert len({r[2] for r in results}) == 40  # one id per request
    assert len({json.dumps(r[3]) for r in results}) == 1


def test_a_session_signed_in_on_one_server_is_valid_on_the_other(servers):
    staff = person_with_role(Role.CITY_OFFICER)
    staff.set_password("a long password 1")
    staff.save()
    first, second = servers
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    with opener.open(first.url + "/accounts/login/", timeout=30) as page:
        html = page.read().decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    form = urllib.parse.urlencode(
        {
            "username": staff.username,
            "password": "a long password 1",
            "csrfmiddlewaretoken": token,
        }
    ).encode()
    opener.open(
        urllib.request.Request(  # noqa: S310
            first.url + "/accounts/login/",
            data=form,
            headers={"Referer": first.url + "/accounts/login/"},
        ),
        timeout=30,
    ).close()

    with opener.open(second.url + "/console/", timeout=30) as console:
        assert console.status == 200
        assert console.url.endswith("/console/")
