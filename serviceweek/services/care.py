"""Care for the elderly and disabled: pre-registration, pairing, visits.

Personal details (name, mobile) are shown whole only to the party member who
registered the household or is paired with it (rule
``serviceweek.view_care_details``); every list, export and form choice goes
through :func:`care_row`, :func:`recipient_row` or :func:`recipient_label`,
which mask them for everyone else.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import can, scope_of
from accounts.sms_codes import clean_mobile
from common import audit
from common.errors import Conflict, NotAllowed
from common.masking import mask_mobile, mask_name
from places.selectors import estate_scope_filter
from serviceweek import errors
from serviceweek.enums import CareKind, VisitKind
from serviceweek.models import CarePairing, CareRecipient, CareVisit

VISIT_EVERY_DAYS = 7
ELDERLY_AGE = 60
EARLIEST_BIRTH_YEAR = 1900


@transaction.atomic
def register_care_recipient(
    household,
    *,
    actor,
    kind,
    full_name,
    consent_note,
    consent_at=None,
    mobile="",
    birth_year=None,
    needs="",
):
    """Pre-register a household (60+ living alone, or with a disabled member);
    only with the person's consent, recorded in ``consent_note``."""
    if not can(actor, "serviceweek.register_care", household):
        raise NotAllowed()
    if kind not in CareKind.values:
        raise errors.CareKindUnknown(
            fields={"kind": [errors.CareKindUnknown.default_message]}
        )
    if not (consent_note or "").strip():
        raise errors.ConsentRequired(
            fields={"consent_note": [errors.ConsentRequired.default_message]}
        )
    # The same check and message as the SMS sign-in.
    mobile = clean_mobile(mobile) if (mobile or "").strip() else ""
    _check_birth_year(kind, birth_year)
    recipient = CareRecipient.objects.create(
        household=household,
        kind=kind,
        full_name=full_name.strip(),
        mobile=mobile,
        birth_year=birth_year,
        needs=needs.strip(),
        consent_at=consent_at or timezone.now(),
        consent_note=consent_note.strip(),
        registered_by=actor.party_member,
    )
    audit.record(
        "serviceweek.care.register", recipient, actor=actor, after={"kind": kind}
    )
    return recipient


def _check_birth_year(kind, birth_year):
    """Refuse a year no one living was born in, and, for the elderly kind, a
    year that makes the person younger than 60 this year.

    Only the year is known, so age is counted by calendar year: someone born
    in 1966 counts as 60 all through 2026 (docs/limitations.md)."""
    if birth_year is None:
        return
    this_year = timezone.localdate().year
    if not EARLIEST_BIRTH_YEAR <= birth_year <= this_year:
        raise errors.BirthYearImpossible(this_year)
    if kind == CareKind.ELDERLY_ALONE and this_year - birth_year < ELDERLY_AGE:
        raise errors.TooYoungForElderlyCare(this_year - ELDERLY_AGE)


@transaction.atomic
def pair_care_recipient(recipient, *, actor, party_member, signed_on):
    """Pair the recipient with a party member of the estate's company (签约);
    a party member or staff member of that company pairs."""
    if not can(actor, "serviceweek.manage_care", recipient.household):
        raise NotAllowed()
    if party_member.company_id != recipient.household.estate.company_id:
        raise errors.MemberNotOfCompany(
            fields={"party_member": [errors.MemberNotOfCompany.default_message]}
        )
    if CarePairing.objects.filter(recipient=recipient).exists():
        raise Conflict(_("This household is paired already."), code="paired")
    pairing = CarePairing.objects.create(
        recipient=recipient, party_member=party_member, signed_on=signed_on
    )
    audit.record("serviceweek.care.pair", pairing, actor=actor)
    return pairing


@transaction.atomic
def log_care_visit(pairing, *, actor, kind, visited_on, note=""):
    member = getattr(actor, "party_member", None)
    if member is None or member.pk != pairing.party_member_id:
        raise NotAllowed()
    visit = CareVisit.objects.create(
        pairing=pairing,
        kind=kind,
        visited_on=visited_on,
        note=note.strip(),
        logged_by=actor,
    )
    audit.record("serviceweek.care.visit", visit, actor=actor, after={"kind": kind})
    return visit


