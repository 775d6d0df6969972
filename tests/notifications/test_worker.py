"""The database task backend and its worker deliver notifications."""

import signal

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from notifications.models import Notification
from notifications.services import notify
from tests.factories import ResidentFactory

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def _keep_signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; put pytest's back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_keep_signal_handlers")
def test_db_worker_delivers_a_notification_queued_in_the_database(settings):
    settings.TASKS = DATABASE_TASKS
    person = ResidentFactory(mobile="13812345678")

    with transaction.atomic():
        notify(person, title="您的投诉已受理", sms=True)
    queued = DBTaskResult.objects.get()
    assert queued.status == "READY"
    assert Notification.objects.count() == 0

    call_command("db_worker", batch=True, reload=False, startup_delay=False)

    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
    assert Notification.objects.get().title == "您的投诉已受理"


@pytest.mark.django_db(transaction=True)
def test_nothing_is_queued_when_the_change_rolls_back(settings):
    settings.TASKS = DATABASE_TASKS
    person = ResidentFactory()

    with pytest.raises(RuntimeError), transaction.atomic():
        notify(person, title="不会发出")
        raise RuntimeError

    assert DBTaskResult.objects.count() == 0
