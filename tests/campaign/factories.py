import datetime as dt

import factory

from campaign.enums import TaskStage
from campaign.models import Board, Task
from organizations.models import GovernmentUnit


class GovernmentUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernmentUnit

    name = factory.Sequence(lambda n: f"测试单位{n}")
    kind = GovernmentUnit.Kind.OTHER


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board

    code = factory.Sequence(lambda n: f"board-{n}")
    number = factory.Sequence(lambda n: 10 + n)
    name = factory.Sequence(lambda n: f"测试版块{n}")
    content = "内容"
    purpose = "目的"
    window_text = "2026年"
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2026, 12, 31)


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"测试任务{n}")
    stage = TaskStage.PREPARE
    due_on = dt.date(2026, 6, 30)
