"""Changes to the campaign's project plan."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can
from campaign.enums import TASK_TRANSITIONS, TaskStatus
from campaign.models import MAX_DAYS_BEFORE, Task
from common import audit
from common.errors import DomainError, NotAllowed
from common.transitions import transition
from common.workdays import add_working_days


class InvalidDeadline(DomainError):
    code = "invalid_deadline"
    status = 422
    default_message = _(
        "Give either a due date or a number of working days before the event date."
    )


class DeadlinePassed(DomainError):
    code = "deadline_passed"
    status = 422

    def __init__(self, deadline):
        super().__init__(
            _("The deadline %(date)s has passed; give today or a later date.")
            % {"date": deadline.isoformat()}
        )


def passed_deadline(*, due_on=None, event_on=None, days_before=None):
    """The deadline these dates give if it is before today, else None."""
    if due_on is None:
        due_on, _provisional = add_working_days(event_on, -days_before)
    return due_on if due_on < timezone.localdate() else None


def create_task(
    board,
    *,
    actor,
    title,
    stage,
    group=None,
    responsible_unit=None,
    responsible_person=None,
    due_on=None,
    event_on=None,
    days_before=None,
    is_sample=False,
):
    """Add a task to ``board``'s plan and write the audit entry.

    The deadline is either ``due_on`` or ``days_before`` working days before
    ``event_on``, never both, and not before today. Sample tasks, which show
    how a plan reads, may lie in the past.
    """
    if not can(actor, "campaign.manage_tasks"):
        raise NotAllowed()
    by_date = due_on is not None and event_on is None and days_before is None
    by_event = (
        due_on is None
        and event_on is not None
        and days_before is not None
        and 0 <= days_before <= MAX_DAYS_BEFORE
    )
    if not (by_date or by_event):
        raise InvalidDeadline()
    passed = passed_deadline(due_on=due_on, event_on=event_on, days_before=days_before)
    if passed is not None and not is_sample:
        raise DeadlinePassed(passed)
    if group is not None and group.board_id != board.pk:
        raise DomainError(_("The work group belongs to another activity."))

    with transaction.atomic():
        task = Task.objects.create(
            board=board,
            title=title,
            stage=stage,
            group=group,
            responsible_unit=responsible_unit,
            responsible_person=responsible_person,
            due_on=due_on,
            event_on=event_on,
            days_before=days_before,
            is_sample=is_sample,
        )
        audit.record(
            "campaign.task.create",
            task,
            actor=actor,
            after={
                "title": title,
                "stage": stage,
                "due_on": due_on,
                "event_on": event_on,
                "days_before": days_before,
            },
        )
    return task


def change_task_status(task, to_status, *, actor, reason=""):
    """Move ``task`` to ``to_status``; finishing it stamps ``completed_at``."""
    completed_at = timezone.now() if to_status == TaskStatus.DONE else None
    return transition(
        task,
        to_status,
        actor=actor,
        table=TASK_TRANSITIONS,
        action="campaign.task.status",
        allowed=can(actor, "campaign.change_task_status", task),
        field="status",
        changes={"completed_at": completed_at},
        reason=reason,
    )
