from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import can
from campaign import feeds, services
from campaign.enums import TASK_TRANSITIONS, TaskStatus
from campaign.forms import TaskForm
from campaign.models import Board
from campaign.selectors import (
    boards_with_schedule,
    on_now,
    task_scope_note,
    tasks_needing_attention,
    tasks_visible_to,
    timeline,
    today,
    with_deadlines,
)
from common.audit import history_of
from common.errors import DomainError
from common.xlsx import workbook_response


def schedule(request):
    phases, boards = timeline()
    return render(
        request,
        "campaign/schedule.html",
        {"phases": phases, "boards": boards, "now": on_now()},
    )


def schedule_ics(request):
    response = HttpResponse(
        feeds.schedule_calendar(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="hongguanjia-schedule.ics"'
    return response


def schedule_xlsx(request):
    return workbook_response(
        f"红管家活动安排-{today():%Y%m%d}.xlsx", feeds.schedule_sheets()
    )


def home_section(request):
    """The "正在进行" block of the resident home page: what is on today."""
    now = on_now()
    return {"now": now}


def _require(user, rule, obj=None):
    if not can(user, rule, obj):
        raise PermissionDenied


@login_required
def task_list(request):
    _require(request.user, "campaign.view_tasks")
    if request.GET.get("attention"):
        tasks = tasks_needing_attention(request.user)
    else:
        tasks = tasks_visible_to(request.user)
        if request.GET.get("board"):
            tasks = tasks.filter(board__code=request.GET["board"])
        if request.GET.get("status") in TaskStatus.values:
            tasks = tasks.filter(status=request.GET["status"])
        tasks = with_deadlines(tasks)
    return render(
        request,
        "campaign/task_list.html",
        {
            "tasks": tasks,
            "boards": Board.objects.all(),
            "statuses": TaskStatus.choices,
            "attention": bool(request.GET.get("attention")),
            "may_manage": can(request.user, "campaign.manage_tasks"),
            "scope_note": task_scope_note(request.user),
        },
    )


@login_required
def task_detail(request, pk):
    _require(request.user, "campaign.view_tasks")
    task = get_object_or_404(tasks_visible_to(request.user), pk=pk)
    task = with_deadlines([task])[0]
    moves = (
        [state for state in TaskStatus if state in TASK_TRANSITIONS[task.status]]
        if can(request.user, "campaign.change_task_status", task)
        else []
    )
    return render(
        request,
        "campaign/task_detail.html",
        {"task": task, "moves": moves, "history": history_of(task)},
    )


@login_required
@require_POST
def task_status(request, pk):
    task = get_object_or_404(tasks_visible_to(request.user), pk=pk)
    try:
        services.change_task_status(
            task, request.POST.get("status", ""), actor=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("campaign:task_detail", pk=task.pk)


@login_required
def task_create(request):
    _require(request.user, "campaign.manage_tasks")
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = services.create_task(
                data["board"],
                actor=request.user,
                title=data["title"],
                stage=data["stage"],
                group=data["group"],
                responsible_unit=data["responsible_unit"],
                responsible_person=data["responsible_person"],
                due_on=data["due_on"],
                event_on=data["event_on"],
                days_before=data["days_before"],
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            return redirect("campaign:task_detail", pk=task.pk)
    return render(request, "campaign/task_form.html", {"form": form})


@login_required
def board_project(request, code):
    _require(request.user, "campaign.view_tasks")
    board = get_object_or_404(boards_with_schedule(), code=code)
    tasks = with_deadlines(tasks_visible_to(request.user).filter(board=board))
    return render(
        request,
        "campaign/board_project.html",
        {"board": board, "tasks": tasks, "scope_note": task_scope_note(request.user)},
    )
