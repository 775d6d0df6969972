"""Setting up a year's showcase: its stage dates, voting rules and counts.

Organisers create a showcase with the plan's stage lengths laid out from the
day story collection starts (``stages.planned_dates``) and may then move each
date and set each rule, within these limits:

- the stages stay in order, and a date that has passed stays as it was (the
  stage it began has happened); no date is moved into the past;
- the voting rules are fixed once voting opens (as ``configure_voting``);
- the number of finalists is fixed once the tally is frozen, the weights of
  the expert dimensions and the number of works published once the results
  are published;
- the per-minute limits of votes may change at any time;
- two showcases never overlap: one begins collecting stories only once the
  one before it has ended, since the pages show one showcase at a time
  (``selectors.current_showcase``).

Each refusal names the field it concerns. Every change is one audit entry
with the fields before and after.
"""

import datetime as dt
import zoneinfo
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from showcase.errors import SetupRefused
from showcase.models import MAX_VOTES_PER_DAY, Showcase
from showcase.stages import local_minute, planned_dates

DATES = (
    "collection_starts_at",
    "review_starts_at",
    "voting_starts_at",
    "voting_ends_at",
    "gala_starts_at",
    "ends_at",
)
VOTE_RULES = ("votes_per_day", "votes_per_work_per_day")
WEIGHTS = ("weight_creativity", "weight_appeal", "weight_integration")
LIMITS = ("ip_votes_per_minute", "device_votes_per_minute")
EDITABLE = (
    "title",
    *DATES,
    *VOTE_RULES,
    "finalist_count",
    "published_count",
    *WEIGHTS,
    *LIMITS,
)
MAX_FINALISTS = 500
MAX_WEIGHT = Decimal("99.99")
MAX_LIMIT = 1_000_000
# Dates run to the end of 2100, as years do (``YEAR_RANGE``); far later ones
# would overflow the date arithmetic of the stages.
LATEST = dt.datetime(2101, 1, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


def create_showcase(*, actor, year, title, collection_starts_at, now=None):
    """A new showcase whose stages follow the plan from ``collection_starts_at``."""
    if not can(actor, "showcase.manage"):
        raise NotAllowed()
    now = now or timezone.now()
    problems = {}
    if not 2000 <= year <= 2100:
        problems["year"] = SetupRefused.YEAR_RANGE
    elif Showcase.objects.filter(year=year).exists():
        problems["year"] = SetupRefused.YEAR_TAKEN
    if not title.strip():
        problems["title"] = SetupRefused.REQUIRED
    if collection_starts_at <= now:
        problems["collection_starts_at"] = SetupRefused.IN_THE_PAST
    elif collection_starts_at >= LATEST:
        problems["collection_starts_at"] = SetupRefused.TOO_LATE
    if not problems:
        dates = planned_dates(collection_starts_at)
        overlap = _overlap(None, dates["collection_starts_at"], dates["ends_at"])
        if overlap:
            problems["collection_starts_at"] = overlap
    if problems:
        raise SetupRefused(problems)
    try:
        with transaction.atomic():
            showcase = Showcase.objects.create(year=year, title=title.strip(), **dates)
            audit.record(
                "showcase.showcase.create",
                showcase,
                actor=actor,
                after={"year": year, "title": showcase.title},
            )
    except IntegrityError:  # the same year created at the same moment
        raise SetupRefused({"year": SetupRefused.YEAR_TAKEN}) from None
    return showcase


def update_showcase(showcase, *, actor, now=None, **changes):
    """Change the fields named in ``changes`` (of ``EDITABLE``); see the module
    documentation for what may change when. Returns the saved showcase."""
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Showcase.objects.select_for_update().get(pk=showcase.pk)
        changed = {
            name: value
            for name, value in changes.items()
            if value != getattr(locked, name)
        }
        problems = _problems(locked, changed, now)
        if problems:
            raise SetupRefused(problems)
        if not changed:
            return locked
        before = {name: getattr(locked, name) for name in changed}
        for name, value in changed.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(changed))
        audit.record(
            "showcase.showcase.update",
            locked,
            actor=actor,
            before={name: _plain(value) for name, value in before.items()},
            after={name: _plain(value) for name, value in changed.items()},
        )
    return locked


def fixed_fields(showcase, *, now=None):
    """The settings of ``showcase`` that can no longer change at ``now``."""
    now = now or timezone.now()
    fixed = [name for name in DATES if getattr(showcase, name) <= now]
    if now >= showcase.voting_starts_at or showcase.tally_frozen_at:
        fixed += VOTE_RULES
    if showcase.tally_frozen_at:
        fixed.append("finalist_count")
    if showcase.results_published_at:
        fixed += ["published_count", *WEIGHTS]
    return fixed


