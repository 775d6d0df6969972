"""Schemathesis fuzzing of the API against its own OpenAPI schema.

Every operation, unauthenticated and with the bearer token of a resident and
of a city officer, positive and negative data: no 5xx, every answer conforms
to the schema, every error is the one envelope with the request's id.
"""

import pytest
from schemathesis import GenerationMode

from accounts.roles import Role
from accounts.tokens import issue_token
from hongguanjia.api import api
from tests.factories import ResidentFactory, person_with_role
from tests.trust import fuzzing
from tests.trust.probe_api import probe_api

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_db_connection")]

SCHEMA = fuzzing.load_schema(api, "/api/v1/")
PROBE_SCHEMA = fuzzing.load_schema(probe_api, "/api/probe/")
LABELS = fuzzing.operation_labels(SCHEMA) or [None]
WHO = ["anonymous", "resident", "city_officer"]
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
# Every identity with valid data; invalid data once per operation, by a
# signed-in person, so that it reaches the validation behind authentication.
RUNS = [(who, GenerationMode.POSITIVE) for who in WHO] + [
    ("resident", GenerationMode.NEGATIVE)
]


def bearer_headers(who):
    if who == "anonymous":
        return {}
    if who == "resident":
        user = ResidentFactory()
    else:
        user = person_with_role(Role.CITY_OFFICER)
    return {"Authorization": f"Bearer {issue_token(user)}"}


@pytest.mark.parametrize(("who", "mode"), RUNS, ids=lambda v: getattr(v, "value", v))
@pytest.mark.parametrize("label", LABELS)
def test_api_operation_survives_fuzzing(label, who, mode):
    if label is None:
        pytest.skip("the API has no operations yet")
    operation = fuzzing.operation_named(SCHEMA, label)
    fuzzing.fuzz(operation, headers=bearer_headers(who), mode=mode)


@pytest.mark.parametrize("mode", MODES, ids=lambda m: m.value)
@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("label", fuzzing.operation_labels(PROBE_SCHEMA))
def test_harness_fuzzes_a_router_built_like_the_boards(settings, label, who, mode):
    settings.ROOT_URLCONF = "tests.trust.probe_urls"
    operation = fuzzing.operation_named(PROBE_SCHEMA, label)
    fuzzing.fuzz(operation, headers=bearer_headers(who), mode=mode)


def test_the_schema_lists_the_error_envelope_for_every_error_status():
    for path, methods in SCHEMA.raw_schema["paths"].items():
        for method, spec in methods.items():
            for status in ("401", "403", "404", "422"):
                assert status in spec["responses"], (method, path, status)
