"""The voting rules, one request at a time (any database).

On PostgreSQL a vote is one statement (``showcase.services.vote_statement``)
whose insert guard repeats these rules in SQL, so ``make test`` runs this
module on both databases: a guard looser than the rules would store a
refused vote, a stricter one would turn an accepted vote into a conflict.
"""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from accounts.roles import Role
from common.errors import NotAllowed
from common.models import AuditEntry
from common.ratelimit import RateLimited
from showcase.enums import WorkState
from showcase.errors import (
    AlreadyVotedForWork,
    IdempotencyKeyReused,
    NotVerified,
    QuotaUsed,
    RulesLocked,
    VotingClosed,
    VotingNotOpen,
    WorkNotVotable,
)
from showcase.models import Vote
from showcase.selectors import ranking
from showcase.services.voting import (
    cast_vote,
    configure_voting,
    invalidate_votes_by,
    remaining_votes,
)
from showcase.services.works import veto_work
from tests.factories import ResidentFactory, UserFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory, showcase_dates

pytestmark = [pytest.mark.django_db, pytest.mark.also_postgres]


def valid_votes(work):
    return Vote.objects.filter(work=work, invalidated_at__isnull=True).count()


@pytest.fixture
def showcase():
    return ShowcaseFactory()


@pytest.fixture
def works(showcase):
    return WorkFactory.create_batch(5, showcase=showcase)


def test_vote_three_per_day_then_quota_message(works):
    voter = ResidentFactory()

    results = [cast_vote(work, actor=voter) for work in works[:3]]
    with pytest.raises(QuotaUsed) as refused:
        cast_vote(works[3], actor=voter)

    assert [r.remaining_today for r in results] == [2, 1, 0]
    assert "3" in str(refused.value.message)
    assert refused.value.code == "vote_quota_used"
    assert Vote.objects.filter(voter=voter).count() == 3
    works[3].refresh_from_db()
    assert works[3].vote_count == 0


def test_a_vote_for_an_id_beyond_any_stored_one_finds_no_work(works):
    from common.errors import NotFound

    with pytest.raises(NotFound):
        cast_vote(10**20, actor=ResidentFactory())
    assert not Vote.objects.exists()


def test_vote_twice_for_one_work_same_day_refused(works):
    voter = ResidentFactory()
    cast_vote(works[0], actor=voter)

    with pytest.raises(AlreadyVotedForWork):
        cast_vote(works[0], actor=voter)

    assert remaining_votes(works[0].showcase, voter) == 2


def test_vote_rules_configured_before_voting_allow_two_per_work():
    showcase = ShowcaseFactory(stage="review")
    organiser = person_with_role(Role.CITY_OFFICER)
    configure_voting(
        showcase, actor=organiser, votes_per_day=4, votes_per_work_per_day=2
    )
    work = WorkFactory(showcase=showcase)
    voter = ResidentFactory()
    later = showcase.voting_starts_at + dt.timedelta(hours=1)

    cast_vote(work, actor=voter, now=later)
    cast_vote(work, actor=voter, now=later)
    with pytest.raises(AlreadyVotedForWork):
        cast_vote(work, actor=voter, now=later)

    work.refresh_from_db()
    assert work.vote_count == 2


def test_vote_rules_locked_while_voting_open(showcase):
    organiser = person_with_role(Role.CITY_OFFICER)

    with pytest.raises(RulesLocked):
        configure_voting(
            showcase, actor=organiser, votes_per_day=10, votes_per_work_per_day=5
        )

    showcase.refresh_from_db()
    assert (showcase.votes_per_day, showcase.votes_per_work_per_day) == (3, 1)


def test_vote_rules_changed_only_by_organisers():
    showcase = ShowcaseFactory(stage="review")

    with pytest.raises(NotAllowed):
        configure_voting(
            showcase, actor=ResidentFactory(), votes_per_day=5, votes_per_work_per_day=1
        )

    showcase.refresh_from_db()
    assert showcase.votes_per_day == 3