def _problems(showcase, changed, now):
    """What refuses ``changed`` on ``showcase``: ``{field: message}``."""
    problems = {}
    if "title" in changed and not changed["title"].strip():
        problems["title"] = SetupRefused.REQUIRED
    for name in DATES:
        if name not in changed:
            continue
        if getattr(showcase, name) <= now:
            problems[name] = SetupRefused.DATE_PASSED
        elif changed[name] <= now:
            problems[name] = SetupRefused.IN_THE_PAST
        elif changed[name] >= LATEST:
            problems[name] = SetupRefused.TOO_LATE
    # Order is checked with the dates as they would be saved: a date refused
    # above keeps its value.
    dates = [
        getattr(showcase, name)
        if name in problems
        else changed.get(name, getattr(showcase, name))
        for name in DATES
    ]
    for earlier, later, name in zip(dates, dates[1:], DATES[1:], strict=False):
        if later < earlier or (name == "voting_ends_at" and later == earlier):
            problems.setdefault(name, SetupRefused.OUT_OF_ORDER)
    if changed.keys() & {"collection_starts_at", "ends_at"} and not problems:
        overlap = _overlap(showcase.pk, dates[0], dates[-1])
        if overlap:
            name = (
                "collection_starts_at"
                if "collection_starts_at" in changed
                else "ends_at"
            )
            problems[name] = overlap
    problems.update(_rule_problems(showcase, changed, now))
    return problems


def _overlap(pk, starts_at, ends_at):
    """The refusal when another showcase runs between ``starts_at`` and
    ``ends_at``, else None."""
    other = (
        Showcase.objects.exclude(pk=pk)
        .filter(collection_starts_at__lt=ends_at, ends_at__gt=starts_at)
        .order_by("collection_starts_at")
        .first()
    )
    if other is None:
        return None
    return SetupRefused.OVERLAP % {
        "year": other.year,
        "starts": local_minute(other.collection_starts_at),
        "ends": local_minute(other.ends_at),
    }


def _rule_problems(showcase, changed, now):
    problems = {}
    if changed.keys() & set(VOTE_RULES):
        problems.update(_vote_rule_problems(showcase, changed, now))
    if "finalist_count" in changed:
        if showcase.tally_frozen_at:
            problems["finalist_count"] = SetupRefused.AFTER_CLOSE
        elif not 1 <= changed["finalist_count"] <= MAX_FINALISTS:
            problems["finalist_count"] = SetupRefused.FINALISTS
    published = showcase.results_published_at is not None
    if "published_count" in changed:
        if published:
            problems["published_count"] = SetupRefused.AFTER_PUBLISHING
        elif not 1 <= changed["published_count"] <= MAX_FINALISTS:
            problems["published_count"] = SetupRefused.FINALISTS
    if changed.keys() & set(WEIGHTS):
        problems.update(_weight_problems(showcase, changed, published))
    for name in changed.keys() & set(LIMITS):
        if not 1 <= changed[name] <= MAX_LIMIT:
            problems[name] = SetupRefused.LIMIT
    return problems


def _vote_rule_problems(showcase, changed, now):
    if now >= showcase.voting_starts_at or showcase.tally_frozen_at:
        return dict.fromkeys(
            changed.keys() & set(VOTE_RULES), SetupRefused.RULES_LOCKED
        )
    per_day = changed.get("votes_per_day", showcase.votes_per_day)
    per_work = changed.get("votes_per_work_per_day", showcase.votes_per_work_per_day)
    if not 1 <= per_day <= MAX_VOTES_PER_DAY:
        return {"votes_per_day": SetupRefused.VOTES_PER_DAY}
    if not 1 <= per_work <= per_day:
        return {"votes_per_work_per_day": SetupRefused.VOTES_PER_WORK}
    return {}


def _weight_problems(showcase, changed, published):
    named = changed.keys() & set(WEIGHTS)
    if published:
        return dict.fromkeys(named, SetupRefused.AFTER_PUBLISHING)
    weights = {name: changed.get(name, getattr(showcase, name)) for name in WEIGHTS}
    problems = {
        name: SetupRefused.WEIGHT
        for name in named
        if not 0 <= weights[name] <= MAX_WEIGHT
    }
    if not problems and not any(weights.values()):
        problems["weight_creativity"] = SetupRefused.WEIGHTS_ZERO
    return problems


def _plain(value):
    """A value as the audit log keeps it (dates as ISO text)."""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
