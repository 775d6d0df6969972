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


def test_calendar_override_changes_in_the_admin_are_audited(admin_client):
    override = CalendarOverride.objects.create(
        date=dt.date(2027, 10, 1), is_working_day=False
    )

    admin_client.post(
        f"/admin/common/calendaroverride/{override.pk}/change/",
        {"date": "2027-10-01", "is_working_day": "on", "note": "调休"},
    )

    entry = audit.history_of(override).get()
    assert entry.action == "common.calendaroverride.admin_change"
    assert entry.before == {"is_working_day": False, "note": ""}
    assert entry.after == {"is_working_day": True, "note": "调休"}


def test_an_estate_edited_in_the_admin_shows_it_in_its_history(admin_client):
    estate = EstateFactory(households=100)

    admin_client.post(
        f"/admin/places/estate/{estate.pk}/change/",
        {
            "name": estate.name,
            "address": estate.address,
            "community": estate.community.pk,
            "households": 120,
            "buildings": estate.buildings,
            "company": estate.company.pk,
        },
    )

    entry = audit.history_of(estate).get()
    assert (entry.action, entry.before, entry.after) == (
        "places.estate.admin_change",
        {"households": 100},
        {"households": 120},
    )


def test_deleting_in_the_admin_is_audited(admin_client):
    override = CalendarOverride.objects.create(
        date=dt.date(2027, 5, 1), is_working_day=False
    )

    admin_client.post(
        f"/admin/common/calendaroverride/{override.pk}/delete/", {"post": "yes"}
    )

    assert not CalendarOverride.objects.exists()
    assert AuditEntry.objects.get().action == "common.calendaroverride.admin_delete"
