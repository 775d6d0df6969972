"""The complaint deadlines: the 17:00 first-response rule and resolution.

First response (DESIGN.md, "Deadlines"): received before the cut-off (17:00)
on a counting day, the answer is due at the cut-off that day; otherwise at
the cut-off of the next counting day. A counting day is a working day of
:class:`~common.workdays.WorkingCalendar` or any day of the service-week
window, when every day counts. Resolution is due at the cut-off of the
``resolution_days``-th counting day after the day of receipt, moved later by
the time spent waiting on the resident.

Deadline *states* are derived on read with :func:`common.deadlines.deadline_state`.
"""

import datetime as dt
import zoneinfo

from django.utils import timezone

from common.deadlines import DeadlineState, deadline_state
from common.workdays import WorkingCalendar
from complaints.enums import OPEN_STATES, State
from complaints.models import DeadlinePolicy, ServiceWeekWindow

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


class NoPolicy(LookupError):
    """No deadline policy of the category was in force at that time."""


def policy_in_force(category, at):
    policy = (
        DeadlinePolicy.objects.filter(category=category, effective_from__lte=at)
        .order_by("-effective_from")
        .first()
    )
    if policy is None:
        raise NoPolicy(category)
    return policy


class ComplaintCalendar:
    """Counting days: working days, plus every day of a service week."""

    def __init__(self):
        self.working = WorkingCalendar()
        self._windows = {}

    def _window(self, year):
        if year not in self._windows:
            self._windows[year] = ServiceWeekWindow.objects.filter(year=year).first()
        return self._windows[year]

    def in_service_week(self, day):
        window = self._window(day.year)
        return window is not None and window.starts_on <= day <= window.ends_on

    def counts(self, day):
        return self.in_service_week(day) or self.working.is_working_day(day)

    def is_provisional(self, day):
        return not self.in_service_week(day) and self.working.is_provisional(day)

    def next_counting_day(self, day):
        day += dt.timedelta(days=1)
        while not self.counts(day):
            day += dt.timedelta(days=1)
        return day


def first_response_due(received_at, policy, calendar=None):
    """``(due_at, provisional)`` of the first response."""
    calendar = calendar or ComplaintCalendar()
    local = received_at.astimezone(SHANGHAI)
    day = local.date()
    if not (calendar.counts(day) and local.time() < policy.response_cutoff):
        day = calendar.next_counting_day(day)
    due = dt.datetime.combine(day, policy.response_cutoff, tzinfo=SHANGHAI)
    return due, calendar.is_provisional(day)


def resolution_due(received_at, policy, calendar=None):
    """``(due_at, provisional)`` of the resolution, before any waiting."""
    calendar = calendar or ComplaintCalendar()
    day = received_at.astimezone(SHANGHAI).date()
    provisional = False
    for _ in range(policy.resolution_days):
        day = calendar.next_counting_day(day)
        provisional = provisional or calendar.is_provisional(day)
    due = dt.datetime.combine(day, policy.response_cutoff, tzinfo=SHANGHAI)
    return due, provisional


def compute_deadlines(received_at, policy, *, paused_total=dt.timedelta()):
    """The deadline fields of a complaint received at ``received_at``."""
    calendar = ComplaintCalendar()
    response_at, response_provisional = first_response_due(
        received_at, policy, calendar
    )
    resolution_at, resolution_provisional = resolution_due(
        received_at, policy, calendar
    )
    return {
        "first_response_due_at": response_at,
        "resolution_due_at": resolution_at + paused_total,
        "deadlines_provisional": response_provisional or resolution_provisional,
    }


def _due_soon(complaint):
    return dt.timedelta(hours=complaint.policy.due_soon_hours)


def response_state(complaint, now=None):
    """The first-response clock's state; it stops at the first response."""
    if complaint.first_responded_at is None and complaint.state == State.CLOSED:
        return None
    return deadline_state(
        complaint.first_response_due_at,
        done_at=complaint.first_responded_at,
        now=now,
        due_soon=_due_soon(complaint),
    )


def resolution_state(complaint, now=None):
    """The resolution clock's state, or None while it is paused or moot."""
    if complaint.is_paused:
        return None
    if complaint.state in OPEN_STATES:
        return deadline_state(
            complaint.resolution_due_at, now=now, due_soon=_due_soon(complaint)
        )
    if complaint.resolution_on_time is None:
        return None
    return DeadlineState.MET if complaint.resolution_on_time else DeadlineState.MISSED


def overall_state(complaint, now=None):
    """The state shown in queues: the worse of the running clocks."""
    order = [DeadlineState.OVERDUE, DeadlineState.DUE_SOON, DeadlineState.ON_TIME]
    states = {response_state(complaint, now), resolution_state(complaint, now)}
    for state in order:
        if state in states:
            return state
    return None


def now():
    return timezone.now()
