import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.roles import Role
from campaign.enums import TaskStatus
from campaign.models import Board, Task
from campaign.selectors import (
    tasks_needing_attention,
    tasks_visible_to,
    with_deadlines,
)
from campaign.services import InvalidDeadline, change_task_status, create_task
from common.audit import history_of
from common.errors import InvalidTransition, NotAllowed
from common.models import CalendarOverride
from tests.campaign.factories import BoardFactory, GovernmentUnitFactory, TaskFactory
from tests.factories import (
    DistrictFactory,
    SubdistrictFactory,
    UserFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _frozen(year, month, day, hour=10):
    return time_machine.travel(
        dt.datetime(year, month, day, hour, tzinfo=SHANGHAI), tick=False
    )


def test_deadline_counts_working_days_back_from_the_event():
    # Event on Thu 2026-10-15: 5 working days back skips National Day and
    # counts Saturday 2026-10-10, a make-up working day.
    task = TaskFactory(due_on=None, event_on=dt.date(2026, 10, 15), days_before=5)

    (row,) = with_deadlines([task])

    assert row.deadline.due_on == dt.date(2026, 10, 9)
    assert row.deadline.provisional is False


def test_deadline_in_an_unknown_year_is_provisional():
    task = TaskFactory(due_on=None, event_on=dt.date(2027, 10, 8), days_before=2)

    (row,) = with_deadlines([task])

    assert row.deadline.due_on == dt.date(2027, 10, 6)
    assert row.deadline.provisional is True


def test_deadline_in_2027_is_definite_once_overrides_are_entered():
    CalendarOverride.objects.create(date=dt.date(2027, 10, 6), is_working_day=False)
    task = TaskFactory(due_on=None, event_on=dt.date(2027, 10, 8), days_before=2)

    (row,) = with_deadlines([task])

    assert row.deadline.due_on == dt.date(2027, 10, 5)
    assert row.deadline.provisional is False


@pytest.mark.parametrize(
    ("today", "state"),
    [
        ((2026, 6, 20), "on_time"),
        ((2026, 6, 28), "due_soon"),
        ((2026, 6, 30), "due_soon"),
        ((2026, 7, 1), "overdue"),
    ],
)
def test_task_state_is_derived_from_the_clock(today, state):
    task = TaskFactory(due_on=dt.date(2026, 6, 30))

    with _frozen(*today):
        (row,) = with_deadlines([task])

    assert row.deadline.state == state


def test_officials_see_overdue_and_due_soon_tasks_of_their_scope_only():
    subdistrict = SubdistrictFactory()
    officer = person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=subdistrict)
    own_unit = GovernmentUnitFactory(subdistrict=subdistrict)
    overdue = TaskFactory(responsible_unit=own_unit, due_on=dt.date(2026, 6, 1))
    soon = TaskFactory(responsible_unit=own_unit, due_on=dt.date(2026, 6, 11))
    TaskFactory(responsible_unit=own_unit, due_on=dt.date(2026, 8, 1))
    TaskFactory(responsible_unit=GovernmentUnitFactory(), due_on=dt.date(2026, 6, 1))
    TaskFactory(
        responsible_unit=own_unit,
        due_on=dt.date(2026, 6, 1),
        status=TaskStatus.DONE,
    )

    with _frozen(2026, 6, 10):
        rows = tasks_needing_attention(officer)

    assert [task.pk for task in rows] == [overdue.pk, soon.pk]


def test_district_officer_sees_tasks_of_units_in_their_district():
    subdistrict = SubdistrictFactory()
    officer = person_with_role(Role.DISTRICT_OFFICER, district=subdistrict.district)
    inside = TaskFactory(
        responsible_unit=GovernmentUnitFactory(subdistrict=subdistrict)
    )
    TaskFactory(
        responsible_unit=GovernmentUnitFactory(subdistrict=SubdistrictFactory())
    )

    assert list(tasks_visible_to(officer)) == [inside]


def test_create_task_needs_exactly_one_kind_of_deadline():
    planner = person_with_role(Role.CITY_OFFICER)

    with pytest.raises(InvalidDeadline):
        create_task(
            BoardFactory(),
            actor=planner,
            title="两种截止都给",
            stage="prepare",
            due_on=dt.date(2026, 6, 1),
            event_on=dt.date(2026, 7, 1),
            days_before=3,
        )

    assert not Task.objects.exists()


