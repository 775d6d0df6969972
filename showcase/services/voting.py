"""Casting and invalidating public votes.

How the quota holds, whatever the concurrency and however many app servers:
the database carries it. Each vote row takes a ``slot`` 1..votes_per_day,
unique per (showcase, voter, Asia/Shanghai day), and a ``work_slot``
1..votes_per_work_per_day, unique per (showcase, voter, work, day).
:func:`cast_vote` reads the voter's used slots, inserts with the first free
ones inside a savepoint and, on an ``IntegrityError`` (a parallel request of
the same voter took the slot first), reads again and retries. The n-th
parallel request can therefore only land in a free slot, and once all slots
are taken every further one is refused with the quota message. The quota
values themselves cannot change once voting opens (:func:`configure_voting`).

The tally ``Work.vote_count`` is changed in the same transaction as the vote
row, by ``UPDATE ... WHERE state = approved``: a work vetoed meanwhile (the
veto holds the work's row lock) updates nothing and the vote is rolled back.

Closing: every vote transaction first takes ``FOR KEY SHARE`` on the
showcase row and then checks ``tally_frozen_at``; closing takes ``FOR
UPDATE`` on the same row, so it waits for every vote in flight and every
later vote sees the frozen tally and is refused. A vote is therefore either
in the frozen tally or refused, never stored and left out.
"""

import logging
import zoneinfo
from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.permissions import can
from common import audit, ratelimit
from common.errors import Conflict, NotAllowed
from showcase.enums import Stage, WorkState
from showcase.errors import (
    AlreadyVotedForWork,
    IdempotencyKeyReused,
    NotVerified,
    QuotaUsed,
    ReasonRequired,
    RulesLocked,
    RulesOutOfRange,
    VotingClosed,
    VotingNotOpen,
    WorkNotVotable,
)
from showcase.models import MAX_VOTES_PER_DAY, Finalist, Showcase, Vote, Work
from showcase.stages import stage_of

logger = logging.getLogger(__name__)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RATE_WINDOW = 60


def voting_day(moment):
    """The Asia/Shanghai calendar day of ``moment``: the quota's day."""
    return moment.astimezone(SHANGHAI).date()


@dataclass(frozen=True)
class VoteResult:
    vote: Vote
    remaining_today: int
    replayed: bool = False


def cast_vote(work, *, actor, now=None, idempotency_key=None, ip=None, device=""):
    """Store one vote of ``actor`` for ``work`` and count it in the tally.

    Refusals, each with its own error: not a verified person
    (:class:`NotVerified`), too many requests from this IP or device
    (``RateLimited``), voting not open or closed, work not votable, already
    voted for this work today, quota used today. A request repeating an
    ``idempotency_key`` of this voter returns the stored vote again
    (``replayed=True``) and counts nothing.
    """
    if not actor.is_authenticated or actor.mobile_verified_at is None:
        raise NotVerified()
    now = now or timezone.now()
    day = voting_day(now)
    key = (idempotency_key or "").strip()[:64] or None
    showcase = work.showcase
    if ip:
        ratelimit.check(
            "showcase.vote.ip",
            ip,
            limit=showcase.ip_votes_per_minute,
            window=RATE_WINDOW,
        )
    if device:
        ratelimit.check(
            "showcase.vote.device",
            device[:64],
            limit=showcase.device_votes_per_minute,
            window=RATE_WINDOW,
        )

    with transaction.atomic():
        showcase = _share_lock_showcase(work.showcase_id)
        for _attempt in range(2 * MAX_VOTES_PER_DAY + 2):
            if key is not None:
                replay = _replay(showcase, actor, key, work, day)
                if replay is not None:
                    return replay
            _check_voting_open(showcase, now)
            slot, work_slot, used = _free_slots(showcase, actor, work, day)
            if not Work.objects.filter(
                pk=work.pk, showcase=showcase, state=WorkState.APPROVED
            ).exists():
                raise WorkNotVotable()
            try:
                with transaction.atomic():
                    vote = Vote.objects.create(
                        showcase=showcase,
                        work_id=work.pk,
                        voter=actor,
                        day=day,
                        slot=slot,
                        work_slot=work_slot,
                        cast_at=now,
                        idempotency_key=key,
                        ip=ip,
                        device=(device or "")[:64],
                    )
            except IntegrityError:
                continue
            counted = Work.objects.filter(pk=work.pk, state=WorkState.APPROVED).update(
                vote_count=F("vote_count") + 1
            )
            if not counted:
                raise WorkNotVotable()
            return VoteResult(vote, showcase.votes_per_day - used - 1)
    logger.warning("vote of person %s kept colliding; refused", actor.pk)
    raise Conflict()


def _share_lock_showcase(showcase_id):
    # FOR KEY SHARE lets votes run side by side but makes close_voting (FOR
    # UPDATE) wait for them. SQLite serialises writers, so a plain read does.
    if connection.vendor == "postgresql":
        return Showcase.objects.raw(
            "SELECT * FROM showcase_showcase WHERE id = %s FOR KEY SHARE",
            [showcase_id],
        )[0]
    return Showcase.objects.get(pk=showcase_id)


def _check_voting_open(showcase, now):
    if showcase.tally_frozen_at is not None:
        raise VotingClosed()
    stage = stage_of(showcase, now=now)
    if stage == Stage.VOTING:
        return
    if now < showcase.voting_starts_at:
        raise VotingNotOpen()
    raise VotingClosed()


