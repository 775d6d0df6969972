"""Choices of the campaign plan, with the task state machine beside them."""

from django.db import models
from django.utils.translation import pgettext_lazy


class UnitRole(models.TextChoices):
    GUIDING = "guiding", pgettext_lazy("unit role", "guiding unit")
    HOST = "host", pgettext_lazy("unit role", "host unit")
    ORGANISING = "organising", pgettext_lazy("unit role", "organising unit")


class ItemKind(models.TextChoices):
    STAGE = "stage", pgettext_lazy("schedule item", "stage")
    THEME_DAY = "theme_day", pgettext_lazy("schedule item", "theme day")
    EVENT = "event", pgettext_lazy("schedule item", "event")
    RULE = "rule", pgettext_lazy("schedule item", "rule")


class GroupKind(models.TextChoices):
    COMMITTEE = "committee", pgettext_lazy("work group", "organising committee")
    JUDGING = "judging", pgettext_lazy("work group", "judging and review group")
    PUBLICITY = "publicity", pgettext_lazy("work group", "publicity group")
    LOGISTICS = "logistics", pgettext_lazy("work group", "logistics group")


class TaskStage(models.TextChoices):
    """The project-management flow of the plan: 责任分工 → … → 总结复盘."""

    ASSIGN = "assign", pgettext_lazy("task stage", "division of responsibilities")
    BACKWARD = "backward", pgettext_lazy("task stage", "backward scheduling")
    PREPARE = "prepare", pgettext_lazy("task stage", "preparation and launch")
    DEEPEN = "deepen", pgettext_lazy("task stage", "deepening")
    REVIEW = "review", pgettext_lazy("task stage", "summary and review")


class TaskStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("task status", "not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("task status", "in progress")
    DONE = "done", pgettext_lazy("task status", "done")
    CANCELLED = "cancelled", pgettext_lazy("task status", "cancelled")


TASK_TRANSITIONS = {
    TaskStatus.PENDING: {TaskStatus.IN_PROGRESS, TaskStatus.DONE, TaskStatus.CANCELLED},
    TaskStatus.IN_PROGRESS: {TaskStatus.PENDING, TaskStatus.DONE, TaskStatus.CANCELLED},
    TaskStatus.DONE: {TaskStatus.IN_PROGRESS},
    TaskStatus.CANCELLED: {TaskStatus.PENDING},
}
OPEN_STATUSES = (TaskStatus.PENDING, TaskStatus.IN_PROGRESS)
