"""A vote on PostgreSQL as one statement: read, lock, insert and count.

:func:`showcase.services.voting.cast_vote` decides every refusal in Python;
on PostgreSQL it first sends this statement, which does the whole vote in
one round trip and its own transaction when nothing refuses it:

1. ``p`` reads the voter: by the id of a person already signed in, or by the
   digest of a bearer token that the API has not looked up
   (:class:`accounts.tokens.BearerToken`), with the same conditions as
   :func:`accounts.tokens.user_of_digest`;
2. ``s0`` and ``w0`` read the work's showcase and the work without a lock;
   ``mine`` the voter's votes of the day and the one with the idempotency
   key; ``d`` the first free daily and work slot from them; ``hits`` adds
   this request to the requests of the minute from its IP address and
   device that had committed when the statement began;
3. ``ok`` holds a row only if none of what was read refuses the vote. A
   refused vote stops here: it takes no lock and writes nothing but its
   request count, so it neither waits for a veto or a close nor for the
   disk (its transaction writes no WAL, the count's table is unlogged);
4. ``s`` takes ``FOR KEY SHARE`` on the showcase (closing waits for it, as
   in the module documentation of ``voting``) and ``w`` then ``FOR NO KEY
   UPDATE`` on the work, so a veto (``FOR UPDATE`` on the work) cannot
   change its state until this vote is stored or refused; the lock is the
   one the tally update takes anyway. Both read the rows as they are once
   locked;
5. ``ins`` inserts the vote when the locked rows still allow it (``ON
   CONFLICT DO NOTHING``: a parallel vote of the voter took the slot), and
   ``u`` adds one to the tally when it did;
6. ``counted`` counts the request in the minute's rows of its IP address and
   device (:class:`showcase.models.VoteRequestCount`), accepted or refused.
   It reads ``w``, so it locks those rows only after the work's row, as every
   vote does: two votes never wait for each other in opposite orders.

The guards repeat ``cast_vote``'s rules in SQL: an active and verified
voter, the per-minute limits, no replayed key, the voting stage (as
``stage_of`` computes it) and no frozen tally, the work approved, a free
slot of each kind. They decide nothing the caller does not check again:
when no vote comes back the caller builds the refusal from the returned
row, or runs the statement again when no rule refuses (a slot was taken
meanwhile, or the locked rows had changed since they were read). The one
row always comes back, with NULLs for what was not found (no such person,
work or showcase). A rule changed in ``cast_vote`` must change here too;
``make test`` runs every refusal of ``tests/showcase/test_voting.py`` on
both databases.
"""

import datetime as dt
import functools
from dataclasses import dataclass

from django.db import connection

from common import ratelimit, sqlrows
from showcase.enums import WorkState
from showcase.models import Showcase

VOTER_BY_ID = (
    " p AS MATERIALIZED (SELECT u.id, u.is_active,"
    " u.mobile_verified_at IS NOT NULL AS verified"
    " FROM accounts_user u WHERE u.id = %(voter)s),"
)
VOTER_BY_BEARER = (
    " p AS MATERIALIZED (SELECT u.id, u.is_active,"
    " u.mobile_verified_at IS NOT NULL AS verified"
    " FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id"
    " WHERE t.digest = %(digest)s::varchar AND t.revoked_at IS NULL"
    " AND t.expires_at > %(now)s::timestamptz),"
)
CTES = (
    " s0 AS MATERIALIZED (SELECT s.* FROM showcase_showcase s"
    " WHERE s.id = (SELECT showcase_id FROM showcase_work WHERE id = %(work)s)),"
    " w0 AS MATERIALIZED (SELECT w.state, w.vote_count FROM showcase_work w"
    " WHERE w.id = %(work)s),"
    " mine AS MATERIALIZED (SELECT v.id, v.showcase_id, v.slot, v.work_id,"
    " v.work_slot, v.idempotency_key,"
    " (v.showcase_id = s.id AND v.day = %(day)s::date) AS today"
    " FROM showcase_vote v, s0 s, p WHERE v.voter_id = p.id"
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
    " FROM s0 s),"
    " hits AS MATERIALIZED (SELECT"
    " (%(ip_key)s::varchar IS NOT NULL AND %(new)s)::int + coalesce((SELECT"
    " sum(requests) FROM showcase_voterequestcount WHERE scope = 'ip'"
    " AND key = %(ip_key)s AND minute = %(minute)s::bigint), 0) AS ip_hits,"
    " (%(device_key)s::varchar IS NOT NULL AND %(new)s)::int + coalesce((SELECT"
    " sum(requests) FROM showcase_voterequestcount WHERE scope = 'device'"
    " AND key = %(device_key)s AND minute = %(minute)s::bigint), 0) AS device_hits),"
    " ok AS MATERIALIZED (SELECT s.id FROM p, s0 s, w0, d, hits"
    " WHERE p.is_active AND p.verified"
    " AND hits.ip_hits <= s.ip_votes_per_minute"
    " AND hits.device_hits <= s.device_votes_per_minute"
    " AND d.replay IS NULL AND w0.state = %(approved)s"
    " AND d.slot IS NOT NULL AND d.work_slot IS NOT NULL),"
    " s AS MATERIALIZED (SELECT s.* FROM showcase_showcase s"
    " WHERE s.id = (SELECT id FROM ok) FOR KEY SHARE),"
    " w AS MATERIALIZED (SELECT w.id, w.state FROM showcase_work w"
    " JOIN s ON s.id = w.showcase_id"
    " WHERE w.id = %(work)s FOR NO KEY UPDATE OF w),"
    " ins AS (INSERT INTO showcase_vote (showcase_id, work_id, voter_id, day,"
    " slot, work_slot, cast_at, idempotency_key, ip, device, invalid_reason)"
    " SELECT s.id, w.id, p.id, %(day)s::date, d.slot, d.work_slot,"
    " %(now)s::timestamptz, %(key)s::varchar, %(ip)s::inet, %(device)s, ''"
    " FROM p, s, w, d WHERE s.tally_frozen_at IS NULL"
    " AND %(now)s::timestamptz >= greatest(s.collection_starts_at,"
    " s.review_starts_at, s.voting_starts_at)"
    " AND %(now)s::timestamptz < s.voting_ends_at AND w.state = %(approved)s"
    " ON CONFLICT DO NOTHING RETURNING id),"
    " u AS (UPDATE showcase_work t SET vote_count = t.vote_count + 1"
    " FROM ins WHERE t.id = %(work)s RETURNING t.vote_count),"
    " counted AS (INSERT INTO showcase_voterequestcount"
    " (scope, key, minute, part, requests)"
    " SELECT k.scope, k.key, %(minute)s::bigint, pg_backend_pid(), 1"
    " FROM (VALUES ('ip', %(ip_key)s::varchar), ('device', %(device_key)s::varchar))"
    " AS k (scope, key) LEFT JOIN w ON true WHERE k.key IS NOT NULL AND %(new)s"
    " ON CONFLICT (scope, key, minute, part) DO UPDATE"
    " SET requests = showcase_voterequestcount.requests + 1)"
)
# What the caller needs in every case first; the showcase only when nothing
# was stored (to find the refusal). What was read without a lock (s0, w0)
# may be older than what the locks found: when the insert's guard refused on
# newer values, the caller finds no refusal in the row and runs the
# statement again, which then reads them.
RESULTS = (
    " SELECT p.id, p.is_active, p.verified, hits.ip_hits, hits.device_hits,"
    " s0.id, s0.votes_per_day, w0.state, w0.vote_count, d.slot, d.work_slot,"
    " d.used, d.replay, r.work_id, r.showcase_id, r.day,"
    " (SELECT id FROM ins), (SELECT vote_count FROM u)"
)
# One row in every case: what was not found comes back as NULLs.
JOINS = (
    " FROM (SELECT) AS one LEFT JOIN p ON true LEFT JOIN hits ON true"
    " LEFT JOIN s0 ON true LEFT JOIN w0 ON true LEFT JOIN d ON true"
    " LEFT JOIN s0 AS sh ON (SELECT id FROM ins) IS NULL"
    " LEFT JOIN showcase_vote r ON r.id = d.replay"
)


