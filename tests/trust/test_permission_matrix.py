"""The permission matrix over every page and every API operation.

Every URL pattern and every OpenAPI operation is classified in
``tests/trust/access_map.py``; an unclassified one fails here. With data in
two scopes ("a" and "b", ``permission_world``) and one person of every role:

- every scoped list (page and API) returns exactly the objects whose detail
  view opens for that person;
- the detail of an object of the other scope is refused (403 or 404) with a
  Chinese message and no traceback;
- every scoped write (API operation or form post) at an object of the other
  scope is refused the same way, and no table of the database changes.

The world is built once for the module inside a transaction rolled back at
its end; each test runs in its own savepoint on top of it.
"""

import hashlib
import io
import re

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import translation

from hongguanjia.api import api
from tests.trust import access_map
from tests.trust.access_map import API, DETAIL, LIST, PAGES, V1, WRITE
from tests.trust.pages import parse
from tests.trust.permission_world import (
    MODELS,
    SIDES,
    build_world,
    everyone,
    side_people,
)

pytestmark = pytest.mark.django_db

SCHEMA = api.get_openapi_schema(path_prefix=V1)
CJK = re.compile(r"[\u4e00-\u9fff]")
REFUSED = (403, 404)
# Tables a refused request may touch without changing anything of substance.
UNWATCHED_TABLES = {"django_session"}


# -- what exists ----------------------------------------------------------


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}" if entry.name else route


def site_pages():
    """``{key: route}`` of every URL pattern outside the admin and API routers."""
    pages = {}
    for route, key in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        if key.startswith("api-v1:") and key not in PAGES:
            continue  # an API operation: classified from the schema
        pages[key] = route
    return pages


def api_operations():
    return {
        f"{method.upper()} {path}"
        for path, methods in SCHEMA["paths"].items()
        for method in methods
    }


def test_every_page_is_classified():
    pages = site_pages()
    assert sorted(set(pages) - set(PAGES)) == []
    assert sorted(set(PAGES) - set(pages)) == []


def test_every_api_operation_is_classified():
    operations = api_operations()
    assert sorted(operations - set(API)) == []
    assert sorted(set(API) - operations) == []


def test_every_api_route_is_an_operation_of_the_schema():
    """The API's URL patterns are exactly its schema's operations (plus docs)."""
    names = {key for _route, key in _walk(get_resolver().url_patterns)}
    api_names = {key for key in names if key.startswith("api-v1:")}
    documented = {
        spec["operationId"]
        for methods in SCHEMA["paths"].values()
        for spec in methods.values()
    }
    missing = {
        name
        for name in api_names - set(PAGES)
        if not any(op.endswith(name.removeprefix("api-v1:")) for op in documented)
    }
    assert missing == set()


def test_lists_name_a_classified_detail():
    for table in (PAGES, API):
        for key, access in table.items():
            if access.kind == LIST:
                assert table[access.detail].kind == DETAIL, key
                assert table[access.detail].obj == access.obj, key


# -- the world ------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def clients(world):
    """One signed-in page client per person, made on first use."""
    made = {}

    def get(who):
        if who not in made:
            made[who] = Client()
            made[who].force_login(world.people[who])
        return made[who]

    return get


def api_call(who, world, method, path, *, body=None, files=None):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.tokens[who]}")
    if method == "GET":
        return client.get(path)
    if files is not None:
        return client.post(path, data=files)
    return client.generic(
        method,
        path,
        data=b"" if body is None else _json(body),
        content_type="application/json",
    )


def _json(body):
    import json

    return json.dumps(body)


def snapshot():
    """A digest of every watched table's rows."""
    digests = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in UNWATCHED_TABLES:
                continue
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 -- own names
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def changed_tables(before, after):
    return sorted(t for t in after if before.get(t) != after[t])


def assert_refused(response, *, what):
    assert response.status_code in REFUSED, (what, response.status_code)
    text = response.content.decode()
    assert "Traceback" not in text, what
    if response.get("Content-Type", "").startswith("application/json"):
        text = response.json()["message"]
    assert CJK.search(text), (what, text[:200])