def test_create_task_is_audited():
    planner = person_with_role(Role.CITY_OFFICER)

    with _frozen(2026, 3, 1):
        task = create_task(
            BoardFactory(),
            actor=planner,
            title="制定方案",
            stage="assign",
            event_on=dt.date(2026, 7, 1),
            days_before=10,
        )

    assert history_of(task).get().action == "campaign.task.create"


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.CITY_OFFICER, True),
        (Role.ASSOCIATION_STAFF, True),
        (Role.DISTRICT_OFFICER, False),
        (Role.COMPANY_ADMIN, False),
        (Role.RESIDENT, False),
    ],
)
def test_who_may_create_tasks(role, allowed):
    actor = person_with_role(role)
    board = BoardFactory()

    def create():
        return create_task(
            board, actor=actor, title="任务", stage="assign", due_on=dt.date(2026, 1, 9)
        )

    if allowed:
        with _frozen(2026, 1, 5):
            create()
        assert Task.objects.count() == 1
    else:
        with pytest.raises(NotAllowed):
            create()
        assert not Task.objects.exists()


def test_responsible_person_finishes_a_task_and_it_is_audited():
    person = UserFactory()
    task = TaskFactory(responsible_person=person, status=TaskStatus.IN_PROGRESS)

    change_task_status(task, TaskStatus.DONE, actor=person)

    task.refresh_from_db()
    assert task.status == TaskStatus.DONE
    assert task.completed_at is not None
    entry = history_of(task).get()
    assert (entry.action, entry.after["status"]) == ("campaign.task.status", "done")


def test_outsider_cannot_move_a_task_and_nothing_changes():
    task = TaskFactory()

    with pytest.raises(NotAllowed):
        change_task_status(task, TaskStatus.DONE, actor=UserFactory())

    task.refresh_from_db()
    assert task.status == TaskStatus.PENDING
    assert not history_of(task).exists()


def test_a_cancelled_task_cannot_be_finished():
    task = TaskFactory(status=TaskStatus.CANCELLED)

    with pytest.raises(InvalidTransition):
        change_task_status(
            task, TaskStatus.DONE, actor=person_with_role(Role.CITY_OFFICER)
        )


def test_task_list_page_marks_provisional_and_overdue(client):
    planner = person_with_role(Role.CITY_OFFICER)
    TaskFactory(
        title="二〇二七任务", due_on=None, event_on=dt.date(2027, 3, 1), days_before=3
    )
    TaskFactory(title="过期任务", due_on=dt.date(2026, 1, 5))
    client.force_login(planner)

    with _frozen(2026, 3, 1):
        page = client.get("/campaign/tasks/").content.decode()

    assert "暂定" in page
    assert "已逾期" in page


def test_task_list_tells_district_officers_which_tasks_they_see(client):
    officer = person_with_role(Role.DISTRICT_OFFICER, district=DistrictFactory())
    TaskFactory(title="全市任务")
    client.force_login(officer)

    page = client.get("/campaign/tasks/").content.decode()

    assert "全市任务" not in page
    assert "本区、本街道单位负责的任务" in page


def test_task_list_has_no_scope_note_for_city_officers(client):
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get("/campaign/tasks/").content.decode()

    assert "scope-note" not in page


def test_task_list_page_is_refused_to_residents(client):
    client.force_login(person_with_role(Role.RESIDENT))

    assert client.get("/campaign/tasks/").status_code == 403


def test_status_change_through_the_page(client):
    planner = person_with_role(Role.CITY_OFFICER)
    task = TaskFactory()
    client.force_login(planner)

    client.post(f"/campaign/tasks/{task.pk}/status/", {"status": "in_progress"})

    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    page = client.get(f"/campaign/tasks/{task.pk}/").content.decode()
    assert "campaign.task.status" in page
    for label in ("活动版块", "阶段", "责任单位/责任人", "截止", "状态"):
        assert f"{label}：</span>" in page
    # The change reads as the field's name and the states' names, not codes.
    assert "状态：未开始 → 进行中" in page
    assert "pending" not in page.split('id="history"')[1]


