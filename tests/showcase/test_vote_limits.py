"""The per-minute limits of votes per IP address and per device."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.utils import timezone

from common.errors import DomainError
from common.ratelimit import RateLimited
from showcase.errors import QuotaUsed
from showcase.models import Vote, VoteRequestCount
from showcase.services.voting import cast_vote
from showcase.tasks import prune_vote_request_counts
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory, WorkFactory
from tests.showcase.test_voting_concurrency import run_at_most

NOW = dt.datetime(2026, 9, 10, 2, 0, 30, tzinfo=dt.UTC)


def counted(scope):
    return VoteRequestCount.objects.filter(scope=scope).aggregate(n=Sum("requests"))[
        "n"
    ]


@pytest.mark.django_db
@pytest.mark.also_postgres
def test_a_vote_refused_for_the_quota_still_counts_against_the_device():
    showcase = ShowcaseFactory(stage="voting", device_votes_per_minute=4)
    works = WorkFactory.create_batch(5, showcase=showcase)
    voter, other = ResidentFactory.create_batch(2)

    with time_machine.travel(timezone.now(), tick=False):
        for work in works[:3]:
            cast_vote(work, actor=voter, device="phone-x")
        with pytest.raises(QuotaUsed):
            cast_vote(works[3], actor=voter, device="phone-x")
        with pytest.raises(RateLimited):
            cast_vote(works[4], actor=other, device="phone-x")

    assert counted("device") == 5
    assert Vote.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.also_postgres
def test_a_new_minute_starts_the_count_afresh():
    showcase = ShowcaseFactory(ip_votes_per_minute=1)
    works = WorkFactory.create_batch(2, showcase=showcase)
    voters = ResidentFactory.create_batch(3)

    with time_machine.travel(timezone.now(), tick=False) as clock:
        cast_vote(works[0], actor=voters[0], ip="203.0.113.9")
        with pytest.raises(RateLimited):
            cast_vote(works[1], actor=voters[1], ip="203.0.113.9")
        clock.shift(dt.timedelta(minutes=1))
        cast_vote(works[1], actor=voters[2], ip="203.0.113.9")

    assert Vote.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.also_postgres
def test_counts_keep_no_address_or_device_in_the_clear():
    work = WorkFactory()

    cast_vote(work, actor=ResidentFactory(), ip="203.0.113.9", device="phone-x")

    keys = set(VoteRequestCount.objects.values_list("key", flat=True))
    assert len(keys) == 2
    assert all(len(key) == 32 and "203" not in key for key in keys)
    assert "phone" not in "".join(keys)


@pytest.mark.django_db
def test_pruning_keeps_only_the_current_minute():
    minute = int(NOW.timestamp()) // 60
    for offset in (0, 1, 2, 600):
        VoteRequestCount.objects.create(
            scope="ip", key="a" * 32, minute=minute - offset, part=1, requests=3
        )

    deleted = prune_vote_request_counts(now=NOW)

    assert deleted == 3
    assert list(VoteRequestCount.objects.values_list("minute", flat=True)) == [minute]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_from_one_device_all_count_and_the_limit_nearly_holds():
    limit, requests, at_once = 5, 40, 6
    showcase = ShowcaseFactory(device_votes_per_minute=limit)
    works = WorkFactory.create_batch(requests, showcase=showcase)
    voters = ResidentFactory.create_batch(requests)
    calls = [
        (lambda work=work, voter=voter: cast_vote(work, actor=voter, device="phone-x"))
        for work, voter in zip(works, voters, strict=True)
    ]

    with time_machine.travel(timezone.now(), tick=False):
        outcomes = run_at_most(calls, at_once=at_once)

    accepted = Vote.objects.count()
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert all(isinstance(o, RateLimited) for o in refused)
    assert accepted + len(refused) == requests
    # Each statement sees the requests committed when it began: at least the
    # limit passes, and at most one more per other request in flight.
    assert limit <= accepted <= limit + at_once - 1
    assert counted("device") == requests
    connection.close()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_votes_of_one_voter_are_each_counted_once():
    # They collide on the voter's slots and run their statement again.
    works = WorkFactory.create_batch(12, showcase=ShowcaseFactory())
    voter = ResidentFactory()
    calls = [
        (lambda work=work: cast_vote(work, actor=voter, device="phone-x"))
        for work in works
    ]

    with time_machine.travel(timezone.now(), tick=False):
        outcomes = run_at_most(calls, at_once=12)

    assert sum(not isinstance(o, DomainError) for o in outcomes) == 3
    assert counted("device") == 12
    connection.close()
