"""Reads of the campaign plan and scoped reads of tasks."""

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import scope_of
from campaign.deadlines import deadline_of, needs_attention
from campaign.enums import OPEN_STATUSES
from campaign.models import Board, BoardUnit, Phase, ScheduleItem, Task
from common.workdays import WorkingCalendar


def today():
    """Today's date in Asia/Shanghai, asked each time (never at import)."""
    return timezone.localdate()


def boards_with_schedule():
    return Board.objects.prefetch_related(
        Prefetch("units", queryset=BoardUnit.objects.order_by("role", "order")),
        Prefetch(
            "items",
            queryset=ScheduleItem.objects.order_by("starts_on", "order"),
        ),
        "groups",
    )


def _covers(start, end, day):
    return start is not None and end is not None and start <= day <= end


def _spans(board):
    """The board's window and the dates of its items (the service week recurs)."""
    yield board.starts_on, board.ends_on
    for item in board.items.all():
        if item.starts_on is not None and item.ends_on is not None:
            yield item.starts_on, item.ends_on


def _runs_on(board, day):
    return any(start <= day <= end for start, end in _spans(board))


def _overlaps(board, start, end):
    return any(s <= end and e >= start for s, e in _spans(board))


def timeline(day=None):
    """Phases with the boards that run in each, marked with what is on ``day``."""
    day = day or today()
    boards = list(boards_with_schedule())
    phases = []
    for phase in Phase.objects.all():
        phase.is_current = _covers(phase.starts_on, phase.ends_on, day)
        phase.boards = [
            board
            for board in boards
            if _overlaps(board, phase.starts_on, phase.ends_on)
        ]
        phases.append(phase)
    for board in boards:
        board.is_current = _runs_on(board, day)
        board.is_past = max(end for _, end in _spans(board)) < day
        board.open_items, board.past_items = [], []
        for item in board.items.all():
            item.is_current = _covers(item.starts_on, item.ends_on, day)
            finished = item.ends_on is not None and item.ends_on < day
            (board.past_items if finished else board.open_items).append(item)
    return phases, boards


def on_now(day=None):
    """What is on ``day``: the current phase, boards and dated items."""
    day = day or today()
    return {
        "day": day,
        "phase": Phase.objects.filter(starts_on__lte=day, ends_on__gte=day).first(),
        "boards": [board for board in boards_with_schedule() if _runs_on(board, day)],
        "items": list(
            ScheduleItem.objects.filter(starts_on__lte=day, ends_on__gte=day)
            .select_related("board")
            .order_by("starts_on", "order")
        ),
        "next_items": list(
            ScheduleItem.objects.filter(starts_on__gt=day)
            .select_related("board")
            .order_by("starts_on", "order")[:3]
        ),
    }


def task_scope_filter(user):
    """A Q selecting the tasks of ``user``'s scope; None for the whole city."""
    scope = scope_of(user)
    if scope.city:
        return None
    query = Q(responsible_person=user)
    if scope.district_ids:
        query |= Q(responsible_unit__district_id__in=scope.district_ids)
        query |= Q(responsible_unit__subdistrict__district_id__in=scope.district_ids)
    if scope.subdistrict_ids:
        query |= Q(responsible_unit__subdistrict_id__in=scope.subdistrict_ids)
    return query


def task_scope_note(user):
    """What of the plan's tasks ``user`` sees, in words; "" for the whole plan.

    Follows :func:`task_scope_filter`; task lists show it so that an officer
    seeing part of the plan knows why.
    """
    scope = scope_of(user)
    if scope.city:
        return ""
    if scope.district_ids or scope.subdistrict_ids:
        return _(
            "This list shows only the tasks assigned to you and to the units of "
            "your district or subdistrict."
        )
    return _("This list shows only the tasks assigned to you.")


def tasks_visible_to(user):
    tasks = Task.objects.select_related(
        "board", "group", "responsible_unit", "responsible_person"
    )
    if not user.is_authenticated:
        return tasks.none()
    query = task_scope_filter(user)
    return tasks if query is None else tasks.filter(query)


def with_deadlines(tasks, *, now=None):
    """Each task with ``deadline`` set, sharing one working-day calendar."""
    calendar = WorkingCalendar()
    now = now or timezone.now()
    rows = list(tasks)
    for task in rows:
        task.deadline = deadline_of(task, now=now, calendar=calendar)
    return rows


def tasks_needing_attention(user, *, now=None):
    """Open tasks of ``user``'s scope that are overdue or due soon, soonest first."""
    open_tasks = tasks_visible_to(user).filter(status__in=OPEN_STATUSES)
    rows = [
        t for t in with_deadlines(open_tasks, now=now) if needs_attention(t.deadline)
    ]
    return sorted(rows, key=lambda task: (task.deadline.due_on, task.pk))
