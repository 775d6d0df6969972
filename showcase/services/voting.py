"""Casting and invalidating public votes.

How the quota holds, whatever the concurrency and however many app servers:
the database carries it. Each vote row takes a ``slot`` 1..votes_per_day,
unique per (showcase, voter, Asia/Shanghai day), and a ``work_slot``
1..votes_per_work_per_day, unique per (showcase, voter, work, day).
:func:`cast_vote` reads the voter's used slots, inserts with the first free
ones by ``INSERT ... ON CONFLICT DO NOTHING`` and, when nothing was inserted
(a parallel request of the same voter took the slot first; PostgreSQL makes
the insert wait until that one commits or rolls back), reads again and
retries. The n-th parallel request can therefore only land in a free slot,
and once all slots are taken every further one is refused with the quota
message. The same unique constraints make a repeated idempotency key count
once. The quota values themselves cannot change once voting opens
(:func:`configure_voting`).

The tally ``Work.vote_count`` is changed in the same transaction as the vote
row. On PostgreSQL the whole vote is one statement
(:mod:`showcase.services.vote_statement`) that locks the work's row before
reading its state, so a veto (which holds the same lock) either comes before
and the vote is refused, or waits for the vote and then invalidates it. On
SQLite the tally's ``UPDATE ... WHERE state = approved`` finds a vetoed work
and the vote is rolled back. Tests and ``bench/votes.py``
check that every tally equals the count of the work's valid votes.

Closing: every vote transaction first takes ``FOR KEY SHARE`` on the
showcase row and then checks ``tally_frozen_at``; closing takes ``FOR
UPDATE`` on the same row, so it waits for every vote in flight and every
later vote sees the frozen tally and is refused. A vote is therefore either
in the frozen tally or refused, never stored and left out.

Per-minute limits per IP address and per device (:class:`VoteRequestCount`):
every request is counted, refused or not, in the database the vote uses, so
the limits hold across app servers; on PostgreSQL the vote's statement
counts it, with no round trip of its own. A vote sees the requests that had
committed when it began, so requests in flight at the same moment do not see
each other: within a minute at most one request per other request being
served at that moment can pass beyond a limit. The daily quota is exact.
"""

import datetime as dt
import functools
import logging
import zoneinfo
from collections import Counter
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone

from accounts.permissions import can
from accounts.tokens import BearerToken
from common import audit, ratelimit, sqlrows
from common.errors import Conflict, NotAllowed, NotFound, Unauthenticated
from common.inputs import within
from showcase.enums import Stage, WorkState
from showcase.errors import (
    AlreadyVotedForWork,
    IdempotencyKeyReused,
    IdempotencyKeyTooLong,
    NotVerified,
    QuotaUsed,
    ReasonRequired,
    ResultsPublished,
    RulesLocked,
    RulesOutOfRange,
    VotingClosed,
    VotingNotOpen,
    WorkNotVotable,
)
from showcase.models import (
    MAX_VOTES_PER_DAY,
    Finalist,
    Showcase,
    Vote,
    VoteRequestCount,
    Work,
)
from showcase.services import vote_statement
from showcase.services.locks import hold_showcase
from showcase.stages import stage_of

logger = logging.getLogger(__name__)

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
IDEMPOTENCY_KEY_LENGTH = 64  # Vote.idempotency_key


def voting_day(moment):
    """The Asia/Shanghai calendar day of ``moment``: the quota's day."""
    return moment.astimezone(SHANGHAI).date()


@dataclass(frozen=True)
class VoteResult:
    """The stored vote (or the one a repeated key asked for again)."""

    vote_id: int
    day: dt.date
    remaining_today: int
    votes: int
    replayed: bool = False


