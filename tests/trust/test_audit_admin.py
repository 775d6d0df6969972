"""The audit log cannot be altered through the application: not by the
model, not by bulk queries, not in the admin."""

import pytest

from common import audit
from common.models import AuditEntry
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry():
    return audit.record("places.estate.update", EstateFactory(), actor=None)


def test_bulk_update_and_delete_are_refused(entry):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="rewritten")
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.all().delete()
    entry.reason = "x"
    with pytest.raises(PermissionDenied):
        AuditEntry.objects.bulk_update([entry], ["reason"])

    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


def test_the_admin_shows_the_log_but_offers_no_change(client, entry):
    admin_user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    base = "/admin/common/auditentry/"

    listing = client.get(base)
    detail = client.get(f"{base}{entry.pk}/change/")
    add = client.get(f"{base}add/")
    delete = client.post(f"{base}{entry.pk}/delete/", {"post": "yes"})
    bulk = client.post(
        base, {"action": "delete_selected", "_selected_action": [entry.pk]}
    )

    assert listing.status_code == 200
    assert "delete_selected" not in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert add.status_code == 403
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()
