"""Lists run the same number of queries for 2 and 12 complaints."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from accounts.tokens import issue_token
from tests.complaints.factories import ComplaintFactory
from tests.factories import ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db


def _queries(client, path, **headers):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path, **headers).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    "path", ["/complaints/console/?state=", "/api/v1/complaints/", "/complaints/"]
)
def test_lists_run_the_same_queries_for_2_and_12_rows(client, path):
    resident = ResidentFactory()
    city = person_with_role(Role.CITY_OFFICER)
    user = resident if path == "/complaints/" else city
    client.force_login(user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}
    for _ in range(2):
        ComplaintFactory(complainant=resident)
    small = _queries(client, path, **headers)

    for _ in range(10):
        ComplaintFactory(complainant=resident)

    assert _queries(client, path, **headers) == small
