import pytest
from django.db import transaction

from common.models import SmsOutbox
from notifications.models import Notification
from notifications.services import mark_all_read, mark_read, notify
from tests.factories import ResidentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_notify_delivers_only_after_commit(django_capture_on_commit_callbacks):
    person = ResidentFactory()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(person, title="您的投诉已受理", body="编号 001", url="/complaints/1")
        assert Notification.objects.count() == 0

    assert len(callbacks) == 1
    message = Notification.objects.get()
    assert (message.recipient, message.title, message.url) == (
        person,
        "您的投诉已受理",
        "/complaints/1",
    )


def test_notify_sends_nothing_when_the_change_rolls_back(
    django_capture_on_commit_callbacks,
):
    person = ResidentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                notify(person, title="不会发出", sms=True)
                raise RuntimeError
        except RuntimeError:
            pass

    assert Notification.objects.count() == 0
    assert SmsOutbox.objects.count() == 0


def test_notify_goes_through_the_task_interface(
    settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    person = ResidentFactory()

    with django_capture_on_commit_callbacks(execute=True):
        notify(person, title="标题", body="内容", url="/x", sms=True)

    (result,) = default_task_backend.results
    assert result.task.name == "deliver_notification"
    assert result.args == [person.pk, "标题", "内容", "/x", True]
    assert Notification.objects.count() == 0


def test_notify_with_sms_sends_the_title_by_sms(django_capture_on_commit_callbacks):
    person = ResidentFactory(mobile="13812345678")

    with django_capture_on_commit_callbacks(execute=True):
        notify(person, title="服务订单已完成", sms=True)

    sms = SmsOutbox.objects.get()
    assert sms.mobile == "13812345678"
    assert sms.text == "【红管家】服务订单已完成"


def test_notify_without_sms_sends_no_sms(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(ResidentFactory(), title="站内消息")

    assert SmsOutbox.objects.count() == 0


def test_notify_with_sms_to_a_person_without_mobile_keeps_the_inbox_message(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(UserFactory(), title="站内消息", sms=True)

    assert Notification.objects.count() == 1
    assert SmsOutbox.objects.count() == 0


def test_mark_read_leaves_other_peoples_messages_alone():
    owner, other = ResidentFactory(), ResidentFactory()
    message = Notification.objects.create(recipient=owner, title="t")

    mark_read(message, actor=other)

    message.refresh_from_db()
    assert message.read_at is None


def test_mark_all_read_marks_only_own_messages():
    owner, other = ResidentFactory(), ResidentFactory()
    Notification.objects.create(recipient=owner, title="a")
    Notification.objects.create(recipient=owner, title="b")
    theirs = Notification.objects.create(recipient=other, title="c")

    assert mark_all_read(actor=owner) == 2

    theirs.refresh_from_db()
    assert theirs.read_at is None
