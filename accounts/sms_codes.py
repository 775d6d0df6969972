"""One-time sign-in codes sent by SMS.

Rules: a code has six digits, is valid for :data:`CODE_LIFETIME` and allows
:data:`MAX_TRIES` wrong tries; a number gets a new code at most once per
:data:`RESEND_INTERVAL` and :data:`SENDS_PER_HOUR` times an hour; one client
address may ask :data:`SENDS_PER_IP_PER_HOUR` times an hour and try
:data:`CHECKS_PER_IP_PER_HOUR` codes an hour (whatever the numbers). Codes are
stored as an HMAC keyed with ``SECRET_KEY``, so the table alone does not give
them away. Counters live in the shared cache (``common.ratelimit``).
"""

import datetime as dt
import hashlib
import hmac
import logging
import math
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import SmsCode
from common import ratelimit
from common.errors import DomainError
from common.sms import get_sender
from common.validators import MOBILE_RE, normalize_mobile

logger = logging.getLogger(__name__)

CODE_LIFETIME = dt.timedelta(minutes=5)
MAX_TRIES = 5
RESEND_INTERVAL = 60
SENDS_PER_HOUR = 5
SENDS_PER_IP_PER_HOUR = 20
CHECKS_PER_IP_PER_HOUR = 60


class InvalidMobile(DomainError):
    code = "invalid_mobile"
    status = 422
    default_message = _("Enter a valid 11-digit mainland mobile number.")


class CodeRejected(DomainError):
    code = "code_rejected"
    status = 400
    default_message = _("The code is not correct.")


class SmsNotSent(DomainError):
    code = "sms_not_sent"
    status = 400
    default_message = _("The code could not be sent just now; please try again later.")


def clean_mobile(value):
    """The 11-digit form of ``value``; :class:`InvalidMobile` if it is none."""
    mobile = normalize_mobile(value)
    if not MOBILE_RE.fullmatch(mobile):
        raise InvalidMobile(fields={"mobile": [InvalidMobile.default_message]})
    return mobile


def _keyed(*parts):
    message = ":".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _digest(mobile, code):
    return _keyed("sms-code", mobile, code)


def send_code(mobile, *, ip):
    """Send a new sign-in code to ``mobile``; returns the seconds until a resend.

    Refuses with :class:`common.ratelimit.RateLimited` (and a message saying
    how long to wait) when the number or the client address asked too often.
    Earlier codes of the number stop working.
    """
    mobile = clean_mobile(mobile)
    number_key = _keyed("sms-number", mobile)[:32]
    if not cache.add(f"sms-resend:{number_key}", 1, timeout=RESEND_INTERVAL):
        wait = _seconds_until_resend(mobile)
        raise ratelimit.RateLimited(
            ngettext(
                "A code was sent just now; you can ask again in %(seconds)d second.",
                "A code was sent just now; you can ask again in %(seconds)d seconds.",
                wait,
            )
            % {"seconds": wait}
        )
    try:
        ratelimit.check(
            "sms-ip",
            ip or "-",
            limit=SENDS_PER_IP_PER_HOUR,
            window=3600,
            message=_("Too many codes were asked from this network; try again later."),
        )
        ratelimit.check(
            "sms-number",
            number_key,
            limit=SENDS_PER_HOUR,
            window=3600,
            message=_(
                "This number has received the most codes allowed in an hour; "
                "please try again later."
            ),
        )
    except ratelimit.RateLimited:
        # Nothing was sent, so the 60-second wait would only mislead.
        cache.delete(f"sms-resend:{number_key}")
        raise

    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    with transaction.atomic():
        SmsCode.objects.filter(mobile=mobile, used_at__isnull=True).update(
            expires_at=now
        )
        SmsCode.objects.create(
            mobile=mobile, digest=_digest(mobile, code), expires_at=now + CODE_LIFETIME
        )
    minutes = int(CODE_LIFETIME.total_seconds() // 60)
    text = _(
        "【Red Steward】Your sign-in code is %(code)s, valid for %(minutes)d "
        "minutes. Do not tell it to anyone."
    ) % {"code": code, "minutes": minutes}
    try:
        get_sender().send(mobile, str(text))
    except OSError:
        logger.warning("the SMS gateway refused or did not answer a sign-in code")
        cache.delete(f"sms-resend:{number_key}")
        raise SmsNotSent from None
    return RESEND_INTERVAL


def _seconds_until_resend(mobile):
    latest = SmsCode.objects.filter(mobile=mobile).order_by("-created_at").first()
    if latest is None:
        return RESEND_INTERVAL
    left = RESEND_INTERVAL - (timezone.now() - latest.created_at).total_seconds()
    return max(1, math.ceil(left))


def check_code(mobile, code, *, ip):
    """Use up the current code of ``mobile`` if ``code`` matches it.

    Returns the cleaned number. Raises :class:`CodeRejected` with the reason
    (no code, expired, too many tries, wrong code and how many tries are left).
    A wrong try is counted before the comparison, so concurrent guesses cannot
    exceed :data:`MAX_TRIES`; a right code can be used once.
    """
    mobile = clean_mobile(mobile)
    ratelimit.check(
        "sms-check-ip",
        ip or "-",
        limit=CHECKS_PER_IP_PER_HOUR,
        window=3600,
        message=_("Too many codes were tried from this network; try again later."),
    )
    now = timezone.now()
    current = (
        SmsCode.objects.filter(mobile=mobile, used_at__isnull=True)
        .order_by("-created_at", "-id")
        .first()
    )
    if current is None or current.expires_at <= now:
        raise CodeRejected(
            _("The code has expired or was never sent; please ask for a new one."),
            code="code_expired",
        )
    counted = SmsCode.objects.filter(pk=current.pk, attempts__lt=MAX_TRIES).update(
        attempts=F("attempts") + 1
    )
    if not counted:
        raise CodeRejected(
            _("The code was entered wrongly too many times; please ask for a new one."),
            code="code_exhausted",
        )
    code = str(code or "").strip()
    if hmac.compare_digest(current.digest, _digest(mobile, code)):
        used = SmsCode.objects.filter(pk=current.pk, used_at__isnull=True).update(
            used_at=now, attempts=F("attempts") - 1
        )
        if used:
            return mobile
        raise CodeRejected(
            _("The code has expired or was never sent; please ask for a new one."),
            code="code_expired",
        )
    left = MAX_TRIES - (current.attempts + 1)
    if left <= 0:
        raise CodeRejected(
            _("The code was entered wrongly too many times; please ask for a new one."),
            code="code_exhausted",
        )
    raise CodeRejected(
        ngettext(
            "The code is not correct; %(left)d try left.",
            "The code is not correct; %(left)d tries left.",
            left,
        )
        % {"left": left},
        code="code_wrong",
    )
