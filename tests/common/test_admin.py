import datetime as dt

import pytest

from common import audit
from common.models import AuditEntry, CalendarOverride
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return client


def test_an_administrator_adds_a_calendar_override(admin_client):
    response = admin_client.post(
        "/admin/common/calendaroverride/add/",
        {"date": "2027-10-01", "is_working_day": "", "note": "国庆节"},
    )

    assert response.status_code == 302
    assert CalendarOverride.objects.get().date == dt.date(2027, 10, 1)


def test_audit_log_is_listed_and_shown_read_only(admin_client):
    entry = audit.record("places.estate.update", EstateFactory(), actor=None)

    listing = admin_client.get("/admin/common/auditentry/")
    detail = admin_client.get(f"/admin/common/auditentry/{entry.pk}/change/")

    assert listing.status_code == 200
    assert "places.estate.update" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="action"' not in detail.content.decode()


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/admin/common/auditentry/add/"),
        ("post", "/admin/common/auditentry/{pk}/change/"),
        ("post", "/admin/common/auditentry/{pk}/delete/"),
    ],
)
def test_audit_log_cannot_be_added_changed_or_deleted(admin_client, method, path):
    entry = audit.record("x.y", EstateFactory(), actor=None)

    response = getattr(admin_client, method)(
        path.format(pk=entry.pk), {"action": "changed", "post": "yes"}
    )

    assert response.status_code == 403
    assert AuditEntry.objects.get().action == "x.y"
