"""Task deadlines: a date, or N working days before the activity's event.

A deadline counted back from the event uses the working-day calendar; when a
day on the way is judged by the Monday-to-Friday fallback (a year whose
official schedule is not known yet, e.g. 2027), the deadline is provisional
and shown so. The state (on time, due soon, overdue) is derived when read.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from campaign.enums import TaskStatus
from common.deadlines import DeadlineState, deadline_state
from common.workdays import WorkingCalendar

DUE_SOON = dt.timedelta(days=3)


@dataclass(frozen=True)
class TaskDeadline:
    due_on: dt.date
    provisional: bool
    state: str


def _end_of_day(day):
    """The instant a task due on ``day`` becomes overdue: midnight after it."""
    midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time())
    return timezone.make_aware(midnight, timezone.get_default_timezone())


def due_date_of(task, calendar=None):
    """``(due date, provisional)`` of ``task``."""
    if task.due_on is not None:
        return task.due_on, False
    calendar = calendar or WorkingCalendar()
    return calendar.add_working_days(task.event_on, -task.days_before)


def deadline_of(task, *, now=None, calendar=None):
    due_on, provisional = due_date_of(task, calendar)
    if task.status == TaskStatus.CANCELLED:
        state = ""
    else:
        done_at = task.completed_at if task.status == TaskStatus.DONE else None
        state = deadline_state(
            _end_of_day(due_on), done_at=done_at, now=now, due_soon=DUE_SOON
        )
    return TaskDeadline(due_on=due_on, provisional=provisional, state=state)


def needs_attention(deadline):
    return deadline.state in (DeadlineState.OVERDUE, DeadlineState.DUE_SOON)
