"""Writes of complaints: intake and routing. Handling is in ``handling``."""

import datetime as dt
import logging
import uuid

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from accounts.permissions import can
from common import audit, ratelimit
from common.errors import Conflict, DomainError, NotAllowed
from common.transitions import transition
from common.uploads import check_size
from complaints.deadlines import SHANGHAI, NoPolicy, compute_deadlines, policy_in_force
from complaints.enums import TRANSITIONS, Category, Channel, State
from complaints.models import Complaint, ComplaintPhoto
from notifications.services import notify

logger = logging.getLogger(__name__)

# A second identical complaint within this time is the first one again.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)
MAX_PHOTOS = 6
MAX_DESCRIPTION = 2000
PHOTO_LIMIT_MB = 10


class InvalidComplaint(DomainError):
    code = "invalid_complaint"
    status = 422
    default_message = gettext_lazy("Please describe the problem.")


def _clean_text(text):
    return " ".join((text or "").split())


def submit_complaint(
    estate,
    *,
    actor,
    category,
    description,
    channel=Channel.MOBILE,
    complainant=None,
    idempotency_key=None,
    service_week_order_id=None,
    photos=(),
):
    """Receive a complaint about ``estate`` and route it; ``(complaint, created)``.

    With ``complainant`` set, ``actor`` is a staff member entering a hotline
    complaint on that person's behalf (recorded as ``entered_by``).

    Idempotent: a known ``idempotency_key`` returns the complaint it made, and
    the same complainant, estate and text within ``DUPLICATE_WINDOW`` returns
    the earlier complaint; both are decided under a lock on the complainant's
    row, so a double tap cannot make two. Side effects of a new complaint, in
    order: the row and its photos are saved, the audit entries
    ``complaints.complaint.receive`` and ``.route`` are written, and after
    commit the complainant is told where it went and by when it will be
    answered.
    """
    description = description or ""
    _validate_intake(category, description, photos)
    entered_by = None
    if complainant is None:
        complainant = actor
        if not can(actor, "complaints.submit", estate):
            raise NotAllowed()
    else:
        if not can(actor, "complaints.enter_for_resident", estate):
            raise NotAllowed()
        entered_by, channel = actor, Channel.HOTLINE
    # Hotline operators enter calls all day; residents rarely need 20 an hour.
    # The limit is checked before a retry is recognised, so a retry past it
    # is refused rather than answered with the earlier complaint.
    limit = 300 if entered_by else 20
    ratelimit.check("complaints.submit", actor.pk, limit=limit, window=3600)

    with transaction.atomic():
        User.objects.select_for_update().filter(pk=complainant.pk).first()
        existing = _existing(complainant, estate, description, idempotency_key)
        if existing is not None:
            return existing, False
        now = timezone.now()
        try:
            policy = policy_in_force(category, now)
        except NoPolicy:
            logger.warning("no complaint deadline policy for %s", category)
            raise DomainError(
                _("Complaints of this category cannot be received yet."),
                code="no_policy",
            ) from None
        try:
            with transaction.atomic():
                complaint = Complaint.objects.create(
                    complainant=complainant,
                    entered_by=entered_by,
                    channel=channel,
                    estate=estate,
                    category=category,
                    description=description,
                    service_week_order_id=service_week_order_id,
                    idempotency_key=idempotency_key or None,
                    subdistrict_id=estate.subdistrict_id,
                    policy=policy,
                    received_at=now,
                    **compute_deadlines(now, policy),
                )
        except IntegrityError:
            existing = _existing(complainant, estate, description, idempotency_key)
            if existing is None:
                raise
            return existing, False
        for photo in photos:
            ComplaintPhoto.objects.create(complaint=complaint, file=photo)
        audit.record(
            "complaints.complaint.receive",
            complaint,
            actor=actor,
            after={"channel": channel, "category": category, "estate": estate.pk},
        )
        route_complaint(complaint, actor=actor)
    return complaint, True


def _validate_intake(category, description, photos):
    if len(description) > MAX_DESCRIPTION:
        message = _("At most %(n)s characters.") % {"n": MAX_DESCRIPTION}
        raise InvalidComplaint(message, fields={"description": [message]})
    if not _clean_text(description):
        raise InvalidComplaint(
            fields={"description": [InvalidComplaint.default_message]}
        )
    if category not in Category.values:
        raise InvalidComplaint(
            _("Choose a category."), fields={"category": [_("Choose a category.")]}
        )
    if len(photos) > MAX_PHOTOS:
        raise InvalidComplaint(
            _("At most %(n)s photos.") % {"n": MAX_PHOTOS},
            fields={"photos": [_("At most %(n)s photos.") % {"n": MAX_PHOTOS}]},
        )
    for photo in photos:
        check_size(photo, limit_mb=PHOTO_LIMIT_MB)