# -- paths ----------------------------------------------------------------


def _fill(template, value):
    return re.sub(r"\{\w+\}", str(value), template, count=1)


def api_path(key, pk=None):
    path = key.split(" ", 1)[1]
    return path if pk is None else _fill(path, pk)


def page_path(name, access, pk=None):
    pattern = next(r for k, r in site_pages().items() if k == name)
    kwargs = dict(access.kwargs)
    for param in re.findall(r"<(?:\w+:)?(\w+)>", pattern):
        if param not in kwargs:
            kwargs[param] = pk
    return reverse(name, kwargs=kwargs)


def _pk_of(path, detail_name):
    try:
        match = resolve(path.split("?")[0])
    except Resolver404:
        return None
    if match.view_name != detail_name:
        return None
    return next(iter(match.kwargs.values()))


def listed_on_page(html, detail_name):
    pks = set()
    for href in parse(html).links:
        pk = _pk_of(href, detail_name)
        if pk is not None:
            pks.add(int(pk))
    return pks


def listed_in_api(body):
    items = body["items"] if isinstance(body, dict) else body
    return {item["id"] for item in items}


def every_pk(obj):
    return sorted(MODELS[obj].objects.values_list("pk", flat=True))


# -- lists equal what their details open ----------------------------------


def compared_people(access):
    if not access.only:
        return everyone()
    return [who for who in everyone() if who.rsplit("_", 1)[0] in access.only]


PAGE_LISTS = sorted(k for k, a in PAGES.items() if a.kind == LIST)
API_LISTS = sorted(k for k, a in API.items() if a.kind == LIST)


@pytest.mark.parametrize("name", PAGE_LISTS)
def test_page_list_equals_what_its_detail_opens(world, clients, name):
    access = PAGES[name]
    detail_access = PAGES[access.detail]
    for who in compared_people(access):
        client = clients(who)
        response = client.get(reverse(name) + access.query)
        listed = (
            listed_on_page(response.content.decode(), access.detail)
            if response.status_code == 200
            else set()
        )
        opened = set()
        for pk in every_pk(access.obj):
            answer = client.get(page_path(access.detail, detail_access, pk))
            if answer.status_code == 200:
                opened.add(pk)
            else:
                assert_refused(answer, what=(who, access.detail, pk))
        assert listed == opened, (who, name)


@pytest.mark.parametrize("key", API_LISTS)
def test_api_list_equals_what_its_detail_opens(world, key):
    access = API[key]
    for who in compared_people(access):
        response = api_call(who, world, "GET", api_path(key))
        listed = (
            listed_in_api(response.json()) if response.status_code == 200 else set()
        )
        opened = set()
        for pk in every_pk(access.obj):
            answer = api_call(who, world, "GET", api_path(access.detail, pk))
            if answer.status_code == 200:
                opened.add(pk)
            else:
                assert_refused(answer, what=(who, access.detail, pk))
        assert listed == opened, (who, key)


# -- the other scope is refused -------------------------------------------


def _other_side_pk(world, who, obj):
    side = who.rsplit("_", 1)[1]
    return world.objects.get((world.other(side), obj))


def _details(table):
    return sorted(k for k, a in table.items() if a.kind == DETAIL and not a.covered_by)


@pytest.mark.parametrize("name", _details(PAGES))
def test_page_detail_outside_the_scope_is_refused(world, clients, name):
    access = PAGES[name]
    for who in side_people():
        pk = _other_side_pk(world, who, access.obj)
        response = clients(who).get(page_path(name, access, pk))
        assert_refused(response, what=(who, name))


@pytest.mark.parametrize("key", _details(API))
def test_api_detail_outside_the_scope_is_refused(world, key):
    access = API[key]
    for who in side_people():
        pk = _other_side_pk(world, who, access.obj)
        response = api_call(who, world, "GET", api_path(key, pk))
        assert_refused(response, what=(who, key))


