from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditQuerySet(models.QuerySet):
    """Bulk changes of the audit log are refused like single ones."""

    def update(self, **kwargs):
        raise PermissionDenied("audit entries cannot be changed")

    def delete(self):
        raise PermissionDenied("audit entries cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise PermissionDenied("audit entries cannot be changed")


class AuditEntry(models.Model):
    """One state change: who did what to which object, before and after.

    Rows are append-only: the application refuses to change or delete them,
    and on PostgreSQL a trigger (migration 0002) refuses it in the database.
    """

    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(_("before"), default=dict, blank=True)
    after = models.JSONField(_("after"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("audit entries cannot be deleted")


class CalendarOverride(models.Model):
    """An administrator's correction of the working-day calendar for one date.

    It wins over the statutory calendar of the ``chinesecalendar`` package; for
    a year the package does not know yet, entering the official schedule here
    makes that year's deadlines definite instead of provisional.
    """

    date = models.DateField(_("date"), unique=True)
    is_working_day = models.BooleanField(_("working day"))
    note = models.CharField(_("note"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date} {self.note}"


class SmsOutbox(models.Model):
    """Messages kept by the local SMS stand-in instead of being sent."""

    at = models.DateTimeField(_("time"), auto_now_add=True)
    mobile = models.CharField(_("mobile"), max_length=20, db_index=True)
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("local SMS outbox")
        verbose_name_plural = _("local SMS outbox")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%H:%M:%S} {self.text[:20]}"


class ScheduledRun(models.Model):
    """One due time of a periodic job, claimed by the scheduler that enqueued it.

    The unique pair makes a job run once per due time even when two scheduler
    processes are started by mistake.
    """

    job = models.CharField(_("job"), max_length=100)
    due_at = models.DateTimeField(_("due at"))
    enqueued_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_run_once")
        ]

    def __str__(self):
        return f"{self.job} {self.due_at:%Y-%m-%d %H:%M}"