def cast_vote(work, *, actor, now=None, idempotency_key=None, ip=None, device=""):
    """Store one vote of ``actor`` for ``work`` (a Work or its id) and count it.

    ``actor`` is a person or an unchecked :class:`BearerToken` of the API,
    which the vote checks itself (on PostgreSQL in its statement, after the
    request was counted against the rate limits). Refusals, each with its own
    error: no active person holds the token (:class:`Unauthenticated`), not
    a verified person (:class:`NotVerified`), too many requests from this IP
    or device (``RateLimited``), voting not open or closed, work not
    votable, already voted for this work today, quota used today. A request
    repeating an ``idempotency_key`` of this voter returns the stored vote
    again (``replayed=True``) and counts nothing. The work and its showcase
    are read under lock inside the transaction, whatever the caller holds.
    """
    bearer = actor if isinstance(actor, BearerToken) else None
    if bearer is None or connection.vendor != "postgresql":
        actor = _person(actor)
    work_id = getattr(work, "pk", work)
    now = now or timezone.now()
    day = voting_day(now)
    key = (idempotency_key or "").strip() or None
    if key is not None and len(key) > IDEMPOTENCY_KEY_LENGTH:
        # Cutting it would make two different keys one.
        raise IdempotencyKeyTooLong(IDEMPOTENCY_KEY_LENGTH)
    device = (device or "")[:64]

    if connection.vendor == "postgresql":
        return _cast_in_one_statement(
            work_id=work_id,
            voter_id=None if bearer else actor.pk,
            digest=bearer.digest if bearer else None,
            day=day,
            now=now,
            key=key,
            ip=ip,
            device=device,
        )
    rates = _count_request(ip, device, now)
    with transaction.atomic():
        showcase = _read_showcase(work_id)
        _check_rate(showcase, rates)
        for _attempt in range(2 * MAX_VOTES_PER_DAY + 2):
            rows = _votes_of(showcase, actor, day, key)
            if key is not None:
                replay = _replay(showcase, work_id, rows, key, day)
                if replay is not None:
                    return replay
            _check_voting_open(showcase, now)
            if showcase.work_state != WorkState.APPROVED:
                raise WorkNotVotable()
            slot, work_slot, used = _free_slots(showcase, work_id, rows, day)
            vote = _new_vote(
                showcase.pk, work_id, actor.pk, day, now, key=key, ip=ip, device=device
            )
            vote.slot, vote.work_slot = slot, work_slot
            vote.pk, tally = _insert_and_count(vote)
            if vote.pk is None:
                continue
            if tally is None:
                raise WorkNotVotable()
            return VoteResult(vote.pk, day, showcase.votes_per_day - used - 1, tally)
    logger.warning("vote of person %s kept colliding; refused", actor.pk)
    raise Conflict()


def _person(actor):
    """The verified person voting; a bearer token is looked up here."""
    if isinstance(actor, BearerToken):
        actor = actor.holder()
        if actor is None:
            raise Unauthenticated()
    if not actor.is_authenticated or actor.mobile_verified_at is None:
        raise NotVerified()
    return actor


def _cast_in_one_statement(*, work_id, voter_id, digest, day, now, key, ip, device):
    """The vote on PostgreSQL (:mod:`showcase.services.vote_statement`).

    The statement stores the vote when no rule refuses it; otherwise the
    refusal is found here from what it read, in the same order as on SQLite.
    No rule refusing and nothing stored means a parallel vote of the voter
    took the slot: the statement runs again.
    """
    for attempt in range(2 * MAX_VOTES_PER_DAY + 2):
        outcome = vote_statement.cast(
            work_id=work_id,
            voter_id=voter_id,
            digest=digest,
            day=day,
            now=now,
            key=key,
            ip=ip,
            device=device,
            new=attempt == 0,
        )
        if outcome.voter_id is None or not outcome.voter_active:
            raise Unauthenticated()
        if not outcome.voter_verified:
            raise NotVerified()
        if outcome.showcase_id is None:
            raise NotFound()
        if outcome.vote_id is not None:
            remaining = outcome.votes_per_day - outcome.used - 1
            return VoteResult(outcome.vote_id, day, remaining, outcome.tally)
        showcase = outcome.showcase()
        _check_rate(showcase, {"ip": outcome.ip_hits, "device": outcome.device_hits})
        if outcome.replay is not None:
            if (
                outcome.replay_work_id != work_id
                or outcome.replay_showcase_id != showcase.pk
            ):
                raise IdempotencyKeyReused()
            return VoteResult(
                outcome.replay,
                outcome.replay_day,
                max(showcase.votes_per_day - outcome.used, 0),
                outcome.work_votes,
                replayed=True,
            )
        _check_voting_open(showcase, now)
        if outcome.work_state != WorkState.APPROVED:
            raise WorkNotVotable()
        if outcome.slot is None:
            raise QuotaUsed(showcase.votes_per_day)
        if outcome.work_slot is None:
            raise AlreadyVotedForWork()
    logger.warning("vote of person %s kept colliding; refused", outcome.voter_id)
    raise Conflict()