def _free_slots(showcase, voter, work, day):
    """The first free daily slot and work slot, or the refusal that applies."""
    rows = list(
        Vote.objects.filter(showcase=showcase, voter=voter, day=day).values_list(
            "slot", "work_id", "work_slot"
        )
    )
    used_slots = {slot for slot, _work, _ws in rows}
    work_slots = {ws for _slot, work_id, ws in rows if work_id == work.pk}
    if (
        len(work_slots) >= showcase.votes_per_work_per_day
        and len(used_slots) < showcase.votes_per_day
    ):
        raise AlreadyVotedForWork()
    free = [n for n in range(1, showcase.votes_per_day + 1) if n not in used_slots]
    if not free:
        raise QuotaUsed(showcase.votes_per_day)
    work_free = [
        n for n in range(1, showcase.votes_per_work_per_day + 1) if n not in work_slots
    ]
    if not work_free:
        raise AlreadyVotedForWork()
    return free[0], work_free[0], len(used_slots)


def _replay(showcase, voter, key, work, day):
    existing = Vote.objects.filter(voter=voter, idempotency_key=key).first()
    if existing is None:
        return None
    if existing.work_id != work.pk or existing.showcase_id != showcase.pk:
        raise IdempotencyKeyReused()
    used = Vote.objects.filter(showcase=showcase, voter=voter, day=day).count()
    return VoteResult(existing, max(showcase.votes_per_day - used, 0), replayed=True)


def remaining_votes(showcase, voter, *, now=None):
    """How many votes ``voter`` has left today in ``showcase``."""
    if not voter.is_authenticated:
        return 0
    day = voting_day(now or timezone.now())
    used = Vote.objects.filter(showcase=showcase, voter=voter, day=day).count()
    return max(showcase.votes_per_day - used, 0)


def voted_work_ids_today(showcase, voter, *, now=None):
    if not voter.is_authenticated:
        return set()
    day = voting_day(now or timezone.now())
    return set(
        Vote.objects.filter(showcase=showcase, voter=voter, day=day).values_list(
            "work_id", flat=True
        )
    )


def configure_voting(
    showcase, *, actor, votes_per_day, votes_per_work_per_day, now=None
):
    """Set the voting rules; refused once voting has opened (they never loosen
    or tighten while votes are being cast, nor afterwards)."""
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()
    now = now or timezone.now()
    if not 1 <= votes_per_work_per_day <= votes_per_day <= MAX_VOTES_PER_DAY:
        raise RulesOutOfRange()
    with transaction.atomic():
        locked = Showcase.objects.select_for_update().get(pk=showcase.pk)
        if now >= locked.voting_starts_at or locked.tally_frozen_at is not None:
            raise RulesLocked()
        before = {
            "votes_per_day": locked.votes_per_day,
            "votes_per_work_per_day": locked.votes_per_work_per_day,
        }
        locked.votes_per_day = votes_per_day
        locked.votes_per_work_per_day = votes_per_work_per_day
        locked.save(update_fields=["votes_per_day", "votes_per_work_per_day"])
        audit.record(
            "showcase.showcase.configure_voting",
            locked,
            actor=actor,
            before=before,
            after={
                "votes_per_day": votes_per_day,
                "votes_per_work_per_day": votes_per_work_per_day,
            },
        )
    return locked


def invalidate_votes(votes, *, actor, reason, action="showcase.vote.invalidate"):
    """Drop ``votes`` (a queryset) from the tallies, keeping the rows.

    Side effects, in one transaction: the valid ones among ``votes`` get
    ``invalidated_at`` and ``reason``; each affected work's tally (and its
    frozen finalist tally) goes down by its number of them; one audit entry
    per work names the votes and the reason. Returns how many were dropped.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ReasonRequired()
    now = timezone.now()
    with transaction.atomic():
        rows = list(
            votes.filter(invalidated_at__isnull=True)
            .select_for_update()
            .values_list("pk", "work_id")
        )
        if not rows:
            return 0
        Vote.objects.filter(pk__in=[pk for pk, _work in rows]).update(
            invalidated_at=now, invalid_reason=reason[:200]
        )
        per_work = Counter(work_id for _pk, work_id in rows)
        for work_id, count in sorted(per_work.items()):
            Work.objects.filter(pk=work_id).update(vote_count=F("vote_count") - count)
            Finalist.objects.filter(work_id=work_id).update(votes=F("votes") - count)
            work = Work.objects.get(pk=work_id)
            audit.record(
                action,
                work,
                actor=actor,
                before={"votes": work.vote_count + count},
                after={
                    "votes": work.vote_count,
                    "invalidated": ",".join(str(pk) for pk, w in rows if w == work_id)[
                        :2000
                    ],
                },
                reason=reason,
            )
    logger.info("%s votes invalidated", len(rows))
    return len(rows)


def invalidate_votes_by(showcase, *, actor, reason, vote_ids):
    """An official's invalidation of votes found fraudulent."""
    if not can(actor, "showcase.invalidate_votes", showcase):
        raise NotAllowed()
    return invalidate_votes(
        Vote.objects.filter(showcase=showcase, pk__in=vote_ids),
        actor=actor,
        reason=reason,
    )
