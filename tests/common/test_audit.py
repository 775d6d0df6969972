import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from common import audit
from common.models import AuditEntry
from tests.factories import EstateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_record_keeps_actor_before_and_after():
    actor = UserFactory()
    estate = EstateFactory(households=100)

    audit.record(
        "places.estate.update",
        estate,
        actor=actor,
        before={"households": 100},
        after={"households": 120},
    )

    entry = audit.history_of(estate).get()
    assert (entry.actor, entry.action) == (actor, "places.estate.update")
    assert (entry.before, entry.after) == ({"households": 100}, {"households": 120})


def test_the_application_refuses_to_change_or_delete_an_entry():
    entry = audit.record("x.y", EstateFactory(), actor=None)

    entry.reason = "rewritten"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()

    assert AuditEntry.objects.get(pk=entry.pk).reason == ""


@pytest.mark.postgres
def test_postgres_trigger_refuses_update_and_delete_behind_the_orm():
    entry = audit.record("x.y", EstateFactory(), actor=None)

    for statement in (
        "UPDATE common_auditentry SET reason = 'x'",
        "DELETE FROM common_auditentry",
    ):
        with (
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)

    assert AuditEntry.objects.filter(pk=entry.pk, reason="").exists()
