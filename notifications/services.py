from django.db import transaction
from django.utils import timezone

from notifications.selectors import notifications_visible_to


def notify(recipient, *, title, body="", url="", sms=False):
    """Tell ``recipient`` something, once the current transaction commits.

    Nothing is sent for a change that is rolled back. ``title`` and ``body``
    are rendered text (already translated); the inbox row and the SMS are
    made by a background task, so a slow SMS gateway never holds a request.
    """
    from notifications.tasks import deliver_notification

    args = (recipient.pk, str(title), str(body), str(url), bool(sms))
    transaction.on_commit(lambda: deliver_notification.enqueue(*args))


def mark_read(notification, *, actor):
    """Mark one of ``actor``'s own messages read; others' are left alone."""
    if notification.recipient_id != actor.pk:
        return
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def mark_all_read(*, actor):
    return (
        notifications_visible_to(actor)
        .filter(read_at__isnull=True)
        .update(read_at=timezone.now())
    )
