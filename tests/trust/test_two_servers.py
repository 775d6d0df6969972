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
from tests.trust.servers import AppServer, free_port, server_env

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def database_url():
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture(scope="module")
def running_servers(django_db_setup, tmp_path_factory):
    """Two gunicorn servers for the module's tests (processes only)."""
    logs = tmp_path_factory.mktemp("servers")
    env = server_env(database_url(), HGJ_MEDIA_ROOT=str(logs / "media"))
    started = []
    try:
        ports = {free_port()}
        while len(ports) < 2:
            ports.add(free_port())
        for port in sorted(ports):
            started.append(AppServer(port, env, workers=2, log_path=logs / f"{port}"))
            started[-1].start()
        yield started
    finally:
        for server in started:
            server.stop()


@pytest.fixture
def servers(running_servers):
    call_command("createcachetable", verbosity=0)
    return running_servers


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


def spread(servers, requests, send, threads=12):
    """Send ``requests`` at once, alternating servers; answers in order."""
    jobs = [
        (servers[index % len(servers)], item) for index, item in enumerate(requests)
    ]
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(lambda job: send(*job), jobs))


def test_the_vote_quota_holds_across_two_servers(servers):
    from bench.votes import create_data
    from showcase.models import Vote

    showcase, work_ids, user_ids, tokens = create_data(20, 6)
    attempts = [
        (token, work_id, f"two-{voter}-{work_id}")
        for voter, token in enumerate(tokens)
        for work_id in work_ids
    ]

    def vote(server, attempt):
        token, work_id, key = attempt
        return call(
            f"{server.url}/api/v1/showcase/works/{work_id}/vote",
            method="POST",
            token=token,
            body={},
            headers={"Idempotency-Key": key},
        )[0]

    statuses = spread(servers, attempts, vote)

    quota = showcase.votes_per_day
    assert statuses.count(200) == quota * len(tokens)
    assert set(statuses) <= {200, 409, 429}
    per_voter = {
        user_id: Vote.objects.filter(showcase=showcase, voter_id=user_id).count()
        for user_id in user_ids
    }
    assert set(per_voter.values()) == {quota}


def test_a_slot_capacity_holds_across_two_servers(servers):
    from types import SimpleNamespace

    from bench.bookings import create_data
    from serviceweek.models import Order, Slot

    tokens, [slot_id] = create_data(
        SimpleNamespace(residents=12, slots=1, slot_capacity=3, team_capacity=100)
    )

    def book(server, token):
        return call(
            f"{server.url}/api/v1/serviceweek/slots/{slot_id}/book",
            method="POST",
            token=token,
            body={},
        )[0]

    statuses = spread(servers, tokens, book)

    assert statuses.count(201) == 3
    assert set(statuses) <= {201, 409}
    slot = Slot.objects.get(pk=slot_id)
    held = Order.objects.filter(
        slot=slot, state__in=["booked", "accepted", "assigned", "in_service"]
    ).count()
    assert (held, slot.booked) == (3, 3)
