import logging

from django_tasks import task

from accounts.models import User
from common.sms import get_sender
from notifications.models import Notification

logger = logging.getLogger(__name__)


@task()
def deliver_notification(recipient_id, title, body, url, sms):
    """Put one message in the inbox and, if asked, send it by SMS."""
    recipient = User.objects.filter(pk=recipient_id).first()
    if recipient is None:
        logger.warning("notification for a person who no longer exists dropped")
        return
    Notification.objects.create(recipient=recipient, title=title, body=body, url=url)
    if sms and recipient.mobile:
        get_sender().send(recipient.mobile, f"【红管家】{title}")
