"""The voting rules under real concurrency (PostgreSQL, real threads)."""

import datetime as dt
import threading

import pytest
from django.db import connection

from accounts.roles import Role
from common.errors import DomainError
from showcase.enums import WorkState
from showcase.errors import AlreadyVotedForWork, QuotaUsed, VotingClosed
from showcase.models import Finalist, Vote, Work
from showcase.services.results import close_voting
from showcase.services.voting import cast_vote
from showcase.services.works import approve_work, veto_work
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory, showcase_dates
from tests.showcase.threads import run_at_most, run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def assert_tallies_equal_valid_votes():
    for work in Work.objects.all():
        valid = Vote.objects.filter(work=work, invalidated_at__isnull=True).count()
        assert work.vote_count == valid, work


def test_parallel_votes_of_one_voter_exactly_three_land():
    showcase = ShowcaseFactory()
    works = WorkFactory.create_batch(12, showcase=showcase)
    voter = ResidentFactory()
    calls = [
        (lambda work=work: cast_vote(work, actor=voter))
        for work in works
        for _repeat in range(2)
    ]

    outcomes = run_in_threads(calls)

    landed = [o for o in outcomes if not isinstance(o, DomainError)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(landed) == 3
    assert all(isinstance(o, QuotaUsed | AlreadyVotedForWork) for o in refused)
    assert sum(isinstance(o, QuotaUsed) for o in refused) >= 24 - 3 - 3
    assert sorted(Vote.objects.values_list("slot", flat=True)) == [1, 2, 3]
    assert_tallies_equal_valid_votes()


def test_parallel_votes_for_one_work_one_lands():
    work = WorkFactory()
    voter = ResidentFactory()

    outcomes = run_in_threads([lambda: cast_vote(work, actor=voter)] * 10)

    assert sum(not isinstance(o, DomainError) for o in outcomes) == 1
    assert all(
        isinstance(o, AlreadyVotedForWork)
        for o in outcomes
        if isinstance(o, DomainError)
    )
    assert_tallies_equal_valid_votes()


def test_parallel_retries_with_one_key_count_once():
    work = WorkFactory()
    voter = ResidentFactory()

    outcomes = run_in_threads(
        [lambda: cast_vote(work, actor=voter, idempotency_key="retry-1")] * 8
    )

    assert all(not isinstance(o, DomainError) for o in outcomes)
    assert len({o.vote_id for o in outcomes}) == 1
    assert Vote.objects.count() == 1
    assert_tallies_equal_valid_votes()


def test_many_voters_in_parallel_tallies_equal_counts():
    showcase = ShowcaseFactory()
    works = WorkFactory.create_batch(3, showcase=showcase)
    voters = ResidentFactory.create_batch(8)
    calls = [
        (lambda voter=voter, work=work: cast_vote(work, actor=voter))
        for voter in voters
        for work in works + works[:1]
    ]

    outcomes = run_in_threads(calls)

    assert sum(not isinstance(o, DomainError) for o in outcomes) == 24
    for work in works:
        work.refresh_from_db()
        assert work.vote_count == 8
    assert_tallies_equal_valid_votes()


def test_votes_racing_a_veto_never_counted_for_vetoed_work():
    work = WorkFactory()
    voters = ResidentFactory.create_batch(12)
    reviewer = person_with_role(Role.REVIEWER)
    calls = [(lambda voter=voter: cast_vote(work, actor=voter)) for voter in voters]
    calls.insert(6, lambda: veto_work(work, actor=reviewer, reason="侵权"))

    run_in_threads(calls)

    work.refresh_from_db()
    assert work.vote_count == 0
    assert not Vote.objects.filter(work=work, invalidated_at__isnull=True).exists()


def test_votes_racing_the_close_are_counted_or_refused():
    showcase = ShowcaseFactory()
    works = WorkFactory.create_batch(4, showcase=showcase)
    voters = ResidentFactory.create_batch(16)
    organiser = person_with_role(Role.CITY_OFFICER)
    closing = showcase.voting_ends_at
    just_before = closing.replace(microsecond=0) - closing.resolution * 1000
    calls = [
        (lambda voter=voter, work=work: cast_vote(work, actor=voter, now=just_before))
        for voter in voters
        for work in works[:2]
    ]
    calls.insert(10, lambda: close_voting(showcase, actor=organiser, now=closing))

    outcomes = run_in_threads(calls)

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert all(isinstance(o, VotingClosed) for o in refused)
    stored = Vote.objects.count()
    assert stored == len(calls) - 1 - len(refused)
    frozen = sum(Finalist.objects.values_list("votes", flat=True))
    assert frozen == stored
    assert_tallies_equal_valid_votes()


def test_invalidations_and_votes_in_parallel_keep_tallies_exact():
    from showcase.services.voting import invalidate_votes_by

    showcase = ShowcaseFactory()
    works = WorkFactory.create_batch(2, showcase=showcase)
    early = ResidentFactory.create_batch(6)
    for voter in early:
        for work in works:
            cast_vote(work, actor=voter)
    official = person_with_role(Role.CITY_OFFICER)
    ids = list(Vote.objects.values_list("pk", flat=True))
    calls = [
        (lambda voter=voter, work=work: cast_vote(work, actor=voter))
        for voter in ResidentFactory.create_batch(6)
        for work in works
    ]
    calls[3:3] = [
        lambda: invalidate_votes_by(
            showcase, actor=official, reason="刷票", vote_ids=ids[:6]
        ),
        lambda: invalidate_votes_by(
            showcase, actor=official, reason="刷票", vote_ids=ids[3:]
        ),
    ]

    outcomes = run_in_threads(calls)

    assert not any(isinstance(o, Exception) for o in outcomes)
    assert Vote.objects.filter(invalidated_at__isnull=False).count() == len(ids)
    assert_tallies_equal_valid_votes()


def test_a_vote_refused_for_the_quota_waits_for_no_lock():
    from django.db import transaction

    showcase = ShowcaseFactory()
    works = WorkFactory.create_batch(4, showcase=showcase)
    voter = ResidentFactory()
    for work in works[:3]:
        cast_vote(work, actor=voter)
    locked, release = threading.Event(), threading.Event()

    def hold_the_rows():
        # As a veto and a close do, for as long as the test needs.
        try:
            with transaction.atomic():
                Work.objects.select_for_update().get(pk=works[3].pk)
                type(showcase).objects.select_for_update().get(pk=showcase.pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_rows)
    holder.start()
    try:
        assert locked.wait(10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '1s'")
        with pytest.raises(QuotaUsed):
            cast_vote(works[3], actor=voter)
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


@pytest.mark.parametrize("server_tz", ["UTC", "America/New_York"])
def test_parallel_votes_either_side_of_shanghai_midnight(settings, server_tz):
    settings.TIME_ZONE = server_tz
    before = dt.datetime(2026, 9, 10, 15, 59, 59, 900000, tzinfo=dt.UTC)
    after = before + dt.timedelta(milliseconds=200)
    showcase = ShowcaseFactory(**showcase_dates("voting", at=before))
    works = WorkFactory.create_batch(8, showcase=showcase)
    voter = ResidentFactory()
    calls = [
        (lambda work=work, at=at: cast_vote(work, actor=voter, now=at))
        for work in works
        for at in (before, after)
    ]

    outcomes = run_in_threads(calls)

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert all(isinstance(o, QuotaUsed) for o in refused)
    assert len(refused) == 16 - 6
    days = sorted(Vote.objects.values_list("day", flat=True))
    assert days == [dt.date(2026, 9, 10)] * 3 + [dt.date(2026, 9, 11)] * 3
    assert_tallies_equal_valid_votes()


def test_parallel_votes_that_tie_at_the_fiftieth_place_all_advance():
    showcase = ShowcaseFactory(finalist_count=50)
    works = WorkFactory.create_batch(53, showcase=showcase)
    # Two votes for each of the first 49 works, one for the next three, none
    # for the last; three different works for each voter.
    targets = works[:49] + works[:49] + works[49:52]
    voters = ResidentFactory.create_batch(-(-len(targets) // 3))
    calls = [
        (lambda work=work, voter=voters[n // 3]: cast_vote(work, actor=voter))
        for n, work in enumerate(targets)
    ]

    outcomes = run_at_most(calls, at_once=16)
    close_voting(
        showcase,
        actor=person_with_role(Role.CITY_OFFICER),
        now=showcase.voting_ends_at,
    )

    assert not any(isinstance(o, DomainError) for o in outcomes)
    assert_tallies_equal_valid_votes()
    finalists = dict(Finalist.objects.values_list("work_id", "vote_rank"))
    assert set(finalists) == {w.pk for w in works[:52]}
    assert sorted(finalists.values()) == [1] * 49 + [50] * 3


def test_parallel_scores_of_one_expert_store_one_sheet():
    from showcase.errors import AlreadyScored
    from showcase.services.results import score_finalist

    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    expert = person_with_role(Role.EXPERT)
    finalist = Finalist.objects.get(work=work)
    calls = [
        lambda: score_finalist(
            finalist, actor=expert, creativity=80, appeal=80, integration=80
        )
    ] * 8

    outcomes = run_in_threads(calls)

    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(refused) == 7
    assert all(isinstance(o, AlreadyScored) for o in refused)
    assert finalist.scores.count() == 1


def test_a_veto_racing_approvals_is_never_overwritten():
    showcase = ShowcaseFactory(stage="review")
    works = WorkFactory.create_batch(
        6, showcase=showcase, state=WorkState.SUBMITTED, approved_at=None
    )
    reviewers = [person_with_role(Role.REVIEWER) for _ in range(2)]
    calls = []
    for work in works:
        calls.append(lambda work=work: approve_work(work, actor=reviewers[0]))
        calls.append(
            lambda work=work: veto_work(work, actor=reviewers[1], reason="侵权")
        )

    outcomes = run_in_threads(calls)

    # Every veto stands, whether it came before or after the approval.
    assert all(isinstance(o, Work) for o in outcomes[1::2])
    # Whichever came first, the veto stands: approved then vetoed, or vetoed
    # and the approval refused.
    assert set(Work.objects.values_list("state", flat=True)) == {WorkState.VETOED}
