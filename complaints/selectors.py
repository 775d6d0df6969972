"""Scoped reads of complaints; every list, detail, export and endpoint uses them.

Who sees a complaint:

- its complainant, and the staff member who entered it on their behalf;
- staff of the company it was routed to;
- officers of its subdistrict when it was routed there (an estate with no
  company), or from the moment a deadline of it is missed;
- officers of its district once a deadline has been missed by
  ``COMPLAINT_DISTRICT_ESCALATION_HOURS`` (24 by default).

A complaint stays visible to them after it is answered or closed late, so
that they can follow up what escalated to them;
- city officers and system administrators: all.

Overdue is judged from the timestamps at the time of the query, so
escalation needs no job to have run.
"""

import datetime as dt

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import scope_of
from accounts.roles import Role
from complaints.enums import OPEN_STATES
from complaints.models import Complaint
from places.selectors import estate_scope_filter

CITY_WIDE_ROLES = (Role.CITY_OFFICER, Role.SYSTEM_ADMIN)


def district_escalation_delay():
    hours = getattr(settings, "COMPLAINT_DISTRICT_ESCALATION_HOURS", 24)
    return dt.timedelta(hours=hours)


def missed_q(now, by=dt.timedelta()):
    """Complaints that missed a deadline by more than ``by``, as of ``now``.

    Either a clock is still running more than ``by`` past its deadline, or
    the work was done more than ``by`` late.
    """
    limit = now - by
    response_missed = Q(
        first_responded_at__isnull=True,
        first_response_due_at__lt=limit,
        state__in=OPEN_STATES,
    ) | Q(first_responded_at__gt=F("first_response_due_at") + by)
    resolution_missed = Q(
        state__in=OPEN_STATES, paused_at__isnull=True, resolution_due_at__lt=limit
    ) | Q(resolved_at__gt=F("resolution_due_at") + by)
    return response_missed | resolution_missed


def visibility_q(user, now=None):
    """The Q of the complaints ``user`` may see (None = all of them)."""
    now = now or timezone.now()
    scope = scope_of(user)
    if scope.has(*CITY_WIDE_ROLES):
        return None
    query = Q(complainant=user) | Q(entered_by=user)
    if scope.company_ids:
        query |= Q(company_id__in=scope.company_ids)
    if scope.subdistrict_ids:
        query |= Q(subdistrict_id__in=scope.subdistrict_ids) & (
            Q(company__isnull=True) | missed_q(now)
        )
    if scope.district_ids:
        query |= Q(estate__district_id__in=scope.district_ids) & missed_q(
            now, district_escalation_delay()
        )
    return query


def scope_notes(user):
    """What of the complaints ``user`` sees, in words; [] when they see all.

    Pages listing complaints show these, so that an officer who sees only
    part of them (a district officer sees only escalated ones) knows why.
    They follow :func:`visibility_q`.
    """
    scope = scope_of(user)
    if scope.has(*CITY_WIDE_ROLES):
        return []
    notes = []
    if scope.company_ids:
        notes.append(_("complaints routed to your company"))
    if scope.subdistrict_ids:
        notes.append(
            _(
                "complaints of your subdistrict's estates without a property "
                "company, and any complaint of your subdistrict once it misses "
                "a deadline"
            )
        )
    if scope.district_ids:
        hours = int(district_escalation_delay().total_seconds() // 3600)
        notes.append(
            _(
                "complaints of your district that missed a deadline by more than "
                "%(hours)s hours (escalated to the district)"
            )
            % {"hours": hours}
        )
    notes.append(_("complaints you made or entered yourself"))
    return notes


def complaints_visible_to(user, *, now=None):
    if user is None or not user.is_authenticated:
        return Complaint.objects.none()
    complaints = Complaint.objects.select_related(
        "estate", "company", "subdistrict", "policy", "complainant", "duplicate_of"
    )
    query = visibility_q(user, now)
    return complaints if query is None else complaints.filter(query)


def complaint_for(user, pk, *, now=None):
    """One visible complaint, or None."""
    return complaints_visible_to(user, now=now).filter(pk=pk).first()


def estates_for_hotline(user):
    """Estates for which ``user`` may enter a hotline complaint."""
    from places.models import Estate

    scope = scope_of(user)
    if not (scope.is_company_staff or scope.is_official):
        return Estate.objects.none()
    estates = Estate.objects.select_related("company", "subdistrict")
    query = estate_scope_filter(user)
    return estates if query is None else estates.filter(query)


def queue_for(user, *, state=None, now=None):
    complaints = complaints_visible_to(user, now=now)
    if state == "open":
        complaints = complaints.filter(state__in=OPEN_STATES)
    elif state:
        complaints = complaints.filter(state=state)
    return complaints.order_by("first_response_due_at", "id")