# What the refusals read of the showcase: its voting rules and stage dates.
SHOWCASE_FIELDS = (
    "id",
    "collection_starts_at",
    "review_starts_at",
    "voting_starts_at",
    "voting_ends_at",
    "gala_starts_at",
    "ends_at",
    "votes_per_day",
    "ip_votes_per_minute",
    "device_votes_per_minute",
    "tally_frozen_at",
)


# psycopg turns the %(name)s placeholders into $n on every execution of a
# text longer than 4096 bytes (it caches shorter ones): for the vote that
# cost more CPU than the rest of its call. tests/common/test_sqlrows.py
# keeps both texts under the limit.
@functools.cache
def statement(*, by_token):
    voter = VOTER_BY_BEARER if by_token else VOTER_BY_ID
    showcase = sqlrows.columns(Showcase, "sh", SHOWCASE_FIELDS)
    return f"WITH{voter}{CTES}{RESULTS}, {showcase}{JOINS}"


@dataclass(frozen=True)
class Outcome:
    """What the statement found and did; ``vote_id`` is None if not stored.

    ``voter_id`` is None when no person holds the token (or has the id),
    ``showcase_id`` when there is no such work.
    """

    voter_id: int | None
    voter_active: bool | None
    voter_verified: bool | None
    # This request's place among the minute's requests from its IP address
    # and device (0 without one).
    ip_hits: int
    device_hits: int
    showcase_id: int | None
    votes_per_day: int | None
    work_state: str | None
    work_votes: int | None
    slot: int | None
    work_slot: int | None
    used: int | None
    # The voter's vote with the idempotency key, if any.
    replay: int | None
    replay_work_id: int | None
    replay_showcase_id: int | None
    replay_day: dt.date | None
    vote_id: int | None
    tally: int | None
    rest: tuple

    def showcase(self):
        """The showcase as the statement read it (only when nothing was stored),
        with the fields the refusals read; the others are deferred."""
        return sqlrows.instance(Showcase, self.rest, only=SHOWCASE_FIELDS)


def cast(
    *,
    work_id,
    voter_id=None,
    digest=None,
    day,
    now,
    key,
    ip,
    device,
    new=True,
):
    """Run the statement once for the voter with ``voter_id`` or the holder of
    the token with ``digest``: its :class:`Outcome`. ``new`` is False when the
    statement runs again for the same request, which it counted already."""
    ops = connection.ops
    params = {
        "work": work_id,
        "voter": voter_id,
        "digest": digest,
        "day": ops.adapt_datefield_value(day),
        "now": ops.adapt_datetimefield_value(now),
        "key": key,
        "ip": ip,
        "device": device,
        "ip_key": ratelimit.key_digest(ip) if ip else None,
        "device_key": ratelimit.key_digest(device) if device else None,
        "minute": int(now.timestamp()) // 60,
        "new": new,
        "approved": WorkState.APPROVED.value,
    }
    row = sqlrows.fetch_one(statement(by_token=digest is not None), params)
    return Outcome(*row[:RESULT_COUNT], rest=row[RESULT_COUNT:])


RESULT_COUNT = 18
