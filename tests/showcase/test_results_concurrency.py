"""Closing, vetoes, invalidations, scores and publication racing each other
(PostgreSQL, real threads).

Each race runs for several rounds, since two threads released together do not
always overlap; a round passes only if its end state is one that some order of
the two operations would give.
"""

import pytest
from django.utils import timezone

from accounts.roles import Role
from common.errors import DomainError
from showcase.enums import WorkState
from showcase.errors import ResultsPublished
from showcase.models import ExpertScore, Finalist, PublishedResult, Showcase, Vote
from showcase.services.results import close_voting, publish_results, score_finalist
from showcase.services.voting import invalidate_votes_by
from showcase.services.works import veto_work
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory
from tests.showcase.threads import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 8


def _votes_for(work, voters):
    now = timezone.now()
    ids = [
        Vote.objects.create(
            showcase=work.showcase,
            work=work,
            voter=voter,
            day=timezone.localdate(now),
            slot=1,
            work_slot=1,
            cast_at=now,
            ip="10.1.1.1",
        ).pk
        for voter in voters
    ]
    work.vote_count = len(ids)
    work.save(update_fields=["vote_count"])
    return ids


def _fresh(showcase):
    return Showcase.objects.get(pk=showcase.pk)


def _scored_finalists(showcase, expert, count):
    finalists = []
    for n in range(count):
        work = WorkFactory(showcase=showcase, vote_count=100 - n)
        finalist = Finalist.objects.create(
            showcase=showcase, work=work, votes=100 - n, vote_rank=n + 1
        )
        ExpertScore.objects.create(
            finalist=finalist,
            expert=expert,
            creativity=50,
            appeal=50,
            integration=50,
            scored_at=timezone.now(),
        )
        finalists.append(finalist)
    return finalists


def test_votes_invalidated_as_voting_closes_never_stay_in_the_frozen_tally():
    city = person_with_role(Role.CITY_OFFICER)
    voters = ResidentFactory.create_batch(5)
    for _ in range(ROUNDS):
        _invalidation_racing_close(city, voters)


def _invalidation_racing_close(city, voters):
    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase)
    WorkFactory.create_batch(3, showcase=showcase)
    ids = _votes_for(work, voters)

    run_in_threads(
        [
            lambda: invalidate_votes_by(
                _fresh(showcase), actor=city, reason="刷票", vote_ids=ids
            ),
            lambda: close_voting(_fresh(showcase), actor=city),
        ]
    )

    assert Vote.objects.filter(pk__in=ids, invalidated_at=None).count() == 0
    assert Finalist.objects.get(work=work).votes == 0


def test_a_veto_as_voting_closes_neither_deadlocks_nor_leaves_a_finalist():
    city = person_with_role(Role.CITY_OFFICER)
    reviewer = person_with_role(Role.REVIEWER)
    voter = ResidentFactory()
    for _ in range(ROUNDS):
        _veto_racing_close(city, reviewer, voter)


def _veto_racing_close(city, reviewer, voter):
    showcase = ShowcaseFactory(stage="expert_review", finalist_count=2)
    work = WorkFactory(showcase=showcase)
    others = WorkFactory.create_batch(3, showcase=showcase)
    _votes_for(work, [voter])

    outcomes = run_in_threads(
        [
            lambda: veto_work(work, actor=reviewer, reason="侵权"),
            lambda: close_voting(_fresh(showcase), actor=city),
        ]
    )

    assert not any(isinstance(o, DomainError) for o in outcomes)
    work.refresh_from_db()
    assert work.state == WorkState.VETOED
    assert work.vote_count == 0
    # Vetoed before the close: not drawn. Vetoed after: its finalist row
    # stays, with no votes, and the results leave it out.
    finalist = Finalist.objects.filter(work=work).first()
    assert finalist is None or finalist.votes == 0
    # Two places, four works with no votes but the vetoed one's: the three
    # others tie and all advance.
    assert set(
        Finalist.objects.filter(showcase=showcase)
        .exclude(work=work)
        .values_list("work_id", flat=True)
    ) == {w.pk for w in others}


def test_an_invalidation_racing_publication_is_refused_or_published():
    city = person_with_role(Role.CITY_OFFICER)
    expert = person_with_role(Role.EXPERT)
    voter = ResidentFactory()
    for _ in range(ROUNDS):
        _invalidation_racing_publication(city, expert, voter)


def _invalidation_racing_publication(city, expert, voter):
    showcase = ShowcaseFactory(stage="expert_review", tally_frozen_at=timezone.now())
    first = _scored_finalists(showcase, expert, 25)[0]
    vote = _votes_for(first.work, [voter])[0]

    outcomes = run_in_threads(
        [
            lambda: publish_results(_fresh(showcase), actor=city),
            lambda: invalidate_votes_by(
                _fresh(showcase), actor=city, reason="刷票", vote_ids=[vote]
            ),
        ]
    )

    published = PublishedResult.objects.get(work=first.work)
    first.refresh_from_db()
    if isinstance(outcomes[1], ResultsPublished):
        assert first.votes == published.votes == 100
    else:
        assert outcomes[1] == 1
        assert first.votes == published.votes == 99


def test_a_score_racing_publication_is_refused_or_published():
    city = person_with_role(Role.CITY_OFFICER)
    expert, late = (person_with_role(Role.EXPERT) for _ in range(2))
    for _ in range(ROUNDS):
        _score_racing_publication(city, expert, late)


def _score_racing_publication(city, expert, late):
    showcase = ShowcaseFactory(stage="expert_review", tally_frozen_at=timezone.now())
    first = _scored_finalists(showcase, expert, 25)[0]

    outcomes = run_in_threads(
        [
            lambda: publish_results(_fresh(showcase), actor=city),
            lambda: score_finalist(
                Finalist.objects.get(pk=first.pk),
                actor=late,
                creativity=70,
                appeal=70,
                integration=70,
            ),
        ]
    )

    published = PublishedResult.objects.get(work=first.work)
    if isinstance(outcomes[1], ResultsPublished):
        assert published.expert_score == 50
    else:
        assert published.expert_score == 60
