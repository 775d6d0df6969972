"""Every answer of the sign-in and inbox API matches its OpenAPI schema.

Schemathesis generates requests from the schema, valid and invalid, and checks
status codes, content types and bodies against what the schema declares, and
that nothing fails on the server. Requests that are well formed but wrong in
meaning (an unknown code, a ticket, a number that is no mobile number) are
refused with a declared error, so "valid data is accepted" is not checked.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from accounts.tokens import issue_token
from hongguanjia.wsgi import application
from notifications.models import Notification
from tests.factories import ResidentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("keep_db_connection")]


def _operations():
    loaded = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    chosen = loaded.include(path_regex="^/api/v1/(accounts|notifications)/")
    return [result.ok() for result in chosen.get_all_operations()]


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "bearer"])
def test_api_answers_match_the_schema(signed_in):
    operations = _operations()
    assert len(operations) == 10
    headers = {}
    if signed_in:
        person = ResidentFactory()
        Notification.objects.create(recipient=person, title="消息")
        headers = {"Authorization": f"Bearer {issue_token(person)}"}

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=10,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            cache.clear()
            case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )

        check()
