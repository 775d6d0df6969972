"""Sending SMS: an interface, a local stand-in and an HTTP gateway client.

The platform never talks to an operator directly. ``settings.SMS_SENDER`` names
the class to use; the default :class:`LogSmsSender` writes each message to the
log (and keeps it in the database outbox, so that `make demo` users and tests
can read a login code), and :class:`HttpSmsSender` posts JSON to a gateway.
"""

import json
import logging
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SmsSender:
    def send(self, mobile, text):
        raise NotImplementedError


class LogSmsSender(SmsSender):
    """Keeps messages in the local outbox instead of sending them."""

    def send(self, mobile, text):
        from common.models import SmsOutbox

        SmsOutbox.objects.create(mobile=mobile, text=text)
        # The text may carry a sign-in code, which demo users read here; the
        # number itself is never logged whole.
        logger.info(
            "SMS to the number ending %s kept in the local outbox: %s",
            mobile[-4:],
            text,
        )


class HttpSmsSender(SmsSender):
    """Posts ``{"mobile", "text"}`` with a bearer key to ``SMS_GATEWAY_URL``."""

    timeout = 10

    def send(self, mobile, text):
        body = json.dumps({"mobile": mobile, "text": text}).encode()
        request = urllib.request.Request(  # noqa: S310 -- the URL is the operator's setting
            settings.SMS_GATEWAY_URL,
            data=body,
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {settings.SMS_GATEWAY_KEY}",
            },
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            if response.status >= 300:
                raise OSError(f"SMS gateway answered {response.status}")


def get_sender():
    return import_string(settings.SMS_SENDER)()
