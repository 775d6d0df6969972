import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import Role
from tests.campaign.factories import TaskFactory
from tests.factories import EstateFactory, PropertyCompanyFactory, person_with_role

pytestmark = pytest.mark.django_db


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


@pytest.mark.parametrize(
    ("path", "make"),
    [
        ("/places/estates/", EstateFactory),
        ("/organizations/companies/", PropertyCompanyFactory),
        ("/campaign/tasks/", lambda: TaskFactory(due_on=dt.date(2026, 5, 1))),
    ],
)
def test_list_pages_run_the_same_queries_for_2_and_20_rows(client, path, make):
    client.force_login(person_with_role(Role.CITY_OFFICER))
    for _ in range(2):
        make()
    small = _queries(client, path)

    for _ in range(18):
        make()

    assert _queries(client, path) == small
