"""Cut lines and score arithmetic, on cases worked out by hand."""

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone

from accounts.roles import Role
from common.errors import NotAllowed
from common.models import AuditEntry
from showcase import scores
from showcase.models import ExpertScore, Finalist
from showcase.services.results import (
    close_voting,
    finalists_cut,
    results,
    score_finalist,
)
from tests.factories import PropertyCompanyFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory

D = Decimal


def test_public_score_is_share_of_highest_finalist():
    assert scores.public_score(150, 200) == D(75)
    assert scores.public_score(1, 3) == Fraction(100, 3)
    assert scores.shown(scores.public_score(1, 3)) == D("33.33")
    assert scores.public_score(0, 0) == D(0)


def test_expert_total_is_weighted_mean_of_three():
    assert scores.expert_total(80, 90, 70) == D(80)
    assert scores.expert_total(80, 90, 70, weights=(2, 1, 1)) == D(80)
    assert scores.expert_total(60, 90, 90, weights=(2, 1, 1)) == D(75)
    assert scores.shown(scores.expert_total(85, 90, 91)) == D("88.67")


def test_work_expert_score_trims_from_five_experts():
    four = [D(60), D(80), D(90), D(100)]
    five = [D(50), D(80), D(85), D(90), D(100)]

    assert scores.work_expert_score(four) == D("82.5")
    assert scores.work_expert_score(five) == D(85)
    assert scores.work_expert_score([D(70), D(70), D(70), D(70), D(70)]) == D(70)


def test_final_score_forty_sixty_rounded_half_up_only_for_display():
    public = scores.public_score(2, 3)
    final = scores.final_score(public, D("80.005"))

    assert final == Fraction(2, 5) * Fraction(200, 3) + Fraction("48.003")
    assert scores.shown(final) == D("74.67")
    assert scores.shown(D("2.675")) == D("2.68")
    assert scores.shown(D("2.665")) == D("2.67")


def test_final_score_is_exact_where_decimal_division_would_round():
    # 100 × 1 ÷ 3 and (253 + 217 + 236) ÷ 9 do not end: 40/3 + 0.6 × 706/9
    # is 60.4 exactly, as is 0.4 × 100 + 0.6 × 34.
    a_expert = scores.work_expert_score(
        [
            scores.expert_total(96, 81, 76),
            scores.expert_total(61, 61, 95),
            scores.expert_total(82, 87, 67),
        ]
    )
    a = scores.final_score(scores.public_score(1, 3), a_expert)
    b = scores.final_score(scores.public_score(3, 3), scores.work_expert_score([34]))

    assert a == b == D("60.4")
    # Half up from the exact value: 0.6 × 80.0833… + 40 is 88.025.
    exact = scores.final_score(
        D(100),
        scores.work_expert_score(
            [scores.expert_total(80, 80, 80), scores.expert_total(80, 80, D("80.25"))]
        ),
    )
    assert scores.shown(exact) == D("88.03")


class Row:
    def __init__(self, votes):
        self.vote_count = votes


def test_cut_takes_all_tied_with_the_fiftieth():
    works = [Row(100 - n) for n in range(49)] + [Row(7)] * 4 + [Row(6)] * 3

    cut = finalists_cut(works, 50)

    assert len(cut) == 53


def test_cut_with_fewer_works_than_places_takes_all():
    assert len(finalists_cut([Row(1)] * 7, 50)) == 7


@pytest.mark.django_db
def test_close_voting_ties_at_the_cut_advance_together():
    showcase = ShowcaseFactory(stage="expert_review", finalist_count=3)
    base = timezone.now() - dt.timedelta(days=20)
    votes = [9, 8, 5, 5, 5, 4]
    works = [
        WorkFactory(
            showcase=showcase,
            vote_count=v,
            approved_at=base + dt.timedelta(minutes=n),
        )
        for n, v in enumerate(votes)
    ]
    organiser = person_with_role(Role.ASSOCIATION_STAFF)

    close_voting(showcase, actor=organiser)

    finalists = list(Finalist.objects.order_by("vote_rank", "work__approved_at"))
    assert [f.work_id for f in finalists] == [w.pk for w in works[:5]]
    assert [f.vote_rank for f in finalists] == [1, 2, 3, 3, 3]
    showcase.refresh_from_db()
    assert showcase.tally_frozen_at is not None


