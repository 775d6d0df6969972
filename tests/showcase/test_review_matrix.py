"""Who may approve, reject and veto a submitted work: role × action; and
nobody judges a work they submitted themselves."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from accounts.tokens import issue_token
from common.errors import NotAllowed
from common.models import AuditEntry
from showcase.enums import WorkState
from showcase.models import ExpertScore
from showcase.selectors import finalists_for_expert, may_see_scores
from showcase.services.results import close_voting, confirm_scores, score_finalist
from showcase.services.works import approve_work, reject_work, veto_work
from tests.factories import PropertyCompanyFactory, ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = pytest.mark.django_db

ACTIONS = {
    "approve": lambda work, actor: approve_work(work, actor=actor),
    "reject": lambda work, actor: reject_work(work, actor=actor, reason="导向不当"),
    "veto": lambda work, actor: veto_work(work, actor=actor, reason="侵权"),
}
EXPECTED = {"approve": WorkState.APPROVED, "reject": WorkState.REJECTED}
EXPECTED["veto"] = WorkState.VETOED


@pytest.fixture
def company():
    return PropertyCompanyFactory()


def people(company):
    return {
        "reviewer": (person_with_role(Role.REVIEWER), True),
        "reviewer of the company": (
            person_with_role(Role.REVIEWER, company=company),
            False,
        ),
        "resident": (ResidentFactory(), False),
        "company admin": (person_with_role(Role.COMPANY_ADMIN, company=company), False),
        "expert": (person_with_role(Role.EXPERT), False),
    }


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize(
    "who",
    ["reviewer", "reviewer of the company", "resident", "company admin", "expert"],
)
def test_review_matrix(action, who, company):
    work = WorkFactory(
        showcase=ShowcaseFactory(stage="review"),
        company=company,
        state=WorkState.SUBMITTED,
        approved_at=None,
        submitted_at=timezone.now() - dt.timedelta(hours=3),
    )
    actor, allowed = people(company)[who]

    if allowed:
        ACTIONS[action](work, actor)
    else:
        with pytest.raises(NotAllowed):
            ACTIONS[action](work, actor)

    work.refresh_from_db()
    if allowed:
        assert work.state == EXPECTED[action]
        assert AuditEntry.objects.filter(actor=actor).exists()
    else:
        assert work.state == WorkState.SUBMITTED
        assert work.decided_at is None
        assert not AuditEntry.objects.exists()


# -- one's own works: never judged by oneself, whatever company they name ---


def own_submitted_work(**scope):
    """A work submitted by a reviewer (holding ``scope``) that names no company."""
    reviewer = person_with_role(Role.REVIEWER, **scope)
    work = WorkFactory(
        showcase=ShowcaseFactory(stage="review"),
        submitter=reviewer,
        company=None,
        state=WorkState.SUBMITTED,
        approved_at=None,
        submitted_at=timezone.now() - dt.timedelta(hours=3),
    )
    return reviewer, work


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("with_company", [False, True], ids=["no company", "company"])
def test_a_reviewer_cannot_judge_their_own_work(action, with_company):
    scope = {"company": PropertyCompanyFactory()} if with_company else {}
    reviewer, work = own_submitted_work(**scope)

    with pytest.raises(NotAllowed):
        ACTIONS[action](work, reviewer)

    work.refresh_from_db()
    assert work.state == WorkState.SUBMITTED
    assert not AuditEntry.objects.exists()


def test_a_reviewer_does_not_see_their_own_work_in_the_queue(client):
    reviewer, work = own_submitted_work()
    approved = WorkFactory(showcase=work.showcase, submitter=reviewer, company=None)
    other = WorkFactory(
        showcase=work.showcase, state=WorkState.SUBMITTED, approved_at=None
    )
    client.force_login(reviewer)

    page = client.get(reverse("showcase:review_queue")).content.decode()
    api = client.get(
        "/api/v1/showcase/review-queue",
        headers={"Authorization": f"Bearer {issue_token(reviewer)}"},
    ).json()

    assert other.title in page
    assert work.title not in page
    assert approved.title not in page
    assert [row["id"] for row in api] == [other.pk]


def test_the_api_refuses_a_reviewer_approving_their_own_work(client):
    reviewer, work = own_submitted_work()

    answer = client.post(
        f"/api/v1/showcase/works/{work.pk}/approve",
        headers={"Authorization": f"Bearer {issue_token(reviewer)}"},
    )

    assert answer.status_code == 403
    work.refresh_from_db()
    assert work.state == WorkState.SUBMITTED


def test_nobody_scores_confirms_or_sees_the_scores_of_their_own_work():
    showcase = ShowcaseFactory(stage="expert_review")
    expert = person_with_role(Role.EXPERT)
    organiser = person_with_role(Role.ASSOCIATION_STAFF)
    own_by_expert = WorkFactory(showcase=showcase, submitter=expert, vote_count=3)
    own_by_organiser = WorkFactory(showcase=showcase, submitter=organiser, vote_count=2)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))

    with pytest.raises(NotAllowed):
        score_finalist(
            own_by_expert.finalist,
            actor=expert,
            creativity=90,
            appeal=90,
            integration=90,
        )
    with pytest.raises(NotAllowed):
        confirm_scores(own_by_organiser.finalist, actor=organiser)

    listed = [f.work_id for f, _scored in finalists_for_expert(expert, showcase)]
    assert listed == [own_by_organiser.pk]
    assert not may_see_scores(organiser, own_by_organiser)
    assert may_see_scores(organiser, own_by_expert)
    assert not ExpertScore.objects.exists()
