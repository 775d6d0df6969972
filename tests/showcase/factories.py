"""Factories of the showcase: a showcase in a given stage, works, votes."""

import datetime as dt

import factory
from django.utils import timezone

from showcase.enums import Direction, WorkKind, WorkState
from showcase.models import Showcase, Work
from showcase.stages import planned_dates
from tests.factories import UserFactory


def showcase_dates(stage="voting", *, at=None):
    """Stage dates such that ``at`` (default now) falls in ``stage``."""
    at = at or timezone.now()
    offsets = {
        "not_started": dt.timedelta(days=-1),
        "collection": dt.timedelta(days=1),
        "review": dt.timedelta(days=31),
        "voting": dt.timedelta(days=35),
        "expert_review": dt.timedelta(days=49),
        "gala": dt.timedelta(days=62, hours=12),
    }
    return planned_dates(at - offsets[stage])


class ShowcaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Showcase

    class Params:
        stage = "voting"

    year = factory.Sequence(lambda n: 2026 + n)
    title = factory.Sequence(lambda n: f"测试成果展演{n}")
    collection_starts_at = factory.LazyAttribute(
        lambda o: showcase_dates(o.stage)["collection_starts_at"]
    )
    review_starts_at = factory.LazyAttribute(
        lambda o: showcase_dates(o.stage)["review_starts_at"]
    )
    voting_starts_at = factory.LazyAttribute(
        lambda o: showcase_dates(o.stage)["voting_starts_at"]
    )
    voting_ends_at = factory.LazyAttribute(
        lambda o: showcase_dates(o.stage)["voting_ends_at"]
    )
    gala_starts_at = factory.LazyAttribute(
        lambda o: showcase_dates(o.stage)["gala_starts_at"]
    )
    ends_at = factory.LazyAttribute(lambda o: showcase_dates(o.stage)["ends_at"])
    ip_votes_per_minute = 1000
    device_votes_per_minute = 1000


class WorkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Work

    showcase = factory.SubFactory(ShowcaseFactory)
    title = factory.Sequence(lambda n: f"测试作品{n}")
    kind = WorkKind.SHORT_VIDEO
    direction = Direction.WARM_SERVICE
    description = "作品说明"
    story = "创作故事"
    authors = "张三、李四"
    submitter = factory.SubFactory(UserFactory)
    state = WorkState.APPROVED
    submitted_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=5))
    approved_at = factory.Sequence(
        lambda n: timezone.now() - dt.timedelta(days=4) + dt.timedelta(seconds=n)
    )