def _body_for(world, who, body, *, own=False):
    """``body`` with each ``{kind}`` placeholder set to the other side's object
    (to the person's own side's with ``own``)."""
    side = who.rsplit("_", 1)[1]
    side = side if own else world.other(side)

    def value(item):
        if isinstance(item, str) and re.fullmatch(r"\{\w+\}", item):
            kind = item[1:-1]
            if kind in world.shared:
                return world.shared[kind]
            if kind == "resident_mobile":
                return world.people[f"resident_{side}"].mobile
            return world.objects[(side, kind)]
        return item

    return {name: value(item) for name, item in (body or {}).items()}


def _writes(table):
    return sorted(k for k, a in table.items() if a.kind == WRITE)


@pytest.mark.parametrize("key", _writes(API))
def test_api_write_outside_the_scope_changes_nothing(world, key):
    access = API[key]
    method, _path = key.split(" ", 1)
    for who in side_people():
        pk = _other_side_pk(world, who, access.obj) if access.obj else None
        path = api_path(key, pk)
        before = snapshot()
        if access.body == "file":
            photo = io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
            photo.name = "photo.png"
            response = api_call(who, world, method, path, files={"file": photo})
        else:
            response = api_call(
                who, world, method, path, body=_body_for(world, who, access.body)
            )
        assert_refused(response, what=(who, key))
        assert changed_tables(before, snapshot()) == [], (who, key)


@pytest.mark.parametrize("name", _writes(PAGES))
def test_form_post_outside_the_scope_changes_nothing(world, clients, name):
    access = PAGES[name]
    for who in side_people():
        pk = _other_side_pk(world, who, access.obj) if access.obj else None
        client = clients(who)
        before = snapshot()
        response = client.post(
            page_path(name, access, pk), _body_for(world, who, access.body)
        )
        if access.refused_with and response.status_code == 200:
            with translation.override("zh-hans"):
                message = translation.gettext(access.refused_with)
            assert message in response.content.decode(), (who, name)
        else:
            assert_refused(response, what=(who, name))
        assert changed_tables(before, snapshot()) == [], (who, name)


def test_the_matrix_separates_the_scopes(world, clients):
    """Each side's company admin lists its own complaint and order, not the
    other's, so the equalities above compare different, non-empty sets."""
    for side in ("a", "b"):
        who = f"company_admin_{side}"
        queue = clients(who).get(reverse("complaints:queue") + "?state=")
        listed = listed_on_page(queue.content.decode(), "complaints:console_detail")
        assert listed == {world.objects[(side, "complaint")]}
        orders = api_call(who, world, "GET", "/api/v1/serviceweek/orders").json()
        assert {o["id"] for o in orders} == {
            world.objects[(side, "order")],
            world.objects[(side, "completed_order")],
            world.objects[(side, "rated_order")],
        }


def test_the_kinds_are_all_known():
    for table in (PAGES, API):
        for access in table.values():
            assert access.kind in access_map.KINDS


# -- nobody signed in -----------------------------------------------------

GUARDED = {access_map.OWN, LIST, DETAIL, WRITE, access_map.ROLE}


def _guarded(table):
    return sorted(
        k for k, a in table.items() if a.kind in GUARDED and not a.public_part
    )


def _params(pattern):
    return re.findall(r"<(?:\w+:)?(\w+)>", pattern)


@pytest.mark.parametrize("name", _guarded(PAGES))
def test_a_guarded_page_sends_an_anonymous_visitor_to_sign_in(world, client, name):
    access = PAGES[name]
    pattern = site_pages()[name]
    kwargs = dict(access.kwargs)
    for param in _params(pattern):
        kwargs.setdefault(param, world.objects.get(("a", access.obj), 1))
    path = reverse(name, kwargs=kwargs)
    response = client.post(path) if access.kind == WRITE else client.get(path)
    if response.status_code == 302:
        sign_in = (resolve_url(settings.LOGIN_URL), reverse("accounts:login"))
        assert response["Location"].startswith(sign_in), name
    else:
        assert_refused(response, what=name)


