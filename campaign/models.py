from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaign.enums import GroupKind, ItemKind, TaskStage, TaskStatus, UnitRole

# A year of working days: further back than that is a typing error.
MAX_DAYS_BEFORE = 250


class Phase(models.Model):
    """One of the plan's three phases (一年亮品牌、两年促提升、三年见长效)."""

    code = models.SlugField(_("code"), unique=True)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    aim = models.TextField(_("aim"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["number"]

    def __str__(self):
        return self.name


class Board(models.Model):
    """One of the five activity boards, as 附件1-1 of the plan describes it."""

    code = models.SlugField(_("code"), unique=True)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=50)
    content = models.TextField(_("activity content"))
    purpose = models.TextField(_("purpose"))
    window_text = models.CharField(_("time as written in the plan"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    rules = models.JSONField(_("rules"), default=dict, blank=True)

    class Meta:
        verbose_name = _("board")
        verbose_name_plural = _("boards")
        ordering = ["number"]

    def __str__(self):
        return self.name

    def units_by_role(self):
        """``[(role name, [unit names])]``: each role once, in the plan's order.

        A board with two host units reads "主办单位：甲、乙", not the role twice.
        """
        names = {}
        for unit in self.units.all():
            names.setdefault(unit.role, []).append(unit.name)
        return [
            (UnitRole(role).label, names[role])
            for role in UnitRole.values
            if role in names
        ]


class BoardUnit(models.Model):
    """A guiding, host or organising unit of a board.

    Government and industry bodies link to their :class:`GovernmentUnit`;
    the plan also names groups of firms ("物业服务企业"), kept as text only.
    """

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="units"
    )
    role = models.CharField(_("role"), max_length=12, choices=UnitRole.choices)
    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(
        "organizations.GovernmentUnit",
        verbose_name=_("government unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("board unit")
        verbose_name_plural = _("board units")
        ordering = ["board", "role", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "role", "name"], name="board_unit_once"
            )
        ]

    def __str__(self):
        return f"{self.board} {self.get_role_display()} {self.name}"


class ScheduleItem(models.Model):
    """A stage, theme day, event or rule of a board, dated where the plan dates it."""

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=60)
    kind = models.CharField(_("kind"), max_length=12, choices=ItemKind.choices)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"), null=True, blank=True
    )
    duration_hours = models.PositiveSmallIntegerField(
        _("duration in hours"), null=True, blank=True
    )
    order = models.PositiveSmallIntegerField(_("display order"), default=0)

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["board__number", "starts_on", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "code"], name="schedule_item_code_in_board"
            )
        ]

    def __str__(self):
        return f"{self.board} {self.title}"


class WorkGroup(models.Model):
    """A working group of an activity (组委会, 裁判/评审组, 宣传组, 后勤保障组)."""

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="groups"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=GroupKind.choices)
    name = models.CharField(_("name"), max_length=50)
    duties = models.TextField(_("duties"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        blank=True,
        related_name="work_groups",
    )

    class Meta:
        verbose_name = _("work group")
        verbose_name_plural = _("work groups")
        ordering = ["board__number", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["board", "kind"], name="work_group_once")
        ]

    def __str__(self):
        return f"{self.board} {self.name}"


class Task(models.Model):
    """A task of an activity's project plan, with an owner and a deadline.

    The deadline is either a date (``due_on``) or ``days_before`` working days
    before the event (``event_on``); see :mod:`campaign.deadlines`.
    """

    board = models.ForeignKey(
        Board, verbose_name=_("board"), on_delete=models.CASCADE, related_name="tasks"
    )
    group = models.ForeignKey(
        WorkGroup,
        verbose_name=_("work group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    title = models.CharField(_("title"), max_length=200)
    stage = models.CharField(_("stage"), max_length=10, choices=TaskStage.choices)
    responsible_unit = models.ForeignKey(
        "organizations.GovernmentUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    responsible_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaign_tasks",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    event_on = models.DateField(_("event date"), null=True, blank=True)
    days_before = models.PositiveSmallIntegerField(
        _("working days before the event"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_DAYS_BEFORE)],
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.PENDING,
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["board__number", "due_on", "event_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        due_on__isnull=False,
                        event_on__isnull=True,
                        days_before__isnull=True,
                    )
                    | models.Q(
                        due_on__isnull=True,
                        event_on__isnull=False,
                        days_before__isnull=False,
                    )
                ),
                name="task_deadline_date_or_days_before_event",
            )
        ]

    def __str__(self):
        return self.title