def _new_vote(showcase_id, work_id, voter_id, day, now, *, key, ip, device):
    return Vote(
        showcase_id=showcase_id,
        work_id=work_id,
        voter_id=voter_id,
        day=day,
        cast_at=now,
        idempotency_key=key,
        ip=ip,
        device=device,
    )


def _count_request(ip, device, now):
    """Count this request against the per-minute limits: the minute's
    requests from its IP address and device so far, this one included.

    SQLite only, in a transaction of its own before the vote's, so that a
    refused vote stays counted; on PostgreSQL the vote's statement counts it
    (:class:`showcase.models.VoteRequestCount`).
    """
    minute = int(now.timestamp()) // 60
    counts = {}
    with transaction.atomic():
        for scope, value in (("ip", ip), ("device", device)):
            if not value:
                continue
            this = {
                "scope": scope,
                "key": ratelimit.key_digest(value),
                "minute": minute,
            }
            rows = VoteRequestCount.objects.filter(**this)
            if not rows.filter(part=0).update(requests=F("requests") + 1):
                VoteRequestCount.objects.create(**this, part=0, requests=1)
            counts[scope] = rows.aggregate(n=Sum("requests"))["n"]
    return counts


def _check_rate(showcase, rates):
    if (
        rates.get("ip", 0) > showcase.ip_votes_per_minute
        or rates.get("device", 0) > showcase.device_votes_per_minute
    ):
        raise ratelimit.RateLimited()


@functools.cache
def _read_showcase_sql():
    return (
        f"SELECT {sqlrows.columns(Showcase, 's')}, w.state FROM showcase_work w"  # noqa: S608 -- column names of the model
        " JOIN showcase_showcase s ON s.id = w.showcase_id WHERE w.id = %s"
    )


def _read_showcase(work_id):
    """The work's showcase, with the work's state as ``work_state``.

    SQLite only: it serialises writers, so a plain read inside the vote's
    transaction does what the share lock does on PostgreSQL.
    """
    if not 0 < work_id < 2**63:
        raise NotFound()  # beyond any stored id, and beyond SQLite's integers
    with connection.cursor() as cursor:
        cursor.execute(_read_showcase_sql(), [work_id])
        row = cursor.fetchone()
    if row is None:
        raise NotFound()
    showcase = sqlrows.instance(Showcase, row)
    showcase.work_state = row[sqlrows.width(Showcase)]
    return showcase


def _votes_of(showcase, voter, day, key):
    """The voter's votes of the day, and the one with ``key`` (any day)."""
    today = Q(showcase=showcase, voter=voter, day=day)
    condition = today | Q(voter=voter, idempotency_key=key) if key else today
    return list(
        Vote.objects.filter(condition).values_list(
            "pk",
            "showcase_id",
            "day",
            "slot",
            "work_id",
            "work_slot",
            "idempotency_key",
        )
    )


INSERT_VOTE = (
    "INSERT INTO showcase_vote (showcase_id, work_id, voter_id, day, slot,"
    " work_slot, cast_at, idempotency_key, ip, device, invalid_reason)"
    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, '')"
    " ON CONFLICT DO NOTHING RETURNING id"
)
# Adds one to the tally only while the work is approved. A veto holds the
# work's row lock, so this waits for it and then finds the work vetoed.
COUNT_VOTE = (
    "UPDATE showcase_work SET vote_count = vote_count + 1"
    " WHERE id = %s AND state = %s RETURNING vote_count"
)


def _insert_and_count(vote):
    """Insert ``vote`` and count it: ``(vote id, new tally)``.

    The id is None when a slot or the key was taken meanwhile, so the caller
    reads again and retries, without a savepoint. The tally is None when the
    work is no longer approved; the caller then rolls back. SQLite only.
    """
    ops = connection.ops
    params = [
        vote.showcase_id,
        vote.work_id,
        vote.voter_id,
        ops.adapt_datefield_value(vote.day),
        vote.slot,
        vote.work_slot,
        ops.adapt_datetimefield_value(vote.cast_at),
        vote.idempotency_key,
        vote.ip,
        vote.device,
    ]
    approved = WorkState.APPROVED.value
    with connection.cursor() as cursor:
        cursor.execute(INSERT_VOTE, params)
        row = cursor.fetchone()
        if row is None:
            return None, None
        cursor.execute(COUNT_VOTE, [vote.work_id, approved])
        counted = cursor.fetchone()
    return row[0], counted[0] if counted else None


def _check_voting_open(showcase, now):
    if showcase.tally_frozen_at is not None:
        raise VotingClosed()
    stage = stage_of(showcase, now=now)
    if stage == Stage.VOTING:
        return
    if now < showcase.voting_starts_at:
        raise VotingNotOpen()
    raise VotingClosed()


def _free_slots(showcase, work_id, rows, day):
    """The first free daily slot and work slot, or the refusal that applies."""
    today = [r for r in rows if r[1] == showcase.pk and r[2] == day]
    used_slots = {r[3] for r in today}
    work_slots = {r[5] for r in today if r[4] == work_id}
    free = [n for n in range(1, showcase.votes_per_day + 1) if n not in used_slots]
    work_free = [
        n for n in range(1, showcase.votes_per_work_per_day + 1) if n not in work_slots
    ]
    if free and not work_free:
        raise AlreadyVotedForWork()
    if not free:
        raise QuotaUsed(showcase.votes_per_day)
    return free[0], work_free[0], len(used_slots)


def _replay(showcase, work_id, rows, key, day):
    existing = next((r for r in rows if r[6] == key), None)
    if existing is None:
        return None
    pk, showcase_id = existing[0], existing[1]
    if existing[4] != work_id or showcase_id != showcase.pk:
        raise IdempotencyKeyReused()
    used = sum(1 for r in rows if r[1] == showcase.pk and r[2] == day)
    tally = Work.objects.values_list("vote_count", flat=True).get(pk=work_id)
    return VoteResult(
        pk,
        existing[2],
        max(showcase.votes_per_day - used, 0),
        tally,
        replayed=True,
    )


def remaining_votes(showcase, voter, *, now=None):
    """How many votes ``voter`` has left today in ``showcase`` (none until
    their mobile number is verified)."""
    if not voter.is_authenticated or voter.mobile_verified_at is None:
        return 0
    day = voting_day(now or timezone.now())
    used = Vote.objects.filter(showcase=showcase, voter=voter, day=day).count()
    return max(showcase.votes_per_day - used, 0)


def votes_today_by_work(showcase, voter, *, now=None):
    """How many votes ``voter`` gave each work in ``showcase`` today."""
    if not voter.is_authenticated:
        return Counter()
    day = voting_day(now or timezone.now())
    return Counter(
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
        # Works before votes, in id order: the order a veto takes them too,
        # so two invalidations of one work never deadlock.
        work_ids = sorted(set(votes.values_list("work_id", flat=True)))
        list(
            Work.objects.filter(pk__in=work_ids)
            .order_by("pk")
            .select_for_update()
            .values_list("pk", flat=True)
        )
        rows = list(
            votes.filter(invalidated_at__isnull=True)
            .select_for_update()
            .values_list("pk", "work_id")
        )
        if not rows:
            return 0
        Vote.objects.filter(pk__in=[pk for pk, _work in rows]).update(
            invalidated_at=now, invalid_reason=within(reason, 200)
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
    """An official's invalidation of votes found fraudulent; refused once the
    results are published, whose figures count those votes.

    Under the showcase's lock (:func:`hold_showcase`): the invalidation
    falls wholly before the close, and the frozen tally never counts the
    votes, or wholly after it, and the finalist's tally goes down with them.
    """
    if not can(actor, "showcase.invalidate_votes", showcase):
        raise NotAllowed()
    with transaction.atomic():
        if hold_showcase(showcase.pk).results_published_at is not None:
            raise ResultsPublished()
        return invalidate_votes(
            Vote.objects.filter(showcase=showcase, pk__in=vote_ids),
            actor=actor,
            reason=reason,
        )