def test_vote_needs_verified_person(works):
    unverified = UserFactory()

    with pytest.raises(NotVerified):
        cast_vote(works[0], actor=unverified)

    assert Vote.objects.count() == 0


@pytest.mark.parametrize(
    ("stage", "error"),
    [
        ("collection", VotingNotOpen),
        ("review", VotingNotOpen),
        ("expert_review", VotingClosed),
        ("gala", VotingClosed),
    ],
)
def test_vote_outside_voting_stage_refused(stage, error):
    work = WorkFactory(showcase=ShowcaseFactory(stage=stage))

    with pytest.raises(error):
        cast_vote(work, actor=ResidentFactory())

    assert Vote.objects.count() == 0


def test_vote_at_the_closing_instant_refused(showcase, works):
    voter = ResidentFactory()
    last = showcase.voting_ends_at - dt.timedelta(microseconds=1)

    cast_vote(works[0], actor=voter, now=last)
    with pytest.raises(VotingClosed):
        cast_vote(works[1], actor=voter, now=showcase.voting_ends_at)

    assert Vote.objects.count() == 1


@pytest.mark.parametrize(
    "state", [WorkState.DRAFT, WorkState.SUBMITTED, WorkState.REJECTED]
)
def test_vote_for_work_not_approved_refused(showcase, state):
    work = WorkFactory(showcase=showcase, state=state)

    with pytest.raises(WorkNotVotable):
        cast_vote(work, actor=ResidentFactory())

    work.refresh_from_db()
    assert work.vote_count == 0


def test_vote_retried_with_same_key_counts_once(works):
    voter = ResidentFactory()

    first = cast_vote(works[0], actor=voter, idempotency_key="abc")
    again = cast_vote(works[0], actor=voter, idempotency_key="abc")

    assert again.replayed
    assert again.vote_id == first.vote_id
    assert again.remaining_today == first.remaining_today == 2
    works[0].refresh_from_db()
    assert works[0].vote_count == 1 == valid_votes(works[0])


def test_vote_key_reused_for_other_work_refused(works):
    voter = ResidentFactory()
    cast_vote(works[0], actor=voter, idempotency_key="abc")

    with pytest.raises(IdempotencyKeyReused):
        cast_vote(works[1], actor=voter, idempotency_key="abc")

    assert Vote.objects.count() == 1


@pytest.mark.parametrize("server_tz", ["UTC", "America/New_York", "Asia/Shanghai"])
def test_vote_day_boundary_is_shanghai_midnight(settings, server_tz):
    settings.TIME_ZONE = server_tz
    at = dt.datetime(2026, 9, 10, 15, 59, 59, tzinfo=dt.UTC)
    showcase = ShowcaseFactory(**showcase_dates("voting", at=at))
    works = WorkFactory.create_batch(4, showcase=showcase)
    voter = ResidentFactory()

    with time_machine.travel(at, tick=False):
        for work in works[:3]:
            cast_vote(work, actor=voter)
        with pytest.raises(QuotaUsed):
            cast_vote(works[3], actor=voter)
    with time_machine.travel(at + dt.timedelta(seconds=1), tick=False):
        result = cast_vote(works[3], actor=voter)
        again = cast_vote(works[0], actor=voter)

    assert result.day == dt.date(2026, 9, 11)
    assert again.remaining_today == 1
    assert (
        sorted(Vote.objects.values_list("day", flat=True))
        == [dt.date(2026, 9, 10)] * 3 + [dt.date(2026, 9, 11)] * 2
    )


def test_vote_tally_equals_valid_votes_after_invalidation(works):
    voters = ResidentFactory.create_batch(4)
    for voter in voters:
        cast_vote(works[0], actor=voter)
        cast_vote(works[1], actor=voter)
    official = person_with_role(Role.CITY_OFFICER)
    fraud = Vote.objects.filter(voter__in=voters[:2], work=works[0])

    dropped = invalidate_votes_by(
        works[0].showcase,
        actor=official,
        reason="同一设备批量注册账号刷票",
        vote_ids=list(fraud.values_list("pk", flat=True)),
    )

    assert dropped == 2
    for work in works[:2]:
        work.refresh_from_db()
        assert work.vote_count == valid_votes(work)
    assert [w.pk for _rank, w in ranking(works[0].showcase)][:2] == [
        works[1].pk,
        works[0].pk,
    ]
    entry = AuditEntry.objects.get(action="showcase.vote.invalidate")
    assert entry.reason == "同一设备批量注册账号刷票"
    assert entry.actor == official


