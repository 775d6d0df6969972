"""Sample tasks of the campaign plan for `make demo`, marked "（示例）"."""

import datetime as dt

from campaign.enums import TaskStage
from campaign.models import Board, Task, WorkGroup
from campaign.plan import load_plan
from campaign.services import create_task
from organizations.models import GovernmentUnit

# (board, group kind, title, stage, unit name, person, deadline)
# A deadline is a date, or (event date, working days before it).
SAMPLE_TASKS = [
    (
        "skills",
        "committee",
        "制定竞赛规则和评分细则（示例）",
        TaskStage.ASSIGN,
        "厦门市物业管理协会",
        "association",
        (dt.date(2027, 8, 20), 15),
    ),
    (
        "skills",
        "logistics",
        "落实竞赛场地和设备（示例）",
        TaskStage.PREPARE,
        "厦门市物业管理协会",
        "association",
        (dt.date(2027, 8, 20), 5),
    ),
    (
        "serviceweek",
        None,
        "确认各小区基础服务标准清单（示例）",
        TaskStage.PREPARE,
        "厦港街道办事处",
        "subdistrict",
        dt.date(2027, 5, 31),
    ),
    (
        "showcase",
        "publicity",
        "发布作品征集公告（示例）",
        TaskStage.PREPARE,
        "厦门市物业行业党委",
        "party",
        dt.date(2026, 12, 10),
    ),
    (
        "exemplars",
        None,
        "汇总镇街推荐名单（示例）",
        TaskStage.DEEPEN,
        "思明区住房和建设局",
        "district",
        dt.date(2026, 12, 1),
    ),
]


def seed(people):
    """Load the plan if needed and add a few sample tasks (idempotent)."""
    if not Board.objects.exists():
        load_plan()
    for board_code, group_kind, title, stage, unit, person, deadline in SAMPLE_TASKS:
        board = Board.objects.get(code=board_code)
        if isinstance(deadline, tuple):
            dates = {"event_on": deadline[0], "days_before": deadline[1]}
        else:
            dates = {"due_on": deadline}
        if Task.objects.filter(board=board, title=title).exists():
            continue
        create_task(
            board,
            actor=people["city"],
            title=title,
            stage=stage,
            group=WorkGroup.objects.filter(board=board, kind=group_kind).first(),
            responsible_unit=GovernmentUnit.objects.filter(name=unit).first(),
            responsible_person=people.get(person),
            is_sample=True,
            **dates,
        )