def _existing(complainant, estate, description, idempotency_key):
    if idempotency_key:
        known = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if known is not None:
            if known.complainant_id != complainant.pk:
                raise Conflict(code="idempotency_key_reused")
            return known
    since = timezone.now() - DUPLICATE_WINDOW
    for candidate in Complaint.objects.filter(
        complainant=complainant, estate=estate, received_at__gte=since
    ):
        if _clean_text(candidate.description) == _clean_text(description):
            return candidate
    return None


def route_complaint(complaint, *, actor):
    """Send ``complaint`` to the estate's company, or its subdistrict if none.

    The acknowledgement with the promised time goes out only from here,
    after the complaint has a handler.
    """
    company_id = complaint.estate.company_id
    return transition(
        complaint,
        State.ROUTED,
        actor=actor,
        table=TRANSITIONS,
        action="complaints.complaint.route",
        changes={"company_id": company_id},
        after_commit=[lambda: _acknowledge(complaint), lambda: _alert(complaint)],
    )


def promised_time(complaint):
    return date_format(
        complaint.first_response_due_at.astimezone(SHANGHAI), "Y-m-d H:i"
    )


def handler_name(complaint):
    if complaint.company_id:
        return str(complaint.company)
    return str(complaint.subdistrict)


def handler_staff(complaint):
    """Who is told of a new complaint: company admins and the estate's managers,
    or the subdistrict's officers for an estate without a company."""
    from django.db.models import Q

    from accounts.roles import Role

    if complaint.company_id:
        query = Q(
            roles__role=Role.COMPANY_ADMIN, roles__company_id=complaint.company_id
        )
        query |= Q(
            roles__role=Role.ESTATE_MANAGER,
            roles__company_id=complaint.company_id,
            roles__estate_id=complaint.estate_id,
        )
    else:
        query = Q(
            roles__role=Role.SUBDISTRICT_OFFICER,
            roles__subdistrict_id=complaint.subdistrict_id,
        )
    return User.objects.filter(query, is_active=True).distinct()


def _alert(complaint):
    for person in handler_staff(complaint):
        notify(
            person,
            title=_("New complaint #%(n)s about %(estate)s")
            % {"n": complaint.pk, "estate": complaint.estate},
            body=_("First answer due by %(time)s.")
            % {"time": promised_time(complaint)},
            url=reverse("complaints:console_detail", args=[complaint.pk]),
        )


def _acknowledge(complaint):
    body = _(
        "Your complaint about %(estate)s has gone to %(handler)s. "
        "You will have a first answer by %(time)s."
    ) % {
        "estate": complaint.estate,
        "handler": handler_name(complaint),
        "time": promised_time(complaint),
    }
    if complaint.deadlines_provisional:
        body += " " + _("(provisional: the holiday schedule is not yet published)")
    notify(
        complaint.complainant,
        title=_("Complaint received"),
        body=body,
        url=reverse("complaints:detail", args=[complaint.pk]),
        sms=complaint.channel == Channel.HOTLINE,
    )


def caller_account(mobile, *, actor):
    """The account of a hotline caller, made (unverified) if they have none.

    The caller can later sign in with that mobile number and will find the
    complaint under "my complaints".
    """
    from django.core.exceptions import ValidationError

    from common.validators import validate_mobile

    mobile = (mobile or "").strip()
    try:
        validate_mobile(mobile)
    except ValidationError:
        message = _("Enter a valid mobile number.")
        raise InvalidComplaint(message, fields={"mobile": [message]}) from None
    user = User.objects.filter(mobile=mobile).first()
    if user is None:
        user = User(username=f"caller-{uuid.uuid4().hex[:12]}", mobile=mobile)
        user.set_unusable_password()
        user.save()
        audit.record("complaints.caller.create", user, actor=actor)
    return user


def submit_hotline_complaint(estate, *, actor, mobile, **fields):
    """A telephone complaint staff enter for its caller; all or nothing.

    The estate is checked before anything is written, and the caller's
    account (made for a number the platform does not know yet) is kept only
    together with the complaint: a refused entry leaves no account behind.
    """
    if not can(actor, "complaints.enter_for_resident", estate):
        raise NotAllowed()
    with transaction.atomic():
        caller = caller_account(mobile, actor=actor)
        return submit_complaint(estate, actor=actor, complainant=caller, **fields)