@pytest.mark.django_db
def test_close_voting_by_resident_refused():
    showcase = ShowcaseFactory(stage="expert_review")
    WorkFactory(showcase=showcase)

    with pytest.raises(NotAllowed):
        close_voting(showcase, actor=person_with_role(Role.RESIDENT))

    assert not Finalist.objects.exists()


def _score(finalist, expert, c, a, i):
    ExpertScore.objects.create(
        finalist=finalist,
        expert=expert,
        creativity=c,
        appeal=a,
        integration=i,
        scored_at=timezone.now(),
    )


def _score_as_a_new_expert(finalist, value):
    """Score ``finalist`` through the service, ``value`` on every dimension."""
    return score_finalist(
        finalist,
        actor=person_with_role(Role.EXPERT),
        creativity=value,
        appeal=value,
        integration=value,
    )


@pytest.mark.django_db
def test_results_worked_by_hand():
    """A: 200 votes, B: 100 votes, C: 100 votes.

    Public: A 100, B 50, C 50. Experts (5 on A, trimmed; 3 on B and C):
    A totals 90, 80, 70, 60, 100 → trimmed mean of 70, 80, 90 = 80;
    final A = 40 + 48 = 88.
    B totals 90, 90, 90 → 90; final B = 20 + 54 = 74.
    C totals 95, 85, 90 → 90; final C = 20 + 54 = 74 as well: tied on final
    and expert score and votes, so the earlier approval (C) goes first.
    """
    showcase = ShowcaseFactory(stage="expert_review")
    base = timezone.now() - dt.timedelta(days=20)
    a, b, c = (
        WorkFactory(
            showcase=showcase, vote_count=v, approved_at=base + dt.timedelta(hours=h)
        )
        for v, h in ((200, 0), (100, 2), (100, 1))
    )
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    experts = [person_with_role(Role.EXPERT) for _ in range(5)]
    fa, fb, fc = (Finalist.objects.get(work=w) for w in (a, b, c))
    for expert, total in zip(experts, (90, 80, 70, 60, 100), strict=True):
        _score(fa, expert, total, total, total)
    for expert in experts[:3]:
        _score(fb, expert, 90, 90, 90)
    for expert, (cr, ap, it) in zip(
        experts[:3], ((95, 95, 95), (85, 85, 85), (100, 80, 90)), strict=True
    ):
        _score(fc, expert, cr, ap, it)

    rows = results(showcase)

    assert [r.work.pk for r in rows] == [a.pk, c.pk, b.pk]
    assert [r.public for r in rows] == [D(100), D(50), D(50)]
    assert [r.expert for r in rows] == [D(80), D(90), D(90)]
    assert [r.final for r in rows] == [D(88), D(74), D(74)]
    assert [r.rank for r in rows] == [1, 2, 3]
    assert rows[0].flagged


@pytest.mark.django_db
def test_expert_of_the_works_company_cannot_score():
    from showcase.services.results import score_finalist

    company = PropertyCompanyFactory()
    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, company=company, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    expert = person_with_role(Role.EXPERT, company=company)

    with pytest.raises(NotAllowed):
        score_finalist(
            work.finalist, actor=expert, creativity=90, appeal=90, integration=90
        )

    assert not ExpertScore.objects.exists()


@pytest.mark.django_db
def test_publish_waits_for_chair_on_large_spread():
    from showcase.errors import ScoresUnconfirmed
    from showcase.services.results import confirm_scores, publish_results

    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=4)
    organiser = person_with_role(Role.ASSOCIATION_STAFF)
    close_voting(showcase, actor=organiser)
    finalist = Finalist.objects.get(work=work)
    _score(finalist, person_with_role(Role.EXPERT), 95, 95, 95)
    _score(finalist, person_with_role(Role.EXPERT), 40, 40, 40)

    with pytest.raises(ScoresUnconfirmed):
        publish_results(showcase, actor=organiser)
    with pytest.raises(NotAllowed):  # only the panel's chair confirms
        confirm_scores(finalist, actor=organiser)
    confirm_scores(finalist, actor=person_with_role(Role.PANEL_CHAIR))
    top = publish_results(showcase, actor=organiser)

    assert [row.work.pk for row in top] == [work.pk]
    showcase.refresh_from_db()
    assert showcase.results_published_at is not None


