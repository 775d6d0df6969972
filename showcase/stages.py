"""Which stage a showcase is in, derived from its dates when read.

Every page and endpoint asks :func:`require_stage` (or the voting check in
``services.voting``) with the same ``now`` the change uses, so a request at a
stage boundary is judged once, consistently.
"""

import datetime as dt

from django.utils import timezone

from showcase.enums import Stage
from showcase.errors import StageNotOpen

# The plan's durations; a showcase's own dates may differ.
COLLECTION_DAYS = 30
REVIEW_DAYS = 3
VOTING_DAYS = 14
EXPERT_DAYS = 15
GALA_DAYS = 1


def stage_of(showcase, *, now=None):
    now = now or timezone.now()
    boundaries = (
        (showcase.collection_starts_at, Stage.NOT_STARTED),
        (showcase.review_starts_at, Stage.COLLECTION),
        (showcase.voting_starts_at, Stage.REVIEW),
        (showcase.voting_ends_at, Stage.VOTING),
        (showcase.gala_starts_at, Stage.EXPERT_REVIEW),
        (showcase.ends_at, Stage.GALA),
    )
    for until, stage in boundaries:
        if now < until:
            return stage
    return Stage.FINISHED


def require_stage(showcase, *stages, now=None, message=None):
    """Raise :class:`StageNotOpen` unless ``showcase`` is in one of ``stages``."""
    if stage_of(showcase, now=now) not in stages:
        raise StageNotOpen(message)


def planned_dates(
    collection_starts_at,
    *,
    collection_days=COLLECTION_DAYS,
    review_days=REVIEW_DAYS,
    voting_days=VOTING_DAYS,
    expert_days=EXPERT_DAYS,
    gala_days=GALA_DAYS,
):
    """The stage dates of a showcase laid out from the plan's durations."""
    review = collection_starts_at + dt.timedelta(days=collection_days)
    voting = review + dt.timedelta(days=review_days)
    voting_ends = voting + dt.timedelta(days=voting_days)
    gala = voting_ends + dt.timedelta(days=expert_days)
    return {
        "collection_starts_at": collection_starts_at,
        "review_starts_at": review,
        "voting_starts_at": voting,
        "voting_ends_at": voting_ends,
        "gala_starts_at": gala,
        "ends_at": gala + dt.timedelta(days=gala_days),
    }


def local_minute(moment):
    """``moment`` in local time to the minute, as messages show times."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def gala_span(showcase):
    """The gala's start and end for messages: ``{"starts": ..., "ends": ...}``."""
    return {
        "starts": local_minute(showcase.gala_starts_at),
        "ends": local_minute(showcase.ends_at),
    }
