"""Who may approve, reject and veto a submitted work: role × action."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.roles import Role
from common.errors import NotAllowed
from common.models import AuditEntry
from showcase.enums import WorkState
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
