"""Signing people in and binding their WeChat identity.

One person is one account: a resident is found by the mobile number they
verified with an SMS code, and a WeChat identity is bound to the person whose
number it verified. A bound WeChat identity signs straight in; one bound to
somebody else is never moved silently.
"""

import logging
import secrets

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from accounts.sms_codes import check_code
from accounts.wechat import get_wechat_client
from common import ratelimit
from common.audit import record
from common.errors import Conflict, DomainError, NotAllowed

logger = logging.getLogger(__name__)

WECHAT_TICKET_SALT = "accounts.wechat-ticket"
WECHAT_TICKET_MAX_AGE = 600


class AccountDisabled(NotAllowed):
    code = "account_disabled"
    default_message = _("This account is disabled; please contact the service desk.")


class PasswordRequired(NotAllowed):
    code = "password_required"
    default_message = _(
        "This account has back-office access; please sign in with your "
        "username and password."
    )


def _check_may_sign_in_without_password(person):
    # A lost or swapped SIM card must not open the back office: people with
    # Django admin access sign in with their password only.
    if not person.is_active:
        raise AccountDisabled
    if person.is_staff or person.is_superuser:
        raise PasswordRequired


class WechatTicketInvalid(DomainError):
    code = "wechat_ticket_invalid"
    status = 400
    default_message = _(
        "The WeChat sign-in has expired; please open the mini-program again."
    )


def sign_in_with_code(mobile, code, *, ip):
    """The person of ``mobile`` once ``code`` is right; created if new.

    Side effects, in order: the code is used up; a new person is created
    with the resident role (audit ``accounts.person.register``); the number
    is marked verified. Raises ``CodeRejected``, :class:`AccountDisabled` or
    :class:`PasswordRequired` (for people with back-office access).
    """
    mobile = check_code(mobile, code, ip=ip)
    with transaction.atomic():
        person, created = _person_of_mobile(mobile)
        _check_may_sign_in_without_password(person)
        person.mobile_verified_at = timezone.now()
        person.save(update_fields=["mobile_verified_at"])
        if created:
            RoleAssignment.objects.create(user=person, role=Role.RESIDENT)
            record(
                "accounts.person.register",
                person,
                actor=person,
                after={"role": Role.RESIDENT.value},
            )
    return person


def _person_of_mobile(mobile):
    person = User.objects.select_for_update().filter(mobile=mobile).first()
    if person is not None:
        return person, False
    try:
        with transaction.atomic():
            person = User(username=f"r{secrets.token_hex(6)}", mobile=mobile)
            person.set_unusable_password()
            person.save()
            return person, True
    except IntegrityError:
        # Two first sign-ins of the same number at once: the other one won.
        return User.objects.get(mobile=mobile), False


WECHAT_LOGINS_PER_IP_PER_MINUTE = 30


def wechat_sign_in(js_code, *, ip):
    """``(person, None)`` for a bound WeChat identity, else ``(None, ticket)``.

    The ticket is a signed (readable, not forgeable) note of the openid,
    valid for ten minutes, that :func:`bind_wechat` accepts together with a
    verified mobile number, so a client can never name an openid itself.
    """
    # Each try costs a call to WeChat, whose quota is the operator's.
    ratelimit.check(
        "wechat-ip", ip or "-", limit=WECHAT_LOGINS_PER_IP_PER_MINUTE, window=60
    )
    session = get_wechat_client().code2session(js_code)
    person = User.objects.filter(wechat_openid=session.openid).first()
    if person is not None:
        _check_may_sign_in_without_password(person)
        return person, None
    ticket = signing.dumps({"openid": session.openid}, salt=WECHAT_TICKET_SALT)
    return None, ticket


def bind_wechat(ticket, *, mobile, code, ip):
    """Bind the WeChat identity of ``ticket`` to the person of ``mobile``.

    The SMS code proves the number; the person is created if new (as in
    :func:`sign_in_with_code`). Refuses with :class:`Conflict` when the
    WeChat identity is bound to someone else or the person to another
    WeChat identity. Audit ``accounts.person.bind_wechat``.
    """
    try:
        openid = signing.loads(
            ticket, salt=WECHAT_TICKET_SALT, max_age=WECHAT_TICKET_MAX_AGE
        )["openid"]
    except (signing.BadSignature, KeyError, TypeError):
        raise WechatTicketInvalid from None

    person = sign_in_with_code(mobile, code, ip=ip)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        if person.wechat_openid == openid:
            return person
        holder = User.objects.filter(wechat_openid=openid).exclude(pk=person.pk)
        if holder.exists():
            raise Conflict(
                _("This WeChat account is already bound to another person."),
                code="wechat_bound_elsewhere",
            )
        if person.wechat_openid:
            raise Conflict(
                _(
                    "This mobile number is already bound to another WeChat "
                    "account; please contact the service desk to change it."
                ),
                code="mobile_bound_to_other_wechat",
            )
        person.wechat_openid = openid
        try:
            with transaction.atomic():
                person.save(update_fields=["wechat_openid"])
        except IntegrityError:
            raise Conflict(
                _("This WeChat account is already bound to another person."),
                code="wechat_bound_elsewhere",
            ) from None
        record("accounts.person.bind_wechat", person, actor=person)
    return person
