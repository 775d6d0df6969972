"""Scoped reads of complaints; every list, detail, export and endpoint uses them.

Who sees a complaint:

- its complainant, and the staff member who entered it on their behalf;
- staff of the company it was routed to;
- officers of its subdistrict when it was routed there (an estate with no
  company), or as soon as it is overdue;
- officers of its district once it has been overdue for
  ``COMPLAINT_DISTRICT_ESCALATION_HOURS`` (24 by default);
- city officers and system administrators: all.

Overdue is judged from the timestamps at the time of the query, so
escalation needs no job to have run.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.permissions import scope_of
from accounts.roles import Role
from complaints.enums import OPEN_STATES
from complaints.models import Complaint
from places.selectors import estate_scope_filter

CITY_WIDE_ROLES = (Role.CITY_OFFICER, Role.SYSTEM_ADMIN)


def district_escalation_delay():
    hours = getattr(settings, "COMPLAINT_DISTRICT_ESCALATION_HOURS", 24)
    return dt.timedelta(hours=hours)


def overdue_q(moment):
    """Complaints with a clock that ran past ``moment`` and is still running."""
    response_late = Q(first_responded_at__isnull=True, first_response_due_at__lt=moment)
    resolution_late = Q(paused_at__isnull=True, resolution_due_at__lt=moment)
    return Q(state__in=OPEN_STATES) & (response_late | resolution_late)


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
            Q(company__isnull=True) | overdue_q(now)
        )
    if scope.district_ids:
        query |= Q(estate__district_id__in=scope.district_ids) & overdue_q(
            now - district_escalation_delay()
        )
    return query


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
