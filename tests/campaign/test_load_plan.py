import datetime as dt

import pytest
from django.core.management import call_command

from campaign.models import Board, BoardUnit, Phase, ScheduleItem, WorkGroup
from campaign.plan import load_plan
from organizations.models import GovernmentUnit

pytestmark = pytest.mark.django_db


def _snapshot():
    return [
        list(model.objects.order_by("pk").values())
        for model in (Phase, Board, BoardUnit, ScheduleItem, WorkGroup, GovernmentUnit)
    ]


def test_load_plan_twice_changes_nothing(capsys):
    call_command("load_plan")
    before = _snapshot()

    call_command("load_plan")

    assert _snapshot() == before
    assert capsys.readouterr().out.splitlines()[-1] == (
        "campaign plan: 0 created, 0 updated"
    )


def test_load_plan_has_three_phases_with_their_years():
    load_plan()

    phases = list(Phase.objects.values_list("starts_on", "ends_on"))

    assert phases == [
        (dt.date(2025, 5, 1), dt.date(2025, 12, 31)),
        (dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31)),
    ]


def test_load_plan_has_the_five_boards_with_their_windows():
    load_plan()

    boards = {board.name: board for board in Board.objects.all()}

    assert set(boards) == {"主题党日", "典型创建", "技能竞赛", "物业服务周", "成果展演"}
    assert boards["主题党日"].window_text == "2025年5月-2026年5月"
    assert boards["成果展演"].starts_on == dt.date(2026, 7, 1)
    assert boards["典型创建"].ends_on == dt.date(2025, 12, 31)


def test_load_plan_links_government_units_and_keeps_firms_as_text():
    load_plan()

    units = BoardUnit.objects.filter(board__code="partydays")

    guiding = units.get(role="guiding")
    assert guiding.unit.kind == GovernmentUnit.Kind.CITY_HOUSING
    assert guiding.unit.name == "厦门市住房和建设局"
    assert units.get(role="organising").unit is None


def test_load_plan_reuses_an_existing_government_unit():
    unit = GovernmentUnit.objects.create(
        name="厦门市物业管理协会", kind=GovernmentUnit.Kind.ASSOCIATION
    )

    load_plan()

    assert BoardUnit.objects.filter(unit=unit).count() == 3


def test_service_week_has_six_theme_days_and_its_schedule_each_year():
    load_plan()
    items = ScheduleItem.objects.filter(board__code="serviceweek")

    days_2026 = items.filter(kind="theme_day", code__startswith="2026-")
    stages_2025 = {
        item.title: (item.starts_on, item.ends_on)
        for item in items.filter(kind="stage", code__startswith="2025-")
    }

    assert [(d.starts_on, d.title) for d in days_2026.order_by("starts_on")] == [
        (dt.date(2026, 7, 1), "2026年基础服务提质日"),
        (dt.date(2026, 7, 2), "2026年金融便民日"),
        (dt.date(2026, 7, 3), "2026年健康守护日"),
        (dt.date(2026, 7, 4), "2026年家政焕新日"),
        (dt.date(2026, 7, 5), "2026年助老助残关怀日"),
        (dt.date(2026, 7, 6), "2026年便民市集日"),
    ]
    assert stages_2025 == {
        "2025年筹备启动": (dt.date(2025, 5, 13), dt.date(2025, 5, 31)),
        "2025年深化推进": (dt.date(2025, 6, 1), dt.date(2025, 6, 28)),
        "2025年集中执行": (dt.date(2025, 7, 1), dt.date(2025, 7, 6)),
        "2025年总结反馈": (dt.date(2025, 7, 7), dt.date(2025, 7, 12)),
    }


def test_showcase_keeps_its_stages_and_rules():
    load_plan()
    showcase = Board.objects.get(code="showcase")

    stages = {item.code: item for item in showcase.items.all()}

    assert stages["collect"].duration_days == 30
    assert stages["review"].duration_hours == 48
    assert stages["select"].duration_days == 15
    assert "gala" in stages
    assert showcase.rules["votes_per_person_per_day"] == 3
    assert showcase.rules["finalists"] == 50
    assert (showcase.rules["public_weight"], showcase.rules["expert_weight"]) == (
        "0.4",
        "0.6",
    )
    assert showcase.rules["broadcast_top"] == 20


def test_skills_competition_has_its_four_work_groups():
    load_plan()

    groups = set(
        WorkGroup.objects.filter(board__code="skills").values_list("kind", flat=True)
    )

    assert groups == {"committee", "judging", "publicity", "logistics"}


def test_load_plan_updates_a_changed_field(tmp_path):
    load_plan()
    Board.objects.filter(code="skills").update(name="旧名称")

    stats = load_plan()

    assert Board.objects.get(code="skills").name == "技能竞赛"
    assert (stats.created, stats.updated) == (0, 1)


def test_every_board_has_an_organising_committee_and_publicity_group():
    load_plan()

    for board in Board.objects.all():
        kinds = set(board.groups.values_list("kind", flat=True))
        assert {"committee", "publicity"} <= kinds, board.name


def test_board_api_lists_units_items_and_groups(client):
    load_plan()

    body = client.get("/api/v1/campaign/boards/showcase").json()

    assert body["name"] == "成果展演"
    assert {unit["role"] for unit in body["units"]} == {
        "guiding",
        "host",
        "organising",
    }
    assert {group["name"] for group in body["groups"]} >= {"组委会", "专项审核小组"}
    assert body["rules"]["broadcast_top"] == 20
