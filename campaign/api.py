import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from accounts.api_auth import API_AUTH
from accounts.models import User
from campaign import services
from campaign.enums import TaskStage
from campaign.models import Board, Phase
from campaign.selectors import (
    boards_with_schedule,
    on_now,
    tasks_needing_attention,
    tasks_visible_to,
    with_deadlines,
)
from common.api import responses
from common.errors import DomainError
from organizations.models import GovernmentUnit

router = Router(tags=["campaign"])


class PhaseOut(Schema):
    code: str
    number: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    aim: str


class UnitOut(Schema):
    role: str
    name: str


class ItemOut(Schema):
    code: str
    kind: str
    title: str
    description: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    duration_days: int | None
    duration_hours: int | None


class GroupOut(Schema):
    kind: str
    name: str
    duties: str


class BoardOut(Schema):
    code: str
    number: int
    name: str
    content: str
    purpose: str
    window_text: str
    starts_on: dt.date
    ends_on: dt.date
    rules: dict
    units: list[UnitOut]
    items: list[ItemOut]
    groups: list[GroupOut]

    @staticmethod
    def resolve_groups(obj):
        return list(obj.groups.all())

    @staticmethod
    def resolve_units(obj):
        return list(obj.units.all())

    @staticmethod
    def resolve_items(obj):
        return list(obj.items.all())


class NowOut(Schema):
    day: dt.date
    phase: PhaseOut | None
    boards: list[str]
    items: list[ItemOut]


class TaskOut(Schema):
    id: int
    board: str
    title: str
    stage: str
    status: str
    responsible_unit: str | None
    responsible_person: str | None
    due_on: dt.date
    provisional: bool
    deadline_state: str


class TaskIn(Schema):
    board: str
    title: str
    stage: str
    group: str = ""
    responsible_unit_id: int | None = None
    responsible_person_id: int | None = None
    due_on: dt.date | None = None
    event_on: dt.date | None = None
    days_before: int | None = None


class StatusIn(Schema):
    status: str
    reason: str = ""


def _task_out(task):
    return {
        "id": task.pk,
        "board": task.board.code,
        "title": task.title,
        "stage": task.stage,
        "status": task.status,
        "responsible_unit": str(task.responsible_unit or "") or None,
        "responsible_person": str(task.responsible_person or "") or None,
        "due_on": task.deadline.due_on,
        "provisional": task.deadline.provisional,
        "deadline_state": str(task.deadline.state),
    }


@router.get("/phases", response=responses(200, list[PhaseOut]))
def list_phases(request):
    return list(Phase.objects.all())


@router.get("/boards", response=responses(200, list[BoardOut]))
def list_boards(request):
    return list(boards_with_schedule())


@router.get("/boards/{code}", response=responses(200, BoardOut))
def get_board(request, code: str):
    return get_object_or_404(boards_with_schedule(), code=code)


@router.get("/now", response=responses(200, NowOut))
def what_is_on(request):
    now = on_now()
    return {
        "day": now["day"],
        "phase": now["phase"],
        "boards": [board.code for board in now["boards"]],
        "items": now["items"],
    }


@router.get("/tasks", auth=API_AUTH, response=responses(200, list[TaskOut]))
def list_tasks(request, board: str = "", attention: bool = False):
    if attention:
        tasks = tasks_needing_attention(request.auth)
    else:
        query = tasks_visible_to(request.auth)
        if board:
            query = query.filter(board__code=board)
        tasks = with_deadlines(query)
    return [_task_out(task) for task in tasks]


@router.post("/tasks", auth=API_AUTH, response=responses(201, TaskOut))
def create_task(request, payload: TaskIn):
    board = get_object_or_404(Board, code=payload.board)
    if payload.stage not in TaskStage.values:
        raise DomainError(
            _("This stage does not exist."), code="invalid_stage", status=422
        )
    task = services.create_task(
        board,
        actor=request.auth,
        title=payload.title,
        stage=payload.stage,
        group=board.groups.filter(kind=payload.group).first()
        if payload.group
        else None,
        responsible_unit=_optional(GovernmentUnit, payload.responsible_unit_id),
        responsible_person=_optional(User, payload.responsible_person_id),
        due_on=payload.due_on,
        event_on=payload.event_on,
        days_before=payload.days_before,
    )
    return Status(201, _task_out(with_deadlines([task])[0]))


def _optional(model, pk):
    return None if pk is None else get_object_or_404(model, pk=pk)


@router.get("/tasks/{task_id}", auth=API_AUTH, response=responses(200, TaskOut))
def get_task(request, task_id: int):
    task = get_object_or_404(tasks_visible_to(request.auth), pk=task_id)
    return _task_out(with_deadlines([task])[0])


@router.post("/tasks/{task_id}/status", auth=API_AUTH, response=responses(200, TaskOut))
def change_status(request, task_id: int, payload: StatusIn):
    task = get_object_or_404(tasks_visible_to(request.auth), pk=task_id)
    services.change_task_status(
        task, payload.status, actor=request.auth, reason=payload.reason
    )
    return _task_out(with_deadlines([task])[0])