def test_vote_invalidation_by_resident_refused(works):
    voter = ResidentFactory()
    vote_id = cast_vote(works[0], actor=voter).vote_id

    with pytest.raises(NotAllowed):
        invalidate_votes_by(
            works[0].showcase, actor=voter, reason="x", vote_ids=[vote_id]
        )

    works[0].refresh_from_db()
    assert works[0].vote_count == 1


def test_vetoed_work_drops_out_of_ranking(works):
    for voter in ResidentFactory.create_batch(3):
        cast_vote(works[0], actor=voter)
    cast_vote(works[1], actor=ResidentFactory())
    reviewer = person_with_role(Role.REVIEWER)

    veto_work(works[0], actor=reviewer, reason="画面素材侵权")

    ranked = [w.pk for _rank, w in ranking(works[0].showcase)]
    assert works[0].pk not in ranked
    assert ranked[0] == works[1].pk
    works[0].refresh_from_db()
    assert works[0].state == WorkState.VETOED
    assert works[0].vote_count == 0 == valid_votes(works[0])
    assert set(
        Vote.objects.filter(work=works[0]).values_list("invalid_reason", flat=True)
    ) == {"veto: 画面素材侵权"}
    assert AuditEntry.objects.filter(
        action="showcase.work.veto", reason="画面素材侵权"
    ).exists()
    with pytest.raises(WorkNotVotable):
        cast_vote(works[0], actor=ResidentFactory())


def test_ranking_ties_share_rank_in_stable_order(showcase):
    early, late, top = (
        WorkFactory(
            showcase=showcase, approved_at=timezone.now() - dt.timedelta(days=d)
        )
        for d in (3, 2, 1)
    )
    for work, count in ((early, 1), (late, 1), (top, 2)):
        for voter in ResidentFactory.create_batch(count):
            cast_vote(work, actor=voter)

    first = [(rank, work.pk) for rank, work in ranking(showcase)]
    second = [(rank, work.pk) for rank, work in ranking(showcase)]

    assert first == second == [(1, top.pk), (2, early.pk), (2, late.pk)]


def test_vote_rate_limited_per_device():
    showcase = ShowcaseFactory(device_votes_per_minute=2)
    works = WorkFactory.create_batch(3, showcase=showcase)
    voters = ResidentFactory.create_batch(3)

    for voter, work in zip(voters[:2], works, strict=False):
        cast_vote(work, actor=voter, device="phone-x")
    with pytest.raises(RateLimited):
        cast_vote(works[2], actor=voters[2], device="phone-x")

    assert Vote.objects.count() == 2


def test_vote_rate_limited_per_ip_and_per_device_at_once():
    showcase = ShowcaseFactory(ip_votes_per_minute=2, device_votes_per_minute=2)
    works = WorkFactory.create_batch(4, showcase=showcase)
    voters = ResidentFactory.create_batch(4)

    # One fixed one-minute window for the whole test.
    with time_machine.travel(timezone.now(), tick=False):
        cast_vote(works[0], actor=voters[0], ip="203.0.113.7", device="phone-a")
        cast_vote(works[1], actor=voters[1], ip="203.0.113.7", device="phone-a")
        with pytest.raises(RateLimited):  # the device's third request
            cast_vote(works[2], actor=voters[2], ip="198.51.100.1", device="phone-a")
        with pytest.raises(RateLimited):  # the address's third request
            cast_vote(works[3], actor=voters[3], ip="203.0.113.7", device="phone-b")
        cast_vote(works[3], actor=voters[3], ip="198.51.100.2", device="phone-c")

    assert Vote.objects.count() == 3