def pairings_visible_to(user):
    """Pairings a person may list: their own as a party member, their
    company's, or those in an official's area."""
    home_visit = Q(visits__kind=VisitKind.VISIT)
    pairings = CarePairing.objects.select_related(
        "recipient__household__estate", "party_member__user"
    ).annotate(
        last_visit_on=Max("visits__visited_on", filter=home_visit),
        home_visits=Count("visits", filter=home_visit),
    )
    scope = scope_of(user)
    member = getattr(user, "party_member", None)
    if scope.is_official:
        area = estate_scope_filter(user, prefix="recipient__household__estate__")
        return pairings if area is None else pairings.filter(area)
    if scope.company_ids:
        return pairings.filter(
            recipient__household__estate__company_id__in=scope.company_ids
        )
    if member is not None:
        return pairings.filter(party_member=member)
    return pairings.none()


def recipients_visible_to(user):
    """Registered care recipients a person may list: those they registered,
    their company's, or those in an official's area."""
    recipients = CareRecipient.objects.select_related(
        "household__estate", "registered_by__user", "pairing__party_member__user"
    ).order_by("-registered_at", "-pk")
    scope = scope_of(user)
    member = getattr(user, "party_member", None)
    if scope.is_official:
        area = estate_scope_filter(user, prefix="household__estate__")
        return recipients if area is None else recipients.filter(area)
    query = Q(pk__in=[])
    if scope.company_ids:
        query |= Q(household__estate__company_id__in=scope.company_ids)
    if member is not None:
        query |= Q(registered_by=member)
        if member.company_id is not None:
            query |= Q(household__estate__company_id=member.company_id)
    return recipients.filter(query)


def missing_weekly_visit(user, *, today):
    """Pairings with no home visit in the last seven days (counting today),
    once they are at least seven days old."""
    since = today - dt.timedelta(days=VISIT_EVERY_DAYS - 1)
    visited = CareVisit.objects.filter(
        kind=VisitKind.VISIT, visited_on__gte=since
    ).values("pairing_id")
    return (
        pairings_visible_to(user).filter(signed_on__lte=since).exclude(pk__in=visited)
    )


def recipient_label(recipient, *, viewer):
    """A recipient as a choice of a form, masked unless ``viewer`` needs it."""
    if can(viewer, "serviceweek.view_care_details", recipient):
        return f"{recipient.household} {recipient.full_name}"
    return f"{recipient.household.estate} {mask_name(recipient.full_name)}"


def recipient_row(recipient, *, viewer):
    """One row of the registrations list, masked unless ``viewer`` needs it."""
    whole = can(viewer, "serviceweek.view_care_details", recipient)
    pairing = getattr(recipient, "pairing", None)
    return {
        "household": str(recipient.household)
        if whole
        else str(recipient.household.estate),
        "kind": recipient.get_kind_display(),
        "name": recipient.full_name if whole else mask_name(recipient.full_name),
        "mobile": recipient.mobile if whole else mask_mobile(recipient.mobile),
        "consent_note": recipient.consent_note,
        "party_member": str(pairing.party_member) if pairing else "",
    }


def care_row(pairing, *, viewer):
    """One row of a care list or export, masked unless ``viewer`` needs it."""
    recipient = pairing.recipient
    whole = can(viewer, "serviceweek.view_care_details", recipient)
    return {
        "household": str(recipient.household)
        if whole
        else str(recipient.household.estate),
        "kind": recipient.get_kind_display(),
        "name": recipient.full_name if whole else mask_name(recipient.full_name),
        "mobile": recipient.mobile if whole else mask_mobile(recipient.mobile),
        "party_member": str(pairing.party_member),
        "signed_on": pairing.signed_on,
        **_visits_of(pairing),
    }


def _visits_of(pairing):
    """The last home visit and the number of home visits of ``pairing``, from
    the annotations of :func:`pairings_visible_to` when it has them."""
    if hasattr(pairing, "home_visits"):
        return {
            "last_visit_on": pairing.last_visit_on,
            "home_visits": pairing.home_visits,
        }
    visits = pairing.visits.filter(kind=VisitKind.VISIT).aggregate(
        last=Max("visited_on"), count=Count("pk")
    )
    return {"last_visit_on": visits["last"], "home_visits": visits["count"]}