@pytest.mark.django_db
def test_chair_confirms_only_a_spread_that_is_there_and_a_new_score_reopens_it():
    from showcase.errors import NotFlagged, ScoresUnconfirmed
    from showcase.services.results import (
        confirm_scores,
        publish_results,
    )

    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=4)
    organiser = person_with_role(Role.ASSOCIATION_STAFF)
    chair = person_with_role(Role.PANEL_CHAIR)
    close_voting(showcase, actor=organiser)
    finalist = Finalist.objects.get(work=work)

    with pytest.raises(NotFlagged):  # nothing scored yet
        confirm_scores(finalist, actor=chair)
    _score(finalist, person_with_role(Role.EXPERT), 80, 80, 80)
    _score(finalist, person_with_role(Role.EXPERT), 60, 60, 60)
    with pytest.raises(NotFlagged):  # 20 apart: within the limit
        confirm_scores(finalist, actor=chair)
    _score(finalist, person_with_role(Role.EXPERT), 40, 40, 40)
    confirm_scores(finalist, actor=chair)
    # A score after the confirmation widens the spread the chair saw.
    _score_as_a_new_expert(finalist, 100)
    finalist.refresh_from_db()
    assert finalist.scores_confirmed_at is None
    with pytest.raises(ScoresUnconfirmed):
        publish_results(showcase, actor=organiser)
    confirm_scores(finalist, actor=chair)
    assert [row.work.pk for row in publish_results(showcase, actor=organiser)] == [
        work.pk
    ]


@pytest.mark.django_db
def test_a_vetoed_finalist_is_neither_scored_nor_confirmed():
    from showcase.errors import WorkWithdrawn
    from showcase.services.results import confirm_scores
    from showcase.services.works import veto_work

    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=4)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    finalist = Finalist.objects.get(work=work)
    _score(finalist, person_with_role(Role.EXPERT), 95, 95, 95)
    _score(finalist, person_with_role(Role.EXPERT), 40, 40, 40)
    veto_work(work, actor=person_with_role(Role.REVIEWER), reason="侵权")

    with pytest.raises(WorkWithdrawn):
        _score_as_a_new_expert(finalist, 70)
    with pytest.raises(WorkWithdrawn):
        confirm_scores(finalist, actor=person_with_role(Role.PANEL_CHAIR))
    assert finalist.scores.count() == 2


@pytest.mark.django_db
def test_results_hide_scores_of_own_company(client):
    company = PropertyCompanyFactory()
    showcase = ShowcaseFactory(stage="expert_review")
    own = WorkFactory(showcase=showcase, company=company, vote_count=3)
    other = WorkFactory(showcase=showcase, vote_count=2)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    for work in (own, other):
        _score(
            Finalist.objects.get(work=work), person_with_role(Role.EXPERT), 77, 77, 77
        )
    client.force_login(person_with_role(Role.ASSOCIATION_STAFF, company=company))

    page = client.get("/showcase/results/").content.decode()

    own_row = page.split(f'data-testid="result-{own.pk}"')[1].split("</tr>")[0]
    other_row = page.split(f'data-testid="result-{other.pk}"')[1].split("</tr>")[0]
    assert "77.00" not in own_row
    assert "利益冲突" in own_row
    assert "77.00" in other_row


@pytest.mark.django_db
def test_results_cannot_be_published_while_voting_is_open():
    from showcase.errors import ResultsNotReady
    from showcase.services.results import publish_results

    showcase = ShowcaseFactory(stage="voting")
    WorkFactory(showcase=showcase, vote_count=4)
    chair = person_with_role(Role.ASSOCIATION_STAFF)

    with pytest.raises(ResultsNotReady) as refusal:
        publish_results(showcase, actor=chair)

    assert str(refusal.value.message) == "投票结束、入围作品产生后才能公布结果。"
    showcase.refresh_from_db()
    assert showcase.results_published_at is None


@pytest.mark.django_db
def test_closing_early_says_when_voting_ends():
    from showcase.errors import VotingStillOpen

    showcase = ShowcaseFactory(stage="voting")

    with pytest.raises(VotingStillOpen) as refusal:
        close_voting(showcase, actor=person_with_role(Role.ASSOCIATION_STAFF))

    ends = timezone.localtime(showcase.voting_ends_at).strftime("%Y-%m-%d %H:%M")
    assert str(refusal.value.message) == f"投票要到 {ends} 才截止，之后才能结束投票。"


