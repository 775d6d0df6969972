"""Schemathesis over the ninja API, in-process through the WSGI application.

The schema is the one the API serves (``api.get_openapi_schema``), so every
endpoint a board adds is fuzzed without listing it here. Examples are bounded
per operation and derandomized, so a run is repeatable.
"""

import json

import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

ENVELOPE_KEYS = {"code", "message", "fields", "request_id"}
MAX_EXAMPLES = 12

CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def load_schema(api, prefix):
    """The schemathesis schema of ``api`` mounted at ``prefix``, wired to WSGI."""
    raw = api.get_openapi_schema(path_prefix=prefix)
    schema = schemathesis.openapi.from_dict(json.loads(json.dumps(raw)))
    schema.app = get_wsgi_application()
    return schema


def operation_labels(schema):
    return [result.ok().label for result in schema.get_all_operations()]


def operation_named(schema, label):
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label == label:
            return operation
    raise LookupError(label)


def assert_error_envelope(response):
    """An error answer is the one envelope, carrying the request's id."""
    if response.status_code < 400:
        return
    body = response.json()
    assert set(body) == ENVELOPE_KEYS, body
    assert isinstance(body["code"], str)
    assert body["code"]
    assert isinstance(body["message"], str)
    assert body["message"]
    assert isinstance(body["fields"], dict)
    header = response.headers.get("x-request-id")
    header = header[0] if isinstance(header, list) else header
    assert body["request_id"]
    assert body["request_id"] == header


def fuzz(operation, *, headers, mode, max_examples=MAX_EXAMPLES):
    """Run ``max_examples`` generated requests against ``operation``."""
    checks = list(CHECKS)
    if mode is GenerationMode.NEGATIVE:
        checks.append(negative_data_rejection)

    @settings(
        max_examples=max_examples,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        response = case.call(headers=headers)
        case.validate_response(response, checks=checks, headers=headers)
        assert_error_envelope(response)

    try:
        run()
    except Unsatisfiable:
        if mode is not GenerationMode.NEGATIVE:
            raise
        # An operation that takes no input has nothing to negate.