def test_create_task_through_the_page(client):
    planner = person_with_role(Role.CITY_OFFICER)
    board = BoardFactory()
    client.force_login(planner)

    with _frozen(2026, 3, 1):
        response = client.post(
            "/campaign/tasks/new/",
            {
                "board": board.pk,
                "title": "落实场地",
                "stage": "prepare",
                "event_on": "2026-08-20",
                "days_before": "5",
            },
        )

    task = Task.objects.get()
    assert response.status_code == 302
    assert (task.event_on, task.days_before) == (dt.date(2026, 8, 20), 5)


def _task_form_post(client, **dates):
    client.force_login(person_with_role(Role.CITY_OFFICER))
    board = BoardFactory()
    return client.post(
        "/campaign/tasks/new/",
        {"board": board.pk, "title": "落实场地", "stage": "prepare", **dates},
    ).content.decode()


def _field_errors(page, field):
    """The error texts shown at one field of the task form."""
    if f'id="id_{field}_error"' not in page:
        return []
    block = page.split(f'id="id_{field}_error"', 1)[1].split("</ul>", 1)[0]
    return re.findall(r"<li>(.*?)</li>", block)


def test_task_form_with_both_kinds_of_deadline_says_so_once_at_the_due_date(client):
    with _frozen(2026, 3, 1):
        page = _task_form_post(
            client, due_on="2026-08-01", event_on="2026-08-20", days_before="5"
        )

    message = "请填写截止日期，或填写活动日期及提前的工作日数（二者只能选一）。"
    assert page.count(message) == 1
    assert _field_errors(page, "due_on") == [message]
    assert "task_deadline" not in page
    assert "约束" not in page
    assert 'value="2026-08-20"' in page
    assert not Task.objects.exists()


def test_task_form_with_an_event_date_but_no_days_asks_for_the_days(client):
    with _frozen(2026, 3, 1):
        page = _task_form_post(client, event_on="2026-08-20")

    assert _field_errors(page, "days_before") == ["请填写活动日期前的工作日数。"]
    assert "task_deadline" not in page
    assert not Task.objects.exists()


def test_task_form_refuses_a_due_date_in_the_past_and_keeps_it(client):
    with _frozen(2026, 3, 1):
        page = _task_form_post(client, due_on="2026-02-27")

    assert _field_errors(page, "due_on") == [
        "截止日期 2026-02-27 已过，请填写今天或以后的日期。"
    ]
    assert 'value="2026-02-27"' in page
    assert 'value="落实场地"' in page
    assert '<label for="id_title">标题：</label>' in page
    assert not Task.objects.exists()


def test_task_form_refuses_an_event_whose_deadline_has_passed(client):
    # Five working days before Fri 2026-03-06 is Sat 2026-02-28, a make-up
    # working day after the Spring Festival.
    with _frozen(2026, 3, 1):
        page = _task_form_post(client, event_on="2026-03-06", days_before="5")

    assert _field_errors(page, "days_before") == [
        "截止日期 2026-02-28 已过，请填写今天或以后的日期。"
    ]
    assert not Task.objects.exists()


def test_api_refuses_a_task_whose_deadline_has_passed(client):
    board = BoardFactory()
    client.force_login(person_with_role(Role.CITY_OFFICER))

    with _frozen(2026, 3, 1):
        response = client.post(
            "/api/v1/campaign/tasks",
            {
                "board": board.code,
                "title": "x",
                "stage": "prepare",
                "due_on": "2026-02-27",
            },
            content_type="application/json",
        )

    assert response.status_code == 422
    assert response.json()["code"] == "deadline_passed"
    assert "已过" in response.json()["message"]
    assert not Task.objects.exists()


def test_api_lists_tasks_in_scope_with_deadline_state(client):
    person = UserFactory()
    TaskFactory(responsible_person=person, due_on=dt.date(2026, 6, 1))
    TaskFactory()
    client.force_login(person)

    with _frozen(2026, 6, 10):
        body = client.get("/api/v1/campaign/tasks").json()

    assert [(row["deadline_state"], row["provisional"]) for row in body] == [
        ("overdue", False)
    ]


