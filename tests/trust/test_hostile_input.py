"""A corpus of hostile strings through every free-text field of every JSON
endpoint (from the OpenAPI schema) and every page form (by crawling).

The server never answers 5xx; NUL and a lone surrogate get a clear refusal;
an over-long value is refused with a message, never stored cut short; stored
markup stays text.
"""

import json

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client

from accounts.tokens import issue_token
from common.models import AuditEntry
from hongguanjia.api import api
from tests.trust.conftest import CRAWLED_AS
from tests.trust.hostile import (
    CORPUS,
    JSON_CORPUS,
    LONG,
    NUL_REFUSAL,
    SURROGATE_REFUSAL,
    has_nul,
    has_surrogate,
)
from tests.trust.pages import crawl, parse
from tests.trust.probe_api import probe_api
from tests.trust.requests_from_schema import (
    BINARY,
    body_operations,
    sample,
    string_fields,
)

API_SPEC = api.get_openapi_schema(path_prefix="/api/v1/")
PROBE_SPEC = probe_api.get_openapi_schema(path_prefix="/api/probe/")
TEXT_INPUTS = {"text", "search", "tel", "url", "email", "password", "textarea"}
MAX_FORMS = 60


def _ids(op):
    return "none" if op is None else f"{op[0].upper()} {op[1]}"


def send(client, method, path, media_type, body, *, headers):
    if media_type == "application/json":
        return client.generic(
            method.upper(),
            path,
            data=json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
    data = {
        key: SimpleUploadedFile("f.jpg", b"\xff\xd8\xff") if value is BINARY else value
        for key, value in body.items()
    }
    return client.post(path, data, headers=headers)


def assert_handled(response, value, field, max_length):
    status = response.status_code
    assert status < 500, (field, value[:40], status)
    if has_nul(value):
        assert status == 400
        assert NUL_REFUSAL in response.json()["message"]
        return
    if has_surrogate(value):
        assert status == 400
        assert SURROGATE_REFUSAL in response.json()["message"]
        return
    if max_length and len(value) > max_length:
        assert status >= 400, (field, "an over-long value was accepted")
        if status == 422:
            assert response.json()["fields"], "no message names the field"
        return
    if status < 300 and "json" in response.get("Content-Type", ""):
        answer = response.json()
        if isinstance(answer, dict) and field in answer:
            # Trimming surrounding white space is normalising, not cutting.
            assert answer[field] in (value, value.strip()), (field, "cut short")


def push_corpus_through(spec, operation, people):
    method, path, media_type, schema = operation
    client = Client(raise_request_exception=False)
    for person in people:
        headers = {"Authorization": f"Bearer {issue_token(person)}"}
        corpus = JSON_CORPUS if media_type == "application/json" else CORPUS
        for field, max_length in string_fields(schema, spec):
            for value in corpus:
                body = {**sample(schema, spec), field: value}
                response = send(client, method, path, media_type, body, headers=headers)
                assert_handled(response, value, field, max_length)


def assert_nothing_stored_cut_short():
    """No text column holds a strict prefix of one of the long values."""
    for model in apps.get_models():
        if model is AuditEntry:
            continue  # object_repr is a label cut to length on purpose
        for field in model._meta.get_fields():
            if not isinstance(field, models.CharField | models.TextField):
                continue
            for long in LONG:
                head = long[:40]
                stored = model._default_manager.filter(
                    **{f"{field.name}__startswith": head}
                ).values_list(field.name, flat=True)
                for value in stored:
                    assert value == long, (model, field.name, len(value))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "operation", list(body_operations(API_SPEC)) or [None], ids=_ids
)
def test_hostile_text_through_every_api_field(operation, demo_people):
    if operation is None:
        pytest.skip("the API has no operation with a body yet")
    people = [demo_people[who] for who in ("resident", "city", "company_admin")]
    push_corpus_through(API_SPEC, operation, people)
    assert_nothing_stored_cut_short()


@pytest.mark.django_db
def test_the_harness_pushes_the_corpus_through_a_router_built_like_the_boards(
    settings, demo_people
):
    settings.ROOT_URLCONF = "tests.trust.probe_urls"
    [operation] = body_operations(PROBE_SPEC)
    push_corpus_through(PROBE_SPEC, operation, [demo_people["resident"]])


def form_data(form, field, value):
    data = {}
    for element in form["inputs"]:
        kind = element["type"]
        if not element["name"] or kind in {"submit", "button", "file", "reset"}:
            continue
        if kind in {"checkbox", "radio"} and not element["checked"]:
            continue
        data[element["name"]] = element["value"] or (
            "示例" if element["tag"] == "textarea" or kind in TEXT_INPUTS else ""
        )
    data[field] = value
    return data


def posting_forms(client):
    forms = {}
    for path, response in crawl(client):
        if response.status_code != 200:
            continue
        for form in parse(response.content.decode()).forms:
            if form["method"] != "post":
                continue
            action = form["action"] or path
            text = [
                e["name"]
                for e in form["inputs"]
                if e["name"]
                and e["name"] != "csrfmiddlewaretoken"
                and (e["tag"] == "textarea" or e["type"] in TEXT_INPUTS)
            ]
            if text and action not in forms:
                forms[action] = (form, text)
    return list(forms.items())[:MAX_FORMS]


@pytest.mark.django_db
@pytest.mark.parametrize("who", CRAWLED_AS)
def test_hostile_text_through_every_form(client_as, who):
    client = client_as(who)
    client.raise_request_exception = False
    forms = posting_forms(client)
    if who == "anonymous":
        assert "/accounts/login/" in dict(forms)
    for action, (form, fields) in forms:
        for field in fields:
            for value in CORPUS:
                response = client.post(action, form_data(form, field, value))
                assert response.status_code < 500, (action, field, value[:40])
                if has_nul(value):
                    assert response.status_code == 400
                    assert NUL_REFUSAL in response.content.decode()
        # The person may have been signed out by a form; sign in again.
        client = client_as(who)
        client.raise_request_exception = False
    assert_nothing_stored_cut_short()
    for path, response in crawl(client):
        assert parse(response.content.decode()).injected == [], path
