"""The sample showcase of `make demo` is in its voting stage and votable."""

import pytest

from showcase.enums import Stage
from showcase.models import Showcase
from showcase.sample import seed
from showcase.services.voting import cast_vote
from showcase.stages import stage_of
from tests.factories import PropertyCompanyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_sample_showcase_is_open_for_votes_and_idempotent():
    PropertyCompanyFactory(is_sample=True)
    people = {"company_admin": UserFactory(), "resident": UserFactory()}

    seed(people)
    seed(people)

    showcase = Showcase.objects.get()
    assert showcase.is_sample
    assert stage_of(showcase) == Stage.VOTING
    assert all("（示例）" in work.title for work in showcase.works.all())
    people["resident"].refresh_from_db()
    result = cast_vote(showcase.works.first(), actor=people["resident"])
    assert result.remaining_today == 2