def test_api_refuses_an_invalid_move_with_the_error_envelope(client):
    planner = person_with_role(Role.CITY_OFFICER)
    task = TaskFactory(status=TaskStatus.CANCELLED)
    client.force_login(planner)

    response = client.post(
        f"/api/v1/campaign/tasks/{task.pk}/status",
        {"status": "done"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"


def test_api_hides_tasks_outside_the_scope(client):
    client.force_login(UserFactory())

    response = client.get(f"/api/v1/campaign/tasks/{TaskFactory().pk}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_task_form_offers_only_staff_as_responsible_person():
    from campaign.forms import TaskForm

    staff = person_with_role(
        Role.DISTRICT_OFFICER, district=SubdistrictFactory().district
    )
    resident = person_with_role(Role.RESIDENT)

    offered = set(TaskForm().fields["responsible_person"].queryset)

    assert staff in offered
    assert resident not in offered


def test_api_creates_a_task_counted_back_from_the_event(client):
    board = BoardFactory()
    client.force_login(person_with_role(Role.CITY_OFFICER))

    with _frozen(2026, 3, 1):
        response = client.post(
            "/api/v1/campaign/tasks",
            {
                "board": board.code,
                "title": "发布通知",
                "stage": "prepare",
                "event_on": "2026-10-15",
                "days_before": 5,
            },
            content_type="application/json",
        )

    assert response.status_code == 201
    assert response.json()["due_on"] == "2026-10-09"
    assert Task.objects.get().title == "发布通知"


@pytest.mark.parametrize(
    ("role", "status"), [(Role.DISTRICT_OFFICER, 403), (Role.RESIDENT, 403)]
)
def test_api_refuses_task_creation_outside_planners(client, role, status):
    board = BoardFactory()
    client.force_login(person_with_role(role))

    response = client.post(
        "/api/v1/campaign/tasks",
        {"board": board.code, "title": "x", "stage": "prepare", "due_on": "2026-01-09"},
        content_type="application/json",
    )

    assert response.status_code == status
    assert response.json()["code"] == "forbidden"
    assert not Task.objects.exists()


def test_api_refuses_a_task_with_both_kinds_of_deadline(client):
    board = BoardFactory()
    client.force_login(person_with_role(Role.CITY_OFFICER))

    response = client.post(
        "/api/v1/campaign/tasks",
        {
            "board": board.code,
            "title": "x",
            "stage": "prepare",
            "due_on": "2026-01-09",
            "event_on": "2026-02-01",
            "days_before": 2,
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert response.json()["code"] == "invalid_deadline"


def test_board_project_page_shows_groups_and_tasks(client):
    from campaign.plan import load_plan

    load_plan()
    planner = person_with_role(Role.CITY_OFFICER)
    TaskFactory(board=Board.objects.get(code="skills"), title="落实裁判")
    client.force_login(planner)

    page = client.get("/campaign/boards/skills/").content.decode()

    assert "裁判组" in page
    assert "落实裁判" in page
    assert page.count("主办单位") == 1
    assert "主办单位：厦门市物业行业党委、厦门市物业管理协会" in page
    # A group named by its kind is not tagged with the kind again.
    assert '<strong>宣传组</strong> <span class="tag">' not in page
    assert '<strong>竞赛组委会</strong> <span class="tag">' not in page


def test_attention_page_lists_only_overdue_and_due_soon(client):
    planner = person_with_role(Role.CITY_OFFICER)
    TaskFactory(title="已过期", due_on=dt.date(2026, 3, 1))
    TaskFactory(title="还早", due_on=dt.date(2026, 9, 1))
    client.force_login(planner)

    with _frozen(2026, 3, 5):
        page = client.get("/campaign/tasks/?attention=1").content.decode()

    assert "已过期" in page
    assert "还早" not in page


@pytest.mark.parametrize("days_before", [-1, 251])
def test_create_task_refuses_an_impossible_count_of_days(days_before):
    with pytest.raises(InvalidDeadline):
        create_task(
            BoardFactory(),
            actor=person_with_role(Role.CITY_OFFICER),
            title="x",
            stage="prepare",
            event_on=dt.date(2026, 7, 1),
            days_before=days_before,
        )

    assert not Task.objects.exists()
