"""Deadline states, derived from timestamps whenever they are read.

Nothing here depends on a background job having run: a deadline is overdue
the moment the clock passes it, on every page and in every figure.
"""

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class DeadlineState(models.TextChoices):
    ON_TIME = "on_time", pgettext_lazy("deadline", "on time")
    DUE_SOON = "due_soon", pgettext_lazy("deadline", "due soon")
    OVERDUE = "overdue", pgettext_lazy("deadline", "overdue")
    MET = "met", pgettext_lazy("deadline", "met")
    MISSED = "missed", pgettext_lazy("deadline", "missed")


@dataclass(frozen=True)
class Deadline:
    due_at: dt.datetime
    provisional: bool = False


def deadline_state(due_at, *, done_at=None, now=None, due_soon=dt.timedelta(hours=4)):
    """The state of a deadline ``due_at`` for work finished at ``done_at``."""
    if done_at is not None:
        return DeadlineState.MET if done_at <= due_at else DeadlineState.MISSED
    now = now or timezone.now()
    if now > due_at:
        return DeadlineState.OVERDUE
    if due_at - now <= due_soon:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME
