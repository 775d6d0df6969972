"""A vote on PostgreSQL as one statement: lock, read, insert and count.

:func:`showcase.services.voting.cast_vote` decides every refusal in Python;
on PostgreSQL it first sends this statement, which does the whole vote in
one round trip and its own transaction when nothing refuses it:

1. ``s`` takes ``FOR KEY SHARE`` on the work's showcase (closing waits for
   it, as in the module documentation of ``voting``);
2. ``w`` takes ``FOR NO KEY UPDATE`` on the work after the showcase, so a
   veto (``FOR UPDATE`` on the work) cannot change its state until this
   vote is stored or refused; the lock is the one the tally update takes
   anyway;
3. ``mine`` reads the voter's votes of the day and the one with the
   idempotency key; ``d`` the first free daily and work slot from them;
4. ``ins`` inserts the vote only when every rule of ``cast_vote`` lets it
   (``ON CONFLICT DO NOTHING``: a parallel vote of the voter took the slot),
   and ``u`` adds one to the tally when it did.

The insert's guard repeats ``cast_vote``'s rules in SQL: the rate limits,
no replayed key, the voting stage (as ``stage_of`` computes it) and no
frozen tally, the work approved, a free slot of each kind. It decides
nothing the caller does not check again: when no vote comes back the
caller builds the refusal from the returned row, or retries when no rule
refuses (a slot was taken meanwhile). A rule changed in ``cast_vote`` must
change here too; ``make test`` runs every refusal of
``tests/showcase/test_voting.py`` on both databases.
"""

import functools
from dataclasses import dataclass

from django.db import connection

from common import sqlrows
from showcase.enums import WorkState
from showcase.models import Showcase, Vote

CTES = (
    "WITH s AS MATERIALIZED ("
    " SELECT s.* FROM showcase_showcase s"
    " WHERE s.id = (SELECT showcase_id FROM showcase_work WHERE id = %(work)s)"
    " FOR KEY SHARE),"
    " w AS MATERIALIZED ("
    " SELECT w.id, w.state, w.vote_count FROM showcase_work w"
    " JOIN s ON s.id = w.showcase_id"
    " WHERE w.id = %(work)s FOR NO KEY UPDATE OF w),"
    " mine AS MATERIALIZED ("
    " SELECT v.id, v.showcase_id, v.slot, v.work_id, v.work_slot, v.idempotency_key,"
    " (v.showcase_id = s.id AND v.day = %(day)s::date) AS today"
    " FROM showcase_vote v, s WHERE v.voter_id = %(voter)s"
    " AND ((v.showcase_id = s.id AND v.day = %(day)s::date)"
    " OR v.idempotency_key = %(key)s::varchar)),"
    " d AS MATERIALIZED (SELECT"
    " (SELECT min(n) FROM generate_series(1, s.votes_per_day) n"
    " WHERE n NOT IN (SELECT slot FROM mine WHERE today)) AS slot,"
    " (SELECT min(n) FROM generate_series(1, s.votes_per_work_per_day) n"
    " WHERE n NOT IN (SELECT work_slot FROM mine"
    " WHERE today AND work_id = %(work)s)) AS work_slot,"
    " (SELECT count(*) FROM mine WHERE today) AS used,"
    " (SELECT id FROM mine WHERE idempotency_key = %(key)s::varchar) AS replay"
    " FROM s),"
    " ins AS (INSERT INTO showcase_vote (showcase_id, work_id, voter_id, day,"
    " slot, work_slot, cast_at, idempotency_key, ip, device, invalid_reason)"
    " SELECT s.id, w.id, %(voter)s, %(day)s::date, d.slot, d.work_slot,"
    " %(now)s::timestamptz, %(key)s::varchar, %(ip)s::inet, %(device)s, ''"
    " FROM s, w, d"
    " WHERE %(ip_hits)s <= s.ip_votes_per_minute"
    " AND %(device_hits)s <= s.device_votes_per_minute"
    " AND d.replay IS NULL AND s.tally_frozen_at IS NULL"
    " AND %(now)s::timestamptz >= s.collection_starts_at"
    " AND %(now)s::timestamptz >= s.review_starts_at"
    " AND %(now)s::timestamptz >= s.voting_starts_at"
    " AND %(now)s::timestamptz < s.voting_ends_at"
    " AND w.state = %(approved)s"
    " AND d.slot IS NOT NULL AND d.work_slot IS NOT NULL"
    " ON CONFLICT DO NOTHING RETURNING id),"
    " u AS (UPDATE showcase_work t SET vote_count = t.vote_count + 1"
    " FROM ins WHERE t.id = %(work)s RETURNING t.vote_count)"
)
# What the caller needs in every case first; the showcase only when nothing
# was stored (to find the refusal), the replayed vote only on a replay.
RESULTS = (
    " SELECT s.id, s.votes_per_day, w.state, w.vote_count, d.slot, d.work_slot,"
    " d.used, d.replay, (SELECT id FROM ins), (SELECT vote_count FROM u)"
)
JOINS = (
    " FROM s CROSS JOIN w CROSS JOIN d"
    " LEFT JOIN s AS shown ON (SELECT id FROM ins) IS NULL"
    " LEFT JOIN showcase_vote r ON r.id = d.replay"
)


@functools.cache
def statement():
    showcase = sqlrows.columns(Showcase, "shown")
    replayed = sqlrows.columns(Vote, "r")
    return f"{CTES}{RESULTS}, {showcase}, {replayed}{JOINS}"


@dataclass(frozen=True)
class Outcome:
    """What the statement found and did; ``vote_id`` is None if not stored."""

    showcase_id: int
    votes_per_day: int
    work_state: str
    work_votes: int
    slot: int | None
    work_slot: int | None
    used: int
    # The id of the voter's vote with the idempotency key, if any.
    replay: int | None
    vote_id: int | None
    tally: int | None
    rest: tuple

    def showcase(self):
        """The showcase as the statement read it (only when nothing was stored)."""
        return sqlrows.instance(Showcase, self.rest)

    def replayed_vote(self):
        """The vote with the idempotency key (only on a replay)."""
        return sqlrows.instance(Vote, self.rest[sqlrows.width(Showcase) :])


def cast(*, work_id, voter_id, day, now, key, ip, device, ip_hits, device_hits):
    """Run the statement once: its :class:`Outcome`, or None (no such work)."""
    ops = connection.ops
    params = {
        "work": work_id,
        "voter": voter_id,
        "day": ops.adapt_datefield_value(day),
        "now": ops.adapt_datetimefield_value(now),
        "key": key,
        "ip": ip,
        "device": device,
        "ip_hits": ip_hits,
        "device_hits": device_hits,
        "approved": WorkState.APPROVED.value,
    }
    row = sqlrows.fetch_one(statement(), params)
    if row is None:
        return None
    return Outcome(*row[:RESULT_COUNT], rest=row[RESULT_COUNT:])


RESULT_COUNT = 10