def _closed_with_scores(votes=(6, 3)):
    showcase = ShowcaseFactory(stage="expert_review")
    works = [WorkFactory(showcase=showcase, vote_count=v) for v in votes]
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    expert = person_with_role(Role.EXPERT)
    for work in works:
        _score(Finalist.objects.get(work=work), expert, 80, 80, 80)
    return showcase, works


@pytest.mark.django_db
def test_publish_refused_while_a_finalist_has_no_expert_score():
    from showcase.errors import ScoresMissing
    from showcase.services.results import publish_results

    showcase = ShowcaseFactory(stage="expert_review")
    scored, unscored = (WorkFactory(showcase=showcase, vote_count=v) for v in (5, 4))
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    _score(Finalist.objects.get(work=scored), person_with_role(Role.EXPERT), 9, 9, 9)

    with pytest.raises(ScoresMissing) as refusal:
        publish_results(showcase, actor=person_with_role(Role.CITY_OFFICER))

    assert (
        str(refusal.value.message)
        == "还有1件入围作品没有专家评分，评分完成后才能公布结果。"
    )
    showcase.refresh_from_db()
    assert showcase.results_published_at is None
    assert not unscored.finalist.scores.exists()


@pytest.mark.django_db
def test_publish_twice_refused():
    from showcase.errors import AlreadyPublished
    from showcase.services.results import publish_results

    showcase, _works = _closed_with_scores()
    organiser = person_with_role(Role.CITY_OFFICER)
    publish_results(showcase, actor=organiser)

    with pytest.raises(AlreadyPublished):
        publish_results(showcase, actor=organiser)

    assert (
        AuditEntry.objects.filter(action="showcase.showcase.publish_results").count()
        == 1
    )


@pytest.mark.django_db
def test_after_publication_scores_confirmations_and_invalidations_refused():
    from showcase.errors import ResultsPublished
    from showcase.services.results import (
        confirm_scores,
        publish_results,
    )
    from showcase.services.voting import invalidate_votes_by

    showcase, works = _closed_with_scores()
    publish_results(showcase, actor=person_with_role(Role.CITY_OFFICER))
    finalist = Finalist.objects.get(work=works[1])

    with pytest.raises(ResultsPublished):
        _score_as_a_new_expert(finalist, 100)
    with pytest.raises(ResultsPublished):
        confirm_scores(finalist, actor=person_with_role(Role.PANEL_CHAIR))
    with pytest.raises(ResultsPublished):
        invalidate_votes_by(
            showcase,
            actor=person_with_role(Role.CITY_OFFICER),
            reason="刷票",
            vote_ids=[],
        )

    assert finalist.scores.count() == 1


@pytest.mark.django_db
def test_top_page_shows_what_was_published(client):
    from showcase.services.results import publish_results
    from showcase.services.works import veto_work

    showcase, (first, second) = _closed_with_scores(votes=(6, 3))
    publish_results(showcase, actor=person_with_role(Role.CITY_OFFICER))
    # Whatever changes afterwards, the published figures stay.
    Finalist.objects.filter(work=second).update(votes=60)

    page = client.get("/showcase/top/").content.decode()
    second_row = page.split(f'data-testid="top-{second.pk}"')[1].split("</tr>")[0]
    assert '<td class="num">3</td>' in second_row
    assert "50.00" in second_row  # 100 × 3 ÷ 6
    assert "68.00" in second_row  # 0.4 × 50 + 0.6 × 80

    # A work vetoed after publication keeps its place, marked withdrawn, so
    # the list still reads as it was published and says what changed.
    veto_work(second, actor=person_with_role(Role.REVIEWER), reason="侵权")
    page = client.get("/showcase/top/").content.decode()
    second_row = page.split(f'data-testid="top-{second.pk}"')[1].split("</tr>")[0]
    assert "已因一票否决撤销" in second_row
    assert f'href="/showcase/works/{second.pk}/"' not in second_row
    assert f'data-testid="top-{first.pk}"' in page
    api = client.get("/api/v1/showcase/top").json()
    assert [(row["work_id"], row["withdrawn"]) for row in api] == [
        (first.pk, False),
        (second.pk, True),
    ]