@pytest.mark.parametrize("key", _guarded(API))
def test_a_guarded_operation_refuses_an_anonymous_caller(world, client, key):
    method, path = key.split(" ", 1)
    path = re.sub(r"\{\w+\}", "1", path)
    before = snapshot()
    response = client.generic(method, path, data=b"{}", content_type="application/json")
    assert response.status_code == 401, key
    assert CJK.search(response.json()["message"]), key
    assert changed_tables(before, snapshot()) == [], key


@pytest.mark.parametrize(
    "key", sorted(k for k, a in API.items() if a.kind == LIST and a.public_part)
)
def test_a_public_part_is_what_an_anonymous_caller_opens(world, client, key):
    access = API[key]
    listed = listed_in_api(client.get(api_path(key)).json())
    opened = set()
    for pk in every_pk(access.obj):
        answer = client.get(api_path(access.detail, pk))
        if answer.status_code == 200:
            opened.add(pk)
        else:
            assert_refused(answer, what=(access.detail, pk))
    assert listed == opened
    assert listed == {world.objects[(side, "approved_work")] for side in SIDES}


# -- the same writes succeed in their own scope ---------------------------


def _allowed(table):
    return sorted(k for k, a in table.items() if a.kind == WRITE and a.allowed)


def _own(world, who, access):
    side = who.rsplit("_", 1)[1]
    pk = world.objects[(side, access.obj)] if access.obj else None
    return pk, _body_for(world, who, access.body, own=True)


@pytest.mark.parametrize("key", _allowed(API))
def test_the_api_write_succeeds_in_its_own_scope(world, key):
    """The requests refused above are valid: in the person's own scope the
    same request goes through and changes the database."""
    access = API[key]
    who = f"{access.allowed}_a"
    pk, body = _own(world, who, access)
    before = snapshot()
    response = api_call(who, world, key.split(" ")[0], api_path(key, pk), body=body)
    assert response.status_code < 300, (key, response.content.decode()[:300])
    assert changed_tables(before, snapshot()) != [], key


@pytest.mark.parametrize("name", _allowed(PAGES))
def test_the_form_post_succeeds_in_its_own_scope(world, clients, name):
    access = PAGES[name]
    who = f"{access.allowed}_a"
    pk, body = _own(world, who, access)
    before = snapshot()
    response = clients(who).post(page_path(name, access, pk), body)
    assert response.status_code in (200, 302), name
    assert changed_tables(before, snapshot()) != [], name


# -- pages without a detail never show the other scope --------------------


def _unparametrised(kinds):
    pages = site_pages()
    return sorted(
        name
        for name, access in PAGES.items()
        if access.kind in kinds
        and not _params(pages[name])
        and not access.picks_any_estate
    )


def _page_text(response):
    if "spreadsheetml" in response.get("Content-Type", ""):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
            if cell is not None
        )
    return response.content.decode(errors="replace")


@pytest.mark.parametrize(
    "name", _unparametrised({access_map.OWN, LIST, access_map.ROLE})
)
def test_a_scoped_page_or_export_never_names_the_other_scopes_estate(
    world, clients, name
):
    """Consoles, exports and lists without a detail of their own (care
    households, follow-ups, figures) show a person only their scope: the
    other side's estate is never named on them."""
    from places.models import Estate

    for who in side_people():
        other = world.other(who.rsplit("_", 1)[1])
        estate = Estate.objects.get(pk=world.objects[(other, "estate")])
        response = clients(who).get(reverse(name))
        if response.status_code != 200:
            continue
        assert estate.name not in _page_text(response), (who, name)


def test_those_pages_name_their_own_scopes_estate(world, clients):
    """The check above compares something: the same pages name the
    person's own estate."""
    from places.models import Estate

    estate = Estate.objects.get(pk=world.objects[("a", "estate")])
    client = clients("company_admin_a")
    for name in (
        "places:estate_export",
        "serviceweek:care",
        "serviceweek:care_xlsx",
        "serviceweek:follow_ups",
        "complaints:queue",
    ):
        assert estate.name in _page_text(client.get(reverse(name))), name
