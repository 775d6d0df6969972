"""Periodic jobs: which task runs when, and the claim that it runs once.

Apps declare jobs with :func:`periodic` in their ``tasks`` module. The
``run_scheduler`` command (one process in any deployment) calls
:func:`enqueue_due` every few seconds; each due time is claimed with a
:class:`~common.models.ScheduledRun` row before its task is enqueued.
"""

import datetime as dt
import logging
import zoneinfo
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from common.models import ScheduledRun
from common.workdays import WorkingCalendar

logger = logging.getLogger(__name__)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
_JOBS = {}


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: object
    at: dt.time
    working_days_only: bool

    def due_times(self, since, until):
        """Due times in ``(since, until]``, at ``at`` Asia/Shanghai time."""
        calendar = WorkingCalendar()
        day = since.astimezone(SHANGHAI).date()
        while True:
            due = dt.datetime.combine(day, self.at, tzinfo=SHANGHAI)
            if due > until:
                return
            if due > since and (
                not self.working_days_only or calendar.is_working_day(day)
            ):
                yield due
            day += dt.timedelta(days=1)


def periodic(name, *, at, working_days_only=False):
    """Register the decorated task to run daily at ``at`` ("HH:MM", Shanghai)."""
    hour, minute = (int(part) for part in at.split(":"))

    def register(task):
        _JOBS[name] = PeriodicJob(name, task, dt.time(hour, minute), working_days_only)
        return task

    return register


def jobs():
    return dict(_JOBS)


def enqueue_due(*, since, now=None):
    """Enqueue every job due in ``(since, now]`` that no scheduler claimed yet."""
    now = now or timezone.now()
    enqueued = []
    for job in _JOBS.values():
        for due in job.due_times(since, now):
            try:
                with transaction.atomic():
                    ScheduledRun.objects.create(job=job.name, due_at=due)
            except IntegrityError:
                continue
            job.task.enqueue(due.isoformat())
            logger.info("periodic job %s enqueued for %s", job.name, due.isoformat())
            enqueued.append((job.name, due))
    return enqueued
